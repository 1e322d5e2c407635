"""Split a term's occurrences into page parts, so that a term used thousands of times does
not make one page of megabytes: whole speeches per part, at most about PAGE_BYTES each.

Part 1 is `glossary/<slug>/index.md` (definition, expansion, own definitions, related terms,
topics and the first speeches); part n > 1 is `glossary/<slug>/<n>/index.md`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Speech
from .glossary_stats import Occurrence
from .text import escape_plain
from .urls import GLOSSARY, relative_url, term_page

PAGE_BYTES = 100_000
LINE_BYTES = 700  # a keyword-in-context line as HTML, with its link
SPEECH_BYTES = 400  # a speech's heading and count line

Group = tuple[Speech, list[Occurrence]]


def part_path(slug: str, index: int) -> str:
    return term_page(slug) if index == 0 else f"{GLOSSARY}/{slug}/{index + 1}/index.md"


def paginate(groups: Sequence[Group], budget: int = PAGE_BYTES) -> list[list[Group]]:
    """Whole speeches per part, each part at most about `budget` bytes (one speech may exceed it)."""
    parts: list[list[Group]] = [[]]
    size = 0
    for group in groups:
        estimate = SPEECH_BYTES + LINE_BYTES * len(group[1])
        if parts[-1] and size + estimate > budget:
            parts.append([])
            size = 0
        parts[-1].append(group)
        size += estimate
    return parts


def pager(slug: str, index: int, total: int, page: str) -> list[str]:
    if total <= 1:
        return []
    links = []
    for part in range(total):
        label = f"第 {part + 1} 页"
        if part == index:
            links.append(f'<span class="current" aria-current="page">{label}</span>')
        else:
            href = escape_plain(relative_url(page, part_path(slug, part)))
            links.append(f'<a href="{href}">{label}</a>')
    return [f'<nav class="gl-pager" aria-label="用例分页">{" ".join(links)}</nav>', ""]
