"""CI facts: which files are pipelines, and which lines CI runs, directly or through scripts."""

from __future__ import annotations

import time

import pytest
from conftest import make_git_repo

from tcop_lint.facts.ci import (
    CiFile,
    CommandLine,
    ci_commands,
    ci_files,
    find_in_ci,
    make_calls,
    script_calls,
    shell_segments,
)
from tcop_lint.facts.task_runners import (
    Task,
    TaskCall,
    invoke_tasks,
    just_recipes,
    rake_tasks,
    run_order,
    task_calls,
)
from tcop_lint.facts.tests import ci_test_runs
from tcop_lint.globs import path_glob
from tcop_lint.repository import Repository

WORKFLOW = """\
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: {command}
"""


def repo_with(tmp_path, files) -> Repository:
    return Repository(make_git_repo(tmp_path / "repo", files))


def test_ci_files_finds_pipelines_by_place_and_name(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW.format(command="make"),
            ".github/workflows/README.md": "not a workflow",
            "Jenkinsfile.release": "pipeline {}",
            "services/api/Jenkinsfile": "pipeline {}",
            "build/azure-pipelines-ci.yml": "steps: []",
            "node_modules/x/Jenkinsfile": "pipeline {}",
            "jenkinsfile.md": "docs about Jenkins",
        },
    )
    assert ci_files(repo) == [
        CiFile(".github/workflows/ci.yml", "GitHub Actions"),
        CiFile("Jenkinsfile.release", "Jenkins"),
        CiFile("build/azure-pipelines-ci.yml", "Azure Pipelines"),
        CiFile("services/api/Jenkinsfile", "Jenkins"),
    ]


def test_gitlab_local_includes_and_child_pipelines_are_ci_files(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".gitlab-ci.yml": (
                "include:\n"
                "  - local: /ci/test.yml\n"
                "  - project: other/group\n"
                "    file: /templates/x.yml\n"
                "  - remote: https://example.org/ci.yml\n"
                "  - 'ci/jobs/*.yml'\n"
                "deploy:\n"
                "  trigger:\n"
                "    include: ci/child.yml\n"
            ),
            "ci/test.yml": "include:\n  local: ci/nested.yml\n",
            "ci/nested.yml": "unit:\n  script: [pytest]\n",
            "ci/jobs/a.yml": "a:\n  script: [echo a]\n",
            "ci/jobs/b.yaml": "b:\n  script: [echo b]\n",
            "ci/child.yml": "child:\n  script: [echo child]\n",
            "ci/unused.yml": "unused:\n  script: [pytest]\n",
        },
    )
    assert [f.path for f in ci_files(repo)] == [
        ".gitlab-ci.yml",
        "ci/child.yml",
        "ci/jobs/a.yml",
        "ci/nested.yml",
        "ci/test.yml",
    ]
    assert {f.system for f in ci_files(repo)} == {"GitLab CI"}
    assert [(line.path, line.line) for line in find_in_ci(repo, r"\bpytest\b")] == [
        ("ci/nested.yml", 2)
    ]


def test_concourse_pipelines_are_recognised_by_content(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            "ci/pipeline.yml": "resources: []\njobs:\n  - name: test\n",
            "ci/tasks/test.yml": "platform: linux\nrun:\n  path: make\n  args: [test]\n",
            "ci/docker-compose.yml": "services: {}\n",
        },
    )
    assert ci_files(repo) == [
        CiFile("ci/pipeline.yml", "Concourse"),
        CiFile("ci/tasks/test.yml", "Concourse"),
    ]


def test_script_calls_reads_package_manager_options():
    assert script_calls("npm test --workspaces") == ["test"]
    assert script_calls("npm --prefix web run build") == ["build"]
    assert script_calls("npm -w api run test:unit && npm t") == ["test:unit", "test"]
    assert script_calls("yarn workspace api lint") == ["lint"]
    assert script_calls("pnpm -r --filter ./apps/* test:unit") == ["test:unit"]
    assert script_calls("sh 'npm run test:e2e'") == ["test:e2e"]
    assert script_calls("npm ci && npm install && yarn && npx jest && bun test") == []


def test_make_calls_reads_directory_file_and_targets():
    assert make_calls("make test") == [(None, None, ["test"])]
    assert make_calls("make -C api -j4 lint test VERBOSE=1") == [
        ("api", None, ["lint", "test"])
    ]
    assert make_calls("cd web && make") == [("web", None, [])]
    assert make_calls("$(MAKE) -f ci.mk check") == [(None, "ci.mk", ["check"])]
    assert make_calls("cmake --build . && gmake") == []


