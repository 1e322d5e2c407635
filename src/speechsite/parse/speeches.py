"""Two or more speeches in one file: found, and said so with the line where the next starts.

A new speech starts at a title line (…讲话/报告/致辞) that is followed within a few lines by a
date line or a salutation, when the text before it has closed (谢谢大家！, 同志们，…) or its
numbering starts again at 一、 after it. The file is still published as one page (a file's
address is recorded per file, see site/addresses.py): the warning says where to cut it.
"""

from __future__ import annotations

import re

from ..markers import match_marker
from ..model import Diagnostic
from ..repair.head import SALUTATION
from ..spans import Line
from .ends import CLOSING
from .front import front_kind, is_title

_TITLE_WORD = re.compile(r"(?:讲话|报告|致辞|发言|演讲|讲稿)(?:[（(][^）)]{1,6}[）)])?$")
_LOOK_AHEAD = 4


def speech_starts(lines: tuple[Line, ...]) -> list[int]:
    """Indices of the lines where a further speech starts (none for a file of one speech)."""
    return [index for index in range(2, len(lines)) if _starts_speech(lines, index)]


def _starts_speech(lines: tuple[Line, ...], index: int) -> bool:
    text = lines[index].text
    if not (is_title(text) and _TITLE_WORD.search(text)):
        return False
    ahead = [line.text for line in lines[index + 1:index + 1 + _LOOK_AHEAD]]
    opens = any(SALUTATION.match(t) or front_kind(t, True) == "date" for t in ahead)
    closed = any(CLOSING.match(line.text) or "谢谢" in line.text for line in lines[max(0, index - 3):index])
    return opens and (closed or _numbering_restarts(lines, index))


def _numbering_restarts(lines: tuple[Line, ...], index: int) -> bool:
    before = [m.value for line in lines[:index] if (m := match_marker(line.text)) and m.kind == "cn"]
    after = next((m.value for line in lines[index:] if (m := match_marker(line.text)) and m.kind == "cn"), 0)
    return bool(before) and after == 1 and max(before) >= 2


def second_speech_warning(file: str, line: int) -> Diagnostic:
    return Diagnostic(
        "warning", file, line,
        "another speech starts here (a new title after the closing, or numbering that starts "
        "again at “一、”); the file is published as one speech",
        "put each speech in a file of its own, so each gets its own page, title and outline")
