"""Text files that are not speeches: a table (CSV/TSV) or a text without any Chinese.

They are still published, every character of them, but with a warning naming the file,
so `mkdocs build --strict` points at a file that was probably dropped in by mistake. A file
with nothing left once the extraction debris (page numbers, web-page chrome) is taken out
is not published at all: a warning says so (SourceError of level warning).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import SourceError
from ..model import Diagnostic, Speech

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TABLES = ((",", "CSV"), ("\t", "TSV"))
MOVE_HINT = "keep only speeches in the sources folder, or convert the table into running text"


def with_suspect_warnings(speech: Speech) -> Speech:
    if not "".join(speech.text_pieces()).strip():
        raise SourceError(
            speech.source.path, None,
            f"nothing is left once the extraction debris is taken out ({len(speech.repairs)} "
            "repairs: page numbers, web-page chrome): no speech to publish",
            "check that it is the right file (an export that lost its text?), or delete it",
            level="warning",
        )
    found = suspect_diagnostics(speech)
    return replace(speech, diagnostics=speech.diagnostics + found) if found else speech


def suspect_diagnostics(speech: Speech) -> tuple[Diagnostic, ...]:
    file = speech.source.path
    if not _CJK.search(speech.body):
        return (Diagnostic("warning", file, None,
                           "no Chinese text: this file does not look like a speech",
                           "check that it is the right file; keep only Chinese speeches in the "
                           "sources folder"),)
    table = _table_shape(speech.body)
    if table is None:
        return ()
    kind, rows, columns = table
    return (Diagnostic("warning", file, speech.body_line,
                       f"looks like a table ({kind}, {rows} rows × {columns} columns), not a "
                       "speech; its rows are published as paragraphs", MOVE_HINT),)


def _table_shape(body: str) -> tuple[str, int, int] | None:
    """(kind, rows, columns) when every non-blank line has the same number of separators."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    for separator, kind in _TABLES:
        counts = {line.count(separator) for line in lines}
        if len(counts) == 1 and (columns := counts.pop() + 1) > 1:
            return kind, len(lines), columns
    return None
