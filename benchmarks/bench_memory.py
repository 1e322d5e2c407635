"""Where the memory of a build goes: one process runs the core's steps in the order the
`mkdocs build` processes do, and prints the resident set after each step and the peak
during it (MB).

    python benchmarks/bench_memory.py DIR          # DIR/source_texts, e.g. a corpus of run.py
    python benchmarks/bench_memory.py DIR --writer # then the forked writer's steps, in a child

The parent's steps: read → repair → parse, annotate, passage reuse, the speech pages'
Markdown. With `--writer` the process then forks as `mkdocs build` does (background.py) and
the child makes the corpus pages and each static generator in turn, writing nothing; a
child's resident set starts with the parent's pages (its peak RSS, what `run.py` measures of
the build's process tree, counts them), so the child's rows also give its own growth. The
peak of a step is taken by resetting the kernel's high-water mark (Linux `clear_refs`)
before it; elsewhere the peak is the process's peak so far. A step that runs a process of its
own (the search index's, search/worker.py) gets a row for it: its peak RSS, as the worker
reports it (`VmHWM`: the kernel's peak of a child, `getrusage` or `wait4`, also counts the
parent's pages it held before exec), and its CPU seconds (`getrusage(RUSAGE_CHILDREN)`), so
the probe does not hide the memory spent there.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import _options  # noqa: E402

from speechsite import generators, pipeline  # noqa: E402
from speechsite.annotate.annotations import annotate  # noqa: E402
from speechsite.annotate.reuse import corpus_reuse  # noqa: E402
from speechsite.heap import return_free_memory  # noqa: E402
from speechsite.search import handoff  # noqa: E402
from speechsite.site.context import RenderContext  # noqa: E402


def _status(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


# The search worker run so that it reports its own peak: the kernel's peak RSS of a child
# (getrusage, wait4) counts the parent's pages it had before exec, i.e. the writer's RSS.
_WORKER = (
    "import runpy, sys\n"
    "try:\n"
    "    runpy.run_module('speechsite.search.worker', run_name='__main__')\n"
    "finally:\n"
    "    with open('/proc/self/status') as s, open(sys.argv[1], 'a') as out:\n"
    "        out.write(next(line for line in s if line.startswith('VmHWM:')).split()[1] + '\\n')\n"
)
_PEAKS = Path(tempfile.gettempdir()) / f"bench-memory-worker-{os.getpid()}.txt"


def _report_worker_peak() -> None:
    handoff.worker_command = lambda: [sys.executable, "-c", _WORKER, str(_PEAKS)]


def _children() -> tuple[float, float]:
    """Peak RSS (MB) of the search workers that ended so far, and the children's CPU s."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peaks = _PEAKS.read_text().split() if _PEAKS.exists() else []
    return max((int(kb) / 1024 for kb in peaks), default=0.0), usage.ru_utime + usage.ru_stime


class Steps:
    """Runs steps, printing a row per step: RSS after, peak during, CPU seconds; and a row for
    a process the step ran (the search index's worker): its peak and CPU seconds."""

    def __init__(self, who: str) -> None:
        self.who = who

    def run(self, name: str, step: Callable[[], Any]) -> Any:
        _reset_peak()
        cpu, (_, children) = time.process_time(), _children()
        result = step()
        print(f"| {self.who} | {name} | {_status('VmRSS'):.0f} | {_status('VmHWM'):.0f} | "
              f"{time.process_time() - cpu:.2f} |", flush=True)
        peak, after = _children()
        if after > children:  # a child ran and ended: its peak (the largest worker's so far)
            print(f"| {self.who}'s child | {name}: its own process | — | {peak:.0f} | {after - children:.2f} |",
                  flush=True)
        return result


def _consume(files: Iterable[Any]) -> int:
    """Make the files one at a time, as the writer does, keeping none: each written to the
    null device as the writer writes it (a `StreamedFile` piece by piece, never whole)."""
    made = 0
    for file in files:
        file.write_to(Path(os.devnull))
        made += 1
    return made


def _make_static(generate: generators.Generator, ctx: RenderContext) -> int:
    return _consume(generate(ctx))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("work", type=Path, help="folder with source_texts/")
    parser.add_argument("--writer", action="store_true", help="also the forked writer's steps")
    args = parser.parse_args(argv)
    options = _options(args.work)
    print("| process | after | RSS MB | peak MB | CPU s |\n|---|---|---:|---:|---:|")
    steps = Steps("build")
    steps.run("start (imports)", lambda: None)
    corpus = steps.run("read → repair → parse", lambda: pipeline.read_corpus(
        options.sources, None, (options.taxonomy, options.glossary)))
    taxonomy, glossary, _ = pipeline.load_data_files(options)
    annotations = steps.run("annotate", lambda: annotate(corpus, taxonomy, glossary, None))
    reuse = steps.run("passage reuse", lambda: corpus_reuse(corpus))
    return_free_memory()  # as pipeline.build does
    ctx = RenderContext(corpus, annotations, taxonomy, glossary, options.site_url, options.sources,
                        reuse, options.site_name)
    made: dict[str, list[Any]] = {}

    def pages(name: str, group: tuple[generators.Generator, ...]) -> None:
        made[name] = [file for generate in group for file in generate(ctx)]
    _report_worker_peak()
    if args.writer:
        gc.freeze()
        return_free_memory()  # as background.py does
        pid = os.fork()
        if pid == 0:
            child = Steps("writer")
            child.run("forked", lambda: None)
            # sent to the parent one by one and not kept (background.py)
            child.run("corpus pages", lambda: _consume(
                file for generate in generators.CORPUS_PAGE_GENERATORS for file in generate(ctx)))
            for generate in generators.STATIC_GENERATORS:
                child.run(generate.__name__, partial(_make_static, generate, ctx))
            os._exit(0)
        os.waitpid(pid, 0)
    steps.run("speech pages' Markdown", lambda: pages("speech", generators.SPEECH_GENERATORS))
    if not args.writer:
        steps.run("corpus pages' Markdown", lambda: pages("corpus", generators.CORPUS_PAGE_GENERATORS))
    _PEAKS.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
