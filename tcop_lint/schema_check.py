"""The one way to check a parsed YAML/JSON document against a JSON Schema and say where.

The config, the privacy assessment and publiccode.yml are all YAML read with line numbers
(:mod:`tcop_lint.parsing`); each error comes back with the line of the deepest node its path
reaches, so a message can say ``FILE:LINE``. jsonschema is imported on first use (about
0.1 s).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from tcop_lint.parsing import LineDict, LineList


class SchemaError(NamedTuple):
    line: int
    path: tuple[Any, ...]
    """Where in the document, as keys and indexes (``("questions", "q1")``)."""
    error: Any
    """The ``jsonschema.ValidationError``, for its validator, schema and instance."""

    @property
    def dotted(self) -> str:
        return ".".join(map(str, self.path))


def as_json(value: Any) -> Any:
    """YAML data as JSON would hold it: keys as strings, dates as ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def line_at(data: Any, path: list[Any] | tuple[Any, ...]) -> int:
    """The line of the deepest node of ``data`` that ``path`` reaches (keys compared as
    strings, as :func:`as_json` makes them)."""
    node = data
    line = getattr(data, "line", 1)
    for step in path:
        if isinstance(node, LineDict):
            key = (
                step
                if step in node
                else next((k for k in node if str(k) == str(step)), None)
            )
            if key is None:
                break
            line = node.line_of(key)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
            node = node[step]
        else:
            break
    return line


def validator(schema: dict[str, Any], *, formats: bool = False) -> Any:
    """A validator for ``schema`` of the draft it declares (Draft 2020-12 when it declares
    none); ``formats`` checks ``format`` keywords too."""
    from jsonschema.validators import Draft202012Validator, validator_for

    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER if formats else None)


def schema_errors(
    data: Any,
    check: Any,
    *,
    prepare: Callable[[Any], None] | None = None,
) -> list[SchemaError]:
    """Every error of ``check`` (from :func:`validator`) on ``data``, by line then path.
    ``prepare`` may adjust the JSON form before it is checked."""
    plain = as_json(data)
    if prepare is not None:
        prepare(plain)
    found = [
        SchemaError(line_at(data, list(e.absolute_path)), tuple(e.absolute_path), e)
        for e in check.iter_errors(plain)
    ]
    return sorted(
        found, key=lambda s: (s.line, list(map(str, s.path)), s.error.message)
    )
