"""SARIF 2.1.0, shaped the way GitHub code scanning reads it.

Relative URIs against ``%SRCROOT%``, ``startLine >= 1``, a fingerprint that depends on the
rule, path and finding identity (never on line numbers), every run rule in ``tool.driver.rules``
with help, exemptions as ``suppressions``, rule crashes as tool execution notifications.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from tcop_lint.report import HOMEPAGE, help_uri_of
from tcop_lint.results import Report, ReportedFinding, RuleResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "tcopLint/v1"
_MAX_DESCRIPTION = 1024


def render(report: Report, **_: Any) -> str:
    return json.dumps(as_dict(report), indent=2) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    results = [r for r in report.results]
    index = {r.rule.code: i for i, r in enumerate(results)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tcop-lint",
                        "version": report.version,
                        "semanticVersion": report.version,
                        "informationUri": HOMEPAGE,
                        "rules": [_descriptor(r, report) for r in results],
                    }
                },
                "automationDetails": {"id": f"tcop-lint/{report.profile.name}/"},
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": report.root.as_uri().rstrip("/") + "/"}
                },
                "invocations": [_invocation(report)],
                "results": [
                    _result(f, index[f.rule_code]) for r in results for f in r.findings
                ],
            }
        ],
    }


def _descriptor(result: RuleResult, report: Report) -> dict[str, Any]:
    rule = result.rule
    point = report.profile.point_for(rule.topic)
    point_text = f"point {point.number} ({point.title})" if point else rule.topic
    help_uri = help_uri_of(rule)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:_MAX_DESCRIPTION]},
        "fullDescription": {
            "text": rule.rationale.split("\n\n")[0].replace("\n", " ")[
                :_MAX_DESCRIPTION
            ]
        },
        "defaultConfiguration": {"level": result.level},
        "help": {
            "text": f"{rule.remediation}\n\nEvidences the Code's {point_text}."
            + (f" {help_uri}" if help_uri else ""),
            "markdown": f"{rule.remediation}\n\nEvidences the Code's {point_text}."
            + (f" [Rule documentation]({help_uri})" if help_uri else ""),
        },
        "properties": {
            "tags": [
                "tcop",
                rule.topic,
                *([f"tcop-point-{point.number}"] if point else []),
            ],
            "precision": "high",
            "problem.severity": {
                "error": "error",
                "warning": "warning",
                "note": "recommendation",
            }[result.level],
        },
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _invocation(report: Report) -> dict[str, Any]:
    return {
        "executionSuccessful": not report.notifications,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {
                    "text": well_formed(f"rule {n.rule_code} crashed: {n.message}")
                },
                "descriptor": {"id": n.rule_code},
            }
            for n in report.notifications
        ],
    }


def artifact_uri(path: str | None) -> str:
    """A relative URI reference for a repo path (percent-encoded bytes, slashes kept)."""
    if path is None:
        return "."
    return quote(os.fsencode(path), safe="/")


def well_formed(text: str) -> str:
    """``text`` without lone surrogates, which strict JSON readers reject.

    A file name that is not UTF-8 reaches a message as surrogate escapes; its bytes are shown
    as ``\\xe9``, as the text report shows them.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def _result(finding: ReportedFinding, rule_index: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": max(finding.start_line or 1, 1)}
    if finding.end_line and finding.end_line >= region["startLine"]:
        region["endLine"] = finding.end_line
    result: dict[str, Any] = {
        "ruleId": finding.rule_code,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": well_formed(finding.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": artifact_uri(finding.path),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {
            FINGERPRINT_KEY: finding.fingerprint,
            "primaryLocationLineHash": finding.fingerprint,
        },
    }
    if finding.suppression:
        s = finding.suppression
        justification = f"{s.reason} (exempt until {s.expires.isoformat()}"
        justification += f", approved by {s.approved_by})" if s.approved_by else ")"
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": well_formed(justification),
            }
        ]
    return result
