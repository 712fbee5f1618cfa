"""Lists of victims: summed as one figure, and broken down into their groups (parts, never added again) when they
name kinds of victims; descriptions by age, sex or kin stay one group."""
from __future__ import annotations

import pytest

from tests.extractor_fixture import PUBLISHED, counts, extractor  # noqa: F401 (a fixture)


def _facts(mentions):
    """(count, victims, the count of its total or None) of each mention."""
    by_fact = {m.fact: m.count for m in mentions}
    return {(m.count, m.victims, by_fact.get(m.part_of)) for m in mentions}


def test_a_list_of_groups_is_summed_and_each_group_is_a_part_of_the_sum(extractor):  # noqa: F811
    mentions = extractor.extract("Four rebels, three civilians and a policeman were killed in the clash.", PUBLISHED)
    assert _facts(mentions) == {(8, "Four rebels, three civilians and a policeman", None), (4, "Four rebels", 8),
                                (3, "three civilians", 8), (1, "a policeman", 8)}


def test_a_named_member_and_a_group_with_its_own_of_phrase(extractor):  # noqa: F811
    mentions = extractor.extract("The judge and two of her bodyguards were assassinated in Medellin.", PUBLISHED)
    assert _facts(mentions) == {(3, "The judge and two of her bodyguards", None), (1, "The judge", 3),
                                (2, "two of her bodyguards", 3)}


@pytest.mark.parametrize("sentence, total", [
    ("A 2-year-old girl and four other people were wounded in the shooting.", 5),
    ("Three men from Tarboro and a man from Pinetops were wounded.", 4),
])
def test_victims_described_by_age_sex_or_kin_are_one_group(extractor, sentence, total):  # noqa: F811
    assert [m.count for m in extractor.extract(sentence, PUBLISHED)] == [total]


@pytest.mark.parametrize("sentence, total, victims", [
    ("His son, John, and a friend, Mary, were shot.", 2, "His son, John, and a friend"),
    ("Her brother, 8-year-old Sam Ortiz, and a neighbour, Ana Ruiz, were wounded.", 2,
     "Her brother, 8-year-old Sam Ortiz, and a neighbour"),
    ("Two brothers, Tom Lee and Sam Lee, were wounded.", 2, "Two brothers"),  # the names are the two, not more
])
def test_a_person_named_beside_a_list_member_is_that_member(extractor, sentence, total, victims):  # noqa: F811
    assert [(m.count, m.victims) for m in extractor.extract(sentence, PUBLISHED) if m.part_of is None] == [
        (total, victims)]


@pytest.mark.parametrize("sentence, total, parts", [
    ("Two soldiers were killed along with three civilians.", 5, [("Two soldiers", 2), ("three civilians", 3)]),
    ("The pilot died together with his son.", 2, [("The pilot", 1), ("his son", 1)]),
    ("A woman was wounded along with her two children.", 3, [("A woman", 1), ("her two children", 2)]),
    ("Two soldiers were killed, along with his wife, Mary, and a friend.", 4,
     [("Two soldiers", 2), ("his wife", 1), ("a friend", 1)]),  # the friend hangs on the wife's name
    ("Soldiers killed six priests, a maid and her daughter on Thursday.", 8,
     [("six priests", 6), ("a maid", 1), ("her daughter", 1)]),  # the maid read as the priests' apposition
    ("Three of her children were killed, along with her niece, Tina Shelton, 37, and a close family friend, "
     "Shada Mahone, 26.", 5, [("Three of her children", 3), ("her niece", 1), ("a close family friend", 1)]),
    ("Police found the bodies of Russell Smith, his wife, Shawna Smith, and their two children.", 4,
     [("Russell Smith", 1), ("his wife", 1), ("their two children", 2)]),  # the wife read as the name's apposition
])
def test_those_harmed_along_with_the_victims_are_victims_too(extractor, sentence, total, parts):  # noqa: F811
    mentions = extractor.extract(sentence, PUBLISHED)
    [whole] = [m for m in mentions if m.part_of is None]
    assert whole.count == total
    assert sorted((m.victims, m.count) for m in mentions if m.part_of == whole.fact) == sorted(parts)
    assert extractor.extract("The man was shot with a rifle.", PUBLISHED)[0].count == 1  # "with" a thing: no one
    assert [m.count for m in extractor.extract("John Smith, his brother, was killed Sunday.", PUBLISHED)] == [1]


def test_incidents_a_figure_includes_are_no_group_of_its_victims(extractor):  # noqa: F811
    sentence = "Forty people were shot over the weekend, including three attacks that each left four or more wounded."
    assert all("attacks" not in (m.victims or "") for m in extractor.extract(sentence, PUBLISHED))
    assert 40 in {m.count for m in extractor.extract(sentence, PUBLISHED)}


