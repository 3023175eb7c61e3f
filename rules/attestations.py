"""Points 11, 12 and 13: purchasing, sustainability and the Service Standard.

No file can prove these points: a purchasing strategy lives in commercial records, sustainability
in the organisation's Greening Government reporting, a Service Standard assessment in a report
published by the assessment panel. Each rule looks for a document in the repository that names
the evidence (matched by file name only), and otherwise reports the evidence as missing: the
engine then says where to attest it, turns an in-date attestation in the config into a pass and
warns on a stale one.
"""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.governance_documents import (
    purchasing_documents,
    service_assessments,
    sustainability_documents,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


def _snippet(topic: str) -> str:
    return (
        "```yaml\n"
        f"# .tcop-lint.yml, or [tool.tcop-lint.attestations.{topic}] in pyproject.toml\n"
        f"attestations:\n  {topic}:\n    evidence: https://...\n    reviewed: 2026-01-31\n"
        "```"
    )


@rule(
    code="TC1101",
    name="purchasing-attestation",
    topic="purchasing",
    level="note",
    summary="The purchasing strategy is documented in the repository or attested in the config.",
    rationale="""
Point 11 of the Code (define your purchasing strategy) asks teams to consider the commercial and
technology aspects of what they buy, avoid long contracts that lock them in, and be able to
leave a supplier. That evidence lives in commercial records, not in code, so the repository can
only point at it: a procurement document in `docs/`, or an attestation linking the record with
the date it was last reviewed.
""",
    remediation=f"""
Link the record of how the technology is bought (the commercial approach, contract length and
limits, the exit plan) and the date it was last reviewed:

{_snippet("purchasing")}

The attestation may also be keyed by the rule's code (`TC1101`) or name
(`purchasing-attestation`); it warns once `reviewed` is older than 365 days (or its own
`max-age-days`). A document in the repository such as `docs/procurement.md` or
`docs/purchasing-strategy.md` is also accepted.
""",
    attestable=True,
)
def purchasing_attestation(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    documents = purchasing_documents(repo)
    for path in documents:
        yield Evidence(path, "purchasing strategy document (matched by name)")
    if not documents:
        yield Finding(
            "no purchasing strategy evidence found (looked for docs/procurement* and "
            "docs/purchasing*): add the record of how the technology is bought (commercial "
            "approach, contract limits, exit plan) as docs/procurement.md",
            id="missing-purchasing-strategy",
            missing=True,
        )


@rule(
    code="TC1201",
    name="sustainability-attestation",
    topic="sustainability",
    level="note",
    summary="Sustainability is documented in the repository or attested in the config.",
    rationale="""
Point 12 of the Code (make your technology sustainable) asks teams to meet the Greening
Government ICT and Digital Services outcomes across the technology's lifecycle: energy use,
hosting choices, hardware reuse and disposal, and reporting. That evidence lives in the
organisation's sustainability reporting, so the repository can only point at it: a
sustainability document in `docs/`, or an attestation linking the record with the date it was
last reviewed.
""",
    remediation=f"""
Link the record of how the service meets the Greening Government ICT and Digital Services
commitments (for example your department's annual report entry, a hosting carbon assessment,
or a sustainability section of the service's documentation) and the date it was last reviewed:

{_snippet("sustainability")}

The attestation may also be keyed by the rule's code (`TC1201`) or name
(`sustainability-attestation`); it warns once `reviewed` is older than 365 days (or its own
`max-age-days`). A document in the repository such as `docs/sustainability.md`,
`SUSTAINABILITY.md` or `docs/green-software.md` is also accepted. The BC profile has no
sustainability point, so this rule is skipped there.
""",
    attestable=True,
)
def sustainability_attestation(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    documents = sustainability_documents(repo)
    for path in documents:
        yield Evidence(path, "sustainability document (matched by name)")
    if not documents:
        yield Finding(
            "no sustainability evidence found (looked for docs/sustainability*, docs/green* "
            "and docs/carbon*): add the record of how the service meets the Greening "
            "Government ICT and Digital Services commitments as docs/sustainability.md",
            id="missing-sustainability-record",
            missing=True,
        )


@rule(
    code="TC1301",
    name="service-standard-attestation",
    topic="service-standard",
    level="note",
    summary=(
        "A Service Standard assessment report is in the repository or attested in the config."
    ),
    rationale="""
Point 13 of the Code (meet the Service Standard; the Digital Service Standard in the BC
edition) asks that services also pass the Service Standard, which is shown by a service
assessment at the alpha, beta and live stages. The assessment report is published by the
assessment panel rather than kept with the code, so the repository can only point at it: a
report in `docs/`, or an attestation linking it with the date of the assessment.
""",
    remediation=f"""
Link the latest service assessment report (or self-assessment against the Service Standard) and
the date of the assessment:

{_snippet("service-standard")}

The attestation may also be keyed by the rule's code (`TC1301`) or name
(`service-standard-attestation`); it warns once `reviewed` is older than 365 days (or its own
`max-age-days`). A report in the repository such as `docs/service-assessment-beta.md` or
`docs/service-standard.md` is also accepted.
""",
    attestable=True,
)
def service_standard_attestation(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    documents = service_assessments(repo)
    for path in documents:
        yield Evidence(path, "service assessment document (matched by name)")
    if not documents:
        yield Finding(
            "no Service Standard evidence found (looked for docs/service-assessment* and "
            "*service-standard* documents): add the latest service assessment report as "
            "docs/service-assessment.md",
            id="missing-service-assessment",
            missing=True,
        )
