"""Accessibility testing tools the repository configures, and the CI lines that run them.

:func:`accessibility_tools` lists every automated accessibility test tool a repository holds:
declared dependencies (jest-axe, cypress-axe, @axe-core/*, pa11y, axe-core-rspec, Deque's
Java and .NET packages, HMRC's sbt and ScalaTest linters...), pa11y configs, Lighthouse CI
configs that assert the accessibility category, and HMRC's accessibility-assessment run by CI.
:func:`ci_runs` says which CI line (or package.json script CI calls) runs each of them.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from typing import NamedTuple

from tcop_lint.facts.ci import CommandLine, find_in_ci
from tcop_lint.facts.dependencies import declared_dependencies, normalise_python
from tcop_lint.facts.tests import runs_tests
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

# -- what runs accessibility tests -----------------------------------------------------------

_MONOREPO_TEST = (
    r"turbo\s+(?:run\s+)?test|nx\s+(?:run-many|affected)\b.*\btest|lerna\s+run\s+test"
)
_NODE_TEST = (
    r"\b(?:jest|vitest|mocha|karma|ava|wdio|testcafe|nightwatch|web-test-runner|"
    r"playwright\s+test|cypress\s+run|ng\s+test|react-scripts\s+test|craco\s+test|"
    r"vue-cli-service\s+test|ember\s+test|node\s+--test)\b|" + _MONOREPO_TEST
)
_JEST = r"\bjest\b|react-scripts\s+test|craco\s+test|ng\s+test|" + _MONOREPO_TEST
_VITEST = r"\bvitest\b|" + _MONOREPO_TEST
_CYPRESS = r"\bcypress\s+run\b|cypress-io/github-action"
_PLAYWRIGHT = r"\bplaywright\s+test\b"
_PYTHON_TEST = r"\b(?:pytest|py\.test|tox|nox|behave)\b|manage\.py\s+test|unittest"
_RUBY_TEST = (
    r"\b(?:rspec|cucumber)\b|\brails\s+(?:test|spec)"
    r"|\brake\b(?!\s+(?:db|assets|yarn|webpacker|javascript|css|tmp|log):)"
)
_JVM_TEST = (
    r"\bmvnw?\b.*\b(?:test|verify|install|package)\b|\bgradlew?\b.*\b(?:test|check|build)\b"
    r"|\bsbt\b.*\btest\b"
)
_SBT_A11Y = r"\ba11y\s*[:/]\s*test\b"
_DOTNET_TEST = r"\bdotnet\s+test\b"
_DOTNET_ARGUMENTS = lazy_re(r"\bdotnet\s+test\b(.*)", re.IGNORECASE)
_WORD = lazy_re(r"\"[^\"]*\"|'[^']*'|\S+")
_DOTNET_VALUE_OPTIONS = frozenset(
    {
        "-a", "--test-adapter-path", "--arch", "--artifacts-path", "--blame-crash-dump-type",
        "--blame-hang-dump-type", "--blame-hang-timeout", "-c", "--configuration",
        "--collect", "-d", "--diag", "-e", "--environment", "-f", "--framework", "--filter",
        "-l", "--logger", "-o", "--output", "--os", "--results-directory", "-r", "--runtime",
        "-s", "--settings", "-v", "--verbosity", "-p", "--property",
    }
)  # fmt: skip
"""``dotnet test`` options followed by a value, which is not the project to test."""
_MSBUILD_SWITCH = lazy_re(r"/\w+:")
_SOLUTIONS = (".sln", ".slnx")
_PROJECTS = (".csproj", ".fsproj", ".vbproj")


class _Spec(NamedTuple):
    """An accessibility tool known by its dependency names, and what running it looks like."""

    label: str
    ecosystem: str
    names: tuple[str, ...]
    """fnmatch patterns on the normalised dependency name (Maven: ``group:artifact``); the
    patterns are this module's own, each with at most one ``*``, on short names."""
    runs: str
    example: str
    tests: bool = False
    """Whether ``runs`` names a test runner, so a command counts only when it runs the tests
    (``rake spec``, not ``rake lint``) and, for ``dotnet test``, the tool's project."""


