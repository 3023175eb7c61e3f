"""The composite action (``action.yml``), run the way the runner runs it.

A small runner parses ``action.yml``, evaluates the ``${{ }}`` expressions of each step's
``env:``, ``if:`` and the action's ``outputs:``, and runs each ``run:`` script with
``bash --noprofile --norc -eo pipefail`` (the runner's ``shell: bash``), with real
``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` files, against real git repositories in tmp dirs.

``uses:`` steps are not run: setup-python is stood in for by this interpreter (its outputs
``python-path`` and ``python-version``), the cache and the SARIF upload are recorded with their
evaluated ``if:`` and ``with:``. The install step would ``pip install`` tcop-lint and its
dependencies from PyPI, so the tests stand it in with this environment's tcop-lint (its outputs
``python`` and ``tcop-lint``), except ``test_install_step_installs_from_the_lock_file``,
which runs it for real. ``GITHUB_API_URL`` points at a local HTTP server when a test gives one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from action.fake_github import HUMAN, FakeGitHub, pr_event
from conftest import git, make_git_repo, write_files
from sarif_check import assert_valid_sarif

from tcop_lint.registry import builtin_rules, index
from tcop_lint.report.sarif import REPOSITORY_ANCHOR

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
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: dict[str, StepRun]
    outputs: dict[str, str]
    summary: str
    workspace: Path
    temp: Path

    @property
    def lint(self) -> StepRun:
        return self.steps["lint"]

    @property
    def upload(self) -> StepRun:
        return self.steps["upload"]

    def outputs_of(self, step_id: str) -> dict[str, str]:
        return self.steps[step_id].outputs

    def report_outputs(self) -> dict[str, str]:
        """The outputs, less the two report paths, which are checked here: files in a
        folder of their own in the runner's temporary folder."""
        outputs = dict(self.outputs)
        json_file, markdown_file = (
            outputs.pop("json-file"),
            outputs.pop("markdown-file"),
        )
        folder = Path(json_file).parent
        assert folder.parent == self.temp, json_file
        assert folder.name.startswith("tcop-lint.")
        assert Path(json_file) == folder / "report.json"
        assert Path(markdown_file) == folder / "summary.md"
        return outputs

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
    api_url: str = "http://127.0.0.1:9/unused",
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
    event_file = files / "event.json"
    event_file.write_text(json.dumps(event or {}), encoding="utf-8")
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
        GITHUB_EVENT_PATH=str(event_file),
        GITHUB_REPOSITORY="example/service",
        GITHUB_API_URL=api_url,
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
            cwd=substitute(step.get("working-directory", str(workspace)), context),
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        step_outputs = parse_output_file(output_file)
        steps[step_id] = StepRun(
            name,
            True,
            result.returncode,
            result.stdout,
            result.stderr,
            {},
            step_outputs,
        )
        context["steps"][step_id] = {"outputs": step_outputs}
        summaries.append(summary_file.read_text(encoding="utf-8"))
        failed = failed or result.returncode != 0
    outputs = {
        name: substitute(spec["value"], context)
        for name, spec in ACTION["outputs"].items()
    }
    return ActionRun(steps, outputs, "".join(summaries), workspace, temp)


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
    assert run.report_outputs() == {
        "status": "fail",
        "sarif-file": "tcop-lint.sarif",
        "errors": "1",
        "warnings": "0",
        "notes": "0",
    }
    # annotations from the same run, before the text report (a finding about the
    # repository as a whole may or may not name README.md)
    first = run.lint.stdout.splitlines()[0]
    assert re.fullmatch(
        r"::error (file=README\.md,)?title=TC0901 continuous-integration::(.*)", first
    ), first
    assert first.endswith("::" + NO_CI_MESSAGE)
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
    assert run.report_outputs() == {
        "status": "pass",
        "sarif-file": "tcop-lint.sarif",
        "errors": "0",
        "warnings": "0",
        "notes": "0",
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
        "notes": "",
        "json-file": "",
        "markdown-file": "",
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


def _run_lint_step_with_probe(
    inputs: dict[str, str], fake: Path, probe: Path, repo: Path, tmp_path: Path
) -> None:
    """Run the Action's lint step, as the runner would, with ``fake`` standing in for
    tcop-lint (it writes what it was given to ``probe/seen``)."""
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "lint")
    context = {
        "inputs": {
            name: spec.get("default", "") for name, spec in ACTION["inputs"].items()
        }
        | inputs,
        "steps": {
            "install": {"outputs": {"tcop-lint": str(fake), "python": sys.executable}}
        },
        "github": {"token": "ghs_test-token"},
    }
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "TCOP_"))
    }
    env.update({k: substitute(str(v), context) for k, v in step["env"].items()})
    output = tmp_path / "out"
    output.touch()
    env.update(
        PROBE=str(probe / "seen"), RUNNER_TEMP=str(tmp_path), GITHUB_OUTPUT=str(output)
    )
    script = tmp_path / "lint.sh"
    script.write_text(step["run"], encoding="utf-8")
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def test_online_inputs_become_flags(failing_repo, tmp_path):
    """online false is --offline (the config cannot decide); allow-private-hosts adds its flag."""
    probe = tmp_path / "probe"
    probe.mkdir()
    fake = probe / "tcop-lint"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$*" > "$PROBE"\n')
    fake.chmod(0o755)
    for inputs, flags in (
        ({}, {"--offline"}),
        ({"online": "true"}, {"--online"}),
        (
            {"online": "true", "allow-private-hosts": "true"},
            {"--online", "--allow-private-hosts"},
        ),
    ):
        _run_lint_step_with_probe(inputs, fake, probe, failing_repo, tmp_path)
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


