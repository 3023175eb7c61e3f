"""Point 7, make privacy integral: a privacy assessment that answers the screening questions.

Three kinds of source count, and each is checked on its own:

- ``privacy-assessment.yml`` (or ``.yaml``) at the root, in ``docs/``, ``doc/`` or ``.github/``, or
  the file named by the ``path`` option: validated with the JSON Schema shipped in the package;
- a Markdown assessment (``PRIVACY.md``, ``docs/privacy*.md``, ``*pia*.md``...), read from its
  headings, table rows and list items; only used when there is no YAML assessment, and only the
  candidate that answers the most questions;
- BC government's ``COMPLIANCE.yaml``, whose ``PIA`` entry records the status of the privacy
  impact assessment.

A source with no findings is evidence. When one source is complete, the problems of the
heuristic sources (Markdown, COMPLIANCE.yaml) are not reported, since they are alternatives;
a YAML assessment is the team's declared assessment, so its problems are always reported.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from tcop_lint.data import read_text as read_data_file
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Level, Option, Options, rule

SCHEMA_NAME = "privacy-assessment.schema.json"
_YAML_NAMES = ("privacy-assessment", "privacy_assessment")
_YAML_DIRS = ("", "docs", "doc", ".github")
_MARKDOWN_NAME = lazy_re(
    r"(privacy([-_ .].*)?|(.*[-_ .])?d?pia([-_ .].*)?|.*privacy[-_ ]?impact[-_ ]?assessment.*)"
    r"\.(md|markdown|mdx)"
)
_MARKDOWN_DIRS = {"docs", "doc", "documentation", "privacy", "compliance", "governance"}
_VENDORED = {"node_modules", "vendor", "third_party", "bower_components", ".venv"}
_COMPLIANCE = ("COMPLIANCE.yaml", "COMPLIANCE.yml")
_URL = lazy_re(r"https?://\S+", re.IGNORECASE)
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
_NO_DPIA = {"", "n/a", "na", "none", "not required", "not applicable", "-", "no"}


class Question(NamedTuple):
    number: int
    key: str
    text: str
    keywords: re.Pattern[str]


def _q(number: int, key: str, text: str, keywords: str) -> Question:
    return Question(number, key, text, lazy_re(keywords, re.IGNORECASE))


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


@dataclass
class Outcome:
    """What one source showed: findings if it falls short, else evidence."""

    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    declared: bool = False
    """A declared assessment (YAML, or the configured path) always reports its findings."""


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
                "create it (tcop-lint init writes a template) or correct the path option"
            )
            return
        outcome = _check_source(repo, path, max_age, today)
        yield from outcome.evidence
        yield from outcome.findings
        return

    outcomes: list[Outcome] = []
    declared = _yaml_assessments(repo)
    outcomes.extend(_check_yaml(repo, path, max_age, today) for path in declared)
    if not declared:
        markdown = _best_markdown(repo)
        if markdown:
            outcomes.append(_check_markdown(repo, markdown, max_age, today))
    compliance = repo.find(*_COMPLIANCE)
    if compliance:
        outcomes.append(_check_compliance(repo, compliance, max_age, today))
    if not outcomes:
        yield Finding(
            "no privacy assessment found (looked for privacy-assessment.yml, "
            "docs/privacy-assessment.yml, PRIVACY.md, docs/privacy*.md, *pia*.md and a PIA "
            "entry in COMPLIANCE.yaml): run tcop-lint init to write privacy-assessment.yml, "
            "then answer its eight screening questions and set reviewed",
            id="missing-assessment",
            missing=True,
        )
        return
    complete = any(not o.findings for o in outcomes)
    for outcome in outcomes:
        yield from outcome.evidence
        if outcome.declared or not complete:
            yield from outcome.findings


# -- finding the sources -------------------------------------------------------------------


def _vendored(path: str) -> bool:
    return any(part in _VENDORED for part in path.split("/")[:-1])


def _yaml_assessments(repo: Repository) -> list[str]:
    found = []
    for directory in _YAML_DIRS:
        for name in _YAML_NAMES:
            prefix = f"{directory}/" if directory else ""
            path = repo.find(f"{prefix}{name}.yml", f"{prefix}{name}.yaml")
            if path:
                found.append(path)
    return found


def _markdown_candidates(repo: Repository) -> list[str]:
    candidates = []
    for path in repo.by_name_matching(_MARKDOWN_NAME.pattern):
        directories = path.split("/")[:-1]
        if _vendored(path):
            continue
        if (
            not directories
            or directories == [".github"]
            or any(d.lower() in _MARKDOWN_DIRS for d in directories)
        ):
            candidates.append(path)
    return candidates


def _best_markdown(repo: Repository) -> str | None:
    def rank(path: str) -> tuple[int, int, int, str]:
        text = repo.read_text(path) or ""
        answered = len(_markdown_answers(text))
        name = path.rpartition("/")[2].lower()
        assessment = int("assessment" in name or "pia" in name)
        return (-answered, -assessment, path.count("/"), path)

    candidates = _markdown_candidates(repo)
    return min(candidates, key=rank) if candidates else None


def _check_source(repo: Repository, path: str, max_age: int, today: dt.date) -> Outcome:
    if path.lower().endswith((".md", ".markdown", ".mdx", ".txt")):
        outcome = _check_markdown(repo, path, max_age, today)
    elif path.rpartition("/")[2].lower() in {n.lower() for n in _COMPLIANCE}:
        outcome = _check_compliance(repo, path, max_age, today)
    else:
        outcome = _check_yaml(repo, path, max_age, today)
    outcome.declared = True
    return outcome


# -- shared helpers ------------------------------------------------------------------------


def _to_date(value: Any) -> dt.date | None:
    """A date from YAML: a date, a datetime, or ISO text (``2023-06-23T17:51:45.937Z`` too)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\s)", value)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                return None
    return None


