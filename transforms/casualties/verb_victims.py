"""The victims of an outcome verb: its object, its passive subject, or the subject it shares.

"Gunmen killed four villagers", "four villagers were killed", "the bodyguard
was wounded and died", "shot himself", "the slain journalist", "lost 23
soldiers": who the verb happened to, counted by `victims`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Token

from casualty_events.transforms.casualties.counts import Quantity
from casualty_events.transforms.casualties.gazetteer import country_of_demonym
from casualty_events.transforms.casualties.lexicon import lexicon_of
from casualty_events.transforms.casualties.outcomes import modifying_participle, outcome_words, trigger_lemma
from casualty_events.transforms.casualties.reading import Reading, child_with
from casualty_events.transforms.casualties.victims import (
    Victims,
    conjuncts,
    count_victims,
    group_of,
    is_person_like,
    member_count,
)


def verb_victims(verb: Token, outcome: str, reading: Reading) -> Victims | None:
    head = _verb_victim_head(verb, reading.shouting, reading.headline)
    if head is not None and is_part_of_them(head):
        group = _counted_group_before(head, reading.quantities)
        if group is not None and group.head.i == verb.i:
            head = group  # "Four people, three of them teens, were shot"; but "five were shot, two of whom died": two
    victims = None if head is None else _people_victims(verb, head, reading)
    if victims is None and verb.tag_ == "VBN":
        number = _number_before(verb, reading.quantities)  # "and three seriously injured": a parse without subject
        victims = None if number is None else count_victims(number, reading)
    return None if victims is None else _with_companions(verb, victims, reading)


def likewise_subjects(verb: Token) -> list[tuple[Token, Token]]:
    """(clause verb, subject) of the clauses that say the verb's outcome happened to others too, with no verb of
    their own: "were wounded, as was a bystander", "died, as did the gunman"."""
    words = lexicon_of(verb)
    found = []
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.lemma_.lower() not in words.LIKEWISE_VERBS:
            continue
        deps = {c.dep_ for c in clause.children}
        if not any(c.dep_ == "mark" and c.lower_ in words.LIKEWISE_MARKS for c in clause.children) or deps & {
                "dobj", "attr", "acomp", "xcomp", "ccomp", "neg", "prep"}:
            continue
        found += [(clause, c) for c in clause.children if c.dep_ == "nsubj"]
    return found


def _with_companions(verb: Token, victims: Victims, reading: Reading) -> Victims:
    """ "Two soldiers were killed along with three civilians", "... were killed, along with her niece and a family
    friend": those the verb happened to together with its victims are victims too, each a group of the list."""
    companions = [o for prep in _companion_prepositions(verb) for o in prep.children if o.dep_ == "pobj"]
    members = [m for o in companions for m in conjuncts(o) + _conjuncts_of_a_stray_name(verb, o)]
    counted = [member_count(m, reading, is_person_like(m, reading.shouting)) for m in members]
    if not members or None in counted or victims.qualifier != "exact" or any(q != "exact" for _, q in counted):
        return victims
    groups = (victims, *(group_of(m, n, q, reading.shouting) for m, (n, q) in zip(members, counted, strict=True)))
    return dataclasses.replace(victims, count=victims.count + sum(n for n, _ in counted), members=groups,
                               start=min(victims.start, *(g.start for g in groups)),
                               end=max(victims.end, *(g.end for g in groups)))


def _conjuncts_of_a_stray_name(verb: Token, companion: Token) -> list[Token]:
    """ "killed, along with her niece, Tina Shelton, 37, and a close family friend": the parser may hang the name
    put beside the companion on the verb, and the next companion on that name; those conjuncts are companions too
    ("with his wife, Mary, and a friend": two), the name itself is the companion."""
    after = companion.right_edge.i + 1
    if after + 1 >= len(verb.doc) or verb.doc[after].text != ",":
        return []
    name = verb.doc[after + 1]
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head  # "Tina Shelton": its last word heads it
    if name.head.i != verb.i or name.pos_ != "PROPN" or name.dep_ not in ("npadvmod", "appos", "dep"):
        return []
    return [m for m in conjuncts(name) if m.i != name.i]


