"""Exact-substring search for Chinese text, offline, served from static files.

What it promises: a query returns every heading or paragraph that contains it, and only
those — after one normalisation applied alike to text and query (full-width → half-width,
Latin lower case, traditional → simplified; see normalise.py). Space-separated queries
must all occur in the same unit. Glossary terms and topics whose name contains the query
are listed first, an exact name first of all.

How (each step in its own module):
- units.py      what can be found: title, front lines, headings, paragraphs, in corpus order;
- normalise.py  the one-character-to-one-character map, shipped to the browser;
- worker.py     the index made in a process of its own (handoff.py starts it and streams the
                units to it, protocol.py), so that its memory does not come on top of the corpus's;
- index.py      character → units and bigram → positions postings, built with numpy,
                sharded by key so a query fetches only the shards of its keys (postings.py,
                grouped.py, shards.py, spill.py: in bounded memory);
- frequent.py   for the few most frequent bigrams, also their units and their occurrences
                split by the character before and after, so a first query needs none of
                their long position lists;
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
from typing import Any

from ..model import Corpus
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import html_path, speech_page, term_page, topic_page
from .files import PageLink, SpeechLink
from .handoff import worker_files
from .units import page_entries, speech_units


def search_files(ctx: RenderContext) -> Iterator[OutputFile]:
    """The search index of the whole site (a static generator, see generators.py), made by a
    process of its own (worker.py) from the search units, which this process does not keep."""
    speeches, pages = index_links(ctx)
    yield from worker_files(speeches, pages, _unit_fields(ctx.corpus))


def index_links(ctx: RenderContext) -> tuple[list[SpeechLink], list[PageLink]]:
    """The speech pages and the term and topic pages a search result links to."""
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
    return speeches, pages


def _unit_fields(corpus: Corpus) -> Iterator[list[tuple[Any, ...]]]:
    """The fields of each speech's search units, speech by speech."""
    for index, speech in enumerate(corpus.speeches):
        yield [
            (unit.speech, unit.anchor, unit.kind, unit.heading, unit.citation, unit.text)
            for unit in speech_units(index, speech)
        ]
