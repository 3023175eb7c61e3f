"""An OpenAPI document loaded with its parts: every ``$ref`` to another file inlined, every
node knowing the file, JSON pointer and line it came from.

Files reached only through ``$ref`` (HMRC's ``resources/public/api/conf/1.0/common/*.yaml``)
have no ``openapi:`` key and are parts of their root document, not documents. :func:`bundle`
loads a root with its parts through the :class:`~tcop_lint.repository.Repository` (never
outside the root, never the network unless a ``fetch`` function is given) into one document,
so that a validation error deep inside a referenced file can be reported at that file and line
(:func:`locate`).

Remote ``$ref`` targets are read only through ``fetch`` (``--online``): their content goes
into the bundle to be validated, but nothing here ever puts it in a message. Every node that
came from a fetched document is known by the repository ``$ref`` that led to it
(:attr:`Bundle.fetched_at`, :func:`fetched_via`), so a problem there is reported by that
reference. Strings from files are searched with string methods (linear time).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from tcop_lint.facts.openapi import (
    DEFAULT_MAX_NODES,
    MAX_DEPTH,
    UNRESOLVED_KEY,
    ApiDescription,
    Fetch,
    FetchFailure,
    excerpt,
    load_document,
)
from tcop_lint.parsing import Parsed
from tcop_lint.repository import Repository

# -- bundling -----------------------------------------------------------------------------------


class SourcedDict(dict):
    """A mapping of a bundled document that knows which file, pointer and line it came from."""

    source: str
    pointer: tuple[str, ...]
    line: int | None
    key_lines: dict[str, int] | None


class SourcedList(list):
    source: str
    pointer: tuple[str, ...]
    line: int | None
    item_lines: list[int] | None


class RefProblem(NamedTuple):
    """A ``$ref`` that could not be followed."""

    kind: str
    """``remote`` (not fetched offline), ``missing``, ``outside``, ``pointer``, ``cycle``,
    ``invalid``, ``unsupported`` or ``fetch``."""
    ref: str
    """The ``$ref`` as the repository file ``path`` writes it; for a problem inside a fetched
    document (``nested``), the repository ``$ref`` that led to that document."""
    path: str
    """The repository file holding the ``$ref``."""
    line: int
    target: str | None = None
    """The repository file or URL the ``$ref`` names (``None`` when ``nested``)."""
    detail: str | None = None
    """For ``invalid``: the parser's message about the repository file ``target``."""
    detail_line: int | None = None
    fetch: FetchFailure | None = None
    """For ``fetch``: why the target could not be used."""
    nested: bool = False
    """The failing ``$ref`` is inside a fetched document: its text and target are the
    server's content, so only the repository ``$ref`` that led there is named."""


class FetchedRef(NamedTuple):
    """The repository ``$ref`` through which a fetched document entered the bundle."""

    ref: str
    path: str
    line: int


@dataclass
class Bundle:
    root: str
    data: Any
    parts: list[str] = field(default_factory=list)
    """Repository files pulled in through ``$ref``, in the order they were first reached."""
    problems: list[RefProblem] = field(default_factory=list)
    too_deep: bool = False
    """Nested past MAX_DEPTH; ``data`` is ``None`` for this or for passing max_nodes."""
    nodes: int = 0
    fetched: dict[str, FetchedRef] = field(default_factory=dict)
    """URL of every fetched document in ``data`` -> the repository ``$ref`` that led to it."""
    online: bool = False
    """Remote ``$ref``s were followed (a fetch function was given)."""
    fetched_at: dict[tuple[str, ...], FetchedRef] = field(default_factory=dict)
    """Where in ``data`` (keys from its top) a fetched value was put -> the repository
    ``$ref`` that led to it. A fetched scalar has no source of its own, so this is how
    every node from a server is known."""


class _Stop(Exception):
    """The bundle grew past the node or depth limit."""


