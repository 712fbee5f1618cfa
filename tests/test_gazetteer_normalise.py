"""Name normalisation: the index key of a name, a text's words, other spellings of a name."""

import json
import pathlib

from casualty_events.transforms.casualties.gazetteer.normalise import (
    TOKEN_RE,
    adjacent,
    fold,
    is_exonym,
    without_article,
    words,
)

SEEDS_GOLD = pathlib.Path(__file__).parent / "data" / "seeds_gold.jsonl"


def test_fold_drops_accents_case_hyphens_and_extra_spaces() -> None:
    assert fold("Medellín") == "medellin"
    assert fold("Winston-Salem") == "winston salem"
    assert fold("  SAN\n SALVADOR ") == "san salvador"
    assert fold("Dar\u2019a") == "dar'a"


def test_words_keep_abbreviation_dots_and_a_possessive_apart() -> None:
    found = words("Police in Richmond, Ind. and the U.S. said Syria's army")
    assert list(zip(found.texts, found.dotted)) == [
        ("Police", False), ("in", False), ("Richmond", False), ("Ind", True), ("and", False), ("the", False),
        ("U.S.", False), ("said", False), ("Syria", False), ("s", False), ("army", False),
    ]  # fmt: skip


def test_words_are_the_token_patterns_matches_at_their_offsets() -> None:
    texts = [json.loads(line)["text"] for line in SEEDS_GOLD.read_text().splitlines()]
    for text in [*texts, "", "x", "a.b.c. Ind.", "O'Brien's dog.", "Medellín_3rd ÉCOLE, Dar'a's 2x"]:
        expected = []
        for match in TOKEN_RE.finditer(text):
            word = match.group()
            dotted = word.endswith(".") and word.count(".") == 1
            expected.append((match.start(), match.end() - dotted, word[:-1] if dotted else word, dotted))
        found = words(text)
        assert [len(column) for column in found] == [len(expected)] * 4
        assert list(zip(*found)) == expected
        assert all(text[start:end] == word for start, end, word in zip(found.starts, found.ends, found.texts))


def test_names_run_across_one_line_break_or_a_hyphen_never_punctuation() -> None:
    assert adjacent("\n") and adjacent(" ") and adjacent(" \t") and adjacent("-")
    assert not adjacent(", ") and not adjacent("\n\n") and not adjacent("") and not adjacent(" - ")


def test_other_spellings_are_kept_truncations_and_unrelated_names_are_not() -> None:
    assert is_exonym("kiev", "kyiv")
    assert is_exonym("raqqa", "ar raqqah")
    assert not is_exonym("victor", "victorville")
    assert not is_exonym("ponce", "arroyo naranjo")
    assert without_article("al bab") == "bab"
