"""``extends:``: the shared configs a config builds on, found, fetched and merged in order.

An entry is one of

- a path in the repository (``.github/tcop-base.yml``), relative to the repository root; it
  may not leave the repository, by ``..`` or by a symbolic link;
- a file inside an installed Python package, ``package:path/in/package.yml``; the package
  is found on the import path without being imported (importing runs its code, and the
  name comes from a config), and the file may not leave the package's folder;
- a URL pinned by its SHA-256, ``https://host/tcop.yml#sha256=HEX`` or
  ``{url: ..., sha256: HEX}``; fetched only when the person running tcop-lint passes
  ``--online`` (a config cannot allow it), from a public address unless they also pass
  ``--allow-private-hosts``, and kept in the result cache folder under its hash.

Extended configs may extend others; a cycle, more than :data:`MAX_DEPTH` levels or more than
:data:`MAX_FILES` files in all is a configuration error. How the configs merge is the
caller's (``config.merged``); this module only walks the tree, depth first, in order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NamedTuple, TypeVar
from urllib.parse import urlsplit

MAX_DEPTH = 8
"""How deep extended configs may extend others (the repository's own config is level 0)."""
MAX_FILES = 32
"""How many extended configs one run may read in all."""
FETCH_SECONDS = 30.0
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_PACKAGE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(.+)")

C = TypeVar("C")


class ExtendsError(Exception):
    """An ``extends`` entry that cannot be used; ``str()`` is ``FILE:LINE: problem``."""


@dataclass(frozen=True)
class Ref:
    """One ``extends`` entry: where it points, and the line it is on."""

    kind: Literal["path", "package", "url"]
    target: str
    """The repository path, ``package:path``, or the URL without its ``#sha256=``."""
    line: int
    sha256: str | None = None

    @property
    def identity(self) -> str:
        """What names the same config twice, for finding cycles."""
        return f"{self.kind}:{self.sha256 or self.target}"


class Source(NamedTuple):
    """An extended config's text and how to show and read it."""

    shown: str
    text: str
    toml: bool
    in_repo: bool


@dataclass(frozen=True)
class Fetching:
    """What reading extended configs may do: the runner's choices and the limits."""

    root: Path
    online: bool = False
    private_hosts: bool = False
    cache_dir: Path | None = None
    max_bytes: int = 1_048_576


def parse_refs(
    value: Any, shown: str, line_of: Callable[[list[Any]], int]
) -> tuple[Ref, ...]:
    """The ``extends`` value (a string or a list, already valid against the schema)."""
    items = value if isinstance(value, list) else [value]
    refs = []
    for index, item in enumerate(items):
        path: list[Any] = ["extends", index] if isinstance(value, list) else ["extends"]
        refs.append(_ref(item, shown, line_of(path)))
    return tuple(refs)


def _ref(item: Any, shown: str, line: int) -> Ref:
    if isinstance(item, dict):
        url, sha256 = item["url"], item["sha256"]
    elif item.startswith(("https://", "http://")):
        url, _, fragment = item.partition("#")
        sha256 = (
            fragment.removeprefix("sha256=") if fragment.startswith("sha256=") else ""
        )
    else:
        url = sha256 = ""
    if url:
        if not url.startswith(("https://", "http://")):
            raise ExtendsError(
                f"{shown}:{line}: extends: url must be http(s), not {_safe(url)!r}"
            )
        if not _SHA256.fullmatch(sha256):
            raise ExtendsError(
                f"{shown}:{line}: extends: {_safe(url)} needs its SHA-256 to be trusted "
                "(`#sha256=HEX` after the URL, or `sha256: HEX` beside `url:`): 64 hex digits"
            )
        return Ref("url", url, line, sha256.lower())
    package = _PACKAGE.fullmatch(item)
    kind: Literal["path", "package"] = "package" if package else "path"
    inner = package.group(2) if package else item
    parts = PurePosixPath(inner.replace("\\", "/")).parts
    if inner.startswith(("/", "\\")) or ".." in parts or not parts:
        raise ExtendsError(
            f"{shown}:{line}: extends: {item!r} must be a relative path without .. "
            + ("inside its package" if package else "inside the repository")
        )
    target = "/".join(p for p in parts if p != ".")
    return Ref(kind, f"{package.group(1)}:{target}" if package else target, line)


def _safe(url: str) -> str:
    """A URL as shown in messages: no credentials, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def resolve(
    top: C,
    top_identity: str | None,
    refs_of: Callable[[C], tuple[Ref, ...]],
    load: Callable[[Source], C],
    merge: Callable[[C, C], C],
    fetching: Fetching,
    shown: str,
) -> C:
    """``top`` merged over everything it extends, depth first and in order: each extended
    config over the ones before it, and ``top`` over them all."""
    walk = _Walk(refs_of, load, merge, fetching)
    chain = (top_identity,) if top_identity else ()
    return walk.apply(top, shown, chain)


class _Walk:
    def __init__(
        self,
        refs_of: Callable[[Any], tuple[Ref, ...]],
        load: Callable[[Source], Any],
        merge: Callable[[Any, Any], Any],
        fetching: Fetching,
    ) -> None:
        self.refs_of, self.load, self.merge = refs_of, load, merge
        self.fetching = fetching
        self.files = 0

    def apply(self, config: Any, shown: str, chain: tuple[str, ...]) -> Any:
        merged = None
        for ref in self.refs_of(config):
            if ref.identity in chain:
                names = [c.partition(":")[2] for c in (*chain, ref.identity)]
                raise ExtendsError(
                    f"{shown}:{ref.line}: extends: a cycle: {' -> '.join(names)}"
                )
            if len(chain) > MAX_DEPTH:
                raise ExtendsError(
                    f"{shown}:{ref.line}: extends: more than {MAX_DEPTH} levels of configs "
                    "extending configs"
                )
            self.files += 1
            if self.files > MAX_FILES:
                raise ExtendsError(
                    f"{shown}:{ref.line}: extends: more than {MAX_FILES} extended configs in all"
                )
            source = read(ref, self.fetching, shown)
            layer = self.apply(self.load(source), source.shown, (*chain, ref.identity))
            merged = layer if merged is None else self.merge(merged, layer)
        return config if merged is None else self.merge(merged, config)


def read(ref: Ref, fetching: Fetching, shown: str) -> Source:
    """The text of the config ``ref`` names; :class:`ExtendsError` when it cannot be had."""
    where = f"{shown}:{ref.line}: extends: {ref.target if ref.kind != 'url' else _safe(ref.target)}"
    toml = ref.target.lower().endswith(".toml")
    if ref.kind == "url":
        return Source(_safe(ref.target), _fetched(ref, fetching, where), toml, False)
    if ref.kind == "package":
        package, _, inner = ref.target.partition(":")
        base = _package_folder(package, where)
        return Source(
            ref.target, _read_inside(base, inner, where, fetching), toml, False
        )
    root = fetching.root.resolve()
    return Source(
        ref.target, _read_inside(root, ref.target, where, fetching), toml, True
    )


def _package_folder(package: str, where: str) -> Path:
    """The folder of the installed top-level ``package``, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec else []
    if not locations:
        raise ExtendsError(
            f"{where}: no installed package {package!r} (a folder with its files)"
        )
    return Path(locations[0]).resolve()


def _read_inside(base: Path, inner: str, where: str, fetching: Fetching) -> str:
    """The text of ``base/inner``, which must be a regular file whose real path stays in
    ``base`` (no symbolic link out) and not over the config size limit."""
    path = base / inner
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(base):
        raise ExtendsError(
            f"{where}: a symbolic link that leaves {_place(base, fetching)}"
        )
    if not real.is_file():
        raise ExtendsError(f"{where}: no such file")
    try:
        with real.open("rb") as handle:
            data = handle.read(fetching.max_bytes + 1)
    except OSError as exc:
        raise ExtendsError(f"{where}: cannot be read: {exc.strerror or exc}") from None
    return _text(data, where, fetching)


def _place(base: Path, fetching: Fetching) -> str:
    return "the repository" if base == fetching.root.resolve() else "its package"


def _text(data: bytes, where: str, fetching: Fetching) -> str:
    if len(data) > fetching.max_bytes:
        raise ExtendsError(
            f"{where}: larger than {fetching.max_bytes:,} bytes, too large to be configuration"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExtendsError(f"{where}: not UTF-8 text") from None


def _fetched(ref: Ref, fetching: Fetching, where: str) -> str:
    """The URL's content: the cached copy under its hash, else fetched and checked."""
    assert ref.sha256 is not None
    if not fetching.online:
        raise ExtendsError(
            f"{where}: a URL is fetched only when the person running tcop-lint allows "
            "network access: pass --online"
        )
    cached = (
        fetching.cache_dir / "extends" / f"{ref.sha256}.txt"
        if fetching.cache_dir
        else None
    )
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        if hashlib.sha256(data).hexdigest() == ref.sha256:
            return _text(data, where, fetching)
    from tcop_lint import online

    try:
        answer = online.get(
            ref.target,
            deadline=time.monotonic() + FETCH_SECONDS,
            max_bytes=fetching.max_bytes,
            public_only=not fetching.private_hosts,
        )
    except online.FetchError as exc:
        advice = (
            ""
            if fetching.private_hosts or online.PRIVATE_HOST not in str(exc)
            else (" (pass --allow-private-hosts to allow it)")
        )
        raise ExtendsError(f"{where}: not fetched: {exc}{advice}") from None
    if answer.status != 200:
        raise ExtendsError(f"{where}: the server answered HTTP {answer.status}")
    got = hashlib.sha256(answer.body).hexdigest()
    if got != ref.sha256:
        raise ExtendsError(
            f"{where}: its SHA-256 is {got}, not the {ref.sha256} the config pins; "
            "check the file and update the hash if the change is expected"
        )
    text = _text(answer.body, where, fetching)
    if cached is not None:
        _keep(cached, answer.body)
    return text


def _keep(path: Path, data: bytes) -> None:
    """Keep a fetched config under its hash; a cache that cannot be written is no cache."""
    from tcop_lint.report import write_atomically

    try:
        write_atomically(path, data.decode("utf-8"))
    except OSError:
        return
