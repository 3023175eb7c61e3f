"""Plugin rules: a local folder named by the config, an installed entry point, a crashing rule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import make_git_repo

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))

PLUGIN_RULES = """
from tcop_lint.rule import Evidence, Finding, rule

SUMMARY = "An organisation's own rule."
REMEDIATION = "Add ORG.md."


@rule(code="TC0891", name="org-file", topic="share-reuse", level="warning",
      summary=SUMMARY, rationale="Point 8.", remediation=REMEDIATION)
def org_file(repo, options):
    if repo.has("ORG.md"):
        yield Evidence("ORG.md", "organisation file")
    else:
        yield Finding("no ORG.md: add one describing the owning team")


@rule(code="TC0892", name="org-crash", topic="security", level="error",
      summary=SUMMARY, rationale="Point 6.", remediation=REMEDIATION)
def org_crash(repo, options):
    raise RuntimeError("plugin bug")
    yield
"""


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [TCOP_LINT, str(root), "--format", "json", *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def outcomes(stdout: str) -> dict[str, str]:
    return {r["code"]: r["outcome"] for r in json.loads(stdout)["rules"]}


def test_local_plugin_folder_runs_and_a_crash_is_isolated(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/checks.py": PLUGIN_RULES,
            ".github/workflows/ci.yml": "on: push\n",
            "README.md": "# x\n",
        },
    )
    result = run(root, "--select", "TC0901,TC089", "--allow-plugins")
    assert result.returncode == 1, result.stderr
    assert outcomes(result.stdout) == {
        "TC0891": "warn",
        "TC0892": "error",
        "TC0901": "pass",
    }
    report = json.loads(result.stdout)
    assert report["errors"] == [
        {"rule": "TC0892", "message": "RuntimeError: plugin bug"}
    ]
    crashed = next(r for r in report["rules"] if r["code"] == "TC0892")
    assert crashed["reason"] == "rule crashed: RuntimeError: plugin bug"


def test_crash_is_a_sarif_tool_execution_notification(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/checks.py": PLUGIN_RULES,
        },
    )
    sarif = tmp_path / "out.sarif"
    result = run(
        root, "--select", "TC089", "--allow-plugins", "--format", f"sarif:{sarif}"
    )
    assert result.returncode == 1
    [invocation] = json.loads(sarif.read_text())["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "rule TC0892 crashed: RuntimeError: plugin bug"},
            "descriptor": {"id": "TC0892"},
        }
    ]


def test_local_plugins_need_explicit_trust(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/checks.py": PLUGIN_RULES,
        },
    )
    result = run(root)
    assert result.returncode == 2
    assert result.stderr == (
        "tcop-lint: .tcop-lint.yml: config names the plugin folder './org_rules'; loading it runs "
        "its code, so pass --allow-plugins to trust it\n"
    )


def _install_plugin(site: Path, layout: str) -> Path:
    """A real installed plugin distribution in ``layout``; returns the sys.path entry."""
    metadata = "Metadata-Version: 2.1\nName: org-tcop-rules\nVersion: 1.0\n"
    entry_points = "[console_scripts]\norg = org_tcop_rules:main\n\n"
    entry_points += "[tcop_lint.rules]\norg = org_tcop_rules\n"
    tree = site / "org_tcop_rules-1.0-py3.11.egg" if layout == "egg" else site
    files = {
        "org_tcop_rules/__init__.py": PLUGIN_RULES.replace(
            "raise", "return\n    raise"
        ),
        {
            "dist-info": "org_tcop_rules-1.0.dist-info/METADATA",
            "egg-info": "org_tcop_rules-1.0.egg-info/PKG-INFO",
            "egg": "EGG-INFO/PKG-INFO",
            "zip": "org_tcop_rules-1.0.dist-info/METADATA",
        }[layout]: metadata,
    }
    info = next(name for name in files if not name.endswith(".py")).rpartition("/")[0]
    files[f"{info}/entry_points.txt"] = entry_points
    if layout == "zip":
        archive = site / "plugins.zip"
        site.mkdir()
        with zipfile.ZipFile(archive, "w") as zipped:
            for name, text in files.items():
                zipped.writestr(name, text)
        return archive
    for name, text in files.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text)
    return tree


@pytest.mark.parametrize("layout", ["dist-info", "egg-info", "egg", "zip"])
def test_installed_entry_point_rules_run(tmp_path: Path, layout: str) -> None:
    """An installed distribution on sys.path exposing the entry point group, in each layout
    importlib.metadata reads."""
    path_entry = _install_plugin(tmp_path / "site", layout)
    root = make_git_repo(tmp_path / "repo", {"ORG.md": "# Team\n"})
    result = run(root, "--select", "TC089", env={"PYTHONPATH": str(path_entry)})
    assert result.returncode == 0, result.stderr
    assert outcomes(result.stdout) == {"TC0891": "pass", "TC0892": "pass"}
    listed = subprocess.run(
        [TCOP_LINT, "list-rules"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(path_entry)},
    ).stdout
    assert "TC0891  org-file" in listed


def test_no_plugin_installed_means_importlib_metadata_is_not_imported() -> None:
    """The cheap look for the entry point group spares a small run importing it."""
    probe = (
        "import sys\n"
        "from tcop_lint import registry\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "print(len(registry.entry_point_rules()), 'importlib.metadata' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    assert result.stdout == "0 False\n"
