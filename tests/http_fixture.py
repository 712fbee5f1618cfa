"""A real HTTP server on 127.0.0.1 for tests: static files, scripted routes and a request log.

Every request is logged with monotonic `start` and `end` times, so that tests
can check politeness from the server's side. `start` is taken once the request
has arrived, `end` just before the server sends the last piece of its answer:
so a gap measured here (next start minus end) is never longer than the gap the
client itself kept between finishing one request and starting the next.
Routes are callables taking an `Exchange`; `Reply`, `Replies` and the
builders below cover the usual scripts. Use `serve()` as a context manager,
or the `http_server` pytest fixture (`from tests.http_fixture import http_server`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import gzip
import http.server
import itertools
import mimetypes
import pathlib
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator, Sequence

import pytest

LOOPBACK = "127.0.0.1"
MEGABYTE = 1024 * 1024


@dataclasses.dataclass
class LoggedRequest:
    """One request as the server saw it."""

    method: str
    path: str  # with the query
    host: str  # Host header without the port
    headers: dict[str, str]  # lower-case names
    start: float  # the request had arrived
    end: float | None = None  # the server began sending the last piece of its answer (or gave up)
    status: int | None = None
    bytes_sent: int = 0


class Exchange:
    """What a route sees: the request, a way to answer, and the server's stop signal."""

    def __init__(self, handler: http.server.BaseHTTPRequestHandler, logged: LoggedRequest,
                 stopping: threading.Event):
        self._handler, self.logged, self.stopping = handler, logged, stopping

    @property
    def path(self) -> str:
        return self.logged.path

    def header(self, name: str) -> str | None:
        return self.logged.headers.get(name.lower())

    def start(self, status: int, headers: Sequence[tuple[str, str]] = ()) -> None:
        """Send the status line and headers (`Connection: close` is added)."""
        self.logged.status = status
        self._handler.send_response(status)
        for name, value in headers:
            self._handler.send_header(name, value)
        self._handler.send_header("Connection", "close")
        self.logged.end = time.monotonic()
        self._handler.end_headers()
        self._handler.wfile.flush()

    def write(self, data: bytes) -> None:
        """Send body bytes; raises OSError once the client has gone."""
        self.logged.end = time.monotonic()
        self._handler.wfile.write(data)
        self._handler.wfile.flush()
        self.logged.bytes_sent += len(data)


Route = Callable[[Exchange], None]


