"""Package ecosystems and the directories they live in, named the way Dependabot names them.

``ecosystems(repo)`` lists one :class:`EcosystemDir` per ecosystem and directory a dependency
updater has to be told about: ``EcosystemDir("npm", "/web", "web/package.json", ...)``.
``ecosystem`` is Dependabot's ``package-ecosystem`` value and ``directory`` is written as a
``dependabot.yml`` writes it (``"/"`` or ``"/sub/dir"``), so the list can be compared with a
Dependabot config or turned into one.

What counts, and why:

- A directory is listed when it holds a manifest that declares something to update (a
  ``package.json`` with dependencies or workspaces, a ``pyproject.toml`` with a ``[project]``,
  Poetry or build-system table, a compose file with an ``image:``, Terraform that constrains
  a provider's or a module's version or has a lockfile, a Helm chart with dependencies or with
  tagged images in its values...). Tool-only files (a ``pyproject.toml`` holding ``[tool.ruff]`` alone, a
  ``setup.cfg`` holding flake8 settings) are not ecosystems.
- Members of a workspace are covered by the workspace's root, as Dependabot updates them from
  there: npm/Yarn workspaces, ``pnpm-workspace.yaml`` and ``lerna.json`` packages, Cargo
  workspaces, Maven ``<modules>``, Gradle builds under a ``settings.gradle``, Mix umbrella apps,
  sbt subprojects' ``build.sbt`` under the build's root, and .NET projects under a directory
  holding a solution (``.sln``/``.slnx``). Their manifests are listed in the root entry's
  ``files``.
- sbt: a build is the folder of a ``build.sbt`` with no ``build.sbt`` above it, or with its own
  ``project/build.properties``. Its ``project/*.sbt``, ``project/*.scala`` (``plugins.sbt``,
  ``Dependencies.scala``, HMRC's ``AppDependencies.scala``) and ``build.properties`` declare
  dependencies too, so they are among its files.
- Python: ``uv`` when a ``uv.lock`` is present (Dependabot's ``pip`` does not update it),
  otherwise ``pip`` (pip, pip-compile, pipenv and Poetry are all ``pip`` to Dependabot).
  Files in a ``requirements/`` folder belong to the folder's parent, as Dependabot reads them.
  JavaScript: ``bun`` when a text ``bun.lock`` is the only lockfile, otherwise ``npm`` (npm,
  Yarn and pnpm are all ``npm`` to Dependabot).
- GitHub Actions: ``/`` covers ``.github/workflows/*.yml`` and a root ``action.yml``; a
  composite action elsewhere that uses other actions is its own directory.
- Terraform or Helm with nothing pinned (providers and modules with no version, a chart of
  templates alone) has nothing for an updater to update and is not listed; nor is a ``.tf``
  file that is a symbolic link into another folder, which is updated there.
- Paths inside vendored folders (``node_modules``, ``vendor``, ``.venv``, ``.terraform``...:
  :mod:`tcop_lint.facts.vendored`) are installed or copied-in code, not the project's
  manifests, and are skipped. Test fixture folders (``fixtures``, ``testdata``) are NOT
  skipped: monorepos keep real projects there too; a config's ``exclude`` drops them.

Ecosystems not listed (yet): devcontainers, gitsubmodule, pre-commit, dotnet-sdk, elm, pub,
swift, bazel, conda, vcpkg and the other newer Dependabot ecosystems.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.facts.workflows import (
    ACTION_FILES,
    action_files,
    remote_uses,
    workflow_files,
)
from tcop_lint.globs import directory_matches
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

# Dependabot's `package-ecosystem` values (docs: "Dependabot options reference").
DEPENDABOT_ECOSYSTEMS = frozenset(
    {
        "bazel",
        "bun",
        "bundler",
        "cargo",
        "composer",
        "conda",
        "deno",
        "devcontainers",
        "docker",
        "docker-compose",
        "dotnet-sdk",
        "elm",
        "github-actions",
        "gitsubmodule",
        "gomod",
        "gradle",
        "helm",
        "julia",
        "maven",
        "mix",
        "nix",
        "npm",
        "nuget",
        "opentofu",
        "pip",
        "pre-commit",
        "pub",
        "rust-toolchain",
        "sbt",
        "swift",
        "terraform",
        "uv",
        "vcpkg",
    }
)


DETECTED_ECOSYSTEMS = frozenset(
    {
        "npm",
        "bun",
        "pip",
        "uv",
        "bundler",
        "gomod",
        "cargo",
        "maven",
        "gradle",
        "sbt",
        "composer",
        "nuget",
        "mix",
        "docker",
        "docker-compose",
        "github-actions",
        "terraform",
        "helm",
    }
)
"""The ecosystems :func:`ecosystems` can list; of the others it can say nothing."""


class EcosystemDir(NamedTuple):
    """One ecosystem in one directory, as a ``dependabot.yml`` updates entry would name it."""

    ecosystem: str
    """Dependabot's ``package-ecosystem`` value: ``npm``, ``pip``, ``docker``..."""
    directory: str
    """``"/"`` or ``"/sub/dir"``, exactly as ``dependabot.yml`` writes it."""
    manifest: str
    """Repo-relative path of the main manifest (``web/package.json``)."""
    files: tuple[str, ...] = ()
    """Every manifest and lockfile this entry covers, workspace members included."""

    @property
    def path(self) -> str:
        """The directory as a repo-relative path: ``""`` for the root, ``"web"``."""
        return self.directory.strip("/")


