"""Text helpers: a character swap gives what `str.translate` gives, faster; folding makes one space of every run of
the characters a pattern's `\\s` matches."""
from __future__ import annotations

import json
import pathlib
import re
import sys

import pytest

from casualty_events.transforms.text import CharacterSwap, fold

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


def test_folding_makes_one_space_of_what_a_pattern_calls_space() -> None:
    spaces = "".join(chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code)))
    assert len(spaces) > 20  # tabs, line ends, the Unicode spaces
    assert fold(f"{spaces}Two{spaces}KILLED\u00a0in \u201cRaid\u201d{spaces}") == 'two killed in "raid"'
    for space in spaces:
        assert fold(f"a{space}b") == "a b", hex(ord(space))
