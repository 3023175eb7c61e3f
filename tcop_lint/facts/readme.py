"""The one README finder, and documents named the way people name them.

A reader looks first in the root, then in ``.github/``, then in ``docs/``; ``README.md``
before ``README.rst`` before a bare ``README``; in a bilingual project (Welsh and English,
French and English), the English ``README.en.md`` when there is no plain README.
"""

from __future__ import annotations

import re

from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

DOC_FOLDERS = ("", ".github", "docs")
DOC_EXTENSIONS = (".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".txt", "", ".org")
"""Documentation extensions, in the order a reader prefers them: Markdown first."""


def documents(
    repo: Repository, stem: str, folders: tuple[str, ...] = DOC_FOLDERS
) -> list[str]:
    """Files named ``stem`` with a documentation extension, any case, folder by folder."""
    names = {stem.lower() + extension for extension in DOC_EXTENSIONS}
    found = []
    for folder in folders:
        in_folder = [
            p
            for p in repo.in_directory(folder)
            if p.rpartition("/")[2].lower() in names
        ]
        found.extend(sorted(in_folder, key=extension_rank))
    return found


def extension_rank(path: str) -> int:
    """Where the file's extension comes in :data:`DOC_EXTENSIONS` (unknown ones last)."""
    name = path.rpartition("/")[2].lower()
    extension = name[name.index(".") :] if "." in name else ""
    if extension in DOC_EXTENSIONS:
        return DOC_EXTENSIONS.index(extension)
    return len(DOC_EXTENSIONS)


def find_readme(repo: Repository) -> str | None:
    """The README a reader sees first: the root, then .github/, then docs/; failing those, a
    translated one (README.en.md beside README.cy.md in a bilingual Welsh project)."""
    found = documents(repo, "readme")
    if found:
        return found[0]
    translated = (_translated_readme(repo, folder) for folder in DOC_FOLDERS)
    return next(filter(None, translated), None)


_TRANSLATED_README = lazy_re(
    r"readme\.([a-z]{2}(?:[-_][a-z]{2})?)(\.[a-z]+)", re.IGNORECASE
)
_ENGLISH = ("en", "en-gb")


def _translated_readme(repo: Repository, folder: str) -> str | None:
    """The README.<language>.<extension> in ``folder`` to read: English first, then by
    extension as for README itself."""
    ranked = []
    for path in repo.in_directory(folder):
        match = _TRANSLATED_README.fullmatch(path.rpartition("/")[2])
        if match is None or match[2].lower() not in DOC_EXTENSIONS:
            continue
        english = match[1].lower().replace("_", "-") in _ENGLISH
        ranked.append((not english, DOC_EXTENSIONS.index(match[2].lower()), path))
    return min(ranked)[2] if ranked else None
