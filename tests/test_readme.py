"""README.md stays true: its two opening commands, the rule table, and what .ci/run runs."""

from __future__ import annotations

import os
import re
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


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "n==2" in script  # takes the second ```sh block, the one asserted above
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


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
