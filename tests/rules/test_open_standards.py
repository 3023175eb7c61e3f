"""Point 4 rules: TC0401 openapi-valid, TC0402 api-description, TC0403 open-document-formats."""

from __future__ import annotations

import json

from conftest import run_rule, write_files

from tcop_lint.rule import Evidence

VALID_30 = """openapi: 3.0.3
info:
  title: Users
  version: "1.0"
paths:
  /users:
    get:
      responses:
        "200":
          description: The users
"""


def findings(result):
    return [(f.level, f.path, f.start_line, f.message) for f in result.findings]


# -- TC0401 openapi-valid ---------------------------------------------------------------------


def test_openapi_valid_passes_with_evidence(make_repo):
    root = make_repo({"docs/openapi.yaml": VALID_30})
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass"
    assert result.findings == []
    assert result.evidence == [Evidence("docs/openapi.yaml", "OpenAPI 3.0.3")]


def test_openapi_valid_skipped_without_documents(make_repo):
    root = make_repo(
        {
            "README.md": "# x\n",
            "config/app.yaml": "openapi:\n  enabled: true\n",
            "resources/public/api/definition.json": '{"api": {"name": "x"}}',
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "skipped"
    assert result.reason == "no OpenAPI or Swagger document in the repository"


def test_missing_responses_is_an_error_at_the_operation_line(make_repo):
    root = make_repo(
        {
            "openapi.yaml": """openapi: 3.0.3
info:
  title: Users
  version: "1.0"
paths:
  /users:
    get:
      summary: List users
"""
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "openapi.yaml",
            7,
            (
                "invalid OpenAPI 3.0 at paths./users.get: 'responses' is a required "
                "property: add responses"
            ),
        )
    ]


def test_flask_app_with_invalid_spec_split_across_two_files(make_repo):
    """Acceptance: a Flask app, an OpenAPI 3.0 document split with $ref, an error in the part."""
    root = make_repo(
        {
            "requirements.txt": "Flask==3.0.3\n",
            "app.py": "from flask import Flask\napp = Flask(__name__)\n",
            "api/openapi.yaml": """openapi: 3.0.3
info:
  title: Users
  version: "1.0"
paths:
  /users:
    $ref: paths/users.yaml
""",
            "api/paths/users.yaml": """get:
  operationId: listUsers
  responses:
    200:
      description: The users
post:
  operationId: createUser
  responses:
    201:
      content:
        application/json:
          schema:
            type: object
""",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "api/paths/users.yaml",
            9,
            (
                "invalid OpenAPI 3.0 at post.responses.201 (part of api/openapi.yaml): "
                "'description' is a required property: add description"
            ),
        )
    ]
    assert result.evidence == [Evidence("api/openapi.yaml", "OpenAPI 3.0.3")]
    # the same repository: the Flask API is described, so TC0402 passes
    described = run_rule(root, "TC0402")
    assert described.outcome == "pass"
    assert described.evidence == [Evidence("api/openapi.yaml", "OpenAPI 3.0.3")]


HMRC_APPLICATION = """openapi: "3.0.3"
info:
  version: "1.0"
  title: Obligations (MTD)
servers:
  - url: https://test-api.service.hmrc.gov.uk
paths:
  /obligations/details/{nino}/end-of-period-statement:
    $ref: './retrieve_eops.yaml'
"""
HMRC_EOPS = """get:
  summary: Retrieve End of Period Statement Obligations
  parameters:
    - $ref: './common/pathParameters.yaml#/components/parameters/nino'
    - $ref: './common/headers.yaml#/components/parameters/acceptJson'
  responses:
    "200":
      description: Success
      content:
        application/json:
          schema:
            $ref: './schemas/retrieve_eops_response.json'
          examples:
            example-1:
              description: Example response
              value:
                $ref: './examples/retrieve_eops.json'
"""
HMRC_PATH_PARAMETERS = """components:
  parameters:
    nino:
      name: nino
      in: path
      description: National Insurance number
      schema:
        type: string
      required: true
"""
HMRC_HEADERS = """components:
  parameters:
    acceptJson:
      name: "Accept"
      in: header
      schema:
        type: string
        enum:
          - "application/vnd.hmrc.1.0+json"
      required: true
"""
HMRC_SCHEMA = json.dumps(
    {
        "type": "object",
        "properties": {"obligations": {"type": "array", "items": {"type": "object"}}},
    },
    indent=2,
)


def test_hmrc_multi_file_spec_is_one_document(make_repo):
    conf = "resources/public/api/conf/1.0/"
    root = make_repo(
        {
            "project/AppDependencies.scala": (
                'object AppDependencies { val compile = Seq("uk.gov.hmrc" %% '
                '"bootstrap-backend-play-30" % "8.0.0") }\n'
            ),
            conf + "application.yaml": HMRC_APPLICATION,
            conf + "retrieve_eops.yaml": HMRC_EOPS,
            conf + "common/pathParameters.yaml": HMRC_PATH_PARAMETERS,
            conf + "common/headers.yaml": HMRC_HEADERS,
            conf + "schemas/retrieve_eops_response.json": HMRC_SCHEMA,
            conf + "examples/retrieve_eops.json": '{"obligations": []}',
            "resources/public/api/definition.json": json.dumps(
                {"api": {"name": "Obligations (MTD)", "versions": [{"version": "1.0"}]}}
            ),
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence(conf + "application.yaml", "OpenAPI 3.0.3")]
    api = run_rule(root, "TC0402")
    assert api.outcome == "pass"
    assert api.evidence == [Evidence(conf + "application.yaml", "OpenAPI 3.0.3")]


def test_hmrc_error_inside_a_shared_fragment_points_at_that_fragment(make_repo):
    conf = "resources/public/api/conf/1.0/"
    root = make_repo(
        {
            conf + "application.yaml": HMRC_APPLICATION,
            conf + "retrieve_eops.yaml": HMRC_EOPS,
            conf + "common/pathParameters.yaml": HMRC_PATH_PARAMETERS,
            conf + "common/headers.yaml": HMRC_HEADERS.replace(
                "in: header", "in: heading"
            ),
            conf + "schemas/retrieve_eops_response.json": HMRC_SCHEMA,
            conf + "examples/retrieve_eops.json": '{"obligations": []}',
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            conf + "common/headers.yaml",
            5,
            "invalid OpenAPI 3.0 at components.parameters.acceptJson.in (part of "
            + conf
            + "application.yaml): 'heading' is not one of ['path', 'query', 'header', 'cookie']: use one of the "
            "allowed values",
        )
    ]


def test_node_layout_spec_named_v1_api_spec_under_docs(make_repo):
    root = make_repo(
        {
            "package.json": json.dumps(
                {"name": "api", "dependencies": {"express": "^4.19.2"}}, indent=2
            ),
            "docs/v1.api-spec.yaml": """swagger: "2.0"
info:
  title: Claims
  version: "1"
paths:
  /claims/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          type: string
      responses:
        200:
          description: A claim
""",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence("docs/v1.api-spec.yaml", "Swagger 2.0")]
    api = run_rule(root, "TC0402")
    assert api.outcome == "pass"
    assert api.evidence == [Evidence("docs/v1.api-spec.yaml", "Swagger 2.0")]


def test_json_spec_errors_found_by_key_search(make_repo):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "x", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"content": {}}}}}},
    }
    root = make_repo({"src/main/resources/api.json": json.dumps(spec, indent=2)})
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "src/main/resources/api.json",
            11,
            (
                "invalid OpenAPI 3.1 at paths./a.get.responses.200: 'description' is a "
                "required property: add description"
            ),
        )
    ]


