"""TC0803 code-owners."""

from __future__ import annotations

from conftest import run_rule

from . import README_MD, evidence, findings


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
