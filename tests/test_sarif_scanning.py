"""SARIF shaped for GitHub code scanning: what reaches it (``--omit-suppressed``, the results
cap), where findings without a file are anchored, and descriptions within GitHub's limits."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_git_repo
from sarif_check import assert_valid_sarif

from tcop_lint.profiles import PROFILES
from tcop_lint.report import sarif
from tcop_lint.results import Report, ReportedFinding, RuleResult, Suppression
from tcop_lint.rule import rule

TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, str(root), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


# -- the results cap -----------------------------------------------------------------------

MANY_FINDINGS = """\
from tcop_lint.plugin import Finding, rule


@rule(code="TC0891", name="many-notes", topic="share-reuse", level="note",
      summary="s", rationale="r", remediation="m")
def many_notes(repo, options):
    for i in range(5050):
        yield Finding(f"note {i}", f"notes/{i}.txt", 1, id="n", key=str(i))


@rule(code="TC0892", name="few-errors", topic="share-reuse", level="error",
      summary="s", rationale="r", remediation="m")
def few_errors(repo, options):
    for i in range(30):
        yield Finding(f"error {i}", "README.md", i + 1, id="e", key=str(i))
    for i in range(20):
        yield Finding(f"warning {i}", "README.md", i + 1, level="warning", id="w", key=str(i))
