"""HTTP connections that refuse to talk to anything but a public address.

Checking a host name before a request is not enough: the name can resolve to a public
address for the check and to 169.254.169.254 a moment later, when the request connects (DNS
rebinding). These connections check the address they actually reached, after connecting and
before sending a byte, so a ``$ref`` in a pull request cannot make the run read an internal
service or cloud metadata. Through a proxy the peer is the proxy, so this applies to direct
connections only.
"""

from __future__ import annotations

import socket
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from tcop_lint.online import PRIVATE_HOST, FetchError, is_public


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
