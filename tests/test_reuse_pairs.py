"""Speech pairs counted in bounded memory (annotate/reuse_pairs.py): the place pairs behind the
totals are made a chunk at a time, and any chunk size gives what the definition gives."""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest

from speechsite.annotate import reuse_pairs
from speechsite.annotate.reuse import Reuse, SpeechText, find_reuse
from speechsite.annotate.reuse_pairs import Links, Places
from speechsite.annotate.reuse_speeches import count_pairs

CHARACTERS = "经济发展改革开放创新协调绿色共享社会主义现代化建设人民群众生活水平提高质量效益工作会议精神落实推进"


def _paragraph(rng: random.Random) -> str:
    sentences = ("".join(rng.choice(CHARACTERS) for _ in range(rng.randint(14, 30))) + "。"
                 for _ in range(rng.randint(1, 3)))
    return "".join(sentences)


def _edited(rng: random.Random, text: str) -> str:
    chars = list(text)
    at = rng.randrange(len(chars) - 1)
    chars[at] = rng.choice(CHARACTERS)
    return "".join(chars)


def _corpus(seed: int, size: int = 24) -> Reuse:
    """Speeches sharing a few passages copied into many of them (exact and edited), as a
    generated corpus does: the place pairs grow with the square of the copies."""
    rng = random.Random(seed)
    shared = [_paragraph(rng) for _ in range(4)]
    speeches = []
    for number in range(size):
        texts = [_paragraph(rng) for _ in range(rng.randint(1, 3))]
        for passage in rng.sample(shared, rng.randint(0, 3)):
            texts.append(passage if rng.random() < 0.6 else _edited(rng, passage))
        rng.shuffle(texts)
        speeches.append(SpeechText(f"s{number}", tuple((f"p{i}", t) for i, t in enumerate(texts))))
    return find_reuse(speeches)


def _by_definition(reuse: Reuse) -> dict[tuple[int, int], int]:
    """Shared characters of each pair s < t straight from the definition, in plain Python."""
    best: dict[tuple[int, int, int], int] = defaultdict(int)
    for text, partners in reuse.partners.items():
        for other, shared in partners.items():
            for s, p in reuse.places[text]:
                for t, _ in reuse.places[other]:
                    if s != t:
                        best[(s, t, p)] = max(best[(s, t, p)], shared)
    directed: dict[tuple[int, int], int] = defaultdict(int)
    for (s, t, _), shared in best.items():
        directed[(s, t)] += shared
    return {(s, t): min(n, directed[(t, s)]) for (s, t), n in directed.items() if s < t}


@pytest.mark.parametrize("seed", range(4))
def test_pair_totals_equal_the_definition_for_any_chunk_size(seed: int) -> None:
    reuse = _corpus(seed)
    expected = _by_definition(reuse)
    assert len(expected) > 20  # the corpus does share passages
    whole = count_pairs(reuse)
    assert len(list(whole.links.chunks(whole.chunk_rows))) == 1
    for chunk_rows in (1, 3, 50, 1 << 22):
        counted = count_pairs(reuse, chunk_rows)
        pairs = zip(counted.first.tolist(), counted.second.tolist(), strict=True)
        got = dict(zip(pairs, counted.shared.tolist(), strict=True))
        assert got == expected, chunk_rows
        assert counted.share.tolist() == whole.share.tolist()
        assert counted.partners(2) == whole.partners(2)
        assert counted.ranked(5) == whole.ranked(5)


def test_listings_equal_for_any_chunk_size() -> None:
    reuse = _corpus(7)
    whole = count_pairs(reuse)
    wanted = set(zip(whole.first.tolist(), whole.second.tolist(), strict=True))
    listed = whole.listed(wanted)
    assert set(listed) == wanted and all(listed.values())
    assert count_pairs(reuse, 1).listed(wanted) == listed
    assert count_pairs(reuse, 13).listed(set(list(wanted)[:5])) == {pair: listed[pair] for pair in list(wanted)[:5]}


def test_a_chunk_holds_whole_places_and_a_big_place_stands_alone() -> None:
    reuse = _corpus(3)
    places = Places.of(reuse)
    links = Links.of(reuse, places)
    chunks = list(links.chunks(2))
    assert [chunk.start for chunk in chunks[1:]] == [chunk.stop for chunk in chunks[:-1]]
    assert chunks[0].start == 0 and chunks[-1].stop == len(links.place)
    for chunk in chunks:
        if chunk.stop < len(links.place):  # a place never straddles two chunks
            assert links.place[chunk.stop] != links.place[chunk.stop - 1]
        if len({*links.place[chunk].tolist()}) > 1:  # several places only while under the size
            assert int(links.rows[chunk].sum()) <= 2


def test_no_pairs_and_no_listings_where_nothing_is_shared_or_asked() -> None:
    rng = random.Random(11)
    speeches = [SpeechText(f"s{n}", (("p0", _paragraph(rng)),)) for n in range(5)]
    counted = count_pairs(find_reuse(speeches), 1)
    assert counted.first.tolist() == counted.second.tolist() == counted.shared.tolist() == []
    assert counted.listed({(0, 1)}) == {} and counted.partners(3) == {} and counted.ranked(3) == []
    shared = count_pairs(_corpus(2), 1)
    assert len(shared.first) and shared.listed(set()) == {}  # rows, none of them asked for


def test_membership_by_binary_search_equals_isin() -> None:
    rng = np.random.default_rng(5)
    values = rng.integers(-5, 60, 400)
    for keys in (np.array([], dtype=np.int64), np.array([7]), np.unique(rng.integers(0, 50, 20)), np.arange(-10, 80)):
        assert (reuse_pairs._members(values, keys) == np.isin(values, keys)).all()
