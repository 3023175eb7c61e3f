"""TC0607 pinned-actions."""

from __future__ import annotations

from conftest import run_rule

from . import SHA, evidence, found


def test_pinned_and_trusted_actions_pass(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  build:\n    steps:\n"
                "      - uses: actions/checkout@v4\n"
                f"      - uses: tj-actions/changed-files@{SHA}  # v46\n"
                "      - uses: ./.github/actions/setup\n"
                "      - uses: docker://alpine@sha256:" + "a" * 64 + "\n"
                "      - run: make\n"
            )
        }
    )
    result = run_rule(root, "TC0607")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/workflows/ci.yml",
            (
                "1 reference to a GitHub-owned action trusted (not SHA-pinned), 2 third-party "
                "references pinned, 1 local action in this repository"
            ),
        )
    ]


def test_unpinned_third_party_action_warns_on_the_uses_line(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  build:\n    steps:\n      - name: changed\n"
                "        uses: tj-actions/changed-files@v44\n"
                "      - uses: aquasecurity/trivy-action@master\n"
                "      - uses: someone/thing@a1b2c3d\n"
                "      - uses: docker://alpine:3.19\n"
            )
        }
    )
    result = run_rule(root, "TC0607")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "tj-actions/changed-files@v44 is not pinned to a full commit SHA: pin to a full "
                "commit SHA, e.g. tj-actions/changed-files@<40-hex> # v44"
            ),
            ".github/workflows/ci.yml",
            6,
            "warning",
        ),
        (
            (
                "aquasecurity/trivy-action@master is not pinned to a full commit SHA: pin to a "
                "full commit SHA, e.g. aquasecurity/trivy-action@<40-hex> # master"
            ),
            ".github/workflows/ci.yml",
            7,
            "warning",
        ),
        (
            (
                "someone/thing@a1b2c3d is pinned to a short SHA, which can be ambiguous: pin to a "
                "full commit SHA, e.g. someone/thing@<40-hex> # a1b2c3d"
            ),
            ".github/workflows/ci.yml",
            8,
            "warning",
        ),
        (
            (
                "docker://alpine:3.19 is not pinned to an image digest: pin it, e.g. "
                "docker://alpine@sha256:<digest>"
            ),
            ".github/workflows/ci.yml",
            9,
            "warning",
        ),
    ]


def test_reusable_workflow_job_and_composite_action(make_repo):
    root = make_repo(
        {
            ".github/workflows/release.yml": (
                "on: push\njobs:\n  shared:\n"
                "    uses: example-org/workflows/.github/workflows/release.yml@main\n"
                "    secrets: inherit\n"
            ),
            ".github/actions/setup/action.yml": (
                "name: setup\nruns:\n  using: composite\n  steps:\n"
                "    - uses: pnpm/action-setup@v4\n"
            ),
        }
    )
    result = run_rule(root, "TC0607")
    assert [
        (f.path, f.start_line, f.message.split(" is ")[0]) for f in result.findings
    ] == [
        (
            ".github/workflows/release.yml",
            4,
            "example-org/workflows/.github/workflows/release.yml@main",
        ),
        (".github/actions/setup/action.yml", 5, "pnpm/action-setup@v4"),
    ]


def test_github_owned_actions_need_shas_when_not_trusted(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "rules:\n  pinned-actions:\n    options:\n      trust-github-owned: false\n"
            ),
            ".github/workflows/ci.yml": (
                "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n"
                "      - uses: github/codeql-action/init@v3\n"
            ),
        }
    )
    result = run_rule(root, "TC0607")
    assert [(f.start_line, f.message.split(" is ")[0]) for f in result.findings] == [
        (4, "actions/checkout@v4"),
        (5, "github/codeql-action/init@v3"),
    ]


def test_pinned_actions_skipped_without_workflows(make_repo):
    result = run_rule(make_repo({"Jenkinsfile": "pipeline {}\n"}), "TC0607")
    assert (result.outcome, result.reason) == (
        "skipped",
        "no GitHub Actions workflows or action.yml files",
    )


def test_evidence_says_what_was_trusted_and_what_was_pinned(make_repo):
    """Issue 15, pattern 24: trusting a tag is not pinning it, and the evidence says which."""
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  build:\n    steps:\n"
                "      - uses: actions/checkout@v4\n"
                "      - uses: actions/setup-node@v4\n"
                f"      - uses: github/codeql-action/init@{SHA}\n"
                f"      - uses: tj-actions/changed-files@{SHA}  # v46\n"
                "      - uses: ${{ matrix.action }}\n"
            ),
            ".github/actions/setup/action.yml": (
                "runs:\n  using: composite\n  steps:\n"
                f"    - uses: pnpm/action-setup@{SHA}\n"
            ),
        }
    )
    result = run_rule(root, "TC0607")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/workflows/ci.yml",
            (
                "2 references to GitHub-owned actions trusted (not SHA-pinned), 1 reference to "
                "a GitHub-owned action pinned, 1 third-party reference pinned, 1 reference set "
                "by an expression (not checked)"
            ),
        ),
        (".github/actions/setup/action.yml", "1 third-party reference pinned"),
    ]
