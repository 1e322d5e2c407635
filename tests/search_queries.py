"""Queries and ground truth shared by the search tests (index in Python, and in the browser).

Ground truth is computed here from the parsed speeches, independently of the search
package: every unit (title, front lines, salutation, headings as written, paragraphs) that
contains every space-separated term, after the same character normalisation. The notes
after a speech (its appendix: 注释, 原载…) are units too: they are shown under 附注 on the
page, each paragraph with its own anchor, and every character of them is searchable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from speechsite.model import Section, Speech

# Terms, sub-words, phrases across word boundaries, numbers, punctuation, AND queries,
# traditional and full-width forms, and queries that find nothing.
QUERIES = (
    "一岗双责", "两客一危一货", "防溺水", "溺水", "枫桥经验", "枫桥", "治安防控",
    "进京非正常上访", "非访", "12345", "321", "2022", "安全生产", "信访", "维稳",
    "扫黑除恶", "平安建设", "疫情防控", "群众", "网格", "矛盾纠纷", "森林防火", "燃气",
    "消防", "道路交通", "的", "稳", "；", "“321”", "XX",
    "安全 稳定", "信访 维稳 群众", "溺水 学生", "安全生产 消防 燃气", "321 治理",
    "安全生產", "信訪維穩", "１２３４５", "ｘｘ", "xx",
    "电信诈骗", "食品安全", "两客一危一货 枫桥", "<img onerror=alert(1)>", "Z",
)  # fmt: skip


def units_of_speech(speech: Speech) -> Iterator[tuple[str, str]]:
    """(anchor, text) of everything a search can land on, "" for the top of the page."""
    if speech.title:
        yield "", speech.title
    for line in speech.front:
        yield "", line.text
    if speech.salutation:
        yield "", speech.salutation
    for paragraph in speech.opening:
        yield paragraph.id, paragraph.text
    for section in speech.sections:
        yield from _section(section)
    for paragraph in speech.closing:
        yield paragraph.id, paragraph.text
    for paragraph in speech.appendix:
        yield paragraph.id, paragraph.text


def _section(section: Section) -> Iterator[tuple[str, str]]:
    yield section.id, section.full_heading
    for paragraph in section.paragraphs:
        yield paragraph.id, paragraph.text
    for sub in section.subsections:
        yield from _section(sub)


def expected(
    speeches: tuple[Speech, ...],
    query: str,
    normalise: Callable[[str], str],
    url: Callable[[Speech], str],
) -> list[tuple[str, str]]:
    """(speech page, anchor) of every unit containing all terms of `query`, sorted."""
    terms = normalise(query).split()
    if not terms:
        return []
    return sorted(
        (url(speech), anchor)
        for speech in speeches
        for anchor, text in units_of_speech(speech)
        if all(term in normalise(text) for term in terms)
    )


def long_query(speeches: tuple[Speech, ...], length: int = 500) -> str:
    """`length` characters from the longest paragraph (the whole paragraph if shorter)."""
    text = max((p.text for s in speeches for p in s.all_paragraphs()), key=len)
    start = max(0, (len(text) - length) // 2)
    return "".join(text[start : start + length].split())


LEVELS = ("省", "市", "县", "区", "乡镇")
Tally = tuple[str, int, int, int]  # key, hit units, speeches with hits, speeches there


def expected_spread(
    speeches: tuple[Speech, ...], query: str, normalise: Callable[[str], str]
) -> dict[str, list[Tally]]:
    """How the units containing `query` spread over the speeches' years (undated last) and
    levels (not given last): hit units, speeches with hits, and all speeches there (n)."""
    terms = normalise(query).split()
    searchable = [s for s in speeches if any(True for _ in units_of_speech(s))]
    hits = {
        s.slug: sum(1 for _, text in units_of_speech(s) if terms and all(t in normalise(text) for t in terms))
        for s in searchable
    }

    def tally(key: str, members: list[Speech]) -> Tally:
        found = [hits[s.slug] for s in members if hits[s.slug]]
        return key, sum(found), len(found), len(members)

    years = sorted({s.meta.year for s in searchable if s.meta.year})
    by_year = [tally(str(y), [s for s in searchable if s.meta.year == y]) for y in years]
    undated = [s for s in searchable if not s.meta.year]
    if undated:
        by_year.append(tally("undated", undated))
    given = {s.meta.level for s in searchable if s.meta.level}
    levels = [lv for lv in LEVELS if lv in given] + sorted(given - set(LEVELS))
    by_level = [tally(lv, [s for s in searchable if s.meta.level == lv]) for lv in levels]
    if any(not s.meta.level for s in searchable):
        by_level.append(tally("", [s for s in searchable if not s.meta.level]))
    return {"years": by_year, "levels": by_level}
