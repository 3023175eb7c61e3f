"""API description documents: finding them, and loading an OpenAPI document with its parts.

Documents are recognised by content, not name (``docs/v1.api-spec.yaml`` is as good as
``openapi.yaml``): names and folders only decide which YAML/JSON files are worth opening
first. A cheap look at the head of each candidate for a top-level ``openapi:``, ``swagger:``
or ``asyncapi:`` key with a version number comes before any parse, and the parse confirms it.

Files reached only through ``$ref`` (HMRC's ``resources/public/api/conf/1.0/common/*.yaml``)
have no such key and are parts of their root document, not documents. :func:`bundle` loads a
root with its parts through the :class:`~tcop_lint.repository.Repository` (never outside the
root, never the network unless a ``fetch`` function is given) into one document whose every
mapping and list remembers the file, JSON pointer and line it came from, so that a validation
error deep inside a referenced file can be reported at that file and line.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from tcop_lint.parsing import Parsed, parse
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
HEAD_BYTES = 16_384
DEFAULT_MAX_CANDIDATES = 3000
DEFAULT_MAX_NODES = 250_000
MAX_DEPTH = 64
UNRESOLVED_KEY = "x-tcop-lint-unresolved"
"""Root key a bundle adds as the target of every ``$ref`` that could not be followed."""

_SKIPPED_SEGMENTS = frozenset(
    {
        "node_modules",
        "vendor",
        ".venv",
        "venv",
        "site-packages",
        "bower_components",
        ".git",
        ".tox",
        # Test data is often deliberately invalid or partial; it is not the API's description.
        "test",
        "tests",
        "__tests__",
        "testdata",
        "test-data",
        "test_data",
        "fixtures",
        "__fixtures__",
    }
)
# Files that are never API descriptions, however many a monorepo holds.
_NOT_SPECS = re.compile(
    r"(package(-lock)?|composer|tsconfig.*|jsconfig|\.?eslintrc.*|\.?prettierrc.*|"
    r"renovate|lerna|nx|angular|project|\.?babelrc|manifest|app|"
    r"pnpm-lock|\.?pre-commit-config|\.?pre-commit-hooks|docker-compose.*|compose.*|"
    r"mkdocs|\.?gitlab-ci|dependabot|chart|values.*|catalog-info|pubspec|"
    r"\.?markdownlint.*|\.?yamllint|codecov|\.?codeclimate|\.?travis|sonar-project)"
    r"\.(json|ya?ml)"
)
# Folders of many small JSON/YAML files that are never API descriptions.
_BULK_DIRS = re.compile(
    r"(?:^|/)(?:locales?|i18n|l10n|translations?|lang|__snapshots__|\.vscode|\.idea"
    r"|\.devcontainer|coverage|\.terraform|cdk\.out|\.next|\.nuxt|storybook-static)/"
)
_HINT = re.compile(r"openapi|swagger|asyncapi|oas|api|spec|schema|contract|definition")
_HINT_DIRS = (
    "docs/",
    "doc/",
    "api/",
    "apis/",
    "spec/",
    "specs/",
    "openapi/",
    "swagger/",
    "contracts/",
    "resources/public/api/",
    "src/main/resources/",
    "conf/",
    "public/",
)
_YAML_KEY = lazy_re(
    r"""^["']?(openapi|swagger|asyncapi)["']?[ \t]*:[ \t]*["']?(\d[\w.\-]*)""",
    re.MULTILINE,
)
_JSON_KEY = lazy_re(r"""["'](openapi|swagger|asyncapi)["']\s*:\s*["']?(\d[\w.\-]*)""")
_GRAPHQL_SDL = lazy_re(
    r"^[ \t]*(?:extend[ \t]+)?(?:type|schema|interface|input|union|scalar|directive)\b",
    re.MULTILINE,
)
_RAML_ROOT = lazy_re(r"#%RAML[ \t]+(\d\.\d)[ \t]*\r?$", re.MULTILINE)


class ApiDescription(NamedTuple):
    """One API description document: an OpenAPI/Swagger/AsyncAPI root, or a schema file."""

    path: str
    kind: str
    """``openapi``, ``swagger``, ``asyncapi``, ``graphql`` or ``raml``."""
    version: str | None = None

    @property
    def label(self) -> str:
        names = {
            "openapi": "OpenAPI",
            "swagger": "Swagger",
            "asyncapi": "AsyncAPI",
            "graphql": "GraphQL schema",
            "raml": "RAML",
        }
        name = names[self.kind]
        return f"{name} {self.version}" if self.version else name


class UnreadableSpec(NamedTuple):
    """A candidate that looks like an API document but does not parse."""

    path: str
    error: str
    line: int | None


class PublishedSpecs(NamedTuple):
    """``api_specifications`` URLs in BC's ``bcgovpubcode.yaml`` (the spec lives elsewhere)."""

    path: str
    urls: tuple[str, ...]
    line: int


