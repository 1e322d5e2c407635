"""A link checker for a built site: every internal href/src resolves, #anchors included.

Reusable from any test: `problems = check_links(site_dir)`; an empty list means clean.
Links to folders count as broken, because the site must also work from file:// where a
folder does not open its index.html. `javascript:` links are always reported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS:
                self.links.append(value)


def scan(page: Path) -> tuple[set[str], list[str]]:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector.ids, collector.links


def check_links(site: Path) -> list[str]:
    pages = {path.relative_to(site).as_posix(): scan(path) for path in sorted(site.rglob("*.html"))}
    return [problem for page, (_, links) in pages.items() for problem in _check_page(site, page, links, pages)]


def _resolve(page: str, path: str) -> str:
    """Site path of a link target: relative to the page, or to the site root if it starts with /."""
    if not path:
        return page
    base = "" if path.startswith("/") else posixpath.dirname(page)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/")))


def _check_page(
    site: Path, page: str, links: list[str], pages: dict[str, tuple[set[str], list[str]]]
) -> Iterator[str]:
    for link in links:
        parts = urlsplit(link)
        if parts.scheme == "javascript":
            yield f"{page}: {link} — javascript: link"
            continue
        if parts.scheme or parts.netloc or link.startswith("data:"):
            continue  # external
        target = _resolve(page, unquote(parts.path))
        if target.startswith("../") or target == "..":
            yield f"{page}: {link} — points outside the site"
            continue
        path = site / target
        if path.is_dir() or (parts.path.endswith("/")):
            yield f"{page}: {link} — links to a folder, not a file (breaks on file://)"
            continue
        if not path.is_file():
            yield f"{page}: {link} — {target} does not exist"
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.endswith(".html") and fragment not in pages[target][0]:
            yield f"{page}: {link} — no element with id “{fragment}” in {target}"