def _review_findings(
    reviewed: dt.date,
    today: dt.date,
    max_age: int,
    path: str,
    line: int | None,
    *,
    what: str,
    fix: str,
    level: Level | None = None,
) -> list[Finding]:
    age = (today - reviewed).days
    if age > max_age:
        return [
            Finding(
                f"{what} on {reviewed}, more than {max_age} days ago: {fix}",
                path,
                line,
                line,
                level=level,
            )
        ]
    if age < -1:
        return [
            Finding(
                f"{what} on {reviewed}, a date in the future: set it to the date of the last "
                "review",
                path,
                line,
                line,
                level=level,
            )
        ]
    return []


def _is_placeholder(text: str) -> bool:
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return words in _PLACEHOLDERS or not re.search(r"[^\W\d_]{2,}", text)


def _answer_from(value: Any) -> bool | str | None:
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
    if not text or _is_placeholder(text) or text in {"yes/no", "yes or no", "-"}:
        return None
    return str(value).strip()


def _numbers(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"screening question {numbers[0]} is"
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    return f"screening questions {listed} are"


def _resolve(repo: Repository, base: str, target: str) -> str | None:
    """``target`` as a file or folder of the repository, from the root or from ``base``'s folder."""
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


def _schema_text() -> str:
    return read_data_file(SCHEMA_NAME)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _line_at(data: Any, parts: list[Any]) -> int:
    node, line = data, getattr(data, "line", 1)
    for part in parts:
        in_dict = isinstance(node, LineDict) and part in node
        in_list = (
            isinstance(node, LineList) and isinstance(part, int) and part < len(node)
        )
        if not (in_dict or in_list):
            break
        line = node.line_of(part)
        node = node[part]
    return line


def _handled_by_checks(error: Any) -> bool:
    """Schema errors that the question, date and DPIA checks report in their own words."""
    where = list(error.absolute_path)
    if where[:1] == ["questions"] and len(where) >= 2 and where[1] in QUESTION_KEYS:
        return True
    if where in (["reviewed"], ["questions"], ["dpia"]):
        return error.validator != "additionalProperties"
    return error.validator == "required" and not where


_SCHEMA_LIBRARIES = ("jsonschema",)


def _cached_schema_findings(repo: Repository, data: Any, path: str) -> list[Finding]:
    """:func:`_schema_findings`, remembered between runs: importing jsonschema is about
    0.1 s, a third of a small run, and the assessment rarely changes. Keyed by the file's
    path and text, the schema and the code that reads them."""
    schema = _schema_text()
    key = repo.cache.key(
        "privacy",
        schema,
        path,
        repo.read_text(path) or "",
        libraries=_SCHEMA_LIBRARIES,
    )
    cached = repo.cache.get_records(key, Finding)
    if cached is not None:
        return cached
    findings = _schema_findings(data, path, schema)
    repo.cache.put(key, [asdict(finding) for finding in findings])
    return findings


def _schema_findings(data: Any, path: str, schema: str) -> list[Finding]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(schema))
    findings = []
    for error in sorted(
        validator.iter_errors(_plain(data)), key=lambda e: list(map(str, e.path))
    ):
        if _handled_by_checks(error):
            continue
        where = list(error.absolute_path)
        shown = ".".join(map(str, where)) or "the top level"
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed), key=str):
                line = _line_at(data, [*where, extra])
                findings.append(
                    Finding(
                        f"unknown key {extra!r} in {shown}: remove it or use one of "
                        f"{', '.join(allowed)}",
                        path,
                        line,
                        line,
                    )
                )
            continue
        line = _line_at(data, where)
        findings.append(
            Finding(
                f"{shown}: {error.message}: correct it as {SCHEMA_NAME} describes",
                path,
                line,
                line,
            )
        )
    return findings


