"""Dates as speeches write them, read into ISO dates the corpus schema accepts.

`2023年3月2日`, full-width `２０１８年３月５日` and Chinese numerals `一九九二年五月十六日`,
`二〇二三年十二月三十一日` (〇, ○ or 零 for zero) give `YYYY-MM-DD`; a month or a year alone gives
`YYYY-MM` or `YYYY`. A day the month does not have is dropped (2023年2月30日 → 2023-02), a month
over 12 leaves the year.
"""

from __future__ import annotations

import calendar
import re

from ..markers import cn_number

_YEAR_DIGITS = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                              **{c: str(i) for i, c in enumerate("〇一二三四五六七八九")},
                              "○": "0", "零": "0", "Ｏ": "0"})
_NUMBER = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
DATE = re.compile(
    rf"(?P<year>[0-9０-９]{{4}}|[〇○零Ｏ一二三四五六七八九]{{4}})年"
    rf"(?:(?P<month>{_NUMBER})月(?:(?P<day>{_NUMBER})日)?)?"
)


def _number(text: str) -> int:
    digits = text.translate(_YEAR_DIGITS)
    return int(digits) if digits.isdigit() else cn_number(text)


def iso_date(text: str) -> str | None:
    """The first date in `text` as ISO (YYYY-MM-DD, YYYY-MM or YYYY), or None (a year outside
    1900–2100 is no date of a speech: 五千年文明)."""
    match = DATE.search(text)
    if match is None:
        return None
    year = match.group("year").translate(_YEAR_DIGITS)
    if not 1900 <= int(year) <= 2100:
        return None
    if not match.group("month"):
        return year
    month = _number(match.group("month"))
    if not 1 <= month <= 12:
        return year
    day = _number(match.group("day")) if match.group("day") else 0
    if not 1 <= day <= calendar.monthrange(int(year), month)[1]:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"
