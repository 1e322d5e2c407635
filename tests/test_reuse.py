"""Passage reuse (同文检测): the detector on a planted-reuse corpus made from real documents,
and its parts on small cases."""

from __future__ import annotations

from typing import Any

import pytest
from reuse_corpus import CLOSING, SLOGAN, available, planted_corpus

from speechsite.annotate.reuse import ReuseSettings, SpeechText, find_reuse, speech_texts
from speechsite.annotate.reuse_text import CharTables, split_sentences


def _pairs(reuse) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset({(speech, paragraph), (link.speech, link.paragraph)})
        for speech, paragraph, link in reuse.all_links()
    }


@pytest.fixture(scope="module")
def planted():
    if not available():
        pytest.skip("the shared corpora are not beside the repository")
    corpus = planted_corpus()
    return corpus, find_reuse(speech_texts(corpus.speeches))


def test_planted_reuse_precision_and_recall(planted):
    corpus, reuse = planted
    found = _pairs(reuse)
    true = found & corpus.planted
    precision = len(true) / len(found)
    recall = len(true) / len(corpus.planted)
    print(
        f"planted {len(corpus.planted)}, found {len(found)}, precision {precision:.3f}, recall {recall:.3f}"
    )
    assert len(corpus.planted) == 40
    assert precision >= 0.95, sorted(map(sorted, found - corpus.planted))
    assert recall >= 0.95, sorted(map(sorted, corpus.planted - found))


def test_planted_boilerplate_alone_never_makes_a_pair(planted):
    corpus, reuse = planted
    texts = {key: dict(paragraphs) for key, paragraphs in corpus.speeches}
    for speech, paragraph, link in reuse.all_links():
        assert texts[speech][paragraph] not in ("同志们：", "谢谢大家！", CLOSING)
        assert speech not in corpus.unrelated and link.speech not in corpus.unrelated
    slogan_places = [(k, p) for k, ps in corpus.speeches for p, text in ps if text.endswith(SLOGAN)]
    assert len(slogan_places) >= 10  # in two thirds of the speeches: common wording
    for key, paragraph in slogan_places:
        for link in reuse.links(key, paragraph):
            assert frozenset({(key, paragraph), (link.speech, link.paragraph)}) in corpus.planted


LONG = "各地区各部门要把思想和行动统一到中央的决策部署上来，切实加强组织领导，层层压实责任，确保各项任务落到实处。"
OTHER = "今年以来，全市规模以上工业增加值增长百分之八，固定资产投资完成年度计划的七成以上，发展态势持续向好。"


def _speeches(*paragraph_lists: list[str]) -> list[SpeechText]:
    return [
        SpeechText(f"s{i}", tuple((f"p{j}", text) for j, text in enumerate(texts)))
        for i, texts in enumerate(paragraph_lists)
    ]


def test_a_copied_sentence_inside_a_longer_paragraph_is_found_and_marked():
    host = "我们要认真总结经验。" + LONG + "会后各单位要抓紧传达。"
    reuse = find_reuse(_speeches([LONG, OTHER], ["开会了。", host]))
    (link,) = reuse.links("s1", "p1")
    assert (link.speech, link.paragraph) == ("s0", "p0")
    assert [host[a:b] for a, b in link.spans] == [LONG]
    assert link.other_spans == ((0, len(LONG)),)
    assert link.similarity == 1.0 and link.shared_chars == sum(ch.isalnum() for ch in LONG)
    assert reuse.shared_spans("s1", "p1") == link.spans
    assert reuse.links("s0", "p1") == () and reuse.others("s0", "p1") == 0


def test_edited_numbers_and_places_still_match_and_punctuation_is_ignored():
    edited = OTHER.replace("全市", "全县").replace("百分之八", "8.5%").replace("，", ",")
    reuse = find_reuse(_speeches([OTHER], [edited]))
    (link,) = reuse.links("s1", "p0")
    assert link.speech == "s0" and 0.8 < link.similarity < 1.0


def test_common_wording_is_left_out_but_a_passage_around_it_counts():
    # the slogan stands in every speech: alone it makes no pair, inside a copied passage it
    # does not stop one
    speeches = [[f"第{i}次会议。{SLOGAN}", "谢谢大家！"] for i in range(12)]
    speeches[3].append(SLOGAN + LONG)
    speeches[7].append(LONG + SLOGAN)
    reuse = find_reuse(_speeches(*speeches))
    assert {(s, p, link.speech) for s, p, link in reuse.all_links()} == {
        ("s3", "p2", "s7"),
        ("s7", "p2", "s3"),
    }


def test_a_paragraph_copied_into_many_speeches_lists_the_most_shared_then_earliest():
    speeches = [[f"第{i}篇讲话开头。", OTHER] for i in range(40)]
    for i in range(8):  # in 8 of 40 speeches (common wording starts above 8), twice in each
        speeches[i] += [LONG, LONG]
    speeches[6][-1] = LONG + "要抓好落实。"  # shares as much, is longer: ranks with the others
    reuse = find_reuse(_speeches(*speeches), ReuseSettings(links_per_paragraph=4))
    links = reuse.links("s7", "p2")
    assert [link.speech for link in links] == ["s0", "s1", "s2", "s3"]  # ties: earliest first
    assert reuse.others("s7", "p2") == 7
    assert all(link.similarity == 1.0 for link in links)
    assert sum(1 for _ in reuse.all_links()) == 8 * 2 * 4  # every copy lists 4 other speeches
    assert reuse.links("s6", "p3")[0].similarity == 1.0  # LONG whole inside the longer one
    assert all(link.speech != speech for speech, _, link in reuse.all_links())


