"""Slugs: the one rule for the ASCII names in site paths (speeches, topics, terms), and the
two ways a slug is made when none is given.

A slug is lowercase ASCII letters and digits in words joined by single hyphens. A speech
without `slug:` takes its ASCII file stem or the pinyin of its stem (`words_slug`, at most
SPEECH_SLUG_LIMIT characters); a glossary term without `slug:` the pinyin of the term, one
word per syllable (`pinyin_slug`).

pypinyin's dictionaries take ≈ 58 MB once imported, and a process keeps them until it ends
(a forked writer inherits them). Where many names are needed at once — the addresses of a
first build's speeches, from their titles or their Chinese file names, and the glossary's terms
without `slug:` — `pinyin_of_all` computes them in a short-lived process of its own
(`python -m speechsite.slugs`: texts in, their words out, as JSON lines), so that the build
never holds the dictionaries; the words are the same as `pinyin_words` gives here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence

from .children import child_environment, module_command

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SPEECH_SLUG_LIMIT = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
PINYIN_MODULE = "speechsite.slugs"  # run as a script by `pinyin_of_all`


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
    return syllables_slug(pinyin_words(text))


def syllables_slug(words: Iterable[str]) -> str:
    """The slug `pinyin_slug` makes of a text, from the text's `pinyin_words`."""
    syllables = (_NOT_SLUG.sub("", part.lower()) for part in words)
    return "-".join(part for part in syllables if part)


def pinyin_of_all(texts: Sequence[str]) -> list[list[str]]:
    """`pinyin_words` of each text, computed in a short-lived process when there is any (see
    above); here, if that process cannot be started or fails — the words are the same."""
    if not texts:
        return []
    lines = "".join(json.dumps(text) + "\n" for text in texts)
    try:
        done = subprocess.run(module_command(PINYIN_MODULE), input=lines.encode(), capture_output=True,
                              env=child_environment(), check=True)
        words = [json.loads(line) for line in done.stdout.decode().splitlines()]
    except (OSError, subprocess.CalledProcessError, ValueError):
        words = []
    if len(words) != len(texts) or not all(isinstance(w, list) for w in words):
        return [pinyin_words(text) for text in texts]
    return words


def _main() -> int:
    """One JSON string a line in, its `pinyin_words` as one JSON list a line out."""
    for line in sys.stdin:
        sys.stdout.write(json.dumps(pinyin_words(json.loads(line))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
