"""Configuration: levels, off, excludes, exemptions, attestations, and one-line errors (exit 2)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_git_repo, run_engine

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))
NO_CI = {"README.md": "# Service\n"}
TODAY = dt.date.today()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, *args], check=False, capture_output=True, text=True, timeout=60
    )


def repo_with(tmp_path: Path, config: str, files: dict[str, str] | None = None) -> Path:
    return make_git_repo(
        tmp_path / "repo", {**NO_CI, **(files or {}), ".tcop-lint.yml": config}
    )


def result_for(root: Path, code: str = "TC0901"):
    [result] = [
        r for r in run_engine(root, select=(code,)).results if r.rule.code == code
    ]
    return result


def test_level_override_changes_finding_level(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "rules:\n  continuous-integration: warning\n")
    result = result_for(root)
    assert (result.outcome, result.level) == ("warn", "warning")
    assert [f.level for f in result.findings] == ["warning"]


def test_off_disables_a_rule_by_code(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "rules:\n  TC0901: off\n")
    assert [r.rule.code for r in run_engine(root, select=("TC0901",)).results] == []


def test_level_in_mapping_form(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "rules:\n  TC0901:\n    level: note\n")
    assert [f.level for f in result_for(root).findings] == ["note"]


def test_pyproject_tool_table_is_read(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            **NO_CI,
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.tcop-lint.rules]\nTC0901 = "off"\n',
        },
    )
    assert run_engine(root, select=("TC0901",)).results == []


def test_exclude_hides_paths_from_every_rule(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path, "exclude:\n  - .github/\n", {".github/workflows/ci.yml": "on: push\n"}
    )
    assert result_for(root).outcome == "fail"


def test_exemption_suppresses_with_reason_and_shows_in_sarif(tmp_path: Path) -> None:
    expires = (TODAY + dt.timedelta(days=30)).isoformat()
    root = repo_with(
        tmp_path,
        "exemptions:\n"
        "  - rule: continuous-integration\n"
        "    reason: CI runs in the department's Jenkins, outside this repository\n"
        f"    expires: {expires}\n"
        "    approved-by: Head of Engineering\n",
    )
    out = tmp_path / "out.sarif"
    result = cli(
        str(root), "--select", "TC0901", "--format", f"sarif:{out}", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rules"][0]["outcome"] == "exempt"
    [sarif_result] = json.loads(out.read_text())["runs"][0]["results"]
    assert sarif_result["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "CI runs in the department's Jenkins, outside this repository "
            f"(exempt until {expires}, approved by Head of Engineering)",
        }
    ]


def test_exemption_limited_to_paths(tmp_path: Path) -> None:
    expires = (TODAY + dt.timedelta(days=30)).isoformat()
    root = repo_with(
        tmp_path,
        f"exemptions:\n  - rule: TC0901\n    paths: [docs/**]\n    reason: r\n    expires: {expires}\n",
    )
    result = result_for(root)
    assert result.outcome == "fail"
    assert [f.suppression for f in result.findings] == [None]


def test_expired_exemption_is_an_error_finding_at_its_config_line(
    tmp_path: Path,
) -> None:
    root = repo_with(
        tmp_path,
        "profile: uk\nexemptions:\n  - rule: TC0901\n    reason: legacy\n    expires: 2020-01-31\n",
    )
    result = result_for(root)
    assert result.outcome == "fail"
    expired = [f for f in result.findings if f.path == ".tcop-lint.yml"]
    assert [(f.level, f.start_line, f.message) for f in expired] == [
        (
            "error",
            3,
            (
                "exemption for TC0901 expired on 2020-01-31: fix the findings or renew it with a "
                "new `expires` date and reason"
            ),
        )
    ]
    # the expired exemption no longer suppresses anything
    assert all(f.suppression is None for f in result.findings)


def test_in_date_attestation_turns_a_missing_evidence_rule_into_pass(
    tmp_path: Path,
) -> None:
    root = repo_with(
        tmp_path,
        "attestations:\n  integrate-adapt:\n    evidence: https://jenkins.example.gov.uk/job/svc\n"
        f"    reviewed: {TODAY.isoformat()}\n",
    )
    result = result_for(root)
    assert (result.outcome, result.findings) == ("pass", [])
    assert [(e.path, e.detail) for e in result.evidence] == [
        (
            ".tcop-lint.yml",
            f"attestation: https://jenkins.example.gov.uk/job/svc (reviewed {TODAY.isoformat()})",
        )
    ]


def test_stale_attestation_warns_at_its_line(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path,
        "attestations:\n  TC0901:\n    evidence: https://ci.example.org\n"
        "    reviewed: 2020-01-01\n    max-age-days: 30\n",
    )
    result = result_for(root)
    assert result.outcome == "warn"
    assert [(f.path, f.start_line, f.level, f.message) for f in result.findings] == [
        (
            ".tcop-lint.yml",
            2,
            "warning",
            (
                "attestation `TC0901` was reviewed on 2020-01-01, more than 30 days ago: review "
                "https://ci.example.org and update `reviewed`"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "rules: [unclosed\n",
            ".tcop-lint.yml:2: invalid YAML: did not find expected ',' or ']'",
        ),
        ("profile: ca\n", ".tcop-lint.yml:1: profile: 'ca' is not one of uk, bc"),
        (
            "profile: uk\nrulez: {}\n",
            ".tcop-lint.yml:1: top level: unknown key 'rulez' (did you mean rules?)",
        ),
        (
            "rules:\n  TC0901: loud\n",
            ".tcop-lint.yml:2: rules/TC0901: 'loud' is not one of off, note, warning, error",
        ),
        (
            "rules:\n  TC9999: error\n",
            (
                ".tcop-lint.yml:2: rules: unknown rule 'TC9999'; "
                "`tcop-lint list-rules` shows them all"
            ),
        ),
        (
            "rules:\n  TC0901:\n    options: {colour: red}\n",
            ".tcop-lint.yml:2: rules: TC0901: unknown option 'colour' (options: none)",
        ),
        (
            "exemptions:\n  - rule: TC0901\n    expires: 2030-01-01\n",
            ".tcop-lint.yml:2: exemptions/0: 'reason' is required",
        ),
        (
            "exemptions:\n  - rule: TC0901\n    reason: x\n    expires: 2030-02-30\n",
            ".tcop-lint.yml:4: '2030-02-30' is not a real date (YYYY-MM-DD)",
        ),
        (
            "max-file-bytes: 1000000000\n",
            (
                ".tcop-lint.yml:1: max-file-bytes: 1000000000 is greater than the maximum of "
                "16777216"
            ),
        ),
        (
            "- just\n- a list\n",
            ".tcop-lint.yml:1: the config must be a mapping of keys",
        ),
        (
            "!!python/object/apply:os.system [echo hi]\n",
            ".tcop-lint.yml:1: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
    ],
)
def test_broken_config_exits_2_with_one_line(
    tmp_path: Path, config: str, message: str
) -> None:
    root = repo_with(tmp_path, config)
    result = cli(str(root))
    assert result.returncode == 2
    assert result.stderr == f"tcop-lint: {message}\n"
    assert "Traceback" not in result.stderr


def test_explicit_config_file_that_is_missing(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", NO_CI)
    result = cli(str(root), "--config", str(tmp_path / "none.yml"))
    assert (result.returncode, result.stderr) == (
        2,
        f"tcop-lint: {tmp_path / 'none.yml'}:1: config file not found\n",
    )


def test_shipped_schema_matches_the_published_copy() -> None:
    root = Path(__file__).parents[1]
    assert (root / "schema" / "tcop-lint.schema.json").read_bytes() == (
        root / "tcop_lint" / "data" / "config.schema.json"
    ).read_bytes()


def test_only_a_config_outside_the_checkout_is_trusted(tmp_path: Path) -> None:
    """The trust boundary: a config a pull request can change never widens the run."""
    from tcop_lint import config as config_module

    checkout = make_git_repo(
        tmp_path / "checkout",
        {".tcop-lint.yml": "online: true\n", "services/api/README.md": "# x\n"},
    )
    mine = tmp_path / "mine.yml"
    mine.write_text("online: true\n", encoding="utf-8")
    api = checkout / "services" / "api"
    found = config_module.load(checkout)
    named_inside = config_module.load(api, str(checkout / ".tcop-lint.yml"))
    outside = config_module.load(api, str(mine))
    assert (found.in_repo, found.trusted, found.online) == (True, False, True)
    assert (named_inside.in_repo, named_inside.trusted) == (False, False)
    assert (outside.in_repo, outside.trusted) == (False, True)
    assert config_module.checkout_of(api) == checkout.resolve()
    assert config_module.checkout_of(tmp_path) == tmp_path.resolve()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {".tcop-lint.yml": "rules: {readme: {options: {min-words: fifty}}}\n"},
            ".tcop-lint.yml:1: rules: readme: option 'min-words': 'fifty' is not an integer",
        ),
        (
            {
                ".tcop-lint.yml": (
                    "profile: uk\nrules:\n  readme:\n    options:\n"
                    "      min-words: fifty\n"
                )
            },
            ".tcop-lint.yml:5: rules: readme: option 'min-words': 'fifty' is not an integer",
        ),
        (
            {".tcop-lint.yml": "rules:\n  readme:\n    options: {max-words: 3}\n"},
            (
                ".tcop-lint.yml:2: rules: readme: unknown option 'max-words' "
                "(options: min-words)"
            ),
        ),
        (
            {
                "pyproject.toml": (
                    '[project]\nname = "x"\n\n[tool.tcop-lint.rules.readme.options]\n'
                    'min-words = "fifty"\n'
                )
            },
            "pyproject.toml:5: rules: readme: option 'min-words': 'fifty' is not an integer",
        ),
        (
            {
                "pyproject.toml": (
                    '[project]\nname = "x"\n\n[tool.tcop-lint]\nprofile = "uk"\n'
                    "rules = {readme = {options = {min-words = true}}}\n"
                )
            },
            "pyproject.toml:6: rules: readme: option 'min-words': True is not an integer",
        ),
        (
            {
                "pyproject.toml": (
                    '[project]\nname = "x"\n\n[tool.tcop-lint.rules.readme]\n'
                    'level = "warning"\noptions = {max-words = 3}\n'
                )
            },
            (
                "pyproject.toml:4: rules: readme: unknown option 'max-words' "
                "(options: min-words)"
            ),
        ),
    ],
    ids=[
        "yaml-flow-wrong-type",
        "yaml-block-wrong-type",
        "yaml-unknown-option",
        "pyproject-wrong-type",
        "pyproject-inline-wrong-type",
        "pyproject-unknown-option",
    ],
)
def test_wrong_typed_or_unknown_option_is_a_config_error(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    """Checked against the rule's declared options at load time: exit 2 with FILE:LINE, one
    line, no traceback, and no rule runs (issue 14; a wrong type once crashed the rule)."""
    root = make_git_repo(tmp_path / "repo", {**NO_CI, **files})
    result = cli(str(root), "--format", "json")
    assert (result.returncode, result.stderr, result.stdout) == (
        2,
        f"tcop-lint: {message}\n",
        "",
    )


def test_pyproject_config_errors_point_at_the_key(tmp_path: Path) -> None:
    """The line is the key's own, not the table's (a blank line above the table counted)."""
    root = make_git_repo(
        tmp_path / "repo",
        {
            **NO_CI,
            "pyproject.toml": (
                '[project]\nname = "x"\n\n[tool.tcop-lint]\nprofile = "uk"\n'
                'online = "yes"\n'
            ),
        },
    )
    result = cli(str(root))
    assert (result.returncode, result.stderr) == (
        2,
        "tcop-lint: pyproject.toml:6: online: 'yes' is not true or false\n",
    )
