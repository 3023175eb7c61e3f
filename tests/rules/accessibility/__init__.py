"""TC0201..TC0203 (point 2, make things accessible and inclusive): the layouts, texts and
helpers the topic's tests share."""

from __future__ import annotations

import json

LOOKED_FOR = (
    "looked for axe-core and its wrappers, pa11y, Lighthouse CI asserting accessibility and "
    "HMRC's accessibility tooling in dependencies, config files and CI"
)
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


RAILS_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
    "app/views/layouts/application.html.erb": "<!DOCTYPE html>\n<html><body><%= yield %></body></html>\n",
    "app/views/home/index.html.erb": "<h1>Welcome</h1>\n",
    "app/views/user_mailer/welcome.text.erb": "Hello\n",
    "app/controllers/home_controller.rb": "class HomeController < ApplicationController; end\n",
    "spec/system/home_spec.rb": "RSpec.describe 'home' do; end\n",
    ".github/workflows/ci.yml": workflow("bundle exec rspec"),
}


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


NOT_RUN = (
    "the accessibility tooling ({label}) is not run by CI: add a step that runs it, "
    "e.g. `{example}`"
)
