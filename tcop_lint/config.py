"""Configuration: ``.tcop-lint.yml``, ``[tool.tcop-lint]`` in pyproject.toml, or ``--config``.

Validated against the JSON Schema shipped in the package. Every problem is a
:class:`ConfigError` whose text is one line, ``FILE:LINE: problem``.

The trust boundary (README, "Security model"): the person running tcop-lint decides what it
may reach, and a config in the scanned checkout may only narrow it. A config is *trusted*
when it lies outside the checkout that holds the scanned folder (a ``--config`` file of the
runner's own); only then do its widening settings (``online``, the TC0401 option
``allow-private-hosts``) take effect. The engine notes what an untrusted config asked for.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, cast

from tcop_lint.cache import ResultCache
from tcop_lint.data import read_text as read_data_file
from tcop_lint.parse_cache import parse_yaml_cached
from tcop_lint.parsing import LineDict, LineList, parse_toml
from tcop_lint.policies import extends as extends_module
from tcop_lint.policies.model import Policy, PolicyError, parse_policies
from tcop_lint.rule import Level

CONFIG_NAMES = (".tcop-lint.yml", ".tcop-lint.yaml")
SCHEMA_URL = (
    "https://raw.githubusercontent.com/tcop-lint/tcop-lint/main/tcop_lint/data/"
    "config.schema.json"
)
"""Where editors fetch the config schema: its ``$id``, the raw file of the main branch."""
_SCHEMA_LIBRARIES = ("jsonschema",)
DEFAULT_ATTESTATION_MAX_AGE_DAYS = 365
MAX_CONFIG_BYTES = 1_048_576


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one line shown to the user."""


@dataclass(frozen=True)
class RuleSetting:
    level: Level | None = None
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    line: int = 1
    option_lines: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    """The config that set it, when another than the one loaded (an ``extends`` file)."""


class Origin(NamedTuple):
    """The config an inherited entry was declared in (an ``extends`` file), where its own
    findings (expired, stale) point."""

    path: str
    in_repo: bool


class Exemption(NamedTuple):
    rule: str
    reason: str
    expires: dt.date
    paths: tuple[str, ...] = ()
    approved_by: str | None = None
    line: int = 1
    origin: Origin | None = None
    """Set when declared in a config this one extends."""


class Attestation(NamedTuple):
    key: str
    evidence: str
    reviewed: dt.date
    max_age_days: int = DEFAULT_ATTESTATION_MAX_AGE_DAYS
    line: int = 1
    origin: Origin | None = None
    """Set when declared in a config this one extends."""


@dataclass(frozen=True)
class Config:
    path: str | None = None
    """Where the config came from, as shown in messages (repo-relative when inside the repo)."""
    in_repo: bool = False
    trusted: bool = False
    """Outside the scanned checkout, so chosen by the person running tcop-lint: what it
    widens (``online``, runner-only rule options) takes effect. A config in the checkout is
    repository content: it may narrow what tcop-lint does, never widen it."""
    profile: str | None = None
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    attestations: dict[str, Attestation] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()
    plugin_lines: tuple[int, ...] = ()
    """The line of each of ``plugins`` in the config that names them."""
    plugins_from: str | None = None
    """The config that named ``plugins``, when another than this one (an ``extends`` file)."""
    plugin_base: Path | None = None
    online: bool = False
    online_line: int = 1
    max_file_bytes: int | None = None
    policies: tuple[Policy, ...] = ()
    extends: tuple[extends_module.Ref, ...] = ()
    """What this file extends; empty once :func:`load` has merged them in."""
    keys: frozenset[str] = frozenset()
    """The top-level keys the file sets: an ``extends`` merge takes only these from it."""


