"""Markdown summary for GitHub step summaries and PR comments: points, findings, evidence."""

from __future__ import annotations

from typing import Any

from tcop_lint.report import display_path
from tcop_lint.results import Report

STATUS = {
    "pass": "✅ pass",
    "warn": "⚠️ warn",
    "fail": "❌ fail",
    "not-assessed": "➖ not assessed",
}
OUTCOME = {
    **STATUS,
    "skipped": "➖ skipped",
    "exempt": "✅ exempt",
    "error": "💥 error",
}


def escape(text: str) -> str:
    """Neutralise Markdown and HTML in untrusted text (paths, messages) for a table cell."""
    out = display_path(text)
    for ch in "\\`*_{}[]<>()#+!|~":
        out = out.replace(ch, "\\" + ch)
    return out


def render(report: Report, **_: Any) -> str:
    lines = [
        f"## tcop-lint: {STATUS[report.status]}",
        "",
        f"{report.profile.title}, tcop-lint {report.version}.",
        "",
        "| Point | Status | Rules |",
        "|---|---|---|",
    ]
    for p in report.points:
        rules = (
            ", ".join(f"{r.rule.code} {OUTCOME[r.outcome]}" for r in p.results) or "—"
        )
        lines.append(
            f"| {p.point.number}. {p.point.title} | {STATUS[p.status]} | {rules} |"
        )
    findings = report.findings()
    if findings:
        lines += ["", f"### Findings ({len(findings)})", ""]
        for f in findings:
            where = escape(f.path or ".") + (f":{f.start_line}" if f.start_line else "")
            lines.append(f"- **{f.rule_code}** {f.level} {where}: {escape(f.message)}")
    if report.baseline_known:
        lines += [
            "",
            f"{report.baseline_known} known finding(s) left out by the baseline.",
        ]
    exempt = [
        (f, f.suppression)
        for f in report.findings(include_suppressed=True)
        if f.suppression
    ]
    if exempt:
        lines += ["", f"### Exempt ({len(exempt)})", ""]
        lines += [
            f"- **{f.rule_code}** {escape(f.path or '.')}: {escape(f.message)}: "
            f"{escape(why.reason)} (until {why.expires})"
            for f, why in exempt
        ]
    evidence = [(r.rule.code, e) for r in report.results for e in r.evidence]
    if evidence:
        lines += ["", "### Evidence found", ""]
        lines += [
            f"- **{code}** {escape(e.path)}: {escape(e.detail)}" for code, e in evidence
        ]
    skipped = [r for r in report.results if r.outcome in ("skipped", "error")]
    if skipped:
        lines += ["", "### Not assessed", ""]
        lines += [
            f"- **{r.rule.code}** {r.outcome}: {escape(r.reason or '')}"
            for r in skipped
        ]
    return "\n".join(lines) + "\n"
