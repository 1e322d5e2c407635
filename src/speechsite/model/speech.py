"""The speech as the parser recovers it: paragraphs, sections, front lines, the one walk over
its units (`Speech.units()`), its outline; and the corpus of all speeches."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .source import Diagnostic, Metadata, Repair, SourceInfo

UNTITLED = "无标题讲话"  # only for a text from which no title can be inferred (no words at all)


@dataclass(frozen=True)
class Paragraph:
    id: str  # anchor id, stable when other paragraphs change
    citation: str  # human-readable citation number, e.g. 一.（二）¶3
    number: int  # 1-based position among all paragraphs of the speech
    text: str
    line: int  # 1-based line in the source file where it starts


@dataclass(frozen=True)
class Section:
    """A heading and what it governs. `marker` is the ordinal as written (一、 （一） 1. 一要)."""

    id: str  # anchor id of the heading
    level: int  # 1 = 一、, 2 = （一）/1./一要, 3 = 1./（1）
    marker: str  # "" for an unnumbered lead-in heading
    heading: str  # the heading text without marker and terminator
    terminator: str  # trailing punctuation of the heading as written ("。" or "")
    line: int
    paragraphs: tuple[Paragraph, ...] = ()  # body before the first sub-section
    subsections: tuple[Section, ...] = ()

    @property
    def number(self) -> str | None:
        """The ordinal without its delimiter: 一、→一, （一）→（一）, 1.→1., 一要→一要."""
        return self.marker.rstrip("、，,．.:： ") or None if self.marker else None

    @property
    def full_heading(self) -> str:
        return f"{self.marker}{self.heading}{self.terminator}"

    def all_paragraphs(self) -> Iterator[Paragraph]:
        yield from self.paragraphs
        for sub in self.subsections:
            yield from sub.all_paragraphs()

    def walk(self) -> Iterator[Section]:
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True)
class FrontLine:
    """A line between title and salutation: subtitle/date line, speaker line, source line."""

    kind: str  # "subtitle", "date", "speaker", "other"
    text: str
    line: int


# Kinds of units, in the order they can occur in a speech.
TITLE, FRONT, SALUTATION, OPENING, HEADING, PARAGRAPH, CLOSING, APPENDIX = (
    "title", "front", "salutation", "opening", "heading", "paragraph", "closing", "appendix")


class Unit(NamedTuple):
    """One piece of a speech as `Speech.units()` walks it: the one walk that search, exports,
    annotation, statistics and the repair log share. A named tuple: a corpus has many."""

    kind: str  # TITLE, FRONT, SALUTATION, OPENING, HEADING, PARAGRAPH, CLOSING or APPENDIX
    text: str  # a heading's text without marker and terminator (what marks index)
    id: str = ""  # anchor on the speech page; "" for the title, front lines and salutation
    citation: str = ""  # a paragraph's number (一.（二）¶3); a heading's numbers (一.（二）)
    path: tuple[Section, ...] = ()  # the sections it stands in, outermost first (a heading's own last)
    line: int | None = None  # source line where it starts; None for the title and salutation

    @property
    def full_text(self) -> str:
        """Every character of the unit as said: a heading with its marker and terminator."""
        return self.path[-1].full_heading if self.kind == HEADING else self.text

    @property
    def section(self) -> Section | None:
        """The section a heading unit heads; None for every other unit."""
        return self.path[-1] if self.kind == HEADING else None


@dataclass(frozen=True)
class Speech:
    source: SourceInfo
    slug: str
    meta: Metadata
    body: str  # the normalised text the structure was read from (front matter removed)
    title: str | None  # the title line as it stands in the text
    front: tuple[FrontLine, ...] = ()
    salutation: str | None = None
    opening: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: tuple[Paragraph, ...] = ()
    appendix: tuple[Paragraph, ...] = ()  # notes and trailers after the speech (注释, 原载…)
    repairs: tuple[Repair, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    body_line: int = 1  # source line on which `body` starts (after front matter)

    @property
    def display_title(self) -> str:
        """The title shown: given, the text's own, or inferred (parse/infer.py) — never a file name."""
        return self.meta.title or self.title or UNTITLED

    @property
    def title_is_inferred(self) -> bool:
        """True when the shown title is not the text's own title line nor given in metadata."""
        if self.title and self.display_title == self.title:
            return False
        return self.meta.is_inferred("title") or not self.meta.title

    @property
    def title_is_missing(self) -> bool:
        """True when neither the text nor its metadata has a title (nothing to infer it from)."""
        return not (self.title or self.meta.title)

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def all_paragraphs(self) -> Iterator[Paragraph]:
        yield from self.opening
        for section in self.sections:
            yield from section.all_paragraphs()
        yield from self.closing
        yield from self.appendix

    def units(self) -> Iterator[Unit]:
        """Every unit in document order: title, front lines, salutation, opening paragraphs,
        each heading followed by its paragraphs and sub-sections, closing paragraphs, appendix."""
        return iter(self._units)

    @cached_property
    def _units(self) -> tuple[Unit, ...]:
        # Walked once per speech object: annotation, statistics, search and exports each walk
        # every speech, and under `mkdocs serve` an unchanged speech is the same object.
        return tuple(self._walk_units())

    def _walk_units(self) -> Iterator[Unit]:
        if self.title:
            yield Unit(TITLE, self.title)
        for line in self.front:
            yield Unit(FRONT, line.text, line=line.line)
        if self.salutation:
            yield Unit(SALUTATION, self.salutation)
        for paragraph in self.opening:
            yield Unit(OPENING, paragraph.text, paragraph.id, paragraph.citation, (), paragraph.line)
        for section in self.sections:
            yield from _section_units(section, (), "")
        for paragraph in self.closing:
            yield Unit(CLOSING, paragraph.text, paragraph.id, paragraph.citation, (), paragraph.line)
        for paragraph in self.appendix:
            yield Unit(APPENDIX, paragraph.text, paragraph.id, paragraph.citation, (), paragraph.line)

    def text_pieces(self) -> Iterator[str]:
        """Every character the speaker said, in document order (used by the fidelity check)."""
        return (unit.full_text for unit in self.units())

    @cached_property
    def _char_count(self) -> int:
        return sum(len(piece) for piece in self.text_pieces())

    def char_count(self) -> int:
        return self._char_count

    def outline(self) -> str:
        return "\n".join(_outline_lines(self))

    __str__ = outline


