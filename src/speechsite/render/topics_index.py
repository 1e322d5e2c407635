"""The topics index `topics/index.md`: the taxonomy tree with counts and a heatmap.

The heatmap is a plain HTML table (speech × topic, passages in each cell, each non-empty
cell a link to that speech's passages on the topic page). Shades are CSS classes h1…h5
drawn with Material's colour variables (topics.css), so it reads in light and dark mode
and needs no script; wider than the page it scrolls inside its frame, the speech names stay
put, and layout.js shades the edge with more columns and says so in a line of text. Past MAX_ROWS speeches (or
HEATMAP_BYTES of rows) only the speeches with the most topic passages are drawn, with a
note, so the page stays small at any number of speeches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..annotate.taxonomy import Topic
from ..annotate.topic_stats import TopicStats
from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.paging import PagedTopic
from ..site.urls import TOPICS, relative_url, speech_page, topic_page
from .text import escape_plain, escape_text

INDEX = f"{TOPICS}/index.md"
MAX_ROWS = 60
# The heatmap's rows, in bytes: the more topics the drawn speeches touch, the more cells hold a
# link (at 2,000 speeches 679 of 60 × 18, at 10,000 777: 110 and 124 KB of rows); the rows
# stop here so that the page with the theme (about 25 KB) stays under 150 KB of HTML.
HEATMAP_BYTES = 115_000
LEVELS = 5


# No taxonomy, or one that could not be read (the build named its line in a warning).
NO_TOPICS = (
    "# 专题 {#topics}\n\n"
    '<p class="topic-description">本站尚未定义专题：专题表 <code>taxonomy.yml</code> 不存在或有误'
    "（构建时的警告写明了出错的行）。修正后重新构建，这里将列出全部专题。</p>\n"
)


def topics_index(
    ctx: RenderContext, stats: Mapping[str, TopicStats], layout: Mapping[str, PagedTopic]
) -> OutputFile:
    if not ctx.taxonomy.topics:
        return OutputFile(INDEX, NO_TOPICS)
    lines = [
        # No left column: the nav would list this page alone, and the heatmap needs the width.
        "---\nhide:\n  - navigation\n---",
        "",
        "# 专题 {#topics}",
        "",
        '<p class="topic-description">按专题浏览全部讲话：每个专题页列出论及它的全部段落和标题，'
        "按讲话分组、依原文顺序排列，并标出依据词语。</p>",
        "",
        "## 专题一览 {#tree}",
        "",
        _tree(ctx, stats),
        "",
        "## 讲话 × 专题热力图 {#heatmap}",
        "",
        *_heatmap(ctx, stats, layout),
    ]
    return OutputFile(INDEX, "\n".join(lines) + "\n")


def _tree(ctx: RenderContext, stats: Mapping[str, TopicStats]) -> str:
    def item(topic: Topic) -> str:
        href = escape_plain(relative_url(INDEX, topic_page(topic.slug)))
        own = stats[topic.slug]
        counts = f'<span class="count">{own.speech_count} 篇 · {own.passage_count} 段</span>'
        children = ctx.taxonomy.children(topic.slug)
        below = f"<ul>{''.join(item(child) for child in children)}</ul>" if children else ""
        return f'<li><a href="{href}">{escape_plain(topic.name)}</a> {counts}{below}</li>'

    return f'<ul class="topic-tree">{"".join(item(topic) for topic in ctx.taxonomy.roots())}</ul>'


def _heatmap(
    ctx: RenderContext, stats: Mapping[str, TopicStats], layout: Mapping[str, PagedTopic]
) -> list[str]:
    columns = [topic for topic, _ in ctx.taxonomy.walk()]
    totals = {
        speech.slug: sum(stats[t.slug].per_speech.get(speech.slug, 0) for t in columns)
        for speech in ctx.corpus.speeches
    }
    rows = [speech for speech in ctx.corpus.speeches if totals[speech.slug]]
    if not rows:
        return ['<p class="topic-empty">目前还没有讲话论及任何专题。</p>', ""]
    shown, body = _top_rows(rows, totals, columns, stats, layout)
    head = "".join(
        f'<th scope="col"><a href="{escape_plain(relative_url(INDEX, topic_page(t.slug)))}">'
        f"{escape_plain(t.name)}</a></th>"
        for t in columns
    )
    lines = [
        '<p class="topic-note">每格数字是该讲话中论及该专题的段落和标题数，颜色越深越多；'
        "点击数字查看这些段落。</p>",
        "",
    ]
    if len(shown) < len(rows):
        lines += [
            f'<p class="topic-note topic-capped">共 {len(rows)} 篇讲话论及专题，'
            f"这里只画出论及最多的 {len(shown)} 篇；其余讲话见各专题页。</p>",
            "",
        ]
    table = (
        f'<div class="topic-heatmap-frame"><div class="topic-heatmap-wrap"><table class="topic-heatmap">'
        f'<thead><tr><th scope="col">讲话</th>{head}</tr></thead><tbody>{body}</tbody></table></div></div>'
    )
    return [*lines, table, ""]


def _top_rows(
    rows: Sequence[Speech],
    totals: Mapping[str, int],
    columns: Sequence[Topic],
    stats: Mapping[str, TopicStats],
    layout: Mapping[str, PagedTopic],
) -> tuple[list[Speech], str]:
    """The speeches drawn and their rows' HTML: at most MAX_ROWS speeches, those with the most
    passages, kept in corpus order, and no more of them than fit in HEATMAP_BYTES."""
    ranked = sorted(rows, key=lambda speech: (-totals[speech.slug], speech.slug))[:MAX_ROWS]
    peak = _peak(ranked, columns, stats)
    drawn: dict[str, str] = {}
    used = 0
    for speech in ranked:
        row = _row(speech, columns, stats, layout, peak)
        used += len(row.encode())
        if drawn and used > HEATMAP_BYTES:
            break
        drawn[speech.slug] = row
    shown = [speech for speech in rows if speech.slug in drawn]
    if len(shown) < len(ranked) and _peak(shown, columns, stats) != peak:  # shade what is drawn
        peak = _peak(shown, columns, stats)
        drawn = {speech.slug: _row(speech, columns, stats, layout, peak) for speech in shown}
    return shown, "".join(drawn[speech.slug] for speech in shown)


def _peak(speeches: Sequence[Speech], columns: Sequence[Topic], stats: Mapping[str, TopicStats]) -> int:
    return max(stats[t.slug].per_speech.get(s.slug, 0) for t in columns for s in speeches)


def _row(
    speech: Speech,
    columns: Sequence[Topic],
    stats: Mapping[str, TopicStats],
    layout: Mapping[str, PagedTopic],
    peak: int,
) -> str:
    href = escape_plain(relative_url(INDEX, speech_page(speech.slug)))
    title = speech.display_title
    cells = [
        f'<th scope="row"><a href="{href}" title="{escape_plain(title)}">{escape_text(title)}</a></th>'
    ]
    for topic in columns:
        count = stats[topic.slug].per_speech.get(speech.slug, 0)
        if not count:
            cells.append("<td></td>")
            continue
        level = max(1, math.ceil(LEVELS * count / peak))
        link = escape_plain(relative_url(INDEX, layout[topic.slug].link(speech.slug)))
        cells.append(f'<td class="h{level}"><a href="{link}">{count}</a></td>')
    return f"<tr>{''.join(cells)}</tr>"
