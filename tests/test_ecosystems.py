"""Ecosystem and directory detection, in Dependabot's terms, on real repository layouts."""

from __future__ import annotations

import pytest
from conftest import git

from tcop_lint.facts.ecosystems import EcosystemDir, dependabot_directory, ecosystems
from tcop_lint.globs import directory_matches, normalise_directory
from tcop_lint.repository import Repository

DEPS = '{"dependencies": {"express": "^4.19.0"}}'


def detect(make_repo, files: dict[str, str]) -> list[tuple[str, str, str]]:
    repo = Repository(make_repo(files))
    return [(e.ecosystem, e.directory, e.manifest) for e in ecosystems(repo)]


def entry(make_repo, files: dict[str, str], ecosystem: str) -> EcosystemDir:
    repo = Repository(make_repo(files))
    [found] = [e for e in ecosystems(repo) if e.ecosystem == ecosystem]
    return found


def test_empty_repository_has_no_ecosystems(make_repo):
    assert detect(make_repo, {"README.md": "# hi\n"}) == []


def test_node_monorepo_without_workspaces_lists_every_directory(make_repo):
    found = detect(
        make_repo,
        {
            "package.json": DEPS,
            "web/package.json": DEPS,
            "services/api/package.json": DEPS,
            "services/api/package-lock.json": "{}",
        },
    )
    assert found == [
        ("npm", "/", "package.json"),
        ("npm", "/services/api", "services/api/package.json"),
        ("npm", "/web", "web/package.json"),
    ]


def test_npm_entry_lists_its_lockfiles(make_repo):
    found = entry(
        make_repo,
        {"web/package.json": DEPS, "web/yarn.lock": "", "web/src/a.js": ""},
        "npm",
    )
    assert found == EcosystemDir(
        "npm", "/web", "web/package.json", ("web/package.json", "web/yarn.lock")
    )
    assert found.path == "web"


def test_npm_workspace_members_are_covered_by_the_root(make_repo):
    repo = Repository(
        make_repo(
            {
                "package.json": (
                    '{"private": true, "workspaces": ["packages/*", "!packages/skip"]}'
                ),
                "packages/a/package.json": DEPS,
                "packages/b/package.json": DEPS,
                "packages/skip/package.json": DEPS,
                "tools/package.json": DEPS,
            }
        )
    )
    listed = {e.directory: e.files for e in ecosystems(repo)}
    assert listed == {
        "/": ("package.json", "packages/a/package.json", "packages/b/package.json"),
        "/packages/skip": ("packages/skip/package.json",),
        "/tools": ("tools/package.json",),
    }


def test_yarn_workspaces_object_form_and_deep_globs(make_repo):
    found = detect(
        make_repo,
        {
            "package.json": '{"workspaces": {"packages": ["apps/**"]}}',
            "apps/web/package.json": DEPS,
            "apps/group/api/package.json": DEPS,
        },
    )
    assert found == [("npm", "/", "package.json")]


def test_pnpm_workspace_file_and_lerna_packages(make_repo):
    found = detect(
        make_repo,
        {
            "package.json": '{"devDependencies": {"typescript": "5"}}',
            "pnpm-workspace.yaml": "packages:\n  - 'libs/*'\n",
            "libs/a/package.json": DEPS,
            "tools/lerna/package.json": '{"devDependencies": {"lerna": "8"}}',
            "tools/lerna/lerna.json": '{"packages": ["pkgs/*"]}',
            "tools/lerna/pkgs/x/package.json": DEPS,
        },
    )
    assert found == [
        ("npm", "/", "package.json"),
        ("npm", "/tools/lerna", "tools/lerna/package.json"),
    ]


def test_package_json_without_dependencies_is_not_an_ecosystem(make_repo):
    found = detect(
        make_repo,
        {"package.json": '{"name": "x", "scripts": {"test": "node t.js"}}'},
    )
    assert found == []


