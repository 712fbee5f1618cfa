"""One fact per statement: repeats of a figure share a fact and agree; a part is linked to its total.

Sentences of our own, through the real extractor and model."""
from __future__ import annotations

import datetime as dt

import pytest
from casualty_events.transforms.casualties.lexicon import en
from casualty_events.schemas.mention import Mention
from casualty_events.transforms.casualties.facts import group_facts

PUBLISHED = dt.date(2024, 3, 12)


def test_a_headline_repeating_a_cumulative_toll_is_that_toll(extractor):
    text = ("KYIV, Ukraine (AP) - The death toll among miners trapped in the collapse has risen to more than 40, "
            "officials said Tuesday.\\n\\nRescuers worked through the night.")
    mentions = extractor.extract(text.replace("\\n", "\n"), PUBLISHED, title="Over 40 miners killed in Donbas mine")
    killed = [m for m in mentions if m.outcome == "killed" and m.count == 40]
    assert len(killed) == 2, mentions
    assert {m.fact for m in killed} == {killed[0].fact}
    assert {(m.scope, m.count_qualifier, m.event_date, m.location) for m in killed} == {
        (killed[0].scope, "more_than", killed[0].event_date, killed[0].location)}
    assert killed[0].scope == "cumulative"


def test_statements_of_other_days_are_other_facts(extractor):
    text = ("Two people were killed in a shooting in Dayton, Ohio, on Monday. "
            "On Friday, two people were killed in another shooting in Toledo, Ohio.")
    mentions = [m for m in extractor.extract(text, PUBLISHED) if m.count == 2]
    assert len(mentions) == 2
    assert mentions[0].fact != mentions[1].fact


def test_a_vague_figure_is_no_restatement_of_an_exact_one(extractor):
    text = ("A shooting on Saturday left several people injured, police said. Two victims were hospitalized with "
            "major injuries.")
    injured = [m for m in extractor.extract(text, PUBLISHED) if m.outcome == "injured"]
    assert [(m.count_qualifier, m.count) for m in injured] == [("vague", 2), ("exact", 2)]
    assert injured[0].fact != injured[1].fact  # "several" is no figure of two


def test_a_list_of_past_incidents_is_no_restatement_of_the_news(extractor):
    text = ("Past shootings in Miami:\\n\\nJanuary 2009: A shooting at a dice game ends in two deaths.\\n\\n"
            "MIAMI -- Two men were killed in a shooting in Liberty City on Monday night, police said. "
            "Officers closed the street. Neighbors gathered at the corner. A vigil is planned. "
            "Two men died, and nobody has been charged.")
    mentions = [m for m in extractor.extract(text.replace("\\n", "\n"), PUBLISHED) if m.count == 2]
    assert len(mentions) == 3, mentions
    past, today, undated = mentions
    assert (past.event_date, past.date_precision) == (dt.date(2009, 1, 31), "month")
    assert past.fact != today.fact
    assert undated.fact == today.fact and undated.event_date == today.event_date  # the news, not its history


def mention(count: int, evidence: str, victims: str, start: int, **fields) -> Mention:
    values = dict(outcome="killed", count=count, count_high=None, count_qualifier="exact", scope="incident",
                  victims=victims, location=None, country_code=None, latitude=None, longitude=None,
                  event_date=PUBLISHED, date_precision="published", attribution=None, evidence=evidence,
                  char_start=start, char_end=None if start is None else start + len(evidence))
    return Mention(**{**values, **fields})


@pytest.mark.parametrize("part_sentence, victims", [
    ("Four of the dead were children.", "Four"),
    ("Of the dead, four were children.", "four"),
    ("The dead included four children among the victims.", "four children"),
    ("The strike killed four children, including two infants.", "two infants"),
])
def test_a_part_of_a_total_is_linked_to_it_and_never_a_fact_of_its_own(part_sentence, victims):
    total = mention(12, "Gunmen killed 12 villagers on Sunday.", "12 villagers", 0)
    part = mention(4 if "two infants" not in victims else 2, part_sentence, victims, 40)
    grouped = group_facts([total, part], en)
    assert grouped[0].fact != grouped[1].fact
    assert grouped[1].part_of == grouped[0].fact
    assert grouped[0].part_of is None


def test_a_count_that_is_no_part_stays_apart():
    grouped = group_facts([mention(12, "Gunmen killed 12 villagers on Sunday.", "12 villagers", 0),
                           mention(4, "Four soldiers were killed in a separate attack.", "Four soldiers", 40)], en)
    assert [m.part_of for m in grouped] == [None, None]


def test_the_fields_of_a_fact_are_what_most_body_statements_say():
    sunday, monday = dt.date(2024, 3, 10), dt.date(2024, 3, 11)
    told = [mention(3, "3 killed in shooting", "3", None, event_date=PUBLISHED),
            mention(3, "Three people were killed Sunday.", "Three people", 0, event_date=sunday, date_precision="day"),
            mention(3, "All three were killed.", "three", 40),
            mention(3, "The three killed Sunday were brothers.", "The three", 80, event_date=sunday,
                    date_precision="day", location="Mosul", country_code="IQ")]
    grouped = group_facts(told, en, title="3 killed in shooting")
    assert {m.fact for m in grouped} == {0}
    assert {(m.event_date, m.date_precision, m.location) for m in grouped} == {(sunday, "day", "Mosul")}
    assert monday not in {m.event_date for m in grouped}


