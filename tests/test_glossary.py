"""The glossary file (source_texts/glossary.yml): contents, validation, and matching in Chinese text."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import SOURCES, pinyin_imported_in_a_fresh_process
from hypothesis import given
from hypothesis import strategies as st

from speechsite.annotate import Mark, glossary_file
from speechsite.annotate.glossary import Glossary, load_glossary
from speechsite.annotate.taxonomy import load_taxonomy
from speechsite.annotate.terms import CATEGORIES, Term
from speechsite.errors import DataFileError
from speechsite.slugs import pinyin_slug, pinyin_words

GLOSSARY = SOURCES / "glossary.yml"

REQUIRED = [
    "一岗双责",
    "党政同责",
    "一票否决",
    "枫桥经验",
    "网格化管理",
    "“321”基层治理模式",
    "一委一庭三中心",
    "三网合一",
    "雪亮工程",
    "扫黑除恶专项斗争",
    "保护伞",
    "打伞破网",
    "打财断血",
    "一案三查",
    "民转刑",
    "盗抢骗",
    "黄赌毒",
    "稳评",
    "两率两度",
    "三线人员",
    "一村一代理",
    "一村一辅警",
    "三调联动",
    "初信初访",
    "非访",
    "越级访",
    "缠访闹访",
    "息诉罢访",
    "包案",
    "积案",
    "四不两直",
    "双随机",
    "打非治违",
    "五级五覆盖",
    "五落实五到位",
    "三个必须",
    "两客一危一货",
    "一盔一带",
    "六个一",
    "两卡",
    "两拖欠",
    "四风",
    "三资",
    "四个意识",
    "总体国家安全观",
    "人防、物防、技防",
    "控增量、减存量、防变量",
]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def corpus_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))


def _term(glossary: Glossary, name: str) -> Term:
    return next(t for t in glossary.terms if name == t.term or name in t.variants)


def test_at_least_80_terms_each_with_definition_and_known_category(glossary: Glossary) -> None:
    assert len(glossary) >= 80
    for term in glossary.terms:
        assert term.definition and term.category in CATEGORIES, term.term
        assert 1 <= len(re.findall(r"[。！？]", term.definition)) <= 3, term.term


def test_required_terms_are_present_as_term_or_variant(glossary: Glossary) -> None:
    names = {name for t in glossary.terms for name in (t.term, *t.variants)}
    assert [name for name in REQUIRED if name not in names] == []
    assert _term(glossary, "稳评").term == "社会稳定风险评估"
    assert "新时代枫桥经验" in _term(glossary, "枫桥经验").variants


def test_every_term_occurs_in_the_sources_or_is_marked_external(
    glossary: Glossary, corpus_text: str
) -> None:
    missing = [
        t.term
        for t in glossary.terms
        if not t.external and not any(f in corpus_text for f in t.forms)
    ]
    assert missing == []
    external = [t.term for t in glossary.terms if t.external]
    assert all(not any(f in corpus_text for f in _term(glossary, name).forms) for name in external)


def test_numbered_formulas_have_their_expansion(glossary: Glossary) -> None:
    for name in (
        "五级五覆盖",
        "三个必须",
        "五落实五到位",
        "六个一",
        "两客一危一货",
        "控增量、减存量、防变量",
    ):
        assert _term(glossary, name).expansion, name
    assert _term(glossary, "六个一").expansion.count("一月一") == 6
    assert _term(glossary, "三个必须").expansion.count("必须管安全") == 3


def test_slugs_are_readable_ascii_pinyin_stable_and_unique(glossary: Glossary) -> None:
    assert _term(glossary, "一岗双责").slug == "yi-gang-shuang-ze"
    assert _term(glossary, "“321”基层治理模式").slug == "321-ji-ceng-zhi-li-mo-shi"
    assert _term(glossary, "人防、物防、技防").slug == "ren-fang-wu-fang-ji-fang"
    assert _term(glossary, "重访").slug == "chong-fang"  # explicit override of a polyphone
    slugs = [t.slug for t in glossary.terms]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert pinyin_slug("两客一危一货") == "liang-ke-yi-wei-yi-huo"


def test_related_terms_are_resolved_to_existing_slugs(glossary: Glossary) -> None:
    term = _term(glossary, "一岗双责")
    assert "dang-zheng-tong-ze" in term.related
    for t in glossary.terms:
        assert all(slug in glossary and slug != t.slug for slug in t.related), t.term


def test_topics_are_slugs_of_the_taxonomy(glossary: Glossary) -> None:
    taxonomy = load_taxonomy(SOURCES / "taxonomy.yml")
    slugs = {topic.slug for topic in taxonomy.topics}
    load_glossary(GLOSSARY, known_topics=slugs)  # raises on an unknown topic
    assert "saohei-chue" in _term(glossary, "打伞破网").topics


def test_get_returns_the_term_and_names_an_unknown_slug(glossary: Glossary) -> None:
    assert glossary.get("yi-gang-shuang-ze").term == "一岗双责"
    with pytest.raises(KeyError, match="unknown glossary term “nope”"):
        glossary.get("nope")


def test_no_file_means_an_empty_glossary() -> None:
    assert load_glossary(None).terms == ()
    assert load_glossary(None).match("一岗双责") == []


# ── matching ──────────────────────────────────────────────────────────────────


def _found(glossary: Glossary, text: str) -> list[str]:
    return [text[m.start : m.end] for m in glossary.match(text)]


def test_matches_inside_a_chinese_sentence_without_word_boundaries(glossary: Glossary) -> None:
    text = "要紧盯“两客一危一货”“农村客运”等领域常态化执法检查"
    assert glossary.match(text) == [Mark(4, 10, "term", "liang-ke-yi-wei-yi-huo")]
    assert _found(glossary, "履行好“一岗双责”。") == ["一岗双责"]


def test_longest_term_wins_across_the_glossary() -> None:
    small = Glossary(
        (Term("da-san", "打伞"), Term("da-san-po-wang", "打伞破网"), Term("po-wang", "破网"))
    )
    assert [(m.key, m.start, m.end) for m in small.match("深入抓好“打伞破网”和打伞")] == [
        ("da-san-po-wang", 5, 9),
        ("da-san", 11, 13),
    ]


def test_overlapping_variants_of_one_term_count_once(glossary: Glossary) -> None:
    text = "大力开展扫黑除恶专项斗争“回头看”，推进扫黑除恶常态化"
    assert _found(glossary, text) == ["扫黑除恶专项斗争", "回头看", "扫黑除恶"]
    assert _found(glossary, "不得引发非访、集访，非正常上访") == ["非访", "集访", "非正常上访"]


def test_quoted_spellings_match_with_and_without_quotes(glossary: Glossary) -> None:
    assert _found(glossary, "坚持和发展新时代“枫桥经验”") == ["新时代“枫桥经验”"]
    assert _found(glossary, "推行321基层治理模式") == ["321基层治理模式"]
    assert _found(glossary, "深入推行“321”基层治理模式") == ["“321”基层治理模式"]


def test_false_friends_are_not_matched(glossary: Glossary) -> None:
    # 维稳办发〔2022〕 is a document number, not the office.
    text = "要严格按照县维稳办《通知》（*维稳办发〔2022〕*号）要求"
    assert [(m.start, m.key) for m in glossary.match(text)] == [(6, "wei-wen-ban")]
    assert _found(glossary, "把材料打包案件卷宗，包案领导签字") == ["包案"]


def test_marks_are_terms_keyed_by_slug_in_text_order(glossary: Glossary, corpus_text: str) -> None:
    for line in corpus_text.splitlines():
        marks = glossary.match(line)
        assert all(m.kind == "term" and m.key in glossary for m in marks)
        assert all(a.end <= b.start for a, b in zip(marks, marks[1:], strict=False))


# ── validation: file:line — what — how to fix ──────────────────────────────────


def _load(tmp_path: Path, body: str, **kwargs: object) -> Glossary:
    path = tmp_path / "glossary.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return load_glossary(path, **kwargs)  # type: ignore[arg-type]


GOOD = """\
terms:
  - term: 一岗双责
    category: 数字概括
    definition: 一个岗位两种责任。
  - term: 党政同责
    category: 机制模式
    definition: 党委政府同担责任。
