"""Source files copied into the site under `sources/`, linked from each speech.

A plain-text source is copied to `sources/<path>.txt`: decoded with the encoding it was read
in and written as UTF-8 with a byte-order mark, so browsers show the Chinese correctly even
from file:// (a plain-text file carries no charset). A Word, PDF, web or Markdown source is
offered twice: the original bytes (see `original_copy`) and the extracted plain text at
`sources/<path>.txt`, the text whose line numbers the repairs and warnings cite. The speech
page shows the SHA-256 of the original bytes, the very bytes the copies are made from.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Speech
from ..output import OutputFile
from ..read.sources import decode_bytes
from ..site.context import RenderContext
from ..site.urls import original_copy, source_copy

BOM = "\ufeff"


def source_copies(ctx: RenderContext) -> Iterator[OutputFile]:
    if ctx.sources is None:
        return
    for speech in ctx.corpus.speeches:
        source = speech.source
        raw = source.data  # read once with the speech, never again: the file may have changed since
        original = original_copy(source.path, source.format)
        if original is None:
            text = raw.decode(source.encoding)
        else:
            yield OutputFile(original, raw)
            text = extracted_text(speech, raw)
        yield OutputFile(source_copy(source.path), (BOM + text.lstrip(BOM)).encode("utf-8"))


def extracted_text(speech: Speech, raw: bytes) -> str:
    """The extracted text of a non-plain-text source: its front matter (only Markdown has
    one, kept verbatim by the extractor) and the body the speech was read from."""
    if speech.body_line == 1:
        return speech.body
    text, _ = decode_bytes(raw, speech.source.path)
    front = text.split("\n")[: speech.body_line - 1]
    return "\n".join(front) + "\n" + speech.body
