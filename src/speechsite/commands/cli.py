"""Command line: `speechsite check | export | build-pages | candidates`.

The core raises domain errors; this module turns them into clean messages and exit codes.
Each command is a module here; what it runs lives in its stage (pipeline, annotate …).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import SpeechSiteError
from . import build_pages, candidates, check, export


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except SpeechSiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speechsite", description="Build tools for the speech site (讲话稿文库)."
    )
    commands = parser.add_subparsers(title="commands")
    for register in _commands():
        register(commands)
    return parser


def _commands() -> tuple[Callable[[Any], None], ...]:
    """Each command module registers its own sub-command."""
    return (check.register, export.register, build_pages.register, candidates.register)


if __name__ == "__main__":
    sys.exit(main())
