"""Progress of an estate run on stderr: a bar redrawn in place on a terminal, one plain line
per repository elsewhere (a CI log keeps every line, and a bar's carriage returns garble it)."""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from tcop_lint.estate.entries import Outcome, one_line
from tcop_lint.report import display_path

BAR_WIDTH = 24


class Progress:
    def __init__(self, total: int, stream: TextIO, *, quiet: bool = False) -> None:
        self.total = total
        self.count = 0
        self.stream = stream
        self.quiet = quiet
        self.on_terminal = stream.isatty() and os.environ.get("TERM") != "dumb"

    def done(self, outcome: Outcome) -> None:
        """One more repository finished."""
        self.count += 1
        if self.quiet:
            return
        name = display_path(outcome.name)
        if self.on_terminal:
            filled = BAR_WIDTH * self.count // max(self.total, 1)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            line = f"[{bar}] {self.count}/{self.total} {name}"
            width = shutil.get_terminal_size().columns - 1
            self.stream.write(f"\r\x1b[K{line[:width]}")
        else:
            self.stream.write(
                f"tcop-lint estate: [{self.count}/{self.total}] {name}: {_status(outcome)}\n"
            )
        self.stream.flush()

    def finish(self) -> None:
        """Leave the terminal's line clean for what follows."""
        if self.on_terminal and not self.quiet and self.count:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _status(outcome: Outcome) -> str:
    if outcome.report is None:
        return f"not checked: {display_path(one_line(outcome.reason or ''))}"
    return str(outcome.report["status"])
