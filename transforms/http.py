"""One bounded HTTP client: timeouts, size caps, retries and SSRF checks on every hop.

Beam-free. Built on `http.client` so that every bound is ours: the host is
resolved once per request, every address is checked, and the socket connects
to a checked address while the Host header and TLS SNI carry the name (no DNS
rebinding window). A total deadline bounds each exchange (a slow-drip body
cannot run forever), the body is capped while it streams and again after
gzip/deflate decoding (a bomb stops at the cap). Environment proxies are not
used. Every failure is a `FetchError` with a short stable `reason`.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import email.message
import email.utils
import functools
import http.client
import importlib.metadata
import io
import ipaddress
import re
import socket
import ssl
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator, Sequence

from casualty_events.schemas.codes import Reason, http_status

PROJECT_URL = "https://github.com/casualty-events/casualty-events"
ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Failures worth another try: the connection broke, or the body came short of what was announced.
RETRIED_FAILURES = frozenset({Reason.CONNECTION_RESET, Reason.TRUNCATED})
# Cloud metadata endpoints, refused by name and by address (most are link-local or ULA anyway).
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"})
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address) for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
# Failures that say the host itself is unreachable, not just one URL; politeness gives up on the host.
HOST_FAILURE_REASONS = frozenset({Reason.DNS, Reason.CONNECTION_REFUSED, Reason.CONNECT_TIMEOUT, Reason.UNREACHABLE})
CHUNK_SIZE = 64 * 1024
# What a request target may contain unescaped (RFC 3986 reserved and unreserved, and `%` of existing escapes).
TARGET_SAFE_CHARACTERS = "!#$%&'()*+,/:;=?@[]~"
PRODUCT_TOKEN = re.compile(r"[A-Za-z0-9_.-]+")


def _project_version() -> str:
    """The installed version, for an honest User-Agent."""
    try:
        return importlib.metadata.version("casualty-events")
    except importlib.metadata.PackageNotFoundError:
        return "0"


DEFAULT_USER_AGENT = f"casualty-events/{_project_version()} (+{PROJECT_URL})"


@dataclasses.dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: identity, bounds, retries and politeness. Picklable, so it travels to workers."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # one request from connect to the body's last byte (each hop and retry)
    max_bytes: int = 10 * 1024 * 1024  # raw and decoded body
    max_redirects: int = 5
    max_retries: int = 3  # on 429, 500, 502, 503, 504 and connection resets
    backoff_base: float = 1.0  # seconds; doubled on every retry when there is no Retry-After
    max_retry_wait: float = 60.0  # a longer Retry-After gives up with `retry_after_too_long`
    min_host_gap: float = 1.0  # seconds between the end of one request to a host and the next
    # hosts fetched at once, each one request at a time: with a gap of G seconds a run fetches at most this many / G
    # pages a second
    parallel_hosts: int = 32
    max_crawl_delay: float = 60.0  # a longer robots.txt Crawl-delay skips the site with `crawl_delay_too_long`
    max_host_timeouts: int = 2  # timeouts in a row after which a host's other URLs fail at once
    obey_robots: bool = True
    allow_private_hosts: bool = False

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against (`casualty-events`)."""
        token = PRODUCT_TOKEN.match(self.user_agent.strip())
        return token.group(0) if token else "casualty-events"