def bundle(
    repo: Repository,
    root: str,
    *,
    fetch: Fetch | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Bundle:
    """``root`` with every ``$ref`` to another file inlined (each target once).

    A second reference to an already inlined target becomes a local ``$ref`` to where it was
    inlined, so cycles and shared fragments stay finite. References that cannot be followed are
    recorded in :attr:`Bundle.problems` and redirected to an empty placeholder under
    :data:`UNRESOLVED_KEY`, so that no validator ever tries to fetch them.
    """
    memo_key = f"openapi.bundle:{root}:{fetch is not None}:{max_nodes}"
    return repo.memo(memo_key, lambda: _Bundler(repo, root, fetch, max_nodes).run())


def is_part_of_another(doc: ApiDescription, bundles: Mapping[str, Bundle]) -> bool:
    """A file with an ``openapi:`` key but no ``paths`` that another document (in
    ``bundles``, by root path) ``$ref``s is a part of that document, not one of its own."""
    data = bundles[doc.path].data
    if isinstance(data, dict) and "paths" in data:
        return False
    return any(doc.path in b.parts for root, b in bundles.items() if root != doc.path)


def _is_drive(path: str) -> bool:
    """``C:`` at the start of a path (Windows)."""
    return path[1:2] == ":" and path[:1].isascii() and path[:1].isalpha()


def _is_repo_source(source: str) -> bool:
    return "://" not in source


class _Bundler:
    def __init__(
        self, repo: Repository, root: str, fetch: Fetch | None, max_nodes: int
    ) -> None:
        self.repo = repo
        self.root = root
        self.fetch = fetch
        self.max_nodes = max_nodes
        self.nodes = 0
        self.first_seen: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self.loaded: dict[str, Parsed | FetchFailure] = {}
        self.result = Bundle(root, None, online=fetch is not None)
        self.unresolved_used = False
        self.root_data: Any = None

    def run(self) -> Bundle:
        parsed = load_document(self.repo, self.root)
        self.loaded[self.root] = parsed
        self.root_data = parsed.data
        try:
            data = self.build(parsed.data, self.root, (), (), 0)
        except _Stop:
            data = None
        except RecursionError:
            self.result.too_deep = True
            data = None
        if isinstance(data, SourcedDict) and self.unresolved_used:
            data[UNRESOLVED_KEY] = _sourced_dict(self.root, (), 1, None)
        self.result.data = data
        self.result.nodes = self.nodes
        return self.result

    # -- building ------------------------------------------------------------------------------

    def count(self, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Stop
        if depth > MAX_DEPTH:
            self.result.too_deep = True
            raise _Stop

    def build(
        self,
        value: Any,
        source: str,
        pointer: tuple[str, ...],
        out: tuple[str, ...],
        depth: int,
    ) -> Any:
        self.count(depth)
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                return self.follow(value, ref, source, pointer, out, depth)
            lines = getattr(value, "key_lines", None)
            key_lines: dict[str, int] = {}
            node = _sourced_dict(
                source,
                pointer,
                getattr(value, "line", None),
                None if lines is None else key_lines,
            )
            for key, child in value.items():
                text_key = _key_text(key)
                if lines is not None and key in lines:
                    key_lines[text_key] = lines[key]
                node[text_key] = self.build(
                    child, source, (*pointer, text_key), (*out, text_key), depth + 1
                )
            return node
        if isinstance(value, list):
            items = SourcedList()
            items.source, items.pointer = source, pointer
            items.line = getattr(value, "line", None)
            items.item_lines = getattr(value, "item_lines", None)
            for index, child in enumerate(value):
                items.append(
                    self.build(
                        child,
                        source,
                        (*pointer, str(index)),
                        (*out, str(index)),
                        depth + 1,
                    )
                )
            return items
        if isinstance(value, (dt.date, dt.datetime)):
            return (
                value.isoformat()
            )  # as a JSON reader (and openapi-spec-validator) sees it
        return value

    def follow(
        self,
        node: dict,
        ref: str,
        source: str,
        pointer: tuple[str, ...],
        out: tuple[str, ...],
        depth: int,
    ) -> Any:
        line = _line_in(node, "$ref")
        target, fragment, problem = self.resolve(ref, source)
        if problem:
            return self.unresolved(problem, ref, source, pointer, line, target, out=out)
        tokens = _pointer_tokens(fragment)
        if target == self.root:
            # A reference into the root stays a (local) reference; check that it resolves.
            root_data = self.root_data
            if _walk(root_data, tokens) is _MISSING:
                return self.unresolved("pointer", ref, source, pointer, line, target)
            if _resolves_to_itself(root_data, tokens, out):
                return self.unresolved("cycle", ref, source, pointer, line, target)
            return self.ref_node(_pointer_ref(tokens), source, pointer, line)
        key = (target, tokens)
        if key in self.first_seen:
            return self.ref_node(
                _pointer_ref(self.first_seen[key]), source, pointer, line
            )
        parsed = self.load(target)
        if isinstance(parsed, FetchFailure):
            return self.unresolved(
                "fetch", ref, source, pointer, line, target, fetch=parsed, out=out
            )
        if not parsed.ok:
            return self.unresolved(
                "invalid", ref, source, pointer, line, target, parsed.error, parsed.line
            )
        value = _walk(parsed.data, tokens)
        if value is _MISSING:
            return self.unresolved(
                "pointer", ref, source, pointer, line, target, out=out
            )
        if _is_repo_source(target):
            if target not in self.result.parts:
                self.result.parts.append(target)
        else:
            origin = self.origin(ref, source, line, out)
            self.result.fetched.setdefault(target, origin)
            self.result.fetched_at.setdefault(out, origin)
        self.first_seen[key] = out
        return self.build(value, target, tokens, out, depth + 1)

    def resolve(self, ref: str, source: str) -> tuple[str, str, str | None]:
        """(target file or URL, fragment, problem kind or None)."""
        address, _, fragment = ref.partition("#")
        if not address:
            return source, fragment, None
        if not _is_repo_source(source):
            return urljoin(source, address), fragment, self.remote_problem()
        scheme = urlsplit(address).scheme.lower()
        if scheme in ("http", "https"):
            return address, fragment, self.remote_problem()
        if (
            scheme and len(scheme) > 1
        ):  # file:, urn: ... (a one-letter scheme is a drive)
            return address, fragment, "unsupported"
        relative = unquote(address)
        if relative.startswith("/") or "\\" in relative or _is_drive(relative):
            return relative, fragment, "outside"
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), relative))
        if joined == ".." or joined.startswith("../"):
            return relative, fragment, "outside"
        if not self.repo.has(joined):
            return joined, fragment, "missing"
        return joined, fragment, None

    def remote_problem(self) -> str | None:
        return None if self.fetch else "remote"

    def origin(
        self, ref: str, source: str, line: int | None, out: tuple[str, ...]
    ) -> FetchedRef:
        """The repository ``$ref`` that leads to the node at ``out`` (which holds ``ref``):
        ``ref`` itself when ``source`` is a repository file, else the one that fetched the
        document around it."""
        if _is_repo_source(source):
            return FetchedRef(ref, source, line or 1)
        found = fetched_via(self.result, out)
        assert found is not None, "every node from a server lies under a fetched $ref"
        return found

    def load(self, target: str) -> Parsed | FetchFailure:
        if target not in self.loaded:
            if _is_repo_source(target):
                self.loaded[target] = load_document(self.repo, target)
            else:
                assert self.fetch is not None
                self.loaded[target] = self.fetch(target)
        return self.loaded[target]

    def ref_node(
        self, ref: str, source: str, pointer: tuple[str, ...], line: int | None
    ) -> SourcedDict:
        node = _sourced_dict(source, pointer, line, {"$ref": line} if line else None)
        node["$ref"] = ref
        return node

    def unresolved(
        self,
        kind: str,
        ref: str,
        source: str,
        pointer: tuple[str, ...],
        line: int | None,
        target: str | None,
        detail: str | None = None,
        detail_line: int | None = None,
        *,
        fetch: FetchFailure | None = None,
        out: tuple[str, ...] = (),
    ) -> SourcedDict:
        if _is_repo_source(source):
            problem = RefProblem(
                kind, ref, source, line or 1, target, detail, detail_line, fetch
            )
        else:  # the $ref is the server's content: name the repository's $ref instead
            origin = self.origin(ref, source, line, out)
            problem = RefProblem(
                kind, origin.ref, origin.path, origin.line, fetch=fetch, nested=True
            )
        self.result.problems.append(problem)
        self.unresolved_used = True
        return self.ref_node(f"#/{UNRESOLVED_KEY}", source, pointer, line)


