"""OpenAPI documents and remote ``$ref``s built to leak or to stall (issue 19).

Nothing fetched is echoed: a ``$ref`` to ``http://127.0.0.1:PORT/...`` (a stand-in for a cloud
metadata endpoint) fetched with ``--online`` and TC0401's ``allow-private-hosts`` (given by the
person running tcop-lint, in a config file of their own outside the repository) goes into
validation, but what the server sent appears in no output format: the finding names the
``$ref`` and says what is wrong in tcop-lint's words. Each case runs the real CLI with every
output format (text, JSON, SARIF, Markdown and GitHub workflow commands) and searches every
byte it wrote.

Linear time: every pattern the open-standards facts apply to repository content (file names,
the head of each YAML/JSON candidate, GraphQL and RAML files, JSON keys searched for a line,
validator messages quoting document values, ``config/application.rb``) is RE2 or a string
method. A repository of 1 MB files built from repeated prefixes of those patterns' literals
completes a whole run within the harness bound (5 s of CPU), and each pattern meets 1 MB
adversarial inputs directly.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from conftest import make_git_repo
from pytest_httpserver import HTTPServer

from tcop_lint.facts import api_frameworks, api_validation, openapi, openapi_bundle
from tcop_lint.facts.openapi import excerpt
from tcop_lint.regex import LinearPattern, _LazyPattern

from .conftest import Run

SENTINEL = "SENTINEL-SECRET-openapi-7781"

# Answers a metadata endpoint might give, each aimed at a way a message could repeat it: a
# value validated where an object belongs, keys where none are allowed, a value in an enum,
# a body the YAML parser rejects (its messages quote the text), a $ref inside the answer,
# and an error status.
BODIES = {
    "scalar": f"{SENTINEL}\n",
    "keys": f"{SENTINEL}-key: {SENTINEL}-value\ndescription: {SENTINEL}\n",
    "list": f"- {SENTINEL}\n- {{{SENTINEL}: 1}}\n",
    "enum": f"name: {SENTINEL}\nin: {SENTINEL}-place\n",
    "not-yaml": f"{SENTINEL}: [unclosed\n  {SENTINEL}: : : {SENTINEL}\n",
    "json-like": f'{{"{SENTINEL}": "{SENTINEL}", "broken": ',
    "inner-ref": f"$ref: 'http://{SENTINEL}.invalid/{SENTINEL}.yaml#/{SENTINEL}'\n",
    "inner-private-ref": f"$ref: 'http://127.0.0.1:9/{SENTINEL}#/{SENTINEL}'\n",
}
PLACES = ("path", "response", "parameter", "schema", "operation")


def document(base: str) -> str:
    """An OpenAPI 3.0 document with a remote $ref at each place a fetched value is checked."""
    return (
        "openapi: 3.0.3\n"
        "info: {title: Metadata, version: '1'}\n"
        "paths:\n"
        "  /path:\n"
        f"    $ref: '{base}/path'\n"
        "  /users:\n"
        "    get:\n"
        "      parameters:\n"
        f"        - $ref: '{base}/parameter'\n"
        "      responses:\n"
        "        '200':\n"
        f"          $ref: '{base}/response'\n"
        "  /operation:\n"
        "    get:\n"
        f"      $ref: '{base}/operation'\n"
        "components:\n"
        "  schemas:\n"
        "    A:\n"
        f"      $ref: '{base}/schema'\n"
    )


def runner_config(tmp_path: Path, options: str) -> str:
    """The person running tcop-lint's own config, outside the repository."""
    own = tmp_path / "runner" / "tcop-lint.yml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(f"rules:\n  TC0401:\n    options:\n{options}", encoding="utf-8")
    return str(own)


ALLOW_PRIVATE = "      allow-private-hosts: true\n      fetch-timeout-seconds: 5\n"


def assert_nothing_fetched_is_echoed(run: Run, base: str) -> list[str]:
    """The sentinel is in no output, and some TC0401 finding names a remote $ref."""
    everything = run.everything()
    assert SENTINEL.encode() not in everything, _around(everything)
    assert SENTINEL.lower().encode() not in everything.lower()
    messages = [f["message"] for f in run.findings("TC0401")]
    assert any(f"{base}/" in message for message in messages), messages
    return messages


