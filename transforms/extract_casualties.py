"""ExtractCasualties: casualty mentions of each article, by the plain-Python extractor.

The spaCy model is loaded once per worker process (a module-level cache), not
in `DoFn.setup()`, which the DaskRunner calls once per partition.
"""
from __future__ import annotations

import functools
import hashlib

import apache_beam as beam

from schemas.mention import Mention
from schemas.records import Article, ArticleMention, Reject
from transforms.casualties.extractor import CasualtyExtractor


@functools.cache
def extractor_for(model: str) -> CasualtyExtractor:
    """One extractor (one loaded spaCy model) per process and model name."""
    return CasualtyExtractor(model)


def mention_id(article_id: str, mention: Mention) -> str:
    """Stable across runs: the same statement of the same article gets the same id."""
    key = "|".join(str(part) for part in (
        article_id, mention.outcome, mention.count, mention.count_high, mention.char_start, mention.evidence,
    ))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def article_mentions(article: Article, model: str) -> list[ArticleMention] | Reject:
    """The article's mentions, or a reject when the extractor fails on it."""
    try:
        mentions = extractor_for(model).extract(
            article.text, published=article.published_at.date(), title=article.title
        )
    except Exception as error:  # one bad document must not sink the run; it is accounted for
        return Reject("extract_casualties", "extractor_error", f"{type(error).__name__}: {error}",
                      article.url, article.feed_url)
    return [ArticleMention(mention_id(article.article_id, m), article, m) for m in mentions]


class ExtractCasualties(beam.PTransform):
    """Article -> (Article, [ArticleMention]) | Reject."""

    def __init__(self, model: str):
        super().__init__()
        self.model = model

    def expand(self, articles):
        return articles | "Extract" >> beam.Map(self._extract, self.model)

    @staticmethod
    def _extract(article: Article, model: str):
        result = article_mentions(article, model)
        return result if isinstance(result, Reject) else (article, result)
