"""TC0403 open-document-formats: Word, PowerPoint, Visio and Pages files are reported."""

from __future__ import annotations

from conftest import run_rule, write_files

from tcop_lint.rule import Evidence

from . import findings


def test_closed_documents_one_finding_each(make_repo):
    root = make_repo(
        {
            "docs/Design.DOCX": b"PK\x03\x04binary",
            "docs/briefing.pptx": b"PK\x03\x04binary",
            "docs/architecture.vsdx": b"PK\x03\x04binary",
            "data/figures.xlsx": b"PK\x03\x04binary",  # reported by TC1002, not here
            "tests/fixtures/sample.docx": b"PK\x03\x04binary",
            "docs/notes.odt": b"PK\x03\x04binary",
        }
    )
    result = run_rule(root, "TC0403")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "warning",
            "docs/Design.DOCX",
            None,
            (
                "closed format (Word document, .docx): convert it to OpenDocument text "
                "(Design.odt) or Markdown (Design.md)"
            ),
        ),
        (
            "warning",
            "docs/architecture.vsdx",
            None,
            (
                "closed format (Visio diagram, .vsdx): export it as SVG (architecture.svg) "
                "or OpenDocument drawing (architecture.odg), or keep it as a Mermaid diagram in "
                "Markdown"
            ),
        ),
        (
            "warning",
            "docs/briefing.pptx",
            None,
            (
                "closed format (PowerPoint presentation, .pptx): convert it to OpenDocument "
                "presentation (briefing.odp) or Markdown (briefing.md)"
            ),
        ),
    ]
    assert result.evidence == [Evidence("docs/notes.odt", "OpenDocument format")]


def test_open_documents_pass(make_repo):
    root = make_repo({"README.md": "# x\n", "docs/guide.md": "# Guide\n"})
    result = run_rule(root, "TC0403")
    assert result.outcome == "pass"
    assert result.findings == []


def test_untracked_closed_document_is_reported(make_repo):
    root = make_repo({"README.md": "# x\n"})
    write_files(
        root, {"minutes.doc": b"\xd0\xcf\x11\xe0"}
    )  # untracked files are seen too
    result = run_rule(root, "TC0403")
    assert [(f.path, f.level) for f in result.findings] == [("minutes.doc", "warning")]
