"""The estate's parts on their own: the CSV's cells, the progress display, the estate's
edition, names made distinct."""

from __future__ import annotations

import csv
import io

from tcop_lint.estate.entries import Outcome, build_estate, distinct_names
from tcop_lint.estate.outputs import csv_text
from tcop_lint.estate.progress import Progress


def _failed(name: str, reason: str) -> Outcome:
    return Outcome(f"/srv/{name}", name, None, None, reason)


def test_csv_cells_that_look_like_formulas_stay_text() -> None:
    estate = build_estate(
        [
            _failed('=HYPERLINK("http://x")', "+1 rule"),
            _failed("@sum", "-2"),
            _failed("plain", "fine \udcff"),
        ],
        generated="2026-12-04T22:00:00Z",
    )
    rows = list(csv.reader(io.StringIO(csv_text(estate))))
    assert [(r[0], r[4]) for r in rows[1:]] == [
        ('\'=HYPERLINK("http://x")', "'+1 rule"),
        ("'@sum", "'-2"),
        ("plain", "fine \\udcff"),
    ]


def test_the_estate_follows_the_edition_most_reports_used() -> None:
    def report(profile: str) -> dict:
        return {
            "profile": profile,
            "status": "pass",
            "root": "/r",
            "repository": None,
            "points": [{"topic": "sustainability", "status": "pass"}],
            "rules": [],
            "errors": [],
        }

    outcomes = [
        Outcome(f"/r{i}", f"r{i}", None, report(p))
        for i, p in enumerate(("bc", "bc", "uk"))
    ]
    estate = build_estate(outcomes, generated="2026-12-04T22:00:00Z")
    assert estate["profile"] == "bc"
    assert len(estate["points"]) == 12
    forced = build_estate(outcomes, profile="uk", generated="2026-12-04T22:00:00Z")
    assert [e["points"]["12"] for e in forced["repositories"]] == ["pass"] * 3
    assert forced["repositories"][0]["points"]["1"] == "not-assessed"


def test_repeated_names_get_their_location() -> None:
    entries = [
        {"name": "api", "location": "/b"},
        {"name": "api", "location": "/a"},
        {"name": "web", "location": "/c"},
    ]
    assert [e["name"] for e in distinct_names(entries)] == ["api", "api (/b)", "web"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere(monkeypatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "60")
    terminal = _Terminal()
    bar = Progress(4, terminal)
    bar.done(_failed("acme/app", "gone"))
    bar.finish()
    assert terminal.getvalue() == (
        "\r\x1b[K[######..................] 1/4 acme/app\r\x1b[K"
    )
    log = io.StringIO()
    lines = Progress(2, log)
    lines.done(_failed("acme/\x1b[31mapp", "gone\nfor good"))
    lines.finish()
    assert log.getvalue() == (
        "tcop-lint estate: [1/2] acme/\\x1b[31mapp: not checked: gone for good\n"
    )
