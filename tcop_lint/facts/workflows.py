"""GitHub Actions workflows and actions: which files they are, the ``uses:`` references they
make, and which workflows call which (``uses: ./.github/workflows/x.yml``)."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.parsing import LineDict
from tcop_lint.repository import Repository

WORKFLOWS_FOLDER = ".github/workflows"
ACTION_FILES = ("action.yml", "action.yaml")

MISSING: Any = object()
"""What ``mapping.get("permissions", MISSING)`` gives when a workflow or job sets none."""


def workflow_files(repo: Repository) -> list[str]:
    """The workflow files GitHub runs: ``.github/workflows/*.yml`` and ``*.yaml``."""
    return [
        p
        for p in repo.in_directory(WORKFLOWS_FOLDER)
        if p.lower().endswith((".yml", ".yaml"))
    ]


def action_files(repo: Repository) -> list[str]:
    """Every ``action.yml``/``action.yaml`` outside vendored code."""
    return [p for p in repo.by_name(*ACTION_FILES) if not is_vendored(p)]


def uses_references(repo: Repository, path: str) -> Iterator[tuple[LineDict, str]]:
    """Every mapping with a string ``uses:`` and its value: a workflow's jobs and steps, or
    an action's ``runs.steps``."""
    data = repo.parsed(path, "yaml").data
    if not isinstance(data, dict):
        return
    if posixpath.basename(path).lower() in ACTION_FILES:
        runs = data.get("runs")
        step_lists = [runs.get("steps")] if isinstance(runs, dict) else []
    else:
        jobs = data.get("jobs")
        step_lists = []
        for job in jobs.values() if isinstance(jobs, dict) else ():
            if not isinstance(job, LineDict):
                continue
            if isinstance(job.get("uses"), str):
                yield job, job["uses"]
            step_lists.append(job.get("steps"))
    for steps in step_lists:
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, LineDict) and isinstance(step.get("uses"), str):
                yield step, step["uses"]


def remote_uses(repo: Repository, path: str) -> list[str]:
    """The ``uses:`` naming other repositories' actions or reusable workflows; not ``./``
    or ``docker://``."""
    return [
        uses
        for _, uses in uses_references(repo, path)
        if not uses.strip().startswith(("./", "docker://"))
    ]


def local_callers(
    repo: Repository, workflows: list[str]
) -> dict[str, list[tuple[str, bool]]]:
    """Reusable workflow -> (workflow calling it with ``uses: ./...``, whether that call
    restricts the token), for the calls in this repository."""
    callers: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for path in workflows:
        workflow = repo.parsed(path, "yaml").data
        if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
            continue
        top = workflow.get("permissions", MISSING)
        for job in workflow["jobs"].values():
            uses = job.get("uses") if isinstance(job, dict) else None
            if isinstance(uses, str) and uses.startswith("./.github/workflows/"):
                given = job.get("permissions", top)
                restricted = given is not MISSING and given != "write-all"
                callers[posixpath.normpath(uses)].append((path, restricted))
    return callers


def only_called(workflow: dict[Any, Any]) -> bool:
    """Whether ``workflow_call`` is the workflow's only trigger (YAML 1.1 reads on: as true)."""
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, dict):
        triggers = list(triggers)
    elif isinstance(triggers, str):
        triggers = [triggers]
    return triggers == ["workflow_call"]
