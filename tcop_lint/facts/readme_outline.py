"""A README's outline: its headings, the words and code under each, and which of purpose,
installation and usage it covers.

Markdown, reStructuredText, AsciiDoc, Org and plain text are read by the file's extension
(a README with no extension is plain text, which is often Markdown anyway). Setext and
underlined headings, bold lines, HTML headings and, in plain text, CAPITALISED or
``Label:`` lines all count as headings.

Every line is recognised with string methods, and the patterns applied to prose are RE2
(:mod:`tcop_lint.regex`), except the word counter, whose shape cannot backtrack: a
heading of thousands of spaces or a line of ``<!--`` repeated costs time linear in its
length. Only the first :data:`MAX_DOCUMENT_CHARS` are
read, far more than any README needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from tcop_lint.facts.markdown import atx_heading, fence_marker
from tcop_lint.facts.readme import find_readme
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository

MAX_DOCUMENT_CHARS = 250_000
_LONG_LINE = 1000
"""No heading is longer: a longer line is prose, its words counted and nothing else."""
_MAX_TITLE = 200

_IMAGE = linear_re(r"!\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\])")
_LINK = linear_re(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_TAG = linear_re(r"<[^<>]*>")
_URL = linear_re(r"https?://\S+")
_RST_SUBSTITUTION = linear_re(r"\|[^|\s][^|]{0,100}\|_?")
_RST_DIRECTIVE = linear_re(r"^\s*\.\.\s+(?:\|[^|]{1,100}\|\s+)?([\pL\pN_-]+)::")
_HTML_HEADING = linear_re(r"(?i)<h([1-6])\b[^<>]{0,200}>")
_NUMBERING = linear_re(r"(?i)^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+")
# A word: a letter, then letters, digits, apostrophes and hyphens. Counted with Python's re,
# which matches this shape (one character class, then a trailing greedy class) without ever
# backtracking, so in linear time; RE2's wrapper costs about 4 microseconds a match, 25
# times as much, which on a long README is a tenth of a second.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_EMPHASIS = str.maketrans("", "", "*_`")
_UNDERLINE_CHARS = "=-~^\"'`#*+:._"
_LABEL_CHARS = frozenset(" /&'-")
_CODE_DIRECTIVES = ("code", "code-block", "sourcecode", "prompt")


@dataclass
class Section:
    title: str
    line: int
    level: int
    words: int = 0
    has_code: bool = False


@dataclass
class Outline:
    sections: list[Section] = field(default_factory=list)
    words: int = 0
    opening_words: int = 0
    """Prose words before the first heading that is not the document's title."""
    text: str = ""
    """All prose and code, for phrase searches."""


class Readme(NamedTuple):
    """The README a reader sees first; ``outline`` is ``None`` when it cannot be read."""

    path: str
    text: str | None
    outline: Outline | None


def read_readme(repo: Repository) -> Readme | None:
    """The README (see :func:`tcop_lint.facts.readme.find_readme`) and its outline, read once
    per run; ``None`` when there is no README."""
    return repo.memo("readme_outline.read_readme", lambda: _read_readme(repo))


def _read_readme(repo: Repository) -> Readme | None:
    path = find_readme(repo)
    if path is None:
        return None
    text = repo.read_text(path)
    return Readme(path, text, None if text is None else read_outline(text, path))


def words(text: str) -> int:
    return len(_WORD.findall(text)) if text else 0


def _without_markup(line: str) -> str:
    """The line without images, link targets and tags."""
    if "![" in line:
        line = _IMAGE.sub(" ", line)
    if "[" in line:
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _TAG.sub(" ", line)
    return line


def _prose(line: str) -> str:
    """The line's text: no images, link targets, tags, URLs or RST substitutions."""
    line = _without_markup(line)
    if "http" in line:
        line = _URL.sub(" ", line)
    if "|" in line:
        line = _RST_SUBSTITUTION.sub(" ", line)
    return line


