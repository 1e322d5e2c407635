"""Topics: the taxonomy file, validated on load, and matching of its evidence words.

(Interface only for now: the full loader and matcher land with the topics issue.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .annotate import Mark


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str = ""
    parent: str | None = None
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...] = ()

    def match(self, text: str) -> list[Mark]:
        return []


def load_taxonomy(path: Path | None) -> Taxonomy:
    return Taxonomy()
