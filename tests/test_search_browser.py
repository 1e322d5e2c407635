"""The header search box in Chromium: every query returns exactly the units that contain it.

One browser and one page run all queries against the built fixture site, served over HTTP;
ground truth is a substring scan over the parsed sources (tests/search_queries.py). One
more test opens the site from the file system (file://).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from search_queries import QUERIES, expected, long_query

from speechsite.annotate.glossary import load_glossary
from speechsite.model import Corpus, Speech
from speechsite.pipeline import read_corpus
from speechsite.search.normalise import build_char_map

pytestmark = pytest.mark.browser

CHAR_MAP = build_char_map()
INPUT = "[data-speechsite-search-query]"
RESULT = "[data-speechsite-search-result]"
WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state !== 'loading'; }"""
MORE = """before => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.shown !== before; }"""


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    return browser


@pytest.fixture(scope="module")
def served(server: str) -> str:
    return f"{server}/"


@pytest.fixture(scope="module")
def corpus(fixture_build: Any) -> Corpus:
    return read_corpus(fixture_build.project / "source_texts")


@pytest.fixture(scope="module")
def page(chromium: Any, served: str) -> Iterator[Any]:
    page = chromium.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served + "index.html")
    page.wait_for_load_state("load")
    yield page
    page.close()


def _url(speech: Speech) -> str:
    return f"speeches/{speech.slug}/index.html"


def search(page: Any, query: str) -> dict[str, Any]:
    """Type the query, show every result ("显示更多" until all are there), read the panel."""
    page.fill(INPUT, query)
    page.wait_for_function(WAIT, arg=query, timeout=15000)
    while page.query_selector(".speechsite-search__more button:not([disabled])"):
        before = page.get_attribute(RESULT, "data-shown")
        page.click(".speechsite-search__more button")
        page.wait_for_function(MORE, arg=before, timeout=15000)
    return page.evaluate(
        """() => { const r = document.querySelector('[data-speechsite-search-result]');
        return {
          state: r.dataset.state, hits: r.dataset.hits === undefined ? null : +r.dataset.hits,
          meta: r.querySelector('.md-search-result__meta').textContent,
          units: [...r.querySelectorAll('a[data-unit]')].map(a => a.dataset.unit),
          hrefs: [...r.querySelectorAll('a[data-unit]')].map(a => a.href),
          marks: [...r.querySelectorAll('a[data-unit]')].map(a =>
            [...a.querySelectorAll('mark')].map(m => m.textContent)),
          pages: [...r.querySelectorAll('a[data-page]')].map(a =>
            [a.dataset.page, a.querySelector('.speechsite-search__name').textContent]),
          first: r.querySelector('.md-search-result__list > li')?.className || '',
          images: r.querySelectorAll('img').length,
        }; }"""
    )


def _keys(truth: list[tuple[str, str]]) -> list[str]:
    return sorted(f"{url}#{anchor}" for url, anchor in truth)


def test_nothing_is_downloaded_before_the_first_query(page: Any) -> None:
    assert not [url for url in page.requests if "/search/" in url]


@pytest.mark.parametrize("query", QUERIES)
def test_query_finds_exactly_the_units_that_contain_it(
    page: Any, corpus: Corpus, query: str
) -> None:
    truth = expected(corpus.speeches, query, CHAR_MAP.normalise, _url)
    shown = search(page, query)
    assert shown["state"] == "done"
    assert shown["hits"] == len(truth)
    assert sorted(shown["units"]) == _keys(truth)  # recall and precision 1.0
    terms = CHAR_MAP.normalise(query).split()
    for marks in shown["marks"]:  # adjacent matches share one <mark>
        assert marks and all(any(t in CHAR_MAP.normalise(m) for t in terms) for m in marks)
    pairs = zip(shown["hrefs"], shown["units"], strict=True)
    assert all(re.sub(r"\?h=[^#]*", "", href).endswith(unit.removesuffix("#")) for href, unit in pairs)
    assert shown["images"] == 0 and not page.dialogs


