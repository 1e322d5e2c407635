"""Raw source texts copied into the site at `sources/<path>.txt`, linked from each speech.

The copy is the source decoded with the encoding it was read in and written as UTF-8 with
a byte-order mark, so browsers show the Chinese correctly even from file:// (a plain-text
file carries no charset). The speech page shows the SHA-256 of the original bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..output import OutputFile
from ..render.site import RenderContext
from ..site.urls import source_copy

BOM = "\ufeff"


def source_copies(ctx: RenderContext) -> Iterator[OutputFile]:
    if ctx.sources is None:
        return
    for speech in ctx.corpus.speeches:
        raw = (ctx.sources / speech.source.path).read_bytes()
        text = raw.decode(speech.source.encoding)
        yield OutputFile(source_copy(speech.source.path), (BOM + text.lstrip(BOM)).encode("utf-8"))
