"""The run's accounting: what the manifest counts, from the rows the run staged, and the checks that they add up.

Every feed has one status and every entry one fate (extracted, rejected,
skipped), on every runner, because the counts come from the staged tables,
not from the runner's metrics.
"""
from __future__ import annotations

from casualty_events.pipelines import dataset
from casualty_events.schemas.codes import Reason, Stage
from casualty_events.transforms.storage import Location


def count_run(staging: Location, feeds_total: int) -> dict[str, int]:
    """The manifest's counts, from the rows the run staged."""
    feeds = dataset.read_staged_rows(staging, "_feeds")
    skipped = dataset.read_staged_rows(staging, "_skipped")
    rejects = dataset.read_staged_rows(staging, "rejects")
    entry_rejects = [r for r in rejects if r["stage"] != Stage.FEED or r["reason"] == Reason.ENTRY_WITHOUT_LINK]
    by_status = {status: sum(1 for f in feeds if f["status"] == status) for status in ("ok", "not_modified", "failed")}
    skip_counts = {reason: sum(1 for s in skipped if s["reason"] == reason)
                   for reason in ("seen", "unchanged", "duplicate_entry", "older_than_since")}
    articles_extracted = dataset.count_staged_rows(staging, "articles")
    fetch_and_feed_rejects = sum(1 for r in entry_rejects if r["stage"] in (Stage.FEED, Stage.FETCH))
    entries = sum(f["entries"] for f in feeds)
    attempted = entries - skip_counts["seen"] - skip_counts["duplicate_entry"] - skip_counts["older_than_since"]
    return {
        "feeds_total": feeds_total,
        "feeds_ok": by_status["ok"],
        "feeds_not_modified": by_status["not_modified"],
        "feeds_failed": by_status["failed"],
        "entries": entries,
        "articles_skipped_seen": skip_counts["seen"] + skip_counts["unchanged"],
        "articles_attempted": attempted,
        "entries_skipped_duplicate": skip_counts["duplicate_entry"],
        "entries_skipped_older": skip_counts["older_than_since"],
        "articles_fetched": attempted - fetch_and_feed_rejects,
        "articles_extracted": articles_extracted,
        "articles_rejected": len(entry_rejects),
        "articles_rejected_language": sum(1 for r in entry_rejects if r["reason"] == Reason.LANGUAGE),
        "mentions": dataset.count_staged_rows(staging, "mentions"),
    }


def check_identities(counts: dict[str, int]) -> list[str]:
    """What does not add up; an empty list when every feed and entry is accounted for."""
    problems = []
    feeds = counts["feeds_ok"] + counts["feeds_not_modified"] + counts["feeds_failed"]
    if feeds != counts["feeds_total"]:
        problems.append(f"feeds: ok + not_modified + failed = {feeds}, total {counts['feeds_total']}")
    entries = (counts["articles_extracted"] + counts["articles_rejected"] + counts["articles_skipped_seen"]
               + counts["entries_skipped_duplicate"] + counts["entries_skipped_older"])
    if entries != counts["entries"]:
        problems.append(f"entries: extracted + rejected + skipped = {entries}, entries {counts['entries']}")
    return problems


def failure_ratio(counts: dict[str, int]) -> float:
    """Failed feeds and articles over everything attempted (at most 1); another language is no failure."""
    attempted = counts["feeds_total"] + counts["articles_attempted"]
    failed = counts["feeds_failed"] + counts["articles_rejected"] - counts["articles_rejected_language"]
    return failed / attempted if attempted else 0.0


EXAMPLES_PER_REASON = 3


def rejects_by_reason(staging: Location) -> list[dict]:
    """The run's rejects grouped by (stage, reason), most first, each with its count and first few sources."""
    groups: dict[tuple[str, str], dict] = {}
    for row in dataset.read_staged_rows(staging, "rejects"):
        group = groups.setdefault((row["stage"], row["reason"]),
                                  {"stage": row["stage"], "reason": row["reason"], "count": 0, "examples": []})
        group["count"] += 1
        if len(group["examples"]) < EXAMPLES_PER_REASON:
            group["examples"].append({"source": row["url"] or row["feed_url"], "detail": row["detail"]})
    return sorted(groups.values(), key=lambda g: (-g["count"], g["stage"], g["reason"]))
