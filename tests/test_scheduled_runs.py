"""Scheduled runs end to end: the CLI against real loopback servers, the Delta tables read back by deltalake and
DuckDB.

What a cron user relies on: a run that finds nothing new adds nothing, a changed
article replaces its old rows, every feed and entry is accounted for in the
manifest, exit codes say what happened, a killed run leaves the previous
dataset intact, and fetching stays safe and polite.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import pathlib
import pty
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import apache_beam as beam
import deltalake
import duckdb
import pytest

from casualty_events.pipelines import dataset
from casualty_events.pipelines.cli import main
from casualty_events.pipelines.pipeline import PipelineConfig, build_articles, build_feeds
from casualty_events.transforms.seen import seen_articles
from tests.http_fixture import (
    Exchange,
    Replies,
    Reply,
    by_host,
    gaps,
    html,
    redirect,
    robots,
    serve,
)
from casualty_events.transforms.http import FetchPolicy
from casualty_events.transforms.storage import Location

ATOM = "application/atom+xml"
CASUALTIES = pathlib.Path(sys.executable).with_name("casualties")
FILLER = (
    "Residents described scenes of confusion as emergency services arrived and cordoned off the area.",
    "Officials said an investigation had been opened and that more details would be released in the coming days.",
)


@dataclasses.dataclass(frozen=True)
class Entry:
    """An Atom entry: its link (None for an entry without one), published and updated instants."""

    link: str | None
    published: str = "2026-11-16T08:00:00Z"
    updated: str | None = None
    title: str = "A story"


def atom_feed(entries: list[Entry]) -> bytes:
    """An Atom feed whose entries have `urn:` ids (feedparser offers those as links when there is none)."""
    items = "".join(
        f"<entry><title>{e.title}</title><id>urn:entry:{i}</id>"
        + (f'<link href="{e.link}"/>' if e.link else "")
        + f"<published>{e.published}</published><updated>{e.updated or e.published}</updated></entry>"
        for i, e in enumerate(entries)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test feed</title><id>urn:feed</id><updated>2026-11-16T08:00:00Z</updated>{items}</feed>").encode()


def article_page(title: str, *paragraphs: str, lang: str = "en") -> str:
    """A news page as trafilatura sees many: title, headline, paragraphs; it declares UTF-8."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def casualty_page(killed: str, wounded: str, town: str = "Kirkuk") -> str:
    """An English news page the extractor finds a killed and an injured mention in."""
    return article_page(
        f"Car bomb in {town}",
        f"{killed} people were killed and {wounded} others wounded when a car bomb exploded in a crowded market "
        f"in {town} on Monday, police said. The blast damaged several shops.", *FILLER)


QUIET_PAGE = article_page(
    "Council approves road budget",
    "The city council approved a new budget for road repairs on Monday. The mayor said work would start in "
    "the spring and last two years.", *FILLER)


def feed_reply(body: bytes, content_type: str = ATOM) -> Reply:
    return Reply(200, body, (("Content-Type", content_type),))


class VersionedFeed:
    """A feed route with validators: 304 when If-None-Match or If-Modified-Since matches the current version."""

    def __init__(self, body: bytes):
        self.version = 0
        self.publish(body)

    def publish(self, body: bytes) -> None:
        self.version += 1
        self.body = body
        self.etag = f'"v{self.version}"'
        self.last_modified = f"Mon, 16 Nov 2026 0{self.version}:00:00 GMT"

    def __call__(self, exchange: Exchange) -> None:
        if exchange.header("If-None-Match") == self.etag or exchange.header("If-Modified-Since") == self.last_modified:
            exchange.start(304, [("ETag", self.etag)])
            return
        Reply(200, self.body, (("Content-Type", ATOM), ("ETag", self.etag),
                               ("Last-Modified", self.last_modified)))(exchange)


def run(output: pathlib.Path, *args: str, private: bool = True, gap: str = "0") -> int:
    """`casualties run` in this process, quiet; loopback allowed unless `private=False`."""
    return main(["run", *args, "--output", str(output), "--min-host-gap", gap, "-q",
                 *(["--allow-private-hosts"] if private else [])])


def manifests(output: pathlib.Path) -> list[dict]:
    """Every committed run's manifest, oldest first."""
    return [json.loads(path.read_text()) for path in sorted((output / "_runs").glob("*.json"))]


def parquet_files(output: pathlib.Path) -> set[str]:
    """The Parquet files readers see."""
    return {str(path.relative_to(output)) for path in output.rglob("*.parquet")
            if not path.relative_to(output).parts[0].startswith("_")}


