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

    def of(self, slug: str, unit_id: str) -> UnitAnnotation:
        return self.units.get((slug, unit_id), EMPTY)

    def speech_topics(self, speech: Speech) -> tuple[str, ...]:
        """The topics a speech discusses, most evidenced first, ties by slug."""
        counts: dict[str, int] = {}
        for unit_id, _ in units_of(speech):
            for topic in self.of(speech.slug, unit_id).own_topics:
                counts[topic] = counts.get(topic, 0) + 1
        return tuple(sorted(counts, key=lambda t: (-counts[t], t)))


def annotate(corpus: Corpus, taxonomy: Taxonomy, glossary: Glossary) -> Annotations:
    units: dict[UnitKey, UnitAnnotation] = {}
    for speech in corpus.speeches:
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
    return Annotations(units)


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
