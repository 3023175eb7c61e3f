"""TC0301 licence-file on real git repositories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_rule, write_files
from licence_texts import APACHE_NOTICE, licence_text
from open_source_cases import (
    APACHE,
    CROWN_MIT,
    GPL3,
    NO_LICENCE,
    OGL,
    UNIDENTIFIED,
    found,
)

from tcop_lint.rule import Evidence

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
            "LICENSE": "Licensed under either of\n\n* Apache License, Version 2.0 "
            "(LICENSE.Apache-2.0)\n* MIT license (LICENSE-MIT)\n\nat your option.\n",
        }
    )
    result = run_rule(root, "TC0301")
    assert result.evidence == [
        Evidence("LICENSE-MIT", "MIT"),
        Evidence("LICENSE.Apache-2.0", "Apache-2.0"),
    ]
    assert (result.outcome, found(result)) == ("pass", [])


def test_unidentified_file_beside_an_identified_licence_warns(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "COPYING": "You may use this software only for non-commercial purposes.\n",
        }
    )
    result = run_rule(root, "TC0301")
    assert result.evidence == [Evidence("LICENSE", "MIT")]
    # With a licence identified beside it, the unknown text is a warning, not a failure.
    assert (result.outcome, found(result)) == (
        "warn",
        [("warning", "COPYING", None, UNIDENTIFIED)],
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
            "LICENSE": "This project follows REUSE: see the LICENSES/ folder.\n",
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


@pytest.mark.parametrize(
    ("files", "fix"),
    [
        (
            {"package.json": '{"name": "x", "license": "MIT"}'},
            (
                "package.json declares MIT, so add LICENSE with the full MIT text "
                "(https://spdx.org/licenses/MIT.html) and your copyright line"
            ),
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\nlicense = "apache-2.0"\n'},
            (
                "pyproject.toml declares Apache-2.0, so add LICENSE with the full Apache-2.0 "
                "text (https://spdx.org/licenses/Apache-2.0.html) and your copyright line"
            ),
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\nlicense = {text = "AGPL"}\n'},
            (
                'pyproject.toml declares "AGPL", so add LICENSE with the full text of '
                "AGPL-3.0-only or AGPL-3.0-or-later, as your licence grants, and your "
                "copyright line"
            ),
        ),
        (
            {"package.json": '{"license": "GPL-3.0"}'},
            (
                'package.json declares "GPL-3.0" (GPL-3.0-only), so add LICENSE with the '
                "full GPL-3.0-only text (https://spdx.org/licenses/GPL-3.0-only.html) and "
                "your copyright line"
            ),
        ),
        # a compound expression, a private package, a nested or broken manifest: no guess
        (
            {"Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'},
            None,
        ),
        ({"package.json": '{"private": true, "license": "UNLICENSED"}'}, None),
        ({"web/package.json": '{"license": "MIT"}'}, None),
        ({"package.json": '{"license": "MIT",'}, None),
    ],
    ids=[
        "npm",
        "pep639-lowercase",
        "family",
        "deprecated-id",
        "compound",
        "private",
        "nested",
        "broken",
    ],
)
def test_no_licence_file_names_the_licence_a_root_manifest_declares(
    make_repo, files: dict[str, str], fix: str | None
) -> None:
    result = run_rule(make_repo(files), "TC0301")
    message = (
        NO_LICENCE if fix is None else NO_LICENCE.partition("): ")[0] + "): " + fix
    )
    assert found(result) == [("error", None, None, message)]


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


# -- a licence file holding only a notice (issue 15, pattern 1) ---------------------------

OGL_NOTICE = """\
Open Government Licence

© Crown copyright 2024

This project is licensed under the Open Government Licence v3.0, except where
otherwise stated.

To view this licence, visit
https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
or write to the Information Policy Team, The National Archives, Kew, London TW9 4DU.
"""
CC0_NOTICE = """\
CC0 1.0 Universal

To the extent possible under law, the contributors have waived all copyright and
related or neighbouring rights to this work, dedicating it to the public domain
worldwide.

The dedication: https://creativecommons.org/publicdomain/zero/1.0/legalcode
"""
APACHE_SHORT = """\
Copyright 2024 Example Department

