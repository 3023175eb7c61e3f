"""``--format github``: workflow-command annotations, escaped as the Actions toolkit does, capped
at GitHub's per-step limits with a notice counting the rest."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import stub_rule

from tcop_lint.profiles import PROFILES
from tcop_lint.report import github
from tcop_lint.results import (
    Notification,
    Report,
    ReportedFinding,
    RuleResult,
    Suppression,
)

TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")


LICENCE = stub_rule("TC0301", "licence-file")
OTHER = stub_rule("TC0302", "open-licence")


def finding(
    message: str = "no licence file: add LICENSE",
    *,
    level: str = "error",
    path: str | None = "README.md",
    start: int | None = None,
    end: int | None = None,
    code: str = "TC0301",
    suppression: Suppression | None = None,
) -> ReportedFinding:
    return ReportedFinding(
        rule_code=code,
        message=message,
        level=level,
        path=path,
        start_line=start,
        end_line=end,
        fingerprint=f"fp-{message}-{path}",
        suppression=suppression,
    )


def report(*findings: ReportedFinding, root: Path = Path("/repo"), notifications=()):
    results = [
        RuleResult(
            r, "fail", "error", findings=[f for f in findings if f.rule_code == r.code]
        )
        for r in (LICENCE, OTHER)
    ]
    return Report(
        root=root,
        profile=PROFILES["uk"],
        results=results,
        points=[],
        status="fail",
        notifications=list(notifications),
    )


@pytest.fixture(autouse=True)
def no_workspace(monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def test_error_with_file_and_lines():
    out = github.render(report(finding(path="src/app.py", start=3, end=5)))
    assert out == (
        "::error file=src/app.py,line=3,endLine=5,title=TC0301 licence-file"
        "::no licence file: add LICENSE\n"
    )


def test_levels_map_to_error_warning_notice():
    out = github.render(
        report(
            finding("a", level="error"),
            finding("b", level="warning"),
            finding("c", level="note"),
        )
    )
    assert [line.split(" ")[0] for line in out.splitlines()] == [
        "::error",
        "::warning",
        "::notice",
    ]


def test_escaping_follows_the_toolkit():
    out = github.render(
        report(
            finding(
                "100% broken\r\nsecond line: a, b",
                path="docs/a:b,c%.md",
                start=1,
            )
        )
    )
    assert out == (
        "::error file=docs/a%3Ab%2Cc%25.md,line=1,title=TC0301 licence-file"
        "::100%25 broken%0D%0Asecond line: a, b\n"
    )


def test_a_message_cannot_inject_a_command():
    out = github.render(report(finding("x\n::error::pwned\n::add-mask::y")))
    assert out.count("\n") == 1
    assert out.startswith("::error file=README.md,title=TC0301 licence-file::x%0A")


def test_control_characters_and_undecodable_bytes_are_escaped():
    out = github.render(report(finding("bell\x07 here", path="caf\udce9.txt")))
    assert out == (
        "::error file=caf\\xe9.txt,title=TC0301 licence-file::bell\\x07 here\n"
    )


def test_finding_without_a_path_has_no_file_or_line():
    out = github.render(report(finding(path=None, start=4)))
    assert out == "::error title=TC0301 licence-file::no licence file: add LICENSE\n"


def test_file_without_line_and_bad_end_line():
    out = github.render(
        report(finding("a", path="LICENSE"), finding("b", path="x.yml", start=9, end=2))
    )
    assert out.splitlines() == [
        "::error file=LICENSE,title=TC0301 licence-file::a",
        "::error file=x.yml,line=9,title=TC0301 licence-file::b",
    ]


def test_exempt_findings_are_not_annotated():
    exempt = Suppression("legacy", dt.date(2099, 1, 1))
    out = github.render(report(finding("open"), finding("old", suppression=exempt)))
    assert out == "::error file=README.md,title=TC0301 licence-file::open\n"


def test_no_findings_no_output():
    assert github.render(report()) == ""


def test_rule_crash_is_an_error_annotation():
    crash = Notification("TC0302", "KeyError: 'x'", "traceback")
    out = github.render(report(notifications=[crash]))
    assert out == "::error title=TC0302 crashed::rule TC0302 crashed: KeyError: 'x'\n"


def test_caps_each_level_at_ten_and_counts_the_rest():
    findings = [finding(f"e{i}") for i in range(25)]
    findings += [finding(f"w{i}", level="warning", code="TC0302") for i in range(3)]
    out = github.render(report(*findings)).splitlines()
    errors = [line for line in out if line.startswith("::error")]
    warnings = [line for line in out if line.startswith("::warning")]
    notices = [line for line in out if line.startswith("::notice")]
    assert [e.rsplit("::", 1)[1] for e in errors] == [f"e{i}" for i in range(10)]
    assert len(warnings) == 3
    assert warnings[0] == "::warning file=README.md,title=TC0302 open-licence::w0"
    assert notices == [
        (
            "::notice title=tcop-lint%3A more findings::15 more finding(s) not annotated "
            "(TC0301: 15): GitHub shows at most 10 annotations of each level per step; the job summary "
            "and the SARIF file list all 28 findings"
        )
    ]


def test_summary_notice_takes_one_of_the_ten_notice_slots():
    findings = [finding(f"n{i}", level="note") for i in range(15)]
    out = github.render(report(*findings)).splitlines()
    assert len(out) == 10
    assert all(line.startswith("::notice") for line in out)
    assert out[-1].startswith(
        "::notice title=tcop-lint%3A more findings::6 more finding(s)"
    )


def test_exactly_ten_per_level_needs_no_summary():
    findings = [finding(f"n{i}", level="note") for i in range(10)]
    out = github.render(report(*findings)).splitlines()
    assert len(out) == 10
    assert "more finding" not in out[-1]


def test_paths_are_made_relative_to_the_workspace(tmp_path, monkeypatch):
    root = tmp_path / "services" / "api"
    root.mkdir(parents=True)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    out = github.render(report(finding(path="package.json", start=2), root=root))
    assert out.startswith("::error file=services/api/package.json,line=2,")


def test_root_outside_the_workspace_keeps_its_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    out = github.render(report(finding(path="LICENSE"), root=tmp_path))
    assert out.startswith("::error file=LICENSE,")


def test_cli_writes_annotations_for_a_real_repository(make_repo):
    root = make_repo({"README.md": "# demo\n"})
    result = subprocess.run(
        [TCOP_LINT, "check", "--select", "TC0901", "--format", "github", str(root)],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_WORKSPACE"},
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        "::error title=TC0901 continuous-integration::no CI configuration "
        "found (looked for .github/workflows/*.yml, .gitlab-ci.yml, Jenkinsfile, "
        ".circleci/config.yml, azure-pipelines.yml and others): add a pipeline that builds "
        "and tests every change; if the evidence is kept outside the repository, attest it "
        "under `attestations: integrate-adapt:` in .tcop-lint.yml\n"
    )


def test_one_rules_many_errors_never_hide_another_rules_error():
    findings = [finding(f"e{i}", path=f"f{i}.yml", start=1) for i in range(30)]
    findings += [finding("other rule", code="TC0302", path="LICENSE", start=2)]
    findings += [finding(f"n{i}", level="note", path="n.txt") for i in range(3)]
    out = github.render(report(*findings))
    assert out == (
        "".join(
            f"::error file=f{i}.yml,line=1,title=TC0301 licence-file::e{i}\n"
            for i in range(9)
        )
        + "::error file=LICENSE,line=2,title=TC0302 open-licence::other rule\n"
        + "".join(
            f"::notice file=n.txt,title=TC0301 licence-file::n{i}\n" for i in range(3)
        )
        + "::notice title=tcop-lint%3A more findings::21 more finding(s) not annotated "
        "(TC0301: 21): GitHub shows at most 10 annotations of each level per step; the "
        "job summary and the SARIF file list all 34 findings\n"
    )


def test_slots_go_round_robin_and_the_summary_counts_each_rule():
    by_rule = {"TC0301": 7, "TC0302": 6}
    findings = [
        finding(f"{code}-{i}", code=code, level="warning")
        for code, count in by_rule.items()
        for i in range(count)
    ]
    out = github.render(report(*findings)).splitlines()
    shown = [line.rsplit("::", 1)[1] for line in out if line.startswith("::warning")]
    assert shown == [f"TC0301-{i}" for i in range(5)] + [
        f"TC0302-{i}" for i in range(5)
    ]
    assert out[-1].startswith(
        "::notice title=tcop-lint%3A more findings::3 more finding(s) not annotated "
        "(TC0301: 2, TC0302: 1): "
    )


def test_a_finding_about_the_whole_repository_has_no_file():
    whole = replace(finding("no CI configuration found"), repository_level=True)
    assert github.render(report(whole)) == (
        "::error title=TC0301 licence-file::no CI configuration found\n"
    )


def test_omit_suppressed_changes_nothing_as_suppressed_findings_are_never_annotated():
    exempt = Suppression("legacy", kind="inSource", line=3)
    both = report(finding("open"), finding("old", suppression=exempt))
    assert github.render(both, omit_suppressed=True) == github.render(both)


def test_past_the_sarif_cap_only_the_job_summary_lists_everything(monkeypatch):
    monkeypatch.setattr(github, "MAX_RESULTS", 12)
    out = github.render(report(*[finding(f"e{i}") for i in range(13)])).splitlines()
    assert out[-1].endswith(
        "annotations of each level per step; the job summary lists all 13 findings"
    )
