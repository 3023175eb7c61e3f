"""Point 6, make things secure: a way to report vulnerabilities, dependency updates that reach
every ecosystem, static analysis and secret scanning, and GitHub workflows that hold the token
and third-party actions on a short leash."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from tcop_lint.facts.ci import CommandLine, ci_files, find_in_ci
from tcop_lint.facts.ecosystems import (
    DEPENDABOT_ECOSYSTEMS,
    EcosystemDir,
    directory_matches,
    ecosystems,
    normalise_directory,
    skipped,
)
from tcop_lint.facts.source import has_application_source, has_infrastructure_code
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule

# -- shared helpers ---------------------------------------------------------------------------


def _readme(repo: Repository) -> str | None:
    """The root README, where a "nothing found" finding is shown."""
    readmes = [
        p for p in repo.in_directory("") if p.lower().startswith(("readme", "read_me"))
    ]
    return min(readmes, key=lambda p: (len(p), p)) if readmes else None


def _where(directory: str) -> str:
    path = directory.strip("/")
    return f"{path}/" if path else "the root directory"


def _workflows(repo: Repository) -> list[str]:
    return [
        p
        for p in repo.in_directory(".github/workflows")
        if p.lower().endswith((".yml", ".yaml"))
    ]


def _action_files(repo: Repository) -> list[str]:
    return [p for p in repo.by_name("action.yml", "action.yaml") if not skipped(p)]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regular expression: ``**`` spans directories, ``{a,b}`` alternates."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            options = pattern[i + 1 : end].split(",")
            out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out))


def _path_matches(pattern: str, path: str) -> bool:
    """Whether a path glob names ``path`` or one of its parent directories."""
    regex = _glob_regex(pattern.strip().removeprefix("./").strip("/") or "**")
    parts = path.split("/")
    return any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1))


# == TC0601 security-policy ===================================================================

_POLICY_NAME = lazy_re(r"security(?:\.(?:md|markdown|rst|txt|adoc))?")
_POLICY_DIRECTORIES = ("", ".github", "docs")
_CONTACT_ROUTE = lazy_re(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://|\breport", re.IGNORECASE
)
# An email address or URL on a domain reserved for examples (RFC 2606, RFC 6761): a template
# nobody filled in, such as `tcop-lint init`'s <security@your-organisation.example>.
_RESERVED_CONTACT = lazy_re(
    r"(?:[\w.+-]+@|https?://)(?:[\w-]+\.)*"
    r"(?:example\.(?:com|net|org)|[\w-]+\.(?:example|invalid|test)|example)"
    r"(?![\w-]|\.[\w-])",
    re.IGNORECASE,
)
_RFC9116_FIELD = lazy_re(r"^([A-Za-z-]+):[ \t]*(.*?)\s*$", re.MULTILINE)
_APPROVED_STRA = ("completed", "complete", "exempt")


@rule(
    code="TC0601",
    name="security-policy",
    topic="security",
    level="error",
    summary="A security policy says how to report a vulnerability (SECURITY.md or security.txt).",
    rationale="""
