"""Markdown (.md): a speech exported as Markdown, its markup taken off and recorded.

Markup is what Markdown draws and the speaker never said: heading marks (`## `), emphasis
around a phrase (`**一要提高政治站位。**`), list bullets, quote marks (`> `), rules, link
targets, images, HTML comments, code fences, backslash escapes. Redaction marks are text:
`***`, `**%`, `*还要做重要讲话` — a `*` counts as emphasis only in pairs that open after a
space, a line start or an opening bracket, close before the line ends and hold no other `*`
(Chinese text has no space before a redacted name, so its stars never pair up).

Lines keep their numbers: a removed line stays as an empty line, and a paragraph that an
exporter hard-wrapped (pandoc wraps at 72 columns) is joined onto its first line, followed by
as many empty lines as were joined. Line numbers in warnings therefore match the `.md` file.
YAML front matter at the top is kept as it is (the pipeline reads it as for a `.txt`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import ExtractionRecord
from ..sources import decode_bytes
from . import Extracted, library_version

_FENCE = re.compile(r"(?:```|~~~)[^`]*")
_FRONT_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S+.*")
_BLOCK_PREFIX = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]+|$)|(?:>[ \t]?)+|[-+*][ \t]+)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(
    r"(?:(?<=^)|(?<=\s))(\*\*|__|\*|_)(?=[^\s*_])([^*_\n]{0,200}?[^\s*_])\1(?![*_])"
)
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
# A character every inline pattern above needs (an escape and a hard break: the backslash).
_INLINE_MARKUP = re.compile(r"[<\[*_`\\]")
_WRAP_MIN_WIDTH, _WRAP_SLACK = 40, 6
_EXTRACTOR = library_version("speechsite")  # read from the installed metadata once, not per file


@dataclass
class _Line:
    number: int
    text: str
    removed: list[str]


def extract(data: bytes, file: str) -> Extracted:
    text, encoding = decode_bytes(data, file)
    lines = [_Line(number, line, []) for number, line in enumerate(text.split("\n"), start=1)]
    body_start = _front_matter_end(lines)
    _strip_blocks(lines[body_start:])
    joined = _join_wrapped(lines[body_start:])  # before inline markup: `**…**` may be wrapped
    for line in lines[body_start:]:
        line.text = _strip_inline(line.text, line.removed)
    records = [
        ExtractionRecord("markup", f"第{line.number}行", "".join(line.removed), line=line.number,
                         note="、".join(dict.fromkeys(_names(line.removed))))
        for line in lines if line.removed
    ]
    if joined:
        records.append(ExtractionRecord(
            "line-join", f"{len(joined)} 段", line=joined[0],
            note="导出时按固定宽度折行的段落已合并为一行（Markdown 的软换行）"))
    return Extracted("\n".join(line.text for line in lines), encoding, _EXTRACTOR,
                     tuple(records), front_matter=True)


def _front_matter_end(lines: list[_Line]) -> int:
    if not lines or lines[0].text != "---":
        return 0
    for index in range(1, len(lines)):
        if _FRONT_FENCE.fullmatch(lines[index].text):
            return index + 1
    return 0


def _strip_blocks(lines: list[_Line]) -> None:
    """Line-level markup: fences, rules, setext underlines, references, heading marks,
    quotes and bullets."""
    previous_text = False
    for line in lines:
        text = line.text
        if _FENCE.fullmatch(text.strip()) or _REFERENCE.fullmatch(text) or previous_text and _SETEXT.fullmatch(text) and text.strip() or _RULE.fullmatch(text):
            _take_all(line)
        else:
            prefix = _BLOCK_PREFIX.match(text)
            if prefix and prefix.end():
                line.removed.append(text[:prefix.end()].strip())
                text = text[prefix.end():]
                if prefix.group(0).lstrip().startswith("#"):
                    closing = _CLOSING_HASHES.search(text)
                    if closing:
                        line.removed.append(closing.group(0).strip())
                        text = text[:closing.start()]
            line.text = text
        previous_text = bool(line.text.strip())


def _take_all(line: _Line) -> None:
    line.removed.append(line.text.strip())
    line.text = ""


def _strip_inline(text: str, removed: list[str]) -> str:
    if not _INLINE_MARKUP.search(text):
        return text  # most lines of a long document hold no inline markup at all
    def keep(pattern: re.Pattern[str], text: str, group: int) -> str:
        def replace(match: re.Match[str]) -> str:
            kept = match.group(group) if group else ""
            whole = match.group(0)
            removed.append(whole.replace(kept, "", 1) if kept else whole)
            return kept
        return pattern.sub(replace, text)

    text = keep(_COMMENT, text, 0)
    text = keep(_IMAGE, text, 0)
    text = keep(_LINK, text, 1)
    text = keep(_AUTOLINK, text, 1)
    while True:  # nested emphasis (***x***) comes off one pair at a time
        stripped = keep(_EMPHASIS, text, 2)
        if stripped == text:
            break
        text = stripped
    if text.count("`") >= 2:
        text = keep(_CODE, text, 0)
    text = keep(_ESCAPE, text, 1)
    hard_break = _HARD_BREAK.search(text)
    if hard_break and hard_break.group(0) == "\\":
        removed.append("\\")
        text = text[:-1]
    return text


def _join_wrapped(lines: list[_Line]) -> list[int]:
    """Join the lines of each hard-wrapped paragraph; returns the line numbers joined onto."""
    joined = []
    for block in _blocks(lines):
        if _is_wrapped(block):
            first = block[0]
            for line in block[1:]:
                first.text = _joined(first.text, line.text.strip())
                line.text = ""
            joined.append(first.number)
    return joined


def _blocks(lines: list[_Line]) -> Iterator[list[_Line]]:
    block: list[_Line] = []
    for line in lines:
        if line.text.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _is_wrapped(block: list[_Line]) -> bool:
    """Several lines, all but the last about equally wide: an exporter's fixed-width wrap
    (lines of a speech typed one paragraph per line vary in length)."""
    if len(block) < 2 or any(_HARD_BREAK.search(line.text) for line in block[:-1]):
        return False
    widths = [_width(line.text.strip()) for line in block[:-1]]
    return min(widths) >= max(widths) - _WRAP_SLACK and max(widths) >= _WRAP_MIN_WIDTH


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _joined(text: str, piece: str) -> str:
    """Markdown's soft line break: a space between Latin words, nothing in Chinese."""
    if text[-1:].isascii() and piece[:1].isascii() and text[-1:].isalnum() and piece[:1].isalnum():
        return f"{text} {piece}"
    return text + piece


def _names(removed: list[str]) -> Iterator[str]:
    for piece in removed:
        if piece.startswith("#"):
            yield "标题标记"
        elif piece.startswith("<!--"):
            yield "注释"
        elif piece.startswith("!["):
            yield "图片"
        elif piece.startswith(("[", "<")) or "](" in piece:
            yield "链接"
        elif piece.strip("*_") == "":
            yield "强调标记"
        elif piece.startswith(">"):
            yield "引用标记"
        elif piece in ("-", "+"):
            yield "列表符号"
        else:
            yield "其他标记"
