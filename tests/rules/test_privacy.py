"""TC0701 privacy-assessment: YAML, Markdown and BC COMPLIANCE.yaml assessments."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from conftest import run_rule

from tcop_lint.facts.privacy_assessment import QUESTIONS

CODE = "TC0701"
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: privacy:` in .tcop-lint.yml"
)
TODAY = dt.date.today()
RECENT = TODAY - dt.timedelta(days=30)
OLD = TODAY - dt.timedelta(days=400)
ROOT = Path(__file__).resolve().parents[2]


def template() -> str:
    return (
        resources.files("tcop_lint.data")
        .joinpath("privacy-assessment.yml")
        .read_text("utf-8")
    )


def filled(answers: dict[str, str] | None = None, *, reviewed=RECENT, dpia="") -> str:
    """The shipped template filled in place, as a team would fill it."""
    text = template()
    text = re.sub(r"(?m)^reviewed:$", f"reviewed: {reviewed}", text)
    text = re.sub(r"(?m)^dpia:$", f"dpia: {dpia}".rstrip(), text)
    for question in QUESTIONS:
        answer = (answers or {}).get(question.key, "no")
        text = re.sub(
            rf"(  {question.key}:\n    answer:)\n    explanation:\n",
            rf"\1 {answer}\n    explanation: Because of reason {question.number}.\n",
            text,
        )
    return text


def line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    assert match, pattern
    return text.count("\n", 0, match.start()) + 1


def messages(result) -> list[tuple[str, str | None, int | None, str]]:
    return [(f.message, f.path, f.start_line, f.level) for f in result.findings]


# -- shipped files -------------------------------------------------------------------------


def test_published_schema_is_identical_to_the_packaged_one():
    packaged = resources.files("tcop_lint.data").joinpath(
        "privacy-assessment.schema.json"
    )
    published = ROOT / "schema" / "privacy-assessment.schema.json"
    assert published.read_bytes() == packaged.read_bytes()


def test_schema_accepts_the_filled_template_and_rejects_the_blank_one():
    import yaml
    from jsonschema import Draft202012Validator

    schema = json.loads(
        resources.files("tcop_lint.data")
        .joinpath("privacy-assessment.schema.json")
        .read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    def plain(text: str):
        data = yaml.safe_load(text)
        data["reviewed"] = str(data["reviewed"]) if data["reviewed"] else None
        return data

    assert list(validator.iter_errors(plain(filled()))) == []
    assert list(validator.iter_errors(plain(template())))


def test_template_asks_exactly_the_eight_questions_in_order():
    keys = re.findall(r"(?m)^  ([a-z-]+):$", template())
    assert keys == [q.key for q in QUESTIONS]


# -- YAML form -----------------------------------------------------------------------------


def test_blank_template_is_one_finding_listing_the_questions(make_repo):
    """The template tcop-lint init writes, not filled in: one finding (id
    unfilled-assessment), missing evidence like no assessment at all, so init never turns a
    repository redder."""
    text = template()
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert result.outcome == "fail"
    listed = ", ".join(f"{q.number} ({q.key})" for q in QUESTIONS[:-1])
    assert messages(result) == [
        (
            (
                f"the privacy assessment is not filled in: answer each of screening "
                f"questions {listed} and 8 (intrusive-contact) with yes or no and an "
                "explanation, and set reviewed: YYYY-MM-DD to the date of the review"
                + HINT
            ),
            "privacy-assessment.yml",
            line_of(text, r"^  collects-new-information:"),
            "error",
        )
    ]
    assert [(f.id, f.missing) for f in result.findings] == [
        ("unfilled-assessment", True)
    ]
    assert result.evidence == []


def test_blank_template_with_an_attestation_passes_as_no_assessment_would(make_repo):
    config = (
        "attestations:\n  privacy:\n    evidence: https://dpo.example.org/pia/17\n"
        f"    reviewed: {RECENT}\n"
    )
    root = make_repo({"privacy-assessment.yml": template(), ".tcop-lint.yml": config})
    assert run_rule(root, CODE).outcome == "pass"


def test_questions_left_unanswered_are_one_finding_at_the_first(make_repo):
    text = filled()
    for key in ("discloses-information", "sensitive-information"):
        text = re.sub(
            rf"(  {key}:\n    answer:) no\n    explanation: [^\n]*\n",
            r"\1\n    explanation:\n",
            text,
        )
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert messages(result) == [
        (
            (
                "screening questions 3 (discloses-information) and 7 "
                "(sensitive-information) are not answered: set each one's answer to yes or "
                "no and its explanation to a sentence saying why"
            ),
            "privacy-assessment.yml",
            line_of(text, r"^  discloses-information:"),
            "error",
        )
    ]
    assert [(f.id, f.missing) for f in result.findings] == [
        ("unanswered-questions", False)
    ]


def test_filled_template_passes_with_evidence(make_repo):
    result = run_rule(make_repo({"privacy-assessment.yml": filled()}), CODE)
    assert result.outcome == "pass"
    assert result.findings == []
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            "privacy-assessment.yml",
            f"privacy assessment: the 8 screening questions answered, reviewed {RECENT}",
        )
    ]


def test_yes_without_dpia_fails_at_the_first_yes(make_repo):
    text = filled(
        {"discloses-information": "yes", "sensitive-information": '"Yes"'},
    )
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert result.outcome == "fail"
    assert messages(result) == [
        (
            (
                "screening questions 3 and 7 are answered yes but no DPIA is linked: set dpia: "
                "to the URL or repository path of the full data protection impact assessment"
            ),
            "privacy-assessment.yml",
            line_of(text, r"^  discloses-information:"),
            "error",
        )
    ]


def test_yes_with_dpia_url_or_repo_path_passes(make_repo):
    by_url = filled(
        {"new-purpose": "yes"}, dpia="https://intranet.example.gov.uk/dpia/42"
    )
    result = run_rule(make_repo({"privacy-assessment.yml": by_url}), CODE)
    assert result.outcome == "pass"
    assert result.evidence[0].detail.endswith(
        ", DPIA https://intranet.example.gov.uk/dpia/42"
    )

    by_path = filled({"new-purpose": "yes"}, dpia="docs/DPIA.odt")
    root = make_repo(
        {"privacy-assessment.yml": by_path, "docs/dpia.odt": b"PK\x03\x04"}
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert result.evidence[0].detail.endswith(", DPIA docs/dpia.odt")


def test_dpia_path_that_does_not_exist_fails_at_its_line(make_repo):
    text = filled({"new-purpose": "yes"}, dpia="docs/dpia.md")
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert messages(result) == [
        (
            (
                "dpia 'docs/dpia.md' is neither a URL nor a file in the repository: link the "
                "full DPIA by its URL or by its path from the repository root"
            ),
            "privacy-assessment.yml",
            line_of(text, r"^dpia:"),
            "error",
        )
    ]


def test_stale_review_fails_and_max_age_days_option_is_honoured(make_repo):
    text = filled(reviewed=OLD)
    root = make_repo({"privacy-assessment.yml": text})
    result = run_rule(root, CODE)
    assert messages(result) == [
        (
            (
                f"the privacy assessment was last reviewed on {OLD}, more than 365 days ago: "
                f"review the answers and update reviewed"
            ),
            "privacy-assessment.yml",
            line_of(text, r"^reviewed:"),
            "error",
        )
    ]
    root = make_repo(
        {
            "privacy-assessment.yml": text,
            ".tcop-lint.yml": "rules:\n  privacy-assessment:\n    options:\n      max-age-days: 500\n",
        }
    )
    assert run_rule(root, CODE).outcome == "pass"


def test_answers_as_booleans_strings_and_shorthand(make_repo):
    text = f"""\