def ecosystems(repo: Repository) -> list[EcosystemDir]:
    """Every ecosystem and directory in the repository, sorted; computed once per run."""
    return repo.memo("ecosystems", lambda: _detect(repo))


def dependabot_directory(path: str) -> str:
    """A repo-relative directory (``""``, ``"web"``) as Dependabot writes it (``/``, ``/web``)."""
    path = path.strip("/")
    return "/" + path if path else "/"


# -- detection --------------------------------------------------------------------------------


def _detect(repo: Repository) -> list[EcosystemDir]:
    found: list[EcosystemDir] = []
    for detector in (
        _npm,
        _python,
        _simple("bundler", ("gemfile", "gems.rb"), ("gemfile.lock", "gems.locked")),
        _simple("gomod", ("go.mod",), ("go.sum",)),
        _cargo,
        _maven,
        _gradle,
        _sbt,
        _simple("composer", ("composer.json",), ("composer.lock",)),
        _nuget,
        _mix,
        _docker,
        _docker_compose,
        _github_actions,
        _terraform,
        _helm,
    ):
        found.extend(detector(repo))
    return sorted(found, key=lambda e: (e.ecosystem, e.directory))


def _dir(path: str) -> str:
    return posixpath.dirname(path)


def _names(repo: Repository, *names: str) -> list[str]:
    return [p for p in repo.by_name(*names) if not is_vendored(p)]


def _build(
    ecosystem: str,
    groups: dict[str, list[str]],
    preference: tuple[str, ...],
) -> list[EcosystemDir]:
    """One entry per directory; the manifest is the first file whose name is in ``preference``."""
    entries = []
    for directory, files in groups.items():
        files = sorted(set(files))
        rank = {name: i for i, name in enumerate(preference)}
        own = [f for f in files if _dir(f) == directory] or files
        manifest = min(
            own,
            key=lambda f: (rank.get(posixpath.basename(f).lower(), len(rank)), f),
        )
        entries.append(
            EcosystemDir(
                ecosystem, dependabot_directory(directory), manifest, tuple(files)
            )
        )
    return entries


def _simple(ecosystem: str, manifests: tuple[str, ...], locks: tuple[str, ...]):
    """Ecosystems whose manifest names are fixed and whose directories stand alone."""

    def detect(repo: Repository) -> list[EcosystemDir]:
        groups: dict[str, list[str]] = defaultdict(list)
        for path in _names(repo, *manifests):
            groups[_dir(path)].append(path)
        for path in _names(repo, *locks):
            if _dir(path) in groups:
                groups[_dir(path)].append(path)
        return _build(ecosystem, groups, manifests + locks)

    return detect


def _attach_locks(
    repo: Repository, groups: dict[str, list[str]], names: Iterable[str]
) -> None:
    for path in _names(repo, *names):
        if _dir(path) in groups:
            groups[_dir(path)].append(path)


def _nearest(directory: str, roots: set[str]) -> str | None:
    """The nearest of ``roots`` that is ``directory`` or one of its ancestors."""
    current = directory
    while True:
        if current in roots:
            return current
        if not current:
            return None
        current = _dir(current)


def _relative(directory: str, root: str) -> str | None:
    """``directory`` relative to ``root`` ("" when equal), or None when outside it."""
    if not root:
        return directory
    if directory == root:
        return ""
    if directory.startswith(root + "/"):
        return directory[len(root) + 1 :]
    return None


# -- npm, Yarn, pnpm, Bun ---------------------------------------------------------------------

_NPM_LOCKS = (
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
)
_NPM_DEPENDENCY_KEYS = (
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
)


