"""One fact per statement: the mentions of a document that restate one figure, and parts of a total.

A figure is told several times in one article (headline, lead, a quote, a later
paragraph); each telling is a mention, and all of them are one fact. A fact's
mentions agree on what the figure is: they take scope, qualifier, date and
place from its first statement in the body, so a headline "Over 1,000 killed"
repeating a cumulative toll is cumulative too. A count stated as a part of a
larger one ("three of them", "including four children") is linked to that
total (`part_of`) and is never added to it.
"""
from __future__ import annotations

import dataclasses
import re

from casualty_events.schemas.mention import DATE_PRECISIONS, Mention
from casualty_events.transforms.casualties.dates import days_spanned
from casualty_events.transforms.casualties.gazetteer import nationality
from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.text import capitalised_words, fold, statement_key

# Qualifiers that bound a figure; a repeat that bounds it says more than one that does not.
BOUNDS = ("more_than", "at_least", "at_most", "approx", "range")
# How far before a victims phrase the part cue may stand ("of the dead, 26 were women").
PART_WINDOW = 40
_DATE_FIELDS = ("event_date", "date_precision")
_PLACE_FIELDS = ("location", "country_code", "latitude", "longitude", "place_precision", "admin1_code", "admin1",
                 "geonames_id")


def group_facts(mentions: list[Mention], lexicon: Lexicon, title: str | None = None) -> list[Mention]:
    """The mentions with `fact` (the index of their fact in the document) and `part_of` set, and the
    mentions of each fact agreeing on scope, qualifier, date, place and cause: what most of its body statements
    say. The headline's mentions are those with no place in the text, or whose evidence is the title (a
    text that starts with its title)."""
    headline = fold(title) if title else None
    in_title = [m.char_start is None or fold(m.evidence) == headline for m in mentions]
    facts: list[list[int]] = []
    for i, mention in enumerate(mentions):
        fact = next((members for members in facts
                     if any(_restates(mentions[j], mention, in_title[j] or in_title[i], lexicon) for j in members)), None)
        if fact is None:
            facts.append([i])
        else:
            fact.append(i)
    agreed = list(mentions)
    for index, members in enumerate(facts):
        told = [mentions[j] for j in members]
        body = _distinct([mentions[j] for j in members if not in_title[j]] or told)
        fields = {**_most_told(body, _DATE_FIELDS, lambda m: m.date_precision != "published", _finer_date),
                  **_most_told(body, _PLACE_FIELDS, lambda m: m.location is not None),
                  **_most_told(body, ("scope",), lambda m: True),
                  **_most_told(body, ("cause", "mechanism"), lambda m: m.cause != "unknown")}
        qualifier = _qualifier(body[0], told)
        for j in members:
            agreed[j] = dataclasses.replace(mentions[j], **fields, count_qualifier=qualifier, fact=index)
    body = [m for m, headline_only in zip(agreed, in_title, strict=True) if not headline_only]
    return [m if headline_only else dataclasses.replace(m, part_of=_total_of(m, body, lexicon))
            for m, headline_only in zip(agreed, in_title, strict=True)]


def _distinct(statements: list[Mention]) -> list[Mention]:
    """The statements of a fact, those that differ only in their numbers once: a gallery's captions ("Image 3 of
    12 ...") are one statement, however many times the page repeats them."""
    seen: dict[str, Mention] = {}
    for statement in statements:
        seen.setdefault(statement_key(statement.evidence), statement)
    return list(seen.values())


def _restates(a: Mention, b: Mention, one_is_headline: bool, lexicon: Lexicon) -> bool:
    """Whether two mentions of one document tell one figure: same outcome and count, and, unless one is the
    headline, nothing setting them apart (other days, other places, other people named)."""
    if (a.outcome, a.count, a.count_high) != (b.outcome, b.count, b.count_high):
        return False
    if (a.count_qualifier == "vague") != (b.count_qualifier == "vague"):
        return False  # "left several people injured" is no figure of two, whatever number stands for "several"
    if one_is_headline:
        return True
    if a.char_start == b.char_start and fold(a.victims or "") != fold(b.victims or ""):
        return False  # one statement, two groups ("three men and three women")
    if not _may_be_one_day(a, b):
        return False
    if a.location and b.location and not _nested(fold(a.location), fold(b.location)):
        return False
    if a.count == 1 and a.victims and b.victims:
        return (_one_person(fold(a.victims), fold(b.victims), lexicon)
                or _same_names(a.victims, b.victims, lexicon) is True)
    return _same_names(a.victims, b.victims, lexicon) is not False


def _may_be_one_day(a: Mention, b: Mention) -> bool:
    """Whether two statements' dates can be one day's: the same day, or a day, week, month or year that overlap
    ("August 1982: eight killed" and Monday's "two killed" are other figures, however alike). An article's own
    date, given a statement that dates nothing, says nothing."""
    if "published" in (a.date_precision, b.date_precision) or not (a.event_date and b.event_date):
        return True
    (a_first, a_last), (b_first, b_last) = (days_spanned(m.event_date, m.date_precision) for m in (a, b))
    return a_first <= b_last and b_first <= a_last


