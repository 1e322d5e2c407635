"""`data/terms.json`: the glossary with its occurrences, for tools and researchers.

Per term: its entry (slug, term, variants, category, definition, expansion, related,
topics, external), the URL of its page, counts, the speeches' own definitions and every
occurrence (speech slug, `paragraph`: the anchor id of the paragraph or heading, citation, offset and length of the term
in that unit's text, the form as written), and its tracing (提法溯源, annotate/term_trace.py):
first and last seen, counts by year (with the undated apart) and by level, each with its n,
and the speeches in order of date. Bump FORMAT_VERSION on any incompatible change (added
keys are not one).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..annotate.glossary_stats import TermStats
from ..annotate.term_trace import SpeechUse, Tally, TermTrace
from ..annotate.terms import Term
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import TERMS_JSON, html_path, speech_page, term_page

FORMAT = "speechsite-terms"
FORMAT_VERSION = 1


def glossary_data(ctx: RenderContext) -> Iterator[OutputFile]:
    """The static generator of `data/terms.json`."""
    yield terms_json(ctx, ctx.term_stats)


def terms_json(ctx: RenderContext, stats: TermStats) -> OutputFile:
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "term_count": len(ctx.glossary.terms),
        "speech_count": len(ctx.corpus.speeches),
        "terms": [_term(term, stats, ctx.term_traces[term.slug]) for term in ctx.glossary.terms],
    }
    return OutputFile(TERMS_JSON, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _term(term: Term, stats: TermStats, trace: TermTrace) -> dict[str, Any]:
    return {
        "slug": term.slug,
        "term": term.term,
        "variants": list(term.variants),
        "category": term.category,
        "definition": term.definition,
        "expansion": term.expansion,
        "related": list(term.related),
        "topics": list(term.topics),
        "external": term.external,
        "url": html_path(term_page(term.slug)),
        "count": stats.count(term.slug),
        "speech_count": stats.speech_count(term.slug),
        "corpus_definitions": [
            {
                "speech": found.speech,
                "paragraph": found.unit,
                "citation": stats.citation(found.speech, found.unit),
                "text": found.text,
                "kind": found.kind,
                "url": f"{html_path(speech_page(found.speech))}#{found.unit}",
            }
            for found in stats.definitions.get(term.slug, [])
        ],
        "occurrences": [
            {
                "speech": occurrence.speech.slug,
                "paragraph": occurrence.unit,
                "citation": occurrence.citation,
                "offset": occurrence.start,
                "length": occurrence.end - occurrence.start,
                "form": occurrence.form,
                "heading": occurrence.heading,
            }
            for occurrence in stats.occurrences.get(term.slug, [])
        ],
        **trace_data(trace),
    }


def trace_data(trace: TermTrace) -> dict[str, Any]:
    return {
        "first_seen": _seen(trace.first),
        "last_seen": _seen(trace.last),
        "by_year": [{"year": tally.key, **_counts(tally)} for tally in trace.by_year],
        "undated": _counts(trace.undated),
        "by_level": [{"level": tally.key, **_counts(tally)} for tally in trace.by_level],
        "speeches": [
            {**_where(use), "count": use.count} for use in trace.uses
        ],
    }


def _seen(use: SpeechUse | None) -> dict[str, Any] | None:
    if use is None:
        return None
    return {**_where(use), "title": use.speech.display_title, "url": html_path(speech_page(use.speech.slug))}


def _where(use: SpeechUse) -> dict[str, Any]:
    return {"speech": use.speech.slug, "date": use.date, "level": use.level, "place": use.place}


def _counts(tally: Tally) -> dict[str, int]:
    return {
        "count": tally.count,
        "speeches": tally.speeches,
        "corpus_speeches": tally.corpus_speeches,
    }
