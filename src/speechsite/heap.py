"""Give the memory a step has freed back to the system, where the C library keeps it; and
collect cyclic garbage less often while the corpus is built.

The corpus steps allocate many large, short-lived blocks: numpy arrays of a character's
worth of positions, lists of millions of pairs. glibc's malloc serves a block of 128 KiB or
more from a mapping of its own, returned when it is freed — but after the first such block is
freed it raises that threshold (up to 32 MiB) and serves later blocks from the heap, which it
shrinks only from the top. Freed blocks below a live one stay resident: at 2,000 speeches
passage reuse leaves the build process at 346 MB where its live objects need 263, and a
forked writer inherits those pages as its own resident set.

`return_free_memory()` gives back the heap's free pages (`malloc_trim`); the build calls it
where a large step has ended and before the writer is forked. It does nothing where the C
library is not glibc (macOS, Windows, musl). Fixing the threshold instead (`mallopt`), so that
large blocks always keep their own mappings, gave the same peaks but cost 4.5 s more system
time in a 2,000-speech build (a fresh zeroed mapping for every large array): not done.

`fewer_collections()`: while the corpus is read, annotated and compared, nearly every object
made is kept (the parsed speeches, their annotations), and CPython's cyclic collector, at its
default thresholds (700, 10, 10), scans the whole growing heap again and again without finding
garbage (264 objects at 10,000 speeches). That was 1.0 of 7.1 CPU s at 2,000 speeches and 7.5 of
37 s at 10,000: a cost that grows faster than the corpus. With a young generation of 100,000
objects and rare older collections it nearly vanishes; the young collections still run, so
short-lived cycles (an extractor's document tree) are still freed soon.

`set_aside_long_lived()`: under `mkdocs serve` the plugin keeps the parsed corpus, its
annotations and the pages' Markdown and HTML from one rebuild to the next, and every rebuild
makes enough new objects that the collector scans all of them once a rebuild: 1.9 of 8.1 CPU
s at 10,000 speeches, for nothing (what a rebuild drops, refcounting frees). Once the session's
first static files are made — the editor is reading, not waiting — a full collection, then
`gc.freeze()` moves every object left out of the collector's reach; later full collections
scan only what later rebuilds made. `release_long_lived()` ends it with the session.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Collector thresholds while the corpus is built: generation 0 collected every 100,000 net
# allocations (not 700), generation 1 every 50 of those, generation 2 every 100 of those.
CORPUS_THRESHOLDS = (100_000, 50, 100)


def _glibc() -> ctypes.CDLL | None:
    """The C library if it is glibc (it has `malloc_trim`), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    if not hasattr(libc, "malloc_trim"):
        return None
    return libc


_LIBC = _glibc()  # looked up once; read-only afterwards


def return_free_memory() -> bool:
    """Give back to the system the pages the heap holds free. True if any were given back."""
    libc = _LIBC
    return bool(libc and libc.malloc_trim(0))


@contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = CORPUS_THRESHOLDS) -> Iterator[None]:
    """Collect cyclic garbage at `thresholds` inside the block (see above); the thresholds
    before it are restored after it, however it ends."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def set_aside_long_lived() -> bool:
    """Collect the cyclic garbage, then keep every object left out of later collections
    (see above) — once: True if it did so now."""
    if gc.get_freeze_count():
        return False
    gc.collect()
    gc.freeze()
    return True


def release_long_lived() -> None:
    """The objects set aside become the collector's again (the serve session ends)."""
    gc.unfreeze()