reviewed: '{RECENT}'
questions:
  collects-new-information: {{answer: false, explanation: Reads open data only.}}
  individuals-provide-information: {{answer: "No", explanation: No forms.}}
  discloses-information: {{answer: NO, explanation: Nothing is shared.}}
  new-purpose: {{answer: n, explanation: Same use as today.}}
  intrusive-technology: {{answer: maybe, explanation: Not sure yet.}}
  significant-decisions: no
  sensitive-information: {{answer: no, explanation: TODO}}
  intrusive-contact: {{answer: no, explanation: Never contacts anyone.}}
"""
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert result.outcome == "fail"
    assert messages(result) == [
        (
            (
                "screening question 5 is answered 'maybe', which is not yes or no: set "
                "questions.intrusive-technology.answer to yes or no"
            ),
            "privacy-assessment.yml",
            7,
            "error",
        ),
        (
            (
                f'screening question 6, "{QUESTIONS[5].text}", has no explanation: set '
                "questions.significant-decisions.explanation to a sentence saying why the answer "
                f"is no"
            ),
            "privacy-assessment.yml",
            8,
            "error",
        ),
        (
            (
                f'screening question 7, "{QUESTIONS[6].text}", has no explanation: set '
                "questions.sensitive-information.explanation to a sentence saying why the answer "
                f"is no"
            ),
            "privacy-assessment.yml",
            9,
            "error",
        ),
    ]


def test_missing_questions_point_at_the_questions_key_and_unknown_keys_are_named(
    make_repo,
):
    text = f"""\
