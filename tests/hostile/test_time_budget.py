"""A slow rule cannot stall the run: the time limit per rule (issue 19, defence in depth).

Rules are written to be linear on any input; if one is not (a pattern that backtracks, a loop
on some odd file), the limit stops it after ``--rule-time-limit`` seconds as that rule's
``error`` outcome, and every other rule still reports. The slow rules here are plugin rules in
a local folder (loaded with ``--allow-plugins``): one sleeps, one spins inside its own
``except Exception``, one runs a backtracking regular expression.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from .conftest import assert_valid_sarif, tcop

SLOW_RULES = """
import re
import time

from tcop_lint.plugin import Finding, rule

META = dict(topic="share-reuse", level="warning", summary="x", rationale="x", remediation="x")


@rule(code="TC0891", name="prompt", **META)
def prompt(repo, options):
    yield Finding("a prompt finding", path="README.md", id="prompt")


@rule(code="TC0893", name="sleeps", **META)
def sleeps(repo, options):
    yield Finding("before the sleep", id="early")
    time.sleep(60)


@rule(code="TC0894", name="spins", **META)
def spins(repo, options):
    try:
        while True:
            pass
    except Exception:
        yield Finding("swallowed", id="swallowed")


@rule(code="TC0895", name="backtracks", **META)
def backtracks(repo, options):
    if re.match(r"(a+)+$", "a" * 64 + "b"):
        yield Finding("matched", id="matched")
"""

STOPPED = "ran longer than the 1-second time limit per rule"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/slow.py": SLOW_RULES,
        },
    )


def test_slow_rules_are_stopped_and_the_others_report(
    tmp_path: Path, repo: Path
) -> None:
    started = time.monotonic()
    run = tcop(
        repo,
        "--allow-plugins",
        "--rule-time-limit",
        "1",
        "--select",
        "TC089,TC0901",
        out_dir=tmp_path / "outputs",
        bound=15,
    )
    assert time.monotonic() - started < 12
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and run.stderr == ""
    outcomes = {r["code"]: (r["outcome"], r["reason"]) for r in run.report["rules"]}
    for code in ("TC0893", "TC0894", "TC0895"):
        assert outcomes[code] == ("error", f"rule stopped: {STOPPED}")
        assert run.rule(code)["findings"] == []  # nothing half-done is reported
    assert outcomes["TC0891"][0] == "warn"
    assert outcomes["TC0901"][0] in ("pass", "fail")
    assert run.report["errors"] == [
        {"rule": code, "message": STOPPED} for code in ("TC0893", "TC0894", "TC0895")
    ]
    assert_valid_sarif(run.sarif)
    notes = run.sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["TC0893", "TC0894", "TC0895"]
    assert f"TC0893 error: rule stopped: {STOPPED}" in run.text


def test_the_time_limit_is_the_runner_s_to_set(tmp_path: Path, repo: Path) -> None:
    """No config key sets it, and the command line refuses a limit that is not positive."""
    (repo / ".tcop-lint.yml").write_text("plugins: [./org_rules]\nrule-time-limit: 1\n")
    run = tcop(repo, "--allow-plugins", out_dir=tmp_path / "outputs", formats=False)
    assert run.returncode == 2
    assert "unknown key 'rule-time-limit'" in run.stderr
    run = tcop(
        repo, "--rule-time-limit", "0", out_dir=tmp_path / "outputs", formats=False
    )
    assert run.returncode == 2


def test_the_engine_leaves_the_alarm_as_it_found_it(repo: Path) -> None:
    """In-process: the handler and the timer are restored after every rule, and a timer that
    someone else set (a test harness) is left alone, with no limit applied."""
    from tcop_lint import config as config_module
    from tcop_lint import engine
    from tcop_lint.registry import builtin_rules, folder_rules, index

    rules = index([*builtin_rules(), *folder_rules(repo / "org_rules")])
    config = config_module.load(repo)
    selection = engine.Selection(select=("TC0891", "TC0895", "TC0901"))
    report = engine.run(repo, config, rules, selection=selection, rule_seconds=0.5)
    outcomes = {r.rule.code: r.outcome for r in report.results}
    assert outcomes["TC0895"] == "error"
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        report = engine.run(
            repo,
            config,
            rules,
            selection=engine.Selection(select=("TC0891", "TC0901")),
            rule_seconds=0.5,
        )
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert {r.outcome for r in report.results} <= {"pass", "warn", "fail"}


def test_cli_default_is_the_engine_s() -> None:
    import click

    from tcop_lint import engine
    from tcop_lint.cli import check

    [option] = [p for p in check.params if p.name == "rule_time_limit"]
    assert isinstance(option, click.Option)
    assert option.default == engine.DEFAULT_RULE_SECONDS
