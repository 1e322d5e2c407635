"""Topic pages, the topics index (heatmap) and data/topics.json, on the parsed seed speeches."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCES
from linkcheck import check_links

from speechsite.annotate import Annotations, Mark, UnitAnnotation
from speechsite.annotate.glossary import Glossary
from speechsite.annotate.taxonomy import Taxonomy, Topic
from speechsite.annotate.topic_stats import Passage, topic_stats
from speechsite.generators import topic_files
from speechsite.model import Corpus, Metadata, Paragraph, Section, SourceInfo, Speech
from speechsite.pipeline import Build, Options, build
from speechsite.render.topics import excerpt, topic_layout
from speechsite.site.context import RenderContext

TAXONOMY = SOURCES / "taxonomy.yml"
GLOSSARY = SOURCES / "glossary.yml"


def options(taxonomy: Path = TAXONOMY) -> Options:
    return Options(SOURCES, taxonomy, GLOSSARY if GLOSSARY.exists() else None)


@pytest.fixture(scope="module")
def built() -> Build:
    return build(options())


@pytest.fixture(scope="module")
def files(built: Build) -> dict[str, str]:
    text = (f for f in built.site.files if isinstance(f.content, str) or f.path.endswith(".json"))
    return {f.path: f.as_bytes().decode("utf-8") for f in text}  # corpus.json is made as UTF-8 bytes


def links(page_path: str, markdown_text: str) -> dict[str, str]:
    """Site path (with #anchor) each link of a generated page points at → the link's text."""
    found = {}
    for a in BeautifulSoup(markdown_text, "html.parser").find_all("a"):
        target, _, anchor = str(a["href"]).partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
        found[f"{path}#{anchor}" if anchor else path] = a.get_text()
    return found


def seed(built: Build, prefix: str) -> Speech:
    (speech,) = [s for s in built.corpus.speeches if s.source.path.startswith(prefix)]
    return speech


def passages(built: Build, slug: str) -> list[Passage]:
    return list(topic_stats(built.corpus, built.annotations, built.taxonomy)[slug].passages)


def listed(built: Build, topic: str, speech_prefix: str, needle: str) -> Passage:
    """The one passage of a topic, in the given seed, whose text contains `needle`."""
    found = [
        p
        for p in passages(built, topic)
        if p.speech.source.path.startswith(speech_prefix) and needle in p.text
    ]
    assert len(found) == 1, (topic, speech_prefix, needle, [p.citation for p in found])
    return found[0]


# --- acceptance: what each required topic lists ----------------------------------------------

SAOHEI = [
    ("000", "摸排涉恶线索"),  # opening paragraph
    ("000", "大力开展扫黑除恶“回头看”"),  # section 一's heading
    ("000", "黑恶势力是危及基层民主政权"),  # 一（二）
    ("002", "三是坚持标本兼治"),  # 二 “三要把扫黑除恶斗争作为重点”
    ("004", "推进扫黑除恶常态化"),  # 二.3
]
NISHUI = [
    ("004", "未发生学生溺水事件"),  # 一.2
    ("004", "防学生溺水“人防+物防+技防”"),  # 一.3
    ("004", "防溺水巡查值守"),  # 二.2
    ("004", "防学生溺水方面"),  # 二.3
    ("000", "教体部门要对各类学校"),  # 二（三）
]
DIANZHA = [
    ("004", "信访维稳禁毒反电诈专班"),  # opening
    ("004", "反电诈工作综合排名"),  # 一.2
    ("004", "缅北窝点"),  # 二.2
    ("004", "反电诈方面"),  # 二.3
    ("002", "网络诈骗"),  # 二 “二要…”
]


@pytest.mark.parametrize(
    ("topic", "cases"), [("saohei-chue", SAOHEI), ("fang-nishui", NISHUI), ("fan-dianzha", DIANZHA)]
)
def test_required_topic_lists_passages(
    built: Build, topic: str, cases: list[tuple[str, str]]
) -> None:
    for prefix, needle in cases:
        passage = listed(built, topic, prefix, needle)
        assert passage.marks and all(m.key == topic for m in passage.marks)


def test_section_heading_is_listed_and_covers_its_body(built: Build) -> None:
    passage = listed(built, "saohei-chue", "000", "大力开展扫黑除恶“回头看”")
    assert passage.heading is not None and passage.heading.number == "一"
    assert passage.covers == 5
    body = next(iter(passage.heading.all_paragraphs()))
    assert "saohei-chue" in built.annotations.of(passage.speech.slug, body.id).topics


def test_002_sub_heading_on_saohei(built: Build) -> None:
    texts = [
        p.text for p in passages(built, "saohei-chue") if p.speech.source.path.startswith("002")
    ]
    assert any("把扫黑除恶斗争作为重点" in text for text in texts)


def test_drowning_is_never_evidenced_by_generic_prevention(built: Build) -> None:
    found = passages(built, "fang-nishui")
    assert len(found) >= 5
    for passage in found:
        words = {passage.text[m.start : m.end] for m in passage.marks}
        assert words and all("溺" in word for word in words), (passage.citation, words)


def test_every_listed_passage_carries_evidence(built: Build) -> None:
    stats = topic_stats(built.corpus, built.annotations, built.taxonomy)
    for slug, topic_stat in stats.items():
        keywords = set(built.taxonomy.get(slug).keywords)
        for passage in topic_stat.passages:
            assert passage.marks, (slug, passage.citation)
            for mark in passage.marks:
                assert passage.text[mark.start : mark.end] in keywords


# --- topic pages ------------------------------------------------------------------------------


def test_topic_page_shows_counts_hierarchy_and_marked_passages(
    built: Build, files: dict[str, str]
) -> None:
    page = files["topics/fang-nishui/index.md"]
    stats = topic_stats(built.corpus, built.annotations, built.taxonomy)["fang-nishui"]
    assert page.startswith('---\ntitle: "防溺水"\n---\n\n# 防溺水 {#topic}\n')
    assert f"<dt>论及的讲话</dt><dd>{stats.speech_count} 篇</dd>" in page
    assert f"<dt>段落与标题</dt><dd>{stats.passage_count} 段</dd>" in page
    targets = links("topics/fang-nishui/index.md", page)
    assert targets["topics/shehui-zhili-liuxiang/index.html"] == "社会治理六项重点工作"
    s004 = seed(built, "004")
    assert f"{{#speech-{s004.slug}}}" in page
    passage = listed(built, "fang-nishui", "004", "防溺水巡查值守")
    assert targets[f"speeches/{s004.slug}/index.html#{passage.unit_id}"] == passage.citation
    assert "<mark>防溺水</mark>" in page
    # grouped by speech in corpus order, document order inside a speech
    order = [p.unit_id for p in passages(built, "fang-nishui")]
    positions = [page.index(f'#{unit}"') for unit in order]
    assert positions == sorted(positions)


def test_parent_page_links_children_and_related_topics(files: dict[str, str]) -> None:
    page = files["topics/shehui-zhili-liuxiang/index.md"]
    for child in (
        "anquan-shengchan",
        "daolu-jiaotong",
        "fang-nishui",
        "xinfang-weiwen",
        "jindu",
        "fan-dianzha",
    ):
        assert f"topics/{child}/index.html" in links("topics/shehui-zhili-liuxiang/index.md", page)
    assert re.search(r'fang-nishui/index\.html">防溺水</a>（\d+ 段）', page)
    nishui = files["topics/fang-nishui/index.md"]
    related = nishui.split("## 相关专题", 1)[1].split("##", 1)[0]
    assert re.search(
        r'<a href="[./a-z-]+/index\.html">[^<]+</a> <span class="count">\d+</span>', related
    )


def test_every_topic_link_resolves(built_site: Path) -> None:
    """The built site (mkdocs build --strict): topic pages exist and none of their links is broken."""
    pages = sorted(built_site.glob("topics/**/*.html"))
    assert (
        built_site / "topics/index.html" in pages
        and built_site / "topics/fang-nishui/index.html" in pages
    )
    problems = [problem for problem in check_links(built_site) if problem.startswith("topics/")]
    assert problems == []
    nishui = (built_site / "topics/fang-nishui/index.html").read_text(encoding="utf-8")
    assert nishui.count("<mark>") >= 5


def test_adding_a_keyword_adds_its_passages(tmp_path: Path, built: Build) -> None:
    before = passages(built, "zeren-zhuize")
    assert not any("雨过地皮湿" in p.text for p in before)
    taxonomy = tmp_path / "taxonomy.yml"
    text = TAXONOMY.read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("      - 追责问责\n", "      - 追责问责\n      - 雨过地皮湿\n", 1), "utf-8"
    )
    rebuilt = build(options(taxonomy))
    after = passages(rebuilt, "zeren-zhuize")
    assert len(after) == len(before) + 1
    (new,) = [p for p in after if "雨过地皮湿" in p.text]
    page = next(f.content for f in rebuilt.site.files if f.path == "topics/zeren-zhuize/index.md")
    assert "<mark>雨过地皮湿</mark>" in str(page)


