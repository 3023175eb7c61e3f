"""CI configuration files and the commands they run, including package.json scripts they call."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tcop_lint.repository import Repository

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
    ("Buildkite", ".buildkite"),
)
_YAML = (".yml", ".yaml")
_SCRIPT_CALL = re.compile(
    r"\b(?:npm\s+(?:run(?:-script)?\s+)?|yarn\s+(?:run\s+)?|pnpm\s+(?:run\s+)?|bun\s+run\s+)"
    r"(?:--?[\w-]+(?:[= ]\S+)?\s+)*([\w:.-]+)"
)


@dataclass(frozen=True)
class CiFile:
    path: str
    system: str


@dataclass(frozen=True)
class CommandLine:
    """One line of a CI file, or a package.json script that a CI file calls."""

    path: str
    line: int
    text: str
    via: str | None = None
    """For a package.json script: the CI file that calls it."""


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
    return sorted(set(found), key=lambda f: f.path)


def ci_commands(repo: Repository) -> list[CommandLine]:
    """Every line of every CI file, plus the package.json scripts those lines call."""
    return repo.memo("ci.commands", lambda: _collect_commands(repo))


def _collect_commands(repo: Repository) -> list[CommandLine]:
    lines: list[CommandLine] = []
    for ci in ci_files(repo):
        text = repo.read_text(ci.path)
        if text is None:
            continue
        lines.extend(
            CommandLine(ci.path, number, line)
            for number, line in enumerate(text.splitlines(), 1)
        )
    called = {
        (match.group(1), line.path)
        for line in lines
        for match in _SCRIPT_CALL.finditer(line.text)
    }
    if called:
        lines.extend(_package_scripts(repo, called))
    return lines


def _package_scripts(
    repo: Repository, called: set[tuple[str, str]]
) -> list[CommandLine]:
    """The bodies of package.json scripts named in ``called``, following one level of nesting."""
    found: list[CommandLine] = []
    for manifest in repo.by_name("package.json"):
        if "node_modules/" in manifest:
            continue
        parsed = repo.parsed(manifest, "json")
        scripts = parsed.data.get("scripts") if isinstance(parsed.data, dict) else None
        if not isinstance(scripts, dict):
            continue
        pending = [(name, via) for name, via in called]
        seen: set[str] = set()
        while pending:
            name, via = pending.pop()
            body = scripts.get(name)
            if name in seen or not isinstance(body, str):
                continue
            seen.add(name)
            line = repo.line_of(manifest, rf'"{re.escape(name)}"\s*:') or 1
            found.append(CommandLine(manifest, line, body, via=via))
            pending.extend((m.group(1), via) for m in _SCRIPT_CALL.finditer(body))
    return found


def find_in_ci(repo: Repository, pattern: str | re.Pattern[str]) -> list[CommandLine]:
    """CI lines (and the package.json scripts CI calls) matching the regular expression."""
    regex = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
    return [line for line in ci_commands(repo) if regex.search(line.text)]
