"""One read-only view of the repository: the file inventory, indexed lookups, safe cached reads.

The inventory is taken once (``git ls-files`` in a work tree, a walk honouring ``.gitignore``
otherwise); rules query it by path, name, extension, directory or glob and never walk the disk.
Every read goes through :meth:`Repository.read_bytes`, which refuses anything that resolves
outside the root, is not a regular file, or is over the size cap.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import stat
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from tcop_lint.cache import ResultCache
from tcop_lint.facts.gitfacts import GitFacts
from tcop_lint.gitlisting import list_files, probe
from tcop_lint.globs import GlobMatcher, gitignore_spec
from tcop_lint.parse_cache import parse_yaml_cached
from tcop_lint.parsing import Parsed, parse

DEFAULT_MAX_BYTES = 2_000_000
_BINARY_SNIFF = 8192
_PARSER_BY_EXTENSION = {
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".json5": "json5",
    ".toml": "toml",
}
T = TypeVar("T")


class RepositoryError(Exception):
    """The path cannot be scanned at all (missing, a bare repository...); exit code 2."""


class Repository:
    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        exclude: Iterable[str] = (),
        max_bytes: int = DEFAULT_MAX_BYTES,
        cache: ResultCache | None = None,
        tracked_only: bool = False,
    ) -> None:
        """``tracked_only``: only the files in git's index (tracked or staged) are in the
        inventory, as in a pre-commit hook, which judges what is being committed."""
        path = Path(root)
        if not path.exists():
            raise RepositoryError(f"{root}: no such directory")
        if not path.is_dir():
            raise RepositoryError(f"{root}: not a directory")
        self.root = path.resolve()
        self.max_bytes = max_bytes
        self.cache = cache if cache is not None else ResultCache(None)
        self._root_prefix = str(self.root).rstrip(os.sep) + os.sep
        self._git_probe = probe(self.root)
        if self._git_probe is not None and self._git_probe.bare:
            raise RepositoryError(
                f"{self.root}: a bare repository has no files to check; scan a clone"
            )
        self.is_git = self._git_probe is not None and self._git_probe.in_work_tree
        if tracked_only and not self.is_git:
            raise RepositoryError(
                f"{root}: --tracked-only judges what git is committing, but this folder is "
                "not in a git work tree"
            )
        listed = self._list_git(tracked_only) if self.is_git else self._walk()
        patterns = [p for p in exclude if p]
        if patterns:
            spec = gitignore_spec(patterns)
            listed = [p for p in listed if not spec.match_file(p)]
        # dict.fromkeys keeps git's order (two sorted runs, tracked then untracked), which
        # sorts in near-linear time; a set would scramble it first.
        self.files: tuple[str, ...] = tuple(sorted(dict.fromkeys(listed)))
        self._fileset = frozenset(self.files)
        self._bytes: dict[str, bytes | None] = {}
        self._real_folders: dict[str, str] = {}
        self._text: dict[str, str | None] = {}
        self._parsed: dict[tuple[str, str], Parsed] = {}
        self._unreadable: dict[str, str] = {}
        self._memo: dict[str, Any] = {}
        self._name_matches: dict[str, list[str]] = {}
        self._extension_matches: dict[tuple[str, ...], list[str]] = {}

    # -- inventory -------------------------------------------------------------------------

    def _list_git(self, tracked_only: bool) -> list[str]:
        result = list_files(self.root, tracked_only)
        if result.returncode != 0:
            raise RepositoryError(
                f"{self.root}: git ls-files failed: {result.stderr.decode(errors='replace').strip()}"
            )
        # One decode of the whole listing (as os.fsdecode would decode each name).
        listing = result.stdout.decode(
            sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
        )
        return [p for p in listing.split("\0") if p]

    def _walk(self) -> list[str]:
        """List files of a plain directory, honouring each directory's ``.gitignore``."""
        found: list[str] = []
        specs: list[tuple[str, GlobMatcher]] = []
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            rel_dir = os.path.relpath(dirpath, self.root)
            rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
            if ".gitignore" in filenames:
                text = self._read_plain(Path(dirpath, ".gitignore"))
                if text:
                    specs.append((rel_dir, gitignore_spec(text.splitlines())))
            active = [(base, spec) for base, spec in specs if rel_dir.startswith(base)]
            dirnames[:] = sorted(
                d
                for d in dirnames
                if d != ".git" and not _ignored(active, rel_dir + d + "/")
            )
            found.extend(
                rel_dir + name
                for name in filenames
                if not _ignored(active, rel_dir + name)
            )
        return found

    def _read_plain(self, path: Path) -> str | None:
        try:
            # a symlink, FIFO or device is not read (opening a FIFO would block)
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_bytes:
                return None
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    # -- lookups ---------------------------------------------------------------------------

    def has(self, path: str) -> bool:
        return path in self._fileset

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            index[path[path.rfind("/") + 1 :].lower()].append(path)
        return index

    @cached_property
    def _name_blob(self) -> tuple[str, list[str]]:
        """Every basename on its own line, for one C-level regex scan per query; names that
        hold a newline themselves are kept aside and matched one by one."""
        plain = [name for name in self._by_name if "\n" not in name]
        odd = [name for name in self._by_name if "\n" in name]
        return "\n".join(plain), odd

    @cached_property
    def _by_extension(self) -> dict[str, list[str]]:
        """Extension (lower case, with its dot) → files, each list in path order."""
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            dot = path.rfind(".")
            if dot > path.rfind("/") + 1:  # a dot inside the name, not leading it
                index[path[dot:].lower()].append(path)
        return index

    @cached_property
    def _by_directory(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            index[path.rpartition("/")[0]].append(path)
        return index

    def find(self, *paths: str) -> str | None:
        """The first of ``paths`` present, compared case-insensitively; the real spelling."""
        for path in paths:
            if path in self._fileset:
                return path
            wanted = path.lower()
            hits = [
                p
                for p in self._by_name.get(wanted[wanted.rfind("/") + 1 :], ())
                if p.lower() == wanted
            ]
            if hits:
                return hits[0]
        return None

    def by_name(self, *names: str) -> list[str]:
        """Files whose basename is one of ``names``, case-insensitively, in path order."""
        hits: list[str] = []
        for name in names:
            hits.extend(self._by_name.get(name.lower(), ()))
        return sorted(set(hits))

    def by_name_matching(self, pattern: str) -> list[str]:
        """Files whose lower-cased basename matches the regular expression ``pattern``."""
        if pattern not in self._name_matches:
            names = self._names_matching(pattern)
            self._name_matches[pattern] = sorted(
                p for name in names for p in self._by_name[name]
            )
        return list(self._name_matches[pattern])

    def _names_matching(self, pattern: str) -> list[str]:
        """Basenames that ``fullmatch`` the pattern, found at C speed.

        When every match must contain one of a few literals (:func:`required_literals`),
        only the names holding one are tested (``str.find`` in the list of names). Else one
        regex scan of all names; a pattern that could match across the line breaks of the
        scan (``\\s``, ``[^x]``) or cannot be wrapped falls back to testing each name.
        """
        blob, odd = self._name_blob
        literals = required_literals(pattern)
        if literals:
            return _lines_with(blob, literals, pattern) + [
                name for name in odd if re.fullmatch(pattern, name)
            ]
        regex = re.compile(pattern)
        try:
            scan = re.compile(f"^(?:{pattern})$", re.MULTILINE)
        except re.error:
            scan = None
        hits = []
        if scan is not None:
            for match in scan.finditer(blob):
                if "\n" in match.group():
                    scan = None
                    break
                hits.append(match.group())
        if scan is None:
            hits = list(filter(regex.fullmatch, self._by_name))
        else:
            hits = [h for h in hits if regex.fullmatch(h)]
            hits += filter(regex.fullmatch, odd)
        return hits

    def paths_containing(self, *fragments: str) -> list[str]:
        """Files whose lower-cased path contains one of ``fragments``, in path order.

        ``str.find`` over one joined copy of the paths, instead of a Python-level test per
        path: a filter over 100,000 paths costs a few milliseconds, not half a second.
        """
        blob, starts = self._path_blob
        hits: set[int] = set()
        for fragment in fragments:
            wanted = fragment.lower()
            at = blob.find(wanted)
            while at != -1:
                index = bisect.bisect_right(starts, at) - 1
                hits.add(index)
                at = blob.find(wanted, starts[index + 1])
        return [self.files[index] for index in sorted(hits)]

    @cached_property
    def _path_blob(self) -> tuple[str, list[int]]:
        """The lower-cased paths joined by NUL (which no path holds), and where each starts;
        the last entry is the end, so ``starts[i + 1]`` always exists."""
        lowered = [path.lower() for path in self.files]
        starts = [0, *itertools.accumulate(len(path) + 1 for path in lowered)]
        return "\0".join(lowered), starts

    def by_extension(self, *extensions: str) -> list[str]:
        """Files with one of ``extensions`` (``".yml"``), case-insensitively, in path order."""
        key = tuple(dict.fromkeys(extension.lower() for extension in extensions))
        if key not in self._extension_matches:
            runs = [self._by_extension.get(extension, []) for extension in key]
            # each run is in path order and no path has two extensions: merging the runs
            # (Timsort finds them) is all the sorting there is
            self._extension_matches[key] = sorted(itertools.chain.from_iterable(runs))
        return list(self._extension_matches[key])

    def in_directory(self, directory: str) -> list[str]:
        """Files directly inside ``directory`` ("" for the root)."""
        return list(self._by_directory.get(directory.strip("/"), ()))

    def under(self, directory: str) -> list[str]:
        """Files anywhere below ``directory``."""
        prefix = directory.strip("/") + "/"
        # the inventory is sorted, so the files below a folder sit together
        start = end = bisect.bisect_left(self.files, prefix)
        while end < len(self.files) and self.files[end].startswith(prefix):
            end += 1
        return list(self.files[start:end])

    def directories(self) -> list[str]:
        """Every directory that holds at least one file ("" is the root)."""
        return sorted(self._by_directory)

    def glob(self, *patterns: str) -> list[str]:
        """Files matching gitignore-style ``patterns`` (``**/*.tf``, ``docs/**/*.md``)."""
        spec = gitignore_spec(patterns)
        return [p for p in self.files if spec.match_file(p)]

    # -- contents --------------------------------------------------------------------------

    def read_bytes(self, path: str) -> bytes | None:
        """The file's bytes, or ``None`` (see :meth:`unreadable_reason`); cached."""
        if path not in self._bytes:
            self._bytes[path] = self._load(path)
        return self._bytes[path]

    def _load(self, path: str) -> bytes | None:
        if path not in self._fileset:
            self._unreadable[path] = "not in the repository"
            return None
        real = self._real_path(path)
        if not real.startswith(self._root_prefix):
            self._unreadable[path] = "a symbolic link that leaves the repository"
            return None
        try:
            info = os.stat(real)
            if not stat.S_ISREG(info.st_mode):
                self._unreadable[path] = "not a regular file"
                return None
            if info.st_size > self.max_bytes:
                self._unreadable[path] = (
                    f"larger than the {self.max_bytes:,}-byte read limit ({info.st_size:,} bytes)"
                )
                return None
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
            fd = os.open(real, flags)
            with os.fdopen(fd, "rb") as handle:
                return handle.read(self.max_bytes + 1)[: self.max_bytes]
        except OSError as exc:
            self._unreadable[path] = f"cannot be read ({exc.strerror or exc})"
            return None

    def _real_path(self, path: str) -> str:
        """``os.path.realpath`` of ``path`` in the root, with each folder resolved once a run:
        realpath checks every component (an lstat each), and reads share their folders."""
        folder, _, name = path.rpartition("/")
        real_folder = self._real_folders.get(folder)
        if real_folder is None:
            real_folder = os.path.realpath(os.path.join(self.root, *folder.split("/")))
            self._real_folders[folder] = real_folder
        real = os.path.join(real_folder, name)
        return os.path.realpath(real) if os.path.islink(real) else real

    def read_text(self, path: str) -> str | None:
        """The file decoded as text (BOM-aware, invalid bytes replaced); ``None`` if binary."""
        if path not in self._text:
            data = self.read_bytes(path)
            text = None if data is None else decode_text(data)
            if data is not None and text is None:
                self._unreadable[path] = "binary data, not text"
            self._text[path] = text
        return self._text[path]

    def read_text_once(self, path: str) -> str | None:
        """:meth:`read_text` without keeping the text (one already kept is reused): for a
        scan that reads each of many files once, such as a policy over ``**/*``, so that
        memory stays flat instead of holding every file of a monorepo twice."""
        if path in self._text:
            return self._text[path]
        data = self._bytes[path] if path in self._bytes else self._load(path)
        text = None if data is None else decode_text(data)
        if data is not None and text is None:
            self._unreadable[path] = "binary data, not text"
        return text

    def unreadable_reason(self, path: str) -> str | None:
        """Why the last read of ``path`` gave ``None``."""
        return self._unreadable.get(path)

    def texts_read(self) -> list[str]:
        """The files read as text so far this run: what a second look costs no disk read."""
        return [path for path, text in self._text.items() if text is not None]

    def parsed(self, path: str, kind: str | None = None) -> Parsed:
        """``path`` parsed as ``kind`` (yaml/json/json5/toml; default from its extension)."""
        kind = kind or _PARSER_BY_EXTENSION.get(
            PurePosixPath(path).suffix.lower(), "yaml"
        )
        key = (path, kind)
        if key not in self._parsed:
            text = self.read_text(path)
            if text is None:
                self._parsed[key] = Parsed(
                    error=f"not read: {self.unreadable_reason(path)}"
                )
            elif kind == "yaml":
                self._parsed[key] = parse_yaml_cached(text, self.cache)
            else:
                self._parsed[key] = parse(text, kind)
        return self._parsed[key]

    def line_of(self, path: str, pattern: str | re.Pattern[str]) -> int | None:
        """The first line (1-based) of ``path`` matching the regular expression ``pattern``."""
        text = self.read_text(path)
        if text is None:
            return None
        match = re.search(pattern, text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None

    # -- shared facts ----------------------------------------------------------------------

    @cached_property
    def git(self) -> GitFacts:
        return GitFacts(self.root, self._git_probe if self.is_git else None, self.cache)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a fact once per run (see ``facts.py``)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def _ignored(specs: list[tuple[str, GlobMatcher]], rel: str) -> bool:
    """Git's rule: the deepest ``.gitignore`` with a matching pattern decides (``!`` re-includes)."""
    ignored = False
    for base, spec in specs:
        decision = spec.check_file(rel[len(base) :])
        if decision is not None:
            ignored = decision
    return ignored


# A pure function of its pattern, asked again for each repository an estate checks.
@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Plain strings at least one of which every match of ``pattern`` contains: the
    longest literal run (``compose`` in ``(docker-)?compose(-\\w+)?\\.ya?ml``), spelt each way
    a group of literal alternatives allows (``dockerfile`` and ``containerfile`` for
    ``(docker|container)file``), or one per alternative of a top-level ``|``; ``None``
    when there is no such set.

    Read from the parse tree of Python's own ``re`` (``re._parser``, private but present
    since 3.11); a pattern with flags, or a parser that has changed, gives ``None``.
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern)
        if tree.state.flags & ~(c.SRE_FLAG_UNICODE):
            return None
        return _alternatives(tree, c)
    except Exception:  # noqa: BLE001 - any surprise in a private API means "none known"
        return None


