"""Committed office documents: those in closed formats (Word, PowerPoint, Visio, Pages) and
those in OpenDocument formats, by extension.

Spreadsheets are data, read by :mod:`tcop_lint.facts.data_files`. Files under dependency,
test and fixture folders are left out: a parser's test documents are not the project's.
"""

from __future__ import annotations

from typing import NamedTuple

from tcop_lint.facts.openapi import skipped_path
from tcop_lint.repository import Repository

CLOSED_FORMATS: dict[str, str] = {
    **dict.fromkeys((".doc", ".docx", ".docm", ".dot", ".dotx"), "Word document"),
    **dict.fromkeys(
        (".ppt", ".pptx", ".pptm", ".pps", ".ppsx"), "PowerPoint presentation"
    ),
    **dict.fromkeys((".vsd", ".vsdx"), "Visio diagram"),
    ".pages": "Apple Pages document",
}
"""Extension -> what kind of document it is."""
OPEN_FORMATS = (".odt", ".odp", ".odg", ".ods")


class OfficeDocument(NamedTuple):
    path: str
    kind: str
    """``Word document``, ``PowerPoint presentation``, ``Visio diagram``..."""
    extension: str
    """Lower-case, without the dot: ``docx``."""
    stem: str
    """The file name without its extension."""


def closed_documents(repo: Repository) -> list[OfficeDocument]:
    """Every committed document in a closed format, in path order."""
    found = []
    for path in repo.by_extension(*CLOSED_FORMATS):
        if skipped_path(path):
            continue
        stem, _, extension = path.rpartition("/")[2].rpartition(".")
        extension = extension.lower()
        found.append(
            OfficeDocument(path, CLOSED_FORMATS["." + extension], extension, stem)
        )
    return found


def open_documents(repo: Repository, limit: int = 10) -> list[str]:
    """Up to ``limit`` committed OpenDocument files, in path order."""
    return [p for p in repo.by_extension(*OPEN_FORMATS)[:limit] if not skipped_path(p)]
