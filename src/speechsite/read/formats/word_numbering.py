"""Word's automatic list numbering: the label (一、 （一） 1.) a paragraph is shown with.

Word does not store a numbered paragraph's label in its text. The paragraph (or its style)
names a list (`w:numPr`: `w:numId` and level `w:ilvl`); the list (`w:num`) points to a
definition (`w:abstractNum`) whose level (`w:lvl`) gives the number format (`w:numFmt`:
chineseCounting, decimal, …), the label pattern (`w:lvlText`, e.g. `%1、` or `（%2）`) and
the start value. Counting follows Word: each level counts up, a level restarts when a
higher level is used (or as `w:lvlRestart` says), lists that share a definition share their
counters unless a `w:lvlOverride/w:startOverride` restarts them, and a legal-style level
(`w:isLgl`) shows every number as a decimal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEOGRAPH_CIRCLED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
BULLET, NONE = "bullet", "none"


def chinese(number: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """一 … 十 十一 … 九十九 一百 一百零一 …: Chinese counting (as Word's chineseCounting)."""
    if number <= 0:
        return digits[0]
    if number >= 10000:
        return str(number)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = number // power % 10
        if digit:
            if zero:
                parts.append(digits[0])
            parts.append(("" if unit == units[0] and number < 20 and digit == 1 else digits[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _letters(number: int, first: str) -> str:
    """A B … Z AA BB … as Word counts letters."""
    if number <= 0:
        return ""
    return chr(ord(first) + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _from(table: str) -> Callable[[int], str]:
    return lambda number: table[number - 1] if 1 <= number <= len(table) else str(number)


def _cycle(table: str) -> Callable[[int], str]:
    return lambda number: table[(number - 1) % len(table)] if number >= 1 else str(number)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "taiwaneseCounting": chinese,
    "taiwaneseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese(n, _LEGAL_SIMPLIFIED, "拾佰仟"),
    "ideographLegalTraditional": lambda n: chinese(n, _LEGAL_TRADITIONAL, "拾佰仟"),
    "ideographTraditional": _cycle(_HEAVENLY_STEMS),
    "ideographZodiac": _cycle(_EARTHLY_BRANCHES),
    "decimalEnclosedCircle": _from(_CIRCLED),
    "decimalEnclosedCircleChinese": _from(_CIRCLED),
    "decimalEnclosedParen": _from(_PARENTHESIZED),
    "decimalEnclosedFullstop": _from(_FULLSTOP),
    "ideographEnclosedCircle": _from(_IDEOGRAPH_CIRCLED),
    NONE: lambda n: "",
}


def sample(number_format: str) -> str:
    """`一、二、三`: how a number format counts, for a reader who does not know its name."""
    count = FORMATS.get(number_format, str)
    return "、".join(count(number) for number in (1, 2, 3))


@dataclass(frozen=True)
class Level:
    format: str  # w:numFmt
    text: str  # w:lvlText, e.g. "%1、"
    start: int
    legal: bool = False  # w:isLgl
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level is used


@dataclass(frozen=True)
class Label:
    text: str  # the label as Word shows it, e.g. "（二）"
    list_id: str
    level: int  # 0-based
    format: str


@dataclass
class Numbering:
    """The numbering definitions of a document and the counters while it is read in order."""

    definitions: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId →
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → …
    started: set[str] = field(default_factory=set)  # lists whose overrides were applied

    @classmethod
    def read(cls, element: _Element | None, style_lists: dict[str, str]) -> Numbering:
        """From the numbering part's root element (`w:numbering`); `style_lists` maps a
        numbering style's id to the list it names (for `w:numStyleLink`)."""
        numbering = cls()
        if element is None:
            return numbering
        links: dict[str, str] = {}
        for abstract in element.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId")) or ""
            numbering.definitions[abstract_id] = {
                int(lvl.get(qn("w:ilvl")) or 0): _level(lvl) for lvl in abstract.iterchildren(qn("w:lvl"))}
            link = abstract.find(qn("w:numStyleLink"))
            if link is not None:
                links[abstract_id] = link.get(qn("w:val")) or ""
        for num in element.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId")) or ""
            abstract_ref = num.find(qn("w:abstractNumId"))
            numbering.lists[num_id] = abstract_ref.get(qn("w:val")) or "" if abstract_ref is not None else ""
            numbering.overrides[num_id] = _overrides(num)
        for abstract_id, style in links.items():  # a definition that only names a style's list
            target = numbering.lists.get(style_lists.get(style, ""))
            if target and target != abstract_id:
                numbering.definitions[abstract_id] = numbering.definitions.get(target, {})
        return numbering

    def label(self, num_id: str, level: int) -> Label | None:
        """Count the paragraph and return its label; None when the list has no label there
        (a bullet, `none`, or a list that is not defined)."""
        abstract_id = self.lists.get(num_id)
        levels = self.definitions.get(abstract_id or "", {})
        if abstract_id is None or level not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in self.overrides.get(num_id, {}).items():
                counters[overridden] = start - 1
        definition = levels[level]
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper, deeper_level in levels.items():
            if deeper > level and (deeper_level.restart is None or deeper_level.restart > level):
                counters.pop(deeper, None)
        if definition.format == BULLET:
            return None
        text = _fill(definition.text, levels, counters, definition.legal)
        return Label(text, num_id, level, definition.format) if text else None


def _level(element: _Element) -> Level:
    def value(tag: str) -> str | None:
        child = element.find(qn(tag))
        return None if child is None else child.get(qn("w:val"))

    restart = value("w:lvlRestart")
    legal = element.find(qn("w:isLgl"))
    return Level(value("w:numFmt") or "decimal", value("w:lvlText") or "", int(value("w:start") or 0),
                 legal is not None and legal.get(qn("w:val")) not in ("0", "false"),
                 int(restart) if restart is not None else None)


def _overrides(num: _Element) -> dict[int, int]:
    found = {}
    for override in num.iterchildren(qn("w:lvlOverride")):
        start = override.find(qn("w:startOverride"))
        if start is not None:
            found[int(override.get(qn("w:ilvl")) or 0)] = int(start.get(qn("w:val")) or 0)
    return found


def _fill(pattern: str, levels: dict[int, Level], counters: dict[int, int], legal: bool) -> str:
    """`%1、` → `一、`: each %N is level N's counter in level N's format."""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%" and index + 1 < len(pattern) and pattern[index + 1].isdigit():
            level = int(pattern[index + 1]) - 1
            number = counters.get(level, levels[level].start if level in levels else 1)
            fmt = "decimal" if legal else (levels[level].format if level in levels else "decimal")
            out.append(FORMATS.get(fmt, str)(number))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)