reviewed: {RECENT}
reviewd-by: Data protection officer
questions:
  collects-new-information: {{answer: no, explanation: Open data only.}}
  individuals-provide-information: {{answer: no, explanation: No forms.}}
  discloses-information: {{answer: no, explanation: Nothing is shared.}}
  new-purpose: {{answer: no, explanation: Same use.}}
  intrusive-technology: {{answer: no, explanation: A plain web app.}}
  significant-decisions: {{answer: no, explanation: No decisions.}}
  sensitive-info: {{answer: no, explanation: None held.}}
  intrusive-contact: {{answer: no, explanation: No contact.}}
"""
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    keys = (
        "collects-new-information, discloses-information, individuals-provide-information, "
        "intrusive-contact, intrusive-technology, new-purpose, sensitive-information, "
        "significant-decisions"
    )
    assert messages(result) == [
        (
            (
                "unknown key 'reviewd-by' in the top level: remove it or use one of dpia, notes, "
                "questions, reviewed, reviewed-by"
            ),
            "privacy-assessment.yml",
            2,
            "error",
        ),
        (
            f"unknown key 'sensitive-info' in questions: remove it or use one of {keys}",
            "privacy-assessment.yml",
            10,
            "error",
        ),
        (
            (
                f'screening question 7, "{QUESTIONS[6].text}", is not answered: set '
                "questions.sensitive-information.answer to yes or no and "
                "questions.sensitive-information.explanation to a sentence saying why"
            ),
            "privacy-assessment.yml",
            3,
            "error",
        ),
    ]


def test_invalid_yaml_is_a_finding_with_its_line(make_repo):
    text = "reviewed: 2026-01-01\nquestions:\n  collects-new-information: {answer: no\n"
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert result.outcome == "fail"
    [finding] = result.findings
    assert finding.message.startswith(
        "the privacy assessment is not valid YAML (invalid YAML: "
    )
    assert finding.message.endswith("): fix the syntax")
    assert (finding.path, finding.start_line) == ("privacy-assessment.yml", 4)


def test_not_a_date_and_future_date(make_repo):
    text = filled().replace(f"reviewed: {RECENT}", "reviewed: last spring")
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert messages(result) == [
        (
            "reviewed 'last spring' is not a date: write it as reviewed: YYYY-MM-DD",
            "privacy-assessment.yml",
            line_of(text, "^reviewed:"),
            "error",
        )
    ]
    future = TODAY + dt.timedelta(days=40)
    result = run_rule(
        make_repo({"privacy-assessment.yml": filled(reviewed=future)}), CODE
    )
    assert [f.message for f in result.findings] == [
        (
            f"the privacy assessment was last reviewed on {future}, a date in the future: set it "
            f"to the date of the last review"
        )
    ]


def test_docs_folder_with_yaml_extension(make_repo):
    root = make_repo(
        {"README.md": "# Service\n", "docs/Privacy-Assessment.yaml": filled()}
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["docs/Privacy-Assessment.yaml"]


def test_path_option_for_a_monorepo_service(make_repo):
    files = {
        "services/api/privacy.yml": filled(),
        ".tcop-lint.yml": (
            "rules:\n  TC0701:\n    options:\n      path: services/api/privacy.yml\n"
        ),
    }
    assert run_rule(make_repo(files), CODE).outcome == "pass"
    files[".tcop-lint.yml"] = (
        "rules:\n  TC0701:\n    options:\n      path: svc/privacy.yml\n"
    )
    result = run_rule(make_repo(files), CODE)
    assert messages(result) == [
        (
            (
                "the privacy assessment svc/privacy.yml named by the path option does not exist: "
                f"create it (tcop-lint init writes a template) or correct the path option{HINT}"
            ),
            None,
            None,
            "error",
        )
    ]


def test_nothing_at_all_fails_at_the_root(make_repo):
    result = run_rule(make_repo({"README.md": "# Tool\n"}), CODE)
    assert result.outcome == "fail"
    assert messages(result) == [
        (
            (
                "no privacy assessment found (looked for privacy-assessment.yml, "
                "docs/privacy-assessment.yml, PRIVACY.md, docs/privacy*.md, *pia*.md, docs/dpia/, "
                "a PIA entry in COMPLIANCE.yaml and a README paragraph recording a DPIA): run "
                "tcop-lint init to write privacy-assessment.yml, then answer its eight screening "
                f"questions and set reviewed{HINT}"
            ),
            "README.md",
            None,
            "error",
        )
    ]


def test_templates_outside_the_assessment_locations_are_not_read(make_repo):
    # e.g. this project's own packaged template, or test fixtures
    root = make_repo({"pkg/data/privacy-assessment.yml": template()})
    result = run_rule(root, CODE)
    assert [f.message.split(" (")[0] for f in result.findings] == [
        "no privacy assessment found"
    ]


def test_in_date_privacy_attestation_passes(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                f"attestations:\n  privacy:\n    evidence: https://dpia.example.org/42\n"
                f"    reviewed: {RECENT}\n"
            )
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            ".tcop-lint.yml",
            f"attestation: https://dpia.example.org/42 (reviewed {RECENT})",
        )
    ]


# -- Markdown form -------------------------------------------------------------------------

MD_TABLE = f"""\
# Privacy impact assessment: screening

