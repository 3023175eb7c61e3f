"""``extends:``: shared configs from a repository path, an installed package and a pinned URL,
merged in order with the extending config winning; cycles, depth, paths that leave the
repository, and URLs without --online or with the wrong hash are exit 2 with FILE:LINE."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tcop_lint import config as config_module
from tcop_lint import engine
from tcop_lint.policies.extends import MAX_DEPTH

CLI = [sys.executable, "-m", "tcop_lint"]


def catalog(code: str = "DEPT0101", message: str = "no catalog-info.yaml") -> str:
    return (
        "policies:\n"
        f"  - code: {code}\n"
        "    name: catalog-info\n"
        "    topic: share-reuse\n"
        "    level: error\n"
        "    kind: file-exists\n"
        "    files: [catalog-info.yaml]\n"
        f"    message: {message}\n"
        "    fix: add one\n"
    )


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def refused(done: subprocess.CompletedProcess[str]) -> str:
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    return done.stderr


# -- a path in the repository --------------------------------------------------------------


def test_a_path_is_merged_under_the_repository_config(make_repo):
    base = (
        catalog()
        + "rules:\n  TC0603:\n    level: note\n    options: {max-age-days: 100}\n"
    )
    own = "extends: .github/tcop-base.yml\nrules:\n  catalog-info: warning\n  TC0603: warning\n"
    root = make_repo(
        {".github/tcop-base.yml": base, ".tcop-lint.yml": own, "README.md": "x"}
    )
    config = config_module.load(root)
    assert [p.code for p in config.policies] == ["DEPT0101"]
    assert config.policies[0].source == ".github/tcop-base.yml"
    assert (config.rules["TC0603"].level, config.rules["TC0603"].options) == (
        "warning",
        {"max-age-days": 100},
    )
    rules = engine.load_rules(config, allow_local_plugins=False)
    report = engine.run(root, config, rules, selection=engine.Selection(("DEPT",)))
    [result] = report.results
    assert (result.outcome, [f.level for f in result.findings]) == ("warn", ["warning"])


def test_later_configs_win_policies_by_code_lists_replace(make_repo):
    first = catalog(message="first") + "profile: bc\nexclude: [vendor/]\n"
    second = catalog(message="second") + "exclude: [third_party/]\n"
    own = "extends: [first.yml, second.yml]\n"
    root = make_repo({"first.yml": first, "second.yml": second, ".tcop-lint.yml": own})
    config = config_module.load(root)
    assert [p.message for p in config.policies] == ["second"]
    assert (config.profile, config.exclude) == ("bc", ("third_party/",))

    (root / ".tcop-lint.yml").write_text(own + catalog(message="own") + "exclude: []\n")
    config = config_module.load(root)
    assert [p.message for p in config.policies] == ["own"]
    assert (config.profile, config.exclude) == ("bc", ())


def test_nested_extends_are_merged_depth_first(make_repo):
    root = make_repo(
        {
            "a.yml": "extends: b.yml\nprofile: uk\n",
            "b.yml": catalog(message="from b") + "profile: bc\n",
            ".tcop-lint.yml": "extends: a.yml\n",
        }
    )
    config = config_module.load(root)
    assert (config.profile, [p.message for p in config.policies]) == (
        "uk",
        ["from b"],
    )


def test_a_problem_in_an_extended_config_names_that_file(make_repo):
    base = catalog(code="TC0999")
    root = make_repo({"base.yml": base, ".tcop-lint.yml": "extends: base.yml\n"})
    assert refused(cli(".", cwd=root)) == (
        "tcop-lint: base.yml:2: policy TC0999: codes starting with TC are reserved for "
        "tcop-lint's own rules; use your organisation's prefix (DEPT0101)\n"
    )


def test_a_rule_option_problem_in_an_extended_config_names_that_file(make_repo):
    base = "rules:\n  TC0603:\n    options: {nope: 1}\n"
    root = make_repo({"base.yml": base, ".tcop-lint.yml": "extends: [base.yml]\n"})
    assert refused(cli(".", cwd=root)).startswith(
        "tcop-lint: base.yml:2: rules: TC0603: unknown option 'nope'"
    )


def test_a_cycle_is_refused(make_repo):
    root = make_repo(
        {
            "a.yml": "extends: b.yml\n",
            "b.yml": "profile: uk\nextends: [a.yml]\n",
            ".tcop-lint.yml": "extends: a.yml\n",
        }
    )
    assert refused(cli(".", cwd=root)) == (
        "tcop-lint: b.yml:2: extends: a cycle: .tcop-lint.yml -> a.yml -> b.yml -> a.yml\n"
    )


def test_too_deep_a_chain_is_refused(make_repo):
    files = {f"c{n}.yml": f"extends: c{n + 1}.yml\n" for n in range(MAX_DEPTH + 2)}
    files[".tcop-lint.yml"] = "extends: c0.yml\n"
    root = make_repo(files)
    assert refused(cli(".", cwd=root)) == (
        f"tcop-lint: c{MAX_DEPTH - 1}.yml:1: extends: more than {MAX_DEPTH} levels of "
        "configs extending configs\n"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "../outside.yml",
            (
                "extends: '../outside.yml' must be a relative path without .. inside the "
                "repository"
            ),
        ),
        (
            "/etc/passwd",
            (
                "extends: '/etc/passwd' must be a relative path without .. "
                "inside the repository"
            ),
        ),
        ("missing.yml", "extends: missing.yml: no such file"),
        ("link.yml", "extends: link.yml: a symbolic link that leaves the repository"),
    ],
    ids=["dotdot", "absolute", "missing", "link-out"],
)
def test_a_path_must_stay_in_the_repository(make_repo, tmp_path, entry, message):
    outside = tmp_path / "outside.yml"
    outside.write_text("profile: bc\n")
    root = make_repo({".tcop-lint.yml": f"extends: {entry}\n"})
    (root / "link.yml").symlink_to(outside)
    assert refused(cli(".", cwd=root)) == f"tcop-lint: .tcop-lint.yml:1: {message}\n"


def test_a_runner_config_that_extends_repository_content_widens_nothing(
    make_repo, tmp_path
):
    root = make_repo({"base.yml": "profile: uk\n"})
    own = tmp_path / "runner.yml"
    own.write_text("online: true\nextends: base.yml\n")
    assert config_module.load(root, str(own)).trusted is False
    own.write_text("online: true\n")
    assert config_module.load(root, str(own)).trusted is True


# -- a file in an installed package --------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder for PYTHONPATH holding the package dept_standards, whose import fails: it
    proves the package is read without being imported."""
    folder = tmp_path / "site"
    package = folder / "dept_standards"
    (package / "tcop").mkdir(parents=True)
    (package / "__init__.py").write_text(
        "raise SystemExit('dept_standards was imported')\n"
    )
    (package / "tcop" / "base.yml").write_text(catalog(message="from the package"))
    return folder


