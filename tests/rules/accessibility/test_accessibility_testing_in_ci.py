"""TC0202 accessibility-testing-in-ci: which CI lines run the accessibility tooling."""

from __future__ import annotations

import json

import pytest
from conftest import run_rule

from tcop_lint.facts.accessibility import yaml_command_lines

from . import (
    GOVUK_EXPRESS_APP,
    HMRC_PLAY_FRONTEND,
    NOT_RUN,
    evidence,
    findings,
    package_json,
    workflow,
)


def test_hmrc_play_frontend_with_a_jenkinsfile_running_a11y_tests(make_repo):
    root = make_repo(
        {
            **HMRC_PLAY_FRONTEND,
            "Jenkinsfile": "node {\n  sh 'sbt clean test A11y/test'\n}\n",
        }
    )

    in_ci = run_rule(root, "TC0202")

    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        ("Jenkinsfile", "sbt-accessibility-linter: `sh 'sbt clean test A11y/test'`")
    ]


MONOREPO = {
    "api/package.json": package_json(
        scripts={"test": "jest"},
        dependencies={"express": "^4"},
        devDependencies={"jest": "^29"},
    ),
    "api/src/server.js": "module.exports = {}\n",
    "web/package.json": package_json(
        scripts={"lint": "eslint ."},
        dependencies={"react": "^18", "react-dom": "^18"},
        devDependencies={"jest": "^29", "jest-axe": "^9.0.0"},
    ),
    "web/src/App.jsx": "export const App = () => <main />\n",
}


def test_jest_run_only_in_another_package_does_not_run_jest_axe(make_repo):
    root = make_repo(
        {
            **MONOREPO,
            ".github/workflows/ci.yml": workflow(
                "npm ci", "npm test", working_directory="api"
            ),
        }
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            (
                "the accessibility tooling (jest-axe) is not run by CI: add a step that runs "
                "it, e.g. `npx jest`"
            ),
            ".github/workflows/ci.yml",
            None,
        )
    ]
    assert result.findings[0].level == "warning"


def test_jest_run_in_the_package_that_declares_jest_axe(make_repo):
    web = json.loads(MONOREPO["web/package.json"])
    web["scripts"]["test"] = "jest --ci"
    root = make_repo(
        {
            **MONOREPO,
            "web/package.json": json.dumps(web, indent=2),
            ".gitlab-ci.yml": "web:\n  script:\n    - cd web\n    - npm ci\n    - npm test\n",
        }
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        ("web/package.json", "jest-axe: `jest --ci` run by .gitlab-ci.yml")
    ]


def test_storybook_test_runner_runs_axe_playwright(make_repo):
    """BC's design system runs its stories' accessibility checks with `npm run
    test-storybook` (Storybook's test runner uses axe-playwright)."""
    root = make_repo(
        {
            "package.json": package_json(
                scripts={
                    "test-storybook": "test-storybook --url http://localhost:6006"
                },
                dependencies={"react": "18.0.0", "react-dom": "18.0.0"},
                devDependencies={"axe-playwright": "2.2.2"},
            ),
            "src/Button.tsx": "export const Button = () => <button />;\n",
            ".github/workflows/ci.yml": workflow(
                'npx concurrently "npx http-server storybook-static --port 6006" '
                '"npx wait-on tcp:6006 && npm run test-storybook"'
            ),
        }
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".github/workflows/ci.yml",
            (
                'axe-playwright: `- run: npx concurrently "npx http-server storybook-static '
                '--port 6006" "npx wait-on tcp:6006 && npm run test-storybook"`'
            ),
        ),
    ]


def test_installing_pa11y_is_not_running_it(make_repo):
    files = dict(GOVUK_EXPRESS_APP)
    files[".github/workflows/ci.yml"] = workflow(
        "npm ci", "npm install --global pa11y-ci@3", "npm run build"
    )
    root = make_repo(files)

    result = run_rule(root, "TC0202")

    assert findings(result) == [
        (
            (
                "the accessibility tooling (pa11y-ci) is not run by CI: add a step that runs "
                "it, e.g. `npx pa11y-ci`"
            ),
            ".github/workflows/ci.yml",
            None,
        )
    ]


