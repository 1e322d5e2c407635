"""What every generator of the site reads: the corpus, its annotations, the data files, and
the statistics over them, each computed once per build (on first use)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TypeVar

from ..annotate.annotations import Annotations
from ..annotate.glossary import Glossary
from ..annotate.glossary_stats import TermStats, term_stats
from ..annotate.overview_stats import OverviewStats, overview_stats
from ..annotate.reuse import Reuse
from ..annotate.reuse_speeches import SpeechReuse, speech_reuse
from ..annotate.reuse_speeches_cache import SpeechReuseCache
from ..annotate.taxonomy import Taxonomy, Topic
from ..annotate.term_trace import Calendar, TermTrace, calendar, shown_trace, term_trace
from ..annotate.terms import Term, short_definition
from ..annotate.topic_stats import TopicStats, topic_stats
from ..memo import F, Inputs, PageMemo, SameObjects
from ..model import Corpus

T = TypeVar("T")


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

    def memoized_files(self, key: str, inputs: Callable[[], Inputs], make: Callable[[], Iterable[F]]) -> Iterable[F]:
        """The files under `key` (a term's or a topic's page parts), made by `make` unless the
        memo has them made from equal `inputs`."""
        return make() if self.memo is None else self.memo.files(key, inputs, lambda: tuple(make()))

    def kept(self, kind: str, key: str, inputs: Inputs, make: Callable[[], T]) -> T:
        """`make()`, or under serve the last build's value of `kind` for `key` if made from
        the same `inputs` (so that it is the same object)."""
        return make() if self.memo is None else self.memo.value(kind, key, inputs, make)

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
        """The corpus' years, levels and speech order, which every term's tracing reads (under
        serve the last build's while equal, so that the tracings compare it by identity)."""
        now = calendar(self.corpus)
        return self.kept("calendar", "corpus", (now,), lambda: now)

    @cached_property
    def term_traces(self) -> Mapping[str, TermTrace]:
        """Each term's tracing (提法溯源) by slug, the glossary's terms and any other term with
        occurrences: term pages, data/terms.json, data/terms.csv. Under serve a term's tracing
        is kept while the calendar and the shares of the speeches using it are the same."""
        stats = self.term_stats
        slugs = dict.fromkeys([*(term.slug for term in self.glossary.terms), *stats.occurrences])
        cal = self.calendar
        return {
            slug: self.kept("trace", slug, (cal, SameObjects(stats.shown.get(slug, ()))),
                            partial(term_trace, slug, stats, cal))
            for slug in slugs
        }

    def shown_trace(self, slug: str) -> tuple[object, ...]:
        """What a term's page shows of its tracing (kept with it under serve)."""
        trace = self.term_traces[slug]
        return self.kept("shown trace", slug, (trace,), partial(shown_trace, trace))

    @cached_property
    def overview_stats(self) -> OverviewStats:
        """The corpus at a glance: the overview page and data/terms.csv."""
        return overview_stats(self.corpus, self.annotations, self.memo.speeches if self.memo else None)

    def speech_title(self, slug: str) -> str:
        """The title shown for the speech `slug` (the slug itself if there is no such speech)."""
        speech = self.corpus.by_slug.get(slug)
        return speech.display_title if speech else slug

    def topic_name(self, slug: str) -> str | None:
        topic = self.topics_by_slug.get(slug)
        return topic.name if topic else None

    def term_title(self, slug: str) -> str | None:
        """A glossary term's tooltip (its short definition), or None when it is not defined."""
        term = self.terms_by_slug.get(slug)
        if term is None:
            return None
        return short_definition(term.definition) if term.definition else term.term
