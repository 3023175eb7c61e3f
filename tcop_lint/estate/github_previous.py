"""The previous run's ``estate.json``, from the newest artifact the estate workflow uploaded.

Optional by design: no earlier artifact, an expired one, or one that cannot be read leaves
the merge without a previous estate (no trend), never fails the run. Only the member named
``estate.json`` is read from the zip, with a size limit, and written where asked: no path
from the archive is used.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from tcop_lint.estate.github_api import GitHubClient, GitHubError

MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
MAX_ESTATE_BYTES = 1024 * 1024 * 1024  # about 30 KB a repository
ESTATE_FILE = "estate.json"


def newest_artifact(
    client: GitHubClient, repository: str, name: str, this_run: str | None
) -> dict[str, Any] | None:
    """The newest unexpired artifact called ``name`` in ``repository`` from another run."""
    from urllib.parse import quote

    owner, _, repo = repository.partition("/")
    path = f"repos/{quote(owner, safe='')}/{quote(repo, safe='')}/actions/artifacts"
    candidates = [
        artifact
        for artifact in client.paginate(path, {"name": name, "per_page": 100})
        if isinstance(artifact, dict)
        and artifact.get("name") == name
        and not artifact.get("expired")
        and str((artifact.get("workflow_run") or {}).get("id", "")) != (this_run or "")
    ]
    return max(candidates, key=lambda a: str(a.get("created_at", "")), default=None)


def estate_from_archive(archive: bytes) -> bytes:
    """The ``estate.json`` member of a zip archive, read with a size limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            member = zipped.getinfo(ESTATE_FILE)
            if member.file_size > MAX_ESTATE_BYTES:
                raise GitHubError(f"{ESTATE_FILE} in the artifact is too large")
            with zipped.open(member) as handle:
                content = handle.read(MAX_ESTATE_BYTES + 1)
    except KeyError:
        raise GitHubError(f"the artifact holds no {ESTATE_FILE}") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise GitHubError("the artifact is not a readable zip archive") from None
    if len(content) > MAX_ESTATE_BYTES:
        raise GitHubError(f"{ESTATE_FILE} in the artifact is too large")
    return content


def previous_estate(
    client: GitHubClient, repository: str, name: str, this_run: str | None
) -> tuple[bytes | None, str]:
    """The previous ``estate.json`` (or ``None``) and a line saying where it came from."""
    try:
        artifact = newest_artifact(client, repository, name, this_run)
        if artifact is None:
            return (
                None,
                f"no earlier {name!r} artifact in {repository}: no previous estate",
            )
        archive = client.download(
            str(artifact["archive_download_url"]), MAX_ARCHIVE_BYTES
        )
        content = estate_from_archive(archive)
    except (GitHubError, KeyError) as exc:
        return None, f"previous estate not used: {exc}"
    run = (artifact.get("workflow_run") or {}).get("id", "?")
    return (
        content,
        f"previous estate from run {run} ({artifact.get('created_at', '?')})",
    )
