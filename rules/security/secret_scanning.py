"""TC0605 secret-scanning: CI or pre-commit hooks run a secret scanner."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.ci import ci_files
from tcop_lint.facts.security_tools import (
    PRE_COMMIT_CONFIG,
    SECRET_HOOKS,
    pre_commit_hooks,
    secret_configs,
    secret_git_hooks,
    secret_scanners_in_ci,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


@rule(
    code="TC0605",
    name="secret-scanning",
    topic="security",
    level="warning",
    summary="CI or pre-commit hooks run a secret scanner.",
    rationale="""
Point 6 of the Code (make things secure) asks teams to plan to deny malicious access.
Credentials committed to a repository are one of the most common ways in: a secret scanner
(gitleaks, TruffleHog, detect-secrets, git-secrets, ggshield, Talisman) in CI or a pre-commit
hook stops them before they are pushed or merged.
""",
    remediation="""
Add a hook to `.pre-commit-config.yaml`:

```yaml
repos:
  - repo: https://github.com/gitleaks/gitleaks
    rev: v8.21.2
    hooks:
      - id: gitleaks
```

and/or a CI step (`gitleaks/gitleaks-action`, `trufflesecurity/trufflehog`, or on GitLab
`include: [{template: Jobs/Secret-Detection.gitlab-ci.yml}]`). A `.gitleaks.toml` on its own
configures a scanner but runs nothing. GitHub secret scanning and push protection are
repository settings no file shows: record them as an attestation.
""",
    attestable=True,
)
def secret_scanning(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    found = False
    for use in secret_scanners_in_ci(repo):
        found = True
        yield Evidence(use.path, f"{use.tool} in CI (line {use.line})")
    for use in pre_commit_hooks(repo, SECRET_HOOKS, in_ci_only=False):
        found = True
        yield Evidence(use.path, f"{use.tool} pre-commit hook (line {use.line})")
    for use in secret_git_hooks(repo):
        found = True
        yield Evidence(use.path, f"{use.tool} git hook (line {use.line})")
    if found:
        return
    configs = secret_configs(repo)
    also = (
        f"; {', '.join(configs)} configures a scanner but nothing runs it"
        if configs
        else ""
    )
    ci = ci_files(repo)
    target = (
        PRE_COMMIT_CONFIG
        if repo.has(PRE_COMMIT_CONFIG)
        else (ci[0].path if ci else None)
    )
    yield Finding(
        "no secret scanner runs in CI or pre-commit hooks (looked for gitleaks, TruffleHog, "
        f"detect-secrets, git-secrets, ggshield, Talisman, secretlint){also}: add a gitleaks "
        "hook to .pre-commit-config.yaml or a gitleaks step to CI",
        target,
        1 if target else None,
        id="no-secret-scanning",
        missing=True,
    )
