"""TC0201 accessibility-testing: each kind of tooling, and the fix each front end is told."""

from __future__ import annotations

import json

import pytest
from conftest import run_rule

from tcop_lint.facts.frontend import web_frontend
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence

from . import (
    GOVUK_EXPRESS_APP,
    HMRC_PLAY_FRONTEND,
    LOOKED_FOR,
    RAILS_APP,
    evidence,
    findings,
    package_json,
    workflow,
)


def test_rails_app_with_erb_views_and_no_accessibility_testing_fails(make_repo):
    root = make_repo(RAILS_APP)

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result) == [
        (
            (
                "front end detected: app/views/home/index.html.erb (ERB views), but no automated "
                "accessibility testing is configured ("
                + LOOKED_FOR
                + "): add axe-core-rspec (or axe-core-capybara) to "
                "your system specs, or pa11y-ci with a .pa11yci listing your pages"
            ),
            "app/views/home/index.html.erb",
            None,
        )
    ]
    assert result.findings[0].level == "error"
    assert (
        run_rule(root, "TC0202").reason == "no accessibility tooling to run; see TC0201"
    )


def test_rails_app_with_axe_core_rspec_run_by_ci_passes(make_repo):
    gemfile = RAILS_APP["Gemfile"] + 'group :test do\n  gem "axe-core-rspec"\nend\n'
    root = make_repo({**RAILS_APP, "Gemfile": gemfile})

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")

    assert testing.outcome == "pass"
    assert evidence(testing) == [("Gemfile", "axe-core-rspec (rubygems dependency)")]
    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        (".github/workflows/ci.yml", "axe-core-rspec: `- run: bundle exec rspec`")
    ]


def test_govuk_frontend_express_app_with_pa11y_ci_in_a_workflow_passes(make_repo):
    root = make_repo(GOVUK_EXPRESS_APP)

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")

    assert testing.outcome == "pass"
    assert evidence(testing) == [
        (".pa11yci", "pa11y-ci (pa11y config)"),
        ("package.json", "pa11y-ci (npm dependency)"),
    ]
    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        ("package.json", "pa11y-ci: `pa11y-ci` run by .github/workflows/ci.yml")
    ]
    assert (
        web_frontend(Repository(root)).describe()
        == "app/views/accessibility-statement.njk (Nunjucks templates)"
    )


def test_hmrc_play_frontend_with_twirl_and_sbt_accessibility_linter(make_repo):
    root = make_repo(HMRC_PLAY_FRONTEND)

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")
    statement = run_rule(root, "TC0203")

    assert web_frontend(Repository(root)).describe() == (
        "app/views/HelloWorldPage.scala.html (Twirl templates)"
    )
    assert testing.outcome == "pass"
    assert evidence(testing) == [
        ("project/plugins.sbt", "sbt-accessibility-linter (sbt plugin)")
    ]
    # HMRC builds run on a Jenkins outside the repository: point at the plugin line
    assert in_ci.outcome == "warn"
    assert findings(in_ci) == [
        (
            (
                "no CI configuration found to run the accessibility tooling "
                "(sbt-accessibility-linter): add a pipeline with a step that runs it, "
                "e.g. `sbt a11y:test`"
            ),
            "project/plugins.sbt",
            4,
        )
    ]
    assert statement.outcome == "pass"
    assert evidence(statement) == [
        (
            "conf/application.conf",
            (
                "links the central accessibility statement (accessibility-statement-frontend, "
                "accessibility-statement.service-path, line 2)"
            ),
        )
    ]


def test_hmrc_play_frontend_without_linter_suggests_the_sbt_plugin(make_repo):
    plugins = HMRC_PLAY_FRONTEND["project/plugins.sbt"].replace(
        'addSbtPlugin("uk.gov.hmrc"       % "sbt-accessibility-linter" % "1.0.0")\n', ""
    )
    root = make_repo({**HMRC_PLAY_FRONTEND, "project/plugins.sbt": plugins})

    result = run_rule(root, "TC0201")

    assert findings(result) == [
        (
            (
                "front end detected: app/views/HelloWorldPage.scala.html (Twirl templates), but no "
                "automated accessibility testing is configured ("
                + LOOKED_FOR
                + "): add "
                'addSbtPlugin("uk.gov.hmrc" % "sbt-accessibility-linter" % "<version>") to '
                "project/plugins.sbt and accessibility specs for your views under a11y/"
            ),
            "app/views/HelloWorldPage.scala.html",
            None,
        )
    ]


