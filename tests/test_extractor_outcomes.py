"""Outcome words and counts: each phenomenon of the issue, on sentences written for these tests."""
import datetime as dt

import pytest

from tests.extractor_fixture import PUBLISHED, counts
from casualty_events.transforms.casualties.extractor import CasualtyExtractor


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Twenty-three miners were killed in the collapse.", ("killed", 23, None, "exact")),
        ("A 15-year-old girl was shot at a party on Saturday.", ("injured", 1, None, "exact")),
        ("He was shot at close range.", ("injured", 1, None, "exact")),
        ("Militants shot dead 1,200 villagers.", ("killed", 1200, None, "exact")),
        ("Between 6 and 8 passengers lost their lives when the ferry capsized.", ("killed", 6, 8, "range")),
        ("About 300 protesters were wounded in clashes with riot police.", ("injured", 300, None, "approx")),
        ("At least 40 soldiers have been killed in the province since January.", ("killed", 40, None, "at_least")),
        ("More than 1,000 people have died in the epidemic so far this year.", ("killed", 1000, None, "more_than")),
        ("Dozens of workers were hurt in the blast.", ("injured", 12, None, "vague")),
        ("Tens of thousands of people have been killed over the past three years.", ("killed", 10000, None, "vague")),
        ("A firefighter succumbed to his injuries on Sunday.", ("killed", 1, None, "exact")),
        ("Gen. Omar Haddad was martyred in an ambush.", ("killed", 1, None, "exact")),
        ("A 17-year-old boy was shot in the leg and is in stable condition.", ("injured", 1, None, "exact")),
        ("A fire in the village left a six-year-old dead.", ("killed", 1, None, "exact")),
        # a person hit in a part of the body, in the active too; "not fatally" wounded is wounded
        ("One suspect began firing, hitting the trooper in the left elbow.", ("injured", 1, None, "exact")),
        ("The gunman struck the officer in the chest.", ("injured", 1, None, "exact")),
        ("A 3-year-old child was also shot in the hand, but was not fatally wounded.", ("injured", 1, None, "exact")),
        ("Police found three men suffering from gunshot wounds.", ("injured", 3, None, "exact")),
        ("The death toll from the earthquake has risen to 312.", ("killed", 312, None, "exact")),
        ("Rescuers recovered the bodies of 14 fishermen.", ("killed", 14, None, "exact")),
        ("The ministry confirmed the deaths of 27 children.", ("killed", 27, None, "exact")),
        ("Eleven climbers remain missing after the avalanche.", ("missing", 11, None, "exact")),
        ("A dozen pilgrims were kidnapped on the highway.", ("captured", 12, None, "approx")),
        ("Several journalists were abducted last week.", ("captured", 2, None, "vague")),
        ("Seven soldiers were taken prisoner during the raid.", ("captured", 7, None, "exact")),
        ("The rebel army has lost thousands of fighters in the war.", ("killed", 1000, None, "vague")),
    ],
)
def test_outcome_and_count(extractor: CasualtyExtractor, sentence: str, expected: tuple) -> None:
    assert counts(extractor.extract(sentence, PUBLISHED)) == {expected}


def test_one_mention_per_statement_and_outcome(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Two officers were shot and killed and three others were wounded.", PUBLISHED)
    assert counts(mentions) == {("killed", 2, None, "exact"), ("injured", 3, None, "exact")}


def test_fatal_share_of_a_shooting(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Six people were shot, two of them fatally, outside the club.", PUBLISHED)
    assert counts(mentions) == {("killed", 2, None, "exact"), ("injured", 4, None, "exact")}


def test_named_people_are_counted_by_name(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Captain Lena Ortiz and Sergeant Paul Mbeki were killed in the ambush.", PUBLISHED)
    assert counts(mentions) == {("killed", 2, None, "exact")}


def test_names_listed_from_a_larger_group_are_a_lower_bound(extractor: CasualtyExtractor) -> None:
    text = "Several guards were killed, including Tomas Varga, Ilse Brandt and Karim Saleh."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 3, None, "at_least")}


def test_a_named_member_of_a_counted_group_adds_nothing(extractor: CasualtyExtractor) -> None:
    text = "The militia announced the deaths of 9 of its members, including the commander Rami Aziz."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 9, None, "exact")}


def test_a_shooting_the_document_reports_as_fatal_is_no_injury(extractor: CasualtyExtractor) -> None:
    text = "A man was shot outside a bar on Friday. He died at the hospital, police said. One man was killed."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact")}


