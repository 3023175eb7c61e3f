"""The reusable workflow itself: its jobs run as scripts against a local GitHub API and git
host (see ``runner.py``), and its shape checked where the runner cannot be: pinned actions,
least permissions, no expression in a script, zizmor."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from werkzeug import Response

from .conftest import TOKEN, api_repo, bare_repository
from .runner import BIN, WORKFLOW, WORKFLOW_FILE, Runner

README = "# Service\n\nWhat it does.\n"
ARTIFACTS = "/repos/acme/dashboard/actions/artifacts"


def run_workflow(root: Path, httpserver, inputs: dict, lose_shard: int | None = None):
    """list, then check for each shard (but ``lose_shard``), then merge, as GitHub orders them."""
    env = {
        "GITHUB_API_URL": httpserver.url_for("/").rstrip("/"),
        "GITHUB_SERVER_URL": (root.parent / "server").as_uri(),
        "GITHUB_REPOSITORY": "acme/dashboard",
        "GITHUB_RUN_ID": "77",
    }
    runner = Runner(root, inputs, {"token": TOKEN}, env)
    listed = runner.run_job("list", {})
    assert listed.result == "success", [(s.name, s.stderr) for s in listed.steps]
    needs = {"list": {"result": "success", "outputs": listed.outputs}}
    checks = []
    if runner.job_if("check", needs):
        for matrix in runner.matrix("check", needs):
            if matrix["shard"] != lose_shard:
                checks.append(runner.run_job("check", needs, matrix))
    assert all(job.result == "success" for job in checks), [
        s.stderr for j in checks for s in j.steps
    ]
    needs["check"] = {"result": "failure" if lose_shard is not None else "success"}
    merged = runner.run_job("merge", needs) if runner.job_if("merge", needs) else None
    return runner, listed, checks, merged


@pytest.fixture
def organisation(fake_org, tmp_path):
    server = tmp_path / "server"
    for name in ("api", "web", ".github"):
        bare_repository(server, f"acme/{name}", {"README.md": README})
    return fake_org(
        [
            api_repo("api", size=500),
            api_repo("web", size=100),
            api_repo(".github", size=1),
            api_repo("gone", size=50),  # listed, but its clone fails
            api_repo("attic", archived=True),
        ],
        per_page=2,
    )


def serve_no_earlier_estate(httpserver) -> None:
    httpserver.expect_request(ARTIFACTS).respond_with_json(
        {"total_count": 0, "artifacts": []}
    )


def test_the_workflow_lists_checks_and_merges_an_organisation(
    organisation, httpserver, tmp_path
):
    serve_no_earlier_estate(httpserver)
    runner, listed, checks, merged = run_workflow(
        tmp_path / "run",
        httpserver,
        {"organisation": "acme", "repositories-per-shard": 2, "pages": True},
    )
    assert listed.outputs == {"shards": "[0, 1]", "repositories": "4"}
    assert listed.summary == (
        "tcop-lint estate: 4 repositories of acme to check (1 archived left out), in 2 shards\n"
    )
    assert organisation.authorizations == [f"Bearer {TOKEN}"] * 3  # three pages of two
    assert (
        [job.steps[-2].stdout.splitlines()[-1] for job in checks]
        == [
            "tcop-lint estate: shard 0: 2 repositories, 1 recorded as failed",  # api, gone
            "tcop-lint estate: shard 1: 2 repositories, 0 recorded as failed",  # web, .github
        ]
    )
    assert merged is not None and merged.result == "success"
    merge_step = next(s for s in merged.steps if s.name.startswith("Merge"))
    assert merge_step.stdout == (
        "::warning title=tcop-lint estate::Some repositories could not be checked: "
        "see estate.csv or the dashboard for the reasons\n"
    )
    estate = json.loads(
        (runner.artifacts / "tcop-lint-estate" / "estate.json").read_text()
    )
    statuses = {Path(e["location"]).name: e["status"] for e in estate["repositories"]}
    assert statuses == {
        "api": "checked",
        "web": "checked",
        ".github": "checked",
        "gone": "error",
    }
    gone = next(e for e in estate["repositories"] if e["name"] == "acme/gone")
    assert gone["reason"].startswith("clone: git clone failed: fatal: ")
    assert sorted(p.name for p in (runner.artifacts / "tcop-lint-estate").iterdir()) == [
        "estate.csv", "estate.json", "index.html",
    ]  # fmt: skip
    assert runner.pages == [merged.workspace / "estate"]
    assert any(
        "no earlier 'tcop-lint-estate' artifact" in s.stdout for s in merged.steps
    )


def test_a_lost_shard_is_recorded_and_the_others_merged(
    organisation, httpserver, tmp_path
):
    serve_no_earlier_estate(httpserver)
    runner, _, checks, merged = run_workflow(
        tmp_path / "run",
        httpserver,
        {"organisation": "acme", "repositories-per-shard": 2},
        lose_shard=1,
    )
    assert len(checks) == 1 and merged is not None and merged.result == "success"
    fill = next(s for s in merged.steps if s.name.startswith("Record"))
    assert (
        fill.stdout == "tcop-lint estate: 2 repositories had no report: web, .github\n"
    )
    estate = json.loads(
        (runner.artifacts / "tcop-lint-estate" / "estate.json").read_text()
    )
    reasons = {
        e["name"]: e["reason"] for e in estate["repositories"] if e["status"] == "error"
    }
    lost = "shard: shard 1's job did not report this repository (cancelled, timed out or failed: see that job's log)"
    assert reasons["acme/web"] == lost and reasons["acme/.github"] == lost
    assert runner.pages == []  # pages not asked for


def test_the_next_run_compares_with_the_previous_estate(
    organisation, httpserver, tmp_path
):
    serve_no_earlier_estate(httpserver)
    first, *_ = run_workflow(tmp_path / "first", httpserver, {"organisation": "acme"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in (first.artifacts / "tcop-lint-estate").iterdir():
            archive.write(file, file.name)
    httpserver.clear_all_handlers()
    organisation.server.expect_request(organisation.path).respond_with_handler(
        organisation.handle
    )
    zip_url = httpserver.url_for(f"{ARTIFACTS}/5/zip")
    httpserver.expect_request(ARTIFACTS).respond_with_json(
        {"artifacts": [{"name": "tcop-lint-estate", "expired": False, "created_at": "2026-12-01T00:00:00Z",
                        "archive_download_url": zip_url, "workflow_run": {"id": 70}}]}
    )  # fmt: skip
    httpserver.expect_request(f"{ARTIFACTS}/5/zip").respond_with_response(
        Response(buffer.getvalue())
    )
    second, _, _, merged = run_workflow(
        tmp_path / "second", httpserver, {"organisation": "acme"}
    )
    previous = next(s for s in merged.steps if s.name.startswith("Fetch the previous"))
    assert previous.outputs == {"found": "true"}
    assert (
        previous.stdout
        == "tcop-lint estate: previous estate from run 70 (2026-12-01T00:00:00Z)\n"
    )
    estate = json.loads(
        (second.artifacts / "tcop-lint-estate" / "estate.json").read_text()
    )
    assert estate["changes"] is not None


def test_an_organisation_with_nothing_to_check_runs_no_shard(
    fake_org, httpserver, tmp_path
):
    fake_org([api_repo("attic", archived=True)])
    _, listed, checks, merged = run_workflow(
        tmp_path / "run", httpserver, {"organisation": "acme"}
    )
    assert listed.outputs == {"shards": "[]", "repositories": "0"}
    assert checks == [] and merged is None


# -- what the runner cannot show -----------------------------------------------------------


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    lines = [
        line.strip()
        for line in WORKFLOW_FILE.read_text().splitlines()
        if re.match(r"\s*(- )?uses:", line)
    ]
    assert lines
    for line in lines:
        assert re.fullmatch(
            r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line
        ), line


def test_least_permissions_and_no_expression_in_a_script():
    assert WORKFLOW["permissions"] == {}
    granted = {job_id: job["permissions"] for job_id, job in WORKFLOW["jobs"].items()}
    assert granted == {
        "list": {"contents": "read"},
        "check": {"contents": "read"},
        "merge": {"contents": "read", "actions": "read"},
    }
    for job in WORKFLOW["jobs"].values():
        assert job["timeout-minutes"] <= 120
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"] == {
                    "repository": "${{ job.workflow_repository }}",
                    "ref": "${{ job.workflow_sha }}",
                    "path": "tcop-lint-source",
                    "persist-credentials": False,
                }
    secrets = [
        (job_id, step.get("name"))
        for job_id, job in WORKFLOW["jobs"].items()
        for step in job["steps"]
        if "secrets." in json.dumps(step)
    ]
    assert secrets == [
        ("list", "List, select and shard the repositories"),
        ("check", "Clone and check each repository of the shard"),
    ]


def test_the_matrix_stays_within_githubs_limits():
    strategy = WORKFLOW["jobs"]["check"]["strategy"]
    assert strategy["fail-fast"] is False
    assert strategy["max-parallel"] == "${{ inputs.max-parallel }}"
    assert strategy["matrix"] == {"shard": "${{ fromJSON(needs.list.outputs.shards) }}"}


def test_zizmor_finds_nothing_in_the_estate_workflow():
    zizmor = shutil.which("zizmor", path=BIN) or shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency (pip install -e '.[test]')"
    result = subprocess.run(
        [zizmor, "--offline", "--strict-collection", "--persona", "pedantic", "--no-progress", str(WORKFLOW_FILE)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def _readme_caller() -> tuple[str, dict]:
    readme = (WORKFLOW_FILE.parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[
        readme.index("### Run it over an organisation with GitHub Actions") :
    ]
    section = section[: section.index("\n## ")]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block, "the README shows a caller workflow"
    return section, yaml.safe_load(block.group(1))


def test_the_readme_caller_matches_the_workflow(tmp_path):
    """The README's caller gives only inputs and secrets the workflow has, grants what its
    jobs ask for, names every input, and passes zizmor itself."""
    section, caller = _readme_caller()
    call = WORKFLOW[True]["workflow_call"]
    estate = caller["jobs"]["estate"]
    assert estate["uses"].startswith(
        "tcop-lint/tcop-lint/.github/workflows/estate.yml@"
    )
    assert set(estate["with"]) <= set(call["inputs"])
    assert set(estate["secrets"]) == set(call["secrets"])
    asked = {
        k: v for job in WORKFLOW["jobs"].values() for k, v in job["permissions"].items()
    }
    assert estate["permissions"] == asked
    for name in call["inputs"]:
        assert f"`{name}`" in section, name
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "caller.yml").write_text(
        re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1), encoding="utf-8"
    )
    zizmor = shutil.which("zizmor", path=BIN) or shutil.which("zizmor")
    result = subprocess.run(
        [zizmor, "--offline", "--persona", "pedantic", "--no-progress", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
