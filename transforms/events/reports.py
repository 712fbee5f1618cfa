"""An article's incident reports: its incident facts grouped by the incident they tell of.

A fact is the set of mentions of one article that tell one figure (`fact_id`).
An article can tell of several incidents (a week of fighting near Aleppo: one
on Saturday, one on the 10th); its facts are grouped into reports, one per
incident. Facts of one article are one incident unless they give other days (and name no
victim in common) or other countries (`_of_its_victim`, `_of_its_day`). A report's count of an outcome is the figure the
article states most often (a headline, a lead and a quote repeating "two
dead" outweigh a stray "one"); on a tie the one it tells first (a lead states
the totals, later sentences detail victims); never a sum of facts: a victim
named later is one of those counted. Parts
of a total (`part_of`) and cumulative tolls are not incident reports, nor is an incident an article recalls
from long before it was published while reporting another (`RECALLED_AFTER`).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable

from casualty_events.schemas.mention import OUTCOMES
from casualty_events.transforms.casualties.dates import days_spanned
from casualty_events.transforms.casualties.facts import tells_a_group_again
from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.casualties.gazetteer import admin1_codes, lookup
from casualty_events.transforms.text import capitalised_words, statement_key

# A city this big is named by many reports of its window: no word of its name tells one incident.
MIN_POPULATION_WIDELY_NAMED = 100_000
# Dates a text gives an incident of its own: not the article's date, not a span, nothing as loose as a year.
OWN_DATES = frozenset({"day", "week", "month"})
# Of those, the ones that date an incident to a period, any day of which can be its day.
PERIOD_DATES = OWN_DATES - {"day"}
# Two reports whose days lie this far apart can tell of one incident (a night shooting dated either day).
DAY_TOLERANCE = dt.timedelta(days=1)
# An incident an article recalls from this long before it was published, while it reports another ("the city's
# deadliest shooting since 2009"), is history, not news: its mentions stay, but it makes no event. The news of
# its day counted it; a recollection, with less detail, would count it again.
RECALLED_AFTER = dt.timedelta(days=62)


@dataclasses.dataclass(frozen=True)
class Fact:
    """What the resolver reads of a fact: its mentions' agreed fields and how often the article tells it."""

    fact_id: str
    article_id: str
    outcome: str
    count: int
    scope: str
    location: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    event_date: dt.date | None
    date_precision: str
    evidence: str
    statements: int
    source: str | None = None
    published_at: dt.datetime | None = None
    terms: frozenset[str] = frozenset()  # distinctive words of its statements: names, streets, places, ages
    streets: frozenset[str] = frozenset()  # the streets its statements name ("hearne", "south princeton")
    victims: str | None = None
    victim_identity: frozenset[str] = frozenset()  # ages and names its statements give its victims
    cause: tuple[str, str | None] = ("unknown", None)  # (cause, mechanism): `transforms.casualties.cause`
    told_at: int = -1  # where the article first tells it (a character offset; -1: its title)
    admin1_code: str | None = None  # the state the extractor read its place in (ISO 3166-2: "US-CA")


@dataclasses.dataclass(frozen=True)
class Place:
    """A report's place as the gazetteer knows it."""

    name: str
    country_code: str | None
    admin1: str | None  # the gazetteer's state code ("OH"), compared between reports
    latitude: float | None
    longitude: float | None
    precision: str
    admin1_code: str | None = None  # ISO 3166-2 ("US-OH"), for the table
    geonames_id: int | None = None


