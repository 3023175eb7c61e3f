"""Secrets never reach any output, and online mode is bounded and clear whatever the API does.

A sentinel token is set in ``GITHUB_TOKEN`` (and friends) and embedded in the remote URLs;
every run, with and without ``--online``, is checked byte for byte (stdout, stderr and every
report file) for it. Online runs talk to a local pytest-httpserver given as
``GITHUB_API_URL``, which answers each way the real API can fail.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import git, make_git_repo
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from .conftest import BOUND, HANG_BOUND, Run, base_env

TOKEN = "ghp_SENTINELt0ken0000000000000000000000"
URL_TOKEN = "SENTINELur1cr3d"
OTHER_TOKEN = "SENTINELgh0ther"
SENTINELS = (TOKEN, URL_TOKEN, OTHER_TOKEN, "SENTINEL")

REMOTES = {
    "origin": f"https://x-access-token:{URL_TOKEN}@github.com/o/r.git",
    "mirror": f"https://{URL_TOKEN}@gitlab.com/o/r.git",
    "internal": f"https://deploy:{URL_TOKEN}@git.internal.example/o/r.git?token={URL_TOKEN}",
    "scp": f"{URL_TOKEN}@bitbucket.org:o/r.git",
    "broken": f"https://user:{URL_TOKEN}@[::1/o/r.git",
}


def secret_env(api: str | None = None) -> dict[str, str]:
    env = base_env(
        GITHUB_TOKEN=TOKEN,
        GH_TOKEN=OTHER_TOKEN,
        GITHUB_ENTERPRISE_TOKEN=OTHER_TOKEN,
        ACTIONS_RUNTIME_TOKEN=OTHER_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN=OTHER_TOKEN,
    )
    if api:
        env["GITHUB_API_URL"] = api
    return env


def assert_no_secret(run: Run) -> None:
    produced = run.everything()
    for sentinel in SENTINELS:
        assert sentinel.encode() not in produced, sentinel


@pytest.fixture
def own_server() -> Iterator[HTTPServer]:
    """An HTTP server for one test, for handlers that outlast the client (slow, dripping).
    Stopping it drops the requests still queued; the shared ``httpserver`` would serve them
    after the test and log them into a later test's ``httpserver.log``."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            ".tcop-lint.yml": "rules:\n  TC0304:\n    options:\n      timeout-seconds: 1\n",
        },
    )
    for name, url in REMOTES.items():
        git(root, "remote", "add", name, url)
    git(
        root, "config", "remote.origin.pushurl", f"https://u:{URL_TOKEN}@github.com/o/r"
    )
    git(
        root,
        "config",
        f"url.https://x:{URL_TOKEN}@github.com/.insteadOf",
        "https://gh/",
    )
    git(root, "remote", "add", "rewritten", "https://gh/o/r.git")
    return root


def messages(run: Run, code: str) -> list[str]:
    return [f["message"] for f in run.findings(code)]


@pytest.mark.parametrize("extra", [[], ["--verbose"], ["--debug"], ["--quiet"]])
def test_offline_runs_show_no_secret(run_cli, repo: Path, extra: list[str]) -> None:
    run = run_cli(repo, *extra, env=secret_env())
    assert_no_secret(run)
    evidence = run.rule("TC0304")["evidence"]
    assert {
        "path": "https://github.com/o/r.git",
        "detail": "origin remote on github.com",
    } in (evidence)


def api_cases():
    reset = str(int(time.time()) + 3600)
    return {
        "public": (
            lambda: Response(json.dumps({"private": False}), 200),
            ("pass", "public on GitHub (confirmed by API)"),
        ),
        "private": (
            lambda: Response(json.dumps({"private": True}), 200),
            ("warn", "o/r is a private repository on GitHub"),
        ),
        "not-found": (
            lambda: Response('{"message": "Not Found"}', 404),
            ("warn", "o/r was not found on GitHub"),
        ),
        "rate-limited": (
            lambda: Response(
                '{"message": "API rate limit exceeded"}',
                403,
                headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
            ),
            ("warn", "rate-limited by the API until"),
        ),
        "refused-token": (
            lambda: Response('{"message": "Bad credentials"}', 401),
            ("warn", "HTTP 401: the token was refused"),
        ),
        "server-error": (
            lambda: Response("<html>oops</html>", 500),
            ("warn", "(HTTP 500)"),
        ),
        "bad-gateway": (lambda: Response("", 502), ("warn", "(HTTP 502)")),
        "invalid-json": (
            lambda: Response("{not json", 200),
            ("warn", "the API answered with invalid JSON"),
        ),
        "json-not-an-object": (
            lambda: Response("[1, 2, 3]", 200),
            ("warn", "the API answered with invalid JSON"),
        ),
        "echoes-the-token": (
            lambda: Response(json.dumps({"message": f"token {TOKEN} is bad"}), 401),
            ("warn", "HTTP 401"),
        ),
        "slow": (
            lambda: (time.sleep(2.5), Response("{}", 200))[1],
            ("warn", "no answer within 1 s"),
        ),
    }


