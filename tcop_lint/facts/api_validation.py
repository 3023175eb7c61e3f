"""Validating a bundled OpenAPI or Swagger document: each problem openapi-spec-validator finds,
as typed data placed at the repository file, line and JSON pointer it is about.

Two passes, as openapi-spec-validator makes them: the version's JSON Schema (``schema``
problems, one per failing keyword), then its own checks that a schema cannot express (unique
operationIds, every ``{template}`` of a path declared, defaults that match their schema...),
area by area so that each problem can be placed at its path item or component.

What a problem says quotes the repository only in short, escaped excerpts. A document that
pulled in anything from a server (``--online``) is described without quoting at all: a
validator's message repeats the value it rejected, and a ``$ref`` to an internal address must
not carry the answer into a report. A problem inside fetched content names the repository
``$ref`` that led there instead (:attr:`ApiProblem.fetched_via`).

A document's problems are kept in the result cache when the run is offline and validation
finished in time: importing openapi-spec-validator takes longer (0.4 s) than the rest of a
small repository's run.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any, NamedTuple

from tcop_lint.cache import as_records
from tcop_lint.facts.openapi import ApiDescription, excerpt
from tcop_lint.facts.openapi_bundle import Bundle, locate
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository

VALIDATION_LIBRARIES = (
    "openapi_spec_validator",
    "openapi_schema_validator",
    "jsonschema",
    "jsonschema_path",
)
"""The third-party code a cached validation depends on."""

MAX_TEXT = 200
"""Longest problem description; longer validator messages are cut."""


class SpecVersion(NamedTuple):
    label: str
    """``OpenAPI 3.0``, ``Swagger 2.0``."""
    validator: str
    """Class name in openapi_spec_validator."""
    checks_schemas: bool
    """Whether the OpenAPI JSON Schema itself validates Schema objects (2.0/3.0 yes, 3.1 no)."""


def spec_version(doc: ApiDescription) -> SpecVersion | None:
    """The validator for the document's declared version; ``None`` for one there is none for."""
    version = doc.version or ""
    if doc.kind == "swagger":
        return (
            SpecVersion("Swagger 2.0", "OpenAPIV2SpecValidator", True)
            if _starts_version(version, "2.0")
            else None
        )
    for prefix, name, checks in (
        ("3.0", "OpenAPIV30SpecValidator", True),
        ("3.1", "OpenAPIV31SpecValidator", False),
        ("3.2", "OpenAPIV32SpecValidator", False),
    ):
        if _starts_version(version, prefix):
            return SpecVersion(f"OpenAPI {prefix}", name, checks)
    return None


def _starts_version(version: str, prefix: str) -> bool:
    """``3.0``, ``3.0.3``, ``3.0-rc1``, but not ``3.01``."""
    rest = version[len(prefix) :]
    return version.startswith(prefix) and not rest[:1].isdigit()


class ApiProblem(NamedTuple):
    """One problem with a document, at the repository file and line it is about."""

    kind: str
    """``schema`` (the version's JSON Schema), or one of openapi-spec-validator's own checks:
    ``duplicate-operation-id``, ``duplicate-parameter``, ``unresolved-path-parameter``,
    ``undefined-required-property``, ``duplicate-tag``, ``invalid-default``,
    ``invalid-schema``."""
    validator: str
    """The JSON Schema keyword that failed (``required``, ``type``...), or ``kind``."""
    path: str
    line: int
    pointer: tuple[str, ...]
    """Where in ``path`` (keys and list indexes as text)."""
    text: str
    """What is wrong: one line of at most :data:`MAX_TEXT` characters, starting lower-case
    unless it starts with a name."""
    missing: str = ""
    """For ``required``: the property to add."""
    on_version: bool = False
    """The ``openapi``/``swagger`` version key has the wrong type (usually: unquoted)."""
    among_paths: bool = False
    """An unexpected key among ``paths`` (which start with ``/``)."""
    fetched_via: str | None = None
    """The node came from a fetched document through this repository ``$ref``."""


