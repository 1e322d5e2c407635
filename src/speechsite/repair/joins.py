"""Joining lines broken inside a sentence (page breaks, wiki blocks, hard wraps, a heading's
number alone on its line). Lines run together are cut apart again in `collapsed.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markers import Marker, match_marker, numeral_alone, runs
from ..model import Repair
from ..spans import Line
from .wraps import find_wrap, wrapped

_OPENS_WITH_CLOSER = re.compile(r"[，。、；：？！）》」』”’,;:?!)\]】］]")
_SALUTATION_START = re.compile(r"(?:同志们|各位代表|各位委员)[：:！!，,]")
_SENTENCE_END = "。！？!?；;…”」』"
_FOOTNOTE_OPEN = ("[", "［")
_FOOTNOTE_CLOSE = ("]", "］")
_OPENERS = "《“（(「『【[［"
_SHORT = 15
_TITLE_ENDS = ("讲话", "报告", "致辞", "发言")
_TITLE_TAIL = re.compile(r"[^。，；：！？\s]{0,12}(?:上的讲话|的讲话|讲话|上的报告|工作报告|致辞|发言)")


@dataclass
class WorkLine:
    """A source line while repairs are applied: `text` starts at `start` in the body."""

    number: int
    start: int
    text: str
    removed: bool = False  # emptied by a repair: neither text nor a paragraph break




def join_lines(work: list[WorkLine], continues: frozenset[int]) -> tuple[list[Line], list[Repair]]:
    blocks = _block_mode(work)
    wrap = find_wrap([line.text for line in work])
    numerals = _numerals_alone(work)
    groups: list[list[WorkLine]] = []
    repairs: list[Repair] = []
    previous_index = -2
    nonblank = [i for i, line in enumerate(work) if line.text.strip()]
    for position, index in enumerate(nonblank):
        line = work[index]
        text = line.text.strip()
        adjacent = all(work[i].removed for i in range(previous_index + 1, index))
        following = work[nonblank[position + 1]].text.strip() if position + 1 < len(nonblank) else ""
        reason = None if not groups else _join_reason(
            groups[-1], text, following, index in continues, adjacent and blocks, len(groups) == 1
        )
        if reason is None and groups and wrap and adjacent and wrapped(
                groups[-1][-1].text, line.text, wrap, _starts_unit, match_marker):
            reason = "wrap"
        if groups and len(groups[-1]) == 1 and groups[-1][0].number in numerals and _heading_like(text):
            reason = "numeral"  # 一 alone on its line, its heading on the next
        if reason == "page":
            groups[-1].append(line)
        elif reason:
            last = groups[-1][-1]
            repairs.append(Repair("line-join", line.number, last.start + len(last.text), "",
                                  last.text.strip()[-8:] + text[:8]))
            groups[-1].append(line)
        else:
            groups.append([line])
        previous_index = index
    return [_merge(group) for group in groups], repairs


def _join_reason(
    group: list[WorkLine], text: str, following: str, page_flow: bool, same_block: bool,
    first_group: bool = False,
) -> str | None:
    before = group[-1].text.strip()
    if page_flow:
        return "page"
    if _OPENS_WITH_CLOSER.match(text):
        return "punctuation"
    if _marker_only(before):
        return "marker"  # `一、` alone on its line: the heading text follows
    if before[-1:] in _OPENERS or before in _FOOTNOTE_CLOSE or text in _FOOTNOTE_OPEN:
        return "opener"  # nothing ends on an opening quote or bracket: the line goes on
    if before.startswith("——") and not before.endswith(("上", "讲话", "）", ")")) and len(
        group
    ) == 1 and text.endswith("上"):
        return "date-line"
    if len(text) <= _SHORT and _OPENS_WITH_CLOSER.match(following) and not _ends(before):
        return "linked-word"
    if first_group and len(group) == 1 and len(before) <= 40 and _TITLE_TAIL.fullmatch(text) and (
            not before.endswith(_TITLE_ENDS)):
        return "title"  # 在全县经济工作会议\n上的讲话
    if same_block and not (_starts_unit(text) and before[-1:] in _SENTENCE_END + "：:") and (
        not _is_heading(group) or (len(text) <= 2 and not _ends(before))  # 政府工作报\n告
    ):
        return "block"
    return None


def _numerals_alone(work: list[WorkLine]) -> frozenset[int]:
    """Source lines holding only 一, 二, 三 … in sequence (a lone 一 is text)."""
    found = [(line.number, Marker("alone", line.text.strip(), value)) for line in work
             if (value := numeral_alone(line.text))]
    return frozenset(number for number, _ in runs(found))


def _heading_like(text: str) -> bool:
    return 2 <= len(text) <= 30 and not any(mark in text for mark in "。！？；：!?;:") and (
        match_marker(text) is None)


def _ends(text: str) -> bool:
    return not text or text[-1] in _SENTENCE_END or text[-1] in "：:"


def _starts_unit(text: str) -> bool:
    return bool(match_marker(text) or _SALUTATION_START.match(text) or text.startswith("——"))


def _marker_only(text: str) -> bool:
    marker = match_marker(text)
    return marker is not None and marker.text.strip() == text


def _is_heading(group: list[WorkLine]) -> bool:
    first = group[0].text.strip()
    if len(group) > 1 or _ends(first) or first[-1:] in _OPENERS:
        return False
    return bool(match_marker(first)) or len(first) <= 40


def _block_mode(work: list[WorkLine]) -> bool:
    """Paragraphs separated by blank lines, lines inside a paragraph broken (wiki extraction)."""
    blank = sum(1 for line in work if not line.text.strip() and not line.removed)
    return blank >= 0.5 * (len(work) - blank) and blank >= 3


def _merge(group: list[WorkLine]) -> Line:
    first = group[0]
    if len(group) == 1:
        text = first.text.strip()
        start = first.start + len(first.text) - len(first.text.lstrip())
        return Line(text, first.number, start, ((0, first.number, start),))
    pieces: list[str] = []
    spans: list[tuple[int, int, int]] = []
    length = 0
    for part in group:
        text = part.text.strip()
        lead = len(part.text) - len(part.text.lstrip())
        if pieces and (_ascii_word(pieces[-1][-1:]) and _ascii_word(text[:1]) or numeral_alone(pieces[-1])):
            pieces.append(" ")
            length += 1
        spans.append((length, part.number, part.start + lead))
        pieces.append(text)
        length += len(text)
    return Line("".join(pieces), first.number, first.start + len(first.text) - len(first.text.lstrip()),
                tuple(spans))


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()
