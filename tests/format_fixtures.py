"""Word, PDF, web-page and Markdown versions of the five seed speeches, made by the tests.

Each seed is parsed as a `.txt` and written back as the blocks a document of it has — title,
front lines, salutation, paragraphs and numbered headings — in each format the way real files
of that format look: Markdown with `#` headings, bold lead sentences and a 72-column wrap; a
GBK web page inside a government site's navigation, breadcrumbs, share and print bars,
copyright footer and scripts; a Word document with Word's own list numbering for 一、 and
（一）; a PDF printed by Chromium with page-number footers. Reading any of them must give the
seed's outline and paragraph texts.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import SEEDS
from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from lxml import etree
from test_parse_seeds import rejoin

from speechsite.model import Section, Speech
from speechsite.pipeline import process_source
from speechsite.read import read_source
from speechsite.read.formats.word_numbering import chinese

NAMES = sorted(path.name for path in SEEDS.glob("*.txt"))
from test_parse_seeds import EXPECTED  # noqa: E402  (outlines.yml, read once)


@dataclass(frozen=True)
class Block:
    """One paragraph of a document: its kind, its text and, for headings, level and marker."""

    kind: str  # title, front, salutation, paragraph, heading
    text: str  # a heading's text after the marker (with its 。), or the paragraph
    level: int = 0
    marker: str = ""  # 一、 （一） 1. 一要
    body: str = ""  # the paragraph run in after a lead-sentence heading


def seed_speech(name: str) -> Speech:
    return process_source(read_source(SEEDS / name, SEEDS))


def blocks_of(speech: Speech) -> list[Block]:
    blocks = [Block("title", speech.title)] if speech.title else []
    blocks += [Block("front", line.text) for line in speech.front]
    if speech.salutation:
        blocks.append(Block("salutation", speech.salutation))
    blocks += [Block("paragraph", p.text) for p in speech.opening]
    for section in speech.sections:
        blocks += _section_blocks(section)
    blocks += [Block("paragraph", p.text) for p in speech.closing]
    return blocks


def _section_blocks(section: Section) -> list[Block]:
    paragraphs = list(section.paragraphs)
    run_in = bool(paragraphs and section.terminator and paragraphs[0].line == section.line)
    body = paragraphs.pop(0).text if run_in else ""
    blocks = [Block("heading", section.heading + section.terminator, section.level,
                    section.marker.strip(), body)]
    blocks += [Block("paragraph", p.text) for p in paragraphs]
    for sub in section.subsections:
        blocks += _section_blocks(sub)
    return blocks


def line_of(block: Block) -> str:
    """The block as one line of a `.txt`."""
    if block.kind == "heading":
        return f"{block.marker}{block.text}{block.body}"
    return block.text


def plain_text(blocks: list[Block]) -> str:
    return "".join(line_of(block) + "\n" for block in blocks)


def paragraph_texts(speech: Speech) -> list[str]:
    return [p.text for p in speech.all_paragraphs()]


def outline_problems(speech: Speech, name: str) -> list[str]:
    """Differences from the seed's entry in outlines.yml: title, salutation, opening count,
    level-1 numbers and headings, level-2 numbers and headings, closing paragraphs."""
    expected = EXPECTED[name]
    problems = [
        f"{field}: {got!r} != {want!r}"
        for field, got, want in (("title", speech.title, expected["title"]),
                                 ("salutation", speech.salutation, expected["salutation"]),
                                 ("opening", len(speech.opening), expected["opening"]))
        if got != want
    ]
    sections = expected["sections"]
    got = [(_number(s.marker), s.heading) for s in speech.sections]
    want = [(_number(e["number"]), e["heading"]) for e in sections]
    if got != want:
        problems.append(f"sections {got} != {want}")
    for section, entry in zip(speech.sections, sections, strict=False):
        subs = [(_number(sub.marker), sub.heading.removeprefix("要")) for sub in section.subsections]
        every = [(_number(sub["number"]), str(sub["heading"]).removeprefix("要"))
                 for sub in entry["subsections"]]
        required = [item for item, sub in zip(every, entry["subsections"], strict=True)
                    if not sub.get("optional")]
        if subs not in (every, required):
            problems.append(f"subsections of {section.heading}: {subs} != {every}")
    closing = rejoin(expected["closing"])
    if [p.text[:len(start)] for p, start in zip(speech.closing, closing, strict=False)] != closing:
        problems.append(f"closing {[p.text[:12] for p in speech.closing]} != {closing}")
    return problems


def _number(marker: object) -> str:
    return "" if marker is None else str(marker).strip().rstrip("、.．")


# Markdown ------------------------------------------------------------------------------------

_WRAP = 72  # columns, as pandoc wraps; a Chinese character is two columns wide


def markdown(blocks: list[Block]) -> str:
    """A Markdown export: `#` title, `##` level-1 headings, bold lead sentences, wrapped text."""
    out = []
    for block in blocks:
        if block.kind == "title":
            out.append(f"# {block.text}")
        elif block.kind == "heading" and block.body:
            out.append(_wrap(f"**{block.marker}{block.text}**{block.body}"))
        elif block.kind == "heading":
            out.append(f"{'#' * (block.level + 1)} {block.marker}{block.text}")
        else:
            out.append(_wrap(block.text))
    return "\n\n".join(out) + "\n"


def _wrap(text: str) -> str:
    """Break before the character that would pass column 72 (not between two Latin letters
    or digits, nor before a character that would open a Markdown block)."""
    lines, line, width = [], "", 0
    for index, char in enumerate(text):
        char_width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        before = text[index - 1: index]
        breakable = line and not (before.isascii() and char.isascii()) and char not in "*-#>+ "
        if width + char_width > _WRAP and breakable:
            lines.append(line)
            line, width = "", 0
        line += char
        width += char_width
    return "\n".join([*lines, line] if line else lines)


# Web page ------------------------------------------------------------------------------------

SITE = "某县人民政府"
OFFICE = "某县人民政府办公室"
PUBLISHED = "2023-05-12"


def web_page(blocks: list[Block], br_paragraphs: bool = False) -> bytes:
    """A government site's article page, declared gb2312 and saved as GBK (GB18030)."""
    title = next((b.text for b in blocks if b.kind == "title"), "")
    e = html.escape
    head_title = f"{e(title) or '领导讲话'}_{SITE}"
    metas = (f'<meta name="ArticleTitle" content="{e(title)}">' if title else "") + (
        f'<meta name="PubDate" content="{PUBLISHED} 10:21">'
        f'<meta name="ContentSource" content="{OFFICE}">')
    article_title = f'<h1 class="article-title">{e(title)}</h1>\n' if title else ""
    body = _web_body([b for b in blocks if b.kind != "title"], br_paragraphs)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{head_title}</title>
{metas}
<link rel="stylesheet" href="/css/style.css" />
<style type="text/css">body {{ font: 14px/1.8 "宋体"; }} .nav li {{ float: left; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
<!-- 头部 -->
<div class="header"><div class="logo"><h1><a href="/">{SITE}</a></h1></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zmhd/">政民互动</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="crumb">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ldjh/">领导讲话</a></div>
<div class="main"><div class="article">
{article_title}<div class="info">发布时间：{PUBLISHED} 10:21&nbsp;&nbsp;来源：{OFFICE}&nbsp;&nbsp;浏览次数：<span id="count">1024</span>&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="bshare-custom">分享到：<a class="bshare-weixin" href="#">微信</a><a class="bshare-sinaminiblog" href="#">微博</a></div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="print-bar"><a href="javascript:window.print()">打印本页</a>&nbsp;&nbsp;<a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/a1.html">我县召开安全生产工作会议</a></li><li><a href="/a2.html">全县信访工作推进会召开</a></li>
<li><a href="/a3.html">县领导调研平安建设工作</a></li></ul></div></div>
<div class="footer"><p>版权所有：{SITE}&nbsp;&nbsp;主办单位：{OFFICE}</p>
<p>网站标识码：1234000001&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">某ICP备12345678号-1</a>&nbsp;&nbsp;某公网安备 12345602000001号</p>
<script type="text/javascript">document.getElementById("count").innerHTML = "1025";</script></div>
</body></html>
"""
    return page.encode("gb18030")


def _web_body(blocks: list[Block], br_paragraphs: bool) -> str:
    e = html.escape
    if br_paragraphs:  # an older CMS: one <div>, paragraphs as text between <br>s
        lines = [f"&nbsp;&nbsp;&nbsp;&nbsp;{e(_source_wrapped(line_of(b)))}" for b in blocks]
        return "<div>" + "<br /><br />\n".join(lines) + "</div>"
    out = []
    for block in blocks:
        if block.kind == "heading" and not block.body:
            out.append(f'<p style="text-indent: 2em;"><strong>{e(block.marker + block.text)}</strong></p>')
        elif block.kind == "heading":
            out.append(f'<p style="text-indent: 2em;"><strong>{e(block.marker + block.text)}</strong>'
                       f"{e(_source_wrapped(block.body))}</p>")
        else:
            out.append(f'<p style="text-indent: 2em;">{e(_source_wrapped(block.text))}</p>')
    return "\n".join(out)


def _source_wrapped(text: str) -> str:
    """A line break in the HTML source between two Chinese characters, as editors leave them
    (a browser shows no space there)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for index in range(60, len(text) - 1, 80):
        if cjk.match(text[index - 1]) and cjk.match(text[index]):
            text = f"{text[:index]}\n{text[index:]}"
    return text


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# Word ----------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVEL_TWO = {"（": ("chineseCounting", "（%2）"), "1": ("decimal", "%2.")}


def word_document(blocks: list[Block], numbered: bool = True, comment: bool = True) -> bytes:
    """A .docx as Word writes one: Title style, Heading styles, body paragraphs with a first-line
    indent, 一、 and （一）/1. labels from Word's automatic numbering (not in the text), a page
    header, a footer with a PAGE field and a reviewer's comment."""
    document = Document()
    list_id = _add_numbering(document, blocks) if numbered else None
    counters = [0, 0]
    for block in blocks:
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title")
        elif block.kind == "heading":
            paragraph = document.add_paragraph(style=f"Heading {min(block.level, 3)}")
            label = _label(block, counters) if list_id else None
            if label is not None and label == block.marker:
                _set_numbering(paragraph, list_id or "", block.level - 1)
                paragraph.add_run(block.text + block.body)
            else:
                paragraph.add_run(line_of(block))
        else:
            paragraph = document.add_paragraph(block.text)
            paragraph.paragraph_format.first_line_indent = Pt(32)
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{OFFICE}文件"
    _page_field(section.footer.paragraphs[0])
    if comment:
        body = document.paragraphs[len(document.paragraphs) // 2]
        if body.runs:
            document.add_comment(body.runs, text="此处数据请再核实", author="办公室")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _label(block: Block, counters: list[int]) -> str | None:
    """The label Word's numbering gives this heading (一、 / （一） / 1.), counting as Word does."""
    if block.level == 1:
        counters[0], counters[1] = counters[0] + 1, 0
        return f"{chinese(counters[0])}、"
    if block.level == 2 and block.marker[:1] in ("（", "1", "2", "3", "4", "5", "6", "7", "8", "9"):
        counters[1] += 1
        return f"（{chinese(counters[1])}）" if block.marker.startswith("（") else f"{counters[1]}."
    return None


def _add_numbering(document: Any, blocks: list[Block]) -> str:
    """An abstractNum with 一、 at level 1 and （一） or 1. at level 2, and a list using it."""
    second = next((b.marker[:1] for b in blocks if b.kind == "heading" and b.level == 2
                   and b.marker[:1] in ("（",) + tuple("123456789")), "（")
    fmt, text = _LEVEL_TWO["（" if second == "（" else "1"]
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>")
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _set_numbering(paragraph: Any, list_id: str, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr>'))


def _page_field(paragraph: Any) -> None:
    """`- 1 -` with the 1 from a PAGE field, as Word's page-number gallery writes it."""
    paragraph.add_run("- ")
    for xml in (f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r xmlns:w="{W}"><w:t>1</w:t></w:r>',
                f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" -")


def word_parts_text(data: bytes) -> str:
    """Every character of a .docx's text: body (inserted and deleted), headers, footers,
    comments, notes — what a reader of the package sees, the old-reader fallbacks aside."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if not re.fullmatch(r"word/(document|header\d*|footer\d*|comments|footnotes|endnotes)\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for node in root.iter(f"{{{W}}}t", f"{{{W}}}delText"):
                if not any(a.tag.endswith("}Fallback") for a in node.iterancestors()):
                    texts.append(node.text or "")
    return "".join(texts)


def damaged_docx() -> bytes:
    """A .docx (a zip) whose main part, word/document.xml, is missing."""
    good = io.BytesIO()
    Document().save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as source, \
            zipfile.ZipFile(damaged, "w") as package:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                package.writestr(item, source.read(item.filename))
    return damaged.getvalue()
