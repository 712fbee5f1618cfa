"""Who the text credits for a figure: "according to X", "X said", "quoted by X", "X reported".

The source is taken from the reporting construction that governs the claim's
own clause. A relative or participial clause that describes a person ("X,
who was killed in 2015, set up a militia", Y said) is background, not the
reported claim, so it gets no attribution.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from casualty_events.transforms.casualties.lexicon import lexicon_of

BACKGROUND_DEPS = frozenset({"relcl", "acl"})


def find_attribution(trigger: Token) -> Span | None:
    """The phrase naming the source credited for the claim at `trigger`, or None."""
    words = lexicon_of(trigger)
    node = trigger
    while True:
        source = _according_to(node)
        if source is not None:
            return source
        if node.dep_ in BACKGROUND_DEPS and node.tag_.startswith("VB"):
            return None
        parent = node.head
        if parent.i == node.i:
            return None
        takes_life = node.lemma_.lower() == "life" and node.dep_ == "dobj"  # "the blast claimed the lives"
        if parent.lemma_.lower() in words.REPORTING_VERBS and parent.tag_.startswith("VB") and not takes_life:
            source = _source_of(parent)
            if source is not None:
                return source
        node = parent


def _according_to(node: Token) -> Span | None:
    """ "according to X", "quoted by X", or a parenthetical "..., X said"."""
    words = lexicon_of(node)
    for child in node.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in words.REPORTING_VERBS:
            source = _source_of(child)
            if source is not None:
                return source
        if child.lower_ == "according":
            for to in child.children:
                objects = [c for c in to.children if c.dep_ == "pobj"]
                if objects:
                    return _phrase(objects[0])
        if child.dep_ == "agent" and node.lemma_.lower() == "quote":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _source_of(verb: Token) -> Span | None:
    """The subject of a reporting verb, else its "by" agent; pronouns are looked through."""
    words = lexicon_of(verb)
    for child in verb.children:
        if child.dep_ in ("nsubj",) and child.lower_ not in words.SOURCE_PRONOUNS:
            return _phrase(child)
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _phrase(head: Token) -> Span:
    """The noun phrase at `head`, without relative clauses or appositions after it."""
    end = head.i + 1
    for child in head.children:
        if child.i > head.i and child.dep_ in ("prep", "compound", "amod", "nmod") and child.dep_ != "appos":
            if child.dep_ == "prep" and child.lower_ not in ("of", "for", "from"):
                continue
            end = max(end, child.right_edge.i + 1)
    start = head.left_edge.i
    return head.doc[start:end]
