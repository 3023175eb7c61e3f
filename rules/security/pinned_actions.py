"""TC0607 pinned-actions: third-party actions and reusable workflows pinned to commit SHAs."""

from __future__ import annotations

import re
from collections import Counter
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
        counts: Counter[str] = Counter()
        for owner, uses in uses_references(repo, path):
            kind, problem = _classify(uses, trust)
            if problem is None:
                counts[kind] += 1
                continue
            yield Finding(
                problem,
                path,
                owner.line_of("uses"),
                id="unpinned-action",
                key=uses.strip(),
            )
        if counts:
            yield Evidence(path, _what_was_checked(counts))


# What a reference that needs no change is, in the order the evidence lists them.
_KINDS = {
    "trusted": (
        "reference to a GitHub-owned action",
        "references to GitHub-owned actions",
        "trusted (not SHA-pinned)",
    ),
    "github-pinned": (
        "reference to a GitHub-owned action",
        "references to GitHub-owned actions",
        "pinned",
    ),
    "pinned": ("third-party reference", "third-party references", "pinned"),
    "local": ("local action", "local actions", "in this repository"),
    "expression": (
        "reference set by an expression",
        "references set by expressions",
        "(not checked)",
    ),
}


def _what_was_checked(counts: Counter[str]) -> str:
    """``1 reference to a GitHub-owned action trusted (not SHA-pinned), 2 third-party
    references pinned``."""
    parts = []
    for kind, (one, many, what) in _KINDS.items():
        if counts[kind]:
            parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many} {what}")
    return ", ".join(parts)


def _classify(uses: str, trust_github_owned: bool) -> tuple[str, str | None]:
    """What kind of reference ``uses`` is, and what is wrong with it (``None``: nothing)."""
    uses = uses.strip()
    if uses.startswith("./"):
        return "local", None
    if "${{" in uses:
        return "expression", None
    if uses.startswith("docker://"):
        if _DIGEST.search(uses):
            return "pinned", None
        image = uses[len("docker://") :].split("@")[0]
        name = _IMAGE_TAG.sub("", image)
        return "pinned", (
            f"{uses} is not pinned to an image digest: pin it, e.g. "
            f"docker://{name}@sha256:<digest>"
        )
    name, _, ref = uses.partition("@")
    github_owned = name.split("/")[0].lower() in _TRUSTED_OWNERS
    if _FULL_SHA.fullmatch(ref):
        return ("github-pinned" if github_owned else "pinned"), None
    if trust_github_owned and github_owned:
        return "trusted", None
    comment = ref or "v1.2.3"
    if not ref:
        why = "has no version"
    elif _SHORT_SHA.fullmatch(ref):
        why = "is pinned to a short SHA, which can be ambiguous"
    else:
        why = "is not pinned to a full commit SHA"
    return "pinned", (
        f"{uses} {why}: pin to a full commit SHA, e.g. {name}@<40-hex> # {comment}"
    )
