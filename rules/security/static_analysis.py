"""TC0604 static-analysis: CI runs a static analysis (SAST) tool over the code."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.ci import ci_files
from tcop_lint.facts.security_tools import (
    PRE_COMMIT_SAST_HOOKS,
    ToolUse,
    build_tool_analysers,
    eslint_security,
    pre_commit_hooks,
    sast_in_ci,
    sca_in_ci,
    sonar_project_files,
)
from tcop_lint.facts.source import has_application_source, has_infrastructure_code
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule


@rule(
    code="TC0604",
    name="static-analysis",
    topic="security",
    level="warning",
    summary="CI runs a static analysis (SAST) tool over the code.",
    rationale="""
Point 6 of the Code (make things secure) asks for security from the start. Static analysis
in CI (CodeQL, Semgrep, Bandit, Brakeman, gosec, SonarQube, Snyk Code, SpotBugs with
find-sec-bugs, ESLint security plugins...) finds injection, unsafe deserialisation and similar
flaws on every change, before they reach users.
""",
    remediation="""
Add a code scanning job, e.g. `.github/workflows/codeql.yml`:

```yaml
name: CodeQL
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  analyze:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
      - uses: github/codeql-action/init@v3
        with:
          languages: python, javascript
      - uses: github/codeql-action/analyze@v3
```

On GitLab, `include: [{template: Jobs/SAST.gitlab-ci.yml}]`. For infrastructure code
(Terraform, CloudFormation, Kubernetes manifests), an IaC scanner such as tfsec, Checkov, KICS
or `trivy config` is the static analysis; a repository of documentation and configuration
alone has no code to analyse, and the rule does not apply to it. Dependency and image scanners
(Trivy, Grype, `npm audit`) are listed as evidence but do not analyse your own code. CodeQL
*default setup* and organisation-wide scanning apps are settings no file shows: record them as
an attestation.
""",
    attestable=True,
)
def static_analysis(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    eslint = eslint_security(repo)
    analysers = [
        *map(_analyser, sast_in_ci(repo)),
        *(
            Evidence(name, "SonarQube/SonarCloud project configuration")
            for name in sonar_project_files(repo)
        ),
        *([_analyser(eslint)] if eslint else []),
        *map(_analyser, build_tool_analysers(repo)),
        *map(
            _analyser,
            pre_commit_hooks(repo, PRE_COMMIT_SAST_HOOKS, in_ci_only=True),
        ),
    ]
    if not analysers and not (
        has_application_source(repo) or has_infrastructure_code(repo)
    ):
        raise NotApplicable(
            "no application source or infrastructure code found (only documentation or "
            "configuration), so there is no code to analyse"
        )
    yield from analysers
    scanners = sca_in_ci(repo)
    for use in scanners:
        yield Evidence(
            use.path,
            f"{use.tool} (line {use.line}; dependency/container scanning, not static "
            "analysis)",
        )
    if analysers:
        return
    ci = ci_files(repo)
    names = ", ".join(use.tool for use in scanners)
    also = f"; {names} scans dependencies or images, not your code" if scanners else ""
    yield Finding(
        "no static analysis tool runs in CI (looked for CodeQL, Semgrep, Bandit, Brakeman, "
        "gosec, SonarQube/SonarCloud, Snyk, ESLint security plugins, SpotBugs/find-sec-bugs "
        f"and others){also}: add a code scanning job, e.g. github/codeql-action",
        ci[0].path if ci else None,
        1 if ci else None,
        id="no-static-analysis",
        missing=True,
    )


def _analyser(use: ToolUse) -> Evidence:
    line = f"line {use.line}"
    detail = {
        "eslint": f"ESLint with {use.tool} ({line})",
        "build": f"{use.tool} via the build ({line})",
        "golangci-lint": f"{use.tool} via golangci-lint ({line})",
        "pre-commit": f"{use.tool} pre-commit hook ({line})",
    }.get(use.via, f"{use.tool} ({line})")
    return Evidence(use.path, detail)
