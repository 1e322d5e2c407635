"""The counts behind the overview page and the CSV exports, computed once from the model.

Every number is a plain count over `Corpus` and `Annotations`, the same data that
`data/corpus.json` publishes, so a reader can recompute each figure from that file:
speeches per year, level and place; paragraphs and characters; glossary-term occurrences
(term marks in paragraphs and headings); speeches per topic and year (a speech discusses
a topic when any of its paragraphs or headings evidences it, `Annotations.speech_topics`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial

from ..memo import SpeechValues, per_speech
from ..model import LEVELS, Corpus, Speech
from .annotations import Annotations, units_of

LENGTH_BIN = 2000  # characters per bin of the length distribution
LENGTH_CAP = 20000  # speeches at least this long share the last bin


@dataclass(frozen=True)
class YearRow:
    year: int
    speeches: int
    paragraphs: int
    chars: int


@dataclass(frozen=True)
class OverviewStats:
    speeches: tuple[Speech, ...]  # by slug
    paragraphs: int
    chars: int
    years: tuple[YearRow, ...]  # oldest first
    undated: int
    levels: tuple[tuple[str | None, int], ...]  # LEVELS order, None (not given) last
    places: tuple[tuple[str | None, int], ...]  # most speeches first, then by name; None last
    lengths: tuple[tuple[int, int], ...]  # (bin start, speeches), every bin from 0 to the longest
    term_counts: dict[str, Counter[str]] = field(default_factory=dict)  # term → speech → occurrences
    topic_years: dict[str, Counter[int]] = field(default_factory=dict)  # topic → year → speeches
    topic_speeches: dict[str, int] = field(default_factory=dict)  # topic → speeches (dated or not)
    char_counts: dict[str, int] = field(default_factory=dict)  # speech slug → Speech.char_count()

    def term_total(self, term: str) -> int:
        return sum(self.term_counts.get(term, Counter()).values())

    def term_speeches(self, term: str) -> int:
        return len(self.term_counts.get(term, ()))

    def year_speeches(self, year: int) -> int:
        return next((row.speeches for row in self.years if row.year == year), 0)


@dataclass(frozen=True)
class SpeechCounts:
    """One speech's share of the counts (kept for an unchanged speech under serve)."""

    paragraphs: int
    topics: tuple[str, ...]  # Annotations.speech_topics
    terms: dict[str, int]  # term → occurrences, in the order of first occurrence


def speech_counts(speech: Speech, annotations: Annotations) -> SpeechCounts:
    terms: Counter[str] = Counter()
    for unit_id, _ in units_of(speech):
        for mark in annotations.of(speech.slug, unit_id).marks_of("term"):
            terms[mark.key] += 1
    return SpeechCounts(paragraph_count(speech), annotations.speech_topics(speech), dict(terms))


def overview_stats(corpus: Corpus, annotations: Annotations, values: SpeechValues | None = None) -> OverviewStats:
    """The counts, from each speech's share (`values`: the shares of unchanged speeches kept)."""
    speeches = tuple(sorted(corpus.speeches, key=lambda speech: speech.slug))
    chars = {speech.slug: speech.char_count() for speech in speeches}  # walks the whole text: once
    counts = {speech.slug: per_speech(values, "overview", speech, annotations.speech_units(speech.slug),
                                      partial(speech_counts, speech, annotations)) for speech in speeches}
    topic_years: dict[str, Counter[int]] = {}
    topic_speeches: Counter[str] = Counter()
    for speech in speeches:
        for topic in counts[speech.slug].topics:
            topic_speeches[topic] += 1
            if speech.meta.year is not None:
                topic_years.setdefault(topic, Counter())[speech.meta.year] += 1
    return OverviewStats(
        speeches=speeches,
        paragraphs=sum(share.paragraphs for share in counts.values()),
        chars=sum(chars.values()),
        years=_years(speeches, chars, counts),
        undated=sum(1 for speech in speeches if speech.meta.year is None),
        levels=_levels(speeches),
        places=_places(speeches),
        lengths=length_bins(chars.values()),
        term_counts=term_counts(speeches, counts),
        topic_years=topic_years,
        topic_speeches=dict(topic_speeches),
        char_counts=chars,
    )


def paragraph_count(speech: Speech) -> int:
    return sum(1 for _ in speech.all_paragraphs())


def term_counts(speeches: Iterable[Speech], counts: Mapping[str, SpeechCounts]) -> dict[str, Counter[str]]:
    """Occurrences of each glossary term per speech: term marks in paragraphs and headings."""
    by_term: dict[str, Counter[str]] = {}
    for speech in speeches:
        for term, n in counts[speech.slug].terms.items():
            by_term.setdefault(term, Counter())[speech.slug] = n
    return by_term


def length_bins(lengths: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Speeches per bin of `LENGTH_BIN` characters; the bins run from 0 to the longest speech."""
    bins = Counter(min(length, LENGTH_CAP) // LENGTH_BIN * LENGTH_BIN for length in lengths)
    if not bins:
        return ()
    return tuple((start, bins[start]) for start in range(0, max(bins) + 1, LENGTH_BIN))


def bin_label(start: int) -> str:
    return f"{start} 字以上" if start >= LENGTH_CAP else f"{start}–{start + LENGTH_BIN - 1} 字"


def _years(speeches: Iterable[Speech], chars: dict[str, int], counts: Mapping[str, SpeechCounts]) -> tuple[YearRow, ...]:
    rows: dict[int, list[Speech]] = {}
    for speech in speeches:
        if speech.meta.year is not None:
            rows.setdefault(speech.meta.year, []).append(speech)
    return tuple(
        YearRow(year, len(group), sum(counts[s.slug].paragraphs for s in group), sum(chars[s.slug] for s in group))
        for year, group in sorted(rows.items())
    )


def _levels(speeches: Iterable[Speech]) -> tuple[tuple[str | None, int], ...]:
    counts = Counter(speech.meta.level for speech in speeches)
    known = [(level, counts[level]) for level in LEVELS if counts[level]]
    others = sorted((level, n) for level, n in counts.items() if level is not None and level not in LEVELS)
    missing = [(None, counts[None])] if counts[None] else []
    return (*known, *others, *missing)


def _places(speeches: Iterable[Speech]) -> tuple[tuple[str | None, int], ...]:
    counts = Counter(speech.meta.place for speech in speeches)
    named = sorted(((place, n) for place, n in counts.items() if place is not None), key=lambda item: (-item[1], item[0]))
    missing = [(None, counts[None])] if counts[None] else []
    return (*named, *missing)
