"""TC0601 security-policy: a way to report a vulnerability privately."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import replace

from tcop_lint.facts.readme import find_readme
from tcop_lint.facts.security_policies import (
    has_contact_route,
    placeholder_contact,
    policy_candidates,
    rfc3339_date,
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

    found_policy = bool(evidence)
    for finding, serious in problems.items:
        # With a working policy elsewhere, a broken second file is a warning, not a failure.
        yield replace(finding, level="warning") if serious and found_policy else finding
    if not policies and not security_txts:
        yield Finding(
            "no security policy found (looked for SECURITY.md in the root, .github/ and docs/, "
            "and .well-known/security.txt): add SECURITY.md saying how to report a "
            "vulnerability privately; a policy in the organisation's .github repository also "
            "applies but cannot be seen here",
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
        placeholder = placeholder_contact(text)
        if placeholder is not None:
            contact, line = placeholder
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
    broken = False
    if not fields.get("contact"):
        broken = True
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
    date = rfc3339_date(expires[0].value) if expires else None
    problem = _expires_problem(path, expires[0] if expires else None, date, today)
    if problem is not None:
        broken = True
        problems.add(problem, serious=True)
    if not broken:
        evidence.append(Evidence(path, f"security.txt (expires {date})"))


def _expires_problem(
    path: str, expires: tuple[str, int] | None, date: dt.date | None, today: dt.date
) -> Finding | None:
    if expires is None:
        ahead = today.replace(day=1) + dt.timedelta(days=300)
        return Finding(
            "security.txt has no Expires: field: add one less than a year ahead, e.g. "
            f"Expires: {ahead:%Y-%m-%d}T00:00:00Z (RFC 9116)",
            path,
            1,
            id="no-expires",
        )
    value, line = expires
    if date is None:
        return Finding(
            f"security.txt Expires: {value!r} is not an RFC 3339 date-time: write it as "
            "2027-01-01T00:00:00Z",
            path,
            line,
            id="invalid-expires",
        )
    if date < today:
        return Finding(
            f"security.txt expired on {date}: set Expires: to a date less than a year "
            "ahead and check the Contact: still works",
            path,
            line,
            id="expired",
        )
    return None
