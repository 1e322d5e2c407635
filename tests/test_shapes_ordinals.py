"""Other ordinal styles: 第一点/第一个问题/第一条/第一部分/第一， as points, 一　总体要求, a numeral
alone on its line — recognised only where they structure the document (siblings, sequence)."""

from __future__ import annotations

from speechsite.model import Section, Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check


def speech(text: str) -> Speech:
    result = parse(repair(source_from_text(text)))
    assert check(result) == []
    return result


def tree(sections: tuple[Section, ...]) -> list[tuple[str, str, int, list]]:  # type: ignore[type-arg]
    return [(s.marker, s.heading, len(s.paragraphs), tree(s.subsections)) for s in sections]


def test_first_point_style_is_the_top_level_without_a_cn_layer() -> None:
    result = speech(
        "在全县干部大会上的讲话\n同志们：\n今天讲三点意见。\n"
        "第一点，统一思想。当前形势很好，大家要统一思想。\n要把思想统一到县委的决策部署上来。\n"
        "第二点，明确任务。今年任务很重。\n第三点，转变作风。作风要实。\n谢谢大家！\n")
    assert result.title == "在全县干部大会上的讲话"
    assert result.salutation == "同志们："
    assert len(result.opening) == 1
    assert tree(result.sections) == [("第一点，", "统一思想", 2, []), ("第二点，", "明确任务", 1, []),
                                     ("第三点，", "转变作风", 1, [])]
    assert [s.level for s in result.sections] == [1, 1, 1]
    assert [s.terminator for s in result.sections] == ["。", "。", "。"]
    assert [p.text for p in result.closing] == ["谢谢大家！"]


def test_question_style_with_lead_ins_below_it() -> None:
    result = speech(
        "同志们：\n下面，我讲两个问题。\n第一个问题：关于当前形势。形势总体平稳。\n"
        "第一，经济运行稳中有进。数据很好。\n第二，社会大局和谐稳定。没有大事。\n"
        "第二个问题：关于下步工作。任务很重。\n第一，抓好项目建设。项目是关键。\n"
        "第二，抓好民生保障。民生是根本。\n同志们，让我们共同努力！\n")
    assert tree(result.sections) == [
        ("第一个问题：", "关于当前形势", 1, [("第一，", "经济运行稳中有进", 1, []),
                                            ("第二，", "社会大局和谐稳定", 1, [])]),
        ("第二个问题：", "关于下步工作", 1, [("第一，", "抓好项目建设", 1, []),
                                            ("第二，", "抓好民生保障", 1, [])]),
    ]
    assert [p.text[:5] for p in result.closing] == ["同志们，让"]


def test_article_style_points_in_a_speech_are_not_a_law() -> None:
    result = speech("同志们：\n我提三条要求。\n第一条，要认清形势。形势很复杂。\n"
                    "第二条，要明确任务。任务很艰巨。\n第三条，要转变作风。作风要扎实。\n")
    assert [(s.marker, s.heading) for s in result.sections] == [
        ("第一条，", "要认清形势"), ("第二条，", "要明确任务"), ("第三条，", "要转变作风")]


def test_part_style_headings() -> None:
    result = speech("政府工作报告\n各位代表：\n现在报告工作。\n第一部分　过去五年工作回顾\n成绩显著。\n"
                    "第二部分　今后五年的目标任务\n任务艰巨。\n")
    assert [(s.marker.strip(), s.heading) for s in result.sections] == [
        ("第一部分", "过去五年工作回顾"), ("第二部分", "今后五年的目标任务")]


def test_first_second_points_take_the_top_level_over_parenthesised_numbers() -> None:
    result = speech("同志们：\n开场。\n第一，关于经济工作。经济要稳。\n（一）稳增长。增长要稳。\n"
                    "（二）调结构。结构要调。\n第二，关于改革。改革要深。\n第三，关于民生。民生要实。\n")
    assert tree(result.sections) == [
        ("第一，", "关于经济工作", 1, [("（一）", "稳增长", 1, []), ("（二）", "调结构", 1, [])]),
        ("第二，", "关于改革", 1, []), ("第三，", "关于民生", 1, [])]


def test_lead_ins_stay_below_an_enclosing_cn_heading() -> None:
    result = speech("同志们：\n开场。\n一、总体要求\n要求如下。\n第一，坚持稳中求进。要稳。\n"
                    "第二，坚持改革创新。要新。\n二、主要任务\n一是抓项目。项目要实。\n二是抓民生。民生要暖。\n")
    assert tree(result.sections) == [
        ("一、", "总体要求", 1, [("第一，", "坚持稳中求进", 1, []), ("第二，", "坚持改革创新", 1, [])]),
        ("二、", "主要任务", 0, [("一是", "抓项目", 1, []), ("二是", "抓民生", 1, [])])]


def test_numeral_and_a_space_without_the_comma_mark() -> None:
    for space in ("\u3000", " "):
        result = speech(f"同志们：\n开场。\n一{space}总体要求\n要求内容。\n二{space}主要任务\n任务内容。\n"
                        f"三{space}保障措施\n措施内容。\n")
        assert [(s.marker.strip(), s.heading, len(s.paragraphs)) for s in result.sections] == [
            ("一", "总体要求", 1), ("二", "主要任务", 1), ("三", "保障措施", 1)]


def test_a_numeral_alone_on_its_line_heads_the_next_line() -> None:
    result = speech("同志们：\n开场。\n一\n总体要求\n要求内容。\n二\n主要任务\n任务内容。\n")
    assert [(s.marker.strip(), s.heading, len(s.paragraphs)) for s in result.sections] == [
        ("一", "总体要求", 1), ("二", "主要任务", 1)]
    assert [r.kind for r in result.repairs] == ["line-join", "line-join"]


def test_a_numeral_alone_before_its_section_text_numbers_the_section() -> None:
    result = speech("依法防控\n一\n当前，疫情防控正处于关键时期，依法科学有序防控至关重要。这次疫情发生以来，各地积极开展防控工作。\n"
                    "二\n确保人民群众生命安全和身体健康，是我们党治国理政的一项重大任务。\n"
                    "第一，强化法治保障。要加强立法。\n第二，完善防控体系。要补齐短板。\n")
    assert tree(result.sections) == [
        ("一", "", 1, []),
        ("二", "", 1, [("第一，", "强化法治保障", 1, []), ("第二，", "完善防控体系", 1, [])])]
    assert not result.repairs


def test_an_ordinal_without_siblings_or_out_of_sequence_is_text() -> None:
    once = speech("同志们：\n第一点，也是最重要的一点。大家要记住。\n后面的话。\n")
    assert not once.sections
    gap = speech("同志们：\n第一点，统一思想。要统一。\n第三点，转变作风。要转变。\n")
    assert not gap.sections
    spaced = speech("同志们：\n一 个人的力量是有限的，大家要团结。\n后面的话很长，要认真听取。\n")
    assert not spaced.sections
    alone = speech("同志们：\n一\n个人的力量是有限的。\n")
    assert not alone.sections
