"""Radical code points back to the ideographs they stand for.

PDF text layers often name a character by the code point of its radical: fonts such as
Noto CJK map the glyph of 工 to both U+5DE5 and KANGXI RADICAL WORK U+2F2F, and a PDF
printer picks the radical, so `⼯作` is read instead of `工作` and search finds nothing.

- The Kangxi Radicals block (U+2F00–U+2FD5): every code point has a compatibility
  decomposition to its ideograph, so NFKC gives it (⼯ → 工, ⾏ → 行).
- The CJK Radicals Supplement (U+2E80–U+2EF3) has decompositions for two code points only
  (⺟, ⻳). `SUPPLEMENT` lists those that print as a whole, ordinary character — mostly the
  simplified forms (⻔ 门, ⻅ 见, ⻓ 长, ⺠ 民) — and component forms that are encoded as
  ideographs too (⻐ 钅, ⺡ 氵). The bamboo top ⺮ and others without an ideograph stay as
  they are.
- A font draws some radicals like the simplified character: Noto CJK SC shares one glyph
  for ⼾ and 户, so in simplified text ⼾ stands for 户, not for 戶 as NFKC says
  (`SIMPLIFIED`). Found by printing the 4,500 distinct characters of the sample corpora
  with Chromium and Noto CJK and reading them back; the same probe found 㬵 for 胶
  (`SHARED_GLYPHS`), a rare ideograph that shares 胶's glyph and has the lower code point.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SUPPLEMENT: dict[str, str] = {
    "⺁": "厂", "⺒": "巳", "⺓": "幺", "⺝": "月", "⺟": "母", "⺠": "民", "⺩": "王",
    "⺪": "疋", "⺬": "示", "⺯": "糸", "⺳": "网", "⺻": "聿", "⺼": "月", "⺽": "臼",
    "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长",
    "⻔": "门", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食",
    "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦",
    "⻩": "黄", "⻪": "黾", "⻫": "齊", "⻬": "齐", "⻮": "齿", "⻯": "竜", "⻰": "龙",
    "⻱": "龜", "⻲": "亀", "⻳": "龟", "⻁": "虎",
    # component forms that are encoded as ideographs as well
    "⺅": "亻", "⺉": "刂", "⺖": "忄", "⺘": "扌", "⺡": "氵", "⺣": "灬", "⺨": "犭", "⺭": "礻",
    "⺰": "纟", "⺾": "艹", "⻂": "衤", "⻈": "讠", "⻌": "辶", "⻏": "阝", "⻖": "阝", "⻐": "钅",
    "⻠": "饣",
}
SIMPLIFIED: dict[str, str] = {"⼾": "户"}
SHARED_GLYPHS: dict[str, str] = {"㬵": "胶"}
_RADICALS = re.compile("[\u2f00-\u2fd5" + "".join(SUPPLEMENT) + "".join(SHARED_GLYPHS) + "]")
# A few of the most frequent characters that differ between the two scripts.
_SIMPLIFIED_ONLY = frozenset("这们会说为国来时对发经过还没进个关与实现应将")
_TRADITIONAL_ONLY = frozenset("這們會說為國來時對發經過還沒進個關與實現應將")


def is_simplified(text: str) -> bool:
    """Whether a text is written in simplified characters (judged by frequent characters)."""
    sample = text[:50000]
    simplified = sum(1 for char in sample if char in _SIMPLIFIED_ONLY)
    traditional = sum(1 for char in sample if char in _TRADITIONAL_ONLY)
    return simplified >= traditional


def ideograph(radical: str, simplified: bool = True) -> str:
    """The ideograph a radical code point stands for (the character itself if none)."""
    if radical in SUPPLEMENT:
        return SUPPLEMENT[radical]
    if radical in SHARED_GLYPHS:
        return SHARED_GLYPHS[radical]
    if simplified and radical in SIMPLIFIED:
        return SIMPLIFIED[radical]
    mapped = unicodedata.normalize("NFKC", radical)
    return mapped if len(mapped) == 1 else radical


def map_radicals(text: str, simplified: bool = True) -> tuple[str, str, str]:
    """(mapped text, code points replaced, ideographs put in), the last two in text order."""
    found = [char for char in _RADICALS.findall(text) if ideograph(char, simplified) != char]
    if not found:
        return text, "", ""
    mapped = _RADICALS.sub(lambda match: ideograph(match.group(0), simplified), text)
    return mapped, "".join(found), "".join(ideograph(char, simplified) for char in found)


def summary(removed: str, added: str) -> str:
    """`⼯→工 ×12、⻔→门 ×3`: the replacements of one page, most frequent first."""
    counts = Counter(zip(removed, added, strict=True))
    return "、".join(f"{old}→{new} ×{count}" for (old, new), count in counts.most_common())