@dataclass
class ApiInventory:
    documents: list[ApiDescription] = field(default_factory=list)
    unreadable: list[UnreadableSpec] = field(default_factory=list)
    published: list[PublishedSpecs] = field(default_factory=list)
    unread_candidates: int = 0
    """Candidate files past ``max_candidates``, never opened."""

    @property
    def openapi(self) -> list[ApiDescription]:
        """OpenAPI and Swagger roots: the documents openapi-spec-validator can check."""
        return [d for d in self.documents if d.kind in ("openapi", "swagger")]


def skipped_path(path: str) -> bool:
    """Dependencies, virtualenvs and test/fixture folders: not the project's own documents."""
    return any(part.lower() in _SKIPPED_SEGMENTS for part in path.split("/")[:-1])


def api_inventory(
    repo: Repository, max_candidates: int = DEFAULT_MAX_CANDIDATES
) -> ApiInventory:
    """Every API description in the repository; computed once per run."""
    return repo.memo(
        f"openapi.inventory:{max_candidates}", lambda: _inventory(repo, max_candidates)
    )


def load_document(repo: Repository, path: str) -> Parsed:
    """A YAML or JSON document by its extension (other extensions are read as YAML)."""
    kind = "json" if path.lower().endswith(".json") else "yaml"
    return repo.parsed(path, kind)


def _candidates(repo: Repository) -> list[str]:
    """YAML/JSON files worth opening, most likely first.

    A file is a candidate when its name or a folder suggests an API description (``api``,
    ``spec``, ``openapi``, ``docs/``, ``src/main/resources/``, ``conf/`` ...) or when it is
    near the top of the tree (at most two folders deep), so a spec is found whatever it is
    called, while the thousands of JSON files deep in a monorepo's packages (translations,
    snapshots, test data) are not read.
    """
    ranked = []
    # folder -> (left out, hinted), decided once per folder
    folders: dict[str, tuple[bool, bool]] = {}
    for path in repo.by_extension(*SPEC_SUFFIXES):
        folder, _, name = path.lower().rpartition("/")
        if folder not in folders:
            folders[folder] = _folder_kind(folder + "/")
        left_out, hinted_folder = folders[folder]
        if left_out or _NOT_SPECS.fullmatch(name):
            continue
        hinted = hinted_folder or bool(_HINT.search(name))
        depth = path.count("/")
        if hinted or depth <= 2:
            ranked.append((0 if hinted else 1, depth, path))
    return [path for *_, path in sorted(ranked)]


def _folder_kind(folder: str) -> tuple[bool, bool]:
    """(left out, hinted) for a lower-case folder path ending in ``/`` (``""`` for the root)."""
    left_out = (
        folder.startswith(".github/")
        or skipped_path(folder)
        or bool(_BULK_DIRS.search(folder))
    )
    hinted = any(folder.startswith(d) or f"/{d}" in folder for d in _HINT_DIRS)
    return left_out, hinted


def _spec_key(text: str) -> tuple[str, str] | None:
    head = text[:HEAD_BYTES]
    match = _YAML_KEY.search(head) or _JSON_KEY.search(head)
    return (match.group(1), match.group(2)) if match else None


