"""`data/reuse.csv.gz`: one row per pair of paragraphs that share text (passage reuse, 同文).

Columns: speech_id, paragraph_id, other_speech_id, other_paragraph_id, shared_chars,
similarity. Speech ids are those of `data/corpus.json` (the source path without `.txt`),
paragraph ids its paragraph `id`s (the anchors of the speech pages). A pair appears once,
the earlier speech first (by date, undated last, then by slug); it is there when either
paragraph lists the other on its page (at most 5 other speeches per paragraph, see
annotate/reuse.py). Written with the shared CSV writer (`tables.to_csv_gz`: BOM, spreadsheet-safe
cells, gzip-compressed); documented in docs/data.md.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

import numpy as np

from ..annotate.reuse import chronological
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import REUSE_CSV
from .tables import to_csv_gz

REUSE_COLUMNS = (
    "speech_id", "paragraph_id", "other_speech_id", "other_paragraph_id", "shared_chars",
    "similarity",
)  # fmt: skip


def reuse_csv(ctx: RenderContext) -> Iterator[OutputFile]:
    yield OutputFile(REUSE_CSV, to_csv_gz(REUSE_COLUMNS, reuse_rows(ctx)))


def reuse_rows(ctx: RenderContext) -> Iterator[tuple[object, ...]]:
    """The rows in order: the earlier speech's paragraph, then the later one's (speeches in
    chronological order, paragraphs by id). A pair listed from both sides is one row (its
    values as last listed). Every paragraph is a number (`_Places`) and a link two numbers
    and its values in arrays: a dictionary of the pairs' tuples took 52 MB at 2,000 speeches."""
    places = _Places(ctx)
    firsts, seconds, shared, similarity = array("q"), array("q"), array("q"), array("d")
    for slug, paragraph, link in ctx.reuse.all_links(with_spans=False):
        here, there = places.number(slug, paragraph), places.number(link.speech, link.paragraph)
        firsts.append(min(here, there))  # the earlier speech's place has the smaller number
        seconds.append(max(here, there))
        shared.append(link.shared_chars)
        similarity.append(link.similarity)
    keys = np.frombuffer(firsts, dtype=np.int64) * places.count + np.frombuffer(seconds, dtype=np.int64)
    by_key = np.argsort(keys, kind="stable")  # a pair's rows in the order they were listed
    sorted_keys, last_listed = keys[by_key], np.ones(len(keys), dtype=bool)
    last_listed[:-1] = sorted_keys[1:] != sorted_keys[:-1]
    for row in by_key[last_listed].tolist():
        (speech, paragraph), (other, other_paragraph) = places.of(firsts[row]), places.of(seconds[row])
        yield speech, paragraph, other, other_paragraph, shared[row], f"{similarity[row]:.3f}"


class _Places:
    """Every paragraph of passage reuse numbered in the rows' order: by the chronological order
    of its speech, then by its id."""

    def __init__(self, ctx: RenderContext) -> None:
        ids = {speech.slug: _speech_id(speech.source.path) for speech in ctx.corpus.speeches}
        paragraphs = {speech.key: [paragraph for paragraph, _ in speech.paragraphs] for speech in ctx.reuse.speeches}
        self._numbers: dict[str, dict[str, int]] = {}
        self._places: list[tuple[str, str]] = []  # by number: the speech id and the paragraph id
        for speech in sorted(ctx.corpus.speeches, key=chronological):
            numbered = sorted(set(paragraphs.get(speech.slug, ())))
            self._numbers[speech.slug] = {paragraph: len(self._places) + n for n, paragraph in enumerate(numbered)}
            self._places.extend((ids[speech.slug], paragraph) for paragraph in numbered)
        self.count = len(self._places)

    def number(self, slug: str, paragraph: str) -> int:
        return self._numbers[slug][paragraph]

    def of(self, number: int) -> tuple[str, str]:
        return self._places[number]


def _speech_id(path: str) -> str:
    return path.removesuffix(".txt")
