"""Web front end detection (tcop_lint.facts.frontend), which TC0201-TC0203 share: what is a
front end, what is not."""

from __future__ import annotations

import pytest
from conftest import run_rule

from tcop_lint.facts.frontend import NO_FRONTEND_REASON, web_frontend
from tcop_lint.repository import Repository

from . import LOOKED_FOR, evidence, findings, package_json, workflow


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
            {
                "roles/site/templates/index.html.j2": (
                    "<!DOCTYPE html>\n<html><body><h1>{{ title }}</h1></body></html>\n"
                )
            },
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


def assert_no_front_end(root) -> None:
    assert web_frontend(Repository(root)) is None
    for code in ("TC0201", "TC0202", "TC0203"):
        result = run_rule(root, code)
        assert (result.outcome, result.reason) == ("skipped", NO_FRONTEND_REASON), code
        assert result.findings == []


def not_tested(front_end: str, fix: str) -> str:
    return (
        f"front end detected: {front_end}, but no automated accessibility testing is "
        f"configured ({LOOKED_FOR}): {fix}"
    )


PAGES_FIX = (
    "add pa11y-ci with a .pa11yci listing your pages, or an axe-core wrapper (cypress-axe, "
    "@axe-core/playwright) to your tests"
)


# -- issue 15, pattern 7: a redirect-only page ------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            "<!DOCTYPE html>\n<html><head>\n"
            '<meta http-equiv="refresh" content="0; url=https://example.github.io/tool/">\n'
            '</head><body><p>This page has moved to <a href="https://example.github.io/tool/">'
            "the documentation</a>.</p></body></html>\n",
            id="quoted",
        ),
        pytest.param(
            "<HTML><HEAD><META HTTP-EQUIV=Refresh CONTENT='0;URL=/tool/'></HEAD>\n"
            "<BODY><A HREF='/tool/'>Continue</A></BODY></HTML>\n",
            id="upper-case-unquoted",
        ),
    ],
)
def test_a_redirect_only_page_is_not_a_front_end(make_repo, page):
    root = make_repo(
        {
            "pyproject.toml": '[project]\nname = "tool"\n',
            "src/tool/__init__.py": "",
            "index.html": page,
            "redirects/old-guide.html": page,
        }
    )

    assert_no_front_end(root)


def test_a_page_with_a_form_and_a_refresh_is_still_a_page(make_repo):
    root = make_repo(
        {
            "public/index.html": (
                '<html><head><meta http-equiv="refresh" content="300"></head>\n'
                '<body><form action="/search"><input name="q"></form></body></html>\n'
            )
        }
    )

    assert web_frontend(Repository(root)).describe() == "public/index.html (HTML pages)"


# -- issue 15, pattern 8: Jinja fragments of a tool that renders text ---------------------------

TEXT_RENDERING_CLI = {
    "pyproject.toml": (
        '[project]\nname = "release-notes"\ndependencies = ["jinja2>=3.1", "click>=8.1"]\n'
        '[project.scripts]\nrelease-notes = "release_notes.cli:main"\n'
    ),
    "src/release_notes/cli.py": "import click\n",
    "src/release_notes/templates/comment.j2": (
        "<details><summary>{{ changes | length }} changes</summary>\n"
        "<p>{{ body }}</p></details>\n"
    ),
    "src/release_notes/templates/summary.md.j2": (
        "# {{ title }}\n{% for change in changes %}- {{ change }}\n{% endfor %}\n"
    ),
    "src/release_notes/templates/table.html.j2": (
        "<table>{% for change in changes %}<tr><td>{{ change }}</td></tr>{% endfor %}"
        "</table>\n"
    ),
}


def test_jinja_fragments_without_a_web_framework_are_not_a_front_end(make_repo):
    root = make_repo(TEXT_RENDERING_CLI)

    assert_no_front_end(root)


def test_jinja_fragments_with_a_web_framework_are_a_front_end(make_repo):
    pyproject = TEXT_RENDERING_CLI["pyproject.toml"].replace(
        '"click>=8.1"', '"flask>=3"'
    )
    root = make_repo({**TEXT_RENDERING_CLI, "pyproject.toml": pyproject})

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result) == [
        (
            not_tested(
                "src/release_notes/templates/comment.j2 (Jinja templates)",
                "add pa11y-ci with a .pa11yci listing your pages, or axe-playwright-python "
                "to your browser tests",
            ),
            "src/release_notes/templates/comment.j2",
            None,
        )
    ]


