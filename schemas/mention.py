"""The casualty mention: what the extractor returns, field for field as in GUIDELINES.md."""
from __future__ import annotations

import dataclasses
import datetime as dt

OUTCOMES = ("killed", "injured", "missing", "captured")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "range", "vague")
SCOPES = ("incident", "cumulative")
DATE_PRECISIONS = ("day", "week", "month", "year", "period", "published")
CAUSES = ("violence", "accident", "disaster", "disease", "unknown")


@dataclasses.dataclass(frozen=True)
class Mention:
    """One statement that a number of people (or a named person) met one outcome.

    `event_date` is None only when the document has no publication date and the
    text gives none; `char_start`/`char_end` are None when the evidence is a
    title that the document text does not contain.
    """

    outcome: str
    count: int
    count_high: int | None
    count_qualifier: str
    scope: str
    victims: str | None
    location: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    event_date: dt.date | None
    date_precision: str
    attribution: str | None
    evidence: str
    char_start: int | None
    char_end: int | None
    place_precision: str | None = None  # town, district, admin1, country, region; None without a place
    admin1_code: str | None = None  # ISO 3166-2 of the place's state or province, where known ("US-OH")
    admin1: str | None = None  # that state or province's name ("Ohio")
    geonames_id: int | None = None  # the place's GeoNames id, where it has one
    cause: str = "unknown"  # violence, accident, disaster, disease (`transforms.casualties.cause`)
    mechanism: str | None = None  # how: shooting, airstrike, road, flood, ... where the text says
    fact: int | None = None  # the mentions of a document telling one figure share it (`facts.group_facts`)
    part_of: int | None = None  # the fact of the total this count is a part of ("three of them")

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")
        if self.count_qualifier not in QUALIFIERS:
            raise ValueError(f"unknown count_qualifier {self.count_qualifier!r}")
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}")
        if self.date_precision not in DATE_PRECISIONS:
            raise ValueError(f"unknown date_precision {self.date_precision!r}")
        if self.cause not in CAUSES:
            raise ValueError(f"unknown cause {self.cause!r}")

    def fact_ids(self, document_id: str) -> dict[str, str | None]:
        """`fact_id` and `part_of` as ids unique in the dataset: "<document id>/f<index>"."""
        return {"fact_id": f"{document_id}/f{self.fact}" if self.fact is not None else None,
                "part_of": f"{document_id}/f{self.part_of}" if self.part_of is not None else None}

    def to_json(self) -> dict:
        """A JSON-ready dict, the shape `casualties extract` writes and the scorer reads. Its fields are plain
        values, so a shallow copy does: 1 µs, where `dataclasses.asdict`, which deep-copies each, took 43 µs."""
        row = dict(vars(self))
        del row["fact"], row["part_of"]  # written as ids by whoever knows the document's id (`fact_ids`)
        row["event_date"] = self.event_date.isoformat() if self.event_date else None
        return row
