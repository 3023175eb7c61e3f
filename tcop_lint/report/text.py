"""Terminal output: one line per Code point, the findings under it, a line of totals."""

from __future__ import annotations

from typing import Any

from tcop_lint.report import display_path
from tcop_lint.results import Report, ReportedFinding

_COLOURS = {
    "pass": "32",
    "warn": "33",
    "fail": "31",
    "not-assessed": "2",
    "error": "31",
    "warning": "33",
    "note": "36",
}


def render(
    report: Report,
    *,
    color: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    **_: Any,
) -> str:
    def paint(text: str, key: str) -> str:
        return f"\033[{_COLOURS[key]}m{text}\033[0m" if color else text

    lines: list[str] = []
    if not quiet:
        lines.append(
            f"tcop-lint {report.version} · {report.profile.title} · {display_path(str(report.root))}"
        )
    width = max((len(p.point.title) for p in report.points), default=0)
    for point in report.points:
        findings = [
            f for r in point.results for f in r.findings if f.suppression is None
        ]
        if quiet and not findings:
            continue
        status = point.status.replace("-", " ")
        if not quiet:
            label = f"{point.point.number:>2} {point.point.title:<{width}}"
            lines.append(f"{label}  {paint(status, point.status)}")
        indent = "" if quiet else "   "
        lines.extend(f"{indent}{_finding_line(f, paint)}" for f in findings)
        if quiet:
            continue
        for result in point.results:
            if result.outcome in ("skipped", "error"):
                lines.append(
                    f"   {result.rule.code} {result.outcome}: {display_path(result.reason)}"
                )
            suppressed = sum(1 for f in result.findings if f.suppression)
            if suppressed:
                lines.append(f"   {result.rule.code}: {suppressed} finding(s) exempt")
            if verbose:
                lines.extend(
                    f"   {result.rule.code} evidence: {display_path(e.path)}: {display_path(e.detail)}"
                    for e in result.evidence
                )
    unpointed = [  # tcop-lint's own notes (inline suppressions) belong to no point
        f
        for r in report.results
        if report.profile.point_for(r.rule.topic) is None
        for f in r.findings
        if f.suppression is None
    ]
    lines.extend(_finding_line(f, paint) for f in unpointed)
    if report.baseline_known:
        lines.append(
            f"{report.baseline_known} known finding(s) left out by the baseline"
        )
    lines.append(_totals(report, paint))
    return "\n".join(lines) + "\n"


def _finding_line(finding: ReportedFinding, paint) -> str:
    where = display_path(finding.path)
    if finding.start_line:
        where += f":{finding.start_line}"
    level = paint(finding.level, finding.level)
    return f"{where}: {finding.rule_code} {level}: {display_path(finding.message)}"


def _totals(report: Report, paint) -> str:
    outcomes = report.totals()
    findings = report.findings()
    by_level = {
        lvl: sum(1 for f in findings if f.level == lvl)
        for lvl in ("error", "warning", "note")
    }
    rules = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    levels = ", ".join(
        _counted(count, name) for name, count in by_level.items() if count
    )
    return (
        f"{_counted(len(report.results), 'rule')} ({rules}); "
        f"{_counted(len(findings), 'finding')}"
        f"{f' ({levels})' if levels else ''}; status: {paint(report.status, report.status)}"
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
