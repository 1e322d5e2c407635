"""Accessibility in Chromium: axe-core (from npm, see tests/webcheck.py) finds no serious or
critical violation on any page type — home, browse, speech, topic index, topic, glossary index,
term, overview, data and the search box open with results — in the light scheme and, for colour
contrast, in the dark one. Each page is loaded once: axe in light, screenshots at 1280 px, the
palette toggled to dark, axe's contrast rules again, a dark screenshot, then 390 px (a phone)
for the last screenshot. The screenshots go to test-artifacts/pages/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS, open_page
from webcheck import axe_violations, require_axe

pytestmark = pytest.mark.browser

SEARCH_WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state === 'done'; }"""
SEARCH_QUERY = "安全"
# Page type → the page of the fixture site that shows it.
PAGES = {
    "home": "index.html",
    "browse": "speeches/index.html",
    "speech": "speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/index.html",
    "topic-index": "topics/index.html",
    "topic": "topics/xinfang-weiwen/index.html",
    "glossary-index": "glossary/index.html",
    "term": "glossary/feng-qiao-jing-yan/index.html",
    "overview": "overview/index.html",
    "data": "data.html",
    "search-open": "index.html",
}
# What changes with the scheme: colours, so the dark run needs only the colour rules.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
SHOTS = ARTIFACTS / "pages"
PHONE = {"width": 390, "height": 844}
SHOT_HEIGHT = 2400  # a full-page screenshot is cut here: long speeches would make huge PNGs


@pytest.fixture(scope="module")
def axe_script() -> str:
    return require_axe()


def _open_search(page: Any) -> None:
    """The search box opened by keyboard and a query typed: the overlay with its results."""
    page.keyboard.press("/")
    page.keyboard.type(SEARCH_QUERY)
    page.wait_for_function(SEARCH_WAIT, arg=SEARCH_QUERY, timeout=15000)


def _shot(page: Any, kind: str, suffix: str) -> None:
    """The page from its top, cut at SHOT_HEIGHT; the open search (a fixed overlay) as the
    screen shows it."""
    name = f"{kind}-{suffix}"
    if kind == "search-open":
        page.screenshot(path=str(SHOTS / f"{name}.png"))
        return
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, SHOT_HEIGHT)}
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, clip=clip)


def _scheme(page: Any, kind: str, scheme: str) -> None:
    """The palette toggled as a reader does; the search overlay covers the toggle, so it is
    closed first and opened again after (its results stay)."""
    toggle, value = ("__palette_1", "slate") if scheme == "dark" else ("__palette_0", "default")
    if kind == "search-open":
        page.keyboard.press("Escape")
    page.locator(f"label[for='{toggle}']").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{value}'")
    page.mouse.move(1, 1)  # off the toggle, so its tooltip is not in the screenshots
    page.evaluate("document.activeElement.blur()")
    if kind == "search-open":
        page.locator("[data-speechsite-search-query]").focus()


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['rule']}: {v['help']}")
        lines.extend(f"    {target} — {summary.splitlines()[-1] if summary else ''}"
                     for target, summary in v["nodes"][:8])
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violation_in_light_and_dark(browser: Any, server: str, axe_script: str, kind: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser)
    page.goto(f"{server}/{PAGES[kind]}")
    if kind == "search-open":
        _open_search(page)
    light = axe_violations(page, axe_script)
    _shot(page, kind, "1280")
    _scheme(page, kind, "dark")
    dark = axe_violations(page, axe_script, COLOUR_RULES)
    _shot(page, kind, "1280-dark")
    _scheme(page, kind, "light")
    page.set_viewport_size(PHONE)
    _shot(page, kind, "390")
    errors = page.errors
    page.context.close()
    (SHOTS / f"{kind}-axe.json").write_text(json.dumps({"light": light, "dark": dark}, ensure_ascii=False, indent=1), "utf-8")
    assert not light and not dark, (
        f"{PAGES[kind]} (light):\n{_report(light)}\n{PAGES[kind]} (dark):\n{_report(dark)}")
    assert errors == []


def test_every_page_type_exists(built_site: Path) -> None:
    """The pages above are the fixture site's: a renamed page fails here, not as a 404 in axe."""
    assert [kind for kind, url in PAGES.items() if not (built_site / url).is_file()] == []
