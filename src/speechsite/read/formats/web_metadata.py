"""Date, source and title of a web page, from its meta tags and its 发布时间/来源 line.

Chinese government sites publish `ArticleTitle`, `PubDate` and `ContentSource` meta tags;
otherwise the line above the article says 发布时间：2023-05-12 来源：某县人民政府办公室.
All of it is inferred metadata (the page says so, the speaker did not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from .web_content import meta_title

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_LINE = re.compile(r"(?:发布时间|发布日期|发表时间|发文日期|成文日期|时间|日期)\s*[：:]\s*" + _DATE.pattern)
_SOURCE_LINE = re.compile(r"(?:来源|信息来源|稿件来源)\s*[：:]\s*([^\s|｜/【】\[\]]{2,40})")
_SOURCE_END = re.compile(r"(?:作者|时间|发布|浏览|点击|责任编辑|编辑|字号).*$")
_DATE_METAS = ("PubDate", "pubdate", "publishdate", "firstpublishedtime", "article:published_time")
_SOURCE_METAS = ("ContentSource", "source")


def page_metadata(soup: BeautifulSoup, dropped: Iterable[str], lines: list[str]) -> dict[str, str]:
    """`date`, `source` and `title` where the page gives them."""
    found: dict[str, str] = {}
    texts = [*dropped, *lines[:6], *lines[-6:]]
    date = _meta(soup, _DATE_METAS) or next(
        (match.group(0) for text in texts for match in [_DATE_LINE.search(text)] if match), None)
    iso = _iso(date) if date else None
    if iso:
        found["date"] = iso
    source = _meta(soup, _SOURCE_METAS) or next(
        (match.group(1) for text in texts for match in [_SOURCE_LINE.search(text)] if match), None)
    if source:
        cleaned = _SOURCE_END.sub("", source).strip()
        if cleaned:
            found["source"] = cleaned
    title = meta_title(soup)
    if title:
        found["title"] = title
    return found


def _meta(soup: BeautifulSoup, names: tuple[str, ...]) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if isinstance(tag, Tag) and str(tag.get("content") or "").strip():
            return str(tag.get("content")).strip()
    return None


def _iso(text: str) -> str | None:
    match = _DATE.search(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
