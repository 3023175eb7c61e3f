"""Which repository a run checked: a name people know it by, its commit and its remote.

Reports made on many machines are merged into one estate view (``tcop-lint estate --merge``),
where the absolute path a report was made at says little. The name is the path on the code
host of the first remote that names one (``origin`` first: ``org/repo``), else the folder's
name; a folder inside a work tree (a monorepo's service) adds its place in the tree
(``org/repo/services/api``).
"""

from __future__ import annotations

from typing import NamedTuple

from tcop_lint.facts.code_host import remotes
from tcop_lint.repository import Repository


class RepositoryIdentity(NamedTuple):
    name: str
    commit: str | None
    """The 40-hex commit HEAD names; ``None`` before the first commit."""
    remote: str | None
    """The remote's URL without credentials; ``None`` when no remote names a code host."""


def repository_identity(repo: Repository) -> RepositoryIdentity | None:
    """The identity of a checked git work tree; ``None`` for a folder outside git."""
    if not repo.is_git:
        return None
    found = remotes(repo)
    prefix = repo.git.prefix.strip("/")
    if found:
        base = found[0].path or repo.root.name
        name = f"{base}/{prefix}" if prefix else base
    else:
        name = repo.root.name
    return RepositoryIdentity(name, repo.git.head, found[0].url if found else None)
