"""Find likely policy terms that the glossary does not list yet: `speechsite candidates`.

Three kinds of evidence, over the parsed spoken text (paragraphs and headings):

- numbered: numbered formulas — two or more numerals each with a short word (一村一代理,
  两客一危一货, 五级五覆盖, 四不两直), 四个X (四个意识, 六个一), and quoted phrases that
  start with a numeral (“三资”, “两卡”);
- quoted: other short phrases in Chinese quotation marks (“…” of 2–8 characters);
- compound: the most frequent character strings of 4–10 characters without function words,
  only the longest one where a shorter string never occurs on its own.

Anything that is, contains or is part of a form of a glossary term is left out. Each
candidate comes with its count in the corpus and the first place it occurs.
"""

from __future__ import annotations

import argparse
import re
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..annotate.glossary import Glossary, load_glossary
from ..annotate.matcher import trie_pattern
from ..model import Corpus, Speech

NUMERAL = "一二两三四五六七八九十双"
CJK_WORD = f"(?:(?![{NUMERAL}])[\u4e00-\u9fff])"
NUMBERED = re.compile(rf"[{NUMERAL}]+{CJK_WORD}{{1,3}}(?:[{NUMERAL}]+{CJK_WORD}{{1,3}})+")
COUNTED = re.compile(rf"[{NUMERAL}]+个(?:[{NUMERAL}]|{CJK_WORD}{{2}})")
QUOTED = re.compile(r"“([^“”\s，。；：！？,.;:!?（）()《》]{2,8})”")
REDACTED = re.compile(r"[*＊]|XX|ＸＸ")
COMPOUND_SIZES = range(4, 11)  # counted up to 10 so that only the longest repeated string is listed
COMPOUND_MIN = 3  # a compound must occur at least this often to be listed
COMPOUND_LIMIT = 300  # only the most frequent compounds: the weakest kind of evidence
STOP_CHARS = "的了和是在要对把与及等这那我们你他她它也都就而又为以于将被从向不有没所之其或并且但更最很该各每此"
COMMON_STARTS = {  # everyday words that start with a numeral: not the head of a formula
    "一些", "一方", "一定", "一批", "一步", "一切", "一起", "一直", "一旦", "一致", "一律",
    "一次", "一级", "一个", "一项", "一种", "一年", "一天", "一手", "一把", "一道", "一线",
    "一是", "二是", "三是", "四是", "五是", "六是", "一要", "二要", "三要", "四要", "五要",
    "一时", "一体", "一并", "一般", "一样", "两个", "三个", "一大", "一段", "一件",
}  # fmt: skip
SEPARATOR = "\x00"
CONTENT_RUN = re.compile(f"[^\\W\\da-zA-Z_{STOP_CHARS}]{{{4},}}")  # no function words, no digits
KIND_ORDER = ("numbered", "quoted", "compound")


@dataclass(frozen=True)
class Place:
    path: str  # source file, relative to the sources folder
    line: int
    context: str


@dataclass(frozen=True)
class Candidate:
    phrase: str
    kind: str  # "numbered", "quoted" or "compound"
    count: int  # occurrences in the spoken text
    example: Place


def find_candidates(corpus: Corpus, glossary: Glossary, min_count: int = 1) -> list[Candidate]:
    units = [unit for speech in corpus.speeches for unit in _units(speech)]
    texts = [text for _, _, text in units]
    is_known = _known(glossary)
    found: dict[str, str] = {}
    for text in texts:
        for phrase, kind in _phrases(text):
            found.setdefault(phrase, kind)
    found = {phrase: kind for phrase, kind in found.items() if not is_known(phrase)}
    counts, first = _count(found, texts)
    candidates = [
        Candidate(phrase, kind, counts[phrase], _place(units, first[phrase], phrase))
        for phrase, kind in found.items()
        if counts[phrase] >= min_count
    ]
    frequent = sorted(_compounds(texts).items(), key=lambda item: (-item[1], item[0]))
    compounds = dict(
        [
            (gram, count)
            for gram, count in frequent
            if count >= min_count and gram not in found and not is_known(gram)
        ][:COMPOUND_LIMIT]
    )
    places = _first_places(compounds, texts)
    candidates += [
        Candidate(gram, "compound", count, _place(units, places[gram], gram))
        for gram, count in compounds.items()
    ]
    return sorted(candidates, key=lambda c: (KIND_ORDER.index(c.kind), -c.count, c.phrase))


def _known(glossary: Glossary) -> Callable[[str], bool]:
    """Whether a phrase is, contains or is part of a form of a glossary term."""
    forms = [form for term in glossary.terms for form in term.forms]
    parts = {
        form[i:j] for form in forms for i in range(len(form)) for j in range(i + 1, len(form) + 1)
    }
    contains = re.compile(trie_pattern(forms))
    return lambda phrase: phrase in parts or contains.search(phrase) is not None


