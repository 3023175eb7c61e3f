"""A real Chromium (the Debian package, driven by Playwright) and axe-core (from npm, see
package.json here) for the HTML report's tests.

On a machine without them the tests skip and say what to install; with
``TCOP_LINT_REQUIRE_BROWSER=1`` (set by ``.ci/browser-prerequisites``' caller, ``.ci/run``)
a missing browser or axe-core fails them instead, so CI cannot pass by skipping.
One browser serves the whole session; each test opens its own page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_git_repo

ROOT = Path(__file__).parents[2]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_written: list[Path] = []


def _unavailable(reason: str) -> None:
    if os.environ.get("TCOP_LINT_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"{reason} (TCOP_LINT_REQUIRE_BROWSER=1: CI must run the browser tests)"
        )
    pytest.skip(f"{reason}; run .ci/browser-prerequisites to install it")


def chromium_path() -> str | None:
    given = os.environ.get("TCOP_LINT_CHROMIUM")
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _unavailable(
            "no Chromium found (apt-get install chromium, or set TCOP_LINT_CHROMIUM)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        _unavailable(f"axe-core is not installed ({AXE}: npm ci in tests/browser)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on ``page``, one line each."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def screenshot(page: Any, name: str) -> Path:
    """Keep a full-page screenshot under test-artifacts/ (gitignored) and say where."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    _written.append(path)
    print(f"screenshot: {path}")
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for path in _written:
        terminalreporter.write_line(f"browser test screenshot: {path}")


# -- the pages under test ----------------------------------------------------------------

HOSTILE_NAME = "org/<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"


def _report(root: Path) -> dict[str, Any]:
    run = subprocess.run(
        [TCOP_LINT, str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="session")
def sample_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real repository with evidence (a licence) and findings, one about a file whose name
    is markup."""
    root = tmp_path_factory.mktemp("browser") / "sample"
    return make_git_repo(
        root,
        {
            "README.md": "# Sample\n\nA sample service.\n",
            "LICENSE": (ROOT / "LICENSE").read_text(encoding="utf-8"),
            "docs/<script>alert(1)<-script>.docx": "not really a Word document\n",
        },
    )


@pytest.fixture(scope="session")
def estate(
    sample_repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """An estate of 40 repositories made from two real reports, one repository that could not
    be checked, one with a hostile name, and changes since a previous run."""
    bare = make_git_repo(
        tmp_path_factory.mktemp("browser") / "bare", {"main.py": "print('hi')\n"}
    )
    reports = [_report(sample_repository), _report(bare)]
    points = [
        {k: p[k] for k in ("number", "topic", "title")} for p in reports[0]["points"]
    ]
    repositories = []
    for index in range(40):
        report = reports[index % 2]
        name = HOSTILE_NAME if index == 7 else f"org/service-{index:02d}"
        repositories.append(_checked(name, report, index))
    repositories.append(
        {
            "name": "org/unreachable",
            "location": "https://example.invalid/org/unreachable",
            "commit": None,
            "status": "error",
            "reason": "git clone failed: repository not found",
            "overall": None,
            "points": {},
            "errors": 0,
            "warnings": 0,
            "report": None,
        }
    )
    return {
        "schema_version": 1,
        "generated": "2026-12-04T22:00:00Z",
        "tool": {"name": "tcop-lint", "version": "0.1.0"},
        "profile": "uk",
        "points": points,
        "repositories": repositories,
        "changes": {
            "previous_generated": "2026-12-03T22:00:00Z",
            "repositories": [
                {
                    "name": "org/service-01",
                    "gained": [3],
                    "lost": [7],
                    "new": False,
                    "removed": False,
                    "overall_before": "warn",
                    "overall_now": "fail",
                },
                {
                    "name": "org/service-39",
                    "gained": [],
                    "lost": [],
                    "new": True,
                    "removed": False,
                    "overall_before": None,
                    "overall_now": "fail",
                },
            ],
        },
    }


def _checked(name: str, report: dict[str, Any], index: int) -> dict[str, Any]:
    findings = [f for r in report["rules"] for f in r["findings"]]
    return {
        "name": name,
        "location": f"/srv/checkouts/{name}",
        "commit": f"{index:040x}",
        "status": "checked",
        "reason": None,
        "overall": report["status"],
        "points": {str(p["number"]): p["status"] for p in report["points"]},
        "errors": sum(f["level"] == "error" for f in findings),
        "warnings": sum(f["level"] == "warning" for f in findings),
        "report": report,
    }


@pytest.fixture(scope="session")
def estate_page(
    estate: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    from tcop_lint.report.html import render_estate

    path = tmp_path_factory.mktemp("pages") / "index.html"
    path.write_text(render_estate(estate), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def single_page(
    sample_repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """``tcop-lint REPO --format html:FILE``, as a user runs it."""
    path = tmp_path_factory.mktemp("pages") / "report.html"
    run = subprocess.run(
        [TCOP_LINT, str(sample_repository), "--format", f"html:{path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout == run.stderr == ""
    return path
