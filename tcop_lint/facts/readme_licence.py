"""The licence a README states ("Released under the MIT licence, see LICENSE").

A project that says in its README which licence it is under, without a licence file, holds
partial evidence of an open licence: the intent is there, the text a reuser needs is not. Read
from the README's licence section, else from its lines that mention a licence, each window
short, so the notice patterns of :mod:`tcop_lint.facts.licensing` stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from tcop_lint.facts.licensing import notice_licences
from tcop_lint.facts.markdown import headings
from tcop_lint.facts.readme import find_readme
from tcop_lint.repository import Repository

_SECTION_LINES = 30
_MAX_WINDOWS = 20


class ReadmeLicence(NamedTuple):
    path: str
    line: int
    """1-based line of the statement that names the licence."""
    spdx_ids: tuple[str, ...]


def readme_licence(repo: Repository) -> ReadmeLicence | None:
    """The licence(s) the README states, where it first states one; computed once per run."""
    return repo.memo("readme_licence", lambda: _read(repo))


def _read(repo: Repository) -> ReadmeLicence | None:
    path = find_readme(repo)
    text = repo.read_text(path) if path else None
    if not path or not text:
        return None
    lines = text.splitlines()
    for start, window in _windows(text, lines):
        matches = notice_licences(window)
        if matches:
            ids = tuple(dict.fromkeys(m.spdx_id for m in matches))
            return ReadmeLicence(
                path, start + window.count("\n", 0, matches[0].start), ids
            )
    return None


def _windows(text: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """``(first line, text)`` of the README's licence sections, then of each line that
    mentions a licence with the line after it (a statement wrapped over two lines)."""
    count = 0
    for heading in headings(text):
        if "licen" in heading.title.lower() and count < _MAX_WINDOWS:
            count += 1
            body = lines[heading.line : heading.line + _SECTION_LINES]
            yield heading.line + 1, "\n".join(_until_next_heading(body))
    for index, line in enumerate(lines):
        if "licen" in line.lower() and count < _MAX_WINDOWS:
            count += 1
            yield index + 1, "\n".join(lines[index : index + 2])


def _until_next_heading(body: list[str]) -> list[str]:
    section = "\n".join(body)
    following = next(headings(section), None)
    return body if following is None else body[: following.line - 1]