def _section_units(section: Section, above: tuple[Section, ...], cited: str) -> Iterator[Unit]:
    path = (*above, section)
    number = section.number or section.heading[:8]
    citation = f"{cited}.{number}" if cited else number
    yield Unit(HEADING, section.heading, section.id, citation, path, section.line)
    for paragraph in section.paragraphs:
        yield Unit(PARAGRAPH, paragraph.text, paragraph.id, paragraph.citation, path, paragraph.line)
    for sub in section.subsections:
        yield from _section_units(sub, path, citation)


def _outline_lines(speech: Speech) -> Iterator[str]:
    yield f"title: {speech.title or '-'}"
    for line in speech.front:
        yield f"{line.kind}: {line.text}"
    yield f"salutation: {speech.salutation or '-'}"
    yield f"opening: {len(speech.opening)}"
    for section in speech.sections:
        yield from _section_outline(section, depth=0)
    for paragraph in speech.closing:
        yield f"closing: {paragraph.text[:12]}"
    for paragraph in speech.appendix:
        yield f"appendix: {paragraph.text[:12]}"


def _section_outline(section: Section, depth: int) -> Iterator[str]:
    indent = "  " * depth
    yield f"{indent}{section.marker}{section.heading} [{len(section.paragraphs)}]"
    for sub in section.subsections:
        yield from _section_outline(sub, depth + 1)


@dataclass(frozen=True)
class Address:
    """Where a speech's page lives (`speeches/<address>/`) and where it lived before (site/addresses.py)."""

    address: str
    previous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    """All speeches of a build, in a stable order, with the problems found while reading."""

    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    # The page address of every source file ever published (recorded in addresses.yml).
    addresses: Mapping[str, Address] = field(default_factory=dict)
    by_slug: dict[str, Speech] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_slug.update({speech.slug: speech for speech in self.speeches})
