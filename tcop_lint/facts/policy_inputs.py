"""What an organisation policy asks about the repository: which files a glob names, where a
pattern first matches in a file, the value of a key in a JSON, YAML or TOML file.

Everything here comes from a config, so it is matched in linear time whatever it holds:
globs through :func:`tcop_lint.globs.path_glob`, patterns through RE2
(:func:`tcop_lint.regex.linear_re`). Globs are anchored at the repository root, as
Repolinter's and most CI tools' are: ``catalog-info.yaml`` is the file at the root,
``**/catalog-info.yaml`` one anywhere.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from tcop_lint.globs import path_glob
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import LinearPattern
from tcop_lint.repository import Repository

_GLOB_CHARS = frozenset("*?[{")


def files_matching(repo: Repository, pattern: str) -> list[str]:
    """The repository's files that ``pattern`` (a root-anchored path glob) names, in path
    order; computed once a run."""
    pattern = pattern.removeprefix("./")
    if not _GLOB_CHARS.intersection(pattern):
        return [pattern] if repo.has(pattern) else []
    glob = path_glob(pattern, braces=True, classes=True)
    return repo.memo(
        f"policy_inputs.files:{pattern}",
        lambda: [path for path in _candidates(repo, pattern) if glob.fullmatch(path)],
    )


def _candidates(repo: Repository, pattern: str) -> list[str] | tuple[str, ...]:
    """Files that may match: those with the pattern's last name (``**/.env``) or extension
    (``**/*.pem``) when it spells one out, from the repository's indexes; else every file.
    Both indexes ignore case, and the glob then decides exactly."""
    if "{" in pattern:  # a brace may hold a "/" ({docs/,.github/,}SECURITY.md)
        return repo.files
    name = pattern.rpartition("/")[2]
    if not _GLOB_CHARS.intersection(name):
        return repo.by_name(name)
    stem, dot, extension = name.rpartition(".")
    if stem == "*" and dot and not _GLOB_CHARS.intersection(extension):
        return repo.by_extension(f".{extension}")
    return repo.files


class TextMatch(NamedTuple):
    line: int
    text: str
    """The matched text, shortened for a message."""


class Searched(NamedTuple):
    match: TextMatch | None
    unreadable: str | None = None
    """Why the file was not read (too large, binary, a link out), when it was not."""


def first_match(repo: Repository, path: str, pattern: LinearPattern) -> Searched:
    """Where ``pattern`` first matches in the file at ``path``."""
    text = repo.read_text_once(path)
    if text is None:
        return Searched(None, repo.unreadable_reason(path) or "not read")
    found = pattern.search(text)
    if found is None:
        return Searched(None)
    start = found.start()
    shown = found.group()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return Searched(TextMatch(text.count("\n", 0, start) + 1, shown))


KeyState = Literal["missing-file", "unparsable", "missing-key", "found"]


class KeyValue(NamedTuple):
    state: KeyState
    value: Any = None
    line: int = 1
    problem: str = ""
    """Why the file could not be read or parsed, for ``unparsable``."""


def key_value(repo: Repository, file: str, path: tuple[str, ...]) -> KeyValue:
    """The value at the dotted ``path`` (``tool.poetry.license``; a number indexes a list)
    in the JSON, YAML or TOML ``file``, with the line it is on."""
    if not repo.has(file):
        return KeyValue("missing-file")
    parsed = repo.parsed(file)
    if not parsed.ok:
        return KeyValue("unparsable", line=parsed.line or 1, problem=parsed.error or "")
    node: Any = parsed.data
    line = getattr(node, "line", 1)
    for part in path:
        if isinstance(node, dict) and part in node:
            line = node.line_of(part) if isinstance(node, LineDict) else line
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            line = node.line_of(int(part)) if isinstance(node, LineList) else line
            node = node[int(part)]
        else:
            return KeyValue("missing-key", line=line)
    if not isinstance(
        parsed.data, LineDict
    ):  # JSON and TOML keep no lines: find the key
        line = _key_line(repo.read_text(file) or "", path)
    return KeyValue("found", node, line)


def _key_line(text: str, path: tuple[str, ...]) -> int:
    """The line of the last key of ``path`` in JSON or TOML text, finding each key after the
    one before (``"license":``, ``license =``, ``[tool.poetry]``); a list index ends the
    walk. Only a locator: the value came from the parser."""
    position = 0
    for part in path:
        if part.isdigit():
            break
        key = re.compile(rf"(?<![\w-])[\"']?{re.escape(part)}[\"']?[ \t]*[=:.\]]")
        found = key.search(text, position)
        if found is None:
            break
        position = found.start()
    return text.count("\n", 0, position) + 1