def _check_yaml(repo: Repository, path: str, max_age: int, today: dt.date) -> Outcome:
    outcome = Outcome(declared=True)
    findings = outcome.findings
    if repo.read_text(path) is None:
        findings.append(
            Finding(
                f"the privacy assessment cannot be read ({repo.unreadable_reason(path)}): "
                "save it as UTF-8 text under the size limit",
                path,
                level="warning",
            )
        )
        return outcome
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        findings.append(
            Finding(
                f"the privacy assessment is not valid YAML ({parsed.error}): fix the syntax",
                path,
                parsed.line,
                parsed.line,
            )
        )
        return outcome
    data = parsed.data
    if not isinstance(data, LineDict):  # every YAML mapping parses to one
        findings.append(
            Finding(
                "the privacy assessment is not a mapping of reviewed, dpia and questions: "
                "start from the template that tcop-lint init writes",
                path,
                1,
                1,
            )
        )
        return outcome
    findings.extend(_cached_schema_findings(repo, data, path))

    questions = data.get("questions")
    questions_line = data.line_of("questions") if "questions" in data else None
    if not isinstance(questions, dict):
        questions = {}
    yes: list[tuple[int, int]] = []
    for question in QUESTIONS:
        where = f"questions.{question.key}"
        line = (
            questions.line_of(question.key)
            if isinstance(questions, LineDict) and question.key in questions
            else questions_line
        )
        entry = questions.get(question.key)
        if not isinstance(entry, dict):
            entry = {"answer": entry}
        answer = _answer_from(entry.get("answer"))
        explanation = entry.get("explanation")
        if answer is None:
            findings.append(
                Finding(
                    f'screening question {question.number}, "{question.text}", is not answered: '
                    f"set {where}.answer to yes or no and {where}.explanation to a sentence "
                    "saying why",
                    path,
                    line,
                    line,
                )
            )
            continue
        if isinstance(answer, str):
            findings.append(
                Finding(
                    f"screening question {question.number} is answered {answer!r}, which is "
                    f"not yes or no: set {where}.answer to yes or no",
                    path,
                    line,
                    line,
                )
            )
            continue
        if answer:
            yes.append((question.number, line or 1))
        if not isinstance(explanation, str) or _is_placeholder(explanation):
            findings.append(
                Finding(
                    f'screening question {question.number}, "{question.text}", has no '
                    f"explanation: set {where}.explanation to a sentence saying why the answer "
                    f"is {'yes' if answer else 'no'}",
                    path,
                    line,
                    line,
                )
            )

    reviewed_value = data.get("reviewed")
    reviewed = _to_date(reviewed_value)
    reviewed_line = data.line_of("reviewed") if "reviewed" in data else None
    if reviewed_value in (None, ""):
        findings.append(
            Finding(
                "the privacy assessment has no reviewed date: set reviewed: YYYY-MM-DD to the "
                "date the answers were last reviewed",
                path,
                reviewed_line,
                reviewed_line,
            )
        )
    elif reviewed is None:
        findings.append(
            Finding(
                f"reviewed {str(reviewed_value)!r} is not a date: write it as reviewed: YYYY-MM-DD",
                path,
                reviewed_line,
                reviewed_line,
            )
        )
    else:
        findings.extend(
            _review_findings(
                reviewed,
                today,
                max_age,
                path,
                reviewed_line,
                what="the privacy assessment was last reviewed",
                fix="review the answers and update reviewed",
            )
        )

    dpia_value = data.get("dpia")
    dpia_text = "" if dpia_value is None else str(dpia_value).strip()
    dpia_line = data.line_of("dpia") if "dpia" in data else None
    dpia: str | None = None
    if dpia_value is not None and not isinstance(dpia_value, str):
        findings.append(
            Finding(
                "dpia is not a single URL or path: set dpia: to the URL or repository path "
                "of the full data protection impact assessment",
                path,
                dpia_line,
                dpia_line,
            )
        )
        dpia = dpia_text
    elif dpia_text.lower() not in _NO_DPIA:
        if _URL.fullmatch(dpia_text):
            dpia = dpia_text
        else:
            dpia = _resolve(repo, path, dpia_text)
            if dpia is None:
                findings.append(
                    Finding(
                        f"dpia {dpia_text!r} is neither a URL nor a file in the repository: "
                        "link the full DPIA by its URL or by its path from the repository root",
                        path,
                        dpia_line,
                        dpia_line,
                    )
                )
                dpia = dpia_text
    if yes and not dpia:
        first = yes[0][1]
        findings.append(
            Finding(
                f"{_numbers([n for n, _ in yes])} answered yes but no DPIA is linked: set dpia: "
                "to the URL or repository path of the full data protection impact assessment",
                path,
                first,
                first,
            )
        )

    if not findings:
        detail = f"privacy assessment: the 8 screening questions answered, reviewed {reviewed}"
        if yes:
            detail += f", DPIA {dpia}"
        outcome.evidence.append(Evidence(path, detail))
    return outcome