Point 6 of the Code (make things secure) asks teams to plan for malicious access and to fix
vulnerabilities quickly. That starts with people who find a vulnerability knowing how to tell
you privately: a `SECURITY.md` (which GitHub links from the repository's Security tab) or an
RFC 9116 `security.txt` with a `Contact:` and an `Expires:` date that has not passed.
""",
    remediation="""
Add `SECURITY.md` in the root, `.github/` or `docs/`, saying how to report a vulnerability:

```markdown
# Security policy

## Reporting a vulnerability

Please do not open a public issue. Email security@example.gov.uk, or use
[private vulnerability reporting](../../security/advisories/new) on GitHub.
We reply within 5 working days.
```

For a website, also publish `.well-known/security.txt` (RFC 9116):

```text
Contact: mailto:security@example.gov.uk
Expires: 2027-01-01T00:00:00Z
Policy: https://example.gov.uk/security-policy
```

A policy in the organisation's `.github` repository applies to every repository without its
own, but cannot be seen from here: record it as an attestation
(`attestations: security: {evidence: <link to the policy>, reviewed: <date>}`). BC government's
`COMPLIANCE.yaml` STRA entry is listed as extra evidence; it does not replace a policy.
""",
    attestable=True,
)
def security_policy(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    evidence: list[Evidence] = []
    problems: list[
        tuple[Finding, bool]
    ] = []  # (finding, is it an error when nothing passes)

    policies = [
        path
        for directory in _POLICY_DIRECTORIES
        for path in repo.in_directory(directory)
        if _POLICY_NAME.fullmatch(posixpath.basename(path).lower())
    ]
    security_txts = [
        p
        for p in repo.by_name("security.txt")
        if posixpath.basename(posixpath.dirname(p)) == ".well-known" and not skipped(p)
    ]
    for path in list(policies):
        # A security.txt with RFC 9116 fields is a security.txt, not a prose policy.
        if path.lower().endswith("security.txt") and _looks_like_rfc9116(
            repo.read_text(path)
        ):
            policies.remove(path)
            security_txts.insert(0, path)

    for path in sorted(policies):
        _check_policy(repo, path, evidence, problems)
    for path in security_txts:
        _check_security_txt(repo, path, options.today, evidence, problems)

    found_policy = bool(evidence)
    for finding, serious in problems:
        # With a working policy elsewhere, a broken second file is a warning, not a failure.
        yield replace(finding, level="warning") if serious and found_policy else finding
    if not policies and not security_txts:
        yield Finding(
            "no security policy found (looked for SECURITY.md in the root, .github/ and docs/, "
            "and .well-known/security.txt): add SECURITY.md saying how to report a "
            "vulnerability privately; a policy in the organisation's .github repository also "
            "applies but cannot be seen here",
            _readme(repo),
            id="missing-policy",
            missing=True,
        )
    yield from evidence
    yield from _stra_evidence(repo)


def _check_policy(
    repo: Repository,
    path: str,
    evidence: list[Evidence],
    problems: list[tuple[Finding, bool]],
) -> None:
    text = repo.read_text(path)
    name = posixpath.basename(path)
    if text is None:
        problems.append(
            (
                Finding(
                    f"{name} cannot be read ({repo.unreadable_reason(path)}): commit it as "
                    "plain text saying how to report a vulnerability",
                    path,
                    level="note",
                ),
                False,
            )
        )
    elif not text.strip():
        problems.append(
            (
                Finding(
                    f"{name} is empty: say how to report a vulnerability privately, e.g. an "
                    "email address or a link to GitHub private vulnerability reporting",
                    path,
                    1,
                ),
                True,
            )
        )
    elif not _CONTACT_ROUTE.search(text):
        problems.append(
            (
                Finding(
                    f"{name} does not say how to report a vulnerability: add an email address "
                    "or a link to a reporting form or GitHub private vulnerability reporting",
                    path,
                    1,
                    level="warning",
                ),
                False,
            )
        )
    else:
        evidence.append(Evidence(path, "security policy"))
        placeholder = _RESERVED_CONTACT.search(text)
        if placeholder:
            line = text.count("\n", 0, placeholder.start()) + 1
            problems.append(
                (
                    Finding(
                        f"{name} still gives the placeholder contact {placeholder.group(0)}: "
                        "replace it with an address or link that reaches your team",
                        path,
                        line,
                        level="warning",
                    ),
                    False,
                )
            )


def _looks_like_rfc9116(text: str | None) -> bool:
    return bool(
        text and re.search(r"^(?:Contact|Expires):", text, re.MULTILINE | re.IGNORECASE)
    )


def _check_security_txt(
    repo: Repository,
    path: str,
    today: dt.date,
    evidence: list[Evidence],
    problems: list[tuple[Finding, bool]],
) -> None:
    text = repo.read_text(path)
    if text is None:
        problems.append(
            (
                Finding(
                    f"security.txt cannot be read ({repo.unreadable_reason(path)}): commit it "
                    "as plain text",
                    path,
                    level="note",
                ),
                False,
            )
        )
        return
    fields: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for match in _RFC9116_FIELD.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        fields[match.group(1).lower()].append((match.group(2), line))
    broken = False
    if not fields.get("contact"):
        broken = True
        problems.append(
            (
                Finding(
                    "security.txt has no Contact: field: add one, e.g. "
                    "Contact: mailto:security@example.gov.uk (RFC 9116)",
                    path,
                    1,
                ),
                True,
            )
        )
    expires = fields.get("expires")
    if not expires:
        broken = True
        problems.append(
            (
                Finding(
                    "security.txt has no Expires: field: add one less than a year ahead, e.g. "
                    f"Expires: {today.replace(day=1) + dt.timedelta(days=300):%Y-%m-%d}T00:00:00Z "
                    "(RFC 9116)",
                    path,
                    1,
                ),
                True,
            )
        )
    else:
        value, line = expires[0]
        date = _rfc3339_date(value)
        if date is None:
            broken = True
            problems.append(
                (
                    Finding(
                        f"security.txt Expires: {value!r} is not an RFC 3339 date-time: write "
                        "it as 2027-01-01T00:00:00Z",
                        path,
                        line,
                    ),
                    True,
                )
            )
        elif date < today:
            broken = True
            problems.append(
                (
                    Finding(
                        f"security.txt expired on {date}: set Expires: to a date less than a "
                        "year ahead and check the Contact: still works",
                        path,
                        line,
                    ),
                    True,
                )
            )
    if not broken:
        evidence.append(Evidence(path, f"security.txt (expires {date})"))


# RFC 3339's date-time (section 5.6; T and Z in either case), which RFC 9116 requires:
# datetime.fromisoformat also takes a bare date or a week date, and refuses "z".
_RFC3339_DATE_TIME = lazy_re(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})"
)


def _rfc3339_date(value: str) -> dt.date | None:
    text = value.strip()
    if not _RFC3339_DATE_TIME.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text.upper()).date()
    except ValueError:  # a 13th month, a 25th hour...
        return None


def _stra_evidence(repo: Repository) -> Iterator[Evidence]:
    """BC government's COMPLIANCE.yaml: a completed or exempt STRA is security evidence."""
    path = repo.find("COMPLIANCE.yaml", "COMPLIANCE.yml")
    if path is None:
        return
    data = repo.parsed(path, "yaml").data
    spec = data.get("spec") if isinstance(data, dict) else None
    for item in spec if isinstance(spec, list) else ():
        if not isinstance(item, dict) or str(item.get("name", "")).upper() != "STRA":
            continue
        status = str(item.get("status", "")).strip().lower()
        if status in _APPROVED_STRA:
            updated = item.get("last-updated")
            when = f" (last updated {updated})" if updated else ""
            yield Evidence(
                path,
                f"BC COMPLIANCE.yaml: Security Threat and Risk Assessment {status}{when}",
            )


# == TC0602 dependency-updates ================================================================

DEPENDABOT_CONFIGS = (".github/dependabot.yml", ".github/dependabot.yaml")
RENOVATE_CONFIGS = (
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
    ".gitea/renovate.json",
    ".gitea/renovate.json5",
    ".forgejo/renovate.json",
    ".forgejo/renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
)
# Dependabot ecosystem -> the Renovate managers that update it.
RENOVATE_MANAGERS: dict[str, tuple[str, ...]] = {
    "npm": ("npm",),
    "bun": ("bun", "npm"),
    "pip": (
        "pip_requirements",
        "pip-compile",
        "pip_setup",
        "pipenv",
        "poetry",
        "pep621",
        "setup-cfg",
    ),
    "uv": ("pep621",),
    "bundler": ("bundler",),
    "gomod": ("gomod",),
    "cargo": ("cargo",),
    "maven": ("maven",),
    "gradle": ("gradle",),
    "composer": ("composer",),
    "nuget": ("nuget",),
    "mix": ("mix",),
    "docker": ("dockerfile",),
    "docker-compose": ("docker-compose",),
    "github-actions": ("github-actions",),
    "terraform": ("terraform",),
    "helm": ("helmv3",),
    "sbt": ("sbt",),
}
# An ecosystem whose manifest another Dependabot ecosystem updates, but not its lockfile.
_PARTIAL_COVER = {"uv": ("pip", "uv.lock"), "bun": ("npm", "bun.lock")}
_ECOSYSTEM_MISTAKES = {
    "yarn": "npm",
    "pnpm": "npm",
    "node": "npm",
    "javascript": "npm",
    "python": "pip",
    "pipenv": "pip",
    "poetry": "pip",
    "pip-compile": "pip",
    "go": "gomod",
    "golang": "gomod",
    "rust": "cargo",
    "ruby": "bundler",
    "rubygems": "bundler",
    "gem": "bundler",
    "actions": "github-actions",
    "github_actions": "github-actions",
    "githubactions": "github-actions",
    "dockerfile": "docker",
    "docker_compose": "docker-compose",
    "compose": "docker-compose",
    "hex": "mix",
    "elixir": "mix",
    "dotnet": "nuget",
    "php": "composer",
    "java": "maven",
    "helmv3": "helm",
    "scala": "sbt",
}
# Presets that bring in `:ignoreModulesAndTests` (Renovate's own defaults skip the first two).
_RENOVATE_DEFAULT_IGNORE = ("**/node_modules/**", "**/bower_components/**")
_RENOVATE_MODULES_AND_TESTS = (
    "**/node_modules/**",
    "**/bower_components/**",
    "**/vendor/**",
    "**/examples/**",
    "**/__tests__/**",
    "**/test/**",
    "**/tests/**",
    "**/__fixtures__/**",
)
_PRESETS_IGNORING_TESTS = frozenset(
    {
        ":ignoreModulesAndTests",
        "config:recommended",
        "config:base",
        "config:best-practices",
        "config:js-app",
        "config:js-lib",
        "security:only-security-updates",
    }
)


@dataclass
class _Update:
    """One Dependabot ``updates`` entry."""

    ecosystem: str
    directories: list[str]
    globs: bool
    exclude_paths: list[str]


@dataclass
class _Renovate:
    path: str
    enabled: bool = True
    managers: set[str] | None = None
    disabled_managers: set[str] = field(default_factory=set)
    # managers given files of their own (managerFilePatterns, or fileMatch before v40)
    extended_managers: set[str] = field(default_factory=set)
    ignore_paths: tuple[str, ...] = _RENOVATE_DEFAULT_IGNORE
    shared_presets: list[str] = field(default_factory=list)


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
workflow running `scala-steward-org/scala-steward-action` shows it.

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

    dependabot_path = next((p for p in DEPENDABOT_CONFIGS if repo.has(p)), None)
    updates: list[_Update] = []
    if dependabot_path:
        updates, problems = _read_dependabot(repo, dependabot_path)
        yield from problems
    renovate = _read_renovate(repo)
    if isinstance(renovate, Finding):
        yield renovate
        renovate = None

    gitlab = repo.has(".gitlab-ci.yml") and not repo.under(".github")
    steward = _scala_steward(repo) if any(e.ecosystem == "sbt" for e in found) else None
    covered: dict[str, list[EcosystemDir]] = defaultdict(list)
    for eco in found:
        if dependabot_path and _dependabot_covers(updates, eco):
            covered[dependabot_path].append(eco)
            continue
        if renovate is not None and _renovate_covers(renovate, eco):
            covered[renovate.path].append(eco)
            continue
        if steward is not None and eco.ecosystem == "sbt":
            covered[steward].append(eco)
            continue
        if dependabot_path and _dependabot_excludes(updates, eco):
            yield Evidence(
                dependabot_path,
                f"{eco.ecosystem} in {eco.directory} left out on purpose by exclude-paths",
            )
            continue
        if renovate is not None and _renovate_ignores(renovate, eco):
            yield Evidence(
                renovate.path,
                f"{eco.ecosystem} in {eco.directory} left out on purpose by ignorePaths",
            )
            continue
        partial = _PARTIAL_COVER.get(eco.ecosystem)
        if (
            dependabot_path
            and partial
            and _dependabot_covers(updates, eco, ecosystem=partial[0])
        ):
            covered[dependabot_path].append(eco)
            yield Finding(
                f"{eco.ecosystem} dependencies in {_where(eco.directory)} are updated by a "
                f"package-ecosystem: {partial[0]} entry in {dependabot_path}, which does not "
                f"update {partial[1]}: change it to package-ecosystem: {eco.ecosystem}",
                eco.manifest,
                1,
                level="warning",
            )
            continue
        yield Finding(
            _uncovered_message(eco, dependabot_path, renovate, gitlab),
            eco.manifest,
            1,
        )

    for path, ecos in covered.items():
        yield Evidence(path, _coverage_detail(ecos))
    if renovate is not None and renovate.shared_presets:
        yield Evidence(
            renovate.path,
            "extends shared presets not read here: "
            + ", ".join(renovate.shared_presets),
        )


_SCALA_STEWARD_CONFIGS = (
    ".scala-steward.conf",
    ".github/.scala-steward.conf",
    ".config/.scala-steward.conf",
)


def _scala_steward(repo: Repository) -> str | None:
    """Where Scala Steward, which updates sbt builds, shows: its config for this repository or
    the CI file of a step running it."""
    config = next((p for p in _SCALA_STEWARD_CONFIGS if repo.has(p)), None)
    if config is not None:
        return config
    steps = find_in_ci(repo, r"scala-steward-org/scala-steward-action")
    return steps[0].path if steps else None


def _coverage_detail(ecos: list[EcosystemDir]) -> str:
    by_ecosystem: dict[str, list[str]] = defaultdict(list)
    for eco in ecos:
        by_ecosystem[eco.ecosystem].append(eco.directory)
    return "covers " + "; ".join(
        f"{name} in {', '.join(dirs)}" for name, dirs in sorted(by_ecosystem.items())
    )


def _uncovered_message(
    eco: EcosystemDir,
    dependabot_path: str | None,
    renovate: _Renovate | None,
    gitlab: bool = False,
) -> str:
    what = f"{eco.ecosystem} dependencies in {_where(eco.directory)}"
    entry = (
        f"an updates entry with package-ecosystem: {eco.ecosystem} and "
        f"directory: {eco.directory}"
    )
    if dependabot_path is None and renovate is None:
        if gitlab:  # Dependabot only runs on GitHub
            return (
                f"{what} are not covered by a Dependabot or Renovate config: add a Renovate "
                'config, e.g. renovate.json with {"extends": ["config:recommended"]}'
            )
        return (
            f"{what} are not covered by a Dependabot or Renovate config: add "
            f".github/dependabot.yml with {entry}"
        )
    configs = " or ".join(p for p in (dependabot_path, renovate and renovate.path) if p)
    if dependabot_path is not None:
        return f"{what} are not covered by {configs}: add {entry}"
    assert renovate is not None
    managers = RENOVATE_MANAGERS.get(eco.ecosystem, ())
    if not renovate.enabled:
        return f"{what} are not covered: {renovate.path} sets enabled: false; remove it"
    if managers and managers[0] in renovate.disabled_managers:
        return (
            f'{what} are not covered by {renovate.path}, which sets "{managers[0]}": '
            f'{{"enabled": false}}: remove that'
        )
    if managers and renovate.managers is not None:
        return (
            f"{what} are not covered by {renovate.path}, whose enabledManagers leaves out "
            f'{managers[0]}: add "{managers[0]}" to enabledManagers'
        )
    if eco.ecosystem == "pip" and not any(
        _renovate_reads(renovate, m, eco) for m in managers
    ):
        folders = sorted(
            {posixpath.dirname(p) for p in eco.files if p.endswith(".txt")}
        )
        glob = f"{folders[0]}/*.txt" if folders and folders[0] else "*.txt"
        return (
            f"{what} are not covered by {renovate.path}: Renovate's pip_requirements "
            "manager reads only files named like requirements*.txt: add "
            f'"pip_requirements": {{"managerFilePatterns": ["{glob}"]}}'
        )
    return f"{what} are not covered by {renovate.path}: add a Renovate manager for them"


# -- Dependabot -------------------------------------------------------------------------------


def _read_dependabot(
    repo: Repository, path: str
) -> tuple[list[_Update], list[Finding]]:
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        return [], [
            Finding(
                f"{parsed.error}: fix it so Dependabot can read the file",
                path,
                parsed.line or 1,
            )
        ]
    data = parsed.data
    if not isinstance(data, dict):
        return [], [
            Finding(
                "dependabot.yml is not a mapping: start it with version: 2 and an updates: "
                "list",
                path,
                1,
            )
        ]
    problems: list[Finding] = []
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _key: 1)
    if data.get("version") != 2 or isinstance(data.get("version"), bool):
        problems.append(
            Finding(
                f"dependabot.yml has version: {data.get('version')!r}, not 2: set version: 2",
                path,
                line_of("version"),
            )
        )
    entries = data.get("updates")
    if not isinstance(entries, list) or not entries:
        problems.append(
            Finding(
                "dependabot.yml has no updates: list: add one entry per ecosystem and "
                "directory",
                path,
                line_of("updates"),
            )
        )
        return [], problems
    groups = data.get("multi-ecosystem-groups")
    scheduled_groups = {
        name
        for name, group in (groups.items() if isinstance(groups, dict) else ())
        if isinstance(group, dict) and _has_interval(group)
    }
    updates = []
    for index, entry in enumerate(entries):
        line = entries.line_of(index) if isinstance(entries, LineList) else 1
        update = _read_update(entry, path, line, problems, scheduled_groups)
        if update is not None:
            updates.append(update)
    return updates, problems