def test_malformed_taxonomy_is_a_warning_and_the_site_builds_without_topics(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yml"
    shutil.copy(TAXONOMY, taxonomy)
    text = taxonomy.read_text(encoding="utf-8").replace(
        "    parent: shehui-zhili-liuxiang\n", "    parent: liuxiang\n", 1
    )
    taxonomy.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    parent: liuxiang") + 1
    result = build(options(taxonomy))
    assert [str(d) for d in result.corpus.diagnostics if "taxonomy" in d.file] == [
        f"{taxonomy}:{line}: parent “liuxiang” of topic “anquan-shengchan” is not a topic in this file"
        " — use the slug of a topic defined here, or remove `parent:`; until then the site is built"
        " without topics"
    ]
    assert [d.level for d in result.corpus.diagnostics if "taxonomy" in d.file] == ["warning"]
    assert result.taxonomy.topics == () and len(result.corpus.speeches) == 5
    pages = {file.path for file in result.site.files}
    assert all(f"speeches/{speech.slug}/index.md" in pages for speech in result.corpus.speeches)
    # Glossary terms still link: only the broken file is left out.
    assert result.glossary.terms and any(path.startswith("glossary/") for path in pages)


def test_malformed_glossary_is_a_warning_and_the_site_builds_without_terms(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.yml"
    glossary.write_text("terms:\n  - term: 一岗双责\n    definition: [unclosed\n", encoding="utf-8")
    result = build(Options(SOURCES, TAXONOMY, glossary))
    problems = [d for d in result.corpus.diagnostics if d.file == str(glossary)]
    assert len(problems) == 1 and problems[0].level == "warning" and problems[0].line
    assert str(problems[0]).endswith("; until then the site is built without glossary terms")
    assert result.glossary.terms == () and result.taxonomy.topics


# --- topics index, heatmap, topics.json ----------------------------------------------------


def test_topics_index_has_tree_and_heatmap(built: Build, files: dict[str, str]) -> None:
    page = files["topics/index.md"]
    soup = BeautifulSoup(page, "html.parser")
    table = soup.find("table", class_="topic-heatmap")
    assert table is not None
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(built.corpus.speeches)
    s004 = seed(built, "004")
    stats = topic_stats(built.corpus, built.annotations, built.taxonomy)
    count = stats["fang-nishui"].per_speech[s004.slug]
    cells = links("topics/index.md", str(table))
    assert cells[f"topics/fang-nishui/index.html#speech-{s004.slug}"] == str(count)
    assert "h5" in " ".join(c for td in table.find_all("td") for c in td.get("class", []))
    tree = soup.find("ul", class_="topic-tree")
    nishui = tree.find("a", string="防溺水")
    assert nishui.find_parent("ul") is not tree  # nested under its parent topic


def test_topics_json_counts_match_pages(built: Build, files: dict[str, str]) -> None:
    data = json.loads(files["data/topics.json"])
    assert data["format"] == "speechsite-topics" and data["topic_count"] == len(built.taxonomy)
    by_slug = {topic["slug"]: topic for topic in data["topics"]}
    stats = topic_stats(built.corpus, built.annotations, built.taxonomy)
    nishui = by_slug["fang-nishui"]
    assert (
        nishui["parent"] == "shehui-zhili-liuxiang"
        and nishui["url"] == "topics/fang-nishui/index.html"
    )
    assert nishui["passage_count"] == stats["fang-nishui"].passage_count
    assert sum(s["passages"] for s in nishui["speeches"].values()) == nishui["passage_count"]
    assert nishui["pages"] == ["topics/fang-nishui/index.html"]
    assert {s["page"] for s in nishui["speeches"].values()} == {1}
    assert by_slug["shehui-zhili-liuxiang"]["children"][2] == "fang-nishui"


def test_corpus_json_carries_topics_and_evidence(built: Build, files: dict[str, str]) -> None:
    data = json.loads(files["data/corpus.json"])
    s004 = seed(built, "004")
    speech = next(s for s in data["speeches"] if s["slug"] == s004.slug)
    opening = speech["opening"][0]
    assert {"fan-dianzha", "jindu", "xinfang-weiwen"} <= set(opening["own_topics"])
    words = {
        e["text"] for e in opening["evidence"] if e["kind"] == "topic" and e["key"] == "fan-dianzha"
    }
    assert words == {"反电诈"}


def test_speech_page_shows_topic_chips(built: Build, files: dict[str, str]) -> None:
    s004 = seed(built, "004")
    page = files[f"speeches/{s004.slug}/index.md"]
    targets = links(f"speeches/{s004.slug}/index.md", page)
    assert targets["topics/fang-nishui/index.html"] == "防溺水"
    assert targets["topics/fan-dianzha/index.html"] == "反电诈"


# --- rendering details, on hand-built speeches -------------------------------------------


def test_excerpt_escapes_source_text_and_marks_evidence() -> None:
    text = "<script>x</script>**要做好防溺水工作"
    start = text.index("防溺水")
    html = excerpt(text, [Mark(start, start + 3, "topic", "fang-nishui")])
    assert "<script>" not in html and "&#60;script&#62;" in html
    assert 'class="redaction"' in html and "<mark>防溺水</mark>" in html


def test_long_passage_is_cut_around_its_evidence() -> None:
    text = "甲" * 300 + "防溺水" + "乙" * 300
    html = excerpt(text, [Mark(300, 303, "topic", "fang-nishui")])
    assert html == "…" + "甲" * 24 + "<mark>防溺水</mark>" + "乙" * 24 + "…"


def hand_built(count: int) -> RenderContext:
    """`count` speeches, each with two paragraphs on 防溺水 and one on 禁毒."""
    taxonomy = Taxonomy(
        (
            Topic("fang-nishui", "防溺水", keywords=("防溺水",)),
            Topic("jindu", "禁毒", keywords=("禁毒",)),
        )
    )
    speeches, units = [], {}
    for n in range(count):
        slug = f"s{n:04d}"
        paras = tuple(
            Paragraph(f"p{i}", f"一¶{i}", i, f"第{n}篇第{i}段，要做好防溺水和禁毒工作。" * 3, i)
            for i in (1, 2)
        )
        section = Section("s1", 1, "一、", "防溺水", "", 1, paras)
        speeches.append(
            Speech(
                SourceInfo(f"{slug}.txt", "utf-8", "0", 1),
                slug,
                Metadata(title=f"讲话{n}"),
                "",
                None,
                sections=(section,),
            )
        )
        for para in paras:
            marks = tuple(taxonomy.match(para.text))
            own = tuple(dict.fromkeys(m.key for m in marks))
            units[(slug, para.id)] = UnitAnnotation(own, own, marks)
        units[(slug, "s1")] = UnitAnnotation(
            ("fang-nishui",), ("fang-nishui",), (Mark(0, 3, "topic", "fang-nishui"),)
        )
    return RenderContext(Corpus(tuple(speeches)), Annotations(units), taxonomy, Glossary())


def test_big_topics_are_paginated_and_links_follow() -> None:
    ctx = hand_built(400)
    files = {f.path: str(f.content) for f in topic_files(ctx)}
    parts = sorted(path for path in files if path.startswith("topics/fang-nishui/"))
    assert len(parts) > 1
    assert all(len(files[path].encode()) < 150_000 for path in parts)
    layout = topic_layout(ctx)["fang-nishui"]
    for speech in ctx.corpus.speeches:
        assert f"{{#speech-{speech.slug}}}" in files[layout.page(speech.slug)]
    assert '<nav class="topic-pager"' in files["topics/fang-nishui/2/index.md"]
    data = json.loads(files["data/topics.json"])
    nishui = next(topic for topic in data["topics"] if topic["slug"] == "fang-nishui")
    assert nishui["pages"] == [path.removesuffix(".md") + ".html" for path in layout.paths]
    for speech, entry in nishui["speeches"].items():
        assert layout.paths[entry["page"] - 1] == layout.page(speech)


def test_index_stays_small_at_two_thousand_speeches() -> None:
    ctx = hand_built(2000)
    files = {f.path: str(f.content) for f in topic_files(ctx)}
    index = files["topics/index.md"]
    assert len(index.encode()) < 150_000
    assert "共 2000 篇讲话论及专题，这里只画出论及最多的 60 篇" in index
    assert all(len(text.encode()) < 150_000 for path, text in files.items() if path.endswith(".md"))


def test_empty_topic_still_has_a_page() -> None:
    ctx = hand_built(1)
    taxonomy = Taxonomy((*ctx.taxonomy.topics, Topic("empty", "空", keywords=("无此词",))))
    files = {f.path: str(f.content) for f in topic_files(replace(ctx, taxonomy=taxonomy))}
    assert "目前还没有讲话论及这一专题。" in files["topics/empty/index.md"]


def test_hostile_source_text_stays_text_on_topic_pages() -> None:
    """Titles and passages from sources are escaped: no tag, link, emphasis or template fires."""
    import markdown

    ctx = hand_built(1)
    hostile = (
        "</title><script>alert(1)</script>*重要* [x](javascript:alert(1)) {{ config }} # 防溺水"
    )
    speech = replace(ctx.corpus.speeches[0], meta=Metadata(title=hostile))
    section = speech.sections[0]
    paragraph = replace(section.paragraphs[0], text=hostile + "<b>防溺水</b>")
    speech = replace(speech, sections=(replace(section, paragraphs=(paragraph,)),))
    marks = tuple(ctx.taxonomy.match(paragraph.text))
    units = {(speech.slug, paragraph.id): UnitAnnotation(("fang-nishui",), ("fang-nishui",), marks)}
    ctx = replace(ctx, corpus=Corpus((speech,)), annotations=Annotations(units))
    files = {f.path: str(f.content) for f in topic_files(ctx)}
    for path in ("topics/fang-nishui/index.md", "topics/index.md"):
        html = markdown.markdown(files[path], extensions=["attr_list", "md_in_html", "toc"])
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "title", "em", "b", "strong"]), path
        assert not [a for a in soup.find_all("a") if "javascript" in str(a.get("href"))]
        assert "{{ config }}" not in html and "<script>alert(1)</script>" in soup.get_text()
    assert "<mark>防溺水</mark>" in files["topics/fang-nishui/index.md"]


GOLDEN = Path(__file__).parent / "golden" / "topics"


@pytest.mark.parametrize("path", ["topics/fang-nishui/index.md", "topics/index.md"])
def test_golden_topic_pages(path: str, update_goldens: bool) -> None:
    """Refresh with `.venv/bin/python -m pytest tests/test_topics.py --update-goldens`."""
    files = {f.path: str(f.content) for f in topic_files(hand_built(3))}
    golden = GOLDEN / (path.replace("/", "__"))
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(files[path], encoding="utf-8")
    assert files[path] == golden.read_text(encoding="utf-8"), (
        f"{golden} differs — review, then refresh with --update-goldens"
    )
