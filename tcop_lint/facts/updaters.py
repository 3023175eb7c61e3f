"""Dependency updaters a repository configures: Dependabot, Renovate and Scala Steward.

``read_dependabot(repo)`` and ``read_renovate(repo)`` read the config files as the tools do and
return what they update, plus :class:`ConfigProblem` records for what a tool would reject or
misread (a YAML error, an entry without a schedule, an unknown ``package-ecosystem``). The
``*_covers``, ``*_excludes`` and ``*_ignores`` functions answer, for one
:class:`~tcop_lint.facts.ecosystems.EcosystemDir`, whether the config reaches it. Judging
(what is a finding, at which level, with which words) is the dependency-updates rule's.

Globs in these configs come from the scanned repository and go through
:mod:`tcop_lint.globs`, which matches in linear time whatever the pattern.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tcop_lint.facts.ci import find_in_ci
from tcop_lint.facts.ecosystems import (
    DEPENDABOT_ECOSYSTEMS,
    DETECTED_ECOSYSTEMS,
    EcosystemDir,
)
from tcop_lint.globs import (
    directory_matches,
    names_path_or_parent,
    normalise_directory,
    path_glob,
)
from tcop_lint.parsing import LineDict, LineList
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

DEPENDABOT_CONFIGS = (".github/dependabot.yml", ".github/dependabot.yaml")
RENOVATE_CONFIGS = (
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
    ".gitea/renovate.json",
    ".gitea/renovate.json5",
    ".forgejo/renovate.json",
    ".forgejo/renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
)
"""Where Renovate looks for its config, in its order (``package.json``'s ``renovate`` last)."""

SCALA_STEWARD_CONFIGS = (
    ".scala-steward.conf",
    ".github/.scala-steward.conf",
    ".config/.scala-steward.conf",
)

RENOVATE_MANAGERS: dict[str, tuple[str, ...]] = {
    "npm": ("npm",),
    "bun": ("bun", "npm"),
    "pip": (
        "pip_requirements",
        "pip-compile",
        "pip_setup",
        "pipenv",
        "poetry",
        "pep621",
        "setup-cfg",
    ),
    "uv": ("pep621",),
    "bundler": ("bundler",),
    "gomod": ("gomod",),
    "cargo": ("cargo",),
    "maven": ("maven",),
    "gradle": ("gradle",),
    "composer": ("composer",),
    "nuget": ("nuget",),
    "mix": ("mix",),
    "docker": ("dockerfile",),
    "docker-compose": ("docker-compose",),
    "github-actions": ("github-actions",),
    "terraform": ("terraform",),
    "helm": ("helmv3",),
    "sbt": ("sbt",),
}
"""Dependabot ecosystem -> the Renovate managers that update it (the first is its own)."""

PARTIAL_COVER = {"uv": ("pip", "uv.lock"), "bun": ("npm", "bun.lock")}
"""An ecosystem whose manifest another Dependabot ecosystem updates, but not its lockfile:
ecosystem -> (the other ecosystem, the lockfile it leaves alone)."""

ECOSYSTEM_MISTAKES = {
    "yarn": "npm",
    "pnpm": "npm",
    "node": "npm",
    "javascript": "npm",
    "python": "pip",
    "pipenv": "pip",
    "poetry": "pip",
    "pip-compile": "pip",
    "go": "gomod",
    "golang": "gomod",
    "rust": "cargo",
    "ruby": "bundler",
    "rubygems": "bundler",
    "gem": "bundler",
    "actions": "github-actions",
    "github_actions": "github-actions",
    "githubactions": "github-actions",
    "dockerfile": "docker",
    "docker_compose": "docker-compose",
    "compose": "docker-compose",
    "hex": "mix",
    "elixir": "mix",
    "dotnet": "nuget",
    "php": "composer",
    "java": "maven",
    "helmv3": "helm",
    "scala": "sbt",
}
"""A ``package-ecosystem`` value people write -> the one Dependabot knows."""

RENOVATE_DEFAULT_IGNORE = ("**/node_modules/**", "**/bower_components/**")
"""Renovate's own ``ignorePaths`` default."""
RENOVATE_MODULES_AND_TESTS = (
    "**/node_modules/**",
    "**/bower_components/**",
    "**/vendor/**",
    "**/examples/**",
    "**/__tests__/**",
    "**/test/**",
    "**/tests/**",
    "**/__fixtures__/**",
)
"""``:ignoreModulesAndTests``, which the presets below bring in."""
PRESETS_IGNORING_TESTS = frozenset(
    {
        ":ignoreModulesAndTests",
        "config:recommended",
        "config:base",
        "config:best-practices",
        "config:js-app",
        "config:js-lib",
        "security:only-security-updates",
    }
)

# The files a Python manager of Renovate reads unless given others (its default
# managerFilePatterns, docs.renovatebot.com/modules/manager/NAME); pip-compile reads none.
RENOVATE_PYTHON_FILES = {
    "pip_requirements": lazy_re(r"[\w-]*requirements(?:[-.]\w+)?\.(?:txt|pip)"),
    "pip_setup": lazy_re(r"setup\.py"),
    "pipenv": lazy_re(r"Pipfile"),
    "poetry": lazy_re(r"pyproject\.toml"),
    "pep621": lazy_re(r"pyproject\.toml"),
    "setup-cfg": lazy_re(r"setup\.cfg"),
}

_GLOB_CHARACTER = re.compile(r"[*?\[{]")
_SHARED_PRESET = re.compile(r"[\w-]+>")


class ConfigProblem(NamedTuple):
    """Something in an updater's config the tool would reject or misread.

    ``kind`` is stable (``no-schedule``, ``unknown-ecosystem``...); ``detail`` is the
    offending value (a parse error, a version, a directory), ``ecosystem`` the entry's, and
    ``fix`` the value to write instead where there is one.
    """

    path: str
    line: int
    kind: str
    detail: str = ""
    ecosystem: str = ""
    fix: str = ""


@dataclass(frozen=True)
class DependabotUpdate:
    """One Dependabot ``updates`` entry."""

    ecosystem: str
    directories: tuple[str, ...]
    globs: bool
    """``directories:`` (globs allowed) rather than ``directory:``."""
    exclude_paths: tuple[str, ...] = ()
    line: int = 1
    """The line of its ``directory:`` or ``directories:`` key."""


@dataclass(frozen=True)
class Dependabot:
    path: str
    updates: tuple[DependabotUpdate, ...]
    problems: tuple[ConfigProblem, ...]


@dataclass
class Renovate:
    path: str
    enabled: bool = True
    managers: set[str] | None = None
    """``enabledManagers``; ``None`` when every manager is on."""
    disabled_managers: set[str] = field(default_factory=set)
    extended_managers: set[str] = field(default_factory=set)
    """Managers given files of their own (``managerFilePatterns``, ``fileMatch`` before v40)."""
    ignore_paths: tuple[str, ...] = RENOVATE_DEFAULT_IGNORE
    shared_presets: list[str] = field(default_factory=list)
    """``extends`` entries naming another repository's presets, which are not read here."""


# -- Dependabot -------------------------------------------------------------------------------


def dependabot_path(repo: Repository) -> str | None:
    return next((p for p in DEPENDABOT_CONFIGS if repo.has(p)), None)


def read_dependabot(repo: Repository) -> Dependabot | None:
    """The Dependabot config, or ``None`` when there is none; read once per run."""
    path = dependabot_path(repo)
    if path is None:
        return None
    return repo.memo(
        f"updaters.dependabot:{path}", lambda: _read_dependabot(repo, path)
    )


def _read_dependabot(repo: Repository, path: str) -> Dependabot:
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        problem = ConfigProblem(
            path, parsed.line or 1, "unparsable", detail=parsed.error or ""
        )
        return Dependabot(path, (), (problem,))
    data = parsed.data
    if not isinstance(data, dict):
        return Dependabot(path, (), (ConfigProblem(path, 1, "not-a-mapping"),))
    problems: list[ConfigProblem] = []
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _key: 1)
    version = data.get("version")
    if version != 2 or isinstance(version, bool):
        problems.append(
            ConfigProblem(path, line_of("version"), "wrong-version", repr(version))
        )
    entries = data.get("updates")
    if not isinstance(entries, list) or not entries:
        problems.append(ConfigProblem(path, line_of("updates"), "no-updates"))
        return Dependabot(path, (), tuple(problems))
    groups = data.get("multi-ecosystem-groups")
    scheduled_groups = {
        name
        for name, group in (groups.items() if isinstance(groups, dict) else ())
        if isinstance(group, dict) and has_interval(group)
    }
    updates = []
    for index, entry in enumerate(entries):
        line = entries.line_of(index) if isinstance(entries, LineList) else 1
        update = _read_update(entry, path, line, problems, scheduled_groups)
        if update is not None:
            updates.append(update)
    return Dependabot(path, tuple(updates), tuple(problems))


