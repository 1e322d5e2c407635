"""What a reader sees of the glossary, in Debian's Chromium (through Playwright) on the built
fixture site: term tooltips and links in speeches, term pages, the speeches' own definitions.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import ARTIFACTS, open_page

SPEECH_001 = "speeches/quan-qu-wei-wen-ji-xin-fang-an-quan-sheng-chan-gong-zuo-hui/index.html"
SPEECH_004 = "speeches/quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo-gong/index.html"
YI_GANG = "领导干部在履行所在岗位业务职责的同时"  # start of 一岗双责's definition

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = open_page(browser)
    yield page
    page.context.close()
    assert page.errors == []


def test_hovering_a_term_in_a_speech_shows_its_definition_and_clicking_opens_its_page(
    page: Any, server: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/{SPEECH_001}")
    link = page.locator("article a.term", has_text="一岗双责").first
    assert link.inner_text() == "一岗双责"
    link.scroll_into_view_if_needed()
    link.hover()
    # Material's content.tooltips turns the title into a tooltip element; the title itself
    # is the fallback every browser shows.
    tooltip = page.locator("[role='tooltip']", has_text=YI_GANG)
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert tooltip.first.is_visible()
    page.wait_for_timeout(400)  # let the fade-in finish for the screenshot
    page.screenshot(path=str(ARTIFACTS / "glossary-tooltip.png"))
    link.click()
    page.wait_for_url("**/glossary/yi-gang-shuang-ze/index.html")
    assert page.locator("article h1").first.inner_text() == "一岗双责"
    assert YI_GANG in page.locator("article p.gl-definition").inner_text()


def test_a_numbered_formula_is_linked_whole_inside_a_chinese_sentence(
    page: Any, server: str
) -> None:
    page.goto(f"{server}/{SPEECH_004}")
    link = page.locator("article a.term[href$='glossary/liang-ke-yi-wei-yi-huo/index.html']")
    assert link.count() == 1
    assert link.inner_text() == "两客一危一货"
    sentence = link.locator("xpath=ancestor::p[1]").inner_text()
    assert "紧盯“两客一危一货”“农村客运”等领域常态化执法检查" in sentence
    link.click()
    page.wait_for_url("**/glossary/liang-ke-yi-wei-yi-huo/index.html")
    assert "危险货物运输车" in page.locator("article p.gl-expansion").inner_text()


def test_term_page_shows_the_speech_own_definition_and_its_link_lands_on_the_paragraph(
    page: Any, server: str
) -> None:
    page.goto(f"{server}/glossary/fei-fang/index.html")
    quote = page.locator("article blockquote.gl-quote")
    assert quote.locator("mark").first.inner_text() == "非访"
    assert "非正常上访是指信访人不到指定的场所" in quote.inner_text()
    lines = page.locator("article ol.gl-kwic > li")
    assert lines.count() >= 10
    assert lines.first.locator("mark").is_visible()
    page.screenshot(path=str(ARTIFACTS / "glossary-term.png"), full_page=True)
    target = quote.locator("a.cite").get_attribute("href").split("#")[-1]
    quote.locator("a.cite").click()
    page.wait_for_url(f"**/speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/index.html#{target}")
    paragraph = page.locator(f"[id='{target}']")
    assert "非访:非正常上访是指" in paragraph.inner_text()
    in_view = f"(r => r.top < window.innerHeight && r.bottom > 0)(document.getElementById('{target}').getBoundingClientRect())"
    page.wait_for_function(in_view)
    assert page.evaluate("window.scrollY") > 0  # the page scrolled to the paragraph


def test_glossary_index_lists_terms_by_category_and_pinyin(page: Any, server: str) -> None:
    page.goto(f"{server}/glossary/index.html")
    assert page.locator("article h1").first.inner_text() == "术语表"
    assert page.locator("article ul.gl-list a.term", has_text="一岗双责").count() == 2
    page.locator("nav.gl-letters a", has_text="Y").click()
    page.wait_for_url("**#letter-y")
    page.screenshot(path=str(ARTIFACTS / "glossary-index.png"))