@dataclasses.dataclass(frozen=True)
class Report:
    """One article's account of one incident."""

    article_id: str
    source: str | None
    published_at: dt.datetime | None
    day_statements: dict[dt.date, int]  # the days it tells, with how many statements tell each
    day_precision: bool  # the article dates the incident to a day, not only by its own date
    places: tuple[Place, ...]  # most told first
    counts: dict[str, int]
    statements: dict[str, int]  # how often the article states each outcome's count
    fact_ids: tuple[str, ...]
    evidence: str
    terms: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    country_code: str | None = None  # where its places are, most told; else where the article's are
    cause: tuple[str, str | None] = ("unknown", None)  # what most of its facts that say one say
    # the week or month an article dates the incident to without giving its day ("the June 2013 shooting"): any
    # day of it can be the incident's
    period: tuple[dt.date, dt.date] | None = None

    @property
    def days(self) -> frozenset[dt.date]:
        return frozenset(self.day_statements)

    @property
    def day(self) -> dt.date | None:
        """The day its statements give most, the earliest on a tie ("Bandemer was pronounced dead Friday" told
        three times outweighs a stray day read with another sentence)."""
        if not self.day_statements:
            return None
        return min(self.day_statements, key=lambda day: (-self.day_statements[day], day))


def facts_of(mentions: list[dict], lexicon: Lexicon) -> list[Fact]:
    """The facts of some mention rows (dicts as the mentions table or `casualties extract` has them)."""
    members: dict[str, list[dict]] = collections.defaultdict(list)
    for row in mentions:
        members[row["fact_id"]].append(row)
    facts = []
    for fact_id, rows in members.items():
        lead = next((r for r in rows if r.get("char_start") is not None), rows[0])
        facts.append(Fact(
            fact_id, lead["article_id"], lead["outcome"], lead["count"], lead["scope"], lead.get("location"),
            lead.get("country_code"), lead.get("latitude"), lead.get("longitude"), _date(lead.get("event_date")),
            lead["date_precision"], lead["evidence"], _statements(rows), lead.get("source"), lead.get("published_at"),
            frozenset(t for r in rows for t in distinctive_terms(r["evidence"], lexicon)),
            frozenset(s for r in rows for s in streets_named(r["evidence"], lexicon)), lead.get("victims"),
            frozenset(w for r in rows for w in _identity_words(r.get("victims") or "", lexicon)),
            (lead.get("cause") or "unknown", lead.get("mechanism")),  # rows before schema version 4 have none
            min((r["char_start"] for r in rows if r.get("char_start") is not None), default=-1),
            lead.get("admin1_code"),
        ) if not any(r.get("part_of") for r in rows) else None)
    return [f for f in facts if f is not None]


def _statements(rows: list[dict]) -> int:
    """How many statements tell a fact: its mentions, those that differ only in their numbers told once (a
    gallery's captions, "Image 3 of 44 A girl and her mother were shot", are one statement, not 44)."""
    return len({statement_key(row["evidence"]) for row in rows})


def streets_named(text: str, lexicon: Lexicon) -> set[str]:
    """The streets of the addresses a statement gives, lower-cased without their suffix: "the 5600 block of
    South Princeton Avenue" -> {"princeton"}. (A street merely named, "near Hearne Ave", may be a
    cross street or the way to hospital; an address is where it happened, unless someone lives there.)"""
    names = set()
    for address in lexicon.BLOCK_RE.finditer(text):
        if lexicon.RESIDENT_ADDRESS_RE.search(text, max(0, address.start() - 60), address.start()):
            continue  # "Christian Bandemer of the 900 block of West 36th Street": where he lived
        words = (address[1] or address[2]).split()
        while len(words) > 1 and words[-1] in lexicon.STREET_SUFFIXES:
            words.pop()
        names.add(words[-1].lower())  # "South Princeton", "S. Princeton": Princeton
    return names


def distinctive_terms(text: str, lexicon: Lexicon) -> set[str]:
    """The words of a statement that can tell its incident from others: its capitalised words ("Aynis",
    "Vargas", "Hartford"; lower-cased; common capitalised words left out, and the names of countries, states and
    big cities, which many reports of a window share: places are compared as places) and the ages it gives
    ("16-year-old"). How rare each is in the window weighs it (`resolve`)."""
    words = capitalised_words(text) - lexicon.COMMON_CAPITALISED
    ages = {age.casefold() for age in lexicon.AGE_RE.findall(text)}
    return {word for word in words if not is_widely_named(word, lexicon)} | ages


