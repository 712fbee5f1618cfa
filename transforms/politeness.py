"""Polite fetching: robots.txt, one request at a time per host with a gap, hosts in parallel.

Beam-free. Host identity for politeness is the host *name* (lower case, no
port): the ports of one name are usually one machine, so they share one
queue and one gap. robots.txt is per origin (scheme, host, port), as RFC 9309
says, fetched once per origin per run: each call of `polite_fetch` keeps what it read, and a run's stages and
chunks share it through the run's `robots_dir` (one small JSON file per origin).
robots.txt answers: 2xx -> its rules; 4xx (but 429) -> allow all; 429, 5xx,
timeouts and other failures -> disallow all for this run (RFC 9309 2.3.1.4,
reason `robots_unavailable`; the next run asks again); a host that does not
resolve or refuses -> that reason. A Crawl-delay (or Request-rate) longer than
`max_crawl_delay` skips the origin (`crawl_delay_too_long`) rather than stall
its bucket for hours. Every request, redirect hops and retries
included, takes a turn on its host: at most one in flight per host, and at
least max(min_host_gap, Crawl-delay) from the end of one to the start of the
next. A host that fails to resolve or to connect, or times out
`max_host_timeouts` times in a row, fails its remaining URLs at once with
`host_failed_earlier`.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import queue
import threading
import time
from collections.abc import Iterable, Iterator

from protego import Protego

from casualty_events.schemas.codes import Reason
from casualty_events.transforms.http import HOST_FAILURE_REASONS, FetchError, FetchPolicy, HttpClient, Response, parse_target
from casualty_events.transforms.local_files import is_local, read_local
from casualty_events.transforms.storage import Location

# robots.txt failures that say something about the host itself: its URLs fail with the same reason.
ROBOTS_PASSTHROUGH_REASONS = HOST_FAILURE_REASONS | {Reason.PRIVATE_ADDRESS, Reason.HOST_FAILED_EARLIER, Reason.TLS,
                                                     Reason.TLS_CERTIFICATE}


@dataclasses.dataclass(frozen=True)
class FetchRequest:
    """A URL to fetch and whatever the caller needs back with the outcome."""

    url: str
    payload: object
    headers: tuple[tuple[str, str], ...] = ()
    accept: tuple[str, ...] | None = None
    allow_file: bool = False


@dataclasses.dataclass(frozen=True)
class FetchOutcome:
    """A request with its response or its error (exactly one of the two)."""

    request: FetchRequest
    response: Response | None
    error: FetchError | None
    fetched_at: dt.datetime


def politeness_host(url: str) -> str:
    """The host name a URL is scheduled under; '' for local files and malformed URLs."""
    try:
        return parse_target(url).host
    except FetchError:
        return ""


def hosts_in_turn(urls: list[str]) -> list[int]:
    """The positions of `urls` with each host taking its turn: the first URL of every host in the order the hosts
    first appear, then the second of each, and so on. Any stretch of the result asks many hosts for a few pages
    each; a stretch of URLs in their own order, where a host's pages are together, asks a few hosts for many, one
    at a time with a gap between them."""
    by_host: dict[str, list[int]] = {}
    for position, url in enumerate(urls):
        by_host.setdefault(politeness_host(url), []).append(position)
    return [position for turn in itertools.zip_longest(*by_host.values()) for position in turn if position is not None]


class HostTurns:
    """Per-host turns shared by all threads of one run: one request at a time, gaps, failed hosts."""

    def __init__(self, quiet_since: float = float("-inf"), max_timeouts: int = 2) -> None:
        """`quiet_since`: when a host not yet asked was last asked (now, if an earlier stage may just have).

        `max_timeouts`: a host that times out this many times in a row is given up like a dead one
        (one that accepts connections and never answers would otherwise cost a timeout per URL).
        """
        self._quiet_since, self._max_timeouts = quiet_since, max_timeouts
        self._timeouts_in_a_row: dict[str, int] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_end: dict[str, float] = {}
        self._failed: dict[str, FetchError] = {}

    def raise_if_failed(self, host: str) -> None:
        """A host that already failed to resolve or connect is not tried again in this run."""
        failure = self._failed.get(host)
        if failure is not None:
            raise FetchError(Reason.HOST_FAILED_EARLIER, f"{host} failed earlier in this run ({failure})")

    @contextlib.contextmanager
    def turn(self, host: str, gap: float) -> Iterator[None]:
        """Hold the host for one request, starting at least `gap` seconds after its previous one ended."""
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            self.raise_if_failed(host)
            wait = self._last_end.get(host, self._quiet_since) + gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            except FetchError as error:
                self._note_failure(host, error)
                raise
            else:
                self._timeouts_in_a_row.pop(host, None)
            finally:
                self._last_end[host] = time.monotonic()


    def _note_failure(self, host: str, error: FetchError) -> None:
        if error.reason == Reason.TIMEOUT:
            self._timeouts_in_a_row[host] = self._timeouts_in_a_row.get(host, 0) + 1
            if self._timeouts_in_a_row[host] >= self._max_timeouts:
                self._failed[host] = error
        elif error.reason in HOST_FAILURE_REASONS:
            self._failed[host] = error


class RobotsRules:
    """robots.txt per origin, fetched once with the same client and taking its turn like any request."""

    def __init__(self, client: HttpClient, turns: HostTurns, policy: FetchPolicy, store: str | None = None):
        """`store`: a folder (a path or URI) where the run keeps what each origin's robots.txt said."""
        self._client, self._turns, self._policy = client, turns, policy
        self._store = Location.of(store) if store else None
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, Protego | FetchError] = {}

    def crawl_delay(self, url: str) -> float:
        """The origin's delay for us; raises `robots_disallowed`, `robots_unavailable` or the host's failure."""
        target = parse_target(url)
        host = f"[{target.host}]" if ":" in target.host else target.host  # an IPv6 literal keeps its brackets
        rules = self._rules_for(f"{target.scheme}://{host}:{target.port}")
        if isinstance(rules, FetchError):
            raise rules
        token = self._policy.robots_token
        if not rules.can_fetch(url, token):
            raise FetchError(Reason.ROBOTS_DISALLOWED, f"robots.txt of {target.host} disallows {url}")
        delay = rules.crawl_delay(token) or 0.0
        rate = rules.request_rate(token)
        if rate is not None and rate.requests:
            delay = max(delay, rate.seconds / rate.requests)
        if delay > self._policy.max_crawl_delay:
            raise FetchError(Reason.CRAWL_DELAY_TOO_LONG, f"robots.txt of {target.host} asks for {delay:g} s between "
                                                     f"requests (more than {self._policy.max_crawl_delay:g} s)")
        return float(delay)

    def _rules_for(self, origin: str) -> Protego | FetchError:
        with self._lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            if origin not in self._rules:
                stored = self._stored(origin)
                self._rules[origin] = stored if stored is not None else self._fetch_and_store(origin)
            return self._rules[origin]

    def _stored_at(self, origin: str) -> Location | None:
        return self._store / f"{hashlib.sha256(origin.encode()).hexdigest()[:32]}.json" if self._store else None

    def _stored(self, origin: str) -> Protego | FetchError | None:
        """What an earlier stage or chunk of the run read from this origin, None if none did."""
        path = self._stored_at(origin)
        if path is None or not path.is_file():
            return None
        said = json.loads(path.read_bytes())
        return FetchError(said["reason"], said["detail"]) if "reason" in said else Protego.parse(said["rules"])

    def _fetch_and_store(self, origin: str) -> Protego | FetchError:
        rules, said = self._fetch(origin)
        path = self._stored_at(origin)
        if path is not None:
            path.write_bytes(json.dumps(said).encode())
        return rules

    def _fetch(self, origin: str) -> tuple[Protego | FetchError, dict]:
        """The origin's rules or failure, and what to store of them."""
        url = f"{origin}/robots.txt"
        try:
            response = self._client.get(url, hop_guard=self._robots_hop)
        except FetchError as error:
            if error.reason in ROBOTS_PASSTHROUGH_REASONS:
                return error, {"reason": error.reason, "detail": error.detail}
            if error.reason.startswith("http_4") and error.reason != "http_429":
                return Protego.parse(""), {"rules": ""}
            unavailable = FetchError(Reason.ROBOTS_UNAVAILABLE, f"{url} could not be read, so nothing is fetched "
                                                               f"from {origin} in this run ({error})")
            return unavailable, {"reason": unavailable.reason, "detail": unavailable.detail}
        text = response.body.decode(response.charset or "utf-8", errors="replace")
        return Protego.parse(text), {"rules": text}

    def _robots_hop(self, url: str) -> contextlib.AbstractContextManager[None]:
        return self._turns.turn(parse_target(url).host, self._policy.min_host_gap)


