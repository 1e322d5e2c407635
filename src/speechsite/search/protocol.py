"""The pipe between the search worker (worker.py) and its caller (handoff.py): pickles one
after another.

    to the worker     (speeches, pages)        SpeechLink and PageLink lists
                      [unit fields, …]         the search units of one speech (SearchUnit fields), …
                      None                     the end
    from the worker   (path, bytes), …         the files, one at a time, as they are made
                      None                     the end: every file was sent

The worker reads its whole input before writing anything, so the caller may write it all
before reading (no deadlock on full pipes).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import BinaryIO

from ..output import OutputFile
from .files import PageLink, SpeechLink
from .units import SearchUnit

PROTOCOL = pickle.HIGHEST_PROTOCOL


def read_input(source: BinaryIO) -> tuple[list[SearchUnit], list[SpeechLink], list[PageLink]]:
    speeches, pages = pickle.load(source)
    units: list[SearchUnit] = []
    while (chunk := pickle.load(source)) is not None:
        shared: dict[str, str] = {}  # one string for a heading (citation) of many units
        units.extend(
            SearchUnit(speech, anchor, kind, shared.setdefault(heading, heading),
                       shared.setdefault(citation, citation), text)
            for speech, anchor, kind, heading, citation, text in chunk
        )
    return units, speeches, pages


def send_files(files: Iterator[OutputFile], out: BinaryIO) -> None:
    for file in files:
        pickle.dump((file.path, file.as_bytes()), out, protocol=PROTOCOL)
    pickle.dump(None, out, protocol=PROTOCOL)
    out.flush()
