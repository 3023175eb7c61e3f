"""Helpers for the estate tests: the real CLI in a subprocess, the published schemas, and the
repositories an estate is made of."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from conftest import git, make_git_repo

ROOT = Path(__file__).parents[2]
TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
EPOCH = "1796421600"  # 2026-12-04T22:00:00Z
GENERATED = "2026-12-04T22:00:00Z"
SELECT = ("--select", "TC0301,TC0601")
"""Two rules (points 3 and 6) keep each run quick; the other points are not assessed."""

MIT = (
    "MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of "
    "charge, to any person obtaining a copy of this software and associated documentation "
    'files (the "Software"), to deal in the Software without restriction, including without '
    "limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, "
    "and/or sell copies of the Software, and to permit persons to whom the Software is "
    "furnished to do so, subject to the following conditions:\n\nThe above copyright notice "
    "and this permission notice shall be included in all copies or substantial portions of "
    'the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS '
    "OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR "
    "A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT "
    "HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF "
    "CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR "
    "THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n"
)
SECURITY = "# Security\n\nReport vulnerabilities to security@acme.gov.uk.\n"


def tcop_lint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, with a fixed ``generated`` time."""
    return subprocess.run(
        [TCOP_LINT, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )


def passing_repo(path: Path, remote: str | None = "acme/passing") -> Path:
    repo = make_git_repo(path, {"LICENSE": MIT, "SECURITY.md": SECURITY})
    if remote:
        git(repo, "remote", "add", "origin", f"https://github.com/{remote}.git")
    return repo


def failing_repo(path: Path) -> Path:
    return make_git_repo(path, {"README.md": "# Failing\n"})


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = [
        json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        for name in ("estate.schema.json", "report.schema.json")
    ]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas
    )
    return Draft202012Validator(schemas[0], registry=registry)


def assert_valid_estate(estate: dict[str, Any]) -> None:
    errors = sorted(
        _validator().iter_errors(estate), key=lambda e: list(e.absolute_path)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def read_estate(directory: Path) -> dict[str, Any]:
    estate = json.loads((directory / "estate.json").read_text(encoding="utf-8"))
    assert_valid_estate(estate)
    return estate
