"""Security policy files built to stall a backtracking matcher (issue 19): a ``SECURITY.md``
that is one 300 KB word, and ``security.txt`` fields hundreds of kilobytes long. Each whole
run (every rule, every output format) completes in under 5 s of CPU, with the outcome a
correct reader gives and messages that quote the file only briefly."""

from __future__ import annotations

from pathlib import Path

from conftest import make_git_repo

WORD = "a" * 300_000


def _policy(run) -> dict:
    return run.rule("TC0601")


def test_security_md_that_is_one_long_word(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n", "SECURITY.md": WORD})
    run = run_cli(root)
    policy = _policy(run)
    assert policy["outcome"] == "warn"
    assert [(f["id"], f["path"], f["start_line"]) for f in policy["findings"]] == [
        ("no-contact-route", "SECURITY.md", 1)
    ]


def test_security_md_whose_one_word_is_a_placeholder_address(
    run_cli, tmp_path: Path
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# x\n", "SECURITY.md": WORD + "@your-organisation.example\n"},
    )
    run = run_cli(root)
    policy = _policy(run)
    assert policy["outcome"] == "warn"
    [finding] = policy["findings"]
    assert finding["id"] == "placeholder-contact"
    assert finding["message"] == (
        f"SECURITY.md still gives the placeholder contact {'a' * 77}...: replace it with "
        "an address or link that reaches your team"
    )


def test_security_txt_with_long_fields(run_cli, tmp_path: Path) -> None:
    text = (
        "Contact: mailto:security@example.gov.uk\n"
        f"Expires: {'2' * 300_000}{' ' * 100_000}x\n"
        f"Policy:{' ' * 300_000}x\n"
        f"{'A' * 300_000}: {'b' * 1000}\n"
    )
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", ".well-known/security.txt": text}
    )
    run = run_cli(root)
    policy = _policy(run)
    assert policy["outcome"] == "warn"
    [finding] = policy["findings"]
    assert (finding["id"], finding["start_line"], finding["level"]) == (
        "invalid-expires",
        2,
        "warning",
    )
    assert finding["message"] == (
        f"security.txt Expires: '{'2' * 57}...' is not an RFC 3339 date-time: write it as "
        "2027-01-01T00:00:00Z"
    )


def test_workflow_of_thousands_of_trivy_scans(run_cli, tmp_path: Path) -> None:
    """Each Trivy step's scanners are read from the lines around it: a bounded look, once
    per file read, not the whole file for every step."""
    steps = (
        "      - uses: aquasecurity/trivy-action@v1\n"
        "        with:\n          scan-type: fs\n          scanners: vuln\n"
    ) * 2000
    last = (
        "      - uses: aquasecurity/trivy-action@v1\n        with:\n"
        + "          scan-type: fs\n" * 8_000
    )
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "app.py": "x = 1\n",
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                + steps
                + last
            ),
        },
    )
    run = run_cli(root)
    scanning = run.rule("TC0605")
    assert scanning["outcome"] == "pass"
    # the steps that name their scanners leave secrets out; the last one takes Trivy's default
    assert [(e["path"], e["detail"]) for e in scanning["evidence"]] == [
        (".github/workflows/ci.yml", "Trivy secret scanning in CI (line 8008)")
    ]
