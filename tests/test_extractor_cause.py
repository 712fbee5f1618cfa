"""The cause of a casualty: its clause's words first, then its sentence's, then its document's; every value."""
from __future__ import annotations

import re

import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.schemas.mention import CAUSES
from casualty_events.transforms.casualties.cause import UNKNOWN, Cause, cause_in, cause_of, document_cause
from casualty_events.transforms.casualties.extractor import CasualtyExtractor
from casualty_events.transforms.events.reports import most_told_cause
from tests.extractor_fixture import PUBLISHED


@pytest.mark.parametrize(("sentence", "cause", "mechanism"), [
    ("Four villagers were killed when warplanes bombed the market in Idlib.", "violence", "airstrike"),
    ("Shelling of the town killed three children overnight.", "violence", "airstrike"),
    ("A suicide bomber killed 14 worshippers at a mosque in Peshawar.", "violence", "explosion"),
    ("Two deputies were shot and wounded during a traffic stop.", "violence", "shooting"),
    ("A gunman opened fire at the school, killing five students.", "violence", "shooting"),
    ("The woman was stabbed to death by her neighbour.", "violence", "stabbing"),
    ("Nine soldiers died in clashes with insurgents near the border.", "violence", "clash"),
    ("Militants beheaded two hostages on Tuesday.", "violence", "execution"),
    ("The couple was murdered in their home.", "violence", None),
    ("Six people died when a minibus collided with a lorry on the highway.", "accident", "road"),
    ("All 62 people on board were killed in the plane crash.", "accident", "air"),
    ("Eleven passengers died after the train derailed.", "accident", "rail"),
    ("Thirty migrants drowned when their boat capsized off Lampedusa.", "accident", "sea"),
    ("A blaze in the apartment block killed seven residents.", "accident", "fire"),
    ("Five workers were killed when the scaffolding collapsed.", "accident", "collapse"),
    ("A gas explosion at the chemical plant killed 12 workers.", "accident", "industrial"),
    ("The earthquake killed at least 300 people in the mountain villages.", "disaster", "earthquake"),
    ("Flash floods killed 23 people in the valley.", "disaster", "flood"),
    ("The typhoon killed 40 people and injured hundreds.", "disaster", "storm"),
    ("A landslide buried the hamlet, killing 15.", "disaster", "landslide"),
    ("The heatwave has killed 90 elderly people this week.", "disaster", "heat"),
    ("Cholera has killed 31 people in the camps since March.", "disease", None),
    ("Three people were killed on Monday.", "unknown", None),
])
def test_each_cause_from_the_clause(extractor: CasualtyExtractor, sentence, cause, mechanism) -> None:
    found = {(m.cause, m.mechanism) for m in extractor.extract(sentence, PUBLISHED)}
    assert found == {(cause, mechanism)}


def test_the_clause_before_the_sentence_and_the_document_after_it(extractor: CasualtyExtractor) -> None:
    text = ("A car bomb exploded outside the police station on Monday, killing eight people. "
            "Separately, two people died in a road accident on the coast road. "
            "Three officers were also wounded, police said.")
    mentions = extractor.extract(text, PUBLISHED)
    by_count = {m.count: (m.cause, m.mechanism) for m in mentions}
    assert by_count[8] == ("violence", "explosion")
    assert by_count[2] == ("accident", "road")  # its own clause, not the story's bomb
    assert by_count[3] == ("violence", "explosion")  # says nothing itself: the story's cause


def test_specific_phrases_come_before_the_words_they_contain() -> None:
    assert cause_in("a gas explosion at the plant", en) == Cause("accident", "industrial")
    assert cause_in("he died of a heart attack", en) == Cause("disease", None)
    assert cause_in("the police opened fire", en) == Cause("violence", "shooting")
    assert cause_in("a car bomb went off", en) == Cause("violence", "explosion")
    assert cause_in("the fire spread to the roof", en) == Cause("accident", "fire")
    assert cause_in("the meeting ended on Monday", en) is None


def test_a_clause_without_cause_takes_its_sentence_then_its_document() -> None:
    story = document_cause("Floods swept the valley. The flood waters rose. A bus was swept away.", en)
    assert story == Cause("disaster", "flood")  # named most often
    assert cause_of("two people died", "Two people died in the storm.", lambda: story, en) == Cause("disaster", "storm")
    assert cause_of("two people died", "Two people died.", lambda: story, en) == story
    assert cause_of("killed in an airstrike", "", _not_asked, en) == Cause("violence", "airstrike")  # the story unread


def _not_asked() -> Cause:
    raise AssertionError("the document's cause was read for a clause that says its own")
    assert document_cause("Nothing here says why.", en) == UNKNOWN


def test_every_cue_names_a_known_cause_and_compiles() -> None:
    for (cause, _), patterns in en.CAUSE_CUES:
        assert cause in CAUSES and cause != "unknown"
        for pattern in patterns:
            re.compile(pattern)


def test_an_event_takes_the_cause_most_of_its_reports_tell() -> None:
    told = [("unknown", None), ("violence", "shooting"), ("violence", None), ("violence", "shooting")]
    assert most_told_cause(told) == ("violence", "shooting")
    assert most_told_cause([("unknown", None)]) == ("unknown", None)
