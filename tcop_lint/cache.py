"""Results of slow, pure analyses kept between runs, keyed by everything they read.

Classifying a LICENSE loads a licence database (about 0.2 s), validating an OpenAPI
document imports openapi-spec-validator (about 0.4 s), and parsing YAML or checking a file
against a JSON Schema imports PyYAML or jsonschema, while a pre-commit hook or a local run
sees the same files time after time. An entry's key hashes the whole
input together with a stamp of the code that computes the result (tcop-lint's version, the
installed files of the modules and libraries involved), so a hit is exactly what the
analysis would return, and an upgrade or an edit never meets an old entry.

Entries live in ``$TCOP_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/tcop-lint``, else
``~/.cache/tcop-lint``: outside the scanned repository, which tcop-lint never writes to.
``--no-cache`` turns the cache off; a cache that cannot be read or written is no cache.
"""

from __future__ import annotations

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

    def key(self, kind: str, code: tuple[str, ...], *inputs: str) -> str:
        """A key for ``kind`` computed by the modules named in ``code`` from ``inputs``."""
        digest = hashlib.sha256()
        for part in (kind, __version__, *(_stamp(name) for name in code), *inputs):
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
        cached = self.get(key)
        if not isinstance(cached, list):
            return None
        try:
            return [record(**fields) for fields in cached]
        except TypeError:
            return None

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


def _stamp(module: str) -> str:
    """The installed file of ``module`` (found without importing it), as its mtime and
    size: a reinstall or an edit changes it."""
    try:
        spec = importlib.util.find_spec(module)
        stat = os.stat(spec.origin) if spec and spec.origin else None
    except (ImportError, OSError, ValueError):
        stat = None
    return f"{module}:{stat.st_mtime_ns}:{stat.st_size}" if stat else f"{module}:-"
