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
The most frequent bigrams have more keys (frequent.py, since format 6): their units, which a
two-character query takes instead of their positions, and trigrams, which a cover may take
instead of them.

Shards. Entries sorted by key are packed into shards of about `shard_bytes`; an entry larger
than half of that gets a shard of its own. A shard is
`varint(n) (varint(key - previous key) varint(byte length))*n postings*`, the first key
relative to the shard's first key (so 0). files.py deflates each shard and writes it
into a script file (codec.py).

Memory. The postings are made from chunks of units and sorted a range of keys at a time
(postings.py), and each shard is packed as soon as its postings are coded (shards.py), so
the build holds no array over the whole text and, through `index_stream`, not all the
shards either: at 2,000 speeches (15.5 M characters) its peak fell from 508 to 239 MB with
`build_index`, the worker's (worker.py) from 551 to 226 MB with `index_stream`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from .frequent import FREQUENT_POSTINGS
from .normalise import CharMap
from .postings import BIGRAM_BASE, Layout, Plan, plan, postings
from .shards import Shard, encoded, entries, packed, varint, varints
from .spill import spill_file

__all__ = ["BIGRAM_BASE", "IndexData", "Shard", "build_index", "choose_shift", "index_stream", "varint", "varints"]

MIN_SHIFT, MAX_SHIFT = 4, 14
SLOT_PERCENTILE = 99  # units whose text fits one slot (see Postings above)
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class IndexData:
    shift: int
    slots: tuple[int, ...]  # slots of each unit (one or more)
    shards: tuple[Shard, ...]
    keys: int  # number of distinct keys
    characters: str = ""  # the distinct characters of the normalised texts, ascending
    frequent: tuple[int, ...] = ()  # keys of the frequent bigrams (frequent.py), ascending


def build_index(
    texts: Sequence[str],
    char_map: CharMap | None = None,
    shard_bytes: int = 16384,
    shift: int | None = None,
    frequent: int = FREQUENT_POSTINGS,
) -> IndexData:
    """Index unit texts (unit i is texts[i]), normalised by `char_map`; `shift` and `frequent`
    (occurrences that make a bigram frequent) are for tests.
    The whole index at once: `index_stream` gives the shards one at a time."""
    head, stream = index_stream(texts, char_map, shard_bytes, shift, frequent)
    shards = tuple(stream)
    return replace(head, shards=shards, keys=sum(entries(shard.data) for shard in shards))


def index_stream(
    texts: Sequence[str],
    char_map: CharMap | None = None,
    shard_bytes: int = 16384,
    shift: int | None = None,
    frequent: int = FREQUENT_POSTINGS,
) -> tuple[IndexData, Iterator[Shard]]:
    """The index without its shards (and `keys` 0), and its shards, made as they are taken:
    the postings a chunk of units and a range of keys at a time (postings.py), each shard
    packed as soon as its postings are coded (shards.py)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    shift = choose_shift(lengths) if shift is None else shift
    slots = ((np.maximum(lengths, 1) - 1) >> shift) + 1
    del lengths
    layout = Layout(shift, np.cumsum(slots) - slots, int(slots.sum()))
    lookup = char_map.lookup() if char_map is not None else np.arange(BIGRAM_BASE, dtype=np.uint32)
    planned = plan(texts, lookup, layout, frequent)
    alphabet, size = planned.alphabet, len(planned.alphabet)
    characters = "".join(map(chr, alphabet.tolist()))
    keys = alphabet[planned.frequent // size] * BIGRAM_BASE + alphabet[planned.frequent % size]
    head = IndexData(shift, tuple(slots.tolist()), (), 0, characters, tuple(keys.tolist()))
    return head, _shards(texts, lookup, layout, planned, shard_bytes)


def _shards(texts: Sequence[str], lookup: npt.NDArray[np.uint32], layout: Layout, planned: Plan,
            shard_bytes: int) -> Iterator[Shard]:
    with spill_file() as spill:
        characters, bigrams, extras = postings(texts, lookup, layout, planned, spill)
        yield from packed(map(encoded, itertools.chain(characters, bigrams, extras)), shard_bytes)


def choose_shift(lengths: Ints) -> int:
    """Bits for the offset inside a slot: enough for SLOT_PERCENTILE % of the units, the rest
    take more slots."""
    if len(lengths) == 0:
        return MIN_SHIFT
    long = int(np.percentile(lengths, SLOT_PERCENTILE, method="higher"))
    return min(MAX_SHIFT, max(MIN_SHIFT, max(long - 1, 1).bit_length()))
