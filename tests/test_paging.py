"""Pages stay under their budget at any corpus size (issue 19: no page over 150 KB): the part
bars, a term page's first part, topic parts and the topics index, on corpora built to be
larger than the budgets in every way a real corpus grows."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import SOURCES

from speechsite.annotate import Annotations, Mark, UnitAnnotation
from speechsite.annotate.glossary import Glossary
from speechsite.annotate.taxonomy import Taxonomy, Topic
from speechsite.generators import topic_files
from speechsite.model import Corpus, Metadata, Paragraph, Section, SourceInfo, Speech
from speechsite.pipeline import Options, build
from speechsite.render.glossary_pages import MAX_DEFINITIONS, term_files
from speechsite.render.glossary_paging import PAGE_BYTES as TERM_BYTES
from speechsite.render.overview import PLACE_ROWS, overview_page
from speechsite.render.paging import part_pager, shown_parts
from speechsite.render.topics import PAGE_BYTES as TOPIC_BYTES
from speechsite.render.topics import toc_entry_bytes, topic_layout
from speechsite.render.topics_index import HEATMAP_BYTES
from speechsite.site.context import RenderContext
from speechsite.site.paging import part_path


def size(text: str) -> int:
    return len(text.encode())


# ── the bar between parts ─────────────────────────────────────────────────────


def test_a_bar_links_every_part_up_to_fifteen() -> None:
    assert shown_parts(15, 7) == list(range(15))
    assert shown_parts(2, 0) == [0, 1]


def test_past_fifteen_parts_the_bar_keeps_the_ends_and_the_neighbours() -> None:
    assert shown_parts(300, 0) == [0, 1, 2, 3, 4, None, 299]
    assert shown_parts(300, 150) == [0, None, *range(146, 155), None, 299]
    assert shown_parts(300, 296) == [0, None, 292, 293, 294, 295, 296, 297, 298, 299]
    assert shown_parts(16, 5) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, None, 15]


def test_the_bar_stays_small_and_every_part_is_reached_from_every_other() -> None:
    total = 400
    parts = [part_path("topics", "big", index) for index in range(total)]
    reached, todo = {0}, [0]
    largest = 0
    while todo:
        current = todo.pop()
        [bar, _] = part_pager(parts[current], parts, current, "topic-pager", "分页")
        largest = max(largest, size(bar))
        soup = BeautifulSoup(bar, "html.parser")
        assert soup.select_one(".current").get_text() == f"第 {current + 1} 页"
        for link in soup.select("a"):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(parts[current]), link["href"])
            )
            index = parts.index(target.replace(".html", ".md"))
            assert link.get_text() == f"第 {index + 1} 页"
            if index not in reached:
                reached.add(index)
                todo.append(index)
    assert reached == set(range(total))
    assert largest < 1200  # a bar of all 400 parts was 30 KB


# ── a term page ───────────────────────────────────────────────────────────────

DEFINING = (
    "同志们：\n一、落实一岗双责\n"
    "一岗双责是指领导干部在履行所在岗位业务职责的同时，对分管领域的安全生产、维护稳定、"
    "党风廉政建设等工作负有领导责任，{n}号文件对此作了具体规定，各级各部门要结合实际认真执行，"
    "切实把责任落实到每一个岗位、每一个环节、每一个人。\n"
    "要坚持一岗双责，把一岗双责落到实处，一岗双责不能只挂在嘴上。\n谢谢大家！\n"
)


def test_a_term_defined_in_every_speech_keeps_its_first_part_under_budget(tmp_path: Path) -> None:
    """150 speeches each define 一岗双责 in a long sentence: quoted in full, the definitions
    alone were 150 × 0.9 KB, more than the page's budget; now 20 of them and a link to
    data/terms.json, and every part of the page within its budget."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for n in range(150):
        (sources / f"s{n:03d}.txt").write_text(DEFINING.format(n=n), encoding="utf-8")
    built = build(Options(sources, None, SOURCES / "glossary.yml"))
    ctx = RenderContext(built.corpus, built.annotations, built.taxonomy, built.glossary)
    stats = ctx.term_stats
    term = built.glossary.get("yi-gang-shuang-ze")
    assert len(stats.definitions[term.slug]) == 150
    parts = list(term_files(ctx, term, stats))
    first = BeautifulSoup(str(parts[0].content), "html.parser")
    assert len(first.select("blockquote.gl-quote")) == MAX_DEFINITIONS
    more = first.select_one("p.gl-more")
    assert more is not None and f"另有 {150 - MAX_DEFINITIONS} 处" in more.get_text()
    assert (
        posixpath.normpath(posixpath.join("glossary/yi-gang-shuang-ze", more.a["href"]))
        == "data/terms.json"
    )
    largest = max(size(block) for block in re.split(r"\n(?=### )", str(parts[-1].content))[1:])
    for part in parts:
        assert size(str(part.content)) <= TERM_BYTES + largest, part.path
    lines = sum(
        len(BeautifulSoup(str(p.content), "html.parser").select("ol.gl-kwic > li")) for p in parts
    )
    assert lines == stats.count(term.slug) == 150 * 5  # every use still listed