def test_cypress_axe_run_by_the_cypress_action(make_repo):
    root = make_repo(
        {
            "package.json": package_json(
                dependencies={"vue": "^3.4.0"},
                devDependencies={
                    "cypress": "^13",
                    "cypress-axe": "^1.5.0",
                    "axe-core": "^4.9",
                },
            ),
            "src/App.vue": "<template><main/></template>\n",
            ".github/workflows/e2e.yml": (
                "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: cypress-io/github-action@v6\n        with:\n          start: npm start\n"
            ),
        }
    )

    testing = run_rule(root, "TC0201")
    in_ci = run_rule(root, "TC0202")

    assert evidence(testing) == [
        ("package.json", "cypress-axe (npm dependency)"),
        ("package.json", "axe-core (npm dependency)"),
    ]
    assert in_ci.outcome == "pass"
    assert evidence(in_ci) == [
        (
            ".github/workflows/e2e.yml",
            "cypress-axe: `- uses: cypress-io/github-action@v6`",
        )
    ]


RAILS_AXE_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "axe-core-rspec"\n',
    "app/views/home/index.html.erb": "<h1>Welcome</h1>\n",
    "spec/features/home_spec.rb": (
        "RSpec.describe 'home', type: :feature do\n"
        "  it { visit '/'; expect(page).to be_axe_clean }\n"
        "end\n"
    ),
}


@pytest.mark.parametrize(
    "command",
    [
        "bundle exec rake",
        "bundle exec rspec spec/features",
        "bin/rake spec",
        "bundle exec rake test",
        "bin/rails spec",
        "bin/rails test:system",
        "bundle exec rake lint && bundle exec rake spec",
    ],
)
def test_ruby_test_commands_run_axe_core_rspec(make_repo, command):
    root = make_repo({**RAILS_AXE_APP, ".github/workflows/ci.yml": workflow(command)})

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", f"axe-core-rspec: `- run: {command}`")
    ]


@pytest.mark.parametrize(
    "job",
    [
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n      - run: bundle exec rake lint\n",
            id="rake-lint",
        ),
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: bundle exec rubocop --require rubocop-rspec\n",
            id="rubocop-rspec",
        ),
        pytest.param(
            "    runs-on: ubuntu-latest\n    steps:\n      - name: rspec\n"
            "        run: bundle exec rake assets:precompile\n",
            id="step-named-rspec",
        ),
        pytest.param(
            "    uses: org/shared/.github/workflows/rspec.yml@v1\n",
            id="reusable-workflow-named-rspec",
        ),
    ],
)
def test_ruby_commands_that_run_no_tests_do_not_run_axe_core_rspec(make_repo, job):
    ci = "name: CI\non: push\njobs:\n  check:\n" + job
    root = make_repo({**RAILS_AXE_APP, ".github/workflows/ci.yml": ci})

    result = run_rule(root, "TC0202")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            NOT_RUN.format(label="axe-core-rspec", example="bundle exec rspec"),
            ".github/workflows/ci.yml",
            None,
        )
    ]
    assert result.findings[0].level == "warning"


DOTNET_APP = {
    "App.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
    "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
    "src/Web/Views/Home/Index.cshtml": "@model HomeViewModel\n<h1>Hi</h1>\n",
    "tests/Ui/Ui.csproj": (
        '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
        '    <PackageReference Include="Deque.AxeCore.Playwright" Version="4.10.0" />\n'
        "  </ItemGroup>\n</Project>\n"
    ),
    "tests/Ui/HomePageTests.cs": "public class HomePageTests {}\n",
    "tests/Unit/Unit.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n',
    "tests/Unit/HomeControllerTests.cs": "public class HomeControllerTests {}\n",
}


