"""TC1101, TC1201, TC1301: points no file can prove, attested in the config or shown by a doc.

The attestation behaviour belongs to the engine; these tests drive it end to end through real
.tcop-lint.yml and pyproject.toml files in real repositories.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_engine, run_rule

TODAY = dt.date.today()
RECENT = TODAY - dt.timedelta(days=20)
OLD = TODAY - dt.timedelta(days=400)

MISSING = {
    "TC1101": (
        "purchasing",
        (
            "no purchasing strategy evidence found (looked for docs/procurement* and "
            "docs/purchasing*): add the record of how the technology is bought (commercial "
            "approach, contract limits, exit plan) as docs/procurement.md"
        ),
    ),
    "TC1201": (
        "sustainability",
        (
            "no sustainability evidence found (looked for docs/sustainability*, docs/green* and "
            "docs/carbon*): add the record of how the service meets the Greening Government ICT "
            "and Digital Services commitments as docs/sustainability.md"
        ),
    ),
    "TC1301": (
        "service-standard",
        (
            "no Service Standard evidence found (looked for docs/service-assessment* and "
            "*service-standard* documents): add the latest service assessment report as "
            "docs/service-assessment.md"
        ),
    ),
}


def hint(topic: str, config: str = ".tcop-lint.yml") -> str:
    return (
        "; if the evidence is kept outside the repository, attest it under "
        f"`attestations: {topic}:` in {config}"
    )


def attestation(key: str, reviewed: dt.date, extra: str = "") -> str:
    return (
        "attestations:\n"
        f"  {key}:\n"
        f"    evidence: https://example.gov.uk/evidence/{key}\n"
        f"    reviewed: {reviewed}\n"
        f"{extra}"
    )


def findings(result) -> list[tuple[str, str | None, int | None, str]]:
    return [(f.message, f.path, f.start_line, f.level) for f in result.findings]


@pytest.mark.parametrize("code", sorted(MISSING))
def test_missing_evidence_is_a_note_saying_what_to_attest(make_repo, code):
    topic, message = MISSING[code]
    result = run_rule(make_repo({"README.md": "# Service\n"}), code)
    assert result.outcome == "warn"
    # the finding is about missing evidence, so the engine says (once) where to attest it
    assert findings(result) == [(message + hint(topic), "README.md", None, "note")]
    assert all(f.missing for f in result.findings)
    assert result.evidence == []


def test_the_hint_names_the_config_file_in_use(make_repo):
    pyproject = '[project]\nname = "svc"\n\n[tool.tcop-lint]\nprofile = "uk"\n'
    result = run_rule(make_repo({"pyproject.toml": pyproject}), "TC1101")
    assert findings(result) == [
        (
            MISSING["TC1101"][1] + hint("purchasing", "pyproject.toml"),
            None,
            None,
            "note",
        )
    ]


@pytest.mark.parametrize("code", sorted(MISSING))
def test_in_date_attestation_keyed_by_topic_passes(make_repo, code):
    topic, _ = MISSING[code]
    root = make_repo({".tcop-lint.yml": attestation(topic, RECENT)})
    result = run_rule(root, code)
    assert result.outcome == "pass"
    assert result.findings == []
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            ".tcop-lint.yml",
            f"attestation: https://example.gov.uk/evidence/{topic} (reviewed {RECENT})",
        )
    ]


@pytest.mark.parametrize("code", sorted(MISSING))
def test_stale_attestation_warns_at_the_config_line(make_repo, code):
    topic, _ = MISSING[code]
    config = "profile: uk\n" + attestation(topic, OLD)
    result = run_rule(make_repo({".tcop-lint.yml": config}), code)
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                f"attestation `{topic}` was reviewed on {OLD}, more than 365 days ago: review "
                f"https://example.gov.uk/evidence/{topic} and update `reviewed`"
            ),
            ".tcop-lint.yml",
            3,
            "warning",
        )
    ]
    assert result.evidence == []


def test_attestation_keyed_by_code_with_its_own_max_age(make_repo):
    reviewed = TODAY - dt.timedelta(days=45)
    root = make_repo(
        {".tcop-lint.yml": attestation("TC1201", reviewed, "    max-age-days: 30\n")}
    )
    result = run_rule(root, "TC1201")
    assert findings(result) == [
        (
            (
                f"attestation `TC1201` was reviewed on {reviewed}, more than 30 days ago: review "
                "https://example.gov.uk/evidence/TC1201 and update `reviewed`"
            ),
            ".tcop-lint.yml",
            2,
            "warning",
        )
    ]
    root = make_repo(
        {".tcop-lint.yml": attestation("TC1201", reviewed, "    max-age-days: 60\n")}
    )
    assert run_rule(root, "TC1201").outcome == "pass"


def test_attestation_keyed_by_rule_name(make_repo):
    root = make_repo(
        {".tcop-lint.yml": attestation("service-standard-attestation", RECENT)}
    )
    result = run_rule(root, "TC1301")
    assert result.outcome == "pass"
    assert [e.detail for e in result.evidence] == [
        (
            "attestation: https://example.gov.uk/evidence/service-standard-attestation "
            f"(reviewed {RECENT})"
        )
    ]
    # An attestation for one point does not count for another
    other = run_rule(root, "TC1101")
    assert other.outcome == "warn"
    assert findings(other)[0][0] == MISSING["TC1101"][1] + hint("purchasing")


def test_attestation_in_pyproject(make_repo):
    pyproject = (
        '[project]\nname = "svc"\n\n'
        "[tool.tcop-lint.attestations.purchasing]\n"
        'evidence = "https://contracts.example.gov.uk/svc"\n'
        f"reviewed = {RECENT}\n"
    )
    result = run_rule(make_repo({"pyproject.toml": pyproject}), "TC1101")
    assert result.outcome == "pass"
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            "pyproject.toml",
            f"attestation: https://contracts.example.gov.uk/svc (reviewed {RECENT})",
        )
    ]


def test_repository_documents_are_evidence(make_repo):
    root = make_repo(
        {
            "README.md": "# Service\n",
            "docs/Procurement-Strategy.md": "# How we buy\n",
            "SUSTAINABILITY.md": "# Sustainability\n",
            "docs/green-software.md": "# Green software\n",
            "docs/assessments/alpha-service-assessment.pdf": b"%PDF-1.4\n",
            # Not evidence: code, vendored docs, documents outside docs folders
            "src/service_standard.py": "x = 1\n",
            "node_modules/pkg/docs/sustainability.md": "# theirs\n",
            "src/procurement/purchasing.md": "# domain model\n",
            "docs/greenkeeper.md": "# bot\n",
        }
    )
    report = run_engine(root, select=("TC1101", "TC1201", "TC1301"))
    outcomes = {
        r.rule.code: (r.outcome, [(e.path, e.detail) for e in r.evidence])
        for r in report.results
    }
    assert outcomes == {
        "TC1101": (
            "pass",
            [
                (
                    "docs/Procurement-Strategy.md",
                    "purchasing strategy document (matched by name)",
                )
            ],
        ),
        "TC1201": (
            "pass",
            [
                ("SUSTAINABILITY.md", "sustainability document (matched by name)"),
                ("docs/green-software.md", "sustainability document (matched by name)"),
            ],
        ),
        "TC1301": (
            "pass",
            [
                (
                    "docs/assessments/alpha-service-assessment.pdf",
                    "service assessment document (matched by name)",
                )
            ],
        ),
    }


def test_bc_profile_has_no_sustainability_point(make_repo):
    root = make_repo({"README.md": "# BC service\n"})
    report = run_engine(root, select=("TC1101", "TC1201", "TC1301"), profile="bc")
    results = {r.rule.code: r for r in report.results}
    assert results["TC1201"].outcome == "skipped"
    assert results["TC1201"].reason == "the bc profile has no sustainability point"
    assert results["TC1201"].findings == []
    assert results["TC1101"].outcome == "warn"
    assert results["TC1301"].outcome == "warn"
    point = next(p for p in report.points if p.point.topic == "service-standard")
    assert (point.point.number, point.point.title) == (
        12,
        "Meet the Digital Service Standard",
    )
    assert point.status == "warn"


def test_bc_profile_from_the_config_with_an_attested_service_standard(make_repo):
    config = "profile: bc\n" + attestation("service-standard", RECENT)
    report = run_engine(
        make_repo({".tcop-lint.yml": config}), select=("TC1201", "TC1301")
    )
    results = {r.rule.code: r.outcome for r in report.results}
    assert results == {"TC1201": "skipped", "TC1301": "pass"}
