"""Outline recovery on texts in other shapes: heading precision/recall, titles, paragraphs.

    .venv/bin/python benchmarks/bench_outline.py                    # seeds + corpus speeches, reshaped
    .venv/bin/python benchmarks/bench_outline.py --real DIR         # DIR/*.txt against DIR/outlines.yml
    .venv/bin/python benchmarks/bench_outline.py --show collapsed   # also list the misses of a shape
    .venv/bin/python benchmarks/bench_outline.py --seeds            # unit starts per seed and joining

Reshaped: the text of each reference document (the five seeds and a sample of the speeches
in ../shared/corpora; one line a title, heading or paragraph, debris left out) is turned into the shapes real files come in — its line breaks stripped
(lines joined with nothing, with 　　 or with a space), hard-wrapped at a fixed width (with an
indent or a blank line at paragraph starts) — and parsed again. The reference outline is the
parse of the original file by the same code, so a shape scores 100 % when it changes nothing.

Real: hand-written reference outlines (`outlines.yml` beside the documents):

    name.txt:
      title: 在…会议上的讲话        # or null
      salutation: 同志们：          # or null
      headings:                      # marker + heading as written, two spaces of indent a level
        - 一、总体要求
        - "  第一，加强领导"

Headings are compared as written with whitespace removed (strict), or by level and marker
with the found heading starting with the reference one (loose: a heading run into its first
sentence with no punctuation between them cannot be cut apart exactly).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from speechsite.model import Section, Speech  # noqa: E402
from speechsite.parse import parse  # noqa: E402
from speechsite.read import read_source, source_from_text  # noqa: E402
from speechsite.repair import repair  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS_FOLDERS = ("gwr-provincial-2026-web", "cpc-congress-reports-wikisource", "gwr-national-wikisource")
_SPACE = re.compile(r"\s+")
WRAP_WIDTH = 68  # display columns: 34 Chinese characters


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def columns(text: str) -> int:
    """Display columns: two for a Chinese character or full-width mark, one for ASCII."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fill(paragraph: str, lead: str) -> str:
    """Break a paragraph as a word processor does: every line WRAP_WIDTH display columns."""
    lines, line = [], lead
    for char in paragraph:
        if columns(line + char) > WRAP_WIDTH:
            lines.append(line)
            line = ""
        line += char
    return "\n".join([*lines, line])


def _wrap(text: str, lead: str, between: str) -> str:
    return between.join(_fill(p, lead) for p in _paragraphs(text)) + "\n"


SHAPES: dict[str, Callable[[str], str]] = {
    "as-is": lambda text: text,
    "joined": lambda text: "".join(_paragraphs(text)) + "\n",
    "joined-ideographic": lambda text: "\u3000\u3000".join(_paragraphs(text)) + "\n",
    "joined-space": lambda text: " ".join(_paragraphs(text)) + "\n",
    "wrapped-indent": lambda text: _wrap(text, "\u3000\u3000", "\n"),
    "wrapped-blank": lambda text: _wrap(text, "", "\n\n"),
}


@dataclass(frozen=True)
class Reference:
    name: str
    title: str | None
    salutation: str | None
    headings: tuple[tuple[int, str], ...]  # (depth, marker + heading, squeezed)
    boundaries: frozenset[int] = frozenset()  # squeezed offsets where a unit starts


@dataclass
class Score:
    documents: int = 0
    strict: Counter[str] = field(default_factory=Counter)  # found, expected, matched
    loose: Counter[str] = field(default_factory=Counter)
    titles: int = 0
    salutations: int = 0
    boundaries: Counter[str] = field(default_factory=Counter)  # expected, kept
    misses: list[str] = field(default_factory=list)


def headings_of(speech: Speech) -> tuple[tuple[int, str], ...]:
    def walk(section: Section, depth: int) -> Iterator[tuple[int, str]]:
        yield depth, squeeze(section.marker + section.heading)
        for sub in section.subsections:
            yield from walk(sub, depth + 1)

    return tuple(h for section in speech.sections for h in walk(section, 0))


def boundaries_of(speech: Speech) -> frozenset[int]:
    starts, position = set(), 0
    for piece in speech.text_pieces():
        starts.add(position)
        position += len(squeeze(piece))
    return frozenset(starts - {0})


def reference_of(name: str, speech: Speech) -> Reference:
    return Reference(name, speech.title, speech.salutation, headings_of(speech), boundaries_of(speech))


def _matches(found: tuple[tuple[int, str], ...], expected: tuple[tuple[int, str], ...],
             same: Callable[[tuple[int, str], tuple[int, str]], bool]) -> int:
    """Headings matched in order (longest common subsequence under `same`)."""
    table = [[0] * (len(expected) + 1) for _ in range(len(found) + 1)]
    for i, got in enumerate(found):
        for j, want in enumerate(expected):
            table[i + 1][j + 1] = (table[i][j] + 1 if same(got, want)
                                   else max(table[i][j + 1], table[i + 1][j]))
    return table[-1][-1]


def _marker(text: str) -> str:
    match = re.match(r"[（(]?[一二三四五六七八九十百零〇\d]+[）)、.．，,：:]?|第[一二三四五六七八九十]+[^，,、：:]{0,3}", text)
    return match.group(0) if match else ""


