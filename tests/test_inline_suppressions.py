"""Inline suppressions (``# tcop-lint: ignore[CODE] reason``): how comments are read, and how a
real run applies them, reports them in JSON and SARIF, and notes the unusable and unused ones."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_git_repo
from sarif_check import assert_valid_sarif

from tcop_lint.facts.inline_suppressions import (
    InlineSuppression,
    comment_openers,
    parse,
    suppressions_in,
)
from tcop_lint.repository import Repository

TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")


# -- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "openers"),
    [
        (".github/workflows/ci.yml", ("#",)),
        ("Dockerfile", ("#",)),
        ("docker/Dockerfile.prod", ("#",)),
        ("infra/main.tf", ("#", "//")),
        ("scripts/deploy.sh", ("#",)),
        ("pyproject.toml", ("#",)),
        ("setup.cfg", ("#",)),
        ("requirements-dev.txt", ("#",)),
        ("web/app.js", ("//",)),
        ("renovate.json5", ("//",)),
        ("Jenkinsfile", ("//",)),
        ("README.md", ()),  # a # line in Markdown is a heading, not a comment
        ("package.json", ()),  # JSON has no comments
        ("notes.txt", ()),
    ],
)
def test_which_files_have_line_comments(path: str, openers: tuple[str, ...]) -> None:
    assert comment_openers(path) == openers


def test_a_comment_on_its_own_line_and_after_code() -> None:
    text = (
        "steps:\n"
        "  # tcop-lint: ignore[TC0607] pinned by the platform team\n"
        "  - uses: a/b@v1  # tcop-lint: ignore[TC0607, pinned-actions]  vendored fork \n"
        "  - run: echo 'tcop-lint: ignore[TC0607] not a comment'\n"
    )
    assert parse("ci.yml", text, ("#",)) == [
        InlineSuppression("ci.yml", 2, ("TC0607",), "pinned by the platform team"),
        InlineSuppression(
            "ci.yml", 3, ("TC0607", "pinned-actions"), "vendored fork", own_line=False
        ),
    ]


def test_slash_comments_and_a_comment_closed_on_its_line() -> None:
    text = 'a = 1\n// tcop-lint: ignore[TC0402] legacy API */\nb = "x" # no\n'
    assert parse("main.tf", text, ("#", "//")) == [
        InlineSuppression("main.tf", 2, ("TC0402",), "legacy API")
    ]


def test_no_codes_and_no_reason_are_read_as_such() -> None:
    text = (
        "# tcop-lint: ignore legacy\n"
        "# tcop-lint: ignore[] legacy\n"
        "# tcop-lint: ignore[TC0607\n"
        "# tcop-lint: ignore[TC0607]\r\n"
    )
    assert parse("x.yml", text, ("#",)) == [
        InlineSuppression("x.yml", 1, (), "", "no-codes"),
        InlineSuppression("x.yml", 2, (), "", "no-codes"),
        InlineSuppression("x.yml", 3, (), "", "no-codes"),
        InlineSuppression("x.yml", 4, ("TC0607",), ""),
    ]


def test_only_named_files_with_comments_are_read(tmp_path: Path) -> None:
    marker = "# tcop-lint: ignore[TC0301] reason\n"
    root = make_git_repo(
        tmp_path / "repo",
        {"a.yml": marker, "b.yml": marker, "README.md": marker, "c.py": "x = 1\n"},
    )
    repo = Repository(root)
    found = suppressions_in(repo, ["a.yml", "README.md", "c.py"])
    assert [(s.path, s.line) for s in found] == [("a.yml", 1)]
    assert repo.texts_read() == ["a.yml", "c.py"]  # README.md has no comments to read


def test_reading_is_linear_on_hostile_text() -> None:
    """50,000 markers, a 4 MB line of brackets, 2 MB of spaces before a marker that is not
    in a comment: all read in linear time (a backtracking pattern would take minutes)."""
    many = "# tcop-lint: ignore[TC0607] r\n" * 50_000
    one_line = "# tcop-lint: ignore[" + "[" * 4_000_000
    start = time.perf_counter()
    assert len(parse("x.yml", many, ("#",))) == 50_000
    assert parse("x.yml", one_line, ("#",))[0].problem == "no-codes"
    spaced = "x" + " " * 2_000_000 + "tcop-lint: ignore[TC0607] r"
    assert parse("x.yml", spaced * 2, ("#",)) == []
    assert time.perf_counter() - start < 3


# -- a real run ----------------------------------------------------------------------------

WORKFLOW = """\
name: ci
on: push
permissions: {contents: read}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      # tcop-lint: ignore[TC0607] the platform team pins this fork by tag
      - uses: docker/login-action@v3
      - uses: docker/setup-buildx-action@v3  # tcop-lint: ignore[pinned-actions,TC9999] vendored
      - uses: docker/build-push-action@v6  # tcop-lint: ignore[TC0607]
      - uses: docker/metadata-action@v5
      - run: make test  # tcop-lint: ignore[TC0607] was pinned here once
      - run: make lint  # tcop-lint: ignore reason but no codes