_MISSING = object()


def _resolves_to_itself(
    data: Any, tokens: tuple[str, ...], here: tuple[str, ...]
) -> bool:
    """Whether following ``$ref`` after ``$ref`` from ``tokens`` comes back to ``here``
    (``paths: {$ref: '#/paths'}``, or A -> B -> A): such a reference names no value, and a
    validator that follows it recurses without end."""
    seen = {here}
    while tokens not in seen:
        seen.add(tokens)
        node = _walk(data, tokens)
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            return False
        tokens = _pointer_tokens(ref[1:])
    return tokens == here


def _sourced_dict(
    source: str,
    pointer: tuple[str, ...],
    line: int | None,
    key_lines: dict[str, int] | None,
) -> SourcedDict:
    node = SourcedDict()
    node.source, node.pointer, node.line, node.key_lines = (
        source,
        pointer,
        line,
        key_lines,
    )
    return node


def _key_text(key: Any) -> str:
    """Mapping keys as JSON has them: YAML's ``200:`` is the string "200"."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _line_in(node: Any, key: Any) -> int | None:
    lines = getattr(node, "key_lines", None)
    if lines and key in lines:
        return lines[key]
    return getattr(node, "line", None)


def _pointer_tokens(fragment: str) -> tuple[str, ...]:
    fragment = unquote(fragment)
    if not fragment or fragment == "/":
        return () if not fragment else ("",)
    return tuple(
        t.replace("~1", "/").replace("~0", "~") for t in fragment.lstrip("/").split("/")
    )


def _pointer_ref(tokens: Iterable[str]) -> str:
    return "#" + json_pointer(tokens)


def json_pointer(tokens: Iterable[str]) -> str:
    """``/paths/~1users/get`` (RFC 6901); ``""`` for the whole document."""
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def _walk(data: Any, tokens: tuple[str, ...]) -> Any:
    for token in tokens:
        if isinstance(data, dict):
            if token in data:
                data = data[token]
                continue
            matches = [k for k in data if _key_text(k) == token]
            if not matches:
                return _MISSING
            data = data[matches[0]]
        elif isinstance(data, list):
            if not token.isdigit() or int(token) >= len(data):
                return _MISSING
            data = data[int(token)]
        else:
            return _MISSING
    return data


# -- locating -----------------------------------------------------------------------------------


class Location(NamedTuple):
    path: str
    line: int
    pointer: tuple[str, ...]
    """Where in ``path`` the node is (keys and list indexes as text)."""
    fetched_via: str | None = None
    """The node came from a fetched document, through this repository ``$ref`` (at
    ``path`` and ``line``): what it holds is the server's content."""


