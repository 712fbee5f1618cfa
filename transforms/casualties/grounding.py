"""THE date and THE place of a casualty claim, chosen among a document's date and place mentions.

Order of preference (GUIDELINES "Dates" and the location field): the same
sentence, nearest to the outcome word (of its dates, the incident's before a
report's, never an arrest's or a hearing's: `date_attachment`); then the
sentences just before (an incident's date or place is often set up one
sentence earlier); then the dateline or the document's most named place;
finally the publication date with precision `published`, which the
document's reading (`reconcile`) replaces with the day its other incident
statements give most. A cumulative figure takes its date only from its
own sentence (the end of the period it sums), else the publication date:
its as-of date.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from casualty_events.transforms.casualties.cause import Cause, document_cause
from casualty_events.transforms.casualties.date_attachment import Attachment
from casualty_events.transforms.casualties.dates import DateMention, find_dates, page_date
from casualty_events.transforms.casualties.gazetteer import (
    PRECISION_ORDER,
    Place,
    admin1_codes,
    city_part,
    country_of_demonym,
    dateline,
    distance_km,
    document_country,
    find_places,
    lookup,
    only_country,
    people_named,
)
from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.casualties.outcomes import is_candidate
from casualty_events.transforms.casualties.sentences import Sentence, is_shouting
from casualty_events.transforms.text import fold, headline

NEXT_WORDS_RE = re.compile(r"\.?\s+((?:[\w-]+\s*){1,2})")  # after "U.S" the dot is left
# How many sentences back an incident's date or place may have been set up ("On Sunday, rebels attacked an
# army post in Kunduz. The attack began before dawn. Fighting went on for hours. Five soldiers were killed").
CONTEXT_SENTENCES = 3
# How much of a text's opening says which country it is about (its dateline, its lead's places).
COUNTRY_CHARS = 3000
LEAD_SENTENCES = 3
# The gazetteer does not read possessives ("Syria's battlefields"); blanking the
# "'s" keeps every offset and leaves it the bare name. The apostrophe comes first, and the letter before it is
# looked back at from there: the engine then looks for apostrophes alone (0.055 -> 0.015 ms a dev document).
POSSESSIVE_RE = re.compile(r"['\u2019](?<=[A-Za-z]['\u2019])[sS]\b")
# A town of fewer people than this, inside the radius of the city a story is from, is one of its parts
# ("Chatham" in a Chicago story is Chicago's South Side, not a town of its own); the radius is that of a
# disc holding the city's people at a big city's density.
MAX_CITY_PART_POPULATION = 50_000
CITY_DENSITY_PER_KM2 = 2000
MIN_HOME_CITY_POPULATION = 100_000
QUALIFIED_RE = re.compile(r",\s*[A-Z]")


@dataclass(frozen=True)
class EventDate:
    date: dt.date | None
    precision: str
    reported: bool = False  # the day a report of it was made, taken for want of a day of its own
    told_at: int = -1  # where the date of its own sentence that dates it starts (-1: none of its sentence's)
    told_next: dt.date | None = None  # of a report's day: the earlier day the story tells next (`_told_next`)


@dataclass(frozen=True)
class EventPlace:
    location: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    precision: str | None = None  # `Place.precision`: town, district, admin1, country, region
    admin1_code: str | None = None  # ISO 3166-2, where known
    geonames_id: int | None = None


NO_PLACE = EventPlace(None, None, None, None)


class DocumentGround:
    """A document's dates and places, found once and shared by all its claims."""

    def __init__(self, text: str, published: dt.date | None, sentences: list[Sentence], lexicon: Lexicon,
                 title: str | None = None, site_country: str | None = None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.title = title or ""
        self.site_country = site_country
        # a datetime is a date too, but compares with none: keep the day
        published = published.date() if isinstance(published, dt.datetime) else published
        self.published = (page_date(text, published, lexicon) or published) if published else published
        self.sentences = sentences
        self._sentence_places: dict[int, list[Place]] = {}

    @cached_property
    def _folded_title(self) -> str:
        return fold(self.title)

    def tells_the_title(self, sentence_index: int) -> bool:
        """Whether a sentence ends with the title, told again in the text: it is read as headlines are written."""
        return bool(self._folded_title) and fold(self.sentences[sentence_index].text).endswith(self._folded_title)

    @cached_property
    def cause(self) -> Cause:
        """What the document names most often as a cause of death or injury (`cause.document_cause`)."""
        return document_cause(f"{self.title}\n{self.text}", self.lexicon)

    @cached_property
    def dates(self) -> list[DateMention]:
        """The text's dates up to its publication: a later one is an update's or an announced event's ("Last
        updated Sunday, Nov. 27", "the funeral is set for March 3, 2017"), never an incident's; nor is the page's
        own stamp ("Posted: Friday, July 3, 2015")."""
        return _event_dates(self.text, self.published, self.lexicon)

    @cached_property
    def country(self) -> str | None:
        """The country the text is about, from its dateline and the places of its title and opening, else its
        site's: same-name places in its sentences are read there ("a shooting in Chatham" in a story of
        Chicago's South Side)."""
        said = document_country(_without_possessives(self.text[:COUNTRY_CHARS]), self.lexicon, self.surnames,
                                _without_possessives(self.title))
        return said or self.site_country or self.named_country

    @cached_property
    def named_country(self) -> str | None:
        """The one country of every place the text names, however small, when they all agree."""
        return only_country(_without_possessives(self.text), self.lexicon, self.surnames)

    @cached_property
    def surnames(self) -> frozenset[str]:
        """Words the text and its title use as people's names ("Maria Rodriguez, 25", "Officer Tyler", "22-year-old
        Emily McDonald", "McCloud, 34,", "her father, Vincent Dobbs", "his wife, Mary,", a title's "5-year-old Ana
        Garza's murder"): never places in it, however big a town abroad shares the name. A title in capitals says
        nothing of names ("Victorville Girl, 16, Killed")."""
        told = self.text if is_shouting(self.title) else f"{self.title}\n{self.text}"
        named = [word for regex in (self.lexicon.TITLED_RE, self.lexicon.AGED_NAME_RE, self.lexicon.SURNAME_RE,
                                    self.lexicon.APPOSED_NAME_RE)
                 for names in regex.findall(told) for word in names if word]
        named += self.lexicon.ONE_NAME_AGED_RE.findall(told)
        return frozenset(word.casefold() for word in named) | people_named(told)

    @cached_property
    def speakers(self) -> frozenset[str]:
        """One-word names that say something ("Estrada said"), lower case: people unless a big city's."""
        return frozenset(word.casefold() for word in self.lexicon.SPEAKER_RE.findall(self.text))

    @cached_property
    def places(self) -> list[Place]:
        """Every place the text names, sentence by sentence: the sentences' places are found once, for this and
        for the claims in them."""
        return [place for index in range(len(self.sentences)) for place in self.places_in(index)]

    def places_in(self, index: int) -> list[Place]:
        """Places named in one sentence, with document offsets; found once per sentence."""
        found = self._sentence_places.get(index)
        if found is None:
            sentence = self.sentences[index]
            found = _usable_places(sentence.text, sentence.start, self.lexicon, self.country, self.state)
            found = self._sentence_places[index] = self._not_people(found)
        return found

    def _not_people(self, places: list[Place]) -> list[Place]:
        return [p for p in places if " " in p.name.strip() or not (
            p.name.casefold() in self.surnames
            or (p.name.casefold() in self.speakers and p.population < MIN_HOME_CITY_POPULATION))]

    @cached_property
    def dateline_place(self) -> Place | None:
        return dateline(self.text, self.country)

    @cached_property
    def state(self) -> str | None:
        """The state of the story's dateline ("OAKLAND —": California): a same-name place of its sentences is
        read in it ("shot in the Fruitvale district", not the Colorado town)."""
        line = self.dateline_place
        return line.admin1_code if line is not None and line.country_code == self.country else None

    @cached_property
    def home_city(self) -> Place | None:
        """The city the story is from: its dateline's, else the big city it names most, twice or alone ("Chicago
        police")."""
        line = self.dateline_place
        if line is not None and line.kind == "city" and line.geonames_id is not None:
            # a dateline of a city's part ("CHATHAM —" over a Chicago story): the city it is part of
            return next((p for p in self.places if _is_part_of(line, p)), line)
        named = Counter(p.name.casefold() for p in self.places if p.kind == "city"
                        and p.population >= MIN_HOME_CITY_POPULATION and p.name.casefold() not in self.city_parts)
        top = [name for name, count in named.most_common(1) if count >= 2 or len(named) == 1]
        return next((p for p in self.places if p.name.casefold() in top), None)

    @cached_property
    def city_parts(self) -> frozenset[str]:
        """Names the text calls a part of a city ("the West Side Austin neighborhood"), lower case: a part
        wherever the text names them, never the story's city, however big a city elsewhere shares the name."""
        return frozenset(p.name.casefold() for p in self.places if self.lexicon.CITY_PART_RE.match(self.text, p.end)
                         and self.lexicon.CITY_PART_BEFORE_RE.search(self.text, max(0, p.start - 40), p.start))

    def placed(self, place: Place) -> EventPlace:
        """An event place, said as a part of its city where it is one: "Philadelphia (Kensington)" for "the
        Kensington section of Philadelphia", "Chicago (Chatham)" for a Chatham inside a Chicago story's city."""
        if place.start >= 0 and (part_of := self.lexicon.CITY_PART_OF_RE.match(self.text, place.end)):
            city = next((p for p in self.places if p.start == part_of.end() and p.kind == "city"), None)
            if city is not None:
                return replace(_as_event_place(city), location=_part_of(place.name, city.name))
        home = self.home_city
        if home is None or place.kind != "city" or place.name.casefold() == home.name.casefold():
            return _as_event_place(place)
        if place.name.casefold() in self.city_parts:
            return replace(_as_event_place(home), location=_part_of(place.name, home.name))
        if place.country_code != home.country_code or place.population >= MAX_CITY_PART_POPULATION:
            return _as_event_place(place)
        if _is_part_of(place, home):
            return replace(_as_event_place(place), location=_part_of(place.name, home.name))
        if home.admin1_code and place.admin1_code != home.admin1_code and not _qualified(self.text, place):
            # "PHILADELPHIA — ... shot in Kensington": a part of the city the gazetteer lacks, not a small
            # town of that name in another state
            return replace(_as_event_place(home), location=_part_of(place.name, home.name))
        return _as_event_place(place)

    @cached_property
    def default_place(self) -> Place | None:
        """The dateline place, else the document's most named place (not a demonym)."""
        if self.dateline_place is not None:
            return self.dateline_place
        named = Counter(p.name.lower() for p in self.places if p.kind != "demonym")
        if not named:
            return None
        top = named.most_common(1)[0][0]
        return next(p for p in self.places if p.name.lower() == top)

    @cached_property
    def article_end(self) -> int:
        """Where the article's text ends: before a list of other stories ("More stories you may like on 7News"),
        whose titles and teasers are no statements of this article."""
        found = self.lexicon.OTHER_STORIES_RE.search(self.text)
        return found.start() if found else len(self.text)

    @cached_property
    def title_named_place(self) -> Place | None:
        """The first place the title names (not a demonym): where a story whose text names no place happened
        ("Search ongoing for gunmen who shot teens at East Nashville community center"); its headline's first,
        else the town of the site after it ("... - WMC Action News 5 - Memphis, Tennessee"), a local station's."""
        for told in (headline(self.title), self.title):
            named = _usable_places(told, 0, self.lexicon, self.country, self.state)
            found = [p for p in named if p.kind != "demonym"]
            if found:
                return replace(found[0], start=-1, end=-1)
        return None

    @cached_property
    def incident_days(self) -> list[tuple[int, dt.date]]:
        """(sentence index, day) of the days the sentences that name an incident give ("investigating a shooting
        that happened early Sunday"), for a story whose casualty statements date nothing; those of the sentences
        telling when it happened (`INCIDENT_HAPPENED_RE`), when there are some."""
        naming = [(index, day, self.sentences[index].text) for index, days in self._days_by_sentence().items()
                  if self.lexicon.INCIDENT_NOUN_RE.search(self.sentences[index].text) for day in days]
        happened = [(index, day) for index, day, text in naming if self.lexicon.INCIDENT_HAPPENED_RE.search(text)]
        return happened or [(index, day) for index, day, _ in naming]

    def _days_by_sentence(self) -> dict[int, list[dt.date]]:
        """The days (dates of day precision) of each sentence that gives one, in text order as the dates are: the
        sentences without one, most of them, are never searched for an incident's name."""
        starts = [sentence.start for sentence in self.sentences]
        days: dict[int, list[dt.date]] = {}
        for date in self.dates:
            index = bisect_right(starts, date.start) - 1
            if date.precision == "day" and index >= 0 and date.start < self.sentences[index].end:
                days.setdefault(index, []).append(date.date)
        return days

    def dates_in(self, sentence_index: int) -> list[DateMention]:
        sentence = self.sentences[sentence_index]
        return [d for d in self.dates if sentence.start <= d.start < sentence.end]

    def event_date(self, sentence_index: int, position: int, cumulative: bool,
                   attachments: dict[int, Attachment] | None = None) -> EventDate:
        """The date nearest the claim at `position` (a document offset) in reach. Of its own sentence's dates,
        a date whose clause tells the claim first ("Sunday, when gunmen killed five"), then those of the incident,
        then those of a report; never another event's (`attachments`, by start)."""
        attachments = attachments or {}
        own = self.dates_in(sentence_index)
        on_the_date = _nearest([d for d in own if attachments.get(d.start) is Attachment.ON_THE_DATE], position)
        if on_the_date is not None:  # "since Nov. 15, when police shot him": Nov. 15, not the period since
            if on_the_date.precision == "period" and on_the_date.start_precision:
                return EventDate(on_the_date.period_start, on_the_date.start_precision, told_at=on_the_date.start)
            return EventDate(on_the_date.date, on_the_date.precision, told_at=on_the_date.start)
        for kind in (Attachment.INCIDENT, Attachment.REPORT):
            nearest = _nearest([d for d in own if attachments.get(d.start, Attachment.INCIDENT) is kind], position)
            if nearest is not None:
                reported = kind is Attachment.REPORT
                return EventDate(nearest.date, nearest.precision, reported=reported, told_at=nearest.start,
                                 told_next=self._told_next(sentence_index, nearest) if reported else None)
        if not cumulative:
            for earlier in reversed(range(max(0, sentence_index - CONTEXT_SENTENCES), sentence_index)):
                if found := self.dates_in(earlier):
                    return EventDate(found[-1].date, found[-1].precision)
        return self.published_date()

    def _told_next(self, sentence_index: int, report_day: DateMention) -> dt.date | None:
        """ "Reports released Monday detail how 3-year-old Gavin Stiles ... fatally shot himself. On the morning of
        July 14, ...": the first day before the report's that the sentence after a statement dated by its report
        tells, when it states no casualty of its own ("Another man was killed on Feb. 20" is another incident's day;
        further on, a roundup tells its next incident)."""
        later = sentence_index + 1
        if later >= len(self.sentences) or is_candidate(self.sentences[later].text, self.lexicon):
            return None
        days = [d for d in self.dates_in(later) if d.precision == "day" and d.date < report_day.date]
        return days[0].date if days else None

    def published_date(self) -> EventDate:
        return EventDate(self.published, "published")

    def event_place(self, sentence_index: int, position: int, excluded: list[tuple[int, int]]) -> EventPlace:
        """Where the claim happened: a place its sentence puts it in ("in Aleppo"), else the most
        precise one the nearest sentence before puts things in, else the dateline; failing those, a place
        merely named nearby, else the document's most named place, else the title's."""
        # a country whose people or body the sentence names ("the number of Iran's martyrs", "Iran's Foundation of
        # Martyrs") says whose the dead are, not where they died
        own = [p for p in self.places_in(sentence_index)
               if not _inside(p, excluded) and not _country_of_its_people(self.text, p, self.lexicon)]
        locative = [p for p in own if _is_locative(self.text, p, self.lexicon)]
        if locative:
            return self.placed(self._refined(_best_place(self.text, locative, position, self.lexicon), sentence_index))
        for i in range(sentence_index - 1, max(0, sentence_index - CONTEXT_SENTENCES) - 1, -1):
            earlier = [p for p in self.places_in(i) if p.kind != "demonym" and _is_locative(self.text, p, self.lexicon)]
            if earlier:  # "in the hamlet of San Andres, San Miguel department, in northern El Salvador"
                return self.placed(min(reversed(earlier), key=lambda p: PRECISION_ORDER.index(p.precision)))
        line = self.dateline_place
        if line is not None:
            return self.placed(line)
        best = _best_place(self.text, own, position, self.lexicon)
        if best is not None:
            return self.placed(self._refined(best, sentence_index))
        named = [
            p for i in range(sentence_index - 1, max(0, sentence_index - CONTEXT_SENTENCES) - 1, -1)
            for p in reversed(self.places_in(i)) if p.kind != "demonym"
        ]
        if named:
            return self.placed(named[0])
        fallback = self.default_place or self.title_named_place
        return self.placed(fallback) if fallback else self.country_only

    def _refined(self, place: Place, sentence_index: int) -> Place:
        """ "Killed ... in Mesa County. He was found dead inside a home in Clifton": a county or state made
        precise by a town of that state the next sentences put things in (as written, the most specific)."""
        if place.kind not in ("admin2", "admin1") or not place.admin1_code:
            return place
        # the states a county of that name is in ("Montgomery County": Maryland's, Texas', ...)
        states = admin1_codes(place.name, self.lexicon, place.country_code) if place.kind == "admin2" else {place.admin1_code}
        for i in range(sentence_index + 1, min(len(self.sentences), sentence_index + 1 + CONTEXT_SENTENCES)):
            for named in self.places_in(i):
                if named.kind != "city" or not _is_locative(self.text, named, self.lexicon):
                    continue
                if named.admin1_code in states:
                    return named  # "in Montfort, Wis.", a town too small for the gazetteer
                for state in sorted(states):
                    town = lookup(named.name, self.lexicon, place.country_code, state)  # Clifton, Colorado's
                    if town is not None and town.kind == "city" and town.admin1_code == state:
                        return replace(town, name=named.name, start=named.start, end=named.end)
        return place

    @cached_property
    def country_only(self) -> EventPlace:
        """No place to take: the country the text is about (`country`), without a point (maps leave it out)."""
        return EventPlace(None, self.country, None, None, "country") if self.country else NO_PLACE

    def lead_place(self) -> EventPlace:
        """Where the story is: its dateline, else the first place its opening sentences name."""
        if self.dateline_place is not None:
            return self.placed(self.dateline_place)
        for index in range(min(LEAD_SENTENCES, len(self.sentences))):
            found = [p for p in self.places_in(index) if p.kind != "demonym"]
            if found:
                return self.placed(found[0])
        return self.placed(self.default_place) if self.default_place else self.country_only


def day_of_the_injuries(date: EventDate, outcome: str, sentence: str, published: dt.date | None,
                        lexicon: Lexicon) -> EventDate:
    """ "Rohan Levy died Thursday, three days after he was shot": a death told as coming a span after its injuries
    happened in the incident of the day they were inflicted (the Gun Violence Archive's date, and the day the
    reports of the shooting give), that span before the day of the death. Only when the death's day is the one
    the sentence gives before the span ("three days after he was shot on Monday" dates itself)."""
    found = lexicon.SPAN_AFTER_INJURY_RE.search(sentence)
    if (outcome != "killed" or date.precision != "day" or date.date is None or found is None
            or not published or find_dates(sentence[found.end():], published, lexicon)):
        return date
    count = found["count"].lower()
    days = (int(count) if count.isdigit() else lexicon.DURATION_NUMBER_WORDS[count]) * (
        7 if found["unit"].lower() == "week" else 1)
    return EventDate(date.date - dt.timedelta(days=days), "day")


def title_date(title: str, published: dt.date | None, lexicon: Lexicon) -> EventDate:
    """A title's own date, else the publication date."""
    found = _event_dates(title, published, lexicon)
    return EventDate(found[0].date, found[0].precision) if found else EventDate(published, "published")


def _event_dates(text: str, published: dt.date | None, lexicon: Lexicon) -> list[DateMention]:
    """The dates of a text that can be an event's: up to its publication, and not the page's stamp."""
    if not published:
        return []
    return [d for d in _until(find_dates(text, published, lexicon), published)
            if not lexicon.PAGE_STAMP_BEFORE_RE.search(text, max(0, d.start - 20), d.start)]


def title_place(title: str, ground: DocumentGround) -> EventPlace:
    """A title's own place, else the document's."""
    places = _usable_places(title, 0, ground.lexicon, ground.country, ground.state)
    found = [p for p in places if p.kind != "demonym"] or places
    return ground.placed(replace(found[0], start=-1, end=-1)) if found else ground.lead_place()


def _until(dates: list[DateMention], published: dt.date) -> list[DateMention]:
    return [d for d in dates if d.date <= published]


def _country_of_its_people(text: str, place: Place, lexicon: Lexicon) -> bool:
    """A country named in the possessive ("Iran's martyrs"), not as where things happen ("on Syria's battlefields",
    `POSSESSIVE_PLACE_BEFORE_RE`)."""
    return (place.kind == "country" and text.startswith(("'s", "\u2019s"), place.end)
            and not lexicon.POSSESSIVE_PLACE_BEFORE_RE.search(text, max(0, place.start - 20), place.start))


def _without_possessives(text: str) -> str:
    return POSSESSIVE_RE.sub("  ", text)


def _usable_places(text: str, offset: int, lexicon: Lexicon, country_hint: str | None = None,
                   state_hint: str | None = None) -> list[Place]:
    """Places in `text` shifted by `offset`, less those inside a compound ("Iran-backed", "Savannah-Chatham
    police"), streets ("the 15000 block of Winston"), where people live, served or come from ("Rashad Opher, 20,
    of Windsor Mill", "a Vietnam veteran") or spoke from ("broadcast from San Salvador"), whose office a person
    holds ("the Antioquia governor"), broadcasters' call signs ("KSLA News 12"), nationality words that name
    people, not a place ("the Egyptian ambassador"), countries named for their state ("U.S. authorities") and
    countries in a list ("universities in Mexico, Honduras and Peru")."""
    found = find_places(_without_possessives(text), lexicon, country_hint, state_hint)
    listed = _listed_countries(text, found, lexicon)
    return [
        replace(p, start=p.start + offset, end=p.end + offset)
        for p in found
        if not _modifies_a_word_after(text, p) and not _joined_to_the_word_before(text, p)
        and not lexicon.PERSON_OF_PLACE_AFTER_RE.match(text, p.end)
        and not lexicon.RESIDENCE_BEFORE_RE.search(text, max(0, p.start - 40), p.start)
        and not lexicon.STREET_BEFORE_RE.search(text, max(0, p.start - 40), p.start)
        and not lexicon.STATEMENT_BEFORE_RE.search(text, max(0, p.start - 40), p.start)
        and not _names_an_office(text, p, lexicon)
        and not _names_a_broadcaster(text, p, lexicon)
        and (p.kind != "demonym" or _names_a_place(text, p, lexicon))
        and not (p.kind == "country" and (_names_an_institution(text, p, lexicon) or p in listed))
    ]


def _is_part_of(place: Place, city: Place) -> bool:
    """A small town inside a big city's radius, in its country: one of the city's parts."""
    return (place.kind == "city" and city.kind == "city" and place.country_code == city.country_code
            and place.population < MAX_CITY_PART_POPULATION <= city.population
            and place.name.casefold() != city.name.casefold() and distance_km(place, city) <= _city_radius_km(city))


def _part_of(part_name: str, city_name: str) -> str:
    """A dateline's capitals ("CHICAGO") are not kept beside a name the text writes in mixed case."""
    if city_name.isupper() != part_name.isupper():
        city_name, part_name = (name.title() if name.isupper() else name for name in (city_name, part_name))
    return city_part(city_name, part_name)


def _qualified(text: str, place: Place) -> bool:
    """ "Kensington, Md.": a state or country named after it."""
    return place.start >= 0 and QUALIFIED_RE.match(text, place.end) is not None


def _modifies_a_word_after(text: str, place: Place) -> bool:
    """ "Iran-backed", "Syria-based": a compound modifier, not a place ("Savannah-Chatham" is still Savannah)."""
    return text.startswith("-", place.end) and text[place.end + 1 : place.end + 2].islower()


def _joined_to_the_word_before(text: str, place: Place) -> bool:
    return place.start >= 2 and text[place.start - 1] == "-" and text[place.start - 2].isalpha()


def _city_radius_km(city: Place) -> float:
    return math.sqrt(city.population / CITY_DENSITY_PER_KM2 / math.pi)


def _listed_countries(text: str, places: list[Place], lexicon: Lexicon) -> list[Place]:
    """Countries named three or more in a row ("Mexico, Honduras, Peru and Colombia"): none is where it happened."""
    listed, run = [], []
    for place in places:
        if place.kind == "country" and run and lexicon.LIST_GAP_RE.fullmatch(text[run[-1].end:place.start]):
            run.append(place)
            continue
        listed += run if len(run) >= 3 else []
        run = [place] if place.kind == "country" else []
    return listed + (run if len(run) >= 3 else [])


def _names_an_office(text: str, place: Place, lexicon: Lexicon) -> bool:
    """ "Antioquia department governor Antonio Roldan": the place names whose office it is, not where."""
    following = NEXT_WORDS_RE.match(text, place.end)
    return following is not None and any(w.lower() in lexicon.OFFICE_TITLES for w in following.group(1).split())


def _names_a_broadcaster(text: str, place: Place, lexicon: Lexicon) -> bool:
    """ "told KSLA News 12": a station's call sign, which may spell a place abroad."""
    following = NEXT_WORDS_RE.match(text, place.end)
    return following is not None and following.group(1).split()[0] in lexicon.BROADCASTER_WORDS


def _names_an_institution(text: str, country: Place, lexicon: Lexicon) -> bool:
    """ "U.S. authorities", "the government of the Republic of Guatemala": a country named for its state."""
    following = NEXT_WORDS_RE.match(text, country.end)
    if following is not None and any(w.lower() in lexicon.INSTITUTION_NOUNS for w in following.group(1).split()):
        return True  # "U.S. authorities", "U.S. economic aid"
    before = lexicon.INSTITUTION_BEFORE_RE.search(text[max(0, country.start - 40):country.start])
    return before is not None and before.group(1).lower() in lexicon.INSTITUTION_NOUNS


def _names_a_place(text: str, demonym: Place, lexicon: Lexicon) -> bool:
    """ "the Syrian conflict", "the Salvadoran civil war": a nationality word before a word of place."""
    following = NEXT_WORDS_RE.match(text, demonym.end)
    return following is not None and any(w.lower() in lexicon.DEMONYM_PLACE_NOUNS for w in following.group(1).split())


def _nearest(dates: list[DateMention], position: int) -> DateMention | None:
    return min(dates, key=lambda d: min(abs(d.start - position), abs(d.end - position)), default=None)


def _inside(place: Place, excluded: list[tuple[int, int]]) -> bool:
    return any(s <= place.start < e for s, e in excluded)


def _best_place(text: str, places: list[Place], position: int, lexicon: Lexicon) -> Place | None:
    """Real places before demonyms, places after a locative preposition first, then the nearest."""
    def rank(place: Place) -> tuple[bool, bool, int]:
        return (place.kind == "demonym", not _is_locative(text, place, lexicon), abs(place.start - position))

    return min(places, key=rank, default=None)


def _is_locative(text: str, place: Place, lexicon: Lexicon) -> bool:
    """ "in the Syrian conflict", "near Aleppo": the place is where something happened."""
    return lexicon.LOCATIVE_BEFORE_RE.search(text[max(0, place.start - 40) : place.start]) is not None


def _as_event_place(place: Place) -> EventPlace:
    """Coordinates only for a place that has its own: a demonym says a country, and maps draw a country's
    point only as a country's (`precision` says which)."""
    precision = place.precision
    if place.kind == "demonym":
        return EventPlace(place.name, place.country_code or country_of_demonym(place.name), None, None, precision,
                          None, place.geonames_id)
    return EventPlace(place.name, place.country_code, place.latitude, place.longitude, precision, place.iso_admin1,
                      place.geonames_id)
