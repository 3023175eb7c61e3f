"""Checking local repositories for an estate, each in a worker process, exactly as
``tcop-lint PATH`` checks one (:func:`tcop_lint.checking.check_repository`).

The parent imports the engine and every rule once and forks its workers after that (on Linux;
elsewhere a fork server with the same modules preloaded), so a repository costs only its own
analysis. At most ``jobs`` repositories are in flight at a time. Anything that stops one
repository (not a git work tree, a broken config, a refused path, a crash outside the rules)
is recorded as its reason. A worker that dies (killed, out of memory, a crash in a C
extension) breaks the whole pool: the repositories in flight with it are then checked again
one at a time, so only the one that kills its worker is recorded as failed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tcop_lint.checking import (
    CheckProblem,
    Runner,
    check_repository,
    refuse_a_path_that_leaves_its_checkout,
)
from tcop_lint.estate.entries import Outcome

if TYPE_CHECKING:
    import multiprocessing.context

Done = Callable[[Outcome], None]
"""Told of each repository as it is finished (the progress display)."""

WORKER_DIED = (
    "the worker process checking it died (killed, out of memory or crashed); "
    "check it alone with tcop-lint PATH to see why"
)

NO_WORKER = "no worker process could be started to check it"


class Settings(NamedTuple):
    """The runner's choices, the same for every repository (each has its own config)."""

    profile: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    runner: Runner
    no_cache: bool
    repo_seconds: float | None = None
    """The time limit per repository (``None``: none): its worker is stopped after it."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def check_all(
    paths: Sequence[str], settings: Settings, jobs: int, done: Done
) -> list[Outcome]:
    """Every repository of ``paths`` checked, in the order they finish."""
    _preload()
    outcomes: list[Outcome] = []
    suspects: list[str] = []
    waiting = list(paths)
    while waiting:
        finished, died, left = _in_pool(waiting, settings, jobs, done)
        if not finished and not died:  # no worker could even start
            finished = [_failed(path, NO_WORKER, settings) for path in left]
            left = []
            for outcome in finished:
                done(outcome)
        outcomes += finished
        suspects += died
        waiting = left
    for path in suspects:
        finished, died, _ = _in_pool([path], settings, 1, done)
        if died:
            finished = [_failed(path, WORKER_DIED, settings)]
            done(finished[0])
        outcomes += finished
    return outcomes


def _in_pool(
    paths: list[str], settings: Settings, jobs: int, done: Done
) -> tuple[list[Outcome], list[str], list[str]]:
    """Check ``paths`` in one pool of ``jobs`` workers, until they are done or the pool
    breaks: (outcomes, the paths in flight when it broke, the paths not started)."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    waiting = deque(paths)
    outcomes: list[Outcome] = []
    died: list[str] = []
    running: dict[Future[Outcome], str] = {}
    watch = _Watch(settings.repo_seconds)
    pool = ProcessPoolExecutor(
        min(jobs, len(paths)),
        mp_context=_context(),
        initializer=_remember,
        initargs=(watch.queue,),
    )
    broken = False
    try:
        while running or (waiting and not broken):
            while waiting and not broken and len(running) < jobs:
                try:
                    future = pool.submit(check_one, waiting[0], settings)
                except BrokenProcessPool:
                    broken = True
                    break
                running[future] = waiting.popleft()
            if not running:
                break
            finished, _ = wait(running, watch.interval, FIRST_COMPLETED)
            watch.stop_the_slow(running.values())
            for future in finished:
                path = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken = True
                    if path not in watch.stopped:
                        died.append(path)
                        continue
                    outcome = _failed(path, watch.reason, settings)
                except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                    outcome = _failed(path, _internal(exc), settings)
                outcomes.append(outcome)
                done(outcome)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return outcomes, died, list(waiting)


