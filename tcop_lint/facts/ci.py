"""CI configuration files and the commands they run, following what CI calls inside the repo.

``ci_files`` finds pipeline definitions (GitHub Actions, GitLab CI and its ``include: local``
files and child pipelines, Jenkinsfiles, Concourse, Azure, CircleCI ...). ``ci_commands`` gives
every line of them, plus the lines those pipelines run indirectly: package.json scripts
(``npm test``, ``yarn workspace web lint``), Makefile target recipes (``make test``, ``make -C api
check``), tox and nox commands, and local composite actions (``uses: ./.github/actions/setup``).
A line reached that way records the CI file that started the chain in ``CommandLine.via``.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from tcop_lint.facts.ci_variables import Scope, expand, github_scopes, gitlab_scopes
from tcop_lint.facts.task_runners import (
    Task,
    TaskCall,
    go_tasks,
    invoke_tasks,
    just_recipes,
    poe_tasks,
    rake_tasks,
    run_order,
    task_calls,
    taskipy_tasks,
)
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.globs import path_glob
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository, required_literals

# (system, exact paths matched case-sensitively as the tools require them)
_CI_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("GitLab CI", (".gitlab-ci.yml", ".gitlab-ci.yaml")),
    ("Jenkins", ("Jenkinsfile",)),
    ("CircleCI", (".circleci/config.yml", ".circleci/config.yaml")),
    (
        "Azure Pipelines",
        ("azure-pipelines.yml", "azure-pipelines.yaml", ".azure-pipelines.yml"),
    ),
    ("Travis CI", (".travis.yml",)),
    ("Bitbucket Pipelines", ("bitbucket-pipelines.yml",)),
    ("Drone", (".drone.yml",)),
    ("Woodpecker", (".woodpecker.yml", ".woodpecker.yaml")),
    ("Buildkite", (".buildkite/pipeline.yml", ".buildkite/pipeline.yaml")),
    ("Google Cloud Build", ("cloudbuild.yaml", "cloudbuild.yml")),
    ("AWS CodeBuild", ("buildspec.yml", "buildspec.yaml")),
    ("AppVeyor", ("appveyor.yml", ".appveyor.yml")),
    ("Semaphore", (".semaphore/semaphore.yml",)),
    ("Codefresh", ("codefresh.yml",)),
)
# (system, directory whose YAML files are all pipeline definitions)
_CI_DIRECTORIES: tuple[tuple[str, str], ...] = (
    ("GitHub Actions", ".github/workflows"),
    ("Woodpecker", ".woodpecker"),
    ("Tekton", ".tekton"),
    ("Azure Pipelines", ".azure-pipelines"),
    ("Azure Pipelines", ".azuredevops"),
    ("Buildkite", ".buildkite"),
)
# (system, lower-cased basename pattern) for pipeline files that live anywhere: a monorepo's
# services/api/Jenkinsfile, Jenkinsfile.release, build/azure-pipelines-ci.yml, buildspec-test.yml
_CI_NAMES: tuple[tuple[str, str], ...] = (
    ("Jenkins", r"jenkinsfile(?:[._-][\w.-]+)?|[\w.-]+\.jenkinsfile"),
    ("Azure Pipelines", r"azure-pipelines[\w.-]*\.ya?ml"),
    ("AWS CodeBuild", r"buildspec[\w.-]*\.ya?ml"),
    ("Google Cloud Build", r"cloudbuild[\w.-]*\.ya?ml"),
)
# Concourse keeps pipelines and tasks wherever the team likes; these are the usual folders, and
# a YAML file there counts only when its content is a pipeline (jobs + resources) or a task.
_CONCOURSE_DIRECTORIES = ("ci", ".ci", "concourse", ".concourse")
_CONCOURSE_MAX_FILES = 60
_AZURE_MAX_NODES = 20_000
"""How much of an Azure pipeline is walked for the templates it uses."""
_CONCOURSE_MAX_NODES = 20_000
"""How much of a pipeline is walked for the task files its steps name."""
_CONCOURSE_RUN_PATH = lazy_re(r"""^\s*path:\s*['"]?([^\s'"#]+)""")
_NOT_PIPELINE = lazy_re(
    r"\.(?:md|txt|rst|adoc|html?|png|svg|jpe?g|bak|orig|swp)$", re.IGNORECASE
)
_YAML = (".yml", ".yaml")
_SCOPES: dict[str, Callable[[Any], list[Scope]]] = {
    "GitHub Actions": github_scopes,
    "GitLab CI": gitlab_scopes,
}
"""How each CI system fills values into its lines (:mod:`tcop_lint.facts.ci_variables`)."""
_MAX_ROUNDS = 6
"""How many hops to follow from a CI line (CI -> make target -> npm script -> ...)."""

_SCRIPT_CALL = lazy_re(
    r"\b(?:npm\s+(?:run(?:-script)?\s+)?|yarn\s+(?:run\s+)?|pnpm\s+(?:run\s+)?|bun\s+run\s+)"
    r"(?:--?[\w-]+(?:[= ]\S+)?\s+)*([\w:.-]+)"
)
"""Kept for callers of the first version; :func:`script_calls` is more thorough."""

