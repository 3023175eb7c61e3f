"""Privacy assessments written in Markdown, and README paragraphs that record one.

A Markdown assessment asks the screening questions as headings, table rows or list items and
answers each with Yes or No and a sentence; a ``Reviewed:`` line dates it and a line naming
the DPIA links it. A long document that reads as a full impact assessment but asks none of
the questions in those shapes is recorded as a ``document``; a README paragraph saying a
DPIA or privacy screening was done, with a reference or link, as a ``mention``.

Everything is read with RE2 patterns and string methods (no backtracking), outside fenced
code and HTML comments, so that a heading of thousands of spaces or ``<!--`` repeated
thousands of times costs time linear in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from tcop_lint.facts.markdown import Fences, atx_heading
from tcop_lint.facts.privacy_assessment import (
    QUESTIONS,
    URL,
    Answer,
    BrokenLink,
    Dated,
    DpiaLink,
    LinearPattern,
    PrivacyAssessment,
    Problem,
    Question,
    is_placeholder,
    resolve,
    unreadable,
)
from tcop_lint.facts.readme import find_readme
from tcop_lint.repository import Repository

Lines = list[tuple[int, str]]
"""Lines outside fenced code and HTML comments, with their 1-based numbers."""

MAX_CELLS = 16
"""Cells of a table row looked at for a question: a screening table has a handful of
columns, and a row of a million pipes is not one."""
MIN_DOCUMENT_WORDS = 100
"""A Markdown file that asks no screening question counts as a full assessment document
only when its name or a heading says so and it has at least this many words (an empty
template does not)."""


# -- lines, cells and inline markup --------------------------------------------------------


def markdown_lines(text: str) -> Lines:
    """Lines outside fenced code blocks and HTML comments, with their numbers."""
    kept: Lines = []
    fences = Fences()
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        if not in_comment and fences.code(line):
            continue
        visible, in_comment = _without_comments(line, in_comment)
        if visible is not None:
            kept.append((number, visible))
    return kept


def _without_comments(line: str, in_comment: bool) -> tuple[str | None, bool]:
    """``line`` without its HTML comments, and whether a comment is still open after it;
    ``None`` for a line wholly inside a comment."""
    position = 0
    if in_comment:
        close = line.find("-->")
        if close == -1:
            return None, True
        position = close + 3
    parts = []
    while True:
        start = line.find("<!--", position)
        if start == -1:
            parts.append(line[position:])
            return "".join(parts), False
        parts.append(line[position:start])
        close = line.find("-->", start + 4)
        if close == -1:
            return "".join(parts), True
        position = close + 3


_BREAK = LinearPattern(r"(?i)<br\s*/?>")
_TAG = LinearPattern(r"<[^>]+>")
_LINK_TEXT = LinearPattern(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = LinearPattern(r"\*\*|__|\*|`")


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _strip_underscores(text: str) -> str:
    """Underscores that are emphasis, not part of a word: each ``_`` that is not between two
    word characters is dropped (``snake_case`` keeps its own)."""
    if "_" not in text:
        return text
    pieces = text.split("_")
    kept, previous, index = [pieces[0]], pieces[0], 1
    while index < len(pieces):
        run = 1
        while index < len(pieces) - 1 and not pieces[index]:
            run, index = run + 1, index + 1
        following = pieces[index]
        before = bool(previous) and _is_word(previous[-1])
        after = bool(following) and _is_word(following[0])
        kept += ["_" * max(run - (not before) - (not after), 0), following]
        previous, index = following, index + 1
    return "".join(kept)


def clean(text: str) -> str:
    """Markdown inline markup removed: emphasis, code ticks, HTML tags, link targets.

    Each pattern runs only where its first character occurs: a call to RE2 costs a few
    microseconds, and a long document is cleaned line by line."""
    if "<" in text:
        text = _TAG.sub(" ", _BREAK.sub(" ", text))
    if "[" in text:
        text = _LINK_TEXT.sub(r"\1", text)
    if "*" in text or "`" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(_strip_underscores(text).split())


def _cells(line: str) -> list[str]:
    """The cells of a table row; ``\\|`` is a pipe inside a cell."""
    row = line.strip().removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells: list[str] = []
    pending: list[str] = []
    for piece in row.split("|", 4 * MAX_CELLS):
        pending.append(piece)
        if not piece.endswith("\\"):
            cells.append("|".join(pending).strip())
            pending = []
    if pending:
        cells.append("|".join(pending).strip())
    return cells


def _is_separator(line: str) -> bool:
    """A table's header separator row: ``| --- | :--: |``."""
    row = line.strip()
    row = row.removeprefix("|")
    row = row.removesuffix("|")
    for cell in row.split("|"):
        dashes = cell.strip().removeprefix(":").removesuffix(":")
        if len(dashes) < 2 or dashes.strip("-"):
            return False
    return True


