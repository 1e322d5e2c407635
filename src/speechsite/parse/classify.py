"""Deciding which repaired lines are headings: explicit markers, and lead-ins with siblings."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..markers import Marker, match_lead_in, match_marker
from ..spans import Line
from .ordinals import LEAD_IN_LIMIT, structuring, valid_lead_ins

_SENTENCE_END = re.compile(r"[。！？!?]")
_HEADING_LIMIT = {"cn": 130, "chapter": 60, "part": 60, "section": 60}
_DEFAULT_LIMIT = 90
_NEVER_HEADINGS = frozenset({"article", "circled"})
_LAW_HEADINGS = frozenset({"part", "chapter", "section", "appendix"})
_APPENDIX = re.compile(r"(?:注释|注解|名词解释|附件[0-9０-９一二三四五六七八九十]*|附录|附表|附)[：:]?")
_NOT_IN_BARE_HEADING = re.compile(r"[。！？；：:;!?，,、（(]|^——")
_BARE_MIN, _BARE_MAX = 4, 30


@dataclass(frozen=True)
class Heading:
    marker: Marker
    heading: str
    terminator: str
    line: Line
    body: Line | None  # the rest of the line after the heading's first sentence


@dataclass
class Draft:
    """A section while the tree is built (mutable; frozen into `Section` by ids.assemble)."""

    heading: Heading
    level: int
    paragraphs: list[Line] = field(default_factory=list)
    subsections: list[Draft] = field(default_factory=list)


@dataclass
class Parts:
    """The body of a speech split into its parts, before ids.assemble freezes them."""

    opening: list[Line]
    sections: list[Draft]
    closing: list[Line]
    appendix: list[Line]


Item = Heading | Line


def classify(lines: list[Line]) -> list[Item]:
    """Turn lines into headings and paragraphs (a heading line may carry a body paragraph)."""
    explicit = structuring(lines, [match_marker(line.text) for line in lines])
    law = sum(1 for m in explicit[:400] if m is not None and m.kind == "article") >= 2
    lead_ins = valid_lead_ins(lines, explicit)
    lead_ins.update(_unnumbered(lines, explicit, law))
    headings = {i: _heading(line, m, law) for i, line in enumerate(lines)
                if (m := lead_ins.get(i) or explicit[i]) is not None}
    numbered_paragraphs = _numbered_paragraph_kinds(headings, explicit, lines)
    items: list[Item] = []
    for index, line in enumerate(lines):
        heading = headings.get(index)
        if heading is not None and heading.marker.kind not in numbered_paragraphs:
            items.append(heading)
        else:
            items.append(line)
    return items


def _numbered_paragraph_kinds(
    headings: dict[int, Heading | None], explicit: list[Marker | None], lines: list[Line]
) -> set[str]:
    """Kinds whose numbered lines are mostly long paragraphs (一、本决定所称…，…。): there the
    numbers count paragraphs, and the few short ones are no headings either."""
    total: dict[str, int] = defaultdict(int)
    refused: dict[str, int] = defaultdict(int)
    for index, heading in headings.items():
        marker = explicit[index]
        if marker is None or marker.kind in _NEVER_HEADINGS:
            continue
        total[marker.kind] += 1
        refused[marker.kind] += heading is None and len(lines[index].text) > LEAD_IN_LIMIT
    return {kind for kind, count in total.items() if count >= 2 and refused[kind] * 3 > count}


def _heading(line: Line, marker: Marker, law: bool) -> Heading | None:
    kind = marker.kind
    if kind in _NEVER_HEADINGS or (law and kind not in _LAW_HEADINGS):
        return None
    if kind in ("appendix", "bare"):
        return Heading(marker, line.text.strip(), "", line, None)
    if kind == "alone":  # 一 alone on its line, its section's text below
        return Heading(marker, "", "", line, None)
    rest = line.text[len(marker.text):]
    end = _SENTENCE_END.search(rest)
    limit = LEAD_IN_LIMIT if kind.startswith(("lead", "seq")) else _HEADING_LIMIT.get(
        kind, _DEFAULT_LIMIT)
    heading_end = end.start() if end else len(rest)
    if not rest.strip() or heading_end > limit:
        return None
    heading = rest[:heading_end].strip()
    if not heading:
        return None
    terminator = end.group(0) if end else ""
    body_text = rest[end.end():] if end else ""
    body = None
    if body_text.strip():
        position = len(marker.text) + end.end()  # type: ignore[union-attr]
        position += len(body_text) - len(body_text.lstrip())
        number, offset = line.locate(position)
        body = Line(body_text.strip(), number, offset)
    return Heading(marker, heading, terminator, line, body)


def _unnumbered(
    lines: list[Line], explicit: list[Marker | None], law: bool
) -> dict[int, Marker]:
    """Headings without an ordinal: 注释/附件 blocks, and bare heading lines (e.g.
    `“十四五”时期工作回顾`, `关于九大路线`) in a document without 一、 headings, or above
    its 一、 headings (two bare headings before the first 一、: the 一、 nest under them)."""
    found = {i: Marker("appendix", "", 0) for i, line in enumerate(lines)
             if len(line.text) < 12 and _APPENDIX.fullmatch(line.text.strip())}
    if law:
        return found
    first_cn = next((i for i, m in enumerate(explicit) if m is not None and m.kind == "cn"),
                    len(lines))
    bare = {i: Marker("bare", "", 0) for i, line in enumerate(lines[:first_cn][:-1])
            if explicit[i] is None and _is_bare_heading(line.text, lines[i + 1].text)
            and i not in found}
    if len(bare) >= 2 and _paragraphs_end_with_punctuation(lines):
        found.update(bare)
    return found


def _paragraphs_end_with_punctuation(lines: list[Line]) -> bool:
    """Evidence that an unpunctuated short line is a heading: the paragraphs are punctuated."""
    long = [line.text for line in lines if len(line.text) > 30]
    ended = sum(1 for text in long if text[-1] in "。！？!?…”）)：:；;")
    return bool(long) and ended >= 0.8 * len(long)


def _is_bare_heading(text: str, following: str) -> bool:
    text = text.strip()
    return (_BARE_MIN <= len(text) <= _BARE_MAX and len(following) > 2 * len(text)
            and not _NOT_IN_BARE_HEADING.search(text) and match_lead_in(text) is None)
