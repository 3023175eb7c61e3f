"""The HTML report in headless Chromium: it renders, sorts, filters, works without
JavaScript and at 320 px, loads nothing, and axe-core finds no WCAG 2.2 A/AA violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import HOSTILE_NAME, axe_violations, screenshot


@pytest.fixture
def problems() -> list[str]:
    """Console errors, page errors and requests for anything but the page itself."""
    return []


@pytest.fixture
def page(browser: Any, problems: list[str]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5_000)
    opened = context.new_page()
    opened.on(
        "console", lambda m: problems.append(m.text) if m.type == "error" else None
    )
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.on(
        "request",
        lambda r: (
            problems.append(f"request {r.url}")
            if not r.url.startswith("file:")
            else None
        ),
    )
    yield opened
    context.close()
    assert problems == []


def _names(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#matrix tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent)"
    )


def _column(page: Any, column: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#matrix tbody tr:not([hidden]) > :nth-child({column})",
        "cells => cells.map(c => c.textContent)",
    )


def test_dashboard_renders_with_a_screenshot(page: Any, estate_page: Path) -> None:
    page.goto(estate_page.as_uri())
    assert page.title() == "Technology Code of Practice dashboard"
    assert page.locator("h1").inner_text() == "Technology Code of Practice dashboard"
    assert page.locator("#result-count").inner_text() == "Showing 41 of 41 repositories"
    assert page.locator("#matrix tbody tr").count() == 41
    assert page.locator("#filters").is_visible()
    headers = page.eval_on_selector_all(
        "#matrix thead th", "cells => cells.map(c => c.getAttribute('aria-sort'))"
    )
    assert headers == ["ascending"] + ["none"] * 16
    assert screenshot(page, "dashboard.png").stat().st_size > 10_000


def test_dashboard_has_no_wcag_22_aa_violation(
    page: Any, estate_page: Path, axe_source: str
) -> None:
    page.goto(estate_page.as_uri())
    page.locator("#repo-1 summary").click()
    assert axe_violations(page, axe_source) == []


def test_single_repository_report_has_no_wcag_22_aa_violation(
    page: Any, single_page: Path, axe_source: str
) -> None:
    page.goto(single_page.as_uri())
    assert (
        page.locator("h1").inner_text() == "Technology Code of Practice report: sample"
    )
    assert page.locator("table caption").inner_text() == "Status of each Code point"
    assert axe_violations(page, axe_source) == []
    screenshot(page, "single-repository.png")


@pytest.mark.parametrize("fixture", ["estate_page", "single_page"])
def test_at_320_px_only_the_matrix_scrolls_sideways(
    page: Any, request: pytest.FixtureRequest, fixture: str, axe_source: str
) -> None:
    """WCAG 1.4.10 reflow: 320 CSS px is 1280 px at 400% zoom."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(request.getfixturevalue(fixture).as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths == [320, 320]
    if fixture == "estate_page":
        region = page.evaluate(
            "(r => [r.scrollWidth > r.clientWidth, r.tabIndex])"
            "(document.querySelector('.scroll-region'))"
        )
        assert region == [True, 0]  # it scrolls, and a keyboard can reach it to scroll
        # axe over 41 open repositories takes a minute: three (two reports and one that
        # could not be checked) cover every kind of content
        page.evaluate(
            "document.querySelectorAll('details:nth-of-type(n+4)')"
            ".forEach(d => d.open = false)"
        )
    assert axe_violations(page, axe_source) == []
    screenshot(page, f"{fixture}-320px.png")


def test_sorting_by_name_and_by_point(page: Any, estate_page: Path) -> None:
    page.goto(estate_page.as_uri())
    first = _names(page)
    assert first == sorted(first, key=str.lower)
    page.get_by_role("button", name="Repository").click()
    assert _names(page) == sorted(first, key=str.lower, reverse=True)
    header = page.locator("#matrix thead th").nth(0)
    assert header.get_attribute("aria-sort") == "descending"

    page.get_by_role("button", name="Be open and use open source").click()
    rank = {"Not checked": 4, "Fail": 3, "Warn": 2, "Not assessed": 1, "Pass": 0}
    statuses = [rank[s] for s in _column(page, 5)]
    assert statuses == sorted(statuses, reverse=True)  # worst first
    assert statuses[0] == 4 and statuses[-1] < 4
    assert (
        page.locator("#matrix thead th").nth(4).get_attribute("aria-sort")
        == "descending"
    )
    assert header.get_attribute("aria-sort") == "none"
    page.get_by_role("button", name="Be open and use open source").click()
    assert [rank[s] for s in _column(page, 5)] == sorted(statuses)

    page.get_by_role("button", name="Errors").click()
    errors = [int(n) for n in _column(page, 16) if n != "–"]
    assert errors == sorted(errors, reverse=True)


