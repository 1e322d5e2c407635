"""A web page saved under a .txt name: read as the web page it is, with a warning.

`looks_like_html` decides from evidence — a `<!DOCTYPE html>`/`<html>` start, or block tags on
many of the lines — so a speech that quotes `<p>` once stays text. Such a file then goes
through the web-page reader (read/formats/web.py): the article's text is kept, scripts,
styles, navigation and markup are left out and recorded, and the warning names the file.
"""

from __future__ import annotations

import re

from ..model import Diagnostic

_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<!doctype\s+html)", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|span|h[1-6]|li|ul|ol|table|tr|td|strong|b|font|section|article|body)"
                  r"(?:\s[^<>]*)?/?>", re.IGNORECASE)
_SAMPLE = 50000


def looks_like_html(text: str) -> bool:
    """A saved web page rather than a speech that mentions a tag."""
    if _START.match(text[:500]):
        return True
    lines = [line for line in text[:_SAMPLE].split("\n") if line.strip()]
    tagged = sum(1 for line in lines if _TAG.search(line))
    return tagged >= 5 and tagged * 3 >= len(lines)


def saved_page_warning(file: str) -> Diagnostic:
    return Diagnostic(
        "warning", file, 1,
        "the file is a saved web page (HTML): its text was taken out of the markup",
        "save the page as plain text (or copy its text into the file) to publish exactly what "
        "you see; the page's 提取记录 lists what was left out")