@pytest.mark.parametrize(
    ("command", "runs"),
    [
        ("dotnet test", True),
        ("dotnet test App.sln --logger trx", True),
        ("dotnet test tests", True),
        ("dotnet test -c Release --no-build ./tests/Ui/", True),
        ("dotnet test tests\\Ui\\Ui.csproj /p:CollectCoverage=true", True),
        ("dotnet test --project tests/Ui", True),
        ("dotnet test tests/Ui/bin/Release/net8.0/Ui.dll", True),
        ("dotnet test tests/Unit", False),
        ("dotnet test --filter Category=Ui tests/Unit/Unit.csproj", False),
        ("dotnet test -c Release src/Web", False),
    ],
)
def test_dotnet_test_runs_axe_only_in_the_project_that_references_it(
    make_repo, command, runs
):
    root = make_repo({**DOTNET_APP, ".github/workflows/ci.yml": workflow(command)})

    result = run_rule(root, "TC0202")

    if runs:
        assert evidence(result) == [
            (
                ".github/workflows/ci.yml",
                f"deque.axecore.playwright: `- run: {command}`",
            )
        ]
    else:
        assert findings(result) == [
            (
                NOT_RUN.format(label="deque.axecore.playwright", example="dotnet test"),
                ".github/workflows/ci.yml",
                None,
            )
        ]


# -- only lines that run commands count (issue 15, pattern 13) -------------------------------

JEST_AXE_APP = {
    "package.json": package_json(
        scripts={"lint": "eslint ."},
        dependencies={"react": "^18", "react-dom": "^18"},
        devDependencies={"jest": "^29", "jest-axe": "^9.0.0"},
    ),
    "src/App.jsx": "export const App = () => <main />\n",
}
NAMES_KEYS_COMMENTS_AND_MATRIX = """\
name: CI
on: push
jobs:
  check:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        suite: [jest, pa11y]
    env:
      RUNNER: jest
    steps:
      - uses: actions/checkout@v4
      # jest runs on the nightly pipeline: npx jest
      - uses: actions/cache@v4
        with:
          path: ~/.cache/jest
          key: jest-${{ hashFiles('package-lock.json') }}
      - name: Run jest
        run: npm run lint
"""


def test_step_names_cache_keys_comments_and_matrix_data_do_not_run_jest_axe(make_repo):
    root = make_repo(
        {**JEST_AXE_APP, ".github/workflows/ci.yml": NAMES_KEYS_COMMENTS_AND_MATRIX}
    )

    result = run_rule(root, "TC0202")

    assert result.outcome == "warn"
    assert findings(result) == [
        (
            NOT_RUN.format(label="jest-axe", example="npx jest"),
            ".github/workflows/ci.yml",
            None,
        )
    ]
    assert result.findings[0].id == "not-run-in-ci"


def test_a_command_in_a_run_block_runs_jest_axe(make_repo):
    workflow_text = NAMES_KEYS_COMMENTS_AND_MATRIX.replace(
        "        run: npm run lint\n",
        "        run: |\n          npm run lint\n          # and then\n          npx jest --ci\n",
    )
    root = make_repo({**JEST_AXE_APP, ".github/workflows/ci.yml": workflow_text})

    result = run_rule(root, "TC0202")

    assert result.outcome == "pass"
    assert evidence(result) == [
        (".github/workflows/ci.yml", "jest-axe: `npx jest --ci`")
    ]


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        pytest.param(
            "test:\n  script:\n  - npm ci\n  - |\n    npx jest\n    # not this\n"
            "  cache:\n    key: jest\n",
            [3, 5],
            id="gitlab-list-at-the-key-column-and-block-scalar",
        ),
        pytest.param(
            "jobs:\n  a11y:\n    steps:\n      - run:\n          name: jest\n"
            "          command: npx jest\n      - run: npx pa11y-ci # after\n",
            [6, 7],
            id="circleci-run-with-name-and-command",
        ),
        pytest.param(
            "steps:\n- script: npx jest\n  displayName: jest\n- task: Npm@1\n  inputs:\n"
            "    command: custom\n    customCommand: run test\n- bash: |\n    npx jest\n",
            [2, 9],
            id="azure-script-task-inputs-and-bash",
        ),
        pytest.param(
            "run:\n  path: ci/scripts/a11y.sh\n  args: [--all]\n"
            "caches:\n- path: jest-cache\n",
            [2, 3],
            id="concourse-task-run-path",
        ),
        pytest.param(
            "matrix:\n  include:\n    - command: npx jest\nscript: # comment\n  - npx jest\n",
            [5],
            id="matrix-data-and-a-commented-key",
        ),
        pytest.param(
            "install:\n  - npm ci\ntest_script:\n  - npx jest\nbuild: off\n",
            [4],
            id="appveyor-test-script",
        ),
    ],
)
def test_yaml_command_lines(text, commands):
    assert sorted(yaml_command_lines(text)) == commands


