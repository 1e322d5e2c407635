"""Collapsed text (line breaks stripped) is re-paragraphed, and a run-on head is taken apart:
every inserted break is a recorded repair naming its evidence, and nothing is lost."""

from __future__ import annotations

from conftest import SEEDS

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check, restore, squeeze

SEP = "\u3000\u3000"


def speech(text: str) -> Speech:
    result = parse(repair(source_from_text(text)))
    assert check(result) == []
    assert restore(result) == squeeze(result.body)
    return result


def outline(result: Speech) -> list[tuple[str, str, int]]:
    return [(s.marker, s.heading, len(s.paragraphs)) for s in result.all_sections()]


def test_ideographic_space_runs_separate_paragraphs() -> None:
    pieces = ["在全县安全生产工作会议上的讲话", "同志们：", "今天，我们召开全县安全生产工作会议。",
              "去年以来，全县安全形势总体平稳。", "一、提高认识", "安全生产责任重于泰山。", "二、压实责任",
              "要严格落实各方责任。", "同志们，让我们共同努力！", "谢谢大家！"]
    result = speech(SEP.join(pieces) + "\n")
    assert result.title == "在全县安全生产工作会议上的讲话"
    assert result.salutation == "同志们："
    assert [p.text for p in result.opening] == pieces[2:4]
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1)]
    assert [p.text for p in result.closing] == pieces[-2:]
    assert [r.kind for r in result.repairs] == ["paragraph-split"] * 3 + ["heading-split", "paragraph-split"] * 2 + [
        "paragraph-split"] * 2
    assert all(r.removed == "" and "全角空格" in r.note for r in result.repairs)


def test_br_remnants_are_removed_and_break_the_paragraph() -> None:
    result = speech("同志们：<br>今天开会。<br><br>一、提高认识<br>要认识到位。<br/>二、压实责任<BR>要落实责任。\n")
    assert result.salutation == "同志们："
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1)]
    assert [r.removed for r in result.repairs] == ["<br>", "<br><br>", "<br>", "<br/>", "<BR>"]
    assert {r.kind for r in result.repairs} == {"paragraph-split", "heading-split"}
    assert "<br" not in "".join(result.text_pieces()).lower()


def test_several_ascii_spaces_separate_but_a_single_space_does_not() -> None:
    text = ("同志们：   今天开会，2019 年全县投资 12 亿元，《 光明日报 》作了报道。   去年以来成绩显著。   "
            "一、提高认识   要认识到位。   二、压实责任   要落实责任。\n")
    result = speech(text)
    assert [p.text for p in result.opening] == [
        "今天开会，2019 年全县投资 12 亿元，《 光明日报 》作了报道。", "去年以来成绩显著。"]
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1)]
    assert all("空格" in r.note for r in result.repairs)


def test_a_single_space_in_a_text_with_run_in_headings_is_no_break() -> None:
    text = ("同志们: 今天开会,2019 年全县投资 12 亿元,《 光明日报 》作了报道。 一、提高认识 要认识到位。 "
            "二、压实责任 要落实责任。 三、强化保障 要保障到位。\n")
    result = speech(text)
    assert [p.text for p in result.opening] == ["今天开会,2019 年全县投资 12 亿元,《 光明日报 》作了报道。"]
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1), ("三、", "强化保障", 1)]


def test_headings_run_into_the_text_without_any_separator() -> None:
    text = ("同志们：今天开会，讲两点意见。一、提高认识。要认识到位，把安全放在首位。二、压实责任。要落实责任。"
            "（一）落实属地责任。属地要管。（二）落实部门责任。部门要管。同志们，让我们共同努力！\n")
    result = speech(text)
    assert result.salutation == "同志们："
    assert [p.text for p in result.opening] == ["今天开会，讲两点意见。"]
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1),
                               ("（一）", "落实属地责任", 1), ("（二）", "落实部门责任", 1)]
    assert [s.level for s in result.all_sections()] == [1, 1, 2, 2]
    assert [p.text for p in result.closing] == ["同志们，让我们共同努力！"]
    assert [r.kind for r in result.repairs] == ["paragraph-split", "heading-split", "heading-split",
                                                "heading-split", "heading-split", "paragraph-split"]
    assert all(r.note for r in result.repairs)


