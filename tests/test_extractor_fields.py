"""Scope, date, place, victims, attribution and evidence of a mention."""
import datetime as dt

import pytest

from tests.extractor_fixture import PUBLISHED
from casualty_events.transforms.casualties.extractor import CasualtyExtractor


def test_incident_scope_date_place_and_attribution(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("Three civilians were killed in Kharkiv on Monday, regional governor Oleh Syniehubov said.", PUBLISHED)
    assert m.scope == "incident"
    assert (m.event_date, m.date_precision) == (dt.date(2024, 3, 11), "day")
    assert (m.location, m.country_code) == ("Kharkiv", "UA")
    assert m.latitude is not None and m.longitude is not None
    assert m.victims == "Three civilians"
    assert m.attribution == "regional governor Oleh Syniehubov"


def test_cumulative_figures_are_dated_at_the_end_of_their_period(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("According to the health ministry, 52 people have died in Gaza over the past week.", PUBLISHED)
    assert m.scope == "cumulative"
    assert m.event_date == PUBLISHED
    assert m.attribution == "the health ministry"
    assert m.country_code == "PS"


def test_cumulative_cues(extractor: CasualtyExtractor) -> None:
    for text in (
        "At least 40 soldiers have been killed in the province since January.",
        "The death toll among the miners has surpassed 90.",
        "The rebel army has lost thousands of fighters.",
        "Some 120 police officers have been killed so far this month.",
        "January started the year with at least 50 homicides.",  # a number of killings sums incidents
        "The city recorded 762 murders last year.",
        "More than 3,290 people have been injured in those shootings.",  # several incidents summed
        "Nine people were wounded in weekend shootings across the city.",
        "Three men were killed in separate shootings on Sunday.",
        "Eight other people were wounded in shootings from Friday to Saturday morning.",
        "Police: 4 dead, 10 wounded in Chicago weekend shootings",
        "A spate of three shootings over three hours Friday night resulted in two deaths, police said.",
    ):
        assert [m.scope for m in extractor.extract(text, PUBLISHED)] == ["cumulative"], text
    (double,) = extractor.extract("Two men were killed in a double homicide on Friday.", PUBLISHED)
    assert double.scope == "incident"
    (family,) = extractor.extract("She lost three of her grown children in an unthinkable shooting spree.", PUBLISHED)
    assert family.scope == "incident"  # people lost in one incident, not a war's losses
    (army,) = extractor.extract("The army has lost 200 fighters in attacks.", PUBLISHED)
    assert army.scope == "cumulative"
    (street,) = extractor.extract("Two men were wounded in a shooting across the street.", PUBLISHED)
    assert street.scope == "incident"


def test_relative_dates_resolve_against_publication(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("Four fishermen drowned off the coast of Kerala yesterday, police said.", PUBLISHED)
    assert (m.event_date, m.date_precision) == (dt.date(2024, 3, 14), "day")
    assert m.attribution == "police"


def test_no_date_in_reach_falls_back_to_publication(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("Five hikers were injured by the rockfall.", PUBLISHED)
    assert (m.event_date, m.date_precision) == (PUBLISHED, "published")
    (m,) = extractor.extract("Five hikers were injured by the rockfall.")
    assert (m.event_date, m.date_precision) == (None, "published")


def test_date_and_place_from_the_sentence_before(extractor: CasualtyExtractor) -> None:
    text = "Gunmen attacked a checkpoint near Mosul on 3 March. Eight guards were wounded."
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.event_date, m.location, m.country_code) == (dt.date(2024, 3, 3), "Mosul", "IQ")


def test_place_from_the_dateline(extractor: CasualtyExtractor) -> None:
    text = "RICHMOND, Ind. (March 14, 2024) – Two men were wounded in a shooting Thursday night."
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.location, m.country_code) == ("RICHMOND", "US")


def test_quoted_source_is_the_attribution(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("“Nine people were killed in the attack,” a hospital official told Reuters.", PUBLISHED)
    assert m.attribution == "a hospital official"


def test_background_clause_takes_no_attribution(extractor: CasualtyExtractor) -> None:
    text = "Mr. Duarte said that Colonel Ivo Sanz, who was killed in an ambush in 2019, founded the unit."
    (m,) = extractor.extract(text, PUBLISHED)
    assert m.count == 1 and m.attribution is None


def test_evidence_is_the_sentence_with_its_offsets(extractor: CasualtyExtractor) -> None:
    text = "Markets were calm.\n\nOn Tuesday, two\u00a0guards were   hurt at the depot. Traffic resumed."
    (m,) = extractor.extract(text, PUBLISHED)
    assert m.evidence == "On Tuesday, two\u00a0guards were   hurt at the depot."
    assert text[m.char_start : m.char_end] == m.evidence


def test_the_title_told_again_in_the_text_is_read_as_a_headline(extractor: CasualtyExtractor) -> None:
    title = "Mom, 11-month-old son killed in shooting"
    mentions = extractor.extract(f"{title}\n\nPolice are investigating.", PUBLISHED, title=title)
    assert [(m.outcome, m.count, m.char_start) for m in mentions] == [("killed", 2, 0)]
    title = "Baby, 20-year-old man killed in south Minneapolis shooting"
    mentions = extractor.extract(f"News {title}\n\nPolice are investigating.", PUBLISHED, title=title)
    assert {m.outcome for m in mentions} == {"killed"}  # "News Baby ... shooting": the subject of "-ing" shoots


def test_a_title_not_in_the_text_is_read_without_offsets(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Police are investigating.", PUBLISHED, title="Three Killed in Warehouse Fire")
    assert [(m.outcome, m.count, m.evidence, m.char_start, m.char_end) for m in mentions] == [
        ("killed", 3, "Three Killed in Warehouse Fire", None, None)
    ]


@pytest.mark.parametrize(("title", "expected"), [
    ("Sheriff's Office: Two men shot outside a bar", ("injured", 2, "Two men")),  # who tells it
    ("UPDATE: Woman dead after crash on Route 9", ("killed", 1, "Woman")),  # what kind of news
    ("Man Killed: Police Seek Suspect", ("killed", 1, "Man")),  # words that state a casualty are the sentence
])
def test_the_words_before_a_headlines_colon_are_no_part_of_its_sentence(extractor: CasualtyExtractor, title,
                                                                         expected) -> None:
    assert [(m.outcome, m.count, m.victims) for m in extractor.extract("Police are investigating.", PUBLISHED,
                                                                       title=title)] == [expected]


@pytest.mark.parametrize(("title", "expected"), [
    ("Teen shot outside school", ("injured", 1, "Teen")),  # a headline drops its auxiliary: "was shot"
    ("Baby killed in weekend shooting", ("killed", 1, "Baby")),  # an incident noun is never the victim
    ("Two men shot outside bar", ("injured", 2, "Two men")),  # "bar", read as the object, is where
    ("Teen killed by police called 911 and left a farewell note", ("killed", 1, "Teen")),  # a note left is no victim
    ("Mom, 11-month-old son killed in shooting", ("killed", 2, "Mom, 11-month-old son")),  # a comma for "and"
    ("Police identify infant, 2 women killed in shooting", ("killed", 3, "infant, 2 women")),
    ("Another man, woman were injured in the same shooting", ("injured", 2, "Another man, woman")),
    ("Chicago man, 24, killed in shooting", ("killed", 1, "Chicago man")),  # an age is no one more
])
def test_a_headline_is_read_as_headlines_are_written(extractor: CasualtyExtractor, title, expected) -> None:
    assert [(m.outcome, m.count, m.victims) for m in extractor.extract("Police are investigating.", PUBLISHED,
                                                                       title=title)] == [expected]
    assert extractor.extract("The officer shot twice.", PUBLISHED) == []  # in a body, a subject is who shot


def test_a_title_the_text_repeats_is_not_read_twice(extractor: CasualtyExtractor) -> None:
    text = "Three Killed in \u2018Warehouse\u2019 Fire\n\nThree workers were killed in a warehouse fire."
    mentions = extractor.extract(text, PUBLISHED, title="Three Killed in 'Warehouse' Fire")
    assert all(m.char_start is not None for m in mentions)
    assert {(m.outcome, m.count) for m in mentions} == {("killed", 3)}


def test_parenthetical_source(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("Some 60 villagers have been killed since Monday, the United Nations said, and more are missing.", PUBLISHED)
    assert m.attribution == "the United Nations"
    assert (m.count, m.count_qualifier, m.scope) == (60, "approx", "cumulative")


def test_a_list_of_counted_groups_sums_with_its_qualifier(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("At least 27 soldiers and 15 rebels were killed in the clashes.", PUBLISHED)
    (m,) = [m for m in mentions if m.part_of is None]
    assert (m.outcome, m.count, m.count_qualifier) == ("killed", 42, "at_least")
    assert sorted((p.count, p.count_qualifier) for p in mentions if p.part_of == m.fact) == [(15, "exact"), (27, "at_least")]


def test_a_title_with_the_site_name_is_not_read_twice(extractor: CasualtyExtractor) -> None:
    text = "Two Hurt In Downtown Stabbing Posted: Friday\n\nTwo men were hurt in a stabbing downtown."
    mentions = extractor.extract(text, PUBLISHED, title="Two Hurt In Downtown Stabbing - KXYZ 5 News | Weather")
    assert all(m.char_start is not None for m in mentions)


def test_the_site_name_of_a_title_is_not_read(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Police are investigating.", PUBLISHED, title="3 Shot In Overnight Attack « KXYZ Philly")
    assert [(m.outcome, m.count, m.evidence) for m in mentions] == [
        ("injured", 3, "3 Shot In Overnight Attack « KXYZ Philly")
    ]


def test_a_publication_datetime_is_read_as_its_day(extractor: CasualtyExtractor) -> None:
    published = dt.datetime(2024, 3, 15, 23, 30, tzinfo=dt.timezone.utc)
    (m,) = extractor.extract("Two soldiers were killed on Monday.", published)
    assert (m.event_date, m.date_precision) == (dt.date(2024, 3, 11), "day")


def test_a_sentences_same_name_town_is_read_in_the_country_of_the_story(extractor):
    text = ("CHICAGO (AP) — Police in Chicago said a 7-year-old girl was wounded on Monday.\n\n"
            "The girl was shot in Chatham on Monday afternoon, police said.")
    found = [m for m in extractor.extract(text, dt.date(2016, 3, 28)) if m.outcome == "injured"]
    assert found and all(m.country_code == "US" for m in found)


def test_a_name_the_text_gives_a_person_is_no_place_in_it(extractor):
    text = ("SAN ANTONIO (AP) — Maria Rodriguez, 25, was shot and killed on Sunday, police said.\n\n"
            "A neighbour said Rodriguez was killed outside her home near Officer Tyler's patrol car.")
    found = extractor.extract(text, dt.date(2016, 6, 2))
    assert found and {m.location for m in found} <= {"SAN ANTONIO"}
    assert {m.country_code for m in found} == {"US"}


def test_a_place_says_how_precise_it_is(extractor):
    published = dt.date(2024, 3, 12)
    (town,) = extractor.extract("Two people were killed in a shooting in Dayton, Ohio, on Monday.", published)
    assert (town.place_precision, town.admin1_code, town.admin1, town.geonames_id) == ("town", "US-OH", "Ohio", 4509884)
    (province,) = extractor.extract("Airstrikes killed nine civilians in Kandahar province on Sunday.", published)
    assert (province.place_precision, province.admin1_code, province.country_code) == ("admin1", "AF-KAN", "AF")
    assert province.admin1 == "Kandahār"  # ISO 3166-2's name
    (country,) = extractor.extract("Nine soldiers were killed in Mali on Sunday, the army said.", published)
    assert (country.place_precision, country.country_code) == ("country", "ML")
    (nowhere,) = extractor.extract("Nine people were killed on Sunday, officials said.", published)
    assert (nowhere.location, nowhere.place_precision, nowhere.latitude) == (None, None, None)


def test_an_incident_set_up_three_sentences_before_gives_its_date_and_place(extractor):
    text = ("On Sunday, rebels attacked an army post in Kunduz. The attack began before dawn. "
            "Fighting went on for hours. Five soldiers were killed in the attack, the army said.")
    (found,) = extractor.extract(text, dt.date(2024, 3, 12))
    assert (found.location, found.country_code, found.event_date, found.date_precision) == (
        "Kunduz", "AF", dt.date(2024, 3, 10), "day")


def test_a_nationality_names_a_place_only_before_a_word_of_place(extractor):
    published = dt.date(1989, 11, 14)
    text = ("SAN SALVADOR, 13 NOV 89 (DPA) -- Two teachers were killed on Sunday.\n\n"
            "The daughter of the Egyptian ambassador was wounded in the attack.")
    wounded = [m for m in extractor.extract(text, published) if m.outcome == "injured"]
    assert [(m.location, m.country_code) for m in wounded] == [("SAN SALVADOR", "SV")]
    (war,) = extractor.extract("About 1,200 fighters have died in the Syrian conflict since 2013.", published)
    assert (war.location, war.country_code) == ("Syrian", "SY")


def test_a_country_named_for_its_state_is_not_where_it_happened(extractor):
    published = dt.date(1990, 1, 9)
    text = "SAN SALVADOR, 8 JAN 90 -- U.S. authorities said two soldiers were killed on Sunday."
    assert [(m.location, m.country_code) for m in extractor.extract(text, published)] == [("SAN SALVADOR", "SV")]
    text = ("GUATEMALA CITY, 22 DEC 89 -- The government of the Republic of Guatemala said three peasants were "
            "killed on Thursday.")
    assert [(m.location, m.country_code) for m in extractor.extract(text, published)] == [("GUATEMALA CITY", "GT")]


def test_countries_in_a_list_are_not_where_it_happened(extractor):
    text = ("GUATEMALA CITY, 12 FEB 90 -- Five students were killed on Saturday, and their murder was condemned "
            "by universities in Mexico, Honduras, Peru and Colombia.")
    (found,) = extractor.extract(text, dt.date(1990, 2, 13))
    assert (found.location, found.country_code) == ("GUATEMALA CITY", "GT")


@pytest.mark.parametrize("sentence, figures", [
    ("The number of injured increased to 120.", {("injured", 120)}),
    ("The attack brought the number killed to 58.", {("killed", 58)}),
    ("Deaths rose to 300 from 250 in 2020.", {("killed", 300), ("killed", 250)}),
    ("On Monday the toll rose from 400 to 1,000.", {("killed", 400), ("killed", 1000)}),  # a change, not a range
])
def test_toll_wording(extractor: CasualtyExtractor, sentence, figures) -> None:
    mentions = extractor.extract(sentence, PUBLISHED)
    assert {(m.outcome, m.count) for m in mentions} == figures
    assert {m.scope for m in mentions} == {"cumulative"}


def test_each_figure_of_a_toll_takes_its_own_date(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("The number of soldiers killed rose from 400 in July to 1,000.", PUBLISHED)
    assert {(m.count, m.event_date, m.date_precision) for m in mentions} == {
        (400, dt.date(2023, 7, 31), "month"), (1000, PUBLISHED, "published")}


@pytest.mark.parametrize("sentence, date, precision", [
    ("Members of the April 19 Movement killed two soldiers.", PUBLISHED, "published"),  # a name, not a date
    ("Gomez, born in 1958, was killed in the attack.", PUBLISHED, "published"),  # a birth, not the incident
])
def test_dates_that_are_no_incidents(extractor: CasualtyExtractor, sentence, date, precision) -> None:
    [mention] = extractor.extract(sentence, PUBLISHED)
    assert (mention.event_date, mention.date_precision) == (date, precision)


def test_a_day_is_nobody_and_a_total_counts_its_of_phrase(extractor: CasualtyExtractor) -> None:
    [mention] = extractor.extract("Tuesday's killings left three dead.", PUBLISHED)
    assert (mention.count, mention.event_date) == (3, dt.date(2024, 3, 12))
    [mention] = extractor.extract("A total of 1,200 people were killed in the first 11 months of 2021.", PUBLISHED)
    assert (mention.count, mention.scope) == (1200, "cumulative")


def test_a_pages_own_stamp_dates_no_event(extractor: CasualtyExtractor) -> None:
    text = "Man killed in shooting Posted: Friday, March 15, 2024 10:10 AM EDT\n\nPolice are investigating."
    [m] = extractor.extract(text, PUBLISHED)
    assert m.date_precision == "published"  # "Posted: Friday, March 15" is when the page was, not the shooting
    [m] = extractor.extract("A man was killed in a shooting on Thursday. Updated: Friday, March 15, 2024", PUBLISHED)
    assert (m.event_date, m.date_precision) == (dt.date(2024, 3, 14), "day")

