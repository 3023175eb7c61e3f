"""Checking one repository the way ``tcop-lint PATH`` does: the refusal of a path that
leaves its checkout, the config, the rules, the result cache and the engine. The ``check``
command and ``tcop-lint estate`` (many repositories in one process) share it, so a
repository in an estate is checked exactly as it would be on its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tcop_lint.results import Report


class CheckProblem(Exception):
    """The repository cannot be checked (a missing folder, a broken config, a refused path,
    an unloadable plugin or baseline); the message is one line."""


MAX_LINKS = 40  # as the kernel's ELOOP limit


def links_on(path: str | Path) -> tuple[list[tuple[Path, Path]], Path | None]:
    """Every symbolic link met on the way to ``path``, as the kernel follows them (link
    targets included), each as ``(link, where it resolves)``; and the real path reached
    (``None`` on a loop or an unreadable link). Each link's folder is a real path."""
    given = Path(path)
    current = Path(given.anchor) if given.is_absolute() else Path.cwd()
    pending = list(reversed(given.parts[1:] if given.is_absolute() else given.parts))
    links: list[tuple[Path, Path]] = []
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        step = current / part
        if not step.is_symlink():
            current = step
            continue
        try:
            links.append((step, step.resolve()))
            link = Path(os.readlink(step))
        except (OSError, RuntimeError):  # a loop (RuntimeError before Python 3.13)
            return links, None
        if len(links) > MAX_LINKS:
            return links, None
        if link.is_absolute():
            current = Path(link.anchor)
            pending.extend(reversed(link.parts[1:]))
        else:
            pending.extend(reversed(link.parts))
    return links, current


def refuse_a_path_that_leaves_its_checkout(path: str) -> None:
    """Refuse a scan path that reaches its folder through a symbolic link inside a git work
    tree that leads out of that work tree: a pull request that replaces ``services/`` with a
    link must not point the run at another folder. Links in folders above any repository
    (a home folder on another disk, macOS's ``/tmp``) are the user's own and are followed."""
    for link, target in links_on(path)[0]:
        tree = work_tree(link.parent)
        if tree is not None and not target.is_relative_to(tree):
            raise CheckProblem(
                f"{path}: refused: {link} is a symbolic link in the repository at {tree} "
                "that leads outside it; name the folder it points to if you mean to check it"
            )


def work_tree(folder: Path) -> Path | None:
    """The git work tree ``folder`` (a real path) is in, if any."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


class Runner(NamedTuple):
    """What the person running tcop-lint decides, from the command line (README, "Security
    model"); a config in the scanned checkout can narrow it, never widen it."""

    online: bool | None
    private_hosts: bool
    plugins: bool
    rule_seconds: float
    tracked_only: bool = False
    """Only files in git's index are evidence (``--tracked-only``, the pre-commit hooks)."""

    def options(self) -> tuple[tuple[str, str], ...]:
        return (("TC0401", "allow-private-hosts"),) if self.private_hosts else ()


def check_repository(
    path: Path,
    profile: str | None,
    config_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    runner: Runner,
    baseline: Path | None,
    no_cache: bool,
) -> Report:
    """Run every selected rule on the repository at ``path`` with its own config (or
    ``config_file``) and the runner's choices; the rules of ``select``/``ignore`` are
    single tokens. Anything that stops the check is a :class:`CheckProblem`."""
    from tcop_lint import config as config_module
    from tcop_lint import engine
    from tcop_lint.baseline import BaselineError, load_fingerprints
    from tcop_lint.cache import ResultCache, default_directory
    from tcop_lint.registry import RegistryError
    from tcop_lint.repository import RepositoryError

    try:
        if not path.exists():
            raise RepositoryError(f"{path}: no such directory")
        if not path.is_dir():
            raise RepositoryError(f"{path}: not a directory")
        cache = ResultCache(None if no_cache else default_directory())
        config = config_module.load(
            path.resolve(),
            config_file,
            cache,
            online=runner.online is True,
            allow_private_hosts=runner.private_hosts,
        )
        rules = engine.load_rules(config, allow_local_plugins=runner.plugins)
        known = load_fingerprints(baseline) if baseline else None
        report = engine.run(
            path,
            config,
            rules,
            profile_name=profile,
            selection=engine.Selection(select, ignore),
            online=runner.online,
            allowed_options=runner.options(),
            rule_seconds=runner.rule_seconds,
            cache=cache,
            tracked_only=runner.tracked_only,
        )
    except (
        config_module.ConfigError,
        RegistryError,
        RepositoryError,
        BaselineError,
        engine.SelectionError,
    ) as exc:
        raise CheckProblem(str(exc)) from None
    return engine.without_known(report, known) if known is not None else report