def has_interval(config: dict[str, Any]) -> bool:
    schedule = config.get("schedule")
    return isinstance(schedule, dict) and bool(schedule.get("interval"))


def _read_update(
    entry: Any,
    path: str,
    line: int,
    problems: list[ConfigProblem],
    scheduled_groups: set[str],
) -> DependabotUpdate | None:
    if not isinstance(entry, dict):
        problems.append(ConfigProblem(path, line, "entry-not-a-mapping"))
        return None
    at = entry.line_of if isinstance(entry, LineDict) else (lambda _key: line)
    ecosystem = entry.get("package-ecosystem")
    if not isinstance(ecosystem, str) or not ecosystem:
        problems.append(ConfigProblem(path, line, "no-ecosystem"))
        return None
    if ecosystem not in DEPENDABOT_ECOSYSTEMS:
        problems.append(
            ConfigProblem(
                path,
                at("package-ecosystem"),
                "unknown-ecosystem",
                ecosystem=ecosystem,
                fix=ECOSYSTEM_MISTAKES.get(ecosystem.lower(), ""),
            )
        )
        return None
    directories = _entry_directories(entry, ecosystem, path, line, problems)
    if directories is None:
        return None
    problems.extend(_schedule_problems(entry, ecosystem, path, scheduled_groups))
    excludes = entry.get("exclude-paths")
    exclude_paths = (
        tuple(e for e in excludes if isinstance(e, str))
        if isinstance(excludes, list)
        else ()
    )
    dirs, globs = directories
    key = "directory" if not globs else "directories"
    return DependabotUpdate(ecosystem, dirs, globs, exclude_paths, at(key))


