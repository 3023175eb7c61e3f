"""The command line as users meet it: real subprocesses of the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import make_git_repo

from tcop_lint import __version__
from tcop_lint.cli import FORMAT_NAMES

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_matches_package_metadata() -> None:
    result = cli("--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"tcop-lint {__version__}\n",
        "",
    )
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert f'version = "{__version__}"' in pyproject


def test_explain_by_code_and_by_name_print_the_same_text() -> None:
    by_code = cli("explain", "TC0901")
    by_name = cli("explain", "continuous-integration")
    assert by_code.returncode == by_name.returncode == 0
    assert by_code.stdout == by_name.stdout
    assert by_code.stdout.startswith("TC0901 continuous-integration\n")
    assert "Code point: uk: point 9, Integrate and adapt technology" in by_code.stdout
    assert "How to fix" in by_code.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = cli("explain", "TC9999")
    assert result.returncode == 2
    assert result.stderr == (
        "tcop-lint: unknown rule 'TC9999'; `tcop-lint list-rules` shows them all\n"
    )


def test_list_rules_json_lists_code_name_topic_level_summary() -> None:
    result = cli("list-rules", "--format", "json")
    assert result.returncode == 0
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert rows["TC0901"] == {
        "code": "TC0901",
        "name": "continuous-integration",
        "topic": "integrate-adapt",
        "level": "error",
        "summary": "The repository has continuous integration configuration.",
        "points": {"uk": 9, "bc": 9},
    }


def test_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = cli(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr == f"tcop-lint: {tmp_path / 'nope'}: no such directory\n"
    assert result.stdout == ""


def test_path_that_is_a_file_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = cli(str(target))
    assert (result.returncode, result.stderr) == (
        2,
        f"tcop-lint: {target}: not a directory\n",
    )


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    result = cli(str(tmp_path), "--format", "xml")
    assert result.returncode == 2
    assert result.stderr == (
        f"tcop-lint: unknown format 'xml' (choose from {', '.join(FORMAT_NAMES)})\n"
    )
    assert FORMAT_NAMES[:7] == (
        "text",
        "json",
        "sarif",
        "markdown",
        "github",
        "gitlab",
        "junit",
    )


def test_one_run_writes_several_formats(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "repo", {".github/workflows/ci.yml": "on: push\n"})
    out = tmp_path / "out"
    result = cli(
        str(repo),
        "--select",
        "TC0901",
        "--format",
        f"sarif:{out / 'r.sarif'}",
        "--format",
        f"json:{out / 'r.json'}",
        "--format",
        f"markdown:{out / 'r.md'}",
        "--format",
        "text",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "1 rule (1 pass); 0 findings; status: pass"
    report = json.loads((out / "r.json").read_text())
    assert report["rules"][0]["evidence"] == [
        {"path": ".github/workflows/ci.yml", "detail": "GitHub Actions"}
    ]
    assert json.loads((out / "r.sarif").read_text())["runs"][0]["results"] == []
    assert (
        "| 9. Integrate and adapt technology | ✅ pass | TC0901 ✅ pass |"
        in (out / "r.md").read_text()
    )


def test_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    failing = cli(str(repo), "--select", "TC0901")
    assert failing.returncode == 1
    assert (
        "README.md: TC0901 error: no CI configuration found (looked for .github/workflows/*.yml, "
        ".gitlab-ci.yml, Jenkinsfile, .circleci/config.yml, azure-pipelines.yml and others): add a "
        "pipeline that builds and tests every change; if the evidence is kept outside the "
        "repository, attest it under `attestations: integrate-adapt:` in .tcop-lint.yml"
    ) in failing.stdout
    assert cli(str(repo), "--select", "TC0901", "--fail-on", "never").returncode == 0


def test_quiet_prints_only_findings_and_totals(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    result = cli(str(repo), "--select", "TC0901", "--quiet")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("README.md: TC0901 error: no CI configuration found")
    assert lines[1] == "1 rule (1 fail); 1 finding (1 error); status: fail"


def test_json_report_matches_its_published_schema(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(
        (Path(__file__).parents[1] / "schema" / "report.schema.json").read_text()
    )
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n", "Jenkinsfile": "x"})
    result = cli(str(repo), "--format", "json")
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(result.stdout)))
    assert errors == []


def test_python_m_does_not_import_entry_points_from_the_current_folder(
    tmp_path: Path,
) -> None:
    """``python -m tcop_lint`` run inside a scanned repository: the repository's own
    ``*.dist-info`` with a ``tcop_lint.rules`` entry point is not imported (the console
    script never had the current folder on its path; now neither does ``-m``)."""
    marker = tmp_path / "imported"
    repo = tmp_path / "repo"
    info = repo / "evil-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[tcop_lint.rules]\nevil = evil_rules\n")
    (repo / "evil_rules.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "from tcop_lint.rule import rule\n"
        "@rule(code='TC0998', name='evil', topic='security', level='error',\n"
        "      summary='x', rationale='x', remediation='x')\n"
        "def evil(repo, options):\n    yield from ()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"}
    module = subprocess.run(
        [sys.executable, "-m", "tcop_lint", "list-rules"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 0, module.stderr
    assert "TC0998" not in module.stdout
    assert not marker.exists()
    # The control: the same folder put on the path on purpose is loaded, so the test can see it.
    control = subprocess.run(
        [sys.executable, "-m", "tcop_lint", "list-rules"],
        cwd=tmp_path,
        env={
            **env,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(repo), env.get("PYTHONPATH")])
            ),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert "TC0998" in control.stdout, control.stderr
    assert marker.exists()
