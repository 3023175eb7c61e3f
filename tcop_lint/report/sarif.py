"""SARIF 2.1.0, shaped the way GitHub code scanning reads it.

Relative URIs against ``%SRCROOT%``, ``startLine >= 1``, a fingerprint that depends on the
rule, path and finding identity (never on line numbers), every run rule in ``tool.driver.rules``
with help, exemptions and inline suppressions as ``suppressions``, rule crashes as tool
execution notifications.

The file is meant to be committed (as a ``--baseline``) and uploaded, so it holds no path of
the machine that wrote it: ``%SRCROOT%`` is described, not given a ``file://`` URI (a
consumer resolves it to its own checkout, as GitHub does with ``checkout_path``).

Where GitHub's limits bite:

- **Results per run.** GitHub rejects a run with more than 25,000 results and keeps only
  5,000 of a larger one, choosing them itself. We keep :data:`MAX_RESULTS` (5,000) ourselves,
  errors first, then warnings, then notes, suppressed results last, and say in
  ``invocations[0].toolExecutionNotifications`` how many of each level were left out: every
  alert that reaches code scanning is one we chose, and the file stays far below the 10 MB
  upload limit.
- **Findings about the repository as a whole** (no CI configuration, no licence) have no
  line of their own. Anchoring them to ``README.md`` line 1 made every edit of that line
  bring them all up on the pull request. They are anchored to :data:`REPOSITORY_ANCHOR`, a
  path no repository has, on line 1, as OpenSSF Scorecard does (``pkg/scorecard/sarif.go``,
  "no file associated with this alert"): code scanning accepts it and shows the alert with
  that text as its location, and no pull request diff ever touches it, so these alerts open
  and close with the evidence, never with an unrelated edit. Fingerprints do not change:
  they never depended on the location shown.
- **Descriptions** are cut at a sentence end within 1,024 characters (never mid-word).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any
from urllib.parse import quote

from tcop_lint.report import HOMEPAGE, help_uri_of
from tcop_lint.results import Report, ReportedFinding, RuleResult, Suppression
from tcop_lint.rule import Level

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "tcopLint/v1"
MAX_DESCRIPTION = 1024
"""GitHub's limit on ``shortDescription.text`` and ``fullDescription.text``."""
MAX_RESULTS = 5000
"""Results kept per run: what GitHub stores of one analysis (it rejects more than 25,000)."""
REPOSITORY_ANCHOR = "no%20file%20associated%20with%20this%20alert"
"""Where a finding about the whole repository is shown (URI-encoded; see the module doc)."""
LEVEL_ORDER: tuple[Level, ...] = ("error", "warning", "note")
_SEVERITY = {level: rank for rank, level in enumerate(LEVEL_ORDER)}


def render(report: Report, *, omit_suppressed: bool = False, **_: Any) -> str:
    return json.dumps(as_dict(report, omit_suppressed=omit_suppressed), indent=2) + "\n"


def kept_findings(
    report: Report, *, omit_suppressed: bool = False
) -> tuple[list[ReportedFinding], list[ReportedFinding]]:
    """The findings written as results (at most :data:`MAX_RESULTS`, in report order) and
    those left out by the cap: open errors, warnings, notes, then suppressed ones, kept in
    that order of importance."""
    findings = report.findings(include_suppressed=not omit_suppressed)
    if len(findings) <= MAX_RESULTS:
        return findings, []
    ranked = sorted(
        range(len(findings)),
        key=lambda i: (
            findings[i].suppression is not None,
            _SEVERITY[findings[i].level],
        ),
    )
    kept = set(ranked[:MAX_RESULTS])
    return (
        [f for i, f in enumerate(findings) if i in kept],
        [f for i, f in enumerate(findings) if i not in kept],
    )


def left_out_note(left_out: list[ReportedFinding]) -> str | None:
    """What the cap left out, in words (for the notification and the command's stderr)."""
    if not left_out:
        return None
    counts = Counter(f.level for f in left_out)
    levels = ", ".join(
        f"{counts[level]} {level}" for level in LEVEL_ORDER if counts[level]
    )
    return (
        f"{len(left_out)} finding(s) left out of the SARIF file ({levels}): GitHub code "
        f"scanning keeps at most {MAX_RESULTS:,} results per run, so the most severe "
        f"{MAX_RESULTS:,} are kept; the JSON report lists them all"
    )


def as_dict(report: Report, *, omit_suppressed: bool = False) -> dict[str, Any]:
    results = [r for r in report.results]
    index = {r.rule.code: i for i, r in enumerate(results)}
    kept, left_out = kept_findings(report, omit_suppressed=omit_suppressed)
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
                    "%SRCROOT%": {
                        "description": {
                            "text": "The root of the checked repository; "
                            "paths are relative to it."
                        }
                    }
                },
                "invocations": [_invocation(report, left_out)],
                "results": [_result(f, index[f.rule_code]) for f in kept],
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
        "shortDescription": {"text": cut_at_sentence(rule.summary)},
        "fullDescription": {
            "text": cut_at_sentence(rule.rationale.split("\n\n")[0].replace("\n", " "))
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


def cut_at_sentence(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest run of whole sentences
    that does; with no sentence end in reach, whole words and an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    end = max(head.rfind(mark) for mark in (". ", "! ", "? ", ".\n"))
    if end > 0:
        return head[: end + 1]
    space = head.rfind(
        " ", 0, limit
    )  # the character after the cut is a space or a word
    return (head[:space] if space > 0 else text[: limit - 1]).rstrip() + "…"


def _invocation(report: Report, left_out: list[ReportedFinding]) -> dict[str, Any]:
    notifications: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {
                "text": well_formed(f"rule {n.rule_code} crashed: {n.message}")
            },
            "descriptor": {"id": n.rule_code},
        }
        for n in report.notifications
    ]
    note = left_out_note(left_out)
    if note:
        notifications.append({"level": "warning", "message": {"text": note}})
    return {
        "executionSuccessful": not report.notifications,
        "toolExecutionNotifications": notifications,
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
    start = max(finding.start_line or 1, 1)
    end = finding.end_line if finding.end_line and finding.end_line >= start else start
    # GitHub's table marks startColumn and endLine required; a finding is about whole lines.
    region = {"startLine": start, "startColumn": 1, "endLine": end}
    anchored = finding.path is None or finding.repository_level
    result: dict[str, Any] = {
        "ruleId": finding.rule_code,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": well_formed(finding.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": REPOSITORY_ANCHOR
                        if anchored
                        else artifact_uri(finding.path),
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
        result["suppressions"] = [_suppression(finding.suppression)]
    return result


def _suppression(suppression: Suppression) -> dict[str, Any]:
    """A config exemption is ``external`` (with its expiry), a comment ``inSource``."""
    justification = suppression.reason
    if suppression.expires:
        justification += f" (exempt until {suppression.expires.isoformat()}"
        justification += (
            f", approved by {suppression.approved_by})"
            if suppression.approved_by
            else ")"
        )
    return {
        "kind": suppression.kind,
        "status": "accepted",
        "justification": well_formed(justification),
    }
