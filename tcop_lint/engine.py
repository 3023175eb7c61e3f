"""Runs the selected rules in isolation, applies the config, and rolls outcomes up per point.

The engine decides every status; reporters only render the :class:`Report` it returns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import signal
import threading
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tcop_lint.cache import ResultCache
from tcop_lint.config import (
    Attestation,
    Config,
    ConfigError,
    Exemption,
    Origin,
    RuleSetting,
)
from tcop_lint.facts.identity import repository_identity
from tcop_lint.facts.readme import find_readme
from tcop_lint.globs import gitignore_spec
from tcop_lint.inline_suppression import (
    INLINE_SUPPRESSION_RULE,
    apply_inline_suppressions,
)
from tcop_lint.profiles import DEFAULT_PROFILE, PROFILES, Point
from tcop_lint.registry import (
    RegistryError,
    builtin_rules,
    did_you_mean,
    entry_point_rules,
    folder_rules,
    index,
    installed_plugins,
    lookup,
    not_installed,
)
from tcop_lint.repository import DEFAULT_MAX_BYTES, Repository
from tcop_lint.results import (
    POINT_RANK,
    Notification,
    PointResult,
    PointStatus,
    Report,
    ReportedFinding,
    RuleResult,
    Suppression,
    outcome_of,
)
from tcop_lint.rule import (
    TOPICS,
    Evidence,
    Finding,
    Level,
    NotApplicable,
    Options,
    Rule,
)

README_NAMES = ("README.md", "README", "README.rst", "README.txt", "README.adoc")

DEFAULT_RULE_SECONDS = 120.0
"""The time limit per rule: generous (twice TC0401's own 60 s validation limit, whose note
should come first), and set only by the person running tcop-lint (``--rule-time-limit``)."""

RUNNER_ONLY_OPTIONS: dict[tuple[str, str], str] = {
    ("TC0401", "allow-private-hosts"): "--allow-private-hosts",
}
"""Rule options that widen what tcop-lint reaches, and the flag that allows each. Only the
person running tcop-lint may set them (the flag, or a config outside the checkout); a config
in the scanned checkout that sets one gets a note instead (README, "Security model")."""


class SelectionError(Exception):
    """``--select`` or ``--ignore`` names no rule of the run; exit code 2."""


@dataclass(frozen=True)
class Selection:
    """Which rules run, from ``--select``/``--ignore``: codes, code prefixes, names or topics."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def check(self, rules: dict[str, Rule]) -> None:
        """Refuse a token that matches none of ``rules`` (the run's own, plugins included)
        and is no topic: ``--select TC99`` would otherwise check nothing and pass."""
        for option, tokens in (("--select", self.select), ("--ignore", self.ignore)):
            for token in tokens:
                if token.strip().lower() in TOPICS or any(
                    Selection((token,)).allows(rule) for rule in rules.values()
                ):
                    continue
                raise SelectionError(
                    f"{option} {token}: no rule has this code, code prefix, name or topic"
                    + did_you_mean(rules.values(), token, topics=True)
                )

    def allows(self, rule: Rule) -> bool:
        def matches(token: str) -> bool:
            token = token.strip()
            return (
                rule.code.upper().startswith(token.upper())
                or rule.name == token.lower()
                or rule.topic == token.lower()
            )

        if self.select and not any(matches(t) for t in self.select):
            return False
        return not any(matches(t) for t in self.ignore)


def load_rules(config: Config, *, allow_local_plugins: bool) -> dict[str, Rule]:
    """Built-in rules, installed plugins, the local plugin folders the config names, and
    the policies it declares."""
    rules = [*builtin_rules(), *entry_point_rules()]
    for number, plugin in enumerate(config.plugins):
        if "/" in plugin or plugin.startswith(".") or plugin.endswith(".py"):
            if not allow_local_plugins:
                raise RegistryError(
                    f"{config.path}: config names the plugin folder {plugin!r}; loading it runs its "
                    "code, so pass --allow-plugins to trust it"
                )
            rules.extend(folder_rules((config.plugin_base or Path.cwd()) / plugin))
        elif plugin not in (installed := installed_plugins()):
            lines = config.plugin_lines
            line = lines[number] if len(lines) == len(config.plugins) else 1
            raise ConfigError(
                f"{config.plugins_from or config.path}:{line}: "
                + not_installed(plugin, installed)
            )
    if config.policies:
        from tcop_lint.policies.judge import policy_rules

        rules.extend(policy_rules(config.policies, rules))
    return index(rules)


