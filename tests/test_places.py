"""The offline gazetteer: find_places, lookup, dateline, country_of_demonym."""

import pytest

from casualty_events.transforms.casualties.places import (
    Place,
    country_of_demonym,
    dateline,
    document_country,
    find_places,
    lookup,
)


def named(text: str, country_hint: str | None = None) -> list[tuple[str, str | None, str]]:
    places = find_places(text, country_hint)
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


def test_city_followed_by_ap_state_abbreviation_picks_that_state() -> None:
    # The state qualifies the town; it is not a place of its own.
    (richmond,) = find_places("A gunman opened fire in Richmond, Ind., on a Friday.")
    assert (richmond.name, richmond.country_code, richmond.admin1_code) == ("Richmond", "US", "IN")
    assert richmond.latitude == pytest.approx(39.83, abs=0.05)
    (richmond,) = find_places("A gunman opened fire in Richmond, Virginia.")
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
    (city,) = find_places(text)
    assert city.admin1_code == state


def test_ambiguous_name_goes_to_the_largest_place_unless_hinted() -> None:
    assert lookup("Aleppo").country_code == "SY"
    assert lookup("Georgia", country_hint="GE").kind == "country"
    assert lookup("Georgia", country_hint="US").admin1_code == "GA"
    assert lookup("Richmond, Ind.").admin1_code == "IN"


def test_lookup_has_no_span_and_unknown_names_give_none() -> None:
    place = lookup("Hama")
    assert isinstance(place, Place)
    assert (place.start, place.end, place.country_code) == (-1, -1, "SY")
    assert place.latitude is not None and place.longitude is not None
    assert lookup("Qwzxyplace") is None


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
    assert find_places(text) == []


def test_common_word_town_counts_with_a_following_state() -> None:
    assert [(p.name, p.admin1_code) for p in find_places("A crash in Mobile, Ala., killed two.")] == [("Mobile", "AL")]


def test_town_missing_from_the_gazetteer_is_placed_by_its_ap_state() -> None:
    (town,) = find_places("Deputies in Tinyville Junction, Miss., said two died.")
    assert (town.name, town.kind, town.country_code, town.admin1_code, town.population) == (
        "Tinyville Junction", "city", "US", "MS", 0,
    )  # fmt: skip
    assert town.latitude is not None
    # Not without the dotted abbreviation, nor for an English word before it.
    text = "He said Tinyville Junction, Ms Smith and the State Police, Ind., agreed."
    assert [p.name for p in find_places(text)] == ["Ind."]


def test_town_names_inside_longer_names_are_skipped() -> None:
    # A title before the name, a street after it.
    assert find_places("Officer Tyler Brown and Sergeant Aurora Diaz were on Houston Street.") == []


def test_all_caps_text_only_takes_well_known_places() -> None:
    text = "TROOPS CLASHED WITH REBELS NEAR BOGOTA AND IN COLOMBIA'S ANTIOQUIA, POLICE SAID. US OFFICIALS AGREED."
    assert named(text) == [("BOGOTA", "CO", "city"), ("COLOMBIA", "CO", "country"), ("ANTIOQUIA", "CO", "admin1")]


def test_hard_wrapped_caps_names_and_city_of_introducer() -> None:
    text = "GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES, NOT FAR FROM SAN\nSALVADOR."
    assert named(text, country_hint="GT") == [("FLORES", "GT", "city"), ("SAN\nSALVADOR", "SV", "city")]


def test_non_breaking_spaces_and_curly_quotes() -> None:
    text = "“We fled Guatemala\u00a0City,” she said of Colombia\u2019s border."
    assert [(p.name, p.country_code) for p in find_places(text)] == [
        ("Guatemala\u00a0City", "GT"), ("Colombia", "CO"),
    ]  # fmt: skip


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


def test_country_hint_keeps_small_foreign_towns_named_like_people_out() -> None:
    text = "Rodriguez was wounded in Bogota, and George fled to Madrid."
    # Towns called Rodriguez (Philippines) and George (South Africa) exist; the
    # hint is what tells the people apart from them.
    assert [p.name for p in find_places(text)] == ["Rodriguez", "Bogota", "George", "Madrid"]
    assert [p.name for p in find_places(text, country_hint="CO")] == ["Bogota", "Madrid"]


def test_country_hint_prefers_the_hinted_country_for_an_ambiguous_name() -> None:
    assert [p.country_code for p in find_places("A bomb exploded in La Libertad.", country_hint="SV")] == ["SV"]
    assert [p.country_code for p in find_places("A bomb exploded in La Libertad.", country_hint="GT")] == ["GT"]


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
    place = lookup(name)
    assert (place.name, place.country_code, place.kind) == (name, country, kind)


def test_town_names_used_as_given_names_are_skipped() -> None:
    # Towns called Kimberly (Wisconsin) and Jordan the country; the surname gives them away.
    text = "Kimberly Veklerov and Jordan Hlavaty reported from Houston Police headquarters."
    assert [p.name for p in find_places(text)] == ["Houston"]


def test_huge_cities_named_like_english_words_still_count() -> None:
    assert [p.country_code for p in find_places("Clashes were reported in Shanghai and Queens.")] == ["CN", "US"]


def test_the_text_itself_implies_the_country_for_ambiguous_towns() -> None:
    text = "Deputies in Texas said the Hamilton shooting left two dead, Texas police added."
    assert [(p.name, p.country_code) for p in find_places(text)] == [
        ("Texas", "US"), ("Hamilton", "US"), ("Texas", "US"),
    ]  # fmt: skip
    dated = "CHICAGO — Metro police said a man from Windsor was shot."
    assert [(p.name, p.country_code) for p in find_places(dated)] == [("CHICAGO", "US"), ("Windsor", "US")]


def test_a_big_city_says_the_country_and_a_dateline_is_read_there() -> None:
    story = ("CHATHAM — A 7-year-old girl was wounded in a shooting on Monday, police said. Chicago police said "
             "the girl was on a porch. It was the third shooting in Chicago this week, and the second in Chatham.")
    assert document_country(story) == "US"
    assert dateline(story, "US").country_code == "US"
    assert dateline(story).country_code == "GB"  # without the story's context: the largest Chatham


def test_the_gazetteer_is_built_once_then_read_from_the_users_cache(tmp_path, monkeypatch):
    from casualty_events.transforms.casualties import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    places._gazetteer.cache_clear()
    (tmp_path / "casualty-events").mkdir()
    (tmp_path / "casualty-events" / "gazetteer-of-an-older-version.pickle").write_bytes(b"old")
    try:
        built = places._gazetteer()
        [cached] = (tmp_path / "casualty-events").glob("gazetteer-*.pickle")  # the older one is gone
        places._gazetteer.cache_clear()
        assert places._gazetteer() == built  # read back from the file
        cached.write_bytes(b"not a pickle")  # a damaged cache is built again, not trusted
        places._gazetteer.cache_clear()
        assert places._gazetteer() == built
        assert cached.read_bytes()[:1] == b"\x80"  # pickle protocol header: rewritten whole
    finally:
        places._gazetteer.cache_clear()
