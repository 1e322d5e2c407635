"""`speechsite check`: for each source, the outline, the repairs and the warnings."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

from ..model import Diagnostic, Speech
from ..pipeline import read_corpus
from ..read.formats import KINDS as FORMAT_KINDS
from ..repair.fidelity import check as fidelity_check
from ..repair.repairs import KINDS
from .sources import add_sources_option, sources_folder


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "check",
        help="parse every source and print its outline, repairs and warnings",
        description="Read every speech file (.txt, .docx, .pdf, .html, .md) below the sources folder; print each speech's outline, "
        "the repairs made to extraction debris and the warnings. Exits 1 when a file has errors.",
    )
    add_sources_option(parser, help="folder of speech texts (default: source_texts)")
    parser.add_argument("--verbose", action="store_true",
                        help="also print every repair in full and the inferred metadata")
    parser.set_defaults(run=run_check)


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    sources = sources_folder(args.sources)
    corpus = read_corpus(sources)
    errors = sum(1 for d in corpus.diagnostics if d.level == "error")
    for speech in corpus.speeches:
        errors += len(fidelity_check(speech))
        for line in speech_report(speech, verbose=args.verbose):
            print(line, file=stream)
        print(file=stream)
    speech_files = {speech.source.path for speech in corpus.speeches}
    for diagnostic in corpus.diagnostics:
        if diagnostic.file not in speech_files:
            print(f"{diagnostic.level}: {diagnostic}", file=stream)
    warnings = sum(1 for d in corpus.diagnostics if d.level == "warning")
    print(f"{len(corpus.speeches)} speeches, {errors} errors, {warnings} warnings",
          file=stream)
    return 1 if errors else 0


def speech_report(speech: Speech, verbose: bool = False) -> Iterator[str]:
    source = speech.source
    how = source.encoding if source.format == "txt" else f"{source.format}, {source.extractor}"
    yield f"== {source.path} → speeches/{speech.slug}/ ({how})"
    yield from ("  " + line for line in speech.outline().split("\n"))
    yield from _extraction_report(speech, verbose)
    if verbose:
        meta = speech.meta
        for name in ("title", "date", "speaker", "role", "level", "meeting"):
            value = getattr(meta, name)
            if value:
                mark = "（推断）" if meta.is_inferred(name) else ""
                yield f"  meta {name}: {value}{mark}"
    shown = [r for r in speech.repairs if verbose or r.removed]
    for repair in shown:
        removed = repair.removed.replace("\n", "⏎")
        what = f"removed “{removed[:60]}”" if removed else "joined/split"
        yield f"  repair {KINDS.get(repair.kind, repair.kind)} line {repair.line}: {what}" + (
            f" → “{repair.result}”" if repair.result else "")
    if len(speech.repairs) > len(shown):
        yield (f"  … and {len(speech.repairs) - len(shown)} line joins/splits "
               "(--verbose lists them)")
    for diagnostic in speech.diagnostics:
        yield f"  {diagnostic.level}: {diagnostic}"
    for problem in fidelity_check(speech):
        yield f"  error: {Diagnostic('error', speech.source.path, None, problem)}"


def _extraction_report(speech: Speech, verbose: bool) -> Iterator[str]:
    """What extracting a Word, PDF, web or Markdown file dropped or put in (all of it with
    --verbose, else a count per kind)."""
    records = speech.source.extraction
    if verbose:
        for record in records:
            removed = f" removed “{record.removed[:60]}”" if record.removed else ""
            added = f" added “{record.added[:60]}”" if record.added else ""
            note = f" ({record.note})" if record.note else ""
            yield f"  extraction {FORMAT_KINDS.get(record.kind, record.kind)} {record.where}:{removed}{added}{note}"
        return
    counts = Counter(record.kind for record in records)
    if counts:
        listed = "、".join(f"{FORMAT_KINDS.get(kind, kind)} {count}" for kind, count in counts.items())
        yield f"  extraction: {listed} (--verbose lists them)"
