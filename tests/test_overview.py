"""The overview page: every number on it equals the count recomputed from data/corpus.json.

Checked twice: on the fixture site built with `mkdocs build --strict` (the `built_site`
fixture), and on an in-memory build of the seeds with sidecar metadata spread over several
years, levels and places (so the year table, the line chart and the place table have more
than one row).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from corpus_counts import LENGTH_BIN, LENGTH_CAP, length_bin, paragraphs, term_counts
from trend_corpus import TREND_YEARS, trend_sources

from speechsite.annotate.glossary import load_glossary
from speechsite.pipeline import Options, build
from speechsite.render.charts import Bar, Series, bar_chart, small_multiples

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SIDECARS = {  # seed stem → sidecar metadata
    "000_92ed66065ac2b4ae": "date: 2019-05-10\nlevel: 县\nplace: 甲县\n",
    "001_c98e51e5a34b76fd": "date: 2021-03\nlevel: 区\nplace: 乙区\n",
    "002_06ac4de939bf3add": "date: 2021-11-02\nlevel: 县\nplace: 甲县\n",
    "004_25a37519d5cc85c7": "date: '2022'\nplace: 丙镇\n",
}


def numbers(row: Tag) -> list[int]:
    return [int(cell.get_text()) for cell in row.select("td.num")]


def table(soup: BeautifulSoup, figure: str) -> dict[str, list[int]]:
    rows = soup.select(f'table[data-figure="{figure}"] tbody tr')
    return {str(row["data-key"]): numbers(row) for row in rows}


def expected(corpus: dict[str, Any]) -> dict[str, Any]:
    speeches = corpus["speeches"]
    years: dict[str, list[int]] = {}
    for speech in speeches:
        key = str(speech["metadata"]["year"]) if speech["metadata"]["year"] else "undated"
        row = years.setdefault(key, [0, 0, 0])
        row[0] += 1
        row[1] += sum(1 for _ in paragraphs(speech))
        row[2] += speech["char_count"]
    lengths = Counter(length_bin(s["char_count"]) for s in speeches)
    terms: Counter[str] = Counter()
    term_speeches: Counter[str] = Counter()
    for speech in speeches:
        counts = term_counts(speech)
        terms.update(counts)
        term_speeches.update(counts.keys())
    dated_years = sorted({s["metadata"]["year"] for s in speeches if s["metadata"]["year"]})
    topic_years: dict[str, list[int]] = {"*": [sum(1 for s in speeches if s["metadata"]["year"] == y) for y in dated_years] + [len(speeches)]}
    for topic in sorted({t for s in speeches for t in s["topics"]}):
        with_topic = [s for s in speeches if topic in s["topics"]]
        topic_years[topic] = [sum(1 for s in with_topic if s["metadata"]["year"] == y) for y in dated_years] + [len(with_topic)]
    return {
        "totals": {
            "speeches": len(speeches),
            "paragraphs": sum(1 for s in speeches for _ in paragraphs(s)),
            "chars": sum(s["char_count"] for s in speeches),
            "places": len({s["metadata"]["place"] for s in speeches if s["metadata"]["place"]}),
            "terms": sum(terms.values()),
        },
        "years": years,
        "levels": {k or "": [v] for k, v in Counter(s["metadata"]["level"] for s in speeches).items()},
        "places": {k or "": [v] for k, v in Counter(s["metadata"]["place"] for s in speeches).items()},
        "lengths": {str(start): [lengths[start]] for start in range(0, max(lengths) + 1, LENGTH_BIN)},
        "terms": {key: [terms[key], term_speeches[key]] for key in terms},
        "topic_years": topic_years,
        "char_counts": sorted(s["char_count"] for s in speeches),
        "undated": sum(1 for s in speeches if not s["metadata"]["year"]),
    }


def check_page(soup: BeautifulSoup, corpus: dict[str, Any], glossary_size: int) -> None:
    want = expected(corpus)
    totals = {li["data-key"]: int(li.b.get_text()) for li in soup.select('[data-figure="totals"] li')}
    assert totals == want["totals"]
    for figure in ("years", "levels", "places", "lengths", "topic-years"):
        key = "topic_years" if figure == "topic-years" else figure
        assert table(soup, figure) == want[key], figure

    shown_terms = table(soup, "terms")
    assert shown_terms == {key: want["terms"][key] for key in shown_terms}
    counts = [value[0] for value in shown_terms.values()]
    assert counts == sorted(counts, reverse=True)
    hidden = [value[0] for key, value in want["terms"].items() if key not in shown_terms]
    assert len(shown_terms) == min(20, len(want["terms"]))
    assert not hidden or max(hidden) <= min(counts)
    note = soup.find("p", string=re.compile("术语表共")) or soup.find(string=re.compile("术语表共"))
    assert note is not None
    assert re.findall(r"\d+", note.get_text())[:3] == [str(glossary_size), str(len(want["terms"])), str(len(shown_terms))]
    assert f"未注明日期的 {want['undated']} 篇" in soup.get_text()

    facts = {li["data-key"]: int(li.b.get_text()) for li in soup.select('[data-figure="length-facts"] li')}
    chars = want["char_counts"]
    assert facts == {"shortest": chars[0], "median": chars[(len(chars) - 1) // 2], "longest": chars[-1]}
    assert chars[(len(chars) - 1) // 2] == statistics.median_low(chars)

    for figure in soup.select("figure.ss-chart-bar"):
        values = [int(node["data-value"]) for node in figure.select("[data-value]")]
        shown = [int(t.get_text()) for t in figure.select("text.value")]
        following = figure.find_next("table")
        assert values and values == shown
        column = [numbers(row)[0] for row in following.select("tbody tr")]
        if following["data-figure"] == "topic-years":  # topics' speech counts: the 合计 column
            column = [numbers(row)[-1] for row in following.select("tbody tr") if row["data-key"] != "*"]
        assert column[: len(values)] == values, figure.figcaption.get_text()


def test_overview_numbers_match_corpus_json(built_site: Path, root: Path) -> None:
    corpus = json.loads((built_site / "data" / "corpus.json").read_text("utf-8"))
    soup = BeautifulSoup((built_site / "overview" / "index.html").read_text("utf-8"), "html.parser")
    glossary = load_glossary(root / "source_texts" / "glossary.yml")
    check_page(soup, corpus, len(glossary.terms))
    assert soup.select("figure.ss-chart svg"), "the page has charts"


def test_overview_links_resolve(built_site: Path) -> None:
    page = built_site / "overview" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    article = soup.find("article")
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert any("glossary/" in h for h in hrefs) and any("topics/" in h for h in hrefs)
    assert any("speeches/years/" in h for h in hrefs) and any("speeches/levels/" in h for h in hrefs)
    assert any("speeches/" in h and "/index.html" in h and "years" not in h for h in hrefs)
    for href in hrefs:
        target = (page.parent / href.split("#")[0]).resolve()
        assert target.is_file(), href
    home = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    home_links = {a["href"] for a in home.select(".home-data a")}
    assert {"overview/index.html", "data/corpus.json", "data/paragraphs.csv.gz", "data/terms.csv",
            "data/topics.csv", "data.html"} <= home_links


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    sources = tmp_path_factory.mktemp("dated") / "source_texts"
    sources.mkdir()
    for text in sorted(SEEDS.glob("*.txt")):
        shutil.copy(text, sources / text.name)
    for stem, sidecar in SIDECARS.items():
        (sources / f"{stem}.yml").write_text(sidecar, "utf-8")
    data = ROOT / "source_texts"
    return build(Options(sources, data / "taxonomy.yml", data / "glossary.yml"))


def test_overview_with_years_levels_and_places(dated_build) -> None:  # type: ignore[no-untyped-def]
    files = {file.path: file for file in dated_build.site.files}
    corpus = json.loads(files["data/corpus.json"].as_bytes())
    soup = BeautifulSoup(files["overview/index.md"].as_bytes().decode("utf-8"), "html.parser")
    check_page(soup, corpus, len(dated_build.glossary.terms))
    assert list(table(soup, "years")) == ["2019", "2021", "2022", "2023"]
    assert table(soup, "places") == {"甲县": [2], "乙区": [1], "丙镇": [1], "": [1]}
    # No year has five speeches: no shares drawn, the topics' speech counts instead.
    assert soup.select("figure.ss-chart-multiples, polyline") == []
    trend = soup.find(string=re.compile("专题走势 {#topic-trend}")).find_next("figure")
    assert trend.figcaption.get_text() == "各专题论及的讲话篇数"
    assert "画不出可信的走势" in trend.find_previous("p").get_text()


@pytest.fixture(scope="module")
def trend_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    sources = trend_sources(tmp_path_factory.mktemp("trend"))
    return build(Options(sources, sources / "taxonomy.yml", sources / "glossary.yml"))


def test_topic_trend_is_small_multiples_of_the_years_with_enough_speeches(trend_build) -> None:  # type: ignore[no-untyped-def]
    files = {file.path: file for file in trend_build.site.files}
    corpus = json.loads(files["data/corpus.json"].as_bytes())
    soup = BeautifulSoup(files["overview/index.md"].as_bytes().decode("utf-8"), "html.parser")
    check_page(soup, corpus, len(trend_build.glossary.terms))
    figure = soup.select_one("figure.ss-chart-multiples")
    panels = figure.select("svg")
    assert 1 <= len(panels) <= 6
    years = [str(year) for year in TREND_YEARS]  # 2023 (one speech) is not drawn, only tabled
    topic_years = table(soup, "topic-years")
    assert list(topic_years)[0] == "*" and topic_years["*"] == [5, 5, 1, 11]
    names = {row["data-key"]: row.a.get_text() for row in soup.select('table[data-figure="topic-years"] tbody tr')[1:]}
    for svg in panels:
        assert len(svg.select("polyline")) == 1  # one line per small chart: none hides another
        ticks = [t.get_text() for t in svg.select("text.tick")]
        assert ticks[-4:] == ["2021", "5 篇", "2022", "5 篇"]  # the n of each year under it
        name = svg.select_one("g.series")["data-series"]
        slug = next(key for key, shown in names.items() if shown == name)
        shares = [round(100 * count / 5) for count in topic_years[slug][:2]]
        assert svg.select_one("g.series text.value").get_text() == f"{shares[-1]}%"
        assert [c.title.get_text() for c in svg.select("circle")] == [
            f"{name}，{year} 年：{count}/5 篇" for year, count in zip(years, topic_years[slug], strict=False)
        ]
    assert "讲话不足 5 篇的年份（2023）" in soup.get_text()


def test_overview_is_deterministic(dated_build) -> None:  # type: ignore[no-untyped-def]
    from speechsite.render.overview import overview_page
    from speechsite.site.context import RenderContext

    ctx = RenderContext(dated_build.corpus, dated_build.annotations, dated_build.taxonomy, dated_build.glossary)
    first = [f.content for f in overview_page(ctx)]
    assert first == [f.content for f in overview_page(ctx)]


def test_bar_chart_escapes_labels_and_scales_bars() -> None:
    svg = bar_chart("标题<x>", [Bar("<script>", 10), Bar("XX县", 5)], "篇")
    assert "<script>" not in svg and "&#60;script&#62;" in svg
    soup = BeautifulSoup(svg, "html.parser")
    widths = [float(rect["width"]) for rect in soup.select("rect.bar")]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert soup.select_one("a") is None  # links live in the table below the chart
    assert [g["data-value"] for g in soup.select("g.row")] == ["10", "5"]


def test_small_multiples_plot_shares() -> None:
    svg = small_multiples("走势", ["2020", "2021"], ["3 篇", "4 篇"], [Series("安全", (0.0, 1.0), ("a", "b"))])
    soup = BeautifulSoup(svg, "html.parser")
    points = soup.select_one("polyline")["points"].split()
    (x0, y0), (x1, y1) = (tuple(map(float, p.split(","))) for p in points)
    assert x1 > x0 and y1 < y0  # 100 % is drawn above 0 %
    assert [c.title.get_text() for c in soup.select("circle")] == ["a", "b"]


def test_length_bins_cap() -> None:
    from speechsite.annotate.overview_stats import length_bins

    assert length_bins([100, 2500, 45000]) == tuple((s, {0: 1, 2000: 1, LENGTH_CAP: 1}.get(s, 0)) for s in range(0, LENGTH_CAP + 1, LENGTH_BIN))


def test_empty_corpus_has_tables_but_no_empty_charts() -> None:
    from speechsite.annotate import Annotations
    from speechsite.annotate.glossary import Glossary
    from speechsite.annotate.taxonomy import Taxonomy
    from speechsite.model import Corpus
    from speechsite.render.overview import overview_page
    from speechsite.site.context import RenderContext

    ctx = RenderContext(Corpus(()), Annotations(), Taxonomy(), Glossary())
    soup = BeautifulSoup(next(iter(overview_page(ctx))).content, "html.parser")
    assert soup.select("figure") == []
    assert {li["data-key"]: li.b.get_text() for li in soup.select('[data-figure="totals"] li')}["speeches"] == "0"
