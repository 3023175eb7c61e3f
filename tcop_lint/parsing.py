"""Parse untrusted YAML, JSON and TOML without ever raising, executing tags or blowing up.

YAML is loaded with a SafeLoader subclass that records where each mapping key and list item
starts, so rules can point a finding at the exact line. Aliases are counted while composing
so that a "billion laughs" document is rejected before anything walks it.

Every parser's time and memory stay proportional to its input, and small: nesting deeper than
the interpreter's stack (or libyaml's depth cap) is "nested too deeply"; TOML's dotted keys,
on which ``tomllib`` is quadratic in memory (a 40 KB key of 20,000 parts takes 2.4 GB), are
costed before ``tomllib`` sees them; JSON5 is read through the standard JSON parser after
a linear pass removes its comments, trailing commas and unquoted keys, and only a small file
that still needs more goes to the (slow, superlinear) ``json5`` library. An input over a
limit is a parse problem like any other, never a crash.
"""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from tcop_lint import collector
from tcop_lint.regex import lazy_re

if TYPE_CHECKING:
    import yaml

MAX_ALIAS_NODES = 200_000
_SIZE_CAP = 1 << 40  # keeps a billion-laughs count a small integer
_TOML_POSITION = lazy_re(r"\s*\(at line (\d+), column \d+\)")

MAX_JSON5_BYTES = 16 * 1024
"""The largest file the ``json5`` library reads (about a second at worst); a larger one must
keep to the JSON5 that :func:`_json5_as_json` turns into JSON."""
_JSON5_TOKEN = lazy_re(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*+"?)"""
    r"|(?P<single>'(?:[^'\\\n]|\\.)*+'?)"
    r"|(?P<comment>//[^\n]*+|/\*(?:[^*]|\*(?!/))*+(?:\*/)?)"
    r"|(?P<name>[A-Za-z_$][\w$]*+)"
    r"|(?P<space>\s++)"
    r"|(?P<other>[^\s\"'/A-Za-z_$,:\[\]{}]++|[,:\[\]{}/])"
)
_SINGLE_QUOTED_ESCAPE = lazy_re(r"\\.|\"")

MAX_TOML_KEY_COST = 2_000_000
"""How many key parts ``tomllib`` may hold in its per-table bookkeeping: for each dotted key
of K parts under a table header of H parts it keeps K - 1 prefixes of H + 1 ... H + K - 1
parts until the table ends. 2,000,000 is about 16 MB; real files use a few thousand."""
_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"?|'[^'\n]*+'?)"""
# Every word and string is one match (a dotted key: its parts joined by dots), so that no
# search restarts inside one: linear on any text, an unclosed string included.
_TOML_DOTTED_KEY = lazy_re(
    r"(?P<header>^[ \t]*+\[\[?[ \t]*+)?(?<![A-Za-z0-9_-])"
    rf"{_TOML_KEY_PART}(?:[ \t]*+\.[ \t]*+{_TOML_KEY_PART})*+",
    re.MULTILINE,
)


class LineDict(dict):
    """A mapping from YAML that knows the line (1-based) of itself and of each key."""

    line: int = 1
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return (
            self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line
        )


def line_of(value: Any, default: int = 1) -> int:
    """The line a parsed value started on, when the parser recorded it."""
    return getattr(value, "line", default)


