"""Each synthetic layout, built as a real git repository, gives the full {code: outcome} map."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import make_git_repo, run_engine

sys.path.insert(0, str(Path(__file__).parent))
from layouts import BASE_REST, LAYOUTS, Layout

REST = json.loads((Path(__file__).parent / "rest.json").read_text(encoding="utf-8"))


def expected(layout: Layout) -> dict[str, str]:
    return {**BASE_REST, **REST.get(layout.name, {}), **layout.rest, **layout.expect}


def params():
    for layout in LAYOUTS:
        marks = (
            [pytest.mark.xfail(strict=True, reason=layout.xfail)]
            if layout.xfail
            else []
        )
        yield pytest.param(layout, id=layout.name, marks=marks)


def test_names_unique_and_cover_all_rules():
    names = [layout.name for layout in LAYOUTS]
    assert len(names) == len(set(names))
    assert len(LAYOUTS) >= 40
    for layout in LAYOUTS:
        assert len(expected(layout)) == 31, layout.name


@pytest.mark.parametrize("layout", list(params()))
def test_layout_outcomes(layout: Layout, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / layout.name, layout.files)
    report = run_engine(root)
    got = {r.rule.code: str(r.outcome) for r in report.results}
    assert got == expected(layout)
