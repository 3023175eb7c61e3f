"""TC0304 source-published: the source is on a public code host, confirmed with --online."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from tcop_lint.facts.code_host import (
    GitHubSettings,
    Remote,
    Visibility,
    github_settings,
    is_public_host,
    on_github,
    remotes,
    visibility,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Option, Options, rule


@rule(
    code="TC0304",
    name="source-published",
    topic="open-source",
    level="warning",
    summary="The source is published on a public code host (confirmed through the host's "
    "API with --online).",
    rationale="""
Point 3 of the Code (be open and use open source) asks teams to make all new source code open
and reusable and to publish it, unless there is a good reason not to. The evidence in a clone
is a git remote on a public code host (GitHub, GitLab.com, Bitbucket, Codeberg, Azure DevOps,
or the GitHub Enterprise Server named by `GITHUB_SERVER_URL`). A remote only shows where the
code lives, not that it is public: with `--online` the GitHub REST API is asked whether the
repository is public (`GITHUB_API_URL` honoured; `GITHUB_TOKEN` sent when set, to that API's
host only and never on a redirect to another host, and never shown). Code kept closed for a
reason (security, an unannounced policy) should say so with an attestation.
""",
    remediation="""
Publish the repository on a public code host and add it as a remote:

```sh
git remote add origin https://github.com/ORGANISATION/REPOSITORY.git
git push -u origin main
```

If the repository is private on GitHub, make it public in Settings > General > Danger Zone >
Change repository visibility, once it has been checked for secrets. If it must stay closed,
record why as an attestation for `open-source` in `.tcop-lint.yml`.
""",
    options={
        "timeout-seconds": Option(
            "number", 5, "how long to wait for the code host's API, with --online"
        )
    },
    attestable=True,
)
def source_published(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    if not repo.is_git:
        raise NotApplicable(
            "not a git repository, so there is no remote to show where the code is "
            "published"
        )
    found = remotes(repo)
    settings = github_settings()
    public = [r for r in found if is_public_host(r, settings)]
    if not public:
        yield _no_public_remote(found)
        return
    for remote in public:
        if options.online and on_github(remote, settings):
            yield from _confirm_on_github(remote, settings, options)
        else:
            yield _remote_evidence(remote)


def _no_public_remote(found: list[Remote]) -> Finding:
    if found:
        shown = ", ".join(f"{r.name} ({r.url})" for r in found)
        return Finding(
            f"no git remote is on a public code host (remotes: {shown}): publish "
            "the repository on a public host such as GitHub and add it as a remote",
            id="no-public-remote",
            key="not-public-host",
            missing=True,
        )
    return Finding(
        "no git remote on a public code host: publish the repository (e.g. on "
        "GitHub) and add it with git remote add origin "
        "https://github.com/ORGANISATION/REPOSITORY.git",
        id="no-remote",
        missing=True,
    )


def _remote_evidence(remote: Remote) -> Evidence:
    return Evidence(remote.url, f"{remote.name} remote on {remote.host}")


def _confirm_on_github(
    remote: Remote, settings: GitHubSettings, options: Options
) -> Iterator[Finding | Evidence]:
    """Ask the GitHub REST API whether the remote's repository is public."""
    owner_repo = remote.owner_repo
    if owner_repo is None:
        yield _remote_evidence(remote)
        return
    owner, name = owner_repo
    where = f"{owner}/{name}"
    timeout = float(options["timeout-seconds"])
    answer = visibility(owner, name, remote.host, settings, timeout)
    if answer.state == "public":
        yield Evidence(remote.url, "public on GitHub (confirmed by API)")
    elif answer.state == "private":
        yield Finding(
            f"{where} is a private repository on GitHub: make it public (Settings > "
            "General > Danger Zone > Change repository visibility) once it has been "
            "checked for secrets",
            id="private-repository",
            key=f"private:{where}",
            missing=True,
        )
    elif answer.state == "not-found":
        yield Finding(
            f"{where} was not found on GitHub, so it is private or does not exist (the "
            "API shows private repositories only to a token that can read them): make "
            "it public and check the remote URL",
            id="private-repository",
            key=f"private:{where}",
            missing=True,
        )
    else:
        yield _remote_evidence(remote)
        yield _unconfirmed(where, answer, timeout)


def _unconfirmed(where: str, answer: Visibility, timeout: float) -> Finding:
    """A note saying why the API could not confirm that ``where`` is public."""
    unconfirmed = f"could not confirm with the GitHub API that {where} is public"
    key = f"{answer.problem}:{where}"
    if answer.problem == "timeout":
        message = f"{unconfirmed} (no answer within {timeout:g} s): run again later"
    elif answer.problem == "unreachable":
        message = (
            f"{unconfirmed} ({answer.detail}): check the network or GITHUB_API_URL, or "
            "run without --online"
        )
    elif answer.problem == "invalid-answer":
        message = f"{unconfirmed} (the API answered with invalid JSON)"
    elif answer.problem == "rate-limited":
        when = "the reset time"
        if answer.reset is not None:
            when = dt.datetime.fromtimestamp(answer.reset, tz=dt.UTC).strftime(
                "%Y-%m-%d %H:%M UTC"
            )
        message = (
            f"{unconfirmed}: rate-limited by the API until {when}; set GITHUB_TOKEN "
            "for a higher limit or run again then"
        )
        key = "rate-limited"
    elif answer.problem == "refused":
        message = (
            f"{unconfirmed} (HTTP {answer.status}: the token was refused or lacks "
            "access): check GITHUB_TOKEN, or run without it for public repositories"
        )
    else:
        message = f"{unconfirmed} (HTTP {answer.status}): run again later"
    return Finding(message, level="note", id="unconfirmed", key=key, missing=True)
