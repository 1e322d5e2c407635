"""Keyboard only, in Chromium: a reader who never touches the mouse reaches the search box with
Tab, types, moves to a hit with ↓ and lands on it with Enter; reaches a paragraph's 引用 button
with Tab, opens the menu, moves through scopes and formats with the arrow keys, copies with
Enter on 复制, and closes with Esc — focus back on the button. Every stop shows a focus ring."""

from __future__ import annotations

from typing import Any

import pytest
from browser import open_page

pytestmark = pytest.mark.browser

SPEECH = "speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/index.html"
SEARCH_WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state === 'done'; }"""
FOCUS_RING = """() => { const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'; }"""
MAX_TABS = 200  # more stops than any page has before the element sought


def _tab_to(page: Any, selector: str) -> int:
    """Tab from the top of the page until `selector` has focus; the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {MAX_TABS} presses of Tab")


def _focused(page: Any, script: str) -> Any:
    return page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")


def test_search_by_keyboard_lands_on_the_hit(browser: Any, server: str) -> None:
    page = open_page(browser)
    page.goto(f"{server}/{SPEECH}")
    _tab_to(page, "[data-speechsite-search-query]")
    assert page.evaluate("document.getElementById('__search').checked")  # the overlay is open
    page.keyboard.type("枫桥")
    page.wait_for_function(SEARCH_WAIT, arg="枫桥", timeout=15000)
    for _ in range(12):  # past the topic and term suggestions to the first paragraph hit
        page.keyboard.press("ArrowDown")
        if _focused(page, "el.dataset.unit || ''"):
            break
    unit = _focused(page, "el.dataset.unit")
    assert unit and page.evaluate(FOCUS_RING)
    page.keyboard.press("Escape")  # back in the box, the overlay still open
    assert _focused(page, "el.matches('[data-speechsite-search-query]')")
    page.keyboard.press("ArrowDown")
    while _focused(page, "el.dataset.unit || ''") != unit:
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    path, anchor = unit.split("#")
    page.wait_for_url(lambda url: url.split("?")[0].split("#")[0].endswith(path) and url.endswith(f"#{anchor}"))
    page.wait_for_selector(f"[id='{anchor}'] mark.search-hit", timeout=15000)
    assert page.evaluate("document.querySelector(':target')?.id") == anchor
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.errors == []
    page.context.close()


def test_cite_menu_by_keyboard(browser: Any, server: str) -> None:
    page = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{server}/{SPEECH}")
    _tab_to(page, "p.para button.cite-copy")
    button_para = _focused(page, "el.closest('p.para').id")
    assert page.evaluate(FOCUS_RING)
    page.keyboard.press("Enter")
    panel, text = page.locator(".cite-panel"), page.locator(".cite-panel .cite-text")
    assert panel.is_visible()
    assert _focused(page, "el.name + '=' + el.value") == "cite-scope=para"
    assert text.input_value().endswith(f"#{button_para}")
    page.keyboard.press("ArrowRight")  # 全文: the whole speech
    assert _focused(page, "el.value") == "speech" and f"#{button_para}" not in text.input_value()
    page.keyboard.press("Tab")  # the formats (a radio group is one stop)
    seen = [_focused(page, "el.name + '=' + el.value")]
    starts = {}
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        value = _focused(page, "el.value")
        seen.append(f"cite-format={value}")
        starts[value] = text.input_value()[:6]
    assert seen == ["cite-format=text", "cite-format=bibtex", "cite-format=ris", "cite-format=csl"]
    assert starts == {"bibtex": "@misc{", "ris": "TY  - ", "csl": "[\n  {\n"}
    page.keyboard.press("Tab")  # the read-only text box
    assert _focused(page, "el.classList.contains('cite-text')")
    page.keyboard.press("Tab")  # 复制
    assert _focused(page, "el.textContent") == "复制" and page.evaluate(FOCUS_RING)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.cite-panel .cite-status').textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == text.input_value()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert _focused(page, "el.matches('button.cite-copy') && el.closest('p.para').id") == button_para
    assert _focused(page, "el.getAttribute('aria-expanded')") == "false"
    assert page.errors == []
    page.context.close()