def test_installed_and_vendored_code_is_skipped_but_fixtures_are_not(make_repo):
    found = detect(
        make_repo,
        {
            "node_modules/left-pad/package.json": DEPS,
            "vendor/github.com/x/y/go.mod": "module y\n",
            ".venv/lib/python3.12/site-packages/pkg/requirements.txt": "six\n",
            "bower_components/a/package.json": DEPS,
            "tests/fixtures/app/package.json": DEPS,
        },
    )
    assert found == [("npm", "/tests/fixtures/app", "tests/fixtures/app/package.json")]


def test_bun_lock_alone_is_the_bun_ecosystem(make_repo):
    found = detect(
        make_repo,
        {
            "package.json": DEPS,
            "bun.lock": "{}",
            "old/package.json": DEPS,
            "old/bun.lock": "{}",
            "old/yarn.lock": "",
        },
    )
    assert found == [("bun", "/", "package.json"), ("npm", "/old", "old/package.json")]


def test_python_manifests(make_repo):
    found = detect(
        make_repo,
        {
            "requirements.txt": "flask\n",
            "requirements-dev.txt": "pytest\n",
            "docs/requirements.txt": "sphinx\n",
            "api/requirements/base.txt": "django\n",
            "api/requirements/dev.in": "pytest\n",
            "worker/Pipfile": "[packages]\ncelery = '*'\n",
            "lib/setup.py": "from setuptools import setup\nsetup(install_requires=['x'])\n",
            "poetry-app/pyproject.toml": "[tool.poetry.dependencies]\npython = '^3.12'\n",
            "poetry-app/poetry.lock": "",
        },
    )
    assert found == [
        ("pip", "/", "requirements.txt"),
        ("pip", "/api", "api/requirements/base.txt"),
        ("pip", "/docs", "docs/requirements.txt"),
        ("pip", "/lib", "lib/setup.py"),
        ("pip", "/poetry-app", "poetry-app/pyproject.toml"),
        ("pip", "/worker", "worker/Pipfile"),
    ]


def test_tool_only_python_config_is_not_an_ecosystem(make_repo):
    found = detect(
        make_repo,
        {
            "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
            "setup.cfg": "[flake8]\nmax-line-length = 100\n",
            "setup.py": "# placeholder\n",
        },
    )
    assert found == []


def test_uv_lock_makes_the_uv_ecosystem_and_uv_workspaces_fold_members(make_repo):
    found = entry(
        make_repo,
        {
            "pyproject.toml": (
                "[project]\nname = 'app'\n[tool.uv.workspace]\nmembers = ['packages/*']\n"
            ),
            "uv.lock": "version = 1\n",
            "packages/core/pyproject.toml": "[project]\nname = 'core'\n",
        },
        "uv",
    )
    assert found == EcosystemDir(
        "uv",
        "/",
        "pyproject.toml",
        ("packages/core/pyproject.toml", "pyproject.toml", "uv.lock"),
    )


def test_broken_pyproject_is_listed(make_repo):
    found = detect(make_repo, {"pyproject.toml": "[project\n"})
    assert found == [("pip", "/", "pyproject.toml")]


def test_other_single_directory_ecosystems(make_repo):
    found = detect(
        make_repo,
        {
            "Gemfile": "source 'https://rubygems.org'\n",
            "Gemfile.lock": "",
            "go.mod": "module x\n",
            "tools/go.mod": "module tools\n",
            "composer.json": '{"require": {}}',
            "charts/app/Chart.yaml": (
                "apiVersion: v2\nname: app\ndependencies:\n"
                "  - name: redis\n    version: 18.1.0\n"
                "    repository: https://charts.bitnami.com/bitnami\n"
            ),
        },
    )
    assert found == [
        ("bundler", "/", "Gemfile"),
        ("composer", "/", "composer.json"),
        ("gomod", "/", "go.mod"),
        ("gomod", "/tools", "tools/go.mod"),
        ("helm", "/charts/app", "charts/app/Chart.yaml"),
    ]


