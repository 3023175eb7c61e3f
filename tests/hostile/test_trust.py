"""The scanned repository cannot widen what tcop-lint reaches (issue 19, the trust model).

A pull request controls the checkout's ``.tcop-lint.yml`` and ``pyproject.toml``. Network
access (``online``) and private hosts for remote ``$ref``s (TC0401's ``allow-private-hosts``)
come only from the person running tcop-lint: a flag, an Action input, or a config file outside
the checkout. Each case runs the real CLI against a real git repository whose OpenAPI document
points a ``$ref`` at a real HTTP server on 127.0.0.1 that records every request.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, make_git_repo
from pytest_httpserver import HTTPServer

from .conftest import Run, base_env

SENTINEL = "SENTINEL-SECRET-metadata-0451"
ASKING_CONFIG = (
    "online: true\nrules: {TC0401: {options: {allow-private-hosts: true}}}\n"
)
ONLINE_NOTE = (
    "the repository's config asks for online checks (`online: true`), which only the person "
    "running tcop-lint may allow, so this rule ran offline: pass --online (the Action's "
    "`online: true` input) to allow them"
)
OPTION_NOTE = (
    "the repository's config sets the TC0401 option allow-private-hosts, which only the "
    "person running tcop-lint may allow, so it was not applied: pass --allow-private-hosts "
    "(the Action's `allow-private-hosts: true` input) to allow it"
)


@pytest.fixture
def metadata(httpserver: HTTPServer) -> str:
    """A stand-in for a cloud metadata endpoint on 127.0.0.1; returns the URL a $ref names."""
    httpserver.expect_request("/latest/meta-data/iam").respond_with_data(
        f"{SENTINEL}\n", content_type="application/yaml"
    )
    return httpserver.url_for("/latest/meta-data/iam")


def openapi(ref: str) -> str:
    return (
        "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n"
        f"components:\n  schemas:\n    A:\n      $ref: '{ref}'\n"
    )


def asking_repo(root: Path, ref: str, config: dict[str, str] | None = None) -> Path:
    files = {"README.md": "# x\n", "openapi.yaml": openapi(ref)}
    return make_git_repo(
        root, {**files, **(config or {".tcop-lint.yml": ASKING_CONFIG})}
    )


def notes(run: Run, code: str = "TC0401") -> list[tuple[str | None, int | None, str]]:
    return [
        (f["path"], f["start_line"], f["message"])
        for f in run.findings(code)
        if f["id"] in ("online-not-allowed", "option-not-allowed")
    ]


def test_repository_config_asking_for_network_makes_no_request(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    """The acceptance case: `online: true` and `allow-private-hosts: true` committed in the
    repository, no flag: nothing is fetched, and a note says what the config asked for."""
    root = asking_repo(tmp_path / "repo", metadata)
    run = run_cli(root, "--select", "TC0401")
    assert httpserver.log == []
    assert notes(run) == [
        (".tcop-lint.yml", 1, ONLINE_NOTE),
        (".tcop-lint.yml", 2, OPTION_NOTE),
    ]
    assert all(f["level"] == "note" for f in run.findings("TC0401") if f["id"])
    assert f".tcop-lint.yml:1: TC0401 note: {ONLINE_NOTE}" in run.text
    assert "pass --online" in run.markdown
    assert SENTINEL.encode() not in run.everything()


def test_online_flag_alone_does_not_let_the_config_reach_private_hosts(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    root = asking_repo(tmp_path / "repo", metadata)
    run = run_cli(root, "--select", "TC0401", "--online")
    assert httpserver.log == []
    assert notes(run) == [(".tcop-lint.yml", 2, OPTION_NOTE)]
    assert any("private or local address" in f["message"] for f in run.findings())
    assert SENTINEL.encode() not in run.everything()


def test_the_runner_can_allow_both(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    """With --online and --allow-private-hosts the runner has said yes: the $ref is fetched."""
    root = asking_repo(tmp_path / "repo", metadata)
    run = run_cli(root, "--select", "TC0401", "--online", "--allow-private-hosts")
    assert [request.path for request, _ in httpserver.log] == ["/latest/meta-data/iam"]
    assert notes(run) == []


def test_explicit_offline_still_notes_what_the_repository_asked_for(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    """The Action passes --offline unless its `online` input is true."""
    root = asking_repo(tmp_path / "repo", metadata)
    run = run_cli(root, "--select", "TC0401", "--offline")
    assert httpserver.log == []
    assert [n[2] for n in notes(run)] == [ONLINE_NOTE, OPTION_NOTE]


def test_pyproject_table_cannot_widen_either(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    pyproject = (
        '[project]\nname = "x"\n\n[tool.tcop-lint]\nonline = true\n\n'
        "[tool.tcop-lint.rules.TC0401.options]\nallow-private-hosts = true\n"
    )
    root = asking_repo(tmp_path / "repo", metadata, {"pyproject.toml": pyproject})
    run = run_cli(root, "--select", "TC0401")
    assert httpserver.log == []
    assert [(path, note) for path, _, note in notes(run)] == [
        ("pyproject.toml", ONLINE_NOTE),
        ("pyproject.toml", OPTION_NOTE),
    ]


def test_config_elsewhere_in_the_checkout_is_the_repository_s(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    """Scanning a subfolder with `--config` naming a file at the checkout's root (as the
    Action's `path:` and `config:` inputs do): that file is pull-request content too."""
    checkout = make_git_repo(
        tmp_path / "checkout",
        {
            ".tcop-lint.yml": ASKING_CONFIG,
            "services/api/README.md": "# x\n",
            "services/api/openapi.yaml": openapi(metadata),
        },
    )
    config = str(checkout / ".tcop-lint.yml")
    run = run_cli(
        checkout / "services" / "api", "--select", "TC0401", "--config", config
    )
    assert httpserver.log == []
    assert [(path, note) for path, _, note in notes(run)] == [
        (None, f"{config}:1: {ONLINE_NOTE}"),
        (None, f"{config}:2: {OPTION_NOTE}"),
    ]


def test_the_runner_s_own_config_outside_the_checkout_is_trusted(
    run_cli, httpserver: HTTPServer, metadata: str, tmp_path: Path
) -> None:
    root = asking_repo(tmp_path / "repo", metadata, {})
    own = tmp_path / "runner" / "tcop-lint.yml"
    own.parent.mkdir()
    own.write_text(ASKING_CONFIG, encoding="utf-8")
    run = run_cli(root, "--select", "TC0401", "--config", str(own))
    assert [request.path for request, _ in httpserver.log] == ["/latest/meta-data/iam"]
    assert notes(run) == []


def test_online_note_lands_on_the_rules_that_use_the_network(
    run_cli, httpserver: HTTPServer, tmp_path: Path
) -> None:
    """TC0304 asks the code host's API only with network access: the config's `online: true`
    is noted there, and the API (a recording server) is not called."""
    root = make_git_repo(
        tmp_path / "repo", {"README.md": "# x\n", ".tcop-lint.yml": "online: true\n"}
    )
    git(root, "remote", "add", "origin", "https://github.com/o/r.git")
    env = base_env(GITHUB_API_URL=httpserver.url_for("/api"), GITHUB_TOKEN="t0ken")
    run = run_cli(root, "--select", "TC0304,TC0901", env=env)
    assert httpserver.log == []
    assert notes(run, "TC0304") == [(".tcop-lint.yml", 1, ONLINE_NOTE)]
    assert notes(run, "TC0901") == []  # it never asks about the network