def rows(output: pathlib.Path, table: str, version: int | None = None) -> list[dict]:
    """A table's rows (its current version, or `version` by time travel), by deltalake."""
    if not deltalake.DeltaTable.is_deltatable(str(output / table)):
        return []
    return deltalake.DeltaTable(str(output / table), version=version).to_pyarrow_table().to_pylist()


def sql(query: str, **tables) -> list[tuple]:
    """`query` run by DuckDB over the named tables (Arrow datasets)."""
    connection = duckdb.connect()
    for name, table in tables.items():
        connection.register(name, table)
    return connection.sql(query).fetchall()


def assert_accounted_for(counts: dict) -> None:
    """The manifest's identities: every feed has one status, every entry one fate."""
    assert counts["feeds_ok"] + counts["feeds_not_modified"] + counts["feeds_failed"] == counts["feeds_total"]
    assert (counts["articles_extracted"] + counts["articles_rejected"] + counts["articles_skipped_seen"]
            + counts["entries_skipped_duplicate"] + counts["entries_skipped_older"]) == counts["entries"]


# --- conditional GET, no-change runs, changed articles -------------------------------------------------------


def test_conditional_get_second_run_is_not_modified_and_adds_nothing(http_server, tmp_path):
    feed = VersionedFeed(atom_feed([Entry("/a/1.html")]))
    http_server.route("/feed.xml", feed)
    http_server.route("/a/1.html", html(casualty_page("Three", "12")))
    output = tmp_path / "out"

    assert run(output, http_server.url("/feed.xml")) == 0
    first_files = parquet_files(output)
    assert any(name.startswith("mentions/") for name in first_files)
    assert run(output, http_server.url("/feed.xml")) == 0

    first_request, second_request = http_server.requests_to("/feed.xml")
    assert "if-none-match" not in first_request.headers
    assert second_request.headers["if-none-match"] == '"v1"'
    assert second_request.headers["if-modified-since"] == feed.last_modified
    assert second_request.status == 304
    assert len(http_server.requests_to("/a/1.html")) == 1
    counts = manifests(output)[-1]["counts"]
    assert (counts["feeds_not_modified"], counts["feeds_ok"], counts["entries"], counts["mentions"]) == (1, 0, 0, 0)
    assert_accounted_for(counts)
    assert parquet_files(output) == first_files


def test_a_changed_article_supersedes_its_old_rows(http_server, tmp_path):
    feed = VersionedFeed(atom_feed([
        Entry("/a/toll.html", updated="2026-11-16T09:00:00Z"),
        Entry("/a/retracted.html", updated="2026-11-16T09:00:00Z"),
        Entry("/a/same.html", updated="2026-11-16T09:00:00Z"),
        Entry("/a/touched.html", updated="2026-11-16T09:00:00Z"),
    ]))
    http_server.route("/feed.xml", feed)
    http_server.route("/a/toll.html", html(casualty_page("Three", "12")))
    http_server.route("/a/retracted.html", html(casualty_page("Four", "9", town="Mosul")))
    http_server.route("/a/same.html", html(casualty_page("Two", "5", town="Basra")))
    http_server.route("/a/touched.html", html(casualty_page("One", "2", town="Tikrit")))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml")) == 0
    first_files = parquet_files(output)

    # The toll is revised and the other story retracted: same URLs, new bodies, new <updated> in the feed;
    # one more entry is touched (new <updated>) with its text unchanged.
    http_server.route("/a/toll.html", html(casualty_page("Seven", "20")))
    http_server.route("/a/retracted.html", html(QUIET_PAGE))
    feed.publish(atom_feed([
        Entry("/a/toll.html", updated="2026-11-17T10:00:00Z"),
        Entry("/a/retracted.html", updated="2026-11-17T10:00:00Z"),
        Entry("/a/same.html", updated="2026-11-16T09:00:00Z"),
        Entry("/a/touched.html", updated="2026-11-17T10:00:00Z"),
    ]))
    assert run(output, http_server.url("/feed.xml")) == 0

    first, second = manifests(output)
    counts = second["counts"]
    assert (counts["entries"], counts["articles_extracted"], counts["articles_skipped_seen"]) == (4, 2, 2)
    assert_accounted_for(counts)
    assert len(http_server.requests_to("/a/same.html")) == 1  # an unchanged entry is not fetched again
    assert len(http_server.requests_to("/a/touched.html")) == 2  # a touched one is, but adds no rows
    assert [r["run_id"] for r in rows(output, "articles") if r["entry_url"].endswith("/touched.html")] == \
        [first["run_id"]]
    assert first_files < parquet_files(output)  # old files stay for time travel until vacuumed

    articles = {r["entry_url"].rsplit("/", 1)[-1]: r for r in rows(output, "articles")}
    assert {name: r["run_id"] for name, r in articles.items()} == {
        "toll.html": second["run_id"], "retracted.html": second["run_id"],
        "same.html": first["run_id"], "touched.html": first["run_id"]}
    before = {r["entry_url"].rsplit("/", 1)[-1]: r
              for r in rows(output, "articles", version=first["table_versions"]["articles"])}
    assert before["toll.html"]["article_id"] == articles["toll.html"]["article_id"]
    assert before["toll.html"]["content_hash"] != articles["toll.html"]["content_hash"]

    # The current rows are the table itself: no "latest run per article" join.
    current = sql("SELECT article_id, count, content_hash, run_id FROM mentions ORDER BY article_id, count",
                  mentions=deltalake.DeltaTable(str(output / "mentions")).to_pyarrow_dataset())
    by_article: dict[str, list[tuple]] = {}
    for article_id, count, content_hash, run_id in current:
        by_article.setdefault(article_id, []).append((count, content_hash, run_id))
    toll = articles["toll.html"]
    assert by_article[toll["article_id"]] == [(7, toll["content_hash"], second["run_id"]),
                                              (20, toll["content_hash"], second["run_id"])]
    assert articles["retracted.html"]["article_id"] not in by_article  # its new version states no casualties
    assert [count for count, *_ in by_article[articles["same.html"]["article_id"]]] == [2, 5]
    old_mentions = rows(output, "mentions", version=first["table_versions"]["mentions"])
    assert sorted(r["count"] for r in old_mentions) == [1, 2, 2, 3, 4, 5, 9, 12]  # time travel: the first run's


