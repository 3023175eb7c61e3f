"""The action's inputs, read from the step's environment, as tcop-lint's command line.

Inputs reach the step as environment variables (``INPUT_FAIL_ON`` for ``fail-on``), never
through ``${{ }}`` in a script, and become list items passed to ``subprocess``: no shell ever
reads them. ``args`` is split with :func:`shlex.split`, as a POSIX shell would split it,
without running anything in it.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

FLAGS = ("online", "allow-private-hosts", "allow-plugins", "upload-sarif", "comment")

# Options ``args`` must not give, with the input that decides each: the action writes its own
# reports, what a run may reach or load is each input's decision alone, and help is no check.
OWNED_OPTIONS = {
    "--format": "the action writes its own reports (see its outputs)",
    "--online": "use the online input",
    "--offline": "use the online input",
    "--allow-private-hosts": "use the allow-private-hosts input",
    "--allow-plugins": "use the allow-plugins input",
    "--config": "use the config input",
    "--profile": "use the profile input",
    "--fail-on": "use the fail-on input",
    "--baseline": "use the baseline input",
    "--help": "the action runs a check",
    "-h": "the action runs a check",
}


class InputProblem(Exception):
    """An input the step cannot use: one ``::error`` line and exit code 2."""


class Reports(NamedTuple):
    """Where one run writes the reports the action reads (beside the SARIF input's path)."""

    json: Path
    markdown: Path
    text: Path

    @classmethod
    def in_folder(cls, folder: Path) -> Reports:
        return cls(folder / "report.json", folder / "summary.md", folder / "report.txt")


def value(env: Mapping[str, str], name: str) -> str:
    return env.get("INPUT_" + name.upper().replace("-", "_"), "")


def flag(env: Mapping[str, str], name: str) -> bool:
    """A true/false input; empty is false. Anything else is refused, since a typo such as
    ``True `` must not quietly turn a switch off."""
    text = value(env, name)
    if text not in ("true", "false", ""):
        raise InputProblem(f"the {name} input must be true or false")
    return text == "true"


def extra_args(text: str) -> list[str]:
    """The ``args`` input, split as a POSIX shell splits words (quotes, backslashes)."""
    try:
        words = shlex.split(text, comments=False, posix=True)
    except ValueError as exc:  # "No closing quotation", "No escaped character"
        raise InputProblem(f"the args input cannot be split: {exc}") from None
    for word in words:
        option = word.split("=", 1)[0]
        if option in OWNED_OPTIONS:
            raise InputProblem(
                f"the args input must not contain {option}: {OWNED_OPTIONS[option]}"
            )
    return words


def command_line(env: Mapping[str, str], sarif: str, reports: Reports) -> list[str]:
    """tcop-lint's arguments for one run that writes every report the action uses."""
    for name in FLAGS:
        flag(env, name)  # refuse a bad value before anything runs
    if not sarif:
        raise InputProblem("the sarif-file input must not be empty")
    args = ["check", "--fail-on", value(env, "fail-on") or "error"]
    for name in ("config", "profile", "baseline"):
        if value(env, name):
            args += [f"--{name}", value(env, name)]
    # What the run may reach or load is the workflow's decision, never the checked-out config's.
    args.append("--online" if flag(env, "online") else "--offline")
    if flag(env, "allow-private-hosts"):
        args.append("--allow-private-hosts")
    if flag(env, "allow-plugins"):
        args.append("--allow-plugins")
    args += extra_args(value(env, "args"))
    return [
        *args,
        # Code scanning ignores SARIF suppressions: an exempt finding uploaded with one is an
        # open alert. The SARIF and the annotations leave exempt findings out; the JSON,
        # Markdown and text reports keep them, with their reasons.
        "--omit-suppressed",
        "--format",
        "github",
        "--format",
        f"sarif:{sarif}",
        "--format",
        f"json:{reports.json}",
        "--format",
        f"markdown:{reports.markdown}",
        "--format",
        f"text:{reports.text}",
        "--",
        value(env, "path") or ".",
    ]
