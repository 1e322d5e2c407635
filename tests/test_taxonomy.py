"""The taxonomy file (validation with file:line messages) and keyword matching (precision rules)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEEDS, SOURCES
from hypothesis import given
from hypothesis import strategies as st

from speechsite.annotate.matcher import PhraseMatcher, trie_pattern
from speechsite.annotate.taxonomy import Taxonomy, Topic, load_taxonomy
from speechsite.errors import DataFileError

TAXONOMY = SOURCES / "taxonomy.yml"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(TAXONOMY)


def evidence(taxonomy: Taxonomy, text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mark in taxonomy.match(text):
        found.setdefault(mark.key, []).append(text[mark.start : mark.end])
    return found


# --- the shipped taxonomy -------------------------------------------------------------------


REQUIRED = {
    "saohei-chue": "扫黑除恶",
    "fang-nishui": "防溺水",
    "fan-dianzha": "反电诈",
    "xinfang-weiwen": "信访维稳",
    "anquan-shengchan": "安全生产",
    "jindu": "禁毒",
    "daolu-jiaotong": "道路交通安全",
    "xiaofang-anquan": "消防安全",
    "ping-an-jianshe": "平安建设（综治）",
    "jiceng-zhili": "基层社会治理",
    "wending-fengxian-pinggu": "社会稳定风险评估",
    "guojia-anquan": "国家安全",
    "yiqing-fangkong": "疫情防控",
    "maodun-jiufen": "矛盾纠纷排查化解",
    "zeren-zhuize": "责任落实与追责问责",
    "fazhi-xuanchuan": "法治宣传教育",
}


def test_required_topics_have_names_descriptions_and_keywords(taxonomy: Taxonomy) -> None:
    for slug, name in REQUIRED.items():
        topic = taxonomy.get(slug)
        assert topic.name == name
        assert len(topic.description) >= 20, slug
        assert topic.keywords, slug


def test_six_tasks_hierarchy_from_speech_004(taxonomy: Taxonomy) -> None:
    six = taxonomy.get("shehui-zhili-liuxiang")
    assert six.name == "社会治理六项重点工作"
    assert [t.slug for t in taxonomy.children(six.slug)] == [
        "anquan-shengchan",
        "daolu-jiaotong",
        "fang-nishui",
        "xinfang-weiwen",
        "jindu",
        "fan-dianzha",
    ]
    assert taxonomy.parent_of("fang-nishui") == six
    assert taxonomy.parent_of("saohei-chue") is None
    assert taxonomy.ancestors("fang-nishui") == (six,)
    walked = [(topic.slug, depth) for topic, depth in taxonomy.walk()]
    assert walked[:2] == [("shehui-zhili-liuxiang", 0), ("anquan-shengchan", 1)]
    assert len(walked) == len(taxonomy)


def test_get_unknown_topic_names_it(taxonomy: Taxonomy) -> None:
    with pytest.raises(KeyError, match="unknown topic “nope”"):
        taxonomy.get("nope")
    assert "nope" not in taxonomy and "jindu" in taxonomy


# --- precision rules ------------------------------------------------------------------------


def test_generic_prevention_words_are_not_drowning(taxonomy: Taxonomy) -> None:
    for text in ("着力强化风险防范", "织密防控网络", "人防、物防、技防建设", "安全防控“全覆盖”"):
        assert "fang-nishui" not in evidence(taxonomy, text), text
    assert evidence(taxonomy, "充分发挥防学生溺水“人防+物防+技防”")["fang-nishui"] == ["防学生溺水"]


def test_general_crime_is_not_telecom_fraud(taxonomy: Taxonomy) -> None:
    found = evidence(taxonomy, "严厉打击涉枪涉爆、“盗抢骗”“黄赌毒”等突出违法犯罪")
    assert "fan-dianzha" not in found and "jindu" not in found
    assert found["zhian-fangkong"] == ["涉枪涉爆", "盗抢骗", "黄赌毒"]
    assert evidence(taxonomy, "依法对非法集资、网络诈骗等经济犯罪进行专项打击")["fan-dianzha"] == [
        "网络诈骗"
    ]


def test_one_phrase_names_three_topics(taxonomy: Taxonomy) -> None:
    found = evidence(taxonomy, "安全生产和信访维稳禁毒反电诈两个工作专班")
    assert found == {
        "anquan-shengchan": ["安全生产"],
        "xinfang-weiwen": ["信访维稳"],
        "jindu": ["禁毒"],
        "fan-dianzha": ["反电诈"],
    }


def test_longest_keyword_wins(taxonomy: Taxonomy) -> None:
    found = evidence(taxonomy, "召开全县社会治理六项重点工作攻坚行动总结调度会议")
    assert found == {"shehui-zhili-liuxiang": ["社会治理六项重点工作"]}
    assert evidence(taxonomy, "破获电信网络诈骗案件") == {"fan-dianzha": ["电信网络诈骗"]}


def test_exclusion_vetoes_overlapping_match(taxonomy: Taxonomy) -> None:
    assert "daolu-jiaotong" not in evidence(taxonomy, "确保水上交通安全。")
    assert evidence(taxonomy, "确保水上交通安全和道路交通安全")["daolu-jiaotong"] == ["道路交通"]
    assert "guojia-anquan" not in evidence(taxonomy, "妨害国家安全和公共安全等的行为")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("纵深推进京津冀协同发展", "xinfang-weiwen"),  # 推进 + 京津冀, not 进京 petitions
        ("亲自协调解决问题", "maodun-jiufen"),  # 协调 + 解决, not 调解
        ("稳定以家庭联产承包为主的责任制", "zeren-zhuize"),  # an economic system
        ("推行项目法人责任制", "zeren-zhuize"),
        ("人民群众获得感、幸福感、安全感持续增强", "ping-an-jianshe"),  # a general slogan
        ("新建和改造农村公路38万公里", "daolu-jiaotong"),  # road building
        ("综合治理水土流失面积", "ping-an-jianshe"),
        ("世纪疫情影响深远", "yiqing-fangkong"),
        ("筑牢金融风险“防火墙”", "xiaofang-anquan"),
        ("及时通报新冠病毒情况", "jindu"),
        ("公共场所严禁吸烟", "jindu"),
        ("规范公安办案中心建设", "anquan-shengchan"),
        ("加强公安监管场所管理", "anquan-shengchan"),
    ],
)
def test_look_alike_contexts_do_not_count(taxonomy: Taxonomy, text: str, slug: str) -> None:
    assert slug not in evidence(taxonomy, text)


def test_a_shared_keyword_evidences_both_topics(taxonomy: Taxonomy) -> None:
    found = evidence(taxonomy, "更加有力有效地落实综治、安全生产责任制")
    assert found["anquan-shengchan"] == found["zeren-zhuize"] == ["安全生产责任制"]
    assert found["ping-an-jianshe"] == ["综治"]
    assert evidence(taxonomy, "群众进京非正常上访")["xinfang-weiwen"] == ["进京", "上访"]


def test_marks_index_the_text(taxonomy: Taxonomy) -> None:
    text = "要推进扫黑除恶常态化"
    (mark,) = taxonomy.match(text)
    assert (mark.start, mark.end, mark.kind, mark.key) == (3, 7, "topic", "saohei-chue")


def test_empty_taxonomy_matches_nothing() -> None:
    assert Taxonomy().match("扫黑除恶") == []
    assert load_taxonomy(None).match("扫黑除恶") == []


def test_seed_lines_carry_required_topics(taxonomy: Taxonomy) -> None:
    """On the raw seed texts (independent of the parser): the lines the acceptance names."""
    lines = {
        path.name[:3]: path.read_text(encoding="utf-8").splitlines() for path in SEEDS.glob("*.txt")
    }

    def line_with(seed: str, needle: str) -> str:
        (line,) = [line for line in lines[seed] if needle in line]
        return line

    for seed, needle, slug in [
        ("000", "摸排涉恶线索", "saohei-chue"),
        ("000", "一、以继续巩固提升平安建设成果", "saohei-chue"),
        ("000", "（二）大力开展扫黑除恶", "saohei-chue"),
        ("002", "三要把扫黑除恶斗争作为重点", "saohei-chue"),
        ("004", "推进扫黑除恶常态化", "saohei-chue"),
        ("004", "未发生学生溺水事件", "fang-nishui"),
        ("004", "防学生溺水“人防+物防+技防”", "fang-nishui"),
        ("004", "防溺水巡查值守", "fang-nishui"),
        ("000", "教体部门要对各类学校", "fang-nishui"),
        ("004", "信访维稳禁毒反电诈专班", "fan-dianzha"),
        ("004", "反电诈工作综合排名", "fan-dianzha"),
        ("004", "缅北窝点", "fan-dianzha"),
        ("002", "网络诈骗等经济犯罪", "fan-dianzha"),
    ]:
        assert slug in evidence(taxonomy, line_with(seed, needle)), (seed, needle)


def test_drowning_evidence_always_names_drowning(taxonomy: Taxonomy) -> None:
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for word in evidence(taxonomy, text).get("fang-nishui", []):
            assert "溺" in word


# --- the matcher ----------------------------------------------------------------------------


def test_trie_pattern_shares_prefixes() -> None:
    assert (
        trie_pattern(["电信网络诈骗", "电信诈骗", "网络诈骗"])
        == "(?:电信(?:网络诈骗|诈骗)|网络诈骗)"
    )
    assert trie_pattern([]) == "(?!)"


phrases = st.lists(
    st.text(alphabet="防溺水诈骗安全", min_size=1, max_size=4), min_size=1, max_size=8
)


@given(words=phrases, text=st.text(alphabet="防溺水诈骗安全控", max_size=40))
def test_matcher_is_leftmost_longest(words: list[str], text: str) -> None:
    """Same result as a naive scan: at each position take the longest phrase, skip past it."""
    matcher = PhraseMatcher({word: ("k",) for word in words})
    expected: list[tuple[int, int, str]] = []
    position = 0
    while position < len(text):
        here = [w for w in set(words) if text.startswith(w, position)]
        if here:
            longest = max(here, key=len)
            expected.append((position, position + len(longest), "k"))
            position += len(longest)
        else:
            position += 1
    assert matcher.spans(text) == expected


@given(text=st.text(alphabet="水上交通安全道路", max_size=30))
def test_veto_removes_exactly_the_overlapping_matches(text: str) -> None:
    matcher = PhraseMatcher({"交通安全": ("road",), "安全": ("safe",)}, {"水上交通": ("road",)})
    vetoes = [(m.start(), m.start() + 4) for m in re.finditer("(?=水上交通)", text)]
    for start, end, key in matcher.spans(text):
        if key == "road":
            assert not any(s < end and start < e for s, e in vetoes)
    unvetoed = PhraseMatcher({"交通安全": ("road",), "安全": ("safe",)}).spans(text)
    kept = matcher.spans(text)
    assert [s for s in unvetoed if s not in kept] == [
        s for s in unvetoed if s[2] == "road" and any(v < s[1] and s[0] < w for v, w in vetoes)
    ]


def test_a_keyword_may_evidence_two_topics() -> None:
    taxonomy = Taxonomy(
        (Topic("a", "A", keywords=("综治维稳",)), Topic("b", "B", keywords=("综治维稳", "维稳")))
    )
    assert sorted(m.key for m in taxonomy.match("做好综治维稳工作")) == ["a", "b"]


# --- validation: file and line in every message ---------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "taxonomy.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_TOPIC = "  - slug: a\n    name: 甲\n    keywords: [甲]\n"

BAD_FILES = [
    (
        "topics:\n  - slug: a\n    name: 甲\n    keyword: [甲]\n",
        "4: unknown key “keyword” in topic “a” — allowed keys: slug, name, description, parent, keywords, exclude",
    ),
    (
        GOOD_TOPIC + "  - slug: a\n    name: 乙\n    keywords: [乙]\n",
        "5: duplicate slug “a” (first defined on line 2) — give each topic its own slug",
    ),
    (
        "topics:\n" + GOOD_TOPIC + "  - slug: b\n    name: 乙\n    parent: c\n    keywords: [乙]\n",
        "7: parent “c” of topic “b” is not a topic in this file — use the slug of a topic defined here, or remove `parent:`",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    parent: b\n    keywords: [甲]\n"
        "  - slug: b\n    name: 乙\n    parent: a\n    keywords: [乙]\n",
        "4: topic “a” is its own ancestor (a → b → a) — remove one of the `parent:` links in this loop",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    keywords: 甲\n",
        "4: `keywords` of “a” must be a list (lines starting with `- `) — write one entry per line, each starting with `- `",
    ),
    (
        "topics:\n  - slug: a\n    name: 12\n    keywords: [甲]\n",
        "3: `name` of “a” must be text, not a number — write it as plain text",
    ),
    (
        "topics:\n  - slug: 扫黑\n    name: 甲\n    keywords: [甲]\n",
        "2: slug “扫黑” is not a readable ASCII slug — use lowercase letters, digits and single hyphens, e.g. fang-nishui",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    keywords:\n      - 甲\n      - 乙\n      - 甲\n",
        "7: “甲” is listed twice in `keywords` of “a” (first on line 5) — keep one of them",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    keywords: []\n",
        "4: topic “a” has no keywords — list at least one word or phrase that evidences it",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n",
        "2: topic “a” has no `keywords:` — add `keywords:` to it",
    ),
    (
        "topics:\n  - slug: a\n    name: [甲\n    keywords: [甲]\n",
        "4: YAML syntax error: expected ',' or ']', but got ':' — check indentation, colons and quotes",
    ),
    (
        "topic:\n" + GOOD_TOPIC,
        "1: unknown top-level key “topic” — start the file with `topics:` followed by one `- slug: …` entry per topic",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    keywords: [水上交通安全]\n    exclude:\n      - 交通\n",
        "6: exclusion “交通” of “a” lies inside its keyword “水上交通安全”, so that keyword could never count — remove the exclusion or the keyword",
    ),
    (
        "topics:\n  - slug: a\n    name: 甲\n    name: 乙\n    keywords: [甲]\n",
        "4: key “name” appears twice in a topic (first on line 3) — keep one of them",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_malformed_file_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text if text.startswith(("topics:", "topic:")) else "topics:\n" + text)
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(path)
    assert str(caught.value) == f"{path}:{message}"


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing yet\n")
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(path)
    assert str(caught.value) == (
        f"{path}: the file is empty — start the file with `topics:` followed by one "
        "`- slug: …` entry per topic"
    )


def test_valid_minimal_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "topics:\n" + GOOD_TOPIC + "  - slug: b\n    name: 乙\n    parent: a\n    description:\n"
        "    keywords: [乙]\n    exclude: [乙丙]\n",
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.get("b") == Topic("b", "乙", "", "a", ("乙",), ("乙丙",))
    assert taxonomy.get("b").line == 5
    assert [m.key for m in taxonomy.match("甲乙乙丙")] == ["a", "b"]


@pytest.mark.parametrize("name", ["taxonomy.yml", "glossary.yml"])
def test_libyaml_composes_the_data_files_like_pure_python(name: str) -> None:
    """The data files are composed by libyaml when available; every node, its tag, value and
    line must be what the pure-Python composer (whose error messages we keep) gives."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML is built without libyaml here; only the pure-Python loader runs")

    def nodes(node: yaml.Node) -> list[object]:
        out: list[object] = [(type(node).__name__, node.tag, node.start_mark.line, node.end_mark.line)]
        if isinstance(node.value, list):
            for item in node.value:
                for child in item if isinstance(item, tuple) else (item,):
                    out += nodes(child)
        else:
            out.append(node.value)
        return out

    text = (SOURCES / name).read_text(encoding="utf-8")
    assert nodes(yaml.compose(text, Loader=yaml.CSafeLoader)) == nodes(yaml.compose(text, Loader=yaml.SafeLoader))
