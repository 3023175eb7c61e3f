"""The CI variant of the estate benchmark (benchmarks/estate.py --ci): eight small
repositories, the estate against separate runs measured in the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_estate_is_faster_than_separate_runs_and_stays_small() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "estate.py"), "--ci"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "bounds: all within bounds"
