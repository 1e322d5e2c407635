"""Formulation tracing (提法溯源): when and where a glossary term was used, for its page,
data/terms.json and data/terms.csv.

Per term: the speeches that use it in order of date, the first and the last of them, and
counts by year and by administrative level — each with the number of speeches the corpus has
in that year or at that level (n), so that a year of one speech reads as "1 of 1", never as a
share. Speeches without a date are counted apart (`undated`) and never placed on the time
line; a date known only to the year or month sorts before the full dates of that year/month.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model import LEVELS, Corpus, Speech
from .glossary_stats import TermStats


@dataclass(frozen=True)
class SpeechUse:
    speech: Speech
    count: int  # occurrences of the term in the speech

    @property
    def date(self) -> str | None:
        return self.speech.meta.date

    @property
    def level(self) -> str | None:
        return self.speech.meta.level

    @property
    def place(self) -> str | None:
        return self.speech.meta.place


@dataclass(frozen=True)
class Tally:
    """Uses of a term in one year, at one level or among the undated speeches."""

    key: int | str | None  # the year, the level (None: not given), or None for undated
    count: int  # occurrences
    speeches: int  # speeches that use the term
    corpus_speeches: int  # speeches of the corpus in that year / at that level (n)


@dataclass(frozen=True)
class TermTrace:
    uses: tuple[SpeechUse, ...]  # dated speeches in order of date, then the undated ones
    by_year: tuple[Tally, ...]  # every year from the corpus's first to its last dated year
    undated: Tally
    by_level: tuple[Tally, ...]  # LEVELS order, other levels, then "not given"

    # Cached: terms.csv asks every use of a term whether it is the first or the last, and a
    # term used in thousands of speeches made that quadratic (71 of 84 s at 10,000 speeches).
    @cached_property
    def dated(self) -> tuple[SpeechUse, ...]:
        return tuple(use for use in self.uses if use.date)

    @cached_property
    def first(self) -> SpeechUse | None:
        return self.dated[0] if self.dated else None

    @cached_property
    def last(self) -> SpeechUse | None:
        return self.dated[-1] if self.dated else None


@dataclass(frozen=True)
class Calendar:
    """How many speeches the corpus has per year and per level: the n of every tally."""

    years: tuple[int, ...]  # first to last dated year, gaps included
    per_year: Counter[int | None]  # None: undated
    per_level: Counter[str | None]  # None: not given
    order: dict[str, int]  # speech slug → position in the corpus

    def levels(self) -> list[str | None]:
        others = sorted(level for level in self.per_level if level and level not in LEVELS)
        known = [level for level in LEVELS if self.per_level[level]]
        return [*known, *others, *([None] if self.per_level[None] else [])]


def calendar(corpus: Corpus) -> Calendar:
    per_year: Counter[int | None] = Counter(speech.meta.year for speech in corpus.speeches)
    dated = sorted(year for year in per_year if year is not None)
    years = tuple(range(dated[0], dated[-1] + 1)) if dated else ()
    per_level: Counter[str | None] = Counter(speech.meta.level for speech in corpus.speeches)
    order = {speech.slug: index for index, speech in enumerate(corpus.speeches)}
    return Calendar(years, per_year, per_level, order)


def term_trace(slug: str, stats: TermStats, cal: Calendar) -> TermTrace:
    uses = [SpeechUse(speech, len(found)) for speech, found in stats.by_speech(slug)]
    uses.sort(key=lambda use: _date_order(use, cal))
    return TermTrace(
        tuple(uses),
        tuple(_tally(year, [u for u in uses if u.speech.meta.year == year], cal.per_year[year])
              for year in cal.years),
        _tally(None, [u for u in uses if u.speech.meta.year is None], cal.per_year[None]),
        tuple(_tally(level, [u for u in uses if u.level == level], cal.per_level[level])
              for level in cal.levels()),
    )  # fmt: skip


def shown_trace(trace: TermTrace) -> tuple[object, ...]:
    """What a term's page shows of its tracing besides the speeches' titles and metadata (which
    it compares apart): the speeches in order with their counts, and every tally."""
    return tuple((use.speech.slug, use.count) for use in trace.uses), trace.by_year, trace.undated, trace.by_level


def _date_order(use: SpeechUse, cal: Calendar) -> tuple[int, tuple[int, ...], int]:
    """Dated first, by date (2021 < 2021-03 < 2021-03-05 < 2021-04), then corpus order."""
    date = use.date
    parts = tuple(int(part) for part in date.split("-") if part.isdigit()) if date else ()
    return (0 if parts else 1, parts, cal.order[use.speech.slug])


def _tally(key: int | str | None, uses: Sequence[SpeechUse], corpus_speeches: int) -> Tally:
    return Tally(key, sum(use.count for use in uses), len(uses), corpus_speeches)
