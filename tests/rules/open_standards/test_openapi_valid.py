"""TC0401 openapi-valid: OpenAPI and Swagger documents found by content, bundled across
their $ref parts and validated for their version."""

from __future__ import annotations

import json

from conftest import run_rule

from tcop_lint.rule import Evidence

from . import VALID_30, check_online, findings, summary


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
    root = make_repo({"openapi.yaml": spec})
    offline = run_rule(root, "TC0401")
    assert offline.outcome == "warn"
    # the test server is on 127.0.0.1, which a $ref may reach only when allowed
    assert summary(check_online(root, allow_private_hosts=True)) == [
        (
            None,
            "openapi.yaml",
            9,
            (
                "invalid OpenAPI 3.0 at paths./users.get.responses.200, fetched from $ref "
                f"{url}#/users: 'description' is a required property: add description"
            ),
        )
    ]


def test_fetched_content_is_never_quoted(make_repo, httpserver):
    """A server's answer goes into validation, never into a message (issue 19): the value it
    sent, its keys, and the $refs inside it are all left out; the finding names the
    repository's $ref and what kind of problem the fetched document has."""
    httpserver.expect_request("/meta").respond_with_data(
        "users: SENTINEL-value\n"
        "tags: {SENTINEL-key: 1}\n"
        "inner: {$ref: 'http://SENTINEL-host.invalid/x.yaml'}\n",
        content_type="application/yaml",
    )
    url = httpserver.url_for("/meta")
    spec = VALID_30.replace(
        '        "200":\n          description: The users\n',
        f"        \"200\":\n          $ref: '{url}#/users'\n"
        f"        \"201\":\n          $ref: '{url}#/tags'\n"
        f"        \"202\":\n          $ref: '{url}#/inner'\n",
    )
    root = make_repo({"openapi.yaml": spec})
    found = check_online(root, allow_private_hosts=True, fetch_timeout_seconds=5)
    messages = [f.message for f in found]
    assert messages and not [m for m in messages if "SENTINEL" in m], messages
    assert all(f"{url}#/" in m for m in messages), messages
    assert summary(found) == [
        (
            "warning",
            "openapi.yaml",
            14,
            (
                f"remote $ref {url}#/inner fetched a document whose own $ref could not be "
                "read (its server could not be reached): correct the documents it leads "
                "to, or point it at a complete document"
            ),
        ),
        (
            None,
            "openapi.yaml",
            9,
            (
                "invalid OpenAPI 3.0 at paths./users.get.responses.200, fetched from $ref "
                f"{url}#/users: the value is not of type 'object': change the value to "
                "that type"
            ),
        ),
        (
            None,
            "openapi.yaml",
            11,
            (
                "invalid OpenAPI 3.0 at paths./users.get.responses.201, fetched from $ref "
                f"{url}#/tags: 'description' is a required property: add description"
            ),
        ),
    ]
    assert [f.id for f in found] == [
        "unreadable-remote-ref",
        "invalid-document",
        "invalid-document",
    ]


def test_openapi_checks_on_fetched_path_items_quote_nothing(make_repo, httpserver):
    """openapi-spec-validator's own checks follow the bundle's $refs into fetched content:
    once anything was fetched, their messages say only what kind of problem it is."""
    operation = "get: {operationId: SENTINEL-op, responses: {'200': {description: x}}}"
    httpserver.expect_request("/paths").respond_with_data(
        f"a: {{{operation}}}\nb: {{{operation}}}\n", content_type="application/yaml"
    )
    url = httpserver.url_for("/paths")
    root = make_repo(
        {
            "openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n"
                f"  /a:\n    $ref: '{url}#/a'\n  /b:\n    $ref: '{url}#/b'\n"
            )
        }
    )
    found = check_online(root, allow_private_hosts=True)
    assert summary(found) == [
        (
            None,
            "openapi.yaml",
            6,
            (
                f"invalid OpenAPI 3.0 at paths./b, fetched from $ref {url}#/b: an "
                "operationId is not unique: give each operation a unique operationId"
            ),
        )
    ]
    assert [(f.id, f.key) for f in found] == [
        ("duplicate-operation-id", "/paths/~1b:duplicate-operation-id")
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


def test_document_values_in_messages_are_short_single_line_and_escaped(make_repo):
    """A message quotes the document only in short excerpts on one line, with control and
    bidirectional characters escaped (issue 19)."""
    operation_id = "list\u202eUsers\n" + "x" * 5_000
    operation = {
        "operationId": operation_id,
        "responses": {"200": {"description": "ok"}},
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "x", "version": "1", "colour\n\u0000" + "y" * 5_000: 1},
        "paths": {"/a": {"get": operation}, "/b\u202e\n": {"get": operation}},
    }
    result = run_rule(make_repo({"openapi.json": json.dumps(spec)}), "TC0401")
    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == [
        "invalid-document",
        "duplicate-operation-id",
    ]
    for finding in result.findings:
        assert finding.message.isprintable(), finding.message
        assert len(finding.message) < 500, finding.message
    key, duplicate = (f.message for f in result.findings)
    assert key.startswith("invalid OpenAPI 3.0 at info.colour\\n\\x00yyyy"), key
    assert "'colour\\n\\x00yyy" in key and key.endswith(
        "' does not match any of the regexes: '^x-': remove or correct it (extensions "
        "must start with x-)"
    ), key
    assert duplicate.startswith(
        "invalid OpenAPI 3.0 at paths./b\\u202e\\n.get.operationId: operation ID "
        "'list\\u202eUsers xxxx"
    ), duplicate
