"""TC0401..TC0403 (point 4, make use of open standards): the document and helper the
topic's tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tcop_lint.rules.open_standards.openapi_valid import openapi_valid

from tcop_lint.repository import Repository
from tcop_lint.rule import Finding, Options

VALID_30 = """openapi: 3.0.3
info:
  title: Users
  version: "1.0"
paths:
  /users:
    get:
      responses:
        "200":
          description: The users
"""


def findings(result):
    return [(f.level, f.path, f.start_line, f.message) for f in result.findings]


def check_online(root: Path, **values: Any) -> list[Finding]:
    """TC0401's check run directly, online, with ``values`` as its options (``allow_private_
    hosts=True`` for ``allow-private-hosts``): what the person running tcop-lint may allow,
    whatever a repository's own config may do."""
    options = {name.replace("_", "-"): value for name, value in values.items()}
    items = openapi_valid.check(
        Repository(root), Options({**openapi_valid.defaults(), **options}, online=True)
    )
    return [item for item in items if isinstance(item, Finding)]


def summary(found: list[Finding]) -> list[tuple[Any, ...]]:
    return [(f.level, f.path, f.start_line, f.message) for f in found]
