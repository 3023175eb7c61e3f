"""Facts from git history and configuration, through GitPython, loaded only when a rule asks."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import Any


class GitFacts:
    def __init__(self, root: Path, *, is_git: bool) -> None:
        self.root = root
        self.is_git = is_git

    @cached_property
    def _errors(self) -> tuple[type[Exception], ...]:
        import git

        return (git.exc.GitError, OSError, ValueError)

    @cached_property
    def _repo(self) -> Any:
        if not self.is_git:
            return None
        import git

        try:
            return git.Repo(self.root, search_parent_directories=True)
        except (git.exc.GitError, OSError, ValueError):
            return None

    @cached_property
    def remotes(self) -> dict[str, str]:
        """Remote name → fetch URL, as configured."""
        repo = self._repo
        if repo is None:
            return {}
        urls: dict[str, str] = {}
        try:
            for remote in repo.remotes:
                for url in remote.urls:
                    urls.setdefault(remote.name, url)
        except self._errors:  # a corrupt config means "no remotes", not a crash
            return urls
        return urls

    @cached_property
    def has_commits(self) -> bool:
        """Whether HEAD names a commit, read from the ref files.

        ``repo.head.is_valid()`` would also look the commit up in the object store, which
        starts a ``git cat-file`` process that lives until exit; a missing object in a
        corrupt repository shows up anyway when the history is read.
        """
        repo = self._repo
        if repo is None:
            return False
        from git.refs.symbolic import SymbolicReference

        try:
            SymbolicReference.dereference_recursive(repo, "HEAD")
        except self._errors:
            return False
        return True

    @cached_property
    def is_shallow(self) -> bool:
        repo = self._repo
        return repo is not None and Path(repo.git_dir, "shallow").exists()

    def last_changed(self, paths: list[str]) -> dict[str, dt.datetime]:
        """When each of ``paths`` (relative to the scanned root) was last committed.

        One ``git log`` over all the paths, newest first; a path never committed is absent.
        """
        if not paths or not self.has_commits:
            return {}
        try:
            out = self._repo.git.execute(
                [
                    "git",
                    "-C",  # GitPython's execute() runs in the work tree root and takes no cwd=
                    str(self.root),
                    "log",
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
            return {}
        wanted = set(paths)
        found: dict[str, dt.datetime] = {}
        stamp: dt.datetime | None = None
        for token in out.split(b"\0"):
            text = token.lstrip(b"\n").decode("utf-8", errors="surrogateescape")
            if text.startswith("@@") and text[2:].isdigit():
                stamp = dt.datetime.fromtimestamp(int(text[2:]), tz=dt.UTC)
            elif stamp is not None and text in wanted and text not in found:
                found[text] = stamp
        return found

    def commit_count_since(self, since: dt.datetime) -> int:
        """How many commits HEAD has had since ``since``."""
        if not self.has_commits:
            return 0
        try:
            out = self._repo.git.rev_list(
                "--count", f"--since={int(since.timestamp())}", "HEAD"
            )
            return int(out.strip() or 0)
        except self._errors:
            return 0