def test_an_article_that_failed_is_retried_by_the_next_run_though_its_feed_is_unchanged(http_server, tmp_path):
    feed = VersionedFeed(atom_feed([Entry("/a/1.html"), Entry("/a/2.html")]))
    http_server.route("/feed.xml", feed)
    http_server.route("/a/1.html", html(casualty_page("Three", "12")))
    http_server.route("/a/2.html", Replies(html("not yet", status=404), html(casualty_page("Two", "5"))))
    output = tmp_path / "out"

    for _ in range(3):
        assert run(output, http_server.url("/feed.xml")) == 0
    first, second, third = (m["counts"] for m in manifests(output))
    assert (first["articles_extracted"], first["articles_rejected"]) == (1, 1)
    assert (second["feeds_ok"], second["articles_extracted"], second["articles_skipped_seen"]) == (1, 1, 1)
    assert third["feeds_not_modified"] == 1  # once every entry is done, the validators are kept
    assert ["if-none-match" in r.headers for r in http_server.requests_to("/feed.xml")] == [False, False, True]
    assert len(rows(output, "articles")) == 2


def test_full_refresh_ignores_the_state_and_since_skips_older_entries(http_server, tmp_path):
    feed = VersionedFeed(atom_feed([
        Entry("/a/new.html", published="2026-11-16T08:00:00Z"),
        Entry("/a/old.html", published="2026-10-01T08:00:00Z"),
    ]))
    http_server.route("/feed.xml", feed)
    http_server.route("/a/new.html", html(casualty_page("Three", "12")))
    http_server.route("/a/old.html", html(casualty_page("Two", "5", town="Basra")))
    output = tmp_path / "out"

    assert run(output, http_server.url("/feed.xml"), "--since", "2026-11-01") == 0
    since_run = manifests(output)[-1]
    assert since_run["options"]["since"] == "2026-11-01"
    counts = since_run["counts"]
    assert (counts["entries"], counts["entries_skipped_older"], counts["articles_extracted"]) == (2, 1, 1)
    assert_accounted_for(counts)
    assert http_server.requests_to("/a/old.html") == []
    assert [r["entry_url"] for r in rows(output, "articles")] == [http_server.url("/a/new.html")]

    assert run(output, http_server.url("/feed.xml")) == 0  # without --since, the older entry's turn comes
    counts = manifests(output)[-1]["counts"]
    assert (counts["feeds_ok"], counts["articles_extracted"], counts["articles_skipped_seen"]) == (1, 1, 1)
    assert len(http_server.requests_to("/a/old.html")) == 1

    assert run(output, http_server.url("/feed.xml"), "--full-refresh") == 0
    refresh = manifests(output)[-1]
    assert refresh["options"]["full_refresh"] is True
    assert refresh["counts"]["feeds_ok"] == 1  # fetched again, not a 304
    assert "if-none-match" not in http_server.requests_to("/feed.xml")[-1].headers
    assert refresh["counts"]["articles_extracted"] == 2  # the ones done before are extracted again
    assert len(http_server.requests_to("/a/new.html")) == 2
    [new_row] = [r for r in rows(output, "articles") if r["entry_url"].endswith("/new.html")]
    assert new_row["run_id"] == refresh["run_id"]  # extracted again: its rows replaced, not doubled
    [old_row] = [r for r in rows(output, "articles", version=since_run["table_versions"]["articles"])
                 if r["entry_url"].endswith("/new.html")]
    assert old_row["content_hash"] == new_row["content_hash"]


