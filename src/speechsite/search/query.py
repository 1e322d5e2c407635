"""Query evaluation over the written index files — the Python twin of search.js.

Public API, kept in step with search.js: `SearchIndex(read)` over a built site, where `read`
maps a site path to the file's content (e.g. `lambda path: (site / path).read_bytes()`);
`search(query)` gives the numbers of the units that contain every term of the query,
`unit_rows(units)` what the browser shows for them. Scripts can query a built site with it;
the tests use it to check the file format fast and exactly and to compare with the browser.
It reads only what the browser would read: the manifest, the shards of the query's keys,
and (for `unit_keys`) display blocks.
"""

from __future__ import annotations

import bisect
import json
import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple

from .codec import rank_decode, words_bytes
from .files import CALLBACK, FOLDER, shard_bytes
from .frequent import after_key, before_key, units_key
from .index import BIGRAM_BASE
from .normalise import WHITESPACE

Reader = Callable[[str], str | bytes]  # site path → file content
MAX_SHARDS = 6  # a longer query fetches this many shards and verifies candidates on text


def payload(script: str | bytes) -> Any:
    """The payload of a `__speechsiteSearch(kind, n, payload);` script (bytes: UTF-16 file)."""
    if isinstance(script, bytes):
        script = script.decode("utf-16")
    head = script.index(",", script.index(",", len(CALLBACK)) + 1) + 1
    return json.loads(script[head : script.rstrip().rindex(")")])


def inflated(packed: str) -> bytes:
    """The bytes of a payload: raw-deflated data, two bytes a code unit (codec.py)."""
    return zlib.decompress(words_bytes(packed), -15)


def unpacked(packed: str) -> Any:
    """The manifest: deflated JSON."""
    return json.loads(inflated(packed).decode("utf-8"))


def unpacked_block(packed: str, table: str) -> Any:
    """A display block: deflated JSON coded by the manifest's character ranks."""
    return json.loads(rank_decode(inflated(packed), table))


def split_query(query: str, normalise: Callable[[str], str]) -> list[str]:
    """Normalised terms, unique, in order; whitespace separates them (AND)."""
    terms = "".join(" " if ch in WHITESPACE else ch for ch in normalise(query)).split(" ")
    return list(dict.fromkeys(term for term in terms if term))


class Item(NamedTuple):
    """A key a term's cover may use: it asserts characters first … last of the term, its
    positions are those of character `first`."""

    key: int
    first: int
    last: int


def items(chars: list[int], frequent: dict[int, int]) -> list[Item]:
    """What may cover a term of two or more characters: the bigram at each offset i and, for
    a frequent bigram (frequent.py; `frequent` maps its key to its rank), the trigrams with
    the character before (at i - 1) and after (at i); ordered by last character, a bigram
    before a trigram."""
    found = []
    for last in range(1, len(chars)):
        i = last - 1
        found.append(Item(chars[i] * BIGRAM_BASE + chars[last], i, last))
        if i >= 1 and (rank := frequent.get(chars[i] * BIGRAM_BASE + chars[last])) is not None:
            found.append(Item(before_key(rank, chars[i - 1]), i - 1, last))
        if i >= 1 and (rank := frequent.get(chars[i - 1] * BIGRAM_BASE + chars[i])) is not None:
            found.append(Item(after_key(rank, chars[last]), i - 1, last))
    return found


def cover(candidates: list[Item], cost: Callable[[int], float]) -> list[int]:
    """Indexes in `candidates` (`items`) of a cheapest set covering every character, in order.

    best[t] is the cheapest cover of characters 0..t whose last item ends at t: an item
    first … t joins a cover ending anywhere in first-1 … t-1. Ties keep the earlier item and
    the earlier end before it (fewer items): with bigrams alone, the cover of format 5.
    """
    length = candidates[-1].last + 1
    best = [math.inf] * length
    back = [(-1, -1)] * length  # (item, end of the cover before it)
    for n, item in enumerate(candidates):
        before = -1
        if item.first > 0:
            before = min(range(item.first - 1, item.last), key=best.__getitem__)
        total = (best[before] if before >= 0 else 0.0) + cost(item.key)
        if total < best[item.last]:
            best[item.last], back[item.last] = total, (n, before)
    chosen, end = [], length - 1
    while end >= 0:
        n, end = back[end]
        chosen.append(n)
    return chosen[::-1]


