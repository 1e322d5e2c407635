"""Where lines run together: separators scrapers leave, headings run into the text.

Each finder returns the `Cut`s to make in one line's text; `collapsed.py` makes them and
records each as a repair. A cut needs evidence: a separator (　　, several spaces, `<br>`)
after a sentence or a heading; a heading marker after a sentence end whose numbering runs
1, 2, 3 … through the document (an enumeration …：（一）…；（二）…, or a single 一、, stays text); a
single space only in a text whose headings run in after spaces (` 一、… 二、…`), and there
only after a sentence, title or heading, or before a heading (never in `2019 年`, `《 光明日报 》`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..markers import Marker, match_marker, runs
from ..spans import Line
from .head import SALUTATION, Cut
from .heading_ends import ClauseWords, best_end, runs_in
from .sentences import PHOTO_CREDIT

BR = re.compile(r"<br\s*/?>(?:[ \t]*<br\s*/?>)*", re.IGNORECASE)
_GAP = re.compile(r"[ \t]{2,}")
_SPACE = re.compile(r"[ \t]+")
ENDS = "。！？!?；;：:…”’」』）)"
SENTENCE_ENDS = "。！？!?…"
_CLOSERS = "”’」』）)"
_RUN_IN_KINDS = frozenset({"cn", "pcn", "ar", "question", "part", "chapter"})
_HEADING_MAX = 60
_BARE_MAX = 30
_BARE = re.compile(r"[\u4e00-\u9fff“”《》]{2,}")  # an unnumbered heading: words, no punctuation
_WORD_SPACE = re.compile(r"(?<=[\u4e00-\u9fff”’）)])[ \t]+(?=[\u4e00-\u9fff“‘（(])")
_TOP_KINDS = frozenset({"cn", "question", "part", "chapter"})
# How a section's text often starts right after its heading (no punctuation between them).
BODY_START = re.compile(
    r"(?:去年|今年|当前|目前|近年来|近期|过去一年|多年来|长期以来|一直以来|首先|第一)[，,]"
    r"|(?:党的十[一二三四五六七八九]{1,2}大|改革开放|新中国成立|本届政府成立|上次会议|今年|去年|年初)以来[，,]"
    r"|(?:\d{4}年|\d{1,2}(?:[-—至~]\d{1,2})?月份?)[^，。！？]{0,8}[，,]"
    r"|面对[^，。！？]{1,20}[，,]|(?:习近平)?总书记[^，。！？]{0,8}(?:指出|强调|要求)"
    r"|[一二三四五六七八九十]{1,2}(?:是|要)(?=[^，,、。])"
)


def br_cuts(text: str) -> list[Cut]:
    return [Cut(m.start(), m.end() - m.start(), "网页换行标记 <br>") for m in BR.finditer(text)]


def gap_cuts(text: str, first: bool) -> list[Cut]:
    """Cuts at 　　 or several spaces between sentences, or after a title or heading (in a
    text where such gaps separate paragraphs, a short line without a full stop is one)."""
    cuts: list[Cut] = []
    start = 0
    for gap in _GAP.finditer(text):
        segment = text[start:gap.start()]
        if gap.end() < len(text) and _unit_ends(segment, first and not cuts, _BARE_MAX):
            cuts.append(Cut(gap.start(), gap.end() - gap.start(), "段间空格（全角空格或连续空格）"))
            start = gap.end()
    return cuts


def gaps_separate(lines: list[Line]) -> bool:
    """Evidence that 　　 or several spaces separate paragraphs: two of them after sentences
    (a title's own double space, 最高人民法院  最高人民检察院…, is no such evidence)."""
    found = 0
    for line in lines:
        for gap in _GAP.finditer(line.text):
            found += gap.start() > 0 and line.text[gap.start() - 1] in ENDS and gap.end() < len(line.text)
            if found >= 2:
                return True
    return False


def _unit_ends(segment: str, first: bool, bare: int = 0) -> bool:
    """A sentence, title or heading ends with `segment` (not a bare marker: 第一条  为了…); an
    unnumbered heading up to `bare` characters long counts too."""
    segment = segment.strip()
    if not segment or segment[-1] in ENDS:
        return bool(segment)
    if PHOTO_CREDIT.search(segment[-16:]) and segment.endswith("摄"):
        return True  # a photo caption's credit (新华社记者 鞠鹏/摄) ends it
    marker = match_marker(segment)
    if marker is not None and marker.text.strip() == segment:
        return False
    if any(c in segment for c in SENTENCE_ENDS):
        return False
    if first or marker is not None or SALUTATION.fullmatch(segment) is not None:
        return len(segment) <= _HEADING_MAX
    return len(segment) <= bare and _BARE.fullmatch(segment) is not None


def marker_at(text: str, position: int) -> Marker | None:
    marker = match_marker(text[position:position + 24])
    return marker if marker is not None and marker.kind in _RUN_IN_KINDS else None


def run_in_positions(lines: list[Line]) -> frozenset[tuple[int, int]]:
    """(line index, position) of headings run into the text after a sentence end or a space,
    kept where their kind counts 1, 2, 3 … over the document (line starts counted too)."""
    found: dict[str, list[tuple[int, Marker]]] = defaultdict(list)
    places: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        text = line.text
        for position in sorted({0, *_after_ends(text), *_after_colons(text)}):
            marker = marker_at(text, position)
            if marker is not None:
                found[marker.kind].append((len(places), marker))
                places.append((index, position))
    kept = {number for members in found.values() for number, _ in runs(members)}
    return frozenset(places[n] for n in kept if places[n][1] > 0)


def _after_colons(text: str) -> list[int]:
    """Positions just after ：: a heading there (重点抓好以下工作：（一）…。（二）…) is kept only as
    the first of a run whose next members follow sentence ends, so an enumeration
    …：（一）…；（二）… (its members after ；) stays text."""
    return [index + 1 for index, char in enumerate(text[:-1]) if char in "：:"]


def _after_ends(text: str) -> list[int]:
    """Positions just after a sentence end (and its closing quote) or a space run."""
    positions = []
    for index, char in enumerate(text[:-1]):
        following = text[index + 1]
        sentence_end = (char in SENTENCE_ENDS and following not in _CLOSERS) or (
            char in _CLOSERS and index and text[index - 1] in SENTENCE_ENDS)
        if sentence_end or (char in " \t" and following not in " \t"):
            positions.append(index + 1)
    return positions


def space_cuts(text: str, first: bool) -> list[Cut]:
    """In a text whose headings run in after spaces: cuts at single spaces between units."""
    cuts: list[Cut] = []
    start = 0
    for space in _SPACE.finditer(text):
        if space.start() == 0 or space.end() >= len(text):
            continue
        segment, rest = text[start:space.start()], text[space.end():]
        if _unit_ends(segment, first and not cuts, 20) or match_marker(rest[:24]) or SALUTATION.match(rest):
            cuts.append(Cut(space.start(), space.end() - space.start(), "空格分隔（标题嵌在行中）"))
            start = space.end()
    return cuts


def runs_in_after_spaces(lines: list[Line]) -> bool:
    """Evidence for `space_cuts`: headings 一、二、三、… in order inside lines, after a space."""
    values = [marker.value for line in lines if " " in line.text or "\t" in line.text
              for match in re.finditer(r"(?<=\S)[ \t]+(?=[一二三四五六七八九十]{1,3}、)", line.text)
              if (marker := match_marker(line.text[match.end():])) is not None]
    steps = sum(1 for a, b in zip(values, values[1:], strict=False) if b == a + 1)
    return steps >= 2 and steps >= len(values) // 2


def short_heading_kinds(lines: list[Line]) -> frozenset[str]:
    """Kinds of which some line is a short heading (一、要正确把握维稳形势。…): evidence that
    the kind numbers headings, not long numbered paragraphs."""
    return frozenset(kind for kind, lengths in _first_sentences(lines).items() if min(lengths) <= 40)


def run_in_kinds(lines: list[Line]) -> frozenset[str]:
    """Kinds of heading that run into their text here (most first sentences too long)."""
    return frozenset(kind for kind, lengths in _first_sentences(lines).items() if runs_in(lengths))


def _first_sentences(lines: list[Line]) -> dict[str, list[int]]:
    """Per kind of heading opening a line: the lengths of their first sentences, marker left out."""
    found: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        marker = marker_at(line.text, 0)
        if marker is not None:
            found[marker.kind].append(_sentence_end(line.text) - len(marker.text))
    return found


def _sentence_end(text: str) -> int:
    return next((i for i, char in enumerate(text) if char in SENTENCE_ENDS), len(text))


def marked_heading_ends(lines: list[Line]) -> dict[str, tuple[int, ...]]:
    """Per kind: where the headings whose end the text marks end (space, set opening words)."""
    found: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        marker = marker_at(line.text, 0)
        cuts = heading_end_cuts(line.text, frozenset()) if marker is not None else []
        if marker is not None and cuts:
            found[marker.kind].append(cuts[0].at)
    return {kind: tuple(ends) for kind, ends in found.items()}


def heading_end_cuts(text: str, short_kinds: frozenset[str], run_in: frozenset[str] = frozenset(),
                     words: ClauseWords | None = None,
                     siblings: dict[str, tuple[int, ...]] | None = None) -> list[Cut]:
    """A heading run into its section's text with no punctuation between them: cut where the
    text plainly starts (去年， 面对…， 总书记指出 …); else, for a kind that runs into its text
    here, where the document's words say a clause ends and another starts; else, when the
    sentence is too long for a heading of a kind that has short headings elsewhere, after its
    last comma within heading length (a guess, said so in the note)."""
    marker = marker_at(text, 0)
    if marker is None:
        return []
    end = _sentence_end(text)
    limit = 120 if marker.kind in _TOP_KINDS else 80
    low = len(marker.text) + 4
    space = _WORD_SPACE.search(text, low, min(end, limit))
    if space:
        return [Cut(space.start(), space.end() - space.start(), "标题与正文之间的空格")]
    start = BODY_START.search(text, low, min(end, limit))
    if start:
        return [Cut(start.start(), 0, f"标题与正文相连：正文以“{start.group()}”开头")]
    if words is not None and marker.kind in run_in and end < len(text):
        best = best_end(text, low, min(end, limit), words, (siblings or {}).get(marker.kind, ()))
        if best is not None:
            at = best[0]
            return [Cut(at, 0, f"标题与正文相连：按全文用词在“{text[at - 2:at]}｜{text[at:at + 2]}”处分开（推测）")]
    if end <= limit or marker.kind not in short_kinds:
        return []
    comma = max(text.rfind("，", low, limit), text.rfind(",", low, limit))
    return [Cut(comma + 1, 0, "标题与正文相连：在标题长度内的最后一个逗号后分开（推测）")] if comma > 0 else []
