"""YAML parse trees in the result cache: what a hit returns is what parsing returns, line
numbers and types included, and an entry that does not decode exactly is a miss."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tcop_lint.cache import ResultCache
from tcop_lint.parse_cache import (
    MAX_NODES,
    _decode_parsed,
    _encode_parsed,
    _NotStorable,
    parse_yaml_cached,
)
from tcop_lint.parsing import LineDict, LineList, Parsed, parse_yaml

DOCUMENTS = {
    "workflow": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pytest\n",
    "keys-of-every-type": "1: one\ntrue: yes\nnull: nothing\n2.5: half\n2001-12-14: day\n",
    "anchors-and-merge": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\nagain: *b\n",
    "binary": "data: !!binary aGVsbG8=\n",
    "set": "s: !!set {a, b}\n",
    "pairs": "p: !!pairs [a: 1, b: 2]\n",
    "omap": "o: !!omap [a: 1, b: 2]\n",
    "timestamps": "d: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00\n"
    "u: 2001-12-15 2:59:43.10\nodd: 2001-13-45\n",
    "numbers": "n: .nan\ni: -.inf\nz: -0.0\nbig: 123456789012345678901234567890\n",
    "unicode": 'name: "caf\\u00e9 \\U0001F600"\n',
    "empty": "",
    "comment-only": "# nothing here\n",
    "scalar": "just text\n",
    "nested-lists": "- a\n- - b\n  - c\n-\n  - {k: [1, {z: null}]}\n",
    "duplicate-keys": "a: 1\na: 2\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "unclosed-flow": "a: [1, 2\nb: 3\n",
    "unsafe-tag": "a: !!python/object/apply:os.system [true]\n",
    "control-character": "a: 1\nb: \x07\n",
    "recursive-alias": "a: &a [*a]\n",
    "unhashable-key": "? [a, b]\n: c\n",
}


def signature(value: Any) -> Any:
    """Everything a rule can see of a parsed value: types, values and every line number."""
    if isinstance(value, LineDict):
        items = [
            (signature(k), signature(v), value.line_of(k)) for k, v in value.items()
        ]
        return ("map", value.line, items)
    if isinstance(value, LineList):
        return ("seq", value.line, value.item_lines, [signature(i) for i in value])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [signature(i) for i in value])
    if isinstance(value, set):
        return ("set", sorted(repr(signature(i)) for i in value))
    return (type(value).__name__, repr(value))


def parsed_signature(parsed: Parsed) -> Any:
    return (signature(parsed.data), parsed.error, parsed.line)


def through_json(parsed: Parsed) -> Parsed:
    """What a later run reads back: the stored form, written and read as JSON text."""
    return _decode_parsed(json.loads(json.dumps(_encode_parsed(parsed))))


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_a_stored_tree_reads_back_as_parsed(text: str, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    parsed = parse_yaml(text)
    assert parsed_signature(through_json(parsed)) == parsed_signature(parsed)
    assert parsed_signature(parse_yaml_cached(text, cache)) == parsed_signature(parsed)
    assert len(list(tmp_path.glob("yaml-*.json"))) == 1
    assert parsed_signature(parse_yaml_cached(text, cache)) == parsed_signature(parsed)


def test_the_corpus_covers_every_stored_type() -> None:
    kinds: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            kinds.update(node.keys() - {"line", "lines"})
            for child in node.values():
                collect(child)
        elif isinstance(node, list):
            for child in node:
                collect(child)

    for text in DOCUMENTS.values():
        collect(_encode_parsed(parse_yaml(text)))
    assert kinds == {
        "data",
        "error",
        "map",
        "seq",
        "list",
        "tuple",
        "set",
        "bytes",
        "date",
        "datetime",
    }


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.dates()
    | st.datetimes(timezones=st.none() | st.timezones())
    | st.binary(max_size=20)
)
keys = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
)
trees = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(tree=trees, flow=st.booleans())
def test_random_documents_read_back_as_parsed(tree: Any, flow: bool) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    parsed = parse_yaml(text)
    assert parsed_signature(through_json(parsed)) == parsed_signature(parsed)


def test_a_hit_is_read_from_the_entry(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    parse_yaml_cached("name: old\n", cache)
    (entry,) = tmp_path.glob("yaml-*.json")
    entry.write_text(entry.read_text().replace('"old"', '"stored"'))
    assert parse_yaml_cached("name: old\n", cache).data == {"name": "stored"}


@pytest.mark.parametrize(
    "stored",
    [
        {"data": {"seq": ["a"], "line": "1", "lines": [1]}},
        {"data": {"seq": ["a"], "line": 1, "lines": []}},
        {"data": {"map": [["a", 1, 0]], "line": 1}},
        {"data": {"map": [["a", 1]], "line": 1}},
        {"data": {"map": [[{"list": []}, 1, 1]], "line": 1}},
        {"data": {"bytes": "not base64!"}},
        {"data": {"date": 20011214}},
        {"data": {"unknown": 1}},
        {"error": 1, "line": 2},
        {"nothing": None},
    ],
)
def test_an_entry_that_does_not_decode_exactly_is_a_miss(
    stored: dict, tmp_path: Path
) -> None:
    cache = ResultCache(tmp_path)
    parse_yaml_cached("- a\n", cache)
    (entry,) = tmp_path.glob("yaml-*.json")
    entry.write_text(json.dumps(stored))
    reparsed = parse_yaml_cached("- a\n", cache)
    assert parsed_signature(reparsed) == parsed_signature(parse_yaml("- a\n"))
    assert json.loads(entry.read_text()) == _encode_parsed(reparsed)  # rewritten


def test_a_tree_past_max_nodes_is_parsed_but_not_stored(tmp_path: Path) -> None:
    text = "- 1\n" * MAX_NODES  # the list itself is one more value
    parsed = parse_yaml_cached(text, ResultCache(tmp_path))
    assert len(parsed.data) == MAX_NODES
    assert list(tmp_path.iterdir()) == []


def test_a_value_of_another_type_is_not_stored() -> None:
    with pytest.raises(_NotStorable):
        _encode_parsed(Parsed(data=LineList([1, dt.time(12, 0)])))


def test_no_cache_directory_stores_nothing(tmp_path: Path) -> None:
    parsed = parse_yaml_cached("name: build\n", ResultCache(None))
    assert parsed.data == {"name": "build"}
    assert parse_yaml_cached("day: 2001-12-14\n", None).data == {
        "day": dt.date(2001, 12, 14)
    }
