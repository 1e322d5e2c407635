"""The provenance panel at the foot of a speech page: where the text came from and what
was done to it — source file (for a Word, PDF, web or Markdown file also its format, the
extractor and its version, and the number of extraction records), SHA-256 of its bytes,
encoding read, number of repairs
(linked to the 校勘记录 box), and which metadata was given and which inferred.

The panel also carries the speech-level citation data (`data-cite-*`) that `cite.js`
combines with a paragraph's section and citation number into a ready citation.
"""

from __future__ import annotations

from ..model import Speech
from ..site.context import RenderContext
from ..site.urls import html_path, speech_page
from .extraction import extraction_rows
from .labels import format_date, level_label
from .repairs import REPAIRS_ID
from .text import escape_plain

PROVENANCE_ID = "provenance"
FIELDS = (
    ("title", "标题"),
    ("date", "日期"),
    ("level", "层级"),
    ("place", "地点"),
    ("meeting", "会议"),
    ("speaker", "讲话人"),
    ("role", "职务"),
    ("source", "出处"),
)
GIVEN, FROM_TEXT, INFERRED, MISSING = "given", "text", "inferred", "missing"
STATUS_LABELS = {
    GIVEN: "元数据给出",
    FROM_TEXT: "取自原文标题行",
    INFERRED: "由正文推断",
    MISSING: "未注明",
}


def provenance_panel(speech: Speech, ctx: RenderContext) -> str:
    source = speech.source
    repairs = len(speech.repairs)
    repairs_cell = f'<a href="#{REPAIRS_ID}">{repairs} 处</a>' if repairs else "0 处（原文无需清理）"
    rows = (
        ("原文件", f'<code class="source-path">{escape_plain(source.path)}</code>（{source.size} 字节）'),
        *extraction_rows(speech),
        ("SHA-256", f'<code class="sha256" data-sha256="{escape_plain(source.sha256)}">{escape_plain(source.sha256)}</code>'),
        ("读取编码", f'<code class="encoding">{escape_plain(source.encoding)}</code>'),
        ("校勘", f'<span class="repair-count" data-repairs="{repairs}">{repairs_cell}</span>'),
        ("元数据", _metadata_sources(speech)),
    )
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return (
        f'<p class="provenance-title" id="{PROVENANCE_ID}">来源与校勘</p>'
        f'<dl class="provenance" {citation_attributes(speech, ctx)}>{items}</dl>'
    )


def field_status(speech: Speech, name: str) -> str:
    """Where a metadata field's value came from: given, the text's title line, inferred, missing."""
    meta = speech.meta
    if name == "title":
        if meta.title and not meta.is_inferred("title"):
            return GIVEN
        if speech.title and speech.display_title == speech.title:
            return FROM_TEXT  # the text's own title line (recorded as inferred by the reader)
        return INFERRED if meta.title else MISSING
    if getattr(meta, name) is None:
        return MISSING
    return INFERRED if meta.is_inferred(name) else GIVEN


def _metadata_sources(speech: Speech) -> str:
    groups: dict[str, list[str]] = {}
    for name, label in FIELDS:
        groups.setdefault(field_status(speech, name), []).append(f'<span data-field="{name}">{label}</span>')
    parts = [
        f'<span class="meta-status" data-status="{status}">{STATUS_LABELS[status]}：{"、".join(groups[status])}</span>'
        for status in (GIVEN, FROM_TEXT, INFERRED, MISSING)
        if status in groups
    ]
    return "；".join(parts)


def citation_attributes(speech: Speech, ctx: RenderContext) -> str:
    """Speech-level citation data for cite.js; the URL only when the site's address is known."""
    meta = speech.meta
    speaker = " ".join(part for part in (meta.role, meta.speaker) if part)
    values = {
        "data-cite-title": speech.display_title,
        "data-cite-date": format_date(meta.date) if meta.date else "",
        "data-cite-level": level_label(meta.level) if meta.level else "",
        "data-cite-place": meta.place or "",
        "data-cite-speaker": speaker,
        "data-cite-url": citation_base_url(speech, ctx.site_url),
        "data-cite-id": speech.slug,
        "data-cite-iso": meta.date or "",
        "data-cite-author": meta.speaker or "",
        "data-cite-meeting": meta.meeting or "",
    }
    return " ".join(f'{name}="{escape_plain(value)}"' for name, value in values.items())


def citation_meta(speech: Speech, ctx: RenderContext) -> dict[str, str]:
    """Highwire Press `citation_*` fields of a speech page (without the prefix), as Zotero's
    embedded-metadata reader takes them: title, speaker, date (YYYY/MM/DD), the place as
    publisher, the meeting, the page's address when the site's is known, the language."""
    meta = speech.meta
    fields = {
        "title": speech.display_title,
        "author": meta.speaker or "",
        "date": (meta.date or "").replace("-", "/"),
        "publisher": meta.place or "",
        "conference_title": meta.meeting or "",
        "public_url": citation_base_url(speech, ctx.site_url),
        "language": "zh",
    }
    return {name: value for name, value in fields.items() if value}


def citation_base_url(speech: Speech, site_url: str) -> str:
    if not site_url:
        return ""
    return f"{site_url.rstrip('/')}/{html_path(speech_page(speech.slug))}"
