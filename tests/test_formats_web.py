"""Markdown and web pages: the seeds written as .md and as GBK government-site pages read back
to the seed's outline and paragraphs; markup and page chrome dropped and recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from format_fixtures import (
    NAMES,
    OFFICE,
    PUBLISHED,
    blocks_of,
    markdown,
    outline_problems,
    paragraph_texts,
    plain_text,
    seed_speech,
    web_page,
    write,
)

from speechsite.errors import SourceError
from speechsite.model import Speech
from speechsite.pipeline import process_source
from speechsite.read import read_source
from speechsite.read.formats import balance_problems
from speechsite.repair import fidelity


def read(path: Path) -> Speech:
    return process_source(read_source(path, path.parent))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds as .md and .html, written once for the module."""
    folder = tmp_path_factory.mktemp("web-formats")
    for index, name in enumerate(NAMES):
        stem = name.removesuffix(".txt")
        blocks = blocks_of(seed_speech(name))
        write(folder, f"{stem}.txt", plain_text(blocks))
        write(folder, f"{stem}.md", markdown(blocks))
        write(folder, f"{stem}.html", web_page(blocks, br_paragraphs=index == 1))
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_the_seed_written_back_as_text_is_the_seed(folder: Path, name: str) -> None:
    """The fixtures' blocks are faithful: as plain lines they parse like the seed."""
    speech, seed = read(folder / name), seed_speech(name)
    assert speech.outline() == seed.outline()
    assert paragraph_texts(speech) == paragraph_texts(seed)


@pytest.mark.parametrize("extension", ["md", "html"])
@pytest.mark.parametrize("name", NAMES)
def test_the_format_gives_the_seed_outline_and_paragraphs(folder: Path, name: str,
                                                          extension: str) -> None:
    speech = read(folder / name.replace(".txt", f".{extension}"))
    seed = seed_speech(name)
    assert outline_problems(speech, name) == []
    assert speech.outline() == seed.outline()
    assert paragraph_texts(speech) == paragraph_texts(seed)
    assert fidelity.check(speech) == []
    assert [d for d in speech.diagnostics if "heading number" not in d.message] == [
        d for d in seed.diagnostics if "heading number" not in d.message]


@pytest.mark.parametrize("name", NAMES)
def test_markdown_markup_is_recorded_and_the_characters_balance(folder: Path, name: str) -> None:
    path = folder / name.replace(".txt", ".md")
    source = read_source(path, folder)
    original = path.read_text(encoding="utf-8")
    assert balance_problems(original, source.text, source.info.extraction) == []
    assert source.info.format == "md"
    kinds = {record.kind for record in source.info.extraction}
    assert "markup" in kinds and "line-join" in kinds
    # every line keeps its number: a paragraph starts on the line it starts on in the .md
    lines = original.split("\n")
    for number, line in enumerate(source.text.split("\n"), start=1):
        if line:
            assert line[:4] in lines[number - 1].replace("*", "") or lines[number - 1].startswith("#")


def test_markdown_keeps_redactions_and_takes_off_emphasis(tmp_path: Path) -> None:
    text = ("# 在全县安全生产工作会议上的讲话\n\n同志们：\n\n"
            "全县发案***起，较上年下降**%，*还要讲话，XX同志参加（*发〔2022〕*号）。\n\n"
            "## 一、提高认识\n\n**（一）落实责任。**各乡镇要守土有责，*书记*要带头。\n\n"
            "> 安全生产责任重于泰山。\n\n- 第一项\n\n[链接文字](http://example.gov.cn/a.html)很重要。\n\n"
            "<!-- 编辑注 -->\n---\n谢谢大家！\n")
    path = write(tmp_path, "a.md", text)
    source = read_source(path, tmp_path)
    lines = source.text.split("\n")
    assert lines[0] == "在全县安全生产工作会议上的讲话"
    assert "全县发案***起，较上年下降**%，*还要讲话，XX同志参加（*发〔2022〕*号）。" in lines
    assert "（一）落实责任。各乡镇要守土有责，*书记*要带头。" in lines  # inside a sentence: kept
    assert "安全生产责任重于泰山。" in lines and "第一项" in lines
    assert "链接文字很重要。" in lines and "谢谢大家！" in lines
    assert "编辑注" not in source.text and "http" not in source.text
    assert len(lines) == len(text.split("\n"))  # the line numbers of the .md
    removed = {record.line: record.removed for record in source.info.extraction}
    assert removed[1] == "#" and removed[7] == "##" and removed[9] == "****"
    assert balance_problems(text, source.text, source.info.extraction) == []