def run(
    root: Path,
    config: Config,
    rules: dict[str, Rule],
    *,
    profile_name: str | None = None,
    selection: Selection = Selection(),
    online: bool | None = None,
    allowed_options: Iterable[tuple[str, str]] = (),
    rule_seconds: float | None = DEFAULT_RULE_SECONDS,
    today: dt.date | None = None,
    cache: ResultCache | None = None,
    tracked_only: bool = False,
) -> Report:
    """Run the selected rules. ``online`` and ``allowed_options`` (``(code, option)`` pairs
    of :data:`RUNNER_ONLY_OPTIONS`) are what the person running tcop-lint allows; ``None``
    leaves network access to a trusted config (one outside the scanned checkout).
    ``rule_seconds`` is the time limit per rule (``None``: none), also the runner's."""
    today = today or dt.date.today()
    profile = PROFILES[profile_name or config.profile or DEFAULT_PROFILE]
    selection.check({**rules, **OWN_RULES})
    settings = _resolve_settings(config, {**rules, **OWN_RULES})  # configurable too
    repo = Repository(
        root,
        exclude=config.exclude,
        max_bytes=config.max_file_bytes or DEFAULT_MAX_BYTES,
        cache=cache,
        tracked_only=tracked_only,
    )
    trust = _Trust(config, online, frozenset(allowed_options))

    results: list[RuleResult] = []
    notifications: list[Notification] = []
    for rule in rules.values():
        setting = settings.get(rule.code)
        if (setting and not setting.enabled) or not selection.allows(rule):
            continue
        level: Level = (setting.level if setting else None) or rule.level
        if profile.point_for(rule.topic) is None:
            reason = f"the {profile.name} profile has no {rule.topic} point"
            results.append(RuleResult(rule, "skipped", level, reason=reason))
            continue
        values, refused = trust.options(rule, setting)
        options_type = _WatchedOptions if trust.online_refused else Options
        options = options_type(values=values, online=trust.online, today=today)
        result, crash = _run_rule(
            rule,
            repo,
            options,
            level,
            setting is not None and setting.level is not None,
            rule_seconds,
        )
        if crash:
            notifications.append(crash)
        elif result.outcome != "skipped":
            notes = trust.notes(rule, setting, refused, _asked_online(options))
            _apply_config(result, config, today, notes)
        results.append(result)

    inline_notes = apply_inline_suppressions(results, repo, rules, config)
    if inline_notes and selection.allows(INLINE_SUPPRESSION_RULE):
        results.extend(
            _own_result(INLINE_SUPPRESSION_RULE, inline_notes, settings, config, today)
        )
    points = [_roll_up(point, results) for point in profile.points]
    return Report(
        root=repo.root,
        profile=profile,
        results=results,
        points=points,
        status=_overall(points),
        notifications=notifications,
        repository=repository_identity(repo),
    )


class _WatchedOptions(Options):
    """Options that remember whether the check asked if it may use the network, so that a
    repository's refused ``online: true`` is noted on exactly the rules it would change."""

    def __getattribute__(self, name: str) -> Any:
        if name == "online":
            object.__setattr__(self, "asked_online", True)
        return super().__getattribute__(name)


def _asked_online(options: Options) -> bool:
    return bool(getattr(options, "asked_online", False))


