"""Glossary: the terms file, validated on load, and matching of terms in running Chinese text.

(Interface only for now: the full loader and matcher land with the glossary issue.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .annotate import Mark


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    definition: str = ""
    category: str = ""
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def match(self, text: str) -> list[Mark]:
        return []


def load_glossary(path: Path | None) -> Glossary:
    return Glossary()