def test_filtering_by_name_point_and_status(page: Any, estate_page: Path) -> None:
    from playwright.sync_api import expect

    page.goto(estate_page.as_uri())
    page.get_by_label("Repository name contains").fill("SERVICE-1")
    assert _names(page) == [f"org/service-{n}" for n in range(10, 20)]
    expect(page.get_by_role("status")).to_have_text("Showing 10 of 41 repositories")

    page.get_by_label("Repository name contains").fill("")
    page.get_by_label("Point", exact=True).select_option(label="1. Define user needs")
    page.get_by_label("Status", exact=True).select_option(label="Not checked")
    assert _names(page) == ["org/unreachable"]
    expect(page.get_by_role("status")).to_have_text("Showing 1 of 41 repositories")

    page.get_by_label("Point", exact=True).select_option(
        label="10. Make better use of data"
    )
    page.get_by_label("Status", exact=True).select_option(label="Pass")
    assert len(_names(page)) == 40
    assert set(_column(page, 12)) == {"Pass"}
    page.get_by_label("Status", exact=True).select_option(label="Fail")
    assert _names(page) == []
    expect(page.get_by_role("status")).to_have_text("Showing 0 of 41 repositories")
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_role("status")).to_have_text("Showing 41 of 41 repositories")
    assert page.locator("#matrix tbody tr:visible").count() == 41
    assert page.get_by_label("Point", exact=True).input_value() == "1"  # Overall


def test_the_count_is_announced_once_typing_pauses(
    page: Any, estate_page: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(estate_page.as_uri())
    page.evaluate(
        "() => { window.announced = [];"
        " new MutationObserver(() => window.announced.push("
        "document.getElementById('result-count').textContent))"
        ".observe(document.getElementById('result-count'), {childList: true}); }"
    )
    page.get_by_label("Repository name contains").press_sequentially(
        "service-2", delay=50
    )
    expect(page.get_by_role("status")).to_have_text("Showing 10 of 41 repositories")
    assert len(_names(page)) == 10
    assert page.evaluate("window.announced") == ["Showing 10 of 41 repositories"]


def test_a_repository_link_opens_its_details(page: Any, estate_page: Path) -> None:
    page.goto(estate_page.as_uri())
    from playwright.sync_api import expect

    link = page.get_by_role("link", name="org/service-00", exact=True)
    anchor = link.get_attribute("href")
    details = page.locator(anchor)
    assert details.get_attribute("open") is None
    link.click()
    expect(details).to_have_attribute("open", "")
    assert details.locator("summary").inner_text().startswith("org/service-00: ")
    body = details.inner_text()
    assert "Evidence: LICENSE" in body
    assert "Warning: docs/<script>alert(1)<-script>.docx closed format" in body
    details.locator("a[href='#fix-tc0801']").first.click()
    assert page.locator("#fix-tc0801 h3").inner_text() == "TC0801 readme"


def test_without_javascript_the_matrix_and_details_are_readable(
    browser: Any, estate_page: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(estate_page.as_uri())
    assert page.locator("#matrix tbody tr").count() == 41
    assert page.locator("#matrix tbody tr:visible").count() == 41
    assert not page.locator("#filters").is_visible()  # it needs the script: not offered
    assert page.locator("#matrix thead button").count() == 0
    assert page.locator("#result-count").inner_text() == "Showing 41 of 41 repositories"
    page.locator("#repo-2 summary").click()  # <details> opens without a script
    assert "Evidence: LICENSE" in page.locator("#repo-2").inner_text()
    screenshot(page, "dashboard-no-javascript.png")
    context.close()


def test_untrusted_names_stay_text_and_the_policy_blocks_injected_script(
    page: Any, estate_page: Path, problems: list[str]
) -> None:
    page.goto(estate_page.as_uri())
    assert HOSTILE_NAME in _names(page)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#matrix img").count() == 0
    # Even markup that escaped its escaping could not run: the page allows only its own
    # script, by hash.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pwned = 3'; document.body.append(s); }"
    )
    assert page.evaluate("window.pwned") is None
    assert len(problems) == 1 and "Content Security Policy" in problems[0]
    problems.clear()


def test_the_skip_link_is_the_first_stop_and_is_visible_on_focus(
    page: Any, estate_page: Path
) -> None:
    page.goto(estate_page.as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0
    assert (
        page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
        == "rgb(255, 221, 0)"
    )  # GOV.UK's focus yellow
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")  # the first control in the page: the name filter
    assert page.evaluate("document.activeElement.id") == "filter-name"
    style = "(s => [s.outlineStyle, s.outlineWidth, s.outlineColor])"
    assert page.evaluate(f"{style}(getComputedStyle(document.activeElement))") == [
        "solid",
        "3px",
        "rgb(255, 221, 0)",
    ]
    page.get_by_role("button", name="Overall").focus()
    assert page.evaluate(f"{style}(getComputedStyle(document.activeElement))") == [
        "solid",
        "3px",
        "rgb(255, 221, 0)",
    ]
