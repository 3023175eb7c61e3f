"""HTML report: one self-contained page, for one repository (``--format html``) or an estate
(``render_estate``, the dashboard ``tcop-lint estate`` writes).

The page follows the GOV.UK Design System's look (written here, nothing copied) and WCAG 2.2
AA. It loads nothing: CSS and a little JavaScript are inline, allowed by their hashes in a
Content-Security-Policy that forbids everything else, so text that escaped its escaping could
still run no script. Without JavaScript every table and detail is still there; the script
only adds sorting, filtering and opening the repository a link points at.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import PurePath
from typing import Any

from tcop_lint.data import read_text
from tcop_lint.report import json_report
from tcop_lint.report.html_sections import (
    STATUS_WORDS,
    count_of,
    coverage,
    filters,
    finding_codes,
    fixes,
    matrix,
    plural,
    repository_body,
    tag,
    text,
)
from tcop_lint.results import Report
from tcop_lint.rule import Rule


def render(report: Report, **_: Any) -> str:
    """The page for one repository, from the same data ``--format json`` prints."""
    data = json_report.as_dict(report)
    identity = data.get("repository") or {}
    repository = {
        "name": identity.get("name") or PurePath(data["root"]).name or data["root"],
        "location": data["root"],
        "commit": identity.get("commit"),
        "remote": identity.get("remote"),
        "status": "checked",
        "overall": data["status"],
        "report": data,
    }
    rules = {result.rule.code: result.rule for result in report.results}
    title = f"Technology Code of Practice report: {repository['name']}"
    body = [
        f"<h1>{text(title)}</h1>",
        f'<p class="lead">Overall: {tag(data["status"])}</p>',
        f"<p>Checked against the {text(report.profile.title)}.</p>",
        '<h2 id="points">Code points</h2>',
        _points_table(data["points"]),
        '<h2 id="details">Findings and evidence</h2>',
        repository_body(repository, rules),
        _fixes_section([repository], rules),
    ]
    return _page(title, "".join(body), data["tool"]["version"])


def render_estate(estate: Mapping[str, Any]) -> str:
    """The dashboard for many repositories (the ``estate.json`` shape)."""
    points = list(estate.get("points") or [])
    # In name order, as the matrix says (aria-sort) before anyone sorts it
    repositories = sorted(
        estate.get("repositories") or [], key=lambda r: str(r.get("name") or "").lower()
    )
    rules = _builtin_rules()
    anchors = [f"repo-{index}" for index in range(1, len(repositories) + 1)]
    title = "Technology Code of Practice dashboard"
    body = [
        f"<h1>{title}</h1>",
        _estate_lead(estate, repositories),
        _overall_counts(repositories),
        _changes(estate.get("changes")),
        '<h2 id="coverage">Coverage by point</h2>',
        coverage(points, repositories),
        _matrix_section(points, repositories, anchors),
        '<h2 id="details">Repository details</h2>',
        *(
            f'<details class="repository" id="{anchor}"><summary>'
            f"{text(repository.get('name') or '')}: {_repository_status(repository)}"
            f'</summary><div class="repository__body">'
            f"{repository_body(repository, rules)}</div></details>"
            for repository, anchor in zip(repositories, anchors, strict=True)
        ),
        _fixes_section(repositories, rules),
    ]
    version = str((estate.get("tool") or {}).get("version") or "")
    return _page(title, "".join(body), version)


def _matrix_section(
    points: list[Mapping[str, Any]],
    repositories: list[Mapping[str, Any]],
    anchors: list[str],
) -> str:
    count = plural(len(repositories), "repository", "repositories")
    return (
        '<h2 id="repositories">Repositories by point</h2>'
        '<p class="hint">Each cell gives the status in words. Select a repository for its '
        "findings and evidence; sort by a column with its heading button.</p>"
        f"{filters(points)}"
        '<p id="result-count" class="count" role="status">'
        f"Showing {len(repositories):,} of {count}</p>"
        f"{matrix(points, repositories, anchors)}"
    )


def _estate_lead(
    estate: Mapping[str, Any], repositories: list[Mapping[str, Any]]
) -> str:
    from tcop_lint.profiles import PROFILES

    profile = PROFILES.get(str(estate.get("profile")))
    edition = profile.title if profile else str(estate.get("profile") or "")
    when = _when(estate.get("generated"))
    return (
        f'<p class="lead">{plural(len(repositories), "repository", "repositories")}, '
        f"checked against the {text(edition)}{f' on {when}' if when else ''}.</p>"
    )


def _overall_counts(repositories: list[Mapping[str, Any]]) -> str:
    statuses = [
        str(r.get("overall") or "not-assessed")
        if r.get("status") == "checked"
        else "error"
        for r in repositories
    ]
    items = "".join(
        f"<dt>{tag(status)}</dt><dd>{statuses.count(status):,}</dd>"
        for status in STATUS_WORDS
        if statuses.count(status)
    )
    listed = (
        f'<dl class="summary-list">{items}</dl>' if items else "<p>No repositories.</p>"
    )
    return f'<h2 id="overall">Overall status</h2>{listed}'


def _changes(changes: Mapping[str, Any] | None) -> str:
    if not changes:
        return ""
    since = _when(changes.get("previous_generated")) or "the previous run"
    heading = f'<h2 id="changes">Changes since {since}</h2>'
    rows = [_change_row(change) for change in changes.get("repositories") or []]
    if not rows:
        return f"{heading}<p>No point changed status.</p>"
    return (
        f'{heading}<table class="table"><caption>Points each repository now passes or no '
        "longer passes</caption><thead><tr>"
        '<th scope="col">Repository</th><th scope="col">Now passing</th>'
        '<th scope="col">No longer passing</th><th scope="col">Overall, then → now</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _change_row(change: Mapping[str, Any]) -> str:
    state = "New" if change.get("new") else "Removed" if change.get("removed") else ""
    gained = text(", ".join(map(str, change.get("gained") or [])) or "–")
    lost = text(", ".join(map(str, change.get("lost") or [])) or "–")
    overall = " → ".join(
        STATUS_WORDS.get(str(change.get(key)), "–") if change.get(key) else "–"
        for key in ("overall_before", "overall_now")
    )
    return (
        f'<tr><th scope="row">{text(change.get("name") or "")}'
        f"{f' ({state})' if state else ''}</th><td>{gained}</td><td>{lost}</td>"
        f"<td>{overall}</td></tr>"
    )


def _points_table(points: list[Mapping[str, Any]]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{text(p["number"])}. {text(p["title"])}</th>'
        f"<td>{tag(p['status'])}</td><td>{text(', '.join(p['rules']) or '–')}</td></tr>"
        for p in points
    )
    return (
        '<table class="table"><caption>Status of each Code point</caption><thead><tr>'
        '<th scope="col">Point</th><th scope="col">Status</th><th scope="col">Rules</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _fixes_section(
    repositories: list[Mapping[str, Any]], rules: Mapping[str, Rule]
) -> str:
    section = fixes(finding_codes(repositories), rules)
    return f'<h2 id="fixes">How to fix</h2>{section}' if section else ""


def _repository_status(repository: Mapping[str, Any]) -> str:
    if repository.get("status") != "checked":
        return STATUS_WORDS["error"]
    overall = STATUS_WORDS.get(str(repository.get("overall")), "Not assessed")
    errors, warnings = (
        count_of(repository.get("errors")),
        count_of(repository.get("warnings")),
    )
    return f"{overall} ({plural(errors, 'error')}, {plural(warnings, 'warning')})"


def _when(value: object) -> str:
    """An ISO timestamp as people read it: 4 December 2026 at 22:00 UTC."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return text(value)
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{moment.day} {moment:%B %Y at %H:%M}{zone}"


