"""A stand-in for the REST API's issue-comment endpoints, served by pytest-httpserver on
127.0.0.1: comments kept in memory, listed in pages with ``Link`` headers as GitHub does."""

from __future__ import annotations

import json
import re
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

REPOSITORY = "example/service"
NUMBER = 7
BOT = {"login": "github-actions[bot]", "type": "Bot"}
HUMAN = {"login": "someone", "type": "User"}


def pr_event(head: str | None = REPOSITORY, number: int = NUMBER) -> dict[str, Any]:
    """A ``pull_request`` event's payload, the parts the comment reads."""
    return {
        "action": "synchronize",
        "pull_request": {
            "number": number,
            "base": {"repo": {"full_name": REPOSITORY}},
            "head": {"repo": {"full_name": head} if head else None},
        },
    }


class FakeGitHub:
    """Issue comments of one pull request; ``status`` answers every call with that code."""

    def __init__(
        self, server: HTTPServer, *, page_size: int = 100, status: int | None = None
    ) -> None:
        self.server = server
        self.page_size = page_size
        self.status = status
        self.comments: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str]] = []
        self.tokens: set[str] = set()
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self.handle)

    @property
    def url(self) -> str:
        return self.server.url_for("/api/v3")

    def add(self, body: str, user: dict[str, str] = BOT) -> dict[str, Any]:
        number = len(self.comments) + 1
        comment = {
            "id": 1000 + number,
            "url": f"{self.url}/repos/{REPOSITORY}/issues/comments/{1000 + number}",
            "html_url": f"https://github.example/{REPOSITORY}/pull/{NUMBER}#c{number}",
            "body": body,
            "user": user,
        }
        self.comments.append(comment)
        return comment

    def handle(self, request: Request) -> Response:
        self.calls.append((request.method, request.full_path.rstrip("?")))
        self.tokens.add(request.headers.get("Authorization", ""))
        if self.status is not None:
            return self._json(
                {"message": "Resource not accessible by integration"}, self.status
            )
        base = f"/api/v3/repos/{REPOSITORY}/issues"
        if request.path == f"{base}/{NUMBER}/comments" and request.method == "GET":
            return self._page(int(request.args.get("page", "1")))
        if request.path == f"{base}/{NUMBER}/comments" and request.method == "POST":
            return self._json(self.add(request.get_json()["body"]), 201)
        edit = re.fullmatch(rf"{base}/comments/(\d+)", request.path)
        if edit and request.method == "PATCH":
            [comment] = [c for c in self.comments if c["id"] == int(edit.group(1))]
            comment["body"] = request.get_json()["body"]
            return self._json(comment, 200)
        return self._json({"message": "Not Found"}, 404)

    def _page(self, page: int) -> Response:
        start = (page - 1) * self.page_size
        response = self._json(self.comments[start : start + self.page_size], 200)
        if start + self.page_size < len(self.comments):
            next_url = f"{self.url}/repos/{REPOSITORY}/issues/{NUMBER}/comments"
            response.headers["Link"] = (
                f'<{next_url}?per_page=100&page={page + 1}>; rel="next"'
            )
        return response

    @staticmethod
    def _json(data: Any, status: int) -> Response:
        return Response(
            json.dumps(data), status=status, content_type="application/json"
        )
