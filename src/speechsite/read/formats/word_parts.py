"""The parts of a Word document around its body: styles, headers and footers, comments,
footnotes and endnotes.

Styles matter for two things only: a paragraph can take its list numbering from its style
(`w:numPr` in the style or one it is based on), and the Title style (or a centred first
paragraph) marks the title. Headers, footers, comments and notes are not speech text: each
is recorded with its place (页眉（第1节）, 批注（作者）, 脚注 2) and its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml.etree import _Element

from ...model import ExtractionRecord

_TITLE_STYLES = frozenset({"title", "标题"})
_HEADERS = (("header", "页眉"), ("first_page_header", "首页页眉"), ("even_page_header", "偶数页页眉"),
            ("footer", "页脚"), ("first_page_footer", "首页页脚"), ("even_page_footer", "偶数页页脚"))
_NOTES = ((RT.COMMENTS, "comment", qn("w:comment")), (RT.FOOTNOTES, "footnote", qn("w:footnote")),
          (RT.ENDNOTES, "footnote", qn("w:endnote")))


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    numbering: tuple[str, int] | None  # (numId, ilvl) from the style's w:numPr
    centred: bool


@dataclass
class StyleInfo:
    styles: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    numbering_lists: dict[str, str] = field(default_factory=dict)  # numbering style → numId

    @classmethod
    def read(cls, document: DocumentObject) -> StyleInfo:
        info = cls()
        root = document.styles.element
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            name = _val(style.find(qn("w:name"))) or style_id
            numbering = _num_pr(style.find(qn("w:pPr")))
            info.styles[style_id] = Style(name, _val(style.find(qn("w:basedOn"))), numbering,
                                          _centred(style.find(qn("w:pPr"))))
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                info.default_paragraph = style_id
            if style.get(qn("w:type")) == "numbering" and numbering is not None:
                info.numbering_lists[style_id] = numbering[0]
        return info

    def style_id(self, paragraph: _Element) -> str | None:
        return _val(paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) or self.default_paragraph

    def _chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    def style_of(self, paragraph: _Element) -> Style:
        chain = self._chain(self.style_id(paragraph))
        return chain[0] if chain else Style("", None, None, False)

    def list_of(self, paragraph: _Element) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph: its own w:numPr, else its style's."""
        own = _num_pr(paragraph.find(qn("w:pPr")))
        if own is not None:
            return None if own[0] == "0" else own  # numId 0: numbering switched off
        for style in self._chain(self.style_id(paragraph)):
            if style.numbering is not None:
                return None if style.numbering[0] == "0" else style.numbering
        return None

    def is_title(self, paragraph: _Element) -> bool:
        chain = self._chain(self.style_id(paragraph))
        if any(style.name.lower() in _TITLE_STYLES for style in chain):
            return True
        own = paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        if own is not None:
            return _val(own) == "center"
        return any(style.centred for style in chain[:1])


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _num_pr(ppr: _Element | None) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(qn("w:numId")))
    level = _val(num_pr.find(qn("w:ilvl")))
    return (num_id, int(level or 0)) if num_id is not None else None


def _centred(ppr: _Element | None) -> bool:
    return ppr is not None and _val(ppr.find(qn("w:jc"))) == "center"


def part_element(part: Any) -> _Element | None:
    """The root XML element of a part python-docx may or may not have parsed."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def _texts(element: _Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p")))


def _has_page_field(element: _Element) -> bool:
    codes = [node.text or "" for node in element.iter(qn("w:instrText"))]
    codes += [node.get(qn("w:instr")) or "" for node in element.iter(qn("w:fldSimple"))]
    return any("PAGE" in code.upper() for code in codes)


def section_records(document: DocumentObject) -> list[ExtractionRecord]:
    """Every header and footer the document defines, section by section."""
    records = []
    for number, section in enumerate(document.sections, start=1):
        for attribute, label in _HEADERS:
            part = getattr(section, attribute)
            if part.is_linked_to_previous:
                continue
            text = _texts(part._element).strip()
            page_field = _has_page_field(part._element)
            if not text and not page_field:
                continue
            kind = "page-number" if page_field else ("header" if "页眉" in label else "footer")
            note = "页码域（Word 在每页生成页码）" if page_field else ""
            records.append(ExtractionRecord(kind, f"{label}（第{number}节）", text, note=note))
    return records


def note_records(document: DocumentObject) -> list[ExtractionRecord]:
    """Comments, footnotes and endnotes: not read aloud, recorded with their text."""
    records = []
    for rel in document.part.rels.values():
        for reltype, kind, tag in _NOTES:
            if rel.reltype != reltype or rel.is_external:
                continue
            root = part_element(rel.target_part)
            for note in root.iterchildren(tag) if root is not None else ():
                if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = _texts(note).strip()
                if not text:
                    continue
                author = note.get(qn("w:author"))
                where = f"批注（{author}）" if kind == "comment" and author else (
                    "批注" if kind == "comment" else f"{'尾注' if tag == qn('w:endnote') else '脚注'} "
                    f"{note.get(qn('w:id'))}")
                records.append(ExtractionRecord(kind, where, text))
    return records
