"""The composite action (``action.yml``), run the way the runner runs it.

A small runner parses ``action.yml``, evaluates the ``${{ }}`` expressions of each step's
``env:``, ``if:`` and the action's ``outputs:``, and runs each ``run:`` script with
``bash --noprofile --norc -eo pipefail`` (the runner's ``shell: bash``), with real
``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` files, against real git repositories in tmp dirs.

``uses:`` steps are not run: setup-python is stood in for by this interpreter (its outputs
``python-path`` and ``python-version``), the cache and the SARIF upload are recorded with their
evaluated ``if:`` and ``with:``. The install step would ``pip install`` tcop-lint and its
dependencies from PyPI, so the tests stand it in with this environment's tcop-lint (its outputs
``python`` and ``tcop-lint``), except ``test_install_step_installs_from_the_action_path``,
which runs it for real.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_git_repo
from sarif_check import assert_valid_sarif

from tcop_lint.registry import builtin_rules, index

REPO = Path(__file__).resolve().parent.parent
ACTION_FILE = REPO / "action.yml"
ACTION = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
CI_WORKFLOW = """\
name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
"""
NO_CI_MESSAGE = (
    "no CI configuration found (looked for .github/workflows/*.yml, .gitlab-ci.yml, "
    "Jenkinsfile, .circleci/config.yml, azure-pipelines.yml and others): add a pipeline that "
    "builds and tests every change; if the evidence is kept outside the repository, attest "
    "it under `attestations: integrate-adapt:` in .tcop-lint.yml"
)


# -- a GitHub expression evaluator (the subset action.yml uses) -------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>&&|\|\||==|!=|!|\(|\))"
    r"|(?P<name>[A-Za-z_][\w.-]*(?:\(\))?))"
)


def _tokens(expr: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        match = _TOKEN.match(expr, pos)
        assert match, f"cannot parse expression at {expr[pos:]!r}"
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def evaluate(expr: str, context: dict[str, Any]) -> Any:
    """Evaluate a GitHub Actions expression: contexts, literals, ! == != && || (), always()."""
    tokens = _tokens(expr)

    def peek():
        return tokens[0][1] if tokens else None

    def take():
        return tokens.pop(0)

    def primary():
        kind, value = take()
        if value == "(":
            result = either()
            assert take()[1] == ")"
            return result
        if value == "!":
            return not truthy(primary())
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if value in ("true", "false"):
            return value == "true"
        if value == "null":
            return None
        if value == "always()":
            return True
        assert not value.endswith("()"), f"unsupported function {value}"
        node: Any = context
        for part in value.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def comparison():
        left = primary()
        while peek() in ("==", "!="):
            op = take()[1]
            equal = loose_equal(left, primary())
            left = equal if op == "==" else not equal
        return left

    def both():
        left = comparison()
        while peek() == "&&":
            take()
            right = comparison()
            left = right if truthy(left) else left
        return left

    def either():
        left = both()
        while peek() == "||":
            take()
            right = both()
            left = left if truthy(left) else right
        return left

    result = either()
    assert not tokens, f"trailing tokens in {expr!r}"
    return result


def truthy(value: Any) -> bool:
    return value not in (None, False, "", 0)


def loose_equal(a: Any, b: Any) -> bool:
    """GitHub's ``==``: strings compare case-insensitively; null and '' both coerce to 0."""
    a = "" if a is None else a
    b = "" if b is None else b
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


