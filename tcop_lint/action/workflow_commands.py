"""The runner's side of a step: workflow commands on stdout, the ``GITHUB_OUTPUT`` and
``GITHUB_STEP_SUMMARY`` files. Standard library only (the install step uses it before
tcop-lint is installed).

Messages, paths and Markdown come from the checked repository, so each value is escaped the
way GitHub's toolkit escapes it, written with a random delimiter, or fenced off.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable, Mapping

TITLE = "tcop-lint"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _write(text: str) -> None:
    """Write to stdout as UTF-8, which the runner reads, whatever the console's code page
    (a Windows runner's is not UTF-8, and ``python -I`` ignores ``PYTHONIOENCODING``)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    sys.stdout.buffer.flush()


def emit(kind: str, message: str) -> None:
    """Print one ``::error``, ``::warning`` or ``::notice`` line titled tcop-lint."""
    _write(f"::{kind} title={_escape_property(TITLE)}::{_escape_data(message)}\n")


def write_outputs(outputs: Mapping[str, str]) -> None:
    """Append step outputs to ``GITHUB_OUTPUT``; a random delimiter per value, so a value
    holding a line such as ``status=pass`` cannot set another output."""
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as out:
        for name, value in outputs.items():
            delimiter = "tcop_" + secrets.token_hex(16)
            out.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def append_summary(markdown: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(markdown)


def print_fenced(text: str) -> None:
    """Print repository-derived text with workflow commands stopped, so no line of it
    (a path, a message) is read as a command."""
    token = secrets.token_hex(16)
    if text and not text.endswith("\n"):
        text += "\n"
    _write(f"::stop-commands::{token}\n{text}::{token}::\n")


def trim(text: str, limit: int, note: str, size: Callable[[str], int] = len) -> str:
    """``text`` if its ``size`` is within ``limit``; else its longest run of whole lines
    that fits with ``note`` after it."""
    if size(text) <= limit:
        return text
    room = limit - size(note)
    keep = text[:room]
    # In bytes a character may take several; dropping one frees at least one.
    excess = size(keep) - room
    if excess > 0:
        keep = keep[: len(keep) - excess]
    return keep[: keep.rfind("\n") + 1] + note
