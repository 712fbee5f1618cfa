"""Which place a name stands for in its text: the country a text is about (its dateline, the places it
names), the dateline itself, and look-ups by name with a state or country to go by."""
from __future__ import annotations

import functools
import math
import re
import urllib.parse
from collections import Counter

import pycountry

from casualty_events.transforms.casualties.gazetteer.aliases import (
    COUNTRY_DOMAIN_ALIASES,
    DEMONYMS,
    GENERIC_COUNTRY_DOMAINS,
)
from casualty_events.transforms.casualties.gazetteer.data import Entry, Place, load_index
from casualty_events.transforms.casualties.gazetteer.matcher import Matcher, as_qualified, town_in, within
from casualty_events.transforms.casualties.sentences import is_mostly_upper
from casualty_events.transforms.casualties.gazetteer.normalise import (
    fold,
    same_length_normalised,
    without_article,
)
from casualty_events.transforms.casualties.lexicon import Lexicon

# A city this big says which country a text is about, as a state or a country would.
MIN_POPULATION_TO_SAY_COUNTRY = 100_000
# "RICHMOND, Ind. (April 11, 2014) –", "SAN SALVADOR, 18 FEB 90 (DPA) --",
# "MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) --", "CHICAGO —", "LaGRANGE —".
DATELINE_RE = re.compile(
    r"^\s*(?:NEAR\s+)?(?P<place>[A-Z][A-Za-z.'\- ]{0,40}?[A-Za-z.])"
    r"\s*(?:\((?P<country>[^()\n]{1,40})\))?"
    r"\s*(?:,\s*(?P<qualifier>[^,()\n—–]{1,40}?))?"
    r"\s*(?:\([^()\n]{1,60}\))?"
    r"\s*(?:--|—|–|-)(?:\s|$)"
)
DATELINE_SEARCH_LINES = 4
NAME_PAIR_RE = re.compile(r"(?=[A-Z])(?<![\w.])((?:Mc|Mac)?[A-Z][a-z]+) ((?:Mc|Mac|O')?[A-Z][a-z]+)\b(?! [A-Z])")
DATELINE_DASHES = ("-", "\u2014", "\u2013")  # one of them ends every dateline (`DATELINE_RE`)
CITY_PART_RE = re.compile(r"(?P<city>[^()]+?) \((?P<part>[^()]+)\)")


def find_places(text: str, lexicon: Lexicon, country_hint: str | None = None, state_hint: str | None = None) -> list[Place]:
    """Gazetteer places named in `text`, in text order; the longest name wins.

    An ambiguous name goes to the place named by a following ", State" or
    ", Country", else to `country_hint`, else to the country the text itself
    points to (its dateline, or most of the countries and states it names),
    else to the most populous candidate; in that country, to one in `state_hint` (the gazetteer's code of a
    state) when it has one so named. A state that qualifies a town ("Richmond, Ind.") is part of the town's
    match, not a place of its own.
    """
    matcher = Matcher(text, lexicon, country_hint, state_hint if country_hint else None)
    places = matcher.places()
    if country_hint is None and (implied := _implied_country(text, places, matcher.qualified_starts, lexicon)):
        return matcher.places(implied)
    return places


def document_country(text: str, lexicon: Lexicon, people: frozenset[str] = frozenset(), title: str = "") -> str | None:
    """The country a whole text is about (its dateline, or most of the places it and its title name, a place
    of the title counting twice: a headline says where its story is), so that a sentence's same-name places are
    read there ("a shooting in Chatham" in a story of Chicago). Words the text gives people (`people`, lower
    case: "rodriguez") are no places."""
    whole = f"{title}\n\n{text}" if title else text  # one text: a town the title qualifies is that town
    matcher = Matcher(whole, lexicon, None)
    places = [p for p in matcher.places() if p.name.casefold() not in people]
    in_title = [p for p in places if p.end <= len(title)]
    return _implied_country(text, in_title + places, matcher.qualified_starts, lexicon)


def only_country(text: str, lexicon: Lexicon, people: frozenset[str] = frozenset()) -> str | None:
    """The one country of every place a text names, however small, when they all agree (demonyms and the words
    the text gives people, `people`, aside), else None. The scan stops at the second country it is sure of: a
    place other than a town is read for good when it is found; only a town may be read again, as the town of its
    name that the text qualifies further on (`as_qualified`)."""
    matcher = Matcher(text, lexicon, None)
    qualified: dict[str, Place] = {}
    found, sure = [], set()
    for place in matcher.scan(qualified):
        found.append(place)
        if place.kind not in ("city", "demonym") and place.country_code and place.name.casefold() not in people:
            sure.add(place.country_code)
            if len(sure) > 1:
                return None
    named = {p.country_code for p in (as_qualified(place, qualified) for place in found)
             if p.country_code and p.kind != "demonym" and p.name.casefold() not in people}
    return named.pop() if len(named) == 1 else None