def _npm(repo: Repository) -> list[EcosystemDir]:
    manifests = _names(repo, "package.json")
    workspace_globs: dict[str, list[str]] = {}
    relevant: set[str] = set()
    for path in manifests:
        data = repo.parsed(path, "json").data
        directory = _dir(path)
        globs = _npm_workspace_globs(repo, directory, data)
        if globs:
            workspace_globs[directory] = globs
            relevant.add(path)
        elif not isinstance(data, dict) or any(
            data.get(key) for key in _NPM_DEPENDENCY_KEYS
        ):
            # An unreadable package.json is listed: an updater would have to deal with it.
            relevant.add(path)

    groups: dict[str, list[str]] = defaultdict(list)
    for path in manifests:
        directory = _dir(path)
        owner = _npm_workspace_owner(directory, workspace_globs)
        if owner is not None:
            groups[owner].append(path)
        elif path in relevant:
            groups[directory].append(path)
    _attach_locks(repo, groups, _NPM_LOCKS + ("pnpm-workspace.yaml", "lerna.json"))

    entries = []
    for entry in _build("npm", groups, ("package.json", *_NPM_LOCKS)):
        names = {
            posixpath.basename(f).lower() for f in entry.files if _dir(f) == entry.path
        }
        other_locks = names & {
            "package-lock.json",
            "npm-shrinkwrap.json",
            "yarn.lock",
            "pnpm-lock.yaml",
        }
        if "bun.lock" in names and not other_locks:
            entry = EcosystemDir("bun", entry.directory, entry.manifest, entry.files)
        entries.append(entry)
    return entries


def _npm_workspace_globs(repo: Repository, directory: str, data: object) -> list[str]:
    globs: list[str] = []
    if isinstance(data, dict):
        workspaces = data.get("workspaces")
        if isinstance(workspaces, dict):
            workspaces = workspaces.get("packages")
        if isinstance(workspaces, list):
            globs.extend(w for w in workspaces if isinstance(w, str))
    for name, kind in (("pnpm-workspace.yaml", "yaml"), ("lerna.json", "json")):
        other = posixpath.join(directory, name) if directory else name
        if repo.has(other):
            parsed = repo.parsed(other, kind).data
            packages = parsed.get("packages") if isinstance(parsed, dict) else None
            if isinstance(packages, list):
                globs.extend(p for p in packages if isinstance(p, str))
    return globs


def _npm_workspace_owner(
    directory: str, workspace_globs: dict[str, list[str]]
) -> str | None:
    """The workspace root whose globs include ``directory`` (a root owns itself)."""
    if directory in workspace_globs:
        return directory
    best: str | None = None
    for root, globs in workspace_globs.items():
        relative = _relative(directory, root)
        if not relative:
            continue
        included = any(
            directory_matches(g, relative) for g in globs if not g.startswith("!")
        )
        excluded = any(
            directory_matches(g[1:], relative) for g in globs if g.startswith("!")
        )
        if included and not excluded and (best is None or len(root) > len(best)):
            best = root
    return best


# -- Python -----------------------------------------------------------------------------------

_PYTHON_LOCKS = ("uv.lock", "poetry.lock", "pipfile.lock", "pdm.lock")
_PYTHON_PREFERENCE = (
    "pyproject.toml",
    "pipfile",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
)
_REQUIREMENTS = lazy_re(r".*requirements.*\.(?:txt|in)")
_SETUP_DEPENDENCIES = lazy_re(r"install_requires|extras_require|setup_requires")


def _python(repo: Repository) -> list[EcosystemDir]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in repo.by_name_matching(_REQUIREMENTS.pattern):
        if not is_vendored(path):
            groups[requirements_home(path)].append(path)
    for path in repo.by_extension(".txt", ".in"):
        parent = _dir(path)
        if posixpath.basename(parent).lower() == "requirements" and not is_vendored(
            path
        ):
            groups[_dir(parent)].append(path)
    for path in _names(repo, "pipfile"):
        groups[_dir(path)].append(path)
    for path in _names(repo, "pyproject.toml"):
        if _pyproject_declares(repo, path):
            groups[_dir(path)].append(path)
    for path in _names(repo, "setup.py", "setup.cfg"):
        text = repo.read_text(path)
        if text is not None and _SETUP_DEPENDENCIES.search(text):
            groups[_dir(path)].append(path)
    for path in _names(repo, "uv.lock"):
        # uv.lock implies a pyproject.toml uv manages, even one with no [project] table.
        groups[_dir(path)].append(path)
    _attach_locks(repo, groups, _PYTHON_LOCKS)
    groups = {d: files for d, files in groups.items() if _has_manifest(files)}
    _merge_uv_workspaces(repo, groups)

    entries = []
    for entry in _build("pip", groups, _PYTHON_PREFERENCE + _PYTHON_LOCKS):
        has_uv = any(
            posixpath.basename(f).lower() == "uv.lock" and _dir(f) == entry.path
            for f in entry.files
        )
        if has_uv:
            own = posixpath.join(entry.path, "pyproject.toml").lstrip("/")
            manifest = own if own in entry.files else entry.manifest
            entry = EcosystemDir("uv", entry.directory, manifest, entry.files)
        entries.append(entry)
    return entries


