"""Every regular expression in the package, fed inputs built to make it backtrack.

Patterns are found two ways: module-level compiled patterns (``re.compile``, ``lazy_re``),
matched with the methods their module calls on them, and string literals passed straight to
``re.search`` and friends. Each meets long runs of spaces and punctuation, its own literals
repeated, and its literals separated by long gaps. A pattern that backtracks on such input is
quadratic or worse and a pull request can stall the run with one crafted file; RE2 patterns
(``linear_re`` in ``tcop_lint/regex.py``) are linear by construction and are not collected.

Patterns that only ever see a file name or path (at most a few hundred bytes), or tcop-lint's
own packaged data, are held to the bound on inputs of that size instead; each says why.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

CONTENT_SIZE = 20_000
NAME_SIZE = 255
BOUND_SECONDS = 1.0
_METHODS = (
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "sub",
    "subn",
    "split",
)
_CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "sub",
    "split",
}

# (module, name or pattern source) -> why its input is small
BOUNDED = {
    (
        "tcop_lint.facts.licensing",
        "_VERSION_WORD",
    ): "SPDX licence names from packaged data",
    ("tcop_lint.facts.licensing", r"\s+only$"): "SPDX licence names from packaged data",
    ("tcop_lint.facts.deployment", "_CANDIDATE_NAME"): "file names",
    ("tcop_lint.facts.deployment", "_PLAYBOOK_NAME"): "file names",
    ("tcop_lint.facts.ecosystems", "_REQUIREMENTS"): "file names",
    ("tcop_lint.facts.ecosystems", "_DOCKERFILE"): "file names",
    ("tcop_lint.facts.ecosystems", "_DOTNET_PROJECTS"): "file names",
    ("tcop_lint.facts.frontend", "_NOT_WEB_SEGMENT"): "folder and file names",
    ("tcop_lint.facts.frontend", "_DOC_PAGE_NAMES"): "file names",
    ("tcop_lint.facts.accessibility_statement", "_LAYOUT_NAME"): "file names",
    ("tcop_lint.facts.updaters", r"[\w-]*requirements(?:[-.]\w+)?\.(?:txt|pip)"): (
        "file names"
    ),
    ("tcop_lint.parsing", "_TOML_POSITION"): "tomllib's own error message",
}


class Pattern(NamedTuple):
    module: str
    label: str
    source: str
    flags: int
    methods: frozenset[str]


def _module_names() -> list[str]:
    import tcop_lint.rules

    import tcop_lint

    names = set()
    for package in (tcop_lint, tcop_lint.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            names.add(info.name)
    return sorted(names)


def _used_methods(tree: ast.AST) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr in _METHODS
        ):
            used.setdefault(node.value.id, set()).add(node.attr)
    return used


def _literal_calls(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        is_lazy = isinstance(func, ast.Name) and func.id == "lazy_re"
        is_re = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "re"
            and func.attr in _CALLS
        )
        if not (is_lazy or is_re):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            flags = 0
            for extra in [*node.args[1:], *(k.value for k in node.keywords)]:
                parts = [part.strip() for part in ast.unparse(extra).split("|")]
                if all(part.startswith("re.") for part in parts):
                    for part in parts:
                        flags |= getattr(re, part[3:])
            yield first.value, flags


def _patterns() -> list[Pattern]:
    found: dict[tuple[str, int], Pattern] = {}
    for name in _module_names():
        module = importlib.import_module(name)
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        used = _used_methods(tree)
        for attribute, value in vars(module).items():
            source = getattr(value, "pattern", None)
            if not isinstance(source, str):
                continue
            if isinstance(value, re.Pattern):
                flags = value.flags & ~re.UNICODE  # implied for str patterns
            elif type(value).__name__ == "_LazyPattern":
                flags = value._flags
            else:
                continue
            methods = frozenset(used.get(attribute, {"search"}))
            found.setdefault(
                (source, flags), Pattern(name, attribute, source, flags, methods)
            )
        for source, flags in _literal_calls(tree):
            found.setdefault(
                (source, flags),
                Pattern(name, source, source, flags, frozenset({"search"})),
            )
    return sorted(found.values(), key=lambda p: (p.module, p.label))


PATTERNS = _patterns()


def _inputs(source: str, size: int) -> Iterator[tuple[str, str]]:
    words = sorted(
        set(re.findall(r"[A-Za-z][A-Za-z0-9_-]+", re.sub(r"\\.", " ", source)))
    )
    yield "spaces", " " * size
    yield "letters", "a" * size
    yield "punctuation", "-_./:*#=" * (size // 8)
    yield "comment openers", "<!--" * (size // 4)
    for word in words[:8]:
        yield f"{word!r} repeated", (word + " ") * (size // (len(word) + 1))
        yield f"{word!r}, gap, {word!r}", word + " " * size + word[:1]
        yield (
            f"{word!r} prefixes",
            (word[:-1] or word) * (size // max(1, len(word) - 1)),
        )
        yield f"{word!r} dotted", (word + ".") * (size // (len(word) + 1))


class _Slow(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Slow


def _run(compiled: re.Pattern[str], methods: frozenset[str], text: str) -> None:
    for method in methods:
        if method in ("search", "match", "fullmatch"):
            getattr(compiled, method)(text)
        elif method == "sub" or method == "subn":
            compiled.sub("", text)
        else:
            list(getattr(compiled, method)(text))


def test_the_collection_sees_the_package() -> None:
    modules = {p.module for p in PATTERNS}
    assert len(PATTERNS) > 100
    assert "tcop_lint.facts.dependencies" in modules
    assert any(m.startswith("tcop_lint.rules.") for m in modules)


@pytest.mark.parametrize(
    "pattern", PATTERNS, ids=lambda p: f"{p.module}:{p.label[:40]}"
)
def test_pattern_is_linear_on_adversarial_input(pattern: Pattern) -> None:
    compiled = re.compile(pattern.source, pattern.flags)
    bounded = BOUNDED.get((pattern.module, pattern.label))
    size = NAME_SIZE if bounded else CONTENT_SIZE
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for kind, text in _inputs(pattern.source, size):
            signal.setitimer(signal.ITIMER_REAL, BOUND_SECONDS)
            try:
                _run(compiled, pattern.methods, text)
            except _Slow:
                pytest.fail(
                    f"over {BOUND_SECONDS} s on {len(text)} characters of {kind}"
                )
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_every_bounded_entry_names_a_pattern() -> None:
    known = {(p.module, p.label) for p in PATTERNS}
    assert sorted(set(BOUNDED) - known) == []