EARTH_RADIUS_KM = 6371.0


def distance_km(a, b) -> float:
    """How far apart two points are (anything with `latitude` and `longitude`), infinite when one has none; an
    equirectangular approximation, close enough at the distances places of one story are apart."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    latitude = math.radians((a.latitude + b.latitude) / 2)
    north = math.radians(a.latitude - b.latitude)
    east = math.radians(a.longitude - b.longitude) * math.cos(latitude)
    return EARTH_RADIUS_KM * math.hypot(north, east)


def people_named(text: str) -> frozenset[str]:
    """Words a text uses in a given name and a surname ("Vincent Dobbs", "Ana Garza"), lower case: a pair of
    capitalised words that is no place's name, whose second is neither an English word nor the start of a
    place's name. Either word may be a town elsewhere (Vincent, Garza); in this text it is a person."""
    index = load_index()
    found: set[str] = set()
    for given, surname in NAME_PAIR_RE.findall(text):
        first, last = fold(given), fold(surname)
        if f"{first} {last}" in index.entries or last in index.english_words:
            continue  # "Los Angeles", "Kensington Avenue"
        if first in index.english_words and first not in index.entries:
            continue  # "Sunday Ramirez": a word, then a name
        if first in index.entries and last in index.entries:
            continue  # two places ("Vernon Houston" is told as a person by other means)
        found.update((given.casefold(), surname.casefold()))
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def admin1_name(code: str | None) -> str | None:
    """The name of a state or province by its ISO 3166-2 code: "US-OH" -> "Ohio", "AF-KAN" -> "Kandahar"."""
    subdivision = pycountry.subdivisions.get(code=code) if code else None
    return subdivision.name if subdivision else None


def site_country(url: str | None) -> str | None:
    """The country a site's address names ("www.bbc.co.uk" -> GB, "www.dawn.com.pk" -> PK), None for .com and the
    like: a hint for a text that does not say where it is about, never over what the text says."""
    host = urllib.parse.urlsplit(url or "").hostname or ""
    suffix = host.rpartition(".")[2]
    if suffix in COUNTRY_DOMAIN_ALIASES:
        return COUNTRY_DOMAIN_ALIASES[suffix]
    if len(suffix) != 2 or suffix in GENERIC_COUNTRY_DOMAINS:
        return None
    return suffix.upper() if pycountry.countries.get(alpha_2=suffix.upper()) else None


def _implied_country(text: str, places: list[Place], qualified: set[int], lexicon: Lexicon) -> str | None:
    """The country a text is about: its dateline's, else the one that at
    least two thirds (and two or more) of its country, state, county, big
    city and qualified town mentions name ("Chicago" says the United States as well as "Illinois", and so
    does "Beaufort, SC")."""
    line = dateline(text)
    counts = Counter(p.country_code for p in places if p.country_code and (_says_country(p) or p.start in qualified))
    code, count = counts.most_common(1)[0] if counts else (None, 0)
    said = code if count >= 2 and count * 3 >= 2 * sum(counts.values()) else None
    if line is not None and line.country_code:
        # A dateline's town is read in the country the rest of the text names, when it has one so named
        # ("CHATHAM" over a story of Chicago's South Side is not the English town).
        if said and said != line.country_code and any(p.country_code == said for p in _candidates(line.name, lexicon, None)[0]):
            return said
        return line.country_code
    return said


def _says_country(place: Place) -> bool:
    """A country, a state or county, or a city big enough to say which country a text is about."""
    return place.kind in {"country", "admin1", "admin2"} or (
        place.kind == "city" and place.population >= MIN_POPULATION_TO_SAY_COUNTRY)


def resolve_qualifier(qualifier: str) -> Entry | None:
    places = load_index().entries.get(fold(qualifier), ())
    return next((p for p in places if p.kind in {"admin1", "country"}), None)


def lookup(name: str, lexicon: Lexicon, country_hint: str | None = None, admin1_hint: str | None = None) -> Place | None:
    """The best gazetteer entry for a place name ("Aleppo", "Richmond, Ind.",
    "Idlib province", "El Peten").

    Without a hint or a ", State" qualifier the most populous entry wins;
    `admin1_hint` prefers an entry in that state (what the text's other places say), by the gazetteer's code
    ("IL") or its ISO 3166-2 code ("US-IL").
    """
    candidates, kind, unlisted = _candidates(name, lexicon, country_hint)
    if unlisted is not None:
        return unlisted
    if kind:  # "Idlib province": the province, not the city
        candidates = [p for p in candidates if p.kind == kind] or candidates
    if admin1_hint:
        candidates = [p for p in candidates if admin1_hint in (p.admin1_code, p.iso_admin1)] or candidates
    return candidates[0].place(name.strip(), kind=kind) if candidates else None


