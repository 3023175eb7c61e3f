"""TC0606 workflow-permissions."""

from __future__ import annotations

import pytest
from conftest import run_rule

from . import SHA, evidence, found

STEPS = "    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"


CALLED = "on:\n  workflow_call:\njobs:\n  run-rspec:\n" + STEPS


@pytest.mark.parametrize(
    ("caller", "called", "expected"),
    [
        (
            (
                "on: push\npermissions:\n  contents: read\njobs:\n  test:\n"
                "    uses: ./.github/workflows/rspec.yml\n"
            ),
            CALLED,
            [
                (
                    ".github/workflows/rspec.yml",
                    "permissions set by the workflows that call it (ci.yml)",
                )
            ],
        ),
        (  # the calling job restricts the token
            (
                "on: push\njobs:\n  test:\n    permissions: {contents: read}\n"
                "    uses: ./.github/workflows/rspec.yml\n"
            ),
            CALLED,
            [
                (
                    ".github/workflows/rspec.yml",
                    "permissions set by the workflows that call it (ci.yml)",
                )
            ],
        ),
        (  # it also runs on its own
            "on: push\npermissions: {}\njobs:\n  test:\n    uses: ./.github/workflows/rspec.yml\n",
            CALLED.replace("on:\n", "on:\n  push:\n"),
            [],
        ),
        (  # a caller that does not restrict the token
            (
                "on: push\npermissions: write-all\njobs:\n  test:\n"
                "    uses: ./.github/workflows/rspec.yml\n"
            ),
            CALLED,
            [],
        ),
    ],
    ids=["caller-top-level", "calling-job", "also-on-push", "caller-write-all"],
)
def test_workflows_only_called_take_their_callers_permissions(
    make_repo, caller, called, expected
):
    root = make_repo(
        {".github/workflows/ci.yml": caller, ".github/workflows/rspec.yml": called}
    )
    result = run_rule(root, "TC0606")
    assert [e for e in evidence(result) if e[0].endswith("rspec.yml")] == expected
    assert (".github/workflows/rspec.yml" in [f.path for f in result.findings]) == (
        not expected
    )


def test_top_level_permissions_pass(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                f"on: push\npermissions:\n  contents: read\njobs:\n  build:\n{STEPS}"
            ),
            ".github/workflows/lint.yaml": (
                f"on: push\npermissions: {{}}\njobs:\n  lint:\n{STEPS}"
            ),
        }
    )
    result = run_rule(root, "TC0606")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", "permissions set (top level)"),
        (".github/workflows/lint.yaml", "permissions set (top level)"),
    ]


def test_permissions_on_every_job_pass(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n"
                f"  build:\n    permissions:\n      contents: read\n{STEPS}"
                "  call:\n    permissions: read-all\n"
                f"    uses: octo/shared/.github/workflows/ci.yml@{SHA}\n"
            )
        }
    )
    result = run_rule(root, "TC0606")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", "permissions set (every job)")
    ]


def test_missing_permissions_on_some_jobs_warns_on_line_one(make_repo):
    root = make_repo(
        {
            ".github/workflows/deploy.yml": (
                "# deploy\non: push\njobs:\n"
                f"  build:\n    permissions:\n      contents: read\n{STEPS}"
                f"  deploy:\n{STEPS}"
                f"  notify:\n{STEPS}"
            )
        }
    )
    result = run_rule(root, "TC0606")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "the workflow does not set permissions for its GITHUB_TOKEN (jobs without them: "
                "deploy, notify): add permissions: {contents: read} at the top level, or set "
                "permissions on every job"
            ),
            ".github/workflows/deploy.yml",
            1,
            "warning",
        )
    ]


def test_write_all_is_flagged_on_its_line(make_repo):
    root = make_repo(
        {
            ".github/workflows/release.yml": (
                f"on: push\n\npermissions: write-all\njobs:\n  build:\n{STEPS}"
                f"  publish:\n    permissions: write-all\n{STEPS}"
            )
        }
    )
    result = run_rule(root, "TC0606")
    assert found(result) == [
        (
            (
                "the workflow sets permissions: write-all, giving its token every write scope: "
                "list only the scopes it needs, e.g. permissions: {contents: read}"
            ),
            ".github/workflows/release.yml",
            3,
            "warning",
        ),
        (
            (
                "the job publish sets permissions: write-all, giving its token every write scope: "
                "list only the scopes it needs, e.g. permissions: {contents: read}"
            ),
            ".github/workflows/release.yml",
            10,
            "warning",
        ),
    ]


def test_broken_workflows_are_findings_not_crashes(make_repo):
    root = make_repo(
        {
            ".github/workflows/a.yml": "- on: push\n- jobs: {}\n",
            ".github/workflows/b.yml": "on: push\njobs:\n  x: [\n",
            ".github/workflows/c.yml": "on: push\npermissions: read\njobs: {}\n",
        }
    )
    result = run_rule(root, "TC0606")
    assert result.outcome == "warn"
    messages = [
        (f.path, f.start_line, f.message.split(":")[0]) for f in result.findings
    ]
    assert messages == [
        (
            ".github/workflows/a.yml",
            1,
            "the workflow is not a YAML mapping with on and jobs keys",
        ),
        (".github/workflows/b.yml", 4, "invalid YAML"),
        (".github/workflows/c.yml", 2, "the workflow sets permissions"),
    ]


def test_no_workflows_is_skipped(make_repo):
    result = run_rule(
        make_repo({".gitlab-ci.yml": "test: {script: [make]}\n"}), "TC0606"
    )
    assert (result.outcome, result.reason) == (
        "skipped",
        "no GitHub Actions workflows in .github/workflows",
    )