class DocumentCheck(NamedTuple):
    supported: bool
    """openapi-spec-validator has a validator for the document's version."""
    problems: list[ApiProblem]
    too_deep: bool = False
    """The JSON Schema pass hit Python's recursion limit: not fully validated."""
    complete: bool = True
    """Validated before the deadline."""


class _NotKept(Exception):
    """A result the cache must not keep (validation ran out of time)."""

    def __init__(self, check: DocumentCheck) -> None:
        super().__init__("not kept")
        self.check = check


def validate(
    repo: Repository, doc: ApiDescription, bundled: Bundle, deadline: float
) -> DocumentCheck:
    """The problems of ``doc`` bundled as ``bundled`` (whose ``data`` is not ``None``),
    remembered between offline runs."""
    version = spec_version(doc)
    if version is None:
        return DocumentCheck(False, [])
    if bundled.online:  # a server's answer may change, and is never written anywhere
        return _check(repo, doc, bundled, version, deadline)

    def kept() -> DocumentCheck:
        check = _check(repo, doc, bundled, version, deadline)
        if not check.complete:
            raise _NotKept(check)
        return check

    files = [doc.path, *bundled.parts]
    inputs = (
        doc.kind,
        doc.version or "",
        str(repo.max_bytes),
        *(f"{path}\0{repo.read_text(path) or ''}" for path in files),
    )
    try:
        return repo.cache.cached(
            "openapi",
            inputs,
            kept,
            libraries=VALIDATION_LIBRARIES,
            encode=_encode,
            decode=_decode,
        )
    except _NotKept as stop:
        return stop.check


def _encode(check: DocumentCheck) -> dict[str, Any]:
    return {
        "supported": check.supported,
        "too_deep": check.too_deep,
        "problems": [problem._asdict() for problem in check.problems],
    }


def _decode(stored: Any) -> DocumentCheck | None:
    if not isinstance(stored, dict):
        return None
    problems = as_records(stored.get("problems"), _problem)
    if problems is None:
        return None
    return DocumentCheck(
        bool(stored.get("supported")), problems, bool(stored.get("too_deep"))
    )


def _problem(**fields: Any) -> ApiProblem:
    pointer = fields.get("pointer")
    if not isinstance(pointer, list):
        raise TypeError("pointer")
    return ApiProblem(**{**fields, "pointer": tuple(str(p) for p in pointer)})


def _check(
    repo: Repository,
    doc: ApiDescription,
    bundled: Bundle,
    version: SpecVersion,
    deadline: float,
) -> DocumentCheck:
    validator = _validator_class(version)
    if validator is None:
        return DocumentCheck(False, [])
    blind = bool(bundled.fetched)
    problems: list[ApiProblem] = []
    too_deep = False
    try:  # what extend() took before a RecursionError stays in the list
        problems.extend(_schema_problems(repo, bundled, validator, deadline, blind))
    except RecursionError:
        too_deep = True
    problems.extend(_keyword_problems(repo, bundled, version, validator, deadline))
    unique = list(dict.fromkeys(problems))
    return DocumentCheck(True, unique, too_deep, time.monotonic() <= deadline)


def _validator_class(version: SpecVersion) -> Any:
    import openapi_spec_validator

    return getattr(openapi_spec_validator, version.validator, None)


# -- the JSON Schema pass ---------------------------------------------------------------------


