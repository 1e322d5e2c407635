"""Metadata: front matter, sidecar files, validation messages, inference, slugs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCES

from speechsite.errors import SourceError
from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.parse.ids import NAME_IN_PINYIN_LATER
from speechsite.pipeline import read_corpus
from speechsite.read import read_source, source_from_text
from speechsite.repair import repair

BODY = "同志们：\n今天，我们召开全县安全生产工作会议。\n一、提高认识\n安全生产责任重于泰山。\n"


def speech(text: str, path: str = "speech.txt") -> Speech:
    return parse(repair(source_from_text(text, path)))


def test_front_matter_fields_and_body_line() -> None:
    text = (
        "---\ntitle: 在全县安全生产工作会议上的讲话\ndate: 2013-02-28\nspeaker: 张三\n"
        "role: 县长\nlevel: 县\nplace: 某县\nmeeting: 全县安全生产工作会议\nsource: 县政府网\n"
        "slug: anquan-2013\ntags: [安全生产, 维稳]\n---\n" + BODY
    )
    result = speech(text)
    meta = result.meta
    assert (meta.title, meta.date, meta.speaker, meta.role, meta.level) == (
        "在全县安全生产工作会议上的讲话", "2013-02-28", "张三", "县长", "县")
    assert (meta.place, meta.meeting, meta.source, meta.tags) == (
        "某县", "全县安全生产工作会议", "县政府网", ("安全生产", "维稳"))
    assert result.slug == "anquan-2013"
    assert "title" not in meta.inferred
    assert result.body == BODY
    assert result.body_line == 13
    assert result.salutation == "同志们："
    assert result.sections[0].line == 15


def test_sidecar_yml_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.yml").write_text("speaker: 李四\ndate: 2020\n", encoding="utf-8")
    result = parse(repair(read_source(tmp_path / "a.txt", tmp_path)))
    assert (result.meta.speaker, result.meta.date) == ("李四", "2020")
    assert result.meta.year == 2020


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: [unclosed\n", "speech.txt:2: invalid metadata: expected ',' or ']', but got "
                               "'<stream end>' — write the metadata as `key: value` lines of YAML"),
        ("title: 标题\ndate: 昨天\n", "speech.txt:3: metadata “date” is not a date: 昨天 — write "
                                   "YYYY-MM-DD, YYYY-MM or YYYY, e.g. `date: 2013-02-28`"),
        ("level: 村\n", "speech.txt:2: metadata “level” must be one of 中央/省/市/县/区/乡镇 — write for "
                       "example `level: 县`, not `level: 村`"),
        ("speaker: [张三, 李四]\n", "speech.txt:2: metadata “speaker” must be text — write "
                                  "`speaker: …` with a single line of text"),
        ("tags: {a: 1}\n", "speech.txt:2: metadata “tags” must be a list of words — write for "
                           "example `tags: [维稳, 信访]`"),
        ("slug: ../etc\n", "speech.txt:2: invalid slug “../etc” — use lowercase ASCII letters, "
                           "digits and single hyphens, e.g. `slug: 2023-zongzhi-anquan`"),
        ("slug: Bad_Slug\n", "speech.txt:2: invalid slug “Bad_Slug” — use lowercase ASCII "
                             "letters, digits and single hyphens, e.g. `slug: 2023-zongzhi-anquan`"),
        ("- a\n- b\n", "speech.txt:2: metadata must be a mapping of `key: value` lines — use keys "
                       "such as title, speaker, role, place, meeting, source, slug, date, level, "
                       "tags"),
    ],
)
def test_invalid_metadata_is_an_error_with_file_and_line(front: str, message: str) -> None:
    with pytest.raises(SourceError) as error:
        speech(f"---\n{front}---\n{BODY}")
    assert str(error.value) == message


def test_impossible_date_and_missing_body_are_errors() -> None:
    with pytest.raises(SourceError) as error:
        speech("---\ndate: 2013-02-30\n---\n" + BODY)
    assert str(error.value) == (
        "speech.txt:2: metadata “date” is not a date: 2013-02-30 — write YYYY-MM-DD, YYYY-MM "
        "or YYYY, e.g. `date: 2013-02-28`")
    with pytest.raises(SourceError) as error:
        speech("---\ntitle: 只有标题\n---\n\n")
    assert str(error.value) == (
        "speech.txt:4: no speech text after the front matter — write the speech below the "
        "closing `---` line")


def test_unclosed_front_matter() -> None:
    with pytest.raises(SourceError) as error:
        speech("---\ntitle: x\n" + BODY)
    assert str(error.value) == (
        "speech.txt:1: front matter is not closed — add a line `---` after the metadata, "
        "or remove the first `---` line")


def test_unknown_key_is_a_warning() -> None:
    result = speech("---\ntitle: 讲话\nauthor: 王五\n---\n" + BODY)
    assert [str(d) for d in result.diagnostics] == [
        "speech.txt:3: unknown metadata key “author” — use one of: title, speaker, role, "
        "place, meeting, source, slug, date, level, tags"
    ]
    assert result.diagnostics[0].level == "warning"


def test_inferred_from_seed_texts() -> None:
    def meta_of(name: str):  # type: ignore[no-untyped-def]
        return parse(repair(read_source(SOURCES / name, SOURCES))).meta

    seed3 = meta_of("003_3589449ce9a9c9d2.txt")
    assert (seed3.title, seed3.date, seed3.meeting, seed3.level) == (
        "在2023年综治安全工作会议上的讲话", "2023", "2023年综治安全工作会议", "乡镇")
    assert {"title", "date", "meeting", "level"} <= seed3.inferred
    seed1 = meta_of("001_c98e51e5a34b76fd.txt")
    assert seed1.meeting == "全区维稳暨信访、安全生产工作会议"
    assert seed1.title == "在全区维稳暨信访、安全生产工作会议上的讲话"
    assert seed1.level == "区"
    assert seed1.date is None  # years mentioned in the text are not the speech's date
    seed0 = meta_of("000_92ed66065ac2b4ae.txt")
    assert seed0.level == "县"
    # "我就全县综治信访维稳和安全生产工作讲几点意见" names the subject of an untitled speech
    assert seed0.title == "关于全县综治信访维稳和安全生产工作的讲话"
    assert "title" in seed0.inferred
    # "贯彻落实…关于平安建设和社会治理现代化有关会议精神": the subject of the meeting
    assert meta_of("002_06ac4de939bf3add.txt").title == "关于平安建设和社会治理现代化的讲话"


def test_inferred_from_front_lines() -> None:
    text = (
        "2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n"
        "上海市市长 龚 正\n各位代表：\n现在，我代表上海市人民政府，向大会报告工作。\n"
    )
    meta = speech(text).meta
    assert (meta.title, meta.date, meta.speaker, meta.role) == (
        "2026年上海市政府工作报告", "2026-02-03", "龚正", "上海市市长")
    assert meta.meeting == "上海市第十六届人民代表大会第四次会议"
    assert meta.inferred == {"title", "date", "speaker", "role", "meeting", "level", "place"}
    assert (meta.level, meta.place) == ("市", "上海市")


def test_explicit_metadata_wins_over_inference() -> None:
    text = "---\ntitle: 自定标题\n---\n在全县工作会议上的讲话\n同志们：\n全县全县。\n"
    meta = speech(text).meta
    assert meta.title == "自定标题"
    assert "title" not in meta.inferred


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("000_92ed66065ac2b4ae.txt", "000-92ed66065ac2b4ae"),
        ("sub/My Speech.txt", "my-speech"),
        ("2026_湖南省_政府工作报告.txt", NAME_IN_PINYIN_LATER),  # with the addresses, below
        ("——.txt", NAME_IN_PINYIN_LATER),
    ],
)
def test_slug_from_file_name(path: str, slug: str) -> None:
    assert speech(BODY, path).slug == slug
    assert speech(BODY, path).slug == slug  # stable between builds


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("2026_湖南省_政府工作报告.txt", "2026-hu-nan-sheng-zheng-fu-gong-zuo-bao-gao"),
        ("在全县社会治理六项重点工作攻坚行动总结调度会上的讲话.txt",
         "zai-quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo"),
        ("——.txt", "quan-xian-an-quan-sheng-chan-gong-zuo-hui-yi"),  # no word in it: the title's
    ],
)
def test_slug_from_a_chinese_file_name_is_its_pinyin(tmp_path: Path, name: str, slug: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / name).write_text(BODY, encoding="utf-8")
    assert [s.slug for s in read_corpus(tmp_path).speeches] == [slug]
    assert [s.slug for s in read_corpus(tmp_path).speeches] == [slug]  # stable between builds


@pytest.mark.parametrize(
    "text",
    [
        "title: 在全县综治维稳工作会议上的讲话\ndate: 2023-07-05\nlevel: 县\ntags: [维稳, 信访]\n",
        "speaker: 张三\nrole: 县委副书记\nplace: '某县'\ndate: 2023\nslug: 2023-zongzhi\n",
        "meeting: >-\n  全县安全生产\n  工作会议\nsource: \"内部资料 #3\"\n",
        "# 只有注释\n",
    ],
)
def test_libyaml_and_pure_python_loaders_read_the_same(text: str) -> None:
    import yaml

    from speechsite.read.metadata import _compose_and_load, _MetadataLoader

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML is built without libyaml here; only the pure-Python loader runs")
    fast_node, fast = _compose_and_load(text)
    node, pure = yaml.compose(text, Loader=yaml.SafeLoader), yaml.load(text, Loader=_MetadataLoader)
    assert fast == pure
    lines = [(k.value, k.start_mark.line) for k, _ in node.value] if node else []
    assert ([(k.value, k.start_mark.line) for k, _ in fast_node.value] if fast_node else []) == lines
