"""Validate SARIF against the official 2.1.0 schema (a draft-04 schema; see tests/data/SOURCES.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> Any:
    from jsonschema.validators import validator_for

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def assert_valid_sarif(sarif: dict[str, Any]) -> None:
    errors = sorted(
        _validator().iter_errors(sarif), key=lambda e: list(e.absolute_path)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    for run in sarif["runs"]:
        for result in run["results"]:
            location = result["locations"][0]["physicalLocation"]
            assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))
            assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            assert location["region"]["startLine"] >= 1