class _Watch:
    """Which worker process checks which repository since when, so that one that runs
    longer than the limit can be stopped (its worker killed: the pool then breaks, and the
    other repositories in flight are checked again)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.queue = None if seconds is None else _context().SimpleQueue()
        self.interval = None if seconds is None else min(0.5, seconds / 4)
        self.started: dict[str, tuple[int, float]] = {}
        self.stopped: set[str] = set()
        self.reason = (
            f"stopped after {seconds:g} s (--repo-time-limit); check it alone with "
            "tcop-lint PATH to see what takes so long"
        )

    def stop_the_slow(self, running: Iterable[str]) -> None:
        if self.queue is None or self.seconds is None:
            return
        now = time.monotonic()
        while not self.queue.empty():
            path, pid = self.queue.get()
            self.started[path] = (pid, now)
        for path in running:
            pid, since = self.started.get(path, (0, now))
            if pid and path not in self.stopped and now - since > self.seconds:
                self.stopped.add(path)
                with contextlib.suppress(OSError):
                    os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))


_started: Any = None
"""In a worker: where to say which repository it starts on (see :class:`_Watch`)."""


def _remember(queue: Any) -> None:
    global _started
    _started = queue


def check_one(path: str, settings: Settings) -> Outcome:
    """One repository, checked in this process: its report, or why there is none."""
    if _started is not None:
        _started.put((path, os.getpid()))
    try:
        return _checked(path, settings)
    except CheckProblem as exc:
        return _failed(path, str(exc), settings)
    except Exception as exc:  # noqa: BLE001 - recorded as this repository's reason
        return _failed(path, _internal(exc), settings)


def _checked(path: str, settings: Settings) -> Outcome:
    from tcop_lint import collector
    from tcop_lint.gitlisting import probe
    from tcop_lint.report.json_report import as_dict

    refuse_a_path_that_leaves_its_checkout(path)
    root = Path(path)
    if root.is_dir():
        found = probe(root)
        if found is None or not (found.in_work_tree or found.bare):
            raise CheckProblem(
                f"{path}: not a git repository (the estate checks git work trees; "
                "tcop-lint PATH checks any folder)"
            )
    with collector.paused():
        report = check_repository(
            root,
            settings.profile,
            None,
            settings.select,
            settings.ignore,
            settings.runner,
            None,
            settings.no_cache,
        )
        data = as_dict(report)
    identity = data["repository"] or {}
    name = identity.get("name") or Path(data["root"]).name
    return Outcome(data["root"], name, identity.get("commit"), data)


def _failed(path: str, reason: str, settings: Settings) -> Outcome:
    """The outcome of a repository that has no report, named as its report would name it."""
    location = _location(path)
    name, commit = Path(location).name or location, None
    try:
        from tcop_lint.cache import ResultCache, default_directory
        from tcop_lint.facts.gitfacts import GitFacts
        from tcop_lint.facts.identity import identity_of
        from tcop_lint.gitlisting import probe

        found = probe(location) if os.path.isdir(location) else None
        if found is not None and found.in_work_tree:
            cache = ResultCache(None if settings.no_cache else default_directory())
            identity = identity_of(
                Path(location), GitFacts(Path(location), found, cache)
            )
            name, commit = identity.name, identity.commit
    except Exception:  # noqa: BLE001, S110 - the folder's name is a fine name
        pass
    return Outcome(location, name, commit, None, reason)


def _location(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return os.path.abspath(path)


def _internal(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"


def _preload() -> None:
    """Import what every worker needs before the workers are made, so each inherits it,
    and move it to the collector's permanent generation, so that no worker's collection
    touches (and so copies) the pages it shares with the parent."""
    import gc

    from tcop_lint import engine  # noqa: F401 - imported for the workers to inherit
    from tcop_lint.registry import builtin_rules
    from tcop_lint.report import json_report  # noqa: F401 - as above

    builtin_rules()
    gc.freeze()


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods:
        return multiprocessing.get_context("fork")
    context: Any = multiprocessing.get_context(
        "forkserver" if "forkserver" in methods else "spawn"
    )
    if "forkserver" in methods:
        context.set_forkserver_preload(["tcop_lint.estate.run", "tcop_lint.engine"])
    return context
