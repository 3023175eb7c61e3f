"""Hostile licence inputs: manifests and licence files built to make a reader slow (issue 19).

A ``package.json`` licence ``SEE LICENSE IN a<200 KB of spaces>b`` took more than 180 s (a
lazy regular expression retried at every space), and a 1.8 MB ``package.json`` with 70,000
dependencies 50 s (a regular expression compiled per dependency, each search from the top of
its section); the composer and TOML readers had the same shape (more than 100 s each). Each
case is a real repository scanned by the real CLI with every output format, so the bound
(``conftest.BOUND``, 5 s of CPU) is on the whole run, every rule included, and each asserts
the exact outcome, message and location of the licence rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_git_repo
from licence_texts import mit_text

MIT = mit_text("Copyright (c) 2024 Crown Copyright (Example Department)")
DEPENDENCIES = 70_000


def outcome(run, code: str) -> tuple[str, list[tuple], list[tuple]]:
    """A rule's outcome, findings (level, path, line, message) and evidence."""
    result = run.rule(code)
    return (
        result["outcome"],
        [
            (f["level"], f["path"], f["start_line"], f["message"])
            for f in result["findings"]
        ],
        [(e["path"], e["detail"]) for e in result["evidence"]],
    )


def test_see_licence_in_with_200_kb_of_spaces(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "LICENSE": MIT,
            "package.json": '{\n  "name": "x",\n  "license": "SEE LICENSE IN a'
            + " " * 200_000
            + 'b"\n}\n',
        },
    )
    run = run_cli(root)
    assert outcome(run, "TC0303") == (
        "warn",
        [
            (
                "warning",
                "package.json",
                3,
                (
                    "license points at a…, which is not in the repository: add a… or point "
                    "license at the licence file"
                ),
            )
        ],
        [],
    )
    assert outcome(run, "TC0301") == ("pass", [], [("LICENSE", "MIT")])


def _package_json(count: int) -> str:
    entries = ",\n".join(f'    "dep-{i:05d}": "1.0.0"' for i in range(count))
    return (
        '{\n  "name": "x",\n  "license": "MIT",\n  "dependencies": {\n'
        + entries
        + "\n  }\n}\n"
    )


def _composer_json(count: int) -> str:
    entries = ",\n".join(f'    "vendor/dep-{i:05d}": "^1.0"' for i in range(count))
    return (
        '{\n  "name": "a/b",\n  "license": "MIT",\n  "require": {\n'
        + entries
        + "\n  }\n}\n"
    )


def _pyproject(count: int) -> str:
    entries = "".join(f'    "dep-{i:05d}>=1.0",\n' for i in range(count))
    return f'[project]\nname = "x"\nlicense = "MIT"\ndependencies = [\n{entries}]\n'


def _cargo(count: int) -> str:
    entries = "".join(f'dep-{i:05d} = "1.0"\n' for i in range(count))
    return f'[package]\nname = "x"\nlicense = "MIT"\n\n[dependencies]\n{entries}'


@pytest.mark.parametrize(
    ("manifest", "text", "line"),
    [
        # 1.8 MB, the size the issue measured
        ("package.json", _package_json(DEPENDENCIES), 3),
        # composer.json under the 2 MB read cap; pyproject.toml under the 1 MB config cap
        ("composer.json", _composer_json(55_000), 3),
        ("pyproject.toml", _pyproject(40_000), 3),
        ("Cargo.toml", _cargo(DEPENDENCIES), 3),
    ],
    ids=["package.json", "composer.json", "pyproject.toml", "Cargo.toml"],
)
def test_a_manifest_with_tens_of_thousands_of_dependencies(
    run_cli, tmp_path: Path, manifest: str, text: str, line: int
) -> None:
    root = make_git_repo(tmp_path / "repo", {"LICENSE": MIT, manifest: text})
    run = run_cli(root)
    assert outcome(run, "TC0303") == ("pass", [], [(manifest, "MIT")])


UNIDENTIFIED = (
    "licence file text does not identify as an SPDX licence: use the unmodified full text "
    "of an open licence, e.g. MIT or OGL-UK-3.0, changing only the copyright line"
)


def test_licence_fields_and_files_built_to_backtrack(run_cli, tmp_path: Path) -> None:
    """Each licence reader against the input its patterns would once have retried
    without end: unclosed gemspec lists, 30,000 pom licence names, a licence family name
    and notices padded with spaces, a setup.cfg after 200,000 blank lines."""
    root = make_git_repo(
        tmp_path / "repo",
        {
            "LICENSE": MIT,
            "LICENSES/OGL-UK-3.0.txt": "Open Government Licence"
            + " " * 19_000
            + "v3.0\n",
            "a.gemspec": "Gem::Specification.new do |s|\n"
            + "  s.license = %w[MIT\n" * 20_000
            + "end\n",
            "pom.xml": "<project>\n  <licenses>\n"
            + "    <license><name>MIT</name></license>\n" * 30_000
            + "  </licenses>\n</project>\n",
            "web/LICENSE": "Licensed under the" + " " * 19_000 + "MIT License.\n",
            "web/package.json": '{"license": "Apache' + " " * 200_000 + 'licence"}',
            "lib/setup.cfg": "\n" * 200_000 + "[metadata]\nlicense = MIT\n",
        },
    )
    run = run_cli(root)
    assert outcome(run, "TC0301") == (
        "warn",
        [("warning", "LICENSES/OGL-UK-3.0.txt", None, UNIDENTIFIED)],
        [("LICENSE", "MIT")],
    )
    status, findings, evidence = outcome(run, "TC0303")
    assert (status, findings) == (
        "warn",
        [
            (
                "warning",
                "web/package.json",
                1,
                (
                    'license "Apache…" is not an SPDX licence expression: use "license": '
                    '"Apache-2.0"'
                ),
            )
        ],
    )
    assert evidence == [("lib/setup.cfg", "MIT")] + [("pom.xml", "MIT")] * 30_000
