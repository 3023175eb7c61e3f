"""The JSON report says which repository it is about: name, commit, remote (what
``tcop-lint estate --merge`` names a report by)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import git, make_git_repo

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))


def _repository(path: Path) -> object:
    result = subprocess.run(
        [TCOP_LINT, str(path), "--select", "TC0301", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["repository"]


def test_a_clone_is_named_by_its_remote_without_credentials(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "checkout", {"README.md": "# x\n"})
    git(repo, "remote", "add", "upstream", "https://example.org/other/thing.git")
    git(repo, "remote", "add", "origin", "https://bot:s3cret@github.com/acme/app.git")
    head = git(repo, "rev-parse", "HEAD").strip()
    assert _repository(repo) == {
        "name": "acme/app",
        "commit": head,
        "remote": "https://github.com/acme/app.git",
    }


def test_a_folder_in_a_work_tree_adds_its_place(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "mono", {"services/api/README.md": "# x\n"})
    git(repo, "remote", "add", "origin", "git@github.com:acme/mono.git")
    assert _repository(repo / "services" / "api") == {
        "name": "acme/mono/services/api",
        "commit": git(repo, "rev-parse", "HEAD").strip(),
        "remote": "git@github.com:acme/mono.git",
    }


def test_without_a_remote_or_commit_the_folder_names_it(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "fresh")
    assert _repository(repo) == {"name": "fresh", "commit": None, "remote": None}


def test_a_folder_outside_git_has_no_repository(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "README.md").write_text("# x\n")
    assert _repository(tmp_path / "plain") is None