"""


def _error(tmp_path: Path, body: str, **kwargs: object) -> str:
    with pytest.raises(DataFileError) as caught:
        _load(tmp_path, body, **kwargs)
    # messages name the file as given: here the absolute path of the temporary copy
    return str(caught.value).replace(str(tmp_path / "glossary.yml"), "glossary.yml")


def test_a_valid_small_file_loads(tmp_path: Path) -> None:
    assert [t.slug for t in _load(tmp_path, GOOD).terms] == [
        "yi-gang-shuang-ze",
        "dang-zheng-tong-ze",
    ]


def test_missing_required_field_names_the_line(tmp_path: Path) -> None:
    body = GOOD.replace("    definition: 党委政府同担责任。\n", "")
    assert (
        _error(tmp_path, body)
        == "glossary.yml:5: a glossary term has no `definition` — add `definition: …`"
    )


def test_unknown_category_lists_the_known_ones(tmp_path: Path) -> None:
    body = GOOD.replace("category: 机制模式", "category: 机制")
    assert _error(tmp_path, body) == (
        "glossary.yml:6: unknown category “机制” in term “党政同责” — use one of: "
        "数字概括、机制模式、专项行动、信访、安全生产、法规文件、机构职务、口号提法"
    )


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    body = GOOD.replace("    category: 机制模式\n", "    category: 机制模式\n    varients: [x]\n")
    assert _error(tmp_path, body).startswith(
        "glossary.yml:7: unknown key “varients” in a glossary term — "
    )


def test_duplicate_term_or_variant_across_entries(tmp_path: Path) -> None:
    body = GOOD.replace(
        "    category: 机制模式\n", "    category: 机制模式\n    variants: [“一岗双责”]\n"
    )
    assert _error(tmp_path, body) == (
        "glossary.yml:5: “一岗双责” of term “党政同责” is already listed in term “一岗双责” (line 2)"
        " — a spelling may belong to one term only: keep it in one place"
    )


def test_related_term_that_does_not_exist(tmp_path: Path) -> None:
    body = GOOD.replace(
        "    category: 机制模式\n", "    category: 机制模式\n    related: [一岗双责, 一票否决]\n"
    )
    assert _error(tmp_path, body) == (
        "glossary.yml:7: related term “一票否决” of term “党政同责” is not in the glossary"
        " — add it as a term, or correct the spelling"
    )


def test_unknown_topic_only_when_a_taxonomy_is_loaded(tmp_path: Path) -> None:
    body = GOOD.replace(
        "    category: 机制模式\n", "    category: 机制模式\n    topics: [nowhere]\n"
    )
    assert _load(tmp_path, body).terms[1].topics == ("nowhere",)
    assert _error(tmp_path, body, known_topics={"zeren-zhuize"}) == (
        "glossary.yml:7: topic “nowhere” of term “党政同责” is not in the taxonomy"
        " — use a topic slug from source_texts/taxonomy.yml"
    )


def test_false_friend_must_contain_the_term(tmp_path: Path) -> None:
    body = GOOD.replace(
        "    category: 机制模式\n", "    category: 机制模式\n    not_in: [同责任]\n"
    )
    assert _error(tmp_path, body).startswith(
        "glossary.yml:7: false friend “同责任” of term “党政同责” does not contain the term or a variant — "
    )


def test_duplicate_slug_asks_for_an_explicit_one(tmp_path: Path) -> None:
    body = (
        GOOD
        + "  - term: 一票否决\n    slug: dang-zheng-tong-ze\n    category: 机制模式\n    definition: 否决。\n"
    )
    assert _error(tmp_path, body) == (
        "glossary.yml:8: term “一票否决” has the slug “dang-zheng-tong-ze” of term “党政同责” (line 5)"
        " — give one of them its own `slug:`"
    )


def test_term_without_pinyin_asks_for_a_slug(tmp_path: Path) -> None:
    """A term of punctuation or Latin letters only has an empty pinyin slug: not a collision."""
    for name in ("“……”", "——"):
        body = GOOD + f"  - term: {name}\n    category: 机制模式\n    definition: 无。\n"
        assert _error(tmp_path, body) == (
            f"glossary.yml:8: term “{name}” has no pinyin to make its page address from — add a "
            "`slug:` of lowercase ASCII words joined by hyphens, e.g. `slug: yi-gang-shuang-ze`"
        )


def test_terms_without_a_slug_get_their_pinyin_without_pypinyin_in_the_build(tmp_path: Path) -> None:
    """A user's glossary seldom gives `slug:`; the pinyin of each name made here would load
    pypinyin's dictionaries (≈ 58 MB) into the build process and its forked writer."""
    path = tmp_path / "glossary.yml"
    path.write_text(re.sub(r"(?m)^ *slug: .*\n", "", GLOSSARY.read_text(encoding="utf-8")), encoding="utf-8")
    statements = f"from speechsite.annotate.glossary import load_glossary; g = load_glossary(Path({str(path)!r}))"
    imported, slugs = pinyin_imported_in_a_fresh_process(statements, "[t.slug for t in g.terms]")
    assert not imported
    assert len(slugs) >= 80 and "yi-gang-shuang-ze" in slugs and "zhong-fang" in slugs  # 重访 without its override
    assert slugs == [pinyin_slug(term.term) for term in load_glossary(path).terms]