def _around(data: bytes) -> str:
    at = data.find(SENTINEL.encode())
    return data[max(0, at - 300) : at + 100].decode("utf-8", "replace")


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_fetched_answer_is_never_echoed(
    run_cli, httpserver: HTTPServer, tmp_path: Path, body: str
) -> None:
    for place in PLACES:
        httpserver.expect_request(f"/latest/meta-data/{place}").respond_with_data(
            body, content_type="application/yaml"
        )
    base = f"http://127.0.0.1:{httpserver.port}/latest/meta-data"
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", "openapi.yaml": document(base)}
    )
    config = runner_config(tmp_path, ALLOW_PRIVATE)
    run = run_cli(root, "--online", "--config", config)
    fetched = sorted({request.path for request, _ in httpserver.log})
    assert fetched == sorted(f"/latest/meta-data/{place}" for place in PLACES)
    messages = assert_nothing_fetched_is_echoed(run, base)
    assert run.rule("TC0401")["outcome"] in ("fail", "warn"), messages
    for place in PLACES:
        assert any(f"{base}/{place}" in m for m in messages), (place, messages)


def test_an_error_status_is_named_not_quoted(
    run_cli, httpserver: HTTPServer, tmp_path: Path
) -> None:
    for place in PLACES:
        httpserver.expect_request(f"/latest/meta-data/{place}").respond_with_data(
            f"{SENTINEL} is not allowed here\n", status=403
        )
    base = f"http://127.0.0.1:{httpserver.port}/latest/meta-data"
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", "openapi.yaml": document(base)}
    )
    run = run_cli(root, "--online", "--config", runner_config(tmp_path, ALLOW_PRIVATE))
    messages = assert_nothing_fetched_is_echoed(run, base)
    assert sorted(m for m in messages if base in m) == sorted(
        f"remote $ref {base}/{place} could not be read (HTTP 403): check the URL is "
        "reachable and serves YAML or JSON"
        for place in PLACES
    )


