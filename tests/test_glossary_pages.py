"""Term pages, the glossary index and data/terms.json, generated from the five seed speeches.

Counting rule (what "each term's concordance count equals the exact-string count" means):
counts are taken over the parsed spoken text — every paragraph and heading of every speech,
after the reader's repairs (003's page numbers removed and the words they split joined) —
not over the raw file; a speech's title line is not a unit (it is the page title, where
terms are not linked). A term's count is the number of places where one of its forms
(term, variants, and their quote-less spellings) stands, counting overlapping forms of the
same term once, minus places vetoed by its false friends (`not_in`) and places inside a
longer glossary term (打伞 inside 打伞破网 counts for 打伞破网 only).
"""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCES

from speechsite.annotate import units_of
from speechsite.annotate.glossary import Glossary
from speechsite.pipeline import Build, Options, build

DEFINED_IN_CORPUS = {
    "fei-fang": "2023-zong-zhi-an-quan-gong-zuo-hui-yi",
    "wu-ji-wu-fu-gai": "2023-zong-zhi-an-quan-gong-zuo-hui-yi",
    "wu-luo-shi-wu-dao-wei": "2023-zong-zhi-an-quan-gong-zuo-hui-yi",
    "san-ge-bi-xu": "2023-zong-zhi-an-quan-gong-zuo-hui-yi",
    "liu-ge-yi": "quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo-gong",
}


@pytest.fixture(scope="module")
def result() -> Build:
    return build(Options(SOURCES, SOURCES / "taxonomy.yml", SOURCES / "glossary.yml"))


@pytest.fixture(scope="module")
def files(result: Build) -> dict[str, str]:
    return {f.path: f.content for f in result.site.files if isinstance(f.content, str)}


