"""Point 9, integrate and adapt technology: continuous integration and the tests it runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from tcop_lint.facts.ci import (
    ci_commands,
    ci_files,
    find_in_ci,
    script_tokens,
)
from tcop_lint.facts.source import has_application_source
from tcop_lint.facts.tests import PLACEHOLDER, runs_tests
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule


@rule(
    code="TC0901",
    name="continuous-integration",
    topic="integrate-adapt",
    level="error",
    summary="The repository has continuous integration configuration.",
    rationale="""
Point 9 of the Code (integrate and adapt technology) asks that technology fits with existing
systems and can change safely. Continuous integration, which builds and tests every change, is
the evidence a repository can hold that changes are integrated continually rather than in risky
batches.
""",
    remediation="""
Add a CI pipeline. For GitHub, create `.github/workflows/ci.yml`:

```yaml
name: CI
on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
      - run: make test
```

GitLab CI (`.gitlab-ci.yml`), Jenkins (`Jenkinsfile`), CircleCI, Azure Pipelines, Travis,
Bitbucket Pipelines, Drone, Woodpecker, Buildkite, Tekton, Cloud Build and CodeBuild
configurations are all recognised.
""",
    attestable=True,
)
def continuous_integration(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    found = ci_files(repo)
    if not found:
        yield Finding(
            "no CI configuration found (looked for .github/workflows/*.yml, .gitlab-ci.yml, "
            "Jenkinsfile, .circleci/config.yml, azure-pipelines.yml and others): add a pipeline "
            "that builds and tests every change"
        )
    for ci in found:
        yield Evidence(ci.path, ci.system)


# -- tests in CI ------------------------------------------------------------------------------

_VENDORED = lazy_re(
    r"(?:^|/)(?:node_modules|vendor|third[_-]party|bower_components|\.venv|venv|"
    r"site-packages|dist|build|target)/"
)
_REMOTE_WORKFLOW = lazy_re(
    r"""^\s*(?:-\s*)?uses:\s*['"]?([\w.-]+/[\w.-]+/\.github/workflows/[^@\s'"]+@[^\s'"#]+)"""
)
_GITLAB_REMOTE_KEYS = ("remote", "template", "component")
"""GitLab ``include:`` keys (besides ``project:``) naming configuration kept elsewhere."""
# `@Library('Infrastructure') _`, `@Library(['a', 'b@v1'])`, `library 'x'`, `library identifier: 'x@v'`
_JENKINS_LIBRARY = lazy_re(
    r"""^\s*(?:@Library\s*\(([^)]*)\)|library\s*\(?\s*(?:identifier\s*:\s*)?(['"][^'"]+['"]))"""
)
_QUOTED = lazy_re(r"""['"]([^'"]+)['"]""")
_TEST_DIRECTORY = lazy_re(
    r"(?:^|/)(?:tests?|specs?|__tests?__|e2e|cypress|integration[_-]tests?|"
    r"test[_-]?(?:unit|integration|e2e)|unit[_-]tests?|testsuite)/",
    re.IGNORECASE,
)
_CODE_EXTENSION = lazy_re(
    r"\.(?:py|js|jsx|ts|tsx|mjs|cjs|vue|svelte|go|java|kt|scala|groovy|rb|cs|fs|vb|php|rs|"
    r"ex|exs|erl|swift|m|c|cc|cpp|h|hpp|dart|r|jl|clj|hs|ml|lua|pl|sh|bats|feature|robot)$",
    re.IGNORECASE,
)
# (kind, case-sensitive basename pattern): CamelCase names need the real spelling
_TEST_FILE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, lazy_re(pattern))
    for kind, pattern in (
        ("python", r"test_\w+\.py|\w+_test\.py|conftest\.py"),
        ("node", r"[\w.-]+\.(?:test|spec|e2e-spec|cy)\.(?:[cm]?[jt]sx?)"),
        ("go", r"\w+_test\.go"),
        ("jvm", r"\w*(?:Tests?|IT|TestCase|Spec)\.(?:java|kt|groovy)"),
        ("scala", r"\w*(?:Spec|Test|Suite)\.scala"),
        ("ruby", r"\w+_(?:spec|test)\.rb"),
        ("dotnet", r"\w*Tests?\.(?:cs|fs|vb)"),
        ("php", r"\w+Test\.php"),
        ("elixir", r"\w+_test\.exs"),
        ("rust", r"\w+_test\.rs"),
        ("dart", r"\w+_test\.dart"),
        ("swift", r"\w+Tests?\.swift"),
        ("shell", r"[\w.-]+\.bats"),
        ("terraform", r"[\w.-]+\.tftest\.hcl"),
    )
)
_TEST_HINTS = ("test", "spec", "e2e", "cypress", ".cy.", ".bats", "it.", "suite")
"""Every test file or folder name holds one of these: a cheap first filter over all files."""
_KIND_BY_EXTENSION = {
    ".py": "python",
    ".js": "node",
    ".jsx": "node",
    ".ts": "node",
    ".tsx": "node",
    ".mjs": "node",
    ".cjs": "node",
    ".vue": "node",
    ".go": "go",
    ".java": "jvm",
    ".kt": "jvm",
    ".groovy": "jvm",
    ".scala": "scala",
    ".rb": "ruby",
    ".cs": "dotnet",
    ".fs": "dotnet",
    ".php": "php",
    ".exs": "elixir",
    ".ex": "elixir",
    ".rs": "rust",
    ".dart": "dart",
    ".swift": "swift",
    ".bats": "shell",
    ".feature": "bdd",
}
_MANIFEST_KINDS = (
    ("pyproject.toml", "python"),
    ("setup.py", "python"),
    ("requirements.txt", "python"),
    ("package.json", "node"),
    ("go.mod", "go"),
    ("pom.xml", "jvm"),
    ("build.gradle", "jvm"),
    ("build.gradle.kts", "jvm"),
    ("build.sbt", "scala"),
    ("Gemfile", "ruby"),
    ("Cargo.toml", "rust"),
    ("mix.exs", "elixir"),
    ("composer.json", "php"),
    ("pubspec.yaml", "dart"),
    ("Package.swift", "swift"),
)
_RUST_TEST = lazy_re(r"#\[(?:cfg\(test\)|test|tokio::test|rstest)\]")
_RUST_MAX_FILES = 300