def test_make_targets_called_from_ci_reach_their_recipes(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".gitlab-ci.yml": "test:\n  script:\n    - make test\n",
            "Makefile": (
                ".PHONY: test lint unit\n"
                "PY := python3\n"
                "all: build\n"
                "build:\n"
                "\tdocker build .\n"
                "test: lint unit\n"
                "lint:\n"
                "\truff check .\n"
                "unit:\n"
                "\t$(PY) -m pytest -q\n"
                "\t$(MAKE) -C web check\n"
            ),
            "web/Makefile": "check:\n\tnpm test\n",
            "web/package.json": '{"scripts": {"test": "jest --ci"}}',
        },
    )
    reached = [line for line in ci_commands(repo) if line.via]
    assert reached == [
        CommandLine("Makefile", 8, "ruff check .", via=".gitlab-ci.yml"),
        CommandLine("Makefile", 10, "$(PY) -m pytest -q", via=".gitlab-ci.yml"),
        CommandLine("Makefile", 11, "$(MAKE) -C web check", via=".gitlab-ci.yml"),
        CommandLine("web/Makefile", 2, "npm test", via=".gitlab-ci.yml"),
        CommandLine("web/package.json", 1, "jest --ci", via=".gitlab-ci.yml"),
    ]
    assert "docker build ." not in [line.text for line in ci_commands(repo)]


def test_make_recipe_prefixes_are_not_part_of_the_command(tmp_path):
    """``@go test`` (silent), ``-go vet`` (errors ignored), ``+$(MAKE)``: make's own
    prefixes, as UK Home Office's kd Makefile has them."""
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - run: make testall\n"
            ),
            "Makefile": (
                "testall: test src\n"
                "test:\n\t@echo running\n\t@go test -v ./...\n"
                "src:\n\t-go vet ./...\n"
            ),
        },
    )
    reached = [line for line in ci_commands(repo) if line.via]
    assert [(line.line, line.text) for line in reached] == [
        (3, "echo running"),
        (4, "go test -v ./..."),
        (6, "go vet ./..."),
    ]
    assert [(line.path, line.line) for line in ci_test_runs(repo)] == [("Makefile", 4)]


@pytest.mark.parametrize(
    ("travis", "files", "expected"),
    [
        ("language: node_js\nnode_js: ['20']\n", {}, [(1, "npm test")]),
        ("dist: jammy\nlanguage: ruby\n", {}, [(2, "bundle exec rake")]),
        ("language: go\n", {}, [(1, "go test -v ./...")]),
        ("language: go\n", {"Makefile": "all:\n\tgo build\n"}, []),
        ("language: node_js\nscript: npm run lint\n", {}, []),
        ("language: python\n", {}, []),
    ],
    ids=["node", "ruby", "go", "go-with-makefile", "own-script", "python-has-none"],
)
def test_travis_runs_its_default_script_when_none_is_given(
    tmp_path, travis: str, files: dict[str, str], expected: list[tuple[int, str]]
):
    """Travis CI runs ``npm test`` for node_js when .travis.yml has no ``script:`` (UK Home
    Office's form wizard relies on that)."""
    repo = repo_with(tmp_path, {".travis.yml": travis, **files})
    filled = [
        (line.line, line.text) for line in ci_commands(repo) if line.written is not None
    ]
    assert filled == expected


def test_make_in_a_working_directory_finds_the_makefile_defining_the_target(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW.format(command="make unit-test"),
            "backend/Makefile": "unit-test:\n\tgo test ./...\n",
            "frontend/Makefile": "build:\n\tnpm run build\n",
        },
    )
    assert find_in_ci(repo, r"go test") == [
        CommandLine(
            "backend/Makefile", 2, "go test ./...", via=".github/workflows/ci.yml"
        )
    ]
    assert find_in_ci(repo, r"npm run build") == []


