"""Every parser stays small and quick on any input (issue 19, bounded memory).

CPython's ``tomllib`` keeps every prefix of a dotted key until its table ends, so a 40 KB
``pyproject.toml`` with one 20,000-part key took 2.4 GB; the ``json5`` library takes seconds
for a 50 KB array. Each case here runs the real CLI in a fresh process whose peak resident
memory is measured (``RUSAGE_CHILDREN`` of a process that runs nothing else), or the parser on
its own with a time bound; an input over a limit becomes a parse problem that the rules
report, never a crash.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_git_repo

from tcop_lint.parsing import (
    MAX_JSON5_BYTES,
    parse_json,
    parse_json5,
    parse_toml,
    parse_yaml,
)

from .conftest import TCOP_LINT, base_env

MEMORY_BOUND_MB = 300
DOTTED_KEY = ".".join(["a"] * 20_000) + " = 1\n"
PYPROJECT = '[project]\nname = "x"\nversion = "1"\n' + DOTTED_KEY


def peak_memory_mb(*args: str, cwd: Path) -> tuple[int, float, str]:
    """Run ``tcop-lint args`` from a process that runs nothing else: (exit code, the peak
    resident memory of tcop-lint and its children in MB, stderr)."""
    probe = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([done.returncode, peak, done.stderr]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(TCOP_LINT), *args],
        cwd=cwd,
        env=base_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    code, peak_kb, stderr = json.loads(result.stdout)
    return code, peak_kb / 1024, stderr


def test_pyproject_with_a_20000_part_dotted_key_stays_small(
    run_cli, tmp_path: Path
) -> None:
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", "pyproject.toml": PYPROJECT}
    )
    assert 40_000 <= len(PYPROJECT) <= 41_000
    code, peak, stderr = peak_memory_mb(".", "--format", "json:out.json", cwd=root)
    assert code in (0, 1), stderr
    assert peak < MEMORY_BOUND_MB, f"{peak:.0f} MB"
    run = run_cli(root)  # every format, every rule: no crash, and the file is reported
    problems = [
        f["message"]
        for f in run.findings()
        if f["path"] == "pyproject.toml" and "dotted keys" in f["message"]
    ]
    assert problems, [
        f["message"] for f in run.findings() if f["path"] == "pyproject.toml"
    ]
    assert (
        "invalid TOML: dotted keys with too many parts to read safely (this one has 20,000)"
        in (problems[0])
    )


def test_config_table_with_a_long_dotted_key_is_a_config_error(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.tcop-lint]\nprofile = "uk"\n' + DOTTED_KEY
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", "pyproject.toml": text}
    )
    code, peak, stderr = peak_memory_mb(".", cwd=root)
    assert peak < MEMORY_BOUND_MB, f"{peak:.0f} MB"
    assert (code, stderr) == (
        2,
        (
            "tcop-lint: pyproject.toml:6: invalid TOML: dotted keys with too many parts to "
            "read safely (this one has 20,000, under a table header of 2)\n"
        ),
    )


@pytest.mark.parametrize(
    "text",
    [
        "["
        + ".".join(["t"] * 20_000)
        + "]\n"
        + "a.b = 1\n" * 200,  # a long table header
        "\n".join(f"k{i}." + ".".join(["x"] * 200) + " = 1" for i in range(200)),
        "x = {" + ".".join(["y"] * 20_000) + " = 1}\n",  # in an inline table too
    ],
    ids=["long-header", "many-long-keys", "inline-table"],
)
def test_other_costly_dotted_keys_are_refused_before_tomllib(text: str) -> None:
    started = time.monotonic()
    parsed = parse_toml(text)
    assert time.monotonic() - started < 1
    assert parsed.error and parsed.error.startswith(
        "invalid TOML: dotted keys with too many parts to read safely"
    )


def test_real_toml_is_untouched() -> None:
    text = (
        '[project]\nname = "x"\nversion = "1.2.3"\n'
        "[tool.tcop-lint.rules.TC0401.options]\nmax-nodes = 1\n"
        "[tool.x]\na.b.c = 1.5\n'q.r'.s = \"t.u\"\n"
    )
    parsed = parse_toml(text)
    assert parsed.ok, parsed.error
    assert parsed.data["tool"]["x"] == {"a": {"b": {"c": 1.5}}, "q.r": {"s": "t.u"}}


ADVERSARIAL_TOML = {
    "escaped-quotes": 'x = "' + '\\"' * 500_000 + "\n.",
    "long-word": "x = " + "a" * 2_000_000 + "\n.",
    "many-quotes": "x = " + '"a' * 1_000_000 + "\n.",
    "single-quotes": "x = " + "'a" * 1_000_000 + "\n.",
    "spaced-dots": "a" + " . " * 600_000,
    "brackets": "[" * 1_000_000 + ".",
    "header-starts": "\n[ " * 600_000 + ".",
    "floats": "x = [" + "1.5, " * 400_000 + "]\n",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL_TOML))
def test_the_toml_key_check_is_linear(name: str) -> None:
    from tcop_lint.parsing import _toml_key_problem

    started = time.monotonic()
    _toml_key_problem(ADVERSARIAL_TOML[name])
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("parse", "text", "error"),
    [
        (parse_json, "[" * 1_000_000, "invalid JSON: nested too deeply"),
        (parse_json5, "[" * 1_000_000, "invalid JSON5: nested too deeply"),
        (parse_json5, "//c\n" + "[" * 1_000_000, "invalid JSON5: nested too deeply"),
        (parse_toml, "a = " + "[" * 1_000_000, "invalid TOML: nested too deeply"),
        (parse_toml, "a = " + "{b = " * 300_000, "invalid TOML: nested too deeply"),
        (parse_yaml, "[" * 1_000_000, "invalid YAML: exceeded maximum nesting depth"),
        (parse_yaml, "- " * 500_000 + "x", "invalid YAML: "),
    ],
    ids=[
        "json",
        "json5",
        "json5-commented",
        "toml-arrays",
        "toml-tables",
        "yaml-flow",
        "yaml-block",
    ],
)
def test_deep_nesting_is_a_parse_problem(parse, text: str, error: str) -> None:
    started = time.monotonic()
    parsed = parse(text)
    assert time.monotonic() - started < 3
    assert parsed.error and parsed.error.startswith(error), parsed.error


def test_large_json5_is_read_in_linear_time() -> None:
    """A 2 MB renovate.json5 with comments, trailing commas, unquoted keys and single
    quotes: read without the json5 library, within a bound."""
    items = ",\n".join(
        f"  {{matchPackageNames: ['p{i}'], enabled: false}}" for i in range(40_000)
    )
    text = f"// big\n{{\n  extends: ['config:recommended'],\n  packageRules: [\n{items},\n  ],\n}}\n"
    assert len(text) > 1_500_000
    started = time.monotonic()
    parsed = parse_json5(text)
    assert time.monotonic() - started < 3
    assert parsed.ok, parsed.error
    assert len(parsed.data["packageRules"]) == 40_000
    assert parsed.data["packageRules"][7] == {
        "matchPackageNames": ["p7"],
        "enabled": False,
    }


def test_large_json5_the_linear_route_cannot_read_is_a_parse_problem() -> None:
    text = "// hex\n[" + "0x1F, " * 200_000 + "]\n"
    started = time.monotonic()
    parsed = parse_json5(text)
    assert time.monotonic() - started < 3
    assert parsed.error and parsed.error.startswith("invalid JSON5: ")
    assert (
        f"a file over {MAX_JSON5_BYTES:,} bytes is read as JSON with comments"
        in parsed.error
    )
    assert parsed.line == 2


def test_small_json5_still_gets_all_of_json5() -> None:
    assert parse_json5("// x\n{a: 0x1F, b: .5, c: +1, d: 'it\\'s',}").data == {
        "a": 31,
        "b": 0.5,
        "c": 1,
        "d": "it's",
    }


def test_renovate_json5_over_the_library_limit_is_still_read(
    run_cli, tmp_path: Path
) -> None:
    """TC0602 reads a big commented renovate.json5 through the linear route."""
    rules = ",\n".join(
        f"    {{matchPackageNames: ['p{i}'], enabled: true}}" for i in range(5_000)
    )
    renovate = (
        "// Renovate, JSON5\n{\n  extends: ['config:recommended'],\n"
        f"  packageRules: [\n{rules},\n  ],\n}}\n"
    )
    assert len(renovate) > MAX_JSON5_BYTES
    root = make_git_repo(
        tmp_path / "repo",
        {
            "README.md": "# x\n",
            "renovate.json5": renovate,
            "package.json": json.dumps({"dependencies": {"left-pad": "1.3.0"}}),
        },
    )
    run = run_cli(root, "--select", "TC0602")
    assert run.elapsed < 5
    assert not [f for f in run.findings("TC0602") if f["path"] == "renovate.json5"], (
        run.findings()
    )