Licensed under the Apache License, Version 2.0.
https://www.apache.org/licenses/LICENSE-2.0
"""


def notice_note(path: str, spdx_id: str, where: str = "") -> tuple:
    return (
        "note",
        path,
        None,
        (
            f"licence file holds only a notice for {spdx_id}{where}, not the licence "
            f"text: add the full {spdx_id} text"
        ),
    )


@pytest.mark.parametrize(
    ("name", "text", "manifest", "declares", "spdx_id", "openness"),
    [
        (
            "LICENCE",
            OGL_NOTICE,
            "package.json",
            '{\n  "name": "x",\n  "license": "OGL-UK-3.0"\n}\n',
            "OGL-UK-3.0",
            "on the allow list",
        ),
        (
            "LICENSE.md",
            CC0_NOTICE,
            "pyproject.toml",
            '[project]\nname = "x"\nlicense = "CC0-1.0"\n',
            "CC0-1.0",
            "on the allow list",
        ),
        (
            "LICENSE",
            APACHE_SHORT,
            "Cargo.toml",
            '[package]\nname = "x"\nlicense = "Apache-2.0"\n',
            "Apache-2.0",
            "OSI-approved",
        ),
    ],
    ids=["ogl", "cc0", "apache"],
)
def test_a_notice_identifies_the_licence_and_agrees_with_the_manifest(
    make_repo,
    name: str,
    text: str,
    manifest: str,
    declares: str,
    spdx_id: str,
    openness: str,
) -> None:
    root = make_repo({name: text, manifest: declares, "README.md": "# x\n"})
    file_result = run_rule(root, "TC0301")
    assert (file_result.outcome, found(file_result), file_result.evidence) == (
        "warn",
        [notice_note(name, spdx_id)],
        [Evidence(name, spdx_id)],
    )
    open_result = run_rule(root, "TC0302")
    assert (open_result.outcome, found(open_result), open_result.evidence) == (
        "pass",
        [],
        [Evidence(name, f"{spdx_id} ({openness})")],
    )
    manifest_result = run_rule(root, "TC0303")
    assert (manifest_result.outcome, found(manifest_result)) == ("pass", [])
    assert manifest_result.evidence == [Evidence(manifest, spdx_id)]


def test_a_public_domain_dedication_without_a_url_names_cc0(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE.md": "This project is in the public domain within the United States, "
            "and copyright and related rights in the work worldwide are waived through "
            "the CC0 1.0 Universal public domain dedication.\n"
        }
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result), result.evidence) == (
        "warn",
        [notice_note("LICENSE.md", "CC0-1.0")],
        [Evidence("LICENSE.md", "CC0-1.0")],
    )


def test_a_notice_for_code_and_documentation_names_both(make_repo) -> None:
    root = make_repo(
        {
            "LICENCE.md": "Unless stated otherwise, the codebase is released under the "
            "MIT License.\n\nThe documentation is © Crown copyright and available under "
            "the terms of the Open Government 3.0 licence.\n"
        }
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result), result.evidence) == (
        "warn",
        [notice_note("LICENCE.md", "MIT and OGL-UK-3.0")],
        [Evidence("LICENCE.md", "MIT"), Evidence("LICENCE.md", "OGL-UK-3.0")],
    )


VERSIONLESS = (
    "This work is published under the Open Government Licence.\n\n"
    "© Crown copyright 2024\n"
)


def test_a_notice_without_a_version_takes_the_one_the_manifest_declares(
    make_repo,
) -> None:
    root = make_repo(
        {
            "LICENCE": VERSIONLESS,
            "package.json": '{"name": "x", "license": "OGL-UK-3.0"}\n',
        }
    )
    result = run_rule(root, "TC0301")
    assert (result.outcome, found(result), result.evidence) == (
        "warn",
        [notice_note("LICENCE", "OGL-UK-3.0", " (the version package.json declares)")],
        [Evidence("LICENCE", "OGL-UK-3.0")],
    )
    assert run_rule(root, "TC0303").outcome == "pass"


def test_a_notice_without_a_version_or_a_manifest_is_not_identified(
    make_repo,
) -> None:
    result = run_rule(make_repo({"LICENCE": VERSIONLESS}), "TC0301")
    assert (result.outcome, found(result), result.evidence) == (
        "fail",
        [("error", "LICENCE", None, UNIDENTIFIED)],
        [],
    )


@pytest.mark.parametrize(
    ("readme", "line", "spdx_id"),
    [
        (
            (
                "# collate\n\nCollates things.\n\n## License\n\n"
                "Released under MIT license, see [LICENSE](LICENSE) for details.\n"
            ),
            7,
            "MIT",
        ),
        (
            (
                "# site\n\nContent is available under the Open Government Licence v3.0,\n"
                "except where otherwise stated.\n"
            ),
            3,
            "OGL-UK-3.0",
        ),
        (
            (
                "Licence\n=======\n\nThis code is licensed under the Apache License, "
                "Version 2.0.\n"
            ),
            4,
            "Apache-2.0",
        ),
    ],
)
def test_a_licence_stated_only_in_the_readme_warns(
    make_repo, readme: str, line: int, spdx_id: str
) -> None:
    """Issue 15: a README that states the licence is partial evidence, never a fail."""
    result = run_rule(make_repo({"README.md": readme}), "TC0301")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                "README.md",
                line,
                (
                    "no licence file at the repository root, but README.md says the code "
                    f"is under {spdx_id}: add LICENSE with the full {spdx_id} text "
                    f"(https://spdx.org/licenses/{spdx_id}.html) and your copyright line, "
                    "so that reusers get the licence with the code"
                ),
            )
        ],
    )
    assert result.evidence == [
        Evidence("README.md", f"{spdx_id} (stated in the README, line {line})")
    ]
    judged = run_rule(make_repo({"README.md": readme}), "TC0302")
    assert (judged.outcome, judged.findings) == ("pass", [])


def test_a_readme_that_mentions_licences_without_naming_one_still_fails(
    make_repo,
) -> None:
    result = run_rule(
        make_repo({"README.md": "# x\n\n## Licence\n\nTo be decided.\n"}), "TC0301"
    )
    assert (result.outcome, found(result)) == (
        "fail",
        [("error", "README.md", None, NO_LICENCE)],
    )