def test_cargo_workspace_members_fold_into_the_workspace(make_repo):
    found = detect(
        make_repo,
        {
            "Cargo.toml": "[workspace]\nmembers = ['crates/*']\nexclude = ['crates/skip']\n",
            "crates/skip/Cargo.toml": "[package]\nname = 'skip'\n",
            "Cargo.lock": "",
            "crates/a/Cargo.toml": "[package]\nname = 'a'\n",
            "other/Cargo.toml": "[package]\nname = 'other'\n",
        },
    )
    assert found == [
        ("cargo", "/", "Cargo.toml"),
        ("cargo", "/crates/skip", "crates/skip/Cargo.toml"),
        ("cargo", "/other", "other/Cargo.toml"),
    ]


def test_maven_modules_fold_into_their_parent(make_repo):
    found = detect(
        make_repo,
        {
            "pom.xml": "<project><modules><module>core</module>"
            "<!-- <module>old</module> --><module>web/</module></modules></project>",
            "core/pom.xml": "<project><modules><module>sub</module></modules></project>",
            "core/sub/pom.xml": "<project/>",
            "web/pom.xml": "<project/>",
            "old/pom.xml": "<project/>",
        },
    )
    assert found == [("maven", "/", "pom.xml"), ("maven", "/old", "old/pom.xml")]


def test_gradle_projects_fold_into_the_settings_directory(make_repo):
    found = detect(
        make_repo,
        {
            "settings.gradle.kts": '// include("standalone")\ninclude("app", ":lib:core")\n',
            "lib/core/build.gradle.kts": "",
            "build.gradle.kts": "",
            "app/build.gradle.kts": "",
            "gradle/libs.versions.toml": "[versions]\n",
            "standalone/build.gradle": "",
        },
    )
    assert found == [
        ("gradle", "/", "build.gradle.kts"),
        ("gradle", "/standalone", "standalone/build.gradle"),
    ]


def test_gradle_buildsrc_and_included_builds_fold_into_the_including_build(make_repo):
    """Dependabot reads buildSrc (implicit) and every includeBuild with the build that
    includes it, recursively (dependabot-core's gradle FileFetcher#included_builds)."""
    found = detect(
        make_repo,
        {
            "settings.gradle.kts": (
                'pluginManagement { includeBuild("build-logic") }\n'
                'includeBuild("../elsewhere")\ninclude("app")\n'
            ),
            "build.gradle.kts": "",
            "app/build.gradle.kts": "",
            "buildSrc/build.gradle.kts": "",
            "build-logic/settings.gradle.kts": 'include("convention")\n',
            "build-logic/convention/build.gradle.kts": "",
            "build-logic/buildSrc/build.gradle": "",
            "tools/buildSrc/build.gradle.kts": "",  # tools/ is no build
            "service/build.gradle": "",  # a build of its own, with its own buildSrc
            "service/buildSrc/build.gradle": "",
        },
    )
    assert found == [
        ("gradle", "/", "build.gradle.kts"),
        ("gradle", "/service", "service/build.gradle"),
        ("gradle", "/tools/buildSrc", "tools/buildSrc/build.gradle.kts"),
    ]


def test_dotnet_projects_fold_into_the_solution_directory(make_repo):
    found = detect(
        make_repo,
        {
            "App.sln": (
                'Project("{FAE04EC0}") = "Api", "src\\Api\\Api.csproj", "{1}"\nEndProject\n'
                'Project("{F2A71F9B}") = "Lib", "src\\Lib\\Lib.fsproj", "{2}"\nEndProject\n'
            ),
            "src/Lib/packages.lock.json": "{}",
            "tools/Tools.slnx": '<Solution><Project Path="Gen/Gen.csproj" /></Solution>',
            "tools/Gen/Gen.csproj": "<Project/>",
            "src/Api/Api.csproj": "<Project/>",
            "src/Lib/Lib.fsproj": "<Project/>",
            "legacy/Old/packages.config": "<packages/>",
        },
    )
    assert found == [
        ("nuget", "/", "App.sln"),
        ("nuget", "/legacy/Old", "legacy/Old/packages.config"),
        ("nuget", "/tools", "tools/Tools.slnx"),
    ]


