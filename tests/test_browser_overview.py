"""What a person sees on the overview page and with the citation button: Debian's Chromium
(through Playwright) on the built fixture site, served from 127.0.0.1 and opened from disk.

Charts render (non-empty SVG, bars with a size, text in the page's text colour in light and
dark mode), the citation button puts the expected citation on the clipboard (through
navigator.clipboard on a served origin, and through the textarea fallback when the
Clipboard API is missing), and the site opened from the file system navigates between the
home page, the overview, a year page and a term page. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS, open_page
from corpus_counts import full_heading, paragraphs

from speechsite.render.labels import format_date

pytestmark = pytest.mark.browser


def read_clipboard(page: Any) -> str:
    """The clipboard's text; fails after 5 s instead of hanging when the page lacks focus."""
    page.bring_to_front()
    return page.evaluate(  # type: ignore[no-any-return]
        "Promise.race([navigator.clipboard.readText(), new Promise((_, reject) =>"
        " setTimeout(() => reject(new Error('clipboard read timed out')), 5000))])"
    )


def expected_citation(speech: dict[str, Any], paragraph: dict[str, Any], path: tuple[dict[str, Any], ...], url: str) -> str:
    meta = speech["metadata"]
    speaker = " ".join(part for part in (meta["role"], meta["speaker"]) if part)
    about = "，".join(part for part in (speaker, format_date(meta["date"]) if meta["date"] else "", meta["place"] or "") if part)
    head = f'《{speech["title"]["text"]}》' + (f"（{about}）" if about else "")
    section = " > ".join(bare(" ".join(full_heading(s).split())) for s in path)
    return bare("，".join(part for part in (head, section, paragraph["citation"]) if part)) + f"。{url}"


def bare(text: str) -> str:
    """Without closing punctuation (cite.js): no 。， doubled when parts are joined."""
    return re.sub(r"[\s。，、；：！？,.;:!?]+$", "", text)


def deep_paragraph(built_site: Path) -> tuple[dict[str, Any], dict[str, Any], tuple[dict[str, Any], ...]]:
    """The deepest paragraph of a dated speech (so the most parts of the citation show)."""
    corpus = json.loads((built_site / "data" / "corpus.json").read_text("utf-8"))
    candidates = [(speech, paragraph, path) for speech in corpus["speeches"] if speech["metadata"]["date"]
                  for paragraph, path in paragraphs(speech) if path]
    assert candidates, "the fixture corpus has a dated speech with sections"
    return max(candidates, key=lambda item: len(item[2]))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_render_in_light_and_dark(browser: Any, server: str, scheme: str) -> None:
    page = open_page(browser, scheme)
    page.goto(f"{server}/overview/index.html")
    charts = page.locator("figure.ss-chart svg")
    assert charts.count() >= 4
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20
    bars = page.locator("figure.ss-chart rect.bar")
    assert bars.count() > 0
    assert all(bars.nth(i).bounding_box()["width"] > 0 for i in range(bars.count()))
    colours = page.evaluate(
        """() => {
          const article = getComputedStyle(document.querySelector('article')).color;
          const label = getComputedStyle(document.querySelector('figure.ss-chart text.label')).fill;
          const bar = getComputedStyle(document.querySelector('figure.ss-chart rect.bar')).fill;
          const background = getComputedStyle(document.body).backgroundColor;
          return {article, label, bar, background};
        }"""
    )
    assert colours["label"] == colours["article"], colours  # currentColor follows the scheme
    assert colours["bar"] not in ("none", colours["background"])
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"overview-{scheme}.png"), full_page=True)
    assert page.errors == []
    page.context.close()


def test_print_keeps_charts_and_hides_buttons(browser: Any, server: str, built_site: Path) -> None:
    page = open_page(browser)
    page.emulate_media(media="print")
    page.goto(f"{server}/overview/index.html")
    charts = page.locator("figure.ss-chart svg")
    assert charts.count() >= 4 and all(charts.nth(i).is_visible() for i in range(charts.count()))
    fill = page.evaluate("getComputedStyle(document.querySelector('figure.ss-chart text.label')).fill")
    assert fill == page.evaluate("getComputedStyle(document.querySelector('article')).color")
    speech, paragraph, _ = deep_paragraph(built_site)
    page.goto(f"{server}/{speech['url']}")
    button = page.locator(f"[id='{paragraph['id']}'] button.cite-copy")
    assert button.count() == 1 and not button.is_visible()
    assert page.locator("dl.provenance").is_visible()
    page.context.close()


