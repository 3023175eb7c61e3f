"""TC0902 tests-in-ci, on layouts real repositories have."""

from __future__ import annotations

import pytest
from conftest import run_rule

from . import APP, HINT, NO_TESTS, WORKFLOW, evidence, findings


def test_python_tests_run_by_pytest_in_a_workflow(make_repo):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "def test_it():\n    assert True\n",
            ".github/workflows/ci.yml": WORKFLOW.format(command="pytest -q"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert findings(result) == []
    assert evidence(result) == [
        ("tests/test_main.py", "1 test file (tests/)"),
        (".github/workflows/ci.yml", "line 7: - run: pytest -q"),
    ]


def test_no_tests_at_all(make_repo):
    result = run_rule(make_repo({**APP, "README.md": "# app\n"}), "TC0902")
    assert result.outcome == "warn"
    assert findings(result) == [
        (NO_TESTS.format(command="pytest") + HINT, "README.md", None)
    ]
    assert result.findings[0].level == "warning"


def test_tests_that_ci_does_not_run_point_at_the_first_ci_file(make_repo):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "def test_it():\n    pass\n",
            ".github/workflows/lint.yml": WORKFLOW.format(command="ruff check ."),
            ".github/workflows/pytest-release.yml": WORKFLOW.format(
                command="pip install pytest && python -m build"
            ),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "tests were found (tests/) but CI does not run them: add a CI step that runs "
            "`pytest`" + HINT,
            ".github/workflows/lint.yml",
            1,
        )
    ]


def test_tests_ci_may_run_in_reusable_workflows_of_another_repository(make_repo):
    """MoJ's HMPPS services, among others, test in shared workflows: a note, not a warning."""
    pipeline = (
        "on: push\n"
        "jobs:\n"
        "  lint:\n"
        "    uses: ./.github/workflows/lint.yml\n"
        "  validate:\n"
        "    uses: 'ministryofjustice/hmpps-github-actions/.github/workflows/kotlin_validate.yml@v2'\n"
        "  build:\n"
        "    uses: ministryofjustice/hmpps-github-actions/.github/workflows/docker_build.yml@v2\n"
    )
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "def test_it():\n    pass\n",
            ".github/workflows/pipeline.yml": pipeline,
            ".github/workflows/lint.yml": WORKFLOW.format(command="ruff check ."),
        }
    )
    result = run_rule(repo, "TC0902")
    assert [(f.level, *row) for f, row in zip(result.findings, findings(result))] == [
        (
            "note",
            "tests were found (tests/) and no CI step in this repository runs them, but CI "
            "calls reusable workflows from other repositories, which tcop-lint cannot read "
            "(ministryofjustice/hmpps-github-actions/.github/workflows/kotlin_validate.yml@v2 "
            "and 1 more): if none of them runs the tests, add a CI step that runs `pytest`"
            + HINT,
            ".github/workflows/pipeline.yml",
            6,
        )
    ]


@pytest.mark.parametrize(
    "called",
    [
        "alphagov/pay-ci/.github/workflows/_run-java-tests-and-publish-pacts.yml@master",
        "ministryofjustice/hmpps-github-actions/.github/workflows/node_unit_tests.yml@v2",
        "alphagov/govuk-infrastructure/.github/workflows/jasmine.yml@main",
    ],
)
def test_a_reusable_workflow_named_for_tests_is_the_evidence(make_repo, called: str):
    """Issue 15 survey: GOV.UK Pay, GOV.UK and HMPPS services call shared workflows whose
    names say they run the tests; that is the evidence a reader takes, so the rule passes."""
    pipeline = (
        "on: push\n"
        "jobs:\n"
        "  scan:\n"
        "    uses: example/shared/.github/workflows/_run-codeql-scan.yml@main\n"
        "  tests:\n"
        f"    uses: {called}\n"
    )
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "def test_it():\n    pass\n",
            ".github/workflows/pipeline.yml": pipeline,
        }
    )
    result = run_rule(repo, "TC0902")
    assert (result.outcome, findings(result)) == ("pass", [])
    assert evidence(result) == [
        ("tests/test_main.py", "1 test file (tests/)"),
        (
            ".github/workflows/pipeline.yml",
            (
                f"line 6: calls {called}, kept in another repository, whose name says it "
                "runs tests"
            ),
        ),
    ]


