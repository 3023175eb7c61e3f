"""``tcop-lint init``: writes what a repository is missing, never overwrites, and what it writes
makes the dependency-updates rule pass."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import git, write_files

from tcop_lint import config as config_module
from tcop_lint import init
from tcop_lint.cli import main

SCHEMAS = Path(__file__).parent / "data" / "schemas"
WORKFLOW = """\
name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - run: npm test
"""
FOUR_ECOSYSTEMS = {
    "README.md": "# Service\n",
    "package.json": '{"name": "web", "dependencies": {"express": "^4.19.0"}}\n',
    "package-lock.json": '{"name": "web", "lockfileVersion": 3}\n',
    "api/requirements.txt": "flask==3.0.3\n",
    "Dockerfile": "FROM node:22-alpine\n",
    ".github/workflows/ci.yml": WORKFLOW,
}


@cache
def _dependabot_validator():
    from jsonschema.validators import validator_for

    schema = json.loads((SCHEMAS / "dependabot-2.0.json").read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def dependabot_schema_errors(config: dict) -> list[str]:
    """Errors against SchemaStore's dependabot-2.0 schema (tests/data/schemas/SOURCES.md)."""
    return [e.message for e in _dependabot_validator().iter_errors(config)]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def rule_result(root: Path, rule: str) -> dict:
    result = invoke("check", "--select", rule, "--format", "json", str(root))
    [found] = json.loads(result.output)["rules"]
    return found


def test_four_ecosystems_then_dependency_updates_passes(make_repo):
    root = make_repo(FOUR_ECOSYSTEMS)
    before = rule_result(root, "dependency-updates")
    assert before["outcome"] == "fail"

    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote .tcop-lint.yml (profile uk)",
        "wrote privacy-assessment.yml (answer the eight screening questions, then set reviewed)",
        "wrote SECURITY.md (replace the <placeholders>)",
        "wrote .github/dependabot.yml (docker /, github-actions /, npm /, pip /api)",
    ]
    dependabot = yaml.safe_load((root / ".github/dependabot.yml").read_text())
    assert dependabot["version"] == 2
    assert sorted(
        (u["package-ecosystem"], u["directory"]) for u in dependabot["updates"]
    ) == [
        ("docker", "/"),
        ("github-actions", "/"),
        ("npm", "/"),
        ("pip", "/api"),
    ]
    assert all(u["schedule"] == {"interval": "weekly"} for u in dependabot["updates"])
    assert all(u["cooldown"] == {"default-days": 7} for u in dependabot["updates"])
    assert dependabot_schema_errors(dependabot) == []

    after = rule_result(root, "dependency-updates")
    assert after["outcome"] == "pass", after["findings"]
    check = invoke("check", "--select", "dependency-updates", str(root))
    assert check.exit_code == 0
    # the security policy template is found; it warns only until its placeholders are filled
    policy = rule_result(root, "security-policy")
    assert policy["outcome"] in ("pass", "warn")
    assert [f["path"] for f in policy["findings"]] in ([], ["SECURITY.md"])


def test_init_twice_changes_nothing_the_second_time(make_repo):
    root = make_repo(FOUR_ECOSYSTEMS)
    invoke("init", str(root))
    written = snapshot(root)
    result = invoke("init", str(root))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "kept .tcop-lint.yml (exists)",
        "kept privacy-assessment.yml (exists)",
        "kept SECURITY.md (exists)",
        "kept .github/dependabot.yml (exists)",
    ]
    assert snapshot(root) == written