def substitute(text: str, context: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        result = evaluate(match.group(1), context)
        if result is None:
            return ""
        if isinstance(result, bool):
            return str(result).lower()
        return str(result)

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


# -- the runner --------------------------------------------------------------------------------


@dataclass
class StepRun:
    name: str
    ran: bool
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: dict[str, StepRun]
    outputs: dict[str, str]
    summary: str
    workspace: Path

    @property
    def lint(self) -> StepRun:
        return self.steps["lint"]

    @property
    def upload(self) -> StepRun:
        return self.steps["upload"]

    def sarif(self) -> dict[str, Any]:
        return json.loads(
            (self.workspace / self.outputs["sarif-file"]).read_text("utf-8")
        )


def parse_output_file(path: Path) -> dict[str, str]:
    """``name=value`` and ``name<<DELIM`` ... ``DELIM`` lines, as the runner reads them."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            i += 1
            outputs[name] = "\n".join(value)
        else:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(
    workspace: Path,
    tmp_path: Path,
    inputs: dict[str, str] | None = None,
    *,
    event_name: str = "push",
    event: dict[str, Any] | None = None,
    real_install: bool = False,
) -> ActionRun:
    declared = ACTION["inputs"]
    unknown = set(inputs or {}) - set(declared)
    assert not unknown, f"not inputs of the action: {unknown}"
    values = {name: spec.get("default", "") for name, spec in declared.items()}
    values.update(inputs or {})
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    files = tmp_path / "runner-files"
    files.mkdir(exist_ok=True)
    context: dict[str, Any] = {
        "inputs": values,
        "steps": {},
        "github": {
            "action_path": str(REPO),
            "workspace": str(workspace),
            "token": "ghs_test-token",
            "event_name": event_name,
            "event": event or {},
            "repository": "example/service",
        },
        "runner": {"temp": str(temp), "os": "Linux"},
    }
    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_", "TCOP_"))
    }
    base_env.update(
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(REPO),
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_EVENT_NAME=event_name,
        RUNNER_TEMP=str(temp),
        RUNNER_OS="Linux",
    )
    steps: dict[str, StepRun] = {}
    failed = False
    summaries = []
    for number, step in enumerate(ACTION["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        name = step.get("name", step_id)
        condition = step.get("if")
        if condition is not None:
            should_run = truthy(evaluate(condition, context))
        else:
            should_run = not failed  # success() is the default condition
        if "uses" in step:
            # actions are not run; record whether they would and what they would get
            with_ = {
                k: substitute(str(v), context) for k, v in step.get("with", {}).items()
            }
            steps[step.get("id", name)] = StepRun(name, should_run, with_=with_)
            if step["uses"].startswith("actions/setup-python@"):
                context["steps"][step_id] = {
                    "outputs": {
                        "python-path": sys.executable,
                        "python-version": platform.python_version(),
                    }
                }
            continue
        if not should_run:
            steps[step_id] = StepRun(name, False)
            continue
        if step_id == "install" and not real_install:
            steps[step_id] = StepRun(name, True, exit_code=0)
            context["steps"][step_id] = {
                "outputs": {
                    "python": sys.executable,
                    "tcop-lint": str(BIN / "tcop-lint"),
                }
            }
            continue
        assert step["shell"] == "bash"
        output_file = files / f"output-{number}"
        summary_file = files / f"summary-{number}"
        output_file.touch()
        summary_file.touch()
        env = dict(base_env)
        env.update(
            GITHUB_OUTPUT=str(output_file), GITHUB_STEP_SUMMARY=str(summary_file)
        )
        env.update(
            {k: substitute(str(v), context) for k, v in step.get("env", {}).items()}
        )
        script = files / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        steps[step_id] = StepRun(
            name, True, result.returncode, result.stdout, result.stderr
        )
        context["steps"][step_id] = {"outputs": parse_output_file(output_file)}
        summaries.append(summary_file.read_text(encoding="utf-8"))
        failed = failed or result.returncode != 0
    outputs = {
        name: substitute(spec["value"], context)
        for name, spec in ACTION["outputs"].items()
    }
    return ActionRun(steps, outputs, "".join(summaries), workspace)


def only(*codes: str, profile: str | None = None) -> str:
    """A .tcop-lint.yml that turns off every built-in rule but ``codes``, so these tests keep
    their meaning as the rule pack grows."""
    lines = [f"profile: {profile}"] if profile else []
    lines.append("rules:")
    lines += [
        f"  {code}: off" for code in sorted(index(builtin_rules())) if code not in codes
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def failing_repo(tmp_path: Path) -> Path:
    """No CI configuration: TC0901 fails."""
    return make_git_repo(
        tmp_path / "failing",
        {"README.md": "# service\n", ".tcop-lint.yml": only("TC0901")},
    )


@pytest.fixture
def passing_repo(tmp_path: Path) -> Path:
    return make_git_repo(
        tmp_path / "passing",
        {
            "README.md": "# service\n",
            ".github/workflows/ci.yml": CI_WORKFLOW,
            ".tcop-lint.yml": only("TC0901"),
        },
    )


# -- behaviour ---------------------------------------------------------------------------------


def test_failing_repository(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"fail-on": "error"})
    assert run.lint.exit_code == 1, run.lint.stderr
    assert run.outputs == {
        "status": "fail",
        "sarif-file": "tcop-lint.sarif",
        "errors": "1",
        "warnings": "0",
    }
    # annotations from the same run, before the text report
    assert run.lint.stdout.startswith(
        "::error file=README.md,title=TC0901 continuous-integration::"
        + NO_CI_MESSAGE
        + "\n"
    )
    # the Markdown summary, appended to this step's GITHUB_STEP_SUMMARY
    assert run.summary.startswith("## tcop-lint: ❌ fail\n")
    assert "- **TC0901** error README.md: no CI configuration found" in run.summary
    # the SARIF report, valid and holding the finding
    sarif = run.sarif()
    assert_valid_sarif(sarif)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "TC0901"
    assert result["message"]["text"] == NO_CI_MESSAGE
    assert sarif["runs"][0]["automationDetails"] == {"id": "tcop-lint/uk/"}
    # the upload still runs after the failed step (a push event on the repository itself)
    assert run.upload.ran
    assert run.upload.with_ == {"sarif_file": "tcop-lint.sarif", "category": ""}


def test_the_text_report_cannot_issue_workflow_commands(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path)
    lines = run.lint.stdout.splitlines()
    [stop] = [i for i, line in enumerate(lines) if line.startswith("::stop-commands::")]
    token = lines[stop].split("::")[2]
    assert re.fullmatch(r"[0-9a-f]{32}", token)
    assert lines[-1] == f"::{token}::"
    text = lines[stop + 1 : -1]
    assert any(
        "README.md: TC0901 error: no CI configuration found" in line for line in text
    )
    assert text[-1].endswith("status: fail")
    assert all(line.startswith("::error ") for line in lines[:stop])


def test_passing_repository(passing_repo, tmp_path):
    run = run_action(passing_repo, tmp_path)
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.outputs == {
        "status": "pass",
        "sarif-file": "tcop-lint.sarif",
        "errors": "0",
        "warnings": "0",
    }
    assert not [
        line for line in run.lint.stdout.splitlines() if line.startswith("::error")
    ]
    assert run.summary.startswith("## tcop-lint: ✅ pass\n")
    sarif = run.sarif()
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["results"] == []
    assert run.upload.ran


def test_fail_on_never_keeps_the_step_green(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"fail-on": "never"})
    assert run.lint.exit_code == 0
    assert run.outputs["status"] == "fail"
    assert run.outputs["errors"] == "1"


@pytest.mark.parametrize(
    ("event", "upload", "runs"),
    [
        (
            {"pull_request": {"head": {"repo": {"full_name": "example/service"}}}},
            "true",
            True,
        ),
        (
            {"pull_request": {"head": {"repo": {"full_name": "someone/fork"}}}},
            "true",
            False,
        ),
        (
            {"pull_request": {"head": {"repo": {"full_name": "example/service"}}}},
            "false",
            False,
        ),
    ],
    ids=["same-repository-pr", "fork-pr", "upload-off"],
)
def test_sarif_upload_condition(failing_repo, tmp_path, event, upload, runs):
    run = run_action(
        failing_repo,
        tmp_path,
        {"upload-sarif": upload},
        event_name="pull_request",
        event=event,
    )
    assert run.lint.exit_code == 1
    assert run.upload.ran is runs


def test_usage_error_reports_status_error_and_skips_the_upload(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"profile": "fr"})
    assert run.lint.exit_code == 2
    assert "Invalid value for '--profile'" in run.lint.stderr
    assert run.outputs == {
        "status": "error",
        "sarif-file": "",
        "errors": "",
        "warnings": "",
    }
    assert run.summary == ""
    assert not run.upload.ran


def test_path_input_through_a_committed_link_out_is_refused(failing_repo, tmp_path):
    """A pull request that makes `services` a link to another folder on the runner."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "README.md").write_text("# SENTINEL-elsewhere\n")
    (failing_repo / "services").symlink_to(outside)
    run = run_action(failing_repo, tmp_path, {"path": "services"})
    assert run.lint.exit_code == 2
    assert "services: refused: " in run.lint.stderr
    assert run.outputs["status"] == "error"
    assert not run.upload.ran


def test_committed_sarif_link_to_the_log_is_refused(failing_repo, tmp_path):
    """`tcop-lint.sarif` committed as a link to /dev/stderr: no report in the job log, no
    upload of whatever the link points at."""
    (failing_repo / "tcop-lint.sarif").symlink_to("/dev/stderr")
    run = run_action(failing_repo, tmp_path)
    assert run.lint.exit_code == 2
    assert "refused as the sarif report" in run.lint.stderr
    assert '"runs"' not in run.lint.stderr
    assert run.outputs["status"] == "error"
    assert run.outputs["sarif-file"] == ""
    assert not run.upload.ran


def test_bad_online_value_is_a_usage_error(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"online": "yes please"})
    assert run.lint.exit_code == 2
    assert (
        run.lint.stdout
        == "::error title=tcop-lint::the online input must be true or false\n"
    )


