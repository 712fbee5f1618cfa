"""Text helpers: a character swap gives what `str.translate` gives, faster."""
from __future__ import annotations

import json
import pathlib

import pytest

from casualty_events.transforms.text import CharacterSwap

SEEDS_GOLD = pathlib.Path(__file__).parent / "data" / "seeds_gold.jsonl"
TABLE = {"\u00a0": " ", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--"}


def test_a_character_swap_gives_what_translate_gives() -> None:
    texts = [json.loads(line)["text"] for line in SEEDS_GOLD.read_text().splitlines()]
    texts += ["", "plain text", "\u201cHe\u2019s\u00a0here\u201d \u2014 they said", "\u2014\u2014"]
    assert len(texts) > 4
    swap = CharacterSwap(TABLE)
    assert [swap(text) for text in texts] == [text.translate(str.maketrans(TABLE)) for text in texts]


def test_a_swap_whose_replacement_holds_a_swapped_character_is_refused() -> None:
    with pytest.raises(ValueError, match="replacements"):
        CharacterSwap({"a": "b", "b": "c"})  # "a" -> "c" by two replaces, "b" by translate
