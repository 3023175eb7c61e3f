"""``tcop-lint estate PATH...``: five real repositories checked in one run (issue 16,
acceptance 1), rule crashes and dying workers, and usage problems."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import git, make_git_repo

from .conftest import (
    GENERATED,
    SELECT,
    failing_repo,
    head,
    passing_repo,
    read_estate,
    tcop_lint,
)

NOT_ASSESSED = {str(n): "not-assessed" for n in range(1, 14)}
NOT_GIT = "not a git repository (the estate checks git work trees; tcop-lint PATH checks any folder)"
BAD_PROFILE = ".tcop-lint.yml:1: profile: 'nz' is not one of uk, bc"


def _five(tmp_path: Path) -> dict[str, Path]:
    base = tmp_path / "estate"
    plain = base / "plain"
    plain.mkdir(parents=True)
    (plain / "README.md").write_text("# Not a repository\n")
    return {
        "passing": passing_repo(base / "passing"),
        "failing": failing_repo(base / "failing"),
        "plain": plain,
        "config": make_git_repo(
            base / "config", {".tcop-lint.yml": "profile: nz\n", "README.md": "# x\n"}
        ),
        "empty": make_git_repo(base / "empty"),
    }


def test_five_repositories_in_one_run(tmp_path: Path) -> None:
    repos = _five(tmp_path)
    listing = tmp_path / "more.txt"
    listing.write_text(f"# the rest\n\n{repos['config']}\n{repos['empty']}\n")
    out = tmp_path / "out"
    result = tcop_lint(
        "estate",
        *(str(repos[n]) for n in ("passing", "failing", "plain")),
        "--from-file",
        str(listing),
        "--output",
        str(out),
        "--jobs",
        "2",
        *SELECT,
    )
    assert result.returncode == 1, result.stderr  # two could not be checked
    *progress, summary = result.stderr.splitlines()
    counters = [re.search(r"\[(\d)/5\]", line) for line in progress]
    assert [m.group(1) for m in counters if m] == ["1", "2", "3", "4", "5"]
    assert sorted(re.sub(r"\[\d/5\]", "[N/5]", line) for line in progress) == sorted(
        [
            "tcop-lint estate: [N/5] acme/passing: pass",
            "tcop-lint estate: [N/5] failing: fail",
            f"tcop-lint estate: [N/5] plain: not checked: {repos['plain']}: {NOT_GIT}",
            f"tcop-lint estate: [N/5] config: not checked: {BAD_PROFILE}",
            "tcop-lint estate: [N/5] empty: fail",
        ]
    )
    assert summary == (
        "tcop-lint estate: 5 repositories, 3 checked, 2 could not be checked; "
        f"wrote estate.json, estate.csv, index.html to {out}"
    )

    estate = read_estate(out)
    assert estate["generated"] == GENERATED
    assert estate["profile"] == "uk"
    assert [p["number"] for p in estate["points"]] == list(range(1, 14))
    rows = {e["name"]: e for e in estate["repositories"]}
    assert list(rows) == ["acme/passing", "config", "empty", "failing", "plain"]

    passing = rows["acme/passing"]
    assert {k: v for k, v in passing.items() if k != "report"} == {
        "name": "acme/passing",
        "location": str(repos["passing"].resolve()),
        "commit": head(repos["passing"]),
        "remote": "https://github.com/acme/passing.git",
        "profile": "uk",
        "status": "checked",
        "reason": None,
        "overall": "pass",
        "points": {**NOT_ASSESSED, "3": "pass", "6": "pass"},
        "errors": 0,
        "warnings": 0,
    }
    # exactly what `tcop-lint PATH --format json` says of it
    alone = tcop_lint(str(repos["passing"]), *SELECT, "--format", "json")
    assert passing["report"] == json.loads(alone.stdout)

    failing = rows["failing"]
    assert (failing["status"], failing["overall"], failing["errors"]) == (
        "checked",
        "fail",
        2,
    )
    assert failing["points"] == {**NOT_ASSESSED, "3": "fail", "6": "fail"}
    empty = rows["empty"]
    assert (empty["status"], empty["commit"], empty["overall"]) == (
        "checked",
        None,
        "fail",
    )

    for name, reason in (
        ("plain", f"{repos['plain']}: {NOT_GIT}"),
        ("config", BAD_PROFILE),
    ):
        assert {
            k: rows[name][k]
            for k in ("status", "reason", "overall", "points", "report")
        } == {
            "status": "error",
            "reason": reason,
            "overall": None,
            "points": {},
            "report": None,
        }
    assert rows["config"]["commit"] == head(repos["config"])

    with (out / "estate.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert table[0] == [
        "name", "location", "commit", "status", "reason", "overall",
        "1 user-needs", "2 accessibility", "3 open-source", "4 open-standards",
        "5 cloud-first", "6 security", "7 privacy", "8 share-reuse", "9 integrate-adapt",
        "10 data", "11 purchasing", "12 sustainability", "13 service-standard",
        "errors", "warnings",
    ]  # fmt: skip
    assert [row[0] for row in table[1:]] == list(rows)
    assert table[1] == [
        "acme/passing", str(repos["passing"].resolve()), head(repos["passing"]),
        "checked", "", "pass", *["not-assessed"] * 2, "pass", *["not-assessed"] * 2,
        "pass", *["not-assessed"] * 7, "0", "0",
    ]  # fmt: skip
    assert table[5][3:6] == ["error", rows["plain"]["reason"], ""]
    assert table[5][6:] == [""] * 13 + ["0", "0"]

    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith(
        "<!doctype html>"
    )
    assert all(name in page for name in rows)


CRASHING_PLUGIN = """
import os, signal
from tcop_lint.rule import Finding, rule


