"""`speechsite candidates`: formulations (提法) that the glossary does not list yet."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import SOURCES

from speechsite.annotate.candidates import Candidate, find_candidates
from speechsite.annotate.formulations import formulation_key, sightings
from speechsite.annotate.glossary import load_glossary
from speechsite.annotate.words import DictionaryWords, cache_folder
from speechsite.commands.cli import main
from speechsite.model import Corpus
from speechsite.pipeline import read_corpus

# Ten terms of the glossary in every shape the speeches write them: numbered formulas, quoted
# or not, in a series with another formula (五级五覆盖、五落实五到位), slogans with separators
# (谁主管、谁负责), a slogan written with + (“人防+物防+技防”), and a coined post.
REMOVED = [
    "两客一危一货",
    "四不两直",
    "五级五覆盖",
    "五落实五到位",
    "一村一代理",
    "六个一",
    "谁主管、谁负责",
    "控增量、减存量、防变量",
    "人防、物防、技防",
    "清积案、治重访、化初访、促和谐",
]
# What the old finder listed: pieces of a word (九县三区中|位列, 五个全|覆盖, 社|会治理…).
OLD_FRAGMENTS = [
    "九县三区中位", "五个全覆", "会治理六项重点工作攻", "理六项重点工作攻坚行", "安全生产监",
    "人民群众安", "项工作落", "提升社会治", "实工作责任", "五覆盖、五落实", "各镇街、各相关",
]  # fmt: skip


@cache
def _words() -> DictionaryWords:
    return DictionaryWords()


@cache
def _corpus() -> Corpus:
    return read_corpus(SOURCES)


def _glossary_without(names: list[str], folder: Path) -> Path:
    """A copy of the glossary without the named terms (and without references to them)."""
    data = yaml.safe_load((SOURCES / "glossary.yml").read_text(encoding="utf-8"))
    data["terms"] = [entry for entry in data["terms"] if entry["term"] not in names]
    for entry in data["terms"]:
        if "related" in entry:
            entry["related"] = [name for name in entry["related"] if name not in names]
    path = folder / "glossary.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _listed(output: str) -> list[tuple[str, int, str]]:
    """(candidate, count, kind) of each line of the command's table, in order."""
    rows = [line.split() for line in output.splitlines()[1:] if line.strip()]
    return [(row[5], int(row[2]), row[4]) for row in rows if row[0].isdigit()]


def _all(glossary_path: Path = SOURCES / "glossary.yml") -> list[Candidate]:
    glossary = load_glossary(glossary_path)
    return find_candidates(_corpus(), glossary, min_score=0, words=_words())


def test_removed_terms_come_back_within_the_first_50_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = _glossary_without(REMOVED, tmp_path)
    assert len(load_glossary(glossary)) == len(load_glossary(SOURCES / "glossary.yml")) - 10
    assert main(["candidates", "--sources", str(SOURCES), "--glossary", str(glossary)]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = {name: (count, kind) for name, count, kind in _listed("\n".join(lines[:51]))}
    assert [name for name in REMOVED if name not in listed] == []
    assert listed["五级五覆盖"] == (3, "numbered")
    assert listed["人防、物防、技防"][1] == "series"  # written “人防+物防+技防”: one key
    assert listed["两客一危一货"][1] == "numbered"


def test_the_whole_list_reads_in_a_minute(capsys: pytest.CaptureFixture[str]) -> None:
    """A short list of strong candidates: quoted, numbered or slogan-shaped, no frequent words."""
    assert main(["candidates", "--sources", str(SOURCES)]) == 0
    listed = _listed(capsys.readouterr().out)
    assert 20 <= len(listed) <= 60
    names = [name for name, _, _ in listed]
    for formula in ("一人四管", "一日三见面", "四个重点", "六定、五包", "四项攻坚", "上培下派"):
        assert formula in names, formula
    # the numbered formulas and slogans rank before lone quoted words
    assert names.index("谁检查、谁签字、谁负责、谁督办") < names.index("土锅炉")
    assert "信访工作" not in names and "矛盾纠纷" not in names  # frequent, not coined


def test_no_candidate_cuts_a_word() -> None:
    candidates = _all()
    phrases = {c.phrase for c in candidates}
    assert [fragment for fragment in OLD_FRAGMENTS if fragment in phrases] == []
    words = _words()
    texts = [p.text for s in _corpus().speeches for p in s.all_paragraphs()]
    texts += [section.heading for s in _corpus().speeches for section in s.all_sections()]
    for candidate in candidates:
        for written in {candidate.phrase, *candidate.forms}:
            written = (
                written.replace("“", "").replace("”", "") if "“" not in written[1:-1] else written
            )
            for text in texts:
                for match in re.finditer(re.escape(written), text):
                    bounds = words.boundaries(text)
                    assert match.start() in bounds and match.end() in bounds, (written, text)


def test_separated_and_quoted_formulas_come_out_whole() -> None:
    by_phrase = {c.phrase: c for c in _all()}
    for slogan in (
        "谁检查、谁签字、谁负责、谁督办",
        "边督查、边协调、边解决",
        "大排查、大整治、大攻坚",
    ):
        assert slogan in by_phrase, slogan
        assert not any(item in by_phrase for item in slogan.split("、")), slogan
    assert by_phrase["六定、五包"].kind == "numbered"
    # the same items in another order are the same formulation, in two speeches
    governance = by_phrase["源头治理、系统治理、综合治理、依法治理"]
    assert governance.speeches == 2 and governance.forms == (
        "系统治理、依法治理、综合治理、源头治理",
    )
    # a qualifier or a method word around a quoted formula is shown, the key is the formula
    assert by_phrase["五联"].forms == ("边界“五联”工作法",)
    assert by_phrase["三率"].forms == ("综治“三率”",)
    assert by_phrase["一月一排查、一月一汇总、一月一调度、一月一通报、一月一交办、一月一督办"]
    assert "一月一排查" not in by_phrase  # an item of the series above, not a formula of its own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全面落实片区“三联”机制。", {("三联", "片区“三联”机制")}),
        ("深化大走访、大调解、大化解活动。", {("大走访、大调解、大化解", "大走访、大调解、大化解")}),
        ("坚持三查、两访。", {("三查、两访", "三查、两访")}),
        ("实行一X一Y：一村一辅警。", {("一村一辅警", "一村一辅警")}),
        ("得分在全市九县三区中位列第一。", {("九县三区", "九县三区")}),
        ("五级做到“五个全覆盖”。", {("五个全覆盖", "“五个全覆盖”")}),
        ("构建“人防+物防+技防”体系。", {("人防、物防、技防", "“人防+物防+技防”体系")}),
        ("做到“谁主管，谁负责”。", {("谁主管、谁负责", "“谁主管，谁负责”")}),
        ("推行八步工作法。", {("八步工作法", "八步工作法")}),
        ("设立网格长、楼道长。", {("网格长", "网格长"), ("楼道长", "楼道长")}),
        ("强化对接、支持配合，开展全面宣传、重点宣传、精准宣传。",
         {("全面宣传、重点宣传、精准宣传", "全面宣传、重点宣传、精准宣传")}),
        ("推动社会治理属地责任、部门监管责任、行业主体责任压实。", set()),  # starts mid-phrase
        ("各镇街、各单位、各部门要抓落实。", set()),  # 各… is not a slogan
        ("刚才，*、*、*三位同志作了发言。", set()),
    ],
)  # fmt: skip
def test_shapes_of_formulations(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(s.key, s.form) for s in sightings(text, _words())} == expected


