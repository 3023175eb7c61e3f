"""Hostile file contents: YAML tags that would run code, alias bombs, deep nesting, huge,
binary and oddly encoded files, FIFOs, and glob patterns built to backtrack.

Each case is a real repository scanned by the real CLI with every output format; the harness
(``conftest.assert_sane``) checks exit code, traceback, time bound and output validity.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_git_repo, write_files

from .conftest import HANG_BOUND, assert_reported, needs_rules

# Where a broken or hostile file is expected to be reported, by the rules that read it.
CANDIDATES = {
    ".github/workflows/x.yml": ("TC0606", "TC0607"),
    ".github/dependabot.yml": ("TC0602",),
    "publiccode.yml": ("TC0804",),
    "openapi.yaml": ("TC0401",),
    "privacy-assessment.yml": ("TC0701",),
}


# What makes each candidate's rule applicable (a manifest for Dependabot to cover).
CONTEXT = {
    "package.json": '{"name": "x", "dependencies": {"left-pad": "1.3.0"}}\n',
    "README.md": "# x\n",
}


def code_tag(marker: Path, tag: str = "!!python/object/apply:os.system") -> str:
    return f'{tag} ["touch {marker}"]'


def hostile_yaml(name: str, value: str) -> str:
    """A plausible document of the kind ``name`` is, with ``value`` on its fourth line."""
    if name.endswith("workflows/x.yml"):
        return f"name: ci\non: push\njobs:\n  build: {value}\n"
    if name.endswith("dependabot.yml"):
        return f"version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: {value}\n"
    if name == "openapi.yaml":
        return f"openapi: 3.0.3\ninfo:\n  title: x\n  version: {value}\npaths: {{}}\n"
    if name == "publiccode.yml":
        return f"publiccodeYmlVersion: '0.4'\nname: x\nurl: https://example.org/x\nlegal: {value}\n"
    return f"reviewed: 2025-01-01\nquestions:\n  personal-data:\n    answer: {value}\n"


# -- YAML tags never run code -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=needs_rules(*codes), id=name)
        for name, codes in CANDIDATES.items()
    ],
)
def test_python_tag_is_a_finding_not_code(run_cli, tmp_path: Path, name: str) -> None:
    marker = tmp_path / "pwned"
    root = make_git_repo(
        tmp_path / "repo", {**CONTEXT, name: hostile_yaml(name, code_tag(marker))}
    )
    run = run_cli(root)
    assert not marker.exists()
    [finding, *_] = assert_reported(run, name, CANDIDATES[name])
    assert finding["start_line"] == 4


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
    ],
)
def test_no_python_tag_runs_in_any_candidate(run_cli, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    files = {name: hostile_yaml(name, code_tag(marker, tag)) for name in CANDIDATES}
    files["README.md"] = "# x\n"
    root = make_git_repo(tmp_path / "repo", files)
    run_cli(root)
    assert not marker.exists()


def test_python_tag_in_config_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = make_git_repo(
        tmp_path / "repo",
        {".tcop-lint.yml": f"profile: uk\nrules:\n  TC0901: {code_tag(marker)}\n"},
    )
    run = run_cli(root)
    assert not marker.exists()
    assert run.returncode == 2
    assert run.stderr.startswith("tcop-lint: .tcop-lint.yml:3: invalid YAML: "), (
        run.stderr
    )


def test_python_tag_in_explicit_config_is_a_usage_error(
    run_cli, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    config = tmp_path / "elsewhere.yml"
    config.write_text(f"online: {code_tag(marker)}\n")
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    run = run_cli(root, "--config", str(config))
    assert not marker.exists()
    assert run.returncode == 2
    assert run.stderr.startswith(f"tcop-lint: {config}:1: invalid YAML: ")


# -- alias bombs and deep nesting -------------------------------------------------------------


def billion_laughs(prefix: str = "") -> str:
    lines = [prefix + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "document"),
    [
        pytest.param(
            ".github/workflows/x.yml",
            "name: ci\non: push\n" + billion_laughs(),
            marks=needs_rules(*CANDIDATES[".github/workflows/x.yml"]),
            id="workflow",
        ),
        pytest.param(
            "openapi.yaml",
            "openapi: 3.0.3\n" + billion_laughs(),
            marks=needs_rules("TC0401"),
            id="openapi",
        ),
    ],
)
def test_billion_laughs_is_refused_quickly(
    run_cli, tmp_path: Path, name: str, document: str
) -> None:
    root = make_git_repo(tmp_path / "repo", {**CONTEXT, name: document})
    run = run_cli(root)
    assert_reported(run, name, CANDIDATES[name], line=False)


def test_billion_laughs_in_every_candidate_stays_bounded(
    run_cli, tmp_path: Path
) -> None:
    files = {name: billion_laughs() for name in CANDIDATES}
    files[".tcop-lint.yml.example"] = billion_laughs()
    files["docs/api/spec.yml"] = "swagger: '2.0'\n" + billion_laughs()
    root = make_git_repo(tmp_path / "repo", files)
    run_cli(root)


def test_billion_laughs_config_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {".tcop-lint.yml": billion_laughs()})
    run = run_cli(root)
    assert run.returncode == 2
    assert run.stderr.startswith("tcop-lint: .tcop-lint.yml:1: invalid YAML: ")


DEEP = 100_000


@pytest.mark.parametrize(
    "name",
    [
        "package.json",
        "openapi.json",
        "renovate.json",
        "composer.json",
        ".github/workflows/x.yml",
        "openapi.yaml",
        ".github/dependabot.yml",
        "publiccode.yml",
        "privacy-assessment.yml",
        "pyproject.toml",
        "Cargo.toml",
    ],
)
def test_deeply_nested_document(run_cli, tmp_path: Path, name: str) -> None:
    if name.endswith(".toml"):
        body = "a = " + "[" * DEEP + "\n"
    elif name.endswith(".json"):
        body = '{"openapi": "3.0.0", "x": ' + "[" * DEEP
    else:
        body = "openapi: 3.0.0\nx: " + "[" * DEEP + "\n"
    root = make_git_repo(tmp_path / "repo", {name: body, "README.md": "# x\n"})
    run_cli(root)


@pytest.mark.parametrize("depth", [150, 400, 950])
@pytest.mark.parametrize(
    "name",
    ["package.json", "openapi.json", "renovate.json", "composer.json", "app.json"],
)
def test_nesting_just_under_the_parser_limit(
    run_cli, tmp_path: Path, name: str, depth: int
) -> None:
    """Deep enough to parse, deep enough to break a recursive walk in a rule."""
    nested = '{"a": ' * depth + "1" + "}" * depth
    body = (
        '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, '
        f'"paths": {{"/x": {{"get": {{"responses": {{"200": {{"description": "ok", "x": {nested}}}}}}}}}}}, '
        f'"components": {{"schemas": {{"A": {nested}}}}}, "dependencies": {nested}, '
        f'"scripts": {nested}, "license": {nested}, "extends": {nested}}}'
    )
    root = make_git_repo(tmp_path / "repo", {name: body, "README.md": "# x\n"})
    run_cli(root)


def test_nested_yaml_just_under_the_parser_limit(run_cli, tmp_path: Path) -> None:
    nested = "[" * 250 + "]" * 250
    files = {
        ".github/workflows/x.yml": f"on: push\njobs: {nested}\n",
        "openapi.yaml": f"openapi: 3.0.3\ninfo: {{title: x, version: '1'}}\npaths: {nested}\n",
        ".github/dependabot.yml": f"version: 2\nupdates: {nested}\n",
        "publiccode.yml": f"publiccodeYmlVersion: '0.4'\nname: {nested}\n",
        "privacy-assessment.yml": f"questions: {nested}\n",
    }
    root = make_git_repo(tmp_path / "repo", files)
    run_cli(root)


# -- size, binary, encodings ------------------------------------------------------------------


@needs_rules("TC0301")
def test_fifty_megabyte_licence_is_not_read(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    with (root / "LICENSE").open(
        "wb"
    ) as handle:  # untracked: ls-files --others lists it
        handle.write(b"MIT License\n\nPermission is hereby granted, free of charge\n")
        handle.truncate(50 * 1024 * 1024)
    run = run_cli(root)
    result = run.rule("TC0301")
    assert result["outcome"] in ("fail", "warn"), result
    [finding] = [f for f in result["findings"] if f["path"] == "LICENSE"]
    assert "limit" in finding["message"] or "cannot be identified" in finding["message"]


def test_text_files_just_under_the_read_cap(run_cli, tmp_path: Path) -> None:
    """The most work a hostile repository can ask for within the default cap."""
    words = (
        "Permission is hereby granted free of charge to any person obtaining a copy "
    )
    licence = ("MIT License\n\n" + words * (1_900_000 // len(words))).encode()
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n"})
    write_files(
        root,
        {
            "LICENSE": licence,
            "SECURITY.md": b"# Security\n"
            + b"report to security@example.org\n" * 60_000,
            "README.md": b"# x\n" + b"## Install\n\npip install x\n\n" * 60_000,
        },
    )
    run_cli(root)


def test_workflow_just_under_the_read_cap(run_cli, tmp_path: Path) -> None:
    jobs = "".join(
        f"  j{i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo {i}\n"
        for i in range(24_000)
    )
    root = make_git_repo(
        tmp_path / "repo",
        {".github/workflows/x.yml": f"on: push\npermissions: {{}}\njobs:\n{jobs}"},
    )
    assert (root / ".github/workflows/x.yml").stat().st_size < 2_000_000
    run_cli(root)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(4096) + b"\0MIT License", id="random-binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, id="png"),
        pytest.param(b"\x7fELF\x02\x01\x01" + b"\0" * 200, id="elf"),
    ],
)
@needs_rules("TC0301")
def test_binary_licence(run_cli, tmp_path: Path, content: bytes) -> None:
    root = make_git_repo(tmp_path / "repo", {"LICENSE": content})
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "fail"
    assert [f["path"] for f in run.findings("TC0301")] == ["LICENSE"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            b"# Security\n\nReport to \xff\xfe\xc3(security@example.org", id="bad-utf8"
        ),
        pytest.param(
            "# Security\n\nReport to security@example.org\n".encode("utf-16"),
            id="utf16-bom",
        ),
        pytest.param(
            "# Security\n\nReport to security@example.org\n".encode("utf-16-be"),
            id="utf16-no-bom",
        ),
        pytest.param(b"\xef\xbb\xbf# Security\n\nReport to a@b.org\n", id="utf8-bom"),
        pytest.param(b"\xfe\xff\xd8", id="truncated-utf16"),
    ],
)
@needs_rules("TC0601")
def test_oddly_encoded_security_policy(run_cli, tmp_path: Path, content: bytes) -> None:
    root = make_git_repo(tmp_path / "repo", {"SECURITY.md": content})
    run = run_cli(root)
    result = run.rule("TC0601")
    assert result["outcome"] in ("pass", "warn", "fail")
    assert "SECURITY.md" in {e["path"] for e in result["evidence"]} | {
        f["path"] for f in result["findings"]
    }


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "LICENSE",
        "SECURITY.md",
        ".github/workflows/x.yml",
        "package.json",
        "openapi.yaml",
        ".tcop-lint.yml",
        "pyproject.toml",
        ".gitignore",
    ],
)
@pytest.mark.parametrize("git_repo", [True, False], ids=["git", "plain"])
def test_fifo_never_hangs(
    run_cli, tmp_path: Path, name: str, git_repo: bool, request: pytest.FixtureRequest
) -> None:
    if git_repo and name == ".gitignore":
        request.applymarker(
            pytest.mark.xfail(
                strict=True,
                reason="git ls-files --others itself blocks opening a FIFO .gitignore "
                "(git 2.39), and tcop-lint waits for git. A clone cannot hold a "
                "FIFO, so only a local directory can do this",
            )
        )
    root = tmp_path / "repo"
    if git_repo:
        make_git_repo(root, {"README.md": "# x\n", "src/app.py": "x = 1\n"})
        if name == "README.md":
            (root / name).unlink()
    else:
        write_files(root, {"src/app.py": "x = 1\n"})
    fifo = root / name
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    run = run_cli(root, bound=HANG_BOUND)
    assert run.returncode in (0, 1)


# -- globs built to backtrack -----------------------------------------------------------------

BACKTRACKING_GLOB = "*a" * 16 + "*b.yml"
LONG_NAME = "a" * 120 + ".yml"


@pytest.mark.parametrize(
    "where", ["config-exclude", "gitlab-include", "plain-gitignore"]
)
def test_backtracking_glob_stays_bounded(run_cli, tmp_path: Path, where: str) -> None:
    files = {LONG_NAME: "x: 1\n", f"ci/{LONG_NAME}": "x: 1\n", "README.md": "# x\n"}
    if where == "config-exclude":
        files[".tcop-lint.yml"] = f"exclude:\n  - '{BACKTRACKING_GLOB}'\n"
    elif where == "gitlab-include":
        files[".gitlab-ci.yml"] = f"include:\n  - local: '{BACKTRACKING_GLOB}'\n"
    else:
        files[".gitignore"] = BACKTRACKING_GLOB + "\n"
    root = tmp_path / "repo"
    if where == "plain-gitignore":
        write_files(root, files)
    else:
        make_git_repo(root, files)
    run_cli(root, bound=HANG_BOUND)


# -- values that carry control characters and lone surrogates into messages -------------------

ESCAPED = r"evil\ud800\udce9\u0000\u001b[31m\r\n::error::pwned"
"""A JSON escape sequence: decodes to lone surrogates, NUL, ESC, CR and LF."""
YAML_ESCAPED = r"evil\u0000\u001b[31m\r\n::error::pwned\x85\u2028"
"""The same in YAML, whose parser (libyaml) refuses lone surrogates; NEL and LS instead."""


def test_escaped_values_reach_messages_safely(run_cli, tmp_path: Path) -> None:
    files = {
        "README.md": "# x\n",
        "LICENSE": "MIT License\n\nCopyright (c) 2024 x\n",
        "package.json": (
            f'{{"name": "x", "license": "{ESCAPED}", '
            f'"dependencies": {{"left-pad": "1.3.0"}}, "scripts": {{"test": "{ESCAPED}"}}}}\n'
        ),
        ".github/workflows/x.yml": (
            "on: push\n"
            f'permissions: "{YAML_ESCAPED}"\n'
            "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            f'      - uses: "{YAML_ESCAPED}@v1"\n'
            f'      - uses: "actions/{YAML_ESCAPED}@main"\n'
        ),
        ".github/dependabot.yml": (
            f'version: 2\nupdates:\n  - package-ecosystem: "{YAML_ESCAPED}"\n'
            f'    directory: "{YAML_ESCAPED}"\n'
        ),
        "publiccode.yml": f'publiccodeYmlVersion: "{YAML_ESCAPED}"\nname: "{YAML_ESCAPED}"\n',
        "privacy-assessment.yml": f'reviewed: "{YAML_ESCAPED}"\nquestions: "{YAML_ESCAPED}"\n',
        "openapi.yaml": f'openapi: "{YAML_ESCAPED}"\ninfo: {{title: "{YAML_ESCAPED}"}}\n',
        "openapi.json": f'{{"swagger": "{ESCAPED}", "paths": {{"{ESCAPED}": 1}}}}\n',
        ".tcop-lint.yml": (
            "exemptions:\n"
            f'  - rule: TC0607\n    reason: "{YAML_ESCAPED}"\n    expires: 2999-01-01\n'
        ),
    }
    root = make_git_repo(tmp_path / "repo", files)
    run = run_cli(root, "--verbose")
    assert run.returncode in (0, 1)
    assert "\x1b" not in run.text and "\x00" not in run.text
    assert not any(
        line.startswith("::error::pwned") for line in run.stdout.splitlines()
    )
    for line in run.text.splitlines():
        assert not line.startswith("::error::pwned"), line


@pytest.mark.parametrize("name", [".tcop-lint.yml", "pyproject.toml"])
def test_huge_config_is_refused_before_parsing(
    run_cli, tmp_path: Path, name: str
) -> None:
    if name == "pyproject.toml":
        body = "[tool.tcop-lint]\nexclude = [\n" + '  "x",\n' * 500_000 + "]\n"
    else:
        body = "exclude:\n" + "  - x\n" * 500_000
    root = make_git_repo(tmp_path / "repo", {name: body})
    run = run_cli(root)
    assert run.returncode == 2
    assert run.stderr == (
        f"tcop-lint: {name}:1: file is larger than 1,048,576 bytes, "
        "too large to be read as configuration\n"
    )


def test_control_character_in_config_is_one_line(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(
        tmp_path / "repo", {".tcop-lint.yml": "profile: uk\nx: \x1f\n"}
    )
    run = run_cli(root)
    assert run.returncode == 2
    assert run.stderr == (
        "tcop-lint: .tcop-lint.yml:2: invalid YAML: unacceptable character #x001f: "
        "control characters are not allowed\n"
    )


def test_control_character_in_a_workflow_is_a_finding_on_its_line(
    run_cli, tmp_path: Path
) -> None:
    root = make_git_repo(
        tmp_path / "repo", {".github/workflows/x.yml": "on: push\njobs: \x07\n"}
    )
    run = run_cli(root)
    [finding] = [
        f for f in run.findings("TC0606") if f["path"] == ".github/workflows/x.yml"
    ]
    assert finding["start_line"] == 2
    assert finding["message"].startswith("invalid YAML: unacceptable character #x0007")