_SPECS: tuple[_Spec, ...] = (
    _Spec("pa11y-ci", "npm", ("pa11y-ci",), r"\bpa11y-ci\b", "npx pa11y-ci"),
    _Spec("pa11y", "npm", ("pa11y",), r"\bpa11y\b", "npx pa11y http://localhost:3000"),
    _Spec("jest-axe", "npm", ("jest-axe", "@types/jest-axe"), _JEST, "npx jest"),
    _Spec(
        "vitest-axe",
        "npm",
        ("vitest-axe", "@chialab/vitest-axe"),
        _VITEST,
        "npx vitest run",
    ),
    _Spec(
        "cypress-axe",
        "npm",
        ("cypress-axe", "cypress-accessibility-checker"),
        _CYPRESS,
        "npx cypress run",
    ),
    _Spec(
        "axe for Playwright",
        "npm",
        ("@axe-core/playwright", "axe-playwright", "playwright-axe"),
        # Storybook's test runner (`test-storybook`) runs axe-playwright on every story
        _PLAYWRIGHT + r"|\btest-storybook\b",
        "npx playwright test",
    ),
    _Spec(
        "axe-core CLI",
        "npm",
        ("@axe-core/cli", "axe-cli"),
        r"\baxe\s+https?://|@axe-core/cli|\baxe-cli\b",
        "npx @axe-core/cli http://localhost:3000 --exit",
    ),
    _Spec(
        "axe-core",
        "npm",
        (
            "axe-core",
            "@axe-core/*",
            "axe-webdriverjs",
            "axe-puppeteer",
            "axe-testcafe",
            "react-axe",
            "@sa11y/*",
            "ember-a11y-testing",
            "accessibility-checker",
            "karma-accessibility-checker",
        ),
        _NODE_TEST,
        "npm test",
    ),
    _Spec(
        "axe for Python",
        "pypi",
        (
            "axe-selenium-python",
            "axe-playwright-python",
            "pytest-axe",
            "*-axe",
            "axe-*",
        ),
        _PYTHON_TEST,
        "pytest",
    ),
    _Spec(
        "axe for Ruby",
        "rubygems",
        ("axe-core-*", "axe-matchers"),
        _RUBY_TEST,
        "bundle exec rspec",
        tests=True,
    ),
    _Spec(
        "sbt-accessibility-linter",
        "maven",
        ("uk.gov.hmrc:sbt-accessibility-linter",),
        _SBT_A11Y,
        "sbt a11y:test",
    ),
    _Spec(
        "scalatest-accessibility-linter",
        "maven",
        ("uk.gov.hmrc:scalatest-accessibility-linter*",),
        _JVM_TEST,
        "sbt test",
    ),
    _Spec(
        "HMRC accessibility-testing-library",
        "maven",
        ("uk.gov.hmrc:accessibility-testing-library*",),
        _JVM_TEST + r"|run[_-]tests?\.sh",
        "sbt test",
    ),
    _Spec(
        "axe for Java",
        "maven",
        ("com.deque.html.axe-core:*", "com.deque:axe-*"),
        _JVM_TEST,
        "mvn verify",
    ),
    _Spec(
        "axe for .NET",
        "nuget",
        ("deque.axecore.*", "selenium.axe", "playwright.axe"),
        _DOTNET_TEST,
        "dotnet test",
        tests=True,
    ),
)
_PA11Y_CONFIG = r"\.?pa11y(?:ci|-ci|rc)?(?:[-_.][\w-]+)*\.(?:json|js|cjs|mjs|yml|yaml)|\.pa11yci|\.pa11yrc"
_LIGHTHOUSE_CONFIG = r"\.?lighthouserc(?:\.(?:js|cjs|mjs|json|yml|yaml))?"
_LIGHTHOUSE_RUNS = r"\blhci\b|lighthouse-ci-action|@lhci/cli"
_LIGHTHOUSE_A11Y = lazy_re(
    r"categories:accessibility|lighthouse:(?:recommended|all|no-pwa)", re.IGNORECASE
)
_LIGHTHOUSE_A11Y_OFF = lazy_re(
    r"""categories:accessibility['"]?\s*:\s*(?:\[\s*)?(?:-\s*)?['"]?off\b""",
    re.IGNORECASE,
)
_LIGHTHOUSE_IN_CI = (
    r"\blhci\b.*(?:categories:accessibility|lighthouse:(?:recommended|all|no-pwa))"
)
_HMRC_ASSESSMENT = r"accessibility-assessment"
_CI_RUN: tuple[tuple[str, str, str], ...] = (
    ("pa11y-ci", r"\bpa11y-ci\b", "npx pa11y-ci"),
    ("pa11y", r"\bpa11y\b(?!-)", "npx pa11y http://localhost:3000"),
    (
        "axe-core CLI",
        r"@axe-core/cli|\baxe\s+https?://|\baxe-cli\b",
        "npx @axe-core/cli http://localhost:3000 --exit",
    ),
)
"""Tools CI may run with no declaration in the repository: label, command, example."""
_COMMENT_LINE = lazy_re(r"^\s*(?://|#).*$", re.MULTILINE)


