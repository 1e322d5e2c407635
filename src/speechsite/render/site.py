"""Render the whole site: every generator contributes its files to one `SiteOutput`, in groups
made on demand (speech pages, pages over the corpus, static files)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from ..annotate.annotations import Annotations
from ..annotate.glossary import Glossary, Term
from ..annotate.reuse import Reuse
from ..annotate.reuse_speeches import SpeechReuse, speech_reuse
from ..annotate.taxonomy import Taxonomy, Topic
from ..model import Corpus
from ..output import FileGroup, OutputFile, SiteOutput, StaticFiles


@dataclass(frozen=True)
class RenderContext:
    corpus: Corpus
    annotations: Annotations
    taxonomy: Taxonomy
    glossary: Glossary
    site_url: str = ""
    sources: Path | None = None  # the sources folder, for copying raw texts into the site
    reuse: Reuse = Reuse()  # passages shared between speeches (annotate/reuse.py)

    @cached_property
    def topics_by_slug(self) -> Mapping[str, Topic]:
        return {topic.slug: topic for topic in self.taxonomy.topics}

    @cached_property
    def speech_reuse(self) -> SpeechReuse:
        """Reuse between whole speeches: made by the first page or file that needs it."""
        return speech_reuse(self.reuse)

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
STATIC_FOLDERS = ("search/", "sources/", "reuse/speeches/")  # every static file not in `linkable_static_paths()`


def speech_generators() -> tuple[Generator, ...]:
    """The generator of the speech pages (one page per speech)."""
    from .speech import speech_pages

    return (speech_pages,)


def corpus_page_generators() -> tuple[Generator, ...]:
    """Generators of the pages over the whole corpus, in the order their files are added."""
    from .glossary_pages import glossary_pages
    from .home import browse_pages, home_page
    from .overview import overview_page
    from .reuse_pages import reuse_pages
    from .topics import topic_pages

    return (home_page, browse_pages, topic_pages, glossary_pages, overview_page, reuse_pages)


def static_generators() -> tuple[Generator, ...]:
    """Generators of files published as they are (see `StaticFiles`)."""
    from ..exports.corpus import corpus_data
    from ..exports.reuse import reuse_csv
    from ..exports.sources import source_copies
    from ..exports.tables import csv_exports
    from ..exports.terms import glossary_data
    from ..search import search_files
    from .reuse_data import reuse_scripts

    return (
        corpus_data, source_copies, search_files, csv_exports, glossary_data, reuse_csv,
        reuse_scripts,
    )  # fmt: skip


def linkable_static_paths() -> tuple[str, ...]:
    """The static files whose names are fixed, so hand-written pages (docs/data.md) link to them."""
    from ..exports.corpus import CORPUS_JSON, SCHEMA_JSON
    from ..exports.reuse import REUSE_CSV
    from ..exports.tables import PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV
    from ..exports.terms import TERMS_JSON

    return (
        CORPUS_JSON, SCHEMA_JSON, PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV, TERMS_JSON, REUSE_CSV,
    )  # fmt: skip


def render_site(
    corpus: Corpus,
    annotations: Annotations,
    taxonomy: Taxonomy,
    glossary: Glossary,
    site_url: str = "",
    sources: Path | None = None,
    reuse: Reuse | None = None,
) -> SiteOutput:
    """Everything the site needs, each group made when it is first asked for (`FileGroup`,
    `StaticFiles`), so that the plugin can have some made by a second process."""
    from .assets import assets

    context = RenderContext(
        corpus, annotations, taxonomy, glossary, site_url, sources, reuse or Reuse()
    )
    asset_files = tuple(assets(context))
    paths = sorted(file.path for file in asset_files)
    return SiteOutput(
        asset_files,
        FileGroup(partial(_made_by, speech_generators, context)),
        FileGroup(partial(_made_by, corpus_page_generators, context)),
        StaticFiles(partial(_made_by, static_generators, context), linkable_static_paths(), STATIC_FOLDERS),
        extra_css=tuple(path for path in paths if path.endswith(".css")),
        extra_javascript=tuple(path for path in paths if path.endswith(".js")),
    )


def _made_by(generators: Callable[[], tuple[Generator, ...]], context: RenderContext) -> Iterator[OutputFile]:
    for generate in generators():
        yield from generate(context)
