"""``--format junit``: one test case per rule, valid against Jenkins' junit-10.xsd, well-formed
whatever the messages and file names hold."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from conftest import stub_rule

from tcop_lint.profiles import PROFILES
from tcop_lint.report import junit
from tcop_lint.results import (
    PointResult,
    Report,
    ReportedFinding,
    RuleResult,
    Suppression,
)
from tcop_lint.rule import Evidence

XSD = Path(__file__).parent / "data" / "schemas" / "junit-10.xsd"
TCOP_LINT = str(Path(sys.executable).parent / "tcop-lint")
README = Path(__file__).parent.parent / "README.md"


@cache
def _schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema10(str(XSD))


def parse_valid(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))  # well-formed
    errors = [str(e.reason) for e in _schema().iter_errors(text)]
    assert errors == []
    return root


LICENCE = stub_rule("TC0301", "licence-file", "open-source")
OPEN = stub_rule("TC0302", "open-licence", "open-source")
POLICY = stub_rule("TC0601", "security-policy", "security")
GREEN = stub_rule("TC1201", "green-hosting", "sustainability")


def finding(
    message: str,
    *,
    code: str = "TC0301",
    level: str = "error",
    path: str | None = "README.md",
    start: int | None = None,
    suppression: Suppression | None = None,
) -> ReportedFinding:
    return ReportedFinding(
        rule_code=code,
        message=message,
        level=level,
        path=path,
        start_line=start,
        end_line=None,
        fingerprint=f"fp-{message}",
        suppression=suppression,
    )


def report(results: list[RuleResult], profile: str = "uk") -> Report:
    chosen = PROFILES[profile]
    points = [
        PointResult(
            point,
            "pass",
            tuple(r for r in results if r.rule.topic == point.topic),
        )
        for point in chosen.points
    ]
    return Report(
        root=Path("/repo"),
        profile=chosen,
        results=results,
        points=points,
        status="fail",
    )


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name"): case for case in root.iter("testcase")}


def test_each_outcome_becomes_the_matching_test_case():
    exempt = Suppression("legacy", dt.date(2099, 1, 31), "Head of Digital")
    results = [
        RuleResult(
            LICENCE,
            "fail",
            "error",
            findings=[
                finding("no licence file: add LICENSE"),
                finding("second", level="warning", path="docs/a.md", start=4),
            ],
        ),
        RuleResult(
            OPEN, "pass", "error", evidence=[Evidence("LICENSE", "MIT (OSI-approved)")]
        ),
        RuleResult(
            POLICY,
            "exempt",
            "error",
            findings=[finding("no policy", code="TC0601", suppression=exempt)],
        ),
    ]
    root = parse_valid(junit.render(report(results)))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (
        "3",
        "1",
        "0",
    )
    by_name = cases(root)
    failure = by_name["TC0301 licence-file"].find("failure")
    assert (
        failure.get("message") == "2 findings; the first: no licence file: add LICENSE"
    )
    assert failure.get("type") == "error"
    assert failure.text == (
        "README.md: error: no licence file: add LICENSE\n"
        "docs/a.md:4: warning: second\n\n"
        # a rule made here is no built-in one: docs/rules.md has no section for it
        "How to fix: tcop-lint explain TC0301"
    )
    assert by_name["TC0301 licence-file"].get("classname") == "tcop-lint.uk.point-03"
    passed = by_name["TC0302 open-licence"]
    assert passed.find("failure") is None
    assert passed.find("system-out").text == "evidence: LICENSE (MIT (OSI-approved))"
    exempted = by_name["TC0601 security-policy"]
    assert exempted.find("failure") is None  # suppressed findings are not failures
    assert exempted.find("system-out").text == (
        "exempt until 2099-01-31 (legacy): README.md: error: no policy"
    )


def test_one_suite_per_point_with_its_counts():
    results = [
        RuleResult(LICENCE, "fail", "error", findings=[finding("a")]),
        RuleResult(POLICY, "skipped", "error", reason="no web front end found"),
    ]
    root = parse_valid(junit.render(report(results)))
    suites = root.findall("testsuite")
    assert len(suites) == 13  # every point of the UK profile, as the other reports
    three = next(
        s for s in suites if s.get("name") == "Point 3: Be open and use open source"
    )
    assert {k: three.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "1",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    six = next(s for s in suites if s.get("name") == "Point 6: Make things secure")
    [skipped] = six.iter("skipped")
    assert skipped.get("message") == "no web front end found"
    assert six.get("skipped") == "1"
    empty = next(s for s in suites if s.get("name") == "Point 1: Define user needs")
    assert empty.get("tests") == "0" and list(empty) == []


def test_a_crashed_rule_is_an_error():
    results = [RuleResult(LICENCE, "error", "error", reason="KeyError: 'x'")]
    root = parse_valid(junit.render(report(results)))
    error = cases(root)["TC0301 licence-file"].find("error")
    assert error.get("message") == "rule TC0301 crashed: KeyError: 'x'"
    assert error.get("type") == "crash"
    assert root.get("errors") == "1"


def test_a_rule_outside_the_profile_is_skipped_in_its_own_suite():
    results = [
        RuleResult(
            GREEN,
            "skipped",
            "warning",
            reason="the bc profile has no sustainability point",
        )
    ]
    root = parse_valid(junit.render(report(results, "bc")))
    last = root.findall("testsuite")[-1]
    assert last.get("name") == "Not in the bc profile"
    [case] = last.findall("testcase")
    assert case.get("classname") == "tcop-lint.bc.other"
    assert case.find("skipped").get("message") == (
        "the bc profile has no sustainability point"
    )


@pytest.mark.parametrize(
    "message",
    [
        "bell\x07 nul\x00 esc\x1b vt\x0b ff\x0c end\ufffe\uffff",
        "<tag attr=\"x\">&amp; ]]> 'quotes'</tag>",
        "lone surrogate \ud800 and emoji \U0001f600",
        "line one\nline two\r\n\ttabbed",
    ],
    ids=["control", "markup", "surrogate", "newlines"],
)
def test_any_message_or_file_name_gives_well_formed_valid_xml(message):
    results = [
        RuleResult(
            LICENCE,
            "fail",
            "error",
            findings=[finding(message, path="caf\udce9\x01.txt", start=2)],
        )
    ]
    text = junit.render(report(results))
    text.encode("utf-8")
    root = parse_valid(text)
    failure = cases(root)["TC0301 licence-file"].find("failure")
    assert failure.text.startswith("caf\\xe9\\x01.txt:2: error: ")
    for bad in "\x00\x07\x0b\x0c\x1b\ufffe\uffff":
        assert bad not in failure.get("message")
    if message.startswith("<tag"):
        assert failure.get("message") == message  # escaped, not lost
    if message.startswith("line one"):
        assert failure.get("message") == message  # attribute newlines survive the parse


def test_real_run_is_valid_and_agrees_with_the_json_report(make_repo, tmp_path):
    import json

    root = make_repo({"README.md": "# Service\n", "LICENSE": "MIT License\n"})
    out = tmp_path / "junit.xml"
    run = subprocess.run(
        [TCOP_LINT, str(root), "--format", f"junit:{out}", "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    xml = parse_valid(out.read_text(encoding="utf-8"))
    rules = json.loads(run.stdout)["rules"]
    by_name = cases(xml)
    assert len(by_name) == len(rules) == int(xml.get("tests"))
    for result in rules:
        case = by_name[f"{result['code']} {result['name']}"]
        expected = {
            "fail": "failure",
            "warn": "failure",
            "skipped": "skipped",
            "error": "error",
        }.get(result["outcome"])
        assert [child.tag for child in case if child.tag != "system-out"] == (
            [expected] if expected else []
        ), result["code"]


def test_readme_azure_pipelines_example_publishes_the_junit_file():
    text = README.read_text(encoding="utf-8")
    section = text.split("## GitLab CI/CD, Azure DevOps and Jenkins", 1)[1].split(
        "\n## "
    )[0]
    blocks = [
        yaml.safe_load(block)
        for block in section.split("```yaml\n")[1:]
        for block in [block.split("```", 1)[0]]
    ]
    azure = next(b for b in blocks if isinstance(b, dict) and "steps" in b)
    steps = azure["steps"]
    publish = next(s for s in steps if s.get("task") == "PublishTestResults@2")
    assert publish["inputs"]["testResultsFormat"] == "JUnit"
    assert publish["condition"] == "succeededOrFailed()"
    script = next(s["script"] for s in steps if "tcop-lint" in s.get("script", ""))
    assert f"junit:{publish['inputs']['testResultsFiles']}" in script
