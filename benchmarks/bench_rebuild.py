"""CPU seconds of one `mkdocs serve` rebuild after a one-speech edit, by stage.

    python benchmarks/bench_rebuild.py --sizes 500 2000 [--edits 3] [--out benchmarks/out]

Wall times on a shared machine say more about the other users than about the build; the CPU
seconds of the process do not. For each size it generates the corpus (benchmarks/corpus.py),
builds it once in this process as `mkdocs serve` does (the plugin instance kept), waits for
the static files, then `--edits` times appends a sentence to one paragraph of a speech and
rebuilds, timing the CPU seconds of the rebuild and of each stage (the core's stages, the page
generators, the statistics they share, and MkDocs' page reading and writing; nested stages
count in their parents too). Prints the medians; the static files' refresh after each edit is
waited for and not counted.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import configs
import corpus
import measure
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from speechsite import generators, pipeline  # noqa: E402
from speechsite.site.context import RenderContext  # noqa: E402

URL = "http://127.0.0.1:8000/"
CORE = ("read_corpus", "annotate", "corpus_reuse")
SHARED = ("topic_stats", "term_stats", "overview_stats", "speech_reuse", "term_traces")
MKDOCS = ("_populate_page", "_build_page")


def main(argv: list[str] | None = None) -> int:
    args = measure.edit_loop_parser(__doc__.split("\n")[0], edits=3).parse_args(argv)
    spent: dict[str, list[float]] = {}
    _instrument(spent)
    for size in args.sizes:
        work = args.out.resolve() / f"rebuild{size}"
        if not (work / "mkdocs.yml").exists():
            corpus.write_corpus(size, work, args.seed)
            measure.copy_docs(work / "docs")
            configs.write_config(configs.full_config(configs.load_repo_config(), work / "docs", work / "site"),
                                 work / "mkdocs.yml")
        totals = _rebuilds(work, args.edits, spent)
        print(f"{size} speeches: rebuild CPU s median {statistics.median(totals):.2f} "
              f"(each: {', '.join(f'{t:.2f}' for t in totals)})")
        for stage, seconds in sorted(spent.items(), key=lambda item: -statistics.median(item[1])):
            print(f"  {stage:28s} {statistics.median(seconds):6.2f}")
        for seconds in spent.values():
            seconds.clear()
    return 0


def _rebuilds(work: Path, edits: int, spent: dict[str, list[float]]) -> list[float]:
    plugin = _serve_build(work)
    plugin.static.wait()
    sources = sorted((work / "source_texts").rglob("*.txt"))
    target = sources[len(sources) // 2]
    original = target.read_text("utf-8")
    totals = []
    try:
        for n in range(edits):
            target.write_text(original.replace("。", f"。编辑计时标记{n}号。", 1), "utf-8")
            for seconds in spent.values():
                seconds.append(0.0)
            started = time.process_time()
            plugin = _serve_build(work)
            totals.append(time.process_time() - started)
            plugin.static.wait()
    finally:
        target.write_text(original, "utf-8")
        plugin.on_shutdown()
    return totals


def _serve_build(work: Path) -> Any:
    config = load_config(str(work / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = URL
    mkdocs_build.build(config, serve_url=URL, dirty=False)
    return config.plugins["speeches"]


def _instrument(spent: dict[str, list[float]]) -> None:
    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        spent[name] = []  # one entry per timed rebuild (the first build is not timed)

        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            result = function(*args, **kwargs)
            if hasattr(result, "__next__"):  # a generator: time making its files
                result = list(result)
            if spent[name]:
                spent[name][-1] += time.process_time() - started
            return result
        return run

    generators.SPEECH_GENERATORS = tuple(timed(f.__name__, f) for f in generators.SPEECH_GENERATORS)
    generators.CORPUS_PAGE_GENERATORS = tuple(timed(f.__name__, f) for f in generators.CORPUS_PAGE_GENERATORS)
    for name in CORE:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    for name in SHARED:
        prop = getattr(RenderContext, name)
        prop.func = timed(f"context.{name}", prop.func)
    for name in MKDOCS:
        setattr(mkdocs_build, name, timed(f"mkdocs.{name}", getattr(mkdocs_build, name)))


if __name__ == "__main__":
    raise SystemExit(main())
