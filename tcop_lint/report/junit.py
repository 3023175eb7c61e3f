"""JUnit XML: one test case per rule, for test report views that read it.

Azure DevOps (``PublishTestResults@2`` with ``testResultsFormat: JUnit``), Jenkins (``junit``)
and GitLab (``artifacts: reports: junit``) all read the Ant/Surefire JUnit shape: a
``<testsuites>`` root with a ``<testsuite>`` per Code point and a ``<testcase>`` per rule:

- a rule with open findings fails: one ``<failure>`` whose ``message`` is the first finding
  and whose text lists every finding as ``path:line: level: message``;
- a rule that crashed is an ``<error>``;
- a rule that does not apply (``skipped``), or whose topic the profile has no point for, is
  ``<skipped>`` with the reason;
- a rule that passed, or whose findings are all exempt, passes; its evidence and exemptions
  are in ``<system-out>``.

Rules switched off in the config do not run, so they are not listed. The output is checked
against Jenkins' ``junit-10.xsd``. Text that XML 1.0 cannot hold (control characters, lone
surrogates) is stripped from messages; file names are shown escaped, as the text report shows
them. So the file is well-formed whatever the repository holds.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from tcop_lint.report import display_path, help_uri_of
from tcop_lint.report.sarif import well_formed
from tcop_lint.results import Report, ReportedFinding, RuleResult

_NOT_XML = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
"""Characters XML 1.0 does not allow (tab, LF and CR are allowed): deleted by ``translate``."""


def render(report: Report, **_: Any) -> str:
    root = ET.Element("testsuites", name="tcop-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for name, classname, results in _suites(report):
        suite = ET.SubElement(root, "testsuite", name=_text(name))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for result in results:
            kind = _testcase(suite, classname, result)
            counts["tests"] += 1
            if kind:
                counts[kind] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suites(report: Report) -> list[tuple[str, str, list[RuleResult]]]:
    """A suite per point of the profile (empty ones too, as the other reports list every
    point), then one for rules whose topic the profile has no point for."""
    profile = report.profile.name
    suites = [
        (
            f"Point {p.point.number}: {p.point.title}",
            f"tcop-lint.{profile}.point-{p.point.number:02d}",
            list(p.results),
        )
        for p in report.points
    ]
    placed = {id(r) for p in report.points for r in p.results}
    others = [r for r in report.results if id(r) not in placed]
    if others:
        suites.append(
            (f"Not in the {profile} profile", f"tcop-lint.{profile}.other", others)
        )
    return suites


def _testcase(suite: ET.Element, classname: str, result: RuleResult) -> str | None:
    """Add the rule's test case; return what it counts as (``failures``, ``errors``,
    ``skipped``, or ``None`` for a pass)."""
    rule = result.rule
    case = ET.SubElement(
        suite, "testcase", name=f"{rule.code} {rule.name}", classname=classname
    )
    open_findings = [f for f in result.findings if f.suppression is None]
    if result.outcome == "error":
        ET.SubElement(
            case,
            "error",
            message=_text(f"rule {rule.code} crashed: {result.reason or ''}"),
            type="crash",
        )
        return "errors"
    if result.outcome == "skipped":
        ET.SubElement(case, "skipped", message=_text(result.reason or "not applicable"))
        return "skipped"
    if open_findings:
        failure = ET.SubElement(
            case,
            "failure",
            message=_text(_summary(open_findings)),
            type=_worst(open_findings),
        )
        documented = help_uri_of(rule)  # a plugin rule's own page, or none
        failure.text = _text(
            "\n".join(_line(f) for f in open_findings)
            + f"\n\nHow to fix: tcop-lint explain {rule.code}"
            + (f", or {documented}" if documented else "")
        )
        return "failures"
    passed = _passed_output(result)
    if passed:
        ET.SubElement(case, "system-out").text = _text(passed)
    return None


def _summary(findings: list[ReportedFinding]) -> str:
    first = findings[0].message
    if len(findings) == 1:
        return first
    return f"{len(findings)} findings; the first: {first}"


def _worst(findings: list[ReportedFinding]) -> str:
    levels = {f.level for f in findings}
    return next(level for level in ("error", "warning", "note") if level in levels)


def _line(finding: ReportedFinding) -> str:
    where = display_path(finding.path)
    if finding.start_line:
        where += f":{finding.start_line}"
    return f"{where}: {finding.level}: {well_formed(finding.message)}"


def _passed_output(result: RuleResult) -> str:
    lines = [
        f"evidence: {display_path(e.path)}"
        + (f" ({well_formed(e.detail)})" if e.detail else "")
        for e in result.evidence
    ]
    for finding in result.findings:
        s = finding.suppression
        if s is not None:
            until = f" until {s.expires.isoformat()}" if s.expires else ""
            lines.append(f"exempt{until} ({s.reason}): {_line(finding)}")
    return "\n".join(lines)


def _text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: lone surrogates as escapes, control characters out."""
    return well_formed(text).translate(_NOT_XML)
