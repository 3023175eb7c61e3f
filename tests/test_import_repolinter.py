"""``tcop-lint import-repolinter``: Repolinter's default ruleset (recreated here from its
documented rules) and a custom ruleset converted by the real CLI, the config validated
against the config schema and run by ``tcop-lint`` on passing and failing git repositories;
the translation of globs and JavaScript patterns; every unreadable ruleset refused with
exit 2 and its line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import make_git_repo

from tcop_lint.regex import linear_re
from tcop_lint.repolinter import convert as repolinter_convert
from tcop_lint.repolinter.command import load_problem
from tcop_lint.repolinter.translate import (
    Untranslatable,
    caseless,
    first_lines_pattern,
    js_pattern,
    policy_globs,
)

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "tcop_lint"]
SCHEMA = json.loads((ROOT / "tcop_lint/data/config.schema.json").read_text())


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


# -- Repolinter's default ruleset, from docs/rules.md and its rulesets/default.json --------


def exists(*globs: str, nocase: bool = False, dirs: bool = False) -> dict[str, Any]:
    options: dict[str, Any] = {"globsAny": list(globs)}
    if nocase:
        options["nocase"] = True
    if dirs:
        options["dirs"] = True
    return {"level": "error", "rule": {"type": "file-existence", "options": options}}


def metadata(language: str, *globs: str) -> dict[str, Any]:
    return {**exists(*globs), "where": [f"language={language}"]}


def in_doc_folders(*names: str) -> list[str]:
    return [f"{{docs/,.github/,}}{name}" for name in names]


DEFAULT_RULESET = {
    "$schema": "../rulesets/schema.json",
    "version": 2,
    "axioms": {"linguist": "language", "licensee": "license", "packagers": "packager"},
    "rules": {
        "license-file-exists": exists("LICENSE*", "COPYING*", nocase=True),
        "readme-file-exists": exists("README*", nocase=True),
        "contributing-file-exists": exists(*in_doc_folders("CONTRIB*"), nocase=True),
        "code-of-conduct-file-exists": exists(
            *in_doc_folders("CODEOFCONDUCT*", "CODE-OF-CONDUCT*", "CODE_OF_CONDUCT*"),
            nocase=True,
        ),
        "changelog-file-exists": exists("CHANGELOG*", nocase=True),
        "security-file-exists": exists(*in_doc_folders("SECURITY.md")),
        "support-file-exists": exists(*in_doc_folders("SUPPORT*"), nocase=True),
        "readme-references-license": {
            "level": "error",
            "rule": {
                "type": "file-contents",
                "options": {
                    "globsAll": ["README*"],
                    "content": "license",
                    "flags": "i",
                },
            },
        },
        "binaries-not-present": {
            "level": "error",
            "rule": {
                "type": "file-type-exclusion",
                "options": {"type": ["**/*.exe", "**/*.dll", "!node_modules/**"]},
            },
        },
        "test-directory-exists": {
            "level": "error",
            "rule": {
                "type": "directory-existence",
                "options": {"globsAny": ["**/test*", "**/specs"], "nocase": True},
            },
        },
        "integrates-with-ci": exists(
            ".gitlab-ci.yml",
            ".travis.yml",
            "appveyor.yml",
            ".appveyor.yml",
            "circle.yml",
            ".circleci/config.yml",
            "Jenkinsfile",
            ".drone.yml",
            ".github/workflows/*",
            "azure-pipelines.yml",
        ),
        "code-of-conduct-file-contains-email": {
            "level": "error",
            "rule": {
                "type": "file-contents",
                "options": {
                    "globsAll": [
                        f"{folder}{name}"
                        for folder in ("", ".github/")
                        for name in (
                            "CODEOFCONDUCT*",
                            "CODE-OF-CONDUCT*",
                            "CODE_OF_CONDUCT*",
                        )
                    ],
                    "content": ".+@.+\\..+",
                    "flags": "i",
                    "human-readable-content": "email address",
                },
            },
        },
        "source-license-headers-exist": {
            "level": "warning",
            "rule": {
                "type": "file-starts-with",
                "options": {
                    "globsAll": ["**/*.js", "!node_modules/**"],
                    "lineCount": 5,
                    "patterns": ["Copyright", "License"],
                    "flags": "i",
                },
            },
        },
        "github-issue-template-exists": exists(
            "ISSUE_TEMPLATE*", ".github/ISSUE_TEMPLATE*", dirs=True
        ),
        "github-pull-request-template-exists": exists(
            "PULL_REQUEST_TEMPLATE*",
            ".github/PULL_REQUEST_TEMPLATE*",
            ".github/pull_request_template.md",
            "docs/pull_request_template.md",
            "docs/PULL_REQUEST_TEMPLATE*",
            "pull_request_template.md",
            dirs=True,
        ),
        "javascript-package-metadata-exists": metadata("javascript", "package.json"),
        "ruby-package-metadata-exists": metadata("ruby", "Gemfile"),
        "java-package-metadata-exists": metadata(
            "java", "pom.xml", "build.xml", "build.gradle"
        ),
        "python-package-metadata-exists": metadata(
            "python", "setup.py", "requirements.txt"
        ),
        "objective-c-package-metadata-exists": metadata(
            "objective-c", "Cartfile", "Podfile", "*.podspec"
        ),
        "swift-package-metadata-exists": metadata("swift", "Package.swift"),
        "erlang-package-metadata-exists": metadata("erlang", "rebar.config"),
        "elixir-package-metadata-exists": metadata("elixir", "mix.exs"),
        "license-detectable-by-licensee": {
            "level": "off",
            "where": ["license=*"],
            "rule": {"type": "license-detectable-by-licensee", "options": {}},
        },
        "notice-file-exists": {
            **exists("NOTICE*"),
            "where": ["license=Apache-2.0"],
        },
        "best-practices-badge-present": {
            "level": "off",
            "rule": {"type": "best-practices-badge-present"},
        },
    },
}

WHERE = "; a policy has no conditions, so it would also fail repositories the ruleset never checks"
DEFAULT_STDERR = [
    *(
        f"not converted: {language}-package-metadata-exists: it runs only where "
        f"language={language}{WHERE}"
        for language in (
            "javascript",
            "ruby",
            "java",
            "python",
            "objective-c",
            "swift",
            "erlang",
            "elixir",
        )
    ),
    "not converted: license-detectable-by-licensee: its level is off",
    f"not converted: notice-file-exists: it runs only where license=Apache-2.0{WHERE}",
    "not converted: best-practices-badge-present: its level is off",
    (
        "note: binaries-not-present: !node_modules/** left out (a policy cannot exclude "
        "paths): tcop-lint sees node_modules/** only where git does not ignore it"
    ),
    (
        "note: source-license-headers-exist: !node_modules/** left out (a policy cannot "
        "exclude paths): tcop-lint sees node_modules/** only where git does not ignore it"
    ),
    "tcop-lint: converted 15 of 26 rules into 17 policies",
]
DEFAULT_CODES = {
    "RL0301": "license-file-exists",
    "RL0801": "readme-file-exists",
    "RL0802": "contributing-file-exists",
    "RL0803": "code-of-conduct-file-exists",
    "RL0804": "changelog-file-exists",
    "RL0601": "security-file-exists",
    "RL0805": "support-file-exists",
    "RL0302": "readme-references-license",
    "RL0602": "binaries-not-present",
    "RL0901": "test-directory-exists",
    "RL0902": "integrates-with-ci",
    "RL0806": "code-of-conduct-file-contains-email",
    "RL0303": "source-license-headers-exist",
    "RL0304": "source-license-headers-exist-2",
    "RL0305": "source-license-headers-exist-files",
    "RL0807": "github-issue-template-exists",
    "RL0808": "github-pull-request-template-exists",
}


def convert(tmp_path: Path, ruleset: str, name: str, *args: str) -> str:
    """The config ``import-repolinter`` writes for the ruleset text, checked against the
    config schema."""
    (tmp_path / name).write_text(ruleset, encoding="utf-8")
    done = cli("import-repolinter", name, *args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout or (tmp_path / args[args.index("--output") + 1]).read_text()
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(yaml.safe_load(text))
    return text


def outcomes(root: Path, prefix: str) -> dict[str, tuple[str, list[tuple[Any, ...]]]]:
    """Each converted policy's outcome and findings (path, line, id) in a real run."""
    done = cli(".", "--select", prefix, "--format", "json", cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return {
        rule["code"]: (
            rule["outcome"],
            [(f["path"], f["start_line"], f["id"]) for f in rule["findings"]],
        )
        for rule in json.loads(done.stdout)["rules"]
    }


def test_default_ruleset_converts_lists_what_it_cannot_and_runs(tmp_path):
    (tmp_path / "default.json").write_text(json.dumps(DEFAULT_RULESET, indent=2))
    done = cli("import-repolinter", "default.json", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.splitlines() == DEFAULT_STDERR
    config = yaml.safe_load(done.stdout)
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(config)
    assert {p["code"]: p["name"] for p in config["policies"]} == DEFAULT_CODES
    assert done.stdout.splitlines()[:3] == [
        (
            "# yaml-language-server: $schema=https://raw.githubusercontent.com/tcop-lint/"
            "tcop-lint/main/tcop_lint/data/config.schema.json"
        ),
        "# Policies converted from the Repolinter ruleset default.json by",
        "# `tcop-lint import-repolinter`; it listed the rules it could not convert.",
    ]
    by_code = {p["code"]: p for p in config["policies"]}
    assert by_code["RL0802"]["files"] == [
        "[Dd][Oo][Cc][Ss]/[Cc][Oo][Nn][Tt][Rr][Ii][Bb]*",
        ".[Gg][Ii][Tt][Hh][Uu][Bb]/[Cc][Oo][Nn][Tt][Rr][Ii][Bb]*",
        "[Cc][Oo][Nn][Tt][Rr][Ii][Bb]*",
    ]
    assert by_code["RL0601"]["files"] == [
        "docs/SECURITY.md", ".github/SECURITY.md", "SECURITY.md"
    ]  # fmt: skip
    assert by_code["RL0301"]["message"] == (
        "no file matches LICENSE* or COPYING* in any case"
    )
    assert (
        by_code["RL0901"]["message"]
        == "no folder matches **/test* or **/specs in any case"
    )
    assert by_code["RL0302"]["pattern"] == "(?i)license"
    assert by_code["RL0602"]["files"] == [  # file-type-exclusion: folders count too
        "**/*.exe", "**/*.exe/**", "**/*.dll", "**/*.dll/**"
    ]  # fmt: skip
    assert by_code["RL0304"]["pattern"] == (
        "\\A(?:[^\\n]*\\n){0,4}[^\\n]*?(?:(?i)License)"
    )
    assert by_code["RL0806"]["message"] == "the file does not contain email address"
    assert by_code["RL0901"]["files"] == [
        "**/[Tt][Ee][Ss][Tt]*/**",
        "**/[Ss][Pp][Ee][Cc][Ss]/**",
    ]
    again = cli("import-repolinter", "default.json", cwd=tmp_path)
    assert again.stdout == done.stdout  # deterministic

    passing = make_git_repo(
        tmp_path / "passing",
        {
            ".tcop-lint.yml": done.stdout,
            ".gitignore": "node_modules/\n",
            "node_modules/tool/tool.exe": "ignored, so not seen",
            "license.txt": "MIT License\n",
            "README.md": "# Widget\n\nSee the License.\n",
            "docs/contributing.md": "# Contributing\n",
            ".github/CODE_OF_CONDUCT.md": "Report to conduct@example.gov.uk\n",
            "changelog.md": "# Changes\n",
            ".github/SECURITY.md": "# Security\n",
            "docs/Support.md": "# Support\n",
            "src/Tests/test_widget.py": "def test(): pass\n",
            ".github/workflows/ci.yml": "on: push\n",
            ".github/ISSUE_TEMPLATE/bug.md": "# Bug\n",
            ".github/pull_request_template.md": "# Change\n",
            "src/widget.js": "#!/usr/bin/env node\n// Copyright 2026 Crown\n// LICENSE: MIT\n",
        },
    )
    assert outcomes(passing, "RL") == {code: ("pass", []) for code in DEFAULT_CODES}

    failing = make_git_repo(
        tmp_path / "failing",
        {
            ".tcop-lint.yml": done.stdout,
            "README.md": "# Widget\n",
            ".github/CODE_OF_CONDUCT.md": "Be kind.\n",
            ".github/security.md": "# Security\n",
            "bin/helper.DLL": "upper case: not *.dll",
            "tools/setup.exe": "MZ",
            "legacy.dll/notes.txt": "a folder named like a binary",
            "test.md": "a file named test*, not a folder\n",
            "ISSUE_TEMPLATE": "a file counts where dirs is true\n",
            "src/widget.js": "// Copyright 2026 Crown\n\n\n\n\n// License: MIT\n",
        },
    )
    missing = ("fail", [("README.md", None, "missing-file")])
    assert outcomes(failing, "RL") == {
        "RL0301": missing,
        "RL0801": ("pass", []),
        "RL0802": missing,
        "RL0803": ("pass", []),
        "RL0804": missing,
        "RL0601": missing,
        "RL0805": missing,
        "RL0302": ("fail", [("README.md", None, "pattern-missing")]),
        "RL0602": (
            "fail",
            [
                ("tools/setup.exe", None, "forbidden-file"),
                ("legacy.dll/notes.txt", None, "forbidden-file"),
            ],
        ),
        "RL0901": missing,
        "RL0902": missing,
        "RL0806": ("fail", [(".github/CODE_OF_CONDUCT.md", None, "pattern-missing")]),
        "RL0303": ("pass", []),
        "RL0304": ("warn", [("src/widget.js", None, "pattern-missing")]),  # line 6
        "RL0305": ("pass", []),
        "RL0807": ("pass", []),
        "RL0808": missing,
    }


# -- a custom ruleset, in YAML --------------------------------------------------------------

CUSTOM_RULESET = """\
version: 2
axioms: {}
rules:
  no-committed-secrets:
    level: error
    rule:
      type: file-not-exists
      options: {globsAll: ["**/.env", "**/secrets/"], nocase: true, dirs: true}
    policyInfo: Secrets are kept in the vault, never in the repository
    policyUrl: https://intranet.example.gov.uk/standards/secrets
    fix: {type: file-remove, options: {globsAll: ["**/.env"]}}
  spdx-header:
    level: warning
    rule:
      type: file-contents
      options:
        globsAll: ["src/**/*.py"]
        content: '^# SPDX-License-Identifier: (MIT|Apache-2\\.0)$'
        flags: m
        human-readable-content: an SPDX licence header
        fail-on-non-existent: true
  no-todo:
    level: error
    rule:
      type: file-not-contents
      options: {globsAll: ["src/**"], contents: ["TODO", "fixme"], flags: i}
  codeowners:
    level: error
    rule: {type: file-existence, options: {globsAny: [CODEOWNERS, .github/CODEOWNERS]}}
    fix: {type: file-create, options: {file: CODEOWNERS, text: "* @team"}}
  no-plain-password:
    level: error
    rule:
      type: file-not-contents
      options: {globsAll: ["**/*.md"], content: '(?<!\\\\)password'}
  small-files:
    level: warning
    rule: {type: large-file, options: {globsAll: ["**"], size: 1000000}}
"""


def test_custom_ruleset_converts_with_its_prefix_and_runs(tmp_path):
    (tmp_path / "ruleset.yaml").write_text(CUSTOM_RULESET)
    done = cli(
        "import-repolinter", "ruleset.yaml", "--prefix", "DEPT", "--output",
        "tcop.yml", cwd=tmp_path,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines() == [
        (
            "not converted: no-plain-password: /(?<!\\\\)password/ uses look-around, "
            "which RE2 does not have"
        ),
        "not converted: small-files: Repolinter's large-file has no policy kind",
        "tcop-lint: converted 4 of 6 rules into 5 policies",
    ]
    text = (tmp_path / "tcop.yml").read_text()
    config = yaml.safe_load(text)
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(config)
    assert config["policies"][0] == {
        "code": "DEPT0601",
        "name": "no-committed-secrets",
        "topic": "security",
        "level": "error",
        "kind": "file-absent",
        "files": [
            "**/.[Ee][Nn][Vv]",
            "**/.[Ee][Nn][Vv]/**",
            "**/[Ss][Ee][Cc][Rr][Ee][Tt][Ss]",
            "**/[Ss][Ee][Cc][Rr][Ee][Tt][Ss]/**",
        ],
        "message": "Secrets are kept in the vault, never in the repository",
        "fix": "remove the file",
        "help-uri": "https://intranet.example.gov.uk/standards/secrets",
    }
    assert [(p["code"], p["name"], p["kind"]) for p in config["policies"][1:]] == [
        ("DEPT0301", "spdx-header", "file-contains"),
        ("DEPT0302", "spdx-header-files", "file-exists"),
        ("DEPT0801", "no-todo", "file-not-contains"),
        ("DEPT0802", "codeowners", "file-exists"),
    ]
    assert config["policies"][1]["pattern"] == (
        "^# SPDX-License-Identifier: (MIT|Apache-2\\.0)$"
    )
    assert config["policies"][3]["pattern"] == "(?:(?i)TODO)|(?:(?i)fixme)"
    assert config["policies"][4]["fix"] == "create CODEOWNERS"

    passing = make_git_repo(
        tmp_path / "passing",
        {
            ".tcop-lint.yml": text,
            "CODEOWNERS": "* @team\n",
            "src/app.py": "#!/usr/bin/env python\n# SPDX-License-Identifier: MIT\n",
            "docs/environment.md": "no .env here\n",
        },
    )
    assert outcomes(passing, "DEPT") == {
        code: ("pass", [])
        for code in ("DEPT0601", "DEPT0301", "DEPT0302", "DEPT0801", "DEPT0802")
    }
    failing = make_git_repo(
        tmp_path / "failing",
        {
            ".tcop-lint.yml": text,
            "deploy/.ENV": "KEY=1\n",
            "ops/Secrets/key.txt": "k\n",
            "src/app.py": "# no header\n\nx = 1  # FixMe later\n",
        },
    )
    assert outcomes(failing, "DEPT") == {
        "DEPT0601": (
            "fail",
            [
                ("deploy/.ENV", None, "forbidden-file"),
                ("ops/Secrets/key.txt", None, "forbidden-file"),
            ],
        ),
        "DEPT0301": ("warn", [("src/app.py", None, "pattern-missing")]),
        "DEPT0302": ("pass", []),
        "DEPT0801": ("fail", [("src/app.py", 3, "forbidden-pattern")]),
        "DEPT0802": ("fail", [(None, None, "missing-file")]),  # no README: the root
    }


def test_a_ruleset_with_no_rule_to_convert_writes_nothing_and_exits_1(tmp_path):
    ruleset = {
        "version": 2,
        "axioms": {},
        "rules": {"mine": {"level": "off", "rule": {"type": "file-existence"}}},
    }
    (tmp_path / "off.json").write_text(json.dumps(ruleset))
    done = cli("import-repolinter", "off.json", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        "not converted: mine: its level is off",
        "tcop-lint: off.json: no rule could be converted",
    ]


def test_a_name_tcop_lint_already_has_is_prefixed(tmp_path):
    ruleset = {
        "version": 2,
        "axioms": {},
        "rules": {"Readme": exists("README.md"), "readme!": exists("README.txt")},
    }
    text = convert(tmp_path, json.dumps(ruleset), "names.json")
    names = [p["name"] for p in yaml.safe_load(text)["policies"]]
    assert names == ["rl-readme", "readme-2"]


# -- refused: exit 2 and one line -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("missing.json", None, (), "missing.json: cannot read it (No such file or directory)"),
        ("broken.json", '{\n  "version": 2,\n  "rules": {,}\n}\n', (), "broken.json:3: invalid JSON: Expecting property name enclosed in double quotes"),
        ("v3.json", '{"version": 3, "rules": {}}', (), "v3.json:1: version 3: Repolinter rulesets are version 2, or version 1 without a version key"),
        ("level.yml", "version: 2\nrules:\n  x:\n    level: fatal\n    rule: {type: file-existence}\n", (), "level.yml:4: rules/x/level: one of error, warning, off"),
        ("no-type.yml", "version: 2\nrules:\n  x:\n    level: error\n    rule: {options: {}}\n", (), "no-type.yml:5: rules/x/rule: needs a type"),
        ("ok.yml", "version: 2\nrules: {}\n", ("--prefix", "TC"), "--prefix 'TC': an upper-case letter then up to 35 upper-case letters, digits, - or _, not starting TC (reserved for tcop-lint's own rules)"),
        ("ok.yml", "version: 2\nrules: {}\n", ("--output", "ok.yml"), "--output ok.yml: that is the ruleset being read"),
        ("one.yml", "version: 2\nrules: {a: {level: error, rule: {type: apache-notice}}}\n", ("--output", "one.yml/x.yml"), "--output one.yml/x.yml: cannot write it (File exists)"),
    ],
)  # fmt: skip
def test_unreadable_rulesets_and_bad_options_exit_2(
    tmp_path, name, content, args, message
):
    if content is not None:
        (tmp_path / name).write_text(content)
    done = cli("import-repolinter", name, *args, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"tcop-lint: {message}\n"


# -- translation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        ("license", "i", "(?i)license"),
        (".+@.+\\..+", "gi", "(?i).+@.+\\..+"),
        ("^# Copyright$", "", "\\A# Copyright\\z"),
        ("^# Copyright$", "m", "^# Copyright$"),
        ("a.b", "s", "(?s)a.b"),
        ("x", "y", "\\A(?:x)"),
        ("[$^a\\b]", "", "[$^a\\x08]"),
        ("[^]", "", "(?s:.)"),
        ("\\u00e9\\x41\\cJ\\0", "", "\\x{00e9}\\x41\\x0A\\x00"),
        ("\\u{1F600}", "u", "\\x{1F600}"),
        ("\\e\\/", "", "e\\/"),
        ("(?<year>\\d{4})", "", "(?P<year>\\d{4})"),
    ],
)
def test_javascript_patterns_become_re2(source, flags, expected):
    assert js_pattern(source, flags) == expected


