"""Point 3, be open and use open source: an open licence, declared consistently, published.

Licence texts are identified by :mod:`tcop_lint.facts.licensing` (text, not file names); the
licence files are read once per run and shared by the rules here.
"""

from __future__ import annotations

import json
import posixpath
import re
import time
from collections.abc import Iterator
from typing import Any, NamedTuple

from tcop_lint.facts.licensing import (
    LicenceFile,
    latest_in_family,
    licence_files,
    same_licence,
    spdx_id_for_name,
)
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule

_OPEN_EXAMPLES = "e.g. MIT or OGL-UK-3.0"


def _identified(repo: Repository) -> list[LicenceFile]:
    return [f for f in licence_files(repo) if f.matches]


@rule(
    code="TC0301",
    name="licence-file",
    topic="open-source",
    level="error",
    summary="A licence file at the repository root whose text identifies as an SPDX licence.",
    rationale="""
Point 3 of the Code (be open and use open source) asks teams to publish their code openly so
that others can reuse it. Code without a licence is not open: nobody may lawfully reuse it.
The evidence is a licence file at the root of the repository (LICENSE, LICENCE, COPYING or
UNLICENSE, in any case, with or without .md/.txt/.rst, LICENSE-MIT style variants, or a REUSE
`LICENSES/` folder) whose *text* is a licence on the SPDX list. The text is what counts, not
the file name: it is matched against every SPDX licence, OGL-UK-3.0 included, allowing for a
changed copyright line, Markdown and British spelling.
""",
    remediation="""
Add a `LICENSE` (or `LICENCE`) file at the root holding the full, unmodified text of an open
licence with your copyright line. For most government code that is MIT:

```text
MIT License

Copyright (c) 2024 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy ...
```

Take the full text from https://choosealicense.com/licenses/mit/ (or `reuse download MIT`).
Documentation and content are often published under the Open Government Licence
(OGL-UK-3.0): put its text in a second file, e.g. `LICENSE-OGL`, or under `LICENSES/` with
REUSE. A file holding only a notice ("Licensed under the Apache License, Version 2.0") is
recognised, but the licence's own text should be there too.
""",
)
def licence_file(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    files = licence_files(repo)
    if not files:
        yield Finding(
            "no licence file at the repository root (looked for LICENSE, LICENCE, COPYING "
            f"and UNLICENSE in any case, with or without .md/.txt/.rst, and LICENSES/): "
            f"{_add_licence_fix(repo)}"
        )
        return
    any_identified = any(f.matches for f in files)
    for found in files:
        for match in found.matches:
            yield Evidence(found.path, match.spdx_id)
        if found.matches and all(m.method == "notice" for m in found.matches):
            ids = " and ".join(m.spdx_id for m in found.matches)
            yield Finding(
                f"licence file holds only a notice for {ids}, not the licence text: "
                f"add the full {ids} text",
                path=found.path,
                level="note",
            )
        if found.matches or ((found.custom or found.pointer) and any_identified):
            continue
        yield Finding(
            f"licence file {found.problem}: {_fix_for(found)}",
            path=found.path,
            level=None if not any_identified else "warning",
        )


def _add_licence_fix(repo: Repository) -> str:
    """Name the licence a root manifest already declares, when it declares one."""
    for path in _manifests(repo):
        if "/" in path or _unreadable_manifest(repo, path):
            continue
        for declared in _declarations(repo, path):
            if len(declared.values) != 1:
                continue
            value = declared.values[0].strip()
            ids = _meant(value)
            if len(ids) == 1:
                named = (
                    ids[0]
                    if value.lower() == ids[0].lower()
                    else f'"{value}" ({ids[0]})'
                )
                return (
                    f"{path} declares {named}, so add LICENSE with the full {ids[0]} "
                    f"text (https://spdx.org/licenses/{ids[0]}.html) and your copyright line"
                )
            if ids:
                return (
                    f'{path} declares "{value}", so add LICENSE with the full text of '
                    f"{' or '.join(ids)}, as your licence grants, and your copyright line"
                )
    return f"add LICENSE with the full text of an open licence, {_OPEN_EXAMPLES}"


def _fix_for(found: LicenceFile) -> str:
    if found.custom:
        return f"add the text of an SPDX licence, {_OPEN_EXAMPLES}, beside it"
    if found.problem and found.problem.startswith("was not read"):
        return "replace it with a plain-text file holding the full licence text"
    if found.problem == "is empty":
        return f"put the full text of an open licence in it, {_OPEN_EXAMPLES}"
    return (
        f"use the unmodified full text of an open licence, {_OPEN_EXAMPLES}, changing "
        "only the copyright line"
    )


@rule(
    code="TC0302",
    name="open-licence",
    topic="open-source",
    level="error",
    summary="The identified licence is OSI-approved or on the allow-list of open licences.",
    rationale="""
Point 3 of the Code (be open and use open source) asks for code that others can reuse, which
takes an open licence. A licence is taken as open when the Open Source Initiative has approved
it (the flag on the SPDX licence list) or when it is on this rule's `allow` list, which by
default adds the Open Government Licence v3.0 (OGL-UK-3.0) and Creative Commons Attribution
4.0 (CC-BY-4.0) that government uses for documentation and content. Non-commercial and
no-derivatives licences, and the Commons Clause, are not open.
""",
    remediation="""
Relicense under an OSI-approved licence; MIT is the usual choice for government code:
replace the text of `LICENSE` with the MIT licence and your copyright line.

If the licence is open but not OSI-approved (as OGL is), add its SPDX id to the allow list in
`.tcop-lint.yml`:

```yaml
rules:
  open-licence:
    options:
      allow: [OGL-UK-3.0, CC-BY-4.0, CC0-1.0]
```
""",
    options={
        "allow": Option(
            "strings",
            ["OGL-UK-3.0", "CC-BY-4.0"],
            "SPDX ids accepted as open besides OSI-approved licences",
        )
    },
)
def open_licence(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    from tcop_lint.facts.licensing import canonical_id, is_osi_approved

    identified = _identified(repo)
    if not identified:
        raise NotApplicable(
            "no licence was identified (TC0301 licence-file reports that)"
        )
    allow = options["allow"]
    if isinstance(allow, str):
        allow = [allow]
    allowed = {canonical_id(str(a)).lower() for a in allow}
    for found in identified:
        text = (repo.read_text(found.path) or "").lower()
        for match in found.matches:
            spdx_id = match.spdx_id
            if "commons clause" in text:
                yield Finding(
                    f"the Commons Clause added to {spdx_id} withholds the right to sell, "
                    "so the licence is not open: remove the Commons Clause",
                    path=found.path,
                )
            elif is_osi_approved(spdx_id):
                yield Evidence(found.path, f"{spdx_id} (OSI-approved)")
            elif spdx_id.lower() in allowed:
                yield Evidence(found.path, f"{spdx_id} (on the allow list)")
            else:
                yield Finding(
                    f"{spdx_id} is not an open licence (not OSI-approved and not on the "
                    "allow list): relicense under an OSI-approved licence such as MIT, or "
                    f"if {spdx_id} is open add it to rules.open-licence.options.allow in "
                    ".tcop-lint.yml",
                    path=found.path,
                )


# -- TC0303 manifest-licence --------------------------------------------------------------

# Directories whose manifests are someone else's packages or test data, not this project's.
_NOT_OURS = frozenset(
    {
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "vendors",
        "third_party",
        "third-party",
        "thirdparty",
        "external",
        ".venv",
        "venv",
        "site-packages",
        ".tox",
        ".nox",
        "testdata",
        "fixtures",
        "__fixtures__",
    }
)
_PRIVATE_VALUES = frozenset({"unlicensed", "proprietary"})
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


class _Declared(NamedTuple):
    """A licence a manifest declares: the field as the user knows it, the values, the line."""

    field: str
    values: tuple[str, ...]
    line: int | None
    kind: str  # npm, pep621, pep639, poetry, setup.cfg/.py, cargo, composer, gem, maven, nuget
    file_ref: str | None = None
    """A file (or, for ``license-files``, a glob) the field points at instead of naming."""
    glob: bool = False


@rule(
    code="TC0303",
    name="manifest-licence",
    topic="open-source",
    level="warning",
    summary="Licence fields in package manifests are SPDX expressions that agree with the "
    "licence file.",
    rationale="""
Point 3 of the Code (be open and use open source) asks for code that others can reuse, and
reusers read the licence from package registries, SBOMs and licence scanners, which take it
from the manifest, not from LICENSE. A manifest licence that is not an SPDX expression
("Apache 2.0", "MIT License") cannot be read by those tools, and one that differs from the
licence file makes the terms ambiguous. Read (never executed): package.json `license` and
legacy `licenses`, pyproject.toml `license` (PEP 639 string, PEP 621 table, Poetry) and
`license-files`, setup.cfg `[metadata] license`, a literal `license=` in setup.py's `setup()`
call (parsed as syntax, never run), Cargo.toml `license`, composer.json
`license`, `*.gemspec` `license`/`licenses`, pom.xml `<licenses>` (SPDX ids or SPDX licence
names), and `<PackageLicenseExpression>` in .NET projects. A manifest agrees when its
expression names the licence identified in the nearest licence file (its own directory's,
else a parent's, else the root's). Private packages (`"private": true`, `UNLICENSED`,
`proprietary`) and manifests under node_modules/, vendor/ and test fixtures are not checked.
""",
    remediation="""
Declare the licence as an SPDX expression that matches your licence file:

```json
{ "license": "MIT" }
```

```toml
[project]
license = "MIT"            # PEP 639; needs setuptools >= 77, hatchling >= 1.27
license-files = ["LICEN[CS]E*"]
```

Cargo.toml `license = "MIT OR Apache-2.0"`, composer.json `"license": "MIT"`, gemspec
`spec.license = "MIT"`, .NET `<PackageLicenseExpression>MIT</PackageLicenseExpression>`,
Maven `<licenses><license><name>MIT</name></license></licenses>`. A package released under a
different licence from the repository keeps its own LICENSE file beside its manifest.
""",
)
def manifest_licence(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    declared_any = False
    manifests = _manifests(repo)
    for path in manifests:
        unreadable = _unreadable_manifest(repo, path)
        if unreadable:
            declared_any = True
            yield unreadable
            continue
        for declared in _declarations(repo, path):
            declared_any = True
            yield from _check_declared(repo, path, declared)
    if not declared_any:
        private = [p for p in manifests if _private_with_licence(repo, p)]
        raise NotApplicable(_nothing_checked(private))


def _private_with_licence(repo: Repository, path: str) -> bool:
    if path.rpartition("/")[2].lower() != "package.json":
        return False
    data = _json_object(repo, path)
    return (
        data is not None
        and data.get("private") is True
        and ("license" in data or "licenses" in data)
    )


def _nothing_checked(private: list[str]) -> str:
    """Why no licence was checked: no manifest declares one, or those that do are private."""
    if not private:
        return "no package manifest declares a licence"
    if len(private) == 1:
        return f'{private[0]} is private ("private": true), so its licence field is not checked'
    names = private[:3] + ([f"{len(private) - 3} more"] if len(private) > 3 else [])
    return (
        f'{", ".join(names[:-1])} and {names[-1]} are private ("private": true), so '
        "their licence fields are not checked"
    )


def _manifests(repo: Repository) -> list[str]:
    paths = [
        *repo.by_name(*_MANIFEST_NAMES),
        *repo.by_extension(".gemspec", ".csproj", ".fsproj", ".vbproj"),
    ]
    return sorted(
        p for p in set(paths) if not _NOT_OURS.intersection(p.split("/")[:-1])
    )


_DATA_MANIFESTS = {
    "package.json": "json",
    "composer.json": "json",
    "pyproject.toml": "toml",
    "cargo.toml": "toml",
}


def _unreadable_manifest(repo: Repository, path: str) -> Finding | None:
    """A JSON or TOML manifest that does not parse to a table: its licence cannot be
    checked, so say where it breaks."""
    kind = _DATA_MANIFESTS.get(path.rpartition("/")[2].lower())
    if kind is None or repo.read_bytes(path) is None:
        return None
    parsed = repo.parsed(path, kind)
    if not parsed.ok:
        return Finding(
            f"{parsed.error}: fix the syntax so the licence it declares can be checked",
            path=path,
            start_line=parsed.line or 1,
        )
    if not isinstance(parsed.data, dict):
        return Finding(
            f"the file is not a {kind.upper()} object, so it declares no licence: make "
            "it an object with the package's fields",
            path=path,
            start_line=1,
        )
    return None


def _declarations(repo: Repository, path: str) -> list[_Declared]:
    name = path.rpartition("/")[2].lower()
    reader = _READERS.get(name) or _READERS.get(name.rpartition(".")[2])
    if reader is None:
        return []
    declared = reader(repo, path)
    return [
        d
        for d in declared
        if d.file_ref is not None
        or (
            d.values and not any(v.strip().lower() in _PRIVATE_VALUES for v in d.values)
        )
    ]


def _check_declared(
    repo: Repository, path: str, declared: _Declared
) -> Iterator[Finding | Evidence]:
    directory = path.rpartition("/")[0]
    if declared.glob:
        yield from _check_licence_files_glob(repo, path, declared)
        return
    if declared.file_ref is not None:
        target = posixpath.normpath(posixpath.join(directory, declared.file_ref))
        if repo.find(target):
            yield Evidence(path, f"{declared.field} points at {repo.find(target)}")
        else:
            yield Finding(
                f"{declared.field} points at {declared.file_ref}, which is not in the "
                f"repository: add {target} or point {declared.field} at the licence file",
                path=path,
                start_line=declared.line,
            )
        return
    expected = _nearest_licences(repo, directory)
    expected_ids = [m.spdx_id for f in expected for m in f.matches]
    suggestion = expected_ids[0] if expected_ids else None
    keys: list[str] = []
    for value in declared.values:
        parsed, error = _licence_keys(value, names=declared.kind == "maven")
        if error:
            choices = [suggestion] if suggestion else _meant(value)
            if choices:
                fix = "use " + " or ".join(_snippet(declared.kind, c) for c in choices)
                if len(choices) > 1:
                    fix += ", as your licence grants"
            else:
                fix = 'use an SPDX licence expression such as "MIT"'
            yield Finding(
                f'{declared.field} "{value}" is not an SPDX licence expression: {fix}',
                path=path,
                start_line=declared.line,
            )
            return
        keys.extend(parsed)
    shown = " OR ".join(declared.values)
    if expected_ids and not any(
        same_licence(key, spdx_id) for key in keys for spdx_id in expected_ids
    ):
        where = " and ".join(
            f"{f.path} ({', '.join(m.spdx_id for m in f.matches)})" for f in expected
        )
        fix = f"use {_snippet(declared.kind, suggestion)}"
        if directory and expected[0].path.rpartition("/")[0] != directory:
            fix += f", or put the {shown} licence text in {directory}/LICENSE"
        yield Finding(
            f'{declared.field} "{shown}" does not match the licence file {where}: {fix}',
            path=path,
            start_line=declared.line,
        )
        return
    yield Evidence(path, shown)


def _check_licence_files_glob(
    repo: Repository, path: str, declared: _Declared
) -> Iterator[Finding | Evidence]:
    """A PEP 639 ``license-files`` glob, relative to the pyproject.toml, must match a file."""
    from tcop_lint.globs import gitignore_spec

    directory = path.rpartition("/")[0]
    pattern = declared.file_ref or ""
    spec = gitignore_spec(["/" + pattern.lstrip("/")])
    candidates = repo.under(directory) if directory else repo.files
    offset = len(directory) + 1 if directory else 0
    hits = [p for p in candidates if spec.match_file(p[offset:])]
    if hits:
        yield Evidence(path, f"license-files {pattern}: {', '.join(hits[:3])}")
    else:
        yield Finding(
            f'license-files pattern "{pattern}" matches no file: add the licence file '
            "or correct the pattern",
            path=path,
            start_line=declared.line,
        )


def _nearest_licences(repo: Repository, directory: str) -> list[LicenceFile]:
    """The identified licence files nearest to ``directory``, looking up to the root."""
    while True:
        files = licence_files(repo, directory)
        if files:
            return [f for f in files if f.matches]
        if not directory:
            return []
        directory = directory.rpartition("/")[0]


def _licence_keys(value: str, *, names: bool) -> tuple[list[str], str | None]:
    """The licence ids in an SPDX expression, or an error; ``names`` accepts SPDX names."""
    from license_expression import ExpressionError

    from tcop_lint.facts.licensing import spdx_id_for_name

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


_LICENSING: list = []


def _spdx_licensing():
    if not _LICENSING:
        from license_expression import get_spdx_licensing

        _LICENSING.append(get_spdx_licensing())
    return _LICENSING[0]


def _meant(value: str) -> list[str]:
    """The SPDX ids a manifest's licence value means: its own (canonical) id, the licence
    it names ("MIT License"), else the latest of the family it names ("AGPL")."""
    named = spdx_id_for_name(value)
    return [named] if named else latest_in_family(value)


def _snippet(kind: str, spdx_id: str | None) -> str:
    spdx_id = spdx_id or "MIT"
    return {
        "npm": f'"license": "{spdx_id}"',
        "composer": f'"license": "{spdx_id}"',
        "pep621": f'license = "{spdx_id}" (PEP 639)',
        "pep639": f'license = "{spdx_id}"',
        "poetry": f'license = "{spdx_id}"',
        "cargo": f'license = "{spdx_id}"',
        "setup.cfg": f"license = {spdx_id}",
        "setup.py": f'license="{spdx_id}"',
        "gem": f'spec.license = "{spdx_id}"',
        "maven": f"<name>{spdx_id}</name>",
        "nuget": f"<PackageLicenseExpression>{spdx_id}</PackageLicenseExpression>",
    }[kind]


# Readers: each reads one manifest kind as data or text (never executing it) and returns
# what it declares; a manifest that does not parse declares nothing here (the rules that
# read it for dependencies report it).


def _json_object(repo: Repository, path: str) -> dict | None:
    parsed = repo.parsed(path, "json")
    return parsed.data if parsed.ok and isinstance(parsed.data, dict) else None


def _read_package_json(repo: Repository, path: str) -> list[_Declared]:
    data = _json_object(repo, path)
    if data is None or data.get("private") is True:
        return []
    found: list[_Declared] = []
    licence = data.get("license")
    line = repo.line_of(path, r'"license"\s*:')
    if isinstance(licence, dict):  # legacy {"type": "MIT", "url": ...}
        licence = licence.get("type")
    if isinstance(licence, str):
        see = re.fullmatch(r"\s*SEE LICEN[CS]E IN\s+(\S.*?)\s*", licence, re.IGNORECASE)
        if see:
            found.append(_Declared("license", (), line, "npm", file_ref=see.group(1)))
        else:
            found.append(_Declared("license", (licence,), line, "npm"))
    legacy = data.get("licenses")
    if isinstance(legacy, list) and legacy:
        values = tuple(
            str(item.get("type") if isinstance(item, dict) else item)
            for item in legacy
            if isinstance(item, (str, dict))
        )
        if values:
            found.append(
                _Declared(
                    "licenses", values, repo.line_of(path, r'"licenses"\s*:'), "npm"
                )
            )
    return found


def _read_composer_json(repo: Repository, path: str) -> list[_Declared]:
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
    return [_Declared("license", values, line, "composer")] if values else []


def _toml_table(data: dict, *keys: str) -> dict:
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def _read_pyproject(repo: Repository, path: str) -> list[_Declared]:
    parsed = repo.parsed(path, "toml")
    if not parsed.ok or not isinstance(parsed.data, dict):
        return []
    text = repo.read_text(path) or ""
    project = _toml_table(parsed.data, "project")
    found: list[_Declared] = []
    licence = project.get("license")
    line = _key_line(text, "project", "license")
    if isinstance(licence, str):
        found.append(_Declared("license", (licence,), line, "pep639"))
    elif isinstance(licence, dict):
        if isinstance(licence.get("file"), str):
            found.append(
                _Declared("license.file", (), line, "pep621", file_ref=licence["file"])
            )
        elif isinstance(licence.get("text"), str):
            found.append(
                _Declared("license.text", (licence["text"].strip(),), line, "pep621")
            )
    poetry = _toml_table(parsed.data, "tool", "poetry").get("license")
    if isinstance(poetry, str):
        found.append(
            _Declared(
                "license",
                (poetry,),
                _key_line(text, "tool.poetry", "license"),
                "poetry",
            )
        )
    patterns = project.get("license-files")
    if isinstance(patterns, list):
        found.extend(
            _Declared(
                "license-files",
                (),
                _key_line(text, "project", "license-files"),
                "pep639",
                file_ref=pattern,
                glob=True,
            )
            for pattern in patterns
            if isinstance(pattern, str)
        )
    return found


def _read_cargo(repo: Repository, path: str) -> list[_Declared]:
    parsed = repo.parsed(path, "toml")
    if not parsed.ok or not isinstance(parsed.data, dict):
        return []
    text = repo.read_text(path) or ""
    found = []
    for table in ("package", "workspace.package"):
        licence = _toml_table(parsed.data, *table.split(".")).get("license")
        if isinstance(licence, str):  # `license.workspace = true` inherits: not here
            found.append(
                _Declared(
                    "license", (licence,), _key_line(text, table, "license"), "cargo"
                )
            )
    return found


def _read_setup_cfg(repo: Repository, path: str) -> list[_Declared]:
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
    line = _key_line(text, "metadata", "license")
    licence = licence.strip()
    if licence.startswith("file:"):
        return [
            _Declared(
                "license", (), line, "setup.cfg", file_ref=licence[5:].strip() or "."
            )
        ]
    return [_Declared("license", (licence,), line, "setup.cfg")]


# A setup.py is a few kilobytes; parsing a crafted megabyte took 1.3 s and 300 MB.
_MAX_SETUP_PY_CHARS = 200_000


def _read_setup_py(repo: Repository, path: str) -> list[_Declared]:
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
                return [
                    _Declared(
                        "license", (value.value.strip(),), value.lineno, "setup.py"
                    )
                ]
    return []


_GEM_LICENCE = lazy_re(
    r"""\.(?P<field>licen[cs]es?)\s*=\s*(?P<value>%[wW]\s*[\[(][^\])]*[\])]"""
    r"""|\[[^\]]*\]|"[^"\n]*"|'[^'\n]*')"""
)
_QUOTED = lazy_re(r""""([^"\n]*)"|'([^'\n]*)'""")


def _read_gemspec(repo: Repository, path: str) -> list[_Declared]:
    text = repo.read_text(path)
    if text is None:
        return []
    found = []
    for match in _GEM_LICENCE.finditer(text):
        raw = match.group("value")
        if raw.startswith("%"):
            values = tuple(raw[3:-1].split())
        else:
            values = tuple(a or b for a, b in _QUOTED.findall(raw))
        if values:
            found.append(
                _Declared(
                    f"spec.{match.group('field')}",
                    values,
                    _line_at(text, match.start()),
                    "gem",
                )
            )
    return found


def _without_xml_comments(text: str) -> str:
    """Comments blanked out, keeping every offset (and so every line number).

    A plain scan rather than a regular expression, so that a hostile file of unclosed
    comments costs linear time.
    """
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _read_pom(repo: Repository, path: str) -> list[_Declared]:
    import html

    text = repo.read_text(path)
    if text is None:
        return []
    text = _without_xml_comments(text)
    start = text.find("<licenses>")
    end = text.find("</licenses>", start)
    if start < 0 or end < 0:
        return []
    found = []
    for name in re.finditer(r"<name>([^<]*)</name>", text[start:end]):
        value = " ".join(html.unescape(name.group(1)).split())
        if value:
            found.append(
                _Declared(
                    "<license><name>",
                    (value,),
                    _line_at(text, start + name.start()),
                    "maven",
                )
            )
    return found


def _read_msbuild(repo: Repository, path: str) -> list[_Declared]:
    import html

    text = repo.read_text(path)
    if text is None:
        return []
    text = _without_xml_comments(text)
    return [
        _Declared(
            "PackageLicenseExpression",
            (" ".join(html.unescape(m.group(1)).split()),),
            _line_at(text, m.start()),
            "nuget",
        )
        for m in re.finditer(
            r"<PackageLicenseExpression>([^<]*)</PackageLicenseExpression>", text
        )
        if m.group(1).strip()
    ]


_READERS = {
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


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_TABLE_HEADER = lazy_re(r"\s*\[{1,2}([^\[\]\n]*)\]{1,2}")


def _key_line(text: str, table: str, key: str) -> int | None:
    """The line of ``key`` (``key =``, ``key:`` or dotted ``key.x =``) in an INI/TOML table."""
    wanted = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*[=:.]")
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE_HEADER.match(line)
        rest = line[header.end() :].strip() if header else ""
        if header and (not rest or rest[0] in "#;"):
            current = "".join(c for c in header.group(1) if c not in "\"' \t")
        elif current == table and wanted.match(line):
            return number
    return None


# -- TC0304 source-published --------------------------------------------------------------

PUBLIC_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "dev.azure.com",
)
_HOST_ALIASES = {
    "ssh.github.com": "github.com",
    "www.github.com": "github.com",
    "altssh.gitlab.com": "gitlab.com",
    "altssh.bitbucket.org": "bitbucket.org",
    "ssh.dev.azure.com": "dev.azure.com",
    "vs-ssh.visualstudio.com": "dev.azure.com",
}
_SCP_LIKE = lazy_re(r"(?:(?P<user>[^@/:]+)@)?(?P<host>[^@/:]+):(?P<path>(?!/).*)")
_DEFAULT_API = "https://api.github.com"
_API_ANSWER_BYTES = 1_048_576


class _Remote(NamedTuple):
    name: str
    url: str  # credentials, query and fragment stripped: safe to print
    host: str  # lower-case, aliases resolved
    path: str  # "org/repo" with no .git

    @property
    def owner_repo(self) -> tuple[str, str] | None:
        parts = [p for p in self.path.split("/") if p]
        return (parts[-2], parts[-1]) if len(parts) >= 2 else None


def safe_url(url: str) -> str:
    """``url`` with any user name, password or token, query and fragment removed."""
    from urllib.parse import urlsplit, urlunsplit

    if "://" in url:
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return "<unparseable URL>"
        return urlunsplit((parts.scheme, host + port, parts.path, "", ""))
    scp = _SCP_LIKE.fullmatch(url)
    if scp:
        user = "git@" if scp.group("user") == "git" else ""
        return f"{user}{scp.group('host')}:{scp.group('path').split('?')[0]}"
    return url.split("?")[0]  # a local path


def _parse_remote(name: str, url: str) -> _Remote | None:
    from urllib.parse import urlsplit

    if "://" in url:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            return None
        path = parts.path
    else:
        scp = _SCP_LIKE.fullmatch(url)
        if scp is None:
            return None  # a local path: not a host at all
        host, path = scp.group("host").lower(), scp.group("path")
    host = _HOST_ALIASES.get(host, host)
    if host.endswith(".visualstudio.com"):
        host = "dev.azure.com"
    path = path.strip("/").removesuffix(".git").removeprefix("v3/")
    return _Remote(name, safe_url(url), host, path) if host else None


def _github_server() -> str:
    """The GitHub host of this run: github.com, or the GitHub Enterprise Server in use."""
    import os
    from urllib.parse import urlsplit

    server = os.environ.get("GITHUB_SERVER_URL", "")
    try:
        host = (urlsplit(server).hostname or "").lower() if server else ""
    except ValueError:
        host = ""
    return host or "github.com"


@rule(
    code="TC0304",
    name="source-published",
    topic="open-source",
    level="warning",
    summary="The source is published on a public code host (confirmed through the host's "
    "API with --online).",
    rationale="""
Point 3 of the Code (be open and use open source) asks teams to make all new source code open
and reusable and to publish it, unless there is a good reason not to. The evidence in a clone
is a git remote on a public code host (GitHub, GitLab.com, Bitbucket, Codeberg, Azure DevOps,
or the GitHub Enterprise Server named by `GITHUB_SERVER_URL`). A remote only shows where the
code lives, not that it is public: with `--online` the GitHub REST API is asked whether the
repository is public (`GITHUB_API_URL` honoured; `GITHUB_TOKEN` sent when set, never shown).
Code kept closed for a reason (security, an unannounced policy) should say so with an
attestation.
""",
    remediation="""
Publish the repository on a public code host and add it as a remote:

```sh
git remote add origin https://github.com/ORGANISATION/REPOSITORY.git
git push -u origin main
```

If the repository is private on GitHub, make it public in Settings > General > Danger Zone >
Change repository visibility, once it has been checked for secrets. If it must stay closed,
record why as an attestation for `open-source` in `.tcop-lint.yml`.
""",
    options={
        "timeout-seconds": Option(
            "number", 5, "how long to wait for the code host's API, with --online"
        )
    },
    attestable=True,
)
def source_published(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    if not repo.is_git:
        raise NotApplicable(
            "not a git repository, so there is no remote to show where the code is "
            "published"
        )
    remotes = [
        r
        for name, url in sorted(
            repo.git.remotes.items(), key=lambda item: (item[0] != "origin", item[0])
        )
        if (r := _parse_remote(name, url)) is not None
    ]
    github = _github_server()
    public = [r for r in remotes if r.host in PUBLIC_HOSTS or r.host == github]
    if not public:
        if remotes:
            shown = ", ".join(f"{r.name} ({r.url})" for r in remotes)
            yield Finding(
                f"no git remote is on a public code host (remotes: {shown}): publish "
                "the repository on a public host such as GitHub and add it as a remote",
                key="not-public-host",
            )
        else:
            yield Finding(
                "no git remote on a public code host: publish the repository (e.g. on "
                "GitHub) and add it with git remote add origin "
                "https://github.com/ORGANISATION/REPOSITORY.git"
            )
        return
    for remote in public:
        if options.online and remote.host in ("github.com", github):
            yield from _confirm_on_github(remote, github, options)
        else:
            yield Evidence(remote.url, f"{remote.name} remote on {remote.host}")


def _confirm_on_github(
    remote: _Remote, github: str, options: Options
) -> Iterator[Finding | Evidence]:
    """Ask the GitHub REST API whether the remote's repository is public."""
    import datetime as dt
    import os

    from tcop_lint import online

    owner_repo = remote.owner_repo
    if owner_repo is None:
        yield Evidence(remote.url, f"{remote.name} remote on {remote.host}")
        return
    owner, name = owner_repo
    # The run's own API (GITHUB_API_URL) and token belong to the run's server only.
    ours = remote.host == github
    default = (
        _DEFAULT_API if remote.host == "github.com" else f"https://{remote.host}/api/v3"
    )
    base = (os.environ.get("GITHUB_API_URL") or default) if ours else default
    headers = {
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "tcop-lint",
    }
    token = os.environ.get("GITHUB_TOKEN") if ours else None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = f"{base.rstrip('/')}/repos/{owner}/{name}"
    where = f"{owner}/{name}"
    unconfirmed = f"could not confirm with the GitHub API that {where} is public"
    timeout = float(options["timeout-seconds"])
    try:
        response = online.get(
            url,
            headers=headers,
            deadline=time.monotonic() + timeout,
            max_bytes=_API_ANSWER_BYTES,
        )
    except online.FetchError as exc:
        yield Evidence(remote.url, f"{remote.name} remote on {remote.host}")
        if exc.timed_out:
            yield _note(
                f"{unconfirmed} (no answer within {timeout:g} s): run again later"
            )
        else:
            yield _note(
                f"{unconfirmed} ({exc}): check the network or GITHUB_API_URL, or run "
                "without --online"
            )
        return
    status = response.status
    if status == 200:
        try:
            data = json.loads(response.body)
        except ValueError:
            data = None
        private = data.get("private") if isinstance(data, dict) else None
        if private is False:
            yield Evidence(remote.url, "public on GitHub (confirmed by API)")
        elif private is True:
            yield Finding(
                f"{where} is a private repository on GitHub: make it public (Settings > "
                "General > Danger Zone > Change repository visibility) once it has been "
                "checked for secrets",
                key=f"private:{where}",
            )
        else:
            yield Evidence(remote.url, f"{remote.name} remote on {remote.host}")
            yield _note(f"{unconfirmed} (the API answered with invalid JSON)")
        return
    if status == 404:
        yield Finding(
            f"{where} was not found on GitHub, so it is private or does not exist (the "
            "API shows private repositories only to a token that can read them): make "
            "it public and check the remote URL",
            key=f"private:{where}",
        )
        return
    yield Evidence(remote.url, f"{remote.name} remote on {remote.host}")
    if status in (403, 429) and response.headers.get("X-RateLimit-Remaining") == "0":
        reset = response.headers.get("X-RateLimit-Reset", "")
        when = "the reset time"
        if reset.isdigit():
            when = dt.datetime.fromtimestamp(int(reset), tz=dt.UTC).strftime(
                "%Y-%m-%d %H:%M UTC"
            )
        yield _note(
            f"{unconfirmed}: rate-limited by the API until {when}; set GITHUB_TOKEN "
            "for a higher limit or run again then",
            key="rate-limited",
        )
    elif status in (401, 403):
        yield _note(
            f"{unconfirmed} (HTTP {status}: the token was refused or lacks access): "
            "check GITHUB_TOKEN, or run without it for public repositories"
        )
    else:
        yield _note(f"{unconfirmed} (HTTP {status}): run again later")


def _note(message: str, key: str | None = None) -> Finding:
    return Finding(message, level="note", key=key or message)