def admin1_codes(name: str, lexicon: Lexicon, country_hint: str | None = None) -> frozenset[str]:
    """The states that have a place of this name (after its ", State" qualifier and the country hint)."""
    candidates, _, _ = _candidates(name, lexicon, country_hint)
    return frozenset(p.admin1_code for p in candidates if p.admin1_code)


def city_part(city: str, part: str) -> str:
    """How a part of a city is named: "Chicago (Chatham)", the city first, so that a city's events sort and
    group together (the Gun Violence Archive's way). Look-ups read it as the city."""
    return f"{city} ({part})"


def city_and_part(name: str) -> tuple[str, str] | None:
    """ "Chicago (Chatham)" -> ("Chicago", "Chatham"); None for any other name."""
    parts = CITY_PART_RE.fullmatch(name.strip())
    return (parts["city"], parts["part"]) if parts else None


def _candidates(name: str, lexicon: Lexicon, country_hint: str | None) -> tuple[list[Entry], str | None, Place | None]:
    """The entries a place name may stand for, most populous first, the kind its suffix says, and the town the
    gazetteer lacks that a name before a state with none of its name is ("Salisbury, Pa.": not the English
    city)."""
    if parts := city_and_part(name):
        name = parts[0]
    head, _, qualifier = name.partition(",")
    key, kind = fold(head), None
    entries = load_index().entries
    if key not in entries:
        rest, _, suffix = key.rpartition(" ")
        if suffix in lexicon.ADMIN_SUFFIXES:
            key, kind = rest, lexicon.ADMIN_SUFFIXES[suffix]
    if key not in entries:
        key = without_article(key)
    candidates = [p for p in entries.get(key, ()) if p.kind != "demonym"]
    region = resolve_qualifier(qualifier) if qualifier.strip() else None
    unlisted = None
    if region:
        inside = [p for p in candidates if within(p, region)]
        if not inside and region.kind == "admin1":
            unlisted = town_in(region, head.strip(), -1, -1)
        candidates = inside or candidates
    if country_hint:
        candidates = [p for p in candidates if p.country_code == country_hint.upper()] or candidates
    return candidates, kind, unlisted


def dateline(text: str, country_hint: str | None = None) -> Place | None:
    """The place of a news dateline ("RICHMOND, Ind. (April 11, 2014) –") near the start; a name with no
    state or country after it is read in `country_hint` when it has a place so named there."""
    offset = 0
    lines_seen = 0
    for line in text.split("\n"):
        if line.strip():
            lines_seen += 1
            place = _dateline_place(same_length_normalised(line), offset, country_hint)
            if place or lines_seen >= DATELINE_SEARCH_LINES:
                return place
        offset += len(line) + 1
    return None


def _dateline_place(line: str, offset: int, country_hint: str | None = None) -> Place | None:
    if not any(dash in line for dash in DATELINE_DASHES):
        return None  # most lines, each sentence of a text read without a country: no match to try
    m = DATELINE_RE.match(line)
    if not m or not is_mostly_upper(m["place"]):
        return None
    hint = resolve_qualifier(m["country"]) if m["country"] else None
    qualifier = resolve_qualifier(m["qualifier"]) if m["qualifier"] else None
    region = qualifier or hint
    index, key = load_index(), fold(m["place"])
    if key in index.ordinary_words and region is None:
        return None  # "POLICE —", "WATCH —": a word, unless a state or country follows
    candidates = [p for p in index.entries.get(key, ()) if p.kind in {"city", "admin1", "admin2", "country"}]
    start, end = offset + m.start("place"), offset + m.end("place")
    if region:
        inside = [p for p in candidates if within(p, region)]
        if not inside and qualifier:  # "ANTIOCH, Tenn. –", "TINYTOWN, Peru –": a town too small to list
            return town_in(qualifier, m["place"], start, end)
        candidates = inside or candidates
    elif country_hint:
        candidates = sorted(candidates, key=lambda p: p.country_code != country_hint)  # stable
    if candidates:
        return candidates[0].place(m["place"], start, end)
    if hint:  # "NO CITY (PERU), 16 SEP 89 --"
        return hint.place(m["country"], offset + m.start("country"), offset + m.end("country"))
    return None


def country_of_demonym(word: str) -> str | None:
    """ISO code of the country a demonym names: 'Syrian' -> 'SY', 'Afghans' -> 'AF'."""
    key = fold(word)
    return DEMONYMS.get(key) or (DEMONYMS.get(key[:-1]) if key.endswith("s") else None)


def nationality(word: str) -> str | None:
    """The country a word names or is the demonym of ("Iranian", "Iran's", "Afghans"), else None."""
    key = fold(word.removesuffix("'s").removesuffix("\u2019s"))
    entries = load_index().entries
    for candidate in (key, key.removesuffix("s")):
        found = next((p.country_code for p in entries.get(candidate, ()) if p.kind in ("demonym", "country")), None)
        if found:
            return found
    return None