def test_a_headline_of_the_shot_and_the_dead_counts_the_dead_among_the_shot(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Police arrived at the deli.", PUBLISHED, title="6 Shot, 1 Dead, 1 Critical In Kingsessing Shooting")
    assert counts(mentions) == {("injured", 5, None, "exact"), ("killed", 1, None, "exact")}


def test_one_victim_after_the_group_count_details_it(extractor: CasualtyExtractor) -> None:
    text = "Three women were wounded in the attack. A 40-year-old woman was shot in the arm."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 3, None, "exact")}


def test_a_group_of_the_hurt_told_again_as_dead_and_hurt_keeps_its_hurt_one(extractor: CasualtyExtractor) -> None:
    text = ("Two teenage boys were wounded in a shooting on Monday. A 16-year-old boy was killed and a 15-year-old boy "
            "wounded in a shooting Monday night.")
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 2, None, "exact"), ("killed", 1, None, "exact"),
                                                          ("injured", 1, None, "exact")}


def test_a_single_hurt_beside_other_hurt_and_a_killing_still_details_the_group(extractor: CasualtyExtractor) -> None:
    text = ("The two brothers were wounded on the first floor. The man then shot his mother, killed another woman "
            "and then shot himself.")
    assert ("injured", 1, None, "exact") not in counts(extractor.extract(text, PUBLISHED))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two people died, as did the gunman.", {("killed", 2, None, "exact"), ("killed", 1, None, "exact")}),
    ("Twelve soldiers were injured in the attack, as were some pedestrians.",
     {("injured", 12, None, "exact"), ("injured", 2, None, "vague")}),
    ("Two people died, as did police in the area.", {("killed", 2, None, "exact")}),  # police: no count
    ("He was wounded, as was reported by the police.", {("injured", 1, None, "exact")}),  # no subject of its own
])
def test_an_as_clause_tells_the_same_outcome_of_its_subject(extractor: CasualtyExtractor, sentence, expected) -> None:
    assert counts(extractor.extract(sentence, PUBLISHED)) == expected


def test_a_person_by_age_run_into_a_counted_group_is_one_more(extractor: CasualtyExtractor) -> None:
    text = "Officials say a 16-year-old and two children were shot late Saturday in Durham."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 3, None, "exact")}
    assert counts(extractor.extract("Two teenage boys were shot.", PUBLISHED)) == {("injured", 2, None, "exact")}


def test_a_headline_repeating_a_sum_of_incidents_is_no_group_the_incidents_detail(extractor: CasualtyExtractor) -> None:
    text = ("A spate of three shootings over three hours Friday night resulted in two deaths, police said. "
            "The worst shooting happened on Gratiot where five people were shot. One person died and four were critically "
            "injured outside a bar.")
    mentions = extractor.extract(text, PUBLISHED, title="Violent night leaves 2 dead in Detroit")
    assert ("killed", 1, None, "exact") in counts(mentions)  # one incident's dead, told apart from the night's sum


def test_the_wound_of_a_person_named_dead_is_no_injury_of_its_own(extractor: CasualtyExtractor) -> None:
    text = ("Angela Hernandez was shot and killed after a hike on Sunday. Hernandez was struck in the torso, the "
            "detective said.")
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact")}
    text = ("Deputies found Holoday's stepfather dead on Sunday. Stephanie Brown and Robert Holoday were also shot "
            "and wounded.")  # the stepfather is no Holoday of the hurt
    assert ("injured", 2, None, "exact") in counts(extractor.extract(text, PUBLISHED))


def test_one_of_a_group_of_the_hurt_who_died_is_counted_killed(extractor: CasualtyExtractor) -> None:
    text = "Duhart was one of five people injured in the incident on Nov. 2. Fred Duhart, 38, died early Sunday."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 4, None, "exact"), ("killed", 1, None, "exact")}


@pytest.mark.parametrize("sentence", [
    "A second man remains hospitalized in critical condition.",
    "Police said the man remained hospitalized on Monday.",
])
def test_the_subject_the_parser_hangs_on_a_passive_auxiliary_is_the_victim(extractor: CasualtyExtractor, sentence) -> None:
    assert counts(extractor.extract(sentence, PUBLISHED)) == {("injured", 1, None, "exact")}


