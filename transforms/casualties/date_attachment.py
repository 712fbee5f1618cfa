"""Which dates of a claim's sentence the parse gives to another event than the claim's.

A sentence often dates two events: "Police said Monday that a man was killed
Sunday", "a teenager charged in the shooting death of his friend appeared in
court Friday", "after an Aug. 8 autopsy". The nearest date to the outcome word
is then as likely the report's or the court's as the incident's. A date is
read by the first event word above it in the dependency parse: the claim's
outcome word or an incident noun ("the June 1 shooting") make it the
incident's; an arrest, a charge, a hearing (`OTHER_EVENT_*` in the lexicon)
another event's; a report (`REPORT_*`) the report's, which is the incident's
only when the sentence dates nothing else. A claim told in a clause on the date
itself ("since Nov. 15, when police shot him") happened on that date, not over
the period the date opens.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable

from spacy.tokens import Span, Token

from casualty_events.transforms.casualties.dates import DateMention
from casualty_events.transforms.casualties.lexicon import lexicon_of


class Attachment(enum.Enum):
    INCIDENT = "incident"
    ON_THE_DATE = "incident told in a clause on the date"  # "Sunday, when gunmen killed five"
    REPORT = "report"
    OTHER_EVENT = "other event"


def date_attachments(trigger: Token, span: Span, base: int, dates: Iterable[DateMention]) -> dict[int, Attachment]:
    """What each of the `dates` of the sentence `span` (parsed from document offset `base`) dates, by the date's
    start (a document offset), for the claim whose outcome word is `trigger`."""
    found = {}
    other_event = _other_event_told_of(trigger)
    for date in dates:
        phrase = _phrase(date, span, base)
        if phrase is None or _names_an_incident(span.doc, phrase.end):
            found[date.start] = Attachment.INCIDENT  # "the June 1 shooting death", "Saturday's shooting"
        elif _told_on_the_date(trigger, phrase) or _dates_its_injuries(trigger, phrase):
            found[date.start] = Attachment.ON_THE_DATE
        else:
            dated = _dated_word(phrase.root, trigger)
            attachment = _attachment(dated, trigger)
            if other_event is not None and (attachment is Attachment.REPORT or attachment is Attachment.INCIDENT and (
                    dated.pos_ in ("VERB", "AUX") and (dated.i == other_event.i or dated.is_ancestor(other_event)))):
                # "is charged in the murder of Rohan Levy, police said Wednesday", "police were called to the school
                # Thursday on a tip in the investigation into the shooting death of": that event's day (not "charged
                # in the killing of Christian, who was shot Friday": the verb is the claim's)
                attachment = Attachment.OTHER_EVENT
            found[date.start] = attachment
    return found


def _other_event_told_of(trigger: Token) -> Token | None:
    """The word of the other event the claim is told as what it is about ("charged in the murder of", "arrested in
    the shooting death of", "the investigation into the death of"), if any: a report in its sentence then reports
    that event, not the casualty."""
    words = lexicon_of(trigger)
    node = trigger
    while node.head.i != node.i:
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in words.OTHER_EVENT_NOUNS or (node.pos_ in ("VERB", "AUX") and lemma in words.OTHER_EVENT_VERBS):
            return node
        if node.pos_ in ("VERB", "AUX") and lemma not in words.REPORT_VERBS | words.LINKING_VERBS:
            return None  # the claim's own clause: "was shot Friday after he was charged", not about the charge
    return None


def _names_an_incident(doc, after: int) -> bool:
    """Whether the words after a date name an incident: "shooting", "'s shooting"."""
    words = lexicon_of(doc)
    following = [t for t in doc[after : after + 2] if t.text not in ("'s", "’s")][:1]
    return bool(following) and following[0].lower_ in words.INCIDENT_NOUNS


def _told_on_the_date(trigger: Token, phrase: Span) -> bool:
    """Whether the claim's outcome word is in a clause on the date ("since Nov. 15, when police fatally shot
    Jamar Clark": a relative clause of "Nov.", opened by "when")."""
    words = lexicon_of(trigger)
    node = trigger
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "advcl") and phrase.start <= node.head.i < phrase.end and any(
                child.dep_ == "advmod" and child.lower_ in words.TIME_RELATIVES for child in node.children):
            return True
        node = node.head
    return False


def _dates_its_injuries(trigger: Token, phrase: Span) -> bool:
    """Whether the date is of the injuries a death came from ("died Sunday from his injuries suffered Saturday
    night", "of wounds sustained Friday"): the day the victim was hurt, the incident's."""
    words = lexicon_of(trigger)
    node = phrase.root
    while node.head.i != node.i and node.i != trigger.i:
        node = node.head
        if node.lemma_.lower() in words.INJURY_NOUNS and node.head.dep_ == "prep" and node.head.head.i == trigger.i:
            return True
    return False


def _dated_word(token: Token, trigger: Token) -> Token:
    """The first event word above `token` (the claim's outcome word, an incident, another event or a report noun, a
    verb), else the root of the parse."""
    words = lexicon_of(token)
    node = token
    while node.head.i != node.i:  # spaCy makes a new Token object at each access: compare positions
        node = node.head
        lemma = node.lemma_.lower()
        if (node.i == trigger.i or lemma in words.INCIDENT_NOUNS | words.OTHER_EVENT_NOUNS | words.REPORT_NOUNS
                or node.pos_ in ("VERB", "AUX")):
            return node
    return node


def _attachment(dated: Token, trigger: Token) -> Attachment:
    """What a date read by the event word `dated` dates."""
    words = lexicon_of(dated)
    lemma = dated.lemma_.lower()
    if dated.i == trigger.i or lemma in words.INCIDENT_NOUNS:
        return Attachment.INCIDENT
    if lemma in words.OTHER_EVENT_NOUNS:
        return Attachment.OTHER_EVENT
    if lemma in words.REPORT_NOUNS:
        return Attachment.REPORT
    if dated.pos_ in ("VERB", "AUX"):
        if lemma in words.OTHER_EVENT_VERBS:
            return Attachment.OTHER_EVENT
        return Attachment.REPORT if lemma in words.REPORT_VERBS else Attachment.INCIDENT
    return Attachment.INCIDENT


def toll_date_attachments(anchor: Token, span: Span, base: int, dates: Iterable[DateMention]) -> dict[int, Attachment]:
    """ "The toll rose from 400 in July to 1,000", "deaths rose to 300 from 250 in 2020": a date after "from N" or
    "to N" dates that figure. For the figure at `anchor` (its number), the dates that follow another figure's "from"
    or "to" are another figure's."""
    words = lexicon_of(anchor)
    found = {}
    for date in dates:
        phrase = _phrase(date, span, base)
        if phrase is None:
            continue
        before = next((t for t in reversed(span.doc[span.start : phrase.start]) if t.lower_ in words.TOLL_RANGE_WORDS), None)
        if before is not None and not before.i < anchor.i < phrase.start:
            found[date.start] = Attachment.OTHER_EVENT
    return found


def _phrase(date: DateMention, span: Span, base: int) -> Span | None:
    """The tokens of a date of the sentence `span`, parsed from document offset `base`."""
    return span.doc.char_span(date.start - base, date.end - base, alignment_mode="expand")
