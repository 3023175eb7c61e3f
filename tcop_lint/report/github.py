"""GitHub Actions workflow commands: one annotation per open finding, within GitHub's limits.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest without a word, so each level is capped and one notice says how many were left out and
where the full list is. Escaping follows the Actions toolkit (``@actions/core`` command.ts):
data escapes ``%``, CR and LF; property values also escape ``:`` and ``,``. Exempt findings are
not annotated.

Annotation paths are relative to the checked root; when that root is inside
``$GITHUB_WORKSPACE`` (the action run on a sub-directory), they are made relative to the
workspace, which is what GitHub resolves ``file=`` against.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

from tcop_lint.results import Report, ReportedFinding

MAX_PER_LEVEL = 10
"""GitHub's limit of annotations per level (error, warning, notice) in one step."""
COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    text = _printable(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _printable(text: str) -> str:
    """Undecodable bytes and control characters (other than CR and LF) as escapes."""
    try:
        raw = os.fsencode(text).decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        raw = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return "".join(
        ch
        if ch.isprintable() or ch in " \r\n"
        else ch.encode("unicode_escape").decode("ascii")
        for ch in raw
    )


def command(name: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report, **_: Any) -> str:
    names = {result.rule.code: result.rule.name for result in report.results}
    prefix = _workspace_prefix(report.root)
    lines: dict[str, list[str]] = {"error": [], "warning": [], "notice": []}
    for notification in report.notifications:
        lines["error"].append(
            command(
                "error",
                f"rule {notification.rule_code} crashed: {notification.message}",
                title=f"{notification.rule_code} crashed",
            )
        )
    for finding in report.findings():
        lines[COMMANDS[finding.level]].append(
            _annotation(finding, names.get(finding.rule_code), prefix)
        )

    total = sum(len(found) for found in lines.values())
    overflowing = any(len(found) > MAX_PER_LEVEL for found in lines.values())
    # The summary notice takes one of the notice slots.
    limits = {
        "error": MAX_PER_LEVEL,
        "warning": MAX_PER_LEVEL,
        "notice": MAX_PER_LEVEL - 1 if overflowing else MAX_PER_LEVEL,
    }
    shown = [line for name, found in lines.items() for line in found[: limits[name]]]
    left_out = total - len(shown)
    if left_out:
        shown.append(
            command(
                "notice",
                f"{left_out} more finding(s) not annotated: GitHub shows at most "
                f"{MAX_PER_LEVEL} annotations of each level per step; the job summary and "
                f"the SARIF file list all {total} findings",
                title="tcop-lint: more findings",
            )
        )
    return "".join(line + "\n" for line in shown)


def _annotation(
    finding: ReportedFinding, rule_name: str | None, prefix: PurePosixPath | None
) -> str:
    title = f"{finding.rule_code} {rule_name}" if rule_name else finding.rule_code
    properties: dict[str, str | int | None] = {}
    if finding.path is not None:
        path = str(prefix / finding.path) if prefix else finding.path
        properties["file"] = path
        if finding.start_line:
            properties["line"] = finding.start_line
            if finding.end_line and finding.end_line >= finding.start_line:
                properties["endLine"] = finding.end_line
    properties["title"] = title
    return command(COMMANDS[finding.level], finding.message, **properties)


def _workspace_prefix(root: Path) -> PurePosixPath | None:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return None
    try:
        relative = Path(root).resolve().relative_to(Path(workspace).resolve())
    except (ValueError, OSError):
        return None
    return PurePosixPath(relative.as_posix()) if relative.parts else None
