"""Zensical builds the folder that `speechsite build-pages` writes (zensical.toml): the same
pages as the MkDocs build, with the same outline and anchors, and our search box finds the
same paragraphs in Chromium; without our template overrides only the search box is missing.

"The same page" here: an HTML file at the same path whose article (`article.md-content__inner`)
has the same elements, attributes and text once three theme-level differences are set aside:
Zensical's skip-link anchor at the top of the article, whitespace between tags, and the markup
of fenced code (Zensical highlights it with Pygments in a div.highlight; the code's text must
match).
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from search_queries import QUERIES, expected
from sitebuild import ROOT, ZENSICAL, make_project
from test_build_pages import PLACEHOLDER_TEXT, shown_home

from speechsite.model import Corpus, Speech
from speechsite.pipeline import read_corpus
from speechsite.search.normalise import build_char_map

zensical_config = pytest.importorskip("zensical.config", reason="pip install -e '.[test]' installs zensical")


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


@dataclass(frozen=True)
class Article:
    outline: list[tuple[str, str, str]]  # (tag, id, text) of every heading
    anchors: list[str]  # every id, in document order
    comparable: str  # the markup, theme-level differences set aside (module docstring)


def read_article(site: Path, page: str) -> Article:
    html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    node = html.select_one("article.md-content__inner")
    assert node is not None, page
    for skip in node.select("a#__skip"):
        skip.decompose()
    outline = [(h.name, h.get("id", ""), h.get_text(" ", strip=True)) for h in node.find_all(re.compile(r"^h[1-6]$"))]
    anchors = [str(element["id"]) for element in node.find_all(id=True)]
    for highlight in node.select("div.highlight"):
        highlight.unwrap()
    for pre in node.find_all("pre"):
        pre.replace_with(f"<pre>{pre.get_text()}</pre>")
    return Article(outline, anchors, re.sub(r">\s+<", "><", str(node)).strip())


@pytest.fixture(scope="module")
def articles(built_site: Path, zensical_site: Path) -> dict[str, tuple[Article, Article]]:
    """Every page's article in the MkDocs build and in the Zensical build, read once."""
    return {page: (read_article(built_site, page), read_article(zensical_site, page)) for page in pages(built_site)
            if not is_redirect(built_site / page)}


