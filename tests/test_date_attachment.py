"""A claim's date is its own event's: not the report's, the arrest's or the court's that its sentence also dates."""
from __future__ import annotations

import datetime as dt

import pytest

from casualty_events.transforms.casualties.lexicon import en
from tests.extractor_fixture import PUBLISHED, extractor  # noqa: F401 (a fixture)


def _dates(extractor, text):  # noqa: F811
    return {(m.outcome, m.event_date, m.date_precision) for m in extractor.extract(text, PUBLISHED)}


@pytest.mark.parametrize(("text", "expected"), [
    # the report's day is not the killing's
    ("Police said Wednesday that a man was killed on Monday.", ("killed", dt.date(2024, 3, 11), "day")),
    ("A man was killed on Monday, police said Wednesday.", ("killed", dt.date(2024, 3, 11), "day")),
    # a court date with no incident date beside it: the publication date, not the hearing's
    ("A teenager charged in the shooting death of his friend appeared in court Thursday.",
     ("killed", PUBLISHED, "published")),
    ("Officials on Thursday identified the man killed in the crash.", ("killed", PUBLISHED, "published")),
    # a death from injuries: the day of the injuries is the incident's
    ("A man died Monday from his injuries suffered Sunday night.", ("killed", dt.date(2024, 3, 10), "day")),
    ("A man died Monday at the hospital.", ("killed", dt.date(2024, 3, 11), "day")),
    # a report of another event (a charge) says nothing of the casualty's day
    ("A man is being charged in the murder of his neighbor, police said Wednesday.",
     ("killed", PUBLISHED, "published")),
    # a claim linked to the arrest ("murder related to the death of") is the arrest's, and so is its report
    ("A boy was arrested on suspicion of murder related to the death of a 15-year-old, police said Thursday.",
     ("killed", PUBLISHED, "published")),
    # the day of what is done in an investigation of a death is not the death's; the day of a clause of the
    # victim's, under the charge, is
    ("Detectives searched a house Thursday in the investigation into the death of a teenager.",
     ("killed", PUBLISHED, "published")),
    ("Mendoza is charged with murder in the killing of his friend Christian, who was shot Wednesday in the chest.",
     ("killed", dt.date(2024, 3, 13), "day")),
    # a protest's day is not the death it protests
    ("Protesters gathered Tuesday afternoon to demand justice in Clark's death.", ("killed", PUBLISHED, "published")),
    ("Nearly 1,000 people marched on Tuesday, a day after five protesters were shot.",
     ("injured", PUBLISHED, "published")),
    # a date of the claim's own verb stays
    ("Two people were shot and wounded Tuesday night, police said.", ("injured", dt.date(2024, 3, 12), "day")),
])
def test_a_date_of_another_event_is_not_the_incidents(extractor, text, expected):  # noqa: F811
    assert expected in _dates(extractor, text)


def test_a_tolls_as_of_date_may_be_the_day_it_was_told(extractor):  # noqa: F811
    text = "The ministry said Tuesday that the death toll had risen to 1,000."
    [mention] = extractor.extract(text, PUBLISHED)
    assert (mention.scope, mention.event_date) == ("cumulative", dt.date(2024, 3, 12))


def test_the_other_event_words_are_no_outcome_words():
    outcome_lemmas = {lemma for lemma, *_ in en.TRIGGERS}
    assert not (en.OTHER_EVENT_VERBS | en.OTHER_EVENT_NOUNS) & outcome_lemmas


def test_a_statement_with_no_date_in_reach_takes_the_day_its_story_gives(extractor):  # noqa: F811
    text = ("A teenager is dead after shots were fired at a house party in Memphis. The party had about a hundred "
            "guests. Neighbours heard music all evening. Two other teens were wounded early Saturday, police said.")
    dates = _dates(extractor, text)
    assert dates == {("killed", dt.date(2024, 3, 9), "day"), ("injured", dt.date(2024, 3, 9), "day")}


def test_a_story_whose_statements_date_nothing_takes_the_day_its_incident_is_named_with(extractor):  # noqa: F811
    text = ("Police are investigating a shooting that happened early Sunday. Officers were called to the park. "
            "Neighbours said the area is usually quiet. Detectives are asking for witnesses. "
            "Three men were wounded, police said.")
    assert _dates(extractor, text) == {("injured", dt.date(2024, 3, 10), "day")}
    text = ("Police identified five men as persons of interest. The melee occurred just before 2 a.m. Sunday outside "
            "a convenience store. Detectives are asking for witnesses. The store was closed. Neighbours said the "
            "area is usually quiet. One person was killed, police said.")
    assert _dates(extractor, text) == {("killed", dt.date(2024, 3, 10), "day")}  # a melee, a shootout: incidents
    text = ("Police are searching for answers after gunmen opened fire near a community center on Monday afternoon. "
            "Officers arrived quickly. Witnesses described two cars. A handgun was recovered. "
            "Two teens were struck. The center was closed Tuesday in light of the shooting.")
    assert _dates(extractor, text) == {("injured", dt.date(2024, 3, 11), "day")}  # who opened fire named it first
    text = ("A 10-year-old girl who was shot in her living room is out of the hospital. Officers said a man was "
            "arrested Friday for the shooting. Neighbors were shaken. The shooting happened just before 9 p.m. Monday.")
    assert _dates(extractor, text) == {("injured", dt.date(2024, 3, 11), "day")}  # when it happened, not the arrest


