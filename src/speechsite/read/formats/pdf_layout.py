"""PDF layout: text lines in reading order, joined into paragraphs by their geometry.

A PDF has no paragraphs, only lines placed on pages. A line continues the paragraph of the
line before it when that line runs to the right edge of its column (the text was wrapped,
not ended), the next line is not indented (Chinese paragraphs open with a two-character
indent) and no wider gap than the line spacing lies between them. A title in a larger type
wrapped onto a second centred line is joined too. Two-column pages are read column by column,
lines spanning both columns (a title) where they stand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)\]%]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[]")
_WRAP_SLACK = 2.0  # a wrapped line ends within two characters of the column's right edge
_INDENT = 0.8  # a paragraph's first line starts at least this many characters in
_GAP = 0.8  # more blank space than this many character heights ends a paragraph


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page; coordinates in points, y growing upwards."""

    page: int  # 1-based
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size of most of its characters
    text: str


@dataclass(frozen=True)
class Column:
    """A run of lines read together: one column of a page (or a whole single-column page)."""

    lines: tuple[PdfLine, ...]
    left: float
    right: float


def reading_order(lines: Sequence[PdfLine], page_width: float) -> list[list[PdfLine]]:
    """The page's lines as runs in reading order: left column, then right column, with lines
    that span the middle (titles, full-width paragraphs) starting a new run."""
    ordered = sorted(lines, key=lambda line: (-round(line.top), line.x0))
    middle = page_width / 2
    left = [line for line in ordered if line.x1 <= middle + line.size]
    right = [line for line in ordered if line.x0 >= middle - line.size]
    if min(len(left), len(right)) < max(3, len(ordered) // 4):
        return [_merge_same_row(ordered)]
    runs: list[list[PdfLine]] = []
    band: list[PdfLine] = []
    for line in ordered:
        spanning = line.x0 < middle - line.size and line.x1 > middle + line.size
        if spanning:
            runs.extend(_columns_of(band, middle))
            runs.append([line])
            band = []
        else:
            band.append(line)
    runs.extend(_columns_of(band, middle))
    return [run for run in runs if run]


def _columns_of(band: list[PdfLine], middle: float) -> list[list[PdfLine]]:
    return [[line for line in band if line.x0 < middle], [line for line in band if line.x0 >= middle]]


def _merge_same_row(lines: list[PdfLine]) -> list[PdfLine]:
    """Pieces of one printed line that the layout analysis split (a wide gap, a tab stop)."""
    merged: list[PdfLine] = []
    for line in lines:
        last = merged[-1] if merged else None
        if last and abs(last.top - line.top) < line.size / 3 and line.x0 >= last.x1:
            merged[-1] = PdfLine(last.page, last.x0, line.x1, max(last.top, line.top),
                                 min(last.bottom, line.bottom), last.size,
                                 f"{last.text} {line.text}")
        else:
            merged.append(line)
    return merged


def columns(runs: Iterable[list[PdfLine]]) -> list[Column]:
    """Runs with their left and right edges: the most common start and end of their lines,
    so an indented first line or a short last line does not move the edges."""
    all_lines = [line for run in runs for line in run]
    document_left, document_right = _edges(all_lines)
    found = []
    for run in runs:
        left, right = _edges(run) if len(run) >= 4 else (document_left, document_right)
        found.append(Column(tuple(run), min(left, run[0].x0), right))
    return found


def _edges(lines: Sequence[PdfLine]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    starts = Counter(round(line.x0) for line in lines)
    ends = sorted(line.x1 for line in lines)
    left = min(starts.most_common(1)[0][0], min(line.x0 for line in lines) + 0.5)
    return float(left), ends[int(len(ends) * 0.9)]


def paragraphs(cols: Sequence[Column]) -> list[list[PdfLine]]:
    """Lines joined into paragraphs, across column and page breaks."""
    result: list[list[PdfLine]] = []
    previous: tuple[PdfLine, Column] | None = None
    sizes = sorted(line.size for column in cols for line in column.lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    for column in cols:
        for line in column.lines:
            if previous is not None and (_continues(previous, line, column)
                                         or _centred_title(previous, line, column, body_size)):
                result[-1].append(line)
            else:
                result.append([line])
            previous = (line, column)
    return result


def _continues(previous: tuple[PdfLine, Column], line: PdfLine, column: Column) -> bool:
    before, before_column = previous
    size = max(line.size, 1.0)
    wrapped = before.x1 >= before_column.right - _WRAP_SLACK * before.size
    indented = line.x0 > column.left + _INDENT * size
    same_column = before_column is column
    gap = before.bottom - line.top if same_column else 0.0
    return wrapped and not indented and gap <= _GAP * size


def _centred_title(previous: tuple[PdfLine, Column], line: PdfLine, column: Column,
                   body_size: float) -> bool:
    """A title in a larger type, centred, wrapped onto a second centred line."""
    before, before_column = previous
    if before_column is not column or abs(before.size - line.size) > 0.5:
        return False
    middle = (column.left + column.right) / 2
    centred = all(abs((item.x0 + item.x1) / 2 - middle) < item.size for item in (before, line))
    return (centred and line.size > 1.1 * body_size and before.x1 - before.x0 > line.x1 - line.x0
            and before.bottom - line.top <= _GAP * line.size)


def join_text(lines: Sequence[PdfLine]) -> str:
    """The text of a paragraph: Chinese lines joined directly, Latin words with a space."""
    text = ""
    for line in lines:
        piece = line.text.strip()
        if text and _LATIN_END.search(text) and _LATIN_START.search(piece):
            text += " "
        text += piece
    return text