def _schema_problems(
    repo: Repository, bundled: Bundle, validator: Any, deadline: float, blind: bool
) -> Iterator[ApiProblem]:
    schema_validator = getattr(validator, "schema_validator", None)
    if schema_validator is None:
        return
    for error in schema_validator.iter_errors(bundled.data):
        specific = _most_specific(error)
        location = locate(repo, bundled, _error_keys(specific))
        quiet = blind or location.fetched_via is not None
        keys = list(specific.absolute_path)
        yield ApiProblem(
            "schema",
            str(specific.validator),
            location.path,
            location.line,
            location.pointer,
            _blind_text(specific) if quiet else _quoted_text(specific),
            missing=_missing_property(specific),
            on_version=(
                specific.validator == "type"
                and bool(keys)
                and keys[-1] in ("openapi", "swagger")
            ),
            among_paths=(
                specific.validator in ("additionalProperties", "unevaluatedProperties")
                and "does not match any of the regexes: '^\\\\/'" in specific.message
            ),
            fetched_via=location.fetched_via,
        )
        if time.monotonic() > deadline:
            return


def _error_keys(error: Any) -> list[Any]:
    """Where the error is; for an unexpected key, the key itself rather than its parent."""
    keys = list(error.absolute_path)
    instance = error.instance
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        extra = _first_quoted(error.message)
        if extra and isinstance(instance, dict):
            # the message shows the key as repr() does: escaped
            found = extra if extra in instance else _key_shown_as(instance, extra)
            if found is not None:
                keys.append(found)
    return keys


def _key_shown_as(mapping: dict, shown: str) -> str | None:
    """The key of ``mapping`` that ``repr()`` shows as ``'shown'``."""
    return next(
        (k for k in mapping if isinstance(k, str) and repr(k)[1:-1] == shown), None
    )


def _first_quoted(message: str) -> str | None:
    """The text between the first two ``'`` of a message, if not empty."""
    start = message.find("'")
    end = message.find("'", start + 1) if start != -1 else -1
    return message[start + 1 : end] if end > start + 1 else None


_REQUIRED = " is a required property"


def _missing_property(error: Any) -> str:
    """The property a ``required`` error asks for (its name is the schema's, not the
    document's)."""
    message = error.message
    if error.validator != "required" or not message.endswith(_REQUIRED):
        return ""
    quoted = message[: -len(_REQUIRED)]
    if len(quoted) >= 2 and quoted[0] == quoted[-1] and quoted[0] in "'\"":
        return excerpt(quoted[1:-1], 60)
    return ""


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
    merged.message = f"{_shown(merged.instance)} is not one of {allowed!r}"
    return merged


def _shown(value: Any) -> str:
    """A value of the document for a message: short, escaped, on one line."""
    if isinstance(value, dict):
        return "this object"
    if isinstance(value, list):
        return "this list"
    shown = repr(value) if not isinstance(value, str) else repr(value[:40])
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _quoted_text(error: Any) -> str:
    """The validator's message, with the value it rejected shown short: an object or list
    as "this object"/"this list", a long scalar cut."""
    message = error.message
    instance = getattr(error, "instance", None)
    if isinstance(instance, (dict, list)) or len(repr(instance)) > 40:
        message = message.replace(repr(instance), _shown(instance))
    return _lower_first(_clean(_shorten_quoted(message)))


def _shorten_quoted(message: str, limit: int = 40) -> str:
    """Every '...' run in the message (a key or value the validator quotes) cut to
    ``limit`` characters, so that the message's own words after it stay in view."""
    parts = message.split("'")
    for index in range(1, len(parts), 2):
        if len(parts[index]) > limit:
            parts[index] = parts[index][: limit - 3] + "..."
    return "'".join(parts)


def _blind_text(error: Any) -> str:
    """What is wrong, from the schema's side only: nothing of the document's value."""
    validator = error.validator
    expected = error.validator_value
    if validator == "required":
        return _clean(error.message)  # names the schema's property, not the value
    if validator == "type":
        types = expected if isinstance(expected, list) else [expected]
        return _clean(f"the value is not of type {', '.join(map(repr, types))}")
    if validator == "enum":
        return _clean(f"the value is not one of {expected!r}")
    if validator == "const":
        return _clean(f"the value is not {expected!r}")
    if validator in ("additionalProperties", "unevaluatedProperties"):
        return "a property there is not allowed"
    if validator in ("pattern", "format"):
        return _clean(f"the value does not match the {validator} {expected!r}")
    if validator in ("oneOf", "anyOf"):
        if "is valid under each of" in error.message:
            return "the value is valid under more than one of the given schemas"
        return "the value is not valid under any of the given schemas"
    return f"the value does not satisfy the schema's {excerpt(str(validator), 40)}"