def test_terms_without_a_slug_share_one_pinyin_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []
    monkeypatch.setattr(glossary_file, "pinyin_of_all", lambda names: asked.append(list(names)) or [
        pinyin_words(name) for name in names])
    body = GOOD + "  - term: 一票否决\n    slug: yi-piao-fou-jue\n    category: 机制模式\n    definition: 否决。\n"
    assert [t.slug for t in _load(tmp_path, body).terms] == ["yi-gang-shuang-ze", "dang-zheng-tong-ze", "yi-piao-fou-jue"]
    assert asked == [["一岗双责", "党政同责"]]


@pytest.mark.parametrize(("tail", "message"), [
    ('  - term: "\\ud800一岗"\n', "glossary.yml:8: the text holds a lone surrogate (\\ud800), which is "
     "not a character — write the character itself, or an astral character as one `\\U0001F600` "
     "escape, not as a pair of `\\u` escapes"),
    ("  - term: 一票否决\n    variants: " + "[" * 30 + "]" * 30 + "\n", "glossary.yml:9: nested "
     "deeper than 16 levels — write flat `key: value` lines; a value needs at most a list or a "
     "mapping inside"),
    ("  - term: 一票否决\n    variants: " + "[" * 3000 + "]" * 3000 + "\n", "glossary.yml:9: nested "
     "deeper than 16 levels — write flat `key: value` lines; a value needs at most a list or a "
     "mapping inside"),
])
def test_yaml_that_no_page_can_hold_names_its_line(tmp_path: Path, tail: str, message: str) -> None:
    assert _error(tmp_path, GOOD + tail) == message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    assert _error(tmp_path, GOOD + "  - term: [unclosed\n").startswith("glossary.yml:")


