"""Incident or cumulative: does a figure count one attack, or sum a period or a war to date?

GUIDELINES "Scope": "since 2011", "so far this month", "over the past three
weeks", "the death toll has surpassed", "has lost thousands" are cumulative.
The temporal cues are looked for in the claim's own clause, so that "since
September" in a neighbouring clause about something else does not leak in.
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.claims import Claim
from casualty_events.transforms.casualties.lexicon import lexicon_of
from casualty_events.transforms.casualties.modality import is_unreal
from casualty_events.transforms.casualties.reading import Reading


def cumulative_claims(claims: list[Claim], reading: Reading) -> list[bool]:
    """`is_cumulative` of each claim of a sentence; a figure a cumulative figure of the sentence includes or leaves
    out is a toll's too ("More than 3,290 people have been injured in those shootings, and that does not include
    the 629 who died": not an incident of 629 dead)."""
    found = [is_cumulative(claim, reading) for claim in claims]
    if not any(found):
        return found
    return [cumulative or _told_as_included(claim) for claim, cumulative in zip(claims, found)]


def _told_as_included(claim: Claim) -> bool:
    head = claim.victims.head
    return head.dep_ == "dobj" and head.head.lemma_.lower() in lexicon_of(head).INCLUDING_VERBS


def is_cumulative(claim: Claim, reading: Reading) -> bool:
    """Whether the claim sums a period, read in its sentence.

    A sentence that states a death toll as fact ("the reported death toll ...,
    when 400 had died") frames its figures as tolls; one that only expects a
    toll to rise does not; nor does one whose toll is a consequence of the claim
    ("killed 35, bringing the toll to 27,000"). Named people, or one person, died
    once: an incident.
    """
    words = lexicon_of(claim.trigger)
    trigger = claim.trigger
    if claim.victims.named or claim.victims.count == 1:
        return False
    if claim.via_toll or _is_losing_people(trigger) or _tallies_incidents(claim):
        return True
    sentence, text = reading.span, reading.text
    if any(t.lemma_.lower() in words.TOLL_LEMMAS and _frames(t, trigger) for t in sentence):
        return True
    span_start = sentence.start_char
    clause = _clause_root(trigger)
    lo = min(t.idx for t in clause.subtree) - span_start
    hi = max(t.idx + len(t.text) for t in clause.subtree) - span_start
    return (words.CUMULATIVE_PHRASE_RE.search(text[lo:hi]) is not None
            or words.SEVERAL_INCIDENTS_RE.search(text[lo:hi]) is not None)


def _tallies_incidents(claim: Claim) -> bool:
    """ "January started the year with at least 50 homicides": a number of killings is several incidents summed;
    "the murders of three reporters" counts the victims of one."""
    words = lexicon_of(claim.trigger)
    return (claim.trigger.lower_ in words.INCIDENT_TALLY_NOUNS and claim.victims.count >= 2
            and claim.victims.head.i == claim.trigger.i)


def _frames(toll: Token, trigger: Token) -> bool:
    """Whether a toll, stated as fact, governs the claim's clause rather than hangs below it."""
    if toll.i == trigger.i or is_unreal(toll):
        return toll.i == trigger.i
    verb = toll
    while not verb.tag_.startswith("VB") and verb.head.i != verb.i:
        verb = verb.head
    return verb.i == trigger.i or verb in list(trigger.ancestors) or not verb.tag_.startswith("VB")


def _is_losing_people(trigger: Token) -> bool:
    """ "has lost thousands of fighters" sums a war; "lost their lives" and "lost three of her children in a
    shooting spree" (one incident) are an incident."""
    words = lexicon_of(trigger)
    if trigger.lemma_.lower() not in words.CUMULATIVE_VERBS:
        return False
    return not any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in trigger.children) and not any(
        c.dep_ == "prep" and c.lower_ == "in" and any(
            w.lemma_.lower() in words.INCIDENT_NOUNS for o in c.children if o.dep_ == "pobj" and o.tag_ == "NN"
            for w in o.subtree)  # one incident, not "in attacks"
        for c in trigger.children)


def _clause_root(token: Token) -> Token:
    """The nearest verb above the token that heads a clause of its own."""
    node = token
    while node.head.i != node.i:
        if node.tag_.startswith("VB") and node.dep_ in ("ROOT", "ccomp", "advcl", "conj", "xcomp", "acl", "relcl"):
            return node
        node = node.head
    return node
