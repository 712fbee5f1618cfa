"""Where a casualty clause happened, read in its text's context: the part of the city the story is from, never
where the victims live, where a statement was made, a street or building's name, or a person's name."""
import pytest

from tests.extractor_fixture import PUBLISHED
from casualty_events.transforms.casualties.extractor import CasualtyExtractor
from casualty_events.transforms.casualties.grounding import _without_possessives


def place(extractor: CasualtyExtractor, text: str, title: str | None = None) -> tuple:
    (m,) = extractor.extract(text, PUBLISHED, title)
    return m.location, m.country_code, m.admin1_code


def test_a_named_part_of_a_city_is_said_with_its_city(extractor: CasualtyExtractor) -> None:
    text = "PHILADELPHIA (AP) — Police say two men were shot in the Kensington section of Philadelphia on Monday."
    assert place(extractor, text) == ("Philadelphia (Kensington)", "US", "US-PA")
    text = "CHICAGO — A boy was killed in a shooting on Monday night in the West Side Austin neighborhood."
    assert place(extractor, text) == ("Chicago (Austin)", "US", "US-IL")  # not Austin, Texas


def test_a_small_town_inside_the_story_city_is_one_of_its_parts(extractor: CasualtyExtractor) -> None:
    (m,) = extractor.extract("CHICAGO — A 7-year-old girl was wounded in a shooting in Chatham on Monday.", PUBLISHED)
    assert (m.location, m.country_code, m.admin1_code) == ("Chicago (Chatham)", "US", "US-IL")
    assert abs(m.latitude - 41.74) < 0.05  # Chatham's own point, on Chicago's South Side
    text = "PHILADELPHIA — A 2-year-old boy was shot by his cousin in Kensington on Thanksgiving Day."
    assert place(extractor, text) == ("Philadelphia (Kensington)", "US", "US-PA")  # no Kensington, Md.


def test_a_town_outside_the_story_city_stays_itself(extractor: CasualtyExtractor) -> None:
    text = "CHICAGO — Two people were killed in a shooting in Gary, Ind., on Sunday, police said."
    assert place(extractor, text) == ("Gary", "US", "US-IN")


def test_where_victims_live_is_not_where_they_were_hurt(extractor: CasualtyExtractor) -> None:
    text = "ROCKY MOUNT, N.C. — Three 28-year-old men from Tarboro were wounded in the shooting on Saturday."
    assert place(extractor, text)[0] == "ROCKY MOUNT"


def test_where_a_statement_was_broadcast_from_is_not_the_place(extractor: CasualtyExtractor) -> None:
    text = "The rebel radio, broadcasting from Tegucigalpa, said five soldiers were killed on Sunday."
    assert place(extractor, text)[0] != "Tegucigalpa"


def test_where_a_group_has_its_seat_is_not_the_place(extractor: CasualtyExtractor) -> None:
    text = ("GUATEMALA CITY — The rebel bulletin, whose main offices are in Mexico, says a guerrilla column attacked "
            "the farm. A civilian passing by was killed in the attack.")
    (m,) = extractor.extract(text, PUBLISHED)
    assert m.country_code == "GT"


def test_where_the_hurt_were_treated_is_not_where_they_were_hurt(extractor: CasualtyExtractor) -> None:
    text = ("HOUSTON — A 15-year-old girl was shot in the shoulder at a party on Saturday and taken to a hospital in "
            "The Woodlands.")
    assert place(extractor, text)[0] == "HOUSTON"


def test_streets_and_buildings_named_after_places_are_not_places(extractor: CasualtyExtractor) -> None:
    text = ("SAVANNAH, Ga. — A 17-year-old was shot dead in the 900 block of Pennsylvania Avenue on Thursday and "
            "taken to Memorial Hospital.")
    assert place(extractor, text)[:2] == ("SAVANNAH", "US")
    text = "GARLAND, Texas — A teen was shot dead on Thursday on the George Bush Freeway near Rowlett High School."
    assert place(extractor, text)[0] == "GARLAND"


def test_a_same_name_place_is_read_in_the_state_of_the_dateline(extractor: CasualtyExtractor) -> None:
    # "Bridgeport" is a Connecticut city without a dateline, the Chicago neighbourhood under one
    text = "A 16-year-old boy was killed in Bridgeport on Friday, police said."
    assert place(extractor, text)[2] == "US-CT"
    assert place(extractor, "CHICAGO — " + text) == ("Chicago (Bridgeport)", "US", "US-IL")
    # a small town of another state is no place of an Oakland story: a part of the city the gazetteer lacks
    text = "OAKLAND — A 15-year-old boy was shot Tuesday in the Fruitvale district, police said."
    assert place(extractor, text) == ("OAKLAND", "US", "US-CA")


