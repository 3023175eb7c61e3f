"""Where a repository keeps its privacy assessment, and which of its forms to read.

- ``privacy-assessment.yml`` (or ``.yaml``, or ``privacy_assessment``) at the root, in
  ``docs/``, ``doc/`` or ``.github/``: the team's declared assessment, always read;
- otherwise the best Markdown candidate: ``PRIVACY.md``, ``docs/privacy*.md``, ``*pia*.md``,
  ``privacy-impact-assessment.md``; at the root, in ``.github/`` or under a documentation
  folder, never in a vendored one. The candidate that asks the most screening questions
  wins;
- BC government's ``COMPLIANCE.yaml`` at the root;
- when none of those holds an assessment, a README paragraph recording one
  (:func:`~tcop_lint.facts.privacy_markdown.readme_mention`).
"""

from __future__ import annotations

from dataclasses import replace

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
DOC_FOLDERS = frozenset(
    {"docs", "doc", "documentation", "privacy", "compliance", "governance"}
)
"""Folders whose privacy documents are the project's own (not fixtures or packaged data)."""


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


def _pia_name(stem: str) -> bool:
    """``pia``, ``dpia``, ``privacy-impact-assessment``..."""
    tokens = stem.replace("_", "-").replace(" ", "-").replace(".", "-").split("-")
    return (
        "pia" in tokens or "dpia" in tokens or "privacyimpactassessment" in _flat(stem)
    )


def _privacy_name(stem: str) -> bool:
    """``privacy``, ``PRIVACY``, ``privacy-notice``, ``privacy_policy``..."""
    return stem == "privacy" or stem.startswith(
        ("privacy-", "privacy_", "privacy ", "privacy.")
    )


def candidates(repo: Repository) -> list[str]:
    """Every Markdown file that may hold the assessment."""
    found = []
    for path in repo.paths_containing("privacy", "pia"):
        stem, extension = _split_name(path)
        if extension not in MARKDOWN_EXTENSIONS or is_vendored(path):
            continue
        folders = [folder.lower() for folder in path.split("/")[:-1]]
        located = (
            not folders
            or folders == [".github"]
            or any(folder in DOC_FOLDERS for folder in folders)
        )
        if located and (_pia_name(stem) or _privacy_name(stem)):
            found.append(path)
    return found


def best_candidate(repo: Repository) -> PrivacyAssessment | None:
    """The candidate that asks the most screening questions; among equals, one named as an
    assessment, then the shallowest."""

    def rank(read: PrivacyAssessment) -> tuple[int, int, int, str]:
        name = read.path.rpartition("/")[2].lower()
        assessment = "assessment" in name or "pia" in name
        return (-read.asked, -assessment, read.path.count("/"), read.path)

    found = [read_markdown(repo, path) for path in candidates(repo)]
    return min(found, key=rank) if found else None


def read_configured(repo: Repository, path: str) -> PrivacyAssessment:
    """The file named by the rule's ``path`` option, read by its form."""
    extension = _split_name(path)[1]
    if extension in (*MARKDOWN_EXTENSIONS, ".txt"):
        return read_markdown(repo, path, declared=True)
    if path.rpartition("/")[2].lower() in {n.lower() for n in COMPLIANCE_NAMES}:
        return replace(read_compliance(repo, path), declared=True)
    return read_yaml(repo, path)


def find_assessments(repo: Repository) -> list[PrivacyAssessment]:
    """Every form the repository keeps its assessment in, in the order they are reported:
    the YAML assessments, else the best Markdown; then ``COMPLIANCE.yaml``; a
    README paragraph recording an assessment stands in when there is nothing else (or only
    a Markdown file that asks none of the questions, such as a privacy notice)."""
    found = [read_yaml(repo, path) for path in yaml_assessments(repo)]
    markdown = None if found else best_candidate(repo)
    compliance_path = repo.find(*COMPLIANCE_NAMES)
    compliance = read_compliance(repo, compliance_path) if compliance_path else None
    if (
        not found
        and compliance is None
        and (markdown is None or markdown.answers_nothing)
    ):
        markdown = readme_mention(repo) or markdown
    return [*found, *(a for a in (markdown, compliance) if a is not None)]
