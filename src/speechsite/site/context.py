"""What every generator of the site reads: the corpus, its annotations, the data files, and
the statistics over them, each computed once per build (on first use)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..annotate.annotations import Annotations
from ..annotate.glossary import Glossary
from ..annotate.glossary_stats import TermStats, term_stats
from ..annotate.overview_stats import OverviewStats, overview_stats
from ..annotate.reuse import Reuse
from ..annotate.reuse_speeches import SpeechReuse, speech_reuse
from ..annotate.reuse_speeches_cache import SpeechReuseCache
from ..annotate.taxonomy import Taxonomy, Topic
from ..annotate.term_trace import Calendar, TermTrace, calendar, term_trace
from ..annotate.terms import Term, short_definition
from ..annotate.topic_stats import TopicStats, topic_stats
from ..memo import Inputs, PageMemo
from ..model import Corpus


@dataclass(frozen=True)
class RenderContext:
    corpus: Corpus
    annotations: Annotations
    taxonomy: Taxonomy
    glossary: Glossary
    site_url: str = ""
    sources: Path | None = None  # the sources folder, for copying raw texts into the site
    reuse: Reuse = Reuse()  # passages shared between speeches (annotate/reuse.py)
    site_name: str = ""  # MkDocs' site_name: the feeds' titles and author
    memo: PageMemo | None = None  # pages of the last build, under `mkdocs serve` (memo.py)
    speech_reuse_cache: SpeechReuseCache | None = None  # the last build's, under `mkdocs serve`

    def memoized(self, path: str, inputs: Callable[[], Inputs], make: Callable[[], str]) -> str:
        """The page at `path`, made by `make` unless the memo has it made from equal `inputs`."""
        return make() if self.memo is None else self.memo.page(path, inputs, make)

    @cached_property
    def topics_by_slug(self) -> Mapping[str, Topic]:
        return {topic.slug: topic for topic in self.taxonomy.topics}

    @cached_property
    def speech_reuse(self) -> SpeechReuse:
        """Reuse between whole speeches: made by the first page or file that needs it (under
        serve, from the last build's by counting again only the pairs of changed speeches)."""
        if self.speech_reuse_cache is not None:
            return self.speech_reuse_cache.update(self.reuse)
        return speech_reuse(self.reuse)

    @cached_property
    def terms_by_slug(self) -> Mapping[str, Term]:
        return {term.slug: term for term in self.glossary.terms}

    @cached_property
    def topic_stats(self) -> Mapping[str, TopicStats]:
        """Passages and counts per topic: topic pages, topics index, data/topics.json."""
        return topic_stats(self.corpus, self.annotations, self.taxonomy, self.memo.speeches if self.memo else None)

    @cached_property
    def term_stats(self) -> TermStats:
        """Occurrences per term: term pages, glossary index, data/terms.json."""
        return term_stats(self.corpus, self.annotations, self.memo.speeches if self.memo else None)

    @cached_property
    def calendar(self) -> Calendar:
        """The corpus' years, levels and speech order, which every term's tracing reads."""
        return calendar(self.corpus)

    @cached_property
    def term_traces(self) -> Mapping[str, TermTrace]:
        """Each term's tracing (提法溯源) by slug, the glossary's terms and any other term with
        occurrences: term pages, data/terms.json, data/terms.csv."""
        stats = self.term_stats
        slugs = dict.fromkeys([*(term.slug for term in self.glossary.terms), *stats.occurrences])
        return {slug: term_trace(slug, stats, self.calendar) for slug in slugs}

    @cached_property
    def overview_stats(self) -> OverviewStats:
        """The corpus at a glance: the overview page and data/terms.csv."""
        return overview_stats(self.corpus, self.annotations, self.memo.speeches if self.memo else None)

    def topic_name(self, slug: str) -> str | None:
        topic = self.topics_by_slug.get(slug)
        return topic.name if topic else None

    def term_title(self, slug: str) -> str | None:
        """A glossary term's tooltip (its short definition), or None when it is not defined."""
        term = self.terms_by_slug.get(slug)
        if term is None:
            return None
        return short_definition(term.definition) if term.definition else term.term
