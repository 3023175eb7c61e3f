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
TOOL_TOPIC = "tcop-lint"
"""The topic of tcop-lint's own notes on its inputs (inline suppressions): under no point of
any profile, so they never change a point's status."""


class NotApplicable(Exception):
    """Raised by a check when the rule does not apply; the message is the reason shown."""


@dataclass(frozen=True)
class Finding:
    """Something wrong or missing, at the most sensible place to show it.

    ``id`` is the finding's stable identifier within its rule, a pylint-style symbol such as
    ``missing-policy``; ``key`` tells apart two findings with the same id at one path (an
    ecosystem, a licence id). The fingerprint is made from the rule, ``id``, path and
    ``key``, never from the message, so a message can be reworded without reopening alerts.
    A finding without an ``id`` (an older plugin's) is fingerprinted by its message.
    ``missing`` marks a finding about evidence that is not there, which an in-date
    attestation can stand in for; a content error of a file that exists is not ``missing``.
    """

    message: str
    path: str | None = None
    start_line: int | None = None
    end_line: int | None = None
    level: Level | None = None
    key: str | None = None
    id: str = ""
    missing: bool = False


@dataclass(frozen=True)
class Evidence:
    """What a rule found that shows the point is met, e.g. ``Evidence("LICENSE", "MIT")``."""

    path: str
    detail: str


OptionType = Literal["integer", "number", "boolean", "string", "strings"]
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "string": str,
    "strings": list,
}


@dataclass(frozen=True)
class Option:
    """A rule option: its type, its default (``None`` only when ``nullable``) and what it does."""

    type: OptionType
    default: Any
    description: str
    nullable: bool = False

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not valid for this option, or ``None``."""
        if value is None and self.nullable:
            return None
        expected = _PYTHON_TYPES[self.type]
        valid = isinstance(value, expected) and not (
            self.type in ("integer", "number") and isinstance(value, bool)
        )
        if valid and self.type == "strings":
            valid = all(isinstance(item, str) for item in value)
        if valid:
            return None
        wanted = {"strings": "a list of strings", "integer": "an integer"}.get(
            self.type, f"a {self.type}"
        )
        return f"{value!r} is not {wanted}" + (" (or null)" if self.nullable else "")


@dataclass(frozen=True)
class Options:
    """What a check may consult besides the repository: every declared option has a value
    (the config's, else the declared default)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    online: bool = False
    today: dt.date = field(default_factory=dt.date.today)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

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
    options: Mapping[str, Option] = field(default_factory=dict)
    attestable: bool = False
    """When true, an in-date attestation in the config can stand in for missing evidence."""
    help_uri: str | None = None
    """Where the rule is documented (SARIF ``helpUri``); a plugin rule names its own page,
    since tcop-lint's docs/rules.md documents only the built-in rules."""

    def __post_init__(self) -> None:
        if self.topic not in TOPICS and self.topic != TOOL_TOPIC:
            raise ValueError(f"{self.code}: unknown topic {self.topic!r}")
        if self.help_uri is not None and not self.help_uri.startswith(
            ("https://", "http://")
        ):
            raise ValueError(
                f"{self.code}: help_uri must be an http(s) URL, not {self.help_uri!r}"
            )
        if self.level not in LEVELS:
            raise ValueError(f"{self.code}: unknown level {self.level!r}")
        for name, option in self.options.items():
            if not isinstance(option, Option) or option.problem(option.default):
                raise ValueError(
                    f"{self.code}: option {name!r} must be an Option with a valid default"
                )

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}

    def named_by(self, token: str) -> bool:
        """Whether ``token`` (from a config or a comment) is this rule's code or name."""
        return token.upper() == self.code or token.lower() == self.name

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
    options: Mapping[str, Option] | None = None,
    attestable: bool = False,
    help_uri: str | None = None,
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
            help_uri=help_uri,
        )

    return wrap
