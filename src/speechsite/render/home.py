"""The home page (`index.md`) and the browse pages: all speeches, by year, by level."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import BROWSE, HOME, OVERVIEW, SITE_FEED, relative_url, speech_page
from .labels import (
    DATA_FILES,
    INFERRED_TITLE,
    UNDATED,
    format_date,
    level_label,
    level_order,
    level_slug,
)
from .text import escape_text

HOME_LIMIT = 50  # newest speeches listed on the home page
BROWSE_LIMIT = 200  # above this, the browse page lists years and levels only
PAGE_SIZE = 200  # speeches per page of a year or level list
# docs/index.md starts with this when it only tells that the plugin did not run (a tool that
# ignores plugins publishes it as the home page); the generated home page replaces it.
PLACEHOLDER_HOME_MARK = "<!-- speechsite:placeholder-home"


def is_placeholder_home(text: str) -> bool:
    """Whether a hand-written docs/index.md is the placeholder the generated home page replaces."""
    return PLACEHOLDER_HOME_MARK in text


def home_page(ctx: RenderContext) -> Iterator[OutputFile]:
    speeches = newest_first(ctx.corpus.speeches)
    paragraphs = sum(1 for speech in speeches for _ in speech.all_paragraphs())
    chars = sum(speech.char_count() for speech in speeches)
    years = sorted({speech.meta.year for speech in speeches if speech.meta.year})
    span = (f"{years[0]} 年" if years[0] == years[-1] else f"{years[0]}–{years[-1]} 年") if years else "—"
    blocks = [
        "# 讲话稿文库 {#title}",
        '<p class="lead">本站把基层政策讲话稿整理成结构清楚、可以引用的页面：每篇讲话保留原文的每一个字，'
        "恢复“一、（一）1.”层级提纲，为每一段编上引用编号，并把涉及同一专题的讲话互相链接。"
        "原文中的 <code>*</code>、<code>XX</code> 等脱敏符号按原样显示并加以标注。</p>",
        '<ul class="corpus-counts">'
        f"<li><b>{len(speeches)}</b> 篇讲话</li><li><b>{paragraphs}</b> 段</li>"
        f"<li><b>{chars}</b> 字</li><li>时间跨度 <b>{span}</b></li></ul>",
        _overview_and_data_links(),
        "## 最新讲话 {#latest}",
        speech_table(speeches[:HOME_LIMIT], HOME),
    ]
    if len(speeches) > HOME_LIMIT:
        blocks.append(f'<p class="more"><a href="{relative_url(HOME, BROWSE)}">全部 {len(speeches)} 篇讲话……</a></p>')
    blocks += ["## 浏览 {#browse}", _browse_links(HOME, speeches)]
    yield OutputFile(HOME, _page(blocks))


def _overview_and_data_links() -> str:
    """Links to the overview page and the data downloads (render/overview.py, exports/)."""
    files = " · ".join(f'<a href="{relative_url(HOME, path)}"><code>{path.removeprefix("data/")}</code></a>' for path, _ in DATA_FILES)
    return (
        f'<p class="home-data"><a href="{relative_url(HOME, OVERVIEW)}">文库概览</a>（年份、层级、地点、篇幅、术语、专题走势）'
        f' · 数据下载：{files}（<a href="{relative_url(HOME, "data.md")}">说明</a>）'
        f' · <a class="feed-link" href="{relative_url(HOME, SITE_FEED)}">订阅新讲话（Atom）</a></p>'
    )


def browse_pages(ctx: RenderContext) -> Iterator[OutputFile]:
    speeches = newest_first(ctx.corpus.speeches)
    blocks = ["# 全部讲话 {#title}", _browse_links(BROWSE, speeches)]
    if len(speeches) <= BROWSE_LIMIT:
        blocks += ["## 全部讲话（按时间倒序） {#all}", speech_table(speeches, BROWSE)]
    yield OutputFile(BROWSE, _page(blocks))
    for key, group in _groups(speeches, _year_key):
        title = f"{key} 年的讲话" if key != UNDATED else "未注明日期的讲话"
        yield from list_pages(year_page(key), title, group)
    for key, group in _groups(speeches, lambda s: level_slug(s.meta.level)):
        level = group[0].meta.level
        yield from list_pages(level_page(key), f"{level_label(level)}讲话" if level else "未注明层级的讲话", group)


def list_pages(first: str, title: str, group: Sequence[Speech]) -> Iterator[OutputFile]:
    """A list of speeches, split into pages of PAGE_SIZE: `…/index.md`, `…/2/index.md`, …"""
    chunks = [group[start : start + PAGE_SIZE] for start in range(0, len(group), PAGE_SIZE)]
    paths = [first] + [first.replace("index.md", f"{n}/index.md") for n in range(2, len(chunks) + 1)]
    for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        heading = title if len(chunks) == 1 else f"{title}（第 {number} 页，共 {len(chunks)} 页）"
        blocks = [f"# {heading} {{#title}}", _count(group), speech_table(chunk, path)]
        if len(chunks) > 1:
            blocks.append(_pager(path, paths, number))
        yield OutputFile(path, _page(blocks))


def _pager(page: str, paths: Sequence[str], number: int) -> str:
    links = "".join(
        f'<li><span class="current">{n}</span></li>' if n == number
        else f'<li><a href="{relative_url(page, path)}">{n}</a></li>'
        for n, path in enumerate(paths, start=1)
    )
    return f'<nav class="pager" aria-label="分页"><ul>{links}</ul></nav>'


def newest_first(speeches: Iterable[Speech]) -> list[Speech]:
    by_slug = sorted(speeches, key=lambda speech: speech.slug)
    return sorted(by_slug, key=lambda speech: speech.meta.date or "", reverse=True)


def year_page(key: str) -> str:
    return f"speeches/years/{key}/index.md"


def level_page(key: str) -> str:
    return f"speeches/levels/{key}/index.md"


def speech_table(speeches: Sequence[Speech], page: str) -> str:
    rows = "".join(_row(speech, page) for speech in speeches)
    return (
        '<table class="speech-list"><thead><tr><th>标题</th><th>日期</th><th>层级</th><th>地点</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _row(speech: Speech, page: str) -> str:
    meta = speech.meta
    href = relative_url(page, speech_page(speech.slug))
    badge = (
        ' <span class="inferred">无标题</span>' if speech.title_is_missing
        else f' <span class="inferred" title="{INFERRED_TITLE}">推断</span>' if speech.title_is_inferred
        else ""
    )
    return (
        f'<tr><td><a href="{href}">{escape_text(speech.display_title)}</a>{badge}</td>'
        f'<td class="date">{escape_text(format_date(meta.date))}</td>'
        f"<td>{escape_text(level_label(meta.level))}</td>"
        f"<td>{escape_text(meta.place or '—')}</td></tr>"
    )


def _browse_links(page: str, speeches: Sequence[Speech]) -> str:
    years = _groups(speeches, _year_key)
    levels = sorted(_groups(speeches, lambda s: level_slug(s.meta.level)), key=lambda g: level_order(g[1][0].meta.level))
    year_links = "".join(
        f'<li><a href="{relative_url(page, year_page(key))}">{"未注明日期" if key == UNDATED else key + " 年"}</a>'
        f" <span class=\"count\">{len(group)}</span></li>"
        for key, group in years
    )
    level_links = "".join(
        f'<li><a href="{relative_url(page, level_page(key))}">{escape_text(level_label(group[0].meta.level) if group[0].meta.level else "未注明层级")}</a>'
        f' <span class="count">{len(group)}</span></li>'
        for key, group in levels
    )
    return (
        '<div class="browse"><section><h2 class="browse-title">按年份</h2>'
        f'<ul class="browse-list">{year_links}</ul></section>'
        '<section><h2 class="browse-title">按层级</h2>'
        f'<ul class="browse-list">{level_links}</ul></section></div>'
    )


def _groups(
    speeches: Sequence[Speech], key_of: Callable[[Speech], str]
) -> list[tuple[str, list[Speech]]]:
    """Speeches grouped by key (order within a group kept); keys newest/highest first, undated last."""
    groups: dict[str, list[Speech]] = {}
    for speech in speeches:
        groups.setdefault(key_of(speech), []).append(speech)
    ordered = sorted(groups.items(), key=lambda item: item[0], reverse=True)
    return sorted(ordered, key=lambda item: item[0] == UNDATED)


def _year_key(speech: Speech) -> str:
    return str(speech.meta.year) if speech.meta.year else UNDATED


def _count(group: Sequence[Speech]) -> str:
    return f'<p class="count-line">共 {len(group)} 篇，按时间倒序排列。</p>'


def _page(blocks: Sequence[str]) -> str:
    return "\n\n".join(blocks) + "\n"
