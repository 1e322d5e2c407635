"""heap.py: the memory a step frees goes back to the system (glibc), not kept in the heap
under a block still alive — measured on the resident set of a fresh process each time."""

from __future__ import annotations

import subprocess
import sys

import pytest

from speechsite import heap

pytestmark = pytest.mark.skipif(heap._LIBC is None, reason="the C library is not glibc: heap.py does nothing")

# 200 blocks of 1 MB, each followed by a small block that stays (as the corpus steps' arrays
# are followed by objects that outlive them), after one 8 MB block was freed: glibc then
# serves blocks under 8 MB from the heap, and the small blocks pin the freed ones there.
FRAGMENTED = """
import sys
from speechsite import heap
def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) // 1024
big = bytearray(8 << 20)
del big
blocks, pins = [], []
for _ in range(200):
    blocks.append(bytearray(1 << 20))
    pins.append(bytearray(2000))
before = resident()
del blocks
freed = before - resident()
if sys.argv[1] == "trimmed":
    heap.return_free_memory()
print(freed, before - resident())
"""


def _freed(mode: str) -> tuple[int, int]:
    """MB given back when the blocks are freed, and after the step's end (trimmed or not)."""
    done = subprocess.run([sys.executable, "-c", FRAGMENTED, mode], capture_output=True, text=True, check=True)
    freed, at_end = done.stdout.split()
    return int(freed), int(at_end)


def test_freed_blocks_stay_resident_under_a_live_one_by_default() -> None:
    freed, at_end = _freed("default")
    assert freed < 20 and at_end < 20  # the 200 MB stay: the case heap.py is for


def test_trimming_gives_back_what_the_heap_holds_free() -> None:
    freed, at_end = _freed("trimmed")
    assert freed < 20 and at_end >= 180


def test_trimming_says_whether_it_gave_anything_back() -> None:
    assert isinstance(heap.return_free_memory(), bool)
