"""Word documents: the seeds written with python-docx — 一、 and （一）/1. from Word's automatic
numbering, not in the text — read back to the seed's outline and paragraphs; headers, footers,
page fields, comments, hidden text, tracked changes and tables handled and recorded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from format_fixtures import (
    NAMES,
    OFFICE,
    W,
    blocks_of,
    outline_problems,
    paragraph_texts,
    seed_speech,
    word_document,
    word_parts_text,
    write,
)

from speechsite.errors import SourceError
from speechsite.model import Speech
from speechsite.pipeline import process_source
from speechsite.read import read_source
from speechsite.read.formats import balance_problems
from speechsite.read.formats.word_numbering import FORMATS, chinese
from speechsite.repair import fidelity

RESAVE = "open it in Word or WPS and save it again as .docx"


def read(path: Path) -> Speech:
    return process_source(read_source(path, path.parent))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    for name in NAMES:
        write(folder, name.replace(".txt", ".docx"), word_document(blocks_of(seed_speech(name))))
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_word_gives_the_seed_outline_and_paragraphs(folder: Path, name: str) -> None:
    speech, seed = read(folder / name.replace(".txt", ".docx")), seed_speech(name)
    assert outline_problems(speech, name) == []
    assert speech.outline() == seed.outline()
    assert paragraph_texts(speech) == paragraph_texts(seed)
    assert fidelity.check(speech) == []
    assert speech.source.extractor.startswith("python-docx ")


@pytest.mark.parametrize("name", NAMES)
def test_numbering_labels_are_not_in_the_file_and_are_recorded(folder: Path, name: str) -> None:
    path = folder / name.replace(".txt", ".docx")
    source = read_source(path, folder)
    labels = [record for record in source.info.extraction if record.kind == "numbering"]
    seed = seed_speech(name)
    numbered = [s.marker for s in seed.sections if s.marker.endswith("、")]
    assert [record.added for record in labels if "第 1 级" in record.note] == numbered
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    first = seed.sections[0]
    assert f"<w:t>{first.heading}" in xml and f"<w:t>{first.marker}" not in xml
    lines = source.text.split("\n")
    for record in labels:
        assert lines[record.line - 1].startswith(record.added)


@pytest.mark.parametrize("name", NAMES)
def test_no_character_of_a_word_file_is_lost(folder: Path, name: str) -> None:
    path = folder / name.replace(".txt", ".docx")
    source = read_source(path, folder)
    assert balance_problems(word_parts_text(path.read_bytes()), source.text,
                            source.info.extraction) == []
    kinds = {record.kind: record for record in source.info.extraction}
    assert kinds["header"].removed == f"{OFFICE}文件" and kinds["header"].where == "页眉（第1节）"
    assert kinds["page-number"].removed == "- 1 -"
    assert kinds["comment"].removed == "此处数据请再核实" and kinds["comment"].where == "批注（办公室）"
    kept = "".join(source.text.split())
    for paragraph in Document(str(path)).paragraphs:
        assert "".join(paragraph.text.split()) in kept


def test_the_title_style_is_the_title(folder: Path) -> None:
    speech = read(folder / "004_25a37519d5cc85c7.docx")
    assert speech.title == seed_speech("004_25a37519d5cc85c7.txt").title
    assert speech.meta.title == speech.title


def docx_with(body_xml: str, **parts: str) -> bytes:
    """A minimal python-docx document whose body is `body_xml` (paragraphs, tables)."""
    document = Document()
    body = document.element.body
    for element in parse_xml(f'<w:body xmlns:w="{W}">{body_xml}</w:body>'):
        body.insert(len(body) - 1, element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run(text: str, extra: str = "") -> str:
    return f'<w:r>{extra}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_tracked_changes_are_read_accepted_with_a_warning(tmp_path: Path) -> None:
    body = (f"<w:p>{run('同志们：')}</w:p>"
            f"<w:p>{run('今天，我们召开')}<w:ins w:id='1' w:author='a'>{run('全县')}</w:ins>"
            f"<w:del w:id='2' w:author='a'><w:r><w:delText>全市</w:delText></w:r></w:del>"
            f"{run('安全生产工作会议。')}{run('（内部）', '<w:rPr><w:vanish/></w:rPr>')}</w:p>")
    path = write(tmp_path, "a.docx", docx_with(body))
    speech = read(path)
    assert speech.opening[0].text == "今天，我们召开全县安全生产工作会议。"
    assert [str(d) for d in speech.diagnostics] == [
        "a.docx: this Word document has tracked changes (1 insertions, 1 deletions); it is read "
        "with every change accepted — accept or reject the changes in Word (审阅 → 接受/拒绝) and "
        "save, so that the text is the final one"]
    records = {r.kind: r for r in speech.source.extraction}
    assert records["revision"].removed == "全市" and records["hidden"].removed == "（内部）"
    assert balance_problems(word_parts_text(path.read_bytes()), read_source(path, tmp_path).text,
                            speech.source.extraction) == []


def test_tables_text_boxes_and_fields_are_read_in_order(tmp_path: Path) -> None:
    cell = "<w:tc><w:p>{}</w:p></w:tc>"
    body = (f"<w:p>{run('同志们：')}</w:p>"
            f"<w:tbl><w:tr>{cell.format(run('一、加强领导'))}{cell.format(run('二、压实责任'))}</w:tr></w:tbl>"
            f"<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> HYPERLINK "
            f"\"http://x\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
            f"{run('请登录网站查看。')}<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>")
    source = read_source(write(tmp_path, "a.docx", docx_with(body)), tmp_path)
    assert source.text.split("\n")[:4] == ["同志们：", "一、加强领导", "二、压实责任", "请登录网站查看。"]
    assert "HYPERLINK" not in source.text


def test_a_table_of_contents_is_dropped_and_recorded(tmp_path: Path) -> None:
    toc = ("<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
           f"</w:docPartObj></w:sdtPr><w:sdtContent><w:p>{run('一、加强领导 1')}</w:p>"
           f"<w:p>{run('二、压实责任 3')}</w:p></w:sdtContent></w:sdt>")
    body = toc + f"<w:p>{run('同志们：')}</w:p><w:p>{run('一、加强领导')}</w:p>"
    source = read_source(write(tmp_path, "a.docx", docx_with(body)), tmp_path)
    assert source.text.split("\n")[:2] == ["同志们：", "一、加强领导"]
    toc_record = next(r for r in source.info.extraction if r.kind == "toc")
    assert toc_record.removed == "一、加强领导 1\n二、压实责任 3"


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04 this is not a zip at all", "a.docx: not a Word document: the file is not a .docx "
     f"(zip) package — {RESAVE}"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a.docx: this is a Word 97–2003 document "
     "(.doc) named .docx — convert it to .docx, e.g. `soffice --headless --convert-to docx in.doc`, "
     "or save it as .docx in Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
     "a.docx: this Word document is protected with a password — open it in Word, remove the "
     "password (文件 → 信息 → 保护文档) and save it again"),
])
def test_a_file_that_is_no_docx_is_one_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as raised:
        read_source(write(tmp_path, "a.docx", data), tmp_path)
    assert str(raised.value.diagnostic) == message


def test_a_docx_with_a_missing_part_is_one_clear_error(tmp_path: Path) -> None:
    good = zipfile.ZipFile(io.BytesIO(docx_with(f"<w:p>{run('同志们：')}</w:p>")))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as package:
        for item in good.infolist():
            if item.filename != "word/document.xml":
                package.writestr(item, good.read(item.filename))
    with pytest.raises(SourceError) as raised:
        read_source(write(tmp_path, "a.docx", damaged.getvalue()), tmp_path)
    assert str(raised.value.diagnostic) == (
        f"a.docx: this Word document is damaged: word/document.xml is missing — {RESAVE}")


@pytest.mark.parametrize(("fmt", "numbers", "labels"), [
    ("chineseCounting", [1, 2, 10, 11, 20, 21, 100], ["一", "二", "十", "十一", "二十", "二十一", "一百"]),
    ("decimal", [1, 12], ["1", "12"]),
    ("decimalEnclosedCircleChinese", [1, 3], ["①", "③"]),
    ("ideographTraditional", [1, 2, 11], ["甲", "乙", "甲"]),
    ("chineseLegalSimplified", [1, 12], ["壹", "拾贰"]),
    ("upperLetter", [1, 27], ["A", "AA"]),
    ("lowerRoman", [4, 9], ["iv", "ix"]),
])
def test_number_formats(fmt: str, numbers: list[int], labels: list[str]) -> None:
    assert [FORMATS[fmt](n) for n in numbers] == labels
    assert chinese(2023) == "二千零二十三"


def test_numbering_restarts_levels_and_follows_overrides(tmp_path: Path) -> None:
    numbering = (
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>")
    document = Document()
    part = document.part.numbering_part.element
    part.find(f"{{{W}}}num").addprevious(parse_xml(numbering))
    part.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="70"><w:abstractNumId w:val="7"/></w:num>'))
    part.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="71"><w:abstractNumId w:val="7"/>'
                          '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    for text, num, level in (("甲", 70, 0), ("乙", 70, 1), ("丙", 70, 2), ("丁", 70, 1), ("戊", 70, 0),
                             ("己", 70, 1), ("庚", 71, 0), ("辛", 70, 0)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    source = read_source(write(tmp_path, "a.docx", out.getvalue()), tmp_path)
    assert source.text.split("\n")[:8] == ["一、甲", "（一）乙", "1.丙", "（二）丁", "二、戊", "（一）己",
                                           "五、庚", "六、辛"]


def test_a_title_broken_by_hand_is_one_title(tmp_path: Path) -> None:
    body = (f"<w:p><w:pPr><w:jc w:val='center'/></w:pPr>{run('在全县安全生产')}<w:r><w:br/></w:r>"
            f"{run('工作会议上的讲话')}</w:p><w:p>{run('同志们：')}</w:p>"
            f"<w:p>{run('今天召开会议。')}<w:r><w:br/></w:r>{run('——2023年2月28日')}</w:p>")
    speech = read(write(tmp_path, "a.docx", docx_with(body)))
    assert speech.title == "在全县安全生产工作会议上的讲话" == speech.meta.title
    assert speech.body.split("\n")[2:4] == ["今天召开会议。", "——2023年2月28日"]
