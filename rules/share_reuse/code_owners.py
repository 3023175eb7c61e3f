"""TC0803 code-owners: a CODEOWNERS file (or a MAINTAINERS list) names who looks after the
code."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.codeowners import CODEOWNERS_PLACES, read_codeowners
from tcop_lint.facts.readme import DOC_FOLDERS, documents
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


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
    found = [path for path in CODEOWNERS_PLACES if repo.has(path)]
    for path in found:
        yield from _check_codeowners(repo, path)
    if found:
        return
    for place in CODEOWNERS_PLACES:
        misspelt = repo.find(place)
        if misspelt:
            yield Finding(
                f"GitHub and GitLab only read a file named exactly CODEOWNERS: rename "
                f"{misspelt} to {place}",
                path=misspelt,
                start_line=1,
                id="misnamed-codeowners",
            )
            return
    maintainers = documents(repo, "maintainers", DOC_FOLDERS)
    if maintainers:
        yield Evidence(maintainers[0], "named maintainers")
        return
    yield Finding(
        "no CODEOWNERS file found (looked in .github/, the root, docs/ and .gitlab/) and no "
        "MAINTAINERS file: add .github/CODEOWNERS with a line such as `* @your-org/your-team`",
        id="missing-codeowners",
    )


def _check_codeowners(repo: Repository, path: str) -> Iterator[Finding | Evidence]:
    text = repo.read_text(path)
    if text is None:
        yield Finding(
            f"CODEOWNERS cannot be read ({repo.unreadable_reason(path)}): commit it as text",
            path=path,
            start_line=1,
            level="note",
            id="unreadable-codeowners",
        )
        return
    rules = 0
    owners: set[str] = set()
    bad = False
    for entry in read_codeowners(text):
        if entry.invalid:
            bad = True
            yield _bad_owner(path, entry.line, entry.invalid[0])
        if (
            entry.pattern is None
        ):  # a GitLab section: its owners are the default below it
            owners.update(entry.owners)
            continue
        if entry.invalid:
            continue
        if not entry.owners and not entry.defaults:
            bad = True
            yield Finding(
                f"CODEOWNERS pattern `{entry.pattern}` names no owner: add an owner after it "
                "(@user, @org/team or an email address), or remove the line",
                path=path,
                start_line=entry.line,
                id="pattern-without-owner",
                key=f"no-owner:{entry.pattern}",
            )
            continue
        rules += 1
        owners.update(entry.owners or entry.defaults)
    if rules == 0 and not bad:
        yield Finding(
            "CODEOWNERS has no rules: add a line such as `* @your-org/your-team`",
            path=path,
            start_line=1,
            id="empty-codeowners",
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
        id="invalid-owner",
        key=f"bad-owner:{token}",
    )