def test_dry_run_prints_and_writes_nothing(make_repo):
    root = make_repo(FOUR_ECOSYSTEMS)
    before = snapshot(root)
    result = invoke("init", "--dry-run", str(root))
    assert result.exit_code == 0
    assert snapshot(root) == before
    lines = result.output.splitlines()
    headers = [line for line in lines if not line.startswith("    ") and line]
    assert headers == [
        "would write .tcop-lint.yml (profile uk):",
        (
            "would write privacy-assessment.yml (answer the eight screening questions, "
            "then set reviewed):"
        ),
        "would write SECURITY.md (replace the <placeholders>):",
        "would write .github/dependabot.yml (docker /, github-actions /, npm /, pip /api):",
    ]
    assert "    profile: uk" in lines
    assert "      - package-ecosystem: pip" in lines
    assert "        directory: /api" in lines
    # the dry run shows exactly what a real run then writes
    start = lines.index(
        "would write .github/dependabot.yml (docker /, github-actions /, npm /, pip /api):"
    )
    shown = "\n".join(line[4:] for line in lines[start + 1 :]) + "\n"
    invoke("init", str(root))
    assert (root / ".github/dependabot.yml").read_text() == shown


def test_written_config_is_valid_and_its_examples_too(make_repo):
    root = make_repo({"README.md": "# x\n"})
    invoke("init", str(root))
    text = (root / ".tcop-lint.yml").read_text()
    config = config_module.load(root)
    assert config.profile == "uk"
    assert config.path == ".tcop-lint.yml"
    # the first line tells editors the schema (the yaml-language-server modeline)
    modeline, rest = text.split("\n", 1)
    assert modeline == (
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/tcop-lint/"
        "tcop-lint/main/tcop_lint/data/config.schema.json"
    )
    assert modeline.endswith(config_module.SCHEMA_URL)
    # uncommenting every example gives a valid config naming real rules
    uncommented = re.sub(r"(?m)^# ( *[\w-]+:.*| +- .*)$", r"\1", rest)
    assert "attestations:\n  purchasing:" in uncommented
    (root / ".tcop-lint.yml").write_text(uncommented)
    config = config_module.load(root)
    assert set(config.attestations) == {"purchasing", "service-standard"}
    assert [e.rule for e in config.exemptions] == ["open-document-formats"]
    check = invoke("check", "--select", "TC0901", str(root))
    assert check.exit_code in (0, 1), check.output  # not 2: the rule names exist


def test_bc_conventions_select_the_bc_profile_and_count_as_privacy_evidence(make_repo):
    root = make_repo(
        {
            "README.md": "# BC service\n",
            "COMPLIANCE.yaml": (
                "name: compliance\n"
                "description: compliance records\n"
                "spec:\n"
                "  - name: PIA\n"
                "    status: completed\n"
                "    last-updated: '2026-09-01T00:00:00.000Z'\n"
            ),
        }
    )
    result = invoke("init", str(root))
    lines = result.output.splitlines()
    assert lines[0] == "wrote .tcop-lint.yml (profile bc)"
    assert lines[1] == "skipped privacy-assessment.yml (COMPLIANCE.yaml exists)"
    assert not (root / "privacy-assessment.yml").exists()
    assert config_module.load(root).profile == "bc"
    assert (
        "Detected: bc (COMPLIANCE.yaml is present)."
        in (root / ".tcop-lint.yml").read_text()
    )


def test_bcgovpubcode_selects_the_bc_profile(make_repo):
    root = make_repo({"bcgovpubcode.yml": "data_management_roles: {}\n"})
    result = invoke("init", "--dry-run", str(root))
    assert result.output.splitlines()[0] == "would write .tcop-lint.yml (profile bc):"


def test_existing_evidence_in_other_places_is_kept(make_repo):
    original_dependabot = "version: 2\nupdates: []\n"
    root = make_repo(
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["requests"]\n\n'
            '[tool.tcop-lint]\nprofile = "uk"\n',
            "PRIVACY.md": "# Privacy\n\nReviewed: 2026-01-01\n",
            ".github/SECURITY.md": "# Security\n\nEmail security@example.gov.uk\n",
            ".github/dependabot.yml": original_dependabot,
        }
    )
    result = invoke("init", str(root))
    assert result.output.splitlines() == [
        "kept pyproject.toml [tool.tcop-lint] (exists)",
        "skipped privacy-assessment.yml (PRIVACY.md exists)",
        "skipped SECURITY.md (.github/SECURITY.md exists)",
        "kept .github/dependabot.yml (exists)",
    ]
    assert not (root / ".tcop-lint.yml").exists()
    assert not (root / "SECURITY.md").exists()
    assert (root / ".github/dependabot.yml").read_text() == original_dependabot


