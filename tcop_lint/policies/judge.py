"""Each declared policy as a :class:`Rule`, judged from :mod:`tcop_lint.facts.policy_inputs`.

A policy is a rule like any other once made: the engine runs it, applies levels, exemptions,
attestations and the baseline, and ``explain``/``list-rules``/SARIF describe it from the
metadata made here. A failing finding says the policy's ``message``, what was found, and
its ``fix``; a passing one lists the files and keys that met it as evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tcop_lint.config import ConfigError
from tcop_lint.facts.policy_inputs import files_matching, first_match, key_value
from tcop_lint.policies.model import Policy
from tcop_lint.regex import linear_re
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, Rule

if TYPE_CHECKING:
    from tcop_lint.repository import Repository

MAX_EVIDENCE = 20
"""Files listed as evidence of one policy; more are counted, not listed."""

Result = Iterator[Finding | Evidence]


def policy_rules(policies: Iterable[Policy], others: Iterable[Rule] = ()) -> list[Rule]:
    """The policies as rules; a code or name that one of ``others`` (built-in and plugin
    rules) or an earlier policy already has is a :class:`ConfigError` at the policy's line
    (two files that ``extends`` merges can each declare one)."""
    taken = {rule.code: rule for rule in others}
    taken.update({rule.name: rule for rule in taken.values()})
    made = []
    for policy in policies:
        for label, value in (("code", policy.code), ("name", policy.name)):
            if value in taken:
                line = policy.lines.get(label, policy.line)
                raise ConfigError(
                    f"{policy.source}:{line}: policy {policy.code}: the {label} {value} "
                    f"is taken by the rule {taken[value].code} {taken[value].name}; "
                    "choose another"
                )
        made.append(policy_rule(policy))
        taken[policy.code] = taken[policy.name] = made[-1]
    return made


def policy_rule(policy: Policy) -> Rule:
    checks = {
        "file-exists": _file_exists,
        "file-absent": _file_absent,
        "file-contains": _file_contains,
        "file-not-contains": _file_contains,
        "key": _key,
    }
    judge = checks[policy.kind]

    def check(repo: Repository, options: Options) -> Result:
        return judge(policy, repo)

    return Rule(
        code=policy.code,
        name=policy.name,
        topic=policy.topic,
        level=policy.level,
        summary=summary(policy),
        rationale=(
            f"An organisation policy, declared in {policy.source}:{policy.line}. "
            f"When it is not met: {policy.message}."
        ),
        remediation=policy.fix,
        check=check,
        attestable=policy.kind == "file-exists",
        help_uri=policy.help_uri,
    )


def summary(policy: Policy) -> str:
    """What the policy checks, in one line (``list-rules``, SARIF ``shortDescription``)."""
    files = ", ".join(policy.files)
    if policy.kind == "file-exists":
        if len(policy.files) == 1:
            return f"{files} exists"
        return f"{'each' if policy.match == 'all' else 'one'} of {files} exists"
    if policy.kind == "file-absent":
        return f"no file matches {files}"
    if policy.kind == "file-contains":
        return f"files matching {files} contain /{policy.pattern}/"
    if policy.kind == "file-not-contains":
        return f"no file matching {files} contains /{policy.pattern}/"
    key = policy.key
    assert key is not None
    return f"{key.file}: {key.dotted} {_expectation(policy)}"


def _expectation(policy: Policy) -> str:
    key = policy.key
    assert key is not None
    if key.matches is not None:
        return f"matches /{key.matches}/"
    if key.has_equals:
        return f"equals {json.dumps(key.equals)}"
    return "exists" if key.exists else "is absent"


def _said(policy: Policy, found: str) -> str:
    """The finding's message: the policy's words, what was found, then its fix."""
    return f"{policy.message} ({found}): {policy.fix}"


def _listed(policy: Policy, paths: list[str], detail: str) -> Iterator[Evidence]:
    for path in paths[:MAX_EVIDENCE]:
        yield Evidence(path, detail)
    if len(paths) > MAX_EVIDENCE:
        yield Evidence(
            policy.source, f"and {len(paths) - MAX_EVIDENCE} more files: {detail}"
        )


def _file_exists(policy: Policy, repo: Repository) -> Result:
    found = {pattern: files_matching(repo, pattern) for pattern in policy.files}
    absent = [pattern for pattern, paths in found.items() if not paths]
    if policy.match == "any" and len(absent) == len(found):
        looked = " or ".join(policy.files)
        yield Finding(
            _said(policy, f"looked for {looked}"), id="missing-file", missing=True
        )
        return
    if policy.match == "all":
        for pattern in absent:
            yield Finding(
                _said(policy, f"no file matches {pattern}"),
                id="missing-file",
                key=pattern,
                missing=True,
            )
    for pattern, paths in found.items():
        yield from _listed(policy, paths, f"matches {pattern} ({policy.code})")


def _file_absent(policy: Policy, repo: Repository) -> Result:
    for pattern in policy.files:
        found = files_matching(repo, pattern)
        for path in found:
            yield Finding(
                _said(policy, f"{path} matches {pattern}"),
                path=path,
                id="forbidden-file",
            )
        if not found:
            yield Evidence(policy.source, f"no file matches {pattern} ({policy.code})")


def _file_contains(policy: Policy, repo: Repository) -> Result:
    assert policy.pattern is not None
    paths = sorted({p for glob in policy.files for p in files_matching(repo, glob)})
    if not paths:
        raise NotApplicable(f"no file matches {', '.join(policy.files)}")
    pattern = linear_re(f"(?m){policy.pattern}")
    wanted = policy.kind == "file-contains"
    met: list[str] = []
    for path in paths:
        searched = first_match(repo, path, pattern)
        if searched.unreadable is not None:
            yield Finding(
                f"{path} was not checked for /{policy.pattern}/: {searched.unreadable}",
                path=path,
                level="note",
                id="unreadable-file",
            )
        elif wanted and searched.match is None:
            yield Finding(
                _said(policy, f"no match for /{policy.pattern}/"),
                path=path,
                id="pattern-missing",
            )
        elif not wanted and searched.match is not None:
            line, text = searched.match
            yield Finding(
                _said(policy, f"line {line} matches /{policy.pattern}/: {text!r}"),
                path=path,
                start_line=line,
                end_line=line,
                id="forbidden-pattern",
            )
        else:
            met.append(path)
    detail = ("contains" if wanted else "does not contain") + f" /{policy.pattern}/"
    yield from _listed(policy, met, detail)


def _key(policy: Policy, repo: Repository) -> Result:
    key = policy.key
    assert key is not None
    found = key_value(repo, key.file, key.path)
    if found.state == "missing-file":
        if not key.exists:
            yield Evidence(
                policy.source, f"{key.file} does not exist, so has no {key.dotted}"
            )
            return
        yield Finding(_said(policy, f"no {key.file}"), id="missing-file", missing=True)
        return
    at: dict[str, Any] = {
        "path": key.file,
        "start_line": found.line,
        "end_line": found.line,
    }
    if found.state == "unparsable":
        yield Finding(
            _said(policy, f"{key.file} cannot be read: {found.problem}"),
            **at,
            id="unparsable-file",
        )
        return
    problem = _key_problem(policy, found.state == "found", found.value)
    if problem is None:
        yield Evidence(
            key.file, f"line {found.line}: {key.dotted} {_expectation(policy)}"
        )
    else:
        yield Finding(_said(policy, problem), **at, id=_key_id(policy, found.state))


def _key_problem(policy: Policy, present: bool, value: Any) -> str | None:
    """What is wrong with the key's value, or ``None`` when the policy is met."""
    key = policy.key
    assert key is not None
    if not key.exists and not key.has_equals and key.matches is None:
        return f"{key.dotted} is set" if present else None
    if not present:
        return f"no {key.dotted} in {key.file}"
    if key.has_equals and not _same(value, key.equals):
        return f"{key.dotted} is {json.dumps(value, default=str)}, not {json.dumps(key.equals)}"
    if key.matches is not None:
        if isinstance(value, (dict, list)) or value is None:
            return (
                f"{key.dotted} is {_kind_of(value)}, not text matching /{key.matches}/"
            )
        text = json.dumps(value) if isinstance(value, bool) else str(value)
        if linear_re(key.matches).search(text) is None:
            return f"{key.dotted} is {text!r}, which does not match /{key.matches}/"
    return None


def _same(value: Any, wanted: Any) -> bool:
    """Equal as JSON values are: ``true`` is not ``1``, ``1`` is ``1.0``."""
    return value == wanted and isinstance(value, bool) == isinstance(wanted, bool)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else "null"


def _key_id(policy: Policy, state: str) -> str:
    key = policy.key
    assert key is not None
    if state != "found":
        return "missing-key"
    return "unwanted-key" if not key.exists else "wrong-value"