def test_links_land_on_existing_paragraph_anchors(
    page: Any, corpus: Corpus, built_site: Path
) -> None:
    shown = search(page, "工作")
    assert shown["hits"] > 20
    ids: dict[str, set[str]] = {}
    for unit in shown["units"]:
        url, _, anchor = unit.partition("#")
        if url not in ids:
            html = BeautifulSoup((built_site / url).read_text(encoding="utf-8"), "html.parser")
            ids[url] = {tag["id"] for tag in html.find_all(id=True)}
        assert anchor == "" or anchor in ids[url], unit


def test_the_first_query_downloads_the_index(page: Any) -> None:
    assert any(url.endswith("/search/manifest.js") for url in page.requests)
    assert any("/search/s/" in url for url in page.requests)


def test_html_in_a_query_is_shown_as_text(page: Any) -> None:
    query = "<img src=x onerror=alert(1)>"
    shown = search(page, query)
    assert shown["hits"] == 0 and query in shown["meta"]
    assert shown["images"] == 0 and not page.dialogs


def test_an_empty_query_shows_no_results(page: Any) -> None:
    for query in ("", "   ", "\u3000"):
        shown = search(page, query)
        assert shown["hits"] is None and shown["units"] == [] and shown["state"] == "done"


def test_a_500_character_query(page: Any, corpus: Corpus) -> None:
    query = long_query(corpus.speeches)
    truth = expected(corpus.speeches, query, CHAR_MAP.normalise, _url)
    assert len(query) >= 400
    shown = search(page, query)
    assert shown["hits"] == len(truth) == 1
    assert sorted(shown["units"]) == _keys(truth)


def test_a_term_page_comes_first_when_the_query_is_its_name(page: Any, fixture_build: Any) -> None:
    glossary = load_glossary(fixture_build.project / "source_texts" / "glossary.yml")
    term = next(t for t in glossary.terms if t.term == "一岗双责")
    shown = search(page, term.term)
    assert "speechsite-search__page" in shown["first"]
    assert shown["pages"][0] == [f"glossary/{term.slug}/index.html", term.term]


def test_search_works_from_the_file_system(chromium: Any, built_site: Path, corpus: Corpus) -> None:
    page = chromium.new_page()
    try:
        page.goto((built_site / "index.html").as_uri())
        for query in ("枫桥经验", "安全生产", "信访 维稳"):
            truth = expected(corpus.speeches, query, CHAR_MAP.normalise, _url)
            shown = search(page, query)
            assert shown["hits"] == len(truth) and sorted(shown["units"]) == _keys(truth)
            assert all(href.startswith("file://") for href in shown["hrefs"])
    finally:
        page.close()


