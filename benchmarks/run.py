"""Measure tcop-lint against floors taken in the same run, and print the ratios.

For each repository size: median wall time, least CPU time and peak RSS of `git ls-files`,
`python -c pass`, the Python floor (benchmarks/floor.py) and a full tcop-lint run (all rules,
SARIF + JSON written) with its result cache warm, as a pre-commit hook or a local run meets
it, and without it (`--no-cache`, as on a fresh CI runner); then the cold start (`tcop-lint
--version`, a full run on a 20-file repository) and the cost of doubling ignored content. Ratios, not absolute times, are what to
compare: machines are noisy, and the CI bounds use CPU time, which shared cores disturb least.

    python benchmarks/run.py                      # 1k, 10k, 100k
    python benchmarks/run.py --sizes 1000 300000  # any sizes
    python benchmarks/run.py --ci                 # small and quick; exits 1 if a ratio regresses
    python benchmarks/run.py --repolinter         # also Repolinter on 10k (needs npm; not in CI)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate

CACHE = HERE / ".cache"
LS_FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")
TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
# Generous bounds for --ci: they catch a regression of the design (work for every file beyond
# the inventory, a walk of ignored content, an eager heavy import at start-up), not drift. At
# small sizes the fixed cost of loading the rules and their libraries dominates run/floor, so
# the CI bound is on the marginal cost per tracked file instead. From 2k to 16k files it was
# 3.7x-7.6x over five interleaved runs here (the rules read the manifests, which grow with the
# tree, while the floor reads nothing), hence 15.
CI_BOUNDS = {"marginal/floor": 15.0, "version/python": 6.0, "ignored x2": 1.5}


@dataclass(frozen=True)
class Measure:
    seconds: float
    """Median wall time."""
    cpu: float
    """Least CPU time (user + system, the process and the children it waited for): on a
    shared machine the steadiest measure of the work a command does."""
    rss_mb: float


# Measured as installed: pip writes bytecode at install time, so a run never compiles its
# modules from source, even where PYTHONDONTWRITEBYTECODE is set (as on some CI images).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


Job = tuple[list[str], Path | None]
"""A command and the directory it runs in."""


def measure(jobs: list[Job], repeat: int) -> list[Measure]:
    """For each job: median wall time, least CPU time and median peak RSS over ``repeat``
    runs, the jobs taking turns (so that a slow phase of a shared machine falls on all of
    them, not on one), after one unmeasured run each that warms the file cache and writes
    any missing bytecode."""
    for command, cwd in jobs:
        subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, check=False)
    samples: list[list[tuple[float, float, float]]] = [[] for _ in jobs]
    for _ in range(repeat):
        for (command, cwd), taken in zip(jobs, samples, strict=True):
            taken.append(_run_once(command, cwd))
    return [
        Measure(
            statistics.median(t[0] for t in taken),
            min(t[1] for t in taken),
            statistics.median(t[2] for t in taken),
        )
        for taken in samples
    ]


def _run_once(command: list[str], cwd: Path | None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(
            f"{' '.join(command)} failed: {process.stderr.read().decode()}"
        )
    process.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def repository(files: int, ignored: int | None = None) -> Path:
    name = f"repo-{files}" + (f"-ignored{ignored}" if ignored is not None else "")
    path = CACHE / name
    if not (path / ".git").exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {name} ...", file=sys.stderr)
        generate(path, files, seed=1, ignored=ignored)
    return path


def tcop_command(repo: Path, out: Path, *, cache: bool = True) -> list[str]:
    return [
        TCOP_LINT,
        str(repo),
        *([] if cache else ["--no-cache"]),
        "--fail-on",
        "never",
        "--format",
        f"sarif:{out / 'r.sarif'}",
        "--format",
        f"json:{out / 'r.json'}",
    ]


def run(sizes: list[int], repeat: int, ci: bool, repolinter: bool) -> int:
    out = Path(tempfile.mkdtemp(prefix="tcop-bench-"))
    # The result cache is the run's own; the unmeasured first run of each job fills it.
    ENV["TCOP_LINT_CACHE_DIR"] = str(out / "cache")
    rows = []
    print(
        f"{'files':>8} {'git ls-files':>13} {'python':>8} {'floor':>8} {'tcop-lint':>10} "
        f"{'run/floor':>10} {'CPU ratio':>10} {'RSS MB':>7} {'no cache':>9} {'ratio':>6}"
    )
    ratios: dict[str, float] = {}
    reps = repeat if max(sizes) < 50_000 else max(3, repeat // 2)
    jobs: list[Job] = []
    for size in sizes:
        repo = repository(size)
        jobs += [
            (["git", *LS_FILES], repo),
            ([sys.executable, "-c", "pass"], None),
            ([sys.executable, str(HERE / "floor.py"), str(repo)], None),
            (tcop_command(repo, out), None),
            (tcop_command(repo, out, cache=False), None),
        ]
    measured = measure(jobs, reps)
    for index, size in enumerate(sizes):
        git_ls, python, floor, tcop, cold = measured[5 * index : 5 * index + 5]
        ratio = tcop.seconds / floor.seconds
        rows.append((size, tcop, floor))
        print(
            f"{size:>8} {git_ls.seconds:>12.3f}s {python.seconds:>7.3f}s {floor.seconds:>7.3f}s "
            f"{tcop.seconds:>9.3f}s {ratio:>9.1f}x {tcop.cpu / floor.cpu:>9.1f}x "
            f"{tcop.rss_mb:>7.0f} {cold.seconds:>8.3f}s {cold.seconds / floor.seconds:>5.1f}x"
        )

    if len(rows) > 1:
        (_, small_run, small_floor), (_, big_run, big_floor) = rows[0], rows[-1]
        marginal = (big_run.cpu - small_run.cpu) / max(
            big_floor.cpu - small_floor.cpu, 1e-3
        )
        ratios["marginal/floor"] = marginal
        print(
            f"marginal CPU cost per tracked file, {rows[0][0]} -> {rows[-1][0]} files: "
            f"{marginal:.1f}x the floor's"
        )

    small = repository(20, ignored=0)
    # Start-up runs are short and a shared machine's slow spells are not: three times the
    # samples keep one spell from moving the median.
    python, version, small_run, small_cold = measure(
        [
            ([sys.executable, "-c", "pass"], None),
            ([TCOP_LINT, "--version"], None),
            (tcop_command(small, out), None),
            (tcop_command(small, out, cache=False), None),
        ],
        3 * repeat,
    )
    ratios["version/python"] = version.seconds / python.seconds
    print(
        f"\ncold start: tcop-lint --version {version.seconds:.3f}s "
        f"({ratios['version/python']:.1f}x python -c pass {python.seconds:.3f}s); "
        f"full run on 20 files {small_run.seconds:.3f}s "
        f"({small_run.seconds / python.seconds:.1f}x python -c pass; "
        f"{small_cold.seconds:.3f}s with --no-cache)"
    )

    base_size = sizes[0]
    doubled = repository(base_size, ignored=base_size * 4)
    plain, heavy = measure(
        [
            (tcop_command(repository(base_size), out), None),
            (tcop_command(doubled, out), None),
        ],
        repeat,
    )
    ratios["ignored x2"] = heavy.cpu / plain.cpu
    print(
        f"doubling ignored node_modules at {base_size} files: {ratios['ignored x2']:.2f}x "
        f"CPU ({plain.cpu:.3f}s -> {heavy.cpu:.3f}s)"
    )

    if repolinter:
        _repolinter(repository(10_000), out, repeat=repeat)
    shutil.rmtree(out, ignore_errors=True)
    if ci:
        failed = [
            f"{name} {ratios[name]:.2f} > {bound}"
            for name, bound in CI_BOUNDS.items()
            if ratios[name] > bound
        ]
        print("ratio bounds: " + ("; ".join(failed) if failed else "all within bounds"))
        return 1 if failed else 0
    return 0


def _repolinter(repo: Path, out: Path, repeat: int) -> None:
    """Repolinter's default ruleset on the same repository (installs it with npm)."""
    prefix = CACHE / "repolinter"
    binary = prefix / "node_modules" / ".bin" / "repolinter"
    if not binary.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(prefix), "repolinter"], check=True
        )
    theirs, ours, cold = measure(
        [
            ([str(binary), "lint", str(repo)], None),
            (tcop_command(repo, out), None),
            (tcop_command(repo, out, cache=False), None),
        ],
        repeat,
    )
    print(
        f"repolinter on 10k files: {theirs.seconds:.3f}s; tcop-lint {ours.seconds:.3f}s "
        f"({theirs.seconds / ours.seconds:.1f}x faster), {cold.seconds:.3f}s with "
        f"--no-cache ({theirs.seconds / cold.seconds:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000]
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--ci", action="store_true", help="quick run with ratio bounds")
    parser.add_argument("--repolinter", action="store_true")
    args = parser.parse_args()
    if args.ci:
        args.sizes, args.repeat = [2_000, 16_000], 5
    sys.exit(run(args.sizes, args.repeat, args.ci, args.repolinter))


if __name__ == "__main__":
    main()