_MAX_SPELLINGS = 8
"""How many spellings one literal run may have before the prefilter stops multiplying."""


def _alternatives(tree: Any, c: Any) -> tuple[str, ...] | None:
    items = list(tree)
    if len(items) == 1 and items[0][0] is c.BRANCH:
        found: list[str] = []
        for branch in items[0][1][1]:
            literals = _alternatives(branch, c)
            if literals is None:
                return None
            found.extend(literals)
        return tuple(found)
    if len(items) == 1 and items[0][0] is c.SUBPATTERN and not any(items[0][1][1:3]):
        return _alternatives(items[0][1][3], c)
    best = max(_literal_runs(tree, c), key=lambda run: min(map(len, run)), default=())
    return best if best and min(map(len, best)) >= 2 else None


def _literal_runs(tree: Any, c: Any) -> list[tuple[str, ...]]:
    """Runs of text every match holds, each as the spellings it can take."""
    runs: list[tuple[str, ...]] = []
    current: tuple[str, ...] = ("",)
    for op, value in tree:
        choices = _choices(op, value, c)
        if choices and len(current) * len(choices) > _MAX_SPELLINGS:
            runs.append(current)  # too many spellings: a new run starts here
            current = ("",)
        if choices and len(current) * len(choices) <= _MAX_SPELLINGS:
            current = tuple(head + tail for head in current for tail in choices)
            continue
        runs.append(current)
        current = ("",)
        if op is c.SUBPATTERN and not value[1] and not value[2]:
            runs.extend(_literal_runs(value[3], c))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
            runs.extend(_literal_runs(value[2], c))
        elif op is c.SUBPATTERN:
            raise ValueError("a group with its own flags")
    runs.append(current)
    return [run for run in runs if run != ("",)]


