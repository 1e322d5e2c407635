"""Glossary pages: one page per term (`glossary/<slug>/index.md`), the glossary index
(`glossary/index.md`, by category and A–Z by pinyin); `data/terms.json` is a static file
(glossary_data.py).

A term page shows our definition and expansion, the speeches' own definitions (quoted and
linked, the first MAX_DEFINITIONS of them), its tracing (提法溯源: first and last seen, uses by year and level, term_trace.py), every occurrence as a keyword-in-context line grouped by speech, related terms and
topics. Source text only ever passes through `escape_text`; our own glossary text through
`escape_plain`; headings through `md_heading`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from ..annotate.definitions import CorpusDefinition
from ..annotate.glossary_stats import Occurrence, TermStats
from ..annotate.term_trace import TermTrace
from ..annotate.terms import CATEGORIES, CATEGORY_SLUGS, Term, short_definition, sort_key
from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.paging import part_path
from ..site.urls import (
    GLOSSARY,
    TERMS_JSON,
    relative_file,
    relative_url,
    speech_page,
    term_page,
    topic_page,
)
from .glossary_paging import PAGE_BYTES, Group, pager, paginate
from .page_inputs import term_inputs
from .term_trace import seen_facts, trace_section
from .text import escape_plain, escape_text, front_matter_title, md_heading

INDEX = f"{GLOSSARY}/index.md"
CONTEXT = 18  # characters of context on each side of a keyword-in-context line
# Own definitions quoted on a term page, the rest counted and left to data/terms.json (六个一
# had 128 at 10,000 speeches, 51 KB of its page; at 50,000 about 2.5 × its page budget).
MAX_DEFINITIONS = 20


def glossary_pages(ctx: RenderContext) -> Iterator[OutputFile]:
    stats = ctx.term_stats
    for term in ctx.glossary.terms:
        inputs, make = partial(term_inputs, ctx, term, stats), partial(term_files, ctx, term, stats)
        yield from ctx.memoized_files(part_path(GLOSSARY, term.slug, 0), inputs, make)
    yield OutputFile(INDEX, render_index(ctx, stats))


# ── a term's page ─────────────────────────────────────────────────────────────


def term_files(
    ctx: RenderContext,
    term: Term,
    stats: TermStats,
    budget: int = PAGE_BYTES,
) -> Iterator[OutputFile]:
    """The term's page, split into parts when its occurrences would make it too large; the
    first part lists fewer of them by as much as its other sections take."""
    trace = ctx.term_traces[term.slug]
    first = part_path(GLOSSARY, term.slug, 0)
    top = _header(ctx, term, stats, trace, first) + trace_section(trace, first)
    bottom = _related(ctx, term, stats, first) + _topics(ctx, term, first)
    room = max(budget - sum(len(line.encode()) + 1 for line in top + bottom), budget // 4)
    parts = paginate(stats.by_speech(term.slug), budget, room)
    for index, groups in enumerate(parts):
        page = part_path(GLOSSARY, term.slug, index)
        suffix = "" if index == 0 else f"（用例第 {index + 1} 页）"
        title = f"{term.term}{suffix}"
        lines = [front_matter_title(title), "", f"# {md_heading(title)} {{#term}}", ""]
        occurrences = _occurrences(term, groups, index, len(parts), page)
        lines += [*top, *occurrences, *bottom] if index == 0 else occurrences
        yield OutputFile(page, "\n".join(lines) + "\n")


def _header(
    ctx: RenderContext, term: Term, stats: TermStats, trace: TermTrace, page: str
) -> list[str]:
    lines = _summary(term, stats, trace, page)
    if term.expansion:
        lines += [
            "## 展开 {#expansion}",
            "",
            f'<p class="gl-expansion">{escape_plain(term.expansion)}</p>',
            "",
        ]
    return lines + _own_definitions(ctx, stats.definitions.get(term.slug, []), stats, page)


def _summary(term: Term, stats: TermStats, trace: TermTrace, page: str) -> list[str]:
    category = relative_url(page, f"{INDEX}#{category_id(term.category)}")
    facts = [
        f'<dt>分类</dt><dd><a href="{escape_plain(category)}">{escape_plain(term.category)}</a></dd>',
        f"<dt>出现</dt><dd>{stats.count(term.slug)} 次，{stats.speech_count(term.slug)} 篇讲话</dd>",
        *seen_facts(trace, page),
    ]
    if term.variants:
        facts.append(f"<dt>又作</dt><dd>{escape_plain('、'.join(term.variants))}</dd>")
    if term.external:
        facts.append("<dt>来源</dt><dd>领域通用术语，不一定见于本库讲话</dd>")
    index = escape_plain(relative_url(page, INDEX))
    facts.append(f'<dt>全部术语</dt><dd><a href="{index}">术语表</a></dd>')
    return [
        f'<p class="gl-definition">{escape_plain(term.definition)}</p>',
        "",
        f'<dl class="gl-facts">{"".join(facts)}</dl>',
        "",
    ]


def _own_definitions(
    ctx: RenderContext, found: Sequence[CorpusDefinition], stats: TermStats, page: str
) -> list[str]:
    if not found:
        return []
    lines = ["## 讲话中的解释 {#in-corpus}", ""]
    for definition in found[:MAX_DEFINITIONS]:
        text = definition.text
        quote = (
            escape_text(text[: definition.term_start])
            + f"<mark>{escape_text(text[definition.term_start : definition.term_end])}</mark>"
            + escape_text(text[definition.term_end :])
        )
        href = escape_plain(
            relative_url(page, f"{speech_page(definition.speech)}#{definition.unit}")
        )
        citation = escape_text(stats.citation(definition.speech, definition.unit))
        title = escape_text(ctx.speech_title(definition.speech))
        lines += [
            f'<blockquote class="gl-quote"><p>{quote}</p>'
            f'<p class="gl-source">—— <a class="cite" href="{href}">{title} {citation}</a></p>'
            "</blockquote>",
            "",
        ]
    if len(found) > MAX_DEFINITIONS:
        data = escape_plain(relative_file(page, TERMS_JSON))
        more = f"另有 {len(found) - MAX_DEFINITIONS} 处讲话中的解释从略，全部见数据文件"
        lines += [f'<p class="gl-more">{more} <a href="{data}">terms.json</a>。</p>', ""]
    return lines


def _occurrences(
    term: Term, groups: Sequence[Group], index: int, total: int, page: str
) -> list[str]:
    lines = ["## 用例 {#occurrences}", ""]
    if not groups:
        return [*lines, '<p class="gl-empty">本库讲话中尚未出现这一术语。</p>', ""]
    navigation = pager(term.slug, index, total, page)
    lines += navigation
    for speech, occurrences in groups:
        lines += _speech_block(speech, occurrences, page)
    return lines + navigation


def _speech_block(speech: Speech, occurrences: Sequence[Occurrence], page: str) -> list[str]:
    href = escape_plain(relative_url(page, speech_page(speech.slug)))
    items = "".join(kwic_line(occurrence, page) for occurrence in occurrences)
    return [
        f"### {md_heading(speech.display_title)} {{#speech-{speech.slug}}}",
        "",
        f'<p class="gl-speech-meta"><a href="{href}">阅读全文</a> · <span class="count">{len(occurrences)} 次</span></p>',
        "",
        f'<ol class="gl-kwic">{items}</ol>',
        "",
    ]


def kwic_line(occurrence: Occurrence, page: str) -> str:
    """One keyword-in-context line: citation link, left context, <mark>term</mark>, right context."""
    text, start, end = occurrence.text, occurrence.start, occurrence.end
    left_start, right_end = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    left = ("…" if left_start else "") + escape_text(text[left_start:start])
    right = escape_text(text[end:right_end]) + ("…" if right_end < len(text) else "")
    href = escape_plain(
        relative_url(page, f"{speech_page(occurrence.speech.slug)}#{occurrence.unit}")
    )
    kind = '<span class="gl-kind">标题</span>' if occurrence.heading else ""
    return (
        f'<li><a class="cite" href="{href}">{escape_text(occurrence.citation)}</a>{kind}'
        f'<span class="gl-left"><span class="gl-ctx">{left}</span></span><mark>{escape_text(occurrence.form)}</mark>'
        f'<span class="gl-right">{right}</span></li>'
    )


def _related(ctx: RenderContext, term: Term, stats: TermStats, page: str) -> list[str]:
    related = [ctx.glossary.get(slug) for slug in term.related if slug in ctx.glossary]
    if not related:
        return []
    return [
        "## 相关术语 {#related}",
        "",
        f'<ul class="gl-related">{_term_items(related, stats, page)}</ul>',
        "",
    ]


def _topics(ctx: RenderContext, term: Term, page: str) -> list[str]:
    items = []
    for slug in term.topics:
        if slug not in ctx.taxonomy:
            continue
        href = escape_plain(relative_url(page, topic_page(slug)))
        items.append(f'<li><a href="{href}">{escape_plain(ctx.taxonomy.get(slug).name)}</a></li>')
    if not items:
        return []
    return ["## 相关专题 {#topics}", "", f'<ul class="gl-topics">{"".join(items)}</ul>', ""]


def _term_items(
    terms: Sequence[Term], stats: TermStats, page: str, *, with_definition: bool = False
) -> str:
    items = []
    for term in terms:
        href = escape_plain(relative_url(page, term_page(term.slug)))
        title = escape_plain(short_definition(term.definition))
        note = f'<span class="gl-short">{title}</span>' if with_definition else ""
        items.append(
            f'<li><a class="term" href="{href}" title="{title}">{escape_plain(term.term)}</a>'
            f' <span class="count">{stats.count(term.slug)}</span>{note}</li>'
        )
    return "".join(items)


# ── the glossary index ─────────────────────────────────────────────────────────


def render_index(ctx: RenderContext, stats: TermStats) -> str:
    terms = ctx.glossary.terms
    lines = ["# 术语表 {#glossary}", ""]
    if not terms:
        return "\n".join(
            [
                *lines,
                '<p class="gl-empty">术语表为空：在 source_texts/glossary.yml 中添加术语。</p>',
                "",
            ]
        )
    used = sum(1 for term in terms if stats.count(term.slug))
    lines += [
        f'<p class="gl-intro">共 {len(terms)} 个政策术语，其中 {used} 个见于本库讲话；'
        "数字为在全部讲话中出现的次数。悬停术语可看简短释义。</p>",
        "",
        '<p class="gl-jump"><a href="#by-category">按分类</a> · <a href="#a-z">按拼音 A–Z</a></p>',
        "",
        "## 按分类 {#by-category}",
        "",
    ]
    for category, members in ctx.glossary.by_category().items():
        label = CATEGORIES.get(category, "")
        lines += [f"### {md_heading(category)} {{#{category_id(category)}}}", ""]
        if label:
            lines += [
                f'<p class="gl-category-note">{escape_plain(label)} · {len(members)} 个</p>',
                "",
            ]
        lines += [
            f'<ul class="gl-list">{_term_items(members, stats, INDEX, with_definition=True)}</ul>',
            "",
        ]
    lines += _a_to_z(terms, stats)
    return "\n".join(lines) + "\n"


def _a_to_z(terms: Sequence[Term], stats: TermStats) -> list[str]:
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=sort_key):
        groups.setdefault(initial(term), []).append(term)
    letters = " ".join(f'<a href="#letter-{_letter_id(letter)}">{letter}</a>' for letter in groups)
    lines = [
        "## 按拼音 A–Z {#a-z}",
        "",
        f'<nav class="gl-letters" aria-label="拼音首字母">{letters}</nav>',
        "",
    ]
    for letter, members in groups.items():
        lines += [
            f"### {letter} {{#letter-{_letter_id(letter)}}}",
            "",
            f'<ul class="gl-list gl-az">{_term_items(members, stats, INDEX)}</ul>',
            "",
        ]
    return lines


def initial(term: Term) -> str:
    """The A–Z group of a term: the first letter of its pinyin, or 0–9 for a leading digit."""
    first = term.slug[:1].upper()
    return first if first.isalpha() else "0–9"


def _letter_id(letter: str) -> str:
    return letter.lower() if letter.isalpha() else "digits"


def category_id(category: str) -> str:
    return f"cat-{CATEGORY_SLUGS[category]}"