def _merge_uv_workspaces(repo: Repository, groups: dict[str, list[str]]) -> None:
    """Fold uv workspace members into their root: one ``uv.lock`` there covers them all."""
    workspaces: dict[str, list[str]] = {}
    for directory in groups:
        path = (
            posixpath.join(directory, "pyproject.toml")
            if directory
            else "pyproject.toml"
        )
        data = repo.parsed(path, "toml").data if repo.has(path) else None
        tool = data.get("tool") if isinstance(data, dict) else None
        uv = tool.get("uv") if isinstance(tool, dict) else None
        workspace = uv.get("workspace") if isinstance(uv, dict) else None
        members = workspace.get("members") if isinstance(workspace, dict) else None
        if isinstance(members, list):
            workspaces[directory] = [m for m in members if isinstance(m, str)]
    for directory in sorted(groups, key=len, reverse=True):
        for root, members in workspaces.items():
            relative = _relative(directory, root)
            if relative and any(directory_matches(m, relative) for m in members):
                groups[root].extend(groups.pop(directory))
                break


def requirements_home(path: str) -> str:
    """The project folder of a Python manifest: a requirements/ folder's parent."""
    parent = _dir(path)
    if posixpath.basename(parent).lower() == "requirements":
        return _dir(parent)
    return parent


def _has_manifest(files: list[str]) -> bool:
    locks = {"poetry.lock", "pipfile.lock", "pdm.lock"}
    return any(posixpath.basename(f).lower() not in locks for f in files)


def _pyproject_declares(repo: Repository, path: str) -> bool:
    parsed = repo.parsed(path, "toml")
    data = parsed.data
    if not isinstance(data, dict):
        return not parsed.ok  # unreadable: an updater would have to deal with it
    tool = data.get("tool")
    tool = tool if isinstance(tool, dict) else {}
    build = data.get("build-system")
    build = build if isinstance(build, dict) else {}
    return bool(
        isinstance(data.get("project"), dict)
        or data.get("dependency-groups")
        or isinstance(tool.get("poetry"), dict)
        or isinstance(tool.get("pdm"), dict)
        or build.get("requires")
    )


# -- Rust, Maven, Gradle, .NET, Elixir: workspaces that cover their members --------------------


def _cargo(repo: Repository) -> list[EcosystemDir]:
    manifests = _names(repo, "cargo.toml")
    workspaces: dict[str, tuple[list[str], list[str]]] = {}
    for path in manifests:
        data = repo.parsed(path, "toml").data
        workspace = data.get("workspace") if isinstance(data, dict) else None
        if isinstance(workspace, dict):
            members = workspace.get("members")
            exclude = workspace.get("exclude")
            workspaces[_dir(path)] = (
                [m for m in members if isinstance(m, str)]
                if isinstance(members, list)
                else [],
                [e for e in exclude if isinstance(e, str)]
                if isinstance(exclude, list)
                else [],
            )

    def owner(directory: str) -> str | None:
        best = None
        for root, (members, exclude) in workspaces.items():
            relative = _relative(directory, root)
            if relative is None:
                continue
            inside = relative == "" or (
                any(directory_matches(m, relative) for m in members)
                and not any(
                    relative == e.strip("/") or relative.startswith(e.strip("/") + "/")
                    for e in exclude
                )
            )
            if inside and (best is None or len(root) > len(best)):
                best = root
        return best

    groups: dict[str, list[str]] = defaultdict(list)
    for path in manifests:
        home = owner(_dir(path))
        groups[_dir(path) if home is None else home].append(path)
    _attach_locks(repo, groups, ("cargo.lock",))
    return _build("cargo", groups, ("cargo.toml", "cargo.lock"))


def _maven_modules(text: str) -> list[str]:
    """The ``<module>`` values of a POM, comments left out; read with string searches, so
    time is linear in the file however its tags are (un)closed."""
    text = _without_comments(text, _XML_COMMENT)
    modules = []
    start = text.find("<module>")
    while start != -1:
        end = text.find("<", start + len("<module>"))
        if end == -1:
            break
        value = text[start + len("<module>") : end].strip()
        if value and text.startswith("</module>", end):
            modules.append(value)
        start = text.find("<module>", end)
    return modules


