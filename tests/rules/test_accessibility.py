"""TC0201 accessibility-testing, TC0202 accessibility-testing-in-ci, TC0203 accessibility-statement,
and the web front end detection they share (tcop_lint.facts.frontend)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_rule

from tcop_lint.facts.frontend import NO_FRONTEND_REASON, web_frontend
from tcop_lint.repository import Repository

ATTEST_HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: accessibility:` in .tcop-lint.yml"
)


def package_json(**sections: object) -> str:
    return json.dumps({"name": "app", "version": "1.0.0", **sections}, indent=2) + "\n"


def workflow(*steps: str, working_directory: str | None = None) -> str:
    lines = [
        "name: CI",
        "on: [push, pull_request]",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
    ]
    if working_directory:
        lines += [
            "    defaults:",
            "      run:",
            f"        working-directory: {working_directory}",
        ]
    lines += ["    steps:", "      - uses: actions/checkout@v4"]
    lines += [f"      - run: {step}" for step in steps]
    return "\n".join(lines) + "\n"


def findings(result) -> list[tuple[str, str | None, int | None]]:
    return [(f.message, f.path, f.start_line) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


# -- acceptance layouts (issue 4) ------------------------------------------------------------

RAILS_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
    "app/views/layouts/application.html.erb": "<!DOCTYPE html>\n<html><body><%= yield %></body></html>\n",
    "app/views/home/index.html.erb": "<h1>Welcome</h1>\n",
    "app/views/user_mailer/welcome.text.erb": "Hello\n",
    "app/controllers/home_controller.rb": "class HomeController < ApplicationController; end\n",
    "spec/system/home_spec.rb": "RSpec.describe 'home' do; end\n",
    ".github/workflows/ci.yml": workflow("bundle exec rspec"),
}


def test_rails_app_with_erb_views_and_no_accessibility_testing_fails(make_repo):
    root = make_repo(RAILS_APP)

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result) == [
        (
            (
                "front end detected: app/views/home/index.html.erb (ERB views), but no automated "
                "accessibility testing is configured: add axe-core-rspec (or axe-core-capybara) to "
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


GOVUK_EXPRESS_APP = {
    "package.json": package_json(
        scripts={"start": "node app.js", "test:a11y": "pa11y-ci", "test": "jest"},
        dependencies={
            "express": "^4.19.2",
            "govuk-frontend": "^5.4.0",
            "nunjucks": "^3.2.4",
        },
        devDependencies={"jest": "^29.7.0", "pa11y-ci": "^3.1.0"},
    ),
    ".pa11yci": json.dumps(
        {"defaults": {"standard": "WCAG2AA"}, "urls": ["http://localhost:3000/"]}
    ),
    "app.js": "const express = require('express')\n",
    "app/views/layout.njk": '{% extends "govuk/template.njk" %}\n',
    "app/views/index.njk": '{% extends "layout.njk" %}\n',
    "app/views/accessibility-statement.njk": '{% extends "layout.njk" %}\n',
    ".github/workflows/ci.yml": workflow(
        "npm ci",
        "npm start &",
        "npx wait-on http://localhost:3000",
        "npm run test:a11y",
    ),
}


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


def test_library_without_front_end_is_skipped(make_repo):
    root = make_repo(
        {
            "pyproject.toml": '[project]\nname = "lib"\ndependencies = ["requests"]\n',
            "src/lib/__init__.py": "",
            "tests/test_lib.py": "def test(): pass\n",
            "tests/fixtures/page.html": "<html><body><p>fixture</p></body></html>\n",
            "README.md": "# lib\n",
        }
    )

    for code in ("TC0201", "TC0202", "TC0203"):
        result = run_rule(root, code)
        assert (result.outcome, result.reason) == ("skipped", NO_FRONTEND_REASON), code
        assert result.findings == []


def test_python_library_with_sphinx_html_templates_has_no_front_end(make_repo):
    root = make_repo(
        {
            "pyproject.toml": '[project]\nname = "lib"\ndependencies = ["sphinx"]\n',
            "src/lib/__init__.py": "",
            "docs/conf.py": "templates_path = ['_templates']\n",
            "docs/_templates/layout.html": '{% extends "!layout.html" %}\n<div>x</div>\n',
            "docs/source/_templates/page.html": "<html><body></body></html>\n",
            "docs/_static/custom.html": "<p>x</p>\n",
            "htmlcov/index.html": "<html><body><h1>Coverage report</h1></body></html>\n",
            "README.html": "<html><body><h1>lib</h1></body></html>\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert (result.outcome, result.reason) == ("skipped", NO_FRONTEND_REASON)


HMRC_PLAY_FRONTEND = {
    "build.sbt": 'lazy val microservice = Project("my-frontend", file("."))\n',
    "project/plugins.sbt": (
        'resolvers += MavenRepository("HMRC-open-artefacts-maven2", "https://open.artefacts.tax.service.gov.uk/maven2")\n'
        'addSbtPlugin("uk.gov.hmrc"       % "sbt-auto-build"           % "3.22.0")\n'
        'addSbtPlugin("org.playframework" % "sbt-plugin"               % "3.0.2")\n'
        'addSbtPlugin("uk.gov.hmrc"       % "sbt-accessibility-linter" % "1.0.0")\n'
    ),
    "project/AppDependencies.scala": (
        "object AppDependencies {\n"
        '  val compile = Seq("uk.gov.hmrc" %% "play-frontend-hmrc-play-30" % "8.5.0")\n'
        "}\n"
    ),
    "app/views/HelloWorldPage.scala.html": "@this(layout: Layout)\n@()\n@layout() { <h1>Hello</h1> }\n",
    "app/views/Layout.scala.html": "@this(hmrcLayout: HmrcLayout)\n",
    "conf/app.routes": "GET  /hello  controllers.HelloWorldController.helloWorld\n",
    "conf/application.conf": (
        'appName = "my-frontend"\n'
        "accessibility-statement {\n"
        '  service-path = "/my-frontend"\n'
        "}\n"
    ),
    "a11y/views/HelloWorldPageSpec.scala": "class HelloWorldPageSpec extends A11ySpec\n",
}


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


def test_hmrc_play_frontend_with_a_jenkinsfile_running_a11y_tests(make_repo):
    root = make_repo(
        {
            **HMRC_PLAY_FRONTEND,
            "Jenkinsfile": "node {\n  sh 'sbt clean test A11y/test'\n}\n",
        }
    )

    in_ci = run_rule(root, "TC0202")

    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        ("Jenkinsfile", "sbt-accessibility-linter: `sh 'sbt clean test A11y/test'`")
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
                "automated accessibility testing is configured: add "
                'addSbtPlugin("uk.gov.hmrc" % "sbt-accessibility-linter" % "<version>") to '
                "project/plugins.sbt and accessibility specs for your views under a11y/"
            ),
            "app/views/HelloWorldPage.scala.html",
            None,
        )
    ]


# -- front end detection: false positives and messy layouts ------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {
                "go.mod": "module example.org/api\n\ngo 1.22\n",
                "main.go": "package main\n",
                "static/index.html": (
                    "<!DOCTYPE html><html><head><link rel='stylesheet' href='swagger-ui.css'>"
                    "</head><body><div id='swagger-ui'></div><script>SwaggerUIBundle({url: "
                    "'/openapi.json'})</script></body></html>\n"
                ),
                "third_party/swagger-ui/index.html": "<html><body></body></html>\n",
                "public/404.html": "<html><body><h1>Not found</h1></body></html>\n",
                "public/50x.html": "<html><body><h1>Error</h1></body></html>\n",
            },
            id="go-service-with-swagger-ui",
        ),
        pytest.param(
            {
                "Gemfile": 'gem "rails"\n',
                "app/views/layouts/mailer.html.erb": "<html><body><%= yield %></body></html>\n",
                "app/views/layouts/mailer.text.erb": "<%= yield %>\n",
                "app/views/user_mailer/welcome.html.erb": "<p>Welcome</p>\n",
                "app/views/reports/show.json.jbuilder": "json.id 1\n",
            },
            id="rails-api-app-with-only-mailer-templates",
        ),
        pytest.param(
            {
                "site.yml": "- hosts: all\n",
                "roles/web/templates/nginx.conf.j2": "server { listen {{ port }}; }\n",
                "roles/web/templates/env.j2": "FOO={{ foo }}\n",
            },
            id="ansible-config-templates",
        ),
        pytest.param(
            {
                "package.json": package_json(
                    dependencies={"react": "18.2.0", "react-native": "0.74.0"}
                ),
                "App.tsx": "export default function App() { return <View /> }\n",
            },
            id="react-native-app",
        ),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "lib"\n',
                "website/package.json": package_json(
                    dependencies={"@docusaurus/core": "3.4.0", "react": "18.3.1"}
                ),
                "website/src/pages/index.js": "export default () => <Layout />\n",
                "website/src/components/Hero.jsx": "export const Hero = () => <h1/>\n",
                "mkdocs.yml": "theme:\n  name: material\n  custom_dir: overrides\n",
                "overrides/main.html": "{% extends 'base.html' %}<div></div>\n",
            },
            id="library-with-docusaurus-and-mkdocs-overrides",
        ),
        pytest.param(
            {
                "cookiecutter.json": "{}\n",
                "{{cookiecutter.slug}}/templates/index.html": "<html><body></body></html>\n",
                "examples/web/index.html": "<html><body><p>x</p></body></html>\n",
                "src/main/javadoc/overview.html": "<html><body>docs</body></html>\n",
                "CHANGELOG.html": "<html><body><h1>1.0</h1></body></html>\n",
                ".github/ISSUE_TEMPLATE/form.html": "<form></form>\n",
            },
            id="templates-examples-javadoc-and-hidden-dirs",
        ),
    ],
)
def test_not_a_web_front_end(make_repo, files):
    root = make_repo(files)

    assert web_frontend(Repository(root)) is None
    result = run_rule(root, "TC0201")
    assert (result.outcome, result.reason) == ("skipped", NO_FRONTEND_REASON)


@pytest.mark.parametrize(
    ("files", "described"),
    [
        (
            {
                "app/templates/index.html": "{% extends 'base.html' %}\n{% block c %}<h1>x</h1>{% endblock %}\n"
            },
            "app/templates/index.html (Jinja/Django templates)",
        ),
        (
            {
                "src/main/resources/templates/home.html": '<html xmlns:th="http://www.thymeleaf.org"><body></body></html>\n'
            },
            "src/main/resources/templates/home.html (Thymeleaf templates)",
        ),
        (
            {
                "package.json": package_json(
                    dependencies={"govuk-prototype-kit": "13.16.0"}
                ),
                "app/views/index.html": '{% extends "layouts/main.html" %}\n<h1>Start</h1>\n',
            },
            "app/views/index.html (HTML views)",
        ),
        (
            {"Views/Home/Index.cshtml": "@model HomeViewModel\n<h1>Hi</h1>\n"},
            "Views/Home/Index.cshtml (Razor views)",
        ),
        (
            {"web/src/components/Button.Vue": "<template><button/></template>\n"},
            "web/src/components/Button.Vue (Vue components)",
        ),
        (
            {"roles/site/templates/index.html.j2": "{{ title }}\n"},
            "roles/site/templates/index.html.j2 (Jinja templates)",
        ),
        (
            {
                "public/index.html": "<!doctype html>\n<html><body><main>Hello</main></body></html>\n"
            },
            "public/index.html (HTML pages)",
        ),
        (
            {
                "packages/web/package.json": package_json(
                    dependencies={"react": "^18", "react-dom": "^18"}
                )
            },
            "packages/web/package.json (React dependency)",
        ),
        (
            {
                "project/AppDependencies.scala": (
                    "object AppDependencies {\n  private val compile = Seq(\n"
                    '    "uk.gov.hmrc" %% "bootstrap-frontend-play-28" % "5.14.0",\n'
                    '    "uk.gov.hmrc" %% "play-frontend-hmrc"         % "3.8.0-play-28"\n'
                    "  )\n}\n"
                )
            },
            "project/AppDependencies.scala (HMRC Play frontend dependency)",
        ),
        (
            {
                "project/FrontendBuild.scala": 'val c = Seq("uk.gov.hmrc" %% "play-ui" % "9.7.0")\n'
            },
            "project/FrontendBuild.scala (HMRC Play UI dependency)",
        ),
        (
            {"requirements.txt": "flask==3.0.0\ngovuk-frontend-jinja==3.1.0\n"},
            "requirements.txt (GOV.UK Frontend (Jinja) dependency)",
        ),
    ],
)
def test_web_front_end_kinds(make_repo, files, described):
    root = make_repo(files)

    front_end = web_frontend(Repository(root))

    assert front_end is not None
    assert front_end.describe() == described


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
                "automated accessibility testing is configured: add pa11y-ci with a .pa11yci "
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
                devDependencies={"eslint-plugin-jsx-a11y": "^6.8.0"},
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
                "accessibility testing is configured: add jest-axe (or vitest-axe) to your "
                "component tests, or pa11y-ci with a .pa11yci listing your pages"
            ),
            "src/App.tsx",
            None,
        )
    ]


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


# -- TC0201: each kind of tooling ------------------------------------------------------------


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
                'accessibility testing is configured: add "categories:accessibility": ["error", '
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


# -- TC0202 ----------------------------------------------------------------------------------

MONOREPO = {
    "api/package.json": package_json(
        scripts={"test": "jest"},
        dependencies={"express": "^4"},
        devDependencies={"jest": "^29"},
    ),
    "api/src/server.js": "module.exports = {}\n",
    "web/package.json": package_json(
        scripts={"lint": "eslint ."},
        dependencies={"react": "^18", "react-dom": "^18"},
        devDependencies={"jest": "^29", "jest-axe": "^9.0.0"},
    ),
    "web/src/App.jsx": "export const App = () => <main />\n",
}


def test_jest_run_only_in_another_package_does_not_run_jest_axe(make_repo):
    root = make_repo(
        {
            **MONOREPO,
            ".github/workflows/ci.yml": workflow(
                "npm ci", "npm test", working_directory="api"
            ),
        }
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "the accessibility tooling (jest-axe) is not run by CI: add a step that runs "
                "it, e.g. `npx jest`"
            ),
            ".github/workflows/ci.yml",
            None,
        )
    ]
    assert result.findings[0].level == "warning"


def test_jest_run_in_the_package_that_declares_jest_axe(make_repo):
    web = json.loads(MONOREPO["web/package.json"])
    web["scripts"]["test"] = "jest --ci"
    root = make_repo(
        {
            **MONOREPO,
            "web/package.json": json.dumps(web, indent=2),
            ".gitlab-ci.yml": "web:\n  script:\n    - cd web\n    - npm ci\n    - npm test\n",
        }
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        ("web/package.json", "jest-axe: `jest --ci` run by .gitlab-ci.yml")
    ]


def test_installing_pa11y_is_not_running_it(make_repo):
    files = dict(GOVUK_EXPRESS_APP)
    files[".github/workflows/ci.yml"] = workflow(
        "npm ci", "npm install --global pa11y-ci@3", "npm run build"
    )
    root = make_repo(files)

    result = run_rule(root, "TC0202")

    assert findings(result) == [
        (
            (
                "the accessibility tooling (pa11y-ci) is not run by CI: add a step that runs "
                "it, e.g. `npx pa11y-ci`"
            ),
            ".github/workflows/ci.yml",
            None,
        )
    ]


def test_cypress_axe_run_by_the_cypress_action(make_repo):
    root = make_repo(
        {
            "package.json": package_json(
                dependencies={"vue": "^3.4.0"},
                devDependencies={
                    "cypress": "^13",
                    "cypress-axe": "^1.5.0",
                    "axe-core": "^4.9",
                },
            ),
            "src/App.vue": "<template><main/></template>\n",
            ".github/workflows/e2e.yml": (
                "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: cypress-io/github-action@v6\n        with:\n          start: npm start\n"
            ),
        }
    )

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")

    assert evidence(testing) == [
        ("package.json", "cypress-axe (npm dependency)"),
        ("package.json", "axe-core (npm dependency)"),
    ]
    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        (
            ".github/workflows/e2e.yml",
            "cypress-axe: `- uses: cypress-io/github-action@v6`",
        )
    ]


RAILS_AXE_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "axe-core-rspec"\n',
    "app/views/home/index.html.erb": "<h1>Welcome</h1>\n",
    "spec/features/home_spec.rb": (
        "RSpec.describe 'home', type: :feature do\n"
        "  it { visit '/'; expect(page).to be_axe_clean }\n"
        "end\n"
    ),
}
NOT_RUN = (
    "the accessibility tooling ({label}) is not run by CI: add a step that runs it, "
    "e.g. `{example}`"
)


@pytest.mark.parametrize(
    "command",
    [
        "bundle exec rake",
        "bundle exec rspec spec/features",
        "bin/rake spec",
        "bundle exec rake test",
        "bin/rails spec",
        "bin/rails test:system",
        "bundle exec rake lint && bundle exec rake spec",
    ],
)
def test_ruby_test_commands_run_axe_core_rspec(make_repo, command):
    root = make_repo({**RAILS_AXE_APP, ".github/workflows/ci.yml": workflow(command)})

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", f"axe-core-rspec: `- run: {command}`")
    ]


@pytest.mark.parametrize(
    "job",
    [
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n      - run: bundle exec rake lint\n",
            id="rake-lint",
        ),
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: bundle exec rubocop --require rubocop-rspec\n",
            id="rubocop-rspec",
        ),
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n      - name: rspec\n"
            "        run: bundle exec rake assets:precompile\n",
            id="step-named-rspec",
        ),
        pytest.param(
            "    uses: org/shared/.github/workflows/rspec.yml@v1\n",
            id="reusable-workflow-named-rspec",
        ),
    ],
)
def test_ruby_commands_that_run_no_tests_do_not_run_axe_core_rspec(make_repo, job):
    ci = "name: CI\non: push\njobs:\n  check:\n" + job
    root = make_repo({**RAILS_AXE_APP, ".github/workflows/ci.yml": ci})

    result = run_rule(root, "TC0202")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            NOT_RUN.format(label="axe-core-rspec", example="bundle exec rspec"),
            ".github/workflows/ci.yml",
            None,
        )
    ]
    assert result.findings[0].level == "warning"


DOTNET_APP = {
    "App.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
    "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
    "src/Web/Views/Home/Index.cshtml": "@model HomeViewModel\n<h1>Hi</h1>\n",
    "tests/Ui/Ui.csproj": (
        '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
        '    <PackageReference Include="Deque.AxeCore.Playwright" Version="4.10.0" />\n'
        "  </ItemGroup>\n</Project>\n"
    ),
    "tests/Ui/HomePageTests.cs": "public class HomePageTests {}\n",
    "tests/Unit/Unit.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n',
    "tests/Unit/HomeControllerTests.cs": "public class HomeControllerTests {}\n",
}


@pytest.mark.parametrize(
    ("command", "runs"),
    [
        ("dotnet test", True),
        ("dotnet test App.sln --logger trx", True),
        ("dotnet test tests", True),
        ("dotnet test -c Release --no-build ./tests/Ui/", True),
        ("dotnet test tests\\Ui\\Ui.csproj /p:CollectCoverage=true", True),
        ("dotnet test --project tests/Ui", True),
        ("dotnet test tests/Ui/bin/Release/net8.0/Ui.dll", True),
        ("dotnet test tests/Unit", False),
        ("dotnet test --filter Category=Ui tests/Unit/Unit.csproj", False),
        ("dotnet test -c Release src/Web", False),
    ],
)
def test_dotnet_test_runs_axe_only_in_the_project_that_references_it(
    make_repo, command, runs
):
    root = make_repo({**DOTNET_APP, ".github/workflows/ci.yml": workflow(command)})

    result = run_rule(root, "TC0202")

    if runs:
        assert evidence(result) == [
            (
                ".github/workflows/ci.yml",
                f"deque.axecore.playwright: `- run: {command}`",
            )
        ]
    else:
        assert findings(result) == [
            (
                NOT_RUN.format(label="deque.axecore.playwright", example="dotnet test"),
                ".github/workflows/ci.yml",
                None,
            )
        ]


# -- TC0203 ----------------------------------------------------------------------------------


def test_statement_missing_warns_with_the_attestation_hint(make_repo):
    root = make_repo(
        {
            "src/App.tsx": "export const App = () => <main />\n",
            "src/App.accessibility.test.tsx": "it('has no violations', () => {})\n",
            "a11y/accessibility.spec.ts": "test('a11y', () => {})\n",
            "src/hooks/accessibility.ts": "export const useFocus = () => {}\n",
            "docs/accessibility-testing.md": "# How we test with axe\n",
        }
    )

    result = run_rule(root, "TC0203")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "no accessibility statement found for the front end (src/App.tsx (JSX/TSX "
            "components)): add an accessibility statement page (e.g. "
            "accessibility-statement.html, based on the GOV.UK sample statement) and link it "
            "from every page footer" + ATTEST_HINT,
            "src/App.tsx",
            None,
        )
    ]


def test_statement_attested_elsewhere_passes(make_repo):
    today = dt.date.today().isoformat()
    root = make_repo(
        {
            "src/App.tsx": "export const App = () => <main />\n",
            ".tcop-lint.yml": (
                "attestations:\n  accessibility-statement:\n"
                "    evidence: https://www.example.gov.uk/accessibility\n"
                f"    reviewed: {today}\n"
            ),
        }
    )

    result = run_rule(root, "TC0203")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".tcop-lint.yml",
            f"attestation: https://www.example.gov.uk/accessibility (reviewed {today})",
        )
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"app/accessibility/page.tsx": "export default function Page() {}\n"},
            ("app/accessibility/page.tsx", "accessibility statement page"),
        ),
        (
            {"src/pages/AccessibilityStatement.tsx": "export default () => <main/>\n"},
            ("src/pages/AccessibilityStatement.tsx", "accessibility statement page"),
        ),
        (
            {"docs/Accessibility.md": "# Accessibility statement\n"},
            ("docs/Accessibility.md", "accessibility statement page"),
        ),
        (
            {
                "config/routes.rb": "Rails.application.routes.draw do\n  get '/accessibility', to: 'pages#accessibility'\nend\n"
            },
            ("config/routes.rb", "route to an accessibility statement (line 2)"),
        ),
        (
            {
                "src/components/Footer.jsx": 'export const Footer = () => <a href="https://www.example.gov.uk/accessibility">Accessibility</a>\n'
            },
            (
                "src/components/Footer.jsx",
                "links to an accessibility statement (line 1)",
            ),
        ),
    ],
)
def test_statement_found(make_repo, extra, expected):
    root = make_repo({"src/App.tsx": "export const App = () => <main />\n", **extra})

    result = run_rule(root, "TC0203")

    assert result.outcome == "pass"
    assert evidence(result) == [expected]


def test_play_frontend_without_a_statement_is_told_the_service_path(make_repo):
    conf = HMRC_PLAY_FRONTEND["conf/application.conf"].split("accessibility")[0]
    root = make_repo({**HMRC_PLAY_FRONTEND, "conf/application.conf": conf})

    result = run_rule(root, "TC0203")

    assert findings(result) == [
        (
            "no accessibility statement found for the front end "
            "(app/views/HelloWorldPage.scala.html (Twirl templates)): set "
            'accessibility-statement.service-path = "/your-service" in conf/application.conf, '
            "so the HMRC footer links your statement on accessibility-statement-frontend, or "
            "add an accessibility statement page (e.g. accessibility-statement.html, based on "
            "the GOV.UK sample statement) and link it from every page footer"
            + ATTEST_HINT,
            "app/views/HelloWorldPage.scala.html",
            None,
        )
    ]


def test_play_routes_with_an_accessibility_route(make_repo):
    conf = HMRC_PLAY_FRONTEND["conf/application.conf"].split("accessibility")[0]
    root = make_repo(
        {
            **HMRC_PLAY_FRONTEND,
            "conf/application.conf": conf,
            "conf/app.routes": (
                "# GET /accessibility  commented out\n"
                "GET  /hello                    controllers.HelloWorldController.helloWorld\n"
                "GET  /accessibility-statement  controllers.AccessibilityController.onPageLoad\n"
            ),
        }
    )

    result = run_rule(root, "TC0203")

    assert evidence(result) == [
        ("conf/app.routes", "route to an accessibility statement (line 3)")
    ]