def test_a_victim_counted_one_past_a_group_is_one_more_of_it(extractor: CasualtyExtractor) -> None:
    text = "Three men walked into a gas station with gunshot wounds as a fourth shooting victim was found nearby."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 4, None, "exact")}
    text = "A gunman shot both the teen and a second victim, an 18-year-old man who was struck in the leg."
    assert ("injured", 3, None, "exact") not in counts(extractor.extract(text, PUBLISHED))  # the second is the man
    text = "Police arrested a second person responsible for the shooting death of a 5-year-old girl."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact")}  # no victim


def test_separate_victims_of_one_statement_add_up(extractor: CasualtyExtractor) -> None:
    text = "Maria Lopez was shot in the wrist, and a 40-year-old man was also wounded."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 2, None, "exact")}


def test_victims_of_one_statement_on_other_days_are_other_incidents(extractor: CasualtyExtractor) -> None:
    text = "Police found a man shot dead on Saturday and a woman shot dead on Monday in the same street."
    mentions = extractor.extract(text, PUBLISHED)
    assert sorted((m.count, m.victims) for m in mentions) == [(1, "a man"), (1, "a woman")]
    assert len({m.event_date for m in mentions}) == 2
    text = ("SAN JOSE — Authorities have identified a woman shot to death in front of an East San Jose home over the "
            "weekend, as well as a teen who was killed in a shooting last week, according to San Jose police.")
    # both dates read as the week before a Monday, each claim dated by its own
    assert sorted(m.count for m in extractor.extract(text, dt.date(2016, 10, 24))) == [1, 1]


def test_one_group_named_twice_is_counted_once(extractor: CasualtyExtractor) -> None:
    text = "They condemned the killing of the four nurses and demanded justice for the four nurses' deaths."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 4, None, "exact")}


def test_an_enumeration_of_a_counted_group_is_no_addition(extractor: CasualtyExtractor) -> None:
    text = "Officials said five people, two men and three women, were wounded by the blast."
    mentions = extractor.extract(text, PUBLISHED)
    assert counts([m for m in mentions if m.part_of is None]) == {("injured", 5, None, "exact")}
    assert sorted(m.count for m in mentions if m.part_of is not None) == [2, 3]  # its parts


def test_people_found_dead_are_the_subject_of_dead(extractor: CasualtyExtractor) -> None:
    text = "Deputies went to the farm and found both the farmer and his son dead."
    mentions = extractor.extract(text, PUBLISHED)
    assert counts(mentions) == {("killed", 2, None, "exact")}
    assert mentions[0].victims == "both the farmer and his son"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The explosion claimed the lives of 14 workers.", {("killed", 14, None, "exact")}),
        ("The collision left one dead and three seriously injured.", {("killed", 1, None, "exact"), ("injured", 3, None, "exact")}),
        ("The blaze killed a family of five.", {("killed", 5, None, "exact")}),
        ("The kidnappers executed two hostages.", {("killed", 2, None, "exact")}),
        ("Thirty people are unaccounted for after the landslide.", {("missing", 30, None, "exact")}),
        ("The coast guard said 61 migrants were missing.", {("missing", 61, None, "exact")}),
        # a participle before its victim, which the tagger reads as an adjective in text that was upper case
        ("THE CANDIDATE WHO REPLACED THE ASSASSINATED MAYOR SPOKE ON FRIDAY.", {("killed", 1, None, "exact")}),
        ("The candidate who replaced the assassinated mayor spoke on Friday.", {("killed", 1, None, "exact")}),
        ("THE FAMILY OF THE KIDNAPPED BUSINESSMAN ASKED FOR HELP.", {("captured", 1, None, "exact")}),
        ("THE EXECUTED ORDER WAS SIGNED ON FRIDAY.", set()),
        # "both" alone is two people
        ("When the brothers came home, both were fatally shot on the porch.", {("killed", 2, None, "exact")}),
        ("Both of them were killed on Friday.", {("killed", 2, None, "exact")}),
        ("Both cars were hit by debris.", set()),
        # a subject with an agent is the passive's ("3 others grazed by gunfire"); two groups of one statement add
        # up, but a number alone after a larger group is some of it ("5 shot, 2 seriously injured")
        ("2 shot and wounded, 3 others grazed by gunfire at a party.", {("injured", 5, None, "exact")}),
        ("Five people were shot, two seriously injured, in the downtown shooting.",
         {("injured", 5, None, "exact"), ("injured", 2, None, "exact")}),
        # the subject of a clause of time is who it happened to; not of "wrote about"
        ("The boy is recovering at home after being shot in the leg.", {("injured", 1, None, "exact")}),
        ("Last week, Maxwell wrote about being shot and killed.", set()),
        # what is fired hurts whom it hits, in the active too
        ("She was about to get up for school when a bullet struck her.", {("injured", 1, None, "exact")}),
        ("A stray bullet hit a parked car.", set()),
        ("He put the gun in the child's mouth and hit another child on the head.", {("injured", 1, None, "exact")}),
        # a death told by "fatally" on any verb that may kill; a headline's passive has no auxiliary
        ("A deputy was fatally struck by a bullet from a colleague's gun.", {("killed", 1, None, "exact")}),
        ("In tragic accident, deputy fatally struck by bullet from colleague's gun, sheriff says",
         {("killed", 1, None, "exact")}),
        # a perpetrator who kills himself is a mention of his own, never added to his victims
        ("A woman killed her three children before killing herself.",
         {("killed", 3, None, "exact"), ("killed", 1, None, "exact")}),
        ("Two children shot themselves and a man shot himself.", {("injured", 3, None, "exact")}),
        # a verb and its particle
        ("Two men passed away on Sunday.", {("killed", 2, None, "exact")}),
        ("The storm passed away from the coast.", set()),
    ],
)
def test_more_ways_of_saying_it(extractor: CasualtyExtractor, sentence: str, expected: set) -> None:
    assert counts(extractor.extract(sentence, PUBLISHED)) == expected


