"""The repository index: one inventory, indexed lookups, reads that stay inside the root."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import git, make_git_repo, write_files

from tcop_lint.globs import gitignore_spec
from tcop_lint.repository import (
    Repository,
    RepositoryError,
    decode_text,
    required_literals,
)


def test_walk_honours_nested_gitignore_files(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            ".gitignore": "build/\n*.log\n",
            "build/out.js": "x",
            "app.log": "x",
            "src/.gitignore": "generated/\n!keep.log\n",
            "src/generated/a.py": "x",
            "src/keep.log": "x",
            "src/main.py": "x",
            ".git-not-a-dir": "x",
        },
    )
    assert Repository(tmp_path).files == (
        ".git-not-a-dir",
        ".gitignore",
        "src/.gitignore",
        "src/keep.log",
        "src/main.py",
    )


def test_git_inventory_lists_tracked_and_untracked_but_not_ignored(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "r", {".gitignore": "dist/\n", "a.py": "x"})
    write_files(root, {"dist/bundle.js": "x", "new.py": "y"})
    repo = Repository(root)
    assert repo.is_git
    assert repo.files == (".gitignore", "a.py", "new.py")


def test_subdirectory_of_a_work_tree_is_its_own_root(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "r", {"svc/LICENSE": "x", "other/a": "y"})
    assert Repository(root / "svc").files == ("LICENSE",)


def test_lookups(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "r",
        {
            "Licence.MD": "x",
            "docs/readme.rst": "y",
            "a/b/Dockerfile": "z",
            "a/c.YML": "w",
        },
    )
    repo = Repository(root)
    assert repo.find("LICENSE", "licence.md") == "Licence.MD"
    assert repo.by_name("README.rst", "dockerfile") == [
        "a/b/Dockerfile",
        "docs/readme.rst",
    ]
    assert repo.by_extension(".yml") == ["a/c.YML"]
    assert repo.in_directory("a") == ["a/c.YML"]
    assert repo.under("a") == ["a/b/Dockerfile", "a/c.YML"]
    assert repo.glob("**/Dockerfile") == ["a/b/Dockerfile"]
    assert repo.by_name_matching(r"licen[cs]e.*") == ["Licence.MD"]


def test_exclude_patterns_apply_to_the_inventory(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "r", {"vendor/x/LICENSE": "x", "LICENSE": "y"})
    assert Repository(root, exclude=["vendor/"]).files == ("LICENSE",)


def _touch_bytes(root: Path, *names: bytes) -> None:
    for name in names:
        os.close(os.open(os.fsencode(root) + b"/" + name, os.O_CREAT | os.O_WRONLY))


@pytest.mark.parametrize("in_git", [False, True], ids=["walk", "git"])
def test_names_that_are_not_utf8_meet_every_glob(tmp_path: Path, in_git: bool) -> None:
    """Globs match with RE2, which refuses surrogate escapes; such names must still match
    (``*.log``, ``caf*``) and never stop the inventory (hypothesis found ``\\x80`` beside a
    ``.gitignore``)."""
    files = {".gitignore": "*.log\n!caf*.log\n", "src/.gitignore": "\x00"}
    root = make_git_repo(tmp_path / "r", files) if in_git else tmp_path
    if not in_git:
        write_files(root, files)
    _touch_bytes(root, b"caf\xe9.docx", b"caf\xe9.log", b"\x80", b"\xe9.log")
    (root / "src" / "a.py").write_text("x")
    _touch_bytes(root / "src", b"\xff")
    repo = Repository(root, exclude=["/caf*.docx"])
    assert repo.files == (
        ".gitignore",
        "caf\udce9.log",
        "src/.gitignore",
        "src/a.py",
        "src/\udcff",
        "\udc80",
    )
    assert repo.glob("src/*") == ["src/.gitignore", "src/a.py", "src/\udcff"]
    assert gitignore_spec(["caf*"]).match_file("caf\udce9.docx")
    assert gitignore_spec(["caf*"]).check_file("caf\udce9.docx") is True


def test_reads_never_leave_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("SENTINEL")
    root = make_git_repo(tmp_path / "r", {"README.md": "hi"})
    os.symlink(outside, root / "LICENSE")
    os.symlink("../secret.txt", root / "NOTICE")
    os.symlink(tmp_path, root / "up")
    os.symlink("README.md", root / "README.txt")
    repo = Repository(root)
    assert repo.read_text("LICENSE") is None
    assert (
        repo.unreadable_reason("LICENSE")
        == "a symbolic link that leaves the repository"
    )
    assert repo.read_text("NOTICE") is None
    assert repo.read_text("up/secret.txt") is None
    assert repo.unreadable_reason("up/secret.txt") == "not in the repository"
    assert repo.read_text("README.txt") == "hi"


def test_a_folder_replaced_by_a_link_is_read_only_inside_the_root(
    tmp_path: Path,
) -> None:
    """The index still lists docs/LICENSE and alias/NOTES.md after their folders became links:
    one to a folder outside the root, one to a folder inside it."""
    outside = tmp_path / "outside"
    write_files(outside, {"LICENSE": "SENTINEL"})
    root = make_git_repo(
        tmp_path / "r",
        {
            "docs/LICENSE": "MIT",
            "docs/guide/index.md": "# Guide",
            "alias/NOTES.md": "old",
            "real/NOTES.md": "notes",
        },
    )
    for folder in ("docs", "alias"):
        for child in sorted((root / folder).rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        (root / folder).rmdir()
    os.symlink(outside, root / "docs")
    os.symlink("real", root / "alias")
    repo = Repository(root)
    assert {"docs/LICENSE", "docs/guide/index.md", "alias/NOTES.md"} <= set(repo.files)
    assert repo.read_text("docs/LICENSE") is None
    assert repo.unreadable_reason("docs/LICENSE") == (
        "a symbolic link that leaves the repository"
    )
    assert repo.read_text("docs/guide/index.md") is None
    assert repo.read_text("alias/NOTES.md") == "notes"
    assert repo.read_text("real/NOTES.md") == "notes"


def test_size_cap_and_non_regular_files(tmp_path: Path) -> None:
    root = tmp_path / "plain"  # git does not list FIFOs; a plain walk does
    write_files(root, {"big.json": "x" * 5000, "small.json": "{}"})
    os.mkfifo(root / "pipe.yml")
    repo = Repository(root, max_bytes=4096)
    assert repo.read_text("big.json") is None
    assert repo.unreadable_reason("big.json") == (
        "larger than the 4,096-byte read limit (5,000 bytes)"
    )
    assert repo.read_text("pipe.yml") is None
    assert repo.unreadable_reason("pipe.yml") == "not a regular file"
    assert repo.parsed("small.json").data == {}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfhello", "hello"),
        ("héllo".encode("utf-16"), "héllo"),
        (b"caf\xe9", "caf\ufffd"),
        (b"\x89PNG\r\n\x1a\n\0\0", None),
    ],
)
def test_decoding_never_raises(data: bytes, text: str | None) -> None:
    assert decode_text(data) == text


def test_missing_path_is_a_repository_error(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError, match="no such directory"):
        Repository(tmp_path / "missing")


def test_parsed_yaml_knows_lines_and_rejects_alias_bombs(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
        for i in range(8)
    )
    root = make_git_repo(
        tmp_path / "r",
        {"ok.yml": "top:\n  child: 1\nlist:\n  - a\n  - b\n", "bomb.yml": bomb},
    )
    repo = Repository(root)
    data = repo.parsed("ok.yml").data
    assert (
        data.line_of("list"),
        data["top"].line_of("child"),
        data["list"].line_of(1),
    ) == (3, 2, 5)
    parsed = repo.parsed("bomb.yml")
    assert (
        parsed.error
        == "invalid YAML: document expands to more than 200000 extra nodes through aliases"
    )


@pytest.mark.parametrize(
    "document",
    ["a: &a [*a]\n", "a: &a {b: {c: *a}}\n", "a: [1, &a [2, {x: *a}]]\n"],
)
def test_recursive_alias_is_a_parse_error(tmp_path: Path, document: str) -> None:
    root = make_git_repo(tmp_path / "r", {"loop.yml": document})
    parsed = Repository(root).parsed("loop.yml")
    assert parsed.error == (
        "invalid YAML: found a recursive alias (a node that contains itself)"
    )


@pytest.mark.parametrize(
    ("document", "parsed"),
    [
        (
            "a: 1\nb: !!bool maybe\n",
            (None, "invalid YAML: the value is not a valid !!bool", 2),
        ),
        (
            "a:\n  b: !!seq {c: 1}\n",
            (None, "invalid YAML: the value is not a valid !!seq", 2),
        ),
        (
            "n: !!int nonsense\n",
            (None, "invalid YAML: the value is not a valid !!int", 1),
        ),
        ("t: !!timestamp nonsense\n", ({"t": "nonsense"}, None, None)),
    ],
)
def test_a_tag_on_a_value_it_cannot_hold_is_a_parse_error(
    tmp_path: Path, document: str, parsed: tuple
) -> None:
    """PyYAML's constructors raise KeyError and AttributeError here; once a crash."""
    root = make_git_repo(tmp_path / "r", {"tagged.yml": document})
    assert tuple(Repository(root).parsed("tagged.yml")) == parsed