def test_dependency_signal_points_at_the_manifest_line(make_repo):
    root = make_repo(
        {
            "requirements.txt": "flask==3.0.0\ngovuk-frontend-jinja==3.1.0\n",
            "app.py": "from flask import Flask\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert findings(result) == [
        (
            (
                "front end detected: requirements.txt (GOV.UK Frontend (Jinja) dependency), but no "
                "automated accessibility testing is configured ("
                + LOOKED_FOR
                + "): add pa11y-ci with a .pa11yci "
                "listing your pages, or axe-playwright-python to your browser tests"
            ),
            "requirements.txt",
            2,
        )
    ]


def test_react_components_without_axe_suggest_jest_axe(make_repo):
    root = make_repo(
        {
            "package.json": package_json(
                dependencies={"react": "^18.3.1", "react-dom": "^18.3.1"},
                devDependencies={"eslint": "^8.57.0"},
            ),
            "src/App.tsx": "export const App = () => <main />\n",
            "src/index.tsx": "createRoot(el).render(<App />)\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result) == [
        (
            (
                "front end detected: src/App.tsx (JSX/TSX components), but no automated "
                "accessibility testing is configured ("
                + LOOKED_FOR
                + "): add jest-axe (or vitest-axe) to your "
                "component tests, or pa11y-ci with a .pa11yci listing your pages"
            ),
            "src/App.tsx",
            None,
        )
    ]


# -- static accessibility linting is partial evidence (issue 15, pattern 12) ------------------

STATIC_LINT_ONLY = (
    "front end detected: {front_end}, with static accessibility linting only ({found}): "
    "static lint only; add runtime testing with axe or pa11y, e.g. {fix}"
)
COMPONENT_FIX = (
    "jest-axe (or vitest-axe) to your component tests, or pa11y-ci with a .pa11yci "
    "listing your pages"
)


@pytest.mark.parametrize(
    ("plugin", "framework", "source", "front_end"),
    [
        (
            "eslint-plugin-jsx-a11y",
            "react-dom",
            "src/App.tsx",
            "src/App.tsx (JSX/TSX components)",
        ),
        (
            "eslint-plugin-vuejs-accessibility",
            "vue",
            "src/App.vue",
            "src/App.vue (Vue components)",
        ),
        (
            "eslint-plugin-lit-a11y",
            "lit",
            "src/my-element.ts",
            "package.json (Lit dependency)",
        ),
    ],
)
def test_an_eslint_accessibility_plugin_alone_warns(
    make_repo, plugin, framework, source, front_end
):
    root = make_repo(
        {
            "package.json": package_json(
                dependencies={framework: "^3.0.0"},
                devDependencies={"eslint": "^8.57.0", plugin: "^6.8.0"},
            ),
            source: "export const App = () => null\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            STATIC_LINT_ONLY.format(
                front_end=front_end,
                found=f"{plugin} in package.json",
                fix=COMPONENT_FIX,
            ),
            "package.json",
            9,
        )
    ]
    assert [(f.level, f.id, f.missing) for f in result.findings] == [
        ("warning", "static-lint-only", False)
    ]
    assert evidence(result) == [
        ("package.json", f"{plugin} (static lint, npm dependency)")
    ]
    in_ci = run_rule(root, "TC0202")
    assert [(f.id, f.path, f.start_line) for f in in_ci.findings] == [
        ("lint-not-run-in-ci", "package.json", 9)
    ]


ANGULAR_APP = {
    "package.json": package_json(
        dependencies={"@angular/core": "^17.3.0"},
        devDependencies={"@angular-eslint/eslint-plugin-template": "^17.3.0"},
    ),
    "src/app/app.component.html": "<main><h1>{{ title }}</h1></main>\n",
    "src/app/app.component.ts": "export class AppComponent {}\n",
}


def test_angular_eslint_template_accessibility_rules_warn(make_repo):
    root = make_repo(
        {
            **ANGULAR_APP,
            ".eslintrc.json": (
                '{\n  "overrides": [\n    {\n      "files": ["*.html"],\n'
                '      "extends": ["plugin:@angular-eslint/template/accessibility"]\n'
                "    }\n  ]\n}\n"
            ),
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            STATIC_LINT_ONLY.format(
                front_end="package.json (Angular dependency)",
                found="@angular-eslint template accessibility rules in .eslintrc.json",
                fix=COMPONENT_FIX,
            ),
            ".eslintrc.json",
            5,
        )
    ]


def test_angular_eslint_without_the_accessibility_rules_fails(make_repo):
    root = make_repo(
        {
            **ANGULAR_APP,
            ".eslintrc.json": '{"extends": ["plugin:@angular-eslint/template/recommended"]}\n',
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == ["no-accessibility-testing"]


def test_static_lint_beside_runtime_testing_passes(make_repo):
    root = make_repo(
        {
            "package.json": package_json(
                dependencies={"react-dom": "^18.3.1"},
                devDependencies={"eslint-plugin-jsx-a11y": "^6.8.0", "jest-axe": "^9"},
            ),
            "src/App.tsx": "export const App = () => <main />\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "pass"
    assert evidence(result) == [("package.json", "jest-axe (npm dependency)")]


def test_broken_manifest_does_not_crash_detection(make_repo):
    root = make_repo(
        {
            "package.json": '{"dependencies": {"jest-axe": ',
            "views/index.njk": "<h1>x</h1>\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result)[0][1] == "views/index.njk"


def test_lighthouse_ci_asserting_accessibility_counts(make_repo):
    root = make_repo(
        {
            "src/App.jsx": "export const App = () => <main />\n",
            ".lighthouserc.json": json.dumps(
                {
                    "ci": {
                        "collect": {"url": ["http://localhost:3000/"]},
                        "assert": {
                            "assertions": {
                                "categories:accessibility": [
                                    "error",
                                    {"minScore": 0.95},
                                ]
                            }
                        },
                    }
                },
                indent=2,
            ),
            ".github/workflows/lighthouse.yml": workflow(
                "npm ci", "npx @lhci/cli@0.13.x autorun"
            ),
        }
    )

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")

    assert testing.outcome == "pass"
    assert evidence(testing) == [
        (".lighthouserc.json", "Lighthouse CI (asserts categories:accessibility)")
    ]
    assert evidence(in_ci) == [
        (
            ".github/workflows/lighthouse.yml",
            "Lighthouse CI: `- run: npx @lhci/cli@0.13.x autorun`",
        )
    ]


def test_lighthouse_preset_in_yaml_counts(make_repo):
    root = make_repo(
        {
            "src/App.svelte": "<h1>x</h1>\n",
            "lighthouserc.yml": "ci:\n  assert:\n    preset: 'lighthouse:recommended'\n",
        }
    )

    assert evidence(run_rule(root, "TC0201")) == [
        ("lighthouserc.yml", "Lighthouse CI (asserts lighthouse:recommended)")
    ]


@pytest.mark.parametrize(
    "config",
    [
        '{"ci": {"assert": {"assertions": {"categories:performance": ["warn", {"minScore": 0.9}]}}}}',
        '{"ci": {"assert": {"assertions": {"categories:accessibility": "off"}}}}',
    ],
)
def test_lighthouse_without_accessibility_assertion_fails_with_the_fix(
    make_repo, config
):
    root = make_repo({"src/App.svelte": "<h1>x</h1>\n", "lighthouserc.json": config})

    result = run_rule(root, "TC0201")

    assert findings(result) == [
        (
            (
                "front end detected: src/App.svelte (Svelte components), but no automated "
                "accessibility testing is configured ("
                + LOOKED_FOR
                + '): add "categories:accessibility": ["error", '
                '{"minScore": 0.9}] to the assertions in lighthouserc.json, or jest-axe (or '
                "vitest-axe) to your component tests, or pa11y-ci with a .pa11yci listing your pages"
            ),
            "src/App.svelte",
            None,
        )
    ]


def test_django_app_with_axe_selenium_python_run_by_gitlab_ci(make_repo):
    root = make_repo(
        {
            "requirements.txt": "Django==5.0.6\n",
            "requirements-dev.txt": "pytest-django==4.8.0\naxe_selenium_python==2.1.6\n",
            "myapp/templates/myapp/index.html": "{% extends 'base.html' %}\n<h1>x</h1>\n",
            "myapp/templates/myapp/accessibility.html": "{% extends 'base.html' %}\n<h1>x</h1>\n",
            ".gitlab-ci.yml": "test:\n  script:\n    - pip install -r requirements-dev.txt\n    - pytest\n",
        }
    )

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")
    statement = run_rule(root, "TC0203")

    assert evidence(testing) == [
        ("requirements-dev.txt", "axe-selenium-python (pypi dependency)")
    ]
    assert evidence(in_ci) == [(".gitlab-ci.yml", "axe-selenium-python: `- pytest`")]
    assert evidence(statement) == [
        ("myapp/templates/myapp/accessibility.html", "accessibility statement page")
    ]


def test_storybook_a11y_addon_alone_is_partial_evidence(make_repo) -> None:
    """Issue 15: Storybook's accessibility panel is checking a person does by hand, not
    automated testing; evidence in partial form warns, never fails."""
    repo = make_repo(
        {
            "package.json": json.dumps(
                {
                    "name": "kit",
                    "dependencies": {"react": "18.0.0", "react-dom": "18.0.0"},
                    "devDependencies": {"@storybook/addon-a11y": "^9.1.2"},
                },
                indent=2,
            ),
            "src/Alert/Alert.tsx": "export const Alert = () => <div role='alert' />;\n",
        }
    )
    result = run_rule(repo, "TC0201")
    assert result.outcome == "warn"
    assert [(f.level, f.path, f.start_line, f.message) for f in result.findings] == [
        (
            "warning",
            "package.json",
            8,
            (
                "front end detected: src/Alert/Alert.tsx (JSX/TSX components), with "
                "accessibility checks only in Storybook's panel (@storybook/addon-a11y in "
                "package.json), which a person runs by hand: run them in CI with "
                "@storybook/addon-vitest (or @storybook/test-runner with axe-playwright), or "
                "add jest-axe (or vitest-axe) to your component tests, or pa11y-ci with a "
                ".pa11yci listing your pages"
            ),
        )
    ]
    assert result.evidence == [
        Evidence(
            "package.json",
            "@storybook/addon-a11y (checks by hand in Storybook, npm dependency)",
        )
    ]
