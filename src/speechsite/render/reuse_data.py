"""`reuse/speeches/<slug>.js`: what the browser needs to list a speech's reuse and compare it.

One script per speech that shares text, calling `window.__speechsiteReuse(slug, data)` (a
script, not JSON, so that it loads from file:// too). `data`:

- `speeches`: the speeches it names, `[slug, title, date, level, place, page]` (page: the
  speech page's site path); the first is the speech itself;
- `links`: per paragraph id, the other places, earliest first —
  `[speech, paragraph id, citation, shared characters, similarity]`, speech an index into
  `speeches`;
- `pairs`: per partner offered for comparison (its slug), the paragraph pairs —
  `[own paragraph id, partner's, shared characters, own shared spans, partner's, own
  differing ranges, partner's]` (character offsets, end exclusive);
- `paragraphs`: per paragraph id in `pairs`, `[citation, text]`.

JSON with `<`, `>`, `&` and the two JavaScript line terminators escaped: source text stays
text wherever the script is read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..annotate.reuse_speeches import SpeechPair
from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import html_path, reuse_data, speech_page
from .reuse_diff import differences

CALLBACK = "__speechsiteReuse"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def reuse_scripts(ctx: RenderContext) -> Iterator[OutputFile]:
    reuse = ctx.reuse
    if not reuse.sharing_speeches:
        return
    citations = {
        (speech.slug, p.id): p.citation for speech in ctx.corpus.speeches for p in speech.all_paragraphs()
    }
    offered: dict[str, list[SpeechPair]] = defaultdict(list)
    for pair in ctx.speech_reuse.pairs.values():
        offered[pair.first].append(pair)
        offered[pair.second].append(pair)
    compared: dict[tuple[str, str], list[list[Any]]] = {}
    for speech in ctx.corpus.speeches:
        if speech.slug in reuse.sharing_speeches:
            data = _speech_data(ctx, speech, citations, offered[speech.slug], compared)
            yield OutputFile(reuse_data(speech.slug), script(speech.slug, data))


def script(slug: str, data: dict[str, Any]) -> str:
    payload = json.dumps([slug, data], ensure_ascii=False, separators=(",", ":"))
    for char, escape in _ESCAPES.items():
        payload = payload.replace(char, escape)
    return f"window.{CALLBACK}.apply(null,{payload});\n"


def _speech_data(
    ctx: RenderContext,
    speech: Speech,
    citations: dict[tuple[str, str], str],
    offered: list[SpeechPair],
    compared: dict[tuple[str, str], list[list[Any]]],
) -> dict[str, Any]:
    names = _Names(ctx, speech)
    links: dict[str, list[list[Any]]] = {}
    for paragraph in speech.all_paragraphs():
        found = ctx.reuse.links(speech.slug, paragraph.id)
        if found:
            links[paragraph.id] = [
                [names.index(link.speech), link.paragraph, citations.get((link.speech, link.paragraph), ""),
                 link.shared_chars, link.similarity]
                for link in found
            ]  # fmt: skip
    pairs: dict[str, list[list[Any]]] = {}
    for pair in sorted(offered, key=lambda p: -p.shared_chars):
        mine = pair.first == speech.slug
        rows = _pair_rows(ctx, pair, compared)
        partner = pair.second if mine else pair.first
        names.index(partner)
        pairs[partner] = rows if mine else [[r[1], r[0], r[2], r[4], r[3], r[6], r[5]] for r in rows]
    texts = {p.id: [p.citation, p.text] for p in speech.all_paragraphs()}
    used = {row[0] for rows in pairs.values() for row in rows}
    return {
        "speeches": names.rows,
        "links": links,
        "pairs": pairs,
        "paragraphs": {pid: texts[pid] for pid in sorted(used)},
    }


def _pair_rows(
    ctx: RenderContext, pair: SpeechPair, compared: dict[tuple[str, str], list[list[Any]]]
) -> list[list[Any]]:
    """The paragraph pairs of a speech pair with their spans and differences, made once."""
    key = (pair.first, pair.second)
    if key not in compared:
        first, second = ctx.corpus.by_slug[pair.first], ctx.corpus.by_slug[pair.second]
        texts = {(first.slug, p.id): p.text for p in first.all_paragraphs()}
        texts.update({(second.slug, p.id): p.text for p in second.all_paragraphs()})
        rows = []
        for a, b, shared in pair.paragraphs:
            spans_a, spans_b = ctx.reuse.pair_spans(pair.first, a, pair.second, b)
            text_a, text_b = texts[(pair.first, a)], texts[(pair.second, b)]
            diff_a, diff_b = differences(text_a, spans_a, text_b, spans_b)
            rows.append([a, b, shared, _lists(spans_a), _lists(spans_b), _lists(diff_a), _lists(diff_b)])
        compared[key] = rows
    return compared[key]


def _lists(spans: Any) -> list[list[int]]:
    return [[start, end] for start, end in spans]


class _Names:
    """The speeches a data script names, the speech itself first."""

    def __init__(self, ctx: RenderContext, speech: Speech) -> None:
        self.ctx = ctx
        self.rows: list[list[Any]] = []
        self.numbers: dict[str, int] = {}
        self.index(speech.slug)

    def index(self, slug: str) -> int:
        if slug not in self.numbers:
            speech = self.ctx.corpus.by_slug[slug]
            meta = speech.meta
            self.numbers[slug] = len(self.rows)
            self.rows.append([
                slug, speech.display_title, meta.date or "", meta.level or "", meta.place or "",
                html_path(speech_page(slug)),
            ])  # fmt: skip
        return self.numbers[slug]
