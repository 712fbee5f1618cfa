"""find_dates: date expressions resolved against the publication date (GUIDELINES, Dates)."""

import datetime as dt

import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.dates import DateMention, find_dates, page_date

TUESDAY = dt.date(2016, 11, 22)  # a Tuesday
D = dt.date


def only(text: str, published: dt.date = TUESDAY) -> DateMention:
    mentions = find_dates(text, published, en)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("Gunmen opened fire on a bus Saturday.", "Saturday", D(2016, 11, 19)),
        ("The raid happened on Monday, officials said.", "on Monday", D(2016, 11, 21)),
        ("A man was shot Tuesday evening outside a bar.", "Tuesday evening", D(2016, 11, 22)),
        ("Two were wounded Thursday night.", "Thursday night", D(2016, 11, 17)),
        ("Troops killed a militant yesterday.", "yesterday", D(2016, 11, 21)),
        ("Rockets fell today on the town.", "today", D(2016, 11, 22)),
        ("Shelling resumed last night.", "last night", D(2016, 11, 21)),
        ("A car bomb went off this morning.", "this morning", D(2016, 11, 22)),
        ("The clashes began two days ago.", "two days ago", D(2016, 11, 20)),
        ("The clashes began 2 days ago.", "2 days ago", D(2016, 11, 20)),
        ("He died on April 2 of his wounds.", "on April 2", D(2016, 4, 2)),
        ("He died on 2 April of his wounds.", "on 2 April", D(2016, 4, 2)),
        ("He died November 22, 2016 in hospital.", "November 22, 2016", D(2016, 11, 22)),
        ("He died Nov. 22 in hospital.", "Nov. 22", D(2016, 11, 22)),
        ("Posted: Wednesday, March 12, 2014 8:04 AM", "Wednesday, March 12, 2014", D(2014, 3, 12)),
        ("The list was updated 2016-11-05 by the ministry.", "2016-11-05", D(2016, 11, 5)),
        # A month-day later in the year than publication means last year.
        ("The attack of December 30 was the deadliest.", "December 30", D(2015, 12, 30)),
    ],
)
def test_day_expressions(text: str, span: str, date: dt.date) -> None:
    mention = only(text)
    assert (mention.text, mention.date, mention.precision, mention.period_start) == (span, date, "day", date)


@pytest.mark.parametrize(
    ("text", "span", "date", "precision"),
    [
        ("The shooting comes just one week after a fatal shooting at a party.", "one week after", D(2016, 11, 15),
         "week"),
        ("Tuesday's shooting spree came a year after the county's last mass shooting.", "a year after",
         D(2015, 11, 22), "year"),
        ("The attack follows two days after a bombing in the market.", "two days after", D(2016, 11, 20), "day"),
    ],
)
def test_what_an_incident_comes_a_span_after_is_that_span_before(text, span, date, precision) -> None:
    mentions = find_dates(text, TUESDAY, en)
    mention = next(m for m in mentions if m.text == span)  # the span alone: the parse reads it where it hangs
    assert (mention.date, mention.precision) == (date, precision)
    assert [m.text for m in find_dates("He was shot two days after his birthday.", TUESDAY, en)] == []


def test_weekday_equal_to_publication_weekday_is_the_publication_day() -> None:
    assert only("Police said the shooting happened Tuesday.").date == TUESDAY


