"""Search at scale: bytes and times of real queries in headless Chromium, on a built site.

    python benchmarks/bench_search.py                         # 2,000 speeches, benchmarks/out/search-n2000
    python benchmarks/bench_search.py --size 100 --work /tmp/s100
    python benchmarks/bench_search.py --update BENCHMARKS.md  # rewrite the "Search" results
    python benchmarks/bench_search.py --size 10000 --twin     # bytes of first queries, no browser

Generates the corpus (benchmarks/corpus.py; reused when present), times the search index
build in-process, builds the site with `mkdocs build` (the repository's configuration,
benchmarks/configs.py), serves it on 127.0.0.1 and, in Debian's Chromium, measures for each
query (tests/search_queries.py, plus frequent words and a 500-character query):

- first query: a fresh browser context loads the home page (nothing fetched for search),
  the query is typed; bytes of every file under search/ (resource timing), time from the
  input event to the results being shown, and time from the last index byte to the results;
- later queries: one page, after a first query, runs every query in turn;
- hit counts are checked against a substring scan of the parsed sources.

With --twin, no site is built and no browser runs: each query is answered by search/query.py
(the Python twin of search.js) over the files built in-process, reading what the browser
reads on a first query — manifest, slot counts, the shards of its keys, the display blocks
of the first ten results — and the bytes of those files are reported (the browser's counts
equal them: the test server sends files as they are).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import configs
import corpus
import measure

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from search_queries import QUERIES, long_query  # noqa: E402

EXTRA = ("工作", "发展", "安全生产工作", "推进 高质量发展", "乡村振兴", "人民群众")
BEGIN, END = "<!-- search:results:begin -->", "<!-- search:results:end -->"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
RUN = """async (q) => {
  const input = document.querySelector('[data-speechsite-search-query]');
  const r = document.querySelector('[data-speechsite-search-result]');
  performance.setResourceTimingBufferSize(100000);
  const before = performance.getEntriesByType('resource').length;
  const done = new Promise(resolve => {
    const check = () => r.dataset.query === q && r.dataset.state !== 'loading';
    const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
    observer.observe(r, {attributes: true});
  });
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input'));
  await done;
  const t1 = performance.now();
  const entries = performance.getEntriesByType('resource').slice(before)
    .filter(e => e.name.includes('/search/'));
  const last = Math.max(t0, ...entries.map(e => e.responseEnd));
  return {ms: t1 - t0, after_download_ms: t1 - last, files: entries.length,
          bytes: entries.reduce((a, e) => a + e.encodedBodySize, 0),
          hits: r.dataset.hits === undefined ? 0 : +r.dataset.hits, state: r.dataset.state};
}"""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    work = args.work.resolve()
    if not (work / "source_texts").exists():
        corpus.write_corpus(args.size, work, args.seed)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": measure.machine(),
        "size": args.size,
    }
    speeches, result["index"], files = index_build(work)
    queries = [*QUERIES, *EXTRA, long_query(speeches)]
    if args.twin:
        return twin(files, queries, speeches, result)
    del files
    if not args.no_build or not (work / "site" / "search").exists():
        result["mkdocs_s"] = build_site(work)
    result["site_index"] = index_size(work / "site" / "search")
    truth = {q: count_units(speeches, q) for q in queries}
    result["load_before"] = round(os.getloadavg()[0], 1)
    result["queries"] = browse(work / "site", queries)
    result["load_after"] = round(os.getloadavg()[0], 1)
    for row in result["queries"]:
        row["expected"] = truth[row["query"]]
    text = render(result)
    print(text)
    (work / "search-results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if args.update:
        update(args.update, text)
    return 0 if all(r["first"]["hits"] == r["expected"] for r in result["queries"]) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "search-n2000")
    parser.add_argument("--no-build", action="store_true", help="reuse work/site when present")
    parser.add_argument("--update", type=Path, help="rewrite the Search results in this file")
    parser.add_argument("--twin", action="store_true",
                        help="first-query bytes from the Python twin, no site or browser")  # fmt: skip
    return parser


def index_build(work: Path) -> tuple[Any, dict[str, Any], list[Any]]:
    """Parse the corpus, then time `search_files` alone (the search share of every build)."""
    from speechsite.annotate import Annotations
    from speechsite.annotate.glossary import load_glossary
    from speechsite.annotate.taxonomy import load_taxonomy
    from speechsite.pipeline import read_corpus
    from speechsite.search import search_files
    from speechsite.site.context import RenderContext

    sources = work / "source_texts"
    parsed = read_corpus(sources)
    ctx = RenderContext(
        parsed, Annotations(), load_taxonomy(sources / "taxonomy.yml"),
        load_glossary(sources / "glossary.yml"),
    )  # fmt: skip
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, times = time.perf_counter(), os.times()
    files = list(search_files(ctx))
    seconds = time.perf_counter() - start
    cpu = sum(os.times()[:2]) - sum(times[:2])
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    chars = sum(speech.char_count() for speech in parsed.speeches)
    return parsed.speeches, {
        "seconds": round(seconds, 2), "speeches": len(parsed.speeches), "chars": chars,
        "files": len(files), "bytes": sum(len(f.as_bytes()) for f in files),
        "peak_rss_growth_mb": round(max(0, rss_after - rss_before) / 1024),
        "load": round(os.getloadavg()[0], 1),
        "cpu_s": round(cpu, 1),
    }, files  # fmt: skip


def twin(files: list[Any], queries: list[str], speeches: Any, result: dict[str, Any]) -> int:
    """Print the bytes each first query loads, as query.py reads them (see the docstring)."""
    from speechsite.search.query import SearchIndex

    data = {file.path: file.as_bytes() for file in files}
    rows = []
    for query in queries:
        loaded: dict[str, int] = {}
        index = SearchIndex(partial(_counted, data, loaded))
        units = index.search(query)
        index.unit_rows(units[:10])
        rows.append((query, sum(loaded.values()) / 1024, len(units), count_units(speeches, query)))
    index_ = result["index"]
    short = [kb for query, kb, _, _ in rows if len(query) <= 20]
    fixed = (len(data["search/manifest.js"]) + len(data["search/slots.js"])) / 1024
    print(f"{result['date']}; {result['size']} speeches; index build {index_['seconds']} s wall, "
          f"{index_['cpu_s']} s CPU, peak RSS +{index_['peak_rss_growth_mb']} MB (load {index_['load']}); "
          f"{index_['files']} files, {index_['bytes'] / 1e6:.1f} MB; manifest + slots {fixed:.0f} KB")
    print(f"first query, {len(short)} queries of up to 20 characters: at most {max(short):.0f} KB, "
          f"median {statistics.median(short):.0f} KB; over 400 KB: "
          + (", ".join(f"{q} ({kb:.0f} KB)" for q, kb, _, _ in rows if kb > 400 and len(q) <= 20) or "none"))
    wrong = [query for query, _, hits, expected in rows if hits != expected]
    print("hit counts equal to a substring scan: " + ("all queries" if not wrong else f"NOT for {wrong}"))
    for query, kb, hits, _ in rows:
        print(f"  {kb:6.0f} KB  {hits:7d}  {query if len(query) <= 20 else f'{len(query)}-character query'}")
    return 1 if wrong else 0


def _counted(data: dict[str, bytes], loaded: dict[str, int], path: str) -> bytes:
    loaded[path] = len(data[path])
    return data[path]


def build_site(work: Path) -> float:
    measure.copy_docs(work / "docs")
    config = configs.full_config(configs.load_repo_config(), work / "docs", work / "site")
    path = configs.write_config(config, work / "mkdocs.yml")
    timed = measure.run_timed([sys.executable, "-m", "mkdocs", "build", "-f", str(path)],
                              work / "search-build.log", cwd=work)  # fmt: skip
    if timed.returncode != 0:
        raise SystemExit(f"mkdocs build failed, see {timed.log}")
    return round(timed.seconds, 1)


def index_size(folder: Path) -> dict[str, Any]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
            "manifest_kb": round((folder / "manifest.js").stat().st_size / 1024, 1)}  # fmt: skip


def count_units(speeches: Any, query: str) -> int:
    from search_queries import units_of_speech

    from speechsite.search.normalise import build_char_map

    normalise = build_char_map().normalise
    terms = normalise(query).split()
    if not terms:
        return 0
    return sum(
        1 for s in speeches for _, text in units_of_speech(s)
        if all(t in normalise(text) for t in terms)
    )  # fmt: skip


def browse(site: Path, queries: list[str]) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    home = f"http://127.0.0.1:{port}/index.html"
    _wait_for(home)
    rows: list[dict[str, Any]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.goto(home)
                page.wait_for_load_state("load")
                before = page.evaluate(
                    "performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).length"
                )
                rows.append(
                    {"query": query, "before_files": before, "first": page.evaluate(RUN, query)}
                )
                context.close()
            page = browser.new_page()
            page.goto(home)
            page.evaluate(RUN, "安全生产")
            for row in rows:
                row["later"] = page.evaluate(RUN, row["query"])
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return rows


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the HTTP server did not answer at {url}")


def render(result: dict[str, Any]) -> str:
    rows, machine, index = result["queries"], result["machine"], result["index"]
    first = [r["first"] for r in rows]
    later = [r["later"] for r in rows]
    wrong = [
        r["query"]
        for r in rows
        if r["first"]["hits"] != r["expected"] or r["later"]["hits"] != r["expected"]
    ]
    lines = [
        f"Measured {result['date']} on {machine.get('cpu', '?')}, {machine.get('nproc', '?')} cores, "
        f"{machine.get('ram', '?')}; Chromium headless; {result['size']} speeches "
        f"({index['chars'] / 1e6:.1f} M characters); 1-minute load average "
        f"{result['load_before']} → {result['load_after']} during the browser runs (shared machine).",
        "",
        f"- index build (`search_files`, in-process): **{index['seconds']} s** for "
        f"{index['files']} files, {index['bytes'] / 1e6:.1f} MB (peak RSS +{index['peak_rss_growth_mb']} MB, "
        f"load average {index['load']})"
        + (f"; whole `mkdocs build`: {result['mkdocs_s']} s" if "mkdocs_s" in result else ""),
        f"- on disk: {result['site_index']['files']} files, {result['site_index']['mb']} MB under "
        f"`site/search/`; manifest {result['site_index']['manifest_kb']} KB",
        f"- before the first query: {max(r['before_files'] for r in rows)} search files downloaded",
        f"- first query: at most **{max(f['bytes'] for f in first) / 1024:.0f} KB** "
        f"(median {statistics.median(f['bytes'] for f in first) / 1024:.0f} KB); results "
        f"at most **{max(f['after_download_ms'] for f in first):.0f} ms** after the last index "
        f"byte (median {statistics.median(f['after_download_ms'] for f in first):.0f} ms); "
        f"keystroke to results incl. download at most {max(f['ms'] for f in first):.0f} ms",
        f"- later queries: at most **{max(r['ms'] for r in later):.0f} ms** "
        f"(median {statistics.median(r['ms'] for r in later):.0f} ms), keystroke to results",
        "- hit counts equal to a substring scan of the sources: "
        + ("all queries" if not wrong else f"NOT for {wrong}"),
        "",
        *verdicts(rows),
        "",
        "| query | hits | first: KB | first: ms | after download: ms | later: ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        f, later_row = row["first"], row["later"]
        shown = (
            row["query"]
            if len(row["query"]) <= 20
            else f"{row['query'][:8]}…（{len(row['query'])} 字）"
        )
        shown = shown.replace("|", "\\|").replace("<", "&lt;") or "(empty)"
        lines.append(
            f"| {shown} | {f['hits']} | {f['bytes'] / 1024:.0f} | {f['ms']:.0f} | "
            f"{f['after_download_ms']:.0f} | {later_row['ms']:.0f} |"
        )
    return "\n".join(lines)


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    """The targets of issue 6, each with ✅ or ❌ and the queries that miss it."""

    def check(label: str, misses: list[str]) -> str:
        return f"- {'❌' if misses else '✅'} {label}" + (f": not for {misses}" if misses else "")

    def short(query: str) -> str:
        return query if len(query) <= 20 else f"{len(query)}-character query"

    return [
        "Targets:",
        "",
        check("nothing downloaded before the first query", [short(r["query"]) for r in rows if r["before_files"]]),
        check("first query ≤ 500 KB", [short(r["query"]) for r in rows if r["first"]["bytes"] > 500 * 1024]),
        check("results ≤ 300 ms after the download", [short(r["query"]) for r in rows if r["first"]["after_download_ms"] > 300]),
        check("later queries ≤ 100 ms", [short(r["query"]) for r in rows if r["later"]["ms"] > 100]),
    ]  # fmt: skip


def update(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    head, _, rest = content.partition(BEGIN)
    _, _, tail = rest.partition(END)
    if not rest:
        raise SystemExit(f"{path}: markers {BEGIN} … {END} not found")
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
