"""One parsed sentence as the claim rules read it.

The rules look at a sentence's parse, at the quantity phrase covering each of
its words ("at least 40", "dozens"), and at whether the text shouts (all
capitals: old newswire, headlines), where capitals tell no names. A `Reading`
holds the three, and whether the sentence is a headline (which drops its auxiliaries: "Boy shot in Gresham"), so
that each rule takes one argument for its sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from casualty_events.transforms.casualties.counts import Quantity, find_quantities
from casualty_events.transforms.casualties.lexicon import lexicon_of


def quantities_by_token(span: Span, text: str) -> dict[int, Quantity]:
    """Map each token index of the span to the quantity phrase covering it.

    `text` is the parser copy of the span's text (same length as the span's text).
    """
    found = find_quantities(text, lexicon_of(span))
    by_token: dict[int, Quantity] = {}
    base = span.start_char
    for token in span:
        offset = token.idx - base
        for q in found:
            if q.start <= offset < q.end:
                by_token[token.i] = q
                break
    return by_token


def child_with(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


@dataclass(frozen=True)
class Reading:
    """A parsed sentence (`span`), its parser copy (`text`, as long as the span's text), the quantity phrase
    covering each of its tokens (by token index), whether it shouts (all capitals) and whether it is a headline."""

    span: Span
    text: str
    quantities: dict[int, Quantity]
    shouting: bool
    headline: bool = False


def read_sentence(span: Span, text: str, shouting: bool, headline: bool = False) -> Reading:
    return Reading(span, text, quantities_by_token(span, text), shouting, headline)
