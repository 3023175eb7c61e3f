"""A local stand-in for the GitHub API (pytest-httpserver on 127.0.0.1) and for the git host
(bare repositories served over file://), and a runner for the ``github_cli`` steps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import git, make_git_repo
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

PYTHON = sys.executable
TOKEN = "ghs_estateTestToken0123456789"


def api_repo(name: str, **fields: Any) -> dict[str, Any]:
    """One item of ``GET /orgs/acme/repos`` as GitHub returns it (the fields we read)."""
    return {
        "name": name,
        "full_name": f"acme/{name}",
        "default_branch": "main",
        "archived": False,
        "fork": False,
        "private": False,
        "visibility": "public",
        "topics": [],
        "size": 10,
        **fields,
    }


class FakeOrganisation:
    """``/orgs/<org>/repos``, paginated with ``Link`` headers as GitHub does; records the
    ``Authorization`` header of every request."""

    def __init__(
        self, server: HTTPServer, org: str, repos: list[dict[str, Any]], per_page: int
    ):
        self.server = server
        self.path = f"/orgs/{org}/repos"
        self.repos = repos
        self.per_page = per_page
        self.authorizations: list[str | None] = []
        self.queries: list[dict[str, str]] = []
        server.expect_request(self.path).respond_with_handler(self.handle)

    def page_url(self, page: int) -> str:
        return (
            self.server.url_for(self.path)
            + f"?type=all&per_page={self.per_page}&page={page}"
        )

    def handle(self, request: Request) -> Response:
        self.authorizations.append(request.headers.get("Authorization"))
        self.queries.append(dict(request.args))
        page = int(request.args.get("page", "1"))
        last = max(1, -(-len(self.repos) // self.per_page))
        items = self.repos[(page - 1) * self.per_page : page * self.per_page]
        links = []
        if page < last:
            links.append(f'<{self.page_url(page + 1)}>; rel="next"')
            links.append(f'<{self.page_url(last)}>; rel="last"')
        if page > 1:
            links.append(f'<{self.page_url(1)}>; rel="first"')
        headers = {"x-ratelimit-remaining": "4999", "x-ratelimit-reset": "0"}
        if links:
            headers["Link"] = ", ".join(links)
        return Response(
            json.dumps(items), headers=headers, content_type="application/json"
        )


@pytest.fixture
def fake_org(httpserver: HTTPServer) -> Callable[..., FakeOrganisation]:
    def build(
        repos: list[dict[str, Any]], per_page: int = 100, org: str = "acme"
    ) -> FakeOrganisation:
        return FakeOrganisation(httpserver, org, repos, per_page)

    return build


def other_host(url: str) -> str:
    """The same server under another host name: another origin, for the token's sake."""
    if "//localhost:" in url:
        return url.replace("//localhost:", "//127.0.0.1:")
    return url.replace("//127.0.0.1:", "//localhost:")


def api_env(server: HTTPServer, **extra: str) -> dict[str, str]:
    """The environment of a step: the API at the local server, no runner files unless given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GITHUB_RUN_ID")
    }
    env.update(GITHUB_API_URL=server.url_for("/").rstrip("/"), GITHUB_TOKEN=TOKEN)
    env.update(extra)
    return env


def run_step(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 120):
    """``python -m tcop_lint.estate.github_cli ARGS``, as the workflow runs it."""
    return subprocess.run(
        [PYTHON, "-m", "tcop_lint.estate.github_cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def bare_repository(server_root: Path, full_name: str, files: dict[str, str]) -> Path:
    """A bare repository at ``SERVER_ROOT/<owner>/<name>.git``, as a git host serves it."""
    work = make_git_repo(server_root.parent / "work" / full_name, files)
    target = server_root / f"{full_name}.git"
    target.parent.mkdir(parents=True, exist_ok=True)
    git(work, "clone", "--quiet", "--bare", str(work), str(target))
    return target
