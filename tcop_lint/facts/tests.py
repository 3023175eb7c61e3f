"""Tests: the test files a repository holds, the test command a line runs, and the CI lines
that run tests (directly or through what CI calls, see :mod:`tcop_lint.facts.ci`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from tcop_lint.facts.ci import CommandLine, ci_commands, script_tokens, shell_segments
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository


class FoundTest(NamedTuple):
    """A file of tests and the kind of project it tests (``python``, ``node``, ``jvm`` ...)."""

    path: str
    kind: str


TEST_DIRECTORY = lazy_re(
    r"(?:^|/)(?:tests?|specs?|__tests?__|e2e|cypress|integration[_-]tests?|"
    r"test[_-]?(?:unit|integration|e2e)|unit[_-]tests?|testsuite)/",
    re.IGNORECASE,
)
"""A folder that holds tests: ``tests/``, ``src/test/``, ``__tests__/``, ``spec/``, ``e2e/``."""
FIXTURE_DIRECTORY = lazy_re(
    r"(?:^|/)(?:__)?(?:fixtures?|test[-_]?data)(?:__)?/", re.IGNORECASE
)
"""A folder of test data (``cypress/fixtures/``, ``testdata/``): kept as it is on purpose."""
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
_NPM_RUNNERS = ("npm", "yarn", "pnpm", "bun")


def kind_of_test_file(path: str) -> str | None:
    """The kind of test file ``path`` is, or None when it is not a test file."""
    lower = path.lower()
    if not any(hint in lower for hint in _TEST_HINTS) or is_vendored(
        path, build_output=True
    ):
        return None
    name = path.rpartition("/")[2]
    for kind, pattern in _TEST_FILE_PATTERNS:
        if pattern.fullmatch(name):
            if kind == "ruby" and name.endswith("_test.rb"):
                return "ruby-minitest"
            return kind
    if TEST_DIRECTORY.search(path) and _CODE_EXTENSION.search(name):
        extension = name[name.rfind(".") :].lower()
        return _KIND_BY_EXTENSION.get(extension, "other")
    return None


def find_tests(repo: Repository) -> list[FoundTest]:
    """The repository's test files, in path order (for Rust, one file with inline tests)."""

    def compute() -> list[FoundTest]:
        found = [
            FoundTest(path, kind)
            for path in repo.paths_containing(*_TEST_HINTS)
            if (kind := kind_of_test_file(path))
        ]
        if not found and repo.has("Cargo.toml"):
            found = _rust_inline_tests(repo)
        return found

    return repo.memo("tests.files", compute)


def _rust_inline_tests(repo: Repository) -> list[FoundTest]:
    """Rust keeps unit tests inside the source files (``#[cfg(test)]``)."""
    for path in repo.by_extension(".rs")[:_RUST_MAX_FILES]:
        text = repo.read_text(path)
        if text and _RUST_TEST.search(text):
            return [FoundTest(path, "rust")]
    return []


def places_of_tests(files: list[FoundTest]) -> list[str]:
    """Where tests live, in a form that stays stable as tests are added: ``tests/``,
    ``web/src/``; each place once, in the order first met."""
    places: list[str] = []
    for path, _ in files:
        match = TEST_DIRECTORY.search(path)
        place = path[: match.end()] if match else path.rpartition("/")[0] + "/"
        place = path if place == "/" else place
        if place not in places:
            places.append(place)
    return places


def project_kind(repo: Repository, files: list[FoundTest]) -> str | None:
    """The kind of project the tests are for: the commonest kind of test file (the first met
    on a tie), else the first kind of manifest outside vendored folders; ``gradle`` for a JVM
    project built with Gradle and not Maven."""
    kinds = [kind for _, kind in files]
    counts = Counter(kinds)
    kind = max(counts, key=lambda k: (counts[k], -kinds.index(k))) if kinds else None
    if kind is None:
        kind = next(
            (
                k
                for name, k in _MANIFEST_KINDS
                if any(
                    not is_vendored(p, build_output=True) for p in repo.by_name(name)
                )
            ),
            None,
        )
    if (
        kind == "jvm"
        and not repo.by_name("pom.xml")
        and repo.by_name("build.gradle", "build.gradle.kts")
    ):
        return "gradle"
    return kind


def ci_test_runs(repo: Repository) -> list[CommandLine]:
    """The CI lines (and lines CI reaches) that run tests: a test command, or a repository
    script named for tests or kept in a test folder. ``npm test`` does not count when every
    package.json ``test`` script is npm's ``no test specified`` placeholder."""

    def compute() -> list[CommandLine]:
        return [
            line
            for line in ci_commands(repo)
            if _counts(repo, runs_tests(line.text))
            or any(
                _TEST_SCRIPT.search(path) or TEST_DIRECTORY.search(path)
                for path in script_tokens(repo, line.text)
            )
        ]

    return repo.memo("tests.ci-runs", compute)