def _maven(repo: Repository) -> list[EcosystemDir]:
    poms = _names(repo, "pom.xml")
    parent_of: dict[str, str] = {}
    for path in poms:
        for module in _maven_modules(repo.read_text(path) or ""):
            child = posixpath.normpath(posixpath.join(_dir(path), module.strip()))
            if child.endswith(".xml"):  # <module>sub/pom-alt.xml</module>
                child = _dir(child)
            if child not in (".", _dir(path)) and not child.startswith(".."):
                parent_of.setdefault(child, _dir(path))
    groups: dict[str, list[str]] = defaultdict(list)
    for path in poms:
        directory, seen = _dir(path), set()
        while directory in parent_of and directory not in seen:
            seen.add(directory)
            directory = parent_of[directory]
        groups[directory].append(path)
    return _build("maven", groups, ("pom.xml",))


_GRADLE_BUILDS = ("build.gradle", "build.gradle.kts")
_GRADLE_SETTINGS = ("settings.gradle", "settings.gradle.kts")
_GRADLE_INCLUDE = lazy_re(r"\binclude(Build)?\b")
_SPACE = re.compile(r"\s*")


def _gradle(repo: Repository) -> list[EcosystemDir]:
    # settings directory -> the project directories it includes (None: cannot tell, take all)
    builds: dict[str, set[str] | None] = {}
    # a build's directory -> the build that includes it (includeBuild)
    including: dict[str, str] = {}
    for path in _names(repo, *_GRADLE_SETTINGS):
        text = _strip_comments(repo.read_text(path) or "")
        included: set[str] = set()
        computed = False
        scanned = 0
        for match in _GRADLE_INCLUDE.finditer(text):
            if match.start() < scanned:
                continue  # a word inside the arguments just read: include 'include'
            names, scanned = _quoted_arguments(text, match.end())
            if match.group(1) is None:
                included.update(n.strip(":").replace(":", "/") for n in names)
                computed = computed or not names
                continue
            if not names:
                continue
            directory = posixpath.normpath(posixpath.join(_dir(path), names[0]))
            if directory not in (".", _dir(path)) and not directory.startswith("../"):
                including[directory] = _dir(path)
        # computed includes (eachDir, listFiles...): None, assume every subproject
        builds[_dir(path)] = None if computed and not included else included

    def owner(directory: str) -> str | None:
        best = None
        for root, included in builds.items():
            relative = _relative(directory, root)
            if relative is None:
                continue
            inside = relative == "" or included is None or relative in included
            if inside and (best is None or len(root) > len(best)):
                best = root
        return best

    gradle_files = _names(repo, *_GRADLE_BUILDS, *_GRADLE_SETTINGS)
    build_dirs = {_dir(path) for path in gradle_files}

    def top(directory: str) -> str:
        """The build Dependabot reads ``directory``'s build with: the including build's,
        for an included build or a buildSrc (dependabot-core's FileFetcher#included_builds)."""
        seen = {directory}
        while True:
            parent = including.get(directory)
            if parent is None and posixpath.basename(directory) == "buildSrc":
                parent = _dir(directory) if _dir(directory) in build_dirs else None
            if parent is None or parent in seen:
                return directory
            directory = owner(parent) or parent
            seen.add(directory)

    groups: dict[str, list[str]] = defaultdict(list)
    for path in gradle_files:
        home = owner(_dir(path))
        groups[top(_dir(path) if home is None else home)].append(path)
    for path in _names(repo, "libs.versions.toml", "gradle.lockfile"):
        directory = _dir(path)
        if posixpath.basename(directory) == "gradle":
            directory = _dir(directory)
        home = _nearest(directory, set(groups))
        if home is not None:
            groups[home].append(path)
    return _build("gradle", groups, _GRADLE_BUILDS + _GRADLE_SETTINGS)


def _quoted_arguments(text: str, position: int) -> tuple[list[str], int]:
    """The quoted strings that follow ``position`` (``include("a", ':b')`` -> ``a``,
    ``:b``: an optional ``(``, then strings separated by commas, each on one line), and
    where they end."""
    position = _skip_space(text, position)
    if text.startswith("(", position):
        position += 1
    found: list[str] = []
    while True:
        position = _skip_space(text, position)
        if position >= len(text) or text[position] not in "\"'":
            return found, position
        end = position + 1
        while end < len(text) and text[end] not in "\"'\n":
            end += 1
        if end >= len(text) or text[end] == "\n" or end == position + 1:
            return found, position
        found.append(text[position + 1 : end])
        position = _skip_space(text, end + 1)
        if text.startswith(",", position):
            position += 1


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


