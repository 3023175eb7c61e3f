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


@pytest.mark.parametrize(
    "name", ["docs/Security.rst", "SECURITY.txt", ".github/security"]
)
def test_security_policy_under_another_extension_warns_with_the_standard_name(
    make_repo, name
):
    """Issue 15, pattern 4: GitHub links only SECURITY.md from the Security tab."""
    root = make_repo(
        {name: "Report issues via https://www.gov.uk/help/report-vulnerability\n"}
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    folder = name.rpartition("/")[0]
    standard = f"{folder}/SECURITY.md" if folder else "SECURITY.md"
    assert found(result) == [
        (
            (
                f"{name.rpartition('/')[2]} is a security policy GitHub does not show: rename it "
                f"{standard} so GitHub links it from the Security tab and shows it to people "
                "reporting an issue"
            ),
            name,
            1,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["non-standard-name"]
    assert evidence(result) == [(name, "security policy")]


def test_no_security_policy_fails_on_the_readme(make_repo):
    root = make_repo({"README.md": "# app\n", "docs/guide.md": "security is good\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "no security policy found (looked for SECURITY.md in the root, .github/ and "
            "docs/, .well-known/security.txt, a vulnerability disclosure policy under another "
            "name and a README section on reporting vulnerabilities): add SECURITY.md saying "
            "how to report a vulnerability privately; a policy in the organisation's .github "
            "repository also applies but cannot be seen here" + HINT,
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


def test_expired_security_txt_with_a_contact_warns_on_the_expires_line(make_repo):
    """Issue 15, pattern 3: the Contact: is the policy; an old date is a thing to fix."""
    root = make_repo(
        {
            ".well-known/security.txt": (
                "Contact: https://example.gov.uk/report\nExpires: 2020-12-31T23:59:00Z\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "security.txt expired on 2020-12-31: set Expires: to a date less than a year "
                "ahead and check the Contact: still works"
            ),
            ".well-known/security.txt",
            2,
            "warning",
        )
    ]
    assert evidence(result) == [
        (".well-known/security.txt", "security.txt with a Contact: (Expires: to fix)")
    ]


@pytest.mark.parametrize(
    ("expires", "message"),
    [
        (
            "@EXPIRES@",
            (
                "security.txt Expires: '@EXPIRES@' is a placeholder, not a date: the committed "
                "file cannot show when the policy lapses; commit a date less than a year ahead, "
                "e.g. Expires: {ahead}, or fill it in before committing"
            ),
        ),
        (
            "{{ security_txt_expiry }}",
            (
                "security.txt Expires: '{{ security_txt_expiry }}' is a placeholder, not a date: "
                "the committed file cannot show when the policy lapses; commit a date less than "
                "a year ahead, e.g. Expires: {ahead}, or fill it in before committing"
            ),
        ),
        (
            "Thu, 31 Dec 2099 23:00:00 +0000",
            (
                "security.txt Expires: 'Thu, 31 Dec 2099 23:00:00 +0000' is an email-style "
                "(RFC 5322) date, but RFC 9116 asks for an RFC 3339 date-time: write it as "
                "2099-12-31T23:00:00Z"
            ),
        ),
        (
            "Tue, 31 Dec 2024 23:00:00 +0000",
            (
                "security.txt expired on 2024-12-31: set Expires: to a date less than a year "
                "ahead and check the Contact: still works"
            ),
        ),
    ],
    ids=["build-placeholder", "template-placeholder", "rfc-5322", "rfc-5322-past"],
)
def test_security_txt_with_a_contact_and_an_expires_to_fix_warns(
    make_repo, expires, message
):
    root = make_repo(
        {
            ".tcop-lint.yml": "rules: {}\n",
            "static/.well-known/security.txt": (
                "# Our policy\nContact: mailto:security@example.gov.uk\n"
                f"Expires: {expires}\nPreferred-Languages: en\n"
            ),
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    ahead = dt.date.today().replace(day=1) + dt.timedelta(days=300)
    message = message.replace("{ahead}", f"{ahead}T00:00:00Z")
    # a date to fix in a file that exists: no attestation hint
    assert found(result) == [(message, "static/.well-known/security.txt", 3, "warning")]
    assert [f.id for f in result.findings] == [
        "expired" if "expired" in message else "invalid-expires"
    ]
    assert evidence(result) == [
        (
            "static/.well-known/security.txt",
            "security.txt with a Contact: (Expires: to fix)",
        )
    ]


def test_security_txt_without_a_contact_and_a_bad_date_still_fails(make_repo):
    root = make_repo(
        {".well-known/security.txt": "Expires: @EXPIRES@\nPolicy: https://x.gov.uk\n"}
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert [(f.id, f.start_line, f.level) for f in result.findings] == [
        ("no-contact", 1, "error"),
        ("invalid-expires", 1, "error"),
    ]
    assert evidence(result) == []


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
    assert evidence(result) == [
        ("SECURITY.md", "security policy"),
        ("security.txt", "security.txt with a Contact: (Expires: to fix)"),
    ]


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


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "VulnerabilityDisclosurePolicy.md",
            "# Vulnerability disclosure policy\n\nEmail security@example.gov.uk\n",
        ),
        (
            "docs/vulnerability-disclosure.md",
            "# Reporting\n\nUse https://vdp.example.gov.uk/report to tell us.\n",
        ),
        ("docs/responsible_disclosure.rst", "Write to cyber@example.gov.uk.\n"),
    ],
)
def test_disclosure_policy_under_its_own_name_warns_with_the_standard_name(
    make_repo, path, text
):
    """Issue 15, pattern 4: recognised, listed as evidence, SECURITY.md as the fix."""
    root = make_repo({"README.md": "# app\n", path: text})
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                f"{path} is a vulnerability disclosure policy under another name: move or copy "
                "it to SECURITY.md (in the root, .github/ or docs/) so GitHub links it from the "
                "Security tab and shows it to people reporting an issue"
            ),
            path,
            1,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["non-standard-name"]
    assert evidence(result) == [(path, "vulnerability disclosure policy")]


README_WITH_POLICY = (
    "# Apply for a licence\n\nWhat it does.\n\n"
    "## Reporting a vulnerability\n\n"
    "Please do not open an issue: email security@example.gov.uk instead.\n\n"
    "## Licence\n\nMIT\n"
)


@pytest.mark.parametrize(
    ("readme", "title", "line"),
    [
        (README_WITH_POLICY, "Reporting a vulnerability", 5),
        (
            (
                "# App\n\n## Security\n\nTo report a security issue, use "
                "[private vulnerability reporting](../../security/advisories/new).\n"
            ),
            "Security",
            3,
        ),
        (
            "App\n===\n\nSecurity\n--------\n\nReport problems to cyber@example.gov.uk.\n",
            "Security",
            4,
        ),
    ],
    ids=["reporting-heading", "security-heading", "setext"],
)
def test_readme_section_on_reporting_vulnerabilities_warns(
    make_repo, readme, title, line
):
    root = make_repo({"README.md": readme})
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                f'README.md says how to report a vulnerability in its "{title}" section: move '
                "it to SECURITY.md (in the root, .github/ or docs/) so GitHub links it from the "
                "Security tab and shows it to people reporting an issue"
            ),
            "README.md",
            line,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["policy-in-readme"]
    assert evidence(result) == [
        ("README.md", f'security policy in the "{title}" section (line {line})')
    ]


@pytest.mark.parametrize(
    "section",
    [
        "## Security\n\nWe set headers with [Helmet](https://helmetjs.github.io).\n",
        "## Reporting a vulnerability\n\nPlease tell us.\n",
    ],
    ids=["security-features", "no-contact"],
)
def test_readme_section_without_a_way_to_report_is_not_a_policy(make_repo, section):
    root = make_repo({"README.md": "# App\n\n" + section})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == ["missing-policy"]


def test_a_standard_policy_is_preferred_to_the_readme(make_repo):
    root = make_repo(
        {
            "README.md": README_WITH_POLICY,
            "SECURITY.md": "Email security@example.gov.uk\n",
        }
    )
    result = run_rule(root, "TC0601")
    assert (result.outcome, evidence(result)) == (
        "pass",
        [("SECURITY.md", "security policy")],
    )
