"""TC0201 accessibility-testing: a web front end has automated accessibility testing."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.accessibility import (
    StaticLint,
    accessibility_tools,
    lighthouse_configs,
    static_linting,
)
from tcop_lint.facts.frontend import NO_FRONTEND_REASON, FrontEnd, web_frontend
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_PAGES_FIX = "pa11y-ci with a .pa11yci listing your pages"
_LOOKED_FOR = (
    "looked for axe-core and its wrappers, pa11y, Lighthouse CI asserting accessibility and "
    "HMRC's accessibility tooling in dependencies, config files and CI"
)


def _fix(front_end: FrontEnd) -> str:
    kind = front_end.kind
    if front_end.play:
        return (
            'add addSbtPlugin("uk.gov.hmrc" % "sbt-accessibility-linter" % "<version>") to '
            "project/plugins.sbt and accessibility specs for your views under a11y/"
        )
    if kind.startswith(
        ("ERB", "Haml", "Slim", "GOV.UK components", "GOV.UK form", "GOV.UK publishing")
    ):
        return f"add axe-core-rspec (or axe-core-capybara) to your system specs, or {_PAGES_FIX}"
    if kind.endswith(" site"):
        return (
            "add a CI step that runs pa11y-ci (or @axe-core/cli) against the built site, "
            "e.g. `npx pa11y-ci --sitemap http://localhost:8000/sitemap.xml`"
        )
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
pa11y, pa11y-ci and the axe-core CLI count when CI runs them, declared or not: a published
static site (MkDocs, Jekyll, Eleventy, Hugo, Docusaurus) is usually tested that way:

```yaml
      - run: mkdocs build && (cd site && python -m http.server 8000 &)
      - run: npx pa11y-ci --sitemap http://localhost:8000/sitemap.xml
```

Static linting (eslint-plugin-jsx-a11y, eslint-plugin-vuejs-accessibility, eslint-plugin-lit-a11y,
Angular ESLint's template accessibility rules) reads the source, not the page a person uses, and
Storybook's accessibility addon checks only the stories a person opens: on their own they are
partial evidence, and the rule warns. The rule is skipped when the repository has
no web front end.
""",
)
def accessibility_testing(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    front_end = web_frontend(repo)
    if front_end is None:
        raise NotApplicable(NO_FRONTEND_REASON)
    tools = accessibility_tools(repo)
    for tool in tools:
        yield Evidence(tool.path, f"{tool.label} ({tool.how})")
    if tools:
        return
    fix = _fix(front_end)
    silent = lighthouse_configs(repo).silent
    if silent:
        fix = (
            f'add "categories:accessibility": ["error", {{"minScore": 0.9}}] to the assertions '
            f"in {silent[0]}, or {fix.removeprefix('add ')}"
        )
    lint = static_linting(repo)
    if lint:
        yield from _static_lint_only(front_end, lint, fix)
        return
    yield Finding(
        f"front end detected: {front_end.describe()}, but no automated accessibility "
        f"testing is configured ({_LOOKED_FOR}): {fix}",
        path=front_end.path,
        start_line=front_end.line,
        id="no-accessibility-testing",
        missing=True,
    )


def _static_lint_only(
    front_end: FrontEnd, lint: list[StaticLint], fix: str
) -> Iterator[Finding | Evidence]:
    """Static linting reads the source, not the page a person uses, and Storybook's panel
    checks only what a person opens: partial evidence."""
    for found in lint:
        what = "checks by hand in Storybook" if found.panel else "static lint"
        yield Evidence(found.path, f"{found.label} ({what}, {found.how})")
    names = ", ".join(dict.fromkeys(f"{found.label} in {found.path}" for found in lint))
    if all(found.panel for found in lint):
        message = (
            f"front end detected: {front_end.describe()}, with accessibility checks only in "
            f"Storybook's panel ({names}), which a person runs by hand: run them in CI with "
            f"@storybook/addon-vitest (or @storybook/test-runner with axe-playwright), or {fix}"
        )
    else:
        message = (
            f"front end detected: {front_end.describe()}, with static accessibility linting "
            f"only ({names}): static lint only; add runtime testing with axe or pa11y, e.g. "
            + fix.removeprefix("add ")
        )
    yield Finding(
        message,
        path=lint[0].path,
        start_line=lint[0].line,
        level="warning",
        id="static-lint-only",
    )
