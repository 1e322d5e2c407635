"""`speechsite candidates`: likely policy terms that the glossary does not list yet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SOURCES

from speechsite.annotate.glossary import load_glossary
from speechsite.commands.candidates import find_candidates
from speechsite.commands.cli import main
from speechsite.pipeline import read_corpus

REMOVED = [
    "一岗双责",
    "一案三查",
    "两客一危一货",
    "五级五覆盖",
    "五落实五到位",
    "四不两直",
    "两率两度",
    "一村一代理",
    "一盔一带",
    "六个一",
]


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


def _listed(output: str) -> dict[str, tuple[int, str]]:
    """candidate → (count, kind) from the command's table."""
    rows = [line.split() for line in output.splitlines()[1:] if line.strip()]
    return {row[2]: (int(row[0]), row[1]) for row in rows}


def test_removed_numbered_formulas_come_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = _glossary_without(REMOVED, tmp_path)
    assert len(load_glossary(glossary)) == len(load_glossary(SOURCES / "glossary.yml")) - 10
    assert main(["candidates", "--sources", str(SOURCES), "--glossary", str(glossary)]) == 0
    listed = _listed(capsys.readouterr().out)
    back = [name for name in REMOVED if name in listed]
    assert len(back) >= 8, f"only {back} came back"
    assert all(listed[name][1] == "numbered" for name in back)
    assert listed["五级五覆盖"][0] == 3


def test_nothing_in_the_glossary_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["candidates", "--sources", str(SOURCES)]) == 0
    listed = _listed(capsys.readouterr().out)
    known = [form for term in load_glossary(SOURCES / "glossary.yml").terms for form in term.forms]
    assert [name for name in listed if any(name in form or form in name for form in known)] == []
    # numbered formulas of the speeches that the glossary does not explain yet
    for formula in ("一人四管", "一日三见面", "四个重点", "六定、五包", "四项攻坚"):
        assert listed[formula][1] == "numbered", formula


def test_each_candidate_has_a_count_and_an_example_line() -> None:
    corpus = read_corpus(SOURCES)
    candidates = find_candidates(corpus, load_glossary(SOURCES / "glossary.yml"))
    by_phrase = {c.phrase: c for c in candidates}
    one_person = by_phrase["一人四管"]
    assert one_person.count == 1
    assert one_person.example.path == "000_92ed66065ac2b4ae.txt"
    source_line = (
        (SOURCES / one_person.example.path)
        .read_text(encoding="utf-8")
        .splitlines()[one_person.example.line - 1]
    )
    assert "一人四管" in source_line and "一人四管" in one_person.example.context
    quoted = by_phrase["上培下派"]
    assert quoted.kind == "quoted"
    assert not any("*" in c.phrase or "XX" in c.phrase for c in candidates)  # redaction marks


def test_frequent_compounds_are_the_longest_repeated_strings() -> None:
    candidates = find_candidates(read_corpus(SOURCES), load_glossary(SOURCES / "glossary.yml"))
    compounds = {c.phrase: c.count for c in candidates if c.kind == "compound"}
    assert compounds["社会治理六项重点工作"] == 12
    assert "治理六项重点" not in compounds  # never on its own: only inside the longer string
    assert all(count >= 3 for count in compounds.values())


def test_min_count_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["candidates", "--sources", str(SOURCES), "--min-count", "5"]) == 0
    listed = _listed(capsys.readouterr().out)
    assert listed and all(count >= 5 for count, _ in listed.values())


def test_missing_sources_folder_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["candidates", "--sources", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope'}: no such folder — pass the folder of speech texts with --sources\n"
    )
