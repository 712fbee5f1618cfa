"""Giving the system back the memory a run's process has freed.

glibc's malloc keeps what a thread frees in that thread's arena for the next allocation there, and gives the system
back only the top of each arena. A run's process fetches pages in up to 32 threads and reads them in Beam's and its
chunks' threads, so a chunk's page bodies end up across many arenas, and what they leave behind stays resident: on
real pages (the seed pages and trafilatura's English evaluation pages, 90 KB of HTML each on average), the run's
peak grew from 1,408 MB at 500 articles to 1,638 MB at 5,000 (+16%). `malloc_trim` after each pipeline hands the
free pages of every arena back: 1,403 and 1,523 MB (+8.5%). Dask's documentation gives the same call for the same
reason ("Memory not released back to the OS"); no library wraps it. Large blocks go back as soon as they are freed
(`map_large_blocks`): the run's process then held 484 MB at most at 5,000 real-page articles instead of 583.
"""
from __future__ import annotations

import ctypes
import functools

# mallopt's parameter (glibc's malloc.h) for the size from which a block gets pages of its own, and that size: the
# buffers a chunk's pages pass through between the run's stages are larger; 64 KiB (a page body's size) held the
# same memory for more of the run's CPU (11.9 s instead of 11.2 s at 2,000 real-page articles, 10.0 s unset).
M_MMAP_THRESHOLD = -3
OWN_PAGES_FROM_BYTES = 1024 * 1024


@functools.cache
def _c_function(name: str):
    """A function of glibc's allocator, or None where the C library has none (macOS, musl)."""
    return getattr(ctypes.CDLL(None), name, None)


def map_large_blocks() -> bool:
    """Have the C allocator give each block from 1 MiB up pages of its own, handed back to the system when freed;
    whether this C library can. glibc does so from 128 KiB but raises that bound to the largest block freed so far
    (up to 32 MiB): after a chunk's first large buffers, the rest went into the arenas, where what is freed stays
    resident until the next `return_freed_memory` while another chunk is under way. Setting the bound keeps it
    fixed. The run's own process only: its workers' memory does not grow with the run."""
    mallopt = _c_function("mallopt")
    return mallopt is not None and mallopt(M_MMAP_THRESHOLD, OWN_PAGES_FROM_BYTES) == 1


def return_freed_memory() -> bool:
    """Hand the system the whole free pages the C allocator holds; whether this C library can."""
    trim = _c_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True