STUB_README = (
    "README is a stub (under 50 words of text): say what the project is for, how to "
)


def test_path_profile_and_config_inputs(tmp_path):
    """A folder of a monorepo: TC0801 finds its README a stub, at line 1 of that file."""
    workspace = make_git_repo(
        tmp_path / "mono",
        {
            "README.md": "# mono\n",
            "services/api/README.md": "# api\n",
            "services/api/.tcop-lint.yml": only("TC0801"),
            "ci/tcop.yml": only("TC0801", profile="bc"),
        },
    )
    run = run_action(
        workspace,
        tmp_path,
        {
            "path": "services/api",
            "config": "ci/tcop.yml",
            "sarif-file": "out/api.sarif",
            "fail-on": "warning",
        },
    )
    assert run.lint.exit_code == 1, run.lint.stderr
    # annotation paths are relative to the workspace, not to the checked directory
    assert run.lint.stdout.startswith(
        "::warning file=services/api/README.md,line=1,"
    ), run.lint.stdout
    assert run.outputs["sarif-file"] == "out/api.sarif"
    sarif = run.sarif()
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["automationDetails"] == {"id": "tcop-lint/bc/"}
    # and so are the SARIF URIs, against the workspace
    [result] = sarif["runs"][0]["results"]
    assert result["message"]["text"].startswith(STUB_README)
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "services/api/README.md", "uriBaseId": "%SRCROOT%"}
    assert sarif["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": workspace.resolve().as_uri() + "/"}
    }
    run = run_action(workspace, tmp_path, {"path": "services/api", "profile": "uk"})
    assert run.sarif()["runs"][0]["automationDetails"] == {"id": "tcop-lint/uk/"}