def _companion_prepositions(verb: Token) -> Iterator[Token]:
    """The "with" of "along with", "together with" the verb takes, however parsed: under the adverb ("killed,
    along with her niece") or after it, as the verb's own ("killed along with three civilians")."""
    words = lexicon_of(verb)
    for child in verb.children:
        if child.lower_ in words.COMPANION_ADVERBS:
            yield from (c for c in child.children if c.dep_ == "prep" and c.lower_ in words.COMPANION_PREPOSITIONS)
        elif (child.dep_ == "prep" and child.lower_ in words.COMPANION_PREPOSITIONS
              and verb.doc[child.i - 1].lower_ in words.COMPANION_ADVERBS):
            yield child


def _people_victims(verb: Token, head: Token, reading: Reading) -> Victims | None:
    """The victims of a verb. The grammatical subject of "was killed" or "was wounded" is a
    person ("the bodyguard was wounded"); a verb that also takes things ("shot", "hit",
    "captured") needs a person noun."""
    words = lexicon_of(verb)
    if verb.lemma_.lower() in words.VERBS_NEEDING_PEOPLE:
        if head.pos_ in ("NOUN", "PROPN") and head.i not in reading.quantities and not (is_person_like(head, reading.shouting) or _has_person_of(head)):
            return None
        if _share_of_a_number(head, reading):
            return None  # "shot 12 of 15 from the field": shots, not people
        return count_victims(head, reading)
    passive_subject = head.dep_ == "nsubjpass" and head.head.i == verb.i
    return count_victims(head, reading, trusted=passive_subject)


def _share_of_a_number(head: Token, reading: Reading) -> bool:
    """ "12 of 15": a count of a bare number (made of tried, not of people)."""
    return head.i in reading.quantities and any(
        prep.dep_ == "prep" and prep.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "NUM" for o in prep.children)
        for prep in head.children)


def _number_before(verb: Token, quantities: dict[int, Quantity]) -> Token | None:
    """A count just before the participle, with at most an adverb between."""
    node = verb.i - 1
    while node >= verb.sent.start and verb.doc[node].pos_ == "ADV":
        node -= 1
    return verb.doc[node] if node >= verb.sent.start and node in quantities else None


def subject_of(verb: Token, normalised: bool) -> Token | None:
    """The verb's own subject, or the one it shares with the verb it is conjoined to."""
    words = lexicon_of(verb)
    subject = _nearest_child(verb, "nsubjpass", "nsubj")
    if subject is not None:
        return _antecedent(subject, verb)
    if verb.dep_ in ("acl", "relcl"):
        return verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.tag_.startswith("VB"):
        return subject_of(verb.head, normalised)
    if (verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in words.TIME_PREPOSITIONS
            and verb.head.head.tag_.startswith("VB")):
        return subject_of(verb.head.head, normalised)  # "recovering after being shot": who recovers
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "A woman who was shot ... and died": a fragment with its subject as root
    return None


def _nearest_child(verb: Token, *deps: str) -> Token | None:
    """The child with one of the labels closest before the verb (parses of run-on text give two)."""
    before = [c for c in verb.lefts if c.dep_ in deps]
    if before:
        return before[-1]
    return child_with(verb, *deps)


def _subject_of_auxiliary(verb: Token) -> Token | None:
    """ "The man remained hospitalized": the parser may hang the passive's subject on its auxiliary."""
    return next((subject for aux in verb.children if aux.dep_ == "auxpass"
                 for subject in aux.children if subject.dep_ == "nsubj"), None)


