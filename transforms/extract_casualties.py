"""Casualty mentions of each article, by the plain-Python extractor (the `ReadArticles` stage calls it).

The spaCy model is loaded once per process (a module-level cache: once per worker of `transforms.workers`), not
in `DoFn.setup()`, which the DaskRunner calls once per partition; spaCy itself is imported only then, so a run
with nothing new to read never pays for it.
"""
from __future__ import annotations

import functools
import hashlib
import time
from typing import TYPE_CHECKING

import threadpoolctl

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.mention import Mention
from casualty_events.schemas.records import Article, ArticleMention, ExtractedArticle, Reject
from casualty_events.transforms.duplicates import band_keys
from casualty_events.transforms.text import clean_text

if TYPE_CHECKING:
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor


@functools.cache
def extractor_for(model: str) -> CasualtyExtractor:
    """One extractor (one loaded spaCy model) per process and model name. A process that reads a run's pages is one
    of as many as there are cores (the run's worker processes, Beam's own, a cluster's), so the numerical
    libraries it has loaded keep to one thread: with their default of a thread per core in each, two processes
    read a page in 60 ms instead of 42."""
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor

    extractor = CasualtyExtractor(model)
    threadpoolctl.threadpool_limits(1)
    return extractor


def mention_id(article_id: str, mention: Mention) -> str:
    """Stable across runs: the same statement of the same article gets the same id."""
    key = "|".join(str(part) for part in (
        article_id, mention.outcome, mention.count, mention.count_high, mention.char_start, mention.evidence,
    ))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


DEFAULT_MAX_ARTICLE_SECONDS = 60.0


def extracted_article(article: Article, model: str, max_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS,
                      deadline: float | None = None) -> ExtractedArticle | Reject:
    """The article with its mentions, or a reject: the extractor failed, took longer than `max_seconds`, or the run's
    time (`deadline`, a `time.time()` instant) was up before it started."""
    return extracted_articles([article], model, max_seconds, deadline)[0]


def extracted_articles(articles: list[Article], model: str,
                       max_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS,
                       deadline: float | None = None) -> list[ExtractedArticle | Reject]:
    """`extracted_article` of each article. Several are read in one extractor call (spaCy parses their sentences
    together, 11% faster); when that call fails or takes longer than `max_seconds` an article, each article is read
    again alone, so that a bad or slow one gets its own reject and costs the others nothing."""
    if deadline is not None and time.time() > deadline:
        return [Reject(Stage.EXTRACT_CASUALTIES, Reason.RUN_DEADLINE, "not extracted: the run's time "
                       "(--max-run-minutes) was up; the next run fetches it again", a.url, a.feed_url)
                for a in articles]
    from casualty_events.transforms.casualties.extractor import Document
    from casualty_events.transforms.casualties.gazetteer import site_country

    documents = [Document(a.text, a.published_at.date(), a.title, site_country(a.url)) for a in articles]
    budget = time.monotonic() + max_seconds * len(articles) if max_seconds is not None else None
    try:
        found = list(extractor_for(model).extract_many(documents, deadline=budget))
    except Exception as error:  # one bad document must not sink the run; it is accounted for
        if len(articles) > 1:
            return [extracted_article(a, model, max_seconds) for a in articles]
        return [_failed(articles[0], error, max_seconds)]
    return [ExtractedArticle(a, tuple(ArticleMention(mention_id(a.article_id, m), a, m) for m in mentions),
                             tuple(band_keys(a.text)))
            for a, mentions in zip(articles, found)]


def _failed(article: Article, error: Exception, max_seconds: float | None) -> Reject:
    from casualty_events.transforms.casualties.extractor import ExtractionTooSlow

    if isinstance(error, ExtractionTooSlow):
        return Reject(Stage.EXTRACT_CASUALTIES, Reason.TOO_SLOW,
                      f"the extraction took longer than {max_seconds:g} s (--max-article-seconds)",
                      article.url, article.feed_url)
    return Reject(Stage.EXTRACT_CASUALTIES, Reason.EXTRACTOR_ERROR, clean_text(f"{type(error).__name__}: {error}"),
                  article.url, article.feed_url)
