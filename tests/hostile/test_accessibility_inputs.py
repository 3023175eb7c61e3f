"""Pipelines, pages and templates built to stall the accessibility readers (TC0201..TC0203).

The YAML pipeline reader (which lines run commands), the Jenkinsfile stage reader, the
front-end page sniffer (redirects, whole pages) and the static-site publishing check each cost
time linear in their input: runs of spaces between a key and its colon, thousands of nested
keys, ``- `` repeated, a ``<meta http-equiv`` with no end. Each case is a whole ``tcop-lint``
run of the three rules, bounded by the harness, with the exact outcome a correct reader gives;
the readers are also called directly on inputs shaped against their patterns.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import make_git_repo

from tcop_lint.facts.accessibility import yaml_command_lines

from .conftest import HANG_BOUND

BIG = 200_000
PAGE = 50_000
"""Pages stay under the 1 MB read limit, so they are read."""
APP = {
    "package.json": json.dumps(
        {
            "name": "app",
            "dependencies": {"react-dom": "^18"},
            "devDependencies": {"jest": "^29", "jest-axe": "^9"},
        },
        indent=2,
    ),
    "src/App.jsx": "export const App = () => <main />\n",
}
NOT_RUN = (
    "the accessibility tooling (jest-axe) is not run by CI: add a step that runs it, "
    "e.g. `npx jest`"
)
SELECT = ("--select", "TC0201,TC0202,TC0203")


def outcomes(run) -> dict[str, tuple[str, list[tuple[str, str | None, int | None]]]]:
    return {
        code: (
            run.rule(code)["outcome"],
            [
                (f["message"], f["path"], f["start_line"])
                for f in run.rule(code)["findings"]
            ],
        )
        for code in ("TC0201", "TC0202")
    }


def test_a_pipeline_built_against_the_command_reader(run_cli, tmp_path: Path) -> None:
    pipeline = (
        "jobs:\n  test:\n    steps:\n"
        + f"      - name{' ' * BIG}: jest\n"
        + f"      - run:{' ' * BIG}npm run lint\n"
        + "".join(f"{' ' * (8 + i)}k{i}:\n" for i in range(2_000))
        + "- " * BIG
        + "jest\n"
        + "  key: jest"
        + "-" * BIG
        + "\n"
    )
    root = make_git_repo(
        tmp_path / "repo", {**APP, ".github/workflows/ci.yml": pipeline}
    )

    run = run_cli(root, *SELECT, bound=HANG_BOUND)

    assert outcomes(run)["TC0202"] == (
        "warn",
        [(NOT_RUN, ".github/workflows/ci.yml", None)],
    )


def test_a_jenkinsfile_built_against_the_stage_reader(run_cli, tmp_path: Path) -> None:
    jenkinsfile = (
        f"stage{' ' * BIG}({' ' * BIG}'jest'{' ' * BIG}){' ' * BIG}x\n"
        + "stage('"
        + "jest " * BIG
        + "\n"
        + "// npx jest\n"
    )
    root = make_git_repo(tmp_path / "repo", {**APP, "Jenkinsfile": jenkinsfile})

    run = run_cli(root, *SELECT, bound=HANG_BOUND)

    # the first line is not a stage label (it ends in x): it is read as a command
    assert outcomes(run)["TC0202"][0] == "pass"


def test_pages_built_against_the_page_sniffer(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "go.mod": "module example.org/api\n",
            "site/a.html": "<p>" + "<meta http-equiv" * PAGE + "\n",
            "site/b.html": "<p>http-equiv" + " " * PAGE + "=" + " " * PAGE + "x\n",
            "site/c.html": "{%-" + " " * PAGE + "extend\n" + "<!doctype" * PAGE,
        },
    )

    run = run_cli(root, *SELECT, bound=HANG_BOUND)

    assert outcomes(run)["TC0201"][0] == "fail"
    assert run.rule("TC0201")["findings"][0]["path"] == "site/a.html"


def test_the_command_reader_is_linear() -> None:
    shapes = [
        "run:" + " " * 1_000_000 + "x\n",
        "- " * 500_000 + "run: x\n",
        "a" * 1_000_000 + ":" + " " * 1_000_000,
        "".join(" " * i + "run:\n" for i in range(1_500)),
        "'" * 1_000_000 + ":\n",
    ]
    for text in shapes:
        started = time.monotonic()
        yaml_command_lines(text)
        assert time.monotonic() - started < 1.0, text[:40]
