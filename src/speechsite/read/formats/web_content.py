"""Which part of a web page is the article, which element its title, and its lines.

The article is found as readability tools find it: every piece of text credits the element
that holds its paragraph (a `<p>` credits its parent, text between `<br>`s the block it is
in), text inside links counts against, and the element with the most credit wins. When the
article's text is split over sibling blocks (page parts, editor wrappers), their parent is
taken instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

BLOCKS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote", "pre", "dl", "dt", "dd", "center", "form", "figure", "figcaption", "address", "hr", "fieldset", "body", "html"])
_PARAGRAPHS = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "pre"])
_NOT_TEXT = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CHROME_NAME = re.compile(
    r"share|fenxiang|bdshare|jiathis|print|dayin|close|guanbi|font-?size|zihao|toolbar|tools?\b|"
    r"related|relate|xglj|xgwz|xgxw|crumb|position|location|weizhi|pager?\b|page-?nav|qrcode|"
    r"ewm|copyright|banquan|footer|nav\b|menu", re.IGNORECASE)
_NAV_NAME = re.compile(r"nav\b|menu|logo|header|footer|crumb|position|location|weizhi", re.IGNORECASE)
_TITLE_NAME = re.compile(r"title|biaoti|\bbt\b|headline", re.IGNORECASE)
_BAR_LIMIT = 200  # a share or print bar is short; a long block named `print…` is the article
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_KINDS = (
    (re.compile(r"您的位置|当前位置|所在位置|首页\s*[>＞»]"), "所在位置（面包屑导航）"),
    (re.compile(r"打印|关闭窗口|【关闭】"), "打印、关闭按钮"),
    (re.compile(r"分享|微信|微博|扫一扫"), "分享栏"),
    (re.compile(r"版权所有|ICP|备案|主办单位|承办单位|网站标识码|公网安备"), "版权与备案信息"),
    (re.compile(r"相关链接|相关新闻|相关阅读|相关文章|相关文档|上一篇|下一篇"), "相关链接"),
    (re.compile(r"发布时间|发布日期|来源[：:]|浏览次数|阅读量|字号|字体"), "发布信息、字号"),
)


def find_article(body: Tag) -> Tag | None:
    credit: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for text in _texts(body):
        weight = len(_CJK.findall(text)) + 0.2 * len(text.strip())
        if _inside_link(text):
            weight = -weight
        holder = _paragraph_holder(text)
        credit[id(holder)] = credit.get(id(holder), 0.0) + weight
        tags[id(holder)] = holder
    if not credit:
        return None
    best_id = max(credit, key=lambda key: credit[key])
    if credit[best_id] <= 0:
        return None
    return _widen(tags[best_id], credit)


def _widen(article: Tag, credit: dict[int, float]) -> Tag:
    """Take the parent while sibling blocks hold paragraph text too (an article in parts)."""
    while isinstance(article.parent, Tag) and article.parent.name not in ("body", "html", "[document]"):
        siblings = [child for child in article.parent.children
                    if isinstance(child, Tag) and child is not article]
        sibling_text = sum(max(0.0, credit.get(id(tag), 0.0)) for sibling in siblings
                           for tag in [sibling, *sibling.find_all(True)])
        own = sum(max(0.0, credit.get(id(tag), 0.0)) for tag in [article, *article.find_all(True)])
        if sibling_text < 0.25 * own or _is_chrome(article.parent):
            break
        article = article.parent
    return article


def _texts(root: Tag) -> Iterator[NavigableString]:
    for node in root.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT) and node.strip():
            yield node


def _inside_link(node: NavigableString) -> bool:
    return any(parent.name == "a" for parent in node.parents)


def _paragraph_holder(node: NavigableString) -> Tag:
    block = next(parent for parent in node.parents if parent.name in BLOCKS or parent.parent is None)
    if block.name in _PARAGRAPHS and isinstance(block.parent, Tag):
        return block.parent
    return block


def find_title(soup: BeautifulSoup, body: Tag, article: Tag) -> Tag | None:
    """The visible title of the article: the element equal to the page's ArticleTitle meta
    tag, else a heading opening the article, else the last heading or title-named element
    before the article."""
    order = {id(node): index for index, node in enumerate(body.descendants)}
    start = order.get(id(article), 0)
    candidates = [tag for tag in body.find_all(True) if _title_like(tag)]
    wanted = _squeezed(meta_title(soup) or "")
    for tag in candidates:
        if wanted and _squeezed(tag.get_text()) == wanted:
            return tag
    first_inside = next((tag for tag in article.find_all(True) if _texts_of(tag)), None)
    if first_inside is not None and first_inside.name in ("h1", "h2", "h3"):
        return first_inside
    before = [tag for tag in candidates if order.get(id(tag), start) < start
              and not any(parent is article for parent in tag.parents)
              and not _in_chrome(tag)]
    headings = [tag for tag in before if tag.name == "h1"] or before
    return headings[-1] if headings else None


def meta_title(soup: BeautifulSoup) -> str | None:
    for key, value in (("name", "ArticleTitle"), ("property", "og:title")):
        tag = soup.find("meta", attrs={key: value})
        if isinstance(tag, Tag) and str(tag.get("content") or "").strip():
            return str(tag.get("content")).strip()
    return None


def _title_like(tag: Tag) -> bool:
    if tag.name in ("h1", "h2", "h3"):
        named = True
    else:
        names = _names(tag)
        named = bool(_TITLE_NAME.search(names)) and tag.name not in ("html", "body", "title")
    text = _squeezed(tag.get_text())
    has_blocks = any(isinstance(child, Tag) and child.name in BLOCKS - {"h1", "h2", "h3"}
                     for child in tag.find_all(True))
    return named and 2 <= len(text) <= 120 and not has_blocks and tag.find("img") is None


def _texts_of(tag: Tag) -> bool:
    return any(True for _ in _texts(tag))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _is_chrome(tag: Tag) -> bool:
    names = _names(tag)
    return tag.name in ("nav", "header", "footer", "aside") or bool(_CHROME_NAME.search(names))


def _in_chrome(tag: Tag) -> bool:
    """Inside the page's navigation, header or footer (where the site's name is a heading)."""
    for parent in [tag, *tag.parents]:
        if not isinstance(parent, Tag):
            continue
        names = _names(parent)
        if parent.name in ("nav", "header", "footer", "aside") or _NAV_NAME.search(names):
            return True
    return False


def _names(tag: Tag) -> str:
    """The class names and id of an element, as one string to search."""
    return " ".join([*tag.get_attribute_list("class"), *tag.get_attribute_list("id")]).strip()


def describe(tag: Tag) -> str:
    """`<div class="crumb">`: where a dropped block was."""
    parts = [tag.name]
    for attribute in ("id", "class"):
        value = " ".join(str(item) for item in tag.get_attribute_list(attribute) if item)
        if value:
            parts.append(f'{attribute}="{value}"')
    return f"<{' '.join(parts)}>"[:80]


def kind_of(text: str, tag: Tag | None) -> str:
    for pattern, label in _KINDS:
        if pattern.search(text):
            return label
    if tag is not None and (tag.name == "nav" or len(tag.find_all("a")) >= 3):
        return "导航与链接"
    return "网页其他部分"


Dropped = tuple[str, str, str, bool]  # where, text, kind label, before the article


def chrome_blocks(body: Tag, article: Tag, title: Tag | None) -> list[Dropped]:
    """Every block of the page outside the article and its title, in page order."""
    kept = [tag for tag in (article, title) if tag is not None]
    found: list[Dropped] = []
    seen_article = False

    def visit(node: Tag) -> None:
        nonlocal seen_article
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT) and child.strip():
                    text = " ".join(child.split())
                    found.append((describe(node), text, kind_of(text, None), not seen_article))
                continue
            if not isinstance(child, Tag):
                continue
            if any(child is tag for tag in kept):
                seen_article = seen_article or child is article
                continue
            if any(parent is child for tag in kept for parent in tag.parents):
                visit(child)
                seen_article = seen_article or any(p is child for p in article.parents)
                continue
            text = " ".join(child.get_text(" ").split())
            if text:
                found.append((describe(child), text, kind_of(text, child), not seen_article))

    visit(body)
    return found


def article_lines(article: Tag) -> tuple[list[str], list[Dropped]]:
    """The article as lines (blocks and `<br>` break lines), share and print bars dropped."""
    lines: list[str] = []
    dropped: list[Dropped] = []
    pieces: list[str] = []

    def flush() -> None:
        line = _collapse("".join(pieces))
        pieces.clear()
        if line:
            lines.append(line)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    pieces.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    flush()
                elif _is_chrome(child) and 0 < len(_squeezed(child.get_text())) < _BAR_LIMIT:
                    text = " ".join(child.get_text(" ").split())
                    dropped.append((describe(child), text, kind_of(text, child), not lines))
                elif child.name == "pre":
                    flush()
                    lines.extend(line.strip() for line in child.get_text().split("\n") if line.strip())
                elif child.name in BLOCKS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(article)
    flush()
    return lines, dropped


def _collapse(text: str) -> str:
    """HTML white space: a run is one space, or nothing where a line break stands between two
    Chinese characters (browsers join such lines without a space)."""
    def replace(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
        if "\n" in match.group(0) and _CJK.match(before or " ") and _CJK.match(after or " "):
            return ""
        return " "
    return _SPACE_RUN.sub(replace, text).strip(" \u3000\xa0")
