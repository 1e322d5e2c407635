"""What a reader sees of the topics index: the heatmap reads in light and dark mode, and a
cell opens that speech's passages on the topic page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import ARTIFACTS

pytestmark = pytest.mark.browser


def rgba(css: str) -> tuple[float, float, float, float]:
    """rgb()/rgba() or color(srgb …) as 0–1 floats."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css.split("(", 1)[1])]
    if css.startswith("color("):
        r, g, b, *alpha = numbers
        return r, g, b, alpha[0] if alpha else 1.0
    r, g, b, *alpha = numbers
    return r / 255, g / 255, b / 255, alpha[0] if alpha else 1.0


def over(
    top: tuple[float, float, float, float], base: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    a = top[3]
    return (*(t * a + b * (1 - a) for t, b in zip(top[:3], base[:3], strict=True)), 1.0)  # type: ignore[return-value]


def luminance(color: tuple[float, float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CELLS_JS = """() => {
  const bg = getComputedStyle(document.querySelector('.md-main') || document.body).backgroundColor;
  const page = getComputedStyle(document.body).backgroundColor;
  return [...document.querySelectorAll('table.topic-heatmap td[class^=h]')].map(td => ({
    level: td.className, bg: getComputedStyle(td).backgroundColor,
    fg: getComputedStyle(td.querySelector('a')).color, page: bg === 'rgba(0, 0, 0, 0)' ? page : bg,
  }));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_heatmap_cells_are_shaded_and_readable(browser, built_site: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1300, "height": 1000}, color_scheme=scheme)
    page.goto((built_site / "topics/index.html").as_uri())
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    cells = page.evaluate(CELLS_JS)
    assert cells, "no shaded cells"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("table.topic-heatmap").screenshot(path=str(ARTIFACTS / f"heatmap-{scheme}.png"))
    shades: dict[str, tuple[float, ...]] = {}
    for cell in cells:
        base = rgba(cell["page"])
        background = over(rgba(cell["bg"]), base)
        assert background != base, cell  # every non-empty cell is shaded
        assert contrast(over(rgba(cell["fg"]), background), background) >= 3.0, cell
        shades.setdefault(cell["level"], background)
    # deeper levels are further from the page colour
    ordered = [shades[level] for level in sorted(shades)]
    distances = [contrast(shade, rgba(cells[0]["page"])) for shade in ordered]
    assert distances == sorted(distances)
    page.close()


def test_clicking_a_cell_opens_the_speech_passages(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto((built_site / "topics/index.html").as_uri())
    cell = page.locator(
        "table.topic-heatmap td a[href*='/fang-nishui/index.html'], table.topic-heatmap td a[href^='fang-nishui/']"
    ).first
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_load_state()
    assert page.url.endswith("/topics/fang-nishui/index.html#" + page.url.split("#", 1)[1])
    anchor = page.url.split("#", 1)[1]
    heading = page.locator(f"[id='{anchor}']")
    assert heading.is_visible()
    passages = page.locator(f"[id='{anchor}'] ~ ol.topic-passages").first.locator("li")
    assert passages.count() == count
    assert passages.first.locator("mark").count() >= 1
    page.close()