# --- a mixed run: every feed and entry accounted for, encodings, exit code 3 -----------------------------------

FRENCH_PAGE = article_page(
    "Accident sur l'autoroute A7",
    "Trois personnes ont été tuées et cinq autres blessées lundi matin dans un accident sur l'autoroute A7, "
    "près de Valence, a indiqué la préfecture de la Drôme.",
    "Selon les premiers éléments de l'enquête, un poids lourd aurait percuté plusieurs voitures arrêtées dans "
    "un embouteillage. La circulation a été coupée pendant plusieurs heures dans les deux sens.",
    "Les secours sont intervenus rapidement et les blessés ont été transportés vers les hôpitaux de la région.",
    lang="fr")
LATIN1_PAGE = article_page(
    "Café attack in Montréal",
    "Three people were killed on Tuesday when a gunman opened fire in a café in the centre of Montréal, police "
    "said. The attack took place shortly after noon, when the café was full.", *FILLER)
CP1252_FEED = (
    '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\u00e9 \u201cnews\u201d'
    "</title><link>/</link><description>d</description><item><title>Bomb \u2013 \u201cKirkuk\u201d</title>"
    "<link>/a/caf\u00e9.html</link><pubDate>Mon, 16 Nov 2026 08:00:00 +0000</pubDate></item>"
    "<item><title>Same story, other feed</title><link>/a/good.html</link>"
    "<pubDate>Mon, 16 Nov 2026 08:00:00 +0000</pubDate></item></channel></rss>"
).encode("cp1252")


def test_a_feed_without_validators_run_again_adds_no_rows_not_even_rejects(http_server, tmp_path):
    http_server.route("/feed.xml", feed_reply(atom_feed([Entry("/a/en.html"), Entry("/a/fr.html")])))
    http_server.route("/a/en.html", html(casualty_page("Three", "12")))
    http_server.route("/a/fr.html", html(FRENCH_PAGE))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml")) == 0
    first_files = parquet_files(output)
    assert any(name.startswith("rejects/") for name in first_files)

    assert run(output, http_server.url("/feed.xml")) == 0
    counts = manifests(output)[-1]["counts"]
    assert (counts["feeds_ok"], counts["entries"], counts["articles_skipped_seen"]) == (1, 2, 2)
    assert len(http_server.requests_to("/a/fr.html")) == 1  # its language will not change: not fetched again
    assert parquet_files(output) == first_files


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """Good feeds, failing feeds and failing articles in one run, with a ratio the failures pass."""
    output = tmp_path_factory.mktemp("mixed")
    with serve() as server:
        server.route("/good.xml", feed_reply(atom_feed([
            Entry("/a/good.html"), Entry("/a/missing.html"), Entry("/a/loop-1"), Entry("/a/report.pdf"),
            Entry("/a/french.html"), Entry("/a/latin1.html"), Entry(None),
        ])))
        server.route("/cp1252.xml", feed_reply(CP1252_FEED, "application/rss+xml"))
        server.route("/page.xml", html(QUIET_PAGE))
        server.route("/empty.xml", feed_reply(b""))
        server.route("/a/good.html", html(casualty_page("Three", "12")))
        server.route("/a/caf%C3%A9.html", html(casualty_page("Two", "5", town="Basra")))  # café, as UTF-8 in the URL
        server.route("/a/loop-1", redirect("/a/loop-2"))
        server.route("/a/loop-2", redirect("/a/loop-1"))
        server.route("/a/report.pdf", Reply(200, b"%PDF-1.4", (("Content-Type", "application/pdf"),)))
        server.route("/a/french.html", html(FRENCH_PAGE))
        server.route("/a/latin1.html", Reply(200, LATIN1_PAGE.encode("latin-1"),
                                             (("Content-Type", "text/html; charset=utf-8"),)))
        feeds = [server.url(path) for path in ("/good.xml", "/cp1252.xml", "/missing.xml", "/page.xml", "/empty.xml")]
        feeds_file = output.parent / f"{output.name}-feeds.txt"
        feeds_file.write_text("# a mixed bag\n" + "\n".join(feeds) + "\n")
        code = run(output, "--feeds-file", str(feeds_file), "--max-failure-ratio", "0.5")
        yield output, server, code