JAVA_APP = {
    "pom.xml": "<project><artifactId>app</artifactId></project>\n",
    "src/main/java/uk/gov/App.java": "class App {}\n",
    "src/test/java/uk/gov/AppTest.java": "class AppTest {}\n",
}
REMOTE_NOTE = (
    "tests were found (src/test/) and no CI step in this repository runs them, but CI {how}, "
    "which tcop-lint cannot read ({called}): if none of them runs the tests, add a CI step "
    "that runs `mvn -B verify`" + HINT
)
GITLAB_INCLUDES = "includes GitLab CI configuration kept outside this repository"


def notes(result) -> list[tuple[str, str, str | None, int | None]]:
    return [(f.level, *row) for f, row in zip(result.findings, findings(result))]


@pytest.mark.parametrize(
    ("include", "called", "line"),
    [
        pytest.param(
            "include:\n"
            "  - local: .gitlab/lint.yml\n"
            "  - project: dwp/engineering/pipeline-solutions/gitlab/functions\n"
            '    ref: "2.96.0"\n'
            "    file: functions/java.yml\n",
            "dwp/engineering/pipeline-solutions/gitlab/functions/functions/java.yml@2.96.0",
            3,
            id="dwp-project",
        ),
        pytest.param(
            "include:\n"
            "  - project: 'group/ci-templates'\n"
            "    file: [/maven.yml, /sonar.yml]\n",
            "group/ci-templates/maven.yml and 1 more",
            2,
            id="project-with-two-files-no-ref",
        ),
        pytest.param(
            "include: 'https://gitlab.example.gov.uk/ci/raw/main/maven.yml'\n",
            "https://gitlab.example.gov.uk/ci/raw/main/maven.yml",
            1,
            id="remote-string",
        ),
        pytest.param(
            "include:\n"
            "  - template: Jobs/Build.gitlab-ci.yml\n"
            "  - remote: https://example.org/build.yml\n",
            "GitLab template Jobs/Build.gitlab-ci.yml and 1 more",
            2,
            id="template-and-remote",
        ),
        pytest.param(
            "stages: [test]\n"
            "include:\n"
            "  - component: $CI_SERVER_FQDN/components/maven/build@1.0.0\n",
            "$CI_SERVER_FQDN/components/maven/build@1.0.0",
            3,
            id="component",
        ),
        pytest.param(
            "child:\n"
            "  trigger:\n"
            "    include:\n"
            "      - project: platform/pipelines\n"
            "        ref: v3\n"
            "        file: java.yml\n",
            "platform/pipelines/java.yml@v3",
            4,
            id="child-pipeline-from-another-project",
        ),
    ],
)
def test_tests_ci_may_run_in_gitlab_configuration_of_another_project(
    make_repo, include, called, line
):
    """DWP's pipelines extend jobs (`.maven-test`) defined in a shared project: a note."""
    repo = make_repo(
        {
            **JAVA_APP,
            ".gitlab-ci.yml": include + "unit-test:\n  extends: .maven-test\n",
            ".gitlab/lint.yml": "lint:\n  script: [echo lint]\n",
        }
    )
    assert notes(run_rule(repo, "TC0902")) == [
        (
            "note",
            REMOTE_NOTE.format(how=GITLAB_INCLUDES, called=called),
            ".gitlab-ci.yml",
            line,
        )
    ]


def test_gitlab_includes_of_this_repository_are_not_remote(make_repo):
    repo = make_repo(
        {
            **JAVA_APP,
            ".gitlab-ci.yml": (
                "include:\n"
                "  - local: .gitlab/build.yml\n"
                "  - .gitlab/lint.yml\n"
                "  - local: ci/$MISSING.yml\n"
            ),
            ".gitlab/build.yml": "build:\n  script: [mvn -B -DskipTests package]\n",
            ".gitlab/lint.yml": "include:\n  - local: .gitlab/build.yml\n",
        }
    )
    result = run_rule(repo, "TC0902")
    assert notes(result) == [
        (
            "warning",
            "tests were found (src/test/) but CI does not run them: add a CI step that runs "
            "`mvn -B verify`" + HINT,
            ".gitlab-ci.yml",
            1,
        )
    ]