def _resolve(page: str, href: str) -> str:
    """The site path a relative link on `page` points at (anchor dropped)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0]))


def _soup(files: dict[str, str], path: str) -> BeautifulSoup:
    return BeautifulSoup(files[path], "html.parser")


def _occurrences(text: str, forms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping places of any of `forms` (longest first at each place), by str.find."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        hits = [(text.find(form, position), -len(form)) for form in forms]
        hits = [hit for hit in hits if hit[0] >= 0]
        if not hits:
            return spans
        start, negative = min(hits)
        spans.append((start, start - negative))
        position = start - negative


def _expected_counts(glossary: Glossary, texts: list[str]) -> dict[str, int]:
    counts = dict.fromkeys((term.slug for term in glossary.terms), 0)
    for text in texts:
        places = {term.slug: _occurrences(text, term.forms) for term in glossary.terms}
        for term in glossary.terms:
            longer = [span for slug, spans in places.items() if slug != term.slug for span in spans]
            vetoes = [span for context in term.not_in for span in _occurrences(text, (context,))]
            for start, end in places[term.slug]:
                inside_longer = any(
                    s <= start and end <= e and e - s > end - start for s, e in longer
                )
                vetoed = any(s < end and start < e for s, e in vetoes)
                counts[term.slug] += not inside_longer and not vetoed
    return counts


def test_every_term_has_a_page_and_the_index_lists_it(result: Build, files: dict[str, str]) -> None:
    index = _soup(files, "glossary/index.md")
    for term in result.glossary.terms:
        page = f"glossary/{term.slug}/index.md"
        front, _, _, _, heading = files[page].splitlines()[:5]
        assert front == "---" and heading.startswith("# ") and heading.endswith(" {#term}")
        definition = _soup(files, page).select_one("p.gl-definition")
        assert definition is not None and definition.get_text() == term.definition
        links = [
            a
            for a in index.find_all("a")
            if _resolve("glossary/index.md", str(a.get("href", ""))) == page.replace(".md", ".html")
        ]
        assert len(links) == 2, term.term  # once by category, once A–Z


def test_concordance_count_equals_exact_string_count_in_the_spoken_text(
    result: Build, files: dict[str, str]
) -> None:
    texts = [text for speech in result.corpus.speeches for _, text in units_of(speech)]
    data = json.loads(files["data/terms.json"])
    counts = {entry["slug"]: entry["count"] for entry in data["terms"]}
    expected_counts = _expected_counts(result.glossary, texts)
    for term in result.glossary.terms:
        expected = expected_counts[term.slug]
        assert counts[term.slug] == expected, term.term
        page = _soup(files, f"glossary/{term.slug}/index.md")
        assert len(page.select("ol.gl-kwic > li")) == expected, term.term
    assert counts["yi-gang-shuang-ze"] == 4
    assert (
        counts["she-hui-wen-ding-feng-xian-ping-gu"] == 21
    )  # 社会稳定风险评估 + 稳评 + 稳定风险评估
    assert counts["wei-wen-ban"] == 3  # 维稳办发〔2022〕 is a document number, not counted


def test_concordance_lines_are_grouped_by_speech_with_counts(files: dict[str, str]) -> None:
    page = _soup(files, "glossary/fei-fang/index.md")
    metas = page.select("p.gl-speech-meta .count")
    lists = page.select("ol.gl-kwic")
    assert [m.get_text() for m in metas] == [f"{len(ol.find_all('li'))} 次" for ol in lists]
    first = page.select_one("ol.gl-kwic > li")
    assert first is not None and first.mark is not None and first.mark.get_text() == "非访"
    cite = first.select_one("a.cite")
    assert cite is not None
    assert re.fullmatch(r"\.\./\.\./speeches/[0-9a-z-]+/index\.html#[a-z0-9-]+", str(cite["href"]))


def test_every_concordance_link_points_at_an_anchor_of_the_speech_page(
    result: Build, files: dict[str, str]
) -> None:
    for term in result.glossary.terms:
        for link in _soup(files, f"glossary/{term.slug}/index.md").select("a.cite"):
            target, _, anchor = str(link["href"]).removeprefix("../../").partition("#")
            speech_page = files[target.replace(".html", ".md")]
            heading_id = f"{{#{anchor}}}"  # headings are Markdown with an explicit id
            assert f'id="{anchor}"' in speech_page or heading_id in speech_page, link["href"]


@pytest.mark.parametrize("slug", sorted(DEFINED_IN_CORPUS))
def test_the_corpus_own_definition_is_quoted_with_a_working_link(
    slug: str, files: dict[str, str]
) -> None:
    page = _soup(files, f"glossary/{slug}/index.md")
    quote = page.select_one("blockquote.gl-quote")
    assert quote is not None and quote.mark is not None
    link = quote.select_one("a.cite")
    assert link is not None
    target, _, anchor = str(link["href"]).removeprefix("../../").partition("#")
    assert target == f"speeches/{DEFINED_IN_CORPUS[slug]}/index.html"
    speech_page = files[target.replace(".html", ".md")]
    paragraph = BeautifulSoup(speech_page, "html.parser").find(id=anchor)
    assert paragraph is not None
    quoted = quote.p.get_text() if quote.p else ""
    assert quoted[:20] in paragraph.get_text()


def test_expansion_related_terms_and_topics(files: dict[str, str]) -> None:
    page = _soup(files, "glossary/liang-ke-yi-wei-yi-huo/index.md")
    expansion = page.select_one("p.gl-expansion")
    assert expansion is not None and "危险货物运输车" in expansion.get_text()
    page = _soup(files, "glossary/yi-gang-shuang-ze/index.md")
    here = "glossary/yi-gang-shuang-ze/index.md"
    related = [_resolve(here, str(a["href"])) for a in page.select("ul.gl-related a")]
    assert "glossary/dang-zheng-tong-ze/index.html" in related
    topics = [_resolve(here, str(a["href"])) for a in page.select("ul.gl-topics a")]
    assert "topics/zeren-zhuize/index.html" in topics


def test_topics_are_not_linked_without_a_taxonomy() -> None:
    bare = build(Options(SOURCES, None, SOURCES / "glossary.yml"))
    page = next(
        f.content for f in bare.site.files if f.path == "glossary/yi-gang-shuang-ze/index.md"
    )
    assert "gl-topics" not in str(page) and "../../topics/" not in str(page)


def test_index_by_category_and_a_to_z_by_pinyin(result: Build, files: dict[str, str]) -> None:
    index = _soup(files, "glossary/index.md")
    heading_ids = re.findall(r"^### .* \{#(\S+)\}$", files["glossary/index.md"], re.M)
    categories = [h for h in heading_ids if h.startswith("cat-")]
    assert categories[:3] == [
        "cat-shu-zi-gai-kuo",
        "cat-ji-zhi-mo-shi",
        "cat-zhuan-xiang-xing-dong",
    ]
    letters = [h for h in heading_ids if h.startswith("letter-")]
    assert letters == sorted(letters, key=lambda h: (h != "letter-digits", h))
    az = [a["href"] for ul in index.select("ul.gl-az") for a in ul.select("a.term")]
    slugs = [_resolve("glossary/index.md", str(href)).split("/")[1] for href in az]
    assert slugs[0] == "321-ji-ceng-zhi-li-mo-shi"  # digits first
    assert slugs[1:] == sorted(slugs[1:])
    first = index.select_one("ul.gl-az li")
    assert first is not None and first.select_one("span.count") is not None
    assert first.a is not None and first.a["title"]  # short definition as tooltip


def test_terms_json_has_definitions_and_consistent_occurrences(
    result: Build, files: dict[str, str]
) -> None:
    data = json.loads(files["data/terms.json"])
    assert data["format"] == "speechsite-terms" and data["term_count"] == len(result.glossary)
    units = {
        (speech.slug, unit): text
        for speech in result.corpus.speeches
        for unit, text in units_of(speech)
    }
    for entry in data["terms"]:
        assert entry["definition"] and entry["url"] == f"glossary/{entry['slug']}/index.html"
        assert entry["count"] == len(entry["occurrences"])
        for occurrence in entry["occurrences"]:
            text = units[(occurrence["speech"], occurrence["paragraph"])]
            start = occurrence["offset"]
            assert text[start : start + occurrence["length"]] == occurrence["form"]
    by_slug = {entry["slug"]: entry for entry in data["terms"]}
    assert by_slug["fei-fang"]["corpus_definitions"][0]["text"].startswith("非访:非正常上访是指")


HOSTILE = """同志们：
一、落实<script>alert(1)</script>一岗双责要求
要履行好“一岗双责”，*和XX不是强调，[链接](http://x)也不是链接，<b>一岗双责</b>。
谢谢大家！
"""


def test_source_text_is_escaped_on_term_pages(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    hostile = build(Options(sources, None, SOURCES / "glossary.yml"))
    page = next(
        str(f.content)
        for f in hostile.site.files
        if f.path == "glossary/yi-gang-shuang-ze/index.md"
    )
    assert "<script>" not in page and "<b>" not in page and "](http" not in page
    soup = BeautifulSoup(page, "html.parser")
    lines = [li.get_text() for li in soup.select("ol.gl-kwic > li")]
    assert len(lines) == 3
    assert any("alert(1)</script>一岗双责" in unescape(line) for line in lines)
    assert all(
        li.mark and li.mark.get_text() == "一岗双责" for li in soup.select("ol.gl-kwic > li")
    )


def test_a_much_used_term_is_split_into_pages_of_whole_speeches(result: Build) -> None:
    from speechsite.annotate.glossary_stats import term_stats
    from speechsite.render.glossary_pages import term_files
    from speechsite.site.context import RenderContext

    ctx = RenderContext(result.corpus, result.annotations, result.taxonomy, result.glossary)
    stats = term_stats(result.corpus, result.annotations)
    term = result.glossary.get("she-hui-zhi-an-zong-he-zhi-li")  # 综治: in four speeches
    parts = list(term_files(ctx, term, stats, budget=3000))
    assert [f.path for f in parts][:2] == [
        "glossary/she-hui-zhi-an-zong-he-zhi-li/index.md",
        "glossary/she-hui-zhi-an-zong-he-zhi-li/2/index.md",
    ]
    paths = {f.path for f in parts}
    lines = 0
    speeches: list[str] = []
    for part in parts:
        soup = BeautifulSoup(str(part.content), "html.parser")
        lines += len(soup.select("ol.gl-kwic > li"))
        speeches += re.findall(r"\{#speech-(\S+)\}", str(part.content))
        pager = [_resolve(part.path, str(a["href"])) for a in soup.select("nav.gl-pager a")]
        assert len(pager) == 2 * (len(parts) - 1)  # above and below the list
        assert {p.replace(".html", ".md") for p in pager} <= paths
        for link in soup.select("a.cite"):
            assert _resolve(part.path, str(link["href"])).startswith("speeches/")
    assert lines == stats.count(term.slug) == 34  # 35 in the files: one is in 003’s title line
    assert len(speeches) == len(set(speeches)) == stats.speech_count(term.slug)  # whole speeches
    assert "gl-definition" in str(parts[0].content) and "gl-definition" not in str(parts[1].content)


def test_the_first_part_lists_fewer_occurrences_by_what_its_other_sections_take() -> None:
    from speechsite.site.paging import split_parts

    assert split_parts(range(7), lambda item: 100, 300) == [[0, 1, 2], [3, 4, 5], [6]]
    assert split_parts(range(7), lambda item: 100, 300, first=100) == [[0], [1, 2, 3], [4, 5, 6]]
    assert split_parts(range(3), lambda item: 500, 300, first=100) == [[0], [1], [2]]  # never empty


def test_no_term_page_part_exceeds_its_budget_by_more_than_one_speech(result: Build) -> None:
    from speechsite.annotate.glossary_stats import term_stats
    from speechsite.render.glossary_pages import term_files
    from speechsite.site.context import RenderContext

    ctx = RenderContext(result.corpus, result.annotations, result.taxonomy, result.glossary)
    stats = term_stats(result.corpus, result.annotations)
    budget = 6000
    for term in result.glossary.terms:
        groups = stats.by_speech(term.slug)
        largest = max((400 + 700 * len(found) for _, found in groups), default=0)
        for part in term_files(ctx, term, stats, budget=budget):
            header = 1500  # front matter, title, pager lines
            assert len(str(part.content).encode()) <= budget + largest + header, part.path


GOLDEN = Path(__file__).parent / "golden" / "glossary"


@pytest.mark.parametrize(
    "path", ["glossary/index.md", "glossary/fei-fang/index.md", "glossary/liu-ge-yi/index.md"]
)
def test_golden_glossary_pages(path: str, files: dict[str, str], update_goldens: bool) -> None:
    """Refresh with `.venv/bin/python -m pytest tests/test_glossary_pages.py --update-goldens`."""
    golden = GOLDEN / path.replace("/", "__")
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(files[path], encoding="utf-8")
    assert files[path] == golden.read_text(encoding="utf-8"), (
        f"{golden} differs — review, then refresh with --update-goldens"
    )
