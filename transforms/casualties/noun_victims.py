"""The victims of an outcome noun: "the deaths of 12 members", "300 of these deaths", "suffered gunshot
wounds", "a man with gunshot wounds", "the bodies of two men were found".
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.counts import Quantity
from casualty_events.transforms.casualties.lexicon import lexicon_of
from casualty_events.transforms.casualties.reading import Reading, child_with
from casualty_events.transforms.casualties.triggers import aged_outcome_adjective, outcome_of
from casualty_events.transforms.casualties.verb_victims import subject_of
from casualty_events.transforms.casualties.victims import Victims, count_victims, is_person_like


def noun_victims(noun: Token, reading: Reading) -> Victims | None:
    words = lexicon_of(noun)
    if (aged := _one_of_an_age(noun)) is not None:
        return aged
    counts_people = noun.lemma_.lower() != "wound"  # "two gunshot wounds" counts wounds
    own = count_victims(noun, reading) if counts_people and _has_quantity(noun, reading.quantities) else None
    if own is not None:
        return own
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i in reading.quantities:
        return count_victims(noun.head.head, reading)  # "300 of these deaths"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return count_victims(objects[0], reading, trusted=True)
        if child.dep_ == "poss":
            return count_victims(child, reading)
    if noun.dep_ == "conj" and outcome_of(noun.head) is not None and noun.head.pos_ == "NOUN":
        return noun_victims(noun.head, reading)  # "the kidnapping and murder of X"
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    injury = noun.lemma_.lower() in words.INJURY_NOUNS
    if injury and noun.dep_ in ("dobj", "pobj", "nsubjpass") and governor.lemma_.lower() in words.SUFFERING_VERBS:
        subject = subject_of(governor, False)
        if subject is not None:
            return count_victims(subject, reading)
    if injury and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        if governor.pos_ in ("NOUN", "PROPN") and is_person_like(governor, reading.shouting):
            return count_victims(governor, reading)  # "a man with gunshot wounds"
        if governor.dep_ == "pobj" and governor.head.head.tag_.startswith("VB"):
            governor = governor.head.head  # "walked into a gas station with gunshot wounds": the walkers'
        if governor.tag_.startswith("VB"):
            subject = subject_of(governor, False)
            return count_victims(subject, reading) if subject is not None else None
    for child in noun.children:
        if injury and child.dep_ == "relcl":
            subject = child_with(child, "nsubj")  # "injuries he sustained"
            if subject is not None and child.lemma_.lower() in words.SUFFERING_VERBS:
                return count_victims(subject, reading)
    if noun.lemma_.lower() in ("body", "corpse") and noun.tag_ == "NN" and governor.lemma_.lower() in words.FINDING_VERBS:
        return count_victims(noun, reading, trusted=True)
    return None


def _one_of_an_age(noun: Token) -> Victims | None:
    """ "The shooting left a six-year-old dead": the age is the victim, one person (`aged_outcome_adjective`)."""
    age = aged_outcome_adjective(noun)
    if age is None:
        return None
    return Victims(age, child_with(noun, "det").i, age.right_edge.i + 1, 1, None, "exact")


def _has_quantity(token: Token, quantities: dict[int, Quantity]) -> bool:
    if token.i in quantities:
        return True
    possessed = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
    return any(t.i in quantities and t.i not in possessed for t in token.doc[token.left_edge.i : token.i])