def _counts(repo: Repository, command: str | None) -> bool:
    if command is None:
        return False
    if command.split()[0] not in _NPM_RUNNERS:
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


# -- the test command a line runs --------------------------------------------------------------

# Test runners named on their own: `pytest`, `./node_modules/.bin/jest`, `vendor/bin/phpunit`.
_TEST_TOOLS = frozenset(
    {
        "pytest", "py.test", "tox", "nox", "nosetests", "nose2", "behave", "jest", "vitest",
        "mocha", "ava", "karma", "jasmine", "gotestsum", "ginkgo", "rspec", "cucumber",
        "phpunit", "pest", "codecept", "ctest", "bats", "terratest", "robot", "busted",
        "vstest.console", "vstest.console.exe", "nunit3-console", "nunit-console",
        "xunit.console", "htmlproofer",
    }
)  # fmt: skip
_TEST_MODULES = frozenset({"unittest", "pytest", "tox", "nox", "nose", "nose2"})
# (runners, what a later word must be, whether it must be the next word): `go test`,
# `mvn -B clean verify`, `./gradlew :app:check`, `npm test --workspaces`, `make -C api test`.
_TEST_SUBCOMMANDS: tuple[tuple[frozenset[str], re.Pattern[str], bool], ...] = tuple(
    (frozenset(runners.split()), lazy_re(word), next_word)
    for runners, word, next_word in (
        ("go dotnet mix swift flutter dart deno terraform lein stack cabal", "test", True),
        ("rails", r"(?:test|spec)(?::[\w:-]+)?", True),
        ("playwright", "test", True),
        ("cypress", "run", True),
        ("cargo", r"test|nextest|tarpaulin|llvm-cov", False),
        ("npm pnpm yarn bun", r"(?:test|t|tst|cit|it|install-ci-test)(?:[:-][\w:.-]+)?", False),
        ("mvn mvnw mvn.cmd", r"verify|test|install|package|deploy|integration-test", False),
        ("gradle gradlew gradlew.bat", r":?(?:[\w-]+:)*(?:test\w*|check|build|\w*Test)", False),
        ("sbt", r"\+?test\w*|it:test|verify", False),
        ("make", r"(?:test|tests|check|unit|spec|ci)(?:[-_:][\w-]+)?", False),
        ("ng react-scripts vue-cli-service craco nx turbo lerna rush ember", r"test(?:[:-]\S*)?", False),
        ("composer pdm", r"test\S*", False),
        ("hatch", r"test|(?:\S+:)?test\S*", False),
        ("rake", r"test\S*|spec\S*|ci|default", False),
        ("xcodebuild", "test", False),
        ("node", "--test", False),
        ("R", "check", False),
        ("Rscript", r".*(?:testthat|test_check|devtools::test).*", False),
        ("python python3 py manage.py", r"test", False),
    )
)  # fmt: skip
_KNOWN = _TEST_TOOLS.union(*(runners for runners, _, _ in _TEST_SUBCOMMANDS))
_INSTALLERS = frozenset(
    [
        "pip",
        "pip3",
        "pipx",
        "uv",
        "poetry",
        "pipenv",
        "npm",
        "yarn",
        "pnpm",
        "bun",
        "gem",
        "brew",
        "apt",
        "apt-get",
        "apk",
        "dnf",
        "yum",
        "conda",
        "mamba",
        "go",
        "cargo",
        "dotnet",
    ]
)
_INSTALL_WORDS = frozenset({"install", "add", "i", "get"})
_TOOL_FOLDERS = ("./", "bin/", "/bin/", ".bin/")
_AZURE_TASK = lazy_re(
    r"\b(?:Maven|Gradle|VSTest)@\d|^\s*command:\s*['\"]?test['\"]?\s*$"
)
_SKIPS_TESTS = lazy_re(
    r"-DskipTests\b(?!=false)|-Dmaven\.test\.skip=true|(?:-x|--exclude-task)\s+:?test\b",
    re.IGNORECASE,
)
_NOT_COMMANDS = frozenset(
    [
        "name",
        "description",
        "displayName",
        "display_name",
        "title",
        "id",
        "stage",
        "stages",
        "needs",
        "dependencies",
        "extends",
        "if",
        "when",
        "label",
        "key",
        "group",
        "environment",
        "concurrency",
        "cache",
        "path",
        "paths",
        "artifacts",
        "report",
        "reports",
        "junit",
        "coverage_report",
        "image",
        "services",
        "branches",
        "tags",
        "only",
        "except",
        "uses",
        "with",
        "on",
        "types",
        "cron",
        "node-version",
        "python-version",
        "java-version",
        "go-version",
        "runs-on",
        "container",
        "timeout-minutes",
    ]
)
_YAML_KEY_ONLY = lazy_re(r"-?\s*['\"]?[\w .:/-]{1,100}['\"]?:")
_RUBY_TEST = lazy_re(
    r"\b(HTMLProofer|RSpec::Core::RakeTask|Rake::TestTask|Cucumber::Rake::Task)"
    r"(?:\.check_\w+|::Runner|\.new)\b"
)
"""Ruby that runs tests: HTML-Proofer checking a built site, and the Rake tasks RSpec,
minitest and Cucumber define (reached when CI runs the task)."""
_RUBY_TESTS = {
    "HTMLProofer": "htmlproofer",
    "RSpec::Core::RakeTask": "rspec",
    "Rake::TestTask": "rake test",
    "Cucumber::Rake::Task": "cucumber",
}
_SBT_TASK = lazy_re(r"\+?test\w*|it:test")
_QUOTING = frozenset({"echo", "printf", "-m", "--message", "--title", "--body"})
PLACEHOLDER = "no test specified"
"""npm's placeholder test script: `echo "Error: no test specified" && exit 1`."""


