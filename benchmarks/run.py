"""Reproduce the benchmark table of BENCHMARKS.md with one command.

    python benchmarks/run.py                          # sizes 100 500 2000, into benchmarks/out/
    python benchmarks/run.py --sizes 20 --out /tmp/b  # a quick check
    python benchmarks/run.py --update BENCHMARKS.md   # also rewrite the table in BENCHMARKS.md

For each size it generates a corpus from real text (benchmarks/corpus.py), then measures
  1. the core pipeline alone (`pipeline.build`: read, repair, parse, annotate, render the
     pages): seconds and MB of source text per second; then the static files it leaves to
     be made on demand (search index, data exports, source copies);
  2. `mkdocs build` of the repository's configuration over that corpus: wall time, peak RSS;
  3. plain `mkdocs build` of the same Markdown with our plugin switched off, and the ratio;
  4. the site: size, largest page, the search index.
It writes results.json, results.md and the build logs into the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import configs
import corpus
import measure

REPO = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- benchmarks:results:begin -->", "<!-- benchmarks:results:end -->"
TARGETS = {
    "core_mb_per_s": 5.0,
    "wall_s": 60.0,
    "rss_mb": 1500.0,
    "site_mb": 300.0,
    "page_kb": 150.0,
    "ratio": 1.25,
    "growth": 4.5,
    "reuse_share": 0.10,
    "reuse_rss_mb": 300.0,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.core:
        export = Path(args.export) if args.export else None
        print(json.dumps(measure.core(Path(args.core), export)))
        return 0
    if args.profile_only:
        print(measure.profile_core(Path(args.profile_only)))
        return 0
    out = args.out.resolve()
    if args.report_only:  # re-render the table of an earlier run, measuring nothing
        table = render(json.loads((out / "results.json").read_text("utf-8")))
        print(table)
        if args.update:
            update_benchmarks(Path(args.update), table)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    results = {"machine": measure.machine(), "seed": args.seed, "rows": []}
    for size in args.sizes:
        row = measure_size(
            size, out / f"n{size}", args.seed, plain=not args.no_plain, repeat=args.repeat
        )
        results["rows"].append(row)
        print(_row_line(row), flush=True)
    profile_size = args.profile if args.profile is not None else _default_profile(args.sizes)
    if profile_size:
        results["profile"] = _profile(out / f"n{profile_size}", profile_size, args.seed, out)
    table = render(results)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    (out / "results.md").write_text(table, "utf-8")
    print(table)
    if args.update:
        update_benchmarks(Path(args.update), table)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Benchmarks of the speech site.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs build")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement, best counts")
    parser.add_argument("--profile", type=int, help="profile the core at this size (0: never)")
    parser.add_argument("--update", help="rewrite the results section of this BENCHMARKS.md")
    parser.add_argument(
        "--report-only", action="store_true", help="re-render OUT/results.json, measure nothing"
    )
    parser.add_argument("--core", help=argparse.SUPPRESS)  # internal: measure the core in DIR
    parser.add_argument("--export", help=argparse.SUPPRESS)
    parser.add_argument("--profile-only", help=argparse.SUPPRESS)
    return parser


def _default_profile(sizes: list[int]) -> int:
    return 500 if 500 in sizes else 0


def measure_size(
    size: int, work: Path, seed: int, plain: bool = True, repeat: int = 1
) -> dict[str, Any]:
    """Measure one corpus size; with `repeat` > 1 the fastest of the runs counts (the
    full and plain builds alternate, so a burst of load on the machine hits both alike)."""
    corpus.write_corpus(size, work, seed)
    row: dict[str, Any] = {"size": size, "repeat": repeat, "load_before": os.getloadavg()[0]}
    measure.copy_docs(work / "docs")
    measure.copy_docs(work / "plain_docs")
    row["core"] = min(
        (_run_core(work, work / "plain_docs") for _ in range(repeat)), key=lambda c: c["seconds"]
    )
    repo = configs.load_repo_config()
    full = configs.write_config(
        configs.full_config(repo, work / "docs", work / "site"), work / "mkdocs.yml"
    )
    plain_yml = configs.write_config(
        configs.plain_config(
            repo, work / "plain_docs", work / "site-plain",
            row["core"]["extra_css"], row["core"]["extra_javascript"],
        ),
        work / "mkdocs-plain.yml",
    )  # fmt: skip
    fulls, plains = [], []
    for _ in range(repeat):
        fulls.append(_mkdocs(full, work, "full"))
        if plain:
            plains.append(_mkdocs(plain_yml, work, "plain"))
    row["full"] = measure.as_dict(min(fulls, key=lambda t: t.seconds))
    row["site"] = measure.site_stats(work / "site")
    if plains:
        row["plain"] = measure.as_dict(min(plains, key=lambda t: t.seconds))
        row["ratio"] = row["full"]["seconds"] / row["plain"]["seconds"]
        row["plain_differing_files"] = measure.differing_files(work / "site", work / "site-plain")
    row["load_after"] = os.getloadavg()[0]
    return row


def _run_core(work: Path, export: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--core", str(work), "--export", str(export)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"core pipeline failed on {work}:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _mkdocs(config: Path, work: Path, name: str) -> measure.Timed:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    timed = measure.run_timed(command, work / f"{name}-build.log", cwd=work)
    if timed.returncode != 0:
        log = Path(timed.log).read_text("utf-8", errors="replace")
        raise SystemExit(f"mkdocs build ({name}) failed, see {timed.log}:\n{log[-4000:]}")
    return timed


def _profile(work: Path, size: int, seed: int, out: Path) -> dict[str, Any]:
    if not (work / "source_texts").exists():
        corpus.write_corpus(size, work, seed)
    command = [sys.executable, __file__, "--profile-only", str(work)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True)
    path = out / f"profile-{size}.txt"
    path.write_text(done.stdout, "utf-8")
    return {"size": size, "file": str(path)}


def _row_line(row: dict[str, Any]) -> str:
    core, full = row["core"], row["full"]
    ratio = f", ratio {row['ratio']:.2f}" if "ratio" in row else ""
    return (
        f"{row['size']} speeches: core {core['seconds']:.1f} s ({core['mb_per_s']:.1f} MB/s), "
        f"mkdocs {full['seconds']:.1f} s, {full['peak_rss_mb']:.0f} MB RSS{ratio}, "
        f"site {row['site']['site_mb']:.1f} MB"
    )


def render(results: dict[str, Any]) -> str:
    m, rows = results["machine"], results["rows"]
    lines = [
        f"Measured {m['date']} on {m['nproc']} × {m['cpu']}, {m['ram']} RAM; "
        f"Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, "
        f"Markdown {m['markdown']}. Corpus seed {results['seed']}. Times are wall seconds, "
        "with CPU seconds (user + system) in parentheses"
        + (
            f"; best of {rows[0]['repeat']} runs." if rows and rows[0].get("repeat", 1) > 1 else "."
        ),
        "",
        "| speeches | source MB | core s | core MB/s | static files s | mkdocs build s "
        "| peak RSS MB | plain build s | ratio | site MB | HTML pages | largest page KB "
        "| search index MB | load (1 min) |",
        "|" + "---:|" * 14,
    ]
    for row in rows:
        lines.append(_table_row(row))
    lines += ["", *verdicts(rows), "", *stage_lines(rows), "", *generator_lines(rows)]
    lines += ["", *folder_lines(rows)]
    if any("plain_differing_files" in row for row in rows):
        differing = ", ".join(
            f"{row['size']:,}: {row['plain_differing_files']}" for row in rows if "plain" in row
        )
        lines += ["", f"Files differing between the full and the plain site: {differing}."]
    return "\n".join(lines) + "\n"


def _table_row(row: dict[str, Any]) -> str:
    core, full, site = row["core"], row["full"], row["site"]
    plain, ratio = "—", "—"
    if "plain" in row:
        plain = f"{row['plain']['seconds']:.1f} ({row['plain']['cpu_seconds']:.1f})"
        cpu_ratio = full["cpu_seconds"] / row["plain"]["cpu_seconds"]
        ratio = f"{row['ratio']:.2f} ({cpu_ratio:.2f})"
    search = f"{site['search_index_mb']:.1f}" if site["search_index_mb"] is not None else "—"
    cells = [
        f"{row['size']:,}", f"{core['source_mb']:.1f}",
        f"{core['seconds']:.2f} ({core['cpu_seconds']:.2f})",
        f"{core['mb_per_s']:.1f} ({core['cpu_mb_per_s']:.1f})",
        f"{core['static_seconds']:.2f} ({core['static_cpu_seconds']:.2f})",
        f"{full['seconds']:.1f} ({full['cpu_seconds']:.1f})", f"{full['peak_rss_mb']:.0f}",
        plain, ratio, f"{site['site_mb']:.1f}", f"{site['html_pages']:,}",
        f"{site['largest_page_kb']:.0f}", search,
        f"{row['load_before']:.1f} → {row['load_after']:.1f}",
    ]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def folder_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Where the bytes of the site are: MB per top-level folder."""
    if not any(row["site"].get("folders_mb") for row in rows):
        return []
    lines = ["Site size by top-level folder (MB):", ""]
    for row in rows:
        folders = row["site"].get("folders_mb", {})
        parts = ", ".join(
            f"{name if name.startswith('(') else f'`{name}/`'} {mb:.1f}"
            for name, mb in folders.items()
            if mb >= 0.05
        )
        lines.append(f"- {row['size']:,} speeches: {parts}")
    return lines


