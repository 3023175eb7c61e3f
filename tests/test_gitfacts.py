"""Git facts: what one ``git rev-parse`` tells the inventory, and GitPython's answers kept in the
result cache, so that a run on an unchanged repository loads no GitPython, while a new commit
or a changed configuration is never answered from an old entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_git_repo, run_rule, write_files

from tcop_lint.cache import ResultCache
from tcop_lint.facts.gitfacts import _without_credentials
from tcop_lint.gitlisting import GitProbe, probe
from tcop_lint.repository import Repository, RepositoryError

OLD = {"GIT_COMMITTER_DATE": "2024-01-02T12:00:00Z"}
NEWER = {"GIT_COMMITTER_DATE": "2024-03-04T12:00:00Z"}
MANIFEST = '{"name": "app", "dependencies": {"left-pad": "1.3.0"}}\n'


@pytest.fixture(autouse=True)
def _no_enclosing_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tmp_path is in no repository, whatever the machine's folders above it hold."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


def commit_all(root: Path, message: str, env: dict[str, str]) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, env=env)


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def test_probe_of_a_work_tree_and_its_folders(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# App\n", "sub dir/a\nb/x.txt": "x\n"}
    )
    assert probe(root) == GitProbe(
        bare=False, in_work_tree=True, shallow=False, prefix="", head=head(root)
    )
    assert probe(root / "sub dir") == GitProbe(
        False, True, False, "sub dir/", head(root)
    )
    assert probe(root / "sub dir/a\nb") == GitProbe(
        False, True, False, "sub dir/a\nb/", head(root)
    )
    assert probe(root / ".git") == GitProbe(False, False, False, "", head(root))


def test_probe_before_the_first_commit_of_a_shallow_clone_and_outside_git(
    tmp_path: Path,
) -> None:
    unborn = make_git_repo(tmp_path / "unborn")
    assert probe(unborn) == GitProbe(False, True, False, "", None)

    source = make_git_repo(tmp_path / "source", {"a.txt": "1\n"})
    write_files(source, {"a.txt": "2\n"})
    commit_all(source, "second", NEWER)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", source.as_uri(), str(clone))
    assert probe(clone) == GitProbe(False, True, True, "", head(source))

    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(source), str(bare))
    assert probe(bare) is not None and probe(bare).bare
    with pytest.raises(
        RepositoryError, match="a bare repository has no files to check"
    ):
        Repository(bare)

    plain = tmp_path / "plain"
    plain.mkdir()
    assert probe(plain) is None
    assert not Repository(plain).is_git


def freshness_evidence(root: Path, cache: ResultCache) -> list[tuple[str, str]]:
    result = run_rule(root, "TC0603", cache=cache)
    return [(e.path, e.detail) for e in result.evidence]


def test_a_new_commit_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {"package.json": MANIFEST})
    commit_all(root, "dependencies", OLD)
    cache = ResultCache(tmp_path / "cache")
    before = [
        (
            "package.json",
            "dependencies last changed 2024-01-02, and nothing else there since",
        )
    ]
    assert freshness_evidence(root, cache) == before
    assert freshness_evidence(root, cache) == before  # from the cache

    write_files(root, {"package.json": MANIFEST.replace("1.3.0", "1.3.1")})
    commit_all(root, "update", NEWER)
    assert freshness_evidence(root, cache) == [
        (
            "package.json",
            "dependencies last changed 2024-03-04, and nothing else there since",
        )
    ]


def test_folders_of_one_repository_have_their_own_history(tmp_path: Path) -> None:
    """Scanning a folder of a monorepo: the same paths in another folder, and commits that
    change only another folder, say nothing about this one."""
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {"web/package.json": MANIFEST})
    commit_all(root, "web", OLD)
    write_files(root, {"api/package.json": MANIFEST})
    commit_all(root, "api", NEWER)
    cache = ResultCache(tmp_path / "cache")

    def outcome(folder: str) -> tuple[str, list[tuple[str, str]], list[str]]:
        result = run_rule(root / folder, "TC0603", cache=cache)
        evidence = [(e.path, e.detail) for e in result.evidence]
        return result.outcome, evidence, [f.message for f in result.findings]

    unchanged_since = "dependencies last changed {}, and nothing else there since"
    assert [outcome("web"), outcome("api")] == [
        ("pass", [("package.json", unchanged_since.format("2024-01-02"))], []),
        ("pass", [("package.json", unchanged_since.format("2024-03-04"))], []),
    ]

    write_files(root, {"web/app.js": "export {};\n"})
    commit_all(root, "web app", {"GIT_COMMITTER_DATE": "2024-05-06T12:00:00Z"})
    assert [outcome("web"), outcome("api")] == [
        (
            "warn",
            [],
            [
                (
                    "npm dependencies in the root directory were last changed on "
                    "2024-01-02, more than 180 days ago, while other files there kept "
                    "changing: update them and merge the update pull requests"
                )
            ],
        ),
        ("pass", [("package.json", unchanged_since.format("2024-03-04"))], []),
    ]


def remote_evidence(root: Path, cache: ResultCache) -> list[tuple[str, str]]:
    result = run_rule(root, "TC0304", cache=cache)
    return [(e.path, e.detail) for e in result.evidence]


def test_a_changed_remote_or_url_rewrite_is_never_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# App\n"})
    git(root, "remote", "add", "origin", "https://github.com/org/app.git")
    cache = ResultCache(tmp_path / "cache")
    first = [("https://github.com/org/app.git", "origin remote on github.com")]
    assert remote_evidence(root, cache) == first
    assert remote_evidence(root, cache) == first  # from the cache

    git(root, "remote", "set-url", "origin", "gh:org/renamed")
    assert remote_evidence(root, cache) == []  # a local-looking path until rewritten

    # `git remote get-url` applies url.<base>.insteadOf from every level of configuration
    global_config = tmp_path / "gitconfig"
    global_config.write_text('[url "https://gitlab.com/"]\n\tinsteadOf = gh:\n')
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    assert remote_evidence(root, cache) == [
        ("https://gitlab.com/org/renamed", "origin remote on gitlab.com")
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://x-access-token:ghp_secret@github.com/org/app.git",
            "https://github.com/org/app.git",
        ),
        ("https://ghp_secret@github.com/org/app.git", "https://github.com/org/app.git"),
        ("ssh://git@gitlab.com:2222/org/app.git", "ssh://gitlab.com:2222/org/app.git"),
        ("git@github.com:org/app.git", "git@github.com:org/app.git"),
        ("../elsewhere", "../elsewhere"),
        ("https://[::1/app.git", None),
    ],
)
def test_remote_urls_lose_their_credentials(url: str, expected: str | None) -> None:
    assert _without_credentials(url) == expected


def test_a_warm_run_loads_no_gitpython_and_stores_no_credentials(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {"package.json": MANIFEST})
    commit_all(root, "dependencies", OLD)
    token = "ghp_" + "k" * 36
    git(
        root,
        "remote",
        "add",
        "origin",
        f"https://x-access-token:{token}@github.com/org/app.git",
    )
    cache = tmp_path / "cache"

    def run() -> tuple[list[dict], str]:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "tcop_lint", str(root)]
            + ["--format", "json", "--fail-on", "never", "--select", "TC0304,TC0603"],
            capture_output=True,
            text=True,
            env={**os.environ, "TCOP_LINT_CACHE_DIR": str(cache)},
            check=True,
            timeout=120,
        )
        rules = json.loads(result.stdout)["rules"]
        return [
            {k: v for k, v in r.items() if k != "duration"} for r in rules
        ], result.stderr

    first, first_imports = run()
    second, second_imports = run()
    assert "| git\n" in first_imports
    assert "| git\n" not in second_imports
    assert second == first
    assert [(r["code"], r["outcome"], r["evidence"]) for r in first] == [
        (
            "TC0304",
            "pass",
            [
                {
                    "path": "https://github.com/org/app.git",
                    "detail": "origin remote on github.com",
                }
            ],
        ),
        (
            "TC0603",
            "pass",
            [
                {
                    "path": "package.json",
                    "detail": "dependencies last changed 2024-01-02, and nothing else there since",
                }
            ],
        ),
    ]
    stored = b"".join(entry.read_bytes() for entry in cache.iterdir())
    assert b"/org/app.git" in stored and token.encode() not in stored


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"x": null}', b'{"x": 99999999999999999999}', b"true", b"-1"],
    ids=["empty", "not-json", "null", "huge-number", "true", "negative"],
)
def test_damaged_git_entries_are_misses(tmp_path: Path, damage: bytes) -> None:
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {"package.json": MANIFEST})
    commit_all(root, "dependencies", OLD)
    write_files(root, {"src/app.js": "export {};\n"})
    commit_all(root, "app", NEWER)  # so TC0603 counts the commits since the manifest's
    git(root, "remote", "add", "origin", "https://github.com/org/app.git")
    cache = ResultCache(tmp_path / "cache")

    def results() -> list[tuple[str, list, list]]:
        return [
            (
                code,
                [(e.path, e.detail) for e in result.evidence],
                [f.message for f in result.findings],
            )
            for code in ("TC0304", "TC0603")
            if (result := run_rule(root, code, cache=cache))
        ]

    first = results()
    kept = sorted(p.name.split("-")[1] for p in cache.directory.glob("git-*.json"))
    assert kept == ["count", "log", "remotes"]
    for entry in cache.directory.glob("git-*.json"):
        entry.write_bytes(damage)
    assert results() == first
    assert first[0][1] == [
        ("https://github.com/org/app.git", "origin remote on github.com")
    ]
    assert first[1][2] == [
        (
            "npm dependencies in the root directory were last changed on 2024-01-02, "
            "more than 180 days ago, while other files there kept changing: update them "
            "and merge the update pull requests"
        )
    ]


@pytest.mark.skipif(
    shutil.which("ssh-keygen") is None, reason="needs ssh-keygen to sign"
)
def test_signed_history_is_read_when_git_is_told_to_show_signatures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`log.showSignature` prints a verification line ahead of every signed commit's
    format, even with --format; the dates must still be read."""
    key = tmp_path / "key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True
    )
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {"package.json": MANIFEST})
    git(root, "add", "-A")
    git(
        root,
        *("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"),
        *("commit", "-q", "-S", "-m", "signed"),
        env=OLD,
    )
    global_config = tmp_path / "gitconfig"
    global_config.write_text("[log]\n\tshowSignature = true\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    assert freshness_evidence(root, ResultCache(None)) == [
        (
            "package.json",
            "dependencies last changed 2024-01-02, and nothing else there since",
        )
    ]
