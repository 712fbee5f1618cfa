"""Casualty claims in one parsed sentence: outcome word -> victims -> count.

A claim is what one statement says about one outcome: "two killed and five
wounded" gives two claims. Denials ("no one was hurt"), negations and
hypotheticals ("could kill thousands", "threatened to kill") give none. The
words the rules key on live in the lexicon (`lexicon/en.py`, tables made of
it in `outcomes`); victim phrases and counting in `victims`; tolls ("the death
toll rose to 40") in `tolls`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from casualty_events.transforms.casualties.counts import Quantity, find_quantities
from casualty_events.transforms.casualties.modality import is_unreal
from casualty_events.transforms.casualties.outcomes import (
    INTRANSITIVE_VERBS,
    OUTCOME_ADJECTIVES,
    OUTCOME_NOUNS,
    PASSIVE_ONLY_VERBS,
    TRANSITIVE_VERBS,
)
from casualty_events.transforms.casualties.gazetteer import country_of_demonym
from casualty_events.transforms.casualties.tolls import toll_figures
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
from casualty_events.transforms.casualties.lexicon.en import (
    CAPTIVE_WORDS,
    DEAD_BODY_WORDS,
    FATAL_WORDS,
    FINDING_VERBS,
    INJURY_NOUNS,
    LIFE_TAKING_VERBS,
    PERSON_NOUNS,
    REFLEXIVES,
    SUFFERING_VERBS,
    TOLL_NOUNS,
    VERBS_NEEDING_PEOPLE,
)


# "Five people were shot, three fatally", "two shot, one of them fatally"
FATAL_SHARE_RE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?[,;(-]+\s*(\w+)(?:\s+of\s+(?:them|whom|those))?\s+(?:fatally|mortally)\b", re.IGNORECASE
)
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
PREDICATE_DEPS = frozenset({"oprd", "acomp"})


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


def quantities_by_token(span: Span, text: str) -> dict[int, Quantity]:
    """Map each token index of the span to the quantity phrase covering it.

    `text` is the parser copy of the span's text (same length as the span's text).
    """
    found = find_quantities(text)
    by_token: dict[int, Quantity] = {}
    base = span.start_char
    for token in span:
        offset = token.idx - base
        for q in found:
            if q.start <= offset < q.end:
                by_token[token.i] = q
                break
    return by_token


def find_claims(span: Span, text: str, normalised: bool) -> list[Claim]:
    """Every casualty claim in one parsed sentence."""
    quantities = quantities_by_token(span, text)
    claims: list[Claim] = []
    for token in span:
        claims.extend(_claims_for(token, quantities, normalised))
    return _dedupe(claims)


def _claims_for(token: Token, quantities: dict[int, Quantity], normalised: bool) -> list[Claim]:
    if token.lemma_.lower() in TOLL_NOUNS and token.pos_ in ("NOUN", "PROPN") and token.i not in quantities:
        figures = toll_figures(token, quantities)
        return [Claim(outcome, victims, token, number, via_toll=True) for outcome, victims, number in figures]
    if normalised and token.lower_ == "shot" and token.tag_ == "NN":
        numbers = [c for c in token.children if c.dep_ == "nummod" and c.i in quantities]
        if numbers:  # a headline's "3 Shot In Attack": the participle, tagged as a noun
            q = quantities[numbers[0].i]
            victims = Victims(numbers[0], numbers[0].i, numbers[0].i + 1, q.count, q.count_high, q.qualifier)
            return [Claim("injured", victims, token, token, via_toll=False)]
    outcome = _outcome_of(token)
    if outcome is None or is_unreal(token):
        return []
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        victims = _verb_victims(token, outcome, quantities, normalised)
    elif token.pos_ == "ADJ" or token.dep_ in PREDICATE_DEPS:
        victims = _adjective_victims(token, quantities, normalised)
    else:
        victims = _noun_victims(token, quantities, normalised)
    if victims is None:
        return []
    victims = _with_listed_names(token, victims, normalised)
    if victims is None or victims.count <= 0:
        return []
    victims = _with_included_groups(token, victims, quantities, normalised)
    if outcome == "missing" and not (is_person_like(victims.head, normalised) or victims.head.i in quantities):
        return []  # "two rifles were missing"
    outcome = _refine_outcome(token, outcome)
    fatal = _fatal_share(token, victims, quantities) if outcome == "injured" else None
    if fatal is not None:
        return _split_fatal(token, victims, fatal)
    return [Claim(outcome, victims, token, token, via_toll=False)]


def _fatal_share(trigger: Token, victims: Victims, quantities: dict[int, Quantity]) -> Quantity | None:
    """ "Five people were shot, three fatally" / "two shot, one of them fatally": how many died."""
    doc = trigger.doc
    after = doc.text[trigger.idx + len(trigger.text) : trigger.sent.end_char]
    m = FATAL_SHARE_RE.match(after)
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


def _hit_where(verb: Token, preposition: Token) -> bool:
    """ "A girl was shot at a party", "shot at close range": a passive "shot" with "at" and its object says
    where the victim was hit, not what was fired at."""
    return (preposition.lower_ == "at" and any(c.dep_ == "nsubjpass" for c in verb.children)
            and any(c.dep_ == "pobj" for c in preposition.children))


def _outcome_of(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if lemma == "take":
            return "captured" if any(c.lower_ in CAPTIVE_WORDS for c in token.children) else None
        if lemma == "lose":
            return "killed"
        if lemma in PASSIVE_ONLY_VERBS and not _hit_by_something(token):
            return None
        if lemma == "shoot" and any(c.dep_ == "prep" and c.lower_ in ("at", "into", "toward", "towards")
                                    and not _hit_where(token, c) for c in token.children):
            return None  # "shot at one another", "the convoy was shot at": fired, nobody said to be hit
        outcome = TRANSITIVE_VERBS.get(lemma) or INTRANSITIVE_VERBS.get(lemma)
        if outcome is None and lower in ("wounded", "injured", "hurt"):
            return "injured"
        if lower == "missing" and _child(token, "dobj") is None:
            return "missing"  # "61 migrants were missing", tagged as the verb "miss"
        return outcome
    if token.pos_ == "ADJ":
        return OUTCOME_ADJECTIVES.get(lower)
    if token.pos_ in ("NOUN", "PROPN"):
        if lower == "shot" and token.dep_ in PREDICATE_DEPS:
            return "injured"  # "was found shot", tagged as the noun
        if token.dep_ in NOUN_MODIFIER_DEPS and token.head.lemma_.lower() not in TOLL_NOUNS:
            return None  # "death threats", "body armor"
        if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() in LIFE_TAKING_VERBS:
            return "killed"  # "claimed the lives of 14 people"
        outcome = OUTCOME_NOUNS.get(lemma) or OUTCOME_NOUNS.get(lower)
        if outcome == "captured" and token.head.pos_ == "VERB" and _outcome_of(token.head) in ("killed", "injured"):
            return None  # "executed two hostages": the hostages are victims of the killing
        if lemma == "body" and token.tag_ == "NN" and any(c.dep_ in NOUN_MODIFIER_DEPS and c.lower_ not in DEAD_BODY_WORDS for c in token.children):
            return None  # "an intergovernmental body", "the student body"
        if outcome == "injured" and any(c.lower_ in FATAL_WORDS for c in token.children):
            return "killed"  # "a fatal gunshot wound"
        return outcome
    return None


def _hit_by_something(verb: Token) -> bool:
    """ "was hit in the leg", "struck by a car": passive, and not by a person ("hit by a teammate")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "acl")
    agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return passive and not any(is_person_like(o, False) for o in agents)


