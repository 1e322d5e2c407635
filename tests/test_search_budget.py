"""What a first search query downloads stays capped as the corpus grows (issue 19).

Every first query loads the manifest and the slot counts whatever it asks for; at 10,000
speeches (about 500,000 units) that part must leave room under the 400 KB a first query may
load (BENCHMARKS.md, "Search"). It grows with the corpus (a shard-table entry per shard, a
few bytes per speech), so the tests build the index of a generated corpus at two sizes and
cap the growth per character indexed. Plus: the constants search.js copies from the Python side match.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import SEEDS

from speechsite.pipeline import read_corpus
from speechsite.search.codec import ESCAPE, ONE_BYTE
from speechsite.search.files import (
    FORMAT,
    SpeechLink,
    block_size,
    index_files,
    shard_bytes,
    shard_cost,
)
from speechsite.search.frequent import EXTRA_BASE, FREQUENT_POSTINGS, SPAN, units_key
from speechsite.search.index import BIGRAM_BASE, build_index
from speechsite.search.normalise import build_char_map
from speechsite.search.query import (
    MAX_SHARDS,
    SearchIndex,
    _ascending,
    cover,
    items,
    payload,
    unpacked,
)
from speechsite.search.units import SearchUnit, search_units

CHAR_MAP = build_char_map()
SEARCH_JS = Path(__file__).resolve().parent.parent / "src/speechsite/assets/speechsite/search.js"
SPEECH_UNITS = 50  # units of a generated speech (the 10,000-speech corpus has about 50)
# The fixed part of a first query must stay well under the 400 KB cap at 10,000 speeches
# (77 M characters). On this generated corpus (more distinct character pairs, so more shards,
# per character than real speeches) format 4 grows by 3.7 bytes per 1,000 characters, format 5
# by 1.4; on the 10,000-speech benchmark corpus by 2.8 (216 KB) and 0.6 (47 KB).
FIXED_BYTES_PER_1000_CHARACTERS = 2.0


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    corpus = read_corpus(SEEDS)
    return [unit.text for unit in search_units(corpus)]


def generated(paragraphs: list[str], count: int) -> list[SearchUnit]:
    """`count` units drawn from the seed paragraphs (a prefix of any larger draw), speeches of
    SPEECH_UNITS units, a few paragraphs joined into long ones as in real speeches; one
    character in ten replaced by a random ideograph, so that new character pairs keep coming
    as the corpus grows, as in real speeches."""
    pick = random.Random(2026)
    texts = []
    for _ in range(count):
        text = pick.choice(paragraphs)
        if pick.random() < 0.01:
            text += "".join(pick.choice(paragraphs) for _ in range(pick.randint(2, 12)))
        chars = [chr(pick.randint(0x4E00, 0x9FA5)) if pick.random() < 0.1 else c for c in text]
        texts.append("".join(chars))
    return [SearchUnit(n // SPEECH_UNITS, f"p{n}", "paragraph", "", "", t) for n, t in enumerate(texts)]


def fixed_bytes(units: list[SearchUnit]) -> int:
    """Bytes every first query loads (manifest and slot counts), read as the browser reads."""
    texts = [unit.text for unit in units]
    index = build_index(texts, CHAR_MAP)
    speeches = [SpeechLink(f"s/{n}/", f"讲话{n}", 2020 + n % 5, "省级") for n in range(units[-1].speech + 1)]
    files = {
        f.path: f.as_bytes()
        for f in index_files(index, units, speeches, [], CHAR_MAP, block_size(units, 16384))
    }
    loaded: dict[str, int] = {}

    def read(path: str) -> bytes:
        loaded[path] = len(files[path])
        return files[path]

    SearchIndex(read)
    assert set(loaded) == {"search/manifest.js", "search/slots.js"}
    return sum(loaded.values())


def test_the_fixed_part_of_a_first_query_grows_little_with_the_corpus(paragraphs: list[str]) -> None:
    small, large = generated(paragraphs, 5000), generated(paragraphs, 20000)
    characters = sum(len(unit.text) for unit in large[len(small) :])
    growth = (fixed_bytes(large) - fixed_bytes(small)) / characters * 1000
    assert growth <= FIXED_BYTES_PER_1000_CHARACTERS, f"{growth:.3f} bytes per 1,000 characters"


def test_the_slot_counts_cost_almost_nothing(paragraphs: list[str]) -> None:
    units = generated(paragraphs, 20000)
    index = build_index([unit.text for unit in units], CHAR_MAP)
    assert sum(1 for slots in index.slots if slots > 1) <= 0.02 * len(units)
    files = {f.path: f for f in index_files(index, units, [SpeechLink("s", "t")] * 400, [], CHAR_MAP, 32)}
    assert len(files["search/slots.js"].as_bytes()) <= len(units) / 50  # format 4: / 4


def test_shard_costs_are_sizes_to_a_quarter_octave() -> None:
    assert [shard_cost(size) for size in (1, 2, 3, 1000, 1024, 16384, 200_000)] == [
        0, 4, 6, 39, 40, 56, 70,
    ]  # fmt: skip
    for size in [*range(1, 300), 1000, 4095, 4096, 16383, 200_000, 10**9]:
        assert shard_bytes(shard_cost(size)) <= size < 1.25 * shard_bytes(shard_cost(size))


def test_the_character_map_holds_only_characters_in_use() -> None:
    texts = ["安全生产", "信访工作"]
    units = [SearchUnit(0, f"p{n}", "paragraph", "", "", t) for n, t in enumerate(texts)]
    index = build_index(texts, CHAR_MAP)
    files = {f.path: f.as_bytes() for f in index_files(index, units, [SpeechLink("s", "t")], [], CHAR_MAP, 8)}
    sources, targets = unpacked(payload(files["search/manifest.js"]))["map"]
    assert set(targets) <= set("".join(texts))
    assert {"產", "訪"} <= set(sources)
    assert len(sources) < len(CHAR_MAP.pairs()[0]) / 100
    reader = SearchIndex(lambda path: files[path])
    assert reader.search("安全生產") == [0]
    assert reader.search("信訪") == [1]
    assert reader.search("電") == reader.search("电") == []


@pytest.mark.parametrize(
    ("name", "value"),
    [("FORMAT", FORMAT), ("MAX_SHARDS", MAX_SHARDS), ("ONE_BYTE", ONE_BYTE),
     ("ESCAPE", ESCAPE), ("BIGRAM", BIGRAM_BASE), ("EXTRA_BASE", EXTRA_BASE), ("SPAN", SPAN)],
)  # fmt: skip
def test_search_js_copies_the_python_constants(name: str, value: int) -> None:
    found = re.search(rf"\b{name} = (0x[0-9A-Fa-f]+|\d+)[;,]", SEARCH_JS.read_text(encoding="utf-8"))
    assert found is not None, f"{name} not found in search.js"
    assert int(found.group(1), 0) == value


class Built(NamedTuple):
    texts: list[str]  # normalised
    plain: dict[str, bytes]  # the files at the default threshold: no frequent bigram here
    frequent: dict[str, bytes]  # the files with the FREQUENT_HERE most frequent bigrams frequent


FREQUENT_HERE = 6
SHARD_BYTES_HERE = 2048  # 1 M characters: shards scaled down as the corpus is from 77 M


@pytest.fixture(scope="module")
def built(paragraphs: list[str]) -> Built:
    units = generated(paragraphs, 5000)
    texts = [CHAR_MAP.normalise(unit.text) for unit in units]
    counts = Counter(a + b for text in texts for a, b in zip(text, text[1:], strict=False) if a + b == (a + b).strip())
    threshold = counts.most_common(FREQUENT_HERE + 1)[-1][1]

    def files(frequent: int) -> dict[str, bytes]:
        index = build_index(texts, CHAR_MAP, SHARD_BYTES_HERE, frequent=frequent)
        made = index_files(index, units, [SpeechLink(f"s/{n}/", "t") for n in range(100)], [], CHAR_MAP, 32)
        return {f.path: f.as_bytes() for f in made}

    return Built(texts, files(FREQUENT_POSTINGS), files(threshold))


def first_query(files: dict[str, bytes], query: str) -> tuple[list[int], int, SearchIndex]:
    """The units a query finds and the bytes of the shards its first query loads (beside the
    manifest, the slots and the display blocks, as bench_search --twin counts)."""
    loaded: dict[str, int] = {}

    def read(path: str) -> bytes:
        loaded[path] = len(files[path]) if path.startswith("search/s/") else 0
        return files[path]

    reader = SearchIndex(read)
    units = reader.search(query)
    reader.unit_rows(units[:10])
    return units, sum(loaded.values()), reader


def test_a_frequent_bigrams_unit_list_holds_the_units_of_its_positions(built: Built) -> None:
    reader = SearchIndex(built.frequent.__getitem__)
    assert len(reader.frequent) == FREQUENT_HERE
    assert SearchIndex(built.plain.__getitem__).frequent == {}  # a small corpus has none
    for key, rank in reader.frequent.items():
        units = _ascending(reader.postings(units_key(rank)))
        assert units == sorted({reader.unit_of(p) for p in _ascending(reader.postings(key))})
        bigram = chr(key // BIGRAM_BASE) + chr(key % BIGRAM_BASE)
        assert units == [n for n, text in enumerate(built.texts) if bigram in text]


def test_frequent_bigrams_cut_a_first_query_and_find_the_same(built: Built) -> None:
    """Like 推进 高质量发展 at 10,000 speeches: a frequent bigram alone, and a longer term that
    ends with the most frequent bigram (covered by a trigram instead)."""
    reader = SearchIndex(built.frequent.__getitem__)
    counts = Counter(text[n : n + 2] for text in built.texts for n in range(len(text) - 1))
    top, other = sorted((chr(k // BIGRAM_BASE) + chr(k % BIGRAM_BASE) for k in reader.frequent),
                        key=lambda pair: -counts[pair])[:2]
    endings = Counter(text[n - 2 : n + 2] for text in built.texts for n in range(2, len(text) - 1)
                      if text.startswith(top, n) and text[n - 2 : n].strip() == text[n - 2 : n])
    term = sorted(endings, key=lambda t: (-endings[t], t))[0]
    chars = [ord(ch) for ch in term]
    candidates = items(chars, reader.frequent)
    assert any(candidates[n].key >= EXTRA_BASE for n in cover(candidates, reader.shard_cost))
    for query in (f"{other} {term}", term, other, top):
        truth = [n for n, text in enumerate(built.texts) if all(t in text for t in query.split())]
        plain_units, plain_bytes, _ = first_query(built.plain, query)
        units, loaded, _ = first_query(built.frequent, query)
        assert units == plain_units == truth, query
        assert loaded < plain_bytes / 2, (query, loaded, plain_bytes)  # e.g. 20.0 → 3.8 KB
