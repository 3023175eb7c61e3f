"""Where a repository says how to report a vulnerability: a ``SECURITY.md`` (or the same under
another extension), an RFC 9116 ``security.txt``, a vulnerability disclosure policy under a name
of its own (``VulnerabilityDisclosurePolicy.md``, ``docs/vulnerability-disclosure.md``), a
README section on reporting vulnerabilities, and BC government's STRA entry in
``COMPLIANCE.yaml``.

Everything here reads repository content that anyone can write, so it runs in time linear in
the file whatever it holds: fields are split with string methods, addresses found with RE2.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import posixpath
from typing import NamedTuple

from tcop_lint.facts.markdown import headings
from tcop_lint.facts.readme import DOC_EXTENSIONS, DOC_FOLDERS, find_readme
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re, linear_re
from tcop_lint.repository import Repository

POLICY_DIRECTORIES = ("", ".github", "docs")
"""Where GitHub looks for a ``SECURITY.md``."""
_POLICY_NAME = lazy_re(r"security(?:\.(?:md|markdown|rst|txt|adoc))?")
STANDARD_NAMES = ("security.md", "security.markdown")
"""The names GitHub links from a repository's Security tab."""
_DISCLOSURE_FOLDERS = (*DOC_FOLDERS, "doc")
_MAX_DATE_LENGTH = 100
_APPROVED_STRA = ("completed", "complete", "exempt")


_CONTACT_ROUTE = linear_re(r"(?i)[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://|\breport")
# In a README section a "report" is any bug report: only an address or a link counts there.
_ADDRESS_OR_LINK = linear_re(
    r"(?i)[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://|security/advisories"
)
_ABOUT_REPORTING = linear_re(r"(?i)vulnerab|disclos|\breport")
_ADDRESS = linear_re(r"(?i)((?:[\w.+-]+@|https?://)([\w.-]+))")
_RESERVED_TOP = ("example", "invalid", "test")
_RESERVED_SECOND = ("example.com", "example.net", "example.org")


class Field(NamedTuple):
    """One ``Name: value`` line of a ``security.txt``."""

    value: str
    line: int


class Expires(NamedTuple):
    """What a ``security.txt`` ``Expires:`` value holds."""

    kind: str
    """``rfc3339`` (what RFC 9116 requires), ``rfc5322`` (an email-style date),
    ``placeholder`` (``@EXPIRES@``, ``{{ expires }}``: filled in by a build step) or
    ``invalid``."""
    date: dt.datetime | None = None
    """The moment it names (in its own offset), for ``rfc3339`` and ``rfc5322``."""


class ReadmeSection(NamedTuple):
    """A README section that says how to report a vulnerability."""

    path: str
    line: int
    title: str


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


def is_standard_name(path: str) -> bool:
    """Whether GitHub shows the file as the repository's security policy."""
    return posixpath.basename(path).lower() in STANDARD_NAMES


def disclosure_documents(repo: Repository) -> list[str]:
    """Vulnerability disclosure policies under names of their own, in the root, ``.github/``,
    ``docs/`` or ``doc/``: ``VulnerabilityDisclosurePolicy.md``,
    ``docs/vulnerability-disclosure.md``, ``responsible-disclosure.md``, ``VDP.md``..."""
    return [
        path
        for folder in _DISCLOSURE_FOLDERS
        for path in sorted(repo.in_directory(folder))
        if _disclosure_name(posixpath.basename(path))
    ]


def _disclosure_name(name: str) -> bool:
    lowered = name.lower()
    stem, dot, extension = lowered.partition(".")
    if (dot + extension) not in DOC_EXTENSIONS:
        return False
    words = "".join(c for c in stem if c.isalnum())
    return (
        words in ("vdp", "cvd", "securitypolicy", "vulnerabilitypolicy")
        or ("vulnerab" in words and ("disclos" in words or "report" in words))
        or ("disclosure" in words and ("responsib" in words or "coordinat" in words))
    )


def readme_policy_section(repo: Repository) -> ReadmeSection | None:
    """The README's section on reporting vulnerabilities, when it gives an address or a link:
    a heading naming vulnerabilities or disclosure, or a "Security" heading whose section
    talks about reporting."""
    path = find_readme(repo)
    text = repo.read_text(path) if path else None
    if path is None or text is None:
        return None
    lines = text.split("\n")
    outline = list(headings(text))
    for index, heading in enumerate(outline):
        title = heading.title.lower()
        named = "vulnerab" in title or "disclos" in title
        if not named and "security" not in title:
            continue
        end = next(
            (h.line - 1 for h in outline[index + 1 :] if h.level <= heading.level),
            len(lines),
        )
        body = "\n".join(lines[heading.line : end])
        if _ADDRESS_OR_LINK.search(body) and (named or _ABOUT_REPORTING.search(body)):
            return ReadmeSection(path, heading.line, heading.title)
    return None


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


def read_expires(value: str) -> Expires:
    """An ``Expires:`` value read as RFC 9116 wants it, or as what it is instead."""
    text = value.strip()
    if len(text) > _MAX_DATE_LENGTH:
        return Expires("invalid")
    if _RFC3339_DATE_TIME.fullmatch(text):
        try:
            moment = dt.datetime.fromisoformat(text.upper())
        except ValueError:  # a 13th month, a 25th hour...
            return Expires("invalid")
        return Expires("rfc3339", moment)
    shouted = text.upper() == text and any(c.isalpha() for c in text)
    if any(marker in text for marker in ("@", "{{", "${", "%", "<", "__")) or (
        shouted and not any(c.isdigit() for c in text)
    ):
        return Expires("placeholder")
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return Expires("invalid")
    if moment.tzinfo is None:  # "-0000": UTC, RFC 5322 says, with no claim where
        moment = moment.replace(tzinfo=dt.UTC)
    return Expires("rfc5322", moment)


def has_contact_route(text: str) -> bool:
    """Whether a policy gives a way to report: an email address, a link, or a "report..."."""
    return _CONTACT_ROUTE.search(text) is not None


def placeholder_contact(text: str) -> tuple[str, int] | None:
    """The first email address or URL on a domain reserved for examples (RFC 2606, RFC 6761)
    and its line: a template nobody filled in, such as ``tcop-lint init``'s
    ``<security@your-organisation.example>``."""
    for address, host in _ADDRESS.findall(text):
        kept = host.rstrip(".-")
        if _reserved(kept.lower()):
            contact = address[: len(address) - len(host)] + kept
            start = text.find(contact)
            return contact, text.count("\n", 0, start) + 1
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
