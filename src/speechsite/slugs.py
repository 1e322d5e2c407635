"""Slugs: the one rule for the ASCII names in site paths (speeches, topics, terms), and the
two ways a slug is made when none is given.

A slug is lowercase ASCII letters and digits in words joined by single hyphens. A speech
without `slug:` takes its ASCII file stem or the pinyin of its stem (`words_slug`, at most
SPEECH_SLUG_LIMIT characters); a glossary term without `slug:` the pinyin of the term, one
word per syllable (`pinyin_slug`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SPEECH_SLUG_LIMIT = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def words_slug(words: Iterable[str], limit: int = SPEECH_SLUG_LIMIT) -> str:
    """The words lowercased, other characters made hyphens, joined while within `limit`."""
    slug = ""
    for word in words:
        part = _NOT_SLUG.sub("-", word.lower()).strip("-")
        if not part:
            continue
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def pinyin_words(text: str) -> list[str]:
    """The pinyin of the Chinese characters in `text`, a word per syllable; other runs as they are."""
    from pypinyin import Style, lazy_pinyin  # 0.15 s to import: only for names without a slug

    return lazy_pinyin(text, style=Style.NORMAL)


def pinyin_slug(text: str) -> str:
    """A readable ASCII slug: 一岗双责 → yi-gang-shuang-ze, “321”基层治理模式 → 321-ji-ceng-…"""
    syllables = (_NOT_SLUG.sub("", part.lower()) for part in pinyin_words(text))
    return "-".join(part for part in syllables if part)
