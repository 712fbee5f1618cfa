"""The matcher: which spans of a text name places, and which place each names."""

import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.gazetteer import country_of_demonym, find_places


def named(text: str, country_hint: str | None = None) -> list[tuple[str, str | None, str]]:
    places = find_places(text, en, country_hint)
    assert all(text[p.start : p.end] == p.name for p in places)
    return [(p.name, p.country_code, p.kind) for p in places]


def test_countries_by_common_names() -> None:
    text = (
        "Officials in Syria, Iran, the United States, the U.S., Britain, Russia, "
        "El Salvador, Guatemala, Peru and Colombia condemned the attack."
    )
    assert [(name, code) for name, code, _ in named(text)] == [
        ("Syria", "SY"), ("Iran", "IR"), ("United States", "US"), ("U.S.", "US"),
        ("Britain", "GB"), ("Russia", "RU"), ("El Salvador", "SV"), ("Guatemala", "GT"),
        ("Peru", "PE"), ("Colombia", "CO"),
    ]  # fmt: skip


def test_a_place_and_a_comma_end_a_text() -> None:
    # the comma's look for a state after it found the end of the text (an IndexError, the whole article lost)
    assert named("Two people were killed in Aleppo,") == [("Aleppo", "SY", "city")]
    assert named("Shots were fired in Richmond, ", "US")[0][:2] == ("Richmond", "US")


def test_city_followed_by_ap_state_abbreviation_picks_that_state() -> None:
    # The state qualifies the town; it is not a place of its own.
    (richmond,) = find_places("A gunman opened fire in Richmond, Ind., on a Friday.", en)
    assert (richmond.name, richmond.country_code, richmond.admin1_code) == ("Richmond", "US", "IN")
    assert richmond.latitude == pytest.approx(39.83, abs=0.05)
    (richmond,) = find_places("A gunman opened fire in Richmond, Virginia.", en)
    assert richmond.admin1_code == "VA"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Deputies in Fresno, Calif., said", "CA"),
        ("Police in Tulsa, Okla., said", "OK"),
        ("Police in Springfield, Ill., said", "IL"),
        ("Police in Springfield, Mass., said", "MA"),
    ],
)
def test_ap_abbreviations(text: str, state: str) -> None:
    (city,) = find_places(text, en)
    assert city.admin1_code == state


def test_provinces_and_regions() -> None:
    text = "Airstrikes hit villages in Aleppo province and in Hama on Sunday."
    assert named(text) == [("Aleppo province", "SY", "admin1"), ("Hama", "SY", "city")]


def test_demonyms() -> None:
    assert named("Iranian and Afghan fighters died beside Syrian troops.") == [
        ("Iranian", "IR", "demonym"), ("Afghan", "AF", "demonym"), ("Syrian", "SY", "demonym"),
    ]  # fmt: skip
    assert country_of_demonym("Syrian") == "SY"
    assert country_of_demonym("Iranian") == "IR"
    assert country_of_demonym("Afghans") == "AF"
    assert country_of_demonym("Martian") is None


def test_longest_name_wins() -> None:
    assert named("He flew from Guatemala City to San Salvador.") == [
        ("Guatemala City", "GT", "city"), ("San Salvador", "SV", "city"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Police said the Reading Street deal was of March interest.",
        "Young Union Hospital Center Officer Justice spoke.",
        "Mobile units arrived; Deal or no deal.",
        "the attack in aleppo was reported in lower case.",
    ],
)
def test_common_words_and_lower_case_are_not_places(text: str) -> None:
    assert find_places(text, en) == []


def test_common_word_town_counts_with_a_following_state() -> None:
    assert [(p.name, p.admin1_code) for p in find_places("A crash in Mobile, Ala., killed two.", en)] == [("Mobile", "AL")]


def test_town_missing_from_the_gazetteer_is_placed_by_its_ap_state() -> None:
    (town,) = find_places("Deputies in Tinyville Junction, Miss., said two died.", en)
    assert (town.name, town.kind, town.country_code, town.admin1_code, town.population) == (
        "Tinyville Junction", "city", "US", "MS", 0,
    )  # fmt: skip
    assert town.latitude is not None
    # Not without the dotted abbreviation, nor for an English word before it.
    text = "He said Tinyville Junction, Ms Smith and the State Police, Ind., agreed."
    assert [p.name for p in find_places(text, en)] == ["Ind."]


def test_town_names_inside_longer_names_are_skipped() -> None:
    # A title before the name, a street after it.
    assert find_places("Officer Tyler Brown and Sergeant Aurora Diaz were on Houston Street.", en) == []


