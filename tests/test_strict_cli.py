"""A strict command line: a mistake in how tcop-lint is run exits 2 with one line that says
what is wrong and what was meant, instead of passing CI silently (issue 17).

Every test runs the installed console script in a real process on a real git repository.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import make_git_repo
from sarif_check import assert_valid_sarif

TCOP_LINT = str(Path(sys.executable).with_name("tcop-lint"))

PLUGIN_RULES = """
from tcop_lint.plugin import Evidence, Finding, rule


@rule(code="DEPT0101", name="catalog-info", topic="share-reuse", level="warning",
      summary="A catalog-info.yaml registers the service.", rationale="Point 8.",
      remediation="Add catalog-info.yaml.",
      help_uri="https://dept.example.org/tcop/DEPT0101")
def catalog_info(repo, options):
    if repo.has("catalog-info.yaml"):
        yield Evidence("catalog-info.yaml", "developer portal entry")
    else:
        yield Finding("no catalog-info.yaml", id="missing-catalog-info")


@rule(code="DEPT0102", name="team-file", topic="share-reuse", level="warning",
      summary="A TEAM.md names the owners.", rationale="Point 8.",
      remediation="Add TEAM.md.")
def team_file(repo, options):
    yield Finding("no TEAM.md", id="missing-team-file")
