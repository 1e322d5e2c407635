"""Glossary: the terms file, validated on load, and matching of terms in running Chinese text.

A term is found wherever one of its forms (the term, its variants, and both without
quotation marks) occurs as a substring — Chinese has no word boundaries — longest form
first across the whole glossary (打伞破网 before 打伞), except where one of the term's
false friends (`not_in`) overlaps the occurrence. See source_texts/glossary.yml.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .matcher import PhraseMatcher

if TYPE_CHECKING:
    from .annotations import Mark

# The categories, in the order of the glossary index, each with the note shown under it.
CATEGORIES: dict[str, str] = {
    "数字概括": "用数字概括的一组要求或做法",
    "机制模式": "工作机制和工作模式",
    "专项行动": "专项整治和专项行动",
    "信访": "信访工作的用语",
    "安全生产": "安全生产工作的用语",
    "法规文件": "法律法规和政策文件",
    "机构职务": "机构和职务",
    "口号提法": "口号和固定提法",
}
# The categories' pinyin, for anchors on the glossary index (spelled out: no pinyin import).
CATEGORY_SLUGS: dict[str, str] = {
    "数字概括": "shu-zi-gai-kuo",
    "机制模式": "ji-zhi-mo-shi",
    "专项行动": "zhuan-xiang-xing-dong",
    "信访": "xin-fang",
    "安全生产": "an-quan-sheng-chan",
    "法规文件": "fa-gui-wen-jian",
    "机构职务": "ji-gou-zhi-wu",
    "口号提法": "kou-hao-ti-fa",
}

QUOTES = "“”‘’\"'「」"
_UNQUOTE = {ord(char): None for char in QUOTES}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    definition: str = ""
    category: str = ""
    variants: tuple[str, ...] = ()
    expansion: str = ""
    related: tuple[str, ...] = ()  # slugs of related terms
    topics: tuple[str, ...] = ()  # topic slugs from the taxonomy
    external: bool = False  # a term of the field that need not occur in the corpus
    not_in: tuple[str, ...] = ()  # false friends: contexts containing a form that are not the term
    line: int = field(default=0, compare=False)  # where it is defined in the glossary file

    @property
    def forms(self) -> tuple[str, ...]:
        """Every string that counts as this term in a text, longest first."""
        return surface_forms((self.term, *self.variants))


def surface_forms(names: Iterable[str]) -> tuple[str, ...]:
    """The names and their quote-less spellings, unique, longest first."""
    forms = {form for name in names for form in (name, unquote(name)) if form}
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def unquote(text: str) -> str:
    return text.translate(_UNQUOTE)


def pinyin_slug(term: str) -> str:
    """A readable ASCII slug: 一岗双责 → yi-gang-shuang-ze, “321”基层治理模式 → 321-ji-ceng-…"""
    from pypinyin import Style, lazy_pinyin  # 0.15 s to import: only for terms without a `slug:`

    syllables = (
        re.sub(r"[^a-z0-9]+", "", part.lower()) for part in lazy_pinyin(term, style=Style.NORMAL)
    )
    return "-".join(part for part in syllables if part)


def sort_key(term: Term) -> tuple[str, str]:
    """A–Z by pinyin (the slug spells it), then by the characters."""
    return (term.slug, term.term)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    _by_slug: dict[str, Term] = field(init=False, repr=False, compare=False)
    _matcher: PhraseMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {term.slug: term for term in self.terms})
        phrases: dict[str, tuple[str, ...]] = {}
        vetoes: dict[str, tuple[str, ...]] = {}
        for term in self.terms:
            for form in term.forms:
                phrases[form] = (*phrases.get(form, ()), term.slug)
            for context in term.not_in:
                vetoes[context] = (*vetoes.get(context, ()), term.slug)
        object.__setattr__(self, "_matcher", PhraseMatcher(phrases, vetoes))

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
        from .annotations import Mark

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
    from .glossary_file import read_terms

    return Glossary(read_terms(path, known_topics or ()))