def test_shared_aliases_are_not_recursion(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "r", {"ok.yml": "a: &a {b: 1}\nc: [*a, *a]\nd: {e: *a}\n"}
    )
    data = Repository(root).parsed("ok.yml").data
    assert data == {"a": {"b": 1}, "c": [{"b": 1}, {"b": 1}], "d": {"e": {"b": 1}}}


def test_paths_containing_matches_each_path_once_in_order(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "r",
        {
            "İstanbul/Test_app.py": "x\n",  # "İ".lower() is two characters long
            "src/app.py": "x\n",
            "src/app.spec.ts": "x\n",
            "tests/test_app.py": "x\n",
            "line\nbreak/TEST.md": "x\n",
            "zz/contest.txt": "x\n",
        },
    )
    repo = Repository(root)
    assert repo.paths_containing("test", "spec") == [
        "line\nbreak/TEST.md",
        "src/app.spec.ts",
        "tests/test_app.py",
        "zz/contest.txt",
        "İstanbul/Test_app.py",
    ]
    assert repo.paths_containing("nothing") == []


@pytest.mark.parametrize(
    "pattern",
    [
        r".+\.tf\.json",
        r"(docker-)?compose([.-][\w.-]+)?\.ya?ml",
        r"readme(\.\w+)?",
        r"requirements.*\.(txt|in)",
        r".*(?:accessibility|hygyrchedd).*",
        r"(?i)README\.md",
        r"x(?i:abc)",
        r"a+b",
        r"(?:.*[._-])?(?:docker|container)file(?:[._-].*)?",
        r".*\.(?:csproj|fsproj|vbproj)",
        r"x[ab][cd][ef][gh]yz",
    ],
)
def test_name_queries_agree_with_matching_every_name(
    tmp_path: Path, pattern: str
) -> None:
    names = [
        "main.tf.json",
        "x.tf.json.bak",
        "docker-compose.yml",
        "compose.prod.yaml",
        "compose",
        "README.md",
        "readme",
        "readme.rst.txt",
        "requirements-dev.txt",
        "requirements.in",
        "accessibility-statement.md",
        "xabc",
        "aab",
        "ab\nc",
        "Dockerfile",
        "Dockerfile.prod",
        "api.containerfile",
        "profile",
        "file1.py",
        "App.csproj",
        "xbdfhyz",
        "xbdfyz",
    ]
    root = make_git_repo(
        tmp_path / "r", {f"d{i}/{n}": "x\n" for i, n in enumerate(names)}
    )
    repo = Repository(root)
    regex = re.compile(pattern)
    expected = sorted(
        p for p in repo.files if regex.fullmatch(p.rpartition("/")[2].lower())
    )
    assert repo.by_name_matching(pattern) == expected