def is_redirect(page: Path) -> bool:
    """A page a moved speech left at its old address (render/redirects.py): no article."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "sitemap.xml.gz")  # each tool its own


def test_zensical_builds_every_page_and_file(built_site: Path, zensical_site: Path) -> None:
    assert pages(zensical_site) == pages(built_site)
    made = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    missing = [path for path in made if not (zensical_site / path).is_file() and not path.startswith(THEME_FILES)]
    assert len(made) > 200 and missing == []


@pytest.mark.parametrize("kind", ["speeches/", "topics/", "glossary/"])
def test_speech_topic_and_glossary_pages_keep_outline_and_anchors(
    articles: dict[str, tuple[Article, Article]], kind: str
) -> None:
    chosen = [page for page in articles if page.startswith(kind) and page.count("/") == 2]
    assert len(chosen) >= 5
    for page in chosen:
        mkdocs, zensical = articles[page]
        assert zensical.outline == mkdocs.outline, page
        assert zensical.anchors == mkdocs.anchors, page
    if kind == "speeches/":
        assert sum(1 for page in chosen for anchor in articles[page][0].anchors if anchor.startswith("p-")) > 50
        assert sum(len(articles[page][0].outline) for page in chosen) > 30


def test_every_article_is_the_same(articles: dict[str, tuple[Article, Article]]) -> None:
    assert len(articles) > 150
    assert [page for page, (mkdocs, zensical) in articles.items() if mkdocs.comparable != zensical.comparable] == []


def test_the_data_and_search_files_are_the_same(built_site: Path, zensical_site: Path) -> None:
    for folder in ("data", "search", "sources", "assets/speechsite"):
        files = sorted(p.relative_to(built_site) for p in (built_site / folder).rglob("*") if p.is_file())
        assert files
        assert [f for f in files if (zensical_site / f).read_bytes() != (built_site / f).read_bytes()] == []


def test_zensical_reads_zensical_toml_as_mkdocs_yml(pages_project: Path) -> None:
    """zensical.toml mirrors mkdocs.yml: parsed by Zensical, only the intended settings differ."""
    toml = zensical_config.parse_config(str(pages_project / "zensical.toml"))
    yml = zensical_config.parse_config(str(pages_project / "mkdocs.yml"))
    intended = {"docs_dir", "extra_css", "extra_javascript", "theme_dirs", "template_hash", "plugins_hash", "watched_files"}
    assert {key for key in toml.keys() | yml.keys() if toml.get(key) != yml.get(key)} - intended - {"theme", "plugins"} == set()
    theme_only = {"custom_dir", "variant", "icon"}  # the icon set follows the variant
    assert {k for k in toml["theme"].keys() | yml["theme"].keys() if toml["theme"].get(k) != yml["theme"].get(k)} <= theme_only
    assert toml["plugins"]["search"]["config"]["enabled"] is False
    assert {k: v for k, v in toml["plugins"].items() if k != "search"} == {k: v for k, v in yml["plugins"].items() if k != "search"}


def test_the_zensical_pin_is_the_same_in_both_extras() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pins = {extra: [d for d in deps if d.startswith("zensical")] for extra, deps in extras.items()}
    assert pins["zensical"] == pins["test"] and len(pins["zensical"]) == 1


def test_zensical_on_mkdocs_yml_shows_how_to_fix_it(tmp_path: Path) -> None:
    """Zensical reads mkdocs.yml too, and ignores our plugin: the placeholder is the home page."""
    project = make_project(tmp_path / "project")
    (project / "zensical.toml").unlink()  # else `zensical build` picks it over mkdocs.yml
    subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=project, check=True, capture_output=True, timeout=300)
    assert PLACEHOLDER_TEXT in shown_home(project / "site")


def test_the_readme_gives_the_zensical_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- zensical-command -->\n```bash\n(.*?)```", readme, re.S)
    assert block is not None
    commands = block.group(1)
    for step in ("pip install -q -e '.[zensical]'", "scripts/build_pages.py", "zensical build"):
        assert step in commands, step
    assert (ROOT / "scripts" / "build_pages.py").is_file() and (ROOT / "zensical.toml").is_file()


# --- in Chromium ---------------------------------------------------------------------------

CHAR_MAP = build_char_map()
RESULT = "[data-speechsite-search-result]"
WAIT = """q => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.query === q && r.dataset.state !== 'loading'; }"""
MORE = """before => { const r = document.querySelector('[data-speechsite-search-result]');
  return r.dataset.shown !== before; }"""


@pytest.fixture(scope="module")
def corpus(pages_project: Path) -> Corpus:
    return read_corpus(pages_project / "source_texts")


@pytest.fixture(scope="module")
def servers(built_site: Path, zensical_site: Path) -> Iterator[tuple[str, str]]:
    from browser import serve

    with serve(built_site) as mkdocs, serve(zensical_site) as zensical:
        yield mkdocs, zensical


def search(page: Any, query: str) -> list[str]:
    """Type the query, show every result, return the units found (page#anchor)."""
    page.fill("[data-speechsite-search-query]", query)
    page.wait_for_function(WAIT, arg=query, timeout=15000)
    while page.query_selector(".speechsite-search__more button:not([disabled])"):
        before = page.get_attribute(RESULT, "data-shown")
        page.click(".speechsite-search__more button")
        page.wait_for_function(MORE, arg=before, timeout=15000)
    return page.eval_on_selector_all(f"{RESULT} a[data-unit]", "all => all.map(a => a.dataset.unit)")  # type: ignore[no-any-return]


def _url(speech: Speech) -> str:
    return f"speeches/{speech.slug}/index.html"


@pytest.mark.browser
def test_search_finds_the_same_paragraphs(browser: Any, servers: tuple[str, str], corpus: Corpus) -> None:
    from browser import open_page

    opened = []
    for server in servers:
        page = open_page(browser)
        page.goto(f"{server}/index.html")
        opened.append(page)
    mkdocs, zensical = opened
    try:
        for query in QUERIES:
            truth = sorted(f"{url}#{anchor}" for url, anchor in expected(corpus.speeches, query, CHAR_MAP.normalise, _url))
            found = search(zensical, query)
            assert sorted(found) == truth, query
            assert found == search(mkdocs, query), query  # same hits, same order
        assert mkdocs.errors == [] and zensical.errors == []
    finally:
        for page in opened:
            page.context.close()


@pytest.mark.browser
def test_search_box_tooltips_and_citations_work_under_zensical(browser: Any, servers: tuple[str, str]) -> None:
    from browser import ARTIFACTS, open_page

    page = open_page(browser)
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    try:
        page.goto(f"{servers[1]}/speeches/quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan/index.html")
        box = page.locator("[data-speechsite-search]")
        assert "speechsite-search--standalone" in (box.get_attribute("class") or "")
        styled = "el => { const s = getComputedStyle(el); return [s.position, s.display]; }"
        assert page.locator(".md-search__output").evaluate(styled) == ["absolute", "none"]
        page.fill("[data-speechsite-search-query]", "安全生产")
        page.wait_for_function(WAIT, arg="安全生产", timeout=15000)
        assert page.locator(".md-search__output").evaluate(styled) == ["absolute", "block"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "zensical-search.png"))
        page.keyboard.press("Escape")
        assert page.locator(".md-search__output").evaluate(styled) == ["absolute", "none"]

        term = page.locator("a.term").first
        term.hover()  # Material's and Zensical's content.tooltips turn the title into a tooltip
        page.wait_for_selector("[role=tooltip]:visible, .md-tooltip2--active, .md-tooltip--active", timeout=5000)
        assert page.locator("span.redaction").first.evaluate("el => getComputedStyle(el).cursor") == "help"

        para = page.locator("p.para[id]").nth(1)
        button = para.locator("button.cite-copy")
        assert button.count() == 1
        citation = button.get_attribute("data-citation") or ""
        assert citation.endswith("#" + (para.get_attribute("id") or "")) and citation.startswith("《")
        assert page.errors == [] and failed == []
    finally:
        page.context.close()