def generator_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Seconds of each page generator of the renderer, per size (the render stage in detail)."""
    names = list(dict.fromkeys(n for row in rows for n in row["core"].get("generators", {})))
    if not names:
        return []
    lines = [
        "Render stage by generator (pages, then static files): seconds / MB written (peak RSS of the core after it, MB):",
        "",
        "| speeches | " + " | ".join(names) + " |",
        "|" + "---:|" * (len(names) + 1),
    ]
    for row in rows:
        gens = row["core"].get("generators", {})
        cells = [
            f"{g['seconds']:.2f} / {g['mb']:.1f} ({g['peak_rss_mb']:.0f})" if (g := gens.get(n))
            else "—"
            for n in names
        ]  # fmt: skip
        lines.append(f"| {row['size']:,} | " + " | ".join(cells) + " |")
    return lines


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    """Each target judged on wall time, and for times also on CPU time: when the shared
    machine is busy, wall time measures the other jobs too."""
    t = TARGETS
    out = ["Targets (time targets judged on wall time, then on CPU time):", ""]
    largest = max(rows, key=lambda row: row["size"])  # small corpora measure start-up, not speed
    core = largest["core"]
    out.append(_check(f"core ≥ {t['core_mb_per_s']:.0f} MB/s at {largest['size']:,} speeches",
                      core["mb_per_s"], core["cpu_mb_per_s"], "MB/s",
                      lambda v: v >= t["core_mb_per_s"]))  # fmt: skip
    out.append(f"- (for reference, not a target: core and static files one after the other on one "
               f"core, {core['with_static_mb_per_s']:.2f} MB/s; `mkdocs build` makes the static "
               "files in a second process while it renders the pages)")  # fmt: skip
    by_size = {row["size"]: row for row in rows}
    if 2000 in by_size:
        full, site = by_size[2000]["full"], by_size[2000]["site"]
        out.append(_check(f"2,000: build ≤ {t['wall_s']:.0f} s", full["seconds"],
                          full["cpu_seconds"], "s", lambda v: v <= t["wall_s"]))  # fmt: skip
        out.append(_check(f"2,000: peak RSS ≤ {t['rss_mb']:.0f} MB", full["peak_rss_mb"],
                          None, "MB", lambda v: v <= t["rss_mb"]))  # fmt: skip
        out.append(_check(f"2,000: site ≤ {t['site_mb']:.0f} MB", site["site_mb"], None, "MB",
                          lambda v: v <= t["site_mb"]))  # fmt: skip
    out.extend(_reuse_checks(by_size))
    biggest = max(row["site"]["largest_page_kb"] for row in rows)
    out.append(_check(f"no page > {t['page_kb']:.0f} KB", biggest, None, "KB",
                      lambda v: v <= t["page_kb"]))  # fmt: skip
    with_plain = [row for row in rows if "plain" in row]
    if with_plain:
        wall = max(row["ratio"] for row in with_plain)
        cpu = max(row["full"]["cpu_seconds"] / row["plain"]["cpu_seconds"] for row in with_plain)
        out.append(_check(f"full build ≤ {t['ratio']} × plain build (worst size)", wall, cpu, "×",
                          lambda v: v <= t["ratio"]))  # fmt: skip
    if 500 in by_size and 2000 in by_size:
        small, big = by_size[500]["full"], by_size[2000]["full"]
        out.append(_check(f"2,000-speech build ≤ {t['growth']} × 500-speech build",
                          big["seconds"] / small["seconds"],
                          big["cpu_seconds"] / small["cpu_seconds"], "×",
                          lambda v: v <= t["growth"]))  # fmt: skip
    return out


def _reuse_checks(by_size: dict[int, dict[str, Any]]) -> list[str]:
    """Passage reuse detection runs in the build process before the pages are rendered: its
    share of the whole build (wall, then CPU seconds), and how much it raised the core's peak RSS."""
    row = by_size.get(2000) or by_size[max(by_size)]
    stages, full = row["core"]["stages"], row["full"]
    if "corpus_reuse" not in stages:
        return []
    wall = 100 * stages["corpus_reuse"] / full["seconds"]
    cpu = 100 * stages.get("corpus_reuse:cpu", stages["corpus_reuse"]) / full["cpu_seconds"]
    share, size = TARGETS["reuse_share"] * 100, f"{row['size']:,}"
    return [
        _check(f"{size}: reuse detection ≤ {share:.0f} % of the mkdocs build "
               f"({stages['corpus_reuse']:.2f} s of {full['seconds']:.1f} s)",
               wall, cpu, "%", lambda v: v <= share),
        _check(f"{size}: reuse detection adds ≤ {TARGETS['reuse_rss_mb']:.0f} MB to the peak RSS",
               stages.get("corpus_reuse:rss", 0.0), None, "MB",
               lambda v: v <= TARGETS["reuse_rss_mb"]),
    ]  # fmt: skip