@pytest.mark.parametrize(
    ("text", "date", "precision", "period_start"),
    [
        ("Dozens died last week in the siege.", D(2016, 11, 20), "week", D(2016, 11, 14)),
        ("Dozens died this week in the siege.", TUESDAY, "week", D(2016, 11, 21)),
        ("Dozens died earlier this month.", TUESDAY, "month", D(2016, 11, 1)),
        ("Dozens died this month.", TUESDAY, "month", D(2016, 11, 1)),
        ("Dozens died last month.", D(2016, 10, 31), "month", D(2016, 10, 1)),
        ("Dozens died in April.", D(2016, 4, 30), "month", D(2016, 4, 1)),
        ("Dozens died thus far in April.", D(2016, 4, 30), "month", D(2016, 4, 1)),
        ("Dozens died last August.", D(2016, 8, 31), "month", D(2016, 8, 1)),
        # "last November" in November is the previous year's.
        ("Dozens died last November.", D(2015, 11, 30), "month", D(2015, 11, 1)),
        ("Dozens died in October, 2015.", D(2015, 10, 31), "month", D(2015, 10, 1)),
        ("Dozens died in October 2015.", D(2015, 10, 31), "month", D(2015, 10, 1)),
        ("Dozens died in 2015.", D(2015, 12, 31), "year", D(2015, 1, 1)),
        ("Dozens died over the past three weeks.", TUESDAY, "period", D(2016, 11, 1)),
        ("Dozens died over the past 3 weeks.", TUESDAY, "period", D(2016, 11, 1)),
        ("Dozens died in the last several months.", TUESDAY, "period", D(2016, 8, 22)),
        ("Dozens died in the past seven days.", TUESDAY, "period", D(2016, 11, 15)),
        ("Dozens died since 2011.", TUESDAY, "period", D(2011, 1, 1)),
        ("Dozens died since March 2011.", TUESDAY, "period", D(2011, 3, 1)),
        # a list of past incidents, each opened by its month: a colon after a year is no time
        ("August 1982: Eight people killed at a welding shop.", D(1982, 8, 31), "month", D(1982, 8, 1)),
    ],
)
def test_coarser_expressions(text: str, date: dt.date, precision: str, period_start: dt.date) -> None:
    mention = only(text)
    assert (mention.date, mention.precision, mention.period_start) == (date, precision, period_start)


def test_a_period_never_ends_after_publication() -> None:
    mention = only("Fighting in November killed hundreds.", published=D(2016, 11, 10))
    assert (mention.date, mention.period_start) == (D(2016, 11, 10), D(2016, 11, 1))


def test_all_caps_newswire() -> None:
    text = (
        "SAN ISIDRO, 9 MAR 91 (RADIO CADENA) -- [TEXT] THE ARMY SAID TODAY THAT REBELS\n"
        "ATTACKED THE GARRISON 2 DAYS AGO AND LAST NIGHT, AND THAT ON 4 MARCH A PATROL\n"
        "WAS AMBUSHED. THE REBELS MAY RETURN."
    )
    found = [(m.text, m.date) for m in find_dates(text, D(1991, 3, 9), en)]
    assert found == [
        ("9 MAR 91", D(1991, 3, 9)),
        ("TODAY", D(1991, 3, 9)),
        ("2 DAYS AGO", D(1991, 3, 7)),
        ("LAST NIGHT", D(1991, 3, 8)),
        ("ON 4 MARCH", D(1991, 3, 4)),
    ]


def test_two_digit_years_take_the_century_nearest_publication() -> None:
    assert only("REPORTED 18 FEB 90 BY THE AGENCY", D(1990, 2, 20)).date == D(1990, 2, 18)
    assert only("Reported 3 Jan 16 by the agency", D(2016, 1, 5)).date == D(2016, 1, 3)


def test_may_is_a_month_only_in_date_context() -> None:
    text = "Police may never know. In May the toll rose, and on May 5 a bomb exploded. This may be all."
    found = [(m.text, m.date) for m in find_dates(text, TUESDAY, en)]
    assert found == [("In May", D(2016, 5, 31)), ("on May 5", D(2016, 5, 5))]


def test_may_in_upper_case_text_needs_date_context() -> None:
    text = "THIS MAY BE THE LAST ATTACK, THEY MAY SAY. IN MAY 1989 THE ARMY LEFT."
    found = [(m.text, m.precision) for m in find_dates(text, D(1990, 1, 1), en)]
    assert found == [("IN MAY 1989", "month")]


def test_lower_case_month_and_weekday_words_in_mixed_case_text_are_not_dates() -> None:
    assert find_dates("Protesters will march on the palace; sunday school resumed.", TUESDAY, en) == []


