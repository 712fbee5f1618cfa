"""`casualties events`: the run's event resolution over the mentions `casualties extract` writes.

So that event quality can be scored on annotated documents: the same
reports, windows and rules as the `events` table, with the documents' ids.
"""
from __future__ import annotations

import datetime as dt
import json

from casualty_events.transforms.casualties.lexicon import PIPELINE_LANGUAGE, for_language
from casualty_events.transforms.events.events import resolve_mentions


def read_mentions(lines, name: str) -> list[dict]:
    """Mention rows with `article_id` (the `doc_id`); a line that is not a mention is a ValueError naming it."""
    rows = []
    positions: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            doc_id = str(row["doc_id"])
            for field in ("outcome", "count", "scope", "date_precision", "evidence"):
                row[field]  # noqa: B018  (a KeyError names the missing field)
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{name}:{number}: not a mention of `casualties extract` "
                             f"({type(error).__name__}: {error})") from None
        k = positions[doc_id] = positions.get(doc_id, -1) + 1
        row["article_id"] = doc_id
        row["published_at"] = _published_at(row.get("published") or row.get("published_at"), name, number)
        row["fact_id"] = row.get("fact_id") or f"{doc_id}/m{k}"  # written before facts: each mention its own
        rows.append(row)
    return rows


def _published_at(published, name: str, number: int) -> dt.datetime | None:
    """The document's date as the mentions table's `published_at` (midnight UTC): the resolver orders reports by it
    and reads a report's days against it, as in a run."""
    if not published:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(str(published)[:10]), dt.time(), tzinfo=dt.timezone.utc)
    except ValueError:
        raise ValueError(f"{name}:{number}: \"published\" is not a date: {published!r}") from None


def event_line(event: dict) -> dict:
    """What `events --output` writes of an event (the scorer's fields, and the estimates' ranges)."""
    location = event["location"]
    if location and event["admin1_code"] and event["country_code"] == "US":
        location = f"{location}, {event['admin1_code'].removeprefix('US-')}"
    return {
        "event_id": event["event_id"],
        "doc_ids": event["article_ids"],
        "fact_ids": event["fact_ids"],
        **{key: event[key] for key in ("killed", "killed_low", "killed_high", "injured", "injured_low", "injured_high",
                                       "missing", "captured")},
        "event_date": event["event_date"].isoformat() if event["event_date"] else None,
        "date_precision": event["date_precision"],
        "location": location,
        "country_code": event["country_code"],
        "place_precision": event["place_precision"],
        "admin1_code": event["admin1_code"],
        "admin1": event["admin1"],
        "geonames_id": event["geonames_id"],
        "cause": event["cause"],
        "mechanism": event["mechanism"],
    }


def events_command(source, name: str, out) -> int:
    """Resolve the mentions of `source` into events written to `out`, one a line; returns the count."""
    events = resolve_mentions(read_mentions(source, name), for_language(PIPELINE_LANGUAGE))
    for event in events:
        out.write(json.dumps(event_line(event), ensure_ascii=False) + "\n")
    return len(events)
