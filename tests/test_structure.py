"""Structure rules: heading levels, lead-ins, splits, numbering warnings, laws, closing."""

from __future__ import annotations

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check


def speech(text: str, path: str = "s.txt") -> Speech:
    result = parse(repair(source_from_text(text, path)))
    assert check(result) == []
    return result


def outline(text: str) -> list[str]:
    return speech(text).outline().split("\n")


def test_three_levels_and_a_fourth_stays_a_paragraph() -> None:
    text = ("同志们：\n开场。\n一、总体要求\n正文。\n（一）指导思想\n正文。\n1.坚持党的领导\n正文。\n"
            "（1）第四层\n正文。\n2.坚持人民至上\n(二)主要目标\n正文。\n二、重点任务\n正文。\n")
    assert outline(text) == [
        "title: -", "salutation: 同志们：", "opening: 1",
        "一、总体要求 [1]", "  （一）指导思想 [1]", "    1.坚持党的领导 [3]",
        "    2.坚持人民至上 [0]", "  (二)主要目标 [1]", "二、重点任务 [1]",
    ]
    levels = [s.level for s in speech(text).all_sections()]
    assert levels == [1, 2, 3, 3, 2, 1]


def test_heading_with_a_first_sentence_splits_into_heading_and_body() -> None:
    result = speech("同志们：\n一、总体要求\n（一）深入推行“321”基层治理模式。我县创新推行……成效明显。\n")
    sub = result.sections[0].subsections[0]
    assert (sub.marker, sub.heading, sub.terminator) == ("（一）", "深入推行“321”基层治理模式", "。")
    assert [p.text for p in sub.paragraphs] == ["我县创新推行……成效明显。"]


def test_a_long_numbered_paragraph_is_not_a_heading() -> None:
    long = "一、" + "这是一个很长的句子，" * 20 + "结束。"
    assert not speech(f"同志们：\n{long}\n").sections


def test_lead_ins_need_siblings_that_open_paragraphs() -> None:
    text = ("同志们：\n一、提高认识\n一要提高政治站位。全县各级要扛起责任。\n二要强化风险意识。当前风险叠加。\n"
            "二、狠抓落实\n当前要抓好三件事：一是抓责任。二是抓督查。三是抓考核。\n"
            "一是鼓励住户安装监控。\n")
    result = speech(text)
    assert [(s.marker, s.heading) for s in result.sections[0].subsections] == [
        ("一要", "提高政治站位"), ("二要", "强化风险意识")]
    assert result.sections[1].subsections == ()
    assert len(result.sections[1].paragraphs) == 2


def test_sequence_words_lead_in_with_siblings() -> None:
    text = "同志们：\n一、几点要求\n首先，要提高认识。认识决定行动。\n其次，要狠抓落实。落实才有成效。\n"
    subs = speech(text).sections[0].subsections
    assert [(s.marker, s.heading) for s in subs] == [("首先，", "要提高认识"), ("其次，", "要狠抓落实")]


def test_numbering_gaps_and_repeats_are_warnings() -> None:
    text = "同志们：\n一、甲\n正文。\n三、乙\n正文。\n三、丙\n正文。\n"
    result = speech(text)
    assert [s.heading for s in result.sections] == ["甲", "乙", "丙"]
    assert [str(d) for d in result.diagnostics] == [
        "s.txt:4: heading number “三、” comes after “一、” heading of its level (expected number 2)"
        " — check the numbering in the source; the outline keeps the headings as written",
        "s.txt:6: heading number “三、” comes after “三、” heading of its level (expected number 4)"
        " — check the numbering in the source; the outline keeps the headings as written",
    ]
    assert {d.level for d in result.diagnostics} == {"warning"}


def test_laws_keep_chapters_and_articles_without_speech_sections() -> None:
    text = ("# 某省某某条例\n\n## 第一章 总 则\n\n第一条 为了规范管理，制定本条例。\n\n"
            "第二条 下列事项由县级以上人民政府负责：\n\n（一）规划；\n\n（二）监督。\n\n"
            "一、本条例所称的事项\n\n## 第二章 附则\n\n第三条 本条例自公布之日起施行。\n")
    result = speech(text)
    assert [(s.marker.strip(), s.heading) for s in result.sections] == [
        ("第一章", "总则"), ("第二章", "附则")]
    assert [len(s.paragraphs) for s in result.sections] == [5, 1]
    assert not result.diagnostics