# -- answers -------------------------------------------------------------------------------


class MarkdownAnswer(NamedTuple):
    line: int
    answer: bool | None
    explanation: str


_LIST_PREFIX = LinearPattern(
    r"(?i)^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ x]\]\s+)?"
    r"(?:q(?:uestion)?\s*\d+\s*[.:)-]?\s*)?"
)
_ITEM_MARKER = LinearPattern(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+")
_BOLD_LABEL = LinearPattern(r"^(?:\*\*(.+?)\*\*|__(.+?)__)\s*:?\s*(.*)$")
_CHECKED = LinearPattern(r"(?i)\[x\]\s*\**\s*(yes|no)\b")
_UNCHECKED = LinearPattern(r"(?i)\[ \]\s*\**\s*(yes|no)\b")
_ANY_QUESTION = LinearPattern(
    "(?i)"
    + "|".join(f"(?:{q.keywords.pattern.removeprefix('(?i)')})" for q in QUESTIONS)
)
"""Any question's words: one search before the eight, for the many lines that ask none."""
_NON_WORD = LinearPattern(r"^[^\pL\pN_]*")
_ANSWER_LABEL = LinearPattern(r"(?i)^answer\s*[:=-]\s*")
_ALTERNATIVE = LinearPattern(r"(?i)^\s*(?:/|or\b|\|)\s*(?:yes|no)\b")
_AFTER_ANSWER = LinearPattern(r"^[\s\p{Z}.,:;!)\]\-–—]*")
_EXPLANATION_LABEL = LinearPattern(
    r"(?i)^[^\pL\pN_]*(?:explanation|reason|because|why|details?|notes?)\s*[:=-]\s*"
)


def _after(pattern: LinearPattern, text: str) -> str:
    """``text`` after what ``pattern`` (anchored at the start) matches there."""
    match = pattern.match(text)
    return text[match.end() :] if match else text


def _boxes(pattern: LinearPattern, text: str) -> list[Any]:
    """Check boxes (``[x] Yes``) whose Yes or No ends a word (RE2's ``\\b`` is ASCII, so
    ``Yesé`` is checked here)."""
    if "[" not in text:
        return []
    return [
        m
        for m in pattern.finditer(text)
        if m.end() == len(text) or not _is_word(text[m.end()])
    ]


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of ``spans`` replaced by a space."""
    parts, position = [], 0
    for start, end in sorted(spans):
        parts += [text[position:start], " "]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _without_marker(line: str) -> str:
    """``line`` without its list marker or block quote (``- ``, ``1. ``, ``> ``)."""
    first = line.lstrip()[:1]
    return _after(_ITEM_MARKER, line) if first and first in "-*+>0123456789" else line


def _match_question(text: str, taken: set[int]) -> Question | None:
    """The first question not yet located whose words ``text`` holds."""
    if not text or not _ANY_QUESTION.search(text):
        return None
    return next(
        (q for q in QUESTIONS if q.number not in taken and q.keywords.search(text)),
        None,
    )


def _yes_no_at(text: str) -> tuple[bool, str] | None:
    """``(yes?, rest)`` when ``text`` starts (after punctuation) with a lone Yes or No."""
    text = _after(_NON_WORD, text)
    lowered = text[:3].lower()
    size = 3 if lowered == "yes" else 2 if lowered[:2] == "no" else 0
    if not size or (len(text) > size and _is_word(text[size])):
        return None
    if _ALTERNATIVE.match(text[size:]):
        return None  # "Yes / No", "yes or no": the template's prompt
    return size == 3, _after(_AFTER_ANSWER, text[size:])


def _leading_answer(raw: str) -> tuple[bool, str] | None:
    """The Yes or No that opens ``raw`` (after an optional ``Answer:`` label)."""
    text = _after(_NON_WORD, raw)
    label = _ANSWER_LABEL.match(text)
    found = _yes_no_at(text[label.end() :]) if label else None
    return found or _yes_no_at(text)


def _parse_answer(text: str) -> tuple[bool | None, str]:
    """The yes/no answer at the start of ``text`` (or a ticked box) and the rest as explanation."""
    text = "\n".join(_without_marker(part) for part in text.splitlines())
    raw = " ".join(clean(part) for part in text.splitlines())
    ticked = _boxes(_CHECKED, text)
    unticked = _boxes(_UNCHECKED, text)
    checked = [m.group(1).lower() for m in ticked]
    if checked or unticked:
        rest = clean(_without_spans(text, [m.span() for m in ticked + unticked]))
        rest = _after(_EXPLANATION_LABEL, rest)
        if len(set(checked)) != 1:
            return None, rest
        return checked[0] == "yes", rest
    found = _leading_answer(raw)
    if found is None:
        return None, raw
    answer, rest = found
    return answer, _after(_EXPLANATION_LABEL, rest.strip())


def _table_answer(
    cells: list[str], index: int, header: list[str]
) -> tuple[bool | None, str]:
    """The answer in a table row whose cell ``index`` asks the question: a Yes/No column
    pair, the first cell after it that opens with Yes or No, or the question cell itself."""
    lowered = [clean(h).lower() for h in header]
    if "yes" in lowered and "no" in lowered:
        columns = {label: lowered.index(label) for label in ("yes", "no")}
        marks = {
            label: clean(cells[column]) if column < len(cells) else ""
            for label, column in columns.items()
        }
        ticked = [label for label, mark in marks.items() if mark]
        skip = {index, *columns.values()}
        rest = " ".join(clean(c) for i, c in enumerate(cells) if i not in skip and c)
        if len(ticked) != 1:
            return None, rest
        return ticked[0] == "yes", rest
    others = [c for i, c in enumerate(cells) if i > index and c]
    for position, cell in enumerate(others):
        short = clean(cell).lower().strip(".")
        answer, rest = (
            (short == "y", "") if short in {"y", "n"} else _parse_answer(cell)
        )
        if answer is not None:
            remaining = [rest, *others[position + 1 :], *others[:position]]
            return answer, " ".join(clean(c) for c in remaining if c).strip()
    inline = cells[index].partition("?")[2]
    answer, rest = _parse_answer(inline) if inline.strip() else (None, "")
    if answer is not None:
        return answer, " ".join([rest, *(clean(c) for c in others)]).strip()
    return None, " ".join(clean(c) for c in others)


class _Locus(NamedTuple):
    """A heading or list item that asks a question (or a heading that ends the one before)."""

    position: int
    question: Question | None
    remainder: str
    heading: bool


def markdown_answers(lines: Lines) -> dict[int, MarkdownAnswer]:
    """Question number -> the answer found for it, from headings, table rows and list items."""
    answers: dict[int, MarkdownAnswer] = {}
    loci: list[_Locus] = []
    taken: set[int] = set()
    header: list[str] = []
    in_table = False
    for position, (number, line) in enumerate(lines):
        stripped = line.strip()
        following = lines[position + 1][1] if position + 1 < len(lines) else ""
        if "|" in stripped and "-" in stripped and _is_separator(stripped):
            in_table = True
            continue
        if "|" in stripped and (
            stripped.startswith("|")
            or in_table
            or ("|" in following and _is_separator(following))
        ):
            cells = _cells(stripped)
            if not in_table and _is_separator(following):
                header = cells
                continue
            _table_row(cells, header, number, answers, taken)
            continue
        in_table = False
        header = []
        locus = _locus(position, line, taken)
        if locus is not None:
            loci.append(locus)
            if locus.question:
                taken.add(locus.question.number)
    for order, locus in enumerate(loci):
        if locus.question is None:
            continue
        end = loci[order + 1].position if order + 1 < len(loci) else len(lines)
        body = [locus.remainder]
        for _, line in lines[locus.position + 1 : end]:
            if not locus.heading and line.strip().startswith("|"):
                break
            body.append(line)
        answer, rest = _parse_answer("\n".join(body))
        line_number = lines[locus.position][0]
        answers[locus.question.number] = MarkdownAnswer(line_number, answer, rest)
    return answers


def _table_row(
    cells: list[str],
    header: list[str],
    number: int,
    answers: dict[int, MarkdownAnswer],
    taken: set[int],
) -> None:
    """Record the answer of the first question a table row asks."""
    for index, cell in enumerate(cells[:MAX_CELLS]):
        question = _match_question(clean(cell), taken)
        if question:
            answer, rest = _table_answer(cells, index, header)
            answers[question.number] = MarkdownAnswer(number, answer, rest)
            taken.add(question.number)
            return


def _locus(position: int, line: str, taken: set[int]) -> _Locus | None:
    """The heading or list item on ``line`` as a place a question is asked, if it is one."""
    heading = atx_heading(line)
    if heading:
        body = clean(heading[1])
        question = _match_question(body.split("?", 1)[0], taken)
        remainder = body.split("?", 1)[1] if question and "?" in body else ""
        return _Locus(position, question, remainder, True)
    if "?" not in line and "**" not in line and "__" not in line:
        return None
    item = _after(_LIST_PREFIX, line).strip()
    bold = _BOLD_LABEL.match(item)
    if bold and "?" not in item:
        label, remainder = clean(bold.group(1) or bold.group(2)), bold.group(3)
    elif "?" in item:
        label, _, remainder = clean(item).partition("?")
    else:
        return None
    question = _match_question(label, taken)
    return _Locus(position, question, remainder, False) if question else None


# -- review date and DPIA link -------------------------------------------------------------

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
_REVIEW_LABEL = LinearPattern(
    r"(?i)\b(?:last[\s-]+)?review(?:ed)?(?:\s+(?:on|date))?\b|\bdate of (?:last\s+)?review\b"
    r"|\blast[\s-]+updated\b"
)
_ISO_DATE = LinearPattern(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_YEAR = LinearPattern(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b"
)
_MONTH_DAY_YEAR = LinearPattern(
    r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
)
_DPIA_LINE = LinearPattern(
    r"(?i)\bdpia\b|data protection impact assessment|\bfull (?:privacy )?(?:impact )?assessment"
)
_INLINE_LINK = LinearPattern(r'\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
_REFERENCE_LINK = LinearPattern(r"\[([^\]]+)\]\[([^\]]*)\]")
_LINK_DEFINITION = LinearPattern(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s.*)?$")


def _date(year: str, month: int | None, day: str) -> dt.date | None:
    if not month:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``: ISO, ``3 March 2026`` or ``March 3, 2026``."""
    for match in _ISO_DATE.finditer(text):
        found = _date(match.group(1), int(match.group(2)), match.group(3))
        if found:
            return found
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        found = _date(match.group(3), month, match.group(1))
        if found:
            return found
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        found = _date(match.group(3), month, match.group(2))
        if found:
            return found
    return None


def markdown_review(lines: Lines) -> Dated:
    """The first dated ``Reviewed``/``Last updated`` line."""
    for number, line in lines:
        lowered = line.lower()
        if "review" not in lowered and "updated" not in lowered:
            continue
        label = _REVIEW_LABEL.search(line)
        if label:
            date = parse_date(line[label.end() :]) or parse_date(line)
            if date:
                return Dated(date, number, str(date))
    return Dated(None, None, None)


def markdown_dpia(
    repo: Repository, path: str, lines: Lines
) -> tuple[DpiaLink | None, list[BrokenLink]]:
    """The first working link on a line naming the DPIA, and the relative links that lead
    nowhere."""
    definitions = {}
    for _, line in lines:
        match = _LINK_DEFINITION.match(line) if "]:" in line else None
        if match:
            definitions[match.group(1).lower()] = match.group(2)
    headings = " ".join(line for _, line in lines if atx_heading(line))
    broken: list[BrokenLink] = []
    for number, line in lines:
        lowered = line.lower()
        if "dpia" not in lowered and "assessment" not in lowered:
            continue
        if not _DPIA_LINE.search(line) or "]:" in line and _LINK_DEFINITION.match(line):
            continue
        for target in filter(None, _link_targets(line, definitions)):
            if URL.match(target):
                return DpiaLink(target, number), []
            if target.startswith("#"):
                if _DPIA_LINE.search(headings):
                    return DpiaLink(target, number), []
                continue
            if target.startswith("mailto:"):
                continue
            found = resolve(repo, path, target)
            if found:
                return DpiaLink(found, number), []
            broken.append(BrokenLink(target, number))
    return None, broken


def _link_targets(line: str, definitions: dict[str, str]) -> list[str]:
    targets = [m.group(1) for m in _INLINE_LINK.finditer(line)]
    targets += [
        definitions.get((m.group(2) or m.group(1)).lower(), "")
        for m in _REFERENCE_LINK.finditer(line)
    ]
    targets += [m.group(0).rstrip(".,;:)>]") for m in URL.finditer(line)]
    return targets


# -- reading one file ----------------------------------------------------------------------

_ASSESSMENT_TITLE = LinearPattern(
    r"(?i)\bd?pia\b|impact assessment|privacy assessment|privacy risk assessment"
)


def _reads_as_assessment(text: str, lines: Lines, named: bool) -> bool:
    """A full impact assessment: named as one (or a heading says so), with some substance."""
    titled = named or any(
        (heading := atx_heading(line)) and _ASSESSMENT_TITLE.search(heading[1])
        for _, line in lines
    )
    return bool(titled) and len(text.split()) >= MIN_DOCUMENT_WORDS


def read_markdown(
    repo: Repository, path: str, *, named: bool = False, declared: bool = False
) -> PrivacyAssessment:
    """A Markdown assessment; ``named``: its file name or folder says it is an impact
    assessment."""
    text = repo.read_text(path)
    if text is None:
        return unreadable(repo, path, "markdown", declared=declared)
    lines = markdown_lines(text)
    located = markdown_answers(lines)
    if not located:
        if _reads_as_assessment(text, lines, named):
            return PrivacyAssessment(
                path, "document", declared=declared, document_format="Markdown"
            )
        problem = Problem("no-answers")
        return PrivacyAssessment(
            path, "markdown", problems=(problem,), readable=False, declared=declared
        )
    answers = []
    for question in QUESTIONS:
        found_answer = located.get(question.number)
        if found_answer is None:
            answers.append(Answer(question, None, None, False, asked=False))
            continue
        explained = not is_placeholder(found_answer.explanation)
        answers.append(
            Answer(question, found_answer.answer, found_answer.line, explained)
        )
    dpia, broken = markdown_dpia(repo, path, lines)
    return PrivacyAssessment(
        path,
        "markdown",
        answers=tuple(answers),
        reviewed=markdown_review(lines),
        dpia=dpia,
        broken_links=tuple(broken),
        declared=declared,
    )


# -- a README that records an assessment ---------------------------------------------------

_ASSESSMENT_TERMS = LinearPattern(
    r"(?i)\bd?pias?\b|\b(?:data protection|privacy) impact assessments?\b"
    r"|\bprivacy (?:screening|risk assessment|assessment)s?\b|\bscreening questions\b"
)
_DONE = LinearPattern(
    r"(?i)\b(?:in place|complete[d]?|carried out|undertaken|conducted|done|performed"
    r"|approved|signed[- ]off|concluded|agreed|published|(?:has|have) been (?:written|"
    r"produced|prepared|reviewed)|was (?:written|produced|prepared|reviewed))\b"
)
_NOT_DONE = LinearPattern(
    r"(?i)\bnot (?:yet )?(?:been )?(?:done|complete[d]?|carried out|undertaken|conducted|"
    r"started|written)\b|\b(?:has|have) not\b|\bnot yet\b|\bto ?do\b|\btb[cd]\b"
    r"|\bto be (?:done|completed|carried out|written|undertaken)\b"
)
_REFERENCE = LinearPattern(
    r"(?i)\bref(?:erence)?\b\.?\s*(?:no\.?|number|id)?\s*[:#]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9/._-]*[0-9][A-Za-z0-9/._-]*)"
)
MAX_REFERENCE = 100


class _Paragraph(NamedTuple):
    heading: str
    line: int
    text: str


def _paragraphs(lines: Lines) -> Iterator[_Paragraph]:
    """Runs of non-blank lines, each with the title of the section it is in."""
    heading, start, held = "", 0, []
    for number, line in [*lines, (0, "")]:
        title = atx_heading(line)
        if title is None and line.strip():
            start = start or number
            held.append(line.strip())
            continue
        if held:
            yield _Paragraph(heading, start, " ".join(held))
        start, held = 0, []
        if title is not None:
            heading = title[1]


def _reference(text: str) -> str:
    """A link or a reference (``ref DPIA-2024-017``) in ``text``, short and on one line."""
    links = [
        m.group(1)
        for m in _INLINE_LINK.finditer(text)
        if not m.group(1).startswith(("#", "mailto:"))
    ]
    links += [m.group(0).rstrip(".,;:)>]") for m in URL.finditer(text)]
    reference = _REFERENCE.search(text)
    found = links[0] if links else reference.group(1) if reference else ""
    found = " ".join(found.split())
    return found if len(found) <= MAX_REFERENCE else found[: MAX_REFERENCE - 1] + "…"


def readme_mention(repo: Repository) -> PrivacyAssessment | None:
    """The first README paragraph saying a DPIA or privacy screening was done, with a
    reference or link."""
    readme = find_readme(repo)
    text = repo.read_text(readme) if readme else None
    if not readme or not text:
        return None
    for paragraph in _paragraphs(markdown_lines(text)):
        about = _ASSESSMENT_TERMS.search(paragraph.text) or _ASSESSMENT_TERMS.search(
            paragraph.heading
        )
        if not about or not _DONE.search(paragraph.text):
            continue
        if _NOT_DONE.search(paragraph.text):
            continue
        reference = _reference(paragraph.text)
        if reference:
            return PrivacyAssessment(
                readme, "mention", line=paragraph.line, reference=reference
            )
    return None