@pytest.mark.parametrize(
    ("files", "holder"),
    [
        (
            {"VulnerabilityDisclosurePolicy.md": "Email security@example.gov.uk\n"},
            "VulnerabilityDisclosurePolicy.md",
        ),
        (
            {
                "README.md": "# App\n\n## Reporting a vulnerability\n\n"
                "Email security@example.gov.uk\n"
            },
            "README.md",
        ),
    ],
    ids=["disclosure-policy", "readme-section"],
)
def test_a_policy_under_another_name_is_to_be_moved_not_templated(
    make_repo, files, holder
):
    root = make_repo(files)
    result = invoke("init", str(root))
    assert (
        f"skipped SECURITY.md ({holder} holds it: move it to SECURITY.md)"
        in result.output.splitlines()
    ), result.output
    assert not (root / "SECURITY.md").exists()


def test_renovate_users_get_no_dependabot_config(make_repo):
    root = make_repo(
        {
            **FOUR_ECOSYSTEMS,
            ".github/renovate.json5": "{extends: ['config:recommended']}\n",
        }
    )
    result = invoke("init", str(root))
    assert (
        "skipped .github/dependabot.yml (.github/renovate.json5 configures Renovate)"
        in (result.output.splitlines())
    )
    assert not (root / ".github/dependabot.yml").exists()


@pytest.mark.parametrize("config", [".gitea/renovate.json", ".forgejo/renovate.json5"])
def test_renovate_wherever_the_rule_finds_it(make_repo, config):
    """init asks the same reader as the dependency-updates rule, so it knows every place
    Renovate reads its config from."""
    root = make_repo(
        {**FOUR_ECOSYSTEMS, config: '{"extends": ["config:recommended"]}\n'}
    )
    result = invoke("init", str(root))
    assert (
        f"skipped .github/dependabot.yml ({config} configures Renovate)"
        in result.output.splitlines()
    )
    assert rule_result(root, "dependency-updates")["outcome"] == "pass"


def test_renovate_key_in_package_json(make_repo):
    root = make_repo(
        {"package.json": '{"name": "x", "dependencies": {"a": "1"}, "renovate": {}}\n'}
    )
    result = invoke("init", "--dry-run", str(root))
    assert (
        "skipped .github/dependabot.yml (package.json configures Renovate)"
        in result.output
    )


def test_nothing_to_update(make_repo):
    root = make_repo({"README.md": "# docs only\n"})
    result = invoke("init", str(root))
    assert (
        "skipped .github/dependabot.yml (no package ecosystems found)" in result.output
    )
    assert not (root / ".github").exists()


def test_attested_privacy_is_not_templated(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "profile: uk\nattestations:\n  privacy:\n"
                "    evidence: https://intranet.example.gov.uk/dpia/123\n"
                "    reviewed: 2099-01-01\n"
            ),
        }
    )
    # a review date in the future is still "in date" for the engine
    result = invoke("init", "--dry-run", str(root))
    assert (
        "skipped privacy-assessment.yml (attested in .tcop-lint.yml)"
        in result.output.splitlines()
    )


def test_monorepo_directories_with_odd_names(tmp_path):
    """Not a git repository; a directory with a space; workspaces folded into their root."""
    root = tmp_path / "plain"
    write_files(
        root,
        {
            "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}\n',
            "packages/a/package.json": '{"name": "a", "dependencies": {"left-pad": "1"}}\n',
            "services/my api/requirements.txt": "django==5.0\n",
            "infra/main.tf": (
                "terraform {\n  required_providers {\n"
                '    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n  }\n}\n'
            ),
        },
    )
    result = invoke("init", str(root))
    assert (
        "wrote .github/dependabot.yml (npm /, pip /services/my api, terraform /infra)"
        in (result.output.splitlines())
    ), result.output
    text = (root / ".github/dependabot.yml").read_text()
    assert '    directory: "/services/my api"\n' in text
    assert rule_result(root, "dependency-updates")["outcome"] == "pass"