_MAX_LINE = 4000
"""Only this much of a line is read as shell: real CI lines are short, crafted ones are not."""
_SEGMENT_SPLIT = lazy_re(r"&&|\|\||[;|&`'\"\\\n]|(?:^|(?<=\s))#.*|\$\(")
_NOT_IN_WORDS = str.maketrans("()[]{},", "       ")
_QUOTED_OPTION_VALUE = lazy_re(r"""((?:^|\s)-[\w.-]*=)(?:"[^"\n]*"|'[^'\n]*')""")
_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_VALUE_OPTIONS = frozenset(
    {"--prefix", "-w", "--workspace", "--filter", "-F", "--dir", "-C", "--cwd"}
)
_NPM_ALIASES = {
    "t": "test",
    "tst": "test",
    "it": "test",
    "cit": "test",
    "install-test": "test",
    "install-ci-test": "test",
    "run-script": "run",
}
_SCRIPT_NAME = lazy_re(r"[\w:.-]+")
# Package-manager commands that do not run a package.json script of the same name.
_NOT_SCRIPTS = frozenset(
    {
        "add",
        "audit",
        "bin",
        "cache",
        "ci",
        "config",
        "create",
        "dedupe",
        "dlx",
        "doctor",
        "exec",
        "fetch",
        "fund",
        "global",
        "help",
        "i",
        "import",
        "info",
        "init",
        "install",
        "link",
        "list",
        "login",
        "logout",
        "ls",
        "outdated",
        "pack",
        "plugin",
        "prune",
        "publish",
        "rebuild",
        "remove",
        "rm",
        "set",
        "store",
        "uninstall",
        "update",
        "upgrade",
        "version",
        "view",
        "whoami",
        "why",
        "x",
    }
)

_MAKEFILE_NAMES = ("GNUmakefile", "makefile", "Makefile")
_MAKE_RULE = lazy_re(r"^([^\s:=#][^:=#]*)::?(?!=)(.*)$")
_MAKE_VARIABLE = lazy_re(r"^\s*(?:export\s+|override\s+)?[\w.-]+\s*[:+?!]?=")
_DEFAULT_GOAL = lazy_re(r"^\s*\.DEFAULT_GOAL\s*:?=\s*(\S+)")

_TOX = lazy_re(r"(?<![\w./-])tox(?![\w-])")
_NOX = lazy_re(r"(?<![\w./-])nox(?![\w-])")
_INSTALL = lazy_re(
    r"\b(?:pip3?|python3?\s+-m\s+pip|pipx|uv\s+pip|uv\s+tool|poetry|pipenv|npm|yarn|pnpm|bun|gem|"
    r"brew|apt(?:-get)?|apk|dnf|yum|conda|mamba|go|cargo)\s+(?:-\S+\s+)*(?:install|add|i)\b"
)
_TOX_FILES = ("tox.ini", "tox.toml", "setup.cfg", "pyproject.toml")
_SECTION = lazy_re(r"^\s*\[+([^\]]+)\]+\s*$")
_TOX_COMMANDS = lazy_re(r"^\s*commands(?:_pre|_post)?\s*[=:]\s*(.*)$")
_NOX_RUN = lazy_re(r"\bsession\.run(?:_always|_install)?\s*\(")
_LOCAL_ACTION = lazy_re(r"\buses:\s*['\"]?\./([^\s'\"@#]+)")
# A repository script a CI line runs: `./scripts/test.sh`, `bash ci/build.sh`, `script/cibuild`.
_SCRIPT_PATH = lazy_re(
    r"(?:^|(?<=[\s'\"=;&|(]))(\.{0,2}/?(?:[\w.-]+/)*[\w.-]+)(?=$|[\s'\";&|)])"
)
_SCRIPT_FOLDERS = (
    "script/",
    "scripts/",
    "bin/",
    "ci/",
    ".ci/",
    "tools/",
    "build/",
    ".github/",
)
_SHELL_EXTENSIONS = (".sh", ".bash")
_SCRIPT_MAX_BYTES = 100_000


class CiFile(NamedTuple):
    path: str
    system: str


class CommandLine(NamedTuple):
    """One line of a CI file, or a line of something a CI file calls."""

    path: str
    line: int
    text: str
    via: str | None = None
    """For a line CI reaches indirectly (a package.json script, a Makefile recipe, tox or nox
    commands, a local action): the CI file that started the chain."""
    written: str | None = None
    """For a line standing for a command with CI's values filled in (a matrix value, a CI
    variable, see :mod:`tcop_lint.facts.ci_variables`): the line as written; ``text`` is
    then the command it stands for."""


def ci_files(repo: Repository) -> list[CiFile]:
    return repo.memo("ci.files", lambda: _find_ci_files(repo))