@pytest.mark.parametrize("fact, part_of, expected", [
    (0, None, {"fact_id": "doc-7/f0", "part_of": None}),
    (3, 1, {"fact_id": "doc-7/f3", "part_of": "doc-7/f1"}),
])
def test_fact_ids_are_unique_in_the_dataset(fact, part_of, expected):
    told = mention(2, "Two were killed.", "Two", 0, fact=fact, part_of=part_of)
    assert told.fact_ids("doc-7") == expected


def test_statements_naming_other_people_are_other_facts_and_nationalities_name_nobody():
    sunday = dt.date(2016, 4, 10)
    grouped = group_facts([
        mention(2, "Majtabi Nasab and an officer were killed.", "Majtabi Zhu al-Fiqaar Nasab and the officer", 0,
                event_date=sunday, date_precision="day"),
        mention(2, "Lieutenant Majtabi al-Lahi and a colleague were killed.", "Lieutenant Majtabi Eid al-Lahi", 50,
                event_date=sunday, date_precision="day"),
        mention(1000, "More than 1,000 Iranian soldiers have died.", "Iranian soldiers", 100, scope="cumulative"),
        mention(1000, "The number of Iran's martyrs exceeded 1,000.", "Iran's martyrs", 150, scope="cumulative"),
    ], en)
    assert [m.fact for m in grouped] == [0, 1, 2, 2]


def test_a_statement_with_no_date_takes_the_day_its_story_tells_even_by_a_repeat_kept_out():
    from casualty_events.transforms.casualties.reconcile import Found, reconcile

    undated = mention(1, "The boy died at the hospital.", "The boy", 200)
    dated = mention(1, "He was found Thursday afternoon with a gunshot wound.", "He", 100, outcome="injured",
                    event_date=dt.date(2024, 3, 7), date_precision="day")
    kept = mention(1, "A boy was wounded at an apartment.", "A boy", 0, outcome="injured")
    found = [Found(kept, False, True, False, 0, (0, 2, 1)), Found(dated, False, False, True, 1, (10, 10, 10)),
             Found(undated, False, True, False, 2, (20, 21, 21))]
    mentions = reconcile(found, en)
    assert len(mentions) == 2  # "he" repeats the boy already reported wounded
    assert {(m.event_date, m.date_precision) for m in mentions} == {(dt.date(2024, 3, 7), "day")}


def test_one_person_told_with_another_determiner_is_one_fact_and_another_person_is_not():
    grouped = group_facts([
        mention(1, "He shot his mother in the leg.", "his mother", 0),
        mention(1, "The mother was taken to a hospital with a gunshot wound.", "The mother", 40),
        mention(1, "A 56-year-old woman was shot in the leg.", "A 56-year-old woman", 100),
        mention(1, "A 48-year-old woman was shot in the hip.", "A 48-year-old woman", 150),
        mention(1, "A man was shot in the arm.", "A man", 200),
        mention(1, "Another man was shot in the foot.", "Another man", 250),
        mention(1, "A young man was shot in the hand.", "A young man", 300),
    ], en)
    assert [m.fact for m in grouped] == [0, 0, 1, 2, 3, 4, 5]


def test_one_person_named_by_a_title_and_a_surname_is_one_fact_even_shouted():
    grouped = group_facts([
        mention(1, "DR JOSE ANTONIO RODRIGUEZ PORTH WAS MURDERED.", "DR JOSE ANTONIO RODRIGUEZ PORTH", 0),
        mention(1, "CRISTIANI BLAMED THE FMLN FOR MINISTER RODRIGUEZ PORTH'S DEATH.", "MINISTER RODRIGUEZ PORTH", 60),
    ], en)
    assert [m.fact for m in grouped] == [0, 0]


def test_a_fact_told_once_by_its_day_and_once_by_its_month_takes_the_day():
    grouped = group_facts([
        mention(1, "The girl was killed in early March.", "The girl", 0, event_date=dt.date(2024, 3, 12),
                date_precision="month"),
        mention(1, "The girl was killed on March 5.", "The girl", 40, event_date=dt.date(2024, 3, 5),
                date_precision="day"),
    ], en)
    assert grouped[0].fact == grouped[1].fact
    assert {(m.event_date, m.date_precision) for m in grouped} == {(dt.date(2024, 3, 5), "day")}


def test_a_gallerys_captions_are_one_statement_of_a_fact():
    monday = dt.date(2024, 3, 11)
    captions = [mention(3, f"Image {i} of 9 Three men were killed this month.", "Three men", 100 * i,
                        event_date=PUBLISHED, date_precision="month") for i in range(1, 4)]
    told = [mention(3, "Three men were killed on Monday.", "Three men", 1000, event_date=monday, date_precision="day"),
            mention(3, "Police said three men were killed late Monday.", "three men", 1100, event_date=monday,
                    date_precision="day")]
    grouped = group_facts(captions + told, en)
    assert {m.event_date for m in grouped} == {monday}  # two statements outweigh three captions told as one
