"""The ``check-shard`` and ``fill-missing`` steps: shallow clones from a git host (bare
repositories over file://), tcop-lint on each, exactly one file per repository."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import git

from tcop_lint.estate.github_org import Repository
from tcop_lint.estate.github_shard import (
    FAILURE_KIND,
    FAILURE_SUFFIX,
    clone,
    clone_environment,
)

from .conftest import TOKEN, api_repo, bare_repository, run_step

README = "# App\n\nWhat it does.\n"


def write_listing(path: Path, names: list[str], shards: list[list[str]]) -> Path:
    repos = [Repository.from_api(api_repo(name))._asdict() for name in names]
    listing = {
        "version": 1,
        "organisation": "acme",
        "repositories": repos,
        "left_out": {},
        "shards": shards,
    }
    path.write_text(json.dumps(listing), encoding="utf-8")
    return path


def shard_env(server_root: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")
    }
    env.update(GITHUB_SERVER_URL=server_root.as_uri(), GITHUB_TOKEN=TOKEN)
    return env


def test_a_shard_clones_checks_and_records_each_repository(tmp_path):
    server = tmp_path / "server"
    bare_repository(server, "acme/app", {"README.md": README})
    bare_repository(server, "acme/.github", {"profile/README.md": README})
    bare_repository(
        server, "acme/broken", {"README.md": README, ".tcop-lint.yml": "profile: [\n"}
    )
    listing = write_listing(
        tmp_path / "listing.json",
        ["app", ".github", "broken", "gone", "elsewhere"],
        [["elsewhere"], ["app", ".github", "broken", "gone"]],
    )
    result = run_step(
        [
            "check-shard",
            str(listing),
            "--shard",
            "1",
            "--workdir",
            "clones",
            "--reports",
            "reports",
            "--profile",
            "uk",
        ],
        shard_env(server),
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    reports = tmp_path / "reports"
    assert sorted(str(p.relative_to(reports)) for p in reports.rglob("*")) == [
        "gone.failure.json",
        "shard-1",
        "shard-1/estate.csv",
        "shard-1/estate.json",
        "shard-1/index.html",
    ]
    assert (
        list((tmp_path / "clones").iterdir()) == []
    )  # the clones deleted once checked
    gone = json.loads((reports / "gone.failure.json").read_text())
    assert (gone["kind"], gone["stage"], gone["repository"]) == (
        FAILURE_KIND,
        "clone",
        "acme/gone",
    )
    assert gone["message"].startswith("git clone failed: fatal: ")
    assert "gone.git" in gone["message"]
    estate = json.loads((reports / "shard-1" / "estate.json").read_text())
    entries = {Path(e["location"]).name: e for e in estate["repositories"]}
    assert sorted(entries) == [".github", "app", "broken"]
    assert [entries[n]["status"] for n in (".github", "app", "broken")] == [
        "checked",
        "checked",
        "error",
    ]
    assert ".tcop-lint.yml" in entries["broken"]["reason"]
    assert estate["profile"] == "uk"
    lines = result.stdout.splitlines()
    assert lines == [
        f"acme/gone: clone failed: {gone['message']}",
        "tcop-lint estate: shard 1: 4 repositories, 1 recorded as failed",
    ]
    assert TOKEN not in result.stdout + result.stderr


def test_the_merge_reads_shard_estates_and_failure_records(tmp_path):
    """What the merge job runs, on what two shards left: every repository is in the estate,
    the one that could not be cloned with its reason."""
    server = tmp_path / "server"
    for name in ("app", "api", "web"):
        bare_repository(server, f"acme/{name}", {"README.md": README})
    listing = write_listing(
        tmp_path / "listing.json",
        ["app", "api", "web", "gone"],
        [["app", "gone"], ["api", "web"]],
    )
    for shard in ("0", "1"):
        args = [
            "check-shard",
            str(listing),
            "--shard",
            shard,
            "--workdir",
            "clones",
            "--reports",
            "reports",
        ]
        assert run_step(args, shard_env(server), tmp_path).returncode == 0
    files = sorted(
        str(p)
        for p in (tmp_path / "reports").rglob("*")
        if p.name == "estate.json" or p.name.endswith(FAILURE_SUFFIX)
    )
    merged = subprocess.run(
        [str(Path(sys.executable).with_name("tcop-lint")), "estate", "--merge", *files, "--output", str(tmp_path / "estate"), "-q"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert merged.returncode == 1, merged.stderr  # 1: a repository could not be checked
    estate = json.loads((tmp_path / "estate" / "estate.json").read_text())
    by_status = {e["name"]: e["status"] for e in estate["repositories"]}
    assert sorted(by_status.values()) == ["checked", "checked", "checked", "error"]
    assert by_status["acme/gone"] == "error"
    gone = next(e for e in estate["repositories"] if e["name"] == "acme/gone")
    assert gone["reason"].startswith("clone: git clone failed: fatal: ")


def test_a_check_run_that_fails_as_a_whole_records_every_clone(tmp_path):
    server = tmp_path / "server"
    bare_repository(server, "acme/app", {"README.md": README})
    listing = write_listing(tmp_path / "listing.json", ["app"], [["app"]])
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "shard-0").write_text("a file where the estate folder goes")
    args = ["check-shard", str(listing), "--shard", "0", "--workdir", "clones"]
    result = run_step([*args, "--reports", "reports"], shard_env(server), tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "reports" / "app.failure.json").read_text())
    assert (record["stage"], record["repository"]) == ("check", "acme/app")
    assert record["message"].startswith("tcop-lint estate exited with 2: tcop-lint: ")
    assert result.stdout.splitlines()[-1] == (
        "tcop-lint estate: shard 0: 1 repository, 1 recorded as failed"
    )
    assert list((tmp_path / "clones").iterdir()) == []


def test_the_clone_is_shallow_and_keeps_no_credentials(tmp_path):
    server = tmp_path / "server"
    work = make_history(tmp_path / "work")
    git(work, "clone", "--quiet", "--bare", str(work), str(server / "acme" / "app.git"))
    repo = Repository.from_api(api_repo("app"))
    assert clone(repo, server.as_uri(), TOKEN, tmp_path / "app") is None
    assert git(tmp_path / "app", "rev-list", "--count", "HEAD").strip() == "1"
    assert git(tmp_path / "app", "tag").strip() == ""
    config = (tmp_path / "app" / ".git" / "config").read_text()
    assert TOKEN not in config and "extraheader" not in config


def make_history(path: Path) -> Path:
    from conftest import make_git_repo

    work = make_git_repo(path, {"README.md": README})
    for n in range(3):
        (work / "CHANGELOG.md").write_text(f"{n}\n")
        git(work, "add", "-A")
        git(work, "commit", "--quiet", "-m", f"change {n}")
    git(work, "tag", "v1")
    return work


def test_the_token_is_an_extra_header_for_the_git_host_only(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.pager")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "cat")
    env = clone_environment("https://github.example/", TOKEN)
    basic = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert {
        k: v for k, v in env.items() if k.startswith("GIT_") and k not in os.environ
    } | {
        k: env[k]
        for k in ("GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0")
    } == {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_LFS_SKIP_SMUDGE": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.https://github.example/.extraheader",
        "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}",
    }
    assert "GITHUB_TOKEN" not in env
    # git itself reads it so, scoped to that host
    seen = subprocess.run(
        ["git", "config", "--get-urlmatch", "http.extraheader", "https://github.example/acme/app.git"],
        env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert seen == f"AUTHORIZATION: basic {basic}\n"
    elsewhere = subprocess.run(
        ["git", "config", "--get-urlmatch", "http.extraheader", "https://evil.example/x.git"],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert elsewhere.stdout == ""
    assert "GIT_CONFIG_KEY_0" not in clone_environment("http://plain.example", TOKEN)
    assert "GIT_CONFIG_KEY_0" not in clone_environment("https://github.example", None)


def test_fill_missing_records_what_no_shard_reported(tmp_path):
    listing = write_listing(
        tmp_path / "listing.json", ["a", "b", "c", "d"], [["a", "b"], ["c", "d"], []]
    )
    reports = tmp_path / "reports"
    (reports / "shard-0").mkdir(parents=True)
    (reports / "shard-0" / "estate.json").write_text("{}")  # shard 0 reported
    (reports / "d.failure.json").write_text("{}")  # shard 1 recorded d, then was lost
    result = run_step(
        ["fill-missing", str(listing), "--reports", str(reports)],
        shard_env(tmp_path),
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "tcop-lint estate: 1 repository had no report: c\n"
    assert (reports / "d.failure.json").read_text() == "{}"
    assert sorted(p.name for p in reports.iterdir()) == [
        "c.failure.json",
        "d.failure.json",
        "shard-0",
    ]
    record = json.loads((reports / "c.failure.json").read_text())
    del record["tool"]
    assert record == {
        "kind": FAILURE_KIND,
        "schema_version": 1,
        "repository": "acme/c",
        "status": "error",
        "stage": "shard",
        "message": "shard 1's job did not report this repository (cancelled, timed out or failed: see that job's log)",
    }


def test_a_bad_listing_or_shard_is_one_line_and_exit_2(tmp_path):
    listing = write_listing(tmp_path / "listing.json", ["a"], [["a"]])
    (tmp_path / "junk.json").write_text('{"version": 1}')
    cases = {
        ("check-shard", str(listing), "--shard", "1", "--workdir", "w", "--reports", "r"):
            f"tcop-lint: {listing}: no shard 1 (it has 1)",
        ("check-shard", str(listing), "--shard", "0", "--workdir", "w", "--reports", "r", "--profile", "eu"):
            "tcop-lint: unknown profile 'eu' (choose from uk, bc)",
        ("fill-missing", "junk.json", "--reports", "r"):
            "tcop-lint: junk.json: not a listing file written by the list step",
        ("fill-missing", "none.json", "--reports", "r"):
            "tcop-lint: none.json: cannot read: No such file or directory",
    }  # fmt: skip
    for args, message in cases.items():
        result = run_step(list(args), shard_env(tmp_path), tmp_path)
        assert (result.returncode, result.stderr) == (2, message + "\n"), args
