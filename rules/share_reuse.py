"""Point 8, share, reuse and collaborate: README, CONTRIBUTING, CODEOWNERS, publiccode.yml."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from tcop_lint.data import read_text as read_data_file
from tcop_lint.facts.readme import (
    DOC_FOLDERS,
    documents,
    find_readme,
)
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Option, Options, rule

# -- reading a README -------------------------------------------------------------------------


@dataclass
class _Section:
    title: str
    line: int
    level: int
    words: int = 0
    has_code: bool = False


@dataclass
class _Document:
    sections: list[_Section] = field(default_factory=list)
    words: int = 0
    opening_words: int = 0
    """Prose words before the first heading that is not the document's title."""
    text: str = ""
    """All prose and code, for phrase searches."""


_LONG_LINE = 1000
_FENCE = lazy_re(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = lazy_re(r"^\s{0,3}(#{1,6})[ \t]+(.*)$")
_ASCIIDOC = lazy_re(r"^(={1,6})[ \t]+(\S.*)$")
_ORG = lazy_re(r"^(\*{1,6})[ \t]+(\S.*)$")
_HTML_HEADING = lazy_re(r"<h([1-6])\b[^<>]{0,200}>", re.IGNORECASE)
_UNDERLINE = lazy_re(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")
_SETEXT = lazy_re(r"^\s{0,3}(=+|-+)\s*$")
_BOLD_LINE = lazy_re(r"^\s*(?:\*\*|__)([^*_]{1,100})(?:\*\*|__)\s*:?\s*$")
_LABEL_LINE = lazy_re(r"^([A-Z][\w /&'-]{1,40}):\s*$")
_CAPS_LINE = lazy_re(r"^([A-Z][A-Z0-9 /&'-]{2,40})$")
_IMAGE = lazy_re(r"!\[[^\[\]]{0,300}\](?:\([^()]{0,500}\)|\[[^\[\]]{0,300}\])")
_LINK = lazy_re(r"\[([^\[\]]{0,300})\](?:\([^()]{0,500}\)|\[[^\[\]]{0,300}\])")
_REFERENCE = lazy_re(r"^\s*\[[^\[\]]{1,300}\]:\s*\S")
_TAG = lazy_re(r"<[^<>]{0,300}>")
_URL = lazy_re(r"https?://\S+")
_RST_DIRECTIVE = lazy_re(r"^\s*\.\.\s+(?:\|[^|]{1,100}\|\s+)?([\w-]+)::")
_RST_SUBSTITUTION = lazy_re(r"\|[^|\s][^|]{0,100}\|_?")
_WORD = lazy_re(r"[^\W\d_][\w'’-]*")
_PUNCTUATION_TITLE = lazy_re(r"^[\W_]+|[\W_]+$")


_MAX_DOCUMENT_CHARS = 250_000


def _prose(line: str) -> str:
    line = _IMAGE.sub(" ", line)
    line = _LINK.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    line = _URL.sub(" ", line)
    return _RST_SUBSTITUTION.sub(" ", line)


def _clean_title(title: str) -> str:
    title = _TAG.sub(" ", _LINK.sub(r"\1", _IMAGE.sub(" ", title)))
    title = re.sub(r"[*_`]", "", title)
    title = re.sub(
        r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+", "", title, flags=re.IGNORECASE
    )
    return _PUNCTUATION_TITLE.sub("", title.strip()).strip()


def _read_document(text: str, path: str) -> _Document:
    """Headings, their sections' word counts and code, across Markdown, RST, AsciiDoc, text.

    Only the first _MAX_DOCUMENT_CHARS are read: far more than any README needs, and the
    time stays bounded when a file near the read cap is all headings.
    """
    kind = path.rpartition(".")[2].lower() if "." in path.rpartition("/")[2] else "txt"
    lines = text[:_MAX_DOCUMENT_CHARS].splitlines()
    # YAML front matter is metadata, not prose
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 60)):
            if lines[end].strip() in ("---", "..."):
                lines = [""] * (end + 1) + lines[end + 1 :]
                break
    doc = _Document()
    current = _Section("", 0, 0)
    sections: list[_Section] = []
    prose: list[str] = []
    fence: str | None = None
    literal_indent = False
    title_seen = False
    opening_open = True

    def heading(title: str, number: int, level: int) -> None:
        nonlocal current, title_seen, opening_open
        title = _clean_title(title[:200])
        if not title:
            return
        if not sections and not title_seen and doc.opening_words < 5:
            title_seen = True  # the document's title: the opening paragraph follows it
        else:
            opening_open = False
        current = _Section(title, number, level)
        sections.append(current)

    def code() -> None:
        """Mark the current section, and the sections it sits inside, as showing code."""
        current.has_code = True
        level = current.level
        for section in reversed(sections):
            if section.level < level:
                section.has_code = True
                level = section.level

    def add_prose(line: str) -> None:
        count = len(_WORD.findall(line))
        doc.words += count
        current.words += count
        if opening_open:
            doc.opening_words += count
        prose.append(line)

    index = 0
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        index += 1
        stripped = raw.strip()
        if fence is not None:  # inside a fenced or delimited code block
            if stripped.startswith(fence):
                fence = None
            else:
                prose.append(raw)
            continue
        if (
            len(raw) > _LONG_LINE
        ):  # no heading is this long; count its words and move on
            add_prose(raw)
            continue
        if kind in ("adoc", "asciidoc") and stripped in ("----", "....", "```"):
            fence = stripped
            code()
            continue
        match = _FENCE.match(raw)
        if match and kind not in ("rst",):
            fence = match.group(1)[0] * 3
            code()
            continue
        if kind == "rst":
            if literal_indent:
                if not stripped or raw[:1].isspace():
                    prose.append(raw)
                    continue
                literal_indent = False
            directive = _RST_DIRECTIVE.match(raw)
            if directive:
                name = directive.group(1).lower()
                literal_indent = True
                if name in ("code", "code-block", "sourcecode", "prompt"):
                    code()
                continue
            if stripped.startswith(".."):
                literal_indent = (
                    True  # a comment or target: its indented body is skipped
                )
                continue
            if stripped.endswith("::"):
                add_prose(stripped[:-2])
                literal_indent = True
                code()
                continue
            if _UNDERLINE.match(raw) and following.strip() and not raw[:1].isspace():
                # an overline: title on the next line, underline after it
                after = lines[index + 1] if index + 1 < len(lines) else ""
                if _UNDERLINE.match(after):
                    heading(following, number + 1, 1)
                    index += 2
                    continue
            if (
                stripped
                and not raw[:1].isspace()
                and _UNDERLINE.match(following)
                and len(following.strip()) >= min(len(stripped), 3)
            ):
                heading(stripped, number, 2)
                index += 1
                continue
        elif kind in ("adoc", "asciidoc"):
            match = _ASCIIDOC.match(raw)
            if match:
                heading(match.group(2), number, len(match.group(1)))
                continue
            if stripped.startswith(("[source", "[listing")):
                code()
                continue
            if stripped.startswith(("image::", ":", "//")):
                continue
        elif kind == "org":
            match = _ORG.match(raw)
            if match:
                heading(match.group(2), number, len(match.group(1)))
                continue
            if stripped.upper().startswith("#+BEGIN_SRC") or stripped.startswith(": "):
                code()
                continue
            if stripped.startswith("#+"):
                continue
        else:  # Markdown and plain text (many plain READMEs are Markdown anyway)
            match = _ATX.match(raw)
            if match:
                heading(match.group(2).rstrip(" \t#"), number, len(match.group(1)))
                continue
            if (
                stripped
                and _SETEXT.match(following)
                and not _SETEXT.match(raw)
                and not stripped.startswith(("-", "*", "|", ">"))
            ):
                heading(stripped, number, 1 if following.strip()[0] == "=" else 2)
                index += 1
                continue
            html = _HTML_HEADING.search(raw) if "</h" in raw.lower() else None
            end = raw.lower().find(f"</h{html.group(1)}>", html.end()) if html else -1
            if html and end >= 0:
                heading(raw[html.end() : end], number, int(html.group(1)))
                continue
            if _REFERENCE.match(raw):
                continue
        bold = _BOLD_LINE.match(raw)
        if bold is None and kind == "txt":
            bold = _CAPS_LINE.match(stripped) or _LABEL_LINE.match(stripped)
        if bold and len(_WORD.findall(bold.group(1))) <= 6:
            heading(bold.group(1), number, 6)
            continue
        add_prose(_prose(raw))
    doc.sections = sections
    doc.text = "\n".join(prose)
    return doc