def test_a_package_file_is_extended_without_importing_the_package(make_repo, site):
    own = "extends: dept_standards:tcop/base.yml\n"
    root = make_repo({".tcop-lint.yml": own, "README.md": "x"})
    done = cli(".", "--select", "DEPT", "-q", cwd=root, env={"PYTHONPATH": str(site)})
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == (
        "README.md: DEPT0101 error: from the package (looked for catalog-info.yaml): add "
        "one; if the evidence is kept outside the repository, attest it under "
        "`attestations: share-reuse:` in .tcop-lint.yml"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "no_such_package:x.yml",
            (
                "extends: no_such_package:x.yml: no installed package 'no_such_package' "
                "(a folder with its files)"
            ),
        ),
        (
            "dept_standards:tcop/none.yml",
            "extends: dept_standards:tcop/none.yml: no such file",
        ),
        (
            "dept_standards:../x.yml",
            (
                "extends: 'dept_standards:../x.yml' must be a relative path without .. inside "
                "its package"
            ),
        ),
    ],
    ids=["no-package", "no-file", "dotdot"],
)
def test_a_package_entry_that_names_nothing_is_refused(make_repo, site, entry, message):
    root = make_repo({".tcop-lint.yml": f"extends: {entry}\n"})
    done = cli(".", cwd=root, env={"PYTHONPATH": str(site)})
    assert refused(done) == f"tcop-lint: .tcop-lint.yml:1: {message}\n"


# -- a URL pinned by its hash --------------------------------------------------------------

SHARED = catalog(message="from the URL")
SHARED_SHA = hashlib.sha256(SHARED.encode()).hexdigest()


