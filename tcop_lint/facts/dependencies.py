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

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository


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
    after PEP 503 normalisation, so ``flask_smorest`` finds ``flask-smorest``. A plain name
    is looked up in an index built once per run; only a wildcard reads the names.
    """
    index = repo.memo("dependencies.by-name", lambda: _by_name(repo))
    found: set[Dependency] = set()
    for kind in [ecosystem] if ecosystem is not None else list(index):
        table = index.get(kind, {})
        wanted = {normalise_python(n) if kind == "pypi" else n.lower() for n in names}
        for pattern in wanted:
            if any(c in pattern for c in "*?["):
                for name in table:
                    if fnmatch.fnmatchcase(name, pattern):
                        found.update(table[name])
            else:
                found.update(table.get(pattern, ()))
    return sorted(found, key=lambda d: (d.manifest, d.line, d.name))


def _by_name(repo: Repository) -> dict[str, dict[str, list[Dependency]]]:
    index: dict[str, dict[str, list[Dependency]]] = {}
    for dep in declared_dependencies(repo):
        index.setdefault(dep.ecosystem, {}).setdefault(dep.name, []).append(dep)
    return index


def normalise_python(name: str) -> str:
    """A Python distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


# -- collection -------------------------------------------------------------------------------


def _collect(repo: Repository) -> list[Dependency]:
    found: list[Dependency] = []
    for path, reader in _manifests(repo):
        if is_vendored(path):
            continue
        text = repo.read_text(path)
        if text is None:
            continue
        try:
            found.extend(reader(repo, path, TextLines(text)))
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            # A malformed manifest declares nothing we can trust; other rules report it.
            continue
    return sorted(set(found), key=lambda d: (d.manifest, d.line, d.name))


def _manifests(
    repo: Repository,
) -> Iterator[tuple[str, Callable[[Repository, str, TextLines], Iterable[Dependency]]]]:
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


