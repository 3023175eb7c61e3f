"""zizmor (pedantic) and actionlint on the action, this repository's workflows and the
README's workflow examples, which users copy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is a test dependency (pip install -e '.[test]')"
    return found


def readme_workflows() -> list[str]:
    """The README's ```yaml blocks that are workflows (they have `on:` and `jobs:`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", readme, re.MULTILINE | re.DOTALL)
    found = []
    for block in blocks:
        document = yaml.safe_load(block)
        # YAML 1.1 reads the key `on` as true
        if isinstance(document, dict) and "jobs" in document and True in document:
            found.append(block)
    return found


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("readme-examples")
    paths = []
    for number, block in enumerate(readme_workflows(), 1):
        path = folder / f"readme-example-{number}.yml"
        path.write_text(block, encoding="utf-8")
        paths.append(path)
    return paths


def action_as_workflow(folder: Path) -> Path:
    """action.yml's steps as one job of a reusable workflow (its inputs as the workflow's),
    so actionlint checks their expressions and keys: it reads workflows, not actions."""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    inputs = {
        name: {"type": "string", "required": False, "default": spec.get("default", "")}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "action.yml's steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {},
        "jobs": {
            "steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}
        },
    }
    path = folder / "action-steps.yml"
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    return path


def test_the_readme_has_workflow_examples(examples):
    """The GitHub Action section's two at least, each pinning tcop-lint by a full commit SHA
    naming its branch: no release tag exists to refer to."""
    refs = []
    for path in examples:
        text = path.read_text(encoding="utf-8")
        refs += re.findall(r"uses: tcop-lint/tcop-lint[@/](\S+.*)", text)
    assert len(refs) >= 2
    for ref in refs:
        assert re.fullmatch(r"(\S+@)?[0-9a-f]{40} # main", ref), ref


def test_zizmor_reports_nothing(examples):
    result = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--strict-collection",
            "--persona",
            "pedantic",
            "--no-progress",
            "action.yml",
            ".github/workflows/",
            *map(str, examples),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_actionlint_reports_nothing(examples, tmp_path):
    """The workflows (the `uses: ./` one has its inputs checked against action.yml), the
    README's examples and the action's own steps."""
    result = subprocess.run(
        [
            tool("actionlint"),
            "-no-color",
            *map(str, WORKFLOWS),
            *map(str, examples),
            str(action_as_workflow(tmp_path)),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_finds_a_mistake(tmp_path):
    """It does read what it is given: a step's output read before any step has that id,
    as a mistake in action.yml's steps would be, is an error."""
    workflow = tmp_path / "bad.yml"
    workflow.write_text(
        "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "$E"\n        env:\n'
        "          E: ${{ steps.lint.outputs.status }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [tool("actionlint"), "-no-color", str(workflow)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert 'property "lint" is not defined in object type {}' in result.stdout
