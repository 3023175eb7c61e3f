"""What an estate holds: one entry per repository, built from what checking it gave (a JSON
report, or the reason it could not be checked), with the point statuses in the estate's
edition of the Code.

Direct runs and merges both reduce to a list of :class:`Outcome` first, so the same
repositories give the same ``estate.json`` whichever way it was made.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

from tcop_lint import __version__
from tcop_lint.profiles import DEFAULT_PROFILE, PROFILES, Profile

SCHEMA_VERSION = 1
REASON_CHARACTERS = 500
"""A reason is one line; a longer one (a config error quoting a long value) is cut here."""


class Outcome(NamedTuple):
    """What checking one repository gave: its JSON report (``--format json``), or why
    there is none. ``name``/``commit`` name a repository that has no report."""

    location: str
    name: str
    commit: str | None
    report: dict[str, Any] | None
    reason: str | None = None


def one_line(text: str) -> str:
    """``text`` as one line of at most :data:`REASON_CHARACTERS` characters."""
    line = " ".join(text.split())
    if len(line) > REASON_CHARACTERS:
        line = line[: REASON_CHARACTERS - 1] + "…"
    return line


def generated_now() -> str:
    """UTC now (``SOURCE_DATE_EPOCH`` when set, for reproducible outputs), to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def estate_profile(requested: str | None, outcomes: Iterable[Outcome]) -> Profile:
    """The edition the estate's columns follow: the one asked for, else the one most
    reports used (the default edition on a tie or when there are none)."""
    if requested:
        return PROFILES[requested]
    used = Counter(o.report["profile"] for o in outcomes if o.report is not None)
    ranked = sorted(used.items(), key=lambda kv: (-kv[1], kv[0] != DEFAULT_PROFILE))
    name = ranked[0][0] if ranked else DEFAULT_PROFILE
    return PROFILES.get(name, PROFILES[DEFAULT_PROFILE])


def build_estate(
    outcomes: Iterable[Outcome],
    *,
    profile: str | None = None,
    changes: dict[str, Any] | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    """The ``estate.json`` document (without ``changes`` unless given)."""
    outcomes = list(outcomes)
    chosen = estate_profile(profile, outcomes)
    entries = [_entry(o, chosen) for o in outcomes]
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": generated or generated_now(),
        "tool": {"name": "tcop-lint", "version": __version__},
        "profile": chosen.name,
        "points": [
            {"number": p.number, "topic": p.topic, "title": p.title}
            for p in chosen.points
        ],
        "repositories": distinct_names(entries),
        "changes": changes,
    }


def distinct_names(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``entries`` sorted by name (then location), a repeated name (two clones of one
    repository, two folders called ``api``) made distinct by its location."""
    entries = sorted(entries, key=lambda e: (e["name"], e["location"]))
    seen: set[str] = set()
    for entry in entries:
        if entry["name"] in seen:
            entry["name"] = f"{entry['name']} ({entry['location']})"
        seen.add(entry["name"])
    return sorted(entries, key=lambda e: (e["name"], e["location"]))


def _entry(outcome: Outcome, profile: Profile) -> dict[str, Any]:
    report = outcome.report
    if report is None:
        return {
            "name": outcome.name,
            "location": outcome.location,
            "commit": outcome.commit,
            "remote": None,
            "profile": None,
            "status": "error",
            "reason": one_line(outcome.reason or "it could not be checked"),
            "overall": None,
            "points": {},
            "errors": 0,
            "warnings": 0,
            "report": None,
        }
    identity = report.get("repository") or {}
    levels = Counter(
        finding["level"]
        for rule in report["rules"]
        for finding in rule["findings"]
        if "suppression" not in finding
    )
    return {
        "name": identity.get("name") or outcome.name,
        "location": outcome.location,
        "commit": identity.get("commit", outcome.commit),
        "remote": identity.get("remote"),
        "profile": report["profile"],
        "status": "checked",
        "reason": _crashes(report["errors"]),
        "overall": report["status"],
        "points": _points(report, profile),
        "errors": levels["error"],
        "warnings": levels["warning"],
        "report": report,
    }


def _points(report: dict[str, Any], profile: Profile) -> dict[str, str]:
    """The report's point statuses in ``profile``'s numbering, matched by topic: a report
    made with another edition still fills the right columns (a topic it has no point for
    is ``not-assessed``)."""
    by_topic = {point["topic"]: point["status"] for point in report["points"]}
    return {
        str(point.number): by_topic.get(point.topic, "not-assessed")
        for point in profile.points
    }


def _crashes(errors: list[dict[str, str]]) -> str | None:
    """A checked repository's note of the rules that crashed or ran out of time (each
    is an error outcome for that rule; every other rule reported)."""
    if not errors:
        return None
    described = "; ".join(f"{e['rule']}: {e['message']}" for e in errors)
    noun = "rule" if len(errors) == 1 else "rules"
    return one_line(f"{len(errors)} {noun} could not run: {described}")
