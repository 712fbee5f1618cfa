"""Outcome lexicons: which words say that people were killed, injured, went missing or were captured.

Two views of one lexicon: `CANDIDATE_RE`, a cheap regex that picks the
sentences worth parsing, and the lemma tables the parse-based rules use.
"""
from __future__ import annotations

import re

# Verbs whose object (active) or subject (passive) is the victim.
TRANSITIVE_VERBS: dict[str, str] = {
    "kill": "killed", "murder": "killed", "assassinate": "killed", "slay": "killed",
    "massacre": "killed", "execute": "killed", "behead": "killed", "slaughter": "killed",
    "martyr": "killed", "lynch": "killed", "strangle": "killed", "stab to death": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "shoot": "injured", "stab": "injured", "hospitalize": "injured", "hospitalise": "injured",
    "abduct": "captured", "kidnap": "captured", "capture": "captured", "take": "captured", "hit": "injured", "strike": "injured", "graze": "injured",
}  # fmt: skip
# Verbs that state a casualty only in the passive ("was hit in the leg"), not "hit the city".
PASSIVE_ONLY_VERBS = frozenset({"hit", "strike"})
# Verbs whose subject is the victim.
INTRANSITIVE_VERBS: dict[str, str] = {
    "die": "killed", "perish": "killed", "succumb": "killed", "drown": "killed",
    "disappear": "missing", "vanish": "missing",
}  # fmt: skip
# Nouns naming the outcome; the victims hang off them ("deaths of 15 civilians", "15 deaths").
OUTCOME_NOUNS: dict[str, str] = {
    "death": "killed", "killing": "killed", "murder": "killed", "assassination": "killed",
    "fatality": "killed", "casualty": "killed", "body": "killed", "martyr": "killed",
    "corpse": "killed", "dead": "killed", "homicide": "killed",
    "injury": "injured", "wound": "injured", "wounded": "injured", "injured": "injured",
    "abduction": "captured", "kidnapping": "captured", "hostage": "captured",
    "prisoner": "captured",
}  # fmt: skip
# Adjectives predicated of the victim ("were found dead", "is missing").
OUTCOME_ADJECTIVES: dict[str, str] = {
    "dead": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "missing": "missing", "unaccounted": "missing",
}  # fmt: skip
# Nouns that sum casualties: their number is given by a verb ("the toll surpassed 1,000").
TOLL_NOUNS = frozenset({"toll", "number", "tally", "count", "total", "figure"})

# "shooting" alone names the event ("the shooting happened at 9 p.m."), not a casualty;
# as a verb it takes an object ("after shooting a neighbour"). "taken"/"took" count only
# with "hostage"/"prisoner", which are stems of their own.
CANDIDATE_RE = re.compile(
    r"\b(?:kill|murder|assassinat|slay|slain|massacr|execut(?:e[ds]?|ing|ions?)\b|behead|slaughter"
    r"|martyr|lynch(?:ed|ing|ings)\b|strangl|stab(?:s|bed|bing|bings)?\b|graz(?:e[ds]?|ing)\b|hit\b"
    r"|struck\b|wound|injur|hurt|maim|shot(?!gun)|shoots?\b"
    r"|shooting (?:an?|the|his|her|him|them|their|one|two|three|four|five|\d)\b"
    r"|hospitali[sz]|abduct|kidnap|captur|hostage|prisoner|captive|die[ds]?\b|dying|dead\b|death"
    r"|perish|succumb|drown|disappear|vanish|missing|unaccounted|fatalit|casualt|bod(?:y|ies)\b"
    r"|corpse|homicides?\b(?! (?:detective|investigat|unit|division|squad|charge|case))|tolls?\b"
    r"|lost|lose|losing|lives of)",
    re.IGNORECASE,
)


def is_candidate(sentence: str) -> bool:
    """Whether a sentence may state a casualty: cheap, so that only these are parsed."""
    return CANDIDATE_RE.search(sentence) is not None
