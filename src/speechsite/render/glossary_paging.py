"""Split a term's occurrences into page parts, so that a term used thousands of times does
not make one page of megabytes: whole speeches per part, at most about PAGE_BYTES each.

Part 1 is `glossary/<slug>/index.md` (definition, expansion, own definitions, related terms,
topics and the first speeches); part n > 1 is `glossary/<slug>/<n>/index.md`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..annotate.glossary_stats import Occurrence
from ..model import Speech
from ..site.paging import part_path, split_parts
from ..site.urls import GLOSSARY
from .paging import part_pager

PAGE_BYTES = 100_000
LINE_BYTES = 700  # a keyword-in-context line as HTML, with its link
SPEECH_BYTES = 400  # a speech's heading and count line

Group = tuple[Speech, list[Occurrence]]


def paginate(groups: Sequence[Group], budget: int = PAGE_BYTES, first: int | None = None) -> list[list[Group]]:
    """Whole speeches per part, each part at most about `budget` bytes (one speech may exceed
    it), the first part at most `first` bytes when given."""
    return split_parts(groups, _estimated_block, budget, first)


def _estimated_block(group: Group) -> int:
    return SPEECH_BYTES + LINE_BYTES * len(group[1])


def pager(slug: str, index: int, total: int, page: str) -> list[str]:
    parts = [part_path(GLOSSARY, slug, part) for part in range(total)]
    return part_pager(page, parts, index, "gl-pager", "用例分页")
