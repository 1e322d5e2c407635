"""The index's shards (index.py describes their format), packed as the postings come, a range
of keys at a time: only the shard still open is carried from one range to the next, so the
shards of the whole index never exist at once in memory.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .grouped import Grouped

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Shard:
    first_key: int
    data: bytes


class Encoded(NamedTuple):
    keys: Ints  # the key of each entry, ascending
    stream: npt.NDArray[np.uint8]  # the varints of every entry's deltas, entry after entry
    lengths: Ints  # bytes of each entry in `stream`


def encoded(grouped: Grouped) -> Encoded:
    """The entries' values delta-coded (the first of each entry from 0) as varints."""
    values = grouped.values
    deltas = np.empty_like(values)
    deltas[:1] = values[:1]
    np.subtract(values[1:], values[:-1], out=deltas[1:])
    deltas[grouped.first] = values[grouped.first]
    del values
    stream, counts = varints(deltas)
    if not len(grouped.first):
        return Encoded(grouped.keys, stream, np.zeros(0, dtype=np.int64))
    return Encoded(grouped.keys, stream, np.add.reduceat(counts, grouped.first, dtype=np.int64))


def _joined(pieces: list[Encoded]) -> Encoded:
    if not pieces:
        return Encoded(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64))
    return Encoded(*(np.concatenate(column) for column in zip(*pieces, strict=True)))


def varints(values: Ints) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int8]]:
    """Unsigned LEB128 of every value (< 2**56), concatenated; and the byte count of each."""
    width = max(int(values.max(initial=0)).bit_length() + 6, 7) // 7
    counts = np.ones(len(values), dtype=np.int8)
    for k in range(1, width):
        counts += values >= (1 << (7 * k))
    # One row per value, one column per byte; the used bytes, row by row, are the stream.
    table = np.empty((len(values), width), dtype=np.uint8)
    for k in range(width):
        column = table[:, k]
        np.right_shift(values, 7 * k, out=column, casting="unsafe")
        column &= 0x7F
        more = (counts > k + 1).view(np.uint8)
        more <<= 7
        column |= more
    used = np.arange(width, dtype=np.int8) < counts[:, None]
    return table.ravel()[used.ravel()], counts


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def entries(data: bytes) -> int:
    """The number of entries of a shard (its leading varint)."""
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            break
    return value


def packed(pieces: Iterable[Encoded], shard_bytes: int) -> Iterator[Shard]:
    """The shards of the entries of `pieces` (in key order), each yielded once it is complete."""
    carry, before = _joined([]), 0  # the entries of the shard still open, the bytes before them
    for piece in pieces:
        carry, before = yield from _pack(_joined([carry, piece]), shard_bytes, before, keep_open=True)
    yield from _pack(carry, shard_bytes, before, keep_open=False)


def _pack(
    part: Encoded, shard_bytes: int, start: int, keep_open: bool
) -> Generator[Shard, None, tuple[Encoded, int]]:
    """The shards of `part`, whose first entry begins a shard `start` bytes into the index;
    with `keep_open`, all but the last, which is returned (it may go on in the next part)."""
    entry_keys, posting_bytes, entry_lengths = part
    if not len(entry_keys):
        return part, start
    sizes = entry_lengths + 4
    shard_of = _shard_numbers(sizes, shard_bytes, start)
    new_shard = np.ones(len(entry_keys), dtype=bool)
    new_shard[1:] = shard_of[1:] != shard_of[:-1]
    key_deltas = np.diff(entry_keys, prepend=0)
    key_deltas[new_shard] = 0
    header_bytes, header_counts = varints(np.column_stack([key_deltas, entry_lengths]).ravel())
    header_ends = np.cumsum(header_counts.reshape(-1, 2).sum(axis=1, dtype=np.int64))
    posting_ends = np.cumsum(entry_lengths)
    bounds = [*np.flatnonzero(new_shard).tolist(), len(entry_keys)]
    closed = len(bounds) - 2 if keep_open else len(bounds) - 1
    for first, end in zip(bounds[:closed], bounds[1 : closed + 1], strict=True):
        h0 = int(header_ends[first - 1]) if first else 0
        p0 = int(posting_ends[first - 1]) if first else 0
        data = b"".join(
            [
                varint(end - first),
                header_bytes[h0 : int(header_ends[end - 1])].tobytes(),
                posting_bytes[p0 : int(posting_ends[end - 1])].tobytes(),
            ]
        )
        yield Shard(int(entry_keys[first]), data)
    cut = bounds[closed]
    p0 = int(posting_ends[cut - 1]) if cut else 0
    rest = Encoded(entry_keys[cut:].copy(), posting_bytes[p0:].copy(), entry_lengths[cut:].copy())
    return rest, start + int(sizes[:cut].sum())


def _shard_numbers(sizes: Ints, shard_bytes: int, start: int = 0) -> Ints:
    """Consecutive entries share a shard up to about shard_bytes; big entries stand alone.
    The first entry begins a shard `start` bytes into the index."""
    before = np.cumsum(sizes) - sizes + start
    boundary = np.ones(len(sizes), dtype=bool)
    boundary[1:] = before[1:] // shard_bytes != before[:-1] // shard_bytes
    big = sizes > shard_bytes // 2
    boundary |= big
    boundary[1:] |= big[:-1]
    return np.cumsum(boundary)
