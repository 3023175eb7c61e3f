"""File names built to break output: newlines, CR, escapes, undecodable bytes, commas and
colons, leading dashes, and names that try to inject GitHub workflow commands.

Each name is reported (the rules that list files find it), and each output keeps it on its
line: the text report escapes control characters, SARIF percent-encodes the URI, the GitHub
annotation escapes its properties, so no name starts a new line or a new workflow command.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from conftest import git, make_git_repo

from .conftest import Run, needs_rules, workflow_commands

INJECTION = "::error::pwned"
HOSTILE_DOCX = [
    f"x\n{INJECTION}.docx",
    f"x\r{INJECTION}.docx",
    "x\r\n::add-mask::secret.docx",
    "tab\there.docx",
    "esc\x1b[31mred\x1b[0m.docx",
    "with space/and,comma:colon.docx",
    "per%0Acent%25.docx",
    "bidi\u202etxt.docx",
    "-rf.docx",
    "--help.docx",
    "docs/--output=pwned.docx",
    "ünïcødé/文件.docx",
]
LATIN1_DOCX = b"caf\xe9.docx"


def build(root: Path) -> list[str]:
    """A git repository holding every hostile name; returns the names as repo paths."""
    make_git_repo(root, {"README.md": "# x\n\nA thing.\n"})
    names = [*HOSTILE_DOCX]
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK\x03\x04 not really a document")
    os.close(os.open(os.fsencode(root) + b"/" + LATIN1_DOCX, os.O_CREAT | os.O_WRONLY))
    names.append(os.fsdecode(LATIN1_DOCX))
    # Manifests in directories whose names are hostile: Dependabot findings point at them and
    # name the directory in their message; git log is given these paths (after `--`).
    for directory in (f"evil\n{INJECTION}", "-rf", "--help", "a,b:c"):
        path = root / directory / "package.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"name": "x", "dependencies": {"left-pad": "1.3.0"}}\n')
        names.append(f"{directory}/package.json")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "hostile names")
    return names


def assert_no_injection(run: Run) -> None:
    commands = workflow_commands(run.stdout)
    assert commands, "expected annotations on stdout"
    for line in re.split(r"\r\n|\r|\n", run.stdout):
        assert not line.startswith((INJECTION, "::add-mask::", "::error file=x::")), (
            line
        )
        assert "\x1b" not in line
    # exactly one line per annotation: as many lines as commands
    assert len(run.stdout.splitlines()) == len(commands)


@needs_rules("TC0403", "TC0602")
@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
def test_hostile_names_are_reported_and_escaped(
    run_cli, tmp_path: Path, verbose: bool
) -> None:
    root = tmp_path / "repo"
    names = build(root)
    run = run_cli(root, *(["--verbose"] if verbose else []), "--fail-on", "never")
    assert run.returncode == 0

    documents = {n for n in names if n.endswith(".docx")}
    manifests = {n for n in names if n.endswith("package.json")}
    assert {f["path"] for f in run.findings("TC0403")} == documents
    assert {f["path"] for f in run.findings("TC0602")} == manifests

    assert_no_injection(run)

    # text: every line is one line; control characters and undecodable bytes are escaped
    text = run.text
    assert "\x1b" not in text and "\r" not in text and "\t" not in text
    for line in text.splitlines():
        assert not line.startswith((INJECTION, "pwned", "::")), line
    assert "x\\n::error::pwned.docx: TC0403" in text
    assert "caf\\xe9.docx: TC0403" in text

    # SARIF: URIs are percent-encoded bytes that decode back to the exact file name
    uris = {
        unquote_to_bytes(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        )
        for r in run.sarif["runs"][0]["results"]
        if r["ruleId"] == "TC0403"
    }
    assert uris == {os.fsencode(n) for n in documents}

    # Markdown: each finding is one bullet line
    bullets = [
        line for line in run.markdown.splitlines() if line.startswith("- **TC0403")
    ]
    assert len(bullets) == len(documents)
    assert "\x1b" not in run.markdown and "\r" not in run.markdown


@needs_rules("TC0603")
def test_manifests_with_dashed_names_reach_git_as_paths(
    run_cli, tmp_path: Path
) -> None:
    """TC0603 asks git when each manifest last changed; a name like --help is a path there."""
    root = tmp_path / "repo"
    build(root)
    run = run_cli(root)
    result = run.rule("TC0603")
    assert result["outcome"] in ("pass", "warn"), result
    assert not (root / "pwned").exists()


def test_scan_path_with_leading_dash(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "--help", {"README.md": "# x\n"})
    run = run_cli(root.name, cwd=tmp_path)
    assert run.returncode in (0, 1)
    assert run.report["root"] == str(root)


@needs_rules("TC0403")
def test_markup_in_names_stays_text_in_markdown(run_cli, tmp_path: Path) -> None:
    """The Markdown summary goes to the job summary and PR comments: names are not markup."""
    names = [
        "<img src=x onerror=alert(1)>.docx",
        "[click](javascript:alert(1)).docx",
        "a|b|c.docx",
        "`code`*bold*_x_.docx",
        "<!-- hide.docx",
    ]
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    for name in names:
        (root / name).write_text("x")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "markup")
    run = run_cli(root)
    assert {f["path"] for f in run.findings("TC0403")} == set(names)
    bullets = [
        line for line in run.markdown.splitlines() if line.startswith("- **TC0403")
    ]
    assert len(bullets) == len(names)
    for line in bullets:
        assert "<" not in line.replace("\\<", "")
        assert "](" not in line.replace("\\]\\(", "")
        assert "|" not in line.replace("\\|", "")


def test_root_with_a_hostile_name(run_cli, tmp_path: Path) -> None:
    parent = os.fsencode(tmp_path) + b"/x\n::error::pwned \xff"
    os.mkdir(parent)
    root = Path(os.fsdecode(parent))
    make_git_repo(root, {"README.md": "# x\n", "docs/a.docx": "x"})
    run = run_cli(root)
    assert_no_injection(run)
    assert run.text.splitlines()[0].endswith("x\\n::error::pwned \\xff")
    # SARIF holds no local path (it is meant to be committed): the root's name never reaches it
    assert "pwned" not in str(run.sarif)
    assert "%SRCROOT%" in run.sarif["runs"][0]["originalUriBaseIds"]
