"""TC0801 readme: the README says what the project is for, how to set it up and how to use it."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.readme_outline import PARTS, read_readme, readme_parts
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Option, Options, rule

_MISSING_PART = {
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
    found = read_readme(repo)
    if found is None:
        yield Finding(
            "no README found (looked for README.md, README.rst, README.adoc, README.txt and "
            "README in the root, .github/ and docs/): add a README.md that says what the project "
            "is for, how to install it and how to use it",
            id="missing-readme",
        )
        return
    path, text, outline = found
    if text is None or outline is None:
        yield Finding(
            f"README cannot be read ({repo.unreadable_reason(path)}): commit it as UTF-8 text",
            path=path,
            start_line=1,
            id="unreadable-readme",
        )
        return
    min_words = options["min-words"]
    if outline.words < min_words:
        yield Finding(
            f"README is a stub (under {min_words} words of text): say what the project is for, "
            'how to install it and how to use it, under headings such as "About", '
            '"Installation" and "Usage"',
            path=path,
            start_line=1,
            id="stub-readme",
        )
        return
    parts = readme_parts(outline, text)
    for part in PARTS:
        if not parts[part]:
            yield Finding(
                _MISSING_PART[part],
                path=path,
                start_line=1,
                id="missing-part",
                key=part,
            )
    present = [part for part in PARTS if parts[part]]
    if present:
        yield Evidence(path, ", ".join(present))