@functools.lru_cache(maxsize=65_536)
def is_widely_named(word: str, lexicon: Lexicon) -> bool:
    """A country, a state, or a city this big (`MIN_POPULATION_WIDELY_NAMED`): many reports of a window name it."""
    place = lookup(word, lexicon)
    return place is not None and (place.kind in ("country", "admin1", "region", "demonym")
                                  or place.population >= MIN_POPULATION_WIDELY_NAMED)


def incident_reports(facts: list[Fact], lexicon: Lexicon) -> list[Report]:
    """An article's incident facts, grouped into one report per incident (`facts` are one article's).

    The report the article tells most is its incident; another report counts only when the text dates it:
    an incident mentioned in passing with no date of its own ("after five officers died in Dallas") is
    background, and the article's own date would misdate it. A headline dates nothing of its own (its date is one
    read from the body): a headline that agrees with no report of the body ("Mother gave sons drugs before
    shooting them, killing herself", where the body tells three dead last month) is no incident of its own."""
    state = article_admin1(facts, lexicon)
    country = _most_told_country(facts)
    incident = [f for f in facts if f.scope == "incident" and f.outcome in OUTCOMES]
    # Facts that date and place themselves found the reports; the others join the report told most. A victim told
    # again ("the teen") comes after the fact it tells again, whatever day its sentence was read with.
    told_of = _antecedents(incident, lexicon)
    incident.sort(key=lambda f: (f.fact_id in told_of, f.date_precision != "day", f.location is None, -f.statements,
                                 f.fact_id))
    groups: list[list[Fact]] = []
    for fact in incident:
        # the report of the victim it names first ("justice in Clark's death", told on the day of another shooting)
        group = next((g for g in groups if _of_its_victim(fact, g, told_of)), None) or next(
            (g for g in groups if _of_its_day(fact, g)), None)
        if group is None:
            groups.append([fact])
        else:
            group.append(fact)
    # a victim told again ("the teen") dates nothing of its own: its sentence's day need not be the incident's
    reports = [(_report(group, state, country, lexicon),
                any(_dates_itself(f) for f in group if f.fact_id not in told_of)) for group in groups]
    if len(reports) < 2:
        return [report for report, _ in reports]
    main = max(reports, key=lambda r: (sum(r[0].statements.values()), not _recalled(r[0]), r[1], r[0].fact_ids))
    return [report for report, dated in reports if (dated and not _recalled(report)) or (report, dated) == main]


def _dates_itself(fact: Fact) -> bool:
    """Whether the body gives a fact a date of its own (`OWN_DATES`); a headline's is read from the body."""
    return fact.date_precision in OWN_DATES and fact.told_at >= 0


def _recalled(report: Report) -> bool:
    """Whether a report tells of an incident long before its article was published (`RECALLED_AFTER`)."""
    return (report.published_at is not None and bool(report.days)
            and report.day < report.published_at.date() - RECALLED_AFTER)


def article_admin1(facts: list[Fact], lexicon: Lexicon) -> str | None:
    """The state most of an article's place names can be in ("Bridgeport" and "Cook County": Illinois, where
    both are), when that is more than one name: a same-name place is read in the state the text is about."""
    names = {(f.location, f.country_code) for f in facts if f.location}
    covered = collections.Counter(code for name, country in names for code in admin1_codes(name, lexicon, country))
    if not covered:
        return None
    state, count = covered.most_common(1)[0]
    return state if count >= 2 and list(covered.values()).count(count) == 1 else None


def _of_its_victim(fact: Fact, group: list[Fact], told_of: dict[str, str]) -> bool:
    """Whether a fact of an article is of the incident of a group of its facts by its victim: it names the same
    victim as one of them, or tells again, as "the boy", the victim of the fact just before it (`told_of`)."""
    return not _in_another_country(fact, group) and any(
        _same_victim(fact, other) or told_of.get(fact.fact_id) == other.fact_id
        or told_of.get(other.fact_id) == fact.fact_id for other in group)


