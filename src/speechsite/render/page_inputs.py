"""What a term's and a topic's page parts are made from, for serve's page memo (memo.py): an
edit makes such a page again only when one of these differs from the last build's.

Besides the taxonomy, glossary and site URL (the memo's environment, which every page depends
on), the inputs are what the pages show, compared cheaply: what the statistics hold of each
speech's share as plain tuples (`TermStats.shown`, `TopicStats.shown`: the same objects for an
unchanged speech, compared by value for an edited one), the term's tracing as its page shows it,
counts, and how many speeches each part lists.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..annotate.glossary_stats import TermStats
from ..annotate.taxonomy import Topic
from ..annotate.terms import Term
from ..annotate.topic_stats import TopicStats
from ..memo import Inputs
from ..site.context import RenderContext
from ..site.paging import PagedTopic
from .glossary_paging import PAGE_BYTES


def term_inputs(ctx: RenderContext, term: Term, stats: TermStats, budget: int = PAGE_BYTES) -> Inputs:
    """A term's: the term; what its pages show of each speech using it (title, metadata, each
    occurrence's place, text and span); its tracing; the speeches' own definitions of it with
    their citations and speech titles; the counts of its related terms."""
    definitions = tuple(
        (found, stats.citation(found.speech, found.unit), ctx.speech_title(found.speech))
        for found in stats.definitions.get(term.slug, ())
    )
    related = tuple(stats.count(slug) for slug in term.related)
    return (term, budget, stats.shown.get(term.slug, []), ctx.shown_trace(term.slug), definitions, related)


def topic_inputs(
    ctx: RenderContext, topic: Topic, stats: TopicStats, counts: Mapping[str, int], paged: PagedTopic
) -> Inputs:
    """A topic's: the topic; what its pages show of each speech evidencing it (title, date,
    place, each passage's place, text and evidence); its related topics; the passage counts of
    its subtopics; how many speeches each part lists."""
    parts = tuple(len(part) for part in paged.parts)
    return (topic, stats.shown, stats.related, child_counts(ctx, topic, counts), parts)


def child_counts(ctx: RenderContext, topic: Topic, counts: Mapping[str, int]) -> tuple[int, ...]:
    """The passage counts of a topic's subtopics, which its header shows."""
    return tuple(counts[child.slug] for child in ctx.taxonomy.children(topic.slug))