def test_tox_and_nox_commands_are_followed_only_when_ci_runs_them(tmp_path):
    files = {
        ".github/workflows/ci.yml": WORKFLOW.format(
            command="pip install tox nox && tox -e py && nox -s lint"
        ),
        "tox.ini": (
            "[tox]\nenvlist = py\n"
            "[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs}\n    coverage report\n"
        ),
        "noxfile.py": (
            "import nox\n\n@nox.session\ndef lint(session):\n"
            "    session.install('bandit')\n    session.run('bandit', '-r', 'src')\n"
        ),
    }
    repo = repo_with(tmp_path, files)
    assert [(l.path, l.line, l.text) for l in ci_commands(repo) if l.via] == [
        ("tox.ini", 6, "pytest {posargs}"),
        ("tox.ini", 7, "coverage report"),
        ("noxfile.py", 6, "session.run('bandit', '-r', 'src')"),
    ]
    files[".github/workflows/ci.yml"] = WORKFLOW.format(command="pip install tox nox")
    other = Repository(make_git_repo(tmp_path / "installs-only", files))
    assert [line for line in ci_commands(other) if line.via] == []


def test_native_toml_tox_configuration(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".gitlab-ci.yml": "test:\n  script: [uvx tox]\n",
            "tox.toml": (
                'env_list = ["py"]\n[env_run_base]\ndeps = ["pytest"]\n'
                'commands = [\n  ["pytest", "-q"]\n]\n'
            ),
        },
    )
    assert [(l.line, l.text) for l in ci_commands(repo) if l.via] == [
        (4, "commands = ["),
        (5, '["pytest", "-q"]'),
        (6, "]"),
    ]


def test_local_composite_actions_are_followed(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": (
                "on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: ./.github/actions/test\n"
                "      - uses: ./.github/workflows/reusable.yml\n"
            ),
            ".github/workflows/reusable.yml": "on: workflow_call\n",
            ".github/actions/test/action.yml": (
                "runs:\n  using: composite\n  steps:\n    - run: go test ./...\n"
                "      shell: bash\n"
            ),
        },
    )
    assert find_in_ci(repo, "go test") == [
        CommandLine(
            ".github/actions/test/action.yml",
            4,
            "    - run: go test ./...",
            via=".github/workflows/ci.yml",
        )
    ]


def test_npm_workspaces_scripts_are_followed_in_every_package(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW.format(
                command="npm test --workspaces"
            ),
            "package.json": '{"workspaces": ["packages/*"]}',
            "packages/a/package.json": '{\n  "scripts": {\n    "test": "vitest run"\n  }\n}',
            "packages/b/package.json": '{"scripts": {"test": "npm run unit", "unit": "jest"}}',
        },
    )
    assert [(l.path, l.line, l.text) for l in ci_commands(repo) if l.via] == [
        ("packages/a/package.json", 3, "vitest run"),
        ("packages/b/package.json", 1, "npm run unit"),
        ("packages/b/package.json", 1, "jest"),
    ]


def test_npm_ci_does_not_run_a_script_called_ci(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW.format(command="npm ci"),
            "package.json": '{"scripts": {"ci": "jest"}}',
        },
    )
    assert find_in_ci(repo, "jest") == []


def test_broken_and_binary_inputs_do_not_raise(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".gitlab-ci.yml": "include: [\n",
            "Jenkinsfile": b"\x00\x01binary",
            "package.json": "{not json",
            "Makefile": b"\x00",
            ".github/workflows/ci.yml": WORKFLOW.format(
                command="make test && npm test"
            ),
        },
    )
    assert [f.path for f in ci_files(repo)] == [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "Jenkinsfile",
    ]
    assert [line for line in ci_commands(repo) if line.via] == []


def test_repository_shell_scripts_run_by_ci_are_followed(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW.format(
                command="./scripts/ci.sh && script/cibuild && cd tests && cat data/x.json"
            ),
            "scripts/ci.sh": "#!/bin/sh\nset -e\nbash scripts/lint.sh\n",
            "scripts/lint.sh": "ruff check .\n",
            "script/cibuild": "#!/usr/bin/env bash\ngo test ./...\n",
            "tests/data/x.json": "{}",
            "data/x.json": "{}",
        },
    )
    assert [(l.path, l.line, l.text) for l in ci_commands(repo) if l.via] == [
        ("scripts/ci.sh", 1, "#!/bin/sh"),
        ("scripts/ci.sh", 2, "set -e"),
        ("scripts/ci.sh", 3, "bash scripts/lint.sh"),
        ("script/cibuild", 1, "#!/usr/bin/env bash"),
        ("script/cibuild", 2, "go test ./..."),
        ("scripts/lint.sh", 1, "ruff check ."),
    ]
    assert {l.via for l in ci_commands(repo) if l.via} == {".github/workflows/ci.yml"}


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("ci/*.yml", "ci/a.yml", True),
        ("ci/*.yml", "ci/x/a.yml", False),
        ("ci/**.yml", "ci/x/a.yml", True),
        ("ci/**/*.yml", "ci/a.yml", True),
        ("ci/**/*.yml", "ci/x/y/a.yml", True),
        ("ci/**/a.yml", "ci/xa.yml", False),
        ("ci/?.yml", "ci/ab.yml", False),
        ("*a" * 16 + "*b.yml", "a" * 120 + ".yml", False),
    ],
)
def test_gitlab_include_wildcards(pattern, path, matches):
    """GitLab ``include: local`` wildcards as ``ci_files`` matches them."""
    assert path_glob(pattern, braces=False).fullmatch(path) is matches