def test_folder_and_extension_queries_agree_with_a_scan_of_every_path(
    tmp_path: Path,
) -> None:
    """The indexes (folders by bisection, extensions in path order) give what a plain
    scan gives, for names that sort awkwardly: case, dots, prefixes of other folders,
    Unicode and bytes that are not UTF-8."""
    files = [
        "a/x.MD",
        "a/.hidden",
        "a/b.c/noext",
        "a/b.c/y.md",
        "a-b/z.md",
        "a.b/q.Yml",
        "ab/w.yaml",
        "a/ÿ.md",
        "a/文件.yml",
        "README.md",
        "tar.gz/x.tar.gz",
        "Makefile",
    ]
    root = make_git_repo(tmp_path / "r", {f: "x\n" for f in files})
    (root / "a" / "new.md").write_text("untracked\n")
    os.close(os.open(os.fsencode(root) + b"/a/caf\xe9.md", os.O_CREAT | os.O_WRONLY))
    repo = Repository(root)
    assert list(repo.files) == sorted(repo.files)
    for folder in ("a", "a/", "a/b.c", "a-b", "a.b", "ab", "tar.gz", "none"):
        prefix = folder.strip("/") + "/"
        assert repo.under(folder) == [p for p in repo.files if p.startswith(prefix)]
    for extensions in ((".md",), (".yml", ".yaml"), (".MD", ".md"), (".gz",), (".x",)):
        wanted = {e.lower() for e in extensions}
        expected = [
            p
            for p in repo.files
            if "." in (name := p.rpartition("/")[2])[1:]
            and name[name.rfind(".") :].lower() in wanted
        ]
        assert repo.by_extension(*extensions) == expected, extensions
    assert repo.by_extension(".md") == [
        "README.md",
        "a-b/z.md",
        "a/b.c/y.md",
        "a/caf\udce9.md",
        "a/new.md",
        "a/x.MD",
        "a/ÿ.md",
    ]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r".+\.tf\.json", (".tf.json",)),
        (r"(?:docker-)?compose(?:-\w+)?\.ya?ml", ("compose",)),
        (r"(ab)+cde", ("cde",)),
        (
            r"\bsonar-scanner\b|sonarqube-scan|(?:x|y)z",
            ("sonar-scanner", "sonarqube-scan", "xz", "yz"),
        ),
        (r"\bsonar-scanner\b|sonarqube-scan|(?:x|)z", None),
        (r"\bsemgrep\b|codeql\s+database", ("semgrep", "database")),
        (r"(?:pa11y|axe)-ci", ("pa11y-ci", "axe-ci")),
        (
            r"(?:.*[._-])?(?:docker|container)file(?:[._-].*)?",
            ("dockerfile", "containerfile"),
        ),
        (r".*\.(?:csproj|fsproj|vbproj)", (".csproj", ".fsproj", ".vbproj")),
        (  # at most 8 spellings: [gh] starts a shorter run, "gyz" or "hyz"
            r"x[ab][cd][ef][gh]yz",
            ("xace", "xacf", "xade", "xadf", "xbce", "xbcf", "xbde", "xbdf"),
        ),
        (r"[^a]bc|[a-c]de", ("bc", "de")),
        (r".*(ab)cd", ("abcd",)),
        (r"x(?:a(?:b|c)|d)y", ("xaby", "xacy", "xdy")),
        (r"(?:pa11y-ci|axe-core)", ("pa11y-ci", "axe-core")),
        (r"(?i)readme", None),
        (r"x(?i:abc)", None),
        (r"x?", None),
    ],
)
def test_required_literals(pattern: str, literals: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == literals


def test_has_commits_follows_head_through_every_kind_of_ref(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo")
    states = [Repository(root).git.has_commits]  # unborn main
    write_files(root, {"README.md": "# Service\n"})
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    states.append(Repository(root).git.has_commits)  # loose ref
    git(root, "pack-refs", "--all")
    assert not (root / ".git/refs/heads/main").exists()
    states.append(Repository(root).git.has_commits)  # packed ref
    git(root, "checkout", "-q", "--detach")
    states.append(Repository(root).git.has_commits)  # detached HEAD
    git(root, "checkout", "-q", "--orphan", "fresh")
    states.append(
        Repository(root).git.has_commits
    )  # unborn again, with history elsewhere
    assert states == [False, True, True, True, False]
