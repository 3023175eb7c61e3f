"""Symbolic links never lead a read out of the repository root.

Links to /etc/passwd, to ``..``, to absolute paths, directory links, loops and dangling links
are listed as what they are (a path in the inventory that cannot be read) and never followed
out of the root. The sentinel test (issue 7, acceptance 3) puts files with unique content
outside the repository, links to them in every way a repository can, runs every format, and
checks that the content appears in no output; a control run with the same files copied inside
shows that the content would appear if it were read.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import git, make_git_repo, write_files

from .conftest import Run, needs_rules

SENTINEL = "SENTINEL-c0ffee-7e57-0u751de"
"""Unique text that exists only outside the scanned repository."""

MIT = """MIT License

Copyright (c) 2024 {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

# Files whose content a rule quotes back when it reads them (an unknown ecosystem, a licence
# expression, an unpinned action, a config key): if any were read, the sentinel would show.
OUTSIDE_FILES = {
    "LICENSE": MIT.format(holder=SENTINEL),
    "package.json": (
        f'{{"name": "{SENTINEL}", "license": "{SENTINEL}", '
        f'"dependencies": {{"left-pad": "1.3.0"}}, "scripts": {{"test": "{SENTINEL}"}}}}\n'
    ),
    "dependabot.yml": (
        f"version: 2\nupdates:\n  - package-ecosystem: {SENTINEL}\n    directory: /{SENTINEL}\n"
    ),
    "workflow.yml": (
        "on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        f"    steps:\n      - uses: {SENTINEL}/action@v1\n"
    ),
    "publiccode.yml": f"publiccodeYmlVersion: '{SENTINEL}'\nname: {SENTINEL}\n",
    "openapi.yaml": f"openapi: 3.0.3\ninfo:\n  title: {SENTINEL}\npaths:\n  {SENTINEL}: 1\n",
    "privacy-assessment.yml": f"reviewed: {SENTINEL}\nquestions:\n  {SENTINEL}: maybe\n",
    "SECURITY.md": f"# Security\n\nReport to {SENTINEL}@example.org\n",
    "README.md": f"# {SENTINEL}\n\n## Install\n\npip install {SENTINEL}\n",
    "config.yml": f"profile: {SENTINEL}\nrules:\n  {SENTINEL}: error\n",
    "pyproject.toml": f'[tool.tcop-lint]\nprofile = "{SENTINEL}"\n',
    "gitignore": "*.docx\n",
    "report.docx": "not really a document",
}

# Where the repository links to them: (path in the repo, link target kind, outside file).
FILE_LINKS = [
    ("LICENSE", "absolute", "LICENSE"),
    ("package.json", "relative", "package.json"),
    (".github/dependabot.yml", "relative", "dependabot.yml"),
    (".github/workflows/ci.yml", "absolute", "workflow.yml"),
    ("publiccode.yml", "absolute", "publiccode.yml"),
    ("openapi.yaml", "relative", "openapi.yaml"),
    ("privacy-assessment.yml", "absolute", "privacy-assessment.yml"),
    ("SECURITY.md", "relative", "SECURITY.md"),
    ("README.md", "relative", "README.md"),
    (".tcop-lint.yml", "absolute", "config.yml"),
    ("pyproject.toml", "relative", "pyproject.toml"),
    (".gitignore", "relative", "gitignore"),
]
DIRECTORY_LINKS = [
    ("web", "absolute", ""),  # the whole outside folder as a directory
    ("docs", "relative", ""),
    ("up", "relative", ".."),  # the repository's parent
    ("rootfs", "absolute", "/"),
]


def make_outside(base: Path) -> Path:
    outside = base / "outside"
    write_files(outside, OUTSIDE_FILES)
    return outside


def link(repo: Path, path: str, kind: str, target: Path) -> None:
    where = repo / path
    where.parent.mkdir(parents=True, exist_ok=True)
    pointer = (
        target if kind == "absolute" else Path(os.path.relpath(target, where.parent))
    )
    where.symlink_to(pointer)


def build_linked(base: Path, *, use_git: bool) -> Path:
    outside = make_outside(base)
    repo = base / "repo"
    repo.mkdir()
    for path, kind, name in FILE_LINKS:
        link(repo, path, kind, outside / name)
    for path, kind, name in DIRECTORY_LINKS:
        target = Path(name) if name.startswith("/") else (outside / name).resolve()
        link(repo, path, kind, target)
    (repo / "src").mkdir()
    (repo / "src" / "app.py").write_text("print('hello')\n")
    if use_git:
        make_git_repo(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "links everywhere")
        tracked = set(git(repo, "ls-files", "-s").splitlines())
        assert any(line.startswith("120000") for line in tracked), "links are tracked"
    return repo


def build_copied(base: Path) -> Path:
    """The control: the same files, copied into the repository where the links were."""
    outside = make_outside(base)
    repo = base / "repo"
    for path, _, name in FILE_LINKS:
        if path not in (
            ".tcop-lint.yml",
            "pyproject.toml",
        ):  # a config error stops the run
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(outside / name, repo / path)
    shutil.copytree(outside, repo / "web")
    make_git_repo(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "copies")
    return repo


def assert_nothing_from_outside(run: Run) -> None:
    produced = run.everything()
    assert SENTINEL.encode() not in produced
    assert b"root:x:0:0" not in produced  # /etc/passwd, through rootfs/etc/passwd


def test_control_content_inside_the_repository_is_reported(
    run_cli, tmp_path: Path
) -> None:
    """Without this, the sentinel test below could pass by never looking."""
    run = run_cli(build_copied(tmp_path))
    produced = run.everything()
    assert produced.count(SENTINEL.encode()) >= 5
    for code in ("TC0303", "TC0602", "TC0607"):
        assert any(SENTINEL in f["message"] for f in run.findings(code)), code


@pytest.mark.parametrize("use_git", [True, False], ids=["git", "plain"])
def test_sentinel_outside_the_root_is_never_read(
    run_cli, tmp_path: Path, use_git: bool
) -> None:
    repo = build_linked(tmp_path, use_git=use_git)
    for extra in ([], ["--verbose"], ["--online"], ["--profile", "bc"]):
        run = run_cli(repo, *extra)
        assert run.returncode in (0, 1), run.stderr
        assert_nothing_from_outside(run)
    # Only the real file in the repository was read; every link is listed but unreadable.
    assert run.report["status"] in ("fail", "warn")


def test_inventory_lists_links_but_never_reads_through_them(tmp_path: Path) -> None:
    from tcop_lint.repository import Repository

    repo = Repository(build_linked(tmp_path, use_git=True))
    for path, _, _ in FILE_LINKS:
        assert repo.has(path), path
        assert repo.read_bytes(path) is None
        assert (
            repo.unreadable_reason(path) == "a symbolic link that leaves the repository"
        )
    for path, _, _ in DIRECTORY_LINKS:
        assert repo.has(path)  # listed as what it is: one entry, not descended into
        assert repo.under(path) == []
        assert repo.read_bytes(path) is None
    assert repo.read_text("src/app.py") == "print('hello')\n"


def test_explicit_config_inside_the_repository_that_links_out(
    run_cli, tmp_path: Path
) -> None:
    """``--config`` naming a file in the repository reads it only if it stays inside."""
    repo = build_linked(tmp_path, use_git=True)
    for named in (repo / ".tcop-lint.yml", repo / "web" / "config.yml"):
        run = run_cli(repo, "--config", str(named))
        assert run.returncode == 2
        assert run.stderr == (
            f"tcop-lint: {named}:1: the config file is a symbolic link that leaves the "
            "repository; name the file it points to instead\n"
        )
        assert_nothing_from_outside(run)


def test_config_plugin_folder_outside_is_not_loaded(run_cli, tmp_path: Path) -> None:
    marker = tmp_path / "plugin-ran"
    write_files(
        tmp_path / "outside" / "plugins",
        {"evil.py": f"open({str(marker)!r}, 'w').write({SENTINEL!r})\n"},
    )
    repo = make_git_repo(
        tmp_path / "repo", {".tcop-lint.yml": "plugins:\n  - ../outside/plugins\n"}
    )
    run = run_cli(repo)
    assert run.returncode == 2
    assert "--allow-plugins" in run.stderr
    assert not marker.exists()
    assert_nothing_from_outside(run)


# -- each kind of link on its own, with the outcome it should give -----------------------------


@needs_rules("TC0301")
def test_licence_linked_to_etc_passwd_is_not_evidence(run_cli, tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    (repo / "LICENSE").symlink_to("/etc/passwd")
    git(repo, "add", "LICENSE")
    git(repo, "commit", "-q", "-m", "link")
    run = run_cli(repo)
    assert run.rule("TC0301")["outcome"] == "fail"
    [finding] = run.findings("TC0301")
    assert finding["path"] == "LICENSE"
    assert b"root:x:0:0" not in run.everything()


@needs_rules("TC0301")
@pytest.mark.parametrize("kind", ["absolute", "relative"])
def test_licence_linked_to_a_real_licence_outside_is_not_evidence(
    run_cli, tmp_path: Path, kind: str
) -> None:
    outside = make_outside(tmp_path)
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    link(repo, "LICENSE", kind, outside / "LICENSE")
    git(repo, "add", "LICENSE")
    git(repo, "commit", "-q", "-m", "link")
    run = run_cli(repo)
    result = run.rule("TC0301")
    assert result["outcome"] == "fail"
    assert result["evidence"] == []
    assert [f["path"] for f in result["findings"]] == ["LICENSE"]


@needs_rules("TC0301")
def test_licence_linked_inside_the_repository_is_evidence(
    run_cli, tmp_path: Path
) -> None:
    """The contrast: a link that stays inside the root is read like the file it names."""
    repo = make_git_repo(
        tmp_path / "repo",
        {"docs/LICENSE.txt": MIT.format(holder="x"), "README.md": "# x\n"},
    )
    (repo / "LICENSE").symlink_to("docs/LICENSE.txt")
    git(repo, "add", "LICENSE")
    git(repo, "commit", "-q", "-m", "link")
    run = run_cli(repo)
    assert run.rule("TC0301")["outcome"] == "pass"
    assert {"path": "LICENSE", "detail": "MIT"} in run.rule("TC0301")["evidence"]


@pytest.mark.parametrize("use_git", [True, False], ids=["git", "plain"])
def test_loops_and_dangling_links(run_cli, tmp_path: Path, use_git: bool) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a").symlink_to("b")
    (repo / "b").symlink_to("a")
    (repo / "LICENSE").symlink_to("LICENSE")  # a loop on itself
    (repo / "SECURITY.md").symlink_to("does-not-exist.md")
    (repo / ".github").mkdir()
    (repo / ".github" / "workflows").symlink_to("../.github")  # a directory loop
    (repo / "README.md").symlink_to("/nonexistent/README.md")
    (repo / "package.json").symlink_to("a")
    (repo / "loop").symlink_to(".")
    if use_git:
        make_git_repo(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "loops")
    run = run_cli(repo)
    assert run.returncode == 1
    assert run.rule("TC0301")["outcome"] == "fail"
    assert [f["path"] for f in run.findings("TC0301")] == ["LICENSE"]
    # TC0601 makes an unreadable SECURITY.md a note (so "warn"), never evidence.
    assert run.rule("TC0601")["outcome"] in ("warn", "fail")
    assert run.rule("TC0601")["evidence"] == []
    assert "SECURITY.md" in {f["path"] for f in run.findings("TC0601")}


def test_root_that_is_a_link_to_a_repository(run_cli, tmp_path: Path) -> None:
    real = make_git_repo(
        tmp_path / "real", {"LICENSE": MIT.format(holder="x"), "README.md": "# x\n"}
    )
    (tmp_path / "alias").symlink_to(real)
    run = run_cli(tmp_path / "alias")
    assert run.rule("TC0301")["outcome"] == "pass"


def test_hardlink_is_the_repository_own_file(tmp_path: Path) -> None:
    """A hard link is a regular file in the work tree: its content is the repository's.

    git cannot store one (a clone makes an ordinary file), so no pull request can make one;
    the tool reads it as the file it is. Recorded here so the guarantee is stated exactly.
    """
    from tcop_lint.repository import Repository

    outside = make_outside(tmp_path)
    repo = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    os.link(outside / "SECURITY.md", repo / "SECURITY.md")
    assert Repository(repo).read_text("SECURITY.md") == OUTSIDE_FILES["SECURITY.md"]


def test_init_never_writes_through_a_link(tmp_path: Path) -> None:
    """``tcop-lint init`` on a repository whose missing files are dangling links out of it."""
    import subprocess

    from .conftest import TCOP_LINT, base_env

    outside = tmp_path / "outside"
    outside.mkdir()
    repo = make_git_repo(
        tmp_path / "repo", {"package.json": '{"dependencies": {"left-pad": "1.3.0"}}'}
    )
    for name in ("SECURITY.md", "privacy-assessment.yml", ".tcop-lint.yml"):
        (repo / name).symlink_to(outside / name)  # dangling: the target does not exist
    (repo / ".github").symlink_to(outside)  # the folder Dependabot's config goes in
    result = subprocess.run(
        [str(TCOP_LINT), "init", str(repo)],
        env=base_env(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert list(outside.iterdir()) == []
