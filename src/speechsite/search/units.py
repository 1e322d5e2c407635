"""Search units: everything a search can land on, in a stable order.

A unit is one heading or paragraph of a speech (also the title, the lines under it and the
salutation, so that every spoken character is searchable). Units are numbered in corpus
order, speech by speech, in document order; that number is what the index stores.
Glossary terms and topics are `PageEntry`s: shown first when the query is their name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import model
from ..annotate.glossary import Glossary
from ..annotate.taxonomy import Taxonomy
from ..model import Corpus, Speech

TITLE, FRONT, HEADING, PARAGRAPH = "title", "front", "heading", "paragraph"
# A speech's unit kinds as search shows them: the lines above the body are all FRONT.
_KINDS = {model.TITLE: TITLE, model.FRONT: FRONT, model.SALUTATION: FRONT, model.HEADING: HEADING}


@dataclass(frozen=True, slots=True)  # slots: half a million of them at 10,000 speeches
class SearchUnit:
    speech: int  # index of the speech in the corpus
    anchor: str  # element id on the speech page; "" for the top of the page
    kind: str  # TITLE, FRONT, HEADING or PARAGRAPH
    heading: str  # the heading the unit stands under (the heading itself for a heading)
    citation: str  # the paragraph's citation number, "" for other units
    text: str


@dataclass(frozen=True)
class PageEntry:
    kind: str  # "term" or "topic"
    slug: str
    name: str
    variants: tuple[str, ...] = ()


def search_units(corpus: Corpus) -> list[SearchUnit]:
    units: list[SearchUnit] = []
    for index, speech in enumerate(corpus.speeches):
        units.extend(speech_units(index, speech))
    return units


def page_entries(glossary: Glossary, taxonomy: Taxonomy) -> list[PageEntry]:
    terms = [PageEntry("term", t.slug, t.term, tuple(t.variants)) for t in glossary.terms]
    topics = [PageEntry("topic", t.slug, t.name) for t in taxonomy.topics]
    return terms + topics


def speech_units(index: int, speech: Speech) -> Iterator[SearchUnit]:
    for unit in speech.units():
        kind = _KINDS.get(unit.kind, PARAGRAPH)
        heading = unit.path[-1].full_heading if unit.path else ""
        citation = unit.citation if kind == PARAGRAPH else ""
        yield SearchUnit(index, unit.id, kind, heading, citation, unit.full_text)
