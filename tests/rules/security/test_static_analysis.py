"""TC0604 static-analysis."""

from __future__ import annotations

import pytest
from conftest import run_rule

from . import CHECKOUT, HINT, TRIVY_ACTION, evidence, found


@pytest.mark.parametrize(
    ("workflow", "line"),
    [
        (
            (
                "on: push\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: github/codeql-action/init@v3\n"
                "      - uses: github/codeql-action/analyze@v3\n"
            ),
            6,
        ),
        (  # an organisation's shared CodeQL workflow
            (
                "on: push\njobs:\n"
                "  codeql-sast:\n"
                "    uses: alphagov/govuk-infrastructure/.github/workflows/codeql-analysis.yml@main\n"
                "  docs:\n"
                "    uses: alphagov/govuk-infrastructure/.github/workflows/codeql-docs.md@main\n"
            ),
            4,
        ),
        (  # ministryofjustice's HMPPS template
            (
                "on: {schedule: [{cron: '27 6 * * 1'}]}\njobs:\n  codeql:\n"
                "    permissions: {contents: read, security-events: write}\n"
                "    uses: ministryofjustice/hmpps-github-actions/.github/workflows/"
                "security_codeql.yml@v2\n"
            ),
            5,
        ),
    ],
    ids=["codeql-action", "shared-workflow", "shared-security-workflow"],
)
def test_codeql_passes(make_repo, workflow, line):
    result = run_rule(make_repo({".github/workflows/ci.yml": workflow}), "TC0604")
    assert result.outcome == "pass"
    assert evidence(result) == [(".github/workflows/ci.yml", f"CodeQL (line {line})")]


@pytest.mark.parametrize(
    ("ci", "label", "line"),
    [
        ("      - uses: aquasecurity/tfsec-action@v1.0.3\n", "tfsec", 6),
        ("      - run: checkov -d terraform/\n", "Checkov", 6),
        ("      - uses: checkmarx/kics-github-action@v2\n", "KICS", 6),
        (
            (
                "      - uses: aquasecurity/trivy-action@0.28.0\n"
                "        with:\n          scan-type: config\n"
            ),
            "Trivy misconfiguration scanning",
            8,
        ),
    ],
)
def test_iac_scanners_are_static_analysis_of_infrastructure_code(
    make_repo, ci, label, line
):
    workflow = "on: push\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n" + ci
    root = make_repo(
        {
            "main.tf": 'resource "aws_s3_bucket" "b" {}\n',
            ".github/workflows/iac.yml": workflow,
        }
    )
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result)[0] == (
        ".github/workflows/iac.yml",
        f"{label} (line {line})",
    )


def test_circleci_orb_jobs_name_their_scanners_with_underscores(make_repo):
    """HMPPS services run Veracode, Trivy and OWASP Dependency-Check as hmpps orb jobs."""
    config = (
        "version: 2.1\norbs:\n  hmpps: ministryofjustice/hmpps@10\nworkflows:\n"
        "  security:\n    jobs:\n"
        "      - hmpps/gradle_owasp_dependency_check:\n          context: [hmpps-common-vars]\n"
        "      - hmpps/trivy_latest_scan:\n          context: [hmpps-common-vars]\n"
        "      - hmpps/veracode_pipeline_scan:\n          context: [hmpps-common-vars]\n"
    )
    root = make_repo({".circleci/config.yml": config, "src/App.kt": "fun main() {}\n"})
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".circleci/config.yml", "Veracode (line 11)"),
        (
            ".circleci/config.yml",
            "Trivy (line 9; dependency/container scanning, not static analysis)",
        ),
        (
            ".circleci/config.yml",
            (
                "OWASP Dependency-Check (line 7; dependency/container scanning, "
                "not static analysis)"
            ),
        ),
    ]


def test_a_file_named_codeql_that_is_not_a_workflow_is_not_codeql(make_repo):
    workflow = "on: push\njobs:\n  x:\n    uses: o/r/codeql.yml@v1\n"
    root = make_repo({".github/workflows/ci.yml": workflow, "app.py": "print('hi')\n"})
    assert run_rule(root, "TC0604").outcome == "warn"


