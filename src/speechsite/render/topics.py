"""Topic pages `topics/<slug>/index.md`: every passage on a topic, across all speeches.

`topic_pages` writes the topic pages and the topics index with its heatmap (`topics_index.py`)
in the parts of one `topic_layout`, which `data/topics.json` shares (exports/topics.py). A topic page lists
the passages grouped by speech in corpus order, each an excerpt with its evidence in
`<mark>`, its citation number and a link to the paragraph's anchor on the speech page.
A topic with many passages is split into pages of at most ~PAGE_BYTES, by whole speeches,
so that no page grows past what a browser shows comfortably.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial

from ..annotate.taxonomy import Topic
from ..annotate.topic_stats import Passage, TopicStats
from ..memo import SameObjects
from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.paging import PagedTopic, part_path, split_parts
from ..site.urls import TOPICS, relative_url, speech_page, term_page, topic_feed, topic_page
from ..spans import Mark
from .page_inputs import child_counts, topic_inputs
from .paging import part_pager
from .text import escape_plain, escape_text, front_matter_title, md_heading
from .topics_index import topics_index

# A page part's Markdown and table of contents, in bytes: MkDocs' theme adds about 20 KB of
# HTML, the pagers at most 2 × 1 KB (render/paging.py), so a part stays under 150 KB of HTML.
PAGE_BYTES = 100_000
TOC_ENTRY = 120  # `<li class="md-nav__item"><a href="#speech-…" class="md-nav__link">` …
FULL_TEXT = 160  # passages up to this many characters are shown whole
CONTEXT = 24  # characters of context on each side of the evidence in an excerpt
MAX_WINDOWS = 2  # excerpt windows per passage; further evidence is counted, not shown


def topic_layout(ctx: RenderContext) -> dict[str, PagedTopic]:
    """Every topic's page parts, shared by the topic pages, the topics index and data/topics.json;
    the first part lists fewer passages by as much as the topic's header takes. Under serve a
    topic's parts are kept while its passages are the same objects and its header the same."""
    stats = ctx.topic_stats
    counts = {slug: topic_stat.passage_count for slug, topic_stat in stats.items()}
    layout = {}
    for topic in ctx.taxonomy.topics:
        own = stats[topic.slug]
        inputs = (SameObjects(own.passages), own.related, child_counts(ctx, topic, counts))
        layout[topic.slug] = ctx.kept("layout", topic.slug, inputs, partial(_layout, ctx, topic, own, counts))
    return layout


def _layout(ctx: RenderContext, topic: Topic, stats: TopicStats, counts: dict[str, int]) -> PagedTopic:
    header = _header(ctx, topic, stats, counts, part_path(TOPICS, topic.slug, 0))
    first = PAGE_BYTES - sum(len(line.encode()) + 1 for line in header)
    deepest = part_path(TOPICS, topic.slug, 1)

    def size(group: tuple[Speech, Sequence[Passage]]) -> int:
        # Under serve, kept while the speech and its passages are the same objects: a topic
        # is laid out again when one of its speeches changes, and rendering every other block
        # again only to measure it was a tenth of a rebuild at 10,000 speeches.
        inputs = (SameObjects((group[0], *group[1])),)
        return ctx.kept("block bytes", f"{topic.slug}/{group[0].slug}", inputs, partial(block_bytes, group, deepest))

    return paginate(topic.slug, stats, PAGE_BYTES, first, size)


def topic_pages(ctx: RenderContext, layout: Mapping[str, PagedTopic]) -> Iterator[OutputFile]:
    """The topic pages (each in its parts) and the topics index."""
    stats = ctx.topic_stats
    counts = {slug: topic_stat.passage_count for slug, topic_stat in stats.items()}
    for topic in ctx.taxonomy.topics:
        paged = layout[topic.slug]
        yield from ctx.memoized_files(
            part_path(TOPICS, topic.slug, 0),
            partial(topic_inputs, ctx, topic, stats[topic.slug], counts, paged),
            partial(_topic_files, ctx, topic, stats[topic.slug], counts, paged),
        )
    yield topics_index(ctx, stats, layout)  # also without topics: the nav links it