def test_figure_tables_open_the_passages(browser: Any, server: str) -> None:
    page = open_page(browser)
    page.goto(f"{server}/overview/index.html")
    term = page.locator('table[data-figure="terms"] tbody a').first
    name = term.inner_text()
    term.click()
    page.wait_for_url("**/glossary/**/index.html")
    assert name in page.locator("article h1").inner_text()
    page.go_back()
    page.locator('table[data-figure="topic-years"] tbody a').first.click()
    page.wait_for_url("**/topics/**/index.html")
    assert page.errors == []
    page.context.close()


def test_citation_button_copies_the_citation(browser: Any, server: str, built_site: Path) -> None:
    speech, paragraph, path = deep_paragraph(built_site)
    page = open_page(browser)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    url = f"{server}/{speech['url']}"
    page.goto(url)
    button = page.locator(f"[id='{paragraph['id']}'] button.cite-copy")
    assert button.inner_text() == "引用"
    button.click()
    page.locator(".cite-panel .cite-do-copy").click()
    page.wait_for_function("document.querySelector('.cite-panel .cite-status').textContent === '已复制'")
    copied = read_clipboard(page)
    assert copied == expected_citation(speech, paragraph, path, f"{url}#{paragraph['id']}")
    assert page.errors == []
    page.context.close()


def test_citation_buttons_appear_after_instant_navigation(browser: Any, server: str) -> None:
    """Material's instant navigation swaps the page without reloading scripts; cite.js
    listens to document$ so the buttons appear on a speech reached by a link too."""
    page = open_page(browser)
    page.goto(f"{server}/index.html")
    page.locator("table.speech-list tbody tr a").first.click()
    page.wait_for_url("**/speeches/**/index.html")
    page.wait_for_function("document.querySelectorAll('p.para').length > 0 && "
                           "document.querySelectorAll('p.para button.cite-copy').length === document.querySelectorAll('p.para').length")
    assert page.evaluate("document.querySelectorAll('p.para button.cite-copy').length") > 0
    assert page.errors == []
    page.context.close()


def test_citation_without_clipboard_api_uses_the_textarea_fallback(browser: Any, server: str, built_site: Path) -> None:
    speech, paragraph, path = deep_paragraph(built_site)
    page = open_page(browser)
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
        "document.addEventListener('copy', e => { window.__copied = e.target.value; }, true);"
    )
    url = f"{server}/{speech['url']}"
    page.goto(url)
    page.locator(f"[id='{paragraph['id']}'] button.cite-copy").click()
    page.locator(".cite-panel .cite-do-copy").click()
    page.wait_for_function("document.querySelector('.cite-panel .cite-status').textContent === '已复制'")
    assert page.evaluate("window.__copied") == expected_citation(speech, paragraph, path, f"{url}#{paragraph['id']}")
    assert page.locator("textarea").count() == 1  # copied from the panel's own text box
    page.context.close()


def test_site_from_the_file_system_navigates_and_copies(browser: Any, built_site: Path) -> None:
    page = open_page(browser)
    page.goto((built_site / "index.html").as_uri())
    page.locator(".home-data a", has_text="文库概览").click()
    page.wait_for_url("**/overview/index.html")
    assert page.locator("figure.ss-chart svg").count() >= 4
    page.locator('table[data-figure="levels"] a').first.click()
    page.wait_for_url("**/speeches/levels/**/index.html")
    page.locator("table.speech-list tbody tr a").first.click()
    page.wait_for_url("**/speeches/**/index.html")
    assert page.url.startswith("file://")
    page.locator("p.para button.cite-copy").first.click()
    page.locator(".cite-panel .cite-do-copy").click()
    page.wait_for_function("document.querySelector('.cite-panel .cite-status').textContent === '已复制'")
    repairs = page.locator(".repair-count a")
    if repairs.count():
        repairs.click()
        page.wait_for_url("**#repairs")
    page.locator("nav.md-tabs a", has_text="概览").first.click()
    page.wait_for_url("**/overview/index.html")
    assert page.errors == []
    page.context.close()
