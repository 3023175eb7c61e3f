"""Where the reports of one run go: never two to one place.

Two reports written to one place interleave or overwrite each other: ``--format json
--format sarif`` printed one JSON document after the other, which no parser reads, and
``--format sarif:out.sarif --format json:./out.sarif`` kept whichever was written last. Places
are compared as the system sees them, after links: ``/dev/stdout`` is standard output, and a
file is the same file by any name. ``/dev/null`` takes any number of reports.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

STANDARD_OUTPUT = "standard output"


class SharedTarget(Exception):
    """Two reports would go to one place; the message is the one line shown."""


def refuse_shared_targets(
    arguments: Sequence[str], targets: Sequence[Path | None]
) -> None:
    """Raise :class:`SharedTarget` when two ``--format`` ``arguments`` (``FORMAT[:FILE]``,
    parsed into ``targets``: ``None`` for standard output) write to one place."""
    seen: dict[object, tuple[str, str]] = {}
    for argument, target in zip(arguments, targets, strict=True):
        place = _place(target)
        if place is None:
            continue
        identity, shown = place
        if identity in seen:
            first, where = seen[identity]
            raise SharedTarget(
                f"--format {first} and --format {argument} both write to {where}: "
                "send each report to a file of its own (--format FORMAT:FILE)"
            )
        seen[identity] = (argument, shown)


def _place(target: Path | None) -> tuple[object, str] | None:
    """What ``target`` is to the system, and how to name it; ``None`` for the null device."""
    if target is None:
        return STANDARD_OUTPUT, STANDARD_OUTPUT
    try:
        info = os.stat(target)
    except OSError:  # not there yet: its resolved path names it
        return ("path", os.path.realpath(target)), str(target)
    if stat.S_ISCHR(info.st_mode) and info.st_rdev == _null_device():
        return None
    if (info.st_dev, info.st_ino) == _standard_output():
        return STANDARD_OUTPUT, STANDARD_OUTPUT
    return ("file", info.st_dev, info.st_ino), str(target)


def _null_device() -> int | None:
    try:
        return os.stat(os.devnull).st_rdev
    except OSError:
        return None


def _standard_output() -> tuple[int, int] | None:
    """The device and inode standard output writes to (``/dev/stdout`` opens the same)."""
    try:
        info = os.fstat(1)
    except OSError:
        return None
    return info.st_dev, info.st_ino