def test_an_enumeration_inside_a_sentence_is_not_split() -> None:
    result = speech("同志们：今天讲两个方面：一、加强领导；二、压实责任。这两方面都很重要。\n")
    assert not result.sections
    assert [p.text for p in result.opening] == ["今天讲两个方面：一、加强领导；二、压实责任。这两方面都很重要。"]


FILLER = ("各级各部门要切实增强责任感和紧迫感，把各项工作抓紧抓实抓细，确保取得实实在在的成效。"
          "要坚持问题导向，聚焦突出矛盾，拿出管用举措，推动工作落地见效。")  # 79 characters, two sentences
OPENERS = ["今天，我们召开全县经济工作会议。", "刚才，几位同志作了很好的发言。", "下面，我讲几点意见。",
           "当前，全县经济运行总体平稳。", "过去一年，全县上下攻坚克难。", "总之，大家要振奋精神。"]


def test_long_collapsed_text_breaks_before_speech_conventions() -> None:
    paragraphs = [opener + FILLER * 4 for opener in OPENERS]
    result = speech("同志们：" + "".join(paragraphs) + "\n")
    assert result.salutation == "同志们："
    found = [p.text for p in (*result.opening, *result.closing)]
    assert found == paragraphs
    splits = [r for r in result.repairs if r.kind == "paragraph-split"]
    assert len(splits) == len(paragraphs)
    assert "同志们：" in splits[0].note and "刚才，" in splits[1].note


def test_a_dash_item_opens_a_paragraph_and_a_linking_word_does_not() -> None:
    first = "当前，全县经济运行总体平稳。" + FILLER + "同时，我们也要清醒看到存在的问题。" + FILLER
    items = ["——产业结构持续优化。" + FILLER, "——民生保障有力有效。" + FILLER]
    result = speech("同志们：" + first + "".join(items) + "\n")
    assert [p.text for p in result.opening] == [first, *items]
    assert [r.note for r in result.repairs][1:] == ["段首词“——”", "段首词“——”"]


def test_no_paragraph_longer_than_about_a_thousand_characters() -> None:
    text = "同志们：今天开会。" + FILLER * 40 + "\n"  # 3,160 characters without a convention word
    result = speech(text)
    lengths = [len(p.text) for p in result.all_paragraphs()]
    assert sum(lengths) == len(text.strip()) - len("同志们：")
    assert max(lengths) <= 1000 and len(lengths) >= 4
    assert all(p.text.endswith("。") for p in result.all_paragraphs())


def test_a_single_sentence_longer_than_that_stays_whole() -> None:
    sentence = "我们要" + "，".join(["坚持稳中求进工作总基调"] * 120) + "。"
    result = speech("同志们：" + sentence + "\n")
    assert [p.text for p in result.opening] == [sentence]


def test_run_on_head_title_date_speaker_salutation() -> None:
    result = speech("在全市安全生产工作会议上的讲话（2023年3月2日）张明同志们：今天，我们召开会议。"
                    "下面，我讲两点意见。一、提高认识。要认识到位。二、压实责任。要落实责任。\n")
    assert result.title == "在全市安全生产工作会议上的讲话"
    assert [(f.kind, f.text) for f in result.front] == [("date", "（2023年3月2日）"), ("speaker", "张明")]
    assert result.salutation == "同志们："
    assert [p.text for p in result.opening] == ["今天，我们召开会议。", "下面，我讲两点意见。"]
    assert outline(result) == [("一、", "提高认识", 1), ("二、", "压实责任", 1)]
    assert (result.meta.date, result.meta.speaker) == ("2023-03-02", "张明")
    assert [r.note for r in result.repairs[:4]] == [
        "标题之后", "日期“（2023年3月2日）”之后", "讲话人之后", "称呼“同志们：”之后"]


def test_a_news_dateline_is_a_recorded_source_line_never_the_title() -> None:
    result = speech("新华社北京3月5日电在全国人民代表大会上的讲话（2023年3月5日）各位代表：现在，我代表国务院报告工作。\n")
    assert result.title == "在全国人民代表大会上的讲话"
    assert [(f.kind, f.text) for f in result.front] == [("date", "（2023年3月5日）")]
    assert result.salutation == "各位代表："
    assert (result.repairs[0].kind, result.repairs[0].removed) == ("dateline", "新华社北京3月5日电")
    assert result.meta.source == "新华社"


