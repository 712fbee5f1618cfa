"""The English lexicon is consistent: one outcome a trigger, no word both a trigger and a toll noun, no noun both
people and not people, no word on both sides of a reading (an incident's date or another event's, an outcome or
a verb that asserts nothing), whole number words, and every trigger reachable by the candidate filter made of it."""
from __future__ import annotations

import re
from collections import defaultdict

from casualty_events.schemas.mention import OUTCOMES
from casualty_events.transforms.casualties.lexicon.en import (
    IRREGULAR_PARTICIPLES,
    NON_PERSON_NOUNS,
    PERSON_NOUNS,
    TOLL_NOUNS,
    TRIGGERS,
)
from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.outcomes import candidate_pattern, is_candidate, outcome_words

WORDS = outcome_words(en)
TRANSITIVE_VERBS, INTRANSITIVE_VERBS = WORDS.transitive_verbs, WORDS.intransitive_verbs
PASSIVE_ONLY_VERBS, MODIFYING_PARTICIPLES = WORDS.passive_only_verbs, WORDS.modifying_participles

KINDS = {"transitive", "passive", "intransitive", "noun", "adjective"}
# How a verb whose participle is not its lemma and "(e)d" is written when it states a casualty.
SPELLED = {"shoot": "were shot", "slay": "were slain", "strike": "was struck", "take": "were taken hostage",
           "hit": "was hit", "hurt": "were hurt", "stab to death": "was stabbed to death", "stab": "were stabbed",
           "kidnap": "were kidnapped", "pass away": "passed away", "send": "were sent to the hospital",
           "transport": "were transported to the hospital", "survive": "did not survive"}


def written(lemma: str, kind: str) -> str:
    if lemma in SPELLED:
        return SPELLED[lemma]
    if kind in {"transitive", "passive"}:
        return f"were {lemma}d" if lemma.endswith("e") else f"were {lemma}ed"
    if kind == "intransitive":
        return f"{lemma}d" if lemma.endswith("e") else f"{lemma}ed"
    return lemma


def test_each_trigger_has_one_kind_and_one_outcome():
    outcomes = defaultdict(set)
    for lemma, kind, outcome, forms in TRIGGERS:
        assert kind in KINDS and outcome in OUTCOMES, lemma
        re.compile(forms)
        outcomes[lemma, kind].add(outcome)
    assert {key: found for key, found in outcomes.items() if len(found) > 1} == {}
    assert len(outcomes) == len(TRIGGERS)  # no entry written twice
    assert not set(TRANSITIVE_VERBS) & set(INTRANSITIVE_VERBS)  # a verb takes its victims one way
    assert PASSIVE_ONLY_VERBS <= set(TRANSITIVE_VERBS)


def test_no_word_both_states_a_casualty_and_sums_them():
    assert not {lemma for lemma, *_ in TRIGGERS} & TOLL_NOUNS


def test_the_limbs_are_body_parts():
    assert en.LIMBS <= en.BODY_PARTS


def test_no_noun_is_both_people_and_not_people():
    assert not PERSON_NOUNS & NON_PERSON_NOUNS


def test_every_trigger_is_reachable_by_the_candidate_filter():
    for lemma, kind, _, forms in TRIGGERS:
        text = written(lemma, kind)
        assert re.search(rf"\b(?:{forms})", text, re.IGNORECASE), (lemma, text)
        assert is_candidate(f"Two people {text} on Monday.", en), (lemma, text)
    assert candidate_pattern(en).pattern.count("|") >= len({forms for *_, forms in TRIGGERS}) - 1


def _starts_with_a_letter(items) -> bool:
    """Whether every match of a parsed pattern (`re._parser`'s items) begins with a letter: zero-width items (a word
    boundary, a lookahead) are passed over, an optional item must begin with one and so must what follows it."""
    for op, argument in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            return chr(argument).isalpha()
        if name == "IN":
            return all(str(kind) == "LITERAL" and chr(value).isalpha()
                       or str(kind) == "RANGE" and chr(value[0]).isalpha() and chr(value[1]).isalpha()
                       for kind, value in argument)
        if name == "SUBPATTERN":
            return _starts_with_a_letter(argument[-1])
        if name == "BRANCH":
            return all(_starts_with_a_letter(branch) for branch in argument[1])
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, _, repeated = argument
            if not _starts_with_a_letter(repeated):
                return False
            if low > 0:
                return True
            continue
        return False
    return False


