"""The pipe between the search worker (worker.py) and its caller (handoff.py): pickles one
after another.

    to the worker     (speeches, pages)        SpeechLink and PageLink lists
                      [unit fields, …]         the search units of one speech (SearchUnit fields,
                                               strings as UTF-8 bytes: `packed_units`), …
                      None                     the end
    from the worker   (path, bytes), …         the files, one at a time, as they are made
                      None                     the end: every file was sent

The worker reads its whole input before writing anything, so the caller may write it all
before reading (no deadlock on full pipes).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from ..output import OutputFile
from .files import PageLink, SpeechLink
from .units import SearchUnit

PROTOCOL = pickle.HIGHEST_PROTOCOL
ENCODING = ("utf-8", "surrogatepass")  # as pickle itself codes a str, lone surrogates included


def packed_units(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """A speech's unit fields for the pipe, each string as UTF-8 bytes. Pickling the string
    itself would do the same coding, but CPython keeps the UTF-8 copy attached to the string
    for as long as the string lives — and these are the corpus's own texts: 3 bytes a
    character more in the sending process (45 MB at 2,000 speeches), for nothing."""
    return [tuple(_packed(value) for value in row) for row in rows]


def _packed(value: Any) -> Any:
    return value.encode(*ENCODING) if isinstance(value, str) else value


def _unpacked(value: Any) -> Any:
    return value.decode(*ENCODING) if isinstance(value, bytes) else value


def read_input(source: BinaryIO) -> tuple[list[SearchUnit], list[SpeechLink], list[PageLink]]:
    speeches, pages = pickle.load(source)
    units: list[SearchUnit] = []
    while (chunk := pickle.load(source)) is not None:
        shared: dict[str, str] = {}  # one string for a heading (citation) of many units
        for row in chunk:
            speech, anchor, kind, heading, citation, text = map(_unpacked, row)
            units.append(SearchUnit(speech, anchor, kind, shared.setdefault(heading, heading),
                                    shared.setdefault(citation, citation), text))
    return units, speeches, pages


def send_files(files: Iterator[OutputFile], out: BinaryIO) -> None:
    for file in files:
        pickle.dump((file.path, file.as_bytes()), out, protocol=PROTOCOL)
    pickle.dump(None, out, protocol=PROTOCOL)
    out.flush()
