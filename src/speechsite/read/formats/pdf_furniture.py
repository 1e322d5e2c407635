"""Page furniture of a PDF: page numbers and running headers and footers.

Found page by page. A page number is a line at the top or bottom of a page (the first or
last line, inside the top or bottom margin zone) that reads as one: `- 3 -`, `— 3 —`,
`第3页 共12页`, `3/12`, `Page 3`, or a lone number. A running header or footer is a line in
those places whose text, digits aside, recurs on at least a third of the pages (and on two
at least), such as `XX县人民政府办公室文件` or `2023年工作会议材料 3`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_layout import PdfLine

PAGE_NUMBER = re.compile(
    r"[-－—–‐_·•]*\s*\d{1,4}\s*[-－—–‐_·•]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[，,]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?:Page|page|P\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
)
_ZONE = 0.12  # top and bottom eighth of the page
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Furniture:
    line: PdfLine
    kind: str  # "page-number", "header" or "footer"


def find_furniture(pages: Sequence[Sequence[PdfLine]], heights: Sequence[float]) -> list[Furniture]:
    """Every page number and running header/footer line of the document."""
    edges = [_edge_lines(lines, height) for lines, height in zip(pages, heights, strict=True)]
    repeated = _repeated_texts(edges, len(pages))
    found: list[Furniture] = []
    for page_edges in edges:
        for line, at_top in page_edges:
            text = line.text.strip()
            if PAGE_NUMBER.fullmatch(text):
                found.append(Furniture(line, "page-number"))
            elif _shape(text) in repeated:
                found.append(Furniture(line, "header" if at_top else "footer"))
    return found


def _edge_lines(lines: Sequence[PdfLine], height: float) -> list[tuple[PdfLine, bool]]:
    """The first two and last two lines of a page that lie in its top or bottom zone."""
    ordered = sorted(lines, key=lambda line: -line.top)
    top = [(line, True) for line in ordered[:2] if line.bottom >= height * (1 - _ZONE)]
    bottom = [(line, False) for line in ordered[-2:] if line.top <= height * _ZONE]
    seen: set[int] = set()
    edge = []
    for line, at_top in top + bottom:
        if id(line) not in seen:
            seen.add(id(line))
            edge.append((line, at_top))
    return edge


def _shape(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def _repeated_texts(edges: Sequence[Sequence[tuple[PdfLine, bool]]], page_count: int) -> set[str]:
    counts: Counter[str] = Counter()
    for page_edges in edges:
        counts.update({_shape(line.text) for line, _ in page_edges if line.text.strip()})
    needed = max(2, -(-page_count // 3))
    return {shape for shape, count in counts.items() if count >= needed}
