"""Hard-wrapped text: Word, antiword or PDF extraction that breaks every line at one width.

The width is measured in display columns (a Chinese character or full-width mark is two, an
ASCII letter or digit one), so a line with 2023 in it is as full as one without. Evidence of
hard wrapping: many lines within two characters of the same width, none much wider, some
shorter (paragraph ends), a page's width at most, and most full lines cut inside a sentence. Then a
full line runs on into the next — even after 。, since the wrap does not know sentences — unless
the next line is indented (the document marks paragraph starts so), starts a heading, or a blank
line lies between. A short line is a real paragraph end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

MIN_LINES, MIN_COLUMNS, MAX_COLUMNS = 8, 24, 200  # a page is at most ~100 characters wide
SLACK = 4  # columns a full line may fall short: a character moved on by line-breaking rules
SHARE = 0.4  # of the lines must be full
_SENTENCE_END = "。！？!?；;…”」』"


@dataclass(frozen=True)
class Wrap:
    columns: int  # the wrap width
    indents: bool  # paragraph starts are indented, so an unindented line after a full one goes on


def columns(text: str) -> int:
    """Display columns: ASCII one, anything else two (Chinese text sets its punctuation and
    ambiguous-width marks such as — … · full-width too). Counted in C: this runs on every line."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _width(text: str) -> int:
    """Columns of a line as laid out: an indent counts as full-width spaces (normalising made
    the ideographic spaces of 　　 plain ones)."""
    stripped = text.lstrip()
    return columns(stripped.rstrip()) + 2 * (len(text) - len(stripped))


def find_wrap(texts: list[str]) -> Wrap | None:
    """The wrap of a hard-wrapped text, or None when its lines are not broken at one width."""
    lines = [text for text in texts if text.strip()]
    if len(lines) < MIN_LINES:
        return None
    widths = Counter(_width(text) for text in lines)
    # Lines within SLACK columns below each width: SLACK + 1 look-ups per width, not a pass over
    # all widths (long paragraphs give thousands of distinct widths: that was quadratic).
    best, count = max(((width, sum(widths.get(w, 0) for w in range(width - SLACK, width + 1)))
                       for width in widths), key=lambda pair: (pair[1], pair[0]))
    wider = sum(n for w, n in widths.items() if w > best)
    short = len(lines) - count - wider  # paragraph ends: some lines must end early
    full = [text.rstrip() for text in lines if best - SLACK <= _width(text) <= best]
    cut = sum(1 for text in full if text[-1:] not in _SENTENCE_END)  # a wrap cuts sentences
    if not MIN_COLUMNS <= best <= MAX_COLUMNS or count < SHARE * len(lines) or (
            wider > 0.05 * len(lines) or short * 30 < len(lines) or 2 * cut < len(full)):
        return None
    indented = sum(1 for text in lines if text[:1].isspace())
    return Wrap(best, indents=indented >= 0.1 * len(lines))


def wrapped(previous: str, line: str, wrap: Wrap, starts_unit: Callable[[str], bool],
            ordinal: Callable[[str], object]) -> bool:
    """`line` continues `previous` (adjacent source lines) in text wrapped at `wrap`. A line
    starting a unit (heading, salutation, ——dateline) is no continuation, except an ordinal
    after a full line cut mid-sentence (or after ：): the wrap put it at the line start."""
    if _width(previous) < wrap.columns - SLACK:
        return False
    start = line.strip()
    if starts_unit(start) and (not ordinal(start) or previous.rstrip()[-1:] in _SENTENCE_END):
        return False
    return not (wrap.indents and line[:1].isspace())
