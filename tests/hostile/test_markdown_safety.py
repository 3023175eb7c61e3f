"""The Markdown report pings no one and links nowhere (issue 19).

It goes to ``$GITHUB_STEP_SUMMARY`` and pull-request comments, where GitHub turns ``@name``
into a notification, ``#123``/``GH-123`` into references and bare URLs into links. Repository
content reaches it through finding messages, evidence and paths; a plugin rule (loaded from a
local folder with ``--allow-plugins``) puts all of them in one message and one evidence line.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_git_repo

from tcop_lint.report.markdown import escape

HOSTILE = (
    "cc @octocat and @github/security-team, see #123, GH-45, owner/repo#6, mail "
    "admin@example.org, https://evil.example/x?a=`b` and www.evil.example (http://x.test)"
)

PLUGIN = f"""
from tcop_lint.plugin import Evidence, Finding, rule


@rule(code="TC0899", name="echo", topic="share-reuse", level="warning",
      summary="Echoes repository text.", rationale="A test.", remediation="None.")
def echo(repo, options):
    yield Evidence("README.md", {HOSTILE!r})
    yield Finding({HOSTILE!r}, path="README.md", start_line=1, id="echo")
"""

MENTION = re.compile(r"@[A-Za-z0-9]")
REFERENCE = re.compile(r"#[0-9]|\bGH-[0-9]", re.IGNORECASE)


def code_spans_removed(markdown: str) -> str:
    """The Markdown with every inline code span taken out (what GitHub leaves as text)."""
    return re.sub(r"(`+)(?:(?!\1).)+?\1", "", markdown)


def assert_inert(markdown: str) -> None:
    text = code_spans_removed(markdown)
    assert not MENTION.search(text), text
    assert not REFERENCE.search(text), text
    assert "://" not in text and "www." not in text.lower(), text


def test_mentions_references_and_urls_from_a_finding_are_neutralised(
    run_cli, tmp_path: Path
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/echo.py": PLUGIN,
        },
    )
    run = run_cli(root, "--select", "TC0899", "--allow-plugins")
    [finding] = run.findings("TC0899")
    assert finding["message"] == HOSTILE  # the other formats keep the text as it is
    bullets = [l for l in run.markdown.splitlines() if l.startswith("- **TC0899")]
    assert len(bullets) == 2  # the finding and the evidence, each on one line
    assert_inert(run.markdown)
    for span in (
        "`` https://evil.example/x?a=`b` ``",
        "`www.evil.example`",
        "`(http://x.test)`",
    ):
        assert all(span in line for line in bullets), span


def test_mentions_and_references_in_file_names_are_neutralised(
    run_cli, tmp_path: Path
) -> None:
    """Paths are repository content too: TC0403 reports each of these documents."""
    names = ["docs/@octocat.docx", "docs/#123 minutes.docx", "docs/GH-7.docx"]
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", **dict.fromkeys(names, "x")}
    )
    run = run_cli(root, "--select", "TC0403")
    assert {f["path"] for f in run.findings("TC0403")} == set(names)
    assert_inert(run.markdown)


def test_escape_keeps_the_words_readable() -> None:
    zwj = "\u200d"
    assert escape("@team") == f"@{zwj}team"
    assert escape("#12 and gh-3") == f"\\#{zwj}12 and gh{zwj}-3"
    assert escape("see https://a.example/x.") == "see `https://a.example/x.`"
    assert escape("`https://a.example`") == "`` `https://a.example` ``"
    assert escape("plain words stay") == "plain words stay"
    assert escape("a <b> [c](d)") == "a \\<b\\> \\[c\\]\\(d\\)"


def test_escape_is_linear_on_long_input() -> None:
    import time

    for text in (
        "@" * 1_000_000,
        "`" * 1_000_000 + "://",
        "www." * 250_000,
        "a " * 500_000,
    ):
        started = time.monotonic()
        escape(text)
        assert time.monotonic() - started < 2, text[:20]
