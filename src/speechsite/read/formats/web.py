"""Web pages (.html/.htm), read with BeautifulSoup: the article kept, the page around it
dropped and recorded.

1. Charset: a byte-order mark, else the page's own `<meta charset>` (or `http-equiv`) if
   the bytes decode with it, else strict UTF-8, strict GB18030 (GBK pages are common), then
   charset-normalizer's guess.
2. Scripts, styles and the like are code, not text: taken out and counted. The browser
   title (`<title>`, usually with the site's name) is recorded, not used.
3. The article is the element holding the most paragraph text (web_content.py); its title
   is the nearest `<h1>`/title element before it (or the `ArticleTitle` meta tag, as
   inferred metadata). Everything else on the page — navigation, breadcrumbs (您的位置),
   打印本页/关闭窗口, share bars, 版权所有/ICP lines, related links — is recorded as dropped,
   one record per block. Inside the article, share and print bars are dropped by their
   class names; lines such as 来源：… at its top or foot are left to the text repairs,
   which have the chrome rules for them (and record each removal).
4. 发布时间/来源 (in the page or its meta tags) become the date and source, marked inferred.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ...errors import SourceError
from ...model import ExtractionRecord
from . import Extracted, library_version
from .web_charset import decode_page
from .web_content import article_lines, chrome_blocks, find_article, find_title
from .web_metadata import page_metadata

_EXTRACTOR = library_version("beautifulsoup4")  # read from the installed metadata once

CODE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "canvas")
NO_TEXT = "this web page has no body text (only navigation, links or scripts)"
NO_TEXT_HINT = ("save the page of the article itself (not a frame, index or search page), "
                "or copy the speech's text into a .txt file")
_SPACE = re.compile(r"\s+")


def extract(data: bytes, file: str) -> Extracted:
    text, encoding = decode_page(data, file)
    soup = BeautifulSoup(text, "html.parser")
    records = [record for record in (_drop_code(soup), _drop_browser_title(soup)) if record]
    body = soup.body or soup
    article = find_article(body)
    if article is None:
        raise SourceError(file, None, NO_TEXT, NO_TEXT_HINT)
    title = find_title(soup, body, article)
    lines, inner_chrome = article_lines(article)
    if title is not None and not title_inside(title, article):
        lines.insert(0, _SPACE.sub(" ", title.get_text()).strip())
    if not any(re.search(r"[\u3400-\u9fff]", line) for line in lines):
        raise SourceError(file, None, NO_TEXT, NO_TEXT_HINT)
    blocks = chrome_blocks(body, article, title)
    records += [ExtractionRecord("chrome", where, removed, line=1 if before else len(lines),
                                 note=note)
                for where, removed, note, before in blocks + inner_chrome]
    metadata = page_metadata(soup, [removed for _, removed, _, _ in blocks], lines)
    if title is not None:
        metadata["title"] = lines[0] if not title_inside(title, article) else metadata.get(
            "title", _SPACE.sub(" ", title.get_text()).strip())
    return Extracted("\n".join(lines) + "\n", encoding, _EXTRACTOR,
                     tuple(records), metadata=metadata)


def title_inside(title: Tag, article: Tag) -> bool:
    return any(parent is article for parent in title.parents)


def _drop_code(soup: BeautifulSoup) -> ExtractionRecord | None:
    counts: dict[str, int] = {}
    for tag in soup.find_all(list(CODE_TAGS)):
        if isinstance(tag, Tag) and not tag.decomposed:
            counts[tag.name] = counts.get(tag.name, 0) + 1
            tag.decompose()
    if not counts:
        return None
    listed = "、".join(f"<{name}> ×{count}" for name, count in counts.items())
    return ExtractionRecord("code", "整个网页", note=f"脚本、样式等代码不是文字：{listed}")


def _drop_browser_title(soup: BeautifulSoup) -> ExtractionRecord | None:
    title = soup.title
    if title is None:
        return None
    text = _SPACE.sub(" ", title.get_text()).strip()
    title.decompose()
    if not text:
        return None
    return ExtractionRecord("page-title", "<title>", text, line=1,
                            note="浏览器标题栏（常带网站名），不作为讲话标题")