@pytest.mark.parametrize(
    ("name", "jenkinsfile", "called", "line"),
    [
        pytest.param(
            "Jenkinsfile_CNP",
            "#!groovy\n"
            "\n"
            '@Library("Infrastructure")\n'
            "import uk.gov.hmcts.contino.AppPipelineDsl\n"
            "\n"
            'def type = "java"\n'
            "withPipeline(type, product, component) {\n"
            "  enableSlackNotifications('#team')\n"
            "}\n",
            "Infrastructure",
            3,
            id="hmcts-cnp",
        ),
        pytest.param(
            "Jenkinsfile",
            "// @Library('commented-out') _\n"
            "@Library(['pipeline-library@v2', 'notify']) _\n"
            "buildJavaApp()\n",
            "pipeline-library@v2 and 1 more",
            2,
            id="annotation-with-a-list",
        ),
        pytest.param(
            "Jenkinsfile",
            "library identifier: 'shared@main', retriever: modernSCM(git('https://x'))\n"
            "pipeline { agent any }\n",
            "shared@main",
            1,
            id="library-step",
        ),
    ],
)
def test_tests_ci_may_run_in_a_jenkins_shared_library(
    make_repo, name, jenkinsfile, called, line
):
    """Every HMCTS service builds and tests through `withPipeline` from a shared library."""
    repo = make_repo({**JAVA_APP, name: jenkinsfile})
    assert notes(run_rule(repo, "TC0902")) == [
        (
            "note",
            REMOTE_NOTE.format(how="uses Jenkins shared libraries", called=called),
            name,
            line,
        )
    ]


def test_jenkins_library_resource_is_not_a_shared_library(make_repo):
    repo = make_repo(
        {**JAVA_APP, "Jenkinsfile": "libraryResource 'x.sh'\nnode { sh 'make' }\n"}
    )
    assert notes(run_rule(repo, "TC0902")) == [
        (
            "warning",
            "tests were found (src/test/) but CI does not run them: add a CI step that runs "
            "`mvn -B verify`" + HINT,
            "Jenkinsfile",
            1,
        )
    ]


def test_tests_without_any_ci(make_repo):
    repo = make_repo(
        {
            "go.mod": "module x\n",
            "pkg/a/a.go": "package a\n",
            "pkg/a/a_test.go": "package a\n",
        }
    )
    result = run_rule(repo, "TC0902")
    assert findings(result) == [
        (
            "tests were found (pkg/a/) but there is no CI pipeline to run them (see TC0901): "
            "add one with a step that runs `go test ./...`" + HINT,
            None,
            None,
        )
    ]


