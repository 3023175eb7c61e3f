"""A finding's identity is its rule, id, path and key: rewording a message changes nothing.

Code scanning matches alerts by ``partialFingerprints`` and ``--baseline`` matches known
findings by fingerprint, so a better message in a new release must keep both. The rule here
is a real local plugin whose source is edited between two real runs of the command line.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from conftest import make_git_repo
from sarif_check import assert_valid_sarif

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))

PLUGIN = """
from tcop_lint.rule import Finding, rule


@rule(code="TC0891", name="org-file", topic="share-reuse", level="warning",
      summary="An organisation's own rule.", rationale="Point 8.", remediation="Add ORG.md.")
def org_file(repo, options):
    yield Finding(MESSAGE, "README.md", id="missing-org-file")
    yield Finding(MESSAGE + " (web)", "web/package.json", id="missing-org-file", key="web")
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, str(root), "--select", "TC0891", "--allow-plugins", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def sarif_fingerprints(path: Path) -> dict[str, tuple[str, str]]:
    sarif = json.loads(path.read_text(encoding="utf-8"))
    assert_valid_sarif(sarif)
    return {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: (
            r["message"]["text"],
            r["partialFingerprints"]["tcopLint/v1"],
        )
        for r in sarif["runs"][0]["results"]
    }


def write_plugin(root: Path, message: str) -> None:
    (root / "org_rules" / "org.py").write_text(
        f"MESSAGE = {message!r}\n" + PLUGIN, encoding="utf-8"
    )


def test_rewording_a_message_keeps_fingerprints_and_the_baseline(
    tmp_path: Path,
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/org.py": "",
            "README.md": "# Service\n",
            "web/package.json": "{}\n",
        },
    )
    write_plugin(root, "no ORG.md found")
    first = run(root, "--format", f"sarif:{tmp_path / 'first.sarif'}")
    assert first.returncode == 0, first.stderr  # warnings only

    write_plugin(root, "ORG.md is missing: add it, naming the owning team")
    second = run(root, "--format", f"sarif:{tmp_path / 'second.sarif'}")
    assert second.returncode == 0, second.stderr
    before = sarif_fingerprints(tmp_path / "first.sarif")
    after = sarif_fingerprints(tmp_path / "second.sarif")
    assert before["README.md"][0] == "no ORG.md found"
    assert after["README.md"][0] == "ORG.md is missing: add it, naming the owning team"
    assert {uri: fp for uri, (_, fp) in after.items()} == {
        uri: fp for uri, (_, fp) in before.items()
    }
    # the identity is documented: sha256 of rule, path, id and key
    identity = "TC0891\0README.md\0missing-org-file\0"
    assert after["README.md"][1] == hashlib.sha256(identity.encode()).hexdigest()[:32]

    third = run(
        root,
        "--baseline",
        str(tmp_path / "first.sarif"),
        "--format",
        f"json:{tmp_path / 'third.json'}",
    )
    assert third.returncode == 0, third.stderr
    report = json.loads((tmp_path / "third.json").read_text(encoding="utf-8"))
    assert report["baseline_known"] == 2
    assert [f for rule in report["rules"] for f in rule["findings"]] == []


def test_a_finding_without_an_id_is_still_told_apart_by_its_message(
    tmp_path: Path,
) -> None:
    """An older plugin's findings (no id) keep the message-based identity they had."""
    root = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "plugins: [./org_rules]\n",
            "org_rules/org.py": (
                "from tcop_lint.rule import Finding, rule\n"
                "@rule(code='TC0891', name='org-file', topic='share-reuse', level='warning',\n"
                "      summary='s', rationale='r', remediation='m')\n"
                "def org_file(repo, options):\n"
                "    yield Finding('first problem', 'README.md')\n"
                "    yield Finding('second problem', 'README.md')\n"
            ),
            "README.md": "# Service\n",
        },
    )
    result = run(root, "--format", f"sarif:{tmp_path / 'out.sarif'}")
    assert result.returncode == 0, result.stderr
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    prints = [
        r["partialFingerprints"]["tcopLint/v1"] for r in sarif["runs"][0]["results"]
    ]
    expected = [
        hashlib.sha256(f"TC0891\0README.md\0{m}".encode()).hexdigest()[:32]
        for m in ("first problem", "second problem")
    ]
    assert prints == expected
