"""The index's postings (index.py describes keys and positions), built in bounded memory.

Passes over the unit texts, a chunk of whole units at a time (about CHUNK_CHARACTERS
characters). The first finds the characters in use and how often each begins a bigram; from
those the keys are cut into ranges of about RANGE_POSTINGS postings — a character beginning
more bigrams than that (at 10,000 speeches "，" begins 3.2 M) has its bigrams cut by their
second character, counted in one more pass, so that only a single bigram with more postings
than a range has a range of its own; that pass also counts the bigrams of every character that
begins more than FREQUENT_POSTINGS, which finds the frequent bigrams (frequent.py). The next
pass computes each chunk's postings and appends them, range by range, to a temporary file (a
frequent bigram's extra keys in three ranges more, each no larger than its own postings); then
each range is read back, sorted and coded in turn, and the ranges taken in order are the keys
in order.

So the memory is a chunk's arrays (about 70 bytes a character of the chunk at their peak) plus
a range's (about 40 bytes a posting), not arrays over the whole text — those took about
28 bytes per character of the corpus (+2.1 GB at 10,000 speeches). The temporary file holds
8 bytes a posting. How the work is cut changes nothing in the result:
`tests/test_search_index.py` compares tiny chunks and ranges with one of each.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .frequent import BIGRAM_BASE, FREQUENT_POSTINGS, bucket_extras, extra_groups, frequent_pairs
from .grouped import Grouped, grouped, packed_rows, sorted_rows
from .normalise import WHITESPACE
from .spill import Buckets

__all__ = ["BIGRAM_BASE", "Grouped", "Layout", "Plan", "plan", "postings"]
CHUNK_CHARACTERS = 1 << 19  # characters of units read at once
RANGE_POSTINGS = 1 << 19  # postings sorted and coded at once
Ints = npt.NDArray[np.int64]
Ints32 = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.uint32]


class Layout(NamedTuple):
    """Where each unit's positions lie: unit u starts at `starts[u] << shift`."""

    shift: int
    starts: Ints  # first slot of each unit
    slots: int  # slots of all units

    def position_bits(self) -> int:
        return max(self.slots << self.shift, 1).bit_length()


class Plan(NamedTuple):
    """What the first pass finds: the characters in use, and how the work is cut."""

    alphabet: Ints  # the code points in use, ascending (a character's dense id: its index here)
    rank: Ints32  # the dense id of every code point in use
    chunks: list[tuple[int, int]]  # units [first, end) read at once
    characters: Ints  # cuts of the dense ids into ranges of character postings (see _ranges)
    bigrams: Ints  # cuts of the dense keys (first * size + second) into ranges of bigrams
    frequent: Ints  # dense keys of the frequent bigrams (frequent.py), ascending


def plan(texts: Sequence[str], lookup: Codes, layout: Layout, frequent: int = FREQUENT_POSTINGS) -> Plan:
    """Pass one over the texts: which characters occur, how often each is indexed and begins a
    bigram, and from those the ranges; and which bigrams occur more than `frequent` times."""
    chunks = _chunks(texts, CHUNK_CHARACTERS)
    present, counts, firsts = _counted(texts, chunks, lookup)
    alphabet = np.flatnonzero(present).astype(np.int64)
    rank = (np.cumsum(present, dtype=np.int32) - 1).astype(np.int32)
    firsts = firsts[alphabet]
    # the characters whose bigrams are counted one by one: those beginning more than a range
    # (e.g. "，": 3.2 M bigrams at 10,000 speeches) and those that may begin a frequent bigram
    counted = np.flatnonzero(firsts > min(RANGE_POSTINGS, frequent))
    seconds = _seconds(texts, chunks, lookup, rank, counted)
    heavy = np.flatnonzero(firsts > RANGE_POSTINGS)
    return Plan(alphabet, rank, chunks, _ranges(counts[alphabet], RANGE_POSTINGS),
                _key_cuts(firsts, heavy, seconds[np.searchsorted(counted, heavy)], RANGE_POSTINGS),
                frequent_pairs(counted, seconds, frequent))


