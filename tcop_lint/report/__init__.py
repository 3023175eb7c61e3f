"""Reporters: one module per output format, each rendering the same engine ``Report``.

A reporter never decides a status; it only turns the report into text. Modules are imported
only when their format is asked for.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tcop_lint.rule import Rule

FORMATS: dict[str, str] = {
    "text": "tcop_lint.report.text",
    "json": "tcop_lint.report.json_report",
    "sarif": "tcop_lint.report.sarif",
    "markdown": "tcop_lint.report.markdown",
    "github": "tcop_lint.report.github",
    "html": "tcop_lint.report.html",
    "gitlab": "tcop_lint.report.gitlab",
    "junit": "tcop_lint.report.junit",
}
HOMEPAGE = "https://github.com/tcop-lint/tcop-lint"


def renderer(name: str) -> Callable[..., str]:
    return importlib.import_module(FORMATS[name]).render


def rule_help_uri(code: str) -> str:
    return f"{HOMEPAGE}/blob/main/docs/rules.md#{code.lower()}"


def help_uri_of(rule: Rule) -> str | None:
    """Where ``rule`` is documented: the page it names (``help_uri``), else a built-in rule's
    section of docs/rules.md; ``None`` for a plugin rule that names none, since tcop-lint's
    documentation has no section for it."""
    if rule.help_uri:
        return rule.help_uri
    if rule.check.__module__.startswith("tcop_lint.rules."):
        return rule_help_uri(rule.code)
    return None


def display_path(path: str | None) -> str:
    """A path safe to print on one line: undecodable bytes and control characters escaped."""
    if path is None:
        return "."
    try:
        raw = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        raw = path.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else ch.encode("unicode_escape").decode("ascii")
        for ch in raw
    )


def write_atomically(path: Path, content: str) -> None:
    """Write via a temp file and rename, so a reader never sees a half-written report.

    A target that exists and is not a regular file (``/dev/stdout``, a FIFO, a terminal)
    is written to directly: renaming over it would replace the device with a file.
    """
    import stat
    import tempfile

    try:
        mode = os.stat(path).st_mode
        special = stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)
    except OSError:
        special = False
    if special:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # what open() would give, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
