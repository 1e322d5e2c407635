"""Word documents (.docx), read with python-docx.

The body is read in document order — paragraphs, the paragraphs in table cells and in text
boxes — one paragraph a line. Word's automatic numbering draws labels such as 一、 （一） 1.
that are not in the paragraph's text: the label is worked out from the numbering definitions
(word_numbering.py), put in front of the text so the outline sees it, and recorded. Heading
styles are not turned into headings: the outline comes from the text and its labels only.

Dropped and recorded: page headers and footers (page-number fields among them), comments,
footnotes and endnotes, hidden text, a table of contents. Tracked changes are read with every
change accepted (inserted text kept, deleted text dropped and recorded), with a warning.
The Title style, or a centred first paragraph, gives the title (inferred metadata).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError, _Element

from ...errors import SourceError
from ...model import Diagnostic, ExtractionRecord
from . import Extracted, library_version
from .word_numbering import Numbering, sample
from .word_parts import StyleInfo, note_records, part_element, section_records
from .word_text import Counts, paragraph_text

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
RESAVE_HINT = "open it in Word or WPS and save it again as .docx"
_PART_NAME = re.compile(r"named '([^']+)'")
_TOC_GALLERY = re.compile(r"table of contents", re.IGNORECASE)


def extract(data: bytes, file: str) -> Extracted:
    document = _open(data, file)
    styles = StyleInfo.read(document)
    numbering_part = getattr(document.part, "numbering_part", None) if _has_numbering(document) else None
    numbering = Numbering.read(part_element(numbering_part), styles.numbering_lists)
    reader = _BodyReader(numbering, styles)
    for element in _blocks(document.element.body):
        reader.add(element)
    records = reader.records + section_records(document) + note_records(document)
    metadata = {"title": reader.title} if reader.title else {}
    return Extracted("\n".join(reader.lines) + "\n", "utf-8", library_version("python-docx"),
                     tuple(records), tuple(_revision_warnings(reader.counts, file)), metadata)


def _open(data: bytes, file: str) -> DocumentObject:
    if data.startswith(OLE_SIGNATURE):
        if _ENCRYPTED in data:
            raise SourceError(file, None, "this Word document is protected with a password",
                              "open it in Word, remove the password (文件 → 信息 → 保护文档) "
                              "and save it again")
        raise SourceError(file, None, "this is a Word 97–2003 document (.doc) named .docx",
                          "convert it to .docx, e.g. `soffice --headless --convert-to docx "
                          "in.doc`, or save it as .docx in Word")
    try:
        return Document(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise SourceError(file, None, "not a Word document: the file is not a .docx (zip) "
                          "package", RESAVE_HINT) from error
    except KeyError as error:
        named = _PART_NAME.search(str(error))
        part = named.group(1) if named else "a part"
        raise SourceError(file, None, f"this Word document is damaged: {part} is missing",
                          RESAVE_HINT) from error
    except (OpcError, XMLSyntaxError, ValueError, AttributeError, TypeError) as error:
        raise SourceError(file, None, f"this Word document is damaged ({type(error).__name__})",
                          RESAVE_HINT) from error


def _has_numbering(document: DocumentObject) -> bool:
    return any(rel.reltype == RT.NUMBERING for rel in document.part.rels.values())


def _blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of the body in order, through content controls and custom XML."""
    for child in container.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            yield child  # a content control: the reader looks at what it is (a TOC?)
        elif child.tag in (qn("w:customXml"), qn("w:smartTag")):
            yield from _blocks(child)


class _BodyReader:
    """Turns body blocks into lines, keeping records and counts."""

    def __init__(self, numbering: Numbering, styles: StyleInfo) -> None:
        self.numbering, self.styles = numbering, styles
        self.lines: list[str] = []
        self.records: list[ExtractionRecord] = []
        self.counts = Counts()
        self.title: str | None = None
        self.paragraphs = 0

    def add(self, element: _Element) -> None:
        if element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                for child in _blocks(cell):
                    if child.tag != qn("w:tbl"):  # nested tables are reached by iter()
                        self.add(child)
        elif element.tag == qn("w:sdt"):
            self._content_control(element)
        else:
            self._paragraph(element)

    def _content_control(self, element: _Element) -> None:
        gallery = element.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
        content = element.find(qn("w:sdtContent"))
        if content is None:
            return
        if gallery is not None and _TOC_GALLERY.search(gallery.get(qn("w:val")) or ""):
            text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                             for p in content.iter(qn("w:p")))
            self.records.append(ExtractionRecord("toc", "目录", text.strip(), line=len(self.lines) + 1,
                                                 note="目录是 Word 生成的标题和页码"))
            return
        for child in _blocks(content):
            self.add(child)

    def _paragraph(self, paragraph: _Element) -> None:
        self.paragraphs += 1
        where = f"第{self.paragraphs}段"
        text, boxes = paragraph_text(paragraph, where, self.records, self.counts)
        style = self.styles.style_of(paragraph)
        if style.name.lower().startswith("toc") and text.strip():
            self.records.append(ExtractionRecord("toc", where, text.strip(), line=len(self.lines) + 1,
                                                 note=f"目录行（样式 {style.name}）"))
            return
        label = self.styles.list_of(paragraph)
        found = self.numbering.label(*label) if label else None
        if found is not None and text.strip():
            text = found.text + text.lstrip()
            self.records.append(ExtractionRecord(
                "numbering", where, added=found.text, line=len(self.lines) + 1,
                note=f"Word 自动编号（列表 {found.list_id} 第 {found.level + 1} 级，"
                     f"按 {sample(found.format)}… 编号）"))
        if self.title is None and not self.lines and text.strip() and self.styles.is_title(paragraph):
            # a long title broken by hand (Shift+Enter) is still one title
            self.title = "".join(part.strip() for part in text.split("\n"))
            text = self.title
        self.lines.extend(line.strip() for line in text.split("\n") if line.strip())
        for box in boxes:
            self.lines.extend(line.strip() for line in box.split("\n") if line.strip())


def _revision_warnings(counts: Counts, file: str) -> Iterator[Diagnostic]:
    if counts.insertions or counts.deletions:
        yield Diagnostic(
            "warning", file, None,
            f"this Word document has tracked changes ({counts.insertions} insertions, "
            f"{counts.deletions} deletions); it is read with every change accepted",
            "accept or reject the changes in Word (审阅 → 接受/拒绝) and save, so that the text "
            "is the final one")