def test_a_jinja_page_that_extends_a_layout_is_a_front_end(make_repo):
    root = make_repo(
        {
            **TEXT_RENDERING_CLI,
            "src/release_notes/templates/page.j2": (
                '{% extends "base.j2" %}\n{% block content %}{{ body }}{% endblock %}\n'
            ),
        }
    )

    front_end = web_frontend(Repository(root))

    assert front_end.describe() == (
        "src/release_notes/templates/page.j2 (Jinja templates)"
    )


# -- issue 15, pattern 9: one stray HTML file in an API ------------------------------------------

STRAY_PAGE = (
    "<!DOCTYPE html>\n<html><body><h1>Something went wrong</h1></body></html>\n"
)


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {
                "go.mod": "module example.org/api\n\ngo 1.22\n",
                "cmd/api/main.go": "package main\n",
                "infrastructure/nginx/error.html": STRAY_PAGE,
                "internal/testutil/golden.html": STRAY_PAGE,
            },
            id="go-api-with-an-nginx-error-page-and-a-golden-file",
        ),
        pytest.param(
            {
                "pom.xml": (
                    "<project><dependencies><dependency>"
                    "<groupId>org.springframework.boot</groupId>"
                    "<artifactId>spring-boot-starter-web</artifactId>"
                    "</dependency></dependencies></project>\n"
                ),
                "src/main/java/uk/gov/example/Api.java": "class Api {}\n",
                "src/main/resources/static/error.html": STRAY_PAGE,
            },
            id="spring-boot-api-with-an-error-page",
        ),
        pytest.param(
            {
                "Api.sln": "Microsoft Visual Studio Solution File\n",
                "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
                "src/Api/Program.cs": "var app = WebApplication.Create(args);\n",
                "src/Api/Resources/consent-receipt.html": STRAY_PAGE,
                "deploy/docker/maintenance-page.html": STRAY_PAGE,
            },
            id="dotnet-api-with-one-resource-page",
        ),
    ],
)
def test_one_stray_html_file_in_an_api_is_not_a_front_end(make_repo, files):
    root = make_repo(files)

    assert_no_front_end(root)


def test_several_plain_pages_are_a_front_end(make_repo):
    root = make_repo(
        {
            "go.mod": "module example.org/site\n\ngo 1.22\n",
            "site/about.html": "<html><body><h1>About</h1></body></html>\n",
            "site/contact.html": "<html><body><h1>Contact</h1></body></html>\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert findings(result) == [
        (
            not_tested("site/about.html (HTML pages)", PAGES_FIX),
            "site/about.html",
            None,
        )
    ]


# -- issue 15, pattern 11: Sinatra-style views ---------------------------------------------------

RUBY_FIX = (
    "add axe-core-rspec (or axe-core-capybara) to your system specs, or pa11y-ci with a "
    ".pa11yci listing your pages"
)


@pytest.mark.parametrize(
    ("view", "kind"),
    [
        ("views/index.erb", "ERB views"),
        ("views/index.slim", "Slim views"),
        ("views/index.haml", "Haml views"),
    ],
)
def test_sinatra_views_are_a_front_end(make_repo, view, kind):
    root = make_repo(
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "sinatra"\n',
            "app.rb": "require 'sinatra'\nget('/') { erb :index }\n",
            view: "<h1>Apply for a licence</h1>\n",
            "views/config.yml.erb": "port: <%= port %>\n",
        }
    )

    result = run_rule(root, "TC0201")

    assert result.outcome == "fail"
    assert findings(result) == [(not_tested(f"{view} ({kind})", RUBY_FIX), view, None)]


def test_erb_outside_views_is_not_a_front_end(make_repo):
    root = make_repo(
        {
            "Gemfile": 'gem "chef"\n',
            "templates/default/nginx.conf.erb": "server { listen <%= @port %>; }\n",
            "views/settings.yml.erb": "port: <%= port %>\n",
        }
    )

    assert_no_front_end(root)


# -- issue 15, pattern 10: a published static site ----------------------------------------------

MKDOCS_HANDBOOK = {
    "mkdocs.yml": "site_name: Service manual\ntheme:\n  name: material\n",
    "requirements.txt": "mkdocs-material==9.5.27\n",
    "docs/index.md": "# Service manual\n",
    "docs/accessibility.md": "# Accessibility statement for the Service manual\n",
}


