"""Whether a repository holds code: application source, or infrastructure code.

Rules about testing and analysing code do not apply to a repository of documentation and
configuration alone (a handbook, a docs site, decision records).
"""

from __future__ import annotations

from tcop_lint.repository import Repository

APPLICATION_SOURCE = (
    ".py",
    ".js",
    ".jsx",
    ".ts",
    ".tsx",
    ".mjs",
    ".cjs",
    ".vue",
    ".svelte",
    ".go",
    ".java",
    ".kt",
    ".scala",
    ".rb",
    ".cs",
    ".fs",
    ".vb",
    ".php",
    ".rs",
    ".ex",
    ".exs",
    ".erl",
    ".swift",
    ".dart",
    ".c",
    ".cc",
    ".cpp",
    ".r",
    ".jl",
    ".clj",
    ".hs",
    ".ml",
    ".lua",
)
INFRASTRUCTURE_CODE = (".tf", ".bicep")


def has_application_source(repo: Repository) -> bool:
    return bool(repo.by_extension(*APPLICATION_SOURCE))


def has_infrastructure_code(repo: Repository) -> bool:
    """Terraform or Bicep files, which IaC scanners (tfsec, Checkov) analyse."""
    return bool(repo.by_extension(*INFRASTRUCTURE_CODE))
