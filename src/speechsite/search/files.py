"""Write the index as script files the browser loads on demand, served or from file://.

Every file is a JSONP-style script `__speechsiteSearch(kind, number, payload);`: the page
injects a `<script>` tag and the registered callback receives the payload. Chromium blocks
fetch() of file:// URLs but not scripts, so one mechanism serves both cases.

    search/manifest.js   parameters, shard table, character map, speech starts, term/topic pages
                         (deflated JSON, base85)
    search/s/<n>.js      shard n of the postings (see index.py), raw-deflated, base85
    search/u/<n>.js      display data of units n*block … n*block+block-1 (deflated JSON)
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..output import OutputFile
from .base85 import b85encode_all
from .index import IndexData
from .normalise import CharMap
from .units import PageEntry, SearchUnit

FOLDER = "search"
CALLBACK = "__speechsiteSearch"
FORMAT = 2  # 2: shards are deflated like the display blocks; base85, not base64
LEVEL = 4  # zlib level: 6 gains 0.5 % at 1.25 × the time, 9 another 0.1 % at twice


@dataclass(frozen=True)
class SpeechLink:
    url: str  # site path of the speech page
    title: str


@dataclass(frozen=True)
class PageLink:
    entry: PageEntry
    url: str


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
) -> Iterator[OutputFile]:
    # zlib releases the GIL: deflating on every core halves the wall time of the index.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        shards = _all_deflated(pool, [shard.data for shard in index.shards])
        shard_files = [_script(f"{FOLDER}/s/{n}.js", "shard", n, s) for n, s in enumerate(shards)]
        yield _manifest(index, units, pages, char_map, block, shard_files)
        yield from shard_files
        blocks = [
            _block_json(units[first : first + block], speeches)
            for first in range(0, len(units), block)
        ]
        for number, packed in enumerate(_all_deflated(pool, blocks)):
            yield _script(f"{FOLDER}/u/{number}.js", "units", number, packed)


def _manifest(
    index: IndexData,
    units: Sequence[SearchUnit],
    pages: Sequence[PageLink],
    char_map: CharMap,
    block: int,
    shard_files: Sequence[OutputFile],
) -> OutputFile:
    first_keys = [shard.first_key for shard in index.shards]
    payload = {
        "format": FORMAT,
        "units": len(units),
        "shift": index.shift,
        "long": [list(pair) for pair in index.long_units],
        "shardKeys": _deltas(first_keys),
        "shardSizes": [len(file.as_bytes()) for file in shard_files],
        "block": block,
        "speechStarts": _deltas(_speech_starts(units)),
        "map": list(char_map.pairs()),
        "pages": [[p.entry.kind, p.url, p.entry.name, list(p.entry.variants)] for p in pages],
    }
    return _script(f"{FOLDER}/manifest.js", "manifest", 0, _deflated(_json(payload)))


def _block_json(units: Sequence[SearchUnit], speeches: Sequence[SpeechLink]) -> bytes:
    used = sorted({unit.speech for unit in units})
    payload = {
        "speeches": {str(s): [speeches[s].url, speeches[s].title] for s in used},
        "units": [
            [unit.speech, unit.anchor, unit.kind, unit.heading, unit.citation, unit.text]
            for unit in units
        ],
    }
    return _json(payload)


def _json(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _all_deflated(pool: ThreadPoolExecutor, datas: Sequence[bytes]) -> Iterator[str]:
    """`_deflated` of each, in order, in tasks of 64 (a task per file costs more than it saves)."""
    chunks = [datas[first : first + 64] for first in range(0, len(datas), 64)]
    for chunk in pool.map(_each_deflated, chunks):
        yield from chunk


def _each_deflated(datas: Sequence[bytes]) -> list[str]:
    return b85encode_all([_raw_deflate(data) for data in datas])


def _deflated(data: bytes) -> str:
    """Raw deflate (no zlib header, as the browser's DecompressionStream("deflate-raw") reads
    it), base85: what `unpack`/`inflate` in search.js read."""
    return b85encode_all([_raw_deflate(data)])[0]


def _raw_deflate(data: bytes) -> bytes:
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return deflate.compress(data) + deflate.flush()


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


def _script(path: str, kind: str, number: int, packed: str) -> OutputFile:
    """The script file; `packed` is base85, so it needs no escaping inside the quotes."""
    return OutputFile(path, f'{CALLBACK}("{kind}",{number},"{packed}");\n')
