"""Point 6 (make things secure): TC0601-TC0607 on real git repositories built in tmp dirs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import git, run_rule, write_files

HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: security:` in .tcop-lint.yml"
)
SHA = "11bd71901bbe5b1630ceea73d27597364c9af683"
DEPS = '{"dependencies": {"express": "^4.19.0"}}'
SCHEDULE = "    schedule:\n      interval: weekly\n"
CHECKOUT = "on: push\njobs:\n  x:\n    steps:\n      - uses: actions/checkout@v4\n"


def found(result) -> list[tuple[str, str | None, int | None, str]]:
    return [(f.message, f.path, f.start_line, f.level) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


# == TC0601 security-policy ===================================================================


def test_security_policy_in_github_folder_passes(make_repo):
    root = make_repo(
        {
            "README.md": "# app\n",
            ".github/SECURITY.md": "# Security\n\nEmail security@example.gov.uk.\n",
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [(".github/SECURITY.md", "security policy")]


def test_security_policy_odd_name_under_docs_passes(make_repo):
    root = make_repo(
        {
            "docs/Security.rst": "Report issues via https://www.gov.uk/help/report-vulnerability\n"
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [("docs/Security.rst", "security policy")]


def test_no_security_policy_fails_on_the_readme(make_repo):
    root = make_repo({"README.md": "# app\n", "docs/guide.md": "security is good\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "no security policy found (looked for SECURITY.md in the root, .github/ and "
            "docs/, and .well-known/security.txt): add SECURITY.md saying how to report a "
            "vulnerability privately; a policy in the organisation's .github repository also "
            "applies but cannot be seen here" + HINT,
            "README.md",
            None,
            "error",
        )
    ]


def test_no_security_policy_and_no_readme_points_at_the_root(make_repo):
    result = run_rule(make_repo({"main.py": "print()\n"}), "TC0601")
    assert [(f.path, f.start_line) for f in result.findings] == [(None, None)]


def test_empty_security_policy_fails(make_repo):
    root = make_repo({"SECURITY.md": "  \n\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "SECURITY.md is empty: say how to report a vulnerability privately, e.g. an email "
            "address or a link to GitHub private vulnerability reporting" + HINT,
            "SECURITY.md",
            1,
            "error",
        )
    ]


def test_unfilled_template_contact_warns(make_repo):
    root = make_repo(
        {
            "SECURITY.md": (
                "# Security policy\n\nReport it privately:\n\n"
                "- by email to <security@your-organisation.example>, or\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "SECURITY.md still gives the placeholder contact "
            "security@your-organisation.example: replace it with an address or link that "
            "reaches your team" + HINT,
            "SECURITY.md",
            5,
            "warning",
        )
    ]
    assert evidence(result) == [("SECURITY.md", "security policy")]


def test_stub_security_policy_warns(make_repo):
    root = make_repo({"SECURITY.MD": "# Security Policy\n\nTBD\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "SECURITY.MD does not say how to report a vulnerability: add an email address or "
            "a link to a reporting form or GitHub private vulnerability reporting"
            + HINT,
            "SECURITY.MD",
            1,
            "warning",
        )
    ]


def test_security_txt_in_a_web_app_public_folder_passes(make_repo):
    root = make_repo(
        {
            "public/.well-known/security.txt": (
                "# our policy\nContact: mailto:security@example.gov.uk\n"
                "Expires: 2099-01-01T00:00:00.000Z\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("public/.well-known/security.txt", "security.txt (expires 2099-01-01)")
    ]


def test_expired_security_txt_fails_on_the_expires_line(make_repo):
    root = make_repo(
        {
            ".well-known/security.txt": (
                "Contact: https://example.gov.uk/report\nExpires: 2020-12-31T23:59:00Z\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "security.txt expired on 2020-12-31: set Expires: to a date less than a year "
            "ahead and check the Contact: still works" + HINT,
            ".well-known/security.txt",
            2,
            "error",
        )
    ]


def test_expired_security_txt_beside_a_good_policy_only_warns(make_repo):
    root = make_repo(
        {
            "SECURITY.md": "Report vulnerabilities to security@example.gov.uk\n",
            "security.txt": (
                "Contact: mailto:security@example.gov.uk\nExpires: 2021-01-01T00:00:00Z\n"
            ),
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "warn"
    assert [(f.path, f.start_line, f.level) for f in result.findings] == [
        ("security.txt", 2, "warning")
    ]
    assert evidence(result) == [("SECURITY.md", "security policy")]


@pytest.mark.parametrize(
    ("expires", "expected"),
    [
        ("2099-01-01T00:00:00z", "security.txt (expires 2099-01-01)"),
        ("2099-01-01t12:30:00.5+01:00", "security.txt (expires 2099-01-01)"),
        ("2099-01-01", None),
        ("2099-W01-1", None),
        ("2099-13-01T00:00:00Z", None),
        ("2099-01-01T00:00:00", None),  # no offset
    ],
)
def test_security_txt_expires_is_an_rfc_3339_date_time(make_repo, expires, expected):
    root = make_repo(
        {
            ".well-known/security.txt": (
                f"Contact: mailto:security@example.gov.uk\nExpires: {expires}\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    if expected is not None:
        assert (result.outcome, evidence(result)) == (
            "pass",
            [(".well-known/security.txt", expected)],
        )
    else:
        assert [(f.message, f.start_line) for f in result.findings] == [
            (
                f"security.txt Expires: {expires!r} is not an RFC 3339 date-time: write it "
                "as 2027-01-01T00:00:00Z" + HINT,
                2,
            )
        ]


def test_security_txt_without_contact_or_expires(make_repo):
    root = make_repo({".well-known/security.txt": "Policy: https://example.org\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert [f.message.split(":")[0] for f in result.findings] == [
        "security.txt has no Contact",
        "security.txt has no Expires",
    ]


def test_bc_compliance_stra_is_extra_evidence_but_not_a_policy(make_repo):
    compliance = (
        "name: compliance\ndescription: x\nspec:\n"
        "  - name: PIA\n    status: completed\n"
        "  - name: STRA\n    status: completed\n    last-updated: '2024-05-01T00:00:00.000Z'\n"
    )
    root = make_repo({"COMPLIANCE.yaml": compliance, "README.md": "# app\n"})
    result = run_rule(root, "TC0601")
    assert result.outcome == "fail"
    assert evidence(result) == [
        (
            "COMPLIANCE.yaml",
            (
                "BC COMPLIANCE.yaml: Security Threat and Risk Assessment completed "
                "(last updated 2024-05-01T00:00:00.000Z)"
            ),
        )
    ]


def test_org_level_policy_attestation_passes(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "attestations:\n  security-policy:\n"
                "    evidence: https://github.com/example/.github/blob/main/SECURITY.md\n"
                f"    reviewed: {dt.date.today().isoformat()}\n"
            )
        }
    )
    result = run_rule(root, "TC0601")
    assert result.outcome == "pass"


# == TC0602 dependency-updates ================================================================


def test_node_monorepo_with_one_directory_uncovered(make_repo):
    """Acceptance: three package.json dirs, Dependabot covers two: one finding at the third."""
    root = make_repo(
        {
            "package.json": DEPS,
            "web/package.json": DEPS,
            "admin/package.json": DEPS,
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n"
                f"  - package-ecosystem: npm\n    directory: /\n{SCHEDULE}"
                f"  - package-ecosystem: npm\n    directory: /web\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "npm dependencies in admin/ are not covered by .github/dependabot.yml: add an "
            "updates entry with package-ecosystem: npm and directory: /admin" + HINT,
            "admin/package.json",
            1,
            "error",
        )
    ]
    assert evidence(result) == [(".github/dependabot.yml", "covers npm in /, /web")]


def test_renovate_json5_with_enabled_managers_leaves_docker_uncovered(make_repo):
    """Acceptance: renovate.json5 with enabledManagers: [npm] plus a Dockerfile."""
    root = make_repo(
        {
            "package.json": DEPS,
            "Dockerfile": "FROM node:22\n",
            "renovate.json5": (
                "// JSON5: comments and trailing commas\n{\n"
                "  extends: ['config:recommended'],\n  enabledManagers: ['npm',],\n}\n"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "fail"
    assert found(result) == [
        (
            "docker dependencies in the root directory are not covered by renovate.json5, "
            'whose enabledManagers leaves out dockerfile: add "dockerfile" to enabledManagers'
            + HINT,
            "Dockerfile",
            1,
            "error",
        )
    ]
    assert evidence(result) == [("renovate.json5", "covers npm in /")]


def test_dependabot_with_anchors_and_directory_globs_passes(make_repo):
    root = make_repo(
        {
            "package.json": '{"workspaces": ["packages/*"]}',
            "packages/a/package.json": DEPS,
            "apps/web/package.json": DEPS,
            "apps/api/package.json": DEPS,
            "services/x/Dockerfile": "FROM python:3.12\n",
            "Dockerfile": "FROM python:3.12\n",
            ".github/workflows/ci.yml": CHECKOUT,
            ".github/dependabot.yaml": (
                "version: 2\n"
                "x-defaults: &defaults\n  schedule:\n    interval: weekly\n"
                "updates:\n"
                "  - <<: *defaults\n    package-ecosystem: npm\n"
                "    directories: ['/', '/apps/*']\n"
                "  - <<: *defaults\n    package-ecosystem: docker\n    directories: ['**/*']\n"
                "  - <<: *defaults\n    package-ecosystem: github-actions\n    directory: './'\n"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert found(result) == []
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/dependabot.yaml",
            (
                "covers docker in /, /services/x; github-actions in /; "
                "npm in /, /apps/api, /apps/web"
            ),
        )
    ]


def test_multi_ecosystem_group_members_take_the_groups_schedule(make_repo):
    """GitHub's multi-ecosystem updates put the schedule on the group, not its members."""
    root = make_repo(
        {
            "Dockerfile": "FROM nginx:1.25\n",
            "main.tf": 'terraform {\n  required_providers {\n    aws = {source = "hashicorp/aws"}\n  }\n}\n',
            ".github/dependabot.yml": (
                "version: 2\nmulti-ecosystem-groups:\n  infrastructure:\n"
                "    schedule: {interval: weekly}\n  unscheduled: {}\nupdates:\n"
                "  - package-ecosystem: docker\n    directory: /\n    patterns: ['*']\n"
                "    multi-ecosystem-group: infrastructure\n"
                "  - package-ecosystem: terraform\n    directory: /\n    patterns: ['*']\n"
                "    multi-ecosystem-group: unscheduled\n"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert found(result) == [
        (
            (
                "the terraform entry's multi-ecosystem-group unscheduled has no "
                "schedule.interval under multi-ecosystem-groups, so Dependabot rejects the "
                "file: add multi-ecosystem-groups: {unscheduled: {schedule: "
                "{interval: weekly}}}" + HINT
            ),
            ".github/dependabot.yml",
            14,
            "error",
        )
    ]


@pytest.mark.parametrize(
    ("directory", "root_action", "covered"),
    [
        ("/.github/workflows", False, True),
        ("'.github/workflows/'", False, True),
        ("/.github/workflows", True, False),  # the root action.yml is read only from /
        ("/.github", False, False),
    ],
)
def test_github_actions_entry_for_the_workflows_folder(
    make_repo, directory: str, root_action: bool, covered: bool
):
    """dependabot-core reads a non-root github-actions directory's own YAML files."""
    files = {
        ".github/workflows/ci.yml": CHECKOUT,
        ".github/dependabot.yml": (
            "version: 2\nupdates:\n  - package-ecosystem: github-actions\n"
            f"    directory: {directory}\n{SCHEDULE}"
        ),
    }
    if root_action:
        files["action.yml"] = (
            "runs:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n"
        )
    result = run_rule(make_repo(files), "TC0602")
    assert (result.outcome, [f.path for f in result.findings]) == (
        ("pass", []) if covered else ("fail", [".github/workflows/ci.yml"])
    )


def test_invalid_dependabot_yaml_points_at_the_parse_line(make_repo):
    root = make_repo(
        {
            "go.mod": "module x\n",
            ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: [gomod\n",
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "fail"
    [parse, uncovered] = result.findings
    assert parse.path == ".github/dependabot.yml"
    assert parse.start_line == 4
    assert parse.message.startswith("invalid YAML: ")
    assert parse.message.endswith(": fix it so Dependabot can read the file" + HINT)
    assert (uncovered.path, uncovered.start_line) == ("go.mod", 1)


def test_dependabot_schema_mistakes(make_repo):
    root = make_repo(
        {
            "package.json": DEPS,
            "services/a/go.mod": "module a\n",
            ".github/dependabot.yml": (
                "version: 1\n"
                "updates:\n"
                f"  - package-ecosystem: yarn\n    directory: /\n{SCHEDULE}"
                f"  - package-ecosystem: gomod\n    directory: /services/*\n{SCHEDULE}"
                "  - package-ecosystem: npm\n    directory: /\n"
                "  - just a string\n"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert [
        (f.message.removesuffix(HINT), f.path, f.start_line) for f in result.findings
    ] == [
        (
            "dependabot.yml has version: 1, not 2: set version: 2",
            ".github/dependabot.yml",
            1,
        ),
        (
            "package-ecosystem: yarn is not a Dependabot ecosystem: use npm",
            ".github/dependabot.yml",
            3,
        ),
        (
            (
                "the gomod entry's directory: /services/* is a glob, which only directories: "
                "accepts: write directories: ['/services/*']"
            ),
            ".github/dependabot.yml",
            8,
        ),
        (
            (
                "the npm entry has no schedule.interval, so Dependabot rejects the file: add "
                "schedule: {interval: weekly}"
            ),
            ".github/dependabot.yml",
            11,
        ),
        (
            (
                "an updates entry is not a mapping: give it package-ecosystem, directory and "
                "schedule"
            ),
            ".github/dependabot.yml",
            13,
        ),
        (
            (
                "gomod dependencies in services/a/ are not covered by .github/dependabot.yml: add "
                "an updates entry with package-ecosystem: gomod and directory: /services/a"
            ),
            "services/a/go.mod",
            1,
        ),
    ]


def test_no_update_config_at_all(make_repo):
    root = make_repo({"requirements.txt": "flask\n"})
    result = run_rule(root, "TC0602")
    assert found(result) == [
        (
            "pip dependencies in the root directory are not covered by a Dependabot or "
            "Renovate config: add .github/dependabot.yml with an updates entry with "
            "package-ecosystem: pip and directory: /" + HINT,
            "requirements.txt",
            1,
            "error",
        )
    ]


def test_gitlab_project_without_config_is_pointed_at_renovate(make_repo):
    root = make_repo(
        {"go.mod": "module x\n", ".gitlab-ci.yml": "test: {script: [go test]}\n"}
    )
    result = run_rule(root, "TC0602")
    assert found(result) == [
        (
            "gomod dependencies in the root directory are not covered by a Dependabot or "
            'Renovate config: add a Renovate config, e.g. renovate.json with {"extends": '
            '["config:recommended"]}' + HINT,
            "go.mod",
            1,
            "error",
        )
    ]


def test_no_ecosystems_is_skipped(make_repo):
    result = run_rule(make_repo({"README.md": "# docs only\n"}), "TC0602")
    assert result.outcome == "skipped"
    assert result.reason == (
        "no dependency manifests, Dockerfiles, workflows or Terraform found"
    )


def test_renovate_covers_every_manager_and_respects_ignore_paths(make_repo):
    root = make_repo(
        {
            "package.json": DEPS,
            "Dockerfile": "FROM node:22\n",
            ".github/workflows/ci.yml": CHECKOUT,
            "tests/fixtures/app/package.json": DEPS,
            "examples/demo/requirements.txt": "flask\n",
            ".github/renovate.json": '{"extends": ["config:recommended"]}',
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/renovate.json",
            "npm in /tests/fixtures/app left out on purpose by ignorePaths",
        ),
        (
            ".github/renovate.json",
            "pip in /examples/demo left out on purpose by ignorePaths",
        ),
        (".github/renovate.json", "covers docker in /; github-actions in /; npm in /"),
    ]


def test_renovate_own_ignore_paths_replace_the_preset(make_repo):
    root = make_repo(
        {
            "tests/fixtures/app/package.json": DEPS,
            "legacy/package.json": DEPS,
            "renovate.json": '{"extends": ["config:recommended"], "ignorePaths": ["legacy"]}',
        }
    )
    result = run_rule(root, "TC0602")
    assert [(f.path, f.level) for f in result.findings] == []
    assert ("renovate.json", "covers npm in /tests/fixtures/app") in evidence(result)


def test_renovate_ignore_paths_match_as_substrings(make_repo):
    """Renovate drops a file whose path contains an ignorePaths entry (file-match.ts)."""
    root = make_repo(
        {
            "package.json": DEPS,
            "docs/example/package.json": DEPS,
            "renovate.json": '{"extends": ["config:recommended"], "ignorePaths": ["docs/"]}',
        }
    )
    result = run_rule(root, "TC0602")
    assert evidence(result) == [
        ("renovate.json", "npm in /docs/example left out on purpose by ignorePaths"),
        ("renovate.json", "covers npm in /"),
    ]


@pytest.mark.parametrize(
    ("renovate", "files", "message"),
    [
        (  # cookiecutter-django's layout: Renovate's pattern wants "requirements" in the name
            '{"extends": ["config:recommended"]}',
            {"requirements/base.txt": "django==4.2.11\n", "manage.py": ""},
            (
                "pip dependencies in the root directory are not covered by renovate.json: "
                "Renovate's pip_requirements manager reads only files named like "
                'requirements*.txt: add "pip_requirements": {"managerFilePatterns": '
                '["requirements/*.txt"]}'
            ),
        ),
        (
            '{"pip_requirements": {"managerFilePatterns": ["requirements/*.txt"]}}',
            {"requirements/base.txt": "django==4.2.11\n", "manage.py": ""},
            None,
        ),
        (
            '{"pip-compile": {"fileMatch": ["(^|/)requirements/[^/]+\\\\.txt$"]}}',
            {
                "requirements/base.in": "django\n",
                "requirements/base.txt": "django==4\n",
            },
            None,
        ),
        ("{}", {"requirements/requirements-dev.txt": "pytest\n"}, None),
        ("{}", {"pyproject.toml": "[project]\nname = 'x'\n"}, None),
    ],
    ids=["requirements-folder", "configured", "pip-compile", "named", "pyproject"],
)
def test_renovate_reads_python_files_by_name(make_repo, renovate, files, message):
    root = make_repo({**files, "renovate.json": renovate})
    result = run_rule(root, "TC0602")
    if message is None:
        assert (result.outcome, found(result)) == ("pass", [])
    else:
        [finding] = result.findings
        assert finding.message == message + HINT


def test_renovate_in_package_json_and_disabled_manager(make_repo):
    root = make_repo(
        {
            "package.json": '{"dependencies": {"x": "1"}, "renovate": '
            '{"extends": ["github>example/renovate-config"], "dockerfile": {"enabled": false}}}',
            "Dockerfile": "FROM node:22\n",
        }
    )
    result = run_rule(root, "TC0602")
    assert found(result) == [
        (
            "docker dependencies in the root directory are not covered by package.json, "
            'which sets "dockerfile": {"enabled": false}: remove that' + HINT,
            "Dockerfile",
            1,
            "error",
        )
    ]
    assert evidence(result) == [
        ("package.json", "covers npm in /"),
        (
            "package.json",
            "extends shared presets not read here: github>example/renovate-config",
        ),
    ]


def test_uv_project_updated_as_pip_warns(make_repo):
    root = make_repo(
        {
            "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['httpx']\n",
            "uv.lock": "version = 1\n",
            ".github/dependabot.yml": (
                f"version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "uv dependencies in the root directory are updated by a package-ecosystem: pip "
            "entry in .github/dependabot.yml, which does not update uv.lock: change it to "
            "package-ecosystem: uv" + HINT,
            "pyproject.toml",
            1,
            "warning",
        )
    ]


def test_dependabot_exclude_paths_leave_a_directory_out_on_purpose(make_repo):
    root = make_repo(
        {
            "package.json": DEPS,
            "samples/demo/package.json": DEPS,
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n"
                f"    exclude-paths: ['samples/**']\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/dependabot.yml",
            "npm in /samples/demo left out on purpose by exclude-paths",
        ),
        (".github/dependabot.yml", "covers npm in /"),
    ]


def test_tcop_lint_exclude_drops_fixture_manifests(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": "exclude: ['tests/fixtures/']\n",
            "tests/fixtures/app/package.json": DEPS,
            "go.mod": "module x\n",
            ".github/dependabot.yml": (
                f"version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n{SCHEDULE}"
            ),
        }
    )
    assert run_rule(root, "TC0602").outcome == "pass"


SBT = {
    "build.sbt": "libraryDependencies ++= AppDependencies()\n",
    "project/AppDependencies.scala": "object AppDependencies\n",
}


def test_sbt_build_without_an_updater_fails(make_repo):
    result = run_rule(make_repo(SBT), "TC0602")
    assert found(result) == [
        (
            "sbt dependencies in the root directory are not covered by a Dependabot or "
            "Renovate config: add .github/dependabot.yml with an updates entry with "
            "package-ecosystem: sbt and "
            "directory: /" + HINT,
            "build.sbt",
            1,
            "error",
        )
    ]


def test_sbt_build_covered_by_dependabot_renovate_or_scala_steward(make_repo):
    dependabot = f"version: 2\nupdates:\n  - package-ecosystem: sbt\n    directory: /\n{SCHEDULE}"
    steward_step = (
        CHECKOUT + "      - uses: scala-steward-org/scala-steward-action@v2\n"
    )
    for updater, path in [
        ({".github/dependabot.yml": dependabot}, ".github/dependabot.yml"),
        ({"renovate.json": '{"enabledManagers": ["sbt"]}'}, "renovate.json"),
        ({".scala-steward.conf": "updates.limit = 5\n"}, ".scala-steward.conf"),
        (
            {".github/workflows/steward.yml": steward_step},
            ".github/workflows/steward.yml",
        ),
    ]:
        result = run_rule(make_repo({**SBT, **updater}), "TC0602")
        # the workflow brings the github-actions ecosystem, which nothing covers
        assert [f.path for f in result.findings] == (
            [".github/workflows/steward.yml"] if "workflows" in path else []
        ), path
        assert (path, "covers sbt in /") in evidence(result), path


def test_package_ecosystem_scala_is_pointed_at_sbt(make_repo):
    dependabot = f"version: 2\nupdates:\n  - package-ecosystem: scala\n    directory: /\n{SCHEDULE}"
    root = make_repo({**SBT, ".github/dependabot.yml": dependabot})
    result = run_rule(root, "TC0602")
    messages = [(f.message.removesuffix(HINT), f.start_line) for f in result.findings]
    assert messages == [
        ("package-ecosystem: scala is not a Dependabot ecosystem: use sbt", 3),
        (
            (
                "sbt dependencies in the root directory are not covered by "
                ".github/dependabot.yml: add an updates entry with package-ecosystem: sbt "
                "and directory: /"
            ),
            1,
        ),
    ]


def test_scala_steward_does_not_cover_other_ecosystems(make_repo):
    root = make_repo({**SBT, "package.json": DEPS, ".scala-steward.conf": ""})
    result = run_rule(root, "TC0602")
    assert [(f.path, f.level) for f in result.findings] == [("package.json", "error")]
    assert evidence(result) == [(".scala-steward.conf", "covers sbt in /")]


# == TC0603 dependency-freshness ==============================================================


def _commit_at(root: Path, files: dict[str, str], days_ago: int, message: str) -> None:
    write_files(root, files)
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    stamp = f"@{int(when.timestamp())} +0000"
    git(root, "add", "-A")
    git(
        root,
        "commit",
        "-q",
        "-m",
        message,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )


def _stale_history(make_repo) -> Path:
    root = make_repo(commit=False)
    _commit_at(
        root,
        {
            "web/package.json": DEPS,
            "web/package-lock.json": "{}",
            "web/src/app.js": "v1\n",
            "api/go.mod": "module api\n",
            "api/main.go": "package main\n",
            "tools/package.json": DEPS,
            "tools/run.js": "v1\n",
        },
        400,
        "initial",
    )
    _commit_at(root, {"web/src/app.js": "v2\n", "README.md": "# app\n"}, 10, "work")
    return root


def test_stale_lockfile_while_code_changed_warns(make_repo):
    root = _stale_history(make_repo)
    result = run_rule(root, "TC0603")
    assert result.outcome == "warn"
    date = (dt.datetime.now(dt.UTC) - dt.timedelta(days=400)).date()
    assert found(result) == [
        (
            (
                f"npm dependencies in web/ were last changed on {date}, more than 180 days ago, "
                "while other files there kept changing: update them and merge the update pull "
                "requests"
            ),
            "web/package.json",
            1,
            "warning",
        )
    ]
    assert sorted(evidence(result)) == [
        (
            "api/go.mod",
            f"dependencies last changed {date}, and nothing else there since",
        ),
        (
            "tools/package.json",
            f"dependencies last changed {date}, and nothing else there since",
        ),
    ]


def test_fresh_lockfile_passes_and_max_age_is_an_option(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {"package.json": DEPS, "index.js": "v1\n"}, 100, "initial")
    _commit_at(root, {"index.js": "v2\n"}, 5, "work")
    result = run_rule(root, "TC0603")
    assert result.outcome == "pass"
    _commit_at(
        root,
        {".tcop-lint.yml": "rules:\n  TC0603:\n    options:\n      max-age-days: 30\n"},
        1,
        "config",
    )
    result = run_rule(root, "TC0603")
    assert [(f.path, f.level) for f in result.findings] == [("package.json", "warning")]


def test_bad_max_age_option_is_a_note_and_the_default_is_used(make_repo):
    root = make_repo(commit=False)
    _commit_at(
        root,
        {
            "package.json": DEPS,
            ".tcop-lint.yml": "rules:\n  TC0603:\n    options:\n      max-age-days: soon\n",
        },
        10,
        "initial",
    )
    result = run_rule(root, "TC0603")
    assert found(result) == [
        (
            (
                "option max-age-days is 'soon', not a whole number of days: set it like "
                "max-age-days: 180 (180 is used meanwhile)"
            ),
            None,
            None,
            "note",
        )
    ]


def test_renovate_empty_enabled_managers_means_all(make_repo):
    root = make_repo(
        {"Dockerfile": "FROM node:22\n", "renovate.json": '{"enabledManagers": []}'}
    )
    assert run_rule(root, "TC0602").outcome == "pass"


def test_root_manifest_stale_while_repository_active(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {"requirements.txt": "flask\n", "app.py": "v1\n"}, 300, "initial")
    _commit_at(root, {"lib/x.py": "v1\n"}, 2, "work")
    result = run_rule(root, "TC0603")
    assert [(f.path, f.start_line) for f in result.findings] == [
        ("requirements.txt", 1)
    ]


def test_sbt_dependencies_in_the_project_folder_count_for_freshness(make_repo):
    root = make_repo(commit=False)
    _commit_at(root, {**SBT, "app/Main.scala": "v1\n"}, 300, "initial")
    _commit_at(root, {"app/Main.scala": "v2\n"}, 200, "work")
    _commit_at(
        root,
        {"project/AppDependencies.scala": "object AppDependencies // 2\n"},
        3,
        "bump",
    )
    result = run_rule(root, "TC0603")
    date = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).date()
    assert (result.outcome, evidence(result)) == (
        "pass",
        [("build.sbt", f"dependencies last changed {date}")],
    )


def test_freshness_skipped_on_a_shallow_clone(make_repo, tmp_path):
    source = _stale_history(make_repo)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", source.as_uri(), str(clone))
    result = run_rule(clone, "TC0603")
    assert result.outcome == "skipped"
    assert result.reason == (
        "shallow clone: fetch full history (actions/checkout with fetch-depth: 0) to check "
        "dependency freshness"
    )


def test_freshness_skipped_without_git_or_commits(make_repo, tmp_path):
    plain = tmp_path / "plain"
    write_files(plain, {"package.json": DEPS})
    result = run_rule(plain, "TC0603")
    assert (result.outcome, result.reason) == (
        "skipped",
        "not a git repository, so there is no history to read",
    )
    empty = make_repo({"package.json": DEPS}, commit=False)
    result = run_rule(empty, "TC0603")
    assert (result.outcome, result.reason) == (
        "skipped",
        "the repository has no commits yet",
    )


def test_freshness_skipped_without_package_manifests(make_repo):
    result = run_rule(make_repo({"Dockerfile": "FROM x\n"}), "TC0603")
    assert (result.outcome, result.reason) == ("skipped", "no package manifests found")


# == TC0604 static-analysis ===================================================================


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


# == TC0605 secret-scanning ===================================================================


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


TRIVY_ACTION = (
    "jobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: aquasecurity/trivy-action@6e7b7d1fd3e4fef0c5fa8cce1229c54b2c9bd0d8\n"
    "        with:\n          scan-type: {scan_type}\n{scanners}"
    "          format: sarif\n      - run: echo done\n"
)


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


def test_no_secret_scanner_and_no_ci(make_repo):
    result = run_rule(make_repo({"a.py": ""}), "TC0605")
    assert [(f.path, f.start_line) for f in result.findings] == [(None, None)]


# == TC0606 workflow-permissions ==============================================================

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


# == TC0607 pinned-actions ====================================================================


def test_pinned_and_trusted_actions_pass(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  build:\n    steps:\n"
                "      - uses: actions/checkout@v4\n"
                f"      - uses: tj-actions/changed-files@{SHA}  # v46\n"
                "      - uses: ./.github/actions/setup\n"
                "      - uses: docker://alpine@sha256:" + "a" * 64 + "\n"
                "      - run: make\n"
            )
        }
    )
    result = run_rule(root, "TC0607")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", "4 action reference(s) pinned, local or trusted")
    ]


def test_unpinned_third_party_action_warns_on_the_uses_line(make_repo):
    root = make_repo(
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  build:\n    steps:\n      - name: changed\n"
                "        uses: tj-actions/changed-files@v44\n"
                "      - uses: aquasecurity/trivy-action@master\n"
                "      - uses: someone/thing@a1b2c3d\n"
                "      - uses: docker://alpine:3.19\n"
            )
        }
    )
    result = run_rule(root, "TC0607")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "tj-actions/changed-files@v44 is not pinned to a full commit SHA: pin to a full "
                "commit SHA, e.g. tj-actions/changed-files@<40-hex> # v44"
            ),
            ".github/workflows/ci.yml",
            6,
            "warning",
        ),
        (
            (
                "aquasecurity/trivy-action@master is not pinned to a full commit SHA: pin to a "
                "full commit SHA, e.g. aquasecurity/trivy-action@<40-hex> # master"
            ),
            ".github/workflows/ci.yml",
            7,
            "warning",
        ),
        (
            (
                "someone/thing@a1b2c3d is pinned to a short SHA, which can be ambiguous: pin to a "
                "full commit SHA, e.g. someone/thing@<40-hex> # a1b2c3d"
            ),
            ".github/workflows/ci.yml",
            8,
            "warning",
        ),
        (
            (
                "docker://alpine:3.19 is not pinned to an image digest: pin it, e.g. "
                "docker://alpine@sha256:<digest>"
            ),
            ".github/workflows/ci.yml",
            9,
            "warning",
        ),
    ]