def test_a_name_that_speaks_or_is_titled_is_a_person(extractor: CasualtyExtractor) -> None:
    text = ("FULLER PARK — A woman was killed in a shooting on Monday, according to Officer Jose Estrada, a "
            "Chicago police spokesman. Two men were wounded at the scene, Estrada said.")
    locations = {m.location for m in extractor.extract(text, PUBLISHED)}
    assert "Estrada" not in locations


def test_a_compound_of_two_places_names_an_agency(extractor: CasualtyExtractor) -> None:
    text = "SAVANNAH, Ga. — Savannah-Chatham police said a 16-year-old was killed on Monday."
    assert place(extractor, text)[0] == "SAVANNAH"


def test_the_title_says_which_birmingham(extractor: CasualtyExtractor) -> None:
    text = "Birmingham police said a 13-year-old was shot in the leg on Thursday. Birmingham police are investigating."
    title = "Juvenile shot - WBRC FOX6 - Birmingham, AL"
    assert place(extractor, text, title) == ("Birmingham", "US", "US-AL")


def test_an_age_after_a_dateline_is_a_victim(extractor: CasualtyExtractor) -> None:
    # With the dateline blanked, the parser reads the article "A" as the subject of "killed".
    for age in range(10, 40):
        (m,) = extractor.extract(f"CLIFTON, Colo. — A {age}-year-old was killed on Sunday.", PUBLISHED)
        assert (m.outcome, m.count, m.victims) == ("killed", 1, f"A {age}-year-old")


def test_the_most_precise_place_of_the_sentence_that_set_the_scene(extractor: CasualtyExtractor) -> None:
    text = ("The clash took place after troops attacked the hamlet of Las Flores, in Chalatenango department, in "
            "northern El Salvador. An army officer was killed in the clash.")
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.location, m.country_code) == ("Chalatenango department", "SV")


def test_a_place_before_a_persons_office_is_whose_office_not_where(extractor: CasualtyExtractor) -> None:
    text = "MEDELLIN, Colombia — Gunmen killed the Antioquia governor on Friday."
    assert place(extractor, text)[0] == "MEDELLIN"


def test_a_country_named_for_its_aid_is_not_where(extractor: CasualtyExtractor) -> None:
    text = "SAN SALVADOR — Six Jesuits were murdered on Thursday, and U.S. economic aid is now at stake."
    assert place(extractor, text)[:2] == ("SAN SALVADOR", "SV")


def test_with_no_place_named_the_country_the_text_is_about(extractor: CasualtyExtractor) -> None:
    # Neither the body nor the title names a place; the site's country says which country.
    found = extractor.extract("A man was shot dead on Friday, police said.", PUBLISHED, "Man shot dead - WGN News",
                              site_country="US")
    assert {(m.location, m.country_code, m.place_precision, m.latitude) for m in found} == {(None, "US", "country", None)}


def test_with_no_place_in_the_text_the_place_its_title_names(extractor: CasualtyExtractor) -> None:
    text = "Metro police are searching for gunmen. Two teens, ages 16 and 17, were struck."
    title = "Search ongoing for gunmen who shot teens at East Nashville center - WMC Action News 5 - Memphis, Tennessee"
    assert place(extractor, text, title) == ("Nashville", "US", "US-TN")  # the headline's place, not the station's
    title = "Man shoots at father, hits son - WMC Action News 5 - Memphis, Tennessee"
    assert place(extractor, text, title) == ("Memphis", "US", "US-TN")  # else the local station's town


def test_a_dateline_of_a_citys_part_is_said_with_the_city(extractor: CasualtyExtractor) -> None:
    text = ("CHATHAM — A 7-year-old girl was wounded in a shooting on Monday, said Officer Ann Lee, a Chicago "
            "police spokeswoman. It was the third shooting in Chicago this week.")
    assert place(extractor, text) == ("Chicago (Chatham)", "US", "US-IL")


def test_a_towns_own_police_name_the_town_however_ordinary_the_word(extractor: CasualtyExtractor) -> None:
    # "garland" and "fairbanks" are English words; their police make them towns
    (m,) = extractor.extract("Garland police said a teen was shot dead on Thursday.", PUBLISHED)
    assert (m.location, m.country_code, m.admin1_code) == ("Garland", "US", "US-TX")
    text = "Fairbanks police are investigating a shooting at a hotel that left two people dead on Saturday."
    assert place(extractor, text) == ("Fairbanks", "US", "US-AK")


def test_names_after_an_age_are_people(extractor: CasualtyExtractor) -> None:
    text = ("Police named the dead: 54-year-old Linda Hutton and 22-year-old Emily McDonald. Two people were killed "
            "on Saturday, McDonald's mother said.")
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}


