"""Point 2, make things accessible and inclusive: automated accessibility tests, run by CI,
and an accessibility statement, wherever the repository has a web front end.

Which files make a front end is decided once, in :mod:`tcop_lint.facts.frontend`; every rule
here is skipped, with the same reason, when there is none.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator
from typing import NamedTuple

from tcop_lint.facts.ci import CommandLine, ci_files, find_in_ci
from tcop_lint.facts.dependencies import declared_dependencies, normalise_python
from tcop_lint.facts.frontend import NO_FRONTEND_REASON, FrontEnd, web_frontend
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

from .integrate_adapt import runs_tests

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
    """fnmatch patterns on the normalised dependency name (Maven: ``group:artifact``)."""
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
        _PLAYWRIGHT,
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
_HMRC_ASSESSMENT = r"accessibility-assessment"
_COMMENT_LINE = lazy_re(r"^\s*(?://|#).*$", re.MULTILINE)
_VENDORED = frozenset({"node_modules", "vendor", "bower_components"})


def _vendored(path: str) -> bool:
    return any(part in _VENDORED for part in path.split("/")[:-1])


class Tool(NamedTuple):
    """Accessibility tooling found in the repository."""

    label: str
    path: str
    line: int | None
    how: str
    runs: str
    example: str
    scoped: bool = False
    """Whether a package.json script that runs it must belong to the same package tree."""
    tests: bool = False
    """Whether it runs through a test runner (see ``_Spec.tests``)."""


def accessibility_tools(repo: Repository) -> list[Tool]:
    """Every accessibility testing tool configured, in path order; computed once per run."""
    return repo.memo("accessibility.tools", lambda: _find_tools(repo))


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
        if not _vendored(path):
            tools.append(
                Tool("pa11y-ci", path, None, "pa11y config", r"\bpa11y", "npx pa11y-ci")
            )
    tools.extend(_lighthouse(repo)[0])
    for line in find_in_ci(repo, _HMRC_ASSESSMENT):
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
    unique: dict[tuple[str, str], Tool] = {}
    for tool in tools:
        unique.setdefault((tool.label, tool.path), tool)
    return sorted(unique.values(), key=lambda t: (t.path, t.line or 0, t.label))


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


def _lighthouse(repo: Repository) -> tuple[list[Tool], list[str]]:
    """Lighthouse CI configs asserting the accessibility category, and those that do not."""
    return repo.memo("accessibility.lighthouse", lambda: _find_lighthouse(repo))


def _find_lighthouse(repo: Repository) -> tuple[list[Tool], list[str]]:
    asserting: list[Tool] = []
    silent: list[str] = []
    for path in repo.by_name_matching(_LIGHTHOUSE_CONFIG):
        if _vendored(path):
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
    for command in find_in_ci(
        repo,
        r"\blhci\b.*(?:categories:accessibility|lighthouse:(?:recommended|all|no-pwa))",
    ):
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
    return asserting, silent


# -- TC0201 ----------------------------------------------------------------------------------


def _frontend(repo: Repository) -> FrontEnd:
    front_end = web_frontend(repo)
    if front_end is None:
        raise NotApplicable(NO_FRONTEND_REASON)
    return front_end


_PAGES_FIX = "pa11y-ci with a .pa11yci listing your pages"


_PLAY_KINDS = ("Twirl", "HMRC Play", "GOV.UK Play", "GOV.UK template (Play)")


def _fix(front_end: FrontEnd) -> str:
    kind = front_end.kind
    if kind.startswith(_PLAY_KINDS):
        return (
            'add addSbtPlugin("uk.gov.hmrc" % "sbt-accessibility-linter" % "<version>") to '
            "project/plugins.sbt and accessibility specs for your views under a11y/"
        )
    if kind.startswith(
        ("ERB", "Haml", "Slim", "GOV.UK components", "GOV.UK form", "GOV.UK publishing")
    ):
        return f"add axe-core-rspec (or axe-core-capybara) to your system specs, or {_PAGES_FIX}"
    if kind.startswith("Razor"):
        return f"add Deque.AxeCore.Playwright to your UI tests, or {_PAGES_FIX}"
    if kind.startswith(("Jinja", "GOV.UK Frontend (")):
        return f"add {_PAGES_FIX}, or axe-playwright-python to your browser tests"
    if kind.endswith("components") or (
        kind.endswith("dependency") and not kind.startswith(("GOV.UK", "MOJ", "NHS"))
    ):
        return f"add jest-axe (or vitest-axe) to your component tests, or {_PAGES_FIX}"
    return f"add {_PAGES_FIX}, or an axe-core wrapper (cypress-axe, @axe-core/playwright) to your tests"


@rule(
    code="TC0201",
    name="accessibility-testing",
    topic="accessibility",
    level="error",
    summary="A web front end has automated accessibility testing configured.",
    rationale="""