_TEST_SCRIPT = lazy_re(
    r"(?:^|[/_.-])tests?(?:[_.-]|$)[^/]*$|/test[\w-]*$", re.IGNORECASE
)
"""A repository script named for running tests: script/test, scripts/run-tests.sh, ci/test."""
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


def _test_kind(path: str) -> str | None:
    """The kind of test file ``path`` is, or None when it is not a test file."""
    lower = path.lower()
    if not any(hint in lower for hint in _TEST_HINTS) or _VENDORED.search(path):
        return None
    name = path.rpartition("/")[2]
    for kind, pattern in _TEST_FILE_PATTERNS:
        if pattern.fullmatch(name):
            if kind == "ruby" and name.endswith("_test.rb"):
                return "ruby-minitest"
            return kind
    if _TEST_DIRECTORY.search(path) and _CODE_EXTENSION.search(name):
        extension = name[name.rfind(".") :].lower()
        return _KIND_BY_EXTENSION.get(extension, "other")
    return None


def _test_files(repo: Repository) -> list[tuple[str, str]]:
    def compute() -> list[tuple[str, str]]:
        found = [
            (path, kind)
            for path in repo.paths_containing(*_TEST_HINTS)
            if (kind := _test_kind(path))
        ]
        if not found and repo.has("Cargo.toml"):
            found = _rust_inline_tests(repo)
        return found

    return repo.memo("tests.files", compute)


def _rust_inline_tests(repo: Repository) -> list[tuple[str, str]]:
    """Rust keeps unit tests inside the source files (``#[cfg(test)]``)."""
    for path in repo.by_extension(".rs")[:_RUST_MAX_FILES]:
        text = repo.read_text(path)
        if text and _RUST_TEST.search(text):
            return [(path, "rust")]
    return []


def _test_places(files: list[tuple[str, str]]) -> str:
    """Where tests live, in a form that stays stable as tests are added: 'tests/, web/src/'."""
    places: list[str] = []
    for path, _ in files:
        match = _TEST_DIRECTORY.search(path)
        place = path[: match.end()] if match else path.rpartition("/")[0] + "/"
        place = path if place == "/" else place
        if place not in places:
            places.append(place)
    return ", ".join(places[:3]) + (" and others" if len(places) > 3 else "")


