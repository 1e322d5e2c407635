"""Passage reuse (同文检测): the detector on a planted-reuse corpus made from real documents,
and its parts on small cases."""

from __future__ import annotations

import pytest

from speechsite.annotate.reuse import ReuseSettings, SpeechText, find_reuse, speech_texts

from reuse_corpus import CLOSING, SLOGAN, available, planted_corpus


def _pairs(reuse) -> set[frozenset[tuple[str, str]]]:
    return {frozenset({(speech, paragraph), (link.speech, link.paragraph)}) for speech, paragraph, link in reuse.all_links()}


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
    print(f"planted {len(corpus.planted)}, found {len(found)}, precision {precision:.3f}, recall {recall:.3f}")
    assert len(corpus.planted) == 40
    assert precision >= 0.95, sorted(map(sorted, found - corpus.planted))
    assert recall >= 0.95, sorted(map(sorted, corpus.planted - found))
