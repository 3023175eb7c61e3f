"""TC0601 security-policy: a way to report a vulnerability privately."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import replace

from tcop_lint.facts.readme import find_readme
from tcop_lint.facts.security_policies import (
    Expires,
    Field,
    disclosure_documents,
    has_contact_route,
    is_standard_name,
    placeholder_contact,
    policy_candidates,
    read_expires,
    readme_policy_section,
    security_txt_fields,
    stra_assessments,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


class _Problems:
    """Findings about the policy files, each marked serious (an error when no file passes)
    or not."""

    def __init__(self) -> None:
        self.items: list[tuple[Finding, bool]] = []

    def add(self, finding: Finding, *, serious: bool = False) -> None:
        self.items.append((finding, serious))


@rule(
    code="TC0601",
    name="security-policy",
    topic="security",
    level="error",
    summary="A security policy says how to report a vulnerability (SECURITY.md or security.txt).",
    rationale="""
Point 6 of the Code (make things secure) asks teams to plan for malicious access and to fix
vulnerabilities quickly. That starts with people who find a vulnerability knowing how to tell
you privately: a `SECURITY.md` (which GitHub links from the repository's Security tab) or an
RFC 9116 `security.txt` with a `Contact:` and an `Expires:` date that has not passed.
""",
    remediation="""
Add `SECURITY.md` in the root, `.github/` or `docs/`, saying how to report a vulnerability:

```markdown
# Security policy

## Reporting a vulnerability

Please do not open a public issue. Email security@example.gov.uk, or use
[private vulnerability reporting](../../security/advisories/new) on GitHub.
We reply within 5 working days.
```

For a website, also publish `.well-known/security.txt` (RFC 9116):

```text
Contact: mailto:security@example.gov.uk
Expires: 2027-01-01T00:00:00Z
Policy: https://example.gov.uk/security-policy
```

A policy kept under another name (`SECURITY.rst`, `VulnerabilityDisclosurePolicy.md`,
`docs/vulnerability-disclosure.md`) or in a README section on reporting vulnerabilities is
recognised, but warns: GitHub links only `SECURITY.md` from the Security tab, so move it there.
A `security.txt` with a `Contact:` is a policy even while its `Expires:` needs fixing (a date in
the past, an email-style date, a placeholder a build step fills in): that warns too.

A policy in the organisation's `.github` repository applies to every repository without its
own, but cannot be seen from here: record it as an attestation
(`attestations: security: {evidence: <link to the policy>, reviewed: <date>}`). BC government's
`COMPLIANCE.yaml` STRA entry is listed as extra evidence; it does not replace a policy.
""",
    attestable=True,
)
def security_policy(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    evidence: list[Evidence] = []
    problems = _Problems()
    policies, security_txts = policy_candidates(repo)
    for path in policies:
        _check_policy(repo, path, evidence, problems)
    for path in security_txts:
        _check_security_txt(repo, path, options.today, evidence, problems)
    if not evidence:
        _other_names(repo, evidence, problems)

    found_policy = bool(evidence)
    for finding, serious in problems.items:
        # With a working policy elsewhere, a broken second file is a warning, not a failure.
        yield replace(finding, level="warning") if serious and found_policy else finding
    if not policies and not security_txts and not found_policy:
        yield Finding(
            "no security policy found (looked for SECURITY.md in the root, .github/ and docs/, "
            ".well-known/security.txt, a vulnerability disclosure policy under another name "
            "and a README section on reporting vulnerabilities): add SECURITY.md saying how "
            "to report a vulnerability privately; a policy in the organisation's .github "
            "repository also applies but cannot be seen here",
            find_readme(repo),
            id="missing-policy",
            missing=True,
        )
    yield from evidence
    for stra in stra_assessments(repo):
        when = f" (last updated {stra.updated})" if stra.updated else ""
        yield Evidence(
            stra.path,
            f"BC COMPLIANCE.yaml: Security Threat and Risk Assessment {stra.status}{when}",
        )


def _other_names(
    repo: Repository, evidence: list[Evidence], problems: _Problems
) -> None:
    """A policy GitHub does not show: a disclosure policy named its own way, or a README
    section. Recognised (so never a failure), with the standard name as the fix."""
    for path in disclosure_documents(repo):
        text = repo.read_text(path)
        if text is None or not has_contact_route(text):
            continue
        evidence.append(Evidence(path, "vulnerability disclosure policy"))
        problems.add(
            Finding(
                f"{path} is a vulnerability disclosure policy under another name: move or "
                "copy it to SECURITY.md (in the root, .github/ or docs/) so GitHub links it "
                "from the Security tab and shows it to people reporting an issue",
                path,
                1,
                level="warning",
                id="non-standard-name",
            )
        )
    if evidence:
        return
    section = readme_policy_section(repo)
    if section is not None:
        evidence.append(
            Evidence(
                section.path,
                f'security policy in the "{section.title}" section (line {section.line})',
            )
        )
        problems.add(
            Finding(
                f'{section.path} says how to report a vulnerability in its "{section.title}" '
                "section: move it to SECURITY.md (in the root, .github/ or docs/) so GitHub "
                "links it from the Security tab and shows it to people reporting an issue",
                section.path,
                section.line,
                level="warning",
                id="policy-in-readme",
            )
        )


def _check_policy(
    repo: Repository, path: str, evidence: list[Evidence], problems: _Problems
) -> None:
    text = repo.read_text(path)
    name = posixpath.basename(path)
    if text is None:
        problems.add(
            Finding(
                f"{name} cannot be read ({repo.unreadable_reason(path)}): commit it as "
                "plain text saying how to report a vulnerability",
                path,
                level="note",
                id="unreadable-policy",
            )
        )
    elif not text.strip():
        problems.add(
            Finding(
                f"{name} is empty: say how to report a vulnerability privately, e.g. an "
                "email address or a link to GitHub private vulnerability reporting",
                path,
                1,
                id="empty-policy",
                missing=True,
            ),
            serious=True,
        )
    elif not has_contact_route(text):
        problems.add(
            Finding(
                f"{name} does not say how to report a vulnerability: add an email address "
                "or a link to a reporting form or GitHub private vulnerability reporting",
                path,
                1,
                level="warning",
                id="no-contact-route",
                missing=True,
            )
        )
    else:
        evidence.append(Evidence(path, "security policy"))
        _contact_and_name(path, name, text, problems)


def _contact_and_name(path: str, name: str, text: str, problems: _Problems) -> None:
    placeholder = placeholder_contact(text)
    if placeholder is not None:
        contact, line = placeholder
        if len(contact) > 80:  # an address of letters, dots and dashes only: just short
            contact = contact[:77] + "..."
        problems.add(
            Finding(
                f"{name} still gives the placeholder contact {contact}: replace it with "
                "an address or link that reaches your team",
                path,
                line,
                level="warning",
                id="placeholder-contact",
            )
        )
    if not is_standard_name(path):
        problems.add(
            Finding(
                f"{name} is a security policy GitHub does not show: rename it "
                f"{posixpath.join(posixpath.dirname(path), 'SECURITY.md')} so GitHub links "
                "it from the Security tab and shows it to people reporting an issue",
                path,
                1,
                level="warning",
                id="non-standard-name",
            )
        )


def _check_security_txt(
    repo: Repository,
    path: str,
    today: dt.date,
    evidence: list[Evidence],
    problems: _Problems,
) -> None:
    text = repo.read_text(path)
    if text is None:
        problems.add(
            Finding(
                f"security.txt cannot be read ({repo.unreadable_reason(path)}): commit it "
                "as plain text",
                path,
                level="note",
                id="unreadable-security-txt",
            )
        )
        return
    fields = security_txt_fields(text)
    contact = bool(fields.get("contact"))
    if not contact:
        problems.add(
            Finding(
                "security.txt has no Contact: field: add one, e.g. "
                "Contact: mailto:security@example.gov.uk (RFC 9116)",
                path,
                1,
                id="no-contact",
            ),
            serious=True,
        )
    expires = fields.get("expires")
    reading = read_expires(expires[0].value) if expires else None
    problem = _expires_problem(path, expires[0] if expires else None, reading, today)
    if problem is not None:
        # A Contact: is the policy: a date to fix does not make it go away.
        problems.add(problem, serious=True)
    if contact and problem is None:
        assert reading is not None and reading.date is not None
        evidence.append(Evidence(path, f"security.txt (expires {reading.date.date()})"))
    elif contact:
        evidence.append(
            Evidence(path, "security.txt with a Contact: (Expires: to fix)")
        )


def _expires_problem(
    path: str,
    expires: Field | None,
    reading: Expires | None,
    today: dt.date,
) -> Finding | None:
    ahead = f"{today.replace(day=1) + dt.timedelta(days=300):%Y-%m-%d}T00:00:00Z"
    if expires is None or reading is None:
        return Finding(
            "security.txt has no Expires: field: add one less than a year ahead, e.g. "
            f"Expires: {ahead} (RFC 9116)",
            path,
            1,
            id="no-expires",
        )
    shown = _excerpt(expires.value)
    if reading.date is not None and reading.date.date() < today:
        message = (
            f"security.txt expired on {reading.date.date()}: set Expires: to a date less "
            "than a year ahead and check the Contact: still works"
        )
        return Finding(message, path, expires.line, id="expired")
    if reading.kind == "rfc5322":
        assert reading.date is not None
        rfc3339 = reading.date.isoformat().replace("+00:00", "Z")
        message = (
            f"security.txt Expires: {shown} is an email-style (RFC 5322) date, but RFC "
            f"9116 asks for an RFC 3339 date-time: write it as {rfc3339}"
        )
    elif reading.kind == "placeholder":
        message = (
            f"security.txt Expires: {shown} is a placeholder, not a date: the committed "
            "file cannot show when the policy lapses; commit a date less than a year "
            f"ahead, e.g. Expires: {ahead}, or fill it in before committing"
        )
    elif reading.kind == "invalid":
        message = (
            f"security.txt Expires: {shown} is not an RFC 3339 date-time: write it as "
            "2027-01-01T00:00:00Z"
        )
    else:
        return None
    return Finding(message, path, expires.line, id="invalid-expires")


def _excerpt(value: str) -> str:
    """A value from the file, short, on one line and quoted."""
    return repr(value if len(value) <= 60 else value[:57] + "...")