def test_static_analysis_does_not_apply_to_documentation_alone(make_repo):
    workflow = CHECKOUT + "      - run: mkdocs gh-deploy --force\n"
    docs = {"mkdocs.yml": "site_name: Manual\n", "docs/index.md": "# Manual\n"}
    result = run_rule(
        make_repo({**docs, ".github/workflows/site.yml": workflow}), "TC0604"
    )
    assert (result.outcome, result.reason) == (
        "skipped",
        (
            "no application source or infrastructure code found (only documentation or "
            "configuration), so there is no code to analyse"
        ),
    )
    terraform = {**docs, "infra/main.tf": 'resource "aws_s3_bucket" "site" {}\n'}
    assert run_rule(make_repo(terraform), "TC0604").outcome == "warn"


def test_ci_without_static_analysis_warns_on_the_ci_file(make_repo):
    root = make_repo(
        {
            "app.py": "print('hi')\n",
            ".gitlab-ci.yml": "test:\n  script:\n    - pytest\n    # - semgrep ci\n",
            ".github/workflows/image.yml": "jobs:\n  scan:\n    steps:\n"
            "      - run: trivy image app:latest\n",
        }
    )
    result = run_rule(root, "TC0604")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "no static analysis tool runs in CI (looked for CodeQL, Semgrep, Bandit, Brakeman, "
            "gosec, SonarQube/SonarCloud, Snyk, ESLint security plugins, SpotBugs/find-sec-bugs "
            "and others); Trivy scans dependencies or images, not your code: add a code "
            "scanning job, e.g. github/codeql-action" + HINT,
            ".github/workflows/image.yml",
            1,
            "warning",
        )
    ]
    assert evidence(result) == [
        (
            ".github/workflows/image.yml",
            "Trivy (line 4; dependency/container scanning, not static analysis)",
        )
    ]


def test_no_ci_at_all_points_at_the_root(make_repo):
    result = run_rule(make_repo({"app.py": "print()\n"}), "TC0604")
    assert [(f.path, f.start_line, f.level) for f in result.findings] == [
        (None, None, "warning")
    ]


def test_eslint_security_plugin_run_through_a_package_script(make_repo):
    root = make_repo(
        {
            "package.json": (
                '{"scripts": {"lint": "eslint ."}, '
                '"devDependencies": {"eslint": "9", "eslint-plugin-security": "3"}}'
            ),
            ".github/workflows/ci.yml": "jobs:\n  lint:\n    steps:\n      - run: npm run lint\n",
        }
    )
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("package.json", "ESLint with eslint-plugin-security (line 1)")
    ]


def test_gitlab_sast_template_and_sonar_properties(make_repo):
    root = make_repo(
        {
            ".gitlab-ci.yml": "include:\n  - template: Jobs/SAST.gitlab-ci.yml\n",
            "sonar-project.properties": "sonar.projectKey=x\n",
        }
    )
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".gitlab-ci.yml", "GitLab SAST (line 2)"),
        ("sonar-project.properties", "SonarQube/SonarCloud project configuration"),
    ]


def test_bandit_pre_commit_hook_counts_when_ci_runs_pre_commit(make_repo):
    hooks = "repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.7.9\n    hooks:\n"
    hooks += "      - id: bandit\n"
    root = make_repo(
        {
            ".pre-commit-config.yaml": hooks,
            ".github/workflows/ci.yml": "jobs:\n  x:\n    steps:\n"
            "      - uses: pre-commit/action@v3.0.1\n",
        }
    )
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".pre-commit-config.yaml", "Bandit pre-commit hook (line 5)")
    ]
    # The same hook with nothing running pre-commit in CI is local only.
    root = make_repo({".pre-commit-config.yaml": hooks, "app.py": "print('hi')\n"})
    assert run_rule(root, "TC0604").outcome == "warn"


def test_ruff_bandit_rules_run_in_ci(make_repo):
    root = make_repo(
        {
            "pyproject.toml": "[tool.ruff.lint]\nselect = ['E', 'F', 'S']\n",
            ".github/workflows/ci.yml": "jobs:\n  x:\n    steps:\n      - run: ruff check .\n",
        }
    )
    result = run_rule(root, "TC0604")
    assert evidence(result) == [
        (".github/workflows/ci.yml", "Ruff flake8-bandit rules (S) (line 4)")
    ]


def test_trivy_action_misconfiguration_scanning_is_static_analysis(make_repo):
    workflow = TRIVY_ACTION.format(
        scan_type="fs", scanners="          scanners: 'vuln,secret,misconfig'\n"
    )
    root = make_repo({".github/workflows/scan.yml": workflow, "main.tf": ""})
    result = run_rule(root, "TC0604")
    assert result.outcome == "pass"
    assert evidence(result)[0] == (
        ".github/workflows/scan.yml",
        "Trivy misconfiguration scanning (line 8)",
    )
