"""Markdown summary for GitHub step summaries and PR comments: points, findings, evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


_ZWJ = "\u200d"
"""A zero-width joiner: after ``@`` or ``#`` it stops GitHub reading a mention or a reference."""
_GH_REFERENCE = re.compile(r"(?i)\bgh-(?=[0-9])")
_BACKTICKS = re.compile(r"`+")


def escape(text: str) -> str:
    """Neutralise Markdown, HTML and GitHub's autolinks in untrusted text (paths, messages).

    The summary goes to job summaries and pull-request comments, where GitHub turns
    ``@someone`` into a notification, ``#123`` and ``GH-123`` into references, and bare
    URLs into links: a word with a URL is shown as code, and ``@``/``#`` get a zero-width
    joiner after them. Linear in the text.
    """
    text = display_path(text)
    parts, done = [], 0
    for start, end in _url_words(text):
        parts += [_escape_plain(text[done:start]), _code_span(text[start:end])]
        done = end
    parts.append(_escape_plain(text[done:]))
    return "".join(parts)


def _url_words(text: str) -> Iterator[tuple[int, int]]:
    """Where each space-separated word holding ``://`` or ``www.`` starts and ends."""
    lowered = text.lower()
    position = 0
    next_scheme = lowered.find("://")
    next_www = lowered.find("www.")
    while True:
        if 0 <= next_scheme < position:
            next_scheme = lowered.find("://", position)
        if 0 <= next_www < position:
            next_www = lowered.find("www.", position)
        hits = [hit for hit in (next_scheme, next_www) if hit >= 0]
        if not hits:
            return
        hit = min(hits)
        start = text.rfind(" ", position, hit) + 1 or position
        end = text.find(" ", hit)
        end = len(text) if end < 0 else end
        yield max(start, position), end
        position = end


def _escape_plain(text: str) -> str:
    for ch in "\\`*_{}[]<>()#+!|~":
        text = text.replace(ch, "\\" + ch)
    text = text.replace("@", "@" + _ZWJ).replace("#", "#" + _ZWJ)
    return _GH_REFERENCE.sub(lambda m: m.group(0)[:2] + _ZWJ + "-", text)


def _code_span(word: str) -> str:
    """``word`` as inline code: nothing inside is markup or a link."""
    longest = max(map(len, _BACKTICKS.findall(word)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if word.startswith("`") or word.endswith("`") else ""
    return f"{fence}{pad}{word}{pad}{fence}"


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
            f"{escape(why.reason)} "
            + (
                f"(until {why.expires})"
                if why.expires
                else f"(comment on line {why.line})"
            )
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
