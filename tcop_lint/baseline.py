"""Read the fingerprints of an earlier report (SARIF or JSON) for ``--baseline``.

The baseline may be a file of the scanned repository, so it is read as untrusted input: only a
regular file, at most :data:`MAX_BASELINE_BYTES`, parsed with the nesting limits of
:mod:`tcop_lint.parsing`, and checked for the shape it must have. Any problem is a
:class:`BaselineError` (exit code 2) that says which.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from tcop_lint.parsing import parse_json
from tcop_lint.report.sarif import FINGERPRINT_KEY

MAX_BASELINE_BYTES = 64 * 1024 * 1024
"""Larger than the SARIF report of 100,000 findings; a bigger file is not a baseline."""


class BaselineError(Exception):
    """The baseline file cannot be used; exit code 2."""


def load_fingerprints(path: Path) -> set[str]:
    """The fingerprints of the findings in the report at ``path``."""
    parsed = parse_json(_read(path))
    if not parsed.ok:
        raise BaselineError(f"{path}: baseline is not JSON: {parsed.error}")
    data = parsed.data
    try:
        if isinstance(data, dict) and "runs" in data:
            return _sarif_fingerprints(data)
        if isinstance(data, dict) and "rules" in data:
            return _json_fingerprints(data)
    except _Malformed as exc:
        raise BaselineError(
            f"{path}: not a tcop-lint SARIF or JSON report: {exc}"
        ) from None
    raise BaselineError(f"{path}: not a tcop-lint SARIF or JSON report")


def _read(path: Path) -> str:
    """The text of a regular file of at most MAX_BASELINE_BYTES, never a device or a pipe
    (``/dev/zero`` would be read until memory ran out; a pipe could block for ever)."""
    problem = f"{path}: cannot read baseline"
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise BaselineError(f"{problem}: not a regular file")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with open(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):  # replaced since it was looked at
                raise BaselineError(f"{problem}: not a regular file")
            data = handle.read(MAX_BASELINE_BYTES + 1)
    except OSError as exc:
        raise BaselineError(f"{problem}: {exc.strerror or exc}") from None
    if len(data) > MAX_BASELINE_BYTES:
        raise BaselineError(
            f"{problem}: larger than {MAX_BASELINE_BYTES:,} bytes, too large to be a report"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{problem}: not UTF-8 text (byte {exc.start:,})") from None


class _Malformed(Exception):
    """Where a report's shape is wrong, e.g. ``runs/0/results/3 is not an object``."""


def _items(parent: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """``parent[key]``: a list (missing or null is empty) of objects."""
    value = parent.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Malformed(f"{where}{key} is not a list")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _Malformed(f"{where}{key}/{index} is not an object")
    return value


def _fingerprint(value: Any, where: str) -> set[str]:
    """``{value}`` for a fingerprint, ``set()`` for none."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    raise _Malformed(f"{where} is not a string")


def _sarif_fingerprints(data: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for r, run in enumerate(_items(data, "runs", "")):
        for i, result in enumerate(_items(run, "results", f"runs/{r}/")):
            where = f"runs/{r}/results/{i}/partialFingerprints"
            prints = result.get("partialFingerprints") or {}
            if not isinstance(prints, dict):
                raise _Malformed(f"{where} is not an object")
            found |= _fingerprint(
                prints.get(FINGERPRINT_KEY), f"{where}/{FINGERPRINT_KEY}"
            )
    return found


def _json_fingerprints(data: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for r, rule in enumerate(_items(data, "rules", "")):
        for i, finding in enumerate(_items(rule, "findings", f"rules/{r}/")):
            where = f"rules/{r}/findings/{i}/fingerprint"
            found |= _fingerprint(finding.get("fingerprint"), where)
    return found
