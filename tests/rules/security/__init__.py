"""TC0601..TC0607 (point 6, make things secure): the texts and helpers the topic's tests
share."""

from __future__ import annotations

HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: security:` in .tcop-lint.yml"
)


SHA = "11bd71901bbe5b1630ceea73d27597364c9af683"


DEPS = '{"dependencies": {"express": "^4.19.0"}}'


SCHEDULE = "    schedule:\n      interval: weekly\n"


CHECKOUT = "on: push\njobs:\n  x:\n    steps:\n      - uses: actions/checkout@v4\n"


def found(result) -> list[tuple[str, str | None, int | None, str]]:
    return [(f.message, f.path, f.start_line, f.level) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


SBT = {
    "build.sbt": "libraryDependencies ++= AppDependencies()\n",
    "project/AppDependencies.scala": "object AppDependencies\n",
}


TRIVY_ACTION = (
    "jobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: aquasecurity/trivy-action@6e7b7d1fd3e4fef0c5fa8cce1229c54b2c9bd0d8\n"
    "        with:\n          scan-type: {scan_type}\n{scanners}"
    "          format: sarif\n      - run: echo done\n"
)
