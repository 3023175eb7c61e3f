"""TC0203 accessibility-statement: a web front end has an accessibility statement."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.accessibility_statement import footer_links, statements
from tcop_lint.facts.frontend import NO_FRONTEND_REASON, web_frontend
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_STATEMENT_FIX = (
    "add an accessibility statement page (e.g. accessibility-statement.html, based on "
    "the GOV.UK sample statement) and link it from every page footer"
)
_PLAY_FIX = (
    'set accessibility-statement.service-path = "/your-service" in '
    "conf/application.conf, so the HMRC footer links your statement on "
    "accessibility-statement-frontend, or "
)


@rule(
    code="TC0203",
    name="accessibility-statement",
    topic="accessibility",
    level="warning",
    summary="A web front end has an accessibility statement.",
    rationale="""
Point 2 of the Code (make things accessible and inclusive). Public sector websites must publish
an accessibility statement (Public Sector Bodies Accessibility Regulations 2018) saying how
accessible the service is, what is not, and how to ask for an alternative. A statement page,
template or document in the repository, or a link to a statement published centrally, is the
evidence this rule looks for.
""",
    remediation="""
Add an accessibility statement page, based on the
[GOV.UK sample statement](https://www.gov.uk/government/publications/sample-accessibility-statement),
and link it from the footer of every page, e.g. `app/views/pages/accessibility.html.erb`,
`app/views/accessibility-statement.njk` or `src/pages/AccessibilityStatement.tsx`.

HMRC Play frontends: set the service path of your statement on
accessibility-statement-frontend in `conf/application.conf`:

```hocon
accessibility-statement.service-path = "/your-service"
```

If the statement is published elsewhere (a central site), record an attestation for this rule.
""",
    attestable=True,
)
def accessibility_statement(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    front_end = web_frontend(repo)
    if front_end is None:
        raise NotApplicable(NO_FRONTEND_REASON)
    found = statements(repo) or footer_links(repo)
    for statement in found:
        yield Evidence(statement.path, statement.detail)
    if found:
        return
    fix = (_PLAY_FIX if front_end.play else "") + _STATEMENT_FIX
    yield Finding(
        f"no accessibility statement found for the front end ({front_end.describe()}): "
        + fix,
        path=front_end.path,
        start_line=front_end.line,
        id="missing-statement",
        missing=True,
    )
