"""The licences package manifests declare: which field, which values, on which line.

Read, never executed: package.json ``license`` and legacy ``licenses``, pyproject.toml
``license`` (PEP 639 string, PEP 621 table, Poetry) and ``license-files``, setup.cfg
``[metadata] license``, a literal ``license=`` in setup.py's ``setup()`` call (parsed as
syntax), Cargo.toml ``license``, composer.json ``license``, ``*.gemspec``
``license``/``licenses``, pom.xml ``<licenses>`` names and ``<PackageLicenseExpression>`` in
.NET projects. Every reader is linear in the size of the manifest: plain string scans and
expressions that cannot backtrack far, so a hostile manifest costs no more than reading it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from tcop_lint.facts.dependencies import TextLines, without_xml_comments
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re

if TYPE_CHECKING:
    from tcop_lint.repository import Repository

# Folders of other people's packages or test data, besides the shared vendored set.
_NOT_THE_PROJECTS = frozenset(
    {"vendors", "thirdparty", "external", "testdata", "fixtures", "__fixtures__"}
)
PRIVATE_VALUES = frozenset({"unlicensed", "proprietary"})
_MANIFEST_NAMES = (
    "package.json",
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "Cargo.toml",
    "composer.json",
    "pom.xml",
    "Directory.Build.props",
)
_DATA_MANIFESTS = {
    "package.json": "json",
    "composer.json": "json",
    "pyproject.toml": "toml",
    "cargo.toml": "toml",
}


class DeclaredLicence(NamedTuple):
    """A licence a manifest declares: the field as the user knows it, the values, the line.

    ``kind`` is the manifest's dialect (npm, pep621, pep639, poetry, setup.cfg, setup.py,
    cargo, composer, gem, maven, nuget). ``file_ref`` is a file (or, with ``glob``, a
    ``license-files`` pattern) the field points at instead of naming a licence.
    """

    field: str
    values: tuple[str, ...]
    line: int | None
    kind: str
    file_ref: str | None = None
    glob: bool = False


class UnreadableManifest(NamedTuple):
    """A JSON or TOML manifest whose licence cannot be read: ``error`` is the parser's
    message (``None`` when it parsed but is not an object), ``line`` where it broke."""

    path: str
    format: str
    error: str | None
    line: int


def excerpt(value: str, limit: int = 80) -> str:
    """``value`` on one line and at most ``limit`` characters, for a message."""
    head = value[: limit * 4]
    flat = " ".join(head.split())
    if len(flat) > limit or len(head) < len(value):
        return flat[: limit - 1] + "…"
    return flat


def licence_manifests(repo: Repository) -> list[str]:
    """The project's own manifests that may declare a licence, in path order."""
    paths = {
        *repo.by_name(*_MANIFEST_NAMES),
        *repo.by_extension(".gemspec", ".csproj", ".fsproj", ".vbproj"),
    }
    return sorted(
        p
        for p in paths
        if not is_vendored(p) and not _NOT_THE_PROJECTS.intersection(p.split("/")[:-1])
    )


def unreadable_manifest(repo: Repository, path: str) -> UnreadableManifest | None:
    """A JSON or TOML manifest that does not parse to a table, or ``None``."""
    kind = _DATA_MANIFESTS.get(path.rpartition("/")[2].lower())
    if kind is None or repo.read_bytes(path) is None:
        return None
    parsed = repo.parsed(path, kind)
    if not parsed.ok:
        return UnreadableManifest(path, kind, parsed.error or "", parsed.line or 1)
    if not isinstance(parsed.data, dict):
        return UnreadableManifest(path, kind, None, 1)
    return None


def declarations(repo: Repository, path: str) -> list[DeclaredLicence]:
    """What ``path`` declares, leaving out private values (``UNLICENSED``,
    ``proprietary``); a manifest that does not parse declares nothing here."""
    name = path.rpartition("/")[2].lower()
    reader = _READERS.get(name) or _READERS.get(name.rpartition(".")[2])
    if reader is None:
        return []
    return [
        d
        for d in reader(repo, path)
        if d.file_ref is not None
        or (d.values and not any(v.strip().lower() in PRIVATE_VALUES for v in d.values))
    ]


def private_with_licence(repo: Repository, path: str) -> bool:
    """Whether ``path`` is a private package.json (``"private": true``) with a licence
    field, which is therefore not checked."""
    if path.rpartition("/")[2].lower() != "package.json":
        return False
    data = _json_object(repo, path)
    return (
        data is not None
        and data.get("private") is True
        and ("license" in data or "licenses" in data)
    )


# -- readers: each reads one manifest kind as data or text, never executing it -----------------


def _json_object(repo: Repository, path: str) -> dict | None:
    parsed = repo.parsed(path, "json")
    return parsed.data if parsed.ok and isinstance(parsed.data, dict) else None


