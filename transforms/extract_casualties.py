"""ExtractCasualties: casualty mentions of each article, by the plain-Python extractor.

The spaCy model is loaded once per worker process (a module-level cache), not
in `DoFn.setup()`, which the DaskRunner calls once per partition; spaCy itself
is imported only then, so a run with nothing new to read never pays for it.
"""
from __future__ import annotations

import functools
import hashlib
import time
from typing import TYPE_CHECKING

import apache_beam as beam

from casualty_events.schemas.codes import Reason, Stage
from casualty_events.schemas.mention import Mention
from casualty_events.schemas.records import Article, ArticleMention, ExtractedArticle, Reject
from casualty_events.transforms.stage import RecordStage, guarded
from casualty_events.transforms.text import clean_text

if TYPE_CHECKING:
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor


@functools.cache
def extractor_for(model: str) -> CasualtyExtractor:
    """One extractor (one loaded spaCy model) per process and model name."""
    from casualty_events.transforms.casualties.extractor import CasualtyExtractor

    return CasualtyExtractor(model)


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
    if deadline is not None and time.time() > deadline:
        return Reject(Stage.EXTRACT_CASUALTIES, Reason.RUN_DEADLINE, "not extracted: the run's time "
                      "(--max-run-minutes) was up; the next run fetches it again", article.url, article.feed_url)
    from casualty_events.transforms.casualties.extractor import ExtractionTooSlow
    from casualty_events.transforms.casualties.gazetteer import site_country

    try:
        mentions = extractor_for(model).extract(
            article.text, published=article.published_at.date(), title=article.title, max_seconds=max_seconds,
            site_country=site_country(article.url),
        )
    except ExtractionTooSlow:
        return Reject(Stage.EXTRACT_CASUALTIES, Reason.TOO_SLOW,
                      f"the extraction took longer than {max_seconds:g} s (--max-article-seconds)",
                      article.url, article.feed_url)
    except Exception as error:  # one bad document must not sink the run; it is accounted for
        return Reject(Stage.EXTRACT_CASUALTIES, Reason.EXTRACTOR_ERROR, clean_text(f"{type(error).__name__}: {error}"),
                      article.url, article.feed_url)
    return ExtractedArticle(article, tuple(ArticleMention(mention_id(article.article_id, m), article, m)
                                           for m in mentions))


class ExtractCasualties(RecordStage):
    """Article -> ExtractedArticle | Reject; other records pass on."""

    takes = Article

    def __init__(self, model: str, max_article_seconds: float | None = DEFAULT_MAX_ARTICLE_SECONDS,
                 deadline: float | None = None):
        super().__init__()
        self.model, self.max_article_seconds, self.deadline = model, max_article_seconds, deadline

    def work(self, articles):
        extract = guarded(Stage.EXTRACT_CASUALTIES, lambda article, *args: [extracted_article(article, *args)])
        return articles | "Extract" >> beam.FlatMap(extract, self.model, self.max_article_seconds, self.deadline)
