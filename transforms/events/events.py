"""Event rows: a window's reports resolved, each event with its estimates, place, date and sources."""
from __future__ import annotations

import collections
from collections.abc import Iterable

from casualty_events.transforms.casualties.gazetteer import admin1_name
from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.events.reports import Report, facts_of, incident_reports, most_told_cause
from casualty_events.transforms.events.resolve import estimates, event_day, event_id, event_place, report_window, resolve


def reports_by_window(mentions: Iterable[dict], lexicon: Lexicon) -> dict[str, list[Report]]:
    """Mention rows (of articles that are not duplicates) into incident reports, by window."""
    by_article: dict[str, list[dict]] = collections.defaultdict(list)
    for row in mentions:
        by_article[row["article_id"]].append(row)
    windows: dict[str, list[Report]] = collections.defaultdict(list)
    for article_id in sorted(by_article):
        for report in incident_reports(facts_of(by_article[article_id], lexicon), lexicon):
            windows[report_window(report)].append(report)
    return dict(windows)


def event_rows(window: str, reports: list[Report], lexicon: Lexicon) -> list[dict]:
    """The events of one window, one dict each, in a stable order."""
    rows = []
    for event in resolve(reports, lexicon):
        day, precision = event_day(event)
        place = event_place(event)
        row = {"event_id": event_id(event), "event_window": window, "event_date": day, "date_precision": precision}
        told = estimates(event)
        for outcome, found in told.items():
            row[outcome] = found.best if found else None
            row[f"{outcome}_low"] = found.low if found else None
            row[f"{outcome}_high"] = found.high if found else None
        best = max(event, key=lambda r: (sum(r.counts.get(o) == (e.best if e else None) for o, e in told.items()),
                                         r.published_at is not None, r.published_at or 0, r.fact_ids))
        reported = sorted(r.published_at for r in event if r.published_at is not None)
        cause, mechanism = most_told_cause([best.cause, *(r.cause for r in event if r is not best)])
        row.update(
            location=place.name if place else None,
            admin1_code=place.admin1_code if place else None,
            admin1=admin1_name(place.admin1_code) if place else None,
            geonames_id=place.geonames_id if place else None,
            country_code=(place.country_code if place else None) or event[0].country_code,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            place_precision=place.precision if place else "unknown",
            cause=cause,
            mechanism=mechanism,
            articles=len({r.article_id for r in event}),
            sources=len({r.source for r in event if r.source}) or None,
            first_reported_at=reported[0] if reported else None,
            last_reported_at=reported[-1] if reported else None,
            article_ids=sorted({r.article_id for r in event}),
            fact_ids=sorted(f for r in event for f in r.fact_ids),
            evidence=best.evidence,
            evidence_article_id=best.article_id,
        )
        rows.append(row)
    return sorted(rows, key=lambda r: r["event_id"])


def resolve_mentions(mentions: Iterable[dict], lexicon: Lexicon) -> list[dict]:
    """Every event the mention rows tell of, window by window."""
    return [row for window, reports in sorted(reports_by_window(mentions, lexicon).items())
            for row in event_rows(window, reports, lexicon)]
