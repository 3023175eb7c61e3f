"""The privacy assessment a repository keeps, as one typed model whatever form it takes.

Point 7 of the Code (make privacy integral) is evidenced by the answers to the eight
screening questions of a privacy impact assessment, the date they were last reviewed and,
where any answer is yes, a link to the full data protection impact assessment (DPIA). Teams
write that down in several forms, and each is read into one :class:`PrivacyAssessment`:

- ``yaml``: ``privacy-assessment.yml``, the form ``tcop-lint init`` writes (read here, with
  the JSON Schema shipped in the package);
- ``markdown``: a Markdown assessment read from its headings, table rows and list items
  (:mod:`tcop_lint.facts.privacy_markdown`);
- ``compliance``: BC government's ``COMPLIANCE.yaml``, whose ``PIA`` entry records the status
  of the privacy impact assessment (read here);
- ``document``: a full privacy impact assessment whose screening answers cannot be read (a
  PDF or OpenDocument file, or Markdown that asks none of the questions);
- ``mention``: a README paragraph saying an assessment was done, with its reference or link.

Where each form is looked for is :mod:`tcop_lint.facts.privacy_sources`. Nothing here judges:
problems met while reading (an unreadable file, invalid YAML, an unknown key) are recorded as
:class:`Problem` data for the rule to word.

Every pattern applied to repository content is RE2 (:mod:`tcop_lint.regex`) or plain
string methods, so that reading costs time linear in the file whatever it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from tcop_lint.data import read_text as read_data_file
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import LinearPattern
from tcop_lint.repository import Repository
from tcop_lint.schema_check import SchemaError, line_at, schema_errors, validator

Form = Literal["yaml", "markdown", "compliance", "document", "mention"]
SCHEMA_NAME = "privacy-assessment.schema.json"
COMPLIANCE_NAMES = ("COMPLIANCE.yaml", "COMPLIANCE.yml")


# -- linear-time patterns ------------------------------------------------------------------

URL = LinearPattern(r"(?i)https?://\S+")


# -- the screening questions ----------------------------------------------------------------


class Question(NamedTuple):
    number: int
    key: str
    text: str
    keywords: LinearPattern
    """Words that show a heading, table row or list item asks this question."""


def _q(number: int, key: str, text: str, keywords: str) -> Question:
    return Question(number, key, text, LinearPattern(f"(?i){keywords}"))


QUESTIONS: tuple[Question, ...] = (
    _q(
        1,
        "collects-new-information",
        "does it collect new information about individuals?",
        r"\b(collect|gather)\w*",
    ),
    _q(
        2,
        "individuals-provide-information",
        "will individuals have to provide information about themselves?",
        r"\bthemselves\b|\bcompel\w*|\b(have|required|need|obliged|asked) to "
        r"(provide|give|supply|submit)\b",
    ),
    _q(
        3,
        "discloses-information",
        "will information about individuals be disclosed to organisations or people who did "
        "not routinely have access to it before?",
        r"\bdisclos\w*|\broutine(ly)? (had |have )?access|\bshar(e|ed|ing)\b.*"
        r"\b(organi[sz]ations?|third[- ]part\w*|people|partners?)\b",
    ),
    _q(
        4,
        "new-purpose",
        "is information about individuals used for a purpose, or in a way, it is not used now?",
        r"\bpurposes?\b|\bnot (currently |now )?used\b|\bin a (new|different) way\b",
    ),
    _q(
        5,
        "intrusive-technology",
        "does it use new technology that might be seen as privacy intrusive (for example "
        "biometrics or facial recognition)?",
        r"\btechnolog\w*|\bbiometric\w*|\bfacial\b",
    ),
    _q(
        6,
        "significant-decisions",
        "will it make decisions or take action about individuals that can significantly "
        "affect them?",
        r"\bdecisions?\b|\btak(e|ing) action\b|\bsignificant(ly)? (impact|affect|effect)",
    ),
    _q(
        7,
        "sensitive-information",
        "is the information about individuals of a kind likely to raise privacy concerns "
        "(health records, criminal records, other information people consider private)?",
        r"\bhealth\b|\bcriminal\b|\bsensitive\b|\bspecial[- ]categor\w*|\bprivacy concerns?\b"
        r"|\bconsider\w* (to be )?(particularly )?private\b",
    ),
    _q(
        8,
        "intrusive-contact",
        "will it contact individuals in ways they may find intrusive?",
        r"\bcontact\w*",
    ),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


# -- the model -----------------------------------------------------------------------------

ProblemKind = Literal[
    "unreadable",  # detail: why the file cannot be read
    "invalid-yaml",  # detail: the parser's error
    "not-a-mapping",
    "unknown-key",  # where: the mapping ("" for the top level), detail: the key, allowed
    "schema",  # where: the dotted location ("" for the top level), detail: the message
    "no-answers",  # a Markdown file that asks none of the questions
    "no-pia-entry",  # a COMPLIANCE.yaml with no PIA entry under spec
]


class Problem(NamedTuple):
    """Something met while reading that stops a reader from taking an answer at face value."""

    kind: ProblemKind
    line: int | None = None
    detail: str = ""
    where: str = ""
    allowed: tuple[str, ...] = ()


class Answer(NamedTuple):
    """The answer to one screening question, as written."""

    question: Question
    given: bool | str | None
    """True for yes, False for no, None when unanswered, the text itself when it is neither."""
    line: int | None
    explained: bool
    """A sentence of explanation follows (not a placeholder such as ``TODO``)."""
    asked: bool = True
    """False when the document does not ask the question at all (Markdown only)."""


class Dated(NamedTuple):
    """The date of the last review (``reviewed``, a ``Reviewed:`` line, ``last-updated``)."""

    date: dt.date | None
    line: int | None
    given: str | None
    """The value as written; ``None`` when there is none."""


DpiaProblem = Literal["", "not-single", "unresolved"]


class DpiaLink(NamedTuple):
    """The full DPIA an assessment links: a URL or a repository path."""

    target: str
    line: int | None
    problem: DpiaProblem = ""
    """``not-single``: not one URL or path; ``unresolved``: neither a URL nor a file."""


class BrokenLink(NamedTuple):
    """A relative link on a DPIA line that leads to no file (Markdown only)."""

    target: str
    line: int


PiaState = Literal["completed", "exempt", "in progress", "not started", "unknown"]


class PiaStatus(NamedTuple):
    """The status of the privacy impact assessment (BC ``COMPLIANCE.yaml``)."""

    state: PiaState
    text: str
    line: int


@dataclass(frozen=True)
class PrivacyAssessment:
    """One privacy assessment, as read from one file."""

    path: str
    form: Form
    answers: tuple[Answer, ...] = ()
    """One per screening question, in order (empty for the forms that hold none)."""
    reviewed: Dated | None = None
    dpia: DpiaLink | None = None
    broken_links: tuple[BrokenLink, ...] = ()
    status: PiaStatus | None = None
    problems: tuple[Problem, ...] = ()
    readable: bool = True
    """False when a problem stopped the reading: only ``problems`` hold anything."""
    declared: bool = False
    """The team's declared assessment (YAML, or the ``path`` option): its problems are
    always reported, even when another form is complete."""
    line: int | None = None
    """Where a mention is (the README paragraph)."""
    reference: str = ""
    """What a mention refers to: a URL, a path or a reference such as ``DPIA-2024-017``."""
    document_format: str = ""
    """For a document: ``PDF``, ``OpenDocument``, ``Word`` or ``Markdown``."""

    @property
    def asked(self) -> int:
        """How many screening questions the document asks."""
        return sum(answer.asked for answer in self.answers)

    @property
    def answers_nothing(self) -> bool:
        """A Markdown file that asks none of the questions (a privacy notice, most often)."""
        return any(p.kind == "no-answers" for p in self.problems)


def unreadable(
    repo: Repository, path: str, form: Form, *, declared: bool = False
) -> PrivacyAssessment:
    """A file that cannot be read as text (binary, over the size limit, a link outside)."""
    reason = repo.unreadable_reason(path) or "not text"
    problem = Problem("unreadable", detail=reason)
    return PrivacyAssessment(
        path, form, problems=(problem,), readable=False, declared=declared
    )


# -- shared readers ------------------------------------------------------------------------

_PLACEHOLDERS = {
    "",
    "todo",
    "tbd",
    "tbc",
    "tba",
    "na",
    "n a",
    "none",
    "explain",
    "explanation",
    "reason",
    "why",
    "yes",
    "no",
    "yes no",
}
_NON_ALPHANUMERIC = LinearPattern(r"[^a-z0-9]+")
_TWO_LETTERS = LinearPattern(r"\pL\pL")
_ISO_PREFIX = LinearPattern(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\s)")


def is_placeholder(text: str) -> bool:
    """Text that explains nothing: empty, ``TODO``, ``N/A``, ``yes/no``, no word at all."""
    words = _NON_ALPHANUMERIC.sub(" ", text.lower()).strip()
    return words in _PLACEHOLDERS or not _TWO_LETTERS.search(text)


def to_date(value: Any) -> dt.date | None:
    """A date from YAML: a date, a datetime, or ISO text (``2023-06-23T17:51:45.937Z`` too)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _ISO_PREFIX.match(value)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                return None
    return None