def load(
    root: Path,
    explicit: str | None = None,
    cache: ResultCache | None = None,
    *,
    online: bool = False,
    allow_private_hosts: bool = False,
) -> Config:
    """The config for the repository at ``root``: ``explicit`` if given, else the first found,
    merged over the configs it extends. A YAML config's parse tree is kept in ``cache``.
    ``online`` and ``allow_private_hosts`` are the runner's: they alone let an ``extends``
    URL be fetched (from a private address)."""
    own = _load_own(root, explicit, cache)
    if not own.extends:
        return own
    fetching = extends_module.Fetching(
        root=root,
        online=online,
        private_hosts=allow_private_hosts,
        cache_dir=cache.directory if cache else None,
        max_bytes=MAX_CONFIG_BYTES,
    )

    def layer(source: extends_module.Source) -> Config:
        return from_text(
            source.text,
            source.shown,
            toml=source.toml,
            in_repo=source.in_repo,
            base=root,
            cache=cache,
        )

    try:
        merged = extends_module.resolve(
            own,
            _identity(own, root),
            lambda c: c.extends,
            layer,
            merged_config,
            fetching,
            own.path or "",
        )
    except extends_module.ExtendsError as exc:
        raise ConfigError(str(exc)) from None
    return replace(merged, extends=())


def _identity(config: Config, root: Path) -> str | None:
    """The config file as an ``extends`` path would name it, to find a cycle back to it."""
    if not config.in_repo or not config.path:
        return None
    real = root.resolve()
    for candidate in (Path(config.path), root / config.path):
        if candidate.is_file() and candidate.resolve().is_relative_to(real):
            return "path:" + candidate.resolve().relative_to(real).as_posix()
    return None


def _load_own(
    root: Path, explicit: str | None = None, cache: ResultCache | None = None
) -> Config:
    """The config file for ``root`` itself, before anything it extends."""
    checkout = checkout_of(root)
    if explicit is not None:
        path = Path(explicit)
        shown = explicit
        if not path.is_file():
            raise ConfigError(f"{shown}:1: config file not found")
        if _named_inside(path, checkout) and not _inside(path, checkout):
            raise ConfigError(
                f"{shown}:1: the config file is a symbolic link that leaves the repository; "
                "name the file it points to instead"
            )
        return _load_file(
            path,
            shown,
            cache,
            in_repo=_inside(path, root),
            trusted=not _named_inside(path, checkout),
        )
    for name in CONFIG_NAMES:
        candidate = root / name
        if candidate.is_file() and _inside(candidate, root):
            return _load_file(candidate, name, cache, in_repo=True, trusted=False)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and _inside(pyproject, root):
        text = _read(pyproject, "pyproject.toml")
        if re.search(r"^\s*\[\[?tool\.tcop-lint[\].]", text, re.MULTILINE):
            return _load_pyproject(text, root, cache)
    return Config()


def checkout_of(folder: Path) -> Path:
    """The git work tree that holds ``folder`` (the nearest folder, itself or above, with a
    ``.git``), else ``folder`` itself: what a pull request can change."""
    real = folder.resolve()
    for candidate in (real, *real.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return real


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _named_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is named as a file in the repository (before following links)."""
    lexical = Path(os.path.abspath(path))
    root = root.resolve()
    return lexical.is_relative_to(root) or (
        lexical.parent.resolve() / lexical.name
    ).is_relative_to(root)


def _read(path: Path, shown: str) -> str:
    """The config text, refusing one over MAX_CONFIG_BYTES: it is untrusted input too."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(
                f"{shown}:1: file is larger than {MAX_CONFIG_BYTES:,} bytes, "
                "too large to be read as configuration"
            )
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}:1: cannot read config: {exc}") from None


def _load_file(
    path: Path, shown: str, cache: ResultCache | None, *, in_repo: bool, trusted: bool
) -> Config:
    text = _read(path, shown)
    config = from_text(
        text,
        shown,
        toml=path.suffix == ".toml",
        in_repo=in_repo,
        base=path.parent,
        cache=cache,
    )
    return replace(config, trusted=trusted)


def from_text(
    text: str,
    shown: str,
    *,
    toml: bool,
    in_repo: bool,
    base: Path,
    cache: ResultCache | None,
) -> Config:
    """A config file's text (TOML: its ``[tool.tcop-lint]`` table, else the whole file),
    checked, as a :class:`Config` that is trusted unless it is in the repository."""
    if toml:
        parsed = parse_toml(text)
        if not parsed.ok:
            raise ConfigError(f"{shown}:{parsed.line or 1}: {parsed.error}")
        data = parsed.data.get("tool", {}).get("tcop-lint", parsed.data)
        line_of = _toml_line_finder(text)
        config = _build(data, shown, in_repo, base, line_of, cache)
    else:
        parsed = parse_yaml_cached(text, cache)
        if not parsed.ok:
            raise ConfigError(f"{shown}:{parsed.line or 1}: {parsed.error}")
        data = parsed.data if parsed.data is not None else {}
        config = _build(data, shown, in_repo, base, _yaml_line_finder(data), cache)
    return replace(config, trusted=not in_repo)


