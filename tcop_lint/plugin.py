"""What a plugin rule may import: the rule contract and the repository view.

These names keep their meaning across releases; every other module of tcop-lint is internal
and may change. A plugin module defines functions decorated with :func:`rule`::

    from tcop_lint.plugin import Evidence, Finding, Option, Options, Repository, rule

    @rule(code="DEPT0101", name="catalog-info", topic="share-reuse", level="warning",
          summary="...", rationale="...", remediation="...",
          help_uri="https://standards.example.gov.uk/DEPT0101",  # SARIF helpUri, explain
          options={"file": Option("string", "catalog-info.yaml", "the file to look for")})
    def catalog_info(repo: Repository, options: Options):
        if repo.has(options["file"]):
            yield Evidence(options["file"], "developer portal entry")
        else:
            yield Finding(f"no {options['file']}", id="missing-catalog-info", missing=True)
"""

from tcop_lint.repository import Repository
from tcop_lint.rule import (
    Evidence,
    Finding,
    Level,
    NotApplicable,
    Option,
    Options,
    Rule,
    rule,
)

__all__ = [
    "Evidence",
    "Finding",
    "Level",
    "NotApplicable",
    "Option",
    "Options",
    "Repository",
    "Rule",
    "rule",
]