@dataclasses.dataclass(frozen=True)
class Response:
    """A final response: 2xx with its body, or 304 (not modified)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str | None
    charset: str | None


class FetchError(Exception):
    """A fetch that failed; `reason` is a short stable code, `detail` is for people."""

    def __init__(self, reason: str, detail: str):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


Resolver = Callable[[str, int], Sequence[str]]
SocketOpener = Callable[[tuple[str, int], float], socket.socket]
HopGuard = Callable[[str], contextlib.AbstractContextManager[None]]


def resolve_addresses(host: str, port: int) -> list[str]:
    """Every address the name resolves to, in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def open_socket(address: tuple[str, int], timeout: float) -> socket.socket:
    """A TCP connection to exactly this address."""
    return socket.create_connection(address, timeout=timeout)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), which is where it really leads."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_address_reason(address: str) -> str | None:
    """Why an address must not be fetched from (loopback, private, metadata...), or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = _embedded_ipv4(ip) or ip
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("private", ip.is_private),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
        ("not globally routable", not ip.is_global),
    ):
        if flag:
            return label
    return None


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None if absent or malformed."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """(lower-case media type, charset) of a Content-Type header value."""
    if not content_type:
        return None, None
    message = email.message.Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


@dataclasses.dataclass(frozen=True)
class Target:
    """A parsed, checked http(s) URL."""

    url: str
    scheme: str
    host: str  # IDNA (ASCII), lower case, no brackets
    port: int
    request_target: str


def parse_target(url: str) -> Target:
    """Split and check an http(s) URL; anything else is a `scheme` or `bad_url` failure."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchError(Reason.BAD_URL, f"{url!r}: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(Reason.SCHEME, f"only http and https are fetched over the network: {url!r}")
    if not parts.hostname:
        raise FetchError(Reason.BAD_URL, f"no host in {url!r}")
    try:
        host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    except UnicodeError as error:
        raise FetchError(Reason.BAD_URL, f"host of {url!r} is not a valid name: {error}") from error
    path = urllib.parse.quote(parts.path or "/", safe=TARGET_SAFE_CHARACTERS)
    query = urllib.parse.quote(parts.query, safe=TARGET_SAFE_CHARACTERS)
    return Target(
        url=urllib.parse.urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, "")),
        scheme=scheme,
        host=host.lower().rstrip("."),
        port=port or DEFAULT_PORTS[scheme],
        request_target=path + (f"?{query}" if query else ""),
    )


class _TotalTimeout(TimeoutError):
    """The exchange's total deadline passed."""


class _DeadlineReader(io.RawIOBase):
    """Socket reads that each wait at most the read timeout and together end at the deadline.

    Reads go through the socket's own file object, so that the socket stays open until
    this reader closes, as `http.client` expects of `makefile`.
    """

    def __init__(self, sock: socket.socket, deadline: float, read_timeout: float):
        super().__init__()
        self._sock, self._deadline, self._read_timeout = sock, deadline, read_timeout
        self._raw = sock.makefile("rb", buffering=0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise _TotalTimeout("total timeout")
        self._sock.settimeout(min(self._read_timeout, remaining))
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """The part of a socket `http.client` uses, with every read bounded by the deadline."""

    def __init__(self, sock: socket.socket, deadline: float, read_timeout: float):
        self._sock, self._deadline, self._read_timeout = sock, deadline, read_timeout

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(max(0.001, min(self._read_timeout, self._deadline - time.monotonic())))
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args, **kwargs) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline, self._read_timeout))

    def close(self) -> None:
        self._sock.close()


def _connect_pinned(
    addresses: Sequence[str], port: int, opener: SocketOpener, connect_timeout: float, deadline: float
) -> socket.socket:
    """Connect to the first checked address that answers, within the deadline; the last error if none does."""
    last_error: OSError = TimeoutError("no time left to connect")
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            return opener((address, port), min(connect_timeout, remaining))
        except OSError as error:
            last_error = error
    raise last_error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to checked addresses; Host says the name."""

    def __init__(self, target: Target, addresses: Sequence[str], opener: SocketOpener,
                 policy: FetchPolicy, deadline: float):
        super().__init__(target.host, target.port, timeout=policy.connect_timeout)
        self._addresses, self._opener, self._policy, self._deadline = addresses, opener, policy, deadline

    def connect(self) -> None:
        raw = _connect_pinned(self._addresses, self.port, self._opener, self._policy.connect_timeout,
                             self._deadline)
        self.sock = _DeadlineSocket(raw, self._deadline, self._policy.read_timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to checked addresses; Host and SNI say the name, the certificate is checked against it."""

    def __init__(self, target: Target, addresses: Sequence[str], opener: SocketOpener,
                 policy: FetchPolicy, deadline: float, context: ssl.SSLContext):
        super().__init__(target.host, target.port, timeout=policy.connect_timeout, context=context)
        self._addresses, self._opener, self._policy, self._deadline = addresses, opener, policy, deadline

    def connect(self) -> None:
        raw = _connect_pinned(self._addresses, self.port, self._opener, self._policy.connect_timeout,
                             self._deadline)
        try:
            wrapped = self._context.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise
        self.sock = _DeadlineSocket(wrapped, self._deadline, self._policy.read_timeout)