class Tool(NamedTuple):
    """Accessibility tooling found in the repository."""

    label: str
    path: str
    line: int | None
    how: str
    runs: str
    """A regular expression (case-insensitive) a command that runs the tool matches."""
    example: str
    scoped: bool = False
    """Whether a package.json script that runs it must belong to the same package tree."""
    tests: bool = False
    """Whether it runs through a test runner (see ``_Spec.tests``)."""


class LighthouseConfigs(NamedTuple):
    """Lighthouse CI configs (and CI command lines) asserting the accessibility category, and
    the configs that do not."""

    asserting: tuple[Tool, ...]
    silent: tuple[str, ...]


def accessibility_tools(repo: Repository) -> list[Tool]:
    """Every accessibility testing tool configured, in path order; computed once per run."""
    return repo.memo("accessibility.tools", lambda: _find_tools(repo))


def lighthouse_configs(repo: Repository) -> LighthouseConfigs:
    """Lighthouse CI configurations, split by whether they assert accessibility."""
    return repo.memo("accessibility.lighthouse", lambda: _find_lighthouse(repo))


def _find_tools(repo: Repository) -> list[Tool]:
    tools: list[Tool] = []
    for dep in declared_dependencies(repo):
        spec = _spec_for(dep.name, dep.ecosystem)
        if spec:
            tools.append(
                Tool(
                    label=dep.name if spec.label.startswith("axe") else spec.label,
                    path=dep.manifest,
                    line=dep.line,
                    how=_declared_how(dep.ecosystem, dep.manifest),
                    runs=spec.runs,
                    example=spec.example,
                    scoped=dep.ecosystem == "npm",
                    tests=spec.tests,
                )
            )
    for path in repo.by_name_matching(_PA11Y_CONFIG):
        if not is_vendored(path):
            tools.append(
                Tool("pa11y-ci", path, None, "pa11y config", r"\bpa11y", "npx pa11y-ci")
            )
    tools.extend(lighthouse_configs(repo).asserting)
    for line in command_lines(repo, _HMRC_ASSESSMENT):
        tools.append(
            Tool(
                "HMRC accessibility-assessment",
                line.path,
                line.line,
                "run by CI",
                _HMRC_ASSESSMENT,
                "accessibility-assessment",
            )
        )
        break
    tools.extend(_run_by_ci(repo, tools))
    unique: dict[tuple[str, str], Tool] = {}
    for tool in tools:
        unique.setdefault((tool.label, tool.path), tool)
    return sorted(unique.values(), key=lambda t: (t.path, t.line or 0, t.label))


def _run_by_ci(repo: Repository, known: list[Tool]) -> list[Tool]:
    """pa11y and the axe-core CLI run by CI without a declaration in the repository
    (``npm install -g pa11y-ci && pa11y-ci --sitemap ...``, ``npx @axe-core/cli <url>``),
    as static sites' pipelines do; a line a tool found already explains is left to it."""
    found: list[Tool] = []
    for label, runs, example in _CI_RUN:
        for line in command_lines(repo, runs):
            tool = Tool(label, line.path, line.line, "run by CI", runs, example)
            explained = any(
                re.search(other.runs, line.text, re.IGNORECASE) for other in known
            )
            if not explained and runs_tool(tool, line):
                found.append(tool)
                break
    return found


def _declared_how(ecosystem: str, manifest: str) -> str:
    name = manifest.rpartition("/")[2].lower()
    if ecosystem != "maven":
        return f"{ecosystem} dependency"
    if name == "plugins.sbt":
        return "sbt plugin"
    if name.endswith((".sbt", ".scala")):
        return "sbt dependency"
    if "gradle" in name:
        return "Gradle dependency"
    return "Maven dependency"


def _spec_for(name: str, ecosystem: str) -> _Spec | None:
    if ecosystem == "pypi":
        name = normalise_python(name)
    for spec in _SPECS:
        if spec.ecosystem == ecosystem and any(
            fnmatch.fnmatchcase(name, pattern) for pattern in spec.names
        ):
            return spec
    return None


