"""The overview page (`overview/index.md`): the corpus at a glance.

Each figure is a static SVG chart (`charts.py`) followed by the table behind it, and each
row links to the pages that list the speeches or passages counted (year and level pages,
topic pages, term pages, speech pages). Tables carry `data-figure` / `data-key` so tests
can compare every number with `data/corpus.json`. Long lists are cut in the charts, never
in the tables, except the place table, which is the one list that grows with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..annotate.overview_stats import (
    OverviewStats,
    YearRow,
    bin_label,
    paragraph_count,
)
from ..annotate.taxonomy import Topic
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import CORPUS_JSON, OVERVIEW, relative_url, speech_page, term_page, topic_page
from .charts import Bar, Series, bar_chart, small_multiples
from .home import level_page, year_page
from .labels import DATA_FILES, UNDATED, level_label, level_slug
from .text import escape_plain, escape_text

CHART_BARS = 20  # bars in the place and term charts
PLACE_ROWS = 300  # rows of the place table (a row per place grew with the corpus without end)
TREND_LINES = 6  # topics drawn in the topic-share chart (one small multiple each)
MIN_YEAR_SPEECHES = 5  # a year's topic shares are drawn only from this many speeches

def overview_page(ctx: RenderContext) -> Iterator[OutputFile]:
    stats = ctx.overview_stats
    blocks = [
        '---\ntitle: "文库概览"\n---',
        "# 文库概览 {#title}",
        '<p class="lead">全部讲话的年份、层级、地点、篇幅、常用术语和专题走势。每幅图下面是它所依据的数字，'
        f'可以由 <a href="{_href(CORPUS_JSON)}"><code>{CORPUS_JSON}</code></a> 重新算出；点击年份、层级、术语或专题，'
        "可以看到被计入的讲话和段落。</p>",
        _totals(stats),
        *_years(stats),
        *_levels(stats),
        *_places(stats),
        *_lengths(stats),
        *_terms(ctx, stats),
        *_topic_trend(ctx, stats),
        "## 数据下载 {#downloads}",
        _downloads(),
    ]
    yield OutputFile(OVERVIEW, "\n\n".join(blocks) + "\n")


def _href(path: str) -> str:
    return escape_plain(relative_url(OVERVIEW, path))


def _totals(stats: OverviewStats) -> str:
    places = sum(1 for place, _ in stats.places if place is not None)
    items = [
        ("speeches", len(stats.speeches), "篇讲话"),
        ("paragraphs", stats.paragraphs, "段"),
        ("chars", stats.chars, "字"),
        ("places", places, "个地点"),
        ("terms", sum(stats.term_total(term) for term in stats.term_counts), "次术语使用"),
    ]
    lis = "".join(f'<li data-key="{key}"><b>{value}</b> {label}</li>' for key, value, label in items)
    return f'<ul class="corpus-counts" data-figure="totals">{lis}</ul>'


def _table(figure: str, headers: Sequence[str], rows: Sequence[tuple[str, str, Sequence[int]]]) -> str:
    """A figure's table: (key, first cell HTML, numbers) per row; numbers right-aligned."""
    head = "".join(f"<th>{header}</th>" for header in headers)
    body = "".join(
        f'<tr data-key="{escape_plain(key)}"><td>{first}</td>'
        + "".join(f'<td class="num">{number}</td>' for number in numbers)
        + "</tr>"
        for key, first, numbers in rows
    )
    return f'<table class="ss-figure-table" data-figure="{figure}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _link(href: str, text: str) -> str:
    return f'<a href="{href}">{escape_text(text)}</a>'


def _years(stats: OverviewStats) -> list[str]:
    bars = [Bar(f"{row.year} 年", row.speeches) for row in stats.years]
    rows = [(str(row.year), _link(_href(year_page(str(row.year))), f"{row.year} 年"), _year_numbers(row)) for row in stats.years]
    if stats.undated:
        undated = [s for s in stats.speeches if s.meta.year is None]
        numbers = YearRow(0, len(undated), sum(paragraph_count(s) for s in undated),
                          sum(stats.char_counts[s.slug] for s in undated))
        rows.append((UNDATED, _link(_href(year_page(UNDATED)), "未注明日期"), _year_numbers(numbers)))
    blocks = ["## 按年份 {#by-year}"]
    if bars:
        blocks.append(bar_chart("每年的讲话篇数", bars, "篇"))
    blocks.append(_table("years", ("年份", "讲话", "段落", "字数"), rows))
    return blocks