def _of_its_day(fact: Fact, group: list[Fact]) -> bool:
    """Whether a fact's date can be the day of the group's first fact (the best dated). Different place names
    alone do not part facts: the text names a street, a suburb, a county and the city of one shooting, and a place
    read wrongly (a person called Sharon) must not split it."""
    return not _in_another_country(fact, group) and _same_days(fact, group[0])


def _in_another_country(fact: Fact, group: list[Fact]) -> bool:
    """Facts told of other countries are never one incident."""
    return any(fact.country_code and other.country_code and fact.country_code != other.country_code for other in group)


def _antecedents(facts: list[Fact], lexicon: Lexicon) -> dict[str, str]:
    """For each fact told of one victim by an anaphor ("the boy", "the victim"), the fact told just before it in
    the article: the victim it tells again, whatever day its sentence was read with."""
    in_text = sorted((f for f in facts if f.told_at >= 0), key=lambda f: f.told_at)
    return {fact.fact_id: before.fact_id for before, fact in zip(in_text, in_text[1:])
            if fact.count == 1 and (fact.victims or "").casefold() in lexicon.SINGLE_VICTIM_ANAPHORS}


def _same_days(a: Fact, b: Fact) -> bool:
    """Whether two facts' dates can be one day (not a day against another day, a month, a year)."""
    if a.event_date and b.event_date:
        (a_first, a_last) = days_spanned(a.event_date, a.date_precision)
        (b_first, b_last) = days_spanned(b.event_date, b.date_precision)
        return not (a_first > b_last + DAY_TOLERANCE or b_first > a_last + DAY_TOLERANCE)
    return True


def _same_victim(a: Fact, b: Fact) -> bool:
    """ "16-year-old Elian Lopez was shot Friday", "Elian later died" (read with Monday's date): the facts of
    one article naming one victim (a name, an age) are one incident, whatever days they were read with (a
    later death, an autopsy, a court date)."""
    return bool(a.victim_identity & b.victim_identity)


def _most_told_country(facts: list[Fact]) -> str | None:
    """The country most statements of some facts name (the first told on a tie); a place read wrongly once
    ("Rodriguez", a town abroad) does not move a report."""
    told = collections.Counter()
    for fact in facts:
        if fact.country_code:
            told[fact.country_code] += fact.statements
    return max(told, key=lambda code: (told[code], -list(told).index(code))) if told else None


def _report(facts: list[Fact], state: str | None, article_country: str | None, lexicon: Lexicon) -> Report:
    dated = [f for f in facts if f.date_precision == "day"]
    day_statements = collections.Counter()
    for fact in dated or facts:
        if fact.event_date is not None:
            day_statements[fact.event_date] += fact.statements
    told = collections.Counter()
    for fact in facts:
        if fact.location:
            told[fact.location, fact.country_code, fact.admin1_code] += fact.statements
    # a name is read in the state most of the article's names share, else in the one the extractor read it in
    places = tuple(dict.fromkeys(p for (name, country, own), _ in told.most_common()
                                 if (p := place_of(name, lexicon, country, state or own))))
    counts, statements, chosen = {}, {}, []
    killed = [f for f in facts if f.outcome == "killed"]
    for outcome in OUTCOMES:
        told = [f for f in facts if f.outcome == outcome and not (outcome == "injured" and _one_of_the_dead(f, killed, lexicon))]
        if told:
            top = max(told, key=lambda f: (f.statements, -f.told_at))
            count = top.count - (_dead_among(top, killed) if outcome == "injured" else 0)
            counts[outcome], statements[outcome] = count, top.statements
            chosen.append(top)
    lead = chosen[0]  # its evidence states the report's first count (killed, if any), not another figure
    return Report(lead.article_id, lead.source, lead.published_at, dict(day_statements), bool(dated), places, counts,
                  statements, tuple(sorted(f.fact_id for f in facts)), lead.evidence,
                  frozenset().union(*(f.terms for f in facts)),
                  frozenset().union(*(f.streets for f in facts)), _most_told_country(facts) or article_country,
                  most_told_cause(f.cause for f in facts), None if dated else _period(facts))


