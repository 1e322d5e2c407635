"""PDFs: the seeds printed by Chromium (running header, `- N -` footers, wrapped justified
lines, Kangxi radicals in the text layer) read back to the seed's outline and paragraphs; two
columns read in order; scans, encrypted and damaged PDFs are one clear error each."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from format_fixtures import NAMES, OFFICE, outline_problems, paragraph_texts, seed_speech, write
from pdf_fixtures import encrypted_pdf, image_only_pdf
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer

from speechsite.errors import SourceError
from speechsite.model import Speech
from speechsite.pipeline import process_source
from speechsite.read import read_source
from speechsite.read.formats import balance_problems
from speechsite.read.formats.pdf_furniture import PAGE_NUMBER, find_furniture
from speechsite.read.formats.pdf_layout import Column, PdfLine, join_text, paragraphs
from speechsite.read.formats.radicals import is_simplified, map_radicals
from speechsite.repair import fidelity

OCR = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and put the OCRed PDF here"


def read(path: Path) -> Speech:
    return process_source(read_source(path, path.parent))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, seed_pdfs: dict[str, bytes]) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    for name, data in seed_pdfs.items():
        write(folder, name.replace(".txt", "") + ".pdf", data)
    return folder


def pdf_of(folder: Path, name: str) -> Path:
    return folder / name.replace(".txt", ".pdf")


@pytest.mark.parametrize("name", NAMES)
def test_a_printed_pdf_gives_the_seed_outline_and_paragraphs(folder: Path, name: str) -> None:
    speech, seed = read(pdf_of(folder, name)), seed_speech(name)
    assert outline_problems(speech, name) == []
    assert speech.outline() == seed.outline()
    assert paragraph_texts(speech) == paragraph_texts(seed)
    assert fidelity.check(speech) == []
    assert speech.source.extractor.startswith("pdfminer.six ")
    assert speech.repairs == ()  # nothing left for the text repairs: no page numbers, no breaks


def layer_text(data: bytes) -> str:
    """Every character of the PDF's text layer, as pdfminer reads it."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    def chars(item: object) -> str:
        if isinstance(item, LTChar):
            return item.get_text()
        if isinstance(item, LTContainer):
            return "".join(chars(child) for child in item)
        return ""

    return "".join(chars(page) for page in extract_pages(io.BytesIO(data)))


@pytest.mark.parametrize("name", NAMES)
def test_headers_page_numbers_and_radicals_are_recorded_per_page(folder: Path, name: str) -> None:
    path = pdf_of(folder, name)
    source = read_source(path, folder)
    records = source.info.extraction
    pages = sorted({int(r.where[1:-1]) for r in records if r.kind == "page-number"})
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 2
    for record in records:
        if record.kind == "page-number":
            assert record.removed == f"- {record.where[1:-1]} -"
        if record.kind == "header":
            assert map_radicals(record.removed)[0] == OFFICE
    assert sum(r.kind == "header" for r in records) == len(pages)
    radical = [r for r in records if r.kind == "radical"]
    assert radical and all("→" in r.note for r in radical)
    assert "⼯" not in source.text and "⻔" not in source.text
    assert balance_problems(layer_text(path.read_bytes()), source.text, records) == []


def test_two_columns_are_read_column_by_column(folder: Path) -> None:
    name = NAMES[1]
    speech = read(folder / f"{name.replace('.txt', '')}-columns.pdf")
    seed = seed_speech(name)
    assert speech.outline() == seed.outline()
    assert paragraph_texts(speech) == paragraph_texts(seed)


@pytest.mark.parametrize(("data", "message"), [
    (image_only_pdf(), f"scan.pdf: this PDF has no text layer (a scan) — {OCR}"),
    (encrypted_pdf("secret"), "scan.pdf: this PDF is encrypted with a password — remove the "
     "password, e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`, and put the decrypted "
     "PDF here"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF",
     "scan.pdf: cannot read this PDF, it is damaged (PDFSyntaxError) — open it in a PDF reader "
     "and save or print it as a new PDF"),
])
def test_a_pdf_that_cannot_be_read_is_one_clear_error(tmp_path: Path, data: bytes,
                                                      message: str) -> None:
    with pytest.raises(SourceError) as raised:
        read_source(write(tmp_path, "scan.pdf", data), tmp_path)
    assert str(raised.value.diagnostic) == message


def test_the_encrypted_fixture_opens_with_its_password() -> None:
    pages = list(extract_pages(io.BytesIO(encrypted_pdf("secret")), password="secret"))
    assert "Hello" in "".join(
        item.get_text() for page in pages for item in page if hasattr(item, "get_text"))


def test_radicals_become_ideographs() -> None:
    text, removed, added = map_radicals("⼯作⻔⼾⺠⽣⻓效，㬵")
    assert text == "工作门户民生长效，胶"
    assert removed == "⼯⻔⼾⺠⽣⻓㬵" and added == "工门户民生长胶"
    assert map_radicals("⼾", simplified=False)[0] == "戶"
    assert is_simplified("这是我们的会议") and not is_simplified("這是我們的會議")


@pytest.mark.parametrize("text", ["- 3 -", "— 12 —", "3", "第3页", "第 3 页 共 12 页", "共12页 第3页",
                                  "3/12", "Page 3 of 12", "·3·"])
def test_page_number_shapes(text: str) -> None:
    assert PAGE_NUMBER.fullmatch(text)


@pytest.mark.parametrize("text", ["一、加强领导", "2023年", "3、落实责任", "第三条"])
def test_text_that_is_no_page_number(text: str) -> None:
    assert not (PAGE_NUMBER.fullmatch(text) and not text.isdigit())


def line(page: int, x0: float, x1: float, top: float, text: str, size: float = 16) -> PdfLine:
    return PdfLine(page, x0, x1, top, top - size, size, text)


def test_furniture_is_found_at_the_page_edges_only() -> None:
    pages = [[line(p, 84, 500, 800, "某县人民政府文件"), line(p, 116, 517, 700, "正文第一行"),
              line(p, 84, 300, 680, "12"), line(p, 280, 310, 30, f"第{p}页 共3页")]
             for p in (1, 2, 3)]
    found = find_furniture(pages, [842, 842, 842])
    assert sorted((item.line.page, item.kind, item.line.text) for item in found) == [
        (p, kind, text) for p in (1, 2, 3)
        for kind, text in (("header", "某县人民政府文件"), ("page-number", f"第{p}页 共3页"))]


def test_lines_join_into_paragraphs_by_indent_width_and_gap() -> None:
    lines = (line(1, 116, 517, 700, "今天我们召开全县安全生产工作会议，主要任务是"),
             line(1, 84, 517, 675, "总结去年工作，部署今年任务。下面我讲三点"),
             line(1, 84, 300, 650, "意见。"),
             line(1, 84, 250, 625, "一、提高认识"),  # not indented, but the line before ended short
             line(1, 116, 517, 600, "安全生产责任重于泰山，各级各部门要"),
             line(1, 84, 517, 550, "守土有责。"))  # after a blank line's gap: a new paragraph
    grouped = paragraphs([Column(lines, 84, 517)])
    assert [join_text(group) for group in grouped] == [
        "今天我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。下面我讲三点意见。",
        "一、提高认识", "安全生产责任重于泰山，各级各部门要", "守土有责。"]


def test_latin_words_keep_their_space_across_a_line_break() -> None:
    assert join_text([line(1, 84, 517, 700, "see the WHO"), line(1, 84, 200, 675, "report")]) == (
        "see the WHO report")
