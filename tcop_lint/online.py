"""HTTP GETs for ``--online`` runs, bounded in time and size.

``requests``' timeout bounds each socket read, not the whole answer: a server that sends one
byte every few seconds would hold the run for as long as it liked. Here the body is read in
pieces against a deadline for the whole request. Addresses that come from repository content
(an OpenAPI ``$ref``) may be restricted to public hosts, so that a pull request cannot make
the run read an internal service or cloud metadata into its report.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

_PIECE = 65_536
PRIVATE_HOST = "a private or local address, not fetched for repository content"


class FetchError(Exception):
    """A GET that gave no usable answer; the message says why, without the URL's secrets."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


class Answer(NamedTuple):
    status: int
    headers: Mapping[str, str]
    body: bytes


def get(
    url: str,
    *,
    deadline: float,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    public_only: bool = False,
) -> Answer:
    """GET ``url`` and read its body before ``deadline`` (a ``time.monotonic()`` value).

    With ``public_only``, a host that resolves to a loopback, private, link-local or other
    non-global address is refused, and redirects are not followed (they could lead there);
    a direct connection checks the address it reached too (:mod:`tcop_lint.public_http`).
    """
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
                headers=dict(headers or {}),
                timeout=remaining,
                stream=True,
                allow_redirects=not public_only,
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


def is_public(address: str) -> bool:
    """Whether an IP address (an IPv6 one may carry a zone) is globally routable."""
    return ipaddress.ip_address(address.partition("%")[0]).is_global


def _through_proxy(url: str) -> bool:
    """Whether requests would send ``url`` through a proxy named in the environment."""
    from requests.utils import get_environ_proxies, select_proxy

    return select_proxy(url, get_environ_proxies(url)) is not None
