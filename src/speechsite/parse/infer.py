"""Metadata the text states itself: title, date, speaker, role, meeting, level, year.

A speech without a title line still gets a title, marked as inferred, never its file name:
from the meeting it names (在…会议上的讲话), else the subject it names (关于…的讲话: 我就X讲几点
意见, 贯彻落实…关于X有关会议精神), else its first heading, else its opening words.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..model import Metadata
from ..read.metadata import with_fields
from ..spans import Line
from .dates import iso_date
from .front import Front, speaker_of

_TITLE_IN_TEXT = re.compile(r"在[^。，；\n]{2,60}?(?:会议|大会|会)上的(?:讲话|致辞|发言|报告)|[^。，；\n]{0,30}政府工作报告")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
_MEETING_IN_DATE = re.compile(r"在(.{2,60}?(?:会议|大会|会))上")
_MEETING_IN_TEXT = re.compile(
    r"(?:今天，?我们(?:在这里)?召开|今天，?召开|这次会议是|这次召开的)([^。，；]{2,50}?(?:会议|大会|会))"
)
# "我就X讲几点意见": the speaker names the subject of an untitled speech.
_SUBJECT = re.compile(
    r"我(?:再|想|主要)?就([^。，；！？\n]{4,40}?)(?:再)?(?:讲|谈|强调|提)(?:几|三|四|五|两|一)?(?:点|些)?(?:意见|看法|想法|要求)"
)
# "…关于X（有关/的）会议精神 / 决策部署": the subject the meeting is about.
_SUBJECT_OF_MEETING = re.compile(
    r"关于([^。，；、！？“”\n]{2,30}?)(?:工作)?(?:有关|的)?(?:会议精神|决策部署|工作部署|部署要求)"
)
_FIRST_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}[、，．.]\s*([^。！？；\n]{2,60})")
_TITLE_CUT = 30  # a heading or the opening words standing in as a title are cut to this length
_LEVEL_WORDS = {"全省": "省", "全市": "市", "全县": "县", "全区": "区", "全乡": "乡镇",
                "全镇": "乡镇", "本省": "省", "本市": "市", "本县": "县"}
_LEVEL_WORD = re.compile("|".join(_LEVEL_WORDS))
_ROLE_LEVEL = (("省长", "省"), ("主席", "省"), ("市长", "市"), ("县长", "县"), ("区长", "区"),
               ("乡长", "乡镇"), ("镇长", "乡镇"))
_CENTRAL = re.compile(r"中共中央|中央委员会|中央政治局|国务院|全国人民代表大会|全国人大|全国政协|全国代表大会"
                      r"|国家主席|总书记")
_CENTRAL_OPENING = re.compile(r"我代表(?:国务院|党中央|中央委员会|全国人大常委会|全国人民代表大会常务委员会)")
_SCAN = 20000
_PLACE = re.compile(r"([^全本我在\d\s][\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|县|区|旗|乡|镇))"
                    r"(?:人民政府|政府|委员会|党委|市长|县长|区长|省长|主席|书记)")


def infer_metadata(meta: Metadata, front: Front, lines: list[Line], source: str | None = None) -> Metadata:
    head = "\n".join(line.text for line in lines[:12])  # a title may stand in the first lines
    text = "\n".join(line.text for line in lines)[:_SCAN]
    found: dict[str, Any] = {}
    date_line = next((f.text for f in front.lines if f.kind == "date"), "")
    speaker_line = " ".join(f.text for f in front.lines if f.kind == "speaker")
    found["title"] = front.title.text if front.title else _title_in(head)
    found["source"] = source
    found["date"] = iso_date(date_line) or iso_date(found["title"] or "")
    if speaker_line:
        found["role"], found["speaker"] = speaker_of(speaker_line)
    found["meeting"] = _meeting(date_line, found["title"] or "", text)
    found["level"] = _central(front, head) or _level(text, found.get("role"))
    found["place"] = _place(found.get("role") or "") or _place(_YEAR.sub("", found["title"] or ""))
    found["title"] = found["title"] or _inferred_title(found["meeting"], lines, text)
    return with_fields(meta, found)


def _inferred_title(meeting: str | None, lines: list[Line], text: str) -> str | None:
    """A title for a text without a title line: meeting, subject, first heading, opening words."""
    if meeting:
        return f"在{meeting}上的讲话"
    start = text[:3000]
    if subject := _SUBJECT.search(start) or _SUBJECT_OF_MEETING.search(start):
        return f"关于{subject.group(1)}的讲话"
    for line in lines:
        if heading := _FIRST_HEADING.match(line.text.strip()):
            return f"讲话：{_cut(heading.group(1))}"
    opening = next((line.text.strip() for line in lines if line.text.strip()), "")
    return f"讲话：{_cut(re.split('[。！？；]', opening)[0])}" if opening else None


def _cut(text: str) -> str:
    text = text.strip("，、：: ")
    return text if len(text) <= _TITLE_CUT else text[: _TITLE_CUT - 1] + "…"


def _title_in(head: str) -> str | None:
    match = _TITLE_IN_TEXT.search(head)
    return match.group(0).strip() if match else None


def _meeting(date_line: str, title: str, text: str) -> str | None:
    for source, pattern in ((date_line, _MEETING_IN_DATE), (title, _MEETING_IN_DATE),
                            (text, _MEETING_IN_TEXT)):
        match = pattern.search(source)
        if match and "的" not in match.group(1):
            return match.group(1)
    return None


def _place(text: str) -> str | None:
    match = _PLACE.match(text)
    return match.group(1) if match and match.group(1) not in ("自治区", "自治州") else None


def _central(front: Front, head: str) -> str | None:
    """中央 for a document of 中共中央, 国务院 or 全国人大 by its title, front lines or opening."""
    named = " ".join([front.title.text if front.title else "", *(f.text for f in front.lines)])
    return "中央" if _CENTRAL.search(named) or _CENTRAL_OPENING.search(head) else None


def _level(text: str, role: str | None) -> str | None:
    counts = Counter(_LEVEL_WORDS[word] for word in _LEVEL_WORD.findall(text))
    if counts:
        level, count = counts.most_common(1)[0]
        if count >= 2:
            return level
    for suffix, level in _ROLE_LEVEL:
        if role and role.endswith(suffix):
            return level
    return None
