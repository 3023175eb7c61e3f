"""TC0605 secret-scanning."""

from __future__ import annotations

import pytest
from conftest import run_rule

from . import HINT, TRIVY_ACTION, evidence, found


def test_gitleaks_pre_commit_hook_passes(make_repo):
    root = make_repo(
        {
            ".pre-commit-config.yaml": (
                "repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.21.2\n"
                "    hooks:\n      - id: gitleaks\n"
            )
        }
    )
    result = run_rule(root, "TC0605")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".pre-commit-config.yaml", "gitleaks pre-commit hook (line 5)")
    ]


def test_trufflehog_in_ci_passes(make_repo):
    root = make_repo(
        {
            ".github/workflows/secrets.yml": (
                "jobs:\n  scan:\n    steps:\n      - uses: trufflesecurity/trufflehog@v3\n"
            )
        }
    )
    result = run_rule(root, "TC0605")
    assert evidence(result) == [
        (".github/workflows/secrets.yml", "TruffleHog in CI (line 4)")
    ]


def test_husky_hook_running_secretlint_passes(make_repo):
    root = make_repo({".husky/pre-commit": "#!/bin/sh\nnpx secretlint '**/*'\n"})
    result = run_rule(root, "TC0605")
    assert evidence(result) == [(".husky/pre-commit", "secretlint git hook (line 2)")]


def test_gitleaks_config_alone_is_not_a_scan(make_repo):
    root = make_repo(
        {
            ".gitleaks.toml": "title = 'x'\n",
            ".pre-commit-config.yaml": "repos: []\n",
            ".github/workflows/ci.yml": "jobs: {}\n",
        }
    )
    result = run_rule(root, "TC0605")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "no secret scanner runs in CI or pre-commit hooks (looked for gitleaks, "
            "TruffleHog, detect-secrets, git-secrets, ggshield, Talisman, secretlint); "
            ".gitleaks.toml configures a scanner but nothing runs it: add a gitleaks hook to "
            ".pre-commit-config.yaml or a gitleaks step to CI" + HINT,
            ".pre-commit-config.yaml",
            1,
            "warning",
        )
    ]


@pytest.mark.parametrize(
    ("workflow", "expected"),
    [
        # Trivy's default scanners for a file system or repository are vuln,secret
        ("jobs:\n  scan:\n    steps:\n      - run: trivy fs --exit-code 1 .\n", 4),
        ("jobs:\n  scan:\n    steps:\n      - run: trivy repository ./\n", 4),
        (
            "jobs:\n  s:\n    steps:\n      - run: trivy fs --scanners=vuln,secret .\n",
            4,
        ),
        (TRIVY_ACTION.format(scan_type="fs", scanners=""), 7),
        (
            TRIVY_ACTION.format(
                scan_type="repo", scanners="          scanners: vuln,secret,misconfig\n"
            ),
            7,
        ),
        ("jobs:\n  scan:\n    steps:\n      - run: trivy fs --scanners vuln .\n", None),
        ("jobs:\n  scan:\n    steps:\n      - run: trivy image app:latest\n", None),
        (TRIVY_ACTION.format(scan_type="image", scanners=""), None),
        (
            TRIVY_ACTION.format(scan_type="fs", scanners="          scanners: vuln\n"),
            None,
        ),
    ],
    ids=[
        "fs",
        "repository",
        "fs-scanners-with-secret",
        "action-fs",
        "action-repo-scanners",
        "fs-without-secret",
        "image",
        "action-image",
        "action-fs-without-secret",
    ],
)
def test_trivy_scans_secrets_on_a_file_system_or_repository(
    make_repo, workflow: str, expected: int | None
):
    root = make_repo({".github/workflows/scan.yml": workflow})
    result = run_rule(root, "TC0605")
    if expected is None:
        assert result.outcome == "warn"
        assert evidence(result) == []
    else:
        assert result.outcome == "pass"
        assert evidence(result) == [
            (
                ".github/workflows/scan.yml",
                f"Trivy secret scanning in CI (line {expected})",
            )
        ]


def test_no_secret_scanner_and_no_ci(make_repo):
    result = run_rule(make_repo({"a.py": ""}), "TC0605")
    assert [(f.path, f.start_line) for f in result.findings] == [(None, None)]
