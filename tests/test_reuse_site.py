"""Passage reuse in a built site: the fixture speeches plus one that copies from them (a seed
paragraph exactly, another with figures and a place changed, a sentence of the hostile
fixture inside a paragraph of its own). Checks the markers and highlights on the speech
pages, the reuse scripts, data/reuse.csv.gz, the reuse page, and — in Chromium — opening a
marker and the comparison view."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from browser import ARTIFACTS, open_page, serve
from bs4 import BeautifulSoup
from sitebuild import SEEDS, make_project, mkdocs_build

from speechsite.search.query import unpacked

SEED = "000_92ed66065ac2b4ae"
COPIER = "同文样本"
HOSTILE_SENTENCE = "原文里有 [x](javascript:alert(1)) 和 {{ config }} 以及 $x$，还有 <b>粗体</b> 与 &amp; 实体。"


def _seed_paragraphs() -> list[str]:
    lines = (SEEDS / f"{SEED}.txt").read_text("utf-8").splitlines()
    return [line for line in lines if len(line) > 80]


def copier_text() -> str:
    exact, edited = _seed_paragraphs()[:2]
    edited = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), edited).replace("全县", "全市", 1)
    return "\n".join(
        [
            "在全市同文样本会议上的讲话",
            "（2024年3月1日）",
            "同志们：",
            exact,
            edited,
            "我再强调一点。" + HOSTILE_SENTENCE + "请各单位抓紧落实。",
            "这一段是本篇自己的话，与其他讲话没有共同的句子，只谈今天会议的安排和分工。",
        ]
    ) + "\n"


@pytest.fixture(scope="module")
def reuse_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reuse-site")
    project = make_project(folder / "project")
    (project / "source_texts" / f"{COPIER}.txt").write_text(copier_text(), "utf-8")
    return mkdocs_build(project, folder / "site").site


def _speech_dirs(site: Path) -> dict[str, Path]:
    corpus = json.loads((site / "data" / "corpus.json").read_text("utf-8"))
    return {speech["id"]: site / "speeches" / speech["slug"] for speech in corpus["speeches"]}


def test_markers_and_highlights_on_both_speech_pages(reuse_site: Path) -> None:
    pages = _speech_dirs(reuse_site)
    copier = (pages[COPIER] / "index.html").read_text("utf-8")
    assert copier.count('class="reuse-mark"') == 3
    assert copier.count(">同文 1</a>") == 3
    assert 'class="reuse-source"' in copier
    # the hostile sentence is shared: highlighted, and still text
    assert '<span class="reused">原文里有 &#91;x&#93;' in copier
    assert "<b>粗体</b>" not in copier
    seed = (pages[SEED] / "index.html").read_text("utf-8")
    assert seed.count('class="reuse-mark"') == 2
    others = [path for name, path in pages.items() if name not in (SEED, COPIER, "hostile")]
    for path in others:
        assert 'class="reuse-mark"' not in (path / "index.html").read_text("utf-8")


def test_reuse_script_is_packed_data(reuse_site: Path) -> None:
    slug = _speech_dirs(reuse_site)[COPIER].name
    script = (reuse_site / "reuse" / "speeches" / f"{slug}.js").read_bytes().decode("utf-16")
    prefix = "window.__speechsiteReuse("
    assert script.startswith(prefix) and script.endswith('");\n')
    own, packed = json.loads(f"[{script[len(prefix) : script.rindex(')')]}]")
    data = unpacked(packed)
    assert own == slug
    assert data["speeches"][0][:3] == [slug, "在全市同文样本会议上的讲话", "2024-03-01"]
    assert sorted(len(rows) for rows in data["links"].values()) == [1, 1, 1]
    seed_slug = _speech_dirs(reuse_site)[SEED].name
    rows = data["pairs"][seed_slug]
    assert len(rows) == 2
    edited = next(row for row in rows if row[5])  # own differing ranges: the changed figures
    text = data["paragraphs"][edited[0]][1]
    changed = "".join(text[a:b] for a, b in edited[5])
    assert "市" in changed and any(ch.isdigit() for ch in changed)
    assert any(HOSTILE_SENTENCE in text for _, text in data["paragraphs"].values())


def test_reuse_csv(reuse_site: Path) -> None:
    raw = gzip.decompress((reuse_site / "data" / "reuse.csv.gz").read_bytes()).decode("utf-8")
    assert raw.startswith("\ufeffspeech_id,paragraph_id,other_speech_id,other_paragraph_id,shared_chars,similarity\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    assert len(rows) == 3
    corpus = json.loads((reuse_site / "data" / "corpus.json").read_text("utf-8"))
    paragraphs = {
        (speech["id"], p["id"])
        for speech in corpus["speeches"]
        for p in speech["opening"] + speech["closing"] + [q for s in speech["sections"] for q in _all(s)]
    }
    for row in rows:
        assert (row["speech_id"], row["paragraph_id"]) in paragraphs
        assert (row["other_speech_id"], row["paragraph_id"]) != (row["speech_id"], row["paragraph_id"])
        assert (row["other_speech_id"], row["other_paragraph_id"]) in paragraphs
        assert int(row["shared_chars"]) > 10 and 0 < float(row["similarity"]) <= 1
    # the seed is undated, the copier dated: the dated one comes first
    assert {(row["speech_id"], row["other_speech_id"]) for row in rows} == {
        (COPIER, SEED), (COPIER, "hostile")
    }
    exact = [row for row in rows if row["other_speech_id"] == SEED and row["similarity"] == "1.000"]
    assert len(exact) == 1


def _all(section: dict) -> list[dict]:  # type: ignore[type-arg]
    return section["paragraphs"] + [p for sub in section["subsections"] for p in _all(sub)]


def test_reuse_page_lists_the_pairs(reuse_site: Path) -> None:
    page = (reuse_site / "reuse" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one(".reuse-summary")["data-speeches"] == "3"
    hrefs = sorted(a["href"] for a in soup.select("a.reuse-compare-link"))
    slug = _speech_dirs(reuse_site)[COPIER].name
    assert hrefs == sorted([
        f"../reuse/compare.html?a={slug}&b=quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan",
        f"../reuse/compare.html?a={slug}&b=hostile",
    ])
    passages = soup.select(".reuse-passages li")
    assert len(passages) == 3 and all(li["data-speeches"] == "2" for li in passages)
    assert "套话" in soup.select_one("#method").find_next("p").get_text()


@pytest.mark.browser
def test_marker_opens_the_list_and_the_comparison_view(reuse_site: Path) -> None:
    from browser import chromium

    slug = _speech_dirs(reuse_site)[COPIER].name
    with chromium() as browser, serve(reuse_site) as server:
        page = open_page(browser)
        page.goto(f"{server}/speeches/{slug}/index.html")
        marker = page.locator("a.reuse-mark").last
        marker.click()
        listing = page.locator(".reuse-list")
        listing.wait_for()
        # the hostile speech's title is text in the list, never markup
        assert "<script>alert(1)</script>" in listing.inner_text()
        assert listing.locator("script, b").count() == 0
        assert page.locator("p.para.reuse-open .reused").count() == 1
        assert marker.get_attribute("aria-expanded") == "true"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "reuse-list.png"))
        marker.click()
        assert page.locator(".reuse-list").count() == 0

        page.locator("a.reuse-mark").first.click()
        item = page.locator(".reuse-list li").first
        item.wait_for()
        assert "共有" in item.inner_text()
        item.locator("a.reuse-compare-link").click()
        page.wait_for_url("**/reuse/compare.html?a=*")
        grid = page.locator(".reuse-compare-grid")
        grid.wait_for()
        assert page.locator(".reuse-compare-grid .reuse-side").count() == 6  # heads + 2 pairs
        assert page.locator(".reuse-compare-grid mark.changed").count() >= 2
        assert page.locator(".reuse-compare-grid .shared").count() >= 2
        page.screenshot(path=str(ARTIFACTS / "reuse-compare.png"), full_page=True)
        assert page.errors == []
        # the same from the file system: the data scripts load by <script> injection
        query = page.url.split("?", 1)[1]
        page.goto(f"{(reuse_site / 'reuse' / 'compare.html').as_uri()}?{query}")
        page.locator(".reuse-compare-grid mark.changed").first.wait_for()
        assert page.locator(".reuse-compare-grid .reuse-side").count() == 6
        assert page.errors == []
        page.context.close()
