"""The resolver: datelines, the country a text is about, look-ups by name."""

import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.gazetteer import (
    Place,
    dateline,
    document_country,
    find_places,
    lookup,
    only_country,
)


def test_ambiguous_name_goes_to_the_largest_place_unless_hinted() -> None:
    assert lookup("Aleppo", en).country_code == "SY"
    assert lookup("Georgia", en, country_hint="GE").kind == "country"
    assert lookup("Georgia", en, country_hint="US").admin1_code == "GA"
    assert lookup("Richmond, Ind.", en).admin1_code == "IN"


def test_a_state_hint_picks_its_own_place_and_drops_small_towns_of_other_states() -> None:
    text = "A man was killed in Bridgeport on Friday."
    assert [p.admin1_code for p in find_places(text, en, "US")] == ["CT"]
    assert [p.admin1_code for p in find_places(text, en, "US", "IL")] == ["IL"]
    assert [p.admin1_code for p in find_places("He was shot in Fruitvale.", en, "US")] == ["CO"]
    assert find_places("He was shot in Fruitvale.", en, "US", "CA") == []  # a Colorado town of 7,675
    assert [p.admin1_code for p in find_places("He was shot in Denver.", en, "US", "CA")] == ["CO"]  # a big city
    assert lookup("Bridgeport", en, "US", "US-IL").admin1_code == "IL"  # a state by its ISO 3166-2 code too


def test_a_place_of_the_title_says_the_country_twice() -> None:
    text = ("Metro police are searching for the gunmen. Witnesses said one car was a Nissan Altima or a Honda. "
            "Two teens were struck.")
    assert document_country(text, en) is None  # a small town of Indonesia, one of Colombia: nothing said
    assert document_country(text, en, title="Teens shot at East Nashville community center") == "US"


@pytest.mark.parametrize(("text", "country"), [
    ("Five soldiers were killed near Aleppo. Fighting went on in Idlib and Homs.", "SY"),
    ("Rebels attacked a post in Syria. Iraqi forces shelled Mosul, and Turkey sent troops.", None),
    # a town is read again as the town of its name the text qualifies further on: this Paris is the Texan one
    ("Police in Paris said the man fled. He was seen in Houston and arrested in Paris, Texas, on Monday.", "US"),
])
def test_the_one_country_a_text_names_is_that_of_all_its_places(text: str, country: str | None) -> None:
    named = {p.country_code for p in find_places(text, en) if p.kind != "demonym"}
    assert only_country(text, en) == (named.pop() if len(named) == 1 else None) == country


def test_lookup_has_no_span_and_unknown_names_give_none() -> None:
    place = lookup("Hama", en)
    assert isinstance(place, Place)
    assert (place.start, place.end, place.country_code) == (-1, -1, "SY")
    assert place.latitude is not None and place.longitude is not None
    assert lookup("Qwzxyplace", en) is None


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("RICHMOND, Ind. (April 11, 2014) – Four men were hurt.", "RICHMOND", "US", "IN"),
        ("   SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] HEAVY FIGHTING", "SAN SALVADOR", "SV", None),
        ("   GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY", "GUATEMALA CITY", "GT", None),
        ("CHICAGO — Two men were shot.", "CHICAGO", "US", "IL"),
        ("   BOGOTA, 3 APR 90 (INRAVISION TELEVISION CADENA 1) -- [TEXT]", "BOGOTA", "CO", None),
        ("   LIMA, 12 JAN 90 (EFE) -- [TEXT] THE", "LIMA", "PE", None),
        ("   MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) -- [TEXT]", "MANAGUA", "NI", None),
        ("PHOENIX (AP) - Phoenix police said", "PHOENIX", "US", "AZ"),
        ("Boy hurt in shooting\n\nSHELTON, Wash. — A judge found", "SHELTON", "US", "WA"),
        ("   NO CITY (PERU), 16 SEP 89 -- [TEXT]", "PERU", "PE", None),
        # Too small for the gazetteer, and not the larger Antioch in California.
        ("ANTIOCH, Tenn. (WKRN) – A girl was hurt.", "ANTIOCH", "US", "TN"),
    ],
)
def test_datelines(text: str, name: str, country: str, admin1: str | None) -> None:
    place = dateline(text)
    assert place is not None
    assert (place.name, place.country_code, place.admin1_code) == (name, country, admin1)
    assert text[place.start : place.end] == name


