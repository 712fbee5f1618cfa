"""Casualty claims in one parsed sentence: outcome word -> victims -> count.

A claim is what one statement says about one outcome: "two killed and five
wounded" gives two claims. Denials ("no one was hurt"), negations and
hypotheticals ("could kill thousands", "threatened to kill") give none. The
words the rules key on live in the lexicon (`lexicon/en.py`, tables made of
it in `outcomes`). Each strategy has its module: which outcome a word states
(`triggers`), the victims of a verb (`verb_victims`), of a noun
(`noun_victims`), of an adjective (`adjective_victims`); victim phrases and
counting in `victims`; tolls ("the death toll rose to 40") in `tolls`. A
sentence is read through one `reading.Reading`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Token

from casualty_events.transforms.casualties.adjective_victims import adjective_victims, group_among
from casualty_events.transforms.casualties.counts import Quantity
from casualty_events.transforms.casualties.lexicon import lexicon_of
from casualty_events.transforms.casualties.modality import is_unreal
from casualty_events.transforms.casualties.outcomes import modifying_participle
from casualty_events.transforms.casualties.noun_victims import noun_victims
from casualty_events.transforms.casualties.reading import Reading
from casualty_events.transforms.casualties.tolls import is_changing_figure, toll_figures
from casualty_events.transforms.casualties.triggers import PREDICATE_DEPS, outcome_of, refine_outcome
from casualty_events.transforms.casualties.verb_victims import is_part_of_them, likewise_subjects, verb_victims
from casualty_events.transforms.casualties.victims import (
    UNCOUNTED,
    Victims,
    count_victims,
    group_of,
    is_name,
    is_person_like,
    listed_names,
    member_count,
)


@dataclass(frozen=True)
class Claim:
    """One outcome stated for one victim group in a sentence.

    `anchor` is the word the claim's date and place are looked for near: the
    outcome word, or for a toll the number ("from 400 in July").
    """

    outcome: str
    victims: Victims
    trigger: Token
    anchor: Token
    via_toll: bool
    some_of_them: bool = False  # told as some of the dead or injured ("nine children were among the dead")


def find_claims(reading: Reading) -> list[Claim]:
    """Every casualty claim in one parsed sentence."""
    claims: list[Claim] = []
    for token in reading.span:
        claims.extend(_claims_for(token, reading))
        claims.extend(_likewise_claims(token, reading))
    return _with_one_counted_past(_dedupe(claims), reading)


def _with_one_counted_past(claims: list[Claim], reading: Reading) -> list[Claim]:
    """ "Three men walked in with gunshot wounds as a fourth shooting victim was found": a victim the sentence counts
    one past a group's figure ("a fourth"), told with no outcome of their own, is one more of that group (4)."""
    if not claims:
        return claims
    words = lexicon_of(claims[0].trigger)
    told = {c.victims.head.i for c in claims}
    for token in reading.span:
        ordinal = words.ORDINAL_NUMBERS.get(token.lower_)
        person = token.head
        if (ordinal is None or token.dep_ != "amod" or person.lemma_.lower() not in words.VICTIM_NOUNS
                or not any(c.dep_ == "det" and c.lower_ in words.INDEFINITE_ARTICLES for c in person.children)
                or {person.i, *(c.i for c in person.children if c.dep_ == "appos")} & told
                or (person.dep_ == "appos" and person.head.i in told)):
            continue  # not "a second victim, an 18-year-old man who was struck", one told already
        group = [c for c in claims
                 if c.victims.count == ordinal - 1 and c.victims.qualifier == "exact" and not c.via_toll]
        if len(group) == 1:
            one = group_of(person, 1, "exact", reading.shouting)
            grown = dataclasses.replace(group[0].victims, count=ordinal, end=max(group[0].victims.end, one.end))
            claims = [dataclasses.replace(c, victims=grown) if c is group[0] else c for c in claims]
    return claims


