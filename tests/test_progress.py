"""Progress that informs: workers' tallies of feeds, entries and their ends, drawn by rich with totals."""
from __future__ import annotations

import datetime as dt
import io

from casualty_events.pipelines.progress_line import ProgressLine
from casualty_events.schemas.records import FeedStatus, Reject, SkippedEntry
from casualty_events.transforms.progress import read_tallies, tally


def test_tallies_count_feeds_entries_and_every_entrys_end(tmp_path):
    folder = str(tmp_path / "progress")
    tally(FeedStatus("http://f.example/feed", "ok", 3, None, None), folder, "feeds")
    tally(FeedStatus("http://g.example/feed", "failed", 0, None, None, "dns"), folder, "feeds")
    tally(SkippedEntry("http://f.example/feed", "http://f.example/a", "seen"), folder, "articles")
    tally(Reject("fetch", "http_404", "gone", "http://f.example/b", "http://f.example/feed"), folder, "articles")
    tally(Reject("feed", "dns", "no host", None, "http://g.example/feed"), folder, "articles")  # a feed, no entry
    assert read_tallies(tmp_path / "progress") == {"feeds": 2, "entries": 3, "done": 2, "articles": 0, "mentions": 0}


def test_the_progress_shows_totals(tmp_path):
    folder = tmp_path / "progress"
    tally(FeedStatus("http://f.example/feed", "ok", 4, None, None), str(folder), "feeds")
    tally(SkippedEntry("http://f.example/feed", "http://f.example/a", "seen", dt.datetime.now()), str(folder),
          "articles")
    screen = io.StringIO()
    with ProgressLine(folder, 2, screen):
        pass
    drawn = screen.getvalue()
    assert "1/2" in drawn and "1/4" in drawn and "0 extracted, 0 mentions" in drawn