@pytest.mark.parametrize(
    "text",
    [
        "   CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT]",
        "Two men were shot - police said nothing more.",
        "A man was killed on Sunday.\n\nPolice are investigating.",
        "POLICE — Two men were arrested.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline(text) is None


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Idlib province", "SY", "admin1"),
        ("EL PETEN DEPARTMENT", "GT", "admin1"),
        ("the United States", "US", "country"),
        ("Kiev", "UA", "city"),
        ("Mesa County, Colo.", "US", "admin2"),
    ],
)
def test_lookup_understands_suffixes_articles_and_exonyms(name: str, country: str, kind: str) -> None:
    place = lookup(name, en)
    assert (place.name, place.country_code, place.kind) == (name, country, kind)


def test_the_text_itself_implies_the_country_for_ambiguous_towns() -> None:
    text = "Deputies in Texas said the Hamilton shooting left two dead, Texas police added."
    assert [(p.name, p.country_code) for p in find_places(text, en)] == [
        ("Texas", "US"), ("Hamilton", "US"), ("Texas", "US"),
    ]  # fmt: skip
    dated = "CHICAGO — Metro police said a man from Windsor was shot."
    assert [(p.name, p.country_code) for p in find_places(dated, en)] == [("CHICAGO", "US"), ("Windsor", "US")]


def test_a_big_city_says_the_country_and_a_dateline_is_read_there() -> None:
    story = ("CHATHAM — A 7-year-old girl was wounded in a shooting on Monday, police said. Chicago police said "
             "the girl was on a porch. It was the third shooting in Chicago this week, and the second in Chatham.")
    assert document_country(story, en) == "US"
    assert dateline(story, "US").country_code == "US"
    assert dateline(story).country_code == "GB"  # without the story's context: the largest Chatham


def test_a_town_missing_from_the_gazetteer_stays_in_the_state_named_after_it() -> None:
    # Salisbury, England is in the gazetteer; Salisbury, Pennsylvania is too small for it.
    for place in (lookup("Salisbury, Pa.", en), find_places("A shooting in Salisbury, Pa., left two dead.", en)[0]):
        assert (place.name, place.country_code, place.iso_admin1, place.precision) == ("Salisbury", "US", "US-PA", "admin1")
    assert lookup("Salisbury", en).country_code == "GB"
    assert lookup("Carthage, N.C.", en).precision == "town"


def test_a_part_of_a_city_is_named_after_the_city_and_looked_up_as_it() -> None:
    from casualty_events.transforms.casualties.gazetteer import admin1_codes, city_and_part, city_part

    name = city_part("Chicago", "Chatham")
    assert name == "Chicago (Chatham)" and city_and_part(name) == ("Chicago", "Chatham")
    assert city_and_part("Chatham") is None
    place = lookup(name, en)
    assert (place.name, place.iso_admin1, place.precision) == ("Chicago (Chatham)", "US-IL", "town")
    assert admin1_codes(name, en) == {"IL"}


def test_a_sites_country_domain_names_its_country_and_generic_ones_nothing() -> None:
    from casualty_events.transforms.casualties.gazetteer import site_country

    assert site_country("https://www.bbc.co.uk/news/1") == "GB"
    assert site_country("https://www.dawn.com.pk/story") == "PK"
    assert site_country("http://premiumtimesng.ng/a") == "NG"
    assert site_country("https://news.example.com/a") is None
    assert site_country("https://bit.ly/x") is None and site_country("https://x.io/y") is None
    assert site_country(None) is None and site_country("not a url") is None


def test_a_given_name_and_a_surname_are_people_however_many_towns_share_them() -> None:
    from casualty_events.transforms.casualties.gazetteer import people_named

    text = ("Her father, Vincent Dobbs, said Rafael McCloud fired. The Chicago Tribune and Fort Worth police "
            "reported the shooting on Kensington Avenue in Los Angeles. On Sunday Ramirez spoke.")
    assert people_named(text) == {"vincent", "dobbs", "rafael", "mccloud"}