def _find_ci_files(repo: Repository) -> list[CiFile]:
    found: list[CiFile] = []
    for system, paths in _CI_FILES:
        found.extend(CiFile(path, system) for path in paths if repo.has(path))
    for system, directory in _CI_DIRECTORIES:
        found.extend(
            CiFile(path, system)
            for path in repo.in_directory(directory)
            if path.lower().endswith(_YAML)
        )
    for system, pattern in _CI_NAMES:
        found.extend(
            CiFile(path, system)
            for path in repo.by_name_matching(pattern)
            if not is_vendored(path) and not _NOT_PIPELINE.search(path)
        )
    found.extend(
        _gitlab_included(repo, [f.path for f in found if f.system == "GitLab CI"])
    )
    found.extend(
        _azure_included(repo, [f.path for f in found if f.system == "Azure Pipelines"])
    )
    found.extend(_concourse(repo))
    unique: dict[str, CiFile] = {}
    for ci in found:
        unique.setdefault(ci.path, ci)
    return sorted(unique.values(), key=lambda f: f.path)


def _gitlab_included(repo: Repository, roots: list[str]) -> list[CiFile]:
    """Files a GitLab pipeline pulls in with ``include: local`` or runs as a child pipeline."""
    found: list[CiFile] = []
    seen = set(roots)
    pending = list(roots)
    while pending:
        parsed = repo.parsed(pending.pop(), "yaml")
        if not isinstance(parsed.data, dict):
            continue
        targets = list(_local_includes(repo, parsed.data.get("include")))
        for job in parsed.data.values():
            trigger = job.get("trigger") if isinstance(job, dict) else None
            if isinstance(trigger, dict):
                targets.extend(_local_includes(repo, trigger.get("include")))
        for path in targets:
            if path not in seen:
                seen.add(path)
                pending.append(path)
                found.append(CiFile(path, "GitLab CI"))
    return found


def _local_includes(repo: Repository, include: object) -> Iterable[str]:
    items = include if isinstance(include, list) else [include]
    for item in items:
        if isinstance(item, dict):
            item = item.get("local")
        if not isinstance(item, str) or "://" in item or "$" in item:
            continue
        path = item.strip().lstrip("/")
        if not path.lower().endswith(_YAML):
            continue
        if "*" in path or "?" in path:
            glob = path_glob(path, braces=False)
            prefix = path[: min(i for i in (path.find("*"), path.find("?")) if i >= 0)]
            yield from (
                candidate
                for candidate in repo.by_extension(*_YAML)
                if candidate.startswith(prefix) and glob.fullmatch(candidate)
            )
        elif repo.has(path):
            yield path


def _azure_included(repo: Repository, roots: list[str]) -> list[CiFile]:
    """Templates of this repository that Azure pipelines use (``- template: ci/test.yml``,
    ``extends: {template: x.yml@self}``): a path relative to the file using it, or to the
    root when it starts with ``/``. Templates of other repositories are in
    :mod:`tcop_lint.facts.ci_remote`."""
    found: list[CiFile] = []
    seen = set(roots)
    pending = list(roots)
    while pending:
        path = pending.pop()
        for template in azure_template_names(repo.parsed(path, "yaml").data):
            name, at, alias = template.rpartition("@")
            if (at and alias != "self") or "$" in template:
                continue
            name = name if at else template
            folder = "" if name.startswith("/") else path.rpartition("/")[0]
            target = _join(folder, name)
            if (
                target not in seen
                and target.lower().endswith(_YAML)
                and repo.has(target)
            ):
                seen.add(target)
                pending.append(target)
                found.append(CiFile(target, "Azure Pipelines"))
    return found


def azure_template_names(data: object) -> list[str]:
    """Every ``template:`` value of an Azure pipeline, shallowest first, each once."""
    found: dict[str, None] = {}
    pending: deque[object] = deque([data])
    for _ in range(_AZURE_MAX_NODES):
        if not pending:
            break
        node = pending.popleft()
        if isinstance(node, dict):
            template = node.get("template")
            if isinstance(template, str):
                found.setdefault(template)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return list(found)


def _concourse(repo: Repository) -> list[CiFile]:
    """Concourse pipelines and task files in the usual folders, and the task files the
    pipelines name (``file: source/ci/tasks/unit.yml``) wherever they are."""
    candidates = [
        path
        for directory in _CONCOURSE_DIRECTORIES
        for path in repo.under(directory)
        if path.lower().endswith(_YAML) and path.count("/") <= 3
    ]
    found = []
    named: list[str] = []
    for path in candidates[:_CONCOURSE_MAX_FILES]:
        data = repo.parsed(path, "yaml").data
        if not isinstance(data, dict):
            continue
        if "jobs" in data and "resources" in data:
            found.append(CiFile(path, "Concourse"))
            named.extend(_concourse_task_files(repo, data["jobs"]))
        elif "platform" in data and "run" in data:
            found.append(CiFile(path, "Concourse"))
    found.extend(CiFile(path, "Concourse") for path in named)
    return found


