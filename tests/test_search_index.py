"""The search index answers exactly like a substring scan (query.py mirrors search.js)."""

from __future__ import annotations

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from search_queries import QUERIES, expected, long_query, units_of_speech

from speechsite.annotate.glossary import Glossary
from speechsite.annotate.taxonomy import Taxonomy, Topic
from speechsite.annotate.terms import Term
from speechsite.model import Corpus, Speech
from speechsite.pipeline import read_corpus
from speechsite.search import postings as postings_module
from speechsite.search import search_files
from speechsite.search.files import SpeechLink, block_size, index_files
from speechsite.search.frequent import FREQUENT_POSTINGS
from speechsite.search.index import build_index, varint, varints
from speechsite.search.normalise import WHITESPACE, build_char_map
from speechsite.search.query import (
    MAX_SHARDS,
    Item,
    SearchIndex,
    cover,
    payload,
    split_query,
    unpacked,
    unpacked_block,
)
from speechsite.search.units import SearchUnit, search_units
from speechsite.site.context import RenderContext

CHAR_MAP = build_char_map()


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return read_corpus(SEEDS)


@pytest.fixture(scope="module")
def seed_files(seeds: Corpus) -> dict[str, str | bytes]:
    glossary = Glossary((Term("yigang-shuangze", "一岗双责", variants=("一岗两责",)),))
    taxonomy = Taxonomy((Topic("anquan-shengchan", "安全生产"),))
    ctx = RenderContext(seeds, _no_annotations(), taxonomy, glossary)
    return {file.path: file.content for file in search_files(ctx)}


def _no_annotations():  # type: ignore[no-untyped-def]
    from speechsite.annotate import Annotations

    return Annotations()


def _reader(files: dict[str, str | bytes]):  # type: ignore[no-untyped-def]
    return lambda path: files[path]


def _url(speech: Speech) -> str:
    return f"speeches/{speech.slug}/index.html"


@pytest.mark.parametrize("query", QUERIES)
def test_seed_queries_match_a_substring_scan(seeds: Corpus, seed_files, query: str) -> None:  # type: ignore[no-untyped-def]
    index = SearchIndex(_reader(seed_files))
    truth = expected(seeds.speeches, query, CHAR_MAP.normalise, _url)
    assert sorted(index.unit_keys(index.search(query))) == truth


def test_the_query_list_covers_hits_misses_and_and_queries(seeds: Corpus) -> None:
    counts = {q: len(expected(seeds.speeches, q, CHAR_MAP.normalise, _url)) for q in QUERIES}
    assert len(QUERIES) >= 40
    assert (
        counts["两客一危一货"] == 1 and counts["12345"] >= 1 and counts["溺水"] > counts["防溺水"]
    )
    assert counts["安全生產"] == counts["安全生产"] and counts["１２３４５"] == counts["12345"]
    assert counts["电信诈骗"] == 0 and counts["<img onerror=alert(1)>"] == 0
    assert 0 < counts["信访 维稳 群众"] < counts["信访"]


def test_a_500_character_query_is_verified_on_the_text(seeds: Corpus, seed_files) -> None:  # type: ignore[no-untyped-def]
    query = long_query(seeds.speeches)
    index = SearchIndex(_reader(seed_files))
    truth = expected(seeds.speeches, query, CHAR_MAP.normalise, _url)
    assert len(query) >= 400 and len(truth) == 1
    assert sorted(index.unit_keys(index.search(query))) == truth
    assert sorted(index.unit_keys(index.search(query[:-1] + "☃"))) == []


def test_every_spoken_character_is_in_a_unit(seeds: Corpus) -> None:
    units = search_units(seeds)
    for number, speech in enumerate(seeds.speeches):
        texts = [unit.text for unit in units if unit.speech == number]
        assert texts == list(speech.text_pieces())
        assert texts == [text for _, text in units_of_speech(speech)]


NOTED = ("在全县网格化管理工作会议上的讲话\n同志们：\n今天开会。\n一、形势\n形势很好。\n二、任务\n"
         "任务很重。\n谢谢大家！\n注释：\n［1］网格化管理：见《人民日报》2023年1月1日。\n［2］同上。\n")