def test_formulation_key_is_one_spelling() -> None:
    assert formulation_key("“人防+物防+技防”") == "人防、物防、技防"
    assert formulation_key("属地管理，分级负责") == formulation_key("属地管理、分级负责")
    assert formulation_key("“３２１”模式") == "321模式"


def test_nothing_in_the_glossary_is_listed() -> None:
    forms = [
        formulation_key(form)
        for term in load_glossary(SOURCES / "glossary.yml").terms
        for form in term.forms
    ]
    for candidate in _all():
        phrase = candidate.phrase
        assert not any(phrase in form for form in forms), phrase
        if "、" not in phrase:
            assert not any(form in phrase for form in forms), phrase
        else:
            assert not any(item in forms for item in phrase.split("、")), phrase


def test_each_candidate_has_a_count_and_its_contexts(capsys: pytest.CaptureFixture[str]) -> None:
    by_phrase = {c.phrase: c for c in _all()}
    one_person = by_phrase["一人四管"]
    assert (one_person.count, one_person.speeches) == (1, 1)
    assert one_person.example.path == "000_92ed66065ac2b4ae.txt"
    source_line = (
        (SOURCES / one_person.example.path)
        .read_text(encoding="utf-8")
        .splitlines()[one_person.example.line - 1]
    )
    assert "一人四管" in source_line and "一人四管" in one_person.example.context
    assert not any("*" in c.phrase or "XX" in c.phrase for c in by_phrase.values())  # redactions
    assert all(len(c.places) == c.count for c in by_phrase.values())
    governance = by_phrase["源头治理、系统治理、综合治理、依法治理"]
    assert [p.path for p in governance.places] == [
        "002_06ac4de939bf3add.txt",
        "004_25a37519d5cc85c7.txt",
    ]
    assert main(["candidates", "--sources", str(SOURCES), "--contexts", "3"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "源头治理、系统治理" in line)
    following = out.splitlines()[out.splitlines().index(line) + 1]
    assert following.lstrip().startswith("004_25a37519d5cc85c7.txt:") and "系统治理" in following


def test_min_count_and_min_score_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["candidates", "--sources", str(SOURCES), "--min-count", "2"]) == 0
    listed = _listed(capsys.readouterr().out)
    assert listed and all(count >= 2 for _, count, _ in listed)
    assert main(["candidates", "--sources", str(SOURCES), "--min-score", "0"]) == 0
    assert len(_listed(capsys.readouterr().out)) > len(listed)


def test_missing_sources_folder_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["candidates", "--sources", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope'}: no such folder — pass the folder of speech texts with --sources\n"
    )


def test_jiebas_dictionary_cache_goes_to_the_user_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tmp_path / "tmp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert DictionaryWords().is_word("安全")
    assert (tmp_path / "cache" / "speechsite" / "jieba.cache").is_file()
    assert list(system_temp.iterdir()) == []


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "speechsite"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not absolute: ignored, as the spec says
    assert cache_folder() == Path.home() / ".cache" / "speechsite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_folder() == Path.home() / ".cache" / "speechsite"
