"""Each rule of a Repolinter version 2 ruleset as ``policies:`` entries, or why it is not one.

| Repolinter rule | Policy |
|---|---|
| ``file-existence`` (``globsAny``; ``dirs``: a folder counts) | ``file-exists``, ``match: any`` |
| ``directory-existence`` | ``file-exists`` on ``GLOB/**`` (git keeps no empty folder) |
| ``apache-notice`` | ``file-exists`` on ``NOTICE*`` |
| ``file-not-exists``, ``file-type-exclusion`` | ``file-absent`` |
| ``file-contents`` / ``file-not-contents`` | ``file-contains`` / ``file-not-contains`` (+ a ``file-exists`` with ``fail-on-non-existent``) |
| ``file-starts-with`` | a ``file-contains`` per pattern, within the first ``lineCount`` lines (+ a ``file-exists``) |

A rule with ``where:`` (it runs only when an axiom such as ``language=java`` holds) is not
converted: a policy has no condition, and run everywhere it would fail repositories the
ruleset never checked. ``level: off`` rules are not converted either; other rule types are
listed with the reason. Codes are the prefix, the rule's point in the UK edition and a
number (``RL0301``); names are the rule's, in kebab-case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tcop_lint.parsing import LineDict
from tcop_lint.profiles import PROFILES
from tcop_lint.repolinter.kinds import KINDS, OPTIONS, NotConverted
from tcop_lint.repolinter.translate import Untranslatable


class RulesetError(ValueError):
    """The file is not a Repolinter ruleset this can read; ``line`` is where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Conversion:
    policies: list[dict[str, Any]] = field(default_factory=list)
    not_converted: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Rules converted with a difference worth knowing (a dropped exclusion, a new name)."""
    converted: int = 0
    rules: int = 0
    """Rules in the ruleset (a version 1 ruleset's across its groups)."""


_LEVELS = ("error", "warning", "off")
_TOPICS = (
    (r"licen|copying|notice|copyright|spdx", "open-source"),
    (r"secur|secret|vulnerab|binar|credential|password", "security"),
    (r"privacy|gdpr", "privacy"),
    (r"accessib|a11y", "accessibility"),
    (r"test|spec|ci(?:-|$)|integrat|pipeline|workflow", "integrate-adapt"),
    (r"openapi|swagger|standard", "open-standards"),
    (r"cloud|terraform|docker|infrastructure", "cloud-first"),
    (r"sustainab|carbon", "sustainability"),
)
_ALREADY_CHECKED = {
    "license-detectable-by-licensee": "tcop-lint's TC0301 licence-file already checks "
    "that the licence file's text identifies as an SPDX licence",
    "git-working-tree": "tcop-lint checks git repositories (and folders) already",
}


def topic_of(name: str) -> str:
    """The Code topic a rule's name suggests (``license-file-exists``: open-source)."""
    for words, topic in _TOPICS:
        if re.search(rf"(?:^|-)(?:{words})", name):
            return topic
    return "share-reuse"


def convert(ruleset: Any, prefix: str, taken: Iterable[str] = ()) -> Conversion:
    """The ruleset's rules as policies with codes ``prefix``PPNN; names in ``taken`` (the
    rules tcop-lint has) are avoided. Raises :class:`RulesetError` for a broken ruleset."""
    rules = _rules_of(ruleset)
    done = Conversion(rules=len(rules))
    if isinstance(ruleset.get("extends"), str):
        done.not_converted.append(
            (f"extends {ruleset['extends']}", "its rules are not read; import it too")
        )
    names = set(taken)
    for name, entry in rules.items():
        _check_entry(rules, name)
        try:
            made = _convert_rule(str(name), entry, done.notes)
        except NotConverted as why:
            done.not_converted.append((str(name), str(why)))
            continue
        for policy in made:
            policy["name"] = _free_name(
                policy["name"], names, prefix, done.notes, str(name)
            )
            names.add(policy["name"])
        done.policies.extend(made)
        done.converted += 1
    _number(done.policies, prefix)
    return done


def _rules_of(ruleset: Any) -> dict[str, Any]:
    """The rules by name, in the version 2 shape whatever the ruleset's version."""
    if not isinstance(ruleset, dict):
        raise RulesetError(1, "a Repolinter ruleset is a JSON or YAML mapping of rules")
    rules = ruleset.get("rules")
    if rules is None:  # a ruleset that only extends another
        return {}
    if not isinstance(rules, dict):
        raise RulesetError(_line(ruleset, "rules"), "rules: a mapping of rules")
    if ruleset.get("version") == 2:
        return rules
    if "version" in ruleset:
        raise RulesetError(
            _line(ruleset, "version"),
            f"version {ruleset['version']!r}: Repolinter rulesets are version 2, or "
            "version 1 without a version key",
        )
    return _from_version_1(rules)


def _from_version_1(rules: dict[str, Any]) -> dict[str, Any]:
    """Version 1 rules, ``{WHERE: {"NAME:TYPE": [LEVEL, OPTIONS]}}`` (``all`` for no
    condition), as version 2 entries, the way Repolinter reads them."""
    made: dict[str, Any] = {}
    for where, group in rules.items():
        if not isinstance(group, dict):
            raise RulesetError(
                _line(rules, where),
                f"rules/{where}: a version 1 ruleset groups rules under all: or an axiom "
                "(language=java:)",
            )
        for key, value in group.items():
            if not isinstance(value, list) or not value:
                raise RulesetError(
                    _line(group, key), f"rules/{where}/{key}: a list [level, options]"
                )
            name, _, rest = str(key).partition(":")
            entry = LineDict(
                level=value[0],
                rule={
                    "type": rest.split(":")[0] or name,
                    "options": value[1] if len(value) > 1 else {},
                },
            )
            entry.line, entry.key_lines = _line(group, key), {}
            if where != "all":
                entry["where"] = [str(where)]
            made[name if name not in made else f"{name} ({where})"] = entry
    return made


def _line(mapping: Any, key: str) -> int:
    """The line of ``key`` in a parsed mapping (of the mapping when the key is absent)."""
    return mapping.line_of(key) if isinstance(mapping, LineDict) else 1


def _check_entry(rules: dict[str, Any], name: str) -> None:
    """Refuse what Repolinter's own schema refuses, at its line."""
    entry = rules[name]
    where = f"rules/{name}"
    if not isinstance(entry, dict):
        raise RulesetError(_line(rules, name), f"{where}: a rule is a mapping")
    if entry.get("level") not in _LEVELS:
        raise RulesetError(
            _line(entry, "level"), f"{where}/level: one of {', '.join(_LEVELS)}"
        )
    rule = entry.get("rule")
    if not isinstance(rule, dict) or not isinstance(rule.get("type"), str):
        raise RulesetError(_line(entry, "rule"), f"{where}/rule: needs a type")
    if not isinstance(rule.get("options", {}), dict):
        raise RulesetError(_line(rule, "options"), f"{where}/rule/options: a mapping")
    where_list = entry.get("where", [])
    if not isinstance(where_list, list) or not all(
        isinstance(w, str) for w in where_list
    ):
        raise RulesetError(
            _line(entry, "where"), f"{where}/where: a list of axiom conditions"
        )
    for key in ("policyInfo", "policyUrl"):
        if not isinstance(entry.get(key, ""), str):
            raise RulesetError(_line(entry, key), f"{where}/{key}: text")


def _convert_rule(
    name: str, entry: dict[str, Any], notes: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    rule_type = entry["rule"]["type"]
    options = entry["rule"].get("options") or {}
    if entry["level"] == "off":
        raise NotConverted("its level is off")
    if entry.get("where"):
        raise NotConverted(
            f"it runs only where {' and '.join(entry['where'])}; a policy has no "
            "conditions, so it would also fail repositories the ruleset never checks"
        )
    if rule_type in _ALREADY_CHECKED:
        raise NotConverted(_ALREADY_CHECKED[rule_type])
    if rule_type not in OPTIONS:
        raise NotConverted(f"Repolinter's {rule_type} has no policy kind")
    unknown = sorted(set(options) - OPTIONS[rule_type])
    if unknown:
        raise NotConverted(f"option {unknown[0]} is not one {rule_type} takes")
    base = _base(name, entry)
    url = entry.get("policyUrl", "")
    if url and "help-uri" not in base:
        notes.append((name, f"policyUrl {url!r} is not an http(s) URL: no help-uri"))
    try:
        return KINDS[rule_type](base, options, lambda note: notes.append((name, note)))
    except Untranslatable as why:
        raise NotConverted(str(why)) from None


def _base(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    kebab = _kebab(name) or "rule"
    base: dict[str, Any] = {
        "code": "",
        "name": kebab,
        "topic": topic_of(kebab),
        "level": entry["level"],
        "_info": entry.get("policyInfo", "").strip(),
        "_fix": _fix_text(entry.get("fix")),
    }
    url = entry.get("policyUrl", "")
    if url.startswith(("https://", "http://")):
        base["help-uri"] = url
    return base


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fix_text(fix: Any) -> str:
    """What Repolinter's automatic ``fix`` would do, as an instruction."""
    if not isinstance(fix, dict):
        return ""
    options: dict[str, Any] = (
        fix["options"] if isinstance(fix.get("options"), dict) else {}
    )
    created = options.get("file")
    if (
        fix.get("type") == "file-create"
        and isinstance(created, str)
        and created.strip()
    ):
        return f"create {created.strip()}"
    if fix.get("type") == "file-remove":
        return "remove the file"
    return ""


def _free_name(
    name: str, names: set[str], prefix: str, notes: list[tuple[str, str]], rule: str
) -> str:
    """``name``, or one no other rule or policy has (``rl-readme``, then ``readme-2``)."""
    if name not in names:
        return name
    candidate = f"{_kebab(prefix)}-{name}"
    number = 2
    while candidate in names:
        candidate, number = f"{name}-{number}", number + 1
    notes.append((rule, f"named {candidate}: another rule is named {name}"))
    return candidate


def _number(policies: list[dict[str, Any]], prefix: str) -> None:
    """Codes in ruleset order: the prefix, the topic's UK point and a count in it."""
    counts: dict[int, int] = {}
    for policy in policies:
        point = PROFILES["uk"].point_for(policy["topic"])
        number = point.number if point else 0
        counts[number] = counts.get(number, 0) + 1
        policy["code"] = f"{prefix}{number:02d}{counts[number]:02d}"
