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
