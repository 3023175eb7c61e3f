"""TC0302 open-licence on real git repositories."""

from __future__ import annotations

from conftest import run_rule
from licence_texts import licence_text
from open_source_cases import (
    APACHE,
    CROWN_MIT,
    GPL3,
    OGL,
    found,
)

from tcop_lint.rule import Evidence

# -- TC0302 open-licence ------------------------------------------------------------------


def test_osi_approved_licence_passes(make_repo) -> None:
    result = run_rule(make_repo({"COPYING": GPL3}), "TC0302")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [Evidence("COPYING", "GPL-3.0-only (OSI-approved)")]


def test_ogl_passes_through_the_default_allow_list(make_repo) -> None:
    root = make_repo({"LICENSE": CROWN_MIT, "LICENCE-OGL.md": OGL})
    result = run_rule(root, "TC0302")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("LICENCE-OGL.md", "OGL-UK-3.0 (on the allow list)"),
        Evidence("LICENSE", "MIT (OSI-approved)"),
    ]


NON_COMMERCIAL = (
    "CC-BY-NC-4.0 is not an open licence (not OSI-approved and not on the allow list): "
    "relicense under an OSI-approved licence such as MIT, or if CC-BY-NC-4.0 is open "
    "add it to rules.open-licence.options.allow in .tcop-lint.yml"
)


def test_non_commercial_licence_fails(make_repo) -> None:
    root = make_repo({"LICENSE.md": licence_text("CC-BY-NC-4.0")})
    result = run_rule(root, "TC0302")
    assert (result.outcome, found(result)) == (
        "fail",
        [("error", "LICENSE.md", None, NON_COMMERCIAL)],
    )


def test_allow_list_is_configurable(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": OGL,
            "LICENSES/CC-BY-NC-4.0.txt": licence_text("CC-BY-NC-4.0"),
            ".tcop-lint.yml": "rules:\n  open-licence:\n    options:\n"
            "      allow: [cc-by-nc-4.0]\n",
        }
    )
    result = run_rule(root, "TC0302")
    assert (result.outcome, found(result)) == (
        "fail",
        [
            (
                "error",
                "LICENSE",
                None,
                (
                    "OGL-UK-3.0 is not an open licence (not OSI-approved and not on the "
                    "allow list): relicense under an OSI-approved licence such as MIT, or "
                    "if OGL-UK-3.0 is open add it to rules.open-licence.options.allow in "
                    ".tcop-lint.yml"
                ),
            )
        ],
    )
    assert result.evidence == [
        Evidence("LICENSES/CC-BY-NC-4.0.txt", "CC-BY-NC-4.0 (on the allow list)")
    ]


def test_commons_clause_is_not_open(make_repo) -> None:
    rider = (
        '"Commons Clause" License Condition v1.0\n\nThe Software is provided to you '
        "by the Licensor under the License, as defined below, subject to the "
        "following condition. Without limiting other conditions in the License, the "
        "grant of rights under the License will not include, and the License does not "
        "grant to you, the right to Sell the Software.\n\n"
    )
    result = run_rule(make_repo({"LICENSE": rider + APACHE}), "TC0302")
    assert (result.outcome, found(result)) == (
        "fail",
        [
            (
                "error",
                "LICENSE",
                None,
                (
                    "the Commons Clause added to Apache-2.0 withholds the right to sell, so "
                    "the licence is not open: remove the Commons Clause"
                ),
            )
        ],
    )


def test_open_licence_is_skipped_without_an_identified_licence(make_repo) -> None:
    result = run_rule(make_repo({"LICENSE": "All rights reserved.\n"}), "TC0302")
    assert result.outcome == "skipped"
    assert result.reason == (
        "no licence was identified (TC0301 licence-file reports that)"
    )
