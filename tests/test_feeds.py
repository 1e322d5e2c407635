"""Atom feeds: `feed.xml` (the newest speeches) and `feeds/<topic>.xml` (one per topic).

Each feed parses as XML (xml.etree), is in the Atom namespace with the elements RFC 4287
requires (feed id, title, updated, author, link; entry id, title, updated, link), holds the
dated speeches newest first (undated ones left out) with their page links and dates, carries
absolute links and ids with `site_url` and links relative to the feed without it, and keeps
titles from the sources as text. Every built page announces the site feed in its head; a
topic page links its topic's feed, and the home page the site feed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCES

from speechsite.exports.feeds import atom_date
from speechsite.pipeline import Options, build

NS = {"a": "http://www.w3.org/2005/Atom"}
SITE = "https://example.org/wenku/"
BODY = "同志们：\n今天召开安全生产工作会议。\n一、抓好安全生产\n要落实安全生产责任，守住安全底线。\n"
HOSTILE = '关于<script>alert("x")</script>&amp;]]>安全生产的讲话'
SPEECHES = {  # file → (front matter lines, expected slug)
    "a.txt": (f"title: {HOSTILE!r}\ndate: 2021-03-01\nslug: feed-a\nspeaker: 张三\nrole: 县长", "feed-a"),
    "b.txt": ("title: 乙年会议讲话\ndate: '2022'\nslug: feed-b", "feed-b"),
    "c.txt": ("title: 丙日会议讲话\ndate: 2022-05-10\nslug: feed-c", "feed-c"),
    "e.txt": ("title: 戊日会议讲话\ndate: 2022-05-10\nslug: feed-e", "feed-e"),
    "d.txt": ("title: 丁无日期讲话\nslug: feed-d", "feed-d"),
}
ORDER = ["feed-c", "feed-e", "feed-b", "feed-a"]  # newest first, ties by slug; feed-d undated
DATES = {"feed-c": "2022-05-10T00:00:00Z", "feed-e": "2022-05-10T00:00:00Z",
         "feed-b": "2022-01-01T00:00:00Z", "feed-a": "2021-03-01T00:00:00Z"}


def feeds(tmp_path: Path, site_url: str) -> dict[str, ElementTree.Element]:
    sources = tmp_path / "source_texts"
    sources.mkdir()
    for name, (front, _) in SPEECHES.items():
        (sources / name).write_text(f"---\n{front}\n---\n{BODY}", encoding="utf-8")
    shutil.copy(SOURCES / "taxonomy.yml", sources / "taxonomy.yml")
    result = build(Options(sources, taxonomy=sources / "taxonomy.yml", site_url=site_url, site_name="测试文库"))
    found = {f.path: f for f in result.site.static if f.path.endswith(".xml")}
    return {path: ElementTree.fromstring(file.as_bytes()) for path, file in found.items()}


def entries(feed: ElementTree.Element) -> list[ElementTree.Element]:
    return feed.findall("a:entry", NS)


def text(element: ElementTree.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, f"no {path}"
    return found.text or ""


def link(element: ElementTree.Element) -> str:
    found = element.find("a:link[@rel='alternate']", NS)
    assert found is not None
    return found.attrib["href"]


def test_site_feed_lists_dated_speeches_newest_first_with_relative_links(tmp_path: Path) -> None:
    feed = feeds(tmp_path, "")["feed.xml"]
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert text(feed, "a:title") == "测试文库 · 最新讲话"
    assert text(feed, "a:updated") == "2022-05-10T00:00:00Z"  # the newest entry
    assert text(feed, "a:author/a:name") == "测试文库"
    assert text(feed, "a:id").startswith("urn:uuid:")
    assert link(feed) == "index.html" and feed.find("a:link[@rel='self']", NS) is None
    found = entries(feed)
    slugs = [link(entry).split("/")[1] for entry in found]
    assert slugs == ORDER
    for entry, slug in zip(found, slugs, strict=True):
        assert link(entry) == f"speeches/{slug}/index.html"
        assert text(entry, "a:updated") == text(entry, "a:published") == DATES[slug]
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", text(entry, "a:id"))
    assert len({text(entry, "a:id") for entry in found}) == len(found)
    assert text(found[-1], "a:title") == HOSTILE  # escaped on the way in, the same text out
    assert text(found[-1], "a:author/a:name") == "县长 张三"
    assert "安全生产" in text(found[0], "a:summary")


def test_with_site_url_links_and_ids_are_absolute(tmp_path: Path) -> None:
    built = feeds(tmp_path, SITE)
    feed = built["feed.xml"]
    assert text(feed, "a:id") == f"{SITE}feed.xml"
    assert feed.find("a:link[@rel='self']", NS).attrib["href"] == f"{SITE}feed.xml"
    assert link(feed) == f"{SITE}index.html"
    for entry in entries(feed):
        assert link(entry).startswith(f"{SITE}speeches/") and text(entry, "a:id") == link(entry)
    topic = built["feeds/anquan-shengchan.xml"]
    assert link(topic) == f"{SITE}topics/anquan-shengchan/index.html"
    assert [link(entry).split("/")[-2] for entry in entries(topic)] == ORDER


def test_one_feed_per_topic_with_its_speeches(tmp_path: Path) -> None:
    built = feeds(tmp_path, "")
    topic = built["feeds/anquan-shengchan.xml"]
    assert text(topic, "a:title") == "测试文库 · 专题：安全生产"
    assert link(topic) == "../topics/anquan-shengchan/index.html"
    assert [link(entry) for entry in entries(topic)] == [f"../speeches/{slug}/index.html" for slug in ORDER]
    for entry in entries(topic):
        terms = [category.attrib["term"] for category in entry.findall("a:category", NS)]
        assert "anquan-shengchan" in terms
    quiet = [path for path, feed in built.items() if path.startswith("feeds/") and not entries(feed)]
    assert quiet, "a topic no speech discusses still has its (empty) feed"
    assert all(text(built[path], "a:updated") == "1970-01-01T00:00:00Z" for path in quiet)


def test_built_site_feeds_parse_and_pages_announce_them(built_site: Path) -> None:
    feed = ElementTree.parse(built_site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed" and text(feed, "a:title").endswith("最新讲话")
    for entry in entries(feed):
        assert (built_site / link(entry)).is_file()
    for path in sorted((built_site / "feeds").glob("*.xml")):
        ElementTree.parse(path)  # every topic feed is well-formed
    pages = {
        "index.html": "feed.xml",
        "overview/index.html": "../feed.xml",
        "topics/anquan-shengchan/index.html": "../../feed.xml",
    }
    for page, href in pages.items():
        soup = BeautifulSoup((built_site / page).read_text("utf-8"), "html.parser")
        links = [tag["href"] for tag in soup.head.find_all("link", type="application/atom+xml")]
        assert links[0] == href, page
    topic = BeautifulSoup((built_site / "topics/anquan-shengchan/index.html").read_text("utf-8"), "html.parser")
    announced = [tag["href"] for tag in topic.head.find_all("link", rel="alternate")]
    # The topic's feed is linked, not announced: Material fetches sitemap.xml beside every
    # announced alternate, and feeds/sitemap.xml would be a 404 (templates/main.html).
    assert announced == ["../../feed.xml"]
    assert topic.select_one("a.feed-link")["href"] == "../../feeds/anquan-shengchan.xml"
    home = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    assert home.select_one(".home-data a.feed-link")["href"] == "feed.xml"


@pytest.mark.parametrize("date, expected", [
    ("2022-05-10", "2022-05-10T00:00:00Z"), ("2022-05", "2022-05-01T00:00:00Z"),
    ("2022", "2022-01-01T00:00:00Z"), ("二〇二二年", ""), (None, ""),
])
def test_dates_become_rfc3339_times(date: str | None, expected: str) -> None:
    assert atom_date(date) == expected
