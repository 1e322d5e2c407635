"""The reuse pages: `reuse/index.md` (同文检测: the most reused passages, the speech pairs with
the highest share of shared text, and how reuse is found) and `reuse/compare.md` (同文对照:
two speeches side by side, filled in the browser from their reuse scripts, reuse_data.py).

One comparison page serves every pair (`compare.html?a=<slug>&b=<slug>`): a page per pair
would add thousands of pages for MkDocs to render at 2,000 speeches.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from ..annotate.reuse import ReuseSettings
from ..annotate.reuse_grams import GramSettings
from ..annotate.reuse_match import MatchSettings
from ..annotate.reuse_speeches import (
    PARTNERS_PER_SPEECH,
    TOP_PAIRS,
    Passage,
    SpeechPair,
    most_reused,
)
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import REUSE_CSV, compare_page, relative_url, reuse_page, speech_page
from .text import escape_plain, escape_text

EXCERPT = 120  # characters of a passage shown in the list
TOP = 30


def reuse_pages(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(reuse_page(), _index(ctx))
    yield OutputFile(compare_page(), _compare())


def compare_href(page: str, first: str, second: str) -> str:
    """A link from `page` to the comparison of two speeches."""
    return f"{relative_url(page, compare_page())}?{urlencode({'a': first, 'b': second})}"


def _index(ctx: RenderContext) -> str:
    blocks = [
        '---\ntitle: "同文检测"\n---',
        "# 同文检测 {#title}",
        _summary(ctx),
        "## 转引最多的段落 {#passages}",
        _passages(ctx, most_reused(ctx.reuse, TOP)),
        "## 同文比例最高的讲话 {#pairs}",
        _pairs(ctx, ctx.speech_reuse.top[:TOP]),
        "## 怎样判定同文 {#method}",
        _method(),
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def _summary(ctx: RenderContext) -> str:
    reuse = ctx.reuse
    paragraphs = sum(1 for text in reuse.reach for _ in reuse.places[text])
    return (
        f'<p class="lead reuse-summary" data-speeches="{len(reuse.sharing_speeches)}" '
        f'data-pairs="{ctx.speech_reuse.pair_count}">全库 {len(ctx.corpus.speeches)} 篇讲话中，'
        f"有 {len(reuse.sharing_speeches)} 篇与其他讲话有相同或略经改动的文字（同文），涉及 {paragraphs} 个段落、"
        f"{ctx.speech_reuse.pair_count} 对讲话。讲话页面上，这样的段落后面有“同文”标记，点开可以看到其他出处，"
        "并可打开两篇讲话的对照。</p>"
    )


def _passages(ctx: RenderContext, passages: list[Passage]) -> str:
    if not passages:
        return '<p class="reuse-none">没有发现同文段落。</p>'
    items = []
    for passage in passages:
        speech = ctx.corpus.by_slug[passage.speech]
        excerpt = passage.text if len(passage.text) <= EXCERPT else passage.text[: EXCERPT - 1] + "…"
        href = escape_plain(relative_url(reuse_page(), f"{speech_page(speech.slug)}#{passage.paragraph}"))
        items.append(
            f'<li data-speeches="{passage.speeches}"><p class="reuse-excerpt">{escape_text(excerpt)}</p>'
            f'<p class="reuse-where">见于 <b>{passage.speeches}</b> 篇讲话；最早：<a href="{href}">'
            f"{escape_text(speech.display_title)}</a>{_date(speech.meta.date)}</p></li>"
        )
    return f'<ol class="reuse-passages">{"".join(items)}</ol>'


def _pairs(ctx: RenderContext, pairs: tuple[SpeechPair, ...]) -> str:
    if not pairs:
        return '<p class="reuse-none">没有两篇讲话共有文字。</p>'
    rows = []
    for pair in pairs:
        first, second = ctx.corpus.by_slug[pair.first], ctx.corpus.by_slug[pair.second]
        rows.append(
            "<tr>"
            f"<td>{_speech_link(first.slug, first.display_title)}{_date(first.meta.date)}</td>"
            f"<td>{_speech_link(second.slug, second.display_title)}{_date(second.meta.date)}</td>"
            f'<td class="num">{pair.shared_chars}</td><td class="num">{pair.share:.0%}</td>'
            f'<td class="num">{len(pair.paragraphs)}</td>'
            f'<td><a class="reuse-compare-link" href="{escape_plain(compare_href(reuse_page(), pair.first, pair.second))}">对照</a></td></tr>'
        )
    head = "<tr><th>讲话</th><th>讲话</th><th>共有字数</th><th>占较短一篇</th><th>段落对</th><th></th></tr>"
    return f'<table class="reuse-pairs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _speech_link(slug: str, title: str) -> str:
    href = escape_plain(relative_url(reuse_page(), speech_page(slug)))
    return f'<a href="{href}">{escape_text(title)}</a>'


def _date(date: str | None) -> str:
    return f'<span class="reuse-date">（{escape_plain(date)}）</span>' if date else ""


def _method() -> str:
    grams, match = GramSettings(), MatchSettings()
    return (
        "<p>逐句比较：段落按句末标点（。！？；）切成句子，只比较汉字、字母和数字，不计标点和空格，"
        "数字一律视为相同（改动数字仍算同文）。两句讲话的“特征文字”——去掉套话后剩下的文字——"
        f"都不少于 {match.min_chars} 字、且编辑相似度不低于 {match.min_similarity:.0%} 时，"
        "算作同文；一个段落中有一句与别处同文，这两个段落就算同文。"
        f"候选句子由 {grams.k} 字片段的索引找出，再逐对比较。</p>"
        f"<p>套话不算同文：出现在超过 {grams.common_fraction:.0%} 的讲话（至少 {grams.common_minimum} 篇）中的"
        f"{grams.k} 字片段被视为套话（如“同志们”“谢谢大家”、当年的口号、报告的固定格式），"
        "既不用来找候选，也不计入特征文字。所以，只有套话相同的两段不会被算作同文；"
        "一段文字如果被超过这个比例的讲话照抄，它本身也按套话处理。</p>"
        f"<p>每个段落最多列出另外 {ReuseSettings().links_per_paragraph} 篇讲话中的同文段落"
        "（共有文字最多的，相同时取较早的），"
        f"每篇讲话最多提供与另外 {PARTNERS_PER_SPEECH} 篇讲话的对照（共有文字最多的），"
        f"另加全库同文比例最高的 {TOP_PAIRS} 对讲话：一段文字被照抄到几百篇讲话时，每个副本都列出几百个出处、"
        "几百个对照，既无用处，也会让网站过大。各段列出的同文段落也见 "
        f'<a href="{escape_plain(relative_url(reuse_page(), REUSE_CSV))}"><code>{REUSE_CSV}</code></a>'
        "（每对段落一行，压缩的 CSV）。</p>"
    )


def _compare() -> str:
    index = escape_plain(relative_url(compare_page(), reuse_page()))
    root = "../" * compare_page().count("/")
    return "\n\n".join(
        [
            '---\ntitle: "同文对照"\n---',
            "# 同文对照 {#title}",
            f'<div class="reuse-compare" data-root="{root}">'
            '<p class="reuse-compare-empty">请从讲话页面的“同文”标记或'
            f'<a href="{index}">同文检测</a>页面打开两篇讲话的对照。</p></div>',
        ]
    ) + "\n"

