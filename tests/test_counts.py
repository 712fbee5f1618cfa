"""Count phrases: the GUIDELINES counting table, and numbers that are not counts of people."""
import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.counts import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7), ("1,200", 1200), ("1200", 1200), ("seven", 7), ("twenty-three", 23),
        ("twenty three", 23), ("one hundred and five", 105), ("three thousand", 3000),
        ("2.5 million", 2_500_000), ("Forty", 40),
    ],
)  # fmt: skip
def test_numerals_in_digits_and_words(text: str, value: int) -> None:
    assert parse_number(text, en) == value


def test_a_non_numeral_is_not_a_number() -> None:
    assert parse_number("several", en) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nine villagers", (9, None, "exact")),
        ("about 300 pilgrims", (300, None, "approx")),
        ("some 70 miners", (70, None, "approx")),
        ("nearly 1,500 people", (1500, None, "approx")),
        ("at least 40 guards", (40, None, "at_least")),
        ("more than 1,000 residents", (1000, None, "more_than")),
        ("over 250 protesters", (250, None, "more_than")),
        ("has surpassed 600", (600, None, "more_than")),
        ("up to 3,000 people", (3000, None, "at_most")),
        ("as many as 17 people", (17, None, "at_most")),
        ("between 6 and 8 sailors", (6, 8, "range")),
        ("between two and as many as 20 people", (2, 20, "range")),
        ("6-8 sailors", (6, 8, "range")),
        ("six to eight sailors", (6, 8, "range")),
        ("dozens of workers", (12, None, "vague")),
        ("scores of villagers", (20, None, "vague")),
        ("hundreds of people", (100, None, "vague")),
        ("thousands of fighters", (1000, None, "vague")),
        ("tens of thousands of people", (10_000, None, "vague")),
        ("hundreds of thousands of people", (100_000, None, "vague")),
        ("a dozen pilgrims", (12, None, "approx")),
        ("several journalists", (2, None, "vague")),
        ("a few officers", (2, None, "vague")),
        ("a number of students", (2, None, "vague")),
        ("many civilians", (10, None, "vague")),
        ("TWENTY-EIGHT POLICEMEN", (28, None, "exact")),
        ("four or more people", (4, None, "at_least")),
        ("ten or fewer people", (10, None, "at_most")),
    ],
)
def test_counting_table(text: str, expected: tuple) -> None:
    quantities = find_quantities(text, en)
    assert len(quantities) == 1
    q = quantities[0]
    assert (q.count, q.count_high, q.qualifier) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a 16-year-old boy", "the boy, aged 9, was", "Garcia, 34, of Tulsa", "in 2015 the",
        "the 3500 block of Main Street", "call 555-123-4567", "at 9:45 p.m.", "$5,000 in cash",
        "40 percent of voters", "Brigade 65 soldiers", "Battalion 258 members", "180 airstrikes",
        "fired 15 rounds", "the 3rd attack", "how many times", "on Nov. 2 a man", "flight 370",
    ],
)  # fmt: skip
def test_numbers_that_count_no_people(text: str) -> None:
    assert find_quantities(text, en) == []


def test_offsets_cover_the_phrase() -> None:
    text = "Officials said at least 40 guards died."
    (q,) = find_quantities(text, en)
    assert text[q.start : q.end] == "at least 40"


def test_from_one_figure_to_another_is_a_change_not_a_range() -> None:
    assert [(q.count, q.count_high, q.qualifier) for q in find_quantities("rose from 400 to 1,000", en)] == [
        (400, None, "exact"), (1000, None, "exact")]
