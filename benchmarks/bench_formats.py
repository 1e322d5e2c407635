"""Throughput of reading each source format: extraction alone, and extraction + repair + parse.

    .venv/bin/python benchmarks/bench_formats.py [--copies 4] [--repeat 3]

The five seed speeches are written in every format as the tests write them
(tests/format_fixtures.py, tests/pdf_fixtures.py: Markdown, a GBK government web page, a Word
document with automatic numbering, a PDF printed by Chromium — skipped where Chromium is
missing), `--copies` times each. Each format's files are then read `--repeat` times; the
fastest run counts (the machine is shared). Reported per format: files, megabytes of original
bytes, characters of extracted text, seconds, speeches per second and MB per second.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from format_fixtures import NAMES, blocks_of, markdown, seed_speech, web_page, word_document  # noqa: E402
from pdf_fixtures import seed_pdfs  # noqa: E402

from speechsite.pipeline import process_source  # noqa: E402
from speechsite.read import read_source  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def write_files(folder: Path, copies: int) -> dict[str, list[Path]]:
    """Every seed in every format, `copies` times; returns the files by format."""
    files: dict[str, list[Path]] = {}
    printed = _printed_pdfs()
    for name in NAMES:
        blocks = blocks_of(seed_speech(name))
        stem = name.removesuffix(".txt")
        versions = {"txt": (SEEDS / name).read_bytes(), "md": markdown(blocks).encode(),
                    "html": web_page(blocks), "docx": word_document(blocks)}
        if name in printed:
            versions["pdf"] = printed[name]
        for extension, data in versions.items():
            for copy in range(copies):
                path = folder / extension / f"{stem}-{copy}.{extension}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                files.setdefault(extension, []).append(path)
    return files


def _printed_pdfs() -> dict[str, bytes]:
    if not Path("/usr/bin/chromium").exists():
        print("no /usr/bin/chromium: PDF left out (apt-get install chromium)", file=sys.stderr)
        return {}
    return seed_pdfs()


def measure(paths: list[Path], repeat: int) -> dict[str, float]:
    size = sum(path.stat().st_size for path in paths)
    best_read = best_all = float("inf")
    chars = 0
    for _ in range(repeat):
        start = time.perf_counter()
        sources = [read_source(path, path.parent) for path in paths]
        best_read = min(best_read, time.perf_counter() - start)
        start = time.perf_counter()
        for path in paths:
            process_source(read_source(path, path.parent))
        best_all = min(best_all, time.perf_counter() - start)
        chars = sum(len(source.text) for source in sources)
    return {"files": len(paths), "mb": size / 1e6, "chars": chars, "read": best_read, "all": best_all}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4, help="copies of each seed per format")
    parser.add_argument("--repeat", type=int, default=3, help="runs per format; the fastest counts")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    try:
        files = write_files(folder, args.copies)
        print("| format | files | MB in | characters out | extract s | speeches/s | MB/s "
              "| extract + repair + parse s | speeches/s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for extension, paths in files.items():
            r = measure(paths, args.repeat)
            print(f"| .{extension} | {r['files']} | {r['mb']:.2f} | {r['chars']:,} | {r['read']:.2f} "
                  f"| {r['files'] / r['read']:.1f} | {r['mb'] / r['read']:.2f} | {r['all']:.2f} "
                  f"| {r['files'] / r['all']:.1f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
