"""The pre-commit hooks, with the real ``pre-commit try-repo`` of this repository.

try-repo clones this repository's tracked files (with their uncommitted changes; untracked files
are not included) and installs the hook's environment with pip (dependencies from the package
index). PRE_COMMIT_HOME is shared by the tests of this module so its caches are reused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import GIT_ENV, git, make_git_repo
from licence_texts import mit_text

REPO = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CI_WORKFLOW = """\
name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
"""


def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    found = found or shutil.which("pre-commit")
    assert found, "pre-commit is a test dependency (pip install -e '.[test]')"
    return found


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PRE_COMMIT", "GITHUB_"))
    }
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    return subprocess.run(
        [pre_commit(), "try-repo", str(REPO), hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def tracked_rule_codes() -> list[str]:
    """Rule codes in the rule modules try-repo will clone (tracked files only)."""
    paths = git(REPO, "ls-files", "rules").split()
    codes = set()
    for path in paths:
        file = REPO / path
        if path.endswith(".py") and file.is_file():
            codes.update(re.findall(r'\bcode="(TC\d{4})"', file.read_text("utf-8")))
    return sorted(codes)


def test_manifest_is_valid_and_declares_the_hooks():
    result = subprocess.run(
        [pre_commit(), "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert [h["id"] for h in HOOKS] == ["tcop-lint", "tcop-lint-offline"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["always_run"] is True
        assert hook["stages"] == [
            "pre-commit",
            "pre-merge-commit",
            "pre-push",
            "manual",
        ]
        assert hook["minimum_pre_commit_version"] == "3.2.0"
        assert hook["entry"].startswith("tcop-lint check --tracked-only")
    assert "--offline" in HOOKS[1]["entry"].split()


def test_hook_fails_a_repository_with_a_gap(tmp_path, pre_commit_home):
    repo = make_git_repo(tmp_path / "failing", {"README.md": "# service\n"})
    result = try_repo(repo, "tcop-lint", pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"tcop-lint \(Technology Code of Practice\)\.+Failed", output), (
        output
    )
    assert "README.md: TC0901 error: no CI configuration found" in output
    assert "status: fail" in output


def test_offline_hook_passes_a_repository_without_gaps(tmp_path, pre_commit_home):
    codes = tracked_rule_codes()
    assert "TC0901" in codes
    config = "rules:\n" + "".join(f"  {c}: off\n" for c in codes if c != "TC0901")
    repo = make_git_repo(
        tmp_path / "passing",
        {
            "README.md": "# service\n",
            ".github/workflows/ci.yml": CI_WORKFLOW,
            ".tcop-lint.yml": config,
        },
    )
    result = try_repo(repo, "tcop-lint-offline", pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(
        r"tcop-lint \(Technology Code of Practice, offline\)\.+Passed", output
    )


def test_hook_judges_what_is_committed_not_untracked_files(tmp_path, pre_commit_home):
    """An untracked LICENSE is no evidence in the hook (CI would not see it). That a staged
    one is evidence is tests/test_strict_cli.py's, without a second 20-second try-repo."""
    codes = tracked_rule_codes()
    config = "rules:\n" + "".join(f"  {c}: off\n" for c in codes if c != "TC0301")
    repo = make_git_repo(
        tmp_path / "licence", {"README.md": "# service\n", ".tcop-lint.yml": config}
    )
    (repo / "LICENSE").write_text(mit_text(), encoding="utf-8")
    result = try_repo(repo, "tcop-lint-offline", pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "README.md: TC0301 error: no licence file at the repository root" in output
    assert re.search(
        r"tcop-lint \(Technology Code of Practice, offline\)\.+Failed", output
    )