def _refine_outcome(token: Token, outcome: str) -> str:
    """ "shot dead", "fatally shot", "stabbed to death": injury verbs that state a death."""
    if outcome != "injured" or token.lemma_.lower() not in ("shoot", "stab", "wound", "injure"):
        return outcome
    for child in token.children:
        if child.lower_ in ("dead", "fatally", "mortally"):
            return "killed"
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lemma_ == "death" for c in child.children):
            return "killed"
    return outcome


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _antecedent(head: Token, verb: Token) -> Token:
    """ "commander who was killed": the relative pronoun stands for the noun the clause modifies."""
    if head.lower_ in ("who", "whom", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    return head


def _verb_victims(verb: Token, outcome: str, quantities: dict[int, Quantity], normalised: bool) -> Victims | None:
    head = _verb_victim_head(verb, normalised)
    if head is not None and _is_part_of_them(head):
        head = _counted_group_before(head, quantities) or head  # "Four people, three of them teens, were shot"
    victims = None if head is None else _people_victims(verb, head, quantities, normalised)
    if victims is None and verb.tag_ == "VBN":
        number = _number_before(verb, quantities)  # "and three seriously injured": a parse without subject
        victims = None if number is None else count_victims(number, quantities, normalised)
    return victims


def _people_victims(verb: Token, head: Token, quantities: dict[int, Quantity], normalised: bool) -> Victims | None:
    """The victims of a verb. The grammatical subject of "was killed" or "was wounded" is a
    person ("the bodyguard was wounded"); a verb that also takes things ("shot", "hit",
    "captured") needs a person noun."""
    if verb.lemma_.lower() in VERBS_NEEDING_PEOPLE:
        if head.pos_ in ("NOUN", "PROPN") and head.i not in quantities and not (is_person_like(head, normalised) or _has_person_of(head)):
            return None
        return count_victims(head, quantities, normalised)
    passive_subject = head.dep_ == "nsubjpass" and head.head.i == verb.i
    return count_victims(head, quantities, normalised, trusted=passive_subject)


def _number_before(verb: Token, quantities: dict[int, Quantity]) -> Token | None:
    """A count just before the participle, with at most an adverb between."""
    node = verb.i - 1
    while node >= verb.sent.start and verb.doc[node].pos_ == "ADV":
        node -= 1
    return verb.doc[node] if node >= verb.sent.start and node in quantities else None


def _subject(verb: Token, normalised: bool) -> Token | None:
    """The verb's own subject, or the one it shares with the verb it is conjoined to."""
    subject = _nearest_child(verb, "nsubjpass", "nsubj")
    if subject is not None:
        return _antecedent(subject, verb)
    if verb.dep_ in ("acl", "relcl"):
        return verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.tag_.startswith("VB"):
        return _subject(verb.head, normalised)
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "A woman who was shot ... and died": a fragment with its subject as root
    return None


def _nearest_child(verb: Token, *deps: str) -> Token | None:
    """The child with one of the labels closest before the verb (parses of run-on text give two)."""
    before = [c for c in verb.lefts if c.dep_ in deps]
    if before:
        return before[-1]
    return _child(verb, *deps)


def _verb_victim_head(verb: Token, normalised: bool) -> Token | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        return verb.head  # "the assassinated candidate", "the slain journalist"
    obj = _child(verb, "dobj")
    if obj is None:
        obj = _shared_object(verb)
    if obj is not None and obj.lower_ in REFLEXIVES:
        return _subject(verb, normalised)  # "shot himself"
    if lemma == "lose":
        if obj is None:
            return None
        if obj.lemma_.lower() == "life":
            return _subject(verb, normalised)
        return obj if (_is_people_noun(obj) or _has_person_of(obj)) else None
    if lemma in INTRANSITIVE_VERBS or verb.lower_ == "missing":
        return _subject(verb, normalised)
    passive = _nearest_child(verb, "nsubjpass")
    if passive is not None:
        return _antecedent(passive, verb)  # before any object: a passive verb has none
    if lemma == "take":
        return obj if obj is not None and obj.lower_ not in CAPTIVE_WORDS else _subject(verb, normalised)
    if obj is not None:
        return obj
    active = _nearest_child(verb, "nsubj")
    if active is not None:
        # "Martyrs Killed", "30 injured": a subject with no object is the victim when
        # the verb is a participle, or in a headline, where auxiliaries are dropped.
        return _antecedent(active, verb) if verb.tag_ == "VBN" or normalised else None
    if verb.tag_ == "VBN":
        return _subject(verb, normalised)
    return None


def _shared_object(verb: Token) -> Token | None:
    """ "shot and killed her": the object of the second verb is the first verb's too."""
    for child in verb.children:
        if child.dep_ == "conj" and child.tag_.startswith("VB"):
            return _child(child, "dobj")
    return None


def _has_person_of(token: Token) -> bool:
    """ "thousands of fighters": a quantity word whose "of" phrase names people."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(_is_people_noun(c) for c in child.children if c.dep_ == "pobj")
    return False


def _is_people_noun(token: Token) -> bool:
    """A noun the lexicon knows as people ("lost 23 soldiers", not "lost its luster")."""
    return token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS or bool(country_of_demonym(token.text))


def _adjective_victims(adj: Token, quantities: dict[int, Quantity], normalised: bool) -> Victims | None:
    if adj.dep_ == "amod" and adj.head.i in quantities:
        q = quantities[adj.head.i]  # "left one dead and three injured": the number alone
        start = min(t.i for t in adj.head.subtree if t.i in quantities or t.i == adj.head.i)
        return Victims(adj.head, start, adj.head.i + 1, q.count, q.count_high, q.qualifier)
    if adj.dep_ == "amod":
        head = adj.head
        if head.lemma_.lower() in ("people", "person", "man", "woman", "victim") and head.i != adj.i:
            return count_victims(head, quantities, normalised)
        return None
    if (adj.i in quantities or any(t.i in quantities for t in adj.lefts)) and (
            found := count_victims(adj, quantities, normalised)) is not None:
        return found  # "12 dead"
    counted = next((left for left in adj.lefts if any(t.i in quantities for t in left.subtree)), None)
    if counted is not None:  # "left one dead and three more injured": the number inside "three more"
        q = next(quantities[t.i] for t in counted.subtree if t.i in quantities)
        return Victims(counted, counted.left_edge.i, counted.right_edge.i + 1, q.count, q.count_high, q.qualifier)
    if adj.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advmod", "conj", "dep", "attr"):
        verb = adj.head
        if verb.pos_ == "ADJ" and adj.dep_ == "conj":
            return _adjective_victims(verb, quantities, normalised)
        head = _child(adj, "nsubj", "nsubjpass") or _child(verb, "dobj") or _subject(verb, False)
        return count_victims(head, quantities, normalised) if head is not None else None  # "found both dead"
    return None


def _noun_victims(noun: Token, quantities: dict[int, Quantity], normalised: bool) -> Victims | None:
    counts_people = noun.lemma_.lower() != "wound"  # "two gunshot wounds" counts wounds
    own = count_victims(noun, quantities, normalised) if counts_people and _has_quantity(noun, quantities) else None
    if own is not None:
        return own
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i in quantities:
        return count_victims(noun.head.head, quantities, normalised)  # "300 of these deaths"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return count_victims(objects[0], quantities, normalised, trusted=True)
        if child.dep_ == "poss":
            return count_victims(child, quantities, normalised)
    if noun.dep_ == "conj" and _outcome_of(noun.head) is not None and noun.head.pos_ == "NOUN":
        return _noun_victims(noun.head, quantities, normalised)  # "the kidnapping and murder of X"
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    injury = noun.lemma_.lower() in INJURY_NOUNS
    if injury and noun.dep_ in ("dobj", "pobj", "nsubjpass") and governor.lemma_.lower() in SUFFERING_VERBS:
        subject = _subject(governor, False)
        if subject is not None:
            return count_victims(subject, quantities, normalised)
    if injury and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        if governor.pos_ in ("NOUN", "PROPN") and is_person_like(governor, normalised):
            return count_victims(governor, quantities, normalised)  # "a man with gunshot wounds"
        if governor.dep_ == "pobj" and governor.head.head.tag_.startswith("VB"):
            governor = governor.head.head  # "walked into a gas station with gunshot wounds": the walkers'
        if governor.tag_.startswith("VB"):
            subject = _subject(governor, False)
            return count_victims(subject, quantities, normalised) if subject is not None else None
    for child in noun.children:
        if injury and child.dep_ == "relcl":
            subject = _child(child, "nsubj")  # "injuries he sustained"
            if subject is not None and child.lemma_.lower() in SUFFERING_VERBS:
                return count_victims(subject, quantities, normalised)
    if noun.lemma_.lower() in ("body", "corpse") and noun.tag_ == "NN" and governor.lemma_.lower() in FINDING_VERBS:
        return count_victims(noun, quantities, normalised, trusted=True)
    return None


def _has_quantity(token: Token, quantities: dict[int, Quantity]) -> bool:
    if token.i in quantities:
        return True
    possessed = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
    return any(t.i in quantities and t.i not in possessed for t in token.doc[token.left_edge.i : token.i])


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


def _with_included_groups(trigger: Token, victims: Victims, quantities: dict[int, Quantity],
                          normalised: bool) -> Victims:
    """ "six of their members, including two women", "3 wounded, including a 17-year-old": the groups a counted
    figure includes are parts of it (2; 1), each a mention of its own; the people it names are not."""
    if victims.members or victims.named or victims.qualifier == "vague":
        return victims
    for anchor in (victims.head, trigger):
        for child in anchor.children:
            if child.lower_ != "including" or child.dep_ not in ("prep", "advcl", "acl"):
                continue
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            members = [m for m in [objects[0], *objects[0].conjuncts] if m.i > child.i]
            counted = [member_count(m, quantities, normalised, True) for m in members]
            if None in counted or sum(count for count, _ in counted) > victims.count:
                return victims
            # a named person is one of the names the figure is told with, not a group of it (GUIDELINES)
            groups = tuple(group_of(m, count, qualifier, normalised)
                           for m, (count, qualifier) in zip(members, counted, strict=True) if not _names_someone(m, normalised))
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
        if _is_part_of_them(claim.victims.head) and any(
            c.outcome == claim.outcome and c.victims.count > claim.victims.count for c in claims
        ):
            continue
        key = (claim.outcome, claim.victims.head.i, claim.victims.count, claim.victims.count_high)
        if key in seen:
            continue
        seen.add(key)
        kept.append(claim)
    return kept


def _counted_group_before(part: Token, quantities: dict[int, Quantity]) -> Token | None:
    """The counted plural noun just before "N of them" in its sentence: the group "them" is."""
    for token in reversed(part.doc[part.sent.start : part.i]):
        if token.tag_ in ("NNS", "NNPS") and any(t.i in quantities for t in token.lefts):
            return token
    return None


def _is_part_of_them(head: Token) -> bool:
    """ "three of them": a part of a group named elsewhere in the sentence."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and any(o.lower_ in ("them", "whom", "those") for o in prep.children)
        for prep in head.children
    )