Last reviewed: {RECENT:%d %B %Y}

| # | Question | Answer | Explanation |
|---|----------|--------|-------------|
| 1 | Does it collect new information about individuals? | **No** | It reads published open data only. |
| 2 | Will individuals have to provide information about themselves? | No | There are no forms. |
| 3 | Will information about individuals be disclosed to organisations or people who did not routinely have access to it before? | No | Nothing is shared. |
| 4 | Is information about individuals used for a purpose, or in a way, it is not used now? | No | The use is unchanged. |
| 5 | Does it use new technology that might be seen as privacy intrusive (for example biometrics or facial recognition)? | No | A plain web application. |
| 6 | Will it make decisions or take action about individuals that can significantly affect them? | Yes | It decides eligibility for a grant. |
| 7 | Is the information about individuals of a kind likely to raise privacy concerns (health records, criminal records, other information people consider private)? | No | None is held. |
| 8 | Will it contact individuals in ways they may find intrusive? | No | It never contacts anyone. |

The full DPIA is [on the intranet](https://intranet.example.gov.uk/dpia/grants).
"""


def test_markdown_pia_with_a_table_passes(make_repo):
    root = make_repo({"docs/privacy-impact-assessment.md": MD_TABLE})
    result = run_rule(root, CODE)
    assert result.outcome == "pass", messages(result)
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            "docs/privacy-impact-assessment.md",
            (
                "privacy assessment (Markdown): the 8 screening questions answered, "
                f"reviewed {RECENT}, DPIA https://intranet.example.gov.uk/dpia/grants"
            ),
        )
    ]


def test_markdown_table_with_a_yes_and_no_dpia(make_repo):
    text = MD_TABLE.replace("The full DPIA is", "The full assessment will be")
    text = text.replace(
        "[on the intranet](https://intranet.example.gov.uk/dpia/grants)", "written"
    )
    result = run_rule(make_repo({"docs/pia.md": text}), CODE)
    assert messages(result) == [
        (
            (
                "screening question 6 is answered yes but no DPIA is linked: add a line DPIA: "
                "<URL or repository path of the full data protection impact assessment>"
            ),
            "docs/pia.md",
            12,
            "error",
        )
    ]


MD_HEADINGS = """\
---
reviewed: {reviewed}
---
# Privacy

## 1. Will the project involve the collection of new information about individuals?

**No.** It reads only published data.

## 2. Will the project compel individuals to provide information about themselves?

Answer: No
Explanation: nothing is asked of users.

## 3. Will information about individuals be disclosed to organisations or people who have not previously had routine access to the information?

Yes / No

## 4. Are you using information about individuals for a purpose it is not currently used for?

- [x] No
- [ ] Yes

## Other questions

- **Does the project use new technology that might be perceived as being privacy intrusive?** No, it does not.
- Will the project result in you making decisions or taking action against individuals in ways that can have a significant impact on them? No.
- Will the project require you to contact individuals in ways that they may find intrusive? No - we never email anyone.

## Contact

Email privacy@example.gov.uk with questions.
"""


def test_markdown_headings_and_lists_one_finding_per_gap(make_repo):
    text = MD_HEADINGS.format(reviewed=OLD)
    result = run_rule(make_repo({"PRIVACY.md": text}), CODE)
    assert result.outcome == "fail"
    assert messages(result) == [
        (
            (
                f'screening question 3, "{QUESTIONS[2].text}", is not answered: start the answer '
                f"with Yes or No and add a sentence of explanation"
            ),
            "PRIVACY.md",
            15,
            "error",
        ),
        (
            (
                f'screening question 4, "{QUESTIONS[3].text}", has no explanation: add a sentence '
                f"after the answer saying why it is no"
            ),
            "PRIVACY.md",
            19,
            "error",
        ),
        (
            (
                f'screening question 6, "{QUESTIONS[5].text}", has no explanation: add a sentence '
                f"after the answer saying why it is no"
            ),
            "PRIVACY.md",
            27,
            "error",
        ),
        (
            (
                f'screening question 7, "{QUESTIONS[6].text}", is not asked: add a heading or table '
                f"row for it answered Yes or No with a sentence of explanation"
            ),
            "PRIVACY.md",
            None,
            "error",
        ),
        (
            (
                f"the privacy assessment was last reviewed on {OLD}, more than 365 days ago: "
                f"review the answers and update the review date"
            ),
            "PRIVACY.md",
            2,
            "error",
        ),
    ]


def test_privacy_policy_that_asks_no_questions_is_one_finding(make_repo):
    root = make_repo(
        {"PRIVACY.md": "# Privacy notice\n\nWe use cookies to count visits.\n"}
    )
    result = run_rule(root, CODE)
    assert messages(result) == [
        (
            "none of the eight privacy screening questions is answered here (looked for "
            "headings, table rows and list items asking them): answer each with yes or no and "
            "a sentence of explanation, or run tcop-lint init to write privacy-assessment.yml"
            + HINT,
            "PRIVACY.md",
            None,
            "error",
        )
    ]


def test_markdown_candidate_that_answers_most_is_chosen(make_repo):
    root = make_repo(
        {
            "PRIVACY.md": "# Privacy notice\n\nWe use cookies.\n",
            "docs/privacy/pia-2026.md": MD_TABLE,
            "node_modules/x/privacy.md": "# vendored\n",
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["docs/privacy/pia-2026.md"]


def test_yaml_assessment_wins_over_markdown(make_repo):
    root = make_repo({"privacy-assessment.yml": filled(), "PRIVACY.md": "# Notice\n"})
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["privacy-assessment.yml"]


# -- BC COMPLIANCE.yaml --------------------------------------------------------------------


def compliance(pia_status: str | None, updated: str) -> str:
    pia = (
        f"  - name: PIA\n    status: {pia_status}\n    last-updated: '{updated}'\n"
        if pia_status is not None
        else ""
    )
    return (
        "name: compliance\n"
        "description: |\n"
        "  This document is used to track a projects PIA and STRA\n"
        "  compliance.\n"
        "spec:\n"
        f"{pia}"
        "  - name: STRA\n"
        "    status: completed\n"
        f"    last-updated: '{updated}'\n"
    )


def test_bc_compliance_pia_completed_passes(make_repo):
    stamp = f"{RECENT}T17:51:45.937Z"
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("completed", stamp)}), CODE
    )
    assert result.outcome == "pass"
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            "COMPLIANCE.yaml",
            f"PIA completed (BC COMPLIANCE.yaml), last updated {RECENT}",
        )
    ]


def test_bc_compliance_pia_exempt_passes(make_repo):
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("exempt", str(RECENT))}), CODE
    )
    assert result.outcome == "pass"
    assert result.evidence[0].detail == (
        f"PIA exempt (BC COMPLIANCE.yaml), last updated {RECENT}"
    )


def test_bc_compliance_pia_in_progress_warns(make_repo):
    stamp = f"{RECENT}T00:03:52.138Z"
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("in-progress", stamp)}), CODE
    )
    assert result.outcome == "warn"
    assert messages(result) == [
        (
            (
                "the PIA is in progress (status: in-progress): finish the privacy impact assessment "
                "with your privacy office and set status: completed"
            ),
            "COMPLIANCE.yaml",
            7,
            "warning",
        )
    ]


def test_bc_compliance_pia_tbd_fails(make_repo):
    """The project's reference (tcop-points.md, BC conventions): a PIA entry that is TBD
    fails, as an absent one does; in-progress warns."""
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("TBD", str(RECENT))}), CODE
    )
    assert result.outcome == "fail"
    assert messages(result) == [
        (
            (
                "the PIA status is TBD: complete a privacy impact assessment with your privacy "
                "office (MISO) and set status: completed, or exempt if it does not apply"
            ),
            "COMPLIANCE.yaml",
            7,
            "error",
        )
    ]


def test_bc_compliance_placeholder_status_and_missing_pia_fail(make_repo):
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("PIA_STATUS_HERE", str(RECENT))}), CODE
    )
    assert messages(result) == [
        (
            (
                "the PIA status 'PIA_STATUS_HERE' is not one of completed, in-progress, exempt or "
                "TBD: set it to the real status of the privacy impact assessment"
            ),
            "COMPLIANCE.yaml",
            7,
            "error",
        )
    ]
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance(None, str(RECENT))}), CODE
    )
    assert messages(result) == [
        (
            (
                "no PIA entry under spec: add - {name: PIA, status: completed, last-updated: "
                "YYYY-MM-DD} once the privacy impact assessment is done, or answer the screening "
                f"questions in privacy-assessment.yml{HINT}"
            ),
            "COMPLIANCE.yaml",
            5,
            "error",
        )
    ]


def test_bc_compliance_stale_completed_pia_warns(make_repo):
    stamp = f"{OLD}T00:03:22.449Z"
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": compliance("completed", stamp)}), CODE
    )
    assert result.outcome == "warn"
    assert messages(result) == [
        (
            (
                f"the PIA was last updated on {OLD}, more than 365 days ago: review the privacy "
                f"impact assessment and update last-updated"
            ),
            "COMPLIANCE.yaml",
            8,
            "warning",
        )
    ]


def test_bc_completed_pia_makes_an_unanswered_privacy_notice_irrelevant(make_repo):
    root = make_repo(
        {
            "COMPLIANCE.yaml": compliance("completed", str(RECENT)),
            "PRIVACY.md": "# Privacy notice\n\nWe use cookies.\n",
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["COMPLIANCE.yaml"]


def test_declared_yaml_assessment_problems_are_reported_even_with_a_bc_pia(make_repo):
    root = make_repo(
        {
            "COMPLIANCE.yaml": compliance("TBD", str(RECENT)),
            "privacy-assessment.yml": filled(reviewed=OLD),
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "fail"
    assert [(f.path, f.message.split(":")[0]) for f in result.findings] == [
        (
            "privacy-assessment.yml",
            f"the privacy assessment was last reviewed on {OLD}, more than 365 days ago",
        ),
        ("COMPLIANCE.yaml", "the PIA status is TBD"),
    ]
    root = make_repo(
        {
            "COMPLIANCE.yaml": compliance("TBD", str(RECENT)),
            "privacy-assessment.yml": filled(),
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["privacy-assessment.yml"]


def test_invalid_compliance_yaml_is_a_finding(make_repo):
    result = run_rule(
        make_repo({"COMPLIANCE.yaml": "spec:\n  - name: PIA\n   status: x\n"}), CODE
    )
    [finding] = result.findings
    assert finding.message.startswith(
        "COMPLIANCE.yaml is not valid YAML (invalid YAML: "
    )
    assert (finding.path, finding.start_line, finding.level) == (
        "COMPLIANCE.yaml",
        3,
        "error",
    )


@pytest.mark.parametrize(
    "answer_cell",
    ["No", "**No** - none held", "N", "no."],
)
def test_markdown_answer_spellings(make_repo, answer_cell):
    text = MD_TABLE.replace("| 7 | Is the", "| 7 | Is the").replace(
        "| No | None is held. |", f"| {answer_cell} | None is held. |"
    )
    assert run_rule(make_repo({"docs/PIA.md": text}), CODE).outcome == "pass"


def test_dpia_that_is_not_one_link(make_repo):
    text = filled({"new-purpose": "yes"}).replace(
        "dpia:\n", "dpia:\n  - https://a.example\n  - https://b.example\n"
    )
    result = run_rule(make_repo({"privacy-assessment.yml": text}), CODE)
    assert messages(result) == [
        (
            (
                "dpia is not a single URL or path: set dpia: to the URL or repository path of "
                "the full data protection impact assessment"
            ),
            "privacy-assessment.yml",
            line_of(text, "^dpia:"),
            "error",
        )
    ]


MD_LIST = """\
# Privacy impact assessment

Reviewed on {reviewed}. Full DPIA: [DPIA][dpia].

| Question | Answer |
| --- | --- |
| Does it collect new information about individuals? Yes, names and emails. | |

1. Will individuals have to provide information about themselves? **Yes** - a sign-up form.
2. Will information about individuals be disclosed to organisations or people who did not routinely have access to it before? No, nothing leaves the service.
3. Is information about individuals used for a purpose, or in a way, it is not used now? No, the use is unchanged.
4. Does it use new technology that might be seen as privacy intrusive? No, ordinary web forms.
5. Will it make decisions or take action about individuals that can significantly affect them? No, staff decide.
6. Is the information about individuals of a kind likely to raise privacy concerns? No, contact details only.
7. Will it contact individuals in ways they may find intrusive? No, only replies to them.

[dpia]: {dpia}
"""


def test_markdown_list_with_reference_link_to_a_dpia_in_the_repository(make_repo):
    text = MD_LIST.format(reviewed=RECENT, dpia="dpia/full-assessment.odt")
    root = make_repo(
        {"docs/pia.md": text, "docs/dpia/full-assessment.odt": b"PK\x03\x04"}
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass", messages(result)
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            "docs/pia.md",
            (
                "privacy assessment (Markdown): the 8 screening questions answered, "
                f"reviewed {RECENT}, DPIA docs/dpia/full-assessment.odt"
            ),
        )
    ]


def test_markdown_dpia_link_that_leads_nowhere(make_repo):
    text = MD_LIST.format(reviewed=RECENT, dpia="dpia/missing.odt")
    result = run_rule(make_repo({"docs/pia.md": text}), CODE)
    assert messages(result) == [
        (
            (
                "the DPIA link dpia/missing.odt is not a file in the repository: fix the path or "
                "link the DPIA's URL"
            ),
            "docs/pia.md",
            3,
            "error",
        )
    ]


# -- a README paragraph recording an assessment (issue 15) ---------------------------------

README_DPIA = """\
# Grants service

Apply for a grant online.

## Data protection

An outline Data Protection Impact Assessment is in place, ref DPIA-2024-017; it concluded
a full DPIA was not required.
"""


def test_readme_recording_a_dpia_warns_and_is_evidence(make_repo):
    result = run_rule(make_repo({"README.md": README_DPIA}), CODE)
    assert result.outcome == "warn"
    assert messages(result) == [
        (
            (
                "the README says a privacy impact assessment was done (DPIA-2024-017), but the "
                "repository holds no assessment with its answers and review date: record it in "
                "privacy-assessment.yml (tcop-lint init writes one) with the screening answers "
                f"and reviewed: YYYY-MM-DD{HINT}"
            ),
            "README.md",
            7,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["missing-assessment"]
    assert [(e.path, e.detail) for e in result.evidence] == [
        ("README.md", "the README records a privacy impact assessment: DPIA-2024-017")
    ]


def test_readme_privacy_screening_with_a_link(make_repo):
    readme = (
        "# Tool\n\n"
        "Privacy screening was completed in March 2026, see the "
        "[screening record](https://intranet.example.gov.uk/pia/77).\n"
    )
    result = run_rule(make_repo({"README.md": readme}), CODE)
    assert result.outcome == "warn"
    assert [(f.path, f.start_line, f.level) for f in result.findings] == [
        ("README.md", 3, "warning")
    ]
    assert result.findings[0].message.startswith(
        "the README says a privacy impact assessment was done "
        "(https://intranet.example.gov.uk/pia/77), but"
    )


def test_readme_mention_stands_in_for_a_privacy_notice_but_not_for_compliance(
    make_repo,
):
    notice = "# Privacy notice\n\nWe use cookies.\n"
    result = run_rule(make_repo({"README.md": README_DPIA, "PRIVACY.md": notice}), CODE)
    assert result.outcome == "warn"
    assert [(f.path, f.id) for f in result.findings] == [
        ("README.md", "missing-assessment")
    ]
    files = {
        "README.md": README_DPIA,
        "COMPLIANCE.yaml": compliance("TBD", str(RECENT)),
    }
    result = run_rule(make_repo(files), CODE)
    assert result.outcome == "fail"
    assert [(f.path, f.id) for f in result.findings] == [
        ("COMPLIANCE.yaml", "pia-not-started")
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "A DPIA has not yet been done; see https://ico.org.uk/dpia for guidance.",
        "TODO: complete the privacy impact assessment (ref DPIA-2024-017).",
        "A DPIA is in place.",  # no reference or link to find it by
        "We care about privacy: https://example.gov.uk/privacy",  # no assessment named
    ],
)
def test_readme_paragraphs_that_record_no_assessment(make_repo, paragraph):
    result = run_rule(make_repo({"README.md": f"# Tool\n\n{paragraph}\n"}), CODE)
    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == ["missing-assessment"]
    assert result.findings[0].message.startswith("no privacy assessment found")


def test_readme_mention_with_an_attestation_passes(make_repo):
    config = (
        "attestations:\n  privacy:\n    evidence: https://intranet.example.gov.uk/dpia/17\n"
        f"    reviewed: {RECENT}\n"
    )
    root = make_repo({"README.md": README_DPIA, ".tcop-lint.yml": config})
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["README.md", ".tcop-lint.yml"]


# -- a full impact assessment under a descriptive name (issue 15) --------------------------

FULL_DPIA = """\
# Example service: data protection impact assessment

## Description of the processing

The service collects the names, email addresses and postal addresses of applicants so that
caseworkers can decide applications for a grant. Data is held in a managed database in the
UK and deleted two years after a decision.

## Necessity and proportionality

Only the data needed to decide an application and to contact the applicant is collected.
The lawful basis is public task. Applicants are told how their data is used in the privacy
notice linked from every page.

## Risks and mitigations

Unauthorised access is mitigated by single sign-on for staff, role-based access and audit
logging. Inaccurate data is mitigated by letting applicants check and correct their details.

Signed off by the data protection officer.
"""


@pytest.mark.parametrize(
    "name",
    [
        "ExampleServicePrivacyAssessment.md",
        "privacy-impact-assessment.md",
        "docs/dpia/grants.md",
        "docs/Data_Protection_Impact_Assessment.md",
    ],
)
def test_full_assessment_in_markdown_is_recognised_and_warns(make_repo, name):
    result = run_rule(make_repo({name: FULL_DPIA}), CODE)
    assert result.outcome == "warn"
    assert messages(result) == [
        (
            (
                "this reads as a privacy impact assessment, but none of the eight screening "
                "questions is asked as a heading, table row or list item: answer each there with "
                "Yes or No and a sentence of explanation and add a line Reviewed: YYYY-MM-DD, or "
                f"add privacy-assessment.yml with the answers, reviewed and dpia: {name}"
            ),
            name,
            None,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["unstructured-document"]
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            name,
            "privacy impact assessment document (Markdown); screening answers not found",
        )
    ]


def test_screening_answers_under_a_descriptive_name_pass(make_repo):
    root = make_repo({"docs/ExampleServicePrivacyAssessment.md": MD_TABLE})
    result = run_rule(root, CODE)
    assert result.outcome == "pass", messages(result)
    assert [e.path for e in result.evidence] == [
        "docs/ExampleServicePrivacyAssessment.md"
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("docs/dpia/grants-service.pdf", "PDF"),
        ("docs/dpia/summary.odt", "OpenDocument"),
        ("privacy-impact-assessment.docx", "Word"),
        ("docs/ExampleServicePrivacyAssessment.pdf", "PDF"),
    ],
)
def test_assessment_document_that_cannot_be_read_warns(make_repo, name, kind):
    result = run_rule(make_repo({name: b"%PDF-1.7\x00\x01binary"}), CODE)
    assert result.outcome == "warn"
    assert messages(result) == [
        (
            (
                f"this looks like a privacy impact assessment, but tcop-lint cannot read a {kind} "
                "document to check its answers or review date: add privacy-assessment.yml with "
                f"the screening answers, reviewed: YYYY-MM-DD and dpia: {name}"
            ),
            name,
            None,
            "warning",
        )
    ]
    assert [f.id for f in result.findings] == ["unreadable-document"]
    assert [(e.path, e.detail) for e in result.evidence] == [
        (name, f"privacy impact assessment document ({kind}, not read)")
    ]


def test_markdown_that_answers_wins_over_a_document(make_repo):
    root = make_repo({"docs/pia.md": MD_TABLE, "docs/dpia/full.pdf": b"%PDF-1.7\x00"})
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert [e.path for e in result.evidence] == ["docs/pia.md"]


@pytest.mark.parametrize(
    "files",
    [
        {"docs/privacy-policy.pdf": b"%PDF-1.7\x00"},  # a policy, not an assessment
        {"tests/fixtures/privacy-impact-assessment.pdf": b"%PDF-1.7\x00"},
        {"node_modules/x/docs/dpia/a.pdf": b"%PDF-1.7\x00"},
    ],
)
def test_documents_that_are_not_the_projects_assessment(make_repo, files):
    result = run_rule(make_repo({"README.md": "# Tool\n", **files}), CODE)
    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == ["missing-assessment"]


def test_short_assessment_template_with_no_answers_still_fails(make_repo):
    text = "# Privacy impact assessment\n\nTo be written.\n"
    result = run_rule(make_repo({"privacy-impact-assessment.md": text}), CODE)
    assert result.outcome == "fail"
    assert [f.id for f in result.findings] == ["no-screening-answers"]


def test_configured_path_to_a_pdf_assessment_warns(make_repo):
    files = {
        "governance/service-dpia.pdf": b"%PDF-1.7\x00",
        ".tcop-lint.yml": (
            "rules:\n  TC0701:\n    options:\n      path: governance/service-dpia.pdf\n"
        ),
    }
    result = run_rule(make_repo(files), CODE)
    assert result.outcome == "warn"
    assert [(f.path, f.id) for f in result.findings] == [
        ("governance/service-dpia.pdf", "unreadable-document")
    ]
