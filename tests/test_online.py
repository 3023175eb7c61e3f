"""online.get against a real HTTP server on 127.0.0.1 that misbehaves in one way per test."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from tcop_lint import online


@pytest.fixture
def serve() -> Iterator[
    Callable[[Callable[[http.server.BaseHTTPRequestHandler], None]], str]
]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(answer: Callable[[http.server.BaseHTTPRequestHandler], None]) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                try:
                    answer(self)
                except OSError:
                    pass  # the client gave up, as it should

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/x"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _headers(handler: http.server.BaseHTTPRequestHandler, length: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _fetch_with_one_second(url: str) -> online.FetchError:
    """The error of a GET given one second, which must give up well within two."""
    start = time.monotonic()
    with pytest.raises(online.FetchError) as caught:
        online.get(url, deadline=start + 1, max_bytes=1000)
    assert time.monotonic() - start < 2
    return caught.value


def test_a_body_that_stalls_after_the_headers_ends_at_the_deadline(serve) -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _headers(handler, 20)
        handler.wfile.write(b"{")
        handler.wfile.flush()
        time.sleep(3)

    error = _fetch_with_one_second(serve(answer))
    assert (str(error), error.timed_out) == ("no complete answer in time", True)


def test_a_body_that_drips_ends_at_the_deadline(serve) -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _headers(handler, 40)
        for _ in range(40):  # each byte well inside the per-read timeout
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)

    assert _fetch_with_one_second(serve(answer)).timed_out


def test_a_body_over_the_size_cap_is_refused(serve) -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _headers(handler, 300_000)
        handler.wfile.write(b"x" * 300_000)

    with pytest.raises(online.FetchError) as caught:
        online.get(serve(answer), deadline=time.monotonic() + 5, max_bytes=100_000)
    assert str(caught.value) == "the answer is larger than 100,000 bytes"


def test_an_answer_in_time_is_returned_whole(serve) -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _headers(handler, 17)
        handler.wfile.write(b'{"private": true}')

    got = online.get(serve(answer), deadline=time.monotonic() + 5, max_bytes=1000)
    assert (got.status, got.body) == (200, b'{"private": true}')


def test_public_only_refuses_loopback_before_connecting(serve) -> None:
    asked: list[str] = []
    url = serve(lambda handler: asked.append(handler.path))
    with pytest.raises(online.FetchError) as caught:
        online.get(url, deadline=time.monotonic() + 5, max_bytes=1000, public_only=True)
    assert str(caught.value) == f"127.0.0.1 is {online.PRIVATE_HOST}"
    assert asked == []


def test_a_public_only_connection_checks_the_address_it_reached(serve) -> None:
    """DNS rebinding: a name that passed the check may resolve to loopback when connecting;
    the connection itself refuses it before sending anything."""
    from tcop_lint import public_http

    asked: list[str] = []
    url = serve(lambda handler: asked.append(handler.path)).replace(
        "127.0.0.1", "localhost"
    )
    with public_http.session() as client, pytest.raises(online.FetchError) as caught:
        client.get(url, timeout=5)
    assert str(caught.value) == f"localhost is {online.PRIVATE_HOST}"
    assert asked == []


def test_public_only_through_a_proxy_checks_the_name_not_the_proxy(
    serve, monkeypatch
) -> None:
    """Through a proxy the connection reaches the proxy, often on a private address: the
    public name is checked, and the proxy is used."""
    asked: list[str] = []

    def proxy(handler: http.server.BaseHTTPRequestHandler) -> None:
        asked.append(handler.path)
        _headers(handler, 2)
        handler.wfile.write(b"{}")

    monkeypatch.setenv("HTTP_PROXY", serve(proxy).removesuffix("/x"))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    got = online.get(
        "http://8.8.8.8/api.yaml",
        deadline=time.monotonic() + 5,
        max_bytes=1000,
        public_only=True,
    )
    assert (got.status, got.body) == (200, b"{}")
    assert asked == ["http://8.8.8.8/api.yaml"]


def test_a_public_only_https_connection_is_refused_before_the_handshake() -> None:
    from tcop_lint import public_http

    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(5)
        url = f"https://localhost:{listener.getsockname()[1]}/x"
        with (
            public_http.session() as client,
            pytest.raises(online.FetchError) as caught,
        ):
            client.get(url, timeout=5)
        peer, _ = listener.accept()
        with peer:
            peer.settimeout(5)
            sent = peer.recv(1)
    assert str(caught.value) == f"localhost is {online.PRIVATE_HOST}"
    assert sent == b""  # closed without a byte: no TLS ClientHello, no request


# -- credentials go where the caller sends them, and nowhere else (issue 19) ----------------

TOKEN = "ghp_SENTINELonlyForTheApiHost000000000000"


def _recorder(
    seen: list[dict[str, str]],
    answer: Callable[[http.server.BaseHTTPRequestHandler], None],
) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def record(handler: http.server.BaseHTTPRequestHandler) -> None:
        seen.append(dict(handler.headers))
        answer(handler)

    return record


def _redirect(to: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _ok(handler: http.server.BaseHTTPRequestHandler) -> None:
    _headers(handler, 2)
    handler.wfile.write(b"{}")


def test_the_token_goes_to_the_origin_it_was_given_for_only(serve) -> None:
    """Another port on the same address is another origin: the redirect arrives there
    without the token."""
    there: list[dict[str, str]] = []
    here: list[dict[str, str]] = []
    other = serve(_recorder(there, _ok))
    api = serve(_recorder(here, _redirect(other)))
    got = online.get(api, deadline=time.monotonic() + 5, max_bytes=1000, token=TOKEN)
    assert (got.status, got.body) == (200, b"{}")
    assert [h.get("Authorization") for h in here] == [f"Bearer {TOKEN}"]
    assert [h.get("Authorization") for h in there] == [None]


def test_a_redirect_on_the_same_origin_keeps_the_token(serve) -> None:
    seen: list[dict[str, str]] = []

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        seen.append(dict(handler.headers))
        if handler.path == "/x":
            _redirect("/y")(handler)
        else:
            _ok(handler)

    got = online.get(
        serve(answer), deadline=time.monotonic() + 5, max_bytes=1000, token=TOKEN
    )
    assert got.status == 200
    assert [h.get("Authorization") for h in seen] == [f"Bearer {TOKEN}"] * 2


def test_a_redirect_loop_ends(serve) -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _redirect(handler.path)(handler)

    with pytest.raises(online.FetchError) as caught:
        online.get(serve(answer), deadline=time.monotonic() + 5, max_bytes=1000)
    assert str(caught.value) == f"more than {online.MAX_REDIRECTS} redirects"


def test_netrc_credentials_are_never_added(serve, tmp_path, monkeypatch) -> None:
    """requests would add a ~/.netrc login for the host asked (and for each host a
    redirect reaches): nothing but the caller's token is ever sent."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login user password SENTINELnetrc\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    seen: list[dict[str, str]] = []
    other = serve(_recorder(seen, _ok))
    online.get(
        serve(_recorder(seen, _redirect(other))),
        deadline=time.monotonic() + 5,
        max_bytes=1000,
    )
    assert [h.get("Authorization") for h in seen] == [None, None]


def test_remote_refs_never_carry_the_token(serve, monkeypatch) -> None:
    """An OpenAPI $ref fetch is repository content choosing the address: whatever the
    environment holds, no credential goes with it."""
    from tcop_lint.facts.openapi import http_fetcher

    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    seen: list[dict[str, str]] = []
    other = serve(_recorder(seen, _ok))
    url = serve(_recorder(seen, _redirect(other)))
    fetch = http_fetcher(1000, 5, public_only=False)
    assert fetch(url).ok
    assert [h.get("Authorization") for h in seen] == [None, None]
