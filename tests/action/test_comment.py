"""The sticky comment module on its own: pagination, whose comment is ours, the size limit,
the marker, and what a failing API gives. A local HTTP server stands in for the API."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from action.fake_github import HUMAN, FakeGitHub, pr_event
from tcop_lint.action import comment
from tcop_lint.action.comment import COMMENT_LIMIT, TRUNCATED

MARKER = "<!-- tcop-lint:comment:. -->"


def environment(tmp_path: Path, api_url: str, markdown: str = "## tcop-lint\n", **more):
    event = tmp_path / "event.json"
    event.write_text(json.dumps(pr_event()), encoding="utf-8")
    report = tmp_path / "summary.md"
    report.write_text(markdown, encoding="utf-8")
    return {
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_API_URL": api_url,
        "TCOP_GITHUB_TOKEN": "ghs_test-token",
        "TCOP_MARKDOWN": str(report),
        "INPUT_PATH": ".",
        "INPUT_CATEGORY": "",
        **more,
    }


def test_finds_its_comment_on_a_later_page(tmp_path, httpserver_ipv4, capsys):
    github = FakeGitHub(httpserver_ipv4, page_size=2)
    for n in range(4):
        github.add(f"comment {n}", user=HUMAN)
    github.add(MARKER + "\n## old report\n")
    github.add("another bot's comment")
    assert comment.main(environment(tmp_path, github.url, "## new report\n")) == 0
    assert capsys.readouterr().out.startswith(
        "tcop-lint: updated the pull-request comment"
    )
    assert github.comments[4]["body"] == MARKER + "\n## new report\n"
    assert github.calls == [
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100"),
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100&page=2"),
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100&page=3"),
        ("PATCH", "/api/v3/repos/example/service/issues/comments/1005"),
    ]


def test_a_persons_comment_with_the_marker_is_not_taken_over(tmp_path, httpserver_ipv4):
    github = FakeGitHub(httpserver_ipv4)
    github.add(MARKER + "\nI copied the bot's comment", user=HUMAN)
    assert comment.main(environment(tmp_path, github.url)) == 0
    assert github.comments[0]["body"] == MARKER + "\nI copied the bot's comment"
    assert github.comments[1]["body"] == MARKER + "\n## tcop-lint\n"
    assert [method for method, _ in github.calls] == ["GET", "POST"]


def test_a_next_link_to_another_host_is_not_followed(tmp_path, httpserver_ipv4):
    """The token goes with every request, so pages are read from the API's host only."""
    github = FakeGitHub(httpserver_ipv4, page_size=1)
    github.add("first", user=HUMAN)
    github.add(MARKER + "\nold")
    other = github.url.replace("127.0.0.1", "localhost")
    assert other != github.url
    assert comment.main(environment(tmp_path, other)) == 0
    assert github.calls[0][0] == "GET"
    # the Link header names 127.0.0.1, the API URL named localhost: one page, then a new one
    assert [method for method, _ in github.calls] == ["GET", "POST"]


def test_a_long_report_is_trimmed_to_githubs_limit(tmp_path, httpserver_ipv4):
    github = FakeGitHub(httpserver_ipv4)
    line = "- **TC0401** warning api/openapi.yaml: a finding — with a dash\n"
    markdown = "## tcop-lint: ⚠️ warn\n" + line * 2000
    assert len(markdown) > COMMENT_LIMIT
    assert comment.main(environment(tmp_path, github.url, markdown)) == 0
    body = github.comments[0]["body"]
    assert len(body) <= COMMENT_LIMIT
    assert len(body) > COMMENT_LIMIT - len(line) - len(TRUNCATED)
    assert body.startswith(MARKER + "\n## tcop-lint: ⚠️ warn\n" + line)
    assert body.endswith(line + TRUNCATED)


def test_a_short_report_is_whole(tmp_path):
    assert comment.body(MARKER, "## report\n") == MARKER + "\n## report\n"


@pytest.mark.parametrize(
    ("category", "path", "expected"),
    [
        ("", ".", "<!-- tcop-lint:comment:. -->"),
        ("", "services/api/", "<!-- tcop-lint:comment:services/api -->"),
        ("", "services\\api", "<!-- tcop-lint:comment:services/api -->"),
        ("tcop-lint/web/", "web", "<!-- tcop-lint:comment:tcop-lint/web -->"),
        ("x --> <b>@team", ".", "<!-- tcop-lint:comment:x------b--team -->"),
    ],
)
def test_marker_names_the_checked_folder_or_category(category, path, expected):
    assert comment.marker(category, path) == expected


def test_a_server_error_is_a_warning(tmp_path, httpserver_ipv4, capsys):
    github = FakeGitHub(httpserver_ipv4, status=502)
    assert comment.main(environment(tmp_path, github.url)) == 0
    assert capsys.readouterr().out == (
        "::warning title=tcop-lint::could not write the pull-request comment: GitHub "
        "answered 502 (Resource not accessible by integration)\n"
    )


def test_an_unreachable_api_is_a_warning(tmp_path, capsys):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert comment.main(environment(tmp_path, f"http://127.0.0.1:{port}")) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "::warning title=tcop-lint::could not write the pull-request comment: could not "
        "reach the GitHub API ("
    )
    assert out.count("\n") == 1


def test_an_event_file_without_a_pull_request_skips(tmp_path, httpserver_ipv4, capsys):
    github = FakeGitHub(httpserver_ipv4)
    env = environment(tmp_path, github.url)
    Path(env["GITHUB_EVENT_PATH"]).write_text("{}", encoding="utf-8")
    assert comment.main(env) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"::notice title=tcop-lint::pull-request comment skipped: the event file "
        r"\(GITHUB_EVENT_PATH\) does not describe a pull request: KeyError\('pull_request'\)\n",
        out,
    ), out
    assert github.calls == []


def test_a_deleted_fork_is_a_fork(tmp_path, httpserver_ipv4, capsys):
    github = FakeGitHub(httpserver_ipv4)
    env = environment(tmp_path, github.url)
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(pr_event(head=None)))
    assert comment.main(env) == 0
    assert "the pull request comes from a fork (deleted)" in capsys.readouterr().out
    assert github.calls == []