def test_a_published_mkdocs_site_tested_by_pa11y_in_ci(make_repo):
    root = make_repo(
        {
            **MKDOCS_HANDBOOK,
            ".github/workflows/publish.yml": workflow(
                "pip install -r requirements.txt",
                "mkdocs build --strict",
                "npm install --global pa11y-ci",
                "(cd site && python -m http.server 8000 &) && "
                "pa11y-ci --sitemap http://localhost:8000/sitemap.xml",
                "mkdocs gh-deploy --force",
            ),
        }
    )

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")
    statement = run_rule(root, "TC0203")

    assert web_frontend(Repository(root)).describe() == "mkdocs.yml (MkDocs site)"
    assert (testing.outcome, evidence(testing)) == (
        "pass",
        [(".github/workflows/publish.yml", "pa11y-ci (run by CI)")],
    )
    assert (in_ci.outcome, evidence(in_ci)) == (
        "pass",
        [
            (
                ".github/workflows/publish.yml",
                (
                    "pa11y-ci: `- run: (cd site && python -m http.server 8000 &) && "
                    "pa11y-ci --sitemap http://localhost:8000/sitemap.xml`"
                ),
            )
        ],
    )
    assert (statement.outcome, evidence(statement)) == (
        "pass",
        [("docs/accessibility.md", "accessibility statement page")],
    )


SITE_FIX = (
    "add a CI step that runs pa11y-ci (or @axe-core/cli) against the built site, e.g. "
    "`npx pa11y-ci --sitemap http://localhost:8000/sitemap.xml`"
)


@pytest.mark.parametrize(
    ("files", "front_end", "line"),
    [
        pytest.param(
            {
                "_config.yml": "title: Guidance\nremote_theme: alphagov/govuk-jekyll\n",
                "Gemfile": 'gem "github-pages", group: :jekyll_plugins\n',
                "index.md": "# Guidance\n",
                "CNAME": "guidance.example.gov.uk\n",
            },
            "_config.yml (Jekyll site)",
            None,
            id="jekyll-with-a-custom-domain",
        ),
        pytest.param(
            {
                "package.json": package_json(
                    scripts={"build": "eleventy"},
                    devDependencies={"@11ty/eleventy": "^2.0.1"},
                ),
                "src/index.md": "# Home\n",
                "netlify.toml": '[build]\n  command = "npm run build"\n  publish = "_site"\n',
            },
            "package.json (Eleventy site)",
            8,
            id="eleventy-on-netlify",
        ),
        pytest.param(
            {
                "hugo.toml": "baseURL = 'https://www.example.gov.uk/'\n",
                "content/_index.md": "# Home\n",
                ".github/workflows/pages.yml": workflow("hugo --minify")
                + "      - uses: actions/deploy-pages@v4\n",
            },
            "hugo.toml (Hugo site)",
            None,
            id="hugo-on-github-pages",
        ),
        pytest.param(
            {
                "docusaurus.config.js": "module.exports = { title: 'Docs' }\n",
                "package.json": package_json(
                    scripts={"deploy": "docusaurus deploy"},
                    dependencies={"@docusaurus/core": "3.4.0", "react": "18.3.1"},
                ),
                "src/pages/index.js": "export default () => <main />\n",
                ".gitlab-ci.yml": "pages:\n  script:\n    - npm ci\n    - npm run deploy\n",
            },
            "docusaurus.config.js (Docusaurus site)",
            None,
            id="docusaurus-deployed-by-ci",
        ),
    ],
)
def test_a_published_static_site_without_accessibility_testing_fails(
    make_repo, files, front_end, line
):
    root = make_repo(files)

    result = run_rule(root, "TC0201")

    path = front_end.split(" ")[0]
    assert result.outcome == "fail"
    assert findings(result) == [(not_tested(front_end, SITE_FIX), path, line)]


def test_a_site_generator_config_that_nothing_publishes_is_not_a_front_end(make_repo):
    root = make_repo(
        {
            **MKDOCS_HANDBOOK,
            "pyproject.toml": '[project]\nname = "lib"\n',
            "src/lib/__init__.py": "",
            ".github/workflows/docs.yml": workflow("mkdocs build --strict"),
            "tests/fixtures/site/_config.yml": "theme: jekyll-theme-minimal\n",
            "tests/fixtures/site/CNAME": "example.org\n",
        }
    )

    assert_no_front_end(root)


