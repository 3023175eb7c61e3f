"""TC0902 tests-in-ci: the repository has automated tests and its CI runs them."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.ci import ci_files
from tcop_lint.facts.ci_remote import (
    AZURE_TEMPLATE,
    GITLAB_INCLUDE,
    JENKINS_LIBRARY,
    REUSABLE_WORKFLOW,
    RemoteConfiguration,
    remote_configuration,
)
from tcop_lint.facts.source import has_application_source
from tcop_lint.facts.tests import (
    FoundTest,
    ci_test_runs,
    find_tests,
    places_of_tests,
    project_kind,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_SUGGESTED = {
    "python": "pytest",
    "node": "npm test",
    "go": "go test ./...",
    "jvm": "mvn -B verify",
    "gradle": "./gradlew check",
    "scala": "sbt test",
    "ruby": "bundle exec rspec",
    "ruby-minitest": "bundle exec rake test",
    "dotnet": "dotnet test",
    "php": "vendor/bin/phpunit",
    "elixir": "mix test",
    "rust": "cargo test",
    "dart": "dart test",
    "swift": "swift test",
    "shell": "bats test",
    "terraform": "terraform test",
}
"""The command to suggest for each kind of project (see ``facts.tests.project_kind``)."""
_HOW_REMOTE = {
    REUSABLE_WORKFLOW: "calls reusable workflows from other repositories",
    GITLAB_INCLUDE: "includes GitLab CI configuration kept outside this repository",
    JENKINS_LIBRARY: "uses Jenkins shared libraries",
    AZURE_TEMPLATE: "uses Azure Pipelines templates kept in other repositories",
}
_EVIDENCE_LINES = 3
_EVIDENCE_WIDTH = 120


@rule(
    code="TC0902",
    name="tests-in-ci",
    topic="integrate-adapt",
    level="warning",
    summary="The repository has automated tests and its CI runs them.",
    rationale="""
Point 9 of the Code (integrate and adapt technology) asks for component and integration
testing, so that technology can change and integrate with other systems safely. Tests only
protect a change if they run on it: the evidence is a test suite in the repository and a CI
pipeline that runs it (directly, or through `make test`, tox, nox or a package.json script).
""",
    remediation="""
Keep tests in the repository (`tests/`, `src/test/java`, `*_test.go`, `*.test.ts` ...) and run
them in CI. For example, in `.github/workflows/ci.yml`:

```yaml
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
      - run: pytest          # or: npm test, go test ./..., mvn -B verify, ./gradlew check
```

Test commands recognised include pytest, tox, nox, `python -m unittest`, npm/yarn/pnpm test
(and `npm run test:*`), jest, vitest, mocha, go test, mvn verify/test/install/package,
gradle test/check/build, sbt test, rspec, rake, HTML-Proofer, dotnet test, cargo test, mix
test, phpunit and `make test`/`make check`, including when CI reaches them through a Makefile
target, tox or nox configuration, a package.json script, a task runner (taskipy or go-task
`task`, poethepoet `poe`, `just`, `invoke`, Rake tasks), a repository script, a Concourse task
file or a local composite action, and with matrix values and CI variables filled in
(`npm run ${{ matrix.job }}`, GitLab `$TASK_BIN test`). `mvn -DskipTests` and `gradle -x test`
do not count. A reusable workflow from another repository
(`uses: org/shared/.github/workflows/test.yml@v2`), a GitLab `include:` of another project, a
URL, a template or a component, a Jenkins shared library (`@Library('pipeline') _`) and an
Azure Pipelines template of another repository (`template: test.yml@templates`) cannot be
read here, so when CI uses one and no step here runs the tests, the finding is only a note;
when the file it calls says by its name that it runs tests (`_run-java-tests.yml`,
`node_unit_tests.yml`, `jasmine.yml`), that is the evidence.
If tests run in a pipeline kept outside this repository, record an attestation.
""",
    attestable=True,
)
def tests_in_ci(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    tests = find_tests(repo)
    if not tests and not has_application_source(repo):
        raise NotApplicable(
            "no application source code found (only documentation or configuration), so "
            "there is nothing for tests to cover"
        )
    command = _SUGGESTED.get(project_kind(repo, tests) or "", "your test command")
    if not tests:
        yield Finding(
            "no automated tests found (looked for tests/, test/, spec/, __tests__/, "
            "src/test/, test_*.py, *_test.go, *.test.ts, *.spec.js, *Test.java, *_spec.rb "
            f"and similar): add tests and run them in CI with `{command}`",
            id="no-tests",
            missing=True,
        )
    else:
        first, _ = tests[0]
        yield Evidence(
            first,
            f"{len(tests)} test file{'s' * (len(tests) != 1)} ({_places(tests)})",
        )
    running = ci_test_runs(repo)
    named = [use for use in remote_configuration(repo).uses if use.named_for_tests]
    if tests and not running and named:
        for use in named[:_EVIDENCE_LINES]:
            yield Evidence(
                use.path,
                f"line {use.line}: calls {use.called}, kept in another repository, "
                "whose name says it runs tests",
            )
    elif tests and not running:
        yield _not_run(repo, tests, command)
    for line in running[:_EVIDENCE_LINES]:
        text = line.text.strip()
        if line.written is not None:
            text = f"{line.written.strip()} (filled in: {text})"
        if len(text) > _EVIDENCE_WIDTH:
            text = text[: _EVIDENCE_WIDTH - 3] + "..."
        via = f" (run by {line.via})" if line.via else ""
        yield Evidence(line.path, f"line {line.line}: {text}{via}")


def _places(tests: list[FoundTest]) -> str:
    places = places_of_tests(tests)
    return ", ".join(places[:3]) + (" and others" if len(places) > 3 else "")


def _not_run(repo: Repository, tests: list[FoundTest], command: str) -> Finding:
    """The finding for tests no CI step runs: a note when CI uses configuration kept
    elsewhere, which may run them."""
    remote = remote_configuration(repo)
    if remote.uses:
        return _maybe_remote(tests, command, remote)
    files = ci_files(repo)
    if files:
        return Finding(
            f"tests were found ({_places(tests)}) but CI does not run them: add a CI "
            f"step that runs `{command}`",
            path=files[0].path,
            start_line=1,
            id="tests-not-run",
            missing=True,
        )
    return Finding(
        f"tests were found ({_places(tests)}) but there is no CI pipeline to run "
        f"them (see TC0901): add one with a step that runs `{command}`",
        id="no-ci-to-run-tests",
        missing=True,
    )


def _maybe_remote(
    tests: list[FoundTest], command: str, remote: RemoteConfiguration
) -> Finding:
    where, more = remote.uses[0], len(remote.uses) - 1
    return Finding(
        f"tests were found ({_places(tests)}) and no CI step in this repository "
        f"runs them, but CI {_HOW_REMOTE[remote.kind]}, which tcop-lint cannot read "
        f"({where.called}{f' and {more} more' if more else ''}): "
        f"if none of them runs the tests, add a CI step that runs `{command}`",
        path=where.path,
        start_line=where.line,
        level="note",
        id="tests-may-run-elsewhere",
        missing=True,
    )
