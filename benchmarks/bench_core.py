"""Core parser throughput: MB of source text per second on one core (read → repair → parse).

    .venv/bin/python benchmarks/bench_core.py                 # every document of ../shared/corpora
    .venv/bin/python benchmarks/bench_core.py --repeat 3      # best of three runs
    .venv/bin/python benchmarks/bench_core.py --profile 25    # also print the 25 costliest functions

Reading (decoding, hashing) is timed separately from repair + parse so the parse figure is
the parser's own speed. Times are CPU seconds of this (single-threaded) process, so other
work on a shared machine does not distort them; wall time is printed too.
Target: ≥ 5 MB/s for read + repair + parse.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from speechsite.errors import SourceError  # noqa: E402
from speechsite.parse import parse  # noqa: E402
from speechsite.read import SourceText, read_source  # noqa: E402
from speechsite.repair import repair  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def documents(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")
                  and p.name != "SOURCE.md")


def read_all(paths: list[Path], root: Path) -> tuple[list[SourceText], float]:
    start = time.process_time()
    sources = [read_source(path, root) for path in paths]
    return sources, time.process_time() - start


def parse_all(sources: list[SourceText]) -> float:
    start = time.process_time()
    for source in sources:
        try:
            parse(repair(source))
        except SourceError:  # e.g. an index page holding only front matter
            continue
    return time.process_time() - start


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpora", type=Path, default=CORPORA)
    options.add_argument("--repeat", type=int, default=1)
    options.add_argument("--profile", type=int, default=0, metavar="N")
    args = options.parse_args()
    paths = documents(args.corpora)
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    best_read = best_parse = float("inf")
    sources: list[SourceText] = []
    wall = time.perf_counter()
    for _ in range(args.repeat):
        sources, read_seconds = read_all(paths, args.corpora)
        best_read = min(best_read, read_seconds)
        best_parse = min(best_parse, parse_all(sources))
    wall = (time.perf_counter() - wall) / args.repeat
    total = best_read + best_parse
    print(f"documents:        {len(paths)}")
    print(f"source text:      {megabytes:.1f} MB")
    print(f"wall time:        {wall:.2f} s per run (machine load distorts this one)")
    print(f"read:             {best_read:.2f} s  ({megabytes / best_read:.1f} MB/s)")
    print(f"repair + parse:   {best_parse:.2f} s  ({megabytes / best_parse:.1f} MB/s)")
    print(f"read + parse:     {total:.2f} s  ({megabytes / total:.1f} MB/s, target ≥ 5 MB/s)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(parse_all, sources)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
