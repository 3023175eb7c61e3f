"""The action's step modules on their own: what the install step may import, and the
runner-file helpers every step uses."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tcop_lint.action import workflow_commands
from tcop_lint.action.arguments import InputProblem, extra_args
from tcop_lint.action.workflow_commands import trim

ACTION_PACKAGE = Path(__file__).resolve().parents[2] / "tcop_lint" / "action"


@pytest.mark.parametrize("module", ["install.py", "workflow_commands.py"])
def test_the_install_step_needs_only_the_standard_library(module):
    """install runs from the action's checkout before tcop-lint's dependencies exist."""
    tree = ast.parse((ACTION_PACKAGE / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    allowed = set(sys.stdlib_module_names) | {"__future__", "tcop_lint.action"}
    assert {name for name in imported if name.split(".")[0] not in allowed} <= {
        "tcop_lint.action"
    }


def test_trim_keeps_whole_lines_within_a_byte_limit():
    text = "## tcop-lint\n" + "- ✅ point with an emoji and é\n" * 100
    note = "\n_cut_\n"
    size = len(text.encode("utf-8"))
    for limit in (size, size - 1, 500, 101, 60):
        cut = trim(text, limit, note, lambda s: len(s.encode("utf-8")))
        assert len(cut.encode("utf-8")) <= limit
        if limit == size:
            assert cut == text
        else:
            assert cut.endswith(note)
            kept = cut.removesuffix(note)
            assert text.startswith(kept)
            assert kept.endswith("\n") or kept == ""


def test_outputs_cannot_be_forged_by_a_value(tmp_path, monkeypatch):
    output = tmp_path / "output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    workflow_commands.write_outputs(
        {"sarif-file": "x\nstatus=pass\nEOF", "status": "fail"}
    )
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("sarif-file<<tcop_")
    assert lines[1:4] == ["x", "status=pass", "EOF"]
    assert lines[4] == lines[0].split("<<")[1]
    assert lines[5].startswith("status<<tcop_") and lines[6] == "fail"


def test_messages_are_escaped_as_workflow_command_data(capsys):
    workflow_commands.emit("warning", "50% done\n::error::forged")
    assert capsys.readouterr().out == (
        "::warning title=tcop-lint::50%25 done%0A::error::forged\n"
    )


def test_fenced_text_cannot_end_the_fence(capsys):
    workflow_commands.print_fenced("::error::x\n::stop-commands::y")
    lines = capsys.readouterr().out.splitlines()
    token = lines[0].removeprefix("::stop-commands::")
    assert lines == [
        f"::stop-commands::{token}",
        "::error::x",
        "::stop-commands::y",
        f"::{token}::",
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", []),
        ("--select TC09,TC06 -q", ["--select", "TC09,TC06", "-q"]),
        ("--select 'TC0 9' --ignore \"a b\"", ["--select", "TC0 9", "--ignore", "a b"]),
        (
            "--select\\ x $HOME `id` # not a comment",
            ["--select x", "$HOME", "`id`", "#", "not", "a", "comment"],
        ),
        (
            "--formats text",
            ["--formats", "text"],
        ),  # not --format: click's error, not ours
    ],
)
def test_args_are_split_as_words(text, words):
    assert extra_args(text) == words


def test_args_name_the_input_for_an_owned_option():
    with pytest.raises(
        InputProblem,
        match="^the args input must not contain --baseline: use the baseline input$",
    ):
        extra_args("--baseline=old.sarif")


def test_output_is_utf8_whatever_the_console_encoding():
    """A Windows runner's console code page cannot encode ✅; the runner reads UTF-8."""
    script = (
        "import sys; sys.stdout.reconfigure(encoding='cp1252')\n"
        "from tcop_lint.action import workflow_commands as w\n"
        "w.emit('notice', 'status ✅ pass'); w.print_fenced('## tcop-lint: ✅ pass')\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], capture_output=True, check=True
    )
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0] == "::notice title=tcop-lint::status ✅ pass"
    assert lines[2] == "## tcop-lint: ✅ pass"


def test_args_cannot_turn_the_check_into_help():
    with pytest.raises(
        InputProblem,
        match="^the args input must not contain -h: the action runs a check$",
    ):
        extra_args("--select TC09 -h")
