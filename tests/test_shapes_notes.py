"""Notes and trailers after the speech (注释/注：/出处：/（原载…）/（根据…整理）/相关链接) are an
appendix shown after the speech: neither a heading nor part of the last section."""

from __future__ import annotations

import pytest

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check, restore, squeeze

SPEECH = ("在全县经济工作会议上的讲话\n同志们：\n今天开会。\n一、形势\n形势很好。\n二、任务\n任务很重。\n"
          "同志们，让我们共同努力！\n谢谢大家！\n")


def speech(text: str) -> Speech:
    result = parse(repair(source_from_text(text)))
    assert check(result) == []
    assert restore(result) == squeeze(result.body)
    return result


def test_a_notes_block_after_the_closing_is_an_appendix() -> None:
    result = speech(SPEECH + "注释：\n［1］见《人民日报》2023年1月1日。\n［2］同上。\n")
    assert [(s.marker, s.heading, len(s.paragraphs)) for s in result.sections] == [
        ("一、", "形势", 1), ("二、", "任务", 1)]
    assert [p.text for p in result.closing] == ["同志们，让我们共同努力！", "谢谢大家！"]
    assert [p.text for p in result.appendix] == ["注释：", "［1］见《人民日报》2023年1月1日。", "［2］同上。"]
    assert [p.citation for p in result.appendix] == ["附¶1", "附¶2", "附¶3"]
    assert result.outline().endswith("closing: 谢谢大家！\nappendix: 注释：\nappendix: ［1］见《人民日报》20\n"
                                     "appendix: ［2］同上。")
    assert "注释：" in "".join(result.text_pieces())


@pytest.mark.parametrize("trailer", [
    "注：本文根据作者在会议上的讲话录音整理。",
    "出处：《某某文选》第二卷，人民出版社2020年版。",
    "（原载《求是》2023年第5期）",
    "（根据录音整理，未经本人审阅）",
    "（新华社北京3月26日电）",
])
def test_a_one_line_trailer_is_an_appendix(trailer: str) -> None:
    result = speech(SPEECH + trailer + "\n")
    assert [p.text for p in result.appendix] == [trailer]
    assert [p.text for p in result.closing] == ["同志们，让我们共同努力！", "谢谢大家！"]
    assert len(result.sections[-1].paragraphs) == 1


def test_related_links_after_a_speech_without_closing() -> None:
    text = "同志们：\n开场。\n一、形势\n形势很好。\n二、任务\n任务很重。\n相关链接：\n某某会议召开\n某某工作部署\n"
    result = speech(text)
    assert [p.text for p in result.appendix] == ["相关链接：", "某某会议召开", "某某工作部署"]
    assert [len(s.paragraphs) for s in result.sections] == [1, 1]
    assert not result.closing


def test_a_note_inside_the_speech_stays_where_it_is() -> None:
    text = ("同志们：\n开场。\n一、形势\n注：以上数据为初步统计。\n形势很好。\n二、任务\n任务很重。\n"
            "谢谢大家！\n")
    result = speech(text)
    assert not result.appendix
    assert [p.text for p in result.sections[0].paragraphs] == ["注：以上数据为初步统计。", "形势很好。"]


def test_an_attachment_heading_of_a_law_is_still_a_section() -> None:
    text = ("# 某某办法\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本办法。\n\n第二条 本办法适用于全省。\n\n"
            "## 附件\n\n某某表格\n")
    result = speech(text)
    assert [s.heading for s in result.sections] == ["总则", "附件"]
    assert not result.appendix
