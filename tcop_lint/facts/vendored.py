"""The one set of folders that hold other people's code or build output, never the project's.

Evidence found there (a LICENSE in ``node_modules/``, a test under ``vendor/``) belongs to a
dependency, so facts and rules look past it.
"""

from __future__ import annotations

VENDORED_DIRECTORIES = frozenset(
    {
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "third_party",
        "third-party",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "site-packages",
        ".terraform",
        ".terragrunt-cache",
    }
)
"""Installed or copied-in dependencies."""

BUILD_OUTPUT_DIRECTORIES = frozenset({"dist", "build", "target"})
"""Generated output: skipped where a stray generated file would be taken for source."""


def is_vendored(path: str, *, build_output: bool = False) -> bool:
    """Whether a folder of ``path`` holds dependencies (or, with ``build_output``, build
    output); the file's own name is not looked at."""
    skipped = (
        VENDORED_DIRECTORIES | BUILD_OUTPUT_DIRECTORIES
        if build_output
        else VENDORED_DIRECTORIES
    )
    return any(part.lower() in skipped for part in path.split("/")[:-1])