def _has_interval(config: dict[str, Any]) -> bool:
    schedule = config.get("schedule")
    return isinstance(schedule, dict) and bool(schedule.get("interval"))


def _read_update(
    entry: Any,
    path: str,
    line: int,
    problems: list[Finding],
    scheduled_groups: set[str],
) -> _Update | None:
    if not isinstance(entry, dict):
        problems.append(
            Finding(
                "an updates entry is not a mapping: give it package-ecosystem, directory and "
                "schedule",
                path,
                line,
            )
        )
        return None
    at = entry.line_of if isinstance(entry, LineDict) else (lambda _key: line)
    ecosystem = entry.get("package-ecosystem")
    if not isinstance(ecosystem, str) or not ecosystem:
        problems.append(
            Finding(
                "an updates entry has no package-ecosystem: add one (npm, pip, docker, "
                "github-actions...)",
                path,
                line,
            )
        )
        return None
    if ecosystem not in DEPENDABOT_ECOSYSTEMS:
        suggestion = _ECOSYSTEM_MISTAKES.get(ecosystem.lower())
        fix = (
            f"use {suggestion}"
            if suggestion
            else "use a value Dependabot knows (npm, pip, docker...)"
        )
        problems.append(
            Finding(
                f"package-ecosystem: {ecosystem} is not a Dependabot ecosystem: {fix}",
                path,
                at("package-ecosystem"),
            )
        )
        return None
    directory, directories = entry.get("directory"), entry.get("directories")
    if isinstance(directory, str) and directory.strip():
        if re.search(r"[*?\[{]", directory):
            problems.append(
                Finding(
                    f"the {ecosystem} entry's directory: {directory} is a glob, which only "
                    f"directories: accepts: write directories: [{directory!r}]",
                    path,
                    at("directory"),
                )
            )
        dirs, globs = [directory], False
    elif isinstance(directories, list) and directories:
        dirs = [d for d in directories if isinstance(d, str) and d.strip()]
        globs = True
    else:
        problems.append(
            Finding(
                f"the {ecosystem} entry has no directory: add directory: / or a "
                "directories: list",
                path,
                line,
            )
        )
        return None
    group = entry.get("multi-ecosystem-group")
    if isinstance(group, str) and group:
        if group not in scheduled_groups and not _has_interval(entry):
            problems.append(
                Finding(
                    f"the {ecosystem} entry's multi-ecosystem-group {group} has no "
                    "schedule.interval under multi-ecosystem-groups, so Dependabot rejects "
                    f"the file: add multi-ecosystem-groups: {{{group}: {{schedule: "
                    "{interval: weekly}}}",
                    path,
                    at("multi-ecosystem-group"),
                )
            )
    elif not _has_interval(entry):  # a group member takes the group's schedule
        problems.append(
            Finding(
                f"the {ecosystem} entry has no schedule.interval, so Dependabot rejects the "
                "file: add schedule: {interval: weekly}",
                path,
                at("schedule"),
            )
        )
    excludes = entry.get("exclude-paths")
    exclude_paths = (
        [e for e in excludes if isinstance(e, str)]
        if isinstance(excludes, list)
        else []
    )
    return _Update(ecosystem, dirs, globs, exclude_paths)


