"""The HTTP client against a real loopback server: statuses, retries, bounds, redirects, SSRF."""
from __future__ import annotations

import datetime as dt
import shutil
import socket
import ssl
import subprocess
import time

import pytest

from tests.http_fixture import (
    MEGABYTE,
    FixtureServer,
    Replies,
    Reply,
    compressed,
    gzip_bomb,
    html,
    never_answer,
    redirect,
    refusing_port,
    serve,
    slow_drip,
    stream_bytes,
)
from casualty_events.transforms.http import (
    FetchError,
    FetchPolicy,
    HttpClient,
    forbidden_address_reason,
    parse_retry_after,
    system_tls_context,
)

HTML = ("text/html", "application/xhtml+xml")
LOCAL = FetchPolicy(allow_private_hosts=True, connect_timeout=2, read_timeout=2, total_timeout=5,
                    backoff_base=0.01, max_bytes=MEGABYTE)
PUBLIC_NAME = "news.example"
PUBLIC_ADDRESS = "93.184.215.14"  # globally routable; only ever "reached" through the opener seam below


def fetch_error(client: HttpClient, url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        client.get(url, **kwargs)
    return caught.value


def public_name_client(policy: FetchPolicy, server: FixtureServer, **kwargs) -> HttpClient:
    """A client that resolves `news.example` to a public address and connects that address to `server`."""
    resolved: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        resolved.append(host)
        if host == PUBLIC_NAME:
            return [PUBLIC_ADDRESS]
        return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]

    def opener(address: tuple[str, int], timeout: float) -> socket.socket:
        ip, port = address
        assert ip != "127.0.0.1" or policy.allow_private_hosts, "a refused address was connected to"
        return socket.create_connection(("127.0.0.1", server.port) if ip == PUBLIC_ADDRESS else address, timeout)

    client = HttpClient(policy, resolve=resolve, opener=opener, **kwargs)
    client.resolved = resolved
    return client


def test_ok_response_carries_final_url_type_charset_and_lower_case_headers(http_server):
    http_server.route("/page", Reply(200, b"<p>hi</p>", (("Content-Type", "text/html; charset=ISO-8859-1"),
                                                         ("X-Thing", "1"))))
    response = HttpClient(LOCAL).get(http_server.url("/page"), accept=HTML)
    assert (response.status, response.body, response.content_type, response.charset) == \
        (200, b"<p>hi</p>", "text/html", "ISO-8859-1")
    assert response.url == http_server.url("/page")
    assert response.headers["x-thing"] == "1"
    [logged] = http_server.log
    assert logged.headers["user-agent"].startswith("casualty-events/")
    assert "+https://" in logged.headers["user-agent"]
    assert logged.headers["accept"] == "text/html, application/xhtml+xml"


def test_404_fails_at_once_without_retry(http_server):
    assert fetch_error(HttpClient(LOCAL), http_server.url("/missing")).reason == "http_404"
    assert len(http_server.log) == 1


def test_500_then_200_is_retried(http_server):
    http_server.route("/flaky", Replies(html("down", 500), html("up")))
    assert HttpClient(LOCAL).get(http_server.url("/flaky")).body == b"up"
    assert [logged.status for logged in http_server.log] == [500, 200]


def test_500_forever_gives_up_after_max_retries(http_server):
    http_server.route("/down", html("down", 500))
    assert fetch_error(HttpClient(LOCAL), http_server.url("/down")).reason == "http_500"
    assert len(http_server.log) == 1 + LOCAL.max_retries


def test_429_waits_for_retry_after_then_succeeds(http_server):
    http_server.route("/busy", Replies(Reply(429, b"", (("Retry-After", "1"),)), html("ok")))
    assert HttpClient(LOCAL).get(http_server.url("/busy")).body == b"ok"
    first, second = http_server.log
    assert second.start - first.end >= 1.0


def test_retry_after_longer_than_the_cap_gives_up_with_a_reason(http_server):
    http_server.route("/busy", Reply(503, b"", (("Retry-After", "3600"),)))
    error = fetch_error(HttpClient(LOCAL), http_server.url("/busy"))
    assert error.reason == "retry_after_too_long"
    assert len(http_server.log) == 1


