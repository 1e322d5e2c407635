"""The built fixture site (`mkdocs build --strict`): seed outlines, escaping, anchors, data.

The build is shared by the session fixture `built_site` (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import FIXTURE_SOURCES, ROOT, SEEDS, BuiltSite, mkdocs_build

MAX_PAGE_BYTES = 150_000
OWN_TEXT_TAGS = {"span"}  # the only element the renderer creates inside paragraph text (redactions, terms aside)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def corpus(site: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def speech_entry(site: Path, source: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in corpus(site)["speeches"] if s["source"]["path"] == source)


def speech_soup(site: Path, source: str) -> BeautifulSoup:
    return soup_of(site / speech_entry(site, source)["url"])


def test_build_is_strict_clean(fixture_build: BuiltSite) -> None:
    assert "WARNING" not in fixture_build.log
    assert "ERROR" not in fixture_build.log


def test_build_prints_only_warnings_and_one_summary_line(fixture_build: BuiltSite) -> None:
    """A normal build is quiet: no "not in nav" list of generated pages, no MkDocs progress
    lines; just our summary (the fixture has no source problems, so no warnings either)."""
    lines = [line for line in fixture_build.log.splitlines() if line.strip()]
    assert len(lines) == 1, fixture_build.log
    assert re.fullmatch(
        r"INFO +- +speechsite: \d+ speeches, \d+ paragraphs, no problem in the sources; "
        r"(page addresses recorded in source_texts/addresses\.yml; )?site built in [\d.]+ s",
        lines[0],
    ), lines[0]


def test_repository_itself_builds_strict(tmp_path: Path) -> None:
    built = mkdocs_build(ROOT, tmp_path / "site")
    assert "WARNING" not in built.log
    assert (tmp_path / "site" / "index.html").is_file()


OUTLINES = yaml.safe_load((SEEDS / "outlines.yml").read_text(encoding="utf-8"))


def _normal(text: str) -> str:
    return text.strip().rstrip("。").removeprefix("要")


def _matches(actual: str, number: str | None, heading: str) -> bool:
    """An H2/H3 text equals the outline entry: ordinal as written, then the heading."""
    rest = actual.strip()
    if number:
        if not rest.startswith(number):
            return False
        rest = rest[len(number) :].lstrip("、，,．.:： ")
    return _normal(rest) == _normal(heading)


@pytest.mark.parametrize("source", sorted(OUTLINES))
def test_seed_headings_equal_the_expected_outline(built_site: Path, source: str) -> None:
    expected = OUTLINES[source]
    soup = speech_soup(built_site, source)
    content = soup.select_one("article.md-content__inner")
    h2s: list[tuple[str, list[str]]] = []
    for heading in content.find_all(["h2", "h3"]):
        if heading.name == "h2":
            h2s.append((heading.get_text(), []))
        else:
            h2s[-1][1].append(heading.get_text())
    assert len(h2s) == len(expected["sections"]), [h for h, _ in h2s]
    for (h2, h3s), section in zip(h2s, expected["sections"], strict=True):
        assert _matches(h2, section["number"], section["heading"]), (h2, section)
        subs = [s for s in section.get("subsections", []) if not (s.get("optional") and not any(_matches(h, s["number"], s["heading"]) for h in h3s))]
        assert len(h3s) == len(subs), (h3s, subs)
        for h3, sub in zip(h3s, subs, strict=True):
            assert _matches(h3, sub["number"], sub["heading"]), (h3, sub)


@pytest.mark.parametrize("source", [*sorted(OUTLINES), "hostile.txt"])
def test_toc_lists_the_sections(built_site: Path, source: str) -> None:
    soup = speech_soup(built_site, source)
    toc = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    headings = [h.get_text(strip=True) for h in soup.select("article h2, article h3")]
    assert toc == headings
    assert not any("&#" in entry or "&amp;" in entry for entry in toc)


def _all_sources() -> list[str]:
    return sorted(OUTLINES) + sorted(p.name for p in FIXTURE_SOURCES.glob("*.txt"))


@pytest.mark.parametrize("source", _all_sources())
def test_paragraph_anchors_unique_and_cited(built_site: Path, source: str) -> None:
    soup = speech_soup(built_site, source)
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    paragraphs = soup.select("p.para")
    assert paragraphs
    for para in paragraphs:
        assert para.find("a", class_="cite")["href"] == f"#{para['id']}"


@pytest.mark.parametrize("source", _all_sources())
def test_every_paragraph_text_reaches_the_page_exactly(built_site: Path, source: str) -> None:
    entry = speech_entry(built_site, source)
    soup = speech_soup(built_site, source)
    shown = {p["id"]: p.find(class_="text") for p in soup.select("p.para")}

    def paragraphs(sections: list[dict]) -> list[dict]:  # type: ignore[type-arg]
        return [p for s in sections for p in s["paragraphs"] + paragraphs(s["subsections"])]

    expected = entry["opening"] + paragraphs(entry["sections"]) + entry["closing"]
    assert [p["id"] for p in expected] == list(shown)
    for paragraph in expected:
        text = shown[paragraph["id"]]
        assert text.get_text() == paragraph["text"]
        created = {el.name for el in text.find_all(True)} - {"span", "a"}
        assert not created, created
        assert all(("redaction" in el["class"]) for el in text.find_all("span"))
        assert all(("term" in el["class"]) for el in text.find_all("a"))


def test_hostile_heading_shows_exactly_in_page_and_toc(built_site: Path) -> None:
    soup = speech_soup(built_site, "hostile.txt")
    assert [h.get_text() for h in soup.select("article h2")] == ["一、# not a heading，要统一思想", "二、要狠抓落实"]
    toc = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc == ["一、# not a heading，要统一思想", "二、要狠抓落实"]


def test_hostile_source_shows_exactly_its_text(built_site: Path) -> None:
    source_lines = (FIXTURE_SOURCES / "hostile.txt").read_text(encoding="utf-8").splitlines()
    soup = speech_soup(built_site, "hostile.txt")
    article = soup.select_one("article.md-content__inner")
    assert soup.h1.get_text() == source_lines[0]
    assert soup.title.get_text() == f"{source_lines[0]} - 讲话稿文库"
    assert soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == source_lines[0]
    shown = {p.find(class_="text").get_text() for p in article.select("p.para")}
    shown |= {h.get_text() for h in article.select("h2, h3")} | {soup.h1.get_text()}
    shown |= {p.get_text() for p in article.select("p.salutation")}
    # Every line shows exactly as written: a lone `# …` line is text, not Markdown debris.
    missing = [line for line in source_lines if line.strip() and line not in shown]
    assert missing == []
    assert not article.select("details.repairs")
    assert not article.find_all(["script", "strong", "em", "b", "img", "iframe", "ul", "ol", "blockquote", "pre"])
    assert not article.select('a[href^="javascript"]')
    assert "&amp;amp;" not in (built_site / speech_entry(built_site, "hostile.txt")["url"]).read_text(encoding="utf-8")


def test_redactions_are_marked(built_site: Path) -> None:
    soup = speech_soup(built_site, "000_92ed66065ac2b4ae.txt")
    marks = soup.select("span.redaction")
    assert marks and {m.get_text() for m in marks} >= {"*", "**", "***"}
    assert {m["title"] for m in marks} == {"原文此处已隐去（脱敏）"}
    soup = speech_soup(built_site, "001_c98e51e5a34b76fd.txt")
    assert {m.get_text() for m in soup.select("span.redaction")} >= {"XX", "XXXX"}


def test_repairs_box_for_paginated_source(built_site: Path) -> None:
    entry = speech_entry(built_site, "003_3589449ce9a9c9d2.txt")
    soup = speech_soup(built_site, "003_3589449ce9a9c9d2.txt")
    box = soup.select_one("details.repairs")
    assert box is not None and not box.has_attr("open")
    assert len(box.select("tbody tr")) == len(entry["repairs"]) > 0
    for row in box.select("tbody tr"):
        target = row.find_all("a")[-1]["href"].lstrip("#")
        assert soup.find(id=target) is not None


def test_raw_sources_are_copied_and_linked(built_site: Path) -> None:
    for entry in corpus(built_site)["speeches"]:
        copy = built_site / entry["source"]["url"]
        original = (FIXTURE_SOURCES / entry["source"]["path"]) if (FIXTURE_SOURCES / entry["source"]["path"]).exists() else SEEDS / entry["source"]["path"]
        assert copy.read_bytes().decode("utf-8-sig") == original.read_bytes().decode(entry["source"]["encoding"]).lstrip("\ufeff")
        page = soup_of(built_site / entry["url"])
        href = unquote(page.select_one("p.source-link a")["href"])
        assert href == "../../" + entry["source"]["url"]


def test_corpus_json_follows_its_schema(built_site: Path) -> None:
    schema = json.loads((built_site / "data" / "corpus.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = corpus(built_site)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["speech_count"] == len(data["speeches"]) == len(_all_sources())


def test_home_lists_speeches_newest_first(built_site: Path) -> None:
    soup = soup_of(built_site / "index.html")
    rows = soup.select("table.speech-list tbody tr")
    assert len(rows) == len(_all_sources())
    dates = [row.select_one("td.date").get_text() for row in rows]
    known = [d for d in dates if d != "未注明"]
    keyed = [tuple(int(n) for n in re.findall(r"\d+", d)) for d in known]
    assert keyed == sorted(keyed, reverse=True)
    assert dates[len(known) :] == ["未注明"] * (len(dates) - len(known))
    counts = soup.select_one("ul.corpus-counts").get_text()
    assert f"{len(_all_sources())} 篇讲话" in counts


def test_browse_pages_by_year_and_level(built_site: Path) -> None:
    browse = soup_of(built_site / "speeches" / "index.html")
    links = [a["href"] for a in browse.select(".browse a")]
    assert any("years/" in link for link in links) and any("levels/" in link for link in links)
    listed = 0
    for link in links:
        if "years/" in link:
            listed += len(soup_of(built_site / "speeches" / link).select("table.speech-list tbody tr"))
    assert listed == len(_all_sources())


def test_pages_stay_small(built_site: Path) -> None:
    sizes = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in built_site.rglob("*.html")}
    assert max(sizes.values()) < MAX_PAGE_BYTES, max(sizes.items(), key=lambda item: item[1])


def test_nav_does_not_list_speeches(built_site: Path) -> None:
    soup = soup_of(built_site / "index.html")
    nav = soup.select_one("nav.md-nav--primary")
    assert not [a for a in nav.find_all("a") if "speeches/" in a.get("href", "") and "speeches/index.html" not in a["href"]]



def test_clean_clone_builds_strict(tmp_path: Path) -> None:
    """The committed tree alone (no untracked or uncommitted files) builds with --strict."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    env = {"PYTHONPATH": str(clone / "src")}  # import speechsite from the clone, not the work tree
    probe = subprocess.run(
        [sys.executable, "-c", "import speechsite; print(speechsite.__file__)"],
        capture_output=True, text=True, env={**os.environ, **env}, check=True,
    )
    assert probe.stdout.startswith(str(clone))
    built = mkdocs_build(clone, tmp_path / "site", env)
    assert "WARNING" not in built.log
