"""Pattern sets RE2 cannot compile as one never abort the run (issue 19).

pathspec compiles a ``.gitignore`` or an ``exclude``/exemption list into one RE2 set; a set of
thousands of patterns, or one pattern of 100 KB, is over RE2's memory budget and raised
"failed to compile Set" mid-run (exit 3, no report). The set is now split until each part
compiles, and a pattern that cannot compile alone is left out, as git leaves it out.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_files

from tcop_lint.globs import gitignore_spec


def test_a_gitignore_of_two_thousand_patterns_and_a_100_kb_line(
    run_cli, tmp_path: Path
) -> None:
    root = (
        tmp_path / "plain-folder"
    )  # not a git repository: tcop-lint reads .gitignore itself
    patterns = [f"generated-{n}/*.tmp[0-9]" for n in range(2000)]
    write_files(
        root,
        {
            ".gitignore": "\n".join([*patterns, "a" * 100_000, "ignored.log"]) + "\n",
            "README.md": "# Service\n",
            "ignored.log": "noise\n",
            "generated-7/x.tmp1": "noise\n",
        },
    )
    run = run_cli(root)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    assert run.report["rules"]  # every rule reported


def test_an_exemption_path_of_100_kb(run_cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_files(
        root,
        {
            ".tcop-lint.yml": (
                "exemptions:\n"
                "  - rule: TC0403\n"
                f"    paths: [docs/{'b' * 100_000}, docs/*.docx]\n"
                "    reason: historic papers\n"
                "    expires: 2099-01-01\n"
            ),
            "README.md": "# Service\n",
            "docs/board-paper.docx": b"PK\x03\x04 not really a document",
        },
    )
    run = run_cli(root)
    assert run.returncode in (0, 1), run.stderr
    findings = run.findings("TC0403")
    assert [f["path"] for f in findings] == ["docs/board-paper.docx"]
    assert findings[0]["suppression"]["reason"] == "historic papers"


def test_split_sets_keep_gitignore_order() -> None:
    """When the set is split, the last pattern with an opinion still decides."""
    spec = gitignore_spec(
        [*(f"p{n}/*" for n in range(3000)), "a" * 100_000, "!p5/keep"]
    )
    assert spec.match_file("p5/drop") is True
    assert spec.match_file("p5/keep") is False
    assert spec.match_file("elsewhere/file") is False