def test_notes_after_a_speech_are_units_of_index_and_ground_truth(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The appendix (注释 and the notes under it, shown under 附注 with their own anchors) is
    searched; the ground truth once skipped it, and at 10,000 generated speeches counted 3–44
    units fewer than the index for 网格, 的, 稳, ；, 工作, 发展."""
    (tmp_path / "noted.txt").write_text(NOTED, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    (speech,) = corpus.speeches
    assert [p.text for p in speech.appendix][1:] == ["［1］网格化管理：见《人民日报》2023年1月1日。", "［2］同上。"]
    assert [text for _, text in units_of_speech(speech)] == list(speech.text_pieces())
    ctx = RenderContext(corpus, _no_annotations(), Taxonomy(), Glossary())
    index = SearchIndex(_reader({f.path: f.content for f in search_files(ctx)}))
    appendix = [(_url(speech), p.id) for p in speech.appendix]
    for query, notes in [("人民日报", appendix[1:2]), ("网格", appendix[1:2]), ("同上", appendix[2:]), ("：", appendix[:2])]:
        truth = expected(corpus.speeches, query, CHAR_MAP.normalise, _url)
        assert sorted(index.unit_keys(index.search(query))) == truth
        assert set(notes) <= set(truth)
    assert len(expected(corpus.speeches, "网格", CHAR_MAP.normalise, _url)) == 2  # title and note


def test_the_build_is_deterministic(seeds: Corpus) -> None:
    def build() -> dict[str, str | bytes]:
        ctx = RenderContext(seeds, _no_annotations(), Taxonomy(), Glossary())
        return {f.path: f.content for f in search_files(ctx)}

    assert build() == build()


ONE_PASS = 1 << 40  # more characters and postings than any test has: one chunk, one range


def _cut(monkeypatch: pytest.MonkeyPatch, chunk: int, per_range: int) -> None:
    monkeypatch.setattr(postings_module, "CHUNK_CHARACTERS", chunk)
    monkeypatch.setattr(postings_module, "RANGE_POSTINGS", per_range)


@pytest.mark.parametrize(
    ("chunk", "per_range"),
    [(1, 1), (1, ONE_PASS), (ONE_PASS, 1), (ONE_PASS, 7), (50, 300), (1000, 5000), (20_000, 7)],
)
def test_postings_built_a_chunk_and_a_range_at_a_time_equal_one_pass(
    seeds: Corpus, chunk: int, per_range: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index reads the units a chunk at a time and sorts and codes the postings one range
    of keys at a time to bound its memory; any chunk size (one unit each) and any range size
    (one posting, a character larger than its range) give the same bytes as one of each."""
    texts = [text for speech in seeds.speeches for _, text in units_of_speech(speech)]
    _cut(monkeypatch, ONE_PASS, ONE_PASS)
    whole, small = build_index(texts, CHAR_MAP, frequent=40), build_index(texts[:3], CHAR_MAP, shard_bytes=64)
    assert len(whole.frequent) >= 10  # and their extra keys (frequent.py) cut alike
    _cut(monkeypatch, chunk, per_range)
    assert build_index(texts, CHAR_MAP, frequent=40) == whole
    assert build_index(texts[:3], CHAR_MAP, shard_bytes=64) == small


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="安全生产 \u3000ＡＢab的发展𠀀\n", max_size=30), max_size=12),
    chunk=st.integers(1, 40),
    per_range=st.integers(1, 9),
    frequent=st.sampled_from([0, 3, FREQUENT_POSTINGS]),
)
def test_any_cut_of_any_texts_gives_the_one_pass_index(
    texts: list[str], chunk: int, per_range: int, frequent: int
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _cut(monkeypatch, ONE_PASS, ONE_PASS)
        whole = build_index(texts, CHAR_MAP, shard_bytes=32, shift=4, frequent=frequent)
        _cut(monkeypatch, chunk, per_range)
        assert build_index(texts, CHAR_MAP, shard_bytes=32, shift=4, frequent=frequent) == whole


def test_manifest_lists_term_and_topic_pages(seed_files) -> None:  # type: ignore[no-untyped-def]
    manifest = unpacked(payload(seed_files["search/manifest.js"]))
    assert manifest["pages"] == [
        ["term", "glossary/yigang-shuangze/index.html", "一岗双责", ["一岗两责"]],
        ["topic", "topics/anquan-shengchan/index.html", "安全生产", []],
    ]
    assert manifest["units"] == sum(1 for _ in search_units_of(seed_files))


def search_units_of(files):  # type: ignore[no-untyped-def]
    manifest = unpacked(payload(files["search/manifest.js"]))
    for number in range(0, manifest["units"], manifest["block"]):
        block = payload(files[f"search/u/{number // manifest['block']}.js"])
        yield from unpacked_block(block, manifest["ranks"])["units"]


def test_character_map_is_length_preserving_and_idempotent() -> None:
    assert CHAR_MAP.normalise("國家安全ＡＢＣ１２３，　Ｘx") == "国家安全abc123, xx"
    sources, targets = CHAR_MAP.pairs()
    assert len(sources) == len(targets) > 3000
    assert CHAR_MAP.normalise(targets) == targets
    assert all(len(ch) == 1 for ch in targets)


def test_jsonp_payload_survives_hostile_text() -> None:
    text = '</script><img onerror=alert(1)> "引号" \\ \u2028 \u2029'
    units = [SearchUnit(0, "p1", "paragraph", "", "一¶1", text)]
    files = {
        f.path: f.content
        for f in index_files(
            build_index([text], CHAR_MAP),
            units,
            [SpeechLink("s/index.html", "</script>")],
            [],
            CHAR_MAP,
            1,
        )
    }
    ranks = unpacked(payload(files["search/manifest.js"]))["ranks"]
    for path, content in files.items():
        assert isinstance(content, bytes) and content.startswith(b"\xff\xfe"), path
        packed = payload(content)
        assert not set(packed) & {'"', "\\", "\n", "\r", "\u2028", "\u2029"}, path
    block = unpacked_block(payload(files["search/u/0.js"]), ranks)
    assert block["units"][0][5] == text
    assert block["speeches"] == {"0": ["s/index.html", "</script>"]}


def test_varints_are_leb128() -> None:
    import numpy as np

    data, counts = varints(np.array([0, 127, 128, 300, 2**35 + 5], dtype=np.int64))
    assert data.tobytes() == bytes([0, 127, 0x80, 1, 0xAC, 2, 0x85, 0x80, 0x80, 0x80, 0x80, 1])
    assert counts.tolist() == [1, 1, 2, 2, 6]


@given(st.lists(st.integers(0, 2**56 - 1), max_size=40))
def test_varints_equal_one_by_one_encoding(values: list[int]) -> None:
    import numpy as np

    data, counts = varints(np.array(values, dtype=np.int64))
    assert data.tobytes() == b"".join(varint(value) for value in values)
    assert counts.tolist() == [len(varint(value)) for value in values]


def _bigrams(length: int) -> list[Item]:
    return [Item(i, i, i + 1) for i in range(length - 1)]  # key: the offset


def test_cover_reaches_every_character_and_prefers_cheap_bigrams() -> None:
    assert cover(_bigrams(2), lambda i: 1) == [0]
    assert cover(_bigrams(6), lambda i: 1) == [0, 2, 4]
    assert cover(_bigrams(5), lambda i: [1, 100, 1, 1][i]) == [0, 2, 3]
    assert cover(_bigrams(5), lambda i: [1, 1, 100, 1][i]) == [0, 1, 3]


def test_cover_takes_a_trigram_instead_of_a_costly_bigram() -> None:
    """高质量发展: the last character is covered by 发展 (offset 3) or by the trigram 量发展
    (offset 2, key 10 here); the first by 高质 or by 高质量 (key 11)."""
    items = [*_bigrams(5), Item(10, 2, 4), Item(11, 0, 2)]
    items.sort(key=lambda item: item.last)
    costs = {0: 5, 1: 5, 2: 1, 3: 100, 10: 2, 11: 1}
    assert [items[n] for n in cover(items, costs.__getitem__)] == [Item(11, 0, 2), Item(10, 2, 4)]
    costs[3] = 1  # the bigram is cheaper again: the cover of bigrams alone
    assert [items[n].key for n in cover(items, costs.__getitem__)] == [11, 3]


def test_split_query_uses_the_shared_whitespace() -> None:
    assert split_query("安全\u3000生产 安全\u2003ａ", CHAR_MAP.normalise) == ["安全", "生产", "a"]
    assert all(ch.isspace() or ch == "\ufeff" for ch in WHITESPACE)


ALPHABET = "安全生产工作枫桥經验溺水防一岗双责Aa1１ ，\u3000"


def corpora() -> st.SearchStrategy[list[str]]:
    text = st.text(ALPHABET, max_size=40) | st.text(ALPHABET, min_size=100, max_size=300)
    return st.lists(text, min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(
    texts=corpora(),
    shift=st.integers(1, 9),
    shard_bytes=st.sampled_from([8, 64, 1024]),
    queries=st.lists(st.text(ALPHABET, min_size=1, max_size=24), min_size=1, max_size=8),
    frequent=st.sampled_from([0, 2, 5, FREQUENT_POSTINGS]),
)
def test_any_index_answers_like_a_substring_scan(
    texts: list[str], shift: int, shard_bytes: int, queries: list[str], frequent: int
) -> None:
    """Also with frequent bigrams (frequent.py): from every bigram (0) to none."""
    units = [SearchUnit(0, f"u{n}", "paragraph", "", "", text) for n, text in enumerate(texts)]
    index = build_index(texts, CHAR_MAP, shard_bytes, shift=shift, frequent=frequent)
    files = {
        f.path: f.content
        for f in index_files(
            index, units, [SpeechLink("s", "t")], [], CHAR_MAP, block_size(units, 512)
        )
    }
    reader = SearchIndex(_reader(files))
    for query in [*queries, *(t[3:30] for t in texts if len(t) > 30)]:
        terms = split_query(query, CHAR_MAP.normalise)
        truth = [
            n
            for n, t in enumerate(texts)
            if terms and all(x in CHAR_MAP.normalise(t) for x in terms)
        ]
        assert reader.search(query) == truth, query


def test_long_queries_take_the_verifying_path() -> None:
    distinct = "".join(chr(0x4E00 + n) for n in range(200))
    texts = [distinct, distinct[50:120] + "工作", "工作" * 40]
    units = [SearchUnit(0, f"u{n}", "paragraph", "", "", text) for n, text in enumerate(texts)]
    index = build_index(texts, CHAR_MAP, 8, shift=4)
    files = {
        f.path: f.content
        for f in index_files(index, units, [SpeechLink("s", "t")], [], CHAR_MAP, 1)
    }
    reader = SearchIndex(_reader(files))
    query = distinct[60:100]
    keys = [ord(a) * 0x110000 + ord(b) for a, b in zip(query, query[1:], strict=False)]
    assert len({reader.shard_of(k) for k in keys}) > MAX_SHARDS
    assert reader.search(query) == [0, 1]
    assert reader.search(distinct[100:121]) == [0]
    assert reader.search(distinct[60:120] + "工作") == [1]
    assert reader.search(distinct[60:120] + "工") == [1]
    assert reader.search(query + "工") == []
    assert index.slots == (13, 5, 5)  # 200, 72 and 80 characters in slots of 16
    assert reader.first_slots == [0, 13, 18, 23]
    assert [reader.unit_of(p) for p in (-1, 0, 207, 208, 287, 288, 367, 368)] == [
        -1, 0, 0, 1, 1, 2, 2, 3,
    ]  # fmt: skip


def test_an_empty_corpus_gives_an_index_that_finds_nothing() -> None:
    files = {
        f.path: f.content
        for f in search_files(RenderContext(Corpus(()), _no_annotations(), Taxonomy(), Glossary()))
    }
    assert set(files) == {"search/manifest.js", "search/slots.js"}
    index = SearchIndex(_reader(files))
    assert index.manifest["units"] == 0
    assert index.search("安全") == index.search("安") == index.search("安全生产 工作") == []
