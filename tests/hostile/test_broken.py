"""Broken inputs: each is reported (a finding, or a skip, naming the file and line) by the rule
that reads it, and every other rule still runs (the harness checks that every rule has a
result and none crashed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_git_repo

from .conftest import assert_reported

NPM = '{"name": "x", "dependencies": {"left-pad": "1.3.0"}}\n'

# (case id, files, the broken file, rules that read it, expected line, words in the message)
CASES = [
    (
        "workflow-invalid-yaml",
        {".github/workflows/x.yml": "on: push\njobs:\n  a: [\n"},
        ".github/workflows/x.yml",
        ("TC0606",),
        4,
        "invalid YAML",
    ),
    (
        "workflow-is-a-list",
        {".github/workflows/x.yml": "- run: echo\n- run: make test\n"},
        ".github/workflows/x.yml",
        ("TC0606",),
        1,
        "not a YAML mapping",
    ),
    (
        "workflow-is-text",
        {".github/workflows/x.yml": "just some text\n"},
        ".github/workflows/x.yml",
        ("TC0606",),
        1,
        "not a YAML mapping",
    ),
    (
        "workflow-empty",
        {".github/workflows/x.yml": ""},
        ".github/workflows/x.yml",
        ("TC0606",),
        1,
        "not a YAML mapping",
    ),
    (
        "workflow-jobs-is-a-list",
        {".github/workflows/x.yml": "on: push\njobs:\n  - a\n  - b\n"},
        ".github/workflows/x.yml",
        ("TC0606", "TC0607"),
        None,
        "",
    ),
    (
        "dependabot-invalid-yaml",
        {".github/dependabot.yml": "version: 2\nupdates: [\n", "package.json": NPM},
        ".github/dependabot.yml",
        ("TC0602",),
        3,
        "invalid YAML",
    ),
    (
        "dependabot-is-a-list",
        {".github/dependabot.yml": "- version: 2\n", "package.json": NPM},
        ".github/dependabot.yml",
        ("TC0602",),
        1,
        "not a mapping",
    ),
    (
        "renovate-invalid-json",
        {"renovate.json": '{"extends": [', "package.json": NPM},
        "renovate.json",
        ("TC0602",),
        1,
        "invalid JSON5",
    ),
    (
        "publiccode-invalid-yaml",
        {"publiccode.yml": "name: x\nurl: [\n"},
        "publiccode.yml",
        ("TC0804",),
        3,
        "invalid YAML",
    ),
    (
        "openapi-invalid-yaml",
        {"openapi.yaml": "openapi: 3.0.0\ninfo: [\n"},
        "openapi.yaml",
        ("TC0401",),
        3,
        "invalid YAML",
    ),
    (
        "openapi-truncated-yaml",
        {
            "openapi.yaml": "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n"
            "  /a:\n    get:\n      responses:\n        '200':\n          descrip"
        },
        "openapi.yaml",
        ("TC0401",),
        9,
        "invalid OpenAPI 3.0",
    ),
    (
        "openapi-truncated-json",
        {
            "openapi.json": '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"},\n'
            ' "paths": {"/a": {"get": {"resp'
        },
        "openapi.json",
        ("TC0401",),
        2,
        "invalid JSON",
    ),
    (
        "privacy-assessment-invalid-yaml",
        {"privacy-assessment.yml": "reviewed: 2025-01-01\nquestions: [\n"},
        "privacy-assessment.yml",
        ("TC0701",),
        3,
        "not valid YAML",
    ),
    (
        "privacy-assessment-is-a-list",
        {"privacy-assessment.yml": "- yes\n- no\n"},
        "privacy-assessment.yml",
        ("TC0701",),
        1,
        "",
    ),
    (
        "security-policy-empty",
        {"SECURITY.md": ""},
        "SECURITY.md",
        ("TC0601",),
        1,
        "empty",
    ),
    (
        "codeowners-binary",
        {"CODEOWNERS": b"\x00\x01\x02garbage"},
        "CODEOWNERS",
        ("TC0803",),
        1,
        "cannot be read",
    ),
]


@pytest.mark.parametrize(
    ("files", "path", "codes", "line", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_broken_input_is_reported_and_every_rule_runs(
    run_cli,
    tmp_path: Path,
    files: dict[str, str | bytes],
    path: str,
    codes: tuple[str, ...],
    line: int | None,
    words: str,
) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n", **files})
    run = run_cli(root)
    assert run.returncode in (0, 1)
    hits = assert_reported(run, path, codes)
    if line is not None:
        assert any(f["start_line"] == line and words in f["message"] for f in hits), (
            hits
        )


def test_empty_licence(run_cli, tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {"README.md": "# x\n", "LICENSE": ""})
    run = run_cli(root)
    assert run.rule("TC0301")["outcome"] == "fail"
    [finding] = run.findings("TC0301")
    assert finding["path"] == "LICENSE"
    assert "empty" in finding["message"]
    [sarif] = [r for r in run.sarif["runs"][0]["results"] if r["ruleId"] == "TC0301"]
    assert sarif["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


BROKEN_MANIFESTS = [
    ("package.json", "[]"),
    ("package.json", "null"),
    ("package.json", '"a string"'),
    ("package.json", '{"name": "x", "license": "MIT",\n "dependencies": {'),
    ("pyproject.toml", '[project]\nname = "x"\nlicense = \n'),
    ("Cargo.toml", '[package]\nname = "x\nlicense = "MIT"\n'),
    ("composer.json", '{"license": "MIT", "require": {'),
]


@pytest.mark.parametrize(("name", "body"), BROKEN_MANIFESTS)
def test_broken_manifest_never_stops_a_rule(
    run_cli, tmp_path: Path, name: str, body: str
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# x\n", "LICENSE": "MIT License\n", name: body},
    )
    run = run_cli(root)
    assert run.returncode in (0, 1)


@pytest.mark.parametrize(
    ("name", "body"), [m for m in BROKEN_MANIFESTS if "{" in m[1] or "[" in m[1]]
)
def test_broken_manifest_is_reported_by_the_licence_rule(
    run_cli, tmp_path: Path, name: str, body: str
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {"README.md": "# x\n", "LICENSE": "MIT License\n", name: body},
    )
    run = run_cli(root)
    assert_reported(run, name, ("TC0303",))


def test_everything_broken_at_once(run_cli, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for case in CASES:
        files.update(case[1])
    for name, body in BROKEN_MANIFESTS:
        files[name] = body
    files["LICENSE"] = ""
    files[".gitlab-ci.yml"] = "test:\n  script: [\n"
    files[".pre-commit-config.yaml"] = "repos: [\n"
    files["docs/api/openapi.yml"] = "swagger: [\n"
    files["renovate.json5"] = "{ // unterminated\n"
    files["Makefile"] = "test:\n\t$(MAKE) test\n"  # a target that calls itself
    files["tox.ini"] = "[testenv\ncommands = [\n"
    root = make_git_repo(tmp_path / "repo", files)
    run = run_cli(root)
    assert run.returncode == 1
    for case in CASES:
        assert_reported(run, case[2], case[3])


API_HEAD = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\n"


@pytest.mark.parametrize(
    ("document", "cycle_line"),
    [
        pytest.param("openapi: 3.0.3\npaths:\n  $ref: '#/paths'\n", 3, id="self"),
        pytest.param(
            API_HEAD + "paths: {$ref: 'openapi.yaml#/paths'}\n", 3, id="self-file"
        ),
        pytest.param(
            API_HEAD + "paths: {}\ncomponents:\n  schemas:\n"
            "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
            6,
            id="mutual",
        ),
        pytest.param(
            API_HEAD
            + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n"
            "      properties:\n        next: {$ref: '#/components/schemas/A'}\n",
            None,
            id="recursive-schema",
        ),
        pytest.param(
            API_HEAD + "paths: {$ref: 'other.yaml#/x'}\n", 1, id="across-files"
        ),
    ],
)
def test_ref_cycles(
    run_cli, tmp_path: Path, document: str, cycle_line: int | None
) -> None:
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "openapi.yaml": document,
            "other.yaml": "x: {$ref: 'openapi.yaml#/paths'}\n",
        },
    )
    run = run_cli(root)
    cycles = [
        (f["path"], f["start_line"])
        for f in run.rule("TC0401")["findings"]
        if "leads back to itself" in f["message"]
    ]
    if cycle_line is None:
        assert run.rule("TC0401")["outcome"] == "pass"
    else:
        assert run.rule("TC0401")["outcome"] == "fail"
        path = "other.yaml" if cycle_line == 1 else "openapi.yaml"
        assert cycles[0] == (path, cycle_line)


BAD_PATTERNS = ["[z-a]", "[1.9e-222]", "\\"]


@pytest.mark.parametrize(
    "where", ["plain-gitignore", "config-exclude", "exemption-paths"]
)
def test_patterns_that_do_not_compile(run_cli, tmp_path: Path, where: str) -> None:
    """Git skips a gitignore pattern it cannot use; so does tcop-lint, wherever it meets one."""
    files: dict[str, str | bytes] = {"README.md": "# x\n", "docs/x.docx": "x"}
    lines = "".join(f"  - '{p}'\n" for p in BAD_PATTERNS)
    if where == "plain-gitignore":
        files[".gitignore"] = "\n".join(BAD_PATTERNS) + "\n*.log\n"
        files["debug.log"] = "x"
    elif where == "config-exclude":
        files[".tcop-lint.yml"] = f"exclude:\n{lines}"
    else:
        files[".tcop-lint.yml"] = (
            "exemptions:\n  - rule: TC0403\n    reason: legacy\n    expires: 2999-01-01\n"
            f"    paths:\n{lines.replace('  - ', '      - ')}"
        )
    root = tmp_path / "repo"
    if where == "plain-gitignore":
        root.mkdir()
        for name, body in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(body if isinstance(body, str) else body.decode())
    else:
        make_git_repo(root, files)
    run = run_cli(root)
    assert run.returncode in (0, 1)
    assert [f["path"] for f in run.findings("TC0403")] == ["docs/x.docx"]
