"""Rule documentation made from rule metadata, so `explain`, docs and README cannot drift."""

from __future__ import annotations

import json
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


def _shown(value: object) -> str:
    """An option's default as it is written in YAML."""
    return json.dumps(value)


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
            f"  {name} ({option.type}, default {_shown(option.default)}): {option.description}"
            for name, option in rule.options.items()
        ]
    if rule.help_uri:
        lines += ["", f"Documentation: {rule.help_uri}"]
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


def rules_document(rules: Iterable[Rule]) -> str:
    """docs/rules.md: every rule's explanation, anchored by code for SARIF ``helpUri`` links."""
    parts = [
        "# tcop-lint rules",
        "",
        (
            "Generated from the rule metadata (`tcop-lint explain RULE` prints the same text); "
            "a test keeps this file in step."
        ),
    ]
    for rule in rules:
        parts += [
            "",
            f'<a id="{rule.code.lower()}"></a>',
            "",
            f"## {rule.code} {rule.name}",
            "",
            "```text",
            *explain_text(rule).splitlines()[2:6],
            "```",
            "",
            "### Why it matters",
            "",
            rule.rationale,
            "",
            "### How to fix",
            "",
            rule.remediation,
        ]
        if rule.options:
            parts += ["", "### Options", ""]
            parts += [
                f"- `{name}` ({option.type}, default `{_shown(option.default)}`): "
                f"{option.description}"
                for name, option in rule.options.items()
            ]
    return "\n".join(parts) + "\n"
