"""The result cache: a second run reuses licence, OpenAPI and YAML results without loading the
classifier, openapi-spec-validator or PyYAML, and any change to what they read is a miss."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_git_repo
from licence_texts import mit_text

from tcop_lint.cache import (
    MAX_ENTRY_BYTES,
    ResultCache,
    _stamp,
    code_stamp,
    default_directory,
)
from tcop_lint.facts.api_validation import VALIDATION_LIBRARIES as _VALIDATION_LIBRARIES
from tcop_lint.facts.gitfacts import _LIBRARIES as _GIT_LIBRARIES
from tcop_lint.facts.licensing import _CLASSIFIER_LIBRARIES
from tcop_lint.parse_cache import _LIBRARIES as _PARSE_LIBRARIES

DOCUMENT = """openapi: 3.0.3
info:
  title: Users
  version: "1.0"
paths:
  /users:
    $ref: paths/users.yaml
"""
PART = """post:
  operationId: createUser
  responses:
    201:
      content: {}
"""
MISSING_DESCRIPTION = (
    "error",
    "api/paths/users.yaml",
    4,
    (
        "invalid OpenAPI 3.0 at post.responses.201 (part of api/openapi.yaml): "
        "'description' is a required property: add description"
    ),
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_git_repo(
        tmp_path / "repo",
        {
            "LICENSE": mit_text(),
            "api/openapi.yaml": DOCUMENT,
            "api/paths/users.yaml": PART,
        },
    )


def run(repo: Path, cache: Path, *args: str) -> tuple[dict, str]:
    """One ``python -X importtime -m tcop_lint`` run: its JSON report and the modules it
    imported (importtime's report on stderr)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tcop_lint", str(repo)]
        + ["--format", "json", "--fail-on", "never", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TCOP_LINT_CACHE_DIR": str(cache)},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout), result.stderr


def openapi_findings(report: dict) -> list[tuple]:
    (rule,) = [r for r in report["rules"] if r["code"] == "TC0401"]
    return [
        (f["level"], f["path"], f["start_line"], f["message"]) for f in rule["findings"]
    ]


def licence_evidence(report: dict) -> list[dict]:
    (rule,) = [r for r in report["rules"] if r["code"] == "TC0301"]
    return rule["evidence"]


def imported(module: str, importtime_report: str) -> bool:
    return (
        re.search(rf"\|\s+{re.escape(module)}$", importtime_report, re.MULTILINE)
        is not None
    )


def entries(cache: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in cache.glob("*.json"))


def test_second_run_reuses_results_without_loading_the_libraries(
    repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first, first_imports = run(repo, cache)
    assert "openapi_spec_validator" in first_imports
    assert "licenseclassifier" in first_imports
    assert imported("yaml", first_imports)
    assert imported("git", first_imports)
    assert entries(cache) == ["git", "licence", "openapi", "yaml", "yaml"]

    second, second_imports = run(repo, cache)
    assert "openapi_spec_validator" not in second_imports
    assert "licenseclassifier" not in second_imports
    assert not imported("yaml", second_imports)
    assert not imported("git", second_imports)
    assert second["rules"] == first["rules"]
    assert openapi_findings(second) == [MISSING_DESCRIPTION]
    assert {"path": "LICENSE", "detail": "MIT"} in licence_evidence(second)
    # the scanned repository is never written to
    assert git(repo, "status", "--porcelain", "--ignored") == ""


PRIVACY_ASSESSMENT = """\
reviewed: 2026-11-01
reviewd-by: Data protection officer
questions:
  collects-new-information: {answer: no, explanation: Open data only.}
"""


def privacy_findings(report: dict) -> list[tuple]:
    (rule,) = [r for r in report["rules"] if r["code"] == "TC0701"]
    return [(f["path"], f["start_line"], f["message"]) for f in rule["findings"]]


def test_config_and_schema_checked_files_are_validated_without_jsonschema_next_time(
    tmp_path: Path,
) -> None:
    repo = make_git_repo(
        tmp_path / "repo",
        {
            ".tcop-lint.yml": "profile: uk\nrules:\n  TC0603: {level: note}\n",
            "privacy-assessment.yml": PRIVACY_ASSESSMENT,
            "publiccode.yml": 'publiccodeYmlVersion: "0.4"\nname: App\n',
        },
    )
    cache = tmp_path / "cache"
    first, first_imports = run(repo, cache)
    assert imported("jsonschema", first_imports)
    assert privacy_findings(first)[0] == (
        "privacy-assessment.yml",
        2,
        (
            "unknown key 'reviewd-by' in the top level: remove it or use one of dpia, "
            "notes, questions, reviewed, reviewed-by"
        ),
    )
    (publiccode,) = [r for r in first["rules"] if r["code"] == "TC0804"]
    assert publiccode["findings"][0]["message"].startswith(
        "publiccode.yml is missing the required key"
    )
    assert entries(cache) == ["config", "git", "privacy", "publiccode"] + ["yaml"] * 3

    second, second_imports = run(repo, cache)
    assert not imported("jsonschema", second_imports)
    assert not imported("yaml", second_imports)
    assert not imported("git", second_imports)
    assert second["rules"] == first["rules"]

    (repo / ".tcop-lint.yml").write_text(
        "profile: uk\nrules:\n  TC0603: {level: loud}\n"
    )
    for _ in range(2):  # an invalid config is never remembered
        result = subprocess.run(
            [sys.executable, "-m", "tcop_lint", str(repo)],
            capture_output=True,
            text=True,
            env={**os.environ, "TCOP_LINT_CACHE_DIR": str(cache)},
            check=False,
            timeout=120,
        )
        assert (result.returncode, result.stderr) == (
            2,
            (
                "tcop-lint: .tcop-lint.yml:3: rules/TC0603/level: 'loud' is not one of "
                "off, note, warning, error\n"
            ),
        )


def test_a_changed_part_or_licence_is_a_miss(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(repo, cache)
    (repo / "api/paths/users.yaml").write_text(
        PART.replace("content: {}", "description: Created")
    )
    (repo / "LICENSE").write_text("All rights reserved.\n")
    report, imports = run(repo, cache)
    assert openapi_findings(report) == []
    assert "openapi_spec_validator" in imports
    assert {"path": "LICENSE", "detail": "MIT"} not in licence_evidence(report)
    assert entries(cache) == (
        ["git", "licence", "licence", "openapi", "openapi"] + ["yaml"] * 3
    )


def test_no_cache_neither_reads_nor_writes(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(repo, cache)
    for entry in cache.glob("*.json"):
        entry.write_text("[]")  # a result no real run would give
    report, imports = run(repo, cache, "--no-cache")
    assert openapi_findings(report) == [MISSING_DESCRIPTION]
    assert "openapi_spec_validator" in imports

    fresh = tmp_path / "unused"
    run(repo, fresh, "--no-cache")
    assert not fresh.exists()


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'[{"message": 1, "bogus": true}]', b"\xff\xfe\x00", b"7"],
    ids=["empty", "not-json", "wrong-fields", "binary", "not-a-list"],
)
def test_damaged_entries_are_misses(repo: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    first, _ = run(repo, cache)
    for entry in cache.glob("*.json"):
        entry.write_bytes(damage)
    second, imports = run(repo, cache)
    assert second["rules"] == first["rules"]
    assert "openapi_spec_validator" in imports
    third, imports = run(repo, cache)  # rewritten by the second run
    assert "openapi_spec_validator" not in imports
    assert third["rules"] == first["rules"]


def test_a_cache_that_cannot_be_written_is_no_cache(repo: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    report, _ = run(repo, blocked)
    assert openapi_findings(report) == [MISSING_DESCRIPTION]
    assert blocked.read_text() == "not a directory"


def test_online_results_are_not_kept(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(repo, cache, "--online")
    # neither the remotes nor the parse trees of the YAML files are online results
    assert entries(cache) == ["git", "licence", "yaml", "yaml"]


def test_keys_change_with_the_code_that_computes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "tcop_cache_probe.py"
    module.write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    cache = ResultCache(tmp_path / "cache")
    libraries = ("tcop_cache_probe",)
    before = cache.key("probe", "input", libraries=libraries)
    assert cache.key("probe", "input", libraries=libraries) == before
    assert cache.key("probe", "other input", libraries=libraries) != before
    # inputs are length-prefixed: moving text between them is a different key
    assert cache.key("probe", "ab", "c") != cache.key("probe", "a", "bc")
    module.write_text("VERSION = 22\n")
    assert cache.key("probe", "input", libraries=libraries) != before

    cache.put(before, [{"a": 1}])
    assert cache.get(before) == [{"a": 1}]
    assert ResultCache(None).get(before) is None


def test_a_value_get_would_refuse_is_not_written(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put(
        "big", "x" * (MAX_ENTRY_BYTES - 2)
    )  # two quotes make it exactly the limit
    cache.put("bigger", "x" * (MAX_ENTRY_BYTES - 1))
    cache.put("not-json", {1, 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json"]
    assert cache.get("big") == "x" * (MAX_ENTRY_BYTES - 2)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TCOP_LINT_CACHE_DIR": "/c/explicit", "XDG_CACHE_HOME": "/x"}, "/c/explicit"),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/tcop-lint"),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "/h/.cache/tcop-lint"),
        ({"HOME": "/h"}, "/h/.cache/tcop-lint"),
        ({"XDG_CACHE_HOME": "relative", "HOME": "also-relative"}, None),
    ],
    ids=["explicit", "xdg", "relative-xdg-ignored", "home", "no-absolute-home"],
)
def test_cache_directory(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str | None
) -> None:
    for name in ("TCOP_LINT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    directory = default_directory()
    assert (str(directory) if directory else None) == expected


def test_a_relative_home_never_puts_the_cache_in_the_scanned_repository(
    repo: Path,
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TCOP_LINT_CACHE_DIR", "XDG_CACHE_HOME")
    }
    result = subprocess.run(
        [sys.executable, "-m", "tcop_lint", ".", "--format", "json"],
        cwd=repo,
        env={**env, "HOME": ".", "XDG_CACHE_HOME": "cache"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert openapi_findings(json.loads(result.stdout)) == [MISSING_DESCRIPTION]
    assert git(repo, "status", "--porcelain", "--ignored") == ""


def test_the_code_stamps_name_real_modules() -> None:
    """A misspelt module would stamp as missing and never change with the code."""
    for module in (
        *_CLASSIFIER_LIBRARIES,
        *_VALIDATION_LIBRARIES,
        *_PARSE_LIBRARIES,
        *_GIT_LIBRARIES,
    ):
        assert not _stamp(module).endswith(":-"), module
    assert _stamp("tcop_lint_no_such_module").endswith(":-")


def test_keys_change_with_any_file_of_tcop_lint_itself(tmp_path: Path) -> None:
    """No hand-kept module list: an edit to any rule or fact file is a new key."""
    import tcop_lint.rules.user_needs as module

    cache = ResultCache(tmp_path)
    before = cache.key("probe", "input")
    stat = os.stat(module.__file__)
    try:
        os.utime(module.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        code_stamp.cache_clear()
        assert cache.key("probe", "input") != before
    finally:
        os.utime(module.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        code_stamp.cache_clear()
    assert cache.key("probe", "input") == before
