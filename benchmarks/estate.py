"""Measure ``tcop-lint estate`` over many small generated repositories against the floor it
must beat, measured in the same run: the same repositories checked by separate
``tcop-lint PATH`` runs, one after another (issue 16, acceptance 5).

Both sides run with the result cache warm (a second run over unchanged repositories) and
without it (``--no-cache``, as on a fresh CI runner), and write the same JSON reports. The
estate's memory is sampled from /proc every 10 ms over its whole process tree (the parent,
its workers and their git processes): the peak of the summed PSS (each page shared by the
forked workers divided among them: the memory the tree holds, which the 300 MB bound is
on), of the summed RSS (shared pages counted once per process, an overstatement) and the
largest single process's RSS. Ratios, not absolute times, are what to compare.

    python benchmarks/estate.py                     # 200 repositories of 30 files
    python benchmarks/estate.py --repos 500 --files 200 --jobs 8
    python benchmarks/estate.py --ci                # 8, warm cache only; exits 1 if a bound is missed
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate

CACHE = HERE / ".cache"
TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SPEEDUP = 3.0
"""The issue's bound: the estate at least 3x faster than separate runs (200 repositories)."""
MEMORY_MB = 300.0
CI_SPEEDUP = 2.0
"""--ci checks 8 repositories, where starting the workers weighs more: a lower bound
that still fails if the estate paid a process start (or the rule imports) per repository."""


@dataclass(frozen=True)
class Measure:
    seconds: float
    cpu: float
    """User + system CPU time of the command and every process it waited for."""
    tree_mb: float
    """Peak summed RSS of the process tree (0 when not sampled)."""
    pss_mb: float
    """Peak summed PSS of the process tree (0 when not sampled)."""
    largest_mb: float
    """Peak RSS of the largest single process."""


def repositories(count: int, files: int) -> list[Path]:
    """``count`` small repositories of ``files`` files, each with a GitHub remote; made once
    and kept under benchmarks/.cache."""
    base = CACHE / f"estate-{count}x{files}"
    repos = [base / f"repo{index:03d}" for index in range(count)]
    for index, repo in enumerate(repos):
        if not (repo / ".git").exists():
            shutil.rmtree(repo, ignore_errors=True)
            generate(repo, files, seed=index + 1, ignored=0)
            subprocess.run(
                [
                    "git",
                    "remote",
                    "add",
                    "origin",
                    f"https://github.com/bench/{repo.name}.git",
                ],
                cwd=repo,
                check=True,
            )
    return repos


def _run(command: list[str], sample: bool) -> Measure:
    peak = [0.0, 0.0]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, stop, peak))
    if sample:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    if sample:
        sampler.join()
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {stderr}")
    cpu = usage.ru_utime + usage.ru_stime
    return Measure(wall, cpu, peak[0], peak[1], usage.ru_maxrss / 1024)


def _sample_tree(root: int, stop: threading.Event, peak: list[float]) -> None:
    while not stop.wait(0.01):
        rss, pss = _tree_kb(root)
        peak[0] = max(peak[0], rss / 1024)
        peak[1] = max(peak[1], pss / 1024)


def _tree_kb(root: int) -> tuple[int, int]:
    """Resident and proportional set sizes (kB) of ``root`` and all its descendants, from
    /proc: RSS counts a page shared by the forked workers once per process, PSS divides it
    among them, so its sum is the memory the tree really holds."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    rss = pss = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith((b"Rss:", b"Pss:")):
                        value = int(line.split()[1])
                        rss, pss = (
                            (rss + value, pss)
                            if line[0:1] == b"R"
                            else (rss, pss + value)
                        )
        except (OSError, ValueError):
            continue
    return rss, pss


def separate(repos: list[Path], out: Path, cache: bool) -> Measure:
    """Every repository by its own ``tcop-lint PATH`` process, one after another."""
    runs = [
        _run(
            [
                TCOP_LINT,
                str(repo),
                *([] if cache else ["--no-cache"]),
                "--fail-on",
                "never",
                "--format",
                f"json:{out / f'{repo.name}.json'}",
            ],
            sample=False,
        )
        for repo in repos
    ]
    return Measure(
        sum(r.seconds for r in runs),
        sum(r.cpu for r in runs),
        0.0,
        0.0,
        max(r.largest_mb for r in runs),
    )


def estate(repos: list[Path], out: Path, cache: bool, jobs: int | None) -> Measure:
    return _run(
        [
            TCOP_LINT,
            "estate",
            *map(str, repos),
            *([] if cache else ["--no-cache"]),
            *([] if jobs is None else ["--jobs", str(jobs)]),
            "--output",
            str(out),
            "--quiet",
        ],
        sample=True,
    )


def run(count: int, files: int, jobs: int | None, ci: bool) -> int:
    repos = repositories(count, files)
    out = Path(tempfile.mkdtemp(prefix="tcop-estate-bench-"))
    ENV["TCOP_LINT_CACHE_DIR"] = str(out / "cache")
    try:
        estate(
            repos, out / "warm-up", cache=True, jobs=jobs
        )  # file cache, result cache
        rows = []
        for cache in (True,) if ci else (True, False):
            alone = separate(repos, out / "reports", cache)
            together = estate(repos, out / "estate", cache, jobs)
            rows.append(("warm" if cache else "no cache", alone, together))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    cpus = jobs or len(os.sched_getaffinity(0))
    print(
        f"{count} repositories of {files} files, estate with {cpus} worker(s) "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        f"{'cache':>9} {'separate':>9} {'estate':>8} {'speed-up':>9} {'sep CPU':>8} "
        f"{'est CPU':>8} {'CPU ratio':>10} {'RSS MB':>7} {'PSS MB':>7} {'largest MB':>11} "
        f"{'sep MB':>7}"
    )
    failures = []
    bound = CI_SPEEDUP if ci else SPEEDUP
    for mode, alone, together in rows:
        speedup = alone.seconds / together.seconds
        print(
            f"{mode:>9} {alone.seconds:>8.2f}s {together.seconds:>7.2f}s {speedup:>8.1f}x "
            f"{alone.cpu:>7.2f}s {together.cpu:>7.2f}s {alone.cpu / together.cpu:>9.1f}x "
            f"{together.tree_mb:>7.0f} {together.pss_mb:>7.0f} {together.largest_mb:>11.0f} "
            f"{alone.largest_mb:>7.0f}"
        )
        if speedup < bound:
            failures.append(f"{mode}: speed-up {speedup:.1f}x < {bound}x")
        if together.pss_mb >= MEMORY_MB:
            failures.append(
                f"{mode}: peak PSS {together.pss_mb:.0f} MB >= {MEMORY_MB} MB"
            )
    print("bounds: " + ("; ".join(failures) if failures else "all within bounds"))
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=None, help="default: the CPU count")
    parser.add_argument(
        "--ci", action="store_true", help="8 repositories, warm cache only, CI bounds"
    )
    args = parser.parse_args()
    count = 8 if args.ci else args.repos
    sys.exit(run(count, args.files, args.jobs, args.ci))


if __name__ == "__main__":
    main()
