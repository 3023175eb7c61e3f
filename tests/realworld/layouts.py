"""Synthetic layouts modelled on surveyed public-sector repositories (issue 15).

Every file here is written from scratch: each layout reproduces only the *pattern* of a
surveyed repository (which files exist where, what their key lines say), never its files.
``expect`` holds the hand decisions for the rules a careful reader can decide; ``rest`` holds
the outcome of every other rule, reviewed by hand. Together they cover all 31 rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from licence_texts import licence_text, mit_text


@dataclass(frozen=True)
class Layout:
    name: str
    organisation: str
    pattern: str
    files: dict[str, str]
    expect: dict[str, str]
    rest: dict[str, str] = field(default_factory=dict)
    xfail: str | None = None


# ---------------------------------------------------------------- building blocks


def readme(title: str, *, stub: bool = False, extra: str = "") -> str:
    if stub:
        return f"# {title}\n\nTODO.\n"
    return (
        f"# {title}\n\n{title} is a service used by caseworkers to record and review applications "
        "made by members of the public. This repository holds its source code, its tests and "
        "its deployment configuration, and explains how to run it on your own machine.\n\n"
        "## Installation\n\nInstall the prerequisites, then run:\n\n    make install\n\n"
        "## Usage\n\nStart it locally with:\n\n    make run\n\n"
        "Then open http://localhost:3000 in a browser.\n" + extra
    )


def pkg(
    name: str, *, dev=(), deps=(), scripts=None, licence=None, private=False
) -> str:
    data: dict = {"name": name, "version": "1.0.0"}
    if private:
        data["private"] = True
    if licence:
        data["license"] = licence
    data["scripts"] = scripts or {"test": "jest"}
    data["dependencies"] = {d: "^1.0.0" for d in deps}
    data["devDependencies"] = {d: "^1.0.0" for d in dev}
    return json.dumps(data, indent=2) + "\n"


def workflow(*runs: str, name: str = "ci", extra_jobs: str = "") -> dict[str, str]:
    steps = "".join(f"      - run: {r}\n" for r in runs)
    body = (
        f"name: {name}\non: [pull_request]\npermissions:\n  contents: read\njobs:\n"
        "  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n" + steps + extra_jobs
    )
    return {f".github/workflows/{name}.yml": body}


def dependabot(*entries: tuple[str, str]) -> dict[str, str]:
    body = "version: 2\nupdates:\n"
    for eco, directory in entries:
        body += (
            f"  - package-ecosystem: {eco}\n    directory: {directory}\n"
            "    schedule:\n      interval: weekly\n"
        )
    return {".github/dependabot.yml": body}


RENOVATE = {"renovate.json": '{\n  "extends": ["config:recommended"]\n}\n'}
SECURITY_MD = {
    "SECURITY.md": "# Security policy\n\n## Reporting a vulnerability\n\n"
    "Please do not open a public issue. Email security@example.gov.uk; we reply within 5 "
    "working days.\n"
}
CONTRIBUTING = {
    "CONTRIBUTING.md": "# Contributing\n\nOpen an issue, fork the repository, run the tests "
    "with `make test` and open a pull request.\n"
}
CODEOWNERS = {".github/CODEOWNERS": "* @example-org/service-team\n"}
MIT = {"LICENSE": mit_text("Copyright (c) 2020 Crown Copyright (Example Department)")}
APACHE = {"LICENSE": licence_text("Apache-2.0")}
DOCKERFILE = {
    "Dockerfile": 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "index.js"]\n'
}
PY_DOCKERFILE = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n'
}

CC0_SUMMARY = (
    "As a work of the United States Government, this project is in the public domain within "
    "the United States.\n\nAdditionally, we waive copyright and related rights in the work "
    "worldwide through the CC0 1.0 Universal public domain dedication.\n\n"
    "## CC0 1.0 Universal Summary\n\nThis is a human-readable summary of the Legal Code "
    "(https://creativecommons.org/publicdomain/zero/1.0/legalcode).\n\n"
    "### No Copyright\n\nThe person who associated a work with this deed has dedicated the "
    "work to the public domain by waiving all of his or her rights to the work worldwide "
    "under copyright law.\n"
)
OGL_NOTICE = (
    "The Open Government Licence (OGL) Version 3\n\nCopyright (c) 2021 Example Department\n\n"
    "This source code is licensed under the Open Government Licence v3.0. To view this "
    "licence, visit www.nationalarchives.gov.uk/doc/open-government-licence/version/3 or "
    "write to the Information Policy Team, The National Archives, Kew, Richmond, Surrey, "
    "TW9 4DU.\n"
)

NJK_LAYOUT = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><title>{{ title }}</title></head>\n'
    "<body>{% block content %}{% endblock %}</body>\n</html>\n"
)
NJK_PAGE = (
    '{% extends "layout.njk" %}\n{% block content %}<h1>Start</h1>{% endblock %}\n'
)
ERB_LAYOUT = '<!DOCTYPE html>\n<html lang="en"><body><%= yield %></body></html>\n'
ERB_PAGE = "<h1><%= t('.title') %></h1>\n<p><%= link_to 'Continue', root_path %></p>\n"
JINJA_BASE = '<!DOCTYPE html>\n<html lang="en"><body>{% block main %}{% endblock %}</body></html>\n'
JINJA_PAGE = (
    '{% extends "base.html" %}\n{% block main %}<h1>Sign in</h1>{% endblock %}\n'
)
TSX = (
    "import React from 'react'\n\nexport const Alert = ({ children }) => (\n"
    '  <div role="alert" className="alert">{children}</div>\n)\n'
)
JEST_TEST = "test('adds', () => {\n  expect(1 + 1).toBe(2)\n})\n"
PY_TEST = "def test_adds():\n    assert 1 + 1 == 2\n"
GO_TEST = 'package main\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif 1+1 != 2 {\n\t\tt.Fatal("bad")\n\t}\n}\n'
GO_MAIN = "package main\n\nfunc main() {}\n"
RSPEC = 'require "rails_helper"\n\nRSpec.describe "start page" do\n  it "renders" do\n    expect(1 + 1).to eq(2)\n  end\nend\n'
A11Y_RSPEC = (
    'require "rails_helper"\nrequire "axe-rspec"\n\nRSpec.describe "start page", type: :feature do\n'
    '  it "is accessible" do\n    visit root_path\n    expect(page).to be_axe_clean\n  end\nend\n'
)
COMPLIANCE_TBD = (
    "name: compliance\ndescription: |\n  This document is used to track a project's PIA and STRA\n"
    "  compliance.\nspec:\n  - name: PIA\n    status: TBD\n    last-updated: '2020-10-02T00:00:00.000Z'\n"
    "  - name: STRA\n    status: TBD\n    last-updated: '2020-10-02T00:00:00.000Z'\n"
)
COMPLIANCE_DONE_2023 = COMPLIANCE_TBD.replace("TBD", "COMPLETED").replace(
    "2020-10-02", "2023-03-17"
)
TF_MAIN = (
    'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n'
    '    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n\n'
    'resource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n'
)
GEMFILE_RAILS = 'source "https://rubygems.org"\n\ngem "rails", "~> 7.1"\n\ngroup :test do\n  gem "rspec-rails"\nend\n'
PYPROJECT = (
    '[project]\nname = "service"\nversion = "1.0.0"\nrequires-python = ">=3.12"\n'
    'dependencies = ["flask>=3.0"]\n'
)

# Outcomes of the rules beyond the hand-decided ones that hold for most layouts here: no user
# research, offline (TC0304 cannot confirm the host), no OpenAPI, no committed Office files,
# no SAST or secret scanner in CI, no data models, and no attestations.
BASE_REST = {
    "TC0101": "warn",
    "TC0304": "warn",
    "TC0401": "skipped",
    "TC0403": "pass",
    "TC0604": "warn",
    "TC0605": "warn",
    "TC1001": "skipped",
    "TC1101": "warn",
    "TC1201": "warn",
    "TC1301": "warn",
}

ORDER = ["TC0201", "TC0202", "TC0203", "TC0301", "TC0302", "TC0303", "TC0501", "TC0601", "TC0602", "TC0701", "TC0801", "TC0802", "TC0803", "TC0804", "TC0901", "TC0902", "TC1002"]
_WORD = {"p": "pass", "w": "warn", "f": "fail", "s": "skipped"}


def E(codes: str) -> dict[str, str]:
    """Hand decisions in ORDER, one letter each: p(ass) w(arn) f(ail) s(kipped)."""
    letters = codes.split()
    assert len(letters) == len(ORDER), codes
    return {code: _WORD[x] for code, x in zip(ORDER, letters, strict=True)}


def node_service(name: str, **kw) -> dict[str, str]:
    """A small Node service: package.json, one module, one unit test."""
    return {
        "package.json": pkg(name, **kw),
        "index.js": "module.exports = () => 'ok'\n",
        "test/index.test.js": JEST_TEST,
    }


LAYOUTS: list[Layout] = [
    Layout(
        "cc0-summary-node-reporter",
        "18F",
        "CC0 human-readable summary as LICENSE.md, manifest declares CC0-1.0, Cloud Foundry manifests, no web pages",
        {
            "README.md": readme("Analytics reporter"),
            "LICENSE.md": CC0_SUMMARY,
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            **node_service("analytics-reporter", licence="CC0-1.0"),
            "manifest.publisher.yml": "applications:\n  - name: publisher\n    memory: 512M\n",
            "Procfile": "web: node index.js\n",
            **workflow("npm ci", "npm test"),
        },
        E("s s s w p p p f f f p p w w p p p"),
    ),
    Layout(
        "rails-axe-rspec-gitlab",
        "18F",
        "Rails ERB views, axe-core-rspec feature specs run by GitLab CI, SECURITY.md in docs/, CC0 summary",
        {
            "README.md": readme("Identity provider"),
            "LICENSE.md": CC0_SUMMARY,
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "docs/SECURITY.md": SECURITY_MD["SECURITY.md"],
            "Gemfile": GEMFILE_RAILS
            + '\ngroup :test do\n  gem "axe-core-rspec"\nend\n',
            "app/views/layouts/application.html.erb": ERB_LAYOUT,
            "app/views/pages/start.html.erb": ERB_PAGE,
            "app/views/pages/accessibility_statement.html.erb": "<h1>Accessibility statement</h1>\n",
            "spec/features/accessibility/pages_spec.rb": A11Y_RSPEC,
            "spec/models/user_spec.rb": RSPEC,
            ".gitlab-ci.yml": "test:\n  image: ruby:3.3\n  script:\n    - bundle install\n    - bundle exec rspec\n",
            **dependabot(("bundler", "/")),
            "production.Dockerfile": "FROM ruby:3.3\nCOPY . /app\n",
        },
        E("p p p w p s p p w f p p w w p p p"),
        xfail="partial updater coverage (Dockerfile uncovered): hand warn, tool fails TC0602",
    ),
    Layout(
        "django-templates-circleci",
        "18F",
        "Django templates with no accessibility tooling, private package.json, CircleCI, CC0 summary",
        {
            "README.md": readme("Time tracking"),
            "LICENSE.md": CC0_SUMMARY,
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "Pipfile": '[packages]\ndjango = "*"\n',
            "package.json": pkg("tock", private=True, dev=("jest",)),
            "tock/templates/base.html": JINJA_BASE,
            "tock/templates/hours.html": JINJA_PAGE,
            "tock/tests/test_views.py": PY_TEST,
            "manifest-production.yml": "applications:\n  - name: tock\n",
            ".circleci/config.yml": "version: 2.1\njobs:\n  test:\n    docker:\n      - image: python:3.12\n    steps:\n      - checkout\n      - run: python -m pytest\nworkflows:\n  main:\n    jobs: [test]\n",
        },
        E("f s w w p s p f f f p p w w p p p"),
    ),
    Layout(
        "react-lib-jsx-a11y-matrix",
        "Amsterdam",
        "React component library with eslint-plugin-jsx-a11y only, CI matrix job [lint, test], MPL-2.0",
        {
            "README.md": readme("Styled components"),
            "LICENSE": licence_text("MPL-2.0"),
            "docs/CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "docs/MAINTAINERS.md": "# Maintainers\n\n- Jan Jansen (@jjansen)\n",
            "package.json": pkg(
                "root",
                private=True,
                dev=("eslint", "eslint-plugin-jsx-a11y", "jest"),
                scripts={"lint": "eslint .", "test": "jest"},
            ),
            ".eslintrc.js": "module.exports = { extends: ['plugin:jsx-a11y/recommended'] }\n",
            "packages/ui/package.json": pkg(
                "@example/ui", licence="MPL-2.0", deps=("react",)
            ),
            "packages/ui/src/Alert.tsx": TSX,
            "packages/ui/src/Alert.test.tsx": JEST_TEST,
            ".github/workflows/ci.yml": (
                "name: ci\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  check:\n"
                "    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        job: [lint, test]\n"
                "    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n"
                "      - run: npm run ${{ matrix.job }}\n"
            ),
            **dependabot(
                ("npm", "/"), ("npm", "/packages/ui"), ("github-actions", "/")
            ),
        },
        E("w p w p p p w f p f p p p w p p p"),
        xfail="issue 15 pattern 12/14: lint-only a11y run by a matrix CI job; tool skips TC0202",
    ),
    Layout(
        "django-api-email-templates",
        "Amsterdam",
        "Django REST API whose only HTML is e-mail and PDF templates (not a front end), MPL-2.0",
        {
            "README.md": readme("Signals"),
            "LICENSE": licence_text("MPL-2.0"),
            "docs/CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "app/requirements/requirements.txt": "django==5.0\ndjangorestframework==3.15\n",
            "app/signals/apps/api/templates/api/pdf/print_signal.html": "<html><body><h1>{{ signal.id }}</h1></body></html>\n",
            "app/signals/apps/email/templates/email/_base.html": "<html><body>{% block body %}{% endblock %}</body></html>\n",
            "app/signals/apps/api/views.py": "from rest_framework import viewsets\n",
            "app/signals/apps/api/tests/test_views.py": PY_TEST,
            **PY_DOCKERFILE,
            **workflow("pip install -r app/requirements/requirements.txt", "pytest"),
        },
        E("s s s p p s p f f f p p w w p p p"),
        xfail="issue 15 pattern 9: e-mail/PDF templates in an API counted as a front end",
    ),
    Layout(
        "ogl-notice-azure-template",
        "DEFRA",
        "OGL v3 notice as LICENCE, pa11y config, Azure DevOps pipeline from a template@repo, Helm chart",
        {
            "README.md": readme("Demo web"),
            "LICENCE": OGL_NOTICE,
            "package.json": pkg(
                "ffc-demo-web",
                licence="OGL-UK-3.0",
                deps=("hapi", "nunjucks"),
                dev=("jest", "pa11y-ci"),
            ),
            "pa11y.json": '{\n  "defaults": {"standard": "WCAG2AA"},\n  "urls": ["http://localhost:3000/"]\n}\n',
            "app/views/layout.njk": NJK_LAYOUT,
            "app/views/claim/start.njk": NJK_PAGE,
            "test/unit/model.test.js": JEST_TEST,
            **DOCKERFILE,
            "helm/demo-web/Chart.yaml": "apiVersion: v2\nname: demo-web\nversion: 1.0.0\n",
            ".azuredevops/build.yaml": (
                "resources:\n  repositories:\n    - repository: PipelineCommon\n      name: Example/PipelineCommon\n"
                "      type: git\n      ref: refs/tags/1.0.0\nextends:\n"
                "  template: /pipelines/common-app-build.yaml@PipelineCommon\n"
                "  parameters:\n    testsToRun: 'unit;integration'\n"
            ),
        },
        E("p w w w p p p f f f p w w w p w p"),
        xfail="issue 15 patterns 1 and 17: OGL notice licence; Azure template@repo CI",
    ),
    Layout(
        "hapi-nunjucks-full-ogl",
        "DEFRA",
        "Hapi + Nunjucks service, full OGL text, Dependabot npm + actions, no deployment code",
        {
            "README.md": readme("Water abstraction"),
            "LICENSE": licence_text("OGL-UK-3.0"),
            "package.json": pkg(
                "water",
                licence="OGL-UK-3.0",
                deps=("@hapi/hapi", "nunjucks"),
                dev=("vitest",),
                scripts={"test": "vitest run"},
            ),
            "src/views/layout.njk": NJK_LAYOUT,
            "src/views/licences/view.njk": NJK_PAGE,
            "test/licences.test.js": JEST_TEST,
            **workflow("npm ci", "npm test"),
            **dependabot(("npm", "/"), ("github-actions", "/")),
        },
        E("f s w p p p w f p f p w w w p p p"),
    ),
    Layout(
        "docs-only-cc0-statement",
        "GSA",
        "Documentation-only repository, CC0 dedication statement with link, no CI, no code",
        {
            "README.md": "# Code catalogue\n\nThis repository lists the agency's open source repositories and the policy documents that govern them.\n\n## Repositories\n\n- policy\n- catalogue\n",
            "LICENSE.md": (
                "As a work of the United States Government, this project is not subject to copyright "
                "within the United States. Additionally, the agency waives copyright and related rights "
                "worldwide through the [CC0 1.0 Universal public domain dedication]"
                "(https://creativecommons.org/publicdomain/zero/1.0/).\n"
            ),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "docs/policy.md": "# Policy\n\nAll new code is open by default.\n",
        },
        E("s s s w p s w f s f w p w w f w p"),
        xfail="no tests and no CI: hand warns TC0902, tool skips",
    ),
    Layout(
        "jekyll-docs-dependabot-root-only",
        "NHS England",
        "Jekyll docs site in docs/, .github/SECURITY.md, Dependabot only at / while docs/ has Gemfile and package.json",
        {
            "README.md": readme("Notify"),
            "LICENCE.md": mit_text("Copyright (c) 2024 Crown Copyright NHS England"),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            ".github/SECURITY.md": SECURITY_MD["SECURITY.md"],
            ".github/CODEOWNERS": "* @example-org/notify\n",
            "docs/_config.yml": "title: Notify\ntheme: minima\n",
            "docs/index.md": "---\nlayout: home\n---\n# Notify\n",
            "docs/_includes/head.html": '<meta charset="utf-8">\n<title>{{ page.title }}</title>\n',
            "docs/Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n',
            "infrastructure/main.tf": TF_MAIN,
            "scripts/tests/unit.sh": "#!/bin/bash\nset -e\nbash -n scripts/tests/unit.sh\n",
            "tests/test_unit.py": PY_TEST,
            **workflow("pytest tests"),
            **dependabot(("terraform", "/infrastructure"), ("github-actions", "/")),
        },
        E("f s w p p s p p w f p p p w p p p"),
        xfail="issue 15 pattern 10: a Jekyll docs site is a web front end; partial updater coverage warns",
    ),
    Layout(
        "design-system-lighthouse",
        "ONS",
        "Nunjucks design system with jest-axe and Lighthouse CI in a workflow, no updater config",
        {
            "README.md": readme("Design system"),
            "LICENSE": MIT["LICENSE"],
            ".github/CODEOWNERS": CODEOWNERS[".github/CODEOWNERS"],
            "package.json": pkg(
                "design-system",
                licence="MIT",
                dev=("jest", "jest-axe", "@lhci/cli"),
                scripts={"test": "jest"},
            ),
            "src/components/button/_macro.njk": '{% macro button(params) %}<button class="btn">{{ params.text }}</button>{% endmacro %}\n',
            "src/layout/_template.njk": NJK_LAYOUT,
            "src/components/button/_macro.spec.js": "const { axe } = require('jest-axe')\n"
            + JEST_TEST,
            "lighthouse/lighthouserc.js": "module.exports = { ci: { collect: { url: ['http://localhost:3030/'] } } }\n",
            **workflow("yarn install", "yarn test"),
            ".github/workflows/lighthouse.yml": (
                "name: lighthouse\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  lhci:\n"
                "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
                "      - run: npx lhci collect --config=./lighthouse/lighthouserc.js\n"
                "      - run: npx lhci assert --config=./lighthouse/lighthouserc.js\n"
            ),
        },
        E("p p w p p p w f f f p w p w p p p"),
    ),
    Layout(
        "flask-jinja-footer-statement",
        "ONS",
        "Flask + Jinja questionnaire runner, footer link to a central accessibility statement, Dependabot misses Dockerfile",
        {
            "README.md": readme("Questionnaire runner"),
            "LICENSE": MIT["LICENSE"],
            ".github/CODEOWNERS": CODEOWNERS[".github/CODEOWNERS"],
            "pyproject.toml": PYPROJECT,
            "app/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
            "templates/base.html": JINJA_BASE,
            "templates/question.html": JINJA_PAGE,
            "templates/partials/footer.html": '<footer><a href="https://www.example.gov.uk/help/accessibility">Accessibility statement</a></footer>\n',
            "tests/test_app.py": PY_TEST,
            **PY_DOCKERFILE,
            **workflow("pip install .", "pytest"),
            **dependabot(("pip", "/"), ("github-actions", "/")),
        },
        E("f s p p p s p f w f p w p w p p p"),
        xfail="partial updater coverage (Dockerfile uncovered): hand warn, tool fails TC0602",
    ),
    Layout(
        "readme-licence-cloudbuild",
        "ONS",
        "No LICENSE file, README 'Released under MIT license'; Cloud Build runs pytest; only a version workflow on GitHub",
        {
            "README.md": readme(
                "Collate",
                extra="\n## License\n\nCopyright 2024, Example Office.\n\nReleased under MIT license, see [LICENSE](LICENSE) for details.\n",
            ),
            ".github/CODEOWNERS": CODEOWNERS[".github/CODEOWNERS"],
            "pyproject.toml": PYPROJECT,
            "app/collate.py": "def collate():\n    return []\n",
            "tests/test_collate.py": PY_TEST,
            **PY_DOCKERFILE,
            "cloudbuild.yaml": "steps:\n- id: 'Unit Tests'\n  name: 'python:3.12'\n  script: |\n    pip install .\n    python -m pytest tests/\n",
            ".github/workflows/version-number.yml": "name: version\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  v:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo checking version\n",
        },
        E("s s s w p s p f f f p w p w p p p"),
        xfail="README-only licence statement: tool fails TC0301 (no licence file) where hand reads a partial notice",
    ),
    Layout(
        "go-cli-make-testall",
        "UK Home Office",
        "Go CLI with tests, workflow runs `make testall` whose recipe runs go test",
        {
            "README.md": readme("kd"),
            "LICENSE": mit_text("Copyright (c) 2016 Example Author"),
            "go.mod": "module example.org/kd\n\ngo 1.22\n",
            "main.go": GO_MAIN,
            "main_test.go": GO_TEST,
            "Makefile": "testall:\n\tgo test -v ./...\n\nbuild:\n\tgo build ./...\n",
            **DOCKERFILE,
            **workflow("make testall"),
        },
        E("s s s p p s p f f f p w w w p p p"),
    ),
    Layout(
        "express-wizard-travis-default",
        "UK Home Office",
        "Express form-wizard library with example HTML views, Travis node_js (runs npm test by default)",
        {
            "README.md": readme("Form wizard"),
            "LICENSE": mit_text("Copyright (c) 2015 Example"),
            "package.json": pkg(
                "form-wizard",
                licence="MIT",
                deps=("express",),
                dev=("mocha",),
                scripts={"test": "mocha"},
            ),
            "index.js": "module.exports = require('./lib/wizard')\n",
            "lib/wizard.js": "module.exports = function wizard () {}\n",
            "test/spec.wizard.js": "describe('wizard', () => { it('works', () => {}) })\n",
            "example/views/pages/index.html": '<!DOCTYPE html>\n<html lang="en"><body><form method="post"><button>Continue</button></form></body></html>\n',
            "example/views/pages/done.html": '<!DOCTYPE html>\n<html lang="en"><body><h1>Done</h1></body></html>\n',
            ".travis.yml": 'language: node_js\nnode_js:\n  - "20"\n',
        },
        E("f s w p p p w f f f p w w w p p p"),
        xfail="example/ HTML views not a front end for the tool; Travis default npm test not followed",
    ),
]
