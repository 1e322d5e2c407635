"""Ordinal markers of headings (一、 （一） 1. （1） 第一章 第一点 一是 首先) and their numbers.

Some kinds float: 第一个问题/第一点/第一， are the top level of a speech without 一、 headings
above them, and sit below an enclosing 一、 where one exists (see `ranker`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

# (kind, pattern); the kind's position in RANKS is its default depth.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第[{CN_DIGITS}\d]+(?:编|部分)[ \t：:]*")),
    ("chapter", re.compile(rf"第[{CN_DIGITS}\d]+章[ \t]*")),
    ("section", re.compile(rf"第[{CN_DIGITS}\d]+节[ \t]*")),
    ("question", re.compile(rf"第[{CN_DIGITS}]{{1,3}}个(?:问题|方面)[ \t]*[，,、：:]?[ \t]*")),
    ("point", re.compile(rf"第[{CN_DIGITS}]{{1,3}}(?:点|条(?=[ \t]*[，,、：:]))[ \t]*[，,、：:]?[ \t]*")),
    ("article", re.compile(rf"第[{CN_DIGITS}\d]+条(?:之[{CN_DIGITS}]+)?[ \t]*")),
    ("cn", re.compile(rf"[{CN_DIGITS}]{{1,3}}[ \t]*(?:[、．]|\.(?![0-9]))[ \t]*")),
    ("pcn", re.compile(rf"[（(][ \t]*[{CN_DIGITS}]{{1,3}}[ \t]*[）)][ \t]*")),
    ("ar", re.compile(r"[0-9０-９]{1,2}[ \t]*(?:[、．]|\.(?![0-9０-９]))[ \t]*")),
    ("par", re.compile(r"[（(][ \t]*[0-9０-９]{1,2}[ \t]*[）)][ \t]*")),
    ("circled", re.compile(r"[①-⑳][ \t]*")),
    ("spaced", re.compile(r"[一二三四五六七八九十]{1,2}[ \t]+(?=[\u4e00-\u9fff“《])")),  # 一　总体要求
)
LEAD_IN = re.compile(rf"([{CN_DIGITS}]{{1,3}})(是|要|方面|则|个方面|来)(?=[^，,、。])")
SEQUENCE_WORDS = ("首先", "其次", "再次", "最后")
SEQUENCE = re.compile(r"(首先|其次|再次|最后)[，,]")
ASPECT = re.compile(r"[\u4e00-\u9fff]{1,8}方面(?=[。：:])")  # 治标方面。… 治本方面。…
ORDINAL_LEAD = re.compile(rf"第([{CN_DIGITS}]{{1,3}})[，,、：:]")  # 第一，要…。 第二，…
RANKS = ("appendix", "part", "chapter", "section", "bare", "question", "point", "cn", "pcn", "ar", "par",
         "circled", "lead", "seq")
_SAME_RANK = {"spaced": "cn", "alone": "cn"}  # 一　总体要求 and a numeral alone on its line: 一、
_FLOATING_ORDER = ("question", "point", "lead:第")
FLOATING = frozenset(_FLOATING_ORDER)
_NUMERAL_ALONE = re.compile(r"[一二三四五六七八九十]{1,2}")


_ANY_MARKER = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in _PATTERNS))
_MARKER_START = frozenset(CN_DIGITS + "第（(" + "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1)))


@dataclass(frozen=True)
class Marker:
    kind: str
    text: str  # as written, including delimiter and trailing spaces
    given: int = -1  # the ordinal when the matcher knows it; else read from `text` on demand

    @property
    def value(self) -> int:
        """The ordinal as a number (0 when unknown)."""
        return self.given if self.given >= 0 else ordinal(self.text)


def match_marker(text: str) -> Marker | None:
    """The explicit ordinal marker at the start of `text` (lead-ins are decided elsewhere)."""
    first = text[:1]
    if not first or not (first in _MARKER_START or first.isdigit()):
        return None
    match = _ANY_MARKER.match(text)
    if match is None or match.lastgroup is None:
        return None
    return Marker(match.lastgroup, match.group(0))


def match_lead_in(text: str) -> Marker | None:
    match = LEAD_IN.match(text)
    if match:
        return Marker("lead:" + match.group(2), match.group(0), ordinal(match.group(1)))
    match = SEQUENCE.match(text)
    if match:
        return Marker("seq", match.group(0), SEQUENCE_WORDS.index(match.group(1)) + 1)
    match = ORDINAL_LEAD.match(text)
    if match:
        return Marker("lead:第", match.group(0), cn_number(match.group(1)))
    if ASPECT.match(text):
        return Marker("lead:方面", "", 0)  # unnumbered: the whole lead sentence is the heading
    return None


def ordinal(marker: str) -> int:
    """一、→1, （十二）→12, 3.→3, 第二十一条→21, ③→3; 0 when there is no number."""
    digits = re.sub(r"[^0-9０-９]", "", marker).translate(_FULLWIDTH)
    if digits:
        return int(digits)
    circled = next((c for c in marker if "①" <= c <= "⑳"), None)
    if circled:
        return ord(circled) - ord("①") + 1
    return cn_number("".join(c for c in marker if c in CN_DIGITS))


def cn_number(text: str) -> int:
    if not text:
        return 0
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        return _CN_VALUE.get(hundreds, 1) * 100 + cn_number(rest.lstrip("零〇"))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_VALUE.get(tens, 1) * 10 + _CN_VALUE.get(ones, 0)
    value = 0
    for char in text:
        value = value * 10 + _CN_VALUE.get(char, 0)
    return value


def rank(kind: str) -> int:
    base = kind.split(":")[0]
    base = _SAME_RANK.get(base, base)
    return RANKS.index(base) if base in RANKS else len(RANKS)


def numeral_alone(text: str) -> int:
    """一 … 十 as the whole (stripped) line: its value, else 0."""
    stripped = text.strip()
    return cn_number(stripped) if _NUMERAL_ALONE.fullmatch(stripped) else 0


def ranker(kinds: list[str]) -> Callable[[str], int]:
    """The depth order of one document, given its heading kinds in document order.

    A floating kind (第一个问题/第一点/第一，) sits just below the lowest of the 一、 … ① kinds
    that came before its first heading (its enclosing 一、 or （一）); with none before it, it
    is the top level, above 一、 (第一， only where the document has no 一、 headings at all).
    """
    low, bottom = rank("cn"), rank("lead")
    has_cn = any(rank(kind) == low for kind in kinds)
    floor: dict[str, int] = {}
    deepest = -1
    for kind in kinds:
        if kind in FLOATING:
            floor.setdefault(kind, max(deepest, low if kind == "lead:第" and has_cn else -1))
        elif low <= rank(kind) < bottom:
            deepest = max(deepest, rank(kind))

    def rank_of(kind: str) -> int:
        if kind not in FLOATING:
            return 10 * rank(kind)
        if floor.get(kind, -1) >= 0:
            return 10 * floor[kind] + 3 + _FLOATING_ORDER.index(kind)  # below its enclosing kind
        return 10 * low - 1 if kind == "lead:第" else 10 * rank(kind)

    return rank_of


def runs(members: list[tuple[int, Marker]]) -> list[tuple[int, Marker]]:
    """The members in runs of consecutive numbers starting at 1 (two or more a run)."""
    kept: list[tuple[int, Marker]] = []
    run: list[tuple[int, Marker]] = []
    for member in [*members, (-1, Marker("", "", 0))]:
        if run and member[1].value == run[-1][1].value + 1:
            run.append(member)
            continue
        if len(run) >= 2:
            kept += run
        run = [member] if member[1].value == 1 else []
    return kept
