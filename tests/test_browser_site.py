"""What a person sees: Debian's Chromium (through Playwright) on the built fixture site.

Opens the home page, opens a speech, clicks a table-of-contents entry and a citation
number, toggles dark mode; no console errors. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import ARTIFACTS, open_page

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    page = open_page(browser)  # page.errors: console errors, checked by each test
    yield page
    page.context.close()


def test_home_speech_toc_citation_dark_mode(page, server: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/index.html")
    assert page.locator("h1").first.inner_text() == "讲话稿文库"
    first = page.locator("table.speech-list tbody tr a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/speeches/**/index.html")
    assert page.locator("article h1").first.inner_text() == title
    page.screenshot(path=str(ARTIFACTS / "speech-light.png"), full_page=False)

    entry = page.locator("nav.md-nav--secondary a.md-nav__link").nth(1)
    target = entry.get_attribute("href").split("#")[-1]
    entry.click()
    page.wait_for_url(f"**#{target}")
    heading = page.locator(f"[id='{target}']")
    page.wait_for_function(f"Math.abs(document.getElementById('{target}').getBoundingClientRect().top) < 200")
    assert heading.is_visible()

    cite = page.locator("p.para a.cite").nth(2)
    anchor = "#" + cite.get_attribute("href").split("#")[-1]
    cite.click()
    page.wait_for_url(f"**{anchor}")
    assert page.evaluate("document.querySelector(':target')?.id") == anchor.lstrip("#")

    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator('label[for="__palette_1"]').first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.screenshot(path=str(ARTIFACTS / "speech-dark.png"), full_page=False)
    assert page.errors == []


def test_redaction_tooltip_and_repairs_box(page, server: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/index.html")
    box = page.locator("details.repairs")
    assert not box.evaluate("el => el.open")
    box.locator("summary").click()
    assert box.evaluate("el => el.open")
    assert box.locator("tbody tr").count() > 0
    page.goto(f"{server}/speeches/quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan/index.html")
    mark = page.locator("span.redaction").first
    assert mark.get_attribute("title") == "原文此处已隐去（脱敏）"
    assert mark.evaluate("el => getComputedStyle(el).cursor") == "help"
    assert page.errors == []


def test_site_navigates_from_the_file_system(page, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((built_site / "index.html").as_uri())
    page.locator("table.speech-list tbody tr a").first.click()
    page.wait_for_url("**/speeches/**/index.html")
    assert page.errors == []
    page.locator("p.source-link a").click()
    page.wait_for_url("**/sources/**.txt")
    assert "同志们" in page.locator("body").inner_text()


def test_copying_a_paragraph_copies_only_the_speakers_words(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/speeches/quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo-gong/index.html")
    selected, text = page.evaluate(
        """() => {
            const para = document.querySelectorAll('p.para')[1];
            const range = document.createRange();
            range.selectNodeContents(para);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return [selection.toString(), para.querySelector('.text').textContent];
        }"""
    )
    assert selected.strip() == text
    assert page.errors == []
