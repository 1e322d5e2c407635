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

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .normalise import WHITESPACE, CharMap

BIGRAM_BASE = 0x110000
MIN_SHIFT, MAX_SHIFT = 4, 14
SLOT_PERCENTILE = 99  # units whose text fits one slot (see Postings above)
RANGE_BIGRAMS = 1 << 19  # postings sorted and coded at once (memory: about 40 bytes each)
Ints = npt.NDArray[np.int64]
Ints32 = npt.NDArray[np.int32]


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
    """Index unit texts (unit i is texts[i]), normalised by `char_map`; `shift` is for tests."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = _code_points("".join(f"{text}\0" for text in texts))
    if char_map is not None:
        codes = char_map.lookup()[codes]
    shift = choose_shift(lengths) if shift is None else shift
    slots = ((np.maximum(lengths, 1) - 1) >> shift) + 1
    unit_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths + 1)
    # position = slot_start(unit) << shift + offset in unit = index in `codes` + base(unit)
    base = ((np.cumsum(slots) - slots) << shift) - (np.cumsum(lengths + 1) - (lengths + 1))
    indexable = _indexable_table()[codes]
    alphabet, dense = _dense_ids(codes)
    del codes

    characters = _character_postings(alphabet, dense, unit_of, indexable)
    bigrams = _bigram_postings(alphabet, dense, unit_of, base, indexable)
    del dense, unit_of, indexable
    shards = _pack([characters, bigrams], shard_bytes)
    keys = len(characters.keys) + len(bigrams.keys)
    return IndexData(shift, tuple(slots.tolist()), shards, keys, "".join(map(chr, alphabet.tolist())))


def choose_shift(lengths: Ints) -> int:
    """Bits for the offset inside a slot: enough for SLOT_PERCENTILE % of the units, the rest
    take more slots."""
    if len(lengths) == 0:
        return MIN_SHIFT
    long = int(np.percentile(lengths, SLOT_PERCENTILE, method="higher"))
    return min(MAX_SHIFT, max(MIN_SHIFT, max(long - 1, 1).bit_length()))


def _indexable_table() -> npt.NDArray[np.bool_]:
    table = np.ones(BIGRAM_BASE, dtype=bool)
    table[[0, *map(ord, WHITESPACE)]] = False
    return table


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _dense_ids(codes: npt.NDArray[np.uint32]) -> tuple[Ints, Ints32]:
    """The sorted distinct code points, and each code's rank among them (sorts like codes)."""
    present = np.zeros(BIGRAM_BASE, dtype=bool)
    present[codes] = True
    rank = np.cumsum(present, dtype=np.int32) - 1
    return np.flatnonzero(present).astype(np.int64), rank[codes]


def _character_postings(
    alphabet: Ints, dense: Ints32, unit_of: Ints32, indexable: npt.NDArray[np.bool_]
) -> Encoded:
    """Keys, and per key the coded units containing the character; one range of characters
    at a time, as for the bigrams."""
    pieces = []
    for low, high in _character_ranges(np.bincount(dense[indexable], minlength=len(alphabet)),
                                       RANGE_BIGRAMS):
        chosen = indexable & (dense >= low) & (dense < high)
        pairs = dense[chosen].astype(np.int64)
        pairs <<= 32
        pairs |= unit_of[chosen]
        del chosen
        pairs.sort()
        pairs = pairs[_group_starts(pairs)]
        pieces.append(_encoded(_grouped(pairs >> 32, pairs & 0xFFFFFFFF, lambda k: alphabet[k])))
    return _joined(pieces)


def _bigram_postings(
    alphabet: Ints, dense: Ints32, unit_of: Ints32, base: Ints, indexable: npt.NDArray[np.bool_]
) -> Encoded:
    """Keys, and per key the coded positions of the bigram.

    The bigrams are sorted and coded one range of first characters at a time (ranges of
    about RANGE_BIGRAMS bigrams): a key is first * size + second, so the ranges, taken in
    order, are the keys in order, and only one range's int64 arrays exist at once — built
    over the whole text they took about 40 bytes per character at their peak."""
    size = len(alphabet)
    at = np.flatnonzero(indexable[:-1] & indexable[1:])
    if len(dense) < 1 << 31:
        at = at.astype(np.int32)
    first = dense[at]
    pieces = []
    for low, high in _character_ranges(np.bincount(first, minlength=size), RANGE_BIGRAMS):
        chosen = at[(first >= low) & (first < high)]
        pieces.append(_encoded(_bigram_range(size, alphabet, dense, unit_of, base, chosen)))
    return _joined(pieces)


def _character_ranges(counts: Ints, target: int) -> list[tuple[int, int]]:
    """Consecutive ranges [low, high) of first characters, each holding about `target`
    bigrams (a character with more holds a range of its own)."""
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    cuts = np.searchsorted(ends, np.arange(target, total, target), side="left") + 1
    bounds = [0, *sorted(set(cuts.tolist()) - {0, len(counts)}), len(counts)]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _bigram_range(
    size: int, alphabet: Ints, dense: Ints32, unit_of: Ints32, base: Ints, at: Ints
) -> Grouped:
    """The sorted, grouped postings of the bigrams starting at `at` (in place: arrays are big)."""
    keys = dense[at].astype(np.int64)
    keys *= size
    keys += dense[1:][at]
    positions = base[unit_of[at]]
    positions += at
    del at
    position_bits = int(positions.max(initial=0)).bit_length()
    if (size * size).bit_length() + position_bits <= 63:
        keys <<= position_bits
        keys |= positions
        del positions
        keys.sort()
        positions = keys & ((1 << position_bits) - 1)
        keys >>= position_bits
    else:
        order = np.lexsort((positions, keys))
        keys, positions = keys[order], positions[order]
    return _grouped(
        keys, positions, lambda k: alphabet[k // size] * BIGRAM_BASE + alphabet[k % size]
    )


class Grouped(NamedTuple):
    keys: Ints  # the key of each entry, ascending
    deltas: Ints  # the values of all entries, delta-coded within each entry
    first: Ints  # index in `deltas` of each entry's first value


class Encoded(NamedTuple):
    keys: Ints  # the key of each entry, ascending
    stream: npt.NDArray[np.uint8]  # the varints of every entry's deltas, entry after entry
    lengths: Ints  # bytes of each entry in `stream`


def _encoded(grouped: Grouped) -> Encoded:
    stream, counts = varints(grouped.deltas)
    if not len(grouped.first):
        return Encoded(grouped.keys, stream, np.zeros(0, dtype=np.int64))
    return Encoded(grouped.keys, stream, np.add.reduceat(counts, grouped.first, dtype=np.int64))


def _joined(pieces: list[Encoded]) -> Encoded:
    if not pieces:
        return Encoded(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64))
    return Encoded(*(np.concatenate(column) for column in zip(*pieces, strict=True)))


def _grouped(keys: Ints, values: Ints, real_key: Callable[[Ints], Ints]) -> Grouped:
    starts = _group_starts(keys)
    deltas = np.empty_like(values)
    deltas[:1] = values[:1]
    np.subtract(values[1:], values[:-1], out=deltas[1:])
    deltas[starts] = values[starts]
    first = np.flatnonzero(starts)
    return Grouped(real_key(keys[first]), deltas, first)


def _group_starts(keys: Ints) -> npt.NDArray[np.bool_]:
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    return starts


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