def test_a_headline_is_one_statement_too(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("Police responded to the call.", PUBLISHED,
                                 title="2 shot and wounded, 3 others grazed by gunfire at party")
    assert counts(mentions) == {("injured", 5, None, "exact")}


def test_the_passive_subject_of_a_killing_is_a_person(extractor: CasualtyExtractor) -> None:
    text = "The mayor's driver was killed and his bodyguard was seriously wounded."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact"), ("injured", 1, None, "exact")}


def test_found_shot_and_another_injured(extractor: CasualtyExtractor) -> None:
    assert counts(extractor.extract("Officers said a teenage girl was found shot near the park.", PUBLISHED)) == {
        ("injured", 1, None, "exact")
    }
    text = "One worker is dead, and another seriously injured after the crane collapsed."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact"), ("injured", 1, None, "exact")}


def test_part_of_a_counted_group_is_the_group(extractor: CasualtyExtractor) -> None:
    text = "Five students, two of them girls, were wounded when the gunman opened fire."
    assert counts(extractor.extract(text, PUBLISHED)) == {("injured", 5, None, "exact")}
    text = "Two men were shot, one of them fatally, near the station."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact"), ("injured", 1, None, "exact")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The bomb left 67 dead and approximately 1,000 wounded.", {("killed", 67, None, "exact"), ("injured", 1000, None, "approx")}),
        ("The attack caused 15 deaths and 30 injuries.", {("killed", 15, None, "exact"), ("injured", 30, None, "exact")}),
        ("The jet exploded, killing all 107 passengers and crew.", {("killed", 107, None, "exact")}),
    ],
)
def test_conjoined_figures_of_different_outcomes_stay_apart(extractor: CasualtyExtractor, sentence: str, expected: set) -> None:
    assert counts(extractor.extract(sentence, PUBLISHED)) == expected


@pytest.mark.parametrize("sentence, count", [
    ("More than 4,230 people have been shot in Chicago this year, police said.", 4230),
    ("At least 80 people were killed in the city in November alone.", 80),
    ("In the first 11 months of 2021, 300 people died in road crashes.", 300),
    # a figure framed by several incidents sums them
    ("One man and one woman were killed in five separate shooting incidents across Philadelphia.", 2),
    ("Forty people were shot in Chicago over the weekend, including three attacks that each left four wounded.", 40),
    # what a toll leaves out is a toll's figure too
    ("More than 3,290 people have been injured in those shootings, and that does not include the 629 who died.", 629),
])
def test_a_figure_summing_a_period_is_cumulative(extractor, sentence, count):
    found = [m for m in extractor.extract(sentence, dt.date(2021, 12, 19)) if m.count == count]
    assert found and {m.scope for m in found} == {"cumulative"}


