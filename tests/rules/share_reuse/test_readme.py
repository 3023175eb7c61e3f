"""TC0801 readme."""

from __future__ import annotations

import pytest
from conftest import run_rule

from . import PURPOSE, README_MD, evidence, findings

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


@pytest.mark.parametrize(
    ("section", "installation"),
    [
        ("## How to start the service locally\n\nsbt run\n", True),
        ("## Environment Variables\n\n| NAME | default |\n|---|---|\n", True),
        (
            "## Documentation\n\n- [Development with Dev Container](https://d.example/x)\n",
            True,
        ),
        ("## Documentation\n\n- [Devops Tools Setup](https://d.example/y)\n", True),
        ("## Documentation\n\n- [Product Roadmap](https://d.example/z)\n", False),
        (
            "## Repositories\n\n- [GSA/code-gov-developer-docs](https://d.example/r)\n",
            False,
        ),
        ("## Graceful shutdown\n\nThe service drains its queues.\n", False),
    ],
    ids=[
        "start-locally",
        "environment",
        "linked-dev",
        "linked-setup",
        "roadmap",
        "repository-name",
        "other",
    ],
)
def test_set_up_by_other_names_and_linked_set_up_count_for_installation(
    make_repo, section: str, installation: bool
):
    """Issue 15 survey: set-up is often headed "How to start the service locally" or
    "Environment Variables", or linked from a Documentation list."""
    text = f"# Apply for a fishing licence\n\n{PURPOSE}\n\n## Usage\n\nmake run\n\n{section}"
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert findings(result) == (
        [] if installation else [(MISSING_INSTALL, "README.md", 1)]
    )


def test_a_title_after_headings_of_badges_opens_the_readme(make_repo):
    """BC's SPAR README puts "#### Workflows" and status badges above its title; the
    paragraph under the title says what the project is for."""
    badges = "[![Merge](https://example.org/merge.svg)](https://example.org/merge)\n"
    text = (
        f"#### Workflows\n{badges}\n#### Backend\n{badges}\n"
        f"# Apply for a fishing licence\n\n{PURPOSE}\n\n## Installation\n\nmake install\n\n"
        "## Usage\n\nmake run\n"
    )
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert (result.outcome, findings(result)) == ("pass", [])
    text = text.replace(
        "#### Backend\n", "#### Backend\nSome words about the backend.\n"
    )
    result = run_rule(make_repo({"README.md": text}), "TC0801")
    assert findings(result) == [(MISSING_PURPOSE, "README.md", 1)]