def _find_lighthouse(repo: Repository) -> LighthouseConfigs:
    asserting: list[Tool] = []
    silent: list[str] = []
    for path in repo.by_name_matching(_LIGHTHOUSE_CONFIG):
        if is_vendored(path):
            continue
        text = _COMMENT_LINE.sub("", repo.read_text(path) or "")
        match = _LIGHTHOUSE_A11Y.search(text)
        if match and not _LIGHTHOUSE_A11Y_OFF.search(text):
            line = repo.line_of(path, re.escape(match.group(0)))
            asserting.append(
                Tool(
                    "Lighthouse CI",
                    path,
                    line,
                    f"asserts {match.group(0)}",
                    _LIGHTHOUSE_RUNS,
                    "npx @lhci/cli autorun",
                )
            )
        else:
            silent.append(path)
    for command in command_lines(repo, _LIGHTHOUSE_IN_CI):
        asserting.append(
            Tool(
                "Lighthouse CI",
                command.path,
                command.line,
                "asserts accessibility on the command line",
                _LIGHTHOUSE_RUNS,
                "npx @lhci/cli autorun",
            )
        )
    return LighthouseConfigs(tuple(asserting), tuple(silent))


# -- static accessibility linting ------------------------------------------------------------


class StaticLint(NamedTuple):
    """Partial accessibility checking: rules that read the source, never a rendered page, or
    (``panel``) checks a person runs by hand in Storybook's accessibility panel."""

    label: str
    path: str
    line: int | None
    how: str
    panel: bool = False


_LINT_PLUGINS = (
    "eslint-plugin-jsx-a11y",
    "eslint-plugin-vuejs-accessibility",
    "eslint-plugin-vue-a11y",
    "eslint-plugin-lit-a11y",
)
_PANEL_ADDONS = ("@storybook/addon-a11y",)
_ANGULAR_TEMPLATE_PLUGINS = frozenset(
    {"@angular-eslint/eslint-plugin-template", "angular-eslint"}
)
_ESLINT_CONFIG = r"\.eslintrc(?:\.(?:json|js|cjs|mjs|yml|yaml))?|eslint\.config\.(?:js|cjs|mjs|ts|cts|mts)"
_ANGULAR_A11Y = (
    r"template/accessibility|templateAccessibility|@angular-eslint/template/(?:alt-text|"
    r"elements-content|label-(?:has-associated-control|for)|table-scope|valid-aria|"
    r"click-events-have-key-events|mouse-events-have-key-events|no-autofocus|"
    r"no-distracting-elements|interactive-supports-focus|role-has-required-aria|"
    r"no-positive-tabindex|button-has-type)"
)


def static_linting(repo: Repository) -> list[StaticLint]:
    """ESLint accessibility plugins declared (jsx-a11y, vuejs-accessibility, lit-a11y),
    Angular ESLint configs that turn on the template accessibility rules, and Storybook's
    accessibility addon; in path order."""
    return repo.memo("accessibility.static_linting", lambda: _static_linting(repo))


def _static_linting(repo: Repository) -> list[StaticLint]:
    found: list[StaticLint] = []
    angular = False
    for dep in declared_dependencies(repo):
        if dep.ecosystem != "npm":
            continue
        if dep.name in _LINT_PLUGINS or dep.name in _PANEL_ADDONS:
            found.append(
                StaticLint(
                    dep.name,
                    dep.manifest,
                    dep.line,
                    "npm dependency",
                    panel=dep.name in _PANEL_ADDONS,
                )
            )
        angular = angular or dep.name in _ANGULAR_TEMPLATE_PLUGINS
    if angular:
        for path in repo.by_name_matching(_ESLINT_CONFIG):
            line = None if is_vendored(path) else repo.line_of(path, _ANGULAR_A11Y)
            if line:
                found.append(
                    StaticLint(
                        "@angular-eslint template accessibility rules",
                        path,
                        line,
                        "ESLint config",
                    )
                )
    return sorted(found, key=lambda lint: (lint.path, lint.line or 0))


_LINT_RUN = (
    r"\beslint\b|\b(?:npm|pnpm)\s+(?:run(?:-script)?\s+)?lint\b|\byarn\s+(?:run\s+)?lint\b"
    r"|\b(?:ng|nx)\s+(?:run\s+\S+:)?lint\b|\bnext\s+lint\b"
)


