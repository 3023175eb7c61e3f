"""``--format html`` and the estate dashboard's HTML, without a browser: what the page holds,
that untrusted text stays text, and that the policy allows exactly the page's own CSS and
script. tests/browser/ opens the same pages in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import make_git_repo

from tcop_lint.report.html import render_estate
from tcop_lint.report.html_markdown import markdown_to_html

TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")
POINTS = [
    {"number": 1, "topic": "user-needs", "title": "Define user needs"},
    {
        "number": 2,
        "topic": "accessibility",
        "title": "Make things accessible and inclusive",
    },
]


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.raw else None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.raw[self._open].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _rule(code: str, outcome: str, findings: list[dict[str, Any]], evidence: list[Any]):
    return {
        "code": code,
        "name": "readme" if code == "TC0801" else "user-needs-evidence",
        "topic": "user-needs",
        "level": "warning",
        "outcome": outcome,
        "reason": None,
        "findings": findings,
        "evidence": evidence,
    }


def _repository(name: str, status: str, path: str = "README.md") -> dict[str, Any]:
    finding = {
        "message": "no user research evidence found",
        "level": "warning",
        "path": path,
        "start_line": 3,
        "end_line": 3,
        "id": "missing-evidence",
        "fingerprint": "f",
    }
    report = {
        "status": status,
        "points": [
            {**POINTS[0], "status": status, "rules": ["TC0101"]},
            {**POINTS[1], "status": "not-assessed", "rules": []},
        ],
        "rules": [
            _rule(
                "TC0101",
                status,
                [finding] if status != "pass" else [],
                [{"path": "docs/research.md", "detail": "user research"}],
            )
        ],
        "errors": [],
    }
    return {
        "name": name,
        "location": f"https://example.org/{name}",
        "commit": "a" * 40,
        "status": "checked",
        "reason": None,
        "overall": status,
        "points": {"1": status, "2": "not-assessed"},
        "errors": 0,
        "warnings": int(status == "warn"),
        "report": report,
    }


def _estate(*repositories: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "generated": "2026-12-04T22:00:00Z",
        "tool": {"name": "tcop-lint", "version": "9.9.9"},
        "profile": "uk",
        "points": POINTS,
        "repositories": list(repositories),
        "changes": None,
    }


def test_the_estate_page_holds_the_matrix_coverage_and_details() -> None:
    page = render_estate(
        _estate(
            _repository("org/b", "pass"),
            _repository("org/a", "warn"),
            {
                "name": "org/gone",
                "location": "https://example.org/org/gone",
                "commit": None,
                "status": "error",
                "reason": "clone failed",
                "overall": None,
                "points": {},
                "errors": 0,
                "warnings": 0,
                "report": None,
            },
        )
    )
    rows = re.findall(r"<tr><th scope=\"row\" data-v=\"([^\"]*)\">.*?</tr>", page)
    assert rows == ["org/a", "org/b", "org/gone"]  # in name order, as aria-sort says
    assert (
        '<tr><th scope="row" data-v="org/a"><a href="#repo-1">org/a</a></th>'
        '<td data-v="warn">Warn</td><td data-v="warn">Warn</td>'
        '<td data-v="not-assessed">Not assessed</td>'
        '<td class="num" data-v="0">0</td><td class="num" data-v="1">1</td></tr>'
    ) in page
    assert (
        '<td data-v="error">Not checked</td>' * 3 + '<td class="num" data-v="-1">–</td>'
    ) in page
    # coverage counts checked repositories only: one of two passes point 1
    assert (
        '<tr><th scope="row">1. Define user needs</th><td class="num">'
        '<span class="count">50%</span><br><span class="hint">1 of 2</span></td>'
        '<td class="num">1</td><td class="num">0</td></tr>'
    ) in page
    assert "2 repositories checked" in page
    assert (
        "3 repositories, checked against the Technology Code of Practice (UK) "
        "on 4 December 2026 at 22:00 UTC."
    ) in page
    assert (
        '<details class="repository" id="repo-3"><summary>org/gone: Not checked</summary>'
    ) in page
    assert "Could not be checked: clone failed" in page
    assert "<dt>Commit</dt><dd>" + "a" * 40 + "</dd>" in page
    assert (
        "<li>Warning: <code>README.md:3</code> no user research evidence found "
        '<a href="#fix-tc0101">How to fix TC0101</a></li>'
    ) in page
    assert "Evidence: <code>docs/research.md</code> user research" in page
    assert '<section class="fix" id="fix-tc0101"' in page
    assert "Made by tcop-lint 9.9.9." in page


def test_an_empty_estate_says_so() -> None:
    page = render_estate(_estate())
    assert '<h2 id="overall">Overall status</h2><p>No repositories.</p>' in page
    assert "<tbody></tbody>" in page
    assert '<span class="count">–</span><br><span class="hint">0 of 0</span>' in page


def test_changes_since_the_previous_run_are_listed() -> None:
    estate = _estate(_repository("org/a", "pass"))
    estate["changes"] = {
        "previous_generated": "2026-12-03T21:30:00Z",
        "repositories": [
            {
                "name": "org/a",
                "gained": [3, 5],
                "lost": [7],
                "new": False,
                "removed": False,
                "overall_before": "fail",
                "overall_now": "warn",
            },
            {
                "name": "org/z",
                "gained": [],
                "lost": [],
                "new": False,
                "removed": True,
                "overall_before": "pass",
                "overall_now": None,
            },
        ],
    }
    page = render_estate(estate)
    assert '<h2 id="changes">Changes since 3 December 2026 at 21:30 UTC</h2>' in page
    assert (
        '<tr><th scope="row">org/a</th><td>3, 5</td><td>7</td><td>Fail → Warn</td></tr>'
    ) in page
    assert (
        '<tr><th scope="row">org/z (Removed)</th><td>–</td><td>–</td><td>Pass → –</td></tr>'
    ) in page


def test_untrusted_text_is_escaped_everywhere() -> None:
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    repository = _repository(f"org/{hostile}", "warn", path=f"docs/{hostile}.md")
    repository["report"]["rules"][0]["evidence"][0]["detail"] = hostile
    repository["location"] = hostile
    page = render_estate(_estate(repository))
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags if tag in ("script", "img")] == ["script"]
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_fields_that_should_be_words_or_numbers_are_escaped_too() -> None:
    """A merged estate.json is input: a status or a count may be any text."""
    bad = '"><script>alert(3)</script>'
    repository = _repository("org/a", "warn")
    repository.update(overall=bad, points={"1": bad}, errors=bad, warnings=-5)
    repository["report"]["points"][0]["status"] = bad
    repository["report"]["rules"][0]["findings"][0]["start_line"] = bad
    estate = _estate(repository)
    estate["points"] = [{**POINTS[0], "number": bad}, POINTS[1]]
    estate["changes"] = {"previous_generated": bad, "repositories": [{"gained": [bad]}]}
    page = render_estate(estate)
    assert "<script>alert" not in page
    assert [tag for tag, _ in _parse(page).tags if tag == "script"] == ["script"]
    assert '<td class="num" data-v="0">0</td><td class="num" data-v="0">0</td>' in page


def test_control_characters_in_names_are_shown_escaped() -> None:
    page = render_estate(_estate(_repository("org/a\x1b[31mred\u202e", "pass")))
    assert "org/a\\x1b[31mred\\u202e" in page
    assert "\x1b" not in page and "\u202e" not in page


def test_the_policy_allows_only_the_page_s_own_style_and_script() -> None:
    page = render_estate(_estate(_repository("org/a", "pass")))
    parsed = _parse(page)
    policy = next(
        attrs["content"]
        for tag, attrs in parsed.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )

    def digest(source: str) -> str:
        raw = hashlib.sha256(source.encode()).digest()
        return "'sha256-" + base64.b64encode(raw).decode() + "'"

    (style,), (script,) = parsed.raw["style"], parsed.raw["script"]
    assert policy == (
        f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert not [
        attrs for _, attrs in parsed.tags if "style" in attrs
    ]  # would be blocked
    assert re.search(r"(src|href)=\"(https?:)?//", page.split("<main")[0]) is None


def test_format_html_writes_the_page_for_one_repository(tmp_path: Path) -> None:
    repo = make_git_repo(
        tmp_path / "my-service",
        {"README.md": "# x\n", "docs/<b>minutes</b>.docx": "not really Word\n"},
    )
    out = tmp_path / "out" / "report.html"
    run = subprocess.run(
        [TCOP_LINT, str(repo), "--format", f"html:{out}", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Technology Code of Practice report: my-service</title>" in page
    assert f'<p class="lead">Overall: <b class="tag {report["status"]}">' in page
    for point in report["points"]:
        assert f'<tr><th scope="row">{point["number"]}. {point["title"]}</th>' in page
    assert "<code>docs/&lt;b&gt;minutes&lt;/b&gt;.docx</code> closed format" in page
    assert '<section class="fix" id="fix-tc0403"' in page
    assert 'id="matrix"' not in page  # one repository: a table of points, not a matrix


def test_remediation_markdown_becomes_escaped_html() -> None:
    text = (
        "Add `CODEOWNERS` <here>, see [the docs](https://example.org/a?b=1&c=2) or\n"
        "[local](docs/x.md); **always** *reviewed*.\n\n"
        "1. First `step`.\n2. Second\n   continued.\n\n"
        "```yaml\nkey: <value>\n```\n- item"
    )
    assert markdown_to_html(text) == (
        "<p>Add <code>CODEOWNERS</code> &lt;here&gt;, see "
        '<a href="https://example.org/a?b=1&amp;c=2">the docs</a> or '
        "local (<code>docs/x.md</code>); <strong>always</strong> <em>reviewed</em>.</p>\n"
        "<ol><li>First <code>step</code>.</li><li>Second continued.</li></ol>\n"
        "<pre><code>key: &lt;value&gt;</code></pre>\n"
        "<ul><li>item</li></ul>"
    )


def test_a_javascript_link_in_remediation_is_not_a_link() -> None:
    assert markdown_to_html("[x](javascript:alert(1))") == (
        "<p>[x](javascript:alert(1))</p>"
    )
    assert (
        markdown_to_html("[x](javascript:void)")
        == "<p>x (<code>javascript:void</code>)</p>"
    )


def test_two_thousand_repositories_render_in_seconds() -> None:
    repositories = [
        _repository(f"org/service-{n:04d}", ("pass", "warn", "fail")[n % 3])
        for n in range(2000)
    ]
    started = time.perf_counter()
    page = render_estate(_estate(*repositories))
    elapsed = time.perf_counter() - started
    assert page.count('<details class="repository"') == 2000
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert len(page.encode()) < 2000 * 3_000  # these small reports: under 3 KB each
