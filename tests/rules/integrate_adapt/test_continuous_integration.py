"""TC0901 continuous-integration."""

from __future__ import annotations

import datetime as dt

from conftest import run_rule

from . import APP, HINT, NO_CI, WORKFLOW, evidence, findings


def test_workflow_is_ci_evidence(make_repo):
    repo = make_repo({".github/workflows/ci.yml": WORKFLOW.format(command="make")})
    result = run_rule(repo, "TC0901")
    assert result.outcome == "pass"
    assert evidence(result) == [(".github/workflows/ci.yml", "GitHub Actions")]


def test_no_ci_fails_with_the_attestation_hint(make_repo):
    result = run_rule(make_repo({"README.md": "# x\n", **APP}), "TC0901")
    assert result.outcome == "fail"
    assert findings(result) == [(NO_CI + HINT, "README.md", None)]


def test_gitlab_pipeline_split_into_included_files(make_repo):
    repo = make_repo(
        {
            ".gitlab-ci.yml": "include:\n  - local: .gitlab/ci/test.gitlab-ci.yml\n",
            ".gitlab/ci/test.gitlab-ci.yml": "test:\n  script: [pytest]\n",
        }
    )
    assert evidence(run_rule(repo, "TC0901")) == [
        (".gitlab-ci.yml", "GitLab CI"),
        (".gitlab/ci/test.gitlab-ci.yml", "GitLab CI"),
    ]


def test_ci_kept_elsewhere_can_be_attested(make_repo):
    reviewed = dt.date.today() - dt.timedelta(days=3)
    config = (
        "attestations:\n  TC0901:\n    evidence: https://jenkins.example.gov.uk/job/app\n"
        f"    reviewed: {reviewed}\n"
    )
    result = run_rule(make_repo({".tcop-lint.yml": config, **APP}), "TC0901")
    assert result.outcome == "pass"
    assert findings(result) == []
