"""Render the whole site: every generator contributes its files to one `SiteOutput`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from ..annotate import Annotations
from ..glossary import Glossary, Term
from ..model import Corpus
from ..output import OutputFile, SiteOutput, StaticFiles
from ..taxonomy import Taxonomy, Topic


@dataclass(frozen=True)
class RenderContext:
    corpus: Corpus
    annotations: Annotations
    taxonomy: Taxonomy
    glossary: Glossary
    site_url: str = ""
    sources: Path | None = None  # the sources folder, for copying raw texts into the site

    @cached_property
    def topics_by_slug(self) -> Mapping[str, Topic]:
        return {topic.slug: topic for topic in self.taxonomy.topics}

    @cached_property
    def terms_by_slug(self) -> Mapping[str, Term]:
        return {term.slug: term for term in self.glossary.terms}

    def topic_name(self, slug: str) -> str | None:
        topic = self.topics_by_slug.get(slug)
        return topic.name if topic else None

    def term_title(self, slug: str) -> str | None:
        """A glossary term's tooltip (its short definition), or None when it is not defined."""
        from .text import short_definition

        term = self.terms_by_slug.get(slug)
        if term is None:
            return None
        return short_definition(term.definition) if term.definition else term.term


Generator = Callable[[RenderContext], Iterable[OutputFile]]
STATIC_FOLDERS = ("search/", "sources/")  # every static file not in `linkable_static_paths()`


def page_generators() -> tuple[Generator, ...]:
    """Each feature's generator of pages (and the assets they use), in the order they are added."""
    from .assets import assets
    from .glossary_pages import glossary_pages
    from .home import browse_pages, home_page
    from .overview import overview_page
    from .speech import speech_pages
    from .topics import topic_pages

    return (assets, speech_pages, home_page, browse_pages, topic_pages, glossary_pages, overview_page)


def static_generators() -> tuple[Generator, ...]:
    """Generators of files published as they are (see `StaticFiles`)."""
    from ..search import search_files
    from .data import corpus_data
    from .exports import csv_exports
    from .glossary_data import glossary_data
    from .sources import source_copies

    return (corpus_data, source_copies, search_files, csv_exports, glossary_data)


def generators() -> tuple[Generator, ...]:
    return page_generators() + static_generators()


def linkable_static_paths() -> tuple[str, ...]:
    """The static files whose names are fixed, so hand-written pages (docs/data.md) link to them."""
    from .data import CORPUS_JSON, SCHEMA_JSON
    from .exports import PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV
    from .glossary_data import TERMS_JSON

    return (CORPUS_JSON, SCHEMA_JSON, PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV, TERMS_JSON)


def render_site(
    corpus: Corpus,
    annotations: Annotations,
    taxonomy: Taxonomy,
    glossary: Glossary,
    site_url: str = "",
    sources: Path | None = None,
) -> SiteOutput:
    """Render the pages now; the static files are made when `SiteOutput.static` is iterated."""
    context = RenderContext(corpus, annotations, taxonomy, glossary, site_url, sources)
    pages = tuple(file for generate in page_generators() for file in generate(context))
    assets = sorted(file.path for file in pages if file.path.startswith("assets/"))
    return SiteOutput(
        pages,
        StaticFiles(partial(_static_files, context), linkable_static_paths(), STATIC_FOLDERS),
        extra_css=tuple(path for path in assets if path.endswith(".css")),
        extra_javascript=tuple(path for path in assets if path.endswith(".js")),
    )


def _static_files(context: RenderContext) -> Iterator[OutputFile]:
    for generate in static_generators():
        yield from generate(context)
