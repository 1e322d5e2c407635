"""Find formulations (提法) that the glossary does not list yet (for `speechsite candidates`).

The sightings of `formulations` (numbered formulas, parallel slogans, numbered series, quoted
phrases, coined names of posts and methods) are gathered over the parsed spoken text
(paragraphs and headings) under one key per formulation, and ranked by their evidence:

- quoted (the speaker marks it as a set phrase) 3, coined name 2, numeral pattern 2, parallel
  items of a slogan 2 (1 more for three or more), other series 1;
- repetition: 2 for each further speech that uses it (at most 6), 1 from 2 and 1 more from 4
  occurrences;
- minus 2 for an everyday dictionary word (“毒瘤”, “拖后腿”), minus 1 beyond 12 characters.

Anything that is, contains or is part of a form of a glossary term is left out, so is what
scores below `MIN_SCORE` unless asked for. Each candidate comes with its count, the number of
speeches and its contexts (the first in each speech first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Corpus, Speech
from .formulations import Sighting, Words, formulation_key, sightings
from .glossary import Glossary
from .matcher import trie_pattern
from .words import DictionaryWords

WEIGHTS = {"quoted": 3, "coined": 2, "numeral": 2, "parallel": 2, "series": 1}
MIN_SCORE = 3  # a lone quoted everyday word (1) or an unrepeated plain series (1) is not listed
LONG = 12  # characters (separators not counted) beyond which a phrase is more sentence than name
CONTEXT = 15  # characters of context on each side


@dataclass(frozen=True)
class Place:
    path: str  # source file, relative to the sources folder
    line: int
    context: str


@dataclass(frozen=True)
class Candidate:
    phrase: str  # the normalised formulation
    kind: str  # "numbered", "series", "coined" or "quoted": its strongest shape
    evidence: tuple[str, ...]
    score: int
    count: int  # occurrences in the spoken text
    speeches: int
    forms: tuple[str, ...]  # written otherwise than `phrase` (片区“三联”, 人防+物防+技防)
    places: tuple[Place, ...]  # the first in each speech first, then the others

    @property
    def example(self) -> Place:
        return self.places[0]


@dataclass(frozen=True)
class _Unit:
    speech: int  # index in the corpus
    path: str
    line: int
    text: str


Seen = dict[str, dict[tuple[int, int], Sighting]]  # key → (unit, start) → sighting


def find_candidates(
    corpus: Corpus, glossary: Glossary, min_count: int = 1, min_score: int = MIN_SCORE,
    words: Words | None = None,
) -> list[Candidate]:  # fmt: skip
    words = words or DictionaryWords()
    units = [
        _Unit(index, path, line, text)
        for index, speech in enumerate(corpus.speeches)
        for path, line, text in _units(speech)
    ]
    is_known = _known(glossary)
    seen: Seen = {}
    for number, unit in enumerate(units):
        for sighting in sightings(unit.text, words):
            if not is_known(sighting.key):
                places = seen.setdefault(_identity(sighting.key), {})
                where = (number, sighting.start)
                places[where] = _merge(places[where], sighting) if where in places else sighting
    _add_plain_occurrences(seen, units)
    candidates = [_candidate(key, places, units, words) for key, places in seen.items()]
    kept = [c for c in candidates if c.count >= min_count and c.score >= min_score]
    return sorted(kept, key=lambda c: (-c.score, -c.count, c.places[0].path, c.places[0].line))


def _identity(key: str) -> str:
    """One key for a series in any order (源头治理、系统治理… and 系统治理、源头治理…)."""
    return "、".join(sorted(key.split("、"))) if "、" in key else key


def _merge(first: Sighting, other: Sighting) -> Sighting:
    """Two patterns that saw the same place: the evidence of both, the longer spelling."""
    form = first.form if len(first.form) >= len(other.form) else other.form
    end = max(first.end, other.end)
    key = first.key if first.end >= other.end else other.key
    return Sighting(key, first.start, end, form, first.evidence | other.evidence)


def _known(glossary: Glossary) -> Callable[[str], bool]:
    """Whether a phrase is, contains or is part of a form of a glossary term. A series is
    known when one of its items is a term (党政同责、一岗双责…), when it contains a series of
    the glossary, or when its items are among a term's items (保增长、保稳定); a term inside an
    item does not make a new slogan known (积案 in 清积案、治重访、化初访、促和谐)."""
    forms = {formulation_key(form) for term in glossary.terms for form in term.forms}
    forms.discard("")
    parts = {
        form[i:j] for form in forms for i in range(len(form)) for j in range(i + 1, len(form) + 1)
    }
    contains = re.compile(trie_pattern(forms))
    series = [form for form in forms if "、" in form]
    contains_series = re.compile(trie_pattern(series))
    item_sets = [set(form.split("、")) for form in series]

    def known(phrase: str) -> bool:
        items = phrase.split("、")
        if phrase in parts or (len(items) == 1 and contains.search(phrase)):
            return True
        if len(items) == 1:
            return False
        if any(item in forms for item in items) or contains_series.search(phrase):
            return True
        return any(set(items) <= known_items for known_items in item_sets)

    return known


def _add_plain_occurrences(seen: Seen, units: list[_Unit]) -> None:
    """A formulation also occurs where it is written without the marks that revealed it
    (“上培下派” once, 上培下派 later), unless that place is part of another sighting."""
    plain = [key for key in seen if "、" not in key]
    finder = re.compile(trie_pattern(plain))
    taken: dict[int, list[tuple[int, int]]] = {}
    for places in seen.values():
        for (number, _), sighting in places.items():
            taken.setdefault(number, []).append((sighting.start, sighting.end))
    for number, unit in enumerate(units):
        for match in finder.finditer(unit.text):
            spans = taken.get(number, [])
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            key = match.group()
            sighting = Sighting(key, match.start(), match.end(), key, frozenset())
            seen[key][(number, match.start())] = sighting


def _candidate(
    identity: str, places: dict[tuple[int, int], Sighting], units: list[_Unit], words: Words
) -> Candidate:
    ordered = sorted(places.items())
    key = ordered[0][1].key  # as first written
    evidence = set().union(*(sighting.evidence for sighting in places.values()))
    speeches = {units[unit].speech for unit, _ in places}
    score = sum(WEIGHTS[name] for name in evidence) + min(2 * (len(speeches) - 1), 6)
    score += (len(places) >= 2) + (len(places) >= 4)
    if "parallel" in evidence and key.count("、") >= 2:
        score += 1  # slogans come in threes and fours
    if "、" not in key and words.is_word(key):
        score -= 2
    if len(key.replace("、", "")) > LONG:
        score -= 1
    first_in_speech: dict[int, tuple[int, int]] = {}
    for unit, start in (where for where, _ in ordered):
        first_in_speech.setdefault(units[unit].speech, (unit, start))
    order = list(first_in_speech.values()) + [
        w for w, _ in ordered if w not in first_in_speech.values()
    ]
    forms = tuple(dict.fromkeys(s.form for _, s in ordered if _unquoted(s.form) != key))
    return Candidate(
        key, _kind(evidence), tuple(name for name in WEIGHTS if name in evidence), score,
        len(places), len(speeches), forms,
        tuple(_place(units[unit], places[(unit, start)]) for unit, start in order),
    )  # fmt: skip


def _unquoted(form: str) -> str:
    return form.replace("“", "").replace("”", "")


def _kind(evidence: set[str]) -> str:
    if "numeral" in evidence:
        return "numbered"
    if evidence & {"parallel", "series"}:
        return "series"
    return "coined" if "coined" in evidence else "quoted"


def _units(speech: Speech) -> Iterator[tuple[str, int, str]]:
    """(source path, line, text) of every heading and paragraph."""
    for section in speech.all_sections():
        yield speech.source.path, section.line, section.heading
    for paragraph in speech.all_paragraphs():
        yield speech.source.path, paragraph.line, paragraph.text


def _place(unit: _Unit, sighting: Sighting) -> Place:
    text = unit.text
    start, end = max(0, sighting.start - CONTEXT), min(len(text), sighting.end + CONTEXT)
    context = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return Place(unit.path, unit.line, context)
