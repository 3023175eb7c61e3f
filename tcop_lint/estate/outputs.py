"""The files an estate run writes into its output folder: ``estate.json`` (everything),
``estate.csv`` (one row per repository for a spreadsheet) and ``index.html`` (the dashboard,
rendered by :func:`tcop_lint.report.html.render_estate`). Each is written atomically."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tcop_lint.report import write_atomically

JSON_NAME = "estate.json"
CSV_NAME = "estate.csv"
HTML_NAME = "index.html"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_outputs(estate: dict[str, Any], directory: Path) -> list[Path]:
    """Write every output into ``directory`` (made if missing); the paths written."""
    written = [
        (directory / JSON_NAME, json.dumps(estate, indent=2) + "\n"),
        (directory / CSV_NAME, csv_text(estate)),
        (directory / HTML_NAME, html_text(estate)),
    ]
    for path, text in written:
        write_atomically(path, text)
    return [path for path, _ in written]


def csv_text(estate: dict[str, Any]) -> str:
    """One row per repository: who it is, whether it was checked, its overall status, one
    column per Code point (``1 user-needs``) and its counts of errors and warnings."""
    numbers = [str(p["number"]) for p in estate["points"]]
    header = [
        "name",
        "location",
        "commit",
        "status",
        "reason",
        "overall",
        *(f"{p['number']} {p['topic']}" for p in estate["points"]),
        "errors",
        "warnings",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for entry in estate["repositories"]:
        writer.writerow(
            [
                _cell(entry["name"]),
                _cell(entry["location"]),
                entry["commit"] or "",
                entry["status"],
                _cell(entry["reason"] or ""),
                entry["overall"] or "",
                *(entry["points"].get(n, "") for n in numbers),
                entry["errors"],
                entry["warnings"],
            ]
        )
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula gets a
    leading apostrophe (OWASP's advice on CSV injection), since names and reasons come
    from the repositories checked. A path's undecodable bytes are escaped."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def html_text(estate: dict[str, Any]) -> str:
    """The dashboard page."""
    from tcop_lint.report.html import render_estate

    return render_estate(estate)