def test_a_leading_data_key_is_debris() -> None:
    result = speech("2015\t在全县经济工作会议上的讲话 县长 李明 同志们：今天开会。\n")
    assert result.title == "在全县经济工作会议上的讲话"
    assert (result.repairs[0].kind, result.repairs[0].removed) == ("data-key", "2015\t")
    assert [(f.kind, f.text) for f in result.front] == [("speaker", "县长 李明")]
    assert (result.meta.role, result.meta.speaker) == ("县长", "李明")


def test_report_head_with_dateline_speaker_and_salutation_on_one_line() -> None:
    result = speech("政府工作报告——2023年1月5日在某县第十八届人民代表大会第三次会议上县长李某各位代表：现在，"
                    "我代表县人民政府向大会报告工作。\n")
    assert result.title == "政府工作报告"
    assert [(f.kind, f.text) for f in result.front] == [
        ("date", "——2023年1月5日在某县第十八届人民代表大会第三次会议上"), ("speaker", "县长李某")]
    assert result.salutation == "各位代表："
    assert [p.text for p in result.opening] == ["现在，我代表县人民政府向大会报告工作。"]


def _joined_seed(prefix: str) -> Speech:
    """A seed with its lines joined with nothing (a scrape that lost every line break)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return speech("".join(lines) + "\n")


def test_a_heading_run_into_its_text_ends_where_the_documents_words_say() -> None:
    result = _joined_seed("001")  # 一、要正确把握维稳形势发展是硬道理，… with nothing between
    assert [s.heading for s in result.sections] == ["要正确把握维稳形势", "要治标治本有机结合", "要严格落实各自责任"]
    assert result.sections[0].paragraphs[0].text.startswith("发展是硬道理，稳定是硬任务。")
    guesses = [r for r in result.repairs if "按全文用词" in r.note]
    assert [(r.kind, r.result[:4]) for r in guesses] == [
        ("paragraph-split", "发展是硬"), ("paragraph-split", "社会治安"), ("paragraph-split", "维护安定")]
    assert guesses[0].note == "标题与正文相连：按全文用词在“形势｜发展”处分开（推测）"


def test_a_run_in_heading_takes_the_length_of_its_marked_siblings() -> None:
    result = _joined_seed("004")  # 一、 ends before 面对…， (marked); 二、 and 三、 are as long
    assert [s.heading for s in result.sections] == [
        "全面梳理总结，坚定抓好攻坚行动的信心和决心", "认真分析研判，始终清醒认识攻坚行动面临的新问题和新挑战",
        "凝聚思想共识，切实增强推进攻坚行动的整体合力和持久动力"]


def test_a_first_sentence_as_long_as_its_siblings_stays_the_whole_heading() -> None:
    result = _joined_seed("000")  # 二、…方向发展。 is a heading ending in 。 like its siblings' length
    assert result.sections[1].heading.startswith("以继续深入推进安全生产“四项攻坚”专项行动为主线，突出工作重点，")
    assert result.sections[1].heading.endswith("更可持续方向发展")
    assert not [r for r in result.repairs if "按全文用词" in r.note]


def test_headings_after_a_colon_open_a_run_and_an_enumeration_stays_text() -> None:
    items = ["（一）持续发挥协同发展效能。" + FILLER, "（二）全面强化科技创新支撑。" + FILLER,
             "（三）着力构建现代化产业体系。要做到：（一）加强领导；（二）压实责任；（三）强化保障。" + FILLER]
    result = speech("各位代表：今年是开局之年。重点抓好以下工作：" + "".join(items) + "\n")
    assert [p.text for p in result.opening] == ["今年是开局之年。重点抓好以下工作："]
    assert [(s.marker, s.heading) for s in result.all_sections()] == [
        ("（一）", "持续发挥协同发展效能"), ("（二）", "全面强化科技创新支撑"), ("（三）", "着力构建现代化产业体系")]
    assert "要做到：（一）加强领导；（二）压实责任；（三）强化保障。" in result.sections[2].paragraphs[0].text
