"""Annotate: tie every heading and paragraph to the topics it discusses and the terms it uses.

A unit is a paragraph or a section heading, keyed by (speech slug, anchor id). Marks are
spans of the unit's text (for a heading: `Section.heading`) with the topic or term they
evidence. A heading's topics cover its whole body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..model import HEADING, Corpus, Speech, Unit
from ..spans import Mark
from .glossary import Glossary
from .taxonomy import Taxonomy

UnitKey = tuple[str, str]  # (speech slug, anchor id)


@dataclass(frozen=True)
class UnitAnnotation:
    topics: tuple[str, ...] = ()  # own topics first, then those inherited from headings
    own_topics: tuple[str, ...] = ()  # topics evidenced by the unit's own text
    marks: tuple[Mark, ...] = ()

    def marks_of(self, kind: str) -> tuple[Mark, ...]:
        return tuple(mark for mark in self.marks if mark.kind == kind)


EMPTY = UnitAnnotation()


@dataclass(frozen=True)
class Annotations:
    units: Mapping[UnitKey, UnitAnnotation] = field(default_factory=dict)
    # The same units by speech slug (made by `annotate`; the same object for a speech whose
    # annotations came from the cache, which lets `mkdocs serve` reuse its page).
    by_speech: Mapping[str, Mapping[UnitKey, UnitAnnotation]] = field(default_factory=dict)

    def speech_units(self, slug: str) -> Mapping[UnitKey, UnitAnnotation]:
        """The annotated units of one speech."""
        if slug in self.by_speech:
            return self.by_speech[slug]
        return {key: unit for key, unit in self.units.items() if key[0] == slug}

    def of(self, slug: str, unit_id: str) -> UnitAnnotation:
        return self.units.get((slug, unit_id), EMPTY)

    def speech_topics(self, speech: Speech) -> tuple[str, ...]:
        """The topics a speech discusses, most evidenced first, ties by slug."""
        counts: dict[str, int] = {}
        for unit_id, _ in units_of(speech):
            for topic in self.of(speech.slug, unit_id).own_topics:
                counts[topic] = counts.get(topic, 0) + 1
        return tuple(sorted(counts, key=lambda t: (-counts[t], t)))


SpeechUnits = dict[UnitKey, UnitAnnotation]


@dataclass
class AnnotationCache:
    """Each speech's annotations, kept across `mkdocs serve` rebuilds with the speech object
    they were made from: an unchanged speech (the same object, from the parse cache) is not
    matched again. Emptied when the taxonomy or the glossary changes. Mutable on purpose:
    it lives as long as a serve session."""

    data: tuple[Taxonomy, Glossary] | None = None
    _by_speech: dict[int, tuple[Speech, SpeechUnits]] = field(default_factory=dict)

    def start(self, taxonomy: Taxonomy, glossary: Glossary) -> None:
        if self.data is None or self.data != (taxonomy, glossary):
            self._by_speech.clear()
        self.data = (taxonomy, glossary)

    def units(self, speech: Speech) -> SpeechUnits | None:
        entry = self._by_speech.get(id(speech))
        # The entry holds the speech itself, so its id cannot have been reused by another.
        return entry[1] if entry is not None and entry[0] is speech else None

    def keep(self, speeches: tuple[Speech, ...], made: dict[int, SpeechUnits]) -> None:
        """Keep the annotations of these speeches only (forget deleted and edited ones)."""
        self._by_speech = {id(speech): (speech, made[id(speech)]) for speech in speeches}


def annotate(
    corpus: Corpus, taxonomy: Taxonomy, glossary: Glossary, cache: AnnotationCache | None = None
) -> Annotations:
    units: dict[UnitKey, UnitAnnotation] = {}
    if cache is not None:
        cache.start(taxonomy, glossary)
    made: dict[int, SpeechUnits] = {}
    by_speech: dict[str, SpeechUnits] = {}
    for speech in corpus.speeches:
        cached = cache.units(speech) if cache is not None else None
        own = cached if cached is not None else _annotate_speech(speech, taxonomy, glossary)
        made[id(speech)] = by_speech[speech.slug] = own
        units.update(own)
    if cache is not None:
        cache.keep(corpus.speeches, made)
    return Annotations(units, by_speech)


def _annotate_speech(speech: Speech, taxonomy: Taxonomy, glossary: Glossary) -> SpeechUnits:
    units: SpeechUnits = {}
    heading_topics: dict[str, tuple[str, ...]] = {}  # section id → topics its heading evidences
    for unit in body_units(speech):
        topic_marks = taxonomy.match(unit.text)
        marks = tuple(sorted(topic_marks + glossary.match(unit.text), key=_order))
        own = _unique(mark.key for mark in marks if mark.kind == "topic")
        if unit.kind == HEADING:  # in the matcher's order, as the units below inherit them
            heading_topics[unit.id] = _unique(mark.key for mark in topic_marks)
        above = unit.path[:-1] if unit.kind == HEADING else unit.path
        inherited = _unique(key for section in above for key in heading_topics[section.id])
        if marks or inherited:
            units[(speech.slug, unit.id)] = UnitAnnotation(_unique((*own, *inherited)), own, marks)
    return units


def body_units(speech: Speech) -> Iterator[Unit]:
    """The headings and paragraphs of a speech (the units with an anchor), in document order."""
    return (unit for unit in speech.units() if unit.id)


def units_of(speech: Speech) -> Iterator[tuple[str, str]]:
    """(anchor id, text) of every heading and paragraph, in document order."""
    return ((unit.id, unit.text) for unit in body_units(speech))


def _order(mark: Mark) -> tuple[int, int, str, str]:
    return (mark.start, -mark.end, mark.kind, mark.key)


def _unique(keys: Iterator[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
