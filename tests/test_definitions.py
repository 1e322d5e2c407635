"""Definitions the speeches give themselves: 非访:非正常上访是指…, “六个一”（…）, run-in glosses."""

from __future__ import annotations

import pytest
from conftest import SOURCES

from speechsite.annotate import units_of
from speechsite.annotate.definitions import CorpusDefinition, corpus_definitions, find_definitions
from speechsite.annotate.glossary import Glossary, load_glossary
from speechsite.annotate.terms import Term
from speechsite.pipeline import Options, build


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(SOURCES / "glossary.yml")


@pytest.fixture(scope="module")
def found_in_corpus() -> dict[str, list[CorpusDefinition]]:
    result = build(Options(SOURCES, SOURCES / "taxonomy.yml", SOURCES / "glossary.yml"))
    groups: dict[str, list[CorpusDefinition]] = {}
    for definition in corpus_definitions(result.corpus, result.annotations):
        groups.setdefault(definition.key, []).append(definition)
    return groups


def _quotes(glossary: Glossary, text: str) -> list[tuple[str, str, str]]:
    return [
        (glossary.get(f.key).term, f.kind, text[f.start : f.end])
        for f in find_definitions(text, glossary.match(text))
    ]


SMALL = Glossary(
    (
        Term("fei-fang", "非访", variants=("非正常上访",)),
        Term("san-ge-bi-xu", "三个必须"),
        Term("liu-ge-yi", "六个一"),
        Term("wu-ji-wu-fu-gai", "五级五覆盖"),
        Term("wen-ping", "稳评"),
        Term("liang-yuan", "两院"),
    )
)


def test_x_shi_zhi_sentence() -> None:
    text = "大家要清楚。非正常上访是指不按规定程序上访的行为。下面讲第二点。"
    assert _quotes(SMALL, text) == [("非访", "defines", "非正常上访是指不按规定程序上访的行为。")]


def test_apposition_with_ji_and_quotes() -> None:
    text = "开展“稳评”，即社会稳定风险评估，是前置程序。再如稳评即可。"
    assert _quotes(SMALL, text)[0] == (
        "稳评",
        "apposition",
        "“稳评”，即社会稳定风险评估，是前置程序。",
    )


def test_expansion_in_brackets() -> None:
    text = "实行“六个一”（一月一排查、一月一汇总、一月一调度、一月一通报、一月一交办、一月一督办）工作机制"
    assert _quotes(SMALL, text) == [
        ("六个一", "brackets", text[2 : text.index("）") + 1]),
    ]


def test_brackets_without_an_enumeration_are_not_a_definition() -> None:
    assert _quotes(SMALL, "落实“六个一”（试行）要求") == []


def test_colon_gloss_at_the_start_of_a_clause() -> None:
    text = "应急救援到位。非访:非正常上访是指信访人不按程序上访的行为。同志们"
    assert _quotes(SMALL, text) == [
        ("非访", "colon", "非访:非正常上访是指信访人不按程序上访的行为。")
    ]


def test_run_in_heading_reaches_to_the_next_gloss() -> None:
    text = "落实五级五覆盖。“五级五覆盖。在五级做到五个全覆盖。非访:非正常上访是指过激上访。"
    assert _quotes(SMALL, text) == [
        ("五级五覆盖", "run-in", "“五级五覆盖。在五级做到五个全覆盖。"),
        ("非访", "colon", "非访:非正常上访是指过激上访。"),
    ]


def test_numbered_formula_followed_by_as_many_items_as_its_number() -> None:
    text = "“三个必须管行业必须管安全、管业务必须管安全、管生产经营必须管安全全覆盖;其他"
    assert _quotes(SMALL, text) == [("三个必须", "items", text[: text.index(";")])]
    assert _quotes(SMALL, "落实三个必须管行业、管业务") == []  # two items for 三: not an expansion


def test_a_term_that_is_itself_an_item_or_has_a_property_is_not_expanded() -> None:
    assert _quotes(SMALL, "对市“两院”、市公安局、市司法局的通告进行宣传") == []
    assert _quotes(SMALL, "发挥“两院”的审判员、检察员作用") == []


def test_the_corpus_defines_fei_fang(found_in_corpus: dict[str, list[CorpusDefinition]]) -> None:
    [found] = found_in_corpus["fei-fang"]
    assert found.speech == "2023-zong-zhi-an-quan-gong-zuo-hui-yi"
    assert found.text.startswith("非访:非正常上访是指信访人不到指定的场所")
    assert found.text.endswith("妨害国家安全和公共安全等的行为。")
    assert found.text[found.term_start : found.term_end] == "非访"


def test_the_corpus_expands_its_numbered_formulas(
    found_in_corpus: dict[str, list[CorpusDefinition]],
) -> None:
    [wu_ji] = found_in_corpus["wu-ji-wu-fu-gai"]
    assert wu_ji.text.startswith("“五级五覆盖。在省、市州、县市、区、乡镇街道、行政村社区五级")
    assert wu_ji.text.endswith("报送安全生产情况全覆盖。")
    [wu_luo_shi] = found_in_corpus["wu-luo-shi-wu-dao-wei"]
    assert wu_luo_shi.text.startswith("五落实五到位。“五落实即明确企业董事长")
    assert wu_luo_shi.text.endswith("安全管理到位、应急救援到位。")
    [san_ge] = found_in_corpus["san-ge-bi-xu"]
    assert san_ge.text == "“三个必须管行业必须管安全、管业务必须管安全、管生产经营必须管安全全覆盖"
    [liu_ge_yi] = found_in_corpus["liu-ge-yi"]
    assert liu_ge_yi.speech == "quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo-gong"
    assert (
        liu_ge_yi.text
        == "“六个一”（一月一排查、一月一汇总、一月一调度、一月一通报、一月一交办、一月一督办）"
    )


def test_no_other_definitions_are_claimed_in_the_seeds(
    found_in_corpus: dict[str, list[CorpusDefinition]],
) -> None:
    assert sorted(found_in_corpus) == [
        "fei-fang",
        "liu-ge-yi",
        "san-ge-bi-xu",
        "wu-ji-wu-fu-gai",
        "wu-luo-shi-wu-dao-wei",
    ]


def test_quotations_are_verbatim_unit_text(
    found_in_corpus: dict[str, list[CorpusDefinition]],
) -> None:
    result = build(Options(SOURCES, None, SOURCES / "glossary.yml"))
    texts = {
        (speech.slug, unit): text
        for speech in result.corpus.speeches
        for unit, text in units_of(speech)
    }
    for definitions in found_in_corpus.values():
        for found in definitions:
            assert found.text in texts[(found.speech, found.unit)]


def test_ji_as_part_of_a_word_is_not_an_apposition() -> None:
    assert _quotes(SMALL, "稳评即将全面完成。") == []