def _likewise_claims(token: Token, reading: Reading) -> list[Claim]:
    """ "Two officers were wounded, as was a bystander": the bystander's is a claim of its own, of the verb's
    outcome, told at the clause."""
    if not (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")):
        return []
    subjects = likewise_subjects(token)
    outcome = outcome_of(token) if subjects else None
    if outcome is None or is_unreal(token):
        return []
    claims = []
    for clause, subject in subjects:
        victims = count_victims(subject, reading)
        victims = None if victims is None else _as_told(token, subject, victims, reading)
        if victims is not None:
            claims.append(Claim(refine_outcome(token, outcome), victims, token, clause, via_toll=False))
    return claims


def _as_told(trigger: Token, anchor: Token, victims: Victims, reading: Reading) -> Victims | None:
    """The victims with the names listed and the groups included beside them (under `anchor` or their head); None
    when they count no one."""
    victims = _with_listed_names(trigger, victims, reading.shouting)
    if victims is None or victims.count <= 0:
        return None
    return _with_included_groups(anchor, victims, reading)


def _claims_for(token: Token, reading: Reading) -> list[Claim]:
    words = lexicon_of(token)
    if ((token.lemma_.lower() in words.TOLL_NOUNS and token.pos_ in ("NOUN", "PROPN")) or is_changing_figure(token)) and (
            token.i not in reading.quantities):
        figures = toll_figures(token, reading.quantities)
        return [Claim(outcome, victims, token, number, via_toll=True) for outcome, victims, number in figures]
    if reading.shouting and token.lower_ == "shot" and token.tag_ == "NN":
        numbers = [c for c in token.children if c.dep_ == "nummod" and c.i in reading.quantities]
        if numbers:  # a headline's "3 Shot In Attack": the participle, tagged as a noun
            q = reading.quantities[numbers[0].i]
            victims = Victims(numbers[0], numbers[0].i, numbers[0].i + 1, q.count, q.count_high, q.qualifier)
            return [Claim("injured", victims, token, token, via_toll=False)]
    outcome = outcome_of(token)
    if outcome is None or is_unreal(token):
        return []
    among = group_among(token, reading)
    if among is not None:
        return [Claim(outcome, among, token, token, via_toll=False, some_of_them=True)] if among.count > 0 else []
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or modifying_participle(token):
        victims = verb_victims(token, outcome, reading)
    elif token.pos_ == "ADJ" or token.dep_ in PREDICATE_DEPS:
        victims = adjective_victims(token, reading)
    else:
        victims = noun_victims(token, reading)
    if victims is None:
        return []
    victims = _as_told(token, token, victims, reading)
    if victims is None:
        return []
    victims = _with_a_headline_list(victims, reading)
    if outcome == "missing" and not (is_person_like(victims.head, reading.shouting) or victims.head.i in reading.quantities):
        return []  # "two rifles were missing"
    outcome = refine_outcome(token, outcome)
    fatal = _fatal_share(token, victims, reading.quantities) if outcome == "injured" else None
    if fatal is not None:
        return _split_fatal(token, victims, fatal)
    return [Claim(outcome, victims, token, token, via_toll=False)]


def _with_a_headline_list(victims: Victims, reading: Reading) -> Victims:
    """ "Mom, 11-month-old son killed", "Police identify infant, 2 women killed": a headline writes "and" as a
    comma, so the one person told just before the comma is one more of its victims."""
    doc = victims.head.doc
    comma = victims.start - 1
    if not reading.headline or victims.qualifier != "exact" or victims.named or comma < 1 or doc[comma].text != ",":
        return victims
    before = doc[comma - 1]
    if before.tag_ != "NN" or before.i in reading.quantities or not is_person_like(before, reading.shouting):
        return victims
    start = min((c.i for c in before.lefts if c.dep_ in ("det", "amod", "compound")), default=before.i)
    return dataclasses.replace(victims, count=victims.count + 1, start=start)


def _fatal_share(trigger: Token, victims: Victims, quantities: dict[int, Quantity]) -> Quantity | None:
    """ "Five people were shot, three fatally" / "two shot, one of them fatally": how many died."""
    doc = trigger.doc
    after = doc.text[trigger.idx + len(trigger.text) : trigger.sent.end_char]
    m = lexicon_of(trigger).FATAL_SHARE_RE.match(after)
    if m is None:
        return None
    number = next((quantities[t.i] for t in doc[trigger.i + 1 : trigger.sent.end] if t.idx >= trigger.idx + len(trigger.text) + m.start(1) and t.i in quantities), None)
    if number is None or number.qualifier != "exact" or number.count >= victims.count:
        return None
    return number


def _split_fatal(trigger: Token, victims: Victims, fatal: Quantity) -> list[Claim]:
    survivors = Victims(victims.head, victims.start, victims.end, victims.count - fatal.count, None, victims.qualifier)
    dead = Victims(victims.head, victims.start, victims.end, fatal.count, None, "exact")
    return [
        Claim("killed", dead, trigger, trigger, via_toll=False),
        Claim("injured", survivors, trigger, trigger, via_toll=False),
    ]


def _with_listed_names(trigger: Token, victims: Victims, normalised: bool) -> Victims | None:
    """ "a number of soldiers were killed, including A, B and C": at least as many as named."""
    if victims.qualifier != "vague" and victims.count > 1:
        return victims
    for anchor in (trigger, victims.head):
        names = listed_names(anchor, normalised)
        if names and (victims.count == UNCOUNTED or len(names) > 1):
            end = max(victims.end, names[-1].i + 1)
            return Victims(victims.head, victims.start, end, len(names), None, "at_least", named=True)
    return victims


def _with_included_groups(trigger: Token, victims: Victims, reading: Reading) -> Victims:
    """ "six of their members, including two women", "3 wounded, including a 17-year-old", "some pedestrians,
    including a child": the groups a figure includes are parts of it (2; 1; 1), each a mention of its own; the people
    it names are not."""
    if victims.members or victims.named:
        return victims
    for anchor in (victims.head, trigger):
        for child in anchor.children:
            if child.lower_ != "including" or child.dep_ not in ("prep", "advcl", "acl"):
                continue
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            members = [m for m in [objects[0], *objects[0].conjuncts] if m.i > child.i]
            if any(m.lemma_.lower() in lexicon_of(m).INCIDENT_NOUNS for m in members):
                return victims  # "including three attacks that each left four wounded": incidents, not people
            counted = [member_count(m, reading, True) for m in members]
            if None in counted or sum(count for count, _ in counted) > victims.count:
                return victims
            # a named person is one of the names the figure is told with, not a group of it (GUIDELINES)
            groups = tuple(group_of(m, count, qualifier, reading.shouting)
                           for m, (count, qualifier) in zip(members, counted, strict=True) if not _names_someone(m, reading.shouting))
            return dataclasses.replace(victims, members=groups)
    return victims


def _names_someone(member: Token, normalised: bool) -> bool:
    """ "Ismail Nayaf Hellawa", "the field commander Ismail Nayaf Hellawa", "Watts": a person by name."""
    return is_name(member, normalised) or any(c.dep_ in ("appos", "compound") and is_name(c, normalised)
                                              for c in member.children)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (outcome, victim group); a death stated for a group overrides its injury;
    a part of a group counted in the same sentence ("Four people, three of them teens,
    were shot") is no claim of its own."""
    killed = {(c.victims.head.i, c.trigger.i) for c in claims if c.outcome == "killed"}
    seen: set[tuple] = set()
    kept: list[Claim] = []
    for claim in claims:
        if claim.outcome == "injured" and any(h == claim.victims.head.i and t != claim.trigger.i for h, t in killed):
            continue
        if claim.outcome == "injured" and _what_a_death_came_from(claim.trigger, claims):
            continue
        if is_part_of_them(claim.victims.head) and any(
            c.outcome == claim.outcome and c.victims.count > claim.victims.count for c in claims
        ):
            continue
        key = (claim.outcome, claim.victims.head.i, claim.victims.count, claim.victims.count_high)
        if key in seen:
            continue
        seen.add(key)
        kept.append(claim)
    return _without_the_dead(_wound_of_the_dead(_dying_of_the_wound(kept)))


def _what_a_death_came_from(trigger: Token, claims: list[Claim]) -> bool:
    """ "she died from her injuries", "died of his wounds": the injuries are the death's cause, no injury."""
    preposition = trigger.head
    return (trigger.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.lower_ in ("from", "of")
            and any(c.outcome == "killed" and c.trigger.i == preposition.head.i for c in claims))


def _dying_of_the_wound(claims: list[Claim]) -> list[Claim]:
    """ "One of the men was struck by gunfire and taken to a hospital, where he later died": the one person a
    sentence says was hurt and then, as "he" or "she", died, is one death and no injury."""
    if not claims:
        return claims
    words = lexicon_of(claims[0].trigger)
    died = [c for c in claims if c.outcome == "killed" and c.victims.count == 1
            and c.victims.head.lower_ in words.SINGULAR_PRONOUNS]
    hurt = [c for c in claims if c.outcome == "injured" and c.victims.count == 1 and c.victims.qualifier == "exact"]
    if len(died) != 1 or len(hurt) != 1 or hurt[0].trigger.i > died[0].trigger.i:
        return claims
    if not _may_be(died[0].victims.head, hurt[0]):
        return claims  # "a woman was wounded, and he died": someone else
    death = dataclasses.replace(died[0], victims=hurt[0].victims)
    return [death if c is died[0] else c for c in claims if c is not hurt[0]]


def _wound_of_the_dead(claims: list[Claim]) -> list[Claim]:
    """ "A man died Sunday after he was shot in the head": the wound, told of "he" or "she" in a clause of what
    came before the death of one person, is that person's, no injury of its own."""
    if not claims:
        return claims
    words = lexicon_of(claims[0].trigger)
    died = [c for c in claims if c.outcome == "killed" and c.victims.count == 1]
    return [c for c in claims if not (
        c.outcome == "injured" and c.victims.count == 1 and c.victims.head.lower_ in words.SINGULAR_PRONOUNS
        and any(_told_before(c, death) and _may_be(c.victims.head, death) for death in died))]


def _may_be(pronoun: Token, claim: Claim) -> bool:
    """Whether "he" or "she" may be the victim of `claim`: not when the victim's words say the other sex."""
    words = lexicon_of(pronoun)
    named = {t.lower_ for t in claim.victims.head.subtree}
    return not ((pronoun.lower_ in words.MASCULINE_WORDS and named & words.FEMININE_WORDS)
                or (pronoun.lower_ in words.FEMININE_WORDS and named & words.MASCULINE_WORDS))


def _shot_before(shot: Claim, death: Claim) -> bool:
    """Whether the dead are of a group told as shot, which the dead were too, before them: by their number alone
    ("seven victims were shot and three were deceased"), or in a clause of what came before ("one person is dead
    after six were shot"). Not the wounded ("4 dead, 10 wounded": they lived)."""
    words = lexicon_of(shot.trigger)
    if shot.trigger.lemma_.lower() not in words.INCLUSIVE_HARM_VERBS and (
            shot.trigger.lower_ not in words.INCLUSIVE_HARM_PARTICIPLES):
        return False
    told = death.trigger.doc[death.victims.start : death.victims.end]
    if all(t.pos_ == "NUM" or t.i == death.trigger.i for t in told) and shot.trigger.i < death.trigger.i:
        return True  # "three were deceased", a headline's "1 Dead"
    return _told_before(shot, death)


def after_phrase(trigger: Token) -> int | None:
    """Where the nearest phrase that tells a claim as what came before the sentence's main clause starts ("after
    the slaying of a woman", "after six people were shot"), None when the claim is told in none."""
    words, node = lexicon_of(trigger), trigger
    while node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in words.BEFORE_MARKS:
            return node.head.i
        if _opens_before(node):
            return node.i
        node = node.head
    return None


def _opens_before(node: Token) -> bool:
    """A clause marked as what came before its head's ("after six people were shot")."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lexicon_of(node).BEFORE_MARKS
                                        for c in node.children)


def _told_before(hurt: Claim, death: Claim) -> bool:
    """Whether the hurt are told in a clause of what came before the death ("is dead after six were shot")."""
    node = hurt.trigger
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if not _opens_before(node):
        return False
    main = node.head
    while main.dep_ == "conj" and main.i not in (death.trigger.i, death.trigger.head.i):
        main = main.head  # "one person is dead and another is in critical condition after six were shot"
    return main.i in (death.trigger.i, death.trigger.head.i)


def _without_the_dead(claims: list[Claim]) -> list[Claim]:
    """ "Twelve were hospitalized, one of whom died": the one who died is counted killed, the other eleven
    injured (as "five shot, three fatally" is split), never twelve injured and one killed. So are the dead told
    by their number alone ("seven victims were shot and three were deceased") and the dead of a clause whose
    hurt were hurt before ("one person is dead after six people were shot"); not "two others were shot"."""
    died = [c for c in claims if c.outcome == "killed" and c.victims.qualifier == "exact" and (
        is_part_of_them(c.victims.head) or any(_shot_before(h, c) for h in claims if h.outcome == "injured"))]
    if len(died) != 1:
        return claims
    fatal = died[0].victims.count
    injured = [c for c in claims if c.outcome == "injured" and c.victims.qualifier == "exact" and c.victims.count > fatal]
    if len(injured) != 1:
        return claims
    group = injured[0]
    words = lexicon_of(group.trigger)
    if any(t.lower_ in words.OTHER_VICTIM_WORDS for t in group.trigger.doc[group.victims.start:group.victims.end]):
        return claims  # "three were killed and two others were shot": other people
    survivors = dataclasses.replace(group.victims, count=group.victims.count - fatal)
    return [dataclasses.replace(c, victims=survivors) if c is group else c for c in claims]
