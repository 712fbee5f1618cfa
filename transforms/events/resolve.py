"""Events: the reports of all articles about one incident, resolved into one row.

Reports are resolved within a window, the country and ISO week of the day they
report (`window_of`): a run re-resolves only the windows its new facts touch,
and an event never spans two windows. Inside a window two reports tell of one
incident when their days are at most a day apart, they come from different
articles, they share a place (one name within the other: "Aleppo", "eastern
Aleppo") or, when one names no town, a state with an equal count, and their counts do not
contradict each other (killed and injured both given and both different). A
report joins an event only when it fits every report already in it, so a chain
of near matches cannot glue two incidents of one day and city together.

Estimates, per outcome: `best` is the figure most reports give, and on a tie the
latest report's (news corrects itself: a victim dies, a count is revised);
`low` and `high` the smallest and largest figure reported. Never the sum of
reports. An event's id is the id of the first fact of its earliest report, so it
stays the same as later reports join; when a report joins two events into one,
the merged event keeps the older id (its `fact_ids` hold those of both).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib

from casualty_events.schemas.mention import OUTCOMES
from casualty_events.transforms.events.reports import DAY_TOLERANCE, Place, Report

# How long after an incident an article that does not date it may still be about it.
FOLLOW_UP = dt.timedelta(days=7)
PRECISION_ORDER = ("town", "district", "admin1", "unknown", "country", "region")


def window_of(country_code: str | None, day: dt.date | None) -> str:
    """The window a report is resolved in: "SY/2016-11" (country unknown: "--")."""
    return f"{country_code or '--'}/{day:%Y-%m}" if day else f"{country_code or '--'}/undated"


def report_window(report: Report) -> str:
    return window_of(report.country_code, report.first_day)


def resolve(reports: list[Report]) -> list[list[Report]]:
    """The reports of one window grouped into events, each event's reports oldest first."""
    ordered = sorted(reports, key=_age)
    events: list[list[Report]] = []
    for report in ordered:
        fits = [e for e in events if _fits(report, e)]
        if not fits:
            events.append([report])
            continue
        best = max(fits, key=lambda e: (sum(_strength(report, r) for r in e), -events.index(e)))
        best.append(report)
    return events


def _age(report: Report) -> tuple:
    return (report.published_at or dt.datetime.max.replace(tzinfo=dt.timezone.utc), report.first_day or dt.date.max,
            report.fact_ids)


def _fits(report: Report, event: list[Report]) -> bool:
    return all(_compatible(report, other) for other in event) and any(_linked(report, other) for other in event)


def _compatible(a: Report, b: Report) -> bool:
    if a.article_id == b.article_id:
        return False  # an article's reports are distinct incidents
    if a.days and b.days and not any(_same_day(x, a.day_precision, y, b.day_precision)
                                     for x in a.days for y in b.days):
        return False
    return not all(
        outcome in a.counts and outcome in b.counts and a.counts[outcome] != b.counts[outcome]
        for outcome in ("killed", "injured")
    )


def _same_day(x: dt.date, x_dated: bool, y: dt.date, y_dated: bool) -> bool:
    """Whether two days can be one incident's; a day that is only an article's date can be an incident's
    up to `FOLLOW_UP` later (an article reporting on an incident without dating it)."""
    if x_dated == y_dated:
        return abs(x - y) <= DAY_TOLERANCE
    published, day = (y, x) if x_dated else (x, y)
    return day - DAY_TOLERANCE <= published <= day + FOLLOW_UP


def _linked(a: Report, b: Report) -> bool:
    return _strength(a, b) > 0


def _strength(a: Report, b: Report) -> int:
    """How much two compatible reports show they tell of one incident: a shared place, else, when one of
    them names no town, a shared state with an equal count."""
    if _shared_place(a.places, b.places):
        return 2 + _equal_counts(a, b)
    if _names_a_town(a) and _names_a_town(b):
        return 0  # two towns, and neither within the other
    states = {(p.country_code, p.admin1) for p in a.places if p.admin1}
    if states & {(p.country_code, p.admin1) for p in b.places if p.admin1} and _equal_counts(a, b):
        return 1
    return 0


def _names_a_town(report: Report) -> bool:
    return any(p.precision == "town" for p in report.places)


def _shared_place(a: tuple[Place, ...], b: tuple[Place, ...]) -> bool:
    names = [p.name.casefold() for p in a if p.precision not in ("country", "region")]
    others = [p.name.casefold() for p in b if p.precision not in ("country", "region")]
    return any(x in y or y in x for x in names for y in others)


def _equal_counts(a: Report, b: Report) -> int:
    return int(any(a.counts.get(o) is not None and a.counts.get(o) == b.counts.get(o) for o in OUTCOMES))


@dataclasses.dataclass(frozen=True)
class Estimate:
    best: int
    low: int
    high: int


def estimate(reports: list[Report], outcome: str) -> Estimate | None:
    """The figure most reports give (the latest report's on a tie), with the range of figures reported."""
    figures = [(r.counts[outcome], _age(r)) for r in reports if outcome in r.counts]
    if not figures:
        return None
    told = collections.Counter(count for count, _ in figures)
    top = max(told.values())
    best = max((age, count) for count, age in figures if told[count] == top)[1]
    counts = [count for count, _ in figures]
    return Estimate(best, min(counts), max(counts))


def event_id(reports: list[Report]) -> str:
    """The id of its earliest report's first fact, hashed: stable as later reports join."""
    return hashlib.sha256(reports[0].fact_ids[0].encode()).hexdigest()[:16]


def event_day(reports: list[Report]) -> tuple[dt.date | None, str]:
    """The day most reports give (the earliest on a tie), and whether reports dated it or it is a report's date."""
    dated = [r for r in reports if r.day_precision] or reports
    told = collections.Counter(day for r in dated for day in r.days)
    if not told:
        return None, "published"
    top = max(told.values())
    return min(d for d, n in told.items() if n == top), "day" if dated[0].day_precision else "published"


def event_place(reports: list[Report]) -> Place | None:
    """The most specific place most reports agree on: told by the most reports, the more precise on a tie."""
    told = collections.Counter()
    first: dict[str, Place] = {}
    for report in reports:
        for place in report.places:
            key = place.name.casefold()
            first.setdefault(key, place)
            told[key] += 1
    if not told:
        return None
    key = max(told, key=lambda k: (told[k], -PRECISION_ORDER.index(first[k].precision), -list(first).index(k)))
    return first[key]