def _first_places(grams: Collection[str], texts: list[str]) -> dict[str, tuple[int, int]]:
    """Where each string first occurs (unit, offset), in one pass that stops when all are found."""
    sizes = sorted({len(gram) for gram in grams})
    missing = set(grams)
    places: dict[str, tuple[int, int]] = {}
    for index, text in enumerate(texts):
        for size in sizes:
            for start in range(len(text) - size + 1):
                gram = text[start : start + size]
                if gram in missing:
                    places[gram] = (index, start)
                    missing.discard(gram)
        if not missing:
            break
    return places


def _count(
    phrases: Iterable[str], texts: list[str]
) -> tuple[Counter[str], dict[str, tuple[int, int]]]:
    """How often each phrase occurs and where first (unit, offset), in one pass over the texts.

    Counted the way the glossary would count it once added: leftmost-longest, without overlaps
    (a phrase inside a longer candidate at the same place counts for the longer one)."""
    finder = re.compile(trie_pattern(phrases))
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for index, text in enumerate(texts):
        for match in finder.finditer(text):
            phrase = match.group()
            counts[phrase] += 1
            first.setdefault(phrase, (index, match.start()))
    return counts, first


def _units(speech: Speech) -> Iterator[tuple[str, int, str]]:
    """(source path, line, text) of every heading and paragraph."""
    for section in speech.all_sections():
        yield speech.source.path, section.line, section.heading
    for paragraph in speech.all_paragraphs():
        yield speech.source.path, paragraph.line, paragraph.text


def _phrases(text: str) -> Iterator[tuple[str, str]]:
    for match in QUOTED.finditer(text):
        phrase = match.group(1)
        if re.search(r"[\u4e00-\u9fff]", phrase) and not REDACTED.search(phrase):
            yield phrase, "numbered" if phrase[0] in NUMERAL else "quoted"
    for pattern in (NUMBERED, COUNTED):
        for match in pattern.finditer(text):
            phrase = match.group()
            if not any(phrase.startswith(word) for word in COMMON_STARTS) or pattern is COUNTED:
                yield phrase, "numbered"


def _compounds(texts: list[str]) -> dict[str, int]:
    """Character strings of 4–10 that recur, without function words, longest that keeps the count.

    Counted inside runs of content characters only (joined by a separator); each size is
    counted only at the places where the string one character shorter was frequent, so the
    work shrinks with each size."""
    text = SEPARATOR.join(run for text in texts for run in CONTENT_RUN.findall(text))
    frequent: dict[str, int] = {}
    places: Iterable[int] = range(len(text))
    for size in COMPOUND_SIZES:
        grams = (text[start : start + size] for start in places)
        counts = Counter(gram for gram in grams if len(gram) == size and SEPARATOR not in gram)
        kept = {gram: count for gram, count in counts.items() if count >= COMPOUND_MIN}
        if not kept:
            break
        frequent.update(kept)
        places = array("l", (start for start in places if text[start : start + size] in kept))
    covered = set()  # strings that only ever occur inside one longer frequent string
    for gram, count in frequent.items():
        for part in (gram[1:], gram[:-1]):
            if frequent.get(part) == count:
                covered.add(part)
    return {gram: count for gram, count in frequent.items() if gram not in covered}


def _place(units: list[tuple[str, int, str]], where: tuple[int, int], phrase: str) -> Place:
    path, line, text = units[where[0]]
    at = where[1]
    start, end = max(0, at - 15), min(len(text), at + len(phrase) + 15)
    context = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return Place(path, line, context)


def format_candidates(candidates: Iterable[Candidate]) -> str:
    lines = [f"{'count':>5}  {'kind':<8}  {'candidate':<10}  where / example"]
    for c in candidates:
        where = f"{c.example.path}:{c.example.line}"
        lines.append(f"{c.count:>5}  {c.kind:<8}  {c.phrase:<10}  {where}  {c.example.context}")
    return "\n".join(lines)


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "candidates",
        help="list likely policy terms that the glossary does not have yet",
        description="Scan the speeches for numbered formulas (一X一Y, 四个X …), short quoted "
        "phrases and frequent compounds that no glossary term covers, with counts and an example.",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=Path("source_texts"),
        help="speech texts (default: source_texts)",
    )
    parser.add_argument(
        "--glossary", type=Path, help="glossary (default: SOURCES/glossary.yml if present)"
    )
    parser.add_argument(
        "--min-count", type=int, default=1, help="list only candidates that occur at least N times"
    )
    parser.set_defaults(run=run_candidates)


def run_candidates(args: argparse.Namespace) -> int:
    from ..errors import SpeechSiteError
    from ..pipeline import read_corpus

    sources: Path = args.sources
    if not sources.is_dir():
        raise SpeechSiteError(
            f"{sources}: no such folder — pass the folder of speech texts with --sources"
        )
    glossary_path = args.glossary or sources / "glossary.yml"
    glossary = load_glossary(glossary_path if glossary_path.exists() else None)
    candidates = find_candidates(read_corpus(sources), glossary, args.min_count)
    print(format_candidates(candidates))
    return 0
