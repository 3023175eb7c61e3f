"""Task runners a CI line calls, and the commands their tasks run.

``task test`` (taskipy in pyproject.toml, or go-task's Taskfile.yml), ``poe test``
(poethepoet), ``just test``, ``invoke test`` and ``rake ci_test`` each name a task defined in
a file of the repository; :func:`task_calls` reads which, and the readers here give each
task's command lines and the tasks it runs first or in turn. Definitions are read as text or
parsed data, never executed. :mod:`tcop_lint.facts.ci` follows CI lines through them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re


class Task(NamedTuple):
    """One task: where it is defined, the command lines it runs, the tasks it runs too."""

    path: str
    line: int
    commands: tuple[tuple[int, str], ...]
    depends: tuple[str, ...] = ()


class TaskCall(NamedTuple):
    """A task runner a command line calls, and the tasks it names (none: the default)."""

    runner: str
    names: tuple[str, ...]


RUNNERS = ("task", "poe", "just", "invoke", "rake")
_RUNNER_WORDS = {
    "task": "task",
    "poe": "poe",
    "just": "just",
    "invoke": "invoke",
    "inv": "invoke",
    "rake": "rake",
}
_WRAPPERS = frozenset({"uv", "poetry", "pipenv", "pdm", "hatch", "rye", "bundle"})
_WRAPPER_COMMANDS = frozenset({"run", "exec"})
_VALUE_OPTIONS = {
    "task": {"-t", "--taskfile", "-d", "--dir", "-o", "--output"},
    "poe": {"-C", "--directory", "--root"},
    "just": {"-f", "--justfile", "-d", "--working-directory", "--set", "--shell"},
    "invoke": {"-c", "--collection", "-r", "--search-root", "-f", "--config"},
    "rake": {"-f", "--rakefile", "-I", "--libdir", "-R", "--rakelibdir", "-C"},
}
_COMMAND_KEYS = frozenset(
    {
        "run:", "script:", "scripts:", "command:", "commands:", "cmd:", "cmds:",
        "before_script:", "after_script:", "install:", "build:", "test:", "inline:",
        "inlineScript:", "bash:", "pwsh:", "powershell:", "sh:", "args:", "steps:",
    }
)  # fmt: skip
"""YAML keys whose value is a command: ``run:`` (GitHub), ``script:`` (GitLab, Azure),
``sh:`` (Jenkins), ``command:`` (Buildkite, CircleCI) ..."""
_DEFAULT = {"task": "default", "just": "", "rake": "default"}
"""The task a runner runs when the line names none (just's is its first recipe)."""
_FIRST_NAME_ONLY = frozenset({"task", "poe"})
"""Runners whose words after the task name are the task's arguments."""
_TASK_NAME = lazy_re(r"[\w][\w:.-]*")


def task_calls(words_of: Iterable[list[str]]) -> list[TaskCall]:
    """The task runners the simple commands ``words_of`` (see ``facts.ci.shell_segments``)
    call: ``uv run task test`` -> ``TaskCall("task", ("test",))``, ``bundle exec rake`` ->
    ``TaskCall("rake", ("default",))``, ``poetry poe lint`` -> ``TaskCall("poe", ("lint",))``."""
    calls: list[TaskCall] = []
    for number, words in enumerate(words_of):
        if number == 0 and _names_no_command(words):
            return calls
        at = _runner_at(words)
        if at is None:
            continue
        runner = _RUNNER_WORDS[words[at].rpartition("/")[2]]
        names = _names(runner, words[at + 1 :])
        if not names and runner in _DEFAULT:
            names = [_DEFAULT[runner]]
        if names:
            calls.append(TaskCall(runner, tuple(names)))
    return calls


def _names_no_command(words: list[str]) -> bool:
    """Whether a line starts with a YAML key whose value is not a command: ``- name: rake
    test``, ``description: "just test"``."""
    key = words[1] if words[0] == "-" and len(words) > 1 else words[0]
    return key.endswith(":") and key not in _COMMAND_KEYS


def _runner_at(words: list[str]) -> int | None:
    """Where the runner is: first in the command, after YAML list marks and keys
    (``- run:``), ``NAME=value`` settings and a wrapper (``uv run``, ``bundle exec``,
    ``poetry`` for its ``poe`` plugin)."""
    index = 0
    while index < len(words) and (
        words[index] == "-" or words[index].endswith(":") or "=" in words[index]
    ):
        index += 1
    if index < len(words) and words[index] in _WRAPPERS:
        index += 1
        if index < len(words) and words[index] in _WRAPPER_COMMANDS:
            index += 1
        while index < len(words) and words[index].startswith("-"):
            index += 1
    if index < len(words) and words[index].rpartition("/")[2] in _RUNNER_WORDS:
        return index
    return None


def _names(runner: str, words: list[str]) -> list[str]:
    names: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word == "--":
            break
        elif word.startswith("-"):
            skip = word in _VALUE_OPTIONS[runner]
        elif "=" in word:
            continue  # rake TESTOPTS=-v, just name=value
        else:
            name = word.partition("[")[0] if runner == "rake" else word
            if _TASK_NAME.fullmatch(name):
                names.append(name.replace("_", "-") if runner == "invoke" else name)
            if runner in _FIRST_NAME_ONLY:
                break
    return names


def run_order(tasks: dict[str, Task], names: Iterable[str]) -> list[Task]:
    """The tasks ``names`` run, with the tasks they depend on or call, each once."""
    found: list[Task] = []
    seen: set[str] = set()
    pending = list(names)[::-1]
    while pending:
        name = pending.pop()
        task = tasks.get(name)
        if name in seen or task is None:
            continue
        seen.add(name)
        found.append(task)
        pending.extend(reversed(task.depends))
    return found


# -- pyproject.toml: taskipy and poethepoet ----------------------------------------------------

_TOML_HEADER = lazy_re(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(?:#.*)?$")
_TOML_KEY = lazy_re(r"""^\s*(?:"([^"]+)"|'([^']+)'|([\w.-]+))\s*=""")


def _toml_key_lines(text: str, table: str) -> dict[str, int]:
    """The line of each key of ``table`` (``tool.poe.tasks``), and of each sub-table of it
    (``[tool.poe.tasks.test]``), by the first part of its name."""
    lines: dict[str, int] = {}
    current = ""
    for number, raw in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(raw)
        if header:
            current = header.group(1).replace('"', "").replace("'", "")
            if current.startswith(f"{table}."):
                lines.setdefault(current[len(table) + 1 :].split(".")[0], number)
            continue
        key = _TOML_KEY.match(raw) if current == table else None
        if key:
            name = key.group(1) or key.group(2) or key.group(3).split(".")[0]
            lines.setdefault(name, number)
    return lines


def _table(data: Any, *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def taskipy_tasks(path: str, text: str, data: Any) -> dict[str, Task]:
    """``[tool.taskipy.tasks]``: ``test = "pytest"`` or ``test = { cmd = "pytest" }``;
    taskipy runs ``pre_test`` before and ``post_test`` after ``test``."""
    table = _table(data, "tool", "taskipy", "tasks")
    lines = _toml_key_lines(text, "tool.taskipy.tasks")
    tasks = {}
    for name, value in table.items():
        command = value.get("cmd") if isinstance(value, dict) else value
        if not isinstance(command, str):
            continue
        line = lines.get(name, 1)
        hooks = tuple(h for h in (f"pre_{name}", f"post_{name}") if h in table)
        tasks[name] = Task(path, line, _split(line, command), hooks)
    return tasks


def poe_tasks(path: str, text: str, data: Any) -> dict[str, Task]:
    """``[tool.poe.tasks]``: a command string, a table with ``cmd``, ``shell``,
    ``sequence``, ``ref`` or ``deps``, or an array of the tasks to run in turn."""
    table = _table(data, "tool", "poe", "tasks")
    lines = _toml_key_lines(text, "tool.poe.tasks")
    tasks = {}
    for name, value in table.items():
        line = lines.get(name, 1)
        commands, depends = _poe_task(value)
        tasks[name] = Task(
            path,
            line,
            tuple(c for text in commands for c in _split(line, text)),
            depends,
        )
    return tasks


def _poe_task(value: Any) -> tuple[list[str], tuple[str, ...]]:
    if isinstance(value, str):
        return [value], ()
    if isinstance(value, list):
        value = {"sequence": value}
    if not isinstance(value, dict):
        return [], ()
    commands = [value[k] for k in ("cmd", "shell") if isinstance(value.get(k), str)]
    depends = [d for d in value.get("deps") or [] if isinstance(d, str)]
    if isinstance(value.get("ref"), str):
        depends.append(value["ref"].split()[0])
    for item in value.get("sequence") or []:
        if isinstance(item, str):
            depends.append(item.split()[0] if item.split() else item)
        elif isinstance(item, dict):
            inner, inner_depends = _poe_task(item)
            commands.extend(inner)
            depends.extend(inner_depends)
    return commands, tuple(depends)


def _split(line: int, command: str) -> tuple[tuple[int, str], ...]:
    """A command string as lines, each at ``line`` (a multi-line ``shell`` script)."""
    return tuple((line, part.strip()) for part in command.splitlines() if part.strip())


# -- go-task: Taskfile.yml ---------------------------------------------------------------------


def go_tasks(path: str, data: Any) -> dict[str, Task]:
    """go-task's ``tasks:``: each a list of commands, or a mapping with ``cmds`` (strings,
    ``{cmd: ...}`` or ``{task: other}``) and ``deps``."""
    table = data.get("tasks") if isinstance(data, LineDict) else None
    if not isinstance(table, LineDict):
        return {}
    tasks = {}
    for name, value in table.items():
        line = table.line_of(name)
        if isinstance(value, str):
            value = {"cmds": [value]}
        elif isinstance(value, list):
            value = {"cmds": value}
        if not isinstance(value, dict):
            continue
        commands, depends = _go_task_steps(value.get("cmds"), line)
        _, more = _go_task_steps(value.get("deps"), line)
        tasks[str(name)] = Task(path, line, tuple(commands), (*more, *depends))
    return tasks


def _go_task_steps(steps: Any, line: int) -> tuple[list[tuple[int, str]], list[str]]:
    commands: list[tuple[int, str]] = []
    depends: list[str] = []
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        at = steps.line_of(index) if isinstance(steps, LineList) else line
        if isinstance(step, dict) and isinstance(step.get("task"), str):
            depends.append(step["task"])
        elif isinstance(step, dict) and isinstance(step.get("cmd"), str):
            commands.extend(_split(at, step["cmd"]))
        elif isinstance(step, str):
            commands.extend(_split(at, step))
    return commands, depends


# -- just --------------------------------------------------------------------------------------

# Possessive `*+` and one way through optional parts keep these linear on a long line: a
# name that `[^:=]*` could also match, or `\s*\(?\s*` splitting a run of spaces, backtracks.
_JUST_RECIPE = lazy_re(r"^@?([A-Za-z_][\w-]*+)[^:=]*:(?!=)(.*)$")
_JUST_ALIAS = lazy_re(r"^alias\s+([\w-]+)\s*:=\s*([\w-]+)")
_JUST_DEPENDENCY = lazy_re(r"\(\s*([A-Za-z_][\w-]*)[^)]*\)|([A-Za-z_][\w-]*)")
_QUOTED_TEXT = lazy_re(r"'[^']*'|\"[^\"]*\"")


def just_recipes(path: str, text: str) -> dict[str, Task]:
    """A justfile's recipes (``""`` is the first, which ``just`` runs by default) and
    aliases; recipe lines lose just's ``@`` and ``-`` prefixes."""
    recipes: dict[str, Task] = {}
    aliases: dict[str, str] = {}
    current: tuple[str, int, list[str]] | None = None
    body: list[tuple[int, str]] = []
    for number, raw in [*enumerate(text.splitlines(), 1), (0, "end:")]:
        if raw[:1] in (" ", "\t"):
            if current and raw.strip() and not raw.strip().startswith("#"):
                body.append((number, raw.strip().lstrip("@-").strip()))
            continue
        if current:
            name, line, depends = current
            recipes[name] = Task(path, line, tuple(body), tuple(depends))
            recipes.setdefault("", recipes[name])
            current, body = None, []
        alias = _JUST_ALIAS.match(raw)
        recipe = None if alias or raw.startswith("set ") else _JUST_RECIPE.match(raw)
        if alias:
            aliases[alias.group(1)] = alias.group(2)
        elif recipe and number:
            listed = _QUOTED_TEXT.sub("", recipe.group(2)).split("#")[0]
            depends = [
                m.group(1) or m.group(2) for m in _JUST_DEPENDENCY.finditer(listed)
            ]
            current = (recipe.group(1), number, depends)
    for alias_name, target in aliases.items():
        if target in recipes:
            recipes.setdefault(alias_name, recipes[target])
    return recipes


# -- invoke: tasks.py --------------------------------------------------------------------------

_INVOKE_DECORATOR = lazy_re(r"^@(?:invoke\.)?task\b(.*)$")
_PYTHON_DEF = lazy_re(r"^def\s+(\w+)\s*\(")
_PYTHON_RUN = lazy_re(r"""\.(?:run|sudo)\(\s*[rfbu]*(?:"([^"]*)"|'([^']*)')""")
_NAMES_IN = lazy_re(r"\b([A-Za-z_]\w*)\b")


def invoke_tasks(path: str, text: str) -> dict[str, Task]:
    """Functions of tasks.py decorated ``@task``, by invoke's name for them (``unit_test``
    is ``unit-test``): the ``c.run("...")`` commands of each, and its ``pre=[...]`` tasks
    and the tasks it calls."""
    found: list[tuple[str, int, list[str], list[tuple[int, str]]]] = []
    decorator: list[str] | None = None
    body: list[tuple[int, str]] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") or not raw.strip():
            if body is not None:
                body.append((number, raw))
            elif decorator is not None:
                decorator.append(raw)  # the arguments of a decorator over several lines
            continue
        body = None
        marked = _INVOKE_DECORATOR.match(raw)
        definition = _PYTHON_DEF.match(raw)
        if marked:
            decorator = [marked.group(1)]
        elif definition and decorator is not None:
            body = []
            found.append((definition.group(1), number, decorator, body))
            decorator = None
        elif not raw.startswith(("@", ")", "#")):
            decorator = None
    names = {name for name, _, _, _ in found}
    tasks = {}
    for name, line, decorator_lines, lines in found:
        commands = [
            (n, m.group(1) if m.group(1) is not None else m.group(2))
            for n, raw in lines
            for m in _PYTHON_RUN.finditer(raw)
        ]
        called = [
            word
            for source in (*decorator_lines, *(raw for _, raw in lines))
            for word in _NAMES_IN.findall(source)
            if word in names and word != name
        ]
        depends = tuple(dict.fromkeys(c.replace("_", "-") for c in called))
        tasks[name.replace("_", "-")] = Task(path, line, tuple(commands), depends)
    return tasks


# -- rake --------------------------------------------------------------------------------------

_RAKE_TASK = lazy_re(
    r"""^\s*(?:task|multitask)\b\s*(?:\(\s*)?(?::(\w+)|["'](\w[\w:-]*)["']|(\w+):(?!:))(.*)$"""
)
_RAKE_NAMESPACE = lazy_re(r"""^\s*namespace\b\s*(?:\(\s*)?(?::(\w+)|["'](\w+)["'])""")
_RAKE_TASK_CLASS = lazy_re(
    r"""^\s*(RSpec::Core::RakeTask|Rake::TestTask|Cucumber::Rake::Task)"""
    r"""\.new(?:\s*\(\s*(?::(\w+)|["'](\w+)["']))?"""
)
_RAKE_DEFAULT_NAMES = {
    "RSpec::Core::RakeTask": "spec",
    "Rake::TestTask": "test",
    "Cucumber::Rake::Task": "cucumber",
}
_RAKE_SYMBOLS = lazy_re(r""":(\w+)|["'](\w[\w:-]*)["']""")
_RAKE_WORD_LIST = lazy_re(r"%[iIwW][\[(]([^\])]*)")
_RAKE_BLOCK = lazy_re(r"\bdo\b\s*+(?:\|[^|]*\|\s*)?$")
_RAKE_END = lazy_re(r"^\s*end\b")


class _RakeBlock(NamedTuple):
    name: str
    line: int
    indent: int
    depends: tuple[str, ...]
    body: list[tuple[int, str]]


def rake_tasks(path: str, text: str) -> dict[str, Task]:
    """Rake tasks of a Rakefile or ``.rake`` file: ``task :name do ... end`` (in a
    namespace: ``ci:name``), ``task name: [:deps]``, and the tasks ``RSpec::Core::RakeTask``,
    ``Rake::TestTask`` and Cucumber's define, whose one command is their own line. Blocks
    end at the ``end`` indented as their opening line, as Ruby is conventionally written."""
    tasks: dict[str, Task] = {}
    namespaces: list[tuple[int, str]] = []
    block: _RakeBlock | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        indent = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if block is not None:
            if _RAKE_END.match(raw) and indent <= block.indent:
                tasks[block.name] = Task(
                    path, block.line, tuple(block.body), block.depends
                )
                block = None
            elif stripped and not stripped.startswith("#"):
                block.body.append((number, stripped))
            continue
        if not stripped or stripped.startswith("#"):
            continue
        namespaces = [(i, n) for i, n in namespaces if i < indent]
        prefix = "".join(f"{n}:" for _, n in namespaces)
        namespace = _RAKE_NAMESPACE.match(raw)
        made = _RAKE_TASK_CLASS.match(raw)
        task = _RAKE_TASK.match(raw)
        if namespace:
            namespaces.append((indent, namespace.group(1) or namespace.group(2)))
        elif made:
            name = made.group(2) or made.group(3) or _RAKE_DEFAULT_NAMES[made.group(1)]
            tasks[prefix + name] = Task(path, number, ((number, stripped),))
        elif task:
            name = prefix + next(g for g in task.group(1, 2, 3) if g)
            rest = task.group(4).split("#")[0]
            depends = _rake_depends(rest, task.group(3) is not None, prefix)
            if _RAKE_BLOCK.search(rest):
                block = _RakeBlock(name, number, indent, depends, [])
            else:
                tasks[name] = Task(path, number, (), depends)
    return tasks


def _rake_depends(rest: str, keyword: bool, prefix: str) -> tuple[str, ...]:
    """The prerequisites after a task's name: ``=> [:a, :b]``, or after ``name:``; each also
    in the task's namespace, where Rake looks first."""
    if "=>" in rest:
        rest = rest.split("=>", 1)[1]
    elif not keyword:
        return ()
    rest = _RAKE_BLOCK.sub("", rest).split("{")[0]
    words = _RAKE_WORD_LIST.search(rest)
    names = (
        words.group(1).split()
        if words
        else [symbol or quoted for symbol, quoted in _RAKE_SYMBOLS.findall(rest)]
    )
    found: list[str] = []
    for name in names:
        found.extend(
            [f"{prefix}{name}", name] if prefix and ":" not in name else [name]
        )
    return tuple(found)
