"""Reuse kept up to date across serve rebuilds equals reuse computed from scratch.

A seeded random corpus of speeches with exact copies, lightly edited copies and boilerplate
goes through sequences of edits, additions, deletions, renames and date changes (moves in the
chronological order); after every step the reuse found with the serve cache (sentences kept
per paragraph text, annotate/reuse_cache.py) must equal a clean `find_reuse` — compared
through everything a `Reuse` answers — and the incrementally updated speech-pair summary
(annotate/reuse_speeches_cache.py) must equal `speech_reuse` of it, in full.
"""

from __future__ import annotations

import random

import pytest

from speechsite.annotate.reuse import Reuse, SpeechText, find_reuse
from speechsite.annotate.reuse_cache import ReuseCache
from speechsite.annotate.reuse_speeches import speech_reuse
from speechsite.annotate.reuse_speeches_cache import SpeechReuseCache
from speechsite.annotate.reuse_text import CharTables, join_sentences, split_each, split_sentences

CHARACTERS = "经济发展改革开放创新协调绿色共享社会主义现代化建设人民群众生活水平提高质量效益工作会议精神落实推进"
BOILERPLATE = ("同志们，今天我们召开全市经济工作会议。", "谢谢大家！", "让我们紧密团结在一起，为实现目标而努力奋斗！")


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(12, 30))) + rng.choice("。；！")


def _paragraph(rng: random.Random) -> str:
    return "".join(_sentence(rng) for _ in range(rng.randint(1, 4)))


def _edited(rng: random.Random, text: str) -> str:
    """A light edit: a character or two changed, a figure changed, or a sentence added."""
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(chars))
        if chars[at] not in "。；！":
            chars[at] = rng.choice(CHARACTERS + "0123456789")
    edited = "".join(chars)
    return edited + _sentence(rng) if rng.random() < 0.3 else edited


class Corpus:
    """Speeches earliest first, as `find_reuse` takes them."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.names = 0
        self.speeches: list[SpeechText] = []
        for _ in range(size):
            self.add()

    def _paragraphs(self) -> tuple[tuple[str, str], ...]:
        rng, texts = self.rng, []
        for _ in range(rng.randint(2, 7)):
            roll = rng.random()
            others = [text for speech in self.speeches for _, text in speech.paragraphs]
            if others and roll < 0.25:
                texts.append(rng.choice(others))  # an exact copy
            elif others and roll < 0.5:
                texts.append(_edited(rng, rng.choice(others)))  # an edited copy
            elif roll < 0.6:
                texts.append(rng.choice(BOILERPLATE))
            else:
                texts.append(_paragraph(rng))
        return tuple((f"p{i}", text) for i, text in enumerate(texts))

    def add(self) -> None:
        self.names += 1
        at = self.rng.randint(0, len(self.speeches))
        self.speeches.insert(at, SpeechText(f"s{self.names}", self._paragraphs()))

    def step(self) -> str:
        rng, speeches = self.rng, self.speeches
        kind = rng.choice(("edit", "edit", "edit", "replace", "add", "delete", "rename", "move"))
        if kind == "add" or len(speeches) < 3:
            self.add()
            return "add"
        at = rng.randrange(len(speeches))
        speech = speeches[at]
        paragraphs = list(speech.paragraphs)
        if kind == "edit":
            p = rng.randrange(len(paragraphs))
            paragraphs[p] = (paragraphs[p][0], _edited(rng, paragraphs[p][1]))
            speeches[at] = SpeechText(speech.key, tuple(paragraphs))
        elif kind == "replace":
            speeches[at] = SpeechText(speech.key, self._paragraphs())
        elif kind == "delete":
            del speeches[at]
        elif kind == "rename":
            self.names += 1
            speeches[at] = SpeechText(f"s{self.names}", speech.paragraphs)
        else:  # a date changed: the speech moves in the order
            del speeches[at]
            speeches.insert(rng.randint(0, len(speeches)), speech)
        return kind


def _clean(speeches: list[SpeechText]) -> Reuse:
    return find_reuse(speeches)


@pytest.mark.parametrize("seed", range(6))
def test_speech_pairs_kept_up_to_date_equal_clean(seed: int) -> None:
    rng = random.Random(seed)
    corpus = Corpus(rng, 24)
    # A small reserve and few partners per speech, so that the reranking paths are taken.
    cache = SpeechReuseCache(partners_per_speech=2, top=4, reserve=6)
    for step in range(25):
        kind = "start" if step == 0 else corpus.step()
        reuse = _clean(corpus.speeches)
        kept = cache.update(reuse)
        assert kept == speech_reuse(reuse, partners_per_speech=2, top=4), (seed, step, kind)
        assert list(kept.pairs) == list(speech_reuse(reuse, 2, 4).pairs)  # the order too


def test_one_edit_counts_only_its_speech_again() -> None:
    rng = random.Random(7)
    corpus = Corpus(rng, 30)
    cache = SpeechReuseCache()
    cache.update(_clean(corpus.speeches))
    speech = corpus.speeches[10]
    paragraphs = list(speech.paragraphs)
    paragraphs[0] = (paragraphs[0][0], paragraphs[0][1] + "这是编辑后新加的一句话，内容与别处都不相同。")
    corpus.speeches[10] = SpeechText(speech.key, tuple(paragraphs))
    reuse = _clean(corpus.speeches)
    assert cache.update(reuse) == speech_reuse(reuse)
    assert cache.full_updates == 1  # the first build only
    assert cache.last_dirty == 1


def everything(reuse: Reuse) -> dict[str, object]:
    """All a `Reuse` answers, for comparing two in full."""
    return {
        "speeches": reuse.speeches, "texts": reuse.texts, "places": reuse.places,
        "text_of": dict(reuse.text_of), "speech_index": dict(reuse.speech_index),
        "partners": {text: dict(others) for text, others in reuse.partners.items()},
        "content": reuse.content_chars, "reach": dict(reuse.reach), "spans": dict(reuse.text_spans),
        "sharing": reuse.sharing_speeches, "limit": reuse.limit, "links": list(reuse.all_links()),
        "pair_spans": {
            (text, other): reuse.text_spans_of(text, other)
            for text, others in reuse.partners.items()
            for other in others
        },
    }  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_reuse_with_the_serve_cache_equals_clean(seed: int) -> None:
    rng = random.Random(100 + seed)
    corpus = Corpus(rng, 24)
    cache = ReuseCache()
    for step in range(20):
        kind = "start" if step == 0 else corpus.step()
        cached = find_reuse(corpus.speeches, split=cache.split)
        clean = _clean(corpus.speeches)
        assert clean.partners, "the corpus has reuse to compare"
        assert everything(cached) == everything(clean), (seed, step, kind)
        if step and kind != "add":  # an edit splits only the texts it made
            assert cache.split_texts <= 7


def test_sentences_split_one_by_one_equal_split_together() -> None:
    texts = [
        "第一句话。第二句话！", "", "。。", "　（一）开头不是句子的标点；然后。", "没有句末标点",
        "ＡＢＣ１２３，全角字母。", "结尾两个标点？！", "第一句话。第二句话！",
    ]  # fmt: skip
    tables = CharTables.build()
    together, joined = split_sentences(texts, tables), join_sentences(split_each(texts, tables))
    assert joined.content == together.content
    for name in ("paragraph", "start", "end", "first", "offsets"):
        assert getattr(joined, name).tolist() == getattr(together, name).tolist(), name
