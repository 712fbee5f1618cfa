"""Rule-based sentence splitting with exact offsets, and the same-length parser copy."""
import pytest

from casualty_events.transforms.casualties.lexicon import en
from casualty_events.transforms.casualties.sentences import is_mostly_upper, parser_copy, split_sentences


def test_sentences_keep_their_offsets() -> None:
    text = "Gen. Ali Reza spoke at 8 p.m. Monday.  Two U.S. soldiers died. Was it planned?\n\nNo."
    sentences = split_sentences(text, en)
    assert [s.text for s in sentences] == [
        "Gen. Ali Reza spoke at 8 p.m. Monday.", "Two U.S. soldiers died.", "Was it planned?", "No.",
    ]  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_sentence_ends_where_a_page_lost_the_space_after_it() -> None:
    text = "One man is dead and three others hospitalized.It happened at 2 a.m. on Main St.Police say a man died."
    assert [s.text for s in split_sentences(text, en)] == [
        "One man is dead and three others hospitalized.", "It happened at 2 a.m. on Main St.Police say a man died."]
    assert len(split_sentences("No details were available.A man was fatally wounded.", en)) == 2


def test_headline_lines_end_sentences_but_wrapped_newswire_lines_do_not() -> None:
    web = "Two Dead After Crash\nPolice said two drivers died on Route 9."
    assert [s.text for s in split_sentences(web, en)] == ["Two Dead After Crash", "Police said two drivers died on Route 9."]
    wire = (
        "   QUITO, 3 MAR 90 (EFE) -- [TEXT] A BOMB EXPLODED TODAY IN FRONT OF THE\n"
        "HEADQUARTERS OF A POLITICAL PARTY IN THE CENTER OF THE CAPITAL, KILLING\n"
        "TWO PASSERSBY AND WOUNDING FIVE OTHERS, ACCORDING TO THE POLICE REPORT\n"
        "ISSUED TONIGHT.  THE POLICE HAVE NOT YET IDENTIFIED THE ATTACKERS.\n"
    )
    first, second = split_sentences(wire, en)
    assert first.text.endswith("ISSUED TONIGHT.") and second.text.startswith("THE POLICE")


def test_parser_copy_has_the_same_length_and_no_shouting() -> None:
    for text in ("TWO SOLDIERS WERE KILLED IN İZMIR.", "“Three\u00a0Dead In Blast”", "A calm day."):
        copy = parser_copy(text)
        assert len(copy) == len(text)
    assert parser_copy("TWO SOLDIERS WERE KILLED.") == "Two soldiers were killed."
    assert parser_copy("“Three\u00a0Dead In Blast”") == '"Three dead in blast"'
    assert parser_copy("A calm day.") == "A calm day."


def test_parser_copy_blanks_a_dateline() -> None:
    text = "RICHMOND, Ind. (March 14, 2024) – Two men were wounded."
    copy = parser_copy(text)
    assert copy.strip() == "Two men were wounded." and len(copy) == len(text)
    assert parser_copy("Police said two died.") == "Police said two died."
    text = "SANTO DOMINGO (DOMINICAN REPUBLIC), 8 SEP 89 (EFE) -- [TEXT] ROBERTO ROJAS HAS DIED."
    assert parser_copy(text).strip() == "Roberto rojas has died."
    text = "TWENTY-EIGHT POLICEMEN HAVE BEEN KILLED IN THIS CITY."
    assert parser_copy(text) == "Twenty-eight policemen have been killed in this city."  # a hyphen is no dash


def test_parser_copy_writes_nationalities_capitalised() -> None:
    assert parser_copy("TWO SALVADORANS AND A COSTA RICAN WERE KILLED.") == "Two Salvadorans and a Costa Rican were killed."


def test_candidate_filter_keeps_outcome_words_and_skips_look_alikes() -> None:
    from casualty_events.transforms.casualties.outcomes import is_candidate

    for text in ("He was stabbed.", "Two were shot.", "Nine died.", "The death toll rose.", "Four bodies were found."):
        assert is_candidate(text, en), text
    for text in ("He is in stable condition.", "The executive resigned.", "The deadline passed.",
                 "Homicide detectives arrived.", "A shotgun was seized.", "Somebody called.",
                 "1:12 For second straight week, searchers looking for Jessica Runions find a man's body",  # a playlist
                 "Related Coverage 3-year-old child shot and killed", "READ MORE | 2 dead, 3-year-old wounded",
                 "RELATED: Police arrest 4th suspect in girl's death"):  # links to other stories
        assert not is_candidate(text, en), text
    assert is_candidate("5:30 A.M. Two men were shot outside a bar.", en)  # an hour, not a video's length


@pytest.mark.parametrize(("text", "expected"), [
    # a date and an hour that open a sentence are part of it: the sentence goes on after "p.m."
    ("On May 28, 2016, at approximately 1:30 p.m. Captain David Kitchens was advised of a shooting. It was bad.",
     ["On May 28, 2016, at approximately 1:30 p.m. Captain David Kitchens was advised of a shooting.", "It was bad."]),
    ("At 3 a.m. Officers found him dead.", ["At 3 a.m. Officers found him dead."]),
    # after a clause, "p.m." ends its sentence
    ("The shooting happened at 1:30 p.m. Police said two men were hurt.",
     ["The shooting happened at 1:30 p.m.", "Police said two men were hurt."]),
])
def test_an_hour_ends_a_sentence_only_after_a_clause(text, expected):
    assert [s.text for s in split_sentences(text, en)] == expected


def test_a_title_run_into_the_next_sentence_ends_it() -> None:
    title = "Baby, man killed in south Minneapolis shooting"
    text = f"News {title} An eight-month-old baby and a man were shot. {title}."
    assert [s.text for s in split_sentences(text, en, title)] == [
        f"News {title}", "An eight-month-old baby and a man were shot.", f"{title}."]
    assert len(split_sentences(text, en)) == 2  # without the title, nothing says where it ends


@pytest.mark.parametrize("text", [
    "", "123 -- 45", "SAN SALVADOR, 18 FEB 90 (DPA) -- SIX SOLDIERS WERE KILLED", "Seven fighters were killed",
    "ÉCOLE ÉTÉ À PARIS", "école été à paris", "MEDELLÍN, COLOMBIA: ÜBER 20 TOTE", "Straße “Dar’a” ǅ ﬁ ß İı ª",
    "ABCDEFGH ij", "ABCDEFGHI j",  # eight capitals of ten letters is not "more than 80%"; nine is
])
def test_mostly_upper_counts_the_letters_of_every_script(text) -> None:
    letters = [character for character in text if character.isalpha()]
    expected = bool(letters) and sum(character.isupper() for character in letters) > 0.8 * len(letters)
    assert is_mostly_upper(text) == expected
