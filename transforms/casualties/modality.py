"""Statements that assert nothing happened: negated, modal, conditional, wished-for.

"No one was hurt", "could kill thousands", "threatened to kill", "if ... were
killed", "fears the toll will rise": an outcome word in such a clause is not
a casualty report (GUIDELINES "Not a mention").
"""
from __future__ import annotations

from spacy.tokens import Token

from casualty_events.transforms.casualties.lexicon import lexicon_of


def _clause_verb(token: Token) -> Token:
    """The verb whose clause the token belongs to."""
    node = token
    while not (node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB")) and node.head.i != node.i:
        node = node.head
    return node


def is_unreal(token: Token) -> bool:
    """Negated, modal, conditional or wished-for: the statement asserts no casualties."""
    words = lexicon_of(token)
    verb = _clause_verb(token)
    if verb.i == token.i and token.dep_ == "acl" and token.head.dep_ == "dobj" and (
            token.head.head.lemma_.lower() in words.RESULT_VERBS):
        verb = token.head.head  # "would leave thousands injured": the participle tells what the verb leaves
    # "her injuries were not life-threatening" negates the predicate, not the injuries
    predicate_negation_only = token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN"
    for node in ((token,) if _presupposed(token, verb) else (token, verb)):
        for child in node.children:
            if child.dep_ == "neg" and not (predicate_negation_only and node is verb) and not (
                    node.lemma_.lower() in words.NEGATED_DEATH_VERBS):  # "did not survive": a death
                return True
            if child.dep_ == "aux" and child.lower_ in words.MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in words.CONDITIONAL_MARKS:
                return True
            if child.dep_ == "advmod" and child.lower_ in words.HEDGES:
                return True
            if child.dep_ == "advmod" and child.lower_ in words.NEAR_MISSES and node.i == token.i:
                return True  # "was almost killed"
            if child.dep_ in ("amod", "compound") and child.lower_ in words.ATTEMPTED_WORDS and node.i == token.i:
                return True  # "charged with attempted murder of two deputies"
    if _is_denied_claim(verb):
        return True
    node = verb
    while node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head.i != node.i:
        parent = node.head
        if node.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ in words.MODALS for c in parent.children):
            return True  # "will interrupt dialysis, leading to deaths"
        if node.dep_ == "xcomp" and parent.lemma_.lower() in words.NON_FACTIVE_VERBS:
            return True
        if node.dep_ == "ccomp" and parent.lemma_.lower() in ("fear", "expect", "predict", "warn"):
            return True
        if node.dep_ not in ("conj", "ccomp", "xcomp"):
            break
        node = parent  # "ordered the soldiers to ensure that at least two are killed": up to the order
    return token.dep_ in ("dobj", "pobj") and token.head.lemma_.lower() in words.NON_FACTIVE_VERBS


def _presupposed(token: Token, verb: Token) -> bool:
    """A definite outcome noun as another verb's object ("will investigate the deaths of five people", "into the
    murders of three reporters") tells deaths that happened, whatever that verb's mood; unless the verb would
    bring them about ("could cause the deaths of thousands")."""
    words = lexicon_of(token)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in words.REFERRING_DETERMINERS)
                   for c in token.children)
    return (definite and token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj")
            and verb.lemma_.lower() not in words.CAUSING_VERBS
            and not (token.dep_ == "pobj" and token.head.head.lemma_.lower() in words.CAUSING_VERBS))


def _is_denied_claim(verb: Token) -> bool:
    """ "Officials denied that 20 people had been killed", "rejected claims that 30 died"."""
    words = lexicon_of(verb)
    node = verb
    while node.head.i != node.i and node.dep_ in ("ccomp", "acl", "conj", "dobj"):
        parent = node.head
        if parent.lemma_.lower() in words.DENYING_VERBS and node.dep_ in ("ccomp", "dobj"):
            return True
        if node.dep_ in ("acl", "ccomp") and parent.lemma_.lower() in words.CLAIM_NOUNS:
            node = parent  # the claim's own clause: go on to what is done with the claim
            continue
        if node.dep_ == "dobj":
            return False
        node = parent
    return False
