"""Hard-wrapped text (Word/antiword/PDF extraction: every line broken at about the same width):
every wrap is joined, a heading is never cut at a wrap, a real paragraph end stays."""

from __future__ import annotations

import unicodedata

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check

OPENING = ("今天我们召开全县安全生产工作会议，主要任务是总结2023年工作，部署今年任务，安排全年重点工作。要把思想"
           "统一到县委决策部署上来，确保全年安全生产形势持续稳定向好。")
SECOND = "去年以来，全县安全生产形势总体平稳。各乡镇各部门认真履职，取得了明显成效，值得肯定。"
HEADING_ONE = "一、当前安全生产工作中需要重点把握好的三个方面。"
BODY_ONE = "安全生产责任重于泰山，各级各部门务必高度重视，切实把安全生产摆在突出位置，抓紧抓实抓好各项工作。"
HEADING_TWO = "二、压实责任"
BODY_TWO = "要严格落实属地管理责任、部门监管责任和企业主体责任，做到守土有责、守土负责、守土尽责。"
PARAGRAPHS = [OPENING, SECOND, HEADING_ONE, BODY_ONE, HEADING_TWO, BODY_TWO]


def columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(paragraph: str, width: int, indent: str) -> list[str]:
    """Break `paragraph` like a word processor: every line `width` columns, CJK two columns."""
    lines, line = [], indent
    for char in paragraph:
        if sum(map(columns, line)) + columns(char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def document(width: int, indent: str = "\u3000\u3000", blank: bool = False) -> str:
    lines = ["在全县安全生产工作会议上的讲话", "同志们："]
    for paragraph in PARAGRAPHS:
        heading = paragraph.startswith(("一、", "二、"))
        lines += wrap(paragraph, width, "" if heading else indent)
        if blank:
            lines.append("")
    return "\n".join(lines) + "\n"


def speech(text: str) -> Speech:
    result = parse(repair(source_from_text(text)))
    assert check(result) == []
    return result


def assert_outline(result: Speech) -> None:
    assert result.title == "在全县安全生产工作会议上的讲话"
    assert result.salutation == "同志们："
    assert [p.text for p in result.opening] == [OPENING, SECOND]
    assert [(s.marker, s.heading, s.terminator) for s in result.sections] == [
        ("一、", "当前安全生产工作中需要重点把握好的三个方面", "。"), ("二、", "压实责任", "")]
    assert [p.text for p in result.sections[0].paragraphs] == [BODY_ONE]
    assert [p.text for p in result.sections[1].paragraphs] == [BODY_TWO]
    joins = [r for r in result.repairs if r.kind == "line-join"]
    assert joins and all(r.removed == "" for r in joins)
    assert {r.kind for r in result.repairs} == {"line-join"}


def test_indented_paragraphs_wrapped_at_a_fixed_width() -> None:
    text = document(32)
    lines = text.split("\n")
    # the heading is cut at the wrap, and a full line ends on 。 with the next starting 要
    assert "一、当前安全生产工作中需要重点把" in lines and "握好的三个方面。" in lines
    assert any(len(a) == 16 and a.endswith("。") and b.startswith("要") for a, b in zip(lines, lines[1:], strict=False))
    assert_outline(speech(text))


def test_blank_line_between_wrapped_paragraphs() -> None:
    assert_outline(speech(document(30, indent="", blank=True)))


def test_wrapped_at_other_widths() -> None:
    for width in (28, 34, 40, 46):
        assert_outline(speech(document(width)))


def test_a_short_line_ends_the_paragraph_even_without_an_indent() -> None:
    lines = wrap("今天开会的主要任务是总结去年的工作，部署今年的任务。", 24, "") + wrap(
        "去年全县安全形势总体平稳，成效明显。", 24, "") + wrap("今年要继续努力，确保各项任务圆满完成。", 24, "")
    text = "同志们：\n" + "\n".join(lines * 3) + "\n"
    result = speech(text)
    assert [p.text for p in result.opening][:3] == [
        "今天开会的主要任务是总结去年的工作，部署今年的任务。", "去年全县安全形势总体平稳，成效明显。",
        "今年要继续努力，确保各项任务圆满完成。"]
    assert len(result.opening) == 9


def test_an_ordinal_the_wrap_put_at_a_line_start_is_no_heading() -> None:
    inline = "按照县委部署，今年重点抓好三项工作：（一）项目建设，（二）民生保障，（三）安全稳定，确保取得实效。"
    width = next(w for w in range(24, 60, 2)
                 if any(line.startswith("（二）") for line in wrap(inline, w, "\u3000\u3000")))
    lines = ["同志们："] + [line for p in (OPENING, inline, SECOND, BODY_ONE) for line in wrap(p, width, "\u3000\u3000")]
    result = speech("\n".join(lines) + "\n")
    assert not result.sections
    assert [p.text for p in result.opening] == [OPENING, inline, SECOND, BODY_ONE]


def test_short_lines_of_like_length_that_end_sentences_are_not_a_wrap() -> None:
    result = speech("同志们：\n开场。\n一、总体要求\n要求如下。\n第一，坚持稳中求进。要稳。\n第二，坚持改革创新。要新。\n"
                    "二、主要任务\n一是抓项目。项目要实。\n二是抓民生。民生要暖。\n")
    assert not [r for r in result.repairs if r.kind == "line-join"]
    assert [len(s.subsections) for s in result.sections] == [2, 2]