def postings(
    texts: Sequence[str], lookup: Codes, layout: Layout, planned: Plan, spill: io.BufferedRandom
) -> tuple[Iterator[Grouped], Iterator[Grouped], Iterator[Grouped]]:
    """Pass two: the character postings (key: code point; values: the units containing it),
    then the bigram postings (key: first * BIGRAM_BASE + second; values: positions), then the
    frequent bigrams' extra keys (frequent.py), each as groups in ascending key order, a range
    at a time, to be taken in this order (characters first) while `spill` is open."""
    alphabet, rank, chunks, characters, bigrams, frequent = planned
    size = len(alphabet)
    bits = layout.position_bits()
    if max(size * size, 1).bit_length() + bits > 63:
        bits = 0  # (key, position) rows instead of one int64
    store = Buckets(spill)
    for first, end in chunks:
        dense, unit_of, indexable = _chunk(texts, first, end, lookup, rank)
        _bucket_characters(store, dense, unit_of, indexable, characters)
        _bucket_bigrams(store, (dense, unit_of, indexable), bigrams, frequent, layout, size, bits)
    return (
        store.groups("c", len(characters), _character_groups(alphabet)),
        store.groups("b", len(bigrams), _bigram_groups(alphabet, bits)),
        store.numbered_groups("x", 3 * len(frequent), extra_groups(alphabet, bits)),
    )