def static_lint_runs(repo: Repository) -> list[CommandLine]:
    """The CI commands that run ESLint (``eslint``, ``npm run lint``, ``ng lint``...),
    directly or through the scripts CI calls."""
    return repo.memo("accessibility.lint_runs", lambda: command_lines(repo, _LINT_RUN))


# -- which CI lines run them ---------------------------------------------------------------


def command_lines(repo: Repository, pattern: str) -> list[CommandLine]:
    """The CI lines matching ``pattern`` (case-insensitive) that run commands: see
    :func:`is_command`."""
    return [line for line in find_in_ci(repo, pattern) if is_command(repo, line)]


def is_command(repo: Repository, line: CommandLine) -> bool:
    """Whether a CI line runs a command, not names a step or holds data.

    In a YAML pipeline, only the values of the keys that run something count (``run``,
    ``script`` and its lists and block scalars, ``command``, ``commands``, ``uses``, Azure's
    ``bash``/``pwsh``/``script``...): never a step's ``name``, a cache ``key``, a comment,
    or anything under ``matrix``, ``env`` or ``variables``. In a Jenkinsfile or a shell script,
    every line but comments and stage names. Lines CI reaches through package.json scripts,
    Makefile recipes and tox are commands already.
    """
    text = line.text.strip()
    if not text or text.startswith(("#", "//", "/*")):
        return False
    if line.path.lower().endswith(_YAML):
        return line.line in _yaml_commands(repo, line.path)
    return not _GROOVY_LABEL.match(text)


_YAML = (".yml", ".yaml")
_COMMAND_KEYS = frozenset(
    {
        "run",
        "script",
        "scripts",
        "before_script",
        "after_script",
        "after_success",
        "build_script",
        "test_script",
        "before_build",
        "after_build",
        "before_test",
        "after_test",
        "commands",
        "command",
        "cmd",
        "args",
        "entrypoint",
        "bash",
        "sh",
        "pwsh",
        "powershell",
        "inlinescript",
        "customcommand",
        "uses",
    }
)
"""YAML keys whose values are commands (GitHub, GitLab, Azure, CircleCI, Bitbucket, Drone,
Travis, AppVeyor, Cloud Build, Buildspec, Tekton)."""
_RUN_KEYS = frozenset({"path", "args"})
"""Keys under a Concourse ``run:`` that name the command."""
_DATA_KEYS = frozenset(
    {"matrix", "strategy", "env", "variables", "parameters", "inputs", "outputs"}
)
"""YAML keys whose blocks hold data, never a command."""
_YAML_KEY = lazy_re(r"^( *)((?:- +)*)([\w$.-]+|\"[^\"\n]*\"|'[^'\n]*') *:(?: +(.*))?$")
_BLOCK_SCALAR = lazy_re(r"[|>][0-9+-]*(?: +#.*)?")
_GROOVY_LABEL = lazy_re(
    r"""(?:stage|label|description|displayName)\s*\(\s*(['"])[^'"]*\1\s*\)\s*\{?$"""
)


class _Container(NamedTuple):
    """A command key with its commands in the lines below it (``script:`` and a list)."""

    column: int
    key: str
    list_at_column: bool
    """Whether list items at the key's own column belong to it (GitLab's ``script:\n- x``)."""


def _yaml_commands(repo: Repository, path: str) -> frozenset[int]:
    return repo.memo(
        f"accessibility.yaml_commands:{path}",
        lambda: yaml_command_lines(repo.read_text(path) or ""),
    )


def yaml_command_lines(text: str) -> frozenset[int]:
    """The numbers of the lines of a YAML pipeline that run commands; one pass, by
    indentation (a line-by-line reading, so a broken file still gives its commands)."""
    found: set[int] = set()
    scalar: int | None = None  # inside a block scalar of commands, deeper than this
    data: int | None = None  # inside a data block, deeper than this
    container: _Container | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if scalar is not None and indent > scalar:
            if not stripped.startswith("#"):
                found.add(number)
            continue
        scalar = None
        if data is not None and indent > data:
            continue
        data = None
        if stripped.startswith("#"):
            continue
        if container is not None and not _inside(container, indent, stripped):
            container = None
        key = _YAML_KEY.match(raw)
        if key is None:
            item = stripped[1:].strip() if stripped.startswith("-") else ""
            if container is None or not item:
                continue
            if _BLOCK_SCALAR.fullmatch(item):
                scalar = indent
            else:
                found.add(number)
            continue
        column = len(key.group(1)) + len(key.group(2))
        name = key.group(3).strip("'\"").lower()
        value = _without_comment(key.group(4) or "")
        if name in _DATA_KEYS:
            data = column
        elif name in _COMMAND_KEYS or (
            container is not None and container.key == "run" and name in _RUN_KEYS
        ):
            if _BLOCK_SCALAR.fullmatch(value):
                scalar = column
            elif value:
                found.add(number)
            else:
                container = _Container(column, name, not key.group(2))
    return frozenset(found)


