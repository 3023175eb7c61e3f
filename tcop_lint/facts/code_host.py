"""Where the code is published: git remotes read as code-host addresses, and, for ``--online``
runs, what the GitHub REST API says about a repository's visibility.

A remote URL may carry a user name, a token, a query or a fragment: :func:`safe_url` removes
them, and only the safe form is ever kept. The GitHub settings of the run (which server,
which API, which token) come from the environment through :func:`github_settings`, the one
place that reads it; the token is sent to that API's host only (:mod:`tcop_lint.online` drops
it on a redirect elsewhere) and is never part of a repr, a message or a cache entry.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from tcop_lint.regex import lazy_re

if TYPE_CHECKING:
    from tcop_lint.repository import Repository

PUBLIC_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "dev.azure.com",
)
_HOST_ALIASES = {
    "ssh.github.com": "github.com",
    "www.github.com": "github.com",
    "altssh.gitlab.com": "gitlab.com",
    "altssh.bitbucket.org": "bitbucket.org",
    "ssh.dev.azure.com": "dev.azure.com",
    "vs-ssh.visualstudio.com": "dev.azure.com",
}
_SCP_LIKE = lazy_re(r"(?:(?P<user>[^@/:]+)@)?(?P<host>[^@/:]+):(?P<path>(?!/).*)")
DEFAULT_API = "https://api.github.com"
_API_ANSWER_BYTES = 1_048_576


class Remote(NamedTuple):
    """A git remote on a host: ``url`` has credentials, query and fragment stripped (safe
    to print), ``host`` is lower-case with aliases resolved, ``path`` is ``org/repo``."""

    name: str
    url: str
    host: str
    path: str

    @property
    def owner_repo(self) -> tuple[str, str] | None:
        parts = [p for p in self.path.split("/") if p]
        return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def safe_url(url: str) -> str:
    """``url`` with any user name, password or token, query and fragment removed."""
    if "://" in url:
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return "<unparseable URL>"
        return urlunsplit((parts.scheme, host + port, parts.path, "", ""))
    scp = _SCP_LIKE.fullmatch(url)
    if scp:
        user = "git@" if scp.group("user") == "git" else ""
        return f"{user}{scp.group('host')}:{scp.group('path').split('?')[0]}"
    return url.split("?")[0]  # a local path


def parse_remote(name: str, url: str) -> Remote | None:
    """The host and path a remote URL names (HTTPS, SSH or scp-like); ``None`` for a local
    path or a URL that names no host."""
    if "://" in url:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            return None
        path = parts.path
    else:
        scp = _SCP_LIKE.fullmatch(url)
        if scp is None:
            return None  # a local path: not a host at all
        host, path = scp.group("host").lower(), scp.group("path")
    host = _HOST_ALIASES.get(host, host)
    if host.endswith(".visualstudio.com"):
        host = "dev.azure.com"
    path = path.strip("/").removesuffix(".git").removeprefix("v3/")
    return Remote(name, safe_url(url), host, path) if host else None


def remotes(repo: Repository) -> list[Remote]:
    """The repository's remotes that name a host, ``origin`` first, then by name."""
    return hosted_remotes(repo.git.remotes)


def hosted_remotes(urls: Mapping[str, str]) -> list[Remote]:
    """Of remote name → URL, the remotes that name a host, ``origin`` first, then by name."""
    named = sorted(urls.items(), key=lambda item: (item[0] != "origin", item[0]))
    return [r for name, url in named if (r := parse_remote(name, url)) is not None]


# -- the run's GitHub --------------------------------------------------------------------------


@dataclass(frozen=True)
class GitHubSettings:
    """The GitHub this run belongs to: its host (github.com or a GitHub Enterprise Server),
    the API to ask about it and the token for that API. The token never shows in a repr."""

    server: str = "github.com"
    api_url: str | None = None
    token: str | None = field(default=None, repr=False)

    def api_for(self, host: str) -> tuple[str, str | None]:
        """The API base URL for repositories on ``host`` and the token to send there: the
        run's own API and token belong to the run's server only."""
        default = DEFAULT_API if host == "github.com" else f"https://{host}/api/v3"
        if host != self.server:
            return default, None
        return self.api_url or default, self.token or None


def github_settings(environ: Mapping[str, str] | None = None) -> GitHubSettings:
    """The run's GitHub settings from ``GITHUB_SERVER_URL``, ``GITHUB_API_URL`` and
    ``GITHUB_TOKEN`` (as GitHub Actions sets them): the one place that reads them."""
    environ = os.environ if environ is None else environ
    server = environ.get("GITHUB_SERVER_URL", "")
    try:
        host = (urlsplit(server).hostname or "").lower() if server else ""
    except ValueError:
        host = ""
    return GitHubSettings(
        server=host or "github.com",
        api_url=environ.get("GITHUB_API_URL") or None,
        token=environ.get("GITHUB_TOKEN") or None,
    )