@pytest.fixture
def shared_url(httpserver) -> str:
    httpserver.expect_request("/tcop.yml").respond_with_data(SHARED)
    return httpserver.url_for("/tcop.yml")


def test_a_url_needs_online(make_repo, shared_url):
    root = make_repo({".tcop-lint.yml": f"extends: {shared_url}#sha256={SHARED_SHA}\n"})
    assert refused(cli(".", cwd=root)) == (
        f"tcop-lint: .tcop-lint.yml:1: extends: {shared_url}: a URL is fetched only when "
        "the person running tcop-lint allows network access: pass --online\n"
    )


def test_a_url_needs_its_hash(make_repo, shared_url):
    root = make_repo({".tcop-lint.yml": f"extends: [{shared_url}]\n"})
    assert refused(cli(".", "--online", cwd=root)) == (
        f"tcop-lint: .tcop-lint.yml:1: extends: {shared_url} needs its SHA-256 to be "
        "trusted (`#sha256=HEX` after the URL, or `sha256: HEX` beside `url:`): 64 hex "
        "digits\n"
    )


def test_a_private_address_needs_allow_private_hosts(make_repo, shared_url):
    root = make_repo({".tcop-lint.yml": f"extends: {shared_url}#sha256={SHARED_SHA}\n"})
    assert refused(cli(".", "--online", cwd=root)) == (
        f"tcop-lint: .tcop-lint.yml:1: extends: {shared_url}: not fetched: "
        f"{urlsplit(shared_url).hostname} is a "
        "private or local address, not fetched for repository content (pass "
        "--allow-private-hosts to allow it)\n"
    )


def test_a_url_with_another_hash_is_refused(make_repo, shared_url):
    wrong = "ab" * 32
    root = make_repo(
        {".tcop-lint.yml": f"extends:\n  - url: {shared_url}\n    sha256: {wrong}\n"}
    )
    done = cli(".", "--online", "--allow-private-hosts", cwd=root)
    assert refused(done) == (
        f"tcop-lint: .tcop-lint.yml:2: extends: {shared_url}: its SHA-256 is {SHARED_SHA}, "
        f"not the {wrong} the config pins; check the file and update the hash if the "
        "change is expected\n"
    )


def test_a_url_with_its_hash_is_fetched_once_and_cached(
    make_repo, shared_url, httpserver
):
    root = make_repo(
        {
            ".tcop-lint.yml": f"extends: {shared_url}#sha256={SHARED_SHA}\n",
            "README.md": "x",
        }
    )
    args = (".", "--online", "--allow-private-hosts", "--select", "DEPT", "-q")
    first = cli(*args, cwd=root)
    assert (first.returncode, first.stderr) == (1, "")
    assert "DEPT0101 error: from the URL" in first.stdout
    cached = Path(os.environ["TCOP_LINT_CACHE_DIR"], "extends", f"{SHARED_SHA}.txt")
    assert cached.read_text() == SHARED
    second = cli(*args, cwd=root)
    assert (second.returncode, second.stdout) == (1, first.stdout)
    assert len(httpserver.log) == 1


def test_an_inherited_exemption_that_expired_points_at_its_own_file(make_repo):
    base = (
        "profile: uk\n"
        "exemptions:\n"
        "  - rule: TC0301\n"
        "    reason: legacy\n"
        "    expires: 2020-01-01\n"
    )
    root = make_repo(
        {"base.yml": base, ".tcop-lint.yml": "extends: base.yml\n", "README.md": "x"}
    )
    config = config_module.load(root)
    rules = engine.load_rules(config, allow_local_plugins=False)
    report = engine.run(root, config, rules, selection=engine.Selection(("TC0301",)))
    expired = [f for f in report.results[0].findings if f.id == "expired-exemption"]
    assert [(f.path, f.start_line, f.level) for f in expired] == [
        ("base.yml", 3, "error")
    ]


def test_two_files_giving_one_name_to_two_codes_is_refused(make_repo):
    root = make_repo(
        {
            "base.yml": catalog(code="DEPT0101"),
            ".tcop-lint.yml": "extends: base.yml\n" + catalog(code="DEPT0102"),
        }
    )
    assert refused(cli(".", cwd=root)) == (
        "tcop-lint: .tcop-lint.yml:4: policy DEPT0102: the name catalog-info is taken by "
        "the rule DEPT0101 catalog-info; choose another\n"
    )