_XML_COMMENT = lazy_re(r"<!--")
_CODE_COMMENT = lazy_re(r"/\*|//")
_COMMENT_END = {"<!--": "-->", "/*": "*/", "//": "\n"}


def _without_comments(text: str, opening: re.Pattern[str]) -> str:
    """``text`` without comments: each opening found by ``opening`` runs to its closing
    (``-->``, ``*/``, or the end of the line for ``//``), or to the end of the text when
    unclosed. Linear in the text, whatever it holds."""
    kept = []
    position = 0
    while (match := opening.search(text, position)) is not None:
        kept.append(text[position : match.start()])
        closing = _COMMENT_END[match.group()]
        end = text.find(closing, match.end())
        if end == -1:
            return "".join(kept)
        position = end if closing == "\n" else end + len(closing)
    kept.append(text[position:])
    return "".join(kept)


def _strip_comments(text: str) -> str:
    """Drop ``//`` and ``/* */`` comments (Groovy, Kotlin) well enough for matching."""
    return _without_comments(text, _CODE_COMMENT)


_DOTNET_PROJECTS = lazy_re(r".*\.(?:csproj|fsproj|vbproj)")
_SLN_PROJECT = lazy_re(
    r'^Project\("[^"]*"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"', re.MULTILINE
)
_SLNX_TAG = lazy_re(r"<Project\b")
_SLNX_PATH = lazy_re(r"\bPath\s*=\s*\"([^\"]+)\"")


def _slnx_projects(text: str) -> list[str]:
    """The ``Path`` of each ``<Project ...>`` tag of a ``.slnx``, one tag at a time."""
    found = []
    position = 0
    while (tag := _SLNX_TAG.search(text, position)) is not None:
        end = text.find(">", tag.end())
        end = len(text) if end == -1 else end
        path = _SLNX_PATH.search(text, tag.end(), end)
        if path is not None:
            found.append(path.group(1))
        position = end
    return found


def _nuget(repo: Repository) -> list[EcosystemDir]:
    # project directory -> the directory of the solution that lists it
    solution_of: dict[str, str] = {}
    solutions = [p for p in repo.by_extension(".sln", ".slnx") if not is_vendored(p)]
    for path in solutions:
        text = repo.read_text(path) or ""
        slnx = path.lower().endswith(".slnx")
        for listed in _slnx_projects(text) if slnx else _SLN_PROJECT.findall(text):
            project = posixpath.normpath(
                posixpath.join(_dir(path), listed.strip().replace("\\", "/"))
            )
            if _DOTNET_PROJECTS.fullmatch(posixpath.basename(project).lower()):
                solution_of.setdefault(_dir(project), _dir(path))
    groups: dict[str, list[str]] = defaultdict(list)
    for path in solutions:
        if _dir(path) in solution_of.values():
            groups[_dir(path)].append(path)
    members = [
        p for p in repo.by_name_matching(_DOTNET_PROJECTS.pattern) if not is_vendored(p)
    ]
    members += _names(
        repo, "packages.config", "directory.packages.props", "packages.lock.json"
    )
    for path in members:
        directory = _dir(path)
        if posixpath.basename(path).lower() == "packages.lock.json" and not any(
            _DOTNET_PROJECTS.fullmatch(p.rpartition("/")[2].lower())
            for p in repo.in_directory(directory)
        ):
            continue
        groups[solution_of.get(directory, directory)].append(path)
    return _nuget_build(groups)


def _nuget_build(groups: dict[str, list[str]]) -> list[EcosystemDir]:
    entries = []
    for directory, files in groups.items():
        files = sorted(set(files))
        own = [f for f in files if _dir(f) == directory] or files

        def rank(path: str) -> tuple[int, str]:
            name = path.lower()
            if name.endswith((".sln", ".slnx")):
                return (0, path)
            if _DOTNET_PROJECTS.fullmatch(posixpath.basename(name)):
                return (1, path)
            return (2, path)

        entries.append(
            EcosystemDir(
                "nuget",
                dependabot_directory(directory),
                min(own, key=rank),
                tuple(files),
            )
        )
    return entries


def _sbt(repo: Repository) -> list[EcosystemDir]:
    builds = _names(repo, "build.sbt")
    folders = {_dir(p) for p in builds}
    roots = {
        folder
        for folder in folders
        if not folder
        or _nearest(_dir(folder), folders) is None
        or repo.has(posixpath.join(folder, "project", "build.properties"))
    }
    groups: dict[str, list[str]] = defaultdict(list)
    for path in builds:
        groups[_nearest(_dir(path), roots) or ""].append(path)
    for root in roots:
        groups[root].extend(
            path
            for path in repo.in_directory(posixpath.join(root, "project"))
            if path.endswith((".sbt", ".scala", "/build.properties"))
        )
    return _build("sbt", groups, ("build.sbt",))


