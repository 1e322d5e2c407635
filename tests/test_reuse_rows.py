"""The rows of `data/reuse.csv.gz` (exports/reuse.py) on a generated corpus with hundreds of
links: the same rows, in the same order, as the plain definition — every link a pair, the
earlier speech first, a pair listed from both sides once with its values as last listed,
sorted by speech order and paragraph id."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import CORPORA, ROOT, SEEDS

from speechsite import pipeline
from speechsite.annotate.reuse import chronological
from speechsite.exports.reuse import reuse_rows
from speechsite.site.context import RenderContext

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as bench_corpus  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (CORPORA.exists() and SEEDS.exists()), reason="needs ../shared/corpora and ../shared/seeds"
)


def _plain_rows(ctx: RenderContext) -> list[tuple[object, ...]]:
    """The definition, with every pair in a dictionary."""
    order = {speech.slug: i for i, speech in enumerate(sorted(ctx.corpus.speeches, key=chronological))}
    rows: dict[tuple[str, str, str, str], tuple[int, float]] = {}
    for slug, paragraph, link in ctx.reuse.all_links(with_spans=False):
        here, there = (slug, paragraph), (link.speech, link.paragraph)
        first, second = (here, there) if order[slug] < order[link.speech] else (there, here)
        rows[(*first, *second)] = (link.shared_chars, link.similarity)
    ids = {speech.slug: speech.source.path.removesuffix(".txt") for speech in ctx.corpus.speeches}
    return [
        (ids[key[0]], key[1], ids[key[2]], key[3], *rows[key][:1], f"{rows[key][1]:.3f}")
        for key in sorted(rows, key=lambda k: (order[k[0]], k[1], order[k[2]], k[3]))
    ]


def test_reuse_rows_are_the_plain_definition(tmp_path: Path) -> None:
    sources = bench_corpus.write_corpus(60, tmp_path, seed=11)
    built = pipeline.build(pipeline.Options(sources))
    ctx = RenderContext(built.corpus, built.annotations, built.taxonomy, built.glossary,
                        sources=sources, reuse=built.reuse)
    links = list(ctx.reuse.all_links(with_spans=False))
    pairs = {frozenset({(slug, paragraph), (link.speech, link.paragraph)}) for slug, paragraph, link in links}
    assert len(pairs) > 200 and len(pairs) < len(links)  # many pairs listed from both sides
    rows = list(reuse_rows(ctx))
    assert rows == _plain_rows(ctx)
    assert len(rows) == len(pairs)
