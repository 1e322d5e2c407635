"""The head of a text whose title, date, speaker, salutation and opening share one line.

`在全市…会议上的讲话（2023年3月2日）张明同志们：今天…` is taken apart into the title as written,
the date, the speaker, the salutation and the opening, each break a recorded repair. Before
that, a leading data key (`2015<TAB>`, a spreadsheet column) or news dateline (`新华社北京3月5日电`,
`本报讯（记者 张三）`) is debris, never the title: it is taken out and recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..spans import Line

_ADDRESSEE = r"(?:各位[^，,。：:！!、\s]{1,8}?|(?:同志|朋友|女士|先生|来宾|代表|委员|老师|同学|同胞)们)"
SALUTATION = re.compile(
    rf"(?:尊敬的[^。；：:\n]{{0,60}}?|{_ADDRESSEE}(?:[、，,]{_ADDRESSEE})*)[：:！!]"
)
DATA_KEY = re.compile(r"[0-9A-Za-z_-]{1,12}\t")
DATELINE = re.compile(r"(?:新华社|中新社|中新网|人民网|央视网|本报)[^，。！？\s电]{0,14}电|本报讯(?:[（(][^）)]{0,20}[）)])?")
AGENCIES = ("新华社", "中新社", "中新网", "人民网", "央视网")
_TITLE = re.compile(r"[^。！？：:\n]{2,80}?(?:讲话|报告|致辞|发言|演讲|贺信|贺词|回信|讲稿)"
                    r"(?:[（(](?:摘要|节选|摘录|全文|提纲)[）)])?")
_DATE_CORE = r"(?:\d{4}|[０-９]{4}|[〇○零一二三四五六七八九]{4})年"
_DATE = re.compile(rf"[（(]{_DATE_CORE}[^（）()]{{0,24}}[）)]|——{_DATE_CORE}[^。！？：:]{{0,60}}?上")
_ROLE = (r"[\u4e00-\u9fff（）()、]{0,24}?(?:书记|省长|市长|县长|区长|州长|盟长|旗长|乡长|镇长|主席|主任|"
         r"总理|部长|局长|厅长|委员长|秘书长|院长|检察长|司令员|政委)")
_SPEAKER = re.compile(rf"(?:{_ROLE}[ \t]*)?[\u4e00-\u9fff](?:[ \t]?[\u4e00-\u9fff]){{1,3}}")
_SEARCH = 320  # characters of the line in which the head is looked for
_HANZI = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Cut:
    """A break to insert: the next piece starts at `at + skip`; `skip` characters go (spaces)."""

    at: int
    skip: int
    note: str


def head_cuts(text: str, whole: str, collapsed: bool) -> list[Cut]:
    """Breaks after the title, date, speaker and salutation of a run-on head (none when the
    line holds only a title, or a title and its date, as written; a salutation alone is cut
    from its sentence only in collapsed text). `whole` is the document's text: a speaker's
    name with no salutation after it is the one the text repeats."""
    title = _TITLE.match(text)
    if title is None and not collapsed:
        return []
    position = title.end() if title else 0
    date = _DATE.match(text, _skip_spaces(text, position))
    position = date.end() if date else position
    salutation = SALUTATION.match(text, _skip_spaces(text, position))
    speaker_end = None
    if salutation is None:
        salutation = SALUTATION.search(text, position, position + _SEARCH)
        between = text[position:salutation.start()].strip() if salutation else ""
        if salutation and not _SPEAKER.fullmatch(between):
            salutation = None
        speaker_end = salutation.start() if salutation else _repeated_name(text, position, whole, date)
    if title and not (date or salutation or speaker_end):
        return []  # a title, no head run on after it
    cuts = [Cut(title.end(), 0, "标题之后")] if title else []
    if date:
        cuts.append(Cut(date.end(), 0, f"日期“{date.group()}”之后"))
    if speaker_end:
        cuts.append(Cut(speaker_end, 0, "讲话人之后"))
    if salutation:
        cuts.append(Cut(salutation.end(), 0, f"称呼“{salutation.group()}”之后"))
    end = len(text.rstrip())
    return [cut for cut in cuts if _skip_spaces(text, cut.at) < end]


def _repeated_name(text: str, position: int, whole: str, date: re.Match[str] | None) -> int | None:
    """End of a bare name right after a date (`（2018年2月12日）习近平党的十八大以后…`): the longest
    of two to four characters that the text names again elsewhere."""
    if date is None:
        return None
    start = _skip_spaces(text, position)
    for length in (4, 3, 2):
        name = text[start:start + length]
        if len(name) == length and _HANZI.fullmatch(name) and whole.count(name) >= 2:
            return start + length
    return None


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def split_at(line: Line, cuts: list[Cut]) -> list[Line]:
    """`line` in pieces at `cuts` (sorted), spaces at a cut dropped from both sides."""
    pieces, start = [], 0
    for cut in sorted(cuts, key=lambda c: c.at):
        end = cut.at
        while end > start and line.text[end - 1] in " \t":
            end -= 1
        if end > start:
            pieces.append(piece(line, start, end))
        start = _skip_spaces(line.text, cut.at + cut.skip)
    if start < len(line.text.rstrip()):
        pieces.append(piece(line, start, len(line.text.rstrip())))
    return pieces


def piece(line: Line, start: int, end: int) -> Line:
    number, offset = line.locate(start)
    spans = tuple((i - start, n, o) for i, n, o in line.spans if start < i < end)
    return Line(line.text[start:end], number, offset, ((0, number, offset), *spans))