def paginate(
    slug: str, stats: TopicStats, budget: int = PAGE_BYTES, first: int | None = None,
    size: Callable[[tuple[Speech, Sequence[Passage]]], int] | None = None,
) -> PagedTopic:
    """Split by whole speeches, each part at most `budget` bytes (the first at most `first`)
    by the size of each speech's block as it is rendered (`size`; by default `block_bytes` on a
    later part), so that the split holds whatever the passages hold (an estimate from their
    lengths was off by up to 40 % for a speech of one passage)."""
    deepest = part_path(TOPICS, slug, 1)  # a later part: its links climb one folder more
    measure = size or (lambda group: block_bytes(group, deepest))
    parts = split_parts(list(stats.by_speech()), measure, budget, first)
    part_of = {speech.slug: index for index, part in enumerate(parts) for speech, _ in part}
    return PagedTopic(slug, tuple(tuple(speech for speech, _ in part) for part in parts), part_of)


def block_bytes(group: tuple[Speech, Sequence[Passage]], page: str) -> int:
    """Bytes a speech's block adds to a page part: its Markdown lines and its entry in the
    page's table of contents (MkDocs lists every speech heading beside the passages)."""
    speech, passages = group
    lines = _speech_block(speech, passages, page)
    return sum(len(line.encode()) + 1 for line in lines) + toc_entry_bytes(speech)


def toc_entry_bytes(speech: Speech) -> int:
    """The HTML of a speech heading's entry in the table of contents, at most: the theme's
    markup (about 100 bytes), the anchor and the title."""
    return TOC_ENTRY + len(speech.slug) + len(md_heading(speech.display_title).encode())


def _topic_files(
    ctx: RenderContext,
    topic: Topic,
    stats: TopicStats,
    counts: dict[str, int],
    paged: PagedTopic,
) -> Iterator[OutputFile]:
    groups = dict((speech.slug, passages) for speech, passages in stats.by_speech())
    total = len(paged.parts)
    for index, speeches in enumerate(paged.parts):
        path = part_path(TOPICS, topic.slug, index)
        suffix = "" if index == 0 else f"（第 {index + 1} 页）"
        title = f"{topic.name}{suffix}"
        lines = [front_matter_title(title), "", f"# {md_heading(title)} {{#topic}}", ""]
        if index == 0:
            lines += _header(ctx, topic, stats, counts, path)
        lines += ["## 各篇讲话中的论述 {#passages}", ""]
        if not speeches:
            lines += ['<p class="topic-empty">目前还没有讲话论及这一专题。</p>', ""]
        pager = _pager(topic.slug, index, total, path)
        lines += pager
        for speech in speeches:
            lines += _speech_block(speech, groups[speech.slug], path)
        lines += pager
        yield OutputFile(path, "\n".join(lines) + "\n")


def _header(
    ctx: RenderContext, topic: Topic, stats: TopicStats, counts: dict[str, int], page: str
) -> list[str]:
    lines = []
    if topic.description:
        lines += [f'<p class="topic-description">{escape_plain(topic.description)}</p>', ""]
    facts = [f"<dt>论及的讲话</dt><dd>{stats.speech_count} 篇</dd>"]
    facts.append(f"<dt>段落与标题</dt><dd>{stats.passage_count} 段</dd>")
    parent = ctx.taxonomy.parent_of(topic.slug)
    if parent is not None:
        facts.append(f"<dt>上级专题</dt><dd>{_topic_link(parent, page)}</dd>")
    children = ctx.taxonomy.children(topic.slug)
    if children:
        links = "、".join(
            f"{_topic_link(child, page)}（{counts[child.slug]} 段）" for child in children
        )
        facts.append(f"<dt>下级专题</dt><dd>{links}</dd>")
    facts.append(f"<dt>依据词语</dt><dd>{escape_text('、'.join(topic.keywords))}</dd>")
    if topic.exclude:
        facts.append(f"<dt>不计入的语境</dt><dd>{escape_text('、'.join(topic.exclude))}</dd>")
    index = relative_url(page, f"{TOPICS}/index.md")
    facts.append(f'<dt>全部专题</dt><dd><a href="{escape_plain(index)}">专题索引与热力图</a></dd>')
    feed = relative_url(page, topic_feed(topic.slug))
    facts.append(f'<dt>订阅</dt><dd><a class="feed-link" href="{escape_plain(feed)}">本专题新讲话的 Atom 订阅源</a></dd>')
    lines += [f'<dl class="topic-facts">{"".join(facts)}</dl>', ""]
    lines += _related_topics(ctx, stats, page)
    lines += _related_terms(ctx, topic, page)
    return lines


