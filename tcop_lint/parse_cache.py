"""YAML parse trees kept in the result cache, so that a warm run need not import PyYAML.

Importing PyYAML is 12% of a small warm run (7% is one regular expression in ``yaml.reader``
that libyaml's loader never uses), while a pre-commit hook parses the same workflow and
Dependabot files time after time. A tree is stored as JSON, line numbers included, under a
key of the whole text and of the parsing code (tcop_lint.parsing and PyYAML), so a hit is
what parsing would return.

JSON holds ``None``, booleans, numbers and strings as themselves; every other value becomes a
one-key object naming its type, so decoding needs no guessing. A tree holding a type this
module does not know, or more than MAX_NODES values (aliases expand when stored), is not
stored.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from tcop_lint.cache import ResultCache
from tcop_lint.parsing import LineDict, LineList, Parsed, parse_yaml

MAX_NODES = 20_000
_LIBRARIES = ("yaml",)


class _NotStorable(Exception):
    """The tree holds a value JSON cannot hold exactly, or too many values."""


def parse_yaml_cached(text: str, cache: ResultCache | None) -> Parsed:
    """``parse_yaml(text)``, from ``cache`` when this text was parsed before."""
    if cache is None or cache.directory is None:
        return parse_yaml(text)
    key = cache.key("yaml", text, libraries=_LIBRARIES)
    stored = cache.get(key)
    if isinstance(stored, dict):
        try:
            return _decode_parsed(stored)
        except (KeyError, TypeError, ValueError):
            pass  # written by other code: parse again and overwrite it
    parsed = parse_yaml(text)
    try:
        cache.put(key, _encode_parsed(parsed))
    except _NotStorable:
        pass
    return parsed


def _encode_parsed(parsed: Parsed) -> dict[str, Any]:
    if not parsed.ok:
        return {"error": parsed.error, "line": parsed.line}
    left = MAX_NODES

    def encode(value: Any) -> Any:
        nonlocal left
        left -= 1
        if left < 0:
            raise _NotStorable
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, LineDict):
            pairs = [[encode(k), encode(v), value.line_of(k)] for k, v in value.items()]
            return {"map": pairs, "line": value.line}
        if isinstance(value, LineList):
            items = [encode(item) for item in value]
            return {"seq": items, "line": value.line, "lines": value.item_lines}
        # !!pairs gives a list of tuples, !!set a set
        if type(value) in (list, tuple, set):
            return {type(value).__name__: [encode(item) for item in value]}
        if isinstance(value, bytes):  # !!binary
            return {"bytes": base64.b64encode(value).decode("ascii")}
        if isinstance(value, dt.datetime):
            return {"datetime": value.isoformat()}
        if isinstance(value, dt.date):
            return {"date": value.isoformat()}
        raise _NotStorable

    return {"data": encode(parsed.data)}


def _decode_parsed(stored: dict[str, Any]) -> Parsed:
    if "error" in stored:
        error, line = stored["error"], stored["line"]
        if not isinstance(error, str) or not (line is None or isinstance(line, int)):
            raise TypeError("not a parse error")
        return Parsed(error=error, line=line)
    return Parsed(data=_decode(stored["data"]))


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "map" in value:
        mapping = LineDict()
        mapping.line = _line(value["line"])
        mapping.key_lines = {}
        for k, v, line in value["map"]:
            key = _decode(k)
            mapping[key] = _decode(v)
            mapping.key_lines[key] = _line(line)
        return mapping
    if "seq" in value:
        sequence = LineList(_decode(item) for item in value["seq"])
        sequence.line = _line(value["line"])
        sequence.item_lines = [_line(line) for line in value["lines"]]
        if len(sequence.item_lines) != len(sequence):
            raise ValueError("a line for each item")
        return sequence
    if "list" in value:
        return [_decode(item) for item in value["list"]]
    if "tuple" in value:
        return tuple(_decode(item) for item in value["tuple"])
    if "set" in value:
        return {_decode(item) for item in value["set"]}
    if "bytes" in value:
        return base64.b64decode(value["bytes"], validate=True)
    if "datetime" in value:
        return dt.datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return dt.date.fromisoformat(value["date"])
    raise ValueError(f"unknown stored value {sorted(value)!r}")


def _line(value: Any) -> int:
    """A stored line number, which findings put into SARIF: a positive int or a miss."""
    if type(value) is not int or value < 1:
        raise TypeError(f"not a line number: {value!r}")
    return value