# ── topic pages and the topics index ──────────────────────────────────────────


def corpus_on_topics(count: int, topics: int, passages: int) -> RenderContext:
    """`count` speeches with long titles and slugs, each with `passages` long paragraphs that
    name every one of `topics` topics, with redaction marks and Markdown characters (which
    escaping lengthens) in the text that is shown."""
    taxonomy = Taxonomy(
        tuple(Topic(f"t{k:02d}", f"专题{k:02d}", keywords=(f"专题{k:02d}",)) for k in range(topics))
    )
    speeches, units = [], {}
    for n in range(count):
        slug = f"s{n:05d}-" + "chang-biao-ti" * 4
        paras = []
        for i in range(passages):
            text = "".join(f"**{k}&*专题{k:02d}XX<>" for k in range(topics)) + "甲" * 200
            paras.append(Paragraph(f"p{i}", f"一¶{i}", i, text, i))
            marks = tuple(
                Mark(
                    text.index(f"专题{k:02d}"), text.index(f"专题{k:02d}") + 4, "topic", f"t{k:02d}"
                )
                for k in range(topics)
            )
            own = tuple(mark.key for mark in marks)
            units[(slug, f"p{i}")] = UnitAnnotation(own, own, marks)
        title = f"在第{n}次全市“综合治理”[专题]工作推进会议上的讲话" * 2
        speeches.append(
            Speech(
                SourceInfo(f"{slug}.txt", "utf-8", "0", 1),
                slug,
                Metadata(title=title, date="2024-01-01", place="某市"),
                "",
                None,
                sections=(Section("s1", 1, "一、", "工作", "", 1, tuple(paras)),),
            )
        )
    return RenderContext(Corpus(tuple(speeches)), Annotations(units), taxonomy, Glossary())


def test_topic_parts_hold_their_budget_by_the_rendered_blocks() -> None:
    """Speeches of one and of three passages whose shown text escaping makes three times
    longer: every part's Markdown and table of contents within the budget (the estimate from
    the passages' lengths undershot such blocks by up to 40 %)."""
    for passages in (1, 3):
        ctx = corpus_on_topics(900 // passages, 2, passages)
        files = {f.path: str(f.content) for f in topic_files(ctx)}
        layout = topic_layout(ctx)["t00"]
        assert len(layout.parts) > 2
        for index, path in enumerate(layout.paths):
            toc = sum(toc_entry_bytes(speech) for speech in layout.parts[index])
            assert size(files[path]) + toc <= TOPIC_BYTES + 2_500, path  # + title and bars


def test_the_heatmap_stays_within_its_budget_when_every_cell_holds_a_link() -> None:
    ctx = corpus_on_topics(80, 40, 1)
    index = next(f for f in topic_files(ctx) if f.path == "topics/index.md")
    table = re.search(r"<tbody>.*</tbody>", str(index.content))
    assert table is not None and size(table.group()) <= HEATMAP_BYTES
    assert size(str(index.content)) < 125_000  # with the theme's ≈ 25 KB, under 150 KB
    soup = BeautifulSoup(str(index.content), "html.parser")
    rows = len(soup.select("table.topic-heatmap tbody tr"))
    assert 0 < rows < 60 and f"这里只画出论及最多的 {rows} 篇" in soup.get_text()


# ── the overview ──────────────────────────────────────────────────────────────


def test_the_overview_lists_at_most_three_hundred_places() -> None:
    """A row per place grew with the corpus; a real corpus has thousands of counties."""
    speeches = tuple(
        Speech(
            SourceInfo(f"s{n}.txt", "utf-8", "0", 1),
            f"s{n:04d}",
            Metadata(title=f"讲话{n}", place=f"第{n // 2:03d}县" if n < 900 else None),
            "",
            None,
        )
        for n in range(1000)
    )
    ctx = RenderContext(Corpus(speeches), Annotations({}), Taxonomy(), Glossary())
    [page] = [str(f.content) for f in overview_page(ctx)]
    soup = BeautifulSoup(page, "html.parser")
    rows = soup.select('table[data-figure="places"] tbody tr')
    assert len(rows) == PLACE_ROWS + 1 and rows[-1]["data-key"] == ""  # and the undated row
    assert rows[-1].select("td")[1].get_text() == "100"
    note = next(p for p in soup.select("p.figure-note") if "个地点" in p.get_text())
    assert "另有 150 个地点（300 篇讲话）从略" in note.get_text()
    assert note.a["href"] == "../data/corpus.json"
    assert soup.select_one('[data-key="places"] b').get_text() == "450"  # the total counts all
