"""Results of slow, pure analyses kept between runs, keyed by everything they read.

Classifying a LICENSE loads a licence database (about 0.2 s), validating an OpenAPI
document imports openapi-spec-validator (about 0.4 s), and parsing YAML or checking a file
against a JSON Schema imports PyYAML or jsonschema, while a pre-commit hook or a local run
sees the same files time after time. An entry's key hashes the whole
input together with a stamp of the code that computes the result (tcop-lint's version, every
installed file of tcop-lint itself, and the libraries involved), so a hit is exactly what the
analysis would return, and an upgrade or an edit never meets an old entry.

Entries live in ``$TCOP_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/tcop-lint``, else
``~/.cache/tcop-lint``: outside the scanned repository, which tcop-lint never writes to.
``--no-cache`` turns the cache off; a cache that cannot be read or written is no cache.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tcop_lint import __version__

MAX_ENTRY_BYTES = 1_000_000
T = TypeVar("T")


def default_directory() -> Path | None:
    """Where entries live; ``None`` (no cache) when there is no absolute home to put them
    in, so that a relative ``~`` never lands in the current directory (XDG's rule too)."""
    explicit = os.environ.get("TCOP_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path(os.path.expanduser("~"), ".cache")
    return base / "tcop-lint" if base.is_absolute() else None


class ResultCache:
    """JSON values stored under keys from :meth:`key`; ``directory=None`` stores nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def key(self, kind: str, *inputs: str, libraries: tuple[str, ...] = ()) -> str:
        """A key for ``kind`` computed from ``inputs`` by tcop-lint's code and ``libraries``
        (top-level module names of third-party packages)."""
        digest = hashlib.sha256()
        stamps = (code_stamp(), *(_stamp(name) for name in libraries))
        for part in (kind, *stamps, *inputs):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return f"{kind}-{digest.hexdigest()}"

    def get(self, key: str) -> Any | None:
        if self.directory is None:
            return None
        try:
            with open(self.directory / f"{key}.json", "rb") as entry:
                data = entry.read(MAX_ENTRY_BYTES + 1)
            if len(data) > MAX_ENTRY_BYTES:
                return None
            return json.loads(data)
        except (OSError, ValueError):
            return None

    def get_records(self, key: str, record: Callable[..., T]) -> list[T] | None:
        """The entry under ``key`` as a list of ``record(**fields)``; ``None`` when there is
        none, or when its fields do not fit ``record`` (written by other code)."""
        return as_records(self.get(key), record)

    def cached(
        self,
        kind: str,
        inputs: tuple[str, ...],
        compute: Callable[[], T],
        *,
        libraries: tuple[str, ...] = (),
        encode: Callable[[T], Any] = lambda value: value,
        decode: Callable[[Any], T | None] = lambda stored: stored,
    ) -> T:
        """``compute()``, or what it returned last time for the same ``inputs`` and code.

        ``encode`` turns the value into JSON data, ``decode`` turns stored data back, or
        answers ``None`` for an entry it cannot read (computed afresh)."""
        if self.directory is None:
            return compute()
        key = self.key(kind, *inputs, libraries=libraries)
        stored = self.get(key)
        if stored is not None:
            value = decode(stored)
            if value is not None:
                return value
        value = compute()
        self.put(key, encode(value))
        return value

    def put(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        try:
            data = json.dumps(value)
        except (TypeError, ValueError):
            return  # a value JSON cannot hold: run uncached
        if len(data) > MAX_ENTRY_BYTES:
            return  # get() would refuse it; writing it would only cost every run
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="ascii") as entry:
                    entry.write(data)
                os.replace(temporary, self.directory / f"{key}.json")
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return  # read-only home, full disk: run uncached


def as_records(stored: Any, record: Callable[..., T]) -> list[T] | None:
    """Stored data as a list of ``record(**fields)``; ``None`` when it is not such a list
    or its fields do not fit ``record`` (written by other code)."""
    if not isinstance(stored, list):
        return None
    try:
        return [record(**fields) for fields in stored]
    except TypeError:
        return None


_CODE_SUFFIXES = (".py", ".json", ".yml", ".yaml", ".txt", ".md")


@functools.cache
def code_stamp() -> str:
    """tcop-lint's version and the installed files of its packages (``tcop_lint`` and the
    built-in rules) as names, mtimes and sizes: any reinstall or edit changes it. About a
    hundred ``stat`` calls, once per process."""
    digest = hashlib.sha256(__version__.encode())
    roots = {os.path.dirname(os.path.abspath(__file__))}
    spec = importlib.util.find_spec("tcop_lint.rules")
    roots.update(spec.submodule_search_locations or () if spec else ())
    for root in sorted(roots):
        for folder, names, files in os.walk(root):
            names[:] = sorted(n for n in names if n != "__pycache__")
            for name in sorted(files):
                if name.endswith(_CODE_SUFFIXES):
                    path = os.path.join(folder, name)
                    stat = os.stat(path)
                    digest.update(
                        f"{path}:{stat.st_mtime_ns}:{stat.st_size}\0".encode()
                    )
    return digest.hexdigest()


def _stamp(module: str) -> str:
    """The installed file of ``module`` (found without importing it), as its mtime and
    size: a reinstall or an edit changes it."""
    try:
        spec = importlib.util.find_spec(module)
        stat = os.stat(spec.origin) if spec and spec.origin else None
    except (ImportError, OSError, ValueError):
        stat = None
    return f"{module}:{stat.st_mtime_ns}:{stat.st_size}" if stat else f"{module}:-"