def test_retry_after_accepts_seconds_and_http_dates():
    now = dt.datetime(2026, 11, 21, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Sat, 21 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Sat, 21 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_a_server_that_never_answers_times_out(http_server):
    http_server.route("/silent", never_answer)
    started = time.monotonic()
    error = fetch_error(HttpClient(FetchPolicy(allow_private_hosts=True, read_timeout=0.3)), http_server.url("/silent"))
    assert error.reason == "timeout"
    assert time.monotonic() - started < 2


def test_a_slow_drip_body_stops_at_the_total_timeout(http_server):
    http_server.route("/drip", slow_drip(0.05))
    policy = FetchPolicy(allow_private_hosts=True, read_timeout=1.0, total_timeout=0.5)
    started = time.monotonic()
    error = fetch_error(HttpClient(policy), http_server.url("/drip"))
    elapsed = time.monotonic() - started
    assert error.reason == "timeout"
    assert 0.5 <= elapsed < 1.5
    assert http_server.log[0].bytes_sent >= 3  # bytes kept arriving: only the total deadline could stop it


@pytest.mark.parametrize("announce_length", [True, False])
def test_a_50_megabyte_body_is_refused_at_the_cap(http_server, announce_length):
    http_server.route("/huge", stream_bytes(50 * MEGABYTE, announce_length))
    started = time.monotonic()
    error = fetch_error(HttpClient(LOCAL), http_server.url("/huge"))
    assert error.reason == "too_large"
    assert time.monotonic() - started < 3
    assert http_server.log[0].bytes_sent < 50 * MEGABYTE  # the client hung up long before the end


def test_a_body_just_under_the_cap_is_read_whole(http_server):
    http_server.route("/big", stream_bytes(MEGABYTE, announce_length=False))
    assert len(HttpClient(LOCAL).get(http_server.url("/big")).body) == MEGABYTE


def test_a_gzip_bomb_stops_at_the_decoded_cap(http_server):
    bomb = gzip_bomb(64 * MEGABYTE)
    assert len(bomb.body) < LOCAL.max_bytes
    http_server.route("/bomb", bomb)
    error = fetch_error(HttpClient(LOCAL), http_server.url("/bomb"))
    assert error.reason == "too_large"
    assert "decoded" in error.detail


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_decoded(http_server, encoding):
    page = b"<html>" + b"casualties " * 1000 + b"</html>"
    http_server.route("/zipped", compressed(page, encoding))
    assert HttpClient(LOCAL).get(http_server.url("/zipped")).body == page


def test_a_corrupt_gzip_body_is_a_bad_encoding(http_server):
    http_server.route("/broken", Reply(200, b"\x1f\x8b\x08\x00garbage", (("Content-Encoding", "gzip"),)))
    assert fetch_error(HttpClient(LOCAL), http_server.url("/broken")).reason == "bad_encoding"


def test_a_redirect_loop_is_detected(http_server):
    http_server.route("/a", redirect("/b"))
    http_server.route("/b", redirect(http_server.url("/a")))
    assert fetch_error(HttpClient(LOCAL), http_server.url("/a")).reason == "redirect_loop"
    assert [logged.path for logged in http_server.log] == ["/a", "/b"]


def test_too_many_redirects(http_server):
    for hop in range(10):
        http_server.route(f"/hop{hop}", redirect(f"/hop{hop + 1}", 301))
    policy = FetchPolicy(allow_private_hosts=True, max_redirects=3)
    assert fetch_error(HttpClient(policy), http_server.url("/hop0")).reason == "too_many_redirects"
    assert len(http_server.log) == 4


def test_relative_redirects_are_followed_to_the_final_url(http_server):
    http_server.route("/old", redirect("new?x=1", 308))
    http_server.route("/new", html("moved"))
    response = HttpClient(LOCAL).get(http_server.url("/old"))
    assert (response.body, response.url) == (b"moved", http_server.url("/new?x=1"))


def test_a_wrong_content_type_is_refused_before_the_body_is_read(http_server):
    http_server.route("/report.pdf", stream_bytes(5 * MEGABYTE, True, content_type="application/pdf"))
    error = fetch_error(HttpClient(FetchPolicy(allow_private_hosts=True)), http_server.url("/report.pdf"), accept=HTML)
    assert error.reason == "content_type"
    assert "application/pdf" in error.detail
    assert http_server.log[0].bytes_sent < 5 * MEGABYTE


def test_conditional_get_returns_304(http_server):
    http_server.route("/feed", Replies(Reply(304, b"", (("ETag", '"v1"'),))))
    response = HttpClient(LOCAL).get(http_server.url("/feed"), headers={"If-None-Match": '"v1"'})
    assert (response.status, response.body, response.headers["etag"]) == (304, b"", '"v1"')
    assert http_server.log[0].headers["if-none-match"] == '"v1"'


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_only_http_and_https(url):
    assert fetch_error(HttpClient(LOCAL), url).reason == "scheme"


def test_a_refused_connection_and_an_unknown_name_have_their_reasons():
    with refusing_port() as port:
        assert fetch_error(HttpClient(LOCAL), f"http://127.0.0.1:{port}/").reason == "connection_refused"

    def no_such_name(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    assert fetch_error(HttpClient(LOCAL, resolve=no_such_name), "http://gone.example/").reason == "dns"


@pytest.mark.parametrize(
    "address, forbidden",
    [
        ("93.184.215.14", False),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", False),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("100.64.0.1", True),  # carrier-grade NAT
        ("169.254.169.254", True),  # cloud metadata
        ("fd00:ec2::254", True),  # AWS metadata over IPv6
        ("fe80::1", True),
        ("224.0.0.1", True),
        ("0.0.0.0", True),
        ("240.0.0.1", True),
        ("::ffff:127.0.0.1", True),  # IPv4-mapped loopback
        ("2002:7f00:1::", True),  # 6to4 of loopback
        ("64:ff9b::7f00:1", True),  # NAT64 of loopback
        ("64:ff9b::5db8:d70e", False),  # NAT64 of a public address
    ],
)
def test_forbidden_addresses(address, forbidden):
    assert (forbidden_address_reason(address) is not None) is forbidden


@pytest.mark.parametrize(
    "url_template",
    [
        "http://127.0.0.1:{port}/secret",
        "http://localhost:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
        "http://2130706433:{port}/secret",  # 127.0.0.1 as one decimal number
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
    ],
)
def test_private_and_metadata_addresses_are_refused_directly_and_through_a_redirect(url_template):
    with serve() as public, serve() as internal:
        internal.route("/secret", html("the keys"))
        target = url_template.format(port=internal.port)
        public.route("/story", redirect(target))
        client = public_name_client(FetchPolicy(), public)

        assert fetch_error(client, target).reason == "private_address"
        error = fetch_error(client, f"http://{PUBLIC_NAME}:{public.port}/story")
        assert error.reason == "private_address"
        assert [logged.path for logged in public.log] == ["/story"]  # the allowed first hop was fetched
        assert internal.log == []  # nothing reached the service behind the refused address


def test_the_connection_goes_to_the_checked_address_with_the_name_in_host(http_server):
    http_server.route("/story", html("ok"))
    client = public_name_client(FetchPolicy(), http_server)
    assert client.get(f"http://{PUBLIC_NAME}:{http_server.port}/story").body == b"ok"
    assert client.resolved == [PUBLIC_NAME]  # resolved once; the connection used that answer
    assert http_server.log[0].headers["host"] == f"{PUBLIC_NAME}:{http_server.port}"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for news.example (needs the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "2", "-subj", f"/CN={PUBLIC_NAME}", "-addext", f"subjectAltName=DNS:{PUBLIC_NAME}",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True,
    )
    return folder / "cert.pem", folder / "key.pem"


def test_https_sends_the_name_as_sni_and_checks_the_certificate_against_it(certificate):
    cert, key = certificate
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_context.sni_callback = lambda _socket, name, _context: names.append(name)
    trusting = ssl.create_default_context(cafile=str(cert))
    with serve(tls_context=server_context) as server:
        server.route("/story", html("secure"))
        url = f"https://{PUBLIC_NAME}:{server.port}/story"
        assert public_name_client(FetchPolicy(), server, tls_context=trusting).get(url).body == b"secure"
        assert names == [PUBLIC_NAME]
        assert fetch_error(public_name_client(FetchPolicy(), server), url).reason == "tls_certificate"


def test_the_systems_certificates_are_loaded_once_a_process_and_only_for_https(certificate, monkeypatch):
    """A load takes 21 ms and a run makes a client per fetch: a plain-HTTP fetch loads nothing, and every client
    checks HTTPS servers against one load of the system's certificates."""
    cert, key = certificate
    loads = []
    load = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *args, **kwargs: loads.append(1) or load(*args, **kwargs))
    system_tls_context.cache_clear()
    with serve() as server:
        server.route("/story", html("plain"))
        client = public_name_client(FetchPolicy(), server)
        assert client.get(f"http://{PUBLIC_NAME}:{server.port}/story").body == b"plain"
    assert loads == []
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    with serve(tls_context=server_context) as server:
        server.route("/story", html("secure"))
        url = f"https://{PUBLIC_NAME}:{server.port}/story"
        for _ in range(2):  # two clients, as a run's stages make: its certificate is checked, and refused, by both
            assert fetch_error(public_name_client(FetchPolicy(), server), url).reason == "tls_certificate"
    assert loads == [1]
