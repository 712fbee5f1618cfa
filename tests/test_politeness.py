"""Polite fetching, checked from the server's own request log: robots.txt, per-host turns, dead hosts, files."""
from __future__ import annotations

import dataclasses
import pickle
import socket
import threading
import time

import pytest

from tests.http_fixture import (
    MEGABYTE,
    by_host,
    gaps,
    html,
    never_answer,
    redirect,
    refusing_port,
    robots,
)
from casualty_events.transforms.http import FetchError, FetchPolicy, HttpClient
from casualty_events.transforms.politeness import (
    FetchOutcome, FetchRequest, PoliteFetcher, hosts_in_turn, polite_fetch, politeness_host,
)

CRAWL_DELAY = 0.2
POLICY = FetchPolicy(allow_private_hosts=True, min_host_gap=0.05, connect_timeout=2, read_timeout=2,
                     total_timeout=5, backoff_base=0.01, max_bytes=MEGABYTE)
HTML = ("text/html",)


def outcomes_by_url(requests: list[FetchRequest], policy: FetchPolicy = POLICY, **kwargs) -> dict[str, FetchOutcome]:
    outcomes = list(polite_fetch(requests, policy, **kwargs))
    assert sorted(o.request.payload for o in outcomes) == sorted(r.payload for r in requests)  # one each
    return {outcome.request.url: outcome for outcome in outcomes}


def reason(outcome: FetchOutcome) -> str:
    return outcome.error.reason if outcome.error else f"ok {outcome.response.status}"


