"""Write the index as script files the browser loads on demand, served or from file://.

Every file is a JSONP-style script `__speechsiteSearch(kind, number, payload);`: the page
injects a `<script>` tag and the registered callback receives the payload. Chromium blocks
fetch() of file:// URLs but not scripts, so one mechanism serves both cases.

    search/manifest.js   parameters, shard table (first keys, costs), the frequent bigrams
                         (frequent.py), the character map of the characters in use, rank
                         table, speech starts
                         with each speech's year and level (for the query-by-year panel),
                         term/topic pages (deflated JSON)
    search/slots.js      the slots of each unit (see index.py): varint(slots - 1), raw-deflated
    search/s/<n>.js      shard n of the postings (see index.py), raw-deflated
    search/u/<n>.js      display data of units n*block … n*block+block-1 (JSON, its characters
                         coded by frequency rank, then deflated)

The files are UTF-16 with a byte-order mark; the payload string holds the deflated bytes two
to a code unit (codec.py, which also describes the rank code). They are made in the order
shards, slots, display blocks, manifest: the manifest lists what the shards became, and so
neither the shards nor the display blocks are all held at once.
"""

from __future__ import annotations

import itertools
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from ..model import LEVELS
from ..output import OutputFile
from .codec import BOM, rank_encode, rank_table, ranks, words_text
from .index import IndexData, Shard, varints
from .normalise import CharMap
from .units import PageEntry, SearchUnit

FOLDER = "search"
CALLBACK = "__speechsiteSearch"
# 3: UTF-16 files, two bytes a code unit; display blocks coded by character rank;
# 4: speechYears, levels and speechLevels in the manifest;
# 5: shardCosts (quarter octaves) instead of shardSizes, slots of the 99th percentile length,
#    the character map cut to the characters in use;
# 6: frequent: the keys of the frequent bigrams, which have extra keys (frequent.py).
# search.js checks it (FORMAT there).
FORMAT = 6
LEVEL = 4  # zlib level: 6 gains 0.5 % at 1.25 × the time, 9 another 0.1 % at twice
BATCH = 8  # tasks of 64 files deflated at once (more would hold more files in memory)
T = TypeVar("T")
_END: Any = object()


@dataclass(frozen=True)
class SpeechLink:
    url: str  # site path of the speech page
    title: str
    year: int | None = None
    level: str | None = None


@dataclass(frozen=True)
class PageLink:
    entry: PageEntry
    url: str


def shard_cost(size: int) -> int:
    """A shard's size as a tiny float: 4 × floor(log2 bytes) + the two bits after the leading
    one, so 1.00, 1.25, 1.50, 1.75 × a power of two (`shard_bytes` inverts it; search.js
    `bytesOf`). Fewer distinct values than byte counts: at 10,000 speeches the table of
    14,800 shards deflates to 12.5 KB instead of 33 in the manifest every first query loads."""
    size = max(size, 1)
    exponent = size.bit_length() - 1
    return 4 * exponent + ((size << 2) >> exponent & 3)


def shard_bytes(cost: int) -> float:
    """About the bytes of a shard of that cost (exact in floating point, as in search.js)."""
    return (4 + (cost & 3)) * 2.0 ** (cost >> 2) / 4


def block_size(units: Sequence[SearchUnit], target_bytes: int) -> int:
    """Units per display block: a power of two giving blocks of about target_bytes."""
    if not units:
        return 1
    average = sum(len(unit.text.encode()) + 40 for unit in units) / len(units)
    size = 1
    while size < 256 and size * average * 2 <= target_bytes:
        size *= 2
    return size


def index_files(
    index: IndexData,
    units: Sequence[SearchUnit],
    speeches: Sequence[SpeechLink],
    pages: Sequence[PageLink],
    char_map: CharMap,
    block: int,
    shards: Iterable[Shard] | None = None,
) -> Iterator[OutputFile]:
    """The files of the index, each made when it is taken: the shards (`index.shards`, or as
    `shards` makes them: index.index_stream), the slots, the display blocks, and last the
    manifest, which lists every shard's first key and size. Neither the shards nor the
    display blocks are all held at once."""
    first_keys: list[int] = []
    costs: list[int] = []
    # zlib releases the GIL: deflating on every core halves the wall time of the index.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        made = _all_deflated(pool, index.shards if shards is None else shards, lambda shard: shard.data)
        for number, (shard, data) in enumerate(made):
            file = _script(f"{FOLDER}/s/{number}.js", "shard", number, data)
            first_keys.append(shard.first_key)
            costs.append(shard_cost(len(file.as_bytes())))
            yield file
        yield _slots(index)
        table = rank_table(_blocks(units, speeches, block))
        rank = ranks(table)
        encoded = _all_deflated(pool, _blocks(units, speeches, block), lambda text: text, rank)
        for number, (_, data) in enumerate(encoded):
            yield _script(f"{FOLDER}/u/{number}.js", "units", number, data)
    yield _manifest(index, units, speeches, pages, char_map, block, (first_keys, costs), table)


def _blocks(units: Sequence[SearchUnit], speeches: Sequence[SpeechLink], block: int) -> Iterator[str]:
    """The JSON of each display block, made again each time (holding them all costs more)."""
    for first in range(0, len(units), block):
        yield _block_json(units[first : first + block], speeches)


