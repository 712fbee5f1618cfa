"""Who the casualties were and how many: from an outcome word to its victim phrase and count.

Works on a spaCy parse (ClearNLP labels as in en_core_web_sm), tags and
dependencies only: no named entities, so that the pipeline can run without
its slowest component. The victim
of "kill" is its object, or its subject when passive; of "die", its
subject; of "death", its "of" phrase. The count comes from the quantity in
the victim phrase ("at least 40 members"), the quantity heading it ("300 of
these deaths"), the names it lists ("A, B and C"), or a singular person ("a
soldier", "General X"): the GUIDELINES counting table.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from casualty_events.transforms.casualties.counts import Quantity
from casualty_events.transforms.casualties.reading import Reading
from casualty_events.transforms.casualties.outcomes import outcome_words
from casualty_events.transforms.casualties.gazetteer import country_of_demonym, lookup
from casualty_events.transforms.casualties.lexicon import lexicon_of

REGION_KINDS = frozenset({"country", "admin1", "region"})
# Qualifiers that survive a sum: 27 at least and 15 make 42 at least; a range or "dozens" do not add.
SUMMABLE = frozenset({"exact", "approx", "at_least", "more_than"})
UNCOUNTED = 0  # count of a group whose size the text does not give


@dataclass(frozen=True)
class Victims:
    """The victim phrase [start, end) (token indices in the doc) and the count it states."""

    head: Token
    start: int
    end: int
    count: int
    count_high: int | None
    qualifier: str
    named: bool = False  # counted from the names of the people it lists
    # the groups of a list it sums ("four rebels, three civilians and a policeman"), each a part of its count
    members: tuple[Victims, ...] = ()


def is_person_like(token: Token, normalised: bool) -> bool:
    """A token that plausibly names people: a person noun, a name, an age ("a 16-year-old")."""
    words = lexicon_of(token)
    lemma = token.lemma_.lower()
    if lemma in words.NON_PERSON_NOUNS or token.lower_ in words.NON_PERSON_NOUNS:
        return False
    if lemma in words.PERSON_NOUNS or token.lower_ in words.PERSON_NOUNS or country_of_demonym(token.text):
        return True  # "soldiers", "Afghans"
    if token.pos_ == "PROPN":
        return not _is_region_name(token)
    own = {t.lower_ for t in token.doc[token.left_edge.i : token.i + 1]} | {
        t.lower_ for c in token.children if c.dep_ == "appos" for t in c.subtree}  # its words, not a conjunct's
    if "old" in own and "year" in own:
        return True
    if normalised and any(c.dep_ == "compound" for c in token.children):
        return True  # a name that lost its capitals ("orlando letelier")
    return lemma.endswith(words.PERSON_SUFFIXES) and len(lemma) > 4


def _is_denied(head: Token) -> bool:
    """ "No one was hurt", "none of the passengers": the phrase denies any victim."""
    words = lexicon_of(head)
    if head.lower_ in words.DENIALS or head.lemma_.lower() in words.DENIALS:
        return True
    return any(c.dep_ == "det" and c.lower_ in words.DENIALS for c in head.children)


def count_victims(
    head: Token, reading: Reading, *, trusted: bool = False
) -> Victims | None:
    """The count a victim phrase states, per the GUIDELINES counting table; None when it states none.

    `trusted` is set where the syntax alone says the phrase names people (the "of"
    phrase of "death"), so a singular noun counts as one even if not in the lexicon.
    """
    words = lexicon_of(head)
    if _is_denied(head):
        return None
    if head.lemma_.lower() in words.TOLL_NOUNS and head.i not in reading.quantities:
        counted = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj"), None)
        if counted is not None:  # "a total of 1,200 people", "the number of dead"
            return count_victims(counted, reading, trusted=trusted)
    members = conjuncts(head)
    one_group = not _is_outcome_word(head) and not any(_has_own_predicate(m) for m in members[1:])
    start, end = _phrase_bounds(head, with_conjuncts=one_group)
    if len(members) > 1 and one_group:
        trusted = trusted or is_person_like(head, reading.shouting) or head.i in reading.quantities
        counted = [member_count(m, reading, trusted) for m in members]
        own = _member_quantity(head, reading.quantities)
        if own is not None and _breaks_down(head, own, members[1:], counted[1:]):
            start, end = _phrase_bounds(head, with_conjuncts=True)
            return Victims(head, start, end, own.count, own.count_high, own.qualifier, members=tuple(
                group_of(m, count, qualifier, reading.shouting) for m, (count, qualifier) in zip(members[1:], counted[1:])))
        qualifiers = {q for _, q in filter(None, counted)} - {"exact"}
        if None not in counted and len(qualifiers) <= 1:
            named = all(is_name(m, reading.shouting) for m in members)
            qualifier = qualifiers.pop() if qualifiers else "exact"
            return Victims(head, start, end, sum(c for c, _ in counted), None, qualifier, named=named,
                           members=_listed_groups(members, counted, reading.shouting))
    own = _member_quantity(head, reading.quantities) or _collective_size(head, reading.quantities)
    if own is not None:
        one_more = own.qualifier == "exact" and _one_more_run_together(head)
        return Victims(head, start, end, own.count + one_more, own.count_high, own.qualifier)
    if _is_single_person(head, reading.shouting, trusted):
        return Victims(head, start, end, 1, None, "exact", named=_is_named(head, reading.shouting))
    if head.lower_ == "both" or (head.tag_ in ("NNS", "NNPS") and any(c.lower_ == "both" for c in head.children)):
        return Victims(head, start, end, 2, None, "exact")  # "both men", "both were fatally shot", "both of them"
    if head.tag_ in ("NNS", "NNPS"):
        return Victims(head, start, end, UNCOUNTED, None, "vague")  # a group, no number: names listed may count it
    return None


def _one_more_run_together(head: Token) -> bool:
    """ "a 16-year-old and two children were shot": the parser hangs the age, with its "and", on the counted plural
    noun, so its "a" is one more person (3, not 2)."""
    words = lexicon_of(head)
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    article = next((c for c in head.children if c.dep_ == "det" and c.lower_ in words.INDEFINITE_ARTICLES), None)
    return article is not None and any(
        c.dep_ == "amod" and c.i > article.i and any(g.dep_ == "cc" for g in c.children) for c in head.children)


def _listed_groups(members: list[Token], counted: list[tuple[int, str]], normalised: bool) -> tuple[Victims, ...]:
    """The members of a summed list as victim phrases of their own, when some member is a group of several and
    some names a kind of victim ("the rector, five other priests and two women": 1, 5 and 2). A list of single
    people is its names; a list of people described by age, sex or kin is one group."""
    if len(counted) < 2 or all(count == 1 for count, _ in counted):
        return ()
    words = lexicon_of(members[0])
    if all(m.pos_ == "PRON" or m.lower_ in words.DEMOGRAPHIC_NOUNS or m.lemma_.lower() in words.DEMOGRAPHIC_NOUNS
           for m in members):
        return ()
    return tuple(group_of(m, count, qualifier, normalised) for m, (count, qualifier) in zip(members, counted, strict=True))


def group_of(member: Token, count: int, qualifier: str, normalised: bool) -> Victims:
    start, end = _phrase_bounds(member, with_conjuncts=False)
    return Victims(member, start, end, count, None, qualifier, named=is_name(member, normalised))


def _breaks_down(head: Token, own: Quantity, rest: list[Token], counted: list[tuple[int, str] | None]) -> bool:
    """ "Six people, three men and three women", "three reporters, two Salvadorans and a Netherlander": the
    groups after a counted head that add up to its count and tell the same people by sex, age or nationality
    (or follow a word for people in general) are a breakdown of it, after its comma; "four rebels, three
    civilians and a policeman" and "two men and two women" are other groups, however they add up."""
    words = lexicon_of(head)
    if None in counted or sum(count for count, _ in counted) != own.count:
        return False
    if head.doc[rest[0].left_edge.i - 1].text != ",":
        return False  # "two men and two women": a list, not the two men told again
    return head.lemma_.lower() in words.BREAKDOWN_HEADS or all(
        m.lower_ in words.DEMOGRAPHIC_NOUNS or m.lemma_.lower() in words.DEMOGRAPHIC_NOUNS or country_of_demonym(m.text)
        for m in rest)


