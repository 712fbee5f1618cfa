"""Tolls: a noun that sums casualties, given its figure by a verb or a preposition.

"The death toll has surpassed 1,000", "the number of soldiers killed rose from
400 in July to 1,000", "bringing the total death toll to 27,000", "a toll of
12". The toll noun says the outcome ("death toll", "number of dead", "number
of soldiers killed"); each number it is given is one figure.
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.counts import Quantity
from casualty_events.transforms.casualties.modality import is_unreal
from casualty_events.transforms.casualties.outcomes import outcome_words
from casualty_events.transforms.casualties.victims import Victims
from casualty_events.transforms.casualties.lexicon import lexicon_of


def toll_figures(toll: Token, quantities: dict[int, Quantity]) -> list[tuple[str, Victims, Token]]:
    """(outcome, victims, number) for each figure a toll noun is given: "the death toll has
    surpassed 1,000", "the number of soldiers killed rose from 400 to 1,000"."""
    words = lexicon_of(toll)
    outcome, group = _toll_outcome(toll)
    if outcome is None or is_unreal(toll):
        return []
    numbers: list[Token] = []
    for prep in toll.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
            numbers.extend(c for c in prep.children if c.dep_ == "pobj" and c.i in quantities)
    numbers.extend(c for c in toll.children if c.dep_ == "appos" and c.i in quantities)
    if toll.dep_ == "dobj" and toll.head.lemma_.lower() in words.RAISING_VERBS:
        # "bringing the death toll to 27,000", "brought the number killed to 58" (the "to" under "killed")
        for child in [*toll.head.children, *(c for a in toll.children if a.dep_ == "acl" for c in a.children)]:
            if child.dep_ == "prep" and child.lower_ in words.TOLL_PREPOSITIONS:
                numbers.extend(_prepositional_numbers(child, quantities))
    if toll.dep_ in ("nsubj", "nsubjpass"):
        verb = toll.head
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "oprd", "npadvmod") and child.i in quantities:
                numbers.append(child)
            if child.dep_ in ("prep", "agent") and child.lower_ in words.TOLL_PREPOSITIONS:
                numbers.extend(_prepositional_numbers(child, quantities))
    figures = []
    group_head = group if group is not None else toll
    start = group_head.left_edge.i if group is not None else toll.left_edge.i
    end = group_head.i + 1
    for number in numbers:
        q = quantities[number.i]
        figures.append((outcome, Victims(group_head, start, end, q.count, q.count_high, q.qualifier), number))
    return figures


def _prepositional_numbers(prep: Token, quantities: dict[int, Quantity]) -> list[Token]:
    """Numbers under "to"/"at"/"from", including a chained "from 400 ... to 1,000"."""
    words = lexicon_of(prep)
    numbers = [c for c in prep.children if c.dep_ == "pobj" and c.i in quantities]
    for child in prep.children:
        if child.dep_ == "prep" and child.lower_ in words.TOLL_PREPOSITIONS:
            numbers.extend(_prepositional_numbers(child, quantities))
    return numbers


def _toll_outcome(toll: Token) -> tuple[str | None, Token | None]:
    """The outcome a toll sums, and the victim group it names ("among Iranian troops")."""
    outcomes = outcome_words(lexicon_of(toll))
    outcome = None
    group = None
    for child in toll.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            outcome = outcomes.nouns.get(child.lemma_.lower()) or outcomes.adjectives.get(child.lower_) or outcome
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                noun_outcome = outcomes.nouns.get(obj.lemma_.lower()) or outcomes.adjectives.get(obj.lower_)  # "of injured"
                if noun_outcome:
                    outcome = outcome or noun_outcome
                    group = obj
                    continue
                group = obj
                for verb in obj.children:
                    if verb.dep_ in ("acl", "relcl") and _verb_outcome(verb) in ("killed", "injured"):
                        outcome = outcome or _verb_outcome(verb)
        if child.dep_ in ("acl", "relcl"):
            verb_outcome = _verb_outcome(child)
            if verb_outcome in ("killed", "injured"):
                outcome = outcome or verb_outcome
    if outcome is None and toll.lemma_.lower() == "toll":
        outcome = "killed"
    if outcome is None and is_changing_figure(toll):
        outcome = outcomes.nouns.get(toll.lemma_.lower())  # "deaths rose to 300"
    return outcome, group


def is_changing_figure(noun: Token) -> bool:
    """ "Deaths rose to 300 from 250", "casualties have climbed to 40": an outcome noun whose figure a verb of
    change gives is a toll."""
    words = lexicon_of(noun)
    return (noun.dep_ in ("nsubj", "nsubjpass") and noun.tag_ in ("NNS", "NNPS")
            and outcome_words(words).nouns.get(noun.lemma_.lower()) is not None and noun.head.lemma_.lower() in words.TOLL_CHANGE_VERBS)


def _verb_outcome(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    outcomes = outcome_words(lexicon_of(verb))
    return outcomes.transitive_verbs.get(lemma) or outcomes.intransitive_verbs.get(lemma)
