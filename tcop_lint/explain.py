"""Rule documentation made from rule metadata, so `explain`, docs and README cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from tcop_lint.profiles import PROFILES
from tcop_lint.rule import Rule


def points_text(rule: Rule) -> str:
    parts = []
    for profile in PROFILES.values():
        point = profile.point_for(rule.topic)
        parts.append(
            f"{profile.name}: point {point.number}, {point.title}"
            if point
            else f"{profile.name}: no {rule.topic} point"
        )
    return "; ".join(parts)


def explain_text(rule: Rule) -> str:
    lines = [
        f"{rule.code} {rule.name}",
        "",
        rule.summary,
        "",
        f"Code point: {points_text(rule)}",
        f"Topic: {rule.topic}    Default level: {rule.level}",
    ]
    if rule.attestable:
        lines.append(
            f"Evidence kept outside the repository can be attested under "
            f"`attestations: {rule.topic}:` in .tcop-lint.yml."
        )
    lines += [
        "",
        "Why it matters",
        "",
        rule.rationale,
        "",
        "How to fix",
        "",
        rule.remediation,
    ]
    if rule.options:
        lines += [
            "",
            "Options (in .tcop-lint.yml under rules: {code: {options: ...}})",
            "",
        ]
        lines += [
            f"  {name}: {value!r} (default)" for name, value in rule.options.items()
        ]
    return "\n".join(lines)


def rules_table(rules: Iterable[Rule]) -> str:
    """The Markdown table of rules in README.md (a test keeps the README in step with it)."""
    uk = PROFILES["uk"]
    rows = ["| Code | Name | Point (UK) | Level | Checks |", "|---|---|---|---|---|"]
    for rule in rules:
        point = uk.point_for(rule.topic)
        rows.append(
            f"| {rule.code} | {rule.name} | {point.number if point else '-'} "
            f"| {rule.level} | {rule.summary} |"
        )
    return "\n".join(rows)
