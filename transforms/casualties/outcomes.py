"""Outcome lexicons: which words say that people were killed, injured, went missing or were captured.

Two views of one lexicon (`lexicon.en.TRIGGERS`): `CANDIDATE_RE`, a cheap regex made of every trigger's forms,
that picks the sentences worth parsing, and the lemma tables the parse-based rules use.
"""
from __future__ import annotations

import re

from casualty_events.transforms.casualties.lexicon.en import CANDIDATE_CUES, IRREGULAR_PARTICIPLES, TRIGGERS


def _outcomes(*kinds: str) -> dict[str, str]:
    return {lemma: outcome for lemma, kind, outcome, _ in TRIGGERS if kind in kinds}


# Verbs whose object (active) or subject (passive) is the victim.
TRANSITIVE_VERBS = _outcomes("transitive", "passive")
# Verbs that state a casualty only in the passive ("was hit in the leg"), not "hit the city".
PASSIVE_ONLY_VERBS = frozenset(lemma for lemma, kind, _, _ in TRIGGERS if kind == "passive")
# Verbs whose subject is the victim.
INTRANSITIVE_VERBS = _outcomes("intransitive")
# Nouns naming the outcome; the victims hang off them ("deaths of 15 civilians", "15 deaths").
OUTCOME_NOUNS = _outcomes("noun")
# Adjectives predicated of the victim ("were found dead", "is missing").
OUTCOME_ADJECTIVES = _outcomes("adjective")


def _participle(lemma: str) -> str:
    return IRREGULAR_PARTICIPLES.get(lemma) or lemma + ("d" if lemma.endswith("e") else "ed")


# Participles before their victim ("the assassinated candidate"), by form: the one-word transitive triggers', but
# "take" (taken only as hostage or prisoner).
MODIFYING_PARTICIPLES = {_participle(lemma): outcome for lemma, kind, outcome, _ in TRIGGERS
                         if kind == "transitive" and " " not in lemma and lemma != "take"}
# The candidate filter: every trigger's forms and the cues, one regular expression.
CANDIDATE_RE = re.compile(
    r"\b(?:" + "|".join(dict.fromkeys([forms for *_, forms in TRIGGERS] + list(CANDIDATE_CUES))) + ")",
    re.IGNORECASE,
)


def trigger_lemma(token) -> str:
    """A verb's lemma, with its particle when the two are a trigger ("passed away": "pass away")."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")), None)
    return f"{lemma} {particle}" if particle and f"{lemma} {particle}" in INTRANSITIVE_VERBS else lemma


def modifying_participle(token) -> str | None:
    """The outcome of a trigger's participle modifying its victim ("the assassinated Carlos Pizarro"), which
    the tagger may read as an adjective (in text that was upper case, most of all)."""
    return MODIFYING_PARTICIPLES.get(token.lower_) if token.dep_ == "amod" and token.tag_ in ("VBN", "JJ") else None


def is_candidate(sentence: str) -> bool:
    """Whether a sentence may state a casualty: cheap, so that only these are parsed."""
    return CANDIDATE_RE.search(sentence) is not None
