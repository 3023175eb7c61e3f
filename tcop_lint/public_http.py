"""HTTP connections that refuse to talk to anything but a public address.

Checking a host name before a request is not enough: the name can resolve to a public
address for the check and to 169.254.169.254 a moment later, when the request connects (DNS
rebinding). These connections check the address they actually reached, after connecting and
before sending a byte, so a ``$ref`` in a pull request cannot make the run read an internal
service or cloud metadata. Through a proxy the peer is the proxy, so this applies to direct
connections only.

This module also holds what :mod:`tcop_lint.online` and its callers share about a failed
fetch (:class:`FetchError`, :data:`PRIVATE_HOST`, :func:`is_public`), so that neither
module imports the other's caller.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

PRIVATE_HOST = "a private or local address, not fetched for repository content"


class FetchError(Exception):
    """A GET that gave no usable answer; the message says why, without the URL's secrets."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def is_public(address: str) -> bool:
    """Whether an IP address (an IPv6 one may carry a zone) is globally routable."""
    return ipaddress.ip_address(address.partition("%")[0]).is_global


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        if not is_public(sock.getpeername()[0]):
            sock.close()
            raise FetchError(f"{self.host} is {PRIVATE_HOST}")
        return sock


class _PublicHTTPSConnection(_PublicHTTPConnection, HTTPSConnection):
    pass


class _PublicHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicHTTPConnectionPool,
            "https": _PublicHTTPSConnectionPool,
        }


def session() -> requests.Session:
    """A session whose direct connections raise :class:`FetchError` on a non-public peer."""
    checked = requests.Session()
    adapter = _PublicAdapter()
    checked.mount("http://", adapter)
    checked.mount("https://", adapter)
    return checked
