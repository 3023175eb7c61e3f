"""Without Chromium the browser tests skip on a developer's machine and fail in CI
(``TCOP_LINT_REQUIRE_BROWSER=1``, which .ci/run sets), so CI cannot pass by skipping them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _run_without_chromium(
    tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k != "TCOP_LINT_REQUIRE_BROWSER"
    }
    environment.update(env, TCOP_LINT_CHROMIUM=str(tmp_path / "no-such-chromium"))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            f"--basetemp={tmp_path / 'run'}",
            str(HERE / "test_dashboard.py"),
            "-k",
            "renders_with_a_screenshot",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parents[1],
        env=environment,
    )


@pytest.mark.parametrize(
    ("env", "code", "says"),
    [
        ({}, 0, "1 skipped"),
        ({"TCOP_LINT_REQUIRE_BROWSER": "1"}, 1, "1 error"),
    ],
)
def test_a_missing_browser_skips_only_where_it_is_not_required(
    tmp_path: Path, env: dict[str, str], code: int, says: str
) -> None:
    run = _run_without_chromium(tmp_path, **env)
    assert run.returncode == code, run.stdout + run.stderr
    assert says in run.stdout.splitlines()[-1]
    assert "no Chromium found" in run.stdout