def test_every_form_of_the_candidate_filter_begins_with_a_letter():
    """The filter says so first (`candidate_pattern`): a form that began otherwise would never be found."""
    import re._parser as parser  # the standard library's own reading of a pattern

    forms = [forms for *_, forms in TRIGGERS] + list(en.CANDIDATE_CUES)
    for form in forms:
        assert _starts_with_a_letter(parser.parse(form, re.IGNORECASE)), form
    assert not _starts_with_a_letter(parser.parse(r"\d+ killed|killed"))
    assert not _starts_with_a_letter(parser.parse(r"(?:dead)?\s+bodies"))


def test_the_name_patterns_begin_with_the_letters_they_say_first():
    """The name patterns say their first character first ("(?=[A-Z])" before a title, "(?=[a-z])" before a word for
    people): a title or a word that began otherwise would never be found."""
    assert all(re.fullmatch(r"[a-z][a-z.]*", title) for title in en.TITLES), sorted(en.TITLES)
    assert all(re.fullmatch(r"[a-z][a-z-]*", noun) for noun in en.DEMOGRAPHIC_NOUNS), sorted(en.DEMOGRAPHIC_NOUNS)
    assert en.APPOSED_NAME_RE.search("police said the victim, Lisa Ortiz, was 30")
    assert en.TITLED_RE.search("said Sgt. Perez")


def test_every_participle_is_of_a_transitive_trigger_and_a_candidate():
    assert set(IRREGULAR_PARTICIPLES) <= set(TRANSITIVE_VERBS)
    for lemma, participle in IRREGULAR_PARTICIPLES.items():
        assert MODIFYING_PARTICIPLES[participle] == TRANSITIVE_VERBS[lemma]
        assert SPELLED[lemma].endswith(participle)  # the passive the candidate test writes uses it too
    for participle in MODIFYING_PARTICIPLES:
        assert is_candidate(f"The {participle} man was buried on Monday.", en), participle


def test_words_that_only_look_like_triggers_are_not_candidates():
    for sentence in ("The shotgun was found in the car.", "The shooting happened at 9 p.m.",
                     "The homicide detective spoke to reporters."):
        assert not is_candidate(sentence, en), sentence


def test_no_word_is_both_sides_of_a_reading():
    outcome_lemmas = {lemma for lemma, *_ in TRIGGERS}
    apart = [
        ("an incident noun and another event's", en.INCIDENT_NOUNS, en.OTHER_EVENT_NOUNS | en.REPORT_NOUNS),
        ("a report verb and another event's", en.REPORT_VERBS, en.OTHER_EVENT_VERBS),
        ("a victim described and not people", en.DEMOGRAPHIC_NOUNS, en.NON_PERSON_NOUNS),
        ("an outcome and an event the date of which is not the incident's", outcome_lemmas,
         en.OTHER_EVENT_VERBS | en.REPORT_VERBS),
        ("an outcome and a verb that asserts nothing happened", outcome_lemmas, en.NON_FACTIVE_VERBS),
    ]
    for what, one, other in apart:
        assert not one & other, f"both {what}: {sorted(one & other)}"


def test_number_words_and_qualifiers_are_whole():
    from casualty_events.schemas.mention import QUALIFIERS
    from casualty_events.transforms.casualties.counts import parse_number
    assert sorted(en.NUMBER_UNITS.values()) == list(range(20))
    assert sorted(en.NUMBER_TENS.values()) == list(range(20, 100, 10))
    assert not set(en.NUMBER_UNITS) & set(en.NUMBER_TENS)
    assert set(en.QUALIFIER_PREFIXES.values()) <= set(QUALIFIERS)
    assert parse_number("ninety-nine", en) == 99 and parse_number("two hundred and six", en) == 206


def test_the_calendar_words_are_the_months_and_weekdays():
    assert len(en.MONTH_NAMES) == 12 and len(en.WEEKDAY_NAMES) == 7
    assert {"may", "sept", "sunday"} <= en.CALENDAR_WORDS


def test_the_cause_cues_and_date_patterns_are_lower_case():
    """Both are matched against a lower-cased copy of the text (`cause._cues`, `DateGrammar.scanners`): a capital
    letter in a cue or a date word would never match."""
    from casualty_events.transforms.casualties.dates import date_grammar
    from casualty_events.transforms.casualties.lexicon import for_language

    def literal_capitals(pattern: str) -> list[str]:
        return re.findall(r"[A-Z]", re.sub(r"\\[A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)", "", pattern))

    assert not [cue for _, cues in en.CAUSE_CUES for cue in cues if literal_capitals(cue)]
    patterns = [pattern.pattern for pattern in date_grammar(for_language("en")).scanners.patterns]
    assert len(patterns) > 10 and not [pattern for pattern in patterns if literal_capitals(pattern)]
