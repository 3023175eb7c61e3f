"""Running git for the inventory, and starting its file listing early.

``git ls-files`` on a large tree spends most of its time waiting on the file system. Started
when the command line has been read, it runs while Python imports the engine and the rules,
instead of after them; :class:`~tcop_lint.repository.Repository` collects its output. The
listing goes to a temporary file, not a pipe, so git never stalls on a full pipe buffer.
This module imports nothing heavy, so that the listing starts as early as possible.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import tempfile
from typing import IO, NamedTuple

# `core.fsmonitor` could name a program to run; never let a scanned repo's config start one.
_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotePath=false")
LS_FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")
LS_TRACKED_FILES = ("ls-files", "-z", "--cached")
"""What is being committed (``--tracked-only``): the files in git's index, tracked or
staged; an untracked file is no evidence in a pre-commit hook, since CI will not see it."""

_started: dict[tuple[str, bool], tuple[subprocess.Popen[bytes], IO[bytes]]] = {}


def _ls_files(tracked_only: bool) -> tuple[str, ...]:
    return LS_TRACKED_FILES if tracked_only else LS_FILES


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def run_git(
    root: str | os.PathLike[str], *args: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*_GIT, *args], cwd=root, capture_output=True, env=_env(), check=False
    )


class GitProbe(NamedTuple):
    """What one ``git rev-parse`` says about the folder to scan."""

    bare: bool
    in_work_tree: bool
    shallow: bool
    prefix: str  # the folder's place in the work tree: "" at its top, else "sub/dir/"
    head: str | None  # the commit HEAD names; None before the first commit


def probe(root: str | os.PathLike[str]) -> GitProbe | None:
    """Ask git about ``root`` in one process; ``None`` when it is in no repository."""
    try:
        result = run_git(
            root,
            "rev-parse",
            "--is-bare-repository",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-prefix",
            "--verify",  # last: an unborn HEAD exits 1 after the answers above
            "-q",
            "HEAD",
        )
    except OSError:
        return None
    out = result.stdout.decode(
        sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
    )
    answers = out.split("\n", 3)
    if result.returncode not in (0, 1) or len(answers) < 4:
        return None
    rest = answers[3].removesuffix("\n")
    if result.returncode == 0:  # the prefix may hold a newline, the commit id cannot
        prefix, _, head = rest.rpartition("\n")
    else:
        prefix, head = rest, ""
    return GitProbe(
        bare=answers[0] == "true",
        in_work_tree=answers[1] == "true",
        shallow=answers[2] == "true",
        prefix=prefix,
        head=head or None,
    )


def start_listing(root: str | os.PathLike[str], tracked_only: bool = False) -> None:
    """Start ``git ls-files`` for ``root`` in the background (quietly nothing if it cannot)."""
    key = (os.path.realpath(root), tracked_only)
    if key in _started:
        return
    output = tempfile.TemporaryFile()  # noqa: SIM115 - open until list_files reads it
    try:
        process = subprocess.Popen(
            [*_GIT, *_ls_files(tracked_only)],
            cwd=key[0],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.DEVNULL,
            env=_env(),
        )
    except OSError:
        output.close()
        return
    _started[key] = (process, output)


def list_files(
    root: str | os.PathLike[str], tracked_only: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """``git ls-files`` for ``root``: the listing started early when there is one and it
    succeeded, else a fresh run (whose error output says what went wrong)."""
    started = _started.pop((os.path.realpath(root), tracked_only), None)
    if started is not None:
        process, output = started
        with output:
            if process.wait() == 0:
                output.seek(0)
                return subprocess.CompletedProcess(process.args, 0, output.read(), b"")
    return run_git(root, *_ls_files(tracked_only))


@atexit.register
def _stop_unclaimed() -> None:
    """A listing nobody collected (the run stopped at a config error) does not outlive us."""
    for process, output in _started.values():
        process.kill()
        process.wait()
        output.close()
    _started.clear()
