"""The index builder: character postings over normalised unit texts, vectorised with numpy.

Keys. A character c has key ord(c); a bigram ab has key ord(a) * 0x110000 + ord(b), so every
bigram key is above every character key and all keys are exact in a JavaScript number.
Whitespace and NUL are never indexed (queries are split on whitespace).

Postings. A character's posting list is the ascending list of units that contain it. A
bigram's is the ascending list of its positions, where the position of offset o in unit u
is `slot(u) << shift | o`: a unit normally owns one slot, a unit longer than 2**shift
characters owns several consecutive slots (listed in `long_units`), so positions never cross
units and a position tells its unit without any table. Lists are delta-coded as unsigned
LEB128 varints (the first value from 0).

Exactness. For a query of length L ≥ 2 the browser takes bigrams at offsets covering every
character (0, 2, 4, …, L-2 or a cheaper cover); the query occurs at p exactly when every one
of them occurs at p + offset. No text is needed to verify a hit.

Shards. Entries sorted by key are packed into shards of about `shard_bytes`; an entry larger
than half of that gets a shard of its own. A shard is
`varint(n) (varint(key - previous key) varint(byte length))*n postings*`, the first key
relative to the shard's first key (so 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .normalise import WHITESPACE

BIGRAM_BASE = 0x110000
MIN_SHIFT, MAX_SHIFT = 6, 14
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Shard:
    first_key: int
    data: bytes


@dataclass(frozen=True)
class IndexData:
    shift: int
    long_units: tuple[tuple[int, int], ...]  # (unit, extra slots) of units longer than a slot
    shards: tuple[Shard, ...]
    keys: int  # number of distinct keys


def build_index(texts: list[str], shard_bytes: int = 16384, shift: int | None = None) -> IndexData:
    """Index already-normalised unit texts (unit i is texts[i]); `shift` is for tests."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    codes = _code_points("".join(t + "\0" for t in texts))
    unit_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths + 1)
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    offsets = np.arange(len(codes), dtype=np.int64) - starts[unit_of]
    shift = choose_shift(lengths) if shift is None else shift
    slots = ((np.maximum(lengths, 1) - 1) >> shift) + 1
    slot_start = np.cumsum(slots) - slots
    positions = (slot_start[unit_of] << shift) + offsets
    indexable = _indexable_table()[codes]

    char_keys, char_values = _character_postings(codes, unit_of, indexable)
    pair_keys, pair_values = _bigram_postings(codes, positions, indexable)
    keys = np.concatenate([char_keys, pair_keys])
    values = np.concatenate([char_values, pair_values])
    shards = _pack(keys, values, shard_bytes)
    long_units = tuple((int(u), int(slots[u] - 1)) for u in np.flatnonzero(slots > 1))
    return IndexData(shift, long_units, shards, int(np.count_nonzero(_group_starts(keys))))


def choose_shift(lengths: Ints) -> int:
    """Bits for the offset inside a slot: enough for 99 % of units, the rest take more slots."""
    if len(lengths) == 0:
        return MIN_SHIFT
    typical = int(np.percentile(lengths, 99))
    return min(MAX_SHIFT, max(MIN_SHIFT, max(typical - 1, 1).bit_length()))


def _indexable_table() -> npt.NDArray[np.bool_]:
    table = np.ones(BIGRAM_BASE, dtype=bool)
    table[[0, *map(ord, WHITESPACE)]] = False
    return table


def _code_points(text: str) -> Ints:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _character_postings(
    codes: Ints, unit_of: Ints, indexable: npt.NDArray[np.bool_]
) -> tuple[Ints, Ints]:
    """(key, delta) for every (character, unit) pair, sorted by key then unit."""
    pairs = np.sort((codes[indexable] << 32) | unit_of[indexable])
    pairs = pairs[_group_starts(pairs)]
    return _delta_coded(pairs >> 32, pairs & 0xFFFFFFFF)


def _bigram_postings(
    codes: Ints, positions: Ints, indexable: npt.NDArray[np.bool_]
) -> tuple[Ints, Ints]:
    """(key, delta) for every bigram occurrence, sorted by key then position."""
    valid = indexable[:-1] & indexable[1:]
    keys = codes[:-1][valid] * BIGRAM_BASE + codes[1:][valid]
    order = np.argsort(keys, kind="stable")  # positions stay ascending within a key
    return _delta_coded(keys[order], positions[:-1][valid][order])


def _delta_coded(keys: Ints, values: Ints) -> tuple[Ints, Ints]:
    deltas = np.diff(values, prepend=0)
    starts = _group_starts(keys)
    deltas[starts] = values[starts]
    return keys, deltas


def _group_starts(keys: Ints) -> npt.NDArray[np.bool_]:
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    return starts


def varints(values: Ints) -> tuple[npt.NDArray[np.uint8], Ints]:
    """Unsigned LEB128 of every value, concatenated; and the byte count of each."""
    counts = np.ones(len(values), dtype=np.int64)
    for k in range(1, 10):
        counts += values >= (1 << (7 * k))
    out = np.zeros(int(counts.sum()), dtype=np.uint8)
    first = np.cumsum(counts) - counts
    for k in range(int(counts.max(initial=0))):
        has = counts > k
        more = (counts[has] > k + 1).astype(np.int64) << 7
        out[first[has] + k] = ((values[has] >> (7 * k)) & 0x7F) | more
    return out, counts


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _pack(keys: Ints, values: Ints, shard_bytes: int) -> tuple[Shard, ...]:
    starts = np.flatnonzero(_group_starts(keys))
    entry_keys = keys[starts]
    posting_bytes, counts = varints(values)
    entry_lengths = np.add.reduceat(counts, starts) if len(starts) else counts[:0]
    shard_of = _shard_numbers(entry_lengths + 4, shard_bytes)
    new_shard = np.ones(len(starts), dtype=bool)
    new_shard[1:] = shard_of[1:] != shard_of[:-1]
    key_deltas = np.diff(entry_keys, prepend=0)
    key_deltas[new_shard] = 0
    header_bytes, header_counts = varints(np.column_stack([key_deltas, entry_lengths]).ravel())
    header_ends = np.cumsum(header_counts.reshape(-1, 2).sum(axis=1))
    posting_ends = np.cumsum(entry_lengths)
    bounds = [*np.flatnonzero(new_shard), len(starts)]
    shards = []
    for first, end in zip(bounds[:-1], bounds[1:], strict=True):
        h0 = int(header_ends[first - 1]) if first else 0
        p0 = int(posting_ends[first - 1]) if first else 0
        data = b"".join(
            [
                varint(end - first),
                header_bytes[h0 : int(header_ends[end - 1])].tobytes(),
                posting_bytes[p0 : int(posting_ends[end - 1])].tobytes(),
            ]
        )
        shards.append(Shard(int(entry_keys[first]), data))
    return tuple(shards)


def _shard_numbers(sizes: Ints, shard_bytes: int) -> Ints:
    """Consecutive entries share a shard up to about shard_bytes; big entries stand alone."""
    before = np.cumsum(sizes) - sizes
    boundary = np.ones(len(sizes), dtype=bool)
    boundary[1:] = before[1:] // shard_bytes != before[:-1] // shard_bytes
    big = sizes > shard_bytes // 2
    boundary |= big
    boundary[1:] |= big[:-1]
    return np.cumsum(boundary)
