"""TC0202 accessibility-testing-in-ci: CI runs the accessibility tooling TC0201 found."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.accessibility import (
    StaticLint,
    accessibility_tools,
    ci_runs,
    static_lint_runs,
    static_linting,
)
from tcop_lint.facts.ci import ci_files
from tcop_lint.facts.frontend import NO_FRONTEND_REASON, web_frontend
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_MAX_COMMAND = 120
"""How much of a command the evidence quotes."""


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
or through a package.json script that CI runs. Where TC0201 found only static accessibility
linting, it checks that CI runs ESLint; where it found only Storybook's accessibility panel, it
warns, as the panel never runs in CI.
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
    if web_frontend(repo) is None:
        raise NotApplicable(NO_FRONTEND_REASON)
    tools = accessibility_tools(repo)
    if not tools:
        lint = static_linting(repo)
        if not lint:
            raise NotApplicable("no accessibility tooling to run; see TC0201")
        yield from _partial_checks_in_ci(repo, lint)
        return
    runs: dict[tuple[str, str], None] = {}
    for run in ci_runs(repo):
        command = run.line.text.strip()[:_MAX_COMMAND]
        detail = f"{run.tool.label}: `{command}`"
        if run.line.via:
            detail += f" run by {run.line.via}"
        runs[(run.line.path, detail)] = None
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
            id="not-run-in-ci",
            missing=True,
        )
    else:
        yield Finding(
            f"no CI configuration found to run the accessibility tooling ({labels}): add a "
            f"pipeline with a step that runs it, e.g. `{first.example}`",
            path=first.path,
            start_line=first.line,
            id="no-ci",
            missing=True,
        )


def _partial_checks_in_ci(
    repo: Repository, lint: list[StaticLint]
) -> Iterator[Finding | Evidence]:
    """Static accessibility linting counts as run when CI runs ESLint; Storybook's panel
    never runs in CI. (TC0201 warns that either is only partial evidence.)"""
    linters = [found for found in lint if not found.panel]
    if not linters:
        yield Finding(
            f"Storybook's accessibility checks ({lint[0].label} in {lint[0].path}) run only "
            "in its panel, never in CI: add @storybook/addon-vitest and a CI step that runs "
            "`npx vitest --project=storybook`, or @storybook/test-runner with axe-playwright "
            "and `npx test-storybook`",
            path=lint[0].path,
            start_line=lint[0].line,
            id="panel-only",
        )
        return
    labels = ", ".join(dict.fromkeys(found.label for found in linters))
    runs = static_lint_runs(repo)
    for line in runs[:3]:
        via = f" run by {line.via}" if line.via else ""
        command = line.text.strip()[:_MAX_COMMAND]
        yield Evidence(line.path, f"{labels} (static lint): `{command}`{via}")
    if not runs:
        yield Finding(
            f"the static accessibility linting ({labels}) is not run by CI: add a step "
            "that runs it, e.g. `npx eslint .`",
            path=linters[0].path,
            start_line=linters[0].line,
            id="lint-not-run-in-ci",
        )
