"""The engine end to end on real repositories: the first slice, profiles, odd repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import git, make_git_repo, run_engine, write_files
from sarif_check import assert_valid_sarif

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
MIT = """MIT License

Copyright (c) 2026 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
SLICE = "TC0301,TC0601,TC0901"
GOOD_REPO = {
    "LICENSE": MIT,
    "SECURITY.md": "# Security\n\nReport vulnerabilities to security@example.gov.uk.\n",
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
    "README.md": "# Service\n",
}


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_empty_repository_fails_the_licence_rule(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo")
    result = cli(str(root), "--select", "TC0301", "--format", "json")
    assert result.returncode == 1
    [rule] = json.loads(result.stdout)["rules"]
    assert (rule["code"], rule["outcome"]) == ("TC0301", "fail")


def test_licensed_repository_with_policy_and_ci_passes_and_lists_evidence(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "repo", GOOD_REPO)
    result = cli(str(root), "--select", SLICE, "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["status"] == "pass"
    by_code = {r["code"]: r for r in report["rules"]}
    assert {code: r["outcome"] for code, r in by_code.items()} == {
        "TC0301": "pass",
        "TC0601": "pass",
        "TC0901": "pass",
    }
    assert {"path": "LICENSE", "detail": "MIT"} in by_code["TC0301"]["evidence"]
    assert {"path": ".github/workflows/ci.yml", "detail": "GitHub Actions"} in by_code[
        "TC0901"
    ]["evidence"]


def test_ignored_untracked_files_are_not_seen(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {".gitignore": "node_modules/\n", "README.md": "# x\n"}
    )
    write_files(root, {"node_modules/pkg/.github/workflows/ci.yml": "on: push\n"})
    write_files(root, {"untracked/.gitlab-ci.yml": "test: {}\n"})
    report = run_engine(root, select=("TC0901",))
    assert report.results[0].outcome == "fail"
    write_files(
        root, {".gitlab-ci.yml": "test: {script: [make test]}\n"}
    )  # untracked, not ignored
    assert run_engine(root, select=("TC0901",)).results[0].outcome == "pass"


def test_bc_profile_numbers_points_as_the_bc_draft(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", GOOD_REPO)
    uk = json.loads(cli(str(root), "--select", SLICE, "--format", "json").stdout)
    bc = json.loads(
        cli(str(root), "--select", SLICE, "--format", "json", "--profile", "bc").stdout
    )
    assert [p["number"] for p in uk["points"]] == list(range(1, 14))
    assert [p["number"] for p in bc["points"]] == list(range(1, 13))
    assert "sustainability" not in {p["topic"] for p in bc["points"]}
    assert bc["points"][11] == {
        "number": 12,
        "topic": "service-standard",
        "title": "Meet the Digital Service Standard",
        "status": "not-assessed",
        "rules": [],
    }
    for report in (uk, bc):
        [security] = [p for p in report["points"] if p["topic"] == "security"]
        assert (security["number"], security["rules"]) == (6, ["TC0601"])


def test_non_git_directory_is_walked_honouring_gitignore(tmp_path: Path) -> None:
    write_files(
        tmp_path, {".gitignore": "Jenkinsfile\n", "Jenkinsfile": "pipeline {}\n"}
    )
    assert run_engine(tmp_path, select=("TC0901",)).results[0].outcome == "fail"
    write_files(tmp_path, {".gitignore": "build/\n"})
    result = run_engine(tmp_path, select=("TC0901",)).results[0]
    assert [(e.path, e.detail) for e in result.evidence] == [("Jenkinsfile", "Jenkins")]


def test_git_repository_with_no_commits_sees_its_files(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {"Jenkinsfile": "pipeline {}\n"}, commit=False
    )
    result = run_engine(root, select=("TC0901",)).results[0]
    assert (result.outcome, [(e.path, e.detail) for e in result.evidence]) == (
        "pass",
        [("Jenkinsfile", "Jenkins")],
    )


def test_bare_repository_exits_2(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "--bare", "bare.git")
    result = cli(str(tmp_path / "bare.git"))
    assert result.returncode == 2
    assert result.stderr == (
        f"tcop-lint: {tmp_path / 'bare.git'}: a bare repository has no files to check; scan a clone\n"
    )


def _fingerprints(root: Path, out: Path) -> dict[str, str]:
    cli(str(root), "--select", SLICE, "--format", f"sarif:{out}")
    sarif = json.loads(out.read_text())
    assert_valid_sarif(sarif)
    return {
        r["ruleId"]: r["partialFingerprints"]["tcopLint/v1"]
        for r in sarif["runs"][0]["results"]
    }


def test_fingerprints_survive_unrelated_changes(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# Service\n", "src/app.py": "x = 1\n"}
    )
    before = _fingerprints(root, tmp_path / "before.sarif")
    assert set(before) == {"TC0301", "TC0601", "TC0901"}
    write_files(
        root, {"README.md": "# Service\n\nMore words.\n", "src/other.py": "y = 2\n"}
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "unrelated")
    assert _fingerprints(root, tmp_path / "after.sarif") == before


def test_sarif_shape_for_code_scanning(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# Service\n"})
    out = tmp_path / "r.sarif"
    cli(str(root), "--select", SLICE, "--format", f"sarif:{out}")
    sarif = json.loads(out.read_text())
    assert_valid_sarif(sarif)
    run = sarif["runs"][0]
    assert run["automationDetails"] == {"id": "tcop-lint/uk/"}
    # no path of the machine that wrote it: the file is meant to be committed
    assert run["originalUriBaseIds"]["%SRCROOT%"] == {
        "description": {
            "text": "The root of the checked repository; paths are relative to it."
        }
    }
    assert str(root.resolve()) not in out.read_text()
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TC0301", "TC0601", "TC0901"]
    for descriptor in rules:
        assert descriptor["help"]["markdown"]
        assert descriptor["helpUri"].endswith("#" + descriptor["id"].lower())
    ci = next(r for r in run["results"] if r["ruleId"] == "TC0901")
    assert ci["locations"][0]["physicalLocation"] == {
        "artifactLocation": {
            "uri": "no%20file%20associated%20with%20this%20alert",
            "uriBaseId": "%SRCROOT%",
        },
        "region": {"startLine": 1, "startColumn": 1, "endLine": 1},
    }
    assert ci["ruleIndex"] == 2


def _probe_rule():
    """A stand-in for TC0401: reports what the run let it do, as evidence."""
    from tcop_lint.rule import Evidence, Option, rule

    @rule(
        code="TC0401",
        name="probe",
        topic="open-standards",
        level="warning",
        summary="x",
        rationale="x",
        remediation="x",
        options={"allow-private-hosts": Option("boolean", False, "x")},
    )
    def probe(repo, options):
        allowed = options["allow-private-hosts"]
        yield Evidence("README.md", f"online={options.online} private={allowed}")

    return probe


def _trust_run(tmp_path: Path, *, trusted: bool, **runner):
    from tcop_lint import engine
    from tcop_lint.config import Config, RuleSetting

    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    config = Config(
        path=".tcop-lint.yml",
        in_repo=True,
        trusted=trusted,
        online=True,
        online_line=1,
        rules={
            "TC0401": RuleSetting(
                options={"allow-private-hosts": True},
                line=2,
                option_lines={"allow-private-hosts": 3},
            )
        },
    )
    [result] = engine.run(root, config, {"TC0401": _probe_rule()}, **runner).results
    notes = [(f.id, f.start_line, f.level) for f in result.findings]
    return [e.detail for e in result.evidence], notes


def test_an_untrusted_config_asks_and_the_runner_decides(tmp_path: Path) -> None:
    evidence, notes = _trust_run(tmp_path, trusted=False)
    assert evidence == ["online=False private=False"]
    assert notes == [
        ("online-not-allowed", 1, "note"),
        ("option-not-allowed", 3, "note"),
    ]
    evidence, notes = _trust_run(
        tmp_path / "2",
        trusted=False,
        online=True,
        allowed_options=[("TC0401", "allow-private-hosts")],
    )
    assert (evidence, notes) == (["online=True private=True"], [])


def test_a_trusted_config_widens_unless_a_flag_says_otherwise(tmp_path: Path) -> None:
    assert _trust_run(tmp_path, trusted=True) == (["online=True private=True"], [])
    assert _trust_run(tmp_path / "2", trusted=True, online=False) == (
        ["online=False private=True"],
        [],
    )