def _inventory(repo: Repository, max_candidates: int) -> ApiInventory:
    inventory = ApiInventory()
    candidates = _candidates(repo)
    if len(candidates) > max_candidates:
        inventory.unread_candidates = len(candidates) - max_candidates
        candidates = candidates[:max_candidates]
    for path in candidates:
        text = repo.read_text(path)
        if text is None or _spec_key(text) is None:
            continue
        parsed = load_document(repo, path)
        if not parsed.ok:
            inventory.unreadable.append(
                UnreadableSpec(path, parsed.error or "invalid", parsed.line)
            )
            continue
        document = _as_document(path, parsed.data)
        if document:
            inventory.documents.append(document)
    for path in repo.by_extension(".graphql", ".gql", ".graphqls"):
        if skipped_path(path):
            continue
        text = repo.read_text(path)
        if text and (path.lower().endswith(".graphqls") or _GRAPHQL_SDL.search(text)):
            inventory.documents.append(ApiDescription(path, "graphql"))
    for path in repo.by_extension(".raml"):
        text = repo.read_text(path)
        first = text.split("\n", 1)[0] if text else ""
        match = _RAML_ROOT.match(first)
        if match and not skipped_path(path):
            inventory.documents.append(ApiDescription(path, "raml", match.group(1)))
    inventory.published = _published_specs(repo)
    inventory.documents.sort(key=lambda d: d.path)
    return inventory


def _as_document(path: str, data: Any) -> ApiDescription | None:
    if not isinstance(data, dict):
        return None
    for kind in ("openapi", "swagger", "asyncapi"):
        version = data.get(kind)
        # A real document has an info block (required) or paths/channels; a config file
        # with an "openapi:" section does not.
        if (
            isinstance(version, (str, int, float))
            and not isinstance(version, bool)
            and any(k in data for k in ("info", "paths", "channels", "components"))
        ):
            return ApiDescription(path, kind, str(version))
    return None


def bcgov_pubcode(repo: Repository) -> list[tuple[str, Any]]:
    """Parsed ``bcgovpubcode.yaml``/``.yml`` files (BC government's publiccode variant)."""
    found = []
    for path in repo.by_name("bcgovpubcode.yaml", "bcgovpubcode.yml"):
        if skipped_path(path):
            continue
        parsed = repo.parsed(path, "yaml")
        if parsed.ok and isinstance(parsed.data, dict):
            found.append((path, parsed.data))
    return found


def _published_specs(repo: Repository) -> list[PublishedSpecs]:
    found = []
    for path, data in bcgov_pubcode(repo):
        for holder in (data, data.get("product_information")):
            if not isinstance(holder, dict):
                continue
            urls = holder.get("api_specifications")
            if isinstance(urls, str):
                urls = [urls]
            if isinstance(urls, list) and any(isinstance(u, str) for u in urls):
                line = (
                    holder.line_of("api_specifications")
                    if hasattr(holder, "line_of")
                    else 1
                )
                clean = tuple(
                    u.strip() for u in urls if isinstance(u, str) and u.strip()
                )
                if clean:
                    found.append(PublishedSpecs(path, clean, line))
                    break
    return found


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
    path: str
    """The repository file holding the ``$ref``."""
    line: int
    target: str | None = None
    """The repository file or URL the ``$ref`` names."""
    detail: str | None = None
    detail_line: int | None = None


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


class _Stop(Exception):
    """The bundle grew past the node or depth limit."""