@pytest.mark.parametrize("frequent", [1 << 17, 12])
def test_browser_engine_matches_the_python_twin_on_long_units(
    chromium: Any, tmp_path: Path, frequent: int
) -> None:
    """Small slots and shards force long units, many shards and the verifying path in JS;
    with `frequent` 12, a third of the bigrams have extra keys (search/frequent.py): unit
    lists and trigrams the cover takes, the same in JS as in the twin."""
    import random
    import shutil

    from speechsite.search.files import SpeechLink, index_files
    from speechsite.search.index import build_index
    from speechsite.search.query import SearchIndex, cover, items
    from speechsite.search.units import SearchUnit

    rng = random.Random(6)
    alphabet = "安全生产工作枫桥經验溺水防一岗双责Aa1１，"
    texts = [
        "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 3, 20, 90, 300])))
        for _ in range(60)
    ]
    texts.append("".join(chr(0x4E00 + n) for n in range(120)))
    units = [SearchUnit(0, f"u{n}", "paragraph", "", "", t) for n, t in enumerate(texts)]
    files = {
        f.path: f.as_bytes()
        for f in index_files(
            build_index(texts, CHAR_MAP, 48, shift=4, frequent=frequent),
            units,
            [SpeechLink("s", "t")],
            [],
            CHAR_MAP,
            4,
        )
    }
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    script = Path(__file__).parent.parent / "src/speechsite/assets/speechsite/search.js"
    (tmp_path / "assets/speechsite").mkdir(parents=True)
    shutil.copy(script, tmp_path / "assets/speechsite/search.js")
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><script src="assets/speechsite/search.js"></script>',
        encoding="utf-8",
    )
    queries = [
        *(
            "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 2, 3, 5])))
            for _ in range(60)
        ),
        *(t[5:40] for t in texts if len(t) > 40),
        texts[-1][10:100],
        "安全 工作",
    ]
    page = chromium.new_page()
    try:
        page.goto((tmp_path / "index.html").as_uri())
        found = page.evaluate(
            """async queries => {
              const api = window.speechsiteSearchEngine;
              const engine = await api.open();
              const out = [];
              for (const q of queries) {
                const codes = engine.terms(q)[0] || [];
                const chosen = codes.length > 2 ? engine.cover(engine.items(codes)) : [];
                out.push([(await engine.search(q)).units, chosen.map(item => item.key)]);
              }
              return out;
            }""",
            queries,
        )
    finally:
        page.close()
    twin = SearchIndex(lambda path: files[path])
    assert max(twin.first_slots[n + 1] - twin.first_slots[n] for n in range(len(texts))) > 1
    trigrams = 0
    for query, (units, keys) in zip(queries, found, strict=True):
        terms = CHAR_MAP.normalise(query).split()
        truth = [n for n, t in enumerate(texts) if all(x in CHAR_MAP.normalise(t) for x in terms)]
        assert units == truth == twin.search(query), query
        chars = [ord(ch) for ch in terms[0]] if terms else []
        candidates = items(chars, twin.frequent) if len(chars) > 2 else []
        chosen = [candidates[n].key for n in cover(candidates, twin.shard_cost)] if candidates else []
        assert keys == chosen, query
        trigrams += sum(key >= 0x110000**2 for key in keys)
    assert (trigrams > 10) == (frequent == 12), trigrams


def test_on_a_phone_the_magnifier_opens_the_box_and_escape_closes_it(
    chromium: Any, served: str
) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    try:
        page.goto(served + "index.html")
        assert not page.evaluate("document.getElementById('__search').checked")
        page.click(".md-header label.md-header__button[for='__search']")
        page.wait_for_function(
            "() => document.activeElement.matches('[data-speechsite-search-query]')"
        )
        assert page.is_visible(INPUT)
        page.keyboard.type("枫桥经验")
        page.wait_for_function(WAIT, arg="枫桥经验", timeout=15000)
        assert page.is_visible("a[data-unit]")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
    finally:
        page.close()


def test_arrow_keys_walk_the_results(chromium: Any, served: str) -> None:
    page = chromium.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(served + "index.html")
        page.keyboard.press("/")
        page.keyboard.type("溺水")
        page.wait_for_function(WAIT, arg="溺水", timeout=15000)
        links = page.eval_on_selector_all(
            "a[data-unit], a[data-page]", "all => all.map(a => a.dataset.unit || a.dataset.page)"
        )
        focused = "() => document.activeElement.dataset.unit || document.activeElement.dataset.page"
        page.keyboard.press("ArrowDown")
        first = page.evaluate(focused)
        page.keyboard.press("ArrowDown")
        second = page.evaluate(focused)
        assert [first, second] == links[:2]
        page.keyboard.press("ArrowUp")
        assert page.evaluate(focused) == first
        page.keyboard.press("Enter")
        target = first.split("#")[0]
        page.wait_for_url(lambda url: url.split("#")[0].split("?")[0].endswith(target), timeout=15000)
    finally:
        page.close()
