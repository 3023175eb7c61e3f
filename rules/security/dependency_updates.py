"""TC0602 dependency-updates: Dependabot, Renovate or Scala Steward reaches every ecosystem."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace

from tcop_lint.facts.code_host import hosted_on
from tcop_lint.facts.ecosystems import EcosystemDir, ecosystems
from tcop_lint.facts.updaters import (
    PARTIAL_COVER,
    RENOVATE_MANAGERS,
    ConfigProblem,
    Dependabot,
    Renovate,
    dependabot_covers,
    dependabot_excludes,
    pip_compile_outputs,
    pyup,
    read_dependabot,
    read_renovate,
    renovate_covers,
    renovate_ignores,
    renovate_reads,
    requirements_files,
    scala_steward,
    unused_directories,
)
from tcop_lint.globs import normalise_directory
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule


@rule(
    code="TC0602",
    name="dependency-updates",
    topic="security",
    level="error",
    summary="Dependabot or Renovate covers every ecosystem and directory the repository has.",
    rationale="""
Point 6 of the Code (make things secure) asks that technology is kept patched. Most
vulnerabilities a service ships are in its dependencies, so every dependency manifest needs an
updater watching it: a Dependabot `updates` entry for its ecosystem and directory, or a Renovate
config whose managers reach it. A config that covers the root `package.json` but not
`web/package.json`, or npm but not the `Dockerfile`, leaves part of the service unpatched.
""",
    remediation="""
Add an entry per ecosystem and directory to `.github/dependabot.yml` (`directories:` accepts
globs):

```yaml
version: 2
updates:
  - package-ecosystem: npm
    directories: ["/", "/web", "/packages/*"]
    schedule:
      interval: weekly
  - package-ecosystem: docker
    directory: /
    schedule:
      interval: weekly
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
```

Or use Renovate (`renovate.json`, `renovate.json5`, `.github/renovate.json`, ...), which covers
every manager in every directory unless `enabledManagers` or `ignorePaths` narrows it:

```json
{ "extends": ["config:recommended"] }
```

sbt builds may be kept up to date by Scala Steward instead: a `.scala-steward.conf` or a
workflow running `scala-steward-org/scala-steward-action` shows it; Python requirements may be
kept current by the PyUp bot (`.pyup.yml`).

When an updater keeps some ecosystems current, each one it misses is a warning; the rule
fails only when nothing in the repository is kept current.

Terraform whose providers and modules carry no version constraint (and no lockfile) and a
Helm chart with no dependencies and no tagged images have nothing to update and need no entry.
An entry whose folder holds nothing of its ecosystem any more (a project moved) is a note:
remove it or point it at the new folder.

