"""Privacy assessments built to stall the reader (issue 19): each completes in linear time.

A 5 KB ``PRIVACY.md`` whose heading is ``# a``, thousands of spaces, ``b`` took more than 180 s
(the heading pattern was cubic); ``<!--`` repeated in ``PRIVACY.md`` was quadratic. Each case
here is a whole ``tcop-lint`` run with every output format, bounded by the harness
(``conftest.assert_sane``: under 5 s of CPU), plus the Markdown readers called directly on
1 MB lines shaped against each of their patterns.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from tcop_lint.facts.privacy_markdown import (
    clean,
    markdown_answers,
    markdown_lines,
    markdown_review,
)

NO_ANSWERS = (
    "none of the eight privacy screening questions is answered here (looked for headings, "
    "table rows and list items asking them): answer each with yes or no and a sentence of "
    "explanation, or run tcop-lint init to write privacy-assessment.yml; if the evidence is "
    "kept outside the repository, attest it under `attestations: privacy:` in .tcop-lint.yml"
)


def tc0701(run) -> tuple[str, list[tuple[str, int | None, str, str]]]:
    rule = run.rule("TC0701")
    return rule["outcome"], [
        (f["path"], f["start_line"], f["level"], f["message"]) for f in rule["findings"]
    ]


def test_heading_of_thousands_of_spaces(run_cli, tmp_path: Path) -> None:
    text = "# a" + " " * 5000 + "b\n"
    assert 5000 <= len(text.encode()) <= 5200
    root = make_git_repo(tmp_path / "repo", {"PRIVACY.md": text})
    run = run_cli(root)
    assert tc0701(run) == ("fail", [("PRIVACY.md", None, "error", NO_ANSWERS)])


def test_comment_openers_repeated(run_cli, tmp_path: Path) -> None:
    text = "<!--" * 1250 + "\n"
    root = make_git_repo(tmp_path / "repo", {"PRIVACY.md": text})
    run = run_cli(root)
    assert tc0701(run) == ("fail", [("PRIVACY.md", None, "error", NO_ANSWERS)])


QUESTION = "- Does it collect new information about individuals? "

# PRIVACY.md bodies of about 200 KB, each aimed at one of the reader's patterns.
LARGE = {
    "comment-openers": "<!--" * 50_000,
    "comment-openers-closed": "<!-- -->" * 25_000 + "<!--",
    "heading-spaces-and-hashes": "## a" + " #" * 100_000 + " b",
    "brackets": QUESTION + "[" * 200_000,
    "links-opened": QUESTION + "[a](" * 50_000,
    "angle-brackets": QUESTION + "<" * 200_000,
    "checkbox-then-spaces": QUESTION + "\n[x]" + " " * 200_000 + "z",
    "answer-label-then-spaces": "## Does it collect data?\nanswer"
    + " " * 200_000
    + "z",
    "punctuation-after-heading": "## Does it collect data?\n" + ".-" * 100_000 + "x",
    "table-row-of-spaces": "|" + " " * 200_000 + "x|\n| --- |\n",
    "table-separator-of-spaces": "| a |\n|" + " " * 200_000 + "x|\n",
    "pipes": "| Does it collect data? " + "|" * 200_000 + "\n",
    "review-label-then-spaces": "last" + " " * 200_000 + "reviewed",
    "dates-without-months": "Reviewed " + "1 " * 100_000,
    "month-words": "Reviewed " + "March " * 30_000,
    "shared-without-organisations": "- Will it share" + " share" * 30_000 + "?",
    "bold-never-closed": "- **" + "a" * 200_000,
    "underscores": QUESTION + "_a" * 100_000,
    "dpia-links": "DPIA " + "[a][" * 50_000,
}


@pytest.mark.parametrize("body", LARGE.values(), ids=LARGE.keys())
def test_large_adversarial_privacy_markdown(run_cli, tmp_path: Path, body: str) -> None:
    root = make_git_repo(tmp_path / "repo", {"PRIVACY.md": body + "\n"})
    run = run_cli(root)
    outcome, findings = tc0701(run)
    assert outcome in ("fail", "warn")
    assert {path for path, *_ in findings} == {"PRIVACY.md"}


def test_readme_built_against_the_mention_reader(run_cli, tmp_path: Path) -> None:
    readme = (
        "# x\n\n"
        + "A DPIA was completed, ref " * 5_000
        + "ref " * 20_000
        + "a" * 100_000
        + "\n"
    )
    root = make_git_repo(tmp_path / "repo", {"README.md": readme})
    run = run_cli(root)
    outcome, findings = tc0701(run)
    assert outcome in ("fail", "warn")
    assert [path for path, *_ in findings] == ["README.md"]


LINE = 1_000_000
READERS = {
    "spaces": " " * LINE + "x",
    "hashes": "#" + " #" * (LINE // 2),
    "brackets": "[" * LINE,
    "angles": "<" * LINE,
    "comments": "<!--" * (LINE // 4),
    "pipes": "|" * LINE,
    "checkboxes": "[x]" + " " * LINE,
    "words": "share " * (LINE // 6),
    "digits": "1 " * (LINE // 2),
}


@pytest.mark.parametrize("line", READERS.values(), ids=READERS.keys())
def test_markdown_readers_are_linear_on_a_one_megabyte_line(line: str) -> None:
    started = time.process_time()
    for text in (line, f"## Does it collect data? {line}", f"- Is it {line}?"):
        lines = markdown_lines(text)
        markdown_answers(lines)
        markdown_review(lines)
        clean(text)
    assert time.process_time() - started < 3