def _clean(message: str) -> str:
    """One line of at most MAX_TEXT characters, anything non-printable escaped."""
    return excerpt(" ".join(message[: MAX_TEXT * 4].split()), MAX_TEXT)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# -- openapi-spec-validator's own checks ------------------------------------------------------

_KEYWORD_KINDS = {
    "DuplicateOperationIDError": (
        "duplicate-operation-id",
        "an operationId is not unique",
    ),
    "ParameterDuplicateError": ("duplicate-parameter", "a parameter is declared twice"),
    "UnresolvableParameterError": (
        "unresolved-path-parameter",
        "a path parameter was not resolved",
    ),
    "ExtraParametersError": (
        "undefined-required-property",
        "required names a property the schema does not define",
    ),
}
_OPERATION_IN_PATH = linear_re(r"for '(\w+)'(?: operation)? in '(/[^']*)'")


def _keyword_problems(
    repo: Repository,
    bundled: Bundle,
    version: SpecVersion,
    validator: Any,
    deadline: float,
) -> Iterator[ApiProblem]:
    try:
        from jsonschema_path import SchemaPath

        spec = SchemaPath.from_dict(bundled.data, handlers=_OFFLINE_HANDLERS)
        registry = validator(spec).keyword_validators_registry
        areas = list(_keyword_areas(spec, registry, bundled.data))
    except (ImportError, AttributeError, KeyError, TypeError, RecursionError):
        # No keyword registry in this openapi-spec-validator, or $refs it cannot follow
        # to an end: the schema problems stand alone.
        return
    for keys, run in areas:
        if time.monotonic() > deadline:
            return
        try:
            errors = list(run())
        except Exception:  # noqa: BLE001 - it can trip on a malformed node the schema pass reports
            errors = []
        for error in errors:
            problem = _keyword_problem(repo, bundled, version, keys, error)
            if problem:
                yield problem


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


def _keyword_kind(
    name: str, keys: tuple[str, ...], version: SpecVersion
) -> tuple[str, str] | None:
    """(kind, what is wrong without quoting) of one of openapi-spec-validator's errors;
    ``None`` for a schema problem the JSON Schema pass has already reported."""
    if name in _KEYWORD_KINDS:
        return _KEYWORD_KINDS[name]
    if keys == ("tags",):
        return "duplicate-tag", "a tag name is not unique"
    if name == "ValidationError":
        return "invalid-default", "a default value does not match its schema"
    if version.checks_schemas:
        return None
    return "invalid-schema", "invalid schema"


def _keyword_problem(
    repo: Repository,
    bundled: Bundle,
    version: SpecVersion,
    keys: tuple[str, ...],
    error: Any,
) -> ApiProblem | None:
    name = type(error).__name__
    found = _keyword_kind(name, keys, version)
    if found is None:
        return None
    kind, blind_text = found
    match = _OPERATION_IN_PATH.search(error.message)
    if match and keys[:1] == ("paths",):
        keys = ("paths", match.group(2), match.group(1))
        if kind == "duplicate-operation-id":
            keys = (*keys, "operationId")
    location = locate(repo, bundled, keys)
    if bundled.fetched:
        # the checks follow the bundle's local $refs, so any message may quote a server's
        # content: say only what kind of problem it is
        text = blind_text
    elif kind == "invalid-default":
        text = f"default value {_quoted_text(error)}"
    elif kind == "invalid-schema":
        text = f"invalid schema: {_quoted_text(error)}"
    else:
        text = _quoted_text(error)
    return ApiProblem(
        kind,
        kind,
        location.path,
        location.line,
        location.pointer,
        _clean(text),
        fetched_via=location.fetched_via,
    )