def _collective_size(head: Token, quantities: dict[int, Quantity]) -> Quantity | None:
    """ "a family of four": the size of a family is a count of people."""
    words = lexicon_of(head)
    if head.lemma_.lower() not in words.COLLECTIVES:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            sizes = [quantities[c.i] for c in prep.children if c.dep_ == "pobj" and c.i in quantities]
            if sizes:
                return sizes[0]
    return None


def _has_own_predicate(member: Token) -> bool:
    """ "100,000 murdered, 40,000 who were kidnapped": a conjunct with its own clause or
    participle is another statement, not more of the same victims."""
    if _is_outcome_word(member):
        return True  # "67 dead and 1,000 wounded"
    return any(c.dep_ in ("relcl", "acl") or (c.dep_ == "amod" and c.tag_ == "VBN") or _is_outcome_word(c) for c in member.children)


def _is_outcome_word(token: Token) -> bool:
    outcomes = outcome_words(lexicon_of(token))
    return token.lemma_.lower() in outcomes.nouns or token.lower_ in outcomes.adjectives


def _member_quantity(head: Token, quantities: dict[int, Quantity]) -> Quantity | None:
    """The quantity heading the phrase ("300 of ...") or counting its head ("at least 40 members")."""
    own = quantities.get(head.i)
    if own is not None:
        return own
    inner = [quantities[t.i] for t in head.doc[head.left_edge.i : head.i] if t.i in quantities and _modifies(t, head)]
    return inner[-1] if inner else None