def test_not_a_directory_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.output == f"tcop-lint: {tmp_path / 'missing'}: no such directory\n"


def test_broken_config_is_a_usage_error(make_repo):
    root = make_repo({".tcop-lint.yml": "profile: [\n"})
    result = CliRunner().invoke(main, ["init", str(root)])
    assert result.exit_code == 2
    assert result.output.startswith("tcop-lint: .tcop-lint.yml:")


@pytest.mark.parametrize("name", ["SECURITY.md", "privacy-assessment.yml"])
def test_never_overwrites_even_a_file_that_appears_late(make_repo, name):
    """A file created between planning and writing is kept (exclusive create)."""
    root = make_repo({"README.md": "# x\n"})
    steps = init.plan(root)
    (root / name).write_text("mine\n")
    lines = [init._write(root, s) for s in steps if s.action == "write"]
    assert f"kept {name} (exists)" in lines
    assert (root / name).read_text() == "mine\n"


def test_does_not_write_through_a_symlinked_directory(make_repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = make_repo(FOUR_ECOSYSTEMS)
    (root / ".github").rename(tmp_path / "moved")
    (root / ".github").symlink_to(outside, target_is_directory=True)
    result = invoke("init", str(root))
    assert list(outside.iterdir()) == []
    assert (
        "skipped .github/dependabot.yml (its directory is outside the repository)"
        in (result.output.splitlines())
    )


# -- the host decides the update tool ---------------------------------------------------------

GITLAB_CI = "test:\n  script: npm test\n"
NPM_AND_PIP = {
    "README.md": "# Service\n",
    "package.json": '{"name": "web", "dependencies": {"express": "^4.19.0"}}\n',
    "package-lock.json": '{"name": "web", "lockfileVersion": 3}\n',
    "api/requirements.txt": "flask==3.0.3\n",
}
RENOVATE = (
    "{\n"
    '  "$schema": "https://docs.renovatebot.com/renovate-schema.json",\n'
    '  "extends": [\n    "config:recommended"\n  ],\n'
    '  "minimumReleaseAge": "7 days"\n'
    "}\n"
)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://gitlab.com/org/service.git", "remote origin is on gitlab.com"),
        (
            "git@gitlab.digital.example.gov.uk:team/service.git",
            "remote origin is on gitlab.digital.example.gov.uk",
        ),
    ],
    ids=["gitlab.com", "self-managed"],
)
def test_a_gitlab_remote_gets_renovate_not_dependabot(make_repo, url, reason):
    root = make_repo({**NPM_AND_PIP, ".github/workflows/ci.yml": WORKFLOW})
    git(root, "remote", "add", "origin", url)
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"wrote renovate.json (on GitLab, as {reason}: Renovate covers "
        "github-actions /, npm /, pip /api)"
    )
    assert (root / "renovate.json").read_text() == RENOVATE
    assert not (root / ".github/dependabot.yml").exists()
    assert rule_result(root, "dependency-updates")["outcome"] == "pass"


def test_gitlab_ci_and_no_github_folder_is_gitlab(make_repo):
    root = make_repo({**NPM_AND_PIP, ".gitlab-ci.yml": GITLAB_CI})
    result = invoke("init", "--dry-run", str(root))
    assert (
        "would write renovate.json (on GitLab, as .gitlab-ci.yml and no .github/ folder: "
        "Renovate covers npm /, pip /api):"
    ) in result.output.splitlines()
    assert "    " + RENOVATE.splitlines()[2] in result.output.splitlines()


@pytest.mark.parametrize(
    ("files", "remote"),
    [
        ({".gitlab-ci.yml": GITLAB_CI, ".github/CODEOWNERS": "* @team\n"}, None),
        ({".gitlab-ci.yml": GITLAB_CI}, "https://github.com/org/service.git"),
        ({}, "https://git.example.gov.uk/org/service.git"),
    ],
    ids=["github-folder", "github-remote-wins", "unknown-host"],
)
def test_otherwise_dependabot(make_repo, files, remote):
    root = make_repo({**NPM_AND_PIP, **files})
    if remote:
        git(root, "remote", "add", "origin", remote)
    result = invoke("init", str(root))
    assert result.output.splitlines()[-1] == (
        "wrote .github/dependabot.yml (npm /, pip /api)"
    )
    assert not (root / "renovate.json").exists()


