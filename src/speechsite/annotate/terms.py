"""Glossary terms: the entry type, its categories, surface forms and slugs.

The types shared by the glossary file reader (`glossary_file.py`), the matcher
(`glossary.py`) and everything that shows a term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def sort_key(term: Term) -> tuple[str, str]:
    """A–Z by pinyin (the slug spells it), then by the characters."""
    return (term.slug, term.term)


def short_definition(definition: str, limit: int = 80) -> str:
    """The first sentence of a definition, cut to `limit` characters, for a tooltip."""
    first = re.split(r"(?<=[。！？；])", definition.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"
