"""The tokenizer's cache, filled outside the memory zones in which every batch of sentences is parsed.

spaCy's tokenizer splits a text at its spaces into chunks ("killed", "Aleppo,") and keeps how it split each one, so
that the next "killed" is a single look-up. Inside a memory zone it keeps nothing (what it would keep may point
at the zone's own vocabulary, freed at its end), and every chunk of every sentence goes through its prefix, suffix
and infix patterns again. The extractor parses inside a zone so that the vocabulary does not grow with the run.
After each batch, `LearnedChunks.learn` gives the tokenizer the batch's new chunks once more, outside the zone,
where it keeps them, up to a bound: the vocabulary then grows by the chunks' words, once, and never past the bound.
The tokens are the same either way; only where they come from differs. Splitting the candidate sentences of the
dev files' 558 documents in zones took 375 ms, 68 ms once their chunks were learned; a benchmark page 32.8 -> 31.9 ms
of CPU (old and new alternating, five rounds), the same mentions.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokenizer import Tokenizer

# At most this many chunks are learned by one process, so that its memory stays bounded however long the run:
# 50,000 hold 21 MB (the set, the tokenizer's cache, the vocabulary's new words); the candidate sentences of the
# dev files' 558 documents and 300 benchmark pages leave 9,163.
MAX_LEARNED_CHUNKS = 50_000


class LearnedChunks:
    """The chunks one tokenizer has been given outside a memory zone, so it keeps how it split them."""

    def __init__(self, tokenizer: Tokenizer, limit: int = MAX_LEARNED_CHUNKS) -> None:
        self._tokenizer = tokenizer
        self._limit = limit
        self._learned: set[str] = set()

    def __len__(self) -> int:
        return len(self._learned)

    def learn(self, texts: Iterable[str]) -> None:
        """Tokenise each chunk of `texts` not learned yet, alone, while fewer than the bound are learned. Outside a
        memory zone only: inside one the tokenizer would keep nothing. A chunk at a time: spaCy 3.8 keeps none of
        the chunks that follow one with an exception ("don't") in the same text (its issue 13950)."""
        if self._tokenizer.vocab.in_memory_zone:
            raise RuntimeError("chunks are learned outside a memory zone: inside one the tokenizer keeps nothing")
        for text in texts:
            for chunk in text.split():
                if len(self._learned) >= self._limit:
                    return
                if chunk not in self._learned:
                    self._learned.add(chunk)
                    self._tokenizer(chunk)
