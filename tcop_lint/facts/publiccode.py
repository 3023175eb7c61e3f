"""publiccode.yml checked against the standard's schema, and BC government's variant.

The schema is SchemaStore's for the publiccode.yml standard (``data/publiccode.schema.json``).
Two readings follow the standard and its reference parser (publiccode-parser-go) where the
schema is narrower:

- country-specific sections: each is named by an ISO 3166-1 alpha-2 country code, upper
  case or (deprecated) lower case; the Italian one (``IT:`` or ``it:``) is checked against
  its schema, any other country's is accepted as a mapping;
- unquoted numbers where the standard wants text (``publiccodeYmlVersion: 0.2``) are read
  as text.

Checking imports jsonschema (about 0.1 s, a third of a small run), so each file's problems
are remembered between runs, keyed by its text and the code.
"""

from __future__ import annotations

import functools
import json
from typing import Any, NamedTuple

from tcop_lint.cache import as_records
from tcop_lint.data import read_text as read_data_file
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository
from tcop_lint.schema_check import SchemaError, line_at, schema_errors, validator

PUBLICCODE_NAMES = ("publiccode.yml", "publiccode.yaml")
BC_PUBCODE_NAMES = ("bcgovpubcode.yaml", "bcgovpubcode.yml")

# Format checks ("uri") use these when installed, so their presence is part of a result.
_LIBRARIES = ("jsonschema", "rfc3987", "rfc3986_validator")

_COUNTRY_CODE_LIST = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN "
    "BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL "
    "GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM "
    "JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
    "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
    "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD "
    "SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK"
)
COUNTRY_CODES = frozenset(_COUNTRY_CODE_LIST.split())
"""ISO 3166-1 alpha-2 codes (and UK, reserved for the United Kingdom): the names of
country-specific sections."""


class Problem(NamedTuple):
    """One way the file departs from the standard, in words a rule can build on."""

    line: int
    kind: str
    """``unknown-key``, ``missing-key``, ``not-allowed``, ``wrong-type``, ``bad-format``,
    ``too-long``, ``too-short``, ``no-pattern-match`` or ``invalid``."""
    name: str
    """The dotted key it is about (``legal.license``, ``platforms[0]``), "" for the top."""
    detail: str
    """What the kind needs: the missing key, the allowed values joined by ", ", the type
    or format wanted, the length limit, the pattern, or the validator's own message."""
    choices: int = 0
    """For ``not-allowed``: how many values are allowed."""


def find_publiccode(repo: Repository) -> str | None:
    return repo.find(*PUBLICCODE_NAMES)


def find_bc_pubcode(repo: Repository) -> str | None:
    return repo.find(*BC_PUBCODE_NAMES)


@functools.cache
def _validator() -> Any:
    schema = json.loads(read_data_file("publiccode.schema.json"))
    properties = schema["properties"]
    italian = properties["IT"]
    for code in COUNTRY_CODES:
        for key in (code, code.lower()):
            properties.setdefault(key, {"type": "object"})
    properties["it"] = italian
    return validator(schema, formats=True)


def problems(repo: Repository, path: str, data: dict[str, Any]) -> list[Problem]:
    """Where the parsed publiccode.yml ``data`` at ``path`` breaks the standard, in the
    order of the lines they are on; an empty list when it is valid."""
    return repo.cache.cached(
        "publiccode",
        (repo.read_text(path) or "",),
        lambda: _problems(data),
        libraries=_LIBRARIES,
        encode=lambda found: [p._asdict() for p in found],
        decode=lambda stored: as_records(stored, Problem),
    )


def _problems(data: dict[str, Any]) -> list[Problem]:
    check = _validator()
    errors = schema_errors(
        data, check, prepare=lambda plain: _numbers_as_text(check, plain)
    )
    found = [problem for error in errors for problem in _described(data, error)]
    return sorted(found, key=lambda problem: problem.line)


def _numbers_as_text(check: Any, plain: dict[str, Any]) -> None:
    """Turn unquoted numbers into text where the standard wants text, as its parser does.

    ``publiccodeYmlVersion: 0.2`` and ``softwareVersion: 1.0`` load as floats, but the
    reference parser (publiccode-parser-go) reads them as the strings it expects.
    """
    for error in list(check.iter_errors(plain)):
        if error.validator != "type" or error.validator_value != "string":
            continue
        if not error.absolute_path:
            continue
        if isinstance(error.instance, bool) or not isinstance(
            error.instance, int | float
        ):
            continue
        *parents, last = error.absolute_path
        container: Any = plain
        for step in parents:
            container = container[step]
        container[last] = str(error.instance)


def dotted(path: tuple[Any, ...] | list[Any]) -> str:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


_QUOTED = linear_re(r"'([^']+)'")
_SIMPLE = {
    "type": "wrong-type",
    "format": "bad-format",
    "maxLength": "too-long",
    "minLength": "too-short",
    "pattern": "no-pattern-match",
}


def _described(data: dict[str, Any], found: SchemaError) -> list[Problem]:
    error = found.error
    name = dotted(found.path)
    kind = error.validator
    if kind == "additionalProperties":
        unexpected = _QUOTED.findall(error.message.split("(")[-1])
        return [
            Problem(
                line_at(data, [*found.path, key]),
                "unknown-key",
                dotted([*found.path, key]),
                key,
            )
            for key in unexpected
        ] or [Problem(found.line, "invalid", name, error.message)]
    if kind == "required":
        missing = _QUOTED.match(error.message)
        return [
            Problem(
                found.line, "missing-key", name, missing.group(1) if missing else "?"
            )
        ]
    if kind == "enum":
        allowed = error.validator_value
        choices = ", ".join(str(value) for value in allowed)
        return [Problem(found.line, "not-allowed", name, choices, len(allowed))]
    if kind in _SIMPLE:
        wanted = error.validator_value
        if kind == "type" and not isinstance(wanted, str):
            wanted = wanted[0]
        return [Problem(found.line, _SIMPLE[kind], name, str(wanted))]
    return [Problem(found.line, "invalid", name, error.message)]
