"""TC0804 publiccode-yml: publiccode.yml (when present) is valid; when absent, one is
suggested."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.publiccode import (
    Problem,
    find_bc_pubcode,
    find_publiccode,
    problems,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule

_STANDARD = "https://yml.publiccode.tools/"
_TYPE_NAMES = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "boolean": "true or false",
    "number": "a number",
    "integer": "a whole number",
}
_FORMAT_FIX = {
    "date": "write it as YYYY-MM-DD",
    "uri": "write it as a full URL such as https://...",
    "email": "write it as an email address",
}
_MAX_CHOICES = 12


@rule(
    code="TC0804",
    name="publiccode-yml",
    topic="share-reuse",
    level="note",
    summary="publiccode.yml (when present) is valid; when absent, one is suggested.",
    rationale="""
Point 8 of the Code (share, reuse and collaborate) asks public bodies to make their software
easy for others to find and reuse. publiccode.yml is the open metadata standard that public
sector software catalogues read to list a project: what it does, its licence, its maintainers and
its development status. BC government's `bcgovpubcode.yaml` serves the same purpose and counts.
""",
    remediation="""
Add `publiccode.yml` at the root (the editor at https://publiccode-editor.developers.italia.it/
generates one), for example:

```yaml
publiccodeYmlVersion: "0.4"
name: Apply for a licence
url: https://github.com/your-org/apply-for-a-licence
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Lets businesses apply for a licence online.
    longDescription: >
      A longer description of at least 150 characters: who uses the service, what problem it
      solves, and what another organisation needs to reuse it.
    features: [Online applications, Payments]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Jane Smith
localisation:
  localisationReady: false
  availableLanguages: [en]
```

The file is checked against the SchemaStore schema for the publiccode.yml standard; each
finding names the key and its line. Country-specific sections are part of the standard: the
Italian one (`IT:`, or the older `it:`) is checked against its schema, and another country's
section, named by its ISO 3166-1 code, is accepted. HMRC's `repository.yaml` is a catalogue
file of another kind and does not count.
""",
)
def publiccode_yml(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    path = find_publiccode(repo)
    if path is None:
        yield from _bc_pubcode(repo)
        return
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        yield Finding(
            f"{parsed.error}: fix the YAML so publiccode.yml can be read",
            path=path,
            start_line=parsed.line or 1,
            id="invalid-yaml",
        )
        return
    if not isinstance(parsed.data, dict):
        yield Finding(
            "publiccode.yml is not a mapping of keys: start from the example at "
            f"{_STANDARD}",
            path=path,
            start_line=1,
            id="not-a-mapping",
        )
        return
    found = problems(repo, path, parsed.data)
    for problem in found:
        yield _finding(path, problem)
    if not found:
        version = parsed.data.get("publiccodeYmlVersion")
        yield Evidence(path, f"valid publiccode.yml (version {version})")


def _bc_pubcode(repo: Repository) -> Iterator[Finding | Evidence]:
    bc = find_bc_pubcode(repo)
    if bc is None:
        yield Finding(
            "no publiccode.yml found: add a publiccode.yml at the root describing the "
            "software, its licence and maintainers so public sector catalogues can list it "
            f"for reuse (see {_STANDARD})",
            id="missing-publiccode",
        )
        return
    parsed = repo.parsed(bc, "yaml")
    if not parsed.ok:
        yield Finding(
            f"{parsed.error}: fix the YAML so bcgovpubcode.yaml can be read",
            path=bc,
            start_line=parsed.line or 1,
            id="invalid-yaml",
        )
    else:
        yield Evidence(bc, "BC government public code metadata")


def _finding(path: str, problem: Problem) -> Finding:
    """The finding for one departure from the standard; its id is the problem's kind and
    its key the dotted key it is about."""
    key = problem.name
    if problem.kind == "missing-key":
        key = f"{problem.name}.{problem.detail}" if problem.name else problem.detail
    return Finding(
        _message(problem),
        path=path,
        start_line=problem.line,
        id=problem.kind,
        key=key,
    )


def _message(problem: Problem) -> str:
    kind, name, detail = problem.kind, problem.name, problem.detail
    subject = f"`{name}`" if name else "the document"
    if kind == "unknown-key":
        return (
            f"publiccode.yml has an unknown key `{name}`: remove it or correct its "
            f"spelling (see {_STANDARD})"
        )
    if kind == "missing-key":
        inside = f" in `{name}`" if name else ""
        return (
            f"publiccode.yml is missing the required key `{detail}`{inside}: add it "
            f"(see {_STANDARD})"
        )
    if kind == "not-allowed":
        choices = (
            detail
            if problem.choices <= _MAX_CHOICES
            else f"the values listed at {_STANDARD}"
        )
        return (
            f"publiccode.yml {subject} has a value the standard does not allow: use one "
            f"of {choices}"
        )
    if kind == "wrong-type":
        wanted = _TYPE_NAMES.get(detail, detail)
        return f"publiccode.yml {subject} must be {wanted}: change its value"
    if kind == "bad-format":
        fix = _FORMAT_FIX.get(detail, f"use the {detail} format")
        return f"publiccode.yml {subject} is not a valid {detail}: {fix}"
    if kind == "too-long":
        return (
            f"publiccode.yml {subject} is longer than {detail} characters: shorten it"
        )
    if kind == "too-short":
        return (
            f"publiccode.yml {subject} is shorter than {detail} characters: expand it"
        )
    if kind == "no-pattern-match":
        return (
            f"publiccode.yml {subject} does not match the pattern {detail}: correct it "
            f"(see {_STANDARD})"
        )
    shown = detail if len(detail) <= 120 else detail[:117] + "..."
    return (
        f"publiccode.yml {subject} is not valid ({shown}): correct it (see {_STANDARD})"
    )