def _year_numbers(row: YearRow) -> tuple[int, int, int]:
    return (row.speeches, row.paragraphs, row.chars)


def _levels(stats: OverviewStats) -> list[str]:
    bars, rows = [], []
    for level, count in stats.levels:
        href = relative_url(OVERVIEW, level_page(level_slug(level)))
        bars.append(Bar(level_label(level), count))
        rows.append((level or "", _link(escape_plain(href), level_label(level)), (count,)))
    chart = [bar_chart("各层级的讲话篇数", bars, "篇")] if bars else []
    return ["## 按层级 {#by-level}", *chart, _table("levels", ("层级", "讲话"), rows)]


def _places(stats: OverviewStats) -> list[str]:
    named = [(place, count) for place, count in stats.places if place is not None]
    bars = [Bar(place, count) for place, count in named[:CHART_BARS]]
    listed = [*named[:PLACE_ROWS], *((place, count) for place, count in stats.places if place is None)]
    rows = [(place or "", escape_text(place or "未注明"), (count,)) for place, count in listed]
    cut = f"（前 {CHART_BARS} 个地点）" if len(named) > CHART_BARS else ""
    blocks = ["## 按地点 {#by-place}"]
    if bars:
        blocks.append(bar_chart(f"各地的讲话篇数{cut}", bars, "篇"))
    blocks.append(_table("places", ("地点", "讲话"), rows))
    if len(named) > PLACE_ROWS:
        left = named[PLACE_ROWS:]
        blocks.append(
            f'<p class="figure-note">另有 {len(left)} 个地点（{sum(n for _, n in left)} 篇讲话）从略，'
            f'每篇讲话的地点见数据文件 <a href="{_href(CORPUS_JSON)}">corpus.json</a>。</p>'
        )
    return blocks


