"""TC0802 contributing: a guide tells others how to propose changes."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.readme import DOC_FOLDERS, documents
from tcop_lint.facts.readme_outline import contributing_section, read_readme
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


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
                id="empty-guide",
            )
            return
        yield Evidence(path, "contributing guide")
        return
    readme = read_readme(repo)
    section = (
        contributing_section(readme.outline) if readme and readme.outline else None
    )
    if readme and section:
        yield Evidence(readme.path, f'README section "{section.title}"')
        return
    yield Finding(
        "no contributing guide found (looked for CONTRIBUTING.md in the root, .github/ and "
        "docs/, and a Contributing section in the README): add CONTRIBUTING.md saying how to "
        "report problems, propose changes and run the tests (a default CONTRIBUTING.md in the "
        "organisation's .github repository also counts)",
        id="missing-guide",
        missing=True,
    )
