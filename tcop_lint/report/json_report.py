"""Machine-readable report; its shape is documented by ``schema/report.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from tcop_lint.results import Report, ReportedFinding, RuleResult

SCHEMA_VERSION = 1


def render(report: Report, **_: Any) -> str:
    return json.dumps(as_dict(report), indent=2) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tcop-lint", "version": report.version},
        "profile": report.profile.name,
        "root": str(report.root),
        "repository": _repository(report),
        "status": report.status,
        "baseline_known": report.baseline_known,
        "points": [
            {
                "number": p.point.number,
                "topic": p.point.topic,
                "title": p.point.title,
                "status": p.status,
                "rules": [r.rule.code for r in p.results],
            }
            for p in report.points
        ],
        "rules": [_rule(result) for result in report.results],
        "errors": [
            {"rule": n.rule_code, "message": n.message} for n in report.notifications
        ],
    }


def _repository(report: Report) -> dict[str, Any] | None:
    """Which repository the report is about, so reports made elsewhere can be merged
    (``tcop-lint estate --merge``); ``None`` for a folder outside git."""
    identity = report.repository
    if identity is None:
        return None
    return {"name": identity.name, "commit": identity.commit, "remote": identity.remote}


def _rule(result: RuleResult) -> dict[str, Any]:
    return {
        "code": result.rule.code,
        "name": result.rule.name,
        "topic": result.rule.topic,
        "level": result.level,
        "outcome": result.outcome,
        "reason": result.reason,
        "findings": [_finding(f) for f in result.findings],
        "evidence": [{"path": e.path, "detail": e.detail} for e in result.evidence],
    }


def _finding(finding: ReportedFinding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message": finding.message,
        "level": finding.level,
        "path": finding.path,
        "start_line": finding.start_line,
        "end_line": finding.end_line,
        "id": finding.id,
        "fingerprint": finding.fingerprint,
    }
    if finding.suppression:
        why = finding.suppression
        data["suppression"] = {
            "reason": why.reason,
            "expires": why.expires.isoformat() if why.expires else None,
            "approved_by": why.approved_by,
            "kind": why.kind,
            "line": why.line,
        }
    return data