def test_mixed_run_accounts_for_every_feed_and_entry(mixed_run):
    output, server, _ = mixed_run
    [manifest] = manifests(output)
    counts = manifest["counts"]
    assert manifest["accounting_problems"] == []
    assert_accounted_for(counts)
    assert (counts["feeds_total"], counts["feeds_ok"], counts["feeds_not_modified"], counts["feeds_failed"]) == \
        (5, 2, 0, 3)
    assert counts["entries"] == 9
    assert counts["entries_skipped_duplicate"] == 1  # good.html is in both feeds
    assert (counts["articles_extracted"], counts["articles_rejected"]) == (3, 5)
    assert counts["mentions"] == len(rows(output, "mentions")) >= 4

    rejects = {(r["stage"], r["reason"], (r["url"] or r["feed_url"]).rsplit("/", 1)[-1])
               for r in rows(output, "rejects")}
    assert rejects == {
        ("feed", "http_404", "missing.xml"),
        ("feed", "not_a_feed", "page.xml"),
        ("feed", "not_a_feed", "empty.xml"),
        ("feed", "entry_without_link", "good.xml"),
        ("fetch", "http_404", "missing.html"),
        ("fetch", "redirect_loop", "loop-1"),
        ("fetch", "content_type", "report.pdf"),
        ("extract_article", "language", "french.html"),
    }
    assert all(r["detail"] for r in rows(output, "rejects"))
    assert len(server.requests_to("/a/good.html")) == 1
    assert server.requests_to("/a/report.pdf")[0].bytes_sent < 100  # refused on its type


def test_bad_and_mixed_encodings_are_read(mixed_run):
    output, _, _ = mixed_run
    articles = {r["entry_url"].rsplit("/", 1)[-1]: r for r in rows(output, "articles")}
    assert set(articles) == {"good.html", "café.html", "latin1.html"}  # the windows-1252 feed's link read right
    latin1 = articles["latin1.html"]["text"]
    assert "\ufffd" not in latin1
    assert "café in the centre of Montréal" in latin1


def test_failures_past_the_ratio_exit_3_and_the_run_is_still_committed(mixed_run):
    output, _, code = mixed_run
    [manifest] = manifests(output)
    assert code == 3
    assert 0.5 < manifest["failure_ratio"] <= 1
    assert manifest["options"]["max_failure_ratio"] == 0.5
    assert rows(output, "articles") and not (output / "_staging").exists()


def test_manifest_records_times_options_and_versions(mixed_run):
    output, _, _ = mixed_run
    [manifest] = manifests(output)
    assert manifest["started_at"] < manifest["ended_at"]
    assert manifest["options"]["output"] == str(output)
    assert len(manifest["options"]["feeds"]) == 5
    versions = manifest["versions"]
    assert versions["apache-beam"] == "2.77.0"
    assert all(versions[name] for name in ("casualty-events", "trafilatura", "spacy", "feedparser",
                                            "spacy_model", "spacy_model_version"))
    assert set(manifest["counts"]) >= {
        "feeds_total", "feeds_ok", "feeds_not_modified", "feeds_failed", "entries", "articles_skipped_seen",
        "articles_fetched", "articles_extracted", "articles_rejected", "mentions"}


# --- exit codes ------------------------------------------------------------------------------------------------


def usage_error(capsys, *argv: str) -> str:
    """Exit code 2 (argparse's), and what it said."""
    with pytest.raises(SystemExit) as exit_:
        main(["run", *argv])
    assert exit_.value.code == 2
    return capsys.readouterr().err


