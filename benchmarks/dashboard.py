"""Measure the estate dashboard (``tcop_lint.report.html.render_estate``) for a large estate:
render time and size, then, where Chromium and Playwright are installed, how long the page
takes to load, sort and filter in a real browser (issue 16: 2,000 repositories must stay
usable).

Every repository carries tcop-lint's JSON report of this checkout (31 rules, their evidence
and findings), with point statuses drawn at random (seeded), so the size per repository is
that of a real, evidence-rich report.

    python benchmarks/dashboard.py                  # 2,000 repositories
    python benchmarks/dashboard.py --repos 500 --keep /tmp/dashboard.html
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
STATUSES = ("pass", "pass", "warn", "fail", "not-assessed")
WORST_LAST = ("not-assessed", "pass", "warn", "fail")


def estate(count: int) -> dict[str, Any]:
    run = subprocess.run(
        [TCOP_LINT, str(ROOT), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    rng = random.Random(16)
    repositories = []
    for index in range(count):
        own = copy.deepcopy(report)
        for point in own["points"]:
            point["status"] = rng.choice(STATUSES)
        repositories.append(
            {
                "name": f"org-{index % 7}/service-{index:04d}",
                "location": f"/srv/checkouts/service-{index:04d}",
                "commit": f"{rng.getrandbits(160):040x}",
                "remote": None,
                "profile": "uk",
                "status": "checked",
                "reason": None,
                "overall": max(
                    (p["status"] for p in own["points"]), key=WORST_LAST.index
                ),
                "points": {str(p["number"]): p["status"] for p in own["points"]},
                "errors": rng.randint(0, 9),
                "warnings": rng.randint(0, 9),
                "report": own,
            }
        )
    return {
        "schema_version": 1,
        "generated": "2026-12-04T22:00:00Z",
        "tool": report["tool"],
        "profile": "uk",
        "points": [
            {k: p[k] for k in ("number", "topic", "title")} for p in report["points"]
        ],
        "repositories": repositories,
        "changes": None,
    }


_SORT = """() => { const t = performance.now();
  document.querySelector('#matrix thead th:nth-child(5) button').click();
  document.body.offsetHeight; return performance.now() - t; }"""
_FILTER = """() => { const t = performance.now(); const i = document.getElementById('filter-name');
  i.value = 'service-01'; i.dispatchEvent(new Event('input'));
  document.body.offsetHeight; return performance.now() - t; }"""


def in_browser(page_path: Path) -> dict[str, float] | None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_path.as_uri())
        timing = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        sorts = [page.evaluate(_SORT) for _ in range(3)]
        filtered = page.evaluate(_FILTER)
        browser.close()
    return {
        "DOM interactive (s)": timing["domInteractive"] / 1000,
        "load event end (s)": timing["loadEventEnd"] / 1000,
        "sort by a point, median of 3 (s)": statistics.median(sorts) / 1000,
        "filter by name (s)": filtered / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args()
    from tcop_lint.report.html import render_estate

    data = estate(args.repos)
    started = time.perf_counter()
    page = render_estate(data)
    seconds = time.perf_counter() - started
    raw = page.encode("utf-8")
    print(f"repositories: {args.repos:,}")
    print(f"render (s): {seconds:.2f}")
    print(f"size (bytes): {len(raw):,} ({len(raw) // args.repos:,} a repository)")
    print(f"gzip (bytes): {len(gzip.compress(raw)):,}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.html"
        path.write_bytes(raw)
        if args.keep:
            shutil.copyfile(path, args.keep)
        measured = in_browser(path)
    if measured is None:
        print("browser: skipped (no chromium or playwright)")
        return
    for name, value in measured.items():
        print(f"{name}: {value:.2f}")


if __name__ == "__main__":
    main()
