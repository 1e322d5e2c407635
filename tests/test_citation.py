"""Citation-grade output: Highwire citation_* tags on every speech page (what Zotero reads), and
the 引用 menu's formats — a formatted citation, BibTeX, RIS and CSL-JSON, for the paragraph and
for the whole speech — read back with a BibTeX and a RIS reader; keyboard use of the menu."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def corpus(site: Path) -> dict[str, Any]:
    return json.loads((site / "data" / "corpus.json").read_text("utf-8"))  # type: ignore[no-any-return]


def meta_tags(site: Path, url: str) -> dict[str, str]:
    soup = BeautifulSoup((site / url).read_text("utf-8"), "html.parser")
    return {str(tag["name"]): str(tag["content"]) for tag in soup.find_all("meta", attrs={"name": True})
            if str(tag["name"]).startswith("citation_")}


def test_every_speech_page_carries_highwire_tags(built_site: Path) -> None:
    for speech in corpus(built_site)["speeches"]:
        meta, tags = speech["metadata"], meta_tags(built_site, speech["url"])
        assert tags["citation_title"] == speech["title"]["text"]
        assert tags["citation_language"] == "zh"
        assert tags.get("citation_date") == ((meta["date"] or "").replace("-", "/") or None)
        assert tags.get("citation_author") == meta["speaker"]
        assert tags.get("citation_publisher") == meta["place"]
        assert tags.get("citation_conference_title") == meta["meeting"]
    assert meta_tags(built_site, "index.html") == {}


def test_the_hostile_title_is_text_in_the_tag(built_site: Path) -> None:
    hostile = next(s for s in corpus(built_site)["speeches"] if s["source"]["path"] == "hostile.txt")
    html = (built_site / hostile["url"]).read_text("utf-8")
    assert meta_tags(built_site, hostile["url"])["citation_title"] == hostile["title"]["text"]
    head = html.split("</head>")[0]
    assert "<script>alert" not in head


@pytest.fixture
def menu(browser: Any, server: str, built_site: Path) -> Any:
    """A dated speech with sections, its deepest paragraph's 引用 panel opened by keyboard."""
    from browser import open_page

    speech = next(s for s in corpus(built_site)["speeches"] if s["metadata"]["date"] and s["sections"])
    page = open_page(browser)
    page.goto(f"{server}/{speech['url']}")
    page.speech = speech
    return page


def _open(page: Any, nth: int = 0) -> Any:
    button = page.locator("p.para button.cite-copy").nth(nth)
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".cite-panel:not([hidden])")
    return button


def _format(page: Any, value: str) -> str:
    page.locator(f".cite-panel input[name=cite-format][value={value}]").check()
    return page.locator(".cite-panel .cite-text").input_value()  # type: ignore[no-any-return]


@pytest.mark.browser
def test_the_menu_works_by_keyboard(menu: Any) -> None:
    page = menu
    button = _open(page)
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.name") == "cite-scope"
    page.keyboard.press("Tab")  # to the formats (a radio group is one stop)
    assert page.evaluate("document.activeElement.name") == "cite-format"
    page.keyboard.press("ArrowRight")  # BibTeX
    assert page.locator(".cite-panel .cite-text").input_value().startswith("@misc{")
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('cite-copy')")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.errors == []


@pytest.mark.browser
def test_every_format_reads_back(menu: Any) -> None:
    page, speech = menu, menu.speech
    meta = speech["metadata"]
    _open(page, 1)
    para_id = page.locator("p.para").nth(1).get_attribute("id")
    text = _format(page, "text")
    assert text.startswith(f"《{speech['title']['text']}》") and text.endswith(f"#{para_id}")
    assert "。，" not in text and "，，" not in text and "。。" not in text
    entry = bibtexparser.parse_string(_format(page, "bibtex")).entries[0]
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == speech["title"]["text"]
    assert fields["date"] == meta["date"] and fields["url"].endswith(f"#{para_id}")
    if meta["speaker"]:
        assert fields["author"] == "{" + meta["speaker"] + "}"
    ris = rispy.loads(_format(page, "ris"))[0]
    assert ris["title"] == speech["title"]["text"] and ris["urls"][0].endswith(f"#{para_id}")
    assert ris["date"].startswith(meta["date"].replace("-", "/"))
    item = json.loads(_format(page, "csl"))[0]
    assert item["type"] == "speech" and item["title"] == speech["title"]["text"]
    assert item["issued"]["date-parts"][0] == [int(part) for part in meta["date"].split("-")]
    page.locator(".cite-panel input[name=cite-scope][value=speech]").check()
    whole = json.loads(page.locator(".cite-panel .cite-text").input_value())[0]
    assert "#" not in whole["URL"] and "note" not in whole
    assert page.errors == []
