"""The query-by-year panel of the header search box: how a query's hits spread over years and
levels, counted in the browser from the manifest alone.

The fixture site (seeds + hostile texts) is built with `mkdocs build --strict` after sidecar
metadata spreads the seeds over 2019–2023 and three levels, one seed and the fixtures staying
undated. Ground truth: a substring scan over the parsed sources (tests/search_queries.py).
The Python twin (search/query.py `spread`) is checked against the same truth, without a browser.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from search_queries import QUERIES, expected_spread
from sitebuild import BuiltSite, make_project, mkdocs_build

from speechsite.model import Corpus
from speechsite.pipeline import read_corpus
from speechsite.search.files import FORMAT, _deflated, _script
from speechsite.search.normalise import build_char_map
from speechsite.search.query import SearchIndex, payload, unpacked

CHAR_MAP = build_char_map()
SIDECARS = {  # seed stem → sidecar metadata; 003 keeps its own year (2023), 002 is undated
    "000_92ed66065ac2b4ae": "date: 2019-05-10\nlevel: 县\nplace: 甲县\n",
    "001_c98e51e5a34b76fd": "date: 2021-03\nlevel: 区\nplace: 乙区\n",
    "004_25a37519d5cc85c7": "date: 2021-11-02\nlevel: 市\nplace: 丙市\n",
}
SPREAD_QUERIES = (*QUERIES, "信访 工作", "同志们")
INPUT = "[data-speechsite-search-query]"
WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state !== 'loading'; }"""
READ = """() => {
  const panel = document.querySelector('.speechsite-search__spread');
  const rows = f => [...panel.querySelectorAll(`table[data-figure="${f}"] tbody tr`)].map(tr =>
    [tr.dataset.key, +tr.dataset.units, +tr.dataset.speeches, +tr.dataset.total]);
  return { hidden: panel.hidden, years: rows('years'), levels: rows('levels'),
           summary: panel.querySelector('summary')?.textContent || '',
           text: panel.textContent, hits: +document.querySelector('[data-speechsite-search-result]').dataset.hits };
}"""


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("dated-site")
    project = make_project(folder / "project")
    for stem, sidecar in SIDECARS.items():
        (project / "source_texts" / f"{stem}.yml").write_text(sidecar, "utf-8")
    return mkdocs_build(project, folder / "site")


@pytest.fixture(scope="module")
def corpus(dated_site: BuiltSite) -> Corpus:
    return read_corpus(dated_site.project / "source_texts")


def _truth(corpus: Corpus, query: str) -> dict[str, list[list[Any]]]:
    found = expected_spread(corpus.speeches, query, CHAR_MAP.normalise)
    return {kind: [list(row) for row in rows] for kind, rows in found.items()}


def test_the_python_twin_counts_the_spread_from_the_manifest(
    dated_site: BuiltSite, corpus: Corpus
) -> None:
    index = SearchIndex(lambda path: (dated_site.site / path).read_bytes())
    assert index.manifest["format"] == FORMAT
    for query in SPREAD_QUERIES:
        spread = index.spread(index.search(query))
        got = {kind: [list(row) for row in rows] for kind, rows in spread.items()}
        assert got == _truth(corpus, query), query
    truth = _truth(corpus, "信访")
    assert [row[0] for row in truth["years"]] == ["2019", "2021", "2023", "undated"]
    assert [row[0] for row in truth["levels"]][:3] == ["市", "县", "区"]


@pytest.fixture(scope="module")
def page(browser: Any, dated_site: BuiltSite) -> Iterator[Any]:
    with serve(dated_site.site) as url:
        page = browser.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.errors = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{url}/index.html")
        page.wait_for_load_state("load")
        yield page
        page.close()


def _panel(page: Any, query: str) -> dict[str, Any]:
    page.fill(INPUT, query)
    page.wait_for_function(WAIT, arg=query, timeout=15000)
    return page.evaluate(READ)  # type: ignore[no-any-return]


@pytest.mark.browser
@pytest.mark.parametrize("query", SPREAD_QUERIES)
def test_panel_counts_by_year_and_level_match_the_corpus(
    page: Any, corpus: Corpus, query: str
) -> None:
    shown = _panel(page, query)
    truth = _truth(corpus, query)
    if not any(row[1] for row in truth["years"]):
        assert shown["hidden"] and shown["years"] == []
        return
    assert not shown["hidden"]
    assert shown["years"] == truth["years"]
    assert shown["levels"] == truth["levels"]
    assert sum(row[1] for row in shown["years"]) == shown["hits"]
    with_hits = [row for row in truth["years"] if row[1]]
    assert shown["summary"].startswith("按年份：")
    assert shown["summary"].count(" 段") == len(with_hits)
    assert not page.errors


@pytest.mark.browser
def test_the_panel_shows_counts_with_n_in_chinese(page: Any) -> None:
    shown = _panel(page, "信访")
    assert "2019 年" in shown["text"] and "未注明日期" in shown["text"]
    assert "县级" in shown["text"] and "未注明层级" in shown["text"]
    assert "%" not in shown["text"]
    assert any(row[3] == 1 for row in shown["years"])  # a year of one speech: "1/1 篇"
    assert "/1 篇" in shown["text"]
    # search.css reaches the panel (a stylesheet broken above its rules would leave it bare)
    style = page.evaluate(
        "getComputedStyle(document.querySelector('.speechsite-search__spread')).paddingLeft"
    )
    assert style != "0px"


@pytest.mark.browser
def test_the_panel_loads_nothing_beyond_the_query(page: Any, dated_site: BuiltSite) -> None:
    """The spread comes from the manifest: a query with many hits loads only the shards of
    its keys and the display blocks of the ten hits it shows."""
    index = SearchIndex(lambda path: (dated_site.site / path).read_bytes())
    units = index.search("的")
    shown_blocks = {unit // index.manifest["block"] for unit in units[:10]}
    page.requests.clear()
    shown = _panel(page, "的")
    assert shown["hits"] == len(units) > 40 and not shown["hidden"]
    blocks = {int(url.rsplit("/", 1)[1].removesuffix(".js")) for url in page.requests if "/search/u/" in url}
    assert blocks <= shown_blocks
    assert len({unit // index.manifest["block"] for unit in units}) > len(shown_blocks)


@pytest.mark.browser
def test_html_in_metadata_or_query_stays_text(page: Any) -> None:
    shown = _panel(page, "<img src=x onerror=alert(1)>")
    assert shown["hidden"]
    assert page.evaluate("document.querySelectorAll('.speechsite-search__spread img').length") == 0


@pytest.mark.browser
def test_an_index_of_another_format_is_refused(
    browser: Any, dated_site: BuiltSite, tmp_path: Path
) -> None:
    """A page meets an index written for another engine (an old build): a clear message."""
    site = tmp_path / "site"
    shutil.copytree(dated_site.site, site)
    manifest_path = site / "search" / "manifest.js"
    manifest = unpacked(payload(manifest_path.read_bytes()))
    manifest["format"] = 3
    data = json.dumps(manifest, ensure_ascii=False).encode()
    manifest_path.write_bytes(_script("search/manifest.js", "manifest", 0, _deflated(data)).as_bytes())
    with serve(site) as url:
        page = browser.new_page()
        try:
            page.goto(f"{url}/index.html")
            page.fill(INPUT, "信访")
            page.wait_for_function(WAIT, arg="信访", timeout=15000)
            meta = page.text_content(".md-search-result__meta")
            assert f"索引格式为 3，本页需要格式 {FORMAT}，请重新构建网站" in meta
        finally:
            page.close()
