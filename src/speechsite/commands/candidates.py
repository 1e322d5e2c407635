"""`speechsite candidates`: formulations (提法) that the glossary does not list yet, ranked by
evidence, one line each with its count, the number of speeches and a context (see
`annotate/candidates.py` for what is found and how it is ranked).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..annotate.candidates import MIN_SCORE, Candidate, find_candidates
from ..annotate.glossary import load_glossary
from ..pipeline import read_corpus
from .sources import add_sources_option, sources_folder


def format_candidates(candidates: Iterable[Candidate], contexts: int = 1) -> str:
    """One line per candidate (rank, score, count, speeches, shape, phrase, first context);
    with `contexts` > 1 the further contexts follow it, indented."""
    lines = [
        f"{'#':>3} {'score':>5} {'count':>5} {'in':>3}  {'kind':<8}  candidate  where / context"
    ]
    for rank, c in enumerate(candidates, 1):
        name = c.phrase + (f" ({' / '.join(c.forms)})" if c.forms else "")
        first = c.example
        lines.append(
            f"{rank:>3} {c.score:>5} {c.count:>5} {c.speeches:>3}  {c.kind:<8}  {name}  "
            f"{first.path}:{first.line}  {first.context}"
        )
        for place in c.places[1:contexts]:
            lines.append(f"{'':>31}{place.path}:{place.line}  {place.context}")
    return "\n".join(lines)


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "candidates",
        help="list formulations (提法) that the glossary does not have yet",
        description="Scan the speeches for numbered formulas (一X一Y, 四不两直), slogans of parallel "
        "items (大走访、大调解、大化解), numbered series (三查、两访), quoted phrases and coined "
        "names of posts and methods that no glossary term covers, ranked by evidence, with "
        "counts and contexts.",
    )
    add_sources_option(parser)
    parser.add_argument(
        "--glossary", type=Path, help="glossary (default: SOURCES/glossary.yml if present)"
    )
    parser.add_argument(
        "--min-count", type=int, default=1, help="list only candidates that occur at least N times"
    )
    parser.add_argument(
        "--min-score",
        type=int,
        default=MIN_SCORE,
        help=f"list only candidates with at least this much evidence (default {MIN_SCORE}; 0 lists all)",
    )
    parser.add_argument(
        "--contexts", type=int, default=1, help="contexts shown per candidate (default 1)"
    )
    parser.set_defaults(run=run_candidates)


def run_candidates(args: argparse.Namespace) -> int:
    sources = sources_folder(args.sources)
    glossary_path = args.glossary or sources / "glossary.yml"
    glossary = load_glossary(glossary_path if glossary_path.exists() else None)
    corpus = read_corpus(sources)
    candidates = find_candidates(corpus, glossary, args.min_count, args.min_score)
    print(format_candidates(candidates, args.contexts))
    return 0