def test_bad_allow_private_hosts_value_is_a_usage_error(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"allow-private-hosts": "maybe"})
    assert run.lint.exit_code == 2
    assert run.lint.stdout == (
        "::error title=tcop-lint::the allow-private-hosts input must be true or false\n"
    )


def test_repository_config_cannot_switch_the_action_online(tmp_path, httpserver):
    """A pull request's `online: true` and `allow-private-hosts: true` do nothing under the
    default inputs: no request reaches the (recording) server, and the summary says why."""
    httpserver.expect_request("/meta").respond_with_data("type: object\n")
    workspace = make_git_repo(
        tmp_path / "workspace",
        {
            "README.md": "# x\n",
            ".tcop-lint.yml": (
                "online: true\nrules: {TC0401: {options: {allow-private-hosts: true}}}\n"
            ),
            "openapi.yaml": (
                "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"
                "components:\n  schemas:\n    A:\n"
                f"      $ref: '{httpserver.url_for('/meta')}'\n"
            ),
        },
    )
    run = run_action(workspace, tmp_path, {"fail-on": "never"})
    assert run.lint.exit_code == 0, run.lint.stderr
    assert httpserver.log == []
    assert "pass --online" in run.summary
    assert "pass --allow-private-hosts" in run.summary


def test_online_inputs_become_flags(failing_repo, tmp_path):
    """online false is --offline (the config cannot decide); allow-private-hosts adds its flag."""
    probe = tmp_path / "probe"
    probe.mkdir()
    fake = probe / "tcop-lint"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$*" > "$PROBE"\n')
    fake.chmod(0o755)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "lint")
    for inputs, flags in (
        ({}, {"--offline"}),
        ({"online": "true"}, {"--online"}),
        (
            {"online": "true", "allow-private-hosts": "true"},
            {"--online", "--allow-private-hosts"},
        ),
    ):
        context = {
            "inputs": {
                name: spec.get("default", "") for name, spec in ACTION["inputs"].items()
            }
            | inputs,
            "steps": {
                "install": {
                    "outputs": {"tcop-lint": str(fake), "python": sys.executable}
                }
            },
            "github": {"token": "ghs_test-token"},
        }
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GITHUB_", "TCOP_"))
        }
        env.update({k: substitute(str(v), context) for k, v in step["env"].items()})
        output = tmp_path / "out"
        output.touch()
        env.update(
            PROBE=str(probe / "seen"),
            RUNNER_TEMP=str(tmp_path),
            GITHUB_OUTPUT=str(output),
        )
        script = tmp_path / "lint.sh"
        script.write_text(step["run"], encoding="utf-8")
        subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=failing_repo,
            env=env,
            check=True,
            capture_output=True,
        )
        args = set((probe / "seen").read_text().split())
        assert args & {"--online", "--offline", "--allow-private-hosts"} == flags


