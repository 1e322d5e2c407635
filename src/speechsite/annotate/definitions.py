"""Where a speech defines or expands a glossary term itself.

The patterns, each anchored on a term occurrence (a Mark from the glossary matcher):

- `X是指…` / `X指的是…`    a definition sentence: 非正常上访是指…的行为。
- `X，即…` / `“X”即…`       an apposition: “五个全覆盖”，即…
- `X（…、…）`               an expansion in brackets: “六个一”（一月一排查、…）
- `X：…` / `X:…`            a gloss after a colon, where X opens a clause: 非访:非正常上访是指…
- `X。…`                    a run-in heading: the term alone as a sentence, followed by its
                             explanation up to the next run-in or colon gloss (003: “五级五覆盖。在省…)
- `X甲、乙、丙`              a numbered formula followed directly by as many items as its
                             number says: 三个必须管行业必须管安全、管业务必须管安全、管生产经营必须管安全

The quotation is the speech's own words, shown on the term's page and linked to the unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Corpus, Speech
from ..spans import Mark
from .annotations import Annotations, units_of

NUMERALS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "双": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
OPENING_QUOTES = "“‘\"'「"
CLOSING_QUOTES = "”’\"'」"
SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_START = "。；;！？!?：: \u3000"
NOT_AN_ITEM = "、，,的之和与及"
ITEMS_END = re.compile(r"[；;。！？!?，,]")

DEFINES = re.compile(r"(?:是指|就是指|指的是)")
APPOSITION = re.compile(r"\s*[，,]?\s*即(?![将使可便刻时日])")  # not 即将, 即使 …
BRACKETS = re.compile(r"[（(]([^（）()]{4,120})[）)]")
COLON = re.compile(r"\s*[:：]")
RUN_IN = re.compile(r"\s*。")

BLOCK_KINDS = ("colon", "run-in")  # kinds that start a new gloss and so end a run-in


@dataclass(frozen=True)
class Found:
    """A definition inside one unit's text: the quotation is text[start:end]."""

    key: str  # term slug
    start: int
    end: int
    kind: str  # "defines", "apposition", "brackets", "colon", "run-in", "items"


@dataclass(frozen=True)
class CorpusDefinition:
    key: str  # term slug
    speech: str  # speech slug
    unit: str  # anchor id of the paragraph or heading
    text: str  # the quotation, the speech's own words
    term_start: int  # where the term stands inside `text`
    term_end: int
    kind: str


def find_definitions(text: str, marks: Sequence[Mark]) -> list[Found]:
    """Definitions of the marked terms in one unit's text, at most one per term and place."""
    terms = [mark for mark in marks if mark.kind == "term"]
    candidates = [found for mark in terms if (found := _at(text, mark)) is not None]
    starts = sorted(found.start for found in candidates if found.kind in BLOCK_KINDS)
    resolved = [_close_run_in(text, found, starts) for found in candidates]
    return _without_nested(resolved)


def corpus_definitions(corpus: Corpus, annotations: Annotations) -> list[CorpusDefinition]:
    return [found for speech in corpus.speeches for found in speech_definitions(speech, annotations)]


def speech_definitions(speech: Speech, annotations: Annotations) -> list[CorpusDefinition]:
    """The definitions of glossary terms one speech gives in its own words, in document order."""
    definitions: list[CorpusDefinition] = []
    for unit_id, text in units_of(speech):
        marks = annotations.of(speech.slug, unit_id).marks_of("term")
        if not marks:
            continue
        for found in find_definitions(text, marks):
            mark = next(
                m for m in marks if m.key == found.key and found.start <= m.start < found.end
            )
            definitions.append(
                CorpusDefinition(
                    found.key,
                    speech.slug,
                    unit_id,
                    text[found.start : found.end],
                    mark.start - found.start,
                    mark.end - found.start,
                    found.kind,
                )
            )
    return definitions


def _at(text: str, mark: Mark) -> Found | None:
    start = mark.start - 1 if mark.start and text[mark.start - 1] in OPENING_QUOTES else mark.start
    after = mark.end
    while after < len(text) and text[after] in CLOSING_QUOTES:
        after += 1
    at_clause_start = start == 0 or text[start - 1] in CLAUSE_START
    if DEFINES.match(text, after) or APPOSITION.match(text, after):
        kind = "defines" if DEFINES.match(text, after) else "apposition"
        return Found(mark.key, start, _sentence_end(text, after), kind)
    brackets = BRACKETS.match(text, after)
    if brackets and ("、" in brackets.group(1) or "，" in brackets.group(1)):
        return Found(mark.key, start, brackets.end(), "brackets")
    if at_clause_start and COLON.match(text, after):
        return Found(mark.key, start, _sentence_end(text, after), "colon")
    if at_clause_start and (run_in := RUN_IN.match(text, after)):
        return Found(mark.key, start, run_in.end(), "run-in")  # closed later
    items = _items_end(text, text[mark.start : mark.end], after)
    return Found(mark.key, start, items, "items") if items else None


def _close_run_in(text: str, found: Found, starts: Iterable[int]) -> Found:
    """A run-in gloss reaches to the next gloss that starts a block, or the end of the unit."""
    if found.kind != "run-in":
        return found
    end = next((start for start in starts if start > found.start), len(text))
    explanation = text[found.end : end].strip()
    if not explanation:
        return Found(found.key, found.start, found.start, "none")
    return Found(found.key, found.start, found.end + len(text[found.end : end].rstrip()), "run-in")


def _items_end(text: str, term: str, after: int) -> int | None:
    """After a numbered formula, as many 、-separated items as its first numeral says."""
    number = next((NUMERALS[char] for char in term if char in NUMERALS), None)
    if number is None or number < 2:
        return None
    position = after
    while position < len(text) and text[position] in "：: ":
        position += 1
    if position >= len(text) or text[position] in NOT_AN_ITEM:
        return None  # 、…: the term is itself an item; 的…: a property, not an expansion
    stop = ITEMS_END.search(text, position)
    end = stop.start() if stop else len(text)
    items = [item for item in text[position:end].split("、") if item.strip()]
    if len(items) == number and all(len(item) >= 2 for item in items):
        return end
    return None


def _sentence_end(text: str, position: int) -> int:
    end = SENTENCE_END.search(text, position)
    return end.end() if end else len(text)


def _without_nested(found: Iterable[Found]) -> list[Found]:
    """One quotation per term and place: drop empty ones and those inside a kept one."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if item.end <= item.start:
            continue
        if any(k.key == item.key and k.start <= item.start and item.end <= k.end for k in kept):
            continue
        kept.append(item)
    return kept
