"""Longest-match scan of a text against the gazetteer. Matching favours precision: town names that are
ordinary English words ("Police", "Mobile", "Reading") are only taken with a following state or country,
and ALL CAPS newswire only yields well-known places."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import compress
from operator import add, itemgetter

from casualty_events.transforms.casualties.gazetteer.aliases import AP_STATE_ABBREVIATIONS, NAME_CONNECTORS, UNDOTTED_ABBREVIATIONS
from casualty_events.transforms.casualties.gazetteer.data import Entry, Place, load_index
from casualty_events.transforms.casualties.sentences import is_mostly_upper
from casualty_events.transforms.casualties.gazetteer.normalise import (
    adjacent,
    fold,
    is_inflected_ordinary,
    same_length_normalised,
    stop_words,
    words,
)
from casualty_events.transforms.casualties.lexicon import Lexicon

# In ALL CAPS text case gives no hint, so only places this large (or
# countries, first-level regions, capitals) are taken without context: one-word
# names, multi-word names, and towns in the country the text is about.
MIN_POPULATION_IN_UPPER_CASE = 250_000
MIN_POPULATION_IN_UPPER_CASE_MULTIWORD = 50_000
MIN_POPULATION_IN_UPPER_CASE_AT_HOME = 20_000
# With a country hint, foreign one-word (multi-word) towns must be this large.
MIN_POPULATION_ABROAD = 250_000
MIN_POPULATION_ABROAD_MULTIWORD = 50_000
# With a state hint (the dateline's), a town of the country outside that state must be this large: "shot in the
# Fruitvale district" of an Oakland story is the city's, not a Colorado town's the gazetteer happens to list.
MIN_POPULATION_OUT_OF_STATE = 100_000
MAX_NAME_TOKENS = 6
# A town named like an ordinary word ("Spring", "Garland") is taken after a locative preposition from this size
# up, in the country the text is about.
MIN_POPULATION_ORDINARY_AT_HOME = 20_000
QUALIFIER_START_RE = re.compile(r",[ \t]*")
MAX_UNLISTED_TOWN_TOKENS = 3
MAX_WORDS_BEFORE_STREET_WORD = 2  # "George Bush Freeway"


@functools.cache
def name_ending_words(lexicon: Lexicon) -> frozenset[str]:
    """Words that end a street's, a building's or a neighbourhood's name begun by a place's ("Parkway Village")."""
    return frozenset(lexicon.STREET_WORDS | lexicon.FACILITY_WORDS | lexicon.NEIGHBOURHOOD_WORDS)


class Matcher:
    """Longest-match scan of one text against the gazetteer."""

    def __init__(self, text: str, lexicon: Lexicon, country_hint: str | None, state_hint: str | None = None) -> None:
        self.lexicon = lexicon
        self.country_hint = country_hint.upper() if country_hint else None
        self.state_hint = state_hint  # the gazetteer's code of a state of the hinted country ("CA")
        self.original = text
        self.text = same_length_normalised(text)
        self.starts, self.ends, self.words, self.dotted = words(self.text)
        count = len(self.words)
        self.word_starting_at = dict(zip(self.starts, range(count)))
        # Each list below is made by `map` over the words, in C, and set right where the few dotted words, commas
        # or lower-case first words of names differ: a scan is set up for every sentence (89 -> 81 µs a text of the
        # dev files and benchmark pages, sentences and whole texts, the same lists for all 39,414 of them).
        dotted_at = list(compress(range(count), self.dotted))  # abbreviations ("Ind.") and a sentence's last word
        # each word's index key, folded once: as the last word of a name, and inside one (with an abbreviation's dot)
        self.plain_keys = list(map(fold, self.words))
        self.name_keys = self.plain_keys.copy()
        for i in dotted_at:
            self.name_keys[i] = fold(self.words[i] + ".")
        self.mixed_case = not is_mostly_upper(self.text)
        # a comma right after each word (after an abbreviation's dot): where a state or country may follow
        self.comma_after = [False] * count
        word_ending_at = dict(zip(map(add, self.ends, self.dotted), range(count)))
        comma = self.text.find(",")
        while comma >= 0:
            if (i := word_ending_at.get(comma)) is not None:
                self.comma_after[i] = True
            comma = self.text.find(",", comma + 1)
        self.gazetteer = load_index()
        # the words a place can start at: a name's first word, or a capitalised word before a state (an unlisted
        # town); in mixed case a lower-case first word only where `choose` may take it: with a state or country
        # after the name (so a comma within a name's length of it) or after "the city of"
        first_tokens = self.gazetteer.first_tokens
        starts_name = list(map(first_tokens.__contains__, self.plain_keys))
        for i in dotted_at:
            starts_name[i] = starts_name[i] or self.name_keys[i] in first_tokens
        if self.mixed_case:
            comma_within_a_name = {start for end in compress(range(count), self.comma_after)
                                   for start in range(end - MAX_NAME_TOKENS + 1, end + 1)}
            self.may_start = list(map(str.isupper, map(itemgetter(0), self.words)))
            for i in compress(range(count), starts_name):
                if not self.may_start[i] and (i in comma_within_a_name or (i > 0 and self.words[i - 1].lower() == "of")):
                    self.may_start[i] = True
        else:
            self.may_start = starts_name
        self.qualified_starts: set[int] = set()  # towns with a state or country after them ("Beaufort, SC")

    def longest_at(self, i: int) -> tuple[int, str, int] | None:
        """(words used, key, span end) of the longest name starting at word i. Names grow a word at a time while
        the words so far begin some name (the index's prefixes), so a scan costs a look-up or two per word."""
        if self.plain_keys[i] not in self.gazetteer.first_tokens and not (
                self.dotted[i] and self.name_keys[i] in self.gazetteer.first_tokens):
            return None
        found, keys = None, []
        for j in range(i, min(i + MAX_NAME_TOKENS, len(self.words))):
            if j > i and not self._adjacent(j - 1, j):
                break
            # a dotted last word is tried with its dot ("Ind.") first, then without (a sentence's full stop)
            end = self.ends[j]
            tries = (((self.name_keys[j], end + 1),) if self.dotted[j] else ()) + ((self.plain_keys[j], end),)
            for key, key_end in tries:
                joined = " ".join([*keys, key])
                if joined in self.gazetteer.entries:
                    found = (j - i + 1, joined, key_end)
                    break
            keys.append(self.name_keys[j])
            if " ".join(keys) not in self.gazetteer.name_prefixes:
                break
        return found

    def _adjacent(self, left: int, right: int) -> bool:
        """Whether words `left` and `right` may be words of one name: `adjacent` of the gap after the left one."""
        return adjacent(self.text[self.ends[left] + self.dotted[left] : self.starts[right]])

    def qualifier_after(self, end: int) -> tuple[Entry, int] | None:
        """A state or country after a comma: "Richmond, Ind." -> (Indiana, its end)."""
        m = QUALIFIER_START_RE.match(self.text, end)
        if not m:
            return None
        index = self.word_starting_at.get(m.end())
        if index is None:
            return None
        word, states = self.words[index], _us_states_by_postal_code()
        if self.mixed_case and not self.dotted[index] and word in states:
            return states[word], self.ends[index]  # "Birmingham, AL"
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

    def choose(self, i: int, length: int, key: str, candidates: Iterable[Entry], qualified: bool) -> Entry | None:
        """The candidate this occurrence names, or None when it is likely not a place."""
        name_words, start = self.words[i : i + length], self.starts[i]
        if (self.mixed_case and not qualified and not name_words[0][0].isupper()
                and not self._introduced(start)):
            return None  # in mixed case a lower-case word is a place only with its state after it or "the city of"
        if length == 1 and key.rstrip(".") in self.lexicon.CALENDAR_WORDS:
            return None  # "in Nov. 2 shooting", "in March": a date, however a headline capitalises it
        ranked = sorted(candidates, key=self._far_from_the_hints)  # stable: the largest first among equals
        if not ranked:
            return None
        if key in UNDOTTED_ABBREVIATIONS:
            return ranked[0] if self.mixed_case and name_words[0].isupper() else None
        if qualified:
            return ranked[0]
        if ranked[0].kind != "country" and self._names_a_building_after(i + length - 1):
            return None  # "at Meridian and Grace Streets", "near Tampa Avenue": however a locative introduces it
        if self._introduced(start) or (
                self.mixed_case and name_words[0][0].isupper() and self._police_after(i + length - 1)):
            # "the hamlet of Las Flores" in a Salvadoran story is no Argentine town; "Garland police" is a town's
            return ranked[0] if self._plausible_abroad(key, length, ranked[0]) else None
        if key in self.gazetteer.ordinary_words:
            return ranked[0] if self._ordinary_word_at_home(i, length, key, ranked[0]) else None
        if key in self.gazetteer.noun_words and not self._locative_before(i):
            return None
        if not self.mixed_case:
            known = next((p for p in ranked if self._well_known(key, length, p)), None)
            return known if known and self._plausible_abroad(key, length, known) else None
        if not all(
            word[0].isupper() or (0 < k < length - 1 and word in NAME_CONNECTORS)
            for k, word in enumerate(name_words)
        ):
            return None
        if length == 1 and ranked[0].kind in {"city", "admin2"} and self._capitalised_word_before(i):
            return None
        if length == 1 and ranked[0].kind != "demonym" and self._surname_after(i):
            return None
        return ranked[0] if self._plausible_abroad(key, length, ranked[0]) else None

    def _introduced(self, start: int) -> bool:
        """ "the city of", "the hamlet of" before a name: the words before it end with "of" (tested first, as the
        pattern's search tries every position of its window)."""
        before = self.text[max(0, start - 40) : start]
        return before.rstrip()[-2:].lower() == "of" and bool(self.lexicon.PLACE_INTRODUCERS_RE.search(before))

    def _far_from_the_hints(self, place: Entry) -> tuple[bool, bool]:
        """Candidates in the hinted country first, and of those the ones in the hinted state."""
        return (place.country_code != self.country_hint,
                self.state_hint is not None and place.admin1_code != self.state_hint)

    def _unlisted_town(self, i: int, length: int, candidates: Iterable[Entry]) -> bool:
        """A name before a state that has no place of that name is a town too small for the gazetteer, unless it is
        a region ("Texas, Oklahoma"), a word ("State Police, Ind.") or part of a longer name."""
        return (
            not any(p.kind in {"country", "admin1"} for p in candidates)
            and fold(" ".join(self.words[i : i + length])) not in self.gazetteer.ordinary_words
            and not self._capitalised_word_before(i)
        )

    def _plausible_abroad(self, key: str, length: int, place: Entry) -> bool:
        """Outside the hinted country only countries, capitals and big cities count:
        small foreign towns named like people ("Rodriguez", "Garcia", "George")
        are far likelier to be people in the news. Outside the hinted state, only big towns."""
        if self.country_hint is None or place.country_code is None:
            return True
        if place.country_code == self.country_hint:
            return (self.state_hint in (None, place.admin1_code) or place.kind not in {"city", "admin2"}
                    or place.population >= MIN_POPULATION_OUT_OF_STATE)
        if place.kind in {"country", "region", "demonym"} or (key, place.country_code) in self.gazetteer.capitals:
            return True
        threshold = MIN_POPULATION_ABROAD if length == 1 else MIN_POPULATION_ABROAD_MULTIWORD
        return place.population >= threshold

    def _well_known(self, key: str, length: int, place: Entry) -> bool:
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
        before = self.words[i - 1]
        return (
            before[0].isupper()
            and not self.dotted[i - 1]
            and self._adjacent(i - 1, i)
            and before.lower() not in stop_words()
            and before.lower() not in self.lexicon.COMPASS_WORDS
            and (
                fold(before) not in self.gazetteer.entries
                or fold(before) in self.gazetteer.ordinary_words
            )
        )

    def _locative_before(self, i: int) -> bool:
        return i > 0 and self.words[i - 1].lower() in self.lexicon.LOCATIVE_PREPOSITIONS

    def _surname_after(self, i: int) -> bool:
        """"Tyler Brown", "Jordan Garcia": a place name used as a given name is
        followed by a capitalised word that is neither English nor a place."""
        if i + 1 >= len(self.words):
            return False
        after = self.words[i + 1]
        word = fold(after)
        return (
            after[0].isupper()
            and not after.isupper()
            and self.text[self.ends[i] : self.starts[i + 1]] == " "
            and word not in self.gazetteer.english_words
            and not is_inflected_ordinary(word, self.gazetteer.english_words)
            and word not in self.gazetteer.first_tokens
        )

    def _ordinary_word_at_home(self, i: int, length: int, key: str, place: Entry) -> bool:
        """ "a party in Spring", "the 900 block of Main in Garland": a town of the text's country named like an
        ordinary word, capitalised after a locative preposition, neither a date word nor the start of a longer
        name ("in Independence Day")."""
        return (
            self.mixed_case and length == 1 and self.words[i][0].isupper() and self.country_hint is not None
            and place.kind == "city" and place.country_code == self.country_hint
            and place.population >= MIN_POPULATION_ORDINARY_AT_HOME
            and self._locative_before(i) and key not in self.lexicon.CALENDAR_WORDS and key not in stop_words()
            and not (i + 1 < len(self.words) and self.words[i + 1][0].isupper() and self._adjacent(i, i + 1))
        )

    def _police_after(self, i: int) -> bool:
        """ "Garland police", "the Fairbanks Police Department": a town's own police say it is a town."""
        return (i + 1 < len(self.words) and self.words[i + 1].lower() in self.lexicon.JURISDICTION_WORDS
                and self._adjacent(i, i + 1))

    def _names_a_building_after(self, i: int) -> bool:
        """ "Pennsylvania Avenue", "Northridge Hospital", "George Bush Freeway", "Parkway Village": the name begins a
        street's, a building's or a neighbourhood's name (up to two more capitalised words, then such a word,
        capitalised in mixed-case text: "a Topeka hotel" is in Topeka); and "Meridian and Grace Streets", two
        streets of a crossing."""
        crossing = False
        for j in range(i + 1, min(i + 1 + MAX_WORDS_BEFORE_STREET_WORD + 1, len(self.words))):
            after = self.words[j]
            if not self._adjacent(j - 1, j) and not (j == i + 1 and after == "and"):
                return False
            word = after.lower()
            if word in name_ending_words(self.lexicon) and (not self.mixed_case or after[0].isupper()):
                return True  # "Northridge Hospital"; "a Topeka hotel" is in Topeka
            if crossing and word.endswith("s") and word[:-1] in self.lexicon.STREET_WORDS:
                return True  # "at Independence and Wabash avenues"
            if j == i + 1 and word == "and":
                crossing = True
            elif not after[0].isupper():
                return False
        return False

    def admin_suffix_after(self, i: int) -> tuple[str, int] | None:
        """"Aleppo province", "El Peten department": (kind, span end)."""
        if i >= len(self.words) or not self._adjacent(i - 1, i):
            return None
        kind = self.lexicon.ADMIN_SUFFIXES.get(self.words[i].lower())
        return (kind, self.ends[i]) if kind else None

    def places(self, country_hint: str | None = None) -> list[Place]:
        """Every place, in text order; a town the text once qualifies ("Richmond, Ind.") is that town wherever
        the text names it ("Richmond police"). `country_hint`: read the text again in that country (its words
        are found and folded once)."""
        qualified: dict[str, Place] = {}
        found = list(self.scan(qualified, country_hint))  # the whole text first: a town may be qualified after it
        return [as_qualified(place, qualified) for place in found]

    def scan(self, qualified: dict[str, Place], country_hint: str | None = None) -> Iterator[Place]:
        """Each place in text order, as first read, for `as_qualified` to read again once the scan is done: a town
        the text qualifies later may be read as that town. `qualified` gets each qualified town's reading."""
        if country_hint is not None:
            self.country_hint, self.qualified_starts = country_hint.upper(), set()
        i = 0
        while i < len(self.words):
            place = (self.place_at(i) or self.unlisted_town_at(i)) if self.may_start[i] else None
            if place is None:
                i += 1
                continue
            while i < len(self.words) and self.starts[i] < place.end:
                i += 1
            qualifier = self.qualifier_after(place.end) if i < len(self.words) else None
            if qualifier and within_region(place, qualifier[0]):
                qualified.setdefault(fold(place.name), place)
                self.qualified_starts.add(place.start)
                while i < len(self.words) and self.starts[i] < qualifier[1]:
                    i += 1  # "Richmond, Ind.": the state is the town's, not a place of its own
            yield place

    def place_at(self, i: int) -> Place | None:
        match = self.longest_at(i)
        if match is None:
            return None
        length, key, end = match
        candidates = self.gazetteer.entries[key]
        qualifier = self.qualifier_after(end)
        if qualifier and not any(within(p, qualifier[0]) for p in candidates):
            if qualifier[0].kind == "admin1" and self._unlisted_town(i, length, candidates):
                # "Salisbury, Pa.": a town the gazetteer lacks in that state, not the English city
                return town_in(qualifier[0], self.original[self.starts[i] : end], self.starts[i], end)
            qualifier = None
        if qualifier:
            candidates = tuple(p for p in candidates if within(p, qualifier[0]) and p.kind != "demonym")
        best = self.choose(i, length, key, candidates, qualified=bool(qualifier))
        if best is None:
            return None
        start, kind = self.starts[i], best.kind
        suffix = self.admin_suffix_after(i + length)
        if suffix and best.kind in {"city", "admin1"}:
            kind, end = suffix
            # "Kandahar province": the province's own entry (its code) when the gazetteer has one
            best = next((p for p in candidates if p.kind == kind and p.country_code == best.country_code), best)
        return best.place(self.original[start:end], start, end, kind)

    def unlisted_town_at(self, i: int) -> Place | None:
        """"Pittsboro, Miss.": a town too small for the gazetteer, placed by the
        AP state abbreviation after it (dotted, so it cannot be a word)."""
        if (not self.mixed_case or not self.words[i][0].isupper()
                or not any(self.comma_after[i : i + MAX_UNLISTED_TOWN_TOKENS]) or self._capitalised_word_before(i)):
            return None  # (the state's comma follows one of the town's words)
        last = i  # the run of adjacent words from i, up to MAX_UNLISTED_TOWN_TOKENS
        while last + 1 < min(i + MAX_UNLISTED_TOWN_TOKENS, len(self.words)) and self._adjacent(last, last + 1):
            last += 1
        for name_end in range(last, i - 1, -1):
            names = self.words[i : name_end + 1]
            if not all(word[0].isupper() and not dotted and word.lower() not in stop_words()
                       for word, dotted in zip(names, self.dotted[i : name_end + 1])):
                continue
            if all(fold(word) in self.gazetteer.english_words for word in names):
                continue  # "Police, Miss.": a word, not a town
            end = self.ends[name_end]
            m = QUALIFIER_START_RE.match(self.text, end)
            index = self.word_starting_at.get(m.end()) if m else None
            if (
                index is not None
                and self.dotted[index]
                and self.words[index][0].isupper()
                and (abbreviation := fold(self.words[index] + ".")) in AP_STATE_ABBREVIATIONS
            ):
                state = self.gazetteer.entries[abbreviation][0]
                return town_in(state, self.original[self.starts[i] : end], self.starts[i], end)
        return None

@functools.cache
def _us_states_by_postal_code() -> dict[str, Entry]:
    """ "AL" -> Alabama: postal codes qualify a town after a comma ("Birmingham, AL"), never stand alone."""
    return {
        p.admin1_code: p for places in load_index().entries.values() for p in places
        if p.kind == "admin1" and p.country_code == "US" and p.admin1_code
    }


def as_qualified(place: Place, qualified: dict[str, Place]) -> Place:
    """A town as the town of its name that the text qualifies (`Matcher.scan`), where it qualifies one; any other
    place as it was read."""
    reading = qualified.get(fold(place.name)) if place.kind == "city" else None
    return place if reading is None else replace(reading, name=place.name, start=place.start, end=place.end)


def within_region(place: Place, region: Entry) -> bool:
    return place.country_code == region.country_code and region.admin1_code in {None, place.admin1_code}


def town_in(region: Entry, name: str, start: int, end: int) -> Place:
    """A town the gazetteer lacks, known only by its region: the region's
    country, state and coordinates, no population and no id (so its precision is the region's)."""
    return Place(
        name, start, end, region.country_code, region.latitude, region.longitude, "city", 0, region.admin1_code,
        region.iso_admin1,
    )


def within(place: Entry, region: Entry) -> bool:
    if region.kind == "country":
        return place.country_code == region.country_code
    return place.country_code == region.country_code and (
        region.admin1_code is None or place.admin1_code == region.admin1_code
    )
