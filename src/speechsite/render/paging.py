"""Navigation between the parts of a page that was split to stay small (topics, terms)."""

from __future__ import annotations

from collections.abc import Sequence

from ..site.urls import relative_url
from .text import escape_plain


def part_pager(page: str, parts: Sequence[str], current: int, css_class: str, label: str) -> list[str]:
    """Markdown lines of a 第 1 页 / 第 2 页 … bar linking the `parts` (page paths); none for one part."""
    if len(parts) <= 1:
        return []
    links = []
    for index, part in enumerate(parts):
        text = f"第 {index + 1} 页"
        if index == current:
            links.append(f'<span class="current" aria-current="page">{text}</span>')
        else:
            links.append(f'<a href="{escape_plain(relative_url(page, part))}">{text}</a>')
    return [f'<nav class="{css_class}" aria-label="{label}">{" ".join(links)}</nav>', ""]
