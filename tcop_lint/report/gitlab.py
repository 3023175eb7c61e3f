"""GitLab Code Quality: a JSON array of issues for ``artifacts: reports: codequality``.

The format is GitLab's subset of the Code Climate issue
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): every issue has
``description``, ``check_name``, ``fingerprint``, ``severity`` (``info``, ``minor``, ``major``,
``critical`` or ``blocker``), ``location.path`` relative to the repository and
``location.lines.begin``. GitLab reads only those; ``type`` and ``categories`` are kept for
other Code Climate readers.

- ``check_name`` is the rule code and ``fingerprint`` the finding's stable fingerprint, the
  one SARIF and ``--baseline`` use, so a reworded message never reopens an issue.
- Exempt findings are left out: the format has no way to say "suppressed".
- A finding about the repository as a whole (no path, or ``repository_level``) is anchored
  where the SARIF report anchors it (:data:`~tcop_lint.report.sarif.REPOSITORY_ANCHOR`, a path no
  repository has), as GitLab requires a path: on the README it would show in the merge request
  changes view of every edit to the README's first lines.
- A rule that crashed is reported as a ``critical`` issue, since the format has no other place
  for it and a silent gap would read as a pass.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import unquote

from tcop_lint.report.sarif import REPOSITORY_ANCHOR, well_formed
from tcop_lint.results import Notification, Report, ReportedFinding

SEVERITIES = {"error": "major", "warning": "minor", "note": "info"}
"""tcop-lint level → Code Quality severity. ``blocker`` and ``critical`` are left for tools
that find defects in code; a crashed rule is ``critical``."""
CRASH_SEVERITY = "critical"
SECURITY_TOPICS = frozenset({"security", "privacy"})
ANCHOR = unquote(REPOSITORY_ANCHOR)
"""Where a finding about the whole repository points: SARIF's anchor, as a plain path."""


def render(report: Report, **_: Any) -> str:
    return json.dumps(issues(report), indent=2) + "\n"


def issues(report: Report) -> list[dict[str, Any]]:
    topics = {result.rule.code: result.rule.topic for result in report.results}
    found = [
        _issue(finding, topics.get(finding.rule_code, ""))
        for finding in report.findings()
    ]
    crashed = [_crash(notification) for notification in report.notifications]
    return found + crashed


def _issue(finding: ReportedFinding, topic: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": finding.rule_code,
        "description": well_formed(finding.message),
        "categories": ["Security" if topic in SECURITY_TOPICS else "Style"],
        "severity": SEVERITIES[finding.level],
        "fingerprint": finding.fingerprint,
        "location": {
            "path": _path(finding),
            "lines": _lines(finding.start_line, finding.end_line),
        },
    }


def _path(finding: ReportedFinding) -> str:
    if finding.path is None or finding.repository_level:
        return ANCHOR
    return well_formed(finding.path)


def _lines(start: int | None, end: int | None) -> dict[str, int]:
    lines = {"begin": max(start or 1, 1)}
    if end and end >= lines["begin"]:
        lines["end"] = end
    return lines


def _crash(notification: Notification) -> dict[str, Any]:
    identity = f"{notification.rule_code}\0crashed".encode()
    return {
        "type": "issue",
        "check_name": notification.rule_code,
        "description": well_formed(
            f"rule {notification.rule_code} crashed: {notification.message}"
        ),
        "categories": ["Bug Risk"],
        "severity": CRASH_SEVERITY,
        "fingerprint": hashlib.sha256(identity).hexdigest()[:32],
        "location": {"path": ANCHOR, "lines": {"begin": 1}},
    }
