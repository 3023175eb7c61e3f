"""The GitHub API client: pagination by Link header, the token kept to the API host, and
GitHub's documented rate-limit waits, against a local HTTP server."""

from __future__ import annotations

import json
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tcop_lint.estate.github_api import (
    GitHubClient,
    GitHubError,
    RetryPolicy,
    rate_limit_wait,
)

from .conftest import TOKEN, api_repo, other_host

NOW = 1_800_000_000.0


class Sleeps(list):
    """Records the waits instead of sleeping them (the waits under test are minutes long)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(
    server: HTTPServer, sleeps: Sleeps | None = None, **policy
) -> GitHubClient:
    return GitHubClient(
        token=TOKEN,
        api_url=server.url_for("/").rstrip("/"),
        policy=RetryPolicy(
            sleep=sleeps if sleeps is not None else Sleeps(),
            clock=lambda: NOW,
            **policy,
        ),
    )


@pytest.mark.parametrize(
    ("status", "headers", "body", "attempt", "wait"),
    [
        (200, {}, "", 0, None),
        (404, {}, "", 0, None),
        # a plain 403 is a permission problem, not a rate limit
        (
            403,
            {"x-ratelimit-remaining": "12"},
            '{"message": "Resource not accessible"}',
            0,
            None,
        ),
        # primary limit: until x-ratelimit-reset, plus the reset second
        (
            403,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 90)},
            "",
            0,
            91.0,
        ),
        (
            429,
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) - 5)},
            "",
            0,
            1.0,
        ),
        # secondary limit: retry-after wins over everything
        (
            403,
            {
                "retry-after": "30",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": "1",
            },
            "",
            0,
            30.0,
        ),
        (429, {"retry-after": "7"}, "", 3, 7.0),
        # secondary limit without retry-after: a minute, doubling per retry
        (403, {}, '{"message": "You have exceeded a secondary rate limit."}', 0, 60.0),
        (403, {}, '{"message": "You have exceeded a secondary rate limit."}', 2, 240.0),
        (429, {}, "", 1, 120.0),
    ],
)
def test_rate_limit_waits_follow_githubs_documentation(
    status, headers, body, attempt, wait
):
    from requests.structures import CaseInsensitiveDict

    assert (
        rate_limit_wait(status, CaseInsensitiveDict(headers), body, attempt, NOW)
        == wait
    )


def test_every_page_is_read_through_the_link_headers(fake_org, httpserver):
    org = fake_org([api_repo(f"r{i:03}") for i in range(250)], per_page=100)
    client = client_for(httpserver)
    names = [
        item["name"] for item in client.paginate("orgs/acme/repos", {"per_page": 100})
    ]
    assert names == [f"r{i:03}" for i in range(250)]
    assert [q.get("page") for q in org.queries] == [None, "2", "3"]
    assert org.authorizations == [f"Bearer {TOKEN}"] * 3


def test_a_primary_rate_limit_waits_until_the_reset_and_retries(httpserver):
    answers = [
        Response(
            '{"message": "API rate limit exceeded"}',
            status=403,
            headers={
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(int(NOW) + 42),
            },
        ),
        Response("[1, 2]", headers={"x-ratelimit-remaining": "4999"}),
    ]
    httpserver.expect_request("/things").respond_with_handler(lambda _r: answers.pop(0))
    sleeps = Sleeps()
    assert list(client_for(httpserver, sleeps).paginate("things")) == [1, 2]
    assert sleeps == [43.0]


def test_a_secondary_rate_limit_waits_retry_after_each_time(httpserver):
    answers = [
        Response(
            '{"message": "secondary rate limit"}',
            status=429,
            headers={"retry-after": "5"},
        ),
        Response(
            '{"message": "secondary rate limit"}',
            status=403,
            headers={"retry-after": "9"},
        ),
        Response("[3]"),
    ]
    httpserver.expect_request("/things").respond_with_handler(lambda _r: answers.pop(0))
    sleeps = Sleeps()
    assert list(client_for(httpserver, sleeps).paginate("things")) == [3]
    assert sleeps == [5.0, 9.0]


def test_giving_up_after_the_last_retry(httpserver):
    httpserver.expect_request("/things").respond_with_response(
        Response("{}", status=429, headers={"retry-after": "1"})
    )
    sleeps = Sleeps()
    with pytest.raises(GitHubError) as caught:
        list(client_for(httpserver, sleeps, max_retries=2).paginate("things"))
    assert str(caught.value) == "/things: still rate limited after 2 retries"
    assert sleeps == [1.0, 1.0]


def test_a_wait_longer_than_allowed_is_an_error_not_a_hang(httpserver):
    httpserver.expect_request("/things").respond_with_response(
        Response(
            "{}",
            status=403,
            headers={
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(int(NOW) + 7200),
            },
        )
    )
    with pytest.raises(GitHubError) as caught:
        list(client_for(httpserver).paginate("things"))
    assert (
        str(caught.value)
        == "/things: rate limited for 7201 s, longer than the 3600 s this run may wait"
    )


def test_a_real_wait_of_one_second(httpserver):
    """Without a stand-in for sleep: the retry really comes after retry-after."""
    seen: list[float] = []

    def answer(_request: Request) -> Response:
        seen.append(time.monotonic())
        if len(seen) == 1:
            return Response("{}", status=429, headers={"retry-after": "1"})
        return Response("[]")

    httpserver.expect_request("/things").respond_with_handler(answer)
    client = GitHubClient(token=TOKEN, api_url=httpserver.url_for("/").rstrip("/"))
    assert list(client.paginate("things")) == []
    assert seen[1] - seen[0] >= 1.0


def test_a_next_link_to_another_host_is_refused_before_the_token_leaves(httpserver):
    elsewhere = other_host(httpserver.url_for("/more"))
    httpserver.expect_request("/things").respond_with_response(
        Response("[1]", headers={"Link": f'<{elsewhere}>; rel="next"'})
    )
    with pytest.raises(GitHubError) as caught:
        list(client_for(httpserver).paginate("things"))
    assert str(caught.value) == (
        f"refused to send the token to {elsewhere.split('/')[2]}: not the API host"
    )
    assert [request.path for request, _ in httpserver.log] == ["/things"]


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (
            401,
            "Bad credentials",
            "/things: HTTP 401: Bad credentials (the token is missing, expired or wrong)",
        ),
        (
            404,
            "Not Found",
            "/things: HTTP 404: Not Found (it does not exist, or the token cannot see it)",
        ),
        (
            403,
            "Resource not accessible by integration",
            "/things: HTTP 403: Resource not accessible by integration (the token lacks access)",
        ),
        (500, "", "/things: HTTP 500"),
    ],
)
def test_failures_are_one_line_that_says_what_to_do(
    httpserver, status, message, expected
):
    body = json.dumps({"message": message}) if message else "oops"
    httpserver.expect_request("/things").respond_with_data(body, status=status)
    with pytest.raises(GitHubError) as caught:
        list(client_for(httpserver).paginate("things"))
    assert str(caught.value) == expected
    assert TOKEN not in str(caught.value)


def test_no_answer_is_one_line(httpserver):
    client = GitHubClient(
        token=TOKEN, api_url="http://127.0.0.1:9"
    )  # discard port: refused
    with pytest.raises(GitHubError) as caught:
        list(client.paginate("things"))
    assert str(caught.value) == "/things: no answer from 127.0.0.1:9: ConnectionError"


def test_a_redirected_download_is_fetched_without_the_token(httpserver):
    storage = other_host(httpserver.url_for("/blob/abc"))
    httpserver.expect_request("/artifacts/1/zip").respond_with_response(
        Response("", status=302, headers={"Location": storage})
    )
    httpserver.expect_request("/blob/abc").respond_with_data(b"zip bytes")
    client = client_for(httpserver)
    assert client.download(client.url("artifacts/1/zip"), 100) == b"zip bytes"
    (first, _), (second, _) = httpserver.log
    assert first.headers.get("Authorization") == f"Bearer {TOKEN}"
    assert second.headers.get("Authorization") is None
    with pytest.raises(GitHubError) as caught:
        client.download(client.url("artifacts/1/zip"), 5)
    assert str(caught.value) == "/artifacts/1/zip: larger than 5 bytes"
