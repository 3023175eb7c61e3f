"""README.md stays true: its two opening commands, the rule table, and what .ci/run runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tcop_lint.explain import rules_table
from tcop_lint.registry import builtin_rules, index

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
TABLE = re.compile(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", re.DOTALL)


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)\n```", text, re.MULTILINE | re.DOTALL)


def test_readme_opens_with_install_run_and_install_test_commands() -> None:
    text = README.read_text()
    first, second = sh_blocks(text)[:2]
    assert text.index(first) < text.index("## ")
    assert "pip install ." in first and "tcop-lint ." in first
    assert "pip install -e '.[test]'" in second and "pytest" in second


def _ci_run(tmp_path: Path, second_block: str) -> subprocess.CompletedProcess[str]:
    """.ci/run in a copy of the project layout whose README holds ``second_block``."""
    (tmp_path / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    (tmp_path / ".venv").mkdir()  # a stale virtualenv that .ci/run must remove first
    (tmp_path / "README.md").write_text(
        f"# x\n\n```sh\necho install-and-run\n```\n\n```sh\n{second_block}\n```\n"
    )
    return subprocess.run(
        [str(tmp_path / ".ci" / "run")], capture_output=True, text=True, check=False
    )


def test_ci_runs_the_readme_test_command_exactly(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "ls -a > seen.txt && echo python -m pytest -q > ran.txt")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "+ ls -a > seen.txt && echo python -m pytest -q > ran.txt\n"
    assert (tmp_path / "ran.txt").read_text() == "python -m pytest -q\n"
    assert ".venv" not in (tmp_path / "seen.txt").read_text().split()


def test_ci_fails_when_the_test_command_fails(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "python3 -c 'raise SystemExit(5)' -m pytest")
    assert run.returncode == 5  # pytest's "no tests collected" never passes silently


def test_ci_refuses_a_test_command_that_runs_no_tests(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "echo all good")
    assert run.returncode == 2
    assert run.stderr == (
        ".ci/run: the README's test command does not run pytest: echo all good\n"
    )


def test_rule_table_matches_rule_metadata() -> None:
    """Regenerate with: TCOP_LINT_UPDATE_README=1 pytest tests/test_readme.py"""
    expected = rules_table(index(builtin_rules()).values()) + "\n"
    text = README.read_text()
    if os.environ.get("TCOP_LINT_UPDATE_README"):
        README.write_text(
            TABLE.sub(
                lambda _: f"<!-- rules:start -->\n{expected}<!-- rules:end -->", text
            )
        )
        text = README.read_text()
    match = TABLE.search(text)
    assert match is not None
    assert match.group(1) == expected


def test_rules_document_matches_rule_metadata() -> None:
    """docs/rules.md is the target of every SARIF helpUri. Regenerate as for the README table."""
    from tcop_lint.explain import rules_document

    expected = rules_document(index(builtin_rules()).values())
    path = ROOT / "docs" / "rules.md"
    if os.environ.get("TCOP_LINT_UPDATE_README"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(expected)
    assert path.read_text() == expected
    for code in index(builtin_rules()):
        assert f'<a id="{code.lower()}"></a>' in expected
