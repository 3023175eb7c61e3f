"""TC0401 openapi-valid: every OpenAPI/Swagger document is valid for its version."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from tcop_lint.facts.api_validation import (
    ApiProblem,
    DocumentCheck,
    spec_version,
    validate,
)
from tcop_lint.facts.openapi import (
    DEFAULT_MAX_CANDIDATES,
    DEFAULT_MAX_NODES,
    MAX_DEPTH,
    ApiDescription,
    ApiInventory,
    api_inventory,
    excerpt,
    http_fetcher,
)
from tcop_lint.facts.openapi_bundle import (
    Bundle,
    RefProblem,
    bundle,
    is_part_of_another,
    json_pointer,
    readable_pointer,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import (
    Evidence,
    Finding,
    Level,
    NotApplicable,
    Option,
    Options,
    rule,
)


@rule(
    code="TC0401",
    name="openapi-valid",
    topic="open-standards",
    level="error",
    summary="Every OpenAPI/Swagger document is valid for its version (2.0, 3.0, 3.1).",
    rationale="""
Point 4 of the Code (make use of open standards) asks that services interoperate through open
standards, with RESTful APIs described in an open format. An OpenAPI document is only useful to
the people and tools that consume an API if it is valid: code generators, API catalogues, the
GOV.UK and HMRC developer hubs and contract tests all reject or misread an invalid one.

Documents are found by content (a top-level `openapi:` or `swagger:` key with a version), so
`docs/v1.api-spec.yaml`, `src/main/resources/api.yaml` and HMRC's
`resources/public/api/conf/1.0/application.yaml` are all checked. Names only decide which
files are opened: those whose name or folder suggests an API description (`api`, `spec`,
`openapi`, `swagger`, `schema`, `docs/`, `conf/`, `public/`, `src/main/resources/`...) and any
YAML/JSON file at most two folders deep. A document split across
several files with relative `$ref`s is validated as one document: the referenced files (which
have no `openapi:` key of their own) are parts of it, and a problem inside one of them is
reported at that file and line. `$ref`s are followed only inside the repository; remote
`$ref`s are fetched only with `--online`. HMRC's `resources/public/api/definition.json` is an
API platform definition, not OpenAPI, and is not checked. Documents under test and fixture
folders (`tests/`, `__tests__/`, `fixtures/`, `testdata/`) are left out: they are often invalid
on purpose.
""",
    remediation="""
Fix each reported problem; the message names the node (`paths./users/{id}.get`) and the file
and line show where it is. To check the whole document locally, bundle and validate it:

```sh
pip install openapi-spec-validator
openapi-spec-validator docs/openapi.yaml
# or, following $refs across files and linting too:
npx @redocly/cli lint docs/openapi.yaml
```

Typical fixes:

```yaml
openapi: 3.0.3            # a quoted or dotted string, not 3.0
info:
  title: Example API
  version: "1.0"
paths:
  /users/{id}:
    get:
      parameters:
        - name: id        # every {template} in the path needs an `in: path` parameter
          in: path
          required: true
          schema: {type: string}
      responses:          # every operation needs responses, each with a description
        "200":
          description: The user
```

Documents larger than the `max-nodes` option are not validated (a note says so); raise it in
`.tcop-lint.yml` (`rules: {TC0401: {options: {max-nodes: 500000}}}`) or validate in CI. At
most `max-candidates` (3000) YAML and JSON files are opened to look for documents, those
named or placed like API descriptions first; a note says when there were more.

