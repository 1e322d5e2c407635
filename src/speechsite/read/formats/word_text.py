"""The text of one Word paragraph, as Word shows it with every tracked change accepted.

Runs are read in order: `w:t` text, tabs and line breaks. Inserted text (`w:ins`, `w:moveTo`)
is kept; deleted text (`w:delText`, `w:moveFrom`) and hidden text (`w:vanish`) are dropped and
recorded. Field codes (`w:instrText`: PAGE, TOC, HYPERLINK …) are instructions, not text; the
field's result is read. Text boxes are read as paragraphs of their own after the paragraph that
holds them; the fallback copy Word stores for old readers (`mc:Fallback`) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml.etree import _Element

from ...model import ExtractionRecord

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DELETED = (qn("w:del"), qn("w:moveFrom"))
_INSERTED = (qn("w:ins"), qn("w:moveTo"))
_SKIPPED = (qn("w:instrText"), qn("w:delInstrText"), qn("w:rPr"), qn("w:pPr"), _MC_FALLBACK,
            qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:commentReference"))


@dataclass
class Counts:
    insertions: int = 0
    deletions: int = 0


@dataclass
class _State:
    text: list[str]
    deleted: list[str]
    hidden: list[str]
    boxes: list[str]


def paragraph_text(paragraph: _Element, where: str, records: list[ExtractionRecord],
                   counts: Counts) -> tuple[str, list[str]]:
    """(the paragraph's text, the texts of its text boxes); records what was dropped."""
    state = _State([], [], [], [])
    _walk(paragraph, state, counts, deleted=False)
    if state.deleted:
        records.append(ExtractionRecord("revision", where, "".join(state.deleted),
                                        note="修订中已删除的文字（按接受全部修订读取）"))
    if state.hidden:
        records.append(ExtractionRecord("hidden", where, "".join(state.hidden),
                                        note="设为隐藏的文字，打印和阅读时不显示"))
    return "".join(state.text), state.boxes


def _walk(element: _Element, state: _State, counts: Counts, deleted: bool) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag in _DELETED:
            counts.deletions += 1
            _walk(child, state, counts, deleted=True)
        elif tag in _INSERTED:
            counts.insertions += 1
            _walk(child, state, counts, deleted)
        elif tag == qn("w:txbxContent"):
            state.boxes.append("\n".join(_box_paragraphs(child, state, counts)))
        elif tag == qn("w:r"):
            _run(child, state, counts, deleted)
        else:
            _walk(child, state, counts, deleted)


def _box_paragraphs(box: _Element, state: _State, counts: Counts) -> list[str]:
    texts = []
    for paragraph in box.iterchildren(qn("w:p")):
        inner = _State([], state.deleted, state.hidden, state.boxes)
        _walk(paragraph, inner, counts, deleted=False)
        texts.append("".join(inner.text))
    return texts


def _run(run: _Element, state: _State, counts: Counts, deleted: bool) -> None:
    hidden = _is_hidden(run)
    for child in run.iterchildren():
        tag = child.tag
        piece = ""
        if tag in (qn("w:t"), qn("w:delText")):
            piece = child.text or ""
        elif tag == qn("w:tab") or tag == qn("w:ptab"):
            piece = " "
        elif tag in (qn("w:br"), qn("w:cr")):
            piece = "" if child.get(qn("w:type")) in ("page", "column") else "\n"
        elif tag == qn("w:noBreakHyphen"):
            piece = "-"
        elif tag in _SKIPPED or not isinstance(tag, str):
            continue
        else:
            _walk(child, state, counts, deleted)  # drawings may hold text boxes
            continue
        if deleted or tag == qn("w:delText"):
            state.deleted.append(piece)
        elif hidden and piece.strip():
            state.hidden.append(piece)
        else:
            state.text.append(piece)


def _is_hidden(run: _Element) -> bool:
    vanish = run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    return vanish is not None and vanish.get(qn("w:val")) not in ("0", "false", "off")
