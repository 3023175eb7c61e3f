"""READMEs, CODEOWNERS files and deployment templates built to stall their readers (issue 19).

A README whose heading is ``# a``, 5,000 spaces, ``b`` made TC0101's heading pattern run for
minutes (it was cubic); ``<!--`` repeated 100,000 times, a multi-line ``^\\s*`` pattern over a
file of blank lines, a CODEOWNERS line of spaces: each must cost time linear in its size. Each
case is a whole ``tcop-lint`` run with every output format, bounded by the harness
(``conftest.assert_sane``: under 5 s of CPU), with the exact outcome of the rules that read
the file; the fact readers are also called directly on 1 MB inputs shaped against their
patterns.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from tcop_lint.facts.codeowners import read_codeowners
from tcop_lint.facts.deployment import classify
from tcop_lint.facts.readme_outline import read_outline, readme_parts

SPACED_HEADING = "# a" + " " * 5_000 + "b\n"
COMMENT_OPENERS = "<!--" * 100_000 + "\n"
STUB = (
    "README is a stub (under 50 words of text): say what the project is for, how to install "
    'it and how to use it, under headings such as "About", "Installation" and "Usage"'
)
NO_USER_RESEARCH = (
    "no user research evidence found (looked for docs/user-research/, research/, personas*, "
    "user-needs*.md, docs/users*.md and a README section about users or user needs): add a "
    '"User needs" section to README.md saying who the users are and what they need, linking '
    "to your research; if the evidence is kept outside the repository, attest it under "
    "`attestations: user-needs:` in .tcop-lint.yml"
)


def outcome(run, code: str) -> tuple[str, list[tuple[str | None, int | None, str]]]:
    rule = run.rule(code)
    return rule["outcome"], [
        (f["path"], f["start_line"], f["message"]) for f in rule["findings"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        SPACED_HEADING,
        SPACED_HEADING * 20,
        COMMENT_OPENERS,
        "<!--\n" * 100_000,
        "**" + " " * 100_000 + "**\n",
        "[" * 50_000 + "](" * 50_000 + "\n",
    ],
    ids=[
        "heading-of-spaces",
        "twenty-headings-of-spaces",
        "comment-openers",
        "comment-opener-lines",
        "bold-spaces",
        "brackets",
    ],
)
def test_readme_built_to_backtrack(run_cli, tmp_path: Path, text: str) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": text})
    run = run_cli(root)
    assert outcome(run, "TC0801") == ("warn", [("README.md", 1, STUB)])
    assert outcome(run, "TC0101") == ("warn", [("README.md", None, NO_USER_RESEARCH)])
    assert run.rule("TC0802")["outcome"] == "warn"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("README.rst", "a" + " " * 5_000 + "b\n" + "=" * 5_003 + "\n"),
        ("README.rst", ".. " + "|" * 100_000 + "\n"),
        ("README.adoc", "=" + " " * 5_000 + "b\n"),
        ("README.org", "*" + " " * 5_000 + "b\n"),
        ("README", "A" + " " * 5_000 + ":\n"),
    ],
    ids=["rst-title", "rst-directive", "asciidoc", "org", "plain-label"],
)
def test_other_readme_formats_built_to_backtrack(
    run_cli, tmp_path: Path, name: str, text: str
) -> None:
    root = make_git_repo(tmp_path / "repo", {name: text})
    run = run_cli(root)
    assert outcome(run, "TC0801") == ("warn", [(name, 1, STUB)])


def test_codeowners_built_to_backtrack(run_cli, tmp_path: Path) -> None:
    text = (
        "/a" + " " * 100_000 + "@org/team\n"  # a rule
        "/b "
        + "\\ "
        * 50_000
        + "@org/team\n"  # escaped spaces: one owner that is not one
        "[" + "^[" * 50_000 + "\n"  # not a section: a pattern with no owner
        "/c " + "a@" * 50_000 + "\n"  # not an email address
        "/d @x" + " #" * 50_000 + "\n"  # a rule and its comment
    )
    root = make_git_repo(tmp_path / "repo", {".github/CODEOWNERS": text})
    run = run_cli(root)
    rule = run.rule("TC0803")
    assert rule["outcome"] == "warn"
    assert [(f["start_line"], f["id"]) for f in rule["findings"]] == [
        (2, "invalid-owner"),
        (3, "pattern-without-owner"),
        (4, "invalid-owner"),
    ]
    assert [e["detail"] for e in rule["evidence"]] == ["2 rules, 2 owners"]


def test_deployment_template_built_to_backtrack(run_cli, tmp_path: Path) -> None:
    # every substring the content patterns need is there, so each pattern runs on the text
    text = (
        "x: AWSTemplateFormatVersion AWS::Serverless Resources: AWS:: apiVersion kind "
        "hosts: schema.management.azure.com\n" + "\n" * 200_000 + "  " * 100_000 + "AWS"
    )
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", "infra/template.yaml": text}
    )
    run = run_cli(root)
    assert run.rule("TC0501")["outcome"] == "warn"


LINES = [
    ("spaces", " " * 1_000_000),
    ("heading-of-spaces", "# a" + " " * 1_000_000 + "b"),
    ("comment-openers", "<!--" * 250_000),
    ("brackets", "[" * 500_000 + "](" * 250_000),
    ("links", "[a](b" * 200_000),
    ("urls", "https://" * 125_000),
    ("docs-links", "https://a" + "/a" * 500_000),
    ("pipes", "|a" * 500_000),
    ("install", "pip " + "-a " * 300_000),
    ("words", "word'-" * 150_000),
]


@pytest.mark.parametrize("text", [t for _, t in LINES], ids=[n for n, _ in LINES])
@pytest.mark.parametrize("name", ["README.md", "README.rst", "README.adoc", "README"])
def test_outline_reader_is_linear_on_one_megabyte(text: str, name: str) -> None:
    started = time.process_time()
    outline = read_outline(text + "\n" + text + "\n", name)
    readme_parts(outline, text)
    assert time.process_time() - started < 2.0


@pytest.mark.parametrize("text", [t for _, t in LINES], ids=[n for n, _ in LINES])
def test_codeowners_and_deployment_readers_are_linear_on_one_megabyte(
    text: str,
) -> None:
    started = time.process_time()
    read_codeowners(text + "\n" + text)
    classify("infra/stack.yaml", text + "\nResources:\n  AWS::\n" + text)
    classify("infra/stack.json", text + ' "apiVersion" "kind" ' + text)
    assert time.process_time() - started < 2.0
