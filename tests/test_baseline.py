"""``--baseline``: adopting tcop-lint on a legacy repository with existing gaps.

Every run is the real command line over a real git repository, with every built-in rule: a
baseline taken on the repository reports nothing new while it is unchanged (exit 0), and one
new problem is reported alone (exit 1) while the known ones are counted, not shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_git_repo, write_files
from sarif_check import assert_valid_sarif

TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")
LEGACY = {
    "README.md": "# Legacy service\n\nSome service.\n",
    "requirements.txt": "flask==2.0\n",
    "docs/old-board-paper.docx": b"PK\x03\x04 not really a document",
}


def tcop_lint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [TCOP_LINT, "check", *args, str(root)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def findings(report: Path) -> list[dict]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return [
        {"rule": rule["code"], **finding}
        for rule in data["rules"]
        for finding in rule["findings"]
    ]


def commit(root: Path, files: dict[str, str | bytes]) -> None:
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


@pytest.fixture
def legacy(tmp_path: Path) -> tuple[Path, Path, int]:
    """A repository with many existing gaps, and a SARIF baseline of them."""
    root = make_git_repo(tmp_path / "legacy", LEGACY)
    baseline = tmp_path / "baseline.sarif"
    first = tcop_lint(
        root,
        "--format",
        f"sarif:{baseline}",
        "--format",
        "json:" + str(tmp_path / "first.json"),
    )
    assert first.returncode == 1, first.stderr
    assert_valid_sarif(json.loads(baseline.read_text(encoding="utf-8")))
    known = len(findings(tmp_path / "first.json"))
    assert known >= 5  # a legacy repository: licence, CI, security policy, privacy...
    return root, baseline, known


@pytest.mark.parametrize("form", ["sarif", "json"])
def test_unchanged_repository_reports_no_new_findings(tmp_path, form):
    root = make_git_repo(tmp_path / "legacy", LEGACY)
    baseline = tmp_path / f"baseline.{form}"
    first = tcop_lint(root, "--format", f"{form}:{baseline}")
    assert first.returncode == 1, first.stderr

    report = tmp_path / "again.json"
    again = tcop_lint(
        root,
        "--baseline",
        str(baseline),
        "--format",
        f"json:{report}",
        "--format",
        "text",
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert findings(report) == []
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["baseline_known"] >= 5
    assert data["status"] in ("pass", "not-assessed")
    assert (
        f"{data['baseline_known']} known finding(s) left out by the baseline"
        in again.stdout
    )
    assert "; 0 findings;" in again.stdout


def test_unrelated_edits_do_not_make_known_findings_new(legacy, tmp_path):
    root, baseline, known = legacy
    # lines move above the findings that have one (requirements.txt:1, README.md:1)
    commit(
        root,
        {
            "README.md": "<!-- moved -->\n\n# Legacy service\n\nSome service.\n",
            "requirements.txt": "# pinned for production\nflask==2.0\n",
        },
    )
    report = tmp_path / "after.json"
    result = tcop_lint(root, "--baseline", str(baseline), "--format", f"json:{report}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(report) == []
    assert json.loads(report.read_text())["baseline_known"] == known


def test_a_new_problem_is_reported_alone(legacy, tmp_path):
    root, baseline, known = legacy
    commit(root, {"api/requirements.txt": "requests==2.31\n"})
    report = tmp_path / "after.json"
    sarif = tmp_path / "after.sarif"
    result = tcop_lint(
        root,
        "--baseline",
        str(baseline),
        "--format",
        f"json:{report}",
        "--format",
        f"sarif:{sarif}",
        "--format",
        "text",
        "--quiet",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    [new] = findings(report)
    assert new["rule"] == "TC0602"
    assert new["path"] == "api/requirements.txt"
    assert new["level"] == "error"
    assert new["message"].startswith(
        "pip dependencies in api/ are not covered by a Dependabot or Renovate config"
    )
    assert json.loads(report.read_text())["baseline_known"] == known
    # the SARIF of this run holds only the new result, so it can be uploaded as is
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["TC0602"]
    assert result.stdout.splitlines()[0].startswith(
        "api/requirements.txt:1: TC0602 error:"
    )
    assert f"{known} known finding(s) left out by the baseline" in result.stdout


def test_fixing_a_known_gap_is_not_reported(legacy, tmp_path):
    root, baseline, _ = legacy
    commit(
        root,
        {
            "LICENSE": Path(__file__)
            .resolve()
            .parent.parent.joinpath("LICENSE")
            .read_text()
        },
    )
    report = tmp_path / "after.json"
    result = tcop_lint(root, "--baseline", str(baseline), "--format", f"json:{report}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(report) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot read baseline: No such file or directory"),
        ("{not json", "baseline is not JSON: invalid JSON: Expecting property name"),
        ('{"something": "else"}', "not a tcop-lint SARIF or JSON report"),
        ("[1, 2]", "not a tcop-lint SARIF or JSON report"),
        ('{"runs": "x"}', "not a tcop-lint SARIF or JSON report: runs is not a list"),
        (
            '{"runs": [1]}',
            "not a tcop-lint SARIF or JSON report: runs/0 is not an object",
        ),
        (
            '{"runs": [{"results": {"a": 1}}]}',
            "not a tcop-lint SARIF or JSON report: runs/0/results is not a list",
        ),
        (
            '{"runs": [{"results": [{"partialFingerprints": [1]}]}]}',
            (
                "not a tcop-lint SARIF or JSON report: "
                "runs/0/results/0/partialFingerprints is not an object"
            ),
        ),
        (
            '{"runs": [{"results": [{"partialFingerprints": {"tcopLint/v1": 7}}]}]}',
            (
                "not a tcop-lint SARIF or JSON report: "
                "runs/0/results/0/partialFingerprints/tcopLint/v1 is not a string"
            ),
        ),
        (
            '{"rules": [{"findings": [null]}]}',
            "not a tcop-lint SARIF or JSON report: rules/0/findings/0 is not an object",
        ),
        (
            '{"rules": [{"findings": [{"fingerprint": ["x"]}]}]}',
            (
                "not a tcop-lint SARIF or JSON report: "
                "rules/0/findings/0/fingerprint is not a string"
            ),
        ),
        ("[" * 200_000, "baseline is not JSON: invalid JSON: nested too deeply"),
        (b"\xff\xfe{}", "cannot read baseline: not UTF-8 text (byte 0)"),
    ],
)
def test_unusable_baseline_is_a_usage_error(tmp_path, content, problem):
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    baseline = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        baseline.write_bytes(content)
    elif content is not None:
        baseline.write_text(content, encoding="utf-8")
    result = tcop_lint(root, "--baseline", str(baseline))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"tcop-lint: {baseline}: {problem}")


def test_baseline_that_is_not_a_regular_file_is_refused_unread(tmp_path: Path) -> None:
    """A device or a pipe named as the baseline: exit 2 at once, nothing read."""
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)
    for named in ("/dev/zero", str(fifo), str(tmp_path)):
        result = tcop_lint(root, "--baseline", named)
        assert (result.returncode, result.stderr) == (
            2,
            f"tcop-lint: {named}: cannot read baseline: not a regular file\n",
        )


def test_baseline_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    from tcop_lint.baseline import MAX_BASELINE_BYTES

    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    baseline = tmp_path / "huge.json"
    with baseline.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_BASELINE_BYTES + 1)
    result = tcop_lint(root, "--baseline", str(baseline))
    assert (result.returncode, result.stderr) == (
        2,
        (
            f"tcop-lint: {baseline}: cannot read baseline: larger than "
            f"{MAX_BASELINE_BYTES:,} bytes, too large to be a report\n"
        ),
    )
