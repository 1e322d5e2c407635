"""Layout as a person sees it, in Debian's Chromium on the built fixture site, at 1280 and 390 px:

- no page scrolls sideways (speech page, topics index, term page);
- the heatmap fits its column, or scrolls inside it with a shade at the edge that has more
  columns and a line of text saying so;
- speech pages hide the empty left column;
- topic chips are readable (12 px+) and one remembered toggle hides those of sections and
  paragraphs; the 引用 button is not faded;
- keyword-in-context lines take one line each, the left context cut at its start and touching
  the term, the right context cut at its end;
- term links carry a tint and an underline set well below the glyphs, in paragraphs and headings.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS, open_page

pytestmark = pytest.mark.browser
SPEECH = "speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/index.html"


@pytest.fixture
def pages(browser: Any) -> Iterator[dict[int, Any]]:
    opened = {width: open_page(browser, width=width) for width in (1280, 390)}
    yield opened
    for page in opened.values():
        assert page.errors == []
        page.context.close()


def overflow(page: Any) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[no-any-return]


def busiest_kwic_page(built_site: Path) -> str:
    """The term page with the most keyword-in-context lines."""
    counts = {path: path.read_text("utf-8").count('class="gl-left"') for path in built_site.glob("glossary/*/index.html")}
    return str(max(counts, key=lambda path: (counts[path], path.as_posix())).relative_to(built_site))


def test_heatmap_fits_or_scrolls_with_a_visible_cue(pages: dict[int, Any], server: str) -> None:
    for width, page in pages.items():
        page.goto(f"{server}/topics/index.html")
        assert overflow(page) <= 0, width
        page.wait_for_function(  # the shade fades in
            "['0', '1'].includes(getComputedStyle(document.querySelector('.topic-heatmap-frame'), '::after').opacity)")
        state = page.evaluate("""() => {
          const frame = document.querySelector('.topic-heatmap-frame'), wrap = frame.querySelector('.topic-heatmap-wrap');
          const hint = document.querySelector('.topic-scroll-hint');
          return {more: wrap.scrollWidth - wrap.clientWidth, classes: [...frame.classList],
                  shade: getComputedStyle(frame, '::after').opacity, hint: !!hint && hint.offsetHeight > 0};
        }""")
        if state["more"] <= 1:
            assert not state["hint"] and state["shade"] == "0", (width, state)
            continue
        assert state["hint"] and "ss-more-right" in state["classes"] and state["shade"] == "1", (width, state)
        page.evaluate("document.querySelector('.topic-heatmap-wrap').scrollLeft = 100000")
        page.wait_for_function("document.querySelector('.topic-heatmap-frame').classList.contains('ss-more-left')")
        assert "ss-more-right" not in page.evaluate("[...document.querySelector('.topic-heatmap-frame').classList]")
        page.screenshot(path=str(ARTIFACTS / f"heatmap-{width}.png"), full_page=True)
    assert pages[1280].evaluate("document.querySelector('.topic-heatmap-wrap').scrollWidth") > 390


def test_speech_page_uses_its_width_and_chips_toggle_is_remembered(pages: dict[int, Any], server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width, page in pages.items():
        page.goto(f"{server}/{SPEECH}")
        assert overflow(page) <= 0, width
        page.screenshot(path=str(ARTIFACTS / f"speech-{width}.png"), full_page=True)
    page = pages[1280]
    assert page.locator(".md-sidebar--primary").evaluate("el => el.hidden || el.offsetWidth === 0")
    chip = page.locator("p.para .para-topics a.chip").first
    assert page.evaluate("el => parseFloat(getComputedStyle(el).fontSize)", chip.element_handle()) >= 12
    button = page.locator("p.para button.cite-copy").first
    assert button.evaluate("el => getComputedStyle(el).opacity") == "1"
    toggle = page.locator("p.topics-line button.chips-toggle")
    assert toggle.inner_text() == "隐藏段落专题标签" and chip.is_visible()
    toggle.click()
    assert not chip.is_visible() and toggle.get_attribute("aria-pressed") == "true"
    assert page.locator(".speech-topics a.chip").first.is_visible()  # the speech's own topics stay
    page.reload()
    chip = page.locator("p.para .para-topics a.chip").first
    assert not chip.is_visible() and toggle.inner_text() == "显示段落专题标签"
    toggle.click()
    assert chip.is_visible()


def test_kwic_lines_take_one_line_and_read_in_order(pages: dict[int, Any], server: str, built_site: Path) -> None:
    term_page = busiest_kwic_page(built_site)
    for width, page in pages.items():
        page.goto(f"{server}/{term_page}")
        assert overflow(page) <= 0, width
        lines = page.evaluate("""() => [...document.querySelectorAll('ol.gl-kwic > li')].map(li => {
          const box = el => el.getBoundingClientRect();
          const left = li.querySelector('.gl-left'), ctx = li.querySelector('.gl-ctx');
          const mark = li.querySelector('mark'), right = li.querySelector('.gl-right');
          const lineHeight = parseFloat(getComputedStyle(li).lineHeight);
          const shown = [left, mark, right].filter(el => el.textContent);  // a term may open its paragraph
          return {heights: shown.map(el => box(el).height / lineHeight),
                  top: shown.map(el => Math.round(box(el).top)),
                  leftEnd: box(left).right, ctxEnd: box(ctx).right, ctxStart: box(ctx).left, leftStart: box(left).left,
                  markStart: box(mark).left, markEnd: box(mark).right, rightStart: box(right).left,
                  cut: left.scrollWidth > left.clientWidth, rightCut: right.scrollWidth > right.clientWidth,
                  overflow: [getComputedStyle(left).textOverflow, getComputedStyle(right).textOverflow]};
        })""")
        assert lines, term_page
        for line in lines:
            assert all(height < 1.3 for height in line["heights"]), (width, line)  # one line each
            assert len(set(line["top"])) == 1, (width, line)  # side by side
            assert line["leftEnd"] <= line["markStart"] + 1 and line["rightStart"] >= line["markEnd"] - 1
            if line["leftEnd"] > line["leftStart"]:  # the left context ends at the term
                assert abs(line["ctxEnd"] - line["leftEnd"]) < 2, (width, line)
            assert line["overflow"] == ["ellipsis", "ellipsis"]
        cut = [line for line in lines if line["cut"]]
        assert width == 1280 or cut, "on a phone some left context is cut"
        assert all(line["ctxStart"] < line["leftStart"] for line in cut)  # cut at its start


def test_term_links_stand_apart_from_the_glyphs(pages: dict[int, Any], server: str) -> None:
    page = pages[1280]
    page.goto(f"{server}/{SPEECH}")
    assert page.locator("article h2 a.term").count() > 0, "terms in headings are linked"
    for selector in ("p.para a.term", "article h2 a.term"):
        style = page.locator(selector).first.evaluate("""el => {
          const s = getComputedStyle(el);
          return {offset: parseFloat(s.textUnderlineOffset), size: parseFloat(s.fontSize),
                  line: s.textDecorationLine, background: s.backgroundColor};
        }""")
        assert style["line"] == "underline" and style["offset"] >= 0.25 * style["size"], style
        assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), style
