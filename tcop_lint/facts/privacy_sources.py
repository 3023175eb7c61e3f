"""Where a repository keeps its privacy assessment, and which of its forms to read.

- ``privacy-assessment.yml`` (or ``.yaml``, or ``privacy_assessment``) at the root, in
  ``docs/``, ``doc/`` or ``.github/``: the team's declared assessment, always read;
- otherwise the best Markdown or document candidate: ``PRIVACY.md``, ``docs/privacy*.md``,
  ``*pia*.md``, ``ExampleServicePrivacyAssessment.md``, ``privacy-impact-assessment.md``,
  anything in a ``dpia/`` folder, and PDF, OpenDocument or Word files named as an impact
  assessment; at the root, in ``.github/`` or under a documentation folder, never in a
  vendored one. The candidate that asks the most screening questions wins;
- BC government's ``COMPLIANCE.yaml`` at the root;
- when none of those holds an assessment, a README paragraph recording one
  (:func:`~tcop_lint.facts.privacy_markdown.readme_mention`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from tcop_lint.facts.privacy_assessment import (
    COMPLIANCE_NAMES,
    PrivacyAssessment,
    read_compliance,
    read_yaml,
)
from tcop_lint.facts.privacy_markdown import read_markdown, readme_mention
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.repository import Repository

YAML_NAMES = ("privacy-assessment", "privacy_assessment")
YAML_FOLDERS = ("", "docs", "doc", ".github")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdx")
DOCUMENT_FORMATS = {
    ".pdf": "PDF",
    ".odt": "OpenDocument",
    ".docx": "Word",
    ".doc": "Word",
}
DOC_FOLDERS = frozenset(
    {"docs", "doc", "documentation", "privacy", "compliance", "governance"}
)
"""Folders whose privacy documents are the project's own (not fixtures or packaged data)."""
ASSESSMENT_FOLDERS = frozenset(
    {
        "dpia",
        "dpias",
        "pia",
        "pias",
        "privacy-impact-assessment",
        "privacy-impact-assessments",
        "data-protection-impact-assessment",
        "data-protection-impact-assessments",
    }
)
"""Folders that hold impact assessments, whatever the files in them are called."""


class Candidate(NamedTuple):
    path: str
    named: bool
    """Its name or folder says it is an impact assessment (not only "privacy")."""
    document_format: str
    """``Markdown`` or the format of a document tcop-lint cannot read."""


def yaml_assessments(repo: Repository) -> list[str]:
    found = []
    for folder in YAML_FOLDERS:
        prefix = f"{folder}/" if folder else ""
        for name in YAML_NAMES:
            path = repo.find(f"{prefix}{name}.yml", f"{prefix}{name}.yaml")
            if path:
                found.append(path)
    return found


def _split_name(path: str) -> tuple[str, str]:
    """The lower-cased stem and extension (with its dot) of ``path``'s file name."""
    name = path.rpartition("/")[2].lower()
    stem, dot, extension = name.rpartition(".")
    return (stem, dot + extension) if dot and stem else (name, "")


def _flat(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def assessment_name(stem: str) -> bool:
    """A file name that says impact assessment: ``dpia``, ``pia``,
    ``privacy-impact-assessment``, ``ExampleServicePrivacyAssessment``..."""
    flat = _flat(stem)
    tokens = stem.replace("_", "-").replace(" ", "-").replace(".", "-").split("-")
    return (
        "pia" in tokens
        or "dpia" in flat
        or "privacyassessment" in flat
        or "impactassessment" in flat
        or "privacyimpact" in flat
    )


def _privacy_name(stem: str) -> bool:
    """``privacy``, ``PRIVACY``, ``privacy-notice``, ``privacy_policy``..."""
    return stem == "privacy" or stem.startswith(
        ("privacy-", "privacy_", "privacy ", "privacy.")
    )


def candidates(repo: Repository) -> list[Candidate]:
    """Every Markdown file or document that may hold the assessment."""
    found = []
    for path in repo.paths_containing("privacy", "pia", "impact"):
        stem, extension = _split_name(path)
        markdown = extension in MARKDOWN_EXTENSIONS
        if not (markdown or extension in DOCUMENT_FORMATS) or is_vendored(path):
            continue
        folders = [folder.lower() for folder in path.split("/")[:-1]]
        in_assessment_folder = any(
            "-".join(folder.replace("_", " ").split()) in ASSESSMENT_FOLDERS
            for folder in folders
        )
        located = (
            not folders
            or folders == [".github"]
            or in_assessment_folder
            or any(folder in DOC_FOLDERS for folder in folders)
        )
        named = in_assessment_folder or assessment_name(stem)
        if not located:
            continue
        if markdown and (named or _privacy_name(stem)):
            found.append(Candidate(path, named, "Markdown"))
        elif not markdown and named:
            found.append(Candidate(path, True, DOCUMENT_FORMATS[extension]))
    return found


def read_candidate(
    repo: Repository, candidate: Candidate, *, declared: bool = False
) -> PrivacyAssessment:
    if candidate.document_format == "Markdown":
        return read_markdown(
            repo, candidate.path, named=candidate.named, declared=declared
        )
    return PrivacyAssessment(
        candidate.path,
        "document",
        declared=declared,
        document_format=candidate.document_format,
    )


def best_candidate(repo: Repository) -> PrivacyAssessment | None:
    """The candidate that asks the most screening questions; among equals, one named as an
    assessment, then one tcop-lint can read, then the shallowest."""

    def rank(read: PrivacyAssessment) -> tuple[int, int, int, int, str]:
        name = read.path.rpartition("/")[2].lower()
        assessment = "assessment" in name or "pia" in name or read.form == "document"
        unreadable = read.document_format not in ("", "Markdown")
        return (-read.asked, -assessment, unreadable, read.path.count("/"), read.path)

    found = [read_candidate(repo, c) for c in candidates(repo)]
    return min(found, key=rank) if found else None


def read_configured(repo: Repository, path: str) -> PrivacyAssessment:
    """The file named by the rule's ``path`` option, read by its form."""
    stem, extension = _split_name(path)
    if extension in (*MARKDOWN_EXTENSIONS, ".txt"):
        return read_markdown(repo, path, named=assessment_name(stem), declared=True)
    if path.rpartition("/")[2].lower() in {n.lower() for n in COMPLIANCE_NAMES}:
        return replace(read_compliance(repo, path), declared=True)
    if extension in DOCUMENT_FORMATS:
        candidate = Candidate(path, True, DOCUMENT_FORMATS[extension])
        return read_candidate(repo, candidate, declared=True)
    return read_yaml(repo, path)


def find_assessments(repo: Repository) -> list[PrivacyAssessment]:
    """Every form the repository keeps its assessment in, in the order they are reported:
    the YAML assessments, else the best Markdown or document; then ``COMPLIANCE.yaml``; a
    README paragraph recording an assessment stands in when there is nothing else (or only
    a Markdown file that asks none of the questions, such as a privacy notice)."""
    found = [read_yaml(repo, path) for path in yaml_assessments(repo)]
    document = None if found else best_candidate(repo)
    compliance_path = repo.find(*COMPLIANCE_NAMES)
    compliance = read_compliance(repo, compliance_path) if compliance_path else None
    if (
        not found
        and compliance is None
        and (document is None or document.answers_nothing)
    ):
        document = readme_mention(repo) or document
    return [*found, *(a for a in (document, compliance) if a is not None)]
