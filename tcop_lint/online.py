"""HTTP GETs for ``--online`` runs, bounded in time and size.

``requests``' timeout bounds each socket read, not the whole answer: a server that sends one
byte every few seconds would hold the run for as long as it liked. Here the body is read in
pieces against a deadline for the whole request. Addresses that come from repository content
(an OpenAPI ``$ref``) may be restricted to public hosts, so that a pull request cannot make
the run read an internal service or cloud metadata into its report.

Credentials go only where the caller sends them: a ``token`` is sent to the scheme, host and
port of the URL asked for and to nothing else. Redirects are followed here, one hop at a time,
so that a redirect to another host (another port counts) arrives there without the token;
``requests`` is never left to add credentials of its own (``~/.netrc``) to any request.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from tcop_lint.public_http import PRIVATE_HOST, FetchError, is_public

__all__ = ["PRIVATE_HOST", "Answer", "FetchError", "get", "is_public", "origin"]

_PIECE = 65_536
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


class Answer(NamedTuple):
    status: int
    headers: Mapping[str, str]
    body: bytes


def origin(url: str) -> tuple[str, str, int | None]:
    """The scheme, host and port of ``url``: where a credential for it may go."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port or default


def get(
    url: str,
    *,
    deadline: float,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    token: str | None = None,
    public_only: bool = False,
) -> Answer:
    """GET ``url`` and read its body before ``deadline`` (a ``time.monotonic()`` value).

    ``token`` is sent as ``Authorization: Bearer`` to the origin of ``url`` only; a
    redirect elsewhere is followed without it. With ``public_only``, a host that resolves
    to a loopback, private, link-local or other non-global address is refused, and
    redirects are not followed (they could lead there); a direct connection checks the
    address it reached too (:mod:`tcop_lint.public_http`).
    """
    trusted = origin(url)
    for _ in range(MAX_REDIRECTS + 1):
        sent = dict(headers or {})
        if token and origin(url) == trusted:
            sent["Authorization"] = f"Bearer {token}"
        answer = _get_once(url, sent, deadline, max_bytes, public_only=public_only)
        location = answer.headers.get("Location")
        if public_only or answer.status not in _REDIRECTS or not location:
            return answer
        url = urljoin(url, location)
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise FetchError("the server redirected to an address that is not HTTP")
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _no_added_credentials(request: Any) -> Any:
    """An ``auth`` that adds nothing: given one, ``requests`` does not read ``~/.netrc``."""
    return request


def _get_once(
    url: str,
    headers: dict[str, str],
    deadline: float,
    max_bytes: int,
    *,
    public_only: bool,
) -> Answer:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("no complete answer in time", timed_out=True)
    if public_only:
        _require_public_host(url)
    import requests

    if public_only and not _through_proxy(url):
        from tcop_lint import public_http

        client = public_http.session()
    else:
        client = requests.Session()
    try:
        with (
            client,
            client.get(
                url,
                headers=headers,
                auth=_no_added_credentials,
                timeout=remaining,
                stream=True,
                allow_redirects=False,
            ) as response,
        ):
            body = _read_body(response.raw, deadline, max_bytes)
            return Answer(response.status_code, response.headers, body)
    except requests.Timeout:
        raise FetchError("no complete answer in time", timed_out=True) from None
    except requests.RequestException as exc:
        raise FetchError(
            f"{type(exc).__name__}: the server could not be reached"
        ) from None


def _read_body(raw: Any, deadline: float, max_bytes: int) -> bytes:
    """The body of a urllib3 response, piece by piece (``read1`` returns what has arrived)."""
    import urllib3

    body = bytearray()
    try:
        while piece := raw.read1(_PIECE, decode_content=True):
            body += piece
            if len(body) > max_bytes:
                raise FetchError(f"the answer is larger than {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError("no complete answer in time", timed_out=True)
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
        # the socket's timeout is the time left before the deadline
        raise FetchError("no complete answer in time", timed_out=True) from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"{type(exc).__name__}: the answer broke off") from None
    return bytes(body)


def _require_public_host(url: str) -> None:
    import socket

    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError("the URL names no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, port)}
    except (OSError, ValueError, UnicodeError) as exc:
        raise FetchError(
            f"{host} could not be resolved ({type(exc).__name__})"
        ) from None
    if not all(map(is_public, addresses)):
        raise FetchError(f"{host} is {PRIVATE_HOST}")


def _through_proxy(url: str) -> bool:
    """Whether requests would send ``url`` through a proxy named in the environment."""
    from requests.utils import get_environ_proxies, select_proxy

    return select_proxy(url, get_environ_proxies(url)) is not None
