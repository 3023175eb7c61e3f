"""``tcop-lint estate --merge``: reports made elsewhere give the estate a direct run gives
(issue 16, acceptance 2); ``--previous`` records points gained and lost."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git, make_git_repo

from .conftest import (
    MIT,
    SELECT,
    failing_repo,
    passing_repo,
    read_estate,
    tcop_lint,
)


def _estate(*args: str) -> None:
    result = tcop_lint("estate", *args, "-q")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""


def test_merged_reports_give_the_estate_the_direct_run_gives(tmp_path: Path) -> None:
    repos = [
        passing_repo(tmp_path / "passing"),
        failing_repo(tmp_path / "failing"),
        make_git_repo(tmp_path / "empty"),
    ]
    _estate(*map(str, repos), "-o", str(tmp_path / "direct"), *SELECT)
    reports = tmp_path / "reports"
    reports.mkdir()
    for index, repo in enumerate(repos):
        result = tcop_lint(
            str(repo), *SELECT, "--format", f"json:{reports / f'{index}.json'}"
        )
        assert result.returncode == 1 or index == 0, result.stderr
    merged = tmp_path / "merged"
    _estate("--merge", *sorted(map(str, reports.iterdir())), "-o", str(merged))
    assert read_estate(merged) == read_estate(tmp_path / "direct")
    assert (merged / "estate.csv").read_text() == (
        tmp_path / "direct" / "estate.csv"
    ).read_text()


def test_merged_shards_keep_the_repositories_that_could_not_be_checked(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    repos = [
        passing_repo(tmp_path / "passing"),
        plain,
        make_git_repo(tmp_path / "config", {".tcop-lint.yml": "rules: 3\n"}),
        failing_repo(tmp_path / "failing"),
    ]
    _estate(*map(str, repos), "-o", str(tmp_path / "direct"), *SELECT)
    _estate(*map(str, repos[:2]), "-o", str(tmp_path / "shard1"), *SELECT)
    _estate(*map(str, repos[2:]), "-o", str(tmp_path / "shard2"), *SELECT)
    shards = [str(tmp_path / f"shard{n}" / "estate.json") for n in (1, 2)]
    _estate("--merge", *shards, "-o", str(tmp_path / "merged"))
    direct = read_estate(tmp_path / "direct")
    assert read_estate(tmp_path / "merged") == direct
    assert [e["status"] for e in direct["repositories"]] == [
        "checked",
        "error",
        "checked",
        "error",
    ]


def test_failure_records_and_unreadable_files_are_repositories_not_checked(
    tmp_path: Path,
) -> None:
    repo = failing_repo(tmp_path / "repo")
    report = tmp_path / "acme__nameless.json"
    assert tcop_lint(str(repo), *SELECT, "--format", f"json:{report}").returncode == 1
    data = json.loads(report.read_text())
    del data["repository"]  # as an older tcop-lint wrote it: named by the file
    report.write_text(json.dumps(data))
    failure = tmp_path / "acme__gone.json"
    failure.write_text(
        json.dumps(
            {
                "kind": "tcop-lint-estate-failure",
                "schema_version": 1,
                "tool": {"name": "tcop-lint", "version": "0.1.0"},
                "repository": "acme/gone",
                "status": "error",
                "stage": "clone",
                "message": "repository not found",
            }
        )
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "rules": []}')
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000)
    out = tmp_path / "out"
    files = (report, failure, broken, deep)
    result = tcop_lint("estate", "--merge", *map(str, files), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        "tcop-lint estate: 4 repositories, 1 checked, 3 could not be checked; "
        f"wrote estate.json, estate.csv, index.html to {out}\n"
    )
    rows = {e["name"]: e for e in read_estate(out)["repositories"]}
    assert {
        name: (e["status"], e["reason"], e["location"]) for name, e in rows.items()
    } == {
        "acme/gone": ("error", "clone: repository not found", "acme/gone"),
        "acme__nameless": ("checked", None, str(repo.resolve())),
        "broken": (
            "error",
            f"{broken}: not a tcop-lint JSON report: unknown profile None",
            str(broken),
        ),
        "deep": (
            "error",
            f"{deep}: not JSON that can be read: nested too deeply",
            str(deep),
        ),
    }


def test_previous_estate_shows_points_gained_and_lost(tmp_path: Path) -> None:
    improving = failing_repo(tmp_path / "improving")
    slipping = passing_repo(tmp_path / "slipping", remote="acme/slipping")
    steady = passing_repo(tmp_path / "steady", remote="acme/steady")
    leaving = passing_repo(tmp_path / "leaving", remote="acme/leaving")
    first = tmp_path / "first"
    _estate(
        *map(str, (improving, slipping, steady, leaving)), "-o", str(first), *SELECT
    )
    assert read_estate(first)["changes"] is None

    (improving / "LICENSE").write_text(MIT)
    git(improving, "add", "LICENSE")
    git(improving, "commit", "-q", "-m", "licence")
    git(slipping, "rm", "-q", "SECURITY.md")
    git(slipping, "commit", "-q", "-m", "no policy")
    arriving = passing_repo(tmp_path / "arriving", remote="acme/arriving")
    second = tmp_path / "second"
    _estate(
        *map(str, (improving, slipping, steady, arriving)),
        "-o",
        str(second),
        "--previous",
        str(first / "estate.json"),
        *SELECT,
    )
    changes = read_estate(second)["changes"]
    assert changes == {
        "previous_generated": "2026-12-04T22:00:00Z",
        "repositories": [
            {
                "name": "acme/arriving",
                "gained": [],
                "lost": [],
                "new": True,
                "removed": False,
                "overall_before": None,
                "overall_now": "pass",
            },
            {
                "name": "acme/leaving",
                "gained": [],
                "lost": [],
                "new": False,
                "removed": True,
                "overall_before": "pass",
                "overall_now": None,
            },
            {
                "name": "acme/slipping",
                "gained": [],
                "lost": [6],
                "new": False,
                "removed": False,
                "overall_before": "pass",
                "overall_now": "fail",
            },
            {
                "name": "improving",
                "gained": [3],
                "lost": [],
                "new": False,
                "removed": False,
                "overall_before": "fail",
                "overall_now": "fail",
            },
        ],
    }


def test_a_previous_file_that_is_not_an_estate_is_a_usage_problem(
    tmp_path: Path,
) -> None:
    previous = tmp_path / "report.json"
    previous.write_text('{"schema_version": 1, "rules": []}')
    result = tcop_lint(
        "estate", "--merge", str(previous), "-o", str(tmp_path / "out"),
        "--previous", str(previous),
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (
        2,
        f"tcop-lint: {previous}: not a tcop-lint estate.json: points is missing or malformed\n",
    )
