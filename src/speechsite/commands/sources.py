"""The `--sources` option every command takes, and its one check."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import SpeechSiteError
from ..pipeline import DEFAULT_SOURCES


class SourcesFolderError(SpeechSiteError):
    """The sources folder named on the command line does not exist."""


def add_sources_option(parser: argparse.ArgumentParser, help: str = "speech texts (default: source_texts)") -> None:
    parser.add_argument("--sources", type=Path, default=Path(DEFAULT_SOURCES), help=help)


def sources_folder(path: Path) -> Path:
    """`path` if it is a folder; otherwise an error saying what to pass."""
    if not path.is_dir():
        raise SourcesFolderError(f"{path}: no such folder — pass the folder of speech texts with --sources")
    return path