def test_mix_umbrella(make_repo):
    found = detect(
        make_repo,
        {
            "mix.exs": 'def project, do: [apps_path: "apps"]\n',
            "apps/web/mix.exs": "defmodule Web.MixProject do\nend\n",
        },
    )
    assert found == [("mix", "/", "mix.exs")]


SBT_BUILD = {
    "build.sbt": "lazy val root = project.settings(libraryDependencies ++= AppDependencies())\n",
    "project/AppDependencies.scala": "object AppDependencies\n",
    "project/plugins.sbt": 'addSbtPlugin("uk.gov.hmrc" % "sbt-auto-build" % "3.24.0")\n',
    "project/build.properties": "sbt.version=1.10.5\n",
    "project/project/metals.sbt": "// written by an editor\n",
    "app/Main.scala": "object Main\n",
}


def test_sbt_build_includes_the_project_folder(make_repo):
    found = entry(make_repo, SBT_BUILD, "sbt")
    assert found == EcosystemDir(
        "sbt",
        "/",
        "build.sbt",
        (
            "build.sbt",
            "project/AppDependencies.scala",
            "project/build.properties",
            "project/plugins.sbt",
        ),
    )


def test_sbt_subprojects_fold_into_their_build_but_nested_builds_stand_alone(make_repo):
    repo = Repository(
        make_repo(
            {
                **SBT_BUILD,
                "modules/api/build.sbt": "libraryDependencies += x\n",
                "examples/demo/build.sbt": "name := demo\n",
                "examples/demo/project/build.properties": "sbt.version=1.10.5\n",
                "tools/a/build.sbt": "name := a\n",
            }
        )
    )
    listed = {e.directory: e.files for e in ecosystems(repo) if e.ecosystem == "sbt"}
    assert listed == {
        "/": (
            "build.sbt",
            "modules/api/build.sbt",
            "project/AppDependencies.scala",
            "project/build.properties",
            "project/plugins.sbt",
            "tools/a/build.sbt",
        ),
        "/examples/demo": (
            "examples/demo/build.sbt",
            "examples/demo/project/build.properties",
        ),
    }


def test_sibling_sbt_builds_without_a_root_build(make_repo):
    found = detect(
        make_repo, {"a/build.sbt": "name := a\n", "b/Build.sbt": "name := b\n"}
    )
    assert found == [("sbt", "/a", "a/build.sbt"), ("sbt", "/b", "b/Build.sbt")]


def test_dockerfiles_by_the_names_people_use(make_repo):
    found = detect(
        make_repo,
        {
            "Dockerfile": "FROM python:3.12\n",
            "Dockerfile.dev": "FROM python:3.12\n",
            "services/api/api.dockerfile": "FROM node:22\n",
            "services/db/Containerfile": "FROM postgres:16\n",
            "docs/dockerfile.md": "# notes\n",
            ".dockerignore": "node_modules\n",
            "web/Dockerfile.dockerignore": "*\n",
        },
    )
    assert found == [
        ("docker", "/", "Dockerfile"),
        ("docker", "/services/api", "services/api/api.dockerfile"),
        ("docker", "/services/db", "services/db/Containerfile"),
    ]


def test_developer_workspace_images_are_not_dependencies(make_repo):
    """Gitpod's and dev containers' images never ship (NHS.UK's service manual has only
    a .gitpod.Dockerfile): no docker dependencies for an updater to cover."""
    found = detect(
        make_repo,
        {
            ".gitpod.Dockerfile": "FROM gitpod/workspace-full\n",
            ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/python:3\n",
            "api/.devcontainer/Dockerfile": "FROM node:22\n",
            "api/Dockerfile": "FROM node:22\n",
        },
    )
    assert found == [("docker", "/api", "api/Dockerfile")]


