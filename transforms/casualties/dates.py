"""Date expressions in news text, resolved against the publication date.

The casualty extractor needs one ISO date per mention (GUIDELINES.md, "Dates"):
relative expressions ("yesterday", "Saturday", "last week", "in April") point
back from the publication date, and a period coarser than a day resolves to
its last day, never later than the publication date. Matching is
case-insensitive because old newswire text is ALL CAPS; in mixed-case text
month and weekday names must be capitalised, which keeps "may" (the verb) and
"march" (the verb) out.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.casualties.pattern_set import PatternSet
from casualty_events.transforms.casualties.sentences import is_mostly_upper
from casualty_events.transforms.text import CharacterSwap

__all__ = ["DateMention", "find_dates", "page_date"]


@dataclass(frozen=True)
class DateMention:
    """A date expression: its span in the text and the date it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # 'day' | 'week' | 'month' | 'year' | 'period'
    period_start: dt.date
    start_precision: str | None = None  # of a period's start: "since Nov. 15" starts on a day


# Characters that would break matching but can be swapped one-for-one, so
# offsets into the normalised text are offsets into the original.
_same_length_normalised = CharacterSwap(
    {
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ",
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>(?:19|20)\d\d)"
# Newswire stamps write "4 FEB 90": a two-digit year, never after a comma.
_YEAR_AFTER_DAY_MONTH = rf"(?:,?\s+{_YEAR4}|\s+(?P<short_year>\d\d))"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# Not followed by more digits, a time ("2:30") or a decimal part.
_END_NUMBER = r"(?!\d|[:.]\d)"
_FLAGS = re.IGNORECASE
MAX_SHORT_YEAR_AGE = 20
# A month and day this many days before publication whose weekday is wrong for that year may be the year before's.
WEEKDAY_YEAR_BACK_AFTER_DAYS = 60
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])", _FLAGS)


ISO_DATE_RE = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])")
# "11/5/2016" is month first (US news) unless the first number cannot be a month.
SLASH_DATE_RE = re.compile(
    r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?:(?P<year>\d{4})|(?P<short_year>\d\d))(?![\d/])"
)
# "since" before any other date expression turns it into a period up to publication.
SINCE_BEFORE_RE = re.compile(r"(?<![\w-])since\s+$", _FLAGS)


def _last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _latest_month_on_or_before(month: int, published: dt.date, strictly: bool = False) -> int:
    """Year of the latest `month` on (or strictly before) the publication month."""
    if month < published.month or (month == published.month and not strictly):
        return published.year
    return published.year - 1


def _latest_day_on_or_before(month: int, day: int, published: dt.date) -> dt.date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _expand_short_year(digits: str, published: dt.date) -> int | None:
    """A two-digit year goes to the century that puts it closest to publication;
    one that lands far from it ("18 DECEMBER, 18 PEOPLE") is no year at all."""
    year = 2000 + int(digits)
    if year > published.year + 1:
        year -= 100
    return year if published.year - year <= MAX_SHORT_YEAR_AGE else None


def _month_number(token: str, grammar: DateGrammar) -> int:
    return grammar.months[token.lower().rstrip(".")]


def _count(token: str, grammar: DateGrammar) -> int:
    token = re.sub(r"\s+", " ", token.lower())
    return int(token) if token.isdigit() else grammar.duration_words[token]


def _day(date: dt.date) -> tuple[dt.date, str, dt.date]:
    return date, "day", date


def _month(year: int, month: int, published: dt.date) -> tuple[dt.date, str, dt.date]:
    return min(_last_day_of_month(year, month), published), "month", dt.date(year, month, 1)


def _year(year: int, published: dt.date) -> tuple[dt.date, str, dt.date]:
    return min(dt.date(year, 12, 31), published), "year", dt.date(year, 1, 1)


