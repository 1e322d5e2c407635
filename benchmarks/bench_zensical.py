"""Zensical next to MkDocs: the time to build the site each way, at a few corpus sizes.

    python benchmarks/bench_zensical.py                        # 500 and 2,000 speeches
    python benchmarks/bench_zensical.py --sizes 20 --out /tmp/z
    python benchmarks/bench_zensical.py --update BENCHMARKS.md # rewrite its section there

For each size it generates the corpus (corpus.py, the seed of run.py), then runs, each as
its own process with wall time, CPU time and peak RSS:
  1. `mkdocs build` with our plugin (the repository's mkdocs.yml pointed at the corpus);
  2. scripts/build_pages.py — the same pipeline, writing generated/ (pages, data, index);
  3. `zensical build --clean` with the repository's zensical.toml over generated/;
  4. `mkdocs build -f mkdocs.generated.yml` over generated/ (MkDocs without the plugin).
The Zensical path is 2 + 3. Results: OUT/zensical.json and the table in OUT/zensical.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import configs
import corpus
import measure

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BEGIN, END = "<!-- benchmarks:zensical:begin -->", "<!-- benchmarks:zensical:end -->"
STEPS = ("mkdocs", "build_pages", "zensical", "mkdocs_generated")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zensical and MkDocs build times of the speech site.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "zensical")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--update", type=Path, help="rewrite the Zensical section of this BENCHMARKS.md")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = {"machine": {**measure.machine(), "zensical": measure._version("zensical")}, "rows": []}
    for size in args.sizes:
        row = measure_size(size, out / f"n{size}", args.seed)
        results["rows"].append(row)
        print(json.dumps({step: round(row[step]["seconds"], 1) for step in STEPS} | {"size": size}), flush=True)
    table = render(results)
    (out / "zensical.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    (out / "zensical.md").write_text(table, "utf-8")
    print(table)
    if args.update:
        update(args.update, table)
    return 0


def measure_size(size: int, work: Path, seed: int) -> dict[str, Any]:
    corpus.write_corpus(size, work, seed)
    measure.copy_docs(work / "docs")
    config = configs.full_config(configs.load_repo_config(), work / "docs", work / "site")
    configs.write_config(config, work / "mkdocs.yml")
    toml = (REPO / "zensical.toml").read_text("utf-8").replace('site_dir = "site"', 'site_dir = "site-zensical"')
    (work / "zensical.toml").write_text(toml, "utf-8")
    (work / "mkdocs.generated.yml").write_text((REPO / "mkdocs.generated.yml").read_text("utf-8"), "utf-8")
    commands = {
        "mkdocs": [sys.executable, "-m", "mkdocs", "build", "-f", str(work / "mkdocs.yml")],
        "build_pages": [sys.executable, str(REPO / "scripts" / "build_pages.py"), "--config", str(work / "mkdocs.yml")],
        "zensical": [str(BIN / "zensical"), "build", "--clean", "-f", str(work / "zensical.toml")],
        "mkdocs_generated": [sys.executable, "-m", "mkdocs", "build", "-f", str(work / "mkdocs.generated.yml"),
                             "-d", str(work / "site-generated")],
    }  # fmt: skip
    row: dict[str, Any] = {"size": size, "load_before": os.getloadavg()[0]}
    for step, command in commands.items():
        timed = measure.run_timed(command, work / f"{step}.log", cwd=work)
        if timed.returncode != 0:
            log = Path(timed.log).read_text("utf-8", errors="replace")
            raise SystemExit(f"{step} failed, see {timed.log}:\n{log[-4000:]}")
        row[step] = measure.as_dict(timed)
    row["pages"] = {name: len(list((work / name).rglob("*.html"))) for name in ("site", "site-zensical")}
    row["load_after"] = os.getloadavg()[0]
    return row


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Measured {m['date']} on {m['nproc']} × {m['cpu']}; Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['material']}, Zensical {m['zensical']}. Wall seconds, CPU seconds (user + "
        "system) in parentheses, peak RSS of the process in MB.",
        "",
        "| speeches | `mkdocs build` (plugin) | `build_pages.py` | `zensical build` | Zensical path "
        "(script + build) | Zensical path ÷ MkDocs | `mkdocs build` of generated/ | HTML pages (MkDocs / Zensical) "
        "| load (1 min) |",
        "|" + "---:|" * 9,
    ]
    for row in results["rows"]:
        total = row["build_pages"]["seconds"] + row["zensical"]["seconds"]
        total_cpu = row["build_pages"]["cpu_seconds"] + row["zensical"]["cpu_seconds"]
        cells = [
            f"{row['size']:,}", _cell(row["mkdocs"]), _cell(row["build_pages"]), _cell(row["zensical"]),
            f"{total:.1f} ({total_cpu:.1f})",
            f"{total / row['mkdocs']['seconds']:.2f} ({total_cpu / row['mkdocs']['cpu_seconds']:.2f})",
            _cell(row["mkdocs_generated"]), f"{row['pages']['site']:,} / {row['pages']['site-zensical']:,}",
            f"{row['load_before']:.1f} → {row['load_after']:.1f}",
        ]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(timed: dict[str, Any]) -> str:
    return f"{timed['seconds']:.1f} ({timed['cpu_seconds']:.1f}), {timed['peak_rss_mb']:.0f} MB"


def update(path: Path, table: str) -> None:
    """Replace only the generated table between the markers; other sections stay."""
    measure.replace_between_markers(path, table, BEGIN, END)


if __name__ == "__main__":
    sys.exit(main())
