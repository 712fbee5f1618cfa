"""Numbers and outcome words that state no casualties (GUIDELINES "Not a mention")."""
import pytest

from tests.extractor_fixture import PUBLISHED
from casualty_events.transforms.casualties.extractor import CasualtyExtractor


@pytest.mark.parametrize(
    "text",
    [
        "The army deployed about 9,000 troops to the border region.",
        "Soldiers from Brigade 65 and Battalion 258 were sent to the front.",
        "Warplanes carried out 180 airstrikes on Saturday.",
        "The storm hit the city in the morning, striking the coast in the afternoon.",
        "A 16-year-old was arrested. Jones, 34, was charged with murder.",
        "In 2015 the town had 2,000 residents.",
        "The robbers took $5,000 and fled at 9:45 p.m.",
        "The shooting happened in the 3500 block of Elm Street; call 555-123-4567 with tips.",
        "No one was hurt in the fire.",
        "Nobody was killed and there were no injuries.",
        "The soldiers were not injured.",
        "The new missiles could kill thousands of people.",
        "The group threatened to kill 20 hostages.",
        "Officials fear the death toll will rise.",
        "Iranian troops killed in the fighting were buried on Friday.",
        "Two gunmen shot at each other across the street.",
        "The convoy was shot at near the border; two officers were shot at but not hit.",
        "Police executed 44 search warrants across the county.",
        "He received death threats and bought body armor.",
        "The panel is an advisory body of the regional government.",
        "The old trick loses its luster after a while.",
        "The striker was hit in the face by a defender late in the game.",
        "The blackout will stop dialysis machines, potentially leading to the deaths of many patients.",
        "The death toll could reach 100.",
        "Officials denied that 20 people had been killed.",
        "The army rejected claims that 30 civilians were killed in the raid.",
        "The attack could cause the deaths of thousands of people.",  # what it would bring about
        "He was charged with attempted murder of two deputies.",  # an attempt: nobody died
        "\u201cA piece of me was killed that day.\u201d",  # a figure of speech
    ],
)
def test_no_mention(extractor: CasualtyExtractor, text: str) -> None:
    assert extractor.extract(text, PUBLISHED) == []


@pytest.mark.parametrize("sentence", [
    "The daughter of the ambassador was almost killed.",  # a near miss: nobody died
    "He was nearly killed when the shell hit the car.",
    "Smith shot 12 of 15 from the field.",  # shots, not people
    "The commander ordered the soldiers to ensure that at least two are killed.",  # an order, not a fact
    "I don't want to wake up tomorrow and hear another child is dead.",
])
def test_what_did_not_happen_to_anyone_is_no_mention(extractor, sentence):
    assert extractor.extract(sentence, PUBLISHED) == []


def test_a_near_miss_does_not_touch_the_figure_it_qualifies(extractor):
    assert [(m.count, m.count_qualifier) for m in extractor.extract("Nearly 40 people were killed.", PUBLISHED)] == [
        (40, "approx")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police will investigate the deaths of five people.", {("killed", 5, "incident")}),
    ("The government would not investigate the deaths of five people.", {("killed", 5, "incident")}),
    ("An inquiry will be conducted into the murders of three reporters.", {("killed", 3, "incident")}),
])
def test_deaths_told_as_what_another_act_is_about_happened(extractor, sentence, expected):
    """A definite outcome noun as another verb's object is presupposed, whatever that verb's mood; "murders" of
    named victims are one incident's, not a tally of incidents."""
    assert {(m.outcome, m.count, m.scope) for m in extractor.extract(sentence, PUBLISHED)} == expected

