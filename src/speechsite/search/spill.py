"""The temporary file of the index build (postings.py): each chunk's postings appended to it
range by range, then read back one range at a time, so no more than a range is in memory.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterator
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

T = TypeVar("T")


def spill_file() -> io.BufferedRandom:
    """The temporary file `postings` writes to (the caller closes it when done)."""
    return cast(io.BufferedRandom, tempfile.TemporaryFile(prefix="speechsite-postings-"))


class Buckets:
    """Arrays of int64 appended by (kind, range) to a temporary file, read back a range at a time."""

    def __init__(self, file: io.BufferedRandom) -> None:
        self.file = file
        self.end = 0
        self.parts: dict[tuple[str, int], list[tuple[int, int]]] = {}

    def add(self, kind: str, number: int, values: npt.NDArray[np.int64]) -> None:
        if not values.size:
            return
        data = np.ascontiguousarray(values).reshape(-1)
        self.file.seek(self.end)
        self.file.write(data.data.cast("B"))
        self.parts.setdefault((kind, number), []).append((self.end, data.size))
        self.end += data.nbytes

    def groups(self, kind: str, cuts: int, grouped: Callable[[npt.NDArray[np.int64]], T]) -> Iterator[T]:
        """`grouped` of each range's values in turn, ranges 0 … cuts - 2 (`cuts` bound them)."""
        return self.numbered_groups(kind, cuts - 1, lambda _, values: grouped(values))

    def numbered_groups(
        self, kind: str, ranges: int, grouped: Callable[[int, npt.NDArray[np.int64]], T]
    ) -> Iterator[T]:
        """`grouped(number, values)` of ranges 0 … ranges - 1 in turn."""
        for number in range(ranges):
            parts = self.parts.pop((kind, number), [])
            values = np.empty(sum(count for _, count in parts), dtype=np.int64)
            at = 0
            for offset, count in parts:
                self.file.seek(offset)
                read = self.file.readinto(values[at : at + count].data.cast("B"))
                assert read == count * 8, "the temporary file of the search index was cut short"
                at += count
            made = grouped(number, values)
            del values  # not held while the caller codes the range
            yield made
