"""``tcop-lint init [PATH] [--dry-run]``: write the evidence files a repository is missing.

Never overwrites. What it writes, and when it leaves a file alone:

- ``.tcop-lint.yml``: the detected profile (``bc`` when BC government's ``COMPLIANCE.yaml`` or
  ``bcgovpubcode.yaml`` is present, else ``uk``) and every other option commented out, under a
  ``# yaml-language-server: $schema=`` line naming the config schema's published URL
  (``config.SCHEMA_URL``, also its ``$id``), so that editors validate it. Kept when a config exists (``.tcop-lint.yml``/``.yaml`` or
  ``[tool.tcop-lint]`` in pyproject.toml).
- ``privacy-assessment.yml``: the packaged template with the eight screening questions. Written
  only when the privacy-assessment rule finds no assessment in any form it reads (YAML,
  Markdown, a BC ``COMPLIANCE.yaml`` PIA): init asks the rule itself.
- ``SECURITY.md``: a policy template with placeholders, when the security-policy rule finds no
  policy (SECURITY.md in the root, ``.github/`` or ``docs/``, a ``security.txt``, a disclosure
  policy under another name or a README section); a policy found under another name or in the
  README is to be moved, so init says so and writes nothing.
- ``.github/dependabot.yml``: one updates entry per ecosystem and directory, from the same
  detection the dependency-updates rule uses, so that rule passes right after, each with a
  ``cooldown`` of :data:`COOLDOWN_DAYS` days: a release is proposed only once it has been public
  that long, time in which a hijacked release is usually found and pulled. Kept when a
  Dependabot config exists; skipped when Renovate is configured (wherever Renovate reads its
  config, as the rule finds it: ``tcop_lint.facts.updaters``) or there is nothing to update.
- ``renovate.json`` instead, on a GitLab, Bitbucket or Azure DevOps repository
  (:func:`~tcop_lint.facts.code_host.hosted_on`),
  where Dependabot does not run: ``config:recommended`` with the same cooldown as
  ``minimumReleaseAge``. Kept when Renovate is configured; skipped when a Dependabot config
  exists (to be moved by hand) or there is nothing to update.

Each file is reported on one line: ``wrote PATH (detail)``, ``kept PATH (exists)`` or
``skipped PATH (reason)``; ``--dry-run`` prints ``would write PATH (detail):`` and the content,
and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tcop_lint import config as config_module
from tcop_lint import engine
from tcop_lint.data import read_text as read_data_file
from tcop_lint.facts.code_host import HOST_NAMES, hosted_on
from tcop_lint.facts.ecosystems import EcosystemDir, ecosystems
from tcop_lint.facts.updaters import dependabot_path, renovate_path
from tcop_lint.registry import builtin_rules, entry_point_rules, index
from tcop_lint.repository import DEFAULT_MAX_BYTES, Repository, RepositoryError
from tcop_lint.results import Report

BC_MARKERS = (
    "COMPLIANCE.yaml",
    "COMPLIANCE.yml",
    "bcgovpubcode.yaml",
    "bcgovpubcode.yml",
)
PRIVACY_RULE = "TC0701"
PRIVACY_MISSING = "missing-assessment"  # the finding id when no assessment exists
SECURITY_RULE = "TC0601"
SECURITY_MISSING = "missing-policy"  # the finding id when no policy exists
# ids of a policy found under another name or in the README: move it, do not write a template
SECURITY_ELSEWHERE = ("non-standard-name", "policy-in-readme")
COOLDOWN_DAYS = 7
"""Days a new release waits before an update tool proposes it (Dependabot ``cooldown``,
Renovate ``minimumReleaseAge``)."""
RENOVATE_TARGET = "renovate.json"


class InitError(Exception):
    """PATH cannot be initialised (not a directory, a broken config); exit code 2."""


@dataclass(frozen=True)
class Step:
    """What init does with one file: ``write`` it, or leave it (``kept``/``skipped``)."""

    action: str
    path: str
    detail: str
    content: str | None = None


def run(root: Path, *, dry_run: bool = False) -> list[str]:
    """Plan and (unless ``dry_run``) write; return the lines to print."""
    steps = plan(root)
    lines: list[str] = []
    for step in steps:
        if step.action != "write":
            lines.append(f"{step.action} {step.path} ({step.detail})")
        elif dry_run:
            lines.append(f"would write {step.path} ({step.detail}):")
            lines += [
                f"    {line}".rstrip() for line in (step.content or "").splitlines()
            ]
        else:
            lines.append(_write(root, step))
    return lines


def plan(root: Path) -> list[Step]:
    if not root.is_dir():
        raise InitError(
            f"{root}: {'not a directory' if root.exists() else 'no such directory'}"
        )
    try:
        config = config_module.load(root.resolve())
        repo = Repository(
            root,
            exclude=config.exclude,
            max_bytes=config.max_file_bytes or DEFAULT_MAX_BYTES,
        )
    except (config_module.ConfigError, RepositoryError) as exc:
        raise InitError(str(exc)) from None
    report = _rule_report(root, config)
    return [
        _config_step(repo, config),
        _evidence_step(
            report,
            PRIVACY_RULE,
            PRIVACY_MISSING,
            "privacy-assessment.yml",
            _privacy_template,
            "answer the eight screening questions, then set reviewed",
        ),
        _evidence_step(
            report,
            SECURITY_RULE,
            SECURITY_MISSING,
            "SECURITY.md",
            _security_template,
            "replace the <placeholders>",
            elsewhere_ids=SECURITY_ELSEWHERE,
        ),
        _updates_step(repo),
    ]


# -- .tcop-lint.yml --------------------------------------------------------------------------


def _config_step(repo: Repository, config: config_module.Config) -> Step:
    if config.path is not None:
        shown = (
            config.path
            if config.path != "pyproject.toml"
            else "pyproject.toml [tool.tcop-lint]"
        )
        return Step("kept", shown, "exists")
    marker = repo.find(*BC_MARKERS)
    profile = "bc" if marker else "uk"
    detected = f"{marker} is present" if marker else "no BC government files found"
    return Step(
        "write",
        ".tcop-lint.yml",
        f"profile {profile}",
        _config_template(profile, detected, dt.date.today()),
    )


def _config_template(profile: str, detected: str, today: dt.date) -> str:
    reviewed = today.isoformat()
    expires = today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat()
    return f"""\
