"""Harness for hostile and broken repositories: run the real CLI, check what must always hold.

Every case builds a real repository in a tmp dir and runs the installed ``tcop-lint`` console
script in a subprocess with every output format at once (GitHub workflow commands on stdout,
text, JSON, SARIF and Markdown to files), then checks the invariants of issue 7:

- the exit code is 0, 1 or 2 (never 3, the internal-error code) and stderr has no traceback;
- the run uses under ``BOUND`` seconds of CPU and finishes within ``WALL_ALLOWANCE * BOUND``
  seconds of wall time (the subprocess is killed, with its process group, if it does not, so
  a hang fails the test instead of the suite);
- a usage error (exit 2) is one line on stderr and writes no report file;
- otherwise every report exists and parses, the SARIF validates against the official 2.1.0
  schema and holds only well-formed Unicode, every rule has a result and none crashed, and
  every line on stdout that starts with ``::`` is one well-formed workflow command.
"""

from __future__ import annotations

import functools
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TCOP_LINT = Path(sys.executable).with_name("tcop-lint")
BOUND = 5.0
"""Seconds of CPU each run may use (issue 7 asks for 5 s each on this 2-core machine)."""
HANG_BOUND = 2.5
"""The bound for cases whose way of failing is a hang (a FIFO, a backtracking glob, a slow
server): their repositories are tiny and take well under a second when nothing hangs."""
WALL_ALLOWANCE = 2.0
"""Wall-clock time may be this many times ``BOUND``: the suite shares two cores with other
test runs, so wall time measures the machine's load as much as the tool. A run still going at
that point is killed (with its process group) and fails the test, so a hang cannot pass."""

_TESTS = Path(__file__).resolve().parents[1]
_SCHEMA_CANDIDATES = (
    _TESTS / "data" / "sarif-schema-2.1.0.json",
    _TESTS.parents[1] / "shared" / "schemas" / "sarif-schema-2.1.0.json",
)
# A workflow command: `::name key=value,key=value::message`; property values have `,`, `:`,
# CR, LF and `%` percent-encoded, so none of them appears raw inside a value.
_COMMAND = re.compile(
    r"::(?P<name>[a-z-]+)(?: (?P<props>[a-zA-Z]+=[^,:\r\n]*(?:,[a-zA-Z]+=[^,:\r\n]*)*))?"
    r"::(?P<message>.*)"
)
_ANNOTATIONS = ("error", "warning", "notice")
_ALLOWED_COMMANDS = (*_ANNOTATIONS, "group", "endgroup", "debug")


def has_github_format() -> bool:
    import importlib.util

    return importlib.util.find_spec("tcop_lint.report.github") is not None


HAS_GITHUB = has_github_format()


@functools.cache
def rule_codes() -> tuple[str, ...]:
    """Codes of every built-in rule, as the CLI would load them."""
    from tcop_lint.registry import builtin_rules, index

    return tuple(index(builtin_rules()))


def needs_rules(*codes: str) -> pytest.MarkDecorator:
    """Expected to fail until every rule in ``codes`` has landed (strict once they have)."""
    missing = [c for c in codes if c not in rule_codes()]
    return pytest.mark.xfail(
        condition=bool(missing),
        reason=f"rule(s) {', '.join(missing)} not landed yet",
        strict=True,
    )


@functools.cache
def sarif_validator() -> Any:
    from jsonschema.validators import validator_for

    path = next(p for p in _SCHEMA_CANDIDATES if p.is_file())
    schema = json.loads(path.read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def assert_valid_sarif(sarif: dict[str, Any]) -> None:
    errors = sorted(
        sarif_validator().iter_errors(sarif), key=lambda e: list(e.absolute_path)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    for run in sarif["runs"]:
        for result in run["results"]:
            location = result["locations"][0]["physicalLocation"]
            uri = location["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "file:")), uri
            assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri), uri
            assert location["region"]["startLine"] >= 1


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def assert_well_formed_unicode(value: Any) -> None:
    """No lone surrogates: what strict JSON readers (GitHub's SARIF upload) accept."""
    for text in strings_in(value):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise AssertionError(f"ill-formed Unicode in report: {text!r}") from exc


def workflow_commands(stdout: str) -> list[re.Match[str]]:
    """Every workflow command on stdout, checking each is well formed and not injected.

    The runner reads commands line by line, splitting on LF and CR, so any ``::`` at the start
    of any such line is a command.
    """
    commands = []
    for line in re.split(r"\r\n|\r|\n", stdout):
        if not line.startswith("::"):
            continue
        match = _COMMAND.fullmatch(line)
        assert match, f"malformed workflow command: {line!r}"
        assert match["name"] in _ALLOWED_COMMANDS, f"unexpected command: {line!r}"
        if match["name"] in _ANNOTATIONS:
            props = dict(
                p.split("=", 1) for p in (match["props"] or "").split(",") if p
            )
            assert set(props) <= {
                "file",
                "line",
                "endLine",
                "col",
                "endColumn",
                "title",
            }, line
            for key in ("line", "endLine"):
                assert key not in props or props[key].isdigit(), line
        commands.append(match)
    return commands


@dataclass
class Run:
    """One finished CLI run and everything it wrote."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    elapsed: float
    cpu: float
    out_dir: Path
    outputs: dict[str, Path] = field(default_factory=dict)

    @functools.cached_property
    def report(self) -> dict[str, Any]:
        return json.loads(self.outputs["json"].read_text(encoding="utf-8"))

    @functools.cached_property
    def sarif(self) -> dict[str, Any]:
        return json.loads(self.outputs["sarif"].read_text(encoding="utf-8"))

    @property
    def text(self) -> str:
        return self.outputs["text"].read_text(encoding="utf-8")

    @property
    def markdown(self) -> str:
        return self.outputs["markdown"].read_text(encoding="utf-8")

    def rule(self, code: str) -> dict[str, Any]:
        [found] = [r for r in self.report["rules"] if r["code"] == code]
        return found

    def findings(self, code: str | None = None) -> list[dict[str, Any]]:
        return [
            f
            for r in self.report["rules"]
            if code is None or r["code"] == code
            for f in r["findings"]
        ]

    def everything(self) -> bytes:
        """Every byte the run produced: stdout, stderr and every file in the output dir."""
        chunks = [self.stdout.encode(), self.stderr.encode()]
        chunks += [
            p.read_bytes() for p in sorted(self.out_dir.rglob("*")) if p.is_file()
        ]
        return b"\n".join(chunks)


def base_env(**extra: str) -> dict[str, str]:
    """A clean environment: no real token, no real API, no user git config, no colour."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "GH_", "GIT_", "ACTIONS_", "RUNNER_"))
        and k not in {"CI", "NO_COLOR"}
    }
    env.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            # Nothing in this suite may reach a real host: the API base is a closed port.
            "GITHUB_API_URL": "http://127.0.0.1:9",
            "NO_COLOR": "1",
        }
    )
    env.update(extra)
    return env