class _Trust:
    """What this run may reach: the runner's choices, and what a config may add to them."""

    def __init__(
        self,
        config: Config,
        online: bool | None,
        allowed_options: frozenset[tuple[str, str]],
    ) -> None:
        self.config = config
        self.allowed_options = allowed_options
        if online is not None:
            self.online = online
        else:
            self.online = config.online and config.trusted
        self.online_refused = config.online and not config.trusted and not self.online

    def options(
        self, rule: Rule, setting: RuleSetting | None
    ) -> tuple[dict[str, Any], list[str]]:
        """The rule's option values, and the runner-only options the config set but may not."""
        values = {**rule.defaults(), **(setting.options if setting else {})}
        refused = []
        for option, default in rule.defaults().items():
            if (rule.code, option) not in RUNNER_ONLY_OPTIONS:
                continue
            if (rule.code, option) in self.allowed_options:
                values[option] = True
            elif not self.config.trusted and values[option] != default:
                values[option] = default
                refused.append(option)
        return values, refused

    def notes(
        self,
        rule: Rule,
        setting: RuleSetting | None,
        refused: list[str],
        asked_online: bool,
    ) -> list[ReportedFinding]:
        """Notes on what the scanned repository's config asked for and did not get."""
        notes = []
        if asked_online and self.online_refused:
            notes.append(
                _config_finding(
                    rule,
                    ("online-not-allowed", "online"),
                    "the repository's config asks for online checks (`online: true`), which "
                    "only the person running tcop-lint may allow, so this rule ran offline: "
                    "pass --online (the Action's `online: true` input) to allow them",
                    "note",
                    self.config,
                    self.config.online_line,
                )
            )
        for option in refused:
            flag = RUNNER_ONLY_OPTIONS[(rule.code, option)]
            line = setting.option_lines.get(option, setting.line) if setting else 1
            notes.append(
                _config_finding(
                    rule,
                    ("option-not-allowed", option),
                    f"the repository's config sets the {rule.code} option {option}, which "
                    f"only the person running tcop-lint may allow, so it was not applied: "
                    f"pass {flag} (the Action's `{flag[2:]}: true` input) to allow it",
                    "note",
                    self.config,
                    line,
                )
            )
        return notes


def _resolve_settings(config: Config, rules: dict[str, Rule]) -> dict:
    settings = {}
    for name, setting in config.rules.items():
        rule = lookup(rules, name)
        if rule is None:
            raise ConfigError(
                f"{setting.source or config.path}:{setting.line}: rules: unknown rule {name!r}"
                + did_you_mean(rules.values(), name)
            )
        unknown = sorted(set(setting.options) - set(rule.options))
        if unknown:
            known = ", ".join(sorted(rule.options)) or "none"
            raise ConfigError(
                f"{setting.source or config.path}:{setting.line}: rules: {name}: "
                f"unknown option {unknown[0]!r} "
                f"(options: {known})"
            )
        for option, value in setting.options.items():
            problem = rule.options[option].problem(value)
            if problem:
                line = setting.option_lines.get(option, setting.line)
                raise ConfigError(
                    f"{setting.source or config.path}:{line}: rules: {name}: "
                    f"option {option!r}: {problem}"
                )
        settings[rule.code] = setting
    for exemption in config.exemptions:
        if lookup(rules, exemption.rule) is None:
            raise ConfigError(
                f"{config.path}:{exemption.line}: exemptions: unknown rule {exemption.rule!r}"
                + did_you_mean(rules.values(), exemption.rule)
            )
    return settings


def _run_rule(
    rule: Rule,
    repo: Repository,
    options: Options,
    level: Level,
    level_forced: bool,
    seconds: float | None = None,
) -> tuple[RuleResult, Notification | None]:
    findings: list[Finding] = []
    evidence: list[Evidence] = []
    try:
        with _time_limit(seconds):
            for item in rule.check(repo, options):
                if isinstance(item, Evidence):
                    evidence.append(item)
                else:
                    findings.append(item)
    except NotApplicable as skip:
        return RuleResult(rule, "skipped", level, reason=str(skip)), None
    except RuleTimeLimit:
        message = f"ran longer than the {seconds:g}-second time limit per rule"
        result = RuleResult(rule, "error", level, reason=f"rule stopped: {message}")
        return result, Notification(rule.code, message, "")
    except Exception as exc:  # noqa: BLE001 - one rule's crash must not stop the others
        message = f"{type(exc).__name__}: {exc}"
        detail = "".join(traceback.format_exception(exc))
        result = RuleResult(rule, "error", level, reason=f"rule crashed: {message}")
        return result, Notification(rule.code, message, detail)
    # "Evidence is missing" findings are shown on the README when there is one, and their
    # fingerprints hash its path as they always have; SARIF and annotations anchor them apart
    # (repository_level), so that an edit to the README does not bring them all up again.
    # So are those a rule itself put on the README, with no line, as a stand-in.
    readme = repo.find(*README_NAMES)
    stand_ins = (
        {readme, find_readme(repo)} if any(f.missing for f in findings) else set()
    )
    located = [f if f.path else replace(f, path=readme) for f in findings]
    reported = [
        replace(r, repository_level=True)
        if not f.path or (f.missing and not f.start_line and f.path in stand_ins)
        else r
        for f, r in zip(
            findings, _fingerprinted(rule, located, level, level_forced), strict=True
        )
    ]
    return RuleResult(rule, "pass", level, findings=reported, evidence=evidence), None