def _choices(op: Any, value: Any, c: Any) -> tuple[str, ...] | None:
    """The texts one parse-tree item matches, when they are few: a literal, a class of
    literal characters, or a group or ``|`` of such; else ``None``."""
    if op is c.LITERAL:
        return (chr(value),)
    if op is c.IN and all(kind is c.LITERAL for kind, _ in value):
        return tuple(chr(char) for _, char in value)
    if op is c.SUBPATTERN and not value[1] and not value[2]:
        return _spellings(value[3], c)
    if op is c.BRANCH:
        texts: list[str] = []
        for branch in value[1]:
            spelt = _spellings(branch, c)
            if spelt is None:
                return None
            texts.extend(spelt)
        return tuple(texts) if len(texts) <= _MAX_SPELLINGS else None
    return None


def _spellings(items: Any, c: Any) -> tuple[str, ...] | None:
    """Every text a sequence of items matches, when there are at most ``_MAX_SPELLINGS``."""
    texts: tuple[str, ...] = ("",)
    for op, value in items:
        choices = _choices(op, value, c)
        if choices is None or len(texts) * len(choices) > _MAX_SPELLINGS:
            return None
        texts = tuple(head + tail for head in texts for tail in choices)
    return texts


def _lines_with(blob: str, literals: Iterable[str], pattern: str) -> list[str]:
    """The lines of ``blob`` that contain one of ``literals`` and fully match ``pattern``
    (compiled only when a line holds a literal: most name queries find none)."""
    found: dict[str, None] = {}
    regex: re.Pattern[str] | None = None
    for literal in literals:
        at = blob.find(literal)
        while at != -1:
            start = blob.rfind("\n", 0, at) + 1
            end = blob.find("\n", at)
            end = len(blob) if end == -1 else end
            line = blob[start:end]
            regex = regex or re.compile(pattern)
            if regex.fullmatch(line):
                found[line] = None
            at = blob.find(literal, end)
    return list(found)


def decode_text(data: bytes) -> str | None:
    """Decode file contents without raising: BOMs honoured, NUL-bearing data is binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\0" in data[:_BINARY_SNIFF]:
        return None
    return data.decode("utf-8", errors="replace")
