"""Report files are written atomically: a reader (the SARIF upload step) sees the old file or
the new one, whole, never a truncated one, and a failed run leaves the old file untouched."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from .conftest import TCOP_LINT, assert_valid_sarif, base_env

OLD_ID = "previous-run/"


def old_sarif() -> str:
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "tcop-lint", "rules": []}},
                "automationDetails": {"id": OLD_ID},
                "results": [],
            }
        ],
    }
    assert_valid_sarif(sarif)
    return json.dumps(sarif, indent=2) + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})


@pytest.fixture
def target(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    path = reports / "tcop-lint.sarif"
    path.write_text(old_sarif())
    return path


def test_existing_sarif_is_replaced_whole(run_cli, repo: Path, target: Path) -> None:
    run = run_cli(repo, "--format", f"sarif:{target}")
    assert run.returncode == 1
    sarif = json.loads(target.read_text())
    assert_valid_sarif(sarif)
    assert sarif["runs"][0]["automationDetails"]["id"] != OLD_ID
    assert sarif["runs"][0]["results"]
    assert os.listdir(target.parent) == [target.name]  # no temporary file left behind


@pytest.mark.parametrize(
    "problem", ["config-error", "missing-path", "bare-repository", "unknown-format"]
)
def test_failed_run_leaves_the_old_report_untouched(
    run_cli, tmp_path: Path, repo: Path, target: Path, problem: str
) -> None:
    before = (target.read_bytes(), target.stat().st_ino, target.stat().st_mtime_ns)
    args: list[str] = ["--format", f"sarif:{target}", "--format", f"json:{target}.json"]
    scanned: Path = repo
    if problem == "config-error":
        (repo / ".tcop-lint.yml").write_text("profile: [\n")
    elif problem == "missing-path":
        scanned = tmp_path / "nope"
    elif problem == "bare-repository":
        scanned = tmp_path / "bare.git"
        subprocess.run(["git", "init", "-q", "--bare", str(scanned)], check=True)
    else:
        args += ["--format", "yaml:x.yml"]
    run = run_cli(scanned, *args)
    assert run.returncode == 2
    assert (
        target.read_bytes(),
        target.stat().st_ino,
        target.stat().st_mtime_ns,
    ) == before
    assert os.listdir(target.parent) == [target.name]


def test_interrupted_write_leaves_the_old_report(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupt the write half-way through: the old file stays, whole; no temp file remains."""
    from tcop_lint import report

    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(
        os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k))
    )
    with pytest.raises(KeyboardInterrupt):
        report.write_atomically(target, '{"new": "report that is long enough"}\n')
    assert target.read_text() == old_sarif()
    assert os.listdir(target.parent) == [target.name]


def test_killed_runs_never_leave_a_truncated_sarif(
    tmp_path: Path, target: Path
) -> None:
    """SIGKILL real runs at random moments; after each, the SARIF is whole (old or new)."""
    files = {f"pkg{i}/package.json": '{"dependencies": {"a": "1"}}' for i in range(300)}
    files.update({f"docs/d{i}.docx": "x" for i in range(300)})
    repo = make_git_repo(tmp_path / "big", files)
    rng = random.Random(7)
    seen = set()
    for _ in range(8):
        process = subprocess.Popen(
            [str(TCOP_LINT), "--format", f"sarif:{target}", str(repo)],
            env=base_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.1, 1.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        sarif = json.loads(target.read_text())
        assert_valid_sarif(sarif)
        seen.add(sarif["runs"][0]["automationDetails"]["id"] == OLD_ID)
        leftovers = [n for n in os.listdir(target.parent) if n != target.name]
        for (
            name
        ) in leftovers:  # a killed run may leave its temp file, never a bad target
            assert name.startswith(f".{target.name}.") and name.endswith(".tmp")
            os.unlink(target.parent / name)


def test_report_to_a_fifo_keeps_the_fifo(run_cli, tmp_path: Path, repo: Path) -> None:
    """``--format sarif:/dev/stdout`` and pipes: written through, never renamed over."""
    fifo = tmp_path / "pipe.sarif"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = run_cli(repo, "--format", f"sarif:{fifo}")
    reader.join(timeout=10)
    assert run.returncode == 1
    assert fifo.is_fifo()
    assert_valid_sarif(json.loads(received[0]))


@pytest.mark.parametrize("where", ["a-directory", "under-a-file"])
def test_unwritable_target_is_a_usage_error(
    run_cli, tmp_path: Path, repo: Path, where: str
) -> None:
    blocker = tmp_path / "blocker"
    if where == "a-directory":
        blocker.mkdir()
        target = blocker
    else:
        blocker.write_text("a file, not a folder")
        target = blocker / "report.sarif"
    run = run_cli(repo, "--format", f"sarif:{target}", formats=False)
    assert run.returncode == 2
    assert run.stderr.startswith(
        f"tcop-lint: {target}: cannot write the sarif report: "
    )


def test_report_file_mode_follows_the_umask(
    run_cli, tmp_path: Path, repo: Path
) -> None:
    """A temp file is private (0600); the report it becomes is what open() would make, so a
    later step running as another user (the SARIF upload) can read it."""
    target = tmp_path / "new.sarif"
    run = run_cli(repo, "--format", f"sarif:{target}")
    assert run.returncode == 1
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# -- paths a repository could have planted (issue 19) ----------------------------------------


def committed_link(repo: Path, name: str, target: Path | str) -> None:
    (repo / name).symlink_to(target)
    subprocess.run(["git", "add", name], cwd=repo, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "link"],
        cwd=repo,
        check=True,
    )