@pytest.mark.parametrize(
    ("source", "flags", "why"),
    [
        ("(?=x)", "", "/(?=x)/ uses look-around, which RE2 does not have"),
        ("(a)\\1", "", "/(a)\\1/ has a backreference, which RE2 does not have"),
        ("x", "v", "flag v (set notation) has no RE2 equivalent"),
        ("x", "ii", "'ii' are not JavaScript regular expression flags"),
        ("[]", "", "/[]/ has [], a class that matches nothing"),
        ("a{2000}", "", "RE2 cannot run /a{2000}/ (invalid repetition size: {2000})"),
        ("\\q", "u", "/\\q/ has \\q, not an escape with flag u"),
    ],
)
def test_javascript_patterns_re2_cannot_run_are_refused(source, flags, why):
    with pytest.raises(Untranslatable) as raised:
        js_pattern(source, flags)
    assert str(raised.value) == why


def test_globs_expand_braces_and_ignore_case_by_classes():
    assert caseless("README.md") == "[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd]"
    assert caseless("[a-c]x[!Q]") == "[a-cA-C][Xx][!Qq]"
    assert policy_globs("./{a,b{c,d}}/*.md", nocase=False) == [
        "a/*.md", "bc/*.md", "bd/*.md"
    ]  # fmt: skip
    assert policy_globs("docs/{a,b}.md", nocase=False) == [
        "docs/{a,b}.md"
    ]  # as written
    with pytest.raises(Untranslatable, match="braces without a comma"):
        policy_globs("{x}", nocase=False)  # literal in picomatch, not in a policy
    with pytest.raises(Untranslatable, match="expands to more than 64 globs"):
        policy_globs("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}", nocase=False)
    with pytest.raises(Untranslatable, match="uses an extglob"):
        policy_globs("@(a|b).md", nocase=False)
    with pytest.raises(Untranslatable, match="is not a path inside the repository"):
        policy_globs("../x", nocase=False)


