"""Spot formulations (提法) in one paragraph: the raw material of `speechsite candidates`.

A formulation is a set phrase that a speech coins or repeats: a numbered formula (一岗双责,
两客一危一货, 一月一排查), a slogan of parallel items (大走访、大调解、大化解; 谁主管、谁负责),
a numbered series (三查、两访), anything the speaker puts in quotation marks (“上培下派”, also
behind a qualifier: 片区“三联”), and coined names of posts and methods (胡同长, 五联工作法).

Each sighting is keyed by one normalised spelling (`formulation_key`): quotation marks dropped,
every separator (、，+ /) written 、, full-width letters and digits made half-width, so
“人防+物防+技防” and 人防、物防、技防 are one formulation.

Chinese has no spaces, so a pattern found by its shape may start or end inside a word (九县三区中位
from 九县三区中位列第一). A sighting's edges must therefore fall on word boundaries of the
paragraph (`Words`, from a dictionary segmentation), and the longest shape that does is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

NUMERAL = "一二两三四五六七八九十百双"
CJK = "\u4e00-\u9fff"
WORD = f"(?:(?![{NUMERAL}])[{CJK}])"
NUMBERED = re.compile(rf"[{NUMERAL}]+{WORD}{{1,3}}(?:[{NUMERAL}]+{WORD}{{1,3}})+")
QUOTED = re.compile(r"“([^“”\n]{1,40})”")
SERIES = re.compile(rf"(?:[{CJK}]{{1,10}}、)+[{CJK}]{{1,10}}")
METHOD = re.compile(rf"[{NUMERAL}][{CJK}]{{1,4}}(?:工作法|工作机制|模式|机制|工程)")
SEPARATORS = re.compile(r"\s*[、，,+＋/／]\s*")
SENTENCE_PUNCTUATION = re.compile(r"[。；;！!？?：:（）()《》\s]")
REDACTED = re.compile(r"[*＊]|XX|ＸＸ|ｘｘ|xx")
HAS_CJK = re.compile(f"[{CJK}]")
# A formula never ends on a postposition or particle: 九县三区中 (…中位列) is not one.
BAD_ENDS = set("中内里的了等和与及之")
# Shared by parallel items without making them a formula (长期性、反复性; 省委的、市委的).
WEAK_AFFIXES = set("的了和与及等性是在化各")
# Parts of speech (jieba's tags) after which a series may start: verbs, prepositions, adverbs,
# conjunctions, particles, status words, abbreviations (深化), locatives.
OPENING_TAGS = ("v", "p", "d", "c", "u", "z", "j", "f")
# Everyday words that start with a numeral: not the head of a formula.
COMMON_STARTS = (
    "一些", "一方", "一定", "一批", "一步", "一切", "一起", "一直", "一旦", "一致", "一律",
    "一次", "一级", "一个", "一项", "一种", "一年", "一天", "一手", "一把", "一道",
    "一是", "二是", "三是", "四是", "五是", "六是", "一要", "二要", "三要", "四要", "五要",
    "一时", "一体", "一并", "一般", "一样", "两个", "三个", "一大", "一段", "一件", "十分",
    "一面", "一边", "一下", "一点", "一向", "百分",
)  # fmt: skip
# Tags of a word that would make the noun before a quote the tail of a longer noun phrase.
MODIFIER_TAGS = ("n", "a", "s", "vn", "b", "m")
POST_SUFFIXES = ("长", "员")
MAX_QUOTED = 10  # characters of a quoted phrase without separators
MAX_ITEM = 10  # characters of one item of a series
MAX_ITEMS = 8


class Words(Protocol):
    """Word boundaries of a text (offsets where a word starts or ends, 0 and len included)."""

    def boundaries(self, text: str) -> frozenset[int]: ...

    def tokens(self, text: str) -> list[str]: ...

    def is_word(self, phrase: str) -> bool: ...

    def is_noun(self, word: str) -> bool: ...

    def tag(self, word: str) -> str: ...


@dataclass(frozen=True)
class Sighting:
    key: str  # the normalised formulation
    start: int  # span in the paragraph, inside quotation marks
    end: int
    form: str  # as written, with a qualifier or suffix around a quoted formula
    evidence: frozenset[str]  # quoted, numeral, parallel, series, coined


def formulation_key(text: str) -> str:
    """One spelling per formulation: no quotes, separators as 、, half-width letters/digits."""
    text = text.replace("“", "").replace("”", "").replace("「", "").replace("」", "")
    items = [unicodedata.normalize("NFKC", item) for item in SEPARATORS.split(text.strip())]
    return "、".join(item for item in items if item)


def is_numbered(phrase: str) -> bool:
    return NUMBERED.fullmatch(phrase) is not None and not phrase.startswith(COMMON_STARTS)


def sightings(text: str, words: Words) -> Iterator[Sighting]:
    """Every formulation sighted in one paragraph or heading."""
    bounds = words.boundaries(text)
    series = list(_series(text, bounds, words))
    yield from series
    parallel = [(s.start, s.end) for s in series]
    for sighting in _numbered(text, bounds):
        # the items of 一月一排查、一月一汇总… are one formula, listed as the whole series
        if not any(start <= sighting.start and sighting.end <= end for start, end in parallel):
            yield sighting
    yield from _quoted(text, bounds, words)
    yield from _coined(text, bounds, words)


def _quoted(text: str, bounds: frozenset[int], words: Words) -> Iterator[Sighting]:
    for match in QUOTED.finditer(text):
        inner = match.group(1).strip()
        if (
            not HAS_CJK.search(inner)
            or REDACTED.search(inner)
            or SENTENCE_PUNCTUATION.search(inner)
        ):
            continue
        items = [item for item in SEPARATORS.split(inner) if item]
        if len(items) == 1 and not 2 <= len(inner) <= MAX_QUOTED:
            continue
        if len(items) > MAX_ITEMS or any(len(item) > MAX_ITEM for item in items):
            continue
        key = formulation_key(inner)
        evidence = {"quoted"}
        if len(items) > 1:
            evidence.add("parallel" if _parallel(items) else "series")
        if is_numbered(items[0]) or (key[0] in NUMERAL and not key.startswith(COMMON_STARTS)):
            evidence.add("numeral")
        form = _qualifier(text, match.start(), words) + match.group()
        form += _suffix(text, match.end(), bounds)
        yield Sighting(key, match.start(1), match.end(1), form, frozenset(evidence))


def _qualifier(text: str, quote: int, words: Words) -> str:
    """The noun right before an opening quote that names the formula's scope (边界“五联”,
    综治“三率”), unless it ends a longer noun phrase (安全生产“四项攻坚” is not 生产“…”)."""
    tokens = words.tokens(text[:quote])
    if not tokens or not 2 <= len(tokens[-1]) <= 4 or not words.is_noun(tokens[-1]):
        return ""
    if len(tokens) > 1 and words.tag(tokens[-2]).startswith(MODIFIER_TAGS):
        return ""
    return tokens[-1]


def _suffix(text: str, after: int, bounds: frozenset[int]) -> str:
    """A method or post word right after a closing quote: “五联”工作法, “321”模式."""
    match = re.match(r"工作法|工作机制|工作模式|模式|机制|工程|行动|体系", text[after:])
    if match and after + match.end() in bounds:
        return match.group()
    return ""


def _numbered(text: str, bounds: frozenset[int]) -> Iterator[Sighting]:
    """两客一危一货, 四不两直, 一村一代理: the longest shape whose edges are word boundaries."""
    for match in NUMBERED.finditer(text):
        start = match.start()
        if start not in bounds or match.group().startswith(COMMON_STARTS):
            continue
        for end in range(match.end(), start + 3, -1):
            phrase = text[start:end]
            if end in bounds and phrase[-1] not in BAD_ENDS and NUMBERED.fullmatch(phrase):
                evidence = {"numeral"}
                if start and text[start - 1] == "“" and text[end : end + 1] == "”":
                    evidence.add("quoted")
                yield Sighting(phrase, start, end, phrase, frozenset(evidence))
                break


def _series(text: str, bounds: frozenset[int], words: Words) -> Iterator[Sighting]:
    """Items joined by 、 that share a head or a tail (大走访、大调解、大化解; 人防、物防、技防)
    or that each start with a numeral (三查、两访). The first and last items are cut to the
    length of the others where the series runs into the sentence (开展全面宣传、重点宣传)."""
    for match in SERIES.finditer(text):
        items = match.group().split("、")
        if len(items) > MAX_ITEMS or REDACTED.search(match.group()):
            continue
        inner = {len(item) for item in items[1:-1]}
        sizes = inner if inner else range(min(len(items[-1]), 6), 1, -1)
        for size in sorted(sizes, reverse=True):
            found = _aligned_series(text, match.start(), match.end(), items, size, bounds, words)
            if found:
                yield found
                break


def _aligned_series(
    text: str, start: int, end: int, items: list[str], size: int, bounds: frozenset[int],
    words: Words,
) -> Sighting | None:  # fmt: skip
    if len(items[0]) < size or len(items[-1]) < size or len(set(map(len, items[1:-1]))) > 1:
        return None
    start += len(items[0]) - size
    end -= len(items[-1]) - size
    cut = [items[0][-size:], *items[1:-1], items[-1][:size]]
    if start not in bounds or end not in bounds or cut[-1][-1] in BAD_ENDS:
        return None
    if not _opens_phrase(text, start, words):
        return None
    shape = _parallel(cut)
    if shape:
        evidence = {shape}
    elif size <= 3 and all(item[0] in NUMERAL for item in cut):
        # 三查、两访; longer numbered items (五级五覆盖、五落实五到位) are formulas of their own
        evidence = {"numeral", "series"}
    else:
        return None
    if all(is_numbered(item) for item in cut):
        evidence.add("numeral")
    phrase = text[start:end]
    return Sighting(formulation_key(phrase), start, end, phrase, frozenset(evidence))


def _opens_phrase(text: str, start: int, words: Words) -> bool:
    """Whether a series may start here: after punctuation, or after a verb, preposition,
    adverb or particle (开展｜全面宣传; 人民群众的｜获得感), not inside a noun phrase
    (社会｜治理属地责任, 五级｜五覆盖)."""
    if start == 0 or not HAS_CJK.match(text[start - 1]):
        return True
    before = next(
        (text[i:start] for i in range(max(0, start - 4), start) if words.is_word(text[i:start])),
        text[start - 1],
    )
    return words.tag(before).startswith(OPENING_TAGS)


def _parallel(items: list[str]) -> str:
    """The shape of a series: "parallel" for a slogan, items of one length that differ in one character or share one
    (人防、物防、技防; 大走访、大调解; 无作为、不作为、慢作为); "series" for a list that shares a
    longer word (重点乡村、重点行业); "" otherwise. A particle or 各 does not count as shared, and
    two-character items need three of them (人防、物防、技防, not 省委、市委)."""
    if len({len(item) for item in items}) != 1 or len(items) < 2 or len(items[0]) < 2:
        return ""
    if len(items[0]) == 2 and len(items) < 3:
        return ""
    size = len(items[0])
    head = _shared(items)
    tail = _shared([item[::-1] for item in items])
    if head and head[0] not in WEAK_AFFIXES:
        shared = len(head)
    elif tail and tail[0] not in WEAK_AFFIXES and tail not in POST_SUFFIXES:
        shared = len(tail)  # (网格长、楼道长 are posts, each listed by itself)
    else:
        return ""
    return "parallel" if shared == 1 or size - shared == 1 else "series"


def _shared(items: list[str]) -> str:
    """The head that all items share."""
    size = 0
    while all(len(item) > size and item[size] == items[0][size] for item in items):
        size += 1
    return items[0][:size]


def _coined(text: str, bounds: frozenset[int], words: Words) -> Iterator[Sighting]:
    """Names of posts made from a noun (胡同长, 楼道长) and numbered methods (八步工作法)."""
    offset = 0
    tokens = words.tokens(text)
    for index, token in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in POST_SUFFIXES and index and not HAS_CJK.match(after):
            noun = tokens[index - 1]
            name = noun + token
            if len(noun) == 2 and words.is_noun(noun) and not words.is_word(name):
                start = offset - len(noun)
                yield Sighting(name, start, offset + 1, name, frozenset({"coined"}))
        offset += len(token)
    for match in METHOD.finditer(text):
        if match.start() in bounds and not match.group().startswith(COMMON_STARTS):
            name = match.group()
            yield Sighting(name, match.start(), match.end(), name, frozenset({"coined", "numeral"}))
