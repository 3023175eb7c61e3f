"""Point 7, make privacy integral: a privacy assessment that answers the screening questions.

The assessment is read by :mod:`tcop_lint.facts.privacy_sources` from whichever forms the
repository keeps (``privacy-assessment.yml``, a Markdown assessment, BC government's
``COMPLIANCE.yaml``, a full impact assessment document, a README paragraph recording one)
into :class:`~tcop_lint.facts.privacy_assessment.PrivacyAssessment`; this module judges each
once, whatever its form.

A form with no findings is evidence. When one form is complete, the problems of the
heuristic forms (Markdown, documents, COMPLIANCE.yaml, a README mention) are not reported,
since they are alternatives; a YAML assessment (or the file named by the ``path`` option) is
the team's declared assessment, so its problems are always reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from tcop_lint.facts.privacy_assessment import (
    QUESTIONS,
    SCHEMA_NAME,
    Answer,
    Form,
    PrivacyAssessment,
    Problem,
)
from tcop_lint.facts.privacy_sources import find_assessments, read_configured
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Level, Option, Options, rule

__all__ = ["QUESTIONS", "privacy_assessment"]

YAML_SNIPPET = """\
reviewed: 2026-01-31
dpia: https://example.org/link-to-the-full-dpia   # needed when any answer is yes
questions:
  collects-new-information: {answer: no, explanation: "..."}
  individuals-provide-information: {answer: no, explanation: "..."}
  discloses-information: {answer: no, explanation: "..."}
  new-purpose: {answer: no, explanation: "..."}
  intrusive-technology: {answer: no, explanation: "..."}
  significant-decisions: {answer: no, explanation: "..."}
  sensitive-information: {answer: no, explanation: "..."}
  intrusive-contact: {answer: no, explanation: "..."}
"""


@rule(
    code="TC0701",
    name="privacy-assessment",
    topic="privacy",
    level="error",
    summary=(
        "A privacy assessment answers the eight screening questions, was reviewed within a "
        "year, and links a full DPIA where any answer is yes."
    ),
    rationale="""
Point 7 of the Code (make privacy integral) asks teams to build privacy in from the start and to
assess privacy risk as part of risk management. The screening questions of a privacy impact
assessment (does it collect new information about individuals, disclose it, use intrusive
technology...) decide whether a full data protection impact assessment (DPIA) is needed. Keeping
the answers, with the date they were last reviewed, beside the code means the assessment changes
when the service does, and any "yes" leads to a DPIA that is linked rather than lost.
""",
    remediation=f"""
Run `tcop-lint init` to write `privacy-assessment.yml`, or create it yourself at the root of the
repository (or in `docs/`) and answer each question with yes or no and a sentence of explanation:

```yaml
{YAML_SNIPPET}```

The questions are those of the UK privacy impact assessment screening:

{chr(10).join(f"{q.number}. `{q.key}`: {q.text[0].upper()}{q.text[1:]}" for q in QUESTIONS)}

Set `reviewed` to the date of the last review (the rule fails once it is older than
`max-age-days`, 365 by default). Where any answer is yes, set `dpia` to the URL or repository path of the full DPIA.
The file is validated with `privacy-assessment.schema.json` (in the `schema/` folder of
tcop-lint; point your editor at it). A Markdown assessment (`PRIVACY.md`,
`docs/privacy-impact-assessment.md`, `docs/pia.md`) with one heading, table row or list item per
question and a line `Reviewed: YYYY-MM-DD` is also read; BC government repositories may instead
record the PIA in `COMPLIANCE.yaml` with `status: completed` and a current `last-updated`.

