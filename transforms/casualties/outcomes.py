"""Outcome lexicons: which words say that people were killed, injured, went missing or were captured.

Two views of one lexicon's `TRIGGERS`: `candidate_pattern`, a cheap regex made of every trigger's forms, that
picks the sentences worth parsing, and the lemma tables the parse-based rules use (`outcome_words`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casualty_events.transforms.casualties.lexicon import Lexicon, lexicon_of


@dataclass(frozen=True)
class OutcomeWords:
    """A lexicon's triggers by how the parse uses them."""

    transitive_verbs: dict[str, str]  # their object (active) or subject (passive) is the victim
    passive_only_verbs: frozenset[str]  # a casualty only in the passive ("was hit in the leg"), not "hit the city"
    intransitive_verbs: dict[str, str]  # their subject is the victim
    nouns: dict[str, str]  # the victims hang off them ("deaths of 15 civilians", "15 deaths")
    adjectives: dict[str, str]  # predicated of the victim ("were found dead", "is missing")
    # Participles before their victim ("the assassinated candidate"), by form: the one-word transitive
    # triggers', but those a casualty only with their complement ("taken hostage", "sent to the hospital").
    modifying_participles: dict[str, str]


@cache
def outcome_words(lexicon: Lexicon) -> OutcomeWords:
    def outcomes(*kinds: str) -> dict[str, str]:
        return {lemma: outcome for lemma, kind, outcome, _ in lexicon.TRIGGERS if kind in kinds}

    def participle(lemma: str) -> str:
        return lexicon.IRREGULAR_PARTICIPLES.get(lemma) or lemma + ("d" if lemma.endswith("e") else "ed")

    return OutcomeWords(
        transitive_verbs=outcomes("transitive", "passive"),
        passive_only_verbs=frozenset(lemma for lemma, kind, _, _ in lexicon.TRIGGERS if kind == "passive"),
        intransitive_verbs=outcomes("intransitive"),
        nouns=outcomes("noun"),
        adjectives=outcomes("adjective"),
        modifying_participles={participle(lemma): outcome for lemma, kind, outcome, _ in lexicon.TRIGGERS
                               if kind == "transitive" and " " not in lemma
                               and lemma not in lexicon.COMPLEMENT_BOUND_VERBS},
    )


@cache
def candidate_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """The candidate filter: every trigger's forms and the cues, one regular expression. Every form begins with a
    letter (tested), which the pattern says first: the engine then passes over a sentence's other characters at
    once instead of trying each form there (29 -> 15 µs a sentence of the dev files)."""
    forms = [forms for *_, forms in lexicon.TRIGGERS] + list(lexicon.CANDIDATE_CUES)
    return re.compile(r"\b(?=[^\W\d_])(?:" + "|".join(dict.fromkeys(forms)) + ")", re.IGNORECASE)


def trigger_lemma(token) -> str:
    """A verb's lemma, with its particle when the two are a trigger ("passed away": "pass away")."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")), None)
    if particle and f"{lemma} {particle}" in outcome_words(lexicon_of(token)).intransitive_verbs:
        return f"{lemma} {particle}"
    return lemma


def modifying_participle(token) -> str | None:
    """The outcome of a trigger's participle modifying its victim ("the assassinated Carlos Pizarro"), which
    the tagger may read as an adjective (in text that was upper case, most of all)."""
    if token.dep_ == "amod" and token.tag_ in ("VBN", "JJ"):
        return outcome_words(lexicon_of(token)).modifying_participles.get(token.lower_)
    return None


def is_candidate(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence may state a casualty: cheap, so that only these are parsed. A playlist's item or a link
    to a related story is another story's title."""
    return candidate_pattern(lexicon).search(sentence) is not None and not lexicon.OTHER_STORY_RE.match(sentence)