def test_compose_files_count_only_with_an_image(make_repo):
    found = detect(
        make_repo,
        {
            "docker-compose.yml": "services:\n  app:\n    build: .\n",
            "deploy/compose.prod.yaml": "services:\n  db:\n    image: postgres:16\n",
            "broken/docker-compose.yml": "services: [\n",
        },
    )
    assert found == [("docker-compose", "/deploy", "deploy/compose.prod.yaml")]


def test_github_actions_root_and_composite_actions(make_repo):
    found = detect(
        make_repo,
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  x:\n    steps:\n      - run: make\n",
            ".github/workflows/release.yaml": (
                "on: push\njobs:\n  x:\n    uses: org/wf/.github/workflows/r.yml@v1\n"
            ),
            ".github/actions/setup/action.yml": (
                "runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n"
            ),
            ".github/actions/local-only/action.yml": (
                "runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/setup\n"
                "    - run: echo hi\n      shell: bash\n"
            ),
            "js-action/action.yml": "runs:\n  using: node20\n  main: index.js\n",
        },
    )
    assert found == [
        ("github-actions", "/", ".github/workflows/ci.yml"),
        (
            "github-actions",
            "/.github/actions/setup",
            ".github/actions/setup/action.yml",
        ),
    ]


def test_workflows_that_use_no_actions_are_not_an_ecosystem(make_repo):
    found = detect(
        make_repo,
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  x:\n    steps:\n      - run: make\n"
                "      - uses: ./.github/actions/local\n"
                "      - uses: docker://alpine:3.20\n"
            ),
        },
    )
    assert found == []
    broken = detect(make_repo, {".github/workflows/ci.yml": "jobs: [\n"})
    assert broken == [("github-actions", "/", ".github/workflows/ci.yml")]


def test_root_action_yml_alone_is_github_actions_root(make_repo):
    found = detect(
        make_repo,
        {"action.yml": "runs:\n  using: composite\n  steps:\n    - uses: x/y@v1\n"},
    )
    assert found == [("github-actions", "/", "action.yml")]


def test_terraform_directories_with_providers_modules_or_a_lockfile(make_repo):
    found = detect(
        make_repo,
        {
            "infra/versions.tf": (
                'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n'
                '    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n'
                "    }\n  }\n}\n"
            ),
            "infra/main.tf": 'module "vpc" {\n  source = "./modules/vpc"\n}\n',
            "infra/modules/vpc/main.tf": 'resource "aws_vpc" "x" {}\n',
            "envs/prod/main.tf": (
                'module "app" {\n  source  = "terraform-aws-modules/ecs/aws"\n'
                '  version = "5.11.0"\n}\n'
            ),
            "envs/staging/main.tf": (
                'module "app" {\n'
                '  source = "git::https://github.com/example/app.git?ref=v1.4.0"\n}\n'
            ),
            "envs/dev/main.tf": 'resource "null_resource" "x" {}\n',
            "envs/dev/.terraform.lock.hcl": "",
            "infra/.terraform/modules/x/main.tf": (
                'terraform {\n  required_providers {\n    x = { version = "1" }\n  }\n}\n'
            ),
        },
    )
    assert found == [
        ("terraform", "/envs/dev", "envs/dev/main.tf"),
        ("terraform", "/envs/prod", "envs/prod/main.tf"),
        ("terraform", "/envs/staging", "envs/staging/main.tf"),
        ("terraform", "/infra", "infra/versions.tf"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # providers and modules with no version constraint float: nothing to update
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
        'module "app" {\n  source = "terraform-aws-modules/ecs/aws"\n}\n',
        'module "app" {\n  source = "git::https://github.com/example/app.git?ref=main"\n}\n',
        # a resource's source and version attributes are not dependencies
        'resource "aws_s3_object" "site" {\n  source  = "dist/site.zip"\n  version = "x"\n}\n',
        'terraform {\n  required_version = ">= 1.5"\n}\n',
        '# required_providers {\n#   aws = { version = "~> 5.0" }\n',
    ],
    ids=[
        "provider",
        "registry-module",
        "git-branch",
        "resource",
        "cli-version",
        "comment",
    ],
)
def test_terraform_without_version_constraints_has_nothing_to_update(make_repo, text):
    assert detect(make_repo, {"infra/main.tf": text}) == []


