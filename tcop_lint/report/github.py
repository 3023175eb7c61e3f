"""GitHub Actions workflow commands: one annotation per open finding, within GitHub's limits.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest without a word, so each level is capped and one notice says how many were left out, of
which rules, and where the full list is. The slots of a level are shared in turn among the
rules with findings at that level, so one rule's hundred findings never hide another rule's
error. Findings about the repository as a whole carry no file. Escaping follows the Actions toolkit (``@actions/core`` command.ts):
data escapes ``%``, CR and LF; property values also escape ``:`` and ``,``. Exempt findings are
not annotated.

Annotation paths are relative to the checked root; when that root is inside
``$GITHUB_WORKSPACE`` (the action run on a sub-directory), they are made relative to the
workspace, which is what GitHub resolves ``file=`` against.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from tcop_lint.report.sarif import MAX_RESULTS
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
    """Suppressed findings are never annotated, so ``--omit-suppressed`` changes nothing."""
    names = {result.rule.code: result.rule.name for result in report.results}
    prefix = _workspace_prefix(report.root)
    # per level, one queue per rule (crashes first), in report order
    queues: dict[str, dict[str, list[str]]] = {name: {} for name in COMMANDS.values()}
    for notification in report.notifications:
        queues["error"].setdefault("", []).append(
            command(
                "error",
                f"rule {notification.rule_code} crashed: {notification.message}",
                title=f"{notification.rule_code} crashed",
            )
        )
    for finding in report.findings():
        level = COMMANDS[finding.level]
        queues[level].setdefault(finding.rule_code, []).append(
            _annotation(finding, names.get(finding.rule_code), prefix)
        )
    total = sum(len(q) for by_rule in queues.values() for q in by_rule.values())
    overflowing = any(
        sum(map(len, by_rule.values())) > MAX_PER_LEVEL for by_rule in queues.values()
    )
    shown: list[str] = []
    left_out: Counter[str] = Counter()
    for level, by_rule in queues.items():
        # The summary notice takes one of the notice slots.
        limit = (
            MAX_PER_LEVEL - 1 if overflowing and level == "notice" else MAX_PER_LEVEL
        )
        kept = _round_robin(by_rule, limit)
        for code, lines in by_rule.items():
            shown.extend(lines[: kept[code]])
            if len(lines) > kept[code]:
                left_out[code or "crashes"] += len(lines) - kept[code]
    if left_out:
        per_rule = ", ".join(f"{code}: {count}" for code, count in left_out.items())
        shown.append(
            command(
                "notice",
                f"{left_out.total()} more finding(s) not annotated ({per_rule}): GitHub "
                f"shows at most {MAX_PER_LEVEL} annotations of each level per step; the "
                + (
                    "job summary and the SARIF file list"
                    if total <= MAX_RESULTS
                    else "job summary lists"
                )
                + f" all {total} findings",
                title="tcop-lint: more findings",
            )
        )
    return "".join(line + "\n" for line in shown)


def _round_robin(queues: dict[str, list[str]], limit: int) -> dict[str, int]:
    """How many of each rule's annotations fit in ``limit``, taken in turn one per rule,
    so that one rule's many findings never hide another rule's."""
    kept = dict.fromkeys(queues, 0)
    left = limit
    while left > 0:
        turn = [code for code, lines in queues.items() if len(lines) > kept[code]]
        if not turn:
            break
        for code in turn[:left]:
            kept[code] += 1
        left -= min(left, len(turn))
    return kept


def _annotation(
    finding: ReportedFinding, rule_name: str | None, prefix: PurePosixPath | None
) -> str:
    title = f"{finding.rule_code} {rule_name}" if rule_name else finding.rule_code
    properties: dict[str, str | int | None] = {}
    # A finding about the whole repository has no file: on README.md it would be shown
    # on every pull request that edits the README's first lines.
    if finding.path is not None and not finding.repository_level:
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
