"""Syndicated copies: an article whose text is the same, or nearly, as one already in the dataset.

Agencies' stories run on many sites with another byline, a trimmed last
paragraph or a different headline. Nearly the same text is found with MinHash
over five-word shingles and locality-sensitive hashing: a signature of
`PERMUTATIONS` minimum hashes, cut into `BANDS` bands, each band hashed to a short
key. Two texts whose shingle sets overlap by a Jaccard similarity of 0.8 share
at least `MIN_SHARED_BANDS` keys with a probability of about 0.96; texts
overlapping by 0.5 do with about 0.02. Only the band keys are kept (in the
state, about 200 bytes an article), so finding an article's copies is a
look-up, whatever the size of the dataset. Texts too short for shingles to
say much are copies only when they are equal. numpy does the hashing: a
pure-Python MinHash costs some 20 ms an article, numpy well under one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import zlib

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16
MIN_SHARED_BANDS = 4
MIN_WORDS = 60  # fewer words: only an equal text is a copy
_RNG = np.random.default_rng(20161107)  # fixed: keys must be the same in every process and release
_A = _RNG.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64)
_WORD_RE = re.compile(r"\w+")


def band_keys(text: str) -> list[str]:
    """The text's LSH band keys; for a short text one key, of the whole text."""
    words = _WORD_RE.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return ["=" + hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]]
    shingles = {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    values = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    signature = (values[:, None] * _A + _B).min(axis=0)  # one multiply-add hash per permutation, wrapping at 2**64
    rows = PERMUTATIONS // BANDS
    bands = (signature[band * rows:(band + 1) * rows].tobytes() for band in range(BANDS))
    return [f"{band:x}:" + hashlib.blake2b(values, digest_size=5).hexdigest() for band, values in enumerate(bands)]


def is_copy(keys: list[str], other: list[str]) -> bool:
    """Whether two texts' band keys say they are nearly the same text."""
    shared = len(set(keys) & set(other))
    if keys[0].startswith("="):
        return shared == 1
    return shared >= MIN_SHARED_BANDS


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An article of this run, as duplicate detection sees it."""

    article_id: str
    published_at: dt.datetime
    keys: list[str]


class CopyIndex:
    """Articles by band key: those already in the dataset, then those of the run, oldest first."""

    def __init__(self, known: dict[str, list[str]]) -> None:
        self._keys: dict[str, list[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        for article_id, keys in known.items():
            self._add(article_id, keys)

    def _add(self, article_id: str, keys: list[str]) -> None:
        self._keys[article_id] = keys
        for key in keys:
            self._by_key.setdefault(key, []).append(article_id)

    def original_of(self, article_id: str, keys: list[str]) -> str | None:
        """The first article indexed whose text this one's nearly is (never itself)."""
        seen = []
        for key in keys:
            for other in self._by_key.get(key, ()):
                if other != article_id and other not in seen:
                    seen.append(other)
        return next((other for other in seen if is_copy(keys, self._keys[other])), None)

    def duplicates(self, run: list[Candidate]) -> dict[str, str]:
        """article_id -> the article it copies, for the run's copies; the run's originals are indexed too."""
        found = {}
        for candidate in sorted(run, key=lambda c: (c.published_at, c.article_id)):
            original = self.original_of(candidate.article_id, candidate.keys)
            if original is not None:
                found[candidate.article_id] = found.get(original, original)
            else:
                self._add(candidate.article_id, candidate.keys)
        return found