class RuleTimeLimit(BaseException):
    """Raised inside a rule's check when it runs past the time limit per rule. Not an
    ``Exception``, so that a rule's own ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RuleTimeLimit` in the block after ``seconds`` (defence in depth against
    a rule that is slow on some input: every other rule still reports). Python runs signal
    handlers between bytecodes, and ``re`` matching checks for them, so a slow loop or a
    backtracking pattern is stopped; one long call into C is stopped when it returns.

    Only where Python allows: on POSIX (SIGALRM), in the main thread, and when nothing else
    is using the timer (a test harness's own alarm is left alone)."""
    global _armed
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
        or signal.getsignal(signal.SIGALRM)
        not in (signal.SIG_DFL, signal.SIG_IGN, _expire)
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_armed = False
"""Whether :func:`_expire` may raise: false from the moment a rule's time is over."""


def _expire(signum: int, frame: object) -> None:
    if _armed:
        raise RuleTimeLimit


def _fingerprinted(
    rule: Rule, findings: Iterable[Finding], level: Level, level_forced: bool
) -> list[ReportedFinding]:
    seen: Counter[str] = Counter()
    reported = []
    for finding in findings:
        identity = _identity(rule, finding)
        seen[identity] += 1
        if seen[identity] > 1:
            identity += f"\0{seen[identity]}"
        reported.append(
            ReportedFinding(
                rule_code=rule.code,
                message=finding.message,
                level=level if level_forced else (finding.level or level),
                path=finding.path,
                start_line=finding.start_line,
                end_line=finding.end_line,
                fingerprint=hashlib.sha256(_identity_bytes(identity)).hexdigest()[:32],
                id=finding.id,
                missing=finding.missing,
            )
        )
    return reported


def _identity(rule: Rule, finding: Finding) -> str:
    """What a fingerprint hashes: the rule, the finding's id, its path and its key, never
    its wording. A finding without an id (an older plugin's) falls back to its message."""
    path = finding.path or ""
    if not finding.id:
        return f"{rule.code}\0{path}\0{finding.key or finding.message}"
    return f"{rule.code}\0{path}\0{finding.id}\0{finding.key or ''}"


def _identity_bytes(identity: str) -> bytes:
    """File names that are not UTF-8 hash as their bytes; any other lone surrogate (from a
    ``"\\ud800"`` escape in a JSON or YAML value a message quotes) hashes as it is."""
    try:
        return identity.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return identity.encode("utf-8", "surrogatepass")


def _applies(exemption: Exemption, rule: Rule) -> bool:
    return rule.named_by(exemption.rule)


def _apply_config(
    result: RuleResult,
    config: Config,
    today: dt.date,
    notes: Iterable[ReportedFinding] = (),
) -> None:
    """Exemptions, attestations, the trust ``notes``, then the outcome; mutates ``result``."""
    rule = result.rule
    exemptions = [e for e in config.exemptions if _applies(e, rule)]
    expired = [e for e in exemptions if e.expires < today]
    live = [e for e in exemptions if e.expires >= today]
    findings = [_exempted(f, live) for f in result.findings]

    attestation = _attestation_for(rule, config)
    open_findings = [f for f in findings if f.suppression is None]
    if rule.attestable and open_findings:
        if attestation is None:
            hint = (
                f"; if the evidence is kept outside the repository, attest it under "
                f"`attestations: {rule.topic}:` in {config.path or '.tcop-lint.yml'}"
            )
            findings = [
                replace(f, message=f.message + hint)
                if f.missing and not f.suppression
                else f
                for f in findings
            ]
        elif (today - attestation.reviewed).days <= attestation.max_age_days:
            findings = [f for f in findings if f.suppression]
            result.evidence.append(
                Evidence(
                    _declared_in(config, attestation.origin).path or ".tcop-lint.yml",
                    f"attestation: {attestation.evidence} (reviewed {attestation.reviewed})",
                )
            )
        else:
            findings = [f for f in findings if f.suppression] + [
                _config_finding(
                    rule,
                    ("stale-attestation", attestation.key),
                    f"attestation `{attestation.key}` was reviewed on {attestation.reviewed}, more than "
                    f"{attestation.max_age_days} days ago: review {attestation.evidence} and update `reviewed`",
                    "warning",
                    _declared_in(config, attestation.origin),
                    attestation.line,
                )
            ]
    for exemption in expired:
        findings.append(
            _config_finding(
                rule,
                (
                    "expired-exemption",
                    f"{exemption.expires}:{','.join(exemption.paths)}",
                ),
                f"exemption for {rule.code} expired on {exemption.expires}: fix the findings or renew it "
                "with a new `expires` date and reason",
                "error",
                _declared_in(config, exemption.origin),
                exemption.line,
            )
        )
    result.findings = findings + list(notes)
    result.outcome = outcome_of(result.findings)