class PoliteFetcher:
    """Fetches requests one by one under the shared turns and robots rules of one run."""

    def __init__(self, policy: FetchPolicy, client: HttpClient, quiet_since: float = float("-inf"),
                 deadline: float | None = None, robots_dir: str | None = None):
        """`deadline`: a `time.time()` instant (the run's --max-run-minutes) after which nothing more is fetched;
        `robots_dir`: the run's store of robots.txt (see `RobotsRules`)."""
        self._policy, self._client, self._deadline = policy, client, deadline
        self._turns = HostTurns(quiet_since, policy.max_host_timeouts)
        self._robots = RobotsRules(client, self._turns, policy, robots_dir)

    def outcome(self, request: FetchRequest) -> FetchOutcome:
        """The request's outcome; any failure, even an unforeseen one, becomes an error with a reason."""
        response: Response | None = None
        error: FetchError | None = None
        try:
            if self._deadline is not None and time.time() > self._deadline:
                raise FetchError(Reason.RUN_DEADLINE, f"not fetched: the run's time (--max-run-minutes) was up; "
                                                      f"the next run fetches {request.url}")
            response = self._fetch(request)
        except FetchError as failure:
            error = failure
        except Exception as failure:  # a bug must not sink the bucket; it travels as a reject row
            error = FetchError(Reason.INTERNAL_ERROR, f"{type(failure).__name__}: {failure}")
        return FetchOutcome(request, response, error, dt.datetime.now(dt.timezone.utc))

    def _fetch(self, request: FetchRequest) -> Response:
        if is_local(request.url):
            if not request.allow_file:
                raise FetchError(Reason.SCHEME, f"local files are not read for this request: {request.url!r}")
            return read_local(request.url, self._policy.max_bytes, request.accept)
        return self._client.get(request.url, request.headers, request.accept, hop_guard=self._hop)

    @contextlib.contextmanager
    def _hop(self, url: str) -> Iterator[None]:
        host = parse_target(url).host
        self._turns.raise_if_failed(host)
        gap = self._policy.min_host_gap
        if self._policy.obey_robots:
            gap = max(gap, self._robots.crawl_delay(url))
        with self._turns.turn(host, gap):
            yield


