"""The tokenizer's cache learned outside memory zones: the same tokens, fewer splits, a bound."""
from __future__ import annotations

import pytest

from casualty_events.transforms.casualties.extractor import DEFAULT_MODEL, CasualtyExtractor, load_model
from casualty_events.transforms.casualties.tokenizer_cache import LearnedChunks

TEXT = "Whereupon the rebels said (they) were killed there, and the others don't say so."


@pytest.fixture()
def nlp():
    """A model of its own: the tests fill its tokenizer's cache."""
    return load_model(DEFAULT_MODEL)


class PrefixSearches:
    """Counts the chunks the tokenizer splits by its prefix patterns (a chunk taken from its cache is not split
    again). Installed once, before anything is learned: setting the tokenizer's patterns empties its cache."""

    def __init__(self, nlp) -> None:
        self.count, search = 0, nlp.tokenizer.prefix_search

        def counted(chunk):
            self.count += 1
            return search(chunk)

        nlp.tokenizer.prefix_search = counted


def _splits_in_a_zone(nlp, searches: PrefixSearches, text: str) -> tuple[list[str], int]:
    """The tokens of `text` split inside a memory zone, and how many prefix searches that took."""
    before = searches.count
    with nlp.memory_zone():
        tokens = [token.text for token in nlp.make_doc(text)]
    return tokens, searches.count - before


def test_learned_chunks_are_not_split_again_in_a_memory_zone_and_give_the_same_tokens(nlp):
    searches = PrefixSearches(nlp)
    tokens_before, splits_before = _splits_in_a_zone(nlp, searches, TEXT)
    _, again = _splits_in_a_zone(nlp, searches, TEXT)
    assert again == splits_before > 0  # a zone keeps nothing
    learned = LearnedChunks(nlp.tokenizer)
    learned.learn([TEXT])
    assert len(learned) == len(set(TEXT.split()))  # "the" once
    tokens_after, splits_after = _splits_in_a_zone(nlp, searches, TEXT)
    assert tokens_after == tokens_before
    assert "(they)" in TEXT.split() and "(" in tokens_after
    assert splits_after == 0  # each chunk from the cache ("don't" from the exceptions, as before)
    assert "Whereupon" in nlp.vocab and "rebels" in nlp.vocab


def test_learning_stops_at_its_bound(nlp):
    learned = LearnedChunks(nlp.tokenizer, limit=3)
    learned.learn(["one two three four five", "six"])
    assert len(learned) == 3
    assert "one" in nlp.vocab and "Zxqwv" not in nlp.vocab
    learned.learn(["Zxqwv"])
    assert "Zxqwv" not in nlp.vocab


def test_learning_inside_a_memory_zone_is_refused(nlp):
    learned = LearnedChunks(nlp.tokenizer)
    with nlp.memory_zone(), pytest.raises(RuntimeError, match="outside a memory zone"):
        learned.learn(["killed"])


def test_the_extractor_learns_its_sentences_chunks_and_finds_the_same():
    extractor = CasualtyExtractor()
    text = "Saturday, seven Iran-backed Hezbollah fighters were killed near Aleppo, the group said."
    first = extractor.extract(text, title="Fighters killed")
    assert "Hezbollah" in extractor.nlp.vocab and len(extractor._learned_chunks) > 0
    assert extractor.extract(text, title="Fighters killed") == first
    assert [(m.outcome, m.count) for m in first] == [("killed", 7)]


def test_threads_sharing_an_extractor_find_what_each_finds_alone():
    """A runner may read bundles in threads of one process, with the process's one extractor: each thread's
    memory zone, and its learning outside it, waits for the other's, and each finds what it finds alone."""
    from concurrent.futures import ThreadPoolExecutor

    extractor = CasualtyExtractor()
    texts = [f"On Monday, {n} soldiers were killed and {n + 1} wounded near Aleppo{', Syria' * (n % 2)}, the army "
             f"said. Another {n + 2} people were injured in a blast in Kandahar{n} province." for n in range(2, 26)]
    reader_alone = CasualtyExtractor()
    alone = [reader_alone.extract(text) for text in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(extractor.extract, texts))
    assert together == alone
    assert all(len(mentions) >= 2 for mentions in alone)