def test_inputs_reach_the_shell_as_data(failing_repo, tmp_path):
    hostile = "reports/tcop lint;$(touch pwned)`touch pwned2`.sarif"
    run = run_action(failing_repo, tmp_path, {"sarif-file": hostile, "config": ""})
    assert run.lint.exit_code == 1, run.lint.stderr
    assert run.outputs["sarif-file"] == hostile
    assert (failing_repo / hostile).is_file()
    assert not list(failing_repo.glob("pwned*"))
    assert not list(tmp_path.glob("**/pwned*"))


def test_a_multi_line_input_cannot_forge_outputs(failing_repo, tmp_path):
    forged = "x.sarif\nstatus=pass"
    run = run_action(failing_repo, tmp_path, {"sarif-file": forged})
    assert run.outputs["status"] == "fail"
    assert run.outputs["sarif-file"] == forged


def test_category_names_the_code_scanning_analysis(failing_repo, tmp_path):
    run = run_action(failing_repo, tmp_path, {"category": "tcop-lint/web"})
    assert run.sarif()["runs"][0]["automationDetails"] == {"id": "tcop-lint/web/"}
    assert_valid_sarif(run.sarif())
    assert run.upload.with_["category"] == "tcop-lint/web"


def test_path_profile_and_config_inputs(tmp_path):
    workspace = make_git_repo(
        tmp_path / "mono",
        {
            "README.md": "# mono\n",
            "services/api/README.md": "# api\n",
            "services/api/.tcop-lint.yml": only("TC0901"),
            "ci/tcop.yml": only("TC0901", profile="bc"),
        },
    )
    run = run_action(
        workspace,
        tmp_path,
        {
            "path": "services/api",
            "config": "ci/tcop.yml",
            "sarif-file": "out/api.sarif",
        },
    )
    assert run.lint.exit_code == 1, run.lint.stderr
    # annotation paths are relative to the workspace, not to the checked directory
    assert run.lint.stdout.startswith("::error file=services/api/README.md,")
    assert run.outputs["sarif-file"] == "out/api.sarif"
    sarif = run.sarif()
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["automationDetails"] == {"id": "tcop-lint/bc/"}
    # and so are the SARIF URIs, against the workspace
    [result] = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "services/api/README.md", "uriBaseId": "%SRCROOT%"}
    assert sarif["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": workspace.resolve().as_uri() + "/"}
    }
    run = run_action(workspace, tmp_path, {"path": "services/api", "profile": "uk"})
    assert run.sarif()["runs"][0]["automationDetails"] == {"id": "tcop-lint/uk/"}