def test_rule_fields_map_to_policy_fields_and_unconvertible_rules_say_why():
    ruleset = {
        "version": 2,
        "extends": "https://example.org/base.json",
        "axioms": {},
        "rules": {
            "Notice File": {
                "level": "warning",
                "where": [],
                "rule": {
                    "type": "file-existence",
                    "options": {
                        "globsAny": ["NOTICE*"],
                        "fail-message": " ASF policy ",
                    },
                },
                "policyInfo": "ignored: fail-message is more specific",
                "policyUrl": "https://www.apache.org/legal/src-headers.html",
            },
            "docs": {
                "level": "error",
                "rule": {
                    "type": "directory-existence",
                    "options": {"globsAny": ["docs"]},
                },
                "policyInfo": "   ",
                "policyUrl": "not a URL",
            },
            "no-exclusions": exists("a*", "!ab*"),
            "folders-only": {
                "level": "error",
                "rule": {
                    "type": "file-not-exists",
                    "options": {"globsAll": ["build/"]},
                },
            },
            "typo": {
                "level": "error",
                "rule": {"type": "file-existence", "options": {"globAny": ["a"]}},
            },
            "sticky": {
                "level": "error",
                "rule": {
                    "type": "file-not-contents",
                    "options": {"globsAll": ["*.md"], "content": "^x", "flags": "y"},
                },
            },
        },
    }
    done = repolinter_convert.convert(ruleset, "ORG")
    assert done.not_converted == [
        (
            "extends https://example.org/base.json",
            "its rules are not read; import it too",
        ),
        ("no-exclusions", "a policy cannot exclude paths (!ab*)"),
        ("folders-only", "build/ names only folders, and the rule counts files"),
        ("typo", "option globAny is not one file-existence takes"),
    ]
    assert (done.converted, done.notes) == (
        3,
        [("docs", "policyUrl 'not a URL' is not an http(s) URL: no help-uri")],
    )
    assert done.policies == [
        {
            "code": "ORG0301",
            "name": "notice-file",
            "topic": "open-source",
            "level": "warning",
            "kind": "file-exists",
            "files": ["NOTICE*"],
            "match": "any",
            "message": "ASF policy",
            "fix": "add a file matching one of the globs",
            "help-uri": "https://www.apache.org/legal/src-headers.html",
        },
        {
            "code": "ORG0801",
            "name": "docs",
            "topic": "share-reuse",
            "level": "error",
            "kind": "file-exists",
            "files": ["docs/**"],
            "match": "any",
            "message": "a required folder is missing",
            "fix": "add the folder with a committed file in it (git keeps no empty folder)",
        },
        {
            "code": "ORG0802",
            "name": "sticky",
            "topic": "share-reuse",
            "level": "error",
            "kind": "file-not-contains",
            "files": ["*.md"],
            "pattern": "\\A(?:\\Ax)",
            "message": "the file contains /^x/",
            "fix": "remove /^x/ from the file",
        },
    ]


