"""Inline suppressions: ``# tcop-lint: ignore[TC0607,TC0602] reason`` comments.

A suppression is a line comment (``#`` in YAML, Dockerfiles, Terraform, shell, Python, TOML,
INI...; ``//`` in HCL, JavaScript, TypeScript, JSON5, Groovy...) whose text starts with the
marker. It covers findings of the rules it names on its own line; a comment alone on its line
also covers the line below (a comment after code is about that code only). Only
files whose format has line comments are read (a ``#`` in Markdown is a heading), and only
the files the caller names: the engine asks for the files that have findings and the files
the run has already read, never the whole tree.

The marker is found with ``str.find`` and each line is cut with ``str.find``/``str.rfind``,
so reading is linear in the file's size whatever it holds. What counts as a comment is judged
on the line alone (the opener, then only spaces, before the marker): a ``"# tcop-lint:
ignore[...]`` inside a string literal is read as a comment too, as telling them apart would
take each language's tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tcop_lint.repository import Repository

MARKER = "tcop-lint: ignore"

HASH_COMMENT_EXTENSIONS = frozenset(
    {
        ".yml",
        ".yaml",
        ".py",
        ".pyi",
        ".sh",
        ".bash",
        ".zsh",
        ".ksh",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".tf",
        ".tfvars",
        ".hcl",
        ".rb",
        ".pl",
        ".r",
        ".ps1",
        ".properties",
        ".env",
        ".dockerfile",
        ".containerfile",
        ".mk",
        ".nix",
    }
)
SLASH_COMMENT_EXTENSIONS = frozenset(
    {
        ".tf",
        ".hcl",
        ".js",
        ".mjs",
        ".cjs",
        ".jsx",
        ".ts",
        ".mts",
        ".cts",
        ".tsx",
        ".json5",
        ".jsonc",
        ".go",
        ".java",
        ".kt",
        ".kts",
        ".groovy",
        ".gradle",
        ".cs",
        ".scala",
        ".swift",
        ".rs",
        ".c",
        ".h",
        ".cpp",
        ".hpp",
        ".php",
        ".proto",
    }
)
HASH_COMMENT_NAMES = frozenset(
    {
        "dockerfile",
        "containerfile",
        "makefile",
        "gnumakefile",
        "gemfile",
        "rakefile",
        "procfile",
        "codeowners",
        "vagrantfile",
        "brewfile",
        "pipfile",
        ".gitignore",
        ".dockerignore",
        ".gitattributes",
        ".editorconfig",
        ".env",
    }
)
SLASH_COMMENT_NAMES = frozenset({"jenkinsfile"})


class InlineSuppression(NamedTuple):
    """One suppression comment. ``codes`` as written (codes or rule names); ``reason`` is
    empty when none was given; ``problem`` says why the comment is not usable at all;
    ``own_line``: nothing but the comment is on its line."""

    path: str
    line: int
    codes: tuple[str, ...]
    reason: str
    problem: str | None = None
    own_line: bool = True

    def lines(self) -> tuple[int, ...]:
        """The lines whose findings it covers."""
        return (self.line, self.line + 1) if self.own_line else (self.line,)


def comment_openers(path: str) -> tuple[str, ...]:
    """The line-comment openers of ``path``'s format (``()``: none, never read)."""
    name = path.rpartition("/")[2].lower()
    dot = name.rfind(".")
    extension = name[dot:] if dot > 0 else ""
    stem = name[:dot] if dot > 0 else name
    openers = []
    if (
        extension in HASH_COMMENT_EXTENSIONS
        or name in HASH_COMMENT_NAMES
        or stem in ("dockerfile", "containerfile")
        or (stem.startswith("requirements") and extension in (".txt", ".in"))
    ):
        openers.append("#")
    if extension in SLASH_COMMENT_EXTENSIONS or name in SLASH_COMMENT_NAMES:
        openers.append("//")
    return tuple(openers)


def suppressions_in(repo: Repository, paths: Iterable[str]) -> list[InlineSuppression]:
    """The suppression comments in ``paths`` (those with line comments), in path order."""
    found: list[InlineSuppression] = []
    for path in sorted(set(paths)):
        openers = comment_openers(path)
        if not openers:
            continue
        text = repo.read_text(path)
        if text is None or MARKER not in text:
            continue
        found.extend(parse(path, text, openers))
    return found


def parse(path: str, text: str, openers: tuple[str, ...]) -> list[InlineSuppression]:
    """Every marker in ``text`` that starts a line comment, as a suppression."""
    found = []
    at = text.find(MARKER)
    line, counted = 1, 0
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        line += text.count("\n", counted, start)
        counted = start
        before = text[start:at].rstrip()
        opener = next((o for o in openers if before.endswith(o)), None)
        if opener is not None:
            suppression = _suppression(path, line, text[at + len(MARKER) : end])
            if before[: -len(opener)].strip():
                suppression = suppression._replace(own_line=False)
            found.append(suppression)
        at = text.find(MARKER, end)
    return found


def _suppression(path: str, line: int, rest: str) -> InlineSuppression:
    """``rest`` is what follows the marker: ``[CODE,CODE] reason``."""
    rest = rest.rstrip("\r")
    close = rest.find("]")
    if not rest.startswith("[") or close == -1:
        return InlineSuppression(path, line, (), "", "no-codes")
    codes = tuple(c.strip() for c in rest[1:close].split(",") if c.strip())
    if not codes:
        return InlineSuppression(path, line, (), "", "no-codes")
    reason = rest[close + 1 :].strip()
    for closer in ("*/", "-->"):  # a comment closed on the same line
        if reason.endswith(closer):
            reason = reason[: -len(closer)].rstrip()
    return InlineSuppression(path, line, codes, reason)
