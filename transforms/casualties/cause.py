"""What caused a casualty, so that analysts can keep war apart from road crashes, floods and disease: `violence`
(with how: shooting, explosion, airstrike, clash, stabbing, execution), `accident` (road, air, rail, sea, fire,
collapse, industrial), `disaster` (earthquake, flood, storm, landslide, heat), `disease`, or `unknown`.

Read from the casualty clause's own words first ("killed in an airstrike"), then its sentence, then what the
document says most often: a clause saying nothing of its cause is read in its story's. The cue words are the
lexicon's (`CAUSE_CUES`), in the order that settles a tie.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.casualties.pattern_set import PatternSet


class Cause(NamedTuple):
    cause: str
    mechanism: str | None


UNKNOWN = Cause("unknown", None)


@functools.cache
def _cues(lexicon: Lexicon) -> tuple[tuple[Cause, re.Pattern[str]], ...]:
    """Each cause with its cue words' pattern, for lower-cased text: the cues are lower case, and a pattern without
    IGNORECASE reads a lower-cased copy in two thirds of the time."""
    return tuple((Cause(*cause), re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])"))
                 for cause, patterns in lexicon.CAUSE_CUES)


@functools.cache
def _cue_set(lexicon: Lexicon) -> PatternSet:
    return PatternSet([pattern for _, pattern in _cues(lexicon)])


@functools.lru_cache(maxsize=4096)
def cause_in(text: str, lexicon: Lexicon) -> Cause | None:
    """The cause the words of `text` say, the first of the cues' order; None when they say none. Remembered: each
    claim of a sentence asks of the same sentence."""
    lowered = text.lower()
    return next((cause for cause, pattern in _cues(lexicon) if pattern.search(lowered)), None)


def document_cause(text: str, lexicon: Lexicon) -> Cause:
    """The cause a document names most often (the cues' order breaks a tie), unknown when it names none."""
    cues = _cues(lexicon)
    found = _cue_set(lexicon).finditer_each(text.lower())
    said = Counter({cause: len(matches) for (cause, _), matches in zip(cues, found)})
    order = {cause: rank for rank, (cause, _) in enumerate(cues)}
    best = max(said, key=lambda cause: (said[cause], -order[cause]))
    return best if said[best] else UNKNOWN


def cause_of(clause: str, sentence: str, document: Callable[[], Cause], lexicon: Lexicon) -> Cause:
    """The clause's cause, else its sentence's, else the document's: asked for only then, as reading the whole
    document for it costs more than reading the clause and sentence of every claim."""
    return cause_in(clause, lexicon) or cause_in(sentence, lexicon) or document()