# -- the Markdown form ---------------------------------------------------------------------

_FENCE = lazy_re(r"^\s*(```|~~~)")
_HEADING = lazy_re(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_SEPARATOR = lazy_re(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_PREFIX = lazy_re(
    r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s+)?"
    r"(?:q(?:uestion)?\s*\d+\s*[.:)-]?\s*)?",
    re.IGNORECASE,
)
_ITEM_MARKER = lazy_re(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+")
_BOLD_LABEL = lazy_re(r"^(\*\*|__)(.+?)\1\s*:?\s*(.*)$")
_CHECKED = lazy_re(r"\[[xX]\]\s*\**\s*(yes|no)\b", re.IGNORECASE)
_UNCHECKED = lazy_re(r"\[ \]\s*\**\s*(yes|no)\b", re.IGNORECASE)
_LEADING_ANSWER = lazy_re(
    r"^\W*(?:answer\s*[:=-]\s*)?\W*(yes|no)\b(?!\s*(?:/|\bor\b|\|)\s*(?:yes|no)\b)"
    r"[\s.,:;!)\]\-–—]*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_EXPLANATION_LABEL = lazy_re(
    r"^\W*(?:explanation|reason|because|why|details?|notes?)\s*[:=-]\s*", re.IGNORECASE
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}
_REVIEW_LABEL = lazy_re(
    r"\b(?:last[\s-]+)?review(?:ed)?(?:\s+(?:on|date))?\b|\bdate of (?:last\s+)?review\b"
    r"|\blast[\s-]+updated\b",
    re.IGNORECASE,
)
_ISO_DATE = lazy_re(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_YEAR = lazy_re(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = lazy_re(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DPIA_LINE = lazy_re(
    r"\bdpia\b|data protection impact assessment|\bfull (?:privacy )?(?:impact )?assessment",
    re.IGNORECASE,
)
_INLINE_LINK = lazy_re(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = lazy_re(r"\[([^\]]+)\]\[([^\]]*)\]")
_LINK_DEFINITION = lazy_re(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s.*)?$")


class MarkdownAnswer(NamedTuple):
    line: int
    answer: bool | None
    explanation: str


def _clean(text: str) -> str:
    """Markdown inline markup removed: emphasis, code ticks, HTML tags, link targets."""
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _match_question(text: str, taken: set[int]) -> Question | None:
    matches = [q for q in QUESTIONS if q.keywords.search(text)]
    fresh = [q for q in matches if q.number not in taken]
    return fresh[0] if fresh else None


def _cells(line: str) -> list[str]:
    row = line.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def _parse_answer(text: str) -> tuple[bool | None, str]:
    """The yes/no answer at the start of ``text`` (or a ticked box) and the rest as explanation."""
    text = "\n".join(_ITEM_MARKER.sub("", part) for part in text.splitlines())
    raw = " ".join(_clean(part) for part in text.splitlines())
    checked = _CHECKED.findall(text)
    if checked or _UNCHECKED.search(text):
        rest = _clean(_UNCHECKED.sub(" ", _CHECKED.sub(" ", text)))
        rest = _EXPLANATION_LABEL.sub("", rest)
        if len({c.lower() for c in checked}) != 1:
            return None, rest
        return checked[0].lower() == "yes", rest
    match = _LEADING_ANSWER.match(raw)
    if not match:
        return None, raw
    rest = _EXPLANATION_LABEL.sub("", match.group(2).strip())
    return match.group(1).lower() == "yes", rest


def _table_answer(
    cells: list[str], index: int, header: list[str]
) -> tuple[bool | None, str]:
    lowered = [_clean(h).lower() for h in header]
    if "yes" in lowered and "no" in lowered:
        marks = {
            label: _clean(cells[lowered.index(label)])
            if lowered.index(label) < len(cells)
            else ""
            for label in ("yes", "no")
        }
        ticked = [label for label, mark in marks.items() if mark]
        skip = {index, lowered.index("yes"), lowered.index("no")}
        rest = " ".join(_clean(c) for i, c in enumerate(cells) if i not in skip and c)
        if len(ticked) != 1:
            return None, rest
        return ticked[0] == "yes", rest
    others = [c for i, c in enumerate(cells) if i > index and c]
    for position, cell in enumerate(others):
        short = _clean(cell).lower().strip(".")
        answer, rest = (
            (short == "y", "") if short in {"y", "n"} else _parse_answer(cell)
        )
        if answer is not None:
            remaining = [rest, *others[position + 1 :], *others[:position]]
            return answer, " ".join(_clean(c) for c in remaining if c).strip()
    inline = cells[index].partition("?")[2]
    answer, rest = _parse_answer(inline) if inline.strip() else (None, "")
    if answer is not None:
        return answer, " ".join([rest, *(_clean(c) for c in others)]).strip()
    return None, " ".join(_clean(c) for c in others)


def _markdown_lines(text: str) -> list[tuple[int, str]]:
    """Lines outside fenced code blocks and HTML comments, with their numbers."""
    kept: list[tuple[int, str]] = []
    in_fence = in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        line = re.sub(r"<!--.*?-->", "", line)
        if "<!--" in line:
            line = line.split("<!--", 1)[0]
            in_comment = True
        kept.append((number, line))
    return kept


def _markdown_answers(text: str) -> dict[int, MarkdownAnswer]:
    """Question number -> the answer found for it, from headings, table rows and list items."""
    lines = _markdown_lines(text)
    answers: dict[int, MarkdownAnswer] = {}
    # (position in lines, question or None for a heading that asks none, inline remainder,
    # whether the locus is a heading)
    loci: list[tuple[int, Question | None, str, bool]] = []
    header: list[str] = []
    in_table = False
    taken: set[int] = set()
    for position, (number, line) in enumerate(lines):
        stripped = line.strip()
        following = lines[position + 1][1] if position + 1 < len(lines) else ""
        if "|" in stripped and _TABLE_SEPARATOR.match(stripped) and "-" in stripped:
            in_table = True
            continue
        if "|" in stripped and (
            stripped.startswith("|")
            or in_table
            or ("|" in following and _TABLE_SEPARATOR.match(following.strip()))
        ):
            cells = _cells(stripped)
            if not in_table and _TABLE_SEPARATOR.match(following.strip()):
                header = cells
                continue
            for index, cell in enumerate(cells):
                question = _match_question(_clean(cell), taken)
                if question:
                    answer, rest = _table_answer(cells, index, header)
                    answers[question.number] = MarkdownAnswer(number, answer, rest)
                    taken.add(question.number)
                    break
            continue
        in_table = False
        header = []
        heading = _HEADING.match(line)
        if heading:
            body = _clean(heading.group(1))
            question = _match_question(body.split("?", 1)[0], taken)
            remainder = body.split("?", 1)[1] if question and "?" in body else ""
            loci.append((position, question, remainder, True))
            if question:
                taken.add(question.number)
            continue
        item = _LIST_PREFIX.sub("", line, count=1).strip()
        bold = _BOLD_LABEL.match(item)
        if bold and "?" not in item:
            label, remainder = _clean(bold.group(2)), bold.group(3)
        elif "?" in item:
            label, _, remainder = _clean(item).partition("?")
        else:
            continue
        question = _match_question(label, taken)
        if question:
            loci.append((position, question, remainder, False))
            taken.add(question.number)

    for order, (position, question, remainder, is_heading) in enumerate(loci):
        if question is None:
            continue
        end = loci[order + 1][0] if order + 1 < len(loci) else len(lines)
        body_lines = [remainder]
        for _, line in lines[position + 1 : end]:
            if not is_heading and line.strip().startswith("|"):
                break
            body_lines.append(line)
        answer, rest = _parse_answer("\n".join(body_lines))
        answers[question.number] = MarkdownAnswer(lines[position][0], answer, rest)
    return answers


def _parse_date(text: str) -> dt.date | None:
    for match in _ISO_DATE.finditer(text):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            try:
                return dt.date(int(match.group(3)), month, int(match.group(1)))
            except ValueError:
                continue
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            try:
                return dt.date(int(match.group(3)), month, int(match.group(2)))
            except ValueError:
                continue
    return None


def _markdown_review(lines: list[tuple[int, str]]) -> tuple[dt.date, int] | None:
    for number, line in lines:
        label = _REVIEW_LABEL.search(line)
        if label:
            date = _parse_date(line[label.end() :]) or _parse_date(line)
            if date:
                return date, number
    return None


def _markdown_dpia(
    repo: Repository, path: str, lines: list[tuple[int, str]]
) -> tuple[str | None, list[tuple[str, int]]]:
    """The first working DPIA link, and the relative links that lead nowhere."""
    definitions = {}
    for _, line in lines:
        match = _LINK_DEFINITION.match(line)
        if match:
            definitions[match.group(1).lower()] = match.group(2)
    headings = " ".join(line for _, line in lines if _HEADING.match(line))
    broken: list[tuple[str, int]] = []
    for number, line in lines:
        if not _DPIA_LINE.search(line) or _LINK_DEFINITION.match(line):
            continue
        targets = [m.group(1) for m in _INLINE_LINK.finditer(line)]
        targets += [
            definitions.get((m.group(2) or m.group(1)).lower(), "")
            for m in _REFERENCE_LINK.finditer(line)
        ]
        targets += [m.group(0).rstrip(".,;:)>]") for m in _URL.finditer(line)]
        for target in filter(None, targets):
            if _URL.match(target):
                return target, []
            if target.startswith("#"):
                if _DPIA_LINE.search(headings):
                    return target, []
                continue
            if target.startswith("mailto:"):
                continue
            found = _resolve(repo, path, target)
            if found:
                return found, []
            broken.append((target, number))
    return None, broken


def _check_markdown(
    repo: Repository, path: str, max_age: int, today: dt.date
) -> Outcome:
    outcome = Outcome()
    findings = outcome.findings
    text = repo.read_text(path)
    if text is None:
        findings.append(
            Finding(
                f"the privacy assessment cannot be read ({repo.unreadable_reason(path)}): "
                "save it as UTF-8 text under the size limit",
                path,
                level="warning",
            )
        )
        return outcome
    answers = _markdown_answers(text)
    if not answers:
        findings.append(
            Finding(
                "none of the eight privacy screening questions is answered here (looked for "
                "headings, table rows and list items asking them): answer each with yes or no "
                "and a sentence of explanation, or run tcop-lint init to write "
                "privacy-assessment.yml",
                path,
            )
        )
        return outcome
    yes: list[tuple[int, int]] = []
    for question in QUESTIONS:
        found = answers.get(question.number)
        if found is None:
            findings.append(
                Finding(
                    f'screening question {question.number}, "{question.text}", is not asked: '
                    "add a heading or table row for it answered Yes or No with a sentence of "
                    "explanation",
                    path,
                )
            )
        elif found.answer is None:
            findings.append(
                Finding(
                    f'screening question {question.number}, "{question.text}", is not answered: '
                    "start the answer with Yes or No and add a sentence of explanation",
                    path,
                    found.line,
                    found.line,
                )
            )
        else:
            if found.answer:
                yes.append((question.number, found.line))
            if _is_placeholder(found.explanation):
                findings.append(
                    Finding(
                        f'screening question {question.number}, "{question.text}", has no '
                        "explanation: add a sentence after the answer saying why it is "
                        f"{'yes' if found.answer else 'no'}",
                        path,
                        found.line,
                        found.line,
                    )
                )
    lines = _markdown_lines(text)
    review = _markdown_review(lines)
    if review is None:
        findings.append(
            Finding(
                "the privacy assessment has no review date: add a line Reviewed: YYYY-MM-DD "
                "with the date the answers were last reviewed",
                path,
            )
        )
    else:
        findings.extend(
            _review_findings(
                review[0],
                today,
                max_age,
                path,
                review[1],
                what="the privacy assessment was last reviewed",
                fix="review the answers and update the review date",
            )
        )
    dpia, broken = _markdown_dpia(repo, path, lines)
    if yes and not dpia:
        for target, line in broken:
            findings.append(
                Finding(
                    f"the DPIA link {target} is not a file in the repository: fix the path or "
                    "link the DPIA's URL",
                    path,
                    line,
                    line,
                )
            )
        if not broken:
            first = yes[0][1]
            findings.append(
                Finding(
                    f"{_numbers([n for n, _ in yes])} answered yes but no DPIA is linked: add a "
                    "line DPIA: <URL or repository path of the full data protection impact "
                    "assessment>",
                    path,
                    first,
                    first,
                )
            )
    if not findings:
        detail = (
            "privacy assessment (Markdown): the 8 screening questions answered, "
            f"reviewed {review[0] if review else ''}"
        )
        if yes:
            detail += f", DPIA {dpia}"
        outcome.evidence.append(Evidence(path, detail))
    return outcome


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


def _check_compliance(
    repo: Repository, path: str, max_age: int, today: dt.date
) -> Outcome:
    outcome = Outcome()
    findings = outcome.findings
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        findings.append(
            Finding(
                f"{path} is not valid YAML ({parsed.error}): fix the syntax so the PIA status "
                "can be read",
                path,
                parsed.line,
                parsed.line,
            )
        )
        return outcome
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
        findings.append(
            Finding(
                "no PIA entry under spec: add - {name: PIA, status: completed, last-updated: "
                "YYYY-MM-DD} once the privacy impact assessment is done, or answer the "
                "screening questions in privacy-assessment.yml",
                path,
                line,
                line,
            )
        )
        return outcome
    entry = entries[pia_index]
    entry_line = entries.line_of(pia_index) if isinstance(entries, LineList) else 1
    status_raw = entry.get("status")
    status_text = "" if status_raw is None else str(status_raw).strip()
    status = re.sub(r"[\s_]+", "-", status_text.lower())
    status_line = (
        entry.line_of("status")
        if isinstance(entry, LineDict) and "status" in entry
        else entry_line
    )
    if status in _COMPLETED:
        state = "completed"
    elif status in _EXEMPT:
        state = "exempt"
    elif status in _IN_PROGRESS:
        state = "in progress"
        findings.append(
            Finding(
                f"the PIA is in progress (status: {status_text}): finish the privacy impact "
                "assessment with your privacy office and set status: completed",
                path,
                status_line,
                status_line,
                level="warning",
            )
        )
    elif status in _NOT_STARTED:
        findings.append(
            Finding(
                f"the PIA status is {status_text or 'empty'}: complete a privacy impact "
                "assessment with your privacy office (MISO) and set status: completed, or "
                "exempt if it does not apply",
                path,
                status_line,
                status_line,
            )
        )
        return outcome
    else:
        findings.append(
            Finding(
                f"the PIA status {status_text!r} is not one of completed, in-progress, exempt "
                "or TBD: set it to the real status of the privacy impact assessment",
                path,
                status_line,
                status_line,
            )
        )
        return outcome

    updated_raw = entry.get("last-updated")
    updated = _to_date(updated_raw)
    updated_line = (
        entry.line_of("last-updated")
        if isinstance(entry, LineDict) and "last-updated" in entry
        else entry_line
    )
    if updated_raw in (None, ""):
        findings.append(
            Finding(
                "the PIA entry has no last-updated date: add last-updated: YYYY-MM-DD",
                path,
                updated_line,
                updated_line,
                level="warning",
            )
        )
    elif updated is None:
        findings.append(
            Finding(
                f"the PIA last-updated {str(updated_raw)!r} is not a date: write it as "
                "last-updated: YYYY-MM-DD",
                path,
                updated_line,
                updated_line,
                level="warning",
            )
        )
    else:
        findings.extend(
            _review_findings(
                updated,
                today,
                max_age,
                path,
                updated_line,
                what="the PIA was last updated",
                fix="review the privacy impact assessment and update last-updated",
                level="warning",
            )
        )
    if not findings:
        outcome.evidence.append(
            Evidence(
                path,
                f"PIA {state} (BC COMPLIANCE.yaml), last updated {updated}",
            )
        )
    return outcome