def test_the_sentinel_case_of_issue_19(
    run_cli, httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The case as reported: a schema $ref to the metadata path, answered with a string;
    the finding names the reference and the kind of problem, in every format."""
    httpserver.expect_request("/latest/meta-data/iam").respond_with_data(
        f"{SENTINEL}\n", content_type="application/yaml"
    )
    ref = f"http://127.0.0.1:{httpserver.port}/latest/meta-data/iam"
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"
                f"components:\n  schemas:\n    A:\n      $ref: '{ref}'\n"
            ),
        },
    )
    run = run_cli(root, "--online", "--config", runner_config(tmp_path, ALLOW_PRIVATE))
    assert_nothing_fetched_is_echoed(run, ref.rsplit("/", 1)[0])
    [finding] = run.findings("TC0401")
    assert (finding["path"], finding["start_line"], finding["id"]) == (
        "openapi.yaml",
        6,
        "invalid-document",
    )
    assert finding["message"] == (
        f"invalid OpenAPI 3.0 at components.schemas.A, fetched from $ref {ref}: the value "
        "is not of type 'object': change the value to that type"
    )
    for output in (run.text, run.markdown, json.dumps(run.sarif), run.stdout):
        assert ref in output


# -- linear time ------------------------------------------------------------------------------

MB = 1_000_000


def adversarial_repository() -> dict[str, str]:
    """1 MB files shaped against each pattern the open-standards facts apply to content."""
    operation_id = "for 'get' in '/" * 20_000  # quoted back by the duplicate-id check
    many_paths = ", ".join(['"paths" '] * 100_000)  # "paths" with no ":" after it
    head = ", ".join(['"openapi"  '] * 1_000)  # the head's key pattern, never completed
    spec = (
        f'{{"x-head": [{head}], "openapi": "3.0.3", '
        '"info": {"title": "x", "version": "1"}, '
        f'"x-paths": [{many_paths}], '
        '"paths": {'
        f'"/a": {{"get": {{"operationId": "{operation_id}", '
        '"responses": {"200": {"description": "ok"}}}}, '
        f'"/b": {{"get": {{"operationId": "{operation_id}", '
        '"responses": {"200": {"description": "ok"}}}}}}'
    )
    return {
        "README.md": "# x\n",
        "docs/openapi.json": spec,
        "docs/notes.yaml": "openapi" + " " * MB + "\n",
        "docs/spaced.yaml": ("'openapi' \t" * (MB // 11)) + ": x\n",
        "api/schema.graphql": ("extend \t" * (MB // 8)) + "\n" + " \t" * (MB // 2),
        "api/api.raml": "#%RAML" + " \t" * (MB // 2) + "1.0x\n",
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails'\n",
        "config/application.rb": "config.api_only" * (MB // 30)
        + " =" * (MB // 4)
        + "\nconfig.api_only = "
        + " " * MB
        + "false\n",
        "app/views/home/index.html.erb": "<h1>x</h1>\n",
        ("views/" * 300) + "page.html": "<p>x</p>\n",
        ("locale/" * 300) + "api.json": "{}",
    }


def test_a_repository_built_against_the_patterns_completes_in_bounds(
    run_cli, tmp_path: Path
) -> None:
    root = make_git_repo(tmp_path / "repo", adversarial_repository())
    run = run_cli(root)
    [finding] = [f for f in run.findings("TC0401") if f["id"] != "more-problems"]
    assert (finding["id"], finding["path"]) == (
        "duplicate-operation-id",
        "docs/openapi.json",
    )
    assert len(finding["message"]) < 400 and "\n" not in finding["message"]
    # config.api_only is never set to true: a Rails app with page templates is a website
    api_description = run.rule("TC0402")
    assert (api_description["outcome"], api_description["reason"]) == (
        "skipped",
        "Rails serves web pages (app/views/home/index.html.erb), not an HTTP API",
    )


def _patterns() -> dict[str, LinearPattern]:
    found = {}
    for module in (openapi, openapi_bundle, api_validation, api_frameworks):
        for name, value in vars(module).items():
            if isinstance(value, LinearPattern):
                found[f"{module.__name__.rsplit('.', 1)[1]}.{name}"] = value
    return found


PATTERNS = _patterns()


def _literals(source: str) -> list[str]:
    """The words and punctuation runs of a pattern's source: what an input built against
    it repeats."""
    words = re.findall(r"[A-Za-z_]{2,}|[^\w\s\\()|?*+\[\]{}^$]+", source)
    return sorted(set(words)) or ["a"]


def _inputs(source: str) -> list[str]:
    inputs = []
    for literal in _literals(source)[:12]:
        prefixes = "".join(literal[:k] for k in range(1, len(literal) + 1))
        inputs += [
            (prefixes * (MB // max(len(prefixes), 1)))[:MB],
            (literal + " \t") * (MB // (len(literal) + 2)),
            literal + " " * MB + literal,
            (literal + "\n") * (MB // (len(literal) + 1)),
        ]
    return inputs


def test_every_pattern_is_found() -> None:
    """The modules hold RE2 patterns only: no backtracking ``re`` (eager or lazy) is left."""
    assert len(PATTERNS) >= 10, sorted(PATTERNS)
    for module in (openapi, openapi_bundle, api_validation, api_frameworks):
        backtracking = [
            name
            for name, value in vars(module).items()
            if isinstance(value, (re.Pattern, _LazyPattern))
        ]
        assert backtracking == [], (module.__name__, backtracking)
        assert "import re\n" not in Path(module.__file__ or "").read_text()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_is_linear_on_one_megabyte_inputs(name: str) -> None:
    pattern = PATTERNS[name]
    for text in _inputs(pattern.pattern):
        started = time.process_time()
        pattern.search(text)
        pattern.match(text)
        pattern.fullmatch(text)
        assert time.process_time() - started < 0.5, (name, text[:40])


@pytest.mark.parametrize(
    "text",
    [
        "\n" * MB,
        "\u202e" * MB,
        "a" * MB,
        "\x00\t\r" * (MB // 3),
    ],
    ids=["newlines", "bidi", "letters", "controls"],
)
def test_excerpts_are_short_single_line_and_escaped(text: str) -> None:
    started = time.process_time()
    shown = excerpt(text, 80)
    assert time.process_time() - started < 0.1
    assert len(shown) <= 80 and shown.isprintable()


def test_json_key_search_is_linear() -> None:
    from tcop_lint.facts.openapi_bundle import _json_key

    text = '"paths"' + (" " * 10 + '"paths"') * (MB // 17) + " " * MB
    started = time.process_time()
    assert _json_key(text, "paths", 0) is None
    assert time.process_time() - started < 1
