"""The parts of the HTML report: coverage, the repository × point matrix, a repository's
findings and evidence, and how to fix each rule.

Everything renders from the JSON report's shape (``json_report.as_dict``) and the estate's
(``tcop-lint estate``), so one page design serves one repository and many. Every piece of
text from a report passes through :func:`text` (a repository may name a file ``<script>``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from tcop_lint.report import display_path, help_uri_of
from tcop_lint.report.html_markdown import markdown_to_html
from tcop_lint.rule import Rule

STATUS_WORDS = {
    "pass": "Pass",
    "warn": "Warn",
    "fail": "Fail",
    "not-assessed": "Not assessed",
    "error": "Not checked",
}
OUTCOME_WORDS = {
    **STATUS_WORDS,
    "skipped": "Skipped",
    "exempt": "Exempt",
    "error": "Rule error",
}
LEVEL_WORDS = {"error": "Error", "warning": "Warning", "note": "Note"}


def text(value: object) -> str:
    """Untrusted report text (a path, a message, a name) as HTML text, on one line."""
    return escape(display_path(str(value)), quote=True)


def tag(status: str, words: str | None = None) -> str:
    label = words or STATUS_WORDS.get(status, status)
    return f'<b class="tag {escape(status)}">{text(label)}</b>'


def count_of(value: object) -> int:
    """A count from a report: a non-negative integer, else 0 (a merged estate.json is input
    tcop-lint did not write itself)."""
    return value if isinstance(value, int) and value > 0 else 0


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def fix_id(code: str) -> str:
    return "fix-" + "".join(ch if ch.isalnum() else "-" for ch in code.lower())


def point_status(repository: Mapping[str, Any], number: int) -> str:
    if repository.get("status") != "checked":
        return "error"
    return str((repository.get("points") or {}).get(str(number)) or "not-assessed")


def coverage(
    points: list[Mapping[str, Any]], repositories: list[Mapping[str, Any]]
) -> str:
    """Per point: how many of the checked repositories pass, warn and fail."""
    checked = [r for r in repositories if r.get("status") == "checked"]
    rows = []
    for point in points:
        statuses = [point_status(r, point["number"]) for r in checked]
        passing = statuses.count("pass")
        share = f"{passing * 100 // len(checked)}%" if checked else "–"
        rows.append(
            f'<tr><th scope="row">{text(point["number"])}. {text(point["title"])}</th>'
            f'<td class="num"><span class="count">{share}</span><br>'
            f'<span class="hint">{passing:,} of {len(checked):,}</span></td>'
            f'<td class="num">{statuses.count("warn"):,}</td>'
            f'<td class="num">{statuses.count("fail"):,}</td></tr>'
        )
    return (
        '<table class="table coverage"><caption>Repositories passing each Code point'
        f'<span class="hint"> (of {plural(len(checked), "repository", "repositories")}'
        " checked)</span></caption>"
        '<thead><tr><th scope="col">Point</th><th scope="col" class="num">Passing</th>'
        '<th scope="col" class="num">Warn</th><th scope="col" class="num">Fail</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def filters(points: list[Mapping[str, Any]]) -> str:
    """The filter form: hidden until the script shows it, since it needs the script."""
    options = '<option value="1">Overall</option>' + "".join(
        f'<option value="{index}">{text(p["number"])}. {text(p["title"])}</option>'
        for index, p in enumerate(points, 2)
    )
    statuses = '<option value="">Any status</option>' + "".join(
        f'<option value="{key}">{words}</option>' for key, words in STATUS_WORDS.items()
    )
    return (
        '<form id="filters" class="filters" hidden role="search" aria-label="Filter repositories">'
        '<div class="form-group"><label for="filter-name">Repository name contains</label>'
        '<input id="filter-name" name="name" type="search" autocomplete="off" spellcheck="false">'
        '</div><div class="form-group"><label for="filter-point">Point</label>'
        f'<select id="filter-point" name="point">{options}</select></div>'
        '<div class="form-group"><label for="filter-status">Status</label>'
        f'<select id="filter-status" name="status">{statuses}</select></div>'
        '<button type="reset" class="button button--secondary">Clear filters</button>'
        "</form>"
    )


def matrix(
    points: list[Mapping[str, Any]],
    repositories: list[Mapping[str, Any]],
    anchors: list[str],
) -> str:
    """Repositories by Code point, each cell's status in words and colour."""
    head = "".join(
        f'<th scope="col" data-sort="status">{text(p["number"])}'
        f'<span class="visually-hidden">. {text(p["title"])}</span></th>'
        for p in points
    )
    rows = [
        _matrix_row(points, repository, anchor)
        for repository, anchor in zip(repositories, anchors, strict=True)
    ]
    return (
        '<div class="scroll-region" role="region" aria-labelledby="matrix-caption" tabindex="0">'
        '<table class="table matrix" id="matrix"><caption id="matrix-caption">'
        "Status of each repository by Code point</caption><thead><tr>"
        '<th scope="col" data-sort="text" aria-sort="ascending">Repository</th>'
        f'<th scope="col" data-sort="status">Overall</th>{head}'
        '<th scope="col" class="num" data-sort="number">Errors</th>'
        '<th scope="col" class="num" data-sort="number">Warnings</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _matrix_row(
    points: list[Mapping[str, Any]], repository: Mapping[str, Any], anchor: str
) -> str:
    checked = repository.get("status") == "checked"
    overall = str(repository.get("overall") or "not-assessed") if checked else "error"
    cells = [overall] + [point_status(repository, p["number"]) for p in points]
    name = text(repository.get("name") or "")
    counts = "".join(
        f'<td class="num" data-v="{count_of(repository.get(key))}">'
        f"{count_of(repository.get(key)):,}</td>"
        if checked
        else '<td class="num" data-v="-1">–</td>'
        for key in ("errors", "warnings")
    )
    return (
        f'<tr><th scope="row" data-v="{name}"><a href="#{anchor}">{name}</a></th>'
        + "".join(
            f'<td data-v="{text(s)}">{STATUS_WORDS.get(s, text(s))}</td>' for s in cells
        )
        + counts
        + "</tr>"
    )