def member_count(member: Token, reading: Reading, trusted: bool) -> tuple[int, str] | None:
    """How many one conjunct of a list counts, and how exactly: its number, or one person."""
    own = _member_quantity(member, reading.quantities)
    if own is not None:
        return (own.count, own.qualifier) if own.qualifier in SUMMABLE else None
    return (1, "exact") if _is_single_person(member, reading.shouting, trusted) else None


def listed_names(anchor: Token, normalised: bool) -> list[Token]:
    """Names listed as members of a group: "including A, B and C" under the anchor, or
    "most notably A" anywhere in its sentence."""
    for token in anchor.sent:
        if token.lower_ in ("notably", "especially", "namely") and token.dep_ == "advmod":
            named = token.head if is_name(token.head, normalised) else None
            if named is not None:
                return _named_conjuncts(named, normalised)
    for child in anchor.children:
        if child.lower_ == "including" and child.dep_ in ("prep", "advcl", "acl"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                names = _named_conjuncts(objects[0], normalised)
                # NER may read one name in a list as a place; the list's first name vouches for the rest
                if names and is_name(names[0], normalised) and all(n.pos_ == "PROPN" or is_name(n, normalised) for n in names):
                    return names
    return []


def _phrase_bounds(head: Token, with_conjuncts: bool = True) -> tuple[int, int]:
    """From the phrase's left edge to its head, extended over "of" + object ("300 of these deaths")."""
    start, end = head.left_edge.i, head.i + 1
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among") and child.i > head.i:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                end = max(end, objects[0].i + 1)
        if with_conjuncts and child.dep_ == "conj" and child.i > head.i and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            end = max(end, _phrase_bounds(_last_conjunct(child), with_conjuncts=False)[1])  # "and two of her guards"
        if with_conjuncts and child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > head.i and head.tag_ in (
                "NN", "NNP"):
            for conjunct in (c for c in child.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")):
                end = max(end, _phrase_bounds(_last_conjunct(conjunct), with_conjuncts=False)[1])  # "his son, John, and"
        if with_conjuncts and _listed_as_apposition(head, child):
            end = max(end, _phrase_bounds(_last_conjunct(child), with_conjuncts=False)[1])  # "six priests, a maid and"
        if child.lower_ == "old" and child.i > head.i and head.lower_ in ("a", "an"):
            end = max(end, child.i + 1)  # "A 17-year-old", its article parsed as the head
    doc = head.doc
    while start < head.i and (doc[start].is_space or doc[start].is_punct or not doc[start].text.strip()):
        start += 1  # a blanked dateline or an opening quote is no part of the phrase
    return start, end


def _last_conjunct(token: Token) -> Token:
    conj = [c for c in token.children if c.dep_ == "conj"]
    return _last_conjunct(conj[-1]) if conj else token


def _modifies(token: Token, head: Token) -> bool:
    """Whether a quantity token inside the phrase counts the head (not a nested noun's count)."""
    node = token
    while node.i != head.i:
        if node.dep_ in ("prep", "pobj", "relcl", "acl", "appos", "poss") and node.head.i != head.i:
            return False
        if node.dep_ in ("npadvmod", "poss"):
            return False  # "the four nurses' deaths": four counts the possessor
        node = node.head
        if node.i == node.head.i and node.i != head.i:
            return False
    return True


def _is_region_name(token: Token) -> bool:
    """ "Iran's martyrs": a country or province is no person (towns share names with people)."""
    place = lookup(token.text, lexicon_of(token))
    return place is not None and place.kind in REGION_KINDS


def _has_title(token: Token) -> bool:
    words = lexicon_of(token)
    return any(c.dep_ == "compound" and c.lower_.rstrip(".") in words.TITLES for c in token.children)


def _is_named(head: Token, normalised: bool) -> bool:
    """A name, or a description in apposition to one ("Hossein Hamadani, another commander")."""
    if is_name(head, normalised):
        return True
    if head.dep_ == "appos" and is_name(head.head, normalised):
        return True
    return any(c.dep_ == "appos" and is_name(c, normalised) for c in head.children)


def _is_age_noun(token: Token) -> bool:
    """ "a 16-year-old", tokenised as one word by some models."""
    return token.lower_.endswith("-old") and "year" in token.lower_


def is_name(token: Token, normalised: bool) -> bool:
    words = lexicon_of(token)
    if token.lower_ in words.CALENDAR_WORDS:
        return False  # "Tuesday's killings"
    if _has_title(token):
        return True
    if token.pos_ == "PROPN" and not country_of_demonym(token.text) and not _is_region_name(token):
        return True
    return normalised and token.tag_ in ("NN", "NNP") and any(c.dep_ == "compound" for c in token.children)


def conjuncts(head: Token) -> list[Token]:
    """The head and the phrases conjoined to it ("A, B and C"), in text order; a name put beside a member who is one
    person is that member ("his son, John, and a friend, Mary": two)."""
    members = [head]
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                members.append(child)
                frontier.append(child)
            elif child.dep_ == "appos" and child.pos_ == "PROPN" and node.tag_ in ("NN", "NNP"):
                frontier.append(child)  # "his son, John, and a friend": the parser hangs the friend on the name
            elif _listed_as_apposition(node, child):
                members.append(child)
                frontier.append(child)
    return sorted(members, key=lambda t: t.i)


def _listed_as_apposition(group: Token, child: Token) -> bool:
    """ "six priests, a maid and her daughter", "Russell Smith, his wife, Shawna Smith, and their two children": the
    parser takes the one person after a counted group or a name for its apposition; in a list that goes on ("and
    her daughter"), it is the list's next member."""
    counted = group.tag_ == "NNS" and any(c.dep_ == "nummod" for c in group.children)
    named = group.tag_ == "NNP" and child.left_edge.i == group.i + 2 and group.nbor().text == ","  # "Smith, his wife"
    return (child.dep_ == "appos" and child.tag_ == "NN" and (counted or named)
            and any(c.dep_ == "poss" or counted and c.dep_ == "det" and c.lower_ in lexicon_of(child).INDEFINITE_ARTICLES
                    for c in child.children)
            and any(c.dep_ == "conj" and c.i > child.i for c in (*child.children, *group.children)))


def _named_conjuncts(head: Token, normalised: bool) -> list[Token]:
    """The head and its conjuncts, when each names one person."""
    members = conjuncts(head)
    singles = [m for m in members if m.tag_ in ("NN", "NNP") and not _is_denied(m)]
    if len(singles) != len(members):
        return []
    return sorted(members, key=lambda t: t.i)


def _is_single_person(head: Token, normalised: bool, trusted: bool) -> bool:
    words = lexicon_of(head)
    if head.lower_ in words.SINGULAR_PRONOUNS or _has_title(head):
        return True
    if head.lower_ == "another" and head.dep_ != "det":
        return True  # "one is dead and another injured"
    if head.lower_ == "old" and any(t.lower_ == "year" for t in head.lefts) or _is_age_noun(head):
        return any(c.dep_ == "det" and c.lower_ in words.SINGULAR_DETERMINERS for c in head.children)
    if head.lower_ in ("a", "an") and any(c.lower_ == "old" and any(t.lower_ == "year" for t in c.lefts)
                                          for c in head.children):
        return True  # "A 17-year-old was killed", its article parsed as the subject
    if head.tag_ not in ("NN", "NNP") or head.lemma_.lower() in words.NON_PERSON_NOUNS | words.COLLECTIVES:
        return False
    if head.lower_ in words.CALENDAR_WORDS:
        return False  # "Tuesday's killings": a day, nobody
    if head.lower_ in words.RELATIVE_PRONOUNS:
        return False
    return trusted or is_person_like(head, normalised)
