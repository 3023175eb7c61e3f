"""A small GitHub REST client for the estate workflow.

It talks to one API origin only (``GITHUB_API_URL``, else ``https://api.github.com``): the
token goes to that origin and nowhere else, a ``Link: rel="next"`` that points elsewhere is
refused, and a redirect (an artifact download) is followed without the token.

Rate limits are handled as GitHub's REST documentation asks ("Rate limits for the REST API",
"Exceeding the rate limit"): on a 403 or 429, wait ``retry-after`` seconds if given; else, if
``x-ratelimit-remaining`` is 0, wait until ``x-ratelimit-reset`` (UTC epoch seconds); else,
for a secondary rate limit, wait at least a minute, doubling on each retry, and give up after
a few retries. A wait longer than the caller allows is an error, not a hang.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from tcop_lint import __version__

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
TIMEOUT_SECONDS = 30
SECONDARY_WAIT_SECONDS = 60  # "wait for at least one minute before retrying"


class GitHubError(Exception):
    """The API gave no usable answer; the message is one line and never holds the token."""


@dataclass(frozen=True)
class RetryPolicy:
    """How long the client may wait for rate limits, and how it waits (tests shorten it)."""

    max_retries: int = 5
    max_wait_seconds: float = 3600.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time


def rate_limit_wait(
    status: int, headers: Mapping[str, str], body: str, attempt: int, now: float
) -> float | None:
    """Seconds to wait before retrying a response, or ``None`` if it is no rate limit.

    ``attempt`` counts the retries already made for this request (0 for the first).
    ``headers`` must look names up case-insensitively (``requests`` headers do).
    """
    if status not in (403, 429):
        return None
    retry_after = headers.get("retry-after", "").strip()
    if retry_after.isdigit():
        return float(retry_after)
    if headers.get("x-ratelimit-remaining") == "0":
        reset = headers.get("x-ratelimit-reset", "").strip()
        if reset.isdigit():
            return (
                max(0.0, int(reset) - now) + 1.0
            )  # the reset second itself may still be spent
        return float(SECONDARY_WAIT_SECONDS)
    if status == 429 or "rate limit" in body.lower():
        return float(SECONDARY_WAIT_SECONDS * 2**attempt)
    return None  # a 403 that is not a rate limit: the token lacks access


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


@dataclass
class GitHubClient:
    """GETs against one GitHub API origin, with the token, pagination and rate limits."""

    token: str | None
    api_url: str = DEFAULT_API_URL
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    session: requests.Session = field(default_factory=requests.Session)

    @classmethod
    def from_environment(cls, token_variable: str = "GITHUB_TOKEN") -> GitHubClient:
        api_url = os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
        return cls(token=os.environ.get(token_variable) or None, api_url=api_url)

    def url(self, path: str) -> str:
        return urljoin(self.api_url.rstrip("/") + "/", path.lstrip("/"))

    def _headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": f"tcop-lint/{__version__}",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(
        self, url: str, params: Mapping[str, Any] | None = None
    ) -> requests.Response:
        """GET ``url`` (on the API origin), waiting out rate limits; raise on any other error.

        Redirects are not followed here (see :meth:`download`)."""
        if _origin(url) != _origin(self.api_url):
            raise GitHubError(
                f"refused to send the token to {_origin(url)[1]}: not the API host"
            )
        for attempt in range(self.policy.max_retries + 1):
            response = self._send(url, params)
            wait = rate_limit_wait(
                response.status_code,
                response.headers,
                response.text[:2000],
                attempt,
                self.policy.clock(),
            )
            if wait is None:
                break
            if attempt == self.policy.max_retries:
                raise GitHubError(
                    f"{_path_of(url)}: still rate limited after {attempt} retries"
                )
            if wait > self.policy.max_wait_seconds:
                raise GitHubError(
                    f"{_path_of(url)}: rate limited for {wait:.0f} s, longer than the "
                    f"{self.policy.max_wait_seconds:.0f} s this run may wait"
                )
            print(
                f"tcop-lint: GitHub API rate limit (HTTP {response.status_code}): "
                f"waiting {wait:.0f} s before retrying {_path_of(url)}",
                file=sys.stderr,
            )
            self.policy.sleep(wait)
        if response.status_code >= 400:
            raise GitHubError(_describe_failure(url, response))
        return response

    def _send(self, url: str, params: Mapping[str, Any] | None) -> requests.Response:
        try:
            return self.session.get(
                url,
                params=params,
                headers=self._headers(),
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise GitHubError(
                f"{_path_of(url)}: no answer from {_origin(url)[1]}: {type(exc).__name__}"
            ) from None

    def paginate(
        self, path: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[Any]:
        """Every item of a paginated list, following ``Link: rel="next"`` to the end."""
        url: str | None = self.url(path)
        while url:
            response = self.get(url, params)
            params = None  # the next link carries the query
            try:
                page = response.json()
            except ValueError:
                raise GitHubError(f"{_path_of(url)}: the answer is not JSON") from None
            if isinstance(page, dict):  # e.g. {"total_count": n, "artifacts": [...]}
                page = next((v for v in page.values() if isinstance(v, list)), [])
            yield from page
            url = response.links.get("next", {}).get("url")

    def download(self, url: str, max_bytes: int) -> bytes:
        """The body of ``url`` on the API origin, following one redirect without the token
        (GitHub answers an artifact download with a short-lived storage URL)."""
        response = self.get(url)
        body = response.content
        if response.is_redirect:
            try:
                with requests.get(
                    response.headers["location"], timeout=TIMEOUT_SECONDS, stream=True
                ) as stored:
                    if stored.status_code >= 400:
                        raise GitHubError(f"download failed: HTTP {stored.status_code}")
                    body = stored.raw.read(max_bytes + 1, decode_content=True)
            except requests.RequestException as exc:
                raise GitHubError(f"download failed: {type(exc).__name__}") from None
        if len(body) > max_bytes:
            raise GitHubError(f"{_path_of(url)}: larger than {max_bytes} bytes")
        return body


def _path_of(url: str) -> str:
    return urlsplit(url).path or "/"


def _describe_failure(url: str, response: requests.Response) -> str:
    try:
        message = str(response.json().get("message", ""))
    except (ValueError, AttributeError):
        message = ""
    detail = f": {message.splitlines()[0][:200]}" if message else ""
    hint = {
        401: " (the token is missing, expired or wrong)",
        403: " (the token lacks access)",
        404: " (it does not exist, or the token cannot see it)",
    }.get(response.status_code, "")
    return f"{_path_of(url)}: HTTP {response.status_code}{detail}{hint}"
