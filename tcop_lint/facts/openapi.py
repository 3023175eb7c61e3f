"""API description documents: finding them, reading them, and fetching a remote ``$ref``.

Documents are recognised by content, not name (``docs/v1.api-spec.yaml`` is as good as
``openapi.yaml``): names and folders only decide which YAML/JSON files are worth opening
first. A cheap look at the head of each candidate for a top-level ``openapi:``, ``swagger:``
or ``asyncapi:`` key with a version number comes before any parse, and the parse confirms it.
Loading a document with its ``$ref`` parts is :mod:`tcop_lint.facts.openapi_bundle`.

With ``--online``, :func:`http_fetcher` reads a remote ``$ref`` target; a failure is a
:class:`FetchFailure` that says why in tcop-lint's own words, never with what the server
sent. :func:`excerpt` is how any text from a file goes into a message: short, one line,
escaped.

Every pattern applied to file names or contents is RE2 (linear time) or a string method.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tcop_lint.parsing import Parsed, parse
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
TEMPLATE_SUFFIXES = tuple(
    spec + engine for spec in SPEC_SUFFIXES for engine in (".j2", ".jinja", ".jinja2")
)
"""A document kept as a template that a deploy fills in (``openapi.yaml.j2``)."""
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
_NOT_SPECS = linear_re(
    r"(package(-lock)?|composer|tsconfig.*|jsconfig|\.?eslintrc.*|\.?prettierrc.*|"
    r"renovate|lerna|nx|angular|project|\.?babelrc|manifest|app|"
    r"pnpm-lock|\.?pre-commit-config|\.?pre-commit-hooks|docker-compose.*|compose.*|"
    r"mkdocs|\.?gitlab-ci|dependabot|chart|values.*|catalog-info|pubspec|"
    r"\.?markdownlint.*|\.?yamllint|codecov|\.?codeclimate|\.?travis|sonar-project)"
    r"\.(json|ya?ml)"
)
# Folders of many small JSON/YAML files that are never API descriptions.
_BULK_DIRS = linear_re(
    r"(?:^|/)(?:locales?|i18n|l10n|translations?|lang|__snapshots__|\.vscode|\.idea"
    r"|\.devcontainer|coverage|\.terraform|cdk\.out|\.next|\.nuxt|storybook-static)/"
)
_HINTS = (
    "openapi",
    "swagger",
    "asyncapi",
    "oas",
    "api",
    "spec",
    "schema",
    "contract",
    "definition",
)
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
_YAML_KEY = linear_re(
    r"""(?m)^["']?(openapi|swagger|asyncapi)["']?[ \t]*:[ \t]*["']?(\d[\w.\-]*)"""
)
_JSON_KEY = linear_re(r"""["'](openapi|swagger|asyncapi)["']\s*:\s*["']?(\d[\w.\-]*)""")
_GRAPHQL_SDL = linear_re(
    r"(?m)^[ \t]*(?:extend[ \t]+)?(?:type|schema|interface|input|union|scalar|directive)\b"
)
_RAML_ROOT = linear_re(r"#%RAML[ \t]+(\d\.\d)[ \t]*\r?$")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def excerpt(text: str, limit: int = 80) -> str:
    """Repository text for a message: one line, every non-printable character escaped
    (``\\n``, ``\\x00``, ``\\u202e``), at most ``limit`` characters."""
    head = text[: limit + 1]
    shown = "".join(
        ch if ch.isprintable() else _ESCAPES.get(ch) or ascii(ch)[1:-1] for ch in head
    )
    if len(shown) > limit or len(text) > limit:
        return shown[: limit - 1] + "…"
    return shown


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
        return f"{name} {excerpt(self.version, 40)}" if self.version else name


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
    templates: list[ApiDescription] = field(default_factory=list)
    """Templates (``openapi.yaml.j2``) that are no document until filled in: known by their
    ``openapi:`` key, not validated."""
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
    """A YAML or JSON document by its extension, a template's by the one before it (other
    extensions are read as YAML)."""
    lower = path.lower()
    json = lower.endswith(".json") or lower.rpartition(".")[0].endswith(".json")
    kind = "json" if json else "yaml"
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
    templates = [
        p
        for p in repo.by_extension(".j2", ".jinja", ".jinja2")
        if p.lower().endswith(TEMPLATE_SUFFIXES)
    ]
    for path in [*repo.by_extension(*SPEC_SUFFIXES), *templates]:
        folder, _, name = path.lower().rpartition("/")
        if folder not in folders:
            folders[folder] = _folder_kind(folder + "/")
        left_out, hinted_folder = folders[folder]
        if left_out or _NOT_SPECS.fullmatch(name):
            continue
        hinted = hinted_folder or any(hint in name for hint in _HINTS)
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
        key = None if text is None else _spec_key(text)
        if key is None:
            continue
        parsed = load_document(repo, path)
        if not parsed.ok and path.lower().endswith(TEMPLATE_SUFFIXES):
            inventory.templates.append(ApiDescription(path, *key))
            continue
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


# -- online fetching -------------------------------------------------------------------------


class FetchFailure(NamedTuple):
    """Why a remote ``$ref`` target could not be used, never what the server answered."""

    reason: str
    """``private-host`` (refused: not a public address), ``time-limit`` (no complete answer
    within the fetch time limit), ``http-status``, ``not-yaml-or-json`` or ``unreachable``."""
    detail: str = ""
    """Why, in tcop-lint's own words (``HTTP 404``, ``localhost is a private or local
    address...``): never anything the server sent."""

    @property
    def ok(self) -> bool:
        return False


Fetch = Callable[[str], "Parsed | FetchFailure"]
"""Reads a remote ``$ref`` target: its parse, or why it could not be used."""


def http_fetcher(max_bytes: int, seconds: float, *, public_only: bool) -> Fetch:
    """A fetch function for ``--online`` runs: every fetch it makes finishes within
    ``seconds`` of its creation, reads at most ``max_bytes``, and (``public_only``) goes
    to public hosts only. A failure says why in tcop-lint's words, never with the answer."""
    from tcop_lint import online
    from tcop_lint.public_http import PRIVATE_HOST, FetchError

    deadline = time.monotonic() + seconds

    def fetch(url: str) -> Parsed | FetchFailure:
        try:
            answer = online.get(
                url, deadline=deadline, max_bytes=max_bytes, public_only=public_only
            )
        except FetchError as exc:
            if exc.timed_out:
                limit = f"no complete answer within the {seconds:g}-second fetch limit"
                return FetchFailure("time-limit", limit)
            # the error's words are tcop-lint's own, naming at most the $ref's host
            why = excerpt(str(exc), 160)
            reason = "private-host" if PRIVATE_HOST in str(exc) else "unreachable"
            return FetchFailure(reason, why)
        if answer.status != 200:
            return FetchFailure("http-status", f"HTTP {answer.status}")
        text = answer.body.decode("utf-8", errors="replace")
        kind = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
        parsed = parse(text, kind)
        if parsed.ok:
            return parsed
        # a parser's message quotes the text it stopped at: the answer is not repeated
        return FetchFailure("not-yaml-or-json", "the answer is not YAML or JSON")

    return fetch