def _dependabot_covers(
    updates: list[_Update], eco: EcosystemDir, ecosystem: str | None = None
) -> bool:
    wanted = ecosystem or eco.ecosystem
    targets = [eco.directory]
    # A github-actions entry reads its directory's YAML files (and for "/", also
    # .github/workflows and a root action), so workflows alone are read from either.
    if (
        wanted == "github-actions"
        and eco.directory == "/"
        and all(f.startswith(".github/workflows/") for f in eco.files)
    ):
        targets.append("/.github/workflows")
    for update in updates:
        if update.ecosystem != wanted:
            continue
        for directory in update.directories:
            if update.globs:
                if any(directory_matches(directory, t) for t in targets):
                    return True
            elif normalise_directory(directory) in targets:
                return True
    return False


def _dependabot_excludes(updates: list[_Update], eco: EcosystemDir) -> bool:
    for update in updates:
        if update.ecosystem != eco.ecosystem or not update.exclude_paths:
            continue
        for directory in update.directories:
            base = normalise_directory(re.split(r"[*?\[{]", directory)[0]).strip("/")
            prefix = base + "/" if base else ""
            if not eco.manifest.startswith(prefix):
                continue
            relative = eco.manifest[len(prefix) :]
            if any(_path_matches(p, relative) for p in update.exclude_paths):
                return True
    return False


# -- Renovate ---------------------------------------------------------------------------------


