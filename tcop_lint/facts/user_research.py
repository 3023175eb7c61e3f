"""Evidence in a repository of who its users are and what they need: research folders,
documents named for users (personas, user needs, user research) and README sections about
the users.

Folder and file names are matched with Python's ``re`` (a name is at most 255 bytes); a
heading is matched with RE2 after it is cut to :data:`_MAX_TITLE` characters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tcop_lint.facts.markdown import headings
from tcop_lint.facts.readme_outline import read_readme
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository

_DOC_EXTENSIONS = (
    ".md",
    ".markdown",
    ".rst",
    ".txt",
    ".adoc",
    ".asciidoc",
    ".org",
    ".html",
    ".pdf",
    ".odt",
    ".odp",
    ".docx",
    ".pptx",
    ".mdx",
)
# Directory names that hold research; any document below one counts.
_RESEARCH_DIRECTORY = re.compile(
    r"(?:user|ux|design|service)?[-_ ]?research|personas?|user[-_ ]?needs?|"
    r"user[-_ ]?insights?|discovery[-_ ]?(?:research|findings|reports?)"
)
# Every research folder or document name contains one of these: a cheap first filter.
_RESEARCH_WORDS = re.compile(r"user|ux|research|persona|jobs|discover", re.IGNORECASE)
_MAX_NAME = 255
_MAX_TITLE = 200
# Headings that are about the users, not about using or managing them ("User guide",
# "Managing users" do not count).
_USER_HEADING = linear_re(
    r"(?:our |the |target |intended |primary |main )?(?:users?|audiences?)"
    r"(?: and (?:their |user )?needs)?"
    r"|.*\buser[- ]needs?\b.*|.*\buser research\b.*|.*\bpersonas?\b.*"
    r"|who (?:is |are )?(?:this|it|the (?:service|tool|product|project))(?: is| are|'s|’s)? for"
    r"|who (?:uses|should use|can use|it'?s for|are (?:our|the) users|are we building for)\b.*"
    r"|who (?:this|it) is for\b.*"
)
_MARKUP = str.maketrans("", "", "*_`?!:.")
_OUTLINED = ("rst", "adoc", "asciidoc", "org")
"""README formats whose headings come from the README outline (titles without markup);
the rest are read as Markdown, titles as written."""


class ResearchFolder(NamedTuple):
    path: str
    documents: list[str]


class ResearchDocument(NamedTuple):
    path: str
    about: str
    """What its name says it is about: "personas", "user needs", "user research"..."""


class UsersSection(NamedTuple):
    path: str
    line: int
    title: str


def _tokens(stem: str) -> list[str]:
    return [t for t in re.split(r"[-_ .]+", stem.lower()) if t]


_NAMED_FOR = (
    (re.compile(r"(?:^|-)personas?(?:-|$)"), "personas"),
    (re.compile(r"(?:^|-)user-?needs?(?:-|$)"), "user needs"),
    (re.compile(r"(?:^|-)(?:user|ux)-?research(?:-|$)"), "user research"),
    (
        re.compile(r"(?:^|-)user-?(?:stories|journeys?|profiles?|insights?)(?:-|$)"),
        "user stories and journeys",
    ),
    (re.compile(r"(?:^|-)jobs-to-be-done(?:-|$)"), "jobs to be done"),
    (
        re.compile(r"(?:^|-)discovery-(?:findings|report|research)(?:-|$)"),
        "discovery findings",
    ),
)
_ABOUT_USERS = frozenset(
    {"users", "our", "who", "are", "the", "about", "and", "their", "needs", "target"}
)


def named_for_users(stem: str) -> str | None:
    """What a document's name says about users, or ``None`` ("users-guide" is not research)."""
    tokens = _tokens(stem)
    joined = "-".join(tokens)
    for pattern, about in _NAMED_FOR:
        if pattern.search(joined):
            return about
    if "users" in tokens and set(tokens) <= _ABOUT_USERS:
        return "users"
    return None


def _skipped(path: str) -> bool:
    """Dependencies, build output and hidden folders (``.github`` issue templates)."""
    return is_vendored(path, build_output=True) or any(
        part.startswith(".") for part in path.split("/")[:-1]
    )


def research_folders(repo: Repository) -> list[ResearchFolder]:
    """The outermost research folders (``docs/user-research``) and their documents."""
    found: dict[str, list[str]] = {}
    for directory in repo.directories():
        if not _RESEARCH_WORDS.search(directory):
            continue  # one search rules out almost every directory of a large tree
        parts = directory.split("/")
        depth = next(
            (
                i
                for i, p in enumerate(parts)
                if len(p) <= _MAX_NAME and _RESEARCH_DIRECTORY.fullmatch(p.lower())
            ),
            None,
        )
        if depth is None or _skipped(directory + "/x"):
            continue
        top = "/".join(parts[: depth + 1])
        if top not in found:
            found[top] = [
                p for p in repo.under(top) if p.lower().endswith(_DOC_EXTENSIONS)
            ]
    return [ResearchFolder(path, docs) for path, docs in found.items()]


def research_documents(
    repo: Repository, folders: list[ResearchFolder]
) -> list[ResearchDocument]:
    """Documents outside ``folders`` whose names say they are about users."""
    tops = [folder.path + "/" for folder in folders]
    found = []
    for path in repo.by_extension(*_DOC_EXTENSIONS):
        stem = path.rpartition("/")[2].rsplit(".", 1)[0]
        if len(stem) > _MAX_NAME or not _RESEARCH_WORDS.search(stem):
            continue
        if _skipped(path) or any(path.startswith(top) for top in tops):
            continue
        about = named_for_users(stem)
        if about:
            found.append(ResearchDocument(path, about))
    return found


def _about_users(title: str) -> bool:
    plain = title[:_MAX_TITLE].translate(_MARKUP).strip().lower()
    digits = len(plain) - len(plain.lstrip("0123456789"))
    if digits and (digits == len(plain) or plain[digits].isspace()):
        plain = plain[digits:].lstrip()
    return _USER_HEADING.fullmatch(plain) is not None


def users_sections(repo: Repository) -> list[UsersSection]:
    """README headings about the users ("Who is this for?", "User needs", "Personas")."""
    readme = read_readme(repo)
    if readme is None or readme.text is None or readme.outline is None:
        return []
    name = readme.path.rpartition("/")[2]
    kind = name.rpartition(".")[2].lower() if "." in name else ""
    if kind in _OUTLINED:
        found = [(s.line, s.title) for s in readme.outline.sections]
    else:
        found = [(h.line, h.title) for h in headings(readme.text)]
    return [
        UsersSection(readme.path, line, title)
        for line, title in found
        if _about_users(title)
    ]
