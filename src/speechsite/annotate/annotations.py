"""Annotate: tie every heading and paragraph to the topics it discusses and the terms it uses.

A unit is a paragraph or a section heading, keyed by (speech slug, anchor id). Marks are
spans of the unit's text (for a heading: `Section.heading`) with the topic or term they
evidence. A heading's topics cover its whole body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..model import Corpus, Mark, Paragraph, Section, Speech
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
        for unit_id, text, inherited in _units_with_inheritance(speech, taxonomy):
            marks = tuple(sorted(taxonomy.match(text) + glossary.match(text), key=_order))
            own = _unique(mark.key for mark in marks if mark.kind == "topic")
            if marks or inherited:
                units[(speech.slug, unit_id)] = UnitAnnotation(
                    _unique((*own, *inherited)), own, marks
                )
    return Annotations(units)


def units_of(speech: Speech) -> Iterator[tuple[str, str]]:
    """(anchor id, text) of every heading and paragraph, in document order."""
    for paragraph in speech.opening:
        yield paragraph.id, paragraph.text
    for section in speech.sections:
        yield from _section_units(section)
    for paragraph in (*speech.closing, *speech.appendix):
        yield paragraph.id, paragraph.text


CitedUnit = tuple[str, str, str, Section | None]  # (anchor id, text, citation, heading's section)


def cited_units(speech: Speech) -> Iterator[CitedUnit]:
    """Every heading and paragraph in document order with its citation: a paragraph's own
    (一.（二）¶3), a heading's numbers (一.（二）), the start of an unnumbered heading's text."""
    for paragraph in speech.opening:
        yield paragraph.id, paragraph.text, paragraph.citation, None
    for section in speech.sections:
        yield from _cited_section(section, "")
    for paragraph in (*speech.closing, *speech.appendix):
        yield paragraph.id, paragraph.text, paragraph.citation, None


def _cited_section(section: Section, above: str) -> Iterator[CitedUnit]:
    number = section.number or section.heading[:8]
    citation = f"{above}.{number}" if above else number
    yield section.id, section.heading, citation, section
    for paragraph in section.paragraphs:
        yield paragraph.id, paragraph.text, paragraph.citation, None
    for sub in section.subsections:
        yield from _cited_section(sub, citation)


def _section_units(section: Section) -> Iterator[tuple[str, str]]:
    yield section.id, section.heading
    for paragraph in section.paragraphs:
        yield paragraph.id, paragraph.text
    for sub in section.subsections:
        yield from _section_units(sub)


def _units_with_inheritance(
    speech: Speech, taxonomy: Taxonomy
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    for paragraph in (*speech.opening, *speech.closing, *speech.appendix):
        yield paragraph.id, paragraph.text, ()
    for section in speech.sections:
        yield from _inherit(section, taxonomy, ())


def _inherit(
    section: Section, taxonomy: Taxonomy, inherited: tuple[str, ...]
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    yield section.id, section.heading, inherited
    own = _unique(mark.key for mark in taxonomy.match(section.heading))
    below = _unique((*inherited, *own))
    paragraph: Paragraph
    for paragraph in section.paragraphs:
        yield paragraph.id, paragraph.text, below
    for sub in section.subsections:
        yield from _inherit(sub, taxonomy, below)


def _order(mark: Mark) -> tuple[int, int, str, str]:
    return (mark.start, -mark.end, mark.kind, mark.key)


def _unique(keys: Iterator[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
