"""Synthetic layouts modelled on surveyed public-sector repositories (issue 15).

Every file here is written from scratch: each layout reproduces only the *pattern* of a
surveyed repository (which files exist where, what their key lines say), never its files.
Every outcome is a hand decision, made by reading the layout's files and the rule's
documentation before running tcop-lint: ``expect`` for the rules in ``ORDER``, ``rest`` for
those in ``ORDER_REST``. Together they cover all 31 rules that report on every run (TC0001
reports only when a suppression comment exists, and no layout has one). ``disputed`` names the
rules whose hand decision the current tool does not reach; ``xfail`` says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from licence_texts import licence_text, mit_text


@dataclass(frozen=True)
class Layout:
    name: str
    organisation: str
    pattern: str
    files: dict[str, str]
    expect: dict[str, str]
    rest: dict[str, str]
    disputed: tuple[str, ...] = ()
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

ORDER = [
    "TC0201",
    "TC0202",
    "TC0203",
    "TC0301",
    "TC0302",
    "TC0303",
    "TC0501",
    "TC0601",
    "TC0602",
    "TC0701",
    "TC0801",
    "TC0802",
    "TC0803",
    "TC0804",
    "TC0901",
    "TC0902",
    "TC1002",
]
# The other rules. What holds for most layouts: no README user-needs section or research
# folder (TC0101 warn), no git remote in a built repository (TC0304 warn), no Word, PowerPoint
# or Visio file (TC0403 pass), every manifest committed today (TC0603 pass), no SAST or secret
# scanner (TC0604, TC0605 warn), workflows that set permissions and use only GitHub's own
# actions (TC0606, TC0607 pass), no data models (TC1001 skipped), no attestation and the uk
# profile (TC1101, TC1201, TC1301 warn).
ORDER_REST = [
    "TC0101",
    "TC0304",
    "TC0401",
    "TC0402",
    "TC0403",
    "TC0603",
    "TC0604",
    "TC0605",
    "TC0606",
    "TC0607",
    "TC1001",
    "TC1101",
    "TC1201",
    "TC1301",
]
_WORD = {"p": "pass", "w": "warn", "f": "fail", "s": "skipped"}


def _decisions(order: list[str], codes: str) -> dict[str, str]:
    letters = codes.split()
    assert len(letters) == len(order), codes
    return {code: _WORD[x] for code, x in zip(order, letters, strict=True)}


def E(codes: str) -> dict[str, str]:
    """Hand decisions in ORDER, one letter each: p(ass) w(arn) f(ail) s(kipped)."""
    return _decisions(ORDER, codes)


def R(codes: str) -> dict[str, str]:
    """Hand decisions in ORDER_REST, one letter each, as for ``E``."""
    return _decisions(ORDER_REST, codes)


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
        R("w w s s p p w w p p s w w w"),
        disputed=("TC0603",),
        xfail="a package.json declaring no dependencies has nothing to keep fresh for the tool (an empty go.mod still counts): hand passes TC0603, the tool skips it",
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
        R("w w s s p p w w s s s w w w"),
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
        R("w w s s p p w w s s s w w w"),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s w p p w w p p s w w w"),
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
        R("w w s s p p w w s s s w w w"),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s s p s s w s s s w w w"),
        disputed=("TC0902",),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s w p p w w p p s w w w"),
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
        R("w w s s p p w w p p s w w w"),
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
        R("w w s s p p w w s s s w w w"),
        disputed=("TC0201", "TC0203"),
        xfail="example/ HTML views of a form-wizard library: hand reads a front end (TC0201 fail, TC0203 warn), the tool leaves example/ out and skips both",
    ),
    Layout(
        "rails-axe-review-apps-terraform",
        "GDS",
        "Rails ERB service, axe-core-rspec run by rspec in CI, locale link to the statement, Dependabot misses Dockerfile",
        {
            "README.md": readme("Forms admin"),
            "LICENSE": MIT["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "Gemfile": GEMFILE_RAILS
            + '\ngroup :test do\n  gem "axe-core-rspec"\nend\n',
            "app/views/layouts/application.html.erb": ERB_LAYOUT,
            "app/views/forms/index.html.erb": ERB_PAGE,
            "config/locales/en.yml": "en:\n  footer:\n    accessibility_statement: Accessibility statement\n",
            "app/views/pages/accessibility_statement.html.erb": "<h1>Accessibility statement</h1>\n",
            "spec/features/a11y_spec.rb": A11Y_RSPEC,
            ".review_apps/main.tf": TF_MAIN,
            **DOCKERFILE,
            **workflow("bundle install", "bundle exec rspec"),
            **dependabot(
                ("bundler", "/"),
                ("terraform", "/.review_apps"),
                ("github-actions", "/"),
            ),
        },
        E("p p p p p s p f w f p p w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "middleman-docs-site",
        "GDS",
        "Middleman tech-docs site (config.rb, source/*.html.md) with an accessibility page, rake in CI",
        {
            "README.md": readme("Developer docs"),
            "LICENCE": MIT["LICENSE"],
            "Gemfile": 'source "https://rubygems.org"\ngem "govuk_tech_docs"\ngem "rspec"\n',
            "config.rb": 'require "govuk_tech_docs"\nGovukTechDocs.configure(self)\n',
            "config/tech-docs.yml": "host: https://docs.example.gov.uk\nservice_name: Developer docs\n",
            "source/index.html.md": "---\ntitle: Developer docs\n---\n# Developer docs\n",
            "source/accessibility.html.md": "---\ntitle: Accessibility statement\n---\n# Accessibility statement\n",
            "spec/app_spec.rb": RSPEC,
            "Rakefile": 'require "rspec/core/rake_task"\nRSpec::Core::RakeTask.new(:spec)\ntask default: %i[spec]\n',
            **workflow("bundle install", "bundle exec rake"),
            **dependabot(("bundler", "/"), ("github-actions", "/")),
            "app.json": '{"name": "docs", "stack": "heroku-22"}\n',
        },
        E("f s p p p s p f p f p w w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "frontend-lib-readme-security",
        "GDS",
        "Component library with @axe-core/puppeteer tests in jest, README Security section linking the policy",
        {
            "README.md": readme(
                "Frontend",
                extra="\n## Security\n\nIf you have found a vulnerability, please tell us so we can fix it: email security@example.gov.uk. See our security policy.\n",
            ),
            "LICENSE.txt": MIT["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "CODEOWNERS": "* @example-org/frontend\n",
            "package.json": pkg(
                "frontend-root",
                private=True,
                dev=("jest", "@axe-core/puppeteer", "puppeteer"),
                scripts={"test": "jest"},
            ),
            "packages/frontend/package.json": pkg("frontend", licence="MIT"),
            "packages/frontend/src/components/button/template.njk": '<button class="btn">{{ params.text }}</button>\n',
            "packages/frontend/src/components/button/accessibility.puppeteer.test.mjs": "import { AxePuppeteer } from '@axe-core/puppeteer'\n"
            + JEST_TEST,
            "packages/review/src/views/layout.njk": NJK_LAYOUT,
            "Procfile": "web: npm start\n",
            **workflow("npm ci", "npx jest"),
            **dependabot(("npm", "/"), ("github-actions", "/")),
        },
        E("p p w p p p p w p f p p p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "prototype-kit-no-updater",
        "GDS",
        "Express prototype kit with Nunjucks views and no accessibility tooling, README Security section, no updater",
        {
            "README.md": readme(
                "Prototype kit",
                extra="\n### Security\n\nIf you have found a vulnerability, email security@example.gov.uk and we will fix it.\n",
            ),
            "LICENCE.txt": MIT["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "CODEOWNERS": "* @example-org/prototype\n",
            **node_service(
                "prototype-kit", deps=("express", "nunjucks"), dev=("jest",)
            ),
            "prototype-starter/app/views/layout.html": NJK_LAYOUT,
            "prototype-starter/app/views/index.html": NJK_PAGE,
            "Procfile": "web: node index.js\n",
            **workflow("npm ci", "npm test"),
        },
        E("f s w p p s p w f f p p p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "flask-api-pyup-external-ci",
        "GDS",
        "Flask API with one e-mail HTML template, .pyup.yml updater, only a dependency-review workflow; tests run elsewhere",
        {
            "README.md": readme("Notifications API"),
            "LICENCE": MIT["LICENSE"],
            "requirements.txt": "flask==3.0.0\ncelery==5.3.0\n",
            ".pyup.yml": "update: all\nschedule: every week\n",
            "app/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
            "templates/tasks/branding.html": "<p>New branding requested: {{ name }}</p>\n",
            "tests/test_app.py": PY_TEST,
            "docker/Dockerfile": PY_DOCKERFILE["Dockerfile"],
            ".github/workflows/dependency-review.yaml": "name: review\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/dependency-review-action@v4\n",
        },
        E("s s s p p s p f w f p w w w p w p"),
        R("w w s w p p w w p p s w w w"),
    ),
    Layout(
        "concourse-platform",
        "GDS",
        "Platform repository: Concourse pipelines and task files running rspec and go test, Dependabot gomod only",
        {
            "README.md": readme("Platform"),
            "LICENSE": MIT["LICENSE"],
            "Gemfile": 'source "https://rubygems.org"\ngem "rspec"\n',
            "go.mod": "module example.org/platform\n\ngo 1.22\n",
            "tools/main.go": GO_MAIN,
            "tools/main_test.go": GO_TEST.replace("package main", "package main"),
            "concourse/spec/pipeline_spec.rb": RSPEC,
            "concourse/pipelines/create.yml": "jobs:\n  - name: unit\n    plan:\n      - task: unit\n        file: paas/concourse/tasks/unit.yml\n",
            "concourse/tasks/unit.yml": "platform: linux\nrun:\n  path: sh\n  args: ['-c', 'bundle exec rspec && go test ./...']\n",
            "terraform/main.tf": TF_MAIN,
            "platform-tests/example-apps/static/index.html": "<!DOCTYPE html>\n<html><body>ok</body></html>\n",
            **workflow("bundle exec rspec", "go test ./...", name="test_on_pr"),
            **dependabot(("gomod", "/")),
        },
        E("s s s p p s p f w f p w w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "java-api-reusable-tests",
        "GDS",
        "Java Maven API, tests run by a reusable workflow from another repository, README Vulnerability Disclosure section",
        {
            "README.md": readme(
                "Payments connector",
                extra="\n## Vulnerability Disclosure\n\nIf you find a vulnerability, please report it to security@example.gov.uk. Do not open a public issue.\n",
            ),
            "LICENSE": MIT["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "pom.xml": "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>uk.gov.example</groupId>\n  <artifactId>connector</artifactId>\n  <version>1.0</version>\n  <dependencies>\n    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version></dependency>\n  </dependencies>\n</project>\n",
            "src/main/java/uk/gov/example/App.java": "package uk.gov.example;\n\npublic class App {}\n",
            "src/test/java/uk/gov/example/AppTest.java": "package uk.gov.example;\n\nimport org.junit.Test;\n\npublic class AppTest {\n  @Test public void works() {}\n}\n",
            **DOCKERFILE,
            ".github/workflows/pr.yml": "name: pr\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  tests:\n    uses: example-org/shared-ci/.github/workflows/_run-java-tests.yml@v1\n",
            **dependabot(("maven", "/"), ("docker", "/"), ("github-actions", "/")),
        },
        E("s s s p p s p w p f p p w w p p p"),
        R("w w s s p p w w p w s w w w"),
    ),
    Layout(
        "rails-statement-minitest",
        "GDS",
        "Rails ERB service with an accessibility statement view, no accessibility tooling, privacy notice page only",
        {
            "README.md": readme("Sign-on"),
            "LICENCE": MIT["LICENSE"],
            "Gemfile": GEMFILE_RAILS,
            "app/views/layouts/application.html.erb": ERB_LAYOUT,
            "app/views/root/index.html.erb": ERB_PAGE,
            "app/views/root/accessibility_statement.html.erb": "<h1>Accessibility statement</h1>\n<p>This service is partially compliant.</p>\n",
            "app/views/root/privacy_notice.html.erb": "<h1>Privacy notice</h1>\n",
            "test/models/user_test.rb": 'require "test_helper"\n\nclass UserTest < ActiveSupport::TestCase\n  test "works" do\n    assert true\n  end\nend\n',
            **DOCKERFILE,
            **workflow("bundle install", "bundle exec rails test"),
            **dependabot(("bundler", "/"), ("docker", "/"), ("github-actions", "/")),
        },
        E("f s p p p s p f p f p w w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "bc-vue-cypress-axe-compliance",
        "BC Government",
        "Vue front end, cypress-axe run in CI, SECURITY.md, COMPLIANCE.yaml PIA completed in 2023, xlsx upload fixture",
        {
            "README.md": readme("Form service"),
            "LICENSE": APACHE["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            **SECURITY_MD,
            "COMPLIANCE.yaml": COMPLIANCE_DONE_2023,
            "app/frontend/package.json": pkg(
                "frontend",
                private=True,
                licence="Apache-2.0",
                deps=("vue",),
                dev=("vitest",),
            ),
            "app/frontend/index.html": '<!DOCTYPE html>\n<html lang="en"><body><div id="app"></div></body></html>\n',
            "app/frontend/src/App.vue": "<template>\n  <main><h1>Forms</h1></main>\n</template>\n",
            "app/frontend/tests/app.spec.js": JEST_TEST,
            "tests/functional/cypress/package.json": pkg(
                "cypress-tests",
                private=True,
                dev=("cypress", "cypress-axe", "axe-core"),
            ),
            "tests/functional/cypress/e2e/a11y.cy.js": "describe('a11y', () => { it('has none', () => { cy.visit('/'); cy.injectAxe(); cy.checkA11y() }) })\n",
            "tests/functional/cypress/fixtures/sample.xlsx": "PK\x03\x04 not really a spreadsheet\n",
            "openshift/app.dc.yaml": "kind: DeploymentConfig\napiVersion: apps.openshift.io/v1\nmetadata:\n  name: app\n",
            **DOCKERFILE,
            ".github/workflows/cypress-ci.yaml": "name: cypress\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  cypress-run:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n        working-directory: tests/functional/cypress\n      - run: npx cypress run\n        working-directory: tests/functional/cypress\n",
            ".github/workflows/unit-tests.yaml": "name: unit\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run test\n        working-directory: app/frontend\n",
        },
        E("p p w p p s p p f w p p w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "bc-design-system-pia-tbd",
        "BC Government",
        "React components with axe-playwright storybook runner, mkdocs docs, COMPLIANCE.yaml PIA TBD, SECURITY.md",
        {
            "README.md": readme("Design system"),
            "LICENSE": APACHE["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            **SECURITY_MD,
            **CODEOWNERS,
            "COMPLIANCE.yaml": COMPLIANCE_TBD,
            "mkdocs.yml": "site_name: Design system\nnav:\n  - Home: index.md\n",
            "docs/index.md": "# Design system\n",
            "docs/accessibility.md": "# Accessibility\n\nOur accessibility statement: the components meet WCAG 2.1 AA.\n",
            "packages/react-components/package.json": pkg(
                "@example/react-components",
                licence="Apache-2.0",
                deps=("react",),
                dev=("axe-playwright", "@storybook/test-runner"),
                scripts={"test": "vitest", "test-storybook": "test-storybook"},
            ),
            "packages/react-components/src/Button.tsx": TSX,
            "packages/react-components/src/Button.test.tsx": JEST_TEST,
            ".github/workflows/test.yaml": "name: test\non: [pull_request]\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run test && npm run test-storybook\n        working-directory: packages/react-components\n",
            ".github/dependabot.yml": 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directories: ["/packages/react-components"]\n    schedule:\n      interval: weekly\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n',
        },
        E("p p p p p p w p p f p p p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "bc-vue-renovate-pubcode",
        "BC Government",
        "Vue front end without accessibility tooling, Renovate, bcgovpubcode.yml, PIA TBD, generated client with another licence",
        {
            "README.md": readme("Access management"),
            "LICENSE": APACHE["LICENSE"],
            "COMPLIANCE.yaml": COMPLIANCE_TBD,
            "bcgovpubcode.yml": "---\nproduct_information:\n  product_name: Access management\n  product_status: active\n  ministry:\n    - Forests\n",
            **RENOVATE,
            "frontend/package.json": pkg(
                "frontend",
                deps=("vue",),
                dev=("vitest",),
                scripts={"test": "vitest run"},
            ),
            "frontend/index.html": '<!DOCTYPE html>\n<html lang="en"><body><div id="app"></div></body></html>\n',
            "frontend/src/App.vue": "<template>\n  <main><h1>Access</h1></main>\n</template>\n",
            "frontend/src/app.spec.ts": JEST_TEST,
            "client-code-gen/gen/api/package.json": pkg(
                "api-client", licence="Unlicense"
            ),
            "server/requirements.txt": "fastapi==0.110\n",
            "server/tests/test_api.py": PY_TEST,
            "infrastructure/main.tf": TF_MAIN,
            **workflow("pip install -r server/requirements.txt", "pytest server/tests"),
        },
        E("f s w p p w p f p f p w w p p p p"),
        R("w w s p p p w w p p s w w w"),
    ),
    Layout(
        "wordpress-gpl-security",
        "CDS Canada",
        "WordPress theme/plugins (PHP templates), GPL-2.0, SECURITY.md plus a security.txt, Renovate, Terragrunt",
        {
            "README.md": readme("Articles"),
            "LICENSE": licence_text("GPL-2.0"),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            **SECURITY_MD,
            **CODEOWNERS,
            **RENOVATE,
            "composer.json": '{\n  "name": "example/articles",\n  "require": {"php": ">=8.1"}\n}\n',
            "wordpress/wp-content/themes/site/index.php": "<?php get_header(); ?>\n<main><?php the_content(); ?></main>\n<?php get_footer(); ?>\n",
            "wordpress/wp-content/themes/site/header.php": "<!DOCTYPE html>\n<html <?php language_attributes(); ?>>\n<head><?php wp_head(); ?></head>\n<body>\n",
            "wordpress/wp-content/plugins/base/package.json": pkg(
                "base", licence="GPL-2.0-or-later", dev=("jest",)
            ),
            "wordpress/wp-content/plugins/base/src/block.test.js": JEST_TEST,
            "wordpress/docker/security.txt": "Contact: mailto:security@example.gc.ca\nExpires: 2030-01-01T00:00:00Z\n",
            "infrastructure/terragrunt/main.tf": TF_MAIN,
            **workflow("npm ci", "npm test"),
        },
        E("f s w p p p p p p f p p p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "flask-admin-cypress-poetry-licence",
        "CDS Canada",
        "Flask/Jinja admin with cypress-axe run in CI, pyproject licence 'MIT license' (not SPDX), spreadsheet upload fixtures",
        {
            "README.md": readme("Notify admin"),
            "LICENSE": MIT["LICENSE"],
            **RENOVATE,
            "pyproject.toml": '[tool.poetry]\nname = "notify-admin"\nversion = "1.0"\nlicense = "MIT license"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nflask = "^3.0"\n',
            "app/templates/admin_template.html": JINJA_BASE,
            "app/templates/views/signin.html": JINJA_PAGE,
            "tests/app/test_views.py": PY_TEST,
            "tests/spreadsheet_files/excel 2007.xlsx": "PK\x03\x04 fixture\n",
            "tests_cypress/package.json": pkg(
                "cypress-tests", dev=("cypress", "cypress-axe", "axe-core")
            ),
            "tests_cypress/cypress/e2e/a11y.cy.js": "describe('a11y', () => { it('ok', () => { cy.visit('/'); cy.injectAxe(); cy.checkA11y() }) })\n",
            "ci/Dockerfile": PY_DOCKERFILE["Dockerfile"],
            **workflow(
                "poetry install",
                "poetry run pytest",
                "cd tests_cypress && npx cypress run",
            ),
        },
        E("p p w p p w p f p f p w w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "api-openapi-jinja-fragment",
        "CDS Canada",
        "Python API with an OpenAPI description rendered from a .yaml.j2 fragment (not a front end), SECURITY.md, Renovate",
        {
            "README.md": readme("Notify API"),
            "LICENSE": MIT["LICENSE"],
            **SECURITY_MD,
            **CODEOWNERS,
            **RENOVATE,
            "pyproject.toml": '[tool.poetry]\nname = "notify-api"\nversion = "1.0"\nlicense = "MIT license"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nflask = "^3.0"\n',
            "app/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
            "openapi/v2-notifications-api.yaml.j2": "openapi: 3.0.3\ninfo:\n  title: Notify\n  version: '{{ version }}'\npaths: {}\n",
            "tests/test_api.py": PY_TEST,
            **PY_DOCKERFILE,
            **workflow("poetry install", "poetry run pytest"),
        },
        E("s s s p p w p p p f p w p w p p p"),
        R("w w p p p p w w p p s w w w"),
    ),
    Layout(
        "nextjs-playwright-axe-report",
        "CDS Canada",
        "Next.js app with @axe-core/playwright specs run in CI and an accessibility conformance report in documentation/",
        {
            "README.md": readme("Forms client"),
            "LICENSE": MIT["LICENSE"],
            **CODEOWNERS,
            **RENOVATE,
            "package.json": pkg(
                "forms-client",
                private=True,
                deps=("next", "react"),
                dev=("@playwright/test", "@axe-core/playwright", "vitest"),
                scripts={"test": "vitest run", "test:e2e": "playwright test"},
            ),
            "packages/core/package.json": pkg("@example/core", licence="MIT"),
            "app/page.tsx": TSX,
            "app/layout.tsx": 'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>\n}\n',
            "tests/e2e/accessibility.spec.ts": "import AxeBuilder from '@axe-core/playwright'\nimport { test } from '@playwright/test'\ntest('a11y', async ({ page }) => { await new AxeBuilder({ page }).analyze() })\n",
            "lib/tests/util.test.ts": JEST_TEST,
            "documentation/assets/accessibility.md": "# Accessibility report\n\nThis report describes the conformance of the Forms website with WCAG 2.1 AA.\n",
            **DOCKERFILE,
            **workflow("yarn install", "yarn test", "npx playwright test"),
        },
        E("p p p p p p p f p f p w p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "nunjucks-framework-gitlab-maintainers",
        "DWP",
        "Express/Nunjucks form framework on GitLab CI, MAINTAINERS.md, ISC, Renovate",
        {
            "README.md": readme("Form framework"),
            "LICENSE": licence_text("ISC"),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "MAINTAINERS.md": "# Maintainers\n\n- A Person <a.person@example.gov.uk>\n",
            **RENOVATE,
            **node_service(
                "form-framework",
                licence="ISC",
                deps=("express", "nunjucks"),
                dev=("mocha",),
            ),
            "src/views/casa/layouts/main.njk": NJK_LAYOUT,
            "src/views/casa/review.njk": NJK_PAGE,
            ".gitlab-ci.yml": "test:\n  image: node:20\n  script:\n    - npm ci\n    - npm test\n",
        },
        E("f s w p p p w f p f p p p w p p p"),
        R("w w s s p p w w s s s w w w"),
    ),
    Layout(
        "hmrc-assets-no-ci",
        "HMRC",
        "Front-end component library with HTML examples and visual regression only, no CI in the repository",
        {
            "README.md": readme("Assets frontend"),
            "LICENSE": APACHE["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "package.json": pkg(
                "assets-frontend", licence="Apache-2.0", dev=("backstopjs", "jest")
            ),
            "assets/components/header/header.html": '<header class="header"><a href="/">Service</a></header>\n',
            "assets/components/header/header-example.html": '<!DOCTYPE html>\n<html lang="en"><body><header>Example</header></body></html>\n',
            "assets/components/header/header.test.js": JEST_TEST,
            "backstop.json": '{"id": "assets", "scenarios": []}\n',
        },
        E("f s w p p p w f f f p p w w f w p"),
        R("w w s s p p w w s s s w w w"),
    ),
    Layout(
        "play-twirl-library-no-ci",
        "HMRC",
        "Scala Play Twirl component library with statement-link configuration, sbt, no CI in the repository",
        {
            "README.md": readme("Play frontend"),
            "LICENSE": APACHE["LICENSE"],
            "build.sbt": 'name := "play-frontend"\nscalaVersion := "2.13.12"\n',
            "project/plugins.sbt": 'addSbtPlugin("org.playframework" % "sbt-plugin" % "3.0.0")\n',
            "src/main/twirl/uk/gov/example/views/Layout.scala.html": '@(title: String)(content: Html)\n<!DOCTYPE html>\n<html lang="en"><body>@content</body></html>\n',
            "src/main/scala/uk/gov/example/config/AccessibilityStatementConfig.scala": "package uk.gov.example.config\n\ncase class AccessibilityStatementConfig(baseUrl: String, servicePath: Option[String])\n",
            "src/test/scala/uk/gov/example/LayoutSpec.scala": 'package uk.gov.example\n\nclass LayoutSpec extends org.scalatest.wordspec.AnyWordSpec {\n  "layout" should { "render" in { assert(true) } }\n}\n',
        },
        E("f s p p p s w f f f p w w w f w p"),
        R("w w s s p p w w s s s w w w"),
    ),
    Layout(
        "play-frontend-a11y-linter",
        "HMRC",
        "Scala Play service with sbt-accessibility-linter specs and accessibility-statement.service-path, no CI in the repository",
        {
            "README.md": readme("VAT registration"),
            "LICENSE": APACHE["LICENSE"],
            ".github/CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "build.sbt": 'name := "vat-registration-frontend"\nscalaVersion := "2.13.12"\n',
            "project/plugins.sbt": 'addSbtPlugin("org.playframework" % "sbt-plugin" % "3.0.0")\naddSbtPlugin("uk.gov.hmrc" % "sbt-accessibility-linter" % "1.0.0")\n',
            "conf/application.conf": 'appName = vat-registration-frontend\naccessibility-statement.service-path = "/vat-registration"\n',
            "app/views/Start.scala.html": '@()\n<!DOCTYPE html>\n<html lang="en"><body><h1>Register for VAT</h1></body></html>\n',
            "a11y/pages/StartA11ySpec.scala": 'package pages\n\nclass StartA11ySpec extends A11ySpec {\n  "start" must { "pass accessibility checks" in { assert(true) } }\n}\n',
            "test/views/StartSpec.scala": "package views\n\nclass StartSpec extends org.scalatest.wordspec.AnyWordSpec\n",
        },
        E("p w p p p s w f f f p p w w f w p"),
        R("w w s s p p w w s s s w w w"),
    ),
    Layout(
        "react-kit-publiccode",
        "Italy",
        "React component kit with storybook addon-a11y only, valid publiccode.yml, 'BSD-3' (not SPDX) in package.json",
        {
            "README.md": readme("React kit"),
            "LICENSE": licence_text("BSD-3-Clause"),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "package.json": pkg(
                "react-kit",
                licence="BSD-3",
                deps=("react",),
                dev=("@storybook/addon-a11y", "jest"),
                scripts={"test": "jest", "test:ci": "jest --ci"},
            ),
            "src/Alert/Alert.tsx": TSX,
            "test/Alert.test.tsx": JEST_TEST,
            "publiccode.yml": (
                'publiccodeYmlVersion: "0.4"\nname: React kit\nurl: https://github.com/example/react-kit\n'
                'releaseDate: "2024-01-01"\nplatforms:\n  - web\ncategories:\n  - it-development\n'
                "developmentStatus: stable\nsoftwareType: library\nlegal:\n  license: BSD-3-Clause\n"
                "maintenance:\n  type: internal\n  contacts:\n    - name: Team\ndescription:\n  en:\n"
                "    shortDescription: React components\n    longDescription: >-\n"
                + "      A kit of React components for public-sector web sites that follow the national design guidelines, tested and documented. "
                * 2
                + "\n    features:\n      - components\nlocalisation:\n  localisationReady: true\n  availableLanguages:\n    - en\n"
            ),
            **workflow("yarn install", "yarn test:ci"),
        },
        E("w w w p p w w f f f p p w p p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "go-lib-eupl-publiccode-it",
        "Italy",
        "Go library, EUPL-1.2, SECURITY.md, publiccode.yml with an it: country section, Dependabot gomod+docker+actions",
        {
            "README.md": readme("publiccode parser"),
            "LICENSE": licence_text("EUPL-1.2"),
            **SECURITY_MD,
            "go.mod": "module example.org/parser\n\ngo 1.22\n",
            "parser.go": "package parser\n\nfunc Parse() error { return nil }\n",
            "parser_test.go": GO_TEST.replace("package main", "package parser"),
            "Dockerfile.goreleaser": "FROM alpine:3.19\nCOPY parser /usr/bin/\n",
            "publiccode.yml": (
                'publiccodeYmlVersion: "0.4"\nname: publiccode parser\nurl: https://github.com/example/parser\n'
                'releaseDate: "2024-01-01"\nplatforms:\n  - linux\ncategories:\n  - it-development\n'
                "developmentStatus: stable\nsoftwareType: library\nlegal:\n  license: EUPL-1.2\n"
                "maintenance:\n  type: internal\n  contacts:\n    - name: Team\ndescription:\n  en:\n"
                "    shortDescription: Parser for publiccode.yml\n    longDescription: >-\n"
                + "      A Go library and command that parses and validates publiccode.yml files against the standard, used by catalogues. "
                * 2
                + "\n    features:\n      - validation\nlocalisation:\n  localisationReady: false\n  availableLanguages:\n    - en\n"
                'it:\n  countryExtensionVersion: "1.0"\n  riuso:\n    codiceIPA: pcm\n'
            ),
            **workflow("go test ./..."),
            **dependabot(("gomod", "/"), ("docker", "/"), ("github-actions", "/")),
        },
        E("s s s p p s p p p f p w w p p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "terraform-namespaces-codeowners",
        "Ministry of Justice",
        "Terraform namespaces with Ruby and Go tooling, root CODEOWNERS, Dependabot for actions only",
        {
            "README.md": readme("Cloud platform environments"),
            "LICENSE": mit_text("Copyright (c) 2018 Ministry of Justice"),
            "CODEOWNERS": "* @example-org/webops\n",
            "Gemfile": 'source "https://rubygems.org"\ngem "rspec"\n',
            "go.mod": "module example.org/env\n\ngo 1.22\n",
            "cmd/main.go": GO_MAIN,
            "spec/namespace_spec.rb": RSPEC,
            "namespaces/live/app-dev/resources/main.tf": TF_MAIN,
            **workflow("bundle exec rspec"),
            **dependabot(("github-actions", "/")),
        },
        E("s s s p p s p f w f p w p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "terraform-commented-dependabot",
        "Ministry of Justice",
        "Infrastructure repository whose dependabot.yml has every entry commented out; Go tests CI does not run",
        {
            "README.md": readme("Cloud platform infrastructure"),
            "LICENSE": mit_text("Copyright (c) 2018 Ministry of Justice"),
            "CODEOWNERS": "* @example-org/webops\n",
            "go.mod": "module example.org/infra\n\ngo 1.22\n",
            "test/infra_test.go": GO_TEST,
            "terraform/main.tf": TF_MAIN,
            ".github/dependabot.yml": "version: 2\nupdates:\n# - package-ecosystem: gomod\n#   directory: /\n#   schedule:\n#     interval: weekly\n",
            **workflow("go vet ./...", "terraform fmt -check -recursive"),
        },
        E("s s s p p s p f f f p w p w p w p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "express-nunjucks-helm-reusable",
        "Ministry of Justice",
        "Express/Nunjucks template service, Helm chart, Renovate, tests run by reusable workflows from a shared repository",
        {
            "README.md": readme("Template service"),
            "LICENSE": mit_text(
                "Copyright (c) 2020 Crown Copyright (Ministry of Justice)"
            ),
            **RENOVATE,
            **node_service(
                "template-service",
                licence="MIT",
                deps=("express", "nunjucks"),
                dev=("jest", "@playwright/test"),
            ),
            "server/views/pages/index.njk": NJK_PAGE,
            "server/views/layout.njk": NJK_LAYOUT,
            "helm_deploy/template-service/Chart.yaml": "apiVersion: v2\nname: template-service\nversion: 0.1.0\n",
            **DOCKERFILE,
            ".github/workflows/pipeline.yml": "name: pipeline\non: [push]\npermissions:\n  contents: read\njobs:\n  node_unit_tests:\n    uses: example-org/shared-actions/.github/workflows/node_unit_tests.yml@v2\n",
        },
        E("f s w p p p p f p f p w w w p p p"),
        R("w w s s p p w w p w s w w w"),
    ),
    Layout(
        "go-gohtml-cypress-axe",
        "Ministry of Justice",
        "Go service with .gohtml templates, accessibility statement template, cypress-axe run in CI, privacy notice only",
        {
            "README.md": readme("Modernising LPA"),
            "LICENCE": MIT["LICENSE"],
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            **CODEOWNERS,
            **RENOVATE,
            "go.mod": "module example.org/lpa\n\ngo 1.22\n",
            "cmd/server/main.go": GO_MAIN,
            "internal/page/page_test.go": GO_TEST,
            "web/template/layout/page.gohtml": '{{ define "page" }}<!DOCTYPE html>\n<html lang="en"><body>{{ template "main" . }}</body></html>{{ end }}\n',
            "web/template/start.gohtml": '{{ template "page" . }}\n{{ define "main" }}<h1>Start</h1>{{ end }}\n',
            "web/template/accessibility_statement.gohtml": '{{ define "main" }}<h1>Accessibility statement</h1>{{ end }}\n',
            "web/template/privacy_notice.gohtml": '{{ define "main" }}<h1>Privacy notice</h1>{{ end }}\n',
            "package.json": pkg(
                "lpa", licence="MIT", dev=("cypress", "cypress-axe", "axe-core")
            ),
            "cypress/e2e/accessibility/modals.cy.js": "describe('a11y', () => { it('ok', () => { cy.visit('/'); cy.checkA11y() }) })\n",
            "terraform/environment/main.tf": TF_MAIN,
            "docker/app/Dockerfile": "FROM golang:1.22\n",
            **workflow("go test ./...", "npx cypress run"),
        },
        E("p p p p p p p f p f p p p w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "nhs-frontend-puppeteer-axe",
        "NHS England",
        "Component library with @axe-core/puppeteer accessibility tests run by jest in CI, Azure Pipelines deploy",
        {
            "README.md": readme("NHS frontend"),
            "LICENSE": mit_text("Copyright (c) 2019 NHS England"),
            "CONTRIBUTING.md": CONTRIBUTING["CONTRIBUTING.md"],
            "package.json": pkg(
                "root",
                private=True,
                licence="MIT",
                dev=("jest", "@axe-core/puppeteer", "puppeteer"),
                scripts={"test": "jest"},
            ),
            "packages/frontend/package.json": pkg("nhs-frontend", licence="MIT"),
            "packages/frontend/src/components/button/template.njk": '<button class="btn">{{ params.text }}</button>\n',
            "packages/frontend/src/components/button/accessibility.puppeteer.test.mjs": "import { AxePuppeteer } from '@axe-core/puppeteer'\n"
            + JEST_TEST,
            "packages/review/src/layouts/base.njk": NJK_LAYOUT,
            "Procfile": "web: npm start\n",
            "azure-pipelines.yml": "trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: npm ci\n  - script: npm test\n",
            **workflow("npm ci", "npm test"),
            **dependabot(("npm", "/"), ("github-actions", "/")),
        },
        E("p p w p p p p f p f p p w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "prototype-stub-readme",
        "NHS England",
        "Prototype template: README is the template stub, two HTML views, no tests, Dependabot npm + actions",
        {
            "README.md": "# Your service name goes here\n",
            "LICENSE": mit_text("Copyright (c) 2019 NHS.UK"),
            "package.json": pkg(
                "prototype",
                licence="MIT",
                deps=("express", "nunjucks"),
                scripts={"start": "node app.js"},
            ),
            "app.js": "const express = require('express')\nexpress().listen(3000)\n",
            "app/views/layout.html": NJK_LAYOUT,
            "app/views/index.html": NJK_PAGE,
            **workflow("npm ci", "npm run lint --if-present"),
            **dependabot(("npm", "/"), ("github-actions", "/")),
        },
        E("f s w p p p w f p f w w w w p w p"),
        R("w w s s p p w w p p s w w w"),
    ),
    Layout(
        "service-manual-statement",
        "NHS England",
        "Nunjucks service manual with an accessibility-statement page, no accessibility tooling, jest in CI",
        {
            "README.md": readme("Service manual"),
            "LICENSE": mit_text("Copyright (c) 2020 NHS England"),
            "package.json": pkg(
                "service-manual",
                licence="MIT",
                deps=("express", "nunjucks"),
                dev=("jest",),
            ),
            "app.js": "const express = require('express')\nexpress().listen(3000)\n",
            "app/views/layout.njk": NJK_LAYOUT,
            "app/views/accessibility-statement.njk": NJK_PAGE.replace(
                "Start", "Accessibility statement"
            ),
            "app/views/index.njk": NJK_PAGE,
            "test/app.test.js": JEST_TEST,
            "azure-pipelines.yml": "trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: npm ci\n  - script: npm test\n",
            **workflow("npm ci", "npm test"),
            **dependabot(("npm", "/"), ("github-actions", "/")),
        },
        E("f s p p p p w f p f p w w w p p p"),
        R("w w s s p p w w p p s w w w"),
    ),
]
