"""The package's shape, checked from its source: facts gather, rules judge.

- no module under rules/ imports another rule module;
- no fact module imports a rule;
- no import circle anywhere in the package (imports inside functions count: they are
  still dependencies, only deferred);
- no file under rules/ is over 600 lines and no function over 80;
- every Finding a built-in rule makes carries a stable id.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"tcop_lint": ROOT / "tcop_lint", "tcop_lint.rules": ROOT / "rules"}


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([package, *parts])
            if name.startswith("tcop_lint.rules") or not str(path).startswith(
                str(ROOT / "rules")
            ):
                found[name] = path
    return found


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if MODULES[module].name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(module: str) -> set[str]:
    """The package modules ``module`` imports (``from x import y`` counts ``x.y`` when
    that is a module, else ``x``)."""
    tree = ast.parse(MODULES[module].read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            names = [
                f"{target}.{alias.name}"
                if f"{target}.{alias.name}" in MODULES
                else target
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _is_rule(module: str) -> bool:
    return module.startswith("tcop_lint.rules.")


def _is_fact(module: str) -> bool:
    return module.startswith("tcop_lint.facts")


def test_the_graph_sees_the_package() -> None:
    assert "tcop_lint.engine" in GRAPH
    assert "tcop_lint.facts.ecosystems" in GRAPH
    assert any(_is_rule(m) for m in GRAPH)
    assert "tcop_lint.rule" in GRAPH["tcop_lint.engine"]


def test_no_rule_imports_another_rule() -> None:
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _is_rule(module)
        for target in targets
        if _is_rule(target)
    )
    assert offenders == []


def test_facts_import_no_rule() -> None:
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _is_fact(module)
        for target in targets
        if _is_rule(target) or target == "tcop_lint.rules"
    )
    assert offenders == []


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_circle() -> None:
    # a package's __init__ importing its own submodules is not a circle of judgement
    assert _cycle() is None


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_rule_files_and_functions_stay_small() -> None:
    long_files = sorted(
        f"{path.relative_to(ROOT)}: {len(path.read_text().splitlines())} lines"
        for path in (ROOT / "rules").rglob("*.py")
        if len(path.read_text().splitlines()) > 600
    )
    long_functions = sorted(
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: "
        f"{node.end_lineno - node.lineno + 1} lines"
        for path in MODULES.values()
        for node in _functions(ast.parse(path.read_text()))
        if node.end_lineno and node.end_lineno - node.lineno + 1 > 80
    )
    assert long_files == []
    assert long_functions == []


def _finding_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "Finding":
                yield node


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "rules").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_builtin_finding_has_a_stable_id(path: Path) -> None:
    missing = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for call in _finding_calls(ast.parse(path.read_text()))
        if not any(k.arg in ("id", None) for k in call.keywords)
    ]
    assert missing == []
