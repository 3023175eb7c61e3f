"""Each synthetic layout, built as a real git repository, gives the {code: outcome} map decided
by hand (layouts.py) for every rule."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_git_repo, run_engine

from tcop_lint.registry import builtin_rules

sys.path.insert(0, str(Path(__file__).parent))
from layouts import LAYOUTS, ORDER, ORDER_REST, Layout

Outcomes = Callable[[Layout], dict[str, str]]


def expected(layout: Layout) -> dict[str, str]:
    return {**layout.rest, **layout.expect}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    """The tool's {code: outcome} for a layout, built and run once per module."""
    seen: dict[str, dict[str, str]] = {}

    def run(layout: Layout) -> dict[str, str]:
        if layout.name not in seen:
            root = make_git_repo(tmp_path_factory.mktemp(layout.name), layout.files)
            report = run_engine(root)
            seen[layout.name] = {r.rule.code: str(r.outcome) for r in report.results}
        return seen[layout.name]

    return run


def test_decisions_cover_every_rule_once() -> None:
    assert not set(ORDER) & set(ORDER_REST)
    assert set(ORDER) | set(ORDER_REST) == {rule.code for rule in builtin_rules()}
    names = [layout.name for layout in LAYOUTS]
    assert len(names) == len(set(names))
    assert len(LAYOUTS) >= 40
    for layout in LAYOUTS:
        assert list(layout.expect) == ORDER, layout.name
        assert list(layout.rest) == ORDER_REST, layout.name
        assert set(layout.disputed) <= set(ORDER) | set(ORDER_REST), layout.name
        assert bool(layout.disputed) == bool(layout.xfail), layout.name
        for code in layout.disputed:
            assert code in layout.xfail, (layout.name, code)


def params():
    for layout in LAYOUTS:
        marks = (
            [pytest.mark.xfail(strict=True, reason=layout.xfail)]
            if layout.xfail
            else []
        )
        yield pytest.param(layout, id=layout.name, marks=marks)


@pytest.mark.parametrize("layout", list(params()))
def test_layout_outcomes(layout: Layout, outcomes: Outcomes) -> None:
    assert outcomes(layout) == expected(layout)


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_undisputed_outcomes(layout: Layout, outcomes: Outcomes) -> None:
    """The rules not in dispute hold in every layout, xfail or not; a disputed rule is one the
    tool still gets wrong (once it is right, take it out of ``disputed``)."""
    got, want = outcomes(layout), expected(layout)
    assert {c: o for c, o in got.items() if c not in layout.disputed} == {
        c: o for c, o in want.items() if c not in layout.disputed
    }
    assert [c for c in layout.disputed if got[c] == want[c]] == []


README = Path(__file__).parent / "README.md"
TABLE = re.compile(r"<!-- layouts:start -->\n(.*?)<!-- layouts:end -->", re.DOTALL)


def layouts_table() -> str:
    rows = ["| layout | organisation | pattern modelled |", "|---|---|---|"]
    for layout in LAYOUTS:
        note = f" (xfail: {layout.xfail})" if layout.xfail else ""
        rows.append(
            f"| {layout.name} | {layout.organisation} | {layout.pattern}{note} |"
        )
    return "\n".join(rows) + "\n"


def test_readme_table_matches_layouts() -> None:
    """Regenerate with: TCOP_LINT_UPDATE_README=1 pytest tests/realworld/test_layouts.py"""
    expected = layouts_table()
    text = README.read_text(encoding="utf-8")
    if os.environ.get("TCOP_LINT_UPDATE_README"):
        text = TABLE.sub(
            lambda _: f"<!-- layouts:start -->\n{expected}<!-- layouts:end -->", text
        )
        README.write_text(text, encoding="utf-8")
    match = TABLE.search(text)
    assert match is not None
    assert match.group(1) == expected