def test_a_finding_about_the_whole_folder_keeps_its_anchor(tmp_path):
    """No CI in a monorepo folder: the SARIF location is the 'no file' anchor code scanning
    shows as text, never prefixed with the folder as if it were a file in it."""
    workspace = make_git_repo(
        tmp_path / "mono",
        {
            "README.md": "# mono\n",
            "services/api/README.md": "# api\n",
            "services/api/.tcop-lint.yml": only("TC0901"),
        },
    )
    run = run_action(workspace, tmp_path, {"path": "services/api"})
    assert run.lint.exit_code == 1, run.lint.stderr
    [result] = run.sarif()["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": REPOSITORY_ANCHOR, "uriBaseId": "%SRCROOT%"}


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
        _run_lint_step_with_probe(
            {"online": online}, fake, probe, failing_repo, tmp_path
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


PLUGIN_SOURCE = """\
from tcop_lint.plugin import Finding, rule


@rule(code="DEPT0101", name="department-rule", topic="share-reuse", level="warning",
      summary="The department's own rule ran.", rationale="A test plugin.",
      remediation="Nothing to do.")
def department_rule(repo, options):
    yield Finding("the department's rule ran", id="department-rule-ran")
"""


def make_plugin_wheel(folder: Path) -> Path:
    """A wheel of an organisation's rule package (a `tcop_lint.rules` entry point), built
    by hand so installing it needs no build backend and no index."""
    info = "dept_rules-1.0.dist-info"
    files = {
        "dept_rules/__init__.py": PLUGIN_SOURCE,
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: dept-rules\nVersion: 1.0\n",
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: tcop-lint-tests\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n"
        ),
        f"{info}/entry_points.txt": "[tcop_lint.rules]\ndept = dept_rules\n",
    }
    record = []
    for name, text in files.items():
        data = text.encode("utf-8")
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        record.append(f"{name},sha256={digest.decode()},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    wheel = folder / "dept_rules-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


def lock_pins() -> dict[str, str]:
    text = (REPO / "requirements" / "action.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\$", text, re.MULTILINE)
    return {canonical(name): version for name, version in pins}


def canonical(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_install_step_installs_from_the_lock_file(passing_repo, tmp_path):
    """The real install steps: a venv from setup-python's interpreter, the lock file's
    dependencies (hashes checked) from PyPI, tcop-lint from the action's checkout, and a
    plugin package; then the lint step runs that tcop-lint, plugin rule included."""
    wheel = make_plugin_wheel(tmp_path)
    run = run_action(
        passing_repo,
        tmp_path,
        {"plugin-packages": f"# the department's rules\n{wheel}\n"},
        real_install=True,
    )
    install = run.steps["install"]
    assert install.exit_code == 0, install.stdout + install.stderr
    assert "pip install --require-hashes --requirement " in install.stdout
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.report_outputs()["status"] == "warn"
    assert run.outputs["warnings"] == "1"
    assert "the department's rule ran" in run.summary
    venv = tmp_path / "runner-temp" / "tcop-lint-venv"
    assert run.outputs_of("install") == {
        "python": str(venv / "bin" / "python"),
        "tcop-lint": str(venv / "bin" / "tcop-lint"),
    }
    listed = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    )
    installed = {canonical(p["name"]): p["version"] for p in json.loads(listed.stdout)}
    # exactly the lock's versions, beside tcop-lint, the plugin and pip itself
    assert installed.pop("tcop-lint") == "0.1.0"
    assert installed.pop("dept-rules") == "1.0"
    installed.pop("pip")
    assert installed == lock_pins()


def test_a_broken_install_is_one_error_line(passing_repo, tmp_path):
    """The virtualenv cannot be made (a file holds its place): the step fails with one line
    saying which command failed, and nothing after it runs."""
    (tmp_path / "runner-temp").mkdir()
    (tmp_path / "runner-temp" / "tcop-lint-venv").write_text("not a folder\n")
    run = run_action(passing_repo, tmp_path, real_install=True)
    install = run.steps["install"]
    assert install.exit_code == 1
    assert install.stdout == (
        "::error title=tcop-lint::installing tcop-lint failed (exit code 1): -m venv "
        f"{tmp_path / 'runner-temp' / 'tcop-lint-venv'}\n"
    )
    assert not run.lint.ran
    assert run.outputs["status"] == ""


@pytest.mark.parametrize("plugins", ["", "dept-rules==1.0\n"])
def test_pip_cache_is_keyed_on_the_lock_file_and_plugins(
    passing_repo, tmp_path, plugins
):
    run = run_action(passing_repo, tmp_path, {"plugin-packages": plugins})
    digest = hashlib.sha256(
        (REPO / "requirements" / "action.lock").read_bytes()
        + b"\0"
        + plugins.encode("utf-8")
    ).hexdigest()[:16]
    cache = run.steps["Cache pip downloads"]
    assert cache.ran
    assert cache.with_ == {
        "path": str(tmp_path / "runner-temp" / "tcop-lint-pip-cache"),
        "key": f"tcop-lint-pip-Linux-py{platform.python_version()}-{digest}",
    }
    install = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "install")
    assert install["env"]["PIP_CACHE_DIR"] == "${{ runner.temp }}/tcop-lint-pip-cache"


