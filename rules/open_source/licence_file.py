"""TC0301 licence-file: a licence file at the root whose text identifies as an SPDX licence.

Licence texts and notices are identified by :mod:`tcop_lint.facts.licensing` (text, not file
names); the licence files are read once per run and shared by the rules of this point.
"""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.licensing import LicenceFile, licence_files, meant_ids
from tcop_lint.facts.manifest_licences import (
    declarations,
    excerpt,
    licence_manifests,
    unreadable_manifest,
)
from tcop_lint.facts.readme_licence import ReadmeLicence, readme_licence
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule

_OPEN_EXAMPLES = "e.g. MIT or OGL-UK-3.0"
_LOOKED_FOR = (
    "looked for LICENSE, LICENCE, COPYING and UNLICENSE in any case, with or without "
    ".md/.txt/.rst, and LICENSES/"
)


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
changed copyright line, Markdown and British spelling. A file holding only a short notice
(the Open Government Licence statement with the National Archives address, a CC0
dedication, "Licensed under the Apache License, Version 2.0") identifies the licence it
names, with a note that the full text is better; a notice that leaves out the version takes
the one a manifest beside it declares. With no licence file, a README that states the licence
("Released under the MIT licence") is partial evidence: a warning, not a failure.
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
    stated = None if files else readme_licence(repo)
    if stated is not None:
        yield from _stated_in_readme(stated)
        return
    if not files:
        yield Finding(
            f"no licence file at the repository root ({_LOOKED_FOR}): "
            f"{_add_licence_fix(repo)}",
            id="missing-licence-file",
            missing=True,
        )
        return
    any_identified = any(f.matches for f in files)
    for found in files:
        for match in found.matches:
            yield Evidence(found.path, match.spdx_id)
        if found.notice_only:
            yield _notice_note(found)
        if found.matches or (found.state in ("custom", "pointer") and any_identified):
            continue
        yield Finding(
            f"licence file {_problem(found)}: {_fix_for(found)}",
            path=found.path,
            level=None if not any_identified else "warning",
            id=f"{found.state}-licence-file",
        )


def _stated_in_readme(stated: ReadmeLicence) -> Iterator[Finding | Evidence]:
    ids = " and ".join(stated.spdx_ids)
    yield Evidence(stated.path, f"{ids} (stated in the README, line {stated.line})")
    yield Finding(
        f"no licence file at the repository root, but {stated.path} says the code is "
        f"under {ids}: add LICENSE with the full {ids} text "
        f"(https://spdx.org/licenses/{stated.spdx_ids[0]}.html) and your copyright line, "
        "so that reusers get the licence with the code",
        path=stated.path,
        start_line=stated.line,
        level="warning",
        id="licence-only-in-readme",
    )


def _notice_note(found: LicenceFile) -> Finding:
    ids = " and ".join(m.spdx_id for m in found.matches)
    versions = [m for m in found.matches if m.version_from]
    where = (
        f" (the version {versions[0].version_from} declares)"
        if len(versions) == 1 and len(found.matches) == 1
        else ""
    )
    return Finding(
        f"licence file holds only a notice for {ids}{where}, not the licence text: "
        f"add the full {ids} text",
        path=found.path,
        level="note",
        id="notice-only",
    )


def _problem(found: LicenceFile) -> str:
    return {
        "unreadable": f"was not read ({found.reason})",
        "empty": "is empty",
        "custom": "is a custom licence (LicenseRef-), not an SPDX licence",
        "pointer": "only points at other licence files",
    }.get(found.state, "text does not identify as an SPDX licence")


def _fix_for(found: LicenceFile) -> str:
    if found.state == "custom":
        return f"add the text of an SPDX licence, {_OPEN_EXAMPLES}, beside it"
    if found.state == "unreadable":
        return "replace it with a plain-text file holding the full licence text"
    if found.state == "empty":
        return f"put the full text of an open licence in it, {_OPEN_EXAMPLES}"
    return (
        f"use the unmodified full text of an open licence, {_OPEN_EXAMPLES}, changing "
        "only the copyright line"
    )


def _add_licence_fix(repo: Repository) -> str:
    """Name the licence a root manifest already declares, when it declares one."""
    for path in licence_manifests(repo):
        if "/" in path or unreadable_manifest(repo, path):
            continue
        for declared in declarations(repo, path):
            if len(declared.values) != 1:
                continue
            value = declared.values[0].strip()
            ids = meant_ids(value)
            if len(ids) == 1:
                named = (
                    ids[0]
                    if value.lower() == ids[0].lower()
                    else f'"{excerpt(value)}" ({ids[0]})'
                )
                return (
                    f"{path} declares {named}, so add LICENSE with the full {ids[0]} "
                    f"text (https://spdx.org/licenses/{ids[0]}.html) and your copyright line"
                )
            if ids:
                return (
                    f'{path} declares "{excerpt(value)}", so add LICENSE with the full '
                    f"text of {' or '.join(ids)}, as your licence grants, and your "
                    "copyright line"
                )
    return f"add LICENSE with the full text of an open licence, {_OPEN_EXAMPLES}"