def _same_names(a: str | None, b: str | None, lexicon: Lexicon) -> bool | None:
    """Whether two phrases name the same people (most names in common: "Minister Rodriguez Porth", "Dr Jose
    Antonio Rodriguez Porth"), not other people with a name in common ("Majtabi Nasab", "Majtabi al-Lahi");
    None when either names nobody."""
    named_a, named_b = names_in(a, lexicon), names_in(b, lexicon)
    if not (named_a and named_b):
        return None
    return len(named_a & named_b) * 2 > min(len(named_a), len(named_b))


def tells_a_group_again(victims: str | None, lexicon: Lexicon) -> bool:
    """ "the two", "the five", "both", "the victims": a group the text has told of, not a new one."""
    words = fold(victims or "").split()
    return " ".join(words) in lexicon.GROUP_VICTIM_ANAPHORS or (
        len(words) == 2 and words[0] == "the" and (words[1] in lexicon.NUMBER_UNITS or words[1].isdigit()))


def names_in(victims: str | None, lexicon: Lexicon) -> set[str]:
    """The capitalised words of a victims phrase that name people ("Nasab", "Keitaslu"), not what they are
    ("Iranian", "Marine")."""
    words = capitalised_words(victims) - lexicon.COMMON_CAPITALISED - lexicon.TITLES
    return {w for w in words if nationality(w) is None}


def _most_told(statements: list[Mention], names: tuple[str, ...], informative, finer=lambda values: 0) -> dict:
    """The values of some fields that most of a fact's body statements give (the finer, then the first told on a
    tie), counting only the statements that say something (a date of their own, a place) when any does."""
    told = [tuple(getattr(m, name) for name in names) for m in statements if informative(m)]
    told = told or [tuple(getattr(m, name) for name in names) for m in statements]
    best = max(told, key=lambda values: (told.count(values), finer(values), -told.index(values)))
    return dict(zip(names, best, strict=True))


def _finer_date(values: tuple) -> int:
    """A day outranks the month it lies in: (event_date, date_precision) by precision."""
    return -DATE_PRECISIONS.index(values[1])


def _one_person(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether two phrases of one person tell the same one: one inside the other ("Clark", "Jamar Clark"), the same
    surname, or the same noun told again with a determiner that refers back ("his mother", "the mother"; not "a
    man" and "a young man", two people); neither "another man" nor another age."""
    if _nested(a, b):
        return True
    words_a, words_b = a.split(), b.split()
    ages_a, ages_b = (set(re.findall(r"\d+", phrase)) for phrase in (a, b))
    return (len(words_a) > 1 and len(words_b) > 1 and words_a[-1] == words_b[-1]
            and (words_a[-1] not in lexicon.PERSON_NOUNS  # a surname: "Minister Rodriguez Porth", "Dr Jose ... Porth"
                 or words_a[0] in lexicon.REFERRING_DETERMINERS or words_b[0] in lexicon.REFERRING_DETERMINERS)
            and not (set(words_a) | set(words_b)) & lexicon.OTHER_PERSON_WORDS
            and not (ages_a and ages_b and ages_a != ages_b))  # "a 56-year-old woman", "a 48-year-old woman"


def _nested(a: str, b: str) -> bool:
    return a in b or b in a


def _qualifier(lead: Mention, members: list[Mention]) -> str:
    """The lead's qualifier, unless it leaves the figure unbounded and a repeat bounds it ("tops 900")."""
    if lead.count_qualifier in BOUNDS:
        return lead.count_qualifier
    return next((m.count_qualifier for m in members if m.count_qualifier in BOUNDS), lead.count_qualifier)


def _total_of(part: Mention, mentions: list[Mention], lexicon: Lexicon) -> int | None:
    """The fact a body statement is a part of: the larger figure of its statement whose victims include its
    own (a group of a list: "five other priests" of "the rector, five other priests and two women"), else
    the nearest larger figure of the same outcome before it or in its sentence (`mentions` are the body's)."""
    if not part.victims:
        return None
    listing = [m for m in mentions if m.char_start == part.char_start and m.outcome == part.outcome
               and m.count > part.count and _lists(m, part.victims, lexicon)]
    if listing:
        return listing[0].fact
    if not _stated_as_part(part, lexicon):
        return None
    totals = [
        m for m in mentions
        if m.outcome == part.outcome and m.scope == part.scope and m.count > part.count
        and m.char_start <= part.char_start
    ]
    return max(totals, key=lambda m: m.char_start).fact if totals else None


def _lists(total: Mention, member: str, lexicon: Lexicon) -> bool:
    """Whether a statement's figure lists a group among its victims ("four rebels, three civilians and a
    policeman") or says it includes it ("six of their members, including the rector and two women")."""
    phrase, evidence = total.victims, total.evidence
    if not phrase or phrase == member:
        return False
    if member in phrase:
        return lexicon.LIST_JOINER_RE.search(phrase) is not None
    at, including = evidence.find(phrase), lexicon.INCLUDING_RE.search(evidence, max(evidence.find(phrase), 0))
    return at >= 0 and including is not None and evidence.find(member, including.end()) >= 0


def _stated_as_part(mention: Mention, lexicon: Lexicon) -> bool:
    at = mention.evidence.find(mention.victims)
    if at < 0:
        return False
    before = mention.evidence[max(0, at - PART_WINDOW):at]
    after = mention.evidence[at + len(mention.victims):]
    return bool(lexicon.PART_BEFORE_RE.search(before) or lexicon.PART_AFTER_RE.search(after))