def _read_renovate(repo: Repository) -> _Renovate | Finding | None:
    path = next((p for p in RENOVATE_CONFIGS if repo.has(p)), None)
    if path is not None:
        parsed = repo.parsed(path, "json5")
        if not parsed.ok:
            return Finding(
                f"{parsed.error}: fix it so Renovate can read the file",
                path,
                parsed.line or 1,
            )
        data = parsed.data
    else:
        if not repo.has("package.json"):
            return None
        package = repo.parsed("package.json", "json").data
        data = package.get("renovate") if isinstance(package, dict) else None
        if not isinstance(data, dict):
            return None
        path = "package.json"
    if not isinstance(data, dict):
        return Finding(
            "the Renovate config is not a JSON object: write it as { ... }", path, 1
        )
    config = _Renovate(path, enabled=data.get("enabled") is not False)
    managers = data.get("enabledManagers")
    if (
        isinstance(managers, list) and managers
    ):  # [] is Renovate's default: every manager
        config.managers = {m for m in managers if isinstance(m, str)}
    for manager in {m for ms in RENOVATE_MANAGERS.values() for m in ms}:
        settings = data.get(manager)
        if isinstance(settings, dict) and settings.get("enabled") is False:
            config.disabled_managers.add(manager)
        if isinstance(settings, dict) and any(
            isinstance(settings.get(k), list) and settings[k]
            for k in ("managerFilePatterns", "fileMatch")
        ):
            config.extended_managers.add(manager)
    extends = data.get("extends")
    presets = (
        [e for e in extends if isinstance(e, str)] if isinstance(extends, list) else []
    )
    if any(p in _PRESETS_IGNORING_TESTS for p in presets):
        config.ignore_paths = _RENOVATE_MODULES_AND_TESTS
    ignore = data.get("ignorePaths")
    if isinstance(ignore, list):
        config.ignore_paths = tuple(p for p in ignore if isinstance(p, str))
    config.shared_presets = [p for p in presets if re.match(r"[\w-]+>", p)]
    return config


def _renovate_covers(renovate: _Renovate, eco: EcosystemDir) -> bool:
    if not renovate.enabled or _renovate_ignores(renovate, eco):
        return False
    managers = [
        m
        for m in RENOVATE_MANAGERS.get(eco.ecosystem, ())
        if m not in renovate.disabled_managers
    ]
    if renovate.managers is not None:
        managers = [m for m in managers if m in renovate.managers]
    if eco.ecosystem == "pip":
        return any(_renovate_reads(renovate, m, eco) for m in managers)
    return bool(managers)


# The files a Python manager of Renovate reads unless given others (its default
# managerFilePatterns, docs.renovatebot.com/modules/manager/NAME); pip-compile reads none.
_RENOVATE_PYTHON_FILES = {
    "pip_requirements": r"[\w-]*requirements(?:[-.]\w+)?\.(?:txt|pip)",
    "pip_setup": r"setup\.py",
    "pipenv": r"Pipfile",
    "poetry": r"pyproject\.toml",
    "pep621": r"pyproject\.toml",
    "setup-cfg": r"setup\.cfg",
}


def _renovate_reads(renovate: _Renovate, manager: str, eco: EcosystemDir) -> bool:
    if manager in renovate.extended_managers:
        return True  # its patterns are JavaScript expressions or globs: trust them
    pattern = _RENOVATE_PYTHON_FILES.get(manager)
    return pattern is not None and any(
        re.fullmatch(pattern, posixpath.basename(path)) for path in eco.files
    )


def _renovate_ignores(renovate: _Renovate, eco: EcosystemDir) -> bool:
    """Renovate's match: the pattern is a substring of the path, or a glob naming it."""
    return renovate.enabled and any(
        pattern in eco.manifest or _glob_regex(pattern).fullmatch(eco.manifest)
        for pattern in renovate.ignore_paths
        if pattern
    )


# == TC0603 dependency-freshness ==============================================================

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

