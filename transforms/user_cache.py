"""Where this user's caches live: `$XDG_CACHE_HOME/casualty-events`, else `~/.cache/casualty-events`."""
from __future__ import annotations

import os
import pathlib


def user_cache_dir() -> pathlib.Path:
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "casualty-events"
