"""What the tests of point 3's rules share: licence texts rendered from the matcher's own
patterns (tests/licence_texts.py), the messages several tests expect, and a finding summary."""

from __future__ import annotations

from licence_texts import licence_text, mit_text

from tcop_lint.results import RuleResult

CROWN_MIT = mit_text("Copyright (c) 2024 Crown Copyright (Government Digital Service)")
APACHE = licence_text("Apache-2.0")
GPL3 = licence_text("GPL-3.0")
OGL = licence_text("OGL-UK-3.0")

NO_LICENCE = (
    "no licence file at the repository root (looked for LICENSE, LICENCE, COPYING and "
    "UNLICENSE in any case, with or without .md/.txt/.rst, and LICENSES/): add LICENSE "
    "with the full text of an open licence, e.g. MIT or OGL-UK-3.0"
)
USE_SPDX = 'use an SPDX licence expression such as "MIT"'
UNIDENTIFIED = (
    "licence file text does not identify as an SPDX licence: use the unmodified full "
    "text of an open licence, e.g. MIT or OGL-UK-3.0, changing only the copyright line"
)


def found(result: RuleResult) -> list[tuple[str, str | None, int | None, str]]:
    """(level, path, line, message) of each finding."""
    return [(f.level, f.path, f.start_line, f.message) for f in result.findings]
