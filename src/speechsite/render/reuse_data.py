"""`reuse/speeches/<slug>.js`: what the browser needs to list a speech's reuse and compare it.

One script per speech that shares text, calling `window.__speechsiteReuse(slug, packed)` (a
script, not JSON, so that it loads from file:// too). `packed` is the data as JSON, raw-deflated
and written two bytes a code unit in a UTF-16 file, exactly like the search index's manifest
(site/packing.py; reuse.js unpacks it with search.js's `unpack`): at 2,000 generated speeches
whose paragraphs are nearly all shared, the scripts hold most of the corpus's text, and deflate
halves them. `data`:

- `speeches`: the speeches it names, `[slug, title, date, level, place, page]` (page: the
  speech page's site path); the first is the speech itself;
- `links`: per paragraph id, the other places, earliest first —
  `[speech, paragraph id, citation, shared characters, similarity]`, speech an index into
  `speeches`;
- `pairs`: per partner offered for comparison (its slug), the paragraph pairs —
  `[own paragraph id, partner's, shared characters, own shared spans, partner's, own
  differing ranges, partner's]` (character offsets, end exclusive);
- `paragraphs`: per paragraph id in `pairs`, `[citation, text]`.

Source text is data inside a deflated string: nothing in it can end the string or the script.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ..annotate.reuse_speeches import SpeechPair
from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.packing import BOM, deflated_words
from ..site.urls import html_path, reuse_data, speech_page
from .reuse_diff import differences

CALLBACK = "__speechsiteReuse"


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
    sharing = [speech for speech in ctx.corpus.speeches if speech.slug in reuse.sharing_speeches]
    compared = _Compared(ctx, [pair for speech in sharing for pair in offered[speech.slug]])
    for speech in sharing:
        data = _speech_data(ctx, speech, citations, offered[speech.slug], compared)
        yield OutputFile(reuse_data(speech.slug), script(speech.slug, data))


def script(slug: str, data: dict[str, Any]) -> bytes:
    """The script: `window.__speechsiteReuse("<slug>","<packed data>");` in UTF-16 LE."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = deflated_words(raw)
    head = f"window.{CALLBACK}({json.dumps(slug, ensure_ascii=True)},\"".replace("<", "\\u003c")
    return BOM + head.encode("utf-16-le") + packed + '");\n'.encode("utf-16-le")


def _speech_data(
    ctx: RenderContext,
    speech: Speech,
    citations: dict[tuple[str, str], str],
    offered: list[SpeechPair],
    compared: _Compared,
) -> dict[str, Any]:
    names = _Names(ctx, speech)
    links: dict[str, list[list[Any]]] = {}
    for paragraph in speech.all_paragraphs():
        found = ctx.reuse.links(speech.slug, paragraph.id, spans=False)
        if found:
            links[paragraph.id] = [
                [names.index(link.speech), link.paragraph, citations.get((link.speech, link.paragraph), ""),
                 link.shared_chars, link.similarity]
                for link in found
            ]  # fmt: skip
    pairs: dict[str, list[list[Any]]] = {}
    for pair in sorted(offered, key=lambda p: -p.shared_chars):
        mine = pair.first == speech.slug
        rows = compared.rows(pair)
        partner = pair.second if mine else pair.first
        names.index(partner)
        pairs[partner] = rows if mine else [[r[1], r[0], r[2], r[4], r[3], r[6], r[5]] for r in rows]
    used = {row[0] for rows in pairs.values() for row in rows}
    texts = {p.id: [p.citation, p.text] for p in speech.all_paragraphs() if p.id in used}
    return {"speeches": names.rows, "links": links, "pairs": pairs, "paragraphs": texts}


class _Compared:
    """The paragraph pairs of each speech pair with their spans and differences, made once per
    speech pair and once per pair of paragraph texts (a passage copied into many speeches gives
    many speech pairs with the same paragraph pairs), and let go after their last use: a
    speech pair is asked for by both its speeches, a text pair by the speech pairs holding it
    (holding them all until the last script grew the writer by ≈ 25 MB at 2,000 speeches)."""

    def __init__(self, ctx: RenderContext, asked: list[SpeechPair]) -> None:
        self.reuse = ctx.reuse
        self._rows: dict[tuple[str, str], list[list[Any]]] = {}
        self._texts: dict[tuple[int, int], list[Any]] = {}
        self._uses: Counter[Any] = Counter((pair.first, pair.second) for pair in asked)
        made = {(pair.first, pair.second): pair for pair in asked}
        self._uses.update(self._text_pair(pair, a, b) for pair in made.values() for a, b, _ in pair.paragraphs)

    def rows(self, pair: SpeechPair) -> list[list[Any]]:
        key = (pair.first, pair.second)
        rows = self._rows.get(key)
        if rows is None:
            rows = self._rows[key] = [[a, b, shared, *self._compare(self._text_pair(pair, a, b))]
                                      for a, b, shared in pair.paragraphs]
        self._used(self._rows, key)
        return rows

    def _text_pair(self, pair: SpeechPair, a: str, b: str) -> tuple[int, int]:
        return self.reuse.text_of[(pair.first, a)], self.reuse.text_of[(pair.second, b)]

    def _compare(self, texts: tuple[int, int]) -> list[Any]:
        compared = self._texts.get(texts)
        if compared is None:
            spans_a, spans_b = self.reuse.text_spans_of(*texts)
            text_a, text_b = self.reuse.texts[texts[0]], self.reuse.texts[texts[1]]
            compared = self._texts[texts] = [spans_a, spans_b, *differences(text_a, spans_a, text_b, spans_b)]
        self._used(self._texts, texts)
        return compared

    def _used(self, made: dict[Any, Any], key: Any) -> None:
        self._uses[key] -= 1
        if self._uses[key] <= 0:
            del made[key], self._uses[key]


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