# -- the inputs added for issue 17 -------------------------------------------------------------

EXEMPT_CI = """\
exemptions:
  - rule: TC0901
    reason: Built by the department's Jenkins, outside this repository
    expires: 2099-12-31
"""


def test_exempt_findings_stay_out_of_the_uploaded_sarif(tmp_path):
    """Code scanning ignores SARIF suppressions: the uploaded SARIF and the annotations leave
    an exempt finding out; the JSON and Markdown reports keep it, with its reason."""
    workspace = make_git_repo(
        tmp_path / "exempt",
        {"README.md": "# service\n", ".tcop-lint.yml": only("TC0901") + EXEMPT_CI},
    )
    run = run_action(workspace, tmp_path)
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.report_outputs() == {
        "status": "pass",
        "sarif-file": "tcop-lint.sarif",
        "errors": "0",
        "warnings": "0",
        "notes": "0",
    }
    sarif = run.sarif()
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["results"] == []
    assert not re.search(r"^::(error|warning|notice) ", run.lint.stdout, re.MULTILINE)
    report = json.loads(Path(run.outputs["json-file"]).read_text(encoding="utf-8"))
    [finding] = [f for rule in report["rules"] for f in rule["findings"]]
    assert finding["message"].startswith("no CI configuration found (looked for ")
    assert finding["suppression"]["reason"] == (
        "Built by the department's Jenkins, outside this repository"
    )
    markdown = Path(run.outputs["markdown-file"]).read_text(encoding="utf-8")
    assert markdown == run.summary
    assert "Built by the department" in markdown


def test_notes_output_counts_note_level_findings(tmp_path):
    workspace = make_git_repo(
        tmp_path / "notes",
        {"README.md": "# service\n", ".tcop-lint.yml": only("TC0802", "TC0803")},
    )
    run = run_action(workspace, tmp_path, {"fail-on": "warning"})
    assert run.lint.exit_code == 0, run.lint.stderr
    assert run.report_outputs() == {
        "status": "warn",
        "sarif-file": "tcop-lint.sarif",
        "errors": "0",
        "warnings": "0",
        "notes": "2",
    }


def test_args_input_is_split_like_a_shell_but_never_run(failing_repo, tmp_path):
    """Quoted words stay whole, and `$(...)`, backquotes and `;` are plain text."""
    run = run_action(
        failing_repo,
        tmp_path,
        {"args": "--select 'TC0901' --ignore \"$(touch pwned)\";touch\\ pwned2 -q"},
    )
    # `$(touch pwned)";touch pwned2` is one word: the name of a rule to ignore, which
    # matches none, so tcop-lint refuses it (exit 2) and the word is shown as given
    assert run.lint.exit_code == 2, run.lint.stdout
    assert "$(touch pwned);touch pwned2" in run.lint.stderr
    assert not list(failing_repo.glob("pwned*"))
    assert not list(tmp_path.glob("**/pwned*"))
    run = run_action(failing_repo, tmp_path, {"args": "--select 'TC0901' -q"})
    assert run.lint.exit_code == 1, run.lint.stderr
    assert run.outputs["errors"] == "1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            "--format text",
            (
                "the args input must not contain --format: the action writes its own "
                "reports (see its outputs)"
            ),
        ),
        ("--online", "the args input must not contain --online: use the online input"),
        (
            "-q --allow-plugins",
            "the args input must not contain --allow-plugins: use the allow-plugins input",
        ),
        (
            "--fail-on=never",
            "the args input must not contain --fail-on: use the fail-on input",
        ),
        ("--select 'TC09", "the args input cannot be split: No closing quotation"),
    ],
)
def test_args_input_refuses_what_other_inputs_decide(
    failing_repo, tmp_path, args, message
):
    run = run_action(failing_repo, tmp_path, {"args": args})
    assert run.lint.exit_code == 2
    assert run.lint.stdout == f"::error title=tcop-lint::{message}\n"
    assert run.outputs["status"] == "error"
    assert not run.upload.ran