def test_names_a_title_gives_people_are_no_places_unless_it_shouts(extractor: CasualtyExtractor) -> None:
    text = "Three suspects were charged with capital murder in Garza's death."
    title = "Trio indicted in 5-year-old Ana Garza's murder"
    assert {m.location for m in extractor.extract(text, PUBLISHED, title=title)} == {None}  # not Garza, Arkansas
    text = "A 16-year-old girl died after she was accidentally shot in the chest at a home in Victorville."
    title = "Detectives: Victorville Girl, 16, Killed After Accidentally Being Shot in Chest"
    assert {m.location for m in extractor.extract(text, PUBLISHED, title=title)} == {"Victorville"}


def test_a_place_said_of_a_person_is_not_where(extractor: CasualtyExtractor) -> None:
    text = "A 69-year-old Vietnam veteran and a construction worker were shot. Both men died in Santa Ana, California."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} <= {"Santa Ana", None}
    (texan,) = extractor.extract("A Texas native was killed on Friday.", PUBLISHED)
    assert texan.location is None
    text = "A woman was shot dead on Thursday. Derrick Williams, 31 of Kansas City, KS, has been charged with murder."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}  # the age's comma left out


def test_names_put_beside_a_word_for_people_are_no_places(extractor: CasualtyExtractor) -> None:
    text = "Two soldiers were killed, along with his wife, Mary, and a friend."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}  # not Mary, Turkmenistan
    text = "He shot and killed his two daughters, Madison and Brooklyn, on Thursday."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}


def test_a_sites_country_reads_a_text_that_does_not_say_its_own(extractor: CasualtyExtractor) -> None:
    text = "Two men were stabbed to death in Richmond on Friday night, police said."
    (abroad,) = extractor.extract(text, PUBLISHED)
    (at_home,) = extractor.extract(text, PUBLISHED, site_country="GB")
    assert (abroad.country_code, at_home.country_code) == ("US", "GB")  # Virginia's, then London's Richmond
    said = "RICHMOND, Va. — Two men were stabbed to death on Friday night, police said."
    assert extractor.extract(said, PUBLISHED, site_country="GB")[0].country_code == "US"  # the text says


def test_people_named_in_the_text_are_no_places_in_it(extractor: CasualtyExtractor) -> None:
    text = ("VICKSBURG, Miss. — Rafael McCloud escaped on Monday. McCloud, 34, was found dead on Thursday in the "
            "home he broke into, police said. When Vincent walked inside, he saw his daughter had been shot "
            "dead, said her father, Vincent Dobbs.")
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {"VICKSBURG"}


def test_a_name_after_block_of_is_a_street(extractor: CasualtyExtractor) -> None:
    text = "A 10-year-old boy was shot in the 15000 block of Winston on Tuesday."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}  # not Winston, Florida
    text = "A man was shot in the 3300 block of West California Avenue in Chicago on Tuesday."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {"Chicago"}


def test_a_broadcasters_call_sign_is_no_place(extractor: CasualtyExtractor) -> None:
    text = "A woman was wounded in her side on Sunday, an officer on the scene told KSLA News 12."
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}  # not Kassala, Sudan


def test_names_with_an_inner_capital_are_people(extractor: CasualtyExtractor) -> None:
    text = ("Five people were killed in a shooting on Wednesday. LaMont Powell, 24, remains in critical condition "
            "with gunshot wounds.")
    assert {m.location for m in extractor.extract(text, PUBLISHED)} == {None}  # not Lamont, California


def test_a_county_is_made_precise_by_a_town_the_next_sentence_puts_it_in(extractor: CasualtyExtractor) -> None:
    text = ("A 15-year-old was killed on Sunday in an accidental shooting in Mesa County, Colorado. He was found dead "
            "inside a home in Clifton, the sheriff said.")
    killed = [m for m in extractor.extract(text, PUBLISHED) if m.outcome == "killed"]
    assert [(m.location, m.admin1_code, m.place_precision) for m in killed] == [("Clifton", "US-CO", "town")]
    text = "A 15-year-old was killed on Sunday in Mesa County, Colorado. His family lives in Denver."
    assert place(extractor, text)[0] == "Mesa County"  # where the family lives is no refinement


def test_places_all_of_one_country_say_the_country_for_the_rest(extractor: CasualtyExtractor) -> None:
    # The Woodlands is the only place named; it says the United States, so "Spring" is Spring, Texas.
    text = ("A 15-year-old girl was wounded after being shot during a party in Spring on Saturday night. She was "
            "taken to a hospital in The Woodlands.")
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.location, m.country_code, m.admin1_code) == ("Spring", "US", "US-TX")


def test_a_county_of_a_common_name_is_made_precise_in_the_state_of_its_town(extractor: CasualtyExtractor) -> None:
    text = ("Montgomery County deputies are investigating a shooting that wounded a child on Sunday. Deputies "
            "responded to the 30700 block of Eastridge Drive in Spring, said a sheriff's lieutenant.")
    wounded = [m for m in extractor.extract(text, PUBLISHED) if m.outcome == "injured"]
    assert {(m.location, m.admin1_code) for m in wounded} == {("Spring", "US-TX")}