def _load_pyproject(text: str, root: Path, cache: ResultCache | None) -> Config:
    parsed = parse_toml(text)
    if not parsed.ok:
        raise ConfigError(f"pyproject.toml:{parsed.line or 1}: {parsed.error}")
    data = parsed.data.get("tool", {}).get("tcop-lint", {})
    line_of = _toml_line_finder(text)
    return _build(data, "pyproject.toml", True, root, line_of, cache)


def _toml_line_finder(text: str):
    """Map a JSON-Schema error path to the line of the TOML key it names, looking for each
    key of the path after the one before, from the ``[tool.tcop-lint`` header (or the top).
    A list index is found as the n-th ``[[...]]`` header of an array of tables
    (``[[tool.tcop-lint.policies]]``); in an inline list it stops the walk at the list's key."""
    header = re.search(r"^[ \t]*\[\[?tool\.tcop-lint", text, re.MULTILINE)
    start = header.start() if header else 0
    prefix = ["tool", "tcop-lint"] if header else []

    def find(path: list[Any]) -> int:
        position = start
        for depth, part in enumerate(path):
            if isinstance(part, int):
                found = _array_table(text, [*prefix, *path[:depth]], part, position)
            else:
                key = re.compile(
                    rf"(?<![\w-])[\"']?{re.escape(part)}[\"']?[ \t]*[=.\]]"
                )
                found = key.search(text, position)
            if found is None:
                break
            position = found.start()
        return text.count("\n", 0, position) + 1

    return find


def _array_table(text: str, keys: list[Any], index: int, position: int) -> Any:
    """The ``index``-th ``[[a.b]]`` header for ``keys`` from ``position``, or ``None``."""
    if not all(isinstance(key, str) for key in keys):
        return None
    dotted = r"[ \t]*\.[ \t]*".join(re.escape(key) for key in keys)
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{dotted}[ \t]*\]\]", re.MULTILINE)
    line_start = (
        text.rfind("\n", 0, position) + 1
    )  # the key may be in the header itself
    for number, found in enumerate(header.finditer(text, line_start)):
        if number == index:
            return found
    return None


def _yaml_line_finder(data: Any):
    """Map a JSON-Schema error path to the line of the deepest YAML node it reaches."""

    def find(path: list[Any]) -> int:
        node, line = data, getattr(data, "line", 1)
        for part in path:
            in_dict = isinstance(node, LineDict) and part in node
            in_list = (
                isinstance(node, LineList)
                and isinstance(part, int)
                and part < len(node)
            )
            if not (in_dict or in_list):
                break
            line = node.line_of(part)
            node = node[part]
        return line

    return find


def _schema_text() -> str:
    return read_data_file("config.schema.json")


def _plain(value: Any) -> Any:
    """Dates as ISO strings, containers as plain dicts/lists, so the schema sees JSON types."""
    if isinstance(value, dict):
        return {
            str(k) if isinstance(k, (int, float, bool)) else k: _plain(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_schema(
    plain: dict[str, Any], shown: str, line_of, cache: ResultCache | None
) -> None:
    """Validate against config.schema.json, raising the first error as a ConfigError.

    Importing jsonschema is about 0.1 s, a third of a small run, while a pre-commit hook
    meets the same config time after time; so a config that passed is remembered in the
    result cache, keyed by what the validator saw, the schema and jsonschema's files.
    """
    schema = _schema_text()
    key = _schema_key(plain, schema, cache)
    if cache and key and cache.get(key) is True:
        return
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(schema))
    errors = sorted(
        validator.iter_errors(plain),
        key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))),
    )
    if errors:
        error = errors[0]
        if error.validator == "oneOf" and isinstance(error.instance, dict):
            error = _in_mapping_branch(error)
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise ConfigError(
            f"{shown}:{line_of(list(error.absolute_path))}: {where}: {_explain(error)}"
        )
    if cache and key:
        cache.put(key, True)