@pytest.mark.parametrize("name", ["allow-plugins", "comment", "upload-sarif"])
def test_a_switch_input_is_true_or_false(failing_repo, tmp_path, name):
    run = run_action(failing_repo, tmp_path, {name: "yes"})
    assert run.lint.exit_code == 2
    assert run.lint.stdout == (
        f"::error title=tcop-lint::the {name} input must be true or false\n"
    )


def test_allow_plugins_and_args_reach_the_command_line(failing_repo, tmp_path):
    """The exact command line the lint step gives tcop-lint (a stand-in that records it)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    fake = probe / "tcop-lint"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$PROBE"\n')
    fake.chmod(0o755)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "lint")
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    inputs |= {"allow-plugins": "true", "args": "--select TC09 --rule-time-limit '30'"}
    context = {
        "inputs": inputs,
        "steps": {
            "install": {"outputs": {"tcop-lint": str(fake), "python": sys.executable}}
        },
        "github": {"token": "ghs_test-token"},
    }
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "TCOP_"))
    }
    env.update({k: substitute(str(v), context) for k, v in step["env"].items()})
    env.update(PROBE=str(probe / "seen"), RUNNER_TEMP=str(tmp_path))
    script = tmp_path / "lint.sh"
    script.write_text(step["run"], encoding="utf-8")
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=failing_repo,
        env=env,
        check=True,
        capture_output=True,
    )
    argv = (probe / "seen").read_text().splitlines()
    [work] = list(tmp_path.glob("tcop-lint.*"))
    assert argv == [
        "check",
        "--fail-on",
        "error",
        "--offline",
        "--allow-plugins",
        "--select",
        "TC09",
        "--rule-time-limit",
        "30",
        "--omit-suppressed",
        "--format",
        "github",
        "--format",
        "sarif:tcop-lint.sarif",
        "--format",
        f"json:{work / 'report.json'}",
        "--format",
        f"markdown:{work / 'summary.md'}",
        "--format",
        f"text:{work / 'report.txt'}",
        "--",
        ".",
    ]


def test_a_tcop_lint_module_in_the_workspace_is_never_imported(failing_repo, tmp_path):
    """The lint step runs `python -I -m tcop_lint.action.lint` in the workspace: a pull
    request that adds its own tcop_lint package there must not have it run."""
    planted = failing_repo / "tcop_lint" / "action"
    planted.mkdir(parents=True)
    for name in ("__init__.py", "../__init__.py", "lint.py", "comment.py"):
        (planted / name).write_text(
            f"import pathlib\npathlib.Path({str(tmp_path / 'planted-ran')!r}).touch()\n"
        )
    run = run_action(failing_repo, tmp_path)
    assert run.lint.exit_code == 1, run.lint.stderr
    assert run.outputs["errors"] == "1"
    assert not (tmp_path / "planted-ran").exists()


# -- the sticky pull-request comment -------------------------------------------------------


def test_comment_is_created_then_updated_in_place(
    failing_repo, tmp_path, httpserver_ipv4
):
    github = FakeGitHub(httpserver_ipv4)
    github.add("LGTM", user=HUMAN)
    pr = {"event_name": "pull_request", "event": pr_event(), "api_url": github.url}
    first = run_action(failing_repo, tmp_path, {"comment": "true"}, **pr)
    assert first.lint.exit_code == 1
    comment_step = first.steps["comment"]
    assert comment_step.exit_code == 0, comment_step.stderr
    assert comment_step.stdout == (
        "tcop-lint: created the pull-request comment "
        "https://github.example/example/service/pull/7#c2\n"
    )
    assert [c["user"]["type"] for c in github.comments] == ["User", "Bot"]
    body = github.comments[1]["body"]
    assert body == "<!-- tcop-lint:comment:. -->\n" + first.summary
    assert body.startswith("<!-- tcop-lint:comment:. -->\n## tcop-lint: ❌ fail\n")
    assert github.tokens == {"Bearer ghs_test-token"}

    # the next push adds CI: the same comment now says pass
    write_files(failing_repo, {".github/workflows/ci.yml": CI_WORKFLOW})
    second = run_action(failing_repo, tmp_path, {"comment": "true"}, **pr)
    assert second.lint.exit_code == 0
    assert second.steps["comment"].stdout == (
        "tcop-lint: updated the pull-request comment "
        "https://github.example/example/service/pull/7#c2\n"
    )
    assert len(github.comments) == 2
    assert github.comments[1]["body"].startswith(
        "<!-- tcop-lint:comment:. -->\n## tcop-lint: ✅ pass\n"
    )
    assert github.calls == [
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100"),
        ("POST", "/api/v3/repos/example/service/issues/7/comments"),
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100"),
        ("PATCH", "/api/v3/repos/example/service/issues/comments/1002"),
    ]


@pytest.mark.parametrize(
    ("event_name", "event", "notice"),
    [
        (
            "pull_request",
            pr_event(head="someone/fork"),
            (
                "the pull request comes from a fork (someone/fork), whose token cannot "
                "comment; the job summary has the report"
            ),
        ),
        (
            "push",
            {},
            "this run is for a push event, not a pull request",
        ),
    ],
    ids=["fork", "push"],
)
def test_comment_is_skipped_with_a_notice(
    failing_repo, tmp_path, httpserver_ipv4, event_name, event, notice
):
    github = FakeGitHub(httpserver_ipv4)
    run = run_action(
        failing_repo,
        tmp_path,
        {"comment": "true"},
        event_name=event_name,
        event=event,
        api_url=github.url,
    )
    step = run.steps["comment"]
    assert step.exit_code == 0
    assert step.stdout == (
        f"::notice title=tcop-lint::pull-request comment skipped: {notice}\n"
    )
    assert github.calls == []


def test_comment_forbidden_is_a_warning_not_a_failure(
    failing_repo, tmp_path, httpserver_ipv4
):
    """No `pull-requests: write`: GitHub answers 403; the step warns and stays green."""
    github = FakeGitHub(httpserver_ipv4, status=403)
    run = run_action(
        passing_repo_for(failing_repo),
        tmp_path,
        {"comment": "true"},
        event_name="pull_request",
        event=pr_event(),
        api_url=github.url,
    )
    assert run.lint.exit_code == 0
    step = run.steps["comment"]
    assert step.exit_code == 0
    assert step.stdout == (
        "::warning title=tcop-lint::could not write the pull-request comment: GitHub "
        "answered 403 (Resource not accessible by integration); the job needs "
        "`permissions: pull-requests: write` for the comment\n"
    )
    assert github.calls == [
        ("GET", "/api/v3/repos/example/service/issues/7/comments?per_page=100")
    ]


def passing_repo_for(repo: Path) -> Path:
    """``repo`` with a CI workflow committed: TC0901 passes."""
    write_files(repo, {".github/workflows/ci.yml": CI_WORKFLOW})
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "CI")
    return repo


def test_no_comment_unless_asked(failing_repo, tmp_path, httpserver_ipv4):
    github = FakeGitHub(httpserver_ipv4)
    run = run_action(
        failing_repo,
        tmp_path,
        event_name="pull_request",
        event=pr_event(),
        api_url=github.url,
    )
    assert not run.steps["comment"].ran
    assert github.calls == []


def test_no_comment_when_tcop_lint_could_not_run(
    failing_repo, tmp_path, httpserver_ipv4
):
    github = FakeGitHub(httpserver_ipv4)
    run = run_action(
        failing_repo,
        tmp_path,
        {"comment": "true", "profile": "fr"},
        event_name="pull_request",
        event=pr_event(),
        api_url=github.url,
    )
    assert run.lint.exit_code == 2
    assert not run.steps["comment"].ran
    assert github.calls == []
