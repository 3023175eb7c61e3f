"""The one glob engine: every path pattern tcop-lint meets, matched in linear time.

Two dialects reach it. Gitignore-style patterns (``exclude``, exemption paths,
``.gitignore`` files, PEP 639 ``license-files``) go through pathspec. Updater-style patterns
(Dependabot ``directories`` and ``exclude-paths``, Renovate ``ignorePaths``, npm
``workspaces``, GitLab ``include: local`` wildcards) are translated here. Both are matched
with RE2, whose time is linear in the path whatever the pattern, so a pull request cannot
hang the run with ``*a*a*a*a*a*b`` or ``/**/**/**/nomatch``: patterns come from the scanned
repository and are untrusted.

A pattern RE2 cannot compile (too large, malformed) matches nothing; a gitignore set RE2
cannot compile as one is matched pattern by pattern, and a pattern that still fails is left
out, as git leaves out a pattern it cannot read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from tcop_lint.regex import encodable, linear_re_problem

# -- updater-style globs ------------------------------------------------------------------------


class PathGlob:
    """One compiled updater-style pattern; :meth:`fullmatch` is linear in the path."""

    __slots__ = ("_regex",)

    def __init__(self, source: str) -> None:
        import re2

        try:
            self._regex: Any = re2.compile(source)
        except re2.error:
            self._regex = None

    def fullmatch(self, path: str) -> bool:
        return (
            self._regex is not None
            and self._regex.fullmatch(encodable(path)) is not None
        )


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` closing the class opened at ``start``, or -1 (a literal ``[``)."""
    index = start + 1
    if index < len(pattern) and pattern[index] in "!^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    end = pattern.find("]", index)
    return end


def _char_class(body: str) -> str:
    negate = body[:1] in ("!", "^")
    if negate:
        body = body[1:]
    inner = body.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[^/{inner}]" if negate else f"[{inner}]"


def _translate(pattern: str, *, braces: bool, classes: bool) -> str:
    """An updater-style glob as RE2 source: ``**/`` is any number of folders (none
    included), ``**`` anything, ``*`` and ``?`` stay inside one folder, ``{a,b}`` alternates
    literals, ``[...]`` is a character class."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif braces and char == "{" and "}" in pattern[index:]:
            end = pattern.index("}", index)
            options = pattern[index + 1 : end].split(",")
            out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
            index = end
        elif classes and char == "[" and (end := _class_end(pattern, index)) != -1:
            out.append(_char_class(pattern[index + 1 : end]))
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def path_glob(pattern: str, *, braces: bool = True, classes: bool = False) -> PathGlob:
    """A path glob (Renovate ``ignorePaths``, GitLab ``include: local``) compiled once."""
    return PathGlob(_translate(pattern, braces=braces, classes=classes))


def path_glob_problem(
    pattern: str, *, braces: bool = True, classes: bool = False
) -> str | None:
    """Why :func:`path_glob` would match nothing for ``pattern`` because RE2 cannot compile
    it (``[z-a]``), or ``None``: for checking a glob from a config before the run."""
    return linear_re_problem(_translate(pattern, braces=braces, classes=classes))


@functools.lru_cache(maxsize=1024)
def _names_or_parent(pattern: str) -> PathGlob:
    source = _translate(
        pattern.strip().removeprefix("./").strip("/") or "**",
        braces=True,
        classes=False,
    )
    return PathGlob(f"(?:{source})(?:/.*)?")


def names_path_or_parent(pattern: str, path: str) -> bool:
    """Whether a path glob names ``path`` or one of its parent folders (Dependabot's
    ``exclude-paths``)."""
    return _names_or_parent(pattern).fullmatch(path)


# -- folder globs: Dependabot ``directories``, npm ``workspaces`` --------------------------------


def normalise_directory(value: str) -> str:
    """A folder from a config in one form: ``"web"``, ``"./web/"`` and ``"/web"`` are all
    ``"/web"``; ``"."`` and ``""`` are ``"/"``."""
    parts = [
        p for p in value.strip().replace("\\", "/").split("/") if p not in ("", ".")
    ]
    return "/" + "/".join(parts) if parts else "/"


@functools.lru_cache(maxsize=1024)
def _folder_glob(pattern: str) -> PathGlob:
    segments = [p for p in normalise_directory(pattern).split("/") if p]
    out: list[str] = []
    for position, segment in enumerate(segments):
        if segment == "**":
            if segments[position + 1 :] in ([], ["*"]):
                out.append("(?:/.*)?")
                break
            out.append("(?:/[^/]+)*")
        else:
            out.append("/" + _translate(segment, braces=False, classes=True))
    return PathGlob("".join(out))


def directory_matches(pattern: str, directory: str) -> bool:
    """Whether a folder glob (``/packages/*``, ``**/*``) names ``directory``.

    ``*`` and ``?`` stay inside one folder name, ``**`` spans any number of folders (none
    included, so ``**/*`` also names the root), and ``[...]`` is a character class.
    """
    have = "".join("/" + p for p in normalise_directory(directory).split("/") if p)
    return _folder_glob(pattern).fullmatch(have)


# -- gitignore-style patterns ---------------------------------------------------------------------


class GlobMatcher:
    """Compiled gitignore-style patterns that accept every path the index holds."""

    __slots__ = ("_specs",)

    def __init__(self, specs: list[Any]) -> None:
        self._specs = specs

    def match_file(self, path: str) -> bool:
        return self.check_file(path) is True

    def check_file(self, path: str) -> bool | None:
        """``True`` ignored, ``False`` re-included (``!``), ``None`` no pattern matched.

        With several specs (a set RE2 could not compile as one), the last one with an
        opinion decides, as the last matching line of a ``.gitignore`` does."""
        path = encodable(path)
        verdict: bool | None = None
        for spec in self._specs:
            include = spec.check_file(path).include
            if include is not None:
                verdict = include
        return verdict


def gitignore_spec(lines: Iterable[str]) -> GlobMatcher:
    """A gitignore-style matcher. A set RE2 cannot compile as one (thousands of patterns, a
    100 KB line) is split in halves until each part compiles; a pattern that cannot be
    compiled alone (``[z-a]``, a lone backslash, too large) is left out, as git leaves it out."""
    return GlobMatcher(_compiled_specs(list(lines)))


def _compiled_specs(lines: list[str]) -> list[Any]:
    import pathspec

    if not lines:
        return []
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        spec.check_file("")  # RE2 compiles the set on first use: fail here, not mid-run
        return [spec]
    except Exception:  # noqa: BLE001 - ValueError, re.error, re2's error: split and retry
        if len(lines) == 1:
            return []
    middle = len(lines) // 2
    return _compiled_specs(lines[:middle]) + _compiled_specs(lines[middle:])
