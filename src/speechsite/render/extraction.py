"""The 提取记录 box: what extracting a Word, PDF, web or Markdown file took out or put in.

Each `ExtractionRecord` is a row — its kind (页眉, 页码, 网页导航等, 自动编号, 部首字符 …),
where it was in the original (第3页, <div class="crumb">, 第12段), the text dropped, the text
put in, and a note. Together with the 校勘记录 of the text repairs, nothing taken from the
original is silent.
"""

from __future__ import annotations

import re

from ..model import ExtractionRecord, Speech
from ..read.formats import FORMAT_LABELS, KINDS
from .text import escape_plain

EXTRACTION_ID = "extraction"
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def format_label(speech: Speech) -> str:
    """`Word 文档 <code>.docx</code>`: the kind of file, its extension set as code (HTML)."""
    label = FORMAT_LABELS.get(speech.source.format, speech.source.format)
    name, _, extension = label.rpartition(" ")
    return f"{escape_plain(name)} <code>{escape_plain(extension)}</code>" if name else escape_plain(label)


def extraction_rows(speech: Speech) -> tuple[tuple[str, str], ...]:
    """Rows of the provenance panel for an extracted source (none for plain text)."""
    source = speech.source
    if source.format == "txt":
        return ()
    count = len(source.extraction)
    records = (f'<a href="#{EXTRACTION_ID}">{count} 处</a>' if count
               else "0 处（提取时无删改）")
    return (
        ("原格式", f'<span class="source-format" data-format="{escape_plain(source.format)}">'
                  f"{format_label(speech)}</span>"),
        ("提取工具", f'<code class="extractor">{escape_plain(source.extractor)}</code>'),
        ("提取记录", f'<span class="extraction-count" data-records="{count}">{records}</span>'),
    )


def extraction_box(speech: Speech) -> str:
    records = speech.source.extraction
    if not records:
        return ""
    rows = "".join(_row(number, record) for number, record in enumerate(records, start=1))
    return (
        f'<details class="repairs extraction" id="{EXTRACTION_ID}">'
        f"<summary>提取记录（{len(records)} 处）</summary>"
        f'<p class="repairs-note">{_note(speech)}</p>'
        '<table class="repairs-table extraction-table"><thead><tr><th>#</th><th>类型</th>'
        "<th>位置</th><th>行</th><th>删去的内容</th><th>补入的内容</th><th>说明</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


def _note(speech: Speech) -> str:
    if speech.source.format == "txt":
        return (f"原文件为{format_label(speech)}。读取时删去了文中的不可见字符（零宽空格、字连接符、"
                "字节顺序标记：看不见，却会把词语隔断，使检索找不到），每一行都列出；“行”指原文件的行。")
    return (
        f"原文件为{format_label(speech)}，由 "
        f"<code>{escape_plain(speech.source.extractor)}</code> 提取为纯文本。以下为提取时删去的页面内容"
        "（页眉页脚、页码、网页导航、标记等）和补入的内容（自动编号、部首字符的规范写法），"
        "每一处都列出；“行”指提取后纯文本的行。"
    )


def _row(number: int, record: ExtractionRecord) -> str:
    removed = f'<code class="removed">{_visible(record.removed)}</code>' if record.removed else "—"
    added = f'<code class="added">{_visible(record.added)}</code>' if record.added else "—"
    return (
        f'<tr id="x-{number}"><td>{number}</td>'
        f"<td>{escape_plain(KINDS.get(record.kind, record.kind))}</td>"
        f"<td>{_place(record.where)}</td><td>{record.line or '—'}</td>"
        f"<td>{removed}</td><td>{added}</td><td>{escape_plain(record.note)}</td></tr>"
    )


def _place(where: str) -> str:
    """第3页 as text; an element of a web page (`<div class="crumb">`) as code."""
    return f"<code>{escape_plain(where)}</code>" if where.startswith("<") else escape_plain(where)


def _visible(text: str) -> str:
    """Line breaks, tabs and zero-width characters drawn as signs, so the cell shows them."""
    shown = escape_plain(text).replace("\n", "↵").replace("\t", "⇥")
    return _INVISIBLE.sub(lambda found: f"⟨{ord(found.group()):04X}⟩", shown)