def _entry_directories(
    entry: dict[str, Any],
    ecosystem: str,
    path: str,
    line: int,
    problems: list[ConfigProblem],
) -> tuple[tuple[str, ...], bool] | None:
    """The entry's folders and whether they may be globs, or ``None`` when it has none."""
    at = entry.line_of if isinstance(entry, LineDict) else (lambda _key: line)
    directory, directories = entry.get("directory"), entry.get("directories")
    if isinstance(directory, str) and directory.strip():
        if _GLOB_CHARACTER.search(directory):
            problems.append(
                ConfigProblem(
                    path,
                    at("directory"),
                    "glob-in-directory",
                    detail=directory,
                    ecosystem=ecosystem,
                )
            )
        return (directory,), False
    if isinstance(directories, list) and directories:
        return tuple(d for d in directories if isinstance(d, str) and d.strip()), True
    problems.append(ConfigProblem(path, line, "no-directory", ecosystem=ecosystem))
    return None


def _schedule_problems(
    entry: dict[str, Any], ecosystem: str, path: str, scheduled_groups: set[str]
) -> list[ConfigProblem]:
    """A member of a multi-ecosystem group takes the group's schedule; any other entry
    needs its own."""
    at = entry.line_of if isinstance(entry, LineDict) else (lambda _key: 1)
    group = entry.get("multi-ecosystem-group")
    if isinstance(group, str) and group:
        if group not in scheduled_groups and not has_interval(entry):
            return [
                ConfigProblem(
                    path,
                    at("multi-ecosystem-group"),
                    "unscheduled-group",
                    detail=group,
                    ecosystem=ecosystem,
                )
            ]
        return []
    if not has_interval(entry):
        return [ConfigProblem(path, at("schedule"), "no-schedule", ecosystem=ecosystem)]
    return []


