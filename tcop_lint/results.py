"""What a run produced: rule results, reported findings, point results and the report.

The engine builds these; reporters only read them. Nothing here decides a status.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tcop_lint import __version__
from tcop_lint.profiles import Point, Profile
from tcop_lint.rule import LEVELS, Evidence, Level, Outcome, Rule

if TYPE_CHECKING:
    from tcop_lint.facts.identity import RepositoryIdentity

PointStatus = str  # "pass" | "warn" | "fail" | "not-assessed"
POINT_RANK = {"not-assessed": 0, "pass": 1, "warn": 2, "fail": 3}


@dataclass(frozen=True)
class Suppression:
    """Why a finding is accepted: a config exemption (``kind="external"``, with its expiry
    date) or a ``tcop-lint: ignore[CODE] reason`` comment (``kind="inSource"``, the SARIF
    names, with the comment's ``line`` in the finding's file)."""

    reason: str
    expires: dt.date | None = None
    approved_by: str | None = None
    kind: str = "external"
    line: int | None = None


@dataclass(frozen=True)
class ReportedFinding:
    """A finding as reported: its level resolved, its fingerprint fixed, maybe suppressed."""

    rule_code: str
    message: str
    level: Level
    path: str | None
    start_line: int | None
    end_line: int | None
    fingerprint: str
    suppression: Suppression | None = None
    id: str = ""
    """The finding's stable identifier within its rule (``missing-policy``)."""
    missing: bool = False
    """About evidence that is not there, so an attestation could stand in for it."""
    repository_level: bool = False
    """About the repository as a whole: evidence that is missing, which the rule gave no
    location or put on the README without a line. ``path`` is then the README (where a
    reader looks first, and what the fingerprint has always hashed); SARIF and annotations
    anchor it elsewhere (``report/sarif.py``)."""


@dataclass
class RuleResult:
    """One rule's run: its outcome, the findings left after config, and its evidence."""

    rule: Rule
    outcome: Outcome
    level: Level
    findings: list[ReportedFinding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    reason: str | None = None


def outcome_of(findings: list[ReportedFinding]) -> Outcome:
    """A judged rule's outcome from its findings: ``fail`` with an open error, ``warn`` with
    any other open finding, ``exempt`` when all are suppressed, else ``pass``."""
    open_levels = {f.level for f in findings if f.suppression is None}
    if "error" in open_levels:
        return "fail"
    if open_levels:
        return "warn"
    return "exempt" if findings else "pass"


class PointResult(NamedTuple):
    point: Point
    status: PointStatus
    results: tuple[RuleResult, ...]


class Notification(NamedTuple):
    """A rule that crashed: reported, never fatal to the run."""

    rule_code: str
    message: str
    detail: str


@dataclass
class Report:
    root: Path
    profile: Profile
    results: list[RuleResult]
    points: list[PointResult]
    status: PointStatus
    notifications: list[Notification] = field(default_factory=list)
    version: str = __version__
    baseline_known: int = 0
    """How many findings a ``--baseline`` left out because they were already known."""
    repository: RepositoryIdentity | None = None
    """Which repository this is (name, commit, remote); ``None`` for a folder outside git."""

    def findings(self, *, include_suppressed: bool = False) -> list[ReportedFinding]:
        return [
            finding
            for result in self.results
            for finding in result.findings
            if include_suppressed or finding.suppression is None
        ]

    def worst_level(self) -> Level | None:
        levels = {f.level for f in self.findings()}
        if self.notifications:
            levels.add("error")
        return max(levels, key=LEVELS.index, default=None)

    def exit_code(self, fail_on: str) -> int:
        worst = self.worst_level()
        if fail_on == "never" or worst is None:
            return 0
        return 1 if LEVELS.index(worst) >= LEVELS.index(fail_on) else 0

    def totals(self) -> Counter[str]:
        return Counter(result.outcome for result in self.results)