Point 2 of the Code (make things accessible and inclusive) asks that services are usable by
people with a range of abilities, devices, browsers and assistive technologies, and tested with
them. Automated checks (axe-core, pa11y, Lighthouse) find only part of the problems, but they
catch regressions on every change, which manual audits cannot; a repository with a web front end
and no automated accessibility testing gives no evidence that accessibility is kept.
""",
    remediation="""
Add automated accessibility testing that fits your front end. For server-rendered pages, use
[pa11y-ci](https://github.com/pa11y/pa11y-ci) with a `.pa11yci` listing your pages:

```json
{
  "defaults": { "standard": "WCAG2AA" },
  "urls": ["http://localhost:3000/", "http://localhost:3000/start"]
}
```

For components, use an axe-core wrapper in your unit tests, e.g. `npm install --save-dev jest-axe`:

```js
const { axe, toHaveNoViolations } = require("jest-axe");
expect.extend(toHaveNoViolations);
test("page has no accessibility violations", async () => {
  expect(await axe(document.body.innerHTML)).toHaveNoViolations();
});
```

Also recognised: vitest-axe, cypress-axe, @axe-core/playwright and other @axe-core packages,
axe-selenium-python / axe-playwright-python, axe-core-rspec / axe-core-capybara /
axe-core-cucumber, com.deque.html.axe-core (Java), Deque.AxeCore (.NET), HMRC's
sbt-accessibility-linter / scalatest-accessibility-linter / accessibility-assessment, and Lighthouse
CI whose `lighthouserc` asserts `categories:accessibility` (or the `lighthouse:recommended` preset).
The rule is skipped when the repository has no web front end.
""",
)
def accessibility_testing(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    front_end = _frontend(repo)
    tools = accessibility_tools(repo)
    for tool in tools:
        yield Evidence(tool.path, f"{tool.label} ({tool.how})")
    if tools:
        return
    fix = _fix(front_end)
    silent = _lighthouse(repo)[1]
    if silent:
        fix = (
            f'add "categories:accessibility": ["error", {{"minScore": 0.9}}] to the assertions '
            f"in {silent[0]}, or {fix.removeprefix('add ')}"
        )
    yield Finding(
        f"front end detected: {front_end.describe()}, but no automated accessibility "
        f"testing is configured: {fix}",
        path=front_end.path,
        start_line=front_end.line,
    )


# -- TC0202 ----------------------------------------------------------------------------------


_INSTALL = lazy_re(
    r"\b(?:npm\s+(?:install|i|ci|add)|yarn\s+(?:global\s+)?add|pnpm\s+(?:add|install|i)|"
    r"pip3?\s+install|uv\s+(?:add|pip\s+install)|poetry\s+add|gem\s+install|bundle\s+add|"
    r"apt(?:-get)?\s+install|brew\s+install)\b",
    re.IGNORECASE,
)


def _runs(tool: Tool, line: CommandLine) -> bool:
    """Whether a CI line (or a package.json script CI calls) runs ``tool``, not installs it."""
    runs = re.compile(tool.runs, re.IGNORECASE)
    if not any(
        runs.search(part) and not _INSTALL.search(part) and _runs_tests(tool, part)
        for part in re.split(r"&&|\|\||;", line.text)
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
        return _dotnet_tests(_dotnet_target(command), tool.path)
    return runner is not None


def _dotnet_target(command: str) -> str | None:
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


@rule(
    code="TC0202",
    name="accessibility-testing-in-ci",
    topic="accessibility",
    level="warning",
    summary="CI runs the accessibility tests.",
    rationale="""
Point 2 of the Code (make things accessible and inclusive). Accessibility tooling that is
configured but never run protects nothing: only a CI step that runs it on every change stops a
regression reaching users. This rule checks that CI invokes the tooling found by TC0201, directly
or through a package.json script that CI runs.
""",
    remediation="""
Run the accessibility tests in CI. For GitHub Actions, with a `test:a11y` script in package.json
(`"test:a11y": "pa11y-ci"`), add a step after starting the app:

```yaml
      - run: npm ci
      - run: npm start &
      - run: npx wait-on http://localhost:3000
      - run: npm run test:a11y
```

Other examples: `npx jest` (jest-axe), `npx playwright test` (@axe-core/playwright),
`npx cypress run` (cypress-axe), `npx @lhci/cli autorun` (Lighthouse CI), `pytest`
(axe-selenium-python), `bundle exec rspec` (axe-core-rspec), `sbt a11y:test`
(sbt-accessibility-linter).
""",
)
def accessibility_testing_in_ci(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    _frontend(repo)
    tools = accessibility_tools(repo)
    if not tools:
        raise NotApplicable("no accessibility tooling to run; see TC0201")
    runs: dict[tuple[str, str], None] = {}
    for tool in tools:
        for line in find_in_ci(repo, tool.runs):
            if not _runs(tool, line):
                continue
            command = line.text.strip()[:120]
            if line.via:
                detail = f"{tool.label}: `{command}` run by {line.via}"
            else:
                detail = f"{tool.label}: `{command}`"
            runs[(line.path, detail)] = None
            break
    if runs:
        for path, detail in runs:
            yield Evidence(path, detail)
        return
    labels = ", ".join(dict.fromkeys(tool.label for tool in tools))
    first = tools[0]
    pipelines = ci_files(repo)
    if pipelines:
        yield Finding(
            f"the accessibility tooling ({labels}) is not run by CI: add a step that runs "
            f"it, e.g. `{first.example}`",
            path=pipelines[0].path,
        )
    else:
        yield Finding(
            f"no CI configuration found to run the accessibility tooling ({labels}): add a "
            f"pipeline with a step that runs it, e.g. `{first.example}`",
            path=first.path,
            start_line=first.line,
        )


# -- TC0203 ----------------------------------------------------------------------------------

_STATEMENT_WORD = lazy_re(r"accessibility|hygyrchedd")
_DOC_EXTENSIONS = (".md", ".markdown", ".rst", ".txt", ".adoc", ".mdx")
_PAGE_EXTENSIONS = (
    ".html",
    ".htm",
    ".erb",
    ".haml",
    ".slim",
    ".njk",
    ".nunjucks",
    ".jinja",
    ".jinja2",
    ".j2",
    ".hbs",
    ".handlebars",
    ".pug",
    ".ejs",
    ".twig",
    ".php",
    ".cshtml",
    ".razor",
    ".liquid",
    ".gohtml",
    ".astro",
)
_CODE_PAGE_EXTENSIONS = (".vue", ".svelte", ".jsx", ".tsx", ".js", ".ts", ".mjs")
_PAGE_DIRECTORIES = frozenset({"pages", "routes", "views", "screens"})
_NOT_STATEMENT_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "bower_components",
        "dist",
        "build",
        "target",
        "coverage",
        "test",
        "tests",
        "spec",
        "__tests__",
        "cypress",
        "e2e",
        "a11y",
        "fixtures",
    }
)
_TEST_NAME = lazy_re(r"(?:^test[_-]|[._-](?:test|spec|stories|story)\b|spec$|test$)")
# accessibility-testing.md, a11y-checklist.md: about how the team tests, not a statement
_NOT_STATEMENT_TOPIC = frozenset(
    {
        "test",
        "tests",
        "testing",
        "checks",
        "checklist",
        "lint",
        "linter",
        "guide",
        "guidelines",
    }
)
_ROUTE_FILES = (
    r"routes|.*\.routes|routes\.rb|urls\.py|(?:routes?|router)\.(?:js|ts|mjs|cjs)"
)
# Patterns for ``repo.line_of``, which takes strings (it adds re.MULTILINE itself).
_ROUTE_TO_STATEMENT = (
    r"""(?i)^(?![ \t]*(?:#|//))[^\n]*['"/](?:accessibility|hygyrchedd)[\w-]*"""
)
_HMRC_STATEMENT = (
    r"(?i)accessibility-statement\s*\.\s*service-path\s*[=:]"
    r"|accessibility-statement\s*\{[^}]*service-path\s*[=:]"
)
_STATEMENT_LINK = (
    r"(?i)accessibility[\s_-]*statement|href\s*[=:]\s*['\"][^'\"]*/accessibility\b"
)
_LAYOUT_NAME = lazy_re(r".*(?:footer|layout|base|template)[^/]*")
MAX_LAYOUTS_READ = 30


def _statement_page(path: str) -> bool:
    parts = path.lower().split("/")
    if any(p in _NOT_STATEMENT_DIRS or p.startswith(".") for p in parts[:-1]):
        return False
    name = parts[-1]
    stem = name.split(".", 1)[0]
    if _TEST_NAME.search(stem) or re.search(r"\.(?:test|spec|stories)\.", name):
        return False
    if _NOT_STATEMENT_TOPIC.intersection(re.split(r"[-_ .]+", stem)):
        return False
    in_statement_dir = any(_STATEMENT_WORD.search(p) for p in parts[:-1])
    named = bool(_STATEMENT_WORD.search(stem))
    if not (named or in_statement_dir):
        return False
    if name.endswith(_DOC_EXTENSIONS) or name.endswith(_PAGE_EXTENSIONS):
        return True
    if name.endswith(_CODE_PAGE_EXTENSIONS):
        return (
            in_statement_dir
            or "statement" in stem
            or any(p in _PAGE_DIRECTORIES for p in parts[:-1])
        )
    return False


def _statements(repo: Repository) -> Iterator[Evidence]:
    for path in _statement_candidates(repo):
        if not _statement_page(path):
            continue
        yield Evidence(path, "accessibility statement page")
    for path in repo.by_name_matching(_ROUTE_FILES):
        if _vendored(path):
            continue
        line = repo.line_of(path, _ROUTE_TO_STATEMENT)
        if line:
            yield Evidence(path, f"route to an accessibility statement (line {line})")
    for path in repo.by_name("application.conf"):
        line = repo.line_of(path, _HMRC_STATEMENT)
        if line:
            yield Evidence(
                path,
                "links the central accessibility statement (accessibility-statement-frontend, "
                f"accessibility-statement.service-path, line {line})",
            )


def _statement_candidates(repo: Repository) -> list[str]:
    """Files named for accessibility, and files in directories named for it, from the index."""
    found = set(repo.by_name_matching(r".*(?:accessibility|hygyrchedd).*"))
    for directory in repo.directories():
        if _STATEMENT_WORD.search(directory.lower()):
            found.update(repo.in_directory(directory))
    return sorted(found)


def _footer_links(repo: Repository) -> Iterator[Evidence]:
    """Layouts and footers that link to an accessibility statement published elsewhere."""
    candidates = [
        p
        for p in repo.by_extension(*_PAGE_EXTENSIONS, ".vue", ".svelte", ".jsx", ".tsx")
        if _LAYOUT_NAME.fullmatch(p.rpartition("/")[2].lower())
        and not any(
            part in _NOT_STATEMENT_DIRS or part.startswith(".")
            for part in p.lower().split("/")[:-1]
        )
    ]
    for path in candidates[:MAX_LAYOUTS_READ]:
        line = repo.line_of(path, _STATEMENT_LINK)
        if line:
            yield Evidence(path, f"links to an accessibility statement (line {line})")
            return


@rule(
    code="TC0203",
    name="accessibility-statement",
    topic="accessibility",
    level="warning",
    summary="A web front end has an accessibility statement.",
    rationale="""
Point 2 of the Code (make things accessible and inclusive). Public sector websites must publish
an accessibility statement (Public Sector Bodies Accessibility Regulations 2018) saying how
accessible the service is, what is not, and how to ask for an alternative. A statement page,
template or document in the repository, or a link to a statement published centrally, is the
evidence this rule looks for.
""",
    remediation="""
Add an accessibility statement page, based on the
[GOV.UK sample statement](https://www.gov.uk/government/publications/sample-accessibility-statement),
and link it from the footer of every page, e.g. `app/views/pages/accessibility.html.erb`,
`app/views/accessibility-statement.njk` or `src/pages/AccessibilityStatement.tsx`.

HMRC Play frontends: set the service path of your statement on
accessibility-statement-frontend in `conf/application.conf`:

```hocon
accessibility-statement.service-path = "/your-service"
```

If the statement is published elsewhere (a central site), record an attestation for this rule.
""",
    attestable=True,
)
def accessibility_statement(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    front_end = _frontend(repo)
    found = False
    for evidence in _statements(repo):
        found = True
        yield evidence
    if not found:
        for evidence in _footer_links(repo):
            found = True
            yield evidence
    if not found:
        fix = (
            "add an accessibility statement page (e.g. accessibility-statement.html, based on "
            "the GOV.UK sample statement) and link it from every page footer"
        )
        if front_end.kind.startswith(_PLAY_KINDS):
            fix = (
                'set accessibility-statement.service-path = "/your-service" in '
                "conf/application.conf, so the HMRC footer links your statement on "
                "accessibility-statement-frontend, or " + fix
            )
        yield Finding(
            f"no accessibility statement found for the front end ({front_end.describe()}): "
            + fix,
            path=front_end.path,
            start_line=front_end.line,
        )
