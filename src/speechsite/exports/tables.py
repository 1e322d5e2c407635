"""CSV exports for spreadsheets and statistics: `data/paragraphs.csv.gz`, `data/terms.csv`,
`data/topics.csv`.

UTF-8 with a byte-order mark (so spreadsheet programs detect the encoding and show the
Chinese correctly), CRLF line ends and minimal quoting, as Python's `csv` module writes them.
The full-text table (one row per paragraph) is gzip-compressed, written row by row into the
compressor so that its text is never held whole; the gzip header carries no time or name, so
the bytes are the same from build to build.
A text cell a spreadsheet would take for a formula gets a leading `'` (`spreadsheet_safe`).
Keys are the slugs used everywhere else (`data/corpus.json`, page addresses); the columns
are documented in `docs/data.md`.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from ..annotate.annotations import Annotations, body_units
from ..model import APPENDIX, CLOSING, OPENING, PARAGRAPH, Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV, html_path, speech_page

SECTION_SEPARATOR = " > "
LIST_SEPARATOR = ";"
# OWASP CSV injection: a spreadsheet evaluates a cell that starts with = + - @ (tab and CR
# may precede them): `=HYPERLINK(…)`, `-2+3+cmd|' /C calc'!A0`. Such a cell gets a leading
# apostrophe, so it is text; a cell that already starts with one gets another, so that
# dropping one leading `'` always gives the exact text back (docs/data.md says so).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
GZIP_LEVEL = 6
PARAGRAPH_KINDS = (OPENING, PARAGRAPH, CLOSING, APPENDIX)

PARAGRAPH_COLUMNS = (
    "speech", "title", "date", "paragraph_id", "citation", "number", "section",
    "text", "topics", "topic_names", "terms", "term_names", "url",
)
TERM_COLUMNS = (
    "term", "term_name", "speech", "title", "date", "level", "place", "count",
    "first_seen", "last_seen",
)
TOPIC_COLUMNS = ("topic", "topic_name", "speech", "title", "paragraphs", "passages")


def csv_exports(ctx: RenderContext) -> Iterator[OutputFile]:
    speeches = sorted(ctx.corpus.speeches, key=lambda speech: speech.slug)
    yield OutputFile(PARAGRAPHS_CSV, to_csv_gz(PARAGRAPH_COLUMNS, paragraph_rows(ctx, speeches)))
    yield OutputFile(TERMS_CSV, to_csv(TERM_COLUMNS, term_rows(ctx)))
    yield OutputFile(TOPICS_CSV, to_csv(TOPIC_COLUMNS, topic_rows(ctx, speeches)))


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV text with a header row, starting with a BOM (written out as UTF-8 by the site)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def to_csv_gz(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The CSV text of `to_csv`, UTF-8 encoded and gzip-compressed (level 6: level 9 saves
    0.5 % more for twice the time), without a time stamp or file name in the header."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as compressed:
        text = io.TextIOWrapper(compressed, encoding="utf-8", newline="")
        text.write("\ufeff")
        writer = csv.writer(text)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        text.flush()
        text.detach()
    return buffer.getvalue()


def spreadsheet_safe(cell: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a leading `'`; else the cell."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def paragraph_rows(ctx: RenderContext, speeches: Sequence[Speech]) -> Iterator[tuple[object, ...]]:
    for speech in speeches:
        url = html_path(speech_page(speech.slug))
        paragraphs = (unit for unit in speech.units() if unit.kind in PARAGRAPH_KINDS)
        for number, paragraph in enumerate(paragraphs, start=1):
            unit = ctx.annotations.of(speech.slug, paragraph.id)
            terms = tuple(dict.fromkeys(mark.key for mark in unit.marks_of("term")))
            yield (
                speech.slug, speech.display_title, speech.meta.date or "", paragraph.id,
                paragraph.citation, number,
                SECTION_SEPARATOR.join(section.full_heading for section in paragraph.path),
                paragraph.text,
                LIST_SEPARATOR.join(unit.topics),
                LIST_SEPARATOR.join(ctx.topic_name(topic) or topic for topic in unit.topics),
                LIST_SEPARATOR.join(terms),
                LIST_SEPARATOR.join(_term_name(ctx, term) for term in terms),
                f"{url}#{paragraph.id}",
            )


def term_rows(ctx: RenderContext) -> Iterator[tuple[object, ...]]:
    """Per term (by slug) the speeches that use it in order of date, undated last; 1 in
    first_seen / last_seen on the earliest and the latest dated speech."""
    for term in sorted(ctx.term_stats.occurrences):
        trace = ctx.term_traces[term]
        first, last = trace.first, trace.last
        for use in trace.uses:
            speech = use.speech
            yield (
                term, _term_name(ctx, term), speech.slug, speech.display_title,
                use.date or "", use.level or "", use.place or "", use.count,
                int(use is first), int(use is last),
            )


def topic_rows(ctx: RenderContext, speeches: Sequence[Speech]) -> Iterator[tuple[object, ...]]:
    rows: dict[tuple[str, str], list[int]] = {}
    for speech in speeches:
        paragraphs, passages = topic_counts(speech, ctx.annotations)
        for topic in paragraphs.keys() | passages.keys():
            rows[(topic, speech.slug)] = [paragraphs[topic], passages[topic]]
    titles = {speech.slug: speech.display_title for speech in speeches}
    for (topic, slug), (paragraphs_n, passages_n) in sorted(rows.items()):
        yield topic, ctx.topic_name(topic) or topic, slug, titles[slug], paragraphs_n, passages_n


def topic_counts(speech: Speech, annotations: Annotations) -> tuple[Counter[str], Counter[str]]:
    """Per topic: paragraphs that carry it (own or from a heading above), and paragraphs or
    headings whose own text evidences it (the passages a topic page lists)."""
    paragraphs: Counter[str] = Counter()
    passages: Counter[str] = Counter()
    for unit in body_units(speech):
        annotation = annotations.of(speech.slug, unit.id)
        if unit.kind in PARAGRAPH_KINDS:
            paragraphs.update(annotation.topics)
        passages.update(annotation.own_topics)
    return paragraphs, passages


def _term_name(ctx: RenderContext, slug: str) -> str:
    term = ctx.terms_by_slug.get(slug)
    return term.term if term else slug