class Parsed(NamedTuple):
    """A parse result: ``data`` when it parsed, else ``error`` and the ``line`` it points at."""

    data: Any = None
    error: str | None = None
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """The loader class, built at first use: PyYAML takes 12% of a small run to import, and a
    run whose YAML parse trees are all cached (tcop_lint.parse_cache) needs none of it."""
    import yaml

    # libyaml's parser composes about 4x faster than the pure-Python one and caps nesting
    # depth itself; the constructors below stay in Python either way.
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[valid-type, misc]
        """SafeLoader that keeps line numbers and refuses alias bombs."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            # Without an anchor (``&name``) there is nothing to alias, and counting is a
            # third of the time of a big document.
            self._may_alias = "&" in stream

        def get_node(self) -> yaml.Node | None:
            return self._bounded(super().get_node())

        def get_single_node(self) -> yaml.Node | None:
            return self._bounded(super().get_single_node())

        def _bounded(self, node: yaml.Node | None) -> yaml.Node | None:
            if node is not None and self._may_alias:
                _refuse_alias_bomb(node)
            return node

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            # A tag on a value it cannot hold (``!!bool maybe``, ``!!seq {a: 1}``) fails in
            # PyYAML's constructors with whatever Python raised there; say which tag, where.
            try:
                return super().construct_object(node, deep)
            except (
                AttributeError,
                KeyError,
                OverflowError,
                TypeError,
                ValueError,
            ) as exc:
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                raise yaml.constructor.ConstructorError(
                    None, None, f"the value is not a valid {tag}", node.start_mark
                ) from exc

    Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:omap", _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
    return Loader


def _refuse_alias_bomb(node: yaml.Node) -> None:
    """Refuse a document whose aliases add more than MAX_ALIAS_NODES to its written size."""
    import yaml

    expanded, written = _sizes(node)
    if expanded - written > MAX_ALIAS_NODES:
        raise yaml.YAMLError(
            f"document expands to more than {MAX_ALIAS_NODES} extra nodes through aliases"
        )


def _sizes(root: yaml.Node) -> tuple[int, int]:
    """(node count with aliases expanded, distinct nodes), memoised per node so it is
    linear in the document."""
    import yaml

    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if not children_done and id(node) in entered:
            # Entered and not finished: an ancestor of itself (``a: &a [*a]``).
            raise yaml.YAMLError(
                "found a recursive alias (a node that contains itself)"
            )
        entered.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if children_done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            sizes[id(node)] = min(total, _SIZE_CAP)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)], len(sizes)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    import yaml

    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable mapping key", key_node.start_mark
            ) from None
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """Keep dates as the datetime.date PyYAML gives, but never fail on odd timestamps: the
    resolver's pattern is looser than the constructor's (``2001-13-45``), and an explicit
    ``!!timestamp`` tag can be on anything (AttributeError: PyYAML's pattern did not match)."""
    import yaml

    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (AttributeError, ValueError):
        return loader.construct_scalar(node)


def parse_yaml(text: str) -> Parsed:
    """Parse YAML safely; unknown tags such as ``!!python/object`` are a parse error."""
    import yaml

    loader = _loader()
    try:
        with collector.paused():
            return Parsed(data=yaml.load(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return Parsed(error=f"invalid YAML: {exc.problem or exc.context}", line=line)
    except yaml.reader.ReaderError as exc:  # a control character, on its line
        line = text.count("\n", 0, exc.position) + 1 if exc.position >= 0 else None
        return Parsed(
            error=f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}",
            line=line,
        )
    except yaml.YAMLError as exc:
        return Parsed(error="invalid YAML: " + " ".join(str(exc).split()))
    except RecursionError:
        return Parsed(error="invalid YAML: nested too deeply")
    except (ValueError, TypeError, OverflowError) as exc:
        return Parsed(error=f"invalid YAML: {exc}")


def parse_json(text: str) -> Parsed:
    try:
        return Parsed(data=json.loads(text))
    except json.JSONDecodeError as exc:
        return Parsed(error=f"invalid JSON: {exc.msg}", line=exc.lineno)
    except RecursionError:
        return Parsed(error="invalid JSON: nested too deeply")
    except ValueError as exc:
        return Parsed(error=f"invalid JSON: {exc}")


def parse_json5(text: str) -> Parsed:
    """JSON5 (comments, trailing commas, unquoted keys), as Renovate accepts; plain JSON parses
    here too. The ``json5`` library takes seconds for a 50 KB array (and more than linear), so
    it reads only what the linear route cannot: small files with rarer JSON5 syntax."""
    try:
        return Parsed(data=json.loads(text))
    except RecursionError:
        return Parsed(error="invalid JSON5: nested too deeply")
    except ValueError:
        pass
    try:
        return Parsed(data=json.loads(_json5_as_json(text)))
    except RecursionError:
        return Parsed(error="invalid JSON5: nested too deeply")
    except json.JSONDecodeError as exc:
        if len(text) > MAX_JSON5_BYTES:
            return Parsed(
                error=(
                    f"invalid JSON5: {exc.msg} (a file over {MAX_JSON5_BYTES:,} bytes is read "
                    "as JSON with comments, trailing commas and unquoted or single-quoted keys "
                    "and strings)"
                ),
                line=exc.lineno,
            )
    import json5

    try:
        return Parsed(data=json5.loads(text))
    except RecursionError:
        return Parsed(error="invalid JSON5: nested too deeply")
    except ValueError as exc:
        return Parsed(error=f"invalid JSON5: {exc}")


def _json5_as_json(text: str) -> str:
    """``text`` with JSON5's comments, trailing commas, unquoted keys and single-quoted strings
    turned into JSON (lines kept, for error positions); anything else is left for the JSON
    parser to refuse. Linear: every character belongs to one token."""
    out: list[str] = []
    last = ""  # the last token that is not space or a comment
    trailing_comma = (
        key
    ) = -1  # where in ``out`` a comma to drop, a name to quote, may be
    for match in _JSON5_TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "comment":
            out.append(" " + "\n" * token.count("\n"))
            continue
        if kind == "space":
            out.append(token)
            continue
        if token in ("}", "]") and trailing_comma >= 0:
            out[trailing_comma] = " "
        if token == ":" and key >= 0:
            out[key] = json.dumps(out[key])
        trailing_comma = (
            len(out) if token == "," and last not in ("", ",", "[", "{") else -1
        )
        key = len(out) if kind == "name" and last in ("{", ",") else -1
        if kind == "single":
            token = _single_quoted_as_json(token)
        out.append(token)
        last = token
    return "".join(out)


def _single_quoted_as_json(token: str) -> str:
    if len(token) < 2 or not token.endswith("'"):
        return token  # unclosed: the JSON parser says where
    return '"' + _SINGLE_QUOTED_ESCAPE.sub(_as_json_escape, token[1:-1]) + '"'


def _as_json_escape(match: re.Match[str]) -> str:
    if match.group() == '"':
        return '\\"'
    return "'" if match.group() == "\\'" else match.group()


def parse_toml(text: str) -> Parsed:
    import tomllib  # 4 ms at import, and most runs parse no TOML

    too_costly = _toml_key_problem(text)
    if too_costly:
        return too_costly
    try:
        return Parsed(data=tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the text: "Expected '=' (at line 3, column 5)".
        match = _TOML_POSITION.search(str(exc))
        message = _TOML_POSITION.sub("", str(exc)).strip()
        line = int(match.group(1)) if match else None
        return Parsed(error=f"invalid TOML: {message}", line=line)
    except RecursionError:
        return Parsed(error="invalid TOML: nested too deeply")


def _toml_key_problem(text: str) -> Parsed | None:
    """A parse problem when the dotted keys would cost ``tomllib`` more than
    MAX_TOML_KEY_COST (see there). Linear: every dotted key (a run of key parts joined by dots,
    wherever it stands; strings and numbers only ever make it count more) is met once."""
    if "." not in text:
        return None
    cost = header = 0
    for match in _TOML_DOTTED_KEY.finditer(text):
        key = match.group()
        if match.group("header") is not None:
            header = key.count(".") + 1
            continue
        if "." not in key:
            continue
        parts = key.count(".") + 1
        cost += (parts - 1) * header + parts * (parts - 1) // 2
        if cost > MAX_TOML_KEY_COST:
            line = text.count("\n", 0, match.start()) + 1
            return Parsed(
                error=(
                    f"invalid TOML: dotted keys with too many parts to read safely (this one "
                    f"has {parts:,}"
                    f"{f', under a table header of {header:,}' if header > 1 else ''})"
                ),
                line=line,
            )
    return None


PARSERS = {
    "yaml": parse_yaml,
    "json": parse_json,
    "json5": parse_json5,
    "toml": parse_toml,
}


def parse(text: str, kind: str) -> Parsed:
    """Parse ``text`` as ``kind`` (yaml, json, json5, toml)."""
    return PARSERS[kind](text)
