"""TC0101 user-needs-evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_rule

LOOKED_FOR = (
    "no user research evidence found (looked for docs/user-research/, research/, "
    "personas*, user-needs*.md, docs/users*.md and a README section about users or user "
    "needs)"
)
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: user-needs:` in .tcop-lint.yml"
)


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


def findings(result) -> list[tuple[str, str | None, int | None]]:
    return [(f.message, f.path, f.start_line) for f in result.findings]


def test_readme_section_about_users_passes(make_repo):
    root = make_repo(
        {
            "README.md": (
                "# Apply for a licence\n\n"
                "```markdown\n## Users\n```\n\n"
                "## Who is this for?\n\nPeople applying for a fishing licence.\n"
            )
        }
    )

    result = run_rule(root, "TC0101")

    assert result.outcome == "pass"
    assert evidence(result) == [
        ("README.md", 'README section "Who is this for?" (line 7)')
    ]


def test_rst_readme_with_underlined_user_needs_heading(make_repo):
    root = make_repo(
        {
            "README.rst": "Service\n=======\n\nIntro.\n\nUser needs\n----------\n\nAs a ...\n"
        }
    )

    result = run_rule(root, "TC0101")

    assert evidence(result) == [("README.rst", 'README section "User needs" (line 6)')]


def test_research_folder_and_named_documents(make_repo):
    root = make_repo(
        {
            "README.md": "# Service\n",
            "docs/user-research/2024-03-discovery.md": "# Findings\n",
            "docs/user-research/round-2/notes.pdf": b"%PDF-1.4\n\x00binary",
            "docs/Personas.md": "# Personas\n",
            "design/user_needs_caseworkers.md": "# Needs\n",
            "docs/users.md": "# Our users\n",
        }
    )

    result = run_rule(root, "TC0101")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            "docs/user-research",
            "research folder with 2 document(s), e.g. docs/user-research/2024-03-discovery.md",
        ),
        ("design/user_needs_caseworkers.md", "document about user needs"),
        ("docs/Personas.md", "document about personas"),
        ("docs/users.md", "document about users"),
    ]


def test_missing_evidence_points_at_readme(make_repo):
    root = make_repo(
        {
            "Readme.md": (
                "# Tool\n\n## User guide\n\nRun it.\n\n## Managing users\n\nAdd them.\n"
            ),
            "docs/users-guide.md": "# Users guide\n",
            "docs/user-admin.md": "# Admin\n",
            "node_modules/pkg/personas.md": "# not ours\n",
            ".github/ISSUE_TEMPLATE/user-needs.md": "# template\n",
            "research/model.py": "print(1)\n",
        }
    )

    result = run_rule(root, "TC0101")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            f'{LOOKED_FOR}: add a "User needs" section to Readme.md saying who the users are '
            "and what they need, linking to your research" + HINT,
            "Readme.md",
            None,
        )
    ]
    assert result.findings[0].level == "warning"


def test_missing_evidence_without_readme_points_at_root(make_repo):
    root = make_repo({"main.go": "package main\n"})

    result = run_rule(root, "TC0101")

    assert findings(result) == [
        (
            f'{LOOKED_FOR}: add a "User needs" section to README.md saying who the users are '
            "and what they need, linking to your research" + HINT,
            None,
            None,
        )
    ]


@pytest.mark.parametrize("key", ["user-needs", "TC0101", "user-needs-evidence"])
def test_attestation_stands_in_for_research_kept_elsewhere(make_repo, key):
    today = dt.date.today().isoformat()
    root = make_repo(
        {
            "main.go": "package main\n",
            ".tcop-lint.yml": (
                f"attestations:\n  {key}:\n"
                "    evidence: https://example.gov.uk/research/discovery\n"
                f"    reviewed: {today}\n"
            ),
        }
    )

    result = run_rule(root, "TC0101")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".tcop-lint.yml",
            f"attestation: https://example.gov.uk/research/discovery (reviewed {today})",
        )
    ]


@pytest.mark.parametrize(
    ("readme", "heading"),
    [
        ("README.md", "## Users"),
        ("README.md", "## Our users and their needs"),
        ("README.md", "### 1. Target audience"),
        ("README.md", "## Who this is for"),
        ("README.md", "## Personas"),
        # an AsciiDoc heading, read as AsciiDoc (in a Markdown file it is a paragraph)
        ("README.adoc", "== User research"),
        ("README.md", "## **Who uses this service**"),
    ],
)
def test_user_headings(make_repo, readme, heading):
    title = "= Service" if readme.endswith(".adoc") else "# Service"
    root = make_repo({readme: f"{title}\n\n{heading}\n\nText.\n"})

    result = run_rule(root, "TC0101")

    assert result.outcome == "pass", heading
    assert [e.path for e in result.evidence] == [readme]


@pytest.mark.parametrize(
    "heading",
    [
        "## User guide",
        "## Adding users",
        "## Usage",
        "## Users API",
        "## For developers",
    ],
)
def test_headings_that_are_not_about_users(make_repo, heading):
    root = make_repo({"README.md": f"# Service\n\n{heading}\n\nText.\n"})

    assert run_rule(root, "TC0101").outcome == "warn", heading
