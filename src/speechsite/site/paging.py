"""Pages split into parts to stay small (topic passages, term occurrences): one paginator
and where each part lives.

Part 1 of a page is `<folder>/<slug>/index.md`, part n > 1 is `<folder>/<slug>/<n>/index.md`.
Items (whole speeches) are never split across parts; a single item may exceed the budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from ..model import Speech
from .urls import TOPICS

T = TypeVar("T")


def split_parts(
    items: Iterable[T], size: Callable[[T], int], budget: int, first: int | None = None
) -> list[list[T]]:
    """Consecutive items per part, each part at most about `budget` (by the `size` estimate);
    the first part at most `first` when given (what else the first page holds takes the rest)."""
    parts: list[list[T]] = [[]]
    used = 0
    for item in items:
        estimate = size(item)
        if parts[-1] and used + estimate > (first if first is not None and len(parts) == 1 else budget):
            parts.append([])
            used = 0
        parts[-1].append(item)
        used += estimate
    return parts


def part_path(folder: str, slug: str, index: int) -> str:
    """Site path of part `index` (0-based) of the page `<folder>/<slug>/`."""
    return f"{folder}/{slug}/index.md" if index == 0 else f"{folder}/{slug}/{index + 1}/index.md"


@dataclass(frozen=True)
class PagedTopic:
    """A topic's speeches split into page parts, and where each speech's passages are."""

    slug: str
    parts: tuple[tuple[Speech, ...], ...]  # speeches listed on each page part
    _part: dict[str, int]  # speech slug → index of the part that lists it

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(part_path(TOPICS, self.slug, index) for index in range(len(self.parts)))

    def part_of(self, speech: str) -> int:
        """0-based index of the page part that lists a speech's passages."""
        return self._part.get(speech, 0)

    def page(self, speech: str) -> str:
        """Site path of the page part that lists a speech's passages."""
        return part_path(TOPICS, self.slug, self.part_of(speech))

    def link(self, speech: str) -> str:
        """Site path, with anchor, of a speech's passages on this topic's pages."""
        return f"{self.page(speech)}#speech-{speech}"
