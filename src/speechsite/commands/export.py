"""`speechsite export OUTDIR`: write the generated Markdown and data files to a folder,
for people who want to read or diff what the site is built from."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from ..errors import SpeechSiteError
from ..output import OutputFile
from ..pipeline import Options, build
from .sources import add_sources_option, sources_folder

MARKER = ".speechsite-export"


class ExportError(SpeechSiteError):
    """The export folder cannot be written."""


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "export",
        help="write the generated Markdown pages and data files to a folder",
        description="Run the whole pipeline and write every generated file (Markdown pages, "
        "data/corpus.json, source copies, assets) to OUTDIR, for reading or diffing.",
    )
    parser.add_argument("outdir", type=Path, help="folder to write (created; must be empty or an earlier export)")
    add_sources_option(parser)
    parser.add_argument("--taxonomy", type=Path, help="topic taxonomy (default: SOURCES/taxonomy.yml if present)")
    parser.add_argument("--glossary", type=Path, help="glossary (default: SOURCES/glossary.yml if present)")
    parser.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    sources = sources_folder(args.sources)
    options = Options(
        sources=sources,
        taxonomy=_data_file(args.taxonomy, sources / "taxonomy.yml"),
        glossary=_data_file(args.glossary, sources / "glossary.yml"),
    )
    result = build(options)
    for diagnostic in result.corpus.diagnostics:
        print(f"{diagnostic.level}: {diagnostic}", file=sys.stderr)
    written = export_files(result.site.files, args.outdir)
    pages = sum(1 for file in result.site.files if file.is_page)
    print(f"wrote {written} files ({pages} Markdown pages, {len(result.corpus.speeches)} speeches) to {args.outdir}")
    failed = sum(1 for diagnostic in result.corpus.diagnostics if diagnostic.level == "error")
    if failed:
        print(f"{failed} source file(s) could not be read and are missing from the export — "
              "see the errors above", file=sys.stderr)
    return 1 if failed else 0


def export_files(files: tuple[OutputFile, ...], outdir: Path, by: str = "speechsite export") -> int:
    """Write `files` under `outdir`, replacing an earlier export; refuse any other non-empty folder.
    `by` names the command in the marker file that tells an earlier export."""
    if outdir.exists():
        if not outdir.is_dir():
            raise ExportError(f"{outdir}: is a file — choose a folder name")
        if any(outdir.iterdir()) and not (outdir / MARKER).exists():
            raise ExportError(
                f"{outdir}: folder is not empty and not an earlier export — choose an empty or new folder"
            )
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    (outdir / MARKER).write_text(f"written by `{by}`; the whole folder is replaced on the next run\n")
    for file in files:
        target = outdir / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.as_bytes())
    return len(files)


def _data_file(given: Path | None, default: Path) -> Path | None:
    if given is not None:
        if not given.is_file():
            raise ExportError(f"{given}: no such file — check the path")
        return given
    return default if default.is_file() else None
