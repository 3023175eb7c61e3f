"""TC0603 dependency-freshness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import git, run_rule, write_files

from tcop_lint.config import ConfigError

from . import DEPS, SBT, evidence, found


def _commit_at(root: Path, files: dict[str, str], days_ago: int, message: str) -> None:
    write_files(root, files)
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    stamp = f"@{int(when.timestamp())} +0000"
    git(root, "add", "-A")
    git(
        root,
        "commit",
        "-q",
        "-m",
        message,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )


def _stale_history(make_repo) -> Path:
    root = make_repo(commit=False)
    _commit_at(
        root,
        {
            "web/package.json": DEPS,
            "web/package-lock.json": "{}",
            "web/src/app.js": "v1\n",
            "api/go.mod": "module api\n",
            "api/main.go": "package main\n",
            "tools/package.json": DEPS,
            "tools/run.js": "v1\n",
        },
        400,
        "initial",
    )
    _commit_at(root, {"web/src/app.js": "v2\n", "README.md": "# app\n"}, 10, "work")
    return root


def test_stale_lockfile_while_code_changed_warns(make_repo):
    root = _stale_history(make_repo)
    result = run_rule(root, "TC0603")
    assert result.outcome == "warn"
    date = (dt.datetime.now(dt.UTC) - dt.timedelta(days=400)).date()
    assert found(result) == [
        (
            (
                f"npm dependencies in web/ were last changed on {date}, more than 180 days ago, "
                "while other files there kept changing: update them and merge the update pull "
                "requests"
            ),
            "web/package.json",
            1,
            "warning",
        )
    ]
    assert sorted(evidence(result)) == [
        (
            "api/go.mod",
            f"dependencies last changed {date}, and nothing else there since",
        ),
        (
            "tools/package.json",
            f"dependencies last changed {date}, and nothing else there since",
        ),
    ]


def test_fresh_lockfile_passes_and_max_age_is_an_option(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {"package.json": DEPS, "index.js": "v1\n"}, 100, "initial")
    _commit_at(root, {"index.js": "v2\n"}, 5, "work")
    result = run_rule(root, "TC0603")
    assert result.outcome == "pass"
    _commit_at(
        root,
        {".tcop-lint.yml": "rules:\n  TC0603:\n    options:\n      max-age-days: 30\n"},
        1,
        "config",
    )
    result = run_rule(root, "TC0603")
    assert [(f.path, f.level) for f in result.findings] == [("package.json", "warning")]


def test_max_age_below_one_day_is_a_note_and_the_default_is_used(make_repo):
    root = make_repo(commit=False)
    _commit_at(
        root,
        {
            "package.json": DEPS,
            ".tcop-lint.yml": "rules:\n  TC0603:\n    options:\n      max-age-days: 0\n",
        },
        10,
        "initial",
    )
    result = run_rule(root, "TC0603")
    assert found(result) == [
        (
            (
                "option max-age-days is 0, not a positive number of days: set it like "
                "max-age-days: 180 (180 is used meanwhile)"
            ),
            None,
            None,
            "note",
        )
    ]
    assert result.findings[0].id == "bad-max-age"


def test_max_age_of_the_wrong_type_is_a_config_error(make_repo):
    """A typed option: the config is refused at load time with FILE:LINE."""
    root = make_repo(
        {
            "package.json": DEPS,
            ".tcop-lint.yml": "rules:\n  TC0603:\n    options:\n      max-age-days: soon\n",
        }
    )
    with pytest.raises(ConfigError) as error:
        run_rule(root, "TC0603")
    assert str(error.value) == (
        ".tcop-lint.yml:4: rules: TC0603: option 'max-age-days': 'soon' is not an integer"
    )


def test_root_manifest_stale_while_repository_active(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {"requirements.txt": "flask\n", "app.py": "v1\n"}, 300, "initial")
    _commit_at(root, {"lib/x.py": "v1\n"}, 2, "work")
    result = run_rule(root, "TC0603")
    assert [(f.path, f.start_line) for f in result.findings] == [
        ("requirements.txt", 1)
    ]


def test_sbt_dependencies_in_the_project_folder_count_for_freshness(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {**SBT, "app/Main.scala": "v1\n"}, 300, "initial")
    _commit_at(root, {"app/Main.scala": "v2\n"}, 200, "work")
    _commit_at(
        root,
        {"project/AppDependencies.scala": "object AppDependencies // 2\n"},
        3,
        "bump",
    )
    result = run_rule(root, "TC0603")
    date = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).date()
    assert (result.outcome, evidence(result)) == (
        "pass",
        [("build.sbt", f"dependencies last changed {date}")],
    )


def test_freshness_skipped_on_a_shallow_clone(make_repo, tmp_path):
    source = _stale_history(make_repo)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", source.as_uri(), str(clone))
    result = run_rule(clone, "TC0603")
    assert result.outcome == "skipped"
    assert result.reason == (
        "shallow clone: fetch full history (actions/checkout with fetch-depth: 0) to check "
        "dependency freshness"
    )


def test_freshness_skipped_without_git_or_commits(make_repo, tmp_path):
    plain = tmp_path / "plain"
    write_files(plain, {"package.json": DEPS})
    result = run_rule(plain, "TC0603")
    assert (result.outcome, result.reason) == (
        "skipped",
        "not a git repository, so there is no history to read",
    )
    empty = make_repo({"package.json": DEPS}, commit=False)
    result = run_rule(empty, "TC0603")
    assert (result.outcome, result.reason) == (
        "skipped",
        "the repository has no commits yet",
    )


@pytest.mark.parametrize(
    "files",
    [
        {"Dockerfile": "FROM x\n"},
        {"package.json": '{"name": "x", "version": "1.0.0"}\n'},
    ],
    ids=["no-manifest", "package-json-without-dependencies"],
)
def test_freshness_skipped_without_declared_dependencies(make_repo, files):
    result = run_rule(make_repo(files), "TC0603")
    assert (result.outcome, result.reason) == (
        "skipped",
        (
            "no package manifest declares dependencies (a package.json without any has "
            "nothing to keep up to date)"
        ),
    )


def test_manifests_in_test_data_folders_are_left_out(make_repo):
    """GOV.UK Prototype Kit keeps plugin packages as Cypress fixtures: test data, frozen on
    purpose, whose age says nothing about patching."""
    root = make_repo(commit=False)
    fixture = "cypress/fixtures/plugins/plugin-foo"
    _commit_at(
        root,
        {
            f"{fixture}/package.json": DEPS,
            f"{fixture}/index.js": "v1\n",
            "package.json": DEPS,
        },
        400,
        "initial",
    )
    _commit_at(
        root, {f"{fixture}/index.js": "v2\n", "package.json": DEPS + "\n"}, 5, "work"
    )
    result = run_rule(root, "TC0603")
    assert (result.outcome, found(result)) == ("pass", [])
    assert [path for path, _ in evidence(result)] == ["package.json"]