_PURPOSE_HEADING = lazy_re(
    r"\b(?:about|overview|purpose|introduction|intro|description|background|summary|"
    r"what\b.*\b(?:is|does|are|for)|why|context|motivation|the service|the project|"
    r"in a nutshell|at a glance)\b",
    re.IGNORECASE,
)
_INSTALL_HEADING = lazy_re(
    r"\b(?:install|installation|installing|set ?-?up|setting up|getting started|get started|"
    r"quick ?-?start|prerequisites?|pre-requisites?|requirements|dependencies|"
    r"running (?:it |the \w+ )?locally|run (?:it )?locally|local (?:development|setup|dev)|"
    r"build|building|deploy|deployment|deploying|development|developing|developer|"
    r"contributing code|how to install|docker|compile|compiling|technical documentation)\b",
    re.IGNORECASE,
)
_USE_HEADING = lazy_re(
    r"\b(?:usage|use|using|uses|how to use|running|run|examples?|api|endpoints?|"
    r"configuration|configuring|config|commands?|cli|documentation|docs|user guide|"
    r"tutorial|guide|features)\b",
    re.IGNORECASE,
)
_BOTH_WITH_CODE = lazy_re(
    r"\b(?:getting started|get started|quick ?-?start)\b", re.IGNORECASE
)
_INSTALL_TEXT = lazy_re(
    r"\b(?:to install|to set ?up|installation|to get started|getting started|"
    r"(?:pip3?|pipx|npm|yarn|pnpm|gem|brew|apt(?:-get)?|go|cargo|dotnet|helm|composer|"
    r"bundle|poetry|uv)\s+(?:-\S+\s+)*(?:install|ci|add|get|sync|i)\b|"
    r"git clone|docker(?:-compose| compose)? (?:build|run|up|pull)|make install|"
    r"mvn (?:-\S+ )*(?:install|package)|gradlew? build)",
    re.IGNORECASE,
)
_USE_TEXT = lazy_re(
    r"\b(?:usage:|to use|to run|you can (?:use|run|call)|how to use|for example|"
    r"run the (?:following|command|app|application|service|server)|"
    r"npm (?:run )?start|yarn start|python3? -m \w|flask run|rails s(?:erver)?|"
    r"go run|cargo run|dotnet run|mvn spring-boot:run|gradlew? bootRun|java -jar|"
    r"docker(?:-compose| compose)? (?:run|up))",
    re.IGNORECASE,
)