def see_licence_in(value: str) -> str | None:
    """The file an npm ``SEE LICENSE IN <file>`` value names, or ``None``. A string scan:
    a value of a few hundred kilobytes of spaces costs one pass."""
    stripped = value.strip()
    if stripped[:14].upper() not in ("SEE LICENSE IN", "SEE LICENCE IN"):
        return None
    if not stripped[14:15].isspace():
        return None
    target = stripped[14:].strip()
    return target or None


def _read_package_json(repo: Repository, path: str) -> list[DeclaredLicence]:
    data = _json_object(repo, path)
    if data is None or data.get("private") is True:
        return []
    found: list[DeclaredLicence] = []
    licence = data.get("license")
    line = repo.line_of(path, r'"license"\s*:')
    if isinstance(licence, dict):  # legacy {"type": "MIT", "url": ...}
        licence = licence.get("type")
    if isinstance(licence, str):
        target = see_licence_in(licence)
        if target is not None:
            found.append(DeclaredLicence("license", (), line, "npm", file_ref=target))
        else:
            found.append(DeclaredLicence("license", (licence,), line, "npm"))
    legacy = data.get("licenses")
    if isinstance(legacy, list) and legacy:
        values = tuple(
            str(item.get("type") if isinstance(item, dict) else item)
            for item in legacy
            if isinstance(item, (str, dict))
        )
        if values:
            line = repo.line_of(path, r'"licenses"\s*:')
            found.append(DeclaredLicence("licenses", values, line, "npm"))
    return found


def _read_composer_json(repo: Repository, path: str) -> list[DeclaredLicence]:
    data = _json_object(repo, path)
    if data is None:
        return []
    licence = data.get("license")
    if isinstance(licence, str):
        values: tuple[str, ...] = (licence,)
    elif isinstance(licence, list):
        values = tuple(str(v) for v in licence if isinstance(v, str))
    else:
        return []
    line = repo.line_of(path, r'"license"\s*:')
    return [DeclaredLicence("license", values, line, "composer")] if values else []


def _toml_table(data: dict, *keys: str) -> dict:
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def _read_pyproject(repo: Repository, path: str) -> list[DeclaredLicence]:
    parsed = repo.parsed(path, "toml")
    if not parsed.ok or not isinstance(parsed.data, dict):
        return []
    text = repo.read_text(path) or ""
    project = _toml_table(parsed.data, "project")
    found: list[DeclaredLicence] = []
    licence = project.get("license")
    line = key_line(text, "project", "license")
    if isinstance(licence, str):
        found.append(DeclaredLicence("license", (licence,), line, "pep639"))
    elif isinstance(licence, dict):
        if isinstance(licence.get("file"), str):
            found.append(
                DeclaredLicence(
                    "license.file", (), line, "pep621", file_ref=licence["file"]
                )
            )
        elif isinstance(licence.get("text"), str):
            text_value = licence["text"].strip()
            found.append(DeclaredLicence("license.text", (text_value,), line, "pep621"))
    poetry = _toml_table(parsed.data, "tool", "poetry").get("license")
    if isinstance(poetry, str):
        line = key_line(text, "tool.poetry", "license")
        found.append(DeclaredLicence("license", (poetry,), line, "poetry"))
    patterns = project.get("license-files")
    if isinstance(patterns, list):
        line = key_line(text, "project", "license-files")
        found.extend(
            DeclaredLicence(
                "license-files", (), line, "pep639", file_ref=pattern, glob=True
            )
            for pattern in patterns
            if isinstance(pattern, str)
        )
    return found


def _read_cargo(repo: Repository, path: str) -> list[DeclaredLicence]:
    parsed = repo.parsed(path, "toml")
    if not parsed.ok or not isinstance(parsed.data, dict):
        return []
    text = repo.read_text(path) or ""
    found = []
    for table in ("package", "workspace.package"):
        licence = _toml_table(parsed.data, *table.split(".")).get("license")
        if isinstance(licence, str):  # `license.workspace = true` inherits: not here
            line = key_line(text, table, "license")
            found.append(DeclaredLicence("license", (licence,), line, "cargo"))
    return found


def _read_setup_cfg(repo: Repository, path: str) -> list[DeclaredLicence]:
    import configparser

    text = repo.read_text(path)
    if text is None:
        return []
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=path)
        licence = parser.get("metadata", "license", fallback=None)
    except configparser.Error:
        return []
    if not licence or not licence.strip():
        return []
    line = key_line(text, "metadata", "license")
    licence = licence.strip()
    if licence.startswith("file:"):
        target = licence[5:].strip() or "."
        return [DeclaredLicence("license", (), line, "setup.cfg", file_ref=target)]
    return [DeclaredLicence("license", (licence,), line, "setup.cfg")]


