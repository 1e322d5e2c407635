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
   most shared text first, at most `links_per_paragraph` of them (a passage copied into
   hundreds of speeches would otherwise list hundreds of places on every copy).

Boilerplate never makes a pair: a sentence with fewer than 10 distinctive characters
(同志们！ 谢谢大家！ or a slogan found in many speeches) is never compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .reuse_grams import GramSettings, find_candidates
from .reuse_match import MatchSettings, ParagraphPairs, match_sentences, paragraph_pairs
from .reuse_text import CharTables, Sentences, split_sentences

Span = tuple[int, int]


@dataclass(frozen=True)
class SpeechText:
    """What reuse detection reads of a speech: its key (the slug) and its paragraphs."""

    key: str
    paragraphs: tuple[tuple[str, str], ...]  # (paragraph id, text) in document order


@dataclass(frozen=True)
class ReuseSettings:
    grams: GramSettings = GramSettings()
    match: MatchSettings = MatchSettings()
    links_per_paragraph: int = 8


@dataclass(frozen=True)
class ReuseLink:
    """Another place holding text of a paragraph: `spans` mark the shared sentences in this
    paragraph's text, `other_spans` in the other's (character offsets, end exclusive)."""

    speech: str
    paragraph: str
    shared_chars: int  # content characters (no punctuation or spaces) in common
    similarity: float  # shared_chars / content characters of the shorter paragraph
    spans: tuple[Span, ...]
    other_spans: tuple[Span, ...]


@dataclass(frozen=True)
class Place:
    speech: int  # index into the speeches as given (earliest first)
    paragraph: int  # index into that speech's paragraphs


@dataclass(frozen=True)
class Reuse:
    """The result: links per paragraph, and what the corpus-wide views need."""

    speeches: tuple[SpeechText, ...]
    links: Mapping[tuple[str, str], tuple[ReuseLink, ...]]
    texts: tuple[str, ...] = ()  # distinct paragraph texts
    places: tuple[tuple[Place, ...], ...] = ()  # places of each paragraph text
    partners: Mapping[int, Mapping[int, int]] = field(default_factory=dict)  # text → text → shared
    content_chars: tuple[int, ...] = ()  # per paragraph text
    spans: Mapping[tuple[int, int], tuple[Span, ...]] = field(default_factory=dict)

    def of(self, speech: str, paragraph: str) -> tuple[ReuseLink, ...]:
        return self.links.get((speech, paragraph), ())

    def all_links(self) -> Iterator[tuple[str, str, ReuseLink]]:
        for (speech, paragraph), links in self.links.items():
            for link in links:
                yield speech, paragraph, link