def test_a_breakdown_of_people_is_no_addition_and_a_list_after_another_noun_is(extractor):  # noqa: F811
    totals = [m for m in extractor.extract("Six people, three men and three women, were killed.", PUBLISHED)
              if m.part_of is None]
    assert counts(totals) == {("killed", 6, None, "exact")}
    parts_adding_up = extractor.extract("Four soldiers, three rebels and a policeman died.", PUBLISHED)
    assert max(m.count for m in parts_adding_up) == 8  # three and one make four by chance: still other groups
    listed = extractor.extract("Two men and two women were killed.", PUBLISHED)
    assert counts(listed) == {("killed", 4, None, "exact")}  # joined by "and", not a breakdown after a comma


def test_parts_stay_out_of_events():
    from casualty_events.transforms.casualties.lexicon import en
    from casualty_events.transforms.events.reports import facts_of
    rows = [{"article_id": "a", "fact_id": "a/f0", "part_of": None, "outcome": "killed", "count": 8, "scope": "incident",
             "date_precision": "day", "event_date": "2024-03-11", "evidence": "e", "char_start": 0},
            {"article_id": "a", "fact_id": "a/f1", "part_of": "a/f0", "outcome": "killed", "count": 4, "scope": "incident",
             "date_precision": "day", "event_date": "2024-03-11", "evidence": "e", "char_start": 0}]
    assert [f.count for f in facts_of(rows, en)] == [8]


@pytest.mark.parametrize("sentence, expected", [
    ("A shootout left one person dead and three more injured.", {("killed", 1, None, "exact"), ("injured", 3, None, "exact")}),
    ("The blast left two dead and 14 more wounded.", {("killed", 2, None, "exact"), ("injured", 14, None, "exact")}),
    ("Three men walked into a gas station with gunshot wounds on Saturday night.", {("injured", 3, None, "exact")}),
])
def test_more_of_the_wounded(extractor, sentence, expected):  # noqa: F811
    assert counts(extractor.extract(sentence, PUBLISHED)) == expected


@pytest.mark.parametrize("sentence, parts", [
    ("Ten people, including three children, were wounded at the block party.", {(3, "three children", 10)}),
    ("Nine peasants were killed and three wounded, including a 17-year-old.", {(1, "a 17-year-old", 3)}),
    ("They mourned the killing of six of their members, including the rector Ignacio Ellacuria and two women.",
     {(2, "two women", 6)}),  # the rector is named: one of the names the figure is told with, no group of it
    ("Twelve fighters were killed in Syria, including the field commander Ismail Nayaf Hellawa.", set()),
    ("Over the past ten years many priests have been killed, including an archbishop.", {(1, "an archbishop", 10)}),
])
def test_the_groups_a_figure_includes_are_its_parts(extractor, sentence, parts):  # noqa: F811
    assert {fact for fact in _facts(extractor.extract(sentence, PUBLISHED)) if fact[2] is not None} == parts


def test_a_breakdown_by_sex_age_or_nationality_is_told_as_parts(extractor):  # noqa: F811
    mentions = extractor.extract("Gunmen killed three reporters, two Salvadorans and a Mexican, near the border.", PUBLISHED)
    assert _facts(mentions) == {(3, "three reporters, two Salvadorans and a Mexican", None),
                                (2, "two Salvadorans", 3), (1, "a Mexican", 3)}
    mentions = extractor.extract("Police are investigating the murders of three reporters, two Salvadorans and a Dutchman.",
                                 PUBLISHED)  # a nationality of one person, not summed as another group (6)
    assert _facts(mentions) == {(3, "three reporters, two Salvadorans and a Dutchman", None),
                                (2, "two Salvadorans", 3), (1, "a Dutchman", 3)}
    mentions = extractor.extract("HE SAID AN INVESTIGATION WILL BE CONDUCTED INTO THE MURDERS OF THREE REPORTERS, TWO "
                                 "SALVADORANS AND A NETHERLANDER.", PUBLISHED)
    assert _facts(mentions) == {(3, "THREE REPORTERS, TWO SALVADORANS AND A NETHERLANDER", None),
                                (2, "TWO SALVADORANS", 3), (1, "A NETHERLANDER", 3)}
    mentions = extractor.extract("Six people, three men and three women, were killed.", PUBLISHED)
    assert _facts(mentions) == {(6, "Six people, three men and three women", None), (3, "three men", 6),
                                (3, "three women", 6)}


@pytest.mark.parametrize("sentence, expected", [
    ("Nine children were among the dead.", {(9, "Nine children", None)}),
    ("Among the injured were three police officers.", {(3, "three police officers", None)}),
    ("The dead included four children.", {(4, "four children", None)}),
    ("Five people were killed. Among the dead were two children.", {(5, "Five people", None), (2, "two children", 5)}),
    ("The blast killed 12 people; of the dead, five were soldiers.", {(12, "12 people", None), (5, "five", 12)}),
])
def test_some_of_the_dead_are_a_part_of_them(extractor, sentence, expected):  # noqa: F811
    assert _facts(extractor.extract(sentence, PUBLISHED)) == expected
