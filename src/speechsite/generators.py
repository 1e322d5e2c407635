"""Every generator of the site, in the groups the site is made in: the speech pages, the pages
over the corpus, and the static files (data files, source copies, the search index).

Each group is made when it is first asked for (`FileGroup`, `StaticFiles`), so that the
plugin can have some made by a second process (background.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from .annotate.annotations import Annotations
from .annotate.glossary import Glossary
from .annotate.reuse import Reuse
from .annotate.reuse_speeches_cache import SpeechReuseCache
from .annotate.taxonomy import Taxonomy
from .exports.corpus import corpus_data
from .exports.feeds import feed_files
from .exports.reuse import reuse_csv
from .exports.sources import source_copies
from .exports.tables import csv_exports
from .exports.terms import glossary_data
from .exports.topics import topics_json
from .memo import Inputs, PageMemo
from .model import Corpus
from .output import FileGroup, OutputFile, SiteOutput, StaticFiles
from .render.assets import assets
from .render.glossary_pages import glossary_pages
from .render.home import browse_pages, home_page
from .render.overview import overview_page
from .render.redirects import redirect_pages
from .render.reuse_data import reuse_scripts
from .render.reuse_pages import reuse_pages
from .render.speech import speech_pages
from .render.topics import topic_layout, topic_pages
from .search import search_files
from .site.context import RenderContext
from .site.paging import PagedTopic
from .site.urls import (
    CORPUS_JSON,
    FEEDS,
    PARAGRAPHS_CSV,
    REUSE_CSV,
    SCHEMA_JSON,
    SITE_FEED,
    TERMS_CSV,
    TERMS_JSON,
    TOPICS_CSV,
    TOPICS_JSON,
)

Generator = Callable[[RenderContext], Iterable[OutputFile]]
STATIC_FOLDERS = ("search/", "sources/", "reuse/speeches/", f"{FEEDS}/")  # every static file not in LINKABLE_STATIC_PATHS
# The static files whose names are fixed, so hand-written pages (docs/data.md) link to them.
LINKABLE_STATIC_PATHS = (
    CORPUS_JSON, SCHEMA_JSON, PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV, TERMS_JSON, REUSE_CSV, SITE_FEED,
)  # fmt: skip


def topic_files(ctx: RenderContext) -> Iterator[OutputFile]:
    """The topic pages, the topics index and data/topics.json, in one layout of page parts."""
    layout = topic_layout(ctx)
    yield from topic_pages(ctx, layout)
    # Also without topics: docs/data.md links it.
    yield from ctx.memoized_files(TOPICS_JSON, partial(_topics_json_inputs, ctx, layout),
                                  lambda: [topics_json(ctx, layout)])


def _topics_json_inputs(ctx: RenderContext, layout: Mapping[str, PagedTopic]) -> Inputs:
    """What data/topics.json is made from besides the taxonomy (serve's page memo compares
    them): the number of speeches and, per topic, its passages per speech in corpus order (a
    dict's equality would ignore the order), its related topics and how many speeches each page
    part lists."""
    stats = ctx.topic_stats
    return (len(ctx.corpus.speeches), *(
        (tuple(stats[topic.slug].per_speech.items()), stats[topic.slug].related,
         tuple(len(part) for part in layout[topic.slug].parts))
        for topic in ctx.taxonomy.topics
    ))


SPEECH_GENERATORS: tuple[Generator, ...] = (speech_pages, redirect_pages)
# The pages over the whole corpus, in the order their files are added.
CORPUS_PAGE_GENERATORS: tuple[Generator, ...] = (
    home_page, browse_pages, topic_files, glossary_pages, overview_page, reuse_pages,
)  # fmt: skip
# Files published as they are (see `StaticFiles`).
STATIC_GENERATORS: tuple[Generator, ...] = (
    corpus_data, source_copies, search_files, csv_exports, glossary_data, reuse_csv, reuse_scripts,
    feed_files,
)  # fmt: skip


def render_site(
    corpus: Corpus,
    annotations: Annotations,
    taxonomy: Taxonomy,
    glossary: Glossary,
    site_url: str = "",
    sources: Path | None = None,
    reuse: Reuse | None = None,
    site_name: str = "",
    memo: PageMemo | None = None,
    speech_reuse_cache: SpeechReuseCache | None = None,
) -> SiteOutput:
    """Everything the site needs, each group made when it is first asked for; with a `memo`
    (mkdocs serve), pages whose inputs did not change since the last build are not made again."""
    if memo is not None:  # what every page depends on alike
        memo.begin((taxonomy, glossary, site_url, sources, site_name))
    context = RenderContext(
        corpus, annotations, taxonomy, glossary, site_url, sources, reuse or Reuse(), site_name, memo,
        speech_reuse_cache,
    )
    asset_files = tuple(assets(context))
    paths = sorted(file.path for file in asset_files)
    return SiteOutput(
        asset_files,
        FileGroup(partial(_made_by, SPEECH_GENERATORS, context)),
        FileGroup(partial(_made_by, CORPUS_PAGE_GENERATORS, context)),
        StaticFiles(partial(_made_by, STATIC_GENERATORS, context), LINKABLE_STATIC_PATHS, STATIC_FOLDERS),
        extra_css=tuple(path for path in paths if path.endswith(".css")),
        extra_javascript=tuple(path for path in paths if path.endswith(".js")),
    )


def _made_by(generators: tuple[Generator, ...], context: RenderContext) -> Iterator[OutputFile]:
    for generate in generators:
        yield from generate(context)