def _mix(repo: Repository) -> list[EcosystemDir]:
    manifests = _names(repo, "mix.exs")
    umbrellas = {
        _dir(p)
        for p in manifests
        if re.search(r"\bapps_path\b", repo.read_text(p) or "")
    }
    groups: dict[str, list[str]] = defaultdict(list)
    for path in manifests:
        owner = _nearest(_dir(path), umbrellas)
        groups[_dir(path) if owner is None else owner].append(path)
    _attach_locks(repo, groups, ("mix.lock",))
    return _build("mix", groups, ("mix.exs", "mix.lock"))


# -- containers -------------------------------------------------------------------------------

# Dependabot's docker updater reads every file with "dockerfile" in its name; Podman's name too.
_DOCKERFILE = lazy_re(r"(?:.*[._-])?(?:docker|container)file(?:[._-].*)?")
_NOT_DOCKERFILE = (
    ".dockerignore",
    ".containerignore",
    ".md",
    ".rst",
    ".txt",
    ".json",
    ".sh",
)
# Dependabot's docker-compose file pattern, anchored: compose.yaml, docker-compose.prod.yml...
_COMPOSE = lazy_re(r"(?:docker-)?compose(?:-\w+)?(?:\.[\w-]+)?\.ya?ml")


def _dev_environment(path: str) -> bool:
    """A developer's workspace image (Gitpod's ``.gitpod.Dockerfile``, a dev container's
    ``.devcontainer/Dockerfile``): nothing of it ships, so it is no dependency to patch."""
    lower = path.lower()
    return lower.rpartition("/")[2].startswith(".gitpod.") or (
        "/.devcontainer/" in f"/{lower}"
    )


def _docker(repo: Repository) -> list[EcosystemDir]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in repo.by_name_matching(_DOCKERFILE.pattern):
        if (
            not is_vendored(path)
            and not path.lower().endswith(_NOT_DOCKERFILE)
            and not _dev_environment(path)
        ):
            groups[_dir(path)].append(path)
    return _build("docker", groups, ("dockerfile", "containerfile"))


def _docker_compose(repo: Repository) -> list[EcosystemDir]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in repo.by_name_matching(_COMPOSE.pattern):
        if not is_vendored(path) and _compose_has_image(repo, path):
            groups[_dir(path)].append(path)
    return _build(
        "docker-compose",
        groups,
        ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"),
    )


def _compose_has_image(repo: Repository, path: str) -> bool:
    data = repo.parsed(path, "yaml").data
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, dict):
        return False
    return any(
        isinstance(service, dict) and isinstance(service.get("image"), str)
        for service in services.values()
    )


# -- GitHub Actions ---------------------------------------------------------------------------


def _github_actions(repo: Repository) -> list[EcosystemDir]:
    """``/`` for workflows and a root action; composite actions elsewhere are their own."""
    entries = []
    root_files = sorted(workflow_files(repo) + [p for p in ACTION_FILES if repo.has(p)])
    if any(_updatable(repo, p) for p in root_files):
        entries.append(
            EcosystemDir("github-actions", "/", root_files[0], tuple(root_files))
        )
    for path in action_files(repo):
        directory = _dir(path)
        if directory and _updatable(repo, path):
            entries.append(
                EcosystemDir(
                    "github-actions", dependabot_directory(directory), path, (path,)
                )
            )
    return entries


def _updatable(repo: Repository, path: str) -> bool:
    """Whether a workflow or action uses another repository's action (unreadable: assume so)."""
    parsed = repo.parsed(path, "yaml")
    return not parsed.ok or bool(remote_uses(repo, path))


# -- Terraform --------------------------------------------------------------------------------

_HCL_ATTRIBUTE = lazy_re(r'(?:^|[\s{,])(source|version)[ \t]*=[ \t]*"([^"\n]*)"')
_GIT_VERSION_REF = lazy_re(r"[?&]ref=v?\d")


def _terraform(repo: Repository) -> list[EcosystemDir]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in repo.by_extension(".tf"):
        if is_vendored(path) or _links_elsewhere(repo, path):
            continue  # a versions.tf linked from a shared folder is updated there
        text = repo.read_text(path)
        if text is not None and terraform_pins_versions(text):
            groups[_dir(path)].append(path)
    for lock in _names(repo, ".terraform.lock.hcl"):
        # A lockfile pins providers even when the blocks naming them live in another module.
        directory = _dir(lock)
        if directory not in groups:
            groups[directory].extend(
                p for p in repo.in_directory(directory) if p.lower().endswith(".tf")
            )
        groups[directory].append(lock)
    return _build(
        "terraform",
        groups,
        ("versions.tf", "providers.tf", "main.tf", ".terraform.lock.hcl"),
    )


