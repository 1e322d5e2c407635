"""The metadata panel at the top of a speech page.

Fields the speech does not give are not a row each of 未注明: they share one row,
`未注明：地点、讲话人、出处`, after the fields that are known.
"""

from __future__ import annotations

from ..model import Speech
from ..site.urls import relative_file, source_copy
from .labels import INFERRED_TITLE, format_date, level_label
from .text import escape_plain, escape_text

INFERRED_BADGE = f'<span class="inferred" title="{INFERRED_TITLE}">推断</span>'


def meta_panel(speech: Speech, page: str, with_source: bool) -> str:
    meta = speech.meta
    speaker = " ".join(part for part in (meta.role, meta.speaker) if part) or None
    rows = [
        ("日期", "date", format_date(meta.date) if meta.date else None),
        ("层级", "level", level_label(meta.level) if meta.level else None),
        ("地点", "place", meta.place),
        ("会议", "meeting", meta.meeting),
        ("讲话人", "speaker", speaker),
        ("出处", "source", meta.source),
    ]
    items = [_row(label, value, meta.is_inferred(name)) for label, name, value in rows if value is not None]
    missing = [label for label, _, value in rows if value is None]
    if missing:
        items.append(f'<dt>未注明</dt><dd class="missing">{"、".join(missing)}</dd>')
    if meta.tags:
        items.append(f"<dt>标签</dt><dd>{'、'.join(escape_text(tag) for tag in meta.tags)}</dd>")
    items.append(f"<dt>原文文件</dt><dd>{_source_file(speech, page, with_source)}</dd>")
    items.append(f"<dt>字数</dt><dd>{speech.char_count()}</dd>")
    return f'<dl class="speech-meta">{"".join(items)}</dl>'


def _row(label: str, value: str, inferred: bool) -> str:
    badge = f" {INFERRED_BADGE}" if inferred else ""
    return f"<dt>{label}</dt><dd>{escape_text(value)}{badge}</dd>"


def _source_file(speech: Speech, page: str, with_source: bool) -> str:
    name = escape_plain(speech.source.path)
    if not with_source:
        return f"<code>{name}</code>"
    href = escape_plain(relative_file(page, source_copy(speech.source.path)))
    return f'<a class="source-file" href="{href}"><code>{name}</code></a>'
