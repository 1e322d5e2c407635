"""Charts a person can read, in Debian's Chromium: on a 390 px phone every label of every chart
(overview, term pages) measures at least 11 px as rendered — its font size times the scale
the SVG is drawn at (getScreenCTM) — and no chart pushes the page sideways; at 1280 px the
same; every chart is followed by the table it was drawn from (its text alternative).

Two sites: the fixture site (one dated speech: topic counts instead of a trend) and a site
whose topics have a trend (tests/trend_corpus.py: small multiples). Screenshots of both
overview pages at both widths go to test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from browser import ARTIFACTS, serve
from conftest import ROOT
from sitebuild import mkdocs_build
from trend_corpus import trend_sources

pytestmark = pytest.mark.browser
MIN_PX = 11

# Each chart text's rendered size in CSS px, and what follows each chart.
MEASURE = """() => {
  const sizes = [...document.querySelectorAll('figure.ss-chart svg text')].map(text => {
    const scale = text.ownerSVGElement.getScreenCTM().a;
    return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
  });
  const followers = [...document.querySelectorAll('figure.ss-chart')].map(figure => {
    let next = figure.nextElementSibling;
    while (next && next.matches('p.figure-note')) next = next.nextElementSibling;
    return next && (next.matches('table') ? next : next.querySelector('table')) ? 'table' : String(next && next.outerHTML.slice(0, 80));
  });
  return {sizes, followers, overflow: document.documentElement.scrollWidth - innerWidth,
          multiples: document.querySelectorAll('figure.ss-chart-multiples svg').length};
}"""


@pytest.fixture(scope="module")
def trend_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("trend-site") / "project"
    trend_sources(project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    site = mkdocs_build(project, project.parent / "site").site
    with serve(site) as url:
        yield url


def busiest_term(base: str, page: Any) -> str:
    """The term page of the term used in the most speeches, with uses in dated years (a year chart)."""
    terms = json.loads(page.request.get(f"{base}/data/terms.json").text())["terms"]
    used = max((term for term in terms if term["by_year"]), key=lambda term: (term["speech_count"], term["slug"]))
    return f"glossary/{used['slug']}/index.html"


def measure(browser: Any, url: str, width: int) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    found = page.evaluate(MEASURE)
    found["page"] = page
    return found


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("site", ["fixture", "trend"])
def test_chart_labels_are_legible_and_charts_have_tables(
    browser: Any, server: str, trend_server: str, site: str, width: int
) -> None:
    base = server if site == "fixture" else trend_server
    overview = measure(browser, f"{base}/overview/index.html", width)
    assert (overview["multiples"] > 0) == (site == "trend")  # shares only where years have enough speeches
    ARTIFACTS.mkdir(exist_ok=True)
    overview["page"].screenshot(path=str(ARTIFACTS / f"charts-{site}-{width}.png"), full_page=True)
    term = measure(browser, f"{base}/{busiest_term(base, overview['page'])}", width)
    for found in (overview, term):
        assert found["sizes"], "the page has charts"
        small = [(size["text"], round(size["px"], 1)) for size in found["sizes"] if not size["px"] >= MIN_PX]  # NaN fails too
        assert small == [], f"labels under {MIN_PX} px at {width} px: {small[:10]}"
        assert set(found["followers"]) == {"table"}, found["followers"]
        assert found["overflow"] <= 0
        found["page"].context.close()