def _period(facts: list[Fact]) -> tuple[dt.date, dt.date] | None:
    """The week or month the facts told most date their incident to (`PERIOD_DATES`), when they give no day."""
    periods = collections.Counter()
    for fact in facts:
        if fact.event_date is not None and fact.date_precision in PERIOD_DATES:
            periods[days_spanned(fact.event_date, fact.date_precision)] += fact.statements
    return max(periods, key=lambda period: (periods[period], period)) if periods else None


def most_told_cause(causes: Iterable[tuple[str, str | None]]) -> tuple[str, str | None]:
    """The (cause, mechanism) told most often, not counting the unknown ones (the first told on a tie)."""
    known = [cause for cause in causes if cause[0] != "unknown"]
    return max(known, key=lambda cause: (known.count(cause), -known.index(cause))) if known else ("unknown", None)


def _one_of_the_dead(injured: Fact, killed: list[Fact], lexicon: Lexicon) -> bool:
    """ "A 16-year-old boy was critically wounded ... A 16-year-old boy ... died", "the victim was shot": the
    shot who died are counted killed, not also injured (the Gun Violence Archive's count). An injured figure
    no larger than the dead, told of a victim already named among them, of kin they were named as ("his wife and
    children": `KIN_WORDS`) or of "the victim", is theirs; so is one as large as the dead told of the group again
    ("the two", "both")."""
    if not killed or not injured.victims or injured.count > max(f.count for f in killed):
        return False
    words = injured.victims.casefold().split()
    if tells_a_group_again(injured.victims, lexicon) and any(f.count == injured.count for f in killed):
        return True  # "A mother and her son were found dead ... the two were found with gunshot wounds"
    if any(word in lexicon.OTHER_VICTIM_WORDS for word in words):
        return False  # "another man", "two other people"
    if " ".join(words) in lexicon.SINGLE_VICTIM_ANAPHORS:
        return True
    kin = {word for word in words if word in lexicon.KIN_WORDS}
    return any(_same_victim(injured, f) or (kin and kin <= set((f.victims or "").casefold().replace(",", " ").split())
                                            and injured.count <= f.count) for f in killed)


def _dead_among(injured: Fact, killed: list[Fact]) -> int:
    """ "A 7-year-old girl and her mother were shot" and "7-year-old Iris Rodriguez" died: of a group of the shot
    larger than the dead, the dead it names (by age or name) are counted killed, the rest injured (1, not 2)."""
    return max((f.count for f in killed if f.count < injured.count and _same_victim(injured, f)), default=0)


def _identity_words(victims: str, lexicon: Lexicon) -> set[str]:
    """What tells one victim from another in a victims phrase: an age ("16-year-old"), a name."""
    return {w.casefold() for w in lexicon.AGE_RE.findall(victims)} | (capitalised_words(victims) - lexicon.COMMON_CAPITALISED)


@functools.lru_cache(maxsize=65_536)
def place_of(name: str, lexicon: Lexicon, country_code: str | None, state: str | None = None) -> Place | None:
    """A place name as the gazetteer resolves it, in the country the text gave (and the state, if it has one
    of that name)."""
    entry = lookup(name, lexicon, country_code, state)
    if entry is None:
        return Place(name, country_code, None, None, None, "unknown")
    if country_code and entry.country_code != country_code:
        return Place(name, country_code, None, None, None, "unknown")
    return Place(name, entry.country_code, entry.admin1_code, entry.latitude, entry.longitude,
                 entry.precision, entry.iso_admin1, entry.geonames_id)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