def answer_from(value: Any) -> bool | str | None:
    """True/False for yes/no, None when unanswered, the text itself when it is neither."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower().strip(".!")
    if text in {"yes", "y", "true"}:
        return True
    if text in {"no", "n", "false"}:
        return False
    if not text or is_placeholder(text) or text in {"yes/no", "yes or no", "-"}:
        return None
    return str(value).strip()


def resolve(repo: Repository, base: str, target: str) -> str | None:
    """``target`` as a file or folder of the repository, from the root or from ``base``'s
    folder."""
    target = target.split("#", 1)[0].strip()
    if not target:
        return None
    for start in ("", posixpath.dirname(base)):
        joined = posixpath.normpath(posixpath.join(start, target.lstrip("/")))
        if joined.startswith(".."):
            continue
        found = repo.find(joined)
        if found or repo.under(joined):
            return found or joined
    return None


# -- the YAML form -------------------------------------------------------------------------

_NO_DPIA = {"", "n/a", "na", "none", "not required", "not applicable", "-", "no"}
_SCHEMA_LIBRARIES = ("jsonschema",)


def read_yaml(repo: Repository, path: str) -> PrivacyAssessment:
    """``privacy-assessment.yml``: always the team's declared assessment."""
    if repo.read_text(path) is None:
        return unreadable(repo, path, "yaml", declared=True)
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        problem = Problem("invalid-yaml", parsed.line, parsed.error or "")
        return PrivacyAssessment(
            path, "yaml", problems=(problem,), readable=False, declared=True
        )
    data = parsed.data
    if not isinstance(data, LineDict):  # every YAML mapping parses to one
        problem = Problem("not-a-mapping", 1)
        return PrivacyAssessment(
            path, "yaml", problems=(problem,), readable=False, declared=True
        )
    return PrivacyAssessment(
        path,
        "yaml",
        answers=_yaml_answers(data),
        reviewed=_yaml_date(data, "reviewed"),
        dpia=_yaml_dpia(repo, path, data),
        problems=tuple(_cached_schema_problems(repo, data, path)),
        declared=True,
    )