def _suggestion(repo: Repository, kinds: list[str]) -> str:
    kind = (
        max(set(kinds), key=lambda k: (kinds.count(k), -kinds.index(k)))
        if kinds
        else None
    )
    if kind is None:
        kind = next(
            (
                k
                for name, k in _MANIFEST_KINDS
                if any(not _VENDORED.search(p) for p in repo.by_name(name))
            ),
            None,
        )
    if (
        kind == "jvm"
        and not repo.by_name("pom.xml")
        and repo.by_name("build.gradle", "build.gradle.kts")
    ):
        kind = "gradle"
    return _SUGGESTED.get(kind or "", "your test command")


def _counts(repo: Repository, command: str | None) -> bool:
    """Whether a test command found on a line counts: not ``npm test`` when every
    package.json test script is npm's ``echo "Error: no test specified"`` placeholder."""
    if command is None:
        return False
    if command.split()[0] not in ("npm", "yarn", "pnpm", "bun"):
        return True
    return not repo.memo("tests.npm-placeholder-only", lambda: _placeholder_only(repo))


def _placeholder_only(repo: Repository) -> bool:
    bodies = []
    for manifest in repo.by_name("package.json"):
        data = repo.parsed(manifest, "json").data
        scripts = data.get("scripts") if isinstance(data, dict) else None
        if isinstance(scripts, dict) and isinstance(scripts.get("test"), str):
            bodies.append(scripts["test"])
    return bool(bodies) and all(PLACEHOLDER in body for body in bodies)


class _Remote(NamedTuple):
    """Pipeline configuration CI uses from outside the repository, where CI names it."""

    path: str
    line: int
    called: str


def _remote_pipelines(repo: Repository) -> tuple[str, list[_Remote]]:
    """How CI reaches configuration kept in other repositories, and each use of it: the
    first kind found of reusable workflows, GitLab includes and Jenkins shared libraries."""
    finders: tuple[tuple[str, Callable[[Repository], list[_Remote]]], ...] = (
        ("calls reusable workflows from other repositories", _remote_workflows),
        (
            "includes GitLab CI configuration kept outside this repository",
            _remote_gitlab_includes,
        ),
        ("uses Jenkins shared libraries", _jenkins_libraries),
    )
    for how, find in finders:
        found = find(repo)
        if found:
            return how, found
    return "", []


def _remote_workflows(repo: Repository) -> list[_Remote]:
    """Workflow lines calling a reusable workflow of another repository, with what they call
    (``org/repo/.github/workflows/test.yml@v2``): its steps cannot be read here."""
    found = []
    for line in find_in_ci(repo, _REMOTE_WORKFLOW.pattern):
        match = _REMOTE_WORKFLOW.search(line.text)
        if match and line.via is None and line.path.startswith(".github/workflows/"):
            found.append(_Remote(line.path, line.line, match.group(1)))
    return found


def _remote_gitlab_includes(repo: Repository) -> list[_Remote]:
    """``include:`` entries of GitLab pipelines (and of their child pipelines) that name
    another project, a URL, a GitLab template or a CI/CD component. Local includes are
    already read as CI files."""
    found: list[_Remote] = []
    for ci in ci_files(repo):
        data = repo.parsed(ci.path, "yaml").data if ci.system == "GitLab CI" else None
        if not isinstance(data, dict):
            continue
        triggers = [
            job.get("trigger") for job in data.values() if isinstance(job, dict)
        ]
        includes = [data.get("include")] + [
            trigger.get("include") for trigger in triggers if isinstance(trigger, dict)
        ]
        for include in includes:
            for item in include if isinstance(include, list) else [include]:
                found.extend(
                    _Remote(ci.path, repo.line_of(ci.path, pattern) or 1, called)
                    for called, pattern in _remote_include(item)
                )
    return found


def _remote_include(item: object) -> list[tuple[str, str]]:
    """What one GitLab ``include:`` entry pulls in from elsewhere, each with an expression
    for its line: ``group/project/file.yml@ref``, a URL, a template or a component."""
    if isinstance(item, str):
        return [(item, re.escape(item))] if "://" in item else []
    if not isinstance(item, dict):
        return []
    if isinstance(item.get("project"), str):
        return _project_include(item)
    for key in _GITLAB_REMOTE_KEYS:
        value = item.get(key)
        if isinstance(value, str):
            called = f"GitLab template {value}" if key == "template" else value
            return [(called, rf"\b{key}:\s*['\"]?{re.escape(value)}")]
    return []


