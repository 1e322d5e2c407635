"""Measurements: the core pipeline in-process, a command's wall time and peak RSS, a site's size.

The core measurement runs in its own process (`run.py --core DIR`) so its memory and
imports do not mix with the driver's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
STAGES = (
    "read_corpus", "load_taxonomy", "load_glossary", "annotate", "corpus_reuse", "render_site",
)  # fmt: skip


@dataclass(frozen=True)
class Timed:
    seconds: float
    cpu_seconds: float  # user + system: less sensitive to a busy machine than wall time
    peak_rss_mb: float
    returncode: int
    warnings: int
    log: str


def run_timed(command: list[str], log: Path, cwd: Path) -> Timed:
    """Run `command`; wall time, and peak resident set size of that process (os.wait4)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", errors="replace")
    warnings = sum(1 for line in text.splitlines() if line.startswith("WARNING"))
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, warnings, str(log))


def source_bytes(sources: Path) -> int:
    return sum(path.stat().st_size for path in sources.rglob("*.txt"))


@contextmanager
def stage_timer(module: Any, totals: dict[str, float]) -> Iterator[None]:
    """Time the stages `pipeline.build` calls, by wrapping the names it looks up; `<name>:rss`
    is how much the process's peak RSS grew during the stage (MB), `<name>:cpu` its CPU seconds."""
    import resource

    originals = {name: getattr(module, name) for name in STAGES if hasattr(module, name)}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
                totals[f"{name}:cpu"] = totals.get(f"{name}:cpu", 0.0) + time.process_time() - cpu
                grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
                totals[f"{name}:rss"] = totals.get(f"{name}:rss", 0.0) + grown / 1024

        return wrapper

    for name, function in originals.items():
        setattr(module, name, timed(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(module, name, function)


@contextmanager
def generator_timer(site_module: Any, totals: dict[str, dict[str, float]]) -> Iterator[None]:
    """Time each generator of `generators.py` (pages and static files) and the peak RSS after it."""
    import resource

    names = ("SPEECH_GENERATORS", "CORPUS_PAGE_GENERATORS", "STATIC_GENERATORS")
    originals = {name: getattr(site_module, name) for name in names}

    def timed(generate: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def wrapper(context: Any) -> list[Any]:
            start = time.perf_counter()
            files = list(generate(context))
            totals[generate.__name__] = {
                "seconds": time.perf_counter() - start,
                "mb": sum(len(f.as_bytes()) for f in files) / 1e6,
                "files": len(files),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
            return files

        return wrapper

    for name, original in originals.items():
        setattr(site_module, name, tuple(timed(g) for g in original))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(site_module, name, original)


def core(work: Path, export: Path | None) -> dict[str, Any]:
    """Time `pipeline.build` on `work/source_texts` and making its pages — read, repair, parse,
    annotate, render the Markdown — then the static files (search index, data exports, source copies), which the
    plugin makes in a second process during `mkdocs build`; export all for the plain build."""
    import resource

    from speechsite import generators as site_module
    from speechsite import pipeline

    options = _options(work)
    stages: dict[str, float] = {}
    generators: dict[str, dict[str, float]] = {}
    with stage_timer(pipeline, stages), generator_timer(site_module, generators):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = pipeline.build(options)
        pages = result.site.assets + result.site.pages.files + result.site.corpus_pages.files
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        static = tuple(result.site.static)
        static_seconds = time.perf_counter() - start - seconds
        static_cpu = time.process_time() - cpu_start - cpu
    # render_site only sets up the groups; the pages are rendered when they are first asked for
    stages["render_pages"] = seconds - sum(v for k, v in stages.items() if ":" not in k)
    size = source_bytes(options.sources)
    files = pages + static
    if export is not None:
        export_site(files, export)
    return {
        "seconds": seconds,
        "source_mb": size / 1e6,
        "mb_per_s": size / 1e6 / seconds,
        "cpu_seconds": cpu,
        "cpu_mb_per_s": size / 1e6 / cpu,
        "static_seconds": static_seconds,
        "static_cpu_seconds": static_cpu,
        "with_static_mb_per_s": size / 1e6 / (seconds + static_seconds),
        "stages": stages,
        "generators": generators,
        "speeches": len(result.corpus.speeches),
        "diagnostics": len(result.corpus.diagnostics),
        "errors": sum(1 for d in result.corpus.diagnostics if d.level == "error"),
        "files": len(files),
        "pages": sum(1 for f in files if f.is_page),
        "markdown_mb": sum(len(f.as_bytes()) for f in files if f.is_page) / 1e6,
        "extra_css": list(result.site.extra_css),
        "extra_javascript": list(result.site.extra_javascript),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _options(work: Path) -> Any:
    """The options the plugin would use under the repository's mkdocs.yml: its site name and
    URL go into the feeds, so the exported plain site equals the full one file for file."""
    from configs import load_repo_config

    from speechsite.pipeline import Options

    sources = work / "source_texts"
    taxonomy, glossary = sources / "taxonomy.yml", sources / "glossary.yml"
    repo = load_repo_config()
    return Options(
        sources=sources,
        taxonomy=taxonomy if taxonomy.exists() else None,
        glossary=glossary if glossary.exists() else None,
        site_url=repo.get("site_url") or "",
        site_name=repo.get("site_name") or "",
    )


def export_site(files: Any, docs: Path) -> None:
    """Write the generated files where plain MkDocs finds them, over the repo's own docs/."""
    for output in files:
        target = docs / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.as_bytes())


def copy_docs(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    source = REPO / "docs"
    if source.exists():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True)


def profile_core(work: Path, top: int = 25) -> str:
    """cProfile of `pipeline.build`: the top functions by own time and by cumulative time."""
    from speechsite import pipeline

    options = _options(work)
    profiler = cProfile.Profile()
    profiler.enable()
    tuple(pipeline.build(options).site.files)
    profiler.disable()
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return report.getvalue()


def site_stats(site: Path, page_limit: int = 150_000) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size, default=None)
    search = _search_files(site)
    folders: dict[str, float] = {}
    for path in files:
        top = path.relative_to(site).parts[0] if path.parent != site else "(top)"
        folders[top] = folders.get(top, 0.0) + path.stat().st_size / 1e6
    return {
        "folders_mb": dict(sorted(folders.items(), key=lambda item: -item[1])),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "site_files": len(files),
        "html_pages": len(pages),
        "largest_page_kb": largest.stat().st_size / 1e3 if largest else 0.0,
        "largest_page": str(largest.relative_to(site)) if largest else "",
        "pages_over_limit": sum(1 for p in pages if p.stat().st_size > page_limit),
        "search_index_mb": sum(p.stat().st_size for p in search) / 1e6 if search else None,
        "search_index_files": len(search),
    }


def differing_files(one: Path, other: Path) -> int:
    """How many files differ between two built sites (missing on either side, or other bytes)."""
    import hashlib

    def digests(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    a, b = digests(one), digests(other)
    return sum(1 for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def _search_files(site: Path) -> list[Path]:
    """The search index: every file under a top-level folder named like `search*`."""
    folders = [p for p in site.iterdir() if p.is_dir() and p.name.startswith("search")]
    return [f for folder in folders for f in folder.rglob("*") if f.is_file()]


def machine() -> dict[str, Any]:
    import markdown
    import mkdocs

    cpu = ""
    info = Path("/proc/cpuinfo")
    if info.exists():
        cpu = next(
            (line.split(":", 1)[1].strip() for line in info.read_text().splitlines()
             if line.startswith("model name")),
            "",
        )  # fmt: skip
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024 / 1024:.1f} GB"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "material": _version("mkdocs-material"),
        "markdown": markdown.__version__,
    }


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "?"


def as_dict(timed: Timed) -> dict[str, Any]:
    return asdict(timed)


def replace_between_markers(path: Path, table: str, begin: str, end: str) -> None:
    """Replace only what lies between the `begin` and `end` markers in `path` (a generated
    results table in BENCHMARKS.md); every other section stays as written."""
    text = path.read_text("utf-8")
    if begin not in text or end not in text:
        raise SystemExit(f"{path}: markers {begin} … {end} not found — add them around the table")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{table}{end}{tail}", "utf-8")


def edit_loop_parser(description: str, edits: int) -> argparse.ArgumentParser:
    """The options of the benchmarks that edit one speech again and again (bench_rebuild.py,
    bench_serve.py): corpus sizes, edits per size, output folder, corpus seed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--edits", type=int, default=edits)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--seed", type=int, default=2026)
    return parser
