"""One CasualtyExtractor per test process: loading spaCy and the gazetteer is the slow part."""
from __future__ import annotations

import datetime as dt
import functools

import pytest

from casualty_events.schemas.mention import Mention
from casualty_events.transforms.casualties.extractor import CasualtyExtractor

# A Friday, so that weekdays in test sentences resolve to known dates.
PUBLISHED = dt.date(2024, 3, 15)


@functools.cache
def shared_extractor() -> CasualtyExtractor:
    return CasualtyExtractor()


@pytest.fixture(scope="session")
def extractor() -> CasualtyExtractor:
    return shared_extractor()


def counts(mentions: list[Mention]) -> set[tuple[str, int, int | None, str]]:
    """What the mentions state, without the fields around it."""
    return {(m.outcome, m.count, m.count_high, m.count_qualifier) for m in mentions}