# yaml-language-server: $schema={config_module.SCHEMA_URL}
# tcop-lint configuration, written by `tcop-lint init`. Every key but profile is optional;
# uncomment what you need. Reference: https://github.com/tcop-lint/tcop-lint#configuration

# Edition of the Technology Code of Practice: uk (13 points) or bc (the BC government draft,
# 12 points). Detected: {profile} ({detected}).
profile: {profile}

# Levels and options per rule, by code or name: off, note, warning or error.
# `tcop-lint list-rules` lists them; `tcop-lint explain RULE` explains one.
# rules:
#   open-document-formats: off
#   TC0603:
#     level: note
#     options: {{max-age-days: 365}}

# Paths no rule sees (gitignore-style).
# exclude:
#   - fixtures/

# Gaps you cannot close yet: reported as exempt with the reason until they expire (an expired
# exemption is itself an error).
# exemptions:
#   - rule: open-document-formats
#     paths: [docs/legacy/**]
#     reason: Historic board papers kept in their original format
#     expires: {expires}
#     approved-by: Head of Digital

# Evidence kept outside the repository (a setting, an organisation-wide app, an assessment
# report), keyed by topic, rule code or rule name. An in-date attestation makes the rule pass;
# one reviewed more than max-age-days ago (default 365) warns.
# attestations:
#   purchasing:
#     evidence: https://intranet.example.gov.uk/commercial/strategy
#     reviewed: {reviewed}
#   service-standard:
#     evidence: https://www.gov.uk/service-standard-reports/your-service
#     reviewed: {reviewed}
#     max-age-days: 730

# Allow rules to call the code host's API (e.g. to confirm the repository is public).
# online: false
"""


# -- privacy-assessment.yml and SECURITY.md: asked of the rules themselves -------------------


def _rule_report(root: Path, config: config_module.Config) -> Report:
    rules = index([*builtin_rules(), *entry_point_rules()])
    selection = engine.Selection(select=(PRIVACY_RULE, SECURITY_RULE))
    try:
        return engine.run(root, config, rules, selection=selection, online=False)
    except config_module.ConfigError:
        # The config names rules of a local plugin folder, which init does not load: look
        # with the defaults instead.
        return engine.run(
            root, config_module.Config(), rules, selection=selection, online=False
        )


def _evidence_step(
    report: Report,
    code: str,
    missing_id: str,
    target: str,
    template: Callable[[], str],
    advice: str,
    elsewhere_ids: tuple[str, ...] = (),
) -> Step:
    results = [r for r in report.results if r.rule.code == code]
    if not results:
        return Step("skipped", target, f"rule {code} is off in the config")
    result = results[0]
    if result.outcome == "error":
        return Step("skipped", target, f"rule {code} could not check: {result.reason}")
    if result.outcome == "skipped":
        return Step("skipped", target, f"rule {code} does not apply: {result.reason}")
    if any(f.id == missing_id for f in result.findings):
        return Step("write", target, advice, template())
    elsewhere = next((f for f in result.findings if f.id in elsewhere_ids), None)
    if elsewhere is not None:
        return Step(
            "skipped", target, f"{elsewhere.path} holds it: move it to {target}"
        )
    where = next(
        (e.path for e in result.evidence if not e.detail.startswith("attestation")),
        None,
    ) or next((f.path for f in result.findings if f.path), None)
    if where is None:
        attested = next((e.path for e in result.evidence), None)
        return Step("skipped", target, f"attested in {attested}")
    if where.lower() == target.lower():
        return Step("kept", where, "exists")
    return Step("skipped", target, f"{where} exists")


def _privacy_template() -> str:
    return read_data_file("privacy-assessment.yml")


def _security_template() -> str:
    return """\
