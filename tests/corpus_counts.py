"""Counts recomputed from `data/corpus.json` alone, independently of the renderer: what the
overview page and the CSV exports must agree with (tests/test_overview.py, test_exports.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

Json = dict[str, Any]
LENGTH_BIN, LENGTH_CAP = 2000, 20000


def sections(speech: Json) -> Iterator[tuple[Json, tuple[Json, ...]]]:
    """Every section with the sections above it (outermost first)."""
    def walk(section: Json, above: tuple[Json, ...]) -> Iterator[tuple[Json, tuple[Json, ...]]]:
        yield section, above
        for sub in section["subsections"]:
            yield from walk(sub, (*above, section))

    for section in speech["sections"]:
        yield from walk(section, ())


def paragraphs(speech: Json) -> Iterator[tuple[Json, tuple[Json, ...]]]:
    """Every paragraph in document order with its section path (outermost first)."""
    yield from ((p, ()) for p in speech["opening"])
    for section, above in sections(speech):
        yield from ((p, (*above, section)) for p in section["paragraphs"])
    yield from ((p, ()) for p in speech["closing"])


def units(speech: Json) -> Iterator[Json]:
    """Paragraphs and headings: everything that carries annotation evidence."""
    yield from (p for p, _ in paragraphs(speech))
    yield from (s for s, _ in sections(speech))


def term_counts(speech: Json) -> Counter[str]:
    return Counter(e["key"] for unit in units(speech) for e in unit["evidence"] if e["kind"] == "term")


def length_bin(chars: int) -> int:
    return min(chars, LENGTH_CAP) // LENGTH_BIN * LENGTH_BIN


def full_heading(section: Json) -> str:
    return f'{section["marker"]}{section["heading"]}{section["terminator"]}'
