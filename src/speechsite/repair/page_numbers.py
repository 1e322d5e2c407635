"""Page numbers left in text extracted from paginated documents, decided from evidence.

A page number is recognised only as part of a run: consecutive numbers 1、2、3… (or a
subset in order) at the start of consecutive lines, where the lines break sentences apart.
A list `1、物联网 2、大数据` has numbers at line starts too, but its lines end sentences.
When the page breaks were stripped too (the pages joined into one line), the numbers stand
inside the line: `…看好自己2、的门…`. They are found as a run 1、2、3… spread a page apart, most
of them inside a sentence, and the line is cut before each so the run above applies.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

_LEADING = re.compile(r"([0-9]{1,3})[、.．]\s?(?![0-9０-９])")
_STANDALONE = re.compile(
    r"[-—－–·\s]*(?:第\s*)?([0-9]{1,3})\s*(?:页)?(?:\s*(?:/|共)\s*[0-9]{1,3}\s*页?)?[-—－–·\s]*"
)
_STRAY_END = re.compile(r"(?<=[。！？!?”」…\.])(\s+[0-9]{1,3})\s*$")
SENTENCE_END = "。！？!?；;…”」』）)"
_MIN_RUN = 3
_INLINE = re.compile(r"(?<![0-9０-９.．])([0-9]{1,3})、(?![0-9０-９])")
_MIN_PAGE = 200  # characters between two page numbers standing inside the text


@dataclass(frozen=True)
class PageNumbers:
    prefixes: dict[int, str]  # line index → the page-number prefix to remove
    standalone: frozenset[int]  # lines that are nothing but a page number
    continues: frozenset[int]  # lines whose text continues the previous line's sentence
    stray_end: str | None  # " 6" at the very end of the text


def find_page_numbers(texts: Sequence[str]) -> PageNumbers:
    nonblank = [i for i, text in enumerate(texts) if text.strip()]
    prefixes = _leading_run(texts, nonblank)
    standalone = _standalone_run(texts, nonblank)
    continues = {
        i for i in prefixes if i != nonblank[0] and not _ends_sentence(_previous(texts, i))
    }
    continues |= {_next_line(nonblank, i) for i in standalone} - {None}  # type: ignore[arg-type]
    continues = {i for i in continues if i is not None and not _ends_sentence(_previous(texts, i))}
    last = texts[nonblank[-1]] if nonblank else ""
    stray = _STRAY_END.search(last) if (prefixes or standalone) else None
    stray_text = stray.group(1) if stray and int(stray.group(1)) <= len(nonblank) + 2 else None
    return PageNumbers(prefixes, frozenset(standalone), frozenset(continues), stray_text)


def _leading_run(texts: Sequence[str], nonblank: list[int]) -> dict[int, str]:
    """Line-start numbers forming an increasing run over consecutive non-blank lines."""
    numbered: list[tuple[int, int, str]] = []
    for i in nonblank:
        match = _LEADING.match(texts[i])
        if match:
            numbered.append((i, int(match.group(1)), match.group(0)))
    if len(numbered) < _MIN_RUN or len(numbered) < 0.8 * len(nonblank):
        return {}
    numbers = [n for _, n, _ in numbered]
    if any(b != a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        return {}
    broken = sum(1 for i, _, _ in numbered[1:] if not _ends_sentence(_previous(texts, i)))
    if broken < 0.5 * (len(numbered) - 1):
        return {}
    return {i: prefix for i, _, prefix in numbered}


def _standalone_run(texts: Sequence[str], nonblank: list[int]) -> set[int]:
    """Lines holding only a number (`- 3 -`), increasing by one through the text."""
    found: list[tuple[int, int]] = []
    for position, i in enumerate(nonblank):
        match = _STANDALONE.fullmatch(texts[i])
        footnote = position > 0 and texts[nonblank[position - 1]].strip() in ("[", "［")
        if match and not footnote:
            found.append((i, int(match.group(1))))
    numbers = [n for _, n in found]
    if len(found) < 2 or any(b != a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        return set()
    return {i for i, _ in found}


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return not stripped or stripped[-1] in SENTENCE_END


def _previous(texts: Sequence[str], index: int) -> str:
    for i in range(index - 1, -1, -1):
        if texts[i].strip() and not _STANDALONE.fullmatch(texts[i]):
            return texts[i]
    return ""


def _next_line(nonblank: list[int], index: int) -> int | None:
    position = nonblank.index(index)
    return nonblank[position + 1] if position + 1 < len(nonblank) else None


def inline_page_breaks(texts: Sequence[str]) -> list[tuple[int, int]]:
    """(line index, position) of page numbers standing inside lines: the longest run 1、2、3 …
    (at least three, line starts included) at least `_MIN_PAGE` characters apart, most of
    those inside lines breaking a sentence; none when no such run exists."""
    whole = "\n".join(texts)  # one scan of the whole text: most documents have no such run
    if "2、" not in whole or "3、" not in whole:
        return []
    chains: dict[int, list[int]] = {}  # last value → offsets of the run's numbers
    for match in _INLINE.finditer(whole):
        value, offset = int(match.group(1)), match.start()
        before = chains.get(value - 1)
        if value == 1 and 1 not in chains:
            chains[1] = [offset]
        elif before and offset - before[-1] >= _MIN_PAGE and len(before) >= len(chains.get(value, [])):
            chains[value] = [*before, offset]
    best = max(chains.values(), key=len, default=[])
    if len(best) < _MIN_RUN:
        return []
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    placed = [(i, offset - starts[i]) for offset in best if (i := bisect_right(starts, offset) - 1) >= 0]
    inside = [(i, pos) for i, pos in placed if pos > 0]
    broken = sum(1 for i, pos in inside if not _ends_sentence(texts[i][:pos]))
    if not inside or broken < max(2, 0.5 * len(inside)):
        return []
    return inside