# Security policy

## Reporting a vulnerability

Please do not report a security vulnerability in a public issue, discussion or pull request.

Report it privately, either:

- by email to <security@your-organisation.example>, or
- with GitHub's [private vulnerability reporting](../../security/advisories/new): the "Report a
  vulnerability" button on this repository's Security tab (a repository administrator switches
  it on under Settings, Code security).

Please include what is affected (a URL, file, version or commit), how to reproduce the problem,
and the impact you think it has.

We will acknowledge your report within <5> working days, keep you informed while we fix it, and
credit you when we disclose it if you wish.

## Supported versions

<Only the latest release and the live service> receive security fixes.

## Scope

<This repository's code and the service it runs at https://www.service.example.>
"""


# -- .github/dependabot.yml, or renovate.json off GitHub --------------------------------------


def _updates_step(repo: Repository) -> Step:
    host = hosted_on(repo)
    return (
        _dependabot_step(repo)
        if host.kind == "github"
        else _renovate_step(repo, HOST_NAMES[host.kind], host.reason)
    )


def _renovate_step(repo: Repository, host: str, reason: str) -> Step:
    existing = renovate_path(repo)
    if existing:
        return Step("kept", existing, "exists")
    dependabot = dependabot_path(repo)
    if dependabot:
        return Step(
            "skipped",
            RENOVATE_TARGET,
            f"{dependabot} configures Dependabot, which does not run on {host}: "
            "move its settings to Renovate",
        )
    found = ecosystems(repo)
    if not found:
        return Step("skipped", RENOVATE_TARGET, "no package ecosystems found")
    detail = f"on {host}, as {reason}: Renovate covers " + ", ".join(
        f"{e.ecosystem} {e.directory}" for e in found
    )
    return Step("write", RENOVATE_TARGET, detail, renovate_config())


def renovate_config() -> str:
    """A ``renovate.json``: Renovate's recommended preset and a cooldown for new releases."""
    config = {
        "$schema": "https://docs.renovatebot.com/renovate-schema.json",
        "extends": ["config:recommended"],
        "minimumReleaseAge": f"{COOLDOWN_DAYS} days",
    }
    return json.dumps(config, indent=2) + "\n"


def _dependabot_step(repo: Repository) -> Step:
    existing = dependabot_path(repo)
    if existing:
        return Step("kept", existing, "exists")
    renovate = renovate_path(repo)
    if renovate:
        return Step(
            "skipped", ".github/dependabot.yml", f"{renovate} configures Renovate"
        )
    found = ecosystems(repo)
    if not found:
        return Step("skipped", ".github/dependabot.yml", "no package ecosystems found")
    detail = ", ".join(f"{e.ecosystem} {e.directory}" for e in found)
    return Step("write", ".github/dependabot.yml", detail, dependabot_config(found))


def dependabot_config(found: list[EcosystemDir]) -> str:
    """A ``dependabot.yml`` with one weekly updates entry per ecosystem and directory."""
    lines = [
        "# Dependabot version updates, written by `tcop-lint init` for every package ecosystem",
        "# and directory in this repository. When you add one, add its entry here (tcop-lint's",
        "# dependency-updates rule reports any that is missing). A new release is proposed once it",
        f"# is {COOLDOWN_DAYS} days old (cooldown), by when a hijacked one is usually found. Options:",
        (
            "# https://docs.github.com/en/code-security/dependabot/working-with-dependabot/"
            "dependabot-options-reference"
        ),
        "version: 2",
        "updates:",
    ]
    for entry in found:
        lines += [
            f"  - package-ecosystem: {_scalar(entry.ecosystem)}",
            f"    directory: {_scalar(entry.directory)}",
            "    schedule:",
            "      interval: weekly",
            "    cooldown:",
            f"      default-days: {COOLDOWN_DAYS}",
        ]
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar: plain when that is unambiguous, else a JSON (= YAML) quoted string."""
    if re.fullmatch(r"[A-Za-z0-9/_.-]+", value) and not value.startswith("-"):
        return value
    return json.dumps(value)


# -- writing ---------------------------------------------------------------------------------


def _write(root: Path, step: Step) -> str:
    target = root / step.path
    if not target.parent.resolve().is_relative_to(root.resolve()):
        return f"skipped {step.path} (its directory is outside the repository)"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(step.content or "")
    except FileExistsError:
        return f"kept {step.path} (exists)"
    return f"wrote {step.path} ({step.detail})"