Change the threshold with `rules: {TC0603: {options: {max-age-days: 365}}}` in `.tcop-lint.yml`.
""",
    options={
        "max-age-days": Option(
            "integer", 180, "days without a dependency change before it warns"
        )
    },
)
def dependency_freshness(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    entries = [e for e in ecosystems(repo) if e.ecosystem in _FRESHNESS_ECOSYSTEMS]
    if not entries:
        raise NotApplicable("no package manifests found")
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
    if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 1:
        yield Finding(
            f"option max-age-days is {max_age!r}, not a whole number of days: set it like "
            "max-age-days: 180 (180 is used meanwhile)",
            level="note",
        )
        max_age = 180
    changed = repo.git.last_changed(sorted({f for e in entries for f in e.files}))
    for entry in entries:
        stamps = [changed[f] for f in entry.files if f in changed]
        if not stamps:
            continue  # never committed: new
        newest = max(stamps)
        age = (options.today - newest.date()).days
        if age <= max_age:
            yield Evidence(entry.manifest, f"dependencies last changed {newest.date()}")
            continue
        if not _changed_since(repo, entry, newest):
            yield Evidence(
                entry.manifest,
                f"dependencies last changed {newest.date()}, and nothing else there since",
            )
            continue
        yield Finding(
            f"{entry.ecosystem} dependencies in {_where(entry.directory)} were last changed on "
            f"{newest.date()}, more than {max_age} days ago, while other files there kept "
            "changing: update them and merge the update pull requests",
            entry.manifest,
            1,
            key=f"{entry.ecosystem}:{entry.directory}",
        )


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


# == TC0604 static-analysis ===================================================================

_SAST_TOOLS: tuple[tuple[str, str], ...] = (
    (
        "CodeQL",
        (
            r"github/codeql-action/(?:init|analyze|autobuild)|\bcodeql\s+database\b|"
            # an organisation's shared CodeQL workflow: alphagov/govuk-infrastructure's
            # .github/workflows/codeql-analysis.yml@main, ministryofjustice/
            # hmpps-github-actions' .github/workflows/security_codeql.yml@v2
            r"\buses:\s*['\"]?[\w.-]+/[\w.-]+/\.github/workflows/[\w.-]*codeql[\w.-]*\.ya?ml@"
        ),
    ),
    ("Semgrep", r"\bsemgrep\b"),
    ("Bandit", r"\bbandit\b"),
    ("Brakeman", r"\bbrakeman\b"),
    ("gosec", r"\bgosec\b"),
    (
        "SonarQube/SonarCloud",
        (
            r"sonar-scanner|sonarcloud-github-action|sonarqube-scan-action|sonarsource/|"
            r"\bsonar:sonar\b|\bsonarqube\b|\bsonarcloud\b|dotnet-sonarscanner"
        ),
    ),
    ("Snyk", r"\bsnyk\b"),
    ("SpotBugs/find-sec-bugs", r"\bspotbugs\b|findsecbugs|find-sec-bugs"),
    ("njsscan", r"\bnjsscan\b"),
    ("Psalm taint analysis", r"\bpsalm\b.*--taint-analysis"),
    ("GitLab SAST", r"\bSAST(?:-IaC)?\.(?:latest\.)?gitlab-ci\.yml\b"),
    ("Checkmarx", r"\bcheckmarx\b(?!/kics)|\bcxflow\b"),
    # CircleCI orb jobs join words with "_": hmpps/veracode_pipeline_scan
    ("Veracode", r"(?<![a-z0-9])veracode(?![a-z0-9])"),
    ("Fortify", r"\bfortify\b|\bsourceanalyzer\b"),
    ("Bearer", r"\bbearer/bearer-action\b|\bbearer\s+scan\b"),
    ("Horusec", r"\bhorusec\b"),
    # Infrastructure as code is code: these analyse Terraform, CloudFormation, Kubernetes...
    ("tfsec", r"\btfsec\b"),
    ("Checkov", r"\bcheckov\b"),
    ("KICS", r"\bkics\b"),
    ("Terrascan", r"\bterrascan\b"),
    (
        "Trivy misconfiguration scanning",
        (
            r"\btrivy\s+(?:config|conf)\b|\bscan-type:\s*['\"]?config\b|"
            # --scanners, the action's scanners input, or --security-checks before v0.37;
            # "config" is the scanner's name before v0.41
            r"(?:--scanners[ =]|--security-checks[ =]|\bscanners:\s*)['\"]?[\w,]*"
            r"\b(?:misconfig|config)\b"
        ),
    ),
)
_SCA_TOOLS: tuple[tuple[str, str], ...] = (
    ("Trivy", r"(?<![a-z0-9])trivy(?![a-z0-9])"),
    ("Grype", r"\bgrype\b"),
    ("OSV-Scanner", r"\bosv-scanner\b"),
    ("dependency review", r"actions/dependency-review-action"),
    ("pip-audit", r"\bpip-audit\b"),
    ("npm audit", r"\b(?:npm|yarn|pnpm)\s+audit\b"),
    ("govulncheck", r"\bgovulncheck\b"),
    ("OWASP Dependency-Check", r"dependency[-_]check"),
)
_SECURITY_ESLINT_PLUGINS = (
    "eslint-plugin-security",
    "eslint-plugin-no-unsanitized",
    "@microsoft/eslint-plugin-sdl",
)
_PRE_COMMIT_SAST_HOOKS = {"bandit": "Bandit", "semgrep": "Semgrep", "gosec": "gosec"}


def _ci_hits(repo: Repository, pattern: str) -> list[CommandLine]:
    """CI lines matching ``pattern``, leaving out YAML/shell comment lines."""
    return [
        line
        for line in find_in_ci(repo, pattern)
        if not line.text.lstrip().startswith("#")
    ]


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
    analysers = [
        *(
            Evidence(hit.path, f"{label} (line {hit.line})")
            for label, pattern in _SAST_TOOLS
            for hit in _ci_hits(repo, pattern)[:1]
        ),
        *(
            Evidence(name, "SonarQube/SonarCloud project configuration")
            for name in ("sonar-project.properties", ".sonarcloud.properties")
            if repo.has(name)
        ),
        *_eslint_security(repo),
        *_build_tool_security(repo),
        *_pre_commit_hooks(repo, _PRE_COMMIT_SAST_HOOKS, in_ci_only=True),
    ]
    if not analysers and not (
        has_application_source(repo) or has_infrastructure_code(repo)
    ):
        raise NotApplicable(
            "no application source or infrastructure code found (only documentation or "
            "configuration), so there is no code to analyse"
        )
    yield from analysers
    scanners = []
    for label, pattern in _SCA_TOOLS:
        for hit in _ci_hits(repo, pattern)[:1]:
            scanners.append(label)
            yield Evidence(
                hit.path,
                f"{label} (line {hit.line}; dependency/container scanning, not static analysis)",
            )
    if analysers:
        return
    ci = ci_files(repo)
    also = (
        f"; {', '.join(scanners)} scans dependencies or images, not your code"
        if scanners
        else ""
    )
    yield Finding(
        "no static analysis tool runs in CI (looked for CodeQL, Semgrep, Bandit, Brakeman, "
        "gosec, SonarQube/SonarCloud, Snyk, ESLint security plugins, SpotBugs/find-sec-bugs "
        f"and others){also}: add a code scanning job, e.g. github/codeql-action",
        ci[0].path if ci else None,
        1 if ci else None,
    )


def _eslint_security(repo: Repository) -> Iterator[Evidence]:
    from tcop_lint.facts.dependencies import has_dependency

    plugins = has_dependency(repo, *_SECURITY_ESLINT_PLUGINS, ecosystem="npm")
    if not plugins:
        return
    runs = _ci_hits(repo, r"\beslint\b")
    if runs:
        names = ", ".join(sorted({p.name for p in plugins}))
        yield Evidence(runs[0].path, f"ESLint with {names} (line {runs[0].line})")


def _build_tool_security(repo: Repository) -> Iterator[Evidence]:
    """Security analysers configured in a build that CI runs: find-sec-bugs, gosec, Ruff's S."""
    builds = repo.by_name("pom.xml", "build.gradle", "build.gradle.kts")
    if any(
        "findsecbugs" in (repo.read_text(p) or "") for p in builds if not skipped(p)
    ):
        runs = _ci_hits(repo, r"\b(?:mvnw?|gradlew?)\b")
        if runs:
            yield Evidence(
                runs[0].path,
                f"SpotBugs find-sec-bugs via the build (line {runs[0].line})",
            )
    golangci = repo.find(
        ".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"
    )
    if golangci and re.search(r"\bgosec\b", repo.read_text(golangci) or ""):
        runs = _ci_hits(repo, r"golangci-lint")
        if runs:
            yield Evidence(
                runs[0].path, f"gosec via golangci-lint (line {runs[0].line})"
            )
    if _ruff_selects_bandit(repo):
        runs = _ci_hits(repo, r"\bruff\b")
        if runs:
            yield Evidence(
                runs[0].path, f"Ruff flake8-bandit rules (S) (line {runs[0].line})"
            )


def _ruff_selects_bandit(repo: Repository) -> bool:
    for path, prefix in (
        ("pyproject.toml", ("tool", "ruff")),
        ("ruff.toml", ()),
        (".ruff.toml", ()),
    ):
        if not repo.has(path):
            continue
        node: Any = repo.parsed(path, "toml").data
        for key in prefix:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            continue
        for table in (node, node.get("lint")):
            if not isinstance(table, dict):
                continue
            for key in ("select", "extend-select"):
                codes = table.get(key)
                if isinstance(codes, list) and any(
                    isinstance(c, str) and (c == "ALL" or re.fullmatch(r"S\d*", c))
                    for c in codes
                ):
                    return True
    return False