@pytest.mark.parametrize(
    "text",
    [
        "At about 9:05 p.m. officers arrived.",
        "The May 20:30 session was called off.",
        "Frank Deloney, 34, of Richmond was hit; a 16-year-old was unhurt.",
        "The shooting was at 1500 North 15th Street, apartment 12.",
        "Brigade 65 and Battalion 258 moved north; 2015 people were displaced.",
        "Call 765-983-7356 with information.",
    ],
)
def test_times_ages_addresses_units_and_bare_numbers_are_not_dates(text: str) -> None:
    assert find_dates(text, TUESDAY, en) == []


def test_curly_quotes_and_non_breaking_spaces() -> None:
    text = "“Since\u00a02011,” he said, ‘the past\u00a0three weeks’ were the worst; on\u00a0Monday\u2019s raid…"
    found = [(m.text, m.precision) for m in find_dates(text, TUESDAY, en)]
    assert found == [
        ("Since\u00a02011", "period"),
        ("the past\u00a0three weeks", "period"),
        ("on\u00a0Monday", "day"),
    ]
    assert all(text[m.start : m.end] == m.text for m in find_dates(text, TUESDAY, en))


def test_a_letter_that_lower_cases_to_two_keeps_the_offsets() -> None:
    """"İ" lower-cases to two characters: such a text is read as it is, not in its lower-cased copy, and gives
    what the same text with "I" gives."""
    text = "In İzmir on Saturday, November 19, 2016, and in MAY 2015, and on Monday."
    assert len(text.lower()) != len(text)
    found = [(m.start, m.text, m.date) for m in find_dates(text, TUESDAY, en)]
    assert found == [(m.start, m.text, m.date) for m in find_dates(text.replace("İ", "I"), TUESDAY, en)]
    assert [m_text for _, m_text, _ in found] == ["on Saturday, November 19, 2016", "in MAY 2015", "on Monday"]


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    text = "On Saturday, November 19, 2016, and again yesterday, and since April, rebels attacked."
    mentions = find_dates(text, TUESDAY, en)
    assert [m.text for m in mentions] == ["On Saturday, November 19, 2016", "yesterday", "since April"]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_a_count_after_a_comma_is_not_a_two_digit_year() -> None:
    mention = only("ON 18 DECEMBER, 18 PEOPLE DIED IN THE ATTACK.", D(1990, 1, 5))
    assert (mention.text, mention.date) == ("ON 18 DECEMBER", D(1989, 12, 18))


def test_last_weekday_written_on_that_weekday_is_the_week_before() -> None:
    assert only("The raid came last Tuesday.").date == D(2016, 11, 15)
    assert only("The raid came this past Tuesday night.").date == D(2016, 11, 15)


def test_slash_dates_are_month_first_unless_impossible() -> None:
    found = [(m.text, m.date) for m in find_dates("Filed 11/5/2016, amended 25/10/16; mix 1/2 cup.", TUESDAY, en)]
    assert found == [("11/5/2016", D(2016, 11, 5)), ("25/10/16", D(2016, 10, 25))]


@pytest.mark.parametrize("phrase", ["over the weekend", "this past weekend", "last weekend"])
def test_weekends_end_on_the_latest_sunday_before_a_monday(phrase: str) -> None:
    mention = only(f"Three were shot {phrase}.", published=D(2016, 11, 21))
    assert (mention.text, mention.date, mention.precision, mention.period_start) == (
        phrase, D(2016, 11, 20), "week", D(2016, 11, 19),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("An officer was indicted in the 2014 shooting death of a teenager.", 2014),
        ("Relatives of the victims of the 2012 massacre gathered.", 2012),
        ("He was charged over the 2015 police shooting of an unarmed man.", 2015),
    ],
)
def test_a_year_naming_an_incident_dates_it(text: str, year: int) -> None:
    mention = only(text)
    assert (mention.date, mention.precision, mention.period_start) == (D(year, 12, 31), "year", D(year, 1, 1))


