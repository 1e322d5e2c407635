"""One very long speech: does a build take time linear in the speech's length?

Python-Markdown's raw-HTML pass and its block parser each cost O(n²) in the number of
raw-HTML blocks of a page, and a speech page has one per paragraph: before
render/markdown_blocks.py, 60,000 paragraphs took 73 s and 100,000 over ten minutes. This
script builds, with `mkdocs build` and the plugin, a site of the repository's set-up whose
only speech has N short paragraphs (a heading every 1,000), and prints wall and CPU seconds
and peak memory per size, and the seconds per 10,000 paragraphs (flat when linear).

`--markdown` times instead only Python-Markdown converting the speech page, with and without
the plugin's extension (the quadratic part alone; keep N small without it).

    NO_MKDOCS_2_WARNING=1 python benchmarks/bench_long_speech.py --sizes 10000 50000 100000
    NO_MKDOCS_2_WARNING=1 python benchmarks/bench_long_speech.py --markdown --sizes 5000 10000 20000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from measure import REPO, run_timed

OUT = REPO / "benchmarks" / "out" / "long-speech"
MKDOCS = Path(sys.executable).with_name("mkdocs")
EXTENSIONS = ["attr_list", "md_in_html", "toc", "admonition", "pymdownx.details"]


def paragraph(n: int) -> str:
    """A short paragraph of its own: 12–30 characters drawn from the CJK block by a fixed
    generator, so that no two paragraphs are copies or light edits of each other (the reuse
    detector would rightly pair every templated paragraph with every other)."""
    state = n * 2654435761 % 2**32
    chars = []
    for _ in range(12 + n % 19):
        state = (state * 1103515245 + 12345) % 2**31
        chars.append(chr(0x4E00 + state % 0x5000))
    return "".join(chars) + "。"


def speech_text(paragraphs: int) -> str:
    lines = ["在全县安全生产工作会议上的讲话", "同志们："]
    for n in range(1, paragraphs + 1):
        if n % 1000 == 1:
            lines.append(f"{n // 1000 + 1}、关于第{n // 1000 + 1}批重点工作")
        lines.append(paragraph(n))
    return "\n".join(lines) + "\n"


def make_project(folder: Path, paragraphs: int) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    sources = folder / "source_texts"
    sources.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "docs", folder / "docs")
    for data in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(REPO / "source_texts" / data, sources / data)
    (sources / "long.txt").write_text(speech_text(paragraphs), encoding="utf-8")
    return folder


def build_row(paragraphs: int) -> str:
    project = make_project(OUT / f"p{paragraphs}", paragraphs)
    size = (project / "source_texts" / "long.txt").stat().st_size / 1e6
    timed = run_timed([str(MKDOCS), "build", "-q", "-d", str(project / "site")],
                      project / "build.log", project)
    if timed.returncode != 0:
        raise SystemExit(f"mkdocs build failed, see {timed.log}")
    per = timed.seconds / paragraphs * 10_000
    return (f"| {paragraphs:,} | {size:.1f} | {timed.seconds:.1f} | {timed.cpu_seconds:.1f} | "
            f"{timed.peak_rss_mb:.0f} | {per:.2f} |")


def markdown_row(paragraphs: int) -> str:
    import markdown  # only this mode needs it in the driver process

    sys.path.insert(0, str(REPO / "src"))
    from speechsite.pipeline import Options, build
    from speechsite.render.markdown_blocks import ParagraphBlocksExtension

    project = make_project(OUT / f"m{paragraphs}", paragraphs)
    site = build(Options(project / "source_texts"))
    page = next(file.content for file in site.site.pages.files if file.path.startswith("speeches/long/"))
    times = []
    for extra in ([], [ParagraphBlocksExtension()]):
        start = time.perf_counter()
        markdown.Markdown(extensions=EXTENSIONS + extra).convert(str(page))
        times.append(time.perf_counter() - start)
    return f"| {paragraphs:,} | {len(str(page)) / 1e6:.1f} | {times[0]:.1f} | {times[1]:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--markdown", action="store_true", help="time Python-Markdown on the page only")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    if args.markdown:
        print("| paragraphs | page MB | Markdown s, without the extension | with it |\n|---:|---:|---:|---:|")
        rows = [markdown_row(size) for size in args.sizes]
    else:
        print("| paragraphs | source MB | build wall s | CPU s | peak RSS MB | s per 10,000 paragraphs |\n"
              "|---:|---:|---:|---:|---:|---:|")
        rows = [build_row(size) for size in args.sizes]
    print("\n".join(rows))


if __name__ == "__main__":
    main()
