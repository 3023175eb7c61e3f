"""The root stays the checkout: a scan path cannot be pointed elsewhere by the repository.

A pull request can replace ``services/`` with a symbolic link to any folder on the runner.
``tcop-lint services`` (or the Action's ``path: services``) must then refuse, with exit 2 and
one line, instead of reporting that folder's contents. Links in the user's own folders above
any repository (a home folder on another disk, ``/tmp`` on macOS) keep working.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, make_git_repo, write_files

from .conftest import Run

SENTINEL = "SENTINEL-outside-f01der-5ca9"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository with content that must never be reported."""
    folder = tmp_path / "outside"
    write_files(
        folder,
        {
            "README.md": f"# {SENTINEL}\n",
            "api/package.json": f'{{"name": "{SENTINEL}", "license": "{SENTINEL}"}}\n',
        },
    )
    return folder


def repo_linking_out(tmp_path: Path, outside: Path) -> Path:
    """A repository whose committed ``services`` is a link to ``outside``."""
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# repo\n"})
    (repo / "services").symlink_to(outside)
    git(repo, "add", "services")
    git(repo, "commit", "-q", "-m", "services is now a link")
    return repo


def assert_refused(run: Run, link: Path) -> None:
    assert run.returncode == 2
    assert run.stderr.endswith(
        f": refused: {link} is a symbolic link in the repository at "
        f"{link.parent.resolve()} that leads outside it; name the folder it points to if "
        "you mean to check it\n"
    ), run.stderr
    assert SENTINEL.encode() not in run.everything()


@pytest.mark.parametrize("named", ["relative", "absolute", "below-the-link"])
def test_a_committed_link_out_of_the_repository_is_refused(
    run_cli, tmp_path: Path, outside: Path, named: str
) -> None:
    repo = repo_linking_out(tmp_path, outside)
    path = {
        "relative": "services",
        "absolute": str(repo / "services"),
        "below-the-link": "services/api",
    }[named]
    run = run_cli(path, cwd=repo)
    assert_refused(run, repo.resolve() / "services")
    assert run.stderr.startswith(f"tcop-lint: {path}: refused: ")


def test_a_link_of_the_user_s_own_to_a_committed_link_is_refused(
    run_cli, tmp_path: Path, outside: Path
) -> None:
    """Every link on the way is checked, not only the first or the last."""
    repo = repo_linking_out(tmp_path, outside)
    (tmp_path / "shortcut").symlink_to(repo / "services")
    run = run_cli(tmp_path / "shortcut")
    assert_refused(run, repo.resolve() / "services")


def test_a_relative_link_out_through_dot_dot_is_refused(
    run_cli, tmp_path: Path, outside: Path
) -> None:
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# repo\n"})
    (repo / "services").symlink_to("../outside")
    git(repo, "add", "services")
    git(repo, "commit", "-q", "-m", "link")
    run = run_cli(repo / "services")
    assert_refused(run, repo.resolve() / "services")


def test_a_link_that_stays_inside_the_repository_is_followed(
    run_cli, tmp_path: Path
) -> None:
    repo = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# repo\n", "src/services/README.md": "# services\n"},
    )
    (repo / "services").symlink_to("src/services")
    git(repo, "add", "services")
    git(repo, "commit", "-q", "-m", "link inside")
    run = run_cli("services", "--select", "TC0801", cwd=repo)
    assert run.returncode in (0, 1), run.stderr
    assert run.report["root"] == str(repo.resolve() / "src" / "services")


def test_links_in_the_user_s_own_folders_above_any_repository_keep_working(
    run_cli, tmp_path: Path
) -> None:
    """``~/work`` linked to another disk, a relative path through it, and ``..`` after it."""
    disk = tmp_path / "disk"
    repo = make_git_repo(disk / "projects" / "service", {"README.md": "# service\n"})
    home = tmp_path / "home"
    home.mkdir()
    (home / "work").symlink_to(disk / "projects")
    for path, cwd in (
        (str(home / "work" / "service"), None),
        ("work/service", home),
        ("work/service/../service", home),
    ):
        run = run_cli(path, "--select", "TC0801", cwd=cwd)
        assert run.returncode in (0, 1), (path, run.stderr)
        assert run.report["root"] == str(repo.resolve())


def test_a_symlink_loop_on_the_path_is_no_such_directory(
    run_cli, tmp_path: Path
) -> None:
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# repo\n"})
    (repo / "a").symlink_to("b")
    (repo / "b").symlink_to("a")
    run = run_cli(repo / "a")
    assert run.returncode == 2
    assert run.stderr == f"tcop-lint: {repo / 'a'}: no such directory\n"
