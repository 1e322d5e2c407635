"""Exact-substring search for Chinese text, offline, served from static files.

What it promises: a query returns every heading or paragraph that contains it, and only
those — after one normalisation applied alike to text and query (full-width → half-width,
Latin lower case, traditional → simplified; see normalise.py). Space-separated queries
must all occur in the same unit. Glossary terms and topics whose name contains the query
are listed first, an exact name first of all.

How (each step in its own module):
- units.py      what can be found: title, front lines, headings, paragraphs, in corpus order;
- normalise.py  the one-character-to-one-character map, shipped to the browser;
- index.py      character → units and bigram → positions postings, built with numpy,
                sharded by key so a query fetches only the shards of its keys;
- files.py      JSONP script files under `search/`, loaded by `<script>` injection so the
                same code works served and from file://;
- query.py      the same query evaluation as `assets/speechsite/search.js`, in Python, used
                by the tests (and handy for checking an index by hand).

The browser downloads nothing for search until the first query; then the manifest, the
shards of the query's keys and the display blocks of the results it shows. How a query's hits
spread over years and levels is counted from the manifest alone (each speech's year and
level), so the panel that shows it loads nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import html_path, speech_page, term_page, topic_page
from .files import PageLink, SpeechLink, block_size, index_files
from .index import build_index
from .normalise import build_char_map
from .units import page_entries, search_units

SHARD_BYTES = 16384
BLOCK_BYTES = 16384


def search_files(ctx: RenderContext) -> Iterator[OutputFile]:
    """The search index of the whole site (a static generator, see generators.py)."""
    char_map = build_char_map()
    units = search_units(ctx.corpus)
    index = build_index([unit.text for unit in units], char_map, SHARD_BYTES)
    speeches = [
        SpeechLink(html_path(speech_page(s.slug)), s.display_title, s.meta.year, s.meta.level)
        for s in ctx.corpus.speeches
    ]
    pages = [
        PageLink(
            entry,
            html_path(term_page(entry.slug) if entry.kind == "term" else topic_page(entry.slug)),
        )
        for entry in page_entries(ctx.glossary, ctx.taxonomy)
    ]
    yield from index_files(index, units, speeches, pages, char_map, block_size(units, BLOCK_BYTES))
