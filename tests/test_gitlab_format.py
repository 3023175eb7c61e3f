"""``--format gitlab``: GitLab Code Quality JSON, valid against the documented fields; and the
GitLab CI/CD component in ``templates/``, checked against GitLab's CI schema and run."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import stub_rule

from tcop_lint.profiles import PROFILES
from tcop_lint.report import gitlab
from tcop_lint.results import (
    Notification,
    Report,
    ReportedFinding,
    RuleResult,
    Suppression,
)

ROOT = Path(__file__).parent.parent
SCHEMAS = Path(__file__).parent / "data" / "schemas"
TEMPLATE = ROOT / "templates" / "tcop-lint.yml"
BIN = Path(sys.executable).parent
TCOP_LINT = str(BIN / "tcop-lint")


@cache
def _validator(name: str) -> Any:
    from jsonschema.validators import validator_for

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(name: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(instance)
    ]


def assert_valid_code_quality(text: str) -> list[dict[str, Any]]:
    assert not text.startswith("\ufeff")  # GitLab's parser refuses a byte order mark
    issues = json.loads(text)
    assert schema_errors("gitlab-codequality.schema.json", issues) == []
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    return issues


LICENCE = stub_rule("TC0301", "licence-file", "open-source")
POLICY = stub_rule("TC0601", "security-policy", "security")


def finding(
    message: str = "no licence file: add LICENSE",
    *,
    code: str = "TC0301",
    level: str = "error",
    path: str | None = "README.md",
    start: int | None = None,
    end: int | None = None,
    suppression: Suppression | None = None,
) -> ReportedFinding:
    return ReportedFinding(
        rule_code=code,
        message=message,
        level=level,
        path=path,
        start_line=start,
        end_line=end,
        fingerprint=f"fp-{code}-{message}-{path}",
        suppression=suppression,
    )


def report(*findings: ReportedFinding, notifications=()) -> Report:
    results = [
        RuleResult(
            r, "fail", "error", findings=[f for f in findings if f.rule_code == r.code]
        )
        for r in (LICENCE, POLICY)
    ]
    return Report(
        root=Path("/repo"),
        profile=PROFILES["uk"],
        results=results,
        points=[],
        status="fail",
        notifications=list(notifications),
    )


# -- the report ---------------------------------------------------------------------------------


def test_one_issue_with_every_documented_field():
    text = gitlab.render(report(finding(path="src/app.py", start=3, end=5)))
    assert assert_valid_code_quality(text) == [
        {
            "type": "issue",
            "check_name": "TC0301",
            "description": "no licence file: add LICENSE",
            "categories": ["Style"],
            "severity": "major",
            "fingerprint": "fp-TC0301-no licence file: add LICENSE-src/app.py",
            "location": {"path": "src/app.py", "lines": {"begin": 3, "end": 5}},
        }
    ]


def test_levels_map_to_severities_and_security_topics_to_security():
    issues = assert_valid_code_quality(
        gitlab.render(
            report(
                finding("a", level="error"),
                finding("b", level="warning"),
                finding("c", level="note"),
                finding("d", code="TC0601"),
            )
        )
    )
    assert [(i["description"], i["severity"], i["categories"]) for i in issues] == [
        ("a", "major", ["Style"]),
        ("b", "minor", ["Style"]),
        ("c", "info", ["Style"]),
        ("d", "major", ["Security"]),
    ]


def test_lines_begin_at_one_and_a_bad_end_is_left_out():
    issues = assert_valid_code_quality(
        gitlab.render(
            report(
                finding("whole file", path="LICENSE"),
                finding("end before start", path="x.yml", start=9, end=2),
                finding("line zero", path="y.yml", start=0),
            )
        )
    )
    assert [i["location"]["lines"] for i in issues] == [
        {"begin": 1},
        {"begin": 9},
        {"begin": 1},
    ]


def test_repository_level_findings_are_anchored_where_sarif_anchors_them():
    from tcop_lint.report.sarif import REPOSITORY_ANCHOR

    whole = ReportedFinding(
        rule_code="TC0301",
        message="no CI configuration",
        level="error",
        path="README.md",
        start_line=1,
        end_line=None,
        fingerprint="fp-whole",
        repository_level=True,
    )
    issues = assert_valid_code_quality(gitlab.render(report(finding(path=None), whole)))
    anchor = "no file associated with this alert"
    assert REPOSITORY_ANCHOR == anchor.replace(" ", "%20")
    assert [i["location"] for i in issues] == [
        {"path": anchor, "lines": {"begin": 1}},
        {"path": anchor, "lines": {"begin": 1}},
    ]


def test_exempt_findings_are_left_out():
    exempt = Suppression("legacy", dt.date(2099, 1, 1))
    issues = assert_valid_code_quality(
        gitlab.render(report(finding("open"), finding("old", suppression=exempt)))
    )
    assert [i["description"] for i in issues] == ["open"]


def test_no_findings_is_an_empty_array():
    assert gitlab.render(report()) == "[]\n"


def test_a_crashed_rule_is_a_critical_issue():
    crash = Notification("TC0601", "KeyError: 'x'", "traceback")
    [issue] = assert_valid_code_quality(gitlab.render(report(notifications=[crash])))
    assert issue["check_name"] == "TC0601"
    assert issue["description"] == "rule TC0601 crashed: KeyError: 'x'"
    assert issue["severity"] == "critical"
    assert issue["location"] == {
        "path": "no file associated with this alert",
        "lines": {"begin": 1},
    }
    assert re.fullmatch("[0-9a-f]{32}", issue["fingerprint"])


def test_undecodable_file_names_and_control_characters_stay_valid_json():
    text = gitlab.render(report(finding("bell\x07 \ud800", path="caf\udce9.txt")))
    text.encode("utf-8")  # no lone surrogate reaches the file
    [issue] = assert_valid_code_quality(text)
    assert issue["location"]["path"] == "caf\\xe9.txt"
    assert issue["description"] == "bell\x07 \\ud800"


def test_real_run_writes_a_valid_report_with_stable_fingerprints(make_repo, tmp_path):
    root = make_repo({"README.md": "# Service\n", "app.py": "print('hi')\n"})
    out = tmp_path / "gl-code-quality-report.json"
    args = [TCOP_LINT, str(root), "--format", f"gitlab:{out}", "--fail-on", "never"]
    run = subprocess.run(args, check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    issues = assert_valid_code_quality(out.read_text(encoding="utf-8"))
    assert {"TC0301", "TC0601"} <= {i["check_name"] for i in issues}
    licence = next(i for i in issues if i["check_name"] == "TC0301")
    assert licence["severity"] == "major"
    assert not Path(licence["location"]["path"]).is_absolute()
    # the same fingerprints as the SARIF report, and the same on a second run
    sarif = json.loads(
        subprocess.run(
            [TCOP_LINT, str(root), "--format", "sarif", "--fail-on", "never"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    sarif_prints = {
        r["partialFingerprints"]["tcopLint/v1"] for r in sarif["runs"][0]["results"]
    }
    assert {i["fingerprint"] for i in issues} == sarif_prints
    subprocess.run(args, check=True, capture_output=True)
    assert assert_valid_code_quality(out.read_text(encoding="utf-8")) == issues


# -- the CI/CD component ------------------------------------------------------------------------

_INPUT = re.compile(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]")


def component() -> tuple[dict[str, Any], dict[str, Any]]:
    header, body = yaml.safe_load_all(TEMPLATE.read_text(encoding="utf-8"))
    return header, body


def interpolate(body: Any, values: dict[str, Any]) -> Any:
    """Replace ``$[[ inputs.x ]]`` the way GitLab does for a whole-value reference (typed) and
    inside a longer string (as text)."""
    if isinstance(body, dict):
        return {interpolate(k, values): interpolate(v, values) for k, v in body.items()}
    if isinstance(body, list):
        return [interpolate(v, values) for v in body]
    if isinstance(body, str):
        whole = _INPUT.fullmatch(body.strip())
        if whole:
            return values[whole.group(1)]
        return _INPUT.sub(lambda m: str(values[m.group(1)]), body)
    return body


PINNED = "https://github.com/tcop-lint/tcop-lint/archive/" + "0" * 40 + ".tar.gz"


def defaults(header: dict[str, Any]) -> dict[str, Any]:
    """The inputs' defaults, and a pinned ``install`` (required: it has none)."""
    given = {
        name: spec["default"]
        for name, spec in header["spec"]["inputs"].items()
        if "default" in spec
    }
    return {**given, "install": PINNED}