# A setup.py is a few kilobytes; parsing a crafted megabyte took 1.3 s and 300 MB.
_MAX_SETUP_PY_CHARS = 200_000


def _read_setup_py(repo: Repository, path: str) -> list[DeclaredLicence]:
    """A string literal given as ``license=`` to a ``setup()`` call, found by parsing the
    file with :mod:`ast` (never running it); a computed value declares nothing here."""
    import ast

    text = repo.read_text(path)
    if text is None or "license" not in text or len(text) > _MAX_SETUP_PY_CHARS:
        return []
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name != "setup":
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg == "license"
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and value.value.strip()
            ):
                literal = value.value.strip()
                return [
                    DeclaredLicence("license", (literal,), value.lineno, "setup.py")
                ]
    return []


# A list's body stops at "=" too, so that an unclosed list costs a scan to the next
# assignment, not to the end of the file, for each of many.
_GEM_LICENCE = lazy_re(
    r"""\.(?P<field>licen[cs]es?)[ \t]*=[ \t]*(?P<value>%[wW][ \t]*[\[(][^\])=]*[\])]"""
    r"""|\[[^\]=]*\]|"[^"\n]*"|'[^'\n]*')"""
)
_QUOTED = lazy_re(r""""([^"\n]*)"|'([^'\n]*)'""")


def _read_gemspec(repo: Repository, path: str) -> list[DeclaredLicence]:
    text = repo.read_text(path)
    if text is None:
        return []
    lines = TextLines(text)
    found = []
    for match in _GEM_LICENCE.finditer(text):
        raw = match.group("value")
        if raw.startswith("%"):
            values = tuple(raw[3:-1].split())
        else:
            values = tuple(a or b for a, b in _QUOTED.findall(raw))
        if values:
            field = f"spec.{match.group('field')}"
            line = lines.line_at(match.start())
            found.append(DeclaredLicence(field, values, line, "gem"))
    return found


_POM_NAME = lazy_re(r"<name>([^<]*)</name>")
_MSBUILD_LICENCE = lazy_re(
    r"<PackageLicenseExpression>([^<]*)</PackageLicenseExpression>"
)


def _read_pom(repo: Repository, path: str) -> list[DeclaredLicence]:
    import html

    text = repo.read_text(path)
    if text is None:
        return []
    text = without_xml_comments(text)
    start = text.find("<licenses>")
    end = text.find("</licenses>", start)
    if start < 0 or end < 0:
        return []
    lines = TextLines(text)
    found = []
    for name in _POM_NAME.finditer(text, start, end):
        value = " ".join(html.unescape(name.group(1)).split())
        if value:
            line = lines.line_at(name.start())
            found.append(DeclaredLicence("<license><name>", (value,), line, "maven"))
    return found


def _read_msbuild(repo: Repository, path: str) -> list[DeclaredLicence]:
    import html

    text = repo.read_text(path)
    if text is None:
        return []
    text = without_xml_comments(text)
    lines = TextLines(text)
    return [
        DeclaredLicence(
            "PackageLicenseExpression",
            (" ".join(html.unescape(m.group(1)).split()),),
            lines.line_at(m.start()),
            "nuget",
        )
        for m in _MSBUILD_LICENCE.finditer(text)
        if m.group(1).strip()
    ]


_READERS: dict[str, Callable[[Repository, str], list[DeclaredLicence]]] = {
    "package.json": _read_package_json,
    "composer.json": _read_composer_json,
    "pyproject.toml": _read_pyproject,
    "cargo.toml": _read_cargo,
    "setup.cfg": _read_setup_cfg,
    "setup.py": _read_setup_py,
    "pom.xml": _read_pom,
    "directory.build.props": _read_msbuild,
    "gemspec": _read_gemspec,
    "csproj": _read_msbuild,
    "fsproj": _read_msbuild,
    "vbproj": _read_msbuild,
}


_TABLE_HEADER = lazy_re(r"[ \t]*\[{1,2}([^\[\]\n]*)\]{1,2}")
_INI_KEY = lazy_re(r"[ \t]*[\"']?([^\"'=:.\s]+)[\"']?[ \t]*[=:.]")


def key_line(text: str, table: str, key: str) -> int | None:
    """The line of ``key`` (``key =``, ``key:`` or dotted ``key.x =``) in an INI/TOML
    table; one pass over the lines."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE_HEADER.match(line)
        rest = line[header.end() :].strip() if header else ""
        if header and (not rest or rest[0] in "#;"):
            current = "".join(c for c in header.group(1) if c not in "\"' \t")
        elif current == table:
            found = _INI_KEY.match(line)
            if found and found.group(1) == key:
                return number
    return None
