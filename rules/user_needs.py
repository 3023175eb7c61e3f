"""Point 1, define user needs: evidence in the repository of who the users are and what they need.

Most user research lives outside code repositories, so the rule is attestable: a team that keeps
its research elsewhere records an attestation in the config instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.readme import find_readme
from tcop_lint.facts.user_research import (
    research_documents,
    research_folders,
    users_sections,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


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
    found: list[Evidence] = []
    folders = research_folders(repo)
    for folder in folders:
        if folder.documents:
            found.append(
                Evidence(
                    folder.path,
                    f"research folder with {len(folder.documents)} document(s), "
                    f"e.g. {folder.documents[0]}",
                )
            )
    for document in research_documents(repo, folders):
        found.append(Evidence(document.path, f"document about {document.about}"))
    for section in users_sections(repo):
        found.append(
            Evidence(
                section.path, f'README section "{section.title}" (line {section.line})'
            )
        )
    if found:
        yield from found
        return
    readme = find_readme(repo)
    yield Finding(
        "no user research evidence found (looked for docs/user-research/, research/, "
        "personas*, user-needs*.md, docs/users*.md and a README section about users or user "
        f'needs): add a "User needs" section to {readme or "README.md"} saying who the users '
        "are and what they need, linking to your research",
        path=readme,
        id="missing-user-research",
        missing=True,
    )