def test_closing_variants() -> None:
    for closing in ("同志们，让我们行动起来！", "总之，大家要抓好落实。", "各位代表，让我们团结奋斗！",
                    "谢谢大家！"):
        result = speech(f"同志们：\n一、要求\n正文一。\n正文二。\n{closing}\n")
        assert [p.text for p in result.closing] == [closing]
        assert len(result.sections[0].paragraphs) == 2


def test_no_closing_when_the_last_section_runs_to_the_end() -> None:
    assert speech("同志们：\n一、要求\n正文一。\n正文二。\n").closing == ()


def test_appendix_and_bare_headings() -> None:
    text = ("各位代表：\n现在报告工作。\n“十四五”时期工作回顾\n" + "五年来成绩显著。" * 5 + "\n"
            "今年工作安排\n" + "今年要抓好几件事。" * 5 + "\n注释\n［1］两新：设备更新和以旧换新。\n")
    result = speech(text)
    assert [(s.marker, s.heading) for s in result.sections] == [
        ("", "“十四五”时期工作回顾"), ("", "今年工作安排")]
    assert [p.text for p in result.appendix] == ["注释", "［1］两新：设备更新和以旧换新。"]  # after the speech


def test_front_lines_and_salutation() -> None:
    text = ("在全县经济工作会议上的讲话\n——2013年2月28日在全县经济工作会议上\n县委书记 张三\n"
            "同志们：\n今天开会。\n")
    result = speech(text)
    assert result.title == "在全县经济工作会议上的讲话"
    assert [(f.kind, f.text) for f in result.front] == [
        ("date", "——2013年2月28日在全县经济工作会议上"), ("speaker", "县委书记 张三")]
    assert result.meta.date == "2013-02-28"
    assert (result.meta.speaker, result.meta.role) == ("张三", "县委书记")


def test_salutation_on_the_same_line_as_the_opening() -> None:
    result = speech("政府工作报告\n各位代表：现在，我代表县人民政府作报告。\n")
    assert result.salutation == "各位代表："
    assert [p.text for p in result.opening] == ["现在，我代表县人民政府作报告。"]


def test_ordinal_words_lead_in_and_ascii_dot_markers() -> None:
    text = ("同志们：\n一.统一思想\n第一，要提高认识。认识到位才能行动到位。\n第二，要压实责任。责任要落实到人。\n"
            "二.狠抓落实\n我们要做到第一，不折不扣；第二，持之以恒。\n")
    result = speech(text)
    assert [(s.marker, s.heading) for s in result.sections] == [("一.", "统一思想"), ("二.", "狠抓落实")]
    assert [(s.marker, s.heading) for s in result.sections[0].subsections] == [
        ("第一，", "要提高认识"), ("第二，", "要压实责任")]
    assert result.sections[1].subsections == ()


def test_salutations_with_several_addressees() -> None:
    for salutation in ("各位领导、同志们：", "尊敬的各位领导、各位来宾：", "同志们，朋友们：", "女士们、先生们！"):
        result = speech(f"在某会上的致辞\n{salutation}\n今天我们在这里举行会议。\n")
        assert result.salutation == salutation
        assert result.title == "在某会上的致辞"


def test_numbered_long_paragraphs_are_paragraphs_not_headings() -> None:
    long = "本决定所称的事项由市人民政府会同有关部门按照职责分工负责组织实施，" * 5 + "并报告。"
    text = f"某某决定\n一、{long}\n二、范围依照方案确定。\n三、{long}\n四、{long}\n"
    result = speech(text)
    assert result.sections == ()
    assert len(result.opening) == 4
    assert not result.diagnostics


def test_closing_is_the_final_few_paragraphs() -> None:
    body = "\n".join(f"各位代表！\n这是第{n}项内容。\n内容。" for n in range(4))
    result = speech(f"各位代表：\n一、任务\n正文。\n{body}\n")
    assert [p.text for p in result.closing] == ["各位代表！", "这是第2项内容。", "内容。",
                                                "各位代表！", "这是第3项内容。", "内容。"]
    assert len(result.sections[0].paragraphs) == 7


