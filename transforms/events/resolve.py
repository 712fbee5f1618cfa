"""Events: the reports of all articles about one incident, resolved into one row.

Reports are resolved within a window, the country and month of the day they
report (`window_of`): a run re-resolves only the windows its new facts touch,
and an event never spans two windows. Inside a window, a report joins an event
when it can be of the same incident as every report of the event and is linked
to one of them, so a chain of near matches cannot glue two incidents of one day
and city together; a report linked to several events joins them into one when
every two of their reports can be of one incident.

- The same incident: not one article (its reports are distinct incidents),
  counts that do not contradict each other (killed and injured both given and
  both different), no addresses on other streets ("the 5600 block of South
  Princeton" against "the 5000 block of West Wabansia": two shootings of one
  city and day), days at most a day apart (an article that only has its own
  date may follow up to `FOLLOW_UP` later; one that dates the incident to a
  week or a month, "the June 2013 shooting", fits any day of it).
- Linked: a shared place (one name within the
  other: "Aleppo", "eastern Aleppo"; a state or a big city, which many reports
  of a window name, only with an equal count), or, when one names no town, a
  state with an equal count (not a county far from the other's towns: "Fresno
  County" and Indio), or rare words in common: the names, streets and
  ages of their statements, weighed by how few reports of the window use them
  (reports of two towns, neither within the other, need as many as bridge days). Rare words
  shared in plenty also bridge days up to a month apart (a misdated report, a
  follow-up naming the victims weeks later), and so does the same toll of two or
  more victims in the same small town.

Estimates, per outcome: `best` is the figure most reports give, and on a tie the
latest report's (news corrects itself: a victim dies, a count is revised);
`low` and `high` the smallest and largest figure reported. Never the sum of
reports. The wounded of early reports who died by the later ones are counted
killed only (`_wounded_who_died`). An event's id is the id of the first fact of its earliest report, so it
stays the same as later reports join; when a report joins two events into one,
the merged event keeps the older id (its `fact_ids` hold those of both).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib
import math

from casualty_events.schemas.mention import OUTCOMES
from casualty_events.transforms.casualties.gazetteer import PRECISION_ORDER, city_and_part, distance_km
from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.events.reports import DAY_TOLERANCE, Place, Report, is_widely_named, place_of

# How long after an incident an article that does not date it may still be about it.
FOLLOW_UP = dt.timedelta(days=7)
# Rarity of a shared word: the log of how many reports of the window there are per report using it, the
# window counted as at least this many reports (about a month of one country's local news), so that a small
# window's few reports do not make every shared word look common.
MIN_REPORTS_FOR_RARITY = 200
# Shared rarity that links two compatible reports (about two uncommon names), and that bridges dates up to
# `BRIDGED_GAP` apart (a misdated report, a follow-up weeks later naming the same people and street).
TERMS_TO_LINK = 4.0
TERMS_TO_BRIDGE = 12.0
BRIDGED_GAP = dt.timedelta(days=31)
# Victims enough that the same toll in the same small town also bridges dates up to `BRIDGED_GAP` apart: two
# incidents of one town and month with the same two or more victims are far rarer than a misdated follow-up.
MIN_VICTIMS_TO_BRIDGE = 2
# How far from a district's point a town of its state may be and still be inside it (a large county's reach).
DISTRICT_RADIUS_KM = 60.0
# The same from the town a district is named after, which may lie at its edge ("Riverside County": Indio is 115 km
# from Riverside).
NAMESAKE_RADIUS_KM = 150.0


def window_of(country_code: str | None, day: dt.date | None) -> str:
    """The window a report is resolved in: "SY/2016-11" (country unknown: "--")."""
    return f"{country_code or '--'}/{day:%Y-%m}" if day else f"{country_code or '--'}/undated"


def report_window(report: Report) -> str:
    """A report's window is its day's (`Report.day`); a report that dates nothing (its days are its article's)
    tells of an incident up to that day, most often the day before: it is resolved with that day's reports, so that
    the undated news of the 1st meets the incident of the last day of the month before."""
    day = report.day
    if day is not None and not report.day_precision:
        day -= DAY_TOLERANCE
    return window_of(report.country_code, day)


def resolve(reports: list[Report], lexicon: Lexicon) -> list[list[Report]]:
    """The reports of one window grouped into events, each event's reports oldest first."""
    links = _Links(reports, lexicon)
    events: list[list[Report]] = []
    for report in sorted(reports, key=_age):
        fits = [e for e in events if links.fits(report, e)]
        if not fits:
            events.append([report])
            continue
        joined = [r for e in fits for r in e]
        if len(fits) > 1 and links.all_one_incident(joined):
            # the report links events that can all be one incident: it joins them ("a report joins two events")
            first = fits[0]
            first[:] = sorted([*joined, report], key=_age)
            events = [e for e in events if e is first or not any(e is f for f in fits)]
            continue
        best = max(fits, key=lambda e: (sum(links.strength(report, r) for r in e), -events.index(e)))
        best.append(report)
    return events


def _age(report: Report) -> tuple:
    return (report.published_at or dt.datetime.max.replace(tzinfo=dt.timezone.utc), report.day or dt.date.max,
            report.fact_ids)


class _Links:
    """What ties two reports of a window together, with how rare the words they share are in the window."""

    def __init__(self, reports: list[Report], lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        told = collections.Counter(term for report in reports for term in report.terms)
        weighed_against = max(len(reports), MIN_REPORTS_FOR_RARITY)
        self._rarity = {term: math.log(weighed_against / count) for term, count in told.items()}

    def shared(self, a: Report, b: Report) -> float:
        """The rarity of the distinctive words two reports share (names, streets): high for one incident."""
        return sum(self._rarity[term] for term in a.terms & b.terms)

    def fits(self, report: Report, event: list[Report]) -> bool:
        """Nothing in the event sets the report apart, and some report of it is linked to the report."""
        return (all(not _apart(report, other) and self.same_time(report, other) for other in event)
                and any(self.strength(report, other) for other in event))

    def all_one_incident(self, reports: list[Report]) -> bool:
        """Whether every two of the reports can be of one incident (nothing sets them apart, their days agree)."""
        return all(not _apart(a, b) and self.same_time(a, b) for i, a in enumerate(reports) for b in reports[i + 1:])

    def same_time(self, a: Report, b: Report) -> bool:
        """Whether two reports' days (the day each tells most: a day read wrongly once does not move a report)
        can be one incident's: a day apart, an undated follow-up, a day of the week or month the other dates the
        incident to, or rare words
        enough in common to bridge a gap (a misdated report, a follow-up weeks later naming the victims), or the
        same toll in the same small town."""
        if not (a.days and b.days):
            return True
        if _same_day(a.day, a.day_precision, b.day, b.day_precision) or _periods_meet(a, b):
            return True
        return self.shared(a, b) >= TERMS_TO_BRIDGE or self._same_toll_in_one_town(a, b)

    def _same_toll_in_one_town(self, a: Report, b: Report) -> bool:
        """Both reports tell the same killed and injured, `MIN_VICTIMS_TO_BRIDGE` or more, in a place no bigger than
        a town that both name ("five dead in Sinking Spring", dated by the autopsy's report nine days later)."""
        if sum(a.counts.values()) < MIN_VICTIMS_TO_BRIDGE or any(
                a.counts.get(outcome) != b.counts.get(outcome) for outcome in ("killed", "injured")):
            return False
        return any(not is_widely_named(name, self._lexicon) for name in _shared_places(
            tuple(p for p in a.places if p.precision == "town"), tuple(p for p in b.places if p.precision == "town")))

    def strength(self, a: Report, b: Report) -> int:
        """How much two compatible reports show they tell of one incident: a shared place (a state or a big city
        only with an equal count), else, when one of them names no town, a shared state with an equal count; or
        rare words in common (for two towns, neither within the other, as many as bridge days: a misread
        place)."""
        by_terms = int(self.shared(a, b) >= TERMS_TO_LINK)
        if shared := _shared_places(a.places, b.places):
            if all(is_widely_named(name, self._lexicon) for name in shared):
                return _equal_counts(a, b) + by_terms  # "Chicago" alone tells none of a day's shootings apart
            return 2 + _equal_counts(a, b) + by_terms
        if _names_a_town(a) and _names_a_town(b):
            return int(self.shared(a, b) >= TERMS_TO_BRIDGE)  # two towns, neither within the other: much in common
        states = {(p.country_code, p.admin1) for p in a.places if p.admin1}
        if (states & {(p.country_code, p.admin1) for p in b.places if p.admin1} and _equal_counts(a, b)
                and not self._outside_the_district(a, b) and not self._outside_the_district(b, a)):
            return 1 + by_terms
        return by_terms

    def _outside_the_district(self, district_only: Report, other: Report) -> bool:
        """Whether a report naming no town but a district ("Fresno County") and another naming towns are of places
        apart: none of the towns is inside the district (`_inside_district`, the district's point its namesake
        town's: Indio is 400 km from Fresno)."""
        if _names_a_town(district_only):
            return False
        districts = [_district_centre(p, self._lexicon) for p in district_only.places if p.precision == "district"]
        towns = [p for p in other.places if p.precision == "town"]
        return bool(districts and towns) and not any(
            _inside_district(town, district, reach) for town in towns for district, reach in districts)


def _apart(a: Report, b: Report) -> bool:
    """What no link overrides: one article (its reports are distinct incidents), counts that contradict
    each other (killed and injured both given and both different), streets named by both and none shared,
    days more than `BRIDGED_GAP` apart."""
    if a.article_id == b.article_id:
        return True
    if all(outcome in a.counts and outcome in b.counts and a.counts[outcome] != b.counts[outcome]
           for outcome in ("killed", "injured")):
        return True
    if a.streets and b.streets and not a.streets & b.streets:
        return True  # two shootings of one city and day, on other streets
    return bool(a.days and b.days) and not any(abs(x - y) <= BRIDGED_GAP for x in a.days for y in b.days)


def _same_day(x: dt.date, x_dated: bool, y: dt.date, y_dated: bool) -> bool:
    """Whether two days can be one incident's; a day that is only an article's date can be an incident's
    up to `FOLLOW_UP` later (an article reporting on an incident without dating it)."""
    if x_dated == y_dated:
        return abs(x - y) <= DAY_TOLERANCE
    published, day = (y, x) if x_dated else (x, y)
    return day - DAY_TOLERANCE <= published <= day + FOLLOW_UP


def _periods_meet(a: Report, b: Report) -> bool:
    """Whether a report's day, or the week or month it dates the incident to, lies in the week or month another
    dates it to ("the June 2013 shooting" and "shot June 15")."""
    spans = [(r.day, r.day) if r.day_precision else r.period for r in (a, b)]
    if None in spans or not (a.period or b.period):
        return False
    (a_first, a_last), (b_first, b_last) = spans
    return a_first - DAY_TOLERANCE <= b_last and b_first - DAY_TOLERANCE <= a_last


def _names_a_town(report: Report) -> bool:
    return any(p.precision == "town" for p in report.places)


def _shared_places(a: tuple[Place, ...], b: tuple[Place, ...]) -> set[str]:
    """The names one report's places share with the other's, one within the other ("Aleppo", "Aleppo province");
    a part of a city by the part alone: "Chicago (Chatham)" shares its place with "Chatham", not with every
    report of Chicago."""
    names = [_most_specific(p.name) for p in a if p.precision not in ("country", "region")]
    others = [_most_specific(p.name) for p in b if p.precision not in ("country", "region")]
    return {min(x, y, key=len) for x in names for y in others if x in y or y in x}


def _most_specific(name: str) -> str:
    parts = city_and_part(name)
    return (parts[1] if parts else name).casefold()


def _equal_counts(a: Report, b: Report) -> int:
    return int(any(a.counts.get(o) is not None and a.counts.get(o) == b.counts.get(o) for o in OUTCOMES))


@dataclasses.dataclass(frozen=True)
class Estimate:
    best: int
    low: int
    high: int


def estimates(reports: list[Report]) -> dict[str, Estimate | None]:
    """Each outcome's estimate (`estimate`), less the wounded of early reports who died by the later ones
    (`_wounded_who_died`)."""
    found = {outcome: estimate(reports, outcome) for outcome in OUTCOMES}
    if _wounded_who_died(reports):
        found["injured"] = None
    return found


def _wounded_who_died(reports: list[Report]) -> bool:
    """ "A man was shot and taken to hospital", then "the man has died": the first reports' wounded are the later
    reports' dead, whom the Gun Violence Archive (and ACLED) count killed only. So read when no report gives both
    figures, every report of the wounded is older than every report of the dead, and the dead are as many."""
    wounded = [r for r in reports if "injured" in r.counts]
    dead = [r for r in reports if "killed" in r.counts]
    if not wounded or not dead or any("killed" in r.counts for r in wounded):
        return False
    return (max(_age(r) for r in wounded) < min(_age(r) for r in dead)
            and max(r.counts["injured"] for r in wounded) <= min(r.counts["killed"] for r in dead))


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
    """The most specific place most reports agree on: told by the most reports, the more precise on a tie; a
    district most reports tell gives way to a town inside it that another report tells ("Hennepin County" and
    "Minneapolis (Phillips)": the town)."""
    told = collections.Counter()
    first: dict[str, Place] = {}
    for report in reports:
        for place in report.places:
            key = place.name.casefold()
            first.setdefault(key, place)
            told[key] += 1
    if not told:
        return None
    ranked = sorted(told, key=lambda k: (-told[k], PRECISION_ORDER.index(first[k].precision), list(first).index(k)))
    best = first[ranked[0]]
    if best.precision == "district":
        inside = [first[k] for k in ranked if first[k].precision == "town" and _inside_district(first[k], best)]
        return inside[0] if inside else best
    return best


def _district_centre(district: Place, lexicon: Lexicon) -> tuple[Place, float]:
    """A district with its point and reach; for one the gazetteer gives no point (US counties), the point of the
    town of its state it is named after ("Fresno County": Fresno), when there is one, and that town's reach."""
    if None not in (district.latitude, district.longitude):
        return district, DISTRICT_RADIUS_KM
    name, _, suffix = district.name.rpartition(" ")
    if suffix.casefold() not in lexicon.ADMIN_SUFFIXES:
        return district, DISTRICT_RADIUS_KM
    town = place_of(name, lexicon, district.country_code, district.admin1)
    if town is None or town.precision != "town" or town.admin1 != district.admin1:
        return district, DISTRICT_RADIUS_KM
    return dataclasses.replace(district, latitude=town.latitude, longitude=town.longitude), NAMESAKE_RADIUS_KM


def _inside_district(town: Place, district: Place, reach: float = DISTRICT_RADIUS_KM) -> bool:
    """A town of the district's state, within `reach` of its point when it has one (the gazetteer has no counties'
    borders; US counties have no point in it)."""
    if town.admin1 != district.admin1 or None in (town.latitude, town.longitude):
        return False
    return None in (district.latitude, district.longitude) or distance_km(town, district) <= reach