def test_baseline_input_reports_only_new_findings(failing_repo, tmp_path):
    first = run_action(failing_repo, tmp_path)
    baseline = failing_repo / "baseline.sarif"
    shutil.copy(failing_repo / first.outputs["sarif-file"], baseline)
    run = run_action(failing_repo, tmp_path, {"baseline": "baseline.sarif"})
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.outputs["status"] == "pass"
    assert run.outputs["errors"] == "0"
    assert "1 known finding(s) left out by the baseline." in run.summary


def test_online_input_passes_the_token_only_when_online(failing_repo, tmp_path):
    """The workflow token reaches tcop-lint's environment only with ``online: true``."""
    probe = tmp_path / "probe"
    probe.mkdir()
    fake = probe / "tcop-lint"
    fake.write_text(
        '#!/usr/bin/env bash\nprintf "%s|%s\\n" "${GITHUB_TOKEN-unset}" "$*" > "$PROBE"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "lint")
    env_keys = set(step["env"])
    assert "TCOP_GITHUB_TOKEN" in env_keys
    for online, expected in (("true", "ghs_test-token"), ("false", "unset")):
        context = {
            "inputs": {
                name: spec.get("default", "") for name, spec in ACTION["inputs"].items()
            }
            | {"online": online},
            "steps": {
                "install": {
                    "outputs": {"tcop-lint": str(fake), "python": sys.executable}
                }
            },
            "github": {"token": "ghs_test-token"},
        }
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GITHUB_", "TCOP_"))
        }
        env.update({k: substitute(str(v), context) for k, v in step["env"].items()})
        output = tmp_path / "out"
        output.touch()
        env.update(
            PROBE=str(probe / "seen"),
            RUNNER_TEMP=str(tmp_path),
            GITHUB_OUTPUT=str(output),
        )
        script = tmp_path / "lint.sh"
        script.write_text(step["run"], encoding="utf-8")
        subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=failing_repo,
            env=env,
            check=True,
            capture_output=True,
        )
        token, args = (probe / "seen").read_text().strip().split("|")
        assert token == expected
        assert ("--online" in args.split()) is (online == "true")