def _yaml_answers(data: LineDict) -> tuple[Answer, ...]:
    questions = data.get("questions")
    questions_line = data.line_of("questions") if "questions" in data else None
    if not isinstance(questions, dict):
        questions = {}
    answers = []
    for question in QUESTIONS:
        line = (
            questions.line_of(question.key)
            if isinstance(questions, LineDict) and question.key in questions
            else questions_line
        )
        entry = questions.get(question.key)
        if not isinstance(entry, dict):
            entry = {"answer": entry}
        explanation = entry.get("explanation")
        explained = isinstance(explanation, str) and not is_placeholder(explanation)
        answers.append(
            Answer(question, answer_from(entry.get("answer")), line, explained)
        )
    return tuple(answers)


def _yaml_date(mapping: Any, key: str, default_line: int | None = None) -> Dated:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    present = isinstance(mapping, LineDict) and key in mapping
    line = mapping.line_of(key) if present else default_line
    given = None if value in (None, "") else str(value)
    return Dated(to_date(value), line, given)


def _yaml_dpia(repo: Repository, path: str, data: LineDict) -> DpiaLink | None:
    value = data.get("dpia")
    text = "" if value is None else str(value).strip()
    line = data.line_of("dpia") if "dpia" in data else None
    if value is not None and not isinstance(value, str):
        return DpiaLink(text, line, "not-single")
    if text.lower() in _NO_DPIA:
        return None
    if URL.fullmatch(text):
        return DpiaLink(text, line)
    found = resolve(repo, path, text)
    return (
        DpiaLink(text, line, "unresolved") if found is None else DpiaLink(found, line)
    )