def _schema_key(
    plain: dict[str, Any], schema: str, cache: ResultCache | None
) -> str | None:
    """The cache key of a validation: what the validator sees, the schema and its code."""
    if cache is None or cache.directory is None:
        return None
    try:
        seen = json.dumps(plain, sort_keys=True)
    except (TypeError, ValueError):  # keys of mixed types, a value JSON cannot hold
        return None
    return cache.key("config", schema, seen, libraries=_SCHEMA_LIBRARIES)


def _build(
    data: Any,
    shown: str,
    in_repo: bool,
    base: Path,
    line_of,
    cache: ResultCache | None,
) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(
            f"{shown}:{getattr(data, 'line', 1)}: the config must be a mapping of keys"
        )
    plain = _plain(data)
    rules_section = plain.get("rules")
    if isinstance(rules_section, dict):
        # YAML 1.1 reads a bare `off` as false; the user meant the level "off".
        for name, value in rules_section.items():
            if value is False:
                rules_section[name] = "off"
            elif isinstance(value, dict) and value.get("level") is False:
                value["level"] = "off"
    _check_schema(plain, shown, line_of, cache)

    for index, item in enumerate(plain.get("exemptions", [])):
        _check_date(item["expires"], shown, line_of(["exemptions", index, "expires"]))
    for key, item in plain.get("attestations", {}).items():
        _check_date(item["reviewed"], shown, line_of(["attestations", key, "reviewed"]))

    rules = {
        name: replace(setting, source=shown)
        for name, setting in _rule_settings(plain.get("rules", {}), line_of).items()
    }
    policies, extends = _organisation_keys(plain, shown, line_of)
    exemptions = tuple(
        Exemption(
            rule=item["rule"],
            reason=item["reason"],
            expires=dt.date.fromisoformat(item["expires"]),
            paths=tuple(item.get("paths", ())),
            approved_by=item.get("approved-by"),
            line=line_of(["exemptions", index]),
        )
        for index, item in enumerate(plain.get("exemptions", []))
    )
    attestations = {
        key: Attestation(
            key=key,
            evidence=item["evidence"],
            reviewed=dt.date.fromisoformat(item["reviewed"]),
            max_age_days=item.get("max-age-days", DEFAULT_ATTESTATION_MAX_AGE_DAYS),
            line=line_of(["attestations", key]),
        )
        for key, item in plain.get("attestations", {}).items()
    }
    return Config(
        path=shown,
        in_repo=in_repo,
        profile=plain.get("profile"),
        rules=rules,
        exclude=tuple(plain.get("exclude", ())),
        exemptions=exemptions,
        attestations=attestations,
        plugins=tuple(plain.get("plugins", ())),
        plugin_lines=tuple(
            line_of(["plugins", index])
            for index in range(len(plain.get("plugins", ())))
        ),
        plugin_base=base,
        online=plain.get("online", False),
        online_line=line_of(["online"]),
        max_file_bytes=plain.get("max-file-bytes"),
        policies=policies,
        extends=extends,
        keys=frozenset(plain),
    )


def _organisation_keys(
    plain: dict[str, Any], shown: str, line_of
) -> tuple[tuple[Policy, ...], tuple[extends_module.Ref, ...]]:
    """The ``policies`` and ``extends`` entries, checked beyond what the schema can say."""
    try:
        policies = parse_policies(plain.get("policies", []), shown, line_of)
        extends = extends_module.parse_refs(plain.get("extends", []), shown, line_of)
    except PolicyError as exc:
        raise ConfigError(f"{shown}:{exc.line}: {exc}") from None
    except extends_module.ExtendsError as exc:
        raise ConfigError(str(exc)) from None
    return policies, extends