def _trim(text: str) -> str:
    """``text`` without the punctuation, symbols and spaces at either end."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def clean_title(title: str) -> str:
    """A heading's words: no markup, numbering (``1.2``, ``iv.``) or end punctuation."""
    title = _without_markup(title[:_MAX_TITLE]).translate(_EMPHASIS)
    if title.lstrip()[:1].isdigit() or title.lstrip()[:1].lower() in ("i", "v", "x"):
        title = _NUMBERING.sub("", title)
    return _trim(title.strip())


# -- recognising lines --------------------------------------------------------------------


def _leading_space(line: str) -> int:
    return len(line) - len(line.lstrip())


def _setext_underline(line: str) -> bool:
    """``===`` or ``---`` (any length, up to three spaces in): a Markdown setext underline."""
    stripped = line.strip()
    return (
        bool(stripped)
        and _leading_space(line) <= 3
        and stripped.count(stripped[0]) == len(stripped)
        and stripped[0] in "=-"
    )


def _rst_underline(line: str) -> bool:
    """Three or more of one punctuation character from the first column: an RST adornment."""
    stripped = line.rstrip()
    return (
        len(stripped) >= 3
        and stripped[0] in _UNDERLINE_CHARS
        and stripped.count(stripped[0]) == len(stripped)
    )


def _marked_heading(line: str, mark: str) -> tuple[int, str] | None:
    """``(level, title)`` of an AsciiDoc ``== Title`` (``mark`` ``=``) or Org ``** Title``
    (``mark`` ``*``) heading line."""
    rest = line.lstrip(mark)
    level = len(line) - len(rest)
    if not 1 <= level <= 6 or rest[:1] not in (" ", "\t"):
        return None
    title = rest.lstrip(" \t")
    if not title or title[0].isspace():
        return None
    return level, title


def _reference_definition(line: str) -> bool:
    """A Markdown link reference definition: ``[label]: https://...``."""
    stripped = line.lstrip()
    close = stripped.find("]")
    if not stripped.startswith("[") or not 2 <= close <= 301:
        return False
    if "[" in stripped[1:close] or stripped[close + 1 : close + 2] != ":":
        return False
    return bool(stripped[close + 2 :].strip())


def _bold_title(line: str) -> str | None:
    """The text of a line that is only bold text (``**Running**``, ``__Set up__:``)."""
    stripped = line.strip()
    if stripped.endswith(":"):
        stripped = stripped[:-1].rstrip()
    if len(stripped) < 5 or stripped[:2] not in ("**", "__"):
        return None
    if stripped[-2:] not in ("**", "__"):
        return None
    inner = stripped[2:-2]
    if not 1 <= len(inner) <= 100 or "*" in inner or "_" in inner:
        return None
    return inner


def _plain_text_title(stripped: str) -> str | None:
    """A plain-text heading: ``INSTALLATION`` or ``Getting started:`` alone on its line."""
    if not stripped or not ("A" <= stripped[0] <= "Z"):
        return None
    if 3 <= len(stripped) <= 41 and all(
        "A" <= c <= "Z" or "0" <= c <= "9" or c in _LABEL_CHARS for c in stripped[1:]
    ):
        return stripped
    label = stripped[:-1]
    if (
        stripped.endswith(":")
        and 2 <= len(label) <= 41
        and all(c.isalnum() or c == "_" or c in _LABEL_CHARS for c in label[1:])
    ):
        return label
    return None


def _html_heading(line: str) -> tuple[int, str] | None:
    """``(level, inner text)`` of an ``<h2>...</h2>`` heading on one line."""
    lowered = line.lower()
    if "</h" not in lowered:
        return None
    opening = _HTML_HEADING.search(line)
    if opening is None:
        return None
    level = opening.group(1)
    end = lowered.find(f"</h{level}>", opening.end())
    return (int(level), line[opening.end() : end]) if end >= 0 else None