def test_an_attack_this_week_is_an_incident(extractor):
    found = extractor.extract("Two soldiers were killed in an attack this week, the army said.", dt.date(2021, 12, 19))
    assert [(m.count, m.scope) for m in found] == [(2, "incident")]
    found = extractor.extract("Two people were killed on Sunday, and that does not include the three who were wounded.",
                              dt.date(2021, 12, 19))
    assert {m.scope for m in found} == {"incident"}  # what an incident's figure leaves out is of an incident


def test_a_perpetrator_killed_is_a_mention_of_their_own_never_added_to_the_victims(extractor: CasualtyExtractor) -> None:
    mentions = extractor.extract("The gunman was killed by police after he killed three people.", PUBLISHED)
    assert sorted((m.count, m.victims) for m in mentions) == [(1, "The gunman"), (3, "three people")]


@pytest.mark.parametrize("sentence, expected", [
    ("Twelve were hospitalized, one of whom died.", {("injured", 11), ("killed", 1)}),
    ("Five people were shot, two of whom died at the hospital.", {("injured", 3), ("killed", 2)}),
    ("Six people were wounded and two of them later died.", {("injured", 4), ("killed", 2)}),
    ("Four people, three of them teens, were shot.", {("injured", 4)}),  # the three are described, not hurt again
    ("Seven victims were shot and three were deceased.", {("injured", 4), ("killed", 3)}),  # their number alone
    ("Eight people are shot and two are dead.", {("injured", 6), ("killed", 2)}),
    ("One man is dead after five people were shot outside a bar.", {("injured", 4), ("killed", 1)}),  # shot before
    ("Three people were killed and two others were shot.", {("injured", 2), ("killed", 3)}),  # other people
    ("Four are dead and ten wounded.", {("injured", 10), ("killed", 4)}),  # the wounded lived
])
def test_those_of_the_hurt_who_died_are_counted_killed_and_the_rest_injured(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("An overnight shooting has left two boys dead and sent a teenage girl to the hospital.",
     {("killed", 2), ("injured", 1)}),
    ("Two juvenile boys were sent to the hospital after an accidental shooting.", {("injured", 2)}),
    ("The crash sent four people to hospitals.", {("injured", 4)}),
    ("Police sent detectives to the hospital to interview the victim.", set()),  # no incident sent them
    ("Police seek those responsible for a drive-by shooting which sent four people to the hospital.", {("injured", 4)}),
])
def test_those_an_incident_sent_to_hospital_are_injured(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("One of the men was struck by gunfire and taken to a hospital, where he later died.",
     {("killed", 1, "One of the men")}),
    ("Police said Kennan Dawson sustained a gunshot wound and was rushed to the hospital, where he later died.",
     {("killed", 1, "Kennan Dawson")}),
    ("A woman was wounded, and police said he died.", {("injured", 1, "A woman"), ("killed", 1, "he")}),  # someone else
])
def test_the_one_hurt_who_then_died_is_one_death(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count, m.victims) for m in extractor.extract(sentence, PUBLISHED)} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("They found three people dead and transported one to the hospital.", {("killed", 3), ("injured", 1)}),
    ("Two victims were taken to a local hospital by ambulance and three others were later transported to the "
     "hospital by private vehicle.", {("injured", 5)}),
    ("The victim was taken to a hospital for treatment.", {("injured", 1)}),
    ("Police took statements from witnesses.", set()),  # taken nowhere
    ("Police transported the suspect to the county jail.", set()),
    # taken for a check, no injury
    ("The child was uninjured but was taken to a nearby hospital for observation.", set()),
    ("The suspect was taken to a hospital for a mental health evaluation.", set()),
    ("He was taken to a hospital as a precaution.", set()),
])
def test_those_carried_to_hospital_are_injured(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)} == expected


def test_one_carried_to_hospital_whom_the_document_reports_dead_is_that_death(extractor) -> None:
    text = ("A weekend shooting left a man dead. Gates was still breathing and was taken by ambulance to Baptist "
            "Memorial Hospital.")
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == {("killed", 1)}


