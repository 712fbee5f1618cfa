"""Giving the system back the memory a run's process has freed.

glibc's malloc keeps what a thread frees in that thread's arena for the next allocation there, and gives the system
back only the top of each arena. A run's process fetches pages in up to 32 threads and reads them in Beam's and its
chunks' threads, so a chunk's page bodies end up across many arenas, and what they leave behind stays resident: on
real pages (the seed pages and trafilatura's English evaluation pages, 90 KB of HTML each on average), the run's
peak grew from 1,408 MB at 500 articles to 1,638 MB at 5,000 (+16%). `malloc_trim` after each pipeline hands the
free pages of every arena back: 1,403 and 1,523 MB (+8.5%). Dask's documentation gives the same call for the same
reason ("Memory not released back to the OS"); no library wraps it.
"""
from __future__ import annotations

import ctypes
import functools


@functools.cache
def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none (macOS, musl)."""
    return getattr(ctypes.CDLL(None), "malloc_trim", None)


def return_freed_memory() -> bool:
    """Hand the system the whole free pages the C allocator holds; whether this C library can."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