def _tool(word: str, names: frozenset[str]) -> bool:
    """``word`` runs one of ``names``: bare, or a path to it (./gradlew, vendor/bin/phpunit)."""
    if word in names:
        return True
    folder, _, name = word.rpartition("/")
    return name in names and (
        word.startswith(_TOOL_FOLDERS) or "bin" in folder.split("/")
    )


def _installs(words: list[str]) -> bool:
    """``pip install pytest``, ``npm i -D jest``, ``uv pip install``, ``go get``."""
    for index, word in enumerate(words):
        if word in _INSTALLERS:
            following = [
                w for w in words[index + 1 : index + 5] if not w.startswith("-")
            ]
            following = [w for w in following if w not in ("pip", "tool", "global")]
            if following[:1] and following[0] in _INSTALL_WORDS:
                return True
    return False


def _test_in(words: list[str]) -> str | None:
    seen: set[frozenset[str]] = set()  # the first of each runner reads every later word
    for index, word in enumerate(words):
        if word.rpartition("/")[2] not in _KNOWN and word != "-m":
            continue
        if _tool(word, _TEST_TOOLS):
            return word.rpartition("/")[2]
        if (
            word == "-m"
            and index + 1 < len(words)
            and words[index + 1] in _TEST_MODULES
        ):
            return f"-m {words[index + 1]}"
        for runners, pattern, next_word in _TEST_SUBCOMMANDS:
            if runners in seen or not _tool(word, runners):
                continue
            seen.add(runners)
            later = [w for w in words[index + 1 :] if not w.startswith("-")]
            later = later[:1] if next_word else later
            if word == "cargo" and later and later[0].startswith("+"):
                later = later[1:2]
            if word == "node":  # node --test: the runner is an option
                later = words[index + 1 :]
            if word.endswith("rake") and not later:
                return (
                    "rake"  # the default task, which runs the tests in Rails and gems
                )
            hit = next((w for w in later if pattern.fullmatch(w)), None)
            if hit:
                return f"{word.rpartition('/')[2]} {hit}"
    return None


def runs_tests(text: str) -> str | None:
    """The test command a CI or script line runs (``pytest``, ``mvn verify``), if any.

    Comments, installs (``pip install pytest``), YAML names and keys (``name: pytest``,
    ``pytest:``), messages (``echo "run pytest"``), ``mvn -DskipTests`` and ``gradle -x test``
    do not count. Reads the line word by word, so its cost is linear in the line.
    """
    stripped = text.strip()
    if not stripped or stripped.startswith("//") or PLACEHOLDER in text:
        return None
    if (
        len(stripped) <= 104
        and stripped.endswith(":")
        and _YAML_KEY_ONLY.fullmatch(stripped)
    ):
        return None
    if _AZURE_TASK.search(text[:4000]):
        return "azure test task"
    ruby = _RUBY_TEST.search(text[:4000])
    if ruby:
        return _RUBY_TESTS[ruby.group(1)]
    previous: list[str] = []
    for number, words in enumerate(shell_segments(text)):
        first = words[1] if words[0] == "-" and len(words) > 1 else words[0]
        if number == 0 and first.endswith(":") and first[:-1] in _NOT_COMMANDS:
            return None
        quoted = previous[-1:] and previous[-1] in _QUOTING
        if "sbt" in previous and _SBT_TASK.fullmatch(words[0]):
            return f"sbt {words[0]}"  # sbt "testOnly *Spec"
        previous = words
        if quoted or _installs(words) or _SKIPS_TESTS.search(" ".join(words)):
            continue
        found = _test_in(words)
        if found:
            return found
    return None
