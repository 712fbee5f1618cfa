"""A PatternSet gives, for each of its patterns, what that pattern's own `finditer` gives."""
from __future__ import annotations

import json
import pathlib
import re

import pytest

from casualty_events.transforms.casualties.cause import _cues
from casualty_events.transforms.casualties.dates import date_grammar
from casualty_events.transforms.casualties.lexicon import for_language
from casualty_events.transforms.casualties.pattern_set import PatternSet

SEEDS_GOLD = pathlib.Path(__file__).parent / "data" / "seeds_gold.jsonl"


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


def assert_as_alone(patterns: list[re.Pattern[str]], text: str) -> None:
    together = PatternSet(patterns).finditer_each(text)
    assert [spans(found) for found in together] == [spans(p.finditer(text)) for p in patterns]


def test_overlapping_and_nested_patterns_each_find_what_they_find_alone():
    patterns = [re.compile(p) for p in (r"(?<![\w-])ab", r"(?<![\w-])abc", r"b", r"(?P<n>\d+)(?: (?P<unit>days?))?",
                                        r"(?<![\d-])\d\d", r"(?<=-)ab")]
    for text in ("abc ab 12 b", "xab-ab 123 days, 4 day", "", "bbbb", "ab" * 50, "-ab-abc 1234567"):
        assert_as_alone(patterns, text)


def test_the_date_grammar_and_the_cause_cues_find_alone_what_they_find_together():
    lexicon = for_language("en")
    texts = [json.loads(line)["text"].lower() for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines()]
    texts.append("since may 3, 2016 -- three days ago, on monday night, the 2015 airstrike and a car bomb; "
                 "last week's flood and the christmas eve shooting, 12/24/2015 and 2016-11-05")
    for patterns in (list(date_grammar(lexicon).scanners.patterns), [pattern for _, pattern in _cues(lexicon)]):
        assert len(patterns) > 10
        for text in texts:
            assert_as_alone(patterns, text)
    assert sum(map(len, date_grammar(lexicon).scanners.finditer_each(texts[-1]))) >= 6


def test_patterns_it_cannot_read_together_are_refused():
    with pytest.raises(ValueError, match="flags"):
        PatternSet([re.compile("a"), re.compile("b", re.IGNORECASE)])
    with pytest.raises(ValueError, match="named group"):
        PatternSet([re.compile(r"(?P<x>a)(?P=x)")])