def _topic_link(topic: Topic, page: str) -> str:
    href = relative_url(page, topic_page(topic.slug))
    return f'<a href="{escape_plain(href)}">{escape_plain(topic.name)}</a>'


def _related_topics(ctx: RenderContext, stats: TopicStats, page: str) -> list[str]:
    items = [
        f'<li>{_topic_link(ctx.taxonomy.get(slug), page)} <span class="count">{count}</span></li>'
        for slug, count in stats.related
        if slug in ctx.taxonomy
    ][:12]
    if not items:
        return []
    note = '<p class="topic-note">同一段落或标题中同时论及的专题，数字为这样的段落数。</p>'
    return [
        "## 相关专题 {#related-topics}",
        "",
        note,
        f'<ul class="topic-related">{"".join(items)}</ul>',
        "",
    ]


def _related_terms(ctx: RenderContext, topic: Topic, page: str) -> list[str]:
    terms = [term for term in ctx.glossary.terms if topic.slug in getattr(term, "topics", ())]
    if not terms:
        return []
    links = "".join(
        f'<li><a href="{escape_plain(relative_url(page, term_page(term.slug)))}">'
        f"{escape_plain(term.term)}</a></li>"
        for term in terms
    )
    return ["## 相关术语 {#related-terms}", "", f'<ul class="topic-terms">{links}</ul>', ""]


def _pager(slug: str, index: int, total: int, page: str) -> list[str]:
    parts = [part_path(TOPICS, slug, part) for part in range(total)]
    return part_pager(page, parts, index, "topic-pager", "分页")


def _speech_block(speech: Speech, passages: Sequence[Passage], page: str) -> list[str]:
    href = escape_plain(relative_url(page, speech_page(speech.slug)))
    title = md_heading(speech.display_title)
    lines = [f"### {title} {{#speech-{speech.slug}}}", ""]
    meta = " · ".join(part for part in (speech.meta.date, speech.meta.place) if part)
    count = f"{len(passages)} 段"
    lines.append(
        f'<p class="topic-speech-meta"><a href="{href}">阅读全文</a> · {count}'
        + (f" · {escape_text(meta)}" if meta else "")
        + "</p>"
    )
    items = "".join(_passage_item(passage, href) for passage in passages)
    return [*lines, f'<ol class="topic-passages">{items}</ol>', ""]


def _passage_item(passage: Passage, speech_href: str) -> str:
    """One passage: citation linked to its anchor, heading badge, excerpt with <mark>s."""
    cite = (
        f'<a class="cite" href="{speech_href}#{escape_plain(passage.unit_id)}">'
        f"{escape_text(passage.citation)}</a>"
    )
    kind = ""
    if passage.heading is not None:
        covers = f"，本节 {passage.covers} 段" if passage.covers else ""
        kind = f'<span class="topic-kind">标题{covers}</span>'
    return (
        f'<li>{cite}{kind}<span class="excerpt">{excerpt(passage.text, passage.marks)}</span></li>'
    )


def excerpt(text: str, marks: Sequence[Mark]) -> str:
    """HTML of `text` (whole if short, else windows around the evidence) with marks in <mark>."""
    spans = sorted({(m.start, m.end) for m in marks if 0 <= m.start < m.end <= len(text)})
    if len(text) <= FULL_TEXT:
        windows = [(0, len(text))]
    elif not spans:
        windows = [(0, FULL_TEXT)]
    else:
        windows = _windows(spans[:MAX_WINDOWS], len(text))
    parts: list[str] = []
    for start, end in windows:
        if start > 0:
            parts.append("…")
        parts.append(_highlight(text, start, end, spans))
    if windows[-1][1] < len(text):
        parts.append("…")
    shown_end = windows[-1][1]
    hidden = [text[start:end] for start, end in spans if end > shown_end]
    if hidden:
        words = escape_text("、".join(dict.fromkeys(hidden)))
        parts.append(f'<span class="topic-more">（另有 {len(hidden)} 次：{words}）</span>')
    return "".join(parts)


def _windows(spans: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - CONTEXT), min(size, end + CONTEXT)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _highlight(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """Escaped text[start:end] with every evidence span inside it wrapped in <mark>."""
    parts: list[str] = []
    position = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if e <= s or s < position:
            continue
        parts.append(escape_text(text[position:s]))
        parts.append(f"<mark>{escape_text(text[s:e])}</mark>")
        position = e
    parts.append(escape_text(text[position:end]))
    return "".join(parts)