def test_committed_sarif_linked_to_stderr_is_refused(run_cli, repo: Path) -> None:
    """The Action writes `tcop-lint.sarif` in the workspace: a pull request that commits it as
    a link to /dev/stderr must not send the report to the job log (and skip the upload)."""
    committed_link(repo, "tcop-lint.sarif", "/dev/stderr")
    run = run_cli(repo, "--format", "sarif:tcop-lint.sarif", cwd=repo)
    assert run.returncode == 2
    assert run.stderr == (
        f"tcop-lint: tcop-lint.sarif: refused as the sarif report: {repo / 'tcop-lint.sarif'} "
        f"is a symbolic link that leads outside {repo}\n"
    )
    assert (repo / "tcop-lint.sarif").is_symlink()


def test_linked_folder_on_the_report_path_is_refused(
    run_cli, tmp_path: Path, repo: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    committed_link(repo, "reports", elsewhere)
    for where in ("reports/tcop.sarif", "reports/new/tcop.sarif"):
        run = run_cli(repo, "--format", f"sarif:{where}", cwd=repo)
        assert run.returncode == 2
        assert run.stderr.startswith(
            f"tcop-lint: {where}: refused as the sarif report: "
        )
    assert list(elsewhere.iterdir()) == []


def test_the_scanned_checkout_is_guarded_from_any_working_directory(
    run_cli, tmp_path: Path, repo: Path
) -> None:
    committed_link(repo, "tcop-lint.sarif", "/dev/stderr")
    target = repo / "tcop-lint.sarif"
    run = run_cli(repo, "--format", f"sarif:{target}")  # cwd: the harness's own folder
    assert run.returncode == 2
    assert "refused as the sarif report" in run.stderr


def test_a_pipe_in_the_working_directory_is_not_a_report_file(
    run_cli, repo: Path
) -> None:
    os.mkfifo(repo / "tcop.sarif")
    run = run_cli(repo, "--format", "sarif:tcop.sarif", cwd=repo, bound=2.5)
    assert run.returncode == 2
    assert run.stderr == (
        "tcop-lint: tcop.sarif: refused as the sarif report: not a regular file\n"
    )


def test_committed_baseline_linked_to_dev_zero_is_refused(run_cli, repo: Path) -> None:
    committed_link(repo, "baseline.sarif", "/dev/zero")
    run = run_cli(repo, "--baseline", "baseline.sarif", cwd=repo, bound=2.5)
    assert run.returncode == 2
    assert run.stderr == (
        f"tcop-lint: baseline.sarif: refused as the baseline: {repo / 'baseline.sarif'} "
        f"is a symbolic link that leads outside {repo}\n"
    )


def test_links_that_stay_inside_are_followed(run_cli, repo: Path) -> None:
    (repo / "build" / "reports").mkdir(parents=True)
    committed_link(repo, "reports", "build/reports")
    run = run_cli(repo, "--format", "sarif:reports/tcop.sarif", cwd=repo)
    assert run.returncode == 1, run.stderr
    assert_valid_sarif(
        json.loads((repo / "build" / "reports" / "tcop.sarif").read_text())
    )


def test_dev_stdout_named_by_the_user_is_written_through(
    tmp_path: Path, repo: Path
) -> None:
    result = subprocess.run(
        [str(TCOP_LINT), "--format", "sarif:/dev/stdout", "--", str(repo)],
        env=base_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert_valid_sarif(json.loads(result.stdout))