class _BodyDecoder:
    """Content-Encoding decoding that stops at the size cap (a gzip bomb never inflates past it)."""

    def __init__(self, encoding: str, max_bytes: int):
        self._encoding, self._max_bytes = encoding, max_bytes
        self._decompressor: zlib._Decompress | None = None
        self._produced = 0
        self._chunks: list[bytes] = []

    def _new_decompressor(self, first: bytes) -> zlib._Decompress:
        if self._encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        # `deflate` should be zlib-wrapped; some servers send raw deflate.
        zlib_wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> None:
        while data:
            if self._decompressor is None:
                self._decompressor = self._new_decompressor(data)
            remaining = self._max_bytes - self._produced
            try:
                out = self._decompressor.decompress(data, remaining + 1)
            except zlib.error as error:
                raise FetchError(Reason.BAD_ENCODING, f"{self._encoding} body does not decode: {error}") from error
            self._produced += len(out)
            if self._produced > self._max_bytes:
                raise FetchError(Reason.TOO_LARGE, f"body exceeds {self._max_bytes} bytes once decoded")
            self._chunks.append(out)
            # A gzip stream may hold several members; start again on what follows the first.
            data = self._decompressor.unused_data if self._decompressor.eof else b""
            if self._decompressor.eof:
                self._decompressor = None

    def body(self) -> bytes:
        if self._decompressor is not None and not self._decompressor.eof:
            raise FetchError(Reason.BAD_ENCODING, f"{self._encoding} body is truncated")
        return b"".join(self._chunks)


@dataclasses.dataclass(frozen=True)
class _Exchange:
    """One request's answer, before redirects and retries are decided."""

    status: int
    headers: dict[str, str]
    body: bytes


