"""The end of a speech: the appendix of notes and trailers after it, and the closing words.

A closing is a few paragraphs after the last heading (同志们，…/总之，…/谢谢大家！; see
structure.split_closing). An appendix is
a block of notes or a trailer after the speech (注释/注：/出处：/（原载…）/（根据…整理）/相关链接/
（新华社…电）/※ …): shown after the speech, neither a heading nor part of the last section.
"""

from __future__ import annotations

import re

from ..markers import rank
from ..spans import Line
from .classify import Heading

CLOSING = re.compile(r"(?:同志们|各位代表|各位委员|同志们、朋友们)[，,！!]|总之[，,]|总而言之|谢谢大家|谢谢！")
_TRAILER = re.compile(
    r"(?:注释|注解|名词解释|相关链接|延伸阅读|相关阅读)[：:]?$"
    r"|(?:注|注释|出处)[：:]"
    r"|[（(](?:原载|原文载|载于|摘自|选自|节选自|转载自|本文原载)"
    r"|[（(](?:本文)?根据[^（）()]{0,40}整理"
    r"|[（(](?:新华社|中新社|本报)[^（）()]{0,24}电[）)]"
    r"|《\s*[^》]{1,12}\s*》\s*[（(][^（）()]{0,30}版\s*[）)]$"
    r"|※"
)


def split_appendix(items: list[Heading | Line]) -> tuple[list[Heading | Line], list[Line]]:
    """(the speech, the appendix lines): the appendix starts at the first trailer in the second
    half of the text after which no closing paragraph and no top-level heading follows."""
    texts = [item.line.text if isinstance(item, Heading) else item.text for item in items]
    last_structure = max((i for i, item in enumerate(items)
                          if isinstance(item, Heading) and _structures(item)), default=-1)
    for index in range(max(1, len(items) // 2, last_structure + 1), len(items)):
        if _TRAILER.match(texts[index]) and not any(CLOSING.match(t) for t in texts[index + 1:]):
            return items[:index], [item.line if isinstance(item, Heading) else item
                                   for item in items[index:]]
    return items, []


def _structures(heading: Heading) -> bool:
    """A heading that a trailer cannot precede: the speech's own top levels (not 1. notes)."""
    if heading.marker.kind == "appendix":
        return not _TRAILER.match(heading.heading)
    return rank(heading.marker.kind) <= rank("cn")