def _pre_commit_hooks(
    repo: Repository, wanted: dict[str, str], *, in_ci_only: bool
) -> Iterator[Evidence]:
    """Hooks in ``.pre-commit-config.yaml`` whose id starts with a ``wanted`` name."""
    path = ".pre-commit-config.yaml"
    if not repo.has(path):
        return
    data = repo.parsed(path, "yaml").data
    if in_ci_only:
        runs = _ci_hits(repo, r"\bpre-commit\b")
        if not runs and not (isinstance(data, dict) and "ci" in data):
            return
    repos = data.get("repos") if isinstance(data, dict) else None
    for entry in repos if isinstance(repos, list) else ():
        hooks = entry.get("hooks") if isinstance(entry, dict) else None
        for index, hook in enumerate(hooks if isinstance(hooks, list) else ()):
            hook_id = hook.get("id") if isinstance(hook, dict) else None
            if not isinstance(hook_id, str):
                continue
            for name, label in wanted.items():
                if hook_id.lower().startswith(name):
                    line = hooks.line_of(index) if isinstance(hooks, LineList) else 1
                    yield Evidence(path, f"{label} pre-commit hook (line {line})")
                    break


# == TC0605 secret-scanning ===================================================================

_SECRET_SCANNERS: tuple[tuple[str, str], ...] = (
    ("gitleaks", r"\bgitleaks\b"),
    ("TruffleHog", r"\btrufflehog\b"),
    ("detect-secrets", r"\bdetect-secrets\b"),
    ("git-secrets", r"\bgit[- ]secrets\b"),
    ("ggshield", r"\bggshield\b|gitguardian/ggshield"),
    ("Talisman", r"\btalisman\b"),
    ("secretlint", r"\bsecretlint\b"),
    ("Nosey Parker", r"\bnoseyparker\b|\bnosey-parker\b"),
    ("GitLab Secret Detection", r"Secret-Detection(?:\.latest)?\.gitlab-ci\.yml"),
)
_SECRET_HOOKS = {
    "gitleaks": "gitleaks",
    "trufflehog": "TruffleHog",
    "detect-secrets": "detect-secrets",
    "git-secrets": "git-secrets",
    "ggshield": "ggshield",
    "talisman": "Talisman",
    "secretlint": "secretlint",
    "ripsecrets": "ripsecrets",
}
_SECRET_CONFIGS = (
    ".gitleaks.toml",
    ".secrets.baseline",
    ".talismanrc",
    ".gitguardian.yaml",
)
_GIT_HOOK_FILES = ("lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml")


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
    for label, pattern in _SECRET_SCANNERS:
        for hit in _ci_hits(repo, pattern)[:1]:
            found = True
            yield Evidence(hit.path, f"{label} in CI (line {hit.line})")
    for hit in _trivy_secret_scans(repo)[:1]:
        found = True
        yield Evidence(hit.path, f"Trivy secret scanning in CI (line {hit.line})")
    for evidence in _pre_commit_hooks(repo, _SECRET_HOOKS, in_ci_only=False):
        found = True
        yield evidence
    hook_files = [p for p in _GIT_HOOK_FILES if repo.has(p)] + [
        p for p in repo.in_directory(".husky") if not p.endswith(".gitignore")
    ]
    for path in hook_files:
        for label, pattern in _SECRET_SCANNERS:
            line = repo.line_of(path, rf"(?im)^(?![ \t]*#).*(?:{pattern})")
            if line:
                found = True
                yield Evidence(path, f"{label} git hook (line {line})")
                break
    if found:
        return
    configs = [p for p in _SECRET_CONFIGS if repo.has(p)]
    also = (
        f"; {', '.join(configs)} configures a scanner but nothing runs it"
        if configs
        else ""
    )
    target = (
        ".pre-commit-config.yaml"
        if repo.has(".pre-commit-config.yaml")
        else (ci_files(repo)[0].path if ci_files(repo) else None)
    )
    yield Finding(
        "no secret scanner runs in CI or pre-commit hooks (looked for gitleaks, TruffleHog, "
        f"detect-secrets, git-secrets, ggshield, Talisman, secretlint){also}: add a gitleaks "
        "hook to .pre-commit-config.yaml or a gitleaks step to CI",
        target,
        1 if target else None,
    )


# Trivy scans a file system or repository for secrets unless its scanners leave them out
# (the default is vuln,secret); trivy-action does so with scan-type fs or repo.
_TRIVY_SOURCE_SCAN = (
    r"\btrivy\s+(?:fs|filesystem|repo|repository)\b|"
    r"\bscan-type:\s*['\"]?(?:fs|filesystem|repo|repository)\b"
)
_TRIVY_SCANNERS = lazy_re(
    r"(?:--scanners[ =]|--security-checks[ =]|\bscanners:\s*)['\"]?([\w,]+)",
    re.IGNORECASE,
)


def _trivy_secret_scans(repo: Repository) -> list[CommandLine]:
    return [
        hit
        for hit in _ci_hits(repo, _TRIVY_SOURCE_SCAN)
        if "secret" in _trivy_scanners(repo, hit)
    ]


def _trivy_scanners(repo: Repository, hit: CommandLine) -> set[str]:
    """The scanners a Trivy run uses: its --scanners flag, or the action's scanners input
    beside scan-type, else Trivy's default."""
    match = _TRIVY_SCANNERS.search(hit.text)
    if match is None and "scan-type" in hit.text:
        match = next(
            filter(None, map(_TRIVY_SCANNERS.search, _mapping_siblings(repo, hit))),
            None,
        )
    return set(match.group(1).lower().split(",")) if match else {"vuln", "secret"}


def _mapping_siblings(repo: Repository, hit: CommandLine) -> list[str]:
    """The other lines of the block mapping ``hit`` is a key of (a step's ``with:``)."""
    lines = (repo.read_text(hit.path) or "").splitlines()
    if not 0 < hit.line <= len(lines):
        return []
    indent = len(lines[hit.line - 1]) - len(lines[hit.line - 1].lstrip())
    siblings: list[str] = []
    for step in (-1, 1):
        index = hit.line - 1 + step
        while 0 <= index < len(lines):
            text = lines[index]
            depth = len(text) - len(text.lstrip())
            if text.strip() and depth < indent:
                break
            if depth == indent:
                siblings.append(text)
            index += step
    return siblings


# == TC0606 workflow-permissions ==============================================================

_PERMISSION_LEVELS = ("read-all", "write-all")