@dataclasses.dataclass(frozen=True)
class Reply:
    """A complete answer."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)

    def __call__(self, exchange: Exchange) -> None:
        exchange.start(self.status, [*self.headers, ("Content-Length", str(len(self.body)))])
        exchange.write(self.body)


class Replies:
    """Scripted answers, one per request in order; the last one repeats."""

    def __init__(self, *routes: Route):
        self._routes = list(routes)
        self._lock = threading.Lock()
        self._count = 0

    def __call__(self, exchange: Exchange) -> None:
        with self._lock:
            route = self._routes[min(self._count, len(self._routes) - 1)]
            self._count += 1
        route(exchange)


def html(body: str, status: int = 200) -> Reply:
    return Reply(status, body.encode("utf-8"))


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", (("Location", location),))


def robots(text: str) -> Reply:
    return Reply(200, text.encode("utf-8"), (("Content-Type", "text/plain"),))


def never_answer(exchange: Exchange) -> None:
    """Read the request, then say nothing until the server stops."""
    exchange.stopping.wait(30)


def slow_drip(interval: float, announce_length: int | None = None) -> Route:
    """Headers at once, then one byte every `interval` seconds until the client goes."""

    def route(exchange: Exchange) -> None:
        headers = [("Content-Type", "text/html")]
        if announce_length is not None:
            headers.append(("Content-Length", str(announce_length)))
        exchange.start(200, headers)
        while not exchange.stopping.wait(interval):
            exchange.write(b"x")

    return route


def stream_bytes(total: int, announce_length: bool, chunk_size: int = 64 * 1024,
                 content_type: str = "text/html") -> Route:
    """`total` bytes of filler written chunk by chunk (never held in memory at once)."""

    def route(exchange: Exchange) -> None:
        headers = [("Content-Type", content_type)]
        if announce_length:
            headers.append(("Content-Length", str(total)))
        exchange.start(200, headers)
        chunk = b"a" * chunk_size
        sent = 0
        while sent < total and not exchange.stopping.is_set():
            piece = chunk[: min(chunk_size, total - sent)]
            exchange.write(piece)
            sent += len(piece)

    return route


def compressed(body: bytes, encoding: str = "gzip", content_type: str = "text/html") -> Reply:
    """A body sent with Content-Encoding gzip, deflate (zlib-wrapped) or raw-deflate (sent as deflate)."""
    if encoding == "gzip":
        data = gzip.compress(body)
    elif encoding == "deflate":
        data = zlib.compress(body)
    else:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data = packer.compress(body) + packer.flush()
    name = "deflate" if encoding == "raw-deflate" else encoding
    return Reply(200, data, (("Content-Type", content_type), ("Content-Encoding", name)))


def gzip_bomb(decoded_size: int) -> Reply:
    """A small gzip body that inflates to `decoded_size` zero bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(MEGABYTE)
    parts = [packer.compress(zeros) for _ in range(decoded_size // MEGABYTE)]
    data = b"".join(parts) + packer.flush()
    return Reply(200, data, (("Content-Type", "text/html"), ("Content-Encoding", "gzip")))


class FixtureServer:
    """A threaded server on loopback; routes first, then files under `static_dir`, else 404.

    With a server-side `tls_context` it speaks HTTPS (the handshake runs when a connection is accepted).
    """

    def __init__(self, static_dir: pathlib.Path | str | None = None, tls_context: ssl.SSLContext | None = None):
        self.static_dir = pathlib.Path(static_dir) if static_dir else None
        self.scheme = "https" if tls_context else "http"
        self.routes: dict[str, Route] = {}
        self.stopping = threading.Event()
        self._log: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer((LOOPBACK, 0), self._handler_class())
        self._server.daemon_threads = True
        if tls_context is not None:
            self._server.socket = tls_context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fixture-http", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{LOOPBACK}:{self.port}"

    def url(self, path: str, host: str = LOOPBACK) -> str:
        """The URL of `path` on this server under the given host name (e.g. `localhost`)."""
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> None:
        """Answer requests for `path` (without the query) with `route`."""
        self.routes[path] = route

    @property
    def log(self) -> list[LoggedRequest]:
        """A snapshot of the requests so far, in arrival order."""
        with self._log_lock:
            return list(self._log)

    def requests_to(self, path: str) -> list[LoggedRequest]:
        return [logged for logged in self.log if urllib.parse.urlsplit(logged.path).path == path]

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _answer(self, exchange: Exchange) -> None:
        route = self.routes.get(urllib.parse.urlsplit(exchange.path).path)
        if route is not None:
            route(exchange)
            return
        if self.static_dir is not None:
            relative = urllib.parse.unquote(urllib.parse.urlsplit(exchange.path).path).lstrip("/")
            candidate = (self.static_dir / relative).resolve()
            if candidate.is_file() and candidate.is_relative_to(self.static_dir.resolve()):
                content_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                Reply(200, candidate.read_bytes(), (("Content-Type", content_type),))(exchange)
                return
        Reply(404, b"not found", (("Content-Type", "text/plain"),))(exchange)

    def _handler_class(self) -> type[http.server.BaseHTTPRequestHandler]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                headers = {name.lower(): value for name, value in self.headers.items()}
                host = urllib.parse.urlsplit(f"//{headers.get('host', '')}").hostname or ""
                logged = LoggedRequest("GET", self.path, host, headers, time.monotonic())
                with server._log_lock:
                    server._log.append(logged)
                self.close_connection = True
                try:
                    server._answer(Exchange(self, logged, server.stopping))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client hung up, as the tests intend
                finally:
                    if logged.end is None:  # no answer at all
                        logged.end = time.monotonic()

            def log_message(self, format: str, *args) -> None:  # noqa: A002
                """Quiet: the request log is the record."""

        return Handler


def by_host(log: Sequence[LoggedRequest]) -> dict[str, list[LoggedRequest]]:
    """The log split per Host name, each in start order."""
    hosts: dict[str, list[LoggedRequest]] = {}
    for logged in sorted(log, key=lambda entry: entry.start):
        hosts.setdefault(logged.host, []).append(logged)
    return hosts


def gaps(requests: Sequence[LoggedRequest]) -> list[float]:
    """Seconds from the end of each request to the start of the next (negative: they overlapped)."""
    return [later.start - earlier.end for earlier, later in itertools.pairwise(requests)]


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nobody else takes it) but not listening."""
    with socket.socket() as bound:
        bound.bind((LOOPBACK, 0))
        yield bound.getsockname()[1]


@contextlib.contextmanager
def serve(static_dir: pathlib.Path | str | None = None,
          tls_context: ssl.SSLContext | None = None) -> Iterator[FixtureServer]:
    """A running server, stopped on exit."""
    with FixtureServer(static_dir, tls_context) as server:
        yield server


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    """A fresh server per test, without static files (add routes, or use `serve(dir)`)."""
    with serve() as server:
        yield server
