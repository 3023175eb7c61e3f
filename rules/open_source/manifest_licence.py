"""TC0303 manifest-licence: licence fields in package manifests are SPDX expressions that
agree with the licence file."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from tcop_lint.facts.licensing import (
    LicenceFile,
    licence_keys,
    meant_ids,
    nearest_licence_files,
    same_licence,
)
from tcop_lint.facts.manifest_licences import (
    DeclaredLicence,
    UnreadableManifest,
    declarations,
    excerpt,
    licence_manifests,
    private_with_licence,
    unreadable_manifest,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule


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
else a parent's, else the root's); when no licence file was identified there is nothing to
agree with, and a note says so. Private packages (`"private": true`, `UNLICENSED`,
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
    manifests = licence_manifests(repo)
    for path in manifests:
        unreadable = unreadable_manifest(repo, path)
        if unreadable:
            declared_any = True
            yield _unreadable(unreadable)
            continue
        for declared in declarations(repo, path):
            declared_any = True
            yield from _check_declared(repo, path, declared)
    if not declared_any:
        private = [p for p in manifests if private_with_licence(repo, p)]
        raise NotApplicable(_nothing_checked(private))


def _unreadable(problem: UnreadableManifest) -> Finding:
    if problem.error is None:
        return Finding(
            f"the file is not a {problem.format.upper()} object, so it declares no "
            "licence: make it an object with the package's fields",
            path=problem.path,
            start_line=problem.line,
            id="not-an-object",
        )
    return Finding(
        f"{problem.error}: fix the syntax so the licence it declares can be checked",
        path=problem.path,
        start_line=problem.line,
        id="unreadable-manifest",
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


def _key(declared: DeclaredLicence) -> str:
    """Tells apart two licence fields of one manifest (PEP 639 and Poetry ``license``)."""
    return f"{declared.kind}:{declared.field}"


def _check_declared(
    repo: Repository, path: str, declared: DeclaredLicence
) -> Iterator[Finding | Evidence]:
    if declared.glob:
        yield _check_licence_files_glob(repo, path, declared)
    elif declared.file_ref is not None:
        yield _check_file_ref(repo, path, declared)
    else:
        yield from _check_expression(repo, path, declared)


def _check_file_ref(
    repo: Repository, path: str, declared: DeclaredLicence
) -> Finding | Evidence:
    directory = path.rpartition("/")[0]
    file_ref = declared.file_ref or ""
    target = posixpath.normpath(posixpath.join(directory, file_ref))
    found = repo.find(target)
    if found:
        return Evidence(path, f"{declared.field} points at {found}")
    return Finding(
        f"{declared.field} points at {excerpt(file_ref)}, which is not in the "
        f"repository: add {excerpt(target)} or point {declared.field} at the licence file",
        path=path,
        start_line=declared.line,
        id="missing-licence-file-reference",
        key=_key(declared),
    )


def _check_licence_files_glob(
    repo: Repository, path: str, declared: DeclaredLicence
) -> Finding | Evidence:
    """A PEP 639 ``license-files`` glob, relative to the pyproject.toml, must match a file."""
    from tcop_lint.globs import gitignore_spec

    directory = path.rpartition("/")[0]
    pattern = declared.file_ref or ""
    spec = gitignore_spec(["/" + pattern.lstrip("/")])
    candidates = repo.under(directory) if directory else repo.files
    offset = len(directory) + 1 if directory else 0
    hits = [p for p in candidates if spec.match_file(p[offset:])]
    if hits:
        return Evidence(path, f"license-files {pattern}: {', '.join(hits[:3])}")
    return Finding(
        f'license-files pattern "{excerpt(pattern)}" matches no file: add the licence '
        "file or correct the pattern",
        path=path,
        start_line=declared.line,
        id="unmatched-licence-files",
        key=pattern,
    )


def _check_expression(
    repo: Repository, path: str, declared: DeclaredLicence
) -> Iterator[Finding | Evidence]:
    directory = path.rpartition("/")[0]
    nearest = nearest_licence_files(repo, directory)
    expected = [f for f in nearest if f.matches]
    expected_ids = [m.spdx_id for f in expected for m in f.matches]
    suggestion = expected_ids[0] if expected_ids else None
    keys: list[str] = []
    for value in declared.values:
        parsed, error = licence_keys(value, names=declared.kind == "maven")
        if error:
            yield _not_spdx(declared, path, value, suggestion)
            return
        keys.extend(parsed)
    shown = " OR ".join(declared.values)
    if not expected_ids:
        detail = f"{excerpt(shown)} (not compared: no licence file identified)"
        yield Evidence(path, detail)
        yield _not_compared(declared, path, keys, nearest)
        return
    if not any(same_licence(key, spdx_id) for key in keys for spdx_id in expected_ids):
        yield _mismatch(declared, path, shown, expected)
        return
    yield Evidence(path, excerpt(shown))


def _not_spdx(
    declared: DeclaredLicence, path: str, value: str, suggestion: str | None
) -> Finding:
    choices = [suggestion] if suggestion else meant_ids(value)
    if choices:
        fix = "use " + " or ".join(_snippet(declared.kind, c) for c in choices)
        if len(choices) > 1:
            fix += ", as your licence grants"
    else:
        fix = 'use an SPDX licence expression such as "MIT"'
    return Finding(
        f'{declared.field} "{excerpt(value)}" is not an SPDX licence expression: {fix}',
        path=path,
        start_line=declared.line,
        id="not-spdx",
        key=_key(declared),
    )


def _mismatch(
    declared: DeclaredLicence, path: str, shown: str, expected: list[LicenceFile]
) -> Finding:
    directory = path.rpartition("/")[0]
    suggestion = expected[0].matches[0].spdx_id
    where = " and ".join(
        f"{f.path} ({', '.join(m.spdx_id for m in f.matches)})" for f in expected
    )
    fix = f"use {_snippet(declared.kind, suggestion)}"
    if directory and expected[0].path.rpartition("/")[0] != directory:
        fix += f", or put the {excerpt(shown)} licence text in {directory}/LICENSE"
    return Finding(
        f'{declared.field} "{excerpt(shown)}" does not match the licence file {where}: '
        f"{fix}",
        path=path,
        start_line=declared.line,
        id="licence-mismatch",
        key=_key(declared),
    )


def _not_compared(
    declared: DeclaredLicence,
    path: str,
    keys: list[str],
    nearest: list[LicenceFile],
) -> Finding:
    """A valid expression with no identified licence file to agree with: a note, never
    agreement."""
    shown = excerpt(" OR ".join(declared.values))
    if nearest:
        names = " and ".join(f.path for f in nearest)
        verb = "does" if len(nearest) == 1 else "do"
        why = f"{names} {verb} not identify as an SPDX licence"
        fix = "TC0301 licence-file says how to fix it"
    else:
        directory = path.rpartition("/")[0]
        why = (
            f"there is none in {directory}/ or above it"
            if directory
            else "there is none"
        )
        ids = list(dict.fromkeys(keys)) or ["the licence"]
        text = " and ".join(ids)
        text = f"the full {text} text" if len(ids) == 1 else f"the full text of {text}"
        fix = f"add LICENSE with {text} and your copyright line"
    return Finding(
        f'{declared.field} "{shown}" could not be compared with a licence file: {why}; '
        f"{fix}",
        path=path,
        start_line=declared.line,
        level="note",
        id="not-compared",
        key=_key(declared),
    )


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