_counter = iter(range(1_000_000))


def tcop(
    root: Path | str,
    *args: str,
    out_dir: Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    formats: bool = True,
    bound: float = BOUND,
) -> Run:
    """Run ``tcop-lint [args] root`` with every format; kill it (and its children) at ``bound``."""
    out = out_dir / f"out{next(_counter)}"
    out.mkdir(parents=True)
    outputs = {
        "text": out / "report.txt",
        "json": out / "report.json",
        "sarif": out / "report.sarif",
        "markdown": out / "report.md",
    }
    format_args: list[str] = []
    if formats:
        format_args = ["--format", "github"] if HAS_GITHUB else []
        for name, path in outputs.items():
            format_args += ["--format", f"{name}:{path}"]
    argv = [str(TCOP_LINT), *format_args, *args, "--", str(root)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(
        argv,
        cwd=cwd or out,
        env=env or base_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=bound * WALL_ALLOWANCE)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(
            f"tcop-lint did not finish within {bound * WALL_ALLOWANCE:.0f} s: {argv}"
        )
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(
        argv,
        process.returncode,
        stdout.decode("utf-8"),
        stderr.decode("utf-8"),
        elapsed,
        cpu,
        out,
        outputs if formats else {},
    )


def assert_sane(run: Run, *, bound: float = BOUND) -> Run:
    """The invariants every run must keep, whatever the repository holds."""
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    assert run.cpu < bound, f"used {run.cpu:.1f} s of CPU (bound {bound} s)"
    assert run.elapsed < bound * WALL_ALLOWANCE, f"took {run.elapsed:.1f} s"
    if run.returncode == 2:
        assert run.stderr.startswith("tcop-lint: "), run.stderr
        assert run.stderr.count("\n") == 1 and run.stderr.endswith("\n"), run.stderr
        assert run.stdout == ""
        assert not [p for p in run.outputs.values() if p.exists()]
        assert not list(run.out_dir.iterdir()), "a failed run left files behind"
        return run
    if not run.outputs:
        return run
    for path in run.outputs.values():
        assert path.is_file(), f"{path.name} was not written"
        assert "Traceback" not in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in run.out_dir.iterdir()) == sorted(
        p.name for p in run.outputs.values()
    ), "temporary files were left next to the reports"
    assert_valid_sarif(run.sarif)
    assert_well_formed_unicode(run.sarif)
    report = run.report
    assert report["errors"] == [], report["errors"]
    crashed = [
        (r["code"], r["reason"]) for r in report["rules"] if r["outcome"] == "error"
    ]
    assert not crashed, crashed
    if "--select" not in run.args and "--ignore" not in run.args:
        assert sorted(r["code"] for r in report["rules"]) == sorted(rule_codes())
    if HAS_GITHUB:
        workflow_commands(run.stdout)
    return run


def assert_reported(
    run: Run, path: str, codes: Iterable[str], *, line: bool = True
) -> list[dict[str, Any]]:
    """Some rule in ``codes`` reports ``path``: a finding on it (with a line), or a skip naming it."""
    codes = list(codes)
    hits = [
        f
        for code in codes
        for f in run.findings(code)
        if f["path"] == path and (not line or (f["start_line"] or 0) >= 1)
    ]
    skips = [
        r
        for r in run.report["rules"]
        if r["code"] in codes
        and r["outcome"] == "skipped"
        and path in (r["reason"] or "")
    ]
    assert hits or skips, (
        f"no finding{' with a line' if line else ''} on {path!r} and no skip naming it from "
        f"{codes}: "
        + json.dumps(
            [
                (r["code"], r["outcome"], r["reason"], r["findings"])
                for r in run.report["rules"]
                if r["code"] in codes
            ]
        )[:2000]
    )
    return hits


@pytest.fixture
def run_cli(tmp_path: Path):
    """``run_cli(root, *args)`` → a checked :class:`Run` (see :func:`assert_sane`)."""

    def call(root: Path | str, *args: str, **kwargs: Any) -> Run:
        bound = kwargs.pop("bound", BOUND)
        return assert_sane(
            tcop(root, *args, out_dir=tmp_path / "outputs", bound=bound, **kwargs),
            bound=bound,
        )

    return call
