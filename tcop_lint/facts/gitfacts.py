"""Facts from git history and configuration, through GitPython, loaded only when a rule asks.

Importing GitPython costs about a quarter of a run on a small repository (its modules, and
two ``git version`` processes at import). Its answers are kept in the result cache, keyed by
what they are a function of: the history facts by the commit HEAD names (from the
``git rev-parse`` the inventory runs anyway), the remotes by git's whole effective
configuration. A run on an unchanged repository then loads no GitPython at all.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from functools import cached_property
from pathlib import Path
from typing import Any

from tcop_lint.cache import ResultCache
from tcop_lint.gitlisting import GitProbe, run_git

_LIBRARIES = ("git",)  # GitPython computes the cached facts


class GitFacts:
    def __init__(self, root: Path, probe: GitProbe | None, cache: ResultCache) -> None:
        """``probe`` is what ``git rev-parse`` said of ``root``; ``None`` outside a work tree."""
        self.root = root
        self._probe = probe
        self._cache = cache

    @cached_property
    def _errors(self) -> tuple[type[Exception], ...]:
        import git

        return (git.exc.GitError, OSError, ValueError)

    @cached_property
    def _repo(self) -> Any:
        if self._probe is None:
            return None
        import git

        try:
            return git.Repo(self.root, search_parent_directories=True)
        except self._errors:
            return None

    @cached_property
    def _executable_stamp(self) -> str:
        """The git executable's path, mtime and size: an upgrade of git changes it."""
        executable = shutil.which("git") or ""
        try:
            stat = os.stat(executable)
        except OSError:
            return "-"
        return f"{executable}:{stat.st_mtime_ns}:{stat.st_size}"

    def _key(self, kind: str, *inputs: str) -> str:
        """A cache key for a fact computed by GitPython and the git executable."""
        return self._cache.key(
            kind, self._executable_stamp, *inputs, libraries=_LIBRARIES
        )

    @cached_property
    def remotes(self) -> dict[str, str]:
        """Remote name → fetch URL, as configured, without user names or passwords."""
        if self._probe is None:
            return {}
        try:
            config = run_git(self.root, "config", "-z", "--list")
        except OSError:
            config = None
        if config is None or config.returncode != 0:
            return self._read_remotes()
        key = self._key("git-remotes", config.stdout.decode("utf-8", "surrogateescape"))
        cached = self._cache.get(key)
        if isinstance(cached, dict) and all(
            isinstance(u, str) for u in cached.values()
        ):
            return cached
        remotes = self._read_remotes()
        self._cache.put(key, remotes)
        return remotes

    def _read_remotes(self) -> dict[str, str]:
        repo = self._repo
        if repo is None:
            return {}
        urls: dict[str, str] = {}
        try:
            for remote in repo.remotes:
                for url in remote.urls:
                    if (safe := _without_credentials(url)) is not None:
                        urls.setdefault(remote.name, safe)
        except self._errors:  # a corrupt config means "no remotes", not a crash
            return urls
        return urls

    @property
    def has_commits(self) -> bool:
        """Whether HEAD names a commit."""
        return self._probe is not None and self._probe.head is not None

    @property
    def head(self) -> str | None:
        """The commit HEAD names; ``None`` outside a work tree or before the first commit."""
        return self._probe.head if self._probe is not None else None

    @property
    def prefix(self) -> str:
        """The scanned folder's place in its work tree: "" at its top, else ``sub/dir/``."""
        return self._probe.prefix if self._probe is not None else ""

    @property
    def is_shallow(self) -> bool:
        return self._probe is not None and self._probe.shallow

    def last_changed(self, paths: list[str]) -> dict[str, dt.datetime]:
        """When each of ``paths`` (relative to the scanned root) was last committed.

        One ``git log`` over all the paths, newest first; a path never committed is absent.
        """
        if not paths or self._probe is None or self._probe.head is None:
            return {}
        key = self._key(
            "git-log", self._probe.head, self._probe.prefix, "\0".join(paths)
        )
        cached = _as_dates(self._cache.get(key))
        if cached is not None:
            return cached
        stamps = self._read_last_changed(paths)
        if stamps is None:
            return {}
        self._cache.put(key, stamps)
        return _as_dates(stamps) or {}

    def _read_last_changed(self, paths: list[str]) -> dict[str, int] | None:
        """Commit times (seconds) by path; ``None`` when the history cannot be read."""
        if self._repo is None:
            return None
        try:
            out = self._repo.git.execute(
                [
                    "git",
                    "-C",  # GitPython's execute() runs in the work tree root and takes no cwd=
                    str(self.root),
                    "log",
                    "--no-show-signature",  # log.showSignature would print before each @@
                    "--format=@@%ct",
                    "--name-only",
                    "--relative",
                    "-z",
                    "--",
                    *paths,
                ],
                stdout_as_string=False,
            )
        except self._errors:  # no history to read is "no dates", not a crash
            return None
        wanted = set(paths)
        found: dict[str, int] = {}
        stamp: int | None = None
        for token in out.split(b"\0"):
            text = token.lstrip(b"\n").decode("utf-8", errors="surrogateescape")
            if text.startswith("@@") and text[2:].isdigit():
                stamp = int(text[2:])
            elif stamp is not None and text in wanted and text not in found:
                found[text] = stamp
        return found

    def commit_count_since(self, since: dt.datetime) -> int:
        """How many commits HEAD has had since ``since`` that change the scanned folder."""
        if self._probe is None or self._probe.head is None:
            return 0
        seconds = str(int(since.timestamp()))
        key = self._key("git-count", self._probe.head, self._probe.prefix, seconds)
        cached = self._cache.get(key)
        if type(cached) is int and cached >= 0:  # not a damaged entry's true or -1
            return cached
        if self._repo is None:
            return 0
        # a folder of a larger repository counts only its own commits
        folder = ["--", "."] if self._probe.prefix else []
        try:
            out = self._repo.git.execute(
                ["git", "-C", str(self.root), "rev-list", "--count"]
                + [f"--since={seconds}", "HEAD", *folder]
            )
            count = int(out.strip() or 0)
        except self._errors:
            return 0
        self._cache.put(key, count)
        return count


def _as_dates(stamps: Any) -> dict[str, dt.datetime] | None:
    """Commit times (seconds) by path as dates; ``None`` for what no run would have kept."""
    if not isinstance(stamps, dict) or any(type(s) is not int for s in stamps.values()):
        return None
    try:
        return {p: dt.datetime.fromtimestamp(s, tz=dt.UTC) for p, s in stamps.items()}
    except (OverflowError, OSError, ValueError):
        return None


def _without_credentials(url: str) -> str | None:
    """``url`` without the user name and password a ``scheme://`` URL may carry, so that
    no token reaches a report or the cache; ``None`` for one that does not parse."""
    if "://" not in url:
        return url  # scp-like (git@host:path) or a local path
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return None
    return urlunsplit(parts._replace(netloc=host))