@pytest.mark.parametrize("text", ["The 2014 budget was cut.", "The 2030 attack plan was leaked."])
def test_a_year_before_another_noun_or_after_publication_is_no_date(text: str) -> None:
    assert find_dates(text, TUESDAY, en) == []


def test_a_period_keeps_the_precision_of_its_start() -> None:
    mention = only("Protesters have camped out since Nov. 15.")
    assert (mention.precision, mention.period_start, mention.start_precision) == ("period", D(2016, 11, 15), "day")


def test_a_weekday_can_put_a_month_day_after_publication() -> None:
    """ "Last updated Sunday, Nov. 27" on a page of Friday, Nov. 25, 2016: that Sunday, not Nov. 27, 2015 (a
    Friday); without a weekday, or with last year's, a month and day are the latest on or before publication."""
    friday = D(2016, 11, 25)
    assert only("Last updated at 10:39 a.m. on Sunday, Nov. 27", friday).date == D(2016, 11, 27)
    assert only("It happened on Friday, Nov. 27.", friday).date == D(2015, 11, 27)
    assert only("It happened Nov. 27.", friday).date == D(2015, 11, 27)


def test_a_weekday_long_before_publication_can_put_a_month_and_day_a_year_earlier() -> None:
    """ "Saturday, Sept. 12" on a page dated Jan. 28, 2017 (its crawl's date): Sept. 12, 2015 was that Saturday.
    A few days before publication a wrong weekday is a slip: "Tuesday, March 12" on March 14, 2014 stays 2014."""
    assert only("The shooting happened Saturday, Sept. 12.", D(2017, 1, 28)).date == D(2015, 9, 12)
    assert only("It happened on Tuesday, March 12.", D(2014, 3, 14)).date == D(2014, 3, 12)


@pytest.mark.parametrize(
    ("text", "published", "span", "date"),
    [
        ("A girl was shot on New Year’s Eve.", D(2017, 1, 18), "on New Year’s Eve", D(2016, 12, 31)),
        ("Shots rang out over the Fourth of July weekend.", D(2016, 7, 6), "over the Fourth of July weekend",
         D(2016, 7, 4)),
        ("Two men were killed on Thanksgiving night.", TUESDAY, "on Thanksgiving night", D(2015, 11, 26)),
        ("He was wounded on Mother's Day.", D(2016, 5, 10), "on Mother's Day", D(2016, 5, 8)),  # May's 2nd Sunday
        ("A man was shot on Memorial Day.", D(2016, 6, 1), "on Memorial Day", D(2016, 5, 30)),  # May's last Monday
        ("THREE WERE KILLED ON CHRISTMAS EVE.", D(1989, 12, 26), "ON CHRISTMAS EVE", D(1989, 12, 24)),
    ],
)
def test_holidays_are_the_latest_such_day(text: str, published: dt.date, span: str, date: dt.date) -> None:
    mention = only(text, published)
    assert (mention.text, mention.date, mention.precision) == (span, date, "day")


@pytest.mark.parametrize("text", [
    "They met at a Christmas party.",  # a bare name dates nothing
    "She died right before Thanksgiving.",  # before it is not on it
    "A New Year's resolution.",
])
def test_a_holiday_without_a_preposition_of_time_dates_nothing(text: str) -> None:
    assert find_dates(text, D(2016, 12, 28), en) == []


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Updated: 11/26/2015 11:53 AM\n\nCreated: 11/25/2015 4:15 PM\n\nPolice said ...", D(2017, 1, 28), D(2015, 11, 26)),
    ("Photo\nPublished Monday, Aug. 8, 2016 by staff\nTwo men were shot.", D(2016, 8, 10), D(2016, 8, 8)),
    ("Posted: Wednesday, March 12, 2014 8:04 AM", D(2014, 3, 12), None),  # the day it came with
    ("The list was updated Monday by the ministry.", D(2016, 8, 10), None),  # a sentence, no stamp
])
def test_a_page_stamped_before_the_day_it_came_with_is_of_its_stamp(text, published, expected) -> None:
    assert page_date(text, published, en) == expected
