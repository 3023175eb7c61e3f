"""TC0901 continuous-integration and TC0902 tests-in-ci (point 9, integrate and adapt): the
texts and helpers the topic's tests share."""

from __future__ import annotations

HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: integrate-adapt:` in .tcop-lint.yml"
)
WORKFLOW = """\
name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: {command}
"""
NO_CI = (
    "no CI configuration found (looked for .github/workflows/*.yml, .gitlab-ci.yml, "
    "Jenkinsfile, .circleci/config.yml, azure-pipelines.yml and others): add a pipeline "
    "that builds and tests every change"
)
NO_TESTS = (
    "no automated tests found (looked for tests/, test/, spec/, __tests__/, src/test/, "
    "test_*.py, *_test.go, *.test.ts, *.spec.js, *Test.java, *_spec.rb and similar): add "
    "tests and run them in CI with `{command}`"
)
APP = {"pyproject.toml": "[project]\nname = 'app'\n", "app/main.py": "print('hi')\n"}


def findings(result) -> list[tuple[str, str | None, int | None]]:
    return [(f.message, f.path, f.start_line) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]
