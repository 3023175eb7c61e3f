"""TC0603 dependency-freshness: manifests and lockfiles change as the code around them does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from tcop_lint.facts.ecosystems import EcosystemDir, ecosystems
from tcop_lint.facts.tests import FIXTURE_DIRECTORY
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule

# Ecosystems whose manifests list versioned libraries; Dockerfiles with floating tags and
# workflows with major-version refs stay current without edits, so they are not judged here.
_FRESHNESS_ECOSYSTEMS = frozenset(
    {
        "npm",
        "bun",
        "pip",
        "uv",
        "bundler",
        "gomod",
        "cargo",
        "maven",
        "gradle",
        "composer",
        "nuget",
        "mix",
        "sbt",
    }
)
_ACTIVITY_BATCH = 500
_ACTIVITY_LIMIT = 5000
_MAX_AGE = Option("integer", 180, "days without a dependency change before it warns")


@rule(
    code="TC0603",
    name="dependency-freshness",
    topic="security",
    level="warning",
    summary="Dependency manifests and lockfiles change as the code around them changes.",
    rationale="""
Point 6 of the Code (make things secure) asks for patching as part of running a service. A
lockfile nobody has touched for six months while the code beside it keeps changing is a sign
that dependency updates are not being applied, whatever the update bot is configured to do.
""",
    remediation="""
Update the dependencies (`npm update`, `pip-compile --upgrade`, `uv lock --upgrade`,
`bundle update`, `go get -u ./...`, `cargo update`...) and merge the update pull requests
Dependabot or Renovate raise. The check reads git history, so in CI fetch it all:

```yaml
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
  with:
    fetch-depth: 0
```

Manifests in test-data folders (`fixtures/`, `testdata/`) are left out: they are kept as they
are on purpose. Change the threshold with `rules: {TC0603: {options: {max-age-days: 365}}}` in `.tcop-lint.yml`.
""",
    options={"max-age-days": _MAX_AGE},
)
def dependency_freshness(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    entries = [
        e
        for e in ecosystems(repo)
        if e.ecosystem in _FRESHNESS_ECOSYSTEMS
        and not FIXTURE_DIRECTORY.search(e.manifest)
    ]
    if not entries:
        raise NotApplicable(
            "no package manifest declares dependencies (a package.json without any has "
            "nothing to keep up to date)"
        )
    if not repo.is_git:
        raise NotApplicable("not a git repository, so there is no history to read")
    if not repo.git.has_commits:
        raise NotApplicable("the repository has no commits yet")
    if repo.git.is_shallow:
        raise NotApplicable(
            "shallow clone: fetch full history (actions/checkout with fetch-depth: 0) to "
            "check dependency freshness"
        )
    max_age = options["max-age-days"]
    if max_age < 1:
        yield Finding(
            f"option max-age-days is {max_age!r}, not a positive number of days: set it "
            f"like max-age-days: {_MAX_AGE.default} ({_MAX_AGE.default} is used meanwhile)",
            level="note",
            id="bad-max-age",
        )
        max_age = _MAX_AGE.default
    changed = repo.git.last_changed(sorted({f for e in entries for f in e.files}))
    for entry in entries:
        stamps = [changed[f] for f in entry.files if f in changed]
        if not stamps:
            continue  # never committed: new
        newest = max(stamps)
        age = (options.today - newest.date()).days
        if age <= max_age:
            yield Evidence(entry.manifest, f"dependencies last changed {newest.date()}")
        elif not _changed_since(repo, entry, newest):
            yield Evidence(
                entry.manifest,
                f"dependencies last changed {newest.date()}, and nothing else there since",
            )
        else:
            yield Finding(
                f"{entry.ecosystem} dependencies in {_where(entry.directory)} were last "
                f"changed on {newest.date()}, more than {max_age} days ago, while other "
                "files there kept changing: update them and merge the update pull requests",
                entry.manifest,
                1,
                id="stale-dependencies",
                key=f"{entry.ecosystem}:{entry.directory}",
            )


def _where(directory: str) -> str:
    path = directory.strip("/")
    return f"{path}/" if path else "the root directory"


def _changed_since(repo: Repository, entry: EcosystemDir, since: dt.datetime) -> bool:
    """Whether anything in the entry's directory but its own manifests changed after ``since``."""
    if not entry.path:
        return repo.git.commit_count_since(since + dt.timedelta(seconds=1)) > 0
    own = set(entry.files)
    others = [p for p in repo.under(entry.path) if p not in own][:_ACTIVITY_LIMIT]
    for start in range(0, len(others), _ACTIVITY_BATCH):
        stamps = repo.git.last_changed(others[start : start + _ACTIVITY_BATCH])
        if any(stamp > since for stamp in stamps.values()):
            return True
    return False
