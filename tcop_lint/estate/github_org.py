"""An organisation's repositories from the GitHub API, selected and split into shards.

Sharding: a GitHub Actions matrix holds at most 256 jobs, and a job's outputs at most 1 MB,
so the matrix gets only shard numbers; the repositories of each shard are in the listing
file, passed between jobs as an artifact.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tcop_lint.estate.github_api import GitHubClient

MATRIX_LIMIT = 256  # jobs a matrix may generate per workflow run
VISIBILITIES = ("public", "private", "internal")
LISTING_VERSION = 1
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")
_OWNER = re.compile(r"[A-Za-z0-9-]{1,39}")


class Repository(NamedTuple):
    name: str
    full_name: str
    default_branch: str
    archived: bool
    fork: bool
    visibility: str
    topics: tuple[str, ...]
    size_kb: int

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> Repository:
        """A repository from the API's list; ``ValueError`` if its name could not be a
        folder name (GitHub allows letters, digits, ``.``, ``-`` and ``_``) or its full
        name is not ``owner/name`` (it becomes part of the clone URL)."""
        name, full_name = str(item["name"]), str(item["full_name"])
        if not _NAME.fullmatch(name) or name in (".", ".."):
            raise ValueError(f"unexpected repository name {name[:100]!r}")
        owner, _, rest = full_name.partition("/")
        if rest != name or not _OWNER.fullmatch(owner):
            raise ValueError(f"unexpected full name {full_name[:200]!r} of {name}")
        return cls(
            name=name,
            full_name=full_name,
            default_branch=str(item.get("default_branch") or ""),
            archived=bool(item.get("archived")),
            fork=bool(item.get("fork")),
            visibility=str(
                item.get("visibility")
                or ("private" if item.get("private") else "public")
            ),
            topics=tuple(str(t) for t in item.get("topics") or ()),
            size_kb=int(item.get("size") or 0),
        )


class Selection(NamedTuple):
    """Which repositories to check. ``names`` are globs over the repository name; one that
    starts with ``!`` leaves matching names out. Every topic in ``topics`` must be present."""

    names: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    archived: bool = False
    forks: bool = False
    visibility: tuple[str, ...] = VISIBILITIES

    def reason_to_leave_out(self, repo: Repository) -> str | None:
        from tcop_lint.globs import path_glob

        if repo.archived and not self.archived:
            return "archived"
        if repo.fork and not self.forks:
            return "fork"
        if repo.visibility not in self.visibility:
            return "visibility"
        if any(topic not in repo.topics for topic in self.topics):
            return "topic"
        included = [p for p in self.names if not p.startswith("!")]
        excluded = [p[1:] for p in self.names if p.startswith("!")]
        name = repo.name.lower()
        if included and not any(path_glob(p.lower()).fullmatch(name) for p in included):
            return "name"
        if any(path_glob(p.lower()).fullmatch(name) for p in excluded):
            return "name"
        return None


def list_repositories(client: GitHubClient, organisation: str) -> list[Repository]:
    """Every repository of ``organisation`` the token can see, by name."""
    from urllib.parse import quote

    from tcop_lint.estate.github_api import GitHubError

    items = client.paginate(
        f"orgs/{quote(organisation, safe='')}/repos",
        {"type": "all", "per_page": 100, "sort": "full_name"},
    )
    try:
        repos = [Repository.from_api(item) for item in items if isinstance(item, dict)]
    except (KeyError, TypeError, ValueError) as exc:
        raise GitHubError(
            f"the repository list of {organisation} is not as expected: {exc}"
        ) from None
    return sorted(repos, key=lambda r: r.name.lower())


def shard(
    repos: Sequence[Repository], per_shard: int, max_shards: int
) -> list[list[str]]:
    """Split ``repos`` into shards of about ``per_shard`` (more when there would be over
    ``max_shards``). Sizes differ by at most one, and the largest repositories are dealt out
    first, one per shard, so no shard gets all the big clones."""
    if not repos:
        return []
    max_shards = max(1, min(max_shards, MATRIX_LIMIT))
    per_shard = max(1, per_shard, math.ceil(len(repos) / max_shards))
    count = math.ceil(len(repos) / per_shard)
    biggest_first = sorted(repos, key=lambda r: (-r.size_kb, r.name.lower()))
    shards: list[list[str]] = [[] for _ in range(count)]
    for index, repo in enumerate(biggest_first):
        shards[index % count].append(repo.name)
    return shards


def write_github_output(path: Path, values: dict[str, str]) -> None:
    """Append ``name<<DELIMITER`` blocks to a ``$GITHUB_OUTPUT`` file; the random delimiter
    cannot occur in a value, so no value can set another output."""
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        for name, value in values.items():
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            handle.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def summary_line(
    organisation: str, selected: int, left_out: dict[str, int], shards: int
) -> str:
    reasons = ", ".join(
        f"{count} {reason}" for reason, count in sorted(left_out.items())
    )
    out = f" ({reasons} left out)" if reasons else ""
    return (
        f"tcop-lint estate: {selected} repositories of {organisation} to check{out}, "
        f"in {shards} shard{'s' if shards != 1 else ''}"
    )


def build_listing(
    organisation: str,
    repos: Iterable[Repository],
    selection: Selection,
    per_shard: int,
    max_shards: int,
) -> dict[str, Any]:
    """The listing file the shard jobs read: the selected repositories and their shards."""
    selected: list[Repository] = []
    left_out: dict[str, int] = {}
    for repo in repos:
        reason = selection.reason_to_leave_out(repo)
        if reason is None:
            selected.append(repo)
        else:
            left_out[reason] = left_out.get(reason, 0) + 1
    return {
        "version": LISTING_VERSION,
        "organisation": organisation,
        "repositories": [repo._asdict() for repo in selected],
        "left_out": left_out,
        "shards": shard(selected, per_shard, max_shards),
    }


class ListingError(Exception):
    """A listing file that cannot be read; the message names the file."""


class Listing(NamedTuple):
    organisation: str
    repositories: dict[str, Repository]
    shards: list[list[str]]


def read_listing(path: Path) -> Listing:
    """A listing file written by :func:`build_listing` (the ``list`` step)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != LISTING_VERSION:
            raise ListingError(f"{path}: not a version {LISTING_VERSION} listing file")
        repos = [
            Repository(**{**r, "topics": tuple(r["topics"])})
            for r in data["repositories"]
        ]
        shards = [[str(name) for name in names] for names in data["shards"]]
        return Listing(str(data["organisation"]), {r.name: r for r in repos}, shards)
    except OSError as exc:
        raise ListingError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ListingError(
            f"{path}: not a listing file written by the list step"
        ) from None
