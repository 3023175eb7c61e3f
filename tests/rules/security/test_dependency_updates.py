"""TC0602 dependency-updates."""

from __future__ import annotations

import pytest
from conftest import git, run_rule, write_files

from . import CHECKOUT, DEPS, HINT, SBT, SCHEDULE, evidence, found


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
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "npm dependencies in admin/ are not covered by .github/dependabot.yml: add an "
            "updates entry with package-ecosystem: npm and directory: /admin" + HINT,
            "admin/package.json",
            1,
            "warning",
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
    assert result.outcome == "warn"
    assert found(result) == [
        (
            "docker dependencies in the root directory are not covered by renovate.json5, "
            'whose enabledManagers leaves out dockerfile: add "dockerfile" to enabledManagers'
            + HINT,
            "Dockerfile",
            1,
            "warning",
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
            "main.tf": (
                "terraform {\n  required_providers {\n"
                '    aws = {source = "hashicorp/aws", version = "~> 5.0"}\n  }\n}\n'
            ),
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
                "{interval: weekly}}}"
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
    assert parse.message.endswith(": fix it so Dependabot can read the file")
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


@pytest.mark.parametrize(
    ("files", "remote"),
    [
        ({".gitlab-ci.yml": "test: {script: [go test]}\n"}, None),
        ({".github/CODEOWNERS": "* @team\n"}, "https://gitlab.com/org/x.git"),
        ({}, "https://bitbucket.org/org/x.git"),
    ],
    ids=["gitlab-ci", "gitlab-remote", "bitbucket-remote"],
)
def test_a_project_off_github_without_config_is_pointed_at_renovate(
    make_repo, files, remote
):
    """Dependabot runs only on GitHub; the host is the one init writes for
    (facts.code_host.hosted_on)."""
    root = make_repo({"go.mod": "module x\n", **files})
    if remote:
        git(root, "remote", "add", "origin", remote)
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
            "warning",
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
            (
                "uv dependencies in the root directory are updated by a package-ecosystem: pip "
                "entry in .github/dependabot.yml, which does not update uv.lock: change it to "
                "package-ecosystem: uv"
            ),
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
    assert [(f.path, f.level) for f in result.findings] == [("package.json", "warning")]
    assert evidence(result) == [(".scala-steward.conf", "covers sbt in /")]


def test_pyup_covers_python_requirements_and_a_dockerfile_beside_it_warns(make_repo):
    """The PyUp bot keeps requirements files current; what it does not reach only warns."""
    root = make_repo(
        {
            "requirements.txt": "flask==3.0.0\n",
            ".pyup.yml": "update: all\nschedule: every week\n",
            "Dockerfile": "FROM python:3.12-slim\n",
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "warn"
    assert [(f.path, f.level, f.id) for f in result.findings] == [
        ("Dockerfile", "warning", "uncovered-ecosystem")
    ]
    assert evidence(result) == [(".pyup.yml", "covers pip in /")]


def test_renovate_empty_enabled_managers_means_all(make_repo):
    root = make_repo(
        {"Dockerfile": "FROM node:22\n", "renovate.json": '{"enabledManagers": []}'}
    )
    assert run_rule(root, "TC0602").outcome == "pass"


# -- issue 15: nothing to update is not uncovered; stale entries; fixes that fit ------------------


def test_helm_chart_without_dependencies_is_not_uncovered(make_repo):
    """Issue 15, pattern 18: a chart of templates alone has nothing for an updater."""
    root = make_repo(
        {
            "Dockerfile": "FROM nginx:1.27\n",
            "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "charts/web/values.yaml": "replicaCount: 2\nimage:\n  repository: web\n  tag: ''\n",
            "charts/web/templates/deployment.yaml": "kind: Deployment\n",
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n"
                f"  - package-ecosystem: docker\n    directory: /\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert (result.outcome, found(result)) == ("pass", [])
    assert evidence(result) == [(".github/dependabot.yml", "covers docker in /")]


TERRAFORM_VERSIONS = (
    "terraform {\n  required_providers {\n"
    '    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n'
    "  }\n}\n"
)


def test_terraform_versions_linked_into_a_covered_folder_is_not_uncovered(make_repo):
    """Issue 15, pattern 19: envs/prod/versions.tf is a symbolic link to the shared one."""
    root = make_repo(
        {
            "modules/shared/versions.tf": TERRAFORM_VERSIONS,
            "envs/prod/main.tf": 'module "app" {\n  source = "../../modules/app"\n}\n',
            "modules/app/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n  - package-ecosystem: terraform\n"
                f"    directory: /modules/shared\n{SCHEDULE}"
            ),
        },
        commit=False,
    )
    (root / "envs/prod/versions.tf").symlink_to("../../modules/shared/versions.tf")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    result = run_rule(root, "TC0602")
    assert (result.outcome, found(result)) == ("pass", [])
    assert evidence(result) == [
        (".github/dependabot.yml", "covers terraform in /modules/shared")
    ]


def test_terraform_module_without_version_constraints_is_not_uncovered(make_repo):
    """Issue 15, pattern 19: providers and modules that float have nothing to update."""
    root = make_repo(
        {
            "go.mod": "module x\n",
            "infra/providers.tf": (
                'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }'
                '\n  }\n}\nprovider "aws" {\n  region = "eu-west-2"\n}\n'
            ),
            "infra/main.tf": (
                'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
                'resource "aws_s3_object" "o" {\n  source = "dist/site.zip"\n}\n'
            ),
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n"
                f"  - package-ecosystem: gomod\n    directory: /\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert (result.outcome, found(result)) == ("pass", [])
    assert evidence(result) == [(".github/dependabot.yml", "covers gomod in /")]


def test_dependabot_entry_for_a_folder_without_a_manifest_is_a_stale_note(make_repo):
    """Issue 15, pattern 19: an entry left behind when a project moved."""
    root = make_repo(
        {
            "package.json": DEPS,
            "services/api/go.mod": "module api\n",
            ".github/dependabot.yml": (
                "version: 2\nupdates:\n"
                f"  - package-ecosystem: npm\n    directory: /\n{SCHEDULE}"
                f"  - package-ecosystem: npm\n    directory: /old-app\n{SCHEDULE}"
                f"  - package-ecosystem: gomod\n    directory: /services/api\n{SCHEDULE}"
                f"  - package-ecosystem: gomod\n    directory: /services/web\n{SCHEDULE}"
                # globs may match nothing on purpose; ecosystems tcop-lint does not detect
                # are not judged
                f"  - package-ecosystem: npm\n    directories: ['/packages/*']\n{SCHEDULE}"
                f"  - package-ecosystem: pub\n    directory: /app\n{SCHEDULE}"
            ),
        }
    )
    result = run_rule(root, "TC0602")
    assert result.outcome == "warn"
    assert found(result) == [
        (
            (
                "the npm entry for /old-app finds nothing to update: no npm manifest declaring "
                "dependencies is in or below /old-app; remove the entry, or point it at the "
                "folder that now holds the manifest"
            ),
            ".github/dependabot.yml",
            8,
            "note",
        ),
        (
            (
                "the gomod entry for /services/web finds nothing to update: no gomod manifest "
                "declaring dependencies is in or below /services/web; remove the entry, or point "
                "it at the folder that now holds the manifest"
            ),
            ".github/dependabot.yml",
            16,
            "note",
        ),
    ]
    assert [f.id for f in result.findings] == ["stale-entry", "stale-entry"]


@pytest.mark.parametrize(
    ("files", "fix"),
    [
        (
            {
                "requirements/base.in": "django\n",
                "requirements/base.txt": "django==5.0.6\n",
                "requirements/dev.in": "-r base.in\npytest\n",
                "requirements/dev.txt": "django==5.0.6\npytest==8.2.0\n",
            },
            (
                "Renovate's pip-compile manager reads no file until managerFilePatterns "
                "names the files pip-compile writes (it finds their .in sources from their "
                'headers): add "pip-compile": {"managerFilePatterns": ["requirements/*.txt"]}'
            ),
        ),
        (
            {"requirements/prod.in": "flask\n", "requirements/test.in": "pytest\n"},
            (
                "Renovate's pip_requirements manager reads only files named like "
                'requirements*.txt: add "pip_requirements": {"managerFilePatterns": '
                '["requirements/*.in"]}'
            ),
        ),
    ],
    ids=["compiled", "sources-only"],
)
def test_renovate_python_fix_names_the_files_there_are(make_repo, files, fix):
    """Issue 15, pattern 20: the suggested patterns match the files the message is about,
    and applying the fix covers them."""
    root = make_repo({**files, "renovate.json": '{"extends": ["config:recommended"]}'})
    result = run_rule(root, "TC0602")
    assert found(result) == [
        (
            "pip dependencies in the root directory are not covered by renovate.json: "
            + fix
            + HINT,
            min(files),
            1,
            "error",
        )
    ]
    manager_config = fix[fix.index('"p') : fix.rindex("}") + 1]
    write_files(
        root,
        {
            "renovate.json": '{"extends": ["config:recommended"], '
            + manager_config
            + "}"
        },
    )
    git(root, "commit", "-qam", "apply the fix")
    assert (run_rule(root, "TC0602").outcome, found(run_rule(root, "TC0602"))) == (
        "pass",
        [],
    )