@pytest.mark.parametrize("case", list(api_cases()))
def test_online_api_answers(run_cli, own_server, repo: Path, case: str) -> None:
    respond, (outcome, words) = api_cases()[case]
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return respond()

    own_server.expect_request("/api/repos/o/r").respond_with_handler(handler)
    run = run_cli(repo, "--online", env=secret_env(own_server.url_for("/api")))
    assert_no_secret(run)
    assert seen  # origin and the insteadOf-rewritten remote both name github.com/o/r
    assert {r.headers.get("Authorization") for r in seen} == {f"Bearer {TOKEN}"}
    result = run.rule("TC0304")
    assert result["outcome"] == outcome, result
    found = messages(run, "TC0304") + [e["detail"] for e in result["evidence"]]
    assert any(words in text for text in found), found


def test_online_api_unreachable(run_cli, repo: Path) -> None:
    run = run_cli(repo, "--online", env=secret_env("http://127.0.0.1:9/api"))
    assert_no_secret(run)
    assert any("could not be reached" in m for m in messages(run, "TC0304"))


def test_online_api_with_credentials_in_its_url(
    run_cli, httpserver, repo: Path
) -> None:
    httpserver.expect_request("/api/repos/o/r").respond_with_data("nope", status=500)
    api = httpserver.url_for("/api").replace("http://", f"http://u:{OTHER_TOKEN}@")
    run = run_cli(repo, "--online", env=secret_env(api))
    assert_no_secret(run)


def test_token_is_not_sent_where_a_redirect_points(
    run_cli, httpserver, own_server, repo: Path
) -> None:
    """A redirect to another host must not carry the token there."""
    seen: list[Request] = []

    def capture(request: Request) -> Response:
        seen.append(request)
        return Response(json.dumps({"private": False}), 200)

    own_server.expect_request("/elsewhere").respond_with_handler(capture)
    httpserver.expect_request("/api/repos/o/r").respond_with_response(
        Response("", 302, headers={"Location": own_server.url_for("/elsewhere")})
    )
    run = run_cli(repo, "--online", env=secret_env(httpserver.url_for("/api")))
    assert_no_secret(run)
    assert all(r.headers.get("Authorization") is None for r in seen)


def test_online_api_that_drips_its_answer(run_cli, own_server, repo: Path) -> None:
    def drip():
        for _ in range(8):  # each piece well inside the 1 s timeout, the whole 4 s
            time.sleep(0.5)
            yield b" "
        yield json.dumps({"private": False}).encode()

    own_server.expect_request("/api/repos/o/r").respond_with_handler(
        lambda _: Response(drip(), 200, content_type="application/json")
    )
    run = run_cli(
        repo, "--online", env=secret_env(own_server.url_for("/api")), bound=HANG_BOUND
    )
    assert_no_secret(run)
    assert any("(no answer within 1 s)" in m for m in messages(run, "TC0304"))


def test_no_network_without_online(run_cli, httpserver, tmp_path: Path) -> None:
    """Offline (the default), nothing is fetched: not the API, not remote $refs."""
    httpserver.expect_request("/x.yaml").respond_with_data("type: object\n")
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"
                f"components:\n  schemas:\n    A:\n      $ref: '{httpserver.url_for('/x.yaml')}'\n"
            ),
        },
    )
    git(root, "remote", "add", "origin", "https://github.com/o/r.git")
    run = run_cli(root, env=secret_env(httpserver.url_for("/api")))
    assert httpserver.log == []
    assert_no_secret(run)
    assert any("was not fetched (offline)" in m for m in messages(run, "TC0401"))


def test_online_ref_to_an_internal_address_is_not_read_into_output(
    run_cli, httpserver, tmp_path: Path
) -> None:
    httpserver.expect_request("/latest/meta-data").respond_with_data(
        "SENTINEL-internal-credential\n"
    )
    ref = httpserver.url_for("/latest/meta-data")
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
    run = run_cli(root, "--online", env=secret_env())
    assert_no_secret(run)
    assert httpserver.log == []
    assert messages(run, "TC0401") == [
        (
            f"remote $ref {ref} could not be read (localhost is a private or local "
            "address, not fetched for repository content): if you trust that host, pass "
            "--allow-private-hosts"
        )
    ]


def test_online_refs_to_a_slow_server_stay_bounded(
    run_cli, own_server, tmp_path: Path
) -> None:
    own_server.expect_request("/slow.yaml").respond_with_handler(
        lambda _: (time.sleep(1.5), Response("type: object\n", 200))[1]
    )
    schemas = "".join(
        f"    S{i}:\n      $ref: '{own_server.url_for('/slow.yaml')}?{i}'\n"
        for i in range(5)
    )
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"
                f"components:\n  schemas:\n{schemas}"
            ),
            ".tcop-lint.yml": (
                "rules:\n  TC0401:\n    options:\n"
                "      allow-private-hosts: true\n      fetch-timeout-seconds: 2\n"
            ),
        },
    )
    run = run_cli(
        root, "--online", "--allow-private-hosts", env=secret_env(), bound=BOUND * 3
    )
    assert run.elapsed < BOUND
    problems = messages(run, "TC0401")
    assert 3 <= len(problems) <= 4, problems  # the first one or two arrive in time
    assert all(
        "within the 2-second fetch limit): raise the TC0401 option fetch-timeout-seconds"
        in m
        for m in problems
    ), problems
