"""TC0403 open-document-formats: documents are committed in open formats (ODF, Markdown),
not Word, PowerPoint or Visio."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.office_documents import (
    OfficeDocument,
    closed_documents,
    open_documents,
)
from tcop_lint.facts.openapi import excerpt
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


@rule(
    code="TC0403",
    name="open-document-formats",
    topic="open-standards",
    level="warning",
    summary="Documents are committed in open formats (ODF, Markdown), not Word/PowerPoint/Visio.",
    rationale="""
Point 4 of the Code (make use of open standards) and the government's Open Standards Principles
ask that documents are shared in open formats: OpenDocument (ODF) for editable office documents,
HTML or Markdown for documentation. A `.docx`, `.pptx` or `.vsdx` in a repository needs a
particular product to read or change, cannot be reviewed line by line in a pull request, and is
invisible to search.

This rule reports Word (.doc, .docx), PowerPoint (.ppt, .pptx), Visio (.vsd, .vsdx) and Pages
files. Spreadsheets (.xls, .xlsx) are reported once, by TC1002 (open-data-formats), because a
committed spreadsheet is nearly always data and the fix is CSV or ODS. Files under dependency,
test and fixture folders are left out (a parser's test documents are not the project's
documentation).
""",
    remediation="""
Convert the document and commit the open version instead:

```sh
# LibreOffice, headless: .docx -> .odt, .pptx -> .odp
soffice --headless --convert-to odt docs/design.docx
soffice --headless --convert-to odp docs/briefing.pptx
# or to Markdown, which reviews well in pull requests
pandoc docs/design.docx -o docs/design.md
git rm docs/design.docx docs/briefing.pptx
```

Draw diagrams as text (Mermaid or PlantUML in Markdown) or export them as SVG. If a closed format
is required (a template a supplier insists on), record an exemption in `.tcop-lint.yml` with
the reason and an expiry date.
""",
)
def open_document_formats(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    for document in closed_documents(repo):
        yield Finding(
            f"closed format ({document.kind}, .{document.extension}): {_fix(document)}",
            path=document.path,
            id="closed-format",
        )
    for path in open_documents(repo):
        yield Evidence(path, "OpenDocument format")


def _fix(document: OfficeDocument) -> str:
    stem = excerpt(document.stem, 80)
    if document.kind == "PowerPoint presentation":
        return f"convert it to OpenDocument presentation ({stem}.odp) or Markdown ({stem}.md)"
    if document.kind == "Visio diagram":
        return (
            f"export it as SVG ({stem}.svg) or OpenDocument drawing ({stem}.odg), or keep "
            f"it as a Mermaid diagram in Markdown"
        )
    return f"convert it to OpenDocument text ({stem}.odt) or Markdown ({stem}.md)"