@pytest.mark.parametrize("sentence, expected", [
    ("Manning was taken to a hospital, but did not survive, authorities said.", {("killed", 1, "Manning")}),
    ("The man didn't survive his injuries.", {("killed", 1, "The man")}),
    ("Two people survived the attack.", set()),
    ("The boy could not survive such a fall.", set()),  # modal: nothing happened
])
def test_not_surviving_is_a_death(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count, m.victims) for m in extractor.extract(sentence, PUBLISHED)} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("A 16-year-old girl died after she was accidentally shot in the chest at a home.",
     {("killed", 1, "A 16-year-old girl")}),
    ("A man died Sunday after he was stabbed.", {("killed", 1, "A man")}),
    ("A man was killed after his brother was shot.",
     {("killed", 1, "A man"), ("injured", 1, "his brother")}),  # someone else
    ("A woman died after he was shot.", {("killed", 1, "A woman"), ("injured", 1, "he")}),
])
def test_the_wound_a_death_came_after_is_the_dead_persons(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count, m.victims) for m in extractor.extract(sentence, PUBLISHED)} == expected


@pytest.mark.parametrize("text, expected", [
    # a gunshot wound, like a bare "shot", may be the death the document reports
    ("A man was killed on Sunday. Officers found Charles Ulery lying on the ground with a gunshot wound to the head.",
     {("killed", 1)}),
    ("A man was killed on Sunday. A woman suffered a gunshot wound and is in stable condition.",
     {("killed", 1), ("injured", 1)}),
    ("A man was killed on Sunday. Another man was shot in the chest.", {("killed", 1), ("injured", 1)}),
    ("Police found her suffering from a gunshot wound. She was taken to a hospital where she died from her injuries.",
     {("killed", 1)}),  # the injuries she died from are no injury of their own
])
def test_a_wound_that_may_have_been_fatal_is_the_reported_death(extractor, text, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Wounded were a 19-year-old and a minor.", ("injured", 2)),
    ("Injured were three officers.", ("injured", 3)),
])
def test_an_outcome_put_before_its_copula_takes_the_victims_after_it(extractor, sentence, expected) -> None:
    assert [(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("The shooting left two people injured.", {("injured", 2)}),
    ("The crash left two others seriously injured.", {("injured", 2)}),
    ("A man died after a shooting that left two others wounded.", {("killed", 1), ("injured", 2)}),
    ("He left the house injured.", set()),  # a house is nobody
    ("Critics said the bill would leave thousands injured.", set()),  # what would be is no casualty
])
def test_those_an_incident_left_hurt_are_injured(extractor, sentence, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)} == expected


def test_the_parts_of_a_shooting_the_document_reports_as_fatal_go_with_it(extractor) -> None:
    text = "Three people were killed on Sunday. Jennifer Laber, 36, and her two sons were each shot one time."
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == {("killed", 3)}
    text = "Two people were killed. Three people, a man and two boys, were shot."
    assert {(m.outcome, m.count, m.victims) for m in extractor.extract(text, PUBLISHED)} == {
        ("killed", 2, "Two people"), ("injured", 3, "Three people, a man and two boys"), ("injured", 1, "a man"),
        ("injured", 2, "two boys")}  # a part told with a death's count is still a part of its own total


def test_a_group_of_the_hurt_all_named_dead_is_no_injury(extractor) -> None:
    text = ("Eight-month-old Jayden Redden and 20-year-old Gustav Christianson were shot while sitting in a car. "
            "Christianson died at the scene. Jayden died at a nearby hospital.")
    assert {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)} == {("killed", 1)}


def test_a_stepfather_is_a_person(extractor) -> None:
    (m,) = extractor.extract("The suspects severely injured her stepfather.", PUBLISHED)
    assert (m.outcome, m.count, m.victims) == ("injured", 1, "her stepfather")


def test_a_second_victim_of_two_is_not_a_third(extractor) -> None:
    text = ("NOPD: Teenager one of two people injured in shooting near parade route A second victim was taken to the "
            "hospital by private conveyance, police say.")
    assert ("injured", 3) not in {(m.outcome, m.count) for m in extractor.extract(text, PUBLISHED)}


def test_an_age_of_a_conjoined_phrase_does_not_make_a_struggle_a_person(extractor) -> None:
    from casualty_events.transforms.casualties.lexicon import attach
    from casualty_events.transforms.casualties.victims import is_person_like

    doc = attach(extractor.nlp("A struggle ensued, and the 19-year-old was shot."), extractor.lexicon)
    assert not is_person_like(next(t for t in doc if t.lower_ == "struggle"), False)
    assert all(m.victims != "A struggle" for m in extractor.extract(doc.text, PUBLISHED))
    boy = next(t for t in attach(extractor.nlp("A 16-year-old boy was shot."), extractor.lexicon) if t.lower_ == "boy")
    assert is_person_like(boy, False)


