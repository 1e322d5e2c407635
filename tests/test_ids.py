"""Paragraph identity: anchors stable under edits elsewhere, citations, section ids, slugs."""

from __future__ import annotations

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair

TEXT = (
    "同志们：\n开场第一段。\n开场第二段。\n一、提高认识\n认识一。\n（一）统一思想\n思想一。\n思想二。\n"
    "（二）明确任务\n任务一。\n二、狠抓落实\n落实一。\n落实一。\n同志们，让我们行动起来！\n"
)


def speech(text: str) -> Speech:
    return parse(repair(source_from_text(text)))


def test_citations_numbers_and_section_ids() -> None:
    result = speech(TEXT)
    assert [(p.citation, p.number, p.text) for p in result.all_paragraphs()] == [
        ("前言¶1", 1, "开场第一段。"), ("前言¶2", 2, "开场第二段。"), ("一¶1", 3, "认识一。"),
        ("一.（一）¶1", 4, "思想一。"), ("一.（一）¶2", 5, "思想二。"), ("一.（二）¶1", 6, "任务一。"),
        ("二¶1", 7, "落实一。"), ("二¶2", 8, "落实一。"), ("结语¶1", 9, "同志们，让我们行动起来！"),
    ]
    assert [s.id for s in result.all_sections()] == ["s-1", "s-1-1", "s-1-2", "s-2"]
    assert [p.line for p in result.all_paragraphs()][:3] == [2, 3, 5]


def test_anchor_ids_are_unique_with_deterministic_suffixes() -> None:
    ids = [p.id for p in speech(TEXT).all_paragraphs()]
    assert len(set(ids)) == len(ids)
    assert ids[7] == ids[6] + "-2"
    assert all(i.startswith("p-") for i in ids)
    assert ids == [p.id for p in speech(TEXT).all_paragraphs()]


def test_anchor_ids_survive_edits_of_other_paragraphs() -> None:
    before = {p.text: p.id for p in speech(TEXT).all_paragraphs()}
    edited = TEXT.replace("开场第一段。", "开场第一段，改写并加长了。").replace("思想二。\n", "")
    edited = edited.replace("一、提高认识\n", "一、提高认识\n新插入的段落。\n")
    after = {p.text: p.id for p in speech(edited).all_paragraphs()}
    for text in ("开场第二段。", "认识一。", "思想一。", "任务一。", "同志们，让我们行动起来！"):
        assert after[text] == before[text], text


def test_anchor_ignores_whitespace_changes() -> None:
    a = speech("同志们：\n我们 要 抓好落实。\n").opening[0].id
    b = speech("同志们：\n我们要抓好落实。\n").opening[0].id
    assert a == b


def test_unnumbered_headings_cite_by_position() -> None:
    text = ("各位代表：\n“十四五”时期工作回顾\n" + "成绩显著。" * 8 + "\n今年工作安排\n" + "抓好落实。" * 8 + "\n")
    assert [p.citation for p in speech(text).all_paragraphs()] == ["§1¶1", "§2¶1"]