def _chunks(texts: Sequence[str], size: int) -> list[tuple[int, int]]:
    """Consecutive units [first, end) of about `size` characters each (at least one unit)."""
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    cuts = np.flatnonzero(np.diff(ends // max(size, 1), prepend=0)) + 1
    bounds = sorted({0, *cuts.tolist(), len(texts)})
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _codes(texts: Sequence[str], first: int, end: int, lookup: Codes) -> Codes:
    """The normalised code points of units first … end-1, each followed by a NUL."""
    joined = "".join(f"{text}\0" for text in texts[first:end])
    return lookup[np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)]


def _indexable_table() -> Bools:
    table = np.ones(BIGRAM_BASE, dtype=bool)
    table[[0, *map(ord, WHITESPACE)]] = False
    return table


INDEXABLE = _indexable_table()


def _counted(texts: Sequence[str], chunks: list[tuple[int, int]], lookup: Codes) -> tuple[Bools, Ints, Ints]:
    """Pass one: which code points occur; how often each is indexed; how often each begins a bigram."""
    present = np.zeros(BIGRAM_BASE, dtype=bool)
    counts = np.zeros(BIGRAM_BASE, dtype=np.int64)
    firsts = np.zeros(BIGRAM_BASE, dtype=np.int64)
    for first, end in chunks:
        codes = _codes(texts, first, end, lookup)
        present[codes] = True
        indexable = INDEXABLE[codes]
        _count(counts, codes[indexable])
        _count(firsts, codes[:-1][indexable[:-1] & indexable[1:]])
    return present, counts, firsts


def _seconds(
    texts: Sequence[str], chunks: list[tuple[int, int]], lookup: Codes, rank: Ints32, heavy: Ints
) -> Ints:
    """For each of the `heavy` first characters (dense ids), how often each character follows
    it: a pass over the texts only when one begins more bigrams than a range holds."""
    size = int(rank[-1]) + 1  # characters in use
    counts = np.zeros((len(heavy), size), dtype=np.int64)
    if not len(heavy):
        return counts
    row = np.full(size, -1, dtype=np.int64)
    row[heavy] = np.arange(len(heavy))
    for first, end in chunks:
        codes = _codes(texts, first, end, lookup)
        dense = rank[codes]
        pair = INDEXABLE[codes[:-1]] & INDEXABLE[codes[1:]]
        rows = row[dense[:-1]]
        chosen = pair & (rows >= 0)
        counts += np.bincount(rows[chosen] * size + dense[1:][chosen], minlength=counts.size).reshape(counts.shape)
    return counts


def _key_cuts(firsts: Ints, heavy: Ints, seconds: Ints, target: int) -> Ints:
    """Cuts of the dense bigram keys into ranges of about `target` bigrams: ranges of first
    characters, a `heavy` one's bigrams cut by their second character (a single bigram with
    more has a range of its own)."""
    size = len(firsts)
    light = np.ones(size, dtype=bool)
    light[heavy] = False
    starts = np.concatenate([np.flatnonzero(light) * size,
                             (heavy[:, None] * size + np.arange(size)).ravel()]).astype(np.int64)
    weights = np.concatenate([firsts[light], seconds.ravel()])
    order = np.argsort(starts, kind="stable")
    starts, weights = starts[order], weights[order]
    cuts = _ranges(weights, target)
    return np.append(starts, size * size)[cuts]


def _count(counts: Ints, codes: Codes) -> None:
    codes = np.sort(codes)
    starts = np.flatnonzero(np.diff(codes, prepend=-1))
    counts[codes[starts]] += np.diff(starts, append=len(codes))


def _ranges(counts: Ints, target: int) -> Ints:
    """Cuts of the dense ids into consecutive ranges [cut[i], cut[i+1]) of about `target`
    postings each (an id with more has a range of its own): the cuts, from 0 to len(counts)."""
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    cuts = np.searchsorted(ends, np.arange(target, total, target), side="left") + 1
    return np.array(sorted({0, *cuts.tolist(), len(counts)}), dtype=np.int64)


def _chunk(
    texts: Sequence[str], first: int, end: int, lookup: Codes, rank: Ints32
) -> tuple[Ints32, Ints32, Bools]:
    """Dense id and (global) unit of every character of the chunk, and whether it is indexed."""
    codes = _codes(texts, first, end, lookup)
    lengths = np.fromiter((len(text) + 1 for text in texts[first:end]), dtype=np.int64, count=end - first)
    unit_of = np.repeat(np.arange(first, end, dtype=np.int32), lengths)
    return rank[codes], unit_of, INDEXABLE[codes]


def _bucket_characters(store: Buckets, dense: Ints32, unit_of: Ints32, indexable: Bools, cuts: Ints) -> None:
    """The chunk's distinct (character, unit) pairs as `dense << 32 | unit`, by range (a unit
    lies in one chunk only, so distinct here is distinct overall)."""
    pairs = dense[indexable].astype(np.int64)
    pairs <<= 32
    pairs |= unit_of[indexable]
    pairs.sort()  # (np.unique hashes int64 since numpy 2.3: ten times slower here)
    distinct = np.ones(len(pairs), dtype=bool)
    distinct[1:] = pairs[1:] != pairs[:-1]
    pairs = pairs[distinct]
    bounds = np.searchsorted(pairs, cuts[1:-1] << 32)
    for number, part in enumerate(np.split(pairs, bounds)):
        store.add("c", number, part)


def _bucket_bigrams(
    store: Buckets, chunk: tuple[Ints32, Ints32, Bools], cuts: Ints, frequent: Ints,
    layout: Layout, size: int, bits: int,
) -> None:
    """The chunk's bigrams by range of their dense key: `key << bits | position`, or
    (key, position) rows when that does not fit in 63 bits (`bits` 0); and the postings of
    the frequent bigrams' extra keys (frequent.py)."""
    dense, unit_of, indexable = chunk
    at = np.flatnonzero(indexable[:-1] & indexable[1:])
    keys = dense[at].astype(np.int64)
    keys *= size
    keys += dense[at + 1]
    number = np.searchsorted(cuts, keys, side="right") - 1
    units = unit_of[at]
    # the position of a character: its unit's first position + its offset in the unit
    unit_starts = np.flatnonzero(np.diff(unit_of, prepend=-1))  # chunk offset of each unit's text
    positions = layout.starts[units] << layout.shift
    positions += at - unit_starts[units - unit_of[0]]
    del units
    bucket_extras(store, frequent, keys, at, chunk, positions, bits)
    rows = packed_rows(keys, positions, bits)
    del keys, positions
    order = np.argsort(number.astype(np.uint16) if len(cuts) <= 1 << 16 else number, kind="stable")
    rows = rows[order]
    bounds = np.searchsorted(number[order], np.arange(1, len(cuts) - 1))
    for index, part in enumerate(np.split(rows, bounds)):
        store.add("b", index, part)


def _character_groups(alphabet: Ints) -> Callable[[Ints], Grouped]:
    def made(pairs: Ints) -> Grouped:
        pairs.sort()
        units = pairs & 0xFFFFFFFF
        pairs >>= 32
        return grouped(pairs, units, lambda keys: alphabet[keys])
    return made


def _bigram_groups(alphabet: Ints, bits: int) -> Callable[[Ints], Grouped]:
    size = len(alphabet)

    def made(rows: Ints) -> Grouped:
        keys, values = sorted_rows(rows, bits)
        return grouped(keys, values, lambda k: alphabet[k // size] * BIGRAM_BASE + alphabet[k % size])
    return made
