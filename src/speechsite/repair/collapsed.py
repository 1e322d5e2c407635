"""Collapsed text (its line breaks stripped) re-paragraphed, every break a recorded repair.

A scraped speech often comes as one or a few very long lines. It is cut, in this order: at
`<br>` remnants (taken out) and at the separators scrapers leave (　　, several spaces); after a
run-on head (title, date, speaker, salutation); before headings run into the text; and, where
no separator is left at all, at sentence boundaries chosen from speech conventions (before
今天， 下面， 一是 第一， 总之， …) and then by length, so that no paragraph is longer than about
`LIMIT` characters — a single sentence longer than that stays whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..markers import match_marker
from ..model import Repair
from ..spans import Line
from .head import AGENCIES, DATA_KEY, DATELINE, Cut, head_cuts, piece, split_at
from .heading_ends import ClauseWords
from .runin import (
    BR,
    br_cuts,
    gap_cuts,
    gaps_separate,
    heading_end_cuts,
    marked_heading_ends,
    run_in_kinds,
    run_in_positions,
    runs_in_after_spaces,
    short_heading_kinds,
    space_cuts,
)
from .sentences import convention_cuts

LIMIT = 1000


@dataclass(frozen=True)
class Document:
    """What the whole text says about how its lines were collapsed."""

    collapsed: bool  # most of the text stands in a few very long lines
    law: bool  # 第一条 … articles: left as they are
    brs: bool  # <br> remnants, two or more
    spaced_run_in: bool  # headings run in after single spaces (` 一、… 二、…`)
    gaps: bool  # 　　 or several spaces separate paragraphs


def repaginate(lines: list[Line]) -> tuple[list[Line], list[Repair]]:
    """The lines with collapsed paragraphs cut apart, and a repair for every cut."""
    if not lines:
        return lines, []
    document = _document(lines)
    repairs: list[Repair] = []
    lines = _strip_head_debris(lines, repairs)
    whole = "\n".join(line.text for line in lines)
    stages: list[Callable[[Line, int], list[Cut]]] = [
        lambda line, i: br_cuts(line.text) if document.brs else [],
        lambda line, i: gap_cuts(line.text, i == 0) if document.gaps else [],
        lambda line, i: head_cuts(line.text, whole, document.collapsed) if i == 0 else [],
        lambda line, i: space_cuts(line.text, i == 0) if document.spaced_run_in else [],
    ]
    for stage in stages:
        lines = _apply(lines, stage, repairs)
    if document.collapsed and not document.law:
        positions = run_in_positions(lines)
        lines = _apply(lines, lambda line, i: [
            Cut(p, 0, "标题前") for (index, p) in positions if index == i], repairs)
        # no separator left at all: heading ends and paragraphs are found from the words
        unseparated = not any(r.note.startswith(("段间空格", "网页换行", "空格分隔")) for r in repairs)
        short_kinds = short_heading_kinds(lines)
        run_in = run_in_kinds(lines) if unseparated else frozenset()
        words, siblings = ClauseWords.of(whole), marked_heading_ends(lines)
        lines = _apply(lines, lambda line, i: heading_end_cuts(
            line.text, short_kinds, run_in, words, siblings), repairs)
        if unseparated:
            lines = _apply(lines, lambda line, i: convention_cuts(line.text, LIMIT), repairs)
    repairs.sort(key=lambda r: r.offset)
    return lines, repairs


def _document(lines: list[Line]) -> Document:
    lengths = [len(line.text) for line in lines]
    total, longest = sum(lengths), max(lengths)
    collapsed = (len(lines) <= 3 and longest >= 40) or longest > 3 * LIMIT or (
        longest > LIMIT and 2 * longest >= total)
    law = sum(1 for line in lines[:400] if (m := match_marker(line.text)) and m.kind == "article") >= 2
    brs = sum(len(BR.findall(line.text)) for line in lines) >= 2
    return Document(collapsed, law, brs, runs_in_after_spaces(lines), gaps_separate(lines))


def _apply(lines: list[Line], stage: Callable[[Line, int], list[Cut]],
           repairs: list[Repair]) -> list[Line]:
    result: list[Line] = []
    for index, line in enumerate(lines):
        cuts = _distinct(stage(line, index), line.text)
        if not cuts:
            result.append(line)
            continue
        repairs.extend(_record(line, cut) for cut in cuts)
        result.extend(split_at(line, cuts))
    return result


def _distinct(cuts: list[Cut], text: str) -> list[Cut]:
    """One cut per place (the first given wins), none at either end of the text."""
    seen: set[int] = set()
    kept = []
    for cut in cuts:
        start = _next_start(text, cut)
        if 0 < start < len(text.rstrip()) and start not in seen and text[:cut.at].strip():
            seen.add(start)
            kept.append(cut)
    return kept


def _next_start(text: str, cut: Cut) -> int:
    position = cut.at + cut.skip
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _record(line: Line, cut: Cut) -> Repair:
    removed = line.text[cut.at:cut.at + cut.skip]
    removed = "" if not removed.strip() else removed
    number, offset = line.locate(cut.at)
    start = _next_start(line.text, cut)
    kind = "heading-split" if match_marker(line.text[start:start + 24]) else "paragraph-split"
    return Repair(kind, number, offset, removed, line.text[start:start + 16], cut.note)


def _strip_head_debris(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """A data key (`2015<TAB>`) or news dateline (`新华社北京3月5日电`) before the title."""
    first = lines[0]
    for kind, pattern in (("data-key", DATA_KEY), ("dateline", DATELINE)):
        match = pattern.match(first.text)
        if match and first.text[match.end():].strip():
            number, offset = first.locate(0)
            note = next((a for a in AGENCIES if match.group().startswith(a)), "")
            repairs.append(Repair(kind, number, offset, match.group(), first.text[match.end():][:16], note))
            rest = match.end() + len(first.text[match.end():]) - len(first.text[match.end():].lstrip())
            first = piece(first, rest, len(first.text))
    return [first, *lines[1:]]


def source_of(repairs: tuple[Repair, ...]) -> str | None:
    """The news agency named by a dateline taken off the head (新华社), if any."""
    return next((r.note for r in repairs if r.kind == "dateline" and r.note), None)

