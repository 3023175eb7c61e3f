"""TC0601 security-policy."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_rule

from . import HINT, evidence, found


def test_security_policy_in_github_folder_passes(make_repo):
    root = make_repo(
        {
            "README.md": "# app\n",
            ".github/SECURITY.md": "# Security\n\nEmail security@example.gov.uk.\n",
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [(".github/SECURITY.md", "security policy")]


def test_security_policy_odd_name_under_docs_passes(make_repo):
    root = make_repo(
        {
            "docs/Security.rst": "Report issues via https://www.gov.uk/help/report-vulnerability\n"
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [("docs/Security.rst", "security policy")]


def test_no_security_policy_fails_on_the_readme(make_repo):
    root = make_repo({"README.md": "# app\n", "docs/guide.md": "security is good\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "no security policy found (looked for SECURITY.md in the root, .github/ and "
            "docs/, and .well-known/security.txt): add SECURITY.md saying how to report a "
            "vulnerability privately; a policy in the organisation's .github repository also "
            "applies but cannot be seen here" + HINT,
            "README.md",
            None,
            "error",
        )
    ]


def test_no_security_policy_and_no_readme_points_at_the_root(make_repo):
    result = run_rule(make_repo({"main.py": "print()\n"}), "TC0601")
    assert [(f.path, f.start_line) for f in result.findings] == [(None, None)]


def test_empty_security_policy_fails(make_repo):
    root = make_repo({"SECURITY.md": "  \n\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "SECURITY.md is empty: say how to report a vulnerability privately, e.g. an email "
            "address or a link to GitHub private vulnerability reporting" + HINT,
            "SECURITY.md",
            1,
            "error",
        )
    ]


def test_unfilled_template_contact_warns(make_repo):
    root = make_repo(
        {
            "SECURITY.md": (
                "# Security policy\n\nReport it privately:\n\n"
                "- by email to <security@your-organisation.example>, or\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "SECURITY.md still gives the placeholder contact "
                "security@your-organisation.example: replace it with an address or link that "
                "reaches your team"
            ),
            "SECURITY.md",
            5,
            "warning",
        )
    ]
    assert evidence(result) == [("SECURITY.md", "security policy")]


def test_stub_security_policy_warns(make_repo):
    root = make_repo({"SECURITY.MD": "# Security Policy\n\nTBD\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "SECURITY.MD does not say how to report a vulnerability: add an email address or "
            "a link to a reporting form or GitHub private vulnerability reporting"
            + HINT,
            "SECURITY.MD",
            1,
            "warning",
        )
    ]


def test_security_txt_in_a_web_app_public_folder_passes(make_repo):
    root = make_repo(
        {
            "public/.well-known/security.txt": (
                "# our policy\nContact: mailto:security@example.gov.uk\n"
                "Expires: 2099-01-01T00:00:00.000Z\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("public/.well-known/security.txt", "security.txt (expires 2099-01-01)")
    ]


def test_expired_security_txt_fails_on_the_expires_line(make_repo):
    root = make_repo(
        {
            ".well-known/security.txt": (
                "Contact: https://example.gov.uk/report\nExpires: 2020-12-31T23:59:00Z\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            (
                "security.txt expired on 2020-12-31: set Expires: to a date less than a year "
                "ahead and check the Contact: still works"
            ),
            ".well-known/security.txt",
            2,
            "error",
        )
    ]


def test_expired_security_txt_beside_a_good_policy_only_warns(make_repo):
    root = make_repo(
        {
            "SECURITY.md": "Report vulnerabilities to security@example.gov.uk\n",
            "security.txt": (
                "Contact: mailto:security@example.gov.uk\nExpires: 2021-01-01T00:00:00Z\n"
            ),
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert [(f.path, f.start_line, f.level) for f in result.findings] == [
        ("security.txt", 2, "warning")
    ]
    assert evidence(result) == [("SECURITY.md", "security policy")]


@pytest.mark.parametrize(
    ("expires", "expected"),
    [
        ("2099-01-01T00:00:00z", "security.txt (expires 2099-01-01)"),
        ("2099-01-01t12:30:00.5+01:00", "security.txt (expires 2099-01-01)"),
        ("2099-01-01", None),
        ("2099-W01-1", None),
        ("2099-13-01T00:00:00Z", None),
        ("2099-01-01T00:00:00", None),  # no offset
    ],
)
def test_security_txt_expires_is_an_rfc_3339_date_time(make_repo, expires, expected):
    root = make_repo(
        {
            ".well-known/security.txt": (
                f"Contact: mailto:security@example.gov.uk\nExpires: {expires}\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    if expected is not None:
        assert (result.outcome, evidence(result)) == (
            "pass",
            [(".well-known/security.txt", expected)],
        )
    else:
        assert [(f.message, f.start_line) for f in result.findings] == [
            (
                (
                    f"security.txt Expires: {expires!r} is not an RFC 3339 date-time: write it "
                    "as 2027-01-01T00:00:00Z"
                ),
                2,
            )
        ]


def test_security_txt_without_contact_or_expires(make_repo):
    root = make_repo({".well-known/security.txt": "Policy: https://example.org\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert [f.message.split(":")[0] for f in result.findings] == [
        "security.txt has no Contact",
        "security.txt has no Expires",
    ]


def test_bc_compliance_stra_is_extra_evidence_but_not_a_policy(make_repo):
    compliance = (
        "name: compliance\ndescription: x\nspec:\n"
        "  - name: PIA\n    status: completed\n"
        "  - name: STRA\n    status: completed\n    last-updated: '2024-05-01T00:00:00.000Z'\n"
    )
    root = make_repo({"COMPLIANCE.yaml": compliance, "README.md": "# app\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert evidence(result) == [
        (
            "COMPLIANCE.yaml",
            (
                "BC COMPLIANCE.yaml: Security Threat and Risk Assessment completed "
                "(last updated 2024-05-01T00:00:00.000Z)"
            ),
        )
    ]


def test_org_level_policy_attestation_passes(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "attestations:\n  security-policy:\n"
                "    evidence: https://github.com/example/.github/blob/main/SECURITY.md\n"
                f"    reviewed: {dt.date.today().isoformat()}\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