def test_documentation_only_repository_is_skipped(make_repo):
    repo = make_repo(
        {
            "README.md": "# Standards\n",
            "docs/index.md": "# Guidance\n",
            "mkdocs.yml": "site_name: x\n",
            "spec/openapi.yaml": "openapi: 3.0.0\n",
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "skipped"
    assert result.reason == (
        "no application source code found (only documentation or configuration), so "
        "there is nothing for tests to cover"
    )


def test_spec_folder_with_an_api_description_is_not_a_test_suite(make_repo):
    repo = make_repo(
        {
            "spec/openapi.yaml": "openapi: 3.0.0\n",
            "src/server.js": "module.exports = {}\n",
            "package.json": '{"name": "api"}',
        }
    )
    result = run_rule(repo, "TC0902")
    assert findings(result) == [
        (NO_TESTS.format(command="npm test") + HINT, None, None)
    ]


def test_maven_project_verified_in_a_workflow(make_repo):
    repo = make_repo(
        {
            "pom.xml": "<project/>\n",
            "src/main/java/uk/gov/App.java": "class App {}\n",
            "src/test/java/uk/gov/AppTest.java": "class AppTest {}\n",
            "src/test/resources/application.yml": "x: 1\n",
            ".github/workflows/build.yml": WORKFLOW.format(command="mvn -B verify"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("src/test/java/uk/gov/AppTest.java", "1 test file (src/test/)"),
        (".github/workflows/build.yml", "line 7: - run: mvn -B verify"),
    ]


def test_maven_build_that_skips_tests_does_not_count(make_repo):
    repo = make_repo(
        {
            "pom.xml": "<project/>\n",
            "src/test/java/AppTest.java": "class AppTest {}\n",
            ".github/workflows/build.yml": WORKFLOW.format(
                command="mvn -B package -DskipTests"
            ),
        }
    )
    assert findings(run_rule(repo, "TC0902")) == [
        (
            "tests were found (src/test/) but CI does not run them: add a CI step that runs "
            "`mvn -B verify`" + HINT,
            ".github/workflows/build.yml",
            1,
        )
    ]


def test_gradle_suggestion(make_repo):
    repo = make_repo(
        {
            "build.gradle.kts": "plugins { java }\n",
            "app/src/test/kotlin/AppTest.kt": "class AppTest\n",
            "Jenkinsfile": "pipeline {\n  steps {\n    sh './gradlew assemble'\n  }\n}\n",
        }
    )
    assert findings(run_rule(repo, "TC0902")) == [
        (
            "tests were found (app/src/test/) but CI does not run them: add a CI step that "
            "runs `./gradlew check`" + HINT,
            "Jenkinsfile",
            1,
        )
    ]


def test_node_monorepo_running_workspace_tests(make_repo):
    repo = make_repo(
        {
            "package.json": '{"private": true, "workspaces": ["packages/*"]}',
            "packages/web/package.json": '{\n  "scripts": {\n    "test": "vitest run"\n  }\n}',
            "packages/web/src/app.tsx": "export const App = () => null\n",
            "packages/web/src/app.test.tsx": "test('x', () => {})\n",
            "packages/api/package.json": '{"scripts": {"test": "jest"}}',
            "packages/api/src/__tests__/server.ts": "test('x', () => {})\n",
            ".github/workflows/ci.yml": WORKFLOW.format(
                command="npm ci && npm test --workspaces"
            ),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            "packages/api/src/__tests__/server.ts",
            "2 test files (packages/api/src/__tests__/, packages/web/src/)",
        ),
        (".github/workflows/ci.yml", "line 7: - run: npm ci && npm test --workspaces"),
        ("packages/api/package.json", "line 1: jest (run by .github/workflows/ci.yml)"),
        (
            "packages/web/package.json",
            "line 3: vitest run (run by .github/workflows/ci.yml)",
        ),
    ]


def test_npm_placeholder_test_script_does_not_count(make_repo):
    repo = make_repo(
        {
            "package.json": (
                '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}'
            ),
            "test/app.js": "require('assert')\n",
            ".github/workflows/ci.yml": WORKFLOW.format(command="npm test"),
        }
    )
    assert findings(run_rule(repo, "TC0902")) == [
        (
            "tests were found (test/) but CI does not run them: add a CI step that runs "
            "`npm test`" + HINT,
            ".github/workflows/ci.yml",
            1,
        )
    ]


def test_gitlab_pipeline_running_make_where_the_makefile_runs_pytest(make_repo):
    files = {
        **APP,
        "tests/unit/test_main.py": "def test_it():\n    pass\n",
        ".gitlab-ci.yml": "stages: [test]\nunit:\n  stage: test\n  script:\n    - make all\n",
        "Makefile": (
            ".PHONY: all lint unit\n"
            "all: lint unit\n"
            "lint:\n"
            "\truff check .\n"
            "unit:\n"
            "\tpython -m pytest tests/unit\n"
        ),
    }
    result = run_rule(make_repo(files), "TC0902")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("tests/unit/test_main.py", "1 test file (tests/)"),
        ("Makefile", "line 6: python -m pytest tests/unit (run by .gitlab-ci.yml)"),
    ]
    files["Makefile"] = files["Makefile"].replace("all: lint unit", "all: lint")
    assert run_rule(make_repo(files), "TC0902").outcome == "warn"


def test_gitlab_make_test_is_itself_a_test_command(make_repo):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "def test_it():\n    pass\n",
            ".gitlab-ci.yml": "test:\n  script:\n    - make test\n",
            "Makefile": "test:\n\tpytest\n",
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        (".gitlab-ci.yml", "line 3: - make test"),
        ("Makefile", "line 2: pytest (run by .gitlab-ci.yml)"),
    ]


@pytest.mark.parametrize("command", ["bin/rails test:system", "bin/rails spec"])
def test_rails_runs_tests_through_its_test_and_spec_tasks(make_repo, command):
    repo = make_repo(
        {
            "Gemfile": 'gem "rails"\n',
            "app/models/user.rb": "class User; end\n",
            "test/system/home_test.rb": "class HomeTest; end\n",
            ".github/workflows/ci.yml": WORKFLOW.format(command=command),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        (".github/workflows/ci.yml", f"line 7: - run: {command}")
    ]


def test_tox_run_by_ci(make_repo):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "",
            "tox.ini": "[testenv]\ncommands = pytest\n",
            ".github/workflows/ci.yml": WORKFLOW.format(command="pipx run tox"),
        }
    )
    assert run_rule(repo, "TC0902").outcome == "pass"


def test_rust_inline_tests_count(make_repo):
    repo = make_repo(
        {
            "Cargo.toml": "[package]\nname = 'x'\n",
            "src/lib.rs": "pub fn a() {}\n#[cfg(test)]\nmod tests {}\n",
            ".github/workflows/ci.yml": WORKFLOW.format(command="cargo test --locked"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[0] == ("src/lib.rs", "1 test file (src/)")


@pytest.mark.parametrize(
    ("files", "command"),
    [
        ({"spec/models/user_spec.rb": "", "Gemfile": ""}, "bundle exec rspec"),
        ({"Tests/AppTests.cs": "", "App.sln": ""}, "dotnet test"),
        ({"test/app_test.exs": "", "mix.exs": ""}, "mix test"),
        ({"src/test/scala/AppSpec.scala": "", "build.sbt": ""}, "sbt test"),
    ],
)
def test_suggested_command_follows_the_test_files(make_repo, files, command):
    repo = make_repo({**files, ".gitlab-ci.yml": "build:\n  script: [echo build]\n"})
    [finding] = run_rule(repo, "TC0902").findings
    assert f"add a CI step that runs `{command}`" in finding.message
    assert (finding.path, finding.start_line) == (".gitlab-ci.yml", 1)


@pytest.mark.parametrize(
    ("script", "body", "outcome"),
    [
        ("scripts/ci.sh", "#!/bin/sh\npython -m pytest\n", "pass"),
        ("script/test", "#!/bin/bash\n./custom-runner --all\n", "pass"),
        ("tests/run.sh", "./custom-runner --all\n", "pass"),
        ("scripts/build.sh", "#!/bin/sh\npython -m build\n", "warn"),
    ],
)
def test_ci_running_a_repository_script(make_repo, script, body, outcome):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "",
            script: body,
            ".github/workflows/ci.yml": WORKFLOW.format(command=f"./{script}"),
        }
    )
    assert run_rule(repo, "TC0902").outcome == outcome


def test_placeholder_npm_test_does_not_hide_pytest_on_the_same_line(make_repo):
    repo = make_repo(
        {
            **APP,
            "tests/test_main.py": "",
            "package.json": '{"scripts": {"test": "echo \\"Error: no test specified\\""}}',
            ".github/workflows/ci.yml": WORKFLOW.format(command="npm ci && pytest"),
        }
    )
    assert run_rule(repo, "TC0902").outcome == "pass"


# -- issue 15: CI that reaches its tests in ways real repositories use ------------------------

NODE_APP = {
    "package.json": (
        '{\n  "scripts": {\n    "lint": "eslint .",\n    "test": "jest --ci"\n  }\n}\n'
    ),
    "src/app.js": "module.exports = 1\n",
    "src/app.test.js": "test('app', () => expect(1).toBe(1))\n",
}


def test_matrix_values_are_filled_into_run_lines(make_repo):
    """Pattern 14: ``npm run ${{ matrix.job }}`` with ``job: [lint, test]`` runs the tests."""
    workflow = (
        "name: CI\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n"
        "    strategy:\n      matrix:\n        job: [lint, test]\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: npm ci\n"
        "      - run: npm run ${{ matrix.job }}\n"
    )
    repo = make_repo({**NODE_APP, ".github/workflows/ci.yml": workflow})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert findings(result) == []
    assert evidence(result) == [
        ("src/app.test.js", "1 test file (src/)"),
        (
            ".github/workflows/ci.yml",
            "line 12: - run: npm run ${{ matrix.job }} (filled in: - run: npm run test)",
        ),
        ("package.json", "line 4: jest --ci (run by .github/workflows/ci.yml)"),
    ]


def test_matrix_include_entries_and_environment_are_filled_in(make_repo):
    workflow = (
        "name: CI\non: [push]\nenv:\n  RUNNER: npm run\njobs:\n  check:\n"
        "    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
        "        include:\n          - task: lint\n          - task: test\n"
        "    steps:\n      - run: $RUNNER ${{ matrix.task }}\n"
    )
    repo = make_repo({**NODE_APP, ".github/workflows/ci.yml": workflow})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1] == (
        ".github/workflows/ci.yml",
        "line 14: - run: $RUNNER ${{ matrix.task }} (filled in: - run: npm run test)",
    )


def test_matrix_values_of_another_job_are_not_filled_in(make_repo):
    workflow = (
        "name: CI\non: [push]\njobs:\n  other:\n    runs-on: ubuntu-latest\n"
        "    strategy:\n      matrix:\n        job: [test]\n    steps:\n"
        "      - run: echo ${{ matrix.job }}\n"
        "  check:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: npm run ${{ matrix.job }}\n"
    )
    repo = make_repo({**NODE_APP, ".github/workflows/ci.yml": workflow})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "tests were found (src/) but CI does not run them: add a CI step that runs "
            "`npm test`" + HINT,
            ".github/workflows/ci.yml",
            1,
        )
    ]


