"""TC0606 workflow-permissions: every workflow sets least-privilege token permissions."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

from tcop_lint.facts.workflows import (
    MISSING,
    local_callers,
    only_called,
    workflow_files,
)
from tcop_lint.parsing import LineDict
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_PERMISSION_LEVELS = ("read-all", "write-all")


@rule(
    code="TC0606",
    name="workflow-permissions",
    topic="security",
    level="warning",
    summary="Every GitHub Actions workflow sets least-privilege permissions for its token.",
    rationale="""
Point 6 of the Code (make things secure) asks for least privilege. Without a `permissions:`
block a workflow's `GITHUB_TOKEN` gets the repository's default, which is often write access
to contents, packages and pull requests: one compromised step or dependency can then push code
or publish releases. Setting `permissions:` in every workflow (top level, or on every job)
keeps the token to what each workflow needs, whatever the repository default is.
""",
    remediation="""
Start every workflow with read-only permissions and widen them per job:

```yaml
permissions:
  contents: read

jobs:
  release:
    permissions:
      contents: write   # only this job can push tags
```

Never use `permissions: write-all`. A workflow triggered only by `workflow_call` runs with
the token its caller passes and can only narrow it, so it needs no block of its own when
every workflow here that calls it sets one.
""",
)
def workflow_permissions(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    workflows = workflow_files(repo)
    if not workflows:
        raise NotApplicable("no GitHub Actions workflows in .github/workflows")
    callers = local_callers(repo, workflows)
    for path in workflows:
        yield from _check_permissions(repo, path, callers.get(path, []))


def _check_permissions(
    repo: Repository, path: str, callers: list[tuple[str, bool]]
) -> Iterator[Finding | Evidence]:
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        yield Finding(
            f"{parsed.error}: fix the workflow so GitHub can run it",
            path,
            parsed.line or 1,
            id="unparsable-workflow",
        )
        return
    workflow = parsed.data
    if not isinstance(workflow, dict):
        yield Finding(
            "the workflow is not a YAML mapping with on and jobs keys: rewrite it as one so "
            "GitHub can run it",
            path,
            getattr(workflow, "line", 1),
            id="not-a-workflow",
        )
        return
    top = workflow.get("permissions", MISSING)
    problems = list(_permission_problems(workflow, top, path, "workflow"))
    yield from problems
    jobs = workflow.get("jobs")
    jobs = jobs if isinstance(jobs, dict) else {}
    without: list[str] = []
    for name, job in jobs.items():
        if not isinstance(job, dict):
            continue
        own = job.get("permissions", MISSING)
        if own is MISSING:
            without.append(str(name))
        else:
            yield from _permission_problems(job, own, path, f"job {name}")
    if (
        top is MISSING
        and without
        and callers
        and all(restricted for _, restricted in callers)
        and only_called(workflow)
    ):
        # a called workflow's token can only be narrowed from the one its caller gives it
        names = ", ".join(sorted({posixpath.basename(caller) for caller, _ in callers}))
        yield Evidence(path, f"permissions set by the workflows that call it ({names})")
    elif top is MISSING and (without or not jobs):
        which = f" (jobs without them: {', '.join(without)})" if jobs else ""
        yield Finding(
            "the workflow does not set permissions for its GITHUB_TOKEN"
            f"{which}: add permissions: {{contents: read}} at the top level, or set "
            "permissions on every job",
            path,
            1,
            id="missing-permissions",
        )
    elif not problems:
        where = "top level" if top is not MISSING else "every job"
        yield Evidence(path, f"permissions set ({where})")


def _permission_problems(
    owner: dict[Any, Any], value: Any, path: str, what: str
) -> Iterator[Finding]:
    if value is MISSING or isinstance(value, dict):
        return
    line = owner.line_of("permissions") if isinstance(owner, LineDict) else 1
    key = "workflow" if what == "workflow" else what.removeprefix("job ")
    if value == "write-all":
        yield Finding(
            f"the {what} sets permissions: write-all, giving its token every write scope: "
            "list only the scopes it needs, e.g. permissions: {contents: read}",
            path,
            line,
            id="write-all",
            key=key,
        )
    elif value not in _PERMISSION_LEVELS:
        yield Finding(
            f"the {what} sets permissions: {value!r}, which GitHub does not accept: use "
            "read-all or a map such as {contents: read}",
            path,
            line,
            id="invalid-permissions",
            key=key,
        )