def test_component_header_and_jobs_are_valid_gitlab_ci():
    header, body = component()
    assert schema_errors("gitlab-ci.json", header) == []
    inputs = header["spec"]["inputs"]
    assert set(inputs) == {
        "stage",
        "path",
        "profile",
        "fail-on",
        "args",
        "image",
        "install",
    }
    assert all(spec.get("description") for spec in inputs.values())
    assert inputs["image"]["default"] == "python:3.11-slim"
    assert inputs["fail-on"]["options"] == ["error", "warning", "note", "never"]
    # no release is tagged yet: the user pins the install, nothing unpinned is the default
    assert "default" not in inputs["install"]
    # every input is used, and only declared inputs are used
    used = set(_INPUT.findall(TEMPLATE.read_text(encoding="utf-8").split("\n---\n")[1]))
    assert used == set(inputs)
    # no top-level keywords a component must not set for its users
    assert not {"default", "variables", "stages", "workflow", "include"} & set(body)
    resolved = interpolate(body, defaults(header))
    assert schema_errors("gitlab-ci.json", resolved) == []
    job = resolved["tcop-lint"]
    assert job["stage"] == "test"
    assert job["image"] == "python:3.11-slim"
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "tcop-lint-junit.xml",
    }


def test_gitlab_schema_rejects_what_it_should():
    """The schema copy is live: a job with a misspelt keyword or a bad report is refused."""
    header, body = component()
    job = dict(interpolate(body, defaults(header))["tcop-lint"])
    assert schema_errors("gitlab-ci.json", {"tcop-lint": {**job, "scirpt": ["x"]}})
    bad = {**job, "artifacts": {"reports": {"codequality": 1}}}
    assert schema_errors("gitlab-ci.json", {"tcop-lint": bad})
    wrong_type = {"spec": {"inputs": {"x": {"type": "integer"}}}}
    assert schema_errors("gitlab-ci.json", wrong_type)
    assert schema_errors("gitlab-ci.json", {"spec": {"input": {}}})


