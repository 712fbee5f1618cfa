"""Reading a document's mentions together, and a sentence's claims as one statement.

Sentences are read one at a time; some of what they say only makes sense
against the rest of the document or the rest of the sentence: a shooting the
document reports as fatal, a member of a group already counted, a pronoun for
someone already reported, two victims of one statement, the day of a
statement that dates nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from casualty_events.schemas.mention import Mention
from casualty_events.transforms.casualties.claims import Claim, after_phrase
from casualty_events.transforms.casualties.facts import names_in, tells_a_group_again
from casualty_events.transforms.casualties.grounding import EventDate
from casualty_events.transforms.casualties.lexicon import Lexicon, lexicon_of
from casualty_events.transforms.casualties.triggers import hit_by_a_projectile, hit_in_a_limb, hit_in_the_body
from casualty_events.transforms.text import fold

# How many sentences after a group count a one-person mention is read as detailing it.
DETAIL_DISTANCE = 3
# How long before a report's day the day of its incident may be: news of an incident comes within the week; a day
# further back is more likely another incident's.
REPORTED_WITHIN = dt.timedelta(days=7)


@dataclass(frozen=True)
class Found:
    """A mention; whether it rests on a bare "shot" that may have been fatal; whether
    its victim is one unnamed person."""

    mention: Mention
    bare_shooting: bool
    unnamed_single: bool
    pronoun: bool  # the victim is only "he"/"she": someone the text has named before
    sentence_index: int | None  # None for the title
    victim_tokens: tuple[int, int, int]  # the victim phrase with the head's subtree (first, last), and the head
    listed: bool = False  # a part told as such (a group of a list, "among the dead"): never added to another
    perpetrator: bool = False  # "killed her three children before killing herself": never added to the victims
    # where an "after" phrase the claim is told in starts ("four are dead after the slaying of a woman"): figures
    # of a sentence told in and out of one are not added (what led to a figure may be part of it)
    told_after: int | None = None
    # how its sentence dated it: by a report's day ("has died of his wounds, officials said Friday"), by which of its
    # dates, the day the story tells next (`DocumentGround.event_date`)
    dated: EventDate = EventDate(None, "published")


def reconcile(found: list[Found], lexicon: Lexicon, incident_days: list[tuple[int, dt.date]] = ()) -> list[Mention]:
    """Document-level reading of what sentences say one at a time.

    "Shot" is an injury only when not fatal: a bare shooting of as many people as
    the document reports killed is that killing, not another casualty. And once a
    group is counted ("Four men were shot"), a later sentence about one unnamed
    member ("a 22-year-old man was shot in the leg") details it, so it is no new
    casualty; named people keep their own mentions. A victim known only as "he" or
    "she" is someone already mentioned: once that outcome has been reported, the
    pronoun repeats it. Those of a group of the hurt told later as dead ("One of them died",
    "Maxwell died") are counted killed, not injured as well. `incident_days` are (sentence
    index, day) of the sentences that name the incident (`DocumentGround.incident_days`).
    """
    found = _dated_by_the_incident(found)
    killed = {f.mention.count for f in found if f.mention.outcome == "killed"}
    # the shot of the document's statements that tell both outcomes ("shot five people ..., killing three": 2 + 3)
    shot = {a.mention.count + b.mention.count for a in found for b in found if a.sentence_index == b.sentence_index
            and a.mention.outcome == "killed" and b.mention.outcome == "injured" and a.mention.scope == "incident"}
    summed = {(f.mention.outcome, f.mention.count) for f in found
              if f.sentence_index is not None and f.mention.scope == "cumulative"}
    groups = [f for f in found if f.mention.count > 1 and f.mention.scope == "incident" and not (
        f.sentence_index is None and (f.mention.outcome, f.mention.count) in summed)]  # a headline repeating a sum
    kept: list[Found] = []
    deaths_told_again: list[Found] = []
    for f in found:
        m = f.mention
        if f.bare_shooting and m.count in killed and not f.listed:  # a part goes with its total
            deaths_told_again.append(f)
            continue
        if f.bare_shooting and m.count in shot and tells_a_group_again(m.victims, lexicon):
            continue  # "the gunman shot the five": the five shot, three of them killed, told before
        if f.listed and any(_part_of(f, total) for total in deaths_told_again):
            continue  # "A, 36, and her two sons were each shot": the sons are of the dead too
        if f.unnamed_single and not f.listed and any(
                _details(f, group) and not _retold_by_outcome(f, group, found) for group in groups):
            continue
        if f.pronoun and any(k.mention.outcome == m.outcome for k in kept):
            continue
        kept.append(f)
    stated = {f.sentence_index for f in found}  # a casualty's sentence has had its dates read by the parse
    kept = _without_the_named_dead([f.mention for f in _without_those_who_died(kept, lexicon)], lexicon)
    kept = _dated_by_their_shooting(kept, [f.mention for f in deaths_told_again], lexicon)
    return _dated_by_the_story(kept, [f.mention for f in found], [day for i, day in incident_days if i not in stated])


def _dated_by_the_incident(found: list[Found]) -> list[Found]:
    """ "A 15-year-old Brooklyn boy ... has died of his wounds, officials said Friday", after "Rohan Levy died
    Thursday, three days after he was shot": a statement dated only by the day of a report takes the earlier day
    the document's other statements of the same figure give its incident, within `REPORTED_WITHIN` (the day told
    most, the earliest on a tie), else the earlier day the sentence after it tells (`EventDate.told_next`: "Reports
    released Monday detail how 3-year-old Gavin Stiles ... fatally shot himself. On the morning of July 14, ...");
    a report's day is the incident's only when the document gives neither."""
    told = Counter((f.mention.outcome, f.mention.count, f.mention.event_date) for f in found
                   if not f.dated.reported and f.mention.scope == "incident" and f.mention.date_precision == "day")
    result = []
    for f in found:
        m = f.mention
        if f.dated.reported and m.date_precision == "day":
            days = [(n, day) for (outcome, count, day), n in told.items()
                    if (outcome, count) == (m.outcome, m.count) and m.event_date - REPORTED_WITHIN <= day < m.event_date]
            if days:
                day = max(days, key=lambda d: (d[0], -d[1].toordinal()))[1]
                f = dataclasses.replace(f, mention=dataclasses.replace(m, event_date=day))
            elif f.dated.told_next is not None:  # "Reports released Monday detail how ... On the morning of July 14, ..."
                f = dataclasses.replace(f, mention=dataclasses.replace(m, event_date=f.dated.told_next))
        result.append(f)
    return result


def _dated_by_their_shooting(mentions: list[Mention], shootings: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "Police investigate the shooting death of 25-year-old Rolandreon Fisher ... Fisher was shot multiple times
    early on the morning of January 29": the day a named dead person was shot, told in a statement of the shooting
    that the death counts, is the incident's (the Gun Violence Archive's date), before the later day the death's
    statement was read with (a charge, a report, the day of the death). A death dated by nothing of its own is left
    to the story's day (`_dated_by_the_story`)."""
    dated = [s for s in shootings if s.date_precision == "day" and names_in(s.victims, lexicon)]
    result = []
    for m in mentions:
        shot = next((s for s in dated if m.outcome == "killed" and s.count == m.count and m.scope == "incident"
                     and names_in(s.victims, lexicon) & names_in(m.victims, lexicon)
                     and m.date_precision == "day" and s.event_date < m.event_date), None)
        result.append(m if shot is None else dataclasses.replace(m, event_date=shot.event_date, date_precision="day"))
    return result


def _part_of(member: Found, total: Found) -> bool:
    """Whether a listed group is one of the groups of a total's victim phrase in the same statement."""
    (first, last, _), (total_first, total_last, _) = member.victim_tokens, total.victim_tokens
    return (member.sentence_index == total.sentence_index and member.mention.outcome == total.mention.outcome
            and total_first <= first and last <= total_last)


def _without_those_who_died(found: list[Found], lexicon: Lexicon) -> list[Found]:
    """ "Three people were shot Sunday. One of them died at the hospital.": those of the hurt who died are counted
    killed and the rest injured (2 and 1, not 3 and 1); the nearest larger group of the hurt before is theirs."""
    result = list(found)
    for f in found:
        m = f.mention
        if m.outcome != "killed" or m.scope != "incident" or f.sentence_index is None or not lexicon.PART_AFTER_RE.search(
                m.victims or "") or set(fold(m.victims).split()) & lexicon.DEAD_GROUP_WORDS:
            continue  # "one of them died", not "two of the dead"
        hurt = [i for i, g in enumerate(result) if g.mention.outcome == "injured" and g.mention.scope == "incident"
                and g.sentence_index is not None and 0 < f.sentence_index - g.sentence_index <= DETAIL_DISTANCE
                and g.mention.count > m.count]
        if hurt:
            group = result[hurt[-1]]
            result[hurt[-1]] = dataclasses.replace(
                group, mention=dataclasses.replace(group.mention, count=group.mention.count - m.count))
    return result


def _without_the_named_dead(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "Maxwell and another teenager were shot. ... Maxwell died": those of a group of the hurt whom the text
    names as dead are counted killed, the rest injured (1 injured, 1 killed; not 2 and 1); a named dead person's own
    wound is no injury of its own. A dead person is in the
    group when the names of one hold all the names of the other ("Rodriguez and her mother", "Iris Rodriguez")."""
    dead = [names_in(lexicon.POSSESSOR_RE.sub("", m.victims), lexicon) for m in mentions
            if m.outcome == "killed" and m.scope == "incident" and m.count == 1]  # not "Holoday's stepfather"
    result = []
    for m in mentions:
        hurt = m.outcome == "injured" and m.scope == "incident"
        named = names_in(lexicon.POSSESSOR_RE.sub("", m.victims), lexicon) if hurt else set()  # not "Brown's sister"
        if hurt and m.count > 1 and (member := lexicon.MEMBER_OF_GROUP_RE.search(m.evidence)):
            named |= names_in(member["name"], lexicon)  # "Duhart was one of five people injured"
        died = _people([names for names in dead if names and named and (names <= named or named <= names)])
        if 0 < died < m.count:
            result.append(dataclasses.replace(m, count=m.count - died))
        elif not died:  # "Hernandez was struck in the torso": the wound of one of the dead; "A and B were shot ...
            result.append(m)  # A died ... B died": the wounds of all of them
    return result


def _people(names: list[set[str]]) -> int:
    """How many people some sets of names are, one person told twice ("Maxwell", "Terrance Maxwell") once."""
    people: list[set[str]] = []
    for told in names:
        same = next((person for person in people if told <= person or person <= told), None)
        if same is None:
            people.append(set(told))
        else:
            same |= told
    return len(people)


def _dated_by_the_story(mentions: list[Mention], told: list[Mention], incident_days=()) -> list[Mention]:
    """ "A teen is dead after shots were fired at a house party ... The shooting happened about 1 a.m.
    Saturday": an incident statement with no date in reach (the title, a lead that dates nothing) takes the day
    the document's incident statements give most (the first told on a tie), not the publication date. All that
    the sentences `told` count, even a statement kept out as a repeat ("he was found Thursday with a gunshot
    wound")."""
    days = Counter(m.event_date for m in told if m.scope == "incident" and m.date_precision == "day") or Counter(
        incident_days)  # else what the sentences naming the incident say ("a shooting that happened early Sunday")
    if not days:
        return mentions
    day = max(days, key=lambda d: (days[d], -list(days).index(d)))
    return [dataclasses.replace(m, event_date=day, date_precision="day")
            if m.scope == "incident" and m.date_precision == "published" else m for m in mentions]


def merge_statement(found: list[Found], lexicon: Lexicon) -> list[Found]:
    """One mention per (statement, outcome): "A was shot in the wrist and B was also
    wounded" states two people injured. Only incident counts of separate groups add
    up; figures of one toll, or a group and a member of it, do not."""
    merged: list[Found] = []
    for f in found:
        partner = next((m for m in merged if _adds_up(m, f, lexicon)), None)
        if partner is None:
            merged.append(f)
            continue
        a, b = partner.mention, f.mention
        mention = dataclasses.replace(
            a, count=a.count + b.count, victims=f"{a.victims}; {b.victims}", attribution=a.attribution or b.attribution
        )
        first, last, head = partner.victim_tokens
        combined = dataclasses.replace(
            partner, mention=mention, unnamed_single=False, pronoun=False, victim_tokens=(min(first, f.victim_tokens[0]), max(last, f.victim_tokens[1]), head)
        )
        merged[merged.index(partner)] = combined
    return merged


def _adds_up(a: Found, b: Found, lexicon: Lexicon) -> bool:
    x, y = a.mention, b.mention
    if x.outcome != y.outcome or "cumulative" in (x.scope, y.scope):
        return False
    if x.count_qualifier != "exact" or y.count_qualifier != "exact" or a.pronoun or b.pronoun or a.listed or b.listed:
        return False
    if a.told_after != b.told_after:
        return False  # "four people are dead after ... the slaying of a woman": she may be one of the four
    if a.perpetrator or b.perpetrator:
        return False  # "a woman killed her three children before killing herself": 3 and 1, not 4
    if fold(x.victims or "") == fold(y.victims or ""):
        return False  # one group named twice
    if _dated_apart(a, b):
        return False  # "a woman shot to death over the weekend, as well as a teen killed last week": two incidents
    if _names_perpetrators(x.victims, lexicon) != _names_perpetrators(y.victims, lexicon):
        return False  # "the gunman was killed after he killed three people": 1 and 3, not 4
    (a_first, a_last, _), (b_first, b_last, _) = a.victim_tokens, b.victim_tokens
    if not (a_last < b_first or b_last < a_first):
        return False  # one phrase inside the other
    earlier, later = (x, y) if a_first < b_first else (y, x)
    if later.count == 1 and 0 < _ordinal(later.victims, lexicon) <= earlier.count:
        return False  # "two people injured ... a second victim was taken to the hospital": one of the two
    return not (later.count < earlier.count and _bare_number(later.victims, lexicon))  # "5 people shot, 2 seriously injured"


def _dated_apart(a: Found, b: Found) -> bool:
    """Whether two claims of one statement are dated apart: other days, or each by a date of its own ("over the
    weekend", "last week", however near they read)."""
    x, y = a.mention, b.mention
    return ((x.event_date, x.date_precision) != (y.event_date, y.date_precision)
            or (a.dated.told_at >= 0 and b.dated.told_at >= 0 and a.dated.told_at != b.dated.told_at))


def _ordinal(victims: str | None, lexicon: Lexicon) -> int:
    """The place an ordinal gives one victim ("a second victim": 2), 0 without one."""
    return next((lexicon.ORDINAL_NUMBERS[w] for w in fold(victims or "").split() if w in lexicon.ORDINAL_NUMBERS), 0)


def _bare_number(victims: str | None, lexicon: Lexicon) -> bool:
    """A group told by its number alone ("2", "two"), no people of its own and no "other": some of a larger
    group told before it."""
    words = fold(victims or "").split()
    return bool(words) and all(word.isdigit() or word in lexicon.NUMBER_UNITS for word in words)


def _a_gunshot_wound(trigger: Token) -> bool:
    """ "a gunshot wound", "bullet wounds": a wound that may have been fatal."""
    words = lexicon_of(trigger)
    return trigger.pos_ == "NOUN" and trigger.lemma_.lower() in words.INJURY_NOUNS and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in words.PROJECTILE_WORDS for c in trigger.children)


def _harmed_others_too(claim: Claim, sentence_claims: list[Claim]) -> bool:
    """A victim who harmed themselves and others told in the sentence ("killed her three children before killing
    herself"): the perpetrator. A child who shot himself alone is a victim like the others."""
    if not any(c.dep_ == "dobj" and c.lower_ in lexicon_of(claim.trigger).REFLEXIVES for c in claim.trigger.children):
        return False
    return any(claim.victims.head.i in _who_harmed(other) for other in sentence_claims
               if other.trigger.i != claim.trigger.i)


def _who_harmed(claim: Claim) -> set[int]:
    """The tokens naming who did a claim's harm: its verb's subject ("a woman killed her three children") or its
    passive's agent ("were killed by Salazar's fiancé, Johnathon Reeves"), with what is put beside them."""
    doers = [c for c in claim.trigger.children if c.dep_ == "nsubj"]
    doers += [o for a in claim.trigger.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return {t.i for doer in doers for t in [doer, *(c for c in doer.children if c.dep_ == "appos")]}


def _names_perpetrators(victims: str | None, lexicon: Lexicon) -> bool:
    return any(word in lexicon.PERPETRATOR_NOUNS for word in fold(victims or "").split())


def _details(member: Found, group: Found) -> bool:
    """Whether a one-person mention follows a group mention of the same outcome closely."""
    if member.mention.outcome != group.mention.outcome or member.sentence_index is None:
        return False
    if group.sentence_index is None:
        return True  # the title counts the group the whole article details
    return 0 < member.sentence_index - group.sentence_index <= DETAIL_DISTANCE


def _retold_by_outcome(member: Found, group: Found, found: list[Found]) -> bool:
    """Whether the hurt one's sentence tells the group again, split into its dead and its hurt ("two teenage boys
    were wounded ... A 16-year-old boy was killed and a 15-year-old boy wounded"): the one wounded is then a
    statement of its own, not a detail of the group. Its sentence tells no other hurt ("shot his mother, killed
    another woman, then shot himself" details a killing spree)."""
    told = [f.mention for f in found if f.sentence_index == member.sentence_index and f.mention.scope == "incident"]
    killed = sum(m.count for m in told if m.outcome == "killed")
    hurt = [m for m in told if m.outcome == "injured"]
    return (member.mention.outcome == "injured" and len(hurt) == 1 and 0 < killed
            and killed + member.mention.count == group.mention.count)


def found_mention(mention: Mention, claim: Claim, sentence_claims: list[Claim], sentence: str, index: int | None) -> Found:
    """A mention; its shooting ("shot", "hitting him in the head") is bare unless the sentence says the victim
    lived, or sets it against a death ("A was killed and B was shot")."""
    words = lexicon_of(claim.trigger)
    trigger = claim.trigger
    wound = _a_gunshot_wound(trigger)
    told = words.GUNSHOT_WOUND_RE.sub("", sentence) if wound else sentence  # the wound says nothing of life
    bare = (
        claim.outcome == "injured"
        and (trigger.lemma_.lower() == "shoot" or hit_in_the_body(trigger)  # "hitting him in the head"
             or hit_by_a_projectile(trigger)  # "a single gunshot that struck Newman"
             or trigger.lemma_.lower() in words.TO_HOSPITAL_VERBS  # "was taken by ambulance to a hospital"
             or wound)  # "found on the ground with a gunshot wound to the head"
        and words.SURVIVAL_RE.search(told) is None
        and not {t.lower_ for t in trigger.doc[claim.victims.start:claim.victims.end]} & words.ANOTHER_PERSON_WORDS
        and not hit_in_a_limb(trigger)  # "shot in the leg": wounded, whoever else died
        and not any(
            c.outcome == "killed" and (c.victims.head.i != claim.victims.head.i or c.trigger.i == claim.trigger.i)
            for c in sentence_claims
        )  # "A was killed and B shot"; "two shot, one fatally" says the other one lived
    )
    single = claim.victims.count == 1 and not claim.victims.named and claim.victims.qualifier == "exact"
    head = claim.victims.head
    pronoun = head.lower_ in words.SINGULAR_PRONOUNS
    tokens = (min(head.left_edge.i, claim.victims.start), max(head.right_edge.i, claim.victims.end - 1), head.i)
    return Found(mention, bare, single and not pronoun, pronoun, index, tokens,
                 perpetrator=_harmed_others_too(claim, sentence_claims), told_after=after_phrase(claim.trigger))
