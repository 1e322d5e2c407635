"""The header search box under `mkdocs serve` says when its index is being refreshed.

Under serve the search index is made again in the background after a reload, and the site holds
`search/refreshing.json` meanwhile (serve_static.py). The box shows a notice while that marker
is there, and only where MkDocs' live-reload script runs (a built site never has the marker,
so it never asks for it). The fixture site is served as built; the browser is given the
live-reload function and the marker by Playwright.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

INPUT = "[data-speechsite-search-query]"
NOTICE = ".speechsite-search__refreshing"
WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state !== 'loading'; }"""
MARKER = "**/search/refreshing.json"


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    page = browser.new_page()
    page.asked = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.asked.append(request.url))
    page.goto(f"{server}/index.html")
    page.wait_for_load_state("load")
    yield page
    page.close()


def _query(page: Any, text: str) -> None:
    page.fill(INPUT, text)
    page.wait_for_function(WAIT, arg=text)


def _refresh_asked(page: Any) -> int:
    return sum(url.endswith("/search/refreshing.json") for url in page.asked)


def test_the_box_says_the_index_is_refreshing_while_the_marker_is_there(page: Any) -> None:
    page.evaluate("window.livereload = function () {}")  # what `mkdocs serve` puts on every page
    page.route(MARKER, lambda route: route.fulfill(status=200, body='{"refreshing": true}',
                                                   content_type="application/json"))
    _query(page, "发展")
    page.wait_for_selector(NOTICE, state="visible")
    assert page.inner_text(NOTICE) == "搜索索引更新中……结果可能还不含刚保存的改动"
    page.unroute(MARKER)
    page.route(MARKER, lambda route: route.fulfill(status=404, body="not found"))
    _query(page, "改革")
    page.wait_for_selector(NOTICE, state="hidden")
    _query(page, "发展")  # the new index was loaded, and finds what the old one found
    assert int(page.get_attribute("[data-speechsite-search-result]", "data-hits") or 0) > 0


def test_a_built_site_never_asks_for_the_marker(page: Any) -> None:
    _query(page, "发展")
    assert _refresh_asked(page) == 0
    assert page.is_hidden(NOTICE)
