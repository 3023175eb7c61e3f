"""Updater globs built to backtrack (issue 14): each reaches TC0602 from a pull request's own
files, and each run completes in under 2 s of CPU with the outcome a correct matcher gives.

Renovate ``ignorePaths``, Dependabot ``directories`` and ``exclude-paths`` and npm
``workspaces`` all come from the scanned repository. Before the one glob engine, the first took
over 30 s (a backtracking regular expression) and the second over 60 s (a recursive segment
matcher), on configs of about 100 bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_git_repo

from .conftest import Run

BOUND = 2.0
"""Seconds of CPU each run may use: the acceptance bound of issue 14."""
STARS = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"
DOUBLE_STARS = "/**/**/**/**/**/**/**/**/**/**/**/nomatch"
LONG_FOLDER = "a" * 40
DEEP_FOLDER = "/".join(["a"] * 20)
DEPS = '{"dependencies": {"left-pad": "1.3.0"}}\n'
SCHEDULE = "    schedule:\n      interval: weekly\n"
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: security:` in .tcop-lint.yml"
)


def _uncovered(folder: str, config: str) -> str:
    return (
        f"npm dependencies in {folder}/ are not covered by {config}: add an updates entry "
        f"with package-ecosystem: npm and directory: /{folder}" + HINT
    )


def _findings(run: Run) -> list[tuple[str, str | None, int | None, str]]:
    return [
        (f["message"], f["path"], f["start_line"], f["level"])
        for f in run.findings("TC0602")
    ]


def test_renovate_ignore_paths_that_would_backtrack(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "renovate.json": json.dumps({"ignorePaths": [STARS]}),
            f"{LONG_FOLDER}/package.json": DEPS,
        },
    )
    run = run_cli(root, "--select", "TC0602", bound=BOUND)
    assert run.rule("TC0602")["outcome"] == "pass"
    assert _findings(run) == []
    assert [(e["path"], e["detail"]) for e in run.rule("TC0602")["evidence"]] == [
        ("renovate.json", f"covers npm in /{LONG_FOLDER}")
    ]


def test_dependabot_directories_that_would_backtrack(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n  - package-ecosystem: npm\n"
                f"    directories: ['{DOUBLE_STARS}']\n{SCHEDULE}"
            ),
            f"{DEEP_FOLDER}/package.json": DEPS,
        },
    )
    run = run_cli(root, "--select", "TC0602", bound=BOUND)
    assert run.rule("TC0602")["outcome"] == "fail"
    assert _findings(run) == [
        (
            _uncovered(DEEP_FOLDER, ".github/dependabot.yml"),
            f"{DEEP_FOLDER}/package.json",
            1,
            "error",
        )
    ]


def test_npm_workspaces_that_would_backtrack(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "package.json": json.dumps(
                {"private": True, "workspaces": [DOUBLE_STARS.lstrip("/"), STARS]}
            ),
            f"{DEEP_FOLDER}/package.json": DEPS,
            f"{LONG_FOLDER}/package.json": DEPS,
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n  - package-ecosystem: npm\n"
                f"    directory: /\n{SCHEDULE}"
            ),
        },
    )
    run = run_cli(root, "--select", "TC0602", bound=BOUND)
    # neither glob names a member: each package is its own project, which / does not cover
    assert _findings(run) == [
        (
            _uncovered(DEEP_FOLDER, ".github/dependabot.yml"),
            f"{DEEP_FOLDER}/package.json",
            1,
            "warning",
        ),
        (
            _uncovered(LONG_FOLDER, ".github/dependabot.yml"),
            f"{LONG_FOLDER}/package.json",
            1,
            "warning",
        ),
    ]
    assert [(e["path"], e["detail"]) for e in run.rule("TC0602")["evidence"]] == [
        (".github/dependabot.yml", "covers npm in /")
    ]


def test_dependabot_exclude_paths_that_would_backtrack(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n  - package-ecosystem: npm\n"
                f"    directories: ['/', '/{LONG_FOLDER}/x', '{DOUBLE_STARS}']\n"
                f"    exclude-paths: ['{STARS}', '{DOUBLE_STARS.lstrip('/')}']\n"
                f"{SCHEDULE}"
            ),
            "package.json": DEPS,
            f"{LONG_FOLDER}/package.json": DEPS,
            f"{DEEP_FOLDER}/package.json": DEPS,
        },
    )
    run = run_cli(root, "--select", "TC0602", bound=BOUND)
    # no pattern names either folder, so neither is left out on purpose
    assert _findings(run) == [
        (
            _uncovered(DEEP_FOLDER, ".github/dependabot.yml"),
            f"{DEEP_FOLDER}/package.json",
            1,
            "warning",
        ),
        (
            _uncovered(LONG_FOLDER, ".github/dependabot.yml"),
            f"{LONG_FOLDER}/package.json",
            1,
            "warning",
        ),
    ]
