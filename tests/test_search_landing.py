"""Search landing in Chromium: a hit opens its page with ?h=<query> (Material's convention), the
words searched for are marked in the paragraph it links to and the first is scrolled into view;
keyboard only, served and from file://. Topic and term suggestions are ranked by how well their
name matches: the exact name, then a name the query begins, then one it is inside."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from speechsite.search.normalise import build_char_map

WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state === 'done'; }"""
CHAR_MAP = build_char_map()

pytestmark = pytest.mark.browser


def _land_by_keyboard(page: Any, query: str) -> str:
    """`/`, the query, ↓ until the first paragraph hit, Enter: the hit's link."""
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_function(WAIT, arg=query, timeout=15000)
    for _ in range(12):
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.dataset.unit || ''"):
            break
    href: str = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    return href


@pytest.mark.parametrize("where", ["served", "file"])
def test_a_hit_opens_with_the_words_marked(browser: Any, server: str, built_site: Path, where: str) -> None:
    from browser import open_page

    page = open_page(browser)
    page.goto(f"{server}/index.html" if where == "served" else (built_site / "index.html").as_uri())
    query = "溺水"
    href = _land_by_keyboard(page, query)
    assert "?h=%E6%BA%BA%E6%B0%B4#" in href
    page.wait_for_selector("mark.search-hit", timeout=15000)
    anchor = href.split("#", 1)[1]
    marks = page.locator(f"[id='{anchor}'] mark.search-hit")
    assert marks.count() >= 1
    assert {CHAR_MAP.normalise(text) for text in marks.all_inner_texts()} == {CHAR_MAP.normalise(query)}
    assert page.locator("mark.search-hit").count() == marks.count()  # only in the paragraph opened
    assert page.evaluate("""() => { const r = document.querySelector('mark.search-hit').getBoundingClientRect();
                                    return r.top >= 0 && r.bottom <= window.innerHeight; }""")
    assert page.errors == []
    page.context.close()


def test_a_query_of_two_words_marks_both(browser: Any, server: str) -> None:
    from browser import open_page

    page = open_page(browser)
    page.goto(f"{server}/index.html")
    _land_by_keyboard(page, "信访 维稳")
    page.wait_for_selector("mark.search-hit", timeout=15000)
    marked = page.locator("mark.search-hit").all_inner_texts()  # side by side they make one mark
    assert all(re.fullmatch("(信访|维稳)+", text) for text in marked), marked
    assert "信访" in "".join(marked) and "维稳" in "".join(marked)
    page.context.close()


def test_suggestions_are_ranked_exact_prefix_contained(browser: Any, server: str) -> None:
    from browser import open_page

    page = open_page(browser)
    page.goto(f"{server}/index.html")
    query = "安全生产"
    shown = page.evaluate("""q => window.speechsiteSearchEngine.open().then(e =>
                               e.pages(e.terms(q)).map(p => [p.name, p.rank]))""", query)
    ranks = [rank for _, rank in shown]  # 0 exact, 1 a name (or variant) begins with it, 2 inside
    assert ranks == sorted(ranks) and {0, 1, 2} <= set(ranks), shown
    assert shown[0][0] == query
    assert all(name.startswith(query) for name, rank in shown if rank == 1 and "安委会" not in name)
    assert all(not name.startswith(query) for name, rank in shown if rank == 2)
    page.context.close()