def repository_body(repository: Mapping[str, Any], rules: Mapping[str, Rule]) -> str:
    """What was checked in one repository: where, then each point's findings and evidence,
    by the points of the edition it was checked against (its own report's)."""
    facts = [
        (label, repository.get(key))
        for label, key in (
            ("Location", "location"),
            ("Remote", "remote"),
            ("Commit", "commit"),
        )
    ]
    parts = [
        '<dl class="summary-list">'
        + "".join(
            f"<dt>{label}</dt><dd>{text(value)}</dd>" for label, value in facts if value
        )
        + "</dl>"
    ]
    report = repository.get("report")
    if repository.get("status") != "checked" or not report:
        reason = repository.get("reason") or "no report"
        parts.append(f"<p>{tag('error')} Could not be checked: {text(reason)}</p>")
        return "".join(parts)
    if repository.get("reason"):  # a checked repository's rules that could not run
        parts.append(
            f"<p>{tag('error', 'Rule error')} {text(repository['reason'])}</p>"
        )
    by_code = {r["code"]: r for r in report.get("rules", [])}
    for point in report.get("points", []):
        results = [by_code[c] for c in point.get("rules", []) if c in by_code]
        parts.append(_point_section(point, results, rules))
    crashed = report.get("errors") or []
    if crashed:
        parts.append("<h3>Rules that could not run</h3><ul>")
        parts += [f"<li>{text(e['rule'])}: {text(e['message'])}</li>" for e in crashed]
        parts.append("</ul>")
    return "".join(parts)