@rule(
    code="TC0606",
    name="workflow-permissions",
    topic="security",
    level="warning",
    summary="Every GitHub Actions workflow sets least-privilege permissions for its token.",
    rationale="""
Point 6 of the Code (make things secure) asks for least privilege. Without a `permissions:`
block a workflow's `GITHUB_TOKEN` gets the repository's default, which is often write access
to contents, packages and pull requests: one compromised step or dependency can then push code
or publish releases. Setting `permissions:` in every workflow (top level, or on every job)
keeps the token to what each workflow needs, whatever the repository default is.
""",
    remediation="""
Start every workflow with read-only permissions and widen them per job:

```yaml
permissions:
  contents: read

jobs:
  release:
    permissions:
      contents: write   # only this job can push tags
```

Never use `permissions: write-all`. A workflow triggered only by `workflow_call` runs with
the token its caller passes and can only narrow it, so it needs no block of its own when
every workflow here that calls it sets one.
""",
)
def workflow_permissions(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    workflows = _workflows(repo)
    if not workflows:
        raise NotApplicable("no GitHub Actions workflows in .github/workflows")
    callers = _local_callers(repo, workflows)
    for path in workflows:
        yield from _check_permissions(repo, path, callers.get(path, []))


def _local_callers(
    repo: Repository, workflows: list[str]
) -> dict[str, list[tuple[str, bool]]]:
    """Reusable workflow → (workflow calling it with ``uses: ./...``, whether that call
    restricts the token), for the calls in this repository."""
    callers: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for path in workflows:
        workflow = repo.parsed(path, "yaml").data
        if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
            continue
        top = workflow.get("permissions", _MISSING)
        for job in workflow["jobs"].values():
            uses = job.get("uses") if isinstance(job, dict) else None
            if isinstance(uses, str) and uses.startswith("./.github/workflows/"):
                given = job.get("permissions", top)
                restricted = given is not _MISSING and given != "write-all"
                callers[posixpath.normpath(uses)].append((path, restricted))
    return callers


def _only_called(workflow: dict[Any, Any]) -> bool:
    """Whether ``workflow_call`` is the workflow's only trigger (YAML 1.1 reads on: as true)."""
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, dict):
        triggers = list(triggers)
    elif isinstance(triggers, str):
        triggers = [triggers]
    return triggers == ["workflow_call"]


def _check_permissions(
    repo: Repository, path: str, callers: list[tuple[str, bool]]
) -> Iterator[Finding | Evidence]:
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        yield Finding(
            f"{parsed.error}: fix the workflow so GitHub can run it",
            path,
            parsed.line or 1,
        )
        return
    workflow = parsed.data
    if not isinstance(workflow, dict):
        yield Finding(
            "the workflow is not a YAML mapping with on and jobs keys: rewrite it as one so "
            "GitHub can run it",
            path,
            getattr(workflow, "line", 1),
        )
        return
    top = workflow.get("permissions", _MISSING)
    problems = list(_permission_problems(workflow, top, path, "workflow"))
    yield from problems
    jobs = workflow.get("jobs")
    jobs = jobs if isinstance(jobs, dict) else {}
    without: list[str] = []
    for name, job in jobs.items():
        if not isinstance(job, dict):
            continue
        own = job.get("permissions", _MISSING)
        if own is _MISSING:
            without.append(str(name))
        else:
            yield from _permission_problems(job, own, path, f"job {name}")
    if (
        top is _MISSING
        and without
        and callers
        and all(restricted for _, restricted in callers)
        and _only_called(workflow)
    ):
        # a called workflow's token can only be narrowed from the one its caller gives it
        names = ", ".join(sorted({posixpath.basename(caller) for caller, _ in callers}))
        yield Evidence(path, f"permissions set by the workflows that call it ({names})")
    elif top is _MISSING and (without or not jobs):
        which = f" (jobs without them: {', '.join(without)})" if jobs else ""
        yield Finding(
            "the workflow does not set permissions for its GITHUB_TOKEN"
            f"{which}: add permissions: {{contents: read}} at the top level, or set "
            "permissions on every job",
            path,
            1,
        )
    elif not problems:
        where = "top level" if top is not _MISSING else "every job"
        yield Evidence(path, f"permissions set ({where})")


_MISSING = object()


def _permission_problems(
    owner: dict, value: Any, path: str, what: str
) -> Iterator[Finding]:
    if value is _MISSING or isinstance(value, dict):
        return
    line = owner.line_of("permissions") if isinstance(owner, LineDict) else 1
    if value == "write-all":
        yield Finding(
            f"the {what} sets permissions: write-all, giving its token every write scope: "
            "list only the scopes it needs, e.g. permissions: {contents: read}",
            path,
            line,
        )
    elif value not in _PERMISSION_LEVELS:
        yield Finding(
            f"the {what} sets permissions: {value!r}, which GitHub does not accept: use "
            "read-all or a map such as {contents: read}",
            path,
            line,
        )


# == TC0607 pinned-actions ====================================================================

_FULL_SHA = lazy_re(r"[0-9a-fA-F]{40}")
_DIGEST = lazy_re(r"@sha256:[0-9a-fA-F]{64}$")
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
    files = _workflows(repo) + _action_files(repo)
    if not files:
        raise NotApplicable("no GitHub Actions workflows or action.yml files")
    for path in files:
        pinned = 0
        for owner, uses in _uses(repo, path):
            problem = _pin_problem(uses, trust)
            if problem is None:
                pinned += 1
                continue
            yield Finding(problem, path, owner.line_of("uses"))
        if pinned:
            yield Evidence(
                path, f"{pinned} action reference(s) pinned, local or trusted"
            )


def _uses(repo: Repository, path: str) -> Iterator[tuple[LineDict, str]]:
    """Every mapping with a string ``uses:`` in a workflow's jobs and steps, or an action's steps."""
    data = repo.parsed(path, "yaml").data
    if not isinstance(data, dict):
        return
    if posixpath.basename(path).lower() in ("action.yml", "action.yaml"):
        runs = data.get("runs")
        step_lists = [runs.get("steps")] if isinstance(runs, dict) else []
    else:
        jobs = data.get("jobs")
        jobs = list(jobs.values()) if isinstance(jobs, dict) else []
        step_lists = []
        for job in jobs:
            if not isinstance(job, LineDict):
                continue
            if isinstance(job.get("uses"), str):
                yield job, job["uses"]
            step_lists.append(job.get("steps"))
    for steps in step_lists:
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, LineDict) and isinstance(step.get("uses"), str):
                yield step, step["uses"]


def _pin_problem(uses: str, trust_github_owned: bool) -> str | None:
    uses = uses.strip()
    if uses.startswith("./") or "${{" in uses:
        return None
    if uses.startswith("docker://"):
        if _DIGEST.search(uses):
            return None
        image = uses[len("docker://") :].split("@")[0]
        name = re.sub(r":[^/:]+$", "", image)
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
    elif re.fullmatch(r"[0-9a-fA-F]{7,39}", ref):
        why = "is pinned to a short SHA, which can be ambiguous"
    else:
        why = "is not pinned to a full commit SHA"
    return f"{uses} {why}: pin to a full commit SHA, e.g. {name}@<40-hex> # {comment}"