def _builtin_rules() -> dict[str, Rule]:
    from tcop_lint.registry import builtin_rules, index

    return {rule.code: rule for rule in index(builtin_rules()).values()}


@cache
def _assets() -> tuple[str, str, str]:
    """The page's CSS and script, and the Content-Security-Policy that allows only them."""
    css, script = read_text("dashboard.css"), read_text("dashboard.js")

    def digest(source: str) -> str:
        raw = hashlib.sha256(source.encode("utf-8")).digest()
        return "'sha256-" + base64.b64encode(raw).decode("ascii") + "'"

    policy = (
        f"default-src 'none'; style-src {digest(css)}; script-src {digest(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return css, script, policy


def _page(title: str, body: str, version: str) -> str:
    css, script, policy = _assets()
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{text(title)}</title><style>{css}</style></head><body>"
        '<a href="#main-content" class="skip-link">Skip to main content</a>'
        '<header class="header"><div class="header__inner">'
        '<span class="header__product">tcop-lint</span>'
        '<span class="header__service">Technology Code of Practice</span></div></header>'
        '<div class="width-container"><main id="main-content" tabindex="-1">'
        f"{body}</main></div>"
        '<footer class="footer"><div class="width-container">'
        f"<p>Made by tcop-lint {text(version)}. Evidence found in the files of each "
        "repository; what no file can show is recorded as an attestation.</p></div></footer>"
        f"<script>{script}</script></body></html>\n"
    )
