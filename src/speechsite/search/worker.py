"""The search index made in a process of its own: `python -m speechsite.search.worker`.

The index build needs memory in proportion to the corpus's characters. Made in the process
that holds the parsed corpus (or in the writer forked from it, background.py), its memory
comes on top of the corpus's; made here, in a fresh interpreter that receives only what the
index needs (protocol.py; handoff.py is the caller's side), it comes on top of a bare Python
with numpy. No module imports this one: `-m` runs it as a script.

Anything printed to the standard output (a library's message) goes to the standard error
instead, so it cannot corrupt the stream of files; a failure is the exit status and the last
lines of the standard error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence

from ..output import OutputFile
from .files import PageLink, SpeechLink, block_size, index_files
from .index import index_stream
from .normalise import build_char_map
from .protocol import read_input, send_files
from .units import SearchUnit

SHARD_BYTES = 16384
BLOCK_BYTES = 16384


def make_index_files(
    units: Sequence[SearchUnit], speeches: Sequence[SpeechLink], pages: Sequence[PageLink]
) -> Iterator[OutputFile]:
    """The files of the index (in whichever process calls it), the shards made as they are
    written (the manifest, which lists them, comes last)."""
    char_map = build_char_map()
    index, shards = index_stream([unit.text for unit in units], char_map, SHARD_BYTES)
    yield from index_files(index, units, speeches, pages, char_map, block_size(units, BLOCK_BYTES), shards)


def main() -> int:
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not enter the stream
    units, speeches, pages = read_input(sys.stdin.buffer)
    send_files(make_index_files(units, speeches, pages), out)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
