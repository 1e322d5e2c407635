"""The one place where source text becomes HTML or Markdown.

Every character that comes from a source goes through `escape_text` (raw-HTML context),
`render_inline` (a paragraph with its glossary links) or `md_heading` (a Markdown
heading). Source text is text: `*` and `XX` are redaction marks, `<script>` is eight
characters, `[x](…)` is not a link.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..site.urls import relative_url, term_page
from ..spans import Mark

REDACTION_TITLE = "原文此处已隐去（脱敏）"

# Runs of * / ＊, and runs of two or more X / Ｘ that are not part of a Latin word (XXL, TAXX).
REDACTION = re.compile(r"[*＊]+|(?<![A-Za-zＡ-Ｚａ-ｚ])[XＸ]{2,}(?![A-Za-zＡ-Ｚａ-ｚ])")

# HTML's five, plus characters that mean something to Markdown, its extensions or templates,
# so escaped text stays inert even if it ever lands outside a raw-HTML block.
_HTML_SENSITIVE = "&<>\"'*_`[]{}$|#~=\\!:^"
# C0 controls too: Python-Markdown uses \x02/\x03 as placeholder markers and would eat them,
# expands tabs, and a blank line would end a raw-HTML block (so line breaks become &#10;).
_CONTROLS = "".join(chr(i) for i in range(1, 32))
_HTML_REFS = {c: f"&#{ord(c)};" for c in _HTML_SENSITIVE + _CONTROLS}
# A regex finds the few sensitive characters ~10x faster than str.translate walks Chinese text.
_HTML_CHARS = re.compile("[" + re.escape(_HTML_SENSITIVE + _CONTROLS) + "]")
# One pass over a text finds both: redaction marks first (`*` is also HTML-sensitive).
_TEXT_SPECIALS = re.compile(f"(?P<redaction>{REDACTION.pattern})|{_HTML_CHARS.pattern}")
# In a Markdown heading: ASCII punctuation and C0 controls (Python-Markdown's \x02/\x03
# placeholder markers among them) as references; a line break or tab becomes a space.
_HEADING_REFS = {c: f"&#{ord(c)};" for c in string.punctuation + _CONTROLS} | dict.fromkeys(
    "\n\r\t", " "
)
_HEADING_CHARS = re.compile("[" + re.escape("".join(_HEADING_REFS)) + "]")


# What a YAML double-quoted scalar cannot hold as it is: PyYAML refuses DEL, C1 controls and
# U+FFFE/U+FFFF (MkDocs then drops the whole front matter and prints it as text), folds NEL,
# LS and PS as line breaks, and a lone surrogate cannot be written: all become \uXXXX escapes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def escape_plain(text: str) -> str:
    """Escape text for HTML content or a double-quoted attribute, without redaction styling."""
    return _HTML_CHARS.sub(_reference, text)


def _reference(match: re.Match[str]) -> str:
    return _HTML_REFS[match.group()]


def escape_text(text: str) -> str:
    """Source text as HTML: every sensitive character escaped, redaction marks styled."""
    return _TEXT_SPECIALS.sub(_escape_special, text)


def _escape_special(match: re.Match[str]) -> str:
    special = match.group()
    return redaction_span(special) if match.lastgroup == "redaction" else _HTML_REFS[special]


def redaction_span(mark: str) -> str:
    return f'<span class="redaction" title="{REDACTION_TITLE}">{escape_plain(mark)}</span>'


def md_heading(text: str) -> str:
    """Source text safe inside a Markdown heading: every ASCII punctuation character (and
    `<>&`) becomes a numeric character reference, so no Markdown or extension syntax fires."""
    return md_heading_piece(text).strip()


def md_heading_piece(text: str) -> str:
    """`md_heading` for a stretch inside a heading: surrounding spaces are kept."""
    return _HEADING_CHARS.sub(lambda match: _HEADING_REFS[match.group()], text)


def front_matter_title(title: str) -> str:
    """A page's `title:` front matter, for every page whose title comes from a source, the
    metadata or a data file. Without it MkDocs takes the title from the H1 and un-escapes it,
    and Material prints it into <title> and the header as it is (`</title><script>` runs). So
    the title goes in already HTML-escaped, as a JSON (= YAML) quoted string whose characters
    YAML cannot hold are escaped."""
    return f"---\ntitle: {front_matter_text(title)}\n---"


def front_matter_text(text: str) -> str:
    """Text as a front-matter value that templates print as it is: HTML-escaped, then a JSON
    (= YAML) quoted string whose characters YAML cannot hold are escaped."""
    quoted = json.dumps(escape_plain(text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(_yaml_escape, quoted)


def _yaml_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class TermLookup(Protocol):
    """What `render_inline` needs to link a term: its short definition, or None if unknown."""

    def term_title(self, slug: str) -> str | None: ...


def render_inline(
    text: str,
    marks: Sequence[Mark],
    terms: TermLookup,
    page: str,
    highlights: Sequence[tuple[int, int]] = (),
) -> str:
    """A paragraph's text as HTML, with the first occurrence of each glossary term linked.

    `marks` index `text`; only marks of kind "term" are used (topics become chips, not
    highlights). Links never nest or overlap: an earlier, then longer, mark wins.
    `page` is the site path of the page the text appears on, for relative links.
    `highlights` (sorted, disjoint spans) are wrapped in `<span class="reused">` — text shared
    with other speeches; a term link that starts inside one is wrapped whole.
    """
    plain = _Highlighter(text, highlights)
    parts: list[str] = []
    last = 0
    for mark, title in linked_terms(marks, terms):
        parts.append(plain.html(last, mark.start))
        link = term_link(mark.key, title, page, escape_text(text[mark.start : mark.end]))
        parts.append(plain.wrap(link) if plain.inside(mark.start) else link)
        last = mark.end
    parts.append(plain.html(last, len(text)))
    return "".join(parts)


def term_link(slug: str, title: str, page: str, inner_html: str) -> str:
    href = relative_url(page, term_page(slug))
    return f'<a class="term" href="{escape_plain(href)}" title="{escape_plain(title)}">{inner_html}</a>'


class _Highlighter:
    """Escaped stretches of a text with its highlighted spans wrapped."""

    OPEN, CLOSE = '<span class="reused">', "</span>"

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans

    def inside(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.spans)

    def wrap(self, html: str) -> str:
        return f"{self.OPEN}{html}{self.CLOSE}"

    def html(self, start: int, end: int) -> str:
        parts: list[str] = []
        at = start
        for span_start, span_end in self.spans:
            a, b = max(span_start, start), min(span_end, end)
            if a >= b:
                continue
            parts.append(escape_text(self.text[at:a]))
            parts.append(self.wrap(escape_text(self.text[a:b])))
            at = b
        parts.append(escape_text(self.text[at:end]))
        return "".join(parts)


def linked_terms(marks: Iterable[Mark], terms: TermLookup) -> list[tuple[Mark, str]]:
    """The term marks to link, with their tooltips: the first of each term, none overlapping."""
    chosen: list[tuple[Mark, str]] = []
    seen: set[str] = set()
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, m.key)):
        if mark.kind != "term" or mark.key in seen or mark.start < end or mark.end <= mark.start:
            continue
        title = terms.term_title(mark.key)
        if title is None:
            continue
        chosen.append((mark, title))
        seen.add(mark.key)
        end = mark.end
    return chosen