_DJANGO_API = {
    "requirements.txt": "django==5.0\ndjangorestframework==3.15\n",
    "app/api/views.py": "from rest_framework import viewsets\n",
}


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {
                **_DJANGO_API,
                "app/api/templates/api/pdf/print_case.html": "<html><body><h1>{{ id }}</h1></body></html>\n",
                "app/email_integrations/templates/email/_base.html": "<html><body>{% block b %}{% endblock %}</body></html>\n",
                "app/email_integrations/templates/markdownx/widget.html": "<div><textarea></textarea></div>\n",
                "app/templates/admin/index.html": "{% extends 'admin/base.html' %}\n",
                "app/templates/rest_framework/api.html": "{% extends 'rest_framework/base.html' %}\n",
            },
            id="django-api-with-pdf-email-admin-and-browsable-api-templates",
        ),
        pytest.param(
            {
                "requirements.txt": "flask==3.0.0\n",
                "app/__init__.py": "from flask import Flask\n",
                "templates/tasks/scheduled_tasks/new_email_brandings.html": "<p>New: {{ name }}</p>\n",
            },
            id="flask-api-with-an-email-template-named-in-the-middle",
        ),
        pytest.param(
            {
                "requirements.txt": "flask==3.0.0\n",
                "app/__init__.py": "from flask import Flask\n",
                "templates/tasks/branding.html": "<p>New branding: {{ name }}</p>\n",
            },
            id="flask-api-with-one-template-fragment",
        ),
        pytest.param(
            {
                "Makefile": "test:\n\tgo test ./...\n",
                "platform-tests/example-apps/static-app/index.html": "<html><body><h1>ok</h1></body></html>\n",
                "platform-tests/example-apps/holding-page/index.html": "<html><body><main>hi</main></body></html>\n",
                "tools/error_page/src/error.tsx": "export const Error = () => <main>Sorry</main>;\n",
                "tools/error_page/src/layout.tsx": "export const Layout = () => <html />;\n",
            },
            id="platform-repo-with-test-apps-and-an-error-page-tool",
        ),
    ],
)
def test_templates_a_web_front_end_does_not_render_are_not_a_front_end(
    make_repo, files
):
    """Issue 15, pattern 9: e-mail, letter and PDF templates, framework page overrides, test
    apps and a platform's error page, weighed, are not the team's web front end."""
    assert_no_front_end(make_repo(files))


def test_two_template_fragments_in_a_flask_app_are_a_front_end(make_repo):
    root = make_repo(
        {
            "requirements.txt": "flask==3.0.0\n",
            "app/templates/start.html": "<main><h1>Start</h1></main>\n",
            "app/templates/check.html": "<form><button>Continue</button></form>\n",
        }
    )
    front_end = web_frontend(Repository(root))
    assert front_end is not None
    assert front_end.describe() == "app/templates/check.html (Jinja/Django templates)"


@pytest.mark.parametrize(
    ("files", "described"),
    [
        pytest.param(
            {
                "config/tech-docs.yml": "host: https://docs.example.gov.uk\nservice_name: Docs\n",
                "source/index.html.md.erb": "# Docs\n",
            },
            "config/tech-docs.yml (GOV.UK Tech Docs site)",
            id="tech-docs-with-its-host",
        ),
        pytest.param(
            {
                "docs/_config.yml": "title: Notify\ntheme: minima\n",
                "docs/_includes/head.html": "<title>{{ page.title }}</title>\n",
                "docs/index.md": "# Notify\n",
            },
            "docs/_config.yml (Jekyll site)",
            id="jekyll-in-docs-for-github-pages",
        ),
    ],
)
def test_sites_published_by_convention_are_a_front_end(make_repo, files, described):
    """Issue 15, pattern 10: GitHub Pages builds a Jekyll site in docs/ with nothing in CI,
    and a GOV.UK Tech Docs config names the host the site is published at."""
    front_end = web_frontend(Repository(make_repo(files)))
    assert front_end is not None
    assert front_end.describe() == described


def test_a_middleman_config_rb_without_source_is_not_a_site(make_repo):
    root = make_repo({"config.rb": "activate :livereload\n", "app/main.rb": "puts 1\n"})
    assert_no_front_end(root)


def test_wordpress_theme_templates_are_a_front_end(make_repo):
    root = make_repo(
        {
            "composer.json": '{"name": "example/site"}\n',
            "wordpress/wp-content/themes/site/index.php": "<?php get_header(); ?>\n",
            "wordpress/wp-content/plugins/base/base.php": "<?php // a plugin\n",
        }
    )
    front_end = web_frontend(Repository(root))
    assert front_end is not None
    assert front_end.describe() == (
        "wordpress/wp-content/themes/site/index.php (WordPress theme templates)"
    )