def _cached_schema_problems(repo: Repository, data: Any, path: str) -> list[Problem]:
    """:func:`_schema_problems`, remembered between runs: importing jsonschema is about
    0.1 s, a third of a small run, and the assessment rarely changes. Keyed by the file's
    path and text, the schema and the code that reads them."""
    schema = read_data_file(SCHEMA_NAME)
    return repo.cache.cached(
        "privacy",
        (schema, path, repo.read_text(path) or ""),
        lambda: _schema_problems(data, schema),
        libraries=_SCHEMA_LIBRARIES,
        encode=lambda problems: [p._asdict() for p in problems],
        decode=_decode_problems,
    )


def _decode_problems(stored: Any) -> list[Problem] | None:
    if not isinstance(stored, list):
        return None
    try:
        return [
            Problem(**{**fields, "allowed": tuple(fields.get("allowed", ()))})
            for fields in stored
        ]
    except TypeError:
        return None


def _handled_by_readers(found: SchemaError) -> bool:
    """Schema errors that the question, date and DPIA readers record in their own terms."""
    error, where = found.error, list(found.path)
    if where[:1] == ["questions"] and len(where) >= 2 and where[1] in QUESTION_KEYS:
        return True
    if where in (["reviewed"], ["questions"], ["dpia"]):
        return bool(error.validator != "additionalProperties")
    return bool(error.validator == "required" and not where)


def _schema_problems(data: Any, schema: str) -> list[Problem]:
    check = validator(json.loads(schema))
    problems = []
    for found in schema_errors(data, check):
        if _handled_by_readers(found):
            continue
        error, where = found.error, list(found.path)
        if error.validator == "additionalProperties":
            allowed = tuple(sorted(error.schema.get("properties", {})))
            for extra in sorted(set(error.instance) - set(allowed), key=str):
                line = line_at(data, [*where, extra])
                problems.append(
                    Problem("unknown-key", line, str(extra), found.dotted, allowed)
                )
            continue
        problems.append(Problem("schema", found.line, error.message, found.dotted))
    return problems


# -- BC government's COMPLIANCE.yaml -------------------------------------------------------

_COMPLETED = {"completed", "complete", "done", "approved", "signed-off"}
_EXEMPT = {"exempt", "not-required", "not-applicable", "n-a", "na"}
_IN_PROGRESS = {
    "in-progress",
    "inprogress",
    "underway",
    "started",
    "in-review",
    "pending",
    "draft",
    "submitted",
}
_NOT_STARTED = {"tbd", "todo", "not-started", "unknown", "", "none"}


def _pia_state(text: str) -> PiaState:
    status = "-".join(text.lower().replace("_", " ").split())
    if status in _COMPLETED:
        return "completed"
    if status in _EXEMPT:
        return "exempt"
    if status in _IN_PROGRESS:
        return "in progress"
    if status in _NOT_STARTED:
        return "not started"
    return "unknown"


def read_compliance(repo: Repository, path: str) -> PrivacyAssessment:
    """The ``PIA`` entry of BC government's ``COMPLIANCE.yaml``: its status and
    ``last-updated`` date."""
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        problem = Problem("invalid-yaml", parsed.line, parsed.error or "")
        return PrivacyAssessment(
            path, "compliance", problems=(problem,), readable=False
        )
    data = parsed.data
    spec = data.get("spec") if isinstance(data, dict) else None
    entries = spec if isinstance(spec, list) else []
    pia_index = next(
        (
            i
            for i, entry in enumerate(entries)
            if isinstance(entry, dict)
            and str(entry.get("name", "")).strip().upper() == "PIA"
        ),
        None,
    )
    if pia_index is None:
        line = data.line_of("spec") if isinstance(data, LineDict) else 1
        problem = Problem("no-pia-entry", line)
        return PrivacyAssessment(
            path, "compliance", problems=(problem,), readable=False
        )
    entry = entries[pia_index]
    entry_line = entries.line_of(pia_index) if isinstance(entries, LineList) else 1
    raw = entry.get("status")
    text = "" if raw is None else str(raw).strip()
    has_status = isinstance(entry, LineDict) and "status" in entry
    status_line = entry.line_of("status") if has_status else entry_line
    return PrivacyAssessment(
        path,
        "compliance",
        status=PiaStatus(_pia_state(text), text, status_line),
        reviewed=_yaml_date(entry, "last-updated", entry_line),
    )