def test_usage_errors_exit_2(capsys, tmp_path):
    assert "cannot read feeds file" in usage_error(capsys, "--feeds-file", str(tmp_path / "nope.txt"),
                                                   "--output", str(tmp_path / "out"))
    assert "not a date" in usage_error(capsys, "--since", "yesterday", "--output", str(tmp_path / "out"))
    assert "between 0 and 1" in usage_error(capsys, "--max-failure-ratio", "1.5", "--output", str(tmp_path / "out"))
    assert "invalid" in usage_error(capsys, "--max-failure-ratio", "half", "--output", str(tmp_path / "out"))
    assert "did you mean --full-refresh?" in usage_error(capsys, "--full-refesh", "--output", str(tmp_path / "out"))
    assert "not a whole number of 1 or more" in usage_error(capsys, "--parallel-hosts", "0", "--output",
                                                            str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["file", "under_a_file"])
def test_an_output_that_is_no_folder_fails_with_exit_1_and_says_why(capsys, tmp_path, where):
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    output = blocker if where == "file" else blocker / "out"
    assert main(["run", "--output", str(output), "-q"]) == 1
    message = capsys.readouterr().err
    expected = "is a file, not a folder" if where == "file" else "cannot create the output folder"
    assert "run failed, nothing was committed: OutputError: " in message and expected in message
    assert blocker.read_text() == "not a folder"


def test_the_console_script_exits_with_the_codes_cron_sees(tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    for argv, code, message in (
        (["--feeds-file", str(tmp_path / "nope.txt")], 2, "cannot read feeds file"),
        (["--output", str(blocker)], 1, "is a file, not a folder"),
    ):
        done = subprocess.run([str(CASUALTIES), "run", *argv], capture_output=True, text=True, timeout=120)
        assert (done.returncode, message in done.stderr) == (code, True), done.stderr


def test_a_second_run_while_one_holds_the_output_exits_1_without_touching_it(capsys, tmp_path):
    output = tmp_path / "out"
    dataset.prepare_output(Location.of(output))
    running = output / "_staging" / "20261121T000000.000000Z-aaaaaa"
    running.mkdir(parents=True)
    (running / "half-written").write_text("still being written")
    with dataset.run_lock(Location.of(output)):
        assert main(["run", "--output", str(output), "-q"]) == 1
    assert "another run is writing to" in capsys.readouterr().err
    assert (running / "half-written").read_text() == "still being written"
    assert list((output / "_runs").iterdir()) == []


# --- a run killed midway -------------------------------------------------------------------------------------


class HeldRoute:
    """Answers only once released; `arrived` is set when the request is in."""

    def __init__(self, then: Reply):
        self.then = then
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, exchange: Exchange) -> None:
        self.arrived.set()
        self.release.wait()
        self.then(exchange)


def drain(terminal: int) -> None:
    """Read a pty until the other side is gone (so that a child writing to it never blocks), then close it."""
    with contextlib.suppress(OSError):
        while os.read(terminal, 4096):
            pass
    os.close(terminal)


def snapshot(output: pathlib.Path) -> dict:
    """What readers and the next run see: the rows of every table (by deltalake and DuckDB) and the state."""
    tables = {table: sorted(map(repr, rows(output, table))) for table in ("mentions", "articles", "rejects")}
    duck = {}
    for table in ("mentions", "articles"):
        data = deltalake.DeltaTable(str(output / table)).to_pyarrow_dataset()
        duck[table] = sorted(map(repr, sql("SELECT * FROM data", data=data)))
    state = {path.name: path.read_bytes() for path in (output / "_state").glob("*.json")}
    return {"files": parquet_files(output), "pyarrow": tables, "duckdb": duck, "state": state,
            "runs": sorted(path.name for path in (output / "_runs").glob("*.json"))}