With `--online`, remote `$ref`s are fetched within `fetch-timeout-seconds` (20) for the whole
run, and only from public hosts: a `$ref` is repository content, and a pull request must not
make the run read an internal service into its report. To fetch from an internal server you
trust, pass `--allow-private-hosts` (the Action's `allow-private-hosts: true` input) or set
`rules: {TC0401: {options: {allow-private-hosts: true}}}` in a config file of your own outside
the repository, given with `--config`; the repository's own config cannot allow it. Whatever
a server answers is validated but never repeated in a report: a problem in fetched content
names the `$ref` that led to it.
""",
    options={
        "max-candidates": Option(
            "integer",
            DEFAULT_MAX_CANDIDATES,
            "most YAML/JSON files read as API documents",
        ),
        "max-nodes": Option(
            "integer", DEFAULT_MAX_NODES, "most nodes of one document validated"
        ),
        "max-findings-per-document": Option(
            "integer", 25, "most validation errors reported for one document"
        ),
        "timeout-seconds": Option(
            "number", 60, "time limit for validating all documents"
        ),
        "fetch-timeout-seconds": Option(
            "number", 20, "time limit for fetching one remote $ref, with --online"
        ),
        "allow-private-hosts": Option(
            "boolean", False, "let remote $refs reach private and local hosts"
        ),
    },
)
def openapi_valid(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    max_candidates = options["max-candidates"]
    inventory = api_inventory(repo, max_candidates)
    roots = inventory.openapi
    if inventory.unread_candidates:
        yield _capped(inventory, max_candidates)
    elif not roots and not inventory.unreadable:
        raise NotApplicable("no OpenAPI or Swagger document in the repository")
    for broken in inventory.unreadable:
        yield Finding(
            f"{excerpt(broken.error, 160)}: fix the syntax so this API document can be read",
            path=broken.path,
            start_line=broken.line,
            id="unreadable-document",
        )
    fetch = (
        http_fetcher(
            repo.max_bytes,
            options["fetch-timeout-seconds"],
            public_only=not options["allow-private-hosts"],
        )
        if options.online
        else None
    )
    bundles = {
        doc.path: bundle(repo, doc.path, fetch=fetch, max_nodes=options["max-nodes"])
        for doc in roots
    }
    deadline = time.monotonic() + options["timeout-seconds"]
    limit = options["max-findings-per-document"]
    for doc in roots:
        if is_part_of_another(doc, bundles):
            continue
        yield Evidence(doc.path, doc.label)
        if time.monotonic() > deadline:
            yield Finding(
                f"not validated: the {options['timeout-seconds']}-second time limit was "
                f"reached before this document: raise the TC0401 timeout-seconds option",
                path=doc.path,
                level="note",
                id="validation-time-limit",
            )
            continue
        findings = _dedupe(_document_findings(repo, doc, bundles[doc.path], deadline))
        yield from findings[:limit]
        if len(findings) > limit:
            yield Finding(
                f"{len(findings) - limit} more problems not shown: fix the ones above, or run "
                f"openapi-spec-validator {excerpt(doc.path, 200)} to see them all",
                path=doc.path,
                start_line=1,
                id="more-problems",
            )


def _capped(inventory: ApiInventory, max_candidates: int) -> Finding:
    total = max_candidates + inventory.unread_candidates
    return Finding(
        f"only the first {max_candidates:,} of {total:,} candidate YAML and JSON files "
        "were opened to look for OpenAPI and Swagger documents: to open them all, set "
        f"rules: {{TC0401: {{options: {{max-candidates: {total}}}}}}} in .tcop-lint.yml",
        level="note",
        id="candidates-capped",
    )


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str | None, int | None, str]] = set()
    unique = []
    for finding in findings:
        identity = (finding.path, finding.start_line, finding.message)
        if identity not in seen:
            seen.add(identity)
            unique.append(finding)
    return unique


def _document_findings(
    repo: Repository, doc: ApiDescription, bundled: Bundle, deadline: float
) -> Iterator[Finding]:
    yield from (_ref_finding(doc, problem) for problem in bundled.problems)
    if bundled.data is None:
        yield _not_validated(doc, bundled)
        return
    check = validate(repo, doc, bundled, deadline)
    if not check.supported:
        name = "Swagger" if doc.kind == "swagger" else "OpenAPI"
        yield Finding(
            f"unsupported {name} version {excerpt(doc.version or '', 40)}: declare "
            f"openapi: 3.1.0 (or 3.0.3) and update the document to that version",
            path=doc.path,
            start_line=_root_key_line(bundled, doc.kind),
            id="unsupported-version",
        )
        return
    yield from _problem_findings(doc, check)


def _not_validated(doc: ApiDescription, bundled: Bundle) -> Finding:
    if bundled.too_deep:
        return Finding(
            f"not validated: the document is nested more than {MAX_DEPTH} levels deep: "
            f"move deeply nested schemas into components and join them with $ref",
            path=doc.path,
            start_line=1,
            level="note",
            id="document-too-deep",
        )
    return Finding(
        "not validated: the document (with its $ref parts) exceeds the max-nodes "
        "limit: raise the TC0401 max-nodes option or validate it in CI with "
        "openapi-spec-validator",
        path=doc.path,
        start_line=1,
        level="note",
        id="document-too-large",
    )


def _root_key_line(bundled: Bundle, key: str) -> int:
    lines = getattr(bundled.data, "key_lines", None) or {}
    return lines.get(key, 1)


# -- $refs that could not be followed ----------------------------------------------------------

_REF_IDS = {
    "remote": "remote-ref-offline",
    "missing": "missing-ref-target",
    "outside": "ref-outside-repository",
    "pointer": "unresolved-ref-pointer",
    "cycle": "cyclic-ref",
    "unsupported": "unsupported-ref",
    "fetch": "unreadable-remote-ref",
    "invalid": "invalid-ref-target",
}
_REF_LEVELS: dict[str, Level] = {"remote": "note", "fetch": "warning"}
_NESTED_PROBLEMS = {
    "pointer": "points at nothing",
    "cycle": "leads back to itself",
}


def _ref_finding(doc: ApiDescription, problem: RefProblem) -> Finding:
    ref = excerpt(problem.ref, 120)
    target = excerpt(problem.target or "", 120)
    if problem.kind == "invalid" and problem.target:
        return Finding(
            f"{excerpt(problem.detail or 'invalid', 160)} (this file is referenced by "
            f"{excerpt(doc.path, 200)}): fix the syntax",
            path=problem.target,
            start_line=problem.detail_line,
            id="invalid-ref-target",
            key=doc.path,
        )
    if problem.nested:
        message = _nested_ref_message(ref, problem)
    elif problem.kind == "fetch":
        why = problem.fetch.detail if problem.fetch else "no answer"
        message = f"remote $ref {ref} could not be read ({why}): {_fetch_fix(problem)}"
    else:
        message = _REF_MESSAGES[problem.kind].format(
            ref=ref, target=target, root=excerpt(doc.path, 200)
        )
    return Finding(
        message,
        path=problem.path,
        start_line=problem.line,
        level=_REF_LEVELS.get(problem.kind),
        id=_REF_IDS[problem.kind],
        key=f"{problem.ref}\0nested" if problem.nested else problem.ref,
    )


_REF_MESSAGES = {
    "remote": (
        "remote $ref {ref} was not fetched (offline): run tcop-lint with --online to "
        "validate what it points to as part of {root}"
    ),
    "missing": (
        "$ref {ref} names {target}, which is not in the repository: commit that file "
        "or correct the path"
    ),
    "outside": (
        "$ref {ref} points outside the repository: keep referenced files in the "
        "repository and use a relative path"
    ),
    "pointer": "$ref {ref} points at nothing in {target}: correct the JSON pointer after #",
    "cycle": (
        "$ref {ref} leads back to itself, so it names no value: point it at the object "
        "it stands for"
    ),
    "unsupported": (
        "$ref {ref} uses an address tcop-lint does not follow: use a relative path or an "
        "https URL"
    ),
}


def _nested_ref_message(ref: str, problem: RefProblem) -> str:
    """A $ref inside a fetched document failed: its text, and the host it names, are the
    server's, so only the repository's $ref that led there is named."""
    if problem.kind == "fetch" and problem.fetch:
        why = _NESTED_FETCH_REASONS.get(problem.fetch.reason) or problem.fetch.detail
        what = f"could not be read ({why})"
    else:
        what = _NESTED_PROBLEMS.get(problem.kind, "could not be followed")
    return (
        f"remote $ref {ref} fetched a document whose own $ref {what}: correct the "
        "documents it leads to, or point it at a complete document"
    )


# tcop-lint's words for these name the host, which is the server's content here
_NESTED_FETCH_REASONS = {
    "private-host": "it names a private or local address",
    "unreachable": "its server could not be reached",
}


def _fetch_fix(problem: RefProblem) -> str:
    reason = problem.fetch.reason if problem.fetch else ""
    if reason == "private-host":
        return "if you trust that host, pass --allow-private-hosts"
    if reason == "time-limit":
        return "raise the TC0401 option fetch-timeout-seconds, or check the server"
    return "check the URL is reachable and serves YAML or JSON"


# -- what the validator found ------------------------------------------------------------------

_KEYWORD_FIXES = {
    "duplicate-operation-id": "give each operation a unique operationId",
    "duplicate-parameter": "remove the duplicate (a parameter is identified by name and in)",
    "unresolved-path-parameter": (
        "declare each {template} of the path as a parameter with in: path, and no others"
    ),
    "undefined-required-property": "define those properties or remove them from required",
    "duplicate-tag": "give each tag a unique name",
    "invalid-default": "make the default match the schema",
    "invalid-schema": "correct the schema",
}


def _problem_findings(doc: ApiDescription, check: DocumentCheck) -> Iterator[Finding]:
    label = _label(doc)
    for problem in check.problems:
        where = readable_pointer(problem.pointer)
        if problem.path != doc.path:
            where = f"{where} (part of {excerpt(doc.path, 200)})"
        if problem.fetched_via:
            where = f"{where}, fetched from $ref {excerpt(problem.fetched_via, 120)}"
        fix = _KEYWORD_FIXES.get(problem.kind) or _schema_fix(problem, label)
        pointer = json_pointer(problem.pointer)
        if problem.missing:
            pointer = f"{pointer}/{problem.missing}"
        yield Finding(
            f"invalid {label} at {where}: {problem.text}: {fix}",
            path=problem.path,
            start_line=problem.line,
            id="invalid-document" if problem.kind == "schema" else problem.kind,
            key=f"{pointer}:{problem.validator}",
        )
    if check.too_deep:
        yield Finding(
            "not fully validated: the document is nested too deeply to validate: flatten "
            "deeply nested schemas with $ref to components",
            path=doc.path,
            start_line=1,
            level="note",
            id="validation-too-deep",
        )


def _label(doc: ApiDescription) -> str:
    version = spec_version(doc)
    return version.label if version else doc.label


def _schema_fix(problem: ApiProblem, label: str) -> str:
    """How to fix one JSON Schema problem, in one short line."""
    validator = problem.validator
    if validator == "required":
        return f"add {problem.missing}" if problem.missing else "add it"
    if validator in ("additionalProperties", "unevaluatedProperties"):
        if problem.among_paths:
            return "correct the key (paths start with /, extensions with x-)"
        return "remove or correct it (extensions must start with x-)"
    if validator == "enum":
        return "use one of the allowed values"
    if validator == "type":
        if problem.on_version:
            return 'quote the version, e.g. openapi: "3.0.3"'
        return "change the value to that type"
    if validator == "pattern":
        return "correct the value to match the pattern"
    if validator in ("oneOf", "anyOf"):
        return f"correct this object to match the {label} specification"
    return f"correct it to match the {label} specification"