def test_a_hit_the_document_reports_as_fatal_is_no_injury(extractor: CasualtyExtractor) -> None:
    text = "A 2-year-old boy was killed Tuesday. The gun discharged, hitting the boy in the head."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact")}


@pytest.mark.parametrize("text", [
    "A man was killed Sunday. His brother was shot in the leg.",
    "The driver was pronounced dead at the hospital. The passenger had shot himself in the hand.",
    "One man died in the shootout. A trooper was shot to the elbow and taken to the hospital.",
])
def test_a_shot_in_a_limb_is_an_injury_whoever_else_died(extractor: CasualtyExtractor, text: str) -> None:
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact"), ("injured", 1, None, "exact")}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The names of those involved in the six Jesuits' slaying were revealed.", {("killed", 6)}),
    ("Witnesses described the massacre of 30 villagers.", {("killed", 30)}),
    ("Four people are dead after a series of shootings that began after the slaying of a woman.",
     {("killed", 4), ("killed", 1)}),  # what led to the figure is not added to it: she may be one of the four
])
def test_nouns_of_killing(extractor: CasualtyExtractor, sentence, expected) -> None:
    assert {(m.outcome, m.count) for m in extractor.extract(sentence, PUBLISHED)} == expected


def test_a_bare_shot_of_one_the_text_reports_dead_is_still_that_death(extractor: CasualtyExtractor) -> None:
    for text in ("A man was shot Sunday. He died at the hospital.", "A man was shot in the head. He died."):
        assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 1, None, "exact")}
    text = ("A gunman shot five people in the head on Wednesday, killing three. Authorities were told the gunman shot "
            "the five, closed the apartment door, then fled.")  # "the five": the dead and the hurt told again
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 3, None, "exact"), ("injured", 2, None, "exact")}


@pytest.mark.parametrize(("text", "injured"), [
    ("Maxwell and another teenager were shot. Both were taken to the hospital where Maxwell died.", 1),
    ("Police seek the man who shot Rodriguez and her mother on Wednesday. Iris Rodriguez, 7, died Thursday.", 1),
    ("Maxwell and another teenager were shot. Terrance Maxwell, 15, died at the hospital. Police said Maxwell died "
     "of a wound to the chest.", 1),  # one person told twice
    ("Brown's sister and her husband were shot. Brown died at the scene.", 2),  # Brown owns; she is not Brown
])
def test_those_of_a_shot_group_named_as_dead_are_counted_killed_not_injured(extractor: CasualtyExtractor, text,
                                                                            injured) -> None:
    told = counts(extractor.extract(text, PUBLISHED))
    assert ("injured", injured, None, "exact") in told and ("killed", 1, None, "exact") in told
    assert {outcome for outcome, *_ in told} == {"injured", "killed"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Three people were shot Sunday. One of them died at the hospital.",
     {("injured", 2, None, "exact"), ("killed", 1, None, "exact")}),
    ("Five people were wounded. Two of the victims later died.",
     {("injured", 3, None, "exact"), ("killed", 2, None, "exact")}),
    ("Two men were shot. One of them, Smith, died.", {("injured", 1, None, "exact"), ("killed", 1, None, "exact")}),
])
def test_those_of_the_hurt_told_later_as_dead_are_not_injured_as_well(extractor, text, expected):
    assert counts(extractor.extract(text, PUBLISHED)) == expected


def test_an_age_read_as_the_modifier_of_an_outcome_word_is_its_victim(extractor: CasualtyExtractor) -> None:
    text = "The blast left two men dead and a 3-year-old hurt."
    assert counts(extractor.extract(text, PUBLISHED)) == {("killed", 2, None, "exact"), ("injured", 1, None, "exact")}


def test_some_of_the_dead_are_not_taken_from_the_hurt():
    from casualty_events.transforms.casualties.lexicon import en
    from casualty_events.transforms.casualties.reconcile import Found, reconcile
    from tests.test_facts import mention

    hurt = mention(10, "Ten people were wounded in the blast.", "Ten people", 0, outcome="injured")
    dead = mention(2, "Two of the dead were children.", "Two of the dead", 40)
    found = [Found(hurt, False, False, False, 0, (0, 1, 1)), Found(dead, False, False, False, 1, (0, 3, 0))]
    assert [(m.outcome, m.count) for m in reconcile(found, en)] == [("injured", 10), ("killed", 2)]
