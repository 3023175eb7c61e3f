"""Shared fixtures: real git repositories built in tmp dirs, and one-rule runs through the engine."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tcop_lint import config as config_module
from tcop_lint import engine
from tcop_lint.cache import ResultCache
from tcop_lint.engine import Selection
from tcop_lint.registry import builtin_rules, index
from tcop_lint.results import Report, RuleResult
from tcop_lint.rule import Rule, rule

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Each test's tcop-lint runs keep their results in a cache of their own,
    so no test sees another's (or the developer's) entries."""
    monkeypatch.setenv("TCOP_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


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
    cache: ResultCache | None = None,
) -> Report:
    """A full engine run over ``root`` with its own config, as the CLI would do it."""
    config = config_module.load(root, cache=cache)
    rules = index(builtin_rules())
    return engine.run(
        root,
        config,
        rules,
        profile_name=profile,
        selection=Selection(select=select),
        online=online,
        cache=cache,
    )


def run_rule(
    root: Path, code: str, *, online: bool = False, cache: ResultCache | None = None
) -> RuleResult:
    """Run one rule (with the repository's own config applied) and return its result."""
    report = run_engine(root, select=(code,), online=online, cache=cache)
    [result] = [r for r in report.results if r.rule.code == code]
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Validate every SARIF file any test wrote (in-process or by a subprocess) under tmp dirs.

    Acceptance for the SARIF reporter is that *every* SARIF the suite produces is valid against
    the official 2.1.0 schema, not only the ones a test remembered to check.
    """
    import json

    from sarif_check import assert_valid_sarif

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or getattr(session.config, "workerinput", None) is not None:
        return
    base = factory.getbasetemp()
    invalid = []
    checked = 0
    sarif_files = [
        Path(directory, name)
        for directory, _, names in os.walk(base)  # never follows symlinks out of tmp
        for name in names
        if name.endswith(".sarif")
    ]
    for path in sarif_files:
        if path.is_symlink() or not path.is_file():
            continue
        checked += 1
        try:
            assert_valid_sarif(json.loads(path.read_text(encoding="utf-8")))
        except (AssertionError, ValueError) as exc:
            invalid.append(f"{path}: {str(exc)[:300]}")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(
            f"SARIF files validated against the 2.1.0 schema: {checked}"
        )
    if invalid:
        if reporter:
            reporter.write_line("INVALID SARIF:\n" + "\n".join(invalid), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def stub_rule(code: str, name: str, topic: str = "open-source") -> Rule:
    """A rule that checks nothing, for reporter tests that build their own results."""

    @rule(
        code=code,
        name=name,
        topic=topic,
        level="error",
        summary="s",
        rationale="r",
        remediation="m",
    )
    def check(repo, options):
        yield from ()

    return check