@rule(code="TC0893", name="org-trouble", topic="security", level="error",
      summary="Trouble.", rationale="Point 6.", remediation="None.")
def org_trouble(repo, options):
    if repo.has("CRASH"):
        raise RuntimeError("plugin bug")
    if repo.has("DIE"):
        os.kill(os.getpid(), signal.SIGKILL)
    yield Finding("a finding", id="found")
"""


def test_a_crashing_rule_is_noted_and_a_dying_worker_fails_only_its_repository(
    tmp_path: Path,
) -> None:
    plugin = {".tcop-lint.yml": "plugins: [./org]\n", "org/rules.py": CRASHING_PLUGIN}
    crash = make_git_repo(tmp_path / "crash", {**plugin, "CRASH": "x"})
    die = make_git_repo(tmp_path / "die", {**plugin, "DIE": "x"})
    fine = [make_git_repo(tmp_path / f"fine{i}", plugin) for i in range(3)]
    out = tmp_path / "out"
    paths = [str(p) for p in (die, crash, *fine)]
    result = tcop_lint(
        "estate", *paths, "-o", str(out), "-j", "2", "--allow-plugins",
        "--select", "TC0893", "--quiet",
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")
    rows = {e["name"]: e for e in read_estate(out)["repositories"]}
    assert rows["die"]["status"] == "error"
    assert rows["die"]["reason"] == (
        "the worker process checking it died (killed, out of memory or crashed); "
        "check it alone with tcop-lint PATH to see why"
    )
    assert rows["die"]["commit"] == head(die)
    assert rows["crash"]["status"] == "checked"
    assert (
        rows["crash"]["reason"]
        == "1 rule could not run: TC0893: RuntimeError: plugin bug"
    )
    assert rows["crash"]["points"]["6"] == "warn"  # as the engine rolls up a crash
    for name in ("fine0", "fine1", "fine2"):
        assert (rows[name]["status"], rows[name]["overall"], rows[name]["errors"]) == (
            "checked",
            "fail",
            1,
        )


SLOW_PLUGIN = """
import time
from tcop_lint.rule import rule


@rule(code="TC0894", name="org-slow", topic="security", level="error",
      summary="Slow.", rationale="Point 6.", remediation="None.")
def org_slow(repo, options):
    if repo.has("SLOW"):
        time.sleep(60)
    yield from ()
"""


def test_a_repository_over_the_time_limit_is_stopped_and_recorded(
    tmp_path: Path,
) -> None:
    plugin = {".tcop-lint.yml": "plugins: [./org]\n", "org/rules.py": SLOW_PLUGIN}
    slow = make_git_repo(tmp_path / "slow", {**plugin, "SLOW": "x"})
    quick = [make_git_repo(tmp_path / f"quick{i}", plugin) for i in range(3)]
    out = tmp_path / "out"
    result = tcop_lint(
        "estate", str(slow), *map(str, quick), "-o", str(out), "-j", "2", "-q",
        "--allow-plugins", "--select", "TC0894", "--repo-time-limit", "1.5",
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")
    rows = {e["name"]: e for e in read_estate(out)["repositories"]}
    assert rows["slow"]["status"] == "error"
    assert rows["slow"]["reason"] == (
        "stopped after 1.5 s (--repo-time-limit); check it alone with tcop-lint PATH "
        "to see what takes so long"
    )
    assert [rows[f"quick{i}"]["overall"] for i in range(3)] == ["pass"] * 3


def test_every_repository_checked_exits_0_unless_fail_on_is_reached(
    tmp_path: Path,
) -> None:
    repos = [passing_repo(tmp_path / "a"), failing_repo(tmp_path / "b")]
    args = ["estate", *map(str, repos), "-o", str(tmp_path / "out"), "-q", *SELECT]
    assert tcop_lint(*args).returncode == 0
    failed = tcop_lint(*args, "--fail-on", "error")
    assert (failed.returncode, failed.stderr) == (1, "")
    assert tcop_lint(*args[:2], "-o", str(tmp_path / "o2"), "-q", *SELECT,
                     "--fail-on", "error").returncode == 0  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "OUT"], "no repositories given: name them as arguments or in --from-file"),
        (["--merge", "-o", "OUT"], "no reports given: name the JSON reports to merge"),
        (["R", "-o", "FILE"], "FILE: not a folder (--output names the folder to write)"),
        (["--merge", "R", "-o", "OUT", "--select", "TC0301"],
         "--select applies to checking, not to --merge"),
        (["R", "-o", "OUT", "--from-file", "MISSING"],
         "MISSING: cannot be read: No such file or directory"),
        (["R", "-o", "OUT", "--previous", "FILE"],
         "FILE: not JSON: Expecting value: line 1 column 1 (char 0)"),
    ],
)  # fmt: skip
def test_usage_problems_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "FILE").write_text("not json\n")
    repo = make_git_repo(tmp_path / "R")
    result = tcop_lint("estate", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"tcop-lint: {message}\n",
    )
    assert not (tmp_path / "OUT").exists()
    assert repo.exists()


def test_two_clones_of_one_repository_keep_distinct_names(tmp_path: Path) -> None:
    one = passing_repo(tmp_path / "one", remote="acme/app")
    two = passing_repo(tmp_path / "two", remote="acme/app")
    git(two, "remote", "set-url", "origin", "git@github.com:acme/app.git")
    out = tmp_path / "out"
    assert (
        tcop_lint(
            "estate", str(two), str(one), "-o", str(out), "-q", *SELECT
        ).returncode
        == 0
    )
    names = [e["name"] for e in read_estate(out)["repositories"]]
    assert names == ["acme/app", f"acme/app ({two.resolve()})"]