def test_a_config_that_would_not_load_is_caught_before_it_is_written():
    config = (
        "policies:\n  - code: TC9901\n    name: x\n    topic: data\n    level: error\n"
    )
    config += "    kind: file-exists\n    files: [x]\n    message: m\n    fix: f\n"
    assert load_problem(config) == (
        "the converted config:2: policy TC9901: codes starting with TC are reserved for "
        "tcop-lint's own rules; use your organisation's prefix (DEPT0101)"
    )
    assert load_problem(config.replace("TC9901", "RL9901")) is None


@pytest.mark.parametrize(
    ("text", "lines", "found"),
    [
        ("// Copyright\n", 1, True),
        ("1\n2\n3\n4\n// copyright 2026\n", 5, True),
        ("1\n2\n3\n4\n5\n// Copyright\n", 5, False),
        ("1\n2\n3\n4\n5\n// Copyright\n", 6, True),
    ],
)
def test_first_lines_patterns_find_only_within_the_first_lines(text, lines, found):
    pattern = linear_re("(?m)" + first_lines_pattern("Copyright", "i", lines))
    assert (pattern.search(text) is not None) is found


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        ("a\\sb", ""),
        ("[^x]+", ""),
        ("License$", ""),
        ("a.b", "s"),
        ("[^]", ""),
        ("\\n", ""),
    ],
)
def test_first_lines_patterns_that_may_cross_a_line_are_refused(source, flags):
    with pytest.raises(Untranslatable, match="may match a line break or the end"):
        first_lines_pattern(source, flags, 5)