def _shift_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _go_back(published: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return published - dt.timedelta(days=count)
    if unit == "week":
        return published - dt.timedelta(weeks=count)
    months = {"month": 1, "year": 12, "decade": 120}[unit]
    return _shift_months(published, count * months)


Resolution = tuple[dt.date, str, dt.date] | None


def _resolve_iso(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    try:
        return _day(dt.date(int(m["year"]), int(m["month"]), int(m["day"])))
    except ValueError:
        return None


def _resolve_slash_date(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    first, second = int(m["first"]), int(m["second"])
    month, day = (first, second) if first <= 12 else (second, first)
    year = int(m["year"]) if m["year"] else _expand_short_year(m["short_year"], published)
    if year is None:
        return None
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return None


def _resolve_full_date(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    short_year = m.groupdict().get("short_year")
    year = _expand_short_year(short_year, published) if short_year else int(m["year"])
    if year is None:
        return None
    try:
        return _day(dt.date(year, _month_number(m["month"], grammar), int(m["day"])))
    except ValueError:
        return None


def _resolve_month_day(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    """The latest such day on or before publication, unless its weekday says otherwise: the one after publication
    ("Last updated Sunday, Nov. 27" on a page of Friday, Nov. 25, 2016: an update's day), or the one a year
    earlier ("Saturday, Sept. 12" on a page dated Jan. 2017: Sept. 12, 2015, when the page's date is its
    crawl's)."""
    month, day = _month_number(m["month"], grammar), int(m["day"])
    date = _latest_day_on_or_before(month, day, published)
    weekday = grammar.weekdays[m["weekday"].lower()] if m["weekday"] else None
    if date is None or weekday in (None, date.weekday()):
        return _day(date) if date else None
    years = [published.year]
    if (published - date).days > WEEKDAY_YEAR_BACK_AFTER_DAYS:  # a few days before, a wrong weekday is a slip
        years.append(date.year - 1)
    for year in years:
        with contextlib.suppress(ValueError):
            if (other := dt.date(year, month, day)) != date and other.weekday() == weekday:
                return _day(other)
    return _day(date)


def _resolve_month_year(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    return _month(int(m["year"]), _month_number(m["month"], grammar), published)


def _resolve_month_in_context(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    month = _month_number(m["month"], grammar)
    context = (m["context"] or "").lower()
    if month == grammar.months["may"] and context in {"this", "last"} and m["month"].isupper():
        return None  # "THIS MAY BE", "AT LAST MAY": the modal verb in upper-case text
    if m["year"]:
        year = int(m["year"])
    else:
        year = _latest_month_on_or_before(month, published, strictly=context == "last")
    if context == "since":
        return published, "period", dt.date(year, month, 1)
    return _month(year, month, published)


def _resolve_year_in_context(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    year = int(m["year"])
    if year > published.year:
        return None
    if (m["context"] or "").lower() == "since":
        return published, "period", dt.date(year, 1, 1)
    return _year(year, published)


def _resolve_year_of_incident(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    year = int(m["year"])
    return _year(year, published) if year <= published.year else None


def _resolve_weekday(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    """The latest such day on or before publication; "last Friday" written on a
    Friday is the week before."""
    days_back = (published.weekday() - grammar.weekdays[m["weekday"].lower()]) % 7
    relation = " ".join((m["relation"] or "").lower().split())
    if days_back == 0 and relation in {"last", "past", "this past"}:
        days_back = 7
    return _day(published - dt.timedelta(days=days_back))


def _resolve_holiday(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    """The latest such holiday on or before publication ("on New Year's Eve", "over the Fourth of July weekend")."""
    index = next(i for i in range(len(grammar.holidays)) if m[f"holiday{i}"])
    _, day, needs_context = grammar.holidays[index]
    if needs_context and not (m["holiday_context"] or m["holiday_part"]):
        return None  # "a Christmas party"
    for year in (published.year, published.year - 1):
        date = _holiday_in(year, day)
        if date <= published:
            return _day(date)
    return None


def _holiday_in(year: int, day: tuple[int, ...]) -> dt.date:
    if len(day) == 2:
        return dt.date(year, *day)
    month, weekday, nth = day
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[nth if nth < 0 else nth - 1])


def _resolve_relative_day(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    word = m["word"].lower()
    if "yesterday" in word or "last" in word:
        return _day(published - dt.timedelta(days=1))
    return _day(published)


def _resolve_ago(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    count, unit = _count(m["count"], grammar), m["unit"].lower()
    date = _go_back(published, count, unit)
    if unit == "day":
        return _day(date)
    precision = "week" if unit == "week" else "month" if unit == "month" else "year"
    return date, precision, date


def _resolve_calendar_unit(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    if m["the"]:  # "over the weekend": the latest one that has begun
        which, unit = "this", m["the_unit"].lower()
    else:
        which, unit = " ".join(m["which"].lower().split()), m["unit"].lower()
    this = which.split()[-1] == "this"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if this:
            return published, "week", monday
        return monday - dt.timedelta(days=1), "week", monday - dt.timedelta(days=7)
    if unit == "weekend":
        # The latest Saturday-Sunday that has begun ("this") or ended ("last").
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if not this and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return min(saturday + dt.timedelta(days=1), published), "week", saturday
    if unit == "month":
        if this:
            return published, "month", published.replace(day=1)
        previous = published.replace(day=1) - dt.timedelta(days=1)
        return _month(previous.year, previous.month, published)
    if this:
        return published, "year", dt.date(published.year, 1, 1)
    return _year(published.year - 1, published)


def _resolve_past_span(m: re.Match[str], published: dt.date, grammar: DateGrammar) -> Resolution:
    if m["recent_unit"]:
        count, unit = grammar.duration_words["several"], m["recent_unit"]
    else:
        count, unit = (_count(m["count"], grammar) if m["count"] else 1), m["unit"]
    return published, "period", _go_back(published, count, unit)


Resolver = Callable[[re.Match[str], dt.date, "DateGrammar"], "Resolution"]


@dataclass(frozen=True)
class DateGrammar:
    """A lexicon's date expressions: its month, weekday and count words, and its patterns with their resolvers,
    in the order that breaks ties between equally long matches at the same start."""

    months: dict[str, int]
    weekdays: dict[str, int]
    duration_words: dict[str, int]
    named_nouns: frozenset[str]  # "the April 19 Movement": a date before these is part of a name
    rules: tuple[tuple[re.Pattern[str], Resolver], ...]
    holidays: tuple[tuple[str, tuple[int, ...], bool], ...] = ()  # (pattern, its day, whether it needs context)

    @cached_property
    def scanners(self) -> PatternSet:
        """The rules' patterns without IGNORECASE, for a lower-cased copy of a text (their words are all lower
        case), read in one pass: the same matches in a third of the time. The rule's own pattern then matches at
        each, for the groups in their own case ("May" or "MAY")."""
        return PatternSet([re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) for pattern, _ in self.rules])


@cache
def date_grammar(lexicon: Lexicon) -> DateGrammar:
    months = {name: number for number, names in enumerate(lexicon.MONTH_NAMES, start=1) for name in names}
    weekdays = {name: number for number, name in enumerate(lexicon.WEEKDAY_NAMES)}
    month = (
        r"(?P<month>"
        + "|".join(names[0] for names in lexicon.MONTH_NAMES)
        + "|"
        + "|".join(rf"{abbreviation}\.?" for names in lexicon.MONTH_NAMES for abbreviation in names[1:])
        + ")"
    )
    weekday = r"(?P<weekday>" + "|".join(weekdays) + r")"
    count = r"(?P<count>\d{1,3}|" + "|".join(sorted(lexicon.DURATION_NUMBER_WORDS, key=len, reverse=True)) + r")"
    day_prefix = rf"(?:on\s+)?(?:{weekday},?\s+)?"
    month_day_year_re = _compile(
        rf"{day_prefix}{month}\s+{_DAY},?\s+{_YEAR4}{_END_NUMBER}"
    )
    day_month_year_re = _compile(
        rf"{day_prefix}{_DAY}\s+(?:of\s+)?{month}{_YEAR_AFTER_DAY_MONTH}{_END_NUMBER}"
    )
    month_day_re = _compile(rf"{day_prefix}{month}\s+{_DAY}{_END_NUMBER}")
    day_month_re = _compile(rf"{day_prefix}{_DAY}\s+(?:of\s+)?{month}")
    month_year_re = _compile(rf"{month},?\s+(?:of\s+)?{_YEAR4}{_END_NUMBER}")
    month_in_context_re = _compile(
        r"(?:(?P<context>(?:(?:thus|so)\s+far\s+|earlier\s+|later\s+|early\s+|late\s+)?in"
        r"|since|during|throughout|until|through|last|this|early|late|earlier|later)\s+|mid-\s*)"
        rf"{month}(?:,?\s+{_YEAR4}{_END_NUMBER})?"
    )
    year_in_context_re = _compile(
        r"(?:(?P<context>(?:early\s+|late\s+|(?:thus|so)\s+far\s+)?in|since|during|throughout"
        rf"|early|late|until|through|from)\s+|mid-\s*){_YEAR4}{_END_NUMBER}"
    )
    # "the 2014 shooting death", "the 2012 police shooting": a year naming an incident needs no preposition.
    year_of_incident_re = _compile(
        rf"the\s+{_YEAR4}(?=\s+(?:[a-z]+\s+)?(?:{'|'.join(sorted(lexicon.INCIDENT_NOUNS))})s?\b)"
    )
    weekday_re = _compile(
        rf"(?:(?P<relation>on|last|(?:this\s+)?past|this|early|late)\s+)?{weekday}{_DAYPART}"
    )
    relative_day_re = _compile(
        r"(?P<word>(?:early\s+|late\s+)?yesterday" + _DAYPART
        + r"|(?:earlier\s+|later\s+)?today|tonight|last\s+night"
        + r"|(?:early\s+|earlier\s+|late\s+|later\s+)?this\s+(?:morning|afternoon|evening))"
    )  # fmt: skip
    ago_re = _compile(rf"{count}\s+{_UNIT}\s+ago")
    # the span alone is the date's text ("one week after"), so that the parse reads it where the span hangs
    span_before_re = _compile(rf"{lexicon.FOLLOWED_BY_SPAN}(?P<date>{count}\s+{_UNIT}\s+after)")
    calendar_unit_re = _compile(
        r"(?P<which>(?:(?:earlier|later)\s+|(?:so|thus)\s+far\s+)?this|this\s+past|last)"
        r"\s+(?P<unit>week(?:end)?|month|year)"
        r"|(?:over\s+)?(?P<the>the)\s+(?P<the_unit>weekend)"
    )
    past_span_re = _compile(
        rf"(?:(?:the\s+)?(?:past|last|previous)\s+{count}|(?:the\s+)?past)\s+{_UNIT}"
        r"|(?:in\s+)?recent\s+(?P<recent_unit>day|week|month|year)s"
    )
    holidays = list(lexicon.HOLIDAYS)
    holiday_re = _compile(
        r"(?:(?P<holiday_context>on|over|during)\s+(?:the\s+)?)?(?:the\s+)?(?:"
        + "|".join(f"(?P<holiday{i}>{pattern})" for i, pattern in enumerate(holidays))
        + r")\b(?P<holiday_part>\s+(?:night|morning|afternoon|evening|weekend|eve))?"
    )
    rules = (
        (ISO_DATE_RE, _resolve_iso),
        (SLASH_DATE_RE, _resolve_slash_date),
        (month_day_year_re, _resolve_full_date),
        (day_month_year_re, _resolve_full_date),
        (month_year_re, _resolve_month_year),
        (month_day_re, _resolve_month_day),
        (day_month_re, _resolve_month_day),
        (month_in_context_re, _resolve_month_in_context),
        (year_in_context_re, _resolve_year_in_context),
        (year_of_incident_re, _resolve_year_of_incident),
        (ago_re, _resolve_ago),
        (span_before_re, _resolve_ago),
        (past_span_re, _resolve_past_span),
        (calendar_unit_re, _resolve_calendar_unit),
        (relative_day_re, _resolve_relative_day),
        (weekday_re, _resolve_weekday),
        (holiday_re, _resolve_holiday),
    )
    holiday_days = tuple((pattern, lexicon.HOLIDAYS[pattern], pattern in lexicon.HOLIDAYS_NEEDING_CONTEXT)
                         for pattern in holidays)
    return DateGrammar(months, weekdays, dict(lexicon.DURATION_NUMBER_WORDS), frozenset(lexicon.DATE_NAMED_NOUNS), rules,
                       holiday_days)


def _names_are_capitalised(m: re.Match[str]) -> bool:
    """In mixed-case text month and weekday names are written capitalised."""
    groups = m.re.groupindex
    names = [m[group] for group in ("month", "weekday") if group in groups and m[group]]
    names += [m[group] for group in groups if group.startswith("holiday") and group[7:].isdigit() and m[group]]
    return all(name[0].isupper() for name in names if name[0].isalpha())


def _names_something(text: str, end: int, grammar: DateGrammar) -> bool:
    """ "The April 19 Movement": a date followed by a capitalised noun of names is part of a name."""
    following = _NEXT_WORD_RE.match(text, end)
    return following is not None and following[1][0].isupper() and following[1].lower() in grammar.named_nouns


def find_dates(text: str, published: dt.date, lexicon: Lexicon) -> list[DateMention]:
    """Date expressions in `text`, in text order and non-overlapping (longest wins)."""
    normalised = _same_length_normalised(text)
    mixed_case = not is_mostly_upper(normalised)
    grammar = date_grammar(lexicon)
    candidates: list[tuple[int, int, int, DateMention]] = []
    for priority, ((pattern, resolve), matches) in enumerate(zip(grammar.rules, _matches(grammar, normalised))):
        for m in matches:
            if mixed_case and not _names_are_capitalised(m):
                continue
            if _names_something(normalised, m.end(), grammar):
                continue
            resolved = resolve(m, published, grammar)
            if resolved is None:
                continue
            date, precision, period_start = resolved
            start = m.start("date") if "date" in pattern.groupindex else m.start()
            mention = DateMention(start, m.end(), text[start : m.end()], date, precision, period_start)
            candidates.append((start, -(m.end() - start), priority, mention))
    for *_, mention in list(candidates):
        since = SINCE_BEFORE_RE.search(normalised, max(0, mention.start - 16), mention.start)
        if since and mention.period_start <= published:
            length = mention.end - since.start()
            candidates.append((since.start(), -length, -1, _since(text, since.start(), mention, published)))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[DateMention] = []
    for *_, mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def _matches(grammar: DateGrammar, text: str) -> list[Iterable[re.Match[str]]]:
    """Each rule's `pattern.finditer(text)`, found by `grammar.scanners` in a lower-cased copy where lower-casing
    kept every character one character long (it does but for a few letters: "İ")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [pattern.finditer(text) for pattern, _ in grammar.rules]
    return [[pattern.match(text, found.start()) for found in scanned]
            for (pattern, _), scanned in zip(grammar.rules, grammar.scanners.finditer_each(lowered))]


def page_date(text: str, published: dt.date, lexicon: Lexicon) -> dt.date | None:
    """The day a page stamps itself with near its top ("Created: 11/25/2015"), when earlier than the date it came
    with: a page found long after it was written ("Updated: 11/26/2015" on a page crawled in 2017) tells its
    "Monday" from its own day."""
    opening = text[: lexicon.PAGE_DATE_REACH]
    for stamp in lexicon.PAGE_DATE_RE.finditer(opening):
        dates = find_dates(opening[stamp.end():], published, lexicon)
        if dates and dates[0].start == 0 and dates[0].precision == "day" and dates[0].date < published:
            return dates[0].date
    return None


def _since(text: str, start: int, mention: DateMention, published: dt.date) -> DateMention:
    """"since <date>": the period from that date up to publication."""
    return DateMention(start, mention.end, text[start : mention.end], published, "period", mention.period_start,
                       mention.precision)


def days_spanned(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The days a date of some precision can stand for: its day, its week, month or year up to it; a period or an
    article's own date (precision "published"), any day on or before it."""
    if precision == "day":
        return day, day
    if precision == "week":
        return day - dt.timedelta(days=6), day
    if precision == "month":
        return day.replace(day=1), day
    if precision == "year":
        return day.replace(month=1, day=1), day
    return dt.date.min, day
