"""Values CI fills into its own lines: GitHub Actions matrix values and ``env:``, GitLab CI
``variables:`` and ``parallel: matrix:``.

``run: npm run ${{ matrix.job }}`` with ``matrix: {job: [lint, test]}`` runs ``npm run lint``
and ``npm run test``; ``script: $TASK_BIN test`` with ``variables: {TASK_BIN: uv run task}``
runs ``uv run task test``. :func:`expand` gives each command a line stands for, so the readers
of CI lines see the commands CI runs. Values are read one level deep (a variable whose value
names another variable is not followed) and a line stands for at most
:data:`MAX_EXPANSIONS` commands.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, NamedTuple

from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re

MAX_EXPANSIONS = 16
"""How many commands one line may stand for; the rest are not read."""
MAX_LINE = 4000
"""Longer lines are not expanded: real CI lines are short, crafted ones are not."""
_MAX_VALUES = 32
"""How many values of one name are kept (a matrix axis of 32 entries is already rare)."""
_END = 1 << 62

_REFERENCE = lazy_re(r"\$\{\{\s*((?:matrix|env)\.[\w.-]+)\s*\}\}|\$\{(\w+)\}|\$(\w+)")
_GITLAB_NOT_JOBS = frozenset(
    {"variables", "include", "stages", "default", "workflow", "image", "services"}
)


class Scope(NamedTuple):
    """The values names take on lines ``first`` to ``last`` of a CI file: ``matrix.job``,
    ``env.NAME`` and ``NAME`` for GitHub Actions, ``NAME`` for GitLab CI."""

    first: int
    last: int
    values: dict[str, list[str]]


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _add(values: dict[str, list[str]], name: str, value: Any) -> None:
    text = _scalar(value)
    if text is None or "\n" in text:
        return
    kept = values.setdefault(name, [])
    if text not in kept and len(kept) < _MAX_VALUES:
        kept.append(text)


def _env(values: dict[str, list[str]], env: Any) -> None:
    """GitHub ``env:``: ``$NAME``, ``${NAME}`` and ``${{ env.NAME }}``."""
    if isinstance(env, dict):
        for name, value in env.items():
            _add(values, str(name), value)
            _add(values, f"env.{name}", value)


def _matrix(values: dict[str, list[str]], matrix: Any) -> None:
    """``strategy.matrix``: each axis, the entries of ``include:``, and one level of the
    fields of object entries (``${{ matrix.config.task }}``)."""
    if not isinstance(matrix, dict):
        return
    entries: list[tuple[str, Any]] = []
    for axis, items in matrix.items():
        if axis == "include" and isinstance(items, list):
            entries.extend(
                (str(key), value)
                for item in items
                if isinstance(item, dict)
                for key, value in item.items()
            )
        elif axis != "exclude" and isinstance(items, list):
            entries.extend((str(axis), item) for item in items)
    for axis, value in entries:
        if isinstance(value, dict):
            for field, inner in value.items():
                _add(values, f"matrix.{axis}.{field}", inner)
        else:
            _add(values, f"matrix.{axis}", value)


def _spans(keys: Iterable[tuple[Any, int]], last: int) -> list[tuple[Any, int, int]]:
    """Each key with the lines it spans: from its line to the line before the next key."""
    ordered = sorted(keys, key=lambda item: item[1])
    return [
        (key, line, (ordered[index + 1][1] - 1) if index + 1 < len(ordered) else last)
        for index, (key, line) in enumerate(ordered)
    ]


def github_scopes(data: Any) -> list[Scope]:
    """The scopes of a GitHub Actions workflow: the workflow's ``env``, then each job's
    ``env`` and matrix, then each step's ``env``; outer scopes first."""
    if not isinstance(data, LineDict):
        return []
    outer: dict[str, list[str]] = {}
    _env(outer, data.get("env"))
    scopes = [Scope(1, _END, outer)] if outer else []
    jobs = data.get("jobs")
    if not isinstance(jobs, LineDict):
        return scopes
    for name, first, last in _spans(((n, jobs.line_of(n)) for n in jobs), _END):
        job = jobs[name]
        if not isinstance(job, dict):
            continue
        values: dict[str, list[str]] = {}
        _env(values, job.get("env"))
        strategy = job.get("strategy")
        _matrix(values, strategy.get("matrix") if isinstance(strategy, dict) else None)
        if values:
            scopes.append(Scope(first, last, values))
        scopes.extend(_step_scopes(job.get("steps"), last))
    return scopes


def _step_scopes(steps: Any, last: int) -> list[Scope]:
    if not isinstance(steps, LineList):
        return []
    found = []
    lines = ((index, steps.line_of(index)) for index in range(len(steps)))
    for index, first, end in _spans(lines, last):
        values: dict[str, list[str]] = {}
        step = steps[index]
        _env(values, step.get("env") if isinstance(step, dict) else None)
        if values:
            found.append(Scope(first, end, values))
    return found


def gitlab_scopes(data: Any) -> list[Scope]:
    """The scopes of a GitLab CI file: top-level ``variables``, then each job's
    ``variables`` and ``parallel: matrix:`` values; outer scopes first."""
    if not isinstance(data, LineDict):
        return []
    outer: dict[str, list[str]] = {}
    _variables(outer, data.get("variables"))
    scopes = [Scope(1, _END, outer)] if outer else []
    for name, first, last in _spans(((n, data.line_of(n)) for n in data), _END):
        job = data[name]
        if name in _GITLAB_NOT_JOBS or not isinstance(job, dict):
            continue
        values: dict[str, list[str]] = {}
        _variables(values, job.get("variables"))
        parallel = job.get("parallel")
        rows = parallel.get("matrix") if isinstance(parallel, dict) else None
        for row in rows if isinstance(rows, list) else []:
            for variable, value in row.items() if isinstance(row, dict) else ():
                for item in value if isinstance(value, list) else [value]:
                    _add(values, str(variable), item)
        if values:
            scopes.append(Scope(first, last, values))
    return scopes


def _variables(values: dict[str, list[str]], variables: Any) -> None:
    """GitLab ``variables:``: ``NAME: value`` or ``NAME: {value: ..., description: ...}``."""
    if isinstance(variables, dict):
        for name, value in variables.items():
            if isinstance(value, dict):
                value = value.get("value")
            _add(values, str(name), value)


def expand(text: str, line: int, scopes: list[Scope]) -> list[str]:
    """The commands ``text`` (line ``line`` of a CI file) stands for with the values of
    ``scopes`` filled in; empty when it names none of them."""
    if "$" not in text or len(text) > MAX_LINE or not scopes:
        return []
    around = [scope.values for scope in scopes if scope.first <= line <= scope.last]
    references = []
    for match in _REFERENCE.finditer(text):
        name = match.group(1) or match.group(2) or match.group(3)
        values = next((v[name] for v in reversed(around) if name in v), None)
        if values:
            references.append((match.start(), match.end(), values))
    if not references:
        return []
    expanded = []
    choices = itertools.product(*(values for _, _, values in references))
    for chosen in itertools.islice(choices, MAX_EXPANSIONS):
        parts, at = [], 0
        for (start, end, _), value in zip(references, chosen, strict=True):
            parts += [text[at:start], value]
            at = end
        expanded.append("".join(parts) + text[at:])
    return expanded
