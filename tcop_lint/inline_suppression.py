"""Inline suppressions, applied by the engine: ``tcop-lint: ignore[CODE] reason`` comments
(read by :mod:`tcop_lint.facts.inline_suppressions`) suppress the findings they name, and the
engine's own rule ``TC0001`` notes the comments that cannot or did not (README, "Inline
suppressions")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from tcop_lint.config import Config
from tcop_lint.facts import inline_suppressions
from tcop_lint.facts.inline_suppressions import InlineSuppression
from tcop_lint.registry import lookup
from tcop_lint.repository import Repository
from tcop_lint.results import ReportedFinding, RuleResult, Suppression, outcome_of
from tcop_lint.rule import TOOL_TOPIC, Evidence, Finding, Options, Rule


def _no_check(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    yield from ()


INLINE_SUPPRESSION_RULE = Rule(
    code="TC0001",
    name="inline-suppression",
    topic=TOOL_TOPIC,
    level="note",
    summary="Inline suppression comments name known rules, give a reason and are used.",
    rationale=(
        "A `tcop-lint: ignore[CODE] reason` comment accepts a finding where it is, as an "
        "exemption does in the config. One that names no rule, gives no reason, names an "
        "unknown rule or no longer matches a finding hides nothing but misleads a reader."
    ),
    remediation=(
        "Write `# tcop-lint: ignore[TC0607] reason` (or `//` where the file's comments "
        "start so) after the code on the finding's line, or alone on the line above it, "
        "naming the rule by code or name; remove a suppression that matches no finding."
    ),
    check=_no_check,
    help_uri="https://github.com/tcop-lint/tcop-lint/blob/main/README.md#inline-suppressions",
)
"""The engine's own rule: notes on inline suppression comments (README, "Inline
suppressions"). It belongs to no point, so its notes never change a status."""


def apply_inline_suppressions(
    results: list[RuleResult], repo: Repository, rules: dict[str, Rule], config: Config
) -> list[Finding]:
    """Suppress findings that a ``tcop-lint: ignore[...]`` comment names, in ``results``;
    return the notes on unusable and unused comments (findings of the engine rule).

    Comments are read from the files with findings and the files the run has already read
    (no extra disk read), so a suppression in a file no rule reads is not seen. Findings
    about the repository as a whole and findings on the config file are not suppressible
    inline: an exemption in the config, with its expiry date, is their place."""
    judged = [r for r in results if r.outcome not in ("skipped", "error")]
    config_path = config.path if config.in_repo else None

    def suppressible(finding: ReportedFinding) -> bool:
        return (
            bool(finding.path)
            and not finding.repository_level
            and (finding.path != config_path)
        )

    paths = {f.path for r in judged for f in r.findings if f.path and suppressible(f)}
    comments = inline_suppressions.suppressions_in(repo, paths.union(repo.texts_read()))
    if not comments:
        return []
    covering: dict[tuple[str, int], list[InlineSuppression]] = {}
    for comment in comments:
        if comment.reason and not comment.problem:
            for line in comment.lines():
                covering.setdefault((comment.path, line), []).append(comment)
    used: set[tuple[InlineSuppression, str]] = set()
    for result in judged:
        for i, finding in enumerate(result.findings):
            if not finding.path or not suppressible(finding):
                continue
            where = (finding.path, finding.start_line or 1)
            for comment in covering.get(where, ()):
                code = next((c for c in comment.codes if result.rule.named_by(c)), None)
                if code is None:
                    continue
                used.add((comment, code))
                # an exemption in the config, with its expiry date, comes first
                if finding.suppression is None:
                    why = Suppression(
                        comment.reason, kind="inSource", line=comment.line
                    )
                    result.findings[i] = replace(finding, suppression=why)
                    result.outcome = outcome_of(result.findings)
                break
    ran = {r.rule.code for r in judged}
    return list(_suppression_notes(comments, used, rules, ran))


def _suppression_notes(
    comments: list[InlineSuppression],
    used: set[tuple[InlineSuppression, str]],
    rules: dict[str, Rule],
    ran: set[str],
) -> Iterator[Finding]:
    """Like ruff's RUF100: a comment that names no rule or gives no reason, a code no rule
    has, and a code whose rule ran and found nothing the comment covers."""
    for comment in comments:
        note = partial(_note_at, comment)
        if comment.problem:
            yield note(
                "inline suppression names no rule, so it suppresses nothing: write "
                "`tcop-lint: ignore[CODE] reason`",
                "malformed-suppression",
            )
            continue
        if not comment.reason:
            codes = ",".join(comment.codes)
            yield note(
                f"inline suppression of {codes} gives no reason, so it suppresses nothing: "
                "write why after the `]`",
                "missing-reason",
                codes,
            )
        for code in comment.codes:
            rule = lookup(rules, code)
            if rule is None:
                yield note(
                    f"inline suppression names unknown rule {code!r}; "
                    "`tcop-lint list-rules` shows the codes and names",
                    "unknown-rule",
                    code,
                )
            elif comment.reason and rule.code in ran and (comment, code) not in used:
                yield note(
                    f"inline suppression of {code} matched no {rule.code} finding on "
                    + ("this line or the next" if comment.own_line else "this line")
                    + ": remove it",
                    "unused-suppression",
                    code,
                )


def _note_at(
    comment: InlineSuppression, message: str, id: str, key: str | None = None
) -> Finding:
    return Finding(message, comment.path, comment.line, comment.line, key=key, id=id)
