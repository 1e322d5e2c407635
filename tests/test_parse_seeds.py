"""The five seed speeches parse to the structure in ../shared/seeds/outlines.yml, field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEEDS, SOURCES

from speechsite.model import Section, Speech
from speechsite.parse import parse
from speechsite.read import read_source
from speechsite.repair import KINDS, repair
from speechsite.repair.fidelity import check, restore, squeeze

GOLDEN = Path(__file__).parent / "golden" / "outlines"
RAW = (SEEDS / "outlines.yml").read_text(encoding="utf-8")
EXPECTED: dict[str, Any] = yaml.safe_load(RAW)
NAMES = sorted(EXPECTED)


def rejoin(items: list[str]) -> list[str]:
    """Undo YAML's split of 003's `closing: [同志们,一年之计在于春]` and `joined: [… 组织义务巡逻,
    提醒住户 …]`: in a flow list a comma separates items even without a space after it, and
    these two lists of outlines.yml still write 003's half-width comma unquoted (its headings
    are quoted now, so they need no help)."""
    merged: list[str] = []
    for item in items:
        if merged and f"{merged[-1]},{item}" in RAW:
            merged[-1] = f"{merged[-1]},{item}"
        else:
            merged.append(item)
    return merged


def speech_of(name: str) -> Speech:
    return parse(repair(read_source(SOURCES / name, SOURCES)))


def _number(section: Section) -> str | None:
    return section.marker.strip().rstrip("、.．") or None


def _heading(text: str) -> str:
    return text.removeprefix("要")


def _expected_number(value: object) -> str | None:
    return None if value is None else str(value).rstrip("、.．")


@pytest.mark.parametrize("name", NAMES)
def test_seed_copied_unchanged(name: str) -> None:
    assert (SOURCES / name).read_bytes() == (SEEDS / name).read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_front_and_opening(name: str) -> None:
    speech, expected = speech_of(name), EXPECTED[name]
    assert speech.title == expected["title"]
    assert speech.salutation == expected["salutation"]
    assert len(speech.opening) == expected["opening"]


@pytest.mark.parametrize("name", NAMES)
def test_sections(name: str) -> None:
    speech, expected = speech_of(name), EXPECTED[name]
    assert [(_number(s), s.heading) for s in speech.sections] == [
        (_expected_number(e["number"]), e["heading"]) for e in expected["sections"]
    ]
    for section, want in zip(speech.sections, expected["sections"], strict=True):
        assert section.level == 1
        if "paragraphs" in want:
            assert sum(1 for _ in section.all_paragraphs()) == want["paragraphs"], section.heading
        got = [(_number(sub), _heading(sub.heading)) for sub in section.subsections]
        everything = [(_expected_number(sub["number"]), _heading(sub["heading"]))
                      for sub in want["subsections"]]
        required = [(_expected_number(sub["number"]), _heading(sub["heading"]))
                    for sub in want["subsections"] if not sub.get("optional")]
        assert got in (everything, required)  # `optional: true` lead-ins may stay paragraphs


@pytest.mark.parametrize("name", NAMES)
def test_closing(name: str) -> None:
    speech, expected = speech_of(name), EXPECTED[name]
    closing = rejoin(expected["closing"])
    assert len(speech.closing) == len(closing)
    for paragraph, start in zip(speech.closing, closing, strict=True):
        assert paragraph.text.startswith(start)


def test_003_page_numbers_removed_and_words_joined() -> None:
    speech = speech_of("003_3589449ce9a9c9d2.txt")
    wanted = EXPECTED["003_3589449ce9a9c9d2.txt"]["repairs"]
    pages = [r for r in speech.repairs if r.kind in ("page-number", "stray-page-number")]
    assert [r.removed for r in pages] == ["1、", "2、", "3、", "4、", "5、", "6、", "7、", "8、", " 6"]
    assert pages[-1].kind == "stray-page-number"
    spoken = "".join(speech.text_pieces())
    flat_body = speech.body.replace("\n", "")
    for joined in rejoin(wanted["joined"]):
        assert joined in spoken
        assert joined not in flat_body  # a page number stood in the middle
    for page in pages[1:-1]:
        assert squeeze(page.result) in spoken  # the joined words are shown with the repair


@pytest.mark.parametrize("name", NAMES)
def test_seed_fidelity(name: str) -> None:
    speech = speech_of(name)
    assert check(speech) == []
    assert restore(speech) == squeeze(speech.body)
    assert all(repair.kind in KINDS for repair in speech.repairs)


@pytest.mark.parametrize("name", NAMES)
def test_golden_outline(name: str, update_goldens: bool) -> None:
    speech = speech_of(name)
    lines = [speech.outline(), ""]
    lines += [f"repair {r.kind} line {r.line}: {r.removed!r} → {r.result!r}" for r in speech.repairs]
    lines += [f"warning {d}" for d in speech.diagnostics]
    meta = speech.meta
    lines += [f"meta {k}: {getattr(meta, k)}{' (inferred)' if meta.is_inferred(k) else ''}"
              for k in ("title", "date", "speaker", "role", "level", "meeting") if getattr(meta, k)]
    lines += [f"¶ {p.citation} {p.id} {p.text[:12]}" for p in speech.all_paragraphs()]
    text = "\n".join(lines) + "\n"
    golden = GOLDEN / (Path(name).stem + ".txt")
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text, (
        "outline changed: review, then refresh with pytest --update-goldens")