def test_the_neighborhood_a_text_names_is_a_part_wherever_it_is_named(extractor: CasualtyExtractor) -> None:
    # No dateline; Austin, Texas is bigger than Chicago's Austin, but the text calls Austin a neighborhood.
    text = ("Chicago police investigate the shooting. A 16-year-old boy was killed in a shooting on Monday night "
            "in the West Side Austin neighborhood. It was the third Austin shooting this month.")
    killed = [m for m in extractor.extract(text, PUBLISHED) if m.outcome == "killed"]
    assert [(m.location, m.admin1_code) for m in killed] == [("Chicago (Austin)", "US-IL")]
    # "a northeastern Aleppo neighborhood" is one of Aleppo's neighborhoods: Aleppo stays the city
    text = ("Syrian troops advanced into a key northeastern Aleppo neighborhood. Fifteen civilians were killed in "
            "eastern Aleppo on Monday, monitors said.")
    killed = [m for m in extractor.extract(text, PUBLISHED) if m.outcome == "killed"]
    assert [(m.location, m.country_code) for m in killed] == [("Aleppo", "SY")]


def test_datelines_read_in_the_country_or_state_after_them(extractor: CasualtyExtractor) -> None:
    cases = {
        "KHAN YOUNIS, Gaza — Five people were killed in an airstrike on Monday.": ("KHAN YOUNIS", "PS", "town"),
        "SAN SEBASTIAN, Spain — Two people were killed in a blast on Friday.": ("SAN SEBASTIAN", "ES", "town"),
        "CARTHAGE, N.C. — Two people were killed in a shooting on Friday.": ("CARTHAGE", "US", "town"),
        # a town too small for the gazetteer: its country's, with the country's precision
        "TINYTOWN, Peru — Two people were killed in a landslide on Friday.": ("TINYTOWN", "PE", "country"),
    }
    for text, expected in cases.items():
        (m,) = extractor.extract(text, PUBLISHED)
        assert (m.location, m.country_code, m.place_precision) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("Jihadists killed 12 soldiers near Djibo, in northern Burkina Faso, on Sunday.", ("Djibo", "BF", "town")),
    ("A car bomb killed nine people in Mosul on Tuesday, Iraqi officials said.", ("Mosul", "IQ", "town")),
    ("Taliban fighters killed five policemen in Kunduz province on Monday.", ("Kunduz province", "AF", "admin1")),
    ("Boko Haram gunmen killed 30 villagers near Maiduguri, Nigeria, on Saturday.", ("Maiduguri", "NG", "town")),
    ("Russian shelling killed four civilians in Bakhmut on Wednesday, Ukrainian officials said.",
     ("Bakhmut", "UA", "town")),
    ("The army killed 11 villagers in Lashio on Sunday.", ("Lashio", "MM", "town")),
    ("Guerrillas killed three soldiers in Ayacucho, Peru, on Friday.", ("Ayacucho", "PE", "town")),
    ("Soviet troops killed 20 rebels near Kandahar in 1985.", ("Kandahar", "AF", "town")),
    ("Gunmen killed two people in Carthage, N.C., on Sunday.", ("Carthage", "US", "town")),
    ("Syrian troops killed 20 rebels on Sunday.", (None, None, None)),  # a nationality is no place
])
def test_places_across_regions(extractor: CasualtyExtractor, text: str, expected: tuple) -> None:
    (m,) = extractor.extract(text, PUBLISHED)
    assert (m.location, m.country_code, m.place_precision) == expected


def test_a_country_in_the_possessive_says_whose_the_dead_are_not_where_they_died(extractor):
    text = ("Iran has been sending soldiers to fight in Syria for five years. \"Now the number of Iran's martyrs has "
            "exceeded 1,000,\" said the head of Iran's Foundation of Martyrs. In July, 400 of its soldiers had died on "
            "Syria's battlefields.")
    assert {(m.count, m.country_code) for m in extractor.extract(text, PUBLISHED)} == {(1000, "SY"), (400, "SY")}


def test_the_places_are_read_without_possessives_at_the_same_offsets() -> None:
    text = "Syria's and Iran\u2019S dead, O'Brien's 1990's 's 'sake"
    assert _without_possessives(text) == "Syria   and Iran   dead, O'Brien   1990's 's 'sake"


def test_a_text_ending_in_a_place_and_a_comma_is_read(extractor: CasualtyExtractor) -> None:
    """The place scan once took the end of such a text for a word and failed the whole extraction."""
    (mention,) = extractor.extract("Two people were killed in Aleppo,", published=PUBLISHED)
    assert (mention.outcome, mention.count, mention.location, mention.country_code) == ("killed", 2, "Aleppo", "SY")
