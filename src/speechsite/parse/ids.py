"""Identity: paragraph anchors, section ids, citation numbers, speech slugs.

A paragraph's anchor is a hash of its own text, so editing other paragraphs never moves it;
a repeated paragraph gets a deterministic suffix (-2, -3 …) in document order.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Diagnostic, Metadata, Paragraph, Section, Speech
from ..read.metadata import check_slug
from ..repair.repairs import Repaired
from ..slugs import words_slug
from ..spans import Line
from .classify import Draft, Parts
from .front import Front

OPENING_LABEL = "前言"
CLOSING_LABEL = "结语"
APPENDIX_LABEL = "附"
_ASCII_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*")
NAME_IN_PINYIN_LATER = ""  # the slug of a speech named in Chinese until its address is made


class _Numbering:
    """Hands out running numbers and unique anchors while one speech is assembled."""

    def __init__(self) -> None:
        self.count = 0
        self.seen: dict[str, int] = {}

    def paragraph(self, line: Line, label: str, index: int) -> Paragraph:
        self.count += 1
        return Paragraph(self.anchor(line.text), f"{label}¶{index}", self.count, line.text,
                         line.line)

    def anchor(self, text: str) -> str:
        digest = hashlib.blake2b("".join(text.split()).encode(), digest_size=4).hexdigest()
        base = f"p-{digest}"
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}-{n}"


def assemble(
    repaired: Repaired, meta: Metadata, front: Front, parts: Parts, diagnostics: tuple[Diagnostic, ...]
) -> Speech:
    numbering = _Numbering()

    def numbered(lines: list[Line], label: str) -> tuple[Paragraph, ...]:
        return tuple(numbering.paragraph(line, label, i) for i, line in enumerate(lines, 1))

    opening = numbered(parts.opening, OPENING_LABEL)
    sections = tuple(_section(draft, (str(i),), (), numbering)
                     for i, draft in enumerate(parts.sections, 1))
    return Speech(
        source=repaired.source,
        slug=speech_slug(meta, repaired.source.path),
        meta=meta,
        body=repaired.body,
        title=front.title.text if front.title else None,
        front=front.lines,
        salutation=front.salutation,
        opening=opening,
        sections=sections,
        closing=numbered(parts.closing, CLOSING_LABEL),
        appendix=numbered(parts.appendix, APPENDIX_LABEL),
        repairs=repaired.repairs,
        diagnostics=diagnostics,
        body_line=repaired.body_line,
    )


def _section(
    draft: Draft, position: tuple[str, ...], labels: tuple[str, ...], numbering: _Numbering
) -> Section:
    heading = draft.heading
    marker = heading.marker.text.strip()
    labels = (*labels, citation_label(marker, position[-1]))
    label = ".".join(labels)
    paragraphs = tuple(numbering.paragraph(line, label, i)
                       for i, line in enumerate(draft.paragraphs, 1))
    subsections = tuple(_section(sub, (*position, str(i)), labels, numbering)
                        for i, sub in enumerate(draft.subsections, 1))
    return Section(
        id="s-" + "-".join(position),
        level=draft.level,
        marker=heading.marker.text,
        heading=heading.heading,
        terminator=heading.terminator,
        line=heading.line.line,
        paragraphs=paragraphs,
        subsections=subsections,
    )


def citation_label(marker: str, position: str) -> str:
    """一、→一, （二）→（二）, 1.→1, 一要→一要, 第一章→第一章; unnumbered → its position."""
    label = marker.rstrip("、，,．.:： \t")
    return label or f"§{position}"


def speech_slug(meta: Metadata, path: str) -> str:
    """`slug:` from metadata, else the ASCII file stem; a stem in Chinese (or any other
    non-ASCII name) gets NAME_IN_PINYIN_LATER here, and its pinyin with the page addresses
    (site/addresses.py), which make the pinyin of all new names at once in a process of their
    own — so that parsing never loads pypinyin's dictionaries (slugs.py)."""
    if meta.slug:
        check_slug(meta.slug, path, None)
        return meta.slug
    stem = file_stem(path)
    if not _ASCII_STEM.fullmatch(stem):
        return NAME_IN_PINYIN_LATER
    return words_slug([stem]) or "speech"


def file_stem(path: str) -> str:
    """The file name without its folder and extension."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def slug_of_name(words: list[str]) -> str:
    """The slug of a file name from the pinyin `words` of its stem."""
    return words_slug(words) or "speech"
