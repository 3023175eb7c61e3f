"""TC0302 open-licence: the identified licence is OSI-approved or on the allow-list."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.licensing import (
    canonical_id,
    identified_licence_files,
    is_osi_approved,
)
from tcop_lint.facts.readme_licence import readme_licence
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule


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
4.0 (CC-BY-4.0) that government uses for documentation and content, and the CC0 1.0 public
domain dedication (CC0-1.0) that US federal projects use. Non-commercial and
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
      allow: [OGL-UK-3.0, CC-BY-4.0, CC0-1.0, CC-BY-SA-4.0]
```
""",
    options={
        "allow": Option(
            "strings",
            ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"],
            "SPDX ids accepted as open besides OSI-approved licences",
        )
    },
)
def open_licence(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    allowed = {canonical_id(str(a)).lower() for a in options["allow"]}
    identified = identified_licence_files(repo)
    if not identified:
        yield from _judge_readme_statement(repo, allowed)
        return
    for found in identified:
        for match in found.matches:
            spdx_id = match.spdx_id
            if found.commons_clause:
                yield Finding(
                    f"the Commons Clause added to {spdx_id} withholds the right to sell, "
                    "so the licence is not open: remove the Commons Clause",
                    path=found.path,
                    id="commons-clause",
                    key=spdx_id,
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
                    id="not-open",
                    key=spdx_id,
                )


def _judge_readme_statement(
    repo: Repository, allowed: set[str]
) -> Iterator[Finding | Evidence]:
    """With no licence file, the licence the README states (TC0301 warns that the file is
    missing) is judged as a file's would be."""
    stated = readme_licence(repo)
    if stated is None:
        raise NotApplicable(
            "no licence was identified (TC0301 licence-file reports that)"
        )
    for spdx_id in stated.spdx_ids:
        if is_osi_approved(spdx_id) or spdx_id.lower() in allowed:
            yield Evidence(
                stated.path, f"{spdx_id} (stated in the README, line {stated.line})"
            )
        else:
            yield Finding(
                f"{spdx_id}, the licence {stated.path} states, is not an open licence (not "
                "OSI-approved and not on the allow list): relicense under an OSI-approved "
                f"licence such as MIT, or if {spdx_id} is open add it to "
                "rules.open-licence.options.allow in .tcop-lint.yml",
                path=stated.path,
                start_line=stated.line,
                id="not-open",
                key=spdx_id,
            )