def test_crawl_delay_one_request_at_a_time_per_host_and_hosts_in_parallel(http_server):
    http_server.route("/robots.txt", robots(f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\nDisallow: /private\n"))
    for page in range(4):
        http_server.route(f"/p{page}", html(f"page {page}"))
    urls = [http_server.url(f"/p{page}", host) for host in ("127.0.0.1", "localhost") for page in range(4)]
    urls.append(http_server.url("/private/a", "127.0.0.1"))

    outcomes = outcomes_by_url([FetchRequest(url, payload=url) for url in urls])

    assert reason(outcomes[http_server.url("/private/a")]) == "robots_disallowed"
    assert sum(reason(outcome) == "ok 200" for outcome in outcomes.values()) == 8
    hosts = by_host(http_server.log)
    assert set(hosts) == {"127.0.0.1", "localhost"}
    for requests in hosts.values():
        assert [r.path for r in requests][0] == "/robots.txt"  # fetched once per host, before anything else
        assert sorted(r.path for r in requests[1:]) == ["/p0", "/p1", "/p2", "/p3"]  # never /private
        assert min(gaps(requests)) >= CRAWL_DELAY  # so no two requests to one host overlap either
    first, second = hosts.values()
    assert max(first[0].start, second[0].start) < min(first[-1].end, second[-1].end)  # hosts ran side by side


def test_without_crawl_delay_the_minimum_gap_holds(http_server):
    for page in range(3):
        http_server.route(f"/p{page}", html("x"))
    policy = FetchPolicy(allow_private_hosts=True, min_host_gap=0.15)
    outcomes_by_url([FetchRequest(http_server.url(f"/p{page}"), payload=page) for page in range(3)], policy)
    requests = by_host(http_server.log)["127.0.0.1"]
    assert [r.path for r in requests] == ["/robots.txt", "/p0", "/p1", "/p2"]  # robots.txt 404: allow all
    assert min(gaps(requests)) >= 0.15


def test_after_another_stage_each_hosts_first_request_waits_its_gap_too(http_server):
    http_server.route("/p", html("x"))
    policy = FetchPolicy(allow_private_hosts=True, min_host_gap=0.2)
    called = time.monotonic()
    list(polite_fetch([FetchRequest(http_server.url("/p"), payload=1)], policy, follows_another_stage=True))
    assert http_server.log[0].start - called >= 0.2


def test_robots_txt_that_fails_disallows_the_host_for_this_run(http_server):
    http_server.route("/robots.txt", html("oops", 500))
    urls = [http_server.url(f"/p{page}") for page in range(3)]
    outcomes = outcomes_by_url([FetchRequest(url, payload=url) for url in urls],
                               FetchPolicy(allow_private_hosts=True, max_retries=0, min_host_gap=0))
    assert {reason(outcome) for outcome in outcomes.values()} == {"robots_unavailable"}
    assert [r.path for r in http_server.log] == ["/robots.txt"]


def test_a_crawl_delay_beyond_the_cap_skips_the_site(http_server):
    http_server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 3600\n"))
    urls = [http_server.url(f"/p{page}") for page in range(2)]
    outcomes = outcomes_by_url([FetchRequest(url, payload=url) for url in urls])
    assert {reason(outcome) for outcome in outcomes.values()} == {"crawl_delay_too_long"}
    assert [r.path for r in http_server.log] == ["/robots.txt"]


def test_robots_txt_is_ignored_when_the_policy_says_so(http_server):
    http_server.route("/robots.txt", robots("User-agent: *\nDisallow: /\n"))
    http_server.route("/p", html("x"))
    policy = FetchPolicy(allow_private_hosts=True, obey_robots=False, min_host_gap=0)
    outcomes = outcomes_by_url([FetchRequest(http_server.url("/p"), payload=1)], policy)
    assert reason(outcomes[http_server.url("/p")]) == "ok 200"
    assert [r.path for r in http_server.log] == ["/p"]


def test_a_redirect_to_another_host_obeys_that_hosts_robots_txt(http_server):
    http_server.route("/robots.txt", robots("User-agent: casualty-events\nDisallow: /private\n"))
    http_server.route("/go", redirect(http_server.url("/private/a", "localhost")))
    outcomes = outcomes_by_url([FetchRequest(http_server.url("/go"), payload=1)])
    assert reason(outcomes[http_server.url("/go")]) == "robots_disallowed"
    assert "/private/a" not in [r.path for r in http_server.log]


def test_a_host_that_refuses_fails_its_other_urls_at_once():
    policy = FetchPolicy(allow_private_hosts=True, min_host_gap=5.0)
    started = time.monotonic()
    with refusing_port() as port:
        urls = [f"http://127.0.0.1:{port}/{page}" for page in range(5)]
        outcomes = list(polite_fetch([FetchRequest(url, payload=url) for url in urls], policy))
    assert time.monotonic() - started < 1.0  # no gap is waited for a dead host
    assert [reason(outcome) for outcome in outcomes] == ["connection_refused"] + ["host_failed_earlier"] * 4


def test_a_host_that_keeps_timing_out_is_given_up(http_server):
    for page in range(5):
        http_server.route(f"/p{page}", never_answer)
    policy = FetchPolicy(allow_private_hosts=True, obey_robots=False, min_host_gap=0, read_timeout=0.2,
                         max_host_timeouts=2)
    urls = [http_server.url(f"/p{page}") for page in range(5)]
    outcomes = list(polite_fetch([FetchRequest(url, payload=url) for url in urls], policy))
    assert [reason(outcome) for outcome in outcomes] == ["timeout"] * 2 + ["host_failed_earlier"] * 3
    assert [r.path for r in http_server.log] == ["/p0", "/p1"]


def test_a_timeout_between_answers_does_not_give_the_host_up(http_server):
    http_server.route("/slow", never_answer)
    http_server.route("/fast", html("x"))
    policy = FetchPolicy(allow_private_hosts=True, obey_robots=False, min_host_gap=0, read_timeout=0.2,
                         max_host_timeouts=2)
    paths = ["/slow", "/fast", "/slow", "/fast"]
    outcomes = list(polite_fetch([FetchRequest(http_server.url(p), payload=n) for n, p in enumerate(paths)], policy))
    assert [reason(outcome) for outcome in outcomes] == ["timeout", "ok 200", "timeout", "ok 200"]


def test_a_host_that_does_not_resolve_is_looked_up_once():
    lookups: list[str] = []

    def no_such_name(host: str, port: int) -> list[str]:
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    client = HttpClient(POLICY, resolve=no_such_name)
    urls = [f"http://gone.example/{page}" for page in range(4)]
    outcomes = list(polite_fetch([FetchRequest(url, payload=url) for url in urls], POLICY, client=client))
    assert [reason(outcome) for outcome in outcomes] == ["dns"] + ["host_failed_earlier"] * 3
    assert lookups == ["gone.example"]


@pytest.mark.parametrize(("parallel_hosts", "hosts"), [(2, 5), (3, 3)])
def test_at_most_the_policys_parallel_hosts_are_fetched_at_once(http_server, parallel_hosts, hosts):
    """Each page waits until `parallel_hosts` pages are in flight (so that many hosts are fetched at once), and no
    more are ever in flight together, nor more fetching threads at work: the run's pace on the open web is that
    many hosts' pages per gap."""
    in_flight, most, most_threads = [0], [0], [0]
    lock, together = threading.Lock(), threading.Barrier(parallel_hosts, timeout=10)
    hosts_left = [hosts]

    def page(exchange):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            fetching = sum(thread.name.startswith("polite-fetch") for thread in threading.enumerate())
            most_threads[0] = max(most_threads[0], fetching)
            last_wave = hosts_left[0] <= hosts % parallel_hosts  # fewer than `parallel_hosts` are left to come
            hosts_left[0] -= 1
        try:
            if not last_wave:
                together.wait()
            html("page")(exchange)
        finally:
            with lock:
                in_flight[0] -= 1

    http_server.route("/p", page)
    client = HttpClient(POLICY, resolve=lambda host, port: ["127.0.0.1"])
    urls = [http_server.url("/p", f"host{number}.example") for number in range(hosts)]
    policy = dataclasses.replace(POLICY, parallel_hosts=parallel_hosts)
    outcomes = outcomes_by_url([FetchRequest(url, payload=url) for url in urls], policy, client=client)
    assert [reason(outcomes[url]) for url in urls] == ["ok 200"] * hosts
    assert most[0] == parallel_hosts and most_threads[0] == parallel_hosts


def test_local_files_are_read_only_when_allowed(tmp_path):
    (tmp_path / "story.html").write_bytes(b"<p>story</p>")
    (tmp_path / "feed.rss").write_bytes(b"<rss/>")
    with (tmp_path / "huge.html").open("wb") as huge:
        huge.truncate(MEGABYTE + 1)  # sparse: nothing big is written or allocated
    story = str(tmp_path / "story.html")
    requests = [
        FetchRequest(story, payload="bare path", accept=HTML, allow_file=True),
        FetchRequest((tmp_path / "feed.rss").as_uri(), payload="file url", allow_file=True),
        FetchRequest((tmp_path / "feed.rss").as_uri(), payload="feed as article", accept=HTML, allow_file=True),
        FetchRequest(str(tmp_path / "missing.html"), payload="missing", allow_file=True),
        FetchRequest(str(tmp_path / "huge.html"), payload="huge", allow_file=True),
        FetchRequest(story, payload="not allowed"),
        FetchRequest((tmp_path / "story.html").as_uri(), payload="not allowed either"),
        FetchRequest("file://elsewhere.example/etc/passwd", payload="another machine", allow_file=True),
    ]
    outcomes = {outcome.request.payload: outcome for outcome in polite_fetch(requests, POLICY)}
    bare = outcomes["bare path"].response
    assert (bare.body, bare.content_type, bare.url) == (b"<p>story</p>", "text/html",
                                                        (tmp_path / "story.html").as_uri())
    assert outcomes["file url"].response.content_type == "application/xml"
    assert {payload: reason(outcome) for payload, outcome in outcomes.items()} == {
        "bare path": "ok 200",
        "file url": "ok 200",
        "feed as article": "content_type",
        "missing": "file_not_found",
        "huge": "too_large",
        "not allowed": "scheme",
        "not allowed either": "scheme",
        "another machine": "scheme",
    }


def test_malformed_urls_fail_with_a_reason():
    requests = [FetchRequest("http://[broken/", payload=1), FetchRequest("mailto:desk@example.org", payload=2),
                FetchRequest("http:///no-host", payload=3)]
    assert sorted(reason(outcome) for outcome in polite_fetch(requests, POLICY)) == ["bad_url", "bad_url", "scheme"]


def test_an_unforeseen_failure_becomes_an_error_row_not_a_crash():
    class BrokenClient(HttpClient):
        def get(self, url, headers=None, accept=None, *, hop_guard=None):
            raise RuntimeError("bug")

    outcome = PoliteFetcher(POLICY, BrokenClient(POLICY)).outcome(FetchRequest("http://example.org/", payload=1))
    assert (outcome.response, outcome.error.reason) == (None, "internal_error")
    assert "RuntimeError: bug" in outcome.error.detail


def test_a_consumer_that_stops_early_does_not_hang(http_server):
    for page in range(20):
        http_server.route(f"/p{page}", html("x"))
    requests = [FetchRequest(http_server.url(f"/p{page}"), payload=page) for page in range(20)]
    outcomes = polite_fetch(requests, FetchPolicy(allow_private_hosts=True, min_host_gap=0.05))
    next(outcomes)
    started = time.monotonic()
    outcomes.close()
    assert time.monotonic() - started < 1.0
    assert len(http_server.log) < 21  # robots.txt and a few pages, not all twenty


def test_fetch_error_survives_pickling():
    error = pickle.loads(pickle.dumps(FetchError("http_404", "gone")))
    assert (error.reason, error.detail) == ("http_404", "gone")


@pytest.mark.parametrize("url, host", [("http://Example.ORG:8080/a", "example.org"),
                                       ("https://example.org/b", "example.org"),
                                       ("file:///tmp/x.html", ""), ("/tmp/x.html", "")])
def test_politeness_host_is_the_lower_case_name_without_port(url, host):
    assert politeness_host(url) == host


def test_a_runs_entries_take_the_hosts_in_turn():
    """A run fetches its entries in chunks: in URL order a chunk would hold a few hosts' pages, each host's fetched
    one at a time with its gap; in turns it holds a few pages of every host."""
    urls = ["http://a.example/1", "http://a.example/2", "http://a.example/3", "http://B.example:8080/1",
            "http://b.example/2", "http://c.example/1", "file:///srv/news/1.html", "not a url"]
    in_turn = [urls[position] for position in hosts_in_turn(urls)]
    assert in_turn == ["http://a.example/1", "http://B.example:8080/1", "http://c.example/1",
                       "file:///srv/news/1.html",  # local files and malformed URLs have no host: one queue
                       "http://a.example/2", "http://b.example/2", "not a url", "http://a.example/3"]
    assert hosts_in_turn([]) == []