@functools.cache
def system_tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once a process and only when a page is asked for over HTTPS: a
    load takes 21 ms, and a run makes a client per fetch (its feeds, each chunk of articles). One context serves
    every client and thread (OpenSSL's contexts are safe to share once set up; no client changes it)."""
    return ssl.create_default_context()


class HttpClient:
    """GET with the policy's bounds.

    `resolve`, `opener` and `tls_context` default to the system's resolver, plain TCP and the
    system's trusted certificates; tests replace them to reach a loopback server under a public name.
    """

    def __init__(self, policy: FetchPolicy, *, resolve: Resolver = resolve_addresses,
                 opener: SocketOpener = open_socket, tls_context: ssl.SSLContext | None = None):
        self.policy = policy
        self._resolve, self._opener = resolve, opener
        self._tls = tls_context

    def get(self, url: str, headers: Sequence[tuple[str, str]] | dict[str, str] | None = None,
            accept: tuple[str, ...] | None = None, *, hop_guard: HopGuard | None = None) -> Response:
        """The final response for `url`; redirects followed, retried on 429/5xx/resets; raises `FetchError`.

        `hop_guard(url)` wraps every single request (each redirect hop and retry), so that the caller
        can check robots.txt and keep per-host gaps for hosts reached by redirects too.
        """
        extra_headers = list(headers.items() if isinstance(headers, dict) else headers or ())
        seen: list[str] = []
        target = parse_target(url)
        while True:
            if target.url in seen:
                raise FetchError(Reason.REDIRECT_LOOP, " -> ".join([*seen, target.url]))
            seen.append(target.url)
            exchange = self._with_retries(target, extra_headers, accept, hop_guard)
            if exchange.status not in REDIRECT_STATUSES:
                return self._final(target, exchange)
            location = exchange.headers.get("location")
            if not location:
                raise FetchError(http_status(exchange.status), f"redirect without Location from {target.url}")
            if len(seen) > self.policy.max_redirects:
                raise FetchError(Reason.TOO_MANY_REDIRECTS, f"more than {self.policy.max_redirects} redirects from {url}")
            target = parse_target(urllib.parse.urljoin(target.url, location))

    def _final(self, target: Target, exchange: _Exchange) -> Response:
        if exchange.status != 304 and not 200 <= exchange.status < 300:
            raise FetchError(http_status(exchange.status), f"{target.url} answered {exchange.status}")
        content_type, charset = media_type(exchange.headers.get("content-type"))
        return Response(target.url, exchange.status, exchange.headers, exchange.body, content_type, charset)

    def _with_retries(self, target: Target, headers: list[tuple[str, str]],
                      accept: tuple[str, ...] | None, hop_guard: HopGuard | None) -> _Exchange:
        attempt = 0
        while True:
            guard = hop_guard(target.url) if hop_guard else contextlib.nullcontext()
            try:
                with guard:
                    exchange = self._exchange(target, headers, accept)
            except FetchError as error:
                if error.reason not in RETRIED_FAILURES or attempt >= self.policy.max_retries:
                    raise
                wait = self._backoff(attempt)
            else:
                if exchange.status not in RETRY_STATUSES or attempt >= self.policy.max_retries:
                    return exchange
                wait = self._retry_wait(target, exchange, attempt)
            time.sleep(wait)
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return min(self.policy.max_retry_wait, self.policy.backoff_base * 2**attempt)

    def _retry_wait(self, target: Target, exchange: _Exchange, attempt: int) -> float:
        retry_after = parse_retry_after(exchange.headers.get("retry-after"), dt.datetime.now(dt.timezone.utc))
        if retry_after is None:
            return self._backoff(attempt)
        if retry_after > self.policy.max_retry_wait:
            raise FetchError(Reason.RETRY_AFTER_TOO_LONG,
                f"{target.url} answered {exchange.status} with Retry-After {retry_after:.0f} s "
                f"(more than {self.policy.max_retry_wait:.0f} s)",
            )
        return retry_after

    def _checked_addresses(self, target: Target) -> list[str]:
        """The host's addresses, all of them allowed, or a `private_address`/`dns` failure."""
        if not self.policy.allow_private_hosts and target.host in METADATA_HOSTS:
            raise FetchError(Reason.PRIVATE_ADDRESS, f"{target.host} is a cloud metadata endpoint")
        try:
            addresses = list(self._resolve(target.host, target.port))
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(Reason.DNS, f"{target.host} does not resolve: {error}") from error
        if not addresses:
            raise FetchError(Reason.DNS, f"{target.host} resolves to no address")
        if not self.policy.allow_private_hosts:
            for address in addresses:
                why = forbidden_address_reason(address)
                if why:
                    raise FetchError(Reason.PRIVATE_ADDRESS, f"{target.host} resolves to {address} ({why})")
        return addresses

    def _connection(self, target: Target, addresses: list[str], deadline: float) -> http.client.HTTPConnection:
        if target.scheme == "https":
            return _PinnedHTTPSConnection(target, addresses, self._opener, self.policy, deadline,
                                          self._tls or system_tls_context())
        return _PinnedHTTPConnection(target, addresses, self._opener, self.policy, deadline)

    def _exchange(self, target: Target, headers: list[tuple[str, str]],
                  accept: tuple[str, ...] | None) -> _Exchange:
        """One request and its answer, every failure mapped to a `FetchError`."""
        addresses = self._checked_addresses(target)
        deadline = time.monotonic() + self.policy.total_timeout
        connection = self._connection(target, addresses, deadline)
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            raise _connect_error(target, error) from error
        try:
            return self._send_and_read(connection, target, headers, accept)
        except _TotalTimeout as error:
            raise FetchError(Reason.TIMEOUT, f"{target.url}: no complete answer within {self.policy.total_timeout} s") \
                from error
        except TimeoutError as error:
            if time.monotonic() >= deadline - 0.01:  # the socket's last wait was cut to the deadline
                raise FetchError(Reason.TIMEOUT, f"{target.url}: no complete answer within "
                                                 f"{self.policy.total_timeout} s") from error
            raise FetchError(Reason.TIMEOUT, f"{target.url}: nothing received for {self.policy.read_timeout} s") from error
        except http.client.IncompleteRead as error:
            raise FetchError(Reason.TRUNCATED, f"{target.url}: the connection closed after {len(error.partial)} "
                                               "bytes of a chunked body") from error
        except (ConnectionError, http.client.RemoteDisconnected) as error:
            raise FetchError(Reason.CONNECTION_RESET, f"{target.url}: {type(error).__name__}: {error}") from error
        except (http.client.HTTPException, ssl.SSLError, OSError) as error:
            raise FetchError(Reason.BAD_RESPONSE, f"{target.url}: {type(error).__name__}: {error}") from error
        finally:
            connection.close()

    def _send_and_read(self, connection: http.client.HTTPConnection, target: Target,
                       headers: list[tuple[str, str]], accept: tuple[str, ...] | None) -> _Exchange:
        connection.putrequest("GET", target.request_target, skip_accept_encoding=True)
        default_headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": ", ".join(accept) if accept else "*/*",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "close",
        }
        overridden = {name.lower() for name, _ in headers}
        for name, value in [*((n, v) for n, v in default_headers.items() if n.lower() not in overridden), *headers]:
            connection.putheader(name, value)
        connection.endheaders()
        answer = connection.getresponse()
        response_headers: dict[str, str] = {}
        for name, value in answer.getheaders():
            key = name.lower()
            response_headers[key] = f"{response_headers[key]}, {value}" if key in response_headers else value
        if not 200 <= answer.status < 300:
            return _Exchange(answer.status, response_headers, b"")
        if accept is not None:
            content_type, _ = media_type(response_headers.get("content-type"))
            if content_type not in accept:
                raise FetchError(Reason.CONTENT_TYPE, f"{target.url} is {content_type or 'untyped'}, "
                                                 f"not one of {', '.join(accept)}")
        return _Exchange(answer.status, response_headers, self._read_body(answer, target, response_headers))

    def _read_body(self, answer: http.client.HTTPResponse, target: Target, headers: dict[str, str]) -> bytes:
        """The body, decoded, capped at `max_bytes` both as sent and once decoded."""
        limit = self.policy.max_bytes
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(Reason.TOO_LARGE, f"{target.url} announces {length} bytes (cap {limit})")
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(Reason.CONTENT_ENCODING, f"{target.url} is {encoding}-encoded (only gzip and deflate)")
        decoder = _BodyDecoder(encoding, limit) if encoding != "identity" else None
        chunks: list[bytes] = []
        received = 0
        for chunk in _chunks(answer):
            received += len(chunk)
            if received > limit:
                raise FetchError(Reason.TOO_LARGE, f"{target.url} sent more than {limit} bytes")
            if decoder:
                decoder.feed(chunk)
            else:
                chunks.append(chunk)
        if length.isdigit() and received < int(length):
            raise FetchError(Reason.TRUNCATED, f"{target.url}: the connection closed after {received} of the "
                                               f"{length} bytes announced")
        return decoder.body() if decoder else b"".join(chunks)


def _chunks(answer: http.client.HTTPResponse) -> Iterator[bytes]:
    """The raw body in pieces as they arrive."""
    while chunk := answer.read1(CHUNK_SIZE):
        yield chunk


def _connect_error(target: Target, error: BaseException) -> FetchError:
    """A connection failure as a reason politeness can act on."""
    where = f"{target.host}:{target.port}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return FetchError(Reason.TLS_CERTIFICATE, f"{where}: {error.verify_message or error}")
    if isinstance(error, ssl.SSLError):
        return FetchError(Reason.TLS, f"{where}: {error}")
    if isinstance(error, ConnectionRefusedError):
        return FetchError(Reason.CONNECTION_REFUSED, f"{where} refused the connection")
    if isinstance(error, TimeoutError):
        return FetchError(Reason.CONNECT_TIMEOUT, f"{where} did not accept a connection in time")
    if isinstance(error, socket.gaierror):
        return FetchError(Reason.DNS, f"{target.host} does not resolve: {error}")
    return FetchError(Reason.UNREACHABLE, f"{where}: {error}")