# Usage documented elsewhere: a link to a documentation site (docs.ckan.org, Read the Docs,
# GitBook, a /docs path) or a link introduced as the documentation.
_DOCS_LINK = lazy_re(
    r"https?://(?:docs?\.[\w.-]+|[\w.-]+\.(?:readthedocs\.io|gitbook\.io)|"
    r"[\w.-]+(?:/[\w.~-]+)*/docs?(?:/|\b))|"
    r"\bdocumentation\b[^\n]{0,80}https?://",
    re.IGNORECASE,
)

_PARTS = {
    "purpose": (
        "README does not say what the project is for: add an opening paragraph under the "
        'title, or a section headed "About" or "Overview", that explains its purpose'
    ),
    "installation": (
        "README does not explain installation or set-up: add a section headed "
        '"Installation", "Getting started" or "Prerequisites" with the steps to set it up'
    ),
    "usage": (
        "README does not explain how to use the project: add a section headed "
        '"Usage", "Running" or "Examples" showing how to run or call it, or link to the '
        "documentation that does"
    ),
}


def _readme_parts(doc: _Document, raw: str) -> dict[str, bool]:
    """Which of purpose, installation and usage ``doc`` covers; ``raw`` is its source,
    whose link targets the prose text leaves out."""
    parts = {"purpose": False, "installation": False, "usage": False}
    if doc.opening_words >= 5:
        parts["purpose"] = True
    for section in doc.sections:
        title = section.title
        if _PURPOSE_HEADING.search(title) and section is not doc.sections[0]:
            parts["purpose"] = True
        if _PURPOSE_HEADING.search(title) and section.words >= 5:
            parts["purpose"] = True
        if _INSTALL_HEADING.search(title):
            parts["installation"] = True
        if _USE_HEADING.search(title) or (
            _BOTH_WITH_CODE.search(title) and section.has_code
        ):
            parts["usage"] = True
    if _INSTALL_TEXT.search(doc.text):
        parts["installation"] = True
    if _USE_TEXT.search(doc.text) or _DOCS_LINK.search(raw, 0, _MAX_DOCUMENT_CHARS):
        parts["usage"] = True
    return parts


