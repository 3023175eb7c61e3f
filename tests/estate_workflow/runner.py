"""Runs the jobs of ``.github/workflows/estate.yml`` the way the Actions runner would, as far
as this machine allows: each ``run:`` script with ``bash --noprofile --norc -eo pipefail``
and its ``env:`` evaluated from the contexts, real ``GITHUB_OUTPUT`` and
``GITHUB_STEP_SUMMARY`` files, a workspace per job, ``if:`` conditions evaluated.

``uses:`` steps are stood in for: checkout, setup-python and the install step by this
environment's tcop-lint (first on ``PATH``); upload-artifact and download-artifact by a
folder per artifact (hidden files left out unless ``include-hidden-files``, as the action
does); upload-pages-artifact is recorded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

WORKFLOW_FILE = (
    Path(__file__).resolve().parents[2] / ".github" / "workflows" / "estate.yml"
)
WORKFLOW = yaml.safe_load(WORKFLOW_FILE.read_text(encoding="utf-8"))
BIN = str(Path(sys.executable).parent)
EXPRESSION = re.compile(r"\$\{\{((?:(?!\}\}).)*)\}\}")
TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>&&|\|\||==|!=|!|\(|\))"
    r"|(?P<name>[A-Za-z_][\w.-]*))"
)


def evaluate(expr: str, context: dict[str, Any]) -> Any:
    """A GitHub expression: literals, contexts, ! == != && || (), cancelled(), fromJSON()."""
    tokens = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        match = TOKEN.match(expr, pos)
        assert match, f"cannot parse {expr[pos:]!r}"
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        pos = match.end()

    def take(expected: str | None = None) -> str:
        _, value = tokens.pop(0)
        assert expected is None or value == expected, (expected, value)
        return value

    def primary() -> Any:
        kind, value = tokens[0]
        take()
        if value == "(":
            result = either()
            take(")")
            return result
        if value == "!":
            return not truthy(primary())
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if value in ("true", "false"):
            return value == "true"
        if tokens and tokens[0][1] == "(":  # a function call
            take("(")
            argument = either() if tokens[0][1] != ")" else None
            take(")")
            return {"cancelled": lambda _: False, "fromJSON": json.loads}[value](
                argument
            )
        node: Any = context
        for part in value.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def comparison() -> Any:
        left = primary()
        while tokens and tokens[0][1] in ("==", "!="):
            op = take()
            equal = as_text(left).lower() == as_text(primary()).lower()
            left = equal if op == "==" else not equal
        return left

    def both() -> Any:
        left = comparison()
        while tokens and tokens[0][1] == "&&":
            take()
            right = comparison()
            left = right if truthy(left) else left
        return left

    def either() -> Any:
        left = both()
        while tokens and tokens[0][1] == "||":
            take()
            right = both()
            left = left if truthy(left) else right
        return left

    result = either()
    assert not tokens, f"trailing tokens in {expr!r}"
    return result


def truthy(value: Any) -> bool:
    return value not in (None, False, "", 0)


def interpolate(value: Any, context: dict[str, Any]) -> Any:
    """A YAML value with ``${{ }}`` expressions: a lone expression keeps its type."""
    if not isinstance(value, str):
        return value
    lone = EXPRESSION.fullmatch(value.strip())
    if lone:
        return evaluate(lone.group(1), context)
    return EXPRESSION.sub(lambda m: as_text(evaluate(m.group(1), context)), value)


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def read_outputs(path: Path) -> dict[str, str]:
    """A $GITHUB_OUTPUT file as the runner reads it (name=value and name<<delimiter)."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    while lines:
        line = lines.pop(0)
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter)
            outputs[name] = "\n".join(lines[:end])
            del lines[: end + 1]
        else:
            name, _, value = line.partition("=")
            outputs[name] = value
    return outputs


@dataclass
class Step:
    name: str
    outcome: str  # success, failure, skipped, stood-in
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Job:
    result: str
    outputs: dict[str, str]
    steps: list[Step]
    summary: str
    workspace: Path


