"""Where a repository says how to report a vulnerability: a ``SECURITY.md`` (or the same under
another extension), an RFC 9116 ``security.txt``, and BC government's STRA entry in
``COMPLIANCE.yaml``.

Everything here reads repository content that anyone can write, so it runs in time linear in
the file whatever it holds: fields are split with string methods, addresses found with RE2.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from typing import Any, NamedTuple

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

POLICY_DIRECTORIES = ("", ".github", "docs")
"""Where GitHub looks for a ``SECURITY.md``."""
_POLICY_NAME = lazy_re(r"security(?:\.(?:md|markdown|rst|txt|adoc))?")
_APPROVED_STRA = ("completed", "complete", "exempt")


class _Linear:
    """An RE2 expression, compiled on first use: linear time on any text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: Any = None

    def _call(self, method: str, text: str) -> Any:
        if self._compiled is None:
            import re2  # type: ignore[import-untyped]

            self._compiled = re2.compile(self.source)
        try:
            return getattr(self._compiled, method)(text)
        except UnicodeEncodeError:  # a lone surrogate from an undecodable byte
            clean = text.encode("utf-8", "replace").decode("utf-8")
            return getattr(self._compiled, method)(clean)

    def search(self, text: str) -> Any:
        return self._call("search", text)

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(self._call("finditer", text))


_CONTACT_ROUTE = _Linear(r"(?i)[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://|\breport")
_ADDRESS = _Linear(r"(?i)(?:[\w.+-]+@|https?://)([\w.-]+)")
_RESERVED_TOP = ("example", "invalid", "test")
_RESERVED_SECOND = ("example.com", "example.net", "example.org")


class Field(NamedTuple):
    """One ``Name: value`` line of a ``security.txt``."""

    value: str
    line: int


class Stra(NamedTuple):
    """A completed or exempt Security Threat and Risk Assessment in ``COMPLIANCE.yaml``."""

    path: str
    status: str
    updated: str | None


# -- finding the files ------------------------------------------------------------------------


def policy_candidates(repo: Repository) -> tuple[list[str], list[str]]:
    """``(prose policies, security.txt files)``: ``SECURITY.*`` in the root, ``.github/``
    and ``docs/``, and every ``.well-known/security.txt`` outside vendored code. A
    ``security.txt`` beside the policies that holds RFC 9116 fields is a ``security.txt``."""
    policies = [
        path
        for directory in POLICY_DIRECTORIES
        for path in repo.in_directory(directory)
        if _POLICY_NAME.fullmatch(posixpath.basename(path).lower())
    ]
    security_txts = [
        p
        for p in repo.by_name("security.txt")
        if posixpath.basename(posixpath.dirname(p)) == ".well-known"
        and not is_vendored(p)
    ]
    for path in list(policies):
        if path.lower().endswith("security.txt") and looks_like_rfc9116(
            repo.read_text(path)
        ):
            policies.remove(path)
            security_txts.insert(0, path)
    return sorted(policies), security_txts


# -- reading them -----------------------------------------------------------------------------


def security_txt_fields(text: str) -> dict[str, list[Field]]:
    """RFC 9116 fields by lower-cased name, in order: ``Name: value`` lines, the value
    stripped of surrounding white space."""
    fields: dict[str, list[Field]] = {}
    for index, line in enumerate(text.split("\n")):
        name, colon, value = line.partition(":")
        if colon and _field_name(name):
            fields.setdefault(name.lower(), []).append(
                Field(value.lstrip(" \t").strip(), index + 1)
            )
    return fields


def _field_name(name: str) -> bool:
    return bool(name) and all(c == "-" or ("a" <= c.lower() <= "z") for c in name)


def looks_like_rfc9116(text: str | None) -> bool:
    """Whether a text has a ``Contact:`` or ``Expires:`` line, as a ``security.txt`` does."""
    if not text:
        return False
    fields = security_txt_fields(text)
    return "contact" in fields or "expires" in fields


# RFC 3339's date-time (section 5.6; T and Z in either case), which RFC 9116 requires:
# datetime.fromisoformat also takes a bare date or a week date, and refuses "z". No
# quantifier here can backtrack: linear on any value.
_RFC3339_DATE_TIME = lazy_re(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})"
)


def rfc3339_date(value: str) -> dt.date | None:
    """The date of an RFC 3339 date-time, or ``None``."""
    text = value.strip()
    if not _RFC3339_DATE_TIME.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text.upper()).date()
    except ValueError:  # a 13th month, a 25th hour...
        return None


def has_contact_route(text: str) -> bool:
    """Whether a policy gives a way to report: an email address, a link, or a "report..."."""
    return _CONTACT_ROUTE.search(text) is not None


def placeholder_contact(text: str) -> tuple[str, int] | None:
    """The first email address or URL on a domain reserved for examples (RFC 2606, RFC 6761)
    and its line: a template nobody filled in, such as ``tcop-lint init``'s
    ``<security@your-organisation.example>``."""
    for match in _ADDRESS.finditer(text):
        host = match.group(1).rstrip(".-").lower()
        if _reserved(host):
            start = match.start()
            end = match.start(1) + len(host)
            return text[start:end], text.count("\n", 0, start) + 1
    return None


def _reserved(host: str) -> bool:
    labels = host.split(".")
    return (
        host == "example"
        or (len(labels) > 1 and labels[-1] in _RESERVED_TOP)
        or ".".join(labels[-2:]) in _RESERVED_SECOND
    )


def stra_assessments(repo: Repository) -> list[Stra]:
    """BC government's ``COMPLIANCE.yaml``: a completed or exempt STRA entry."""
    path = repo.find("COMPLIANCE.yaml", "COMPLIANCE.yml")
    if path is None:
        return []
    data = repo.parsed(path, "yaml").data
    spec = data.get("spec") if isinstance(data, dict) else None
    found = []
    for item in spec if isinstance(spec, list) else ():
        if not isinstance(item, dict) or str(item.get("name", "")).upper() != "STRA":
            continue
        status = str(item.get("status", "")).strip().lower()
        if status in _APPROVED_STRA:
            updated = item.get("last-updated")
            found.append(Stra(path, status, str(updated) if updated else None))
    return found