def dependabot_covers(
    updates: tuple[DependabotUpdate, ...] | list[DependabotUpdate],
    eco: EcosystemDir,
    ecosystem: str | None = None,
) -> bool:
    """Whether an entry for ``ecosystem`` (default: the entry's own) names ``eco``'s folder."""
    wanted = ecosystem or eco.ecosystem
    targets = [eco.directory]
    # A github-actions entry reads its directory's YAML files (and for "/", also
    # .github/workflows and a root action), so workflows alone are read from either.
    if (
        wanted == "github-actions"
        and eco.directory == "/"
        and all(f.startswith(".github/workflows/") for f in eco.files)
    ):
        targets.append("/.github/workflows")
    return any(
        _names_folder(update, directory, targets)
        for update in updates
        if update.ecosystem == wanted
        for directory in update.directories
    )


def _names_folder(update: DependabotUpdate, directory: str, targets: list[str]) -> bool:
    if update.globs:
        return any(directory_matches(directory, t) for t in targets)
    return normalise_directory(directory) in targets


def dependabot_excludes(
    updates: tuple[DependabotUpdate, ...] | list[DependabotUpdate], eco: EcosystemDir
) -> bool:
    """Whether an entry's ``exclude-paths`` (relative to its folder) leaves ``eco`` out."""
    for update in updates:
        if update.ecosystem != eco.ecosystem or not update.exclude_paths:
            continue
        for directory in update.directories:
            base = normalise_directory(_GLOB_CHARACTER.split(directory)[0]).strip("/")
            prefix = base + "/" if base else ""
            if not eco.manifest.startswith(prefix):
                continue
            relative = eco.manifest[len(prefix) :]
            if any(names_path_or_parent(p, relative) for p in update.exclude_paths):
                return True
    return False


def unused_directories(
    updates: tuple[DependabotUpdate, ...] | list[DependabotUpdate],
    found: list[EcosystemDir],
) -> list[tuple[DependabotUpdate, str]]:
    """``directory:`` values naming a folder with nothing of their ecosystem to update in or
    below it: entries left behind when a project moved or was removed. Globs in
    ``directories:`` may match nothing on purpose and are not judged, nor are ecosystems
    tcop-lint does not detect. A ``pip`` entry for a uv project is used (it updates part)."""
    homes: dict[str, list[str]] = defaultdict(list)
    for eco in found:
        names = [eco.ecosystem]
        if eco.ecosystem in PARTIAL_COVER:
            names.append(PARTIAL_COVER[eco.ecosystem][0])
        for name in names:
            homes[name].append(eco.path)
            homes[name].extend(posixpath.dirname(f) for f in eco.files)
    unused = []
    for update in updates:
        if update.globs or update.ecosystem not in DETECTED_ECOSYSTEMS:
            continue
        for directory in update.directories:
            if _GLOB_CHARACTER.search(directory):
                continue  # a glob in directory: is a problem of its own
            folder = normalise_directory(directory).strip("/")
            if not any(_inside(home, folder) for home in homes[update.ecosystem]):
                unused.append((update, directory))
    return unused


