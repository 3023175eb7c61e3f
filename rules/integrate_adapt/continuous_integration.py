"""TC0901 continuous-integration: the repository has CI configuration."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.ci import ci_files
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


@rule(
    code="TC0901",
    name="continuous-integration",
    topic="integrate-adapt",
    level="error",
    summary="The repository has continuous integration configuration.",
    rationale="""
Point 9 of the Code (integrate and adapt technology) asks that technology fits with existing
systems and can change safely. Continuous integration, which builds and tests every change, is
the evidence a repository can hold that changes are integrated continually rather than in risky
batches.
""",
    remediation="""
Add a CI pipeline. For GitHub, create `.github/workflows/ci.yml`:

```yaml
name: CI
on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
      - run: make test
```

GitLab CI (`.gitlab-ci.yml`), Jenkins (`Jenkinsfile`), CircleCI, Azure Pipelines, Travis,
Bitbucket Pipelines, Drone, Woodpecker, Buildkite, Tekton, Cloud Build and CodeBuild
configurations are all recognised.
""",
    attestable=True,
)
def continuous_integration(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    found = ci_files(repo)
    if not found:
        yield Finding(
            "no CI configuration found (looked for .github/workflows/*.yml, .gitlab-ci.yml, "
            "Jenkinsfile, .circleci/config.yml, azure-pipelines.yml and others): add a pipeline "
            "that builds and tests every change",
            id="no-ci",
            missing=True,
        )
    for ci in found:
        yield Evidence(ci.path, ci.system)
