"""The action's optional sticky pull-request comment: ``python -m tcop_lint.action.comment``.

One comment per pull request and checked directory (or category), found again by the hidden
marker on its first line and edited in place, so a pull request gets one comment that always
shows the latest run rather than a new one per push. The comment is a convenience: anything
that stops it (a fork's read-only token, a missing ``pull-requests: write``, the API being
down) is a notice or a warning in the log, never a failed step.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import sys
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import requests

from tcop_lint.action import workflow_commands

COMMENT_LIMIT = 65_536  # characters GitHub accepts in a comment body
MAX_PAGES = (
    50  # 5,000 comments: past that, a new comment is better than a longer search
)
TIMEOUT_SECONDS = 30
TRUNCATED = (
    "\n_Report truncated at GitHub's comment size limit: the job summary and the SARIF and "
    "JSON reports have every finding._\n"
)


class Skip(Exception):
    """No comment for this run, and why (a notice)."""


class PullRequest(NamedTuple):
    repository: str  # owner/name of the base repository
    number: int


def marker(category: str, path: str) -> str:
    """The hidden first line that names this comment: one per category, else per path."""
    key = category.strip().strip("/") or posixpath.normpath(
        path.replace("\\", "/") or "."
    )
    return f"<!-- tcop-lint:comment:{re.sub(r'[^A-Za-z0-9._/-]', '-', key)} -->"


def pull_request(env: Mapping[str, str]) -> PullRequest:
    """The pull request this run is for, if the workflow's token may comment on it."""
    event_name = env.get("GITHUB_EVENT_NAME", "")
    if event_name != "pull_request":
        raise Skip(
            f"this run is for a {event_name or 'unknown'} event, not a pull request"
        )
    try:
        event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
        pr = event["pull_request"]
        base = pr["base"]["repo"]["full_name"]
        head = (pr["head"].get("repo") or {}).get("full_name")
        number = int(pr["number"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Skip(
            f"the event file (GITHUB_EVENT_PATH) does not describe a pull request: {exc!r}"
        ) from None
    if head != base:
        raise Skip(
            f"the pull request comes from a fork ({head or 'deleted'}), whose token cannot "
            "comment; the job summary has the report"
        )
    return PullRequest(base, number)


def body(marker_line: str, markdown: str) -> str:
    """The comment: the marker, then the Markdown report within GitHub's size limit."""
    head = marker_line + "\n"
    return head + workflow_commands.trim(markdown, COMMENT_LIMIT - len(head), TRUNCATED)


class Api:
    """The few REST calls the comment needs, against ``GITHUB_API_URL``."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "tcop-lint-action",
            }
        )

    def call(self, method: str, url: str, payload: Any = None) -> Any:
        response = self.session.request(
            method, url, json=payload, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
        response.raise_for_status()
        return response

    def comments(self, pr: PullRequest) -> Iterator[dict[str, Any]]:
        """Every comment on the pull request, following the ``next`` links (on this API's
        host only: the token goes with each request)."""
        url = f"{self.base_url}/repos/{pr.repository}/issues/{pr.number}/comments?per_page=100"
        origin = urllib.parse.urlsplit(self.base_url)[:2]
        for _ in range(MAX_PAGES):
            response = self.call("GET", url)
            yield from response.json()
            url = response.links.get("next", {}).get("url", "")
            if not url or urllib.parse.urlsplit(url)[:2] != origin:
                return

    def publish(self, pr: PullRequest, marker_line: str, text: str) -> tuple[str, str]:
        """Edit this run's comment if there is one, else write it; what was done, its URL."""
        mine = next(
            (
                c
                for c in self.comments(pr)
                if (c.get("user") or {}).get("type") == "Bot"
                and (c.get("body") or "").startswith(marker_line)
            ),
            None,
        )
        if mine is not None:
            url = f"{self.base_url}/repos/{pr.repository}/issues/comments/{int(mine['id'])}"
            done = self.call("PATCH", url, {"body": text})
            return "updated", done.json().get("html_url", "")
        url = f"{self.base_url}/repos/{pr.repository}/issues/{pr.number}/comments"
        return "created", self.call("POST", url, {"body": text}).json().get(
            "html_url", ""
        )


def _failure(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if response is None:
        return f"could not reach the GitHub API ({exc})"
    try:
        said = str(response.json().get("message", ""))
    except ValueError:
        said = ""
    reason = f"GitHub answered {response.status_code}" + (f" ({said})" if said else "")
    if response.status_code in (401, 403, 404):
        reason += "; the job needs `permissions: pull-requests: write` for the comment"
    return reason


def main(env: Mapping[str, str] = os.environ) -> int:
    try:
        pr = pull_request(env)
    except Skip as skip:
        workflow_commands.emit("notice", f"pull-request comment skipped: {skip}")
        return 0
    marker_line = marker(env.get("INPUT_CATEGORY", ""), env.get("INPUT_PATH", "."))
    markdown = Path(env["TCOP_MARKDOWN"]).read_text(encoding="utf-8")
    api = Api(
        env.get("GITHUB_API_URL") or "https://api.github.com", env["TCOP_GITHUB_TOKEN"]
    )
    try:
        done, url = api.publish(pr, marker_line, body(marker_line, markdown))
    except requests.RequestException as exc:
        workflow_commands.emit(
            "warning", f"could not write the pull-request comment: {_failure(exc)}"
        )
        return 0
    print(f"tcop-lint: {done} the pull-request comment {url}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
