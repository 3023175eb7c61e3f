"""Which repository a run checked: a name people know it by, its commit and its remote.

Reports made on many machines are merged into one estate view (``tcop-lint estate --merge``),
where the absolute path a report was made at says little. The name is the path on the code
host of the first remote that names one (``origin`` first: ``org/repo``), else the folder's
name; a folder inside a work tree (a monorepo's service) adds its place in the tree
(``org/repo/services/api``).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tcop_lint.facts.code_host import hosted_remotes
from tcop_lint.facts.gitfacts import GitFacts
from tcop_lint.repository import Repository


class RepositoryIdentity(NamedTuple):
    name: str
    commit: str | None
    """The 40-hex commit HEAD names; ``None`` before the first commit."""
    remote: str | None
    """The remote's URL without credentials; ``None`` when no remote names a code host."""


def repository_identity(repo: Repository) -> RepositoryIdentity | None:
    """The identity of a checked git work tree; ``None`` for a folder outside git."""
    return identity_of(repo.root, repo.git) if repo.is_git else None


def identity_of(root: Path, git: GitFacts) -> RepositoryIdentity:
    """The identity of the work tree folder ``root`` from its git facts; also for one that
    could not be checked (a broken config), so that it keeps its name in an estate."""
    found = hosted_remotes(git.remotes)
    prefix = git.prefix.strip("/")
    if found:
        base = found[0].path or root.name
        name = f"{base}/{prefix}" if prefix else base
    else:
        name = root.name
    return RepositoryIdentity(name, git.head, found[0].url if found else None)
