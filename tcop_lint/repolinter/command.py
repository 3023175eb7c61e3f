"""Read a Repolinter ruleset, convert it, write the config and say what was not converted.

The config goes to standard output (or ``--output``) as YAML in a fixed order, so converting
the same ruleset twice gives the same bytes; standard error lists each rule not converted
(``not converted: RULE: why``) and each converted with a difference (``note: RULE: what``).
Before anything is written the config is loaded as ``tcop-lint`` would load it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from tcop_lint.repolinter.convert import Conversion, RulesetError, convert

MAX_RULESET_BYTES = 4 * 1024 * 1024
_PREFIX = re.compile(r"[A-Z][A-Z0-9_-]{0,35}")
_PLAIN = re.compile(r"[A-Za-z0-9_./][A-Za-z0-9 _./,'()+=-]*")
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class ImportProblem(Exception):
    """The ruleset cannot be read or the options are wrong: one line, exit 2."""


def run(ruleset: str, output: str | None, prefix: str) -> int:
    """Convert ``ruleset``; the exit code (0: a config written, 1: no rule converted, 3:
    the config made would not load)."""
    if not _PREFIX.fullmatch(prefix) or prefix.upper().startswith("TC"):
        raise ImportProblem(
            f"--prefix {prefix!r}: an upper-case letter then up to 35 upper-case letters, "
            "digits, - or _, not starting TC (reserved for tcop-lint's own rules)"
        )
    path = Path(ruleset)
    if output is not None and _same_file(path, Path(output)):
        raise ImportProblem(f"--output {output}: that is the ruleset being read")
    data = _read(path, ruleset)
    try:
        conversion = convert(data, prefix, taken=_builtin_names())
    except RulesetError as exc:
        raise ImportProblem(f"{ruleset}:{exc.line}: {exc}") from None
    for rule, why in conversion.not_converted:
        print(f"not converted: {_one_line(rule)}: {_one_line(why)}", file=sys.stderr)
    for rule, what in conversion.notes:
        print(f"note: {_one_line(rule)}: {_one_line(what)}", file=sys.stderr)
    if not conversion.policies:
        print(f"tcop-lint: {ruleset}: no rule could be converted", file=sys.stderr)
        return 1
    text = render(conversion, Path(ruleset).name)
    problem = load_problem(text)
    if problem is not None:
        print(f"tcop-lint: internal error: {problem}; nothing written", file=sys.stderr)
        return 3
    if output is None:
        sys.stdout.write(text)
    else:
        from tcop_lint.report import write_atomically

        try:
            write_atomically(Path(output), text)
        except OSError as exc:
            raise ImportProblem(
                f"--output {output}: cannot write it ({exc.strerror or exc})"
            ) from None
    print(
        f"tcop-lint: converted {conversion.converted} of {conversion.rules} rules "
        f"into {len(conversion.policies)} polic{'y' if len(conversion.policies) == 1 else 'ies'}",
        file=sys.stderr,
    )
    return 0


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _read(path: Path, shown: str) -> Any:
    from tcop_lint.parsing import parse_json, parse_yaml

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RULESET_BYTES + 1)
    except OSError as exc:
        raise ImportProblem(
            f"{shown}: cannot read it ({exc.strerror or exc})"
        ) from None
    if len(raw) > MAX_RULESET_BYTES:
        raise ImportProblem(f"{shown}: larger than {MAX_RULESET_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportProblem(f"{shown}:{line}: not UTF-8 text") from None
    parsed = parse_yaml(text)
    if not parsed.ok and text.lstrip().startswith("{"):
        parsed = parse_json(text)  # JSON that YAML 1.1 reads differently: JSON's error
    if not parsed.ok:
        raise ImportProblem(f"{shown}:{parsed.line or 1}: {parsed.error}")
    return parsed.data


def _builtin_names() -> set[str]:
    from tcop_lint.registry import builtin_rules

    return {rule.name for rule in builtin_rules()}


def render(conversion: Conversion, source: str) -> str:
    """The config: a header saying where it came from, then the policies."""
    from tcop_lint.config import SCHEMA_URL

    lines = [
        f"# yaml-language-server: $schema={SCHEMA_URL}",
        f"# Policies converted from the Repolinter ruleset {_one_line(source)} by",
        "# `tcop-lint import-repolinter`; it listed the rules it could not convert.",
        "policies:",
    ]
    for policy in conversion.policies:
        first = True
        for key, value in policy.items():
            lead = "  - " if first else "    "
            first = False
            if isinstance(value, list):
                lines.append(f"{lead}{key}:")
                lines.extend(f"      - {_scalar(item)}" for item in value)
            else:
                lines.append(f"{lead}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """``text``, quoted as JSON if it holds a line break or another unprintable character
    (a rule name from the ruleset), so that each listed rule stays one line."""
    return json.dumps(text) if not text.isprintable() else text


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back as the same text."""
    import yaml

    if _PLAIN.fullmatch(value) and not value.endswith(" "):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def load_problem(text: str) -> str | None:
    """Why the config would not load as ``tcop-lint`` loads it (a converter bug), if so."""
    from tcop_lint import config as config_module

    try:
        config_module.from_text(
            text,
            "the converted config",
            toml=False,
            in_repo=False,
            base=Path.cwd(),
            cache=None,
        )
    except config_module.ConfigError as exc:
        return str(exc)
    return None