def test_a_run_killed_midway_leaves_the_previous_dataset_and_the_next_run_finishes_the_work(http_server, tmp_path):
    feed = VersionedFeed(atom_feed([Entry("/a/1.html")]))
    http_server.route("/feed.xml", feed)
    http_server.route("/a/1.html", html(casualty_page("Three", "12")))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml")) == 0
    before = snapshot(output)
    assert before["pyarrow"]["mentions"] and before["state"]

    held = HeldRoute(html(casualty_page("Seven", "20", town="Mosul")))
    http_server.route("/a/2.html", held)
    feed.publish(atom_feed([Entry("/a/1.html"), Entry("/a/2.html")]))
    # On a terminal (a pty), so that the run keeps its progress tallies in its staging folder as it goes.
    terminal, terminal_side = pty.openpty()
    process = subprocess.Popen(
        [str(CASUALTIES), "run", http_server.url("/feed.xml"), "--output", str(output), "--allow-private-hosts",
         "--min-host-gap", "0"], stdin=subprocess.DEVNULL, stdout=terminal_side, stderr=terminal_side)
    os.close(terminal_side)
    threading.Thread(target=drain, args=(terminal,), daemon=True).start()
    try:
        assert held.arrived.wait(timeout=180), "the run never requested the held article"
        assert process.poll() is None
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        held.release.set()
        if process.poll() is None:
            process.kill()

    assert snapshot(output) == before  # readers see exactly the previous run, the state did not move
    [killed] = (output / "_staging").iterdir()  # what it had written so far, where readers do not look
    assert "feeds 1" in "".join(path.read_text() for path in (killed / "_progress").glob("*.txt"))

    assert run(output, http_server.url("/feed.xml")) == 0
    assert not (output / "_staging").exists()
    counts = manifests(output)[-1]["counts"]
    assert (counts["articles_extracted"], counts["articles_skipped_seen"]) == (1, 1)
    assert {r["entry_url"] for r in rows(output, "articles")} == {http_server.url("/a/1.html"),
                                                                  http_server.url("/a/2.html")}
    assert sorted(r["count"] for r in rows(output, "mentions")) == [3, 7, 12, 20]


# --- security end to end -------------------------------------------------------------------------------------

PUBLIC_NAME = "news.example"
PUBLIC_ADDRESS = "93.184.215.14"  # globally routable; only "reached" through the socket seam below


@pytest.fixture
def public_name(monkeypatch, http_server):
    """`news.example` resolves to a public address that connects to the loopback server; loopback itself is refused.

    The same seam as tests/test_http.py, at the socket functions the pipeline's default client calls.
    Returns the addresses connected to.
    """
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection
    connected: list[tuple[str, int]] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host == PUBLIC_NAME:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_ADDRESS, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        connected.append(address)
        if address[0] == PUBLIC_ADDRESS:
            return real_connect(("127.0.0.1", address[1]), *args, **kwargs)
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return connected


def test_a_loopback_feed_without_allow_private_hosts_is_refused_unrequested(http_server, tmp_path):
    http_server.route("/feed.xml", feed_reply(atom_feed([Entry("/a/1.html")])))
    output = tmp_path / "out"
    assert run(output, http_server.url("/feed.xml"), private=False) == 3  # every feed failed: said plainly
    [reject] = rows(output, "rejects")
    assert (reject["stage"], reject["reason"], reject["feed_url"]) == \
        ("feed", "private_address", http_server.url("/feed.xml"))
    assert manifests(output)[-1]["counts"]["feeds_failed"] == 1
    assert http_server.log == []


def test_redirects_from_an_allowed_host_to_private_or_metadata_addresses_are_refused(http_server, public_name,
                                                                                      tmp_path):
    port = http_server.port
    http_server.route("/feed.xml", feed_reply(atom_feed([
        Entry("/a/ok.html"), Entry("/a/to-loopback"), Entry("/a/to-metadata-ip"), Entry("/a/to-metadata-name"),
    ])))
    http_server.route("/a/ok.html", html(casualty_page("Three", "12")))
    http_server.route("/a/to-loopback", redirect(f"http://127.0.0.1:{port}/secret"))
    http_server.route("/a/to-metadata-ip", redirect("http://169.254.169.254/latest/meta-data/"))
    http_server.route("/a/to-metadata-name", redirect("http://metadata.google.internal/computeMetadata/v1/"))
    http_server.route("/secret", html("secret"))
    output = tmp_path / "out"

    assert run(output, f"http://{PUBLIC_NAME}:{port}/feed.xml", private=False) == 3  # most articles refused

    rejects = {r["url"].rsplit("/", 1)[-1]: r["reason"] for r in rows(output, "rejects")}
    assert rejects == {"to-loopback": "private_address", "to-metadata-ip": "private_address",
                       "to-metadata-name": "private_address"}
    assert [r["url"] for r in rows(output, "articles")] == [f"http://{PUBLIC_NAME}:{port}/a/ok.html"]
    assert {logged.host for logged in http_server.log} == {PUBLIC_NAME}
    assert http_server.requests_to("/secret") == []
    assert {address for address, _ in public_name} == {PUBLIC_ADDRESS}  # nothing else was ever connected to


