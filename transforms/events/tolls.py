"""Tolls: cumulative figures ("the death toll has surpassed 1,000"), one series per who, where and outcome.

A toll is never an incident and never added to one: it is a running total as of
a date. Each cumulative fact of an article is one row of the `tolls` table; the
rows of one series share a `series_id`, so an analyst plots a toll as it grows
(`SELECT as_of_date, max(count) ... GROUP BY as_of_date`). A series is the
outcome, the country where the deaths occurred, and who died: the nationality
the victims phrase names ("Iranian soldiers", "Iran's martyrs", "Iran-deployed
fighters" are one series), else its last word ("289 people", "23 soldiers").
"""
from __future__ import annotations

import hashlib
import re

from casualty_events.transforms.casualties.lexicon import Lexicon
from casualty_events.transforms.casualties.gazetteer import nationality

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019]s)?")


def who_of(victims: list[str], lexicon: Lexicon) -> str:
    """Who a toll counts, from the victims phrases of its statements: a country code, or a word."""
    words = [w for phrase in victims for part in phrase.split("-") for w in _WORD_RE.findall(part)]
    for word in words:
        country = nationality(word)
        if country:
            return country
    plain = [w.casefold() for w in words if w.casefold() not in lexicon.SERIES_STOPWORDS]
    return plain[-1].removesuffix("s") if plain else "unspecified"


def series_id(outcome: str, country_code: str | None, who: str) -> str:
    return hashlib.sha256(f"{outcome}|{country_code or '--'}|{who}".encode()).hexdigest()[:16]


def toll_rows(mentions: list[dict], lexicon: Lexicon) -> list[dict]:
    """One row per cumulative fact of the mention rows (not parts of a total), with its series."""
    by_fact: dict[str, list[dict]] = {}
    for row in mentions:
        if row["scope"] == "cumulative" and not row.get("part_of"):
            by_fact.setdefault(row["fact_id"], []).append(row)
    rows = []
    for fact_id, statements in sorted(by_fact.items()):
        lead = next((r for r in statements if r.get("char_start") is not None), statements[0])
        who = who_of([r["victims"] for r in statements if r.get("victims")], lexicon)
        rows.append({
            "series_id": series_id(lead["outcome"], lead.get("country_code"), who),
            "series": f"{lead['outcome']} · {lead.get('country_code') or '--'} · {who}",
            "outcome": lead["outcome"],
            "who": who,
            "victims": lead.get("victims"),
            "count": lead["count"],
            "count_high": lead.get("count_high"),
            "count_qualifier": lead["count_qualifier"],
            "as_of_date": lead["event_date"],
            "date_precision": lead["date_precision"],
            "location": lead.get("location"),
            "country_code": lead.get("country_code"),
            "fact_id": fact_id,
            "article_id": lead["article_id"],
            "statements": len(statements),
            "evidence": lead["evidence"],
        })
    return rows