def speech_texts(speeches: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> tuple[SpeechText, ...]:
    return tuple(SpeechText(key, tuple(paragraphs)) for key, paragraphs in speeches)


def find_reuse(speeches: Sequence[SpeechText], settings: ReuseSettings = ReuseSettings()) -> Reuse:
    """Reuse among `speeches`, given earliest first (ties in the lists go to the earlier)."""
    texts, places = _distinct_texts(speeches)
    sentences = split_sentences(texts, CharTables.build())
    classes, class_of = _sentence_classes(sentences, settings.match.min_chars)
    speeches_of = _speeches_of_classes(class_of, sentences.paragraph, places, len(classes))
    candidates = find_candidates(classes, speeches_of, len(speeches), settings.grams)
    matches = match_sentences(classes, candidates, settings.match)
    pairs = paragraph_pairs(matches, class_of, sentences.paragraph, len(classes))
    content = np.bincount(
        sentences.paragraph, weights=list(map(len, sentences.content)), minlength=len(texts)
    ).astype(np.int64)
    partners = _partners(pairs)
    spans = _spans(pairs, sentences)
    base = Reuse(
        tuple(speeches), {}, tuple(texts), places, partners, tuple(content.tolist()), spans
    )
    links = _links(base, settings.links_per_paragraph)
    return Reuse(base.speeches, links, base.texts, places, partners, base.content_chars, spans)


def _distinct_texts(speeches: Sequence[SpeechText]) -> tuple[list[str], tuple[tuple[Place, ...], ...]]:
    index: dict[str, int] = {}
    places: list[list[Place]] = []
    for s, speech in enumerate(speeches):
        for p, (_, text) in enumerate(speech.paragraphs):
            t = index.setdefault(text, len(index))
            if t == len(places):
                places.append([])
            places[t].append(Place(s, p))
    return list(index), tuple(map(tuple, places))


def _sentence_classes(sentences: Sentences, min_chars: int) -> tuple[list[str], np.ndarray]:
    """Distinct sentence contents long enough to count; class of each sentence (-1: too short)."""
    index: dict[str, int] = {}
    class_of = np.full(len(sentences.content), -1, dtype=np.int64)
    for i, text in enumerate(sentences.content):
        if len(text) >= min_chars:
            class_of[i] = index.setdefault(text, len(index))
    return list(index), class_of


def _speeches_of_classes(
    class_of: np.ndarray, paragraph_of: np.ndarray, places: Sequence[Sequence[Place]], count: int
) -> list[tuple[int, ...]]:
    speeches: list[set[int]] = [set() for _ in range(count)]
    text_speeches = [{place.speech for place in group} for group in places]
    for sentence_class, paragraph in zip(class_of.tolist(), paragraph_of.tolist(), strict=True):
        if sentence_class >= 0:
            speeches[sentence_class] |= text_speeches[paragraph]
    return [tuple(sorted(group)) for group in speeches]


def _partners(pairs: ParagraphPairs) -> dict[int, dict[int, int]]:
    partners: dict[int, dict[int, int]] = {}
    for a, b, shared in zip(pairs.first.tolist(), pairs.second.tolist(), pairs.shared.tolist(), strict=True):
        partners.setdefault(a, {})[b] = shared
        partners.setdefault(b, {})[a] = shared
    return partners


def _spans(pairs: ParagraphPairs, sentences: Sentences) -> dict[tuple[int, int], tuple[Span, ...]]:
    """Per (text, partner text): the matched sentences of the text as merged character spans."""
    spans: dict[tuple[int, int], tuple[Span, ...]] = {}
    for key, group in pairs.sentences.items():
        merged: list[Span] = []
        for s in group:
            start, end = int(sentences.start[s]), int(sentences.end[s])
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        spans[key] = tuple(merged)
    return spans


def _links(reuse: Reuse, limit: int) -> dict[tuple[str, str], tuple[ReuseLink, ...]]:
    """Per place: the places of partner texts in other speeches, most shared first (the
    earlier on a tie), at most `limit`; listed earliest first."""
    links: dict[tuple[str, str], tuple[ReuseLink, ...]] = {}
    for text, partners in reuse.partners.items():
        ranked = sorted(
            (-shared, place.speech, place.paragraph, other)
            for other, shared in partners.items()
            for place in reuse.places[other]
        )
        for place in reuse.places[text]:
            chosen = _first_elsewhere(ranked, place.speech, limit)
            if chosen:
                speech = reuse.speeches[place.speech]
                key = (speech.key, speech.paragraphs[place.paragraph][0])
                links[key] = tuple(_link(reuse, text, row) for row in sorted(chosen, key=lambda r: (r[1], r[2])))
    return links


def _first_elsewhere(
    ranked: list[tuple[int, int, int, int]], speech: int, limit: int
) -> list[tuple[int, int, int, int]]:
    chosen = []
    for row in ranked:
        if row[1] != speech:
            chosen.append(row)
            if len(chosen) == limit:
                break
    return chosen


def _link(reuse: Reuse, text: int, row: tuple[int, int, int, int]) -> ReuseLink:
    negative_shared, speech_index, paragraph_index, other = row
    speech = reuse.speeches[speech_index]
    shorter = min(reuse.content_chars[text], reuse.content_chars[other]) or 1
    return ReuseLink(
        speech=speech.key,
        paragraph=speech.paragraphs[paragraph_index][0],
        shared_chars=-negative_shared,
        similarity=round(min(1.0, -negative_shared / shorter), 3),
        spans=reuse.spans.get((text, other), ()),
        other_spans=reuse.spans.get((other, text), ()),
    )