def test_markdown_front_matter_is_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: 关于安全生产的讲话\nlevel: 县\n---\n同志们：\n\n今天开会。\n")
    speech = read(path)
    assert speech.meta.title == "关于安全生产的讲话" and speech.meta.level == "县"
    assert not speech.meta.is_inferred("title")
    assert speech.body_line == 5


# Web pages ------------------------------------------------------------------------------------


def document_text(data: bytes, encoding: str) -> str:
    """All text of a page as a reader of its source sees it: text nodes, not code or comments."""
    soup = BeautifulSoup(data.decode(encoding), "html.parser")
    for tag in soup.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    return "".join(str(node) for node in soup.find_all(string=True)
                   if not isinstance(node, Comment | Doctype))


@pytest.mark.parametrize("name", NAMES)
def test_web_page_chrome_is_recorded_and_the_characters_balance(folder: Path, name: str) -> None:
    path = folder / name.replace(".txt", ".html")
    source = read_source(path, folder)
    assert source.info.encoding == "gb18030"
    assert source.info.extractor.startswith("beautifulsoup4 4.")
    data = path.read_bytes()
    records = source.info.extraction
    assert balance_problems(document_text(data, "gb18030"), source.text, records) == []
    dropped = " ".join(record.removed for record in records)
    for chrome in ("您的位置", "打印本页", "关闭窗口", "版权所有", "ICP备", "相关链接", "分享到",
                   "首页", "政务公开", "浏览次数"):
        assert chrome in dropped, chrome
        assert chrome not in source.text, chrome
    assert "统计代码" not in source.text and "_hmt" not in source.text
    kinds = [record.kind for record in records]
    assert kinds.count("code") == 1 and kinds.count("page-title") == 1
    assert source.metadata["date"] == PUBLISHED and source.metadata["source"] == OFFICE


def test_web_page_title_is_the_article_title_not_the_browser_title(folder: Path) -> None:
    path = folder / "004_25a37519d5cc85c7.html"
    speech = read(path)
    assert speech.title == "在全县社会治理六项重点工作攻坚行动总结调度会上的讲话"
    assert "某县人民政府" not in speech.display_title
    assert speech.meta.date == PUBLISHED and speech.meta.is_inferred("date")
    assert speech.meta.source == OFFICE and speech.meta.is_inferred("source")


@pytest.mark.parametrize("name", NAMES)
def test_no_paragraph_of_a_web_page_is_lost(folder: Path, name: str) -> None:
    path = folder / name.replace(".txt", ".html")
    soup = BeautifulSoup(path.read_bytes().decode("gb18030"), "html.parser")
    source = read_source(path, folder)
    kept = "".join(source.text.split())
    zoom = soup.find(id="zoom")
    assert zoom is not None
    paragraphs = zoom.find_all("p") or [zoom]
    for paragraph in paragraphs:
        for piece in paragraph.get_text("\n").split("\n"):
            assert "".join(piece.split()) in kept


@pytest.mark.parametrize(("page", "message"), [
    (b"<html><head><title>x</title><script>var a = '\xe8\xae\xb2\xe8\xaf\x9d';</script></head>"
     b"<body></body></html>", "a.html: this web page has no body text (only navigation, links "
                                 "or scripts)"),
    ("<html><body><ul class='nav'><li><a href='/'>首页</a></li><li><a href='/b'>新闻</a></li></ul>"
     "<div class='footer'>Copyright 2023</div></body></html>".encode(),
     "a.html: this web page has no body text (only navigation, links or scripts)"),
])
def test_a_page_without_body_text_is_one_clear_error(tmp_path: Path, page: bytes,
                                                     message: str) -> None:
    path = write(tmp_path, "a.html", page)
    with pytest.raises(SourceError) as raised:
        read_source(path, tmp_path)
    assert str(raised.value.diagnostic) == (
        f"{message} — save the page of the article itself (not a frame, index or search page), "
        "or copy the speech's text into a .txt file")


@pytest.mark.parametrize(("data", "encoding"), [
    ("\ufeff<html><body><p>今天，我们召开全县安全生产工作会议。</p></body></html>".encode(), "utf-8-sig"),
    ('<meta charset="utf-8"><p>今天，我们召开全县安全生产工作会议。</p>'.encode("gbk"), "gb18030"),
    ("<p>今天，我们召开全县安全生产工作会议，研究部署安全生产工作。</p>".encode("gbk"), "gb18030"),
    ('<meta charset="big5"><p>今天，我們召開全縣安全生產工作會議。</p>'.encode("big5"), "big5hkscs"),
])
def test_the_charset_comes_from_bom_declaration_or_detection(tmp_path: Path, data: bytes,
                                                            encoding: str) -> None:
    source = read_source(write(tmp_path, "a.htm", data), tmp_path)
    assert source.info.encoding == encoding
    assert "召开" in source.text or "召開" in source.text