def _project_include(item: dict[str, object]) -> list[tuple[str, str]]:
    """``project: g/p``, ``ref: v2``, ``file: [a.yml, /b.yml]`` -> ``g/p/a.yml@v2``, ``g/p/b.yml@v2``."""
    project = str(item["project"])
    ref = item.get("ref")
    at = f"@{ref}" if isinstance(ref, (str, int, float)) else ""
    files = item.get("file")
    pattern = rf"\bproject:\s*['\"]?{re.escape(project)}"
    return [
        (f"{project}/{file.lstrip('/')}{at}", pattern)
        for file in (files if isinstance(files, list) else [files])
        if isinstance(file, str)
    ] or [(f"{project}{at}", pattern)]


def _jenkins_libraries(repo: Repository) -> list[_Remote]:
    """Jenkins shared libraries a Jenkinsfile loads (``@Library('Infrastructure') _``,
    ``library 'pipeline@v2'``): the steps they define (``withPipeline``) cannot be read here."""
    jenkinsfiles = {ci.path for ci in ci_files(repo) if ci.system == "Jenkins"}
    found: list[_Remote] = []
    for line in find_in_ci(repo, _JENKINS_LIBRARY.pattern):
        match = _JENKINS_LIBRARY.search(line.text)
        if match and line.via is None and line.path in jenkinsfiles:
            found.extend(
                _Remote(line.path, line.line, name)
                for name in _QUOTED.findall(match.group(1) or match.group(2))
            )
    return found


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
gradle test/check/build, sbt test, rspec, rake, dotnet test, cargo test, mix test, phpunit and
`make test`/`make check`, including when CI reaches them through a Makefile target, tox or nox
configuration, a package.json script or a local composite action. `mvn -DskipTests` and
`gradle -x test` do not count. A reusable workflow from another repository
(`uses: org/shared/.github/workflows/test.yml@v2`), a GitLab `include:` of another project, a
URL, a template or a component, and a Jenkins shared library (`@Library('pipeline') _`) cannot
be read here, so when CI uses one and no step here runs the tests, the finding is only a note.
If tests run in a pipeline kept outside this repository, record an attestation.
""",
    attestable=True,
)
def tests_in_ci(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    tests = _test_files(repo)
    if not tests and not has_application_source(repo):
        raise NotApplicable(
            "no application source code found (only documentation or configuration), so "
            "there is nothing for tests to cover"
        )
    running = [
        line
        for line in ci_commands(repo)
        if _counts(repo, runs_tests(line.text))
        or any(
            _TEST_SCRIPT.search(path) or _TEST_DIRECTORY.search(path)
            for path in script_tokens(repo, line.text)
        )
    ]
    kinds = [kind for _, kind in tests]
    if not tests:
        yield Finding(
            "no automated tests found (looked for tests/, test/, spec/, __tests__/, "
            "src/test/, test_*.py, *_test.go, *.test.ts, *.spec.js, *Test.java, *_spec.rb "
            f"and similar): add tests and run them in CI with `{_suggestion(repo, kinds)}`"
        )
    else:
        first, _ = tests[0]
        yield Evidence(
            first,
            f"{len(tests)} test file{'s' * (len(tests) != 1)} ({_test_places(tests)})",
        )
    if tests and not running:
        files = ci_files(repo)
        command = _suggestion(repo, kinds)
        how, remote = _remote_pipelines(repo)
        if remote:
            where, more = remote[0], len(remote) - 1
            yield Finding(
                f"tests were found ({_test_places(tests)}) and no CI step in this repository "
                f"runs them, but CI {how}, which tcop-lint cannot read "
                f"({where.called}{f' and {more} more' if more else ''}): "
                f"if none of them runs the tests, add a CI step that runs `{command}`",
                path=where.path,
                start_line=where.line,
                level="note",
            )
        elif files:
            yield Finding(
                f"tests were found ({_test_places(tests)}) but CI does not run them: add a CI "
                f"step that runs `{command}`",
                path=files[0].path,
                start_line=1,
            )
        else:
            yield Finding(
                f"tests were found ({_test_places(tests)}) but there is no CI pipeline to run "
                f"them (see TC0901): add one with a step that runs `{command}`"
            )
    for line in running[:3]:
        command = line.text.strip()
        command = command if len(command) <= 120 else command[:117] + "..."
        via = f" (run by {line.via})" if line.via else ""
        yield Evidence(line.path, f"line {line.line}: {command}{via}")