@pytest.mark.parametrize(
    ("files", "remote", "host", "reason"),
    [
        (
            {},
            "https://bitbucket.org/org/service.git",
            "Bitbucket",
            "remote origin is on bitbucket.org",
        ),
        (
            {},
            "git@ssh.dev.azure.com:v3/org/project/service",
            "Azure DevOps",
            "remote origin is on dev.azure.com",
        ),
        (
            {"azure-pipelines.yml": "steps:\n  - script: npm test\n"},
            None,
            "Azure DevOps",
            "azure-pipelines.yml and no .github/ folder",
        ),
        (
            {"bitbucket-pipelines.yml": "pipelines:\n  default: []\n"},
            None,
            "Bitbucket",
            "bitbucket-pipelines.yml and no .github/ folder",
        ),
    ],
    ids=["bitbucket-remote", "azure-remote", "azure-pipelines", "bitbucket-pipelines"],
)
def test_bitbucket_and_azure_devops_get_renovate(
    make_repo, files, remote, host, reason
):
    """Dependabot runs only on GitHub: elsewhere init writes Renovate, which runs there."""
    root = make_repo({**NPM_AND_PIP, **files})
    if remote:
        git(root, "remote", "add", "origin", remote)
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"wrote renovate.json (on {host}, as {reason}: Renovate covers npm /, pip /api)"
    )
    assert not (root / ".github/dependabot.yml").exists()


def test_gitlab_with_renovate_or_dependabot_already(make_repo):
    root = make_repo(
        {**NPM_AND_PIP, ".gitlab-ci.yml": GITLAB_CI, ".gitlab/renovate.json": "{}\n"}
    )
    result = invoke("init", str(root))
    assert result.output.splitlines()[-1] == "kept .gitlab/renovate.json (exists)"
    assert not (root / "renovate.json").exists()

    root = make_repo(
        {
            **NPM_AND_PIP,
            ".gitlab-ci.yml": GITLAB_CI,
            ".github/dependabot.yml": "version: 2\nupdates: []\n",
        }
    )
    git(root, "remote", "add", "origin", "https://gitlab.com/org/service.git")
    result = invoke("init", str(root))
    assert result.output.splitlines()[-1] == (
        "skipped renovate.json (.github/dependabot.yml configures Dependabot, which does not "
        "run on GitLab: move its settings to Renovate)"
    )
    assert not (root / "renovate.json").exists()


def test_gitlab_with_nothing_to_update(make_repo):
    root = make_repo({"README.md": "# docs\n", ".gitlab-ci.yml": GITLAB_CI})
    result = invoke("init", str(root))
    assert result.output.splitlines()[-1] == (
        "skipped renovate.json (no package ecosystems found)"
    )


def test_written_dependabot_config_is_valid_for_every_ecosystem_found(tmp_path):
    """The cooldown key is accepted for each ecosystem init can write, per SchemaStore."""
    from tcop_lint.facts.ecosystems import DEPENDABOT_ECOSYSTEMS, EcosystemDir

    found = [EcosystemDir(name, "/", "x") for name in sorted(DEPENDABOT_ECOSYSTEMS)]
    config = yaml.safe_load(init.dependabot_config(found))
    assert dependabot_schema_errors(config) == []
    # the schema copy is live: it refuses a cooldown it does not know
    config["updates"][0]["cooldown"] = {"days": 7}
    assert dependabot_schema_errors(config)


def test_renovate_json_is_never_written_through_a_link(make_repo, tmp_path):
    root = make_repo({**NPM_AND_PIP, ".gitlab-ci.yml": GITLAB_CI})
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "renovate.json").symlink_to(outside / "renovate.json")  # dangling
    result = invoke("init", str(root))
    assert result.output.splitlines()[-1] == "kept renovate.json (exists)"
    assert list(outside.iterdir()) == []