def _inside(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


# -- Renovate ---------------------------------------------------------------------------------


def renovate_path(repo: Repository) -> str | None:
    """Where the Renovate config is: one of :data:`RENOVATE_CONFIGS`, else ``package.json``
    when it holds a ``renovate`` object."""
    path = next((p for p in RENOVATE_CONFIGS if repo.has(p)), None)
    if path is not None:
        return path
    if not repo.has("package.json"):
        return None
    package = repo.parsed("package.json", "json").data
    renovate = package.get("renovate") if isinstance(package, dict) else None
    return "package.json" if isinstance(renovate, dict) else None


def read_renovate(repo: Repository) -> Renovate | ConfigProblem | None:
    """The Renovate config, a problem that stops Renovate reading it, or ``None``."""
    path = renovate_path(repo)
    if path is None:
        return None
    if path == "package.json":
        data = repo.parsed(path, "json").data["renovate"]
    else:
        parsed = repo.parsed(path, "json5")
        if not parsed.ok:
            return ConfigProblem(
                path, parsed.line or 1, "unparsable", detail=parsed.error or ""
            )
        data = parsed.data
    if not isinstance(data, dict):
        return ConfigProblem(path, 1, "not-an-object")
    return _renovate_config(path, data)


def _renovate_config(path: str, data: dict[str, Any]) -> Renovate:
    config = Renovate(path, enabled=data.get("enabled") is not False)
    managers = data.get("enabledManagers")
    if (
        isinstance(managers, list) and managers
    ):  # [] is Renovate's default: every manager
        config.managers = {m for m in managers if isinstance(m, str)}
    for manager in {m for ms in RENOVATE_MANAGERS.values() for m in ms}:
        settings = data.get(manager)
        if isinstance(settings, dict) and settings.get("enabled") is False:
            config.disabled_managers.add(manager)
        if isinstance(settings, dict) and any(
            isinstance(settings.get(k), list) and settings[k]
            for k in ("managerFilePatterns", "fileMatch")
        ):
            config.extended_managers.add(manager)
    extends = data.get("extends")
    presets = (
        [e for e in extends if isinstance(e, str)] if isinstance(extends, list) else []
    )
    if any(p in PRESETS_IGNORING_TESTS for p in presets):
        config.ignore_paths = RENOVATE_MODULES_AND_TESTS
    ignore = data.get("ignorePaths")
    if isinstance(ignore, list):
        config.ignore_paths = tuple(p for p in ignore if isinstance(p, str))
    config.shared_presets = [p for p in presets if _SHARED_PRESET.match(p)]
    return config


def renovate_managers(renovate: Renovate, eco: EcosystemDir) -> list[str]:
    """The managers of ``eco``'s ecosystem the config leaves switched on."""
    managers = [
        m
        for m in RENOVATE_MANAGERS.get(eco.ecosystem, ())
        if m not in renovate.disabled_managers
    ]
    if renovate.managers is not None:
        managers = [m for m in managers if m in renovate.managers]
    return managers


def renovate_covers(renovate: Renovate, eco: EcosystemDir) -> bool:
    if not renovate.enabled or renovate_ignores(renovate, eco):
        return False
    managers = renovate_managers(renovate, eco)
    if eco.ecosystem == "pip":
        return any(renovate_reads(renovate, m, eco) for m in managers)
    return bool(managers)


def renovate_reads(renovate: Renovate, manager: str, eco: EcosystemDir) -> bool:
    """Whether a Python manager reads one of ``eco``'s files: by its default file names,
    or by patterns of the config's own (JavaScript expressions or globs: trusted)."""
    if manager in renovate.extended_managers:
        return True
    pattern = RENOVATE_PYTHON_FILES.get(manager)
    return pattern is not None and any(
        pattern.fullmatch(posixpath.basename(path)) for path in eco.files
    )


def pip_compile_outputs(eco: EcosystemDir) -> list[str]:
    """The ``.txt`` files pip-compile writes from an ``.in`` beside them (``base.in`` ->
    ``base.txt``): what Renovate's pip-compile manager is pointed at, since v38 it reads the
    sources from the header of each output."""
    sources = {p[: -len(".in")] for p in eco.files if p.endswith(".in")}
    return [p for p in eco.files if p.endswith(".txt") and p[: -len(".txt")] in sources]


def requirements_files(eco: EcosystemDir) -> list[str]:
    """The requirements-format files (``.txt``, ``.in``) of a pip entry."""
    return [p for p in eco.files if p.endswith((".txt", ".in"))]


def renovate_ignores(renovate: Renovate, eco: EcosystemDir) -> bool:
    """Renovate's match (file-match.ts): the pattern is a substring of the path, or a glob
    naming it."""
    return renovate.enabled and any(
        pattern in eco.manifest or path_glob(pattern).fullmatch(eco.manifest)
        for pattern in renovate.ignore_paths
        if pattern
    )


# -- PyUp -------------------------------------------------------------------------------------

PYUP_CONFIGS = (".pyup.yml", ".pyup.yaml")


def pyup(repo: Repository) -> str | None:
    """PyUp's config, when the repository has one: the PyUp bot opens pull requests that keep
    Python requirements files current."""
    return next((p for p in PYUP_CONFIGS if repo.has(p)), None)


# -- Scala Steward ----------------------------------------------------------------------------


def scala_steward(repo: Repository) -> str | None:
    """Where Scala Steward, which updates sbt builds, shows: its config for this repository or
    the CI file of a step running it."""
    config = next((p for p in SCALA_STEWARD_CONFIGS if repo.has(p)), None)
    if config is not None:
        return config
    steps = find_in_ci(repo, r"scala-steward-org/scala-steward-action")
    return steps[0].path if steps else None