def test_aspect_lead_ins_need_a_sibling() -> None:
    text = ("同志们：\n一、标本兼治\n总述。\n治标方面。就是要解决眼前问题。\n治本方面。就是要建立长效机制。\n"
            "二、其他\n经济方面。只有一段。\n")
    result = speech(text)
    assert [(s.marker, s.heading, s.terminator) for s in result.sections[0].subsections] == [
        ("", "治标方面", "。"), ("", "治本方面", "。")]
    assert result.sections[1].subsections == ()
    assert [p.citation for p in result.sections[0].subsections[1].paragraphs] == ["一.§2¶1"]


def test_bare_headings_above_numbered_ones() -> None:
    text = ("各位代表：\n开场。\n“十四五”时期工作回顾\n" + "五年成绩显著。" * 6 + "\n"
            "2026年重点工作\n" + "今年要抓好几件事。" * 6 + "\n一、稳增长\n正文。\n二、促改革\n正文。\n")
    result = speech(text)
    assert [(s.heading, [sub.marker for sub in s.subsections]) for s in result.sections] == [
        ("“十四五”时期工作回顾", []), ("2026年重点工作", ["一、", "二、"])]


def test_a_fourth_level_heading_with_a_body_stays_one_paragraph() -> None:
    text = "同志们：\n一、甲\n（一）乙\n1.丙\n（1）丁。正文在此。\n"
    result = speech(text)
    deepest = result.sections[0].subsections[0].subsections[0]
    assert [p.text for p in deepest.paragraphs] == ["（1）丁。正文在此。"]


def test_title_broken_over_two_lines_and_part_headings() -> None:
    text = ("在全县经济工作会议\n上的讲话\n同志们：\n开场。\n第一部分 关于去年的工作\n正文。\n"
            "第二部分：关于今年的任务\n一、稳增长\n正文。\n")
    result = speech(text)
    assert result.title == "在全县经济工作会议上的讲话"
    assert [(s.marker.strip(), s.heading, [sub.marker for sub in s.subsections])
            for s in result.sections] == [("第一部分", "关于去年的工作", []),
                                          ("第二部分：", "关于今年的任务", ["一、"])]


def test_no_bare_headings_in_an_unpunctuated_text() -> None:
    text = ("同志们要提高认识\n" + "今天我们召开会议主要任务是部署工作大家要认真抓好落实不能松懈" * 2 + "\n"
            "大家要守住底线\n" + "安全生产责任重于泰山各级各部门要高度重视抓紧抓实" * 2 + "\n")
    assert speech(text).sections == ()


def test_a_complete_title_is_not_joined_with_the_next_title_line() -> None:
    result = speech("2026年某省政府工作报告\n政府工作报告\n——2026年2月3日在某省人民代表大会上\n各位代表：\n报告。\n")
    assert result.title == "2026年某省政府工作报告"
    assert [f.kind for f in result.front] == ["subtitle", "date"]


def test_a_date_or_speaker_first_line_is_no_title() -> None:
    result = speech("2023年3月1日\n县委书记 张三\n同志们：\n开会。\n")
    assert result.title is None
    assert [f.kind for f in result.front] == ["date", "speaker"]
    assert result.meta.date == "2023-03-01"


def test_a_law_title_with_a_role_word_is_still_a_title() -> None:
    result = speech("# 山东省长岛海洋生态保护条例\n\n2019年7月26日 山东省人大常委会通过\n\n## 第一章 总则\n\n"
                    "第一条 为了保护海岛，制定本条例。\n\n第二条 本条例适用于长岛。\n")
    assert result.title == "山东省长岛海洋生态保护条例"
    assert result.meta.speaker is None


def test_structural_words_are_not_speaker_names() -> None:
    result = speech("某市供热条例\n2016年9月26日 某市人大常委会通过\n总 则\n第一条 为了规范供热，制定本条例。\n"
                    "第二条 本条例适用于城区。\n")
    assert result.meta.speaker is None
    assert [f.kind for f in result.front] == ["date"]


def test_bare_name_after_a_speech_dateline() -> None:
    result = speech("在全县大会上的讲话\n——2023年1月5日\n李四\n今天开会。我讲三点。\n")
    assert (result.meta.speaker, [f.kind for f in result.front]) == ("李四", ["date", "speaker"])
    case = speech("某案例\n2020年1月1日 发布\n基本案情\n某公司诉某人一案，经审理查明。\n")
    assert case.meta.speaker is None
