"""CODEOWNERS files as GitHub and GitLab read them: where they live and what each line says.

A line is a path pattern followed by owners (``@user``, ``@org/team``, an email address);
``#`` starts a comment unless escaped. GitLab adds sections (``[Backend] @org/backend``,
``^[Optional][2] @a``) whose owners are the default for the patterns under them.
"""

from __future__ import annotations

from typing import NamedTuple

from tcop_lint.regex import linear_re

CODEOWNERS_PLACES = (
    "CODEOWNERS",
    ".github/CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
)
"""Where GitHub and GitLab look, in the order this tool reads them."""

_OWNER = linear_re(
    r"@@?[\w.-]+(?:/[\w.-]+)*|[\w.!#$%&'*+=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"
)
_SECTION = linear_re(r"^\^?\[[^\]]+\](?:\[\d+\])?(?:\s+(.*))?$")


class OwnersLine(NamedTuple):
    """One line that is not blank or a comment."""

    line: int
    pattern: str | None
    """The path pattern; ``None`` on a GitLab section header."""
    owners: tuple[str, ...]
    """The tokens after the pattern (or the section name) that are owners."""
    invalid: tuple[str, ...]
    """The tokens there that are not a @user, @org/team or email address."""
    defaults: tuple[str, ...]
    """On a pattern line, every token of the GitLab section header above it."""


def is_owner(token: str) -> bool:
    return "@" in token and _OWNER.fullmatch(token) is not None


def tokens(line: str) -> list[str]:
    """The line's words, split at whitespace that no ``\\`` escapes (``/a\\ b/`` is one)."""
    if "\\" not in line:
        return line.split()
    found: list[str] = []
    start: int | None = None
    at = 0
    while at < len(line):
        char = line[at]
        if char == "\\" and at + 1 < len(line):
            start = at if start is None else start
            at += 2
            continue
        if char.isspace():
            if start is not None:
                found.append(line[start:at])
                start = None
        elif start is None:
            start = at
        at += 1
    if start is not None:
        found.append(line[start:])
    return found


def strip_comment(line: str) -> str:
    """The line without its comment: from a ``#`` that starts it or follows whitespace
    (not an escaped ``\\#`` and not a whitespace escaped by ``\\``)."""
    if line.lstrip().startswith("#"):
        return ""
    at = line.find("#", 1)
    while at != -1:
        if line[at - 1].isspace() and (at < 2 or line[at - 2] != "\\"):
            return line[: at - 1].strip()
        at = line.find("#", at + 1)
    return line.strip()


def read_codeowners(text: str) -> list[OwnersLine]:
    """Every rule and section line of a CODEOWNERS file, in order."""
    found: list[OwnersLine] = []
    defaults: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = strip_comment(raw)
        if not line:
            continue
        section = _SECTION.match(line) if line.startswith(("[", "^[")) else None
        if section:
            owners = tuple(tokens(section.group(1) or ""))
            defaults = owners
            found.append(OwnersLine(number, None, *_split(owners), ()))
            continue
        pattern, *named = tokens(line)
        found.append(OwnersLine(number, pattern, *_split(tuple(named)), defaults))
    return found


def _split(named: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    owners = tuple(t for t in named if is_owner(t))
    return owners, tuple(t for t in named if not is_owner(t))
