"""One shard of the estate workflow: clone each repository shallowly, check it, record it.

Each repository ends as exactly one file ``REPORTS/<name>.json``: tcop-lint's JSON report, or,
when the clone or the check failed, a failure record (:func:`failure_record`) that says which
step failed and why, so the estate shows the repository as not assessed instead of leaving it
out. ``fill-missing`` writes failure records for the repositories of a shard job that never
reported (a cancelled or crashed runner).

The token reaches git through ``GIT_CONFIG_*`` environment variables for the clone command
only (an ``http.<server>/.extraheader``, as actions/checkout sends it), so it is never written
to ``.git/config``, never on a command line, and never given to tcop-lint, which runs with
no token at all. Git LFS content is not fetched, submodules are not cloned, and each clone
is deleted once checked so a shard of large repositories fits on a runner's disk.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

from tcop_lint import __version__
from tcop_lint.estate.github_org import Listing, Repository

FAILURE_KIND = "tcop-lint-estate-failure"
CLONE_SECONDS = 600
CHECK_SECONDS = 900
_TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN", "TCOP_LINT_GITHUB_TOKEN")


class Outcome(NamedTuple):
    repository: str
    status: str  # the report's overall status, or "error"
    detail: str  # why it failed; empty on success
    seconds: float


def failure_record(repo: Repository, stage: str, message: str) -> dict[str, Any]:
    """What the estate merge reads for a repository that has no report."""
    return {
        "kind": FAILURE_KIND,
        "schema_version": 1,
        "tool": {"name": "tcop-lint", "version": __version__},
        "repository": repo.full_name,
        "status": "error",
        "stage": stage,
        "message": message,
    }


def clone_environment(server_url: str, token: str | None) -> dict[str, str]:
    """The environment for one ``git clone``: no prompts, no LFS downloads, no system
    config, and the token as an extra header for ``server_url`` only."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _TOKEN_VARIABLES and not key.startswith("GIT_CONFIG_")
    }
    env.update(
        GIT_TERMINAL_PROMPT="0", GIT_LFS_SKIP_SMUDGE="1", GIT_CONFIG_NOSYSTEM="1"
    )
    if token and server_url.startswith("https://"):
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0=f"http.{server_url.rstrip('/')}/.extraheader",
            GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {basic}",
        )
    return env


def _reason(text: str, secret: str | None) -> str:
    """The line of a command's stderr that says why it failed: git's first ``fatal:`` or
    ``error:`` line (its later lines are advice), else tcop-lint's last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    failures = [line for line in lines if line.startswith(("fatal:", "error:"))]
    line = (failures or lines or ["no message"])[0 if failures else -1]
    return line.replace(secret, "***") if secret else line


def clone(
    repo: Repository, server_url: str, token: str | None, into: Path
) -> str | None:
    """Clone the default branch's last commit into ``into``; the failure, or ``None``."""
    url = f"{server_url.rstrip('/')}/{repo.full_name}.git"
    command = [
        "git",
        "clone",
        "--quiet",
        "--depth",
        "1",
        "--no-tags",
        "--single-branch",
    ]
    try:
        result = subprocess.run(
            [*command, "--", url, str(into)],
            env=clone_environment(server_url, token),
            capture_output=True,
            text=True,
            timeout=CLONE_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"git clone took longer than {CLONE_SECONDS} s"
    if result.returncode != 0:
        return f"git clone failed: {_reason(result.stderr, token)}"
    return None


def check(clone_dir: Path, report: Path, profile: str | None) -> str | None:
    """Run tcop-lint on a clone, writing its JSON report; the failure, or ``None``."""
    command = [sys.executable, "-m", "tcop_lint", clone_dir.name, "--no-cache"]
    command += ["--format", f"json:{report.resolve()}", "--fail-on", "never"]
    if profile:
        command += ["--profile", profile]
    env = {k: v for k, v in os.environ.items() if k not in _TOKEN_VARIABLES}
    try:
        result = subprocess.run(
            command,
            cwd=clone_dir.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=CHECK_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"tcop-lint took longer than {CHECK_SECONDS} s"
    if result.returncode not in (0, 1) or not report.is_file():
        return (
            f"tcop-lint exited with {result.returncode}: {_reason(result.stderr, None)}"
        )
    return None


def check_repository(
    repo: Repository,
    workdir: Path,
    reports: Path,
    profile: str | None,
    server_url: str,
    token: str | None,
) -> Outcome:
    """Clone, check and delete one repository, leaving exactly one file in ``reports``."""
    import json

    from tcop_lint.report import write_atomically

    started = time.monotonic()
    into = workdir / repo.name
    report = reports / f"{repo.name}.json"
    report.unlink(missing_ok=True)
    problem = clone(repo, server_url, token, into)
    stage = "clone"
    if problem is None:
        stage = "check"
        problem = check(into, report, profile)
    shutil.rmtree(into, ignore_errors=True)
    seconds = time.monotonic() - started
    if problem is not None:
        record = failure_record(repo, stage, problem)
        write_atomically(report, json.dumps(record, indent=2) + "\n")
        return Outcome(repo.full_name, "error", problem, seconds)
    try:
        status = str(json.loads(report.read_text(encoding="utf-8"))["status"])
    except (OSError, ValueError, KeyError, TypeError):
        status = "unknown"
    return Outcome(repo.full_name, status, "", seconds)


def check_shard(
    listing: Listing,
    index: int,
    workdir: Path,
    reports: Path,
    profile: str | None,
    server_url: str,
    token: str | None,
) -> list[Outcome]:
    """Check shard ``index`` of ``listing`` repository by repository (one failure does not
    stop the others)."""
    workdir.mkdir(parents=True, exist_ok=True)
    reports.mkdir(parents=True, exist_ok=True)
    return [
        check_repository(
            listing.repositories[name], workdir, reports, profile, server_url, token
        )
        for name in listing.shards[index]
    ]


def fill_missing(listing: Listing, reports: Path) -> list[str]:
    """Write a failure record for every listed repository with no file in ``reports``
    (its shard job did not finish); the names written."""
    import json

    from tcop_lint.report import write_atomically

    missing = []
    for number, names in enumerate(listing.shards):
        for name in names:
            target = reports / f"{name}.json"
            if target.exists():
                continue
            record = failure_record(
                listing.repositories[name],
                "shard",
                f"shard {number}'s job did not report this repository (cancelled, timed "
                "out or failed: see that job's log)",
            )
            write_atomically(target, json.dumps(record, indent=2) + "\n")
            missing.append(name)
    return missing
