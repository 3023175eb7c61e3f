"""Shared fixtures: real git repositories built in tmp dirs, and one-rule runs through the engine."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tcop_lint import config as config_module
from tcop_lint import engine
from tcop_lint.engine import Report, Selection
from tcop_lint.registry import builtin_rules, index
from tcop_lint.rule import RuleResult

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run real git in ``cwd`` with a fixed identity; return stdout."""
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def make_git_repo(
    root: Path, files: dict[str, str | bytes] | None = None, *, commit: bool = True
) -> Path:
    """A real git repository at ``root`` holding ``files``, committed unless ``commit`` is false."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write_files(root, files or {})
    if commit and files:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """``make_repo({"LICENSE": "..."})`` → path of a committed git repository."""
    counter = iter(range(1000))

    def build(
        files: dict[str, str | bytes] | None = None, *, commit: bool = True
    ) -> Path:
        return make_git_repo(tmp_path / f"repo{next(counter)}", files, commit=commit)

    return build


def run_engine(
    root: Path,
    *,
    select: tuple[str, ...] = (),
    profile: str | None = None,
    online: bool = False,
) -> Report:
    """A full engine run over ``root`` with its own config, as the CLI would do it."""
    config = config_module.load(root)
    rules = index(builtin_rules())
    return engine.run(
        root,
        config,
        rules,
        profile_name=profile,
        selection=Selection(select=select),
        online=online,
    )


def run_rule(root: Path, code: str, *, online: bool = False) -> RuleResult:
    """Run one rule (with the repository's own config applied) and return its result."""
    report = run_engine(root, select=(code,), online=online)
    [result] = [r for r in report.results if r.rule.code == code]
    return result
