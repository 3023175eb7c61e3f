"""TC0303 manifest-licence on real git repositories."""

from __future__ import annotations

import time

import pytest
from conftest import run_rule
from open_source_cases import (
    APACHE,
    CROWN_MIT,
    GPL3,
    OGL,
    USE_SPDX,
    found,
)

from tcop_lint.rule import Evidence

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


def test_manifest_without_a_licence_file_is_validated_but_not_compared(
    make_repo,
) -> None:
    """Issue 15, pattern 2: with no licence file identified there is nothing to agree
    with, so a valid expression is a note, never agreement."""
    root = make_repo(
        {
            "package.json": '{"license": "MIT"}',
            "web/package.json": '{"license": "Acme Terms"}',
            "lib/Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n',
        }
    )
    result = run_rule(root, "TC0303")
    assert result.outcome == "warn"
    assert result.evidence == [
        Evidence(
            "lib/Cargo.toml",
            "MIT OR Apache-2.0 (not compared: no licence file identified)",
        ),
        Evidence("package.json", "MIT (not compared: no licence file identified)"),
    ]
    assert found(result) == [
        (
            "note",
            "lib/Cargo.toml",
            3,
            (
                'license "MIT OR Apache-2.0" could not be compared with a licence file: '
                "there is none in lib/ or above it; add LICENSE with the full text of MIT "
                "and Apache-2.0 and your copyright line"
            ),
        ),
        (
            "note",
            "package.json",
            1,
            (
                'license "MIT" could not be compared with a licence file: there is none; '
                "add LICENSE with the full MIT text and your copyright line"
            ),
        ),
        (
            "warning",
            "web/package.json",
            1,
            (
                'license "Acme Terms" is not an SPDX licence expression: use an SPDX '
                'licence expression such as "MIT"'
            ),
        ),
    ]


def test_manifest_beside_an_unidentified_licence_file_is_not_compared(
    make_repo,
) -> None:
    root = make_repo(
        {
            "LICENSE": "Copyright (c) 2024 Example Ltd. All rights reserved.\n",
            "package.json": '{\n  "name": "x",\n  "license": "MIT"\n}\n',
        }
    )
    result = run_rule(root, "TC0303")
    assert (result.outcome, found(result), result.evidence) == (
        "warn",
        [
            (
                "note",
                "package.json",
                3,
                (
                    'license "MIT" could not be compared with a licence file: LICENSE does '
                    "not identify as an SPDX licence; TC0301 licence-file says how to fix it"
                ),
            )
        ],
        [Evidence("package.json", "MIT (not compared: no licence file identified)")],
    )


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
        make_repo(
            {
                "LICENSE": CROWN_MIT,
                "package.json": PRIVATE,
                "lib/package.json": '{"license": "MIT"}',
            }
        ),
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