Fetch = Callable[[str], Parsed]


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
        self.loaded: dict[str, Parsed] = {}
        self.result = Bundle(root, None)
        self.unresolved_used = False

    def run(self) -> Bundle:
        parsed = load_document(self.repo, self.root)
        self.loaded[self.root] = parsed
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
            return self.unresolved(problem, ref, source, pointer, line, target)
        tokens = _pointer_tokens(fragment)
        if target == self.root:
            # A reference into the root stays a (local) reference; check that it resolves.
            if _walk(self.loaded[self.root].data, tokens) is _MISSING:
                return self.unresolved("pointer", ref, source, pointer, line, target)
            if _resolves_to_itself(self.loaded[self.root].data, tokens, out):
                return self.unresolved("cycle", ref, source, pointer, line, target)
            return self.ref_node(_pointer_ref(tokens), source, pointer, line)
        key = (target, tokens)
        if key in self.first_seen:
            return self.ref_node(
                _pointer_ref(self.first_seen[key]), source, pointer, line
            )
        parsed = self.load(target)
        if not parsed.ok:
            kind = "fetch" if not _is_repo_source(target) else "invalid"
            return self.unresolved(
                kind, ref, source, pointer, line, target, parsed.error, parsed.line
            )
        value = _walk(parsed.data, tokens)
        if value is _MISSING:
            return self.unresolved("pointer", ref, source, pointer, line, target)
        if _is_repo_source(target) and target not in self.result.parts:
            self.result.parts.append(target)
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
        if (
            relative.startswith("/")
            or "\\" in relative
            or re.match(r"^[a-zA-Z]:", relative)
        ):
            return relative, fragment, "outside"
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), relative))
        if joined == ".." or joined.startswith("../"):
            return relative, fragment, "outside"
        if not self.repo.has(joined):
            return joined, fragment, "missing"
        return joined, fragment, None

    def remote_problem(self) -> str | None:
        return None if self.fetch else "remote"

    def load(self, target: str) -> Parsed:
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
    ) -> SourcedDict:
        holder = self.nearest_repo_source(source)
        where = line if holder == source and line else 1
        self.result.problems.append(
            RefProblem(kind, ref, holder, where, target, detail, detail_line)
        )
        self.unresolved_used = True
        return self.ref_node(f"#/{UNRESOLVED_KEY}", source, pointer, line)

    def nearest_repo_source(self, source: str) -> str:
        return source if _is_repo_source(source) else self.root


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
    escaped = [t.replace("~", "~0").replace("/", "~1") for t in tokens]
    return "#" + "".join("/" + t for t in escaped)


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


def locate(repo: Repository, bundled: Bundle, keys: Iterable[Any]) -> Location:
    """The repository file, line and pointer of the node at ``keys`` in the bundled document.

    Walks down as far as the keys exist; inside a file reached through ``$ref`` the location
    moves to that file. JSON sources have no recorded lines, so their key is searched for.
    """
    node = bundled.data
    best = Location(bundled.root, 1, ())
    for raw in keys:
        key = str(raw)
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
    return best


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
        match = re.compile(rf'"{re.escape(token)}"\s*:').search(text, offset)
        if match:
            offset = match.start()
        elif (
            not token.isdigit()
        ):  # a list index has no key to find; anything else ends it
            break
    return text.count("\n", 0, offset) + 1


def readable_pointer(pointer: Iterable[str]) -> str:
    """``paths./users/{id}.get.responses`` (the form Spectral and Redocly print)."""
    parts = list(pointer)
    return ".".join(parts) if parts else "the top level"


# -- online fetching ----------------------------------------------------------------------------


FETCH_LIMIT = "second fetch limit"


def http_fetcher(max_bytes: int, seconds: float, *, public_only: bool) -> Fetch:
    """A fetch function for ``--online`` runs: every fetch it makes finishes within
    ``seconds`` of its creation, reads at most ``max_bytes``, and (``public_only``) goes
    to public hosts only."""
    from tcop_lint import online

    deadline = time.monotonic() + seconds

    def fetch(url: str) -> Parsed:
        try:
            answer = online.get(
                url, deadline=deadline, max_bytes=max_bytes, public_only=public_only
            )
        except online.FetchError as exc:
            if exc.timed_out:
                return Parsed(
                    error=f"no complete answer within the {seconds:g}-{FETCH_LIMIT}"
                )
            return Parsed(error=str(exc))
        if answer.status != 200:
            return Parsed(error=f"HTTP {answer.status}")
        text = answer.body.decode("utf-8", errors="replace")
        kind = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
        return parse(text, kind)

    return fetch
