"""Which outcome a word of a parsed sentence states, if any: "killed", "wounded", "dead", "hostages".

The words are the lexicon's (`outcomes` makes its tables); what is read here is
how the sentence uses them: "shot at" fired and hit nobody, "death threats"
are no deaths, "claimed the lives of" is a killing, "shot dead" a death.
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.lexicon import lexicon_of
from casualty_events.transforms.casualties.outcomes import modifying_participle, outcome_words, trigger_lemma
from casualty_events.transforms.casualties.reading import child_with
from casualty_events.transforms.casualties.verb_victims import subject_of
from casualty_events.transforms.casualties.victims import is_person_like

NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
PREDICATE_DEPS = frozenset({"oprd", "acomp"})


def outcome_of(token: Token) -> str | None:
    words = lexicon_of(token)
    outcomes = outcome_words(words)
    lemma = trigger_lemma(token)
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if lemma == "take" and any(c.lower_ in words.CAPTIVE_WORDS for c in token.children):
            return "captured"
        if lemma in words.TO_HOSPITAL_VERBS:
            return "injured" if _carried_to_hospital(token) else None
        if lemma == "lose":
            return "killed"
        if lemma in words.NEGATED_DEATH_VERBS:
            return "killed" if any(c.dep_ == "neg" for c in token.children) else None
        if lemma in outcomes.passive_only_verbs and not (_hit_by_something(token) or hit_in_the_body(token)
                                                or hit_by_a_projectile(token)):
            return None
        if lemma == "shoot" and any(c.dep_ == "prep" and c.lower_ in ("at", "into", "toward", "towards")
                                    and not _hit_where(token, c) for c in token.children):
            return None  # "shot at one another", "the convoy was shot at": fired, nobody said to be hit
        outcome = outcomes.transitive_verbs.get(lemma) or outcomes.intransitive_verbs.get(lemma)
        if outcome is None and lower in ("wounded", "injured", "hurt"):
            return "injured"
        if lower == "missing" and child_with(token, "dobj") is None:
            return "missing"  # "61 migrants were missing", tagged as the verb "miss"
        return outcome
    if token.pos_ == "ADJ":
        return outcomes.adjectives.get(lower) or modifying_participle(token)
    if token.pos_ in ("NOUN", "PROPN"):
        if aged_outcome_adjective(token) is not None:
            return outcomes.adjectives[lower]  # "left two men dead and a 3-year-old hurt"
        if lower == "shot" and token.dep_ in PREDICATE_DEPS:
            return "injured"  # "was found shot", tagged as the noun
        if token.dep_ in NOUN_MODIFIER_DEPS and token.head.lemma_.lower() not in words.TOLL_NOUNS:
            return None  # "death threats", "body armor"
        if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() in words.LIFE_TAKING_VERBS:
            return "killed"  # "claimed the lives of 14 people"
        outcome = outcomes.nouns.get(lemma) or outcomes.nouns.get(lower)
        if outcome == "captured" and token.head.pos_ == "VERB" and outcome_of(token.head) in ("killed", "injured"):
            return None  # "executed two hostages": the hostages are victims of the killing
        if lemma == "body" and token.tag_ == "NN" and any(c.dep_ in NOUN_MODIFIER_DEPS and c.lower_ not in words.DEAD_BODY_WORDS for c in token.children):
            return None  # "an intergovernmental body", "the student body"
        if outcome == "injured" and any(c.lower_ in words.FATAL_WORDS for c in token.children):
            return "killed"  # "a fatal gunshot wound"
        return outcome
    return None


def _carried_to_hospital(verb: Token) -> bool:
    """ "taken to a hospital", "transported one to the hospital": the verb carries someone to a hospital, not for a
    check ("for a mental health evaluation", "as a precaution"). "Send" in the active is an injury only when what
    sends them is the incident ("the shooting ... sent a teenage girl to the hospital"; not "police sent detectives
    to the hospital")."""
    words = lexicon_of(verb)
    carried = any(c.dep_ in ("prep", "dative") and c.lower_ == "to"
                  and any(o.lemma_.lower() in words.HOSPITAL_WORDS for o in c.children) for c in verb.children)
    checked = any(c.dep_ == "prep" and c.lower_ in ("for", "as")
                  and any(o.lemma_.lower() in words.CHECK_PURPOSES for o in c.children) for c in verb.children)
    if not carried or checked:
        return False
    if verb.lemma_.lower() != "send" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    sender = subject_of(verb, False)  # its own, or that of the verb it is conjoined to ("left ... and sent")
    return sender is not None and sender.lemma_.lower() in words.INCIDENT_NOUNS


def _hit_where(verb: Token, preposition: Token) -> bool:
    """ "A girl was shot at a party", "shot at close range": a passive "shot" with "at" and its object says
    where the victim was hit, not what was fired at."""
    return (preposition.lower_ == "at" and any(c.dep_ == "nsubjpass" for c in verb.children)
            and any(c.dep_ == "pobj" for c in preposition.children))


def aged_outcome_adjective(noun: Token) -> Token | None:
    """The age of "left a six-year-old dead", "and a 3-year-old hurt", which the parser reads as a noun ("dead",
    "hurt") modified by the age: the age's token, when a determiner of one person leads it."""
    if noun.tag_ != "NN" or noun.lower_ not in outcome_words(lexicon_of(noun)).adjectives:
        return None
    age = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ == "old"
                and any(t.lower_ == "year" for t in c.subtree)), None)
    determiner = child_with(noun, "det")
    return age if determiner is not None and determiner.lower_ in lexicon_of(noun).SINGULAR_DETERMINERS else None


