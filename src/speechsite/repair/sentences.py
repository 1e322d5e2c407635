"""Sentence boundaries of collapsed text, and those that start a paragraph by convention.

A speech opens its paragraphs with set words: 今天， 刚才， 下面， 首先， 总之， 最后， 当前，
过去一年， …以来， 第一， 一是， a dash-led item —— …. In a text with no separator left, a paragraph
starts before such a sentence (once the paragraph before has some length); then any paragraph
still longer than the limit is cut at the sentence boundary nearest its middle, preferring one
that opens with a linking word (此外， 同时， 因此， 要 …). A sentence is never cut.

The words were checked against the speeches and reports of the reference corpora (sentences
opening with the word that open a paragraph): —— 224 of 225, 过去一年， 27 of 30, 第一， 26 of 30,
but 同时， 13 of 193, 与此同时， 3 of 29, 目前， 3 of 18 and 近年来， 3 of 12 — those four link
sentences inside a paragraph and only guide a cut by length.
"""

from __future__ import annotations

import re

from .head import Cut

OPENER = re.compile(
    r"(?:今天|刚才|下面|首先|其次|再次|最后|总之|当前|近期|过去一年|过去的一年|过去五年|去年|今年|"
    r"总的看|总的来说|总体来看|综上所述|接下来)[，,]"
    r"|——|――|回顾过去|[一二三四五]年来[，,]"
    r"|[^，。！？；]{1,10}以来[，,]"
    r"|(?:同志们|各位代表|同志们、朋友们)[，,！!]"
    r"|第[一二三四五六七八九十]{1,3}(?:个问题|个方面|点|条)?[，,、：:]"
    r"|[一二三四五六七八九十]{1,2}[是要](?=[^，,、。])"
    r"|[\u4e00-\u9fff]{1,6}方面[。：:]"  # 治标方面。…
)
LINKING = re.compile(r"此外|另外|同时|与此同时|目前|因此|为此|对此|特别是|这里|我们|要|在|对")
SENTENCE_ENDS = "。！？!?…"
PHOTO_CREDIT = re.compile(r"记者[ \t]*[\u4e00-\u9fff]{2,4}(?:[、 \t]+[\u4e00-\u9fff]{2,4})*[ \t]*/?[ \t]*摄")
CLOSERS = "”’」』）)"
MIN_PARAGRAPH = 8


def sentence_starts(text: str) -> list[int]:
    """Where each sentence after the first begins (also after a photo credit 记者 某某/摄)."""
    starts = []
    for index, char in enumerate(text[:-1]):
        if char in SENTENCE_ENDS or (char in CLOSERS and index and text[index - 1] in SENTENCE_ENDS):
            following = text[index + 1]
            if following not in SENTENCE_ENDS + CLOSERS and not following.isspace():
                starts.append(index + 1)
    starts += [m.end() for m in PHOTO_CREDIT.finditer(text) if m.end() < len(text)]
    return sorted(set(starts))


def convention_cuts(text: str, limit: int) -> list[Cut]:
    """Cuts before convention openers, then by length."""
    starts = sentence_starts(text)
    cuts: list[Cut] = []
    last = 0
    for start in starts:
        opener = OPENER.match(text, start)
        if opener and start - last >= MIN_PARAGRAPH:
            cuts.append(Cut(start, 0, f"段首词“{opener.group()}”"))
            last = start
    bounds = [0, *(cut.at for cut in cuts), len(text)]
    for low, high in zip(bounds, bounds[1:], strict=False):
        cuts += _by_length(text, low, high, [s for s in starts if low < s < high], limit)
    return cuts


def _by_length(text: str, low: int, high: int, starts: list[int], limit: int) -> list[Cut]:
    if high - low <= limit or not starts:
        return []
    middle = (low + high) // 2
    linked = [s for s in starts if abs(s - middle) <= (high - low) // 4 and LINKING.match(text, s)]
    at = min(linked or starts, key=lambda s: abs(s - middle))
    cut = Cut(at, 0, f"段落超过{limit}字，在句末分段")
    return [cut, *_by_length(text, low, at, [s for s in starts if s < at], limit),
            *_by_length(text, at, high, [s for s in starts if s > at], limit)]
