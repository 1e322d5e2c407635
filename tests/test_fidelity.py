"""The fidelity property: output characters + recorded repairs give back the source text.

Checked on generated texts mixing headings, page numbers, quotes, chrome and punctuation;
the seeds and the corpora are checked in test_parse_seeds.py and test_corpora.py.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechsite.errors import SourceError
from speechsite.model import Paragraph, Repair
from speechsite.parse import parse
from speechsite.read import normalise, source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check, restore, squeeze

CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质难"
PUNCTUATION = "，。、；：？！,.;:?!…—“”‘’《》（）()【】「」*X0123456789 "
MARKERS = ["一、", "二、", "三、", "（一）", "（二）", "(三)", "1.", "2、", "３、", "一是", "二是",
           "一要", "二要", "首先，", "其次，", "第一章 ", "第二条 ", "①", "四、"]
FRONT = ["同志们：", "各位代表：", "同志们!", "谢谢大家！", "总之，", "同志们，", "——2013年2月28日在全县会议上",
         "县长 张三", "政 府 工 作 报 告", "下载", "打印", "【字号：", "】", "来源：某报", "相关报道：",
         "# ", "<!-- INFO END -->", "本作品是", "Public domain", "[", "]", "（", "- 3 -",
         "<br>", "<br/><br>", "　　", "   ", "新华社北京3月5日电", "2015\t", "本报讯（记者 张三）",
         "在全县会议上的讲话（2023年3月2日）张明同志们：", "今天，", "下面，", "一是", "第一，", "总之，", "。"]

text_run = st.text(alphabet=CJK + PUNCTUATION, min_size=1, max_size=60)
line = st.one_of(
    text_run,
    st.tuples(st.sampled_from(MARKERS), text_run).map("".join),
    st.tuples(st.sampled_from(MARKERS), text_run, st.sampled_from("。！"), text_run).map("".join),
    st.tuples(st.integers(1, 12), st.sampled_from("、.．"), text_run).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.sampled_from(FRONT),
    st.tuples(st.sampled_from(FRONT), text_run).map("".join),
    st.just(""),
    st.just("　　"),
)
separator = st.sampled_from(["\n", "\n", "\n\n", "\r\n", " ", "\u200b\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, min_size=1, max_size=40))
    pieces = []
    for text in lines:
        pieces.append(text)
        pieces.append(draw(separator))
    if draw(st.booleans()):
        pieces.append(f" {draw(st.integers(1, 9))}")
    return "".join(pieces)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_output_plus_repairs_give_back_the_source(text: str) -> None:
    if not normalise(text).strip():
        return
    speech = parse(repair(source_from_text(text)))
    assert check(speech) == []
    assert restore(speech) == squeeze(speech.body)
    assert squeeze(speech.body) == squeeze(normalise(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["一、", "（一）", "1.", "一是"]), text_run), max_size=12))
def test_headings_keep_marker_heading_and_terminator(rows: list[tuple[str, str]]) -> None:
    text = "同志们：\n" + "\n".join(marker + body for marker, body in rows) + "\n"
    speech = parse(repair(source_from_text(text)))
    assert check(speech) == []
    for section in speech.all_sections():
        assert squeeze(section.full_heading) in squeeze(speech.body)


def _seed_like():  # type: ignore[no-untyped-def]
    return parse(repair(source_from_text(
        "在某会议上的讲话\n同志们：\n开场。\n一、提高认识。要认识到位。\n二、压实责任\n落实。\n")))


def test_check_reports_a_lost_character() -> None:
    speech = _seed_like()
    first = speech.sections[0].paragraphs[0]
    shortened = replace(first, text=first.text[:-1])
    broken = replace(speech, sections=(
        replace(speech.sections[0], paragraphs=(shortened,)), *speech.sections[1:]))
    assert check(broken) == [
        "output differs from the source at character 27: source has “提高认识。要认识到位。二、压实责任落实。”, "
        "output has “提高认识。要认识到位二、压实责任落实。”"
    ]


def test_check_reports_an_invented_character() -> None:
    speech = _seed_like()
    extra = Paragraph("p-x", "结语¶1", 99, "多出来的话", 9)
    problems = check(replace(speech, closing=(*speech.closing, extra)))
    assert problems and problems[0].startswith("output differs from the source at character")


def test_check_reports_a_repair_that_does_not_match_the_body() -> None:
    speech = _seed_like()
    bogus = Repair("page-number", 1, 0, "XX", "")
    assert check(replace(speech, repairs=(bogus,))) == [
        "repair page-number at line 1 says it removed 'XX', but the body has '在某' there"
    ]


def test_restore_puts_removed_text_back_in_place() -> None:
    speech = parse(repair(source_from_text("1、同志们：今天开会，看好自己\n2、的门。谢谢大家！\n3、完。 3\n")))
    assert restore(speech) == squeeze(speech.body)
    assert restore(speech).startswith("1、同志们")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_parses_or_fails_with_a_source_error(text: str) -> None:
    try:
        speech = parse(repair(source_from_text(text)))
    except SourceError as error:
        assert error.diagnostic.file == "speech.txt"
        return
    assert check(speech) == []


short_words = st.text(alphabet=CJK, min_size=1, max_size=12)
NESTED = ["一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "（2）", "一是", "二是", "第一，", "第二，",
          "首先，", "其次，", "治标方面", "第一章 ", "注释"]


LADDER = ["一、", "（一）", "1.", "（1）", "①"]
rung = st.one_of(st.integers(0, len(LADDER) - 1).map(LADDER.__getitem__), st.sampled_from(NESTED))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(rung, short_words, st.sampled_from(["", "。", "！"]),
                          st.sampled_from(["", "正文。", "正文，还有“引号”。"])), min_size=1, max_size=25))
def test_nested_headings_with_bodies_lose_nothing(rows: list[tuple[str, str, str, str]]) -> None:
    text = "同志们：\n" + "\n".join("".join(row) for row in rows) + "\n谢谢大家！\n"
    speech = parse(repair(source_from_text(text)))
    assert check(speech) == []
    assert all(section.level <= 3 for section in speech.all_sections())
