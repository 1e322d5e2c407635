"""The site's interface is Chinese: no English string of the theme or of our templates reaches
a built page, and each notion has one word (专题 for topics, 次 for occurrences, 段 for
paragraphs).

Latin words are allowed where they come from the inputs (the speeches, the glossary and
taxonomy files: source text is shown as written), in code (file names, hashes, field names),
in the body of the hand-written pages under docs/, and as proper names (`PROPER_NAMES`).
Everything else — visible text, <title>, title/aria-label/placeholder/alt attributes and the
description meta — is scanned on every page of the fixture site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from sitebuild import BuiltSite

# A word of two or more Latin letters, not glued to digits (hashes and ids are not words).
LATIN_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])")
# Names of things, written as their makers write them (no Chinese name in use).
PROPER_NAMES = frozenset({
    "MkDocs", "Material", "for",  # "Material for MkDocs", the theme's name, in the footer
    "BibTeX", "RIS", "CSL", "JSON", "CSV", "Atom", "Zotero", "SHA", "UTF", "URL", "ISO",
})
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "label")
NOT_SHOWN = ("script", "style", "code", "pre", "kbd", "samp", "template")


def input_words(project: Path) -> set[str]:
    """Latin words of the sources and of the data files' values (not their comments): shown
    as written, wherever they land."""
    words: set[str] = set()
    for path in (project / "source_texts").rglob("*"):
        if not path.is_file():
            continue
        words.update(LATIN_WORD.findall(path.name))
        if path.suffix == ".yml":
            words.update(LATIN_WORD.findall(" ".join(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))))
        else:
            words.update(LATIN_WORD.findall(path.read_bytes().decode("utf-8", "replace")))
    return words


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif data is not None:
        yield str(data)


def hand_written_pages(project: Path) -> set[str]:
    """Site paths of pages made from docs/*.md: their body is our prose, not the interface."""
    return {str(md.relative_to(project / "docs").with_suffix(".html")) for md in (project / "docs").rglob("*.md")}


def shown_texts(html: str, skip_body: bool) -> Iterator[str]:
    soup = BeautifulSoup(html, "html.parser")
    for node in soup(NOT_SHOWN):
        node.decompose()
    if skip_body:  # the page's prose and its table of contents (made from its headings)
        for node in soup.select("article.md-content__inner, nav.md-nav--secondary"):
            node.clear()
    for text in soup.find_all(string=True):
        if not isinstance(text, Comment | Declaration | Doctype | ProcessingInstruction):
            yield str(text)
    for element in soup.find_all(True):
        for name in SHOWN_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str):
                yield value
    for meta in soup.find_all("meta", attrs={"name": "description"}):
        yield str(meta.get("content", ""))


def english_on_pages(site: Path, project: Path) -> dict[str, set[str]]:
    allowed = input_words(project) | PROPER_NAMES
    docs = hand_written_pages(project)
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        path = str(page.relative_to(site))
        for text in shown_texts(page.read_text(encoding="utf-8"), skip_body=path in docs):
            words = set(LATIN_WORD.findall(text)) - allowed
            if words:
                found.setdefault(path, set()).update(words)
    return found


def test_no_english_interface_string_on_any_page(fixture_build: BuiltSite) -> None:
    found = english_on_pages(fixture_build.site, fixture_build.project)
    assert not found, "\n".join(f"{path}: {sorted(words)}" for path, words in sorted(found.items())[:30])


def test_the_scan_finds_an_english_label(tmp_path: Path, fixture_build: BuiltSite) -> None:
    """The scanner itself: an English label in chrome or an attribute is caught, code is not."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "x.html").write_text(
        '<html><head><title>讲话 - Missing page</title></head><body><nav aria-label="Navigation">'
        '<a href="#">首页</a></nav><code>corpus.json</code><p>Made by 讲话</p></body></html>',
        encoding="utf-8",
    )
    found = english_on_pages(site, fixture_build.project)
    assert found == {"x.html": {"Missing", "page", "Navigation", "Made", "by"}}


# One word per notion in the interface: our templates write a count as "N 段", with a space.
COUNT = re.compile(r"\d+ ([处次段条个篇]|个段落|段落)")
COUNT_WORDS = {"篇": "speeches", "段": "paragraphs (and headings)", "次": "occurrences", "个": "terms, topics, places"}
QUOTED = ".gl-short, .para .text, .kwic, .gl-kwic, .passage-text, .topic-passage, .md-content h1, .md-content h2, .md-content h3"
REPAIRS = "details.repairs summary, .provenance, .repairs-note"  # 处 counts repairs: places changed


def count_words(site: Path) -> dict[str, set[str]]:
    """The words used after a number on each page, outside quoted source text and definitions."""
    words: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for node in soup(NOT_SHOWN):
            node.decompose()
        repairs = " ".join(node.get_text(" ") for node in soup.select(REPAIRS))
        for node in soup.select(f"{QUOTED}, {REPAIRS}"):
            node.decompose()
        for word in COUNT.findall(soup.get_text(" ")):
            words.setdefault(word, set()).add(str(page.relative_to(site)))
        if COUNT.search(repairs) and set(COUNT.findall(repairs)) != {"处"}:
            words.setdefault("repairs: " + "/".join(sorted(set(COUNT.findall(repairs)))), set()).add(str(page))
    return words


def test_each_count_has_one_word(built_site: Path) -> None:
    """专题 are topics, 次 occurrences, 段 paragraphs (a topic's passages are paragraphs or
    headings: 段 too), 篇 speeches, 个 terms/topics/places; 处 only counts repairs."""
    words = count_words(built_site)
    assert set(words) <= set(COUNT_WORDS), {word: sorted(pages)[:3] for word, pages in words.items()
                                            if word not in COUNT_WORDS}


def test_topics_are_zhuanti_never_zhuti(built_site: Path) -> None:
    pages = [str(page.relative_to(built_site)) for page in built_site.rglob("*.html")
             if "相关主题" in page.read_text(encoding="utf-8")]
    assert not pages
