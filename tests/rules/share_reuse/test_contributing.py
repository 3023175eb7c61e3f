"""TC0802 contributing."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_rule

from . import HINT, README_MD, evidence, findings

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
    # A guide that exists but says nothing is a content error of a file in the repository:
    # no attestation stands in for it (an organisation's default guide does not apply to a
    # repository that has its own), so the message carries no attestation hint.
    result = run_rule(make_repo({"CONTRIBUTING.md": "\n"}), "TC0802")
    assert findings(result) == [
        (
            (
                "CONTRIBUTING guide is empty: explain how to report problems, propose "
                "changes and run the tests"
            ),
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
