"""Repairs of extraction debris: each recorded, decided from evidence, never inventing text."""

from __future__ import annotations

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import KINDS, repair
from speechsite.repair.fidelity import check


def speech(text: str) -> Speech:
    result = parse(repair(source_from_text(text)))
    assert check(result) == []
    return result


def kinds(result: Speech) -> list[tuple[str, str]]:
    return [(r.kind, r.removed) for r in result.repairs]


def test_every_kind_has_a_chinese_label() -> None:
    assert KINDS["page-number"] == "页码"
    assert all(label and not label.isascii() for label in KINDS.values())


def test_page_numbers_at_page_breaks_are_removed_and_the_sentence_joined() -> None:
    text = (
        "1、同志们：今天我们召开会议，主要任务是部署全年的安全稳定工作，确保管好自己的人，看好自己\n"
        "2、的门，办好自己的事。一、提高认识 要把安全稳定放在首位，绝不能抱侥幸心理，对可能出\n"
        "3、现的隐患要及时整改。谢谢大家！ 3\n"
    )
    result = speech(text)
    assert kinds(result) == [("page-number", "1、"), ("paragraph-split", ""), ("page-number", "2、"),
                             ("page-number", "3、"), ("stray-page-number", " 3")]
    assert result.repairs[1].note == "称呼“同志们：”之后"  # the pages hold one collapsed line
    assert result.repairs[2].result == "好自己的人，看好自己的门，办好自己的事。"
    spoken = "".join(result.text_pieces())
    assert "看好自己的门" in spoken and "对可能出现的隐患" in spoken


_PAGE_FILL = "我们要坚持问题导向，层层压实责任，扎实推进各项工作落地见效。" * 7  # a page's worth of text


def test_page_numbers_inside_a_collapsed_line_are_removed_and_the_sentence_joined() -> None:
    pages = ["1、同志们：" + _PAGE_FILL + "管好自己的人，看好自己", "2、的门，办好自己的事。" + _PAGE_FILL + "对可能出",
             "3、现的隐患要及时整改。" + _PAGE_FILL + "谢谢大家！"]
    for joiner in ("", " ", "\u3000\u3000"):
        result = speech(joiner.join(pages) + "\n")
        assert [r.removed for r in result.repairs if r.kind == "page-number"] == ["1、", "2、", "3、"]
        spoken = "".join(result.text_pieces())
        assert "看好自己的门，办好自己的事。" in spoken and "对可能出现的隐患" in spoken
        assert result.salutation == "同志们："


def test_a_numbered_list_run_into_a_line_is_no_page_numbers() -> None:
    items = ["1、提高认识。" + _PAGE_FILL, "2、压实责任。" + _PAGE_FILL, "3、强化保障。" + _PAGE_FILL]
    result = speech("同志们：" + "".join(items) + "谢谢大家！\n")
    assert not [r for r in result.repairs if "page" in r.kind]
    assert "1、提高认识。" in "".join(result.text_pieces())


def test_numbered_list_items_are_not_page_numbers() -> None:
    text = (
        "各位代表：\n我们将重点发展以下产业：\n１、物联网。\n２、大数据。\n３、人工智能。\n"
        "1、从0到1、从1到2的突破。\n2、培育新动能。\n3、壮大新产业。\n"
    )
    result = speech(text)
    assert not [r for r in result.repairs if "page" in r.kind]
    assert "１、物联网。" in "".join(result.text_pieces())


def test_standalone_page_number_lines_need_a_run() -> None:
    text = "同志们：\n今天的会议很重要，我们要\n- 1 -\n认真贯彻落实。下面讲两点。\n- 2 -\n谢谢大家！\n"
    result = speech(text)
    assert kinds(result) == [("page-number", "- 1 -"), ("page-number", "- 2 -")]
    assert result.opening[0].text == "今天的会议很重要，我们要认真贯彻落实。下面讲两点。"


def test_footnote_numbers_are_not_page_numbers() -> None:
    text = "现在我代表中央委员会作关于上届代表会议\n[\n1\n]\n以来的工作报告。\n\n第二段\n[\n2\n]\n。\n\n"
    result = speech(text)
    assert not [r for r in result.repairs if "page" in r.kind]
    assert result.opening[0].text == "现在我代表中央委员会作关于上届代表会议[1]以来的工作报告。"


