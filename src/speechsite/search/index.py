"""The index builder: character postings over normalised unit texts, vectorised with numpy.

Keys. A character c has key ord(c); a bigram ab has key ord(a) * 0x110000 + ord(b), so every
bigram key is above every character key and all keys are exact in a JavaScript number.
Whitespace and NUL are never indexed (queries are split on whitespace).

Postings. A character's posting list is the ascending list of units that contain it. A
bigram's is the ascending list of its positions, where the position of offset o in unit u
is `(first slot of u << shift) + o`: unit u owns `slots[u]` consecutive slots of 2**shift
positions, enough for its text, so positions never cross units.
The browser loads the slot counts with the manifest on the first query (`search/slots.js`)
and finds the unit of a position by binary search. Slots hold the 99th percentile unit
length, so nearly every unit has one slot and the slot counts deflate to almost nothing
(0.5 KB at 2,000 speeches, 3 KB at 10,000): with slots of the median length (format 4) the
file cost 2.2 bits a unit — 28 KB at 2,000 speeches, 136 KB at 10,000 in every first
query — for positions 8 % denser (the postings 1.1 MB smaller at 2,000 speeches); each
position costs about the logarithm of the gap to the next one. Lists are delta-coded as
unsigned LEB128 varints (the first value from 0).

Exactness. For a query of length L ≥ 2 the browser takes bigrams at offsets covering every
character (0, 2, 4, …, L-2 or a cheaper cover); the query occurs at p exactly when every one
of them occurs at p + offset. No text is needed to verify a hit. (A query whose cover spans
more than `query.MAX_SHARDS` shards uses that many of them and checks candidates on the text.)

Shards. Entries sorted by key are packed into shards of about `shard_bytes`; an entry larger
than half of that gets a shard of its own. A shard is
`varint(n) (varint(key - previous key) varint(byte length))*n postings*`, the first key
relative to the shard's first key (so 0). files.py deflates each shard and writes it
into a script file (codec.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .normalise import CharMap
from .postings import BIGRAM_BASE, Grouped, Layout, postings, spill_file

MIN_SHIFT, MAX_SHIFT = 4, 14
SLOT_PERCENTILE = 99  # units whose text fits one slot (see Postings above)
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Shard:
    first_key: int
    data: bytes


@dataclass(frozen=True)
class IndexData:
    shift: int
    slots: tuple[int, ...]  # slots of each unit (one or more)
    shards: tuple[Shard, ...]
    keys: int  # number of distinct keys
    characters: str = ""  # the distinct characters of the normalised texts, ascending


def build_index(
    texts: list[str],
    char_map: CharMap | None = None,
    shard_bytes: int = 16384,
    shift: int | None = None,
) -> IndexData:
    """Index unit texts (unit i is texts[i]), normalised by `char_map`; `shift` is for tests.
    The postings are made a chunk of units and a range of keys at a time (postings.py)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    shift = choose_shift(lengths) if shift is None else shift
    slots = ((np.maximum(lengths, 1) - 1) >> shift) + 1
    del lengths
    layout = Layout(shift, np.cumsum(slots) - slots, int(slots.sum()))
    lookup = char_map.lookup() if char_map is not None else np.arange(BIGRAM_BASE, dtype=np.uint32)
    with spill_file() as spill:
        alphabet, characters, bigrams = postings(texts, lookup, layout, spill)
        del lookup
        pieces = [_encoded(grouped) for grouped in itertools.chain(characters, bigrams)]
    keys = sum(len(piece.keys) for piece in pieces)
    shards = _pack(pieces, shard_bytes)
    return IndexData(shift, tuple(slots.tolist()), shards, keys, "".join(map(chr, alphabet.tolist())))


def choose_shift(lengths: Ints) -> int:
    """Bits for the offset inside a slot: enough for SLOT_PERCENTILE % of the units, the rest
    take more slots."""
    if len(lengths) == 0:
        return MIN_SHIFT
    long = int(np.percentile(lengths, SLOT_PERCENTILE, method="higher"))
    return min(MAX_SHIFT, max(MIN_SHIFT, max(long - 1, 1).bit_length()))


class Encoded(NamedTuple):
    keys: Ints  # the key of each entry, ascending
    stream: npt.NDArray[np.uint8]  # the varints of every entry's deltas, entry after entry
    lengths: Ints  # bytes of each entry in `stream`


def _encoded(grouped: Grouped) -> Encoded:
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


def _pack(parts: list[Encoded], shard_bytes: int) -> tuple[Shard, ...]:
    entry_keys, posting_bytes, entry_lengths = _joined(parts)
    shard_of = _shard_numbers(entry_lengths + 4, shard_bytes)
    new_shard = np.ones(len(entry_keys), dtype=bool)
    new_shard[1:] = shard_of[1:] != shard_of[:-1]
    key_deltas = np.diff(entry_keys, prepend=0)
    key_deltas[new_shard] = 0
    header_bytes, header_counts = varints(np.column_stack([key_deltas, entry_lengths]).ravel())
    header_ends = np.cumsum(header_counts.reshape(-1, 2).sum(axis=1, dtype=np.int64))
    posting_ends = np.cumsum(entry_lengths)
    bounds = [*np.flatnonzero(new_shard), len(entry_keys)]
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