"""


def run(root: Path, tmp_path: Path, *args: str) -> tuple[dict, dict, str]:
    json_out, sarif_out = tmp_path / "r.json", tmp_path / "r.sarif"
    result = subprocess.run(
        [
            TCOP_LINT,
            str(root),
            "--select",
            "TC0607,TC0001",
            "--format",
            f"json:{json_out}",
            "--format",
            f"sarif:{sarif_out}",
            "--format",
            "text",
            "--quiet",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    sarif = json.loads(sarif_out.read_text())
    assert_valid_sarif(sarif)
    return json.loads(json_out.read_text()), sarif, result.stdout


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, str]:
    tmp_path = tmp_path_factory.mktemp("inline")
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# Service\n", ".github/workflows/ci.yml": WORKFLOW},
    )
    return run(root, tmp_path)


def _findings(report: dict, code: str) -> list[dict]:
    return next(r for r in report["rules"] if r["code"] == code)["findings"]


def test_a_suppressed_finding_keeps_its_reason_in_json(checked) -> None:
    report, _, _ = checked
    rule = next(r for r in report["rules"] if r["code"] == "TC0607")
    assert rule["outcome"] == "warn"
    found = {(f["start_line"], "suppression" in f) for f in rule["findings"]}
    # line 10's comment follows code, so it does not reach line 11
    assert found == {(9, True), (10, True), (11, False), (12, False)}
    by_line = {f["start_line"]: f for f in rule["findings"]}
    assert by_line[9]["suppression"] == {
        "reason": "the platform team pins this fork by tag",
        "expires": None,
        "approved_by": None,
        "kind": "inSource",
        "line": 8,
    }
    assert by_line[10]["suppression"]["reason"] == "vendored"


def test_the_json_report_with_inline_suppressions_matches_its_schema(checked) -> None:
    from jsonschema import Draft202012Validator

    report, _, _ = checked
    schema_path = Path(__file__).parents[1] / "schema" / "report.schema.json"
    schema = json.loads(schema_path.read_text())
    assert list(Draft202012Validator(schema).iter_errors(report)) == []


def test_a_suppressed_finding_is_in_source_in_sarif(checked) -> None:
    _, sarif, _ = checked
    results = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]: r
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "TC0607"
    }
    assert results[9]["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "the platform team pins this fork by tag",
        }
    ]
    assert "suppressions" not in results[11]


def test_unusable_and_unused_suppressions_are_notes_at_their_comment(checked) -> None:
    report, sarif, text = checked
    notes = [
        (f["path"], f["start_line"], f["level"], f["id"], f["message"])
        for f in _findings(report, "TC0001")
    ]
    ci = ".github/workflows/ci.yml"
    assert notes == [
        (
            ci,
            10,
            "note",
            "unknown-rule",
            (
                "inline suppression names unknown rule 'TC9999'; `tcop-lint list-rules` "
                "shows the codes and names"
            ),
        ),
        (
            ci,
            11,
            "note",
            "missing-reason",
            (
                "inline suppression of TC0607 gives no reason, so it suppresses nothing: "
                "write why after the `]`"
            ),
        ),
        (
            ci,
            13,
            "note",
            "unused-suppression",
            (
                "inline suppression of TC0607 matched no TC0607 finding on this line: "
                "remove it"
            ),
        ),
        (
            ci,
            14,
            "note",
            "malformed-suppression",
            (
                "inline suppression names no rule, so it suppresses nothing: write "
                "`tcop-lint: ignore[CODE] reason`"
            ),
        ),
    ]
    descriptor = next(
        r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "TC0001"
    )
    assert descriptor["name"] == "inline-suppression"
    assert f"{ci}:13: TC0001 note: inline suppression of TC0607 matched no" in text
    assert f"{ci}:11: TC0607 warning: docker/build-push-action@v6 is not pinned" in text


def test_notes_change_no_point_and_not_the_exit_code(checked) -> None:
    report, _, _ = checked
    security = next(p for p in report["points"] if p["topic"] == "security")
    assert security["status"] == "warn"  # from the two open TC0607 findings
    assert all("TC0001" not in p["rules"] for p in report["points"])


def test_omit_suppressed_leaves_them_out_of_sarif_only(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# Service\n", ".github/workflows/ci.yml": WORKFLOW},
    )
    report, sarif, _ = run(root, tmp_path, "--omit-suppressed")
    lines = sorted(
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "TC0607"
    )
    assert lines == [11, 12]
    assert not any("suppressions" in r for r in sarif["runs"][0]["results"])
    assert len(_findings(report, "TC0607")) == 4  # JSON still lists the suppressed ones


def test_a_rule_that_did_not_run_makes_no_unused_note(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# Service\n",
            ".github/workflows/ci.yml": "on: push\n# tcop-lint: ignore[TC0301] x\n",
        },
    )
    report, _, _ = run(root, tmp_path)
    assert all(r["code"] != "TC0001" for r in report["rules"])


def test_the_config_file_and_repository_level_findings_are_not_suppressible(
    tmp_path: Path,
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# Service\n",
            ".tcop-lint.yml": (
                "exemptions:\n"
                "  # tcop-lint: ignore[TC0301] the expiry is on purpose\n"
                "  - rule: TC0301\n"
                "    reason: legacy\n"
                "    expires: 2020-01-01\n"
            ),
        },
    )
    result = subprocess.run(
        [TCOP_LINT, str(root), "--select", "TC0301,TC0001", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    report = json.loads(result.stdout)
    licence = _findings(report, "TC0301")
    # the comment above the expired exemption (line 3) does not hide its error
    assert [
        (f["id"], f["path"], f["start_line"], "suppression" in f) for f in licence
    ] == [
        ("missing-licence-file", "README.md", None, False),
        ("expired-exemption", ".tcop-lint.yml", 3, False),
    ]
    # the config is read as config, not as a file with findings to suppress
    assert all(r["code"] != "TC0001" for r in report["rules"])


@pytest.mark.parametrize(
    ("config", "select", "notes"),
    [
        ("", "TC0607", None),  # not selected: suppressions still apply, no notes
        ("rules:\n  inline-suppression: off\n", "TC0607,TC0001", None),
        ("rules:\n  TC0001: warning\n", "TC0607,TC0001", "warning"),
    ],
)
def test_the_notes_are_configured_like_any_rule_and_suppressions_always_apply(
    tmp_path: Path, config: str, select: str, notes: str | None
) -> None:
    files = {"README.md": "# Service\n", ".github/workflows/ci.yml": WORKFLOW}
    if config:
        files[".tcop-lint.yml"] = config
    root = make_git_repo(tmp_path / "repo", files)
    result = subprocess.run(
        [TCOP_LINT, str(root), "--select", select, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    suppressed = [
        f["start_line"] for f in _findings(report, "TC0607") if "suppression" in f
    ]
    assert suppressed == [9, 10]
    levels = [
        {f["level"] for f in r["findings"]}
        for r in report["rules"]
        if r["code"] == "TC0001"
    ]
    assert levels == ([{notes}] if notes else [])


def test_tc0001_is_listed_and_explained() -> None:
    def cli(*args: str) -> str:
        result = subprocess.run(
            [TCOP_LINT, *args], capture_output=True, text=True, check=False, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert cli("list-rules").splitlines()[0] == (
        "TC0001  inline-suppression               note     tcop-lint         "
        "Inline suppression comments name known rules, give a reason and are used."
    )
    explained = cli("explain", "inline-suppression")
    assert explained.startswith("TC0001 inline-suppression\n")
    assert "Code point: uk: no tcop-lint point; bc: no tcop-lint point\n" in explained
    assert explained.endswith(
        "Documentation: https://github.com/tcop-lint/tcop-lint/blob/main/README.md"
        "#inline-suppressions\n"
    )


def test_markdown_lists_a_suppressed_finding_with_its_comment_line(
    tmp_path: Path,
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# Service\n", ".github/workflows/ci.yml": WORKFLOW},
    )
    run(root, tmp_path, "--format", f"markdown:{tmp_path / 'r.md'}")
    exempt = (tmp_path / "r.md").read_text().split("### Exempt (2)\n\n")[1].splitlines()
    assert exempt[0].startswith(
        "- **TC0607** .github/workflows/ci.yml: docker/login-action"
    )
    assert exempt[0].endswith(
        ": the platform team pins this fork by tag (comment on line 8)"
    )
    assert exempt[1].endswith(": vendored (comment on line 10)")