def test_letter_spaced_title_is_closed_up() -> None:
    result = speech("政 府 工 作 报 告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n")
    assert result.title == "政府工作报告"
    assert kinds(result) == [("letter-spacing", "")]


def test_spaced_form_blanks_deep_in_a_text_are_left_alone() -> None:
    lines = "\n".join(f"第{n}段内容。" for n in range(20))
    result = speech(f"同志们：\n{lines}\n年 月 日\n")
    assert not result.repairs


def test_web_chrome_is_removed_and_recorded() -> None:
    text = (
        "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n"
        "——2026年1月27日在某省第十四届人民代表大会第四次会议上\n来源：某某日报\n"
        "时间：2026-02-10\n省长 王五\n王五作政府工作报告。本报记者 张三 摄\n各位代表：\n"
        "现在，我代表省人民政府，向大会报告工作。\n一、2025年工作回顾\n过去一年，成绩显著。\n"
        "各位代表！让我们团结奋斗！\n相关报道：\n"
    )
    result = speech(text)
    assert kinds(result) == [
        ("web-chrome", "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】"),
        ("web-chrome", "来源：某某日报\n时间：2026-02-10"),
        ("web-chrome", "王五作政府工作报告。本报记者 张三 摄"),
        ("web-chrome", "相关报道："),
    ]
    assert result.title == "2026年某省政府工作报告"
    assert [f.kind for f in result.front] == ["date", "speaker"]
    assert result.salutation == "各位代表："
    assert [p.text for p in result.closing] == ["各位代表！让我们团结奋斗！"]


def test_breadcrumb_and_font_size_chrome() -> None:
    text = (
        "您的位置:\n首页\n>\n云南要闻\n云南要闻\n2026年政府工作报告\n来源：云南日报\n"
        "2026-02-03 09:02:33\n【字体：\n大\n中\n小\n】\n各位代表：\n现在，我代表省人民政府报告工作。\n"
    )
    result = speech(text)
    assert [r.removed for r in result.repairs] == [
        "您的位置:\n首页\n>\n云南要闻\n云南要闻",
        "来源：云南日报\n2026-02-03 09:02:33\n【字体：\n大\n中\n小\n】",
    ]
    assert result.title == "2026年政府工作报告"


def test_wiki_licence_tail_is_removed() -> None:
    text = "各位代表：\n\n现在作报告。\n\n谢谢。\n\n本作品是中华人民共和国的\n法律\n\nPublic domain\nfalse\n"
    result = speech(text)
    assert kinds(result) == [("web-chrome", "本作品是中华人民共和国的\n法律\n\nPublic domain\nfalse")]


def test_wiki_linked_words_are_joined_back_into_the_sentence() -> None:
    text = "各位代表：\n\n会议听取了总理所作的\n政府工作报告\n。会议充分肯定\n国务院\n的工作。\n\n第二段。\n\n第三段。\n"
    result = speech(text)
    assert [p.text for p in result.opening] == [
        "会议听取了总理所作的政府工作报告。会议充分肯定国务院的工作。", "第二段。", "第三段。"]
    assert {r.kind for r in result.repairs} == {"line-join"}


def test_line_starting_with_punctuation_joins_the_previous_line() -> None:
    result = speech("同志们：\n我们要学习《条例\n》，提高认识。\n")
    assert [p.text for p in result.opening] == ["我们要学习《条例》，提高认识。"]
    assert kinds(result) == [("line-join", "")]


def test_broken_heading_bracket_is_joined() -> None:
    result = speech("各位代表：\n一、工作回顾\n（\n一）经济运行稳中有进\n内容。\n")
    assert [s.marker for s in result.sections[0].subsections] == ["（一）"]


def test_markdown_heading_marks_and_comments_are_markup() -> None:
    result = speech("# 某某条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例适用于全省。\n")
    assert kinds(result) == [("markup", "# "), ("markup", "<!-- INFO END -->"), ("markup", "## ")]
    assert result.title == "某某条例"
    assert [s.marker.strip() + s.heading for s in result.sections] == ["第一章总则"]


def test_headings_run_into_long_lines_are_split() -> None:
    text = ("在某会议上的讲话 同志们: 今年工作很重要。 一、提高认识 要认识到位。 "
            "二、压实责任 要落实责任。 三、强化保障 要保障到位。 同志们,让我们行动起来!\n")
    result = speech(text)
    assert result.title == "在某会议上的讲话"
    assert result.salutation == "同志们:"
    assert [s.heading for s in result.sections] == ["提高认识", "压实责任", "强化保障"]
    assert [p.text for p in result.closing] == ["同志们,让我们行动起来!"]
    assert [r.kind for r in result.repairs] == ["paragraph-split", "paragraph-split"] + [
        "heading-split", "paragraph-split"] * 3 + ["paragraph-split"]