def test_terraform_versions_linked_from_a_shared_folder_are_updated_there(make_repo):
    """A folder whose versions.tf is a symbolic link into another is updated with it."""
    root = make_repo(
        {
            "modules/shared/versions.tf": (
                'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws",'
                ' version = "~> 5.0" }\n  }\n}\n'
            ),
            "envs/prod/main.tf": 'module "app" {\n  source = "../../modules/app"\n}\n',
        },
        commit=False,
    )
    (root / "envs/prod/versions.tf").symlink_to("../../modules/shared/versions.tf")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    repo = Repository(root)
    assert [(e.ecosystem, e.directory) for e in ecosystems(repo)] == [
        ("terraform", "/modules/shared")
    ]


@pytest.mark.parametrize(
    ("files", "listed"),
    [
        ({"Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n"}, False),
        (
            {
                "Chart.yaml": "apiVersion: v2\nname: app\n",
                "values.yaml": "image:\n  repository: nginx\n  tag: ''\n",
            },
            False,
        ),
        (
            {
                "Chart.yaml": "apiVersion: v2\nname: app\n",
                "values.yaml": "web:\n  image:\n    repository: nginx\n    tag: '1.27.0'\n",
            },
            True,
        ),
        (
            {
                "Chart.yaml": "apiVersion: v2\nname: app\n",
                "values.prod.yaml": "sidecars:\n  - image: busybox:1.36\n",
            },
            True,
        ),
        (
            {
                "Chart.yaml": "apiVersion: v1\nname: app\n",
                "requirements.yaml": "dependencies:\n  - name: redis\n    version: 10.5.7\n",
            },
            True,
        ),
        ({"Chart.yaml": "apiVersion: v2\nname: app\ndependencies: [\n"}, True),
    ],
    ids=[
        "no-dependencies",
        "untagged-image",
        "tagged-image",
        "image-string",
        "helm-2-requirements",
        "unreadable",
    ],
)
def test_helm_charts_with_something_to_update(make_repo, files, listed):
    """dependabot-core's helm updater updates Chart.yaml dependencies and images with tags
    in values files; a chart with neither has nothing for it to update."""
    found = detect(
        make_repo, {f"charts/app/{name}": text for name, text in files.items()}
    )
    assert found == (
        [("helm", "/charts/app", "charts/app/Chart.yaml")] if listed else []
    )


def test_results_are_memoised(make_repo):
    repo = Repository(make_repo({"go.mod": "module x\n"}))
    assert ecosystems(repo) is ecosystems(repo)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "/"),
        (".", "/"),
        ("/", "/"),
        ("web", "/web"),
        ("./web/", "/web"),
        ("/a//b/", "/a/b"),
    ],
)
def test_normalise_directory(value, expected):
    assert normalise_directory(value) == expected


def test_dependabot_directory():
    assert dependabot_directory("") == "/"
    assert dependabot_directory("services/api") == "/services/api"


@pytest.mark.parametrize(
    ("pattern", "directory", "matches"),
    [
        ("/packages/*", "/packages/a", True),
        ("/packages/*", "/packages/a/b", False),
        ("/packages/*", "/packages", False),
        ("packages/*", "/packages/a", True),
        ("**/*", "/", True),
        ("**/*", "/a/b/c", True),
        ("/apps/**", "/apps/x/y", True),
        ("/apps/**/api", "/apps/api", True),
        ("/apps/**/api", "/apps/a/b/api", True),
        ("/apps/**/api", "/apps/a/b/web", False),
        ("/lib-*", "/lib-core", True),
        ("/lib-*", "/app", False),
        ("/", "/", True),
        ("/web", "/web", True),
        ("/web", "/Web", False),
    ],
)
def test_directory_matches(pattern, directory, matches):
    assert directory_matches(pattern, directory) is matches
