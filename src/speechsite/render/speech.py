"""Speech pages: `speeches/<slug>/index.md`, one per speech.

Headings are Markdown headings with explicit ids (so they reach the table of contents);
everything else is raw HTML built from escaped text. Python-Markdown passes raw HTML
blocks through untouched, so no source character can turn into markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from ..model import Paragraph, Section, Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import original_copy, relative_file, source_copy, speech_page
from ..spans import Mark
from .chips import topic_chips
from .extraction import extraction_box, format_label
from .labels import INFERRED_TITLE
from .meta import meta_panel
from .provenance import citation_meta, provenance_panel
from .repairs import repair_places, repair_refs, repairs_box, repairs_by_unit
from .reuse_marks import reuse_marker, reuse_source
from .text import (
    REDACTION,
    escape_plain,
    escape_text,
    front_matter_text,
    front_matter_title,
    linked_terms,
    md_heading_piece,
    redaction_span,
    render_inline,
    term_link,
)

TITLE_ID = "title"


def with_citation_meta(front_matter: str, citation: dict[str, str]) -> str:
    """The page's front matter plus `citation:`, which templates/main.html prints as Highwire
    `<meta name="citation_…">` tags (what Zotero and Google Scholar read)."""
    lines = "".join(f"\n  {name}: {front_matter_text(value)}" for name, value in citation.items())
    # The left column would stand empty (speech pages are not in the nav): hidden, the text and
    # the outline at the right (table of contents) get its room. Phones keep the menu drawer.
    return front_matter.removesuffix("\n---") + f"\nhide:\n  - navigation\ncitation:{lines}\n---"


def speech_pages(ctx: RenderContext) -> Iterator[OutputFile]:
    for speech in ctx.corpus.speeches:
        path = speech_page(speech.slug)
        made = ctx.memoized(path, partial(page_inputs, speech, ctx), partial(render_speech, speech, ctx))
        yield OutputFile(path, made)


def page_inputs(speech: Speech, ctx: RenderContext) -> tuple[object, ...]:
    """What a speech page is made from besides the taxonomy, glossary and site URL: the speech,
    its annotations and, for each paragraph, the sentences it shares and with how many speeches."""
    slug, reuse = speech.slug, ctx.reuse
    shared = tuple((reuse.shared_spans(slug, p.id), reuse.others(slug, p.id)) for p in speech.all_paragraphs())
    return (speech, ctx.annotations.speech_units(slug), slug in reuse.sharing_speeches, shared)


APPENDIX_ID = "appendix"


def render_speech(speech: Speech, ctx: RenderContext) -> str:
    page = _Page(speech, ctx)
    return "\n\n".join(block for block in page.blocks() if block) + "\n"


def heading_markdown(text: str) -> str:
    """Heading text for Markdown: punctuation neutralised, redaction marks styled."""
    return _heading_piece(text).strip()


def linked_heading(text: str, marks: Sequence[Mark], ctx: RenderContext, page: str) -> str:
    """`_heading_piece` with the first occurrence of each glossary term linked, as in a paragraph."""
    parts: list[str] = []
    last = 0
    for mark, title in linked_terms(marks, ctx):
        parts.append(_heading_piece(text[last : mark.start]))
        parts.append(term_link(mark.key, title, page, _heading_piece(text[mark.start : mark.end])))
        last = mark.end
    parts.append(_heading_piece(text[last:]))
    return "".join(parts)


def _heading_piece(text: str) -> str:
    parts: list[str] = []
    last = 0
    for match in REDACTION.finditer(text):
        parts.append(md_heading_piece(text[last : match.start()]))
        parts.append(redaction_span(match.group()))
        last = match.end()
    parts.append(md_heading_piece(text[last:]))
    return "".join(parts)


class _Page:
    """One speech page being written; holds what every block needs."""

    def __init__(self, speech: Speech, ctx: RenderContext) -> None:
        self.speech = speech
        self.ctx = ctx
        self.path = speech_page(speech.slug)
        self.places = repair_places(speech)
        self.refs: Mapping[str, list[int]] = repairs_by_unit(self.places)

    def blocks(self) -> Iterator[str]:
        speech = self.speech
        yield with_citation_meta(front_matter_title(speech.display_title), citation_meta(speech, self.ctx))
        yield f"# {heading_markdown(speech.display_title)} {{#{TITLE_ID}}}"
        if speech.title_is_missing:
            yield '<p class="title-note"><span class="inferred">无标题</span> 原文没有标题行，也无法由正文推断标题。</p>'
        elif speech.title_is_inferred:
            yield (
                f'<p class="title-note"><span class="inferred" title="{INFERRED_TITLE}">推断标题</span> '
                "原文没有标题行，此标题由正文推断。</p>"
            )
        yield meta_panel(speech, self.path, with_source=self.ctx.sources is not None)
        chips = topic_chips(self.ctx.annotations.speech_topics(speech), self.ctx, self.path, "speech-topics")
        if chips:
            yield f'<p class="topics-line"><span class="topics-label">专题</span>{chips}</p>'
        yield from self._front()
        yield from (self._paragraph(paragraph) for paragraph in speech.opening)
        for section in speech.sections:
            yield from self._section(section)
        yield from (self._paragraph(paragraph) for paragraph in speech.closing)
        yield self._appendix()
        yield reuse_source(speech.slug, self.ctx.reuse, self.path)
        yield provenance_panel(speech, self.ctx)
        yield repairs_box(speech, self.places)
        yield extraction_box(speech)
        yield self._source_link()

    def _front(self) -> Iterator[str]:
        speech = self.speech
        if speech.title and speech.title != speech.display_title:
            yield f'<p class="source-title">{escape_text(speech.title)}</p>'
        for line in speech.front:
            yield f'<p class="front front-{escape_plain(line.kind)}">{escape_text(line.text)}</p>'
        if speech.salutation:
            yield f'<p class="salutation">{escape_text(speech.salutation)}</p>'

    def _section(self, section: Section) -> Iterator[str]:
        hashes = "#" * min(section.level + 1, 6)
        unit = self.ctx.annotations.of(self.speech.slug, section.id)
        # Marks index the heading's text without its marker (一、) and terminator.
        linked = linked_heading(section.heading, unit.marks, self.ctx, self.path)
        heading = (_heading_piece(section.marker) + linked + _heading_piece(section.terminator)).strip()
        yield f"{hashes} {heading} {{#{escape_plain(section.id)}}}"
        extras = topic_chips(unit.own_topics, self.ctx, self.path, "section-topics")
        extras += repair_refs(self.refs.get(section.id, []))
        if extras:
            yield f'<p class="section-extras">{extras}</p>'
        yield from (self._paragraph(paragraph) for paragraph in section.paragraphs)
        for sub in section.subsections:
            yield from self._section(sub)

    def _paragraph(self, paragraph: Paragraph) -> str:
        anchor = escape_plain(paragraph.id)
        unit = self.ctx.annotations.of(self.speech.slug, paragraph.id)
        reused = self.ctx.reuse.shared_spans(self.speech.slug, paragraph.id)
        text = render_inline(paragraph.text, unit.marks, self.ctx, self.path, reused)
        extras = topic_chips(unit.own_topics, self.ctx, self.path, "para-topics")
        extras += repair_refs(self.refs.get(paragraph.id, []))
        extras += reuse_marker(self.ctx.reuse.others(self.speech.slug, paragraph.id), self.path)
        return (
            f'<p class="para" id="{anchor}"><a class="cite" href="#{anchor}" title="引用编号">'
            f'{escape_plain(paragraph.citation)}</a> <span class="text">{text}</span>{extras}</p>'
        )

    def _appendix(self) -> str:
        """Notes and trailers after the speech (注释, 原载…): shown apart from the speech."""
        if not self.speech.appendix:
            return ""
        paragraphs = "".join(self._paragraph(paragraph) for paragraph in self.speech.appendix)
        return (f'<section class="appendix" aria-labelledby="{APPENDIX_ID}">'
                f'<h2 class="appendix-title" id="{APPENDIX_ID}">附注</h2>{paragraphs}</section>')

    def _source_link(self) -> str:
        if self.ctx.sources is None:
            return ""
        source = self.speech.source
        href = escape_plain(relative_file(self.path, source_copy(source.path)))
        original = original_copy(source.path, source.format)
        if original is None:
            links = f'<a href="{href}">查看原始文本（纯文本）</a>'
        else:
            original_href = escape_plain(relative_file(self.path, original))
            links = (f'<a class="original-file" href="{original_href}">下载原始文件'
                     f"（{format_label(self.speech)}）</a> · "
                     f'<a href="{href}">查看提取的纯文本</a>')
        return (
            f'<p class="source-link">{links} '
            f'<span class="sha256" title="原文件 SHA-256">{source.sha256[:12]}</span></p>'
        )