"""


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory):
    """A plugin makes 5,050 notes, then 30 errors and 20 warnings: 5,100 findings."""
    tmp_path = tmp_path_factory.mktemp("cap")
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/checks.py": MANY_FINDINGS,
            "README.md": "# x\n",
        },
    )
    out = tmp_path / "r.sarif"
    result = run(
        root, "--select", "TC089", "--allow-plugins", "--format", f"sarif:{out}"
    )
    assert result.returncode == 1, result.stderr
    return json.loads(out.read_text()), result.stderr


NOTE = (
    "100 finding(s) left out of the SARIF file (100 note): GitHub code scanning keeps at "
    "most 5,000 results per run, so the most severe 5,000 are kept; the JSON report lists "
    "them all"
)


def test_the_cap_keeps_every_error_and_warning(capped) -> None:
    log, _ = capped
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == sarif.MAX_RESULTS
    levels = [r["level"] for r in results]
    assert levels.count("error") == 30
    assert levels.count("warning") == 20
    assert levels.count("note") == 4950
    # kept in report order: the first 4,950 notes, then the other rule's findings
    notes = [r["message"]["text"] for r in results if r["level"] == "note"]
    assert notes[0] == "note 0" and notes[-1] == "note 4949"


def test_what_the_cap_left_out_is_said_in_the_file_and_on_stderr(capped) -> None:
    log, stderr = capped
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {"level": "warning", "message": {"text": NOTE}}
    ]
    assert stderr == f"tcop-lint: {NOTE}\n"


def _report(*findings: ReportedFinding, rules=()) -> Report:
    return Report(
        root=Path("/home/someone/src/service"),
        profile=PROFILES["uk"],
        results=[
            RuleResult(
                r,
                "fail",
                r.level,
                findings=[f for f in findings if f.rule_code == r.code],
            )
            for r in rules
        ],
        points=[],
        status="fail",
    )


def _rule(code: str, summary: str = "s", rationale: str = "r"):
    @rule(
        code=code,
        name=f"rule-{code.lower()}",
        topic="open-source",
        level="error",
        summary=summary,
        rationale=rationale,
        remediation="m",
    )
    def check(repo, options):
        yield from ()

    return check


def _finding(
    code: str, level: str, n: int, *, suppressed: bool = False
) -> ReportedFinding:
    why = Suppression("legacy", dt.date(2099, 1, 1)) if suppressed else None
    return ReportedFinding(
        rule_code=code,
        message=f"{level} {n}",
        level=level,  # type: ignore[arg-type]
        path=f"f{n}.yml",
        start_line=n + 1,
        end_line=None,
        fingerprint=f"{code}-{level}-{n}",
        suppression=why,
    )


def test_suppressed_results_are_the_first_to_go(monkeypatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    one = _rule("TC0301")
    findings = [
        _finding("TC0301", "error", 0, suppressed=True),
        _finding("TC0301", "note", 1),
        _finding("TC0301", "warning", 2),
        _finding("TC0301", "error", 3),
    ]
    log = sarif.as_dict(_report(*findings, rules=[one]))
    assert [r["message"]["text"] for r in log["runs"][0]["results"]] == [
        "note 1",
        "warning 2",
        "error 3",
    ]
    assert log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"][
        "text"
    ].startswith("1 finding(s) left out of the SARIF file (1 error): ")


# -- --omit-suppressed ---------------------------------------------------------------------

EXEMPT_REPO = {
    "README.md": "# Service\n",
    ".tcop-lint.yml": (
        "exemptions:\n"
        "  - rule: TC0301\n"
        "    reason: Licence being agreed with legal\n"
        "    expires: 2099-01-01\n"
        "    approved-by: Head of Digital\n"
    ),
}


def _sarif_of(root: Path, out: Path, *args: str) -> dict:
    result = run(root, "--select", "TC0301,TC0901", "--format", f"sarif:{out}", *args)
    assert result.returncode == 1, result.stderr
    log = json.loads(out.read_text())
    assert_valid_sarif(log)
    return log


def test_exemptions_are_external_suppressions_unless_omitted(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", EXEMPT_REPO)
    full = _sarif_of(root, tmp_path / "full.sarif")
    [licence] = [r for r in full["runs"][0]["results"] if r["ruleId"] == "TC0301"]
    assert licence["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Licence being agreed with legal (exempt until 2099-01-01, "
            "approved by Head of Digital)",
        }
    ]
    omitted = _sarif_of(root, tmp_path / "omitted.sarif", "--omit-suppressed")
    assert [r["ruleId"] for r in omitted["runs"][0]["results"]] == ["TC0901"]
    # the rule is still described, so code scanning can close the alert it had opened
    rules = [d["id"] for d in omitted["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == ["TC0301", "TC0901"]


def test_omit_suppressed_changes_only_sarif_and_github(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", EXEMPT_REPO)

    def outputs(name: str, *args: str) -> dict[str, str]:
        formats = ("json", "text", "markdown")
        files = {fmt: tmp_path / f"{name}.{fmt}" for fmt in formats}
        options = [
            arg for fmt in formats for arg in ("--format", f"{fmt}:{files[fmt]}")
        ]
        result = run(root, "--select", "TC0301", *options, *args)
        assert result.returncode == 0, result.stderr
        return {fmt: files[fmt].read_text() for fmt in formats}

    plain = outputs("plain")
    assert outputs("omitted", "--omit-suppressed") == plain
    [licence] = json.loads(plain["json"])["rules"]
    assert licence["outcome"] == "exempt"
    assert licence["findings"][0]["suppression"]["reason"] == (
        "Licence being agreed with legal"
    )


# -- anchors, regions, descriptions, no local paths ----------------------------------------


def test_repository_level_findings_are_anchored_apart_with_unchanged_fingerprints(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# Service\n"})
    log = _sarif_of(root, tmp_path / "r.sarif")
    ci = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "TC0901")
    assert ci["locations"][0]["physicalLocation"] == {
        "artifactLocation": {
            "uri": "no%20file%20associated%20with%20this%20alert",
            "uriBaseId": "%SRCROOT%",
        },
        "region": {"startLine": 1, "startColumn": 1, "endLine": 1},
    }
    # the fingerprint still hashes the README path it always did
    import hashlib

    identity = "TC0901\0README.md\0no-ci\0"
    json_report = json.loads(run(root, "--select", "TC0901", "--format", "json").stdout)
    finding = json_report["rules"][0]["findings"][0]
    assert finding["path"] == "README.md"
    assert finding["id"] == "no-ci"
    assert ci["partialFingerprints"]["tcopLint/v1"] == finding["fingerprint"]
    assert finding["fingerprint"] == hashlib.sha256(identity.encode()).hexdigest()[:32]


def test_a_file_finding_keeps_its_file_and_gets_a_whole_region() -> None:
    one = _rule("TC0301")
    located = ReportedFinding("TC0301", "m", "error", "a b/ü.yml", 4, 6, "fp")
    no_end = ReportedFinding("TC0301", "m", "error", "x.yml", None, None, "fp2")
    results = sarif.as_dict(_report(located, no_end, rules=[one]))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"] for r in results] == [
        {
            "artifactLocation": {"uri": "a%20b/%C3%BC.yml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 4, "startColumn": 1, "endLine": 6},
        },
        {
            "artifactLocation": {"uri": "x.yml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 1, "endLine": 1},
        },
    ]


def test_no_local_path_in_the_file() -> None:
    one = _rule("TC0301")
    text = sarif.render(_report(_finding("TC0301", "error", 1), rules=[one]))
    assert "/home/someone" not in text
    assert "file:" not in text


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Short. Fits.", "Short. Fits."),
        (
            "A" * 20 + ". " + "B" * 30 + ". " + "C" * 40,
            "A" * 20 + ". " + "B" * 30 + ".",
        ),
        ("word " * 20, "word " * 11 + "word…"),
        ("x" * 100, "x" * 59 + "…"),
        (
            "Ends at the limit exactly" + "." * 35,
            "Ends at the limit exactly" + "." * 35,
        ),
    ],
)
def test_descriptions_are_cut_at_a_sentence_never_mid_word(text: str, cut: str) -> None:
    assert sarif.cut_at_sentence(text, 60) == cut
    assert len(sarif.cut_at_sentence(text, 60)) <= 60


def test_long_rule_descriptions_fit_githubs_limit() -> None:
    sentence = "This rule checks the evidence of a point of the Code in detail. "
    long = _rule("TC0301", summary=sentence * 30, rationale=sentence * 30)
    [descriptor] = sarif.as_dict(_report(rules=[long]))["runs"][0]["tool"]["driver"][
        "rules"
    ]
    for key in ("shortDescription", "fullDescription"):
        text = descriptor[key]["text"]
        assert len(text) <= 1024
        assert text.endswith("in detail.")
        assert text == (sentence * 16).strip()  # 1,023 characters


def test_a_rule_that_puts_missing_evidence_on_the_readme_is_anchored_apart_too(
    tmp_path: Path,
) -> None:
    """TC0601 names the README itself as the place of "no security policy"; TC0801's stub
    README is a finding about the README's content, on its line 1, and stays there."""
    root = make_git_repo(tmp_path / "repo", {"README.md": "# Service\n"})
    out = tmp_path / "r.sarif"
    result = run(root, "--select", "TC0601,TC0801", "--format", f"sarif:{out}")
    assert result.returncode == 1, result.stderr
    log = json.loads(out.read_text())
    assert_valid_sarif(log)
    where = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert where == {
        "TC0601": "no%20file%20associated%20with%20this%20alert",
        "TC0801": "README.md",
    }
