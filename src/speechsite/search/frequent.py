"""Extra keys of the most frequent bigrams (since format 6), so that a first query needs none
of their long position lists.

A bigram with more than FREQUENT_POSTINGS occurrences is *frequent* (at 10,000 speeches 发展
occurs 481,322 times: its positions deflate to 222 KB); the manifest lists the frequent
bigrams' keys, ascending, and the r-th of them has, beside its positions, the keys

    EXTRA_BASE + r * SPAN                      its units, ascending: all a two-character
                                               term needs (发展: 75 KB instead of 222 KB);
    EXTRA_BASE + r * SPAN + 1 + x              the positions of the trigram x a b (of x): the
                                               bigram's occurrences split by the character before;
    EXTRA_BASE + r * SPAN + 1 + BIGRAM_BASE + y  the positions of a b y (of a): split by the
                                               character after.

A longer term's cover (query.py `cover`, search.js the same) may take the trigram at i - 1 or
at i instead of the bigram at i when its shard is cheaper: 高质量发展 takes 量发展 (one shard of
16 KB) instead of 发展. Exact all the same: a trigram asserts three characters at its
offset as a bigram asserts two, and the cover still covers every character of the term.
The split lists deflate less well than the positions they split (about 4 ×: the gaps are
longer), so only the few most frequent bigrams have them; a corpus of 2,000 speeches has none.
The largest key stays far below 2**53, exact in a JavaScript number.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from .grouped import Grouped, grouped, packed_rows, sorted_rows
from .spill import Buckets

BIGRAM_BASE = 0x110000
EXTRA_BASE = BIGRAM_BASE * BIGRAM_BASE  # above every bigram key
SPAN = 2 * BIGRAM_BASE + 1  # keys of one frequent bigram
FREQUENT_POSTINGS = 1 << 17  # occurrences that make a bigram frequent
UNITS, BEFORE, AFTER = 0, 1, 2  # the three ranges of a frequent bigram's keys, in key order
Ints = npt.NDArray[np.int64]
Ints32 = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]


def units_key(rank: int) -> int:
    return EXTRA_BASE + rank * SPAN


def before_key(rank: int, before: int) -> int:
    """Key of the trigram `before` + the frequent bigram of that rank."""
    return EXTRA_BASE + rank * SPAN + 1 + before


def after_key(rank: int, after: int) -> int:
    """Key of the trigram the frequent bigram of that rank + `after`."""
    return EXTRA_BASE + rank * SPAN + 1 + BIGRAM_BASE + after


def frequent_pairs(rows: Ints, seconds: Ints, threshold: int) -> Ints:
    """The dense keys (first * size + second) of the bigrams occurring more than `threshold`
    times, ascending: `seconds[n, s]` counts the bigrams of first character rows[n] (dense
    ids, ascending) and second character s."""
    size = seconds.shape[1]
    row, second = np.nonzero(seconds > threshold)
    return (rows[row] * size + second).astype(np.int64)


def bucket_extras(
    store: Buckets, frequent: Ints, keys: Ints, at: Ints, chunk: tuple[Ints32, Ints32, Bools],
    positions: Ints, bits: int,
) -> None:
    """The chunk's postings of the frequent bigrams' extra keys, by range (3 a bigram:
    UNITS, BEFORE, AFTER), as `local key << bits | value` (`grouped.packed_rows`): local key
    0 and the unit, or the dense id of the character before (after) and the trigram's
    position. `keys` are the dense keys of the chunk's bigrams at chunk offsets `at`,
    `positions` theirs; `chunk` holds the dense id, unit and indexability of each character."""
    if not len(frequent) or not len(keys):
        return
    dense, unit_of, indexable = chunk
    rank = np.searchsorted(frequent, keys)
    hit = frequent[np.minimum(rank, len(frequent) - 1)] == keys
    rank, at, positions = rank[hit], at[hit], positions[hit]
    pairs = rank << 32 | unit_of[at]  # (rank, unit), once each
    pairs.sort()
    pairs = pairs[np.diff(pairs, prepend=-1) != 0]
    before = at - 1  # a unit's first character follows the NUL that ends the unit before
    has_before = (at >= 1) & indexable[np.maximum(before, 0)]
    after = at + 2  # the chunk ends with a NUL, so at + 2 lies in it
    has_after = indexable[after]
    numbers = np.concatenate([3 * (pairs >> 32) + UNITS, 3 * rank[has_before] + BEFORE,
                              3 * rank[has_after] + AFTER])
    local = np.concatenate([np.zeros(len(pairs), dtype=np.int64), dense[before[has_before]],
                            dense[after[has_after]]]).astype(np.int64)
    values = np.concatenate([pairs & 0xFFFFFFFF, positions[has_before] - 1, positions[has_after]])
    rows = packed_rows(local, values, bits)
    order = np.argsort(numbers, kind="stable")
    bounds = np.searchsorted(numbers[order], np.arange(1, 3 * len(frequent)))
    for number, part in enumerate(np.split(rows[order], bounds)):
        store.add("x", number, part)


def extra_groups(alphabet: Ints, bits: int) -> Callable[[int, Ints], Grouped]:
    """The entries of range `number` of the extra keys (see `bucket_extras`)."""

    def made(number: int, rows: Ints) -> Grouped:
        rank, part = divmod(number, 3)
        base = EXTRA_BASE + rank * SPAN
        keys, values = sorted_rows(rows, bits)
        if part == UNITS:
            return grouped(keys, values, lambda k: np.full(len(k), base, dtype=np.int64))
        offset = base + 1 + (BIGRAM_BASE if part == AFTER else 0)
        return grouped(keys, values, lambda k: alphabet[k] + offset)

    return made
