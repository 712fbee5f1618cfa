"""The victims of an outcome adjective: "12 dead", "left one dead and three injured", "found both dead".
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.reading import Reading, child_with
from casualty_events.transforms.casualties.verb_victims import subject_of
from casualty_events.transforms.casualties.victims import Victims, count_victims


def adjective_victims(adj: Token, reading: Reading) -> Victims | None:
    if adj.dep_ == "amod" and adj.head.i in reading.quantities:
        q = reading.quantities[adj.head.i]  # "left one dead and three injured": the number alone
        start = min(t.i for t in adj.head.subtree if t.i in reading.quantities or t.i == adj.head.i)
        return Victims(adj.head, start, adj.head.i + 1, q.count, q.count_high, q.qualifier)
    if adj.dep_ == "amod":
        head = adj.head
        if head.lemma_.lower() in ("people", "person", "man", "woman", "victim") and head.i != adj.i:
            return count_victims(head, reading)
        return None
    if (adj.i in reading.quantities or any(t.i in reading.quantities for t in adj.lefts)) and (
            found := count_victims(adj, reading)) is not None:
        return found  # "12 dead"
    counted = next((left for left in adj.lefts if any(t.i in reading.quantities for t in left.subtree)), None)
    if counted is not None:  # "left one dead and three more injured": the number inside "three more"
        q = next(reading.quantities[t.i] for t in counted.subtree if t.i in reading.quantities)
        return Victims(counted, counted.left_edge.i, counted.right_edge.i + 1, q.count, q.count_high, q.qualifier)
    if adj.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advmod", "conj", "dep", "attr"):
        verb = adj.head
        if verb.pos_ == "ADJ" and adj.dep_ == "conj":
            return adjective_victims(verb, reading)
        head = child_with(adj, "nsubj", "nsubjpass") or child_with(verb, "dobj") or subject_of(verb, False)
        return count_victims(head, reading) if head is not None else None  # "found both dead"
    return None


def group_among(word: Token, reading: Reading) -> Victims | None:
    """ "Nine children were among the dead", "of the dead, 26 were women", "among the injured were three police
    officers", "the dead included four children": a group told as some of the dead or the injured (a part of them,
    `facts` links it to their total when the text gives one)."""
    if word.dep_ == "pobj" and word.head.lower_ in ("among", "of") and word.head.dep_ == "prep":
        verb = word.head.head
        if verb.lemma_.lower() == "be":
            subject = subject_of(verb, reading.shouting) or child_with(verb, "attr")  # "Among the dead were two"
            return count_victims(subject, reading) if subject is not None else None
    if word.dep_ == "nsubj" and word.head.lemma_.lower() == "include":
        listed = child_with(word.head, "dobj")
        return count_victims(listed, reading) if listed is not None else None
    return None
