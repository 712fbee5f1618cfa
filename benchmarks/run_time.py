"""Wall time of a first run over N new articles and of the no-change run after it.

Usage: python benchmarks/run_time.py [--articles N] [--hosts H] [--pages DIR ...] [--output DIR] [-- BEAM OPTIONS]

Builds N distinct article pages from the bundled seed pages and the .html pages
of the `--pages` folders, if any (each page with a paragraph of its own, so
every page has its own text and casualty statement), serves them from H
loopback addresses (127.0.0.2, 127.0.0.3, ...)
with one RSS feed per address, and times `casualties run` on them twice: the
first run fetches and extracts everything, the second finds nothing new. It
prints both times, articles/s of the first run, and the file counts of the
tables afterwards.
"""
from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import json
import pathlib
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence

SEED_PAGES = sorted((pathlib.Path(__file__).resolve().parent.parent / "seeds" / "articles").glob("*.html"))
TOWNS = ("Aleppo", "Mosul", "Kandahar", "Maiduguri", "Bakhmut", "Gao", "Mandalay", "Chicago", "Houston", "Medellin")


def corpus(folders: Sequence[pathlib.Path] = ()) -> list[str]:
    """The pages the articles are made from: the seed pages, then the .html pages of `folders` (real pages of other
    kinds, longer, and mostly not about casualties), decoded as UTF-8: a character of another encoding is served
    as a replacement character. A folder without a page is an error, not a corpus of the seed pages alone."""
    paths = list(SEED_PAGES)
    for folder in folders:
        found = sorted(folder.glob("*.html"))
        if not found:
            raise ValueError(f"{folder}: no .html pages there")
        paths += found
    return [path.read_bytes().decode("utf-8", errors="replace") for path in paths]


def page(number: int, bases: Sequence[str]) -> bytes:
    """The base page `number % len(bases)` with a paragraph that only this page has, after its first paragraph
    (else before its body's end)."""
    base = bases[number % len(bases)]
    town = TOWNS[number % len(TOWNS)]
    paragraph = (f"<p>In a separate incident reported as item {number}, {number % 17 + 2} people were killed "
                 f"and {number % 11 + 1} wounded near {town} on Monday, officials said.</p>")
    if "</p>" in base:
        return base.replace("</p>", "</p>" + paragraph, 1).encode("utf-8")
    at = base.rfind("</body>")
    at = len(base) if at < 0 else at
    return (base[:at] + paragraph + base[at:]).encode("utf-8")


def feed(host: str, port: int, numbers: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>http://{host}:{port}/a/{n}.html</link><guid>story-{n}</guid>"
        f"<pubDate>{email.utils.format_datetime(email.utils.parsedate_to_datetime('Mon, 21 Nov 2016 08:00:00 +0000'))}"
        f"</pubDate></item>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{host}</title>{items}</channel></rss>'.encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves /feed.xml and /a/<n>.html of the corpus; robots.txt is a 404 (everything allowed)."""

    def __init__(self, *args, feeds: dict[str, bytes], bases: Sequence[str], **kwargs):
        self.feeds, self.bases = feeds, bases
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (the standard library's name)
        host = self.headers.get("Host", "").split(":")[0]
        if self.path == "/feed.xml":
            self._send(200, "application/rss+xml", self.feeds[host])
        elif self.path.startswith("/a/") and self.path.endswith(".html"):
            self._send(200, "text/html; charset=utf-8", page(int(self.path[3:-5]), self.bases))
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(articles: int, hosts: int, port: int = 18765, bases: Sequence[str] | None = None):
    """H loopback servers, one feed each, the articles spread over them (made from `bases`, a `corpus`: the seed
    pages by default); yields the feed URLs."""
    bases = bases or corpus()
    addresses = [f"127.0.0.{2 + i}" for i in range(hosts)]
    feeds = {address: feed(address, port, list(range(i, articles, hosts))) for i, address in enumerate(addresses)}
    servers = [http.server.ThreadingHTTPServer((address, port), functools.partial(Handler, feeds=feeds, bases=bases))
               for address in addresses]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    try:
        yield [f"http://{address}:{port}/feed.xml" for address in addresses]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def timed_run(feeds: list[str], output: pathlib.Path, beam_args: list[str]) -> float:
    casualties = pathlib.Path(sys.executable).with_name("casualties")
    started = time.perf_counter()
    subprocess.run([str(casualties), "run", *feeds, "--output", str(output), "--allow-private-hosts",
                    "--min-host-gap", "0", "-q", *beam_args], check=True)
    return time.perf_counter() - started


def file_counts(output: pathlib.Path) -> dict[str, int]:
    return {table: sum(1 for _ in (output / table).rglob("*.parquet"))
            for table in ("events", "tolls", "mentions", "articles", "rejects") if (output / table).is_dir()}


def resolution_seconds(output: pathlib.Path) -> list[float]:
    """What each run spent finding copies and tolls and resolving events (its manifest says)."""
    return [json.loads(p.read_text()).get("resolution_seconds", 0.0) for p in sorted((output / "_runs").glob("*.json"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--pages", type=pathlib.Path, nargs="+", default=[], metavar="DIR",
                        help="folders of .html pages to make articles of too, beside the seed pages")
    parser.add_argument("--output", type=pathlib.Path, help="output folder (default: a temporary one)")
    args, beam_args = parser.parse_known_args(argv)
    with contextlib.ExitStack() as stack:
        output = args.output or pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory())) / "out"
        bases = corpus(args.pages)
        feeds = stack.enter_context(serve(args.articles, args.hosts, bases=bases))
        first = timed_run(feeds, output, beam_args)
        again = timed_run(feeds, output, beam_args)
        print(f"articles            {args.articles} on {args.hosts} hosts, made of {len(bases)} pages")
        print(f"first run           {first:.1f} s ({args.articles / first:.1f} articles/s)")
        print(f"no-change run       {again:.1f} s")
        print(f"files per table     {file_counts(output)}")
        first_resolution, again_resolution = resolution_seconds(output)
        print(f"events stage        {first_resolution:.2f} s of the first run ({100 * first_resolution / first:.1f}%), "
              f"{again_resolution:.2f} s of the no-change run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