@pytest.mark.browser
def test_on_a_phone_the_magnifier_opens_the_box_under_zensical(browser: Any, servers: tuple[str, str]) -> None:
    from browser import open_page

    page = open_page(browser)
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        page.goto(f"{servers[1]}/index.html")
        assert not page.is_visible("[data-speechsite-search-query]")
        page.click(".md-header label.md-header__button[for='__search']")
        page.wait_for_function("() => document.activeElement.matches('[data-speechsite-search-query]')")
        page.keyboard.type("枫桥经验")
        page.wait_for_function(WAIT, arg="枫桥经验", timeout=15000)
        assert page.is_visible("a[data-unit]")
        page.keyboard.press("Escape")
        assert not page.is_visible("[data-speechsite-search-query]")
        assert page.errors == []
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def site_without_overrides(pages_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Zensical over the same folder with no custom_dir: as if it could not use our overrides."""
    import shutil

    project = tmp_path_factory.mktemp("no-overrides")
    shutil.copytree(pages_project / "generated" / "docs", project / "generated" / "docs")
    config = (pages_project / "zensical.toml").read_text(encoding="utf-8")
    assert 'custom_dir = "generated/overrides"\n' in config
    (project / "zensical.toml").write_text(config.replace('custom_dir = "generated/overrides"\n', ""), encoding="utf-8")
    subprocess.run([str(ZENSICAL), "build", "--clean", "--strict"], cwd=project, check=True, capture_output=True, timeout=300)
    return project / "site"


@pytest.mark.browser
def test_without_our_overrides_only_the_search_box_is_missing(browser: Any, site_without_overrides: Path) -> None:
    from browser import open_page, serve

    page = open_page(browser)
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    try:
        with serve(site_without_overrides) as server:
            page.goto(f"{server}/speeches/quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan/index.html")
            page.wait_for_load_state("load")
            assert page.locator("[data-speechsite-search]").count() == 0
            assert page.locator("[data-md-component=search]").count() == 0  # Zensical's own: off
            assert page.locator("p.para[id] button.cite-copy").count() > 5
            assert page.locator("a.term[title]").count() > 5
            assert page.locator("span.redaction").first.evaluate("el => getComputedStyle(el).cursor") == "help"
            page.goto(f"{server}/index.html")
            assert "最新讲话" in page.locator("article").inner_text()
        assert page.errors == [] and failed == []
    finally:
        page.context.close()
