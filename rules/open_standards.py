"""Point 4, make use of open standards: valid OpenAPI documents, API descriptions, ODF documents."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import partial
from typing import Any, NamedTuple

from tcop_lint.facts.dependencies import Dependency, has_dependency
from tcop_lint.facts.ecosystems import requirements_home
from tcop_lint.facts.openapi import (
    DEFAULT_MAX_CANDIDATES,
    DEFAULT_MAX_NODES,
    FETCH_LIMIT,
    MAX_DEPTH,
    ApiDescription,
    Bundle,
    Location,
    RefProblem,
    api_inventory,
    bundle,
    http_fetcher,
    locate,
    readable_pointer,
    skipped_path,
)
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule

# -- TC0401 openapi-valid ---------------------------------------------------------------------


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
trust, set `rules: {TC0401: {options: {allow-private-hosts: true}}}`.
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
    max_candidates = int(options["max-candidates"])
    inventory = api_inventory(repo, max_candidates)
    roots = inventory.openapi
    if inventory.unread_candidates:
        total = max_candidates + inventory.unread_candidates
        yield Finding(
            f"only the first {max_candidates:,} of {total:,} candidate YAML and JSON files "
            "were opened to look for OpenAPI and Swagger documents: to open them all, set "
            f"rules: {{TC0401: {{options: {{max-candidates: {total}}}}}}} in .tcop-lint.yml",
            level="note",
            key="candidates-capped",
        )
    elif not roots and not inventory.unreadable:
        raise NotApplicable("no OpenAPI or Swagger document in the repository")
    for broken in inventory.unreadable:
        yield Finding(
            f"{broken.error}: fix the syntax so this API document can be read",
            path=broken.path,
            start_line=broken.line,
        )
    fetch = (
        http_fetcher(
            repo.max_bytes,
            float(options["fetch-timeout-seconds"]),
            public_only=not options["allow-private-hosts"],
        )
        if options.online
        else None
    )
    max_nodes = int(options["max-nodes"])
    bundles = {
        doc.path: bundle(repo, doc.path, fetch=fetch, max_nodes=max_nodes)
        for doc in roots
    }
    deadline = time.monotonic() + float(options["timeout-seconds"])
    limit = int(options["max-findings-per-document"])
    for doc in roots:
        if _is_part_of_another(doc, bundles):
            continue
        yield Evidence(doc.path, doc.label)
        if time.monotonic() > deadline:
            yield Finding(
                f"not validated: the {options['timeout-seconds']}-second time limit was "
                f"reached before this document: raise the TC0401 timeout-seconds option",
                path=doc.path,
                level="note",
            )
            continue
        findings = _validated(repo, doc, bundles[doc.path], deadline, fetch is None)
        yield from findings[:limit]
        if len(findings) > limit:
            yield Finding(
                f"{len(findings) - limit} more problems not shown: fix the ones above, or run "
                f"openapi-spec-validator {doc.path} to see them all",
                path=doc.path,
                start_line=1,
            )


_VALIDATION_LIBRARIES = (
    "openapi_spec_validator",
    "openapi_schema_validator",
    "jsonschema",
    "jsonschema_path",
)


def _validated(
    repo: Repository,
    doc: ApiDescription,
    bundled: Bundle,
    deadline: float,
    offline: bool,
) -> list[Finding]:
    """The document's problems, remembered between runs: importing openapi-spec-validator
    takes longer (0.4 s) than the rest of a small repository's run. Only an offline result
    that finished before the deadline is kept, keyed by the text of every file in the bundle."""
    if bundled.data is None or not offline:  # nothing to validate, or not to keep
        return _dedupe(_check_document(repo, doc, bundled, deadline))
    files = [doc.path, *bundled.parts]
    texts = [repo.read_text(path) or "" for path in files]
    key = repo.cache.key(
        "openapi",
        doc.kind,
        doc.version or "",
        str(repo.max_bytes),
        *(f"{path}\0{text}" for path, text in zip(files, texts, strict=True)),
        libraries=_VALIDATION_LIBRARIES,
    )
    cached = repo.cache.get_records(key, Finding)
    if cached is not None:
        return cached
    findings = _dedupe(_check_document(repo, doc, bundled, deadline))
    if time.monotonic() <= deadline:
        repo.cache.put(key, [asdict(finding) for finding in findings])
    return findings


def _is_part_of_another(doc: ApiDescription, bundles: dict[str, Bundle]) -> bool:
    """A file with an `openapi:` key but no paths that another document `$ref`s is a part."""
    data = bundles[doc.path].data
    if isinstance(data, dict) and "paths" in data:
        return False
    return any(doc.path in b.parts for root, b in bundles.items() if root != doc.path)


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str | None, int | None, str]] = set()
    unique = []
    for finding in findings:
        identity = (finding.path, finding.start_line, finding.message)
        if identity not in seen:
            seen.add(identity)
            unique.append(finding)
    return unique


class _Version(NamedTuple):
    label: str
    validator: str
    """Class name in openapi_spec_validator."""
    checks_schemas: bool
    """Whether the OpenAPI JSON Schema itself validates Schema objects (2.0/3.0 yes, 3.1 no)."""


def _version(doc: ApiDescription) -> _Version | None:
    version = doc.version or ""
    if doc.kind == "swagger":
        return (
            _Version("Swagger 2.0", "OpenAPIV2SpecValidator", True)
            if re.match(r"2\.0(\D|$)", version)
            else None
        )
    for prefix, name, checks in (
        ("3.0", "OpenAPIV30SpecValidator", True),
        ("3.1", "OpenAPIV31SpecValidator", False),
        ("3.2", "OpenAPIV32SpecValidator", False),
    ):
        if re.match(rf"{re.escape(prefix)}(\D|$)", version):
            return _Version(f"OpenAPI {prefix}", name, checks)
    return None


def _check_document(
    repo: Repository, doc: ApiDescription, bundled: Bundle, deadline: float
) -> Iterator[Finding]:
    yield from (_ref_finding(doc, problem) for problem in bundled.problems)
    if bundled.data is None:
        if bundled.too_deep:
            message = (
                f"not validated: the document is nested more than {MAX_DEPTH} levels deep: "
                f"move deeply nested schemas into components and join them with $ref"
            )
        else:
            message = (
                "not validated: the document (with its $ref parts) exceeds the max-nodes "
                "limit: raise the TC0401 max-nodes option or validate it in CI with "
                "openapi-spec-validator"
            )
        yield Finding(
            message,
            path=doc.path,
            start_line=1,
            level="note",
        )
        return
    version = _version(doc)
    validator = _validator_class(version)
    if version is None or validator is None:
        name = "Swagger" if doc.kind == "swagger" else "OpenAPI"
        yield Finding(
            f"unsupported {name} version {doc.version}: declare openapi: 3.1.0 (or 3.0.3) "
            f"and update the document to that version",
            path=doc.path,
            start_line=_root_key_line(bundled, doc.kind),
        )
        return
    yield from _schema_errors(repo, doc, bundled, version, validator, deadline)
    yield from _keyword_errors(repo, doc, bundled, version, validator, deadline)


def _validator_class(version: _Version | None) -> Any:
    if version is None:
        return None
    import openapi_spec_validator

    return getattr(openapi_spec_validator, version.validator, None)


def _root_key_line(bundled: Bundle, key: str) -> int:
    lines = getattr(bundled.data, "key_lines", None) or {}
    return lines.get(key, 1)


_REF_MESSAGES: dict[str, Callable[[RefProblem, str], str]] = {
    "remote": lambda p, root: (
        f"remote $ref {p.ref} was not fetched (offline): run tcop-lint with --online to "
        f"validate what it points to as part of {root}"
    ),
    "missing": lambda p, root: (
        f"$ref {p.ref} names {p.target}, which is not in the repository: commit that file "
        f"or correct the path"
    ),
    "outside": lambda p, root: (
        f"$ref {p.ref} points outside the repository: keep referenced files in the "
        f"repository and use a relative path"
    ),
    "pointer": lambda p, root: (
        f"$ref {p.ref} points at nothing in {p.target}: correct the JSON pointer after #"
    ),
    "cycle": lambda p, root: (
        f"$ref {p.ref} leads back to itself, so it names no value: point it at the object "
        f"it stands for"
    ),
    "unsupported": lambda p, root: (
        f"$ref {p.ref} uses an address tcop-lint does not follow: use a relative path or an "
        f"https URL"
    ),
    "fetch": lambda p, root: (
        f"remote $ref {p.ref} could not be read ({p.detail}): {_fetch_fix(p.detail or '')}"
    ),
}


def _fetch_fix(detail: str) -> str:
    # Network code loads only for --online runs, the only ones with fetch problems.
    from tcop_lint.online import PRIVATE_HOST

    if PRIVATE_HOST in detail:
        return "if you trust that host, set the TC0401 option allow-private-hosts: true"
    if FETCH_LIMIT in detail:
        return "raise the TC0401 option fetch-timeout-seconds, or check the server"
    return "check the URL is reachable and serves YAML or JSON"


def _ref_finding(doc: ApiDescription, problem: RefProblem) -> Finding:
    if problem.kind == "invalid" and problem.target:
        return Finding(
            f"{problem.detail} (this file is referenced by {doc.path}): fix the syntax",
            path=problem.target,
            start_line=problem.detail_line,
        )
    level = {"remote": "note", "fetch": "warning"}.get(problem.kind)
    return Finding(
        _REF_MESSAGES[problem.kind](problem, doc.path),
        path=problem.path,
        start_line=problem.line,
        level=level,  # type: ignore[arg-type]
    )


def _where(doc: ApiDescription, location: Location) -> str:
    place = readable_pointer(location.pointer)
    if location.path != doc.path:
        return f"{place} (part of {doc.path})"
    return place


def _schema_errors(
    repo: Repository,
    doc: ApiDescription,
    bundled: Bundle,
    version: _Version,
    validator: Any,
    deadline: float,
) -> Iterator[Finding]:
    schema_validator = getattr(validator, "schema_validator", None)
    if schema_validator is None:
        return
    try:
        for error in schema_validator.iter_errors(bundled.data):
            specific = _most_specific(error)
            location = locate(repo, bundled, _error_keys(specific))
            problem, fix = _describe(specific, version)
            yield Finding(
                f"invalid {version.label} at {_where(doc, location)}: {problem}: {fix}",
                path=location.path,
                start_line=location.line,
            )
            if time.monotonic() > deadline:
                return
    except RecursionError:
        yield Finding(
            "not fully validated: the document is nested too deeply to validate: flatten "
            "deeply nested schemas with $ref to components",
            path=doc.path,
            start_line=1,
            level="note",
        )


def _error_keys(error: Any) -> list[Any]:
    """Where the error is; for an unexpected key, the key itself rather than its parent."""
    keys = list(error.absolute_path)
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        extra = re.search(r"'([^']+)'", error.message)
        if (
            extra
            and isinstance(error.instance, dict)
            and extra.group(1) in error.instance
        ):
            keys.append(extra.group(1))
    return keys


def _most_specific(error: Any) -> Any:
    """Descend into oneOf/anyOf failures, skipping the "it could have been a $ref" branch."""
    from jsonschema.exceptions import best_match

    for _ in range(32):
        if not error.context:
            break
        candidates = [
            e
            for e in error.context
            if not (e.validator == "required" and e.message.startswith("'$ref'"))
        ]
        merged = _merged_enum(candidates)
        if merged is not None:
            return merged
        chosen = best_match(candidates) if candidates else None
        if chosen is None or chosen is error:
            break
        error = chosen
    return error


def _merged_enum(candidates: list[Any]) -> Any:
    """Branches that differ only in the allowed values of one key (a parameter's `in`):
    one error listing every allowed value, rather than an arbitrary branch's."""
    import copy

    if len(candidates) < 2 or any(
        e.validator not in ("enum", "const") for e in candidates
    ):
        return None
    if len({tuple(e.absolute_path) for e in candidates}) != 1:
        return None
    allowed: list[Any] = []
    for e in candidates:
        values = e.validator_value if e.validator == "enum" else [e.validator_value]
        allowed.extend(v for v in values if v not in allowed)
    merged = copy.copy(candidates[0])
    merged.validator, merged.validator_value = "enum", allowed
    merged.message = f"{merged.instance!r} is not one of {allowed!r}"
    return merged


def _keyword_errors(
    repo: Repository,
    doc: ApiDescription,
    bundled: Bundle,
    version: _Version,
    validator: Any,
    deadline: float,
) -> Iterator[Finding]:
    """openapi-spec-validator's checks beyond the JSON Schema (unique operationIds,
    path parameters, defaults that match their schema...), area by area so that each
    problem can be placed at its path item or component."""
    try:
        from jsonschema_path import SchemaPath

        spec = SchemaPath.from_dict(bundled.data, handlers=_OFFLINE_HANDLERS)
        registry = validator(spec).keyword_validators_registry
        areas = list(_keyword_areas(spec, registry, bundled.data))
    except (ImportError, AttributeError, KeyError, TypeError, RecursionError):
        # No keyword registry in this openapi-spec-validator, or $refs it cannot follow
        # to an end: the schema errors stand alone.
        return
    for keys, run in areas:
        if time.monotonic() > deadline:
            return
        try:
            errors = list(run())
        except Exception:  # noqa: BLE001 - it can trip on a malformed node the schema errors report
            errors = []
        for error in errors:
            finding = _keyword_finding(repo, doc, bundled, version, keys, error)
            if finding:
                yield finding


def _offline(uri: str) -> dict:
    """Every $ref a bundle leaves is local; anything else resolves to nothing, never fetched."""
    return {}


_OFFLINE_HANDLERS = {
    scheme: _offline for scheme in ("http", "https", "file", "", "urn")
}


def _keyword_areas(
    spec: Any, registry: Any, data: dict
) -> Iterator[tuple[tuple[str, ...], Callable[[], Iterable[Any]]]]:
    if "tags" in data and "tags" in registry.keyword_validators:
        yield ("tags",), lambda: registry["tags"](spec / "tags")
    if isinstance(data.get("paths"), dict):
        for url, item in (spec / "paths").items():
            yield ("paths", url), partial(registry["path"], url, item)
    components = data.get("components")
    if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
        for name, schema in (spec / "components" / "schemas").items():
            yield ("components", "schemas", name), partial(registry["schema"], schema)


_OPERATION_IN_PATH = lazy_re(r"for '(\w+)'(?: operation)? in '(/[^']*)'")


def _keyword_finding(
    repo: Repository,
    doc: ApiDescription,
    bundled: Bundle,
    version: _Version,
    keys: tuple[str, ...],
    error: Any,
) -> Finding | None:
    kind = type(error).__name__
    message = _clean(error.message)
    if kind == "DuplicateOperationIDError":
        fix = "give each operation a unique operationId"
    elif kind == "ParameterDuplicateError":
        fix = "remove the duplicate (a parameter is identified by name and in)"
    elif kind == "UnresolvableParameterError":
        fix = "declare each {template} of the path as a parameter with in: path, and no others"
    elif kind == "ExtraParametersError":
        fix = "define those properties or remove them from required"
    elif keys == ("tags",):
        fix = "give each tag a unique name"
    elif kind == "ValidationError":
        message = f"default value {_shorten(error)}"
        fix = "make the default match the schema"
    elif version.checks_schemas:
        return None  # the JSON Schema pass has already reported this schema problem
    else:
        message = f"invalid schema: {message}"
        fix = "correct the schema"
    match = _OPERATION_IN_PATH.search(error.message)
    if match and keys[:1] == ("paths",):
        keys = ("paths", match.group(2), match.group(1))
        if kind == "DuplicateOperationIDError":
            keys = (*keys, "operationId")
    location = locate(repo, bundled, keys)
    return Finding(
        f"invalid {version.label} at {_where(doc, location)}: {_lower_first(message)}: {fix}",
        path=location.path,
        start_line=location.line,
    )


def _describe(error: Any, version: _Version) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one JSON Schema error, in one short line each."""
    validator = error.validator
    problem = _lower_first(_shorten(error))
    if validator == "required":
        missing = re.match(r"'(.+?)' is a required property", error.message)
        return problem, f"add {missing.group(1)}" if missing else "add it"
    if validator in ("additionalProperties", "unevaluatedProperties"):
        if "does not match any of the regexes: '^\\\\/'" in error.message:
            return problem, "correct the key (paths start with /, extensions with x-)"
        return problem, "remove or correct it (extensions must start with x-)"
    if validator == "enum":
        return problem, "use one of the allowed values"
    if validator == "type":
        if error.absolute_path and list(error.absolute_path)[-1] in (
            "openapi",
            "swagger",
        ):
            return problem, 'quote the version, e.g. openapi: "3.0.3"'
        return problem, "change the value to that type"
    if validator == "pattern":
        return problem, "correct the value to match the pattern"
    if validator in ("oneOf", "anyOf"):
        return (
            problem,
            f"correct this object to match the {version.label} specification",
        )
    return problem, f"correct it to match the {version.label} specification"


def _shorten(error: Any) -> str:
    """The validator's message with a long instance representation replaced by a short one."""
    message = error.message
    instance = error.instance
    shown = repr(instance)
    if message.startswith(shown) and (
        len(shown) > 40 or isinstance(instance, (dict, list))
    ):
        if isinstance(instance, dict):
            short = "this object"
        elif isinstance(instance, list):
            short = "this list"
        else:
            short = shown[:37] + "..."
        message = short + message[len(shown) :]
    return _clean(message)


def _clean(message: str) -> str:
    message = re.sub(r"\s+", " ", message).strip()
    return message if len(message) <= 200 else message[:197] + "..."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# -- TC0402 api-description -------------------------------------------------------------------


class _Framework(NamedTuple):
    name: str
    ecosystem: str
    patterns: tuple[str, ...]
    api_first: bool = False
    """Serves an API even beside page templates (FastAPI, DRF, NestJS, HMRC backends)."""


# HTTP API frameworks, by the dependency names that bring them in.
_FRAMEWORKS = (
    _Framework("Flask", "pypi", ("flask",)),
    _Framework("FastAPI", "pypi", ("fastapi",), api_first=True),
    _Framework(
        "Django REST framework", "pypi", ("djangorestframework",), api_first=True
    ),
    _Framework("Django Ninja", "pypi", ("django-ninja",), api_first=True),
    _Framework("Falcon", "pypi", ("falcon",)),
    _Framework("Sanic", "pypi", ("sanic",)),
    _Framework("Quart", "pypi", ("quart",)),
    _Framework("Litestar", "pypi", ("litestar",), api_first=True),
    _Framework("Connexion", "pypi", ("connexion",), api_first=True),
    _Framework("Express", "npm", ("express",)),
    _Framework("NestJS", "npm", ("@nestjs/core",), api_first=True),
    _Framework("Koa", "npm", ("koa",)),
    _Framework("Fastify", "npm", ("fastify",)),
    _Framework("Hapi", "npm", ("@hapi/hapi", "hapi")),
    _Framework("Restify", "npm", ("restify",)),
    _Framework("Hono", "npm", ("hono",)),
    _Framework(
        "Spring Web",
        "maven",
        (
            "org.springframework.boot:spring-boot-starter-web",
            "org.springframework.boot:spring-boot-starter-webflux",
            "org.springframework:spring-webmvc",
            "org.springframework:spring-webflux",
        ),
    ),
    _Framework("Micronaut", "maven", ("io.micronaut:micronaut-http-server*",)),
    _Framework(
        "Quarkus REST",
        "maven",
        ("io.quarkus:quarkus-resteasy*", "io.quarkus:quarkus-rest"),
    ),
    _Framework("Javalin", "maven", ("io.javalin:javalin",)),
    _Framework("Ktor", "maven", ("io.ktor:ktor-server-core*",)),
    _Framework("Dropwizard", "maven", ("io.dropwizard:dropwizard-core",)),
    _Framework("Play", "maven", ("com.typesafe.play:play", "org.playframework:play")),
    _Framework(
        "Play", "maven", ("uk.gov.hmrc:bootstrap-backend-play-*",), api_first=True
    ),
    _Framework("Rails", "rubygems", ("rails",)),
    _Framework("Sinatra", "rubygems", ("sinatra",)),
    _Framework("Grape", "rubygems", ("grape",), api_first=True),
    _Framework("Gin", "go", ("github.com/gin-gonic/gin",)),
    _Framework(
        "Echo", "go", ("github.com/labstack/echo", "github.com/labstack/echo/v*")
    ),
    _Framework(
        "Fiber", "go", ("github.com/gofiber/fiber", "github.com/gofiber/fiber/v*")
    ),
    _Framework("chi", "go", ("github.com/go-chi/chi", "github.com/go-chi/chi/v*")),
    _Framework("Gorilla mux", "go", ("github.com/gorilla/mux",)),
    _Framework(
        "ASP.NET Core", "nuget", ("microsoft.net.sdk.web", "microsoft.aspnetcore.*")
    ),
    _Framework("Laravel", "composer", ("laravel/framework", "laravel/lumen-framework")),
    _Framework("Slim", "composer", ("slim/slim",)),
    _Framework("Symfony", "composer", ("symfony/framework-bundle",)),
    _Framework("Phoenix", "hex", ("phoenix",)),
    _Framework("Axum", "cargo", ("axum",)),
    _Framework("Actix Web", "cargo", ("actix-web",)),
    _Framework("Rocket", "cargo", ("rocket",)),
    _Framework("warp", "cargo", ("warp",)),
)

# Libraries (and frameworks) that generate the OpenAPI document from the code at run time.
_GENERATORS = (
    _Framework("FastAPI", "pypi", ("fastapi",)),
    _Framework("Django Ninja", "pypi", ("django-ninja",)),
    _Framework("Litestar", "pypi", ("litestar",)),
    _Framework("drf-spectacular", "pypi", ("drf-spectacular",)),
    _Framework("drf-yasg", "pypi", ("drf-yasg",)),
    _Framework("Flasgger", "pypi", ("flasgger",)),
    _Framework("flask-smorest", "pypi", ("flask-smorest",)),
    _Framework("APIFlask", "pypi", ("apiflask",)),
    _Framework("Flask-RESTX", "pypi", ("flask-restx",)),
    _Framework("flask-openapi3", "pypi", ("flask-openapi3",)),
    _Framework("apispec", "pypi", ("apispec",)),
    _Framework("SpecTree", "pypi", ("spectree",)),
    _Framework("@nestjs/swagger", "npm", ("@nestjs/swagger",)),
    _Framework("swagger-jsdoc", "npm", ("swagger-jsdoc",)),
    _Framework("@fastify/swagger", "npm", ("@fastify/swagger", "fastify-swagger")),
    _Framework("tsoa", "npm", ("tsoa",)),
    _Framework("hapi-swagger", "npm", ("hapi-swagger",)),
    _Framework("springdoc-openapi", "maven", ("org.springdoc:springdoc-openapi*",)),
    _Framework("Springfox", "maven", ("io.springfox:springfox*",)),
    _Framework(
        "Micronaut OpenAPI", "maven", ("io.micronaut.openapi:micronaut-openapi*",)
    ),
    _Framework("SmallRye OpenAPI", "maven", ("io.quarkus:quarkus-smallrye-openapi",)),
    _Framework("rswag", "rubygems", ("rswag", "rswag-*")),
    _Framework("grape-swagger", "rubygems", ("grape-swagger",)),
    _Framework("swag", "go", ("github.com/swaggo/swag", "github.com/swaggo/*-swagger")),
    _Framework("Swashbuckle", "nuget", ("swashbuckle.aspnetcore*",)),
    _Framework("NSwag", "nuget", ("nswag.aspnetcore", "nswag.*")),
    _Framework(
        "Microsoft.AspNetCore.OpenApi", "nuget", ("microsoft.aspnetcore.openapi",)
    ),
    _Framework("L5-Swagger", "composer", ("darkaonline/l5-swagger",)),
    _Framework("NelmioApiDocBundle", "composer", ("nelmio/api-doc-bundle",)),
    _Framework(
        "API Platform", "composer", ("api-platform/core", "api-platform/symfony")
    ),
    _Framework("swagger-php", "composer", ("zircote/swagger-php",)),
    _Framework("OpenApiSpex", "hex", ("open_api_spex",)),
    _Framework("utoipa", "cargo", ("utoipa",)),
    _Framework("aide", "cargo", ("aide",)),
    _Framework("poem-openapi", "cargo", ("poem-openapi",)),
    _Framework("rocket_okapi", "cargo", ("rocket_okapi",)),
    _Framework("paperclip", "cargo", ("paperclip",)),
)


def _declared(
    repo: Repository, table: Iterable[_Framework]
) -> list[tuple[_Framework, Dependency]]:
    found = []
    for framework in table:
        for dep in has_dependency(
            repo, *framework.patterns, ecosystem=framework.ecosystem
        ):
            if not skipped_path(dep.manifest):
                found.append((framework, dep))
    return sorted(found, key=lambda fd: (fd[1].manifest, fd[1].line, fd[0].name))


@rule(
    code="TC0402",
    name="api-description",
    topic="open-standards",
    level="warning",
    summary="An HTTP API has a committed OpenAPI, AsyncAPI or GraphQL description.",
    rationale="""
Point 4 of the Code (make use of open standards) asks for RESTful APIs that follow open
standards so that other services can integrate with them. An API described in an open format
(OpenAPI, AsyncAPI, a GraphQL schema) can be read, tested and generated against by anyone;
one described only by its code cannot.

The rule applies when an HTTP API framework is a declared dependency (Flask, FastAPI, Django REST
framework, Express, NestJS, Koa, Fastify, Hapi, Spring Web, Micronaut, Play and HMRC's
`bootstrap-backend-play-*`, Rails, Sinatra, Gin, Echo, Fiber, chi, ASP.NET Core, Laravel, Slim,
Phoenix, Axum, Actix...). It passes when an API description is committed (found by content,
whatever its name), when BC's `bcgovpubcode.yaml` lists `api_specifications` published
elsewhere, or when a library that generates the OpenAPI document from the code at run time is a
dependency (FastAPI itself, @nestjs/swagger, springdoc-openapi, drf-spectacular, drf-yasg,
flasgger, flask-smorest, apispec, Swashbuckle...), with evidence saying so.

A framework whose project also holds server-side page templates (Nunjucks, ERB, Jinja or
Django `templates/`, Express `views/`, Thymeleaf, Razor, Twirl...) is taken to render a website,
not to serve an API, unless it is API-first (FastAPI, Django REST framework, NestJS, Grape,
HMRC's `bootstrap-backend-play`) or a Rails app sets `config.api_only = true`; a GOV.UK Frontend
Express app is therefore not asked for an OpenAPI document.
""",
    remediation="""
Commit the API's description next to its code, for example `docs/openapi.yaml`:

```yaml
openapi: 3.1.0
info:
  title: Example API
  version: "1.0"
paths:
  /health:
    get:
      responses:
        "200":
          description: The service is up
```

Or generate it from the code at run time and say so by depending on the generator, e.g.
`springdoc-openapi-starter-webmvc-ui` (Spring), `drf-spectacular` (Django REST framework),
`@nestjs/swagger` (NestJS), `flask-smorest` (Flask), `Swashbuckle.AspNetCore` (ASP.NET Core).
A committed document is still better: reviewers see API changes in pull requests.
""",
    attestable=True,
)
def api_description(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    declared = _declared(repo, _FRAMEWORKS)
    if not declared:
        raise NotApplicable("no HTTP API framework among the declared dependencies")
    frameworks = [
        (f, d)
        for f, d in declared
        if f.api_first or not _serves_pages(repo, d.manifest)
    ]
    if not frameworks:
        framework, dep = declared[0]
        example = _serves_pages(repo, dep.manifest)
        raise NotApplicable(
            f"{framework.name} serves web pages ({example}), not an HTTP API"
        )
    inventory = api_inventory(repo)
    described = False
    for document in inventory.documents:
        described = True
        yield Evidence(document.path, document.label)
    for published in inventory.published:
        described = True
        yield Evidence(
            published.path,
            f"api_specifications published at {', '.join(published.urls)} (bcgovpubcode.yaml)",
        )
    generators = _declared(repo, _GENERATORS)
    for generator, dep in _unique_by_name(generators):
        described = True
        yield Evidence(
            dep.manifest, f"{generator.name} generates the OpenAPI document at run time"
        )
    if described:
        return
    dep = frameworks[0][1]
    names = [f.name for f, _ in _unique_by_name(frameworks)]
    shown = " and ".join(names[:2]) + (
        f" (and {len(names) - 2} more)" if len(names) > 2 else ""
    )
    yield Finding(
        f"no OpenAPI, AsyncAPI or GraphQL description is committed for the {shown} "
        f"API{'s' if len(names) > 1 else ''}: add one, e.g. {_suggested_path(dep.manifest)}",
        path=dep.manifest,
        start_line=dep.line,
    )


# Server-side page templates: a framework beside them renders a website, not an API.
_TEMPLATE_SUFFIXES = (
    ".njk",
    ".nunjucks",
    ".html.erb",
    ".haml",
    ".cshtml",
    ".razor",
    ".scala.html",
    ".jsp",
    ".ftlh",
    ".hbs",
    ".handlebars",
    ".pug",
    ".ejs",
    ".twig",
    ".blade.php",
    ".gohtml",
    ".html.heex",
    ".html.eex",
    ".html.j2",
    ".jinja",
    ".jinja2",
)
_TEMPLATE_FOLDERS = re.compile(r"(?:^|/)(?:templates|views)/")
_NOT_PAGES = lazy_re(r"(?:^|/)(?:docs?|e?mails?|mailers?|swagger[-_]?ui|redoc)/")


def _page_templates(repo: Repository) -> list[str]:
    def memo() -> list[str]:
        html = [
            p
            for p in repo.by_extension(".html", ".htm")
            if _TEMPLATE_FOLDERS.search(p.lower())
        ]
        others = [
            p
            for p in repo.by_extension(
                *{"." + s.rpartition(".")[2] for s in _TEMPLATE_SUFFIXES}
            )
            if p.lower().endswith(_TEMPLATE_SUFFIXES)
        ]
        return sorted(
            p
            for p in {*html, *others}
            if not skipped_path(p) and not _NOT_PAGES.search(p.lower())
        )

    return repo.memo("open_standards.page_templates", memo)


def _serves_pages(repo: Repository, manifest: str) -> str | None:
    """The first page template in the manifest's project, unless Rails says api_only."""
    folder = requirements_home(manifest)
    prefix = f"{folder}/" if folder else ""
    if repo.line_of(f"{prefix}config/application.rb", r"config\.api_only\s*=\s*true"):
        return None
    return next((p for p in _page_templates(repo) if p.startswith(prefix)), None)


def _unique_by_name(
    found: list[tuple[_Framework, Dependency]],
) -> list[tuple[_Framework, Dependency]]:
    seen: set[str] = set()
    unique = []
    for framework, dep in found:
        if framework.name not in seen:
            seen.add(framework.name)
            unique.append((framework, dep))
    return unique


def _suggested_path(manifest: str) -> str:
    folder = requirements_home(manifest)
    return f"{folder}/docs/openapi.yaml" if folder else "docs/openapi.yaml"


# -- TC0403 open-document-formats -------------------------------------------------------------

# extension -> (what it is, the open formats to use instead, given the file's stem)
_CLOSED_DOCUMENTS: dict[str, tuple[str, Callable[[str], str]]] = {}
for _ext in (".doc", ".docx", ".docm", ".dot", ".dotx"):
    _CLOSED_DOCUMENTS[_ext] = (
        "Word document",
        lambda stem: (
            f"convert it to OpenDocument text ({stem}.odt) or Markdown ({stem}.md)"
        ),
    )
for _ext in (".ppt", ".pptx", ".pptm", ".pps", ".ppsx"):
    _CLOSED_DOCUMENTS[_ext] = (
        "PowerPoint presentation",
        lambda stem: (
            f"convert it to OpenDocument presentation ({stem}.odp) or Markdown ({stem}.md)"
        ),
    )
for _ext in (".vsd", ".vsdx"):
    _CLOSED_DOCUMENTS[_ext] = (
        "Visio diagram",
        lambda stem: (
            f"export it as SVG ({stem}.svg) or OpenDocument drawing ({stem}.odg), or keep "
            f"it as a Mermaid diagram in Markdown"
        ),
    )
_CLOSED_DOCUMENTS[".pages"] = (
    "Apple Pages document",
    lambda stem: (
        f"convert it to OpenDocument text ({stem}.odt) or Markdown ({stem}.md)"
    ),
)
_OPEN_DOCUMENTS = (".odt", ".odp", ".odg", ".ods")


def closed_format_findings(
    repo: Repository, formats: dict[str, tuple[str, Callable[[str], str]]]
) -> Iterator[Finding]:
    """One finding per committed file in ``formats`` (extension -> (kind, fix from stem))."""
    for path in repo.by_extension(*formats):
        if skipped_path(path):
            continue
        name = path.rpartition("/")[2]
        stem, _, extension = name.rpartition(".")
        kind, fix = formats["." + extension.lower()]
        yield Finding(
            f"closed format ({kind}, .{extension.lower()}): {fix(stem)}",
            path=path,
        )


@rule(
    code="TC0403",
    name="open-document-formats",
    topic="open-standards",
    level="warning",
    summary="Documents are committed in open formats (ODF, Markdown), not Word/PowerPoint/Visio.",
    rationale="""
Point 4 of the Code (make use of open standards) and the government's Open Standards Principles
ask that documents are shared in open formats: OpenDocument (ODF) for editable office documents,
HTML or Markdown for documentation. A `.docx`, `.pptx` or `.vsdx` in a repository needs a
particular product to read or change, cannot be reviewed line by line in a pull request, and is
invisible to search.

This rule reports Word (.doc, .docx), PowerPoint (.ppt, .pptx), Visio (.vsd, .vsdx) and Pages
files. Spreadsheets (.xls, .xlsx) are reported once, by TC1002 (open-data-formats), because a
committed spreadsheet is nearly always data and the fix is CSV or ODS. Files under dependency,
test and fixture folders are left out (a parser's test documents are not the project's
documentation).
""",
    remediation="""
Convert the document and commit the open version instead:

```sh
# LibreOffice, headless: .docx -> .odt, .pptx -> .odp
soffice --headless --convert-to odt docs/design.docx
soffice --headless --convert-to odp docs/briefing.pptx
# or to Markdown, which reviews well in pull requests
pandoc docs/design.docx -o docs/design.md
git rm docs/design.docx docs/briefing.pptx
```

Draw diagrams as text (Mermaid or PlantUML in Markdown) or export them as SVG. If a closed format
is required (a template a supplier insists on), record an exemption in `.tcop-lint.yml` with
the reason and an expiry date.
""",
)
def open_document_formats(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    yield from closed_format_findings(repo, _CLOSED_DOCUMENTS)
    for path in repo.by_extension(*_OPEN_DOCUMENTS)[:10]:
        if not skipped_path(path):
            yield Evidence(path, "OpenDocument format")
