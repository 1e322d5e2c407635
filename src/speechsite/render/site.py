"""Render the whole site: every generator contributes its files to one `SiteOutput`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..annotate import Annotations
from ..glossary import Glossary, Term
from ..model import Corpus
from ..output import OutputFile, SiteOutput
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


def generators() -> tuple[Generator, ...]:
    """Each feature's page generator, in the order their files are added."""
    from ..search import search_files
    from .assets import assets
    from .data import corpus_data
    from .exports import csv_exports
    from .glossary_pages import glossary_pages
    from .home import browse_pages, home_page
    from .overview import overview_page
    from .sources import source_copies
    from .speech import speech_pages
    from .topics import topic_pages

    return (assets, speech_pages, home_page, browse_pages, corpus_data, source_copies, topic_pages, search_files, glossary_pages,
            overview_page, csv_exports)


def render_site(
    corpus: Corpus,
    annotations: Annotations,
    taxonomy: Taxonomy,
    glossary: Glossary,
    site_url: str = "",
    sources: Path | None = None,
) -> SiteOutput:
    context = RenderContext(corpus, annotations, taxonomy, glossary, site_url, sources)
    files = [file for generate in generators() for file in generate(context)]
    assets = sorted(file.path for file in files if file.path.startswith("assets/"))
    return SiteOutput(
        tuple(files),
        extra_css=tuple(path for path in assets if path.endswith(".css")),
        extra_javascript=tuple(path for path in assets if path.endswith(".js")),
    )
