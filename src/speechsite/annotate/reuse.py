"""Passage reuse (同文检测): for every paragraph, the paragraphs of other speeches that contain
the same passage or a lightly edited copy of it.

The method, in four steps over the corpus's paragraphs (a pure function of their texts):

1. paragraphs with the same text are one "paragraph text"; every paragraph text is cut
   into sentences reduced to their content (reuse_text.py);
2. an index of character 6-grams over the distinct sentences gives candidate pairs, and
   6-grams found in more than 5 % of the speeches (at least 8) are common wording — the
   boilerplate every speech shares (reuse_grams.py);
3. a candidate pair is an edited copy when its distinctive text (common wording left out)
   is long enough and close enough (Levenshtein, rapidfuzz); sentence matches add up to
   the shared characters of paragraph pairs (reuse_match.py);
4. every place of a paragraph text gets the places of its partners in other speeches, the
   most shared text first, one place per speech, at most `links_per_paragraph` of them (a passage copied into
   hundreds of speeches would otherwise list hundreds of places on every copy). Links are
   made when asked for (`Reuse.links`): the speech pages only need `others` and
   `shared_spans`, which cost nothing per place.

Boilerplate never makes a pair: a sentence with fewer than 10 distinctive characters
(同志们！ 谢谢大家！ or a slogan found in many speeches) is never compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

import numpy as np

from ..model import Corpus, Speech
from .reuse_cache import ReuseCache
from .reuse_grams import GramSettings, find_candidates
from .reuse_match import (
    MatchSettings,
    ParagraphPairs,
    match_sentences,
    paragraph_pairs,
    partners_of,
)
from .reuse_text import (
    CharTables,
    Place,
    Sentences,
    distinct_texts,
    sentence_classes,
    speeches_of_classes,
    split_sentences,
)

Span = tuple[int, int]
MANY_PLACES = 64  # partner places of a paragraph text above which `links` keeps its ranking


@dataclass(frozen=True)
class SpeechText:
    """What reuse detection reads of a speech: its key (the slug) and its paragraphs."""

    key: str
    paragraphs: tuple[tuple[str, str], ...]  # (paragraph id, text) in document order


@dataclass(frozen=True)
class ReuseSettings:
    grams: GramSettings = GramSettings()
    match: MatchSettings = MatchSettings()
    links_per_paragraph: int = 5


class ReuseLink(NamedTuple):
    """Another place holding text of a paragraph: `spans` mark the shared sentences in this
    paragraph's text, `other_spans` in the other's (character offsets, end exclusive)."""

    speech: str
    paragraph: str
    shared_chars: int  # content characters (no punctuation or spaces) in common
    similarity: float  # shared_chars / content characters of the shorter paragraph
    spans: tuple[Span, ...]
    other_spans: tuple[Span, ...]


@dataclass(frozen=True)
class Reuse:
    """The result over distinct paragraph texts; `links`, `others` and `shared_spans` answer
    per place (speech key, paragraph id)."""

    speeches: tuple[SpeechText, ...] = ()
    texts: tuple[str, ...] = ()  # distinct paragraph texts
    places: tuple[tuple[Place, ...], ...] = ()  # places of each paragraph text
    partners: Mapping[int, Mapping[int, int]] = field(default_factory=dict)  # text → text → shared
    content_chars: tuple[int, ...] = ()  # per paragraph text
    pairs: ParagraphPairs | None = None
    sentences: Sentences | None = None
    limit: int = 5
    text_of: Mapping[tuple[str, str], int] = field(default_factory=dict)
    speech_index: Mapping[str, int] = field(default_factory=dict)
    reach: Mapping[int, frozenset[int]] = field(default_factory=dict)  # speeches sharing a text
    text_spans: Mapping[int, tuple[Span, ...]] = field(default_factory=dict)  # its shared sentences
    sharing_speeches: frozenset[str] = frozenset()  # speeches with a paragraph shared elsewhere

    def links(self, speech: str, paragraph: str, spans: bool = True) -> tuple[ReuseLink, ...]:
        """Places in other speeches sharing text with this one, earliest first (without the
        shared spans when `spans` is false: they cost more than the rest of a link)."""
        text = self.text_of.get((speech, paragraph))
        if text is None or text not in self.partners:
            return ()
        found: dict[int, tuple[tuple[Span, ...], tuple[Span, ...]]] | None = {} if spans else None
        ranked = self._best_of_speeches.get(text) or self._ranked(text)
        return self._links(text, ranked, found, self.speech_index[speech])

    def text_spans_of(self, text: int, other: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
        """The shared sentences of two paragraph texts (indices into `texts`), in each."""
        return self._pair_spans(text, other), self._pair_spans(other, text)

    def all_links(self, with_spans: bool = True) -> Iterator[tuple[str, str, ReuseLink]]:
        """Every link of every place, a paragraph text at a time (its ranking made once)."""
        for text in self.partners:
            ranked = self._ranked(text)
            spans: dict[int, tuple[tuple[Span, ...], tuple[Span, ...]]] | None = (
                {} if with_spans else None
            )
            for s, p in self.places[text]:
                speech = self.speeches[s]
                for link in self._links(text, ranked, spans, s):
                    yield speech.key, speech.paragraphs[p][0], link

    @cached_property
    def _best_of_speeches(self) -> dict[int, list[tuple[int, Place, int]]]:
        """For each paragraph text with many partner places, the best place of each of the
        first `limit + 1` speeches of its ranking: all `links` needs for any of its places
        (leaving out the place's own speech leaves `limit`). Made once: a passage copied into
        k speeches would otherwise sort its k or more partner places again for each of its k
        places, k² log k — 41 of the 70 s of the reuse scripts at 10,000 generated speeches."""
        return {
            text: _first_elsewhere(self._ranked(text), -1, self.limit + 1)
            for text, partners in self.partners.items()
            if sum(len(self.places[other]) for other in partners) > MANY_PLACES
        }

    def _ranked(self, text: int) -> list[tuple[int, Place, int]]:
        return sorted(
            (-shared, place, other)
            for other, shared in self.partners[text].items()
            for place in self.places[other]
        )

    def _links(
        self,
        text: int,
        ranked: list[tuple[int, Place, int]],
        spans: dict[int, tuple[tuple[Span, ...], tuple[Span, ...]]] | None,
        speech: int,
    ) -> tuple[ReuseLink, ...]:
        chosen = _first_elsewhere(ranked, speech, self.limit)
        return tuple(self._link(text, row, spans) for row in sorted(chosen, key=lambda row: row[1]))

    def others(self, speech: str, paragraph: str) -> int:
        """How many other speeches share text with this paragraph."""
        text = self.text_of.get((speech, paragraph))
        if text is None or text not in self.reach:
            return 0
        speeches = self.reach[text]
        return len(speeches) - (self.speech_index[speech] in speeches)

    def shared_spans(self, speech: str, paragraph: str) -> tuple[Span, ...]:
        """The shared sentences of this paragraph (with any partner), as merged spans."""
        text = self.text_of.get((speech, paragraph))
        return () if text is None else self.text_spans.get(text, ())

    def _link(
        self,
        text: int,
        row: tuple[int, Place, int],
        spans: dict[int, tuple[tuple[Span, ...], tuple[Span, ...]]] | None,
    ) -> ReuseLink:
        negative_shared, (s, p), other = row
        speech = self.speeches[s]
        shorter = min(self.content_chars[text], self.content_chars[other]) or 1
        if spans is not None and other not in spans:
            spans[other] = (self._pair_spans(text, other), self._pair_spans(other, text))
        return ReuseLink(
            speech.key,
            speech.paragraphs[p][0],
            -negative_shared,
            round(min(1.0, -negative_shared / shorter), 3),
            *(spans[other] if spans is not None else ((), ())),
        )

    def _pair_spans(self, text: int, other: int) -> tuple[Span, ...]:
        return self._spans(self.pairs.sentences(text, other)) if self.pairs else ()

    def _spans(self, sentences: list[int]) -> tuple[Span, ...]:
        """Sentences (ascending, of one paragraph) as character spans, touching ones merged."""
        if self.sentences is None or not sentences:
            return ()
        starts = self.sentences.start[sentences].tolist()
        ends = self.sentences.end[sentences].tolist()
        merged: list[Span] = []
        for start, end in zip(starts, ends, strict=True):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)


def corpus_reuse(
    corpus: Corpus, settings: ReuseSettings = ReuseSettings(), cache: ReuseCache | None = None
) -> Reuse:
    """Reuse among the paragraphs of every speech of the corpus, keyed by speech slug; with a
    `cache` (mkdocs serve) the paragraphs of unchanged speeches and the sentences of unchanged
    paragraph texts are not made again."""
    ordered = sorted(corpus.speeches, key=chronological)
    if cache is None:
        return find_reuse(
            [SpeechText(s.slug, tuple((p.id, p.text) for p in s.all_paragraphs())) for s in ordered],
            settings,
        )
    paragraphs = cache.paragraphs(ordered)
    texts = [SpeechText(s.slug, found) for s, found in zip(ordered, paragraphs, strict=True)]
    return find_reuse(texts, settings, cache.split)


def chronological(speech: Speech) -> tuple[str, str]:
    """Dated speeches first, earliest first (a year alone before its dates), then by slug."""
    return (speech.meta.date or "\uffff", speech.slug)


def speech_texts(
    speeches: Sequence[tuple[str, Sequence[tuple[str, str]]]],
) -> tuple[SpeechText, ...]:
    return tuple(SpeechText(key, tuple(paragraphs)) for key, paragraphs in speeches)


def find_reuse(
    speeches: Sequence[SpeechText],
    settings: ReuseSettings = ReuseSettings(),
    split: Callable[[Sequence[str]], Sentences] | None = None,
) -> Reuse:
    """Reuse among `speeches`, given earliest first (ties in the lists go to the earlier);
    `split` cuts the distinct paragraph texts into sentences (as `split_sentences` does)."""
    texts, places, text_of = distinct_texts([(sp.key, sp.paragraphs) for sp in speeches])
    sentences = split(texts) if split else split_sentences(texts, CharTables.build())
    classes, class_of = sentence_classes(sentences, settings.match.min_chars)
    speeches_of = speeches_of_classes(class_of, sentences.paragraph, places, len(classes))
    candidates = find_candidates(classes, speeches_of, len(speeches), settings.grams)
    matches = match_sentences(classes, candidates, settings.match)
    pairs = paragraph_pairs(matches, class_of, sentences.paragraph, len(classes))
    lengths = np.fromiter(map(len, sentences.content), dtype=np.int64, count=len(sentences.content))
    content = np.bincount(sentences.paragraph, weights=lengths, minlength=len(texts))
    partners = partners_of(pairs, places, content.astype(np.int64).tolist())
    reuse = Reuse(
        speeches=tuple(speeches),
        texts=tuple(texts),
        places=places,
        partners=partners,
        content_chars=tuple(content.astype(np.int64).tolist()),
        pairs=pairs,
        sentences=sentences,
        limit=settings.links_per_paragraph,
        text_of=text_of,
        speech_index={speech.key: i for i, speech in enumerate(speeches)},
    )
    reach = {  # the speeches holding a text or a partner of it
        text: frozenset(s for other in (text, *others) for s, _ in places[other])
        for text, others in partners.items()
    }
    spans = {
        text: reuse._spans(sorted({s for other in others for s in pairs.sentences(text, other)}))
        for text, others in partners.items()
    }
    sharing = frozenset(
        speeches[s].key
        for text, group in reach.items()
        for s, _ in places[text]
        if len(group) > 1
    )
    return replace(reuse, reach=reach, text_spans=spans, sharing_speeches=sharing)


def _first_elsewhere(
    ranked: list[tuple[int, Place, int]], speech: int, limit: int
) -> list[tuple[int, Place, int]]:
    """The first `limit` rows from other speeches, one place per speech (its best)."""
    chosen = []
    seen = {speech}
    for row in ranked:
        if row[1][0] not in seen:
            seen.add(row[1][0])
            chosen.append(row)
            if len(chosen) == limit:
                break
    return chosen
