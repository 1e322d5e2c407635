"""Where each glossary term occurs: computed once from the annotations, shared by the term
pages, the glossary index and data/terms.json.

An occurrence is a term Mark in a unit (paragraph or heading) of the parsed speech, so
counts are over the spoken text after the reader's repairs (a word split by a page number
counts once joined), and they are exactly the places the speech pages link.

Under `mkdocs serve` the statistics also hold what a term's page shows of each speech's
occurrences (`TermStats.shown`), as plain tuples: the term page memo compares those, not the
occurrences, which hold the speech object — new for an edited speech even where the page shows
nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from ..memo import SpeechValues, per_speech
from ..model import HEADING, Corpus, Speech
from .annotations import Annotations, body_units
from .definitions import CorpusDefinition, speech_definitions


@dataclass(frozen=True)
class Occurrence:
    key: str  # term slug
    speech: Speech
    unit: str  # anchor id of the paragraph or heading
    citation: str
    text: str  # the unit's whole text
    start: int  # the term inside `text`
    end: int
    heading: bool = False

    @property
    def form(self) -> str:
        return self.text[self.start : self.end]


# What a corpus page shows of a speech beside its passages: slug, title, date, level, place.
SpeechShown = tuple[str, str, str | None, str | None, str | None]
# What a term page shows of one speech's occurrences of the term: the speech, then per
# occurrence its unit, citation, the unit's text, the span and whether the unit is a heading.
TermShown = tuple[object, ...]


@dataclass(frozen=True)
class TermStats:
    occurrences: dict[str, list[Occurrence]]  # term slug → occurrences in corpus order
    definitions: dict[str, list[CorpusDefinition]]  # term slug → the speeches' own definitions
    citations: dict[tuple[str, str], str]  # (speech slug, unit id) → citation
    # Under serve only: term slug → what its page shows of each speech using it, corpus order.
    shown: dict[str, list[TermShown]] = field(default_factory=dict)

    def count(self, slug: str) -> int:
        return len(self.occurrences.get(slug, ()))

    def speech_count(self, slug: str) -> int:
        return len({occurrence.speech.slug for occurrence in self.occurrences.get(slug, ())})

    def by_speech(self, slug: str) -> list[tuple[Speech, list[Occurrence]]]:
        groups: dict[str, tuple[Speech, list[Occurrence]]] = {}
        for occurrence in self.occurrences.get(slug, ()):
            groups.setdefault(occurrence.speech.slug, (occurrence.speech, []))[1].append(occurrence)
        return list(groups.values())

    def citation(self, speech: str, unit: str) -> str:
        return self.citations.get((speech, unit), unit)


@dataclass(frozen=True)
class SpeechTerms:
    """One speech's share of the term statistics (kept for an unchanged speech under serve)."""

    occurrences: dict[str, list[Occurrence]]  # term slug → occurrences in document order
    citations: dict[tuple[str, str], str]
    definitions: list[CorpusDefinition]


def speech_terms(speech: Speech, annotations: Annotations) -> SpeechTerms:
    occurrences: dict[str, list[Occurrence]] = {}
    citations: dict[tuple[str, str], str] = {}
    for unit in body_units(speech):
        citations[(speech.slug, unit.id)] = unit.citation
        for mark in annotations.of(speech.slug, unit.id).marks_of("term"):
            occurrences.setdefault(mark.key, []).append(
                Occurrence(
                    mark.key, speech, unit.id, unit.citation, unit.text, mark.start, mark.end,
                    unit.kind == HEADING,
                )
            )
    return SpeechTerms(occurrences, citations, speech_definitions(speech, annotations))


def speech_shown(speech: Speech) -> SpeechShown:
    """What the corpus pages show of a speech beside its passages (and data/terms.* of a use)."""
    meta = speech.meta
    return speech.slug, speech.display_title, meta.date, meta.level, meta.place


def shown_terms(speech: Speech, share: SpeechTerms) -> dict[str, TermShown]:
    """What each term's page shows of this speech's occurrences of it (kept for an unchanged
    speech under serve, so that it compares by identity)."""
    who = speech_shown(speech)
    return {
        key: (who, *((o.unit, o.citation, o.text, o.start, o.end, o.heading) for o in found))
        for key, found in share.occurrences.items()
    }


def term_stats(corpus: Corpus, annotations: Annotations, values: SpeechValues | None = None) -> TermStats:
    """The statistics from each speech's share (`values`: the shares of unchanged speeches kept,
    and what the term pages show of each, which only serve's page memo compares)."""
    occurrences: dict[str, list[Occurrence]] = {}
    citations: dict[tuple[str, str], str] = {}
    definitions: dict[str, list[CorpusDefinition]] = {}
    shown: dict[str, list[TermShown]] = {}
    for speech in corpus.speeches:
        units = annotations.speech_units(speech.slug)
        share = per_speech(values, "terms", speech, units, partial(speech_terms, speech, annotations))
        for key, found in share.occurrences.items():
            occurrences.setdefault(key, []).extend(found)
        citations.update(share.citations)
        for definition in share.definitions:
            definitions.setdefault(definition.key, []).append(definition)
        if values is not None:
            for key, view in values.get("terms shown", speech, units, partial(shown_terms, speech, share)).items():
                shown.setdefault(key, []).append(view)
    return TermStats(occurrences, definitions, citations, shown)
