"""The one Markdown outline reader: headings (ATX and setext) outside fenced code.

Written as plain string scanning rather than regular expressions, so that a heading line of
thousands of spaces costs time linear in its length (``^\\s*#+\\s+(.*?)\\s*#*\\s*$`` is cubic
there).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class Heading(NamedTuple):
    line: int
    """1-based line number of the heading's text."""
    level: int
    title: str


def fence_marker(line: str) -> str | None:
    """The fence (three or more backticks or tildes) opening or closing a code block."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or stripped[:3] not in ("```", "~~~"):
        return None
    char = stripped[0]
    return stripped[: len(stripped) - len(stripped.lstrip(char))]


class Fences:
    """Fenced code blocks, followed line by line."""

    def __init__(self) -> None:
        self._open: str | None = None

    def code(self, line: str) -> bool:
        """Whether ``line`` opens, closes or is inside a fenced code block."""
        marker = fence_marker(line)
        if self._open is not None:
            if marker and marker[0] == self._open[0] and len(marker) >= len(self._open):
                self._open = None
            return True
        if marker:
            self._open = marker
            return True
        return False


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, title)`` of a ``#`` heading line, or ``None``."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    rest = stripped.lstrip("#")
    level = len(stripped) - len(rest)
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    title = rest.strip()
    closing = title.rstrip("#")
    if closing != title and (not closing or closing[-1] in " \t"):
        title = closing.rstrip()
    return level, title


def _setext_level(line: str) -> int | None:
    stripped = line.strip()
    if len(line) - len(line.lstrip(" ")) > 3 or not stripped:
        return None
    if stripped == "=" * len(stripped):
        return 1
    if stripped == "-" * len(stripped):
        return 2
    return None


def headings(text: str) -> Iterator[Heading]:
    """The headings of a Markdown document, in order; fenced code is skipped."""
    lines = text.splitlines()
    fences = Fences()
    for index, line in enumerate(lines):
        if fences.code(line):
            continue
        atx = atx_heading(line)
        if atx:
            yield Heading(index + 1, *atx)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        level = _setext_level(following)
        if (
            level
            and line.strip()
            and atx_heading(line) is None
            and _setext_level(line) is None
            and not line.startswith(("    ", "\t"))
        ):
            yield Heading(index + 1, level, line.strip())