def _lengths(stats: OverviewStats) -> list[str]:
    if not stats.speeches:
        return []
    bars = [Bar(bin_label(start), count) for start, count in stats.lengths]
    rows = [(str(start), escape_plain(bin_label(start)), (count,)) for start, count in stats.lengths]
    chars = stats.char_counts
    by_length = sorted(stats.speeches, key=lambda speech: (chars[speech.slug], speech.slug))
    shortest, longest = by_length[0], by_length[-1]
    median = by_length[(len(by_length) - 1) // 2]
    facts = "".join(
        f'<li data-key="{key}">{label}：{_link(_href(speech_page(speech.slug)), speech.display_title)}'
        f" <b>{chars[speech.slug]}</b> 字</li>"
        for key, label, speech in (("shortest", "最短", shortest), ("median", "居中", median), ("longest", "最长", longest))
    )
    return [
        "## 篇幅分布 {#length}",
        bar_chart("按字数分组的讲话篇数", bars, "篇"),
        _table("lengths", ("字数", "讲话"), rows),
        f'<ul class="length-facts" data-figure="length-facts">{facts}</ul>',
    ]


def _terms(ctx: RenderContext, stats: OverviewStats) -> list[str]:
    used = [term for term in ctx.glossary.terms if stats.term_total(term.slug)]
    used.sort(key=lambda term: (-stats.term_total(term.slug), term.slug))
    top = used[:CHART_BARS]
    bars = [
        Bar(term.term, stats.term_total(term.slug), f"，见于 {stats.term_speeches(term.slug)} 篇讲话")
        for term in top
    ]
    rows = [
        (term.slug, _link(_href(term_page(term.slug)), term.term),
         (stats.term_total(term.slug), stats.term_speeches(term.slug)))
        for term in top
    ]
    if not top:
        return ["## 常用术语 {#terms}", '<p class="empty">术语表中的术语尚未在讲话中出现。</p>']
    note = f'<p class="figure-note">术语表共 {len(ctx.glossary.terms)} 个术语，在讲话中出现的有 {len(used)} 个；这里列出最常用的 {len(top)} 个，全部见<a href="{_href("glossary/index.md")}">术语表</a>。</p>'
    return [
        "## 常用术语 {#terms}",
        bar_chart("最常用的术语（出现次数）", bars, "次"),
        _table("terms", ("术语", "出现次数", "讲话篇数"), rows),
        note,
    ]


def _topic_trend(ctx: RenderContext, stats: OverviewStats) -> list[str]:
    topics = [t for t in ctx.taxonomy.topics if stats.topic_speeches.get(t.slug)]
    topics.sort(key=lambda topic: (-stats.topic_speeches[topic.slug], topic.slug))
    if not topics:
        return ["## 专题走势 {#topic-trend}", '<p class="empty">尚无讲话涉及专题表中的专题。</p>']
    years = [row.year for row in stats.years]
    trend_years = [year for year in years if stats.year_speeches(year) >= MIN_YEAR_SPEECHES]
    if len(trend_years) >= 2:
        figure = [_trend_note(stats, years, trend_years), _trend_chart(stats, topics, trend_years)]
    else:
        figure = [_counts_note(stats, trend_years), _topic_counts(stats, topics)]
    headers = ("专题", *(str(y) for y in years), "合计")
    all_row = ("*", "全部讲话", (*(stats.year_speeches(y) for y in years), len(stats.speeches)))
    rows = [all_row] + [
        (topic.slug, _link(_href(topic_page(topic.slug)), topic.name),
         (*(_in_year(stats, topic.slug, y) for y in years), stats.topic_speeches[topic.slug]))
        for topic in topics
    ]
    table = f'<div class="ss-table-wrap">{_table("topic-years", headers, rows)}</div>'
    return ["## 专题走势 {#topic-trend}", *figure, table]


def _trend_note(stats: OverviewStats, years: Sequence[int], trend_years: Sequence[int]) -> str:
    left_out = [str(year) for year in years if year not in trend_years]
    thin = f"讲话不足 {MIN_YEAR_SPEECHES} 篇的年份（{'、'.join(left_out)}）比例不可靠，只列在下表中；" if left_out else ""
    return (
        '<p class="figure-note">每幅小图是一个专题：每年论及它的讲话占当年讲话的比例，年份下面是当年的讲话篇数。'
        f"一篇讲话只要有一个段落或标题论及某专题即计入。{thin}未注明日期的 {stats.undated} 篇只计入“合计”。</p>"
    )


def _trend_chart(stats: OverviewStats, topics: Sequence[Topic], years: Sequence[int]) -> str:
    series = [
        Series(
            topic.name,
            tuple(_in_year(stats, topic.slug, y) / stats.year_speeches(y) for y in years),
            tuple(f"{topic.name}，{y} 年：{_in_year(stats, topic.slug, y)}/{stats.year_speeches(y)} 篇"
                  for y in years),
        )
        for topic in topics[:TREND_LINES]
    ]
    caption = f"专题走势：最常见的 {len(series)} 个专题各占当年讲话的比例"
    return small_multiples(caption, [str(y) for y in years], [f"{stats.year_speeches(y)} 篇" for y in years], series)


def _counts_note(stats: OverviewStats, trend_years: Sequence[int]) -> str:
    enough = f"只有 {trend_years[0]} 年" if trend_years else "没有一个年份"
    return (
        f'<p class="figure-note">{enough}的讲话达到 {MIN_YEAR_SPEECHES} 篇，画不出可信的走势，'
        "所以这里不给比例，只给各专题论及的讲话篇数；各年的篇数见下表。"
        f"一篇讲话只要有一个段落或标题论及某专题即计入。未注明日期的 {stats.undated} 篇只计入“合计”。</p>"
    )


def _topic_counts(stats: OverviewStats, topics: Sequence[Topic]) -> str:
    bars = [
        Bar(topic.name, stats.topic_speeches[topic.slug], f"，共 {len(stats.speeches)} 篇讲话")
        for topic in topics[:CHART_BARS]
    ]
    return bar_chart("各专题论及的讲话篇数", bars, "篇")


def _in_year(stats: OverviewStats, topic: str, year: int) -> int:
    counts = stats.topic_years.get(topic)
    return counts[year] if counts else 0


def _downloads() -> str:
    items = "".join(
        f'<li><a href="{_href(path)}"><code>{path}</code></a>：{label}</li>' for path, label in DATA_FILES
    )
    return f'<ul class="downloads">{items}</ul><p>各文件的字段说明见<a href="{_href("data.md")}">数据下载</a>页。</p>'
