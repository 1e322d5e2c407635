"""`data/corpus.json`: the whole corpus as structured data, from the same model as the pages.

Keys are stable and documented in `docs/data.md`; the JSON Schema is shipped in the
package (`speechsite/data/corpus.schema.json`) and published as `data/corpus.schema.json`.
Bump `FORMAT_VERSION` on any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from importlib import resources
from typing import Any

from ..annotate.annotations import Annotations, UnitAnnotation
from ..model import ExtractionRecord, Paragraph, Repair, Section, Speech
from ..output import OutputFile, StreamedFile
from ..site.context import RenderContext
from ..site.urls import CORPUS_JSON, SCHEMA_JSON, html_path, original_copy, source_copy, speech_page

FORMAT = "speechsite-corpus"
FORMAT_VERSION = 1

Json = dict[str, Any]


def corpus_data(ctx: RenderContext) -> Iterator[OutputFile]:
    yield StreamedFile(CORPUS_JSON, partial(corpus_pieces, ctx))
    yield OutputFile(SCHEMA_JSON, corpus_schema_text())


def corpus_schema_text() -> str:
    return (resources.files("speechsite") / "data" / "corpus.schema.json").read_text("utf-8")


def dump_json(value: Any) -> str:
    """Compact JSON (at 2,000 speeches indentation alone would add tens of megabytes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def corpus_bytes(ctx: RenderContext) -> bytes:
    """The whole of `data/corpus.json`."""
    return b"".join(corpus_pieces(ctx))


def corpus_pieces(ctx: RenderContext) -> Iterator[bytes]:
    """`data/corpus.json`, a speech per line: compact, yet a changed speech is a one-line diff.
    Made one speech at a time, as UTF-8, and written as it is made (`StreamedFile`): the JSON
    objects of a single speech exist at once, not those of the whole corpus (+160 MB at 2,000
    speeches in the background writer), nor the whole file (+64 MB)."""
    speeches = sorted(ctx.corpus.speeches, key=lambda speech: speech.slug)
    head = dump_json({"format": FORMAT, "version": FORMAT_VERSION, "speech_count": len(speeches)})
    yield f'{head[:-1]},"speeches":['.encode()
    for n, speech in enumerate(speeches):
        line = dump_json(speech_json(speech, ctx.annotations, ctx.sources is not None))
        yield ("\n" if n == 0 else ",\n").encode() + line.encode()
    yield b"\n\n]}\n" if not speeches else b"\n]}\n"


def speech_json(speech: Speech, annotations: Annotations, with_source: bool) -> Json:
    meta = speech.meta
    unit = _UnitLookup(speech.slug, annotations)
    return {
        "id": speech.source.path.removesuffix(".txt"),
        "slug": speech.slug,
        "url": html_path(speech_page(speech.slug)),
        "source": _source(speech, with_source),
        "title": {
            "text": speech.display_title,
            "as_written": speech.title,
            "inferred": speech.title_is_inferred,
        },
        "metadata": {
            "date": meta.date,
            "year": meta.year,
            "speaker": meta.speaker,
            "role": meta.role,
            "level": meta.level,
            "place": meta.place,
            "meeting": meta.meeting,
            "source": meta.source,
            "tags": list(meta.tags),
            "inferred": sorted(meta.inferred),
        },
        "char_count": speech.char_count(),
        "topics": list(annotations.speech_topics(speech)),
        "front": [{"kind": line.kind, "text": line.text, "line": line.line} for line in speech.front],
        "salutation": speech.salutation,
        "opening": [_paragraph(p, unit) for p in speech.opening],
        "sections": [_section(s, unit) for s in speech.sections],
        "closing": [_paragraph(p, unit) for p in speech.closing],
        "appendix": [_paragraph(p, unit) for p in speech.appendix],
        "repairs": [_repair(repair) for repair in speech.repairs],
        "diagnostics": [
            {"level": d.level, "line": d.line, "message": d.message, "hint": d.hint}
            for d in speech.diagnostics
        ],
    }


class _UnitLookup:
    def __init__(self, slug: str, annotations: Annotations) -> None:
        self.slug, self.annotations = slug, annotations

    def __call__(self, unit_id: str) -> UnitAnnotation:
        return self.annotations.of(self.slug, unit_id)


def _annotation(annotation: UnitAnnotation, text: str) -> Json:
    return {
        "topics": list(annotation.topics),
        "own_topics": list(annotation.own_topics),
        "evidence": [
            {"kind": m.kind, "key": m.key, "start": m.start, "end": m.end, "text": text[m.start : m.end]}
            for m in annotation.marks
        ],
    }


def _paragraph(paragraph: Paragraph, unit: _UnitLookup) -> Json:
    return {
        "id": paragraph.id,
        "citation": paragraph.citation,
        "number": paragraph.number,
        "line": paragraph.line,
        "text": paragraph.text,
        **_annotation(unit(paragraph.id), paragraph.text),
    }


def _section(section: Section, unit: _UnitLookup) -> Json:
    return {
        "id": section.id,
        "level": section.level,
        "number": section.number,
        "marker": section.marker,
        "heading": section.heading,
        "terminator": section.terminator,
        "line": section.line,
        **_annotation(unit(section.id), section.heading),
        "paragraphs": [_paragraph(p, unit) for p in section.paragraphs],
        "subsections": [_section(s, unit) for s in section.subsections],
    }


def _source(speech: Speech, with_source: bool) -> Json:
    source = speech.source
    original = original_copy(source.path, source.format) if with_source else None
    return {
        "path": source.path,
        "format": source.format,
        "extractor": source.extractor or None,
        "encoding": source.encoding,
        "sha256": source.sha256,
        "size": source.size,
        "url": source_copy(source.path) if with_source else None,
        "original_url": original,
        "extraction": [_extraction(record) for record in source.extraction],
    }


def _extraction(record: ExtractionRecord) -> Json:
    return {
        "kind": record.kind,
        "where": record.where,
        "line": record.line,
        "removed": record.removed,
        "added": record.added,
        "note": record.note,
    }


def _repair(repair: Repair) -> Json:
    return {
        "kind": repair.kind,
        "line": repair.line,
        "offset": repair.offset,
        "removed": repair.removed,
        "result": repair.result,
        "note": repair.note,
    }