@rule(
    code="TC0801",
    name="readme",
    topic="share-reuse",
    level="warning",
    summary="A README explains the project's purpose, how to set it up and how to use it.",
    rationale="""
Point 8 of the Code (share, reuse and collaborate) asks teams to build technology that others
can find, understand and reuse, and to document it clearly. The README is the first thing
another team reads: it has to say what the project is for, how to install or set it up, and
how to use it. A stub README (a title and a line) gives a would-be reuser nothing to go on.
""",
    remediation="""
Add `README.md` at the root with at least these sections (RST, AsciiDoc and plain text READMEs
are read too, and translated ones such as `README.en.md` beside `README.cy.md`, English first;
setext and underlined headings, bold lines and HTML headings all count):

```markdown
# Project name

One or two sentences on what this is for and who uses it.

## Installation

What to install first, then the commands to set it up:

    git clone https://github.com/your-org/project && cd project
    make install

## Usage

How to run or call it, with an example:

    make run
```

Headings recognised for each part include About / Overview / Purpose / Introduction
(purpose, or an opening paragraph), Installation / Getting started / Setup / Quick start /
Prerequisites / Running locally / Build / Deploy / Development (installation), and Usage /
Running / Examples / API / Configuration (use). Usage kept on a documentation site counts when
the README links to it (`https://docs.example.gov.uk`, Read the Docs, a `/docs` path, or a
link introduced as the documentation).
""",
    options={"min-words": Option("integer", 50, "fewest words a useful README has")},
)
def readme(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    path = find_readme(repo)
    if path is None:
        yield Finding(
            "no README found (looked for README.md, README.rst, README.adoc, README.txt and "
            "README in the root, .github/ and docs/): add a README.md that says what the project "
            "is for, how to install it and how to use it"
        )
        return
    text = repo.read_text(path)
    if text is None:
        yield Finding(
            f"README cannot be read ({repo.unreadable_reason(path)}): commit it as UTF-8 text",
            path=path,
            start_line=1,
        )
        return
    doc = _read_document(text, path)
    min_words = options["min-words"]
    if doc.words < min_words:
        yield Finding(
            f"README is a stub (under {min_words} words of text): say what the project is for, "
            'how to install it and how to use it, under headings such as "About", '
            '"Installation" and "Usage"',
            path=path,
            start_line=1,
        )
        return
    parts = _readme_parts(doc, text)
    for part, found in parts.items():
        if not found:
            yield Finding(_PARTS[part], path=path, start_line=1, key=part)
    present = [part for part, found in parts.items() if found]
    if present:
        yield Evidence(path, ", ".join(present))


# -- CONTRIBUTING -----------------------------------------------------------------------------

_CONTRIBUTING_HEADING = lazy_re(r"\bcontribut(?:ing|e|ions?|ors?)\b", re.IGNORECASE)


@rule(
    code="TC0802",
    name="contributing",
    topic="share-reuse",
    level="note",
    summary="A CONTRIBUTING guide tells others how to propose changes.",
    rationale="""
Point 8 of the Code (share, reuse and collaborate) asks teams to make it easy for others to
contribute back. A contributing guide says how to report problems, propose changes, run the
tests and get a change reviewed; GitHub and GitLab link it from every new issue and pull request.
""",
    remediation="""
Add `CONTRIBUTING.md` (in the root, `.github/` or `docs/`):

```markdown
# Contributing

We welcome issues and pull requests.

1. Open an issue describing the problem or idea.
2. Fork the repository and create a branch.
3. Run the tests with `make test`.
4. Open a pull request; a maintainer will review it within a week.

Please follow our [code of conduct](CODE_OF_CONDUCT.md).
```

A "Contributing" section in the README also counts. On GitHub, an organisation-wide default
`CONTRIBUTING.md` in the organisation's `.github` repository applies to every repository that
has none of its own; that is not visible here, so record it as an attestation.
""",
    attestable=True,
)
def contributing(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    for path in documents(repo, "contributing", DOC_FOLDERS):
        text = repo.read_text(path)
        if text is not None and not text.strip():
            yield Finding(
                "CONTRIBUTING guide is empty: explain how to report problems, propose changes "
                "and run the tests",
                path=path,
                start_line=1,
            )
            return
        yield Evidence(path, "contributing guide")
        return
    readme_path = find_readme(repo)
    text = repo.read_text(readme_path) if readme_path else None
    if readme_path and text:
        for section in _read_document(text, readme_path).sections:
            if _CONTRIBUTING_HEADING.search(section.title):
                yield Evidence(readme_path, f'README section "{section.title}"')
                return
    yield Finding(
        "no contributing guide found (looked for CONTRIBUTING.md in the root, .github/ and "
        "docs/, and a Contributing section in the README): add CONTRIBUTING.md saying how to "
        "report problems, propose changes and run the tests (a default CONTRIBUTING.md in the "
        "organisation's .github repository also counts)"
    )


# -- CODEOWNERS -------------------------------------------------------------------------------

_CODEOWNERS_PLACES = (
    "CODEOWNERS",
    ".github/CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
)
_GITLAB_SECTION = lazy_re(r"^\^?\[[^\]]+\](?:\[\d+\])?(?:\s+(.*))?$")
_OWNER = lazy_re(r"@@?[\w.-]+(?:/[\w.-]+)*|[\w.!#$%&'*+=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = lazy_re(r"(?:\\.|\S)+")


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    return re.sub(r"(?<!\\)\s#.*$", "", line).strip()


@rule(
    code="TC0803",
    name="code-owners",
    topic="share-reuse",
    level="note",
    summary="A CODEOWNERS file (or a MAINTAINERS list) names who looks after the code.",
    rationale="""
Point 8 of the Code (share, reuse and collaborate) depends on people outside the team knowing
whom to ask about a piece of code. A CODEOWNERS file names the people or teams responsible for
each part of the repository, and GitHub and GitLab ask them to review changes to it.
""",
    remediation="""
Add `.github/CODEOWNERS` (GitHub also reads `CODEOWNERS` in the root or `docs/`; GitLab reads
the root, `docs/` and `.gitlab/`). The name must be exactly `CODEOWNERS`. Each line is a path
pattern followed by one or more owners (`@user`, `@org/team`, or an email address):

```
# Default owners for everything
*            @your-org/your-team
/docs/       @your-org/content-designers
/infra/      platform-team@example.gov.uk
```

GitLab sections (`[Backend] @your-org/backend`) and their default owners are understood. A
`MAINTAINERS` or `MAINTAINERS.md` file naming the maintainers is also accepted.
""",
)
def code_owners(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    found = [path for path in _CODEOWNERS_PLACES if repo.has(path)]
    for path in found:
        yield from _check_codeowners(repo, path)
    if found:
        return
    for place in _CODEOWNERS_PLACES:
        misspelt = repo.find(place)
        if misspelt:
            yield Finding(
                f"GitHub and GitLab only read a file named exactly CODEOWNERS: rename "
                f"{misspelt} to {place}",
                path=misspelt,
                start_line=1,
            )
            return
    maintainers = documents(repo, "maintainers", DOC_FOLDERS)
    if maintainers:
        yield Evidence(maintainers[0], "named maintainers")
        return
    yield Finding(
        "no CODEOWNERS file found (looked in .github/, the root, docs/ and .gitlab/) and no "
        "MAINTAINERS file: add .github/CODEOWNERS with a line such as `* @your-org/your-team`"
    )


def _check_codeowners(repo: Repository, path: str) -> Iterator[Finding | Evidence]:
    text = repo.read_text(path)
    if text is None:
        yield Finding(
            f"CODEOWNERS cannot be read ({repo.unreadable_reason(path)}): commit it as text",
            path=path,
            start_line=1,
            level="note",
        )
        return
    rules = 0
    owners: set[str] = set()
    section_owners: list[str] = []
    bad = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw)
        if not line:
            continue
        section = _GITLAB_SECTION.match(line)
        if section:
            section_owners = _TOKEN.findall(section.group(1) or "")
            invalid = [t for t in section_owners if not _OWNER.fullmatch(t)]
            if invalid:
                bad = True
                yield _bad_owner(path, number, invalid[0])
            owners.update(t for t in section_owners if _OWNER.fullmatch(t))
            continue
        pattern, *named = _TOKEN.findall(line)
        invalid = [t for t in named if not _OWNER.fullmatch(t)]
        if invalid:
            bad = True
            yield _bad_owner(path, number, invalid[0])
            continue
        if not named and not section_owners:
            bad = True
            yield Finding(
                f"CODEOWNERS pattern `{pattern}` names no owner: add an owner after it "
                "(@user, @org/team or an email address), or remove the line",
                path=path,
                start_line=number,
                key=f"no-owner:{pattern}",
            )
            continue
        rules += 1
        owners.update(named or section_owners)
    if rules == 0 and not bad:
        yield Finding(
            "CODEOWNERS has no rules: add a line such as `* @your-org/your-team`",
            path=path,
            start_line=1,
        )
        return
    if rules:
        yield Evidence(
            path,
            f"{rules} rule{'s' * (rules != 1)}, {len(owners)} owner{'s' * (len(owners) != 1)}",
        )


def _bad_owner(path: str, number: int, token: str) -> Finding:
    return Finding(
        f"CODEOWNERS owner `{token}` is not a @user, @org/team or email address: "
        "correct it so the rule takes effect",
        path=path,
        start_line=number,
        key=f"bad-owner:{token}",
    )


# -- publiccode.yml ---------------------------------------------------------------------------

_STANDARD = "https://yml.publiccode.tools/"


@functools.cache
def _publiccode_validator() -> Any:
    import jsonschema

    schema = json.loads(read_data_file("publiccode.schema.json"))
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def _plain(value: Any) -> Any:
    """YAML data as JSON would give it: dates become ISO strings, keys become strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _numbers_as_text(validator: Any, plain: dict[str, Any]) -> None:
    """Turn unquoted numbers into text where the standard wants text, as its parser does.

    ``publiccodeYmlVersion: 0.2`` and ``softwareVersion: 1.0`` load as floats, but the
    reference parser (publiccode-parser-go) reads them as the strings it expects.
    """
    for error in list(validator.iter_errors(plain)):
        if error.validator != "type" or error.validator_value != "string":
            continue
        if not error.absolute_path:
            continue
        if isinstance(error.instance, bool) or not isinstance(
            error.instance, int | float
        ):
            continue
        *parents, last = error.absolute_path
        container: Any = plain
        for step in parents:
            container = container[step]
        container[last] = str(error.instance)


def _line_at(data: Any, path: list[Any]) -> int:
    """The line of the node at ``path`` in the YAML data (keys stringified as in _plain)."""
    node = data
    line = getattr(data, "line", 1)
    for step in path:
        if isinstance(node, LineDict):
            key = next((k for k in node if str(k) == str(step)), None)
            if key is None:
                break
            line = node.line_of(key)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(step, int):
            line = node.line_of(step)
            node = node[step] if step < len(node) else None
        else:
            break
    return line


def _dotted(path: list[Any]) -> str:
    text = ""
    for step in path:
        text += (
            f"[{step}]"
            if isinstance(step, int)
            else (f".{step}" if text else str(step))
        )
    return text


_TYPE_NAMES = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "boolean": "true or false",
    "number": "a number",
    "integer": "a whole number",
}
_FORMAT_FIX = {
    "date": "write it as YYYY-MM-DD",
    "uri": "write it as a full URL such as https://...",
    "email": "write it as an email address",
}


def _schema_findings(path: str, data: Any, error: Any) -> list[Finding]:
    where = list(error.absolute_path)
    name = _dotted(where)
    subject = f"`{name}`" if name else "the document"
    line = _line_at(data, where)
    validator = error.validator
    if validator == "additionalProperties":
        unexpected = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        return [
            Finding(
                f"publiccode.yml has an unknown key `{_dotted([*where, key])}`: remove it or "
                f"correct its spelling (see {_STANDARD})",
                path=path,
                start_line=_line_at(data, [*where, key]),
            )
            for key in unexpected
        ]
    if validator == "required":
        missing = re.match(r"'([^']+)'", error.message)
        key = missing.group(1) if missing else "?"
        inside = f" in `{name}`" if name else ""
        message = f"publiccode.yml is missing the required key `{key}`{inside}: add it (see {_STANDARD})"
    elif validator == "enum":
        allowed = error.validator_value
        choices = (
            ", ".join(str(v) for v in allowed)
            if len(allowed) <= 12
            else f"the values listed at {_STANDARD}"
        )
        message = f"publiccode.yml {subject} has a value the standard does not allow: use one of {choices}"
    elif validator == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, str) else wanted[0]
        message = f"publiccode.yml {subject} must be {_TYPE_NAMES.get(wanted, wanted)}: change its value"
    elif validator == "format":
        fix = _FORMAT_FIX.get(
            error.validator_value, f"use the {error.validator_value} format"
        )
        message = (
            f"publiccode.yml {subject} is not a valid {error.validator_value}: {fix}"
        )
    elif validator == "maxLength":
        message = (
            f"publiccode.yml {subject} is longer than {error.validator_value} characters: "
            "shorten it"
        )
    elif validator == "minLength":
        message = (
            f"publiccode.yml {subject} is shorter than {error.validator_value} characters: "
            "expand it"
        )
    elif validator == "pattern":
        message = (
            f"publiccode.yml {subject} does not match the pattern {error.validator_value}: "
            f"correct it (see {_STANDARD})"
        )
    else:
        detail = (
            error.message if len(error.message) <= 120 else error.message[:117] + "..."
        )
        message = f"publiccode.yml {subject} is not valid ({detail}): correct it (see {_STANDARD})"
    return [Finding(message, path=path, start_line=line)]


@rule(
    code="TC0804",
    name="publiccode-yml",
    topic="share-reuse",
    level="note",
    summary="publiccode.yml (when present) is valid; when absent, one is suggested.",
    rationale="""
Point 8 of the Code (share, reuse and collaborate) asks public bodies to make their software
easy for others to find and reuse. publiccode.yml is the open metadata standard that public
sector software catalogues read to list a project: what it does, its licence, its maintainers and
its development status. BC government's `bcgovpubcode.yaml` serves the same purpose and counts.
""",
    remediation="""
Add `publiccode.yml` at the root (the editor at https://publiccode-editor.developers.italia.it/
generates one), for example:

```yaml
publiccodeYmlVersion: "0.4"
name: Apply for a licence
url: https://github.com/your-org/apply-for-a-licence
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Lets businesses apply for a licence online.
    longDescription: >
      A longer description of at least 150 characters: who uses the service, what problem it
      solves, and what another organisation needs to reuse it.
    features: [Online applications, Payments]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Jane Smith
localisation:
  localisationReady: false
  availableLanguages: [en]
```

The file is checked against the SchemaStore schema for the publiccode.yml standard; each
finding names the key and its line. HMRC's `repository.yaml` is a catalogue file of another
kind and does not count.
""",
)
def publiccode_yml(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    path = repo.find("publiccode.yml", "publiccode.yaml")
    if path is None:
        bc = repo.find("bcgovpubcode.yaml", "bcgovpubcode.yml")
        if bc is not None:
            parsed = repo.parsed(bc, "yaml")
            if not parsed.ok:
                yield Finding(
                    f"{parsed.error}: fix the YAML so bcgovpubcode.yaml can be read",
                    path=bc,
                    start_line=parsed.line or 1,
                )
            else:
                yield Evidence(bc, "BC government public code metadata")
            return
        yield Finding(
            "no publiccode.yml found: add a publiccode.yml at the root describing the software, "
            f"its licence and maintainers so public sector catalogues can list it for reuse (see {_STANDARD})"
        )
        return
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        yield Finding(
            f"{parsed.error}: fix the YAML so publiccode.yml can be read",
            path=path,
            start_line=parsed.line or 1,
        )
        return
    if not isinstance(parsed.data, dict):
        yield Finding(
            "publiccode.yml is not a mapping of keys: start from the example at "
            f"{_STANDARD}",
            path=path,
            start_line=1,
        )
        return
    findings, valid = _checked_publiccode(repo, path, parsed.data)
    yield from findings
    if valid:
        version = parsed.data.get("publiccodeYmlVersion")
        yield Evidence(path, f"valid publiccode.yml (version {version})")


# Format checks ("uri") use these when installed, so their presence is part of a result.
_PUBLICCODE_LIBRARIES = ("jsonschema", "rfc3987", "rfc3986_validator")


def _checked_publiccode(
    repo: Repository, path: str, data: Any
) -> tuple[list[Finding], bool]:
    """The file's schema findings and whether it is valid, remembered between runs:
    importing jsonschema is about 0.1 s, a third of a small run. Keyed by the path and text
    of the file and the code."""
    key = repo.cache.key(
        "publiccode",
        path,
        repo.read_text(path) or "",
        libraries=_PUBLICCODE_LIBRARIES,
    )
    cached = repo.cache.get_records(key, Finding)
    if cached is not None:
        return cached, not cached
    validator = _publiccode_validator()
    plain = _plain(data)
    _numbers_as_text(validator, plain)
    errors = sorted(
        validator.iter_errors(plain),
        key=lambda e: (_line_at(data, list(e.absolute_path)), e.message),
    )
    findings = [f for error in errors for f in _schema_findings(path, data, error)]
    if findings or not errors:  # an entry is valid exactly when it holds no finding
        repo.cache.put(key, [asdict(finding) for finding in findings])
    return findings, not errors
