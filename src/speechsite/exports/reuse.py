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

from collections.abc import Iterator

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
    speeches = ctx.corpus.by_slug
    order = {
        speech.slug: i for i, speech in enumerate(sorted(ctx.corpus.speeches, key=chronological))
    }
    rows: dict[tuple[str, str, str, str], tuple[int, float]] = {}
    for slug, paragraph, link in ctx.reuse.all_links(with_spans=False):
        here, there = (slug, paragraph), (link.speech, link.paragraph)
        first, second = (here, there) if order[slug] < order[link.speech] else (there, here)
        rows[(*first, *second)] = (link.shared_chars, link.similarity)
    for key in sorted(rows, key=lambda k: (order[k[0]], k[1], order[k[2]], k[3])):
        shared, similarity = rows[key]
        yield (
            _speech_id(speeches[key[0]].source.path), key[1],
            _speech_id(speeches[key[2]].source.path), key[3], shared, f"{similarity:.3f}",
        )  # fmt: skip


def _speech_id(path: str) -> str:
    return path.removesuffix(".txt")