Manifests in folders you keep out on purpose (examples, fixtures) can be left out with
Dependabot's `exclude-paths`, Renovate's `ignorePaths`, or `exclude:` in `.tcop-lint.yml`.
Dependabot security updates switched on in the repository settings work without a file: record
that as an attestation.
""",
    attestable=True,
)
def dependency_updates(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    found = ecosystems(repo)
    if not found:
        raise NotApplicable(
            "no dependency manifests, Dockerfiles, workflows or Terraform found"
        )
    dependabot = read_dependabot(repo)
    if dependabot is not None:
        yield from (_problem_finding(p, "Dependabot") for p in dependabot.problems)
    renovate = read_renovate(repo)
    if isinstance(renovate, ConfigProblem):
        yield _problem_finding(renovate, "Renovate")
        renovate = None
    off_github = hosted_on(repo).kind != "github"
    steward = scala_steward(repo) if any(e.ecosystem == "sbt" for e in found) else None
    python_bot = pyup(repo) if any(e.ecosystem == "pip" for e in found) else None

    covered: dict[str, list[EcosystemDir]] = defaultdict(list)
    uncovered: list[Finding] = []
    for eco in found:
        where = _coverer(eco, dependabot, renovate, steward, python_bot)
        if where is not None:
            covered[where].append(eco)
            continue
        left_out = _left_out(eco, dependabot, renovate)
        if left_out is not None:
            yield left_out
            continue
        partial = _partial_cover(eco, dependabot)
        if partial is not None:
            assert dependabot is not None
            covered[dependabot.path].append(eco)
            yield partial
            continue
        uncovered.append(
            Finding(
                _uncovered_message(eco, dependabot, renovate, off_github),
                eco.manifest,
                1,
                id="uncovered-ecosystem",
                key=f"{eco.ecosystem}:{eco.directory}",
                missing=True,
            )
        )
    # An updater that keeps some ecosystems current is evidence the point is met in part:
    # the gaps warn. Only a repository where nothing is kept current fails.
    yield from (replace(f, level="warning") if covered else f for f in uncovered)

    if dependabot is not None:
        yield from _stale_entries(dependabot, found)
    for path, ecos in covered.items():
        yield Evidence(path, _coverage_detail(ecos))
    if renovate is not None and renovate.shared_presets:
        yield Evidence(
            renovate.path,
            "extends shared presets not read here: "
            + ", ".join(renovate.shared_presets),
        )


def _stale_entries(
    dependabot: Dependabot, found: list[EcosystemDir]
) -> Iterator[Finding]:
    """Entries for a folder with nothing of their ecosystem to update: left behind when a
    project moved. Dependabot reports an error for each run; here it is a note."""
    for update, directory in unused_directories(dependabot.updates, found):
        folder = normalise_directory(directory)
        yield Finding(
            f"the {update.ecosystem} entry for {folder} finds nothing to update: no "
            f"{update.ecosystem} manifest declaring dependencies is in or below {folder}; "
            "remove the entry, or point it at the folder that now holds the manifest",
            dependabot.path,
            update.line,
            level="note",
            id="stale-entry",
            key=f"{update.ecosystem}:{folder}",
        )


def _coverer(
    eco: EcosystemDir,
    dependabot: Dependabot | None,
    renovate: Renovate | None,
    steward: str | None,
    python_bot: str | None,
) -> str | None:
    """The config that updates ``eco``, if one does."""
    if dependabot is not None and dependabot_covers(dependabot.updates, eco):
        return dependabot.path
    if renovate is not None and renovate_covers(renovate, eco):
        return renovate.path
    if steward is not None and eco.ecosystem == "sbt":
        return steward
    if python_bot is not None and eco.ecosystem == "pip":
        return python_bot
    return None


def _left_out(
    eco: EcosystemDir, dependabot: Dependabot | None, renovate: Renovate | None
) -> Evidence | None:
    if dependabot is not None and dependabot_excludes(dependabot.updates, eco):
        return Evidence(
            dependabot.path,
            f"{eco.ecosystem} in {eco.directory} left out on purpose by exclude-paths",
        )
    if renovate is not None and renovate_ignores(renovate, eco):
        return Evidence(
            renovate.path,
            f"{eco.ecosystem} in {eco.directory} left out on purpose by ignorePaths",
        )
    return None


def _partial_cover(eco: EcosystemDir, dependabot: Dependabot | None) -> Finding | None:
    """A uv (or Bun) project updated by a pip (or npm) entry, which leaves its lockfile."""
    partial = PARTIAL_COVER.get(eco.ecosystem)
    if (
        dependabot is None
        or partial is None
        or not dependabot_covers(dependabot.updates, eco, ecosystem=partial[0])
    ):
        return None
    other, lockfile = partial
    return Finding(
        f"{eco.ecosystem} dependencies in {_where(eco.directory)} are updated by a "
        f"package-ecosystem: {other} entry in {dependabot.path}, which does not "
        f"update {lockfile}: change it to package-ecosystem: {eco.ecosystem}",
        eco.manifest,
        1,
        level="warning",
        id="partial-cover",
        key=f"{eco.ecosystem}:{eco.directory}",
    )


def _where(directory: str) -> str:
    path = directory.strip("/")
    return f"{path}/" if path else "the root directory"


def _coverage_detail(ecos: list[EcosystemDir]) -> str:
    by_ecosystem: dict[str, list[str]] = defaultdict(list)
    for eco in ecos:
        by_ecosystem[eco.ecosystem].append(eco.directory)
    return "covers " + "; ".join(
        f"{name} in {', '.join(dirs)}" for name, dirs in sorted(by_ecosystem.items())
    )


# -- messages ---------------------------------------------------------------------------------


def _problem_finding(problem: ConfigProblem, tool: str) -> Finding:
    """A config problem as a finding: the tool would reject or misread the file."""
    key = problem.ecosystem or None
    if problem.kind in ("glob-in-directory", "unscheduled-group"):
        key = f"{problem.ecosystem}:{problem.detail}"
    return Finding(
        _PROBLEM_MESSAGES[problem.kind](problem, tool),
        problem.path,
        problem.line,
        id=problem.kind,
        key=key,
    )


_PROBLEM_MESSAGES: dict[str, Callable[[ConfigProblem, str], str]] = {
    "unparsable": lambda p, tool: f"{p.detail}: fix it so {tool} can read the file",
    "not-a-mapping": lambda p, tool: (
        "dependabot.yml is not a mapping: start it with version: 2 and an updates: list"
    ),
    "not-an-object": lambda p, tool: (
        "the Renovate config is not a JSON object: write it as { ... }"
    ),
    "wrong-version": lambda p, tool: (
        f"dependabot.yml has version: {p.detail}, not 2: set version: 2"
    ),
    "no-updates": lambda p, tool: (
        "dependabot.yml has no updates: list: add one entry per ecosystem and directory"
    ),
    "entry-not-a-mapping": lambda p, tool: (
        "an updates entry is not a mapping: give it package-ecosystem, directory and "
        "schedule"
    ),
    "no-ecosystem": lambda p, tool: (
        "an updates entry has no package-ecosystem: add one (npm, pip, docker, "
        "github-actions...)"
    ),
    "unknown-ecosystem": lambda p, tool: (
        f"package-ecosystem: {p.ecosystem} is not a Dependabot ecosystem: "
        + (
            f"use {p.fix}"
            if p.fix
            else "use a value Dependabot knows (npm, pip, docker...)"
        )
    ),
    "glob-in-directory": lambda p, tool: (
        f"the {p.ecosystem} entry's directory: {p.detail} is a glob, which only "
        f"directories: accepts: write directories: [{p.detail!r}]"
    ),
    "no-directory": lambda p, tool: (
        f"the {p.ecosystem} entry has no directory: add directory: / or a directories: list"
    ),
    "unscheduled-group": lambda p, tool: (
        f"the {p.ecosystem} entry's multi-ecosystem-group {p.detail} has no "
        "schedule.interval under multi-ecosystem-groups, so Dependabot rejects the file: "
        f"add multi-ecosystem-groups: {{{p.detail}: {{schedule: {{interval: weekly}}}}}}"
    ),
    "no-schedule": lambda p, tool: (
        f"the {p.ecosystem} entry has no schedule.interval, so Dependabot rejects the "
        "file: add schedule: {interval: weekly}"
    ),
}


def _uncovered_message(
    eco: EcosystemDir,
    dependabot: Dependabot | None,
    renovate: Renovate | None,
    off_github: bool = False,
) -> str:
    what = f"{eco.ecosystem} dependencies in {_where(eco.directory)}"
    entry = (
        f"an updates entry with package-ecosystem: {eco.ecosystem} and "
        f"directory: {eco.directory}"
    )
    if dependabot is None and renovate is None:
        if off_github:  # Dependabot only runs on GitHub
            return (
                f"{what} are not covered by a Dependabot or Renovate config: add a Renovate "
                'config, e.g. renovate.json with {"extends": ["config:recommended"]}'
            )
        return (
            f"{what} are not covered by a Dependabot or Renovate config: add "
            f".github/dependabot.yml with {entry}"
        )
    if dependabot is not None:
        configs = " or ".join(
            p for p in (dependabot.path, renovate and renovate.path) if p
        )
        return f"{what} are not covered by {configs}: add {entry}"
    assert renovate is not None
    return f"{what} are not covered{_renovate_gap(eco, renovate)}"


def _renovate_gap(eco: EcosystemDir, renovate: Renovate) -> str:
    """Why Renovate leaves ``eco`` out, and the fix, after "are not covered"."""
    managers = RENOVATE_MANAGERS.get(eco.ecosystem, ())
    if not renovate.enabled:
        return f": {renovate.path} sets enabled: false; remove it"
    if managers and managers[0] in renovate.disabled_managers:
        return (
            f' by {renovate.path}, which sets "{managers[0]}": {{"enabled": false}}: '
            "remove that"
        )
    if managers and renovate.managers is not None:
        return (
            f" by {renovate.path}, whose enabledManagers leaves out {managers[0]}: "
            f'add "{managers[0]}" to enabledManagers'
        )
    if eco.ecosystem == "pip" and not any(
        renovate_reads(renovate, m, eco) for m in managers
    ):
        return f" by {renovate.path}: {_python_files_fix(eco)}"
    return f" by {renovate.path}: add a Renovate manager for them"


def _python_files_fix(eco: EcosystemDir) -> str:
    """The manager and file patterns that make Renovate read the entry's files."""
    outputs = pip_compile_outputs(eco)
    if outputs:
        return (
            "Renovate's pip-compile manager reads no file until managerFilePatterns names the "
            "files pip-compile writes (it finds their .in sources from their headers): add "
            f'"pip-compile": {{"managerFilePatterns": [{_globs(outputs)}]}}'
        )
    return (
        "Renovate's pip_requirements manager reads only files named like "
        f'requirements*.txt: add "pip_requirements": {{"managerFilePatterns": '
        f"[{_globs(requirements_files(eco))}]}}"
    )


def _globs(paths: list[str]) -> str:
    """Quoted globs naming ``paths`` by folder and extension: ``"requirements/*.txt"``."""
    globs = sorted(
        {
            posixpath.join(posixpath.dirname(p), "*" + posixpath.splitext(p)[1])
            for p in paths
        }
    )
    return ", ".join(f'"{glob}"' for glob in globs)
