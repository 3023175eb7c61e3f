"""Test detection: the test command a CI or script line runs, and the test files a repository holds."""

from __future__ import annotations

import re

from tcop_lint.facts.ci import shell_segments
from tcop_lint.regex import lazy_re

# Test runners named on their own: `pytest`, `./node_modules/.bin/jest`, `vendor/bin/phpunit`.
_TEST_TOOLS = frozenset(
    {
        "pytest", "py.test", "tox", "nox", "nosetests", "nose2", "behave", "jest", "vitest",
        "mocha", "ava", "karma", "jasmine", "gotestsum", "ginkgo", "rspec", "cucumber",
        "phpunit", "pest", "codecept", "ctest", "bats", "terratest", "robot", "busted",
        "vstest.console", "vstest.console.exe", "nunit3-console", "nunit-console",
        "xunit.console",
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