def on_github(remote: Remote, settings: GitHubSettings) -> bool:
    return remote.host in ("github.com", settings.server)


def is_public_host(remote: Remote, settings: GitHubSettings) -> bool:
    """Whether the remote is on a public code host (or the run's own GitHub server)."""
    return remote.host in PUBLIC_HOSTS or remote.host == settings.server


# -- asking the API -----------------------------------------------------------------------------

State = Literal["public", "private", "not-found", "unknown"]
Problem = Literal[
    "",
    "timeout",
    "unreachable",
    "invalid-answer",
    "rate-limited",
    "refused",
    "http-error",
]


class Visibility(NamedTuple):
    """What the API said about a repository. ``state`` is ``unknown`` when it could not
    say; then ``problem`` is why, with ``detail`` (a fetch error, never the answer's body),
    ``status`` (the HTTP status) and ``reset`` (when a rate limit ends, epoch seconds)."""

    state: State
    problem: Problem = ""
    detail: str = ""
    status: int | None = None
    reset: int | None = None


def visibility(
    owner: str, name: str, host: str, settings: GitHubSettings, timeout: float
) -> Visibility:
    """Ask the GitHub REST API whether ``owner/name`` on ``host`` is public."""
    from tcop_lint import online

    base, token = settings.api_for(host)
    headers = {
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "tcop-lint",
    }
    try:
        answer = online.get(
            f"{base.rstrip('/')}/repos/{owner}/{name}",
            headers=headers,
            token=token,
            deadline=time.monotonic() + timeout,
            max_bytes=_API_ANSWER_BYTES,
        )
    except online.FetchError as exc:
        problem: Problem = "timeout" if exc.timed_out else "unreachable"
        return Visibility("unknown", problem, detail=str(exc))
    return _read_answer(answer.status, answer.headers, answer.body)


def _read_answer(status: int, headers: Mapping[str, str], body: bytes) -> Visibility:
    if status == 200:
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        private = data.get("private") if isinstance(data, dict) else None
        if private is False:
            return Visibility("public", status=status)
        if private is True:
            return Visibility("private", status=status)
        return Visibility("unknown", "invalid-answer", status=status)
    if status == 404:
        return Visibility("not-found", status=status)
    if status in (403, 429) and headers.get("X-RateLimit-Remaining") == "0":
        reset = headers.get("X-RateLimit-Reset", "")
        return Visibility(
            "unknown",
            "rate-limited",
            status=status,
            reset=int(reset) if reset.isdigit() and len(reset) < 12 else None,
        )
    if status in (401, 403):
        return Visibility("unknown", "refused", status=status)
    return Visibility("unknown", "http-error", status=status)


# -- which code host the repository lives on ------------------------------------------------------

HostKind = Literal["github", "gitlab", "bitbucket", "azure-devops"]
HOST_NAMES: dict[str, str] = {
    "github": "GitHub",
    "gitlab": "GitLab",
    "bitbucket": "Bitbucket",
    "azure-devops": "Azure DevOps",
}
GITLAB_CI_FILES = (".gitlab-ci.yml", ".gitlab-ci.yaml")
_REMOTE_HOSTS: tuple[tuple[str, HostKind], ...] = (
    ("gitlab", "gitlab"),
    ("github", "github"),
    ("bitbucket", "bitbucket"),
    ("dev.azure.com", "azure-devops"),
    ("visualstudio.com", "azure-devops"),
)
"""What a remote's host name holds, and the kind of host that makes it (a self-managed GitLab
or Bitbucket names itself, as gitlab.digital.example.gov.uk does)."""
_CI_FILES: tuple[tuple[str, HostKind], ...] = (
    *((path, "gitlab") for path in GITLAB_CI_FILES),
    ("bitbucket-pipelines.yml", "bitbucket"),
    ("azure-pipelines.yml", "azure-devops"),
    ("azure-pipelines.yaml", "azure-devops"),
)


class HostedOn(NamedTuple):
    """The kind of code host a repository lives on, and what shows it (``""`` for the
    default)."""

    kind: HostKind
    reason: str


def hosted_on(repo: Repository) -> HostedOn:
    """The host of the first remote on a known code host (GitHub, GitLab, Bitbucket, Azure
    DevOps; a self-managed GitLab or Bitbucket says so in its name) or, with no such remote,
    the host whose CI file the repository has and no ``.github/`` folder; else GitHub, the
    default.

    ``init`` asks this to write the update tool that runs there (Renovate off GitHub, where
    Dependabot does not run)."""
    for remote in remotes(repo):
        kind = next((k for part, k in _REMOTE_HOSTS if part in remote.host), None)
        if kind is not None:
            return HostedOn(kind, f"remote {remote.name} is on {remote.host}")
    if not repo.under(".github"):
        for path, kind in _CI_FILES:
            if repo.has(path):
                return HostedOn(kind, f"{path} and no .github/ folder")
    return HostedOn("github", "")