def test_a_jenkinsfile_stage_name_is_not_a_command(make_repo):
    root = make_repo(
        {
            **JEST_AXE_APP,
            "Jenkinsfile": (
                "pipeline {\n  stages {\n    stage('jest') {\n"
                "      steps {\n        // sh 'npx jest'\n        sh 'npm run lint'\n"
                "      }\n    }\n  }\n}\n"
            ),
        }
    )

    result = run_rule(root, "TC0202")

    assert findings(result) == [
        (NOT_RUN.format(label="jest-axe", example="npx jest"), "Jenkinsfile", None)
    ]


_REACT_KIT = {
    "src/Button.tsx": "export const Button = () => <button />;\n",
}


@pytest.mark.parametrize(
    ("scripts", "steps", "outcome", "found"),
    [
        (
            {"lint": "eslint src"},
            ("npm ci", "npm run lint"),
            "pass",
            [
                (
                    "evidence",
                    "package.json",
                    None,
                    (
                        "eslint-plugin-jsx-a11y (static lint): `eslint src` run by "
                        ".github/workflows/ci.yml"
                    ),
                ),
                (
                    "evidence",
                    ".github/workflows/ci.yml",
                    None,
                    "eslint-plugin-jsx-a11y (static lint): `- run: npm run lint`",
                ),
            ],
        ),
        (
            {"test": "jest"},
            ("npm ci", "npm test"),
            "warn",
            [
                (
                    "warning",
                    "package.json",
                    12,
                    (
                        "the static accessibility linting (eslint-plugin-jsx-a11y) is not run "
                        "by CI: add a step that runs it, e.g. `npx eslint .`"
                    ),
                )
            ],
        ),
    ],
    ids=["lint-run", "lint-not-run"],
)
def test_static_accessibility_linting_counts_as_run_when_ci_runs_eslint(
    make_repo, scripts, steps, outcome, found
):
    """Amsterdam's component library lints with jsx-a11y in CI: what TC0201 found (partial
    evidence) is run, so TC0202 passes; not run, it warns."""
    root = make_repo(
        {
            **_REACT_KIT,
            "package.json": package_json(
                scripts=scripts,
                dependencies={"react": "18.0.0", "react-dom": "18.0.0"},
                devDependencies={"eslint-plugin-jsx-a11y": "6.8.0"},
            ),
            ".github/workflows/ci.yml": workflow(*steps),
        }
    )
    result = run_rule(root, "TC0202")
    assert result.outcome == outcome
    got = [("evidence", e.path, None, e.detail) for e in result.evidence] + [
        (f.level, f.path, f.start_line, f.message) for f in result.findings
    ]
    assert sorted(got) == sorted(found)


def test_storybook_panel_checks_never_run_in_ci(make_repo):
    root = make_repo(
        {
            **_REACT_KIT,
            "package.json": package_json(
                scripts={"test": "jest"},
                dependencies={"react": "18.0.0", "react-dom": "18.0.0"},
                devDependencies={"@storybook/addon-a11y": "9.1.2"},
            ),
            ".github/workflows/ci.yml": workflow("npm ci", "npm test"),
        }
    )
    result = run_rule(root, "TC0202")
    assert result.outcome == "warn"
    assert [(f.path, f.start_line, f.message) for f in result.findings] == [
        (
            "package.json",
            12,
            (
                "Storybook's accessibility checks (@storybook/addon-a11y in package.json) run "
                "only in its panel, never in CI: add @storybook/addon-vitest and a CI step that "
                "runs `npx vitest --project=storybook`, or @storybook/test-runner with "
                "axe-playwright and `npx test-storybook`"
            ),
        )
    ]