def merged_config(base: Config, over: Config) -> Config:
    """``over`` (a config) merged over ``base`` (what it extends), as README "Organisation
    policies" documents: scalars and lists (``exclude``, ``exemptions``, ``plugins``) that
    ``over`` sets replace; ``rules`` merge by rule, a later level replacing and options
    merging key by key; ``attestations`` merge by key; ``policies`` by code, a later policy
    replacing the whole of an earlier one. Where it came from is ``over``'s; it is trusted
    only when both are (a file of the scanned repository never is)."""
    rules = dict(base.rules)
    for name, setting in over.rules.items():
        earlier = rules.get(name)
        rules[name] = _merged_setting(earlier, setting) if earlier else setting
    policies = {policy.code: policy for policy in base.policies}
    policies.update((policy.code, policy) for policy in over.policies)

    def pick(key: str, attribute: str) -> Any:
        return getattr(over if key in over.keys else base, attribute)

    origin = Origin(base.path or "", base.in_repo)
    exemptions = over.exemptions
    if "exemptions" not in over.keys:
        exemptions = tuple(
            e._replace(origin=e.origin or origin) for e in base.exemptions
        )
    inherited = {
        key: item._replace(origin=item.origin or origin)
        for key, item in base.attestations.items()
    }

    return replace(
        over,
        trusted=base.trusted and over.trusted,
        profile=pick("profile", "profile"),
        rules=rules,
        exclude=pick("exclude", "exclude"),
        exemptions=exemptions,
        attestations={**inherited, **over.attestations},
        plugins=pick("plugins", "plugins"),
        plugin_lines=pick("plugins", "plugin_lines"),
        plugins_from=(
            over.plugins_from
            if "plugins" in over.keys
            else base.plugins_from or base.path
        ),
        online=pick("online", "online"),
        online_line=over.online_line if "online" in over.keys else 1,
        max_file_bytes=pick("max-file-bytes", "max_file_bytes"),
        policies=tuple(policies.values()),
        keys=base.keys | over.keys,
    )


def _merged_setting(base: RuleSetting, over: RuleSetting) -> RuleSetting:
    if not over.enabled or over.level is not None:
        level, enabled = over.level, over.enabled
    else:
        level, enabled = base.level, base.enabled
    return replace(
        over,
        level=level,
        enabled=enabled,
        options={**base.options, **over.options},
        option_lines={**base.option_lines, **over.option_lines},
    )


def _rule_settings(section: dict[str, Any], line_of) -> dict[str, RuleSetting]:
    """The ``rules:`` section, each rule's level, options and the lines they are on."""
    rules: dict[str, RuleSetting] = {}
    for name, value in section.items():
        line = line_of(["rules", name])
        if isinstance(value, str):
            # "off", or a level: the schema allows no other string
            off = value == "off"
            rules[name] = RuleSetting(
                level=None if off else cast("Level", value), enabled=not off, line=line
            )
        else:
            level = value.get("level")
            rules[name] = RuleSetting(
                level=None if level in (None, "off") else level,
                enabled=level != "off",
                options=value.get("options", {}),
                line=line,
                option_lines={
                    option: line_of(["rules", name, "options", option])
                    for option in value.get("options", {})
                },
            )
    return rules


def _check_date(text: str, shown: str, line: int) -> None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"{shown}:{line}: {text!r} is not a real date (YYYY-MM-DD)"
        ) from None


def _in_mapping_branch(error: Any) -> Any:
    """For a mapping that fits no branch of a ``oneOf`` (``{level: nope}`` under a rule),
    the error within the branch for mappings, which says what in it is wrong."""
    from jsonschema.exceptions import best_match

    branches = [
        number
        for number, branch in enumerate(error.validator_value)
        if branch.get("type") == "object"
    ]
    inside = [e for e in error.context if e.relative_schema_path[0] in branches]
    return best_match(inside) if inside else error


_JSON_TYPES = {
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "string": "a string",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "empty",
}


def _explain(error: Any) -> str:
    """The schema error as a user reads it, naming what is allowed."""
    if error.validator == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        if not extra:
            return error.message
        close = difflib.get_close_matches(str(extra[0]), known, n=1)
        allowed = f"did you mean {close[0]}?" if close else f"keys: {', '.join(known)}"
        return f"unknown key {extra[0]!r} ({allowed})"
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return f"{error.instance!r} is not one of {allowed}"
    if error.validator == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        return f"{error.instance!r} is not " + " or ".join(
            _JSON_TYPES.get(name, name) for name in names
        )
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "oneOf" and isinstance(error.instance, str):
        return f"{error.instance!r} is not one of off, note, warning, error"
    if error.validator == "pattern":
        return f"{error.instance!r} is not a date (YYYY-MM-DD)"
    return error.message
