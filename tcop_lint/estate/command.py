"""``tcop-lint estate``: what the command line's ``estate`` command delegates to.

Exit codes: 0 when every repository was checked (whatever it was found to lack: the estate
view reports, it does not gate) and, with ``--fail-on``, none has a finding at that level;
1 when a repository could not be checked, or one has such a finding; 2 for a usage problem
(:class:`EstateProblem`, one line).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tcop_lint.estate.entries import Outcome, build_estate

if TYPE_CHECKING:
    from tcop_lint.estate.run import Settings

LEVELS = ("note", "warning", "error")


class EstateProblem(Exception):
    """A usage problem: nothing to check, an unreadable list or previous estate."""


class EstateRequest(NamedTuple):
    paths: tuple[str, ...]
    """Repositories, or with ``merge`` the files to merge."""
    from_file: str | None
    merge: bool
    previous: str | None
    output: str
    jobs: int | None
    profile: str | None
    fail_on: str
    quiet: bool


def run_estate(request: EstateRequest, settings: Settings) -> int:
    """Check or merge, write the outputs, say what was written; the exit code.
    ``settings`` apply to checking only, not to a merge."""
    paths = [*request.paths, *_listed(request.from_file)]
    if not paths:
        raise EstateProblem(
            "no repositories given: name them as arguments or in --from-file"
            if not request.merge
            else "no reports given: name the JSON reports to merge"
        )
    previous = _previous(request.previous)
    directory = _output_folder(request.output)
    outcomes = _outcomes(request, paths, settings)
    estate = build_estate(outcomes, profile=request.profile)
    if previous is not None:
        from tcop_lint.estate.changes import changes_since

        estate["changes"] = changes_since(previous, estate)
    from tcop_lint.estate.outputs import write_outputs

    try:
        written = write_outputs(estate, directory)
    except OSError as exc:
        raise EstateProblem(
            f"{directory}: cannot write the estate: {exc.strerror or exc}"
        ) from None
    entries = estate["repositories"]
    unchecked = sum(entry["status"] == "error" for entry in entries)
    if not request.quiet:
        names = ", ".join(path.name for path in written)
        sys.stderr.write(
            f"tcop-lint estate: {len(entries)} repositories, {len(entries) - unchecked} "
            f"checked, {unchecked} could not be checked; wrote {names} to {directory}\n"
        )
    failing = any(_reaches(entry, request.fail_on) for entry in entries)
    return 1 if unchecked or failing else 0


def _outcomes(
    request: EstateRequest, paths: list[str], settings: Settings
) -> list[Outcome]:
    if request.merge:
        from tcop_lint.estate.merge import read_outcomes

        return read_outcomes(paths)
    from tcop_lint.estate.progress import Progress
    from tcop_lint.estate.run import check_all, default_jobs

    progress = Progress(len(paths), sys.stderr, quiet=request.quiet)
    try:
        return check_all(paths, settings, request.jobs or default_jobs(), progress.done)
    finally:
        progress.finish()


def _listed(from_file: str | None) -> list[str]:
    """The paths a list file names, one a line; blank lines and ``#`` comments skipped;
    ``-`` reads standard input."""
    if from_file is None:
        return []
    try:
        if from_file == "-":
            text = sys.stdin.read()
        else:
            text = Path(from_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise EstateProblem(f"{from_file}: cannot be read: {reason}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _previous(file: str | None) -> dict[str, Any] | None:
    if file is None:
        return None
    from tcop_lint.estate.merge import NotMergeable, estate_problem, load_json

    try:
        data = load_json(file)
    except NotMergeable as exc:
        raise EstateProblem(str(exc)) from None
    problem = estate_problem(data)
    if problem:
        raise EstateProblem(f"{file}: not a tcop-lint estate.json: {problem}")
    return data  # type: ignore[no-any-return]


def _output_folder(output: str) -> Path:
    directory = Path(output)
    if directory.exists() and not directory.is_dir():
        raise EstateProblem(
            f"{output}: not a folder (--output names the folder to write)"
        )
    return directory


def _reaches(entry: dict[str, Any], fail_on: str) -> bool:
    """Whether a checked repository has an unsuppressed finding at ``fail_on`` or above
    (a rule that could not run counts as an error, as for ``tcop-lint PATH``)."""
    report = entry["report"]
    if fail_on == "never" or report is None:
        return False
    wanted = set(LEVELS[LEVELS.index(fail_on) :])
    if report["errors"] and "error" in wanted:
        return True
    return any(
        finding["level"] in wanted and "suppression" not in finding
        for rule in report["rules"]
        for finding in rule["findings"]
    )
