"""Organisation policies (``policies:``): each kind passing and failing on real git
repositories, through the same engine as the built-in rules, and every broken policy
refused with exit 2 and the line it is on."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import git

from tcop_lint import config as config_module
from tcop_lint import engine
from tcop_lint.explain import explain_text
from tcop_lint.results import RuleResult
from tcop_lint.rule import Evidence

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "tcop_lint"]

CATALOG = """\
policies:
  - code: DEPT0101
    name: catalog-info
    topic: share-reuse
    level: error
    kind: file-exists
    files: [catalog-info.yaml, catalog-info.yml]
    message: no catalog-info.yaml for the developer portal
    fix: add catalog-info.yaml describing the component
    help-uri: https://intranet.example.gov.uk/standards/catalog
"""


def policy(kind: str, **fields: object) -> str:
    """A config holding one policy DEPT0201 of ``kind`` with ``fields`` (as YAML flow)."""
    lines = [
        "policies:",
        "  - code: DEPT0201",
        "    name: the-policy",
        "    topic: security",
        "    level: error",
        f"    kind: {kind}",
    ]
    lines += [f"    {name}: {json.dumps(value)}" for name, value in fields.items()]
    lines += ["    message: the policy is not met", "    fix: meet it"]
    return "\n".join(lines) + "\n"


def run_policy(root: Path, code: str = "DEPT0201") -> RuleResult:
    config = config_module.load(root)
    rules = engine.load_rules(config, allow_local_plugins=False)
    report = engine.run(root, config, rules, selection=engine.Selection((code,)))
    [result] = report.results
    return result


def findings(result: RuleResult) -> list[tuple[str | None, int | None, str, str, str]]:
    return [(f.path, f.start_line, f.level, f.id, f.message) for f in result.findings]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


# -- file-exists ---------------------------------------------------------------------------


def test_file_exists_fails_on_the_readme_with_the_policy_message_and_fix(make_repo):
    root = make_repo({".tcop-lint.yml": CATALOG, "README.md": "# x\n"})
    result = run_policy(root, "DEPT0101")
    assert result.outcome == "fail"
    assert findings(result) == [
        (
            "README.md",
            None,
            "error",
            "missing-file",
            (
                "no catalog-info.yaml for the developer portal (looked for catalog-info.yaml "
                "or catalog-info.yml): add catalog-info.yaml describing the component; if the "
                "evidence is kept outside the repository, attest it under "
                "`attestations: share-reuse:` in .tcop-lint.yml"
            ),
        )
    ]


def test_file_exists_passes_with_the_file_as_evidence(make_repo):
    root = make_repo({".tcop-lint.yml": CATALOG, "catalog-info.yml": "kind: x\n"})
    result = run_policy(root, "DEPT0101")
    assert (result.outcome, result.findings) == ("pass", [])
    assert result.evidence == [
        Evidence("catalog-info.yml", "matches catalog-info.yml (DEPT0101)")
    ]


def test_file_globs_are_anchored_at_the_root(make_repo):
    config = policy("file-exists", files=["docs/**/*.md"])
    nested = make_repo({".tcop-lint.yml": config, "docs/a/b/guide.md": "x"})
    elsewhere = make_repo({".tcop-lint.yml": config, "web/docs/guide.md": "x"})
    assert run_policy(nested).evidence == [
        Evidence("docs/a/b/guide.md", "matches docs/**/*.md (DEPT0201)")
    ]
    assert run_policy(elsewhere).outcome == "fail"


def test_a_brace_may_hold_folders(make_repo):
    """``{docs/,.github/,}SECURITY.md`` (as GitHub looks for the file) finds each place."""
    config = policy("file-exists", files=["{docs/,.github/,}SECURITY.md"])
    root = make_repo({".tcop-lint.yml": config, ".github/SECURITY.md": "x"})
    assert run_policy(root).evidence == [
        Evidence(
            ".github/SECURITY.md", "matches {docs/,.github/,}SECURITY.md (DEPT0201)"
        )
    ]


def test_file_exists_all_reports_each_missing_file(make_repo):
    config = policy(
        "file-exists", files=["CODEOWNERS", "SECURITY.md", "{a,b}.txt"], match="all"
    )
    root = make_repo({".tcop-lint.yml": config, "SECURITY.md": "x", "b.txt": "x"})
    result = run_policy(root)
    assert findings(result) == [
        (
            None,
            None,
            "error",
            "missing-file",
            (
                "the policy is not met (no file matches CODEOWNERS): meet it; if the evidence "
                "is kept outside the repository, attest it under `attestations: security:` "
                "in .tcop-lint.yml"
            ),
        )
    ]
    assert result.evidence == [
        Evidence("SECURITY.md", "matches SECURITY.md (DEPT0201)"),
        Evidence("b.txt", "matches {a,b}.txt (DEPT0201)"),
    ]


# -- file-absent ---------------------------------------------------------------------------


def test_file_absent_fails_at_each_file_that_matches(make_repo):
    config = policy("file-absent", files=["**/*.pem", ".env"])
    root = make_repo(
        {".tcop-lint.yml": config, "certs/key.pem": "x", ".env": "A=1", "a.txt": "x"}
    )
    assert findings(run_policy(root)) == [
        (
            "certs/key.pem",
            None,
            "error",
            "forbidden-file",
            "the policy is not met (certs/key.pem matches **/*.pem): meet it",
        ),
        (
            ".env",
            None,
            "error",
            "forbidden-file",
            "the policy is not met (.env matches .env): meet it",
        ),
    ]


def test_file_absent_passes_when_nothing_matches(make_repo):
    config = policy("file-absent", files=["**/*.pem"])
    root = make_repo({".tcop-lint.yml": config, "a.txt": "x"})
    result = run_policy(root)
    assert (result.outcome, result.findings) == ("pass", [])
    assert result.evidence == [
        Evidence(".tcop-lint.yml", "no file matches **/*.pem (DEPT0201)")
    ]


# -- file-contains / file-not-contains -----------------------------------------------------


HEADER = "^# SPDX-License-Identifier: (MIT|OGL-UK-3.0)$"


def test_file_contains_fails_at_each_file_without_the_pattern(make_repo):
    config = policy("file-contains", files=["src/**/*.py"], pattern=HEADER)
    root = make_repo(
        {
            ".tcop-lint.yml": config,
            "src/a.py": "#!/usr/bin/env python\n# SPDX-License-Identifier: MIT\n",
            "src/pkg/b.py": "print('no header')\n",
            "tests/c.py": "not checked\n",
        }
    )
    result = run_policy(root)
    assert findings(result) == [
        (
            "src/pkg/b.py",
            None,
            "error",
            "pattern-missing",
            f"the policy is not met (no match for /{HEADER}/): meet it",
        )
    ]
    assert result.evidence == [Evidence("src/a.py", f"contains /{HEADER}/")]


def test_file_contains_is_skipped_when_no_file_matches(make_repo):
    config = policy("file-contains", files=["src/**/*.py"], pattern="x")
    root = make_repo({".tcop-lint.yml": config, "README.md": "x"})
    result = run_policy(root)
    assert (result.outcome, result.reason) == ("skipped", "no file matches src/**/*.py")


def test_file_not_contains_fails_at_the_first_matching_line(make_repo):
    config = policy(
        "file-not-contains", files=["**/*.env", "config/*"], pattern="AKIA[0-9A-Z]{16}"
    )
    root = make_repo(
        {
            ".tcop-lint.yml": config,
            "config/app.ini": "a=1\nkey = AKIAABCDEFGHIJKLMNOP\nAKIAABCDEFGHIJKLMNOQ\n",
            "config/clean.ini": "a=1\n",
        }
    )
    result = run_policy(root)
    assert findings(result) == [
        (
            "config/app.ini",
            2,
            "error",
            "forbidden-pattern",
            (
                "the policy is not met (line 2 matches /AKIA[0-9A-Z]{16}/: "
                "'AKIAABCDEFGHIJKLMNOP'): meet it"
            ),
        )
    ]
    assert result.evidence == [
        Evidence("config/clean.ini", "does not contain /AKIA[0-9A-Z]{16}/")
    ]


def test_a_file_too_large_to_read_is_a_note_not_a_pass(make_repo):
    config = policy("file-not-contains", files=["big.txt"], pattern="secret")
    config += "max-file-bytes: 1024\n"
    root = make_repo({".tcop-lint.yml": config, "big.txt": "x" * 2000})
    assert findings(run_policy(root)) == [
        (
            "big.txt",
            None,
            "note",
            "unreadable-file",
            (
                "big.txt was not checked for /secret/: larger than the 1,024-byte read "
                "limit (2,000 bytes)"
            ),
        )
    ]


def test_a_catastrophic_pattern_stays_linear(make_repo):
    # (a+)+$ backtracks exponentially in Python's re on "aaa...!"; RE2 is linear.
    config = policy("file-not-contains", files=["*.txt"], pattern="(a+)+$")
    root = make_repo({".tcop-lint.yml": config, "a.txt": "a" * 200_000 + "!"})
    start = time.monotonic()
    result = run_policy(root)
    assert time.monotonic() - start < 5
    assert result.evidence == [Evidence("a.txt", "does not contain /(a+)+$/")]


# -- key -----------------------------------------------------------------------------------

LICENCE = {"file": "package.json", "path": "license", "matches": "^(MIT|OGL-UK-3.0)$"}


def test_key_matches_fails_at_the_key_line(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": policy("key", key=LICENCE),
            "package.json": '{\n  "name": "x",\n  "license": "GPL-3.0"\n}\n',
        }
    )
    assert findings(run_policy(root)) == [
        (
            "package.json",
            3,
            "error",
            "wrong-value",
            (
                "the policy is not met (license is 'GPL-3.0', which does not match "
                "/^(MIT|OGL-UK-3.0)$/): meet it"
            ),
        )
    ]


def test_key_matches_passes_with_the_key_as_evidence(make_repo):
    root = make_repo(
        {
            ".tcop-lint.yml": policy("key", key=LICENCE),
            "package.json": '{\n  "name": "x",\n  "license": "MIT"\n}\n',
        }
    )
    result = run_policy(root)
    assert (result.outcome, result.findings) == ("pass", [])
    assert result.evidence == [
        Evidence("package.json", "line 3: license matches /^(MIT|OGL-UK-3.0)$/")
    ]


def test_key_in_toml_and_yaml_files(make_repo):
    toml_key = {"file": "pyproject.toml", "path": "tool.poetry.license", "exists": True}
    yaml_key = {
        "file": "catalog-info.yaml",
        "path": "spec.lifecycle",
        "equals": "production",
    }
    files = {
        "pyproject.toml": '[project]\nname = "x"\n\n[tool.poetry]\nlicense = "MIT"\n',
        "catalog-info.yaml": "kind: Component\nspec:\n  owner: team\n  lifecycle: beta\n",
    }
    toml_root = make_repo({".tcop-lint.yml": policy("key", key=toml_key), **files})
    yaml_root = make_repo({".tcop-lint.yml": policy("key", key=yaml_key), **files})
    assert run_policy(toml_root).evidence == [
        Evidence("pyproject.toml", "line 5: tool.poetry.license exists")
    ]
    assert findings(run_policy(yaml_root)) == [
        (
            "catalog-info.yaml",
            4,
            "error",
            "wrong-value",
            'the policy is not met (spec.lifecycle is "beta", not "production"): meet it',
        )
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            None,
            (
                None,
                None,
                "missing-file",
                "the policy is not met (no package.json): meet it",
            ),
        ),
        (
            '{\n  "name": "x"\n}\n',
            (
                "package.json",
                1,
                "missing-key",
                "the policy is not met (no license in package.json): meet it",
            ),
        ),
        (
            '{\n  "name": "x",\n}\n',
            (
                "package.json",
                3,
                "unparsable-file",
                (
                    "the policy is not met (package.json cannot be read: invalid JSON: "
                    "Expecting property name enclosed in double quotes): meet it"
                ),
            ),
        ),
        (
            '{"license": ["MIT"]}',
            (
                "package.json",
                1,
                "wrong-value",
                (
                    "the policy is not met (license is a list, not text matching "
                    "/^(MIT|OGL-UK-3.0)$/): meet it"
                ),
            ),
        ),
    ],
    ids=["no-file", "no-key", "broken-json", "a-list"],
)
def test_key_problems(make_repo, content, expected):
    files = {".tcop-lint.yml": policy("key", key=LICENCE), "README.md": "x"}
    if content is not None:
        files["package.json"] = content
    [(path, line, _, id_, message)] = findings(run_policy(make_repo(files)))
    assert (path if content else None, line, id_, message) == expected


def test_key_exists_false_wants_the_key_absent(make_repo):
    key = {"file": "package.json", "path": "scripts.postinstall", "exists": False}
    config = policy("key", key=key)
    with_it = make_repo(
        {".tcop-lint.yml": config, "package.json": '{"scripts": {"postinstall": "x"}}'}
    )
    without = make_repo({".tcop-lint.yml": config, "package.json": '{"scripts": {}}'})
    assert [f.id for f in run_policy(with_it).findings] == ["unwanted-key"]
    assert run_policy(without).evidence == [
        Evidence("package.json", "line 1: scripts.postinstall is absent")
    ]


def test_equals_compares_as_json_does(make_repo):
    key = {"file": "settings.json", "path": "strict", "equals": True}
    root = make_repo(
        {".tcop-lint.yml": policy("key", key=key), "settings.json": '{"strict": 1}'}
    )
    assert [f.message for f in run_policy(root).findings] == [
        "the policy is not met (strict is 1, not true): meet it"
    ]


# -- a policy is a rule like any other -----------------------------------------------------


def test_levels_exemptions_and_selection_apply_to_policies(make_repo):
    config = CATALOG + (
        "rules:\n  catalog-info: warning\n"
        "exemptions:\n  - rule: DEPT0101\n    reason: catalogued centrally\n"
        "    expires: 2999-01-01\n"
    )
    root = make_repo({".tcop-lint.yml": config, "README.md": "x"})
    result = run_policy(root, "DEPT0101")
    assert result.outcome == "exempt"
    [finding] = result.findings
    assert (finding.level, finding.suppression.reason) == (
        "warning",
        "catalogued centrally",
    )


def test_policies_appear_in_the_rule_set_and_explain(make_repo):
    root = make_repo({".tcop-lint.yml": CATALOG})
    rules = engine.load_rules(config_module.load(root), allow_local_plugins=False)
    rule = rules["DEPT0101"]
    assert (rule.name, rule.topic, rule.level, rule.summary) == (
        "catalog-info",
        "share-reuse",
        "error",
        "one of catalog-info.yaml, catalog-info.yml exists",
    )
    text = explain_text(rule)
    assert "An organisation policy, declared in .tcop-lint.yml:2." in text
    assert text.endswith(
        "How to fix\n\nadd catalog-info.yaml describing the component\n\n"
        "Documentation: https://intranet.example.gov.uk/standards/catalog"
    )


def test_sarif_describes_the_policy_with_its_help_uri(make_repo, tmp_path):
    root = make_repo({".tcop-lint.yml": CATALOG, "README.md": "x"})
    out = tmp_path / "out.sarif"
    done = cli(".", "--select", "DEPT", "--format", f"sarif:{out}", cwd=root)
    assert done.returncode == 1, done.stderr
    run = json.loads(out.read_text())["runs"][0]
    [rule] = run["tool"]["driver"]["rules"]
    assert (rule["id"], rule["helpUri"]) == (
        "DEPT0101",
        "https://intranet.example.gov.uk/standards/catalog",
    )
    [result] = run["results"]
    assert (result["ruleId"], result["level"]) == ("DEPT0101", "error")


# -- broken policies: exit 2 with FILE:LINE ------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            CATALOG.replace("DEPT0101", "TC0101"),
            (
                ".tcop-lint.yml:2: policy TC0101: codes starting with TC are reserved for "
                "tcop-lint's own rules; use your organisation's prefix (DEPT0101)"
            ),
        ),
        (
            CATALOG.replace("kind: file-exists", "kind: file-exist"),
            (
                ".tcop-lint.yml:6: policies/0/kind: 'file-exist' is not one of file-exists, "
                "file-absent, file-contains, file-not-contains, key"
            ),
        ),
        (
            policy("file-contains", files=["*.py"], pattern="(?<!x)secret"),
            (
                ".tcop-lint.yml:8: policy DEPT0201: pattern: '(?<!x)secret' is not a pattern "
                "RE2 accepts (invalid perl operator: (?<!); RE2 has no look-around or "
                "backreferences"
            ),
        ),
        (
            policy("file-contains", files=["*.py"]),
            ".tcop-lint.yml:2: policies/0: 'pattern' is required",
        ),
        (
            policy("file-exists", files=["a"], pattern="x"),
            (
                ".tcop-lint.yml:8: policy DEPT0201: 'pattern' is not used by kind file-exists "
                "(only by file-contains, file-not-contains)"
            ),
        ),
        (
            policy("file-exists", files=["../outside"]),
            (
                ".tcop-lint.yml:7: policy DEPT0201: files: '../outside' must be a path relative "
                "to the repository root, without .. (catalog-info.yaml, docs/**/*.md)"
            ),
        ),
        (
            policy(
                "key", key={"file": "a.json", "path": "x", "exists": True, "equals": 1}
            ),
            (
                ".tcop-lint.yml:7: policy DEPT0201: key needs exactly one of exists, equals "
                "or matches (has exists and equals)"
            ),
        ),
        (
            CATALOG
            + CATALOG.replace("policies:\n", "").replace("DEPT0101", "DEPT0102"),
            (
                ".tcop-lint.yml:12: policies/1/name: catalog-info is used twice (first by "
                "policy DEPT0101); each policy needs its own"
            ),
        ),
        (
            CATALOG.replace("catalog-info\n", "licence-file\n"),
            (
                ".tcop-lint.yml:3: policy DEPT0101: the name licence-file is taken by the rule "
                "TC0301 licence-file; choose another"
            ),
        ),
        (
            policy("file-absent", files=["keys/[z-a].pem"]),
            (
                ".tcop-lint.yml:7: policy DEPT0201: files: 'keys/[z-a].pem' is not a glob: "
                "invalid character class range: z-a"
            ),
        ),
        (
            CATALOG.replace("DEPT0101", "dept0101"),
            (
                ".tcop-lint.yml:2: policy dept0101: a code is an upper-case letter then up to 39 "
                "upper-case letters, digits, - or _ (DEPT0101)"
            ),
        ),
    ],
    ids=[
        "reserved-code",
        "bad-kind",
        "bad-pattern",
        "no-pattern",
        "unused-key",
        "path-out",
        "two-tests",
        "same-name",
        "builtin-name",
        "bad-glob",
        "lower-case",
    ],
)
def test_a_broken_policy_exits_2_with_file_and_line(make_repo, config, message):
    root = make_repo({".tcop-lint.yml": config})
    done = cli(".", cwd=root)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"tcop-lint: {message}\n"


def test_the_readme_example_runs_and_says_what_the_readme_shows(make_repo):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("#### Policies") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", 10)]
    root = make_repo(
        {
            ".tcop-lint.yml": example,
            "package.json": '{\n  "name": "x",\n  "license": "GPL-3.0"\n}\n',
            "src/app.py": "# SPDX-License-Identifier: MIT\n",
            "catalog-info.yaml": "kind: Component\n",
        }
    )
    done = cli(".", "--select", "DEPT", "-q", cwd=root)
    assert (done.returncode, done.stderr) == (1, "")
    [line] = done.stdout.splitlines()[:-1]
    shown = " ".join(section.split("`package.json:3: ", 1)[1].split("`.", 1)[0].split())
    assert line == f"package.json:3: {shown}"


def test_policies_in_pyproject_toml(make_repo):
    pyproject = (
        '[project]\nname = "x"\n\n'
        "[[tool.tcop-lint.policies]]\n"
        'code = "DEPT0301"\nname = "no-env-files"\ntopic = "security"\n'
        'level = "warning"\nkind = "file-absent"\nfiles = ["**/.env"]\n'
        'message = "an .env file is committed"\nfix = "remove it and rotate its secrets"\n'
    )
    root = make_repo({"pyproject.toml": pyproject, "app/.env": "A=1"})
    assert findings(run_policy(root, "DEPT0301")) == [
        (
            "app/.env",
            None,
            "warning",
            "forbidden-file",
            (
                "an .env file is committed (app/.env matches **/.env): remove it and rotate "
                "its secrets"
            ),
        )
    ]


def test_a_scan_of_every_file_keeps_no_text(make_repo):
    from tcop_lint.facts.policy_inputs import files_matching, first_match
    from tcop_lint.regex import linear_re
    from tcop_lint.repository import Repository

    root = make_repo({"a/x.pem": "secret", "b/X.PEM": "x", "c/x.pem.txt": "x"})
    repo = Repository(root)
    assert files_matching(repo, "**/*.pem") == ["a/x.pem"]
    assert first_match(repo, "a/x.pem", linear_re("secret")).match == (1, "secret")
    assert repo._text == {}


def test_a_file_that_links_out_of_the_repository_is_not_read(make_repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("AKIAABCDEFGHIJKLMNOP\n")
    config = policy("file-not-contains", files=["*.txt"], pattern="AKIA")
    root = make_repo({".tcop-lint.yml": config}, commit=False)
    (root / "linked.txt").symlink_to(secret)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a link out")
    assert findings(run_policy(root)) == [
        (
            "linked.txt",
            None,
            "note",
            "unreadable-file",
            (
                "linked.txt was not checked for /AKIA/: a symbolic link that leaves the "
                "repository"
            ),
        )
    ]


def test_a_key_path_indexes_lists(make_repo):
    key = {"file": ".gitlab-ci.yml", "path": "include.1.project", "equals": "dept/ci"}
    ci = "include:\n  - local: a.yml\n  - project: dept/ci\n    file: b.yml\n"
    root = make_repo({".tcop-lint.yml": policy("key", key=key), ".gitlab-ci.yml": ci})
    assert run_policy(root).evidence == [
        Evidence(".gitlab-ci.yml", 'line 3: include.1.project equals "dept/ci"')
    ]


def test_a_broken_policy_in_pyproject_toml_is_found_at_its_own_table(make_repo):
    table = (
        "[[tool.tcop-lint.policies]]\n"
        'code = "{code}"\nname = "{name}"\ntopic = "security"\nlevel = "warning"\n'
        'kind = "{kind}"\nfiles = ["x"]\nmessage = "m"\nfix = "f"\n'
    )
    pyproject = (
        '[project]\nname = "x"\n\n'
        + table.format(code="DEPT1", name="one", kind="file-absent")
        + "\n"
        + table.format(code="DEPT2", name="two", kind="file-absen")
    )
    root = make_repo({"pyproject.toml": pyproject})
    done = cli(".", cwd=root)
    assert (done.returncode, done.stderr) == (
        2,
        (
            "tcop-lint: pyproject.toml:19: policies/1/kind: 'file-absen' is not one of "
            "file-exists, file-absent, file-contains, file-not-contains, key\n"
        ),
    )