def _attestation_for(rule: Rule, config: Config) -> Attestation | None:
    for key in (rule.code, rule.name, rule.topic):
        if key in config.attestations:
            return config.attestations[key]
    return None


def _exempted(finding: ReportedFinding, exemptions: list[Exemption]) -> ReportedFinding:
    for exemption in exemptions:
        if not exemption.paths or (
            finding.path and _path_matches(finding.path, exemption.paths)
        ):
            suppression = Suppression(
                exemption.reason, exemption.expires, exemption.approved_by
            )
            return replace(finding, suppression=suppression)
    return finding


def _path_matches(path: str, patterns: tuple[str, ...]) -> bool:
    return gitignore_spec(patterns).match_file(path)


def _declared_in(config: Config, origin: Origin | None) -> Config:
    """``config`` as seen from where an entry was declared: an inherited exemption's or
    attestation's own file (an ``extends`` file), so that its findings point there."""
    if origin is None:
        return config
    return replace(config, path=origin.path, in_repo=origin.in_repo)


def _config_finding(
    rule: Rule,
    id_and_key: tuple[str, str],
    message: str,
    level: Level,
    config: Config,
    line: int,
) -> ReportedFinding:
    path = config.path if config.in_repo else None
    identity = f"{rule.code}\0config\0" + "\0".join(id_and_key)
    return ReportedFinding(
        rule_code=rule.code,
        message=message if path else f"{config.path}:{line}: {message}",
        level=level,
        path=path,
        start_line=line if path else None,
        end_line=line if path else None,
        fingerprint=hashlib.sha256(_identity_bytes(identity)).hexdigest()[:32],
        id=id_and_key[0],
    )


OWN_RULES = {INLINE_SUPPRESSION_RULE.code: INLINE_SUPPRESSION_RULE}
"""The rules the engine applies itself, after the others: selected, configured, listed and
explained like any rule."""


def _own_result(
    rule: Rule,
    notes: list[Finding],
    settings: dict[str, RuleSetting],
    config: Config,
    today: dt.date,
) -> list[RuleResult]:
    """The result of one of the engine's own rules, configured like any rule (``off``, a
    level, exemptions): none when the config turns it off."""
    setting = settings.get(rule.code)
    if setting is not None and not setting.enabled:
        return []
    level: Level = (setting.level if setting else None) or rule.level
    result = RuleResult(rule, "pass", level, _fingerprinted(rule, notes, level, False))
    _apply_config(result, config, today)
    return [result]


def _roll_up(point: Point, results: list[RuleResult]) -> PointResult:
    mine = tuple(r for r in results if r.rule.topic == point.topic)
    outcomes = {r.outcome for r in mine}
    if "fail" in outcomes:
        status = "fail"
    elif outcomes & {"warn", "error"}:
        status = "warn"
    elif outcomes & {"pass", "exempt"}:
        status = "pass"
    else:
        status = "not-assessed"
    return PointResult(point, status, mine)


def without_known(report: Report, known: set[str]) -> Report:
    """The report with findings whose fingerprints are in ``known`` left out (``--baseline``).

    Outcomes and point statuses are recomputed from what is left, so a team can adopt the tool
    on a repository with existing gaps and still block new ones.
    """
    left_out = 0
    for result in report.results:
        if result.outcome in ("skipped", "error"):
            continue
        kept = [f for f in result.findings if f.fingerprint not in known]
        left_out += len(result.findings) - len(kept)
        result.findings = kept
        result.outcome = outcome_of(kept)
    report.points = [_roll_up(p.point, report.results) for p in report.points]
    report.status = _overall(report.points)
    report.baseline_known = left_out
    return report


def _overall(points: list[PointResult]) -> PointStatus:
    return max(
        (p.status for p in points), key=POINT_RANK.__getitem__, default="not-assessed"
    )