def _loose(got: tuple[int, str], want: tuple[int, str]) -> bool:
    return got[0] == want[0] and got[1].startswith(want[1]) or (
        got[0] == want[0] and _marker(got[1]) == _marker(want[1]) != "" and want[1].startswith(got[1]))


def score(scores: Score, reference: Reference, speech: Speech) -> None:
    found, expected = headings_of(speech), reference.headings
    scores.documents += 1
    strict = _matches(found, expected, lambda a, b: a == b)
    loose = _matches(found, expected, _loose)
    scores.strict.update(found=len(found), expected=len(expected), matched=strict)
    scores.loose.update(found=len(found), expected=len(expected), matched=loose)
    scores.titles += squeeze(speech.title or "") == squeeze(reference.title or "")
    scores.salutations += squeeze(speech.salutation or "") == squeeze(reference.salutation or "")
    if reference.boundaries:
        kept = reference.boundaries & boundaries_of(speech)
        scores.boundaries.update(expected=len(reference.boundaries), kept=len(kept))
    if loose < len(expected) or loose < len(found) or squeeze(speech.title or "") != squeeze(
            reference.title or ""):
        missing = [h for _, h in expected if h not in {g for _, g in found}][:4]
        extra = [h for _, h in found if h not in {e for _, e in expected}][:4]
        scores.misses.append(f"{reference.name}: title {speech.title!r}; missing {missing}; extra {extra}")


def parse_text(text: str, name: str) -> Speech:
    return parse(repair(source_from_text(text, name)))


def corpus_documents(per_folder: int) -> Iterator[Path]:
    yield from sorted((SHARED / "seeds").glob("*.txt"))
    for folder in CORPUS_FOLDERS:
        docs = sorted((SHARED / "corpora" / folder / "docs").glob("*.txt"))
        step = max(1, len(docs) // per_folder)
        yield from docs[::step][:per_folder]


def run_shapes(per_folder: int) -> dict[str, Score]:
    results = {shape: Score() for shape in SHAPES}
    for path in corpus_documents(per_folder):
        source = read_source(path, path.parent)
        original = parse(repair(source))
        reference = reference_of(path.name, original)
        clean = "\n".join(original.text_pieces())  # debris (chrome, page numbers) left out
        for shape, reshape in SHAPES.items():
            score(results[shape], reference, parse_text(reshape(clean), path.name))
    return results


def run_real(folder: Path) -> dict[str, Score]:
    expected = yaml.safe_load((folder / "outlines.yml").read_text(encoding="utf-8"))
    scores = Score()
    for name, entry in sorted(expected.items()):
        headings = tuple((
            (len(line) - len(line.lstrip(" "))) // 2, squeeze(line)) for line in entry.get("headings") or [])
        reference = Reference(name, entry.get("title"), entry.get("salutation"), headings)
        score(scores, reference, parse(repair(read_source(folder / name, folder))))
    return {"real": scores}


JOININGS = {"nothing": "", "　　": "\u3000\u3000", "a space": " "}


def run_seeds() -> None:
    """Per seed and joining: the share of the seed's unit starts found again when the lines of
    its file are joined (page numbers and all), as tests/test_shapes_property.py measures it."""
    print("| seed | " + " | ".join(f"joined with {name}" for name in JOININGS) + " |")
    print("|---|" + "---:|" * len(JOININGS))
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        seed = parse(repair(read_source(path, path.parent)))
        lines = [line.strip() for line in seed.body.split("\n") if line.strip()]
        expected = boundaries_of(seed)
        cells = []
        for joiner in JOININGS.values():
            kept = len(expected & boundaries_of(parse_text(joiner.join(lines) + "\n", path.name)))
            cells.append(f"{_percent(kept, len(expected)).strip()} ({kept}/{len(expected)})")
        print(f"| {path.name[:3]} | " + " | ".join(cells) + " |")


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    –"


def report(results: dict[str, Score], show: str | None) -> None:
    print("| shape | documents | heading P | heading R | loose P | loose R | titles | salutations "
          "| paragraph starts kept |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape, s in results.items():
        print(f"| {shape} | {s.documents} | {_percent(s.strict['matched'], s.strict['found'])} "
              f"| {_percent(s.strict['matched'], s.strict['expected'])} "
              f"| {_percent(s.loose['matched'], s.loose['found'])} "
              f"| {_percent(s.loose['matched'], s.loose['expected'])} "
              f"| {_percent(s.titles, s.documents)} | {_percent(s.salutations, s.documents)} "
              f"| {_percent(s.boundaries['kept'], s.boundaries['expected'])} |")
    for shape, s in results.items():
        if show and shape.startswith(show):
            print(f"\n{shape}:")
            print("\n".join(f"  {miss}" for miss in s.misses))


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--real", type=Path, help="folder of documents with an outlines.yml")
    options.add_argument("--per-folder", type=int, default=10, help="corpus speeches per folder")
    options.add_argument("--show", help="list the misses of the shapes starting with this")
    options.add_argument("--seeds", action="store_true", help="unit starts per seed and joining")
    args = options.parse_args()
    if args.seeds:
        run_seeds()
        return 0
    results = run_real(args.real) if args.real else run_shapes(args.per_folder)
    report(results, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