def _concourse_task_files(repo: Repository, jobs: object) -> list[str]:
    """The task files a pipeline's steps name, found in this repository: Concourse paths
    start with the name of the input holding the file (``source/ci/tasks/unit.yml``)."""
    found: list[str] = []
    pending: list[object] = [jobs]
    for _ in range(_CONCOURSE_MAX_NODES):
        if not pending:
            break
        node = pending.pop()
        if isinstance(node, dict):
            named = node.get("file") if "task" in node else None
            path = _input_path(repo, named) if isinstance(named, str) else None
            if path and path.lower().endswith(_YAML) and path not in found:
                found.append(path)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def _input_path(repo: Repository, value: str) -> str | None:
    """A path a Concourse task names, in this repository: as written, or without its first
    folder, the name of the task input that holds this repository."""
    path = _join("", value.strip())
    if repo.has(path):
        return path
    rest = path.partition("/")[2]
    return rest if rest and repo.has(rest) else None


def ci_commands(repo: Repository) -> list[CommandLine]:
    """Every line of every CI file, plus the lines CI runs through scripts it calls."""
    return repo.memo("ci.commands", lambda: _collect_commands(repo))


def _collect_commands(repo: Repository) -> list[CommandLine]:
    lines: list[CommandLine] = []
    for ci in ci_files(repo):
        lines.extend(_ci_file_lines(repo, ci))
    seen = {(line.path, line.line, line.text) for line in lines}
    frontier = lines
    for _ in range(_MAX_ROUNDS):
        reached: list[CommandLine] = []
        for found in (
            _package_scripts(repo, _called_scripts(frontier)),
            _make_targets(repo, frontier),
            _tox_commands(repo, frontier),
            _nox_sessions(repo, frontier),
            _local_actions(repo, frontier),
            _local_scripts(repo, frontier),
            _task_runs(repo, frontier),
            _concourse_scripts(repo, frontier),
        ):
            for line in found:
                if (line.path, line.line, line.text) not in seen:
                    seen.add((line.path, line.line, line.text))
                    reached.append(line)
        if not reached:
            break
        lines = [*lines, *reached]
        frontier = reached
    return lines


def _ci_file_lines(repo: Repository, ci: CiFile) -> list[CommandLine]:
    """Every line of a CI file, each followed by the commands it stands for with the file's
    matrix values and variables filled in."""
    text = repo.read_text(ci.path)
    if text is None:
        return []
    scopes_of = _SCOPES.get(ci.system)
    scopes = scopes_of(repo.parsed(ci.path, "yaml").data) if scopes_of else []
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        lines.append(CommandLine(ci.path, number, line))
        lines.extend(
            CommandLine(ci.path, number, command, written=line)
            for command in expand(line, number, scopes)
        )
    if ci.system == "Travis CI":
        lines.extend(_travis_default_script(repo, ci.path, text))
    return lines


_TRAVIS_DEFAULT_SCRIPTS = {
    "node_js": "npm test",
    "ruby": "bundle exec rake",
    "go": "go test -v ./...",
}
"""What Travis CI runs for a language when ``.travis.yml`` has no ``script:`` (for Go, only
when there is no Makefile: Travis runs ``make`` then)."""


def _travis_default_script(repo: Repository, path: str, text: str) -> list[CommandLine]:
    data = repo.parsed(path, "yaml").data
    if not isinstance(data, dict) or "script" in data:
        return []
    language = str(data.get("language", "")).strip()
    command = _TRAVIS_DEFAULT_SCRIPTS.get(language)
    if command is None or (language == "go" and repo.has("Makefile")):
        return []
    number = next(
        (
            n
            for n, line in enumerate(text.splitlines(), 1)
            if line.startswith("language:")
        ),
        1,
    )
    return [CommandLine(path, number, command, written=f"language: {language}")]


def _origin(line: CommandLine) -> str:
    return line.via or line.path


# -- package.json scripts ---------------------------------------------------------------------


def shell_segments(text: str) -> list[list[str]]:
    """The words of each simple command in a shell line, split at ``&&``, ``;``, pipes, quotes.

    ``- run: cd web && npm test # unit`` -> ``[["-", "run:", "cd", "web"], ["npm", "test"]]``.
    Linear in the line, which is cut at :data:`_MAX_LINE` characters; ``$(MAKE)`` reads as
    ``make``; brackets and commas separate words (``script: [pytest]``); a quoted option
    value (``-Dorg.gradle.jvmargs="-Xmx1g" build``) stays one word, so the command goes on.
    """
    text = text[:_MAX_LINE].replace("$(MAKE)", "make").replace("${MAKE}", "make")
    text = _QUOTED_OPTION_VALUE.sub(r"\1_", text)
    segments = []
    for part in _SEGMENT_SPLIT.split(text):
        words = part.translate(_NOT_IN_WORDS).split()
        if words:
            segments.append(words)
    return segments