@pytest.mark.parametrize(("text", "expected"), [
    # the killing happened on the date its clause hangs from, not over the period the date opens
    ("Protesters have camped outside the precinct since March 1, when police fatally shot a man.",
     ("killed", dt.date(2024, 3, 1), "day")),
    ("The attack came on Monday, when gunmen killed five villagers.", ("killed", dt.date(2024, 3, 11), "day")),
    # a year naming the incident dates it, not the day of the indictment
    ("An officer was indicted Tuesday in the 2014 shooting death of a teenager.",
     ("killed", dt.date(2014, 12, 31), "year")),
])
def test_a_claim_told_on_a_date_takes_that_date(extractor, text, expected):  # noqa: F811
    assert _dates(extractor, text) == {expected}


def test_a_date_after_publication_dates_no_incident(extractor):  # noqa: F811
    """An update's stamp ("Last updated Sunday, Nov. 27" on a page of Friday, Nov. 25) or an announced event is
    never the incident's day."""
    friday = dt.date(2016, 11, 25)
    text = ("Last updated at 10:39 a.m. on Sunday, Nov. 27\n\nFairbanks police are investigating an incident at a "
            "local hotel that left four people dead.")
    assert {(m.count, m.event_date, m.date_precision) for m in extractor.extract(text, friday)} == {
        (4, friday, "published")}


def test_a_story_opening_with_the_date_and_hour_of_its_incident_is_dated_by_them(extractor):  # noqa: F811
    text = ("On May 28, 2016, at approximately 1:30 p.m. Captain Kitchens was advised of an accidental shooting that "
            "had taken place at a residence. The juvenile victim sustained no serious injury from the gunshot wound.")
    assert {(m.outcome, m.event_date, m.date_precision) for m in extractor.extract(text, dt.date(2016, 6, 1))} == {
        ("injured", dt.date(2016, 5, 28), "day")}


@pytest.mark.parametrize(("text", "day"), [
    ("Rohan Levy died Wednesday, three days after he was shot near Lenox Road.", dt.date(2024, 3, 10)),
    ("He died Thursday, a week after being stabbed.", dt.date(2024, 3, 7)),
    ("He died Thursday, two days after he was shot on Tuesday.", dt.date(2024, 3, 14)),  # the nearest day stays
])
def test_a_death_a_span_after_its_injuries_is_dated_by_the_injuries(extractor, text, day):  # noqa: F811
    assert ("killed", day, "day") in _dates(extractor, text)


def test_a_named_death_is_dated_by_the_day_the_text_says_its_victim_was_shot(extractor):  # noqa: F811
    text = ("Booking records show Lashell Crawford was charged with murder on Wednesday. Police say the charge is based "
            "on the investigation into the shooting death of 25-year-old Rolandreon Fisher. Fisher was shot multiple "
            "times early on the morning of March 10 in a parking lot.")
    assert _dates(extractor, text) == {("killed", dt.date(2024, 3, 10), "day")}


def test_a_death_dated_only_by_its_report_takes_the_day_the_text_gives_its_incident(extractor):  # noqa: F811
    text = ("A 15-year-old boy has died of his wounds, officials said Friday. Rohan Levy died Thursday, three days "
            "after he was shot near Lenox Road.")
    assert _dates(extractor, text) == {("killed", dt.date(2024, 3, 11), "day")}
    assert _dates(extractor, "Police said Monday that a man was killed.") == {("killed", dt.date(2024, 3, 11), "day")}
    text = "A man has died, police said Friday. Another man was killed on Feb. 20 in the same block."
    assert ("killed", dt.date(2024, 3, 15), "day") in _dates(extractor, text)  # weeks before: another incident
    text = ("Reports released Monday by the sheriff's office detail how 3-year-old Gavin Stiles got access to his "
            "father's gun and fatally shot himself. On the morning of March 1, his father was building a deck.")
    assert _dates(extractor, text) == {("killed", dt.date(2024, 3, 1), "day")}  # the day the story tells next
