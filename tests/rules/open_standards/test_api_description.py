"""TC0402 api-description: an HTTP API framework with a committed (or generated) API
description."""

from __future__ import annotations

from conftest import run_rule

from tcop_lint.rule import Evidence


def test_fastapi_without_a_committed_spec_passes_with_runtime_evidence(make_repo):
    """Acceptance: a Python API (FastAPI) with no committed spec."""
    root = make_repo(
        {
            "pyproject.toml": """[project]
name = "claims-api"
dependencies = [
    "fastapi>=0.110",
    "uvicorn",
]
""",
            "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "pass"
    assert result.findings == []
    assert result.evidence == [
        Evidence("pyproject.toml", "FastAPI generates the OpenAPI document at run time")
    ]
    assert run_rule(root, "TC0401").outcome == "skipped"


def test_flask_without_a_spec_warns_at_the_dependency_line(make_repo):
    root = make_repo(
        {
            "README.md": "# API\n",
            "requirements.txt": "gunicorn==22.0\nFlask==3.0.3\n",
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "warn"
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert (finding.level, finding.path, finding.start_line) == (
        "warning",
        "requirements.txt",
        2,
    )
    assert finding.message.startswith(
        "no OpenAPI, AsyncAPI or GraphQL description is committed for the Flask API: add "
        "one, e.g. docs/openapi.yaml; if the evidence is kept outside the repository"
    )


def test_spring_service_in_a_monorepo_names_its_folder(make_repo):
    root = make_repo(
        {
            "services/claims/pom.xml": """<project>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
  </dependencies>
</project>
""",
            "web/package.json": '{"dependencies": {"express": "4"}}',
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "warn"
    [finding] = result.findings
    assert (finding.path, finding.start_line) == ("services/claims/pom.xml", 5)
    assert finding.message.startswith(
        "no OpenAPI, AsyncAPI or GraphQL description is committed for the Spring Web and "
        "Express APIs: add one, e.g. services/claims/docs/openapi.yaml;"
    )


def test_springdoc_and_other_generators_pass(make_repo):
    root = make_repo(
        {
            "build.gradle": """dependencies {
    implementation 'org.springframework.boot:spring-boot-starter-web'
    implementation 'org.springdoc:springdoc-openapi-starter-webmvc-ui:2.5.0'
}
""",
            "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n'
            '  <ItemGroup><PackageReference Include="Swashbuckle.AspNetCore" '
            'Version="6.5.0" /></ItemGroup>\n</Project>\n',
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence(
            "Api/Api.csproj", "Swashbuckle generates the OpenAPI document at run time"
        ),
        Evidence(
            "build.gradle",
            "springdoc-openapi generates the OpenAPI document at run time",
        ),
    ]


def test_asyncapi_graphql_and_bcgov_published_specs_count(make_repo):
    root = make_repo(
        {
            "package.json": '{"dependencies": {"@nestjs/core": "10", "koa": "2"}}',
            "events/asyncapi.yaml": "asyncapi: 2.6.0\ninfo: {title: x, version: '1'}\n"
            "channels: {}\n",
            "schema/schema.graphqls": "type Query { claims: [String] }\n",
            "web/queries.graphql": "query Claims { claims }\n",  # an operation, not a schema
            "bcgovpubcode.yml": """data_management_roles:
  data_custodian: Someone
product_information:
  api_specifications:
    - https://api.gov.bc.ca/docs/claims
  product_name: Claims
""",
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("events/asyncapi.yaml", "AsyncAPI 2.6.0"),
        Evidence("schema/schema.graphqls", "GraphQL schema"),
        Evidence(
            "bcgovpubcode.yml",
            "api_specifications published at https://api.gov.bc.ca/docs/claims "
            "(bcgovpubcode.yaml)",
        ),
    ]


def test_api_description_skipped_without_a_framework(make_repo):
    root = make_repo(
        {
            "package.json": '{"dependencies": {"lodash": "4"}}',
            "requirements.txt": "requests\n",
            "build.sbt": 'libraryDependencies += "com.typesafe.play" %% "play-json" % "2.10"\n',
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "skipped"
    assert result.reason == "no HTTP API framework among the declared dependencies"


def test_framework_only_in_node_modules_does_not_count(make_repo):
    root = make_repo(
        {"node_modules/express/package.json": '{"dependencies": {"express": "4"}}'}
    )
    assert run_rule(root, "TC0402").outcome == "skipped"


def test_express_website_with_nunjucks_views_is_not_an_api(make_repo):
    root = make_repo(
        {
            "package.json": '{"dependencies": {"express": "4", "govuk-frontend": "5"}}',
            "app/views/index.njk": '{% extends "govuk/template.njk" %}\n',
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "skipped"
    assert (
        result.reason
        == "Express serves web pages (app/views/index.njk), not an HTTP API"
    )


def test_api_beside_a_website_in_a_monorepo_still_warns(make_repo):
    root = make_repo(
        {
            "frontend/package.json": '{"dependencies": {"express": "4"}}',
            "frontend/views/index.njk": "<h1>Hi</h1>\n",
            "api/requirements.txt": "flask\n",
            "api/templates/emails/welcome.html": "<p>Welcome</p>\n",
            "rails-api/Gemfile": 'gem "rails"\n',
            "rails-api/config/application.rb": "config.api_only = true\n",
            "rails-api/app/views/layouts/mailer.html.erb": "<%= yield %>\n",
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "warn"
    [finding] = result.findings
    assert (finding.path, finding.start_line) == ("api/requirements.txt", 1)
    assert finding.message.startswith(
        "no OpenAPI, AsyncAPI or GraphQL description is committed for the Flask and Rails "
        "APIs: add one, e.g. api/docs/openapi.yaml;"
    )


def test_flask_website_with_requirements_folder_is_not_an_api(make_repo):
    # The GDS/Notify and cookiecutter-django layout: manifests in requirements/, pages in app/.
    root = make_repo(
        {
            "requirements/app.in": "Flask==3.0.2\n",
            "requirements/app.txt": "flask==3.0.2\n",
            "app/templates/base.html": (
                '<html lang="en">{% block content %}{% endblock %}</html>\n'
            ),
        }
    )
    result = run_rule(root, "TC0402")
    assert result.outcome == "skipped"
    assert (
        result.reason
        == "Flask serves web pages (app/templates/base.html), not an HTTP API"
    )


def test_api_with_requirements_folder_suggests_a_document_at_the_project_root(
    make_repo,
):
    root = make_repo({"requirements/app.in": "Flask==3.0.2\n"})
    result = run_rule(root, "TC0402")
    assert result.outcome == "warn"
    [finding] = result.findings
    assert (finding.path, finding.start_line) == ("requirements/app.in", 1)
    assert finding.message.startswith(
        "no OpenAPI, AsyncAPI or GraphQL description is committed for the Flask "
        "API: add one, e.g. docs/openapi.yaml;"
    )


_TEMPLATED_SPEC = (
    "openapi: 3.0.3\ninfo:\n  title: Notifications\n  version: '2'\n"
    "servers:\n  - url: {{ api_host }}\npaths: {}\n"
)


def test_an_openapi_template_is_a_description_not_a_broken_document(make_repo):
    """GOV.UK Notify keeps openapi/v2-notifications-api.yaml.j2, filled in on deploy: it
    describes the API (TC0402), and a template that is no YAML until filled in is not
    reported as a broken document (TC0401)."""
    root = make_repo(
        {
            "requirements.txt": "Flask==3.0.3\n",
            "openapi/v2-notifications-api.yaml.j2": _TEMPLATED_SPEC,
        }
    )
    described = run_rule(root, "TC0402")
    assert (described.outcome, described.findings) == ("pass", [])
    assert described.evidence == [
        Evidence(
            "openapi/v2-notifications-api.yaml.j2",
            "OpenAPI 3.0.3 (a template, filled in on deploy)",
        )
    ]
    assert run_rule(root, "TC0401").outcome == "skipped"


def test_an_openapi_template_that_reads_as_yaml_is_validated(make_repo):
    text = _TEMPLATED_SPEC.replace("{{ api_host }}", "'{{ api_host }}'")
    root = make_repo(
        {"requirements.txt": "Flask==3.0.3\n", "openapi/api.yaml.j2": text}
    )
    valid = run_rule(root, "TC0401")
    assert valid.outcome == "pass"
    assert [e.path for e in valid.evidence] == ["openapi/api.yaml.j2"]
