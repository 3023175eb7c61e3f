"""README.md stays true: its two opening commands, the rule table, and what .ci/run runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tcop_lint.explain import rules_table
from tcop_lint.registry import builtin_rules, index
from tcop_lint.rule import Rule

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


def _ci_run(
    tmp_path: Path, second_block: str, prerequisites: str | None = None
) -> subprocess.CompletedProcess[str]:
    """.ci/run in a copy of the project layout whose README holds ``second_block``; with
    ``prerequisites``, a .ci/browser-prerequisites script of that body stands in for the real
    one (which installs Chromium and axe-core)."""
    (tmp_path / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    if prerequisites is not None:
        script = tmp_path / ".ci" / "browser-prerequisites"
        script.write_text(f"#!/usr/bin/env bash\n{prerequisites}\n")
        script.chmod(0o755)
    (tmp_path / ".venv").mkdir()  # a stale virtualenv that .ci/run must remove first
    (tmp_path / "README.md").write_text(
        f"# x\n\n```sh\necho install-and-run\n```\n\n```sh\n{second_block}\n```\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TCOP_LINT_REQUIRE_BROWSER"}
    return subprocess.run(
        [str(tmp_path / ".ci" / "run")],
        capture_output=True,
        text=True,
        check=False,
        env=env,  # as CI sets it for the real run, around these
    )


def test_ci_runs_the_readme_test_command_exactly(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "ls -a > seen.txt && echo python -m pytest -q > ran.txt")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "+ ls -a > seen.txt && echo python -m pytest -q > ran.txt\n"
    assert (tmp_path / "ran.txt").read_text() == "python -m pytest -q\n"
    assert ".venv" not in (tmp_path / "seen.txt").read_text().split()


def test_ci_installs_browser_prerequisites_first_and_then_requires_the_browser(
    tmp_path: Path,
) -> None:
    run = _ci_run(
        tmp_path,
        "echo python -m pytest $TCOP_LINT_REQUIRE_BROWSER > ran.txt",
        prerequisites="echo installing; ls -a > before.txt",
    )
    assert run.returncode == 0, run.stderr
    assert (
        run.stdout == "+ echo python -m pytest $TCOP_LINT_REQUIRE_BROWSER > ran.txt\n"
    )
    assert (
        run.stderr == "installing\n"
    )  # its output goes to stderr, around the command's
    assert (tmp_path / "ran.txt").read_text() == "python -m pytest 1\n"
    # it ran before the stale virtualenv was removed, so before the command
    assert ".venv" in (tmp_path / "before.txt").read_text().split()


def test_ci_stops_when_the_browser_prerequisites_fail(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "echo python -m pytest > ran.txt", prerequisites="exit 7")
    assert run.returncode == 7
    assert run.stdout == ""
    assert not (tmp_path / "ran.txt").exists()


def test_ci_without_the_prerequisites_script_does_not_require_the_browser(
    tmp_path: Path,
) -> None:
    run = _ci_run(
        tmp_path, "echo python -m pytest ${TCOP_LINT_REQUIRE_BROWSER:-no} > ran.txt"
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "ran.txt").read_text() == "python -m pytest no\n"


def test_the_browser_prerequisites_script_is_executable_and_installs_both() -> None:
    script = ROOT / ".ci" / "browser-prerequisites"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "apt-get install -y -qq chromium" in text
    assert "for name in chromium chromium-browser google-chrome; do" in text
    assert "(cd tests/browser && npm ci" in text


def test_ci_fails_when_the_test_command_fails(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "python3 -c 'raise SystemExit(5)' -m pytest")
    assert run.returncode == 5  # pytest's "no tests collected" never passes silently


def test_ci_refuses_a_test_command_that_runs_no_tests(tmp_path: Path) -> None:
    run = _ci_run(tmp_path, "echo all good")
    assert run.returncode == 2
    assert run.stderr == (
        ".ci/run: the README's test command does not run pytest: echo all good\n"
    )


def documented_rules() -> dict[str, Rule]:
    """The built-in rules and the engine's own (TC0001), by code."""
    from tcop_lint.engine import OWN_RULES

    return index([*builtin_rules(), *OWN_RULES.values()])


def test_rule_table_matches_rule_metadata() -> None:
    """Regenerate with: TCOP_LINT_UPDATE_README=1 pytest tests/test_readme.py"""
    expected = rules_table(documented_rules().values()) + "\n"
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

    expected = rules_document(documented_rules().values())
    path = ROOT / "docs" / "rules.md"
    if os.environ.get("TCOP_LINT_UPDATE_README"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(expected)
    assert path.read_text() == expected
    for code in documented_rules():
        assert f'<a id="{code.lower()}"></a>' in expected
