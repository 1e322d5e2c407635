"""Debris around the speech: web-page chrome, wiki licence notes, Markdown markup.

Each finder takes the working lines and returns the indices of lines (or the prefixes of
lines) to take out; `repair.py` records every removal as a `Repair`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Whole lines that are page furniture of Chinese news and government web sites.
_CHROME_WORDS = frozenset(
    ["下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "【", "首页", ">", "分享：", "分享:", "分享到:", "分享到：", "分享到微信", "×", "阅读量：", "阅读量:", "您的位置:", "您的位置：", "当前位置：", "当前位置:", "来源:", "来源：", "发表时间：", "发布时间：", "打印本页", "关闭窗口", "扫一扫在手机打开当前页", "相关附件>>", "相关链接>>", "【字号：", "【字体："]
)
_CHROME_LINE = re.compile(
    r"(?:来源|时间|发表时间|发布时间|作者|编辑|责任编辑|阅读量|浏览次数|字号|字体)[：:].{0,30}"
    r"|\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日 ?\d{1,2}[时:]\d{2}分?"
    r"|【字[号体][：:].{0,12}】?"
)
_FONT_SIZE_OPEN = re.compile(r"【字[号体][：:]?")
_FONT_SIZE_WORDS = frozenset(["大", "中", "小", "加大", "还原", "减小", "默认", "】"])
_TAIL_START = re.compile(
    r"(?:相关报道|相关文档|相关新闻|相关阅读|责任编辑|分享到|扫一扫在手机打开当前页|相关附件|"
    r"打印本页|关闭窗口|【打印|【关闭)"
)
_CAPTION = re.compile(
    r"(?:记者.{0,12}摄|摄影?[：:]|\s摄$|摄$|作政府工作报告|^图为|记者[ \t]*[\u4e00-\u9fff]{2,4}$)"
)
_LICENCE_WORDS = re.compile(r"公有领域|Public domain|版权|著作权|维基")
_PHOTOGRAPHER = re.compile(r"记者.{0,12}摄")
_WIKI_LICENCE = re.compile(
    r"(?:本作品|注：中文维基文库|Public domain|这部作品|本模板|版权失效模板|"
    r"此作品|本作品来自)"
)
_WEAK_TAIL_START = re.compile(r"[（(]?(?:来源|编辑|审核|校对|作者|文字|供稿)[：:]")
_TAIL_FURNITURE = re.compile(r"点击图片|点击进入|^[|｜]$|^(?:上一篇|下一篇)[：:]")
MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+")
HTML_COMMENT = re.compile(r"<!--.*?-->")
_FRONT_SCAN = 30
_TAIL_SCAN = 45


def top_chrome(texts: Sequence[str]) -> set[int]:
    """Chrome lines among the first lines, before the speech proper starts."""
    found: set[int] = set()
    index, limit = 0, min(len(texts), _FRONT_SCAN)
    previous_item = ""
    while index < limit:
        text = texts[index].strip()
        if len(text) > 80:
            break
        if _FONT_SIZE_OPEN.fullmatch(text) or (text.startswith("【字") and not text.endswith("】")):
            found.add(index)
            index += 1
            while index < limit and texts[index].strip() in _FONT_SIZE_WORDS:
                found.add(index)
                index += 1
            continue
        if text == ">" and index + 1 < limit:
            found.update((index, index + 1))
            previous_item = texts[index + 1].strip()
            index += 2
            continue
        if text in _CHROME_WORDS or _CHROME_LINE.fullmatch(text) or (
            previous_item and text == previous_item
        ):
            found.add(index)
        if text in ("来源:", "来源：", "发表时间：", "发布时间：") and index + 1 < limit:
            found.add(index + 1)
            index += 1
        previous_item = ""
        index += 1
    return found


def captions(texts: Sequence[str], before: int) -> set[int]:
    """Photo captions of web pages in the front part (index < before); the first line is
    taken for a title unless it names a photographer."""
    first = next((i for i, text in enumerate(texts) if text.strip()), -1)
    return {
        i for i in range(min(before, len(texts)))
        if _CAPTION.search(texts[i].strip()) and (i != first or _PHOTOGRAPHER.search(texts[i]))
    }


def tail_chrome(texts: Sequence[str], after: int) -> int | None:
    """Index of the first line of trailing chrome or wiki licence notes, if any, after the
    front part (index > after). A weak start (来源：…) needs only short lines after it."""
    nonblank = [i for i, text in enumerate(texts) if text.strip()]
    window = [i for i in nonblank[-_TAIL_SCAN:] if i > after]
    last_third = nonblank[2 * len(nonblank) // 3] if nonblank else 0
    for position, index in enumerate(window):
        text = texts[index].strip()
        weak = bool(_WEAK_TAIL_START.match(text)) and len(text) < 40 and index >= last_third and all(
            len(texts[i].strip()) < 40 for i in window[position:])
        licence = (_WIKI_LICENCE.match(text) or text in ("公有领域", "Public domain")) and (
            _LICENCE_WORDS.search("".join(texts[i] for i in window[position:])))
        if weak or (_TAIL_START.match(text) and len(text) < 30) or licence:
            while position > 0 and _is_tail_furniture(texts[window[position - 1]].strip()):
                position -= 1
            return window[position]
    return None


def _is_tail_furniture(text: str) -> bool:
    return text in _CHROME_WORDS or bool(_TAIL_FURNITURE.search(text))
