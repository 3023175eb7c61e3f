"""The action's lint step: ``python -m tcop_lint.action.lint``.

One tcop-lint run writes everything: annotations to the log, the SARIF report for code
scanning (exempt findings left out), and the full JSON, Markdown and text reports. Then the
step's outputs come from the JSON report, the SARIF gets its category and repository-relative
paths, the Markdown becomes the job summary, and the text report is printed fenced off from
workflow commands. The exit code is tcop-lint's (2 for a bad input).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tcop_lint.action import workflow_commands
from tcop_lint.action.arguments import InputProblem, Reports, command_line, flag, value
from tcop_lint.report import write_atomically
from tcop_lint.report.sarif import REPOSITORY_ANCHOR

SUMMARY_LIMIT = 1_000_000  # GitHub refuses a step summary over 1 MiB
SUMMARY_NOTE = (
    "\n_Summary truncated at GitHub's size limit: the SARIF and JSON reports have every "
    "finding._\n"
)
EXIT_USAGE = 2


def main(env: Mapping[str, str] = os.environ) -> int:
    work = Path(tempfile.mkdtemp(prefix="tcop-lint.", dir=env.get("RUNNER_TEMP")))
    reports = Reports.in_folder(work)
    sarif = value(env, "sarif-file")
    try:
        argv = command_line(env, sarif, reports)
    except InputProblem as problem:
        workflow_commands.emit("error", str(problem))
        workflow_commands.write_outputs({"status": "error"})
        return EXIT_USAGE
    code = subprocess.run(
        [env["TCOP_LINT"], *argv], env=_tool_environment(env), check=False
    ).returncode
    outputs = counts(reports.json)
    if Path(sarif).is_file():
        prepare_for_code_scanning(
            Path(sarif),
            value(env, "category").strip(),
            Path(value(env, "path") or "."),
            Path(env.get("GITHUB_WORKSPACE") or "."),
        )
        outputs["sarif-file"] = sarif
    if reports.json.is_file():
        outputs["json-file"] = str(reports.json)
    if reports.markdown.is_file():
        outputs["markdown-file"] = str(reports.markdown)
        markdown = reports.markdown.read_text(encoding="utf-8")
        workflow_commands.append_summary(
            workflow_commands.trim(markdown, SUMMARY_LIMIT, SUMMARY_NOTE, _utf8_size)
        )
    workflow_commands.write_outputs(outputs)
    if reports.text.is_file():
        workflow_commands.print_fenced(reports.text.read_text(encoding="utf-8"))
    return code


def _tool_environment(env: Mapping[str, str]) -> dict[str, str]:
    """tcop-lint's environment: the workflow's token only when the online input is true
    (rules then call the code host's API with it), and never under its action-only name."""
    tool_env = {
        k: v for k, v in env.items() if k not in ("TCOP_GITHUB_TOKEN", "GITHUB_TOKEN")
    }
    if flag(env, "online") and env.get("TCOP_GITHUB_TOKEN"):
        tool_env["GITHUB_TOKEN"] = env["TCOP_GITHUB_TOKEN"]
    sys.stdout.flush()  # the annotations tcop-lint prints come after anything printed here
    return tool_env


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def counts(json_report: Path) -> dict[str, str]:
    """``status`` and the counts of findings per level, exempt findings not counted;
    ``status`` is ``error`` when tcop-lint wrote no report (it could not run)."""
    if not json_report.is_file():
        return {"status": "error"}
    data = json.loads(json_report.read_text(encoding="utf-8"))
    levels = [
        finding["level"]
        for rule in data["rules"]
        for finding in rule["findings"]
        if not finding.get("suppression")
    ]
    return {
        "status": data["status"],
        "errors": str(levels.count("error")),
        "warnings": str(levels.count("warning")),
        "notes": str(levels.count("note")),
    }


def prepare_for_code_scanning(
    sarif: Path, category: str, checked: Path, workspace: Path
) -> None:
    """Name the analysis (``category``) and make artifact URIs relative to the repository
    root, which is how code scanning reads them, when a folder inside the workspace was
    checked."""
    workspace = workspace.resolve()
    checked = checked.resolve()
    prefix = ""
    if checked != workspace and checked.is_relative_to(workspace):
        prefix = urllib.parse.quote(checked.relative_to(workspace).as_posix(), safe="/")
    if not (category or prefix):
        return
    log: dict[str, Any] = json.loads(sarif.read_text(encoding="utf-8"))
    for run in log["runs"]:
        if category:
            run["automationDetails"] = {"id": category.rstrip("/") + "/"}
        if prefix:
            run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": workspace.as_uri() + "/"}}
            for result in run.get("results", []):
                for location in result.get("locations", []):
                    artifact = location["physicalLocation"]["artifactLocation"]
                    uri = artifact["uri"]
                    if (
                        uri != REPOSITORY_ANCHOR
                    ):  # a finding about no file in particular
                        artifact["uri"] = prefix if uri == "." else f"{prefix}/{uri}"
    write_atomically(sarif, json.dumps(log, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