WATCHED_OPENS: list[tuple[set[str], list[str]]] = []


def _record_watched_opens(event: str, args: tuple) -> None:
    """An audit hook noting opens of watched paths (hooks cannot be removed: it acts only while a test watches)."""
    if event == "open" and WATCHED_OPENS and isinstance(args[0], (str, os.PathLike)):
        path = os.fspath(args[0])
        for watched, opened in WATCHED_OPENS:
            if path in watched:
                opened.append(path)


sys.addaudithook(_record_watched_opens)


@contextlib.contextmanager
def watching_opens(paths: set[str]) -> Iterator[list[str]]:
    """The paths of `paths` this process opens while the block runs."""
    watch = (paths, [])
    WATCHED_OPENS.append(watch)
    try:
        yield watch[1]
    finally:
        WATCHED_OPENS.remove(watch)


def test_file_links_in_a_feed_fetched_over_http_are_refused_and_nothing_is_read(http_server, tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text(casualty_page("Nine", "30"))
    http_server.route("/feed.xml", feed_reply(atom_feed([Entry(secret.as_uri()), Entry("file:///etc/passwd")])))
    output = tmp_path / "out"
    with watching_opens({str(secret), "/etc/passwd"}) as opened:
        assert run(output, http_server.url("/feed.xml")) == 3  # most articles refused
        assert opened == []
        secret.read_bytes()  # the watch itself sees a read
        assert opened == [str(secret)]
    assert sorted((r["stage"], r["reason"]) for r in rows(output, "rejects")) == [("fetch", "scheme")] * 2
    assert rows(output, "articles") == []


# --- politeness end to end -----------------------------------------------------------------------------------


def test_politeness_one_request_at_a_time_per_host_gaps_robots_and_crawl_delay(http_server, tmp_path):
    def robots_by_host(exchange: Exchange) -> None:
        rules = "User-agent: *\nDisallow: /private/\n" if exchange.logged.host == "127.0.0.1" else \
            "User-agent: *\nCrawl-delay: 0.3\n"
        robots(rules)(exchange)

    articles = [http_server.url(f"/p/{n}.html", host) for n in range(3) for host in ("127.0.0.1", "localhost")]
    disallowed = http_server.url("/private/x.html")
    http_server.route("/robots.txt", robots_by_host)
    http_server.route("/feed.xml", feed_reply(atom_feed([Entry(url) for url in [*articles, disallowed]])))
    for n in range(3):
        http_server.route(f"/p/{n}.html", html(QUIET_PAGE.replace("road repairs", f"road repairs ({n})")))
    http_server.route("/private/x.html", html(QUIET_PAGE))
    output = tmp_path / "out"

    assert run(output, http_server.url("/feed.xml"), gap="0.2") == 0

    [reject] = rows(output, "rejects")
    assert (reject["reason"], reject["url"]) == ("robots_disallowed", disallowed)
    assert http_server.requests_to("/private/x.html") == []
    assert len(rows(output, "articles")) == 6
    hosts = by_host(http_server.log)
    assert set(hosts) == {"127.0.0.1", "localhost"}
    assert len([r for r in hosts["localhost"] if r.path.startswith("/p/")]) == 3
    assert min(gaps(hosts["127.0.0.1"])) >= 0.2  # never two at once, and the gap between them
    assert min(gaps(hosts["localhost"])) >= 0.3  # Crawl-delay 0.3 from robots.txt


# --- months of runs --------------------------------------------------------------------------------------------


def test_the_job_graph_does_not_grow_with_the_state(tmp_path):
    """The state holds every article ever processed; it is read by workers, never shipped in the graph."""
    state = tmp_path / "articles.json"
    state.write_text(json.dumps({f"https://news.example/{n}.html": {"content_hash": f"{n:064x}"}
                                 for n in range(20_000)}))

    def graph_size(seen_path: str | None) -> int:
        config = PipelineConfig(sources=(), staging_dir=str(tmp_path / "staging"), run_id="r",
                                run_date=dt.date(2026, 11, 21), policy=FetchPolicy(), model="m", seen_path=seen_path)
        size = 0
        for wire in (build_feeds, lambda p, c: build_articles(p, c, [], 0)):
            pipeline = beam.Pipeline(runner="DirectRunner")
            wire(pipeline, config)
            size += pipeline.to_runner_api().ByteSize()
        return size

    assert abs(graph_size(str(state)) - graph_size(None)) < 1000
    assert len(seen_articles(str(state), "r")) == 20_000