def script_calls(text: str) -> list[str]:
    """Names of the package.json scripts a shell line runs through npm, yarn, pnpm or bun.

    ``npm test --workspaces`` -> ``test``; ``npm --prefix web run build`` -> ``build``;
    ``yarn workspace api lint`` -> ``lint``; ``pnpm -r --filter ./apps/* test:unit`` ->
    ``test:unit``; ``npm t`` -> ``test``.
    """
    names: list[str] = []
    for words in shell_segments(text):
        runner_at = next((i for i, word in enumerate(words) if word in _RUNNERS), None)
        if runner_at is None:
            continue
        runner = words[runner_at]
        tokens = words[runner_at + 1 :]
        skip_next = False
        for index, token in enumerate(tokens):
            if skip_next:
                skip_next = False
                continue
            if token.startswith("-"):
                skip_next = "=" not in token and token in _VALUE_OPTIONS
                continue
            token = _NPM_ALIASES.get(token, token) if runner == "npm" else token
            if token in ("run", "workspaces", "foreach", "recursive"):
                continue
            if token == "workspace" and runner == "yarn":
                skip_next = True
                continue
            ran = "run" in tokens[:index]
            if (token in _NOT_SCRIPTS and not ran) or (
                token == "test" and runner == "bun" and not ran
            ):
                break  # a package-manager command or bun's own test runner, not a script
            if _SCRIPT_NAME.fullmatch(token):
                names.append(token)
            break
    return names


def _called_scripts(lines: Iterable[CommandLine]) -> set[tuple[str, str]]:
    return {(name, _origin(line)) for line in lines for name in script_calls(line.text)}


def _package_scripts(
    repo: Repository, called: set[tuple[str, str]]
) -> list[CommandLine]:
    """The bodies of package.json scripts named in ``called``, following nested calls."""
    found: list[CommandLine] = []
    if not called:
        return found
    for manifest in repo.by_name("package.json"):
        if is_vendored(manifest):
            continue
        parsed = repo.parsed(manifest, "json")
        scripts = parsed.data.get("scripts") if isinstance(parsed.data, dict) else None
        if not isinstance(scripts, dict):
            continue
        pending = sorted(called)
        seen: set[str] = set()
        while pending:
            name, via = pending.pop()
            body = scripts.get(name)
            if name in seen or not isinstance(body, str):
                continue
            seen.add(name)
            line = repo.line_of(manifest, rf'"{re.escape(name)}"\s*:') or 1
            found.append(CommandLine(manifest, line, body, via=via))
            pending.extend((called_name, via) for called_name in script_calls(body))
    return found


# -- Makefile targets -------------------------------------------------------------------------


def make_calls(text: str) -> list[tuple[str | None, str | None, list[str]]]:
    """``(directory, makefile, targets)`` for each ``make`` a shell line runs.

    ``make test`` -> ``(None, None, ["test"])``; ``make -C api lint test`` -> ``("api", None,
    ["lint", "test"])``; ``cd web && make`` -> ``("web", None, [])`` (the default goal).
    """
    calls = []
    cd: str | None = None
    for words in shell_segments(text):
        if len(words) >= 2 and words[-2] == "cd":
            cd = words[-1]
            continue
        make_at = next((i for i, word in enumerate(words) if word == "make"), None)
        if make_at is None:
            continue
        directory: str | None = cd
        makefile: str | None = None
        tokens = words[make_at + 1 :]
        targets: list[str] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token in ("-C", "--directory", "-f", "--file", "--makefile"):
                value = tokens[index] if index < len(tokens) else None
                index += 1
                if token in ("-C", "--directory"):
                    directory = value
                else:
                    makefile = value
            elif token.startswith(("--directory=", "--file=", "--makefile=")):
                value = token.partition("=")[2]
                if token.startswith("--directory="):
                    directory = value
                else:
                    makefile = value
            elif token.startswith("-C") and len(token) > 2:
                directory = token[2:]
            elif token.startswith("-f") and len(token) > 2:
                makefile = token[2:]
            elif token.startswith("-") or "=" in token:
                continue
            elif re.fullmatch(r"[\w./%+-]+", token) and not token.isdigit():
                targets.append(token)
        calls.append((directory, makefile, targets))
    return calls