# -- the definition itself -------------------------------------------------------------------


def test_no_expression_inside_a_run_script():
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")


def test_every_input_is_used_and_only_through_env_or_with():
    text = ACTION_FILE.read_text(encoding="utf-8")
    for name in ACTION["inputs"]:
        assert f"inputs.{name}" in text, f"input {name} is never used"
    for step in ACTION["runs"]["steps"]:
        for key, value in step.items():
            if key not in ("env", "with", "if") and isinstance(value, str):
                assert "inputs." not in value, (step.get("name"), key)


def test_actions_are_pinned_to_full_shas_with_a_version_comment():
    uses = re.findall(r"^\s*uses:\s*(\S+)(.*)$", ACTION_FILE.read_text(), re.MULTILINE)
    assert {u.split("@")[0] for u, _ in uses} == {
        "actions/setup-python",
        "actions/cache",
        "github/codeql-action/upload-sarif",
    }
    for ref, comment in uses:
        assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), (ref, comment)


def test_every_expression_in_the_action_evaluates():
    text = ACTION_FILE.read_text(encoding="utf-8")
    context = {"inputs": {}, "steps": {}, "github": {}, "runner": {}}
    for expr in re.findall(r"\$\{\{(.*?)\}\}", text):
        evaluate(expr, context)
    for step in ACTION["runs"]["steps"]:
        if "if" in step:
            evaluate(step["if"], context)


def test_zizmor_reports_nothing():
    zizmor = shutil.which("zizmor", path=str(BIN)) or shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency (pip install -e '.[test]')"
    result = subprocess.run(
        [
            zizmor,
            "--offline",
            "--strict-collection",
            "--persona",
            "pedantic",
            "--no-progress",
            "action.yml",
            ".github/workflows/",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_install_step_installs_from_the_action_path(passing_repo, tmp_path):
    """The real install step: a venv from setup-python's interpreter, pip install of the
    action's checkout (dependencies from PyPI), then the run step uses that tcop-lint."""
    run = run_action(passing_repo, tmp_path, real_install=True)
    install = run.steps["install"]
    assert install.exit_code == 0, install.stderr
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.outputs["status"] == "pass"
    venv = tmp_path / "runner-temp" / "tcop-lint-venv"
    assert (venv / "bin" / "tcop-lint").is_file()


def test_pip_cache_is_keyed_on_the_actions_pyproject(passing_repo, tmp_path):
    run = run_action(passing_repo, tmp_path)
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()[:16]
    cache = run.steps["Cache pip downloads"]
    assert cache.ran
    assert cache.with_ == {
        "path": str(tmp_path / "runner-temp" / "tcop-lint-pip-cache"),
        "key": f"tcop-lint-pip-Linux-py{platform.python_version()}-{digest}",
    }
    install = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "install")
    assert install["env"]["PIP_CACHE_DIR"] == "${{ runner.temp }}/tcop-lint-pip-cache"