# -- reading ------------------------------------------------------------------------------


def _without_front_matter(lines: list[str]) -> list[str]:
    """YAML front matter is metadata, not prose: blanked, so line numbers stay."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 60)):
            if lines[end].strip() in ("---", "..."):
                return [""] * (end + 1) + lines[end + 1 :]
    return lines


class _Reader:
    """One pass over a document's lines; each ``_<format>`` method takes a line that is not
    inside code and answers whether it consumed it."""

    def __init__(self, lines: list[str], kind: str) -> None:
        self.lines = lines
        self.kind = kind
        self.outline = Outline()
        self.current = Section("", 0, 0)
        self.prose: list[str] = []
        self.fence: str | None = None
        self.literal_indent = False
        self.title_seen = False
        self.opening_open = True
        self.index = 0

    def following(self, offset: int = 0) -> str:
        at = self.index + offset
        return self.lines[at] if at < len(self.lines) else ""

    def heading(self, title: str, number: int, level: int) -> None:
        title = clean_title(title)
        if not title:
            return
        outline = self.outline
        if not outline.sections and not self.title_seen and outline.opening_words < 5:
            self.title_seen = (
                True  # the document's title: the opening paragraph follows it
            )
        else:
            self.opening_open = False
        self.current = Section(title, number, level)
        outline.sections.append(self.current)

    def code(self) -> None:
        """Mark the current section, and the sections it sits inside, as showing code."""
        self.current.has_code = True
        level = self.current.level
        for section in reversed(self.outline.sections):
            if section.level < level:
                section.has_code = True
                level = section.level

    def add_prose(self, line: str) -> None:
        count = words(line)
        self.outline.words += count
        self.current.words += count
        if self.opening_open:
            self.outline.opening_words += count
        self.prose.append(line)

    def read(self) -> Outline:
        formats = {
            "rst": self._rst,
            "adoc": self._asciidoc,
            "asciidoc": self._asciidoc,
            "org": self._org,
        }
        read_line = formats.get(self.kind, self._markdown)
        while self.index < len(self.lines):
            raw = self.lines[self.index]
            self.index += 1
            if not (
                self._code_line(raw)
                or read_line(raw, self.index)
                or self._bold_line(raw, self.index)
            ):
                self.add_prose(_prose(raw))
        self.outline.text = "\n".join(self.prose)
        return self.outline

    def _code_line(self, raw: str) -> bool:
        """Whether ``raw`` is inside, opens or closes code, or is too long to be anything
        but prose (then its words are counted)."""
        stripped = raw.strip()
        if self.fence is not None:  # inside a fenced or delimited code block
            if stripped.startswith(self.fence):
                self.fence = None
            else:
                self.prose.append(raw)
            return True
        if len(raw) > _LONG_LINE:
            self.add_prose(raw)
            return True
        if self.kind in ("adoc", "asciidoc") and stripped in ("----", "....", "```"):
            self.fence = stripped
            self.code()
            return True
        marker = fence_marker(raw) if self.kind != "rst" else None
        if marker:
            self.fence = marker[0] * 3
            self.code()
            return True
        return False

    def _bold_line(self, raw: str, number: int) -> bool:
        title = _bold_title(raw)
        if title is None and self.kind == "txt":
            title = _plain_text_title(raw.strip())
        if title is not None and words(title) <= 6:
            self.heading(title, number, 6)
            return True
        return False

    def _markdown(self, raw: str, number: int) -> bool:
        """Markdown and plain text (many plain READMEs are Markdown anyway)."""
        atx = atx_heading(raw)
        if atx:
            self.heading(atx[1], number, atx[0])
            return True
        stripped = raw.strip()
        following = self.following()
        if (
            stripped
            and _setext_underline(following)
            and not _setext_underline(raw)
            and not stripped.startswith(("-", "*", "|", ">"))
        ):
            self.heading(stripped, number, 1 if following.strip()[0] == "=" else 2)
            self.index += 1
            return True
        html = _html_heading(raw)
        if html:
            self.heading(html[1], number, html[0])
            return True
        return _reference_definition(raw)

    def _rst(self, raw: str, number: int) -> bool:
        stripped = raw.strip()
        if self.literal_indent:
            if not stripped or raw[:1].isspace():
                self.prose.append(raw)
                return True
            self.literal_indent = False
        if stripped.startswith(".."):
            # a directive, comment or target: its indented body is skipped
            directive = _RST_DIRECTIVE.match(raw)
            self.literal_indent = True
            if directive and directive.group(1).lower() in _CODE_DIRECTIVES:
                self.code()
            return True
        if stripped.endswith("::"):
            self.add_prose(stripped[:-2])
            self.literal_indent = True
            self.code()
            return True
        following = self.following()
        if (
            _rst_underline(raw)
            and following.strip()
            and not raw[:1].isspace()
            and _rst_underline(self.following(1))
        ):  # an overline: title on the next line, underline after it
            self.heading(following, number + 1, 1)
            self.index += 2
            return True
        if (
            stripped
            and not raw[:1].isspace()
            and _rst_underline(following)
            and len(following.strip()) >= min(len(stripped), 3)
        ):
            self.heading(stripped, number, 2)
            self.index += 1
            return True
        return False

    def _asciidoc(self, raw: str, number: int) -> bool:
        heading = _marked_heading(raw, "=")
        if heading:
            self.heading(heading[1], number, heading[0])
            return True
        stripped = raw.strip()
        if stripped.startswith(("[source", "[listing")):
            self.code()
            return True
        return stripped.startswith(("image::", ":", "//"))

    def _org(self, raw: str, number: int) -> bool:
        heading = _marked_heading(raw, "*")
        if heading:
            self.heading(heading[1], number, heading[0])
            return True
        stripped = raw.strip()
        if stripped.upper().startswith("#+BEGIN_SRC") or stripped.startswith(": "):
            self.code()
            return True
        return stripped.startswith("#+")


def read_outline(text: str, path: str) -> Outline:
    """Headings, their sections' word counts and code, across Markdown, RST, AsciiDoc, Org
    and plain text (by ``path``'s extension)."""
    name = path.rpartition("/")[2]
    kind = name.rpartition(".")[2].lower() if "." in name else "txt"
    lines = _without_front_matter(text[:MAX_DOCUMENT_CHARS].splitlines())
    return _Reader(lines, kind).read()


# -- what the README covers ---------------------------------------------------------------

_PURPOSE_HEADING = linear_re(
    r"(?i)\b(?:about|overview|purpose|introduction|intro|description|background|summary|"
    r"what\b.*\b(?:is|does|are|for)|why|context|motivation|the service|the project|"
    r"in a nutshell|at a glance)\b"
)
_INSTALL_HEADING = linear_re(
    r"(?i)\b(?:install|installation|installing|set ?-?up|setting up|getting started|"
    r"get started|quick ?-?start|prerequisites?|pre-requisites?|requirements|dependencies|"
    r"locally|local (?:development|setup|dev)|environment variables|env vars|"
    r"build|building|deploy|deployment|deploying|development|developing|developer|"
    r"contributing code|how to install|docker|compile|compiling|technical documentation)\b"
)
_USE_HEADING = linear_re(
    r"(?i)\b(?:usage|use|using|uses|how to use|running|run|examples?|api|endpoints?|"
    r"configuration|configuring|config|commands?|cli|documentation|docs|user guide|"
    r"tutorial|guide|features)\b"
)
_BOTH_WITH_CODE = linear_re(r"(?i)\b(?:getting started|get started|quick ?-?start)\b")
_INSTALL_TEXT = linear_re(
    r"(?i)\b(?:to install|to set ?up|installation|to get started|getting started|"
    r"(?:pip3?|pipx|npm|yarn|pnpm|gem|brew|apt(?:-get)?|go|cargo|dotnet|helm|composer|"
    r"bundle|poetry|uv)\s+(?:-\S+\s+)*(?:install|ci|add|get|sync|i)\b|"
    r"git clone|docker(?:-compose| compose)? (?:build|run|up|pull)|make install|"
    r"mvn (?:-\S+ )*(?:install|package)|gradlew? build)"
)
_USE_TEXT = linear_re(
    r"(?i)\b(?:usage:|to use|to run|you can (?:use|run|call)|how to use|for example|"
    r"run the (?:following|command|app|application|service|server)|"
    r"npm (?:run )?start|yarn start|python3? -m \w|flask run|rails s(?:erver)?|"
    r"go run|cargo run|dotnet run|mvn spring-boot:run|gradlew? bootRun|java -jar|"
    r"docker(?:-compose| compose)? (?:run|up))"
)
# Usage documented elsewhere: a link to a documentation site (docs.ckan.org, Read the Docs,
# GitBook, a /docs path) or a link introduced as the documentation.
_DOCS_LINK = linear_re(
    r"(?i)https?://(?:docs?\.[\w.-]+|[\w.-]+\.(?:readthedocs\.io|gitbook\.io)|"
    r"[\w.-]+(?:/[\w.~-]+)*/docs?(?:/|\b))|"
    r"\bdocumentation\b[^\n]{0,80}https?://"
)
# Set-up documented elsewhere: a link whose text names it ("[Development with Dev
# Container](...)", "[Devops tools setup](...)").
_LINK_TEXT = linear_re(r"\[([^\]\n]{1,200})\]\(")
_SET_UP_LINK = linear_re(
    r"(?i)\b(?:install|installation|installing|set ?-?up|setting up|getting started|"
    r"get started|quick ?-?start|prerequisites?|locally|local development|development|"
    r"dev container|onboarding)\b"
)
_CONTRIBUTING_HEADING = linear_re(r"(?i)\bcontribut(?:ing|e|ions?|ors?)\b")

PARTS = ("purpose", "installation", "usage")


def readme_parts(outline: Outline, raw: str) -> dict[str, bool]:
    """Which of purpose, installation and usage the README covers; ``raw`` is its source,
    whose link targets the prose text leaves out."""
    parts = dict.fromkeys(PARTS, False)
    if outline.opening_words >= 5 or _titled_after_badges(outline):
        parts["purpose"] = True
    for section in outline.sections:
        title = section.title
        if _PURPOSE_HEADING.search(title) and (
            section is not outline.sections[0] or section.words >= 5
        ):
            parts["purpose"] = True
        if _INSTALL_HEADING.search(title):
            parts["installation"] = True
        if _USE_HEADING.search(title) or (
            _BOTH_WITH_CODE.search(title) and section.has_code
        ):
            parts["usage"] = True
    if _INSTALL_TEXT.search(outline.text) or _links_to_set_up(raw[:MAX_DOCUMENT_CHARS]):
        parts["installation"] = True
    if _USE_TEXT.search(outline.text) or _DOCS_LINK.search(raw[:MAX_DOCUMENT_CHARS]):
        parts["usage"] = True
    return parts


def _titled_after_badges(outline: Outline) -> bool:
    """The title (the first ``#`` heading) comes after headings of badges alone
    ("#### Workflows" and its status badges) and a paragraph follows it."""
    for section in outline.sections:
        if section.level == 1:
            return section.words >= 5
        if section.words:
            return False
    return False


def _links_to_set_up(raw: str) -> bool:
    return any(
        _SET_UP_LINK.search(match.group(1)) for match in _LINK_TEXT.finditer(raw)
    )


def contributing_section(outline: Outline) -> Section | None:
    """The first section whose heading is about contributing ("How to contribute")."""
    return next(
        (s for s in outline.sections if _CONTRIBUTING_HEADING.search(s.title)), None
    )
