"""Postings grouped by key, the form shards.py codes (made by postings.py and frequent.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]


class Grouped(NamedTuple):
    keys: Ints  # the key of each entry, ascending
    values: Ints  # the values of all entries, ascending within each entry
    first: Ints  # index in `values` of each entry's first value


def packed_rows(keys: Ints, values: Ints, bits: int) -> Ints:
    """(key, value) pairs as `key << bits | value`, or as rows of two when `bits` is 0 (the
    pair does not fit in 63 bits); `sorted_rows` takes them apart."""
    if bits:
        keys <<= bits
        keys |= values
        return keys
    return np.column_stack([keys, values])


def sorted_rows(rows: Ints, bits: int) -> tuple[Ints, Ints]:
    """The keys and values of `packed_rows`, sorted by key then value (`rows` is reused)."""
    if bits:
        rows.sort()
        values = rows & ((1 << bits) - 1)
        rows >>= bits
        return rows, values
    rows = rows.reshape(-1, 2)
    order = np.lexsort((rows[:, 1], rows[:, 0]))
    return rows[order, 0], rows[order, 1]


def grouped(keys: Ints, values: Ints, real_key: Callable[[Ints], Ints]) -> Grouped:
    """Entries of equal (dense) keys, their real keys computed once an entry."""
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    first = np.flatnonzero(starts)
    return Grouped(real_key(keys[first]), values, first)