def _without_comment(value: str) -> str:
    return "" if value.startswith("#") else value.partition(" #")[0].strip()


def _inside(container: _Container, indent: int, stripped: str) -> bool:
    return indent > container.column or (
        indent == container.column
        and container.list_at_column
        and stripped.startswith("-")
    )


class ToolRun(NamedTuple):
    """A CI line (or a line CI reaches, see :class:`CommandLine`) that runs a tool."""

    tool: Tool
    line: CommandLine


_INSTALL = lazy_re(
    r"\b(?:npm\s+(?:install|i|ci|add)|yarn\s+(?:global\s+)?add|pnpm\s+(?:add|install|i)|"
    r"pip3?\s+install|uv\s+(?:add|pip\s+install)|poetry\s+add|gem\s+install|bundle\s+add|"
    r"apt(?:-get)?\s+install|brew\s+install)\b",
    re.IGNORECASE,
)
_COMMAND_SEPARATOR = lazy_re(r"&&|\|\||;")


def ci_runs(repo: Repository) -> list[ToolRun]:
    """For each tool, the first CI line that runs it (not one that installs it), in tool
    order; a tool CI never runs is left out."""
    found: list[ToolRun] = []
    for tool in accessibility_tools(repo):
        for line in command_lines(repo, tool.runs):
            if runs_tool(tool, line):
                found.append(ToolRun(tool, line))
                break
    return found


def runs_tool(tool: Tool, line: CommandLine) -> bool:
    """Whether a CI line (or a package.json script CI calls) runs ``tool``, not installs it."""
    runs = re.compile(tool.runs, re.IGNORECASE)
    if not any(
        runs.search(part) and not _INSTALL.search(part) and _runs_tests(tool, part)
        for part in _COMMAND_SEPARATOR.split(line.text)
    ):
        return False
    if line.via is None or not tool.scoped:
        return True
    here = tool.path.rpartition("/")[0]
    there = line.path.rpartition("/")[0]
    return _within(here, there) or _within(there, here)


def _within(path: str, directory: str) -> bool:
    return directory == "" or path == directory or path.startswith(directory + "/")


def _runs_tests(tool: Tool, command: str) -> bool:
    """For a tool run by a test runner: whether ``command`` runs the tests (``bundle exec
    rake``, not ``rake lint`` or ``rubocop-rspec``), and a ``dotnet test`` the tool's project."""
    if not tool.tests:
        return True
    runner = runs_tests(command)
    if runner == "dotnet test":
        return _dotnet_tests(dotnet_target(command), tool.path)
    return runner is not None


def dotnet_target(command: str) -> str | None:
    """The project, solution, folder or assembly a ``dotnet test`` command names, if any."""
    match = _DOTNET_ARGUMENTS.search(command)
    words = [w.strip("'\"") for w in _WORD.findall(match.group(1))] if match else []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":  # what follows is RunSettings
            return None
        if word in ("--project", "--solution"):  # Microsoft.Testing.Platform
            return words[index] if index < len(words) else None
        if word in _DOTNET_VALUE_OPTIONS:
            index += 1
        elif not word.startswith("-") and not _MSBUILD_SWITCH.match(word):
            return word
    return None


def _dotnet_tests(target: str | None, project: str) -> bool:
    """Whether ``dotnet test <target>`` runs the tests of ``project`` (a .csproj path): no
    target, a solution, the project itself, its assembly or a folder holding it. A target
    built from variables or wildcards cannot be told, and counts."""
    if target is None or any(char in target for char in "$*?{"):
        return True
    path = posixpath.normpath(target.replace("\\", "/")).lower()
    path, project = ("" if path == "." else path), project.lower()
    if path.endswith(_SOLUTIONS):
        return True
    if path.endswith((".dll", ".exe")):
        return _stem(path) == _stem(project)
    if path.endswith(_PROJECTS):
        return path == project
    return _within(project, path)


def _stem(path: str) -> str:
    return path.rpartition("/")[2].rpartition(".")[0]
