"""`data/topics.json`: the taxonomy with counts, for tools and researchers.

Per topic: its definition (slug, name, description, parent, children, keywords, exclude),
the URL of its page (`pages`: all parts of a long topic), how many speeches and passages
evidence it, per speech slug its passages and the number (1-based) of the page part that
lists them (anchor `#speech-<slug>`), and co-occurring topics. Bump FORMAT_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..annotate.topic_stats import TopicStats
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.paging import PagedTopic
from ..site.urls import TOPICS_JSON, html_path, topic_page

FORMAT = "speechsite-topics"
FORMAT_VERSION = 1


def topics_json(ctx: RenderContext, layout: Mapping[str, PagedTopic]) -> OutputFile:
    """The taxonomy with its counts, in the page parts of the topic pages (`layout`)."""
    stats = ctx.topic_stats
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "topic_count": len(ctx.taxonomy.topics),
        "speech_count": len(ctx.corpus.speeches),
        "topics": [
            _topic(ctx, topic.slug, stats[topic.slug], layout[topic.slug])
            for topic in ctx.taxonomy.topics
        ],
    }
    return OutputFile(TOPICS_JSON, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _topic(ctx: RenderContext, slug: str, stats: TopicStats, paged: PagedTopic) -> dict[str, Any]:
    topic = ctx.taxonomy.get(slug)
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": topic.description,
        "parent": topic.parent,
        "children": [child.slug for child in ctx.taxonomy.children(slug)],
        "keywords": list(topic.keywords),
        "exclude": list(topic.exclude),
        "url": html_path(topic_page(slug)),
        "speech_count": stats.speech_count,
        "passage_count": stats.passage_count,
        "pages": [html_path(path) for path in paged.paths],
        "speeches": {
            speech: {"passages": count, "page": paged.part_of(speech) + 1}
            for speech, count in stats.per_speech.items()
        },
        "related": [{"slug": other, "passages": count} for other, count in stats.related],
    }