def _point_section(
    point: Mapping[str, Any],
    results: list[Mapping[str, Any]],
    rules: Mapping[str, Rule],
) -> str:
    """A point's heading and status, then one line per rule: its outcome, the evidence it
    found, its findings. Rules skipped for the same reason share a line (an estate repeats
    "no web front end found" thousands of times otherwise)."""
    heading = f"<h3>{text(point['number'])}. {text(point['title'])} {tag(point.get('status') or 'not-assessed')}</h3>"
    if not results:
        return heading + "<p>No rule checks this point.</p>"
    items: list[str] = []
    skipped: dict[tuple[str, str], list[str]] = {}
    for result in results:
        outcome = str(result.get("outcome") or "error")
        if (
            outcome == "skipped"
            and not result.get("findings")
            and not result.get("evidence")
        ):
            skipped.setdefault((outcome, str(result.get("reason") or "")), []).append(
                text(result["code"])
            )
            continue
        items.append(_rule_item(result, rules))
    items += [
        f"<li>{tag('not-assessed', 'Skipped')} {', '.join(codes)}"
        f"{f': {text(reason)}' if reason else ''}</li>"
        for (_, reason), codes in skipped.items()
    ]
    return f'{heading}<ul class="rule-list">{"".join(items)}</ul>'


def _rule_item(result: Mapping[str, Any], rules: Mapping[str, Rule]) -> str:
    outcome = str(result.get("outcome") or "error")
    status = {"skipped": "not-assessed"}.get(outcome, outcome)
    line = (
        f"{tag(status, OUTCOME_WORDS.get(outcome, outcome))} "
        f"{text(result['code'])} {text(result.get('name') or '')}"
    )
    if result.get("reason"):
        line += f": {text(result['reason'])}"
    evidence = [
        f"<code>{text(e['path'])}</code> {text(e['detail'])}"
        for e in result.get("evidence") or []
    ]
    if evidence:
        line += f"<br>Evidence: {'; '.join(evidence)}"
    findings = [
        _finding(str(result["code"]), f, rules) for f in result.get("findings") or []
    ]
    if findings:
        line += f'<ul class="findings">{"".join(findings)}</ul>'
    return f"<li>{line}</li>"


def _finding(code: str, finding: Mapping[str, Any], rules: Mapping[str, Rule]) -> str:
    level = str(finding.get("level") or "warning")
    where = text(finding.get("path") or ".")
    if finding.get("start_line"):
        where += f":{text(finding['start_line'])}"
    fix = (
        f' <a href="#{fix_id(code)}">How to fix {text(code)}</a>'
        if code in rules
        else ""
    )
    exempt = finding.get("suppression")
    note = (
        f"<br>{tag('exempt', 'Exempt')} until {text(exempt['expires'])}: "
        f"{text(exempt['reason'])}"
        if exempt
        else ""
    )
    return (
        f"<li>{LEVEL_WORDS.get(level, text(level))}: <code>{where}</code> "
        f"{text(finding.get('message') or '')}{fix}{note}</li>"
    )


def fixes(codes: Iterable[str], rules: Mapping[str, Rule]) -> str:
    """How to fix each rule that made a finding, once for the whole page."""
    parts = []
    for code in sorted(set(codes)):
        rule = rules.get(code)
        if rule is None:
            continue
        uri = help_uri_of(rule)
        link = (
            f'<p><a class="block-link" href="{escape(uri)}">{text(code)} documentation</a></p>'
            if uri
            else ""
        )
        parts.append(
            f'<section class="fix" id="{fix_id(code)}" aria-labelledby="{fix_id(code)}-h">'
            f'<h3 id="{fix_id(code)}-h">{text(code)} {text(rule.name)}</h3>'
            f"<p>{text(rule.summary)}</p>{markdown_to_html(rule.remediation)}{link}</section>"
        )
    return "".join(parts)


def finding_codes(repositories: Iterable[Mapping[str, Any]]) -> set[str]:
    return {
        str(result["code"])
        for repository in repositories
        for result in ((repository.get("report") or {}).get("rules") or [])
        if result.get("findings")
    }