def test_hostile_rulesets_stay_one_line_each_and_bounded(tmp_path):
    deep = "{a," * 2000 + "b" + "}" * 2000
    ruleset = {
        "version": 2,
        "rules": {
            "two\nlines": exists("x", "!y"),
            "deep-braces": exists(deep),
            "wide-braces": exists("{a,b}" * 10),
            "ok": exists("README.md"),
        },
    }
    (tmp_path / "hostile.json").write_text(json.dumps(ruleset))
    done = cli("import-repolinter", "hostile.json", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        'not converted: "two\\nlines": a policy cannot exclude paths (!y)',
        (
            "not converted: deep-braces: glob '"
            + "{a," * 13
            + "{'... has more than 16 "
            "braces"
        ),
        (
            "not converted: wide-braces: glob '"
            + "{a,b}" * 10
            + "' expands to more than "
            "64 globs"
        ),
        "tcop-lint: converted 1 of 4 rules into 1 policy",
    ]


def test_a_version_1_ruleset_converts_as_repolinter_reads_it(tmp_path):
    ruleset = """\
rules:
  all:
    readme-file-exists:file-existence: [error, {files: [README*], nocase: true}]
    binaries-not-present:file-type-exclusion: [warning, {type: ["**/*.exe"]}]
  language=java:
    java-package-metadata-exists:file-existence: [error, {files: [pom.xml]}]
"""
    text = convert(tmp_path, ruleset, "legacy.yml")
    assert [
        (p["code"], p["name"], p["level"], p["kind"], p["files"])
        for p in yaml.safe_load(text)["policies"]
    ] == [
        ("RL0801", "readme-file-exists", "error", "file-exists", ["[Rr][Ee][Aa][Dd][Mm][Ee]*"]),
        ("RL0601", "binaries-not-present", "warning", "file-absent", ["**/*.exe", "**/*.exe/**"]),
    ]  # fmt: skip
    done = cli("import-repolinter", "legacy.yml", cwd=tmp_path)
    assert done.stderr.splitlines() == [
        f"not converted: java-package-metadata-exists: it runs only where language=java{WHERE}",
        "tcop-lint: converted 2 of 3 rules into 2 policies",
    ]


def test_a_ruleset_that_only_extends_another_says_to_import_that_one(tmp_path):
    (tmp_path / "repolinter.yaml").write_text(
        "extends: https://example.org/base.yaml\n"
    )
    done = cli("import-repolinter", "repolinter.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        (
            "not converted: extends https://example.org/base.yaml: its rules are not read; "
            "import it too"
        ),
        "tcop-lint: repolinter.yaml: no rule could be converted",
    ]