class TextLines:
    """Manifest text with fast offset -> line conversion, and the linear-time look-ups the
    readers need to place a name on its line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._json_keys: dict[str, list[int]] | None = None
        self._python_names: dict[str, list[int]] | None = None
        self._line_keys: dict[str, list[int]] | None = None

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def line_start(self, offset: int) -> int:
        """The offset of the start of the line holding ``offset``."""
        return self._starts[self.line_at(offset) - 1]

    def offset_of(self, pattern: str, flags: int = 0) -> int:
        """Where ``pattern`` (a fixed expression of this module, never built from the
        manifest's content) first matches; 0 when it does not."""
        match = re.compile(pattern, flags | re.MULTILINE).search(self.text)
        return match.start() if match else 0

    def json_key(self, key: str, start: int = 0, *, fold: bool = False) -> int | None:
        """The offset of the first JSON object key ``key`` at or after ``start`` (compared
        case-insensitively with ``fold``), or ``None``. Every key is listed in one pass
        over the text, the first time one is asked for."""
        if self._json_keys is None:
            self._json_keys = _json_keys(self.text)
        found = self._json_keys.get(f"\0{key.lower()}" if fold else key, ())
        index = bisect.bisect_left(found, start)
        return found[index] if index < len(found) else None

    def python_name_line(self, name: str, start: int = 0) -> int | None:
        """The line of the first mention of the Python distribution ``name`` at or after
        ``start``, however its separators and case were written (``Flask_SQLAlchemy`` for
        ``flask-sqlalchemy``), as a whole name (not inside a longer one)."""
        if self._python_names is None:
            self._python_names = _python_mentions(self.text)
        offsets = self._python_names.get(normalise_python(name), ())
        index = bisect.bisect_left(offsets, start)
        return self.line_at(offsets[index]) if index < len(offsets) else None

    def key_line(self, key: str, start: int = 0) -> int | None:
        """The first line at or after ``start`` that assigns ``key`` (``key =``,
        ``"key" =``, dotted ``key.x =``) at its start, as TOML does."""
        if self._line_keys is None:
            self._line_keys = _line_keys(self.text)
        offsets = self._line_keys.get(key, ())
        index = bisect.bisect_left(offsets, start)
        return self.line_at(offsets[index]) if index < len(offsets) else None


# A JSON string and, when it is an object key, the colon after it. Applied from outside any
# string of a document that parsed, every string is closed, so strings are found in order
# and each character is read once.
_JSON_STRING = lazy_re(r'"((?:[^"\\]|\\.)*)"([ \t\r\n]*:)?', re.DOTALL)


def _json_keys(text: str) -> dict[str, list[int]]:
    """The offsets of every object key of a JSON document, in order; each also under
    ``"\0" + key.lower()`` for case-insensitive look-ups."""
    import json

    keys: dict[str, list[int]] = {}
    for match in _JSON_STRING.finditer(text):
        if match.group(2) is None:
            continue
        raw = match.group(1)
        if "\\" in raw:
            try:
                raw = json.loads(f'"{raw}"')
            except ValueError:
                continue
        keys.setdefault(raw, []).append(match.start())
        keys.setdefault(f"\0{raw.lower()}", []).append(match.start())
    return keys


# A run of name characters; a name is a run, or a part of one that a "." ends.
_NAME_RUN = lazy_re(r"[\w.-]+")
_SEPARATORS = lazy_re(r"[-_.]+")


# Distribution names are short; a mention is looked for in the first characters of a run
# only, so a run of a million dotted parts costs no more than a short one.
_LONGEST_NAME = 200


def _python_mentions(text: str) -> dict[str, list[int]]:
    """Every offset at which each normalised Python name is mentioned, in order. A run
    ``a.b.c`` mentions ``a``, ``a-b`` and ``a-b-c``, as a name followed by a "." reads."""
    mentions: dict[str, list[int]] = {}
    for run in _NAME_RUN.finditer(text):
        value = run.group()[: _LONGEST_NAME + 1]
        if not value[0].isalnum():
            continue
        ends = [i for i, c in enumerate(value) if c == "." and value[i - 1].isalnum()]
        if len(value) <= _LONGEST_NAME and value[-1].isalnum():
            ends.append(len(value))
        for end in ends:
            name = _SEPARATORS.sub("-", value[:end]).lower()
            mentions.setdefault(name, []).append(run.start())
    return mentions


_LINE_KEY = lazy_re(r"^[ \t]*[\"']?([^\s\"'=.\[#]+)[\"']?[ \t]*[=.]", re.MULTILINE)


def _line_keys(text: str) -> dict[str, list[int]]:
    """The offsets of the lines that start by assigning each key, in order."""
    keys: dict[str, list[int]] = {}
    for match in _LINE_KEY.finditer(text):
        keys.setdefault(match.group(1), []).append(match.start(1))
    return keys


def without_xml_comments(text: str) -> str:
    """``text`` with XML comments blanked out, keeping every offset (and so every line).

    A plain scan rather than a regular expression, so that a hostile file of unclosed
    comments costs linear time.
    """
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        parts.append(text[position:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


_NOT_NEWLINE = lazy_re(r"[^\n]")


# -- JavaScript ---------------------------------------------------------------------------------

_NPM_SECTIONS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


def _package_json(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    data = repo.parsed(path, "json").data
    if not isinstance(data, dict):
        return
    for section in _NPM_SECTIONS:
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        start = text.json_key(section) or 0
        for name in deps:
            if not isinstance(name, str):
                continue
            yield Dependency(name.lower(), "npm", path, _json_line(text, name, start))


def _json_line(text: TextLines, key: str, start: int, *, fold: bool = False) -> int:
    offset = text.json_key(key, start, fold=fold)
    return 1 if offset is None else text.line_at(offset)


def _composer(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    data = repo.parsed(path, "json").data
    if not isinstance(data, dict):
        return
    for section in ("require", "require-dev"):
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        start = text.json_key(section) or 0
        for name in deps:
            if not isinstance(name, str) or name == "php" or name.startswith("ext-"):
                continue
            line = _json_line(text, name, start, fold=True)
            yield Dependency(name.lower(), "composer", path, line)


# -- Python -------------------------------------------------------------------------------------

_REQUIREMENT_NAME = lazy_re(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


def _requirement_name(spec: str) -> str | None:
    """The distribution name at the start of a PEP 508 requirement string."""
    match = _REQUIREMENT_NAME.match(spec)
    return normalise_python(match.group(1)) if match else None


def _python_line(text: TextLines, name: str, start: int = 0) -> int:
    return text.python_name_line(name, start) or 1


def _requirements(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
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
    specs: Any, text: TextLines, path: str, start: int = 0
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
    table: Any, text: TextLines, path: str, start: int = 0
) -> Iterator[Dependency]:
    if not isinstance(table, dict):
        return
    for key in table:
        if not isinstance(key, str) or key.lower() == "python":
            continue
        name = normalise_python(key)
        yield Dependency(name, "pypi", path, _python_line(text, name, start))


def _pyproject(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    data = repo.parsed(path, "toml").data
    if not isinstance(data, dict):
        return
    project = data.get("project")
    if isinstance(project, dict):
        start = text.offset_of(r"^[ \t]*\[project\]")
        yield from _requirement_list(project.get("dependencies"), text, path, start)
        extras = project.get("optional-dependencies")
        if isinstance(extras, dict):
            for specs in extras.values():
                yield from _requirement_list(specs, text, path, start)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        start = text.offset_of(r"^[ \t]*\[dependency-groups\]")
        for specs in groups.values():
            yield from _requirement_list(specs, text, path, start)
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        start = text.offset_of(r"^[ \t]*\[tool\.poetry")
        yield from _poetry_table(poetry.get("dependencies"), text, path, start)
        yield from _poetry_table(poetry.get("dev-dependencies"), text, path, start)
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for group in poetry_groups.values():
                if isinstance(group, dict):
                    yield from _poetry_table(
                        group.get("dependencies"), text, path, start
                    )


def _pipfile(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    data = repo.parsed(path, "toml").data
    if not isinstance(data, dict):
        return
    for section in ("packages", "dev-packages"):
        start = text.offset_of(rf"^[ \t]*\[{re.escape(section)}\]")
        yield from _poetry_table(data.get(section), text, path, start)


def _setup_cfg(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
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
    start = text.offset_of(r"^[ \t]*\[options\]")
    for spec in specs:
        spec = spec.split("#", 1)[0].strip()
        name = _requirement_name(spec) if spec else None
        if name:
            yield Dependency(name, "pypi", path, _python_line(text, name, start))


# -- Ruby ---------------------------------------------------------------------------------------

# Whitespace around an optional parenthesis is written so that only one way can match it:
# `[ \t]*\(?[ \t]*` splits a long run of spaces in quadratically many ways before failing.
_GEM = lazy_re(r"""^[ \t]*gem[ \t]*(?:\([ \t]*)?["']([^"'\n]+)["']""", re.MULTILINE)
_GEMSPEC = lazy_re(
    r"""\.add_(?:runtime_|development_)?dependency\s*\(?\s*["']([^"']+)["']"""
)


def _gemfile(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    for match in _GEM.finditer(text.text):
        yield Dependency(
            match.group(1).lower(), "rubygems", path, text.line_at(match.start(1))
        )


def _gemspec(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    for match in _GEMSPEC.finditer(text.text):
        yield Dependency(
            match.group(1).lower(), "rubygems", path, text.line_at(match.start(1))
        )


# -- JVM ----------------------------------------------------------------------------------------

_POM_DEPENDENCY = lazy_re(r"<dependency\b[^<>]*>")
_POM_DEPENDENCY_END = lazy_re(r"</dependency\s*>")
_XML_GROUP = lazy_re(r"<groupId>\s*([^<\s]+)\s*</groupId>")
_XML_ARTIFACT = lazy_re(r"<artifactId>\s*([^<\s]+)\s*</artifactId>")


def _pom(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    body = without_xml_comments(text.text)
    position = 0
    while opening := _POM_DEPENDENCY.search(body, position):
        closing = _POM_DEPENDENCY_END.search(body, opening.end())
        if closing is None:
            return
        position = closing.end()
        block = body[opening.end() : closing.start()]
        artifact = _XML_ARTIFACT.search(block)
        if not artifact:
            continue
        group = _XML_GROUP.search(block)
        name = f"{group.group(1)}:{artifact.group(1)}" if group else artifact.group(1)
        line = text.line_at(opening.end() + artifact.start())
        yield Dependency(name.lower(), "maven", path, line)


# implementation "g:a:v", implementation("g:a:v"), api platform("g:a:v"), kapt 'g:a'
_GRADLE_CONFIGURATION = (
    r"(?:\w*(?:[iI]mplementation|[aA]pi|[cC]ompile|[oO]nly|[pP]rocessor)|kapt\w*"
    r"|classpath)"
)
_GRADLE_STRING = lazy_re(
    rf"""^[ \t]*{_GRADLE_CONFIGURATION}\s*(?:\(\s*)?(?:(?:enforced)?[pP]latform\s*\(\s*)?"""
    r"""["']([\w.\-]+):([\w.\-]+)(?::[^"'\n]*)?["']""",
    re.MULTILINE,
)
# implementation group: 'g', name: 'a', version: 'v'  /  implementation(group = "g", name = "a")
_GRADLE_MAP = lazy_re(
    rf"""^[ \t]*{_GRADLE_CONFIGURATION}\s*(?:\(\s*)?group\s*[:=]\s*["']([\w.\-]+)["']\s*,"""
    r"""\s*name\s*[:=]\s*["']([\w.\-]+)["']""",
    re.MULTILINE,
)


def _gradle(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    for regex in (_GRADLE_STRING, _GRADLE_MAP):
        for match in regex.finditer(text.text):
            name = f"{match.group(1)}:{match.group(2)}".lower()
            yield Dependency(name, "maven", path, text.line_at(match.start(1)))


def _gradle_catalog(
    repo: Repository, path: str, text: TextLines
) -> Iterator[Dependency]:
    """A Gradle version catalog (``gradle/libs.versions.toml``), ``[libraries]`` table."""
    data = repo.parsed(path, "toml").data
    libraries = data.get("libraries") if isinstance(data, dict) else None
    if not isinstance(libraries, dict):
        return
    start = text.offset_of(r"^[ \t]*\[libraries\]")
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
            line = text.key_line(alias, start) or 1
            yield Dependency(name.lower(), "maven", path, line)


# "org" %% "name" % "v", and addSbtPlugin("org" % "name" % "v")
_SBT = lazy_re(r""""([\w.\-]+)"\s*%{1,3}\s*"([\w.\-]+)"\s*%""")


def _sbt(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    for match in _SBT.finditer(text.text):
        line_start = text.line_start(match.start())
        if text.text[line_start : match.start()].lstrip().startswith("//"):
            continue
        name = f"{match.group(1)}:{match.group(2)}".lower()
        yield Dependency(name, "maven", path, text.line_at(match.start(1)))


# -- Go, .NET, Rust, Elixir --------------------------------------------------------------------

_GO_REQUIRE_LINE = lazy_re(r"[ \t]*require[ \t]+([^\s(]+)[ \t]+\S")
_GO_REQUIRE_BLOCK = lazy_re(r"[ \t]*require[ \t]*\(")
_GO_BLOCK_ENTRY = lazy_re(r"[ \t]*([^\s/]\S*)[ \t]+v")


def _go_mod(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    """``require x v1`` lines and the entries of ``require ( ... )`` blocks, line by line."""
    inside = False
    offset = 0
    for line in text.text.splitlines(keepends=True):
        if inside:
            if line.lstrip().startswith(")"):
                inside = False
            elif entry := _GO_BLOCK_ENTRY.match(line):
                line_number = text.line_at(offset + entry.start(1))
                yield Dependency(entry.group(1).lower(), "go", path, line_number)
        elif single := _GO_REQUIRE_LINE.match(line):
            line_number = text.line_at(offset + single.start(1))
            yield Dependency(single.group(1).lower(), "go", path, line_number)
        elif _GO_REQUIRE_BLOCK.match(line):
            inside = True
        offset += len(line)


_PACKAGE_REFERENCE = lazy_re(
    r"""<PackageReference\b[^<>]*?\bInclude\s*=\s*["']([^"'<>]+)["']""", re.IGNORECASE
)
_PROJECT_SDK = lazy_re(r"""<Project\b[^<>]*?\bSdk\s*=\s*["']([^"'<>]+)["']""")


def _dotnet_project(
    repo: Repository, path: str, text: TextLines
) -> Iterator[Dependency]:
    body = without_xml_comments(text.text)
    sdk = _PROJECT_SDK.search(body)
    if sdk:
        yield Dependency(
            sdk.group(1).lower(), "nuget", path, text.line_at(sdk.start(1))
        )
    for match in _PACKAGE_REFERENCE.finditer(body):
        yield Dependency(
            match.group(1).lower(), "nuget", path, text.line_at(match.start(1))
        )


def _cargo(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
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
        start = text.offset_of(rf"^[ \t]*\[[^\]\n]*{re.escape(section)}\]")
        for key, value in table.items():
            package = value.get("package") if isinstance(value, dict) else None
            name = package if isinstance(package, str) else key
            line = text.key_line(key, start) or 1
            yield Dependency(name.lower(), "cargo", path, line)


_MIX_DEP = lazy_re(r"""\{\s*:(\w+)\s*,\s*(?:"|~>|\w+:)""")


def _mix(repo: Repository, path: str, text: TextLines) -> Iterator[Dependency]:
    start = text.offset_of(r"^[ \t]*defp?[ \t]+deps\b")
    for match in _MIX_DEP.finditer(text.text, start):
        yield Dependency(
            match.group(1).lower(), "hex", path, text.line_at(match.start(1))
        )
