"""One shard of the estate workflow: clone each repository shallowly, check the clones in
one ``tcop-lint estate`` run, record what failed.

A shard leaves ``REPORTS/shard-<n>/estate.json`` (the estate of the repositories it cloned;
one that could not be checked is recorded there by that run) and a failure record
``REPORTS/<name>.failure.json`` (:func:`failure_record`) for each repository it could not clone,
so the merged estate shows it with the reason instead of leaving it out. ``fill-missing``
writes failure records for the repositories of a shard job that never reported (a cancelled
or crashed runner). ``tcop-lint estate --merge`` reads both kinds of file.

The token reaches git through ``GIT_CONFIG_*`` environment variables for the clone command
only (an ``http.<server>/.extraheader``, as actions/checkout sends it), so it is never written
to ``.git/config``, never on a command line, and never given to tcop-lint, which runs with
no token at all. Git LFS content is not fetched, submodules are not cloned, and the clones
are deleted once checked.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

from tcop_lint import __version__
from tcop_lint.estate.github_org import Listing, Repository

FAILURE_KIND = "tcop-lint-estate-failure"
FAILURE_SUFFIX = ".failure.json"
CLONE_SECONDS = 600
CHECK_SECONDS = 900  # a repository's share of the time allowed to the shard's check
CLONES_AT_ONCE = 4
_TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN", "TCOP_LINT_GITHUB_TOKEN")


class Failure(NamedTuple):
    """A repository that could not be cloned or checked."""

    repository: str
    stage: str  # clone, check or shard
    problem: str


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


def check(clones: list[Path], output: Path, profile: str | None) -> str | None:
    """Check the clones in one ``tcop-lint estate`` run (one interpreter start for the
    shard, repositories checked in parallel), writing ``output/estate.json``; the
    failure of the run as a whole, or ``None`` (a repository that cannot be checked is
    recorded in the estate by that run)."""
    command = [sys.executable, "-m", "tcop_lint", "estate", "--from-file", "-"]
    command += ["--output", str(output), "--no-cache"]
    if profile:
        command += ["--profile", profile]
    env = {k: v for k, v in os.environ.items() if k not in _TOKEN_VARIABLES}
    try:
        result = subprocess.run(
            command,
            input="".join(f"{path}\n" for path in clones),
            env=env,
            stderr=subprocess.PIPE,  # shown below; its last line is the reason
            text=True,
            timeout=CHECK_SECONDS * len(clones),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"tcop-lint estate took longer than {CHECK_SECONDS * len(clones)} s"
    sys.stderr.write(result.stderr)  # its progress, one line a repository
    if result.returncode not in (0, 1) or not (output / "estate.json").is_file():
        reason = _reason(result.stderr, None)
        return f"tcop-lint estate exited with {result.returncode}: {reason}"
    return None


def _record(reports: Path, repo: Repository, stage: str, problem: str) -> Failure:
    import json

    from tcop_lint.report import write_atomically

    record = failure_record(repo, stage, problem)
    target = reports / f"{repo.name}{FAILURE_SUFFIX}"
    write_atomically(target, json.dumps(record, indent=2) + "\n")
    return Failure(repo.full_name, stage, problem)


def check_shard(
    listing: Listing,
    index: int,
    workdir: Path,
    reports: Path,
    profile: str | None,
    server_url: str,
    token: str | None,
) -> list[Failure]:
    """Clone every repository of shard ``index`` (a few at once), check the clones in one
    run into ``reports/shard-<index>/estate.json``, and record each repository that
    could not be cloned or checked as ``reports/<name>.failure.json``; the failures."""
    from concurrent.futures import ThreadPoolExecutor

    workdir.mkdir(parents=True, exist_ok=True)
    reports.mkdir(parents=True, exist_ok=True)
    repos = [listing.repositories[name] for name in listing.shards[index]]
    with ThreadPoolExecutor(CLONES_AT_ONCE) as pool:
        problems = list(
            pool.map(lambda r: clone(r, server_url, token, workdir / r.name), repos)
        )
    failures = [
        _record(reports, repo, "clone", problem)
        for repo, problem in zip(repos, problems, strict=True)
        if problem is not None
    ]
    cloned = [
        repo for repo, problem in zip(repos, problems, strict=True) if not problem
    ]
    if cloned:
        problem = check(
            [workdir / repo.name for repo in cloned],
            reports / f"shard-{index}",
            profile,
        )
        if problem is not None:
            failures += [_record(reports, repo, "check", problem) for repo in cloned]
    for repo in cloned:
        shutil.rmtree(workdir / repo.name, ignore_errors=True)
    return failures


def fill_missing(listing: Listing, reports: Path) -> list[str]:
    """Write a failure record for each repository of a shard that left neither its
    ``shard-<n>/estate.json`` nor a failure record for it (its job was cancelled, timed
    out or lost its runner); the names written."""
    missing = []
    for number, names in enumerate(listing.shards):
        if (reports / f"shard-{number}" / "estate.json").is_file():
            continue
        for name in names:
            if (reports / f"{name}{FAILURE_SUFFIX}").exists():
                continue
            _record(
                reports,
                listing.repositories[name],
                "shard",
                f"shard {number}'s job did not report this repository (cancelled, timed "
                "out or failed: see that job's log)",
            )
            missing.append(name)
    return missing
