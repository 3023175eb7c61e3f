"""Build files built to stall a backtracking reader (issue 19): ``<!--`` repeated in a
``pom.xml``, ``include`` followed by long runs of spaces in ``settings.gradle``, a ``.slnx``
of unclosed ``<Project`` tags. The ecosystem reader that finds what dependency updaters must
cover reads each in linear time: the whole run completes in under 5 s of CPU, and the
dependency-updates rule reports the projects a correct reader finds."""

from __future__ import annotations

from pathlib import Path

from conftest import make_git_repo


def _uncovered(run) -> list[tuple[str, int]]:
    return [(f["path"], f["start_line"]) for f in run.findings("TC0602")]


def test_pom_with_unclosed_comments(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "pom.xml": "<project><modules><module>web</module>"
            + "<!--" * 200_000
            + "<module>old</module></modules></project>\n",
            "web/pom.xml": "<project/>\n",
            "old/pom.xml": "<project/>\n",
        },
    )
    run = run_cli(root)
    # web is a module of the root build; old sits in the unclosed comment, a build of its own
    assert _uncovered(run) == [("pom.xml", 1), ("old/pom.xml", 1)]


def test_gradle_settings_with_long_runs_of_spaces(run_cli, tmp_path: Path) -> None:
    settings = (
        "include" + " " * 200_000 + "\n"
        "includeBuild" + " " * 200_000 + "\n"
        "include " + "'include', " * 20_000 + "':app'\n"
    )
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "settings.gradle": settings,
            "build.gradle": "plugins {}\n",
            "app/build.gradle": "plugins {}\n",
            "tools/build.gradle": "plugins {}\n",
        },
    )
    run = run_cli(root)
    # app is included; tools is not, so it is a build of its own
    assert _uncovered(run) == [("build.gradle", 1), ("tools/build.gradle", 1)]


def test_slnx_of_unclosed_project_tags(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "App.slnx": '<Solution><Project Path="src/App/App.csproj" />'
            + "<Project a" * 90_000,
            "src/App/App.csproj": "<Project Sdk='Microsoft.NET.Sdk' />\n",
        },
    )
    run = run_cli(root)
    assert _uncovered(run) == [("App.slnx", 1)]
