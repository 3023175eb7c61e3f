"""Finds rules: the built-in ``tcop_lint.rules`` package, installed entry points, local folders."""

from __future__ import annotations

import difflib
import importlib
import importlib.machinery
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from tcop_lint.rule import TOPICS, Rule

ENTRY_POINT_GROUP = "tcop_lint.rules"


class RegistryError(Exception):
    """A plugin could not be loaded or clashes with another rule; exit code 2."""


def rules_in(module: ModuleType) -> list[Rule]:
    return [value for value in vars(module).values() if isinstance(value, Rule)]


def builtin_rules() -> list[Rule]:
    import tcop_lint.rules as package

    found: list[Rule] = []
    prefix = f"{package.__name__}."
    for info in pkgutil.walk_packages(package.__path__, prefix):
        if not info.name.rpartition(".")[2].startswith("_"):
            found.extend(rules_in(importlib.import_module(info.name)))
    return found


def entry_point_rules(names: Iterable[str] | None = None) -> list[Rule]:
    """Rules from installed packages; ``names`` limits which entry points are loaded."""
    if not _may_be_declared(ENTRY_POINT_GROUP):
        return []
    from importlib.metadata import entry_points

    wanted = set(names) if names is not None else None
    found: list[Rule] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if wanted is not None and entry.name not in wanted:
            continue
        try:
            loaded = entry.load()
        except Exception as exc:  # a broken plugin is a usage error, not a crash
            raise RegistryError(
                f"plugin entry point {entry.name!r} failed to load: {exc}"
            ) from exc
        found.extend(rules_in(loaded) if isinstance(loaded, ModuleType) else [loaded])
    return found


def _may_be_declared(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``.

    Importing importlib.metadata (it brings the email package) and parsing every
    distribution's entry points is 7% of a small run, and almost no installation has a
    plugin. So first look for the group's name in the files importlib.metadata would read:
    ``entry_points.txt`` in the ``*.dist-info`` and ``*.egg-info`` folders of each directory on
    sys.path, and in an ``.egg`` directory's ``EGG-INFO``. What this look cannot see (a zip on
    sys.path, a finder with its own ``find_distributions``) answers "maybe", and the real
    lookup decides.
    """
    if any(
        finder is not importlib.machinery.PathFinder
        and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    needle = group.encode()
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        try:
            children = os.listdir(entry or ".")
        except OSError:
            if os.path.isfile(entry):  # a zip archive
                return True
            continue
        is_egg = entry.lower().endswith(".egg")
        for child in children:
            lowered = child.lower()
            if lowered.endswith((".dist-info", ".egg-info")) or (
                is_egg and lowered == "egg-info"
            ):
                try:
                    with open(
                        os.path.join(entry, child, "entry_points.txt"), "rb"
                    ) as file:
                        if needle in file.read():
                            return True
                except OSError:
                    continue
    return False


def installed_plugins() -> list[str]:
    """The names of the installed entry points in the group, without importing
    importlib.metadata when no installed distribution can declare one."""
    if not _may_be_declared(ENTRY_POINT_GROUP):
        return []
    from importlib.metadata import entry_points

    return sorted({entry.name for entry in entry_points(group=ENTRY_POINT_GROUP)})


def not_installed(name: str, installed: list[str]) -> str:
    """Why the plugin ``name`` that a config names cannot be loaded, and how to install it."""
    close = _closest(name, installed)
    instead = f" (installed: did you mean {' or '.join(close)}?)" if close else ""
    return (
        f"plugins: {name!r} is not an installed tcop-lint plugin (no entry point of that "
        f"name in the group {ENTRY_POINT_GROUP}){instead}: install the package that "
        "provides it where tcop-lint runs (pip install <package>; in a pre-commit hook, "
        "additional_dependencies: [<package>])"
    )


def folder_rules(folder: Path) -> list[Rule]:
    """Rules from each ``*.py`` module in ``folder`` (an organisation's own rules)."""
    if not folder.is_dir():
        raise RegistryError(f"plugin folder {folder} does not exist")
    found: list[Rule] = []
    for path in sorted(folder.glob("*.py")):
        name = f"tcop_lint_plugin_{abs(hash(str(path.resolve())))}_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise RegistryError(f"{path}: plugin failed to load: {exc}") from exc
        found.extend(rules_in(module))
    return found


def index(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Rules by code, refusing two rules that share a code or a name."""
    by_code: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for rule in rules:
        if rule.code in by_code and by_code[rule.code] is not rule:
            raise RegistryError(f"two rules share the code {rule.code}")
        if names.get(rule.name, rule.code) != rule.code:
            raise RegistryError(
                f"rules {names[rule.name]} and {rule.code} share the name {rule.name}"
            )
        by_code[rule.code] = rule
        names[rule.name] = rule.code
    return dict(sorted(by_code.items()))


def lookup(rules: dict[str, Rule], name_or_code: str) -> Rule | None:
    """A rule by code (any case) or kebab-case name."""
    wanted = name_or_code.strip()
    return rules.get(wanted.upper()) or next(
        (rule for rule in rules.values() if rule.name == wanted.lower()), None
    )


def suggestions(
    rules: Iterable[Rule], wanted: str, *, topics: bool = False
) -> list[str]:
    """The known codes and names (and with ``topics``, topics) closest to ``wanted``."""
    rules = list(rules)
    words = [rule.name for rule in rules] + (list(TOPICS) if topics else [])
    wanted = wanted.strip()
    return _closest(wanted.upper(), [rule.code for rule in rules]) + _closest(
        wanted.lower(), words
    )


def _closest(wanted: str, candidates: list[str]) -> list[str]:
    """As ``difflib.get_close_matches`` (at most three, similarity 0.6 or more), ties going
    to the longer common start (a slip is likelier late in a code), then the alphabet, so
    that the same mistake always gets the same answer."""
    matcher = difflib.SequenceMatcher(b=wanted)
    scored = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= 0.6 and matcher.ratio() >= 0.6:
            start = len(os.path.commonprefix([wanted, candidate]))
            scored.append((-matcher.ratio(), -start, candidate))
    return [candidate for *_, candidate in sorted(scored)[:3]]


def did_you_mean(rules: Iterable[Rule], wanted: str, *, topics: bool = False) -> str:
    """The end of an unknown-rule message: the closest known codes, else where to look."""
    close = suggestions(rules, wanted, topics=topics)
    if not close:
        return "; `tcop-lint list-rules` shows them all"
    listed = ", ".join(close[:-1]) + f" or {close[-1]}" if len(close) > 1 else close[0]
    return f" (did you mean {listed}?)"
