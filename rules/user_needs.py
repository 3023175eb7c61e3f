"""Point 1, define user needs: evidence in the repository of who the users are and what they need.

Most user research lives outside code repositories, so the rule is attestable: a team that keeps
its research elsewhere records an attestation in the config instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule

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
_SKIPPED_DIRECTORIES = frozenset(
    {
        "node_modules",
        "vendor",
        "bower_components",
        "dist",
        "build",
        "target",
        "site-packages",
    }
)
_README_NAMES = (
    "README.md",
    "README.markdown",
    "README.rst",
    "README.adoc",
    "README.txt",
    "README",
)
# Headings that are about the users, not about using or managing them ("User guide",
# "Managing users" do not count).
_USER_HEADING = lazy_re(
    r"(?:our |the |target |intended |primary |main )?(?:users?|audiences?)"
    r"(?: and (?:their |user )?needs)?"
    r"|.*\buser[- ]needs?\b.*|.*\buser research\b.*|.*\bpersonas?\b.*"
    r"|who (?:is |are )?(?:this|it|the (?:service|tool|product|project))(?: is| are|'s|’s)? for"
    r"|who (?:uses|should use|can use|it'?s for|are (?:our|the) users|are we building for)\b.*"
    r"|who (?:this|it) is for\b.*"
)
_ATX = lazy_re(r"^\s{0,3}(#{1,6}|={1,6}(?=\s))\s+(.+?)\s*#*\s*$")
_UNDERLINE = lazy_re(r"^\s{0,3}([=\-~^\"'`*+#])\1{2,}\s*$")
_FENCE = lazy_re(r"^\s{0,3}(```|~~~)")


def _tokens(stem: str) -> list[str]:
    return [t for t in re.split(r"[-_ .]+", stem.lower()) if t]


def _named_for_users(stem: str) -> str | None:
    """What a document's name says about users, or ``None`` ("users-guide" is not research)."""
    tokens = _tokens(stem)
    joined = "-".join(tokens)
    if re.search(r"(?:^|-)personas?(?:-|$)", joined):
        return "personas"
    if re.search(r"(?:^|-)user-?needs?(?:-|$)", joined):
        return "user needs"
    if re.search(r"(?:^|-)(?:user|ux)-?research(?:-|$)", joined):
        return "user research"
    if re.search(
        r"(?:^|-)user-?(?:stories|journeys?|profiles?|insights?)(?:-|$)", joined
    ):
        return "user stories and journeys"
    if re.search(r"(?:^|-)jobs-to-be-done(?:-|$)", joined):
        return "jobs to be done"
    if re.search(r"(?:^|-)discovery-(?:findings|report|research)(?:-|$)", joined):
        return "discovery findings"
    if "users" in tokens and set(tokens) <= {
        "users",
        "our",
        "who",
        "are",
        "the",
        "about",
        "and",
        "their",
        "needs",
        "target",
    }:
        return "users"
    return None


def _skipped(path: str) -> bool:
    parts = path.lower().split("/")[:-1]
    return any(p in _SKIPPED_DIRECTORIES or p.startswith(".") for p in parts)


def _research_documents(repo: Repository) -> Iterator[Evidence]:
    seen: set[str] = set()
    for directory in repo.directories():
        if not _RESEARCH_WORDS.search(directory):
            continue  # one search rules out almost every directory of a large tree
        parts = directory.split("/")
        depth = next(
            (
                i
                for i, p in enumerate(parts)
                if _RESEARCH_DIRECTORY.fullmatch(p.lower())
            ),
            None,
        )
        if depth is None or _skipped(directory + "/x"):
            continue
        top = "/".join(parts[: depth + 1])
        if top in seen:
            continue
        seen.add(top)
        documents = [p for p in repo.under(top) if p.lower().endswith(_DOC_EXTENSIONS)]
        if documents:
            yield Evidence(
                top,
                f"research folder with {len(documents)} document(s), e.g. {documents[0]}",
            )
    for path in repo.by_extension(*_DOC_EXTENSIONS):
        stem = path.rpartition("/")[2].rsplit(".", 1)[0]
        if not _RESEARCH_WORDS.search(stem):
            continue
        if _skipped(path) or any(path.startswith(t + "/") for t in seen):
            continue
        what = _named_for_users(stem)
        if what:
            yield Evidence(path, f"document about {what}")


def _headings(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) of Markdown ATX/setext, reStructuredText and AsciiDoc headings."""
    lines = text.splitlines()
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _ATX.match(line)
        if match:
            yield index + 1, match.group(2)
            continue
        if (
            index + 1 < len(lines)
            and line.strip()
            and not _UNDERLINE.match(line)
            and _UNDERLINE.match(lines[index + 1])
        ):
            yield index + 1, line.strip()


def _readme_sections(repo: Repository) -> Iterator[Evidence]:
    for name in _README_NAMES:
        path = repo.find(name)
        if path is None:
            continue
        text = repo.read_text(path)
        if text is None:
            continue
        for line, heading in _headings(text):
            plain = re.sub(r"[*_`?!:.]+", "", heading).strip().lower()
            plain = re.sub(r"^\d+(?:\s+|$)", "", plain)
            if _USER_HEADING.fullmatch(plain):
                yield Evidence(path, f'README section "{heading}" (line {line})')


@rule(
    code="TC0101",
    name="user-needs-evidence",
    topic="user-needs",
    level="warning",
    summary="The repository records who its users are and what they need.",
    rationale="""
Point 1 of the Code (define user needs) asks teams to know who their users are and what they
need, through research with them, before choosing technology. A repository can hold that
evidence as user research notes, personas, user needs documents or a README section about its
users; when the research is kept elsewhere (a research repository, a service assessment), an
attestation records it.
""",
    remediation="""
Say who the users are and what they need, with a link to the research behind it. The smallest
fix is a README section:

```markdown
## User needs

This service is for caseworkers at ... who need to ... so that ...
Research: [discovery findings](docs/user-research/discovery.md)
```

Also recognised: `docs/user-research/` or `research/` folders, `personas*.md`,
`user-needs*.md` and `docs/users.md`. If the research is kept outside the repository, record
an attestation:

```yaml
attestations:
  user-needs:
    evidence: https://example.gov.uk/research/discovery-report
    reviewed: 2025-01-31
```
""",
    attestable=True,
)
def user_needs_evidence(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    found = False
    for evidence in (*_research_documents(repo), *_readme_sections(repo)):
        found = True
        yield evidence
    if found:
        return
    readme = next((p for p in map(repo.find, _README_NAMES) if p), None)
    target = readme or "README.md"
    yield Finding(
        "no user research evidence found (looked for docs/user-research/, research/, "
        "personas*, user-needs*.md, docs/users*.md and a README section about users or user "
        f'needs): add a "User needs" section to {target} saying who the users are and what '
        "they need, linking to your research",
        path=readme,
    )