def locate(repo: Repository, bundled: Bundle, keys: Iterable[Any]) -> Location:
    """The repository file, line and pointer of the node at ``keys`` in the bundled document.

    Walks down as far as the keys exist; inside a file reached through ``$ref`` the location
    moves to that file. JSON sources have no recorded lines, so their key is searched for.
    """
    keys = [str(raw) for raw in keys]
    via = fetched_via(bundled, keys)
    node = bundled.data
    best = Location(bundled.root, 1, ())
    for key in keys:
        if isinstance(node, SourcedDict) and key in node:
            child = node[key]
            if _is_repo_source(node.source):
                line = _key_line(repo, node, key)
                best = Location(node.source, line, (*node.pointer, key))
        elif isinstance(node, SourcedList) and key.isdigit() and int(key) < len(node):
            child = node[int(key)]
            if _is_repo_source(node.source):
                line = _item_line(repo, node, int(key))
                best = Location(node.source, line, (*node.pointer, key))
        else:
            break
        source = getattr(child, "source", None)
        if source and source != node.source and _is_repo_source(source):
            line = child.line or _json_line(repo, source, child.pointer)
            best = Location(source, line, child.pointer)
        node = child
    return best._replace(fetched_via=via.ref) if via else best


def fetched_via(bundled: Bundle, keys: Iterable[str]) -> FetchedRef | None:
    """The repository ``$ref`` through which the node at ``keys`` was fetched, if it was."""
    if not bundled.fetched_at:
        return None
    prefix: tuple[str, ...] = ()
    for key in (None, *keys):
        if key is not None:
            prefix = (*prefix, key)
        if prefix in bundled.fetched_at:
            return bundled.fetched_at[prefix]
    return None


def _key_line(repo: Repository, node: SourcedDict, key: str) -> int:
    if node.key_lines is not None:
        return node.key_lines.get(key) or node.line or 1
    return _json_line(repo, node.source, (*node.pointer, key))


def _item_line(repo: Repository, node: SourcedList, index: int) -> int:
    if node.item_lines is not None and index < len(node.item_lines):
        return node.item_lines[index]
    if node.line:
        return node.line
    return _json_line(repo, node.source, node.pointer)


def _json_line(repo: Repository, path: str, pointer: tuple[str, ...]) -> int:
    """Best-effort line of ``pointer`` in a JSON file: each key searched after the last."""
    text = repo.read_text(path) or ""
    offset = 0
    for token in pointer:
        found = _json_key(text, token, offset)
        if found is not None:
            offset = found
        elif (
            not token.isdigit()
        ):  # a list index has no key to find; anything else ends it
            break
    return text.count("\n", 0, offset) + 1


_JSON_WHITESPACE = " \t\r\n"


def _json_key(text: str, token: str, offset: int) -> int | None:
    """Where ``"token"`` followed by optional whitespace and ``:`` first starts after
    ``offset``. Linear: the whitespace scanned after one occurrence ends before the next."""
    quoted = f'"{token}"'
    start = text.find(quoted, offset)
    while start != -1:
        after = start + len(quoted)
        end = len(text)
        while after < end and text[after] in _JSON_WHITESPACE:
            after += 1
        if after < end and text[after] == ":":
            return start
        start = text.find(quoted, start + 1)
    return None


def readable_pointer(pointer: Iterable[str]) -> str:
    """``paths./users/{id}.get.responses`` (the form Spectral and Redocly print)."""
    parts = list(pointer)
    return excerpt(".".join(parts), 120) if parts else "the top level"
