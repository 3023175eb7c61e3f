"""The rule contract: what a rule declares, what its check yields, and what a run of it produced.

A rule module defines functions decorated with :func:`rule`. The check receives the repository
and the rule's options and yields :class:`Finding` (something is wrong or missing) and
:class:`Evidence` (what it found that shows the point is met). It raises :class:`NotApplicable`
when the rule does not apply to this repository (e.g. no web front end).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from tcop_lint.repository import Repository

Level = Literal["error", "warning", "note"]
LEVELS: tuple[Level, ...] = ("note", "warning", "error")
Outcome = Literal["pass", "warn", "fail", "skipped", "exempt", "error"]
TOPICS: tuple[str, ...] = (
    "user-needs",
    "accessibility",
    "open-source",
    "open-standards",
    "cloud-first",
    "security",
    "privacy",
    "share-reuse",
    "integrate-adapt",
    "data",
    "purchasing",
    "sustainability",
    "service-standard",
)


class NotApplicable(Exception):
    """Raised by a check when the rule does not apply; the message is the reason shown."""


@dataclass(frozen=True)
class Finding:
    """Something wrong or missing, at the most sensible place to show it.

    ``path`` is repo-relative with forward slashes; ``None`` means the repository root.
    ``key`` distinguishes findings for fingerprinting when the message alone would not
    (it defaults to the message, so messages must not contain line numbers).
    """

    message: str
    path: str | None = None
    start_line: int | None = None
    end_line: int | None = None
    level: Level | None = None
    key: str | None = None


@dataclass(frozen=True)
class Evidence:
    """What a rule found that shows the point is met, e.g. ``Evidence("LICENSE", "MIT")``."""

    path: str
    detail: str


@dataclass(frozen=True)
class Options:
    """What a check may consult besides the repository."""

    values: Mapping[str, Any] = field(default_factory=dict)
    online: bool = False
    today: dt.date = field(default_factory=dt.date.today)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


Check = Callable[["Repository", Options], Iterator["Finding | Evidence"]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    topic: str
    level: Level
    summary: str
    rationale: str
    remediation: str
    check: Check
    options: Mapping[str, Any] = field(default_factory=dict)
    attestable: bool = False
    """When true, an in-date attestation in the config can stand in for missing evidence."""

    def __post_init__(self) -> None:
        if self.topic not in TOPICS:
            raise ValueError(f"{self.code}: unknown topic {self.topic!r}")
        if self.level not in LEVELS:
            raise ValueError(f"{self.code}: unknown level {self.level!r}")

    def __call__(
        self, repo: Repository, options: Options
    ) -> Iterator[Finding | Evidence]:
        return self.check(repo, options)


def rule(
    *,
    code: str,
    name: str,
    topic: str,
    level: Level,
    summary: str,
    rationale: str,
    remediation: str,
    options: Mapping[str, Any] | None = None,
    attestable: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule; its metadata lives next to its check, as in Scorecard's probes."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            topic=topic,
            level=level,
            summary=summary,
            rationale=rationale.strip(),
            remediation=remediation.strip(),
            check=check,
            options=dict(options or {}),
            attestable=attestable,
        )

    return wrap


@dataclass
class RuleResult:
    """One rule's run: its outcome, the findings left after config, and its evidence."""

    rule: Rule
    outcome: Outcome
    level: Level
    findings: list[ReportedFinding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    reason: str | None = None


@dataclass(frozen=True)
class Suppression:
    reason: str
    expires: dt.date
    approved_by: str | None = None


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