def _check(
    target: str, value: float, cpu: float | None, unit: str, ok: Callable[[float], bool]
) -> str:
    line = f"- {'✅' if ok(value) else '❌'} {target}: {_num(value)} {unit}"
    if cpu is not None:
        line += f" wall; {'✅' if ok(cpu) else '❌'} {_num(cpu)} {unit} by CPU time"
    return line


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def stage_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "Core stages (seconds) and output:",
        "",
        "| speeches | read+repair+parse | taxonomy+glossary | annotate | reuse detection "
        "| render pages | speeches parsed | diagnostics (errors) | generated files | Markdown MB "
        "| core peak RSS MB | build warnings |",
        "|" + "---:|" * 12,
    ]
    for row in rows:
        core, stages = row["core"], row["core"]["stages"]
        data = stages.get("load_taxonomy", 0.0) + stages.get("load_glossary", 0.0)
        lines.append(
            "| " + " | ".join([
                f"{row['size']:,}", f"{stages.get('read_corpus', 0.0):.2f}", f"{data:.2f}",
                f"{stages.get('annotate', 0.0):.2f}", f"{stages.get('corpus_reuse', 0.0):.2f}",
                f"{stages.get('render_pages', stages.get('render_site', 0.0)):.2f}",
                f"{core['speeches']:,}", f"{core['diagnostics']:,} ({core['errors']})",
                f"{core['files']:,}", f"{core['markdown_mb']:.1f}", f"{core['peak_rss_mb']:.0f}",
                f"{row['full']['warnings']:,}",
            ]) + " |"
        )  # fmt: skip
    return lines


def update_benchmarks(path: Path, table: str) -> None:
    """Replace only the generated results between the markers; other sections stay."""
    measure.replace_between_markers(path, table, BEGIN, END)


if __name__ == "__main__":
    sys.exit(main())
