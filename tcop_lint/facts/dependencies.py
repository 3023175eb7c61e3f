"""Declared dependencies: the package names each manifest in the repository asks for.

Manifests are read as text (regular expressions) or through ``repo.parsed`` (JSON, TOML);
nothing is executed, so ``setup.py``, ``build.gradle`` and ``mix.exs`` are matched by pattern
only. Names are lower-cased; Python names are also normalised as PEP 503 does
(``Flask_SQLAlchemy`` -> ``flask-sqlalchemy``); Maven-style names are ``group:artifact``.

Ecosystems: ``npm``, ``pypi``, ``rubygems``, ``maven`` (pom.xml, Gradle, sbt), ``go``,
``nuget``, ``composer``, ``cargo``, ``hex``. A .NET project's SDK
(``<Project Sdk="Microsoft.NET.Sdk.Web">``) is listed as a ``nuget`` dependency named after
the SDK, because for ASP.NET Core the SDK, not a package, is what brings in the framework.
"""

from __future__ import annotations

import bisect
import configparser
import fnmatch
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

_SKIPPED_DIRECTORIES = (
    "node_modules/",
    "vendor/",
    ".venv/",
    "site-packages/",
    "bower_components/",
    ".tox/",
)


class Dependency(NamedTuple):
    """One declared dependency: ``name`` (normalised), its ecosystem, where it is declared."""

    name: str
    ecosystem: str
    manifest: str
    line: int


def declared_dependencies(repo: Repository) -> list[Dependency]:
    """Every dependency every manifest declares, in manifest path order; computed once."""
    return repo.memo("dependencies.declared", lambda: _collect(repo))


def has_dependency(
    repo: Repository, *names: str, ecosystem: str | None = None
) -> list[Dependency]:
    """Declared dependencies named one of ``names`` (case-insensitive; ``*`` wildcards allowed).

    ``has_dependency(repo, "flask", "microsoft.aspnetcore.*")``. Python names are compared
    after PEP 503 normalisation, so ``flask_smorest`` finds ``flask-smorest``.
    """
    wanted = [name.lower() for name in names]
    python_wanted = [normalise_python(name) for name in names]
    found = []
    for dep in declared_dependencies(repo):
        if ecosystem is not None and dep.ecosystem != ecosystem:
            continue
        patterns = python_wanted if dep.ecosystem == "pypi" else wanted
        if any(fnmatch.fnmatchcase(dep.name, pattern) for pattern in patterns):
            found.append(dep)
    return found


def normalise_python(name: str) -> str:
    """A Python distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


# -- collection -------------------------------------------------------------------------------


def _collect(repo: Repository) -> list[Dependency]:
    found: list[Dependency] = []
    for path, reader in _manifests(repo):
        if _skipped(path):
            continue
        text = repo.read_text(path)
        if text is None:
            continue
        try:
            found.extend(reader(repo, path, _Text(text)))
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            # A malformed manifest declares nothing we can trust; other rules report it.
            continue
    return sorted(set(found), key=lambda d: (d.manifest, d.line, d.name))


def _manifests(
    repo: Repository,
) -> Iterator[tuple[str, Callable[[Repository, str, _Text], Iterable[Dependency]]]]:
    for path in repo.by_name("package.json"):
        yield path, _package_json
    for path in repo.by_name_matching(r"requirements.*\.(txt|in)"):
        yield path, _requirements
    for path in repo.by_extension(".txt", ".in"):
        if path.rpartition("/")[0].rpartition("/")[2].lower() == "requirements":
            yield path, _requirements
    for path in repo.by_name("pyproject.toml"):
        yield path, _pyproject
    for path in repo.by_name("Pipfile"):
        yield path, _pipfile
    for path in repo.by_name("setup.cfg"):
        yield path, _setup_cfg
    for path in repo.by_name("Gemfile"):
        yield path, _gemfile
    for path in repo.by_extension(".gemspec"):
        yield path, _gemspec
    for path in repo.by_name("pom.xml"):
        yield path, _pom
    for path in repo.by_name("build.gradle", "build.gradle.kts"):
        yield path, _gradle
    for path in repo.by_name("libs.versions.toml"):
        yield path, _gradle_catalog
    for path in repo.by_extension(".sbt"):
        yield path, _sbt
    for path in repo.by_extension(".scala"):
        # sbt builds keep dependency lists in project/*.scala (HMRC's AppDependencies.scala).
        if path.rpartition("/")[0].rpartition("/")[2] == "project":
            yield path, _sbt
    for path in repo.by_name("go.mod"):
        yield path, _go_mod
    for path in repo.by_extension(".csproj", ".fsproj", ".vbproj"):
        yield path, _dotnet_project
    for path in repo.by_name("composer.json"):
        yield path, _composer
    for path in repo.by_name("Cargo.toml"):
        yield path, _cargo
    for path in repo.by_name("mix.exs"):
        yield path, _mix


def _skipped(path: str) -> bool:
    wrapped = "/" + path
    return any("/" + part in wrapped for part in _SKIPPED_DIRECTORIES)


class _Text:
    """Manifest text with fast offset -> line conversion."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def line_of(self, pattern: str, start: int = 0, flags: int = 0) -> int | None:
        match = re.compile(pattern, flags | re.MULTILINE).search(self.text, start)
        return self.line_at(match.start()) if match else None

    def offset_of(self, pattern: str, flags: int = 0) -> int:
        match = re.compile(pattern, flags | re.MULTILINE).search(self.text)
        return match.start() if match else 0


