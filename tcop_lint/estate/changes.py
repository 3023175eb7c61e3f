"""What changed since an earlier ``estate.json`` (``--previous``): per repository, the Code
points it now passes that it did not (gained) and those it passed and no longer does (lost).

Points are matched by topic, so an earlier estate made with another edition of the Code
still compares; they are numbered as in the current estate. Points are compared only when
the repository was checked both times; a repository that could not be checked on one side
shows that in ``overall_before``/``overall_now`` (null) instead of losing every point. Only
repositories where something changed are listed.
"""

from __future__ import annotations

from typing import Any


def changes_since(previous: dict[str, Any], estate: dict[str, Any]) -> dict[str, Any]:
    before = {entry["name"]: entry for entry in previous["repositories"]}
    now = {entry["name"]: entry for entry in estate["repositories"]}
    topic_of = {str(p["number"]): p["topic"] for p in previous["points"]}
    number_of = {p["topic"]: p["number"] for p in estate["points"]}
    rows = []
    for name in sorted(before.keys() | now.keys()):
        old, new = before.get(name), now.get(name)
        passed_before = {
            number_of[topic_of[n]] for n in _passed(old) if topic_of.get(n) in number_of
        }
        passed_now = {int(n) for n in _passed(new)}
        compared = _checked(old) and _checked(new)
        row = {
            "name": name,
            "gained": sorted(passed_now - passed_before) if compared else [],
            "lost": sorted(passed_before - passed_now) if compared else [],
            "new": old is None,
            "removed": new is None,
            "overall_before": old.get("overall") if old else None,
            "overall_now": new.get("overall") if new else None,
        }
        if (
            row["gained"]
            or row["lost"]
            or row["new"]
            or row["removed"]
            or row["overall_before"] != row["overall_now"]
        ):
            rows.append(row)
    return {"previous_generated": previous.get("generated"), "repositories": rows}


def _checked(entry: dict[str, Any] | None) -> bool:
    return entry is not None and entry.get("status") == "checked"


def _passed(entry: dict[str, Any] | None) -> list[str]:
    if entry is None or not _checked(entry):
        return []
    return [number for number, status in entry["points"].items() if status == "pass"]
