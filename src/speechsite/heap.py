"""Give the memory a step has freed back to the system, where the C library keeps it.

The corpus steps allocate many large, short-lived blocks: numpy arrays of a character's
worth of positions, bytes of deflated files, lists of millions of pairs. glibc's malloc
serves a block of 128 KiB or more from a mapping of its own, returned when it is freed —
but after the first such block is freed it raises that threshold (up to 32 MiB) and serves
later blocks from the heap, which it shrinks only from the top. Freed blocks below a live
one stay resident: at 2,000 speeches passage reuse leaves the build process 346 MB where its
live objects need 263 (`malloc_trim` gives the 83 MB back), and the forked writer inherits
them as its own resident pages.

Two calls, both nothing where the C library is not glibc (macOS, Windows, musl):
`keep_large_blocks_mapped()` fixes the threshold at its default, so that large blocks keep
their own mappings for the whole run, and `return_free_memory()` trims what the heap holds
free now. They change the process's allocator, not Python's objects, so nothing else sees
them; the cost is a system call per large block (measured in BENCHMARKS.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's initial threshold, kept instead of grown


def _glibc() -> ctypes.CDLL | None:
    """The C library if it is glibc (it has `malloc_trim` and `mallopt`), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    if not (hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt")):
        return None
    return libc


_LIBC = _glibc()  # looked up once; read-only afterwards


def keep_large_blocks_mapped() -> bool:
    """Serve every block of 128 KiB or more from a mapping of its own, for the rest of the
    process (inherited by a forked child). True if the C library took the setting."""
    libc = _LIBC
    return bool(libc and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def return_free_memory() -> bool:
    """Give back to the system the pages the heap holds free. True if any were given back."""
    libc = _LIBC
    return bool(libc and libc.malloc_trim(0))