PY_TESTS = {**APP, "tests/test_main.py": "def test_it():\n    assert True\n"}
TASKIPY = (
    "[project]\nname = 'app'\n\n[tool.taskipy.tasks]\n"
    'lint = "ruff check ."\ntest = { cmd = "pytest -q", help = "unit tests" }\n'
)
POE = (
    "[project]\nname = 'app'\n\n[tool.poe.tasks]\n"
    'lint = "ruff check ."\ncheck = ["lint", "test"]\n\n'
    '[tool.poe.tasks.test]\nhelp = "unit tests"\ncmd = "pytest -q"\n'
)


@pytest.mark.parametrize(
    ("pyproject", "command", "where"),
    [
        (TASKIPY, "task test", ("pyproject.toml", "line 6: pytest -q")),
        (TASKIPY, "uv run task test", ("pyproject.toml", "line 6: pytest -q")),
        (TASKIPY, "poetry run task test", ("pyproject.toml", "line 6: pytest -q")),
        (POE, "poe test", ("pyproject.toml", "line 8: pytest -q")),
        (POE, "poetry poe check", ("pyproject.toml", "line 8: pytest -q")),
        (POE, "uv run --frozen poe test", ("pyproject.toml", "line 8: pytest -q")),
    ],
)
def test_python_task_runners_are_followed_to_their_commands(
    make_repo, pyproject, command, where
):
    """Pattern 15: taskipy (``task X``) and poethepoet (``poe X``) tasks in pyproject.toml."""
    repo = make_repo(
        {
            **PY_TESTS,
            "pyproject.toml": pyproject,
            ".github/workflows/ci.yml": WORKFLOW.format(command=command),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    path, detail = where
    assert evidence(result)[1:] == [
        (path, f"{detail} (run by .github/workflows/ci.yml)")
    ]


def test_a_task_that_runs_no_tests_is_not_enough(make_repo):
    repo = make_repo(
        {
            **PY_TESTS,
            "pyproject.toml": TASKIPY,
            ".github/workflows/ci.yml": WORKFLOW.format(command="uv run task lint"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "tests were found (tests/) but CI does not run them: add a CI step that runs "
            "`pytest`" + HINT,
            ".github/workflows/ci.yml",
            1,
        )
    ]


def test_gitlab_variables_are_filled_in_before_following_the_task(make_repo):
    """Pattern 15: ``$TASK_BIN test`` with ``variables: {TASK_BIN: uv run task}``."""
    gitlab = (
        "variables:\n  TASK_BIN: uv run task\n\nunit:\n  image: python:3.12\n"
        "  script:\n    - $TASK_BIN test\n"
    )
    repo = make_repo({**PY_TESTS, "pyproject.toml": TASKIPY, ".gitlab-ci.yml": gitlab})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        ("pyproject.toml", "line 6: pytest -q (run by .gitlab-ci.yml)")
    ]


GO_APP = {
    "go.mod": "module example.gov.uk/app\n\ngo 1.22\n",
    "main.go": "package main\n\nfunc main() {}\n",
    "main_test.go": 'package main\n\nimport "testing"\n\nfunc TestMain(t *testing.T) {}\n',
}


@pytest.mark.parametrize(
    ("files", "command", "where"),
    [
        (
            {
                "justfile": "lint:\n    golangci-lint run\n\ntest: lint\n    @go test ./...\n"
            },
            "just test",
            ("justfile", "line 5: go test ./..."),
        ),
        (
            {
                "Justfile": "default: check\n\ncheck:\n    go vet ./...\n    go test ./...\n"
            },
            "just",
            ("Justfile", "line 5: go test ./..."),
        ),
        (
            {
                "Taskfile.yml": (
                    "version: '3'\ntasks:\n  test:\n    deps: [lint]\n    cmds:\n"
                    "      - go test ./...\n  lint:\n    cmds:\n      - go vet ./...\n"
                )
            },
            "task test",
            ("Taskfile.yml", "line 6: go test ./..."),
        ),
    ],
)
def test_just_and_go_task_are_followed_to_their_commands(
    make_repo, files, command, where
):
    repo = make_repo(
        {
            **GO_APP,
            **files,
            ".github/workflows/ci.yml": WORKFLOW.format(command=command),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    path, detail = where
    assert evidence(result)[1:] == [
        (path, f"{detail} (run by .github/workflows/ci.yml)")
    ]


def test_invoke_tasks_are_followed_through_their_pre_tasks(make_repo):
    tasks = (
        "from invoke import task\n\n\n@task\ndef unit_tests(c):\n"
        '    c.run("pytest -q tests/unit")\n\n\n@task(pre=[unit_tests])\n'
        "def ci(c):\n    c.run('ruff check .')\n"
    )
    repo = make_repo(
        {
            **PY_TESTS,
            "tasks.py": tasks,
            ".github/workflows/ci.yml": WORKFLOW.format(command="invoke ci"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        (
            "tasks.py",
            "line 6: pytest -q tests/unit (run by .github/workflows/ci.yml)",
        )
    ]


RUBY_SITE = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'middleman'\ngem 'html-proofer'\n",
    "config.rb": "activate :livereload\n",
    "spec/features/home_spec.rb": "RSpec.describe 'home' do\nend\n",
}
RAKEFILE = """\
require "html-proofer"
require "rspec/core/rake_task"

RSpec::Core::RakeTask.new(:spec)

task :htmlproofer do
  options = { disable_external: true }
  HTMLProofer.check_directory("./build", options).run
end

task ci_test: %i[spec htmlproofer]
"""


def test_rake_task_that_runs_rspec_and_html_proofer(make_repo):
    """Pattern 15: ``bundle exec rake ci_test`` whose prerequisites run RSpec and
    HTML-Proofer."""
    repo = make_repo(
        {
            **RUBY_SITE,
            "Rakefile": RAKEFILE.replace(
                "%i[spec htmlproofer]", "[:spec, :htmlproofer]"
            ),
            ".github/workflows/ci.yml": WORKFLOW.format(
                command="bundle exec rake ci_test"
            ),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        (
            "Rakefile",
            "line 4: RSpec::Core::RakeTask.new(:spec) (run by .github/workflows/ci.yml)",
        ),
        (
            "Rakefile",
            (
                'line 8: HTMLProofer.check_directory("./build", options).run (run by '
                ".github/workflows/ci.yml)"
            ),
        ),
    ]


def test_rake_task_in_a_namespace_under_lib_tasks(make_repo):
    repo = make_repo(
        {
            **RUBY_SITE,
            "Rakefile": "require_relative 'config/application'\n",
            "lib/tasks/ci.rake": (
                "namespace :ci do\n  desc 'Run the checks'\n  task :test do\n"
                "    sh 'bundle exec rspec --format progress'\n  end\nend\n"
            ),
            ".github/workflows/ci.yml": WORKFLOW.format(command="bin/rake ci:test"),
        }
    )
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        (
            "lib/tasks/ci.rake",
            (
                "line 4: sh 'bundle exec rspec --format progress' (run by "
                ".github/workflows/ci.yml)"
            ),
        )
    ]


CONCOURSE_PIPELINE = """\
resources:
  - name: source
    type: git
    source: {uri: "https://github.com/example/app.git"}
jobs:
  - name: unit
    plan:
      - get: source
        trigger: true
      - task: unit
        file: source/pipelines/tasks/unit.yml
"""
CONCOURSE_TASK = """\
platform: linux
image_resource:
  type: registry-image
  source: {repository: golang, tag: "1.22"}
inputs:
  - name: source
run:
  path: source/ci/scripts/unit.sh
"""


@pytest.mark.parametrize(
    ("script", "line"),
    [
        ("#!/bin/bash\nset -euo pipefail\ncd source\nmake test\n", 4),
        ("#!/bin/bash\nset -euo pipefail\ncd source && make test\n", 3),
    ],
)
def test_concourse_task_is_followed_through_its_script_to_make_and_go_test(
    make_repo, script, line
):
    """Pattern 16: a pipeline names a task file, which runs a script, which runs
    ``make test``, whose recipe runs ``go test``; paths start with the input's name."""
    repo = make_repo(
        {
            **GO_APP,
            "Makefile": "test: vet\n\tgo test ./...\n\nvet:\n\tgo vet ./...\n",
            "ci/pipeline.yml": CONCOURSE_PIPELINE,
            "pipelines/tasks/unit.yml": CONCOURSE_TASK,
            "ci/scripts/unit.sh": script,
        }
    )
    assert [e for e in evidence(run_rule(repo, "TC0901"))] == [
        ("ci/pipeline.yml", "Concourse"),
        ("pipelines/tasks/unit.yml", "Concourse"),
    ]
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert findings(result) == []
    command = script.splitlines()[line - 1]
    assert evidence(result)[1:] == [
        (
            "ci/scripts/unit.sh",
            f"line {line}: {command} (run by pipelines/tasks/unit.yml)",
        ),
        ("Makefile", "line 2: go test ./... (run by pipelines/tasks/unit.yml)"),
    ]


DOTNET_APP = {
    "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web" />\n',
    "src/App/Program.cs": "var app = WebApplication.Create();\n",
    "tests/App.Tests/HomeTests.cs": "public class HomeTests {}\n",
}
AZURE_EXTENDS = """\
trigger: [main]
resources:
  repositories:
    - repository: templates
      type: github
      name: example-org/pipeline-templates
      ref: refs/tags/v3
      endpoint: example-org
extends:
  template: pipelines/dotnet-service.yml@templates
  parameters:
    project: App
"""


def test_tests_may_run_in_azure_templates_of_another_repository(make_repo):
    """Pattern 17: ``template: x.yml@repo`` declared under ``resources.repositories``."""
    repo = make_repo({**DOTNET_APP, "azure-pipelines.yml": AZURE_EXTENDS})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "warn"
    assert [(f.id, f.level) for f in result.findings] == [
        ("tests-may-run-elsewhere", "note")
    ]
    assert findings(result) == [
        (
            "tests were found (tests/) and no CI step in this repository runs them, but CI "
            "uses Azure Pipelines templates kept in other repositories, which tcop-lint "
            "cannot read (example-org/pipeline-templates/pipelines/dotnet-service.yml"
            "@refs/tags/v3): if none of them runs the tests, add a CI step that runs "
            "`dotnet test`" + HINT,
            "azure-pipelines.yml",
            10,
        )
    ]


def test_azure_step_templates_of_another_repository_are_each_named(make_repo):
    pipeline = (
        "resources:\n  repositories:\n    - repository: shared\n      type: git\n"
        "      name: Platform/shared-steps\n"
        "steps:\n  - template: steps/restore.yml@shared\n"
        "  - template: templates/local-build.yml\n"
        "  - template: steps/publish.yml@shared\n"
    )
    repo = make_repo(
        {
            **DOTNET_APP,
            "azure-pipelines.yml": pipeline,
            "templates/local-build.yml": "steps:\n  - script: dotnet build\n",
        }
    )
    [finding] = run_rule(repo, "TC0902").findings
    assert "(Platform/shared-steps/steps/restore.yml and 1 more)" in finding.message
    assert (finding.path, finding.start_line, finding.level) == (
        "azure-pipelines.yml",
        7,
        "note",
    )


def test_gitlab_workflow_templates_are_never_where_tests_run(make_repo):
    """Pattern 17: ``include: template: Workflows/...`` only sets when pipelines run."""
    gitlab = (
        "include:\n  - template: Workflows/MergeRequest-Pipelines.gitlab-ci.yml\n\n"
        "lint:\n  script:\n    - ruff check .\n"
    )
    repo = make_repo({**PY_TESTS, ".gitlab-ci.yml": gitlab})
    result = run_rule(repo, "TC0902")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "tests were found (tests/) but CI does not run them: add a CI step that runs "
            "`pytest`" + HINT,
            ".gitlab-ci.yml",
            1,
        )
    ]


def test_gitlab_workflow_template_is_left_out_of_the_templates_named(make_repo):
    gitlab = (
        "include:\n  - template: Workflows/Branch-Pipelines.gitlab-ci.yml\n"
        "  - template: Jobs/Build.gitlab-ci.yml\n"
    )
    repo = make_repo({**PY_TESTS, ".gitlab-ci.yml": gitlab})
    result = run_rule(repo, "TC0902")
    assert findings(result) == [
        (
            "tests were found (tests/) and no CI step in this repository runs them, but CI "
            "includes GitLab CI configuration kept outside this repository, which "
            "tcop-lint cannot read (GitLab template Jobs/Build.gitlab-ci.yml): if none of "
            "them runs the tests, add a CI step that runs `pytest`" + HINT,
            ".gitlab-ci.yml",
            3,
        )
    ]


def test_azure_templates_of_this_repository_are_read_as_ci(make_repo):
    pipeline = (
        "trigger: [main]\nstages:\n  - stage: Build\n    jobs:\n"
        "      - template: pipelines/jobs/build.yml\n"
        "        parameters: {configuration: Release}\n"
    )
    repo = make_repo(
        {
            **DOTNET_APP,
            "azure-pipelines.yml": pipeline,
            "pipelines/jobs/build.yml": (
                "jobs:\n  - job: build\n    steps:\n      - template: ../steps/test.yml\n"
            ),
            "pipelines/steps/test.yml": (
                "steps:\n  - script: dotnet build\n  - script: dotnet test --no-build\n"
            ),
        }
    )
    assert evidence(run_rule(repo, "TC0901")) == [
        ("azure-pipelines.yml", "Azure Pipelines"),
        ("pipelines/jobs/build.yml", "Azure Pipelines"),
        ("pipelines/steps/test.yml", "Azure Pipelines"),
    ]
    result = run_rule(repo, "TC0902")
    assert result.outcome == "pass"
    assert evidence(result)[1:] == [
        ("pipelines/steps/test.yml", "line 3: - script: dotnet test --no-build")
    ]
