"""The steps of the estate workflow (``.github/workflows/estate.yml``), as commands:
``python -m tcop_lint.estate.github_cli list|check-shard|fill-missing|previous``.

The token is read from ``GITHUB_TOKEN``, the API from ``GITHUB_API_URL`` and the git host
from ``GITHUB_SERVER_URL`` (all set by the runner on GitHub Enterprise Server too). A problem
is one line on stderr and exit code 2; a repository that fails is recorded, not fatal.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from tcop_lint.estate import github_org
from tcop_lint.estate.github_org import MATRIX_LIMIT, VISIBILITIES

DEFAULT_SERVER_URL = "https://github.com"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Run tcop-lint over a GitHub organisation (the steps of the estate workflow)."""


def _fail(message: str) -> NoReturn:
    click.echo(f"tcop-lint: {message}", err=True)
    sys.exit(2)


def _words(values: tuple[str, ...]) -> tuple[str, ...]:
    """Options given once or many times, each value split on commas and white space."""
    return tuple(w for v in values for w in v.replace(",", " ").split())


def _write_json(path: Path, data: Any) -> None:
    from tcop_lint.report import write_atomically

    try:
        write_atomically(path, json.dumps(data, indent=2) + "\n")
    except OSError as exc:
        _fail(f"{path}: cannot write: {exc.strerror or exc}")


def _publish(outputs: dict[str, str], summary: str) -> None:
    """Set step outputs and add a line to the job summary, when GitHub Actions runs us."""
    if target := os.environ.get("GITHUB_OUTPUT"):
        github_org.write_github_output(Path(target), outputs)
    if target := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary + "\n")


def _listing(path: str) -> github_org.Listing:
    try:
        return github_org.read_listing(Path(path))
    except github_org.ListingError as exc:
        _fail(str(exc))


@main.command("list")
@click.argument("organisation")
@click.option(
    "--output", type=click.Path(), required=True, help="The listing file to write."
)
@click.option(
    "--name", "names", multiple=True, help="Name globs; a leading ! leaves out."
)
@click.option(
    "--topic", "topics", multiple=True, help="Topics every repository must have."
)
@click.option(
    "--include-archived", is_flag=True, help="Check archived repositories too."
)
@click.option("--include-forks", is_flag=True, help="Check forks too.")
@click.option("--visibility", multiple=True, help="all, public, private, internal.")
@click.option("--repositories-per-shard", type=click.IntRange(min=1), default=20)
@click.option(
    "--max-shards", type=click.IntRange(1, MATRIX_LIMIT), default=MATRIX_LIMIT
)
def list_command(
    organisation: str,
    output: str,
    names: tuple[str, ...],
    topics: tuple[str, ...],
    include_archived: bool,
    include_forks: bool,
    visibility: tuple[str, ...],
    repositories_per_shard: int,
    max_shards: int,
) -> None:
    """List ORGANISATION's repositories, select and shard them, write the listing file.

    Under GitHub Actions, also sets the outputs ``shards`` (a JSON list of shard numbers,
    for a matrix) and ``repositories`` (how many were selected)."""
    from tcop_lint.estate.github_api import GitHubClient, GitHubError

    wanted = _words(visibility) or ("all",)
    unknown = sorted(set(wanted) - {"all", *VISIBILITIES})
    if unknown:
        _fail(
            f"unknown visibility {unknown[0]!r} (choose from all, {', '.join(VISIBILITIES)})"
        )
    selection = github_org.Selection(
        names=_words(names),
        topics=tuple(t.lower() for t in _words(topics)),
        archived=include_archived,
        forks=include_forks,
        visibility=VISIBILITIES if "all" in wanted else wanted,
    )
    try:
        repos = github_org.list_repositories(
            GitHubClient.from_environment(), organisation
        )
    except GitHubError as exc:
        _fail(str(exc))
    listing = github_org.build_listing(
        organisation, repos, selection, repositories_per_shard, max_shards
    )
    _write_json(Path(output), listing)
    count, shards = len(listing["repositories"]), len(listing["shards"])
    summary = github_org.summary_line(organisation, count, listing["left_out"], shards)
    click.echo(summary)
    _publish(
        {"shards": json.dumps(list(range(shards))), "repositories": str(count)}, summary
    )


@main.command("check-shard")
@click.argument("listing")
@click.option("--shard", "index", type=click.IntRange(min=0), required=True)
@click.option(
    "--workdir", type=click.Path(), required=True, help="Where clones are made."
)
@click.option("--reports", type=click.Path(), required=True, help="Where results go.")
@click.option(
    "--profile", default="", help="Edition of the Code (default: each repo's)."
)
def check_shard_command(
    listing: str, index: int, workdir: str, reports: str, profile: str
) -> None:
    """Clone the repositories of shard SHARD of LISTING and check them: REPORTS gets
    shard-SHARD/estate.json and a NAME.failure.json for each one that failed."""
    from tcop_lint.estate.github_shard import check_shard

    read = _listing(listing)
    if index >= len(read.shards):
        _fail(f"{listing}: no shard {index} (it has {len(read.shards)})")
    if profile not in ("", "uk", "bc"):
        _fail(f"unknown profile {profile!r} (choose from uk, bc)")
    server_url = os.environ.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL
    failures = check_shard(
        read,
        index,
        Path(workdir),
        Path(reports),
        profile or None,
        server_url,
        os.environ.get("GITHUB_TOKEN") or None,
    )
    for failure in failures:
        click.echo(f"{failure.repository}: {failure.stage} failed: {failure.problem}")
    count = len(read.shards[index])
    summary = (
        f"tcop-lint estate: shard {index}: {count} "
        f"{'repository' if count == 1 else 'repositories'}, "
        f"{len(failures)} recorded as failed"
    )
    click.echo(summary)
    _publish({}, summary)


@main.command("fill-missing")
@click.argument("listing")
@click.option("--reports", type=click.Path(), required=True)
def fill_missing_command(listing: str, reports: str) -> None:
    """Record every repository of LISTING that no shard reported in REPORTS as a failure."""
    from tcop_lint.estate.github_shard import fill_missing

    Path(reports).mkdir(parents=True, exist_ok=True)
    missing = fill_missing(_listing(listing), Path(reports))
    if missing:
        noun = "repository" if len(missing) == 1 else "repositories"
        click.echo(
            f"tcop-lint estate: {len(missing)} {noun} had no report: "
            + ", ".join(missing[:20])
            + (", ..." if len(missing) > 20 else "")
        )


@main.command("previous")
@click.option(
    "--repository", required=True, help="OWNER/REPO whose artifacts to search."
)
@click.option("--artifact", required=True, help="The artifact's name.")
@click.option(
    "--output", type=click.Path(), required=True, help="Where estate.json goes."
)
def previous_command(repository: str, artifact: str, output: str) -> None:
    """Fetch the previous run's estate.json, if there is one (never fails the run).

    Sets the output ``found`` to true or false under GitHub Actions."""
    from tcop_lint.estate.github_api import GitHubClient
    from tcop_lint.estate.github_previous import previous_estate
    from tcop_lint.report import write_atomically

    client = GitHubClient.from_environment()
    content, note = previous_estate(
        client, repository, artifact, os.environ.get("GITHUB_RUN_ID")
    )
    click.echo(f"tcop-lint estate: {note}")
    if content is not None:
        try:
            write_atomically(Path(output), content.decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"tcop-lint estate: previous estate not used: {exc}")
            content = None
    _publish(
        {"found": "true" if content is not None else "false"},
        f"tcop-lint estate: {note}",
    )


if __name__ == "__main__":
    main()
