"""The 提法溯源 part of a term page: first and last seen (facts at the top of the page) and a
section with the uses by year (a static SVG bar chart and its table), by level, and the
speeches in order of date.

Every number comes with its n: “2 次，1/1 篇” for a year of one speech, never a share.
Undated speeches get their own row and are never put on the time line. Metadata and titles
are source text and go through `escape_text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..annotate.term_trace import SpeechUse, Tally, TermTrace
from ..site.urls import TERMS_JSON, relative_file, relative_url, speech_page
from .charts import Bar, bar_chart
from .labels import format_date, level_label
from .text import escape_plain, escape_text

LIST_ENDS = 30  # speeches shown at each end of the list in order of date


def seen_facts(trace: TermTrace, page: str) -> list[str]:
    """<dt>/<dd> pairs for the facts box: 首见 and 末见 (date, speech, level, place)."""
    if not trace.uses:
        return []
    if trace.first is None or trace.last is None:
        return [f"<dt>首见</dt><dd>{_undated_note(trace)}</dd>"]
    facts = [
        f'<dt>首见</dt><dd class="gl-first">{_use(trace.first, page)}</dd>',
        f'<dt>末见</dt><dd class="gl-last">{_use(trace.last, page)}</dd>',
    ]
    if trace.undated.speeches:
        facts.append(f"<dt>另有</dt><dd>{_undated_note(trace)}</dd>")
    return facts


def _undated_note(trace: TermTrace) -> str:
    return (
        f"{trace.undated.speeches} 篇未注明日期的讲话（{trace.undated.count} 次），不计入首见、末见"
    )


def _use(use: SpeechUse, page: str) -> str:
    href = escape_plain(relative_url(page, speech_page(use.speech.slug)))
    where = " · ".join(
        part
        for part in (
            level_label(use.level) if use.level else "",
            escape_text(use.place) if use.place else "",
        )
        if part
    )
    return (
        f"{escape_plain(format_date(use.date) if use.date else '日期未注明')} "
        f'<a href="{href}">{escape_text(use.speech.display_title)}</a>'
        + (f"（{where}）" if where else "")
    )


def trace_section(trace: TermTrace, page: str) -> list[str]:
    """## 提法溯源: by year (chart and table), by level, and the speeches in order of date."""
    if not trace.uses:
        return []
    lines = ["## 提法溯源 {#trace}", "", "### 按年份 {#trace-years}", ""]
    if trace.by_year:
        lines += [_year_chart(trace), ""]
    else:
        lines += ['<p class="gl-trace-note">本库讲话均未注明日期，无法按年份统计。</p>', ""]
    lines += [_tally_table("years", "年份", _year_rows(trace)), ""]
    lines += ["### 按层级 {#trace-levels}", ""]
    lines += [_tally_table("levels", "层级", _level_rows(trace)), ""]
    lines += ["### 按时间顺序 {#trace-speeches}", "", _speech_list(trace.uses, page), ""]
    return lines


def _year_chart(trace: TermTrace) -> str:
    bars = [
        Bar(
            f"{tally.key} 年（共 {tally.corpus_speeches} 篇）",
            tally.count,
            f"，见于 {tally.speeches}/{tally.corpus_speeches} 篇讲话",
        )
        for tally in trace.by_year
    ]
    return bar_chart("各年出现次数（括号内为当年讲话总数）", bars, "次")


def _year_rows(trace: TermTrace) -> list[tuple[str, str, Tally]]:
    rows = [(str(tally.key), f"{tally.key} 年", tally) for tally in trace.by_year]
    if trace.undated.corpus_speeches:
        rows.append(("undated", "未注明日期", trace.undated))
    return rows


def _level_rows(trace: TermTrace) -> list[tuple[str, str, Tally]]:
    return [
        (str(tally.key or "unknown"), escape_text(level_label(tally.key)), tally)
        for tally in trace.by_level
        if isinstance(tally.key, str) or tally.key is None
    ]


def _tally_table(figure: str, first: str, rows: Sequence[tuple[str, str, Tally]]) -> str:
    head = f"<th>{first}</th><th>出现次数</th><th>用到的讲话</th><th>讲话总数</th>"
    body = "".join(
        f'<tr data-key="{escape_plain(key)}"><td>{label}</td><td class="num">{tally.count}</td>'
        f'<td class="num">{tally.speeches}</td><td class="num">{tally.corpus_speeches}</td></tr>'
        for key, label, tally in rows
    )
    return (
        f'<table class="ss-figure-table gl-trace" data-figure="{figure}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _speech_list(uses: Sequence[SpeechUse], page: str) -> str:
    """The speeches in order of date; for a term used in more than `LIST_ENDS` × 2 speeches, the
    first and the last `LIST_ENDS` (at 2,000 speeches a common term's full list alone was
    100 KB of page). Every speech's uses stay listed under 用例 and in data/terms.json."""
    if len(uses) <= 2 * LIST_ENDS:
        return _ordered(uses, page, 1)
    left_out = len(uses) - 2 * LIST_ENDS
    return (
        _ordered(uses[:LIST_ENDS], page, 1)
        + f'<p class="gl-trace-note gl-trace-more">……其间另有 {left_out} 篇讲话从略：每篇讲话的用例见下文“用例”，'
        f'全部讲话的顺序见数据文件 <a href="{escape_plain(relative_file(page, TERMS_JSON))}">terms.json</a>。</p>'
        + _ordered(uses[-LIST_ENDS:], page, len(uses) - LIST_ENDS + 1)
    )


def _ordered(uses: Sequence[SpeechUse], page: str, start: int) -> str:
    items = "".join(
        f'<li>{_use(use, page)} <span class="count">{use.count} 次</span></li>' for use in uses
    )
    first = "" if start == 1 else f' start="{start}"'
    return f'<ol class="gl-trace-speeches"{first}>{items}</ol>'