def test_all_caps_text_only_takes_well_known_places() -> None:
    text = "TROOPS CLASHED WITH REBELS NEAR BOGOTA AND IN COLOMBIA'S ANTIOQUIA, POLICE SAID. US OFFICIALS AGREED."
    assert named(text) == [("BOGOTA", "CO", "city"), ("COLOMBIA", "CO", "country"), ("ANTIOQUIA", "CO", "admin1")]


def test_hard_wrapped_caps_names_and_city_of_introducer() -> None:
    text = "GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES, NOT FAR FROM SAN\nSALVADOR."
    assert named(text, country_hint="GT") == [("FLORES", "GT", "city"), ("SAN\nSALVADOR", "SV", "city")]


def test_non_breaking_spaces_and_curly_quotes() -> None:
    text = "“We fled Guatemala\u00a0City,” she said of Colombia\u2019s border."
    assert [(p.name, p.country_code) for p in find_places(text, en)] == [
        ("Guatemala\u00a0City", "GT"), ("Colombia", "CO"),
    ]  # fmt: skip


def test_country_hint_keeps_small_foreign_towns_named_like_people_out() -> None:
    text = "Rodriguez was wounded in Bogota, and George fled to Madrid."
    # Towns called Rodriguez (Philippines) and George (South Africa) exist; the
    # hint is what tells the people apart from them.
    assert [p.name for p in find_places(text, en)] == ["Rodriguez", "Bogota", "George", "Madrid"]
    assert [p.name for p in find_places(text, en, country_hint="CO")] == ["Bogota", "Madrid"]


def test_country_hint_prefers_the_hinted_country_for_an_ambiguous_name() -> None:
    assert [p.country_code for p in find_places("A bomb exploded in La Libertad.", en, country_hint="SV")] == ["SV"]
    assert [p.country_code for p in find_places("A bomb exploded in La Libertad.", en, country_hint="GT")] == ["GT"]


def test_town_names_used_as_given_names_are_skipped() -> None:
    # Towns called Kimberly (Wisconsin) and Jordan the country; the surname gives them away.
    text = "Kimberly Veklerov and Jordan Hlavaty reported from Houston Police headquarters."
    assert [p.name for p in find_places(text, en)] == ["Houston"]


def test_huge_cities_named_like_english_words_still_count() -> None:
    assert [p.country_code for p in find_places("Clashes were reported in Shanghai and Queens.", en)] == ["CN", "US"]


def test_a_town_named_like_an_ordinary_word_is_taken_at_home_after_a_locative_preposition() -> None:
    assert [(p.name, p.admin1_code) for p in find_places("A girl was shot at a party in Spring, police said.", en, "US")] == [
        ("Spring", "TX")]
    assert find_places("A girl was shot at a party in Spring, police said.", en) == []  # no country to be at home in
    assert find_places("Classes resume in March and in May.", en, "US") == []
    assert find_places("The spring offensive began in spring.", en, "US") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shots were fired in the city of aleppo on Sunday.", [("aleppo", "SY", "city")]),
        ("He lived in richmond, Ind., until 2010.", [("richmond", "US", "city")]),
        ("He lived in salt lake city, Utah, until 2010.", [("salt lake city", "US", "city")]),  # the comma 3 words on
        ("He lived in salt lake city until 2010.", []),
        ("The troops of aleppo left.", []),
        ("It happened in aleppo yesterday.", []),
    ],
)
def test_a_lower_case_name_is_a_place_only_when_introduced_or_qualified(text, expected) -> None:
    assert named(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The shooting happened in Parkway Village around 1:45 p.m. on Friday.", []),  # a neighbourhood
        ("He was shot in Parkway, California.", [("Parkway", "US", "city")]),
        ("A man was killed in Highland Park.", [("Highland Park", "US", "city")]),  # the gazetteer's own name
        # two streets of a crossing, however a locative introduces them
        ("The car ran a stop sign at Meridian and Grace Streets.", []),
        ("The car was stopped near Tampa Avenue.", []),
        ("He was shot in Meridian on Friday.", [("Meridian", "US", "city")]),
        # a place before a building's word in lower case is where the building is
        ("A body was found in a Topeka hotel room.", [("Topeka", "US", "city")]),
        ("Officers were called to Independence and Wabash avenues.", []),  # a crossing, in lower case too
    ],
)
def test_a_town_name_that_begins_a_neighbourhoods_is_no_town(text, expected) -> None:
    assert named(text, "US") == expected


def test_a_month_or_weekday_is_no_place_however_capitalised() -> None:
    assert named("Update: Man Wounded in Nov. 2 LR Shooting Dies") == []  # not Nov, Tajikistan
    assert named("He was shot in March, in Sunday's attack.") == []
