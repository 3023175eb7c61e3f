"""Documents that name evidence no code can hold: a purchasing strategy, sustainability
reporting, a Service Standard assessment report.

They are matched by file name only, at the root, in ``.github/`` or in a documentation
folder (``docs/``, ``governance/``, ``assessments/``...), never in dependencies. Names are
at most 255 bytes, so Python's ``re`` runs on bounded input.
"""

from __future__ import annotations

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.repository import Repository

_DOCUMENT = r"[\w .-]*\.(?:md|markdown|mdx|rst|txt|adoc|html?|pdf|odt)"
_DOC_DIRS = frozenset({"docs", "doc", "documentation", "governance", "assessments"})

PURCHASING_NAMES = rf"(?:procurement|purchasing|commercial[-_ ]?strategy){_DOCUMENT}"
SUSTAINABILITY_NAMES = (
    rf"(?:sustainab\w*|green(?:ing)?(?=[-_ .])|carbon(?=[-_ .])|environmental[-_ ]impact)"
    rf"{_DOCUMENT}"
)
SERVICE_STANDARD_NAMES = rf"[\w .-]*service[-_ ]?(?:assessment|standard){_DOCUMENT}"


def named_documents(repo: Repository, pattern: str) -> list[str]:
    """Documents whose lower-cased name matches ``pattern``, shallowest first."""
    found = []
    for path in repo.by_name_matching(pattern):
        if is_vendored(path):
            continue
        folders = [part.lower() for part in path.split("/")[:-1]]
        if not folders or folders == [".github"] or not _DOC_DIRS.isdisjoint(folders):
            found.append(path)
    return sorted(found, key=lambda p: (p.count("/"), p))


def purchasing_documents(repo: Repository) -> list[str]:
    return named_documents(repo, PURCHASING_NAMES)


def sustainability_documents(repo: Repository) -> list[str]:
    return named_documents(repo, SUSTAINABILITY_NAMES)


def service_assessments(repo: Repository) -> list[str]:
    return named_documents(repo, SERVICE_STANDARD_NAMES)