def hit_in_the_body(verb: Token) -> bool:
    """ "Hitting the trooper in the left elbow", "struck him in the chest", "hit another child on the head": a person
    hit in a part of the body."""
    return _person_hit(verb) is not None and any(
        child.dep_ == "prep" and child.lower_ in lexicon_of(verb).HIT_PREPOSITIONS and any(
            o.dep_ == "pobj" and o.lemma_.lower() in lexicon_of(verb).BODY_PARTS for o in child.children)
        for child in verb.children)


def hit_in_a_limb(verb: Token) -> bool:
    """ "Was shot in the left elbow", "shot himself in the hand", "shot to the leg": hit where a shot wounds and
    seldom kills (the lexicon's `LIMBS`)."""
    words = lexicon_of(verb)
    return any(child.dep_ == "prep" and child.lower_ in words.HIT_PREPOSITIONS and any(
        o.dep_ == "pobj" and o.lemma_.lower() in words.LIMBS for o in child.children) for child in verb.children)


def hit_by_a_projectile(verb: Token) -> bool:
    """ "A bullet struck her", "bullets started flying, striking five teenage boys": a person hit by what is
    fired."""
    words = lexicon_of(verb)
    hit = _person_hit(verb)
    subject = subject_of(verb, False)
    return (hit is not None and subject is not None and subject.lemma_.lower() in words.PROJECTILE_WORDS
            and hit.lemma_.lower() not in words.BODY_PARTS)


def _person_hit(verb: Token) -> Token | None:
    """The verb's object when it names a person ("him", "the trooper")."""
    hit = child_with(verb, "dobj")
    return hit if hit is not None and (hit.lower_ in lexicon_of(verb).PERSON_PRONOUNS or is_person_like(hit, False)) else None


def _hit_by_something(verb: Token) -> bool:
    """ "was hit in the leg", "struck by a car": passive, and not by a person ("hit by a teammate")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.tag_ == "VBN" and (
        verb.dep_ == "acl" or any(c.dep_ == "agent" for c in verb.children))  # a headline's "deputy struck by bullet"
    agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return passive and not any(is_person_like(o, False) for o in agents)


def refine_outcome(token: Token, outcome: str) -> str:
    """ "shot dead", "fatally shot", "stabbed to death": injury verbs that state a death."""
    words = lexicon_of(token)
    if outcome != "injured" or token.lemma_.lower() not in words.MAY_KILL_VERBS:
        return outcome
    if any(child.dep_ == "neg" or (child.dep_ in ("aux", "auxpass") and child_with(child, "neg") is not None)
           for child in token.children):
        return outcome  # "was not fatally wounded": wounded, not killed
    for child in token.children:
        if child.lower_ in words.FATAL_WORDS:
            return "killed"
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lemma_ == "death" for c in child.children):
            return "killed"
    return outcome
