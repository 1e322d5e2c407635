"""Positions in text shared across stages: a repaired line the parser reads (`Line`, made by
repair/joins.py) and a marked span of a unit's text (`Mark`, made by the topic and term
matchers, shown by the pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Line:
    """A repaired logical line: the unit the parser reads."""

    text: str
    line: int  # 1-based source line where it starts
    offset: int  # position in the body where it starts
    spans: tuple[tuple[int, int, int], ...] = ()  # (index in text, source line, body offset)

    def locate(self, index: int) -> tuple[int, int]:
        """(source line, body offset) of position `index` of the text."""
        line, offset, base = self.line, self.offset, 0
        for text_index, span_line, span_offset in self.spans:
            if text_index > index:
                break
            line, offset, base = span_line, span_offset, text_index
        return line, offset + index - base


class Mark(NamedTuple):
    """A span of a unit's text that evidences a topic or uses a term. A named tuple rather than
    a frozen dataclass: a corpus has hundreds of thousands, and a tuple is made 3× faster."""

    start: int
    end: int
    kind: str  # "topic" or "term"
    key: str  # topic or term slug