def _verb_victim_head(verb: Token, normalised: bool, headline: bool) -> Token | None:
    words = lexicon_of(verb)
    lemma = trigger_lemma(verb)
    if modifying_participle(verb):
        return verb.head  # "the assassinated candidate", "the slain journalist"
    obj = child_with(verb, "dobj")
    if obj is None:
        obj = _shared_object(verb)
    if obj is not None and (obj.lemma_.lower() in words.INCIDENT_NOUNS or any(
            c.dep_ == "amod" and (c.tag_ == "IN" or c.lower_ in words.LOCATIVE_PREPOSITIONS) and c.i < obj.i
            for c in obj.children)):
        # "Baby killed in North Las Vegas shooting", "Four people shot outside bar": the parser took where it
        # happened (a shooting, the object of a preposition it tagged as an adjective) for the victim
        obj = None
    if obj is not None and obj.lower_ in words.REFLEXIVES:
        return subject_of(verb, normalised)  # "shot himself"
    if lemma == "lose":
        if obj is None:
            return None
        if obj.lemma_.lower() == "life":
            return subject_of(verb, normalised)
        return obj if (_is_people_noun(obj) or _has_person_of(obj)) else None
    if lemma in outcome_words(words).intransitive_verbs or verb.lower_ == "missing":
        return subject_of(verb, normalised)
    passive = _nearest_child(verb, "nsubjpass") or _subject_of_auxiliary(verb)
    if passive is not None:
        return _antecedent(passive, verb)  # before any object: a passive verb has none
    if lemma == "take":
        return obj if obj is not None and obj.lower_ not in words.CAPTIVE_WORDS else subject_of(verb, normalised)
    if obj is not None:
        return obj
    active = _nearest_child(verb, "nsubj")
    if active is not None:
        # "Martyrs Killed", "30 injured": a subject with no object is the victim when the verb is a participle,
        # or in a headline (or shouting text), where auxiliaries are dropped ("Boy shot to death in Gresham"), or
        # has an agent: "3 others grazed by gunfire".
        passive = (verb.tag_ == "VBN" or normalised or (headline and verb.tag_ != "VBG")  # "Man shooting at cars"
                   or child_with(verb, "agent") is not None)
        return _antecedent(active, verb) if passive else None
    if verb.tag_ != "VBN":
        return None
    if (left := _left_in_the_state(verb)) is not None:
        return left
    if verb.dep_ == "nsubj" and verb.head.lemma_ == "be" and verb.i < verb.head.i:
        return child_with(verb.head, "attr")  # "Wounded were a 19-year-old and a minor": the copula turned round
    return subject_of(verb, normalised)


def _left_in_the_state(participle: Token) -> Token | None:
    """ "The shooting left two people (seriously) injured": the object of a verb of result just before the
    participle, whichever verb the parser hangs the participle on ("died after a shooting that left two others
    injured")."""
    words = lexicon_of(participle)
    node = participle.i - 1
    while node > participle.sent.start and participle.doc[node].pos_ == "ADV":
        node -= 1
    left = participle.doc[node]
    return left if left.dep_ == "dobj" and left.head.lemma_.lower() in words.RESULT_VERBS else None


def _shared_object(verb: Token) -> Token | None:
    """ "shot and killed her": the object of the second verb is the first verb's too, when that verb harms too
    (not "were hospitalized ... and drew hundreds more")."""
    harming = outcome_words(lexicon_of(verb)).transitive_verbs
    for child in verb.children:
        if child.dep_ == "conj" and child.tag_.startswith("VB") and trigger_lemma(child) in harming:
            return child_with(child, "dobj")
    return None


def _has_person_of(token: Token) -> bool:
    """ "thousands of fighters": a quantity word whose "of" phrase names people."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(_is_people_noun(c) for c in child.children if c.dep_ == "pobj")
    return False


def _is_people_noun(token: Token) -> bool:
    """A noun the lexicon knows as people ("lost 23 soldiers", not "lost its luster")."""
    words = lexicon_of(token)
    return token.lemma_.lower() in words.PERSON_NOUNS or token.lower_ in words.PERSON_NOUNS or bool(country_of_demonym(token.text))


def _antecedent(head: Token, verb: Token) -> Token:
    """ "commander who was killed": the relative pronoun stands for the noun the clause modifies."""
    if head.lower_ in ("who", "whom", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    return head


def _counted_group_before(part: Token, quantities: dict[int, Quantity]) -> Token | None:
    """The counted plural noun just before "N of them" in its sentence: the group "them" is."""
    for token in reversed(part.doc[part.sent.start : part.i]):
        if token.tag_ in ("NNS", "NNPS") and any(t.i in quantities for t in token.lefts):
            return token
    return None


def is_part_of_them(head: Token) -> bool:
    """ "three of them": a part of a group named elsewhere in the sentence."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and any(o.lower_ in ("them", "whom", "those") for o in prep.children)
        for prep in head.children
    )
