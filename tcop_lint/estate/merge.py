"""Reading what other runs made, for ``tcop-lint estate --merge``: per-repository JSON reports
(``tcop-lint PATH --format json``), failure records (the estate workflow's note of a
repository it could not clone or check) and earlier ``estate.json`` files (one per shard).

A report is named by the repository it carries (``repository.name``), else by its file's
name. A file that is none of these is recorded as a repository that could not be checked,
named after the file: one broken upload never hides the rest of the estate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tcop_lint.estate.entries import Outcome
from tcop_lint.profiles import PROFILES

FAILURE_KIND = "tcop-lint-estate-failure"
"""The ``kind`` of a failure record (``tcop_lint.estate.github_shard.failure_record``)."""
POINT_STATUSES = ("pass", "warn", "fail", "not-assessed")


class NotMergeable(Exception):
    """A file that is not a report, failure record or estate this version can read."""


def read_outcomes(files: Iterable[str]) -> list[Outcome]:
    """What each file holds, as outcomes (an estate file gives one per repository)."""
    outcomes: list[Outcome] = []
    for file in files:
        try:
            outcomes += outcomes_of(load_json(file), file)
        except NotMergeable as exc:
            outcomes.append(Outcome(file, _file_name(file), None, None, str(exc)))
    return outcomes


def load_json(file: str) -> Any:
    try:
        with open(file, "rb") as handle:
            return json.loads(handle.read())
    except OSError as exc:
        raise NotMergeable(f"{file}: cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # not UTF-8, not JSON
        raise NotMergeable(f"{file}: not JSON: {exc}") from None
    except RecursionError:
        raise NotMergeable(
            f"{file}: not JSON that can be read: nested too deeply"
        ) from None


def outcomes_of(data: Any, file: str) -> list[Outcome]:
    if not isinstance(data, dict):
        raise NotMergeable(f"{file}: not a tcop-lint JSON report (not a JSON object)")
    if data.get("kind") == FAILURE_KIND:
        return [_failure(data, file)]
    if "repositories" in data:
        return estate_outcomes(data, file)
    problem = report_problem(data)
    if problem:
        raise NotMergeable(f"{file}: not a tcop-lint JSON report: {problem}")
    identity = data.setdefault("repository", None) or {}  # older reports have none
    name = identity.get("name") or _file_name(file)
    return [Outcome(data["root"], name, identity.get("commit"), data)]


def estate_outcomes(data: dict[str, Any], file: str) -> list[Outcome]:
    """The repositories of an earlier ``estate.json`` (a shard's), as outcomes."""
    problem = estate_problem(data)
    if problem:
        raise NotMergeable(f"{file}: not a tcop-lint estate.json: {problem}")
    outcomes = []
    for entry in data["repositories"]:
        report = entry.get("report")
        if report is not None and report_problem(report):
            raise NotMergeable(
                f"{file}: repository {entry['name']}: {report_problem(report)}"
            )
        outcomes.append(
            Outcome(
                entry["location"],
                entry["name"],
                entry.get("commit"),
                report,
                entry.get("reason") if report is None else None,
            )
        )
    return outcomes


def _failure(data: dict[str, Any], file: str) -> Outcome:
    name = data.get("repository")
    if not isinstance(name, str) or not name:
        name = _file_name(file)
    stage, message = data.get("stage"), data.get("message")
    reason = (
        f"{stage}: {message}" if stage else str(message or "it could not be checked")
    )
    location = data.get("location")
    commit = data.get("commit")
    return Outcome(
        location if isinstance(location, str) and location else name,
        name,
        commit if isinstance(commit, str) else None,
        None,
        reason,
    )


def report_problem(data: Any) -> str | None:
    """What makes ``data`` unreadable as a JSON report (``schema/report.schema.json``),
    as far as the estate reads it; ``None`` when it reads."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("schema_version") != 1:
        return f"schema_version {data.get('schema_version')!r} is not 1"
    if data.get("profile") not in PROFILES:
        return f"unknown profile {data.get('profile')!r}"
    for key, kind in (
        ("root", str),
        ("points", list),
        ("rules", list),
        ("errors", list),
    ):
        if not isinstance(data.get(key), kind):
            return f"{key} is missing or not a {kind.__name__}"
    if data.get("status") not in POINT_STATUSES:
        return f"status {data.get('status')!r} is not a point status"
    if not all(
        isinstance(p, dict)
        and isinstance(p.get("topic"), str)
        and p.get("status") in POINT_STATUSES
        for p in data["points"]
    ):
        return "a point without a topic or status"
    if not all(
        isinstance(r, dict)
        and isinstance(r.get("findings"), list)
        and all(isinstance(f, dict) and "level" in f for f in r["findings"])
        for r in data["rules"]
    ):
        return "a rule without findings"
    repository = data.get("repository")
    if repository is not None and not (
        isinstance(repository, dict) and isinstance(repository.get("name"), str)
    ):
        return "repository is not an object with a name"
    return None


def estate_problem(data: Any) -> str | None:
    """What makes ``data`` unreadable as an ``estate.json``; ``None`` when it reads."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("schema_version") != 1:
        return f"schema_version {data.get('schema_version')!r} is not 1"
    if not isinstance(data.get("points"), list) or not all(
        isinstance(p, dict)
        and isinstance(p.get("number"), int)
        and isinstance(p.get("topic"), str)
        for p in data["points"]
    ):
        return "points is missing or malformed"
    entries = data.get("repositories")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("name"), str)
        and isinstance(e.get("location"), str)
        and isinstance(e.get("points"), dict)
        for e in entries
    ):
        return "repositories is missing or malformed"
    return None


def _file_name(file: str) -> str:
    return Path(file).stem or file
