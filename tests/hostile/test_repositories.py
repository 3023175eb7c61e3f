"""Odd repositories: not git, no commits, shallow, detached, worktree, submodule, sparse,
bare, corrupt, hostile git config, and paths that are not repositories at all."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import git, make_git_repo, write_files

LICENCE = "MIT License\n\nCopyright (c) 2024 x\n\n" + (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    'software and associated documentation files (the "Software"), to deal in the Software '
    "without restriction, including without limitation the rights to use, copy, modify, "
    "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to "
    "permit persons to whom the Software is furnished to do so, subject to the following "
    "conditions:\n\nThe above copyright notice and this permission notice shall be included "
    'in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS '
    'IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE '
    "WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN "
    "NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR "
    "OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT "
    "OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n"
)
FILES = {
    "LICENSE": LICENCE,
    "README.md": "# x\n\nA thing.\n",
    "package.json": '{"name": "x", "dependencies": {"left-pad": "1.3.0"}}\n',
    "docs/notes.docx": "not really a document",
    "src/app.py": "print('hello')\n",
}


def reasons(run) -> dict[str, str]:
    return {
        r["code"]: r["reason"] for r in run.report["rules"] if r["outcome"] == "skipped"
    }


def test_not_a_git_repository(run_cli, tmp_path: Path) -> None:
    root = tmp_path / "plain"
    write_files(root, {**FILES, ".gitignore": "build/\n", "build/out.docx": "x"})
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"
    assert "not a git repository" in reasons(run)["TC0603"]
    assert [f["path"] for f in run.findings("TC0403")] == ["docs/notes.docx"]


def test_no_commits(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "fresh", FILES, commit=False)
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"
    assert "no commits" in reasons(run)["TC0603"]


def test_shallow_clone(run_cli, tmp_path: Path) -> None:
    origin = make_git_repo(tmp_path / "origin", FILES)
    (origin / "src" / "app.py").write_text("print('again')\n")
    git(origin, "commit", "-qam", "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    run = run_cli(clone)
    assert run.rule("TC0301")["outcome"] == "pass"
    assert "shallow" in reasons(run)["TC0603"]


def test_detached_head(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", FILES)
    (root / "src" / "app.py").write_text("print('again')\n")
    git(root, "commit", "-qam", "second")
    git(root, "checkout", "-q", "--detach", "HEAD~1")
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"
    assert run.rule("TC0603")["outcome"] in ("pass", "warn")


def test_worktree(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", FILES)
    git(root, "worktree", "add", "-q", "-b", "other", str(tmp_path / "wt"))
    run = run_cli(tmp_path / "wt")
    assert (tmp_path / "wt" / ".git").is_file()
    assert run.rule("TC0301")["outcome"] == "pass"
    assert run.rule("TC0603")["outcome"] in ("pass", "warn")
    assert [f["path"] for f in run.findings("TC0403")] == ["docs/notes.docx"]


def test_submodule_is_not_descended_into(run_cli, tmp_path: Path) -> None:
    inner = make_git_repo(
        tmp_path / "inner",
        {
            "secret-plan.docx": "x",
            ".github/workflows/broken.yml": "on: [\n",
            "package.json": "[]",
        },
    )
    root = make_git_repo(tmp_path / "outer", FILES)
    git(
        root,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        f"file://{inner}",
        "vendor/inner",
    )
    git(root, "commit", "-qm", "submodule")
    assert (root / "vendor" / "inner" / "secret-plan.docx").exists()
    run = run_cli(root)
    mentioned = {f["path"] for f in run.findings()}
    assert not any(p and p.startswith("vendor/inner/") for p in mentioned), mentioned
    assert [f["path"] for f in run.findings("TC0403")] == ["docs/notes.docx"]

    from tcop_lint.repository import Repository

    assert Repository(root).under("vendor/inner") == []


def test_sparse_checkout(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {**FILES, "web/package.json": FILES["package.json"]}
    )
    git(root, "sparse-checkout", "set", "--no-cone", "/*", "!/src/", "!/web/")
    assert not (root / "src" / "app.py").exists()
    assert not (root / "web").exists()
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"


def test_subdirectory_of_a_repository(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {**FILES, "services/api/LICENSE": LICENCE})
    run = run_cli(root / "services" / "api")
    assert run.rule("TC0301")["outcome"] == "pass"
    assert run.findings("TC0403") == []  # docs/ is outside the scanned folder


def test_hostile_git_config_runs_nothing(run_cli, tmp_path: Path) -> None:
    """A repository's own .git/config (a local directory, or a runner reusing a workspace)."""
    marker = tmp_path / "git-config-ran"
    root = make_git_repo(tmp_path / "repo", FILES)
    command = f"touch {marker}; false"
    for key, value in (
        ("core.fsmonitor", command),
        ("core.hooksPath", str(tmp_path)),
        ("core.pager", command),
        ("diff.external", command),
        ("core.sshCommand", command),
        ("gpg.program", command),
        ("log.showSignature", "true"),
        ("core.alternateRefsCommand", command),
        ("filter.x.process", command),
        ("uploadpack.packObjectsHook", command),
    ):
        git(root, "config", key, value)
    (tmp_path / "post-checkout").write_text(f"#!/bin/sh\n{command}\n")
    (tmp_path / "post-checkout").chmod(0o755)
    (root / ".gitattributes").write_text("* filter=x diff=x\n")
    (root / "untracked.txt").write_text("x\n")
    run = run_cli(root)
    assert run.returncode == 1
    assert not marker.exists()


@pytest.mark.parametrize(
    "damage", ["bad-head", "empty-git-dir", "dangling-gitdir-file"]
)
def test_corrupt_git_directory(run_cli, tmp_path: Path, damage: str) -> None:
    root = make_git_repo(tmp_path / "repo", FILES)
    if damage == "bad-head":
        (root / ".git" / "HEAD").write_text("garbage\n")
    elif damage == "empty-git-dir":
        subprocess.run(["rm", "-rf", str(root / ".git")], check=True)
        (root / ".git").mkdir()
    else:
        subprocess.run(["rm", "-rf", str(root / ".git")], check=True)
        (root / ".git").write_text("gitdir: /nonexistent/.git\n")
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"


def test_repository_owned_by_another_user(run_cli, tmp_path: Path) -> None:
    """git refuses a repository another user owns ("dubious ownership"); scan it anyway."""
    if os.geteuid() != 0:
        pytest.skip("needs root to give the repository to another user")
    root = make_git_repo(tmp_path / "repo", FILES)
    subprocess.run(["chown", "-R", "65534:65534", str(root)], check=True)
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "pass"


def test_bare_repository_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    run = run_cli(bare)
    assert run.returncode == 2
    assert "bare repository" in run.stderr


def test_path_that_is_a_file(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("# x\n")
    run = run_cli(target)
    assert run.returncode == 2
    assert run.stderr == f"tcop-lint: {target}: not a directory\n"


def test_path_that_does_not_exist(run_cli, tmp_path: Path) -> None:
    run = run_cli(tmp_path / "nope")
    assert run.returncode == 2
    assert run.stderr == f"tcop-lint: {tmp_path / 'nope'}: no such directory\n"


@pytest.mark.parametrize("special", ["/dev/null", "fifo"])
def test_path_that_is_a_device_or_fifo(run_cli, tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)
    run = run_cli(special)
    assert run.returncode == 2
    assert run.stderr == f"tcop-lint: {special}: not a directory\n"