def terraform_pins_versions(text: str) -> bool:
    """Whether Terraform code pins something an updater can move: a ``required_providers``
    entry with a version constraint, a registry module with a ``version``, or a git module
    whose ``?ref=`` is a version tag. A provider or module with no constraint floats to the
    newest release: there is nothing to update (dependabot-core's terraform FileParser).

    Read line by line, tracking the ``module`` and ``required_providers`` blocks by their
    braces; a comment line is skipped."""
    stack: list[str] = []
    remote_module = versioned_module = False
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith(("#", "//")):
            continue
        opened = "module" if line.startswith("module") else None
        if line.startswith("required_providers"):
            opened = "providers"
        context = opened or next(
            (kind for kind in reversed(stack) if kind != "block"), None
        )
        for name, value in _HCL_ATTRIBUTE.findall(line):
            if context == "providers" and name == "version":
                return True
            if context == "module" and name == "source":
                if _GIT_VERSION_REF.search(value):
                    return True
                remote_module = not value.startswith(".") and "${" not in value
            elif context == "module" and name == "version":
                versioned_module = True
        if remote_module and versioned_module:
            return True
        depth = line.count("{") - line.count("}")
        if depth > 0:
            stack.append(opened or "block")
            stack.extend("block" for _ in range(depth - 1))
        for _ in range(min(-depth, len(stack))):
            if stack.pop() == "module":
                remote_module = versioned_module = False
    return False


def _links_elsewhere(repo: Repository, path: str) -> bool:
    """Whether ``path`` is a symbolic link to a file in another folder of the repository."""
    full = os.path.join(repo.root, *path.split("/"))
    if not os.path.islink(full):
        return False
    target = os.path.realpath(full)
    return os.path.dirname(target) != os.path.realpath(os.path.dirname(full))


# -- Helm -------------------------------------------------------------------------------------

_HELM_VALUES = lazy_re(r"values(?:\.[\w-]+)?\.ya?ml", re.IGNORECASE)
_MAX_VALUES_NODES = 10_000


def _helm(repo: Repository) -> list[EcosystemDir]:
    """Charts with something to update: ``dependencies`` with versions in ``Chart.yaml``
    (or a Helm 2 ``requirements.yaml``), or images with tags in a ``values*.yaml`` beside it,
    as dependabot-core's helm FileParser reads them. A chart with neither is not listed."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in _names(repo, "chart.yaml"):
        directory = _dir(path)
        requirements = posixpath.join(directory, "requirements.yaml").lstrip("/")
        values = [
            p
            for p in repo.in_directory(directory)
            if _HELM_VALUES.fullmatch(p.rpartition("/")[2])
        ]
        if (
            _chart_dependencies(repo, path)
            or (repo.has(requirements) and _chart_dependencies(repo, requirements))
            or any(_values_pin_images(repo, p) for p in values)
        ):
            groups[directory].append(path)
    _attach_locks(
        repo, groups, ("chart.lock", "requirements.yaml", "requirements.lock")
    )
    return _build("helm", groups, ("chart.yaml", "chart.lock"))


def _chart_dependencies(repo: Repository, path: str) -> bool:
    parsed = repo.parsed(path, "yaml")
    if not parsed.ok:
        return True  # unreadable: an updater would have to deal with it
    data = parsed.data
    dependencies = data.get("dependencies") if isinstance(data, dict) else None
    return isinstance(dependencies, list) and any(
        isinstance(d, dict) and d.get("name") and d.get("version") for d in dependencies
    )


def _values_pin_images(repo: Repository, path: str) -> bool:
    """Whether a values file names an image with a tag: ``{repository: x, tag: "1.2"}`` or
    ``image: x:1.2``."""
    pending: list[Any] = [repo.parsed(path, "yaml").data]
    seen = 0
    while pending and seen < _MAX_VALUES_NODES:
        node = pending.pop()
        seen += 1
        if isinstance(node, list):
            pending.extend(node)
        if not isinstance(node, dict):
            continue
        tag = node.get("tag")
        if isinstance(node.get("repository"), str) and isinstance(tag, str) and tag:
            return True
        image = node.get("image")
        if isinstance(image, str) and ":" in image and "${" not in image:
            return True
        pending.extend(node.values())
    return False
