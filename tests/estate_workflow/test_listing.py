"""The ``list`` step: an organisation's repositories from the API, selected, sharded, and
the matrix handed to GitHub Actions through $GITHUB_OUTPUT."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tcop_lint.estate.github_org import (
    MATRIX_LIMIT,
    Repository,
    Selection,
    build_listing,
    shard,
)

from .conftest import TOKEN, api_env, api_repo, run_step


def repo(name: str, size_kb: int = 10, **fields) -> Repository:
    return Repository.from_api(api_repo(name, size=size_kb, **fields))


def read_outputs(path: Path) -> dict[str, str]:
    """Parse a $GITHUB_OUTPUT file the way the runner does (name<<delimiter blocks)."""
    outputs, lines = {}, path.read_text(encoding="utf-8").split("\n")
    while lines and lines[0]:
        match = re.fullmatch(r"([\w-]+)<<(\S+)", lines.pop(0))
        assert match, "every output is a delimited block"
        name, delimiter = match.groups()
        end = lines.index(delimiter)
        outputs[name] = "\n".join(lines[:end])
        del lines[: end + 1]
    return outputs


def test_the_list_step_reads_every_page_and_sets_the_matrix(
    fake_org, httpserver, tmp_path
):
    repos = [api_repo(f"svc-{i:03}", size=i) for i in range(230)]
    repos += [
        api_repo("old", archived=True),
        api_repo("theirs", fork=True),
        api_repo("secret", private=True, visibility="private"),
    ]
    org = fake_org(repos, per_page=100)
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = api_env(
        httpserver, GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary)
    )
    result = run_step(
        [
            "list",
            "acme",
            "--output",
            "listing/listing.json",
            "--repositories-per-shard",
            "25",
        ],
        env,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    line = "tcop-lint estate: 231 repositories of acme to check (1 archived, 1 fork left out), in 10 shards"
    assert result.stdout == line + "\n"
    assert summary.read_text() == line + "\n"
    assert read_outputs(output) == {
        "shards": json.dumps(list(range(10))),
        "repositories": "231",
    }
    assert [q.get("page") for q in org.queries] == [None, "2", "3"]
    assert org.queries[0] == {"type": "all", "per_page": "100", "sort": "full_name"}
    assert org.authorizations == [f"Bearer {TOKEN}"] * 3
    listing = json.loads((tmp_path / "listing" / "listing.json").read_text())
    assert listing["organisation"] == "acme"
    assert listing["left_out"] == {"archived": 1, "fork": 1}
    assert sorted(n for s in listing["shards"] for n in s) == sorted(
        r["name"] for r in listing["repositories"]
    )
    assert sorted(len(s) for s in listing["shards"]) == [23] * 9 + [24]
    assert listing["repositories"][0] == {
        "name": "secret",
        "full_name": "acme/secret",
        "default_branch": "main",
        "archived": False,
        "fork": False,
        "visibility": "private",
        "topics": [],
        "size_kb": 10,
    }
    assert TOKEN not in result.stdout + result.stderr + output.read_text()


def test_filters_by_name_topic_visibility_archived_and_forks(
    fake_org, httpserver, tmp_path
):
    fake_org(
        [
            api_repo("api-orders", topics=["tcop", "python"]),
            api_repo("api-legacy", topics=["tcop"]),
            api_repo("API-Users", topics=["tcop"], visibility="internal", private=True),
            api_repo("web", topics=["tcop"]),
            api_repo("api-old", topics=["tcop"], archived=True),
            api_repo("api-fork", topics=["tcop"], fork=True),
            api_repo("api-untagged"),
        ]
    )
    result = run_step(
        [
            "list", "acme", "--output", "l.json",
            "--name", "api-* !api-legacy", "--topic", "TCOP",
            "--visibility", "public internal", "--include-archived", "--include-forks",
        ],
        api_env(httpserver),
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    listing = json.loads((tmp_path / "l.json").read_text())
    assert [r["name"] for r in listing["repositories"]] == [
        "api-fork", "api-old", "api-orders", "API-Users",
    ]  # fmt: skip
    assert listing["left_out"] == {"name": 2, "topic": 1}


def test_an_empty_selection_gives_an_empty_matrix(fake_org, httpserver, tmp_path):
    fake_org([api_repo("old", archived=True)])
    output = tmp_path / "output"
    result = run_step(
        ["list", "acme", "--output", "l.json"],
        api_env(httpserver, GITHUB_OUTPUT=str(output)),
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert read_outputs(output) == {"shards": "[]", "repositories": "0"}


@pytest.mark.parametrize(
    ("args", "answer", "message"),
    [
        (["list", "acme", "--output", "l.json", "--visibility", "secret"], None,
         "tcop-lint: unknown visibility 'secret' (choose from all, public, private, internal)"),
        (["list", "nobody", "--output", "l.json"], None,
         "tcop-lint: /orgs/nobody/repos: HTTP 404: Not Found (it does not exist, or the token cannot see it)"),
        (["list", "acme", "--output", "l.json"], [{"name": "../escape", "full_name": "acme/../escape"}],
         "tcop-lint: the repository list of acme is not as expected: unexpected repository name '../escape'"),
    ],
)  # fmt: skip
def test_problems_are_one_line_and_exit_2(httpserver, tmp_path, args, answer, message):
    if answer is not None:
        httpserver.expect_request("/orgs/acme/repos").respond_with_json(answer)
    else:
        httpserver.expect_request("/orgs/nobody/repos").respond_with_json(
            {"message": "Not Found"}, status=404
        )
    result = run_step(args, api_env(httpserver), tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")
    assert not (tmp_path / "l.json").exists()


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            {"name": "../up", "full_name": "acme/../up"},
            "unexpected repository name '../up'",
        ),
        ({"name": "..", "full_name": "acme/.."}, "unexpected repository name '..'"),
        (
            {"name": "app", "full_name": "acme/other"},
            "unexpected full name 'acme/other' of app",
        ),
        (
            {"name": "app", "full_name": "ac/me/app"},
            "unexpected full name 'ac/me/app' of app",
        ),
    ],
)
def test_a_name_that_could_leave_its_folder_or_url_is_refused(item, message):
    with pytest.raises(ValueError) as caught:
        Repository.from_api(item)
    assert str(caught.value) == message


def test_shards_never_exceed_the_matrix_limit():
    repos = [repo(f"r{i:05}") for i in range(5000)]
    shards = shard(repos, per_shard=10, max_shards=MATRIX_LIMIT)
    assert len(shards) == 250  # 20 a shard: 5,000 / 256 rounded up
    assert {len(s) for s in shards} == {20}
    assert len(shard(repos[:257], per_shard=1, max_shards=999)) == 129  # 2 a shard
    assert shard(repos[:3], per_shard=25, max_shards=256) == [
        ["r00000", "r00001", "r00002"]
    ]
    assert shard([], per_shard=25, max_shards=256) == []


def test_the_largest_repositories_are_dealt_out_first():
    repos = [repo("huge", 9_000_000), repo("big", 5_000_000)] + [
        repo(f"s{i}", 1) for i in range(6)
    ]
    assert shard(repos, per_shard=4, max_shards=256) == [
        ["huge", "s0", "s2", "s4"],
        ["big", "s1", "s3", "s5"],
    ]


def test_build_listing_counts_what_it_leaves_out():
    listing = build_listing(
        "acme",
        [repo("a"), repo("b", archived=True), repo("c", fork=True, archived=True)],
        Selection(),
        per_shard=5,
        max_shards=256,
    )
    assert listing["left_out"] == {"archived": 2}
    assert listing["shards"] == [["a"]]