@dataclass
class SearchIndex:
    read: Reader
    manifest: dict[str, Any] = field(init=False)
    table: dict[int, int] = field(init=False)
    first_keys: list[int] = field(init=False)
    first_slots: list[int] = field(init=False)  # of each unit, then the end
    frequent: dict[int, int] = field(init=False)  # key of each frequent bigram → its rank
    shards: dict[int, dict[int, bytes]] = field(default_factory=dict)
    blocks: dict[int, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.manifest = unpacked(payload(self.read(f"{FOLDER}/manifest.js")))
        sources, targets = self.manifest["map"]
        self.table = {ord(s): ord(t) for s, t in zip(sources, targets, strict=True)}
        self.first_keys = list(accumulate(self.manifest["shardKeys"]))
        self.frequent = {key: rank for rank, key in enumerate(accumulate(self.manifest["frequent"]))}
        slots = inflated(payload(self.read(f"{FOLDER}/slots.js")))
        self.first_slots = [0, *_ascending(slots, step=1)]

    def normalise(self, text: str) -> str:
        return text.translate(self.table)

    def search(self, query: str) -> list[int]:
        """Units (by number) containing every term of the query, ascending."""
        terms = split_query(query, self.normalise)
        if not terms:
            return []
        found: set[int] | None = None
        for term in terms:
            units = self.term_units(term)
            found = units if found is None else found & units
        return sorted(found or ())

    def term_units(self, term: str) -> set[int]:
        chars = [ord(ch) for ch in term]
        if not self.first_keys:
            return set()
        if len(chars) == 1:
            return set(_ascending(self.postings(chars[0])))
        if len(chars) == 2 and (rank := self.frequent.get(chars[0] * BIGRAM_BASE + chars[1])) is not None:
            return set(_ascending(self.postings(units_key(rank))))  # its units, not its positions
        candidates = items(chars, self.frequent)
        chosen = [candidates[n] for n in cover(candidates, self.shard_cost)]
        verify = len({self.shard_of(item.key) for item in chosen}) > MAX_SHARDS
        if verify:
            chosen = self.cheapest(chosen)
        starts: set[int] | None = None
        for item in chosen:
            here = {p - item.first for p in _ascending(self.postings(item.key))}
            starts = here if starts is None else starts & here
        if verify:
            return {u for p in starts or () if (u := self.verified(p, term)) is not None}
        return {self.unit_of(p) for p in starts or ()}

    def shard_cost(self, key: int) -> float:
        """About the bytes of the key's shard (files.py `shard_cost`)."""
        return shard_bytes(int(self.manifest["shardCosts"][self.shard_of(key)]))

    def cheapest(self, chosen: list[Item]) -> list[Item]:
        """The items whose keys lie in the MAX_SHARDS smallest shards (ties: leftmost first)."""
        seen: set[int] = set()
        kept = set()
        for n in sorted(range(len(chosen)), key=lambda n: (self.shard_cost(chosen[n].key), n)):
            shard = self.shard_of(chosen[n].key)
            if shard in seen or len(seen) < MAX_SHARDS:
                seen.add(shard)
                kept.add(n)
        return [item for n, item in enumerate(chosen) if n in kept]

    def verified(self, start: int, term: str) -> int | None:
        """The unit if `term` really occurs at position `start` (checked on the unit's text)."""
        unit = self.unit_of(start)
        if start < 0 or unit >= self.manifest["units"]:
            return None
        offset = start - (self.first_slot(unit) << self.manifest["shift"])
        text = self.normalise(self.unit_rows([unit])[0][5])
        return unit if text[offset : offset + len(term)] == term else None

    def first_slot(self, unit: int) -> int:
        return self.first_slots[unit]

    def shard_of(self, key: int) -> int:
        return max(bisect.bisect_right(self.first_keys, key) - 1, 0)

    def postings(self, key: int) -> bytes:
        if not self.first_keys:
            return b""
        number = self.shard_of(key)
        if number not in self.shards:
            data = inflated(payload(self.read(f"{FOLDER}/s/{number}.js")))
            self.shards[number] = _entries(data, self.first_keys[number])
        return self.shards[number].get(key, b"")

    def unit_of(self, position: int) -> int:
        """The unit owning the position's slot (-1 before the first, `units` after the last)."""
        return bisect.bisect_right(self.first_slots, position >> self.manifest["shift"]) - 1

    def spread(self, units: Iterable[int]) -> dict[str, list[tuple[str, int, int, int]]]:
        """How hits spread: (year or "undated" / level or "", units, speeches, speeches of
        the corpus there) per year present in the corpus (undated last) and per level
        (not given last), from the manifest alone — as `spread` in search.js."""
        starts = list(accumulate(self.manifest["speechStarts"]))
        years = self.manifest["speechYears"]
        levels = ["", *self.manifest["levels"]]
        speech_levels = [levels[n] for n in self.manifest["speechLevels"]]
        hit_speeches: dict[int, int] = {}
        for unit in units:
            speech = bisect.bisect_right(starts, unit) - 1
            hit_speeches[speech] = hit_speeches.get(speech, 0) + 1
        year_keys = [*sorted({y for y in years if y}), *([0] if 0 in years else [])]
        level_keys = [*levels[1:], *([""] if "" in speech_levels else [])]
        return {
            "years": [_tally(str(y or "undated"), years, y, hit_speeches) for y in year_keys],
            "levels": [_tally(k, speech_levels, k, hit_speeches) for k in level_keys],
        }

    def unit_keys(self, units: Iterable[int]) -> list[tuple[str, str]]:
        """(speech page, anchor) of each unit, read from the display blocks."""
        return [(row[0], row[1]) for row in self.unit_rows(units, with_url=True)]

    def unit_rows(self, units: Iterable[int], with_url: bool = False) -> list[list[Any]]:
        """Display rows [speech, anchor, kind, heading, citation, text]; the speech as its
        page URL when `with_url`."""
        size = self.manifest["block"]
        rows = []
        for unit in units:
            number = unit // size
            if number not in self.blocks:
                packed = payload(self.read(f"{FOLDER}/u/{number}.js"))
                self.blocks[number] = unpacked_block(packed, self.manifest["ranks"])
            block = self.blocks[number]
            row = list(block["units"][unit % size])
            if with_url:
                row[0] = block["speeches"][str(row[0])][0]
            rows.append(row)
        return rows


def _tally(
    label: str, values: list[Any], value: Any, hits: dict[int, int]
) -> tuple[str, int, int, int]:
    mine = [speech for speech, v in enumerate(values) if v == value]
    found = [hits[speech] for speech in mine if speech in hits]
    return label, sum(found), len(found), len(mine)


def _entries(data: bytes, first_key: int) -> dict[int, bytes]:
    count, at = _varint(data, 0)
    header = []
    key = first_key
    for _ in range(count):
        delta, at = _varint(data, at)
        length, at = _varint(data, at)
        key += delta
        header.append((key, length))
    entries = {}
    for key, length in header:
        entries[key] = data[at : at + length]
        at += length
    return entries


def _ascending(data: bytes, step: int = 0) -> list[int]:
    """Running sums of the varints (`step` added to each: slot counts are stored minus one)."""
    values, at, total = [], 0, 0
    while at < len(data):
        delta, at = _varint(data, at)
        total += delta + step
        values.append(total)
    return values


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value, scale = 0, 1
    while True:
        byte = data[at]
        at += 1
        value += (byte & 0x7F) * scale
        if byte < 0x80:
            return value, at
        scale *= 128