def test_crafted_gitlab_include_wildcard_does_not_backtrack(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".gitlab-ci.yml": "include:\n  - local: '" + "*a" * 16 + "*b.yml'\n",
            "a" * 120 + ".yml": "x: 1\n",
        },
    )
    started = time.monotonic()
    assert [f.path for f in ci_files(repo)] == [".gitlab-ci.yml"]
    assert time.monotonic() - started < 1


def test_ci_lines_stand_for_commands_with_matrix_values_and_variables(tmp_path):
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": (
                "on: push\nenv:\n  TOOL: tox\njobs:\n  t:\n    strategy:\n      matrix:\n"
                "        env: [lint, py311]\n        os: [ubuntu, macos]\n    steps:\n"
                "      - run: ${TOOL} -e ${{ matrix.env }}\n"
                "      - run: echo $UNKNOWN ${{ matrix.os }}\n"
            ),
            ".gitlab-ci.yml": (
                "variables:\n  TASK_BIN: uv run task\n"
                "test:\n  variables:\n    SUITE: {value: unit, description: x}\n"
                "  parallel:\n    matrix:\n      - PART: [a, b]\n"
                "  script:\n    - $TASK_BIN $SUITE $PART\n"
            ),
        },
    )
    expanded = [
        (line.path, line.line, line.text, line.written)
        for line in ci_commands(repo)
        if line.written is not None
    ]
    assert expanded == [
        (
            ".github/workflows/ci.yml",
            11,
            "      - run: tox -e lint",
            "      - run: ${TOOL} -e ${{ matrix.env }}",
        ),
        (
            ".github/workflows/ci.yml",
            11,
            "      - run: tox -e py311",
            "      - run: ${TOOL} -e ${{ matrix.env }}",
        ),
        (
            ".github/workflows/ci.yml",
            12,
            "      - run: echo $UNKNOWN ubuntu",
            "      - run: echo $UNKNOWN ${{ matrix.os }}",
        ),
        (
            ".github/workflows/ci.yml",
            12,
            "      - run: echo $UNKNOWN macos",
            "      - run: echo $UNKNOWN ${{ matrix.os }}",
        ),
        (
            ".gitlab-ci.yml",
            10,
            "    - uv run task unit a",
            "    - $TASK_BIN $SUITE $PART",
        ),
        (
            ".gitlab-ci.yml",
            10,
            "    - uv run task unit b",
            "    - $TASK_BIN $SUITE $PART",
        ),
    ]


def test_a_line_stands_for_at_most_sixteen_commands(tmp_path):
    axes = "".join(f"        a{n}: [x, y]\n" for n in range(8))
    refs = " ".join("${{ matrix.a" + str(n) + " }}" for n in range(8))
    repo = repo_with(
        tmp_path,
        {
            ".github/workflows/ci.yml": (
                "on: push\njobs:\n  t:\n    strategy:\n      matrix:\n"
                f"{axes}    steps:\n      - run: echo {refs}\n"
            )
        },
    )
    assert len([line for line in ci_commands(repo) if line.written]) == 16


