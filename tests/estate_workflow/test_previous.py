"""The ``previous`` step: the newest earlier estate artifact of the calling repository,
downloaded through the API (the redirect to storage without the token); never fatal."""

from __future__ import annotations

import io
import json
import zipfile

from werkzeug import Request, Response

from .conftest import TOKEN, api_env, other_host, run_step
from .test_listing import read_outputs

ARTIFACTS = "/repos/acme/dashboard/actions/artifacts"
ESTATE = b'{"schema_version": 1, "repositories": []}\n'


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def artifact(
    number: int,
    run: int,
    created: str,
    *,
    name="tcop-lint-estate",
    expired=False,
    server=None,
):
    return {
        "id": number,
        "name": name,
        "expired": expired,
        "created_at": created,
        "archive_download_url": server.url_for(f"{ARTIFACTS}/{number}/zip"),
        "workflow_run": {"id": run},
    }


def serve_artifacts(httpserver, pages: list[list[dict]]) -> list[Request]:
    seen: list[Request] = []

    def answer(request: Request) -> Response:
        seen.append(request)
        page = int(request.args.get("page", "1"))
        headers = {}
        if page < len(pages):
            headers["Link"] = (
                f'<{httpserver.url_for(ARTIFACTS)}?name=tcop-lint-estate&page={page + 1}>; rel="next"'
            )
        body = {"total_count": sum(map(len, pages)), "artifacts": pages[page - 1]}
        return Response(
            json.dumps(body), headers=headers, content_type="application/json"
        )

    httpserver.expect_request(ARTIFACTS).respond_with_handler(answer)
    return seen


def run_previous(httpserver, tmp_path):
    output = tmp_path / "output"
    env = api_env(httpserver, GITHUB_RUN_ID="500", GITHUB_OUTPUT=str(output))
    args = [
        "previous",
        "--repository",
        "acme/dashboard",
        "--artifact",
        "tcop-lint-estate",
    ]
    result = run_step([*args, "--output", "previous/estate.json"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    return result, read_outputs(output)


def test_the_newest_earlier_artifact_gives_the_previous_estate(httpserver, tmp_path):
    s = httpserver
    seen = serve_artifacts(
        s,
        [
            [
                artifact(1, 100, "2026-11-01T00:00:00Z", server=s),
                artifact(9, 500, "2026-12-04T00:00:00Z", server=s),  # this run's own
                artifact(8, 400, "2026-12-03T00:00:00Z", server=s, expired=True),
            ],
            [
                artifact(7, 300, "2026-12-02T00:00:00Z", server=s),
                artifact(
                    6,
                    350,
                    "2026-12-05T00:00:00Z",
                    server=s,
                    name="tcop-lint-estate-listing",
                ),
            ],
        ],
    )
    storage = other_host(s.url_for("/storage/7.zip"))
    s.expect_request(f"{ARTIFACTS}/7/zip").respond_with_response(
        Response("", status=302, headers={"Location": storage})
    )
    s.expect_request("/storage/7.zip").respond_with_data(
        zipped({"estate.json": ESTATE, "index.html": b"<html>"})
    )
    result, outputs = run_previous(s, tmp_path)
    assert (
        result.stdout
        == "tcop-lint estate: previous estate from run 300 (2026-12-02T00:00:00Z)\n"
    )
    assert outputs == {"found": "true"}
    assert (tmp_path / "previous" / "estate.json").read_bytes() == ESTATE
    assert seen[0].args["name"] == "tcop-lint-estate"
    by_path = {
        request.path: request.headers.get("Authorization") for request, _ in s.log
    }
    assert by_path == {
        ARTIFACTS: f"Bearer {TOKEN}",
        f"{ARTIFACTS}/7/zip": f"Bearer {TOKEN}",
        "/storage/7.zip": None,
    }


def test_no_earlier_artifact_means_no_previous_estate(httpserver, tmp_path):
    serve_artifacts(
        httpserver, [[artifact(9, 500, "2026-12-04T00:00:00Z", server=httpserver)]]
    )
    result, outputs = run_previous(httpserver, tmp_path)
    assert result.stdout == (
        "tcop-lint estate: no earlier 'tcop-lint-estate' artifact in acme/dashboard: no previous estate\n"
    )
    assert outputs == {"found": "false"}
    assert not (tmp_path / "previous").exists()


def test_an_unusable_artifact_is_a_note_not_a_failure(httpserver, tmp_path):
    serve_artifacts(
        httpserver, [[artifact(2, 200, "2026-12-01T00:00:00Z", server=httpserver)]]
    )
    httpserver.expect_request(f"{ARTIFACTS}/2/zip").respond_with_data(
        zipped({"other.json": b"{}"})
    )
    result, outputs = run_previous(httpserver, tmp_path)
    assert (
        result.stdout
        == "tcop-lint estate: previous estate not used: the artifact holds no estate.json\n"
    )
    assert outputs == {"found": "false"}


def test_a_token_without_actions_read_is_a_note_not_a_failure(httpserver, tmp_path):
    httpserver.expect_request(ARTIFACTS).respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403
    )
    result, outputs = run_previous(httpserver, tmp_path)
    assert result.stdout == (
        "tcop-lint estate: previous estate not used: /repos/acme/dashboard/actions/artifacts: "
        "HTTP 403: Resource not accessible by integration (the token lacks access)\n"
    )
    assert outputs == {"found": "false"}
