"""The search worker alone (src/speechsite/search/worker.py): its peak RSS, CPU and wall seconds
on a saved input, and the SHA-256 over every file it sends back (to compare two versions).

    python benchmarks/bench_search_worker.py save DIR INPUT   # parse DIR/source_texts once,
                                                              # write the worker's input to INPUT
    python benchmarks/bench_search_worker.py run INPUT        # run the worker on it, measure
                                             [--out SITE]     # (and write the files under SITE)

The input is exactly what `search_files` streams to the worker in a build (handoff.py), so
the worker runs as in `mkdocs build`, without the corpus's parse in the same measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import _options  # noqa: E402

from speechsite import pipeline  # noqa: E402
from speechsite.annotate import Annotations  # noqa: E402
from speechsite.children import child_environment  # noqa: E402
from speechsite.search import _unit_fields, handoff, index_links  # noqa: E402
from speechsite.site.context import RenderContext  # noqa: E402

PROTOCOL = pickle.HIGHEST_PROTOCOL  # as search/protocol.py


def save(work: Path, target: Path) -> None:
    options = _options(work)
    corpus = pipeline.read_corpus(options.sources, None, (options.taxonomy, options.glossary))
    taxonomy, glossary, _ = pipeline.load_data_files(options)
    speeches, pages = index_links(RenderContext(corpus, Annotations(), taxonomy, glossary))
    units = characters = 0
    with target.open("wb") as out:
        pickle.dump((speeches, pages), out, protocol=PROTOCOL)
        for chunk in _unit_fields(corpus):
            units += len(chunk)
            characters += sum(len(fields[-1]) for fields in chunk)
            pickle.dump(chunk, out, protocol=PROTOCOL)
        pickle.dump(None, out, protocol=PROTOCOL)
    print(f"{len(speeches)} speeches, {units:,} units, {characters:,} characters, "
          f"{target.stat().st_size / 1e6:.1f} MB of input in {target}")


def run(source: Path, out: Path | None = None) -> None:
    digest, files, size = hashlib.sha256(), 0, 0
    started = time.monotonic()
    with source.open("rb") as stdin:
        child = subprocess.Popen(handoff.worker_command(), stdin=stdin, stdout=subprocess.PIPE,
                                 env=child_environment())
        assert child.stdout is not None
        while (item := pickle.load(child.stdout)) is not None:
            path, data = item
            digest.update(f"{path}\0{len(data)}\0".encode())
            digest.update(data)
            files, size = files + 1, size + len(data)
            if out is not None:
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_bytes(data)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    print(f"worker: peak RSS {usage.ru_maxrss / 1024:.0f} MB, {usage.ru_utime + usage.ru_stime:.2f} CPU s "
          f"({usage.ru_utime:.2f} user), {wall:.2f} s wall, exit {child.returncode}; "
          f"{files:,} files, {size / 1e6:.1f} MB, sha256 {digest.hexdigest()[:16]}; "
          f"load {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    saving = commands.add_parser("save")
    saving.add_argument("work", type=Path)
    saving.add_argument("input", type=Path)
    running = commands.add_parser("run")
    running.add_argument("input", type=Path)
    running.add_argument("--out", type=Path, help="also write the files under this folder")
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.work, args.input)
    else:
        run(args.input, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
