"""Point 3 rules on real git repositories; licence texts come from tests/licence_texts.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_rule, write_files
from licence_texts import APACHE_NOTICE, licence_text, mit_text

from tcop_lint.rule import Evidence, RuleResult

CROWN_MIT = mit_text("Copyright (c) 2024 Crown Copyright (Government Digital Service)")
APACHE = licence_text("Apache-2.0")
GPL3 = licence_text("GPL-3.0")
OGL = licence_text("OGL-UK-3.0")

NO_LICENCE = (
    "no licence file at the repository root (looked for LICENSE, LICENCE, COPYING and "
    "UNLICENSE in any case, with or without .md/.txt/.rst, and LICENSES/): add LICENSE "
    "with the full text of an open licence, e.g. MIT or OGL-UK-3.0"
)
UNIDENTIFIED = (
    "licence file text does not identify as an SPDX licence: use the unmodified full "
    "text of an open licence, e.g. MIT or OGL-UK-3.0, changing only the copyright line"
)


def found(result: RuleResult) -> list[tuple[str, str | None, int | None, str]]:
    """(level, path, line, message) of each finding."""
    return [(f.level, f.path, f.start_line, f.message) for f in result.findings]


# -- TC0301 licence-file ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "spdx_id"),
    [
        ("LICENSE", CROWN_MIT, "MIT"),
        ("LICENCE.md", CROWN_MIT.replace("MIT License", "# MIT Licence", 1), "MIT"),
        ("License.txt", APACHE, "Apache-2.0"),
        ("COPYING", GPL3, "GPL-3.0-only"),
        ("LICENCE", OGL, "OGL-UK-3.0"),
        ("unlicense", licence_text("Unlicense"), "Unlicense"),
        ("license.rst", licence_text("BSD-3-Clause"), "BSD-3-Clause"),
    ],
)
def test_licence_file_passes_with_the_spdx_id_as_evidence(
    make_repo, name: str, text: str, spdx_id: str
) -> None:
    result = run_rule(make_repo({name: text, "README.md": "# x\n"}), "TC0301")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [Evidence(name, spdx_id)]


def test_dual_licence_files_give_evidence_for_each(make_repo) -> None:
    root = make_repo({"LICENSE": CROWN_MIT, "LICENSE-APACHE": APACHE})
    result = run_rule(root, "TC0301")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("LICENSE", "MIT"),
        Evidence("LICENSE-APACHE", "Apache-2.0"),
    ]


def test_rust_style_licence_variants_and_a_pointer_file(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE-MIT": CROWN_MIT,
            "LICENSE.Apache-2.0": APACHE,
            "LICENSE": "Licensed under either of Apache-2.0 or MIT at your option.\n",
        }
    )
    result = run_rule(root, "TC0301")
    assert result.evidence == [
        Evidence("LICENSE-MIT", "MIT"),
        Evidence("LICENSE.Apache-2.0", "Apache-2.0"),
    ]
    # The pointer is not a licence text; with licences identified beside it, a warning.
    assert (result.outcome, found(result)) == (
        "warn",
        [("warning", "LICENSE", None, UNIDENTIFIED)],
    )


def test_one_file_holding_two_licences(make_repo) -> None:
    root = make_repo({"LICENSE.md": CROWN_MIT + "\n---\n\n" + APACHE})
    result = run_rule(root, "TC0301")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("LICENSE.md", "MIT"),
        Evidence("LICENSE.md", "Apache-2.0"),
    ]


def test_reuse_licences_folder(make_repo) -> None:
    root = make_repo(
        {
            "LICENSES/MIT.txt": CROWN_MIT,
            "LICENSES/CC-BY-4.0.txt": licence_text("CC-BY-4.0"),
            "LICENSES/LicenseRef-Logo.txt": "The logo may not be reused.\n",
            "REUSE.toml": "version = 1\n",
        }
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence("LICENSES/CC-BY-4.0.txt", "CC-BY-4.0"),
        Evidence("LICENSES/MIT.txt", "MIT"),
    ]


def test_no_licence_file_fails_at_the_root(make_repo) -> None:
    result = run_rule(make_repo({"src/app.py": "print(1)\n"}), "TC0301")
    assert (result.outcome, found(result)) == (
        "fail",
        [("error", None, None, NO_LICENCE)],
    )
    assert result.evidence == []


def test_no_licence_finding_points_at_the_readme(make_repo) -> None:
    result = run_rule(make_repo({"README.md": "# x\n"}), "TC0301")
    assert found(result) == [("error", "README.md", None, NO_LICENCE)]


def test_licences_only_in_subdirectories_or_for_third_parties_do_not_count(
    make_repo,
) -> None:
    root = make_repo(
        {
            "packages/a/LICENSE": CROWN_MIT,
            "docs/LICENSE.md": OGL,
            "LICENSE-THIRD-PARTY": APACHE,
            "ThirdPartyNotices.txt": CROWN_MIT,
        }
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result)) == (
        "fail",
        [("error", None, None, NO_LICENCE)],
    )


def test_unidentified_licence_text_fails_on_that_file(make_repo) -> None:
    root = make_repo(
        {"LICENSE": "Copyright (c) 2024 Example Ltd. All rights reserved.\n"}
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result)) == (
        "fail",
        [("error", "LICENSE", None, UNIDENTIFIED)],
    )


def test_empty_licence_file_fails(make_repo) -> None:
    result = run_rule(make_repo({"LICENCE.txt": "\n  \n"}), "TC0301")
    assert found(result) == [
        (
            "error",
            "LICENCE.txt",
            None,
            (
                "licence file is empty: put the full text of an open licence in it, "
                "e.g. MIT or OGL-UK-3.0"
            ),
        )
    ]
    assert result.outcome == "fail"


def test_licence_symlink_leaving_the_repository_is_not_evidence(
    make_repo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside-LICENSE"
    outside.write_text(CROWN_MIT, encoding="utf-8")
    root = make_repo({"README.md": "# x\n"}, commit=False)
    os.symlink(outside, root / "LICENSE")
    result = run_rule(root, "TC0301")
    assert result.evidence == []
    assert (result.outcome, found(result)) == (
        "fail",
        [
            (
                "error",
                "LICENSE",
                None,
                (
                    "licence file was not read (a symbolic link that leaves the "
                    "repository): replace it with a plain-text file holding the full "
                    "licence text"
                ),
            )
        ],
    )


def test_licence_symlink_inside_the_repository_is_followed(make_repo) -> None:
    root = make_repo({"docs/licence.txt": OGL}, commit=False)
    os.symlink("docs/licence.txt", root / "LICENCE")
    result = run_rule(root, "TC0301")
    assert (result.outcome, result.evidence) == (
        "pass",
        [Evidence("LICENCE", "OGL-UK-3.0")],
    )


def test_binary_licence_file_fails(make_repo) -> None:
    root = make_repo({"LICENSE": b"\x00\x01PK\x03\x04 not text"})
    result = run_rule(root, "TC0301")
    assert found(result) == [
        (
            "error",
            "LICENSE",
            None,
            (
                "licence file was not read (binary data, not text): replace it with a "
                "plain-text file holding the full licence text"
            ),
        )
    ]


def test_notice_only_licence_file_is_evidence_with_a_note(make_repo) -> None:
    result = run_rule(make_repo({"LICENSE": APACHE_NOTICE}), "TC0301")
    assert result.evidence == [Evidence("LICENSE", "Apache-2.0")]
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "note",
                "LICENSE",
                None,
                (
                    "licence file holds only a notice for Apache-2.0, not the licence "
                    "text: add the full Apache-2.0 text"
                ),
            )
        ],
    )


def test_custom_reuse_licence_alone_fails(make_repo) -> None:
    root = make_repo({"LICENSES/LicenseRef-Acme.txt": "Acme terms.\n"})
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result)) == (
        "fail",
        [
            (
                "error",
                "LICENSES/LicenseRef-Acme.txt",
                None,
                (
                    "licence file is a custom licence (LicenseRef-), not an SPDX licence: "
                    "add the text of an SPDX licence, e.g. MIT or OGL-UK-3.0, beside it"
                ),
            )
        ],
    )


def test_plain_directory_without_git_is_checked_too(tmp_path: Path) -> None:
    write_files(tmp_path / "plain", {"LICENCE": OGL})
    result = run_rule(tmp_path / "plain", "TC0301")
    assert (result.outcome, result.evidence) == (
        "pass",
        [Evidence("LICENCE", "OGL-UK-3.0")],
    )


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
