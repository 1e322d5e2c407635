"""Metadata the text states: dates in full-width digits or Chinese numerals, level 中央, a speaker
line after the title, the role split from the name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechsite.model import LEVELS, Speech
from speechsite.parse import parse
from speechsite.read import source_from_text
from speechsite.repair import repair

SCHEMA = Path(__file__).resolve().parent.parent / "src" / "speechsite" / "data" / "corpus.schema.json"


def speech(text: str) -> Speech:
    return parse(repair(source_from_text(text)))


@pytest.mark.parametrize(("written", "iso"), [
    ("（２０１８年３月５日）", "2018-03-05"),
    ("（一九九二年五月十六日）", "1992-05-16"),
    ("（二〇二三年十二月三十一日）", "2023-12-31"),
    ("（二○二三年一月）", "2023-01"),
    ("——二〇二三年", "2023"),
    ("（2023年2月30日）", "2023-02"),
])
def test_dates_in_full_width_digits_and_chinese_numerals(written: str, iso: str) -> None:
    result = speech(f"在全县经济工作会议上的讲话\n{written}\n同志们：\n今天开会。\n")
    assert result.meta.date == iso
    assert result.meta.is_inferred("date")
    pattern = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]["speech"]["properties"][
        "metadata"]["properties"]["date"]["pattern"]
    import re

    assert re.fullmatch(pattern, iso)


def test_central_level_for_central_bodies() -> None:
    assert "中央" in LEVELS
    for text in ("中共中央 国务院关于某某工作的意见\n各地区各部门：\n现提出如下意见。\n",
                 "政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理 李强\n各位代表：\n现在，我代表国务院，向大会报告工作。\n"):
        assert speech(text).meta.level == "中央"


def test_level_enum_of_the_corpus_schema_has_every_level() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    levels = schema["$defs"]["speech"]["properties"]["metadata"]["properties"]["level"]["enum"]
    assert levels == [*LEVELS, None]


@pytest.mark.parametrize(("line", "role", "name"), [
    ("张三", None, "张三"),
    ("县委书记 张三", "县委书记", "张三"),
    ("镇长 李明", "镇长", "李明"),
    ("市长　王小明", "市长", "王小明"),
    ("县委副书记、县长 赵 四", "县委副书记、县长", "赵四"),
])
def test_a_speaker_line_after_the_title(line: str, role: str | None, name: str) -> None:
    result = speech(f"在全镇安全生产工作会议上的讲话\n{line}\n（2023年3月2日）\n同志们：\n今天开会。\n")
    assert [f.kind for f in result.front] == ["speaker", "date"]
    assert (result.meta.role, result.meta.speaker) == (role, name)


def test_a_speaker_line_without_a_salutation_after_it() -> None:
    result = speech("在全镇安全生产工作会议上的讲话\n镇长 李明\n今天，我们召开全镇安全生产工作会议。\n")
    assert [f.kind for f in result.front] == ["speaker"]
    assert (result.meta.role, result.meta.speaker) == ("镇长", "李明")


def test_level_national_is_read_as_central() -> None:
    result = speech("---\nlevel: 国家\n---\n政府工作报告\n各位代表：\n现在报告工作。\n")
    assert result.meta.level == "中央" and not result.meta.is_inferred("level")