@dataclass
class Runner:
    """One workflow run: its inputs, secrets, environment and artifact store."""

    root: Path
    inputs: dict[str, Any]
    secrets: dict[str, str]
    env: dict[str, str]
    pages: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        defaults = {
            name: spec.get("default")
            for name, spec in WORKFLOW[True]["workflow_call"]["inputs"].items()
        }
        self.inputs = {**defaults, **self.inputs}
        self.artifacts = self.root / "artifacts"
        self.artifacts.mkdir(parents=True, exist_ok=True)

    def job_if(self, job_id: str, needs: dict[str, Any]) -> bool:
        condition = WORKFLOW["jobs"][job_id].get("if")
        return condition is None or truthy(
            evaluate(condition, self.context(needs=needs))
        )

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "secrets": self.secrets,
            "github": {"token": self.env.get("GITHUB_CALLER_TOKEN", "caller-token")},
            "job": {
                "workflow_repository": "example/tcop-lint",
                "workflow_sha": "0" * 40,
            },
            **extra,
        }

    def matrix(self, job_id: str, needs: dict[str, Any]) -> list[dict[str, Any]]:
        spec = WORKFLOW["jobs"][job_id]["strategy"]["matrix"]
        values = {k: interpolate(v, self.context(needs=needs)) for k, v in spec.items()}
        ((key, items),) = values.items()
        return [{key: item} for item in items]

    def run_job(
        self, job_id: str, needs: dict[str, Any], matrix: dict | None = None
    ) -> Job:
        spec = WORKFLOW["jobs"][job_id]
        name = f"{job_id}-{'-'.join(map(str, matrix.values()))}" if matrix else job_id
        workspace = self.root / "work" / name
        workspace.mkdir(parents=True)
        temp = self.root / "temp" / name
        temp.mkdir(parents=True)
        summary = temp / "summary.md"
        steps_context: dict[str, Any] = {}
        steps: list[Step] = []
        failed = False
        for number, step in enumerate(spec["steps"]):
            context = self.context(
                needs=needs, matrix=matrix or {}, steps=steps_context
            )
            label = step.get("name") or step.get("uses", "")
            condition = step.get("if")
            if failed or (
                condition is not None and not truthy(evaluate(condition, context))
            ):
                steps.append(Step(label, "skipped"))
                continue
            if "uses" in step:
                self.stand_in(step, context, workspace)
                steps.append(Step(label, "stood-in"))
                continue
            if "pip install" in step["run"]:
                assert step["run"].rstrip().endswith("./tcop-lint-source"), step["run"]
                steps.append(Step(label, "stood-in"))
                continue
            output = temp / f"output-{number}"
            output.touch()
            env = {
                **self.env,
                "PATH": BIN + os.pathsep + os.environ["PATH"],
                "HOME": os.environ.get("HOME", str(self.root)),
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
                "RUNNER_TEMP": str(temp),
                "GITHUB_WORKSPACE": str(workspace),
                **{
                    k: as_text(interpolate(v, context))
                    for k, v in step.get("env", {}).items()
                },
            }
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=workspace, env=env, capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            outputs = read_outputs(output)
            if "id" in step:
                steps_context[step["id"]] = {"outputs": outputs}
            failed = result.returncode != 0
            steps.append(
                Step(
                    label,
                    "failure" if failed else "success",
                    result.returncode,
                    result.stdout,
                    result.stderr,
                    outputs,
                )
            )
        context = self.context(needs=needs, steps=steps_context)
        outputs = {
            k: as_text(interpolate(v, context))
            for k, v in spec.get("outputs", {}).items()
        }
        text = summary.read_text(encoding="utf-8") if summary.exists() else ""
        return Job("failure" if failed else "success", outputs, steps, text, workspace)

    def stand_in(
        self, step: dict[str, Any], context: dict[str, Any], workspace: Path
    ) -> None:
        uses = step["uses"].split("@")[0]
        given = {
            k: as_text(interpolate(v, context)) for k, v in step.get("with", {}).items()
        }
        if uses == "actions/upload-artifact":
            target = self.artifacts / given["name"]
            assert given.get("overwrite") == "true" or not target.exists()
            shutil.rmtree(target, ignore_errors=True)
            source = workspace / given["path"]
            hidden = given.get("include-hidden-files") == "true"
            files = (
                [source]
                if source.is_file()
                else [p for p in source.rglob("*") if p.is_file()]
            )
            base = source.parent if source.is_file() else source
            kept = [
                f
                for f in files
                if hidden
                or not any(part.startswith(".") for part in f.relative_to(base).parts)
            ]
            if not kept and given.get("if-no-files-found") == "error":
                raise AssertionError(f"upload-artifact {given['name']}: no files found")
            for file in kept:
                copy = target / file.relative_to(base)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, copy)
        elif uses == "actions/download-artifact":
            destination = workspace / given.get("path", ".")
            if "name" in given:
                chosen = [(self.artifacts / given["name"], destination)]
            else:
                chosen = [
                    (
                        a,
                        destination
                        if given.get("merge-multiple") == "true"
                        else destination / a.name,
                    )
                    for a in sorted(self.artifacts.iterdir())
                    if fnmatchcase(a.name, given["pattern"])
                ]
            for artifact, target in chosen:
                assert artifact.is_dir(), f"no artifact {artifact.name}"
                shutil.copytree(artifact, target, dirs_exist_ok=True)
        elif uses == "actions/upload-pages-artifact":
            self.pages.append(workspace / given["path"])
        else:
            assert uses in ("actions/checkout", "actions/setup-python"), uses
