"""TC0801..TC0804: README, CONTRIBUTING, CODEOWNERS and publiccode.yml."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_rule

from tcop_lint.cache import ResultCache

HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: share-reuse:` in .tcop-lint.yml"
)
PURPOSE = (
    "Apply for a fishing licence lets anglers in England and Wales buy a rod fishing "
    "licence online, renew it each year and show it to a bailiff on their phone. It is "
    "run by the Environment Agency and replaces the paper form and the telephone line."
)


def findings(result) -> list[tuple[str, str | None, int | None]]:
    return [(f.message, f.path, f.start_line) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


# -- TC0801 readme -------------------------------------------------------------------------

README_MD = f"""\
[![Build](https://github.com/org/repo/actions/workflows/ci.yml/badge.svg)](https://ci)

# Apply for a fishing licence

{PURPOSE}

## Installation

Install Node.js 20, then the dependencies:

```bash
npm ci
```

## Usage

Start the service and open http://localhost:3000:

```bash
npm start
```
"""

MISSING_PURPOSE = (
    "README does not say what the project is for: add an opening paragraph under the "
    'title, or a section headed "About" or "Overview", that explains its purpose'
)
MISSING_INSTALL = (
    "README does not explain installation or set-up: add a section headed "
    '"Installation", "Getting started" or "Prerequisites" with the steps to set it up'
)
MISSING_USAGE = (
    "README does not explain how to use the project: add a section headed "
    '"Usage", "Running" or "Examples" showing how to run or call it, or link to the '
    "documentation that does"
)


def test_readme_with_purpose_installation_and_usage_passes(make_repo):
    result = run_rule(make_repo({"README.md": README_MD}), "TC0801")
    assert result.outcome == "pass"
    assert findings(result) == []
    assert evidence(result) == [("README.md", "purpose, installation, usage")]


def test_missing_readme_is_reported_at_the_root(make_repo):
    result = run_rule(make_repo({"main.py": "print('hi')\n"}), "TC0801")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "no README found (looked for README.md, README.rst, README.adoc, README.txt and "
                "README in the root, .github/ and docs/): add a README.md that says what the "
                "project is for, how to install it and how to use it"
            ),
            None,
            None,
        )
    ]
    assert result.findings[0].level == "warning"


def test_stub_readme_is_one_finding(make_repo):
    result = run_rule(
        make_repo({"README.md": "# fishing-licence\n\nTODO: write this.\n"}), "TC0801"
    )
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "README is a stub (under 50 words of text): say what the project is for, how to "
                'install it and how to use it, under headings such as "About", "Installation" '
                'and "Usage"'
            ),
            "README.md",
            1,
        )
    ]


def test_each_missing_part_is_its_own_finding(make_repo):
    text = f"# Apply for a fishing licence\n\n{PURPOSE}\n\n## Licence\n\n{PURPOSE}\n"
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert result.outcome == "warn"
    assert findings(result) == [
        (MISSING_INSTALL, "README.md", 1),
        (MISSING_USAGE, "README.md", 1),
    ]
    assert evidence(result) == [("README.md", "purpose")]


@pytest.mark.parametrize(
    ("link", "usage"),
    [
        ("See the `CKAN Documentation <https://docs.ckan.org>`_.", True),
        ("Read it at https://fishing.readthedocs.io/en/latest/.", True),
        ("[Guides](https://example.gov.uk/fishing/docs/) cover every task.", True),
        ("Full documentation lives at https://wiki.example.org/fishing.", True),
        ("The code is at https://github.com/example/fishing.", False),
        ("Read docs/ in this repository.", False),
    ],
    ids=[
        "docs-host",
        "readthedocs",
        "docs-path",
        "introduced",
        "plain-link",
        "no-link",
    ],
)
def test_a_link_to_documentation_counts_as_usage(make_repo, link: str, usage: bool):
    text = (
        f"# Apply for a fishing licence\n\n{PURPOSE}\n\n## Installation\n\n"
        f"Run make install.\n\n## Support\n\n{link}\n"
    )
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert findings(result) == ([] if usage else [(MISSING_USAGE, "README.md", 1)])


def test_readme_without_an_opening_paragraph_lacks_purpose(make_repo):
    text = README_MD.replace(PURPOSE, "").replace(
        "## Installation\n", f"## Installation\n\n{PURPOSE}\n"
    )
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert findings(result) == [(MISSING_PURPOSE, "README.md", 1)]


def test_headings_inside_code_blocks_do_not_count(make_repo):
    text = (
        f"# Apply for a fishing licence\n\n{PURPOSE}\n\n## Installation\n\n"
        f"```bash\n# Usage\nnpm ci\n```\n\n## Licence\n\n{PURPOSE}\n"
    )
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert findings(result) == [(MISSING_USAGE, "README.md", 1)]


def test_getting_started_with_code_counts_for_installation_and_usage(make_repo):
    base = f"# Apply for a fishing licence\n\n{PURPOSE} {PURPOSE}\n\n## Getting started\n\n"
    with_code = base + "Clone it and start it:\n\n```sh\nmake up\n```\n"
    without_code = base + "Ask the team on Slack for access to the shared laptop.\n"
    assert findings(run_rule(make_repo({"README.md": with_code}), "TC0801")) == []
    assert findings(run_rule(make_repo({"README.md": without_code}), "TC0801")) == [
        (MISSING_USAGE, "README.md", 1)
    ]


def test_rst_readme_with_underlined_and_overlined_headings(make_repo):
    text = f"""\
.. image:: https://img.shields.io/pypi/v/fishing.svg
   :target: https://pypi.org/project/fishing

==========================
Fishing licence statistics
==========================

{PURPOSE}

Installation
============

The package needs Python 3.11::

    pip install fishing-stats

Usage
-----

.. code-block:: bash

    fishing-stats report --year 2024
"""
    result = run_rule(make_repo({"README.rst": text}), "TC0801")
    assert result.outcome == "pass"
    assert evidence(result) == [("README.rst", "purpose, installation, usage")]


def test_rst_readme_missing_usage_points_at_it(make_repo):
    text = f"Fishing\n=======\n\n{PURPOSE}\n\nInstallation\n------------\n\n{PURPOSE}\n"
    result = run_rule(make_repo({"readme.rst": text}), "TC0801")
    assert findings(result) == [(MISSING_USAGE, "readme.rst", 1)]


def test_setext_headings_and_bold_lines_count(make_repo):
    text = f"""\
Apply for a fishing licence
===========================

{PURPOSE}

Set up
------

Copy `.env.example` to `.env` and fill in the secrets.

**Running the service**

Start it with the command below and open the browser.
"""
    result = run_rule(make_repo({"Readme.md": text}), "TC0801")
    assert result.outcome == "pass"
    assert evidence(result) == [("Readme.md", "purpose, installation, usage")]


def test_plain_text_readme_in_docs_with_capitalised_headings(make_repo):
    text = f"FISHING LICENCE SERVICE\n\n{PURPOSE}\n\nINSTALLATION\n\n{PURPOSE}\n\nUSAGE\n\n{PURPOSE}\n"
    result = run_rule(make_repo({"docs/README.txt": text}), "TC0801")
    assert result.outcome == "pass"
    assert evidence(result) == [("docs/README.txt", "purpose, installation, usage")]


def test_root_readme_is_preferred_to_github_and_docs(make_repo):
    repo = make_repo(
        {
            "README.md": "# stub\n",
            ".github/README.md": README_MD,
            "docs/README.md": README_MD,
        }
    )
    result = run_rule(repo, "TC0801")
    assert [f.path for f in result.findings] == ["README.md"]


def test_bilingual_readmes_without_readme_md_count_english_first(make_repo):
    welsh = README_MD.replace(PURPOSE, "Gwneud cais am drwydded bysgota. " * 10)
    repo = make_repo({"README.cy.md": welsh, "README.en.md": README_MD})
    result = run_rule(repo, "TC0801")
    assert result.outcome == "pass"
    assert findings(result) == []
    assert evidence(result) == [("README.en.md", "purpose, installation, usage")]


@pytest.mark.parametrize(
    ("names", "chosen"),
    [
        (("README.cy.md", "README.en-GB.md"), "README.en-GB.md"),
        (("README.cy.md", "readme.EN.rst"), "readme.EN.rst"),
        (("README.fr.md", "README.cy.rst"), "README.fr.md"),
        (("README.zh_CN.md",), "README.zh_CN.md"),
        (("README.en.md", "docs/README.md"), "docs/README.md"),
        (("README.cy.md", ".github/README.en.md"), "README.cy.md"),
    ],
)
def test_translated_readme_choice(make_repo, names: tuple[str, ...], chosen: str):
    repo = make_repo(dict.fromkeys(names, "# stub\n"))
    assert [f.path for f in run_rule(repo, "TC0801").findings] == [chosen]


def test_readme_with_a_suffix_that_is_not_a_language_is_not_a_readme(make_repo):
    repo = make_repo({"README.old.md": README_MD, "README.en.bak": README_MD})
    [finding] = run_rule(repo, "TC0801").findings
    assert finding.message.startswith("no README found")


def test_asciidoc_readme(make_repo):
    text = (
        f"= Fishing licence\n\n{PURPOSE}\n\n== Prerequisites\n\nJava 21.\n\n{PURPOSE}\n\n"
        "== Running locally\n\n[source,bash]\n----\n./gradlew bootRun\n----\n"
    )
    result = run_rule(make_repo({"README.adoc": text}), "TC0801")
    assert result.outcome == "pass"


def test_binary_readme_is_reported(make_repo):
    result = run_rule(make_repo({"README.md": b"\x00\x01\x02"}), "TC0801")
    assert findings(result) == [
        (
            "README cannot be read (binary data, not text): commit it as UTF-8 text",
            "README.md",
            1,
        )
    ]


def test_min_words_option(make_repo):
    text = "# Fishing\n\nSells rod fishing licences to anglers.\n\n## Install\n\nmake\n"
    repo = make_repo(
        {
            "README.md": text,
            ".tcop-lint.yml": "rules:\n  TC0801:\n    options:\n      min-words: 5\n",
        }
    )
    assert findings(run_rule(repo, "TC0801")) == [(MISSING_USAGE, "README.md", 1)]
    [(message, _, _)] = findings(run_rule(make_repo({"README.md": text}), "TC0801"))
    assert message.startswith("README is a stub (under 50 words of text)")


# -- TC0802 contributing -------------------------------------------------------------------

NO_CONTRIBUTING = (
    "no contributing guide found (looked for CONTRIBUTING.md in the root, .github/ and "
    "docs/, and a Contributing section in the README): add CONTRIBUTING.md saying how to "
    "report problems, propose changes and run the tests (a default CONTRIBUTING.md in the "
    "organisation's .github repository also counts)"
)


@pytest.mark.parametrize(
    "path", ["CONTRIBUTING.md", ".github/contributing.md", "docs/Contributing.rst"]
)
def test_contributing_guide_found(make_repo, path):
    result = run_rule(
        make_repo({path: "# Contributing\n\nOpen a pull request.\n"}), "TC0802"
    )
    assert result.outcome == "pass"
    assert evidence(result) == [(path, "contributing guide")]


def test_missing_contributing_guide_is_a_note_with_the_attestation_hint(make_repo):
    repo = make_repo({"README.md": README_MD, "src/contributing/notes.md": "x"})
    result = run_rule(repo, "TC0802")
    assert result.outcome == "warn"
    assert findings(result) == [(NO_CONTRIBUTING + HINT, "README.md", None)]
    assert result.findings[0].level == "note"


def test_readme_contributing_section_counts(make_repo):
    text = README_MD + "\n## How to contribute\n\nPull requests are welcome.\n"
    result = run_rule(make_repo({"README.md": text}), "TC0802")
    assert result.outcome == "pass"
    assert evidence(result) == [("README.md", 'README section "How to contribute"')]


def test_empty_contributing_guide(make_repo):
    result = run_rule(make_repo({"CONTRIBUTING.md": "\n"}), "TC0802")
    assert findings(result) == [
        (
            "CONTRIBUTING guide is empty: explain how to report problems, propose changes "
            "and run the tests" + HINT,
            "CONTRIBUTING.md",
            1,
        )
    ]


def test_org_default_contributing_guide_can_be_attested(make_repo):
    reviewed = dt.date.today() - dt.timedelta(days=10)
    config = (
        "attestations:\n  contributing:\n"
        "    evidence: https://github.com/your-org/.github/blob/main/CONTRIBUTING.md\n"
        f"    reviewed: {reviewed}\n"
    )
    result = run_rule(make_repo({".tcop-lint.yml": config}), "TC0802")
    assert result.outcome == "pass"
    assert findings(result) == []


# -- TC0803 code-owners --------------------------------------------------------------------


def test_codeowners_with_gitlab_section_and_email_owner(make_repo):
    text = (
        "# Owners\n"
        "*                 @fishing/devs\n"
        "\n"
        "[Documentation] @fishing/content\n"
        "/docs/\n"
        "*.md              jane.smith@environment-agency.gov.uk\n"
        "^[Infrastructure][2] @fishing/platform @@maintainer\n"
        "/terraform/\n"
        "/path\\ with\\ spaces/  @jsmith  # inline comment\n"
    )
    result = run_rule(make_repo({".github/CODEOWNERS": text}), "TC0803")
    assert result.outcome == "pass"
    assert evidence(result) == [(".github/CODEOWNERS", "5 rules, 6 owners")]


def test_codeowners_pattern_without_owner_and_bad_owner(make_repo):
    text = "* @fishing/devs\n/docs/\n/infra/ platform-team\n"
    result = run_rule(make_repo({"CODEOWNERS": text}), "TC0803")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "CODEOWNERS pattern `/docs/` names no owner: add an owner after it (@user, "
                "@org/team or an email address), or remove the line"
            ),
            "CODEOWNERS",
            2,
        ),
        (
            (
                "CODEOWNERS owner `platform-team` is not a @user, @org/team or email address: "
                "correct it so the rule takes effect"
            ),
            "CODEOWNERS",
            3,
        ),
    ]
    assert evidence(result) == [("CODEOWNERS", "1 rule, 1 owner")]


def test_empty_codeowners(make_repo):
    result = run_rule(make_repo({"docs/CODEOWNERS": "# TODO\n\n"}), "TC0803")
    assert findings(result) == [
        (
            "CODEOWNERS has no rules: add a line such as `* @your-org/your-team`",
            "docs/CODEOWNERS",
            1,
        )
    ]


def test_misspelt_codeowners_is_not_read_by_github(make_repo):
    result = run_rule(make_repo({".github/codeowners": "* @org/team\n"}), "TC0803")
    assert findings(result) == [
        (
            (
                "GitHub and GitLab only read a file named exactly CODEOWNERS: rename "
                ".github/codeowners to .github/CODEOWNERS"
            ),
            ".github/codeowners",
            1,
        )
    ]


def test_maintainers_file_counts(make_repo):
    result = run_rule(
        make_repo({"MAINTAINERS.md": "- Jane Smith (@jsmith)\n"}), "TC0803"
    )
    assert result.outcome == "pass"
    assert evidence(result) == [("MAINTAINERS.md", "named maintainers")]


def test_no_codeowners(make_repo):
    result = run_rule(make_repo({"README.md": README_MD}), "TC0803")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "no CODEOWNERS file found (looked in .github/, the root, docs/ and .gitlab/) and "
                "no MAINTAINERS file: add .github/CODEOWNERS with a line such as "
                "`* @your-org/your-team`"
            ),
            "README.md",
            None,
        )
    ]
    assert result.findings[0].level == "note"


def test_gitlab_codeowners_folder(make_repo):
    result = run_rule(
        make_repo({".gitlab/CODEOWNERS": "* @group/sub/team\n"}), "TC0803"
    )
    assert evidence(result) == [(".gitlab/CODEOWNERS", "1 rule, 1 owner")]


# -- TC0804 publiccode-yml -----------------------------------------------------------------

PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
name: Fishing licence
url: https://github.com/environment-agency/fishing-licence
softwareVersion: "2.3.0"
releaseDate: 2024-05-01
platforms:
  - web
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Buy a rod fishing licence online.
    features:
      - Online payments
legal:
  license: OGL-UK-3.0
maintenance:
  type: internal
  contacts:
    - name: Jane Smith
      email: jane.smith@example.gov.uk
localisation:
  localisationReady: false
  availableLanguages: [en, cy]
"""
NO_PUBLICCODE = (
    "no publiccode.yml found: add a publiccode.yml at the root describing the software, its "
    "licence and maintainers so public sector catalogues can list it for reuse (see "
    "https://yml.publiccode.tools/)"
)


def test_valid_publiccode_with_a_date_release_date(make_repo):
    result = run_rule(make_repo({"publiccode.yml": PUBLICCODE}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]


@pytest.mark.parametrize("valid", [True, False])
def test_publiccode_results_read_back_from_the_cache(make_repo, tmp_path, valid):
    text = PUBLICCODE if valid else PUBLICCODE.replace("stable", "live")
    root = make_repo({"publiccode.yml": text})
    cache = ResultCache(tmp_path / "cache")
    first = run_rule(root, "TC0804", cache=cache)
    kinds = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    assert kinds == ["publiccode", "yaml"]
    second = run_rule(root, "TC0804", cache=cache)
    assert (second.outcome, evidence(second), findings(second)) == (
        first.outcome,
        evidence(first),
        findings(first),
    )
    assert first.outcome == ("pass" if valid else "warn")


def test_invalid_key_and_bad_values_point_at_their_lines(make_repo):
    text = (
        PUBLICCODE.replace("developmentStatus: stable", "developmentStatus: live")
        .replace("  license: OGL-UK-3.0\n", "  license: OGL-UK-3.0\n  licence: MIT\n")
        .replace("releaseDate: 2024-05-01", "releaseDate: 2024-13-01")
    )
    result = run_rule(make_repo({"publiccode.yaml": text}), "TC0804")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "publiccode.yml `releaseDate` is not a valid date: write it as YYYY-MM-DD",
            "publiccode.yaml",
            5,
        ),
        (
            (
                "publiccode.yml `developmentStatus` has a value the standard does not allow: "
                "use one of concept, development, beta, stable, obsolete"
            ),
            "publiccode.yaml",
            8,
        ),
        (
            (
                "publiccode.yml has an unknown key `legal.licence`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yaml",
            17,
        ),
    ]
    assert {f.level for f in result.findings} == {"note"}


def test_missing_required_keys_and_wrong_types(make_repo):
    text = PUBLICCODE.replace(
        "maintenance:\n  type: internal\n", "maintenance:\n  kind: internal\n"
    ).replace("platforms:\n  - web\n", "platforms: web\n")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert findings(result) == [
        (
            "publiccode.yml `platforms` must be a list: change its value",
            "publiccode.yml",
            6,
        ),
        (
            (
                "publiccode.yml is missing the required key `type` in `maintenance`: add it "
                "(see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            16,
        ),
        (
            (
                "publiccode.yml has an unknown key `maintenance.kind`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            17,
        ),
    ]


def test_invalid_yaml_points_at_the_parse_error(make_repo):
    text = 'publiccodeYmlVersion: "0.4"\nname: [Fishing\nurl: x\n'
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.message.startswith("invalid YAML: ")
    assert finding.message.endswith(": fix the YAML so publiccode.yml can be read")
    assert (finding.path, finding.start_line) == ("publiccode.yml", 3)


def test_publiccode_that_is_not_a_mapping(make_repo):
    result = run_rule(make_repo({"publiccode.yml": "- just\n- a list\n"}), "TC0804")
    assert findings(result) == [
        (
            (
                "publiccode.yml is not a mapping of keys: start from the example at "
                "https://yml.publiccode.tools/"
            ),
            "publiccode.yml",
            1,
        )
    ]


def test_bc_government_bcgovpubcode_counts(make_repo):
    text = (
        "data_management_roles:\n  data_custodian: Ministry of Forests\n"
        "product_information:\n  product_name: Fishing\n"
    )
    result = run_rule(make_repo({"bcgovpubcode.yaml": text}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("bcgovpubcode.yaml", "BC government public code metadata")
    ]


def test_broken_bcgovpubcode_is_reported(make_repo):
    result = run_rule(make_repo({"bcgovpubcode.yml": "a: [b\n"}), "TC0804")
    [finding] = result.findings
    assert finding.path == "bcgovpubcode.yml"
    assert finding.message.endswith(": fix the YAML so bcgovpubcode.yaml can be read")


def test_hmrc_repository_yaml_is_not_publiccode(make_repo):
    repo = make_repo(
        {
            "repository.yaml": "repoVisibility: public_0C3F0CE3E6E6448FAD341E7BFA50FCD333E06A20CFF05FCACE61154DDBBADF71\ntype: java_library\n"
        }
    )
    result = run_rule(repo, "TC0804")
    assert result.outcome == "warn"
    assert findings(result) == [(NO_PUBLICCODE, None, None)]
    assert result.findings[0].level == "note"


def test_govuk_style_readme_delegating_setup_to_govuk_docker(make_repo):
    text = """\
# Content Publisher

A GOV.UK application for creating and publishing content on the website.

## Nomenclature

- **Document**: a piece of content in a particular locale

## Technical documentation

This is a Ruby on Rails app, and should follow [our Rails app conventions][conventions].

You can use the [GOV.UK Docker environment][docker] to run the application and its tests
with all the necessary dependencies. Follow the usage instructions to get started.

### Running the test suite

`bundle exec rake`

[conventions]: https://docs.publishing.service.gov.uk/manual/conventions.html
[docker]: https://github.com/alphagov/govuk-docker
"""
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert result.outcome == "pass"


def test_badges_with_reference_links_before_the_title(make_repo):
    text = f"""\
[![Status](https://github.com/x/y/badge.svg)](https://github.com/x/y)
[![Docs](https://img.shields.io/badge/docs-latest-blue.svg)][Documentation]

Fishing
=======

Sells rod fishing licences to anglers in England.

Download
--------

{PURPOSE}

[Documentation]: https://fishing.readthedocs.io/
"""
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    # the Read the Docs link is where usage is documented; installation is nowhere
    assert findings(result) == [(MISSING_INSTALL, "README.md", 1)]


def test_unquoted_version_numbers_are_read_as_text(make_repo):
    text = PUBLICCODE.replace(
        'publiccodeYmlVersion: "0.4"', "publiccodeYmlVersion: 0.4"
    )
    text = text.replace('softwareVersion: "2.3.0"', "softwareVersion: 2.3")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]
    broken = text.replace("localisationReady: false", "localisationReady: 1")
    assert findings(run_rule(make_repo({"publiccode.yml": broken}), "TC0804")) == [
        (
            (
                "publiccode.yml `localisation.localisationReady` must be true or false: change "
                "its value"
            ),
            "publiccode.yml",
            23,
        )
    ]


def test_date_release_date_with_one_misspelt_key(make_repo):
    text = PUBLICCODE.replace("platforms:\n", "platform:\n  - web\nplatforms:\n")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert findings(result) == [
        (
            (
                "publiccode.yml has an unknown key `platform`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            6,
        )
    ]