# -- JavaScript ---------------------------------------------------------------------------------

_NPM_SECTIONS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


def _package_json(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    data = repo.parsed(path, "json").data
    if not isinstance(data, dict):
        return
    for section in _NPM_SECTIONS:
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        start = text.offset_of(rf'"{section}"\s*:')
        for name in deps:
            if not isinstance(name, str):
                continue
            line = text.line_of(rf'"{re.escape(name)}"\s*:', start) or 1
            yield Dependency(name.lower(), "npm", path, line)


def _composer(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    data = repo.parsed(path, "json").data
    if not isinstance(data, dict):
        return
    for section in ("require", "require-dev"):
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        start = text.offset_of(rf'"{section}"\s*:')
        for name in deps:
            if not isinstance(name, str) or name == "php" or name.startswith("ext-"):
                continue
            line = text.line_of(rf'"{re.escape(name)}"\s*:', start, re.IGNORECASE)
            yield Dependency(name.lower(), "composer", path, line or 1)


# -- Python -------------------------------------------------------------------------------------

_REQUIREMENT_NAME = lazy_re(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


def _requirement_name(spec: str) -> str | None:
    """The distribution name at the start of a PEP 508 requirement string."""
    match = _REQUIREMENT_NAME.match(spec)
    return normalise_python(match.group(1)) if match else None


def _python_name_pattern(name: str) -> str:
    """A regex for ``name`` however its separators and case were written."""
    parts = [re.escape(p) for p in re.split(r"[-_.]+", name)]
    return r"(?<![\w.-])" + r"[-_.]+".join(parts) + r"(?![\w-])"


def _python_line(text: _Text, name: str, start: int = 0) -> int:
    return text.line_of(_python_name_pattern(name), start, re.IGNORECASE) or 1


def _requirements(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for number, raw in enumerate(text.text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        if "://" in line and " @ " not in line:
            continue  # a bare URL or VCS link: no name to read without fetching it
        name = _requirement_name(line)
        if name:
            yield Dependency(name, "pypi", path, number)


def _requirement_list(
    specs: Any, text: _Text, path: str, start: int = 0
) -> Iterator[Dependency]:
    if not isinstance(specs, list):
        return
    for spec in specs:
        if not isinstance(spec, str):
            continue  # e.g. {include-group = "test"} in dependency-groups
        name = _requirement_name(spec)
        if name:
            yield Dependency(name, "pypi", path, _python_line(text, name, start))


def _poetry_table(
    table: Any, text: _Text, path: str, start: int = 0
) -> Iterator[Dependency]:
    if not isinstance(table, dict):
        return
    for key in table:
        if not isinstance(key, str) or key.lower() == "python":
            continue
        name = normalise_python(key)
        yield Dependency(name, "pypi", path, _python_line(text, name, start))


def _pyproject(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    data = repo.parsed(path, "toml").data
    if not isinstance(data, dict):
        return
    project = data.get("project")
    if isinstance(project, dict):
        start = text.offset_of(r"^\s*\[project\]")
        yield from _requirement_list(project.get("dependencies"), text, path, start)
        extras = project.get("optional-dependencies")
        if isinstance(extras, dict):
            for specs in extras.values():
                yield from _requirement_list(specs, text, path, start)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        start = text.offset_of(r"^\s*\[dependency-groups\]")
        for specs in groups.values():
            yield from _requirement_list(specs, text, path, start)
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        start = text.offset_of(r"^\s*\[tool\.poetry")
        yield from _poetry_table(poetry.get("dependencies"), text, path, start)
        yield from _poetry_table(poetry.get("dev-dependencies"), text, path, start)
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for group in poetry_groups.values():
                if isinstance(group, dict):
                    yield from _poetry_table(
                        group.get("dependencies"), text, path, start
                    )


def _pipfile(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    data = repo.parsed(path, "toml").data
    if not isinstance(data, dict):
        return
    for section in ("packages", "dev-packages"):
        start = text.offset_of(rf"^\s*\[{re.escape(section)}\]")
        yield from _poetry_table(data.get(section), text, path, start)


def _setup_cfg(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text.text, source=path)
    except configparser.Error:
        return
    specs: list[str] = []
    if parser.has_option("options", "install_requires"):
        specs.extend(parser.get("options", "install_requires").splitlines())
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            specs.extend(value.splitlines())
    start = text.offset_of(r"^\s*\[options\]")
    for spec in specs:
        spec = spec.split("#", 1)[0].strip()
        name = _requirement_name(spec) if spec else None
        if name:
            yield Dependency(name, "pypi", path, _python_line(text, name, start))


# -- Ruby ---------------------------------------------------------------------------------------

_GEM = lazy_re(r"""^\s*gem\s*\(?\s*["']([^"']+)["']""", re.MULTILINE)
_GEMSPEC = lazy_re(
    r"""\.add_(?:runtime_|development_)?dependency\s*\(?\s*["']([^"']+)["']"""
)


def _gemfile(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for match in _GEM.finditer(text.text):
        yield Dependency(
            match.group(1).lower(), "rubygems", path, text.line_at(match.start(1))
        )


def _gemspec(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for match in _GEMSPEC.finditer(text.text):
        yield Dependency(
            match.group(1).lower(), "rubygems", path, text.line_at(match.start(1))
        )


# -- JVM ----------------------------------------------------------------------------------------

_XML_COMMENT = lazy_re(r"<!--.*?-->", re.DOTALL)
_POM_DEPENDENCY = lazy_re(r"<dependency\b[^>]*>(.*?)</dependency\s*>", re.DOTALL)
_XML_GROUP = lazy_re(r"<groupId>\s*([^<\s]+)\s*</groupId>")
_XML_ARTIFACT = lazy_re(r"<artifactId>\s*([^<\s]+)\s*</artifactId>")


def _blank_comments(text: str) -> str:
    """``text`` with XML comments replaced by spaces of the same length (offsets kept)."""
    return _XML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _pom(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    body = _blank_comments(text.text)
    for block in _POM_DEPENDENCY.finditer(body):
        artifact = _XML_ARTIFACT.search(block.group(1))
        if not artifact:
            continue
        group = _XML_GROUP.search(block.group(1))
        name = f"{group.group(1)}:{artifact.group(1)}" if group else artifact.group(1)
        line = text.line_at(block.start(1) + artifact.start())
        yield Dependency(name.lower(), "maven", path, line)


# implementation "g:a:v", implementation("g:a:v"), api platform("g:a:v"), kapt 'g:a'
_GRADLE_CONFIGURATION = (
    r"(?:\w*(?:[iI]mplementation|[aA]pi|[cC]ompile|[oO]nly|[pP]rocessor)|kapt\w*"
    r"|classpath)"
)
_GRADLE_STRING = lazy_re(
    rf"""^\s*{_GRADLE_CONFIGURATION}\s*\(?\s*(?:(?:enforced)?[pP]latform\s*\(\s*)?"""
    r"""["']([\w.\-]+):([\w.\-]+)(?::[^"'\n]*)?["']""",
    re.MULTILINE,
)
# implementation group: 'g', name: 'a', version: 'v'  /  implementation(group = "g", name = "a")
_GRADLE_MAP = lazy_re(
    rf"""^\s*{_GRADLE_CONFIGURATION}\s*\(?\s*group\s*[:=]\s*["']([\w.\-]+)["']\s*,"""
    r"""\s*name\s*[:=]\s*["']([\w.\-]+)["']""",
    re.MULTILINE,
)


def _gradle(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for regex in (_GRADLE_STRING, _GRADLE_MAP):
        for match in regex.finditer(text.text):
            name = f"{match.group(1)}:{match.group(2)}".lower()
            yield Dependency(name, "maven", path, text.line_at(match.start(1)))


def _gradle_catalog(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    """A Gradle version catalog (``gradle/libs.versions.toml``), ``[libraries]`` table."""
    data = repo.parsed(path, "toml").data
    libraries = data.get("libraries") if isinstance(data, dict) else None
    if not isinstance(libraries, dict):
        return
    start = text.offset_of(r"^\s*\[libraries\]")
    for alias, entry in libraries.items():
        name = None
        if isinstance(entry, str):
            name = ":".join(entry.split(":")[:2])
        elif isinstance(entry, dict):
            if isinstance(entry.get("module"), str):
                name = entry["module"]
            elif isinstance(entry.get("group"), str) and isinstance(
                entry.get("name"), str
            ):
                name = f"{entry['group']}:{entry['name']}"
        if name and ":" in name:
            line = text.line_of(rf"^\s*{re.escape(alias)}\s*=", start) or 1
            yield Dependency(name.lower(), "maven", path, line)


# "org" %% "name" % "v", and addSbtPlugin("org" % "name" % "v")
_SBT = lazy_re(r""""([\w.\-]+)"\s*%{1,3}\s*"([\w.\-]+)"\s*%""")


def _sbt(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for match in _SBT.finditer(text.text):
        line_start = text.text.rfind("\n", 0, match.start()) + 1
        if text.text[line_start : match.start()].lstrip().startswith("//"):
            continue
        name = f"{match.group(1)}:{match.group(2)}".lower()
        yield Dependency(name, "maven", path, text.line_at(match.start(1)))


# -- Go, .NET, Rust, Elixir --------------------------------------------------------------------

_GO_REQUIRE_LINE = lazy_re(r"^\s*require\s+([^\s(]+)\s+\S+", re.MULTILINE)
_GO_REQUIRE_BLOCK = lazy_re(r"^\s*require\s*\((.*?)^\s*\)", re.MULTILINE | re.DOTALL)
_GO_BLOCK_ENTRY = lazy_re(r"^\s*([^\s/][^\s]*)\s+v\S*", re.MULTILINE)


def _go_mod(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    for match in _GO_REQUIRE_LINE.finditer(text.text):
        yield Dependency(
            match.group(1).lower(), "go", path, text.line_at(match.start(1))
        )
    for block in _GO_REQUIRE_BLOCK.finditer(text.text):
        for entry in _GO_BLOCK_ENTRY.finditer(block.group(1)):
            offset = block.start(1) + entry.start(1)
            yield Dependency(entry.group(1).lower(), "go", path, text.line_at(offset))


_PACKAGE_REFERENCE = lazy_re(
    r"""<PackageReference\b[^>]*?\bInclude\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
_PROJECT_SDK = lazy_re(r"""<Project\b[^>]*?\bSdk\s*=\s*["']([^"']+)["']""")


def _dotnet_project(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    body = _blank_comments(text.text)
    sdk = _PROJECT_SDK.search(body)
    if sdk:
        yield Dependency(
            sdk.group(1).lower(), "nuget", path, text.line_at(sdk.start(1))
        )
    for match in _PACKAGE_REFERENCE.finditer(body):
        yield Dependency(
            match.group(1).lower(), "nuget", path, text.line_at(match.start(1))
        )


def _cargo(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    data = repo.parsed(path, "toml").data
    if not isinstance(data, dict):
        return
    tables: list[tuple[str, Any]] = []
    for section in ("dependencies", "dev-dependencies", "build-dependencies"):
        tables.append((section, data.get(section)))
    workspace = data.get("workspace")
    if isinstance(workspace, dict):
        tables.append(("workspace.dependencies", workspace.get("dependencies")))
    target = data.get("target")
    if isinstance(target, dict):
        for spec in target.values():
            if isinstance(spec, dict):
                for section in (
                    "dependencies",
                    "dev-dependencies",
                    "build-dependencies",
                ):
                    tables.append((section, spec.get(section)))
    for section, table in tables:
        if not isinstance(table, dict):
            continue
        start = text.offset_of(rf"^\s*\[[^\]]*{re.escape(section)}\]")
        for key, value in table.items():
            package = value.get("package") if isinstance(value, dict) else None
            name = package if isinstance(package, str) else key
            line = text.line_of(rf"""^\s*["']?{re.escape(key)}["']?\s*[=.]""", start)
            yield Dependency(name.lower(), "cargo", path, line or 1)


_MIX_DEP = lazy_re(r"""\{\s*:(\w+)\s*,\s*(?:"|~>|\w+:)""")


def _mix(repo: Repository, path: str, text: _Text) -> Iterator[Dependency]:
    start = text.offset_of(r"^\s*defp?\s+deps\b")
    for match in _MIX_DEP.finditer(text.text, start):
        yield Dependency(
            match.group(1).lower(), "hex", path, text.line_at(match.start(1))
        )
