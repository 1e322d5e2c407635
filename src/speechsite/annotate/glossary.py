"""Glossary: the terms file, validated on load, and matching of terms in running Chinese text.

A term is found wherever one of its forms (the term, its variants, and both without
quotation marks) occurs as a substring — Chinese has no word boundaries — longest form
first across the whole glossary (打伞破网 before 打伞), except where one of the term's
false friends (`not_in`) overlaps the occurrence. See source_texts/glossary.yml.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..spans import Mark
from .glossary_file import read_terms
from .matcher import PhraseMatcher
from .terms import CATEGORIES, Term, sort_key


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    _by_slug: dict[str, Term] = field(init=False, repr=False, compare=False)
    _matcher: PhraseMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {term.slug: term for term in self.terms})
        matcher = PhraseMatcher.of_keys((term.slug, term.forms, term.not_in) for term in self.terms)
        object.__setattr__(self, "_matcher", matcher)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def get(self, slug: str) -> Term:
        try:
            return self._by_slug[slug]
        except KeyError:
            raise KeyError(f"unknown glossary term “{slug}”") from None

    def match(self, text: str) -> list[Mark]:
        """Every term occurrence in `text`: leftmost-longest, non-overlapping, false friends vetoed."""
        return [Mark(start, end, "term", slug) for start, end, slug in self._matcher.spans(text)]

    def by_category(self) -> dict[str, list[Term]]:
        """Terms grouped in the order of CATEGORIES, each group A–Z by pinyin."""
        groups: dict[str, list[Term]] = {category: [] for category in CATEGORIES}
        for term in sorted(self.terms, key=sort_key):
            groups.setdefault(term.category, []).append(term)
        return {category: terms for category, terms in groups.items() if terms}


def load_glossary(path: Path | None, known_topics: Collection[str] | None = None) -> Glossary:
    """Read and validate the glossary file; no file means an empty glossary.

    Topic references are checked only when `known_topics` is given and not empty
    (a build without a taxonomy still gets its glossary).
    """
    if path is None:
        return Glossary()
    return Glossary(read_terms(path, known_topics or ()))
