"""PDF with a text layer, read with pdfminer.six.

Page by page: the text lines with their positions (pdf_layout), page numbers and running
headers and footers taken out and recorded per page (pdf_furniture), the rest joined into
paragraphs by layout, and radical code points mapped back to ideographs (radicals).

Spaces: pdfminer infers a space wherever two characters stand apart (justified Chinese
text is full of such gaps); an inferred space is kept only between two Latin letters or
digits. Spaces that the PDF itself contains are kept.

A PDF without text (a scan), with a password, or damaged stops with a message that says
what to do; pages without text in an otherwise readable PDF give a warning.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import (
    LAParams,
    LTAnno,
    LTChar,
    LTComponent,
    LTContainer,
    LTImage,
    LTPage,
    LTTextLineHorizontal,
)
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException

from ...errors import SourceError
from ...model import Diagnostic, ExtractionRecord
from . import Extracted, library_version, radicals
from .pdf_furniture import find_furniture
from .pdf_layout import PdfLine, columns, join_text, paragraphs, reading_order

OCR_HINT = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and put the OCRed PDF here"
_LATIN = re.compile(r"[A-Za-z0-9]")
# Layout analysis only groups characters into lines; pdf_layout orders and joins them.
_LAPARAMS = LAParams(line_overlap=0.5, char_margin=2.0, line_margin=0.5, boxes_flow=None)


@dataclass(frozen=True)
class _Page:
    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]
    has_image: bool


def extract(data: bytes, file: str) -> Extracted:
    pages = _read(data, file)
    if not any(page.lines for page in pages):
        if any(page.has_image for page in pages):
            raise SourceError(file, None, "this PDF has no text layer (a scan)", OCR_HINT)
        raise SourceError(file, None, "this PDF contains no text",
                          "check that it is the speech; if it was printed as images, " + OCR_HINT)
    furniture = find_furniture([page.lines for page in pages], [page.height for page in pages])
    dropped = {id(item.line) for item in furniture}
    runs = [run for page in pages
            for run in reading_order([line for line in page.lines if id(line) not in dropped],
                                     page.width)]
    grouped = paragraphs(columns(runs))
    first_line_of_page: dict[int, int] = {}
    texts: list[str] = []
    for group in grouped:
        for line in group:
            first_line_of_page.setdefault(line.page, len(texts) + 1)
        texts.append(join_text(group))
    records = [
        ExtractionRecord(item.kind, f"第{item.line.page}页", item.line.text.strip(),
                         line=_nearest(first_line_of_page, item.line.page))
        for item in furniture
    ]
    text, radical_records = _map_radicals(grouped, texts)
    return Extracted(text, "pdf", library_version("pdfminer.six"),
                     tuple(records + radical_records), tuple(_page_warnings(pages, file)))


def _nearest(first_lines: dict[int, int], page: int) -> int | None:
    before = [line for number, line in first_lines.items() if number <= page]
    return max(before) if before else min(first_lines.values(), default=None)


def _map_radicals(grouped: list[list[PdfLine]], texts: list[str]) -> tuple[str, list[ExtractionRecord]]:
    """Radical code points → ideographs, one record per page (a paragraph counts for the page
    it starts on)."""
    per_page: dict[int, tuple[str, str, int]] = {}
    mapped_texts = []
    simplified = radicals.is_simplified("".join(texts))
    for number, (group, text) in enumerate(zip(grouped, texts, strict=True), start=1):
        mapped, removed, added = radicals.map_radicals(text, simplified)
        mapped_texts.append(mapped)
        if removed:
            page = group[0].page
            old = per_page.get(page, ("", "", number))
            per_page[page] = (old[0] + removed, old[1] + added, old[2])
    records = [
        ExtractionRecord("radical", f"第{page}页", removed, added, line,
                         radicals.summary(removed, added))
        for page, (removed, added, line) in sorted(per_page.items())
    ]
    return "\n".join(mapped_texts) + "\n", records


def _page_warnings(pages: list[_Page], file: str) -> Iterator[Diagnostic]:
    scanned = [page.number for page in pages if not page.lines and page.has_image]
    if scanned:
        listed = "、".join(str(number) for number in scanned)
        yield Diagnostic("warning", file, None,
                         f"page(s) {listed} of this PDF have no text layer (scanned); "
                         "their text is missing", OCR_HINT)
    undecoded = sum(line.text.count("(cid:") for page in pages for line in page.lines)
    if undecoded:
        yield Diagnostic("warning", file, None,
                         f"{undecoded} character(s) of this PDF cannot be decoded "
                         "(a font without a Unicode map); they appear as (cid:N)", OCR_HINT)


def _read(data: bytes, file: str) -> list[_Page]:
    try:
        with _quiet_pdfminer():
            return [_page(layout) for layout in extract_pages(io.BytesIO(data), laparams=_LAPARAMS)]
    except PDFPasswordIncorrect as error:
        raise SourceError(file, None, "this PDF is encrypted with a password",
                          "remove the password, e.g. `qpdf --decrypt --password=PASSWORD "
                          "in.pdf out.pdf`, and put the decrypted PDF here") from error
    except PDFEncryptionError as error:
        raise SourceError(file, None, f"this PDF is encrypted in a way that cannot be read ({error})",
                          "save or print it as a new PDF without encryption") from error
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError,
            IndexError, AssertionError, RecursionError) as error:
        # pdfminer reports damaged files with many exception types
        raise SourceError(file, None, f"cannot read this PDF, it is damaged ({type(error).__name__})",
                          "open it in a PDF reader and save or print it as a new PDF") from error


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs and warns about harmless font quirks; our diagnostics say what matters."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _page(layout: LTPage) -> _Page:
    lines = [line for line in (_line(item, layout.pageid) for item in _text_lines(layout)) if line]
    return _Page(layout.pageid, layout.width, layout.height, tuple(lines), _has_image(layout))


def _text_lines(container: LTContainer[LTComponent]) -> Iterator[LTTextLineHorizontal]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTContainer):
            yield from _text_lines(item)


def _has_image(container: LTContainer[LTComponent]) -> bool:
    return any(isinstance(item, LTImage) or (isinstance(item, LTContainer) and _has_image(item))
               for item in container)


def _line(line: LTTextLineHorizontal, page: int) -> PdfLine | None:
    chars: list[str] = []
    sizes: list[float] = []
    items: list[LTComponent] = [*line]
    for index, item in enumerate(items):
        if isinstance(item, LTChar):
            chars.append(item.get_text())
            sizes.append(item.size)
        elif isinstance(item, LTAnno) and item.get_text() == " " and _between_latin(items, index):
            chars.append(" ")
    text = "".join(chars).strip()
    if not text:
        return None
    return PdfLine(page, line.x0, line.x1, line.y1, line.y0, statistics.median(sizes), text)


def _between_latin(items: Sequence[LTComponent], index: int) -> bool:
    before = next((item for item in reversed(items[:index]) if isinstance(item, LTChar)), None)
    after = next((item for item in items[index + 1:] if isinstance(item, LTChar)), None)
    return (before is not None and after is not None
            and bool(_LATIN.match(before.get_text()[-1:])) and bool(_LATIN.match(after.get_text()[:1])))