A full impact assessment kept as a document (`docs/dpia/assessment.pdf`,
`ExampleServicePrivacyAssessment.md`) or recorded only in the README ("a DPIA is in place,
ref DPIA-2024-017") is reported as found, with a warning: tcop-lint cannot check its answers or
when it was last reviewed. Add `privacy-assessment.yml` with `dpia:` linking the document, or
record the assessment as an attestation with its review date.

An assessment not filled in yet (the template as `tcop-lint init` writes it) is one finding,
`unfilled-assessment`, listing the questions; like a missing assessment, an attestation can
stand in for it. Questions left unanswered in an assessment otherwise filled in are one
finding, `unanswered-questions`, at the first of them.

A different location can be given with the `path` option:

```yaml
rules:
  privacy-assessment:
    options:
      path: services/api/privacy-assessment.yml
```
""",
    options={
        "path": Option(
            "string",
            None,
            "the assessment file, when it is not found by name",
            nullable=True,
        ),
        "max-age-days": Option(
            "integer", 365, "days after its review date that an assessment is stale"
        ),
    },
    attestable=True,
)
def privacy_assessment(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    max_age = options["max-age-days"]
    today = options.today
    configured = options["path"]
    if configured:
        path = repo.find(str(configured).strip("/"))
        if path is None:
            yield Finding(
                f"the privacy assessment {configured} named by the path option does not exist: "
                "create it (tcop-lint init writes a template) or correct the path option",
                id="missing-configured-assessment",
                missing=True,
            )
            return
        declared = judge(read_configured(repo, path), max_age, today)
        yield from declared.evidence
        yield from declared.findings
        return

    assessments = find_assessments(repo)
    if not assessments:
        yield Finding(
            "no privacy assessment found (looked for privacy-assessment.yml, "
            "docs/privacy-assessment.yml, PRIVACY.md, docs/privacy*.md, *pia*.md, docs/dpia/, "
            "a PIA entry in COMPLIANCE.yaml and a README paragraph recording a DPIA): run "
            "tcop-lint init to write privacy-assessment.yml, then answer its eight screening "
            "questions and set reviewed",
            id="missing-assessment",
            missing=True,
        )
        return
    judged = [(found, judge(found, max_age, today)) for found in assessments]
    complete = any(not judgement.findings for _, judgement in judged)
    for found, judgement in judged:
        yield from judgement.evidence
        if found.declared or not complete:
            yield from judgement.findings


# -- judging one assessment ----------------------------------------------------------------


@dataclass
class Judgement:
    """What one assessment showed: findings where it falls short, and evidence."""

    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


class _Words(NamedTuple):
    """How a form's fixes are worded."""

    no_date: str
    not_a_date: str
    reviewed: str
    update: str
    level: Level | None = None


_WORDS: dict[Form, _Words] = {
    "yaml": _Words(
        "the privacy assessment has no reviewed date: set reviewed: YYYY-MM-DD to the date "
        "the answers were last reviewed",
        "reviewed {given!r} is not a date: write it as reviewed: YYYY-MM-DD",
        "the privacy assessment was last reviewed",
        "review the answers and update reviewed",
    ),
    "markdown": _Words(
        "the privacy assessment has no review date: add a line Reviewed: YYYY-MM-DD with "
        "the date the answers were last reviewed",
        "the review date {given!r} is not a date: write it as Reviewed: YYYY-MM-DD",
        "the privacy assessment was last reviewed",
        "review the answers and update the review date",
    ),
    "compliance": _Words(
        "the PIA entry has no last-updated date: add last-updated: YYYY-MM-DD",
        "the PIA last-updated {given!r} is not a date: write it as last-updated: YYYY-MM-DD",
        "the PIA was last updated",
        "review the privacy impact assessment and update last-updated",
        "warning",
    ),
}


def judge(found: PrivacyAssessment, max_age: int, today: dt.date) -> Judgement:
    """The findings and evidence of one assessment, whatever its form."""
    judgement = Judgement([_problem(found, problem) for problem in found.problems])
    if not found.readable:
        return judgement
    if found.form in ("document", "mention"):
        return _partial(found)
    yes: list[Answer] = []
    if found.form == "compliance":
        judgement.findings += _status(found)
        if found.status and found.status.state in ("not started", "unknown"):
            return judgement
    elif _unfilled(found):
        judgement.findings.append(_unfilled_finding(found))
        return judgement
    else:
        judgement.findings += _answers(found, yes)
    judgement.findings += _review(found, max_age, today)
    if found.form != "compliance":
        judgement.findings += _dpia(found, yes)
    if not judgement.findings:
        judgement.evidence.append(Evidence(found.path, _evidence(found, yes)))
    return judgement


def _finding(
    found: PrivacyAssessment,
    message: str,
    id: str,
    line: int | None = None,
    *,
    key: str | None = None,
    level: Level | None = None,
    missing: bool = False,
) -> Finding:
    return Finding(
        message, found.path, line, line, level=level, key=key, id=id, missing=missing
    )


def _problem(found: PrivacyAssessment, problem: Problem) -> Finding:
    """A problem met while reading, worded."""
    where = problem.where or "the top level"
    if problem.kind == "unreadable":
        message = (
            f"the privacy assessment cannot be read ({problem.detail}): save it as UTF-8 "
            "text under the size limit"
        )
        return _finding(found, message, "unreadable-assessment", level="warning")
    if problem.kind == "invalid-yaml":
        message = (
            f"{found.path} is not valid YAML ({problem.detail}): fix the syntax so the PIA "
            "status can be read"
            if found.form == "compliance"
            else f"the privacy assessment is not valid YAML ({problem.detail}): fix the syntax"
        )
        return _finding(found, message, "invalid-yaml", problem.line)
    if problem.kind == "not-a-mapping":
        message = (
            "the privacy assessment is not a mapping of reviewed, dpia and questions: start "
            "from the template that tcop-lint init writes"
        )
        return _finding(found, message, "not-a-mapping", problem.line)
    if problem.kind == "unknown-key":
        message = (
            f"unknown key {problem.detail!r} in {where}: remove it or use one of "
            f"{', '.join(problem.allowed)}"
        )
        key = ".".join(filter(None, (problem.where, problem.detail)))
        return _finding(found, message, "unknown-key", problem.line, key=key)
    if problem.kind == "schema":
        message = f"{where}: {problem.detail}: correct it as {SCHEMA_NAME} describes"
        return _finding(found, message, "schema-error", problem.line, key=problem.where)
    if problem.kind == "no-answers":
        message = (
            "none of the eight privacy screening questions is answered here (looked for "
            "headings, table rows and list items asking them): answer each with yes or no "
            "and a sentence of explanation, or run tcop-lint init to write "
            "privacy-assessment.yml"
        )
        return _finding(found, message, "no-screening-answers", missing=True)
    message = (
        "no PIA entry under spec: add - {name: PIA, status: completed, last-updated: "
        "YYYY-MM-DD} once the privacy impact assessment is done, or answer the screening "
        "questions in privacy-assessment.yml"
    )
    return _finding(found, message, "no-pia-entry", problem.line, missing=True)


def _unfilled(found: PrivacyAssessment) -> bool:
    """Whether the assessment is written but not filled in (the template ``tcop-lint init``
    writes): every question asked, none answered, no review date and no DPIA."""
    return (
        bool(found.answers)
        and all(a.asked and a.given is None for a in found.answers)
        and (found.reviewed is None or found.reviewed.given is None)
        and found.dpia is None
    )


def _unfilled_finding(found: PrivacyAssessment) -> Finding:
    """One finding for an assessment not filled in, so that writing the template makes a
    repository no redder than having none; like a missing assessment, an attestation can
    stand in for it."""
    questions = _listed(list(found.answers))
    if found.form == "markdown":
        fix = (
            f"start the answer to each of {questions} with Yes or No and a sentence of "
            "explanation, and add a line Reviewed: YYYY-MM-DD"
        )
    else:
        fix = (
            f"answer each of {questions} with yes or no and an explanation, and set "
            "reviewed: YYYY-MM-DD to the date of the review"
        )
    message = f"the privacy assessment is not filled in: {fix}"
    line = found.answers[0].line
    return _finding(found, message, "unfilled-assessment", line, missing=True)


def _listed(answers: list[Answer]) -> str:
    """``screening questions 3 (discloses-information) and 7 (sensitive-information)``."""
    named = [f"{a.question.number} ({a.question.key})" for a in answers]
    if len(named) == 1:
        return f"screening question {named[0]}"
    return f"screening questions {', '.join(named[:-1])} and {named[-1]}"


def _unanswered(found: PrivacyAssessment, unanswered: list[Answer]) -> Finding:
    """One finding listing every question not answered, at the first of them."""
    first = unanswered[0].question
    one = len(unanswered) == 1
    if found.form == "markdown":
        fix = (
            f"start {'the' if one else 'each'} answer with Yes or No and add a sentence "
            "of explanation"
        )
    elif one:
        where = f"questions.{first.key}"
        fix = (
            f"set {where}.answer to yes or no and {where}.explanation to a sentence "
            "saying why"
        )
    else:
        fix = "set each one's answer to yes or no and its explanation to a sentence saying why"
    asked = (
        f'screening question {first.number}, "{first.text}", is'
        if one
        else f"{_listed(unanswered)} are"
    )
    message = f"{asked} not answered: {fix}"
    return _finding(found, message, "unanswered-questions", unanswered[0].line)


def _answers(found: PrivacyAssessment, yes: list[Answer]) -> list[Finding]:
    """One finding per question not asked, not yes or no, or not explained, and one for all
    the questions not answered; the questions answered yes are added to ``yes``."""
    findings = []
    unanswered = [a for a in found.answers if a.asked and a.given is None]
    markdown = found.form == "markdown"
    for answer in found.answers:
        question, key, line = answer.question, answer.question.key, answer.line
        where = f"questions.{key}"
        asked = f'screening question {question.number}, "{question.text}",'
        if not answer.asked:
            message = (
                f"{asked} is not asked: add a heading or table row for it answered Yes or "
                "No with a sentence of explanation"
            )
            findings.append(_finding(found, message, "question-not-asked", key=key))
        elif answer.given is None:
            if answer is unanswered[0]:
                findings.append(_unanswered(found, unanswered))
        elif isinstance(answer.given, str):
            message = (
                f"screening question {question.number} is answered {answer.given!r}, which "
                f"is not yes or no: set {where}.answer to yes or no"
            )
            findings.append(_finding(found, message, "invalid-answer", line, key=key))
        else:
            if answer.given:
                yes.append(answer)
            if not answer.explained:
                said = "yes" if answer.given else "no"
                fix = (
                    f"add a sentence after the answer saying why it is {said}"
                    if markdown
                    else f"set {where}.explanation to a sentence saying why the answer "
                    f"is {said}"
                )
                message = f"{asked} has no explanation: {fix}"
                findings.append(
                    _finding(found, message, "unexplained-answer", line, key=key)
                )
    return findings


def _review(found: PrivacyAssessment, max_age: int, today: dt.date) -> list[Finding]:
    """The review date: present, a date, not stale, not in the future."""
    words = _WORDS[found.form]
    reviewed = found.reviewed
    line = reviewed.line if reviewed else None
    if reviewed is None or reviewed.given is None:
        return [
            _finding(
                found, words.no_date, "missing-review-date", line, level=words.level
            )
        ]
    if reviewed.date is None:
        message = words.not_a_date.format(given=reviewed.given)
        return [
            _finding(found, message, "invalid-review-date", line, level=words.level)
        ]
    age = (today - reviewed.date).days
    if age > max_age:
        message = (
            f"{words.reviewed} on {reviewed.date}, more than {max_age} days ago: "
            f"{words.update}"
        )
        return [_finding(found, message, "stale-review", line, level=words.level)]
    if age < -1:
        message = (
            f"{words.reviewed} on {reviewed.date}, a date in the future: set it to the date "
            "of the last review"
        )
        return [_finding(found, message, "future-review", line, level=words.level)]
    return []


def _numbers(answers: list[Answer]) -> str:
    numbers = [answer.question.number for answer in answers]
    if len(numbers) == 1:
        return f"screening question {numbers[0]} is"
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    return f"screening questions {listed} are"


def _dpia(found: PrivacyAssessment, yes: list[Answer]) -> list[Finding]:
    """The DPIA link: well formed where given, and given where any answer is yes."""
    findings = []
    dpia = found.dpia
    if dpia and dpia.problem == "not-single":
        message = (
            "dpia is not a single URL or path: set dpia: to the URL or repository path of "
            "the full data protection impact assessment"
        )
        findings.append(_finding(found, message, "invalid-dpia", dpia.line))
    elif dpia and dpia.problem == "unresolved":
        message = (
            f"dpia {dpia.target!r} is neither a URL nor a file in the repository: link the "
            "full DPIA by its URL or by its path from the repository root"
        )
        findings.append(_finding(found, message, "unresolved-dpia", dpia.line))
    if not yes or dpia:
        return findings
    for broken in found.broken_links:
        message = (
            f"the DPIA link {broken.target} is not a file in the repository: fix the path "
            "or link the DPIA's URL"
        )
        findings.append(
            _finding(found, message, "broken-dpia-link", broken.line, key=broken.target)
        )
    if not found.broken_links:
        fix = (
            "add a line DPIA: <URL or repository path of the full data protection impact "
            "assessment>"
            if found.form == "markdown"
            else "set dpia: to the URL or repository path of the full data protection "
            "impact assessment"
        )
        message = f"{_numbers(yes)} answered yes but no DPIA is linked: {fix}"
        findings.append(_finding(found, message, "dpia-not-linked", yes[0].line or 1))
    return findings


def _status(found: PrivacyAssessment) -> list[Finding]:
    """The PIA status of a BC ``COMPLIANCE.yaml``."""
    status = found.status
    if status is None or status.state in ("completed", "exempt"):
        return []
    if status.state == "in progress":
        message = (
            f"the PIA is in progress (status: {status.text}): finish the privacy impact "
            "assessment with your privacy office and set status: completed"
        )
        return [
            _finding(found, message, "pia-in-progress", status.line, level="warning")
        ]
    if status.state == "not started":
        message = (
            f"the PIA status is {status.text or 'empty'}: complete a privacy impact "
            "assessment with your privacy office (MISO) and set status: completed, or "
            "exempt if it does not apply"
        )
        # tcop-points.md: a PIA that is TBD (not started) fails, as an absent one does
        return [_finding(found, message, "pia-not-started", status.line)]
    message = (
        f"the PIA status {status.text!r} is not one of completed, in-progress, exempt or "
        "TBD: set it to the real status of the privacy impact assessment"
    )
    return [_finding(found, message, "unknown-pia-status", status.line)]


def _evidence(found: PrivacyAssessment, yes: list[Answer]) -> str:
    reviewed = found.reviewed.date if found.reviewed else None
    if found.form == "compliance":
        state = found.status.state if found.status else ""
        return f"PIA {state} (BC COMPLIANCE.yaml), last updated {reviewed}"
    kind = (
        "privacy assessment (Markdown)"
        if found.form == "markdown"
        else "privacy assessment"
    )
    detail = f"{kind}: the 8 screening questions answered, reviewed {reviewed}"
    if yes and found.dpia:
        detail += f", DPIA {found.dpia.target}"
    return detail


def _partial(found: PrivacyAssessment) -> Judgement:
    """A full assessment document, or a README paragraph recording one: evidence that an
    assessment was done, but nothing tcop-lint can check the answers or review date of."""
    if found.form == "mention":
        message = (
            f"the README says a privacy impact assessment was done ({found.reference}), but "
            "the repository holds no assessment with its answers and review date: record it "
            "in privacy-assessment.yml (tcop-lint init writes one) with the screening "
            "answers and reviewed: YYYY-MM-DD"
        )
        detail = f"the README records a privacy impact assessment: {found.reference}"
        finding = _finding(
            found,
            message,
            "missing-assessment",
            found.line,
            level="warning",
            missing=True,
        )
    elif found.document_format == "Markdown":
        message = (
            "this reads as a privacy impact assessment, but none of the eight screening "
            "questions is asked as a heading, table row or list item: answer each there with "
            "Yes or No and a sentence of explanation and add a line Reviewed: YYYY-MM-DD, or "
            f"add privacy-assessment.yml with the answers, reviewed and dpia: {found.path}"
        )
        detail = (
            "privacy impact assessment document (Markdown); screening answers not found"
        )
        finding = _finding(found, message, "unstructured-document", level="warning")
    else:
        message = (
            f"this looks like a privacy impact assessment, but tcop-lint cannot read a "
            f"{found.document_format} document to check its answers or review date: add "
            f"privacy-assessment.yml with the screening answers, reviewed: YYYY-MM-DD and "
            f"dpia: {found.path}"
        )
        detail = (
            f"privacy impact assessment document ({found.document_format}, not read)"
        )
        finding = _finding(found, message, "unreadable-document", level="warning")
    return Judgement([finding], [Evidence(found.path, detail)])