def _job_environment(values: dict[str, Any]) -> dict[str, str]:
    header, body = component()
    job = interpolate(body, {**defaults(header), **values})["tcop-lint"]
    return job, {k: str(v) for k, v in job["variables"].items()}


def _run_script(lines: list[str], cwd: Path, variables: dict[str, str]):
    """Each line in ``sh -e`` as the runner does (POSIX sh: dash on python:3.11-slim)."""
    env = {
        **os.environ,
        **variables,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    script = "set -e\n" + "\n".join(lines) + "\n"
    return subprocess.run(
        ["sh", "-c", script],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_component_script_runs_and_writes_both_reports(make_repo):
    root = make_repo({"README.md": "# Service\n", "LICENSE": "MIT License\n"})
    job, variables = _job_environment({"profile": "bc", "args": "--ignore TC0304"})
    assert job["before_script"] == [
        'python -m pip install --quiet "$TCOP_LINT_INSTALL"'
    ]
    run = _run_script(job["script"], root, variables)
    assert run.returncode == 1, run.stderr  # the repository has error-level gaps
    assert "Technology Code of Practice (BC government draft)" in run.stdout
    issues = assert_valid_code_quality(
        (root / "gl-code-quality-report.json").read_text(encoding="utf-8")
    )
    assert "TC0304" not in {i["check_name"] for i in issues}
    assert (root / "tcop-lint-junit.xml").read_text().startswith("<?xml")


def test_component_script_passes_with_fail_on_never_and_an_empty_profile(make_repo):
    root = make_repo({"README.md": "# Service\n"})
    job, variables = _job_environment({"fail-on": "never", "path": "."})
    assert variables["TCOP_LINT_PROFILE"] == ""
    run = _run_script(job["script"], root, variables)
    assert run.returncode == 0, run.stderr
    assert "Technology Code of Practice (UK)" in run.stdout


@pytest.mark.parametrize("value", ["a b", "$(touch pwned)", "x;touch pwned"])
def test_path_input_is_one_argument_and_never_code(make_repo, value):
    root = make_repo({"README.md": "# Service\n"})
    job, variables = _job_environment({"path": value})
    run = _run_script(job["script"], root, variables)
    assert run.returncode == 2
    assert run.stderr.startswith(f"tcop-lint: {value}: no such directory")
    assert not (root / "pwned").exists()


def test_readme_include_examples_are_valid_gitlab_ci():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### GitLab CI/CD\n", 1)[1].split("\n### ")[0]
    blocks = [
        yaml.safe_load(block.split("```", 1)[0])
        for block in section.split("```yaml\n")[1:]
    ]
    includes = [b["include"][0] for b in blocks]
    assert [sorted(set(i) - {"inputs", "ref", "file"}) for i in includes] == [
        ["component"],
        ["remote"],
        ["project"],
    ]
    for block in blocks:
        assert schema_errors("gitlab-ci.json", block) == []
    header, _ = component()
    pin = "0123456789abcdef0123456789abcdef01234567"
    for include in includes:
        assert set(include.get("inputs", {})) <= set(header["spec"]["inputs"])
        # pinned by commit (no release is tagged yet), the required install too
        assert include["inputs"]["install"].endswith(f"/archive/{pin}.tar.gz")
    assert includes[0]["component"].endswith(f"/tcop-lint@{pin}")
    assert f"/{pin}/" in includes[1]["remote"]
    assert includes[2]["ref"] == pin
    assert includes[1]["remote"].endswith("/templates/tcop-lint.yml")
    assert includes[2]["file"] == "templates/tcop-lint.yml"