def _manifest(
    index: IndexData,
    units: Sequence[SearchUnit],
    speeches: Sequence[SpeechLink],
    pages: Sequence[PageLink],
    char_map: CharMap,
    block: int,
    shard_table: tuple[list[int], list[int]],
    table: str,
) -> OutputFile:
    first_keys, costs = shard_table
    starts = _speech_starts(units)
    payload = {
        "format": FORMAT,
        "units": len(units),
        "shift": index.shift,
        "shardKeys": _deltas(first_keys),
        "shardCosts": costs,
        "frequent": _deltas(list(index.frequent)),
        "block": block,
        "speechStarts": _deltas(starts),
        **_speech_metadata([speeches[units[start].speech] for start in starts]),
        "map": _used_pairs(char_map, index.characters, pages),
        "ranks": table,
        "pages": [[p.entry.kind, p.url, p.entry.name, list(p.entry.variants)] for p in pages],
    }
    return _script(f"{FOLDER}/manifest.js", "manifest", 0, _deflated(_json(payload).encode()))


def _used_pairs(char_map: CharMap, characters: str, pages: Sequence[PageLink]) -> list[str]:
    """The character map's pairs whose target occurs in the index or in a page name (a third
    of the 4,226 pairs at 2,000 speeches: −13 KB in every first query). Exact all the same: a
    source character never occurs in normalised text (the map is idempotent), so a query
    holding one finds nothing whether it is mapped or not."""
    names = "".join(n for p in pages for n in (p.entry.name, *p.entry.variants))
    used = set(characters) | set(char_map.normalise(names))
    sources, targets = char_map.pairs()
    kept = [(s, t) for s, t in zip(sources, targets, strict=True) if t in used]
    return ["".join(s for s, _ in kept), "".join(t for _, t in kept)]


def _slots(index: IndexData) -> OutputFile:
    counts = np.array(index.slots, dtype=np.int64) - 1
    return _script(f"{FOLDER}/slots.js", "slots", 0, _deflated(varints(counts)[0].tobytes()))


def _block_json(units: Sequence[SearchUnit], speeches: Sequence[SpeechLink]) -> str:
    used = sorted({unit.speech for unit in units})
    payload = {
        "speeches": {str(s): [speeches[s].url, speeches[s].title] for s in used},
        "units": [
            [unit.speech, unit.anchor, unit.kind, unit.heading, unit.citation, unit.text]
            for unit in units
        ],
    }
    return _json(payload)


def _json(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _all_deflated(
    pool: ThreadPoolExecutor, items: Iterable[T], data: Callable[[T], bytes | str],
    rank: npt.NDArray[np.int32] | None = None,
) -> Iterator[tuple[T, bytes]]:
    """Each item and its `data` deflated (rank-coded first with a `rank`), in order: tasks of 64
    (a task per file costs more than it saves), BATCH of them submitted at a time."""
    batch: list[T] = []
    for item in itertools.chain(items, [_END]):
        if item is not _END:
            batch.append(cast(T, item))
        if len(batch) == 64 * BATCH or (item is _END and batch):
            tasks = [[data(one) for one in batch[first : first + 64]] for first in range(0, len(batch), 64)]
            done = pool.map(partial(_each_deflated, rank=rank), tasks)
            yield from zip(batch, (packed for chunk in done for packed in chunk), strict=True)
            batch = []


def _each_deflated(datas: Sequence[bytes | str], rank: npt.NDArray[np.int32] | None = None) -> list[bytes]:
    if rank is not None:
        datas = rank_encode(cast(Sequence[str], datas), rank)
    return words_text([_raw_deflate(cast(bytes, data)) for data in datas])


def _deflated(data: bytes) -> bytes:
    """Raw deflate (no zlib header, as the browser's DecompressionStream("deflate-raw") reads
    it) as a payload string: what `inflated` in search.js reads."""
    return words_text([_raw_deflate(data)])[0]


def _raw_deflate(data: bytes) -> bytes:
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return deflate.compress(data) + deflate.flush()


def _speech_metadata(speeches: Sequence[SpeechLink]) -> dict[str, list[Any]]:
    """Year (0: undated) and level (index in `levels` + 1, 0: not given) of each speech of
    `speechStarts`: all the query-by-year panel needs, a few bytes a speech."""
    given = {speech.level for speech in speeches if speech.level}
    levels = [level for level in LEVELS if level in given] + sorted(given - set(LEVELS))
    number = {level: index + 1 for index, level in enumerate(levels)}
    return {
        "speechYears": [speech.year or 0 for speech in speeches],
        "levels": levels,
        "speechLevels": [number.get(speech.level, 0) if speech.level else 0 for speech in speeches],
    }


def _speech_starts(units: Sequence[SearchUnit]) -> list[int]:
    """Index of the first unit of each speech that has units (speech numbers ascend)."""
    starts: list[int] = []
    previous = -1
    for number, unit in enumerate(units):
        if unit.speech != previous:
            starts.append(number)
            previous = unit.speech
    return starts


def _deltas(values: Sequence[int]) -> list[int]:
    return [value - before for value, before in zip(values, [0, *values][:-1], strict=True)]


def _script(path: str, kind: str, number: int, packed: bytes) -> OutputFile:
    """The script file; `packed` (UTF-16 LE, `codec.words_text`) needs no escaping in quotes."""
    head = f'{CALLBACK}("{kind}",{number},"'.encode("utf-16-le")
    return OutputFile(path, BOM + head + packed + '");\n'.encode("utf-16-le"))
