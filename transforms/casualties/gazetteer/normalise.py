"""Name normalisation shared by the index and the matcher: one folding of a name into its index key, the
tokens of a text, and the tests that tell another spelling of a name from a truncation or a word."""
from __future__ import annotations

import functools
import re
import unicodedata
from difflib import SequenceMatcher
from itertools import accumulate, compress
from operator import methodcaller
from typing import NamedTuple

from casualty_events.transforms.casualties.gazetteer.aliases import ARTICLES
from casualty_events.transforms.text import CharacterSwap

MIN_EXONYM_SIMILARITY = 0.5

same_length_normalised = CharacterSwap(
    {"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2019": "'", "\u2018": "'"}
)
# Dotted abbreviations ("U.S.", "W.Va.") or words, an abbreviation's own dot kept.
# Hyphens split words ("Savannah-Chatham", "Iran-backed"); a possessive "'s" is left out.
TOKEN_RE = re.compile(r"(?:[A-Za-z]{1,2}\.){2,}|[^\W\d_]+(?:'(?![sS]\b)[^\W\d_]+)*\.?")
# Split at the words, with their letter-first lookahead tried before the alternatives (a fifth less time).
_TOKEN_SPLIT_RE = re.compile(rf"((?=[^\W\d_])(?:{TOKEN_RE.pattern}))")
_ends_with_a_dot = methodcaller("endswith", ".")


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported when first needed: importing spaCy takes 0.4 s, which a run with
    nothing new to read (it never looks a place up) need not spend."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=262_144)
def fold(name: str) -> str:
    """Accent-free lower case, hyphens as spaces, single spaces: the index key. Cached: a text's words are
    folded for every name that could start at them, the same words over and over."""
    if name.isascii():
        return " ".join(name.lower().replace("-", " ").split())
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_name.replace("\u2019", "'").replace("-", " ").lower().split())


def is_inflected_ordinary(word: str, ordinary: frozenset[str]) -> bool:
    """'reading' -> 'read', 'deals' -> 'deal': inflections of ordinary words."""
    for suffix, replacement in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in ordinary:
            return True
    return False


def is_exonym(alternate: str, primary: str) -> bool:
    """Keep other spellings of the same name ("kiev" for "kyiv", "raqqa" for
    "ar raqqah"), not truncations ("victor" for "victorville") or unrelated
    names ("ponce" for "arroyo naranjo").

    geonames lists every language's name and many nicknames; those that do not
    look like the primary name match surnames and words far more often than
    the place. Same first letter (after an article) keeps the check cheap.
    """
    if len(alternate) <= 3 or alternate == primary:
        return False
    alternate, primary = without_article(alternate), without_article(primary)
    if alternate[0] != primary[0]:
        return False
    if primary.startswith(alternate) and len(primary) - len(alternate) >= 3:
        return False
    return SequenceMatcher(None, alternate, primary, autojunk=False).ratio() >= MIN_EXONYM_SIMILARITY


def without_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first in ARTICLES else name


class Words(NamedTuple):
    """A text's words, as parallel lists: where each starts and ends (without an abbreviation's or a sentence's final
    dot), its text, and whether a dot follows it ("Ind.", "Calif.", or the end of a sentence)."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    dotted: list[bool]


def words(text: str) -> Words:
    """The text's words and abbreviations (`TOKEN_RE`), a single final dot set apart. Every place scan starts here,
    for every sentence and for whole texts: the text is split by the pattern and the offsets summed in C, and the
    words stay in lists, as an object a word (a named tuple) took more time to make than the split itself."""
    parts = _TOKEN_SPLIT_RE.split(text)  # [gap, word, gap, word, ..., gap]
    offsets = list(accumulate(map(len, parts), initial=0))
    texts, starts, ends = parts[1::2], offsets[1:-1:2], offsets[2::2]  # (not where the last gap ends)
    dotted = list(map(_ends_with_a_dot, texts))
    for index in compress(range(len(texts)), dotted):  # each flag read before it is cleared
        if texts[index].count(".") == 1:
            texts[index], ends[index] = texts[index][:-1], ends[index] - 1
        else:
            dotted[index] = False  # "U.S.": an abbreviation's dots are its own
    return Words(starts, ends, texts, dotted)


def adjacent(gap: str) -> bool:
    """Whether the text between two words (after the first one's dot) lets them be words of one name: white space
    with at most one line break (newswire is hard-wrapped: "SAN\\nSALVADOR") or a hyphen, never punctuation."""
    return gap == "-" or (gap.isspace() and gap.count("\n") <= 1)