@pytest.mark.parametrize(
    ("line", "calls"),
    [
        ("task test", [TaskCall("task", ("test",))]),
        ("- run: uv run task test --verbose", [TaskCall("task", ("test",))]),
        ("poetry run task lint && poetry poe test", [
            TaskCall("task", ("lint",)), TaskCall("poe", ("test",))
        ]),
        ("task", [TaskCall("task", ("default",))]),
        ("just --justfile ci/justfile lint test", [TaskCall("just", ("lint", "test"))]),
        ("just", [TaskCall("just", ("",))]),
        ("inv unit_tests docs", [TaskCall("invoke", ("unit-tests", "docs"))]),
        ("bundle exec rake spec TESTOPTS=-v", [TaskCall("rake", ("spec",))]),
        ("RAILS_ENV=test bin/rake", [TaskCall("rake", ("default",))]),
        ("echo task test", []),
        ("- name: rake test", []),
        ('  description: "just test"', []),
        ("    script: bundle exec rake", [TaskCall("rake", ("default",))]),
        ("invoke", []),
        ("pip install invoke", []),
    ],
)  # fmt: skip
def test_task_calls(line, calls):
    assert task_calls(shell_segments(line)) == calls


def test_rake_tasks_namespaces_prerequisites_and_task_classes():
    text = (
        "require 'rspec/core/rake_task'\n"
        "RSpec::Core::RakeTask.new\n"
        "Rake::TestTask.new(:unit) do |t|\n  t.pattern = 'test/**/*_test.rb'\nend\n"
        "namespace :ci do\n"
        "  task :lint do\n    sh 'rubocop'\n  end\n"
        "  task all: [:lint, 'spec']\n"
        "end\n"
        "task :default => 'ci:all'\n"
    )
    tasks = rake_tasks("Rakefile", text)
    assert tasks == {
        "spec": Task("Rakefile", 2, ((2, "RSpec::Core::RakeTask.new"),)),
        "unit": Task("Rakefile", 3, ((3, "Rake::TestTask.new(:unit) do |t|"),)),
        "ci:lint": Task("Rakefile", 7, ((8, "sh 'rubocop'"),)),
        "ci:all": Task("Rakefile", 10, (), ("ci:lint", "lint", "ci:spec", "spec")),
        "default": Task("Rakefile", 12, (), ("ci:all",)),
    }
    assert [t.line for t in run_order(tasks, ["default"])] == [12, 10, 7, 2]


def test_just_recipes_default_aliases_and_prefixes():
    text = (
        "set dotenv-load\nversion := '1'\n\n"
        "alias t := test\n\n"
        "lint:\n    -ruff check .\n\n"
        "# run the tests\ntest *ARGS: lint (build 'x')\n    @pytest {{ARGS}}\n"
    )
    recipes = just_recipes("justfile", text)
    assert recipes["lint"] == Task("justfile", 6, ((7, "ruff check ."),))
    assert recipes["test"] == Task(
        "justfile", 10, ((11, "pytest {{ARGS}}"),), ("lint", "build")
    )
    assert recipes[""] == recipes["lint"]
    assert recipes["t"] == recipes["test"]


def test_invoke_tasks_multi_line_decorators_and_calls():
    text = (
        "from invoke import task\n\n"
        "@task\ndef lint(c):\n    c.run('ruff check .')\n\n"
        "@task(\n    pre=[lint],\n)\ndef test(ctx, coverage=False):\n"
        "    ctx.run(f\"pytest {'--cov' if coverage else ''}\")\n\n"
        "def helper():\n    pass\n\n"
        "@task\ndef ci(c):\n    test(c)\n"
    )
    tasks = invoke_tasks("tasks.py", text)
    assert tasks["test"] == Task(
        "tasks.py", 10, ((11, "pytest {'--cov' if coverage else ''}"),), ("lint",)
    )
    assert tasks["ci"] == Task("tasks.py", 17, (), ("test",))
    assert tasks["lint"] == Task("tasks.py", 4, ((5, "ruff check ."),))
    assert "helper" not in tasks


@pytest.mark.parametrize(
    ("line", "segments"),
    [
        (
            './gradlew -Dorg.gradle.jvmargs="--illegal-access=permit" build',
            [["./gradlew", "-Dorg.gradle.jvmargs=_", "build"]],
        ),
        ("mvn -Dtest='Foo*' -B test", [["mvn", "-Dtest=_", "-B", "test"]]),
        ('echo "run pytest"', [["echo"], ["run", "pytest"]]),
        ('CMD="pytest -q"', [["CMD="], ["pytest", "-q"]]),
    ],
    ids=["gradle-jvmargs", "maven-test-filter", "message", "assignment"],
)
def test_a_quoted_option_value_keeps_the_command_whole(line, segments):
    """MoJ's HMPPS services run `./gradlew -Dorg.gradle.jvmargs="..." build` in CircleCI:
    the quotes of an option's value no longer cut `build` off from `gradlew`."""
    assert shell_segments(line) == segments