def test_reusable_workflow_job_and_composite_action(make_repo):
    root = make_repo(
        {
            ".github/workflows/release.yml": (
                "on: push\njobs:\n  shared:\n"
                "    uses: example-org/workflows/.github/workflows/release.yml@main\n"
                "    secrets: inherit\n"
            ),
            ".github/actions/setup/action.yml": (
                "name: setup\nruns:\n  using: composite\n  steps:\n"
                "    - uses: pnpm/action-setup@v4\n"
            ),
        }
    )
    result = run_rule(root, "TC0607")
    assert [
        (f.path, f.start_line, f.message.split(" is ")[0]) for f in result.findings
    ] == [
        (
            ".github/workflows/release.yml",
            4,
            "example-org/workflows/.github/workflows/release.yml@main",
        ),
        (".github/actions/setup/action.yml", 5, "pnpm/action-setup@v4"),
    ]


def test_github_owned_actions_need_shas_when_not_trusted(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "rules:\n  pinned-actions:\n    options:\n      trust-github-owned: false\n"
            ),
            ".github/workflows/ci.yml": (
                "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n"
                "      - uses: github/codeql-action/init@v3\n"
            ),
        }
    )
    result = run_rule(root, "TC0607")
    assert [(f.start_line, f.message.split(" is ")[0]) for f in result.findings] == [
        (4, "actions/checkout@v4"),
        (5, "github/codeql-action/init@v3"),
    ]


def test_pinned_actions_skipped_without_workflows(make_repo):
    result = run_rule(make_repo({"Jenkinsfile": "pipeline {}\n"}), "TC0607")
    assert (result.outcome, result.reason) == (
        "skipped",
        "no GitHub Actions workflows or action.yml files",
    )
