"""Every document of ../shared/corpora parses without errors and loses nothing.

One test per corpus folder keeps the run short (the whole set is ~64 MB, 3,600+ files).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import CORPORA

from speechsite.errors import SourceError
from speechsite.markers import match_marker
from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.read import read_source
from speechsite.repair import repair
from speechsite.repair.fidelity import check

FOLDERS = sorted(p.name for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []
pytestmark = pytest.mark.skipif(not FOLDERS, reason=f"{CORPORA} is not available")


def documents(folder: str) -> list[Path]:
    return sorted(p for p in (CORPORA / folder / "docs").rglob("*")
                  if p.is_file() and p.suffix in (".txt", ".md"))


@cache
def outcomes(folder: str) -> tuple[tuple[Speech, ...], tuple[SourceError, ...]]:
    speeches, errors = [], []
    for path in documents(folder):
        try:
            speeches.append(parse(repair(read_source(path, CORPORA))))
        except SourceError as error:
            errors.append(error)
    return tuple(speeches), tuple(errors)


def parsed(folder: str) -> tuple[Speech, ...]:
    return outcomes(folder)[0]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_document_parses_and_loses_nothing(folder: str) -> None:
    speeches, errors = outcomes(folder)
    # Only the section index pages of the law collection (`_index.md`: front matter, no
    # text) are refused, each with the precise reason.
    assert {(Path(e.diagnostic.file).name, e.diagnostic.line, e.diagnostic.message)
            for e in errors} <= {("_index.md", 4, "no speech text after the front matter")}
    assert len(speeches) + len(errors) == len(documents(folder)) > 0
    assert len(speeches) > 0.99 * len(documents(folder))
    failures = {s.source.path: check(s)[:1] for s in speeches if check(s)}
    assert failures == {}
    errors = [d for s in speeches for d in s.diagnostics if d.level == "error"]
    assert errors == []


def _is_report(speech: Speech) -> bool:
    return "政府工作报告" in (speech.title or "") and "决议" not in (speech.title or "")


@pytest.mark.parametrize("folder", ["gwr-national-wikisource", "gwr-provincial-2026-web"])
def test_government_work_reports_have_salutation_and_sections(folder: str) -> None:
    reports = [s for s in parsed(folder) if _is_report(s)]
    assert len(reports) >= 31
    for speech in reports:
        stated = any(line.startswith("各位代表") for line in speech.body.split("\n")[:80])
        if stated:
            assert speech.salutation in ("各位代表：", "各位代表:", "各位代表！", "各位代表，"), speech.source.path
        written = [line for line in speech.body.split("\n") if (m := match_marker(line.strip()))
                   and m.kind == "cn" and len(line) < 60]
        if len(written) >= 2:
            assert [s for s in speech.all_sections() if s.marker.startswith(("一、", "二、"))], (
                speech.source.path)


def test_provincial_reports_have_their_outline() -> None:
    reports = [s for s in parsed("gwr-provincial-2026-web")]
    with_sections = [s for s in reports if len(s.sections) >= 3 and any(
        sub.marker.startswith("（") for sec in s.sections for sub in sec.subsections)]
    assert len(with_sections) >= 25


def test_provincial_web_chrome_is_removed_and_recorded() -> None:
    reports = parsed("gwr-provincial-2026-web")
    chrome_words = ("【字号：", "【字体：", "相关报道：", "打印本页", "关闭窗口", "您的位置", "当前位置")
    for speech in reports:
        spoken = "\n".join(speech.text_pieces())
        assert not [w for w in chrome_words if w in spoken], speech.source.path
        if any(w in speech.body for w in chrome_words):
            assert any(r.kind == "web-chrome" for r in speech.repairs), speech.source.path
    recorded = sum(1 for s in reports for r in s.repairs if r.kind == "web-chrome")
    assert recorded >= 60


def test_laws_parse_without_inventing_speech_sections() -> None:
    for speech in parsed("laws-lawrefbook-md"):
        articles = sum(1 for line in speech.body.split("\n")[:400]
                       if (m := match_marker(line.strip())) and m.kind == "article")
        for section in speech.all_sections():
            if articles >= 2:
                assert section.marker.strip()[:1] in ("第", ""), (speech.source.path, section)
            written = section.marker + section.heading
            assert written.replace(" ", "") in speech.body.replace(" ", ""), speech.source.path
        assert not [d for d in speech.diagnostics if d.level == "error"]