def _make_targets(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    found: list[CommandLine] = []
    for line in lines:
        if "make" not in line.text.lower():
            continue
        for directory, makefile, targets in make_calls(line.text):
            for path in _makefiles_for(repo, line, directory, makefile, targets):
                found.extend(
                    CommandLine(path, number, text, via=_origin(line))
                    for number, text in _recipe_lines(repo, path, targets)
                )
    return found


def _join(base: str, relative: str) -> str:
    parts: list[str] = [p for p in base.split("/") if p]
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _makefiles_for(
    repo: Repository,
    line: CommandLine,
    directory: str | None,
    makefile: str | None,
    targets: list[str],
) -> list[str]:
    """Which Makefile a ``make`` runs: from -C/-f/cd, a calling Makefile's folder, or the root.

    A CI step often sets the folder elsewhere (``working-directory: api``); when the root has
    no Makefile defining the target, every Makefile defining it is taken.
    """
    base = line.path.rpartition("/")[0] if _is_makefile(line.path) else ""
    if directory is not None and not repo.under(_join(base, directory)):
        directory = (
            None  # a folder of the CI machine (a Concourse input), not of the repo
        )
    folder = _join(base, directory or "")
    if makefile:
        path = _join(folder, makefile)
        return [path] if repo.has(path) else []
    local = [p for name in _MAKEFILE_NAMES if repo.has(p := _join(folder, name))][:1]
    if local and (
        not targets or any(t in _make_rules(repo, local[0]) for t in targets)
    ):
        return local
    if directory is not None or base or not targets:
        return local
    return [
        path
        for path in repo.by_name(*_MAKEFILE_NAMES)
        if not is_vendored(path) and any(t in _make_rules(repo, path) for t in targets)
    ][:10]


def _is_makefile(path: str) -> bool:
    name = path.rpartition("/")[2]
    return name in _MAKEFILE_NAMES or name.lower().endswith(".mk")


def _make_rules(repo: Repository, path: str) -> dict[str, _MakeRule]:
    """Target -> its prerequisites and recipe lines; ``""`` is the default goal."""
    return repo.memo(f"ci.make:{path}", lambda: _parse_makefile(repo.read_text(path)))


@dataclass
class _MakeRule:
    prerequisites: list[str]
    recipe: list[tuple[int, str]]


def _parse_makefile(text: str | None) -> dict[str, _MakeRule]:
    rules: dict[str, _MakeRule] = {}
    if text is None:
        return rules
    current: list[_MakeRule] = []
    default_goal: str | None = None
    first_target: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("\t"):
            # make's own prefixes (@ silent, - ignore errors, + always run) are not shell
            command = raw.strip().lstrip("@-+").lstrip()
            for rule in current:
                rule.recipe.append((number, command))
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current = []
        goal_match = _DEFAULT_GOAL.match(raw)
        if goal_match:
            default_goal = goal_match.group(1)
            continue
        rule_match = None if _MAKE_VARIABLE.match(raw) else _MAKE_RULE.match(raw)
        if not rule_match:
            continue
        prerequisites, _, inline = rule_match.group(2).partition(";")
        for target in rule_match.group(1).split():
            if target.startswith(".") or "%" in target or "$" in target:
                continue
            first_target = first_target or target
            rule = rules.setdefault(target, _MakeRule([], []))
            rule.prerequisites.extend(
                p for p in prerequisites.split() if "=" not in p and "$" not in p
            )
            if inline.strip():
                rule.recipe.append((number, inline.strip()))
            current.append(rule)
    goal = default_goal or first_target
    if goal and goal in rules:
        rules[""] = rules[goal]
    return rules


def _recipe_lines(
    repo: Repository, path: str, targets: list[str]
) -> list[tuple[int, str]]:
    """The recipe lines of ``targets`` and of the targets they depend on."""
    rules = _make_rules(repo, path)
    pending = list(targets or [""])
    seen: set[str] = set()
    found: set[tuple[int, str]] = set()
    while pending:
        target = pending.pop()
        rule = rules.get(target)
        if target in seen or rule is None:
            continue
        seen.add(target)
        found.update(rule.recipe)
        pending.extend(rule.prerequisites)
    return sorted(found)


# -- task runners -----------------------------------------------------------------------------


def _task_runs(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    """The command lines of the tasks CI lines run through a task runner (taskipy, go-task,
    poethepoet, just, invoke, Rake), see :mod:`tcop_lint.facts.task_runners`."""
    found: list[CommandLine] = []
    for line in lines:
        lower = line.text.lower()
        if not any(word in lower for word in _TASK_HINTS):
            continue
        for call in task_calls(shell_segments(line.text)):
            for tasks in _task_definitions(repo, call):
                found.extend(
                    CommandLine(task.path, number, text, via=_origin(line))
                    for task in run_order(tasks, call.names)
                    for number, text in task.commands
                )
    return found


_TASK_HINTS = ("task", "poe", "just", "inv", "rake")
_TASK_FILES = {
    "task": ("pyproject.toml", "Taskfile.yml", "Taskfile.yaml", "Taskfile.dist.yml"),
    "poe": ("pyproject.toml",),
    "just": ("justfile", ".justfile"),
    "invoke": ("tasks.py",),
    "rake": ("Rakefile", "Rakefile.rb"),
}
_RAKE_FOLDERS = ("rakelib", "lib/tasks")
_MAX_TASK_FOLDERS = 10


def _task_definitions(repo: Repository, call: TaskCall) -> list[dict[str, Task]]:
    """The tasks a call may run: the root's definitions when they hold one of the names
    called, else those of each folder that does (a CI step may have changed folder)."""
    root = _folder_tasks(repo, call.runner, "")
    if any(name in root for name in call.names):
        return [root]
    folders = sorted(
        {
            path.rpartition("/")[0]
            for path in repo.by_name(*_TASK_FILES[call.runner])
            if "/" in path and not is_vendored(path)
        }
    )
    found = []
    for folder in folders:
        tasks = _folder_tasks(repo, call.runner, folder)
        if any(name in tasks for name in call.names):
            found.append(tasks)
    return found[:_MAX_TASK_FOLDERS]


def _folder_tasks(repo: Repository, runner: str, folder: str) -> dict[str, Task]:
    return repo.memo(
        f"ci.tasks:{runner}:{folder}", lambda: _read_tasks(repo, runner, folder)
    )


def _read_tasks(repo: Repository, runner: str, folder: str) -> dict[str, Task]:
    tasks: dict[str, Task] = {}
    for name in _TASK_FILES[runner]:
        path = repo.find(_join(folder, name))
        if path is None or path.rpartition("/")[0] != folder:
            continue
        text = repo.read_text(path) or ""
        if name == "pyproject.toml":
            data = repo.parsed(path, "toml").data
            read = taskipy_tasks if runner == "task" else poe_tasks
            tasks = {**read(path, text, data), **tasks}
        elif runner == "task":
            tasks = {**go_tasks(path, repo.parsed(path, "yaml").data), **tasks}
        elif runner == "just":
            tasks = {**just_recipes(path, text), **tasks}
        elif runner == "invoke":
            tasks = {**invoke_tasks(path, text), **tasks}
        else:
            tasks = {**rake_tasks(path, text), **tasks}
    if runner == "rake":
        for rakefolder in _RAKE_FOLDERS:
            for path in repo.in_directory(_join(folder, rakefolder)):
                if path.endswith(".rake"):
                    tasks = {**rake_tasks(path, repo.read_text(path) or ""), **tasks}
    return tasks


# -- tox and nox ------------------------------------------------------------------------------


def _runs(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a shell line runs the tool (not merely installs it)."""
    return pattern.search(text) is not None and any(
        pattern.search(part) and not _INSTALL.search(part)
        for part in re.split(r"&&|\|\||;", text)
    )


def _tox_commands(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    callers = sorted({_origin(line) for line in lines if _runs(_TOX, line.text)})
    if not callers:
        return []
    found: list[CommandLine] = []
    for name in _TOX_FILES:
        if repo.has(name):
            found.extend(
                CommandLine(name, number, text, via=callers[0])
                for number, text in _tox_command_lines(repo.read_text(name) or "")
            )
    return found


def _tox_command_lines(text: str) -> list[tuple[int, str]]:
    """``commands`` of tox environments in tox.ini, setup.cfg, tox.toml or pyproject.toml."""
    found: list[tuple[int, str]] = []
    section = ""
    in_commands = False
    depth = 0
    for number, raw in enumerate(text.splitlines(), 1):
        header = _SECTION.match(raw)
        if header and depth <= 0:
            section = header.group(1).strip().lower()
            in_commands = False
            continue
        tox_section = "testenv" in section or section.startswith(
            ("env", "tool.tox", "tox:")
        )
        command = _TOX_COMMANDS.match(raw) if tox_section else None
        if command:
            in_commands = True
            value = command.group(1)
            depth = value.count("[") - value.count("]")
            if value.strip():
                found.append((number, raw.strip()))
        elif in_commands and raw.strip() and (raw[:1].isspace() or depth > 0):
            depth += raw.count("[") - raw.count("]")
            found.append((number, raw.strip()))
        elif raw.strip():
            in_commands = False
            depth = 0
    return found


def _nox_sessions(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    callers = sorted({_origin(line) for line in lines if _runs(_NOX, line.text)})
    if not callers or not repo.has("noxfile.py"):
        return []
    text = repo.read_text("noxfile.py") or ""
    return [
        CommandLine("noxfile.py", number, raw.strip(), via=callers[0])
        for number, raw in enumerate(text.splitlines(), 1)
        if _NOX_RUN.search(raw)
    ]


# -- local actions ----------------------------------------------------------------------------


def _local_actions(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    """Lines of local composite actions a workflow uses (``uses: ./.github/actions/setup``)."""
    found: list[CommandLine] = []
    for line in lines:
        match = _LOCAL_ACTION.search(line.text)
        if not match:
            continue
        target = _join("", match.group(1))
        if target.lower().endswith(_YAML):
            continue  # a reusable workflow: already a CI file
        for name in ("action.yml", "action.yaml"):
            path = f"{target}/{name}" if target else name
            text = repo.read_text(path) if repo.has(path) else None
            if text is not None:
                found.extend(
                    CommandLine(path, number, raw, via=_origin(line))
                    for number, raw in enumerate(text.splitlines(), 1)
                )
                break
    return found


def local_script(repo: Repository, token: str) -> str | None:
    """The repository shell script a command-line token names, if it is one.

    ``./scripts/test.sh``, ``scripts/test.sh``, ``script/cibuild`` and ``.ci/run`` are; a
    folder (``cd tests``), a missing file or a file of another kind (``tests/data.json``) is not.
    """
    path = _join("", token)
    if not path or not repo.has(path):
        return None
    name = path.rpartition("/")[2]
    if name.lower().endswith(_SHELL_EXTENSIONS):
        return path
    if "." in name or not (token.startswith("./") or path.startswith(_SCRIPT_FOLDERS)):
        return None
    head = (repo.read_bytes(path) or b"")[:100]
    return path if head.startswith(b"#!") and b"sh" in head.split(b"\n", 1)[0] else None


def script_tokens(repo: Repository, text: str) -> list[str]:
    """The repository shell scripts a command line names (see :func:`local_script`)."""
    if "/" not in text and ".sh" not in text and ".bash" not in text:
        return []
    found = []
    for match in _SCRIPT_PATH.finditer(text):
        path = local_script(repo, match.group(1))
        if path is not None and path not in found:
            found.append(path)
    return found


def _local_scripts(repo: Repository, lines: Iterable[CommandLine]) -> list[CommandLine]:
    """Lines of the shell scripts in the repository that CI lines run."""
    found: list[CommandLine] = []
    for line in lines:
        for path in script_tokens(repo, line.text):
            if path != line.path:
                found.extend(_script_lines(repo, path, _origin(line)))
    return found


def _concourse_scripts(
    repo: Repository, lines: Iterable[CommandLine]
) -> list[CommandLine]:
    """Lines of the scripts Concourse task files run (``run: {path: source/ci/unit.sh}``,
    the path starting with the name of the input holding this repository)."""
    concourse = {ci.path for ci in ci_files(repo) if ci.system == "Concourse"}
    found: list[CommandLine] = []
    for line in lines:
        match = _CONCOURSE_RUN_PATH.match(line.text) if line.path in concourse else None
        path = _input_path(repo, match.group(1)) if match else None
        script = local_script(repo, path) if path else None
        if script is not None and script != line.path:
            found.extend(_script_lines(repo, script, _origin(line)))
    return found


def _script_lines(repo: Repository, path: str, via: str) -> list[CommandLine]:
    data = repo.read_bytes(path) or b""
    text = repo.read_text(path) if len(data) <= _SCRIPT_MAX_BYTES else None
    if text is None:
        return []
    return [
        CommandLine(path, number, raw, via=via)
        for number, raw in enumerate(text.splitlines(), 1)
    ]


def find_in_ci(repo: Repository, pattern: str) -> list[CommandLine]:
    """CI lines (and the lines CI runs through scripts it calls) matching the expression,
    case-insensitively, in time linear in the lines.

    The expression is matched with RE2, which cannot backtrack, so ``\\bname\\b.*--flag`` costs
    one pass over a 1 MB line of ``name name name ...`` instead of a pass per word. An
    expression RE2 cannot run (a lookaround) is matched with Python's ``re`` on the first
    :data:`_MAX_LINE` characters of each line only.
    """
    # Most expressions match no CI line, and are never compiled. Literals one of which every
    # match contains, looked for in all the lines at once, rule most out; else one search of
    # the joined lines (a match on a line is a match there when ^ and $ match at line ends).
    # Lower-casing both sides can miss only Unicode case-folding oddities (KELVIN SIGN for k)
    # in a CI file.
    literals = required_literals(pattern)
    if literals is not None:
        text = _ci_text_lower(repo)
        if not any(literal.lower() in text for literal in literals):
            return []
    linear = _linear(pattern)
    if linear is None:
        return _find_bounded(repo, pattern)
    if not _searches(linear, _ci_text(repo)):
        return []
    return [line for line in ci_commands(repo) if _searches(linear, line.text)]


@functools.lru_cache(maxsize=512)
def _linear(pattern: str) -> Any:
    """``pattern`` compiled by RE2, case-insensitive, ``^`` and ``$`` at line ends; ``None``
    when RE2 cannot run it (lookarounds, backreferences)."""
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(f"(?m){pattern}", options)
    except re2.error:
        return None


def _searches(regex: Any, text: str) -> bool:
    try:
        return regex.search(text) is not None
    except UnicodeEncodeError:  # a lone surrogate, from a JSON escape in package.json
        return regex.search(text.encode("utf-8", "replace").decode("utf-8")) is not None


def _find_bounded(repo: Repository, pattern: str) -> list[CommandLine]:
    """:func:`find_in_ci` for an expression only Python's ``re`` runs: each line is read up
    to :data:`_MAX_LINE` characters, so a backtracking expression stays bounded."""
    regex = re.compile(pattern, re.IGNORECASE)
    return [line for line in ci_commands(repo) if regex.search(line.text[:_MAX_LINE])]


def _ci_text(repo: Repository) -> str:
    return repo.memo(
        "ci.text", lambda: "\n".join(line.text for line in ci_commands(repo))
    )


def _ci_text_lower(repo: Repository) -> str:
    return repo.memo("ci.text.lower", lambda: _ci_text(repo).lower())