def test_external_must_be_true_or_false(tmp_path: Path) -> None:
    body = GOOD.replace("    category: 机制模式\n", "    category: 机制模式\n    external: 是\n")
    assert _error(tmp_path, body) == (
        "glossary.yml:7: `external` of term “党政同责” must be true or false — write `external: true`"
    )


def test_the_build_checks_glossary_topics_against_the_taxonomy(tmp_path: Path) -> None:
    from speechsite.pipeline import Options, build

    body = GOOD.replace(
        "    category: 机制模式\n", "    category: 机制模式\n    topics: [nowhere]\n"
    )
    path = tmp_path / "glossary.yml"
    path.write_text(body, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "one.txt").write_text("同志们：\n要落实党政同责。\n谢谢大家！\n", encoding="utf-8")
    checked = build(Options(sources, SOURCES / "taxonomy.yml", path))
    problems = [str(d) for d in checked.corpus.diagnostics if d.level == "warning"]
    assert len(problems) == 1 and re.search(r"/glossary\.yml:7: topic “nowhere” of term “党政同责”", problems[0])
    assert problems[0].endswith("; until then the site is built without glossary terms")
    assert checked.glossary.terms == ()
    assert build(Options(sources, None, path)).glossary.get("dang-zheng-tong-ze").topics == (
        "nowhere",
    )


