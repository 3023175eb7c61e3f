"""CI files built to stall the readers of CI lines (issue 19).

A workflow whose one ``run:`` line repeats a tool name 160,000 times (about 1 MB) took 57 s:
an expression of the form ``\\bname\\b.*--flag`` matched with Python's backtracking ``re`` reads
to the end of the line from every word. ``find_in_ci`` now matches with RE2, so each case here,
a whole ``tcop-lint`` run with every output format, completes in under 5 s of CPU
(``conftest.assert_sane``), with the outcome a correct reader gives.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from tcop_lint.facts.ci import find_in_ci
from tcop_lint.repository import Repository

WORDS = 160_000
APP = {
    "README.md": "# app\n",
    "pyproject.toml": "[project]\nname = 'app'\n",
    "app/main.py": "print('hi')\n",
    "tests/test_main.py": "def test_it():\n    assert True\n",
}


def workflow(*runs: str) -> str:
    steps = "".join(f"      - run: {run}\n" for run in runs)
    return (
        "name: CI\non: [push]\npermissions:\n  contents: read\njobs:\n  check:\n"
        f"    runs-on: ubuntu-latest\n    steps:\n{steps}"
    )


def repeated(name: str, words: int = WORDS) -> str:
    return " ".join([name] * words)


FRONT_END = {
    "package.json": '{"dependencies": {"react": "^18.0.0"}}',
    "src/App.jsx": "export default function App() { return null }\n",
    "public/index.html": "<html><body><div id=root></div></body></html>\n",
}


@pytest.mark.parametrize(
    ("earlier", "name", "more"),
    [
        # The literal the expression needs is in the file, so no prefilter rules it out, and
        # only the line of repeated names can match the start of the expression: Lighthouse
        # CI asserting accessibility (TC0202, which needs a front end) took minutes.
        ("echo lighthouse:recommended", "lhci", FRONT_END),
        ("echo --taint-analysis", "psalm", {}),
        ("echo misconfig", "trivy", {}),
        ("echo ok", "semgrep", {}),
        # Task runners and CI variables are followed from every line (issue 15)
        ("echo ok", "bundle exec rake", {"Rakefile": "task :default do\nend\n"}),
        ("echo ${{ matrix.x }}", "task ${{ matrix.x }}", {}),
    ],
)
def test_workflow_line_repeating_a_tool_name(
    run_cli, tmp_path: Path, earlier: str, name: str, more: dict[str, str]
) -> None:
    files = {
        **APP,
        **more,
        ".github/workflows/ci.yml": workflow(earlier, repeated(name)),
    }
    run = run_cli(make_git_repo(tmp_path / "repo", files))
    tests = run.rule("TC0902")
    assert tests["outcome"] == "warn"
    assert [(f["id"], f["path"], f["start_line"]) for f in tests["findings"]] == [
        ("tests-not-run", ".github/workflows/ci.yml", 1)
    ]


def test_workflow_line_repeating_a_test_runner(run_cli, tmp_path: Path) -> None:
    files = {**APP, ".github/workflows/ci.yml": workflow(repeated("pytest"))}
    run = run_cli(make_git_repo(tmp_path / "repo", files))
    tests = run.rule("TC0902")
    assert tests["outcome"] == "pass"
    assert tests["evidence"][1] == {
        "path": ".github/workflows/ci.yml",
        "detail": "line 9: " + ("- run: " + repeated("pytest", 20))[:117] + "...",
    }


def test_find_in_ci_is_linear_for_an_expression_that_backtracks(tmp_path: Path) -> None:
    files = {
        ".github/workflows/ci.yml": workflow(
            "echo lighthouse:all", repeated("lhci"), "lhci autorun lighthouse:all"
        )
    }
    repo = Repository(make_git_repo(tmp_path / "repo", files))
    started = time.process_time()
    found = find_in_ci(
        repo, r"\blhci\b.*(?:categories:accessibility|lighthouse:(?:recommended|all))"
    )
    assert time.process_time() - started < 1
    assert [(line.path, line.line) for line in found] == [
        (".github/workflows/ci.yml", 11)
    ]


def test_find_in_ci_bounds_an_expression_only_python_runs(tmp_path: Path) -> None:
    """A lookaround is beyond RE2: Python's ``re`` reads the first 4,000 characters of each
    line only, so the same shape of expression stays bounded."""
    files = {
        ".github/workflows/ci.yml": workflow(
            "echo --flag", repeated("tool"), "tool run --flag"
        )
    }
    repo = Repository(make_git_repo(tmp_path / "repo", files))
    started = time.process_time()
    found = find_in_ci(repo, r"\btool\b(?!-).*--flag")
    assert time.process_time() - started < 1
    assert [(line.path, line.line) for line in found] == [
        (".github/workflows/ci.yml", 11)
    ]
