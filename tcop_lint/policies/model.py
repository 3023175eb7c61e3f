"""Declared policies: what a ``policies:`` entry of a config says, checked before any run.

The config's JSON Schema has already checked each entry's keys and types; what it cannot
say well is checked here, each problem a :class:`PolicyError` with the line it is on: a code
that is reserved (``TC...``) or not upper case, two policies sharing a code or name, a key
that the policy's kind does not use, a pattern RE2 cannot compile, a help URI that is not
http(s).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from tcop_lint.globs import path_glob_problem
from tcop_lint.regex import linear_re_problem
from tcop_lint.rule import Level

Kind = Literal[
    "file-exists", "file-absent", "file-contains", "file-not-contains", "key"
]
KINDS: tuple[Kind, ...] = (
    "file-exists",
    "file-absent",
    "file-contains",
    "file-not-contains",
    "key",
)
RESERVED_PREFIX = "TC"
_CODE = re.compile(r"[A-Z][A-Z0-9_-]{0,39}")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_USES: dict[str, frozenset[str]] = {
    "files": frozenset(
        {"file-exists", "file-absent", "file-contains", "file-not-contains"}
    ),
    "match": frozenset({"file-exists"}),
    "pattern": frozenset({"file-contains", "file-not-contains"}),
    "key": frozenset({"key"}),
}
"""Which kinds use each kind-specific key (the schema requires the ones a kind needs)."""

LineOf = Callable[[list[Any]], int]


class PolicyError(ValueError):
    """A policy the config cannot hold; ``line`` is where, in the config that declares it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


_ABSENT = object()


@dataclass(frozen=True)
class KeyCheck:
    """``key: {file, path, exists | equals | matches}``: a key in a JSON, YAML or TOML file."""

    file: str
    path: tuple[str, ...]
    exists: bool = True
    equals: Any = _ABSENT
    matches: str | None = None

    @property
    def has_equals(self) -> bool:
        return self.equals is not _ABSENT

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Policy:
    code: str
    name: str
    topic: str
    level: Level
    kind: Kind
    message: str
    fix: str
    files: tuple[str, ...] = ()
    match: Literal["any", "all"] = "any"
    pattern: str | None = None
    key: KeyCheck | None = None
    help_uri: str | None = None
    source: str = ".tcop-lint.yml"
    """The config that declares it, as shown in messages."""
    line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each of its keys (``code``, ``pattern``...), for later messages."""


def parse_policies(
    items: list[dict[str, Any]], source: str, line_of: LineOf
) -> tuple[Policy, ...]:
    """The ``policies:`` entries (already valid against the schema) as :class:`Policy`."""
    policies: list[Policy] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        policy = _policy(item, source, _lines_of(line_of, index))
        for label, value in (("code", policy.code), ("name", policy.name)):
            if value in seen:
                raise PolicyError(
                    policy.lines[label],
                    f"policies/{index}/{label}: {value} is used twice "
                    f"(first by {seen[value]}); each policy needs its own",
                )
        seen[policy.code] = seen[policy.name] = f"policy {policy.code}"
        policies.append(policy)
    return tuple(policies)


def _lines_of(line_of: LineOf, index: int) -> Callable[..., int]:
    """The line of a key of the ``index``-th policy: ``line("key", "file")``."""
    return lambda *path: line_of(["policies", index, *path])


def _policy(item: dict[str, Any], source: str, line: Callable[..., int]) -> Policy:
    code = item["code"]
    where = f"policy {code}"
    if code.upper().startswith(RESERVED_PREFIX):
        raise PolicyError(
            line("code"),
            f"{where}: codes starting with {RESERVED_PREFIX} are reserved for tcop-lint's "
            "own rules; use your organisation's prefix (DEPT0101)",
        )
    if not _CODE.fullmatch(code):
        raise PolicyError(
            line("code"),
            f"{where}: a code is an upper-case letter then up to 39 upper-case letters, "
            "digits, - or _ (DEPT0101)",
        )
    if not _NAME.fullmatch(item["name"]):
        raise PolicyError(
            line("name"),
            f"{where}: name {item['name']!r} is not kebab-case (catalog-info)",
        )
    kind = item["kind"]
    for key, kinds in _USES.items():
        if key in item and kind not in kinds:
            raise PolicyError(
                line(key),
                f"{where}: {key!r} is not used by kind {kind} "
                f"(only by {', '.join(k for k in KINDS if k in kinds)})",
            )
    for index, pattern in enumerate(item.get("files", ())):
        _check_path(pattern, line("files", index), f"{where}: files")
    pattern = item.get("pattern")
    if pattern is not None:
        _check_pattern(pattern, line("pattern"), f"{where}: pattern")
    help_uri = item.get("help-uri")
    if help_uri is not None and not help_uri.startswith(("https://", "http://")):
        raise PolicyError(
            line("help-uri"),
            f"{where}: help-uri must be an http(s) URL, not {help_uri!r}",
        )
    return Policy(
        code=code,
        name=item["name"],
        topic=item["topic"],
        level=item["level"],
        kind=kind,
        message=item["message"],
        fix=item["fix"],
        files=tuple(item.get("files", ())),
        match=item.get("match", "any"),
        pattern=pattern,
        key=_key_check(item["key"], where, line) if "key" in item else None,
        help_uri=help_uri,
        source=source,
        line=line(),
        lines={name: line(name) for name in item},
    )


def _key_check(item: dict[str, Any], where: str, line: Callable[..., int]) -> KeyCheck:
    tests = [name for name in ("exists", "equals", "matches") if name in item]
    if len(tests) != 1:
        raise PolicyError(
            line("key"),
            f"{where}: key needs exactly one of exists, equals or matches"
            + (f" (has {' and '.join(tests)})" if tests else ""),
        )
    _check_path(item["file"], line("key", "file"), f"{where}: key: file")
    if any(char in item["file"] for char in "*?[{"):
        raise PolicyError(
            line("key", "file"),
            f"{where}: key: file names one file, not a glob ({item['file']!r})",
        )
    path = tuple(item["path"].split("."))
    if not all(path):
        raise PolicyError(
            line("key", "path"),
            f"{where}: key: path {item['path']!r} is dotted keys (tool.poetry.license)",
        )
    if "matches" in item:
        _check_pattern(
            item["matches"], line("key", "matches"), f"{where}: key: matches"
        )
    return KeyCheck(
        file=item["file"].removeprefix("./"),
        path=path,
        exists=item.get("exists", True),
        equals=item.get("equals", _ABSENT),
        matches=item.get("matches"),
    )


def _check_path(pattern: str, line: int, where: str) -> None:
    """A repository path or glob: relative, inside the repository, one RE2 can match."""
    parts = pattern.replace("\\", "/").split("/")
    if pattern.startswith("/") or ".." in parts:
        raise PolicyError(
            line,
            f"{where}: {pattern!r} must be a path relative to the repository root, "
            "without .. (catalog-info.yaml, docs/**/*.md)",
        )
    problem = path_glob_problem(pattern.removeprefix("./"), classes=True)
    if problem is not None:
        raise PolicyError(line, f"{where}: {pattern!r} is not a glob: {problem}")


def _check_pattern(pattern: str, line: int, where: str) -> None:
    problem = linear_re_problem(pattern)
    if problem is not None:
        raise PolicyError(
            line,
            f"{where}: {pattern!r} is not a pattern RE2 accepts ({problem}); RE2 has no "
            "look-around or backreferences",
        )