def test_openapi_31_without_paths_and_with_a_webhook_is_valid(make_repo):
    root = make_repo(
        {
            "conf/api.yml": """openapi: 3.1.0
info: {title: Events, version: "1"}
webhooks:
  newClaim:
    post:
      responses:
        "200": {description: ok}
"""
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence("conf/api.yml", "OpenAPI 3.1.0")]


def test_unquoted_version_and_unsupported_version(make_repo):
    root = make_repo(
        {
            "a/openapi.yaml": "openapi: 3.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
            "b/openapi.yaml": "openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "a/openapi.yaml",
            1,
            (
                "invalid OpenAPI 3.0 at openapi: 3.0 is not of type 'string': quote the "
                'version, e.g. openapi: "3.0.3"'
            ),
        ),
        (
            "error",
            "b/openapi.yaml",
            1,
            (
                "unsupported OpenAPI version 4.0.0: declare openapi: 3.1.0 (or 3.0.3) and "
                "update the document to that version"
            ),
        ),
    ]
    assert result.evidence == [
        Evidence("a/openapi.yaml", "OpenAPI 3.0"),
        Evidence("b/openapi.yaml", "OpenAPI 4.0.0"),
    ]


def test_invalid_yaml_in_a_spec_candidate_reports_the_parse_line(make_repo):
    root = make_repo(
        {
            "docs/api.yaml": "openapi: 3.0.3\ninfo:\n  title: x\n   version: 1\npaths: {}\n",
            "docs/notes.yaml": "not: [an, api\n",  # broken, but not an API document
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "docs/api.yaml",
            4,
            (
                "invalid YAML: mapping values are not allowed in this context: fix the syntax so this "
                "API document can be read"
            ),
        )
    ]


def test_duplicate_operation_id_and_unresolved_path_parameter(make_repo):
    root = make_repo(
        {
            "openapi.yaml": """openapi: 3.0.3
info: {title: x, version: "1"}
paths:
  /users:
    get:
      operationId: listUsers
      responses: {"200": {description: ok}}
  /users/{id}:
    get:
      operationId: listUsers
      responses: {"200": {description: ok}}
"""
        }
    )
    result = run_rule(root, "TC0401")
    assert findings(result) == [
        (
            "error",
            "openapi.yaml",
            10,
            (
                "invalid OpenAPI 3.0 at paths./users/{id}.get.operationId: operation ID "
                "'listUsers' for 'get' in '/users/{id}' is not unique: give each operation a "
                "unique operationId"
            ),
        ),
        (
            "error",
            "openapi.yaml",
            9,
            (
                "invalid OpenAPI 3.0 at paths./users/{id}.get: path parameter 'id' for 'get' "
                "operation in '/users/{id}' was not resolved: declare each {template} of the "
                "path as a parameter with in: path, and no others"
            ),
        ),
    ]


def test_ref_problems_missing_file_bad_pointer_outside_and_remote(make_repo):
    root = make_repo(
        {
            "api/openapi.yaml": """openapi: 3.0.3
info: {title: x, version: "1"}
paths:
  /a:
    $ref: missing.yaml
  /b:
    $ref: 'parts.yaml#/nowhere'
  /c:
    $ref: ../../etc/passwd
  /d:
    $ref: 'https://example.org/api/paths.yaml#/d'
  /e:
    $ref: '#/components/pathItems/none'
""",
            "api/parts.yaml": "somewhere: {}\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "error",
            "api/openapi.yaml",
            5,
            (
                "$ref missing.yaml names api/missing.yaml, which is not in the repository: "
                "commit that file or correct the path"
            ),
        ),
        (
            "error",
            "api/openapi.yaml",
            7,
            (
                "$ref parts.yaml#/nowhere points at nothing in api/parts.yaml: correct the "
                "JSON pointer after #"
            ),
        ),
        (
            "error",
            "api/openapi.yaml",
            9,
            (
                "$ref ../../etc/passwd points outside the repository: keep referenced files in "
                "the repository and use a relative path"
            ),
        ),
        (
            "note",
            "api/openapi.yaml",
            11,
            (
                "remote $ref https://example.org/api/paths.yaml#/d was not fetched (offline): "
                "run tcop-lint with --online to validate what it points to as part of "
                "api/openapi.yaml"
            ),
        ),
        (
            "error",
            "api/openapi.yaml",
            13,
            (
                "$ref #/components/pathItems/none points at nothing in api/openapi.yaml: "
                "correct the JSON pointer after #"
            ),
        ),
    ]


def test_remote_ref_only_is_a_note_so_the_rule_warns(make_repo):
    root = make_repo(
        {
            "openapi.yaml": VALID_30.replace(
                "          description: The users\n",
                "          $ref: 'https://example.org/responses.yaml#/users'\n",
            )
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "warn"
    assert [f.level for f in result.findings] == ["note"]


def test_remote_ref_fetched_and_validated_online(make_repo, httpserver):
    httpserver.expect_request("/responses.yaml").respond_with_data(
        "users:\n  content: {}\n", content_type="application/yaml"
    )
    url = httpserver.url_for("/responses.yaml")
    spec = VALID_30.replace(
        '        "200":\n          description: The users\n',
        f"        \"200\":\n          $ref: '{url}#/users'\n",
    )
    root = make_repo(
        {
            "openapi.yaml": spec,
            # the test server is on 127.0.0.1, which a $ref may reach only when allowed
            ".tcop-lint.yml": "rules: {TC0401: {options: {allow-private-hosts: true}}}\n",
        }
    )
    offline = run_rule(root, "TC0401")
    assert offline.outcome == "warn"
    online = run_rule(root, "TC0401", online=True)
    assert online.outcome == "fail"
    assert findings(online) == [
        (
            "error",
            "openapi.yaml",
            9,
            (
                "invalid OpenAPI 3.0 at paths./users.get.responses.200: 'description' is a "
                "required property: add description"
            ),
        )
    ]


def test_fragment_with_its_own_openapi_key_is_a_part_not_a_document(make_repo):
    root = make_repo(
        {
            "spec/api.yaml": VALID_30
            + "components:\n  schemas:\n    User:\n      $ref: common.yaml#/components/schemas/User\n",
            "spec/common.yaml": """openapi: 3.0.3
info: {title: shared, version: "1"}
components:
  schemas:
    User: {type: object}
""",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence("spec/api.yaml", "OpenAPI 3.0.3")]


def test_cyclic_refs_between_files_terminate(make_repo):
    root = make_repo(
        {
            "openapi.yaml": VALID_30.replace(
                "          description: The users\n",
                "          description: The users\n"
                "          content:\n"
                "            application/json:\n"
                "              schema: {$ref: 'schemas.yaml#/Node'}\n",
            ),
            "schemas.yaml": """Node:
  type: object
  properties:
    children:
      type: array
      items: {$ref: '#/Node'}
    parent: {$ref: 'other.yaml#/Parent'}
""",
            "other.yaml": "Parent:\n  $ref: 'schemas.yaml#/Node'\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)


def test_yaml_anchors_and_test_fixtures(make_repo):
    root = make_repo(
        {
            "docs/openapi.yaml": """openapi: 3.0.3
info: {title: x, version: "1"}
x-ok: &ok
  "200": {description: ok}
paths:
  /a:
    get:
      responses: *ok
  /b:
    get:
      responses:
        <<: *ok
        "404": {description: missing}
""",
            # deliberately invalid test data is not the project's API description
            "tests/fixtures/invalid.yaml": "openapi: 3.0.3\ninfo: {}\npaths: 7\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence("docs/openapi.yaml", "OpenAPI 3.0.3")]


def test_document_over_the_node_limit_is_a_note(make_repo):
    root = make_repo(
        {
            "openapi.yaml": VALID_30,
            ".tcop-lint.yml": "rules:\n  TC0401:\n    options:\n      max-nodes: 5\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "note",
            "openapi.yaml",
            1,
            (
                "not validated: the document (with its $ref parts) exceeds the max-nodes "
                "limit: raise the TC0401 max-nodes option or validate it in CI with "
                "openapi-spec-validator"
            ),
        )
    ]


def test_invalid_file_reached_through_ref(make_repo):
    root = make_repo(
        {
            "openapi.yaml": VALID_30.replace(
                '    get:\n      responses:\n        "200":\n          description: The users\n',
                "    $ref: users.yaml\n",
            ),
            "users.yaml": "get:\n  responses: [oops\n",
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "fail"
    assert [(f.path, f.start_line) for f in result.findings] == [("users.yaml", 3)]
    assert result.findings[0].message.endswith(
        "(this file is referenced by openapi.yaml): fix the syntax"
    )


# -- TC0402 api-description -------------------------------------------------------------------


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


# -- TC0403 open-document-formats -------------------------------------------------------------


def test_closed_documents_one_finding_each(make_repo):
    root = make_repo(
        {
            "docs/Design.DOCX": b"PK\x03\x04binary",
            "docs/briefing.pptx": b"PK\x03\x04binary",
            "docs/architecture.vsdx": b"PK\x03\x04binary",
            "data/figures.xlsx": b"PK\x03\x04binary",  # reported by TC1002, not here
            "tests/fixtures/sample.docx": b"PK\x03\x04binary",
            "docs/notes.odt": b"PK\x03\x04binary",
        }
    )
    result = run_rule(root, "TC0403")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "warning",
            "docs/Design.DOCX",
            None,
            (
                "closed format (Word document, .docx): convert it to OpenDocument text "
                "(Design.odt) or Markdown (Design.md)"
            ),
        ),
        (
            "warning",
            "docs/architecture.vsdx",
            None,
            (
                "closed format (Visio diagram, .vsdx): export it as SVG (architecture.svg) "
                "or OpenDocument drawing (architecture.odg), or keep it as a Mermaid diagram in "
                "Markdown"
            ),
        ),
        (
            "warning",
            "docs/briefing.pptx",
            None,
            (
                "closed format (PowerPoint presentation, .pptx): convert it to OpenDocument "
                "presentation (briefing.odp) or Markdown (briefing.md)"
            ),
        ),
    ]
    assert result.evidence == [Evidence("docs/notes.odt", "OpenDocument format")]


def test_open_documents_pass(make_repo):
    root = make_repo({"README.md": "# x\n", "docs/guide.md": "# Guide\n"})
    result = run_rule(root, "TC0403")
    assert result.outcome == "pass"
    assert result.findings == []


def test_untracked_closed_document_is_reported(make_repo):
    root = make_repo({"README.md": "# x\n"})
    write_files(
        root, {"minutes.doc": b"\xd0\xcf\x11\xe0"}
    )  # untracked files are seen too
    result = run_rule(root, "TC0403")
    assert [(f.path, f.level) for f in result.findings] == [("minutes.doc", "warning")]


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


def test_deeply_nested_document_is_a_note_not_a_crash(make_repo):
    nested = '{"a": ' * 200 + "1" + "}" * 200
    spec = (
        '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}, '
        f'"components": {{"schemas": {{"A": {nested}}}}}}}'
    )
    root = make_repo({"openapi.json": spec})
    result = run_rule(root, "TC0401")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "note",
            "openapi.json",
            1,
            (
                "not validated: the document is nested more than 64 levels deep: move deeply "
                "nested schemas into components and join them with $ref"
            ),
        )
    ]


def test_unexpected_keys_are_reported_on_their_own_line(make_repo):
    root = make_repo(
        {
            "docs/openapi.yaml": """openapi: 3.0.3
info:
  title: x
  version: "1"
  x-owner: team  # an extension is fine
  colour: blue
paths:
  users: {}
"""
        }
    )
    result = run_rule(root, "TC0401")
    assert findings(result) == [
        (
            "error",
            "docs/openapi.yaml",
            6,
            (
                "invalid OpenAPI 3.0 at info.colour: 'colour' does not match any of the "
                "regexes: '^x-': remove or correct it (extensions must start with x-)"
            ),
        ),
        (
            "error",
            "docs/openapi.yaml",
            8,
            (
                "invalid OpenAPI 3.0 at paths.users: 'users' does not match any of the "
                "regexes: '^\\\\/', '^x-': correct the key (paths start with /, extensions "
                "with x-)"
            ),
        ),
    ]


def test_spec_found_by_content_near_the_top_but_bulk_folders_are_not_read(make_repo):
    root = make_repo(
        {
            "backend/service/claims.yaml": VALID_30,  # no hint in the name: found by content
            "web/src/locales/en/openapi.json": '{"openapi": "3.0.3", "info": {}}',
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "pass", findings(result)
    assert result.evidence == [Evidence("backend/service/claims.yaml", "OpenAPI 3.0.3")]


ONE_CANDIDATE = "rules:\n  TC0401:\n    options:\n      max-candidates: 1\n"
ONE_OF_THREE_OPENED = (
    "note",
    None,
    None,
    (
        "only the first 1 of 3 candidate YAML and JSON files were opened to look for "
        "OpenAPI and Swagger documents: to open them all, set rules: {TC0401: {options: "
        "{max-candidates: 3}}} in .tcop-lint.yml"
    ),
)


def test_candidates_past_max_candidates_are_a_note_not_silence(make_repo):
    root = make_repo(
        {
            "openapi.yaml": VALID_30,  # named like a spec: opened first
            "app.yaml": "name: x\n",
            "deploy.json": "{}",
            ".tcop-lint.yml": ONE_CANDIDATE,
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "warn"
    assert result.evidence == [Evidence("openapi.yaml", "OpenAPI 3.0.3")]
    assert findings(result) == [ONE_OF_THREE_OPENED]


def test_a_document_past_max_candidates_is_a_note_not_a_skip(make_repo):
    root = make_repo(
        {
            "schema.json": "{}",  # named like a spec, so opened first: not one
            "service.yaml": VALID_30,  # the document, never opened
            ".tcop-lint.yml": ONE_CANDIDATE,  # a candidate too (a YAML file at the root)
        }
    )
    result = run_rule(root, "TC0401")
    assert result.outcome == "warn"
    assert result.evidence == []
    assert findings(result) == [ONE_OF_THREE_OPENED]