@dataclasses.dataclass(frozen=True)
class _HostDone:
    """A host's worker finished; `error` is an exception it could not turn into outcomes."""

    error: BaseException | None


def _fetch_host(fetcher: PoliteFetcher, requests: list[FetchRequest], results: queue.Queue,
                cancelled: threading.Event) -> None:
    """One host's requests strictly in order, each outcome handed over as soon as it is known."""
    error: BaseException | None = None
    try:
        for request in requests:
            if cancelled.is_set():
                break
            results.put(fetcher.outcome(request))
    except BaseException as failure:  # handed to the consuming thread, which raises it
        error = failure
    results.put(_HostDone(error))


def polite_fetch(requests: Iterable[FetchRequest], policy: FetchPolicy, *, client: HttpClient | None = None,
                 follows_another_stage: bool = False, deadline: float | None = None,
                 robots_dir: str | None = None) -> Iterator[FetchOutcome]:
    """Outcomes of all requests as they complete: local files first, then hosts in parallel (up to the policy's
    `parallel_hosts` at once), each in order.

    `follows_another_stage`: an earlier stage of the run (the feeds) may just have asked these hosts, so every
    host's first request here waits its gap too. `robots_dir`: where the run keeps the robots.txt it read.
    """
    quiet_since = time.monotonic() if follows_another_stage else float("-inf")
    fetcher = PoliteFetcher(policy, client or HttpClient(policy), quiet_since, deadline, robots_dir)
    by_host: dict[str, list[FetchRequest]] = {}
    for request in requests:
        host = "" if is_local(request.url) else politeness_host(request.url)
        if host:
            by_host.setdefault(host, []).append(request)
        else:
            yield fetcher.outcome(request)  # local, or malformed: fails at once with its reason
    if not by_host:
        return
    results: queue.Queue = queue.Queue()
    cancelled = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(policy.parallel_hosts, len(by_host))),
                                                 thread_name_prefix="polite-fetch")
    try:
        for host_requests in by_host.values():
            pool.submit(_fetch_host, fetcher, host_requests, results, cancelled)
        for _ in by_host:
            while isinstance(item := results.get(), FetchOutcome):
                yield item
            if item.error is not None:
                raise item.error
    finally:
        cancelled.set()  # a consumer that stops early: workers finish the request in flight and stop
        pool.shutdown(wait=True, cancel_futures=True)
