"""The front of a speech: title line, subtitle/date/speaker lines, salutation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markers import match_marker
from ..model import FrontLine
from ..repair.head import SALUTATION
from ..spans import Line

_SALUTATION_LEAD = re.compile(r"(?:同志们|各位代表|各位委员)[，,](?=.)")  # 各位代表，现在，我代表…
_DATE = re.compile(r"[0-9０-９]{4}年[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?"
                   r"|[一二〇○零三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,2}月)?")
_SPEAKER = re.compile(
    r"(?P<role>[\u4e00-\u9fff（）()、]{0,24}?(?:书记|省长|市长|县长|区长|州长|盟长|旗长|乡长|镇长|"
    r"主席|主任|总理|部长|局长|厅长|委员长|秘书长|院长|检察长|司令员|政委))[ \t]*"
    r"(?P<name>[\u4e00-\u9fff](?:[ \t]?[\u4e00-\u9fff]){1,3}(?:·[\u4e00-\u9fff]{1,8})?)"
)
_ROLE_ONLY = re.compile(_SPEAKER.pattern.split("[ \\t]*")[0])
_BARE_NAME = re.compile(r"[\u4e00-\u9fff](?:[ \t]?[\u4e00-\u9fff]){1,3}(?:·[\u4e00-\u9fff]{1,8})?")
_NOT_NAMES = frozenset(["总则", "附则", "分则", "罚则", "目录", "前言", "序言", "引言", "正文", "说明",
                        "附件", "附录", "目次", "导语", "摘要"])
_TITLE_WORDS = re.compile(r"讲话|报告|致辞|发言|讲稿|总结|意见|决定|条例")
_TITLE_END = "。；;，,：:"
_MAX_FRONT = 6


@dataclass(frozen=True)
class Front:
    title: Line | None
    lines: tuple[FrontLine, ...]
    salutation: str | None
    rest: Line | None  # text after a salutation on the same line
    next: int  # index of the first line after the front


def read_front(lines: list[Line]) -> Front:
    index, title = 0, None
    if lines and is_title(lines[0].text):
        title, index = lines[0], 1
    front: list[FrontLine] = []
    salutation_at = _salutation_ahead(lines, index)
    if salutation_at is not None:
        front = [FrontLine(front_kind(line.text, True) or "subtitle", line.text, line.line)
                 for line in lines[index:salutation_at]]
        index = salutation_at
    while index < len(lines) and len(front) < _MAX_FRONT:
        line = lines[index]
        if SALUTATION.match(line.text):
            break
        # without a salutation ahead, a bare name counts only after a speech's dateline
        after_dateline = bool(front) and front[-1].text.startswith(("——", "--", "（", "("))
        kind = front_kind(line.text, after_dateline)
        if kind is None:
            break
        front.append(FrontLine(kind, line.text, line.line))
        index += 1
    if index < len(lines):
        match = SALUTATION.match(lines[index].text) or _SALUTATION_LEAD.match(lines[index].text)
        if match:
            line = lines[index]
            rest = line.text[match.end():]
            rest_line = None
            if rest.strip():
                number, offset = line.locate(match.end())
                rest_line = Line(rest.strip(), number, offset)
            return Front(title, tuple(front), match.group(0), rest_line, index + 1)
    return Front(title, tuple(front), None, None, index)


def _salutation_ahead(lines: list[Line], start: int) -> int | None:
    """Index of a salutation within the next few short lines (all of them front lines)."""
    for index in range(start, min(len(lines), start + _MAX_FRONT + 1)):
        text = lines[index].text
        if SALUTATION.match(text):
            return index
        if len(text) > 160 or text.endswith("。") or match_marker(text):
            return None
    return None


def is_title(text: str) -> bool:
    return (
        len(text) <= 80
        and text[-1:] not in _TITLE_END
        and not text.startswith("——")
        and not SALUTATION.match(text)
        and match_marker(text) is None
        and not (_DATE.match(text) and not _TITLE_WORDS.search(text))  # a bare date line
        and not (len(text) <= 40 and _SPEAKER.fullmatch(text) and not _TITLE_WORDS.search(text))
    )


def front_kind(text: str, name_allowed: bool) -> str | None:
    """subtitle/date/speaker for a front line, or None when the speech proper has begun."""
    if match_marker(text) or len(text) > 160 or text.endswith("。"):
        return None
    if text.startswith(("——", "--", "－－")) or (text[:1] in "（(" and text[-1:] in "）)"):
        return "date" if _DATE.search(text) else "subtitle"
    if _DATE.match(text):
        return "date"
    if len(text) <= 40 and _SPEAKER.fullmatch(text):
        return "speaker"
    if _ROLE_ONLY.fullmatch(text):
        return "speaker"  # the name follows on the next line
    if name_allowed and _BARE_NAME.fullmatch(text) and text.replace(" ", "") not in _NOT_NAMES:
        return "speaker"
    return None


def speaker_of(text: str) -> tuple[str | None, str]:
    """(role, name) of a speaker line: `上海市市长 龚 正` → (上海市市长, 龚正)."""
    match = _SPEAKER.fullmatch(text)
    if match:
        return match.group("role"), re.sub(r"[ \t]", "", match.group("name"))
    return None, text.strip()