"""


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TCOP_LINT, *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def plugin_repo(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    return make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# service\n",
            ".tcop-lint.yml": "plugins: [./dept_rules]\n",
            "dept_rules/dept.py": PLUGIN_RULES,
            **(extra or {}),
        },
    )


# -- plugin rules are first-class --------------------------------------------------------------


def test_sarif_links_a_plugin_rule_to_its_own_documentation(tmp_path: Path) -> None:
    root = plugin_repo(tmp_path)
    result = cli(
        str(root), "--allow-plugins", "--select", "DEPT,TC0301", "--format", "sarif"
    )
    assert result.returncode == 1, result.stderr  # TC0301: no licence
    sarif = json.loads(result.stdout)
    assert_valid_sarif(sarif)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert sorted(rules) == ["DEPT0101", "DEPT0102", "TC0301"]
    assert rules["DEPT0101"]["helpUri"] == "https://dept.example.org/tcop/DEPT0101"
    assert rules["DEPT0101"]["help"]["markdown"].endswith(
        "[Rule documentation](https://dept.example.org/tcop/DEPT0101)"
    )
    # No page of its own: no link at all, rather than tcop-lint's page with no such section.
    assert "helpUri" not in rules["DEPT0102"]
    assert rules["DEPT0102"]["help"]["text"] == (
        "Add TEAM.md.\n\nEvidences the Code's point 8 (Share, reuse and collaborate)."
    )
    assert rules["TC0301"]["helpUri"] == (
        "https://github.com/tcop-lint/tcop-lint/blob/main/docs/rules.md#tc0301"
    )

    junit = cli(
        str(root), "--allow-plugins", "--select", "DEPT,TC0301", "--format", "junit"
    ).stdout
    assert "How to fix: tcop-lint explain DEPT0102<" in junit
    assert (
        "How to fix: tcop-lint explain DEPT0101, or https://dept.example.org/tcop/DEPT0101<"
        in junit
    )
    assert (
        "How to fix: tcop-lint explain TC0301, or "
        "https://github.com/tcop-lint/tcop-lint/blob/main/docs/rules.md#tc0301<"
    ) in junit


# -- unknown rules -------------------------------------------------------------------------


def test_select_of_no_rule_exits_2_with_the_closest_codes(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})
    result = cli(str(root), "--select", "TC0301,TC99")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        (
            "tcop-lint: --select TC99: no rule has this code, code prefix, name or topic "
            "(did you mean TC0901 or TC0902?)\n"
        ),
    )
    result = cli(str(root), "--ignore", "securty")
    assert (result.returncode, result.stderr) == (
        2,
        (
            "tcop-lint: --ignore securty: no rule has this code, code prefix, name or "
            "topic (did you mean security or security-policy?)\n"
        ),
    )
    result = cli(str(root), "--select", "zzzz")
    assert (result.returncode, result.stderr) == (
        2,
        (
            "tcop-lint: --select zzzz: no rule has this code, code prefix, name or topic; "
            "`tcop-lint list-rules` shows them all\n"
        ),
    )


def test_prefixes_names_topics_and_plugin_codes_are_valid_selections(
    tmp_path: Path,
) -> None:
    root = plugin_repo(tmp_path, {"catalog-info.yaml": "kind: Component\n"})
    result = cli(
        str(root),
        "--allow-plugins",
        "--select",
        "tc06,licence-file,purchasing,DEPT",
        "--ignore",
        "TC060,team-file",
        "--format",
        "json",
    )
    assert result.returncode == 1, result.stderr  # TC0301: no licence
    codes = [r["code"] for r in json.loads(result.stdout)["rules"]]
    assert "DEPT0101" in codes and "DEPT0102" not in codes and "TC0301" in codes
    assert not [c for c in codes if c.startswith("TC060")]


def test_unknown_rule_in_the_config_names_its_line_and_the_closest_codes(
    tmp_path: Path,
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# service\n",
            ".tcop-lint.yml": "profile: uk\nrules:\n  TC0301: warning\n  TC0310: off\n",
        },
    )
    result = cli(str(root))
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        (
            "tcop-lint: .tcop-lint.yml:4: rules: unknown rule 'TC0310' "
            "(did you mean TC0301, TC0302 or TC0303?)\n"
        ),
    )


# -- one place per report ----------------------------------------------------------------------


def test_two_reports_to_one_place_exit_2(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})
    hint = "send each report to a file of its own (--format FORMAT:FILE)\n"
    cases = {
        (
            "json",
            "sarif",
        ): "--format json and --format sarif both write to standard output",
        ("text", "sarif:/dev/stdout"): (
            "--format text and --format sarif:/dev/stdout both write to standard output"
        ),
        ("json:out.json", "sarif:./sub/../out.json"): (
            "--format json:out.json and --format sarif:./sub/../out.json both write to "
            "out.json"
        ),
    }
    (tmp_path / "sub").mkdir()
    for formats, problem in cases.items():
        args = [arg for f in formats for arg in ("--format", f)]
        result = cli(str(root), *args, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"tcop-lint: {problem}: {hint}",
        ), formats
    assert not (tmp_path / "out.json").exists()
    # The same file by another name (a link) is the same place.
    (tmp_path / "report.out").write_text("", encoding="utf-8")
    (tmp_path / "alias.out").symlink_to(tmp_path / "report.out")
    result = cli(
        str(root),
        "--format",
        "sarif:report.out",
        "--format",
        "json:alias.out",
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (
        2,
        (
            "tcop-lint: --format sarif:report.out and --format json:alias.out both "
            f"write to report.out: {hint}"
        ),
    )


def test_reports_to_separate_places_and_the_null_device_still_run(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})
    result = cli(
        str(root),
        "--select",
        "TC0301",
        "--format",
        "json",
        "--format",
        "sarif:out.sarif",
        "--format",
        "text:/dev/null",
        "--format",
        "markdown:/dev/null",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["rules"][0]["code"] == "TC0301"
    assert_valid_sarif(json.loads((tmp_path / "out.sarif").read_text("utf-8")))


# -- plugins the config names -------------------------------------------------------------------

NOT_INSTALLED = (
    "is not an installed tcop-lint plugin (no entry point of that name in the group "
    "tcop_lint.rules){}: install the package that provides it where tcop-lint runs (pip "
    "install <package>; in a pre-commit hook, additional_dependencies: [<package>])\n"
)


def install_plugin(site: Path) -> dict[str, str]:
    """A real installed distribution (dist-info) declaring the entry point ``dept``."""
    info = site / "dept_tcop_rules-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: dept-tcop-rules\nVersion: 1.0\n", "utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[tcop_lint.rules]\ndept = dept_tcop_rules\n", "utf-8"
    )
    (site / "dept_tcop_rules.py").write_text(PLUGIN_RULES, "utf-8")
    return {"PYTHONPATH": str(site)}


def test_a_plugin_the_config_names_must_be_installed(tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# service\n",
            ".tcop-lint.yml": "profile: uk\nplugins:\n  - dept\n",
            "pyproject.toml": "[project]\nname = 'x'\n",
        },
    )
    result = cli(str(root))
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "tcop-lint: .tcop-lint.yml:3: plugins: 'dept' " + NOT_INSTALLED.format(""),
    )
    env = install_plugin(tmp_path / "site")
    result = cli(str(root), "--select", "DEPT", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    outcomes = {r["code"]: r["outcome"] for r in json.loads(result.stdout)["rules"]}
    assert outcomes == {"DEPT0101": "warn", "DEPT0102": "warn"}
    (root / ".tcop-lint.yml").unlink()
    (root / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.tcop-lint]\nprofile = 'uk'\nplugins = ['dpet']\n",
        "utf-8",
    )
    result = cli(str(root), env=env)
    assert (result.returncode, result.stderr) == (
        2,
        "tcop-lint: pyproject.toml:6: plugins: 'dpet' "
        + NOT_INSTALLED.format(" (installed: did you mean dept?)"),
    )

    # Named by a config the repository's extends: that file's line.
    (root / "pyproject.toml").unlink()
    (root / "base.yml").write_text("profile: uk\nplugins: [dept, gone]\n", "utf-8")
    (root / ".tcop-lint.yml").write_text("extends: base.yml\n", "utf-8")
    result = cli(str(root), env=env)
    assert (result.returncode, result.stderr) == (
        2,
        "tcop-lint: base.yml:2: plugins: 'gone' " + NOT_INSTALLED.format(""),
    )


def test_list_rules_and_explain_know_the_plugins_of_the_repositorys_config(
    tmp_path: Path,
) -> None:
    root = plugin_repo(tmp_path)
    refused = cli("list-rules", str(root))
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2,
        "",
        (
            "tcop-lint: .tcop-lint.yml: config names the plugin folder './dept_rules'; "
            "loading it runs its code, so pass --allow-plugins to trust it\n"
        ),
    )
    listed = cli("list-rules", "--allow-plugins", cwd=root)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == (
        "DEPT0101  catalog-info                     warning  share-reuse       "
        "A catalog-info.yaml registers the service."
    )
    assert lines[1].startswith("DEPT0102  team-file ")
    rows = json.loads(
        cli("list-rules", str(root), "--allow-plugins", "--format", "json").stdout
    )
    assert rows[0]["code"] == "DEPT0101" and rows[0]["points"] == {"uk": 8, "bc": 8}

    explained = cli("explain", "catalog-info", str(root), "--allow-plugins")
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.startswith(
        "DEPT0101 catalog-info\n\nA catalog-info.yaml registers the service.\n"
    )
    assert explained.stdout.endswith(
        "\n\nDocumentation: https://dept.example.org/tcop/DEPT0101\n"
    )
    unknown = cli("explain", "DEPT0110", str(root), "--allow-plugins")
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "tcop-lint: unknown rule 'DEPT0110' (did you mean DEPT0101 or DEPT0102?)\n",
    )

    # --config names another config: its plugins, not the repository's.
    other = tmp_path / "other.yml"
    other.write_text("profile: uk\n", "utf-8")
    alone = cli("explain", "DEPT0101", str(root), "--config", str(other))
    assert (alone.returncode, alone.stderr) == (
        2,
        "tcop-lint: unknown rule 'DEPT0101' (did you mean TC0101?)\n",
    )
    assert cli("list-rules", "nowhere", cwd=tmp_path).stderr == (
        "tcop-lint: nowhere: no such directory\n"
    )


# -- help ------------------------------------------------------------------------------------------


def test_top_level_help_shows_how_to_run_the_checks() -> None:
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(
        "Usage: tcop-lint [PATH] [CHECK OPTIONS]\n   or: tcop-lint COMMAND [ARGS]...\n"
    )
    section = text.split("\nCheck options (tcop-lint [PATH] is tcop-lint check):\n")[1]
    check_help = cli("check", "--help").stdout.split("\nOptions:\n")[1]
    # Every option of check, as check --help shows it, less its own --help.
    assert section == check_help.split("  -h, --help")[0]
    for option in (
        "--select RULES",
        "--fail-on",
        "--format FORMAT[:FILE]",
        "--offline",
    ):
        assert option in section


# -- config errors name what is allowed -------------------------------------------------------


def test_config_errors_name_the_allowed_values(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})
    cases = {
        "rules:\n  TC0301:\n    level: nope\n": (
            ".tcop-lint.yml:3: rules/TC0301/level: 'nope' is not one of off, note, "
            "warning, error"
        ),
        "rules:\n  TC0301: loud\n": (
            ".tcop-lint.yml:2: rules/TC0301: 'loud' is not one of off, note, warning, error"
        ),
        "rules:\n  TC0301:\n    leve: error\n": (
            ".tcop-lint.yml:2: rules/TC0301: unknown key 'leve' (did you mean level?)"
        ),
        "rules:\n  TC0301:\n    options: 3\n": (
            ".tcop-lint.yml:3: rules/TC0301/options: 3 is not a mapping of keys"
        ),
        "profile: ca\n": ".tcop-lint.yml:1: profile: 'ca' is not one of uk, bc",
        "online: maybe\n": ".tcop-lint.yml:1: online: 'maybe' is not true or false",
        "exclude: docs\n": ".tcop-lint.yml:1: exclude: 'docs' is not a list",
        "colour: red\n": (
            ".tcop-lint.yml:1: top level: unknown key 'colour' (keys: attestations, "
            "exclude, exemptions, extends, max-file-bytes, online, plugins, policies, "
            "profile, rules)"
        ),
        "rules:\n  TC0603:\n    options:\n      max-age-days: soon\n": (
            ".tcop-lint.yml:4: rules: TC0603: option 'max-age-days': 'soon' is not an "
            "integer"
        ),
    }
    for config, problem in cases.items():
        (root / ".tcop-lint.yml").write_text(config, "utf-8")
        result = cli(str(root))
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"tcop-lint: {problem}\n",
        ), config


def test_the_schema_id_is_the_url_editors_fetch() -> None:
    from tcop_lint.config import SCHEMA_URL

    repo = Path(__file__).resolve().parents[1]
    assert SCHEMA_URL == (
        "https://raw.githubusercontent.com/tcop-lint/tcop-lint/main/tcop_lint/data/"
        "config.schema.json"
    )
    # the URL names the package's file; schema/ keeps the same bytes for editors
    shipped = repo / "tcop_lint" / "data" / "config.schema.json"
    assert json.loads(shipped.read_text("utf-8"))["$id"] == SCHEMA_URL
    assert (
        repo / "schema" / "tcop-lint.schema.json"
    ).read_bytes() == shipped.read_bytes()


# -- init never turns a repository redder -------------------------------------------------------


def test_the_privacy_template_init_writes_is_one_finding_as_none_was(
    tmp_path: Path,
) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})

    def tc0701() -> list[tuple[str, str, bool]]:
        result = cli(str(root), "--select", "TC0701", "--format", "json")
        assert result.returncode == 1, result.stderr
        findings = json.loads(result.stdout)["rules"][0]["findings"]
        return [(f["id"], f["level"], f["path"]) for f in findings]

    assert tc0701() == [("missing-assessment", "error", "README.md")]
    assert cli("init", str(root)).returncode == 0
    assert tc0701() == [("unfilled-assessment", "error", "privacy-assessment.yml")]


# -- what is being committed ---------------------------------------------------------------------


def test_tracked_only_takes_no_evidence_from_untracked_files(tmp_path: Path) -> None:
    from licence_texts import mit_text

    root = make_git_repo(tmp_path / "repo", {"README.md": "# service\n"})
    (root / "LICENSE").write_text(mit_text(), "utf-8")

    def tc0301(*args: str) -> tuple[int, str]:
        result = cli(str(root), "--select", "TC0301", "--format", "json", *args)
        return result.returncode, json.loads(result.stdout)["rules"][0]["outcome"]

    assert tc0301() == (0, "pass")  # a laptop run sees the working tree
    assert tc0301("--tracked-only") == (1, "fail")
    subprocess.run(["git", "add", "LICENSE"], cwd=root, check=True)
    assert tc0301("--tracked-only") == (0, "pass")  # staged: part of the commit

    plain = tmp_path / "plain"
    plain.mkdir()
    result = cli(str(plain), "--tracked-only")
    assert (result.returncode, result.stderr) == (
        2,
        (
            f"tcop-lint: {plain}: --tracked-only judges what git is committing, but "
            "this folder is not in a git work tree\n"
        ),
    )


# -- the README ----------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def _readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text("utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_usage_names_every_check_option() -> None:
    usage = _readme_section("Usage")
    options = set(
        re.findall(r"(?<![\w-])--[a-z][a-z-]+", cli("check", "--help").stdout)
    )
    assert "--tracked-only" in options and "--offline" in options
    assert sorted(o for o in options - {"--help"} if o not in usage) == []
    assert "tcop-lint check [PATH]" in usage


def test_readme_pins_pre_commit_to_a_commit_until_a_release_is_tagged() -> None:
    section = _readme_section("pre-commit")
    revs = re.findall(r"^\s*rev: (\S+)(.*)$", section, re.MULTILINE)
    assert revs, section
    tags = subprocess.run(
        ["git", "tag"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for rev, comment in revs:
        if rev in tags:
            continue
        assert re.fullmatch(r"[0-9a-f]{40}", rev), rev  # no tag of that name exists
        assert comment.strip() == "# frozen: main"
        if shallow == "false":  # the pinned commit is one of main's, with the hooks
            hooks = subprocess.run(
                ["git", "show", f"{rev}:.pre-commit-hooks.yaml"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert "entry: tcop-lint check --tracked-only\n" in hooks