@pytest.mark.parametrize("many", [0, 4, 10**9])
def test_links_of_a_much_copied_passage_come_from_its_kept_ranking(many, monkeypatch):
    """A paragraph text with many partner places keeps the best place of its first limit + 1
    speeches once (`MANY_PLACES`); every place's links equal those of the full ranking."""
    from speechsite.annotate import reuse as reuse_module

    monkeypatch.setattr(reuse_module, "MANY_PLACES", many)
    speeches = [[f"第{i}篇讲话开头。", OTHER] for i in range(40)]
    for i in range(8):
        speeches[i] += [LONG, LONG]
    speeches[6][-1] = LONG + "要抓好落实。"
    speeches[3][-1] = LONG.replace("。", "，", 1)
    reuse = find_reuse(_speeches(*speeches), ReuseSettings(links_per_paragraph=3))
    full = {(speech, paragraph): [] for speech, paragraph, _ in reuse.all_links()}
    for speech, paragraph, link in reuse.all_links():
        full[(speech, paragraph)].append(link)
    assert len(full) == 16
    for (speech, paragraph), links in full.items():
        assert list(reuse.links(speech, paragraph)) == links
    assert len(reuse._best_of_speeches) == (0 if many == 10**9 else len(reuse.partners))


def test_a_passage_in_more_speeches_than_the_limit_is_common_wording():
    speeches = [[f"第{i}篇讲话开头。", OTHER] for i in range(40)]
    for i in range(9):
        speeches[i].append(LONG)
    assert list(find_reuse(_speeches(*speeches)).all_links()) == []


def test_sentences_keep_content_only_and_map_it_back():
    texts = ["一、总体要求：２０２５年ＧＤＰ增长5%左右！！再说一句", "", "谢谢。"]
    sentences = split_sentences(texts, CharTables.build())
    assert sentences.content == ("一总体要求0000年gdp增长0左右", "再说一句", "谢谢")
    assert sentences.paragraph.tolist() == [0, 0, 2]
    first, rest = texts[0][: sentences.end[0]], texts[0][sentences.start[1] :]
    assert (first, rest) == ("一、总体要求：２０２５年ＧＤＰ增长5%左右！！", "再说一句")
    offsets = sentences.content_offsets(0).tolist()
    assert "".join(texts[0][i] for i in offsets) == "一总体要求２０２５年ＧＤＰ增长5左右"


def _totals_by_lexsort(rows: Any) -> tuple[Any, Any, Any]:
    """The speech-pair totals as first written (a sort by four keys): the reference."""
    import numpy as np

    order = np.lexsort((-rows.shared, rows.left, rows.speech_right, rows.speech_left))
    s, t = rows.speech_left[order], rows.speech_right[order]
    p, n = rows.left[order], rows.shared[order]
    best = np.ones(len(s), dtype=bool)
    best[1:] = (s[1:] != s[:-1]) | (t[1:] != t[:-1]) | (p[1:] != p[:-1])
    s, t, n = s[best], t[best], n[best]
    starts = np.flatnonzero(np.concatenate(([True], (s[1:] != s[:-1]) | (t[1:] != t[:-1]))))
    s, t, sums = s[starts], t[starts], np.add.reduceat(n, starts)
    size = int(max(s.max(), t.max())) + 1
    forward, backward = s * size + t, t * size + s
    order = np.argsort(forward)
    reverse = sums[order][np.searchsorted(forward[order], backward)]
    keep = s < t
    return s[keep], t[keep], np.minimum(sums, reverse)[keep]


@pytest.mark.parametrize("seed", range(5))
def test_speech_pair_totals_equal_the_four_key_sort(seed: int) -> None:
    import numpy as np

    from speechsite.annotate.reuse_pairs import Rows, directed_sums, undirected

    rng = np.random.default_rng(seed)
    speech_of = rng.integers(0, 9, size=60)  # 60 paragraphs in 9 speeches
    left, right = rng.integers(0, 60, size=400), rng.integers(0, 60, size=400)
    keep = speech_of[left] != speech_of[right]
    left, right = left[keep], right[keep]
    shared = rng.integers(1, 50, size=len(left))
    # every directed pair has its reverse, as place pairs do
    left, right, shared = np.concatenate((left, right)), np.concatenate((right, left)), np.concatenate((shared, shared))
    rows = Rows(left, right, shared, speech_of[left], speech_of[right])
    mine, reference = undirected(*directed_sums(rows, 9, 60), 9), _totals_by_lexsort(rows)
    for got, want in zip(mine, reference, strict=True):
        assert got.tolist() == want.tolist()
