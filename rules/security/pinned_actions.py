"""TC0607 pinned-actions: third-party actions and reusable workflows pinned to commit SHAs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcop_lint.facts.workflows import action_files, uses_references, workflow_files
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule

_FULL_SHA = lazy_re(r"[0-9a-fA-F]{40}")
_SHORT_SHA = lazy_re(r"[0-9a-fA-F]{7,39}")
_DIGEST = lazy_re(r"@sha256:[0-9a-fA-F]{64}$")
_IMAGE_TAG = re.compile(r":[^/:]+$")
_TRUSTED_OWNERS = ("actions", "github")


@rule(
    code="TC0607",
    name="pinned-actions",
    topic="security",
    level="warning",
    summary="Third-party GitHub Actions and reusable workflows are pinned to full commit SHAs.",
    rationale="""
Point 6 of the Code (make things secure) asks teams to manage supply-chain risk. A tag such as
`@v4` can be moved by whoever controls the action's repository, so a compromised action
(as happened to `tj-actions/changed-files` in 2025) runs in every workflow that uses it, with
its secrets. A full 40-character commit SHA cannot be moved; Dependabot and Renovate keep SHA
pins up to date and keep the version in a comment.
""",
    remediation="""
Pin every third-party action and reusable workflow to a full commit SHA, with the version in
a comment:

```yaml
- uses: tj-actions/changed-files@2f7c5bfce28377bc069a65ba478de0a74aa0ca32  # v46.0.1
```

Container actions: pin the image digest, `docker://alpine@sha256:<digest>`. Actions owned by
GitHub (`actions/*`, `github/*`) are trusted by default; set
`rules: {TC0607: {options: {trust-github-owned: false}}}` to require SHAs for them too.
Tools such as `pinact` or `ratchet` rewrite tags to SHAs for you.
""",
    options={
        "trust-github-owned": Option(
            "boolean", True, "accept actions/* and github/* pinned to a tag"
        )
    },
)
def pinned_actions(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    trust = options["trust-github-owned"]
    files = workflow_files(repo) + action_files(repo)
    if not files:
        raise NotApplicable("no GitHub Actions workflows or action.yml files")
    for path in files:
        pinned = 0
        for owner, uses in uses_references(repo, path):
            problem = _pin_problem(uses, trust)
            if problem is None:
                pinned += 1
                continue
            yield Finding(
                problem,
                path,
                owner.line_of("uses"),
                id="unpinned-action",
                key=uses.strip(),
            )
        if pinned:
            yield Evidence(
                path, f"{pinned} action reference(s) pinned, local or trusted"
            )


def _pin_problem(uses: str, trust_github_owned: bool) -> str | None:
    uses = uses.strip()
    if uses.startswith("./") or "${{" in uses:
        return None
    if uses.startswith("docker://"):
        if _DIGEST.search(uses):
            return None
        image = uses[len("docker://") :].split("@")[0]
        name = _IMAGE_TAG.sub("", image)
        return (
            f"{uses} is not pinned to an image digest: pin it, e.g. "
            f"docker://{name}@sha256:<digest>"
        )
    name, _, ref = uses.partition("@")
    owner = name.split("/")[0].lower()
    if trust_github_owned and owner in _TRUSTED_OWNERS:
        return None
    if _FULL_SHA.fullmatch(ref):
        return None
    comment = ref or "v1.2.3"
    if not ref:
        why = "has no version"
    elif _SHORT_SHA.fullmatch(ref):
        why = "is pinned to a short SHA, which can be ambiguous"
    else:
        why = "is not pinned to a full commit SHA"
    return f"{uses} {why}: pin to a full commit SHA, e.g. {name}@<40-hex> # {comment}"