def test_inline_enumeration_does_not_trigger_heading_split() -> None:
    text = "同志们：\n第一段讲到二、三级保护 二、三级物种要保护。\n第二段。\n"
    result = speech(text)
    assert not result.repairs
    assert not result.sections


def test_line_ending_on_an_opening_quote_goes_on() -> None:
    result = speech("同志们：\n毛主席说：“\n你也是难改呢。\n”大家要记住。\n")
    assert [p.text for p in result.opening] == ["毛主席说：“你也是难改呢。”大家要记住。"]


def test_a_marker_alone_on_its_line_joins_its_heading() -> None:
    result = speech("各位代表：\n\n一、\n国家的总任务\n\n正文。\n\n二、\n五年计划\n\n正文。\n")
    assert [(s.marker, s.heading) for s in result.sections] == [("一、", "国家的总任务"), ("二、", "五年计划")]


def test_a_word_broken_across_wiki_lines_is_joined() -> None:
    result = speech("2021年政府工作报告\n\n政府工作报\n告\n\n各位代表：\n\n现在作报告。\n\n谢谢。\n")
    assert [f.text for f in result.front] == ["政府工作报告"]


def test_hard_wrapped_pdf_lines_are_joined_into_paragraphs() -> None:
    text = (
        "同志们：\n"
        "  今天我们召开全县安全生产工作会议，主要任务是\n"
        "总结去年工作，部署今年任务，动员全县上下进一\n"
        "步统一思想。\n"
        "  去年以来，全县安全生产形势总体平稳，各乡镇\n"
        "各部门认真履职，取得了明显成效，值得肯定和推\n"
        "广。\n"
        "一、提高认识\n"
        "  安全生产责任重于泰山，各级各部门务必高度重\n"
        "视，切实把安全生产摆在突出位置抓紧抓实抓好。\n"
    )
    result = speech(text)
    assert [p.text for p in result.opening] == [
        "今天我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务，动员全县上下进一步统一思想。",
        "去年以来，全县安全生产形势总体平稳，各乡镇各部门认真履职，取得了明显成效，值得肯定和推广。",
    ]
    assert [p.text for p in result.sections[0].paragraphs] == [
        "安全生产责任重于泰山，各级各部门务必高度重视，切实把安全生产摆在突出位置抓紧抓实抓好。"]
    assert {r.kind for r in result.repairs} == {"line-join"}


def test_page_footer_lines_in_a_run() -> None:
    text = "同志们：\n今天的会议很重要，我们要\n第 1 页 共 2 页\n认真贯彻落实。\n第 2 页 共 2 页\n"
    result = speech(text)
    assert [r.removed for r in result.repairs if r.kind == "page-number"] == [
        "第 1 页 共 2 页", "第 2 页 共 2 页"]


def test_source_and_editor_lines_at_the_end_are_chrome() -> None:
    result = speech("同志们：\n今天开会。\n谢谢大家！\n来源：某县人民政府网\n（编辑：张三 审核：李四）\n【打印】【关闭】\n")
    assert kinds(result) == [("web-chrome", "来源：某县人民政府网\n（编辑：张三 审核：李四）\n【打印】【关闭】")]
    assert [p.text for p in result.closing] == ["谢谢大家！"]


def test_a_source_line_near_the_top_never_starts_the_tail() -> None:
    result = speech("讲话\n来源：县委办\n同志们\n要抓好落实\n要守住底线\n谢谢大家\n")
    assert "要守住底线" in "".join(result.text_pieces())


def test_a_closing_sentence_about_this_work_is_not_a_licence_note() -> None:
    result = speech("同志们：\n今天颁奖。\n本作品集凝聚了大家的心血。\n谢谢大家！\n")
    assert not result.repairs


def test_caption_naming_the_reporter_is_chrome() -> None:
    result = speech("2026年某省政府工作报告\n省长 王五\n王五作政府工作报告。新某省·某日报记者 张三\n各位代表：\n报告。\n")
    assert kinds(result) == [("web-chrome", "王五作政府工作报告。新某省·某日报记者 张三")]
