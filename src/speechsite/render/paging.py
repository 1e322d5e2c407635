"""Navigation between the parts of a page that was split to stay small (topics, terms).

A bar links every part while there are at most `ALL_PARTS`; past that, the first and the
last part and the `NEAR` parts on each side of the current one, with "…" for the parts
left out, so that the bar stays the same size however many parts a page has (a topic of
50,000 speeches has hundreds: a bar of every part was 19 KB, twice on each page).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..site.urls import relative_url
from .text import escape_plain

ALL_PARTS = 15  # up to this many parts, the bar links every one
NEAR = 4  # past that, parts linked on each side of the current one


def part_pager(page: str, parts: Sequence[str], current: int, css_class: str, label: str) -> list[str]:
    """Markdown lines of a 第 1 页 / 第 2 页 … bar linking the `parts` (page paths); none for one part."""
    if len(parts) <= 1:
        return []
    items = []
    for index in shown_parts(len(parts), current):
        if index is None:
            items.append('<span class="gap">…</span>')
            continue
        text = f"第 {index + 1} 页"
        if index == current:
            items.append(f'<span class="current" aria-current="page">{text}</span>')
        else:
            items.append(f'<a href="{escape_plain(relative_url(page, parts[index]))}">{text}</a>')
    return [f'<nav class="{css_class}" aria-label="{label}">{" ".join(items)}</nav>', ""]


def shown_parts(total: int, current: int) -> list[int | None]:
    """The 0-based parts a bar links, in order, None where parts are left out between two."""
    if total <= ALL_PARTS:
        return list(range(total))
    near = range(max(0, current - NEAR), min(total, current + NEAR + 1))
    kept = sorted({0, total - 1, *near})
    shown: list[int | None] = []
    for previous, index in zip([-1, *kept], kept, strict=False):
        if index - previous > 1:
            shown.append(None)
        shown.append(index)
    return shown