NESTED = Glossary(
    (
        Term("da-san", "打伞"),
        Term("da-san-po-wang", "打伞破网"),
        Term("po-wang", "破网"),
        Term("liang-ke", "两客一危一货", variants=("两客一危",)),
        Term("yi-wei", "一危"),
        Term("bao-an", "包案", not_in=("打包案件",)),
    )
)
PIECES = [
    "打伞",
    "打伞破网",
    "破网",
    "两客一危一货",
    "两客一危",
    "一危",
    "包案",
    "打包案件",
    "，",
    "的",
    "“",
    "”",
]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_matches_are_leftmost_longest_non_overlapping_and_complete(pieces: list[str]) -> None:
    text = "".join(pieces)
    marks = NESTED.match(text)
    forms = {term.slug: term.forms for term in NESTED.terms}
    all_forms = [form for term in NESTED.terms for form in term.forms]
    for mark in marks:
        assert text[mark.start : mark.end] in forms[mark.key]
        # longest at its place: no longer form starts here
        assert not any(
            text.startswith(f, mark.start) and len(f) > mark.end - mark.start for f in all_forms
        )
    assert all(a.end <= b.start for a, b in zip(marks, marks[1:], strict=False))
    # complete: every occurrence of a form overlaps a mark, unless a false friend covers it
    vetoed = [(i, i + 4) for i in range(len(text)) if text.startswith("打包案件", i)]
    for form in all_forms:
        for i in range(len(text)):
            if text.startswith(form, i):
                end = i + len(form)
                covered = any(m.start < end and i < m.end for m in marks)
                excused = form == "包案" and any(s < end and i < e for s, e in vetoed)
                assert covered or excused, (text, form, i)


@pytest.mark.parametrize(
    "sentence, form",
    [  # contexts from the government work reports in ../shared/corpora
        ("新增“两院”院士3人，新当选两院院士数居全国前列", "两院"),
        ("地表水国考断面优良水体比例达到90%", "国考"),
        ("实施“六个一批”推进计划", "六个一"),
        ("推动工业“稳控转”，稳住基本盘", "稳控"),
        ("优化“包抓联”服务机制", "包抓"),
    ],
)
def test_false_friends_found_in_real_reports(glossary: Glossary, sentence: str, form: str) -> None:
    assert form in sentence
    assert _found(glossary, sentence) == []


def test_the_same_words_still_count_where_they_are_the_term(glossary: Glossary) -> None:
    assert _found(glossary, "对市“两院”、市公安局的通告") == ["两院"]
    assert _found(glossary, "全力配合做好“国考”迎检工作") == ["国考"]
    assert _found(glossary, "实行“六个一”工作机制") == ["六个一"]


def test_every_shipped_term_pins_its_slug_to_its_pinyin() -> None:
    """Term pages are cited by address: the glossary file pins each slug (so a new version of
    the pinyin library cannot move a page), and the pins are the pinyin (or a corrected reading)."""
    import re

    from conftest import SOURCES

    from speechsite.annotate.glossary import load_glossary
    from speechsite.slugs import pinyin_slug

    text = (SOURCES / "glossary.yml").read_text(encoding="utf-8")
    assert len(re.findall(r"^    slug: ", text, re.M)) == len(re.findall(r"^  - term: ", text, re.M))
    from speechsite.annotate.terms import CATEGORIES, CATEGORY_SLUGS

    assert {category: pinyin_slug(category) for category in CATEGORIES} == CATEGORY_SLUGS
    corrected = {"重访": "chong-fang"}
    for term in load_glossary(SOURCES / "glossary.yml").terms:
        assert term.slug == corrected.get(term.term, pinyin_slug(term.term)), term.term
